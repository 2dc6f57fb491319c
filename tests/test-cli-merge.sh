#!/usr/bin/env bash
# test-cli-merge.sh — `topiary merge FILE KEEP_SLUG ABSORB_SLUG`: one
# article merged into another, the remedy for cannibalization (issue 15)
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -u

BIN=${TOPIARY_BIN:?}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
unset DISPLAY WAYLAND_DISPLAY DBUS_SESSION_BUS_ADDRESS

. "$(dirname "$0")/tap.sh"
sql () {  # sql FILE QUERY: the rows, one a line, columns joined by "|"
  python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print('\n'.join('|'.join(str(v) for v in r) for r in c.execute(sys.argv[2])))" "$1" "$2"
}

# Two Flask articles that compete for "flask tutorial", and one that links
# to the one that goes.
C="$TMP/site/content"
mkdir -p "$C/flask"
article () {  # article FILE SLUG TITLE KIND QUERIES BODY
  printf -- '---\ntitle: %s\nslug: %s\nkind: %s\nkeywords: [%s]\n---\n%s\n' "$3" "$2" "$4" "$5" "$6" > "$1"
}
article "$C/flask/guide.md" flask-guide "Flask Guide" pillar "flask tutorial, learn flask" "The guide."
article "$C/flask/intro.md" flask-intro "Flask Intro" cluster "flask tutorial, flask for beginners" "Start here."
article "$C/flask/routing.md" flask-routing "Flask Routing" cluster "flask routing" "See [[flask-intro]] and [the intro](../flask-intro/)."
P="$TMP/map.topiary"
"$BIN" import "$C" "$P" > /dev/null 2>&1 || { echo "Bail out! the import failed"; exit 1; }

check "merge says what it did" \
  '"$BIN" merge "$P" flask-guide flask-intro > "$TMP/out" 2> "$TMP/err" && grep -q "Merged “Flask Intro” into “Flask Guide”" "$TMP/out" && [ ! -s "$TMP/err" ]'
check "the kept article has the absorbed text under its title" \
  'sql "$P" "SELECT b.text FROM body b JOIN article a ON a.id = b.article_id WHERE a.slug = '"'"'flask-guide'"'"'" > "$TMP/kept" && grep -q "^## Flask Intro$" "$TMP/kept" && grep -q "^Start here.$" "$TMP/kept"'
check "the absorbed article is gone" \
  '[ -z "$(sql "$P" "SELECT id FROM article WHERE slug = '"'"'flask-intro'"'"'")" ]'
check "links to it point at the kept article" \
  'sql "$P" "SELECT b.text FROM body b JOIN article a ON a.id = b.article_id WHERE a.slug = '"'"'flask-routing'"'"'" > "$TMP/routing" && grep -qF "See [[flask-guide]] and [the intro](../flask-guide/)." "$TMP/routing"'
check "its queries are the kept article's secondary ones, without duplicates" \
  '[ "$(sql "$P" "SELECT q.text, q.is_primary FROM query q JOIN article a ON a.id = q.article_id WHERE a.slug = '"'"'flask-guide'"'"' ORDER BY q.position" | tr "\n" ";")" = "flask tutorial|1;learn flask|0;flask for beginners|0;" ]'
check "check no longer reports the pair" \
  '"$BIN" check "$P" --json > "$TMP/check.json"; ! grep -q "flask-intro" "$TMP/check.json"'

check "an unknown slug is an error naming the file by its basename" \
  '! "$BIN" merge "$P" flask-guide nowhere > /dev/null 2> "$TMP/err" && grep -q "No article of “map.topiary” has the slug “nowhere”." "$TMP/err" && ! grep -q "$TMP" "$TMP/err"'
check "merging an article into itself is refused in one sentence" \
  '"$BIN" merge "$P" flask-guide flask-guide > /dev/null 2> "$TMP/err"; [ $? -eq 2 ] && grep -qx "topiary: An article cannot be merged into itself." "$TMP/err"'
check "two arguments are a usage error (exit 2)" \
  '"$BIN" merge "$P" flask-guide > /dev/null 2>&1; [ $? -eq 2 ]'
check "merge --help shows its usage line" '"$BIN" merge --help > "$TMP/help" && grep -q "topiary merge .*FILE.topiary KEEP_SLUG ABSORB_SLUG" "$TMP/help"'

tap_done
