#!/usr/bin/env bash
# The shared library exports exactly the functions its public headers declare
# (tools/packaging/exported_symbols.py), and the checker itself notices a
# declared function that is missing and an export nobody declared.
# Usage: exported_symbols_test.sh CHECKER LIBRARY HEADERS_MANIFEST
set -euo pipefail
checker=$1 library=$2 manifest=$3

echo "== $library against its public headers"
python3 "$checker" --library "$library" --headers "$manifest"

# The checker must be able to fail: a tiny library with one export too many
# and one declared function missing.
work=$(mktemp -d "${TEST_TMPDIR:-/tmp}/symbols.XXXXXX")
mkdir -p "$work/include/demo"
cat >"$work/include/demo/demo.h" <<'H'
#ifdef __cplusplus
extern "C" {
#endif
int demo_present(void);
int demo_missing(void);
static inline int demo_inline(void) { return 1; }
#ifdef __cplusplus
}
#endif
H
printf 'int demo_present(void) { return 0; }\nint demo_undeclared(void) { return 2; }\n' >"$work/demo.c"
gcc -shared -fPIC -o "$work/libdemo.so" "$work/demo.c"
printf 'demo/demo.h\t%s\n' "$work/include/demo/demo.h" >"$work/demo.manifest"
if python3 "$checker" --library "$work/libdemo.so" --headers "$work/demo.manifest" >"$work/out.txt"; then
  cat "$work/out.txt"; echo "FAIL: the checker accepted a library that differs from its header"; exit 1
fi
cat "$work/out.txt"
grep -q "declared in a public header but not exported: demo_missing" "$work/out.txt"
grep -q "exported but not declared in a public header: demo_undeclared" "$work/out.txt"
if grep -q "demo_present\|demo_inline" "$work/out.txt"; then
  echo "FAIL: a matching or inline function was reported"; exit 1
fi
echo "PASS"
