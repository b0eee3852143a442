#!/usr/bin/env bash
# Side-by-side timings for issue 2, whole process each time, in one run on one lab namespace:
#   1. one lookup:        netlens route get ADDR        vs  ip route get ADDR
#   2. a 200k-route table: netlens routes --format ip   vs  ip route
# Needs root (it builds a network namespace), hyperfine (apt-get install hyperfine) and ./netlens built.
# Usage: bench/routes.sh [ROUTES]   (default 200000); appends nothing, prints a markdown table.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
routes="${1:-200000}"
ns="nlbench$$"
out="$(mktemp -d)"
trap 'ip netns del "$ns" 2>/dev/null || true; rm -rf "$out"' EXIT

"$root/netlens" --version >/dev/null   # build first, outside the timings
bin="$root/artifacts/bin/netlens"

ip netns add "$ns"
ip -n "$ns" link set lo up
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
ip -n "$ns" -batch "$out/batch"
main_routes=$(ip -n "$ns" route | wc -l)

cd "$out"
hyperfine -N --warmup 20 --runs 300 --export-markdown get.md \
  -n "ip route get" "ip -n $ns route get 198.19.7.9" \
  -n "netlens route get" "$bin --netns $ns route get 198.19.7.9" \
  -n "netlens --version (start-up floor)" "$bin --version" >/dev/null
hyperfine --warmup 2 --runs 10 --export-markdown list.md \
  -n "ip route ($main_routes routes)" "ip -n $ns route >/dev/null" \
  -n "netlens routes --format ip" "$bin --netns $ns routes --format ip >/dev/null" >/dev/null
# Same bytes, or the timing means nothing.
if ! cmp -s <(ip -n "$ns" route) <("$bin" --netns "$ns" routes --format ip); then
  echo "WARNING: netlens routes --format ip differs from ip route" >&2
fi
echo "machine: $(nproc) cores, $(uname -r), $(date -u +%F)"
cat get.md; echo; cat list.md
