#!/usr/bin/env bash
# Copies openk4a's install set (the manifest written by //tools/packaging:install_set)
# under a prefix, or removes what an earlier install put there.
#
#   install_tree.sh --manifest M --from DIR [--from DIR...] --prefix P
#                   [--libdir lib] [--destdir D] [--no-record]
#   install_tree.sh --uninstall --prefix P [--destdir D]
#
# Files are looked up under each --from folder in turn (Bazel's bazel-bin and
# the source tree, or a test's runfiles). Paths written into k4a.pc and the
# CMake package are PREFIX/LIBDIR, without DESTDIR (DESTDIR stages a package).
# An install records every file and every folder it created in
# PREFIX/share/openk4a/installed-files (unless --no-record, for packages
# whose manager keeps that list); --uninstall removes exactly those, so a
# prefix that held other things keeps them and an empty one ends up empty.
set -euo pipefail

manifest="" prefix="" libdir="lib" destdir="" record=1 uninstall=0
from=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --manifest) manifest=$2; shift 2 ;;
    --from) from+=("$2"); shift 2 ;;
    --prefix) prefix=$2; shift 2 ;;
    --libdir) libdir=$2; shift 2 ;;
    --destdir) destdir=$2; shift 2 ;;
    --no-record) record=0; shift ;;
    --uninstall) uninstall=1; shift ;;
    *) echo "install_tree.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
[[ -n "$prefix" && "$prefix" == /* ]] || { echo "install_tree.sh: --prefix must be an absolute path" >&2; exit 2; }
prefix=${prefix%/}
root="${destdir}${prefix}"
record_file="share/openk4a/installed-files"

if [[ $uninstall -eq 1 ]]; then
  [[ -f "$root/$record_file" ]] || { echo "install_tree.sh: nothing installed under $prefix ($record_file missing)" >&2; exit 1; }
  # Files first (the record among them), then folders deepest first, each
  # only if it is empty now.
  record=$(sort -r -t$'\t' -k2 "$root/$record_file")
  files=0 dirs=0
  while IFS=$'\t' read -r kind path; do
    [[ $kind == dir ]] && continue
    rm -f "$root/$path" && files=$((files + 1))
  done <<<"$record"
  while IFS=$'\t' read -r kind path; do
    [[ $kind == dir ]] || continue
    rmdir "$root/$path" 2>/dev/null && dirs=$((dirs + 1)) || true
  done <<<"$record"
  echo "openk4a: removed $files files and $dirs folders from $prefix"
  exit 0
fi

[[ -n "$manifest" && ${#from[@]} -gt 0 ]] || { echo "install_tree.sh: --manifest and --from are needed" >&2; exit 2; }
find_source() {
  local base
  for base in "${from[@]}"; do
    [[ -e "$base/$1" ]] && { echo "$base/$1"; return; }
  done
  echo "install_tree.sh: $1 not found under ${from[*]} (build //tools/packaging:install_files)" >&2
  exit 1
}

installed=()
make_dirs() {  # records the folders this install creates
  local dir=$1 missing=()
  while [[ ! -d "$root/$dir" && "$dir" != . ]]; do
    missing=("$dir" "${missing[@]}")
    dir=$(dirname "$dir")
  done
  for dir in "${missing[@]}"; do
    mkdir "$root/$dir"
    installed+=("dir	$dir")
  done
}

mkdir -p "$root"
while IFS=$'\t' read -r kind dest source; do
  dest=${dest//@LIBDIR@/$libdir}
  make_dirs "$(dirname "$dest")"
  case "$kind" in
    file) install -m 644 "$(find_source "$source")" "$root/$dest" ;;
    exec) install -m 755 "$(find_source "$source")" "$root/$dest" ;;
    template)
      sed -e "s|@PREFIX@|$prefix|g" -e "s|@LIBDIR@|$libdir|g" "$(find_source "$source")" >"$root/$dest"
      chmod 644 "$root/$dest" ;;
    link) ln -sfn "$source" "$root/$dest" ;;
    *) echo "install_tree.sh: bad manifest line: $kind $dest" >&2; exit 1 ;;
  esac
  installed+=("file	$dest")
done <"$manifest"

if [[ $record -eq 1 ]]; then
  make_dirs "$(dirname "$record_file")"
  installed+=("file	$record_file")
  printf '%s\n' "${installed[@]}" >"$root/$record_file"
fi
echo "openk4a: installed ${#installed[@]} files and folders under ${destdir}${prefix}"
