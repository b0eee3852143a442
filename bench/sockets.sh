#!/usr/bin/env bash
# Side-by-side timings for issue 6, whole process each time, in one run on one lab namespace holding
# CONNS established TCP connections over loopback (half of the server ends accepted, the rest queued),
# some TIME-WAIT, a few listeners and UDP sockets:
#   netlens sockets -tan   vs  ss -tan
#   netlens sockets -tanp  vs  ss -tanp
#   netlens sockets -s     vs  ss -s
# and -s again on a server namespace (listener, accepted ends) and its client namespace (the client
# ends), joined by a veth link: where the summary's walk for ports finds nothing, and where it finds every
# client socket.
# Needs root (it builds a network namespace), python3 (holds the sockets), hyperfine and ./netlens built.
# Usage: bench/sockets.sh [CONNS]   (default 10000); prints markdown tables.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
conns="${1:-10000}"
ns="nlbench$$"
server="nlbenchs$$"
client="nlbenchc$$"
out="$(mktemp -d)"
holder=""
holders=()
cleanup() {
  [[ -n "$holder" ]] && kill "$holder" 2>/dev/null || true
  for h in "${holders[@]}"; do kill "$h" 2>/dev/null || true; done
  ip netns del "$ns" 2>/dev/null || true
  ip netns del "$server" 2>/dev/null || true
  ip netns del "$client" 2>/dev/null || true
  rm -rf "$out"
}
trap cleanup EXIT

"$root/netlens" --version >/dev/null   # build first, outside the timings
bin="$root/artifacts/bin/netlens"

ip netns add "$ns"
ip -n "$ns" link set lo up
for a in 198.18.0.1 198.18.1.1 198.18.1.2; do ip -n "$ns" addr add "$a/32" dev lo; done
ip netns exec "$ns" sysctl -qw net.core.somaxconn=65535

# One process holds the client ends and half of the server ends (RLIMIT_NOFILE is often 20000).
mkfifo "$out/ready"
ip netns exec "$ns" python3 - "$conns" "$out/ready" <<'PY' &
import socket, sys, time
n, ready = int(sys.argv[1]), sys.argv[2]
keep = []
lst = socket.socket(); lst.bind(('198.18.0.1', 8080)); lst.listen(2 * n); keep.append(lst)
for i in range(n):
    c = socket.socket(); c.bind(('198.18.1.%d' % (1 + i % 2), 0)); c.connect(('198.18.0.1', 8080)); keep.append(c)
    if i % 2 == 0:
        keep.append(lst.accept()[0])
tw = socket.socket(); tw.bind(('198.18.0.1', 8082)); tw.listen(64); keep.append(tw)
for i in range(200):
    c = socket.create_connection(('198.18.0.1', 8082)); a = tw.accept()[0]; c.close(); a.close()
for port in (53, 5353):
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.bind(('198.18.0.1', port)); keep.append(u)
open(ready, 'w').write('ready\n')
time.sleep(3600)
PY
holder=$!
read -r _ <"$out/ready"
sockets=$(ss -N "$ns" -tanH | wc -l)

cd "$out"
hyperfine -N --warmup 5 --runs 40 --export-markdown tan.md \
  -n "ss -tan" "ss -N $ns -tan" \
  -n "netlens sockets -tan" "$bin --netns $ns sockets -tan" >/dev/null
hyperfine -N --warmup 3 --runs 20 --export-markdown tanp.md \
  -n "ss -tanp" "ss -N $ns -tanp" \
  -n "netlens sockets -tanp" "$bin --netns $ns sockets -tanp" >/dev/null
hyperfine -N --warmup 10 --runs 100 --export-markdown s.md \
  -n "ss -s" "ss -N $ns -s" \
  -n "netlens sockets -s" "$bin --netns $ns sockets -s" \
  -n "netlens --version (start-up floor)" "$bin --version" >/dev/null

# Server and client in two namespaces: the server's summary needs no per-connection answer, the client's needs one per port.
ip netns add "$server"; ip netns add "$client"
ip link add nlbs$$ netns "$server" type veth peer name nlbc$$ netns "$client"
ip -n "$server" link set lo up; ip -n "$client" link set lo up
ip -n "$server" addr add 198.18.2.1/24 dev nlbs$$; ip -n "$client" addr add 198.18.2.2/24 dev nlbc$$
ip -n "$server" link set nlbs$$ up; ip -n "$client" link set nlbc$$ up
ip netns exec "$server" sysctl -qw net.core.somaxconn=65535
mkfifo "$out/listening" "$out/connected"
ip netns exec "$server" python3 - "$conns" "$out/listening" <<'PY' &
import socket, sys, time
n, ready = int(sys.argv[1]), sys.argv[2]
lst = socket.socket(); lst.bind(('198.18.2.1', 8080)); lst.listen(2 * n)
open(ready, 'w').write('ready\n')
keep = [lst.accept()[0] for _ in range(n)]
time.sleep(3600)
PY
holders+=($!)
read -r _ <"$out/listening"
ip netns exec "$client" python3 - "$conns" "$out/connected" <<'PY' &
import socket, sys, time
n, ready = int(sys.argv[1]), sys.argv[2]
keep = [socket.create_connection(('198.18.2.1', 8080)) for _ in range(n)]
open(ready, 'w').write('ready\n')
time.sleep(3600)
PY
holders+=($!)
read -r _ <"$out/connected"
hyperfine -N --warmup 10 --runs 100 --export-markdown split.md \
  -n "ss -s (server namespace)" "ss -N $server -s" \
  -n "netlens sockets -s (server namespace)" "$bin --netns $server sockets -s" \
  -n "ss -s (client namespace)" "ss -N $client -s" \
  -n "netlens sockets -s (client namespace)" "$bin --netns $client sockets -s" \
  -n "netlens --version (start-up floor)" "$bin --version" >/dev/null

# Same sockets, or the timing means nothing.
norm() { tail -n +2 | tr -s ' \t' ' ' | sed 's/ $//' | sort; }
if ! cmp -s <(ss -N "$ns" -tan | norm) <("$bin" --netns "$ns" sockets -tan | norm); then
  echo "WARNING: netlens sockets -tan lists other sockets than ss -tan" >&2
fi
echo "machine: $(nproc) cores, $(uname -r), $(date -u +%F); namespace: $sockets TCP sockets ($conns connections)"
for n in "$ns" "$server" "$client"; do
  echo "ss -s in $n: $(ss -N "$n" -s | sed -n 2p)"; echo "netlens:   $("$bin" --netns "$n" sockets -s | sed -n 2p)"
done
cat tan.md; echo; cat tanp.md; echo; cat s.md; echo; cat split.md
