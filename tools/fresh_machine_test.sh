#!/usr/bin/env bash
# Runs a command on a pristine Debian 12 machine: a fresh root made from
# Debian's packages only (mmdebstrap), holding a clean clone of this checkout
# and a copy of ../shared beside it. A missing install step fails here even
# when this machine happens to have the package. CI runs the test suite this
# way (.ci/run).
#
#   tools/fresh_machine_test.sh                       bash tools/test.sh
#   tools/fresh_machine_test.sh bash tools/run.sh     any command, run from
#                                                     the clone's top folder
#   tools/fresh_machine_test.sh --new-base ...        make the base again
#
# Needs root (mounts and chroot). The clone is of the committed HEAD, as CI
# sees it: uncommitted changes are not in it.
#
# The base tarball is cached in $OPENK4A_FRESH_CACHE (default
# /var/cache/openk4a-fresh) and only ever unpacked, never run in, so it stays
# pristine; the root a command ran in is always deleted. Exit status: the
# command's.
set -uo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cache_dir=${OPENK4A_FRESH_CACHE:-/var/cache/openk4a-fresh}
base="$cache_dir/bookworm-apt.tar"

new_base=0
if [[ "${1:-}" == "--new-base" ]]; then new_base=1; shift; fi
if [[ "${1:-}" == "-h" || "${1:-}" == "--help" ]]; then sed -n '2,19p' "$0"; exit 0; fi
command=("$@")
[[ ${#command[@]} -eq 0 ]] && command=(bash tools/test.sh)

log() { echo "fresh-machine: $*" >&2; }

if [[ $(id -u) -ne 0 ]]; then
  log "must run as root (it mounts /proc, /sys and /dev into the new root and chroots)"
  exit 2
fi
if ! command -v mmdebstrap >/dev/null; then
  log "installing mmdebstrap"
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends mmdebstrap >/dev/null ||
    { apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends mmdebstrap >/dev/null; } ||
    { log "cannot install mmdebstrap"; exit 2; }
fi

started=$SECONDS
if [[ $new_base -eq 1 || ! -f "$base" || ! -s "$base" ]]; then
  # Not a tarball (a folder an earlier run left, which nothing was ever mounted into): made again.
  rm -rf --one-file-system "$base" "$base.partial"
  mkdir -p "$cache_dir"
  log "making the base: mmdebstrap --variant=apt bookworm (Debian's packages only)"
  # Snapshot mirrors serve Release files past their Valid-Until date. The format is named:
  # mmdebstrap reads it from the file name's extension otherwise, and ".partial" makes a folder.
  if ! mmdebstrap --quiet --format=tar --variant=apt --include=ca-certificates \
      --aptopt='Acquire::Check-Valid-Until "false"' bookworm "$base.partial" >&2; then
    rm -rf --one-file-system "$base.partial"; log "mmdebstrap failed"; exit 2
  fi
  mv "$base.partial" "$base"
  log "base made in $((SECONDS - started)) s"
fi

root=$(mktemp -d /var/tmp/openk4a-fresh.XXXXXX)
root=$(cd "$root" && pwd -P)

# Processes started inside the root (Bazel's server outlives its command)
# keep the mounts busy: stop them first.
kill_inside() {
  local pid link signal
  for signal in TERM KILL; do
    for pid in $(ls /proc | grep -E '^[0-9]+$'); do
      link=$(readlink "/proc/$pid/root" 2>/dev/null) || continue
      [[ "$link" == "$root" || "$link" == "$root"/* ]] && kill -s "$signal" "$pid" 2>/dev/null
    done
    [[ $signal == TERM ]] && sleep 2
  done
}

cleanup() {
  trap - EXIT INT TERM
  kill_inside
  local m
  for m in dev sys proc; do
    mountpoint -q "$root/$m" && { umount -R "$root/$m" 2>/dev/null || umount -R -l "$root/$m"; }
  done
  # Never delete through a live mount: a recursive delete through the /dev
  # bind mount would destroy the host's /dev.
  if grep -q " $root/" /proc/mounts; then
    log "mounts remain under $root; left in place, remove it by hand after unmounting"
    return
  fi
  rm -rf --one-file-system "$root"
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT
trap 'log "terminated"; exit 143' TERM

tar -xf "$base" -C "$root" || { log "cannot unpack $base"; exit 2; }
mount -t proc proc "$root/proc"
mount -t sysfs sysfs "$root/sys"
mount --rbind /dev "$root/dev"
mount --make-rslave "$root/dev"
cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
# The host's network setup, not packages: certificate authorities it added
# (e.g. a proxy's) so npm reaches its registry over HTTPS as the host does.
if compgen -G '/usr/local/share/ca-certificates/*.crt' >/dev/null; then
  cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/"
  chroot "$root" update-ca-certificates >/dev/null 2>&1 || log "update-ca-certificates failed inside the root"
fi

mkdir -p "$root/w"
git clone --quiet --no-hardlinks "$here" "$root/w/main" || { log "git clone failed"; exit 2; }
if [[ -d "$here/../shared" ]]; then
  cp -a "$here/../shared" "$root/w/shared"
else
  log "no ../shared beside the checkout: tests that read real data will skip"
fi
log "root ready in $((SECONDS - started)) s: $root; running: ${command[*]}"

run_started=$SECONDS
chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root CI="${CI:-true}" \
  TERM="${TERM:-dumb}" LANG=C.UTF-8 NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt bash -c 'cd /w/main && "$@"' fresh-machine "${command[@]}" &
child=$!
wait "$child"
status=$?
log "command exited with $status after $((SECONDS - run_started)) s (total $((SECONDS - started)) s)"
exit $status
