#!/usr/bin/env bash
# Runs the example program and checks that it shows what it claims.
set -euo pipefail
out=$("$1" 2>&1)
echo "$out"
expect() {
  grep -qF -- "$1" <<<"$out" || { echo "missing from the example's output: $1" >&2; exit 1; }
}
expect "wrong stride: INVALID_ARGUMENT: Image::FromOwner: DEPTH16 image 320 pixels wide: stride 100 is below the minimum 640"
expect "buffer still ours: 92160 pixels"
expect "write while shared: FAILED_PRECONDITION: Image::MutableBytes: the image is shared"
expect "centre depth: 804 mm"
expect "as BGRA: INVALID_ARGUMENT: Image::Pixels<Bgra>: image format is DEPTH16; Bgra pixels need BGRA32"
expect "capture: depth yes, ir no, temperature 31.5 C"
expect "C sees 184320 bytes, device time 33000 us"
