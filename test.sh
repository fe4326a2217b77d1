#!/usr/bin/env bash
# Runs every test of the solution and ends with the plain line "N passed, M failed".
set -uo pipefail
cd "$(dirname "$0")"

# The browser tests drive Debian's Chromium; install it when it is missing (as root, or through sudo).
if [ ! -x /usr/bin/chromium ]; then
  echo "Installing Debian's chromium for the browser tests..."
  if [ "$(id -u)" -eq 0 ]; then as_root=""; else as_root="sudo"; fi
  $as_root apt-get update -qq && DEBIAN_FRONTEND=noninteractive $as_root apt-get install -y -qq chromium >/dev/null \
    || { echo "Could not install chromium: the browser tests will fail." >&2; }
fi

results=TestResults
rm -rf "$results"
dotnet test Forum.sln --configuration Release --logger "trx;LogFilePrefix=results" --results-directory "$results" "$@"
status=$?

# Count from the TRX files: dotnet test's own summary is per project and not read by CI.
passed=0; failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done
echo "${passed} passed, ${failed} failed"
if [ "$status" -eq 0 ] && [ "$passed" -eq 0 ]; then
  echo "No test ran." >&2
  exit 1
fi
exit "$status"
