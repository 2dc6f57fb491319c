#!/bin/sh
# test-flatpak-manifest.sh — the Flatpak manifest parses in flatpak-builder
# without warnings, and keeps the properties the app depends on: the app id,
# the command, pinned sources and the final sandbox permissions (exactly
# those docs/FLATPAK.md lists: no file system access at all).
# Exits 77 (skip) when flatpak-builder is not installed.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

root=${TOPIARY_SOURCE_ROOT:?TOPIARY_SOURCE_ROOT is not set}
manifest=$root/flatpak/io.github.topiary.Topiary.json
python=${PYTHON:-python3}

if ! command -v flatpak-builder >/dev/null 2>&1; then
  echo "flatpak-builder is not installed (Debian package flatpak-builder)"
  exit 77
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# flatpak-builder only warns about unknown properties: treat any output on
# stderr as a failure so a misspelt key does not go unnoticed.
cd "$tmp"  # flatpak-builder leaves a .flatpak-builder folder in the current one
if ! G_DEBUG= flatpak-builder --show-manifest "$manifest" >"$tmp/shown.json" 2>"$tmp/err"; then
  echo "flatpak-builder --show-manifest failed:"; cat "$tmp/err"; exit 1
fi
if [ -s "$tmp/err" ]; then
  echo "flatpak-builder warned about the manifest:"; cat "$tmp/err"; exit 1
fi

"$python" - "$manifest" "$tmp/shown.json" <<'PY'
import json, sys

errors = []
with open(sys.argv[1]) as f:
    m = json.load(f)          # plain JSON: no comments, so every tool reads it
with open(sys.argv[2]) as f:
    shown = json.load(f)

def check(cond, msg):
    if not cond:
        errors.append(msg)

check(m.get('id') == 'io.github.topiary.Topiary', 'id is not io.github.topiary.Topiary')
check(shown.get('id') == m.get('id'), 'flatpak-builder does not read the same id')
check(m.get('command') == 'topiary', 'command is not topiary')
check(m.get('runtime') == 'org.gnome.Platform' and m.get('sdk') == 'org.gnome.Sdk',
      'runtime must be org.gnome.Platform with org.gnome.Sdk (WebKitGTK 6.0 lives there)')
try:
    check(int(m.get('runtime-version', '0')) >= 44,
          'runtime-version must be 44 or newer (the first with WebKitGTK 6.0)')
except ValueError:
    errors.append('runtime-version must be a stable GNOME release number')

args = m.get('finish-args', [])
# The final permissions (docs/FLATPAK.md): projects and export folders come
# through the document portal, which needs no permission of its own.
final = ['--socket=wayland', '--socket=fallback-x11', '--share=ipc', '--device=dri']
for needed in final:
    check(needed in args, 'finish-args lack ' + needed)
check(sorted(args) == sorted(final),
      'finish-args must be exactly %s (docs/FLATPAK.md), not %s' % (' '.join(final), ' '.join(args)))
for a in args:
    check(not a.startswith('--filesystem='),
          'finish-args grant file system access (%s); files come through the portal' % a)
    check(a not in ('--socket=x11', '--device=all', '--share=network', '--socket=session-bus',
                    '--socket=system-bus'), 'finish-args are wider than needed: ' + a)

mods = {mod.get('name'): mod for mod in m.get('modules', []) if isinstance(mod, dict)}
for name in ('cmark-gfm', 'libyaml', 'hunspell-dictionaries', 'topiary'):
    check(name in mods, 'module %s is missing' % name)
names = [mod.get('name') for mod in m.get('modules', [])]
check(names[-1:] == ['topiary'], 'the app must be the last module, after its dependencies')

pins = {'cmark-gfm': ('0.29.0.gfm.0', 'b8eb2e00de094999f978e9cb02b1a78d810812d3'),
        'libyaml': ('0.2.5', '2c891fc7a770e8ba2fec34fc6b545c672beb37e6'),
        'hunspell-dictionaries': ('libreoffice-26-8-branch-point', '1e848fbddd7fd8e03fb696ecc03ee1068fab141c')}
# Spelling in English, German and French whatever languages of the runtime's
# Locale extension are installed (docs/spelling.md).
hd = mods.get('hunspell-dictionaries', {})
for dic in ('en_US', 'de_DE', 'fr_FR'):
    check(any(('/app/share/hunspell/%s.dic' % dic) in c for c in hd.get('build-commands', [])),
          'the Flatpak lacks the %s dictionary' % dic)
for name, (tag, commit) in pins.items():
    srcs = mods.get(name, {}).get('sources', [])
    check(any(s.get('type') == 'git' and s.get('tag') == tag and s.get('commit') == commit
              for s in srcs), '%s must be pinned to tag %s, commit %s' % (name, tag, commit))
cm = mods.get('cmark-gfm', {})
check(cm.get('buildsystem', '').startswith('cmake'), 'cmark-gfm builds with CMake')
for opt in ('-DCMARK_TESTS=OFF', '-DCMARK_STATIC=OFF'):
    check(opt in cm.get('config-opts', []), 'cmark-gfm lacks ' + opt)

app = mods.get('topiary', {})
check(app.get('buildsystem') == 'meson', 'the app builds with meson')
check(any(s.get('type') == 'dir' and s.get('path') == '..' for s in app.get('sources', [])),
      'the app is built from the local checkout (type dir, path ..)')

for e in errors:
    print('# ' + e)
sys.exit(1 if errors else 0)
PY
echo "manifest OK"
