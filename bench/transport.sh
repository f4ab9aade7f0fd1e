#!/usr/bin/env bash
# bench/transport.sh: what grpc's transport costs an idle client, Netty against OkHttp, on Java 8 (.ci/java8.sh) and
# this JVM, in plain text and with mutual TLS, with the agent's JVM flags. The client has nothing of bindlab in it
# (bench/TransportClient.java), so the difference is the transport's alone. Both at the agent's grpc 1.79.0
# (bench/transport/pom.xml); the agent dials TCP with OkHttp since this bench measured the difference.
# Usage: bash bench/transport.sh [RUNS]      (default 3 runs of each; about 2 minutes)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-3}"
work="$(mktemp -d /tmp/bindlab-transport.XXXXXX)"
servers=()
cleanup() {
  for pid in "${servers[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
"$here/bindlab" --version >/dev/null   # builds the coordinator jar if needed
mvn -q -B -f "$here/bench/transport/pom.xml" dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" >/dev/null
deps="$(cat "$work/cp.txt")"
mkdir "$work/classes"
javac --release 8 -nowarn -cp "$deps" -d "$work/classes" "$here/bench/TransportClient.java" 2>/dev/null
read -r -a flags <<<"$(bash "$here/bench/agent-flags.sh")"
jre8="$(bash "$here/.ci/java8.sh" | tail -n 1)"

serve() { # $1: tls|plain; sets port and certs
  mkdir -p "$work/$1"
  java -cp "$here/coordinator/target/bindlab.jar" "$here/bench/TransportServer.java" "$work/$1" "$1" \
    > "$work/$1/server.out" 2>&1 &
  servers+=("$!")
  for _ in $(seq 300); do grep -q '^PORT ' "$work/$1/server.out" && break; sleep 0.1; done
  read -r _ port certs < <(grep '^PORT ' "$work/$1/server.out")
}
median() { sort -n | awk '{v[NR]=$1} END {m = NR % 2 ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2; printf "%.1f", m / 1024}'; }

echo "== transport footprint (load $(cut -d' ' -f1-3 /proc/loadavg)): idle RSS in MB, median of $runs, JVM flags: ${flags[*]}"
for security in plain tls; do
  serve "$security"
  for java in "$jre8/bin/java" java; do
    line="$security, $("$java" -version 2>&1 | head -n 1):"
    for transport in netty okhttp; do
      for _ in $(seq "$runs"); do
        MALLOC_ARENA_MAX=2 "$java" "${flags[@]}" -cp "$work/classes:$deps" TransportClient "$transport" "$port" "$certs" 5
      done > "$work/rss"
      line="$line $transport $(median < "$work/rss") MB"
    done
    echo "$line"
  done
done
