# Shared pieces of the bench/ scripts; source it first thing: `. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"`.
#   bench_netlens            builds ./netlens (outside every timing) and sets $bin; NETLENS_BIN times another build
#   bench_ns NAME            creates a lab namespace (lo up) that is deleted on exit, even on failure
#   bench_on_exit CMD        one more clean-up command (a process to kill, …)
#   bench_same WHAT A B      compares two answers byte for byte; on a difference prints it and exits 1
#   bench_hyperfine TITLE …  runs hyperfine (JSON export) and prints median, min, max of every command
#   bench_stats TITLE        reads "NAME<TAB>SECONDS" lines, prints median, min, max per NAME (timings taken by hand;
#                            "GROUP: NAME" rows are compared within their group)
#   bench_machine            one line: the machine, the date, the load, and that it is shared
# $out is a scratch directory removed on exit (KEEP=1 keeps it). Needs root, python3 and (for bench_hyperfine) hyperfine.
set -euo pipefail
bench_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$(mktemp -d)"
bench_namespaces=()
bench_cleanups=()

bench_exit() {
  local status=$?
  for command in "${bench_cleanups[@]}"; do eval "$command" 2>/dev/null || true; done
  for ns in "${bench_namespaces[@]}"; do ip netns del "$ns" 2>/dev/null || true; done
  [[ -n "${KEEP:-}" ]] || rm -rf "$out"
  exit "$status"
}
trap bench_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

bench_on_exit() { bench_cleanups+=("$1"); }

bench_netlens() {
  if [[ -z "${NETLENS_BIN:-}" ]]; then "$bench_root/netlens" --version >/dev/null; fi
  bin="${NETLENS_BIN:-$bench_root/artifacts/bin/netlens}"
}

bench_ns() {
  ip netns add "$1"
  bench_namespaces+=("$1")
  ip -n "$1" link set lo up
}

# bench_same WHAT EXPECTED_FILE ACTUAL_FILE: the classic tool's answer first, netlens's second.
bench_same() {
  if ! cmp -s "$2" "$3"; then
    echo "bench: $1: netlens's answer differs from the classic tool's; not timing a wrong answer" >&2
    diff -u "$2" "$3" | head -40 >&2 || true
    exit 1
  fi
  echo "compared before timing: $1: same ($(wc -l <"$3") lines, $(wc -c <"$3") bytes)"
}

# bench_hyperfine TITLE [hyperfine options and commands]: a markdown table from hyperfine's JSON (all times kept).
bench_hyperfine() {
  local title="$1"; shift
  local json="$out/hyperfine.$RANDOM.json"
  hyperfine --style none --export-json "$json" "$@" >/dev/null
  python3 - "$json" "$title" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
unit, scale = ("ms", 1e3) if max(r["median"] for r in results) < 2 else ("s", 1)
first = results[0]["median"]
print(f"\n{sys.argv[2]}\n")
print(f"| Command | Median [{unit}] | Min [{unit}] | Max [{unit}] | Runs | Median / first row's |")
print("|:---|---:|---:|---:|---:|---:|")
for r in results:
    print(f"| `{r['command']}` | {r['median'] * scale:.2f} | {r['min'] * scale:.2f} | {r['max'] * scale:.2f} | {len(r['times'])} | {r['median'] / first:.3f} |")
PY
}

# bench_stats TITLE < "NAME<TAB>SECONDS" lines: the same table for timings a script took itself.
bench_stats() {
  python3 -c '
import statistics, sys
title, rows, first = sys.argv[1], {}, {}
for line in sys.stdin:
    name, seconds = line.rstrip("\n").split("\t")
    rows.setdefault(name, []).append(float(seconds))
print(f"\n{title}\n")
print("| Command | Median [s] | Min [s] | Max [s] | Runs | Median / first row'"'"'s of its group |")
print("|:---|---:|---:|---:|---:|---:|")
for name, times in rows.items():
    group = name.split(": ")[0] if ": " in name else ""   # "scenario: tool" rows compare within their scenario
    median = statistics.median(times)
    first.setdefault(group, median)
    print(f"| {name} | {median:.3f} | {min(times):.3f} | {max(times):.3f} | {len(times)} | {median / first[group]:.3f} |")
' "$1"
}

bench_machine() {
  echo "machine: $(nproc) cores, kernel $(uname -r), $(date -u '+%F %H:%M UTC'), load average before: $(cut -d' ' -f1-3 /proc/loadavg);" \
    "shared with other builds during this run (times move with their load; ratios compare commands timed back to back in the same run, so they stay meaningful)"
}
