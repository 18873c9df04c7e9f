#!/usr/bin/env bash
# Docker Compose v2 for the compose-file tests, without a Docker engine: `docker compose config` loads, validates
# and normalises a compose file with the real implementation (compose-go: the Compose Specification's schema, then
# its semantic checks) and needs no daemon. Debian bookworm's docker-compose is 1.29 (no top-level `name`), so the
# plugin binary comes from trixie's docker-compose package on Debian's mirror, checked by its SHA-256.
#
#   compose.sh install      download the .deb once and cache the binary outside the clone
#   compose.sh path         print the cached binary's path (exit 1 when it is not installed)
#   compose.sh run ARGS...  run it (compose.sh run -f docker-compose.yml config -q)
#
# Environment: METALLB_SVC_CACHE (default /var/cache/metallb-svc) holds the binary.
set -euo pipefail

readonly VERSION=2.26.1-4
readonly DEB_URL=http://deb.debian.org/debian/pool/main/d/docker-compose/docker-compose_${VERSION}_amd64.deb
readonly DEB_SHA256=47681197cb2b1ab88206b42a1a92fc75f50d9530a6322d03494a473eed0408ea
readonly CACHE=${METALLB_SVC_CACHE:-/var/cache/metallb-svc}
readonly BIN=$CACHE/docker-compose-$VERSION/docker-compose
SELF=$(readlink -f "$0")
readonly SELF

log() { printf '[compose.sh] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

cmd_install() {
  if [ -x "$BIN" ]; then
    log "already installed: $BIN"
    return 0
  fi
  command -v curl >/dev/null 2>&1 || die "curl is missing"
  command -v dpkg-deb >/dev/null 2>&1 || die "dpkg-deb is missing"
  mkdir -p "$CACHE" || die "cannot create $CACHE (set METALLB_SVC_CACHE)"
  exec 9>"$CACHE/.compose-install.lock" || die "cannot write $CACHE"
  flock 9
  [ -x "$BIN" ] && return 0
  local work
  work=$(mktemp -d "$CACHE/compose.XXXXXX")
  log "downloading $DEB_URL"
  if ! curl -fsS --retry 3 -m 300 -o "$work/compose.deb" "$DEB_URL"; then
    rm -rf "$work"
    die "download of $DEB_URL failed"
  fi
  if ! echo "$DEB_SHA256  $work/compose.deb" | sha256sum -c --quiet - >&2; then
    rm -rf "$work"
    die "docker-compose_${VERSION}_amd64.deb does not have the expected SHA-256"
  fi
  dpkg-deb -x "$work/compose.deb" "$work/root" || { rm -rf "$work"; die "cannot unpack the .deb"; }
  local plugin=$work/root/usr/libexec/docker/cli-plugins/docker-compose
  [ -x "$plugin" ] || { rm -rf "$work"; die "the package has no docker-compose plugin"; }
  mkdir -p "$(dirname "$BIN")"
  mv -f "$plugin" "$BIN.tmp.$$"
  mv -f "$BIN.tmp.$$" "$BIN"
  rm -rf "$work"
  log "installed $BIN ($("$BIN" version 2>/dev/null || echo '?'))"
}

case "${1:-}" in
  install) cmd_install ;;
  path) if [ -x "$BIN" ]; then echo "$BIN"; else exit 1; fi ;;
  run) shift; [ -x "$BIN" ] || die "docker-compose is not installed: run '$SELF install'"; exec "$BIN" "$@" ;;
  *) die "usage: $SELF install | path | run ARGS..." ;;
esac
