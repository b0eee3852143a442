#!/usr/bin/env bash
# Side-by-side timings for issue 7, whole process each time, in one run on one lab namespace whose host is hardened
# (filter INPUT policy DROP, established accepted, iptables-nft), opening 1000 TCP ports (20000, 20002, … 21998):
#   netlens port open LIST/tcp                       (one iptables-restore --noflush: 67 multiport rules)
#   iptables-restore --noflush < 1000 rules          (the fastest classic way, one rule per port)
#   1000 × iptables -A INPUT -p tcp --dport P -j ACCEPT   (the sheet's way)
# and on an nftables-hardened host: netlens port open (one rule, one set) vs nft -f of 1000 rules.
# Each run starts from the hardened ruleset again (hyperfine --prepare). Traffic proves the result once at the end.
# Needs root, hyperfine and ./netlens built.  Usage: bench/port-open.sh; prints markdown tables.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ns="nlbench$$"
out="$(mktemp -d)"
cleanup() {
  ip netns del "$ns" 2>/dev/null || true
  rm -rf "$out"
}
trap cleanup EXIT

"$root/netlens" --version >/dev/null   # build first, outside the timings
bin="$root/artifacts/bin/netlens"

ip netns add "$ns"
ip -n "$ns" link set lo up
ports=$(seq 20000 2 21998 | paste -sd, -)

# the hardened starting point, and the classic tools' inputs
printf '*filter\n:INPUT DROP [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n-A INPUT -i lo -p icmp -j ACCEPT\nCOMMIT\n' >"$out/hardened.v4"
{ echo '*filter'; for p in $(seq 20000 2 21998); do echo "-I INPUT 1 -p tcp -m tcp --dport $p -j ACCEPT"; done; echo COMMIT; } >"$out/thousand.restore"
{ for p in $(seq 20000 2 21998); do echo "iptables-nft -A INPUT -p tcp -m tcp --dport $p -j ACCEPT"; done; } >"$out/thousand.sh"
printf 'table inet hard {\n chain input { type filter hook input priority 0; policy drop; ct state established,related accept; }\n}\n' >"$out/hardened.nft"
{ for p in $(seq 20000 2 21998); do echo "insert rule inet hard input tcp dport $p accept"; done; } >"$out/thousand.nft"

reset_ipt="ip netns exec $ns sh -c 'nft flush ruleset; iptables-nft-restore < $out/hardened.v4'"
reset_nft="ip netns exec $ns sh -c 'nft flush ruleset; nft -f $out/hardened.nft'"

cd "$out"
hyperfine --warmup 2 --runs 20 --export-markdown ipt.md --prepare "$reset_ipt" \
  -n "netlens port open (1000 ports, iptables-nft)" "$bin --netns $ns port open $ports/tcp" \
  -n "iptables-nft-restore --noflush (1000 rules)" "ip netns exec $ns iptables-nft-restore --noflush $out/thousand.restore" >/dev/null
hyperfine --warmup 0 --runs 3 --export-markdown ipt-a.md --prepare "$reset_ipt" \
  -n "1000 × iptables -A" "ip netns exec $ns sh $out/thousand.sh" >/dev/null
hyperfine --warmup 2 --runs 20 --export-markdown nft.md --prepare "$reset_nft" \
  -n "netlens port open (1000 ports, nftables)" "$bin --netns $ns port open $ports/tcp" \
  -n "nft -f (1000 rules)" "ip netns exec $ns nft -f $out/thousand.nft" >/dev/null

# the state each side leaves, so the timing compares like with like
eval "$reset_ipt"; "$bin" --netns "$ns" port open "$ports/tcp" >/dev/null
netlens_rules=$(ip netns exec "$ns" iptables-nft-save | grep -c -- '--comment "netlens')
second=$("$bin" --netns "$ns" port open "$ports/tcp" | tail -1)
eval "$reset_ipt"; ip netns exec "$ns" iptables-nft-restore --noflush "$out/thousand.restore"
classic_rules=$(ip netns exec "$ns" iptables-nft-save | grep -c -- '--dport')
echo "machine: $(nproc) cores, $(uname -r), $(date -u +%F); $(iptables-nft --version); $(nft --version)"
echo "rules left: netlens $netlens_rules multiport rules, iptables-restore $classic_rules rules; a second netlens open: \"$second\""
cat ipt.md; echo; cat ipt-a.md; echo; cat nft.md
