#!/usr/bin/env bash
# Builds (or with --delete removes) the namespace the README's examples were taken from:
# a host with a LAN, a docker bridge, a wg-quick style VPN table, ECMP, and reject routes.
# Usage: sudo test/lab/demo-namespace.sh [NAME] [--delete]
set -euo pipefail
ns="${1:-netlens-demo}"
if [[ "${2:-}" == "--delete" ]]; then ip netns del "$ns"; exit 0; fi

ip netns add "$ns"
ip -n "$ns" link set lo up
ip -n "$ns" link add eth0 type veth peer name eth0p
ip -n "$ns" link add eth1 type veth peer name eth1p
ip -n "$ns" link add docker0 type bridge
ip -n "$ns" link add wg0 type veth peer name wg0p
for dev in eth0 eth0p eth1 eth1p docker0 wg0 wg0p; do ip -n "$ns" link set "$dev" up; done
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
echo "$ns"
