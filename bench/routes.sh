#!/usr/bin/env bash
# Side-by-side timings for issue 2, whole process each time, in one run on one lab namespace:
#   1. one lookup:         netlens route get ADDR         vs  ip route get ADDR
#   2. a 200k-route table: netlens routes --format ip    vs  ip route
# Before any timing, the answers are compared byte for byte: ip route get's line against netlens route get's first
# line for the timed address and a handful of others (gateway, connected, local, unreachable), and the whole table.
# Needs root, python3, hyperfine and ./netlens (built first). Usage: sudo bench/routes.sh [ROUTES] (default 200000).
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
routes="${1:-200000}"
ns="nlbroutes$$"
bench_netlens

bench_ns "$ns"
ip -n "$ns" link add bench0 type veth peer name bench1
ip -n "$ns" link set bench0 up
ip -n "$ns" link set bench1 up
ip -n "$ns" addr add 198.18.0.1/24 dev bench0
ip -n "$ns" -6 addr add 2001:db8::1/64 dev bench0 nodad

# 200k distinct routes inside 198.18.0.0/15: nested prefixes (/32, /31, /30, …) over the same
# addresses are distinct routes, so the main table reaches $routes without leaving the lab range.
python3 - "$routes" >"$out/batch" <<'PY'
import sys
n = int(sys.argv[1])
count = 0
for length in (32, 31, 30, 29, 28, 27, 26, 25):
    step = 1 << (32 - length)
    for a in range(198 << 24 | 18 << 16 | 1 << 8, 198 << 24 | 20 << 16, step):
        if count >= n:
            sys.exit(0)
        ip = ".".join(str(a >> s & 255) for s in (24, 16, 8, 0))
        print(f"route add {ip}/{length} via 198.18.0.2 dev bench0 metric {count % 7}")
        count += 1
PY
echo "route add unreachable 198.19.255.0/24" >>"$out/batch"
ip -n "$ns" -batch "$out/batch"
main_routes=$(ip -n "$ns" route | wc -l)

# Same answers, or the timing means nothing: ip's answer line (ip ends it with a space and adds a "cache" line) against
# netlens's first line, which is that line word for word (the explanation follows it).
for address in 198.19.7.9 198.18.0.7 198.18.0.1 198.18.1.1 198.19.255.3 2001:db8::9; do
  { ip -n "$ns" route get "$address" 2>&1 || true; } | head -1 | sed 's/ *$//' >>"$out/get.ip"
  "$bin" --netns "$ns" route get "$address" 2>&1 | head -1 >>"$out/get.netlens" || true
done
bench_same "route get (6 addresses)" "$out/get.ip" "$out/get.netlens"
ip -n "$ns" route >"$out/routes.ip"
"$bin" --netns "$ns" routes --format ip >"$out/routes.netlens"
bench_same "routes --format ip vs ip route ($main_routes routes)" "$out/routes.ip" "$out/routes.netlens"

bench_machine
bench_hyperfine "One lookup (bench/routes.sh): \`route get 198.19.7.9\` with $main_routes routes in the table" \
  -N --warmup 20 --runs 300 \
  -n "ip route get" "ip -n $ns route get 198.19.7.9" \
  -n "netlens route get" "$bin --netns $ns route get 198.19.7.9" \
  -n "netlens --version (start-up floor)" "$bin --version"
bench_hyperfine "The whole table (bench/routes.sh): $main_routes routes, output to /dev/null" \
  --warmup 2 --runs 10 \
  -n "ip route ($main_routes routes)" "ip -n $ns route >/dev/null" \
  -n "netlens routes --format ip" "$bin --netns $ns routes --format ip >/dev/null"
