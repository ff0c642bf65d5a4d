#!/usr/bin/env bash
# Copies a built openk4a.deb to OUTDIR under Debian's name, PACKAGE_VERSION_ARCH.deb.
# Usage: name_deb.sh DEB OUTDIR
set -euo pipefail
deb=$1 outdir=$2
name="$(dpkg-deb -f "$deb" Package)_$(dpkg-deb -f "$deb" Version)_$(dpkg-deb -f "$deb" Architecture).deb"
cp -f "$deb" "$outdir/$name"
chmod 644 "$outdir/$name"
echo "$outdir/$name"
