#!/usr/bin/env bash
# Installs the Debian packages openk4a needs, only those that are missing.
# Usage: tools/install_deps.sh [--bench]   (--bench adds the peer libraries
# the benchmarks compare against and the statistics tools).
set -euo pipefail

packages=(
  bazel-bootstrap pkg-config python3 git
  g++ clang-14 lld-14 libclang-rt-14-dev llvm-14
  libabsl-dev libgtest-dev googletest libbenchmark-dev
  libusb-1.0-0-dev libturbojpeg0-dev libpng-dev
  umockdev libumockdev-dev
  libgstreamer1.0-dev
  libcjson-dev libopencv-dev
  libebml-dev libmatroska-dev mkvtoolnix ffmpeg
  cmake make dpkg-dev
)
# npm installs buildifier (tools/buildifier.sh, the suite's lint step); a
# non-Debian node/npm already on PATH is used as it is.
command -v npm >/dev/null || packages+=(npm)
if [[ "${1:-}" == "--bench" ]]; then
  packages+=(libbenchmark-tools python3-scipy python3-numpy libuvc-dev libopencv-contrib-dev libopen3d-dev libavformat-dev)
fi

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "openk4a: installing missing packages: ${missing[*]}" >&2
if [[ $(id -u) -ne 0 ]]; then
  echo "openk4a: run as root, or install them yourself: apt-get install ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
# A fresh machine has no package lists yet: fetch them first.
compgen -G '/var/lib/apt/lists/*_Packages*' >/dev/null || apt-get update >/dev/null
if ! apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null; then
  apt-get update >/dev/null
  apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null
fi

# Bazel caches @system_libs (what pkg-config found) in each workspace that has
# already built: fetch it again so newly installed libraries (e.g. the
# optional peers of --bench) are seen without a hand-run `bazel sync`.
cd "$(dirname "$0")/.."
for workspace in . examples/consumer; do
  if [[ -e "$workspace/bazel-out" ]]; then
    echo "openk4a: refreshing @system_libs in $workspace" >&2
    (cd "$workspace" && bazel sync --only=system_libs >/dev/null 2>&1) ||
      echo "openk4a: could not refresh @system_libs; run: (cd $workspace && bazel sync --only=system_libs)" >&2
  fi
done
