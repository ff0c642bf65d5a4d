#!/bin/bash -eu
# ClusterFuzzLite build script: the same build as OSS-Fuzz (tools/oss-fuzz/build.sh).
exec "$SRC/openk4a/tools/oss-fuzz/build.sh"
