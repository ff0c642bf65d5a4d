#!/usr/bin/env bash
# The install tree in a scratch prefix, used as an SDK user would: Debian's
# cmake with find_package(k4a 1.4) and k4a::k4a, make with pkg-config k4a
# (shared and static), each program streaming from the emulated device via
# the installed k4a-emulate; then uninstall leaves the prefix as it was.
# Usage: install_test.sh SPEC   (cwd: runfiles, holding //tools/packaging:install_files)
set -euo pipefail
spec=$1
version=$(python3 tools/packaging/spec_version.py "$spec")
major_minor=${version%.*}
work=$(mktemp -d "${TEST_TMPDIR:-/tmp}/install.XXXXXX")
prefix="$work/prefix"
fail() { echo "FAIL: $*"; exit 1; }

mkdir -p "$prefix/lib" && echo "not ours" >"$prefix/lib/keep-me"   # something a user had there
before=$(cd "$prefix" && find . | sort)

echo "== install into $prefix"
tools/packaging/install_tree.sh --manifest tools/packaging/install.manifest --from . --prefix "$prefix"
for f in include/k4a/k4a.h include/k4a/k4atypes.h include/k4a/k4aversion.h include/openk4a/cxx/image.h \
         lib/libk4a.a lib/pkgconfig/k4a.pc lib/cmake/k4a/k4aConfig.cmake lib/cmake/k4a/k4aConfigVersion.cmake \
         bin/k4a-stream bin/k4a-enum bin/k4a-emulate lib/udev/rules.d/99-k4a.rules; do
  [[ -e "$prefix/$f" ]] || fail "$f not installed"
done
[[ -f "$prefix/lib/libk4a.so.$version" ]] || fail "lib/libk4a.so.$version missing"
[[ $(readlink "$prefix/lib/libk4a.so.$major_minor") == "libk4a.so.$version" ]] || fail "SONAME link"
[[ $(readlink "$prefix/lib/libk4a.so") == "libk4a.so.$major_minor" ]] || fail "development link"
soname=$(readelf -d "$prefix/lib/libk4a.so.$version" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
[[ "$soname" == "libk4a.so.$major_minor" ]] || fail "SONAME is '$soname', want libk4a.so.$major_minor"
echo "SONAME $soname"

emulate="$prefix/bin/k4a-emulate"
export PKG_CONFIG_PATH="$prefix/lib/pkgconfig"
[[ $(pkg-config --modversion k4a) == "$version" ]] || fail "pkg-config --modversion k4a: $(pkg-config --modversion k4a)"

echo "== make with pkg-config k4a"
cp -r tests/packaging/consumer "$work/make"
make -C "$work/make" streaming static
readelf -d "$work/make/streaming" | grep -q "NEEDED.*\[libk4a.so.$major_minor\]" || fail "make: not linked against libk4a.so.$major_minor"
readelf -d "$work/make/streaming_static" | grep -q "libk4a" && fail "make static: still needs libk4a.so"
LD_LIBRARY_PATH="$prefix/lib" "$emulate" -- "$work/make/streaming" 5 || fail "pkg-config build did not stream"
"$emulate" -- "$work/make/streaming_static" 5 || fail "static build did not stream"

echo "== cmake with find_package(k4a $major_minor) and k4a::k4a"
cmake -S tests/packaging/consumer -B "$work/cmake" -DCMAKE_PREFIX_PATH="$prefix" | tee "$work/cmake.log"
grep -q "k4a package version: $version" "$work/cmake.log" || fail "CMake package version"
cmake --build "$work/cmake"
readelf -d "$work/cmake/streaming" | grep -q "NEEDED.*\[libk4a.so.$major_minor\]" || fail "cmake: not linked against libk4a.so.$major_minor"
"$emulate" -- "$work/cmake/streaming" 5 || fail "CMake build did not stream"   # CMake set its RUNPATH
newer="${version%%.*}.$((${major_minor#*.} + 1))"
if cmake -S tests/packaging/consumer -B "$work/cmake-newer" -DCMAKE_PREFIX_PATH="$prefix" -DK4A_WANT="$newer" >"$work/newer.log" 2>&1; then
  fail "find_package(k4a $newer) accepted version $version"
fi
grep -q "compatible" "$work/newer.log" && grep -q "version: $version" "$work/newer.log" || { cat "$work/newer.log"; fail "no version refusal"; }

echo "== uninstall"
tools/packaging/install_tree.sh --uninstall --prefix "$prefix"
after=$(cd "$prefix" && find . | sort)
if [[ "$before" != "$after" ]]; then
  diff <(echo "$before") <(echo "$after") || true
  fail "uninstall left the prefix different"
fi
echo "PASS: installed, built with cmake and pkg-config (shared and static), streamed, uninstalled cleanly"
