#!/usr/bin/env bash
# Runs Netwerk with the demo network at http://localhost:5080 (SQLite file in data/, no server to install).
# Builds the front end (web/ → src/Netwerk.Web/wwwroot) and the server first.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/setup.sh
build_front_end
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
# The database lives in data/ at the top of the repository unless configured otherwise.
export Storage__Sqlite__Path="${Storage__Sqlite__Path:-$PWD/data/netwerk.db}"
# Without SMTP settings, mails (sign-in links) are written there as .eml files.
export Smtp__OutboxPath="${Smtp__OutboxPath:-$PWD/data/outbox}"
exec dotnet run --project src/Netwerk.Web -c Release --no-launch-profile -- --urls "${NETWERK_URLS:-http://localhost:5080}" "$@"
