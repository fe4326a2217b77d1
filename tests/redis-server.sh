# A throwaway Redis for the tests and the benchmark; sourced, not run.
#   redis_server_start   start Debian's redis-server (installed with apt when missing) on a free port of 127.0.0.1,
#                        in memory only, and set REDIS_SERVER_URL (a StackExchange.Redis connection string to it) and
#                        REDIS_SERVER_BIN (the program, for tests that start a Redis of their own); 1 and one line on failure
#   redis_server_stop    stop it and remove its folder (safe to call twice, and from a trap)

REDIS_SERVER_DIR=""
REDIS_SERVER_URL=""
REDIS_SERVER_BIN=""

redis_server_start() {
  local port attempt
  REDIS_SERVER_BIN=$(command -v redis-server || true)
  if [ -z "$REDIS_SERVER_BIN" ]; then
    echo "Installing Debian's redis-server for the tests of several instances..." >&2
    if [ "$(id -u)" -eq 0 ]; then as_root=""; else as_root="sudo"; fi
    $as_root apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive $as_root apt-get install -y -qq redis-server >/dev/null 2>&1
    REDIS_SERVER_BIN=$(command -v redis-server || true)
    [ -n "$REDIS_SERVER_BIN" ] || { echo "Redis: cannot start, redis-server is not installed and apt-get install redis-server failed." >&2; return 1; }
  fi
  if ! REDIS_SERVER_DIR=$(mktemp -d "${TMPDIR:-/tmp}/forum-redis.XXXXXX" 2>/dev/null); then
    REDIS_SERVER_DIR=""
    echo "Redis: cannot start, cannot create a temporary folder under ${TMPDIR:-/tmp}." >&2
    return 1
  fi
  for attempt in 1 2 3 4 5; do
    port=$((20000 + RANDOM % 40000))
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      continue
    fi
    if "$REDIS_SERVER_BIN" --port "$port" --bind 127.0.0.1 --daemonize yes --save "" --appendonly no \
        --dir "$REDIS_SERVER_DIR" --pidfile "$REDIS_SERVER_DIR/redis.pid" --logfile "$REDIS_SERVER_DIR/redis.log" >/dev/null 2>&1; then
      for _ in $(seq 1 50); do
        if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
          REDIS_SERVER_URL="127.0.0.1:$port"
          return 0
        fi
        sleep 0.1
      done
    fi
  done
  echo "Redis: cannot start on 127.0.0.1: $(tail -n 1 "$REDIS_SERVER_DIR/redis.log" 2>/dev/null || echo 'redis-server failed five times')" >&2
  redis_server_stop
  return 1
}

redis_server_stop() {
  if [ -n "$REDIS_SERVER_DIR" ]; then
    if [ -f "$REDIS_SERVER_DIR/redis.pid" ]; then
      kill "$(cat "$REDIS_SERVER_DIR/redis.pid")" 2>/dev/null
      for _ in $(seq 1 50); do
        kill -0 "$(cat "$REDIS_SERVER_DIR/redis.pid" 2>/dev/null)" 2>/dev/null || break
        sleep 0.1
      done
    fi
    rm -rf "$REDIS_SERVER_DIR"
  fi
  REDIS_SERVER_DIR=""
  REDIS_SERVER_URL=""
}
