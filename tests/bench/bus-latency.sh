#!/usr/bin/env bash
# Builds Release and measures Service → AnnouncementPlan latency over the in-memory bus and RabbitMQ, with a bare
# RabbitMQ.Client floor (usage: tests/bench/bus-latency.sh [--services N] [--warmup N] [--gap MS] [--out FILE]).
# Starts its own kube-apiserver + etcd and RabbitMQ on loopback (tests/support/*.sh, as root) and stops them when it
# ends, fails or is interrupted; if it is killed outright, the support scripts' owner watchers stop them.
set -euo pipefail
cd "$(dirname "$0")/../.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
dotnet build tests/MetalLb.Benchmarks -c Release -nologo -v q
exec dotnet tests/MetalLb.Benchmarks/bin/Release/net10.0/MetalLb.Benchmarks.dll bus-latency "$@"
