#!/usr/bin/env bash
# Runs buildifier (Bazel's formatter and linter), installing it first from the
# npm registry (@bazel/buildifier, which ships the linux binary) into a cache
# folder, never globally. Arguments go to buildifier, e.g.
#   tools/buildifier.sh -mode=check -lint=warn MODULE.bazel bazel/extensions.bzl
set -euo pipefail
version=8.2.1
cache="${OPENK4A_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/openk4a}/buildifier-$version"
binary="$cache/node_modules/@bazel/buildifier/buildifier.js"
if [[ ! -f "$binary" ]]; then
  command -v npm >/dev/null || { echo "buildifier.sh: npm is missing (tools/install_deps.sh installs it)" >&2; exit 1; }
  echo "buildifier.sh: installing @bazel/buildifier@$version into $cache" >&2
  mkdir -p "$cache"
  npm install --silent --no-audit --no-fund --prefix "$cache" "@bazel/buildifier@$version" >&2
fi
exec node "$binary" "$@"
