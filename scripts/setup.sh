# Set-up shared by run.sh and test.sh: everything a fresh machine needs, installed by the project itself.
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_CLI_WORKLOAD_UPDATE_NOTIFY_DISABLE=1
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false

# Installs web/'s packages when package-lock.json changed since the last install.
install_front_end_packages() {
  [ -f web/package.json ] || return 0
  if [ ! -f web/node_modules/.package-lock.json ] || [ web/package-lock.json -nt web/node_modules/.package-lock.json ]; then
    (cd web && npm ci)
  fi
}

# Builds web/ into src/Netwerk.Web/wwwroot, which the server serves at /.
build_front_end() {
  [ -f web/package.json ] || return 0
  install_front_end_packages
  (cd web && npm run build)
}

# Installs a Debian package with apt-get unless the check (a command) already succeeds.
ensure_debian_package() {
  local package="$1"; shift
  "$@" >/dev/null 2>&1 && return 0
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$package" >/dev/null
}

# Debian's Chromium for the browser tests (never a downloaded browser build).
ensure_chromium() { ensure_debian_package chromium command -v chromium; }

# Debian's NetworkX for /usr/bin/python3: the export tests read GEXF and GraphML back with it (an independent reader).
ensure_networkx() { ensure_debian_package python3-networkx /usr/bin/python3 -c "import networkx"; }

# Debian's redis-server for the tests that run several app instances (Redis backplane, shared job storage).
ensure_redis_server() { ensure_debian_package redis-server command -v redis-server; }

# Debian's PostgreSQL server binaries for the test of Hangfire's PostgreSQL job storage (the test runs its own
# throw-away cluster on loopback). Optional: when the install fails the test says so and is skipped.
ensure_postgresql() {
  ensure_debian_package postgresql sh -c 'ls /usr/lib/postgresql/*/bin/initdb' \
    || echo "warning: PostgreSQL could not be installed; the PostgreSQL job-storage test will be skipped" >&2
}
