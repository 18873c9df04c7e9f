#!/usr/bin/env bash
# Runs every test of the solution and ends with the line "N passed, N failed[, N skipped]".
# Installs what the tests need when run as root on a fresh Debian machine (CI does), and starts and
# stops the services the integration tests use. Exit code: 0 only when nothing failed.
set -uo pipefail
cd "$(dirname "$0")/.."

log() { printf '[tests/run.sh] %s\n' "$*" >&2; }

if ! command -v dotnet >/dev/null 2>&1; then
  log "dotnet SDK not found on PATH"; exit 2
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# What the L2 and BGP tests run in their network namespaces: libpcap for the announcer (SharpPcap), arping/ndisc6/tcpdump
# and curl on the client side, the BGP peers (gobgpd, BIRD, FRR), frr-reload.py (frr-pythontools) for FRR mode, iproute2
# for the namespaces themselves.
install_network_tools() {
  local packages=(iproute2 iputils-arping iputils-ping tcpdump libpcap0.8 ndisc6 curl gobgpd bird2 frr frr-pythontools) missing=() p
  for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

if [ "$(id -u)" -eq 0 ]; then
  # The integration tests drive a real kube-apiserver (built once from Debian's source package and cached
  # outside the clone, ~4-10 min cold) with etcd; the chart tests a helm binary (from an npm package, cached
  # likewise), the dashboard tests the query editors' PromQL and TraceQL grammars (npm, cached likewise), the compose tests
  # Docker Compose v2 (Debian's package, cached likewise; it validates without an engine); without root
  # they report themselves skipped.
  log "installing kube-apiserver, etcd, rabbitmq-server, helm, the PromQL/TraceQL grammars, docker compose and the network tools for the integration tests (cached after the first run)"
  if ! { tests/support/kube-apiserver.sh install && tests/support/rabbitmq.sh install && tests/support/helm.sh install \
      && tests/support/query-syntax.sh install && tests/support/compose.sh install && install_network_tools; } >"$out/install.log" 2>&1; then
    cat "$out/install.log" >&2
    log "installing the test servers failed"
    echo "0 passed, 1 failed"
    exit 1
  fi
else
  log "not root: tests that need real servers will be reported as skipped"
fi

log "building"
if ! dotnet build metallb-svc.sln -c Release -nologo -v q >"$out/build.log" 2>&1; then
  cat "$out/build.log" >&2
  log "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

log "testing"
dotnet test metallb-svc.sln -c Release --no-build -nologo 2>&1 | tee "$out/test.log"
status=${PIPESTATUS[0]}

# dotnet test prints one summary per test assembly:
#   Passed!  - Failed:     0, Passed:   110, Skipped:     0, Total:   110, Duration: ...
read -r passed failed skipped < <(grep -E '^(Passed|Failed)!' "$out/test.log" | awk -F'[:,]' '
  { f += $2; p += $4; s += $6 } END { printf "%d %d %d\n", p, f, s }')
assemblies=$(grep -cE '^(Passed|Failed)!' "$out/test.log")
expected=$(find tests -maxdepth 2 -name '*Tests.csproj' | wc -l)
if [ "$assemblies" -lt "$expected" ]; then
  log "only $assemblies of $expected test assemblies reported a summary (a test host crashed?)"
  failed=$((failed + expected - assemblies))
fi
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  log "dotnet test exited $status"
  failed=1
fi

echo "${passed} passed, ${failed} failed, ${skipped} skipped"
[ "$failed" -eq 0 ]
