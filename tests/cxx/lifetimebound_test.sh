#!/usr/bin/env bash
# Views are lifetime-bound to their image: clang must warn (-Wdangling) on
# every line of dangling_views.cc marked DANGLES, and on no other line.
set -euo pipefail
source_file=$1 includes_file=$2
clang=$(command -v clang++-14 || command -v clang++ || true)
[[ -n $clang ]] || { echo "clang++-14 is needed (it builds the sanitizer configurations too)" >&2; exit 1; }
flags=()
while read -r dir; do flags+=("-I$dir"); done <"$includes_file"
out=$("$clang" -std=c++17 -fsyntax-only -Wdangling "${flags[@]}" "$source_file" 2>&1) || {
  echo "$out"; echo "dangling_views.cc does not compile" >&2; exit 1; }
echo "$out"
warned=$(grep -oE "dangling_views.cc:[0-9]+:[0-9]+: warning: .*\[-Wdangling\]" <<<"$out" | cut -d: -f2 | sort -n | uniq)
marked=$(grep -n "// DANGLES$" "$source_file" | cut -d: -f1 | sort -n)
if [[ "$warned" != "$marked" ]]; then
  echo "lines with -Wdangling: [$(echo $warned)], lines marked DANGLES: [$(echo $marked)]" >&2
  exit 1
fi
echo "PASS: $(wc -w <<<"$marked") dangling views warned about, none elsewhere"
