# The oracle of t_model_analyze.sh is itself tested: the exact answer
# of a generated case, written into the analysis tables by hand (from
# the truth, with the aggregation the oracle uses), passes; each kind of
# wrong answer fails it: a row missing, one too many, a strength, an
# item count, a time a second off, a clock offset 3 s off, a bound with
# the wrong origin, a figure, a name.  Runs without 'ftl analyze'.
. "$(dirname "$0")/lib.sh"
here=$(cd "$(dirname "$0")" && pwd)
python3 "$FIXTURES/mkcase.py" mc --skew 37 > mc.out
"$FTL" init -c case.ftl > /dev/null

# answer CASE MODE [BREAK]: the right answer for MODE (plain: derived
# window, --contained, no correction; corrected: the same corrected to
# mx1 by an estimated 36.6 s), broken as BREAK says
answer() {
    cp case.ftl "$1"
    python3 - mc/truth/facts.json "$1" "$2" "${3:-}" <<'PY'
import json, os, sqlite3, sys
sys.dont_write_bytecode = True
sys.path.insert(0, os.environ["FIXTURES"])
from modelcase import truth
f = json.load(open(sys.argv[1]))
db = sqlite3.connect(sys.argv[2])
mode, brk = sys.argv[3], sys.argv[4]
NS = 10**9
est = 36.6 if mode == "corrected" else 0.0
skew = f["case"]["skew_seconds"]
def ns(s):
    import datetime as dt
    d = dt.datetime.strptime(s[:19], "%Y-%m-%dT%H:%M:%S")
    return int(d.replace(tzinfo=dt.timezone.utc).timestamp()) * NS + \
        int((s[20:-1] + "000000000")[:9] if len(s) > 20 else 0)
start = ns(f["case"]["first_exploit"]["gateway_clock"]) - int(est * NS)
end = ns(f["case"]["containment"])
names = {p["employee_no"]: p["name"] for p in f["persons"]}
if brk == "name":
    names[f["persons"][0]["employee_no"]] = "Someone Else"
rows, figs = truth.aggregate(f["links"], start, end,
                             "corrected" if est else "gateway", est,
                             f["case"]["art9"])
off = skew + (3 if brk == "offset" else 0) - (est - skew if est else 0)
db.execute("INSERT INTO clock_offsets(host_a, host_b, offset_seconds, "
           "spread_seconds, pairs, method, applied) VALUES (?,?,?,?,?,?,?)",
           ("esg.agency.example", "mx1.agency.example",
            est if est else off, 1.0, 100, "two-way", int(bool(est))))
db.execute("INSERT INTO analysis_window VALUES ('start', ?, ?, 'first', "
           "'7')", (start, "explicit" if brk == "origin" else "indicator"))
db.execute("INSERT INTO analysis_window VALUES ('end', ?, 'contained', "
           "'given', '')", (end,))
if brk == "missing":
    rows = rows[1:]
for k, r in enumerate(rows):
    first = r["first"] + (2 * NS if brk == "time" and k == 3 else 0)
    items = r["items"] + (brk == "items" and k == 5)
    strength = "weak" if brk == "strength" and r["strength"] == "medium" \
        else r["strength"]
    db.execute("INSERT INTO exposures(person_id, employee_no, name, "
               "category, art9, channel, confidence, strength, "
               "first_exposed, last_exposed, items, event_ids) VALUES "
               "(?,?,?,?,?,?,?,?,?,?,?,?)",
               (k + 1, r["employee_no"], names[r["employee_no"]],
                r["category"], int(r["art9"]),
                r["channel"], r["confidence"], strength, first, r["last"],
                items, "1 2"))
if brk == "extra":
    db.execute("INSERT INTO exposures(person_id, employee_no, category, "
               "channel, confidence, strength, items, event_ids) VALUES "
               "(1, 'E1001', 'health', 'mail-transit', 'accessible', "
               "'weak', 1, '3')")
for cat, g in figs.items():
    db.execute("INSERT INTO exposure_figures VALUES (?,?,?,?,?,?)",
               (cat, int(g["art9"]), int(g["identity_document"]),
                g["data_subjects"], g["records"] + (brk == "figure"),
                g["subjects_weak_only"]))
db.commit()
PY
}
oracle() {
    python3 "$here/oracle.py" --ftl "$FTL" --facts mc/truth/facts.json "$@"
}
c=$(python3 -c "import json; print(json.load(open('mc/truth/facts.json'))['case']['containment'])")

answer good.ftl plain
oracle --case good.ftl --contained "$c" > good.out || { cat good.out >&2; die "the right answer fails"; }
expect_grep " 0 difference(s)" good.out
answer goodc.ftl corrected
oracle --case goodc.ftl --contained "$c" --corrected > goodc.out ||
    { cat goodc.out >&2; die "the right corrected answer fails"; }
# the uncorrected answer is wrong for a corrected run, and back
expect_rc 1 oracle --case good.ftl --contained "$c" --corrected > x.out
expect_rc 1 oracle --case goodc.ftl --contained "$c" > x.out
for b in missing extra strength items time offset origin figure name; do
    answer "$b.ftl" plain "$b"
    expect_rc 1 oracle --case "$b.ftl" --contained "$c" > "$b.out"
done
expect_grep "missing" missing.out
expect_grep "unexpected" extra.out
expect_grep "strength 'weak', want 'medium'" strength.out
expect_grep "items" items.out
expect_grep "first_exposed" time.out
expect_grep "clock_offsets" offset.out
expect_grep "origin 'explicit', want 'indicator'" origin.out
expect_grep "exposure_figures" figure.out
expect_grep "name 'Someone Else'" name.out
# an empty case: nothing found is wrong
expect_rc 1 oracle --case case.ftl --contained "$c" > empty.out
expect_grep "no row between esg and mx1" empty.out
