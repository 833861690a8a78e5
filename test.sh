#!/usr/bin/env bash
# Runs every test project and prints one closing line: "N passed, N failed, N skipped".
# Extra arguments go to `dotnet test` (CI passes -c Release --no-build).
set -uo pipefail
cd "$(dirname "$0")"
log="$(mktemp)"
dotnet test Mote.slnx "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
# Each test assembly ends with "Passed!  - Failed: F, Passed: P, Skipped: S, Total: T"; add them up.
summary=$(grep -Eo 'Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+' "$log" |
    awk -F'[:,]' '{ f += $2; p += $4; s += $6 } END { printf "%d passed, %d failed, %d skipped", p, f, s }')
rm -f "$log"
echo "${summary:-0 passed, 0 failed}"
case "$summary" in
    ""|"0 passed"*) exit 1 ;;
esac
exit "$status"
