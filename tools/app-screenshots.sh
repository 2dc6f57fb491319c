#!/usr/bin/env bash
# tools/app-screenshots.sh [BUILD_DIR] — the app's screenshots for the README
# and the metainfo: the main window with a real article of the sample map and
# its preview side by side (light and dark), the map overview, the map as a
# graph, the welcome
# screen, an article with pictures. Written to docs/screenshots/.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-_build}
BUI="$BUILD/bench/topiary-bench-ui"
OUT=docs/screenshots
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$OUT"

export GSK_RENDERER=cairo WEBKIT_DISABLE_COMPOSITING_MODE=1 GTK_A11Y=none GSETTINGS_BACKEND=memory
export GSETTINGS_SCHEMA_DIR="$PWD/$BUILD/data"
export TOPIARY_PREVIEW_MODULE="$PWD/$BUILD/src/app/topiary-web-preview.so"
export HOME="$WORK/home" XDG_CONFIG_HOME="$WORK/c" XDG_DATA_HOME="$WORK/d" XDG_CACHE_HOME="$WORK/k"
mkdir -p "$HOME"

"$BUILD/src/topiary" import data/samples/flask-topical-map.txt "$WORK/flask.topiary" >/dev/null
python3 tools/demo-bodies.py "$BUILD/src/topiary" "$WORK/flask.topiary" >/dev/null

shoot () {  # shoot NAME ARGS... — runs the app in "show" mode, screenshots it
  local name=$1; shift
  xvfb-run -a -s "-screen 0 1400x860x24" dbus-run-session -- bash -c '
    "$0" show "$@" >/dev/null 2>&1 &
    pid=$!
    sleep 6
    import -window root "'"$WORK"'/shot.png"
    kill $pid' "$BUI" "$@" 2>/dev/null
  convert "$WORK/shot.png" -strip "$OUT/$name.png" 2>/dev/null || cp "$WORK/shot.png" "$OUT/$name.png"
  echo "$OUT/$name.png"
}

shoot main-light "$WORK/flask.topiary" designing-production-ready-flask-application-architectures light
shoot main-dark "$WORK/flask.topiary" designing-production-ready-flask-application-architectures dark
shoot writing-light "$WORK/flask.topiary" designing-production-ready-flask-application-architectures light writing
shoot writing-dark "$WORK/flask.topiary" designing-production-ready-flask-application-architectures dark writing
shoot overview "$WORK/flask.topiary" "" light
# The graph (issue 15) with a second group half written: its pillar in
# draft links two of its clusters, not the other three; one cluster in
# review links its pillar and, across groups, the architecture pillar; one
# drafted cluster links nothing yet. So every kind of edge shows; the shot
# is zoomed onto that group.
graph_demo () {  # graph_demo PROJECT
  local dir="$WORK/graph-demo/content/authentication-authorization-security"
  mkdir -p "$dir"
  printf -- '---\ntitle: "Authentication, Authorization & Security"\nslug: "authentication-authorization-security"\nweight: 4\n---\n' >"$dir/_index.md"
  page () {  # page SLUG TITLE KIND STATUS BODY
    { printf -- '---\ntitle: "%s"\nslug: "%s"\nparams:\n  kind: "%s"\n  status: "%s"\n' "$2" "$1" "$3" "$4"
      [ "$3" = cluster ] && printf -- '  pillar: "authentication-and-security-best-practices-for-flask-apps"\n'
      printf -- '---\n%s\n' "$5"; } >"$dir/$1.md"
  }
  page authentication-and-security-best-practices-for-flask-apps \
    "Authentication and Security Best Practices for Flask Apps" pillar drafting \
    "Start with [[Implementing JWT Authentication in Flask]], then [[OAuth2 Login (Google/GitHub) with Flask]]."
  page implementing-jwt-authentication-in-flask "Implementing JWT Authentication in Flask" cluster review \
    "Part of [[Authentication and Security Best Practices for Flask Apps]]; the app factory is in [[Designing Production-Ready Flask Application Architectures]]."
  page oauth2-login-google-github-with-flask "OAuth2 Login (Google/GitHub) with Flask" cluster drafting \
    "Register the app with the provider, then handle the callback."
  "$BUILD/src/topiary" import "$WORK/graph-demo" "$1" --format hugo >/dev/null
}
cp "$WORK/flask.topiary" "$WORK/graph.topiary"
graph_demo "$WORK/graph.topiary"
shoot graph "$WORK/graph.topiary" authentication-and-security-best-practices-for-flask-apps light graph
shoot welcome - "" light

# An article with pictures (issue 12) and highlighted code (issue 13).
"$BUILD/src/topiary" import data/samples/flask-topical-map.txt "$WORK/images.topiary" >/dev/null
python3 tools/demo-bodies.py "$BUILD/src/topiary" "$WORK/images.topiary" "$BUILD/bench/topiary-bench-image" >/dev/null
shoot images-light "$WORK/images.topiary" flask-project-structure-best-practices-and-examples light
