# ftl collect maillog on the real samples: every line is an event or a
# warning, and the counts agree with what grep and awk count in the same
# files; a postfix message's sender, size, Message-ID and recipients are
# those of the log; the evidence is not modified.
. "$(dirname "$0")/lib.sh"
S=$SAMPLES/maillog
for f in postfix.log sendmail-reject exim rfc5424.log syslog; do
    sha "$S/$f" > "$f.sha"
done

# ev FILE QUERY-TAIL : a count over the events of evidence FILE
ev() {
    sql case.ftl "SELECT count(*) FROM events e JOIN evidence v ON
        v.id = e.evidence_id WHERE v.path = '$S/$1' $2"
}
note() {
    sql case.ftl "SELECT note FROM evidence WHERE path = '$S/$1'" |
        tr ' ' '\n' | grep "^$2=" | cut -d= -f2
}
# accounted FILE: lines = events' lines + blank + warnings
accounted() {
    lines=$(wc -l < "$S/$1")
    expect_eq "$1: lines" "$(note "$1" lines)" "$lines"
    sum=$(( $(note "$1" mail) + $(note "$1" other) + $(note "$1" continued) +
            $(note "$1" blank) + $(note "$1" unreadable) ))
    expect_eq "$1: every line parsed or reported" "$sum" "$lines"
    expect_eq "$1: one warning per unreadable line" "$(sql case.ftl \
        "SELECT count(*) FROM warnings w JOIN evidence v ON v.id = w.evidence_id
         WHERE v.path = '$S/$1' AND (w.message LIKE 'line not read: %'
         OR w.message LIKE 'time stamp not usable: %')")" \
        "$(note "$1" unreadable)"
    expect_eq "$1: blank" "$(note "$1" blank)" "$(grep -c '^[[:space:]]*$' "$S/$1" || true)"
}

# ---- postfix -----------------------------------------------------------
expect_rc 0 "$FTL" collect maillog -c case.ftl "$S/postfix.log" 2> pf.err
accounted postfix.log
expect_eq "postfix events" "$(ev postfix.log '')" "$(wc -l < "$S/postfix.log")"
expect_eq "deliveries = status= lines" \
    "$(ev postfix.log "AND artifact = 'mail:delivery'")" \
    "$(grep -cE 'postfix/(smtp|lmtp|local|virtual|pipe|error)\[[0-9]+\]: [0-9A-F]+: to=.*status=' "$S/postfix.log")"
expect_eq "removed" "$(ev postfix.log "AND artifact = 'mail:removed'")" \
    "$(grep -c ': removed$' "$S/postfix.log")"
expect_eq "received = qmgr from= lines" \
    "$(ev postfix.log "AND artifact = 'mail:received'")" \
    "$(grep -c 'postfix/qmgr\[[0-9]*\]: [0-9A-F]*: from=' "$S/postfix.log")"
expect_eq "connects" "$(ev postfix.log "AND artifact = 'mail:connect'")" \
    "$(grep -cE 'smtpd\[[0-9]+\]: (connect|disconnect|setting up TLS|TLS connection)' "$S/postfix.log")"
grep -oE ': [0-9A-F]{8,}: ' "$S/postfix.log" | tr -d ': ' | sort -u > qids.want
sql case.ftl "SELECT queue_id FROM messages" | sort > qids.got
same_lines qids.got qids.want
# each message against the log, as awk reads it
for q in $(cat qids.want); do
    want=$(awk -v q="$q:" '
        $6 == q && /: from=</ && /qmgr/ {
            match($0, /from=<[^>]*>/); from = substr($0, RSTART + 6, RLENGTH - 7)
            match($0, /size=[0-9]+/); size = substr($0, RSTART + 5, RLENGTH - 5) }
        $6 == q && /message-id=</ {
            match($0, /message-id=<[^>]*>/); mid = substr($0, RSTART + 12, RLENGTH - 13) }
        $6 == q && / to=</ {
            match($0, / to=<[^>]*>/); r = substr($0, RSTART + 5, RLENGTH - 6)
            if (!(r in seen)) { seen[r] = 1; rcpts = rcpts (rcpts == "" ? "" : ";") r } }
        END { print from "|" size "|" mid "|" rcpts }' "$S/postfix.log")
    got=$(sql case.ftl "SELECT sender || '|' || size || '|' ||
        ifnull(message_id, '') || '|' || recipients FROM messages
        WHERE queue_id = '$q'")
    expect_eq "message $q" "$got" "$want"
done
grep -oE '[0-9A-F]{8,}: .*queued as [0-9A-F]+' "$S/postfix.log" |
    sed -E 's/^([0-9A-F]+): .*queued as ([0-9A-F]+)$/\1 \2/' | sort -u > links.want
sql case.ftl "SELECT m.queue_id || ' ' || l.value FROM message_links l
    JOIN messages m ON m.id = l.msg_id WHERE l.kind = 'queued-as'" |
    sort > links.got
same_lines links.got links.want
# the messages table exports with its columns
"$FTL" export csv -c case.ftl --table messages -o messages.csv
expect_grep 'queue_id,gateway_id,message_id,sender,recipients,size,subject,status' messages.csv
expect_eq "exported rows" "$(csv_col messages.csv queue_id | sort | tr '\n' ' ')" \
    "$(sort qids.want | tr '\n' ' ')"
# zone-less, year-less: both assumptions recorded on each event and on
# the evidence row
expect_eq "flags" "$(sql case.ftl "SELECT DISTINCT flags & 10 FROM events")" 10
expect_eq "tz" "$(sql case.ftl "SELECT tz FROM evidence")" UTC
expect_grep "year_source=mtime" "$(sql case.ftl "SELECT options FROM evidence" > opts.txt; echo opts.txt)"

# ---- sendmail ------------------------------------------------------------
expect_rc 0 "$FTL" collect maillog -c case.ftl "$S/sendmail-reject" 2> sm.err
accounted sendmail-reject
body() { grep -v '^#' "$S/$1" | grep -v '^[[:space:]]*$'; }
expect_eq "sendmail events" "$(ev sendmail-reject '')" "$(body sendmail-reject | wc -l)"
expect_eq "sendmail warnings: the comment lines" "$(note sendmail-reject unreadable)" \
    "$(grep -c '^#' "$S/sendmail-reject")"
expect_eq "sendmail rejects" "$(ev sendmail-reject "AND artifact = 'mail:reject'")" \
    "$(body sendmail-reject | grep -cE 'reject=|>\.\.\. |\[rejected\]|rejecting commands from')"
expect_eq "sendmail received" "$(ev sendmail-reject "AND artifact = 'mail:received'")" \
    "$(body sendmail-reject | grep -c ': from=')"
expect_eq "sendmail connects" "$(ev sendmail-reject "AND artifact = 'mail:connect'")" \
    "$(body sendmail-reject | grep -cE 'did not issue MAIL|lost input channel')"
expect_eq "sendmail from= size" "$(sql case.ftl "SELECT sender || ' ' || size || ' ' || client
    FROM messages WHERE queue_id = '55HIbcGI002794'")" "root@yourhost.com 108 unknown[192.168.1.45]"

# ---- exim ----------------------------------------------------------------
expect_rc 0 "$FTL" collect maillog -c case.ftl "$S/exim" 2> ex.err
accounted exim
expect_eq "exim events" "$(ev exim '')" "$(body exim | wc -l)"
expect_eq "exim warnings: the comment lines" "$(note exim unreadable)" "$(grep -c '^#' "$S/exim")"
rej='rejected|authenticator failed|dropped|refused|sender verify fail|protocol synchronization error|SMTP protocol error'
expect_eq "exim rejects" "$(ev exim "AND artifact = 'mail:reject'")" \
    "$(body exim | grep -cE "$rej")"
expect_eq "exim connects" "$(ev exim "AND artifact = 'mail:connect'")" \
    "$(body exim | grep -vE "$rej" | grep -cE 'SMTP connection from|no MAIL in SMTP|SMTP call from|no (host name|IP address) found')"
# exim writes full dates: nothing is estimated, zones are assumed
expect_eq "exim flags" "$(sql case.ftl "SELECT DISTINCT e.flags FROM events e JOIN
    evidence v ON v.id = e.evidence_id WHERE v.path = '$S/exim'")" 8
expect_eq "exim first" "$(sql case.ftl "SELECT raw_time || ' ' || ts FROM events
    WHERE locator = 'line 3' AND evidence_id = (SELECT id FROM evidence WHERE path = '$S/exim')")" \
    "2013-01-04 17:03:46 $(date -u -d '2013-01-04 17:03:46' +%s)000000000"

# ---- RFC 5424 --------------------------------------------------------------
expect_rc 0 "$FTL" collect maillog -c case.ftl "$S/rfc5424.log" 2> r5.err
accounted rfc5424.log
expect_eq "5424 events" "$(ev rfc5424.log '')" 3
expect_eq "5424 postfix line" "$(ev rfc5424.log "AND artifact = 'mail:other'")" 1
expect_eq "5424 time" "$(sql case.ftl "SELECT ts || ' ' || prec || ' ' || flags FROM events e
    JOIN evidence v ON v.id = e.evidence_id WHERE v.path = '$S/rfc5424.log' AND locator = 'line 1'")" \
    "1065910455003000000 3 0"

# ---- RFC 3164 with edge cases, the year given -------------------------------
expect_rc 0 "$FTL" collect maillog -c case.ftl --year 2012 "$S/syslog" 2> sl.err
accounted syslog
expect_grep "syslog:line 8: line not read" sl.err
# line 15 (Feb 6, between Nov 18 lines) is out of sequence: a warning,
# and not a new year for the lines after it
expect_grep "syslog:line 15: month 2 out of sequence" sl.err
expect_eq "syslog warnings" "$(sql case.ftl "SELECT group_concat(w.locator) FROM warnings w
    JOIN evidence v ON v.id = w.evidence_id WHERE v.path = '$S/syslog'")" "line 8,line 15"
at() {
    sql case.ftl "SELECT strftime('%Y-%m-%dT%H:%M:%S', ts / 1000000000, 'unixepoch')
        FROM events e JOIN evidence v ON v.id = e.evidence_id
        WHERE v.path = '$S/syslog' AND locator = 'line $1'"
}
expect_eq "leap day" "$(at 7)" 2012-02-29T01:15:43
expect_eq "forward jump, same year" "$(at 9)" 2012-12-18T17:54:32
expect_eq "roll-over" "$(at 10)" 2013-03-23T23:01:18
expect_eq "backstep of one month" "$(at 13)" 2013-11-18T01:15:20
expect_eq "continuation at its line's time" "$(at 14)" 2013-11-18T01:15:20
expect_eq "out of sequence, same year" "$(at 15)" 2013-02-06T15:16:30
expect_eq "after it, no new year" "$(at 16)" 2013-11-18T01:15:43
expect_eq "year on the evidence" "$(sql case.ftl "SELECT year FROM evidence WHERE path = '$S/syslog'")" 2012
expect_eq "fraction kept" "$(sql case.ftl "SELECT prec || ' ' || (ts % 1000000000) FROM events e
    JOIN evidence v ON v.id = e.evidence_id WHERE v.path = '$S/syslog' AND locator = 'line 11'")" \
    "3 123000000"
# the same file, the year from its time: a copy written at the end of 2013
cp "$S/syslog" syslog.copy
touch -d 2013-12-31T20:00:00Z syslog.copy
expect_rc 0 "$FTL" collect maillog -c case2.ftl syslog.copy 2>/dev/null
expect_eq "year from mtime" "$(sql case2.ftl "SELECT year FROM evidence")" 2012
expect_eq "leap day from mtime" "$(sql case2.ftl "SELECT count(*) FROM events
    WHERE locator = 'line 7' AND ts = $(date -u -d 2012-02-29T01:15:43 +%s)000000000")" 1

# ---- nothing twice, nothing written to the evidence -------------------------
before=$(sql case.ftl "SELECT count(*) FROM events")
expect_rc 0 "$FTL" collect maillog -c case.ftl "$S/postfix.log" "$S/exim" 2> again.err
expect_grep "already in the case as evidence #1" again.err
expect_eq "no new events" "$(sql case.ftl "SELECT count(*) FROM events")" "$before"
for f in postfix.log sendmail-reject exim rfc5424.log syslog; do
    expect_eq "$f unchanged" "$(sha "$S/$f")" "$(cat "$f.sha")"
done
