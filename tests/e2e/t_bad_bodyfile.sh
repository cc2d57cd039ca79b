# Bad body files: malformed lines are reported with their line numbers and
# skipped, the good lines go in; a file with nothing usable fails (exit 1)
# and what was collected before stays; a missing file is named.
. "$(dirname "$0")/lib.sh"
fls -r -m / "$SAMPLES/disk/image.dd" > good.body
"$FTL" collect bodyfile -c case.ftl good.body 2>/dev/null
before=$(sql case.ftl 'SELECT count(*) FROM events')
{
    echo '# a comment'
    echo '0|/ok|5|r/rrw-r--r--|0|0|1|1000|0|0|0'
    echo 'garbage without separators'
    echo ''
    echo '0|/badtime|5|r/rrw-r--r--|0|0|1|10x0|0|0|0'
    echo '0|/short|5|r/r|0|0'
    echo '0|/ok2|6|r/rrw-r--r--|0|0|1|2000|0|0|0'
} > mixed.body
expect_rc 0 "$FTL" collect bodyfile -c case.ftl mixed.body 2> mixed.err
expect_grep "mixed.body:line 3: malformed body line" mixed.err
expect_grep "mixed.body:line 5: malformed body line: atime" mixed.err
expect_grep "mixed.body:line 6: malformed body line" mixed.err
expect_grep "3 malformed lines skipped" mixed.err
expect_eq "good lines" "$(sql case.ftl "SELECT count(*) FROM files WHERE path IN ('/ok','/ok2')")" 2
expect_eq "warnings" "$(sql case.ftl "SELECT group_concat(locator) FROM warnings")" "line 3,line 5,line 6"
# binary garbage: nothing usable, exit 1, earlier evidence intact
head -c 20000 /dev/urandom > garbage.body
expect_rc 1 "$FTL" collect bodyfile -c case.ftl garbage.body 2> garbage.err
expect_grep "garbage.body" garbage.err
expect_eq "status" "$(sql case.ftl "SELECT status FROM evidence WHERE path = 'garbage.body'")" failed
after=$(sql case.ftl 'SELECT count(*) FROM events')
expect_eq "events kept" "$after" "$((before + 2))"
# a missing file is named; the other file of the same run still goes in
fls -r -m / "$SAMPLES/disk/hierarchy_64.ext4" > other.body
expect_rc 1 "$FTL" collect bodyfile -c case.ftl nosuch.body other.body 2> missing.err
expect_grep "cannot open 'nosuch.body'" missing.err
expect_grep "1 evidence item added" missing.err
# a truncated .gz body file: the lines before the damage stay (libarchive
# inflates in 64 KiB blocks, so cut well past the first block)
fls -r -m / "$SAMPLES/disk/testfs1" > full.body
cat full.body full.body full.body | gzip -c > full.body.gz
head -c $(($(wc -c < full.body.gz) * 2 / 3)) full.body.gz > cut.body.gz
expect_rc 0 "$FTL" collect bodyfile -c case.ftl cut.body.gz 2> cut.err
expect_grep "cut.body.gz:line" cut.err
expect_grep "gzip data damaged" cut.err
expect_eq "partial" "$(sql case.ftl "SELECT status FROM evidence WHERE path = 'cut.body.gz'")" partial
test "$(sql case.ftl "SELECT n_files FROM evidence WHERE path = 'cut.body.gz'")" -gt 100 ||
    die "lines before the damage were not kept"
# cut inside the first block: nothing readable, recorded as failed, exit 1
head -c 300 full.body.gz > early.body.gz
expect_rc 1 "$FTL" collect bodyfile -c case.ftl early.body.gz 2> early.err
expect_grep "early.body.gz" early.err
expect_eq "failed" "$(sql case.ftl "SELECT status FROM evidence WHERE path = 'early.body.gz'")" failed
# a case file that is not one: clear message, exit 1
echo "not sqlite at all, just some text for the header check" > notacase.ftl
expect_rc 1 "$FTL" info -c notacase.ftl 2> notacase.err
expect_grep "not an ftl case file" notacase.err
# a body file dated past 2262 (int64 ns end there): collected, its mtime
# on the evidence row unknown rather than wrapped
printf '0|/f|1|r/rrw-r--r--|0|0|1|1000|0|0|0\n' > future.body
touch -d '2300-01-01 00:00:00 UTC' future.body
expect_rc 0 "$FTL" collect bodyfile -c future.ftl future.body 2>/dev/null
expect_eq "future mtime" "$(sql future.ftl "SELECT coalesce(mtime, 'unknown') FROM evidence")" unknown
# a FIFO given by mistake is refused at once, not waited on
mkfifo pipe.body
expect_rc 1 timeout 10 "$FTL" collect bodyfile -c fifo.ftl pipe.body 2> fifo.err
expect_grep "pipe.body': not a regular file" fifo.err
