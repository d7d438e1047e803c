#!/usr/bin/env bash
# Runs every test: front-end unit tests (Vitest), the .NET suites (Core, store contract on SQLite, API over
# real HTTP), then end-to-end tests in headless Chromium against the built app.
# Ends with one summary line "N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")"
source scripts/setup.sh

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
step() { "$@" 2>&1 | tee -a "$log" || status=1; }

# Real parts the tests run on loopback: Redis and PostgreSQL servers, NetworkX as an independent reader of exports.
ensure_redis_server
ensure_postgresql
ensure_networkx
if [ -f web/package.json ]; then
  ensure_chromium
  install_front_end_packages
  step bash -c 'cd web && npm test'
  # Every .cypher file through Neo4j's own parser/linter (@neo4j-cypher/language-support), and proof it fails on a broken one.
  step bash -c 'cd web && npm run test:cypher'
  step bash -c 'cd web && npm run build'
fi
dotnet restore Netwerk.sln
dotnet build Netwerk.sln -c Release --no-restore
# A test that hangs fails after 10 minutes with its name, instead of running into CI's time limit.
step dotnet test Netwerk.sln -c Release --no-build --blame-hang-timeout 10m --blame-hang-dump-type none
if [ -f web/package.json ]; then
  step bash -c 'cd web && npm run e2e'
fi

# One closing line from the runners' own summaries: dotnet ("Passed!  - Failed: 0, Passed: 55, Skipped: 0"),
# Vitest ("Tests  12 passed (12)", "3 failed | 9 passed") and node --test ("# pass 7", "# fail 0", "# skipped 0").
awk '
  /(Passed|Failed)! +- +Failed:/ { gsub(",", ""); for (i = 1; i <= NF; i++) {
      if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
  /^ *Tests +[0-9]/ { for (i = 2; i <= NF; i++) {
      if ($i ~ /^passed/) p += $(i-1); if ($i ~ /^failed/) f += $(i-1); if ($i ~ /^skipped/) s += $(i-1) } }
  /^# pass [0-9]+$/ { p += $3 } /^# fail [0-9]+$/ { f += $3 } /^# skipped [0-9]+$/ { s += $3 }
  END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' <(sed 's/\x1b\[[0-9;]*m//g' "$log")
exit "$status"
