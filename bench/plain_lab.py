#!/usr/bin/env python3
"""bench/plain_lab.py: the yardstick bindlab is measured against. A plain, single-threaded Python lab script: two
network namespaces joined by a veth, one helper process in each (this file with --helper) driven over pipes, one
JSON line per step. It runs the same scenario file bindlab runs, cell after cell, and does what bindlab does for a
cell: a clean port, the steps in order, the target's TCP table read right before and right after the probe (the
cell is INVALID_SETUP if the intended state is not there), the probe's error as the outcome, then everything closed.

    python3 bench/plain_lab.py SCENARIO_FILE [--out OUTCOMES.tsv]      (as root; python3 only, no packages)

It prints the cells, the wall time including building and removing its lab, and cells/s; --out writes
"scenario-id<TAB>outcome" lines, which bench/compare.py holds against a bindlab journal.
"""
import ctypes
import errno
import json
import os
import random
import select
import socket
import struct
import subprocess
import sys
import time

STATES = {1: "ESTABLISHED", 2: "SYN_SENT", 3: "SYN_RECV", 4: "FIN_WAIT_1", 5: "FIN_WAIT_2", 6: "TIME_WAIT",
          7: "CLOSED", 8: "CLOSE_WAIT", 9: "LAST_ACK", 10: "LISTEN", 11: "CLOSING", 12: "NEW_SYN_RECV"}
OPTIONS = {"REUSEADDR": (socket.SOL_SOCKET, socket.SO_REUSEADDR), "REUSEPORT": (socket.SOL_SOCKET, socket.SO_REUSEPORT),
           "V6ONLY": (socket.IPPROTO_IPV6, socket.IPV6_V6ONLY)}


# ---------------------------------------------------------------- helper: runs inside a namespace, one step a line

class Helper:
    def __init__(self):
        self.sockets = {}
        self.rules = {}
        self.libc = ctypes.CDLL(None, use_errno=True)
        self.table = "blpy%d" % os.getpid()
        self.table_made = False

    def rows(self, port):
        out = []
        for path in ("/proc/net/tcp", "/proc/net/tcp6"):
            with open(path) as f:
                next(f)
                for line in f:
                    fl = line.split()
                    lport = int(fl[1].split(":")[1], 16)
                    rport = int(fl[2].split(":")[1], 16)
                    if lport == port or rport == port:
                        out.append({"local_port": lport, "state": STATES[int(fl[3], 16)], "inode": int(fl[9])})
        return out

    def op(self, c):
        k = c["op"]
        try:
            if k == "socket":
                fam = socket.AF_INET6 if c["family"] == "inet6" else socket.AF_INET
                if c.get("other"):
                    prev = self.libc.setfsuid(65534)
                    try:
                        s = socket.socket(fam, socket.SOCK_STREAM)
                    finally:
                        self.libc.setfsuid(prev)
                else:
                    s = socket.socket(fam, socket.SOCK_STREAM)
                self.sockets[c["name"]] = s
            elif k == "setsockopt":
                level, name = OPTIONS[c["option"]]
                self.sockets[c["name"]].setsockopt(level, name, c["value"])
            elif k == "bind":
                self.sockets[c["name"]].bind((c["addr"], c["port"]))
            elif k == "listen":
                self.sockets[c["name"]].listen(c["backlog"])
            elif k == "accept":
                s = self.sockets[c["name"]]
                s.settimeout(c["timeout"] / 1000)
                try:
                    a, _ = s.accept()
                except socket.timeout:
                    return {"status": "TIMEOUT"}
                finally:
                    s.settimeout(None)
                a.settimeout(None)
                self.sockets[c["as"]] = a
            elif k == "connect":
                s = self.sockets[c["name"]]
                s.setblocking(False)
                try:
                    rc = s.connect_ex((c["addr"], c["port"]))
                    if rc == errno.EINPROGRESS:
                        _, w, _ = select.select([], [s], [], c["timeout"] / 1000)
                        if not w:
                            return {"status": "TIMEOUT"}
                        rc = s.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
                    if rc:
                        return {"status": "ERROR", "error": errno.errorcode.get(rc, str(rc))}
                finally:
                    s.setblocking(True)
            elif k == "send_until_blocked":
                s = self.sockets[c["name"]]
                s.setblocking(False)
                try:
                    while True:
                        s.send(b"\0" * 65536)
                except BlockingIOError:
                    pass
                finally:
                    s.setblocking(True)
            elif k == "shutdown":
                self.sockets[c["name"]].shutdown({"rd": socket.SHUT_RD, "wr": socket.SHUT_WR,
                                                  "rdwr": socket.SHUT_RDWR}[c["how"]])
            elif k == "close":
                self.sockets.pop(c["name"]).close()
            elif k == "observe":
                return {"status": "OK", "rows": self.rows(c["port"])}
            elif k == "wait_state":
                deadline = time.time() + c["timeout"] / 1000
                while True:
                    rows = self.rows(c["port"])
                    if any(r["local_port"] == c["port"] and r["state"] == c["state"] for r in rows):
                        return {"status": "OK", "rows": rows}
                    if time.time() > deadline:
                        return {"status": "TIMEOUT", "rows": rows}
                    time.sleep(0.001)
            elif k == "filter_on":
                if not self.table_made:
                    nft("add table inet %s" % self.table,
                        "add chain inet %s input { type filter hook input priority -10 ; }" % self.table,
                        "add chain inet %s output { type filter hook output priority -10 ; }" % self.table)
                    self.table_made = True
                inbound = c["direction"] == "drop-in-from"
                out = nft("-e -a add rule inet %s %s ip %s %s tcp %s %d drop" % (
                    self.table, "input" if inbound else "output", "saddr" if inbound else "daddr", c["addr"],
                    "sport" if inbound else "dport", c["port"]))
                self.rules[c["rule"]] = ("input" if inbound else "output", out.split("# handle ")[1].split()[0])
            elif k == "release":
                for s in self.sockets.values():
                    s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                    s.close()
                self.sockets.clear()
                for chain, handle in self.rules.values():
                    nft("delete rule inet %s %s handle %s" % (self.table, chain, handle))
                self.rules.clear()
            elif k == "quit":
                if self.table_made:
                    nft("delete table inet %s" % self.table)
                return None
            return {"status": "OK"}
        except OSError as e:
            return {"status": "ERROR", "error": errno.errorcode.get(e.errno, str(e.errno))}


def nft(*commands):
    """One nft process per call: what a plain script does."""
    out = ""
    for cmd in commands:
        out += subprocess.run(["nft"] + cmd.split(), check=True, capture_output=True, text=True).stdout
    return out


def helper_main():
    h = Helper()
    for line in sys.stdin:
        r = h.op(json.loads(line))
        if r is None:
            break
        sys.stdout.write(json.dumps(r) + "\n")
        sys.stdout.flush()


# ---------------------------------------------------------------- the script: scenario file in, outcomes out

def scenarios(path):
    """[(id, [intended states], [(role, probe, verb, args, timeout_ms, expect)])] from a bindlab scenario file."""
    out = []
    for line in open(path):
        line = line.split("#")[0].rstrip() if not line.lstrip().startswith("#") else ""
        if not line.strip():
            continue
        head, _, rest = line.partition(" ")
        if head == "scenario":
            out.append([rest.strip(), [], []])
        elif head == "state":
            out[-1][1] = rest.strip().split("|")
        elif head in ("title", "dim", "control", "requires"):
            continue
        else:
            role, _, body = line.partition(":")
            expect = "OK"
            if "->" in body:
                body, _, expect = body.partition("->")
                expect = expect.strip()
            words = body.split()
            probe = words[0] == "probe"
            if probe:
                words = words[1:]
            timeout = 5000
            args = []
            for w in words[1:]:
                if w.startswith("timeout="):
                    timeout = int(w.split("=")[1])
                else:
                    args.append(w)
            out[-1][2].append((role.strip(), probe, words[0], args, timeout, expect))
    return out


class Lab:
    """Two namespaces on one veth in a free /28 of 198.18.0.0/24, a helper in each."""

    def __init__(self):
        used = subprocess.run(["ip", "-4", "-o", "addr", "show"], capture_output=True, text=True).stdout
        block = next(b for b in range(15, -1, -1) if not any(" 198.18.0.%d/" % (16 * b + i) in used for i in range(16)))
        self.id = "blpy%04x" % random.randrange(0x10000)
        self.ns = [self.id + "-t", self.id + "-p"]
        self.addr = ["198.18.0.%d" % (16 * block + 2), "198.18.0.%d" % (16 * block + 3)]
        ip("netns add %s" % self.ns[0], "netns add %s" % self.ns[1],
           "link add %st netns %s type veth peer name %sp netns %s" % (self.id, self.ns[0], self.id, self.ns[1]))
        for i, side in enumerate("tp"):
            ip("-n %s addr add %s/28 dev %s%s" % (self.ns[i], self.addr[i], self.id, side),
               "-n %s link set %s%s up" % (self.ns[i], self.id, side), "-n %s link set lo up" % self.ns[i])
        self.helpers = [subprocess.Popen(["ip", "netns", "exec", ns, sys.executable, "-u", __file__, "--helper"],
                                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True) for ns in self.ns]

    def call(self, who, **cmd):
        p = self.helpers[who]
        p.stdin.write(json.dumps(cmd) + "\n")
        p.stdin.flush()
        return json.loads(p.stdout.readline())

    def close(self):
        for i, p in enumerate(self.helpers):
            p.stdin.write(json.dumps({"op": "quit"}) + "\n")
            p.stdin.close()
            p.wait(10)
        ip("netns del %s" % self.ns[0], "netns del %s" % self.ns[1])


def ip(*commands):
    for cmd in commands:
        subprocess.run(["ip"] + cmd.split(), check=True)


def resolve(lab, ref, port, peer_port):
    addr, _, p = ref.rpartition(":")
    addr = {"wildcard4": "0.0.0.0", "target4": lab.addr[0], "peer4": lab.addr[1]}[addr]
    return addr, {"$PORT": port, "$PEERPORT": peer_port}[p]


def state_ok(intended, port, rows, before):
    local = [r["state"] for r in rows if r["local_port"] == port]
    for want in intended:
        if want == "none":
            if not before or not local:
                return True
        elif want in local:
            return True
    return False


def run_cell(lab, sc, port, peer_port):
    sid, intended, steps = sc
    probes = [i for i, s in enumerate(steps) if s[1]]
    outcome = "SUCCESS"
    try:
        for i, (role, probe, verb, args, timeout, expect) in enumerate(steps):
            who = 0 if role == "target" else 1
            if i == probes[0] and not state_ok(intended, port, lab.call(0, op="observe", port=port)["rows"], True):
                return "INVALID_SETUP"
            if probe and outcome != "SUCCESS":
                continue  # the probe stopped at its first failing call
            if verb == "socket":
                c = dict(op="socket", name=args[0], family=args[1], other=len(args) > 2)
            elif verb == "setsockopt":
                c = dict(op="setsockopt", name=args[0], option=args[1], value=int(args[2]))
            elif verb in ("bind", "connect"):
                a, p = resolve(lab, args[1], port, peer_port)
                c = dict(op=verb, name=args[0], addr=a, port=p, timeout=timeout)
            elif verb == "listen":
                c = dict(op="listen", name=args[0], backlog=int(args[1]))
            elif verb == "accept":
                c = dict(op="accept", name=args[0], **{"as": args[1]}, timeout=timeout)
            elif verb in ("close", "shutdown"):
                c = dict(op=verb, name=args[0], how=args[1] if len(args) > 1 else None)
            elif verb == "send-until-blocked":
                c = dict(op="send_until_blocked", name=args[0])
            elif verb == "wait-state":
                c = dict(op="wait_state", port=port, state=args[1], timeout=timeout)
            elif verb == "filter-on":
                a, p = resolve(lab, args[2], port, peer_port)
                c = dict(op="filter_on", rule=args[0], direction=args[1], addr=a, port=p)
            else:
                raise ValueError("verb %s is not in this script" % verb)
            r = lab.call(who, **c)
            got = r["status"] if r["status"] != "ERROR" else r["error"]
            if probe:
                if r["status"] == "ERROR":
                    outcome = r["error"] if r["error"] in ("EADDRINUSE", "EACCES", "EINVAL") else "OTHER_ERROR"
            elif got != expect:
                return "INVALID_SETUP"
            if i == probes[-1] and not state_ok(intended, port, lab.call(0, op="observe", port=port)["rows"], False):
                return "INVALID_SETUP"
        return outcome
    finally:
        lab.call(0, op="release")
        lab.call(1, op="release")


def clean_port(lab, who, ports):
    while True:
        p = next(ports)
        if not [r for r in lab.call(who, op="observe", port=p)["rows"] if r["local_port"] == p]:
            return p


def cycle(low, high):
    while True:
        yield from range(low, high + 1)


def main():
    if "--helper" in sys.argv:
        return helper_main()
    path = sys.argv[1]
    out = sys.argv[sys.argv.index("--out") + 1] if "--out" in sys.argv else None
    cells = scenarios(path)
    start = time.time()
    lab = Lab()
    results = []
    try:
        target_ports, peer_ports = cycle(40000, 40999), cycle(41000, 41999)
        for sc in cells:
            port = clean_port(lab, 0, target_ports)
            peer_port = clean_port(lab, 1, peer_ports) if any("$PEERPORT" in " ".join(s[3]) for s in sc[2]) else 0
            results.append((sc[0], run_cell(lab, sc, port, peer_port)))
    finally:
        lab.close()
    wall = time.time() - start
    if out:
        with open(out, "w") as f:
            f.writelines("%s\t%s\n" % r for r in results)
    tally = {}
    for _, o in results:
        tally[o] = tally.get(o, 0) + 1
    print("plain script: %d cells in %.1f s wall, lab build and teardown included: %.1f cells/s %s"
          % (len(results), wall, len(results) / wall, json.dumps(tally, sort_keys=True)))


if __name__ == "__main__":
    main()
