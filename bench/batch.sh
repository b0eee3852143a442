#!/usr/bin/env bash
# Issue 3 bench: the same 1,000,000 route questions to `netlens route get --batch` and to
# `ip -force -batch` (`route get …` lines), in one run, on one lab namespace with 200k IPv4 routes
# (every prefix length /16–/32 inside 198.18.0.0/15, gateways, metrics, tos, ECMP, unreachable/
# blackhole/prohibit/throw, four tables), 5k IPv6 routes and policy rules (fwmark, from, uidrange,
# goto, nop, suppress_prefixlength, not). Whole-process wall and CPU time, median, min and max of RUNS (the order of
# the three commands rotates each round), the ratios of the medians, and every run with the command it followed.
# Both outputs are compared line by line before any timing (ip's errors become "ADDR error: REASON"); a difference exits 1.
# Needs root and ./netlens (built first, outside the timings).
# Usage: sudo bench/batch.sh [QUESTIONS] [ROUTES] [RUNS]   (defaults 1000000 200000 5); prints markdown.
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
questions="${1:-1000000}"
routes="${2:-200000}"
runs="${3:-5}"
ns="nlbatch$$"
bench_netlens   # NETLENS_BIN: time another build of the binary instead of ./netlens's

bench_ns "$ns"
for pair in "big0 big0p" "big1 big1p"; do
  set -- $pair
  ip -n "$ns" link add "$1" type veth peer name "$2"
  ip -n "$ns" link set "$1" up
  ip -n "$ns" link set "$2" up
done

python3 - "$routes" "$questions" "$out" <<'PY'
import ipaddress, random, sys
routes, questions, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
r = random.Random(20261125)
v4 = ["addr add 198.18.0.1/24 dev big0", "addr add 198.18.1.1/24 dev big1", "addr add 198.18.2.1/24 dev big1",
      "addr add 2001:db8::1/64 dev big0 nodad", "addr add 2001:db8:1::1/64 dev big1 nodad",
      "route add default via 198.18.0.254 dev big0", "route add default via 198.18.1.254 table 100",
      "route add default via 2001:db8::fe dev big0",
      "rule add fwmark 0x20 prohibit priority 50", "rule add fwmark 0x30/0xf0 goto 400 priority 60",
      "rule add priority 70 nop", "rule add fwmark 0x10 lookup 100 priority 100",
      "rule add from 198.18.2.1 lookup 200 priority 200", "rule add uidrange 1000-1999 lookup 300 priority 300",
      "rule add priority 400 lookup main suppress_prefixlength 0", "rule add priority 410 not fwmark 0x40 lookup 500",
      "rule add priority 420 fwmark 0x50 unreachable", "route add default via 198.18.1.250 table 500"]
seen = set()
count = 0
while count < routes:
    length = r.randint(16, 32)
    a = ((198 << 24) | (18 << 16) | r.randrange(1 << 17)) & ((0xffffffff << (32 - length)) & 0xffffffff)
    if length >= 22 and (a >> 10) == ((198 << 14) | (18 << 6)):
        continue   # keep gateways and sources (198.18.0.0/22) on their connected networks
    p = f"{ipaddress.IPv4Address(a)}/{length}"
    if p in seen:
        continue
    seen.add(p)
    t = ["", "", "", "", "", "", "", " table 100", " table 200", " table 300"][r.randrange(10)]
    k = r.randrange(40)
    v4.append([f"route add unreachable {p}{t}", f"route add blackhole {p}{t}", f"route add prohibit {p}{t}",
               f"route add {p}{t} nexthop via 198.18.0.{r.randint(2, 249)} weight {r.randint(1, 3)} nexthop via 198.18.1.{r.randint(2, 249)}",
               f"route add throw {p}{t}", f"route add {p} via 198.18.0.{r.randint(2, 249)} tos 0x10{t}",
               f"route add {p} dev big1{t}"][k] if k < 7 else
              f"route add {p} via 198.18.{r.randrange(2)}.{r.randint(2, 249)} metric {r.randrange(4) * 100}{t}")
    count += 1
v6 = ["rule add fwmark 0x10 lookup 100 priority 100", "route add default via 2001:db8:1::fe table 100"]
while len(v6) < 5000:
    b = bytearray(r.randbytes(16)); b[0:4] = b"\x20\x01\x0d\xb8"
    if b[4] == 0 and b[5] <= 1:
        continue
    p = str(ipaddress.IPv6Network((bytes(b), r.randint(32, 128)), strict=False))
    if p in seen:
        continue
    seen.add(p)
    t = " table 100" if r.randrange(5) == 0 else ""
    v6.append(f"route add unreachable {p}{t}" if r.randrange(30) == 0 else
              f"route add {p} via 2001:db8:{r.randrange(2)}::{r.randint(2, 249):x} metric {r.randint(1, 3) * 256}{t}")
open(f"{out}/build4", "w").write("\n".join(v4) + "\n")
open(f"{out}/build6", "w").write("\n".join(v6) + "\n")
# Questions: random addresses, a sixth IPv6, with ip route get's selectors at random.
opts4 = ["", "", "", "", " mark 0x10", " mark 0x20", " mark 0x31", " mark 0x40", " mark 0x50", " uid 1500",
         " from 198.18.0.1", " from 198.18.2.1", " tos 0x10", " ipproto tcp sport 4000 dport 443"]
opts6 = ["", "", " mark 0x10", " from 2001:db8::1"]
with open(f"{out}/questions", "w") as q:
    for _ in range(questions):
        if r.randrange(6) == 0:
            b = bytearray(r.randbytes(16)); b[0:4] = b"\x20\x01\x0d\xb8"
            q.write(f"{ipaddress.IPv6Address(bytes(b))}{r.choice(opts6)}\n")
        else:
            q.write(f"198.{18 + r.randrange(2)}.{r.randrange(256)}.{r.randrange(256)}{r.choice(opts4)}\n")
PY
ip -n "$ns" -batch "$out/build4"
ip -6 -n "$ns" -batch "$out/build6"
sed 's/^/route get /' "$out/questions" >"$out/ip-questions"
v4routes=$(ip -n "$ns" -4 route show table all | wc -l)

# Same answers, or the timing means nothing: ip's errors go to stderr as "RTNETLINK answers: X" + "Command failed FILE:N".
ip -n "$ns" -force -batch "$out/ip-questions" >"$out/ip.out" 2>"$out/ip.err" || true
"$bin" --netns "$ns" --verbose route get --batch "$out/questions" >"$out/netlens.out" 2>"$out/netlens.err"
python3 - "$out" <<'PY'
import sys
out = sys.argv[1]
questions = open(f"{out}/questions").read().split("\n")[:-1]
errors, reason = {}, None
for line in open(f"{out}/ip.err"):
    if line.startswith("RTNETLINK answers: "):
        reason = line[19:].rstrip("\n")
    elif line.startswith("Command failed ") and reason:
        errors[int(line.rsplit(":", 1)[1]) - 1] = reason
        reason = None
first = iter(l.rstrip() for l in open(f"{out}/ip.out") if l.strip() and not l[0].isspace())
expected = [f"{q.split()[0]} error: {errors[i]}" if i in errors else next(first) for i, q in enumerate(questions)]
actual = open(f"{out}/netlens.out").read().split("\n")[:-1]
bad = sum(1 for e, a in zip(expected, actual) if e != a) + abs(len(expected) - len(actual))
print(f"compared: {len(expected)} answers, {bad} differ; {open(f'{out}/netlens.err').read().strip()}")
if bad:
    sys.exit(1)
PY

# Each command RUNS times, interleaved (ip, netlens, netlens-stdin, ip, …) so load changes hit all three alike: median,
# min and max wall time, and of CPU time (user + system, the kernel's work for ip's RTM_GETROUTE included), which a
# loaded machine disturbs far less than wall time.
bench_machine
echo "$v4routes IPv4 routes (all tables), $questions questions, $runs runs of each command"
echo
python3 - "$runs" "$questions" "$out" "$ns" "$bin" <<'PY'
import os, statistics, subprocess, sys, time
runs, n, out, ns, bin = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
commands = [
    ("`ip -force -batch FILE` (route get lines)", ["ip", "-n", ns, "-force", "-batch", f"{out}/ip-questions"], None),
    ("`netlens route get --batch FILE`", [bin, "--netns", ns, "route", "get", "--batch", f"{out}/questions"], None),
    ("`netlens route get --batch -` (stdin)", [bin, "--netns", ns, "route", "get", "--batch", "-"], f"{out}/questions"),
]
walls = {name: [] for name, _, _ in commands}
cpus = {name: [] for name, _, _ in commands}
history = []
previous = "(none)"
for round in range(runs):
    # The order rotates each round: the run that follows ip's (10 s, a million netlink round trips) pays more system
    # time re-faulting memory (see results.md), and without rotation that would always be the same command.
    shift = round % len(commands)
    for name, argv, stdin in commands[shift:] + commands[:shift]:
        with open(stdin or os.devnull, "rb") as source:
            start = time.perf_counter()
            child = subprocess.Popen(argv, stdin=source, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            _, _, usage = os.wait4(child.pid, 0)
            wall = time.perf_counter() - start
        cpu = usage.ru_utime + usage.ru_stime
        walls[name].append(wall)
        cpus[name].append(cpu)
        history.append((round + 1, name, previous, wall, usage.ru_utime, usage.ru_stime))
        previous = name
ip_name = commands[0][0]
ip_wall, ip_cpu = statistics.median(walls[ip_name]), statistics.median(cpus[ip_name])
print("Table made by bench/batch.sh (median, min and max of every run; the ratios are of the medians):")
print()
print("| Command | Wall median [s] | Wall min–max [s] | Per question, median [µs] | Wall: ip / this | CPU median [s] | CPU min–max [s] | CPU: ip / this |")
print("|:---|---:|---:|---:|---:|---:|---:|---:|")
for name, _, _ in commands:
    wall, cpu = statistics.median(walls[name]), statistics.median(cpus[name])
    print(f"| {name} | {wall:.3f} | {min(walls[name]):.3f}–{max(walls[name]):.3f} | {wall / n * 1e6:.2f} | {ip_wall / wall:.1f}× | "
          f"{cpu:.3f} | {min(cpus[name]):.3f}–{max(cpus[name]):.3f} | {ip_cpu / cpu:.1f}× |")
print()
print("Every run, in order:")
print()
print("| Round | Command | Ran after | Wall [s] | User [s] | System [s] |")
print("|---:|:---|:---|---:|---:|---:|")
for round, name, after, wall, user, system in history:
    print(f"| {round} | {name} | {after} | {wall:.3f} | {user:.3f} | {system:.3f} |")
PY
