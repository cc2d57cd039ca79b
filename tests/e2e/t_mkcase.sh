# The generated model case: the same arguments give the same bytes, and
# every collector reads it without a warning and finds what the
# generator says the evidence holds (case_check.py: lines, events and
# transactions per log, in the image and exported; the journal; the
# gateway's mstore copies; the attacker's files with their ns times and
# deletions; each HR document's persons and categories; the register
# in CSV and HR-XML; every message where it went, with its transit as
# the gateway logged it).  The evidence is not changed by collecting.
. "$(dirname "$0")/lib.sh"
here=$(cd "$(dirname "$0")" && pwd)
mk="python3 $FIXTURES/mkcase.py"

$mk a --skew 37 > a.out
$mk b --skew 37 > b.out
(cd a && find . -type f | LC_ALL=C sort | xargs sha256sum) > a.sums
(cd b && find . -type f | LC_ALL=C sort | xargs sha256sum) > b.sums
cmp -s a.sums b.sums || { diff a.sums b.sums | head >&2; die "two runs differ"; }
expect_grep "evidence/esg.img" a.sums
expect_grep "truth/facts.json" a.sums
$mk c --skew 0 --seed 5 > c.out
(cd c && find . -type f | LC_ALL=C sort | xargs sha256sum) > c.sums
! cmp -s a.sums c.sums || die "other arguments, same bytes"
expect_rc 2 $mk d --persons 49
# an earlier case is replaced, folders it did not write are not removed
$mk c > /dev/null
mkdir -p foreign/evidence && echo keep > foreign/evidence/mine
expect_rc 2 $mk foreign
expect_eq "foreign evidence kept" "$(cat foreign/evidence/mine)" keep
rm -rf b c

E=a/evidence
sums=$(cd $E && find . -type f | LC_ALL=C sort | xargs sha256sum | sha256sum)
expect_rc 0 "$FTL" collect disk -q -c case.ftl --hash --tz Europe/Brussels \
    $E/esg.img
expect_rc 0 "$FTL" collect maillog -q -c case.ftl --tz Europe/Brussels \
    $E/esg-export/maillog* $E/mx1-log/maillog*
expect_rc 0 "$FTL" collect mailbox -q -c case.ftl $E/journal.mbox
expect_rc 0 "$FTL" collect staff -q -c case.ftl $E/hr/register.csv
expect_rc 0 "$FTL" collect hr -q -c case.ftl $E/hr/store
expect_rc 0 "$FTL" collect staff -q -c xml.ftl $E/hr/register.xml
expect_eq "warnings" "$(sql case.ftl "SELECT count(*) FROM warnings")" 0
expect_eq "items not complete" "$(sql case.ftl "SELECT count(*) FROM evidence
    WHERE status != 'complete'")" 0
python3 "$here/case_check.py" a/truth/facts.json case.ftl xml.ftl > check.out ||
    { cat check.out >&2; die "the case does not hold what the facts say"; }
expect_grep "0 difference(s)" check.out
# the exploit is an indicator hit in the gateway's log and in both copies
hits=$(sql case.ftl "SELECT count(DISTINCT e.kind) FROM ioc_hits h JOIN
    evidence e ON e.id = h.evidence_id WHERE h.value LIKE '%base64 -d | sh%'
    OR h.value = '23.224.42.5'")
expect_eq "exploit hits in logs and stores" "$hits" 2
expect_eq "evidence untouched" \
    "$(cd $E && find . -type f | LC_ALL=C sort | xargs sha256sum | sha256sum)" \
    "$sums"

# the check can fail: a document said to be about someone else
python3 - a/truth/facts.json > bad.json <<'PY'
import json, sys
f = json.load(open(sys.argv[1]))
f["documents"][0]["persons"] = ["E9999"]
json.dump(f, sys.stdout)
PY
expect_rc 1 python3 "$here/case_check.py" bad.json case.ftl > bad.out
expect_grep "E9999" bad.out
