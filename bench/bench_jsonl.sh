#!/bin/sh
# bench/bench_jsonl.sh - 'ftl export jsonl --bulk' against 'sqlite3 -json'
# selecting the same rows
#
# Data: the case bench_analyze.sh collects from the model case at
# --scale 400 (bench/work/analyze/base.ftl, about 1.3 million events;
# made here by running that bench when it is missing), analysed once
# into a copy so that the exposure fields are written too.  Measured in
# 3 interleaved rounds:
#   - ftl export jsonl --bulk ftl-bench -o out/bulk (10 MiB files, each
#     synced and renamed into place as every ftl output is);
#   - sqlite3 -json of the columns the documents hold, the same join
#     and order (ts, id), into one file: SQLite's own JSON writer over
#     the same rows, without the typing, the exposure lookup or the
#     action lines.
# Requirement (issue 13): at least 500,000 events per second on this
# machine's 2 cores.  Runs in bench/work/jsonl/.
. "$(dirname "$0")/lib.sh"
top=$(cd "$(dirname "$0")/.." && pwd)
FTL=${FTL:-$top/ftl}
SCALE=${SCALE:-400}
an=$top/bench/work/analyze

if [ ! -f "$an/base.ftl" ] || [ "$(cat "$an/mc.done" 2>/dev/null)" != "$SCALE" ]
then
    echo "bench: jsonl needs bench_analyze.sh's case: making it" >&2
    mkdir -p "$an"
    (cd "$an" && SCALE=$SCALE sh "$top/bench/bench_analyze.sh" > /dev/null)
fi
if [ ! -f an.ftl ] || [ "$(cat an.done 2>/dev/null)" != "$SCALE" ]; then
    rm -f an.ftl an.done
    cp "$an/base.ftl" an.ftl
    "$FTL" analyze -q -c an.ftl --contained 2023-01-25T12:00:00Z \
        --correct-clocks --trust-clock mx1.agency.example > /dev/null 2>&1
    echo "$SCALE" > an.done
fi
events=$(sqlite3 an.ftl "SELECT count(*) FROM events")
cited=$(sqlite3 an.ftl "SELECT count(*) FROM exposures")

cat > ref.sql <<'EOF2'
SELECT e.id AS event_id, e.ts, e.prec, e.ts_desc, e.message, e.source,
 e.artifact, e.evidence_id, v.path AS evidence, v.sha256, e.locator,
 e.raw_time, e.tz, e.flags
 FROM events e JOIN evidence v ON v.id = e.evidence_id ORDER BY e.ts, e.id;
EOF2
load0=$(cut -d' ' -f1 /proc/loadavg)
interleaved 3 \
    "ftl=rm -rf out && mkdir out && $FTL export jsonl --bulk ftl-bench \
-c an.ftl -o out/bulk" \
    "ref=sqlite3 -json an.ftl < ref.sql > ref.json"
parts=$(ls out | grep -c 'ndjson$')
bytes=$(cat out/*.ndjson | wc -c)
ref_bytes=$(wc -c < ref.json)
largest=$(ls -l out/*.ndjson | awk '$5 > m {m = $5} END {print m}')
eps() { awk -v n="$events" -v s="$1" 'BEGIN { if (s <= 0) s = 0.001; printf "%d", n / s }'; }
mib() { awk -v b="$1" 'BEGIN { printf "%.0f", b / 1048576 }'; }
ftl_eps=$(eps "$ftl_s")
ftl_cpu_eps=$(eps "$ftl_cpu")
load1=$(cut -d' ' -f1 /proc/loadavg)
rm -rf out ref.json

cat <<EOF2
## ftl export jsonl --bulk (OpenSearch)

Data: bench_analyze.sh's case (\`mkcase.py --scale $SCALE\`, collected),
analysed: $events events, $cited exposure rows.  Median of 3 rounds in
which both commands run once; wall seconds decide, CPU seconds (user +
system) are shown because they depend less on what else this shared
machine does.  Load average (1 min) before and after the rounds: $load0,
$load1 on $(nproc) cores.

| command | wall s | CPU s | events/s (wall) | events/s (CPU) | peak RSS MiB | output |
| --- | ---: | ---: | ---: | ---: | ---: | ---: |
| \`ftl export jsonl --bulk ftl-bench -c an.ftl -o out/bulk\` | $ftl_s | $ftl_cpu | $ftl_eps | $ftl_cpu_eps | $(awk -v k="$ftl_kb" 'BEGIN { printf "%.1f", k / 1024 }') | $parts files, $(mib "$bytes") MiB, largest $largest bytes |
| \`sqlite3 -json an.ftl < ref.sql > ref.json\` | $ref_s | $ref_cpu | $(eps "$ref_s") | $(eps "$ref_cpu") | $(awk -v k="$ref_kb" 'BEGIN { printf "%.1f", k / 1024 }') | 1 file, $(mib "$ref_bytes") MiB |

ref.sql (in bench/work/jsonl/) selects the documents' columns with the
same join and order.

- ftl / sqlite3 -json wall time: $(ratio "$ftl_s" "$ref_s"); CPU time:
  $(ratio "$ftl_cpu" "$ref_cpu")
- at least 500,000 events per second (wall): $ftl_eps:
  $(verdict "$([ "$ftl_eps" -ge 500000 ] && echo 1 || echo 0)")
EOF2
