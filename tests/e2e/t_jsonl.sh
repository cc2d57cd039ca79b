# JSON Lines export: one valid JSON object per event, same events and
# order as the CSV, hostile names (quotes, backslashes, control characters,
# invalid UTF-8) still valid JSON.
. "$(dirname "$0")/lib.sh"
fls -r -m / "$SAMPLES/disk/image.dd" > in.body
printf '0|/we"ird\\\\na\tme\001\377|7|r/rrw-r--r--|0|0|1|1684066332.5|0|0|0\n' >> in.body
"$FTL" collect bodyfile -c case.ftl in.body 2>/dev/null
"$FTL" export jsonl -c case.ftl -o t.jsonl
"$FTL" export csv -c case.ftl -o t.csv
python3 - t.jsonl t.csv <<'PY'
import csv, json, sys
rows = [json.loads(l) for l in open(sys.argv[1], encoding='utf-8')]
with open(sys.argv[2], newline='', encoding='utf-8') as f:
    ref = list(csv.DictReader(f))
assert len(rows) == len(ref), (len(rows), len(ref))
for j, c in zip(rows, ref):
    assert str(j['event_id']) == c['event_id']
    assert j['datetime'] == c['datetime'] and str(j['timestamp']) == c['timestamp']
    for k in ('timestamp_desc', 'message', 'datetime'):
        assert isinstance(j[k], str) and j[k]
weird = [r for r in rows if 'we"ird' in r['message']]
assert len(weird) == 1, weird
m = weird[0]['message']
assert '\\\\na\tme\x01\\xFF' in m, repr(m)
assert weird[0]['datetime'] == '2023-05-14T12:12:12.5Z', weird[0]['datetime']
PY
expect_rc 2 "$FTL" export jsonl -c case.ftl --table files
"$FTL" export jsonl -c case.ftl --from 2023-01-01 -o recent.jsonl
expect_eq "from" "$(wc -l < recent.jsonl | tr -d ' ')" 1
