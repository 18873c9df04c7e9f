#!/usr/bin/env bash
# Builds Release and measures the allocator's initial sync of 10,000 existing LoadBalancer Services: time until every
# status and plan is written, and its API requests by verb and resource (usage: tests/bench/initial-sync.sh
# [--services N] [--parallel N] [--settle S] [--timeout S] [--out FILE]).
# Starts its own kube-apiserver + etcd on loopback (tests/support/kube-apiserver.sh, as root) and stops it when it
# ends, fails or is interrupted; if it is killed outright, the support script's owner watcher stops it.
set -euo pipefail
cd "$(dirname "$0")/../.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
dotnet build tests/MetalLb.Benchmarks -c Release -nologo -v q
exec dotnet tests/MetalLb.Benchmarks/bin/Release/net10.0/MetalLb.Benchmarks.dll initial-sync "$@"
