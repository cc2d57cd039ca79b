# On a terminal, collect shows a progress line on stderr; in a pipe it
# does not (and -q silences the summary).
. "$(dirname "$0")/lib.sh"
command -v script >/dev/null || die "script(1) (bsdutils) is needed"
awk 'BEGIN { for (i = 1; i <= 300000; i++)
    printf "0|/f%d|%d|r/rrw-r--r--|0|0|1|%d|0|0|0\n", i, i, 1600000000 + i }' > big.body
script -qec "$FTL collect bodyfile -c tty.ftl big.body" /dev/null > tty.out
expect_grep "big.body: [0-9]* lines" tty.out
"$FTL" collect bodyfile -c pipe.ftl big.body 2> pipe.err
expect_no_grep "lines" pipe.err
"$FTL" collect bodyfile -q -c quiet.ftl big.body 2> quiet.err
test ! -s quiet.err || die "-q printed: $(cat quiet.err)"
