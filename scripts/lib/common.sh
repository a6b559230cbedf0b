# Shared by scripts/demo and scripts/test: install what is missing, then build.
# Sourced, not run. Works as root (CI) or as a user with sudo; never asks questions.

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

# The Debian 12 packages migrate needs to build, test and run its demo.
debian_packages=(
  build-essential cmake ninja-build ccache pkg-config git
  libpqxx-dev libcli11-dev libspdlog-dev libyaml-cpp-dev catch2 nlohmann-json3-dev
  libpg-query-dev libprotobuf-c-dev libssl-dev python3
  postgresql postgresql-client
)

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

install_missing_packages() {
  local missing=()
  for package in "${debian_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" ||
      missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing Debian packages: ${missing[*]}"
  local sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null
}

# build_migrate BUILD_DIR [TARGET...]: configure once, then build only what is asked.
build_migrate() {
  local build_dir=$1
  shift
  if [ ! -f "$build_dir/build.ninja" ]; then
    log "configuring $build_dir"
    cmake -S "$repo_root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      ${MIGRATE_CMAKE_ARGS:-} >/dev/null
  fi
  log "building ${*:-everything}"
  cmake --build "$build_dir" ${1:+--target "$@"}
}
