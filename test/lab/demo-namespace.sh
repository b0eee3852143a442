#!/usr/bin/env bash
# Builds (or with --delete removes) the namespace the README's examples were taken from:
# a host with a LAN, a docker bridge, a wg-quick style VPN table, ECMP, and reject routes; behind eth1 a router
# chain for trace (NAME-r1 … NAME-t), on eth2 and eth3 the hosts scan probes (NAME-s7, NAME-s8); a firewall for
# port open/check; a listener for sockets. Every example that shows no --netns ran inside it:
# `sudo ip netns exec NAME bash`.
# Usage: sudo test/lab/demo-namespace.sh [NAME] [--delete]
set -euo pipefail
ns="${1:-netlens-demo}"
helpers=(r1 r2 r3 t s7 s8)

delete() {
    # idempotent: whatever exists of this world goes, with the listeners running inside it
    for n in "$ns" "${helpers[@]/#/$ns-}"; do
        [[ -e "/run/netns/$n" ]] || continue
        for pid in $(ip netns pids "$n" 2>/dev/null); do kill "$pid" 2>/dev/null || true; done
        ip netns del "$n" 2>/dev/null || true
    done
}
if [[ "${2:-}" == "--delete" ]]; then delete; exit 0; fi
trap 'delete' ERR

python="$(command -v python3)"
# listen NS PROTO PORT: a background listener inside NS (TCP accepts and closes, UDP echoes every datagram)
listen() {
    ip netns exec "$1" setsid "$python" -c '
import socket, sys
proto, port = sys.argv[1], int(sys.argv[2])
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM if proto == "tcp" else socket.SOCK_DGRAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("0.0.0.0", port))
if proto == "tcp":
    s.listen(128)
    while True:
        s.accept()[0].close()
while True:
    data, peer = s.recvfrom(65535)
    s.sendto(data, peer)
' "$2" "$3" </dev/null >/dev/null 2>&1 &
}
# link A DEV_A ADDR_A B DEV_B ADDR_B: a veth wire between two namespaces, addresses /24
link() {
    ip -n "$1" link add "$2" type veth peer name "$5" netns "$4"
    ip -n "$1" addr add "$3/24" dev "$2"
    ip -n "$4" addr add "$6/24" dev "$5"
    ip -n "$1" link set "$2" up
    ip -n "$4" link set "$5" up
}

ip netns add "$ns"
for h in "${helpers[@]}"; do
    ip netns add "$ns-$h"
    ip -n "$ns-$h" link set lo up
    ip netns exec "$ns-$h" sysctl -q -w net.ipv4.ip_forward=1 net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.default.rp_filter=0
done
# the routers answer every probe (the loss the trace shows is the one set up below); the scanned hosts keep Linux's limit
for h in r1 r2 r3 t; do
    ip netns exec "$ns-$h" sysctl -q -w net.ipv4.icmp_ratelimit=0 net.ipv4.icmp_msgs_per_sec=100000 net.ipv4.icmp_msgs_burst=10000
done
ip -n "$ns" link set lo up
ip -n "$ns" link add eth0 type veth peer name eth0p
ip -n "$ns" link add eth1 type veth peer name e0 netns "$ns-r1"
ip -n "$ns" link add docker0 type bridge
ip -n "$ns" link add wg0 type veth peer name wg0p
for dev in eth0 eth0p eth1 docker0 wg0 wg0p; do ip -n "$ns" link set "$dev" up; done
ip -n "$ns-r1" link set e0 up
ip -n "$ns" -batch - <<'BATCH'
addr add 198.18.0.10/24 dev eth0
addr add 198.18.1.10/24 dev eth1
addr add 198.19.0.1/16 dev docker0
addr add 198.18.200.2/32 dev wg0
addr add 2001:db8::10/64 dev eth0 nodad
route add default via 198.18.0.1 dev eth0 proto dhcp metric 100
route add 198.18.10.0/24 via 198.18.1.1 proto static metric 50
route add 198.18.11.0/24 nexthop via 198.18.0.253 weight 1 nexthop via 198.18.1.253 weight 3
route add 198.18.12.0/24 via 198.18.1.1 proto bird
route add unreachable 198.18.20.0/24
route add blackhole 198.18.21.0/24
route add default dev wg0 table 51820
rule add lookup main suppress_prefixlength 0 priority 31999
rule add not fwmark 0xca6c lookup 51820 priority 32000
rule add fwmark 0x10 lookup 100 priority 100
route add default via 198.18.1.1 table 100
route add default via 2001:db8::1 dev eth0 metric 1024
BATCH

# trace: NAME — r1 (198.18.1.2) — r2 (198.18.2.2) — r3 (198.18.3.2) — t (198.18.4.2); t also answers on 198.18.9.9,
# which r1 sends each packet to through r2 or r3 at random, so hop 2 is answered by both.
ip -n "$ns-r1" addr add 198.18.1.2/24 dev e0
link "$ns-r1" e2 198.18.2.1 "$ns-r2" e1 198.18.2.2
link "$ns-r2" e3 198.18.3.1 "$ns-r3" e2 198.18.3.2
link "$ns-r3" e4 198.18.4.1 "$ns-t" e3 198.18.4.2
link "$ns-r1" e5 198.18.5.1 "$ns-r3" e1 198.18.5.2
link "$ns-r2" e6 198.18.6.1 "$ns-t" e2 198.18.6.2
ip -n "$ns-t" addr add 198.18.9.9/32 dev lo
ip -n "$ns" route add 198.18.4.0/24 via 198.18.1.2 proto static
ip -n "$ns" route add 198.18.9.0/24 via 198.18.1.2 proto static
ip -n "$ns-r1" -batch - <<'BATCH'
route add default via 198.18.1.10
route add 198.18.3.0/24 via 198.18.2.2
route add 198.18.4.0/24 via 198.18.2.2
route add 198.18.9.9/32 via 198.18.2.2
route add 198.18.9.9/32 via 198.18.5.2 table 100
rule add fwmark 1 table 100
BATCH
ip -n "$ns-r2" -batch - <<'BATCH'
route add default via 198.18.2.1
route add 198.18.4.0/24 via 198.18.3.2
route add 198.18.9.9/32 via 198.18.6.2
BATCH
# r3's way back is through r2, so its time-exceeded for the r1 — r3 path leaves from 198.18.3.2 as well
ip -n "$ns-r3" -batch - <<'BATCH'
route add default via 198.18.3.1
route add 198.18.9.9/32 via 198.18.4.2
BATCH
ip -n "$ns-t" route add default via 198.18.4.1
ip netns exec "$ns-r1" nft -f - <<'NFT'
table inet demo {
    chain spread { type filter hook prerouting priority mangle; iifname "e0" ip daddr 198.18.9.9 numgen random mod 2 == 0 meta mark set 1; }
    # r1 drops 30% of the time-exceeded it sends for ICMP probes (the inner header's protocol is ICMP)
    chain outbound { type filter hook output priority 0; icmp type time-exceeded @th,136,8 1 numgen random mod 10 < 3 drop; }
}
NFT
# r2 forwards ICMP echoes with 20% loss
ip netns exec "$ns-r2" nft -f - <<'NFT'
table inet demo {
    chain relay {
        type filter hook forward priority 0;
        icmp type { echo-request, echo-reply } numgen random mod 10 < 2 drop
    }
}
NFT

# scan: s7 (198.18.7.2) has 3 ports open, 4 closed, the rest dropped, and loses 20% of TCP packets each way;
# s8 (198.18.8.2) answers TCP 22 and UDP 53, rejects UDP 1010-1012 and drops 1000-1001.
ip -n "$ns" link add eth2 type veth peer name e0 netns "$ns-s7"
ip -n "$ns" link add eth3 type veth peer name e0 netns "$ns-s8"
ip -n "$ns" addr add 198.18.7.1/24 dev eth2
ip -n "$ns" addr add 198.18.8.1/24 dev eth3
ip -n "$ns-s7" addr add 198.18.7.2/24 dev e0
ip -n "$ns-s8" addr add 198.18.8.2/24 dev e0
for dev in eth2 eth3; do ip -n "$ns" link set "$dev" up; done
for h in s7 s8; do ip -n "$ns-$h" link set e0 up; done
ip netns exec "$ns-s7" nft -f - <<'NFT'
table inet demo {
    chain inbound {
        type filter hook input priority 0;
        meta l4proto tcp numgen random mod 5 == 0 drop
        tcp dport { 22, 80, 113, 443, 2000, 5060, 8080 } accept
        meta l4proto tcp drop
    }
    chain outbound { type filter hook output priority 0; meta l4proto tcp numgen random mod 5 == 0 drop; }
}
NFT
ip netns exec "$ns-s8" nft -f - <<'NFT'
table inet demo {
    chain inbound {
        type filter hook input priority 0;
        udp dport { 1000, 1001 } drop
        udp dport { 1010, 1011 } reject with icmp type admin-prohibited
        udp dport 1012 reject with icmp type host-prohibited
    }
}
NFT
for port in 22 80 8080; do listen "$ns-s7" tcp "$port"; done
listen "$ns-s8" tcp 22
listen "$ns-s8" udp 53

# port open / port check: an iptables-nft filter table and two nftables tables, each with something that drops
ip netns exec "$ns" iptables-nft-restore <<'IPT'
*filter
:INPUT ACCEPT [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
-A INPUT -p udp -m udp --dport 8472 -j DROP
-A INPUT -p tcp -m tcp --dport 8472 -j DROP
COMMIT
IPT
ip netns exec "$ns" nft -f - <<'NFT'
table inet hard {
    chain input { type filter hook input priority 0; udp dport 8472 drop; }
    chain output { type filter hook output priority 0; udp dport 8472 drop; }
}
table inet fw {
    chain input {
        type filter hook input priority 10; policy drop;
        ct state established,related accept
        iifname "lo" accept
        tcp dport { 22, 443 } accept
    }
}
NFT
# sockets: a service listening on all addresses
listen "$ns" tcp 2024

# settled before the first example: every listener bound, every IPv6 link-local address (and its local route) in place
settled() {
    for l in "$ns tcp 2024" "$ns-s7 tcp 22" "$ns-s7 tcp 80" "$ns-s7 tcp 8080" "$ns-s8 tcp 22" "$ns-s8 udp 53"; do
        read -r n proto port <<<"$l"
        [[ "$proto" == tcp ]] && opt=-Hltn || opt=-Hlun
        [[ -n "$(ip netns exec "$n" ss "$opt" "sport = :$port")" ]] || return 1
    done
    [[ -z "$(ip -n "$ns" -6 addr show tentative)" ]] || return 1
    for dev in eth0 eth0p eth1 docker0 wg0 wg0p eth2 eth3; do
        [[ -n "$(ip -n "$ns" -6 addr show dev "$dev" scope link)" ]] || return 1
    done
}
for _ in $(seq 100); do settled && break; sleep 0.1; done
settled || { echo "demo-namespace.sh: $ns did not settle in 10 s" >&2; false; }
echo "$ns"
