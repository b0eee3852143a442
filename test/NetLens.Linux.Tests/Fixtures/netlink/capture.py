#!/usr/bin/env python3
# Captures the rtnetlink fixtures: `ip netns exec NS python3 capture.py OUTDIR` inside a namespace built by make-lab.sh.
# Each output file holds '#' comment lines, then one kernel datagram per line in hex, exactly as recv() returned it.
# The lookup requests are the bytes `ip route get` (iproute2 6.1) sent, taken from `strace -e write=all`.
import os, re, socket, struct, subprocess, sys

out = sys.argv[1]
NLM_F_REQUEST, NLM_F_ACK, NLM_F_DUMP = 1, 4, 0x300
seq = 1000

def sock():
    s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, socket.NETLINK_ROUTE)
    s.setsockopt(270, 11, 1)  # SOL_NETLINK, NETLINK_EXT_ACK
    s.bind((0, 0))
    return s

def exchange(payload, dump):
    s = sock()
    s.send(payload)
    grams = []
    while True:
        data = s.recv(65536)
        grams.append(data)
        if not dump:
            return grams
        off, done = 0, False
        while off < len(data):
            ln, typ = struct.unpack_from('=IH', data, off)
            if typ in (2, 3):  # NLMSG_ERROR, NLMSG_DONE
                done = True
            off += (ln + 3) & ~3
        if done:
            return grams

def write(name, comment, grams):
    with open(os.path.join(out, name), 'w') as f:
        for line in comment.strip().splitlines():
            f.write('# ' + line + '\n')
        for g in grams:
            f.write(g.hex() + '\n')

def dump(msg_type, family_payload):
    global seq
    seq += 1
    hdr = struct.pack('=IHHII', 16 + len(family_payload), msg_type, NLM_F_REQUEST | NLM_F_DUMP, seq, 0)
    return exchange(hdr + family_payload, True)

rtmsg = lambda fam: struct.pack('=BBBBBBBBI', fam, 0, 0, 0, 0, 0, 0, 0, 0)
ifinfo = struct.pack('=BxHiII', 0, 0, 0, 0, 0)
ifaddr = lambda fam: struct.pack('=BBBBi', fam, 0, 0, 0, 0)
src = 'Captured by capture.py from the namespace of make-lab.sh (kernel ' + os.uname().release + ').'
write('route-dump-ipv4.hex', src + '\nRTM_GETROUTE NLM_F_DUMP AF_INET: every table, several datagrams.', dump(26, rtmsg(2)))
write('route-dump-ipv6.hex', src + '\nRTM_GETROUTE NLM_F_DUMP AF_INET6.', dump(26, rtmsg(10)))
for fam in ('4', '6'):
    with open(os.path.join(out, f'route-dump-ipv{fam}.ip.txt'), 'w') as f:
        f.write(subprocess.run(['ip', '-' + fam, 'route', 'show', 'table', 'all'], capture_output=True, text=True).stdout)
write('rule-dump-ipv4.hex', src + '\nRTM_GETRULE NLM_F_DUMP AF_INET.', dump(34, rtmsg(2)))
write('rule-dump-ipv6.hex', src + '\nRTM_GETRULE NLM_F_DUMP AF_INET6.', dump(34, rtmsg(10)))
write('link-dump.hex', src + '\nRTM_GETLINK NLM_F_DUMP AF_UNSPEC (with stats, so several datagrams).', dump(18, ifinfo))
write('addr-dump-ipv4.hex', src + '\nRTM_GETADDR NLM_F_DUMP AF_INET.', dump(22, ifaddr(2)))
write('addr-dump-ipv6.hex', src + '\nRTM_GETADDR NLM_F_DUMP AF_INET6.', dump(22, ifaddr(10)))

def ip_sent(args, msg_type):
    """The bytes of the message of msg_type that `ip ARGS` sent, from strace's hex dump."""
    trace = subprocess.run(['strace', '-f', '-e', 'trace=sendmsg,sendto', '-e', 'write=all', '-o', '/dev/stdout', 'ip'] + args,
                           capture_output=True, text=True).stdout
    messages, cur = [], None
    for line in trace.splitlines():
        if line.startswith(' * '):
            cur = bytearray(); messages.append(cur)
        elif line.startswith(' | ') and cur is not None:
            cur += bytes.fromhex(line[10:59].replace(' ', ''))
    return next(bytes(m) for m in messages if struct.unpack_from('=H', m, 4)[0] == msg_type)

lookups = {
    'plain': ['route', 'get', '198.18.10.5'],
    'selectors': ['route', 'get', '198.18.10.5', 'from', '198.18.0.1', 'uid', '1000', 'tos', '0x10', 'ipproto', 'tcp',
                  'sport', '1000', 'dport', '80', 'oif', 'veth0', 'mark', '0x10'],
    'iif': ['route', 'get', '198.18.10.5', 'from', '198.18.1.9', 'iif', 'br0'],
    'fibmatch': ['route', 'get', 'fibmatch', '198.18.11.7'],
    'multipath': ['route', 'get', '198.18.11.7'],
    'mtulock': ['route', 'get', '198.18.16.9'],
    'ipv6': ['route', 'get', '2001:db8:10::5'],
    'ipv6-selectors': ['route', 'get', '2001:db8:12::1', 'from', '2001:db8:1::1', 'ipproto', 'udp', 'dport', '53'],
    'unreachable': ['route', 'get', '198.18.13.1'],
    'prohibit': ['route', 'get', '198.18.14.1'],
}
for name, args in lookups.items():
    req = ip_sent(args, 26)
    write(f'lookup-{name}.request.hex', 'The RTM_GETROUTE `ip ' + ' '.join(args) + '` sent (strace -e write=all).', [req])
    write(f'lookup-{name}.answer.hex', src + '\nThe kernel answer to lookup-' + name + '.request.hex.', exchange(req, False))

# A refused change whose error carries an extack message ("Nexthop has invalid gateway").
bad = ip_sent(['route', 'add', '198.18.30.0/24', 'via', '198.18.99.1'], 24)
write('error-extack.request.hex', 'The RTM_NEWROUTE `ip route add 198.18.30.0/24 via 198.18.99.1` sent.', [bad])
write('error-extack.answer.hex', src + '\nThe kernel refusal, NLMSG_ERROR with NLMSGERR_ATTR_MSG.', exchange(bad, False))
