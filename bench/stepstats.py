#!/usr/bin/env python3
"""bench/stepstats.py: a run's step timings from its journal (StepResult.duration_us, measured by the agent around
the OS call): per step kind, count, median, 90th percentile and total. Also the cells' own durations.

    python3 bench/stepstats.py RUN_DIR [STEP_KIND...]      (kinds as in the journal: waitState, filterOn, ...)
"""
import json
import os
import sys


def main():
    run, kinds = sys.argv[1], set(sys.argv[2:])
    steps, cells = {}, []
    for line in open(os.path.join(run, "journal.jsonl")):
        d = json.loads(line)
        r = d.get("record")
        if not r:
            continue
        cells.append(int(r.get("durationMs", 0)))
        for s in r.get("steps", []):
            kind = next((k for k in s["step"] if k not in ("id", "cell", "timeoutMs", "goOnError", "always")), "?")
            steps.setdefault(kind, []).append(int(s["result"].get("durationUs", 0)) / 1000.0)
    for kind, v in sorted(steps.items(), key=lambda kv: -sum(kv[1])):
        if kinds and kind not in kinds:
            continue
        v.sort()
        print("  %-17s n=%5d  median %7.3f ms  p90 %8.3f ms  total %7.2f s"
              % (kind, len(v), v[len(v) // 2], v[int(len(v) * 0.9)], sum(v) / 1000))
    if not kinds and cells:
        cells.sort()
        print("  %-17s n=%5d  median %7.0f ms  p90 %8.0f ms  total %7.2f s (sum over cells run at once)"
              % ("cell", len(cells), cells[len(cells) // 2], cells[int(len(cells) * 0.9)], sum(cells) / 1000))


if __name__ == "__main__":
    main()
