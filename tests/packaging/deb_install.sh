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
dpkg-query -W openk4a >/dev/null 2>&1 && fail "openk4a is already installed; remove it first"
work=$(mktemp -d /tmp/openk4a-deb.XXXXXX)
trap 'rm -rf "$work"' EXIT
tools/packaging/name_deb.sh "$deb" "$work" >/dev/null   # apt-get wants ./NAME_VERSION_ARCH.deb

export DEBIAN_FRONTEND=noninteractive
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
left=0
while read -r f; do
  [[ -f "$f" || -L "$f" ]] && { echo "left behind: $f" >&2; left=1; }
done <<<"$files"
[[ $left -eq 0 ]] || fail "apt-get purge left files behind"
echo "PASS: apt-get install ./openk4a_${version}_*.deb, cmake and pkg-config builds streamed, purge left nothing"
