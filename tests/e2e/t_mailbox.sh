# Mail stores: on the real messages in samples/mime, the number of
# messages and every attachment's decoded name, size and SHA-256 agree with
# Python's email package (tests/fixtures/mime_expect.py, run now); the
# evidence is not modified and its SHA-256 is sha256sum's; archive
# members agree with Python's tarfile; a generated HR store (mbox +
# maildir) gives messages, hops, delivery times, the exploit-like member
# name as a rule hit; collecting twice adds nothing.  Also: walks (links,
# empty directories), MMDF, transfer-encoded attached messages and
# uuencode, an MD5 indicator flagging a message, maildir file times,
# --no-archives and Content-Length.
. "$(dirname "$0")/lib.sh"
mime=$SAMPLES/mime
ls "$mime"/* > files.txt
while read -r f; do sha "$f"; done < files.txt > before.sha
"$FTL" collect mailbox -c case.ftl $(cat files.txt) 2> collect.err
while read -r f; do sha "$f"; done < files.txt > after.sha
cmp -s before.sha after.sha || die "evidence modified"

# message counts and attachments, against Python's email package
python3 "$FIXTURES/mime_expect.py" $(cat files.txt) > want.tsv
sqlite3 -separator "$(printf '\t')" case.ftl "
SELECT e.path, 'messages', count(m.id) FROM evidence e
  LEFT JOIN messages m ON m.evidence_id = e.id GROUP BY e.id;
SELECT e.path,
  (SELECT count(*) FROM messages m2 WHERE m2.evidence_id = m.evidence_id
     AND m2.id < m.id),
  a.part_path, coalesce(a.filename, ''), coalesce(a.sha256, '-'),
  CASE WHEN a.sha256 IS NULL THEN '-' ELSE a.size END
FROM attachments a JOIN messages m ON m.id = a.msg_id
  JOIN evidence e ON e.id = a.evidence_id WHERE a.is_member = 0;" > got.tsv
same_lines want.tsv got.tsv
expect_eq "mbox messages" "$(grep 'content-length.mbox.txt	messages' got.tsv | cut -f3)" 29
test "$(grep -c -v 'messages' want.tsv)" -ge 60 || die "too few attachments compared"
# a name in RFC 2231 with charset, RFC 2047 and raw UTF-8 are among them
expect_grep "Biodiversité de semaine en semaine.doc" got.tsv
expect_grep "Cours-Tutoriels-Serge-Tahé-1568x268.png" got.tsv
expect_grep "ciële.txt" got.tsv

# evidence hashes are sha256sum's
while read -r f; do
    expect_eq "sha256 of $f" "$(sql case.ftl "SELECT sha256 FROM evidence WHERE path = '$f'")" "$(sha "$f")"
done < files.txt

# the members of the .tgz, against Python's tarfile
python3 - "$mime/x-gtar-compressed.eml" > members.want <<'PY'
import email, email.policy, hashlib, io, sys, tarfile
m = email.message_from_bytes(open(sys.argv[1], 'rb').read(),
                             policy=email.policy.default)
for p in m.walk():
    if (p.get_filename() or '').endswith('.tgz'):
        t = tarfile.open(fileobj=io.BytesIO(p.get_payload(decode=True)))
        for ti in t:
            if ti.isfile():
                d = t.extractfile(ti).read()
                print('%s\t%d\t%s' % (ti.name, len(d), hashlib.sha256(d).hexdigest()))
PY
sql case.ftl "SELECT a.filename, a.size, a.sha256 FROM attachments a
  JOIN attachments p ON p.id = a.parent_id
  WHERE p.filename = 'zendesk-email-loop2.tgz' AND a.sha256 IS NOT NULL" |
    tr '|' '\t' > members.got
same_lines members.want members.got
expect_eq "members" "$(wc -l < members.got)" 2

# the bounce's original message and the forwarded one are walked
expect_eq "forwarded pdf" "$(sql case.ftl "SELECT count(*) FROM attachments WHERE part_path = '2.2' AND filename = 'broken.pdf'")" 1
# hops and dates
test "$(sql case.ftl "SELECT count(*) FROM events WHERE ts_desc = 'Recorded Time' AND source = 'MAIL'")" -gt 50 ||
    die "too few Received: hops"
expect_eq "sent time" "$(sql case.ftl "SELECT count(*) FROM events WHERE ts_desc = 'Sent Time' AND locator = 'offset 0' AND evidence_id = (SELECT id FROM evidence WHERE path LIKE '%content-length.mbox.txt')")" 1

# collecting again adds nothing
n=$(sql case.ftl "SELECT count(*) FROM attachments")
"$FTL" collect mailbox -c case.ftl "$mime/m0024" 2> again.err
expect_grep "already in the case" again.err
expect_eq "no new rows" "$(sql case.ftl "SELECT count(*) FROM attachments")" "$n"

# a generated HR store: mbox, maildir, and files that are not mail
python3 "$FIXTURES/mkmailstore.py" store > store.sha
"$FTL" collect mailbox -c hr.ftl store 2> store.err
expect_grep "store: 4 mail files read, 2 other files skipped" store.err
while IFS="$(printf '\t')" read -r name digest; do
    expect_eq "$name" "$(sql hr.ftl "SELECT sha256 FROM attachments WHERE filename = '$name' AND part_path = '2'")" "$digest"
done < store.sha
# the exploit-like member name is a rule hit, on the member's row
expect_eq "rule hit" "$(sql hr.ftl "SELECT count(*) FROM ioc_hits h JOIN attachments a ON a.id = h.attachment_id WHERE h.rule = 'shell-metacharacters-in-name' AND a.is_member = 1 AND a.filename LIKE '%base64 -d | sh%'")" 1
# ... and flags the message and its events
expect_eq "flagged" "$(sql hr.ftl "SELECT count(*) FROM events e JOIN messages m ON m.id = e.msg_id WHERE m.subject = 'Invoice' AND e.flags & 4")" 3
# the docx is a document: hashed, members not listed
expect_eq "docx members" "$(sql hr.ftl "SELECT count(*) FROM attachments a JOIN attachments p ON p.id = a.parent_id WHERE p.filename LIKE '%.docx'")" 0
expect_eq "tgz members" "$(sql hr.ftl "SELECT group_concat(filename, ' ') FROM attachments WHERE is_member = 1 AND part_path LIKE '2/payroll/%'")" "payroll/2023-05.csv payroll/2023-04.csv"
# maildir: delivery time from the file name, locator cur/NAME
expect_eq "delivery" "$(sql hr.ftl "SELECT ts FROM events WHERE ts_desc = 'Delivery Time' AND locator = 'cur/1684659600.M100P4000.mx.agency.example:2,S'")" 1684659600000000000
expect_eq "maildir items" "$(sql hr.ftl "SELECT count(*) FROM evidence WHERE options LIKE '%maildir%'")" 3
# recipients: To and Cc, lower case, ';'-separated
expect_eq "recipients" "$(sql hr.ftl "SELECT recipients FROM messages WHERE subject = 'ID card for the personnel file'")" "hr@agency.example;office@agency.example"
expect_eq "message-id link" "$(sql hr.ftl "SELECT count(*) FROM message_links WHERE kind = 'message-id'")" 8
# the export shows the attachments table
"$FTL" export csv -c hr.ftl --table attachments -o att.csv
expect_grep "ID_scan_Jane_Example.pdf" att.csv
# --help names the options
"$FTL" collect mailbox --help > help.txt
expect_grep "max-unpacked" help.txt
# the same mbox compressed (read through col_src, re-reads spooled), and
# with the digests computed without the worker thread: the same rows
q="SELECT part_path || ' ' || coalesce(filename, '') || ' ' || coalesce(md5, '') || ' ' || coalesce(sha256, '') FROM attachments ORDER BY id"
gzip -c "$mime/content-length.mbox.txt" > cl.mbox.gz
"$FTL" collect mailbox -q -c gz.ftl cl.mbox.gz
FTL_NO_HASH_THREAD=1 "$FTL" collect mailbox -q -c one.ftl "$mime/content-length.mbox.txt"
"$FTL" collect mailbox -q -c plain.ftl "$mime/content-length.mbox.txt"
sql plain.ftl "$q" > plain.rows
sql gz.ftl "$q" > gz.rows
sql one.ftl "$q" > one.rows
test "$(wc -l < plain.rows)" -gt 50 || die "too few rows"
cmp -s plain.rows gz.rows || die "compressed mbox gives other attachments"
cmp -s plain.rows one.rows || die "digests differ without the hash thread"
expect_eq "gz evidence hash" "$(sql gz.ftl "SELECT sha256 FROM evidence")" "$(sha cl.mbox.gz)"
# a symbolic link in a walked directory is not followed, and says so; a
# directory with no mail in it is a failed path (exit 1 when alone)
mkdir -p links/sub empty
cp store/hr.mbox links/sub/
ln -s sub/hr.mbox links/again.mbox
"$FTL" collect mailbox -c links.ftl links 2> links.err
expect_grep "'links/again.mbox' skipped: a symbolic link is not followed" links.err
expect_grep "links: 1 mail file read, 1 other file skipped" links.err
expect_rc 1 "$FTL" collect mailbox -c empty.ftl empty 2> empty.err
expect_grep "'empty': no mail file in it could be read" empty.err
# MMDF: the same messages as the mbox, written by Python's mailbox
# module, give the same attachments; the locator is the offset of the
# opening ^A^A^A^A line
python3 - store/hr.mbox hr.mmdf <<'PY'
import mailbox, sys
out = mailbox.MMDF(sys.argv[2])
for m in mailbox.mbox(sys.argv[1]):
    out.add(m)
out.flush()
PY
timeout 120 "$FTL" collect mailbox -c mmdf.ftl hr.mmdf 2> mmdf.err
expect_grep "hr.mmdf: mmdf, 5 messages" mmdf.err
expect_no_grep "ftl: warning" mmdf.err
q="SELECT part_path || ' ' || coalesce(filename, '') || ' ' || coalesce(sha256, '') FROM attachments ORDER BY id"
sql mmdf.ftl "$q" > mmdf.rows
sql hr.ftl "SELECT part_path || ' ' || coalesce(a.filename, '') || ' ' || coalesce(a.sha256, '') FROM attachments a JOIN evidence e ON e.id = a.evidence_id WHERE e.path LIKE '%hr.mbox' ORDER BY a.id" > mbox.rows
cmp -s mmdf.rows mbox.rows || die "MMDF and mbox give other attachments"
expect_eq "mmdf locators" "$(sql mmdf.ftl "SELECT group_concat(locator, ',') FROM (SELECT locator FROM messages ORDER BY id)")" \
    "$(python3 -c "
import re
d = open('hr.mmdf', 'rb').read()
seps = [m.start() for m in re.finditer(b'(?m)^\x01\x01\x01\x01\n', d)]
print(','.join('offset %d' % o for o in seps[0::2]))")"
# Attached messages in base64 and quoted-printable without a name or an
# attachment disposition are rows too, parsed and walked; the inner
# parser has the same fallback charsets (a raw windows-1252 name decodes
# as it would at the top); a uuencoded attachment is decoded
python3 - enc.eml > enc.want <<'PY'
import base64, binascii, hashlib, quopri, sys
def inner(name, content):
    return (b"From: inner@example.org\r\nSubject: inner\r\n"
            b"MIME-Version: 1.0\r\n"
            b"Content-Type: multipart/mixed; boundary=\"IN\"\r\n\r\n"
            b"--IN\r\nContent-Type: text/plain\r\n\r\nsee the file\r\n"
            b"--IN\r\nContent-Type: application/octet-stream; name=\"" +
            name + b"\"\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
            base64.encodebytes(content) + b"--IN--\r\n")
m2 = inner(b"\x80uro\x93q\x94.bin", b"euro payload\n")
m3 = inner(b"qp-inner.txt", b"qp payload\n")
qp = quopri.encodestring(m3)
uu_data = b"uuencoded payload\n"
out = (b"From: outer@example.org\nTo: hr@agency.example\n"
       b"Subject: forwarded\nDate: Sat, 20 May 2023 09:00:00 +0000\n"
       b"MIME-Version: 1.0\n"
       b"Content-Type: multipart/mixed; boundary=\"OUT\"\n\n"
       b"--OUT\nContent-Type: text/plain\n\nforwarding\n"
       b"--OUT\nContent-Type: message/rfc822\n"
       b"Content-Transfer-Encoding: base64\n\n" + base64.encodebytes(m2) +
       b"--OUT\nContent-Type: message/rfc822\n"
       b"Content-Transfer-Encoding: quoted-printable\n\n" +
       qp + b"\n"
       b"--OUT\nContent-Type: application/octet-stream\n"
       b"Content-Transfer-Encoding: x-uuencode\n"
       b"Content-Disposition: attachment; filename=\"uu.bin\"\n\n"
       b"begin 644 uu.bin\n" + binascii.b2a_uu(uu_data) + b"`\nend\n"
       b"--OUT--\n")
open(sys.argv[1], "wb").write(out)
h = lambda b: hashlib.sha256(b).hexdigest()
print("2\t\t%s" % h(m2))
print("2.2\t\u20acuro\u201cq\u201d.bin\t%s" % h(b"euro payload\n"))
print("3\t\t%s" % h(quopri.decodestring(qp)))  # as Python decodes it
print("3.2\tqp-inner.txt\t%s" % h(b"qp payload\n"))
print("4\tuu.bin\t%s" % h(uu_data))
PY
"$FTL" collect mailbox -c enc.ftl enc.eml 2> enc.err
sql enc.ftl "SELECT part_path, coalesce(filename, ''), coalesce(sha256, '') FROM attachments ORDER BY id" |
    tr '|' '\t' > enc.got
same_lines enc.want enc.got
expect_eq "encoded note" "$(sql enc.ftl "SELECT note FROM attachments WHERE part_path = '3'")" \
    "attached message (transfer-encoded); its parts are listed as 3.N"
expect_no_grep "ftl: warning" enc.err
# An attachment's MD5 in the indicator pack flags its message and every
# event of it, once the digest is through: on the digest thread and
# without it
python3 - store/hr.mbox > pack.csv <<'PY'
import hashlib, mailbox, sys
print("type,value,family,note,source")
for m in mailbox.mbox(sys.argv[1]):
    for p in m.walk():
        if p.get_filename() == "ID_scan_Jane_Example.pdf":
            print("md5,%s,test,the ID scan,t_mailbox.sh"
                  % hashlib.md5(p.get_payload(decode=True)).hexdigest())
PY
expect_eq "pack" "$(wc -l < pack.csv)" 2
for thread in 1 0; do
    rm -f hit.ftl
    if [ $thread = 1 ]; then
        "$FTL" collect mailbox -q -c hit.ftl --iocs pack.csv store/hr.mbox
    else
        FTL_NO_HASH_THREAD=1 "$FTL" collect mailbox -q -c hit.ftl --iocs pack.csv store/hr.mbox
    fi
    expect_eq "hash hit ($thread)" "$(sql hit.ftl "SELECT count(*) FROM ioc_hits h JOIN attachments a ON a.id = h.attachment_id WHERE a.filename = 'ID_scan_Jane_Example.pdf' AND h.target = 'md5'")" 1
    expect_eq "message flagged ($thread)" "$(sql hit.ftl "SELECT group_concat(subject) FROM messages WHERE flags & 4 AND subject <> 'Invoice'")" "ID card for the personnel file"
    expect_eq "events flagged ($thread)" "$(sql hit.ftl "SELECT count(*) || ' ' || sum(e.flags & 4 = 4) FROM events e JOIN messages m ON m.id = e.msg_id WHERE m.subject = 'ID card for the personnel file'")" "3 3"
    expect_eq "others not ($thread)" "$(sql hit.ftl "SELECT count(*) FROM events e JOIN messages m ON m.id = e.msg_id WHERE m.subject <> 'ID card for the personnel file' AND m.subject <> 'Invoice' AND e.flags & 4")" 0
done
# maildir: the file's modification time is a Content Modification Time
# event (mkmailstore.py set it 5 s after delivery)
expect_eq "maildir mtime" "$(sql hr.ftl "SELECT ts || ' ' || artifact FROM events WHERE ts_desc = 'Content Modification Time' AND locator = 'cur/1684659600.M100P4000.mx.agency.example:2,S'")" \
    "$(python3 -c "import os; print(os.stat('store/Maildir/cur/1684659600.M100P4000.mx.agency.example:2,S').st_mtime_ns)") mail:file"
# --no-archives: attachments hashed, no member listed
"$FTL" collect mailbox -q -c noarc.ftl --no-archives store/hr.mbox
expect_eq "no members" "$(sql noarc.ftl "SELECT count(*) FROM attachments WHERE is_member")" 0
expect_eq "still hashed" "$(sql noarc.ftl "SELECT sha256 FROM attachments WHERE filename = 'invoice.tar'")" \
    "$(grep '^invoice.tar	' store.sha | cut -f2)"
# Content-Length: respected by default, so that an unescaped "From " line
# inside a body does not split the message; --ignore-content-length
# splits there
python3 - <<'PY'
body = (b"see below\n"
        b"From boss@example.org Sat May 20 08:00:00 2023\n"
        b"Subject: quoted, not a message\n\nold text\n")
def msg(subj, body, cl=True):
    return (b"From x@example.org Sat May 20 09:00:00 2023\n"
            b"From: x@example.org\nSubject: " + subj + b"\n" +
            (b"Content-Length: %d\n" % len(body) if cl else b"") +
            b"\n" + body + b"\n")
open('cl.mbox', 'wb').write(msg(b"first", body) + msg(b"second", b"hi\n"))
PY
"$FTL" collect mailbox -q -c cl.ftl cl.mbox
expect_eq "content-length" "$(sql cl.ftl "SELECT group_concat(subject, '|') FROM (SELECT subject FROM messages ORDER BY id)")" "first|second"
expect_eq "options" "$(sql cl.ftl "SELECT options FROM evidence")" "format=mbox content-length=respected"
"$FTL" collect mailbox -q -c nocl.ftl --ignore-content-length cl.mbox
expect_eq "split" "$(sql nocl.ftl "SELECT group_concat(subject, '|') FROM (SELECT subject FROM messages ORDER BY id)")" "first|quoted, not a message|second"
expect_eq "options ignored" "$(sql nocl.ftl "SELECT options FROM evidence")" "format=mbox content-length=ignored"
