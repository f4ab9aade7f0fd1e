#!/usr/bin/env python3
"""bench/set486.py: writes the 486-cell set the side-by-side bench runs, as a bindlab scenario file.

The kind of cells issue 14 measured: every way the catalog holds a connection on the port (23 variants: each TCP
state, open or orphaned, accepted or originated, zero window or packet filter, the backlog and SYN_RECV cells), a
listener and a bound socket (each also with the second socket another user's), IPv4, a wildcard first bind and a
wildcard or specific second bind: 54 scripts, each with the 9 Linux option pairs (none, SO_REUSEADDR, SO_REUSEPORT on
either socket) = 486 cells. The scripts are the catalog's own 'none>none' ones; the options go in exactly where the
catalog generator puts them (right after each socket is opened), and ids are the catalog's under 'bench486/'.

    python3 bench/set486.py BINDLAB_JAR > set486.scn
"""
import os
import subprocess
import sys

OPTIONS = ["none", "REUSEADDR", "REUSEPORT"]
FILTER = "conn/**/none>none/wild>{wild,spec}/v4,conn/**/none>none/wild>{wild,spec}/v4/{filter,zerowindow}," \
         "listen/none>none/wild>{wild,spec}/v4,listen/none>none/wild>{wild,spec}/v4/other-user," \
         "bound/none>none/wild>{wild,spec}/v4,bound/none>none/wild>{wild,spec}/v4/other-user"


# The set stays the one issue 14 measured: only scripts whose ids the catalog had then (it has grown since).
BEFORE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "engine", "src", "test", "resources",
                      "catalog-ids-before-issue-15.txt")


def templates(jar):
    text = subprocess.run(["java", "-jar", jar, "scenarios", "show", "--filter", FILTER], check=True,
                          capture_output=True, text=True).stdout
    blocks, cur = [], None
    for line in text.splitlines():
        if line.startswith("scenario "):
            cur = [line]
            blocks.append(cur)
        elif cur is not None and line.strip() and not line.startswith("#"):
            cur.append(line)
    with open(BEFORE, encoding="utf-8") as f:
        before = {line.strip() for line in f if line.strip() and not line.startswith("#")}
    return [b for b in blocks if b[0].split()[1] in before]


def with_options(block, o1, o2):
    out = []
    for line in block:
        if line.startswith("scenario "):
            line = "scenario bench486/" + line.split(" ", 1)[1].replace("none>none", o1 + ">" + o2, 1)
        elif line.startswith("dim "):
            line = line.replace(" first=none", " first=" + o1).replace(" second=none", " second=" + o2)
        out.append(line)
        if line.startswith("target: socket L1 ") and o1 != "none":
            out.append("target: setsockopt L1 %s 1" % o1)
        if line.startswith("target: socket L2 ") and o2 != "none":
            out.append("target: probe setsockopt L2 %s 1" % o2)
    return out


def main():
    blocks = templates(sys.argv[1])
    if len(blocks) != 54:
        sys.exit("set486.py: expected 54 template scripts from the catalog, got %d" % len(blocks))
    for block in blocks:
        for o1 in OPTIONS:
            for o2 in OPTIONS:
                print()
                print("\n".join(with_options(block, o1, o2)))


if __name__ == "__main__":
    main()
