#!/usr/bin/python3
# portal-add.py — adds a file or folder to the document portal as the file
# chooser portal does for a sandboxed app, and prints the path the app sees
# (the per-app view, which Flatpak mounts as /run/user/UID/doc in the
# sandbox). Talks to org.freedesktop.portal.Documents on the session bus.
#
#   portal-add.py add PATH          an existing file or folder (AddFull)
#   portal-add.py add-named DIR NAME  a file that may not exist yet, as the
#                                   save dialog does (AddNamedFull)
#   portal-add.py delete PATH       removes the document (Delete)
#   portal-add.py version           the Documents interface version
#   portal-add.py stop-on-create DIR PREFIX PID
#                                   stops (SIGSTOP) process PID as soon as a
#                                   file named PREFIX* appears in DIR
#
# SPDX-License-Identifier: GPL-3.0-or-later
import os
import signal
import sys

from gi.repository import Gio, GLib

APP = 'io.github.topiary.Topiary'
# DocumentAddFullFlags
REUSE_EXISTING, PERSISTENT, AS_NEEDED_BY_APP, EXPORT_DIRECTORY = 1, 2, 4, 8
# What the file chooser portal grants for a file opened or saved read-write.
PERMISSIONS = ['read', 'write', 'grant-permissions', 'delete']

bus = Gio.bus_get_sync(Gio.BusType.SESSION)


def call(method, params, fds=()):
    fd_list = Gio.UnixFDList.new()
    for fd in fds:
        fd_list.append(fd)
    result, _ = bus.call_with_unix_fd_list_sync(
        'org.freedesktop.portal.Documents', '/org/freedesktop/portal/documents',
        'org.freedesktop.portal.Documents', method, params, None,
        Gio.DBusCallFlags.NONE, -1, fd_list, None)
    return result.unpack()


def mount_point():
    return bytes(call('GetMountPoint', None)[0]).rstrip(b'\0').decode()


def app_path(doc_id, name):
    return os.path.join(mount_point(), 'by-app', APP, doc_id, name)


def main():
    cmd = sys.argv[1]
    if cmd == 'version':
        v = bus.call_sync('org.freedesktop.portal.Documents', '/org/freedesktop/portal/documents',
                          'org.freedesktop.DBus.Properties', 'Get',
                          GLib.Variant('(ss)', ('org.freedesktop.portal.Documents', 'version')),
                          None, Gio.DBusCallFlags.NONE, -1, None)
        print(v.unpack()[0])
    elif cmd == 'add':
        path = os.path.abspath(sys.argv[2])
        flags = REUSE_EXISTING | PERSISTENT | AS_NEEDED_BY_APP
        if os.path.isdir(path):
            flags |= EXPORT_DIRECTORY
        fd = os.open(path, os.O_PATH | os.O_CLOEXEC)
        ids, _ = call('AddFull', GLib.Variant('(ahusas)', ([0], flags, APP, PERMISSIONS)), [fd])
        os.close(fd)
        print(app_path(ids[0], os.path.basename(path)))
    elif cmd == 'add-named':
        fd = os.open(os.path.abspath(sys.argv[2]), os.O_PATH | os.O_CLOEXEC)
        name = sys.argv[3]
        doc_id, _ = call('AddNamedFull',
                         GLib.Variant('(hayusas)', (0, name.encode() + b'\0',
                                                    REUSE_EXISTING | PERSISTENT | AS_NEEDED_BY_APP,
                                                    APP, PERMISSIONS)), [fd])
        os.close(fd)
        print(app_path(doc_id, name))
    elif cmd == 'delete':
        parts = os.path.normpath(sys.argv[2]).split(os.sep)
        call('Delete', GLib.Variant('(s)', (parts[-2],)))
    elif cmd == 'stop-on-create':
        folder, prefix, pid = sys.argv[2], sys.argv[3], int(sys.argv[4])
        os.makedirs(folder, exist_ok=True)
        loop = GLib.MainLoop()
        monitor = Gio.File.new_for_path(folder).monitor_directory(Gio.FileMonitorFlags.NONE, None)

        def changed(_m, f, _o, event):
            if event == Gio.FileMonitorEvent.CREATED and f.get_basename().startswith(prefix):
                os.kill(pid, signal.SIGSTOP)
                print('stopped', flush=True)
                loop.quit()
        monitor.connect('changed', changed)
        timed_out = []

        def give_up():
            timed_out.append(True)
            loop.quit()
        GLib.timeout_add_seconds(60, give_up)
        print('ready', flush=True)
        loop.run()
        if timed_out:
            sys.exit('nothing appeared in 60 s')
    else:
        sys.exit('unknown command ' + cmd)


main()
