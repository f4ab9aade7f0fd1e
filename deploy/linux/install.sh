#!/usr/bin/env bash
# install.sh: installs the bindlab agent on a Linux host without Ansible: jar, certificates (key 0600), the systemd
# unit (restart on failure), nftables; --dry-run prints what it would do; --prefix installs under another root.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
usage() {
  cat >&2 <<'USAGE'
usage: install.sh --jar AGENT_JAR --certs CERT_DIR --coordinator ADDR:PORT --ports LO-HI --address IPV4
                  [--address6 IPV6] [--java JAVA] [--prefix DIR] [--no-packages] [--no-systemd] [--dry-run]
  CERT_DIR holds ca.crt, agent.crt and agent.key ('bindlab pki issue --agent NAME').
  --prefix DIR installs under DIR (opt/bindlab, etc/bindlab, var/log/bindlab, etc/systemd/system) for a test root.
USAGE
  exit 2
}
jar="" certs="" coordinator="" ports="" address="" address6="" java=/usr/bin/java prefix="" packages=1 systemd=1 dry=""
while (($#)); do
  case "$1" in
    --jar) jar=${2:?}; shift 2 ;;
    --certs) certs=${2:?}; shift 2 ;;
    --coordinator) coordinator=${2:?}; shift 2 ;;
    --ports) ports=${2:?}; shift 2 ;;
    --address) address=${2:?}; shift 2 ;;
    --address6) address6=${2:?}; shift 2 ;;
    --java) java=${2:?}; shift 2 ;;
    --prefix) prefix=${2:?}; shift 2 ;;
    --no-packages) packages=""; shift ;;
    --no-systemd) systemd=""; shift ;;
    --dry-run) dry=1; shift ;;
    -h|--help) usage ;;
    *) echo "install.sh: unknown argument '$1'" >&2; usage ;;
  esac
done
missing=()
for v in jar certs coordinator ports address; do [ -n "${!v}" ] || missing+=("--$v"); done
((${#missing[@]} == 0)) || { echo "install.sh: missing ${missing[*]}" >&2; usage; }
[[ $ports =~ ^([0-9]{4,5})-([0-9]{4,5})$ ]] && ((BASH_REMATCH[1] >= 1024 && BASH_REMATCH[1] <= BASH_REMATCH[2] && BASH_REMATCH[2] <= 65535)) \
  || { echo "install.sh: --ports must be LO-HI with 1024 <= LO <= HI <= 65535, got '$ports'" >&2; exit 2; }
[[ $coordinator =~ ^\[?[0-9A-Fa-f:.]+\]?:[0-9]{1,5}$ ]] || { echo "install.sh: --coordinator must be ADDR:PORT with a numeric address, got '$coordinator'" >&2; exit 2; }
if [ -z "$dry" ]; then
  [ "$(id -u)" = 0 ] || { echo "install.sh: run as root" >&2; exit 3; }
  [ -f "$jar" ] || { echo "install.sh: $jar not found" >&2; exit 2; }
  for f in ca.crt agent.crt agent.key; do [ -f "$certs/$f" ] || { echo "install.sh: $certs/$f not found" >&2; exit 2; }; done
fi
dir=$prefix/opt/bindlab etc=$prefix/etc/bindlab/certs logs=$prefix/var/log/bindlab units=$prefix/etc/systemd/system
run() { if [ -n "$dry" ]; then echo "[dry-run] $*"; else "$@"; fi; }

if [ -n "$packages" ]; then
  # nftables: the packet filter of the filter scenarios; a JRE only if the host has none at --java
  if [ -x "$java" ]; then run apt-get install -y -qq nftables; else run apt-get install -y -qq nftables default-jre-headless; fi
fi
run install -d -m 0755 "$dir" "$units"
run install -d -m 0700 "$etc"
run install -d -m 0750 "$logs"
run install -m 0644 "$jar" "$dir/bindlab-agent.jar"
run install -m 0644 "$certs/ca.crt" "$etc/ca.crt"
run install -m 0644 "$certs/agent.crt" "$etc/agent.crt"
run install -m 0600 "$certs/agent.key" "$etc/agent.key"
unit=$(sed -e "s|@JAVA@|$java|" -e "s|@DIR@|$dir|" -e "s|@COORDINATOR@|$coordinator|" -e "s|@CERTS@|$etc|" \
  -e "s|@PORTS@|$ports|" -e "s|@ADDRESS@|$address|" -e "s|@ADDRESS6_OPT@|${address6:+ --address6 $address6}|" \
  -e "s|@LOGS@|$logs|" "$here/bindlab-agent.service")
if [ -n "$dry" ]; then
  echo "[dry-run] write $units/bindlab-agent.service:"; echo "$unit"
else
  printf '%s\n' "$unit" > "$units/bindlab-agent.service"; chmod 0644 "$units/bindlab-agent.service"
fi
if [ -n "$systemd" ]; then
  run systemctl daemon-reload
  run systemctl enable --now bindlab-agent.service
  run systemctl restart bindlab-agent.service
fi
echo "install.sh: done${dry:+ (dry run)}; the agent's log: $logs/bindlab-agent.log"
