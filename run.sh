#!/usr/bin/env bash
# Runs Netwerk with the demo network at http://localhost:5080 (SQLite file in data/, no server to install).
set -euo pipefail
cd "$(dirname "$0")"
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
exec dotnet run --project src/Netwerk.Web -c Release --no-launch-profile -- --urls "${NETWERK_URLS:-http://localhost:5080}" "$@"
