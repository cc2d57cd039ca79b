# Damaged mail: a missing closing boundary, base64 cut inside a group, a
# 1 MiB header, NUL bytes, an unescaped "From " body line GMime cannot
# read past and an mbox cut in the middle of a message each give a
# warning with the byte offset; every message before and after the
# damage is still recorded; the item is 'partial'.  The same for MMDF.  A file that is
# not mail, named on the command line, fails (exit 1) and is on record.
. "$(dirname "$0")/lib.sh"
python3 "$FIXTURES/mkmalformed.py" bad.mbox > offsets.tsv
off() { grep "^$1	" offsets.tsv | cut -f2; }
"$FTL" collect mailbox -c case.ftl bad.mbox 2> bad.err
expect_eq "messages" "$(sql case.ftl "SELECT count(*) FROM messages")" 8
for s in good1 noboundary trunc64 bighdr nul good2 frombody cut; do
    expect_eq "message $s" "$(sql case.ftl "SELECT locator FROM messages WHERE subject = '$s'")" "offset $(off $s)"
done
w() { sql case.ftl "SELECT count(*) FROM warnings WHERE message LIKE '$1'"; }
expect_eq "missing boundary" "$(w "message at offset $(off noboundary): multipart/mixed ends without its closing boundary%")" 1
expect_eq "truncated base64" "$(w "message at offset $(off trunc64), attachment 2%base64 content ends inside a 4-character group%")" 1
expect_eq "big header" "$(w "message at offset $(off bighdr): header ''X-Filler'' is 1048578 bytes long%")" 1
test "$(sql case.ftl "SELECT substr(locator, 8) FROM warnings WHERE message LIKE '%X-Filler%'")" -gt "$(off bighdr)" ||
    die "big header warning not at the header's offset"
expect_eq "NUL bytes" "$(w "message at offset $(off nul) holds 2 NUL bytes%")" 1
expect_eq "unescaped From" "$(w "bytes $(off unescaped) to $(off cut) could not be read as a message%")" 1
expect_eq "cut" "$(w "the mbox ends without a final newline: the last message (at offset $(off cut))%")" 1
expect_grep "bad.mbox:offset [0-9]*: message at offset $(off noboundary): multipart" bad.err
expect_eq "partial" "$(sql case.ftl "SELECT status FROM evidence WHERE path = 'bad.mbox'")" partial
# the stored subject of the big-header message is whole; the header was cut
expect_eq "good after damage" "$(sql case.ftl "SELECT count(*) FROM attachments WHERE sha256 IS NOT NULL AND note IS NULL")" 2
# mbox with garbage before the first message: reported, messages kept
{ printf 'garbage line\nmore garbage\n'; cat bad.mbox; } > lead.mbox
"$FTL" collect mailbox -c lead.ftl --format mbox lead.mbox 2> lead.err
expect_grep "bytes before the message at offset 26 are not part of any message" lead.err
expect_eq "lead messages" "$(sql lead.ftl "SELECT count(*) FROM messages")" 8
# a file that is not mail, named explicitly: failed, exit 1
# (fixed bytes, not /dev/urandom: the outcome must not depend on the run;
# a ':' in the first line of binary data once made it "a message")
python3 -c 'import random, sys
r = random.Random(2868)
sys.stdout.buffer.write(bytes(r.getrandbits(8) for _ in range(5000)))' > noise.bin
printf 'g)9\356W\271: not a field name\n\000\001binary\n' > colon.bin
printf 'Dear all, meeting: at ten\nSubject: not a header block\n' > note.txt
for f in noise.bin colon.bin note.txt; do
    expect_rc 1 "$FTL" collect mailbox -c case.ftl $f 2> $f.err
    expect_grep "$f" $f.err
    expect_grep "not mail: no 'From ' line" $f.err
    expect_eq "$f failed" "$(sql case.ftl "SELECT status FROM evidence WHERE path = '$f'")" failed
    expect_eq "$f no message" "$(sql case.ftl "SELECT count(*) FROM messages m JOIN evidence e ON e.id = m.evidence_id WHERE e.path = '$f'")" 0
done
# a gzip-compressed mbox cut short: what was read stays
gzip -c bad.mbox > whole.mbox.gz
head -c $(($(wc -c < whole.mbox.gz) * 3 / 4)) whole.mbox.gz > cut.mbox.gz
"$FTL" collect mailbox -c gz.ftl cut.mbox.gz 2> gz.err || true
expect_grep "gzip data damaged" gz.err
test "$(sql gz.ftl "SELECT count(*) FROM messages")" -ge 4 || die "messages before the gzip damage lost"
expect_eq "gz partial" "$(sql gz.ftl "SELECT status FROM evidence")" partial
# bounds: members and depth
python3 - <<'PY'
import io, tarfile, gzip, base64
def tar(members):
    b = io.BytesIO()
    with tarfile.open(fileobj=b, mode='w') as t:
        for n, d in members:
            i = tarfile.TarInfo(n); i.size = len(d); t.addfile(i, io.BytesIO(d))
    return b.getvalue()
many = tar([('f%d' % i, b'x') for i in range(50)])
inner = tar([('deep.txt', b'deep')])
for k in range(6):
    inner = gzip.compress(tar([('level%d.tar.gz' % k, inner)]), mtime=0)
with open('bomb.mbox', 'wb') as f:
    for name, data in (('many.tar', many), ('nest.tar.gz', inner)):
        f.write(b'From x Sat May 20 09:00:00 2023\nFrom: a@b.example\n'
                b'Subject: ' + name.encode() + b'\nMIME-Version: 1.0\n'
                b'Content-Type: application/octet-stream; name="' +
                name.encode() + b'"\nContent-Transfer-Encoding: base64\n\n' +
                base64.encodebytes(data) + b'\n')
PY
"$FTL" collect mailbox -c bomb.ftl --max-members 20 --max-depth 3 bomb.mbox 2> bomb.err
expect_grep "more than 20 archive members; listing stopped" bomb.err
expect_grep "nested deeper than 3 levels" bomb.err
expect_eq "members kept" "$(sql bomb.ftl "SELECT count(*) FROM attachments a JOIN attachments p ON p.id = a.parent_id WHERE p.filename = 'many.tar'")" 20
expect_eq "bound noted" "$(sql bomb.ftl "SELECT count(*) FROM attachments WHERE filename = 'many.tar' AND note LIKE '%--max-members%'")" 1
expect_rc 2 "$FTL" collect mailbox -c x.ftl --max-depth zero bomb.mbox
# the case cannot be written (a trigger stands for a full disk): the
# database's own message is shown, once, and the run stops
"$FTL" init -c ro.ftl --name ro --examiner e 2> /dev/null
sql ro.ftl "CREATE TRIGGER boom BEFORE INSERT ON messages BEGIN SELECT RAISE(ABORT, 'boom: disk full'); END;"
expect_rc 1 "$FTL" collect mailbox -c ro.ftl bad.mbox 2> ro.err
expect_grep "message: boom: disk full" ro.err
expect_grep "ftl: stopped at '.*': the case could not be written" ro.err
expect_no_grep "stopped: stopped" ro.err
# a FIFO named on the command line is refused at once, not waited on
mkfifo pipe
expect_rc 1 timeout 20 "$FTL" collect mailbox -c fifo.ftl pipe 2> fifo.err
expect_grep "cannot read 'pipe': not a regular file" fifo.err
# MMDF: a message GMime cannot build is skipped up to the next opening
# separator, the ones after it are read; a last message without its
# closing separator is flagged
python3 - <<'PY'
def m(subj, body=b"text"):
    return (b"\1\1\1\1\nFrom: a@example.org\nSubject: " + subj +
            b"\nDate: Sat, 20 May 2023 09:00:00 +0000\n\n" + body +
            b"\n\1\1\1\1\n")
bad = b"\1\1\1\1\nRegards\nno header here\n\nbody\n\1\1\1\1\n"
open('bad.mmdf', 'wb').write(m(b"one") + bad + m(b"three") + m(b"four")[:-5])
print(len(m(b"one")), len(m(b"one")) + len(bad), file=open('mmdf.off', 'w'))
PY
read bad_at next_at < mmdf.off
timeout 120 "$FTL" collect mailbox -c mmdf.ftl bad.mmdf 2> mmdf.err
expect_eq "mmdf messages" "$(sql mmdf.ftl "SELECT group_concat(subject, ' ') FROM (SELECT subject FROM messages ORDER BY id)")" "one three four"
expect_grep "offset $bad_at: bytes $bad_at to $next_at could not be read as a message" mmdf.err
expect_grep "ends without its closing MMDF separator" mmdf.err
expect_eq "mmdf partial" "$(sql mmdf.ftl "SELECT status FROM evidence")" partial
# damage inside a base64 attached message is reported at its message
# (with the offset in its decoded content when GMime gives one)
python3 - <<'PY'
import base64
inner = (b"From: inner@example.org\nSubject: inner\nMIME-Version: 1.0\n"
         b"Content-Type: multipart/mixed; boundary=\"IN\"\n\n"
         b"--IN\nContent-Type: text/plain\n\nno closing boundary\n")
open('nested.eml', 'wb').write(
    b"From: a@example.org\nSubject: fwd\nMIME-Version: 1.0\n"
    b"Content-Type: message/rfc822\nContent-Transfer-Encoding: base64\n\n" +
    base64.encodebytes(inner))
PY
"$FTL" collect mailbox -c nested.ftl nested.eml 2> nested.err
expect_grep "nested.eml:offset 0: message at offset 0, attached message 1: the input ends before the message is complete" nested.err
expect_eq "nested partial" "$(sql nested.ftl "SELECT status FROM evidence")" partial
# --max-unpacked: a member that ends exactly at the bound is read whole
# and hashed; the one that would go past it is not, and says so
python3 - <<'PY'
import base64, io, tarfile
b = io.BytesIO()
with tarfile.open(fileobj=b, mode='w') as t:
    for n, d in (('a.txt', b'a' * 1000), ('b.txt', b'b' * 10)):
        i = tarfile.TarInfo(n); i.size = len(d); t.addfile(i, io.BytesIO(d))
open('unpack.eml', 'wb').write(
    b'From: a@b.example\nSubject: tar\nMIME-Version: 1.0\n'
    b'Content-Type: application/x-tar; name="two.tar"\n'
    b'Content-Transfer-Encoding: base64\n\n' + base64.encodebytes(b.getvalue()))
PY
"$FTL" collect mailbox -c unpack.ftl --max-unpacked 1000 unpack.eml 2> unpack.err
m() { sql unpack.ftl "SELECT coalesce(size, '-') || ' ' || coalesce(sha256, '-') || ' ' || coalesce(note, '-') FROM attachments WHERE filename = '$1'"; }
expect_eq "at the bound" "$(m a.txt)" "1000 41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3 -"
expect_eq "past the bound" "$(m b.txt)" "0 - content not read to its end: more than 1000 decompressed bytes in this attachment (--max-unpacked)"
expect_grep "more than 1000 decompressed bytes; listing stopped" unpack.err
"$FTL" collect mailbox -c unpack2.ftl --max-unpacked 1010 unpack.eml 2> unpack2.err
expect_eq "within the bound" "$(sql unpack2.ftl "SELECT count(*) FROM attachments WHERE is_member AND sha256 IS NOT NULL AND note IS NULL")" 2
expect_no_grep "max-unpacked" unpack2.err
# sizes are decimal: no hex, exponent, sign, inf or nan
quiet() { "$@" 2> /dev/null; }
for bad in 0x10 1e3 -5 inf nan 1.2.3 99999999999G; do
    expect_rc 2 quiet "$FTL" collect mailbox -c x.ftl --max-unpacked "$bad" unpack.eml
done
"$FTL" collect mailbox -c unpack3.ftl --max-unpacked 0.98KiB unpack.eml 2> unpack3.err
expect_grep "more than 1003 decompressed bytes" unpack3.err

# Found by fuzz_mailbox: an mbox whose xz stream is damaged right after
# its magic.  Nothing of it can be read: the item fails with a message
# naming the file and the damage (exit 1), and a good message collected
# in the same run still goes in.
python3 - <<'PY'
open('damaged.mbox.xz', 'wb').write(
    b'\xfd7zXZ\x00' + b'From a@b.example Mon Jan  2 03:04:05 2023\n'
    b'From: a@b.example\nSubject: x\n\nbody\n')
open('good.eml', 'wb').write(b'From: c@d.example\nSubject: good\n\nok\n')
PY
expect_rc 1 "$FTL" collect mailbox -c xz.ftl damaged.mbox.xz good.eml 2> xz.err
expect_grep "damaged.mbox.xz.*xz data damaged before any content could be read" xz.err
expect_grep "error: .*damaged.mbox.xz" xz.err
expect_eq "the good message after it" "$(sql xz.ftl "SELECT count(*) FROM messages WHERE subject = 'good'")" 1
expect_eq "the damaged item failed" "$(sql xz.ftl "SELECT status FROM evidence WHERE path LIKE '%damaged.mbox.xz'")" failed
