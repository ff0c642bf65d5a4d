#!/usr/bin/env bash
# Builds openk4a.deb with Debian's own tools: the install set staged under
# /usr (multiarch library folder), Depends from dpkg-shlibdeps over every
# ELF file, dpkg-deb --root-owner-group.
# Usage: build_deb.sh OUT.deb SPEC MANIFEST FROM... (run by //tools/packaging:openk4a_deb)
set -euo pipefail
out=$1 spec=$2 manifest=$3; shift 3
from=()
for dir in "$@"; do from+=(--from "$dir"); done
here=$(dirname "$0")

version=$(python3 "$here/spec_version.py" "$spec")
arch=$(dpkg --print-architecture)
multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
stage="$work/stage"

"$here/install_tree.sh" --manifest "$manifest" "${from[@]}" --prefix /usr --libdir "lib/$multiarch" \
  --destdir "$stage" --no-record >/dev/null

# dpkg-shlibdeps reads the package names from a debian/control.
mkdir -p "$work/src/debian"
printf 'Source: openk4a\n\nPackage: openk4a\nArchitecture: any\n' >"$work/src/debian/control"
elves=()
while IFS= read -r f; do
  [[ $(head -c 4 "$f" | tail -c 3) == ELF ]] && elves+=("-e$f")
done < <(find "$stage" -type f)
shlibs=$(cd "$work/src" && dpkg-shlibdeps -O "${elves[@]}" 2>"$work/shlibdeps.log" | sed -n 's/^shlibs:Depends=//p')
[[ -n "$shlibs" ]] || { cat "$work/shlibdeps.log" >&2; echo "build_deb.sh: dpkg-shlibdeps found nothing" >&2; exit 1; }

mkdir -p "$stage/DEBIAN"
cat >"$stage/DEBIAN/control" <<CONTROL
Package: openk4a
Version: $version
Architecture: $arch
Maintainer: openk4a developers <openk4a@localhost>
Section: libs
Priority: optional
Installed-Size: $(du -sk --exclude=DEBIAN "$stage" | cut -f1)
Depends: $shlibs, umockdev
Description: open Azure Kinect (k4a $version) library, headers and tools
 libk4a.so.${version%.*} (the k4a $version C API over libusb, and the openk4a C++
 layer), libk4a.a, the headers, k4a.pc and the CMake package k4a (k4a::k4a),
 k4a-stream, k4a-enum and k4a-emulate (the emulated device; it needs umockdev).
CONTROL
dpkg-deb --root-owner-group -Zxz --build "$stage" "$out" >/dev/null
