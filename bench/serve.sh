#!/usr/bin/env bash
# netlens serve against Debian's exporters, in one run, on the same targets:
#   continuous: 1,000 and 10,000 targets at 1 echo/s each — CPU (utime+stime from /proc over a 20 s window after a
#               10 s warm-up) and RSS of `netlens serve` vs `prometheus-smokeping-prober` (its unprivileged mode:
#               ICMP datagram sockets, allowed by ping_group_range in the bench namespace; netlens uses the same sockets)
#   /probe:     icmp requests per second, 8 concurrent clients for 10 s, vs `prometheus-blackbox-exporter`
# The targets are 198.19.0.0/18, one `local` route in a far namespace (the kernel answers every address in it).
# Before timing, both tools' answers are compared: with 200 targets for 6 s, the set of targets each saw answer with
# no loss (but the last two echoes, maybe in flight) must be the same (every one); /probe must say probe_success 1 from both. A difference exits 1.
# Needs root, python3, prometheus-smokeping-prober, prometheus-blackbox-exporter and ./netlens built.
# Usage: sudo bench/serve.sh [RUNS]; prints markdown tables.
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
runs="${1:-3}"
bench_netlens
src="nlbsrvs$$"; dst="nlbsrvd$$"
bench_ns "$src"; bench_ns "$dst"
ip link add "$src-v" netns "$src" type veth peer name "$dst-v" netns "$dst"
ip -n "$src" addr add 198.18.90.1/24 dev "$src-v"; ip -n "$src" link set "$src-v" up
ip -n "$dst" addr add 198.18.90.2/24 dev "$dst-v"; ip -n "$dst" link set "$dst-v" up
ip -n "$dst" route add local 198.19.0.0/18 dev lo
ip -n "$src" route add 198.19.0.0/18 via 198.18.90.2
# A permanent neighbour entry: the first echoes would otherwise queue (and some drop) behind ARP resolution.
ip -n "$src" neigh replace 198.18.90.2 lladdr "$(ip -n "$dst" -br link show "$dst-v" | awk '{ print $3 }')" dev "$src-v" nud permanent
ip netns exec "$src" sysctl -qw net.ipv4.ping_group_range="0 2147483647"
ip netns exec "$dst" sysctl -qw net.ipv4.icmp_ratelimit=0 net.ipv4.icmp_msgs_per_sec=1000000
ulimit -n "$(ulimit -Hn)"   # smokeping_prober holds a socket per target
bench_machine

targets() { python3 -c "import sys
n = int(sys.argv[1]); i = 0; x = 0
while i < n:
    x += 1
    if x % 256 in (0, 255): continue
    print(f'198.19.{x // 256}.{x % 256}'); i += 1" "$1"; }
empty="$out/empty.yml"; echo "targets: []" > "$empty"   # not /etc/prometheus/smokeping_prober.yml: only the listed hosts
port=19374

start_netlens() { # N: starts netlens serve on N targets, sets $pid
  targets "$1" | python3 -c 'import sys; t = [l.strip() for l in sys.stdin]; print("continuous:\n  interval: 1s\n  targets: [" + ", ".join(t) + "]")' > "$out/netlens.yml"
  ip netns exec "$src" "$bin" serve --config "$out/netlens.yml" --listen "127.0.0.1:$port" > "$out/netlens.log" 2>&1 &
  pid=$!
}
start_smokeping() {
  ip -n "$src" route get 198.19.1.65 >/dev/null || { echo "bench: the lab route is gone:" >&2; ip -n "$src" route >&2; ip -n "$src" link >&2; exit 1; }
  ip netns exec "$src" prometheus-smokeping-prober --config.file="$empty" --web.listen-address="127.0.0.1:$port" --log.level=warn $(targets "$1") > "$out/smokeping.log" 2>&1 &
  pid=$!
}
stop() { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }
metrics() { ip netns exec "$src" python3 -c "import urllib.request; print(urllib.request.urlopen('http://127.0.0.1:$port/metrics').read().decode())"; }
# Targets whose echoes all came back: from netlens's or smokeping's counters (sent/requests vs received/count).
clean_targets() { python3 -c '
import re, sys
sent, got = {}, {}
for line in sys.stdin:
    m = re.match(r"(netlens_probes_sent_total|smokeping_requests_total|netlens_probes_received_total|smokeping_response_duration_seconds_count)\{[^}]*(?:target|ip)=\"([^\"]+)\"[^}]*\} (\S+)", line)
    if m:
        (sent if m.group(1) in ("netlens_probes_sent_total", "smokeping_requests_total") else got)[m.group(2)] = float(m.group(3))
for t in sorted(sent):
    # the last two echoes may still be in flight when the counters are read (the replies of smokeping_prober take up to
    # a few hundred ms to be counted on a busy machine)
    if sent[t] >= 3 and got.get(t, 0) >= sent[t] - 2: print(t)
'; }

for tool in smokeping netlens; do
  "start_$tool" 200; sleep 6; metrics | clean_targets > "$out/clean.$tool"; stop; sleep 1
done
targets 200 | sort > "$out/clean.expected"
bench_same "continuous, 200 targets for 6 s: smokeping_prober's targets answered without loss (all of them)" "$out/clean.expected" "$out/clean.smokeping"
bench_same "continuous, 200 targets for 6 s: smokeping_prober's set vs netlens's" "$out/clean.smokeping" "$out/clean.netlens"

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
rss_kib() { awk '/^VmRSS/ { print $2 }' "/proc/$1/status"; }
: > "$out/continuous.tsv"
for n in 1000 10000; do
  for run in $(seq "$runs"); do
    for tool in smokeping netlens; do
      "start_$tool" "$n"; sleep 10
      if ! kill -0 "$pid" 2>/dev/null; then
        # A tool that dies is a row of its own, with its last words, not a stopped bench.
        echo -e "$n\t$tool\tdied\t$(grep -v '^$' "$out/$tool.log" | tail -n 1 | cut -c1-120)\t$(grep -c FATAL "$out/$tool.log" || true)" >> "$out/continuous.tsv"
        wait "$pid" 2>/dev/null || true
        continue
      fi
      before=$(cpu_ticks "$pid"); t0=$(date +%s.%N); sleep 20
      after=$(cpu_ticks "$pid"); t1=$(date +%s.%N); rss=$(rss_kib "$pid")
      metrics | clean_targets | wc -l > "$out/answered.$tool.$n"
      stop; sleep 1
      python3 -c "import sys; b, a, t0, t1, rss, ok, n, tool = sys.argv[1:]; cores = (int(a) - int(b)) / 100 / (float(t1) - float(t0))
print(f'{n}\t{tool}\t{cores:.4f}\t{int(rss) / 1024:.1f}\t{ok}')" "$before" "$after" "$t0" "$t1" "$rss" "$(cat "$out/answered.$tool.$n")" "$n" "$tool" >> "$out/continuous.tsv"
    done
  done
done
python3 - "$out/continuous.tsv" <<'PY'
import statistics, sys
rows, died = {}, []
for line in open(sys.argv[1]):
    n, tool, cores, rss, ok = line.rstrip("\n").split("\t")
    if cores == "died":
        died.append(f"- {n} targets: {tool} exited during the warm-up ({ok} FATAL lines); its last line: `{rss}`")
        continue
    rows.setdefault((int(n), tool), []).append((float(cores), float(rss), int(ok)))
print("\n**Continuous probing at 1 echo/s per target (bench/serve.sh): CPU in cores over 20 s, RSS at the end**\n")
print("| Targets | Tool | CPU median [cores] | CPU min | CPU max | µs of CPU per echo (median) | RSS median [MiB] | RSS min | RSS max | Runs | Targets answered without loss (median) | CPU / smokeping's |")
print("|---:|:---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for n in sorted({k[0] for k in rows}):
    base = statistics.median(c for c, _, _ in rows[(n, "smokeping")]) if (n, "smokeping") in rows else None
    for tool, label in (("smokeping", "prometheus-smokeping-prober 0.6.1"), ("netlens", "netlens serve")):
        if (n, tool) not in rows:
            continue
        r = rows[(n, tool)]
        cpu = [c for c, _, _ in r]; rss = [m for _, m, _ in r]
        med = statistics.median(cpu)
        print(f"| {n} | {label} | {med:.3f} | {min(cpu):.3f} | {max(cpu):.3f} | {med / n * 1e6:.1f} | {statistics.median(rss):.1f} | {min(rss):.1f} | {max(rss):.1f} | {len(r)} | {int(statistics.median(o for _, _, o in r))} | {f"{med / base:.3f}" if base else "n/a"} |")
print("\n".join([""] + died) if died else "")
PY

# /probe icmp: requests per second, the same client for both.
cat > "$out/blackbox.yml" <<'YML'
modules:
  icmp:
    prober: icmp
    timeout: 2s
    icmp:
      preferred_ip_protocol: ip4
YML
cp "$out/blackbox.yml" "$out/netlens-probe.yml"; echo "probe_allow: [198.19.0.0/18]" >> "$out/netlens-probe.yml"
# Throughput is the point here, so the probe rate caps are off (blackbox has none).
echo "limits: {probes_per_second: 0, target_probes_per_second: 0}" >> "$out/netlens-probe.yml"
load() { ip netns exec "$src" python3 - "$port" <<'PY'
import http.client, sys, threading, time
port, stop, counts, bad = int(sys.argv[1]), time.time() + 10, [], []
def worker(k):
    done = 0
    while time.time() < stop:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        c.request("GET", f"/probe?module=icmp&target=198.19.0.{k + 1}", headers={"Connection": "close"})
        body = c.getresponse().read().decode()
        c.close()
        if "\nprobe_success 1\n" not in "\n" + body: bad.append(body[:200])
        done += 1
    counts.append(done)
threads = [threading.Thread(target=worker, args=(k,)) for k in range(8)]
start = time.time(); [t.start() for t in threads]; [t.join() for t in threads]
if bad: print("bad answer: " + bad[0], file=sys.stderr); sys.exit(1)
print(f"{sum(counts) / (time.time() - start):.1f}")
PY
}
: > "$out/rps.tsv"
for run in $(seq "$runs"); do
  ip netns exec "$src" prometheus-blackbox-exporter --config.file="$out/blackbox.yml" --web.listen-address="127.0.0.1:$port" > "$out/blackbox.log" 2>&1 &
  pid=$!; sleep 1.5
  echo -e "blackbox_exporter\t$(load)" >> "$out/rps.tsv"; stop; sleep 1
  ip netns exec "$src" "$bin" serve --config "$out/netlens-probe.yml" --listen "127.0.0.1:$port" > "$out/netlens.log" 2>&1 &
  pid=$!; sleep 1.5
  echo -e "netlens serve\t$(load)" >> "$out/rps.tsv"; stop; sleep 1
done
echo "compared before timing: /probe icmp: every answer of both tools said probe_success 1 (the load client exits 1 otherwise)"
python3 - "$out/rps.tsv" <<'PY'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    tool, rps = line.rstrip("\n").split("\t")
    rows.setdefault(tool, []).append(float(rps))
base = statistics.median(rows["blackbox_exporter"])
print("\n**/probe icmp requests per second (bench/serve.sh): 8 concurrent clients, 10 s, one echo per request**\n")
print("| Exporter | Median [req/s] | Min | Max | Runs | Median / blackbox's |")
print("|:---|---:|---:|---:|---:|---:|")
for tool, v in rows.items():
    print(f"| {tool} | {statistics.median(v):.0f} | {min(v):.0f} | {max(v):.0f} | {len(v)} | {statistics.median(v) / base:.2f} |")
PY
