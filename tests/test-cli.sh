#!/usr/bin/env bash
# test-cli.sh — the headless `topiary` command, as a user runs it
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -u

BIN=${TOPIARY_BIN:?}
ROOT=${TOPIARY_SOURCE_ROOT:?}
SEED="$ROOT/data/samples/flask-topical-map.txt"
TMP=$(mktemp -d)
trap 'chmod -R u+w "$TMP"; rm -rf "$TMP"' EXIT
# No display and no session bus: subcommands must not need them.
unset DISPLAY WAYLAND_DISPLAY DBUS_SESSION_BUS_ADDRESS

. "$(dirname "$0")/tap.sh"


# --version and --help
check "--version prints the version" '"$BIN" --version | grep -Eq "^topiary [0-9]+\.[0-9]+"'
check "--help lists every subcommand" '"$BIN" --help > "$TMP/help" && for c in import export info check search; do grep -q "topiary $c" "$TMP/help" || exit 1; done'
check "an unknown option is refused" '! "$BIN" info --bogus x 2>"$TMP/err" && grep -q "Unknown option" "$TMP/err"'

# import the seed
P="$TMP/flask.topiary"
check "the seed imports" '"$BIN" import "$SEED" "$P" > "$TMP/import.out" 2>"$TMP/import.err"'
check "info --json is one JSON object" '"$BIN" info "$P" --json > "$TMP/info.json" && json_get "$TMP/info.json" "type(d).__name__" | grep -qx dict'
check "info --json counts the seed exactly" '[ "$(json_get "$TMP/info.json" "d[\"groups\"], d[\"pillars\"], d[\"clusters\"]")" = "(7, 7, 36)" ]'
check "info --json counts the ideas" '[ "$(json_get "$TMP/info.json" "d[\"ideas\"] >= 85 and d[\"articles\"] == 43 + d[\"ideas\"]")" = True ]'
check "info --json has notes, words and per-status counts" '[ "$(json_get "$TMP/info.json" "d[\"notes\"] > 10 and \"words\" in d and d[\"status\"][\"planned\"] == 43")" = True ]'
check "info prints a readable summary" '"$BIN" info "$P" | grep -q "Design & Architecture"'

# a second import adds nothing twice
check "re-importing the seed updates instead of duplicating" '"$BIN" import "$SEED" "$P" >/dev/null 2>&1 && "$BIN" info "$P" --json > "$TMP/info2.json" && [ "$(json_get "$TMP/info2.json" "d[\"articles\"]")" = "$(json_get "$TMP/info.json" "d[\"articles\"]")" ]'

# search
check "search finds an article with a snippet" '"$BIN" search "$P" gunicorn > "$TMP/search.out" && grep -q "running-flask-on-gunicorn" "$TMP/search.out" && grep -q "\[Gunicorn\]" "$TMP/search.out"'
check "search with no hit exits 1" '! "$BIN" search "$P" zzyzxqq >/dev/null 2>&1'
check "search tolerates FTS syntax" '"$BIN" search "$P" "\"flask OR (" >/dev/null 2>"$TMP/err"; [ $? -le 1 ] && [ ! -s "$TMP/err" ] || grep -q "No article" "$TMP/err"'

# check: the imported plan has no bodies yet, so structure only
check "check --json prints findings as JSON" '"$BIN" check "$P" --json > "$TMP/check.json"; [ $? -le 1 ] && python3 -c "import json,sys; json.load(open(sys.argv[1]))" "$TMP/check.json"'

# foreign and damaged files: one sentence, non-zero exit, file unchanged
refused () {  # refused FILE WORD
  local before after
  before=$(sha256sum "$1")
  if "$BIN" info "$1" >/dev/null 2>"$TMP/err"; then return 1; fi
  after=$(sha256sum "$1")
  [ "$before" = "$after" ] && [ "$(wc -l < "$TMP/err")" -eq 1 ] && grep -qi "$2" "$TMP/err" && \
    [ ! -e "$1-wal" ]
}
echo "just some text" > "$TMP/notes.topiary"
check "a text file is refused and left unchanged" 'refused "$TMP/notes.topiary" "not a Topiary project"'
python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('create table cookies(x)'); c.commit()" "$TMP/other.topiary"
check "another application's database is refused" 'refused "$TMP/other.topiary" "another application"'
cp "$P" "$TMP/newer.topiary"
python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('pragma journal_mode=delete'); c.execute('pragma user_version=42'); c.commit()" "$TMP/newer.topiary"
check "a project from a newer Topiary is refused" 'refused "$TMP/newer.topiary" "newer version"'
head -c 20000 "$P" > "$TMP/cut.topiary"
check "a truncated project is refused" 'refused "$TMP/cut.topiary" "damaged"'
check "a missing file is reported" '! "$BIN" info "$TMP/nope.topiary" 2>"$TMP/err" && grep -q "does not exist" "$TMP/err"'

# import failures leave nothing behind
printf '\x00\x01\x02binary' > "$TMP/blob.bin"
check "importing a binary file fails cleanly" '! "$BIN" import "$TMP/blob.bin" "$TMP/new.topiary" 2>"$TMP/err" && [ ! -e "$TMP/new.topiary" ] && [ "$(wc -l < "$TMP/err")" -eq 1 ]'
check "a failed import leaves no temporary file" '! "$BIN" import "$TMP/blob.bin" "$TMP/new2.topiary" --format csv 2>/dev/null && [ -z "$(ls "$TMP" | grep -e "\.import-" -e "new2")" ]'
printf 'Title,Group\n' > "$TMP/empty.csv"
check "an import with nothing in it creates no project" '! "$BIN" import "$TMP/empty.csv" "$TMP/new3.topiary" 2>"$TMP/err" && [ ! -e "$TMP/new3.topiary" ] && [ "$(wc -l < "$TMP/err")" -eq 1 ]'
cp "$P" "$TMP/keep.topiary"
before=$(sha256sum "$TMP/keep.topiary")
check "a failed import into a project changes nothing" '! "$BIN" import "$TMP/blob.bin" "$TMP/keep.topiary" --format csv 2>/dev/null; [ "$(sha256sum "$TMP/keep.topiary")" = "$before" ]'
check "an unknown import format is refused" '! "$BIN" import "$SEED" "$TMP/x.topiary" --format docx 2>"$TMP/err" && grep -q "Unknown format" "$TMP/err"'

# sources read through a pipe: read whole, once, detected on what was read
python3 -c '
import sys
with open(sys.argv[1], "w") as f:
    f.write("# Piped plan\n\n")
    for g in range(20):
        f.write("## Group %d\n\n" % g)
        for i in range(100):
            f.write("- Article %d of group %d — a summary long enough to make the outline pass 64 KiB\n" % (g * 100 + i, g))
        f.write("\n")
' "$TMP/outline-2000.md"
check "a 2,000-article outline imports whole through a pipe" 'cat "$TMP/outline-2000.md" | "$BIN" import /dev/stdin "$TMP/piped.topiary" >/dev/null 2>"$TMP/err" && "$BIN" info "$TMP/piped.topiary" --json > "$TMP/piped.json" && [ "$(json_get "$TMP/piped.json" "d[\"articles\"], d[\"groups\"]")" = "(2000, 20)" ]'
check "an endless pipe stops at the size limit with one sentence" '! timeout 60 sh -c "yes | \"$BIN\" import /dev/stdin \"$TMP/endless.topiary\"" 2>"$TMP/err" && [ "$(wc -l < "$TMP/err")" -eq 1 ] && grep -q "64 MB" "$TMP/err" && [ ! -e "$TMP/endless.topiary" ] && [ -z "$(ls "$TMP" | grep "endless")" ]'

# a Hugo folder reads only its own regular files
H="$TMP/hostile/content/guides"
mkdir -p "$H"
printf -- '---\ntitle: Fine\n---\nFine body.\n' > "$H/fine.md"
ln -s /etc/passwd "$H/passwd.md"
ln -s /dev/zero "$H/zero.md"
mkfifo "$H/pipe.md"
check "a Hugo import skips links out, devices and FIFOs, and names them" 'timeout 60 "$BIN" import "$TMP/hostile" "$TMP/hostile.topiary" >/dev/null 2>"$TMP/err" && grep -q "passwd.md" "$TMP/err" && grep -q "zero.md" "$TMP/err" && grep -q "pipe.md" "$TMP/err" && "$BIN" info "$TMP/hostile.topiary" --json > "$TMP/hostile.json" && [ "$(json_get "$TMP/hostile.json" "d[\"articles\"]")" = 1 ]'
check "nothing of /etc/passwd reaches the export" '"$BIN" export "$TMP/hostile.topiary" "$TMP/hostile-site" --drafts >/dev/null 2>&1 && ! grep -rq "root:" "$TMP/hostile-site"'

# read-only project
cp "$P" "$TMP/ro.topiary"; chmod 0444 "$TMP/ro.topiary"
check "a read-only project can still be read" '"$BIN" info "$TMP/ro.topiary" >/dev/null'

# export into the folder of an earlier export
no_old_export () {  # waits up to 20 s for the replaced export to be deleted
  for _ in $(seq 200); do
    ls -A "$TMP" | grep -q "^\.site\.topiary-" || return 0
    sleep 0.1
  done
  return 1
}
check "a site export writes its marker" '"$BIN" export "$P" "$TMP/site" --drafts >/dev/null && cp "$TMP/site/.topiary-export" "$TMP/marker1"'
sleep 1.1  # the marker's time stamp has seconds
# Through a pipe, as a script would: the background removal must not hold
# it open, or this would wait for it.
check "exporting again replaces the earlier export and returns" 'out=$(timeout 20 "$BIN" export "$P" "$TMP/site" --drafts) && echo "$out" | grep -q "Exported to" && ! cmp -s "$TMP/site/.topiary-export" "$TMP/marker1" && [ -f "$TMP/site/index.html" ]'
check "the replaced export is deleted afterwards, nothing is left beside the site" 'no_old_export'

check "a re-export keeps the files the user added" 'echo example.org > "$TMP/site/CNAME" && mkdir -p "$TMP/site/.git" && echo x > "$TMP/site/.git/HEAD" && "$BIN" export "$P" "$TMP/site" --drafts >/dev/null && [ -f "$TMP/site/CNAME" ] && [ -f "$TMP/site/.git/HEAD" ] && [ -f "$TMP/site/index.html" ]'

# --force never replaces the project's folder or home, however they are named
mkdir -p "$TMP/fakeroot/me" && echo mine > "$TMP/fakeroot/me/precious.txt"
ln -s "$TMP/fakeroot" "$TMP/homelink"
ln -s "$(dirname "$TMP")" "$TMP/up"
check "export --force refuses home reached through a link" '! HOME="$TMP/fakeroot/me" "$BIN" export "$P" "$TMP/homelink/me" --force 2>"$TMP/err" && [ -f "$TMP/fakeroot/me/precious.txt" ] && [ "$(wc -l < "$TMP/err")" -eq 1 ]'
check "export --force refuses a folder above home" '! HOME="$TMP/fakeroot/me" "$BIN" export "$P" "$TMP/up/$(basename "$TMP")/fakeroot" --force 2>"$TMP/err" && [ -f "$TMP/fakeroot/me/precious.txt" ]'
check "export --force refuses the folder holding the project, reached through a link" '! "$BIN" export "$P" "$TMP/up/$(basename "$TMP")" --force 2>"$TMP/err" && [ -f "$P" ] && grep -q "holds the project" "$TMP/err"'

# single files: never the project, never a file of the user's without --force
before=$(sha256sum "$P")
check "a JSON export never replaces the project it reads" '! "$BIN" export "$P" "$P" --format json --force 2>"$TMP/err" && [ "$(sha256sum "$P")" = "$before" ] && [ "$(wc -l < "$TMP/err")" -eq 1 ]'
cp "$P" "$TMP/plan.json"
before_plan=$(sha256sum "$TMP/plan.json")
check "a project named plan.json is not overwritten by an export" '! "$BIN" export "$P" "$TMP/plan.json" --format json 2>/dev/null && ! "$BIN" export "$P" "$TMP/plan.json" --format json --force 2>/dev/null && [ "$(sha256sum "$TMP/plan.json")" = "$before_plan" ]'
check "a JSON export under any name can be exported again" '"$BIN" export "$P" "$TMP/plan.data" --format json >/dev/null && "$BIN" export "$P" "$TMP/plan.data" --format json >/dev/null'
echo "my notes" > "$TMP/notes.csv"
check "a CSV export does not replace the user's file without --force" '! "$BIN" export "$P" "$TMP/notes.csv" --format csv 2>/dev/null && [ "$(cat "$TMP/notes.csv")" = "my notes" ]'
echo half > "$TMP/.out.json.topiary-Ab12Cd" && touch -d "1 hour ago" "$TMP/.out.json.topiary-Ab12Cd"
check "a killed JSON export's temporary file goes on the next run" '"$BIN" export "$P" "$TMP/out.json" --format json >/dev/null && [ ! -e "$TMP/.out.json.topiary-Ab12Cd" ]'

# themes
check "--theme /etc is no theme" '! "$BIN" export "$P" "$TMP/etc-site" --theme /etc 2>"$TMP/err" && [ ! -e "$TMP/etc-site" ] && grep -q "not a theme" "$TMP/err"'

# A project that cannot be read whole is an error, not half a map
python3 -c "
import sqlite3,sys
src=sqlite3.connect(sys.argv[1]); dst=sqlite3.connect(sys.argv[2]); src.backup(dst)
dst.execute('drop table query'); dst.commit()" "$P" "$TMP/unreadable.topiary"
for c in info check; do
  check "$c reports a project it cannot read whole" '"$BIN" '$c' "$TMP/unreadable.topiary" >/dev/null 2>"$TMP/err"; [ $? -eq 2 ] && grep -q "“unreadable.topiary”: no such table: query" "$TMP/err"'
done
check "export reports a project it cannot read whole" '! "$BIN" export "$TMP/unreadable.topiary" "$TMP/unreadable-site" 2>"$TMP/err" && [ ! -e "$TMP/unreadable-site" ] && grep -q "no such table: query" "$TMP/err"'

# Ctrl-C during an export leaves nothing behind
python3 -c "
print('title,group,status,body')
for i in range(20000): print(f'Article {i},Group {i % 20},published,\"Body of article {i}.\"')
" > "$TMP/big.csv"
interrupted () {
  "$BIN" import "$TMP/big.csv" "$TMP/big.topiary" >/dev/null 2>&1 || return 1
  "$BIN" export "$TMP/big.topiary" "$TMP/bigsite" 2>"$TMP/err" & pid=$!
  for _ in $(seq 400); do ls -A "$TMP" | grep -q "^\.bigsite\.topiary-new-" && break; sleep 0.02; done
  sleep 0.2
  kill -INT "$pid"; wait "$pid"; rc=$?
  [ "$rc" -eq 130 ] && [ ! -e "$TMP/bigsite" ] && ! ls -A "$TMP" | grep -q "^\.bigsite\." && grep -q "interrupted" "$TMP/err"
}
check "Ctrl-C stops an export and removes its temporary folder" 'interrupted'

# images and files: brought in by a Hugo import, listed, written out, checked
HS="$TMP/hugo-site"
mkdir -p "$HS/content/guides/intro/images" "$HS/static/img"
printf -- '---\ntitle: Guides\n---\n' > "$HS/content/guides/_index.md"
printf -- '---\ntitle: Intro\n---\n![Shot](images/shot.png)\n\n![](/img/logo.png)\n' > "$HS/content/guides/intro/index.md"
python3 - "$HS/content/guides/intro/images/shot.png" "$HS/static/img/logo.png" <<'PY'
import struct, sys, zlib
def png(path, w, h, shade):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff)
    raw = b"".join(b"\0" + bytes([shade, 255 - shade, 90]) * w for _ in range(h))
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
png(sys.argv[1], 30, 20, 10)
png(sys.argv[2], 12, 12, 200)
PY
HP="$TMP/with-files.topiary"
check "a Hugo import brings in the images its articles use" '"$BIN" import "$HS" "$HP" --format hugo >/dev/null 2>&1 && "$BIN" files "$HP" > "$TMP/files.out" && [ "$(wc -l < "$TMP/files.out")" -eq 2 ] && grep -q "^intro	images/shot.png	image/png	.*	30×20	" "$TMP/files.out" && grep -q "images/logo.png" "$TMP/files.out"'
check "files --json lists name, type, size, pixels and hash" '"$BIN" files "$HP" --json > "$TMP/files.json" && [ "$(json_get "$TMP/files.json" "\" \".join(sorted(\"%s/%s/%d/%d/%s\" % (f[\"name\"], f[\"type\"], f[\"width\"], len(f[\"sha256\"]), f[\"used\"]) for f in d))")" = "images/logo.png/image/png/12/64/True images/shot.png/image/png/30/64/True" ]'
check "files --extract writes them under the folder" '"$BIN" files "$HP" --extract "$TMP/extracted" >/dev/null && cmp -s "$TMP/extracted/intro/images/shot.png" "$HS/content/guides/intro/images/shot.png" && cmp -s "$TMP/extracted/intro/images/logo.png" "$HS/static/img/logo.png"'
check "files --extract refuses existing files without --force" '! "$BIN" files "$HP" --extract "$TMP/extracted" 2>"$TMP/err" && grep -q "force" "$TMP/err" && [ "$(wc -l < "$TMP/err")" -eq 1 ]'
check "files --extract --force replaces them" '"$BIN" files "$HP" --extract "$TMP/extracted" --force >/dev/null'
ln -s "$TMP" "$TMP/extracted2" 2>/dev/null; mkdir -p "$TMP/ex3" && ln -s "$TMP/outside-ex" "$TMP/ex3/intro" && mkdir -p "$TMP/outside-ex"
check "files --extract never writes through a link in the folder" '! "$BIN" files "$HP" --extract "$TMP/ex3" --force 2>/dev/null && [ -z "$(ls -A "$TMP/outside-ex")" ]'
check "files leaves the project as it was" 'before=$(sha256sum "$HP") && "$BIN" files "$HP" >/dev/null && [ "$(sha256sum "$HP")" = "$before" ]'
check "check reports an image without alt text" '"$BIN" check "$HP" --json > "$TMP/check.json"; [ "$(json_get "$TMP/check.json" "\" \".join(f[\"target\"] for f in d[\"findings\"] if f[\"code\"] == \"image-without-alt\")")" = "images/logo.png" ]'
check "a site export carries the images" '"$BIN" export "$HP" "$TMP/img-site" --drafts >/dev/null && ls "$TMP/img-site/media" | grep -q "^shot-.*\.png$" && grep -q "src=\"../media/shot-" "$TMP/img-site/intro/index.html"'
# JSON: the files listed; with --with-files their bytes too, which decode
# to the imported files (issue 12)
with_files_round_trip () {
  python3 - "$1" "$HS/content/guides/intro/images/shot.png" "$HS/static/img/logo.png" <<'PY'
import base64, hashlib, json, sys
d = json.load(open(sys.argv[1]))
originals = {hashlib.sha256(open(p, "rb").read()).hexdigest(): open(p, "rb").read() for p in sys.argv[2:]}
files = [f for a in d["articles"] for f in a["files"]]
assert len(files) == 2, files
for f in files:
    data = base64.b64decode(f["data"], validate=True)
    assert hashlib.sha256(data).hexdigest() == f["sha256"] and len(data) == f["size"]
    assert originals[f["sha256"]] == data
PY
}
check "JSON export lists the files without their bytes" '"$BIN" export "$HP" "$TMP/list.json" --format json --drafts >/dev/null && [ "$(json_get "$TMP/list.json" "sorted((f[\"name\"], f[\"type\"], f[\"size\"] > 0, len(f[\"sha256\"]), \"data\" in f) for a in d[\"articles\"] for f in a[\"files\"])")" = "[('"'"'images/logo.png'"'"', '"'"'image/png'"'"', True, 64, False), ('"'"'images/shot.png'"'"', '"'"'image/png'"'"', True, 64, False)]" ]'
check "JSON export --with-files carries the bytes, which decode to the originals" '"$BIN" export "$HP" "$TMP/full.json" --format json --drafts --with-files >/dev/null && with_files_round_trip "$TMP/full.json"'
check "--with-files is refused without --format json" '! "$BIN" export "$HP" "$TMP/nojson" --with-files 2>"$TMP/err" && grep -q "json" "$TMP/err" && [ ! -e "$TMP/nojson" ]'

tap_done
