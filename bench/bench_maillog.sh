#!/bin/sh
# bench/bench_maillog.sh - 'ftl collect maillog' against SQLite's floor
#
# Data (made here by tests/fixtures/mkpostfix.sh, deterministic): a
# postfix log of 1,000,000 lines, the same compressed, and one of
# 10,000,000 lines (.gz, to stay small on disk).
#
# Reference: the sqlite3 shell's .import of a CSV holding the same event
# rows ftl stored (exported from ftl's own case, so the data are equal)
# into a table of the shape of ftl's events table with the same two
# indexes and the same page cache (PRAGMA cache_size = -32768).  The
# requirement: ftl at most 3x the time of the import, measured in the same
# run; peak RSS under 100 MiB and flat (within 25%) when the log grows 10x.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
gen=$here/../tests/fixtures/mkpostfix.sh
FTL=${FTL:-$here/../ftl}

[ -f log1m ] || sh "$gen" log1m 1000000
[ -f log1m.gz ] || sh "$gen" log1m.gz 1000000
[ -f log10m.gz ] || sh "$gen" log10m.gz 10000000
lines1=$(wc -l < log1m)

measure ftl1 3 "rm -f c1.ftl && $FTL collect maillog -q -c c1.ftl log1m"
events=$(sqlite3 c1.ftl "SELECT count(*) FROM events")
msgs=$(sqlite3 c1.ftl "SELECT count(*) FROM messages")
sqlite3 -csv c1.ftl "SELECT ts, prec, ts_desc, source, artifact, evidence_id,
    locator, message, raw_time, tz, flags, file_id, msg_id, doc_id, person_id
    FROM events ORDER BY id" > events.csv
# ftl's events table (timeline/store.c) less the explicit id column,
# which is the rowid either way
cat > import.sql <<'EOF'
PRAGMA cache_size = -32768;
CREATE TABLE events(ts TIME_NS NOT NULL, prec INTEGER NOT NULL,
 ts_desc TEXT NOT NULL, source TEXT NOT NULL, artifact TEXT NOT NULL,
 evidence_id INTEGER NOT NULL, locator TEXT NOT NULL, message TEXT NOT NULL,
 raw_time TEXT, tz TEXT, flags INTEGER NOT NULL DEFAULT 0, file_id INTEGER,
 msg_id INTEGER, doc_id INTEGER, person_id INTEGER);
CREATE INDEX events_ts ON events(ts);
CREATE UNIQUE INDEX events_key ON events(evidence_id, locator, ts, ts_desc);
.mode csv
.import events.csv events
EOF
measure imp 3 "rm -f ref.db && sqlite3 ref.db < import.sql"
rows=$(sqlite3 ref.db "SELECT count(*) FROM events")
measure gz1 1 "rm -f g1.ftl && $FTL collect maillog -q -c g1.ftl log1m.gz"
measure gz10 1 "rm -f g10.ftl && $FTL collect maillog -q -c g10.ftl log10m.gz"
lines10=$(sqlite3 g10.ftl "SELECT note FROM evidence" | tr ' ' '\n' |
          grep '^lines=' | cut -d= -f2)
rm -f c1.ftl g1.ftl g10.ftl ref.db events.csv

r_time=$(ratio "$ftl1_s" "$imp_s")
peak=$ftl1_kb
for k in "$gz1_kb" "$gz10_kb"; do
    [ "$k" -gt "$peak" ] && peak=$k
done
r_rss=$(ratio "$gz10_kb" "$gz1_kb")
mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
rate() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.0f", n / (s > 0 ? s : 0.001) }'; }

cat <<EOF
## ftl collect maillog

Data: \`sh tests/fixtures/mkpostfix.sh log1m 1000000\` (and \`log1m.gz\`,
\`log10m.gz\` with 10,000,000 lines): a postfix syslog with connects,
client, message-id, qmgr, 1-3 deliveries (some deferred and retried),
removed, and NOQUEUE rejects; $msgs messages per million lines.

    $FTL collect maillog -q -c c1.ftl log1m                    # 3 runs
    sqlite3 ref.db < import.sql   # .import of the same $rows event rows,
                                  # table and indexes as ftl's events
    $FTL collect maillog -q -c g1.ftl log1m.gz
    $FTL collect maillog -q -c g10.ftl log10m.gz

| run | lines / rows | wall s | lines/s | peak RSS MiB |
| --- | ---: | ---: | ---: | ---: |
| ftl, 1M lines | $lines1 ($events events) | $ftl1_s | $(rate "$lines1" "$ftl1_s") | $(mib "$ftl1_kb") |
| sqlite3 .import, same rows | $rows | $imp_s | $(rate "$rows" "$imp_s") | $(mib "$imp_kb") |
| ftl, 1M lines .gz | $lines1 | $gz1_s | $(rate "$lines1" "$gz1_s") | $(mib "$gz1_kb") |
| ftl, 10M lines .gz | $lines10 | $gz10_s | $(rate "$lines10" "$gz10_s") | $(mib "$gz10_kb") |

- ftl / sqlite3 .import wall time: $r_time (at most 3):
  $(verdict "$(le "$r_time" 3 && echo 1 || echo 0)")
- peak RSS $(mib "$peak") MiB (under 100 MiB):
  $(verdict "$([ "$peak" -lt 102400 ] && echo 1 || echo 0)")
- RSS at 10x the lines / at 1x: $r_rss (flat: at most 1.25):
  $(verdict "$(le "$r_rss" 1.25 && echo 1 || echo 0)")
EOF
