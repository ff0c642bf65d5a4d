#!/usr/bin/env bash
# Puts the tree in its one style, or with --check lists the files that are not
# in it and fails. C and C++ (.c .h .cc .hpp): clang-format-14 with the
# project's .clang-format. Bazel files (BUILD, *.bzl, WORKSPACE, MODULE.bazel):
# buildifier (tools/buildifier.sh). Only files git knows are looked at.
#   tools/format.sh            rewrite every file in place
#   tools/format.sh --check    change nothing; exit 1 when a file would change
set -euo pipefail
cd "$(dirname "$0")/.."
check=false
case "${1:-}" in
  --check) check=true ;;
  "") ;;
  *) echo "usage: tools/format.sh [--check]" >&2; exit 2 ;;
esac
clang_format=$(command -v clang-format-14 || command -v clang-format || true)
[[ -n "$clang_format" ]] || { echo "format.sh: clang-format-14 is missing (tools/install_deps.sh installs it)" >&2; exit 1; }

mapfile -t c_files < <(git ls-files '*.c' '*.h' '*.cc' '*.hpp')
mapfile -t bazel_files < <(git ls-files 'BUILD' '*/BUILD' '*.BUILD' '*.bzl' 'WORKSPACE' 'MODULE.bazel')

status=0
if $check; then
  # One clang-format run for all files; each violation names its file first.
  mapfile -t unformatted < <("$clang_format" --style=file --dry-run --Werror "${c_files[@]}" 2>&1 |
                              sed -n 's/^\([^: ]*\):[0-9]*:[0-9]*: error: code should be clang-formatted.*/\1/p' | sort -u)
  if [[ ${#unformatted[@]} -gt 0 ]]; then
    printf 'not in the project style (clang-format): %s\n' "${unformatted[@]}" >&2
    status=1
  fi
  tools/buildifier.sh -mode=check "${bazel_files[@]}" >&2 || status=1
  if [[ $status -ne 0 ]]; then
    echo "format.sh: run tools/format.sh to fix" >&2
  else
    echo "format.sh: ${#c_files[@]} C/C++ files and ${#bazel_files[@]} Bazel files are in the project style" >&2
  fi
else
  "$clang_format" -i --style=file "${c_files[@]}"
  tools/buildifier.sh -mode=fix "${bazel_files[@]}"
fi
exit $status
