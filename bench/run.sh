#!/usr/bin/env bash
# bench/run.sh: every figure of issue 14 on this machine, each printed with the command that produced it (not a test:
# nothing here passes or fails). Needs root (namespace labs) and python3. docs/PERFORMANCE.md has the table.
#   steps       filter-on / filter-off and a state wait on a state already there (agent-side step timings)
#   side        the 486-cell set: the plain Python script, then bindlab, wall time with lab build and teardown, and
#               whether every scenario gave the same outcome in both
#   catalog     the default catalog (4393 scenarios) once and with --repeat 3, wall time with lab build and teardown
#   scale       one coordinator, simulated agents over real gRPC: 1, 10, 100 targets (bench/scale.sh)
#   footprint   the agent jar's size; start to registered and idle RSS on Java 8 (.ci/java8.sh) and this JVM, in
#               plain text and with mutual TLS
#   transport   what grpc's transport costs an idle client, Netty against OkHttp (bench/transport.sh; not in the
#               default list; its own class path, bench/transport/pom.xml)
# Usage: bash bench/run.sh [PART...]      (default: all parts, in that order; about 10 minutes)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
parts=("$@"); ((${#parts[@]})) || parts=(steps side catalog scale footprint)
work="$(mktemp -d /tmp/bindlab-bench.XXXXXX)"
trap 'rm -rf "$work"' EXIT
"$here/bindlab" --version >/dev/null   # builds the jars if needed
jar="$here/coordinator/target/bindlab.jar"
agent_jar="$here/agent/target/bindlab-agent.jar"
say() { printf '%s\n' "$*"; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
# keep_if_invalid STORE: a run with INVALID_SETUP cells (a state not reached) is copied out of $work, which the trap
# removes, so the cells can be read afterwards
keep_if_invalid() {
  local n kept
  n=$(grep -c '"outcome":"INVALID_SETUP"' "$1/campaign/latest/journal.jsonl" || true)
  if (( n > 0 )); then
    kept="$(mktemp -d /tmp/bindlab-bench-kept.XXXXXX)"
    cp -r "$1/campaign/latest/." "$kept/"
    say "note: $n INVALID_SETUP cell(s) in this run; its journal is kept in $kept"
  fi
}
# runs "$@", prints its wall time; the command's output goes to $work/out
timed() { local t0 t1; t0=$(date +%s%N); "$@" > "$work/out" 2>&1; t1=$(date +%s%N); echo $(( (t1 - t0) / 1000000 )); }

for part in "${parts[@]}"; do
  case $part in
    steps)
      cmd=("$here/bindlab" demo --scenarios-file "$here/bench/steps.scn" --scenarios 'bench/steps/**' --repeat 300
           --store "$work/steps" --quiet)
      say "== steps (load $(load)): ${cmd[*]}"
      timed "${cmd[@]}" > /dev/null
      python3 "$here/bench/stepstats.py" "$work/steps/campaign/latest" waitState filterOn filterOff
      ;;
    side)
      python3 "$here/bench/set486.py" "$jar" > "$work/set486.scn"
      cmd=(python3 "$here/bench/plain_lab.py" "$work/set486.scn" --out "$work/plain.tsv")
      say "== side by side, the plain script (load $(load)): ${cmd[*]}"
      "${cmd[@]}"
      cmd=("$here/bindlab" demo --scenarios-file "$work/set486.scn" --scenarios 'bench486/**' --store "$work/side"
           --quiet)
      say "== side by side, bindlab (load $(load)): ${cmd[*]}"
      ms=$(timed "${cmd[@]}")
      cells=$(grep -c '"bench486/' "$work/side/campaign/latest/journal.jsonl")
      say "bindlab: $cells cells in $(( ms / 1000 )).$(( ms % 1000 / 100 )) s wall, lab build and teardown included:" \
        "$(( cells * 1000 / ms )) cells/s ($(grep '^cells this session' "$work/out"))"
      keep_if_invalid "$work/side"
      python3 "$here/bench/compare.py" "$work/plain.tsv" "$work/side/campaign/latest" || true
      python3 "$here/bench/stepstats.py" "$work/side/campaign/latest"
      ;;
    catalog)
      for repeat in 1 3; do
        cmd=("$here/bindlab" demo --store "$work/catalog-$repeat" --quiet --repeat "$repeat")
        say "== default catalog, --repeat $repeat (load $(load)): ${cmd[*]}"
        ms=$(timed "${cmd[@]}")
        say "catalog x$repeat: $(( ms / 1000 )).$(( ms % 1000 / 100 )) s wall, lab build and teardown included;" \
          "$(grep '^cells this session' "$work/out")"
        keep_if_invalid "$work/catalog-$repeat"
      done
      python3 "$here/bench/stepstats.py" "$work/catalog-1/campaign/latest"
      ;;
    scale)
      say "== scale (load $(load)): bash bench/scale.sh 1 10 100"
      bash "$here/bench/scale.sh" 1 10 100
      ;;
    footprint)
      say "== footprint (load $(load))"
      say "agent jar: $(stat -c %s "$agent_jar") bytes ($agent_jar)"
      # the flags every launcher gives the agent (Lab.AGENT_JVM_FLAGS, ./bindlab-agent, deploy/)
      read -r -a flags <<<"$(bash "$here/bench/agent-flags.sh")"
      jre8="$(bash "$here/.ci/java8.sh" | tail -n 1)"
      # plain text (--insecure), then mutual TLS with the fleet's RSA keys, as deployed agents run
      for tls in "" --tls; do
        for java in "$jre8/bin/java" java; do
          cmd=(env MALLOC_ARENA_MAX=2 java -cp "$jar" "$here/bench/AgentFootprint.java" $tls "$java" "$agent_jar" 5 5
               "${flags[@]}")
          say "\$ ${cmd[*]}"
          "${cmd[@]}" 2>/dev/null | tail -n 1
        done
      done
      ;;
    transport)
      bash "$here/bench/transport.sh"
      ;;
    *) say "bench/run.sh: unknown part '$part' (steps side catalog scale footprint transport)"; exit 2 ;;
  esac
done
