#!/usr/bin/env bash
# The project's main job (README's first command): installs what is missing,
# builds with -c opt and runs k4a-stream (tools/stream) with the given
# arguments: 90 captures from the first attached device, or from the built-in
# emulated device when none is attached. `bash tools/run.sh --help` for more.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install_deps.sh
exec bazel run -c opt //tools/stream:k4a-stream -- "$@"
