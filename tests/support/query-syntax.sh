#!/usr/bin/env bash
# Parses PromQL and TraceQL queries with the grammars Prometheus's and Grafana's query editors use
# (@prometheus-io/lezer-promql, @grafana/lezer-traceql), for the dashboard and alert tests.
#
#   query-syntax.sh install     npm install the grammars once, cached outside the clone (npm is apt-installed when
#                               missing, which needs root)
#   query-syntax.sh check FILE  FILE holds one JSON object a line, {"language": "promql" | "traceql", "query": "..."};
#                               prints each query that does not parse and where, exits 1 when any does not
#
# Environment: METALLB_SVC_CACHE (default /var/cache/metallb-svc) holds the packages.
set -euo pipefail

readonly PROMQL=@prometheus-io/lezer-promql@0.315.0
readonly TRACEQL=@grafana/lezer-traceql@1.0.0
readonly LEZER=@lezer/lr@1.4.12
readonly CACHE=${METALLB_SVC_CACHE:-/var/cache/metallb-svc}
readonly DIR=$CACHE/query-syntax-0.315.0-1.0.0
SELF=$(readlink -f "$0")
readonly SELF
readonly CHECKER=${SELF%.sh}.cjs

log() { printf '[query-syntax.sh] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 2; }

cmd_install() {
  if [ -f "$DIR/.installed" ]; then
    return 0
  fi
  if ! command -v npm >/dev/null 2>&1; then
    [ "$(id -u)" -eq 0 ] || die "npm is missing and not root: run '$SELF install' as root"
    log "installing npm"
    apt-get update -qq >&2 || die "apt-get update failed"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends npm >&2 || die "apt-get install npm failed"
  fi
  mkdir -p "$CACHE" || die "cannot create $CACHE (set METALLB_SVC_CACHE)"
  exec 9>"$CACHE/.query-syntax-install.lock" || die "cannot write $CACHE"
  flock 9
  [ -f "$DIR/.installed" ] && return 0
  local work
  work=$(mktemp -d "$CACHE/query-syntax.XXXXXX")
  log "npm install $PROMQL $TRACEQL $LEZER"
  if ! (cd "$work" && npm install --ignore-scripts --no-audit --no-fund --silent --prefix "$work" \
      "$PROMQL" "$TRACEQL" "$LEZER" >&2); then
    rm -rf "$work"
    die "npm install failed"
  fi
  rm -rf "$DIR"
  mv "$work" "$DIR"
  touch "$DIR/.installed"
  log "installed $DIR"
}

cmd_check() {
  [ -f "$DIR/.installed" ] || die "the grammars are not installed: run '$SELF install'"
  [ -f "${1:-}" ] || die "usage: $SELF check FILE"
  NODE_PATH=$DIR/node_modules node "$CHECKER" "$1"
}

case "${1:-}" in
  install) cmd_install ;;
  check) shift; cmd_check "$@" ;;
  *) die "usage: $SELF install | check FILE" ;;
esac
