#!/bin/bash
# Rebuilds the classic-format fixtures from the real tools (iproute2 6.1, net-tools 2.10).
# Run as root; uses one throw-away namespace with RFC 2544 / RFC 3849 addresses only.
set -euo pipefail
out=$(cd "$(dirname "$0")" && pwd)
ns="nlB-$(head -c4 /dev/urandom | od -An -tx1 | tr -d ' \n')"
trap 'ip netns del "$ns" 2>/dev/null || true' EXIT
ip netns add "$ns"
x() { ip netns exec "$ns" "$@"; }
r() { ip -n "$ns" "$@"; }

r link set lo up
# index 2/3: v1/v1p, 4/5: v2/v2p, 6/7: v3/v3p (v3p stays down, so v3 routes are linkdown)
r link add v1 type veth peer name v1p
r link add v2 type veth peer name v2p
r link add v3 type veth peer name v3p
for l in v1 v1p v2 v2p v3; do r link set "$l" up; done
x sysctl -qw net.ipv4.ip_forward=1
x sysctl -qw net.ipv6.conf.all.forwarding=1
x sysctl -qw net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0
for l in v1 v2 v3; do x sysctl -qw net.ipv6.conf.$l.accept_dad=0; done
r addr add 198.18.1.1/24 dev v1
r addr add 198.18.2.1/24 dev v2
r addr add 198.18.3.1/24 dev v3
r addr add 2001:db8:1::1/64 dev v1 nodad
r addr add 2001:db8:2::1/64 dev v2 nodad
sleep 1

# IPv4, table main
r route add default via 198.18.1.254 dev v1 proto dhcp src 198.18.1.1 metric 100
r route add 198.18.10.0/24 via 198.18.1.2 proto static metric 5
r route add 198.18.11.0/24 via 198.18.99.1 dev v1 onlink
r route add 198.18.12.0/24 proto bird nexthop via 198.18.1.3 weight 2 nexthop via 198.18.2.3 dev v2 weight 1
r route add blackhole 198.18.13.0/24
r route add unreachable 198.18.14.0/24 metric 10
r route add prohibit 198.18.15.0/24
r route add throw 198.18.16.0/24
r route add 198.18.17.0/24 via 198.18.1.4 mtu lock 1400 advmss 1360 initcwnd 10 rtt 250ms rttvar 2s hoplimit 32 window 65535 features ecn quickack 1 congctl cubic
r route add 198.18.18.5 dev v1 scope link
r route add 198.18.19.0/24 dev v1 proto 99 scope host
r route add 198.18.20.0/24 via 198.18.1.5 realms 1/2
r route add 198.18.20.128/25 via 198.18.1.5 realm 7
r route add 198.18.21.0/24 tos 0x10 via 198.18.1.6
r route add 198.18.21.0/24 tos AF11 via 198.18.1.6
r route add 198.18.22.0/24 via inet6 fe80::1 dev v1
r route add 198.18.23.0/24 via 198.18.3.2 dev v3 proto 250
r route add 198.18.24.0/24 dev v2 proto kernel scope link src 198.18.2.1 metric 7 initrwnd 20 ssthresh 100 cwnd 8 reordering 4 rto_min 300ms
r route add 198.18.25.0/24 via 198.18.1.7 proto ospf
r route add 198.18.26.0/24 via 198.18.1.8 proto zebra
r route add 198.18.27.0/24 via 198.18.1.9 proto redirect
r route add 198.18.28.0/24 via 198.18.1.10 proto 0
# other tables: 100, the named 'default' (253), a large id
r route add default via 198.18.2.254 table 100
r route add 198.18.30.0/24 dev v2 table 100 proto static scope link
r route add local 198.18.31.1 dev v1 table 100
r route add 198.18.32.0/24 via 198.18.1.11 table default
r route add 198.18.33.0/24 via 198.18.1.12 table 70000
r route add unreachable default table 70000 metric 4278198272

# IPv6
r -6 route add default via 2001:db8:1::fe dev v1 proto ra metric 1024 expires 1800 pref high
r -6 route add 2001:db8:10::/48 via 2001:db8:1::2 pref low proto static
r -6 route add 2001:db8:11::/48 nexthop via 2001:db8:1::3 dev v1 weight 3 nexthop via 2001:db8:2::3 dev v2
r -6 route add blackhole 2001:db8:12::/48
r -6 route add unreachable 2001:db8:13::/48
r -6 route add prohibit 2001:db8:14::/48
r -6 route add throw 2001:db8:15::/48
r -6 route add 2001:db8:16::/48 via 2001:db8:1::4 mtu lock 1280 hoplimit 10 advmss 1220
r -6 route add 2001:db8:17::5 dev v2 metric 50
r -6 route add 2001:db8:18::/48 from 2001:db8:1::/64 via 2001:db8:1::5 || true
r -6 route add 2001:db8:19::/48 dev v2 proto bird src 2001:db8:2::1
r -6 route add 2001:db8:20::/48 via 2001:db8:2::9 table 100
r -6 route add 2001:db8:21::/48 via 2001:db8:1::6 dev v1 proto dhcp expires 300
sleep 1

cap() { local f=$1; shift; x "$@" > "$out/$f" 2>&1 || true; }
cap ip_route.txt ip route
cap ip_route_table_all.txt ip route show table all
cap ip6_route.txt ip -6 route
cap ip6_route_table_all.txt ip -6 route show table all
cap ip_route_table_100.txt ip route show table 100
cap ip_route_table_local.txt ip route show table local
cap ip6_route_table_local.txt ip -6 route show table local
cap ip_route_get_gateway.txt ip route get 198.18.10.5
cap ip_route_get_from.txt ip route get 198.18.10.5 from 198.18.1.1
cap ip_route_get_mark.txt ip route get 198.18.10.5 mark 0x20
cap ip_route_get_mark_small.txt ip route get 198.18.10.5 mark 7
cap ip_route_get_iif.txt ip route get 198.18.10.5 from 198.18.2.9 iif v2
cap ip_route_get_local.txt ip route get 198.18.1.1
cap ip_route_get_broadcast.txt ip route get 198.18.2.255
cap ip_route_get_metrics.txt ip route get 198.18.17.5
cap ip_route_get_ecmp.txt ip route get 198.18.12.5
cap ip_route_get_connected.txt ip route get 198.18.1.77
cap ip_route_get_tos.txt ip route get 198.18.21.5 tos 0x10
cap ip_route_get_fibmatch.txt ip route get fibmatch 198.18.10.5
cap ip6_route_get_gateway.txt ip -6 route get 2001:db8:10::5
cap ip6_route_get_default.txt ip -6 route get 2001:db8:99::1
cap ip6_route_get_local.txt ip -6 route get 2001:db8:1::1
cap route_n.txt route -n
cap route_n_inet6.txt route -n -A inet6
x cat /proc/net/route > "$out/proc_net_route.txt"
x cat /proc/net/ipv6_route > "$out/proc_net_ipv6_route.txt"
x ip -d -j route show table all > "$out/ip_d_j_route_table_all.json.txt"
x ip -d -j -6 route show table all > "$out/ip6_d_j_route_table_all.json.txt"
r link show > "$out/links.txt"
echo "captured into $out from $ns"
