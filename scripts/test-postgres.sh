# Sourced by scripts/test.sh: a throwaway PostgreSQL server for the tests that need one.
# Installs PostgreSQL when it is missing (Debian: apt-get), creates a private cluster in a temporary directory
# (run as the "postgres" user when we are root: PostgreSQL refuses to run as root), listening only on a Unix socket
# in that directory (no TCP port to collide with), trust authentication, then exports
#   PARLEY_TEST_POSTGRES="Host=<dir>;Port=5432;Username=postgres;Database=postgres"
# Each test creates and drops a database of its own there; PARLEY_PG_DIR and PARLEY_PG_BINDIR are exported too, for
# the one test that restarts the server (pg_ctl restart). parley_pg_stop (called from test.sh's exit trap) stops
# the server and deletes the directory.

parley_pg_bindir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -n "$dir" ] && [ -x "$dir/initdb" ]; then
    echo "$dir"
  elif command -v initdb >/dev/null 2>&1; then
    dirname "$(command -v initdb)"
  fi
}

parley_pg_start() {
  local bindir
  bindir=$(parley_pg_bindir)
  if [ -z "$bindir" ]; then
    if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
      echo "PostgreSQL is not installed and cannot be installed here (needs root and apt-get): install the postgresql package" >&2
      return 1
    fi
    echo "installing PostgreSQL (apt-get install -y postgresql)" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    bindir=$(parley_pg_bindir)
    if [ -z "$bindir" ]; then
      echo "PostgreSQL was installed but initdb was not found" >&2
      return 1
    fi
  fi

  PARLEY_PG_DIR=$(mktemp -d /tmp/parley-pg.XXXXXX)
  local run=()
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres:postgres "$PARLEY_PG_DIR"
    run=(runuser -u postgres --)
  fi
  PARLEY_PG_RUN=("${run[@]}")
  PARLEY_PG_BINDIR=$bindir

  "${run[@]}" "$bindir/initdb" -D "$PARLEY_PG_DIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync \
    >"$PARLEY_PG_DIR/initdb.log" 2>&1 || { cat "$PARLEY_PG_DIR/initdb.log" >&2; return 1; }

  # fsync off: the cluster is thrown away, and the tests run on a shared machine. Enough connections for test
  # classes running in parallel, each with its own database, pool and LISTEN connection.
  "${run[@]}" "$bindir/pg_ctl" -D "$PARLEY_PG_DIR/data" -l "$PARLEY_PG_DIR/server.log" -w -t 60 start \
    -o "-c listen_addresses='' -k $PARLEY_PG_DIR -p 5432 -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    >/dev/null || { cat "$PARLEY_PG_DIR/server.log" >&2; return 1; }

  export PARLEY_TEST_POSTGRES="Host=$PARLEY_PG_DIR;Port=5432;Username=postgres;Database=postgres"
  # For the test that restarts the server (tests/Parley.Server.Tests/Cluster/PostgresRestartTests.cs).
  export PARLEY_PG_DIR PARLEY_PG_BINDIR
  echo "test PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') at $PARLEY_PG_DIR" >&2
}

parley_pg_stop() {
  if [ -n "${PARLEY_PG_DIR:-}" ] && [ -d "$PARLEY_PG_DIR" ]; then
    "${PARLEY_PG_RUN[@]}" "$PARLEY_PG_BINDIR/pg_ctl" -D "$PARLEY_PG_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$PARLEY_PG_DIR"
  fi
}
