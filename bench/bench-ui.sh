#!/usr/bin/env bash
# bench-ui.sh — desktop app figures, measured in one run under Xvfb:
#   1. opening the 10,000-article project: until the window is painted;
#   2. keystroke to updated preview on a 5,000-word article (median), with
#      spell checking on (the default) and off, with the outline open, and
#      with the outline open in focus mode (issue 13);
#   3. opening a 10,000-word article until its spelling is fully checked,
#      from another article and as the window's first;
# Where the app's own work is timed, the main thread's CPU time is given
# too: on a loaded machine it is what the app spent, the wall clock is not.
#   3b. keystroke to updated preview on an article holding 30 images
#      (issue 12), photos the preview scales;
#   3c. the map's graph of the 1,000- and 10,000-article corpora: built,
#       then one frame drawn, against as many plain cairo circles;
#   4. start to first window: Topiary on the sample map against
#      gnome-text-editor opening one file, in alternation;
#   5. memory (PSS, /proc/PID/smaps_rollup) of the app and its web
#      processes with the Links page open on the 10,000-article map
#      (issue 15: under 300 MB), against the same with the side panel
#      closed (the map's links never read), and the time until they are.
#
# usage: bench/bench-ui.sh [BUILD_DIR]   (default _build)
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/deps.sh
topiary_install_deps xvfb xauth dbus dbus-x11 xdotool gnome-text-editor python3 $TOPIARY_RUN_DEPS

BUILD=${1:-_build}
BIN="$BUILD/src/topiary"
BUI="$BUILD/bench/topiary-bench-ui"
[ -x "$BUI" ] || { echo "build first: meson setup $BUILD && ninja -C $BUILD" >&2; exit 1; }
OUT=${BENCH_OUT:-bench/out}
GEN=${TOPIARY_GEN_CORPUS:-../shared/bench/gen_corpus.py}
ROUNDS=${ROUNDS:-5}
mkdir -p "$OUT"

export GSK_RENDERER=cairo WEBKIT_DISABLE_COMPOSITING_MODE=1 GTK_A11Y=none GSETTINGS_BACKEND=memory
export GSETTINGS_SCHEMA_DIR="$PWD/$BUILD/data"
export TOPIARY_PREVIEW_MODULE="$PWD/$BUILD/src/app/topiary-web-preview.so"
HOME_DIR=$(mktemp -d)
trap 'rm -rf "$HOME_DIR"' EXIT
export HOME="$HOME_DIR" XDG_CONFIG_HOME="$HOME_DIR/c" XDG_DATA_HOME="$HOME_DIR/d" XDG_CACHE_HOME="$HOME_DIR/k"

# Inputs: the 10k corpus project, a project with 5,000-word articles, the sample.
[ -d "$OUT/corpus-10000/content" ] || python3 "$GEN" "$OUT/corpus-10000" --articles 10000 >/dev/null
[ -f "$OUT/corpus-10000.topiary" ] || "$BIN" import "$OUT/corpus-10000/content" "$OUT/corpus-10000.topiary" >/dev/null
rm -rf "$OUT/long" "$OUT/long.topiary"*
python3 "$GEN" "$OUT/long" --articles 3 --words 5000 >/dev/null
"$BIN" import "$OUT/long/content" "$OUT/long.topiary" >/dev/null
rm -rf "$OUT/long10k" "$OUT/long10k.topiary"*
python3 "$GEN" "$OUT/long10k" --articles 2 --words 10000 >/dev/null
"$BIN" import "$OUT/long10k/content" "$OUT/long10k.topiary" >/dev/null
# An article with 30 images (1200 x 800 JPEG photos) through its text, as a
# Hugo page bundle the import takes in with its images.
rm -rf "$OUT/images30" "$OUT/images30.topiary"*
python3 "$GEN" "$OUT/images30" --articles 1 --words 3000 >/dev/null
python3 - "$OUT/images30/content" "$BUILD/bench/topiary-bench-image" <<'PY'
import os, subprocess, sys
content, tool = sys.argv[1], sys.argv[2]
path = max((os.path.join(d, n) for d, _, ns in os.walk(content) for n in ns
            if n.endswith(".md") and not n.startswith("_")), key=os.path.getsize)
bundle = path[:-3]
os.makedirs(os.path.join(bundle, "images"))
head, sep, body = open(path).read().partition("\n---\n")
paragraphs = body.split("\n\n")
step = max(1, len(paragraphs) // 30)
out = []
for i, p in enumerate(paragraphs):
    out.append(p)
    n = i // step
    if i % step == step - 1 and n < 30:
        name = "photo-%02d.jpg" % n
        subprocess.run([tool, os.path.join(bundle, "images", name), "1200", "800", str(n)], check=True)
        out.append("![Photo %d of the article](images/%s)" % (n, name))
open(os.path.join(bundle, "index.md"), "w").write(head + sep + "\n\n".join(out))
os.unlink(path)
PY
"$BIN" import "$OUT/images30/content" "$OUT/images30.topiary" >/dev/null
rm -f "$OUT/sample.topiary"*
"$BIN" import data/samples/flask-topical-map.txt "$OUT/sample.topiary" >/dev/null
printf '# Notes\n\nOne file for the editor to open.\n' > "$OUT/one-file.md"

run_x () { xvfb-run -a -s "-screen 0 1400x900x24" dbus-run-session -- "$@"; }

echo "== opening the 10,000-article project (in process)"
for i in $(seq "$ROUNDS"); do run_x "$BUI" open "$OUT/corpus-10000.topiary" 2>/dev/null | grep '^{'; done | tee "$OUT/ui-open.jsonl"

echo "== keystroke to preview, 5,000-word article, spell checking on (in process, GSK_RENDERER=cairo)"
run_x "$BUI" type "$OUT/long.topiary" 80 2>/dev/null | grep '^{' | tee "$OUT/ui-type.json"
echo "== the same, spell checking off"
run_x "$BUI" type "$OUT/long.topiary" 80 nospell 2>/dev/null | grep '^{' | tee "$OUT/ui-type-nospell.json"
echo "== the same, spell checking on, the outline open"
run_x "$BUI" type "$OUT/long.topiary" 80 outline 2>/dev/null | grep '^{' | tee "$OUT/ui-type-outline.json"
echo "== the same, spell checking on, the outline open, focus mode"
run_x "$BUI" type "$OUT/long.topiary" 80 outline focus 2>/dev/null | grep '^{' | tee "$OUT/ui-type-outline-focus.json"
echo "== the same, spell checking on, 200 ms between keystrokes (each edit checked before the next)"
run_x "$BUI" type "$OUT/long.topiary" 40 pause 2>/dev/null | grep '^{' | tee "$OUT/ui-type-pause.json"

echo "== keystroke to preview, an article with 30 images (in process)"
run_x "$BUI" type "$OUT/images30.topiary" 80 2>/dev/null | grep '^{' | tee "$OUT/ui-type-images.json"

echo "== opening a 10,000-word article until its spelling is checked (in process)"
for i in $(seq "$ROUNDS"); do run_x "$BUI" spell "$OUT/long10k.topiary" 2>/dev/null | grep '^{'; done | tee "$OUT/ui-spell.jsonl"

echo "== memory with the Links page open, 10,000-article map (in process)"
run_x "$BUI" links "$OUT/corpus-10000.topiary" 2>/dev/null | grep '^{' | tee "$OUT/ui-links.json"
run_x "$BUI" links "$OUT/corpus-10000.topiary" closed 2>/dev/null | grep '^{' | tee "$OUT/ui-links-closed.json"

echo "== the map's graph (issue 15): built in its thread until shown, then one frame fitted and zoomed, against as many plain circles (in process)"
[ -d "$OUT/corpus-1000/content" ] || python3 "$GEN" "$OUT/corpus-1000" --articles 1000 >/dev/null
[ -f "$OUT/corpus-1000.topiary" ] || "$BIN" import "$OUT/corpus-1000/content" "$OUT/corpus-1000.topiary" >/dev/null
for p in corpus-1000 corpus-10000; do run_x "$BUI" graph "$OUT/$p.topiary" 2>/dev/null | grep '^{'; done | tee "$OUT/ui-graph.jsonl"

echo "== start to first window: topiary (sample map) vs gnome-text-editor (one file)"
# first_window CMD...: seconds from exec until the process shows a window.
cat > "$OUT/first-window.sh" <<'SH'
#!/usr/bin/env bash
t0=$(date +%s%N)
"$@" >/dev/null 2>&1 &
pid=$!
for _ in $(seq 6000); do
  if xdotool search --onlyvisible --pid "$pid" >/dev/null 2>&1; then
    t1=$(date +%s%N); echo $(( (t1 - t0) / 1000000 )); kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; exit 0
  fi
  sleep 0.005
done
kill "$pid" 2>/dev/null; echo "never"; exit 1
SH
chmod +x "$OUT/first-window.sh"
run_x bash -c '
  for i in $(seq '"$ROUNDS"'); do
    echo "topiary $("'"$OUT"'/first-window.sh" "'"$BIN"'" "'"$OUT"'/sample.topiary")"
    echo "gte $("'"$OUT"'/first-window.sh" gnome-text-editor --standalone "'"$OUT"'/one-file.md")"
  done' 2>/dev/null | grep -E '^(topiary|gte) ' | tee "$OUT/ui-start.txt"

python3 - "$OUT" <<'PY'
import json, statistics, sys, os
out = sys.argv[1]
opens = [json.loads(l) for l in open(os.path.join(out, "ui-open.jsonl")) if l.strip()]
typ = json.load(open(os.path.join(out, "ui-type.json")))
typ_off = json.load(open(os.path.join(out, "ui-type-nospell.json")))
typ_outline = json.load(open(os.path.join(out, "ui-type-outline.json")))
typ_focus = json.load(open(os.path.join(out, "ui-type-outline-focus.json")))
typ_pause = json.load(open(os.path.join(out, "ui-type-pause.json")))
typ_img = json.load(open(os.path.join(out, "ui-type-images.json")))
spells = [json.loads(l) for l in open(os.path.join(out, "ui-spell.jsonl")) if l.strip()]
links = json.load(open(os.path.join(out, "ui-links.json")))
closed = json.load(open(os.path.join(out, "ui-links-closed.json")))
starts = {"topiary": [], "gte": []}
for l in open(os.path.join(out, "ui-start.txt")):
    k, v = l.split()
    if v != "never":
        starts[k].append(int(v))
t = statistics.median(starts["topiary"]) if starts["topiary"] else float("nan")
g = statistics.median(starts["gte"]) if starts["gte"] else float("nan")
print()
print("| measure | value |")
print("|---|---:|")
print("| 10k project: window painted with the tree (median of %d) | %.0f ms |" % (len(opens), statistics.median(o["usable_ms"] for o in opens)))
print("| keystroke to preview, %d-word article, spell checking on: median (main thread CPU) | %.1f ms (%.1f ms) |"
      % (typ["words"], typ["median_ms"], typ["median_cpu_ms"]))
print("| keystroke to preview, spell checking on: 90th percentile / max | %.1f / %.1f ms |" % (typ["p90_ms"], typ["max_ms"]))
print("| keystroke to preview, spell checking off: median (main thread CPU) | %.1f ms (%.1f ms) |"
      % (typ_off["median_ms"], typ_off["median_cpu_ms"]))
print("| keystroke to preview, spell checking on, outline open: median (main thread CPU) / 90th percentile | %.1f ms (%.1f ms) / %.1f ms |"
      % (typ_outline["median_ms"], typ_outline["median_cpu_ms"], typ_outline["p90_ms"]))
print("| keystroke to preview, spell checking on, outline open, focus mode: median (main thread CPU) / 90th percentile | %.1f ms (%.1f ms) / %.1f ms |"
      % (typ_focus["median_ms"], typ_focus["median_cpu_ms"], typ_focus["p90_ms"]))
print("| keystroke to preview, spell checking on, 200 ms pauses (checked between keystrokes): median / max | %.1f / %.1f ms |"
      % (typ_pause["median_ms"], typ_pause["max_ms"]))
print("| keystroke to preview, %d-word article with 30 images, spell checking on: median / 90th percentile | %.1f / %.1f ms |"
      % (typ_img["words"], typ_img["median_ms"], typ_img["p90_ms"]))
if spells:
    med = lambda k: statistics.median(s[k] for s in spells)
    print("| %d-word article opened (from another) until fully spell-checked, median of %d (main thread CPU) | %.0f ms (%.0f ms) |"
          % (spells[0]["words"], len(spells), med("checked_ms"), med("checked_cpu_ms")))
    print("| of which opening the article (load, highlight) | %.0f ms (%.0f ms) |" % (med("open_ms"), med("open_cpu_ms")))
    print("| the same as the window's first article (editor and preview made) | %.0f ms (%.0f ms) |"
          % (med("first_checked_ms"), med("first_checked_cpu_ms")))
    print("| spell checking: idle chunks / longest chunk (median) | %.0f / %.1f ms |"
          % (statistics.median(s["chunks"] for s in spells), statistics.median(s["longest_chunk_ms"] for s in spells)))
print("| 10k map, Links page open on its longest article: PSS of the app + %d child processes | %.0f + %.0f = %.0f MB |"
      % (links["children"], links["app_pss_mb"], links["children_pss_mb"], links["total_pss_mb"]))
print("| the same, side panel closed (the map's links never read) | %.0f + %.0f = %.0f MB |"
      % (closed["app_pss_mb"], closed["children_pss_mb"], closed["total_pss_mb"]))
print("| ratio Links page open / closed (total PSS) | %.2f |" % (links["total_pss_mb"] / closed["total_pss_mb"]))
print("| 10k map: opened until the map's links are read (worker thread) | %.0f ms |" % links["links_ready_ms"])
print("| start to first window, Topiary on the sample map (median) | %.0f ms |" % t)
print("| start to first window, gnome-text-editor on one file (median) | %.0f ms |" % g)
print("| ratio Topiary / gnome-text-editor | %.2f |" % (t / g if g else float("nan")))
print("| load average (1 min) at the end | %.1f |" % os.getloadavg()[0])
PY
