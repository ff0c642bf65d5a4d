#!/usr/bin/env bash
# One version everywhere: the spec's k4a_version, read back from each built
# artefact by its own means (never from the header macro they share):
# openk4a_version_string() called in libk4a.so (ctypes), the SONAME, k4a.pc
# (pkg-config), the CMake package (cmake -P), the .deb (dpkg-deb) and
# `k4a-stream --version`.
# Also the bzlmod module's version in MODULE.bazel (written by hand there).
# Usage: version_test.sh SPEC LIBK4A_SO K4A_PC K4A_CONFIG_VERSION DEB K4A_STREAM MODULE.bazel
set -euo pipefail
spec=$1 so=$2 pc=$3 cmake_version=$4 deb=$5 stream=$6 module=$7
want=$(python3 tools/packaging/spec_version.py "$spec")
work=$(mktemp -d "${TEST_TMPDIR:-/tmp}/version.XXXXXX")
failed=0
check() {  # what, value
  if [[ "$2" == "$want" ]]; then echo "ok   $1: $2"; else echo "FAIL $1: '$2', the spec says $want"; failed=1; fi
}

check "openk4a_version_string() in libk4a.so" "$(python3 -c '
import ctypes, sys
lib = ctypes.CDLL(sys.argv[1])
lib.openk4a_version_string.restype = ctypes.c_char_p
print(lib.openk4a_version_string().decode())' "$PWD/$so")"
soname=$(readelf -d "$so" | sed -n 's/.*(SONAME).*\[libk4a\.so\.\(.*\)\]/\1/p')
check "SONAME libk4a.so.MAJOR.MINOR (+ .PATCH)" "$soname.${want##*.}"
mkdir -p "$work/pc" && sed -e 's|@PREFIX@|/usr|' -e 's|@LIBDIR@|lib|' "$pc" >"$work/pc/k4a.pc"
check "k4a.pc" "$(PKG_CONFIG_PATH="$work/pc" pkg-config --modversion k4a)"
printf 'set(CMAKE_SIZEOF_VOID_P 8)\nset(PACKAGE_FIND_VERSION 1.0)\ninclude("%s")\nmessage("${PACKAGE_VERSION}")\n' "$PWD/$cmake_version" >"$work/v.cmake"
check "k4aConfigVersion.cmake" "$(cmake -P "$work/v.cmake" 2>&1)"
check ".deb Version" "$(dpkg-deb -f "$deb" Version)"
check "MODULE.bazel module(version)" "$(sed -n 's/^ *version = "\(.*\)",$/\1/p' "$module" | head -1)"
check "k4a-stream --version" "$("$stream" --version | sed -n 's/.*(openk4a \(.*\))$/\1/p')"
exit $failed
