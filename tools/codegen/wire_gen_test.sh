#!/usr/bin/env bash
# Runs the wire generator's Python unit tests (no Bazel Python toolchain needed).
set -eu
exec python3 "$1" -v
