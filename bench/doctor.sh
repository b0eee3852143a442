#!/usr/bin/env bash
# doctor against the sequence a person would type for the same question, in one run, in test/lab/doctor-lab.sh's
# world (client → router → server): `ip route get`, `mtr -r -n -c 10`, `nmap -Pn -p PORT`, `ss -ltn` on the far side.
#   reachable: the server's firewall flushed, 8080 listened        (doctor must say reachable, nmap open)
#   filtered:  the router's forward chain drops 9090               (doctor must say blocked by path_filtered, nmap filtered)
# Before timing, both answers are compared (doctor's verdict against nmap's state); a difference exits 1.
# Needs root, python3, hyperfine, nmap, mtr and ./netlens built.  Usage: sudo bench/doctor.sh; prints markdown tables.
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
world="nlbdoc$$"
bench_netlens
"$bench_root/test/lab/doctor-lab.sh" "$world"
bench_on_exit "'$bench_root/test/lab/doctor-lab.sh' '$world' --delete"
ip netns exec "$world-b" nft flush ruleset
bench_machine

classic() { echo "ip netns exec $world-a sh -c 'ip route get 198.18.71.2 >/dev/null; mtr -r -n -c 10 198.18.71.2 >/dev/null; nmap -Pn -n -p $1 198.18.71.2 >/dev/null; ip netns exec $world-b ss -ltn >/dev/null'"; }
doctor() { echo "$bin --netns $world-a doctor 198.18.71.2:$1 --peer-netns $world-b"; }

for case in "8080 reachable open" "9090 path_filtered filtered"; do
  set -- $case
  port="$1"
  ip netns exec "$world-a" nmap -Pn -n -p "$port" 198.18.71.2 | awk -v p="$port/tcp" '$1 == p { print $2 }' > "$out/nmap.$port"
  "$bin" --netns "$world-a" --json doctor "198.18.71.2:$port" --peer-netns "$world-b" > "$out/doctor.$port.json" || true
  python3 - "$out/doctor.$port.json" "$2" "$3" > "$out/doctor.$port" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
kind = d["cause"]["kind"] if d["verdict"] != "reachable" else "reachable"
# doctor's answer in nmap's word: reachable is open, the expected cause is the state nmap names
print(sys.argv[3] if kind == sys.argv[2] else f"doctor said {d['verdict']} / {kind}")
PY
  bench_same "port $port: nmap's state vs doctor's verdict" "$out/nmap.$port" "$out/doctor.$port"
done

bench_hyperfine "reachable port (8080/tcp): doctor vs the classic sequence" -i --runs 5 "$(doctor 8080)" "$(classic 8080)"
bench_hyperfine "filtered port (9090/tcp, the router drops it): doctor vs the classic sequence" -i --runs 5 "$(doctor 9090)" "$(classic 9090)"
