#!/usr/bin/env python3
# Captures the sock_diag fixtures: `ip netns exec NS python3 capture.py OUTDIR` in a fresh namespace (see capture.sh).
# Sets up known sockets (a listener with 3 established connections, 2 TIME-WAIT, a SYN-RECV via nft, UDP, IPv6,
# a bound-only socket, unix sockets), then dumps them. Each .hex file holds '#' comment lines, then one datagram per
# line exactly as recv() returned it; /proc files and ss's own answers are copied beside them.
import os, socket, struct, subprocess, sys, time

out = sys.argv[1]
seq = 5000

def dump(payload):
    global seq
    seq += 1
    s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 4)  # NETLINK_SOCK_DIAG
    s.bind((0, 0))
    hdr = struct.pack('=IHHII', 16 + len(payload), 20, 1 | 0x300, seq, 0)
    s.send(hdr + payload)
    grams = []
    while True:
        data = s.recv(65536)
        grams.append(data)
        off, done = 0, False
        while off < len(data):
            ln, typ = struct.unpack_from('=IH', data, off)
            if typ in (2, 3):
                done = True
            off += (ln + 3) & ~3
        if done:
            return hdr + payload, grams

def write(name, comment, request, grams):
    with open(os.path.join(out, name), 'w') as f:
        for line in comment.strip().splitlines():
            f.write('# ' + line + '\n')
        f.write('# request: ' + request.hex() + '\n')
        for g in grams:
            f.write(g.hex() + '\n')

def inet(family, proto, states, ext, raw_attr=False):
    req = struct.pack('=BBBxI', family, proto, ext, states) + bytes(48)
    if raw_attr:
        req += struct.pack('=HHI', 8, 2, 0)
    return dump(req)

def unix(states, show):
    return dump(struct.pack('=BBHIIIII', 1, 0, 0, states, 0, show, 0, 0))

subprocess.run(['ip', 'addr', 'add', '198.18.0.1/32', 'dev', 'lo'], check=True)
subprocess.run(['ip', 'addr', 'add', '2001:db8::1/128', 'dev', 'lo', 'nodad'], check=True)
subprocess.run(['nft', '-f', '-'], check=True, input=b'''
table inet lab {
  chain in {
    type filter hook input priority 0;
    tcp dport 8081 tcp flags & (syn | ack) == ack drop
  }
}
''')

keep = []
lst = socket.socket(); lst.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); lst.bind(('198.18.0.1', 8080)); lst.listen(128); keep.append(lst)
for i in range(3):
    c = socket.create_connection(('198.18.0.1', 8080)); c.send(b'hello' * (i + 1)); keep += [c, lst.accept()[0]]
for i in range(2):
    c = socket.create_connection(('198.18.0.1', 8080)); a = lst.accept()[0]; c.close(); a.close()  # client closes first: client side TIME-WAIT
half = socket.socket(); half.bind(('198.18.0.1', 8081)); half.listen(8); keep.append(half)
syn = socket.socket(); syn.setblocking(False); syn.connect_ex(('198.18.0.1', 8081)); keep.append(syn)
bound = socket.socket(); bound.bind(('198.18.0.1', 9000)); keep.append(bound)  # bound, never listens: "closed"
l6 = socket.socket(socket.AF_INET6); l6.bind(('2001:db8::1', 443)); l6.listen(64); keep.append(l6)
c6 = socket.create_connection(('2001:db8::1', 443)); keep += [c6, l6.accept()[0]]
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.bind(('198.18.0.1', 53)); keep.append(u)
u6 = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM); u6.bind(('::', 5353)); keep.append(u6)
ul = socket.socket(socket.AF_UNIX); ul.bind('\0netlens-lab'); ul.listen(5); keep.append(ul)
pair = socket.socketpair(); keep += list(pair)
time.sleep(0.3)

ALL, BOUND = 0xFFE | (1 << 12) | 0x1000, 1 << 13
INFO = (1 << 1) | (1 << 3) | (1 << 6)  # INET_DIAG_INFO, CONG, SKMEMINFO
r, g = inet(2, 6, ALL, INFO); write('tcp4-all.hex', 'TCP over IPv4, every state, with tcp_info, congestion and skmeminfo', r, g)
r, g = inet(10, 6, ALL, INFO); write('tcp6-all.hex', 'TCP over IPv6, every state, with tcp_info, congestion and skmeminfo', r, g)
r, g = inet(2, 6, BOUND, 0); write('tcp4-bound.hex', 'TCP over IPv4, bound-only sockets (TCPF_BOUND_INACTIVE)', r, g)
r, g = inet(2, 17, ALL, 0); write('udp4-all.hex', 'UDP over IPv4, every state', r, g)
r, g = inet(10, 17, ALL, 0); write('udp6-all.hex', 'UDP over IPv6, every state', r, g)
r, g = unix(0xFFFFFFFF, 0x1 | 0x4 | 0x10 | 0x40); write('unix-all.hex', 'unix sockets with name, peer, queues, uid', r, g)
for name in ('sockstat', 'sockstat6', 'snmp', 'netstat'):
    with open('/proc/net/' + name) as src, open(os.path.join(out, 'proc-' + name + '.txt'), 'w') as dst:
        dst.write(src.read())
for name, args in (('ss-tan.txt', ['-tan']), ('ss-uan.txt', ['-uan']), ('ss-s.txt', ['-s']), ('ss-tanei.txt', ['-tanei'])):
    with open(os.path.join(out, name), 'w') as f:
        f.write(subprocess.run(['ss'] + args, capture_output=True, text=True).stdout)
