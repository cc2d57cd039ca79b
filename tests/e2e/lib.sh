# tests/e2e/lib.sh - helpers for the end-to-end tests (sourced)
set -eu

die() { echo "FAIL: $*" >&2; exit 1; }

# skip WHY: the test cannot run here (a feature not built yet); run.sh
# counts exit status 77 (automake's) as skipped, not passed
skip() { echo "SKIP: $*" >&2; exit 77; }

# expect_eq WHAT GOT WANT
expect_eq() {
    [ "$2" = "$3" ] || die "$1: got '$2', want '$3'"
}

# expect_rc WANT CMD... : run CMD, compare its exit status
expect_rc() {
    want=$1; shift
    set +e
    "$@"
    got=$?
    set -e
    [ "$got" -eq "$want" ] || die "exit status of '$*': got $got, want $want"
}

# expect_grep PATTERN FILE
expect_grep() {
    grep -q -- "$1" "$2" || { cat "$2" >&2; die "'$1' not found in $2"; }
}

expect_no_grep() {
    ! grep -q -- "$1" "$2" || die "'$1' unexpectedly found in $2"
}

sha() { sha256sum "$1" | cut -d' ' -f1; }

# sql CASE QUERY : one value from the case file
sql() { sqlite3 "$1" "$2"; }

# same_lines A B : the two files hold the same lines as a multiset
same_lines() {
    sort "$1" > "$1.sorted"
    sort "$2" > "$2.sorted"
    if ! cmp -s "$1.sorted" "$2.sorted"; then
        diff "$1.sorted" "$2.sorted" | head -20 >&2
        die "$1 and $2 differ"
    fi
}

# csv_col FILE COLUMN : the values of one column (python's csv reader)
csv_col() {
    python3 - "$1" "$2" <<'PY'
import csv, sys
with open(sys.argv[1], newline='', encoding='utf-8-sig') as f:
    for row in csv.DictReader(f):
        print(row[sys.argv[2]])
PY
}
