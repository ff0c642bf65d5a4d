#!/usr/bin/env bash
# Runs the example program and checks that it shows what it claims.
set -euo pipefail
png="${TEST_TMPDIR:-/tmp}/owners_example_depth.png"
rm -f "$png"
out=$("$1" "$png" 2>&1)
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
expect "png to a missing folder: NOT_FOUND: WritePng: /nonexistent/depth.png: No such file or directory"
expect "png: $png"
[[ "$(head -c 8 "$png" | od -An -tx1 | tr -d ' \n')" == "89504e470d0a1a0a" ]] || { echo "not a PNG: $png" >&2; exit 1; }
