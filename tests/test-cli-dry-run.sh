#!/usr/bin/env bash
# test-cli-dry-run.sh — `topiary import --dry-run [--json]` shows what an
# import would create and writes nothing (issue 11)
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -u

BIN=${TOPIARY_BIN:?}
ROOT=${TOPIARY_SOURCE_ROOT:?}
SEED="$ROOT/data/samples/flask-topical-map.txt"
MAPS="$ROOT/tests/data/maps"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
unset DISPLAY WAYLAND_DISPLAY DBUS_SESSION_BUS_ADDRESS
# The map-text importer reads into a private temporary project: it must go.
export TMPDIR="$TMP/tmpdir"
mkdir -p "$TMPDIR" "$TMP/work"

. "$(dirname "$0")/tap.sh"
# Every name in the folder, hidden ones too, with size and time to the ns.
listing () { (cd "$1" && find . -printf '%p %s %T@\n' | sort); }

W="$TMP/work"
DOC="$MAPS/budgeting-apps-fields.md"

# A target that does not exist stays absent, and nothing appears beside it.
before=$(listing "$W")
check "a dry run into a new project exits 0 and says what it would create" \
  '"$BIN" import "$DOC" "$W/new.topiary" --dry-run > "$TMP/plan.txt" 2>"$TMP/err" && grep -q "Would create 2 groups, 6 articles" "$TMP/plan.txt"'
check "the dry run shows the tree: groups, pillars and clusters" \
  'grep -q "^Self-hosted budgeting apps$" "$TMP/plan.txt" && grep -q "■ Self-Hosted Budgeting Apps: The Complete Guide  /self-hosted-budgeting-apps" "$TMP/plan.txt" && grep -q "    · Actual Budget Review  /actual-budget" "$TMP/plan.txt"'
check "a dry run into a new project creates no file" '[ ! -e "$W/new.topiary" ] && [ "$(listing "$W")" = "$before" ]'

# --json: the plan as one object, counted.
check "--dry-run --json prints the plan as JSON" \
  '"$BIN" import "$DOC" "$W/new.topiary" --dry-run --json > "$TMP/plan.json" && [ "$(json_get "$TMP/plan.json" "d[\"counts\"][\"groups\"], d[\"counts\"][\"articles\"], d[\"counts\"][\"notes\"]")" = "(2, 6, 0)" ]'
check "the JSON plan names each group's pillar and clusters with their fields" \
  '[ "$(json_get "$TMP/plan.json" "\" \".join([g[\"pillar\"][\"slug\"] for g in d[\"groups\"]] + [c[\"slug\"] for c in d[\"groups\"][1][\"clusters\"]] + [d[\"groups\"][0][\"pillar\"][\"queries\"][0], d[\"groups\"][0][\"clusters\"][1][\"status\"]])")" = "self-hosted-budgeting-apps zero-based-budgeting envelope-budgeting-app 50-30-20-calculator self hosted budgeting app drafting" ]'
check "a dry run with --json into a new project creates no file" '[ ! -e "$W/new.topiary" ] && [ "$(listing "$W")" = "$before" ]'

# An existing project: its bytes and the folder stay as they were.
"$BIN" import "$SEED" "$W/map.topiary" >/dev/null 2>&1
sum=$(sha256sum "$W/map.topiary")
before=$(listing "$W")
check "a dry run into an existing project exits 0" '"$BIN" import "$DOC" "$W/map.topiary" --dry-run > /dev/null 2>"$TMP/err"'
check "a dry run leaves the project's bytes as they were" '[ "$(sha256sum "$W/map.topiary")" = "$sum" ]'
check "a dry run leaves the folder listing as it was (no -wal, -shm or temporary)" '[ "$(listing "$W")" = "$before" ]'

# The seed's page text, read through a private temporary project.
check "a dry run of the seed shows its 7 groups and 43 planned articles" \
  '"$BIN" import "$SEED" "$W/seed.topiary" --dry-run --json > "$TMP/seed.json" && [ "$(json_get "$TMP/seed.json" "\"%s %d %d\" % (d[\"format\"], d[\"counts\"][\"groups\"], d[\"counts\"][\"articles\"] - d[\"counts\"][\"ideas\"])")" = "map 7 43" ]'
check "the dry run of the seed writes nothing beside the target" '[ ! -e "$W/seed.topiary" ] && [ "$(listing "$W")" = "$before" ]'
check "the dry run of the seed leaves no temporary project behind" '[ -z "$(ls -A "$TMPDIR")" ]'

# The page text is read straight into the plan: no temporary project, so
# a dry run works where there is no usable temporary folder.
check "a dry run of the seed needs no temporary folder" \
  'TMPDIR="$TMP/none" "$BIN" import "$SEED" "$W/seed.topiary" --dry-run --json > "$TMP/seed2.json" 2>"$TMP/err" && cmp -s "$TMP/seed.json" "$TMP/seed2.json" && [ ! -e "$TMP/none" ] && [ ! -e "$W/seed.topiary" ]'

# A Hugo folder is read into the plan too (front matter only), without a
# temporary project.
HUGO="$TMP/site"
mkdir -p "$HUGO/content/guides"
printf -- '---\ntitle: Guides\ndescription: How-tos.\n---\n' > "$HUGO/content/guides/_index.md"
printf -- '---\ntitle: Start here\npillar: true\nkeywords: [start guide]\n---\nBody.\n' > "$HUGO/content/guides/start.md"
printf -- '---\ntitle: Second step\nstatus: drafting\n---\nMore.\n' > "$HUGO/content/guides/second.md"
before=$(listing "$W")
check "a dry run of a Hugo folder needs no temporary folder and shows its group, pillar and cluster" \
  'TMPDIR="$TMP/none" "$BIN" import "$HUGO" "$W/hugo.topiary" --dry-run --json > "$TMP/hugo.json" 2>"$TMP/err" && [ "$(json_get "$TMP/hugo.json" "\" \".join([d[\"format\"], d[\"groups\"][0][\"title\"], d[\"groups\"][0][\"description\"], d[\"groups\"][0][\"pillar\"][\"slug\"], d[\"groups\"][0][\"pillar\"][\"queries\"][0], d[\"groups\"][0][\"clusters\"][0][\"slug\"], d[\"groups\"][0][\"clusters\"][0][\"status\"]])")" = "hugo Guides How-tos. start start guide second drafting" ] && [ ! -e "$TMP/none" ]'
check "the dry run of a Hugo folder writes nothing" '[ ! -e "$W/hugo.topiary" ] && [ "$(listing "$W")" = "$before" ]'

# The plan is what the import then does.
check "the import creates what the dry run showed" \
  '"$BIN" import "$DOC" "$W/real.topiary" >/dev/null 2>&1 && "$BIN" info "$W/real.topiary" --json > "$TMP/info.json" && [ "$(json_get "$TMP/info.json" "d[\"groups\"], d[\"articles\"]")" = "$(json_get "$TMP/plan.json" "d[\"counts\"][\"groups\"], d[\"counts\"][\"articles\"]")" ]'

# Warnings are part of the plan; errors are one sentence.
check "the JSON plan carries the warnings" \
  '"$BIN" import "$MAPS/film-photography-keywords.md" "$W/x.topiary" --dry-run --json > "$TMP/film.json" && [ "$(json_get "$TMP/film.json" "len(d[\"warnings\"])")" = 3 ]'
check "--json without --dry-run is refused" '! "$BIN" import "$DOC" "$W/y.topiary" --json 2>"$TMP/err" && grep -q "dry-run" "$TMP/err" && [ ! -e "$W/y.topiary" ]'
printf '\0\1\2' > "$TMP/blob.bin"
check "a dry run of a binary file fails with one sentence" '! "$BIN" import "$TMP/blob.bin" "$W/z.topiary" --dry-run 2>"$TMP/err" && [ "$(wc -l < "$TMP/err")" -eq 1 ] && [ ! -e "$W/z.topiary" ]'

# The choices that fix a wrong reading, shown and then imported.
ESP="$MAPS/espresso-claude-yaml.md"
check "--group-level 3 makes each article heading a group in the plan" \
  '"$BIN" import "$ESP" "$W/esp.topiary" --dry-run --json --group-level 3 > "$TMP/esp.json" && [ "$(json_get "$TMP/esp.json" "d[\"counts\"][\"groups\"]")" = 7 ] && [ ! -e "$W/esp.topiary" ]'
check "the import with --group-level 3 creates what its dry run showed" \
  '"$BIN" import "$ESP" "$W/esp.topiary" --group-level 3 >/dev/null 2>&1 && "$BIN" info "$W/esp.topiary" --json > "$TMP/esp-info.json" && [ "$(json_get "$TMP/esp-info.json" "d[\"groups\"]")" = 7 ]'
check "--column reads a column as the field given" \
  '"$BIN" import "$MAPS/film-photography-keywords.md" "$W/f.topiary" --dry-run --json --column "SEO title=title,H1=note" > "$TMP/f.json" && [ "$(json_get "$TMP/f.json" "d[\"groups\"][2][\"pillar\"][\"title\"]")" = "How to Set Up a Darkroom in Your Bathroom (2026)" ]'
check "--items-as-ideas keeps list items out of the groups" \
  '"$BIN" import "$MAPS/selfhosting-checklist.md" "$W/s.topiary" --dry-run --json --items-as-ideas > "$TMP/s.json" && [ "$(json_get "$TMP/s.json" "d[\"counts\"][\"ideas\"]")" = 7 ]'
check "a group level outside 1 to 6 is refused" '! "$BIN" import "$ESP" "$W/e2.topiary" --group-level 9 2>"$TMP/err" && grep -q "group-level" "$TMP/err" && [ ! -e "$W/e2.topiary" ]'
check "a column choice with an unknown field is refused" '! "$BIN" import "$ESP" "$W/e3.topiary" --column "Keyword=colour" 2>"$TMP/err" && grep -q "HEADER=FIELD" "$TMP/err" && [ ! -e "$W/e3.topiary" ]'

tap_done
