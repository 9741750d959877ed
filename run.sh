#!/usr/bin/env bash
# Runs KubeAdvisor on http://127.0.0.1:8080 (override with KUBEADVISOR_URLS).
# Database: KUBEADVISOR_DB (environment or .env) when set; else a private PostgreSQL from the installed
# binaries in .data/ (git-ignored, reused between runs); else it tells you how to use docker compose.
#   ./run.sh           start KubeAdvisor
#   ./run.sh --demo    also serve a sample cluster (manifests in src/KubeAdvisor.DemoCluster/Manifests) and
#                      connect it as "demo": scans, scores and violations appear within a minute
set -euo pipefail
cd "$(dirname "$0")"

if [ -f .env ]; then
  set -a; . ./.env; set +a
fi

args=()
for a in "$@"; do
  case "$a" in
    --demo) export KUBEADVISOR_DEMO=true ;;
    *) args+=("$a") ;;
  esac
done

if [ -z "${KUBEADVISOR_DB:-}" ]; then
  if KUBEADVISOR_DB=$(scripts/postgres.sh .data "${KUBEADVISOR_PG_PORT:-55432}"); then
    export KUBEADVISOR_DB
    psql -h 127.0.0.1 -p "${KUBEADVISOR_PG_PORT:-55432}" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='kubeadvisor'" | grep -q 1 \
      || psql -h 127.0.0.1 -p "${KUBEADVISOR_PG_PORT:-55432}" -U postgres -qc "CREATE DATABASE kubeadvisor" >/dev/null
  else
    cat >&2 <<'MSG'
No PostgreSQL binaries were found and KUBEADVISOR_DB is not set.
Either install PostgreSQL (Debian: apt-get install postgresql) and run ./run.sh again,
or run everything in containers:  docker compose up --build   (then open http://127.0.0.1:8080),
or point KUBEADVISOR_DB at a PostgreSQL you have (see .env.example).
MSG
    exit 1
  fi
fi

# The master key that encrypts the Data Protection key ring: from the environment / .env, else .data/ (created once).
if [ -z "${KUBEADVISOR_DATA_PROTECTION_KEY:-}" ]; then
  keyfile=.data/data-protection.key
  if [ ! -s "$keyfile" ]; then
    mkdir -p .data
    (umask 077; head -c 32 /dev/urandom | base64 > "$keyfile.tmp") && mv "$keyfile.tmp" "$keyfile"
    echo "Created the master key of the key ring in $keyfile (mode 600). Back it up (not next to the database backups): without it" >&2
    echo "stored kubeconfigs cannot be decrypted. See docs/security.md." >&2
  fi
  KUBEADVISOR_DATA_PROTECTION_KEY=$(cat "$keyfile")
  export KUBEADVISOR_DATA_PROTECTION_KEY
fi

export KUBEADVISOR_URLS=${KUBEADVISOR_URLS:-http://127.0.0.1:8080}
export ASPNETCORE_URLS=$KUBEADVISOR_URLS
echo "Building KubeAdvisor (first time: a few minutes)..." >&2
dotnet publish src/KubeAdvisor.Web -c Release -o .data/app -v q -nologo >&2
echo "KubeAdvisor starts on $KUBEADVISOR_URLS" >&2
cd .data/app
exec dotnet KubeAdvisor.Web.dll "${args[@]}"
