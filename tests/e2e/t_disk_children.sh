# Mail logs and mail stores inside a disk image become child evidence of
# the image (kind, parent, inner path, size, SHA-256 of the content) read
# by their own collectors straight from the image.  --logs / --mail add
# places; what the collector does not recognise is still on record.
. "$(dirname "$0")/lib.sh"
sh "$FIXTURES/mkappliance.sh" app.ext4 tree >/dev/null
"$FTL" collect disk -c case.ftl app.ext4 2> err
img=$(sql case.ftl "SELECT id FROM evidence WHERE kind = 'disk'")
child() { sql case.ftl "SELECT $2 FROM evidence WHERE parent_id = $img AND inner_path = '$1'"; }
# the default places (logs: /mail/log/*, /mail/log/archive/*,
# /var/log/maillog*; stores: /mail/mstore/*, */Maildir/*/*, *.eml)
for p in mail/log/maillog mail/log/archive/maillog.1.gz var/log/maillog; do
    expect_eq "kind of $p" "$(child $p kind)" maillog
    expect_eq "sha of $p" "$(child $p sha256)" "$(sha tree/$p)"
    expect_eq "size of $p" "$(child $p size)" "$(stat -c %s tree/$p)"
    expect_eq "status of $p" "$(child $p status)" complete
    expect_eq "path of $p" "$(child $p path)" app.ext4
    # the mail-log collector read them straight from the image, line by
    # line, with the gzip'd one decompressed
    expect_eq "lines of $p" "$(child $p n_events)" \
        "$(case $p in *.gz) gzip -dc tree/$p;; *) cat tree/$p;; esac | grep -c .)"
done
for p in mail/mstore/0/1/a1b2c3; do
    expect_eq "kind of $p" "$(child $p kind)" mailbox
    expect_eq "sha of $p" "$(child $p sha256)" "$(sha tree/$p)"
    expect_eq "path of $p" "$(child $p path)" app.ext4
    # the mail-store collector read them straight from the image
    expect_eq "status of $p" "$(child $p status)" complete
    test "$(child $p n_events)" -gt 0 || die "no events from $p"
    expect_eq "messages of $p" "$(sql case.ftl "SELECT count(*) FROM messages
        WHERE evidence_id = (SELECT id FROM evidence WHERE inner_path = '$p')")" 1
done
# the maildir message is byte for byte the mstore file: one evidence
# item, found at two places in the image
p=root/Maildir/cur/1700000000.eml
cmp -s tree/$p tree/mail/mstore/0/1/a1b2c3 || die "the fixture changed"
expect_eq "no row of its own" "$(child $p kind)" ""
expect_eq "a place of the mstore item" "$(sql case.ftl "SELECT e.inner_path FROM evidence_places p
    JOIN evidence e ON e.id = p.evidence_id WHERE p.parent_id = $img AND p.inner_path = '$p'")" \
    mail/mstore/0/1/a1b2c3
expect_eq "children" "$(sql case.ftl "SELECT count(*) FROM evidence WHERE parent_id = $img")" 4
expect_eq "places inside" "$(sql case.ftl "SELECT count(*) FROM evidence_places WHERE parent_id = $img")" 5
# the child's mtime is the file's in the image
expect_eq "mtime" "$(child mail/log/maillog mtime)" \
    "$(sql case.ftl "SELECT mtime FROM files WHERE path = '/mail/log/maillog'")"
# ftl info and the evidence table show them inside the image
"$FTL" info -c case.ftl > info.txt
expect_grep "maillog app.ext4//mail/log/maillog (inside #$img)" info.txt
expect_grep "mailbox app.ext4//mail/mstore/0/1/a1b2c3 (inside #$img)" info.txt
expect_grep "also at app.ext4//root/Maildir/cur/1700000000.eml (inside #$img)" info.txt
"$FTL" export csv -c case.ftl --table evidence -o evidence.csv
expect_eq "evidence rows" "$(csv_col evidence.csv id | wc -l)" 5
csv_col evidence.csv inner_path | sort > inner
expect_grep "^var/log/maillog$" inner
csv_col evidence.csv parent_id | sort | uniq -c | tr -s ' ' > parents
expect_grep "4 $img" parents
# the image's note counts them (both places of the one message)
expect_grep "5 mail logs and mail stores recorded as child evidence" /dev/stdin <<NOTE
$(sql case.ftl "SELECT note FROM evidence WHERE id = $img")
NOTE

# --logs and --mail add places (fnmatch on the inner path, '*' crosses /)
"$FTL" collect disk -c more.ftl --logs '/etc/cron.*/*' --mail '/docs/*.txt' app.ext4 2>/dev/null
expect_eq "extra logs" "$(sql more.ftl "SELECT count(*) FROM evidence WHERE kind = 'maillog'
    AND inner_path LIKE 'etc/cron.%'")" 2
# shell scripts are no mail logs: on record, hashed, and saying so
expect_eq "not logs" "$(sql more.ftl "SELECT group_concat(status || ' ' || note, '|') FROM
    (SELECT status, note FROM evidence WHERE inner_path LIKE 'etc/cron.%' ORDER BY inner_path)")" \
    "complete not parsed: the mail-log collector did not recognise it|complete not parsed: the mail-log collector did not recognise it"
for p in etc/cron.daily/logrotate etc/cron.hourly/aacore.sh; do
    expect_eq "not log sha of $p" "$(sql more.ftl "SELECT sha256 FROM evidence WHERE inner_path = '$p'")" \
        "$(sha tree/$p)"
done
expect_eq "no events from them" "$(sql more.ftl "SELECT count(*) FROM events e JOIN evidence v
    ON v.id = e.evidence_id WHERE v.inner_path LIKE 'etc/cron.%'")" 0
expect_eq "extra mail" "$(sql more.ftl "SELECT inner_path FROM evidence WHERE kind = 'mailbox'
    AND inner_path LIKE 'docs/%'")" docs/report.txt
# not mail after all: on record, hashed, and saying so
expect_eq "not mail" "$(sql more.ftl "SELECT note FROM evidence WHERE inner_path = 'docs/report.txt'")" \
    "not parsed: the mail-store collector did not recognise it"
expect_eq "not mail sha" "$(sql more.ftl "SELECT sha256 FROM evidence WHERE inner_path = 'docs/report.txt'")" \
    "$(sha tree/docs/report.txt)"
expect_grep "logs=/etc/cron.\*/\* mail=/docs/\*.txt" /dev/stdin <<OPTS
$(sql more.ftl "SELECT options FROM evidence WHERE kind = 'disk'")
OPTS
# deleted logs are not children (their content may belong to others)
expect_eq "no deleted child" "$(sql more.ftl "SELECT count(*) FROM evidence WHERE inner_path LIKE 'tmp/%'")" 0

# in a partitioned image the inner path starts with the partition
sh "$FIXTURES/mkparted.sh" dos.img dos
"$FTL" collect disk -c dos.ftl dos.img 2>/dev/null
expect_eq "partition child" "$(sql dos.ftl "SELECT inner_path FROM evidence WHERE kind = 'maillog'")" \
    vol2/mail/log/maillog
# one child: the note says so in the singular
expect_grep "fat16; 1 mail log and mail store recorded as child evidence" /dev/stdin <<NOTE
$(sql dos.ftl "SELECT note FROM evidence WHERE kind = 'disk'")
NOTE

# collecting the image again adds no second set of children, and does
# not even read them (a small image is hashed before the first child)
"$FTL" collect disk -c case.ftl app.ext4 2> again.err
expect_eq "children once" "$(sql case.ftl "SELECT count(*) FROM evidence")" 5
expect_no_grep "app.ext4//" again.err
expect_grep "0 evidence items added, 1 already in the case, 0 failed; 0 events, 0 files" again.err
