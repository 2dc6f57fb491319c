#!/usr/bin/env python3
# check-potfiles.py — fails when a file under src/ or data/ with translatable
# strings is missing from po/POTFILES.in, or when POTFILES.in names a file
# that does not exist or has nothing to translate (xgettext would fail or the
# entry is stale). Prints TAP.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re
import sys

# A gettext keyword of the glib preset followed by a string literal.
C_KEYWORD = re.compile(
    r'(?<![A-Za-z0-9_])(?:_|N_|C_|NC_|Q_|ngettext|g_dgettext|g_dngettext|'
    r'g_dpgettext2?|g_dcgettext)\s*\(\s*(?:"[^"]*"\s*,\s*)?"')
UI_TRANSLATABLE = re.compile(r'translatable\s*=\s*"(?:yes|true|1)"')
# Desktop entry keys that xgettext extracts.
DESKTOP_KEY = re.compile(r'^(?:Name|GenericName|Comment|Keywords)\s*=', re.M)
GSCHEMA = re.compile(r'<(?:summary|description)>|l10n=')
METAINFO = re.compile(r'<(?:name|summary|description|caption)>')
MIME_COMMENT = re.compile(r'<comment>')


def translatable(path):
    """True when the file at PATH holds strings xgettext would extract."""
    name = os.path.basename(path)
    try:
        with open(path, encoding='utf-8') as f:
            text = f.read()
    except (UnicodeDecodeError, OSError):
        return False
    if name.endswith(('.c', '.h')):
        # Comments may mention _("…") in prose; drop them first.
        code = re.sub(r'/\*.*?\*/', '', text, flags=re.S)
        code = re.sub(r'//[^\n]*', '', code)
        return bool(C_KEYWORD.search(code))
    if name.endswith('.ui'):
        return bool(UI_TRANSLATABLE.search(text))
    if name.endswith('.desktop.in'):
        return bool(DESKTOP_KEY.search(text))
    if name.endswith('.gschema.xml'):
        return bool(GSCHEMA.search(text))
    if name.endswith(('.metainfo.xml.in', '.appdata.xml.in')):
        return bool(METAINFO.search(text))
    if name.endswith('.mime.xml'):
        return bool(MIME_COMMENT.search(text))
    return False


def main():
    root = os.environ.get('TOPIARY_SOURCE_ROOT') or (sys.argv[1] if len(sys.argv) > 1 else '.')
    potfiles = os.path.join(root, 'po', 'POTFILES.in')
    listed = []
    with open(potfiles, encoding='utf-8') as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith('#'):
                listed.append(line)

    found = []
    for top in ('src', 'data'):
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
            dirnames.sort()
            for fn in sorted(filenames):
                path = os.path.join(dirpath, fn)
                if translatable(path):
                    found.append(os.path.relpath(path, root))

    missing = [p for p in found if p not in listed]
    absent = [p for p in listed if not os.path.exists(os.path.join(root, p))]
    stale = [p for p in listed if p not in absent and not translatable(os.path.join(root, p))]
    dupes = sorted({p for p in listed if listed.count(p) > 1})

    checks = [
        ('every file with translatable strings is in po/POTFILES.in', missing,
         'missing from po/POTFILES.in'),
        ('every file in po/POTFILES.in exists', absent, 'listed but does not exist'),
        ('every file in po/POTFILES.in has translatable strings', stale,
         'listed but has nothing to translate'),
        ('po/POTFILES.in lists no file twice', dupes, 'listed more than once'),
    ]
    print('1..%d' % len(checks))
    failed = 0
    for i, (title, bad, why) in enumerate(checks, 1):
        if bad:
            failed += 1
            print('not ok %d - %s' % (i, title))
            for p in bad:
                print('# %s: %s' % (p, why))
        else:
            print('ok %d - %s' % (i, title))
    print('# %d files with translatable strings found, %d listed' % (len(found), len(listed)))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
