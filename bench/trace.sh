#!/usr/bin/env bash
# Side by side for issue 4, in one run on one lab path (namespaces src — r1 — r2 — r3 — dst, links 198.18.k.0/24):
#   netlens trace --report -n --icmp -c 50 -i 0.05 TARGET   vs   mtr -r -n -c 50 -i 0.05 TARGET
# both run as root inside the source namespace (both use raw ICMP sockets), each under /usr/bin/time -v.
# Loss is injected with the statistic match: router 1 drops every RL-th of its own time-exceeded replies (rate-limit
# look-alike) and router 2 every FWD-th packet it forwards toward the target (real loss from hop 3 on). The nth mode
# gives both tools the same loss pattern: with random loss, two samples of 50 probes differ by 8 points (one standard
# deviation at 20%) from sampling alone, and the comparison would measure luck, not the tools. MODE=random uses
# --mode random with the same shares instead.
# Needs root, mtr, /usr/bin/time and ./netlens (built first, outside the timings).
# Usage: [MODE=nth|random] bench/trace.sh [RUNS] [RL] [FWD]   (defaults 3, 3, 5: 33% and 20%); prints markdown.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-3}"
every_rl="${2:-3}"
every_fwd="${3:-5}"
mode="${MODE:-nth}"
tag="nlbtr$$"
names=(src r1 r2 r3 dst)
out="$(mktemp -d)"
cleanup() {
  for n in "${names[@]}"; do ip netns del "$tag-$n" 2>/dev/null || true; done
  rm -rf "$out"
}
trap cleanup EXIT

"$root/netlens" --version >/dev/null
bin="$root/artifacts/bin/netlens"

for n in "${names[@]}"; do
  ip netns add "$tag-$n"
  ip -n "$tag-$n" link set lo up
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

echo "machine: $(nproc) cores, $(uname -r), $(date -u +%F); $(mtr --version); path: 4 hops, router 1 drops 1 in $every_rl of its time-exceeded, router 2 drops 1 in $every_fwd of what it forwards ($mode)"
echo
echo "| run | tool | wall [s] | CPU user+sys [s] | max RSS [KiB] |"
echo "|---:|:---|---:|---:|---:|"
for run in $(seq 1 "$runs"); do
  m=$(measure "mtr -r -n -c 50 -i 0.05" mtr -r -n -c 50 -i 0.05 "$target"); cp "$out/report" "$out/mtr.$run"
  n=$(measure "netlens trace --report -n --icmp -c 50 -i 0.05" "$bin" trace --report -n --icmp -c 50 -i 0.05 "$target"); cp "$out/report" "$out/netlens.$run"
  for line in "$m" "$n"; do IFS='|' read -r tool wall cpu rss <<<"$line"; echo "| $run | \`$tool\` | $wall | $cpu | $rss |"; done
  echo "$m" >>"$out/mtr.times"; echo "$n" >>"$out/netlens.times"
done
echo
ratio() { awk -F'|' -v c="$2" '{ s += $c; n++ } END { printf "%.3f", s / n }' "$1"; }
echo "Means: wall mtr $(ratio "$out/mtr.times" 2) s, netlens $(ratio "$out/netlens.times" 2) s" \
  "(netlens/mtr = $(awk -v a="$(ratio "$out/netlens.times" 2)" -v b="$(ratio "$out/mtr.times" 2)" 'BEGIN { printf "%.2f", a / b }'));" \
  "CPU mtr $(ratio "$out/mtr.times" 3) s, netlens $(ratio "$out/netlens.times" 3) s;" \
  "max RSS mtr $(ratio "$out/mtr.times" 4) KiB, netlens $(ratio "$out/netlens.times" 4) KiB"
echo
echo "Per hop, every run (address and Loss%: mtr | netlens):"
echo
echo "| run | hop | mtr | netlens | same address | loss within 10 points |"
echo "|---:|---:|:---|:---|:---:|:---:|"
status=0
for run in $(seq 1 "$runs"); do
  paste -d' ' <(hops "$out/mtr.$run") <(hops "$out/netlens.$run") | awk -v r="$run" '
    { same = ($1 == $3) ? "yes" : "NO"; d = $2 - $4; if (d < 0) d = -d; close_ = (d <= 10) ? "yes" : "NO"
      printf "| %d | %d | %s %s%% | %s %s%% | %s | %s |\n", r, NR, $1, $2, $3, $4, same, close_
      if (same == "NO" || close_ == "NO") bad = 1 }
    END { exit bad }' || status=1
  [[ $(hops "$out/mtr.$run" | wc -l) == $(hops "$out/netlens.$run" | wc -l) ]] || { echo "run $run: different hop counts"; status=1; }
done
echo
echo "Last reports:"; echo; echo '```'; cat "$out/mtr.$runs"; echo; cat "$out/netlens.$runs"; echo '```'
exit "$status"
