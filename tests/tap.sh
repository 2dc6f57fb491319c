# tap.sh — what the command-line shell tests share: TAP counting and
# checks, and reading a JSON file. Sourced, not run.
#
# SPDX-License-Identifier: GPL-3.0-or-later

n=0; failed=0
ok ()   { n=$((n + 1)); echo "ok $n - $1"; }
nok ()  { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; [ -n "${2:-}" ] && echo "# $2"; }
skip () { n=$((n + 1)); echo "ok $n - $1 # SKIP $2"; }
check () { if eval "$2"; then ok "$1"; else nok "$1" "command: $2"; fi; }
json_get () {  # json_get FILE EXPR: EXPR evaluated with the file's JSON as d
  python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))" "$1" "$2"
}
# Ends the script: the plan, and failure when a check failed.
tap_done () { echo "1..$n"; [ "$failed" -eq 0 ]; }
