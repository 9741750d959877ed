#!/usr/bin/env bash
# Installs what ./test.sh needs on a fresh Debian machine when it is missing: Chromium (browser tests),
# PostgreSQL server and client (every database test), clang and zlib headers (the test that publishes the agent with
# NativeAOT), Node.js and npm (to install Microsoft's SARIF validator into .tools/sarif, which the CLI's tests run).
# As root it installs them with apt-get, as a user with password-less sudo through sudo; otherwise it
# stops and prints the one command to run. Exit 0 when everything is there.
set -uo pipefail

if ! command -v dotnet >/dev/null 2>&1; then
  echo "The .NET SDK is missing: install .NET SDK 10 (https://dot.net), then run this again." >&2
  exit 1
fi

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || command -v pg_ctl >/dev/null 2>&1 || need+=(postgresql)
command -v psql >/dev/null 2>&1 || need+=(postgresql-client)
command -v clang >/dev/null 2>&1 || need+=(clang)
[ -f /usr/include/zlib.h ] || need+=(zlib1g-dev)
command -v node >/dev/null 2>&1 || need+=(nodejs)
command -v npm >/dev/null 2>&1 || need+=(npm)

# Microsoft's SARIF validator (a self-contained binary on npm), for tests/KubeAdvisor.Cli.Tests; git-ignored.
sarif_tool() {
  local root; root=$(cd "$(dirname "$0")/.." && pwd)
  local dir=$root/.tools/sarif
  [ -x "$dir/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool" ] && return 0
  echo "Installing @microsoft/sarif-multitool-linux into .tools/sarif" >&2
  mkdir -p "$dir" && [ -f "$dir/package.json" ] || echo '{"name":"kubeadvisor-tools","private":true}' > "$dir/package.json"
  if ! (cd "$dir" && npm install --silent --no-audit --no-fund @microsoft/sarif-multitool-linux@5.7.0 >/dev/null); then
    echo "Installing the SARIF validator failed; try: (cd .tools/sarif && npm install @microsoft/sarif-multitool-linux@5.7.0)" >&2
    return 1
  fi
}

if [ ${#need[@]} -eq 0 ]; then
  sarif_tool
  exit $?
fi

install=(apt-get install -y -qq "${need[@]}")
if [ "$(id -u)" = 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo=(sudo)
else
  echo "Missing: ${need[*]}. Install them with:" >&2
  echo "  sudo apt-get update && sudo ${install[*]}" >&2
  exit 1
fi

echo "Installing: ${need[*]} (about two minutes)" >&2
export DEBIAN_FRONTEND=noninteractive
if ! { "${sudo[@]}" apt-get update -qq >/dev/null && "${sudo[@]}" "${install[@]}" >/dev/null; }; then
  echo "Installing ${need[*]} failed; try: sudo apt-get update && sudo ${install[*]}" >&2
  exit 1
fi
sarif_tool
