#!/usr/bin/env bash
# Starts (or reuses) a private PostgreSQL from the installed binaries.
# Usage: scripts/postgres.sh <data-dir> <port> [test]
#   test: fsync off for speed (never for real data).
# Prints the connection string on stdout; everything else goes to stderr. Works as root and as a normal user.
set -euo pipefail

data_root=$1
port=$2
mode=${3:-}

pgbin=""
for dir in /usr/lib/postgresql/*/bin; do
  [ -x "$dir/pg_ctl" ] && pgbin=$dir
done
if [ -z "$pgbin" ] && command -v pg_ctl >/dev/null 2>&1; then
  pgbin=$(dirname "$(command -v pg_ctl)")
fi
if [ -z "$pgbin" ]; then
  echo "PostgreSQL binaries (pg_ctl, initdb) were not found." >&2
  exit 3
fi

mkdir -p "$data_root"
data_root=$(cd "$data_root" && pwd)
pgdata=$data_root/pg
pgsock=$data_root/sock
mkdir -p "$pgdata" "$pgsock"

# initdb and postgres refuse to run as root: run them as the postgres user, who must own the folders
# and be able to reach them through every parent folder.
as_pg=()
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  chown -R postgres:postgres "$data_root"
  d=$data_root
  while [ "$d" != "/" ]; do chmod o+x "$d" 2>/dev/null || true; d=$(dirname "$d"); done
  as_pg=(runuser -u postgres --)
fi
chmod 700 "$pgdata"

if [ ! -s "$pgdata/PG_VERSION" ]; then
  echo "Creating a PostgreSQL cluster in $pgdata" >&2
  "${as_pg[@]}" "$pgbin/initdb" -D "$pgdata" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$data_root/initdb.log" 2>&1 \
    || { cat "$data_root/initdb.log" >&2; exit 4; }
fi

opts="-p $port -k $pgsock -h 127.0.0.1"
if [ "$mode" = test ]; then
  opts="$opts -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300"
else
  opts="$opts -c max_connections=200"
fi

if ! "${as_pg[@]}" "$pgbin/pg_ctl" -D "$pgdata" status >/dev/null 2>&1; then
  echo "Starting PostgreSQL on 127.0.0.1:$port" >&2
  "${as_pg[@]}" "$pgbin/pg_ctl" -D "$pgdata" -l "$data_root/server.log" -w -t 60 -o "$opts" start >/dev/null \
    || { tail -20 "$data_root/server.log" >&2; exit 5; }
else
  echo "Reusing the PostgreSQL already running in $pgdata" >&2
fi

echo "Host=127.0.0.1;Port=$port;Database=kubeadvisor;Username=postgres"
