#!/usr/bin/env bash
# Times wrong-password log-ins for an existing and an unknown address (issue 10, ADR 0007) against a
# freshly started Release build on its own SQLite file, over loopback with curl. Each client address
# (X-Forwarded-For, trusted from loopback) makes 4 attempts, below the per-address lockout.
# The server runs under exec, so the trap stops the server itself.
# Usage: bench/account-timing.sh [attempts per kind, default 60, accounts are registered one per 4 attempts] [app folder, default the build of this tree]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
attempts="${1:-60}"
app="${2:-$root/src/Forum.Web/bin/Release/net10.0}"
[ -f "$app/Forum.Web.dll" ] || dotnet build -c Release -nologo -v q "$root/src/Forum.Web"
data="$(mktemp -d)"
port=$((20000 + RANDOM % 20000))
base="http://127.0.0.1:$port"
(cd "$app" && ASPNETCORE_ENVIRONMENT=Production Database__ConnectionString="Data Source=$data/forum.db" Database__SeedDemoData=false \
  Forum__Admin__Password='Timing-bench-admin-9' Forum__RateLimits__AccountAttemptsPerMinute=100000 \
  Forum__RateLimits__WritesPerAddressPerMinute=1000000 \
  exec dotnet Forum.Web.dll --urls "$base" >"$data/server.log" 2>&1) &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 1 120); do curl -sf "$base/api/forum" >/dev/null && break; sleep 0.5; done

register() { # e-mail → seconds
  curl -s -o /dev/null -w '%{time_total}\n' -X POST "$base/api/account/register" -H 'content-type: application/json' \
    -d "{\"email\":\"$1\",\"password\":\"Timing-bench-user-77\"}"
}
# One account per 4 attempts, so that no version locks them (before issue 10 five failures locked the account itself).
: >"$data/register-new"; : >"$data/register-taken"
for i in $(seq 0 $((attempts / 4))); do register "timing-$i@bench.localhost" >>"$data/register-new"; done
for i in $(seq 0 $((attempts / 4))); do register "timing-$i@bench.localhost" >>"$data/register-taken"; done

login() { # address, e-mail → seconds
  curl -s -o /dev/null -w '%{time_total}\n' -X POST "$base/api/account/login" -H 'content-type: application/json' \
    -H "X-Forwarded-For: $1" -d "{\"email\":\"$2\",\"password\":\"Not-the-password-1\"}"
}
# Warm-up: first requests pay for JIT and pools.
for i in 1 2 3; do login "10.9.9.$i" "timing-0@bench.localhost" >/dev/null; login "10.9.8.$i" "nobody-warm@bench.localhost" >/dev/null; done

: >"$data/known"; : >"$data/unknown"
for i in $(seq 1 "$attempts"); do
  address="10.$((i / 4 / 250)).$((i / 4 % 250)).1"
  # Alternate the two kinds so that noise from the shared machine falls on both alike.
  login "$address" "timing-$((i / 4))@bench.localhost" >>"$data/known"
  login "$address" "nobody-$((i / 4))@bench.localhost" >>"$data/unknown"
done
summary() { sort -n "$1" | awk '{ v[NR] = $1 * 1000; s += $1 * 1000 } END { printf "median %.1f ms, mean %.1f ms, p90 %.1f ms (n=%d)\n", v[int((NR + 1) / 2)], s / NR, v[int(NR * 0.9)], NR }'; }
echo "wrong password, existing address: $(summary "$data/known")"
echo "wrong password, unknown address:  $(summary "$data/unknown")"
echo "registration, new address:        $(summary "$data/register-new")"
echo "registration, taken address:      $(summary "$data/register-taken")"
