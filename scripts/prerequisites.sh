#!/usr/bin/env bash
# Installs what ./test.sh needs on a fresh Debian machine when it is missing: Chromium (browser tests),
# PostgreSQL server and client (every database test), clang and zlib headers (the test that publishes the agent with
# NativeAOT). As root it installs them with apt-get, as a user with password-less sudo through sudo; otherwise it
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
[ ${#need[@]} -eq 0 ] && exit 0

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
