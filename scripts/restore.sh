#!/usr/bin/env bash
# Restores a backup made by scripts/backup.sh into the Netwerk store (Storage__Sqlite__Path, default data/netwerk.db).
# The backup is checked first; nothing is written when it is not consistent. Stop the app instances first: they keep
# their place in the change feed and caches, which a restore moves back.
# Usage: scripts/restore.sh backups/netwerk-2025-01-31.db
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: $0 <backup-file>" >&2; exit 2; }
source=$(realpath -m "$1")
cd "$(dirname "$0")/.."
export Storage__Sqlite__Path="${Storage__Sqlite__Path:-$PWD/data/netwerk.db}"
exec dotnet run --project src/Netwerk.Web -c Release --no-launch-profile -- restore "$source"
