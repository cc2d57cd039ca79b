# The exposure step through the real collectors: an HR store and its
# register (mkhrstore.py), an appliance ext4 image with the gateway's
# log, a message in its store carrying a CV and a sick note, a copy of an
# ID scan staged in /usr/share/.uc/ and a payslip elsewhere on it; then
# ftl analyze with an explicit window, its exports, a second run, and
# the same image collected without --hash.
. "$(dirname "$0")/lib.sh"

python3 "$FIXTURES/mkhrstore.py" hr > /dev/null
cv=hr/store/E1003_Lefevre_Elodie/CV_Elodie_Lefevre.docx
sick=hr/store/E1003_Lefevre_Elodie/arret_maladie_mars.odt
t=$(pwd)/tree
mkdir -p "$t/mail/log" "$t/mail/mstore/0/1" "$t/usr/share/.uc" \
    "$t/var/spool/keep"
cat > "$t/mail/log/maillog" <<'LOG'
May 18 10:00:01 esg postfix/smtpd[101]: 4A1B2C3D4E: client=mx.outside.example[192.0.2.7]
May 18 10:00:02 esg postfix/cleanup[102]: 4A1B2C3D4E: message-id=<m1@outside.example>
May 18 10:00:03 esg postfix/qmgr[103]: 4A1B2C3D4E: from=<recruit@outside.example>, size=20480, nrcpt=1 (queue active)
May 18 10:00:04 esg postfix/smtp[104]: 4A1B2C3D4E: to=<elodie.lefevre@agency.example>, relay=inner[10.0.0.5]:25, status=sent (250 ok)
May 19 11:00:01 esg postfix/smtpd[105]: 5ABCDEF12: client=mx.outside.example[192.0.2.7]
May 19 11:00:02 esg postfix/cleanup[106]: 5ABCDEF12: message-id=<m2@outside.example>
May 19 11:00:03 esg postfix/qmgr[107]: 5ABCDEF12: from=<x@outside.example>, size=2048, nrcpt=1 (queue active)
May 19 11:00:04 esg postfix/smtp[108]: 5ABCDEF12: to=<jean.dupont@agency.example>, relay=inner[10.0.0.5]:25, status=sent (250 ok)
LOG
{
    printf 'From: Recruiter <recruit@outside.example>\n'
    printf 'To: elodie.lefevre@agency.example\nSubject: your application\n'
    printf 'Message-ID: <m1@outside.example>\n'
    printf 'Date: Thu, 18 May 2023 10:00:00 +0000\nMIME-Version: 1.0\n'
    printf 'Content-Type: multipart/mixed; boundary="B"\n\n'
    printf -- '--B\nContent-Type: text/plain\n\nsee attached\n'
    for f in "$cv:cv.docx" "$sick:arret_maladie_mars.odt"; do
        printf -- '--B\nContent-Type: application/octet-stream\n'
        printf 'Content-Disposition: attachment; filename="%s"\n' "${f#*:}"
        printf 'Content-Transfer-Encoding: base64\n\n'
        base64 "${f%%:*}"
    done
    printf -- '--B--\n'
} > "$t/mail/mstore/0/1/m1"
cp hr/store/E1001_Dupont_Jean/ID_scan_Dupont.pdf "$t/usr/share/.uc/scan.pdf"
cp hr/store/E1002_Dupont_Marie/payslips/Payslip_2023-01.pdf \
    "$t/var/spool/keep/p.pdf"
sh "$FIXTURES/mkext4.sh" esg.img 8M "$t" > /dev/null
# the staged copy keeps an old modification time (cp -p) but was created
# inside the window; the payslip was there before it
debugfs -w esg.img -f - > /dev/null 2>&1 <<'CMDS'
sif /usr/share/.uc/scan.pdf crtime 20230520120000
sif /usr/share/.uc/scan.pdf mtime 20230101000000
sif /var/spool/keep/p.pdf crtime 20230301000000
sif /var/spool/keep/p.pdf mtime 20230301000000
sif /mail/mstore/0/1/m1 crtime 20230518100005
sif /mail/mstore/0/1/m1 mtime 20230518100005
sif /mail/log/maillog mtime 20230519110005
CMDS

"$FTL" collect staff -q -c c.ftl hr/register.csv
"$FTL" collect hr -q -c c.ftl hr/store
"$FTL" collect disk -q -c c.ftl --hash esg.img
window=2023-05-15T00:00:00Z..2023-06-06T00:00:00Z
expect_rc 0 "$FTL" analyze -c c.ftl --window $window --gateway esg 2> a.err
expect_grep "exposures of 3 persons" a.err

row() {
    sql c.ftl "SELECT group_concat(channel || ' ' || confidence || ' ' ||
        strength || ' ' || items || ' ' || first_exposed, '|') FROM
        (SELECT * FROM exposures WHERE employee_no = '$1' AND
        category = '$2' ORDER BY id)"
}
# the CV and the sick note (Art. 9): through the gateway, and in the
# appliance's store from the stored file's time
expect_eq "cv" "$(row E1003 cv)" \
    "appliance-storage accessible strong 1 1684404005000000000|mail-transit accessible strong 1 1684404001000000000"
expect_eq "health" "$(row E1003 health)" \
    "appliance-storage accessible strong 1 1684404005000000000|mail-transit accessible strong 1 1684404001000000000"
expect_eq "art9" "$(sql c.ftl "SELECT group_concat(DISTINCT art9) FROM
    exposures WHERE category = 'health'")" 1
# the staged ID scan: observed, from its creation time; the other Dupont
# named by surname alone on it is a candidate of the HR step, not a
# person of the document: no row of hers (issue 11: "that document's
# persons"; a surname alone names nobody)
expect_eq "id scan" "$(row E1001 identity_document)" \
    "appliance-storage observed strong 1 1684584000000000000"
expect_eq "id scan, candidate" "$(row E1002 identity_document)" ""
expect_eq "candidate kept for the DPO" "$(sql c.ftl "SELECT count(DISTINCT dp.doc_id) FROM
    document_persons dp JOIN persons p ON p.person_id = dp.person_id
    JOIN documents d ON d.id = dp.doc_id WHERE p.employee_no = 'E1002'
    AND dp.strength = 'surname' AND
    d.path LIKE '%E1001_Dupont_Jean/ID_scan_Dupont.pdf'")" 1
# the payslip was there before the window: from its start
expect_eq "payslip" "$(row E1002 payroll)" \
    "appliance-storage accessible strong 1 1684108800000000000"
expect_eq "address" "$(row E1001 internal_communication)" \
    "mail-transit accessible strong 1 1684494001000000000"
"$FTL" export csv -c c.ftl --table exposure_items -o items.csv 2>/dev/null
expect_grep "it holds message <m1@outside.example>" items.csv
expect_grep "staging place named by the indicator pack ('/usr/share/.uc/')" \
    items.csv
# every item's events are events of the case, and of its own message or file
expect_eq "event ids" "$(python3 - c.ftl <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
bad = 0
for iid, kind, g, f, ids in db.execute("SELECT id, kind, group_id, file_id,"
                                        " event_ids FROM exposure_items"):
    want = set(r[0] for r in db.execute(
        "SELECT e.id FROM events e JOIN message_group_members m ON"
        " m.msg_id = e.msg_id WHERE m.group_id = ?" if kind == "message" else
        "SELECT id FROM events WHERE file_id = ?", (g if g else f,)))
    got = [int(x) for x in ids.split()]
    bad += got != sorted(want) or not got
print(bad)
PY
)" 0
"$FTL" export csv -c c.ftl --table exposure_figures -o fig.csv 2>/dev/null
expect_eq "figures" "$(grep '^\*,' fig.csv | tr -d '\r')" "*,1,1,3,5,0"
"$FTL" info -c c.ftl > info.txt 2>&1
expect_grep "health: 1 data subjects" info.txt

# a second run exports the same bytes
for t in exposures exposure_items exposure_summary exposure_figures; do
    "$FTL" export csv -c c.ftl --table $t -o $t.1.csv 2>/dev/null
done
expect_rc 0 "$FTL" analyze -c c.ftl --window $window --gateway esg 2> /dev/null
for t in exposures exposure_items exposure_summary exposure_figures; do
    "$FTL" export csv -c c.ftl --table $t -o $t.2.csv 2>/dev/null
    cmp -s $t.1.csv $t.2.csv || die "$t differs after a second run"
done

# without --hash no copy can be found, and the analysis says so
"$FTL" collect staff -q -c n.ftl hr/register.csv
"$FTL" collect hr -q -c n.ftl hr/store
"$FTL" collect disk -q -c n.ftl esg.img
expect_rc 0 "$FTL" analyze -c n.ftl --window $window --gateway esg 2> n.err
expect_grep "collected without --hash" n.err
expect_eq "no copies" "$(sql n.ftl "SELECT count(*) FROM exposures WHERE
    channel = 'appliance-storage'")" 0
