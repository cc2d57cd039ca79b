# Bad mail logs: binary garbage, a 10 MiB line, invalid UTF-8, NUL bytes,
# a .gz cut short.  Each problem is a warning with its line number, the
# rest of the file is collected, and what the case held stays.  Also the
# options: bad values are usage errors (exit 2), --help says what it does.
. "$(dirname "$0")/lib.sh"
S=$SAMPLES/maillog
"$FTL" collect maillog -c case.ftl "$S/postfix.log" 2>/dev/null
before=$(sql case.ftl "SELECT count(*) FROM events")

# binary garbage: nothing readable, the item is recorded as failed, exit 1
python3 -c 'import random, sys; random.seed(2868)
sys.stdout.buffer.write(bytes(random.getrandbits(8) for _ in range(300000)))' > garbage.log
expect_rc 1 "$FTL" collect maillog -c case.ftl garbage.log 2> garbage.err
expect_grep "garbage.log:line [0-9]*: line not read" garbage.err
expect_grep "no log line could be read" garbage.err
expect_eq "failed" "$(sql case.ftl "SELECT status FROM evidence WHERE path = 'garbage.log'")" failed
lines=$(sql case.ftl "SELECT note FROM evidence WHERE path = 'garbage.log'" |
        tr ' ' '\n' | grep '^lines=' | cut -d= -f2)
expect_eq "garbage lines" "$lines" "$(awk 'END { print NR }' garbage.log)"
# the first 200 bad lines one by one, then one warning for the rest
w=$(sql case.ftl "SELECT count(*) FROM warnings w JOIN evidence v ON
    v.id = w.evidence_id WHERE v.path = 'garbage.log'")
test "$w" -le 203 || die "too many warnings: $w"
unread=$(sql case.ftl "SELECT note FROM evidence WHERE path = 'garbage.log'" |
         tr ' ' '\n' | grep '^unreadable=' | cut -d= -f2)
test "$unread" -gt 1000 || die "unreadable lines: $unread"
expect_eq "the rest in one warning" "$(sql case.ftl "SELECT w.message FROM warnings w
    JOIN evidence v ON v.id = w.evidence_id WHERE v.path = 'garbage.log'
    AND w.locator LIKE 'lines %-%'")" \
    "$((unread - 200)) more lines could not be read as log lines (not listed one by one)"
expect_eq "events kept" "$(sql case.ftl "SELECT count(*) FROM events")" "$before"

# a good log with bad lines inside: a 10 MiB line, invalid UTF-8, NUL
# bytes; the other lines are all collected
{
    head -n 5 "$S/postfix.log"
    printf 'Jan 31 09:50:04 raptor postfix/smtpd[1]: connect from x'
    head -c 10485760 /dev/zero | tr '\0' 'A'
    printf '[192.0.2.1]\n'
    printf 'Jan 31 09:50:05 raptor postfix/smtpd[1]: connect from caf\351[192.0.2.2]\n'
    printf 'Jan 31 09:50:06 raptor postfix/smtpd[1]: NUL \000 byte\n'
    tail -n 16 "$S/postfix.log"
} > mixed.log
sum=$(sha mixed.log)
expect_rc 0 "$FTL" collect maillog -c case.ftl mixed.log 2> mixed.err
expect_grep "mixed.log:line 6: line longer than 65536 bytes" mixed.err
at=$(( $(printf 'Jan 31 09:50:05 raptor postfix/smtpd[1]: connect from caf' | wc -c) + 1 ))
expect_grep "mixed.log:line 7: invalid UTF-8 at byte $at:" mixed.err
expect_grep "mixed.log:line 8: line not read: line holds NUL bytes" mixed.err
expect_eq "mixed events" "$(sql case.ftl "SELECT count(*) FROM events e JOIN evidence v
    ON v.id = e.evidence_id WHERE v.path = 'mixed.log'")" 23
expect_eq "the cut line is read" "$(sql case.ftl "SELECT artifact || ' ' || length(message) FROM
    events e JOIN evidence v ON v.id = e.evidence_id WHERE v.path = 'mixed.log'
    AND locator = 'line 6'")" "mail:connect $((65536 - 16))"
expect_eq "invalid UTF-8 kept as bytes" "$(sql case.ftl "SELECT hex(substr(CAST(message AS BLOB),
    -15, 4)) FROM events e JOIN evidence v ON v.id = e.evidence_id
    WHERE v.path = 'mixed.log' AND locator = 'line 7'")" "636166E9"
expect_eq "mixed status" "$(sql case.ftl "SELECT status FROM evidence WHERE path = 'mixed.log'")" complete
expect_eq "mixed messages" "$(sql case.ftl "SELECT count(*) FROM messages m JOIN evidence v
    ON v.id = m.evidence_id WHERE v.path = 'mixed.log'")" 3
expect_eq "mixed.log unchanged" "$(sha mixed.log)" "$sum"
# many over-long lines and many lines of invalid UTF-8: the first 200
# of each warned one by one, the rest summed up
awk 'BEGIN { s = "A"; while (length(s) < 70000) s = s s
    for (i = 0; i < 210; i++) print "Mar  1 00:00:" (10 + i % 50) " h p[1]: " s
    for (i = 0; i < 210; i++) print "Mar  1 00:01:" (10 + i % 50) " h p[1]: caf\351" }' > many.log
expect_rc 0 "$FTL" collect maillog -c many.ftl many.log 2>/dev/null
expect_eq "many warnings" "$(sql many.ftl "SELECT count(*) FROM warnings")" 402
expect_eq "cut summary" "$(sql many.ftl "SELECT count(*) FROM warnings WHERE locator IS NULL
    AND message = '210 lines longer than 65536 bytes, read up to there (the first 200 are listed)'")" 1
expect_eq "utf-8 summary" "$(sql many.ftl "SELECT count(*) FROM warnings WHERE locator IS NULL
    AND message = '210 lines hold invalid UTF-8 (the first 200 are listed)'")" 1
expect_eq "many events" "$(sql many.ftl "SELECT count(*) FROM events")" 420
# the CSV export shows the bad byte as text
"$FTL" export csv -c case.ftl -o all.csv
expect_grep 'caf\\xE9\[192.0.2.2\]' all.csv

# a .gz cut short: the lines before the damage stay, status partial
sh "$FIXTURES/mkpostfix.sh" big.log 30000
gzip -c big.log > big.log.gz
head -c $(($(wc -c < big.log.gz) * 2 / 3)) big.log.gz > cut.log.gz
expect_rc 0 "$FTL" collect maillog -c case.ftl cut.log.gz 2> cut.err
expect_grep "cut.log.gz:line" cut.err
expect_grep "gzip data damaged" cut.err
expect_eq "partial" "$(sql case.ftl "SELECT status FROM evidence WHERE path = 'cut.log.gz'")" partial
n=$(sql case.ftl "SELECT n_events FROM evidence WHERE path = 'cut.log.gz'")
test "$n" -gt 15000 || die "lines before the damage were not kept ($n)"
test "$n" -lt 30000 || die "more events than lines before the damage ($n)"
# every event line is a line of the original, in order
sql case.ftl "SELECT max(CAST(substr(locator, 6) AS INTEGER)) FROM events e JOIN
    evidence v ON v.id = e.evidence_id WHERE v.path = 'cut.log.gz'" > last.txt
expect_eq "last line read" "$(cat last.txt)" "$n"
# cut inside the first block: nothing readable, failed, exit 1
head -c 300 big.log.gz > early.log.gz
expect_rc 1 "$FTL" collect maillog -c case.ftl early.log.gz 2> early.err
expect_grep "early.log.gz" early.err
expect_eq "early failed" "$(sql case.ftl "SELECT status FROM evidence WHERE path = 'early.log.gz'")" failed
# the case cannot be written (here: a file size limit): the error is
# said once, the item counted as failed, and the run stops
cp case.ftl full.ftl
limit=$(( $(wc -c < full.ftl) / 1024 + 1024 ))
expect_rc 1 bash -c "trap '' XFSZ; ulimit -f $limit; exec \"\$0\" collect maillog -c full.ftl big.log" "$FTL" 2> full.err
expect_grep "stopped: the case could not be written" full.err
expect_eq "said once" "$(grep -v 'stopped:\|evidence items\? added' full.err | wc -l)" 1
expect_grep " 1 failed; 0 events," full.err
# the whole .gz, and a .bz2 and .xz of the same log: the same events
expect_rc 0 "$FTL" collect maillog -q -c gz.ftl big.log.gz
bzip2 -c big.log > big.log.bz2
xz -c big.log > big.log.xz
expect_rc 0 "$FTL" collect maillog -q -c bz.ftl big.log.bz2 big.log.xz
expect_eq "gz = lines" "$(sql gz.ftl "SELECT count(*) FROM events")" "$(wc -l < big.log)"
expect_eq "bz2 + xz" "$(sql bz.ftl "SELECT count(*) FROM events")" "$(( $(wc -l < big.log) * 2 ))"
expect_eq "gzip member time" "$(sql gz.ftl "SELECT options FROM evidence" | grep -c 'year_source=gzip-mtime')" 1

# a missing file is named, the others still go in
expect_rc 1 "$FTL" collect maillog -c case.ftl nosuch.log "$S/exim" 2> missing.err
expect_grep "cannot open 'nosuch.log'" missing.err
expect_grep "1 evidence item added" missing.err
expect_eq "events kept at the end" "$(sql case.ftl "SELECT count(*) FROM events e JOIN evidence v
    ON v.id = e.evidence_id WHERE v.path = '$S/postfix.log'")" "$before"

# a FIFO is refused at once (it could not be read twice, and nothing
# would be there to hash), not waited on
mkfifo changing.log
expect_rc 1 timeout 60 "$FTL" collect maillog -c changing.ftl changing.log 2> changing.err
expect_grep "changing.log': not a regular file" changing.err

# options
expect_rc 2 "$FTL" collect maillog -c case.ftl --year 99999 "$S/exim" 2> year.err
expect_grep "invalid --year '99999'" year.err
expect_rc 2 "$FTL" collect maillog -c case.ftl --format qmail "$S/exim" 2> fmt.err
expect_grep "invalid --format 'qmail'" fmt.err
expect_rc 2 "$FTL" collect maillog -c case.ftl --tz Mars/Olympus "$S/exim" 2> tz.err
expect_rc 0 "$FTL" collect maillog --help > help.txt
expect_grep "--year YYYY" help.txt
expect_grep "--host NAME" help.txt
expect_grep "--format F" help.txt
expect_grep "--tz ZONE" help.txt
expect_grep "--no-iocs" help.txt
# --format syslog: no mail parsing; --host names the host of exim lines
expect_rc 0 "$FTL" collect maillog -q -c fmt.ftl --format syslog "$S/postfix.log"
expect_eq "syslog only" "$(sql fmt.ftl "SELECT DISTINCT artifact FROM events")" log:syslog
expect_eq "no messages" "$(sql fmt.ftl "SELECT count(*) FROM messages")" 0
expect_rc 0 "$FTL" collect maillog -q -c host.ftl --host mx9 "$S/exim"
expect_eq "host" "$(sql host.ftl "SELECT count(*) FROM events WHERE message LIKE 'mx9: %'")" \
    "$(sql host.ftl "SELECT count(*) FROM events WHERE message NOT LIKE '%exim[%'")"
expect_grep "host=mx9" "$(sql host.ftl "SELECT options FROM evidence" > h.txt; echo h.txt)"

# more transactions open at once than memory allows: the ones idle the
# longest are written early, each still a row, with one warning
awk 'BEGIN { for (i = 0; i < 70000; i++) printf "Mar  1 00:%02d:%02d h sm-mta[1]: q%07dAB: from=<a%d@b.test>, size=%d, class=0, nrcpts=1, relay=x [192.0.2.1]\n", int(i / 60) % 60, i % 60, i, i, i }' > open.log
expect_rc 0 "$FTL" collect maillog -c open.ftl open.log 2> open.err
expect_grep "open.log:line [0-9]*: more than 65536 mail transactions (or 24 MiB of them)" open.err
expect_eq "rows" "$(sql open.ftl "SELECT count(*) || ' ' || count(DISTINCT queue_id) || ' ' ||
    sum(size + 0 = CAST(substr(queue_id, 2, 7) AS INTEGER)) FROM messages")" "70000 70000 70000"
early=$(sql open.ftl "SELECT note FROM evidence" | tr ' ' '\n' | grep '^written_early=' | cut -d= -f2)
test "$early" -ge $((70000 - 65536)) || die "written early: $early"

# Barracuda epochs out of any range: the syslog stamp is used instead
printf 'May 15 00:00:01 esg scan[1]: h[192.0.2.4] 1684108800-00-x 99999999999999999999 99999999999 SCAN - a@b.test c@d.test 1 0 0 - SZ:1 SUBJ:x\n' > huge.log
expect_rc 0 "$FTL" collect maillog -q -c huge.ftl huge.log
expect_eq "huge epochs" "$(sql huge.ftl "SELECT ts_desc || ' ' || raw_time FROM events")" \
    "Recorded Time May 15 00:00:01"
