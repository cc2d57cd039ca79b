#!/bin/sh
# bench/bench_analyze.sh - 'ftl analyze' against the collection it follows
#
# Data (deterministic, made here): a postfix log of 1,000,000 lines
# (tests/fixtures/mkpostfix.sh) and a Barracuda gateway log of 100,000
# messages (tests/fixtures/mkbarracuda.sh), collected into one case.
# The requirement (issue 11): the analysis takes at most a quarter of
# the time its collection took, with peak RSS under 200 MiB.  Each run
# after the first replaces the analysis before (as a re-run does).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
fx=$here/../tests/fixtures
FTL=${FTL:-$here/../ftl}

[ -f pf1m ] || sh "$fx/mkpostfix.sh" pf1m 1000000
[ -f esg100k ] || sh "$fx/mkbarracuda.sh" esg100k 100000 2>/dev/null
lines=$(cat pf1m esg100k | wc -l)

measure col 1 "rm -f a.ftl && $FTL collect maillog -q -c a.ftl pf1m esg100k"
events=$(sqlite3 a.ftl "SELECT count(*) FROM events")
msgs=$(sqlite3 a.ftl "SELECT count(*) FROM messages")
measure an 3 "$FTL analyze -q -c a.ftl"
groups=$(sqlite3 a.ftl "SELECT count(*) FROM message_groups")
rm -f a.ftl

r_wall=$(ratio "$an_s" "$col_s")
r_cpu=$(ratio "$an_cpu" "$col_cpu")
mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }

cat <<EOF
## ftl analyze

Data: \`sh tests/fixtures/mkpostfix.sh pf1m 1000000\` and
\`sh tests/fixtures/mkbarracuda.sh esg100k 100000\`: $lines log lines,
$events events, $msgs messages, $groups message groups.

    $FTL collect maillog -q -c a.ftl pf1m esg100k   # 1 run
    $FTL analyze -q -c a.ftl                        # 3 runs

| run | wall s | CPU s | peak RSS MiB |
| --- | ---: | ---: | ---: |
| collect | $col_s | $col_cpu | $(mib "$col_kb") |
| analyze | $an_s | $an_cpu | $(mib "$an_kb") |

- analyze / collect, wall: $r_wall, CPU: $r_cpu (at most 0.25):
  $(verdict "$(le "$r_wall" 0.25 && echo 1 || echo 0)")
- peak RSS of analyze $(mib "$an_kb") MiB (under 200 MiB):
  $(verdict "$([ "$an_kb" -lt 204800 ] && echo 1 || echo 0)")
EOF
