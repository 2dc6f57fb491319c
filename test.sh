#!/usr/bin/env bash
# test.sh — install what is missing, build, and run every test suite:
# core, cli, data and portal headless (portal: the real document portal on
# a private bus), ui under Xvfb, then core, cli and portal again in an
# AddressSanitizer + UBSan build.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail
cd "$(dirname "$0")"
. tools/deps.sh

topiary_install_deps $TOPIARY_BUILD_DEPS $TOPIARY_RUN_DEPS $TOPIARY_TEST_DEPS

BUILD=${BUILD:-_build}
ASAN_BUILD=${ASAN_BUILD:-_build-asan}
export LC_ALL=C.UTF-8
# Tests get their own HOME so nothing of the user's is read or written.
TEST_HOME=$(mktemp -d)
trap 'rm -rf "$TEST_HOME"' EXIT
export HOME="$TEST_HOME" XDG_CONFIG_HOME="$TEST_HOME/config" XDG_DATA_HOME="$TEST_HOME/data" \
       XDG_CACHE_HOME="$TEST_HOME/cache" XDG_STATE_HOME="$TEST_HOME/state" XDG_RUNTIME_DIR="$TEST_HOME/run"
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"

summary=()
FAILURES="$TEST_HOME/failures.txt"; : > "$FAILURES"
total_pass=0; total_fail=0; total_skip=0

record () {  # record LOGFILE LABEL — sums meson's JSON test log
  local counts
  counts=$(python3 - "$1" "$FAILURES" <<'PY'
import json, sys
p = f = s = 0
failures = open(sys.argv[2], "a")
try:
    for line in open(sys.argv[1] or "/nonexistent"):
        t = json.loads(line)
        r = t["result"]
        if r in ("OK", "EXPECTEDFAIL"): p += 1
        elif r == "SKIP": s += 1
        else:
            f += 1
            # CI shows only the end of the output: keep each failure's
            # last lines for the very end.
            lines = (t.get("stdout") or "").rstrip("\n").split("\n")
            tail = [l for l in lines if l.startswith(("not ok", "Bail out"))][:10] + ["..."] + lines[-25:]
            failures.write("=== %s: %s (%.1f s)\n" % (t["name"], r, t.get("duration", 0)))
            failures.write("\n".join("    " + l for l in tail) + "\n")
except FileNotFoundError:
    f += 1
    failures.write("=== no test log for %s\n" % sys.argv[1])
print(p, f, s)
PY
)
  read -r p f s <<<"$counts"
  total_pass=$((total_pass + p)); total_fail=$((total_fail + f)); total_skip=$((total_skip + s))
  summary+=("$2: $p passed, $f failed, $s skipped")
}

status=0
run=0
run_suites () {  # run_suites BUILD_DIR LABEL [meson test args...]
  local dir=$1 label=$2; shift 2
  run=$((run + 1))
  # A log of its own per run: with --wrapper meson would name it otherwise.
  if ! meson test -C "$dir" --print-errorlogs --num-processes 2 --logbase "run$run" "$@"; then status=1; fi
  # With --wrapper meson appends the wrapper's name to the log's.
  record "$(ls "$dir"/meson-logs/run$run.json "$dir"/meson-logs/run$run-*.json 2>/dev/null | head -n 1)" "$label"
}

# Warnings are errors here and in CI (meson's default is off, for people
# building a release); a build folder made before gets the option too.
setup () {  # setup DIR [meson setup args...]
  local dir=$1; shift
  if [ -d "$dir" ]; then meson configure "$dir" -Dwerror=true >/dev/null; else meson setup "$dir" -Dwerror=true "$@"; fi
}

setup "$BUILD" --buildtype=debugoptimized
ninja -C "$BUILD"

run_suites "$BUILD" "core, cli, data and portal" --no-suite ui

# UI tests need a display: a private X server and session bus.
export GSK_RENDERER=cairo WEBKIT_DISABLE_COMPOSITING_MODE=1 GTK_A11Y=none
if meson test -C "$BUILD" --list --suite ui >/dev/null 2>&1 && [ -n "$(meson test -C "$BUILD" --list --suite ui 2>/dev/null)" ]; then
  run_suites "$BUILD" "ui (Xvfb)" --suite ui --wrapper "xvfb-run -a -s '-screen 0 1400x900x24' dbus-run-session --"
fi

setup "$ASAN_BUILD" -Db_sanitize=address,undefined -Db_lundef=false -Dgui=disabled --buildtype=debug
ninja -C "$ASAN_BUILD"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export LSAN_OPTIONS=suppressions=$PWD/tests/lsan.supp:print_suppressions=0
run_suites "$ASAN_BUILD" "core, cli and portal (ASan+UBSan)" --suite core --suite cli --suite portal --timeout-multiplier 4

echo
if [ -s "$FAILURES" ]; then echo "Failed tests (the end of each one's output):"; cat "$FAILURES"; echo; fi
printf '%s\n' "${summary[@]}"
echo "$total_pass passed, $total_fail failed, $total_skip skipped"
exit $status
