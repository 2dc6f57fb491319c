#!/usr/bin/env bash
# test-cli-links.sh — `topiary links FILE [SLUG] [--json]`: missing required
# links and link suggestions (issue 15)
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -u

BIN=${TOPIARY_BIN:?}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
unset DISPLAY WAYLAND_DISPLAY DBUS_SESSION_BUS_ADDRESS

. "$(dirname "$0")/tap.sh"

# A Hugo folder: group Flask (a pillar, two clusters), group Django.
C="$TMP/site/content"
mkdir -p "$C/flask" "$C/django"
article () {  # article FILE SLUG TITLE KIND QUERIES BODY
  printf -- '---\ntitle: %s\nslug: %s\nkind: %s\nkeywords: [%s]\n---\n%s\n' "$3" "$2" "$4" "$5" "$6" > "$1"
}
article "$C/flask/guide.md" flask-guide "Flask Guide" pillar "flask tutorial, learn flask" "The guide to [[flask-routing|routing]]."
article "$C/flask/routing.md" flask-routing "Flask Routing" cluster "flask routing" \
  "Routes map URLs. Compare with the Django tutorial. \`django tutorial\` in code is no mention."
article "$C/flask/templates.md" flask-templates "Flask Templates" cluster "jinja templates" "Templates, see [[flask-guide|the guide]]."
article "$C/django/guide.md" django-guide "Django Guide" pillar "django tutorial" "Django."
P="$TMP/map.topiary"
"$BIN" import "$C" "$P" > /dev/null 2>&1 || { echo "Bail out! the import failed"; exit 1; }

check "links SLUG lists the missing link to the pillar" \
  '"$BIN" links "$P" flask-routing > "$TMP/out" && grep -q "required (to its pillar): \[\[flask-guide|flask tutorial\]\]" "$TMP/out"'
check "links SLUG shows a mention with its sentence and the link it would write" \
  'grep -q "mention: \[\[django-guide|Django tutorial\]\]" "$TMP/out" && grep -q "“Compare with the Django tutorial.”" "$TMP/out"'
check "links SLUG shows the backlinks with their sentence" \
  'grep -q "^Backlinks: 1$" "$TMP/out" && grep -q "  flask-guide: “The guide to \[\[flask-routing|routing\]\].”" "$TMP/out"'
check "a sibling already linked to is not suggested" \
  '"$BIN" links "$P" flask-templates > "$TMP/t" && ! grep -q "required" "$TMP/t" && grep -q "sibling: \[\[flask routing\]\]" "$TMP/t"'

check "--json gives kinds, targets, anchors and offsets" \
  '"$BIN" links "$P" flask-routing --json > "$TMP/r.json" && [ "$(json_get "$TMP/r.json" "\" \".join(\"%s:%s:%s\" % (s[\"kind\"], s[\"target\"], s.get(\"start\", \"-\")) for s in d[\"suggestions\"])")" = "required:flask-guide:- mention:django-guide:34 sibling:flask-templates:-" ]'
check "--json lists the outgoing links and backlinks" \
  '[ "$(json_get "$TMP/r.json" "len(d[\"outgoing\"]), d[\"backlinks\"][0][\"source\"]")" = "(0, '"'"'flask-guide'"'"')" ]'

check "links without SLUG lists every written article with suggestions" \
  '"$BIN" links "$P" > "$TMP/all" && grep -q "^Flask Routing  /flask-routing$" "$TMP/all" && grep -q "^Flask Guide  /flask-guide$" "$TMP/all" && ! grep -q "^Django Guide" "$TMP/all"'
check "links --json without SLUG is an array of articles" \
  '"$BIN" links "$P" --json > "$TMP/all.json" && [ "$(json_get "$TMP/all.json" "\" \".join(a[\"article\"] for a in d)")" = "flask-guide flask-routing flask-templates" ]'

check "an unknown slug is an error naming the file by its basename" \
  '! "$BIN" links "$P" nowhere > /dev/null 2> "$TMP/err" && grep -q "No article of “map.topiary” has the slug “nowhere”." "$TMP/err" && ! grep -q "$TMP" "$TMP/err"'
check "three arguments are a usage error (exit 2)" \
  '"$BIN" links "$P" a b > /dev/null 2>&1; [ $? -eq 2 ]'
check "links --help names --json" '"$BIN" links --help | grep -q -- "--json"'

tap_done
