#!/usr/bin/env bash
# Builds (or with --delete removes) the world the README's doctor examples were taken from: a client NAME-a
# (198.18.70.2) behind a router NAME-r (198.18.70.1 | 198.18.71.1) in front of a server NAME-b (198.18.71.2)
# with a listener on 8080/tcp and an input chain whose policy drops it; the router forwards, and its forward
# chain drops tcp 9090. Usage: sudo test/lab/doctor-lab.sh [NAME] [--delete]
set -euo pipefail
ns="${1:-nldoc}"
delete() {
    for n in "$ns-a" "$ns-r" "$ns-b"; do
        [[ -e "/run/netns/$n" ]] || continue
        for pid in $(ip netns pids "$n" 2>/dev/null); do kill "$pid" 2>/dev/null || true; done
        ip netns del "$n" 2>/dev/null || true
    done
}
if [[ "${2:-}" == "--delete" ]]; then delete; exit 0; fi
trap 'delete' ERR

for n in a r b; do ip netns add "$ns-$n"; ip -n "$ns-$n" link set lo up; done
ip -n "$ns-a" link add eth0 type veth peer name eth0 netns "$ns-r"
ip -n "$ns-r" link add eth1 type veth peer name eth0 netns "$ns-b"
ip -n "$ns-a" addr add 198.18.70.2/24 dev eth0
ip -n "$ns-r" addr add 198.18.70.1/24 dev eth0
ip -n "$ns-r" addr add 198.18.71.1/24 dev eth1
ip -n "$ns-b" addr add 198.18.71.2/24 dev eth0
for link in "$ns-a eth0" "$ns-r eth0" "$ns-r eth1" "$ns-b eth0"; do set -- $link; ip -n "$1" link set "$2" up; done
ip -n "$ns-a" route add default via 198.18.70.1
ip -n "$ns-b" route add default via 198.18.71.1
ip netns exec "$ns-r" sysctl -qw net.ipv4.ip_forward=1
ip netns exec "$ns-r" nft -f - <<'NFT'
table inet lab { chain forward { type filter hook forward priority 0; policy accept; tcp dport 9090 drop; }
}
NFT
ip netns exec "$ns-b" nft -f - <<'NFT'
table inet lab { chain input { type filter hook input priority 0; policy drop; ct state established,related accept; iifname "lo" accept; }
}
NFT
ip netns exec "$ns-b" setsid python3 -c '
import socket
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(("0.0.0.0", 8080)); s.listen(16)
while True: s.accept()[0].close()
' </dev/null >/dev/null 2>&1 &
for _ in $(seq 50); do ip netns exec "$ns-b" ss -Hltn 'sport = :8080' | grep -q . && exit 0; sleep 0.1; done
echo "doctor-lab: the listener did not start" >&2; delete; exit 1
