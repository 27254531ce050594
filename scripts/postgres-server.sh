#!/usr/bin/env bash
# A throwaway PostgreSQL server on loopback for the server tests and benchmarks.
#   scripts/postgres-server.sh start   install PostgreSQL from Debian's packages if missing (needs root), start it
#   scripts/postgres-server.sh url     print the connection string (TENURE_TEST_DATABASE_URL)
#   scripts/postgres-server.sh stop    stop it and delete its data
# The cluster lives in /tmp (it is owned by the postgres user, who must be able to read it) and is
# tuned for tests: no fsync. Never point it at data you want to keep.
set -euo pipefail

PORT="${TENURE_PG_PORT:-54329}"
DATA="/tmp/tenure-postgres-$PORT"
DATABASE="tenure_test"
URL="postgres://postgres@127.0.0.1:$PORT/$DATABASE"

bin_dir() {
  local found
  found="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  if [ -n "$found" ] && [ -x "$found/pg_ctl" ]; then echo "$found"; return 0; fi
  return 1
}

as_postgres() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

install_server() {
  if bin_dir >/dev/null; then return 0; fi
  if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null; then
    echo "PostgreSQL is not installed and cannot be installed here (needs root and apt-get)." >&2
    exit 1
  fi
  echo "Installing PostgreSQL from Debian's packages…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq postgresql >/dev/null
}

start() {
  install_server
  local bin
  bin="$(bin_dir)"
  if as_postgres "$bin/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
    echo "PostgreSQL already running on 127.0.0.1:$PORT"
    return 0
  fi
  rm -rf "$DATA"
  mkdir -p "$DATA"
  if [ "$(id -u)" = "0" ]; then chown postgres:postgres "$DATA"; fi
  as_postgres "$bin/initdb" -D "$DATA" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  as_postgres "$bin/pg_ctl" -D "$DATA" -l "$DATA/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -c port=$PORT -c unix_socket_directories=$DATA -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null
  as_postgres "$bin/createdb" -h 127.0.0.1 -p "$PORT" -U postgres "$DATABASE"
  echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') running on 127.0.0.1:$PORT"
}

stop() {
  local bin
  bin="$(bin_dir)" || return 0
  as_postgres "$bin/pg_ctl" -D "$DATA" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$DATA"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  url) echo "$URL" ;;
  *) echo "usage: $0 start|stop|url" >&2; exit 2 ;;
esac
