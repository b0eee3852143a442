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
if [[ $EUID -ne 0 ]]; then
  echo "test.sh: not root, so the lab tests (network namespaces) will be skipped; run as root to include them"
fi
log="artifacts/test-output.txt"
mkdir -p artifacts
dotnet test NetLens.slnx 2>&1 | tee "$log"
[[ ${PIPESTATUS[0]} -ne 0 ]] && status=1

# One closing line over all test projects, from each project's "Passed!/Failed!  - Failed: N, Passed: N, Skipped: N".
passed=0; failed=0; skipped=0
while read -r f p s; do
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
done < <(sed -n 's/.*- Failed: *\([0-9]*\), Passed: *\([0-9]*\), Skipped: *\([0-9]*\),.*/\1 \2 \3/p' "$log")
if [[ $passed -eq 0 ]]; then
  echo "test.sh: no test ran"
  status=1
fi
echo "tests: $passed passed, $failed failed, $skipped skipped"
exit $status
