#!/usr/bin/python3
# test-a11y-atspi.py — the app read through AT-SPI, as Orca reads it (issue 14)
#
# Imports the sample map, starts the app on it with its first pillar open
# (the map's saved state: every group expanded, the split layout), walks
# the accessible tree over the accessibility bus (tools/a11y-atspi.py) and
# checks that every control a user operates has a role and a name, that
# the map's rows say "Title, pillar, status, N of M", and that the view
# switch says which layout is on. Prints TAP lines; exits 1 on a failure,
# 77 without a display, python3-gi or an accessibility bus. Needs GTK_A11Y
# unset or "atspi" (meson gives it its own environment) and a session bus
# (dbus-run-session).
#
# SPDX-License-Identifier: GPL-3.0-or-later
import importlib.util
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
try:
    import gi  # noqa: F401  (the tool reads the bus with it)
except ImportError:
    print("1..0 # SKIP python3-gi is missing (tools/deps.sh installs it)")
    sys.exit(77)
spec = importlib.util.spec_from_file_location("a11y_atspi", os.path.join(HERE, "..", "tools", "a11y-atspi.py"))
atspi = importlib.util.module_from_spec(spec)
spec.loader.exec_module(atspi)

SAMPLE = os.path.join(HERE, "..", "data", "samples", "flask-topical-map.txt")
ROW = re.compile(r"^[^,]+, (pillar|cluster|idea|group)(, [A-Za-z ]+)?, \d+ of \d+$")
SWITCH = ("Editor Only", "Editor and Preview", "Preview Only")


def skip(why):
    print(f"1..0 # SKIP {why}")
    sys.exit(77)


def prepare(home, topiary, article=True):
    """The sample map in HOME, and its state: first pillar open (or, with
    ARTICLE false, the map's overview), groups open."""
    path = os.path.join(home, "flask.topiary")
    sample = os.path.join(HERE, "..", "data", "samples", "flask-topical-map.txt")
    subprocess.run([topiary, "import", sample, path], check=True, stdout=subprocess.DEVNULL)
    with sqlite3.connect(path) as db:
        groups = [str(r[0]) for r in db.execute("SELECT id FROM grp ORDER BY position, id")]
        pillar = db.execute("SELECT id FROM article WHERE kind = 'pillar' AND grp_id = ? "
                            "ORDER BY position, id LIMIT 1", (int(groups[0]),)).fetchone()[0]
        # A revision of the open article (the revision dialog compares it)
        # and a deleted article (the trash lists it).
        cols = ("title, slug, summary, kind, status, intent, priority, target_words, "
                "grp_id, parent_id, position, queries")
        db.execute(f"INSERT INTO revision (article_id, created, reason, body, words, {cols}) "
                   f"SELECT id, strftime('%s', 'now') - 3600, 'manual', 'An older text.', 3, {cols} "
                   "FROM article WHERE id = ?", (pillar,))
        db.execute(f"INSERT INTO revision (article_id, created, reason, body, words, {cols}) "
                   f"SELECT 999999, strftime('%s', 'now') - 60, 'delete', 'Gone.', 1, {cols} "
                   "FROM article WHERE id = ?", (pillar,))
    state = os.path.join(home, "state", "topiary")
    os.makedirs(state, exist_ok=True)
    key = os.path.realpath(path)
    with open(os.path.join(state, "maps.ini"), "w") as f:
        f.write(f"[{key}]\narticle={pillar if article else 0}\ncursor=0\nlayout=split\nexpanded={';'.join(groups)};\n\n"
                f"[session]\norder={key};\nlast={key}\n")
    return path


# The dialogs, each opened as a screen reader's user opens it: the
# controls' own actions over AT-SPI (a menu button, then its item), and
# keys where GTK's file chooser asks for a path. (title, the article open
# rather than the overview, steps)
DIALOGS = (
    ("New Article", True, (("press", "button", "New"), ("press", "menu item", "New Article"))),
    ("Export", True, (("press", "button", "Main Menu"), ("press", "menu item", "Export…"))),
    ("Preferences", True, (("press", "button", "Main Menu"), ("press", "menu item", "Preferences"))),
    ("Deleted Articles", True, (("press", "button", "Main Menu"), ("press", "menu item", "Deleted Articles…"))),
    ("Import", True, (("press", "button", "Main Menu"), ("press", "menu item", "Import…"),
                      ("type", "SAMPLE"), ("keys", "Return"))),
    ("Compare with Revision", True, (("press", "button", "Revisions"),
                                     ("press-like", "button", r"^Compare with the Revision of "))),
    ("Edit Title and Description", False, (("press", "button", "Edit Title and Description"),)),
    ("Rename", True, (("keys", "F2"),)),
)
WINDOW_ROLES = ("dialog", "window", "frame", "alert", "file chooser")


def controls_of(nodes):
    """The controls a user operates among NODES, as (role, name, states)."""
    controls, ancestors = [], []
    for depth, role, label, states in nodes:
        del ancestors[depth:]
        # What a named combo box shows of its choice is read with its name
        # (libadwaita's rows hold a list of one item there).
        inside_combo = any(r == "combo box" and not atspi.is_nameless(n) for r, n in ancestors)
        ancestors.append((role, label))
        if atspi.is_control(role, states) and not inside_combo:
            controls.append((role, label, states))
    return controls


def problems(nodes):
    """Unnamed controls and focusable things with no role, as lines."""
    unnamed = [f"{role}: “{label}”" for role, label, states in controls_of(nodes) if atspi.is_nameless(label)]
    roleless = [f"{role}: “{label}”" for _, role, label, states in nodes
                if atspi.has(states, atspi.STATE_FOCUSABLE) and role in ("", "unknown", "invalid", "filler")]
    return unnamed + roleless


def read_dialog(topiary, title, article, steps):
    """Opens the dialog by STEPS in a fresh app and returns (its role, its
    name, its showing accessibles), or a string saying what went wrong."""
    home = tempfile.mkdtemp(prefix="topiary-atspi-")
    try:
        path = prepare(home, topiary, article)
        session = atspi.Session([topiary, path], home=home, settle=3.0)
        try:
            known = [ref for _, _, ref in session.windows()]
            for step in steps:
                if step[0] == "press" and not session.press(step[1], step[2]):
                    return f"no {step[1]} “{step[2]}” to act on"
                if step[0] == "press-like":
                    nodes, refs = session.read()
                    found = [ref for (_, role, label, _), ref in zip(nodes, refs)
                             if role == step[1] and re.search(step[2], label) and session.act(ref)]
                    if not found:
                        return f"no {step[1]} like “{step[2]}” to act on"
                if step[0] == "type":
                    time.sleep(1.0)
                    session.type(step[1].replace("SAMPLE", SAMPLE))
                if step[0] == "keys":
                    session.keys(*step[1].split())
                time.sleep(1.0)
            shown = session.wait_window(known)
            if shown is None:
                return "it did not open"
            time.sleep(1.0)  # its first frame
            return shown[0], shown[1], session.read(shown[2])[0]
        finally:
            session.close()
    finally:
        shutil.rmtree(home, ignore_errors=True)


def main():
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        skip("no display")
    if os.environ.get("GTK_A11Y", "atspi") not in ("atspi", ""):
        skip(f"GTK_A11Y={os.environ['GTK_A11Y']} hides the app from AT-SPI")
    topiary = os.environ.get("TOPIARY_BIN", "topiary")
    home = tempfile.mkdtemp(prefix="topiary-atspi-")
    try:
        path = prepare(home, topiary)
        try:
            nodes = atspi.read_app([topiary, path], home=home, settle=3.0)
        except atspi.NoBus as e:
            skip(str(e))
    finally:
        shutil.rmtree(home, ignore_errors=True)

    print(f"1..{4 + len(DIALOGS)}")
    failed = False

    def result(ok, what, detail=()):
        nonlocal failed
        failed |= not ok
        print(f"{'ok' if ok else 'not ok'} - {what}")
        for line in detail:
            print(f"# {line}")

    controls = controls_of(nodes)
    result(len(controls) > 20, f"the window shows {len(controls)} controls (the map, the header, the editor)")
    bad = problems(nodes)
    result(not bad, "every control has a role and a name", bad)

    rows = [label for role, label, states in controls if role in ("tree item", "list item", "table row")]
    pillar_rows = [label for label in rows if ROW.match(label) and ", pillar," in label]
    result(len(pillar_rows) >= 2, "the map's rows say title, kind, status and place",
           [f"rows: {rows[:8]}"])

    switch = {label: atspi.said_states(states) for role, label, states in controls
              if label in SWITCH}
    on = [label for label, said in switch.items() if "checked" in said or "pressed" in said]
    result(len(switch) == 3 and on == ["Editor and Preview"],
           "the view switch says which layout is on", [f"switch: {switch}"])

    for title, article, steps in DIALOGS:
        try:
            got = read_dialog(topiary, title, article, steps)
        except atspi.NoBus as e:
            got = str(e)
        if isinstance(got, str):
            result(False, f"the {title} dialog: {got}")
            continue
        role, name, dialog_nodes = got
        bad = problems(dialog_nodes)
        if role not in WINDOW_ROLES:
            bad.insert(0, f"the window's role is “{role}”")
        if atspi.is_nameless(name):
            bad.insert(0, f"the window has no name (“{name}”)")
        n = len(controls_of(dialog_nodes))
        result(not bad and n > 0, f"the {title} dialog ({role} “{name}”, {n} controls): every control has a role and a name", bad)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
