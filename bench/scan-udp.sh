#!/usr/bin/env bash
# Side by side for issue 5's UDP scan: netlens -sU vs nmap -sU, one run each per scenario (a UDP scan behind
# an ICMP rate limit takes seconds to minutes, so no repetitions), same target, same ports, in one run.
# The target sits behind a veth (loopback would skip the per-host ICMP rate limit) and keeps its kernel's
# default limit (net.ipv4.icmp_ratelimit 1000 ms). Each tool writes XML; both are checked against the truth
# the script set up. Scenarios:
#   sheet      ports 7,20-30,53,1000-1012: 2 open, 16 closed, 5 dropped, 3 rejected (admin/host-prohibited)
#   firewall   netlens's default UDP list (99 ports) on a host that drops everything but 53 (open) and 123, 161 (closed)
#   closed     ports 1-60 on a host without a filter: 59 closed, 53 open
# Needs root, nmap, python3 and ./netlens built. Usage: sudo bench/scan-udp.sh; prints a markdown table.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
scanner="nlbench$$-s"
target="nlbench$$-t"
out="$(mktemp -d)"
responder=""
cleanup() {
  [[ -n "$responder" ]] && kill "$responder" 2>/dev/null || true
  ip netns del "$scanner" 2>/dev/null || true
  ip netns del "$target" 2>/dev/null || true
  rm -rf "$out"
}
trap cleanup EXIT

"$root/netlens" --version >/dev/null   # build first, outside the timings
bin="$root/artifacts/bin/netlens"

ip netns add "$scanner"; ip netns add "$target"
ip -n "$scanner" link set lo up; ip -n "$target" link set lo up
ip -n "$scanner" link add nlb0 type veth peer name nlb1 netns "$target"
ip -n "$scanner" addr add 198.18.13.1/24 dev nlb0; ip -n "$target" addr add 198.18.13.2/24 dev nlb1
ip -n "$scanner" link set nlb0 up; ip -n "$target" link set nlb1 up
ip netns exec "$target" python3 -c '
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("0.0.0.0", 53))
t = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); t.bind(("0.0.0.0", 7))
import select
while True:
    for r in select.select([s, t], [], [])[0]:
        d, a = r.recvfrom(2048)
        if r is t or (len(d) >= 12 and not d[2] & 0x80): r.sendto(d[:2] + bytes([d[2] | 0x80]) + d[3:] if r is s else d, a)
' &
responder=$!
sleep 0.5

rules() { ip netns exec "$target" nft flush ruleset; [[ -n "$1" ]] && printf '%s\n' "$1" | ip netns exec "$target" nft -f -; true; }

# scan NAME PORTS TRUTH(port=state,... with * for the rest): one line per tool
scan() {
  local name="$1" ports="$2" truth="$3"
  for tool in nmap netlens; do
    local start end
    start=$(date +%s.%N)
    if [[ $tool == nmap ]]; then
      ip netns exec "$scanner" nmap -sU -Pn -n -p "$ports" -oX "$out/$tool.xml" 198.18.13.2 >/dev/null
    else
      "$bin" --netns "$scanner" scan -Pn -sU -p "$ports" -oX "$out/$tool.xml" 198.18.13.2 >/dev/null
    fi
    end=$(date +%s.%N)
    python3 - "$out/$tool.xml" "$ports" "$truth" "$name" "$tool" "$start" "$end" <<'PY'
import sys, xml.etree.ElementTree as ET
path, ports, truth, name, tool, start, end = sys.argv[1:]
def expand(spec):
    out = []
    for item in spec.split(','):
        lo, _, hi = item.partition('-')
        out += range(int(lo), int(hi or lo) + 1)
    return out
want = {}
default = None
for item in truth.split(','):
    key, state = item.split('=')
    if key == '*': default = state
    else:
        for p in expand(key): want[p] = state
found = {}
ports_el = ET.parse(path).getroot().find('host/ports')
for p in ports_el.findall('port'):
    found[int(p.get('portid'))] = p.find('state').get('state')
for e in ports_el.findall('extraports'):
    for r in e.findall('extrareasons'):
        for p in expand(r.get('ports')): found[p] = e.get('state')
asked = expand(ports)
wrong = [p for p in asked if found.get(p) != want.get(p, default)]
print(f"| {name} | {len(asked)} | `{tool} -sU` | {float(end) - float(start):.1f} | {len(wrong)} | {','.join(map(str, wrong[:8]))}{'…' if len(wrong) > 8 else ''} |")
PY
    sleep 3   # let the target's bucket refill between tools
  done
}

echo "| scenario | ports | tool | wall s | ports wrong | which |"
echo "|:---|---:|:---|---:|---:|:---|"
rules 'table inet lab { chain in { type filter hook input priority 0;
  udp dport 1000-1004 drop
  udp dport 1010-1011 reject with icmp type admin-prohibited
  udp dport 1012 reject with icmp type host-prohibited
  }
}'
scan sheet "7,20-30,53,1000-1012" "7=open,53=open,1000-1004=open|filtered,1010-1012=filtered,*=closed"

udp_list="$(python3 -c "

ports = [l.split()[0] for l in open('$root/data/ports/udp-services-ranked.txt') if l.strip() and not l.startswith('#')]
print(','.join(ports))")"
rules 'table inet lab { chain in { type filter hook input priority 0;
  udp dport { 53, 123, 161 } accept
  meta l4proto udp drop
  }
}'
scan firewall "$udp_list" "53=open,123=closed,161=closed,*=open|filtered"

rules ''
scan closed "1-60" "7=open,53=open,*=closed"
