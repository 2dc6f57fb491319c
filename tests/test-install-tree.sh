#!/bin/sh
# test-install-tree.sh — mirrors the Flatpak build without a Flatpak runtime:
# configures a fresh build of the checkout with --prefix=/app and the
# manifest's own meson options, installs it with DESTDIR, checks that every
# file a desktop needs lands where it must, validates the installed files,
# and then runs the installed binary with /app mounted the way Flatpak
# mounts it (bubblewrap) to see the command line speak German and French.
# Prints TAP.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -u

root=${TOPIARY_SOURCE_ROOT:?TOPIARY_SOURCE_ROOT is not set}
python=${PYTHON:-python3}
app_id=io.github.topiary.Topiary
manifest=$root/flatpak/$app_id.json

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
build=$tmp/build
dest=$tmp/dest
app=$dest/app

n=0
failed=0
ok ()      { n=$((n + 1)); echo "ok $n - $1"; }
not_ok ()  { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; }
skip ()    { n=$((n + 1)); echo "ok $n - $1 # SKIP $2"; }
# check DESCRIPTION COMMAND... — one TAP line; output shown only on failure.
check () {
  desc=$1; shift
  if "$@" >"$tmp/out" 2>&1; then ok "$desc"; else not_ok "$desc"; sed 's/^/# /' "$tmp/out"; fi
}

# The app module's config-opts from the manifest, one per line.
"$python" - "$manifest" >"$tmp/opts" <<'PY' || { echo "Bail out! cannot read $manifest"; exit 1; }
import json, sys
for mod in json.load(open(sys.argv[1]))['modules']:
    if mod.get('name') == 'topiary':
        print('\n'.join(mod.get('config-opts', [])))
PY

# flatpak-builder runs meson with --prefix=/app --libdir=lib --buildtype=release.
set -- --prefix=/app --libdir=lib --buildtype=release
while IFS= read -r opt; do [ -n "$opt" ] && set -- "$@" "$opt"; done <"$tmp/opts"
if ! meson setup "$build" "$root" "$@" >"$tmp/setup.log" 2>&1; then
  echo "Bail out! meson setup $* failed"; sed 's/^/# /' "$tmp/setup.log" | tail -30; exit 1
fi
if ! ninja -C "$build" -j2 >"$tmp/build.log" 2>&1; then
  echo "Bail out! the /app build failed"; sed 's/^/# /' "$tmp/build.log" | tail -40; exit 1
fi
if ! DESTDIR=$dest meson install -C "$build" --no-rebuild >"$tmp/install.log" 2>&1; then
  echo "Bail out! meson install failed"; sed 's/^/# /' "$tmp/install.log" | tail -30; exit 1
fi

# Only the flatpak prefix may receive files.
outside=$(cd "$dest" && find . -mindepth 1 -maxdepth 1 ! -name app)
check "nothing is installed outside /app" test -z "$outside"

linguas=$(sed 's/#.*//' "$root/po/LINGUAS" | tr -s ' \n' '  ')
for f in \
    bin/topiary \
    share/applications/$app_id.desktop \
    share/metainfo/$app_id.metainfo.xml \
    share/icons/hicolor/scalable/apps/$app_id.svg \
    share/icons/hicolor/symbolic/apps/$app_id-symbolic.svg \
    share/glib-2.0/schemas/$app_id.gschema.xml \
    share/mime/packages/$app_id.xml; do
  check "installed /app/$f" test -s "$app/$f"
done
check "/app/bin/topiary is executable" test -x "$app/bin/topiary"
# The preview module, where the binary looks for it (lib/topiary, relative
# to bin/ and at the configured prefix), and WebKit linked only there.
check "installed /app/lib/topiary/topiary-web-preview.so" test -s "$app/lib/topiary/topiary-web-preview.so"
check "/app/bin/topiary does not link WebKitGTK" \
  sh -c '! readelf -d "$1" | grep -q "libwebkitgtk"' sh "$app/bin/topiary"
check "the preview module links WebKitGTK" \
  sh -c 'readelf -d "$1" | grep -q "libwebkitgtk-6.0"' sh "$app/lib/topiary/topiary-web-preview.so"
check "/app/bin/topiary looks for the module in /app/lib/topiary" \
  grep -q "/app/lib/topiary" "$app/bin/topiary"
for lang in $linguas; do
  check "installed /app/share/locale/$lang/LC_MESSAGES/topiary.mo" \
    test -s "$app/share/locale/$lang/LC_MESSAGES/topiary.mo"
done

check "installed desktop entry is valid" desktop-file-validate "$app/share/applications/$app_id.desktop"
check "installed metainfo is valid" appstreamcli validate --no-net "$app/share/metainfo/$app_id.metainfo.xml"
check "installed schemas compile strictly" glib-compile-schemas --strict --dry-run "$app/share/glib-2.0/schemas"
check "installed MIME package is well-formed" xmllint --noout "$app/share/mime/packages/$app_id.xml"
check "installed desktop entry names the binary and the icon" \
  sh -c 'grep -q "^Exec=topiary " "$1" && grep -qx "Icon=$2" "$1"' sh \
  "$app/share/applications/$app_id.desktop" "$app_id"

# Translations were merged into the installed files, not only into the .mo.
for lang in $linguas; do
  check "desktop entry has a $lang name and comment" \
    sh -c "grep -q '^Comment\[$lang\]=' '$app/share/applications/$app_id.desktop'"
  check "metainfo has a $lang summary" \
    grep -q "<summary xml:lang=\"$lang\">" "$app/share/metainfo/$app_id.metainfo.xml"
  check "MIME comment has a $lang translation" \
    grep -q "<comment xml:lang=\"$lang\">" "$app/share/mime/packages/$app_id.xml"
done

# Run the installed binary where it believes it is: /app, as in the sandbox.
if ! command -v bwrap >/dev/null 2>&1; then
  skip "installed binary runs from /app" "bubblewrap (bwrap) is not installed"
elif ! bwrap --ro-bind / / true 2>/dev/null; then
  skip "installed binary runs from /app" "bubblewrap cannot create a sandbox here"
else
  in_app () {
    bwrap --ro-bind /usr /usr --ro-bind /etc /etc \
      --symlink usr/lib /lib --symlink usr/lib64 /lib64 \
      --symlink usr/bin /bin --symlink usr/sbin /sbin \
      --proc /proc --dev /dev --tmpfs /tmp \
      --ro-bind "$app" /app \
      --clearenv --setenv PATH /app/bin:/usr/bin --setenv HOME /tmp "$@"
  }
  check "/app/bin/topiary --version runs from /app" in_app /app/bin/topiary --version
  in_app --setenv LANG C.UTF-8 /app/bin/topiary --help >"$tmp/help-en.txt" 2>&1
  for lang in $linguas; do
    # LANGUAGE picks the catalogue; it is honoured with any locale but "C",
    # and C.UTF-8 is always present, so no extra locale must be installed.
    in_app --setenv LANG C.UTF-8 --setenv LANGUAGE "$lang" \
      /app/bin/topiary --help >"$tmp/help-$lang.txt" 2>&1
    check "topiary --help speaks $lang (LANGUAGE=$lang LANG=C.UTF-8)" \
      "$python" - "$app/share/locale/$lang/LC_MESSAGES/topiary.mo" \
      "$tmp/help-en.txt" "$tmp/help-$lang.txt" <<'PY'
import gettext, re, sys
with open(sys.argv[1], 'rb') as f:
    catalog = gettext.GNUTranslations(f)._catalog
english = open(sys.argv[2], encoding='utf-8').read()
translated = open(sys.argv[3], encoding='utf-8').read()

def printed(text, s):
    """S is printed in TEXT as the end of a line, after a blank or at its start
    (so "Import" does not count inside "Import a topical map")."""
    s = s.rstrip('\n')
    return bool(s) and re.search(r'(?:^|(?<=\s))' + re.escape(s) + r'$', text, re.M) is not None

# Every catalogue entry that the English help prints must appear translated.
used = [(k, v) for k, v in catalog.items()
        if isinstance(k, str) and k and v != k and printed(english, k)]
missing = [k for k, v in used if not printed(translated, v)]
for k in missing:
    print('not translated: %r' % k)
if len(used) < 3:
    print('only %d translated strings found in the help; is the catalogue complete?' % len(used))
sys.exit(1 if missing or len(used) < 3 else 0)
PY
  done
fi

echo "1..$n"
exit $((failed > 0))
