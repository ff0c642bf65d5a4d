#!/usr/bin/env bash
# Fails when a checked-in generated file differs from a fresh generation.
# Args: PACKAGE NAME (CHECKED_IN GENERATED)...
set -u
package=$1 name=$2; shift 2
status=0
while [[ $# -gt 0 ]]; do
  if ! diff -u "$1" "$2"; then
    echo "DRIFT: $1 is not what the generator makes of the spec now." >&2
    status=1
  fi
  shift 2
done
if [[ $status -ne 0 ]]; then
  echo "Regenerate with: bazel run //${package}:${name}_update" >&2
else
  echo "generated files match their spec"
fi
exit $status
