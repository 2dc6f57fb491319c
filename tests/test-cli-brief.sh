#!/usr/bin/env bash
# test-cli-brief.sh — `topiary brief FILE SLUG [--format markdown|json]
# [--skeleton | --checklist]` (issue 15)
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -u

BIN=${TOPIARY_BIN:?}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
unset DISPLAY WAYLAND_DISPLAY DBUS_SESSION_BUS_ADDRESS

. "$(dirname "$0")/tap.sh"

C="$TMP/site/content"
mkdir -p "$C/coffee"
article () {  # article FILE SLUG TITLE KIND INTENT QUERIES BODY
  printf -- '---\ntitle: %s\nslug: %s\nkind: %s\nintent: %s\nkeywords: [%s]\n---\n%s\n' "$3" "$2" "$4" "$5" "$6" "$7" > "$1"
}
article "$C/coffee/guide.md" coffee-brewing "Coffee Brewing" pillar informational "coffee brewing guide" "Brewing."
article "$C/coffee/compare.md" press-vs-aeropress "French Press vs AeroPress" cluster comparison "french press vs aeropress" ""
article "$C/coffee/pour.md" pour-over "Pour Over Coffee" cluster how-to "pour over coffee, pour over ratio" \
  "# Pour over coffee

Pour over coffee is simple. The pour over ratio matters. See [[coffee-brewing|the guide]]."
P="$TMP/map.topiary"
"$BIN" import "$C" "$P" > /dev/null 2>&1 || { echo "Bail out! the import failed"; exit 1; }

check "brief prints the brief in Markdown" \
  '"$BIN" brief "$P" press-vs-aeropress > "$TMP/b.md" && grep -q "^# Brief: French Press vs AeroPress$" "$TMP/b.md" && grep -q "^- Intent: comparison$" "$TMP/b.md" && grep -q "^A table compares: french press, aeropress.$" "$TMP/b.md"'
check "the brief names the pillar to link up to with its anchor" \
  'grep -q "^- Coffee Brewing (\`\[\[coffee-brewing|coffee brewing guide\]\]\`) — other anchors: Coffee Brewing$" "$TMP/b.md"'
check "brief --format json gives the queries, intent and links" \
  '"$BIN" brief "$P" pour-over --format json > "$TMP/b.json" && [ "$(json_get "$TMP/b.json" "d[\"primary_query\"], d[\"secondary_queries\"], d[\"intent\"], d[\"pillar\"][\"slug\"], [s[\"slug\"] for s in d[\"siblings\"]]")" = "('"'"'pour over coffee'"'"', ['"'"'pour over ratio'"'"'], '"'"'how-to'"'"', '"'"'coffee-brewing'"'"', ['"'"'press-vs-aeropress'"'"'])" ]'
check "brief --skeleton starts an empty article with headings and the link up" \
  '"$BIN" brief "$P" press-vs-aeropress --skeleton > "$TMP/s.md" && head -1 "$TMP/s.md" | grep -q "^# French Press vs AeroPress$" && grep -q "^Part of \[\[coffee-brewing|coffee brewing guide\]\].$" "$TMP/s.md" && grep -q "^## At a glance$" "$TMP/s.md"'
check "brief --checklist scores the text out of 100" \
  '"$BIN" brief "$P" pour-over --checklist > "$TMP/c.txt" && grep -q "^Score: 85 of 100.$" "$TMP/c.txt" && grep -q "^\[x\] 20/20 1 of 1 required link is present.$" "$TMP/c.txt"'
check "brief --checklist --format json lists the parts" \
  '"$BIN" brief "$P" pour-over --checklist --format json > "$TMP/c.json" && [ "$(json_get "$TMP/c.json" "d[\"score\"], sum(i[\"max\"] for i in d[\"items\"]), len(d[\"items\"])")" = "(85, 100, 7)" ]'
check "an unknown slug is an error naming the file by its basename" \
  '! "$BIN" brief "$P" nowhere > /dev/null 2> "$TMP/err" && grep -q "No article of “map.topiary” has the slug “nowhere”." "$TMP/err"'
check "an unknown format is a usage error (exit 2)" \
  '"$BIN" brief "$P" pour-over --format html > /dev/null 2>&1; [ $? -eq 2 ]'
check "a missing slug is a usage error (exit 2)" \
  '"$BIN" brief "$P" > /dev/null 2>&1; [ $? -eq 2 ]'

tap_done
