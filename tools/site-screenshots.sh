#!/bin/sh
# tools/site-screenshots.sh — screenshots of the exported sample site
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: tools/site-screenshots.sh [BUILD_DIR] [OUT_DIR]
#        (defaults: build-site, docs/screenshots)
#
# Imports the bundled sample map, gives the "Design & Architecture" pillar
# and three of its clusters real bodies (tools/demo-bodies.py), exports the
# site with drafts, and photographs the home, pillar and cluster pages with
# headless Chromium in light and dark mode, plus the cluster page at phone
# width. Needs chromium, python3 and ImageMagick's convert.

set -eu

src_root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build-site}
out=${2:-$src_root/docs/screenshots}
case $build in /*) ;; *) build=$src_root/$build ;; esac
topiary=$build/src/topiary

for tool in chromium python3 convert; do
  command -v "$tool" >/dev/null || { echo "site-screenshots: $tool is not installed" >&2; exit 1; }
done
[ -x "$topiary" ] || { echo "site-screenshots: build Topiary first ($topiary is missing)" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/topiary-shots-XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
mkdir -p "$out"

"$topiary" import "$src_root/data/samples/flask-topical-map.txt" "$work/flask.topiary" >/dev/null
python3 "$src_root/tools/demo-bodies.py" "$topiary" "$work/flask.topiary" >/dev/null
"$topiary" export "$work/flask.topiary" "$work/site" --drafts --force >/dev/null

# shot NAME WIDTH HEIGHT PAGE [light|dark]
shot () {
  scheme=1
  [ "${5:-light}" = dark ] && scheme=0
  profile=$(mktemp -d "$work/profile-XXXXXX")
  chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --hide-scrollbars \
    --user-data-dir="$profile" --blink-settings=preferredColorScheme=$scheme \
    --window-size="$2,$3" --screenshot="$work/$1.png" "file://$work/site/$4" \
    >/dev/null 2>&1
  # 256 colours without dithering: text stays sharp, files stay small.
  convert "$work/$1.png" -dither None -colors 256 -define png:compression-level=9 "$out/$1.png"
  echo "$out/$1.png: $(wc -c < "$out/$1.png") bytes"
}

pillar=designing-production-ready-flask-application-architectures/index.html
cluster=blueprints-and-the-app-factory-pattern-explained/index.html

shot site-home-light 1280 1600 index.html light
shot site-home-dark 1280 1600 index.html dark
shot site-pillar-light 1280 1600 "$pillar" light
shot site-pillar-dark 1280 1600 "$pillar" dark
shot site-cluster-light 1280 1600 "$cluster" light
shot site-cluster-dark 1280 1600 "$cluster" dark
shot site-phone 390 1200 "$cluster" light
