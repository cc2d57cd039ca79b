# Timesketch and OpenSearch exports of the analysed model case (issue 13):
#  - every line of 'ftl export jsonl' against the schema written below
#    (field -> JSON type, required fields, absent = omitted, never null
#    or ""), its times and raw_time against the case;
#  - persons, categories and exposure exactly on the events that the
#    exposures table's event_ids cite, with the values of those rows;
#  - 'csv --for timesketch' writes no formula apostrophe, the default
#    still does, and a numeric raw_time is @SECONDS there (text for
#    pandas, which Timesketch's CSV importer reads with: quotes would
#    not stop it guessing a float);
#  - '--bulk': NDJSON alternating action and document, _id = case id +
#    event id and stable across exports and copies of the case, each
#    file at most --max-bytes, every document's field in the mapping
#    with a matching type, the mistakes refused.
. "$(dirname "$0")/lib.sh"
"$FTL" analyze --help > /dev/null 2>&1 || skip "ftl has no 'analyze' yet"

python3 "$FIXTURES/mkcase.py" mc > mc.out
E=mc/evidence
"$FTL" collect disk -q -c case.ftl --hash --tz Europe/Brussels $E/esg.img
"$FTL" collect maillog -q -c case.ftl --tz Europe/Brussels \
    $E/esg-export/maillog* $E/mx1-log/maillog*
"$FTL" collect mailbox -q -c case.ftl $E/journal.mbox
"$FTL" collect staff -q -c case.ftl $E/hr/register.csv
"$FTL" collect hr -q -c case.ftl $E/hr/store
# names a spreadsheet would run, and raw times that look like numbers
printf '0|-rf|7|r/rrw-r--r--|0|0|1|1667441647.481516339|0|0|0\n' > x.body
printf '0|=1+1|8|r/rrw-r--r--|0|0|1|1684066333|0|0|0\n' >> x.body
printf '0|@SUM(A1)|9|r/rrw-r--r--|0|0|1|1684066334|0|0|0\n' >> x.body
"$FTL" collect bodyfile -q -c case.ftl x.body
"$FTL" analyze -q -c case.ftl > /dev/null 2>&1 ||
    "$FTL" analyze -c case.ftl > /dev/null
n=$(sql case.ftl "SELECT count(*) FROM exposures")
[ "$n" -gt 0 ] || die "the model case has no exposures"

"$FTL" export jsonl -c case.ftl -o t.jsonl
"$FTL" export jsonl -c case.ftl --tz Europe/Brussels -o tz.jsonl
"$FTL" export csv -c case.ftl -o sheet.csv
"$FTL" export csv --for timesketch -c case.ftl -o ts.csv

python3 - case.ftl t.jsonl tz.jsonl sheet.csv ts.csv <<'PY'
import csv, json, re, sqlite3, sys
case, jl, tzl, sheet, tscsv = sys.argv[1:]
db = sqlite3.connect("file:%s?mode=ro" % case, uri=True)

# ---- the schema: field -> type ([t]: a non-empty list of t; dict: an
# object with its own schema); REQUIRED on every line; any other field
# is left out when it has no value: never null, "", [] or {}.
SCHEMA = {
    "event_id": int, "datetime": str, "timestamp": int,
    "timestamp_desc": str, "message": str, "source": str,
    "artifact": str, "evidence_id": int, "evidence": str,
    "evidence_sha256": str, "locator": str, "raw_time": str,
    "tz_assumed": str, "flags": [str], "ioc": str, "local_time": str,
    "persons": [str], "categories": [str],
    "exposure": {"ids": [int], "channels": [str], "confidence": str,
                 "strength": str},
}
REQUIRED = {"event_id", "datetime", "timestamp", "timestamp_desc",
            "message", "source", "artifact", "evidence_id", "evidence",
            "locator"}
EXPOSURE_REQUIRED = {"ids", "channels", "confidence", "strength"}
FLAGS = {"deleted", "realloc", "year-estimated", "tz-assumed",
         "dst-ambiguous", "dst-gap", "ioc", "ioc-message"}

def check(v, t, where):
    if isinstance(t, list):
        assert isinstance(v, list) and v, (where, v)
        for x in v:
            check(x, t[0], where)
    elif isinstance(t, dict):
        assert isinstance(v, dict) and v, (where, v)
        for k, x in v.items():
            assert k in t, (where, "unknown field", k)
            check(x, t[k], where + "." + k)
    else:
        # bool is an int to python; JSON true is not a number
        assert type(v) is t, (where, type(v).__name__, v)
        if t is str:
            assert v != "", (where, "empty string instead of omitted")

def line_ok(o, no):
    where = "line %d" % no
    assert isinstance(o, dict), where
    missing = REQUIRED - set(o)
    assert not missing, (where, "missing", missing)
    for k, v in o.items():
        assert k in SCHEMA, (where, "field not in the schema", k)
        assert v is not None, (where, k, "null")
        check(v, SCHEMA[k], where + ": " + k)
    assert set(o.get("flags", [])) <= FLAGS, (where, o["flags"])
    if "exposure" in o:
        assert set(o["exposure"]) == EXPOSURE_REQUIRED, (where, o)
        assert "persons" in o and "categories" in o, where
    else:
        assert "persons" not in o and "categories" not in o, where

# ---- what the exposures table cites
label, cited = {}, {}
rank_c = ["unknown", "accessible", "observed"]
rank_s = ["weak", "medium", "strong"]
for xid, pid, emp, name, cat, chan, conf, stren, ids in db.execute(
        "SELECT id, person_id, employee_no, name, category, channel,"
        " confidence, strength, event_ids FROM exposures"):
    who = emp or name or "person-%d" % pid
    for e in map(int, ids.split()):
        c = cited.setdefault(e, {"persons": set(), "categories": set(),
                                 "ids": [], "channels": set(),
                                 "conf": 0, "str": 0})
        c["persons"].add(who)
        c["categories"].add(cat)
        c["ids"].append(xid)
        c["channels"].add(chan)
        c["conf"] = max(c["conf"], rank_c.index(conf))
        c["str"] = max(c["str"], rank_s.index(stren))
assert cited, "no cited events"

events = {r[0]: r[1:] for r in db.execute(
    "SELECT id, ts, prec, raw_time, tz FROM events")}
rows = []
with open(jl, encoding="utf-8") as f:
    for no, l in enumerate(f, 1):
        assert l.endswith("\n") and "\n" not in l[:-1], no
        o = json.loads(l)
        line_ok(o, no)
        rows.append(o)
assert len(rows) == len(events), (len(rows), len(events))
seen = set()
RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.(\d+))?Z$")
for o in rows:
    e = o["event_id"]
    ts, prec, raw, tz = events[e]
    m = RFC3339.match(o["datetime"])
    assert m, o["datetime"]
    assert len(m.group(2) or "") == prec, (o["datetime"], prec)
    assert o["timestamp"] == ts // 1000, (o, ts)
    assert o.get("raw_time") == raw, (o, raw)
    assert o.get("tz_assumed") == tz, (o, tz)
    c = cited.get(e)
    if not c:
        assert "exposure" not in o, ("not cited but annotated", o)
        continue
    seen.add(e)
    assert "exposure" in o, ("cited but not annotated", e)
    assert o["persons"] == sorted(c["persons"]), (o["persons"], c)
    assert o["categories"] == sorted(c["categories"]), o
    x = o["exposure"]
    assert x["ids"] == sorted(c["ids"]), (x, c)
    assert x["channels"] == sorted(c["channels"]), x
    assert x["confidence"] == rank_c[c["conf"]], x
    assert x["strength"] == rank_s[c["str"]], x
assert seen == set(cited), set(cited) - seen
raws = [o["raw_time"] for o in rows if "raw_time" in o]
assert "1667441647.481516339" in raws, "the nanosecond raw_time"

# --tz: local_time on every line, of the same schema
with open(tzl, encoding="utf-8") as f:
    for no, l in enumerate(f, 1):
        o = json.loads(l)
        line_ok(o, no)
        assert "local_time" in o, no

# ---- the two CSVs
def read(p):
    with open(p, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))
a, b = read(sheet), read(tscsv)
assert len(a) == len(b) == len(rows)
text_cols = [k for k in a[0] if k not in ("event_id", "timestamp",
                                          "evidence_id")]
def number(s):
    try:
        float(s)
        return True
    except ValueError:
        return False
lead = 0
for ra, rb, o in zip(a, b, rows):
    for k in text_cols:
        if k == "raw_time":
            continue
        va, vb = ra[k], rb[k]
        if vb[:1] in ("=", "+", "-", "@", "\t", "\r", "\n"):
            lead += 1
            assert va == "'" + vb, (k, va, vb)       # the default keeps it
        else:
            assert va == vb, (k, va, vb)
        assert not vb.startswith("'") or va.startswith("''"), (k, vb)
    raw = o.get("raw_time", "")
    assert ra["raw_time"].lstrip("'") == raw, (ra["raw_time"], raw)
    if number(raw):
        assert rb["raw_time"] == "@" + raw, (rb["raw_time"], raw)
    else:
        assert rb["raw_time"] == raw, (rb["raw_time"], raw)
    assert not number(rb["raw_time"]), rb["raw_time"]
assert lead >= 3, lead
msgs = [r["message"] for r in b]
for name in ("-rf", "=1+1", "@SUM(A1)"):
    assert any(m.startswith(name + " ") for m in msgs), name
    assert not any(m.startswith("'" + name) for m in msgs), name
print("jsonl lines:", len(rows), "cited:", len(cited))
PY

# ---- OpenSearch _bulk
mkdir out again
"$FTL" export jsonl --bulk ftl-model -c case.ftl -o out/case \
    --max-bytes 256k 2> bulk.err
cat bulk.err >&2
cp case.ftl copy.ftl
"$FTL" export jsonl --bulk ftl-model -c copy.ftl -o again/case 2> /dev/null
[ -f out/case-0002.ndjson ] || die "256k made one file: nothing split"
python3 - case.ftl out again 262144 <<'PY'
import glob, json, os, sqlite3, sys
case, d1, d2, maxb = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
db = sqlite3.connect("file:%s?mode=ro" % case, uri=True)
events = {r[0] for r in db.execute("SELECT id FROM events")}

def load(d, limit):
    mapping = json.load(open(os.path.join(d, "case-mapping.json")))
    parts = sorted(glob.glob(os.path.join(d, "case-[0-9]*.ndjson")))
    assert parts, d
    for i, p in enumerate(parts, 1):
        assert p.endswith("-%04d.ndjson" % i), (p, i)
    ids, docs = [], []
    for p in parts:
        data = open(p, "rb").read()
        assert 0 < len(data) <= limit, (p, len(data))
        assert data.endswith(b"\n"), p
        lines = data.decode("utf-8").split("\n")[:-1]
        assert len(lines) % 2 == 0, p        # no pair cut in two
        for a, doc in zip(lines[0::2], lines[1::2]):
            act = json.loads(a)
            assert list(act) == ["index"], act
            assert act["index"]["_index"] == "ftl-model", act
            o = json.loads(doc)
            assert "index" not in o, o
            assert act["index"]["_id"] == "%s-%d" % (o["case_id"],
                                                     o["event_id"]), act
            ids.append(act["index"]["_id"])
            docs.append(o)
    return mapping, ids, docs

m1, ids1, docs1 = load(d1, maxb)
m2, ids2, docs2 = load(d2, 10 * 1024 * 1024)
assert ids1 == ids2, "the _ids differ between two exports of one case"
assert len(set(ids1)) == len(ids1) == len(events), len(ids1)
assert {o["event_id"] for o in docs1} == events
cid = docs1[0]["case_id"]
assert all(o["case_id"] == cid for o in docs1)
assert len(cid) == 36 and cid[14] == "8" and cid[19] in "89ab", cid
jl = [json.loads(l) for l in open("t.jsonl", encoding="utf-8")]
for o, j in zip(docs1, jl):
    o = dict(o)
    del o["case_id"]
    assert o == j, (o, j)                  # the document is the JSONL line

# every field of every document is mapped, with a type that fits
props = m1["mappings"]["properties"]
assert m1["mappings"]["dynamic"] == "strict"
assert props["datetime"]["type"] == "date_nanos", props["datetime"]
assert "nanos" in props["datetime"]["format"]
for k in ("case_id", "evidence_sha256", "locator", "raw_time"):
    assert props[k]["type"] == "keyword", (k, props[k])
def fits(v, p, where):
    if isinstance(v, list):
        for x in v:
            fits(x, p, where)
    elif isinstance(v, dict):
        assert "properties" in p, where
        for k, x in v.items():
            assert k in p["properties"], (where, k)
            fits(x, p["properties"][k], where + "." + k)
    elif type(v) is int:
        assert p["type"] == "long", (where, p)
    else:
        assert type(v) is str and p["type"] in (
            "keyword", "text", "date_nanos"), (where, p)
for o in docs1:
    for k, v in o.items():
        assert k in props, ("not in the mapping", k)
        fits(v, props[k], k)
print("bulk documents:", len(docs1))
PY
expect_grep "wrote 'out/case-mapping.json'" bulk.err

# another case has another id; the same one keeps it after more work
"$FTL" collect bodyfile -q -c other.ftl x.body
"$FTL" export jsonl --bulk ftl-model -c other.ftl -o other 2> /dev/null
a=$(head -1 out/case-0001.ndjson | python3 -c \
    'import json,sys; print(json.load(sys.stdin)["index"]["_id"].rsplit("-",1)[0])')
b=$(head -1 other-0001.ndjson | python3 -c \
    'import json,sys; print(json.load(sys.stdin)["index"]["_id"].rsplit("-",1)[0])')
[ "$a" != "$b" ] || die "two cases share the case id $a"
"$FTL" init -c copy.ftl --name renamed 2> /dev/null
"$FTL" export jsonl --bulk ftl-model -c copy.ftl -o again/case 2> /dev/null
head -1 again/case-0001.ndjson | grep -q "\"_id\":\"$a-" ||
    die "renaming the case changed its id"

# a smaller export after a larger one: the stale part is named
"$FTL" export jsonl --bulk ftl-model -c case.ftl --from 2023-05-01 \
    -o out/case 2> small.err
expect_grep "out/case-0002.ndjson' and any later part are from an earlier" \
    small.err

# mistakes: refused before anything is written
expect_rc 2 "$FTL" export jsonl --bulk ftl-model -c case.ftl
expect_rc 2 "$FTL" export jsonl --bulk ftl-model -c case.ftl -o -
expect_rc 2 "$FTL" export jsonl --bulk ftl-model -c case.ftl -o out/
expect_rc 2 "$FTL" export jsonl --bulk ftl-model -c case.ftl -o out
expect_rc 2 "$FTL" export jsonl --bulk Upper -c case.ftl -o x
expect_rc 2 "$FTL" export jsonl --bulk _x -c case.ftl -o x
expect_rc 2 "$FTL" export jsonl --bulk ftl-model --max-bytes 100 \
    -c case.ftl -o x
expect_rc 2 "$FTL" export jsonl --max-bytes 1M -c case.ftl -o x.jsonl
expect_rc 2 "$FTL" export csv --for excel -c case.ftl -o x.csv
expect_rc 2 "$FTL" export jsonl --for timesketch -c case.ftl -o x.jsonl
[ ! -e x ] && [ ! -e x-mapping.json ] && [ ! -e x.csv ] ||
    die "a refused export wrote something"
# a part that is a symbolic link is not written through
ln -s /dev/null lnk-0001.ndjson
expect_rc 2 "$FTL" export jsonl --bulk ftl-model -c case.ftl -o lnk \
    2> /dev/null
[ -L lnk-0001.ndjson ] || die "the link was replaced"
# a line larger than --max-bytes: the export fails, saying which event
long=$(python3 -c 'print("n" * 5000)')
printf '0|%s|9|r/rrw-r--r--|0|0|1|1684066334|0|0|0\n' "$long" > long.body
"$FTL" collect bodyfile -q -c long.ftl long.body
expect_rc 1 "$FTL" export jsonl --bulk ftl-model --max-bytes 4096 \
    -c long.ftl -o tiny 2> tiny.err
expect_grep "event 1 takes .* bytes of _bulk, more than --max-bytes 4096" \
    tiny.err
[ ! -e tiny-0001.ndjson ] || die "a part was left by the failed export"
