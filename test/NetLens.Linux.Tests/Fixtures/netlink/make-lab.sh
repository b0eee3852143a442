#!/bin/sh
# Builds the namespace the netlink fixtures were captured from: usage `make-lab.sh NS` (NS must start with nlA-).
# Only 198.18.0.0/15 and 2001:db8::/32 are used; delete with `ip netns del NS`.
set -eu
ns="$1"
case "$ns" in nlA-*) ;; *) echo "namespace must start with nlA-" >&2; exit 2 ;; esac
ip netns add "$ns"
n() { ip -n "$ns" "$@"; }
n link set lo up
# forwarding on, so lookups with iif are answered rather than refused
ip netns exec "$ns" sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1
n link add veth0 type veth peer name veth1
n link add br0 type bridge
n link set veth1 master br0
n link set veth0 mtu 1400
n link set veth0 up
n link set veth1 up
n link set br0 up
n addr add 198.18.0.1/24 dev veth0
n addr add 198.18.1.1/24 dev br0 label br0:lab
n addr add 198.18.5.1 peer 198.18.5.2/32 dev veth0
n addr add 2001:db8:1::1/64 dev veth0 nodad
n -6 addr add 2001:db8:2::1/64 dev br0 nodad
# IPv4: gateway, ECMP with weight, blackhole/unreachable/prohibit, metric+proto, mtu lock, other table, default
n route add 198.18.10.0/24 via 198.18.0.2
n route add 198.18.11.0/24 nexthop via 198.18.0.2 weight 2 nexthop via 198.18.1.2
n route add blackhole 198.18.12.0/24
n route add unreachable 198.18.13.0/24
n route add prohibit 198.18.14.0/24
n route add 198.18.15.0/24 via 198.18.0.2 metric 100 proto static
n route add 198.18.16.0/24 via 198.18.0.2 mtu lock 1300 advmss 1200
n route add 198.18.17.0/24 via 198.18.0.2 table 100
n route add 198.18.18.0/24 dev veth0 src 198.18.0.1 scope link
n route add 198.18.19.0/24 via inet6 2001:db8:1::2 dev veth0
n nexthop add id 10 via 198.18.0.2 dev veth0
n route add 198.18.20.0/24 nhid 10
n route add 198.18.21.0/24 via 198.18.0.2 onlink dev veth0 proto 186
n route add default via 198.18.0.254
# IPv6: preference, expiry, multipath, blackhole
n -6 route add 2001:db8:10::/64 via 2001:db8:1::2 pref high
n -6 route add 2001:db8:11::/64 via 2001:db8:1::2 expires 300
n -6 route add 2001:db8:12::/64 nexthop via 2001:db8:1::2 weight 2 nexthop via 2001:db8:2::2
n -6 route add blackhole 2001:db8:13::/64 metric 50
n -6 route add default via 2001:db8:1::fe metric 2048
# policy rules
n rule add fwmark 0x10/0xff table 100 pref 100
n rule add from 198.18.0.0/24 table 100 pref 110
n rule add not to 198.18.20.0/24 table main pref 120
n rule add uidrange 1000-2000 table 100 pref 130
n rule add iif veth0 oif br0 table 100 pref 140
n rule add ipproto tcp sport 1000 dport 80-90 table 100 pref 150
n rule add table main suppress_prefixlength 0 pref 160
n rule add pref 170 goto 190
n rule add pref 180 prohibit
n rule add pref 190 tos 0x10 table 100 protocol static
n -6 rule add from 2001:db8:1::/64 table 100 pref 100
n -6 rule add pref 110 from 2001:db8:99::/64 unreachable
# enough routes in table 200 that the IPv4 dump spans several datagrams
i=0
while [ $i -lt 120 ]; do echo "route add 198.19.$i.0/24 via 198.18.0.2 table 200"; i=$((i + 1)); done | ip -n "$ns" -batch -
