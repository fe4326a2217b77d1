#!/usr/bin/env bash
# Compares the server at a baseline revision with the working tree, in one run on the same machine:
# builds both, then runs the benchmark against them in turn (baseline, current, current, baseline: the order
# cancels a drift of the machine's load) and prints each figure of the current build as a ratio of the baseline's.
#   bench/compare.sh <baseline revision> [benchmark arguments]
#   bench/compare.sh HEAD~5 --contributions 20000 --draft-contributions 2000 --seconds 5 --live-clients 300
# Results: bench/results/compare/{baseline,current}-{1,2}.txt and ratios.txt.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [[ $# -lt 1 ]]; then
    echo "usage: bench/compare.sh <baseline revision> [benchmark arguments]" >&2
    exit 2
fi
baseline_rev="$(git -C "$root" rev-parse --verify "$1^{commit}")"
shift

work="$(mktemp -d)"
baseline_tree="$work/baseline"
cleanup() {
    if [[ -s "$work/server.pid" ]] && kill -0 "$(cat "$work/server.pid")" 2>/dev/null; then
        kill "$(cat "$work/server.pid")"
    fi
    git -C "$root" worktree remove --force "$baseline_tree" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

git -C "$root" worktree add --detach -q "$baseline_tree" "$baseline_rev"
echo "building the baseline ($(git -C "$root" log -1 --format='%h %s' "$baseline_rev" | cut -c1-80))..."
dotnet build -c Release -nologo -v q "$baseline_tree/src/Forum.Web"
echo "building the current tree..."
dotnet build -c Release -nologo -v q "$root/src/Forum.Web"
dotnet build -c Release -nologo -v q "$root/bench/Forum.Bench"

results="$root/bench/results/compare"
rm -rf "$results"
mkdir -p "$results"
run() { # name, server tree, benchmark arguments
    local name="$1" tree="$2"
    shift 2
    rm -f "$work"/forum.db*
    echo "=== $name ($(date -u +%H:%M:%S))"
    dotnet "$root/bench/Forum.Bench/bin/Release/net10.0/Forum.Bench.dll" \
        --db "$work/forum.db" --web "$tree/src/Forum.Web/bin/Release/net10.0/Forum.Web.dll" \
        --pid-file "$work/server.pid" --log "$results/$name.log" --results "$results/$name.txt" "$@" >"$results/$name.out"
}
bench_args=("$@")
for pass in baseline:1 current:1 current:2 baseline:2; do
    name="${pass%%:*}-${pass##*:}"
    if [[ "${pass%%:*}" == baseline ]]; then tree="$baseline_tree"; else tree="$root"; fi
    run "$name" "$tree" "${bench_args[@]}"
done

python3 - "$results" <<'PY' | tee "$results/ratios.txt"
import re, sys, statistics, pathlib
folder = pathlib.Path(sys.argv[1])

def figures(text):
    found = {}
    in_table = False
    for line in text.splitlines():
        if line.startswith("scenario "):
            in_table = True
            continue
        if in_table:
            if not line.strip() or line.startswith("("):
                in_table = False
                continue
            name, rest = line[:30].strip(), line[30:].split()
            found[f"{name}: req/s"] = (float(rest[1].replace(",", "")), "higher")
            found[f"{name}: p50 ms"] = (float(rest[2]), "lower")
            found[f"{name}: p99 ms"] = (float(rest[3]), "lower")
    patterns = {
        "statistics rebuild: client ms": (r"statistics rebuild over [\d,]+ contributions: ([\d,]+) ms for the client", "lower"),
        "draft refresh: s": (r"refresh: all three drafts ready ([\d.]+) s", "lower"),
        "live delivery: p50 ms": (r"delivery latency, POST sent to message at the client: p50 ([\d.]+) ms", "lower"),
        "live delivery: p99 ms": (r"delivery latency, .*?p99 ([\d.]+) ms", "lower"),
        "peak resident MB": (r"peak resident \(VmHWM\) ([\d.]+) MB", "lower"),
    }
    for key, (pattern, better) in patterns.items():
        match = re.search(pattern, text)
        if match:
            found[key] = (float(match.group(1).replace(",", "")), better)
    for fmt, seconds in re.findall(r"^  (csv|json|md)\s+([\d.]+)", text, re.M):
        found[f"export {fmt}: s"] = (float(seconds), "lower")
    return found

runs = {name: figures((folder / f"{name}.txt").read_text()) for name in ("baseline-1", "current-1", "current-2", "baseline-2")}
print(f"{'figure':<44} {'baseline':>10} {'current':>10} {'ratio':>7} {'noise':>7}  (ratio: current / baseline, mean of two runs each, "
      "below 1 is better for times, above 1 for req/s; noise: the larger of the two baseline runs over the smaller, "
      "a ratio inside it is not a difference)")
for key, (_, better) in runs["baseline-1"].items():
    if not all(key in r for r in runs.values()):
        continue
    base = statistics.mean(runs[n][key][0] for n in ("baseline-1", "baseline-2"))
    cur = statistics.mean(runs[n][key][0] for n in ("current-1", "current-2"))
    ratio = cur / base if base else float("nan")
    pair = sorted(runs[n][key][0] for n in ("baseline-1", "baseline-2"))
    noise = pair[1] / pair[0] if pair[0] else float("nan")
    print(f"{key:<44} {base:>10.2f} {cur:>10.2f} {ratio:>7.2f} {noise:>7.2f}")
PY
