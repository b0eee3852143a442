#!/usr/bin/env python3
"""Builds tcp-top1000.txt from the hand-ranked head and second tier; the rule is in README.md."""
import pathlib

here = pathlib.Path(__file__).parent
ranked, seen = [], set()
for source in ("tcp-services-ranked-head.txt", "tcp-services-ranked-tier2.txt"):
    for line in (here / source).read_text().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        port, name = line.split()
        if int(port) not in seen:
            seen.add(int(port))
            ranked.append(f"{port} {name}")
# fill with the system ports (IANA's 1-1023) in ascending order
for port in range(1, 1024):
    if len(ranked) == 1000:
        break
    if port not in seen:
        seen.add(port)
        ranked.append(str(port))
assert len(ranked) == 1000
(here / "tcp-top1000.txt").write_text(
    "# netlens's own ranking of TCP ports, most common first; see README.md for how it was made.\n"
    + "\n".join(ranked) + "\n")
