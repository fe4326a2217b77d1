#!/usr/bin/env bash
# Runs every test and ends with the plain line "N passed, M failed" over all of them:
#   the unit tests, once;
#   the functional suite on SQLite;
#   the functional suite again on PostgreSQL, on a throwaway cluster this script starts and removes,
#   with a throwaway Redis too for the tests of several instances (Scaling/);
#   and on SQL Server too when FORUM_TEST_SQLSERVER holds a connection string to one.
# FORUM_TEST_PROVIDERS picks the functional runs (e.g. "sqlite" for a quick local run; default
# "sqlite postgres", plus "sqlserver" when FORUM_TEST_SQLSERVER is set). Arguments go to every
# `dotnet test`, e.g. ./test.sh --filter "FullyQualifiedName~Statistics".
set -uo pipefail
cd "$(dirname "$0")"
source tests/postgres-cluster.sh
source tests/redis-server.sh

providers="${FORUM_TEST_PROVIDERS:-sqlite postgres${FORUM_TEST_SQLSERVER:+ sqlserver}}"

# The cluster goes whatever happens: tests failing, the script interrupted or killed by TERM.
trap 'postgres_cluster_stop; redis_server_stop' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

results=TestResults
rm -rf "$results"

# The sum of the TRX counters under a folder, as "passed failed".
count() {
  local passed=0 failed=0 trx counters p f
  for trx in "$1"/*.trx; do
    [ -f "$trx" ] || continue
    counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
    p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
    f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
    passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
  done
  echo "$passed $failed"
}

if [[ " $providers " == *" postgres "* ]]; then
  if ! postgres_cluster_start; then
    echo "0 passed, 1 failed"
    exit 1
  fi
  echo "PostgreSQL cluster for the tests: $POSTGRES_CLUSTER_URL ($POSTGRES_CLUSTER_DIR)"
  if ! redis_server_start; then
    echo "0 passed, 1 failed"
    exit 1
  fi
  echo "Redis for the tests: $REDIS_SERVER_URL ($REDIS_SERVER_DIR)"
fi

# The browser tests drive Debian's Chromium; install it when it is missing (as root, or through sudo).
if [ ! -x /usr/bin/chromium ]; then
  echo "Installing Debian's chromium for the browser tests..."
  if [ "$(id -u)" -eq 0 ]; then as_root=""; else as_root="sudo"; fi
  $as_root apt-get update -qq && DEBIAN_FRONTEND=noninteractive $as_root apt-get install -y -qq chromium >/dev/null \
    || { echo "Could not install chromium: the browser tests will fail." >&2; }
fi

# Built once; every run below reuses the build.
args=()
built=0
for arg in "$@"; do
  if [ "$arg" = "--no-build" ]; then built=1; else args+=("$arg"); fi
done
if [ "$built" -eq 0 ]; then
  dotnet build Forum.sln --configuration Release -nologo -v q || { echo "0 passed, 1 failed"; exit 1; }
fi

status=0
summary=()
# run LABEL PROJECT [VAR=VALUE...]: one `dotnet test` with only the given database variables set.
run() {
  local label=$1 project=$2
  shift 2
  env -u FORUM_TEST_POSTGRES -u FORUM_TEST_SQLSERVER -u FORUM_TEST_REDIS "$@" \
    dotnet test "$project" --configuration Release --no-build --logger "trx;LogFilePrefix=results" \
    --results-directory "$results/$label" "${args[@]}" || status=1
  read -r p f < <(count "$results/$label")
  summary+=("$label: $p passed, $f failed")
}

run unit tests/Forum.UnitTests
for provider in $providers; do
  case "$provider" in
    sqlite) run functional-sqlite tests/Forum.FunctionalTests ;;
    postgres) run functional-postgres tests/Forum.FunctionalTests "FORUM_TEST_POSTGRES=$POSTGRES_CLUSTER_URL" \
      "FORUM_TEST_REDIS=$REDIS_SERVER_URL" "FORUM_TEST_REDIS_SERVER=$REDIS_SERVER_BIN" ;;
    sqlserver) run functional-sqlserver tests/Forum.FunctionalTests "FORUM_TEST_SQLSERVER=${FORUM_TEST_SQLSERVER:?FORUM_TEST_SQLSERVER holds no connection string}" ;;
    *) echo "Unknown provider '$provider' in FORUM_TEST_PROVIDERS (sqlite, postgres, sqlserver)." >&2; status=1 ;;
  esac
done

printf '%s\n' "${summary[@]}"
passed=0; failed=0
for dir in "$results"/*/; do
  read -r p f < <(count "$dir")
  passed=$((passed + p)); failed=$((failed + f))
done
echo "${passed} passed, ${failed} failed"
if [ "$status" -eq 0 ] && [ "$passed" -eq 0 ]; then
  echo "No test ran." >&2
  exit 1
fi
exit "$status"
