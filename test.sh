#!/usr/bin/env bash
# Runs every test: formatting, the NativeAOT build, unit tests, and the lab tests (lab tests need root).
# Needs python3 to read the test results. A skipped test fails the run unless test/skip-allowlist.txt allows its reason.
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
if [[ $EUID -ne 0 ]]; then
  echo "test.sh: not root, so the lab tests (network namespaces) will be skipped; run as root to include them"
fi
# Results come from each project's .trx (xunit's outcome and skip reason per test), not from the console text.
results="artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"
dotnet test NetLens.slnx --logger trx --results-directory "$results" 2>&1 | tee artifacts/test-output.txt
[[ ${PIPESTATUS[0]} -ne 0 ]] && status=1

# Every failed and skipped test by name; a skip whose reason is not on test/skip-allowlist.txt fails the run.
echo "== summary"
root_flag=()
[[ $EUID -eq 0 ]] && root_flag=(--root)
python3 .ci/test-results.py "$results" test/skip-allowlist.txt "${root_flag[@]}" || status=1
exit $status
