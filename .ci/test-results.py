#!/usr/bin/env python3
"""Reads the .trx files of one `dotnet test --logger trx` run and the skip allow-list; prints every failed and skipped
test (a skip with its reason and whether the allow-list allows it) and the closing line `tests: N passed, N failed,
N skipped`. Exits 1 when a test failed, a skip is not allowed, or no test ran.

Usage: test-results.py RESULTS_DIR ALLOWLIST [--root]"""
import glob
import re
import sys
import xml.etree.ElementTree as ET

NS = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}


def allow_list(path, root):
    entries = []
    for number, line in enumerate(open(path, encoding="utf-8"), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = [p.strip() for p in line.split(" | ")]
        if len(parts) != 3 or parts[0] not in ("always", "non-root"):
            sys.exit(f"{path}:{number}: expected 'always|non-root | PATTERN | WHY', got: {line}")
        when, pattern, why = parts
        if when == "always" or not root:
            entries.append((re.compile(pattern), why))
    return entries


def main():
    results_dir, allow_path = sys.argv[1], sys.argv[2]
    root = "--root" in sys.argv[3:]
    allowed = allow_list(allow_path, root)
    passed, failed, skipped = [], [], []
    files = sorted(glob.glob(f"{results_dir}/**/*.trx", recursive=True))
    for path in files:
        for result in ET.parse(path).getroot().iterfind("t:Results/t:UnitTestResult", NS):
            name, outcome = result.get("testName"), result.get("outcome")
            message = result.findtext("t:Output/t:ErrorInfo/t:Message", default="", namespaces=NS).strip()
            if outcome == "Passed":
                passed.append(name)
            elif outcome == "NotExecuted":
                skipped.append((name, message))
            else:
                failed.append((name, outcome, message))

    status = 0
    for name, outcome, message in failed:
        print(f"FAILED  {name} ({outcome}): {message.splitlines()[0] if message else 'no message'}")
        status = 1
    for name, reason in skipped:
        why = next((w for p, w in allowed if p.search(reason)), None)
        if why is None:
            print(f"SKIPPED {name}: {reason or '(no reason given)'}  -> NOT ALLOWED (not in {allow_path})")
            status = 1
        else:
            print(f"SKIPPED {name}: {reason}  -> allowed: {why}")
    if not files or not passed:
        print(f"test-results: no test ran (no results in {results_dir})")
        status = 1
    print(f"tests: {len(passed)} passed, {len(failed)} failed, {len(skipped)} skipped")
    return status


if __name__ == "__main__":
    sys.exit(main())
