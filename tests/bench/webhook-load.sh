#!/usr/bin/env bash
# Builds Release and load-tests the admission webhook over HTTPS (1,000 pools; usage: tests/bench/webhook-load.sh [--requests N] [--out FILE]).
set -euo pipefail
cd "$(dirname "$0")/../.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
dotnet build tests/MetalLb.Benchmarks -c Release -nologo -v q
exec dotnet run -c Release --no-build --project tests/MetalLb.Benchmarks -- webhook-load "$@"
