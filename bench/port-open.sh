#!/usr/bin/env bash
# Side-by-side timings for issue 7, whole process each time, in one run on one lab namespace whose host is hardened
# (filter INPUT policy DROP, established accepted, iptables-nft), opening 1000 TCP ports (20000, 20002, … 21998):
#   netlens port open LIST/tcp                       (one iptables-restore --noflush: 67 multiport rules)
#   iptables-restore --noflush < 1000 rules          (the fastest classic way, one rule per port)
#   1000 × iptables -A INPUT -p tcp --dport P -j ACCEPT   (the sheet's way)
# and on an nftables-hardened host: netlens port open (one rule, one set) vs nft -f of 1000 rules.
# Before any timing, traffic proves what each way leaves: from a client namespace across a veth, a connection to
# listeners on opened ports (20000, 20998, 21998) succeeds and to listeners on ports not opened (20001, 22000) does not,
# after each of the four ways and not before; a difference exits 1. Each timed run starts from the hardened ruleset
# again (hyperfine --prepare). Median, min and max of every command.
# Needs root, python3, hyperfine and ./netlens built.  Usage: sudo bench/port-open.sh; prints markdown tables.
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ns="nlbport$$h"
client="nlbport$$c"
bench_netlens

bench_ns "$ns"; bench_ns "$client"
ip link add nlbph$$ netns "$ns" type veth peer name nlbpc$$ netns "$client"
ip -n "$ns" addr add 198.18.3.1/24 dev nlbph$$; ip -n "$client" addr add 198.18.3.2/24 dev nlbpc$$
ip -n "$ns" link set nlbph$$ up; ip -n "$client" link set nlbpc$$ up
ports=$(seq 20000 2 21998 | paste -sd, -)

# listeners on three opened and two unopened ports: only the opened ones may answer the client
mkfifo "$out/listening"
ip netns exec "$ns" python3 -c '
import socket, sys, time
keep = []
for port in (20000, 20998, 21998, 20001, 22000):
    s = socket.socket(); s.bind(("198.18.3.1", port)); s.listen(64); keep.append(s)
open(sys.argv[1], "w").write("ready\n")
while True:
    for s in keep:
        s.setblocking(False)
        try:
            s.accept()[0].close()
        except BlockingIOError:
            pass
    time.sleep(0.01)
' "$out/listening" &
bench_on_exit "kill $!"
read -r _ <"$out/listening"

# prove WHAT OPEN_EXPECTED: connects from the client (1 s each); prints which listeners answered, exits 1 on a surprise
prove() {
  local answered
  answered=$(ip netns exec "$client" python3 -c '
import socket
for port in (20000, 20998, 21998, 20001, 22000):
    try:
        socket.create_connection(("198.18.3.1", port), timeout=1).close(); print(port, end=" ")
    except OSError:
        pass
')
  if [[ "${answered% }" != "$2" ]]; then
    echo "bench: $1: listeners answering the client: '${answered% }', expected '$2'" >&2
    exit 1
  fi
  echo "proved by traffic before timing: $1: the client reaches ${2:-no listener} (of 20000 20998 21998 20001 22000)"
}

# the hardened starting point, and the classic tools' inputs
printf '*filter\n:INPUT DROP [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n-A INPUT -i lo -p icmp -j ACCEPT\nCOMMIT\n' >"$out/hardened.v4"
{ echo '*filter'; for p in $(seq 20000 2 21998); do echo "-I INPUT 1 -p tcp -m tcp --dport $p -j ACCEPT"; done; echo COMMIT; } >"$out/thousand.restore"
{ for p in $(seq 20000 2 21998); do echo "iptables-nft -A INPUT -p tcp -m tcp --dport $p -j ACCEPT"; done; } >"$out/thousand.sh"
printf 'table inet hard {\n chain input { type filter hook input priority 0; policy drop; ct state established,related accept; }\n}\n' >"$out/hardened.nft"
{ for p in $(seq 20000 2 21998); do echo "insert rule inet hard input tcp dport $p accept"; done; } >"$out/thousand.nft"

reset_ipt="ip netns exec $ns sh -c 'nft flush ruleset; iptables-nft-restore < $out/hardened.v4'"
reset_nft="ip netns exec $ns sh -c 'nft flush ruleset; nft -f $out/hardened.nft'"
opened="20000 20998 21998"

eval "$reset_ipt"; prove "hardened iptables-nft host, nothing opened" ""
"$bin" --netns "$ns" port open "$ports/tcp" >/dev/null; prove "netlens port open (iptables-nft)" "$opened"
netlens_rules=$(ip netns exec "$ns" iptables-nft-save | grep -c -- '--comment "netlens')
second=$("$bin" --netns "$ns" port open "$ports/tcp" | tail -1)
eval "$reset_ipt"; ip netns exec "$ns" iptables-nft-restore --noflush "$out/thousand.restore"; prove "iptables-nft-restore --noflush" "$opened"
classic_rules=$(ip netns exec "$ns" iptables-nft-save | grep -c -- '--dport')
eval "$reset_ipt"; ip netns exec "$ns" sh "$out/thousand.sh"; prove "1000 × iptables -A" "$opened"
eval "$reset_nft"; prove "hardened nftables host, nothing opened" ""
"$bin" --netns "$ns" port open "$ports/tcp" >/dev/null; prove "netlens port open (nftables)" "$opened"
eval "$reset_nft"; ip netns exec "$ns" nft -f "$out/thousand.nft"; prove "nft -f (1000 rules)" "$opened"

bench_machine
echo "$(iptables-nft --version); $(nft --version)"
echo "rules left: netlens $netlens_rules multiport rules, iptables-restore $classic_rules rules; a second netlens open: \"$second\""
bench_hyperfine "iptables-nft host (bench/port-open.sh): open 1000 TCP ports" --warmup 2 --runs 20 --prepare "$reset_ipt" \
  -n "netlens port open (1000 ports, iptables-nft)" "$bin --netns $ns port open $ports/tcp" \
  -n "iptables-nft-restore --noflush (1000 rules)" "ip netns exec $ns iptables-nft-restore --noflush $out/thousand.restore"
bench_hyperfine "iptables-nft host, the sheet's way (bench/port-open.sh)" --warmup 0 --runs 3 --prepare "$reset_ipt" \
  -n "1000 × iptables -A" "ip netns exec $ns sh $out/thousand.sh"
bench_hyperfine "nftables host (bench/port-open.sh): open 1000 TCP ports" --warmup 2 --runs 20 --prepare "$reset_nft" \
  -n "netlens port open (1000 ports, nftables)" "$bin --netns $ns port open $ports/tcp" \
  -n "nft -f (1000 rules)" "ip netns exec $ns nft -f $out/thousand.nft"
