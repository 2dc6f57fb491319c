#!/usr/bin/env python3
# check-private.py — fails when a public header of the core
# (src/core/**/topiary-*.h not ending in -private.h) names a _topiary_*
# function or variable: what only the core's own files may call belongs in
# the -private.h of the folder that owns it. Prints TAP.
#
# Usage: check-private.py [SOURCE_ROOT]
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re
import sys

PRIVATE_NAME = re.compile(r'(?<![A-Za-z0-9_])_topiary_[A-Za-z0-9_]*')


def code_of(text):
    """TEXT without its comments and string literals."""
    text = re.sub(r'/\*.*?\*/', ' ', text, flags=re.S)
    text = re.sub(r'//[^\n]*', ' ', text)
    return re.sub(r'"(?:\\.|[^"\\\n])*"', '""', text)


def public_headers(core):
    for folder, _dirs, names in os.walk(core):
        for name in names:
            if (name.startswith('topiary-') and name.endswith('.h')
                    and not name.endswith('-private.h')):
                yield os.path.join(folder, name)


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), os.pardir)
    core = os.path.join(root, 'src', 'core')
    headers = sorted(public_headers(core))
    if not headers:
        print('1..0 # SKIP no headers under %s' % core)
        return 0
    print('1..%d' % len(headers))
    failed = 0
    for n, path in enumerate(headers, 1):
        rel = os.path.relpath(path, root)
        with open(path, encoding='utf-8') as f:
            text = f.read()
        names = sorted(set(PRIVATE_NAME.findall(code_of(text))))
        if names:
            failed += 1
            print('not ok %d - %s declares %s; move %s to the folder\'s -private.h'
                  % (n, rel, ', '.join(names), 'them' if len(names) > 1 else 'it'))
        else:
            print('ok %d - %s' % (n, rel))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
