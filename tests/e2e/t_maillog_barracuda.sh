# A generated Barracuda ESG mail syslog: events per RECV/SCAN/SEND line at
# the appliance's own epoch times, one message row per appliance message
# id, Message-IDs linked, the year of the year-less stamps taken from the
# epochs (even when the file time is wrong), --tz applied to the stamps
# only, and the exploit message found by the indicator checks.
. "$(dirname "$0")/lib.sh"
sh "$FIXTURES/mkbarracuda.sh" esg.log 300 2> gen.txt
# a file time far from the truth: the epochs must win
touch -d 2031-07-01T00:00:00Z esg.log
sum=$(sha esg.log)
expect_rc 0 "$FTL" collect maillog -c case.ftl esg.log 2> run.err
expect_eq "unchanged" "$(sha esg.log)" "$sum"
exploit=$(sed 's/.*exploit=//' gen.txt)
lines=$(wc -l < esg.log)
note=$(sql case.ftl "SELECT note FROM evidence")
case "$note" in "lines=$lines mail=$lines "*) ;; *) die "not all lines read: $note";; esac
expect_eq "warnings" "$(sql case.ftl "SELECT count(*) FROM warnings")" 0

# events: a Start Time per RECV/SCAN line, an End Time when the end
# differs, SEND lines at their syslog stamp (their epochs are 0)
count() { sql case.ftl "SELECT count(*) FROM events WHERE $1"; }
expect_eq "start" "$(count "ts_desc = 'Start Time'")" \
    "$(grep -cE ' (RECV|SCAN) ' esg.log)"
expect_eq "end" "$(count "ts_desc = 'End Time'")" \
    "$(awk '/ (RECV|SCAN) / { for (i = 1; i < NF; i++) if ($i ~ /^[0-9]+-/) { if ($(i+1) != $(i+2)) n++; break } } END { print n + 0 }' esg.log)"
expect_eq "deliveries" "$(count "artifact = 'mail:delivery'")" "$(grep -c ' SEND ' esg.log)"
expect_eq "received" "$(count "artifact = 'mail:received' AND ts_desc = 'Start Time'")" \
    "$(grep -cE ' (RECV|SCAN) ' esg.log)"
# the epoch is the time
first=$(awk '/ SCAN / { for (i = 1; i < NF; i++) if ($i ~ /^[0-9]+-/) { print $(i+1); exit } }' esg.log)
expect_eq "epoch time" "$(count "ts = ${first}000000000 AND ts_desc = 'Start Time' AND flags = 0")" \
    "$(grep -c " $first [0-9]* SCAN " esg.log)"

# one message per appliance id, with its delivery status
awk '{ for (i = 1; i < NF; i++) if ($i ~ /^[0-9]+-[0-9a-f]+-/) { print $i; break } }' esg.log |
    sort -u > ids.want
sql case.ftl "SELECT gateway_id FROM messages" | sort > ids.got
same_lines ids.got ids.want
blocked=$(sed 's/.*blocked=\([0-9]*\).*/\1/' gen.txt)
expect_eq "blocked lines" "$(grep -c ' RECV .* 2 [0-9]* ' esg.log)" "$blocked"
expect_eq "delivered messages" "$(sql case.ftl "SELECT count(*) FROM messages WHERE status = 'delivered'")" \
    "$(grep ' SEND - 1 ' esg.log | awk '{ for (i = 1; i < NF; i++) if ($i ~ /^[0-9]+-/) { print $i; break } }' | sort -u | wc -l)"
# Message-IDs from the SEND responses, linked to the appliance ids
grep ' SEND - 1 ' esg.log | sed -E 's/.* ([0-9]+-[0-9a-f]+-[A-Za-z0-9]+) 0 0 SEND .*<([^>]*)>.*/\1 \2/' |
    sort -u > mids.want
sql case.ftl "SELECT m.gateway_id || ' ' || l.value FROM message_links l JOIN messages m
    ON m.id = l.msg_id WHERE l.kind = 'message-id'" | sort > mids.got
same_lines mids.got mids.want
expect_eq "message_id column" "$(sql case.ftl "SELECT count(*) FROM messages WHERE message_id IS NOT NULL")" \
    "$(wc -l < mids.want)"
# sender, recipients, size and subject of one scanned message
id=$(grep -m1 ' SCAN ' esg.log | awk '{ for (i = 1; i < NF; i++) if ($i ~ /^[0-9]+-/) { print $i; exit } }')
want=$(grep " $id .* SCAN " esg.log | awk '{ for (i = 1; i < NF; i++) if ($i == "SCAN") break
    s = $(i+2); r = r (r == "" ? "" : ";") $(i+3)
    for (j = i; j <= NF; j++) if ($j ~ /^SZ:/) { z = substr($j, 4); sub(/.*SUBJ:/, ""); subj = $0 } }
    END { print s "|" r "|" z "|" subj }')
expect_eq "message $id" "$(sql case.ftl "SELECT sender || '|' || recipients || '|' || size || '|'
    || subject FROM messages WHERE gateway_id = '$id'")" "$want"

# the year of the stamps comes from the epochs, not from the file time
expect_grep "year_source=barracuda-epoch" "$(sql case.ftl "SELECT options FROM evidence" > o.txt; echo o.txt)"
expect_eq "year" "$(sql case.ftl "SELECT year FROM evidence")" 2023
expect_eq "SEND lines in 2023" "$(count "artifact = 'mail:delivery' AND
    strftime('%Y', ts / 1000000000, 'unixepoch') = '2023' AND flags = 10")" "$(grep -c ' SEND ' esg.log)"

# the exploit message: subject with shell syntax, indicator address
expect_eq "rule hits" "$(sql case.ftl "SELECT DISTINCT target FROM ioc_hits WHERE rule =
    'shell-metacharacters-in-name'")" subject
expect_eq "rule hits per line" "$(sql case.ftl "SELECT count(*) FROM ioc_hits WHERE rule IS NOT NULL")" \
    "$(grep -c " $exploit .* SCAN " esg.log)"
expect_eq "exploit message flagged" "$(sql case.ftl "SELECT flags & 4 FROM messages WHERE gateway_id = '$exploit'")" 4
expect_eq "indicator address" "$(sql case.ftl "SELECT count(DISTINCT locator) FROM ioc_hits WHERE ioc_type = 'ip'
    AND value = '23.224.42.5'")" "$(grep -c '\[23.224.42.5\]' esg.log)"
"$FTL" export csv -c case.ftl --table ioc_hits -o hits.csv
expect_grep 'shell-metacharacters-in-name' hits.csv
expect_grep 'echo $abcdefg | base64 -d | sh' hits.csv
expect_eq "ioc events" "$(count "flags & 4 = 4")" \
    "$(sql case.ftl "SELECT count(*) FROM events WHERE locator IN (SELECT locator FROM ioc_hits)")"
"$FTL" export csv -c case.ftl --ioc-only -o ioc.csv
expect_grep "$exploit" ioc.csv

# --tz: the stamps are read in Brussels (CEST in May: two hours off UTC),
# the epochs are not
cp esg.log esg2.log
touch -d 2031-07-01T00:00:00Z esg2.log
expect_rc 0 "$FTL" collect maillog -q -c tz.ftl --tz Europe/Brussels esg2.log
expect_eq "tz on evidence" "$(sql tz.ftl "SELECT tz FROM evidence")" Europe/Brussels
expect_eq "epochs unchanged" "$(sql tz.ftl "SELECT sum(ts / 1000000000) FROM events WHERE ts_desc != 'Recorded Time'")" \
    "$(sql case.ftl "SELECT sum(ts / 1000000000) FROM events WHERE ts_desc != 'Recorded Time'")"
expect_eq "stamps two hours earlier" "$(sql tz.ftl "SELECT sum(ts / 1000000000) FROM events WHERE ts_desc = 'Recorded Time'")" \
    "$(sql case.ftl "SELECT sum(ts / 1000000000) - count(*) * 7200 FROM events WHERE ts_desc = 'Recorded Time'")"
expect_eq "tz on events" "$(sql tz.ftl "SELECT DISTINCT ifnull(tz, '-') FROM events ORDER BY 1" | tr '\n' ' ')" \
    "- Europe/Brussels "
