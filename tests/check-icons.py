#!/usr/bin/env python3
# check-icons.py ICON_DIR — the app icon and its symbolic variant follow the
# GNOME conventions: a 128×128 full-colour scalable icon and a 16×16
# symbolic icon drawn in the single colour #2e3436 that GTK recolours.
# Neither uses text or external images (fonts and files are not there when
# the icon is drawn). Prints TAP.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re
import sys
import xml.etree.ElementTree as ET

APP_ID = 'io.github.topiary.Topiary'
SVG = '{http://www.w3.org/2000/svg}'
COLOUR_ATTRS = ('fill', 'stroke', 'stop-color', 'color', 'flood-color')


def local(tag):
    return tag.split('}', 1)[-1]


def colours(el):
    """Yields the colour values set on EL, by attribute or inline style."""
    for a in COLOUR_ATTRS:
        if a in el.attrib:
            yield el.attrib[a].strip().lower()
    for decl in el.attrib.get('style', '').split(';'):
        if ':' in decl:
            k, v = decl.split(':', 1)
            if k.strip() in COLOUR_ATTRS:
                yield v.strip().lower()


def check_icon(path, size, symbolic):
    problems = []
    try:
        tree = ET.parse(path)
    except (OSError, ET.ParseError) as e:
        return ['cannot read: %s' % e]
    svg = tree.getroot()
    if svg.tag != SVG + 'svg':
        problems.append('the root element is not an SVG element in the SVG namespace')
    if svg.get('width') != str(size) or svg.get('height') != str(size):
        problems.append('canvas is %s×%s, not %d×%d' % (svg.get('width'), svg.get('height'), size, size))
    vb = (svg.get('viewBox') or '').split()
    if vb != ['0', '0', str(size), str(size)]:
        problems.append('viewBox is %r, not "0 0 %d %d"' % (svg.get('viewBox'), size, size))
    drawn = 0
    for el in svg.iter():
        name = local(el.tag)
        if name in ('text', 'tspan', 'image', 'foreignObject'):
            problems.append('uses <%s>' % name)
        for k, v in el.attrib.items():
            if local(k) == 'href' and not v.startswith('#'):
                problems.append('refers to an external resource %r' % v)
        if name in ('path', 'rect', 'circle', 'ellipse', 'polygon', 'polyline', 'line'):
            drawn += 1
        if symbolic:
            for c in colours(el):
                if c not in ('#2e3436', 'none') and not c.startswith('url(#'):
                    problems.append('symbolic icon uses colour %s (only #2e3436)' % c)
    if drawn == 0:
        problems.append('draws nothing')
    if not symbolic:
        used = {c for el in svg.iter() for c in colours(el) if re.fullmatch(r'#[0-9a-f]{6}', c)}
        if len(used) < 3:
            problems.append('a full-colour icon with %d colours' % len(used))
    return problems


def main():
    base = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.environ.get('TOPIARY_SOURCE_ROOT', '.'), 'data', 'icons', 'hicolor')
    icons = [
        (os.path.join(base, 'scalable', 'apps', APP_ID + '.svg'), 128, False),
        (os.path.join(base, 'symbolic', 'apps', APP_ID + '-symbolic.svg'), 16, True),
    ]
    print('1..%d' % len(icons))
    failed = 0
    for i, (path, size, symbolic) in enumerate(icons, 1):
        problems = check_icon(path, size, symbolic)
        rel = os.path.relpath(path, base)
        if problems:
            failed += 1
            print('not ok %d - %s' % (i, rel))
            for p in sorted(set(problems)):
                print('# ' + p)
        else:
            print('ok %d - %s' % (i, rel))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
