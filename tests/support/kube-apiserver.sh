#!/usr/bin/env bash
# A real Kubernetes API server (v1.20.2, built from Debian's `kubernetes` source package) with Debian's
# etcd, on loopback only, for tests. Recipe: shared/ENVIRONMENT.md, "A real Kubernetes API server".
#
#   kube-apiserver.sh install     build once and cache the binary outside the clone (root installs packages)
#   kube-apiserver.sh start DIR   start etcd + kube-apiserver on free loopback ports; writes DIR/kubeconfig,
#                                 DIR/env (ports, URL, token), DIR/*.pid and DIR/*.log
#   kube-apiserver.sh stop DIR    stop both (and the owner watcher), wait for them; removes nothing
#   kube-apiserver.sh restart-apiserver DIR
#                                 stop only kube-apiserver and start it again with the same flags and port (extra
#                                 flags included); etcd
#                                 keeps running, so every watch is cut and re-established against the new process
#   kube-apiserver.sh compact DIR compact etcd at its current revision, so older resourceVersions are gone
#
# Environment: METALLB_SVC_CACHE (default /var/cache/metallb-svc) holds the binary and the source download;
# KUBE_APISERVER_OWNER_PID, when set at start, stops the servers once that process is gone (a crashed test
# host leaves nothing running); KUBE_APISERVER_START_TIMEOUT (seconds, default 120);
# KUBE_APISERVER_SERVICE_CIDR (default 203.0.113.0/24, room for 253 Services) and KUBE_APISERVER_NODE_PORT_RANGE
# (default the server's 30000-32767), read at start and kept for restart-apiserver, so benchmarks can create
# thousands of LoadBalancer Services (each takes a ClusterIP and a NodePort); KUBE_APISERVER_EXTRA_ARGS, when set
# at start, holds further kube-apiserver flags separated by whitespace (e.g. --watch-cache=false), kept in
# DIR/apiserver-extra-args for restart-apiserver.
set -euo pipefail

readonly K8S_VERSION=1.20.2
readonly CACHE=${METALLB_SVC_CACHE:-/var/cache/metallb-svc}
readonly BIN=$CACHE/kube-apiserver-$K8S_VERSION
readonly PACKAGES=(golang-go rsync golang-github-modern-go-reflect2-dev make)
readonly RUNTIME_PACKAGES=(etcd-server etcd-client curl openssl)
SELF=$(readlink -f "$0")
readonly SELF

log() { printf '[kube-apiserver.sh] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

is_installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

install_packages() {
  local missing=() p
  for p in "$@"; do is_installed "$p" || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  [ "$(id -u)" -eq 0 ] || die "packages missing (${missing[*]}) and not root: run '$SELF install' as root"
  log "apt-get update"
  apt-get update -qq >&2 || die "apt-get update failed"
  log "installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2 \
    || die "apt-get install ${missing[*]} failed"
}

# Prints the first existing path among its arguments (a glob), or nothing.
first_match() {
  local path
  for path in "$@"; do [ -e "$path" ] && { echo "$path"; return 0; }; done
  return 0
}

# Downloads Debian's kubernetes source package into $CACHE/src with a private deb-src list, so the
# machine's apt configuration is left as it is.
download_source() {
  local src=$CACHE/src uris tarball
  tarball=$(first_match "$src"/kubernetes_*.orig.tar.gz)
  if [ -n "$tarball" ]; then echo "$tarball"; return 0; fi
  mkdir -p "$src/apt/lists/partial"
  uris=$(grep -m1 '^URIs:' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
  [ -n "$uris" ] || die "no URIs: line in /etc/apt/sources.list.d/debian.sources"
  printf 'Types: deb-src\n%s\nSuites: bookworm\nComponents: main\n' "$uris" >"$src/apt/deb-src.sources"
  local opts=(-o Dir::Etc::SourceList=/dev/null -o "Dir::Etc::SourceParts=$src/apt"
    -o "Dir::State::Lists=$src/apt/lists")
  log "downloading the kubernetes source package (34 MB)"
  apt-get "${opts[@]}" update -qq >&2 || die "apt-get update (deb-src) failed"
  # Into a scratch dir first, so an interrupted download never looks like a cached tarball.
  rm -rf "$src/download"; mkdir -p "$src/download"
  (cd "$src/download" && apt-get "${opts[@]}" source --download-only kubernetes >&2) \
    || die "apt-get source kubernetes failed"
  tarball=$(first_match "$src"/download/kubernetes_*.orig.tar.gz)
  [ -n "$tarball" ] || die "apt-get source left no kubernetes_*.orig.tar.gz in $src/download"
  mv "$tarball" "$src/"
  rm -rf "$src/download"
  echo "$src/$(basename "$tarball")"
}

build() {
  local tarball=$1 work tree started
  work=$(mktemp -d "$CACHE/build.XXXXXX")
  log "unpacking into $work"
  tar xzf "$tarball" -C "$work" || die "cannot unpack $tarball"
  tree=$work/kubernetes-$K8S_VERSION
  [ -d "$tree" ] || die "$tarball did not unpack to kubernetes-$K8S_VERSION"
  # The vendored reflect2 segfaults under Go 1.19 on the first custom-resource create; Debian's works.
  rm -rf "$tree/vendor/github.com/modern-go/reflect2"
  cp -r /usr/share/gocode/src/github.com/modern-go/reflect2 "$tree/vendor/github.com/modern-go/reflect2"
  rm -f "$tree/vendor/github.com/modern-go/reflect2/go.mod"
  log "building cmd/kube-apiserver (about 4 min on 2 cores; log: $work/build.log)"
  started=$SECONDS
  if ! (cd "$tree" && GOPROXY=off CGO_ENABLED=0 GOFLAGS='' GOCACHE="$work/gocache" \
      make WHAT=cmd/kube-apiserver >"$work/build.log" 2>&1); then
    tail -n 40 "$work/build.log" >&2
    die "build failed; kept $work"
  fi
  log "built in $((SECONDS - started)) s"
  cp "$tree/_output/local/bin/linux/amd64/kube-apiserver" "$BIN.tmp.$$"
  chmod 0755 "$BIN.tmp.$$"
  mv -f "$BIN.tmp.$$" "$BIN"
  rm -rf "$work"
}

all_installed() {
  local p
  for p in "$@"; do is_installed "$p" || return 1; done
}

cmd_install() {
  if [ -x "$BIN" ] && all_installed "${RUNTIME_PACKAGES[@]}"; then
    log "already installed: $BIN"
    return 0
  fi
  mkdir -p "$CACHE" || die "cannot create $CACHE (set METALLB_SVC_CACHE)"
  exec 9>"$CACHE/.install.lock" || die "cannot write $CACHE"
  flock 9
  if [ -x "$BIN" ]; then
    install_packages "${RUNTIME_PACKAGES[@]}"
    log "already installed: $BIN"
    return 0
  fi
  install_packages "${PACKAGES[@]}" "${RUNTIME_PACKAGES[@]}"
  local tarball
  tarball=$(download_source)
  build "$tarball"
  log "installed $BIN"
}

# A port nobody listens on, below the ephemeral range; start retries when a race takes it anyway.
free_port() {
  local port taken
  taken=$(ss -Hltn 2>/dev/null | awk '{print $4}' | sed 's/.*://' || true)
  while :; do
    port=$((20000 + (RANDOM * 32768 + RANDOM) % 12000))
    grep -qx "$port" <<<"$taken" || { echo "$port"; return 0; }
  done
}

wait_for() {
  local what=$1 pid=$2 deadline=$3; shift 3
  until "$@" >/dev/null 2>&1; do
    alive "$pid" || { log "$what exited"; return 1; }
    [ "$SECONDS" -lt "$deadline" ] || { log "$what not ready in time"; return 1; }
    sleep 0.2
  done
}

etcd_healthy() { curl -sf "http://127.0.0.1:$1/health" | grep -q '"health":"true"'; }

api_get() { curl -sf --cacert "$1/ca.crt" -H "Authorization: Bearer $2" "https://127.0.0.1:$3$4"; }

make_credentials() {
  local dir=$1
  openssl genrsa -out "$dir/sa.key" 2048 2>/dev/null
  openssl rsa -in "$dir/sa.key" -pubout -out "$dir/sa.pub" 2>/dev/null
  openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj /CN=metallb-svc-test-ca \
    -keyout "$dir/ca.key" -out "$dir/ca.crt" 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -subj /CN=kube-apiserver \
    -keyout "$dir/apiserver.key" -out "$dir/apiserver.csr" 2>/dev/null
  printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n' \
    >"$dir/apiserver.ext"
  openssl x509 -req -in "$dir/apiserver.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -CAcreateserial \
    -days 3650 -extfile "$dir/apiserver.ext" -out "$dir/apiserver.crt" 2>/dev/null
  openssl rand -hex 24 >"$dir/token"
  printf '%s,admin,admin-uid,"system:masters"\n' "$(cat "$dir/token")" >"$dir/tokens.csv"
}

write_kubeconfig() {
  local dir=$1 port=$2 token=$3
  cat >"$dir/kubeconfig" <<EOF
apiVersion: v1
kind: Config
clusters:
  - name: metallb-svc-test
    cluster:
      server: https://127.0.0.1:$port
      certificate-authority-data: $(base64 -w0 "$dir/ca.crt")
users:
  - name: admin
    user:
      token: $token
contexts:
  - name: metallb-svc-test
    context:
      cluster: metallb-svc-test
      user: admin
      namespace: default
current-context: metallb-svc-test
EOF
}

# Starts kube-apiserver against the etcd on CLIENT, serving on SECURE, and waits until it is ready; appends to
# DIR/kube-apiserver.log so a restart keeps the earlier process's log. The flags in DIR/apiserver-extra-args (one a
# line) come last, so they can also override one of the flags here.
start_apiserver() {
  local dir=$1 client=$2 secure=$3 deadline=$4 token cidr ports extra=()
  token=$(cat "$dir/token")
  cidr=$(sed -n 's/^SERVICE_CIDR=//p' "$dir/flags")
  ports=$(sed -n 's/^NODE_PORT_RANGE=//p' "$dir/flags")
  [ ! -f "$dir/apiserver-extra-args" ] || mapfile -t extra <"$dir/apiserver-extra-args"
  "$BIN" --etcd-servers="http://127.0.0.1:$client" --bind-address=127.0.0.1 --secure-port="$secure" \
    --advertise-address=192.0.2.10 --service-cluster-ip-range="$cidr" --service-node-port-range="$ports" \
    --service-account-issuer=https://kubernetes.default.svc \
    --service-account-key-file="$dir/sa.pub" --service-account-signing-key-file="$dir/sa.key" \
    --token-auth-file="$dir/tokens.csv" --authorization-mode=RBAC --enable-priority-and-fairness=false \
    --tls-cert-file="$dir/apiserver.crt" --tls-private-key-file="$dir/apiserver.key" \
    --cert-dir="$dir/certs" "${extra[@]}" >>"$dir/kube-apiserver.log" 2>&1 </dev/null &
  echo $! >"$dir/kube-apiserver.pid"
  wait_for kube-apiserver "$!" "$deadline" api_get "$dir" "$token" "$secure" /readyz &&
    wait_for kube-apiserver "$!" "$deadline" api_get "$dir" "$token" "$secure" /api/v1/namespaces/default
}

# One attempt on freshly chosen ports; returns non-zero (with both processes stopped) if a server
# exits early, e.g. because another run took a port between the check and the bind.
start_once() {
  local dir=$1 deadline=$2 client peer secure token
  client=$(free_port); peer=$(free_port); secure=$(free_port)
  [ "$client" != "$peer" ] && [ "$peer" != "$secure" ] && [ "$client" != "$secure" ] || return 1
  rm -rf "$dir/etcd"
  etcd --name default --data-dir "$dir/etcd" \
    --listen-client-urls "http://127.0.0.1:$client" --advertise-client-urls "http://127.0.0.1:$client" \
    --listen-peer-urls "http://127.0.0.1:$peer" --initial-advertise-peer-urls "http://127.0.0.1:$peer" \
    --initial-cluster "default=http://127.0.0.1:$peer" >"$dir/etcd.log" 2>&1 </dev/null &
  echo $! >"$dir/etcd.pid"
  wait_for etcd "$!" "$deadline" etcd_healthy "$client" || { cmd_stop "$dir"; return 1; }
  token=$(cat "$dir/token")
  if ! start_apiserver "$dir" "$client" "$secure" "$deadline"; then
    cmd_stop "$dir"
    return 1
  fi
  write_kubeconfig "$dir" "$secure" "$token"
  printf 'ETCD_CLIENT_PORT=%s\nETCD_PEER_PORT=%s\nAPISERVER_PORT=%s\nAPISERVER_URL=%s\nAPISERVER_TOKEN=%s\nKUBECONFIG=%s\n' \
    "$client" "$peer" "$secure" "https://127.0.0.1:$secure" "$token" "$dir/kubeconfig" >"$dir/env"
}

start_watcher() {
  local dir=$1 owner=$2
  (
    local server
    server=$(cat "$dir/kube-apiserver.pid")
    while alive "$owner" && alive "$server"; do sleep 2; done
    KUBE_APISERVER_FROM_WATCHER=1 "$SELF" stop "$dir"
  ) >/dev/null 2>&1 </dev/null &
  echo $! >"$dir/watcher.pid"
}

cmd_start() {
  local dir=${1:?usage: start DIR} attempt deadline started=$SECONDS
  [ -x "$BIN" ] || die "$BIN not found: run '$SELF install' first"
  command -v etcd >/dev/null || die "etcd not found: run '$SELF install' first"
  mkdir -p "$dir"; dir=$(cd "$dir" && pwd)
  [ ! -e "$dir/env" ] || die "$dir already holds a started server (stop it and use a fresh DIR)"
  make_credentials "$dir"
  printf 'SERVICE_CIDR=%s\nNODE_PORT_RANGE=%s\n' "${KUBE_APISERVER_SERVICE_CIDR:-203.0.113.0/24}" \
    "${KUBE_APISERVER_NODE_PORT_RANGE:-30000-32767}" >"$dir/flags"
  local -a extra
  read -r -a extra <<<"${KUBE_APISERVER_EXTRA_ARGS:-}"
  [ ${#extra[@]} -eq 0 ] || printf '%s\n' "${extra[@]}" >"$dir/apiserver-extra-args"
  deadline=$((SECONDS + ${KUBE_APISERVER_START_TIMEOUT:-120}))
  for attempt in 1 2 3; do
    if start_once "$dir" "$deadline"; then
      [ -z "${KUBE_APISERVER_OWNER_PID:-}" ] || start_watcher "$dir" "$KUBE_APISERVER_OWNER_PID"
      log "ready in $((SECONDS - started)) s: $(grep APISERVER_URL "$dir/env") kubeconfig=$dir/kubeconfig"
      return 0
    fi
    log "attempt $attempt failed; last lines of the logs:"
    tail -n 5 "$dir/etcd.log" "$dir/kube-apiserver.log" >&2 2>/dev/null || true
    [ "$SECONDS" -lt "$deadline" ] || break
  done
  die "could not start etcd + kube-apiserver (logs in $dir)"
}

# True while PID runs; a zombie (exited, not yet reaped by whoever adopted it) counts as gone.
alive() {
  local state
  state=$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -c1) || return 1
  [ -n "$state" ] && [ "$state" != Z ]
}

# Stops the process in DIR/NAME.pid if it is still the one started there, and waits for it to exit.
stop_pid() {
  local file=$1 expect=$2 pid _
  [ -f "$file" ] || return 0
  pid=$(cat "$file")
  [ -n "$pid" ] && alive "$pid" || return 0
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "$expect" || return 0
  kill -TERM "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 100); do alive "$pid" || return 0; sleep 0.1; done
  log "$expect ($pid) ignored SIGTERM for 10 s; sending SIGKILL"
  kill -KILL "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do alive "$pid" || return 0; sleep 0.1; done
}

cmd_stop() {
  local dir=${1:?usage: stop DIR}
  [ -d "$dir" ] || return 0
  stop_pid "$dir/kube-apiserver.pid" "$BIN"
  stop_pid "$dir/etcd.pid" etcd
  [ -n "${KUBE_APISERVER_FROM_WATCHER:-}" ] || stop_pid "$dir/watcher.pid" kube-apiserver.sh
}

# Reads KEY from DIR/env (written by start).
env_value() {
  local dir=$1 key=$2 value
  [ -f "$dir/env" ] || die "$dir/env not found: start a server there first"
  value=$(sed -n "s/^$key=//p" "$dir/env")
  [ -n "$value" ] || die "no $key in $dir/env"
  echo "$value"
}

cmd_restart_apiserver() {
  local dir=${1:?usage: restart-apiserver DIR} client secure deadline had_watcher='' started=$SECONDS
  client=$(env_value "$dir" ETCD_CLIENT_PORT)
  secure=$(env_value "$dir" APISERVER_PORT)
  # The watcher stops everything once kube-apiserver is gone, so it goes first and comes back afterwards.
  if [ -f "$dir/watcher.pid" ] && alive "$(cat "$dir/watcher.pid")"; then had_watcher=1; fi
  stop_pid "$dir/watcher.pid" kube-apiserver.sh
  stop_pid "$dir/kube-apiserver.pid" "$BIN"
  deadline=$((SECONDS + ${KUBE_APISERVER_START_TIMEOUT:-120}))
  start_apiserver "$dir" "$client" "$secure" "$deadline" || die "kube-apiserver did not come back (log: $dir/kube-apiserver.log)"
  if [ -n "$had_watcher" ] && [ -n "${KUBE_APISERVER_OWNER_PID:-}" ]; then
    start_watcher "$dir" "$KUBE_APISERVER_OWNER_PID"
  fi
  log "kube-apiserver restarted in $((SECONDS - started)) s on port $secure"
}

cmd_compact() {
  local dir=${1:?usage: compact DIR} endpoint revision
  command -v etcdctl >/dev/null || die "etcdctl not found: run '$SELF install' (Debian package etcd-client)"
  endpoint=http://127.0.0.1:$(env_value "$dir" ETCD_CLIENT_PORT)
  revision=$(ETCDCTL_API=3 etcdctl --endpoints="$endpoint" endpoint status -w json |
    grep -o '"revision":[0-9]*' | head -n1 | cut -d: -f2)
  [ -n "$revision" ] || die "no header.revision in etcdctl endpoint status"
  ETCDCTL_API=3 etcdctl --endpoints="$endpoint" compact "$revision" >&2 || die "etcdctl compact $revision failed"
  echo "$revision"
}

case "${1:-}" in
  install) cmd_install ;;
  start) cmd_start "${2:-}" ;;
  stop) cmd_stop "${2:-}" ;;
  restart-apiserver) cmd_restart_apiserver "${2:-}" ;;
  compact) cmd_compact "${2:-}" ;;
  *) die "usage: $0 install | start DIR | stop DIR | restart-apiserver DIR | compact DIR" ;;
esac
