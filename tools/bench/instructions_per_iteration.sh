#!/usr/bin/env bash
# Instructions one benchmark iteration executes, counted by callgrind: a figure
# that does not move with the machine's load, for fast paths whose time a busy
# 2-core machine cannot resolve. Two runs of different lengths, each counted
# only inside the benchmark function; the difference of their instruction
# totals over the difference of their calls of PER_CALL (a function called
# once per iteration) cancels set-up and Google Benchmark's calibration.
#   tools/bench/instructions_per_iteration.sh BINARY BENCHMARK [PER_CALL]
#   e.g. bazel build -c opt //bench/image:image_benchmark
#        tools/bench/instructions_per_iteration.sh bazel-bin/bench/image/image_benchmark BM_Create1MiB_openk4a
# PER_CALL defaults to k4a_image_release. Needs valgrind.
set -euo pipefail
[[ $# -ge 2 ]] || { sed -n '2,11p' "$0" >&2; exit 2; }
binary=$1 name=$2 per_call=${3:-k4a_image_release}
command -v valgrind >/dev/null || { echo "valgrind is missing (apt-get install valgrind)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
filter="^$(printf '%s' "$name" | sed 's/[]*.^$[]/\\&/g')\$"
function_glob="*${name%%/*}(*"

count() {  # prints "calls instructions" for one run of min_time $1
  local out="$work/callgrind.$1"
  valgrind --tool=callgrind --callgrind-out-file="$out" --toggle-collect="$function_glob" \
    "$binary" --benchmark_filter="$filter" --benchmark_min_time="$1" >/dev/null 2>&1
  python3 - "$out" "$per_call" <<'PY'
import re, sys
names, calls, callee, total = {}, 0, None, 0
for line in open(sys.argv[1]):
    m = re.match(r"c?fn=\((\d+)\)(?: (.*))?", line)
    if m:
        if m.group(2):
            names[m.group(1)] = m.group(2).strip()
        if line.startswith("cfn"):
            callee = names.get(m.group(1))
        continue
    m = re.match(r"calls=(\d+)", line)
    if m and callee == sys.argv[2]:
        calls += int(m.group(1))
    m = re.match(r"(?:summary|totals): (\d+)", line)
    if m:
        total = int(m.group(1))
print(calls, total)
PY
}
read -r calls1 total1 < <(count 0.01)
read -r calls2 total2 < <(count 0.05)
python3 - "$name" "$per_call" "$calls1" "$total1" "$calls2" "$total2" <<'PY'
import sys
name, per_call, c1, t1, c2, t2 = sys.argv[1], sys.argv[2], *map(int, sys.argv[3:])
if c2 <= c1:
    sys.exit("%s: %s was not called more often in the longer run (%d vs %d)" % (name, per_call, c1, c2))
print("%s: %.1f instructions/iteration (%d vs %d calls of %s)" % (name, (t2 - t1) / (c2 - c1), c1, c2, per_call))
PY
