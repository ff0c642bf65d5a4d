#!/usr/bin/env bash
# Runs an SDK-style program on the shared calibration blob; skips (passes) when it is absent.
set -euo pipefail
program="$1"
root="$(dirname "$(readlink -f README.md)")"
data="${OPENK4A_TESTDATA:-$root/../shared/testdata}/recordings/azure_kinect_pyk4a_calibration.json"
if [[ ! -f "$data" ]]; then
  echo "SKIP: shared testdata absent ($data)"
  exit 0
fi
exec "$program" "$data"
