#!/usr/bin/env bash
# A throwaway RabbitMQ (Debian's rabbitmq-server 3.10) on loopback for tests. Recipe: shared/ENVIRONMENT.md,
# "RabbitMQ". There is no systemd here, so the real scripts under /usr/lib/rabbitmq/bin run as the caller.
#
#   rabbitmq.sh install     apt-get install rabbitmq-server when missing (needs root)
#   rabbitmq.sh start DIR   start a broker on free loopback ports with its own epmd; state, logs and the Erlang
#                           cookie live under DIR; writes DIR/env (RABBITMQ_NODE_PORT=...). A second start of
#                           the same DIR reuses its ports and data (broker restart tests).
#   rabbitmq.sh stop DIR    rabbitmqctl shutdown, then stop this DIR's epmd by its PID; removes nothing
#   rabbitmq.sh watch PID DIR   (internal) stop DIR's broker once process PID is gone
#
# Environment: RABBITMQ_OWNER_PID, when set at start, stops the broker once that process is gone (a crashed
# test host leaves nothing running); RABBITMQ_START_TIMEOUT (seconds, default 90).
set -euo pipefail

readonly RMQ_BIN=/usr/lib/rabbitmq/bin
readonly EPMD=/usr/bin/epmd
SELF=$(readlink -f "$0")
readonly SELF

log() { printf '[rabbitmq.sh] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

is_installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

install() {
  if is_installed rabbitmq-server && [ -x "$RMQ_BIN/rabbitmq-server" ]; then return 0; fi
  [ "$(id -u)" -eq 0 ] || die "rabbitmq-server is not installed and not root: run '$SELF install' as root"
  log "apt-get update"
  apt-get update -qq >&2 || die "apt-get update failed"
  log "installing rabbitmq-server"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends rabbitmq-server >&2 \
    || die "apt-get install rabbitmq-server failed"
}

# RABBITMQ_BIND (default 127.0.0.1) is the address the broker listens on; another than loopback is for a broker
# run inside a network namespace (ip netns exec NS rabbitmq.sh start DIR) that clients reach over a bridge.
port_in_use() { (exec 3<>"/dev/tcp/${RABBITMQ_BIND:-127.0.0.1}/$1") 2>/dev/null; }

# Ports come from 12000-19999: below the kernel's ephemeral range (32768+, where an outgoing connection may hold
# the port without listening on it) and apart from kube-apiserver.sh's 20000-31999, since tests run both at once.
free_port() {
  local port _
  for _ in $(seq 1 200); do
    port=$((12000 + RANDOM % 8000))
    port_in_use "$port" || { echo "$port"; return 0; }
  done
  die "no free port found"
}

# Exports the broker's environment for DIR: everything under DIR, ports from DIR/env.
use_dir() {
  local dir=$1
  # shellcheck disable=SC1091
  source "$dir/env"
  export HOME=$dir/home
  export RABBITMQ_NODENAME=rabbit@localhost RABBITMQ_NODE_IP_ADDRESS=${RABBITMQ_BIND:-127.0.0.1}
  export RABBITMQ_NODE_PORT RABBITMQ_DIST_PORT ERL_EPMD_PORT RABBITMQ_BIND
  export RABBITMQ_MNESIA_BASE=$dir/mnesia RABBITMQ_LOG_BASE=$dir/log RABBITMQ_PID_FILE=$dir/rabbitmq.pid
  export RABBITMQ_ENABLED_PLUGINS_FILE=$dir/enabled_plugins RABBITMQ_CONF_ENV_FILE=$dir/rabbitmq-env.conf
  export RABBITMQ_CONFIG_FILE=$dir/rabbitmq.conf RABBITMQ_ADVANCED_CONFIG_FILE=$dir/advanced.config
}

ctl() { "$RMQ_BIN/rabbitmqctl" "$@"; }

# True while the process runs. A zombie still answers kill -0, and nothing may reap it here (PID 1 of some
# containers does not), so its state counts too.
alive() { [ -r "/proc/$1/status" ] && ! grep -q '^State:.*Z' "/proc/$1/status"; }

# Stops the broker of DIR once the owner process is gone.
watch() {
  local owner=$1 dir=$2
  while alive "$owner"; do sleep 2; done
  log "owner $owner is gone: stopping the broker in $dir"
  rm -f "$dir/watcher.pid"
  stop "$dir"
}

start() {
  local dir=${1:?usage: rabbitmq.sh start DIR} timeout=${RABBITMQ_START_TIMEOUT:-90} waited=0
  [ -x "$RMQ_BIN/rabbitmq-server" ] || die "rabbitmq-server is not installed: run '$SELF install' as root"
  mkdir -p "$dir/home" "$dir/mnesia" "$dir/log"
  dir=$(readlink -f "$dir")
  if [ ! -f "$dir/env" ]; then
    printf 'RABBITMQ_NODE_PORT=%s\nRABBITMQ_DIST_PORT=%s\nERL_EPMD_PORT=%s\nRABBITMQ_BIND=%s\n' \
      "$(free_port)" "$(free_port)" "$(free_port)" "${RABBITMQ_BIND:-127.0.0.1}" >"$dir/env"
  fi
  echo '[].' >"$dir/enabled_plugins"
  : >"$dir/rabbitmq-env.conf"
  if [ ! -f "$dir/rabbitmq.conf" ]; then
    # guest may log in over loopback only, unless the broker listens elsewhere (a namespace of its own).
    if [ "${RABBITMQ_BIND:-127.0.0.1}" = 127.0.0.1 ]; then echo 'loopback_users.guest = true'; else echo 'loopback_users = none'; fi >"$dir/rabbitmq.conf"
  fi
  use_dir "$dir"
  port_in_use "$RABBITMQ_NODE_PORT" && die "port $RABBITMQ_NODE_PORT is already in use"

  local attempt
  for attempt in 1 2 3; do
    # Our own epmd on our own port, so two runs never share (or kill) each other's.
    setsid "$EPMD" -port "$ERL_EPMD_PORT" >"$dir/log/epmd.log" 2>&1 </dev/null &
    echo $! >"$dir/epmd.pid"
    setsid "$RMQ_BIN/rabbitmq-server" >"$dir/log/server.out" 2>&1 </dev/null &
    echo $! >"$dir/server.pid"

    until port_in_use "$RABBITMQ_NODE_PORT"; do
      if ! alive "$(cat "$dir/server.pid")"; then
        break
      fi
      [ "$waited" -ge $((timeout * 5)) ] && { stop "$dir"; die "port $RABBITMQ_NODE_PORT not open after ${timeout}s"; }
      sleep 0.2; waited=$((waited + 1))
    done
    port_in_use "$RABBITMQ_NODE_PORT" && break

    stop_epmd "$dir"
    # Another process may take a distribution or epmd port between choosing and binding it: choose again (the
    # AMQP port stays, so clients of a restarted broker find it where it was).
    if [ "$attempt" -lt 3 ] && grep -qE 'dist_port_already_used|eaddrinuse|could not bind' "$dir/log/server.out"; then
      log "a distribution/epmd port was taken; retrying with new ones"
      printf 'RABBITMQ_NODE_PORT=%s\nRABBITMQ_DIST_PORT=%s\nERL_EPMD_PORT=%s\nRABBITMQ_BIND=%s\n' \
        "$RABBITMQ_NODE_PORT" "$(free_port)" "$(free_port)" "${RABBITMQ_BIND:-127.0.0.1}" >"$dir/env"
      use_dir "$dir"
      continue
    fi
    tail -n 40 "$dir/log/server.out" >&2 || true
    die "rabbitmq-server exited before listening"
  done
  ctl await_startup --timeout 60 >/dev/null || { stop "$dir"; die "rabbitmqctl await_startup failed"; }

  if [ -n "${RABBITMQ_OWNER_PID:-}" ]; then
    setsid "$SELF" watch "$RABBITMQ_OWNER_PID" "$dir" >>"$dir/log/watcher.log" 2>&1 </dev/null &
    echo $! >"$dir/watcher.pid"
  fi
  log "RabbitMQ on ${RABBITMQ_BIND:-127.0.0.1}:$RABBITMQ_NODE_PORT (dist $RABBITMQ_DIST_PORT, epmd $ERL_EPMD_PORT)"
}

stop_epmd() {
  local dir=$1 pid
  [ -f "$dir/epmd.pid" ] || return 0
  pid=$(cat "$dir/epmd.pid")
  kill "$pid" 2>/dev/null || true
  rm -f "$dir/epmd.pid"
}

stop() {
  local dir=${1:?usage: rabbitmq.sh stop DIR} pid
  [ -f "$dir/env" ] || die "$dir/env not found: was the broker started there?"
  dir=$(readlink -f "$dir")
  use_dir "$dir"
  if [ -f "$dir/watcher.pid" ]; then
    pid=$(cat "$dir/watcher.pid"); rm -f "$dir/watcher.pid"
    kill "$pid" 2>/dev/null || true
  fi
  if [ -f "$dir/server.pid" ]; then
    pid=$(cat "$dir/server.pid")
    if alive "$pid"; then
      ctl shutdown >/dev/null 2>&1 || kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 150); do alive "$pid" || break; sleep 0.2; done
      kill -9 "$pid" 2>/dev/null || true
    fi
    rm -f "$dir/server.pid"
  fi
  stop_epmd "$dir"
}

case "${1:-}" in
  install) install ;;
  start) start "${2:-}" ;;
  stop) stop "${2:-}" ;;
  watch) watch "${2:?owner pid}" "${3:?dir}" ;;
  *) echo "usage: $0 install | start DIR | stop DIR" >&2; exit 2 ;;
esac
