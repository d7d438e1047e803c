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

# Debian's Chromium for the browser tests (never a downloaded browser build).
ensure_chromium() {
  command -v chromium >/dev/null 2>&1 && return 0
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
}

# Debian's redis-server for the tests that run several app instances (Redis backplane, shared job storage).
ensure_redis_server() {
  command -v redis-server >/dev/null 2>&1 && return 0
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq redis-server >/dev/null
}
