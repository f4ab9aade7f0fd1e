#!/usr/bin/env bash
# uninstall.sh: removes what install.sh installed (unit, jar, certificates, logs); --prefix and --dry-run as there.
set -euo pipefail
prefix="" systemd=1 dry=""
while (($#)); do
  case "$1" in
    --prefix) prefix=${2:?}; shift 2 ;;
    --no-systemd) systemd=""; shift ;;
    --dry-run) dry=1; shift ;;
    *) echo "usage: uninstall.sh [--prefix DIR] [--no-systemd] [--dry-run]" >&2; exit 2 ;;
  esac
done
run() { if [ -n "$dry" ]; then echo "[dry-run] $*"; else "$@"; fi; }
if [ -n "$systemd" ]; then
  run systemctl disable --now bindlab-agent.service || true
fi
run rm -rf "$prefix/etc/systemd/system/bindlab-agent.service" "$prefix/opt/bindlab" "$prefix/etc/bindlab" "$prefix/var/log/bindlab"
if [ -n "$systemd" ]; then
  run systemctl daemon-reload
fi
echo "uninstall.sh: done${dry:+ (dry run)}"
