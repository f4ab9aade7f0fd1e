#!/usr/bin/env python3
"""bench/compare.py: the outcome of every scenario id in two runs, side by side; exit 1 if any differs.

    python3 bench/compare.py A B      each a bindlab run directory (its journal.jsonl) or a plain_lab.py --out TSV

Only final records count (INFRA_ERROR attempts that were retried are not outcomes); controls are left out, since
plain_lab.py does not run them.
"""
import json
import os
import sys


def outcomes(path):
    out = {}
    if os.path.isdir(path):
        for line in open(os.path.join(path, "journal.jsonl")):
            d = json.loads(line)
            r = d.get("record", d)
            if "scenarioId" not in r or r["scenarioId"].startswith("control/"):
                continue
            if r.get("outcome") != "INFRA_ERROR" or r["scenarioId"] not in out:
                out[r["scenarioId"] + "#" + str(r.get("repeat", 1))] = r.get("outcome", "OUTCOME_UNSPECIFIED")
    else:
        for line in open(path):
            sid, outcome = line.rstrip("\n").split("\t")
            out[sid + "#1"] = outcome
    return out


def main():
    a, b = outcomes(sys.argv[1]), outcomes(sys.argv[2])
    differ = sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k))
    for k in differ[:20]:
        print("  %s: %s vs %s" % (k, a.get(k, "missing"), b.get(k, "missing")))
    print("compare: %d cells in %s, %d in %s, %d differ" % (len(a), sys.argv[1], len(b), sys.argv[2], len(differ)))
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
