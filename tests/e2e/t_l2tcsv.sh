# ftl export l2tcsv: plaso's 17 columns on sample disk images and a mail
# log, read back with Python's csv module: the header, 17 cells on every
# row, one row per event but for the file times folded into MACB rows,
# the letters against fls -m and against the files table, dates and
# times of known events, the output zone.
. "$(dirname "$0")/lib.sh"
export TZ=UTC      # fls reads FAT times in the local zone; ftl in UTC
D=$SAMPLES/disk
M=$SAMPLES/maillog

for img in image.dd hierarchy_64.ext4 testfs1 fat12.img; do
    "$FTL" collect disk -q -c case.ftl "$D/$img"
done
"$FTL" collect maillog -q -c case.ftl --year 2023 --tz UTC "$M/postfix.log"
"$FTL" export l2tcsv -c case.ftl -o all.l2t 2>/dev/null
"$FTL" export csv -c case.ftl --table events --raw -o events.csv 2>/dev/null
"$FTL" export csv -c case.ftl --table files --raw -o files.csv 2>/dev/null
fls -r -m / "$D/image.dd" > image.body

python3 - all.l2t events.csv files.csv image.body <<'PY'
import csv, sys, datetime, collections

l2t, events_csv, files_csv, body = sys.argv[1:5]
HEADER = ("date,time,timezone,MACB,source,sourcetype,type,user,host,short,"
          "desc,version,filename,inode,notes,format,extra")
FOUR = {"Content Modification Time": 0, "Last Access Time": 1,
        "Metadata Modification Time": 2, "Creation Time": 3}

def fail(msg):
    sys.exit("FAIL: " + msg)

raw = open(l2t, "rb").read()
if b"\r" in raw:
    fail("l2tcsv has a CR: plaso ends lines with LF only")
lines = raw.decode("utf-8").split("\n")
if lines[0] != HEADER:
    fail("header: %r" % lines[0])
with open(l2t, newline="", encoding="utf-8") as f:
    rows = list(csv.reader(f))
for i, r in enumerate(rows):
    if len(r) != 17:
        fail("row %d has %d cells: %r" % (i + 1, len(r), r))
    if r[11] != "2" and i:
        fail("version of row %d: %r" % (i + 1, r[11]))
# no comma inside a cell: a split on commas gives the same 17
for i, line in enumerate(lines[:-1]):
    if line.count(",") != 16:
        fail("line %d has %d commas" % (i + 1, line.count(",")))
rows = rows[1:]

# rows = events - those folded: one row per (time, evidence, locator,
# artifact) among the four file times, one per other event
with open(events_csv, newline="") as f:
    ev = list(csv.DictReader(f))
groups, others = set(), 0
for e in ev:
    if e["ts_desc"] in FOUR:
        groups.add((e["ts"], e["evidence_id"], e["locator"], e["artifact"]))
    else:
        others += 1
want = len(groups) + others
if len(rows) != want:
    fail("rows: got %d, want %d (events %d)" % (len(rows), want, len(ev)))
if len(rows) >= len(ev):
    fail("nothing folded: %d rows for %d events" % (len(rows), len(ev)))

def when(sec):
    d = datetime.datetime.fromtimestamp(sec, datetime.timezone.utc)
    return d.strftime("%m/%d/%Y"), d.strftime("%H:%M:%S")

def letters(idx):
    return "".join("MACB"[i] if i in idx else "." for i in range(4))

got = collections.Counter()
for r in rows:
    if r[4] == "FILE":
        got[(r[12], r[13], r[0], r[1], r[3])] += 1

# against fls -m (image.dd: ext2, whole seconds): the times of one entry
# that are equal fold into one row with their letters
want_fls = collections.Counter()
for line in open(body, encoding="utf-8", errors="replace"):
    f = line.rstrip("\n").split("|")
    name, inode = f[1].split(" -> ")[0], f[2]
    if name.endswith(" (deleted)"):
        name = name[:-len(" (deleted)")]
    by_time = collections.defaultdict(set)
    for i, t in enumerate((f[8], f[7], f[9], f[10])):   # M A C B
        if t != "0":
            by_time[int(t)].add(i)
    for t, idx in by_time.items():
        want_fls[(name, inode, *when(t), letters(idx))] += 1
checked = 0
for k, n in want_fls.items():
    if got[k] < n:
        fail("fls entry %r: %d rows in l2tcsv, want %d" % (k, got[k], n))
    checked += 1
if checked < 10:
    fail("only %d fls times compared" % checked)
if got[("/passwords.txt", "15", "05/25/2012", "16:00:53", "MA..")] != 1:
    fail("/passwords.txt MA.. row")

# against the files table (every image, nanoseconds): equal times of
# one entry are one row; a deletion time a row of its own, "...."
with open(files_csv, newline="") as f:
    files = list(csv.DictReader(f))
want_all = collections.Counter()
for fi in files:
    by_time = collections.defaultdict(set)
    for i, col in enumerate(("mtime", "atime", "ctime", "crtime")):
        if fi[col] not in ("", "0"):
            by_time[int(fi[col])].add(i)
    inode = fi["addr"] if fi["addr"] not in ("", "-1") else "-"
    for t, idx in by_time.items():
        want_all[(fi["path"], inode, *when(t // 10**9), letters(idx))] += 1
    if fi["dtime"] not in ("", "0"):
        want_all[(fi["path"], inode, *when(int(fi["dtime"]) // 10**9),
                  "....")] += 1
if want_all != got:
    diff = list((want_all - got).items())[:5] + list((got - want_all).items())[:5]
    fail("FILE rows differ from the files table: %r" % diff)
folded = sum(n for k, n in got.items() if k[4].count(".") < 3)
if folded < 100:
    fail("only %d folded rows" % folded)

# the mail log: a known line's date and time, its host, no letters
line1 = [r for r in rows if "disconnect from webmail.dinos.test" in r[10]]
if len(line1) != 1:
    fail("postfix line 1: %d rows" % len(line1))
r = line1[0]
if r[0:4] != ["01/31/2023", "09:50:02", "UTC", "...."] or r[4] != "LOG":
    fail("postfix line 1: %r" % r[0:5])
if "datetime: 2023-01-31T09:50:02Z" not in r[16]:
    fail("extra of postfix line 1: %r" % r[16])
sent = [r for r in rows if r[15] == "mail:delivery"]
if not sent or any(r[8] != "raptor" for r in sent):
    fail("host of the deliveries: %r" % [r[8] for r in sent])
if any(len(r[9]) > 80 for r in rows):
    fail("a short cell over 80 characters")
PY

# --tz: date, time and zone name in that zone
"$FTL" export l2tcsv -c case.ftl --tz Europe/Brussels -o bxl.l2t 2>/dev/null
expect_grep '^05/25/2012,18:00:53,CEST,MA..,FILE,File stat,Content Modification Time; Last Access Time,' bxl.l2t
expect_grep '^01/31/2023,10:50:02,CET,....,LOG,' bxl.l2t
# the filters select events as for the CSV timeline
"$FTL" export l2tcsv -c case.ftl --from 2012-05-25T16:00:53Z \
    --to 2012-05-25T16:00:53Z -o one.l2t 2>/dev/null
expect_eq "one second" "$(wc -l < one.l2t | tr -d ' ')" 2
ev=$(sql case.ftl "SELECT id FROM evidence WHERE kind = 'maillog'")
"$FTL" export l2tcsv -c case.ftl --evidence "$ev" -o mail.l2t 2>/dev/null
expect_eq "mail rows" "$(($(wc -l < mail.l2t) - 1))" \
    "$(sql case.ftl "SELECT count(*) FROM events WHERE evidence_id = $ev")"
expect_no_grep ',FILE,' mail.l2t
expect_rc 2 "$FTL" export l2tcsv -c case.ftl --bom
expect_rc 2 "$FTL" export l2tcsv -c case.ftl --tz Mars/Olympus
