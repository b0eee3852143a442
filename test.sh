#!/usr/bin/env bash
# Runs every test: formatting, the NativeAOT build, unit tests, and the lab tests (lab tests need root).
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

status=0
echo "== dotnet format --verify-no-changes"
if ! dotnet format NetLens.slnx --verify-no-changes; then
  echo "test.sh: formatting differs (run: dotnet format NetLens.slnx)"
  status=1
fi

echo "== NativeAOT publish (warnings are errors)"
if ! ./netlens --version; then
  echo "test.sh: the NativeAOT build failed"
  status=1
fi

echo "== tests"
results="artifacts/test-results"
rm -rf "$results"
dotnet test NetLens.slnx --logger "trx" --results-directory "$results" --logger "console;verbosity=normal" 2>&1 \
  | grep -vE '^\s*Passed ' || true
test_exit=${PIPESTATUS[0]}
[[ $test_exit -ne 0 ]] && status=1

# One closing line over all test projects, read from the TRX files.
passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [[ -f "$trx" ]] || continue
  counters="$(grep -o '<Counters [^>]*>' "$trx")"
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  t=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters")
  e=$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + t - e))
done
if [[ $passed -eq 0 ]]; then
  echo "test.sh: no test ran"
  status=1
fi
echo "tests: $passed passed, $failed failed, $skipped skipped"
exit $status
