#!/usr/bin/env bash
# run.sh — install what is missing, build, and start Topiary on the bundled
# sample map. With no display, import and export the sample headless and
# say where the site went.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail
cd "$(dirname "$0")"
. tools/deps.sh

topiary_install_deps $TOPIARY_BUILD_DEPS $TOPIARY_RUN_DEPS

BUILD=${BUILD:-_build}
[ -d "$BUILD" ] || meson setup "$BUILD" --buildtype=debugoptimized
ninja -C "$BUILD"

OUT=${TOPIARY_RUN_DIR:-$PWD/_run}
mkdir -p "$OUT"
SAMPLE="$OUT/flask-topical-map.topiary"
if [ ! -f "$SAMPLE" ]; then
  "$BUILD/src/topiary" import data/samples/flask-topical-map.txt "$SAMPLE"
fi

if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -x "$BUILD/src/topiary" ] && \
   grep -q "HAVE_GUI 1" "$BUILD/config.h"; then
  GSETTINGS_SCHEMA_DIR="$PWD/$BUILD/data" exec "$BUILD/src/topiary" "$SAMPLE"
fi

echo "No display found: running headless."
"$BUILD/src/topiary" info "$SAMPLE"
"$BUILD/src/topiary" export "$SAMPLE" "$OUT/site" --drafts --force
echo
echo "The sample map is in $SAMPLE"
echo "Its website is in $OUT/site — open $OUT/site/index.html in a browser."
