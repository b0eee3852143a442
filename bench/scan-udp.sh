#!/usr/bin/env bash
# Side by side for issue 5's UDP scan: netlens -sU vs nmap -sU, RUNS runs each per scenario (default 1: a UDP scan
# behind an ICMP rate limit takes seconds to minutes), same target, same ports, in one run.
# The target sits behind a veth (loopback would skip the per-host ICMP rate limit) and keeps its kernel's
# default limit (net.ipv4.icmp_ratelimit 1000 ms). Each tool writes XML; every run of both is checked against the
# truth the script set up before its time counts: a wrong run is not timed into the table and the script exits 1.
# Scenarios:
#   sheet      ports 7,20-30,53,1000-1012: 2 open, 16 closed, 5 dropped, 3 rejected (admin/host-prohibited)
#   firewall   netlens's default UDP list (99 ports) on a host that drops everything but 53 (open) and 123, 161 (closed)
#   closed     ports 1-60 on a host without a filter: 59 closed, 53 open
# Needs root, nmap, python3 and ./netlens built. Usage: sudo bench/scan-udp.sh [RUNS]; prints markdown tables.
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
runs="${1:-1}"
scanner="nlbudp$$s"
target="nlbudp$$t"
bench_netlens

bench_ns "$scanner"; bench_ns "$target"
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
bench_on_exit "kill $!"
for _ in $(seq 100); do [[ $(ss -N "$target" -ulnH | wc -l) == 2 ]] && break; sleep 0.05; done

rules() { ip netns exec "$target" nft flush ruleset; [[ -n "$1" ]] && printf '%s\n' "$1" | ip netns exec "$target" nft -f -; true; }

# scan NAME PORTS TRUTH(port=state,... with * for the rest): one line per tool
scan() {
  local name="$1" ports="$2" truth="$3"
  for run in $(seq "$runs"); do
  for tool in nmap netlens; do
    local start end
    start=$(date +%s.%N)
    if [[ $tool == nmap ]]; then
      ip netns exec "$scanner" nmap -sU -Pn -n -p "$ports" -oX "$out/$tool.xml" 198.18.13.2 >/dev/null
    else
      "$bin" --netns "$scanner" scan -Pn -sU -p "$ports" -oX "$out/$tool.xml" 198.18.13.2 >/dev/null
    fi
    end=$(date +%s.%N)
    python3 - "$out/$tool.xml" "$ports" "$truth" "$name" "$tool" "$start" "$end" <<'PY' || status=1
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
seconds = float(end) - float(start)
print(f"| {name} | {len(asked)} | `{tool} -sU` | {seconds:.1f} | {len(wrong)} | {','.join(map(str, wrong[:8]))}{'…' if len(wrong) > 8 else ''} |")
if wrong:
    print(f"bench: {tool} -sU gave {len(wrong)} wrong states in scenario {name}; its time is not counted", file=sys.stderr)
    sys.exit(1)
open(f"{path}.times", "a").write(f"{name}: `{tool} -sU`\t{seconds:.3f}\n")
PY
    [[ -f "$out/$tool.xml.times" ]] && cat "$out/$tool.xml.times" >>"$out/times" && rm "$out/$tool.xml.times"
    sleep 3   # let the target's bucket refill between tools
  done
  done
}

status=0
bench_machine
echo "$(nmap --version | head -1); every run, then median, min and max of the right runs (bench/scan-udp.sh)"
echo
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

ports = [l.split()[0] for l in open('$bench_root/data/ports/udp-services-ranked.txt') if l.strip() and not l.startswith('#')]
print(','.join(ports))")"
rules 'table inet lab { chain in { type filter hook input priority 0;
  udp dport { 53, 123, 161 } accept
  meta l4proto udp drop
  }
}'
scan firewall "$udp_list" "53=open,123=closed,161=closed,*=open|filtered"

rules ''
scan closed "1-60" "7=open,53=open,*=closed"
[[ -s "$out/times" ]] && bench_stats "UDP scans (bench/scan-udp.sh): right runs only" <"$out/times"
exit "$status"
