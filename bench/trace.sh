#!/usr/bin/env bash
# Side by side for issue 4, in one run on one lab path (namespaces src — r1 — r2 — r3 — dst, links 198.18.k.0/24):
#   netlens trace --report -n --icmp -c 50 -i 0.05 TARGET   vs   mtr -r -n -c 50 -i 0.05 TARGET
# both run as root inside the source namespace (both use raw ICMP sockets), each under /usr/bin/time -v.
# Loss is injected with the statistic match: router 1 drops every RL-th of its own time-exceeded replies (rate-limit
# look-alike) and router 2 every FWD-th packet it forwards toward the target (real loss from hop 3 on). The nth mode
# gives both tools the same loss pattern: with random loss, two samples of 50 probes differ by 8 points (one standard
# deviation at 20%) from sampling alone, and the comparison would measure luck, not the tools. MODE=random uses
# --mode random with the same shares instead.
# Before any timing, one untimed run of each tool: same hop addresses and Loss% within 10 points, or exit 1; every timed
# run is compared the same way (exit 1 on a difference). Wall, CPU and RSS: median, min and max of RUNS.
# Needs root, mtr, /usr/bin/time (package time), python3 and ./netlens (built first, outside the timings).
# Usage: [MODE=nth|random] bench/trace.sh [RUNS] [RL] [FWD]   (defaults 3, 3, 5: 33% and 20%); prints markdown.
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
runs="${1:-3}"
every_rl="${2:-3}"
every_fwd="${3:-5}"
mode="${MODE:-nth}"
tag="nlbtr$$"
names=(src r1 r2 r3 dst)
bench_netlens

for n in "${names[@]}"; do
  bench_ns "$tag-$n"
  ip netns exec "$tag-$n" sysctl -qw net.ipv4.ip_forward=1 net.ipv4.icmp_ratelimit=0 net.ipv4.icmp_msgs_per_sec=100000 net.ipv4.icmp_msgs_burst=10000
done
for k in 1 2 3 4; do
  left="$tag-${names[$((k - 1))]}" right="$tag-${names[$k]}"
  ip link add "r$k" netns "$left" type veth peer name "l$k" netns "$right"
  ip -n "$left" addr add "198.18.$k.1/24" dev "r$k"
  ip -n "$right" addr add "198.18.$k.2/24" dev "l$k"
  ip -n "$left" link set "r$k" up
  ip -n "$right" link set "l$k" up
done
for i in 0 1 2 3 4; do
  ns="$tag-${names[$i]}"
  for k in 1 2 3 4; do
    if (( k < i )); then ip -n "$ns" route add "198.18.$k.0/24" via "198.18.$i.1"
    elif (( k > i + 1 )); then ip -n "$ns" route add "198.18.$k.0/24" via "198.18.$((i + 1)).2"; fi
  done
done
target=198.18.4.2
share() {
  if [[ "$mode" == nth ]]; then echo "--mode nth --every $1 --packet 0"
  else echo "--mode random --probability $(awk -v n="$1" 'BEGIN { printf "%.4f", 1 / n }')"; fi
}
# shellcheck disable=SC2046
ip netns exec "$tag-r1" iptables -A OUTPUT -p icmp --icmp-type time-exceeded -m statistic $(share "$every_rl") -j DROP
# shellcheck disable=SC2046
ip netns exec "$tag-r2" iptables -A FORWARD -o r3 -m statistic $(share "$every_fwd") -j DROP
ip netns exec "$tag-src" "$bin" trace -n --icmp -c 3 -i 0 --timeout 1 "$target" >/dev/null   # ARP warm-up

# Wall (s), CPU (user+sys s), max RSS (KiB) from time -v.
measure() {
  local name="$1"; shift
  /usr/bin/time -v -o "$out/time" ip netns exec "$tag-src" "$@" >"$out/report"
  awk -v n="$name" -F': ' '
    /Elapsed \(wall clock\)/ { split($2, t, ":"); wall = (length(t) == 3) ? t[1] * 3600 + t[2] * 60 + t[3] : t[1] * 60 + t[2] }
    /User time/ { cpu += $2 } /System time/ { cpu += $2 } /Maximum resident/ { rss = $2 }
    END { printf "%s|%.2f|%.2f|%d\n", n, wall, cpu, rss }' "$out/time"
}

# Per-hop "address loss" from an mtr -r style report.
hops() { awk '/\|--/ { sub(/%$/, "", $3); print $2, $3 }' "$1"; }

# same_hops MTR_REPORT NETLENS_REPORT RUN: one table row per hop; fails when an address differs or Loss% is > 10 points apart.
same_hops() {
  [[ $(hops "$1" | wc -l) == $(hops "$2" | wc -l) ]] || { echo "bench: run $3: mtr and netlens report different hop counts" >&2; return 1; }
  paste -d' ' <(hops "$1") <(hops "$2") | awk -v r="$3" '
    { same = ($1 == $3) ? "yes" : "NO"; d = $2 - $4; if (d < 0) d = -d; close_ = (d <= 10) ? "yes" : "NO"
      printf "| %s | %d | %s %s%% | %s %s%% | %s | %s |\n", r, NR, $1, $2, $3, $4, same, close_
      if (same == "NO" || close_ == "NO") bad = 1 }
    END { exit bad }'
}

echo "Before timing, one untimed run of each (bench/trace.sh):"
echo
echo "| run | hop | mtr | netlens | same address | loss within 10 points |"
echo "|---:|---:|:---|:---|:---:|:---:|"
ip netns exec "$tag-src" mtr -r -n -c 50 -i 0.05 "$target" >"$out/mtr.check"
ip netns exec "$tag-src" "$bin" trace --report -n --icmp -c 50 -i 0.05 "$target" >"$out/netlens.check"
same_hops "$out/mtr.check" "$out/netlens.check" "check" || { echo "bench: mtr and netlens disagree before timing" >&2; exit 1; }
echo
bench_machine
echo "$(mtr --version); path: 4 hops, router 1 drops 1 in $every_rl of its time-exceeded, router 2 drops 1 in $every_fwd of what it forwards ($mode)"
echo
echo "| run | tool | wall [s] | CPU user+sys [s] | max RSS [KiB] |"
echo "|---:|:---|---:|---:|---:|"
for run in $(seq 1 "$runs"); do
  m=$(measure "mtr -r -n -c 50 -i 0.05" mtr -r -n -c 50 -i 0.05 "$target"); cp "$out/report" "$out/mtr.$run"
  n=$(measure "netlens trace --report -n --icmp -c 50 -i 0.05" "$bin" trace --report -n --icmp -c 50 -i 0.05 "$target"); cp "$out/report" "$out/netlens.$run"
  for line in "$m" "$n"; do
    IFS='|' read -r tool wall cpu rss <<<"$line"
    echo "| $run | \`$tool\` | $wall | $cpu | $rss |"
    printf '%s\t%s\t%s\t%s\n' "$tool" "$wall" "$cpu" "$rss" >>"$out/times"
  done
done
python3 -c '
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    tool, *figures = line.rstrip("\n").split("\t")
    rows.setdefault(tool, []).append([float(f) for f in figures])
(_, mtr), (_, netlens) = rows.items()
print("\nTable made by bench/trace.sh: median (min–max) of the runs above; the ratio is of the medians\n")
print("| | mtr | netlens | netlens / mtr |")
print("|:---|---:|---:|---:|")
for i, what in enumerate(("wall [s]", "CPU user+sys [s]", "max RSS [KiB]")):
    a, b = [r[i] for r in mtr], [r[i] for r in netlens]
    digits = 2 if i < 2 else 0
    cell = lambda v: f"{statistics.median(v):.{digits}f} ({min(v):.{digits}f}–{max(v):.{digits}f})"
    print(f"| {what} | {cell(a)} | {cell(b)} | {statistics.median(b) / statistics.median(a):.2f} |")
' "$out/times"
echo
echo "Per hop, every timed run (address and Loss%: mtr | netlens):"
echo
echo "| run | hop | mtr | netlens | same address | loss within 10 points |"
echo "|---:|---:|:---|:---|:---:|:---:|"
status=0
for run in $(seq 1 "$runs"); do
  same_hops "$out/mtr.$run" "$out/netlens.$run" "$run" || status=1
done
echo
echo "Last reports:"; echo; echo '```'; cat "$out/mtr.$runs"; echo; cat "$out/netlens.$runs"; echo '```'
exit "$status"
