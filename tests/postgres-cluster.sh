# A throwaway PostgreSQL cluster for the tests and the benchmark; sourced, not run.
#   postgres_cluster_start   initdb into a temporary folder, start on a free port of 127.0.0.1,
#                            set POSTGRES_CLUSTER_URL (an Npgsql connection string to it); 1 and one line on failure
#   postgres_cluster_start durable   the same with fsync and full-page writes on, PostgreSQL's defaults (the benchmark:
#                            without them a commit costs PostgreSQL nothing on disk, unlike SQLite)
#   postgres_cluster_stop    stop it and remove the folder (safe to call twice, and from a trap)
# The cluster is for tests only: fsync is off unless durable, and anyone on 127.0.0.1 may connect as postgres.

POSTGRES_CLUSTER_DIR=""
POSTGRES_CLUSTER_URL=""

postgres_cluster_bindir() {
  local bindir
  if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then
    pg_config --bindir
    return 0
  fi
  # Debian puts the server's programs under a versioned folder; take the newest.
  bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$bindir" ] && [ -x "$bindir/initdb" ] && echo "$bindir"
}

# Runs a command as the cluster's owner: PostgreSQL refuses to run as root.
postgres_cluster_as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

postgres_cluster_start() {
  local bindir port attempt unsafe="-c fsync=off -c full_page_writes=off"
  if [ "${1:-}" = durable ]; then unsafe=""; fi
  bindir=$(postgres_cluster_bindir)
  if [ -z "$bindir" ]; then
    echo "Installing Debian's postgresql for the tests on PostgreSQL..." >&2
    if [ "$(id -u)" -eq 0 ]; then as_root=""; else as_root="sudo"; fi
    $as_root apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive $as_root apt-get install -y -qq postgresql >/dev/null 2>&1
    bindir=$(postgres_cluster_bindir)
    [ -n "$bindir" ] || { echo "PostgreSQL cluster: cannot start, PostgreSQL is not installed and apt-get install postgresql failed." >&2; return 1; }
  fi
  if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
    useradd --system --no-create-home --shell /usr/sbin/nologin postgres \
      || { echo "PostgreSQL cluster: cannot start, there is no postgres user to run it and useradd failed." >&2; return 1; }
  fi

  if ! POSTGRES_CLUSTER_DIR=$(mktemp -d "${TMPDIR:-/tmp}/forum-postgres.XXXXXX" 2>/dev/null); then
    POSTGRES_CLUSTER_DIR=""
    echo "PostgreSQL cluster: cannot start, cannot create a temporary folder under ${TMPDIR:-/tmp}." >&2
    return 1
  fi
  chmod 755 "$POSTGRES_CLUSTER_DIR"
  if [ "$(id -u)" -eq 0 ] && ! chown postgres "$POSTGRES_CLUSTER_DIR"; then
    echo "PostgreSQL cluster: cannot start, cannot give $POSTGRES_CLUSTER_DIR to the postgres user." >&2
    postgres_cluster_stop
    return 1
  fi
  if ! postgres_cluster_as_owner "$bindir/initdb" -D "$POSTGRES_CLUSTER_DIR/data" -U postgres --auth=trust \
      --encoding=UTF8 --locale=C.UTF-8 --no-sync >"$POSTGRES_CLUSTER_DIR/initdb.log" 2>&1; then
    echo "PostgreSQL cluster: cannot start, initdb failed: $(grep -m1 -iE 'error|fatal|cannot' "$POSTGRES_CLUSTER_DIR/initdb.log" || tail -n 1 "$POSTGRES_CLUSTER_DIR/initdb.log")" >&2
    postgres_cluster_stop
    return 1
  fi

  # A port that nothing answers on; another process may take it in between, so try a few.
  for attempt in 1 2 3 4 5; do
    port=$((20000 + RANDOM % 40000))
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      continue
    fi
    if postgres_cluster_as_owner "$bindir/pg_ctl" -D "$POSTGRES_CLUSTER_DIR/data" -l "$POSTGRES_CLUSTER_DIR/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories='$POSTGRES_CLUSTER_DIR' $unsafe -c max_connections=300" \
        start >/dev/null 2>&1; then
      POSTGRES_CLUSTER_URL="Host=127.0.0.1;Port=$port;Username=postgres"
      return 0
    fi
  done
  echo "PostgreSQL cluster: cannot start on 127.0.0.1: $(grep -m1 -E 'FATAL|ERROR' "$POSTGRES_CLUSTER_DIR/server.log" 2>/dev/null || echo 'pg_ctl failed five times')" >&2
  postgres_cluster_stop
  return 1
}

postgres_cluster_stop() {
  local bindir
  [ -n "$POSTGRES_CLUSTER_DIR" ] || return 0
  if [ -f "$POSTGRES_CLUSTER_DIR/data/postmaster.pid" ]; then
    bindir=$(postgres_cluster_bindir)
    postgres_cluster_as_owner "$bindir/pg_ctl" -D "$POSTGRES_CLUSTER_DIR/data" -m immediate -w stop >/dev/null 2>&1
  fi
  rm -rf "$POSTGRES_CLUSTER_DIR"
  POSTGRES_CLUSTER_DIR=""
  POSTGRES_CLUSTER_URL=""
}
