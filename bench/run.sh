#!/usr/bin/env bash
# Builds the server and the benchmark in Release, then benchmarks the server on a fresh SQLite database.
# Results go to bench/results/ (latest.txt, server.log). Arguments go to the benchmark, e.g. a quick smoke run:
#   bench/run.sh --contributions 2000 --draft-contributions 500 --seconds 2 --warmup 1 --server-warmup 3
# or only the rendering of the pathological Markdown corpus (no server): bench/run.sh --markdown
# or only the draft summarizer on 10,000 generated contributions, in process (no server): bench/run.sh --summarizer
# Server options pass through the environment, e.g. the output cache off: Forum__ListCacheSeconds=0 bench/run.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

dotnet build -c Release -nologo -v q "$root/src/Forum.Web"
dotnet build -c Release -nologo -v q "$root/bench/Forum.Bench"

work="$(mktemp -d)"
results="$root/bench/results"
mkdir -p "$results"
# The benchmark stops its server itself; this covers the case where the benchmark dies first.
cleanup() {
    if [[ -s "$work/server.pid" ]] && kill -0 "$(cat "$work/server.pid")" 2>/dev/null; then
        kill "$(cat "$work/server.pid")"
    fi
    rm -rf "$work"
}
trap cleanup EXIT

dotnet "$root/bench/Forum.Bench/bin/Release/net10.0/Forum.Bench.dll" \
    --db "$work/forum.db" \
    --web "$root/src/Forum.Web/bin/Release/net10.0/Forum.Web.dll" \
    --pid-file "$work/server.pid" \
    --log "$results/server.log" \
    --results "$results/latest.txt" \
    "$@"
