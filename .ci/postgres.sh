#!/usr/bin/env bash
# A throwaway PostgreSQL server for the test suite, from Debian's packages, on loopback only.
#   .ci/postgres.sh start DIR PORT   initdb into DIR (owned by the postgres user), start, print the connection string
#   .ci/postgres.sh stop DIR         stop it (DIR is the caller's to delete)
#   .ci/postgres.sh up DIR PORT      start it again after a stop (the cluster tests' database restart)
# Trust authentication on 127.0.0.1 and a socket in DIR: nothing outside this machine can reach it, and it holds only
# test data. fsync is off: the tests restart the app, never the machine.
set -euo pipefail

as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

bin=$( (ls -d /usr/lib/postgresql/*/bin 2>/dev/null || true) | sort -V | tail -1)
if [ -z "$bin" ]; then
    echo "PostgreSQL is not installed (apt-get install postgresql)." >&2
    exit 1
fi

pg_start() {
    as_root runuser -u postgres -- "$bin/pg_ctl" -D "$1/data" -l "$1/server.log" -w -t 60 \
        -o "-p $2 -k $1 -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=500" \
        start >/dev/null
}

case "${1:-}" in
    start)
        dir=$2 port=$3
        mkdir -p "$dir"
        as_root chown postgres "$dir"
        as_root runuser -u postgres -- "$bin/initdb" -D "$dir/data" -A trust -U liveshop -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
        pg_start "$dir" "$port"
        echo "Host=127.0.0.1;Port=$port;Username=liveshop"
        ;;
    up)
        dir=$2 port=$3
        pg_start "$dir" "$port"
        ;;
    stop)
        as_root runuser -u postgres -- "$bin/pg_ctl" -D "$2/data" -m fast -w stop >/dev/null || true
        ;;
    *)
        echo "usage: $0 start DIR PORT | stop DIR | up DIR PORT" >&2
        exit 2
        ;;
esac
