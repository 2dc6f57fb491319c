#!/usr/bin/env python3
"""Topiary benchmarks: import, open, search, and export side by side with Hugo.

usage: bench/bench.py [--build _build] [--sizes 1000,10000] [--rounds 3] [--skip-hugo]
                      [--images-every 10] [--large-every 10]

Generates the deterministic corpora with ../shared/bench/gen_corpus.py (or
$TOPIARY_GEN_CORPUS), imports them, times opening and searching the project
in process, then runs `topiary export` and `hugo` on the same articles in
alternation and prints wall time and peak memory for both and their ratios.
Every tenth article (--images-every; 0 for none) becomes a page bundle with
an image it shows, so the import, the site export and Hugo all carry images;
every tenth of those images (--large-every; 0 for none) is a 1600 x 1000
photo (a JPEG made by topiary-bench-image), so the site export also makes
its smaller copy for srcset. The exports keep those copies and the
highlighted code in a cache folder made fresh per corpus: the first
export (cold, printed apart) scales and highlights, the next (warm, their
median is "export s") take both from the cache (docs/export-site.md).
Hugo keeps its scaled images in the corpus's resources/_gen: that folder
is removed before the first round, so Hugo's first build is cold too; the
cold export is compared with it, the warm ones with Hugo's later builds.
Figures are measured on this machine in this run; nothing is hard-coded.
"""
import argparse
import json
import os
import random
import shutil
import statistics
import struct
import subprocess
import sys
import time
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(cmd, **kw):
    """Runs cmd; returns (wall seconds, peak RSS in MiB, exit status)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **kw)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    err = proc.stderr.read().decode(errors="replace")
    proc.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        sys.stderr.write("command failed (%d): %s\n%s\n" % (code, " ".join(cmd), err[-2000:]))
    return wall, usage.ru_maxrss / 1024.0, code


def gen_corpus(out, n):
    gen = os.environ.get("TOPIARY_GEN_CORPUS",
                         os.path.join(ROOT, "..", "shared", "bench", "gen_corpus.py"))
    if not os.path.exists(gen):
        sys.exit("gen_corpus.py not found at %s (set TOPIARY_GEN_CORPUS)" % gen)
    if not os.path.exists(os.path.join(out, "content")):
        subprocess.run([sys.executable, gen, out, "--articles", str(n)], check=True,
                       stdout=subprocess.DEVNULL)


def write_png(path, seed, width=320, height=200):
    """A deterministic RGB PNG that differs per seed: a gradient with some
    noise, so it compresses like a screenshot rather than a flat block."""
    r = random.Random(seed)
    tint = (r.randrange(256), r.randrange(256), r.randrange(256))
    noise = r.randbytes(width * height)
    # Pixel (x, y) is (tint0 + x, tint1 + y, tint2 + noise & 0x1f), built a
    # channel at a time so that large images are quick to make.
    reds = bytes((tint[0] + x) & 0xff for x in range(width))
    blues = bytes((tint[2] + (n & 0x1f)) & 0xff for n in range(256))
    rows = []
    for y in range(height):
        row = bytearray(3 * width)
        row[0::3] = reds
        row[1::3] = bytes(((tint[1] + y) & 0xff,)) * width
        row[2::3] = noise[y * width:(y + 1) * width].translate(blues)
        rows.append(b"\0" + bytes(row))

    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data +
                struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff))

    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" +
                chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)) +
                chunk(b"IDAT", zlib.compress(b"".join(rows), 6)) + chunk(b"IEND", b""))


def add_images(corpus, every, large_every, photo_tool):
    """Turns every @every-th article into a page bundle (slug/index.md) with
    an image its body shows: the same files for Hugo and for the import.
    Every @large_every-th image is a 1600 x 1000 photo (JPEG)."""
    articles = []
    content = os.path.join(corpus, "content")
    for folder, _, names in os.walk(content):
        for name in names:
            if name.endswith(".md") and not name.startswith("_"):
                articles.append(os.path.join(folder, name))
    articles.sort()
    for i, path in enumerate(articles):
        if i % every != 0 or os.path.basename(path) == "index.md":
            continue
        bundle = path[:-3]
        os.makedirs(os.path.join(bundle, "images"))
        large = large_every > 0 and (i // every) % large_every == 0
        name = "figure-%d.%s" % (i, "jpg" if large else "png")
        if large:
            subprocess.run([photo_tool, os.path.join(bundle, "images", name), "1600", "1000", str(i)],
                           check=True)
        else:
            write_png(os.path.join(bundle, "images", name), i)
        with open(path) as f:
            text = f.read()
        with open(os.path.join(bundle, "index.md"), "w") as f:
            f.write(text.rstrip("\n") + "\n\n![Figure %d of the article](images/%s)\n" % (i, name))
        os.unlink(path)


def count_fences(content):
    """Fenced code blocks in the corpus's Markdown (opening fences)."""
    n = 0
    for root, _, files in os.walk(content):
        for name in files:
            if name.endswith(".md"):
                with open(os.path.join(root, name), encoding="utf-8") as f:
                    n += sum(1 for line in f if line.startswith("```")) // 2
    return n


def fmt_ratio(a, b):
    return "%.3f" % (a / b) if b else "n/a"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default=os.path.join(ROOT, "_build"))
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--skip-hugo", action="store_true")
    ap.add_argument("--images-every", type=int, default=10,
                    help="an image in every Nth article (0: none)")
    ap.add_argument("--large-every", type=int, default=10,
                    help="every Nth image is a 1600 x 1000 photo, scaled for srcset (0: none)")
    ap.add_argument("--groups", default="5000,50000",
                    help="outline imports with this many groups (one article each)")
    ap.add_argument("--out", default=os.path.join(ROOT, "bench", "out"))
    a = ap.parse_args()

    topiary = os.path.join(a.build, "src", "topiary")
    bench = os.path.join(a.build, "bench", "topiary-bench")
    for exe in (topiary, bench):
        if not os.access(exe, os.X_OK):
            sys.exit("%s is missing: build first (meson setup _build && ninja -C _build)" % exe)
    hugo = shutil.which("hugo")
    os.makedirs(a.out, exist_ok=True)
    results = {}

    for n in [int(s) for s in a.sizes.split(",")]:
        corpus = os.path.join(a.out, "corpus-%d" % n)
        if a.images_every > 0:
            corpus += "-img%d" % a.images_every
            if a.large_every > 0:
                corpus += "-photos%d" % a.large_every
        done = os.path.join(corpus, ".corpus-complete")
        if not os.path.exists(done):
            shutil.rmtree(corpus, ignore_errors=True)
            gen_corpus(corpus, n)
            if a.images_every > 0:
                add_images(corpus, a.images_every, a.large_every,
                           os.path.join(a.build, "bench", "topiary-bench-image"))
            open(done, "w").close()
        project = os.path.join(a.out, "corpus-%d.topiary" % n)
        r = results[n] = {}
        r["code_blocks"] = count_fences(os.path.join(corpus, "content"))

        # Import: fresh project each round; the last one stays for the rest.
        imports = []
        for _ in range(a.rounds):
            for suffix in ("", "-wal", "-shm"):
                if os.path.exists(project + suffix):
                    os.unlink(project + suffix)
            wall, rss, code = run([topiary, "import", os.path.join(corpus, "content"), project])
            if code != 0:
                sys.exit("import failed")
            imports.append((wall, rss))
        r["import_s"] = statistics.median(w for w, _ in imports)
        r["import_peak_mib"] = max(m for _, m in imports)

        out = subprocess.run([bench, project, "flask worker retry"], check=True,
                             capture_output=True, text=True).stdout
        r.update(json.loads(out))

        # Export and Hugo in alternation, so both see the same machine load.
        # Each run writes a new, empty folder, and the folders are removed
        # only after the last run: replacing an earlier site costs the
        # removal of 20,000 files and folders, and on some file systems
        # (ext4 without a journal here) files created just after a mass
        # deletion are slow to allocate. Neither is the exporter's work.
        outs = []
        exp, hug, plain = [], [], []
        # The site export keeps its copies of large images and the
        # highlighted code in the user's cache folder between exports: a
        # fresh one per corpus, so the first export is a cold one (printed
        # apart) and the next, warm ones reuse it.
        cache = os.path.join(a.out, "cache-%d" % n)
        shutil.rmtree(cache, ignore_errors=True)
        # Hugo keeps its scaled images in the source folder: without them
        # its first build is a cold one too, compared with the first export.
        shutil.rmtree(os.path.join(corpus, "resources", "_gen"), ignore_errors=True)
        env = dict(os.environ, XDG_CACHE_HOME=cache)
        outs.append(cache)
        for i in range(a.rounds):
            site = os.path.join(a.out, "site-%d-%d" % (n, i))
            hugo_out = os.path.join(a.out, "hugo-%d-%d" % (n, i))
            outs += [site, hugo_out]
            wall, rss, code = run([topiary, "export", project, site, "--drafts"], env=env)
            if code != 0:
                exp = []
                break
            if i == 0:
                r["export_cold_s"] = wall
                r["export_cold_peak_mib"] = rss
            else:
                exp.append((wall, rss))
            # The same export with code left plain (docs/highlighting.md).
            plain_site = site + "-plain"
            outs.append(plain_site)
            wall, rss, code = run([topiary, "export", project, plain_site, "--drafts"],
                                  env=dict(env, TOPIARY_HIGHLIGHT="0"))
            if code == 0:
                plain.append((wall, rss))
            if hugo and not a.skip_hugo:
                wall, rss, code = run([hugo, "--quiet", "-s", corpus, "-d", hugo_out])
                if code == 0 and i == 0:
                    r["hugo_cold_s"] = wall
                elif code == 0:
                    hug.append((wall, rss))
        for o in outs:
            shutil.rmtree(o, ignore_errors=True)
        # Every run, for the record: Hugo's time swings from run to run.
        r["export_runs_s"] = [round(w, 2) for w, _ in exp]
        r["export_plain_runs_s"] = [round(w, 2) for w, _ in plain]
        r["hugo_runs_s"] = [round(w, 2) for w, _ in hug]
        if exp:
            # The warm exports' median: what exporting again costs.
            r["export_s"] = statistics.median(w for w, _ in exp)
            r["export_peak_mib"] = max(m for _, m in exp)
        if plain:
            r["export_plain_s"] = statistics.median(w for w, _ in plain)
        if hug:
            r["hugo_s"] = statistics.median(w for w, _ in hug)
            r["hugo_peak_mib"] = max(m for _, m in hug)

    print()
    print("| articles | import s | import peak MiB | open ms | search ms | list ms |")
    print("|---:|---:|---:|---:|---:|---:|")
    for n, r in results.items():
        print("| %d | %.2f | %.0f | %.1f | %.2f | %.1f |" % (
            n, r["import_s"], r["import_peak_mib"], r["open_ms"], r["search_ms"], r["list_ms"]))
    print()
    print("| articles | export s (warm, median) | hugo s (warm, median) | time ratio | export peak MiB | hugo peak MiB | memory ratio |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for n, r in results.items():
        if "export_s" not in r:
            print("| %d | (export failed, not built, or --rounds 1: no warm export) | | | | | |" % n)
            continue
        print("| %d | %.2f | %s | %s | %.0f | %s | %s |" % (
            n, r["export_s"], "%.2f" % r["hugo_s"] if "hugo_s" in r else "n/a",
            fmt_ratio(r["export_s"], r.get("hugo_s", 0)), r["export_peak_mib"],
            "%.0f" % r["hugo_peak_mib"] if "hugo_peak_mib" in r else "n/a",
            fmt_ratio(r["export_peak_mib"], r.get("hugo_peak_mib", 0))))
    print()
    print("| articles | first export s (cold: no cached copies nor code) | hugo s, first build (no scaled images kept) | time ratio |")
    print("|---:|---:|---:|---:|")
    for n, r in results.items():
        if "export_cold_s" in r:
            print("| %d | %.2f | %s | %s |" % (
                n, r["export_cold_s"], "%.2f" % r["hugo_cold_s"] if "hugo_cold_s" in r else "n/a",
                fmt_ratio(r["export_cold_s"], r.get("hugo_cold_s", 0))))
    print()
    print("| articles | code blocks | export s (warm) | export s, code plain | ratio |")
    print("|---:|---:|---:|---:|---:|")
    for n, r in results.items():
        if "export_s" in r and "export_plain_s" in r:
            print("| %d | %d | %.2f | %.2f | %s |" % (
                n, r.get("code_blocks", 0), r["export_s"], r["export_plain_s"],
                fmt_ratio(r["export_s"], r["export_plain_s"])))
    with open(os.path.join(a.out, "results.json"), "w") as f:
        json.dump(results, f, indent=2)
    bench_groups(topiary, a.out, [int(s) for s in a.groups.split(",") if s], a.rounds)


def bench_groups(topiary, out, sizes, rounds):
    """Imports outlines of many groups: linear time is about 10x per 10x."""
    if not sizes:
        return
    print()
    print("| outline groups | import s | import peak MiB |")
    print("|---:|---:|---:|")
    for n in sizes:
        source = os.path.join(out, "groups-%d.md" % n)
        with open(source, "w") as f:
            f.write("# Many groups\n\n")
            for i in range(n):
                f.write("## Group %d\n\n- Article %d\n\n" % (i, i))
        project = os.path.join(out, "groups-%d.topiary" % n)
        runs = []
        for _ in range(rounds):
            for suffix in ("", "-wal", "-shm"):
                if os.path.exists(project + suffix):
                    os.unlink(project + suffix)
            wall, rss, code = run([topiary, "import", source, project])
            if code != 0:
                sys.exit("import of %d groups failed" % n)
            runs.append((wall, rss))
        print("| %d | %.2f | %.0f |" % (n, statistics.median(w for w, _ in runs),
                                       max(m for _, m in runs)))
        for path in (source, project):
            os.unlink(path)


if __name__ == "__main__":
    main()
