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
# Before any timing: -tan and -tanp byte for byte against ss (layout and order as ss prints them; nothing moves in
# these namespaces, the holders sleep), and -s against the kernel's own counters (summary_check); a difference exits 1.
# Needs root, python3 (holds the sockets), hyperfine and ./netlens (built first).
# Usage: sudo bench/sockets.sh [CONNS]   (default 10000); prints markdown tables.
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
conns="${1:-10000}"
ns="nlbsock$$"
server="nlbsocks$$"
client="nlbsockc$$"
bench_netlens

# summary_check NS: netlens sockets -s against the kernel's counters in NS, read just before and just after it:
# estab = CurrEstab (/proc/net/snmp), orphaned and timewait = /proc/net/sockstat's orphan and tw, the Transport table's
# RAW/UDP/TCP/FRAG totals = sockstat's plus sockstat6's inuse, synrecv = the SYN-RECV sockets ss lists, ports = the
# distinct local ports ss lists, Total = sockstat's "sockets: used" (the reader's own sockets aside: at most 2 fewer).
summary_check() {
  local n="$1"
  ip netns exec "$n" cat /proc/net/sockstat /proc/net/sockstat6 /proc/net/snmp >"$out/kernel.before"
  "$bin" --netns "$n" sockets -s >"$out/summary"
  ip netns exec "$n" cat /proc/net/sockstat /proc/net/sockstat6 /proc/net/snmp >"$out/kernel.after"
  ss -N "$n" -tanH >"$out/tan"
  python3 "$out/summary_check.py" "$out" "$n"
}
cat >"$out/summary_check.py" <<'PY'
import re, sys
out, ns = sys.argv[1], sys.argv[2]
def kernel(path):
    counters, names = {}, None
    for line in open(path):
        head, _, rest = line.partition(":")
        words = rest.split()
        if head == "Tcp":
            if names is None:
                names = words
            else:
                counters["CurrEstab"] = int(dict(zip(names, words))["CurrEstab"])
        elif head in ("sockets", "TCP", "UDP", "RAW", "FRAG", "TCP6", "UDP6", "RAW6", "FRAG6"):
            counters.update({f"{head} {a}": int(b) for a, b in zip(words[::2], words[1::2])})
    return counters
before, after = kernel(f"{out}/kernel.before"), kernel(f"{out}/kernel.after")
text = open(f"{out}/summary").read()
m = re.search(r"TCP:\s+(\d+) \(estab (\d+), closed (\d+), orphaned (\d+), synrecv (\d+), timewait (\d+)/\d+\), ports (\d+)", text)
total = int(re.search(r"^Total: (\d+)", text, re.M).group(1))
transport = {l.split()[0]: int(l.split()[1]) for l in text.splitlines() if l.split()[:1] in (["RAW"], ["UDP"], ["TCP"], ["FRAG"])}
tan = [l.split() for l in open(f"{out}/tan") if l.strip()]
both = lambda f: (f(before), f(after))
checks = [
    ("estab", "CurrEstab", int(m.group(2)), both(lambda k: k["CurrEstab"])),
    ("orphaned", "sockstat orphan", int(m.group(4)), both(lambda k: k["TCP orphan"])),
    ("timewait", "sockstat tw", int(m.group(6)), both(lambda k: k["TCP tw"])),
    ("synrecv", "SYN-RECV sockets", int(m.group(5)), (sum(1 for f in tan if f[0] == "SYN-RECV"),) * 2),
    ("ports", "distinct local ports", int(m.group(7)), (len({f[3].rsplit(":", 1)[1] for f in tan if f[0] != "SYN-RECV"}),) * 2),
    ("RAW", "sockstat inuse", transport["RAW"], both(lambda k: k["RAW inuse"] + k["RAW6 inuse"])),
    ("UDP", "sockstat inuse", transport["UDP"], both(lambda k: k["UDP inuse"] + k["UDP6 inuse"])),
    ("TCP", "sockstat inuse", transport["TCP"], both(lambda k: k["TCP inuse"] + k["TCP6 inuse"])),
    ("FRAG", "sockstat inuse", transport["FRAG"], both(lambda k: k["FRAG inuse"] + k["FRAG6 inuse"])),
]
bad = [c for c in checks if not min(c[3]) <= c[2] <= max(c[3])]
used = both(lambda k: k["sockets used"])
if not min(used) - 2 <= total <= max(used):
    bad.append(("Total", "sockets used", total, used))
print(f"compared before timing: sockets -s in {ns} against the kernel: "
      + ", ".join(f"{name} {ours}" for name, _, ours, _ in checks) + f", Total {total} (sockets used {used[0]}, then {used[1]}): same")
for name, source, ours, (k1, k2) in bad:
    print(f"bench: sockets -s in {ns}: {name} is {ours}, the kernel's {source} {k1} before and {k2} after", file=sys.stderr)
sys.exit(1 if bad else 0)
PY

bench_ns "$ns"
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
bench_on_exit "kill $!"
read -r _ <"$out/ready"
sockets=$(ss -N "$ns" -tanH | wc -l)

# Same sockets, in ss's layout and order, byte for byte, or the timing means nothing.
for options in -tan -tanp; do
  ss -N "$ns" "$options" >"$out/ss$options"
  "$bin" --netns "$ns" sockets "$options" >"$out/netlens$options"
  bench_same "sockets $options vs ss $options ($sockets TCP sockets)" "$out/ss$options" "$out/netlens$options"
done
summary_check "$ns"

bench_machine
echo "namespace: $sockets TCP sockets ($conns connections)"
bench_hyperfine "Listing (bench/sockets.sh): \`-tan\` over $sockets TCP sockets" -N --warmup 5 --runs 40 \
  -n "ss -tan" "ss -N $ns -tan" \
  -n "netlens sockets -tan" "$bin --netns $ns sockets -tan"
bench_hyperfine "Listing with owners (bench/sockets.sh): \`-tanp\` over $sockets TCP sockets" -N --warmup 3 --runs 20 \
  -n "ss -tanp" "ss -N $ns -tanp" \
  -n "netlens sockets -tanp" "$bin --netns $ns sockets -tanp"
bench_hyperfine "Summary (bench/sockets.sh): \`-s\` over $sockets TCP sockets" -N --warmup 10 --runs 100 \
  -n "ss -s" "ss -N $ns -s" \
  -n "netlens sockets -s" "$bin --netns $ns sockets -s" \
  -n "netlens --version (start-up floor)" "$bin --version"

# Server and client in two namespaces: the server's summary needs no per-connection answer, the client's needs one per port.
bench_ns "$server"; bench_ns "$client"
ip link add nlbs$$ netns "$server" type veth peer name nlbc$$ netns "$client"
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
bench_on_exit "kill $!"
read -r _ <"$out/listening"
ip netns exec "$client" python3 - "$conns" "$out/connected" <<'PY' &
import socket, sys, time
n, ready = int(sys.argv[1]), sys.argv[2]
keep = [socket.create_connection(('198.18.2.1', 8080)) for _ in range(n)]
open(ready, 'w').write('ready\n')
time.sleep(3600)
PY
bench_on_exit "kill $!"
read -r _ <"$out/connected"
summary_check "$server"
summary_check "$client"
bench_hyperfine "Summary, server and client namespaces (bench/sockets.sh): $conns connections across a veth" -N --warmup 10 --runs 100 \
  -n "ss -s (server namespace)" "ss -N $server -s" \
  -n "netlens sockets -s (server namespace)" "$bin --netns $server sockets -s" \
  -n "ss -s (client namespace)" "ss -N $client -s" \
  -n "netlens sockets -s (client namespace)" "$bin --netns $client sockets -s" \
  -n "netlens --version (start-up floor)" "$bin --version"
echo
for n in "$ns" "$server" "$client"; do
  echo "ss -s in $n: $(ss -N "$n" -s | sed -n 2p)"; echo "netlens:   $("$bin" --netns "$n" sockets -s | sed -n 2p)"
done
