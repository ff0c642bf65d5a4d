#!/usr/bin/env bash
# The .deb on this machine for real (root; tools/test.sh step "deb"): apt-get
# installs it with its dependencies, then a CMake project (find_package(k4a
# 1.4), k4a::k4a) and a Makefile (pkg-config k4a) build the streaming program
# against /usr, each runs against the emulated device (k4a-emulate from the
# package), and apt-get purge removes every file the package brought.
# Writes to /usr: meant for a fresh Debian 12 root (CI), opt-in elsewhere.
# Usage: tests/packaging/deb_install.sh OPENK4A.deb
set -euo pipefail
cd "$(dirname "$0")/../.."
deb=$(realpath "$1")
fail() { echo "FAIL: $*" >&2; exit 1; }
[[ $(id -u) -eq 0 ]] || fail "installing a .deb needs root"
# A package built under --config=asan/tsan would need the sanitizer runtime
# in every program: refuse it before touching the system.
work=$(mktemp -d /tmp/openk4a-deb.XXXXXX)
installed=0
cleanup() {  # a failed run must not leave the package installed
  [[ $installed -eq 1 ]] && dpkg-query -W openk4a >/dev/null 2>&1 && apt-get purge -y openk4a >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT
dpkg-deb -x "$deb" "$work/contents"
if nm -D --undefined-only "$work"/contents/usr/lib/*/libk4a.so.*.*.* | grep -E "__(asan|tsan|ubsan)_" >/dev/null; then
  fail "$deb was built under a sanitizer configuration; build it with the default one"
fi
dpkg-query -W openk4a >/dev/null 2>&1 && fail "openk4a is already installed; remove it first"
tools/packaging/name_deb.sh "$deb" "$work" >/dev/null   # apt-get wants ./NAME_VERSION_ARCH.deb

export DEBIAN_FRONTEND=noninteractive
installed=1
(cd "$work" && apt-get install -y --no-install-recommends ./openk4a_*.deb) >&2
files=$(dpkg -L openk4a)
version=$(dpkg-query -W -f='${Version}' openk4a)

cp -r tests/packaging/consumer "$work/make"
make -C "$work/make" streaming >&2
k4a-emulate -- "$work/make/streaming" 5 >&2 || fail "pkg-config build did not stream"
cmake -S tests/packaging/consumer -B "$work/cmake" >&2
cmake --build "$work/cmake" >&2
k4a-emulate -- "$work/cmake/streaming" 5 >&2 || fail "CMake build did not stream"
[[ $(pkg-config --modversion k4a) == "$version" ]] || fail "pkg-config k4a version"

apt-get purge -y openk4a >&2
installed=0
left=0
while read -r f; do
  [[ -f "$f" || -L "$f" ]] && { echo "left behind: $f" >&2; left=1; }
done <<<"$files"
[[ $left -eq 0 ]] || fail "apt-get purge left files behind"
echo "PASS: apt-get install ./openk4a_${version}_*.deb, cmake and pkg-config builds streamed, purge left nothing"
