#!/usr/bin/env bash
# ./bindlab's class archives (AppCDS, made once per build by a loopback demo of the controls): made, and mapped by
# the coordinator's and the agent's JVM. -Xshare:on makes a JVM fail when it cannot map its archive, so a broken or
# stale one is an error here rather than a silent second lost at every run.
set -euo pipefail
cd "$(dirname "$0")/.."
coord=coordinator/target/bindlab.jsa
agent=agent/target/bindlab-agent.jsa
rm -f "$coord" "$agent"
./bindlab --version
for a in "$coord" "$agent"; do
  [[ -s $a ]] || { echo "launcher: $a was not made" >&2; exit 1; }
done
java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:SharedArchiveFile="$coord" -Xshare:on \
  -jar coordinator/target/bindlab.jar --version
java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:SharedArchiveFile="$agent" -Xshare:on \
  -jar agent/target/bindlab-agent.jar --version
echo "launcher: both class archives made and mapped"
