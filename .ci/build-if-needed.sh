# Sourced by ./bindlab and ./bindlab-agent: (re)builds both jars when missing or older than any source file.
for tool in java mvn; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "bindlab: '$tool' not found. On Debian: apt-get install -y openjdk-17-jdk-headless maven" >&2
    exit 2
  fi
done
_jar="$here/coordinator/target/bindlab.jar"
_agent="$here/agent/target/bindlab-agent.jar"
if [[ ! -f $_jar || ! -f $_agent ]] || [[ -n "$(find "$here/pom.xml" "$here/proto" "$here/engine" "$here/agent" "$here/coordinator" \
     -path '*/target' -prune -o -type f -newer "$_jar" -print 2>/dev/null | head -n 1)" ]]; then
  echo "bindlab: building (first use or sources changed) ..." >&2
  (cd "$here" && mvn -B -q -DskipTests install) >&2
fi
unset _jar _agent
