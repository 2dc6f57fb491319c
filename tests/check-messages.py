#!/usr/bin/env python3
# check-messages.py — every error message is one sentence ending with a full stop
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Reads the translatable messages that src/core and src/cli pass to
# g_set_error(), g_set_error_literal(), g_prefix_error(), fail(),
# usage_error() and g_printerr(), and prints TAP: one test per file, failing
# on a message that does not end with a full stop or holds more than one
# sentence. A prefix (g_prefix_error) ends with ": " instead. Messages that
# are not errors (usage lines, "warning: %s") are listed in EXCEPTIONS.
import os
import re
import sys

ROOT = os.environ.get('TOPIARY_SOURCE_ROOT') or os.path.join(os.path.dirname(__file__), '..')
DIRS = ['src/core', 'src/cli']
CALLS = ['g_set_error', 'g_set_error_literal', 'g_prefix_error', 'g_prefix_error_literal',
         'fail', 'usage_error', 'g_printerr']
# Files whose messages are fragments that another message wraps.
FRAGMENTS = {
    # "A template of the theme is broken (%s)." in the export
    'src/core/text/topiary-mustache-parse.c',
    'src/core/text/topiary-mustache-tree.c',
    'src/core/text/topiary-mustache-render.c',
}
EXCEPTIONS = {
    'warning: %s\n',                  # the wrapper of a warning, itself a sentence
    'Usage: topiary %s %s\n',         # usage lines, not sentences
    'Usage: topiary %s %s\n%s\n',
}

call_re = re.compile(r'\b(' + '|'.join(CALLS) + r')\s*\(')
string_re = re.compile(r'"((?:[^"\\]|\\.)*)"')


def call_args(text, start):
    """The text of a call's arguments, from the '(' at start to its match."""
    depth = 0
    i = start
    while i < len(text):
        c = text[i]
        if c == '"':
            m = string_re.match(text, i)
            i = m.end() if m else i + 1
            continue
        if c == "'":
            j = text.find("'", i + 2 if text[i + 1] == '\\' else i + 1)
            i = j + 1
            continue
        if c == '(':
            depth += 1
        elif c == ')':
            depth -= 1
            if depth == 0:
                return text[start + 1:i]
        i += 1
    return text[start + 1:]


def first_message(args):
    """The first _("…") (adjacent literals joined) in args, or None."""
    m = re.search(r'\b_\(\s*((?:"(?:[^"\\]|\\.)*"\s*)+)\)', args)
    if not m:
        return None
    parts = string_re.findall(m.group(1))
    return ''.join(parts).encode().decode('unicode_escape').encode('latin-1').decode('utf-8')


def problems(kind, message):
    if message in EXCEPTIONS:
        return []
    text = message
    if kind == 'g_printerr':
        text = text.rstrip('\n')
    found = []
    if kind.startswith('g_prefix_error'):
        if not (text.endswith(': ') or text.endswith('; ')):
            found.append('a prefix should end with ": "')
        return found
    if not text.endswith('.'):
        found.append('does not end with a full stop')
    # A second sentence: a full stop, question or exclamation mark, then
    # a capital letter ("… (format %d). Update …").
    body = re.sub(r'%[-0-9.*]*[a-zA-Z]+', 'x', text)
    if re.search(r'[.!?]\s+[A-Z]', body):
        found.append('holds more than one sentence')
    if '\n' in text:
        found.append('holds a line break')
    return found


def main():
    files = []
    for d in DIRS:
        for dirpath, dirnames, names in os.walk(os.path.join(ROOT, d)):
            dirnames.sort()
            for name in sorted(names):
                if name.endswith('.c'):
                    files.append(os.path.relpath(os.path.join(dirpath, name), ROOT))
    n = failed = 0
    for rel in files:
        if rel in FRAGMENTS:
            continue
        text = open(os.path.join(ROOT, rel), encoding='utf-8').read()
        bad = []
        for m in call_re.finditer(text):
            # Not the definition of fail() or usage_error() themselves.
            line_start = text.rfind('\n', 0, m.start()) + 1
            if text[line_start:m.start()].strip() == '' and m.group(1) in ('fail', 'usage_error') \
                    and text[line_start] != ' ':
                continue
            args = call_args(text, m.end() - 1)
            message = first_message(args)
            if message is None:
                continue
            for p in problems(m.group(1), message):
                line = text.count('\n', 0, m.start()) + 1
                bad.append('%s:%d: %s: %r' % (rel, line, p, message))
        n += 1
        if bad:
            failed += 1
            print('not ok %d - %s' % (n, rel))
            for b in bad:
                print('# ' + b)
        else:
            print('ok %d - %s' % (n, rel))
    print('1..%d' % n)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
