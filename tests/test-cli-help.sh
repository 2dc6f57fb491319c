#!/usr/bin/env bash
# test-cli-help.sh — every subcommand's --help lists its own options, and an
# option it does not know is refused in one sentence with exit status 2
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -u

BIN=${TOPIARY_BIN:?}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
unset DISPLAY WAYLAND_DISPLAY DBUS_SESSION_BUS_ADDRESS
export LC_ALL=C.UTF-8

. "$(dirname "$0")/tap.sh"

# subcommand: its options (each must be on a line of its own, described)
declare -A OPTIONS=(
  [import]="--format --dry-run --json --group-level --column --items-as-ideas"
  [export]="--format --drafts --force --strict --base-url --theme --with-map-page --with-briefs"
  [info]="--json"
  [check]="--json"
  [search]="--limit"
  [files]="--json --extract --force"
  [graph]="--svg --level --link-base"
)
# subcommand: the positional arguments its usage line names
declare -A PARAMETERS=(
  [import]="SOURCE FILE.topiary"
  [export]="FILE.topiary DIR"
  [info]="FILE.topiary"
  [check]="FILE.topiary"
  [search]="FILE.topiary QUERY"
  [files]="FILE.topiary"
  [graph]="FILE.topiary"
)
# the options of one subcommand that another does not have, to be refused
declare -A FOREIGN=(
  [import]="--drafts"
  [export]="--dry-run"
  [info]="--limit"
  [check]="--extract"
  [search]="--json"
  [files]="--strict"
  [graph]="--drafts"
)

# described: the help in $1 has a line "  --OPTION[=ARG]  description"
described () {
  grep -Eq -- "^ +(-[a-z], )?$2(=[^ ]+)? +[A-Z(]" "$1"
}

for c in import export info check search files; do
  check "$c --help exits 0 and writes only to stdout" '"$BIN" '$c' --help >"$TMP/$c.help" 2>"$TMP/$c.err" && [ -s "$TMP/$c.help" ] && [ ! -s "$TMP/$c.err" ]'
  check "$c --help shows its usage line" 'grep -Eq "^ +topiary '$c' .*'"${PARAMETERS[$c]}"'" "$TMP/$c.help"'
  check "$c --help describes what it does" '"$BIN" --help | grep -A1 "^  topiary '$c' " | tail -n 1 | sed "s/^ *//" >"$TMP/$c.summary" && [ -s "$TMP/$c.summary" ] && grep -qF -- "$(cat "$TMP/$c.summary")" "$TMP/$c.help"'
  for o in ${OPTIONS[$c]} --help; do
    check "$c --help describes $o" 'described "$TMP/$c.help" '$o''
  done
  check "$c --help lists no option of another subcommand" '! described "$TMP/$c.help" '"${FOREIGN[$c]}"''
  check "$c -h is --help" '"$BIN" '$c' -h | cmp -s - "$TMP/$c.help"'
  check "help $c is $c --help" '"$BIN" help '$c' | cmp -s - "$TMP/$c.help"'
  check "$c --help wins over the other arguments" '"$BIN" '$c' a b --help | cmp -s - "$TMP/$c.help"'

  check "$c refuses an unknown option with exit status 2" '"$BIN" '$c' a b --no-such-option >"$TMP/out" 2>"$TMP/err"; [ $? -eq 2 ] && [ ! -s "$TMP/out" ]'
  check "$c names the unknown option in one sentence" '[ "$(head -n 1 "$TMP/err")" = "topiary '$c': Unknown option “--no-such-option”." ]'
  check "$c refuses another subcommand's option" '"$BIN" '$c' a b '"${FOREIGN[$c]}"' >/dev/null 2>"$TMP/err"; [ $? -eq 2 ] && grep -qF "Unknown option “'"${FOREIGN[$c]}"'”." "$TMP/err"'
  check "$c refuses an unknown short option" '"$BIN" '$c' a b -Z >/dev/null 2>"$TMP/err"; [ $? -eq 2 ] && grep -qF "Unknown option “-Z”." "$TMP/err"'
done

# An option that takes a value, given none.
check "a missing value is one sentence naming the option, exit status 2" '"$BIN" export a b --format >/dev/null 2>"$TMP/err"; [ $? -eq 2 ] && head -n 1 "$TMP/err" | grep -Eq "^topiary export: .*--format.*\.$"'
check "--name=value is read as --name value" '"$BIN" search a b --limit=0 >/dev/null 2>"$TMP/err"; [ $? -eq 2 ] && grep -qF -- "--limit takes a number from 1 to 10000." "$TMP/err"'
# After "--" an argument that looks like an option is a file name.
check "after -- a dash argument is a file, not an option" '"$BIN" info -- --not-an-option >/dev/null 2>"$TMP/err"; [ $? -eq 2 ] && ! grep -q "Unknown option" "$TMP/err" && grep -qF "“--not-an-option”" "$TMP/err"'
check "help of an unknown subcommand is refused" '"$BIN" help frobnicate >/dev/null 2>"$TMP/err"; [ $? -eq 2 ] && grep -qF "“frobnicate”" "$TMP/err"'
check "the main --help still lists every subcommand" '"$BIN" --help >"$TMP/main.help" && for c in import export info check search files; do grep -q "^  topiary $c " "$TMP/main.help" || exit 1; done'

tap_done
