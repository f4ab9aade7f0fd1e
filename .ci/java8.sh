#!/usr/bin/env bash
# java8.sh: provide a real Java 8 JRE (Debian sid's openjdk-8) without installing anything system-wide; prints its JRE home.
#
# Usage:   JRE8=$(.ci/java8.sh | tail -n1)
#          mvn test -Djvm="$JRE8/bin/java"     # surefire's `jvm` parameter forks the tests on Java 8
# Cache:   ${BINDLAB_JAVA8_DIR:-$HOME/.cache/bindlab/jre8}; delete it to rebuild.
# Why so:  bookworm has no openjdk-8, and sid's build needs glibc 2.38+ (bookworm has 2.36). So we also unpack
#          sid's glibc/libstdc++/zlib next to the JRE and patchelf the JRE's ELF files to use them.
set -euo pipefail

DIR=${BINDLAB_JAVA8_DIR:-$HOME/.cache/bindlab/jre8}
SYS=$DIR/sysroot # sid's unpacked packages; the JRE itself is moved up to $DIR
log() { echo "java8.sh: $*" >&2; }
die() { log "ERROR: $*"; exit 1; }
is_java8() { "$DIR/bin/java" -version 2>&1 | grep -q '^openjdk version "1\.8\.0'; }

if is_java8; then echo "$DIR"; exit 0; fi

[ "$(dpkg --print-architecture)" = amd64 ] || die "only amd64 is supported"
mkdir -p "$(dirname "$DIR")"
exec 9>"$DIR.lock"; flock 9 # concurrent CI jobs: one builds, the others wait and then reuse it
if is_java8; then echo "$DIR"; exit 0; fi
# We rm -rf $DIR below, so refuse to wipe a directory that we did not make.
if [ -n "$(ls -A "$DIR" 2>/dev/null)" ] && [ ! -d "$SYS" ]; then die "$DIR exists and is not ours; refusing to replace it"; fi

start=$SECONDS
tmp=$(mktemp -d)
ok=0
trap 'rm -rf "$tmp"; [ $ok = 1 ] || { rm -rf "$DIR"; log "failed; removed partial $DIR"; }' EXIT
rm -rf "$DIR"; mkdir -p "$SYS"

# Same mirror the machine already uses (comment lines hold snapshot URLs, hence the grep -v); only sid is added.
mirror=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null |
  grep -v '^[[:space:]]*#' | grep -oE 'https?://[^[:space:]]+/debian/?' | head -n1 || true)
mirror=${mirror:-http://deb.debian.org/debian}
log "fetching sid's openjdk-8-jre-headless from $mirror"

# A private apt state: nothing under /var/lib/apt or /var/cache/apt is read or written, and host pinning is ignored.
echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] ${mirror%/} sid main" >"$tmp/sources.list"
mkdir -p "$tmp/lists/partial" "$tmp/cache/archives/partial" "$tmp/debs"
apt=(-q -o Dir::State::Lists="$tmp/lists" -o Dir::Cache="$tmp/cache" -o Dir::State::status=/dev/null
  -o Dir::Etc::SourceList="$tmp/sources.list" -o Dir::Etc::SourceParts=/dev/null
  -o Dir::Etc::Preferences=/dev/null -o Dir::Etc::PreferencesParts=/dev/null
  -o APT::Architectures::=amd64 -o Acquire::Languages=none -o APT::Sandbox::User=root)
apt-get "${apt[@]}" update >&2 || die "apt-get update for sid failed (mirror $mirror unreachable or keyring too old?)"
# Headless needs only these at run time; the AWT/imaging libs' deps (X11, freetype, jpeg, lcms, cups) are left out.
# patchelf comes from sid as well, run through sid's loader, so the host needs no patchelf.
(cd "$tmp/debs" && apt-get "${apt[@]}" download openjdk-8-jre-headless libc6 libgcc-s1 libstdc++6 zlib1g patchelf >&2) ||
  die "apt-get download from sid failed"
for deb in "$tmp"/debs/*.deb; do dpkg -x "$deb" "$SYS"; done

mv "$SYS"/usr/lib/jvm/java-8-openjdk-amd64/jre/* "$DIR"/
libdir=$SYS/usr/lib/x86_64-linux-gnu # sid is merged-/usr: glibc lives here, not in /lib
ld=$libdir/ld-linux-x86-64.so.2
[ -x "$ld" ] && [ -x "$DIR/bin/java" ] || die "unexpected package layout (no $ld or $DIR/bin/java)"
pe() { "$ld" --library-path "$libdir" "$SYS/usr/bin/patchelf" "$@"; }

# DT_RPATH (--force-rpath), not RUNPATH: it beats LD_LIBRARY_PATH and is inherited by libraries loaded
# without a path of their own (glibc's NSS modules, JNA), so host 2.36 libs never mix with sid's libc.
rpath=$DIR/lib/amd64:$DIR/lib/amd64/jli:$DIR/lib/amd64/server:$libdir
n=0
while IFS= read -r -d '' f; do
  cmp -s -n 4 "$f" <(printf '\177ELF') || continue
  if pe --print-interpreter "$f" >/dev/null 2>&1; then pe --set-interpreter "$ld" "$f"; fi
  pe --force-rpath --set-rpath "$rpath" "$f"
  n=$((n + 1))
done < <(find "$DIR/bin" "$DIR/lib" -type f -print0)
log "patched $n ELF files"

# jvm.cfg, java.security etc. are symlinks into /etc/java-8-openjdk (which we did not install): use the unpacked copy.
# (lib/security/cacerts keeps pointing at the host's /etc/ssl/certs/java/cacerts, from Java 17's ca-certificates-java.)
while IFS= read -r -d '' l; do ln -sfn "$SYS$(readlink "$l")" "$l"; done \
  < <(find "$DIR" -path "$SYS" -prune -o -type l -lname '/etc/java-8-openjdk/*' -print0)

is_java8 || die "$DIR/bin/java does not run: $("$DIR/bin/java" -version 2>&1 | head -n3)"
# -version only starts the VM; also load class files built for 8 and native networking (libnet/libnio).
if command -v javac >/dev/null; then
  mkdir -p "$tmp/hello"
  cat >"$tmp/hello/Hello.java" <<'EOF'
public class Hello {
  public static void main(String[] a) throws Exception {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      System.out.println(System.getProperty("java.version") + " port " + s.getLocalPort());
    }
  }
}
EOF
  javac --release 8 -d "$tmp/hello" "$tmp/hello/Hello.java" >&2
  out=$("$DIR/bin/java" -cp "$tmp/hello" Hello) || die "Hello test failed on $DIR"
  [[ $out == 1.8.0* ]] || die "Hello test reported java.version '$out'"
  log "smoke test: $out"
else
  log "no javac on PATH; skipped the ServerSocket smoke test"
fi

ok=1
log "ready in $((SECONDS - start)) s: $("$DIR/bin/java" -version 2>&1 | sed -n 2p)"
echo "$DIR"
