#!/usr/bin/env bash
# Builds the solution (Release) and measures the L2 announcer on real veth networks (issue 6): ARP/NDP reply latency of
# our responder against the kernel's, SIGKILL / SIGTERM / link-down failover as seen on the client's wire, and one
# announcer's memory and CPU with 10,000 IPv6 addresses. Needs root: it builds its own network namespaces (documentation
# ranges only), runs RabbitMQ inside one, and deletes them all when it ends, fails or is interrupted (namespaces left by
# a run that was killed outright are deleted by the next one).
# usage: tests/bench/l2-failover.sh [--probes N] [--kills N] [--terms N] [--link-downs N] [--services N] [--ips N]
#        [--idle S] [--out FILE]
set -euo pipefail
cd "$(dirname "$0")/../.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
if [ "$(id -u)" -ne 0 ]; then
  echo "l2-failover.sh needs root (network namespaces, tcpdump, libpcap)" >&2
  exit 2
fi

missing=()
for tool in ip tcpdump; do
  command -v "$tool" >/dev/null || missing+=("$tool")
done
[ -e /usr/lib/x86_64-linux-gnu/libpcap.so.0.8 ] || ldconfig -p | grep -q 'libpcap\.so\.0\.8' || missing+=(libpcap)
if [ ${#missing[@]} -gt 0 ]; then
  apt-get install -y --no-install-recommends iproute2 tcpdump libpcap0.8 >/dev/null
fi

dotnet build metallb-svc.sln -c Release -nologo -v q
exec dotnet tests/MetalLb.Benchmarks/bin/Release/net10.0/MetalLb.Benchmarks.dll l2-failover "$@"
