#!/usr/bin/env bash
# bench/agent-flags.sh: prints, on one line, the JVM flags ./bindlab-agent gives the agent (the same list as
# Lab.AGENT_JVM_FLAGS and deploy's service definitions), for the benches that start agents or agent-like clients.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sed -n 's/^exec java \(.*\) \\$/\1/p;s/^  \(-Xms.*\) \\$/\1/p;s/^  \(-Dio.*\) \\$/\1/p' "$here/bindlab-agent" | tr '\n' ' '
