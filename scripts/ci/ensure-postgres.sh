#!/usr/bin/env bash
# Makes sure PostgreSQL answers on 127.0.0.1:5432 with trust auth for user postgres and a database
# `test`, for the PostgreSQL steps of `npm test`. Starts the installed cluster when it is down;
# on a bare Debian/Ubuntu machine installs it first (needs root). Safe to run again.
set -euo pipefail

HOST=127.0.0.1
PORT=5432

ready() { pg_isready -q -h "$HOST" -p "$PORT" 2>/dev/null; }

if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  echo "ensure-postgres: installing PostgreSQL"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq postgresql >/dev/null
fi

if ! ready; then
  version="$(ls /etc/postgresql | sort -V | tail -1)"
  echo "ensure-postgres: starting cluster $version/main"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start
  for _ in $(seq 1 30); do ready && break; sleep 1; done
fi
ready || { echo "ensure-postgres: PostgreSQL does not answer on $HOST:$PORT" >&2; exit 1; }

# Trust for local TCP connections, as the tests connect without a password.
if ! psql -h "$HOST" -p "$PORT" -U postgres -d postgres -Atc 'select 1' >/dev/null 2>&1; then
  version="$(ls /etc/postgresql | sort -V | tail -1)"
  hba="/etc/postgresql/$version/main/pg_hba.conf"
  echo "ensure-postgres: allowing trust auth from $HOST in $hba"
  sed -i "1i host all all $HOST/32 trust" "$hba"
  pg_ctlcluster --skip-systemctl-redirect "$version" main reload
  sleep 1
fi

if [ "$(psql -h "$HOST" -p "$PORT" -U postgres -d postgres -Atc "select 1 from pg_database where datname = 'test'")" != 1 ]; then
  psql -h "$HOST" -p "$PORT" -U postgres -d postgres -qc 'CREATE DATABASE test'
fi
echo "ensure-postgres: ready at postgresql://postgres@$HOST:$PORT/test"
