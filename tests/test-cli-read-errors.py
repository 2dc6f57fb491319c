#!/usr/bin/env python3
# test-cli-read-errors.py — a project whose tables cannot all be read (a
# damaged page, a table dropped by another program) makes `topiary check`,
# `export` and `info` fail with a message naming the file, never give a
# report or write an export built on the part that could be read. Runs the
# real `topiary` binary (TAP).
#
# SPDX-License-Identifier: GPL-3.0-or-later
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import traceback

BIN = os.environ["TOPIARY_BIN"]
GROUPS = 8
PER_GROUP = 40
NOTES = 300

n = 0
failed = 0


def ok(cond, name, diag=""):
    global n, failed
    n += 1
    if cond:
        print("ok %d - %s" % (n, name))
    else:
        failed += 1
        print("not ok %d - %s" % (n, name))
        for line in str(diag).splitlines():
            print("# " + line)
    sys.stdout.flush()


def topiary(*args):
    return subprocess.run([BIN] + [str(a) for a in args], capture_output=True, text=True)


def make_project(tmp):
    """A project of GROUPS pillars with PER_GROUP clusters each, and NOTES
    notes: enough rows that each table spans several pages."""
    outline = os.path.join(tmp, "plan.md")
    with open(outline, "w") as f:
        f.write("Read errors: content plan\n\n")
        for g in range(GROUPS):
            f.write("- Pillar: Group %d guide\n" % g)
            for i in range(PER_GROUP):
                f.write("  - Article %d of group %d, with a title long enough to fill pages\n" % (i, g))
    path = os.path.join(tmp, "map.topiary")
    r = topiary("import", outline, path, "--format", "outline")
    if r.returncode != 0:
        raise RuntimeError("import failed: " + r.stderr)
    db = sqlite3.connect(path)
    db.executemany("INSERT INTO note (position, kind, title, body) VALUES (?, 'other', ?, ?)",
                   [(i + 1, "Note %d" % i, "A note that takes room. " * 8) for i in range(NOTES)])
    db.commit()
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return path


def copy_of(src, name):
    dst = os.path.join(os.path.dirname(src), name)
    shutil.copyfile(src, dst)
    return dst


def damage_cells(path, table):
    """Overwrites the cells of a leaf page in the middle of @table, keeping
    the page header: counting the rows still works, reading them fails."""
    db = sqlite3.connect(path)
    page_size = db.execute("PRAGMA page_size").fetchone()[0]
    leaves = [r[0] for r in db.execute(
        "SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY path", (table,))]
    db.close()
    if len(leaves) < 3:
        raise RuntimeError("%s has %d leaf pages; the test needs more" % (table, len(leaves)))
    page_no = leaves[len(leaves) // 2]
    with open(path, "r+b") as f:
        f.seek((page_no - 1) * page_size)
        page = bytearray(f.read(page_size))
        start = int.from_bytes(page[5:7], "big") or 65536
        page[start:] = b"\xff" * (page_size - start)
        f.seek((page_no - 1) * page_size)
        f.write(page)


def drop(path, table):
    db = sqlite3.connect(path)
    db.execute("DROP TABLE %s" % table)
    db.commit()
    db.close()


def fails_cleanly(r, name, project, made=None):
    base = os.path.basename(project)
    ok(r.returncode != 0, name + ": exits with an error",
       "exit %d\nstdout: %s\nstderr: %s" % (r.returncode, r.stdout[-500:], r.stderr))
    ok("“%s”" % base in r.stderr, name + ": the message names the project",
       "stderr: %s" % r.stderr)
    if made is not None:
        ok(not os.path.exists(made) or (os.path.isdir(made) and not os.listdir(made)),
           name + ": nothing is written", "left: %s" % made)


def main():
    tmp = tempfile.mkdtemp(prefix="topiary-read-errors-")
    try:
        good = make_project(tmp)

        r = topiary("export", good, os.path.join(tmp, "good.json"), "--format", "json")
        ok(r.returncode == 0, "the undamaged project exports", r.stderr)

        # Notes: counting them works, reading them does not.
        notes = copy_of(good, "notes.topiary")
        damage_cells(notes, "note")
        out = os.path.join(tmp, "notes.json")
        r = topiary("export", notes, out, "--format", "json")
        ok(r.returncode != 0, "json export of unreadable notes fails",
           "exit %d, wrote %s" % (r.returncode, os.path.exists(out)))
        fails_cleanly(r, "json export of unreadable notes", notes, out)

        # Articles: check, export and info.
        articles = copy_of(good, "articles.topiary")
        damage_cells(articles, "article")
        r = topiary("check", articles)
        ok(r.returncode != 0 and r.stdout.strip() == "", "check of unreadable articles gives no report",
           "exit %d\nstdout: %s" % (r.returncode, r.stdout[-500:]))
        fails_cleanly(r, "check of unreadable articles", articles)
        r = topiary("check", articles, "--json")
        ok(r.returncode != 0 and r.stdout.strip() == "", "check --json of unreadable articles gives no report",
           "exit %d\nstdout: %s" % (r.returncode, r.stdout[-500:]))
        for fmt in ("site", "hugo", "csv", "json"):
            out = os.path.join(tmp, "articles-" + fmt)
            r = topiary("export", articles, out, "--format", fmt)
            ok(r.returncode != 0, "%s export of unreadable articles fails" % fmt,
               "exit %d" % r.returncode)
            fails_cleanly(r, "%s export of unreadable articles" % fmt, articles, out)
        r = topiary("info", articles)
        ok(r.returncode != 0, "info of unreadable articles fails", "exit %d\nstdout: %s" % (r.returncode, r.stdout))
        fails_cleanly(r, "info of unreadable articles", articles)

        # A table dropped by another program.
        dropped = copy_of(good, "dropped.topiary")
        drop(dropped, "note")
        out = os.path.join(tmp, "dropped.json")
        r = topiary("export", dropped, out, "--format", "json")
        ok(r.returncode != 0, "json export without the note table fails", "exit %d" % r.returncode)
        fails_cleanly(r, "json export without the note table", dropped, out)
        r = topiary("check", dropped)
        ok(r.returncode != 0 and r.stdout.strip() == "", "check without the note table gives no report",
           "exit %d\nstdout: %s" % (r.returncode, r.stdout[-500:]))
    except Exception:
        ok(False, "the test ran to its end", traceback.format_exc())
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("1..%d" % n)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
