#!/usr/bin/env bash
# Side-by-side timings for issue 5 (netlens scan vs nmap), in one run, against one lab host across a veth wire:
# a target namespace with listeners on 22, 80, 8080 (open), 113, 443, 2000, 5060 let through with nothing
# listening (closed: RST), every other TCP port dropped by nft (filtered), as the sheet's example; the scans run
# from a second namespace. Every run's states (netlens's and nmap's) are checked against that truth before its time
# counts: a run with a wrong state is never timed into the table, and the script exits 1. Median, min and max of RUNS.
#   1. the default scan (netlens's top-1000 list, given to nmap with -p so both scan the same ports): nmap -sS vs netlens
#   2. 20,000 ports (-p 1-20000): nmap -sS -T4 vs netlens
#   3. 10,000 ports with 20% of TCP packets dropped each way on the target: netlens vs nmap -sS -T4 (with a timeout)
# Needs root, nmap, python3 and ./netlens (built first). Usage: bench/scan.sh [RUNS] (default 3); prints markdown.
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
runs="${1:-3}"
nmap_timeout="${NMAP_TIMEOUT:-300}"
scanner="nlbscan$$s"
target="nlbscan$$t"
bench_netlens

bench_ns "$scanner"; bench_ns "$target"
ip -n "$scanner" link add s0 type veth peer name t0 netns "$target"
ip -n "$scanner" link set s0 up; ip -n "$target" link set t0 up
ip -n "$scanner" addr add 198.18.7.1/24 dev s0
ip -n "$target" addr add 198.18.7.2/24 dev t0

rules() {   # $1: loss percent (0 or a divisor of 100)
  local loss=""
  [[ "$1" != 0 ]] && loss="meta l4proto tcp numgen random mod $((100 / $1)) == 0 drop"
  ip netns exec "$target" nft -f - <<NFT
flush ruleset
table inet lab {
 chain in { type filter hook input priority 0;
  $loss
  tcp dport { 22, 80, 8080, 113, 443, 2000, 5060 } accept
  meta l4proto tcp drop
 }
 chain out { type filter hook output priority 0;
  $loss
 }
}
NFT
}
rules 0

ip netns exec "$target" python3 -c '
import socket, time
keep = []
for p in (22, 80, 8080):
    s = socket.socket(); s.bind(("198.18.7.2", p)); s.listen(512); keep.append(s)
time.sleep(1e6)' &
bench_on_exit "kill $!"
for _ in $(seq 100); do [[ $(ss -N "$target" -tlnH | wc -l) == 3 ]] && break; sleep 0.05; done

# states of one run, as "port state" lines, from netlens --json or nmap -oX
cat > "$out/states.py" <<'PY'
import json, sys, xml.etree.ElementTree as ET
kind, path, spec = sys.argv[1], sys.argv[2], sys.argv[3]
def ports(spec):
    for part in spec.split(','):
        a, _, b = part.partition('-')
        yield from range(int(a), int(b or a) + 1)
wanted = set(ports(spec))
truth = {p: ('open' if p in (22, 80, 8080) else 'closed' if p in (113, 443, 2000, 5060) else 'filtered') for p in wanted}
got = {}
if kind == 'netlens':
    for host in json.load(open(path))['hosts']:
        for p in host['ports']:
            got[p['port']] = p['state']
else:
    tree = ET.parse(path)
    for port in tree.iter('port'):
        got[int(port.get('portid'))] = port.find('state').get('state')
    for extra in tree.iter('extraports'):
        for reasons in extra.iter('extrareasons'):
            for p in ports(reasons.get('ports')):
                got[p] = extra.get('state')
    for p in wanted - got.keys():   # nmap leaves ports out when every one is in one ignored state without ranges
        got[p] = None
wrong = sorted(p for p in wanted if got.get(p) != truth[p])
print(len(wrong), ' '.join(f"{p}:{got.get(p)}" for p in wrong[:10]))
PY

top1000="$(grep -v '^#' "$bench_root/data/ports/tcp-top1000.txt" | awk 'NF {print $1}' | head -1000 | sort -n | paste -sd,)"

status=0
# time_run NAME KIND SPEC TIMEOUT CMD... : one run; its wall seconds go to $out/times only when every state is right
time_run() {
  local name="$1" kind="$2" spec="$3" limit="$4"; shift 4
  local start end run_status=0 seconds wrong
  start=$(date +%s.%N)
  timeout "$limit" ip netns exec "$scanner" "$@" >"$out/result" 2>"$out/err" || run_status=$?
  end=$(date +%s.%N)
  seconds=$(python3 -c "print(f'{$end - $start:.3f}')")
  if [[ $run_status -eq 124 ]]; then
    wrong="timed out"
  else
    wrong="$(python3 "$out/states.py" "$kind" "$out/result" "$spec" 2>&1 || echo "unreadable")"
  fi
  if [[ "$wrong" == "0 " ]]; then
    printf '%s\t%s\n' "$name" "$seconds" >>"$out/times"
    echo "| $name | $seconds | 0 |"
  else
    echo "| $name | (not timed: wrong) | $wrong |"
    echo "bench: $name gave wrong states ($wrong); its time is not counted" >&2
    status=1
  fi
}

scenario() {   # TITLE SPEC NMAP_TIMING LIMIT
  local title="$1" spec="$2" timing="$3" limit="$4"
  rm -f "$out/times"
  echo
  echo "### $title"
  echo
  echo "| Command | Wall time [s] | States differing from the truth |"
  echo "|:---|---:|:---|"
  for _ in $(seq "$runs"); do
    time_run "\`nmap -sS $timing -n -p …\`" nmap "$spec" "$limit" nmap -sS $timing -n -p "$spec" -oX - 198.18.7.2
    time_run "\`netlens scan -p …\`" netlens "$spec" 600 "$bin" scan -p "$spec" --json 198.18.7.2
  done
  [[ -s "$out/times" ]] && bench_stats "$title (bench/scan.sh; right runs only)" <"$out/times"
  true
}

bench_machine
echo "$(nmap --version | head -1)"
scenario "Default scan: netlens's top-1000 list (both tools)" "$top1000" "" 600
scenario "20,000 ports vs nmap -T4" "1-20000" "-T4" 600
rules 20
scenario "10,000 ports, 20% of TCP packets dropped each way (nmap capped at ${nmap_timeout}s)" "1-10000" "-T4" "$nmap_timeout"
exit "$status"
