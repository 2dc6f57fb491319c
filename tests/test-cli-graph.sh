#!/usr/bin/env bash
# test-cli-graph.sh — `topiary graph FILE --svg OUT [--level articles|groups]`:
# the map drawn as a graph, written whole or not at all (issue 15)
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -u

BIN=${TOPIARY_BIN:?}
TMP=$(mktemp -d)
trap 'chmod -R u+w "$TMP" 2>/dev/null; rm -rf "$TMP"' EXIT
unset DISPLAY WAYLAND_DISPLAY DBUS_SESSION_BUS_ADDRESS
export LC_ALL=C.UTF-8

. "$(dirname "$0")/tap.sh"
# well_formed FILE: the file parses as XML
well_formed () { python3 -c "import sys, xml.dom.minidom; xml.dom.minidom.parse(sys.argv[1])" "$1" 2>/dev/null; }

# A Hugo folder: group Flask (a pillar, two clusters, one lacking its link
# up), group Django; a hostile title.
C="$TMP/site/content"
mkdir -p "$C/flask" "$C/django"
article () {  # article FILE SLUG TITLE KIND BODY
  printf -- '---\ntitle: %s\nslug: %s\nkind: %s\n---\n%s\n' "$3" "$2" "$4" "$5" > "$1"
}
article "$C/flask/guide.md" flask-guide "Flask Guide" pillar "The guide to [[flask-routing|routing]] and [[flask-templates]]."
article "$C/flask/routing.md" flask-routing "Flask Routing" cluster "Routes, see [[flask-guide]] and [[django-guide]]."
article "$C/flask/templates.md" flask-templates "'<script>alert(1)</script> & Templates'" cluster "Templates, no link up."
article "$C/django/guide.md" django-guide "Django Guide" pillar "Django."
P="$TMP/map.topiary"
"$BIN" import "$C" "$P" > /dev/null 2>&1 || { echo "Bail out! the import failed"; exit 1; }

check "graph --svg writes a well-formed SVG and says what it drew" \
  '"$BIN" graph "$P" --svg "$TMP/map.svg" > "$TMP/out" && well_formed "$TMP/map.svg" && grep -q "^<svg " "$TMP/map.svg" && grep -q "4 articles, 1 required link missing" "$TMP/out"'
check "the SVG has a node per article and the missing link dashed in red" \
  '[ "$(grep -c "<circle" "$TMP/map.svg")" -eq 4 ] && grep "<line class=\"missing" "$TMP/map.svg" | grep -q "stroke-dasharray" && [ "$(grep -c "<line class=\"link" "$TMP/map.svg")" -eq 4 ]'
check "graph only reads: nothing is left beside the project" \
  '[ ! -e "$P-wal" ] && [ ! -e "$P-shm" ] && [ -z "$(ls -A "$TMP" | grep "^\.")" ]'
check "the cross-group link is marked" \
  'grep -q "<line class=\"link cross-group\"" "$TMP/map.svg"'
check "a hostile title is escaped, and no script is written" \
  'grep -q "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Templates" "$TMP/map.svg" && ! grep -qi "<script" "$TMP/map.svg"'
check "without --link-base nodes link nowhere; with it, to their slug" \
  '! grep -q "href=" "$TMP/map.svg" && "$BIN" graph "$P" --svg "$TMP/linked.svg" --link-base "https://example.org/" > /dev/null && grep -q "href=\"https://example.org/flask-guide/\"" "$TMP/linked.svg"'
check "the same map gives the same file" \
  '"$BIN" graph "$P" --svg "$TMP/again.svg" > /dev/null && cmp -s "$TMP/map.svg" "$TMP/again.svg"'
check "--svg - prints the SVG" \
  '"$BIN" graph "$P" --svg - > "$TMP/stdout.svg" && cmp -s "$TMP/map.svg" "$TMP/stdout.svg"'

check "--level groups draws one node per group" \
  '"$BIN" graph "$P" --svg "$TMP/groups.svg" --level groups > "$TMP/out" && well_formed "$TMP/groups.svg" && [ "$(grep -c "<circle" "$TMP/groups.svg")" -eq 2 ] && grep -q "2 groups" "$TMP/out" && grep -q "<line class=\"link cross-group\"" "$TMP/groups.svg"'
check "an unknown level is a usage error (exit 2) in one sentence" \
  '"$BIN" graph "$P" --svg "$TMP/x.svg" --level planets > /dev/null 2> "$TMP/err"; [ $? -eq 2 ] && grep -q "Unknown level “planets”; use articles or groups." "$TMP/err" && [ ! -e "$TMP/x.svg" ]'
check "--svg is required" \
  '"$BIN" graph "$P" > /dev/null 2> "$TMP/err"; [ $? -eq 2 ] && grep -q "Give the SVG file to write with --svg." "$TMP/err"'

mkdir "$TMP/ro"
echo "earlier" > "$TMP/ro/map.svg"
chmod a-w "$TMP/ro"
if [ "$(id -u)" -eq 0 ]; then
  RUN="setpriv --reuid=65534 --regid=65534 --clear-groups"
  chmod a+rx "$TMP" "$TMP/ro"; chmod a+r "$P" "$TMP/ro/map.svg"
else
  RUN=""
fi
check "a folder that cannot be written: one sentence naming the file, nothing changed" \
  '$RUN "$BIN" graph "$P" --svg "$TMP/ro/map.svg" > /dev/null 2> "$TMP/err"; [ $? -eq 2 ] && grep -q "^topiary: Could not write “map.svg”: .*\.$" "$TMP/err" && ! grep -q "$TMP" "$TMP/err" && [ "$(cat "$TMP/ro/map.svg")" = "earlier" ] && [ -z "$(ls -A "$TMP/ro" | grep -v "^map.svg$")" ]'
check "a folder as the output is refused" \
  '"$BIN" graph "$P" --svg "$TMP/site" > /dev/null 2> "$TMP/err"; [ $? -eq 2 ] && grep -q "“site” is a folder" "$TMP/err"'
check "the project itself is never overwritten" \
  'cp "$P" "$TMP/copy"; "$BIN" graph "$P" --svg "$P" > /dev/null 2> "$TMP/err"; [ $? -eq 2 ] && grep -q "is the project itself" "$TMP/err" && cmp -s "$P" "$TMP/copy"'
check "a project that does not exist is an error naming it" \
  '"$BIN" graph "$TMP/none.topiary" --svg "$TMP/n.svg" > /dev/null 2> "$TMP/err"; [ $? -eq 2 ] && grep -q "none.topiary" "$TMP/err" && [ ! -e "$TMP/n.svg" ]'
check "export --with-map-page adds the map page, linked from the home page" \
  '"$BIN" export "$P" "$TMP/www" --with-map-page > /dev/null && grep -q "<svg " "$TMP/www/map/index.html" && grep -q "href=\"../flask-guide/index.html\"" "$TMP/www/map/index.html" && grep -q "href=\"map/index.html\"" "$TMP/www/index.html" && ! grep -q "<script" "$TMP/www/map/index.html"'
check "without it the site has no map page" \
  '"$BIN" export "$P" "$TMP/www2" > /dev/null && [ ! -e "$TMP/www2/map" ]'
check "--with-map-page with another format is a usage error" \
  '"$BIN" export "$P" "$TMP/x.json" --format json --with-map-page > /dev/null 2> "$TMP/err"; [ $? -eq 2 ] && grep -q -- "--with-map-page only goes with the site format." "$TMP/err" && [ ! -e "$TMP/x.json" ]'
check "export --format json --with-briefs gives each article its brief" \
  '"$BIN" export "$P" "$TMP/b.json" --format json --with-briefs > /dev/null && [ "$(python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(sorted(a[\"brief\"][\"slug\"] for a in d[\"articles\"] if a[\"brief\"][\"slug\"] == a[\"slug\"]))" "$TMP/b.json")" = "['"'"'django-guide'"'"', '"'"'flask-guide'"'"', '"'"'flask-routing'"'"', '"'"'flask-templates'"'"']" ]'
check "--with-briefs with another format is a usage error" \
  '"$BIN" export "$P" "$TMP/www3" --with-briefs > /dev/null 2> "$TMP/err"; [ $? -eq 2 ] && grep -q -- "--with-briefs only goes with --format json." "$TMP/err" && [ ! -e "$TMP/www3" ]'
check "graph --help names --svg and --level" \
  '"$BIN" graph --help | grep -q -- "--svg" && "$BIN" graph --help | grep -q -- "--level"'

tap_done
