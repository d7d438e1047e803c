#!/usr/bin/env bash
# Runs Netwerk with the demo network at http://localhost:5080 (SQLite file in data/, no server to install).
set -euo pipefail
cd "$(dirname "$0")"
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# The database lives in data/ at the top of the repository unless configured otherwise.
export Storage__Sqlite__Path="${Storage__Sqlite__Path:-$PWD/data/netwerk.db}"
exec dotnet run --project src/Netwerk.Web -c Release --no-launch-profile -- --urls "${NETWERK_URLS:-http://localhost:5080}" "$@"
