#!/usr/bin/env bash
# test-cli-output.sh — what the command line prints (issue 9, items 14, 15)
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -u

BIN=${TOPIARY_BIN:?}
TMP=$(mktemp -d)
cleanup () {
  for m in "$TMP"/mnt-*; do [ -d "$m" ] && umount "$m" 2>/dev/null; done
  chmod -R u+w "$TMP" 2>/dev/null; rm -rf "$TMP"
}
trap cleanup EXIT
unset DISPLAY WAYLAND_DISPLAY DBUS_SESSION_BUS_ADDRESS

. "$(dirname "$0")/tap.sh"

# ---- 14: control characters in titles never reach the terminal ----------

# A Hugo folder whose group and article titles carry ESC [ 31m, an OSC
# title change, BEL, CR and a right-to-left override (U+202E).
mkdir -p "$TMP/hugo/content/grp"
python3 - "$TMP/hugo/content/grp" <<'PY'
import sys
d = sys.argv[1]
open(d + '/_index.md', 'w').write('---\ntitle: "Group \\e]0;pwned\\a \\u202Egnp"\n---\n')
open(d + '/hostile.md', 'w').write(
    '---\ntitle: "Red \\e[31malert\\e[0m bell\\a back\\rspace \\u202Eevil"\n---\n'
    'See [[Nowhere]] and bell.\n')
PY
H="$TMP/hostile.topiary"
"$BIN" import "$TMP/hugo" "$H" >"$TMP/import.out" 2>"$TMP/import.err"

# No ESC, BEL, CR or U+202E byte in the output, and the visible forms there.
raw_free () {  # raw_free FILE
  python3 - "$1" <<'PY'
import sys
b = open(sys.argv[1], 'rb').read()
bad = [c for c in (b'\x1b', b'\x07', b'\r', '\u202e'.encode(), b'\xc2\x9b') if c in b]
sys.exit(1 if bad else 0)
PY
}
check "import succeeds" '[ -s "$H" ]'
check "info shows a hostile group title escaped" '"$BIN" info "$H" >"$TMP/o" 2>&1 && raw_free "$TMP/o" && grep -qF "Group \e]0;pwned\a \u{202E}gnp" "$TMP/o"'
check "search shows a hostile title and snippet escaped" '"$BIN" search "$H" bell >"$TMP/o" 2>&1 && raw_free "$TMP/o" && grep -qF "Red \e[31malert\e[0m bell\a back\rspace \u{202E}evil" "$TMP/o"'
check "search keeps one line per hit and one per snippet" '[ "$(wc -l < "$TMP/o")" -eq 2 ]'
check "check shows a hostile title escaped" '"$BIN" check "$H" >"$TMP/o" 2>&1; raw_free "$TMP/o" && grep -qF "Article “Red \e[31malert" "$TMP/o"'
json_has () {  # json_has FILE TEXT: valid JSON, a string in it holds TEXT, no raw ESC or BEL
  python3 - "$1" "$2" <<'PY'
import json, sys
raw = open(sys.argv[1], 'rb').read()
assert b'\x1b' not in raw and b'\x07' not in raw
want = sys.argv[2].encode().decode('unicode_escape')
def walk(x):
    if isinstance(x, str): return want in x
    if isinstance(x, dict): return any(walk(v) for v in x.values())
    if isinstance(x, list): return any(walk(v) for v in x)
    return False
sys.exit(0 if walk(json.loads(raw)) else 1)
PY
}
check "info --json stays valid JSON, the title intact" '"$BIN" info "$H" --json >"$TMP/o.json" && json_has "$TMP/o.json" "Group \\x1b]0;pwned\\x07"'
check "check --json stays valid JSON" '"$BIN" check "$H" --json >"$TMP/o.json"; python3 -c "import json,sys; json.load(open(sys.argv[1]))" "$TMP/o.json"'
# Error messages quote file names and queries.
ESCNAME="$TMP/$(printf 'bad\033[31mname\a.topiary')"
check "an error quoting a file name shows it escaped" '! "$BIN" info "$ESCNAME" >"$TMP/o" 2>&1 && raw_free "$TMP/o" && grep -qF "bad\e[31mname\a.topiary" "$TMP/o"'
check "an error quoting a query shows it escaped" '! "$BIN" search "$H" "$(printf "zz\033[31m")" >"$TMP/o" 2>&1 && raw_free "$TMP/o" && grep -qF "zz\e[31m" "$TMP/o"'
# Import warnings quote titles.
printf 'title,group,kind\r\n"A\033[31m","G\033[31m",pillar\r\n"B","G\033[31m",pillar\r\n' > "$TMP/two.csv"
check "an import warning quoting a title shows it escaped" '"$BIN" import "$TMP/two.csv" "$TMP/two.topiary" >"$TMP/o" 2>&1 && raw_free "$TMP/o" && grep -qF "G\e[31m" "$TMP/o"'

# ---- 15: one sentence, a full stop, and no internal temporary name -------

SEED="${TOPIARY_SOURCE_ROOT:-$(dirname "$0")/..}/data/samples/flask-topical-map.txt"
"$BIN" import "$SEED" "$TMP/flask.topiary" >/dev/null 2>&1
# Pages with some text, so that a site needs room.
python3 - "$TMP/bodies" <<'PY'
import os, sys
d = sys.argv[1] + '/content/g'
os.makedirs(d)
for i in range(60):
    open('%s/a%02d.md' % (d, i), 'w').write('---\ntitle: Article %d\n---\n' % i + 'Some text here. ' * 400)
PY
"$BIN" import "$TMP/bodies" "$TMP/bodies.topiary" >/dev/null 2>&1

one_clean_sentence () {  # one_clean_sentence FILE: one line, a full stop, no temporary
  [ "$(wc -l < "$1")" -eq 1 ] && grep -q '\.$' "$1" &&
    ! grep -Eq '\.import-|topiary-new|topiary-old|\.topiary-[a-z]+-[A-Za-z0-9]{6}' "$1"
}

if [ "$(id -u)" = 0 ] && mkdir -p "$TMP/mnt-full" && mount -t tmpfs -o size=256k tmpfs "$TMP/mnt-full" 2>/dev/null; then
  dd if=/dev/zero of="$TMP/mnt-full/fill" bs=1k count=160 2>/dev/null
  check "an import onto a full disk fails with one clean sentence" '! "$BIN" import "$SEED" "$TMP/mnt-full/new.topiary" >/dev/null 2>"$TMP/err" && one_clean_sentence "$TMP/err"'
  check "a site export onto a full disk fails with one clean sentence" '! "$BIN" export "$TMP/bodies.topiary" "$TMP/mnt-full/site" >/dev/null 2>"$TMP/err" && one_clean_sentence "$TMP/err"'
  check "a Hugo export onto a full disk fails with one clean sentence" '! "$BIN" export "$TMP/bodies.topiary" "$TMP/mnt-full/hugo" --format hugo >/dev/null 2>"$TMP/err" && one_clean_sentence "$TMP/err"'
  rm -f "$TMP/mnt-full/fill"; dd if=/dev/zero of="$TMP/mnt-full/fill" bs=1k count=250 2>/dev/null
  check "a JSON export onto a full disk fails with one clean sentence" '! "$BIN" export "$TMP/bodies.topiary" "$TMP/mnt-full/plan.json" --format json >/dev/null 2>"$TMP/err" && one_clean_sentence "$TMP/err"'
  check "nothing temporary is left on the full disk" '[ -z "$(ls -A "$TMP/mnt-full" | grep -v "^fill$")" ]'
else
  for t in import site Hugo JSON leftovers; do skip "full-disk $t" "needs root and tmpfs"; done
fi

if [ "$(id -u)" = 0 ] && mkdir -p "$TMP/mnt-ro" && mount --bind "$TMP/mnt-ro" "$TMP/mnt-ro" 2>/dev/null && mount -o remount,bind,ro "$TMP/mnt-ro" 2>/dev/null; then
  check "an import into a read-only folder fails with one clean sentence" '! "$BIN" import "$SEED" "$TMP/mnt-ro/new.topiary" >/dev/null 2>"$TMP/err" && one_clean_sentence "$TMP/err"'
  check "a site export into a read-only folder fails with one clean sentence" '! "$BIN" export "$TMP/flask.topiary" "$TMP/mnt-ro/site" >/dev/null 2>"$TMP/err" && one_clean_sentence "$TMP/err"'
else
  for t in import export; do skip "read-only $t" "needs root and a bind mount"; done
fi

tap_done
