#!/usr/bin/env bash
# Runs a python3 test script from the runfiles root (no Bazel Python toolchain).
exec python3 "$@"
