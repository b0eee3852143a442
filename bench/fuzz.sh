#!/usr/bin/env bash
# Fuzzes every parser and decoder a million times (CASES=N to change it, SEED=N for another run) with the suite's own
# targets, mutator and runner (test/*/Properties), and prints per target: cases, inputs that raised anything but the
# target's typed parse error, seconds and cases per second. Exits 1 when any target failed.
# Usage: bench/fuzz.sh [CASES]     (writes nothing outside a temporary directory)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cases="${1:-${CASES:-1000000}}"
report="$(mktemp)"
trap 'rm -f "$report"' EXIT

echo "# fuzz: $cases cases per target, seed ${SEED:-20261206}; $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ), load $(cut -d' ' -f1 /proc/loadavg)"
status=0
for project in Core Linux Cli; do
  NETLENS_FUZZ_CASES="$cases" NETLENS_FUZZ_SEED="${SEED:-20261206}" NETLENS_FUZZ_REPORT="$report" \
    dotnet test "$root/test/NetLens.$project.Tests" --filter "FullyQualifiedName~A_seeded_fuzz_run_finds_no_untyped_exception" \
    --logger "console;verbosity=minimal" >"$report.$project.log" 2>&1 || { status=1; grep -E "Failed|untyped" "$report.$project.log" | head -20; }
  rm -f "$report.$project.log"
done

printf '%-28s %12s %9s %9s %12s\n' target cases failures seconds cases/s
sort "$report" | while IFS=$'\t' read -r target n failures seconds rate seed; do
  printf '%-28s %12s %9s %9s %12s\n' "$target" "$n" "$failures" "$seconds" "$rate"
  [[ "$failures" == 0 ]] || status=1
done
targets=$(wc -l <"$report")
echo "# $targets targets"
[[ "$targets" -gt 0 ]] || { echo "no target ran" >&2; exit 1; }
awk -F'\t' '$3 != 0 { bad = 1 } END { exit bad }' "$report" || exit 1
exit "$status"
