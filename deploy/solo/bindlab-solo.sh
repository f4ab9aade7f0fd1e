#!/bin/sh
# bindlab-solo.sh: runs bindlab's catalog on this machine alone (Java 8 or later). See README-solo.txt.
# Usage: ./bindlab-solo.sh [--resume] [--scenarios GLOB] [--label NAME] [--share-hostname]
here=$(cd "$(dirname "$0")" && pwd)
java=java
if [ -n "${JAVA_HOME:-}" ]; then java="$JAVA_HOME/bin/java"; fi
if ! "$java" -version >/dev/null 2>&1; then
  echo "bindlab-solo: no Java found. Install Java 8 or later, or set JAVA_HOME." >&2
  exit 2
fi
exec "$java" -Xmx256m -jar "$here/bindlab-agent.jar" solo --store "$here/store" "$@"
