#!/usr/bin/env bash
# Runs deploy/windows/install.cmd and uninstall.cmd under Wine's cmd in dry-run mode (a private prefix, removed at
# the end): proves they parse, check their arguments and print the commands and task XML they would run.
# This is Wine's cmd, not Windows: schtasks, netsh, icacls and net are never executed here.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wine >/dev/null || { echo "deploy-windows-scripts: wine is not installed (apt-get install wine wine64)" >&2; exit 1; }
prefix=$(mktemp -d /tmp/bindlab-wine-cmd.XXXXXX)
export WINEPREFIX=$prefix WINEARCH=win64 WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
cleanup() { wineserver -k >/dev/null 2>&1 || true; rm -rf "$prefix"; }
trap cleanup EXIT
start=$SECONDS
wine wineboot -i >/dev/null 2>&1
# runs a script under Wine's cmd: its output in $out, its exit code in $rc
win() { rc=0; out=$(wine cmd /c "$@" 2>&1 | tr -d '\r') || rc=$?; }
fail() { echo "deploy-windows-scripts: FAIL: $*" >&2; echo "--- output:" >&2; echo "$out" >&2; exit 1; }
scripts='Z:'$(pwd | tr / '\\')'\deploy\windows'

win "$scripts\\install.cmd" /dry-run /coordinator 192.0.2.10:47000 /ports 40000-40999 /address 192.0.2.21 \
  /address6 2001:db8::21 /jre 'C:\jre8' /jar 'C:\dl\bindlab-agent.jar' /certs 'C:\dl\certs\vista-sp2'
[ "$rc" = 0 ] || fail "install.cmd /dry-run exited $rc"
for want in \
  '[dry-run] xcopy /e /i /q /y "C:\jre8" "C:\bindlab\jre"' \
  '[dry-run] copy /y "C:\dl\certs\vista-sp2\agent.key" "C:\bindlab\certs\agent.key"' \
  '[dry-run] icacls "C:\bindlab\certs" /inheritance:r /grant:r "*S-1-5-18:(OI)(CI)F" "*S-1-5-32-544:(OI)(CI)F"' \
  '[dry-run] netsh advfirewall firewall add rule name="bindlab agent sandbox" dir=in action=allow protocol=TCP localport=40000-40999 program="C:\bindlab\jre\bin\java.exe" enable=yes profile=any' \
  '[dry-run] net user bindlab-other ******** /add' \
  '[dry-run] schtasks /Run /TN bindlab-agent' \
  '<BootTrigger><Enabled>true</Enabled></BootTrigger>' \
  '<UserId>S-1-5-18</UserId><RunLevel>HighestAvailable</RunLevel>' \
  '<RestartOnFailure><Interval>PT1M</Interval><Count>999</Count></RestartOnFailure>' \
  '<Command>C:\bindlab\jre\bin\java.exe</Command>' \
  '<Arguments>-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -Xss512k -XX:ReservedCodeCacheSize=16m -Xms4m -Xmx48m -Xmn1m -XX:MinHeapFreeRatio=5 -XX:MaxHeapFreeRatio=20 -Dio.grpc.netty.shaded.io.netty.allocator.type=unpooled -Dio.grpc.netty.shaded.io.netty.jfr.enabled=false -jar &quot;C:\bindlab\bindlab-agent.jar&quot; --coordinator 192.0.2.10:47000 --certs &quot;C:\bindlab\certs&quot; --ports 40000-40999 --address 192.0.2.21 --address6 2001:db8::21 --log-dir &quot;C:\bindlab\logs&quot;</Arguments>'; do
  grep -qF -- "$want" <<<"$out" || fail "install.cmd /dry-run did not print: $want"
done
grep -q 'schtasks /Create /TN bindlab-agent /XML ".*bindlab-agent-task.dry-run.xml" /F' <<<"$out" || fail "no schtasks /Create /XML line"
# the task XML it wrote is well-formed (parsed here with python's XML parser)
xml=$(sed -n '/^\[dry-run\] task definition/,$p' <<<"$out" | sed '1d;/^install.cmd: done/,$d')
python3 -c 'import sys, xml.dom.minidom as m; m.parseString(sys.stdin.read())' <<<"$xml" || fail "the task XML is not well-formed"

win "$scripts\\install.cmd" /dry-run /ports 40000-40999
[ "$rc" = 2 ] || fail "install.cmd with missing arguments exited $rc, not 2"
grep -qF 'install.cmd: missing /coordinator /address /jre /jar /certs' <<<"$out" || fail "no message naming the missing arguments"
for bad in 40000 80-90 40999-40000 4000a-40999; do
  win "$scripts\\install.cmd" /dry-run /coordinator 192.0.2.10:47000 /ports $bad /address 192.0.2.21 /jre x /jar y /certs z
  [ "$rc" = 2 ] || fail "install.cmd /ports $bad exited $rc, not 2"
  grep -qF "/ports must be LO-HI with 1024 <= LO <= HI <= 65535, got \"$bad\"" <<<"$out" || fail "no message about /ports $bad"
done

win "$scripts\\uninstall.cmd" /dry-run
[ "$rc" = 0 ] || fail "uninstall.cmd /dry-run exited $rc"
for want in '[dry-run] schtasks /Delete /TN bindlab-agent /F' '[dry-run] netsh advfirewall firewall delete rule name="bindlab agent sandbox"' \
  '[dry-run] net user bindlab-other /delete' '[dry-run] rmdir /s /q "C:\bindlab"'; do
  grep -qF -- "$want" <<<"$out" || fail "uninstall.cmd /dry-run did not print: $want"
done
echo "deploy-windows-scripts: install.cmd and uninstall.cmd parsed and dry-ran under Wine's cmd ($((SECONDS - start)) s)"
