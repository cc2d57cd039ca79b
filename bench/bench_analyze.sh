#!/bin/sh
# bench/bench_analyze.sh - 'ftl analyze' against the collection it
# follows
#
# Data: the model case of tests/fixtures/mkcase.py with 400 times its
# background mail (--scale 400, gateway clock 37 s fast): about 100,000
# messages through the gateway and mx1, each seen by up to four sources
# (the gateway's log in the image and exported, mx1's log, the journal),
# which ftl collects into about 1.3 million events and 275,000 message
# rows.  Measured in 3 rounds of one run of each, so that the three see
# the same load on this shared machine:
#   - the collection: every collector over the case (disk with --hash,
#     maillog, mailbox, staff, hr), timed as one command;
#   - 'ftl analyze --contained ... --correct-clocks --trust-clock mx1'
#     on a fresh copy of the collected case (the copy made
#     before each run and not timed: it is this bench's setup, not the
#     analysis);
#   - the same analysis run again on the analysed case: it
#     replaces the previous analysis (what an examiner who changes an
#     option does).
# Requirements (issue 11): analyze at most a quarter of the collection's
# wall time, peak RSS under 200 MiB.  While the binary has no 'analyze'
# the collection is still measured and the analysis says so.  Runs in
# bench/work/analyze/.
. "$(dirname "$0")/lib.sh"
top=$(cd "$(dirname "$0")/.." && pwd)
FTL=${FTL:-$top/ftl}
SCALE=${SCALE:-400}
E=mc/evidence

if [ ! -f mc.done ] || [ "$(cat mc.done)" != "$SCALE" ]; then
    rm -rf mc mc.done
    measure gen 1 "python3 $top/tests/fixtures/mkcase.py mc --scale $SCALE \
--skew 37"
    echo "$SCALE" > mc.done
    echo "$gen_s $gen_kb" > gen.times
fi
read -r gen_s gen_kb < gen.times

cat > collect.sh <<EOF2
set -e
rm -f base.ftl
$FTL collect disk -q -c base.ftl --hash --tz Europe/Brussels $E/esg.img
$FTL collect maillog -q -c base.ftl --tz Europe/Brussels \
    $E/esg-export/maillog.3.gz $E/esg-export/maillog.2.gz \
    $E/esg-export/maillog.1 $E/esg-export/maillog \
    $E/mx1-log/maillog.3.gz $E/mx1-log/maillog.2.gz \
    $E/mx1-log/maillog.1 $E/mx1-log/maillog
$FTL collect mailbox -q -c base.ftl $E/journal.mbox
$FTL collect staff -q -c base.ftl $E/hr/register.csv
$FTL collect hr -q -c base.ftl $E/hr/store
EOF2
an_cmd="$FTL analyze -c an.ftl --contained 2023-01-25T12:00:00Z \
--correct-clocks --trust-clock mx1.agency.example"
# shellcheck disable=SC2034  # read by interleaved (bench/lib.sh)
an_prep="cp base.ftl an.ftl"
if "$FTL" analyze --help > /dev/null 2>&1; then
    # the same load for the three: one of each per round
    interleaved 3 "col=sh collect.sh" "an=$an_cmd" "again=$an_cmd"
else
    measure col 1 "sh collect.sh"
fi
events=$(sqlite3 base.ftl "SELECT count(*) FROM events")
msgs=$(sqlite3 base.ftl "SELECT count(*) FROM messages")
logical=$(python3 -c "import json; print(json.load(open('mc/truth/facts.json'))['counts']['messages'])")
mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }

cat <<EOF2
## ftl analyze

Data: \`python3 tests/fixtures/mkcase.py mc --scale $SCALE --skew 37\`
($gen_s s, peak RSS $(mib "$gen_kb") MiB to generate): $logical messages, collected into
$events events and $msgs message rows (gateway log in the image and
exported, mx1's log, the journal, the gateway's mail store).

| step | wall s | peak RSS MiB |
| --- | ---: | ---: |
| collect (disk --hash, maillog, mailbox, staff, hr; 3 runs) | $col_s | $(mib "$col_kb") |
EOF2
if "$FTL" analyze --help > /dev/null 2>&1; then
    rows=$(sqlite3 an.ftl "SELECT count(*) FROM exposures")
    r=$(ratio "$an_s" "$col_s")
    r2=$(ratio "$again_s" "$col_s")
    kb=$an_kb
    [ "$again_kb" -gt "$kb" ] && kb=$again_kb
    cat <<EOF2
| analyze a fresh copy (3 runs; $rows exposure rows) | $an_s | $(mib "$an_kb") |
| analyze it again, replacing the analysis (3 runs) | $again_s | $(mib "$again_kb") |

    cp base.ftl an.ftl       # before each of the first 3 runs, not timed
    $FTL analyze -c an.ftl --contained 2023-01-25T12:00:00Z \\
        --correct-clocks --trust-clock mx1.agency.example

- analyze / collect wall time: $r, again: $r2 (at most 0.25):
  $(verdict "$(le "$r" 0.25 && le "$r2" 0.25 && echo 1 || echo 0)")
- analyze peak RSS $(mib "$kb") MiB (under 200 MiB):
  $(verdict "$([ "$kb" -lt 204800 ] && echo 1 || echo 0)")
EOF2
    rm -f an.ftl
else
    cat <<EOF2
| analyze | skipped: this ftl has no \`analyze\` | |

- analyze / collect wall time: not measured (no \`ftl analyze\` yet)
EOF2
fi
