#!/usr/bin/env bash
# `bazel run` target: copies freshly generated files over the checked-in ones.
# Args: PACKAGE (CHECKED_IN GENERATED)...
set -eu
package=$1; shift
cd "$BUILD_WORKSPACE_DIRECTORY"
while [[ $# -gt 0 ]]; do
  target=$1 generated=$OLDPWD/$2
  if ! cmp -s "$generated" "$target"; then
    install -m 0644 "$generated" "$target"
    echo "updated $target"
  fi
  shift 2
done
