#!/usr/bin/env bash
# Backs up the running (or stopped) Netwerk store to <file> with SQLite's online backup API, then checks the copy
# (integrity, every relationship's ends, a gap-free change feed). The store is Storage__Sqlite__Path, default data/netwerk.db.
# Usage: scripts/backup.sh backups/netwerk-$(date +%F).db
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: $0 <backup-file>" >&2; exit 2; }
target=$(realpath -m "$1")
cd "$(dirname "$0")/.."
export Storage__Sqlite__Path="${Storage__Sqlite__Path:-$PWD/data/netwerk.db}"
exec dotnet run --project src/Netwerk.Web -c Release --no-launch-profile -- backup "$target"
