#!/usr/bin/env bash
# `routes --check` against table size (issue 15 item 13: it was quadratic, 20k routes took 55 s): the same lab table at
# 5k, 20k, 50k and 200k routes, each timed beside `ip route` dumping that table (the floor any check must read).
# Before any timing, at every size, the findings are compared with what this script planted: a gateway off-link, a
# route on a link without carrier and a table no rule uses — those three and nothing else (the 200k filler routes are
# nested prefixes through one connected gateway, which is fine). A different set stops the script with exit 1.
# Needs root, python3, hyperfine and ./netlens (built first). Usage: sudo bench/routes-check.sh [SIZES] (default "5000 20000 50000 200000").
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
sizes="${1:-5000 20000 50000 200000}"
bench_netlens
bench_machine

for routes in $sizes; do
  ns="nlbcheck$$-$routes"
  bench_ns "$ns"
  ip -n "$ns" link add bench0 type veth peer name bench1
  ip -n "$ns" link set bench0 up
  ip -n "$ns" link set bench1 up
  ip -n "$ns" addr add 198.18.0.1/24 dev bench0
  ip -n "$ns" addr add 198.18.99.1/24 dev bench0
  # bench2's peer stays down: bench2 has no carrier
  ip -n "$ns" link add bench2 type veth peer name bench3
  ip -n "$ns" link set bench2 up

  python3 - "$routes" >"$out/batch" <<'PY'
import sys
n = int(sys.argv[1])
count = 0
for length in (32, 31, 30, 29, 28, 27, 26, 25):
    step = 1 << (32 - length)
    for a in range(198 << 24 | 18 << 16 | 1 << 8, 198 << 24 | 19 << 16 | 240 << 8, step):
        if count >= n:
            sys.exit(0)
        ip = ".".join(str(a >> s & 255) for s in (24, 16, 8, 0))
        print(f"route add {ip}/{length} via 198.18.0.2 dev bench0")
        count += 1
PY
  cat >>"$out/batch" <<'IP'
route add 198.19.250.0/24 via 198.18.99.9 dev bench0
route add 198.19.251.0/24 dev bench2
route add 198.19.252.0/24 via 198.18.0.2 dev bench0 table 77
IP
  ip -n "$ns" -batch "$out/batch"
  # the gateway's network goes, the route through it stays (bench0 keeps another address, so nothing is flushed)
  ip -n "$ns" addr del 198.18.99.1/24 dev bench0
  main_routes=$(ip -n "$ns" route | wc -l)

  printf '%s\n' "gateway-off-link 198.19.250.0/24" "route-on-down-link 198.19.251.0/24" "table-unreachable 198.19.252.0/24" >"$out/planted"
  "$bin" --netns "$ns" routes --check --json >"$out/check.json" || true
  python3 - "$out/check.json" >"$out/found" <<'PY'
import json, sys
findings = json.load(open(sys.argv[1]))["findings"]
for line in sorted({f"{f['id']} {r['destination']}" for f in findings for r in f["routes"]}):
    print(line)
PY
  bench_same "routes --check findings with $main_routes routes in main (planted vs found)" "$out/planted" "$out/found"

  bench_hyperfine "routes --check (bench/routes-check.sh): $main_routes routes in main, output to /dev/null" \
    --warmup 1 --runs 5 \
    -n "ip route ($main_routes routes)" "ip -n $ns route >/dev/null" \
    -n "netlens routes --check" "$bin --netns $ns routes --check >/dev/null || true"
  ip netns del "$ns"
done
