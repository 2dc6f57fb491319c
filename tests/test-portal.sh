#!/usr/bin/env bash
# test-portal.sh — projects and export folders reached through the real
# document portal, as the Flatpak receives them from the file chooser.
#
# Starts xdg-document-portal on a private session bus with a private
# XDG_RUNTIME_DIR, adds files and folders to it over D-Bus as the file
# chooser portal does for io.github.topiary.Topiary (tests/portal/
# portal-add.py), and runs `topiary` and the core library (portal-tool, the
# app's autosave path) on the paths the app would see. Skipped, with the
# reason, only where /dev/fuse or the portal cannot run.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -u

BIN=${TOPIARY_BIN:?}
TOOL=${TOPIARY_PORTAL_TOOL:?}
ROOT=${TOPIARY_SOURCE_ROOT:?}
SEED="$ROOT/data/samples/flask-topical-map.txt"
PORTAL_BIN=${TOPIARY_DOCUMENT_PORTAL:-/usr/libexec/xdg-document-portal}
PY=/usr/bin/python3   # the system Python, which has PyGObject
ADD="$ROOT/tests/portal/portal-add.py"

skip () { echo "1..0 # SKIP $1"; exit 0; }

# Outside: check what is needed, then run again on a private session bus
# whose activated services (the permission store) see the private folders.
if [ -z "${TOPIARY_PORTAL_TMP:-}" ]; then
  [ -c /dev/fuse ] || skip "no /dev/fuse, so the document portal cannot mount its file system"
  [ -x "$PORTAL_BIN" ] || skip "no $PORTAL_BIN (Debian package xdg-desktop-portal)"
  command -v fusermount3 >/dev/null 2>&1 || skip "no fusermount3 (Debian package fuse3)"
  command -v dbus-run-session >/dev/null 2>&1 || skip "no dbus-run-session (Debian package dbus)"
  "$PY" -c 'import gi; gi.require_version("Gio", "2.0")' 2>/dev/null || skip "no PyGObject for $PY (python3-gi)"
  TOPIARY_PORTAL_TMP=$(mktemp -d)
  export TOPIARY_PORTAL_TMP
  mkdir -p "$TOPIARY_PORTAL_TMP/run" "$TOPIARY_PORTAL_TMP/data" "$TOPIARY_PORTAL_TMP/home"
  chmod 700 "$TOPIARY_PORTAL_TMP/run"
  export XDG_RUNTIME_DIR="$TOPIARY_PORTAL_TMP/run" XDG_DATA_HOME="$TOPIARY_PORTAL_TMP/data" \
         HOME="$TOPIARY_PORTAL_TMP/home"
  unset DBUS_SESSION_BUS_ADDRESS
  dbus-run-session -- bash "$0" "$@"
  status=$?
  rm -rf "$TOPIARY_PORTAL_TMP"
  exit $status
fi

TMP=$TOPIARY_PORTAL_TMP
DOC="$XDG_RUNTIME_DIR/doc"
PORTAL=""

start_portal () {
  "$PORTAL_BIN" >>"$TMP/portal.log" 2>&1 &
  PORTAL=$!
  for _ in $(seq 50); do
    grep " $DOC " /proc/self/mountinfo 2>/dev/null | grep -q " - fuse.portal " && return 0
    kill -0 "$PORTAL" 2>/dev/null || break
    sleep 0.1
  done
  return 1
}
stop_portal () {
  if [ -n "$PORTAL" ]; then
    kill -CONT "$PORTAL" 2>/dev/null
    kill "$PORTAL" 2>/dev/null
    wait "$PORTAL" 2>/dev/null
  fi
  PORTAL=""
  fusermount3 -u "$DOC" 2>/dev/null
  grep -q " $DOC " /proc/self/mountinfo && fusermount3 -uz "$DOC" 2>/dev/null
  return 0
}
trap 'stop_portal' EXIT

if ! start_portal; then
  stop_portal
  skip "xdg-document-portal did not mount its file system here: $(tail -n 3 "$TMP/portal.log" | tr '\n' ' ')"
fi

n=0; failed=0
ok ()   { n=$((n + 1)); echo "ok $n - $1"; }
nok ()  { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; [ -n "${2:-}" ] && echo "# $2"; }
check () {
  if eval "$2"; then ok "$1"; else
    nok "$1" "command: $2"
    [ -s "$TMP/err" ] && sed 's/^/# stderr: /' "$TMP/err"
  fi
  : >"$TMP/err"
}
add () { "$PY" "$ADD" add "$1"; }

echo "# xdg-desktop-portal $(dpkg-query -W -f='${Version}' xdg-desktop-portal 2>/dev/null || echo '(version unknown)'), Documents interface version $("$PY" "$ADD" version)"

HOST="$TMP/host"
mkdir -p "$HOST"
"$BIN" import "$SEED" "$HOST/flask.topiary" >/dev/null 2>&1
SLUG=$("$PY" - "$HOST/flask.topiary" <<'PY'
import sqlite3, sys
c = sqlite3.connect('file:' + sys.argv[1] + '?mode=ro', uri=True)
print(c.execute("select slug from article order by id limit 1").fetchone()[0])
PY
)
rm -f "$HOST/flask.topiary-wal" "$HOST/flask.topiary-shm"

P=$(add "$HOST/flask.topiary")
echo "# the app sees the project as $P"
check "the portal path is a per-app document path" '[[ "$P" == "$DOC/by-app/io.github.topiary.Topiary/"*/flask.topiary ]] && [ -f "$P" ]'

# open
check "info opens a project picked through the portal" '"$BIN" info "$P" >"$TMP/info.out" 2>"$TMP/err" && grep -q "Design & Architecture" "$TMP/info.out"'
check "no 'unable to open database file'" '"$BIN" info "$P" >/dev/null 2>"$TMP/out.err"; ! grep -qi "unable to open" "$TMP/out.err"'
check "opening leaves nothing beside the document" '[ "$(ls -A "$(dirname "$P")")" = flask.topiary ] && [ "$(ls -A "$HOST")" = flask.topiary ]'
check "search works on a portal project" '"$BIN" search "$P" gunicorn | grep -q gunicorn'

# autosave (the app's save_body) and reopen
check "an autosave through the portal is committed" '"$TOOL" save-body "$P" "$SLUG" "first autosave"'
check "reopening through the portal shows it" '[ "$("$TOOL" get-body "$P" "$SLUG")" = "first autosave" ]'
check "the picked file itself holds it (written back)" 'cp "$HOST/flask.topiary" "$TMP/copy.topiary" && [ "$("$TOOL" get-body "$TMP/copy.topiary" "$SLUG")" = "first autosave" ]'
check "nothing is left beside the document after saving" '[ "$(ls -A "$(dirname "$P")")" = flask.topiary ] && [ "$(ls -A "$HOST")" = flask.topiary ]'
check "no working copy remains once the project is closed" '[ -z "$(find "$XDG_DATA_HOME/topiary/portal" -name "*.topiary*")" ]'

# a second process on the same project is detected
mkfifo "$TMP/hold.in"
"$TOOL" hold "$P" <"$TMP/hold.in" >"$TMP/hold.out" 2>&1 &
hold_pid=$!
exec 7>"$TMP/hold.in"   # the holder runs until this closes
for _ in $(seq 200); do grep -q held "$TMP/hold.out" && break; kill -0 "$hold_pid" 2>/dev/null || break; sleep 0.1; done
printf '# A\n## Held group\n' >"$TMP/held.md"
check "a second process is told the project is in use" 'grep -q held "$TMP/hold.out" && ! "$BIN" import "$TMP/held.md" "$P" >/dev/null 2>"$TMP/err" && grep -q "another program" "$TMP/err"'
exec 7>&-
wait "$hold_pid" 2>/dev/null

# import into a portal project
printf '# Map\n## Portal group\n### Portal pillar\n' >"$TMP/extra.md"
check "import into a portal project" '"$BIN" import "$TMP/extra.md" "$P" >/dev/null 2>"$TMP/err"'
check "the import is in the project and in the picked file" '"$BIN" info "$P" | grep -q "Portal group" && cp "$HOST/flask.topiary" "$TMP/copy.topiary" && "$BIN" info "$TMP/copy.topiary" | grep -q "Portal group"'

# kill -9 during an autosave: the portal is stopped as soon as the commit
# is in the working copy, so the process is killed while writing back.
"$PY" - "$HOST/flask.topiary" <<'PY'
import sqlite3, sys, os
c = sqlite3.connect(sys.argv[1])
c.execute("create table if not exists padding (x blob)")   # makes the write-back last
c.execute("insert into padding values (?)", (os.urandom(24 << 20),))
c.commit()
c.execute("pragma wal_checkpoint(truncate)")
c.close()
PY
rm -f "$HOST/flask.topiary-wal" "$HOST/flask.topiary-shm"
KEY=$(printf '%s' "$(basename "$(dirname "$P")")/flask.topiary" | sha256sum | cut -d' ' -f1)
WORK="$XDG_DATA_HOME/topiary/portal/$KEY"
killed_in_write_back () {
  local text=$1 watcher pid attempt
  # The kill must land while the write-back waits on the stopped portal;
  # on a busy machine the watcher can stop the portal too late, the save
  # then simply finishes, and the same save is tried again.
  for attempt in 1 2 3; do
    : >"$TMP/watch.out"
    "$PY" "$ADD" stop-on-create "$WORK" .snapshot- "$PORTAL" >"$TMP/watch.out" &
    watcher=$!
    for _ in $(seq 100); do grep -q ready "$TMP/watch.out" && break; sleep 0.1; done
    "$TOOL" save-body "$P" "$SLUG" "$text" 2>"$TMP/err" &
    pid=$!
    wait "$watcher" || { kill -9 "$pid"; kill -CONT "$PORTAL"; return 1; }
    sleep 1   # the snapshot is taken; the copy into the portal now waits
    if ! kill -0 "$pid" 2>/dev/null; then
      kill -CONT "$PORTAL"
      echo "# attempt $attempt finished before it was killed"
      continue
    fi
    kill -9 "$pid"
    # A FUSE request the portal had already read is waited out even by a
    # killed process, so the portal must go on before the kill completes.
    kill -CONT "$PORTAL"
    wait "$pid" 2>/dev/null
    return 0
  done
  return 1
}
check "an autosave is killed (kill -9) while it writes back" 'killed_in_write_back "typed before kill -9"'
check "the picked file does not hold it yet, and is intact" 'cp "$HOST/flask.topiary" "$TMP/copy.topiary" && [ "$("$TOOL" get-body "$TMP/copy.topiary" "$SLUG")" = "first autosave" ]'
check "reopening after kill -9 loses nothing" '[ "$("$TOOL" get-body "$P" "$SLUG")" = "typed before kill -9" ]'
check "the next write writes it back" '"$TOOL" save-body "$P" "$SLUG" "after recovery" && cp "$HOST/flask.topiary" "$TMP/copy.topiary" && [ "$("$TOOL" get-body "$TMP/copy.topiary" "$SLUG")" = "after recovery" ]'
check "nothing is left beside the document after the kill" '[ "$(ls -A "$(dirname "$P")")" = flask.topiary ]'
check "a kill -9, then the app's start-up recovery writes it back without an open" 'killed_in_write_back "recovered at start" && [ "$("$TOOL" recover)" = 1 ] && cp "$HOST/flask.topiary" "$TMP/copy.topiary" && [ "$("$TOOL" get-body "$TMP/copy.topiary" "$SLUG")" = "recovered at start" ] && [ "$("$TOOL" recover)" = 0 ]'
check "a second kill -9, then a read-write open writes it back at once" 'killed_in_write_back "second kill" && "$BIN" import "$TMP/extra.md" "$P" >/dev/null && cp "$HOST/flask.topiary" "$TMP/copy.topiary" && [ "$("$TOOL" get-body "$TMP/copy.topiary" "$SLUG")" = "second kill" ]'
# killed, and meanwhile the file is changed on the host: neither version
# is thrown away (the host's is opened, the working copy is set aside)
check "killed, then changed on the host: the host's version opens, the unsaved one is kept aside" 'killed_in_write_back "unsaved in the app" && "$TOOL" save-body "$HOST/flask.topiary" "$SLUG" "changed on the host" && rm -f "$HOST/flask.topiary-wal" "$HOST/flask.topiary-shm" && [ "$("$TOOL" get-body "$P" "$SLUG")" = "changed on the host" ] && aside=$(ls -d "$WORK"-recovered-*/flask.topiary) && [ "$("$TOOL" get-body "$aside" "$SLUG")" = "unsaved in the app" ]'

# a large project under a main loop (the app): write-backs paced to their
# cost, and the last change still reaches the file without another commit
check "autosaves of a large project under a main loop are paced and the last one is written back" '"$TOOL" burst "$P" "$SLUG" "$HOST/flask.topiary" 20 >"$TMP/burst.out" && read -r _ c _ w _ l <"$TMP/burst.out" && echo "# $(cat "$TMP/burst.out")" && [ "$c" = 20 ] && [ "$w" -ge 2 ] && [ "$w" -lt 10 ] && [ "$l" = 1 ] && cp "$HOST/flask.topiary" "$TMP/copy.topiary" && [ "$("$TOOL" get-body "$TMP/copy.topiary" "$SLUG")" = "burst 19" ]'

# persistent documents survive a restart of the portal (a new session)
stop_portal
check "the portal restarts" 'start_portal'
check "the same path opens after the portal restarted" '"$BIN" info "$P" | grep -q "Portal group"'

# a new project saved through the portal (the save dialog's case)
N=$("$PY" "$ADD" add-named "$HOST" new.topiary)
check "the save dialog's path does not exist yet" '[ ! -e "$N" ]'
check "a new project through a portal path (core, as the app creates one)" '"$TOOL" create "$N" && "$BIN" info "$N" >/dev/null && [ -f "$HOST/new.topiary" ]'
N3=$("$PY" "$ADD" add-named "$HOST" "Plan without suffix")
check "a save-dialog path is known as a portal document (the app keeps its name)" '"$TOOL" is-document "$N3" && "$TOOL" is-document "$P" && ! "$TOOL" is-document "$HOST/flask.topiary" && ! "$TOOL" is-document "$DOC/by-app"'
check "a new project under a name without .topiary is the picked file" '"$TOOL" create "$N3" && "$BIN" info "$HOST/Plan without suffix" | grep -q "New map"'
N2=$("$PY" "$ADD" add-named "$HOST" imported.topiary)
check "import into a new project at a portal path" '"$BIN" import "$SEED" "$N2" >/dev/null 2>"$TMP/err" && "$BIN" info "$N2" | grep -q "Design & Architecture"'
check "the new project is the picked file, with nothing beside it" '"$BIN" info "$HOST/imported.topiary" | grep -q "Design & Architecture" && [ "$(ls -A "$(dirname "$N2")")" = imported.topiary ]'

# a document that is gone says so
GONE=$(add "$HOST/new.topiary")
"$PY" "$ADD" delete "$GONE"
check "a project whose document is gone says it does not exist" '! "$BIN" info "$GONE" >/dev/null 2>"$TMP/err" && grep -q "“new.topiary” does not exist." "$TMP/err" && [ "$(wc -l <"$TMP/err")" -eq 1 ]'

# site and Hugo exports into a folder picked through the portal: the
# folder is the document itself, which cannot be renamed and beside which
# nothing can be made, so the export is written inside it
mkdir -p "$TMP/out/site" "$TMP/out/hugo"
S=$(add "$TMP/out/site")
H=$(add "$TMP/out/hugo")
no_temporaries () {  # the replaced export is removed in the background
  for _ in $(seq 100); do
    [ -z "$(ls -A "$1" | grep -e "^\.topiary-old-" -e "^\.topiary-new-")" ] && return 0
    sleep 0.1
  done
  return 1
}
check "a site export into a portal folder" '"$BIN" export "$P" "$S" --drafts >/dev/null 2>"$TMP/err" && [ -f "$S/index.html" ] && [ -f "$TMP/out/site/index.html" ]'
echo "example.org" >"$S/CNAME"
check "the project changes before the second export" '"$TOOL" save-body "$P" "$SLUG" "changed for the second export"'
check "a second site export replaces the first in the portal folder" '"$BIN" export "$P" "$S" --drafts >/dev/null 2>"$TMP/err" && [ -f "$S/index.html" ] && grep -rq "changed for the second export" "$TMP/out/site"'
check "the file the user added to the portal folder is kept" '[ "$(cat "$TMP/out/site/CNAME")" = example.org ]'
check "nothing of the export is left inside or beside the folder" 'no_temporaries "$TMP/out/site" && [ "$(ls -A "$TMP/out")" = "$(printf "hugo\nsite")" ]'
check "a Hugo export into a portal folder" '"$BIN" export "$P" "$H" --format hugo --drafts >/dev/null 2>"$TMP/err" && [ -d "$TMP/out/hugo/content" ]'
check "the project changes before the second Hugo export" '"$TOOL" save-body "$P" "$SLUG" "changed for the second Hugo export"'
check "a second Hugo export replaces the first" '"$BIN" export "$P" "$H" --format hugo --drafts >/dev/null 2>"$TMP/err" && grep -rq "changed for the second Hugo export" "$TMP/out/hugo/content" && no_temporaries "$TMP/out/hugo"'

# a Hugo folder and a theme folder picked through the portal are read:
# the portal answers every O_NOFOLLOW open in them with ELOOP
mkdir -p "$TMP/hugo-src/content/guides"
printf -- '---\ntitle: "Guides"\n---\nAbout guides.\n' >"$TMP/hugo-src/content/guides/_index.md"
printf -- '---\ntitle: "First guide"\n---\nBody of the first guide.\n' >"$TMP/hugo-src/content/guides/first.md"
HS=$(add "$TMP/hugo-src")
check "a Hugo folder picked through the portal imports every file" '"$BIN" import "$HS" "$TMP/from-hugo.topiary" >/dev/null 2>"$TMP/err" && ! grep -q "could not be read" "$TMP/err" && "$BIN" search "$TMP/from-hugo.topiary" "first guide" | grep -q first'
cp -r "$ROOT/data/themes/default" "$TMP/theme"
TH=$(add "$TMP/theme")
mkdir -p "$TMP/out/themed"
check "a theme folder picked through the portal is used" '"$BIN" export "$P" "$TMP/out/themed" --theme "$TH" --drafts >/dev/null 2>"$TMP/err" && [ -f "$TMP/out/themed/index.html" ]'

# a single-file export saved through the portal, then replaced
J=$("$PY" "$ADD" add-named "$HOST" plan.json)
check "a JSON export to a save-dialog path" '"$BIN" export "$P" "$J" --format json >/dev/null 2>"$TMP/err" && "$PY" -c "import json,sys; json.load(open(sys.argv[1]))" "$HOST/plan.json"'
check "a second JSON export replaces the first (recognised through the portal)" '"$BIN" export "$P" "$J" --format json >/dev/null 2>"$TMP/err" && [ "$(ls -A "$(dirname "$J")")" = plan.json ]'

echo "1..$n"
[ "$failed" -eq 0 ]
