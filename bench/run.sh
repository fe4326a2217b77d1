#!/usr/bin/env bash
# Builds the server and the benchmark in Release, then benchmarks the server on a fresh database.
# Results go to bench/results/ (latest.txt, latest.json, server.log). Arguments go to the benchmark, e.g. a quick smoke run:
#   bench/run.sh --contributions 2000 --draft-contributions 500 --seconds 2 --warmup 1 --server-warmup 3
# --provider sqlite (the default) runs on a SQLite file; --provider postgres on a throwaway PostgreSQL cluster
# (tests/postgres-cluster.sh, with fsync on); --provider both runs SQLite then PostgreSQL with the same arguments and
# sets their figures side by side (latest-both.txt; each run in latest-sqlite.txt, latest-postgres.txt):
#   bench/run.sh --provider both
# or only the rendering of the pathological Markdown corpus (no server): bench/run.sh --markdown
# or only the draft summarizer on 10,000 generated contributions, in process (no server): bench/run.sh --summarizer
# or the price of several instances (PostgreSQL, durable, and a throwaway Redis): one instance without Redis, one with it,
# two with it on one database; latest-instances.txt and .json, a smoke run:
#   bench/run.sh --instances --seconds 2 --warmup 1 --server-warmup 3 --live-clients 100 --live-posts 5
# or what e-mail costs: a phase opening for 10,000 followers (compose, hand to a local SMTP server, messages/s, memory) and
# replies with 8 writers against the server of the commit before e-mail (--baseline, default c27f5a9, built in a
# temporary worktree) and this one; latest-mail.txt:
#   bench/run.sh --mail [--baseline <commit>] [--followers 10000]
# or what the language check costs: detection per version (100 and 5,000 words), its accuracy by length, and two servers,
# the check off and on (RSS, posts/s); latest-language-check.txt:
#   bench/run.sh --language-check [--seconds 10]
# or only the translation desk's backlog on the busy phase: a volunteer's GET /api/translation/desk at 8 connections, by phase,
# by pair and deep through the cursor; latest-desk.txt (latest-desk-sqlite.txt and latest-desk-postgres.txt with --provider both):
#   bench/run.sh --desk [--provider both] [--contributions 100000] [--seconds 10]
# Server options pass through the environment, e.g. the output cache off: Forum__ListCacheSeconds=0 bench/run.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

provider=sqlite
bench_args=()
while [[ $# -gt 0 ]]; do
    if [[ "$1" == --provider ]]; then
        provider="${2:-}"
        shift 2 || true
    else
        bench_args+=("$1")
        shift
    fi
done
case "$provider" in
    sqlite) providers=(sqlite) ;;
    postgres) providers=(postgres) ;;
    both) providers=(sqlite postgres) ;;
    *) echo "--provider is sqlite, postgres or both, not '$provider'." >&2; exit 2 ;;
esac
# The in-process benchmarks use no database.
if [[ " ${bench_args[*]} " == *" --markdown "* || " ${bench_args[*]} " == *" --summarizer "* ]]; then
    providers=(sqlite)
fi
instances=false
if [[ " ${bench_args[*]} " == *" --instances "* ]]; then
    instances=true providers=(postgres)
fi
desk=false
if [[ " ${bench_args[*]} " == *" --desk "* ]]; then
    desk=true
fi
mail=false baseline=c27f5a9
if [[ " ${bench_args[*]} " == *" --mail "* ]]; then
    mail=true
    rest=()
    for ((i = 0; i < ${#bench_args[@]}; i++)); do
        if [[ "${bench_args[$i]}" == --baseline ]]; then baseline="${bench_args[$((i + 1))]}"; i=$((i + 1)); else rest+=("${bench_args[$i]}"); fi
    done
    bench_args=("${rest[@]}")
fi

dotnet build -c Release -nologo -v q "$root/src/Forum.Web"
dotnet build -c Release -nologo -v q "$root/bench/Forum.Bench"
bench_dll="$root/bench/Forum.Bench/bin/Release/net10.0/Forum.Bench.dll"

if [[ " ${bench_args[*]} " == *" --language-check "* ]]; then
    mkdir -p "$root/bench/results"
    echo "=== language check ($(date -u +%H:%M:%S) UTC, load average $(cut -d' ' -f1-3 /proc/loadavg))"
    dotnet "$bench_dll" "${bench_args[@]}" --web "$root/src/Forum.Web/bin/Release/net10.0/Forum.Web.dll" \
        --results "$root/bench/results/latest-language-check.txt"
    exit 0
fi

source "$root/tests/postgres-cluster.sh"
source "$root/tests/redis-server.sh"
work="$(mktemp -d)"
results="$root/bench/results"
mkdir -p "$results"
# The benchmark stops its servers itself (their pids, one a line); this covers the case where the benchmark dies first.
cleanup() {
    if [[ -s "$work/server.pid" ]]; then
        for pid in $(cat "$work/server.pid"); do
            if kill -0 "$pid" 2>/dev/null; then kill "$pid"; fi
        done
    fi
    postgres_cluster_stop
    redis_server_stop
    rm -rf "$work"
}
trap cleanup EXIT

if [[ "$mail" == true ]]; then
    echo "Building the server of $baseline, the commit before e-mail, for the posting comparison..."
    git -C "$root" worktree add -q --detach "$work/baseline" "$baseline"
    trap 'git -C "$root" worktree remove --force "$work/baseline"; cleanup' EXIT
    dotnet build -c Release -nologo -v q "$work/baseline/src/Forum.Web"
    echo "=== mail ($(date -u +%H:%M:%S) UTC, load average $(cut -d' ' -f1-3 /proc/loadavg))"
    dotnet "$bench_dll" "${bench_args[@]}" \
        --web "$root/src/Forum.Web/bin/Release/net10.0/Forum.Web.dll" \
        --baseline-web "$work/baseline/src/Forum.Web/bin/Release/net10.0/Forum.Web.dll" \
        --log "$results" --results "$results/latest-mail.txt"
    exit 0
fi

for p in "${providers[@]}"; do
    # One run keeps the usual names; two get the provider in theirs.
    if [[ "$instances" == true ]]; then name=latest-instances log=server-instances
    elif [[ "$desk" == true && ${#providers[@]} -eq 1 ]]; then name=latest-desk log=server-desk
    elif [[ "$desk" == true ]]; then name="latest-desk-$p" log="server-desk-$p"
    elif [[ ${#providers[@]} -eq 1 ]]; then name=latest log=server; else name="latest-$p" log="server-$p"; fi
    if [[ "$p" == postgres ]]; then
        postgres_cluster_start durable
        echo "PostgreSQL cluster for the benchmark: $POSTGRES_CLUSTER_URL ($POSTGRES_CLUSTER_DIR)"
        database=(--provider postgres --postgres "$POSTGRES_CLUSTER_URL")
    else
        database=(--db "$work/forum.db")
    fi
    if [[ "$instances" == true ]]; then
        redis_server_start
        echo "Redis for the benchmark: $REDIS_SERVER_URL"
        database+=(--redis "$REDIS_SERVER_URL")
    fi
    echo "=== $p ($(date -u +%H:%M:%S) UTC, load average $(cut -d' ' -f1-3 /proc/loadavg))"
    dotnet "$bench_dll" "${database[@]}" \
        --web "$root/src/Forum.Web/bin/Release/net10.0/Forum.Web.dll" \
        --pid-file "$work/server.pid" \
        --log "$results/$log.log" \
        --results "$results/$name.txt" \
        --figures "$results/$name.json" \
        "${bench_args[@]}"
    # Its memory and CPU stay out of the next run.
    postgres_cluster_stop
done

if [[ ${#providers[@]} -eq 2 ]]; then
    echo
    prefix=latest
    if [[ "$desk" == true ]]; then prefix=latest-desk; fi
    dotnet "$bench_dll" --side-by-side "$results/$prefix-sqlite.json" "$results/$prefix-postgres.json" --results "$results/$prefix-both.txt"
fi
