#!/usr/bin/env python3
# test-project-file.py — the project file on disk, as a hostile afternoon
# treats it: kill -9 in an import's final checkpoint, a disk that fills
# during it, readers beside a writer, read-only mounts and folders, what
# read commands leave beside the project, killed and interrupted imports,
# and the mode of a new project. Runs the real `topiary` binary (TAP).
#
# SPDX-License-Identifier: GPL-3.0-or-later
import fcntl
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import traceback
import atexit

BIN = os.environ["TOPIARY_BIN"]
# Under AddressSanitizer everything is several times slower: fewer rounds.
SANITIZED = os.environ.get("TOPIARY_SANITIZED", "") == "1"
ROOT = os.geteuid() == 0
NOBODY = 65534
USER = ["setpriv", "--reuid=%d" % NOBODY, "--regid=%d" % NOBODY, "--clear-groups"] if ROOT else []
ARTICLES = 600 if SANITIZED else 2000
KILLS = 8 if SANITIZED else 24

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


def skip(name, why):
    global n
    n += 1
    print("ok %d - %s # SKIP %s" % (n, name, why))


def topiary(*args, user=False, umask=None, **kw):
    cmd = (USER if user else []) + [BIN] + [str(a) for a in args]
    pre = (lambda: os.umask(umask)) if umask is not None else None
    return subprocess.run(cmd, capture_output=True, text=True, preexec_fn=pre, **kw)


def articles_in(path):
    """Counts articles with SQLite itself, on a copy (SQLite would fold the
    WAL into the original)."""
    with tempfile.TemporaryDirectory() as d:
        for suffix in ("", "-wal"):
            if os.path.exists(path + suffix):
                shutil.copyfile(path + suffix, os.path.join(d, "c" + suffix))
        con = sqlite3.connect(os.path.join(d, "c"))
        try:
            if con.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                return None
            return con.execute("SELECT count(*) FROM article").fetchone()[0]
        except sqlite3.DatabaseError:
            return None
        finally:
            con.close()


WORDS = ("flask request worker database query cache session token deploy container metric "
         "trace latency schema migration index pool thread route blueprint config secret").split()


def write_corpus(dest, count, marker, seed):
    """A Hugo content folder of @count articles whose bodies name @marker."""
    r = random.Random(seed)
    content = os.path.join(dest, "content")
    os.makedirs(content)
    with open(os.path.join(content, "_index.md"), "w") as f:
        f.write('---\ntitle: "Map"\n---\n')
    for i in range(count):
        group = os.path.join(content, "g%03d" % (i // 10))
        if i % 10 == 0:
            os.makedirs(group)
            with open(os.path.join(group, "_index.md"), "w") as f:
                f.write('---\ntitle: "Group %d"\n---\n' % (i // 10))
        body = "\n\n".join(" ".join(r.choice(WORDS) for _ in range(60)) + " " + marker + "."
                           for _ in range(6))
        with open(os.path.join(group, "a%05d.md" % i), "w") as f:
            f.write('---\ntitle: "Article %d"\nslug: article-%d\n---\n\n%s\n' % (i, i, body))
    return content


def remove_beside(path):
    for suffix in ("", "-wal", "-shm", "-journal"):
        if os.path.exists(path + suffix):
            os.unlink(path + suffix)


def copy_project(src, dst):
    remove_beside(dst)
    shutil.copyfile(src, dst)


def mtime(path):
    try:
        return os.stat(path).st_mtime_ns
    except FileNotFoundError:
        return None


def listing(d):
    return sorted(os.listdir(d))


work = tempfile.mkdtemp(prefix="topiary-file-")
os.chmod(work, 0o755)
mounts = []


@atexit.register
def clean_up():
    for m in reversed(mounts):
        subprocess.run(["umount", "-l", m], capture_output=True)
    subprocess.run(["chmod", "-R", "u+w", work], capture_output=True)
    shutil.rmtree(work, ignore_errors=True)


def guarded(func):
    """A test that raises is one failure, not the end of the others."""
    try:
        func()
    except Exception:
        ok(False, func.__name__.replace("_", " "), traceback.format_exc())


def mount(*args):
    subprocess.run(["mount"] + list(args), check=True, capture_output=True)
    mounts.append(args[-1])


def can_mount():
    if not ROOT:
        return False
    d = tempfile.mkdtemp(dir=work)
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", d], capture_output=True)
    if r.returncode != 0:
        return False
    subprocess.run(["umount", d])
    return True


MOUNT = can_mount()


def can_drop_root():
    """As root, the permission tests run as nobody, who must reach the binary."""
    if not ROOT:
        return True
    if shutil.which("setpriv") is None:
        return False
    return subprocess.run(USER + [BIN, "--version"], capture_output=True).returncode == 0 and \
        subprocess.run(USER + ["ls", work], capture_output=True).returncode == 0


AS_USER = can_drop_root()

one = write_corpus(os.path.join(work, "one"), ARTICLES, "aardvark", 1)
two = write_corpus(os.path.join(work, "two"), ARTICLES, "zebrafish", 2)
small = write_corpus(os.path.join(work, "small"), 3, "small", 3)
base = os.path.join(work, "base.topiary")
r = topiary("import", one, base)
ok(r.returncode == 0, "the corpus imports", r.stderr)


# ---- 1a. kill -9 during the final checkpoint of an import --------------------

def kill_in_checkpoint():
    p = os.path.join(work, "kill.topiary")
    # How long the checkpoint takes: from the first write to the main file
    # (in WAL mode nothing else writes it) to the end of the process.
    copy_project(base, p)
    before = mtime(p)
    proc = subprocess.Popen([BIN, "import", two, p], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while proc.poll() is None and mtime(p) == before:
        time.sleep(0.0005)
    start = time.monotonic()
    proc.wait()
    window = max(time.monotonic() - start, 0.002)

    refused, killed, wrong = [], 0, []
    rnd = random.Random(9)
    # A loaded machine may let the import finish before the kill lands:
    # such runs do not count, and more are tried (bounded) instead.
    for i in range(KILLS * 3):
        if killed >= KILLS:
            break
        copy_project(base, p)
        before = mtime(p)
        proc = subprocess.Popen([BIN, "import", two, p], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        while proc.poll() is None and mtime(p) == before:
            time.sleep(0.0002)
        time.sleep(rnd.uniform(0, window))
        proc.kill()
        proc.wait()
        if proc.returncode != -signal.SIGKILL:
            continue
        killed += 1
        intact = articles_in(p)
        r = topiary("info", p, "--json")
        if r.returncode != 0:
            if intact is not None:
                refused.append("kill %d: %s" % (i, r.stderr.strip()))
        elif json.loads(r.stdout)["articles"] != ARTICLES:
            wrong.append("kill %d: %s articles" % (i, json.loads(r.stdout)["articles"]))
    ok(killed >= 1 and not refused and not wrong,
       "kill -9 during an import's final checkpoint never locks out an intact project "
       "(%d kills in a %.0f ms window)" % (killed, window * 1000),
       "\n".join(refused + wrong))


guarded(kill_in_checkpoint)


# ---- 1c. readers beside a writer --------------------------------------------

def readers_beside_writer():
    p = os.path.join(work, "busy.topiary")
    copy_project(base, p)
    writer = subprocess.Popen(["sh", "-c", 'for s in "$@"; do "%s" import "$s" "%s" >/dev/null || exit 1; done' % (BIN, p),
                               "sh", two, one, two], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    runs, errors = 0, []
    while writer.poll() is None:
        r = topiary("info", p, "--json")
        runs += 1
        if r.returncode != 0:
            errors.append(r.stderr.strip())
    err = writer.stderr.read().decode()
    ok(writer.returncode == 0 and runs >= 5 and not errors,
       "readers running info while another process imports always read (%d runs)" % runs,
       err + "\n".join(errors[:5]))


guarded(readers_beside_writer)


# ---- 1b. the disk fills during the close-time checkpoint ---------------------

def disk_full_in_checkpoint():
    if not MOUNT:
        skip("a disk that fills during the final checkpoint leaves a project that opens", "needs root to mount a tmpfs")
        return
    # Sizes from a run on a roomy disk: the WAL the import writes, and how
    # much the file then grows.
    p = os.path.join(work, "measure.topiary")
    copy_project(base, p)
    before = mtime(p)
    proc = subprocess.Popen([BIN, "import", two, p], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wal = 0
    while proc.poll() is None and mtime(p) == before:
        if os.path.exists(p + "-wal"):
            wal = max(wal, os.path.getsize(p + "-wal"))
        time.sleep(0.0005)
    if os.path.exists(p + "-wal"):
        wal = max(wal, os.path.getsize(p + "-wal"))
    proc.wait()
    growth = os.path.getsize(p) - os.path.getsize(base)

    mnt = tempfile.mkdtemp(dir=work)
    mount("-t", "tmpfs", "-o", "size=%d" % (os.path.getsize(base) + wal + growth + (4 << 20)), "tmpfs", mnt)
    p = os.path.join(mnt, "full.topiary")
    filler = os.path.join(mnt, "filler")
    problems = []
    for share in (0.05, 0.3, 0.6, 0.95):
        copy_project(base, p)
        if os.path.exists(filler):
            os.unlink(filler)
        free = os.statvfs(mnt).f_bavail * os.statvfs(mnt).f_frsize
        leave = wal + 64 * 1024 + int(share * growth)
        with open(filler, "wb") as f:
            f.write(b"\0" * max(free - leave, 0))
        r = topiary("import", two, p)
        os.unlink(filler)
        info = topiary("info", p, "--json")
        if info.returncode != 0:
            problems.append("%.2f: import %s, then info: %s" % (share, "succeeded" if r.returncode == 0 else "failed", info.stderr.strip()))
            continue
        if r.returncode == 0 and topiary("search", p, "zebrafish").returncode != 0:
            problems.append("%.2f: the import said it succeeded but its text is not there" % share)
    ok(not problems, "a disk that fills during the final checkpoint leaves a project that opens once space is freed",
       "\n".join(problems))

    # 2. A full disk: every read command still works.
    copy_project(base, p)
    with open(filler, "wb") as f:
        try:
            while True:
                f.write(b"\0" * (1 << 16))
                f.flush()
        except OSError:
            pass
    before = listing(mnt)
    results = {
        "info": topiary("info", p),
        "search": topiary("search", p, "aardvark", "--limit", "2"),
        "check": topiary("check", p, "--json"),
        "export": topiary("export", p, os.path.join(work, "full-export.json"), "--format", "json"),
    }
    bad = ["%s: %s" % (k, v.stderr.strip()) for k, v in results.items() if v.returncode not in (0, 1) or
           (k != "check" and v.returncode != 0)]
    ok(not bad and listing(mnt) == before,
       "on a full disk info, search, check and export read the project and leave nothing beside it",
       "\n".join(bad) + "\n%s" % listing(mnt))
    os.unlink(filler)


guarded(disk_full_in_checkpoint)


# ---- 2. read-only media and folders ------------------------------------------

def with_wal(p, title, keep_shm=True):
    """Leaves a committed change in the WAL only, as a crash does."""
    code = ("import sqlite3, os, signal, sys\n"
            "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
            "c.execute('PRAGMA wal_autocheckpoint = 0')\n"
            "c.execute('UPDATE map SET title = ?', (sys.argv[2],))\n"
            "os.kill(os.getpid(), signal.SIGKILL)\n")
    subprocess.run([sys.executable, "-c", code, p, title])
    if not keep_shm:
        os.unlink(p + "-shm")
    return os.path.getsize(p + "-wal") > 32


def reads(p, user=False, export_dir=None):
    """Every read command on @p; the failures."""
    export_dir = export_dir or tempfile.mkdtemp(dir=work)
    os.chmod(export_dir, 0o777)
    runs = {
        "info": topiary("info", p, user=user),
        "search": topiary("search", p, "aardvark", "--limit", "2", user=user),
        "check": topiary("check", p, "--json", user=user),
        "export": topiary("export", p, os.path.join(export_dir, "out.json"), "--format", "json", user=user),
    }
    return ["%s: %s" % (k, v.stderr.strip()) for k, v in runs.items()
            if v.returncode != 0 and not (k == "check" and v.returncode == 1)], runs["info"].stdout


def read_only_mount():
    if not MOUNT:
        skip("a project on a read-only mount opens read-only", "needs root to mount")
        return
    src = tempfile.mkdtemp(dir=work)
    ro = tempfile.mkdtemp(dir=work)
    mount("-t", "tmpfs", "-o", "size=64m", "tmpfs", src)
    shutil.copyfile(base, os.path.join(src, "plain.topiary"))
    shutil.copyfile(base, os.path.join(src, "wal.topiary"))
    shutil.copyfile(base, os.path.join(src, "walonly.topiary"))
    ready = with_wal(os.path.join(src, "wal.topiary"), "Title in the WAL") and \
        with_wal(os.path.join(src, "walonly.topiary"), "Title in the WAL", keep_shm=False)
    mount("--bind", src, ro)
    subprocess.run(["mount", "-o", "remount,bind,ro", ro], check=True)
    before = listing(ro)
    bad, _ = reads(os.path.join(ro, "plain.topiary"))
    ok(not bad, "on a read-only mount info, search, check and export work", "\n".join(bad))
    bad, out = reads(os.path.join(ro, "wal.topiary"))
    ok(ready and not bad and out.startswith("Title in the WAL"),
       "on a read-only mount the committed content of a -wal is read", "\n".join(bad) + out[:200])
    bad, out = reads(os.path.join(ro, "walonly.topiary"))
    ok(ready and not bad and out.startswith("Title in the WAL"),
       "on a read-only mount a -wal without its -shm is read", "\n".join(bad) + out[:200])
    ok(listing(ro) == before, "nothing was created on the read-only mount")
    r = topiary("import", small, os.path.join(ro, "plain.topiary"))
    ok(r.returncode != 0 and "read-only" in r.stderr and r.stderr.count("\n") == 1,
       "an import into a project on a read-only mount says it is read-only", r.stderr)


guarded(read_only_mount)


def as_user_dir():
    d = tempfile.mkdtemp(dir=work)
    if ROOT:
        os.chown(d, NOBODY, NOBODY)
    return d


def user_copy(src, dst, mode=0o644):
    shutil.copyfile(src, dst)
    if ROOT:
        os.chown(dst, NOBODY, NOBODY)
    os.chmod(dst, mode)


def read_only_folder():
    if not AS_USER:
        skip("a project in a read-only folder can be read", "root cannot run the binary as nobody here")
        return
    d = as_user_dir()
    user_copy(base, os.path.join(d, "plain.topiary"))
    user_copy(base, os.path.join(d, "wal.topiary"))
    user_copy(base, os.path.join(d, "walonly.topiary"))
    ready = with_wal(os.path.join(d, "wal.topiary"), "Title in the WAL") and \
        with_wal(os.path.join(d, "walonly.topiary"), "Title in the WAL", keep_shm=False)
    for f in os.listdir(d):
        if ROOT:
            os.chown(os.path.join(d, f), NOBODY, NOBODY)
    os.chmod(d, 0o555)
    before = listing(d)
    bad, _ = reads(os.path.join(d, "plain.topiary"), user=True)
    ok(not bad, "in a read-only folder info, search, check and export work", "\n".join(bad))
    bad, out = reads(os.path.join(d, "wal.topiary"), user=True)
    ok(ready and not bad and out.startswith("Title in the WAL"),
       "in a read-only folder the committed content of a -wal is read", "\n".join(bad) + out[:200])
    bad, out = reads(os.path.join(d, "walonly.topiary"), user=True)
    ok(ready and not bad and out.startswith("Title in the WAL"),
       "in a read-only folder a -wal without its -shm is read", "\n".join(bad) + out[:200])
    ok(listing(d) == before, "nothing was created in the read-only folder", "%s\n%s" % (before, listing(d)))
    os.chmod(d, 0o755)


guarded(read_only_folder)


# ---- 3. what read commands leave beside the project --------------------------

def read_commands_leave_nothing():
    d = tempfile.mkdtemp(dir=work)
    p = os.path.join(d, "p.topiary")
    shutil.copyfile(base, p)
    before = listing(d)
    bad, _ = reads(p, export_dir=work)
    ok(not bad and listing(d) == before,
       "info, search, check and export leave no -wal or -shm beside the project",
       "\n".join(bad) + "\n%s" % listing(d))

    # A crash's WAL is folded in by the next reader that may write.
    ready = with_wal(p, "Title in the WAL")
    r = topiary("info", p)
    ok(ready and r.stdout.startswith("Title in the WAL") and listing(d) == before,
       "a read command folds a crash's -wal back in and removes it", r.stdout[:100] + "\n%s" % listing(d))


guarded(read_commands_leave_nothing)


def read_only_file_then_writable():
    if not AS_USER:
        skip("a read-only project leaves nothing that later breaks imports", "root cannot run the binary as nobody here")
        return
    d = as_user_dir()
    p = os.path.join(d, "p.topiary")
    user_copy(base, p, 0o444)
    r = topiary("info", p, user=True)
    ok(r.returncode == 0 and listing(d) == ["p.topiary"],
       "info on a 0444 project leaves no -wal or -shm", r.stderr + "%s" % listing(d))

    # What a read-only reader of an older Topiary left: 0444 -wal and -shm.
    code = ("import sqlite3, sys\n"
            "c = sqlite3.connect('file:' + sys.argv[1] + '?mode=ro', uri=True)\n"
            "c.execute('SELECT count(*) FROM article').fetchone()\n"
            "c.close()\n")
    subprocess.run(USER + [sys.executable, "-c", code, p], check=True)
    left = os.path.exists(p + "-shm") and not os.access(p + "-shm", os.W_OK) if not ROOT else os.path.exists(p + "-shm")
    os.chmod(p, 0o644)
    r = topiary("import", small, p, user=True)
    ok(left and r.returncode == 0, "a 0444 -shm left by a read-only reader does not make a later import fail",
       "leftover made: %s\n%s" % (left, r.stderr))


guarded(read_only_file_then_writable)


# ---- 3. temporaries of killed and interrupted imports -------------------------

def temps(d, name):
    return [f for f in os.listdir(d) if f.startswith(name + ".import-")]


def wait_for_temp(proc, d, name):
    while proc.poll() is None:
        t = temps(d, name)
        if t and os.path.getsize(os.path.join(d, t[0])) > 0:
            return True
        time.sleep(0.002)
    return False


def killed_import_temporaries():
    d = tempfile.mkdtemp(dir=work)
    x = os.path.join(d, "x.topiary")
    proc = subprocess.Popen([BIN, "import", two, x], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seen = wait_for_temp(proc, d, "x.topiary")
    proc.kill()
    proc.wait()
    left = temps(d, "x.topiary")
    r = topiary("import", small, x)
    ok(seen and left and r.returncode == 0 and not temps(d, "x.topiary") and os.path.exists(x),
       "the next import removes what a killed import left", "left %s, now %s\n%s" % (left, listing(d), r.stderr))

    # One in use (its lock held) and names that are not ours stay.
    y = os.path.join(d, "y.topiary")
    stale = y + ".import-Ab12Cd"
    busy = y + ".import-Zz99Yy"
    decoys = [y + ".import-Ab12Cd.bak", y + ".import-short", os.path.join(d, "other.topiary.import-Ab12Cd")]
    for f in [stale, stale + "-wal", busy] + decoys:
        with open(f, "w") as h:
            h.write("x")
    holder = open(busy, "r")
    fcntl.flock(holder, fcntl.LOCK_EX)
    r = topiary("import", small, y)
    kept = os.path.exists(busy) and all(os.path.exists(f) for f in decoys)
    ok(r.returncode == 0 and not os.path.exists(stale) and not os.path.exists(stale + "-wal") and kept,
       "stale temporaries go, one in use and other names stay", "%s\n%s" % (listing(d), r.stderr))
    holder.close()
    r = topiary("import", small, y)
    ok(r.returncode == 0 and not os.path.exists(busy), "once released it goes with the next import",
       "%s\n%s" % (listing(d), r.stderr))

    for sig in (signal.SIGINT, signal.SIGTERM):
        z = os.path.join(d, "z%d.topiary" % sig)
        proc = subprocess.Popen([BIN, "import", two, z], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        seen = wait_for_temp(proc, d, os.path.basename(z))
        proc.send_signal(sig)
        proc.wait()
        ok(seen and proc.returncode == -sig and not temps(d, os.path.basename(z)) and not os.path.exists(z),
           "%s during an import removes its temporary at once" % signal.Signals(sig).name,
           "status %s, %s" % (proc.returncode, listing(d)))


guarded(killed_import_temporaries)


# ---- 19. a new project follows the umask --------------------------------------

def new_project_mode():
    d = tempfile.mkdtemp(dir=work)
    for mask, expected in ((0o022, 0o644), (0o077, 0o600)):
        p = os.path.join(d, "m%o.topiary" % mask)
        r = topiary("import", small, p, umask=mask)
        mode = os.stat(p).st_mode & 0o777 if r.returncode == 0 else None
        ok(mode == expected, "with umask %03o a new project gets mode %o" % (mask, expected),
           "mode %s %s" % (oct(mode) if mode else None, r.stderr))


guarded(new_project_mode)


print("1..%d" % n)
sys.exit(1 if failed else 0)
