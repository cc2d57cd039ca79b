# Evidence files are byte-identical after every command (and keep their
# modification time).
. "$(dirname "$0")/lib.sh"
fls -r -m / "$SAMPLES/disk/image.dd" > e.body
gzip -c e.body > e.body.gz
chmod 0444 e.body e.body.gz
# an access time in the past: a read without O_NOATIME would move it
touch -a -d '2000-01-01 00:00:00 UTC' e.body e.body.gz
s1=$(sha e.body) s2=$(sha e.body.gz) m1=$(stat -c %Y e.body)
a1=$(stat -c %X e.body) a2=$(stat -c %X e.body.gz)
s3=$(sha "$SAMPLES/disk/image.dd")
"$FTL" collect bodyfile -c case.ftl e.body e.body.gz 2>/dev/null
"$FTL" collect bodyfile -c case.ftl e.body 2>/dev/null
"$FTL" export csv -c case.ftl -o t.csv
"$FTL" export bodyfile -c case.ftl -o t.body
"$FTL" info -c case.ftl > /dev/null
expect_eq "body sha" "$(sha e.body)" "$s1"
expect_eq "gz sha" "$(sha e.body.gz)" "$s2"
expect_eq "mtime" "$(stat -c %Y e.body)" "$m1"
expect_eq "atime" "$(stat -c %X e.body)" "$a1"
expect_eq "gz atime" "$(stat -c %X e.body.gz)" "$a2"
expect_eq "image sha" "$(sha "$SAMPLES/disk/image.dd")" "$s3"
# the evidence row holds the SHA-256 of the bytes as stored
expect_eq "stored sha" "$(sql case.ftl "SELECT sha256 FROM evidence WHERE path = 'e.body'")" "$s1"
expect_eq "gz stored sha" "$(sql case.ftl "SELECT sha256 FROM evidence WHERE path = 'e.body.gz'")" "$s2"

# Every kind, on evidence of its own in ev/: files and folders keep their
# bytes, listing, modes and times (access times included: they were set
# in the past, so a read without O_NOATIME would move them), and no
# temporary copy of evidence is written: $TMPDIR, fresh and empty, stays
# so (a spool ftl needs is unlinked at once and lives only as an open
# descriptor).
snap=$(dirname "$0")/snapshot.py
mkdir ev tmpdir
export TMPDIR=$PWD/tmpdir
cp "$SAMPLES/disk/image.dd" ev/image.dd
cp "$SAMPLES/maillog/postfix.log" ev/maillog
gzip -c ev/maillog > ev/maillog.1.gz
cp "$SAMPLES/mime/content-length.mbox.txt" ev/box.mbox
mkdir -p ev/Maildir/cur ev/Maildir/new ev/Maildir/tmp
cp "$SAMPLES/mime/m0008" ev/Maildir/cur/1700000000.1.host:2,S
cp "$SAMPLES/mime/attachment_pdf.eml" ev/Maildir/new/1700000001.2.host
python3 "$FIXTURES/mkhrstore.py" ev/hr > /dev/null
(cd ev/hr && zip -qr ../store.zip store)
fls -r -m / ev/image.dd > ev/x.body
find ev -exec touch -h -a -d '2000-01-01 00:00:00 UTC' {} +
python3 "$snap" ev > before
collect_all() {
    "$FTL" collect disk -q -c k.ftl ev/image.dd
    "$FTL" collect maillog -q -c k.ftl ev/maillog ev/maillog.1.gz
    "$FTL" collect mailbox -q -c k.ftl ev/box.mbox ev/Maildir
    "$FTL" collect staff -q -c k.ftl ev/hr/register.csv
    "$FTL" collect hr -q -c k.ftl ev/hr/store ev/store.zip
    "$FTL" collect bodyfile -q -c k.ftl ev/x.body
}
collect_all 2> k.err
expect_eq "kinds collected" "$(sql k.ftl "SELECT group_concat(DISTINCT kind) FROM (SELECT kind FROM evidence WHERE parent_id = 0 ORDER BY kind)")" \
    "bodyfile,disk,hr,mailbox,maillog,staff"
expect_eq "none failed" "$(sql k.ftl "SELECT count(*) FROM evidence WHERE status = 'failed'")" 0
# again (everything known) and the readers
collect_all 2> /dev/null
"$FTL" analyze -c k.ftl --window 2000-01-01..2030-01-01 2> /dev/null
"$FTL" export html -c k.ftl -o k.html 2> /dev/null
"$FTL" info -c k.ftl > /dev/null
python3 "$snap" ev > after
if ! cmp -s before after; then
    diff before after | head -20 >&2
    die "reading the evidence changed it"
fi
expect_eq "TMPDIR stays empty" "$(ls -A tmpdir | wc -l)" 0
