# 'ftl analyze' on the generated model case finds exactly what the
# ground truth says (oracle.py): the clock offset of the gateway to mx1
# (within 2 s), the window, every exposure row and the regulator
# figures, to the second.  For a gateway clock 37 s fast and one that is
# right, each with a window derived from the evidence (with and without
# --contained), an explicit --window, and with and without
# --correct-clocks --trust-clock mx1.agency.example.  On the fast clock
# the edge messages 20 s before a bound are across it as the gateway
# wrote their times and inside once corrected, so the two answers must
# differ where the truth says.  Analysing again changes nothing.
# Skipped (77) while the binary has no 'analyze' command; t_oracle.sh
# shows that the oracle passes the right answer and fails wrong ones.
. "$(dirname "$0")/lib.sh"
here=$(cd "$(dirname "$0")" && pwd)
"$FTL" analyze --help > /dev/null 2>&1 || skip "ftl has no 'analyze' yet"

collect() {
    E=$1/evidence
    "$FTL" collect disk -q -c "$2" --hash --tz Europe/Brussels $E/esg.img
    "$FTL" collect maillog -q -c "$2" --tz Europe/Brussels \
        $E/esg-export/maillog* $E/mx1-log/maillog*
    "$FTL" collect mailbox -q -c "$2" $E/journal.mbox
    "$FTL" collect staff -q -c "$2" $E/hr/register.csv
    "$FTL" collect hr -q -c "$2" $E/hr/store
}
fact() {
    python3 -c "import json, sys; f = json.load(open(sys.argv[1]))
print(eval(sys.argv[2]))" "$1" "$2"
}

for skew in 37 0; do
    mc=mc$skew
    python3 "$FIXTURES/mkcase.py" $mc --skew $skew > $mc.out
    collect $mc base$skew.ftl
    facts=$mc/truth/facts.json
    c=$(fact $facts "f['case']['containment']")
    w=$(fact $facts "'..'.join(f['case']['explicit_window'])")
    fix="--correct-clocks --trust-clock mx1.agency.example"
    k=0
    # each line: the options of analyze | the oracle's for that run
    while IFS='|' read -r opts oracle_opts; do
        k=$((k + 1))
        run=$skew.$k
        cp base$skew.ftl $run.ftl
        # shellcheck disable=SC2086 # the options are words
        expect_rc 0 "$FTL" analyze -c $run.ftl $opts
        # shellcheck disable=SC2086
        set -- $oracle_opts
        python3 "$here/oracle.py" --ftl "$FTL" --facts $facts \
            --case $run.ftl "$@" > $run.oracle ||
            { cat $run.oracle >&2; die "skew $skew, analyze $opts"; }
    done <<RUNS
|
--contained $c|--contained $c
--window $w|--window $w
$fix|--corrected
--contained $c $fix|--contained $c --corrected
--window $w $fix|--window $w --corrected
RUNS
    expect_eq "runs of skew $skew" "$k" 6
    # the same analysis again: the same tables, byte for byte
    for t in exposures exposure_figures clock_offsets analysis_window; do
        "$FTL" export csv --table $t -c $skew.2.ftl -o $t.a.csv
    done
    expect_rc 0 "$FTL" analyze -c $skew.2.ftl --contained "$c"
    for t in exposures exposure_figures clock_offsets analysis_window; do
        "$FTL" export csv --table $t -c $skew.2.ftl -o $t.b.csv
        cmp -s $t.a.csv $t.b.csv || die "analyze again changed $t"
    done
done
