#!/bin/bash -eu
# OSS-Fuzz / ClusterFuzzLite build script for openk4a.
#
# Runs inside the engine's builder image with $SRC, $WORK, $OUT, $CC, $CXX,
# $CFLAGS, $CXXFLAGS and $LIB_FUZZING_ENGINE set by the engine. Builds every
# fuzz target listed in tools/oss-fuzz/targets/ (generated from the Bazel
# build graph) straight from the sources, and ships each one's dictionary,
# options and seed corpus. See fuzz/README.md ("Scaling out").
#
# OSS-Fuzz builds C++ against libc++ (-stdlib=libc++), so C++ system libraries
# built against libstdc++ (Debian/Ubuntu abseil) cannot be linked: when the
# image has $SRC/abseil-cpp (see the Dockerfile), abseil is built here with the
# engine's flags and found through pkg-config first.

repo="${OPENK4A_SRC:-$SRC/openk4a}"

if [[ -d "$SRC/abseil-cpp" && ! -f "$WORK/abseil/.built" ]]; then
  cmake -S "$SRC/abseil-cpp" -B "$WORK/abseil-build" -G "Unix Makefiles" \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_C_COMPILER="$CC" -DCMAKE_CXX_COMPILER="$CXX" \
    -DCMAKE_C_FLAGS="$CFLAGS" -DCMAKE_CXX_FLAGS="$CXXFLAGS" \
    -DCMAKE_CXX_STANDARD=17 -DABSL_PROPAGATE_CXX_STD=ON \
    -DBUILD_SHARED_LIBS=OFF -DBUILD_TESTING=OFF \
    -DCMAKE_INSTALL_PREFIX="$WORK/abseil"
  cmake --build "$WORK/abseil-build" -j"$(nproc)"
  cmake --install "$WORK/abseil-build"
  touch "$WORK/abseil/.built"
fi
if [[ -d "$WORK/abseil" ]]; then
  for dir in "$WORK"/abseil/lib*/pkgconfig; do
    export PKG_CONFIG_PATH="$dir${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
  done
fi

python3 "$repo/tools/oss-fuzz/build_fuzzers.py" --src "$repo" --out "$OUT" --work "$WORK" \
  --jobs "${OPENK4A_BUILD_JOBS:-$(nproc)}"
