#!/usr/bin/env bash
# Runs every test: restores, builds (warnings are errors) and runs all test projects.
# Ends with one summary line "N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

dotnet restore Netwerk.sln
dotnet build Netwerk.sln -c Release --no-restore
log=$(mktemp)
status=0
dotnet test Netwerk.sln -c Release --no-build 2>&1 | tee "$log" || status=$?
# Sum the per-assembly lines ("Passed!  - Failed: 0, Passed: 55, Skipped: 0, ...") into one closing line.
awk '/(Passed|Failed)! +- +Failed:/ {
       gsub(",", ""); for (i = 1; i <= NF; i++) {
         if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
     END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
rm -f "$log"
exit "$status"
