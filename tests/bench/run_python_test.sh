#!/usr/bin/env bash
# Runs a Python unittest file of the benchmark tools: python3 FILE [ARGS...].
set -eu
exec python3 "$@"
