#!/usr/bin/env bash
# bench/scale.sh: one coordinator driving simulated agents (bench/SimAgents.java: real gRPC on loopback, the real
# engine, journal and store; the agents answer without sockets). Prints, per point: targets, peers, cells, cells/s,
# and the coordinator's CPU during the cells (per 1000 cells). Not a test: nothing here passes or fails.
# Usage: [SCALE_REPEAT=N] bash bench/scale.sh [TARGETS...]   (default: 1 10 100; peers: one per ten targets;
# repeats 4, 2, 1 for 1, 10, 100 targets unless SCALE_REPEAT says: a longer run shows the steady state)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
points=("$@"); ((${#points[@]})) || points=(1 10 100)
for t in "${points[@]}"; do
  (( t >= 1 && t + (t + 9) / 10 <= 252 )) || { echo "scale: $t targets: 1-229 (the sims' labels are in 198.18.0.0/24)" >&2; exit 2; }
done
jar="$here/coordinator/target/bindlab.jar"
"$here/bindlab" --version >/dev/null   # builds the jars if needed (the launcher's JVM flags apply below)
work="$(mktemp -d /tmp/bindlab-scale.XXXXXX)"
sims=""
trap '[[ -n $sims ]] && kill $sims 2>/dev/null; rm -rf "$work"' EXIT
python3 "$here/bench/set486.py" "$jar" > "$work/set486.scn"
for t in "${points[@]}"; do
  p=$(( (t + 9) / 10 ))
  repeat=${SCALE_REPEAT:-$(( t >= 100 ? 1 : t >= 10 ? 2 : 4 ))}
  port=$(( 47100 + t ))
  inv="$work/sim-$t.yml"
  { echo "all:"; echo "  hosts:"
    # addresses as SimAgents.java advertises them (agent i, from 0: 198.18.0.i+2); the sims open no sockets
    for i in $(seq 1 "$t"); do
      echo "    sim-target-$i: {bindlab_role: target, bindlab_peer: sim-peer-$(( (i - 1) % p + 1 )), bindlab_address: 198.18.0.$(( i + 1 ))}"; done
    for j in $(seq 1 "$p"); do
      echo "    sim-peer-$j: {bindlab_role: peer, bindlab_address: 198.18.0.$(( t + j + 1 ))}"; done; } > "$inv"
  cmd=("$here/bindlab" run --inventory "$inv" --listen "127.0.0.1:$port" --scenarios-file "$work/set486.scn"
       --scenarios 'bench486/**' --repeat "$repeat" --store "$work/store-$t" --quiet --wait 60 --insecure)
  "${cmd[@]}" > "$work/coordinator-$t.log" 2>&1 &
  coordinator=$!
  sleep 1
  java -cp "$jar" "$here/bench/SimAgents.java" "127.0.0.1:$port" "$t" "$p" > "$work/sims-$t.log" 2>&1 &
  sims=$!
  wait "$coordinator" || { echo "scale: the coordinator failed; its log:"; tail -20 "$work/coordinator-$t.log"; exit 1; }
  kill "$sims"; wait "$sims" 2>/dev/null || true; sims=""
  line=$(grep '^cells this session' "$work/coordinator-$t.log")
  cells=$(sed -E 's/cells this session: ([0-9]+) in .*/\1/' <<<"$line")
  rate=$(sed -E 's/.*\(([0-9.]+) cells\/s.*/\1/' <<<"$line")
  cpu=$(sed -E 's/.*coordinator CPU ([0-9.]+) s.*/\1/' <<<"$line")
  printf 'scale: %3d targets + %2d peers: %6d cells at %7.1f cells/s, coordinator CPU %.2f s per 1000 cells  [%s]\n' \
    "$t" "$p" "$cells" "$rate" "$(echo "$cpu * 1000 / $cells" | bc -l)" "${cmd[*]}"
done
