#!/bin/bash -eu
# OSS-Fuzz build script (projects/openk4a/build.sh in google/oss-fuzz): the
# real one lives in the openk4a repository, next to the fuzz target manifests.
exec "$SRC/openk4a/tools/oss-fuzz/build.sh"
