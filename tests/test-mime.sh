#!/bin/sh
# test-mime.sh MIME_XML — the shared-mime-info package is accepted by
# update-mime-database without complaint, and in a MIME database built from
# it a real Topiary project is recognised by its content (SQLite header plus
# application_id "Tpry"), while another SQLite file is not claimed.
# Needs TOPIARY_BIN (to make a real project). Prints TAP.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -u

mime_xml=${1:?usage: test-mime.sh MIME_XML}
root=${TOPIARY_SOURCE_ROOT:?TOPIARY_SOURCE_ROOT is not set}
bin=${TOPIARY_BIN:?TOPIARY_BIN is not set}
python=${PYTHON:-python3}
system_mime=/usr/share/mime/packages/freedesktop.org.xml

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
failed=0
ok ()     { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; }
skip ()   { n=$((n + 1)); echo "ok $n - $1 # SKIP $2"; }

if xmllint --noout "$mime_xml" 2>"$tmp/err"; then ok "well-formed XML"
else not_ok "well-formed XML"; sed 's/^/# /' "$tmp/err"; fi

if ! command -v update-mime-database >/dev/null 2>&1 || [ ! -f "$system_mime" ]; then
  skip "update-mime-database accepts the package" "shared-mime-info is not installed"
  echo "1..$n"; exit $((failed > 0))
fi

mkdir -p "$tmp/share/mime/packages" "$tmp/home"
cp "$system_mime" "$mime_xml" "$tmp/share/mime/packages/"
# It warns (and still exits 0) about unknown elements and bad attributes.
if XDG_DATA_DIRS=$tmp/share XDG_DATA_HOME=$tmp/home/share \
     update-mime-database "$tmp/share/mime" >"$tmp/err" 2>&1 && [ ! -s "$tmp/err" ]; then
  ok "update-mime-database accepts the package"
else
  not_ok "update-mime-database accepts the package"; sed 's/^/# /' "$tmp/err"
fi

content_type () {
  XDG_DATA_DIRS=$tmp/share XDG_DATA_HOME=$tmp/home/share \
    gio info -a standard::content-type "$1" 2>/dev/null |
    sed -n 's/^ *standard::content-type: *//p'
}
expect () {  # expect DESCRIPTION FILE TYPE
  got=$(content_type "$2")
  if [ "$got" = "$3" ]; then ok "$1"; else not_ok "$1"; echo "# expected $3, got '$got'"; fi
}

if ! command -v gio >/dev/null 2>&1; then
  skip "content detection" "gio (libglib2.0-bin) is not installed"
  echo "1..$n"; exit $((failed > 0))
fi

if "$bin" import "$root/data/samples/flask-topical-map.txt" "$tmp/map.topiary" >"$tmp/err" 2>&1; then
  cp "$tmp/map.topiary" "$tmp/renamed-project"
  expect "a project is application/x-topiary by its name" "$tmp/map.topiary" application/x-topiary
  expect "a renamed project is application/x-topiary by its content" "$tmp/renamed-project" application/x-topiary
else
  not_ok "topiary import makes a project to detect"; sed 's/^/# /' "$tmp/err"
fi

if "$python" -c 'import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute("CREATE TABLE t (x)"); c.commit()' \
     "$tmp/other-database" 2>"$tmp/err"; then
  expect "another SQLite file stays application/vnd.sqlite3" "$tmp/other-database" application/vnd.sqlite3
else
  skip "another SQLite file stays application/vnd.sqlite3" "python3 has no sqlite3 module"
fi

echo "1..$n"
exit $((failed > 0))
