#!/usr/bin/env bash
# Runs a Python unittest file (python3 FILE [ARGS...]): the runner of every
# Python test target, so they need no Bazel Python toolchain.
set -eu
exec python3 "$@"
