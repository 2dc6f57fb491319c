#!/usr/bin/python3
# a11y-atspi.py — list the controls Topiary shows without a name, read
# through AT-SPI the way Orca reads them (issue 14).
#
# Starts the app (the welcome screen, or a map when given one) on the
# accessibility bus of the current session, walks its accessible tree over
# D-Bus and prints every showing control: role, name, and the states a
# screen reader announces. Exits 1 when a control has no name, 0 otherwise,
# 77 when no accessibility bus can be had. Needs only python3-gi (no
# pyatspi). Run it under a display and a private session bus:
#
#   xvfb-run -a dbus-run-session -- env -u GTK_A11Y \
#     GSETTINGS_SCHEMA_DIR=_build/data tools/a11y-atspi.py _build/src/topiary [MAP.topiary]
#
# SPDX-License-Identifier: GPL-3.0-or-later
import os
import re
import subprocess
import sys
import tempfile
import time

from gi.repository import Gio, GLib

ACCESSIBLE = "org.a11y.atspi.Accessible"
# AtspiStateType bits.
STATE_CHECKED, STATE_EXPANDABLE, STATE_EXPANDED, STATE_FOCUSABLE = 4, 9, 10, 11
STATE_PRESSED, STATE_SHOWING, STATE_VISIBLE = 20, 25, 30
# Roles a user operates: each needs a name.
CONTROL_ROLES = {
    "button", "push button", "toggle button", "check box", "radio button", "entry",
    "password text", "combo box", "spin button", "slider", "menu item",
    "check menu item", "radio menu item", "tree item", "table row", "link",
    "switch", "list item",
}


def a11y_bus():
    session = Gio.bus_get_sync(Gio.BusType.SESSION, None)
    reply = session.call_sync("org.a11y.Bus", "/org/a11y/bus", "org.a11y.Bus",
                              "GetAddress", None, GLib.VariantType("(s)"),
                              Gio.DBusCallFlags.NONE, 5000, None)
    address = reply.unpack()[0]
    return Gio.DBusConnection.new_for_address_sync(
        address,
        Gio.DBusConnectionFlags.AUTHENTICATION_CLIENT
        | Gio.DBusConnectionFlags.MESSAGE_BUS_CONNECTION, None, None)


def call(bus, name, path, method, reply_type):
    reply = bus.call_sync(name, path, ACCESSIBLE, method, None,
                          GLib.VariantType(reply_type), Gio.DBusCallFlags.NONE,
                          5000, None)
    return reply.unpack()[0]


def prop(bus, name, path, prop_name):
    reply = bus.call_sync(name, path, "org.freedesktop.DBus.Properties", "Get",
                          GLib.Variant("(ss)", (ACCESSIBLE, prop_name)),
                          GLib.VariantType("(v)"), Gio.DBusCallFlags.NONE, 5000, None)
    return reply.unpack()[0]


def has(states, bit):
    return bool(states[bit // 32] & (1 << (bit % 32)))


def walk(bus, name, path, depth, out, refs=None):
    try:
        role = call(bus, name, path, "GetRoleName", "(s)")
        label = prop(bus, name, path, "Name")
        states = call(bus, name, path, "GetState", "(au)")
    except GLib.Error as e:
        if os.environ.get("TOPIARY_ATSPI_DEBUG"):
            print("debug:", depth, path, e.message, file=sys.stderr)
        return
    if os.environ.get("TOPIARY_ATSPI_DEBUG"):
        print("debug:", depth, role, repr(label), states, prop(bus, name, path, "ChildCount"), file=sys.stderr)
    # The application itself is never "showing"; what it hides is skipped.
    if depth > 0 and not has(states, STATE_VISIBLE):
        return
    # GTK 4.8 does not set "showing" below the window: a widget on a page
    # that is not shown has no size on screen.
    if depth > 1:
        try:
            reply = bus.call_sync(name, path, "org.a11y.atspi.Component", "GetExtents",
                                  GLib.Variant("(u)", (1,)), GLib.VariantType("((iiii))"),
                                  Gio.DBusCallFlags.NONE, 5000, None)
            x, y, width, height = reply.unpack()[0]
            if os.environ.get("TOPIARY_ATSPI_DEBUG"):
                print("debug: extents", x, y, width, height, file=sys.stderr)
            if width <= 0 or height <= 0:
                return
        except GLib.Error:
            pass
    out.append((depth, role, label, states))
    if refs is not None:
        refs.append((name, path))
    for child_name, child_path in call(bus, name, path, "GetChildren", "(a(so))"):
        walk(bus, child_name, child_path, depth + 1, out, refs)


def find_app(bus, pid):
    root = "/org/a11y/atspi/accessible/root"
    for app_name, app_path in call(bus, "org.a11y.atspi.Registry", root,
                                   "GetChildren", "(a(so))"):
        try:
            reply = bus.call_sync("org.freedesktop.DBus", "/org/freedesktop/DBus",
                                  "org.freedesktop.DBus", "GetConnectionUnixProcessID",
                                  GLib.Variant("(s)", (app_name,)), GLib.VariantType("(u)"),
                                  Gio.DBusCallFlags.NONE, 5000, None)
        except GLib.Error:
            continue
        if reply.unpack()[0] == pid:
            return app_name, app_path
    return None


class NoBus(Exception):
    """No accessibility bus, or the app never showed on it."""


class Session:
    """The app started on the accessibility bus, driven as a screen reader's
    user drives it: find a control by role and name, do its action, read
    the windows it opens. ARGV starts the app; HOME is its private home
    (made and removed here when None)."""

    def __init__(self, argv, home=None, settle=2.0):
        try:
            self.bus = a11y_bus()
        except GLib.Error as e:
            raise NoBus(f"No accessibility bus: {e.message}") from e
        self.own_home = home is None
        self.home = tempfile.mkdtemp(prefix="topiary-atspi-") if home is None else home
        self.app = start_app(argv, self.home)
        found = None
        deadline = time.monotonic() + 20
        while found is None and time.monotonic() < deadline and self.app.poll() is None:
            time.sleep(0.5)
            found = find_app(self.bus, self.app.pid)
        if found is None:
            self.close()
            raise NoBus("Topiary did not appear on the accessibility bus.")
        self.root = found
        time.sleep(settle)  # the window's first frame and the map's tree

    def windows(self):
        """The app's showing windows, as (role, name, ref)."""
        out = []
        for ref in call(self.bus, self.root[0], self.root[1], "GetChildren", "(a(so))"):
            try:
                states = call(self.bus, ref[0], ref[1], "GetState", "(au)")
                if has(states, STATE_VISIBLE):
                    out.append((call(self.bus, ref[0], ref[1], "GetRoleName", "(s)"),
                                prop(self.bus, ref[0], ref[1], "Name"), tuple(ref)))
            except GLib.Error:
                continue
        return out

    def read(self, ref=None):
        """The showing accessibles below REF (the app), as (depth, role,
        name, states) and their refs."""
        ref = ref or self.root
        nodes, refs = [], []
        walk(self.bus, ref[0], ref[1], 0, nodes, refs)
        return nodes, refs

    def find(self, role, name, ref=None):
        """The first showing accessible with ROLE and NAME below REF."""
        nodes, refs = self.read(ref)
        for (depth, r, label, states), where in zip(nodes, refs):
            if r == role and label == name:
                return where
        return None

    def act(self, ref, index=0):
        """Does the accessible's action (a click, a menu item's activate);
        False when it has none."""
        try:
            self.bus.call_sync(ref[0], ref[1], "org.a11y.atspi.Action", "DoAction",
                               GLib.Variant("(i)", (index,)), GLib.VariantType("(b)"),
                               Gio.DBusCallFlags.NONE, 5000, None)
            return True
        except GLib.Error:
            return False

    def press(self, role, name, ref=None):
        """Does the action of the showing control with ROLE and NAME (a menu
        button's name is on it and on its inner toggle: the one that acts)."""
        nodes, refs = self.read(ref)
        for (depth, r, label, states), where in zip(nodes, refs):
            if r == role and label == name and self.act(where):
                return True
        return False

    def keys(self, *keys):
        """Presses KEYS (xdotool's names) on the app's focused window, as a
        keyboard user does where a control has no action (a list row)."""
        wids = subprocess.run(["xdotool", "search", "--onlyvisible", "--pid", str(self.app.pid)],
                              capture_output=True, text=True, check=False).stdout.split()
        if wids:
            active = subprocess.run(["xdotool", "getwindowfocus"], capture_output=True,
                                    text=True, check=False).stdout.strip()
            if os.environ.get("TOPIARY_ATSPI_DEBUG"):
                print("debug: keys", wids, active, file=sys.stderr)
            if active not in wids:
                subprocess.run(["xdotool", "windowfocus", "--sync", wids[-1]], check=False,
                               stderr=subprocess.DEVNULL)
        if keys:
            subprocess.run(["xdotool", "key", "--clearmodifiers", "--delay", "60", *keys], check=True)

    def type(self, text):
        """Types TEXT where the keyboard focus is."""
        self.keys()
        subprocess.run(["xdotool", "type", "--clearmodifiers", "--delay", "30", text], check=True)

    def wait_window(self, known, timeout=15.0):
        """A window that was not among KNOWN (refs), once it shows."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for role, name, ref in self.windows():
                if ref not in known:
                    return role, name, ref
            time.sleep(0.3)
        return None

    def close(self):
        self.app.terminate()
        try:
            self.app.wait(10)
        except subprocess.TimeoutExpired:
            self.app.kill()
            self.app.wait()
        if self.own_home:
            subprocess.run(["rm", "-rf", self.home], check=False)


def start_app(argv, home):
    env = dict(os.environ)
    env.pop("GTK_A11Y", None)
    env.update(HOME=home, XDG_CONFIG_HOME=home + "/config", XDG_DATA_HOME=home + "/data",
               XDG_CACHE_HOME=home + "/cache", XDG_STATE_HOME=home + "/state",
               GSETTINGS_BACKEND="memory", GSK_RENDERER="cairo",
               WEBKIT_DISABLE_COMPOSITING_MODE="1", LANGUAGE="C")
    return subprocess.Popen(argv, env=env)


def read_app(argv, home=None, settle=2.0):
    """Starts ARGV (the app) on the accessibility bus with a private home
    (HOME when given, which the caller then removes) and returns the
    showing accessibles as (depth, role, name, states) once it settled."""
    session = Session(argv, home, settle)
    try:
        return session.read()[0]
    finally:
        session.close()


def is_nameless(label):
    # With no name GTK gives the type's: Orca then reads "GtkImage".
    return not label.strip() or re.fullmatch(r"(Gtk|Adw|Topiary)[A-Za-z]+", label) is not None


def is_control(role, states):
    if role not in CONTROL_ROLES:
        return False
    return role != "list item" or has(states, STATE_FOCUSABLE)


def said_states(states):
    said = [s for s, bit in (("pressed", STATE_PRESSED), ("checked", STATE_CHECKED),
                             ("expanded", STATE_EXPANDED)) if has(states, bit)]
    if has(states, STATE_EXPANDABLE) and not has(states, STATE_EXPANDED):
        said.append("collapsed")
    return said


def main():
    if len(sys.argv) < 2:
        print(__doc__ or "usage: a11y-atspi.py TOPIARY [MAP]", file=sys.stderr)
        return 2
    try:
        nodes = read_app(sys.argv[1:])
    except NoBus as e:
        print(e, file=sys.stderr)
        return 77

    unnamed = 0
    for depth, role, label, states in nodes:
        if not is_control(role, states):
            continue
        mark = "UNNAMED " if is_nameless(label) else ""
        unnamed += bool(mark)
        print(f"{mark}{'  ' * min(depth, 12)}{role}: “{label}” {' '.join(said_states(states))}".rstrip())
    print(f"{len(nodes)} showing accessibles, {unnamed} unnamed controls.")
    return 1 if unnamed else 0


if __name__ == "__main__":
    sys.exit(main())
