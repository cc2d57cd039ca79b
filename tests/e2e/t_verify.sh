# ftl verify reads every place of every evidence item again the way its
# collector identified it and compares the SHA-256: disk images (raw,
# split raw, E01 sets, a partitioned one) by their media, the files found
# inside them through the image, mail logs, an mbox and a maildir's files
# by their bytes, an HR folder by its listing.  One line per place, exit
# 1 on any mismatch; recorded where the case can be written, shown by
# 'ftl info' and the report; the evidence is left as it was.
. "$(dirname "$0")/lib.sh"
# every piece of evidence is a copy made here: the samples stay as they are
mkdir ev
sh "$FIXTURES/mkappliance.sh" ev/app.ext4 tree > /dev/null
sh "$FIXTURES/mkparted.sh" ev/dos.img dos > /dev/null 2>&1
cp "$SAMPLES/disk/ext2.split.E01" "$SAMPLES/disk/ext2.split.E02" ev/
cp "$SAMPLES/disk/ext2.splitraw.000" "$SAMPLES/disk/ext2.splitraw.001" ev/
cp "$SAMPLES/disk/image.E01" ev/
cp "$SAMPLES/maillog/postfix.log" ev/gw.log
cp ev/gw.log ev/gw-copy.log
python3 "$FIXTURES/mkmailstore.py" ev/ms > /dev/null
python3 "$FIXTURES/mkhrstore.py" ev/hrgen > /dev/null
"$FTL" collect disk -q -c c.ftl ev/app.ext4
"$FTL" collect disk -q -c c.ftl ev/dos.img
"$FTL" collect disk -q -c c.ftl ev/ext2.split.E01
"$FTL" collect disk -q -c c.ftl ev/ext2.splitraw.000
"$FTL" collect disk -q -c c.ftl ev/image.E01
"$FTL" collect maillog -q -c c.ftl ev/gw.log ev/gw-copy.log
"$FTL" collect mailbox -q -c c.ftl ev/ms/hr.mbox ev/ms/Maildir
"$FTL" collect hr -q -c c.ftl ev/hrgen/store 2> /dev/null
find ev -type f -exec sha256sum {} + | sort > ev.before
places=$(sql c.ftl "SELECT count(*) FROM evidence_places p JOIN evidence e
    ON e.id = p.evidence_id WHERE e.superseded_by = 0")
test "$places" -ge 15 || die "only $places places collected"

# all as collected: one ok line per place, exit 0, recorded
expect_rc 0 "$FTL" verify -c c.ftl > v1.out 2> v1.err
expect_eq "one line per place" "$(grep -c '^ok ' v1.out)" "$places"
expect_grep "^verified $places places of .* evidence items: $places ok, 0 CHANGED, 0 missing, 0 unreadable$" v1.out
expect_grep "recorded as verification #1 in 'c.ftl'" v1.err
here=$(pwd -P)
sha_of() { sql c.ftl "SELECT sha256 FROM evidence WHERE $1"; }
line() { grep -F -- "$1" v1.out | grep -F "sha256 $2" > /dev/null ||
    { cat v1.out >&2; die "no ok line for $1 with sha256 $2"; }; }
line "disk     $here/ev/app.ext4  " "$(sha_of "kind = 'disk' AND path = 'ev/app.ext4'")"
line "$here/ev/ext2.split.E01  " "$(sha_of "kind = 'disk' AND path = 'ev/ext2.split.E01'")"
line "$here/ev/image.E01  " "$(sha_of "kind = 'disk' AND path = 'ev/image.E01'")"
# the split raw set holds the same media as the E01 set: one item, two
# places, both read
line "$here/ev/ext2.splitraw.000  " "$(sha_of "kind = 'disk' AND path = 'ev/ext2.split.E01'")"
# children through the image, a partition's through its file system
line "maillog  $here/ev/app.ext4//mail/log/maillog  " "$(sha tree/mail/log/maillog)"
line "maillog  $here/ev/app.ext4//mail/log/archive/maillog.1.gz  " "$(sha tree/mail/log/archive/maillog.1.gz)"
line "mailbox  $here/ev/app.ext4//root/Maildir/cur/1700000000.eml  " "$(sha tree/root/Maildir/cur/1700000000.eml)"
line "$here/ev/dos.img//vol2/mail/log/maillog  " "$(sha_of "inner_path = 'vol2/mail/log/maillog'")"
# files by their bytes, every place of one content
line "maillog  $here/ev/gw.log  " "$(sha ev/gw.log)"
line "maillog  $here/ev/gw-copy.log  " "$(sha ev/gw.log)"
line "mailbox  $here/ev/ms/hr.mbox  " "$(sha ev/ms/hr.mbox)"
for f in ev/ms/Maildir/cur/* ev/ms/Maildir/new/*; do
    line "mailbox  $here/$f  " "$(sha "$f")"
done
# the HR folder by its sha256sum listing
listing=$(cd ev/hrgen/store && find . -type f -printf '%P\0' | LC_ALL=C sort -z |
    xargs -0 sha256sum | sha256sum | cut -d' ' -f1)
line "hr       $here/ev/hrgen/store  " "$listing"
# recorded: the run and each place
expect_eq "runs" "$(sql c.ftl "SELECT count(*) || ' ' || result || ' ' || n_places || ' ' || n_ok
    FROM verifications")" "1 ok $places $places"
expect_eq "places recorded" "$(sql c.ftl "SELECT count(*) FROM verification_places
    WHERE verification_id = 1 AND status = 'ok' AND sha256_seen = sha256_recorded")" "$places"
expect_eq "its audit row" "$(sql c.ftl "SELECT a.command || ' ' || a.exit_status FROM audit a
    JOIN verifications v ON v.audit_id = a.id")" "verify 0"
"$FTL" info -c c.ftl > info1.txt
expect_grep "^last verification: #1 at .*: all ok$" info1.txt
expect_grep "  $places places of .* evidence items: $places ok, 0 CHANGED, 0 missing, 0 unreadable" info1.txt
"$FTL" export csv -c c.ftl --table verifications -o ver.csv 2> /dev/null
expect_eq "csv of the runs" "$(csv_col ver.csv result)" ok
# the evidence is as it was
find ev -type f -exec sha256sum {} + | sort > ev.after
cmp -s ev.before ev.after || die "verify changed the evidence"

# now change the copies: one byte of a log, one of a raw segment, a
# file removed, a file added to the HR folder, a log deleted in an image
printf 'X' | dd of=ev/gw-copy.log bs=1 seek=100 conv=notrunc 2> /dev/null
printf 'X' | dd of=ev/ext2.splitraw.001 bs=1 seek=1000 conv=notrunc 2> /dev/null
rm ev/ms/hr.mbox
touch ev/hrgen/store/added.txt
debugfs -w -R "rm /var/log/maillog" ev/app.ext4 > /dev/null 2>&1
expect_rc 1 "$FTL" verify -c c.ftl > v2.out 2> v2.err
expect_grep "^CHANGED    #[0-9]* *maillog  $here/ev/gw-copy.log  sha256 $(sha ev/gw-copy.log), recorded $(sha ev/gw.log)$" v2.out
expect_grep "^ok         #[0-9]* *maillog  $here/ev/gw.log  " v2.out
expect_grep "^CHANGED    #[0-9]* *disk     $here/ev/ext2.splitraw.000  " v2.out
expect_grep "^ok         #[0-9]* *disk     $here/ev/ext2.split.E01  " v2.out
expect_grep "^missing    #[0-9]* *mailbox  $here/ev/ms/hr.mbox  not found, recorded " v2.out
expect_grep "^CHANGED    #[0-9]* *hr       $here/ev/hrgen/store  " v2.out
expect_grep "^CHANGED    #[0-9]* *disk     $here/ev/app.ext4  " v2.out
expect_grep "^missing    #[0-9]* *maillog  $here/ev/app.ext4//var/log/maillog  deleted in the image, recorded " v2.out
expect_grep "^ok         #[0-9]* *maillog  $here/ev/app.ext4//mail/log/maillog  " v2.out
bad=$(grep -c -v '^ok \|^verified ' v2.out)
expect_eq "places not ok" "$bad" 6
expect_grep "^verified $places places of .*: $((places - 6)) ok, 4 CHANGED, 2 missing, 0 unreadable$" v2.out
expect_eq "second run" "$(sql c.ftl "SELECT result || ' ' || n_changed || ' ' || n_missing
    FROM verifications WHERE id = 2")" "failed 4 2"
expect_eq "the missing file's row" "$(sql c.ftl "SELECT status || ' ' || ifnull(sha256_seen, '-') || ' ' || note
    FROM verification_places WHERE verification_id = 2 AND place LIKE '%/hr.mbox'")" "missing - not found"
"$FTL" info -c c.ftl > info2.txt
expect_grep "^last verification: #2 at .*: FAILED$" info2.txt
expect_grep "4 CHANGED, 2 missing, 0 unreadable" info2.txt
"$FTL" export html -c c.ftl -o r.html 2> /dev/null
expect_grep '<p id="verification" class="note">Last verification (ftl verify #2), UTC: <time' r.html
expect_grep "at least one place read again does NOT have the SHA-256 recorded</strong>. $places places of [0-9]* items: $((places - 6)) ok, 4 changed, 2 missing, 0 unreadable." r.html
"$FTL" export html -c c.ftl --lang fr -o r.fr.html 2> /dev/null
expect_grep "Dernière vérification (ftl verify n° 2)" r.fr.html
# a case never verified says so
"$FTL" collect maillog -q -c new.ftl ev/gw.log
"$FTL" info -c new.ftl > info3.txt
expect_grep "^last verification: none" info3.txt
"$FTL" export html -c new.ftl -o r3.html 2> /dev/null
expect_grep "The evidence has not been read again since it was collected" r3.html

# a case that cannot be written: verified all the same, nothing recorded,
# its bytes as they were; a place that cannot be read says why
mkdir ro
cp c.ftl ro/c.ftl
chmod 0600 ev/gw.log
as_reader() { chmod 000 ev/gw.log; "$@"; }
if [ "$(id -u)" = 0 ]; then
    command -v setpriv > /dev/null || die "setpriv is needed to test as a reader"
    chmod 0777 . && chmod -R a+rX ev ro && chmod 0600 ev/gw.log
    as_reader() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
fi
chmod 0444 ro/c.ftl
chmod 0555 ro
before=$(sha ro/c.ftl)
expect_rc 1 as_reader "$FTL" verify -c ro/c.ftl > v3.out 2> v3.err
expect_grep "^unreadable #[0-9]* *maillog  $here/ev/gw.log  cannot open: Permission denied, recorded $(sha ev/gw.log)$" v3.out
expect_grep "^CHANGED    #[0-9]* *maillog  $here/ev/gw-copy.log  " v3.out
expect_grep "1 unreadable$" v3.out
expect_grep "'ro/c.ftl' cannot be written: this verification is not recorded" v3.err
expect_no_grep "readonly database" v3.err
expect_eq "read-only case bytes" "$(sha ro/c.ftl)" "$before"
expect_eq "read-only case runs" "$(sql ro/c.ftl 'SELECT count(*) FROM verifications')" 2
[ ! -e ro/c.ftl-journal ] || die "a journal was made beside the read-only case"
chmod 0755 ro
chmod 0644 ev/gw.log

# usage
expect_rc 2 "$FTL" verify -c c.ftl extra > /dev/null 2>&1
expect_rc 2 "$FTL" verify --bogus > /dev/null 2>&1
"$FTL" verify --help > h1.txt
"$FTL" help verify > h2.txt
cmp -s h1.txt h2.txt || die "'verify --help' and 'help verify' differ"
expect_grep "^usage: ftl verify" h1.txt
