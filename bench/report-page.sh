#!/usr/bin/env bash
# bench/report-page.sh: how big the HTML report of a store is and how soon it is interactive in headless Chromium
# (not a test: nothing here passes or fails). For each view (list, bind tables, a cell's evidence panel opened from
# the address) it loads the page N times and prints the page's own figure, data-ready-ms: milliseconds from the start
# of navigation (reading the file included) until its script has drawn the view, attached its handlers and the
# layout is done. It also times Chromium's whole run to a screenshot (start, load, script, paint, exit) beside the
# same run for an empty page: the difference is what the report costs. (--dump-dom is not timed: serializing a
# 6 MB DOM back out costs seconds that no reader waits for.)
# Usage: bash bench/report-page.sh [STORE] [N]   (default: a fresh demo store of the default catalog; 5 loads each)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
store="${1:-}"
n="${2:-5}"
work="$(mktemp -d /tmp/bindlab-page.XXXXXX)"
trap 'rm -rf "$work"' EXIT

"$here/bindlab" --version >/dev/null   # builds the jars if needed
cli() { java -Dbindlab.agent.jar="$here/agent/target/bindlab-agent.jar" -jar "$here/coordinator/target/bindlab.jar" "$@"; }
ms() { date +%s%N | cut -c1-13; }
if [[ -z $store ]]; then
  store="$work/store"
  cli demo --store "$store" --quiet > "$work/demo.log"
fi
chrome() {   # the flags the browser tests use (report/Browser.java); "$@": what to do with the page
  chromium --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
    --disable-sync --no-first-run --user-data-dir="$work/profile" --window-size=1400,900 "$@" 2>/dev/null
}

cli matrix "$store" --format html --out "$work/report.html" > /dev/null
cells=$(grep -o '"agreed":' "$work/report.html" | wc -l)
bytes() { grep -o "id=\"$1\">.*</script>" "$work/report.html" | head -c -10 | wc -c; }
echo "page: $(stat -c %s "$work/report.html") bytes, $cells cell(s): data block $(bytes bindlab-data) bytes," \
  "evidence block $(bytes bindlab-evidence) bytes (parsed only when a cell opens)"
grep -Eq 'src=|href=|https?:|url\(|@import' "$work/report.html" && echo "page: REFERS TO SOMETHING OUTSIDE ITSELF" \
  || echo "page: self-contained (no src, href, URL, url() or @import)"

echo '<!DOCTYPE html><title>empty</title><body>x</body>' > "$work/empty.html"
for view in "empty:" "list:" "tables:#view=tables" "evidence:#cell=0"; do
  name="${view%%:*}"
  page="$work/report.html"; [[ $name == empty ]] && page="$work/empty.html"
  readies=(); walls=()
  for _ in $(seq "$n"); do
    readies+=("$(chrome --dump-dom "file://$page${view#*:}" | grep -o 'data-ready-ms="[0-9]*"' | grep -o '[0-9]*' || echo -)")
    t0=$(ms); chrome --screenshot="$work/shot.png" "file://$page${view#*:}" > /dev/null; t1=$(ms)
    walls+=($((t1 - t0)))
  done
  echo "$name: data-ready-ms ${readies[*]}; chromium to a screenshot, ms: ${walls[*]}"
done
echo "load: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) core(s)"
