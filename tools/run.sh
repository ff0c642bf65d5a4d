#!/usr/bin/env bash
# The project's main job (README's first command): installs what is missing,
# builds with -c opt and runs the main program with the given arguments.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install_deps.sh
exec bazel run -c opt //tools:openk4a_info -- "$@"
