#!/usr/bin/env bash
# Mutual TLS from Windows agents under Wine and the Linux Java 8 agent to the real coordinator jar. Java 8u121 x64
# (no ALPN: its TLS is the agent's bundled BoringSSL, which needs ProcessPrng) must refuse TLS cleanly on plain
# Wine 8, which lacks ProcessPrng; Java 11.0.3 x64 must connect with the JDK's TLS ('fleet status'); then, with the
# lab's ProcessPrng shim in the prefix (coordinator/src/main/resources/bindlab/wine/, built with mingw-w64), Java
# 8u121 must run a campaign (the seed and the controls) over mutual TLS through BoringSSL. A private Wine prefix,
# removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
here=$(pwd)
log() { echo "wine-tls: $*" >&2; }
command -v wine >/dev/null || { log "FAIL: wine is not installed (apt-get install wine wine64)"; exit 1; }
command -v x86_64-w64-mingw32-gcc >/dev/null \
  || { log "FAIL: mingw-w64 is not installed (apt-get install gcc-mingw-w64-x86-64-win32)"; exit 1; }
agent_jar=$here/agent/target/bindlab-agent.jar
coord_jar=$here/coordinator/target/bindlab.jar
[ -f "$agent_jar" ] && [ -f "$coord_jar" ] || { log "FAIL: build first (mvn -DskipTests package)"; exit 1; }
jre8=$(bash .ci/java8.sh | tail -n 1)

# Windows JREs from Maven Central zips (only their jre/ is kept): Oracle 1.8.0_121 x64, AdoptOpenJDK 11.0.3 x64
fetch_jre() { # version of sonar-scanner-cli, cache dir
  local v=$1 dir=$2 dl
  [ -x "$dir/jre/bin/java.exe" ] && return 0
  log "fetching the Windows JRE inside sonar-scanner-cli $v (windows zip) ..."
  dl=$(mktemp -d)
  mvn -q -B dependency:copy -Dartifact=org.sonarsource.scanner.cli:sonar-scanner-cli:$v:zip:windows -DoutputDirectory="$dl" >&2
  unzip -q "$dl/sonar-scanner-cli-$v-windows.zip" "sonar-scanner-$v-windows/jre/*" -d "$dl"
  rm -rf "$dir"; mkdir -p "$dir"; mv "$dl/sonar-scanner-$v-windows/jre" "$dir/jre"; rm -rf "$dl"
}
cache=${BINDLAB_CACHE:-$HOME/.cache/bindlab}
jre8u121=$cache/fleet-windows-jre8u121
jre11=$cache/fleet-windows-jre11
fetch_jre 3.3.0.1492 "$jre8u121"
fetch_jre 4.2.0.1873 "$jre11"

work=$(mktemp -d /tmp/bindlab-wine-tls.XXXXXX)
export WINEPREFIX=$work/prefix WINEARCH=win64 WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  sleep 1
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  wineserver -k >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
start=$SECONDS
wine wineboot -i >/dev/null 2>&1
winpath() { echo "Z:$(echo "$1" | tr / '\\')"; }
# above Linux's ephemeral range (32768-60999): the coordinator listens on it twice, seconds apart, and a port the
# kernel handed out could be another connection's in between
port=65300
java -jar "$coord_jar" pki init --dir "$work/pki" --name wine-tls >/dev/null
java -jar "$coord_jar" pki issue --coordinator --san 127.0.0.1 --dir "$work/pki" >/dev/null
java -jar "$coord_jar" pki issue --agent wine-target --agent linux-peer --dir "$work/pki" >/dev/null
cat > "$work/inventory.yml" <<YAML
all:
  vars:
    bindlab_listen: "127.0.0.1:$port"
    bindlab_pki: $work/pki
    bindlab_address: 127.0.0.1
  hosts:
    wine-target: {bindlab_role: target, bindlab_peer: linux-peer, bindlab_ports: 64900-64949}
    linux-peer: {bindlab_role: peer, bindlab_ports: 64950-64999}
YAML

wine_agent() { # the JRE directory [, a timeout in seconds]; the agent's output goes to stdout
  timeout "${2:-600}" wine "$1/jre/bin/java.exe" -Xmx128m -jar "$(winpath "$agent_jar")" --coordinator "127.0.0.1:$port" \
    --certs "$(winpath "$work/pki/agents/wine-target")" --ports 64900-64949 --address 127.0.0.1 \
    --log-dir "$(winpath "$work/wine-logs")"
}

# Java 8u121 has no ALPN, so TLS could only come from the bundled BoringSSL, which needs ProcessPrng: Wine 8 (like
# Windows before 8) lacks it, and BoringSSL would abort the JVM. The agent must say so and exit 2, not crash or hang.
rc=0
wine_agent "$jre8u121" 120 > "$work/agent-8u121.out" 2>&1 || rc=$?
if [ "$rc" != 2 ] || ! grep -q "needs ProcessPrng" "$work/agent-8u121.out"; then
  log "FAIL: the Java 8u121 agent should refuse TLS naming ProcessPrng and exit 2 (exit $rc)"; cat "$work/agent-8u121.out" >&2; exit 1
fi
log "Java 8u121 under Wine refused TLS: $(sed -n 's/.*cannot do TLS here: //p' "$work/agent-8u121.out" | cut -c1-220)"

# Java 11 x64 under Wine (the JDK's own TLS) and the Linux Java 8 agent, against the real coordinator jar
java -jar "$coord_jar" fleet status --inventory "$work/inventory.yml" --wait 90 > "$work/status.out" 2>&1 &
pids+=($!); status=$!
sleep 2
wine_agent "$jre11" > "$work/wine-agent.out" 2>&1 &
wine11=$!
pids+=($!)
"$jre8/bin/java" -Xmx128m -jar "$agent_jar" --coordinator "127.0.0.1:$port" --certs "$work/pki/agents/linux-peer" \
  --ports 64950-64999 --address 127.0.0.1 --log-dir "$work/linux-logs" > "$work/linux-agent.out" 2>&1 &
pids+=($!)
wait "$status" || { log "FAIL: fleet status failed"; cat "$work/status.out" >&2; exit 1; }
cat "$work/status.out"
if ! grep -E '^wine-target +target +READY +Wine ' "$work/status.out" >/dev/null \
   || ! grep -E '^linux-peer +peer +READY' "$work/status.out" >/dev/null; then
  log "FAIL: an agent did not connect over mutual TLS"
  echo "--- wine agent:" >&2; tail -n 20 "$work/wine-agent.out" >&2
  echo "--- linux agent:" >&2; tail -n 20 "$work/linux-agent.out" >&2
  exit 1
fi
grep -q 'mutual TLS' "$work/status.out" || { log "FAIL: fleet status did not run with mutual TLS"; exit 1; }
grep -q "with the JDK's TLS over OkHttp (Java 11" "$work/wine-agent.out" || { log "FAIL: the Wine agent did not use the JDK's TLS over OkHttp"; exit 1; }
log "the Windows Java 11 x64 agent (under Wine) and the Linux Java 8 agent connected over mutual TLS; Java 8u121 refused TLS cleanly ($((SECONDS - start)) s)"

# The Java 11 agent goes; Java 8u121 takes its place with the ProcessPrng shim in the prefix, so its TLS is the
# bundled BoringSSL, the path an old Java 8 on Windows 8 and later takes.
# $wine11 is the subshell that runs wine_agent: stop its timeout (which passes the signal on to java.exe) first
pkill -TERM -P "$wine11" 2>/dev/null || true
wait "$wine11" 2>/dev/null || true
if pgrep -f "fleet-windows-jre11/jre/bin/java.exe" >/dev/null; then
  log "FAIL: the Java 11 Wine agent is still running"; exit 1
fi
src=$here/coordinator/src/main/resources/bindlab/wine
x86_64-w64-mingw32-gcc -O2 -shared -o "$work/bcryptprimitives.dll" "$src/bcryptprimitives.c" "$src/bcryptprimitives.def" \
  -ladvapi32
cp "$work/bcryptprimitives.dll" "$WINEPREFIX/drive_c/windows/system32/"
wine_agent "$jre8u121" > "$work/wine-agent-8u121-tls.out" 2>&1 &
pids+=($!)

# A campaign over mutual TLS: the Linux agent redials the coordinator's next run on the same port. The controls
# and the seed on the Wine target must all be measured (Wine's rules, never a Windows measurement).
run_start=$SECONDS
if ! java -jar "$coord_jar" run --inventory "$work/inventory.yml" --store "$work/store" --name wine-mtls \
    --scenarios 'seed/**' --quiet --wait 90 > "$work/run.out" 2>&1; then
  log "FAIL: the campaign over mutual TLS failed"; tail -n 30 "$work/run.out" >&2; exit 1
fi
python3 - "$work/store/wine-mtls/latest/journal.jsonl" 1.8.0_121 <<'PY' || { tail -n 30 "$work/run.out" >&2; exit 1; }
import json, sys
records = [json.loads(l)["record"] for i, l in enumerate(open(sys.argv[1], encoding="utf-8")) if i > 0]
label = lambda r: "OK" if r.get("outcome") == "SUCCESS" else r.get("outcome")
na = sum(1 for r in records if r.get("outcome") == "NOT_APPLICABLE")
bad = [r for r in records if r.get("outcome") in ("INFRA_ERROR", "INVALID_SETUP")
       or r.get("control") and label(r) != r.get("controlExpected")]
family = {r["targetIdentity"].get("osFamily") for r in records}
wine = {r["targetIdentity"].get("wineVersion", "") for r in records}
jvm = {r["targetIdentity"].get("jvmVersion", "") for r in records}
if len(records) < 16 or bad or family != {"wine"} or "" in wine or any(not j.startswith(sys.argv[2]) for j in jvm):
    sys.exit("wine-tls: FAIL: %d records, %d not measured or failed controls (%s), families %s, wine %s, java %s"
             % (len(records), len(bad), [(r["scenarioId"], r.get("outcome"), r.get("reason", "")) for r in bad][:5],
                family, wine, jvm))
print("wine-tls: campaign over mutual TLS: %d cells on the Windows agent (Java %s) under Wine %s: %d measured, %d"
      " NOT_APPLICABLE (an option Windows lacks), no INFRA_ERROR or INVALID_SETUP, controls passed"
      % (len(records), sorted(jvm)[0], sorted(wine)[0], len(records) - na, na), file=sys.stderr)
PY
grep -q 'mutual TLS' "$work/run.out" || { log "FAIL: the campaign did not say it ran with mutual TLS"; exit 1; }
grep -q "mutual TLS as 'wine-target' with the bundled BoringSSL" "$work/wine-agent-8u121-tls.out" \
  || { log "FAIL: the Java 8u121 agent did not use the bundled BoringSSL"; tail -n 20 "$work/wine-agent-8u121-tls.out" >&2; exit 1; }
log "campaign over mutual TLS with Java 8u121 (BoringSSL, ProcessPrng shim) done in $((SECONDS - run_start)) s"
