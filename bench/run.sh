#!/usr/bin/env bash
# bench/run.sh: prints bindlab's throughput figures on this machine (not a test: nothing here passes or fails).
#   catalog:  generating and parsing the built-in catalog
#   cells:    cells per second through a real lab (namespaces as root, loopback otherwise)
#   reports:  building the matrix in each format from that store
# Usage: bash bench/run.sh [SCENARIOS] [REPEAT]     (defaults: the v4 connection cells without options, 3 repeats)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
scenarios="${1:-conn/**/none>none/wild>wild/v4**}"
repeat="${2:-3}"
store="$(mktemp -d /tmp/bindlab-bench.XXXXXX)"
trap 'rm -rf "$store"' EXIT

"$here/bindlab" --version >/dev/null   # builds the jars if needed
cli() { java -Dbindlab.agent.jar="$here/agent/target/bindlab-agent.jar" -jar "$here/coordinator/target/bindlab.jar" "$@"; }
ms() { date +%s%N | cut -c1-13; }

t0=$(ms); n=$(cli scenarios list | tail -n 1); t1=$(ms)
echo "catalog: $n generated and parsed in $((t1 - t0)) ms (JVM start included)"

t0=$(ms)
cli demo --scenarios "$scenarios" --repeat "$repeat" --store "$store" --quiet > "$store/demo.log"
t1=$(ms)
cells=$(grep -c '' "$store"/campaign/latest/journal.jsonl)
echo "cells: $cells journalled in $((t1 - t0)) ms, lab build and teardown included: $(( cells * 1000 / (t1 - t0 + 1) )) cells/s ($(grep -m1 -o '^[a-z]* lab' "$store/demo.log"))"

for f in text md csv json html; do
  t0=$(ms); cli matrix "$store/campaign/latest" --format "$f" --out "$store/m.$f" >/dev/null; t1=$(ms)
  echo "report: $f $(stat -c %s "$store/m.$f") bytes in $((t1 - t0)) ms (JVM start included)"
done
