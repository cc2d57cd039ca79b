#!/bin/sh
# t_source_shape.sh - no function of the tree's C files is over 120 lines
#
# The house rule (aim under 80 lines, never over 120) holds only if
# something fails when it breaks.  A function is counted from the first
# line of its signature (the last line before its '{' that starts in
# column 0 with a name) to its closing '}' in column 0, both included:
# the style of the tree puts both braces of a function there and nothing
# else, so this needs no C parser.  Functions over 100 lines are listed
# as a warning, to see the next ones coming.
#
# ALLOWED lists "file:function" pairs that another change is splitting;
# one that is no longer over the limit fails too, so the list only
# shrinks.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
LIMIT=120
WARN=100
ALLOWED=""

# The tracked sources when this is a git checkout (other checkouts or
# worktrees below it are not ours); otherwise what find sees.
if git -C . rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    files=$(git ls-files -- '*.c' | sort)
else
    files=$(find . -name '*.c' -not -path './build*' -not -path './demo/*' \
            -not -path './bench/work/*' -not -path './tests/tmp/*' | sort)
fi
[ -n "$files" ] || { echo "no C files found under $top" >&2; exit 1; }

# One line per function: file, first line, name, length.
list=$(awk '
FNR == 1 { start = 0; infn = 0 }
/^[A-Za-z_]/ && !infn { start = FNR; sig = $0 }
/^\{/ && !infn && start { infn = 1; next }
/^\}/ && infn {
    name = sig
    # START_TEST(name) of Check: the test name, not the macro
    if (name ~ /^START_TEST\(/) { sub(/^START_TEST\(/, "", name) }
    sub(/\(.*/, "", name); sub(/.*[ *]/, "", name)
    printf "%s %d %s %d\n", FILENAME, start, name, FNR - start + 1
    infn = 0; start = 0
}' $files)

n=$(printf '%s\n' "$list" | grep -c . || true)
# The counter must see the functions, or the check could never fail.
[ "$n" -gt 500 ] || { echo "only $n functions found: the counter is broken" >&2; exit 1; }

fail=0
printf '%s\n' "$list" | awk -v w=$WARN '$4 > w' | sort -k4 -n |
while read -r f line name len; do
    echo "over $WARN lines: ${f#./}:$line: $name() is $len lines"
done
over=$(printf '%s\n' "$list" | awk -v l=$LIMIT '$4 > l { sub(/^\.\//, "", $1); print $1 ":" $3 }')
for fn in $over; do
    case " $ALLOWED " in
    *" $fn "*) echo "allowed for now: $fn() (see ALLOWED)" ;;
    *) echo "FAIL: $fn() is over $LIMIT lines: split it into its phases"
       fail=1 ;;
    esac
done
for fn in $ALLOWED; do
    case " $(echo $over) " in
    *" $fn "*) ;;
    *) echo "FAIL: $fn is in ALLOWED but no longer over $LIMIT lines:" \
            "remove it from tests/e2e/t_source_shape.sh"
       fail=1 ;;
    esac
done
echo "$n functions counted, limit $LIMIT lines"
exit $fail
