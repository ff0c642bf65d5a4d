#!/usr/bin/env bash
# The Debian package, inspected without installing it (tools/test.sh deb
# installs it for real with apt-get): Debian's fields, the runtime libraries
# in Depends (as dpkg-shlibdeps found them), the files under /usr with the
# multiarch library folder, k4a.pc and the CMake package pointing at /usr.
# Usage: deb_test.sh DEB
set -euo pipefail
deb=$1
fail() { echo "FAIL: $*"; exit 1; }
multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH)

dpkg-deb --info "$deb"
[[ $(dpkg-deb -f "$deb" Package) == openk4a ]] || fail "Package"
[[ $(dpkg-deb -f "$deb" Architecture) == $(dpkg --print-architecture) ]] || fail "Architecture"
depends=$(dpkg-deb -f "$deb" Depends)
# The shared libraries libk4a.so and the programs load (readelf NEEDED), by package.
for package in libusb-1.0-0 libturbojpeg0 libpng16-16 libc6 libumockdev0 umockdev; do
  [[ ",$depends," == *", $package "* || ",$depends," == *", $package,"* || ",$depends," == *",$package "* ]] ||
    fail "Depends lacks $package: $depends"
done

root=$(mktemp -d "${TEST_TMPDIR:-/tmp}/deb.XXXXXX")
dpkg-deb -x "$deb" "$root"
lib="$root/usr/lib/$multiarch"
for f in usr/include/k4a/k4a.h usr/bin/k4a-stream usr/bin/k4a-enum usr/bin/k4a-emulate \
         "usr/lib/$multiarch/libk4a.a" "usr/lib/$multiarch/pkgconfig/k4a.pc" \
         "usr/lib/$multiarch/cmake/k4a/k4aConfig.cmake" "usr/lib/$multiarch/cmake/k4a/k4aConfigVersion.cmake" \
         usr/lib/udev/rules.d/99-k4a.rules; do
  [[ -e "$root/$f" ]] || fail "/$f missing"
done
real=$(basename "$(readlink -f "$lib/libk4a.so")")
soname=$(readelf -d "$lib/$real" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
[[ -L "$lib/$soname" ]] || fail "no $soname link"
# Every library file the package's ELF files need is either in the package or named by Depends.
for elf in "$lib/$real" "$root"/usr/bin/*; do
  readelf -d "$elf" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'
done | sort -u | while read -r needed; do
  path=$(/sbin/ldconfig -p | awk -v n="$needed" '$1 == n && !seen { print $NF; seen = 1 }')
  [[ -n "$path" ]] || fail "$needed: not found on this system"
  file=$(basename "$(readlink -f "$path")")
  # Debian 12 registers libraries under /lib or /usr/lib (merged /usr): ask for both.
  owner=$( (dpkg -S "/lib/$multiarch/$file" || dpkg -S "/usr/lib/$multiarch/$file") 2>/dev/null |
          sed -n '1s/:.*//p')
  [[ -n "$owner" ]] || fail "$needed ($file): no Debian package owns it"
  [[ "$depends" == *"$owner"* ]] || fail "$needed comes from $owner, which Depends does not name"
done
grep -qx "prefix=/usr" "$lib/pkgconfig/k4a.pc" || fail "k4a.pc prefix"
grep -q "libdir=\${prefix}/lib/$multiarch" "$lib/pkgconfig/k4a.pc" || fail "k4a.pc libdir"
grep -q "\"/usr/lib/$multiarch/$real\"" "$lib/cmake/k4a/k4aConfig.cmake" || fail "k4aConfig.cmake library path"
[[ -z $(find "$root" -path "$root/usr/share/openk4a/installed-files") ]] || fail "the install record belongs to prefix installs, not the .deb"
echo "PASS: $(dpkg-deb -f "$deb" Package) $(dpkg-deb -f "$deb" Version): $(find "$root" -type f | wc -l) files, Depends: $depends"
