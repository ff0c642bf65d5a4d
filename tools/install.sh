#!/usr/bin/env bash
# Installs openk4a for use outside Bazel, or removes it again.
#
#   tools/install.sh --prefix /opt/openk4a          headers, libk4a.so/.a, k4a.pc,
#                                                   the CMake package, k4a-stream,
#                                                   k4a-enum, k4a-emulate
#   tools/install.sh --uninstall --prefix /opt/openk4a
#   tools/install.sh --deb OUTDIR                   the Debian package instead
#
# Builds optimised (-c opt) with Bazel first. Then, for a prefix P: CMake
# finds the package with -DCMAKE_PREFIX_PATH=P, pkg-config with
# PKG_CONFIG_PATH=P/lib/pkgconfig; programs linked with pkg-config need
# LD_LIBRARY_PATH=P/lib unless P/lib is a system library folder.
set -euo pipefail
cd "$(dirname "$0")/.."

prefix="" uninstall=0 deb=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --prefix) prefix=$2; shift 2 ;;
    --prefix=*) prefix=${1#*=}; shift ;;
    --uninstall) uninstall=1; shift ;;
    --deb) deb=$2; shift 2 ;;
    -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "install.sh: unknown argument '$1' (--help)" >&2; exit 2 ;;
  esac
done

if [[ -n "$deb" ]]; then
  bazel build -c opt //tools/packaging:openk4a_deb >&2
  mkdir -p "$deb"
  exec tools/packaging/name_deb.sh "$(bazel info -c opt bazel-bin 2>/dev/null)/tools/packaging/openk4a.deb" "$deb"
fi
[[ -n "$prefix" ]] || { echo "install.sh: --prefix P is needed (--help)" >&2; exit 2; }
prefix=$(realpath -m "$prefix")
if [[ $uninstall -eq 1 ]]; then
  exec tools/packaging/install_tree.sh --uninstall --prefix "$prefix"
fi
bazel build -c opt //tools/packaging:install_files >&2
bin=$(bazel info -c opt bazel-bin 2>/dev/null)
tools/packaging/install_tree.sh --manifest "$bin/tools/packaging/install.manifest" \
  --from "$bin" --from . --prefix "$prefix"
