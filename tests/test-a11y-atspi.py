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

HERE = os.path.dirname(os.path.abspath(__file__))
try:
    import gi  # noqa: F401  (the tool reads the bus with it)
except ImportError:
    print("1..0 # SKIP python3-gi is missing (tools/deps.sh installs it)")
    sys.exit(77)
spec = importlib.util.spec_from_file_location("a11y_atspi", os.path.join(HERE, "..", "tools", "a11y-atspi.py"))
atspi = importlib.util.module_from_spec(spec)
spec.loader.exec_module(atspi)

ROW = re.compile(r"^[^,]+, (pillar|cluster|idea|group)(, [A-Za-z ]+)?, \d+ of \d+$")
SWITCH = ("Editor Only", "Editor and Preview", "Preview Only")


def skip(why):
    print(f"1..0 # SKIP {why}")
    sys.exit(77)


def prepare(home, topiary):
    """The sample map in HOME, and its state: first pillar open, groups open."""
    path = os.path.join(home, "flask.topiary")
    sample = os.path.join(HERE, "..", "data", "samples", "flask-topical-map.txt")
    subprocess.run([topiary, "import", sample, path], check=True, stdout=subprocess.DEVNULL)
    with sqlite3.connect(path) as db:
        groups = [str(r[0]) for r in db.execute("SELECT id FROM grp ORDER BY position, id")]
        pillar = db.execute("SELECT id FROM article WHERE kind = 'pillar' AND grp_id = ? "
                            "ORDER BY position, id LIMIT 1", (int(groups[0]),)).fetchone()[0]
    state = os.path.join(home, "state", "topiary")
    os.makedirs(state, exist_ok=True)
    key = os.path.realpath(path)
    with open(os.path.join(state, "maps.ini"), "w") as f:
        f.write(f"[{key}]\narticle={pillar}\ncursor=0\nlayout=split\nexpanded={';'.join(groups)};\n\n"
                f"[session]\norder={key};\nlast={key}\n")
    return path


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

    print("1..4")
    failed = False

    def result(ok, what, detail=()):
        nonlocal failed
        failed |= not ok
        print(f"{'ok' if ok else 'not ok'} - {what}")
        for line in detail:
            print(f"# {line}")

    # What a named combo box shows of its choice is read with its name
    # (libadwaita's rows hold a list of one item there).
    controls, ancestors = [], []
    for depth, role, label, states in nodes:
        del ancestors[depth:]
        inside_combo = any(r == "combo box" and not atspi.is_nameless(n) for r, n in ancestors)
        ancestors.append((role, label))
        if atspi.is_control(role, states) and not inside_combo:
            controls.append((role, label, states))
    focusable = [(role, label) for _, role, label, states in nodes
                 if atspi.has(states, atspi.STATE_FOCUSABLE)]
    result(len(controls) > 20, f"the window shows {len(controls)} controls (the map, the header, the editor)")

    unnamed = [f"{role}: “{label}”" for role, label, states in controls if atspi.is_nameless(label)]
    roleless = [f"{role}: “{label}”" for role, label in focusable if role in ("", "unknown", "invalid", "filler")]
    result(not unnamed and not roleless, "every control has a role and a name", unnamed + roleless)

    rows = [label for role, label, states in controls if role in ("tree item", "list item", "table row")]
    pillar_rows = [label for label in rows if ROW.match(label) and ", pillar," in label]
    result(len(pillar_rows) >= 2, "the map's rows say title, kind, status and place",
           [f"rows: {rows[:8]}"])

    switch = {label: atspi.said_states(states) for role, label, states in controls
              if label in SWITCH}
    on = [label for label, said in switch.items() if "checked" in said or "pressed" in said]
    result(len(switch) == 3 and on == ["Editor and Preview"],
           "the view switch says which layout is on", [f"switch: {switch}"])
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
