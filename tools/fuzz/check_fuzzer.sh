#!/usr/bin/env bash
# <x>_fuzzer_convention_test entry point (python3, no Bazel Python toolchain).
# Tests run from the workspace's runfiles root, where check_fuzzer.py is data.
exec python3 tools/fuzz/check_fuzzer.py "$@"
