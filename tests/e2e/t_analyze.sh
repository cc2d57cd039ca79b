# ftl analyze on generated cases: a Barracuda gateway log with the
# server's postfix log and a mailbox behind it (one message followed
# across the three, the exploit's flag spread to every record of it, a
# one-way clock); two postfix hosts relaying both ways with a gateway 30 s
# fast (two-way clock, corrected transit); the appliance image (window
# from its indicator files, its stored copies as the appliance's); the
# errors; and a second run that exports the same bytes.
. "$(dirname "$0")/lib.sh"

# ---- 1. Barracuda gateway, postfix server, a mailbox ----------------------
sh "$FIXTURES/mkbarracuda.sh" esg.log 200 2> gen.txt
exploit=$(sed 's/.*exploit=//' gen.txt)
# The server behind the gateway: one transaction per delivered message,
# received 2 s after the gateway's SEND (at its id's epoch + 3 s), while
# the gateway's clock runs 30 s fast: on mx at epoch - 25 s.
awk '/ SEND - 1 / {
    for (i = 1; i < NF; i++) if ($i ~ /^[0-9]+-[0-9a-f]+-/) { id = $i; break }
    if (seen[id]++) next
    match($0, /<[^>]*>/); mid = substr($0, RSTART + 1, RLENGTH - 2)
    split(id, p, "-"); t = p[1] - 25; q = sprintf("A%09X", ++n)
    s = strftime("%b %e %H:%M:%S", t, 1)
    printf "%s mx postfix/smtpd[7]: %s: client=esg[10.0.0.2]\n", s, q
    printf "%s mx postfix/cleanup[8]: %s: message-id=<%s>\n", s, q, mid
    printf "%s mx postfix/qmgr[9]: %s: from=<relay@gov.example>, size=900, nrcpt=1 (queue active)\n", s, q
    printf "%s mx postfix/local[10]: %s: to=<box@gov.example>, relay=local, delay=0, dsn=2.0.0, status=sent (delivered)\n", s, q
    printf "%s mx postfix/qmgr[9]: %s: removed\n", s, q
    last = t
} END { printf "%d\n", last > "mx.end" }' esg.log > mx.log
# and one outbound message, which the gateway (30 s fast) acknowledged
# with its own id: no Message-ID in either log, only "queued as" joins
# them
cat >> mx.log <<'LOG'
May 15 00:09:58 mx postfix/pickup[11]: B0B0B0B0B0: uid=1000 from=<anna.berg>
May 15 00:09:58 mx postfix/qmgr[9]: B0B0B0B0B0: from=<anna.berg@gov.example>, size=500, nrcpt=1 (queue active)
May 15 00:09:59 mx postfix/smtp[12]: B0B0B0B0B0: to=<ext@partner.example>, relay=esg[10.0.0.2]:25, delay=1, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 1684109430-0a0b0c0d0e0f-Qx12Ab)
May 15 00:09:59 mx postfix/qmgr[9]: B0B0B0B0B0: removed
LOG
cat >> esg.log <<'LOG'
May 15 00:10:30 esg scan[5000]: mx[10.0.0.5] 1684109430-0a0b0c0d0e0f-Qx12Ab 1684109430 1684109431 SCAN - anna.berg@gov.example ext@partner.example 0.100 0 0 - SZ:500 SUBJ:hello
LOG
touch -d "@$(cat mx.end)" mx.log
delivered=$(($(grep -c 'qmgr.*removed' mx.log) - 1))
mid=$(grep " $exploit 0 0 SEND - 1 " esg.log | sed 's/.*<\([^>]*\)>.*/\1/' | head -1)
[ -n "$mid" ] || die "no Message-ID for the exploit $exploit"
# the mailbox copy of the exploit, stored by mx.gov.example
{
    echo "From relay@gov.example Mon May 15 00:40:00 2023"
    echo "Received: from esg (esg [10.0.0.2]) by mx.gov.example with ESMTP; Mon, 15 May 2023 00:40:00 +0000"
    echo "From: billing@eccentric.duck"
    echo "To: anna.berg@gov.example"
    echo "Subject: invoice"
    echo "Message-ID: <$mid>"
    echo "Date: Mon, 15 May 2023 00:39:00 +0000"
    echo
    echo "see attachment"
    echo
} > box.mbox
printf 'employee_no;first_name;last_name;email\nE1;Anna;Berg;anna.berg@gov.example\n' > reg.csv
"$FTL" collect maillog -q -c b.ftl esg.log mx.log
"$FTL" collect mailbox -q -c b.ftl box.mbox
"$FTL" collect staff -q -c b.ftl reg.csv
expect_rc 0 "$FTL" analyze -c b.ftl 2> b.err
expect_grep "message groups" b.err
"$FTL" export csv -c b.ftl --table message_groups -o groups.csv 2>/dev/null
"$FTL" export csv -c b.ftl --table clock_offsets -o clocks.csv 2>/dev/null
# one group per gateway message; the mx rows and the mailbox join theirs
expect_eq "groups" "$(sql b.ftl "SELECT count(*) FROM message_groups")" \
    "$(sql b.ftl "SELECT count(*) FROM messages WHERE host = 'esg'")"
expect_eq "records" "$(csv_col groups.csv n_records | paste -sd+ | bc)" \
    "$(sql b.ftl "SELECT count(*) FROM messages")"
expect_eq "mx rows joined" "$(sql b.ftl "SELECT count(*) FROM message_group_members
    WHERE role = 'server-log' AND linked_by = 'message-id'")" "$delivered"
expect_eq "outbound by queued-as" "$(sql b.ftl "SELECT count(DISTINCT group_id) || ' '
    || group_concat(linked_by, ',') FROM message_group_members mm JOIN messages m
    ON m.id = mm.msg_id WHERE m.queue_id = 'B0B0B0B0B0'
    OR m.gateway_id = '1684109430-0a0b0c0d0e0f-Qx12Ab'")" "1 queued-as,queued-as"
expect_eq "roles" "$(sql b.ftl "SELECT group_concat(role, ' ') FROM (SELECT DISTINCT
    role FROM message_group_members ORDER BY role)")" "gateway-log server-log store"
# the exploit: one group of three records, flagged, crossed, inbound
row=$(python3 - groups.csv "$mid" <<'PY'
import csv, sys
for r in csv.DictReader(open(sys.argv[1], newline='')):
    if r["message_id"] == sys.argv[2]:
        print(r["n_records"], r["flagged"], r["crossed"], r["direction"],
              r["in_window"], r["transit_host"])
PY
)
expect_eq "exploit group" "$row" "3 1 1 inbound 1 esg"
expect_eq "flagged groups" "$(csv_col groups.csv flagged | grep -c 1)" 1
# its server lines and its stored copy carry the flag now, nothing else
expect_eq "mx lines flagged" "$(sql b.ftl "SELECT count(*) FROM events e JOIN messages m
    ON m.id = e.msg_id WHERE m.host = 'mx' AND (e.flags & 128) <> 0")" 5
expect_eq "flag only there" "$(sql b.ftl "SELECT count(DISTINCT g.group_id) FROM events e
    JOIN message_group_members g ON g.msg_id = e.msg_id WHERE (e.flags & 128) <> 0")" 1
# the clocks: inbound, mx is seen 25 s behind the gateway (the delay
# from the gateway's first line to mx's included); the one outbound
# message gives the other way: two-way, about 30 s
# (the mailbox's host, mx.gov.example, is mx's clock)
row=$(python3 - clocks.csv <<'PY'
import csv, sys
for r in csv.DictReader(open(sys.argv[1], newline='')):
    if (r["host_a"], r["host_b"]) == ("esg", "mx"):
        print(abs(float(r["offset_seconds"]) - 30) <= 2, r["method"],
              r["pairs"], r["applied"])
PY
)
expect_eq "clock esg-mx" "$row" "True two-way $((delivered + 1)) 0"
expect_eq "clocks" "$(sql b.ftl "SELECT group_concat(host_a || '-' || host_b, ' ')
    FROM clock_offsets")" "esg-mx"
expect_eq "clock names" "$(sql b.ftl "SELECT value FROM analysis
    WHERE key = 'clocks.hosts'")" "mx.gov.example=mx"
# the window starts at the exploit's first gateway line, on the gateway's
# clock: the server's line of it (flagged through its group, 25 s
# earlier by mx's clock) is later once moved onto the gateway's clock
xstart=$(echo "$exploit" | cut -d- -f1)
expect_eq "start" "$(sql b.ftl "SELECT (ts / 1000000000) || ' ' || origin FROM
    analysis_window WHERE bound = 'start'")" "$xstart indicator"
expect_eq "start on esg's clock" "$(sql b.ftl "SELECT instr(reason,
    'on the clock of esg') > 0 FROM analysis_window WHERE bound = 'start'")" 1
expect_grep "not at a known containment" b.err
# a second run replaces the first and exports the same bytes
for t in message_groups message_group_members clock_offsets analysis \
         analysis_window analysis_warnings; do
    "$FTL" export csv -c b.ftl --table $t -o $t.1 2>/dev/null
done
"$FTL" analyze -q -c b.ftl
for t in message_groups message_group_members clock_offsets analysis \
         analysis_window analysis_warnings; do
    "$FTL" export csv -c b.ftl --table $t -o $t.2 2>/dev/null
    cmp -s $t.1 $t.2 || die "$t differs after a second run"
done
expect_eq "audit" "$(sql b.ftl "SELECT count(*) FROM audit WHERE command = 'analyze'
    AND exit_status = 0 AND counts LIKE 'groups=% flagged=1 %'")" 2

# ---- 2. two postfix hosts, both ways, the gateway 30 s fast ----------------
sh "$FIXTURES/mkrelay.sh" gw.log srv.log 40 30 2>/dev/null
printf 'employee_no;first_name;last_name;email\nE1;Anna;Berg;user1@agency.example\n' > reg2.csv
"$FTL" collect maillog -q -c r.ftl gw.log srv.log
"$FTL" collect staff -q -c r.ftl reg2.csv
# no indicator in these logs: the window must be given
expect_rc 1 "$FTL" analyze -c r.ftl --gateway gw 2> r.err
expect_grep "no indicator evidence in the case" r.err
expect_eq "nothing written" "$(sql r.ftl "SELECT count(*) FROM message_groups")" 0
expect_rc 0 "$FTL" analyze -q -c r.ftl --gateway gw --correct-clocks \
    --window 2023-05-15T00:00:00Z..
"$FTL" export csv -c r.ftl --table clock_offsets -o rclocks.csv 2>/dev/null
off=$(csv_col rclocks.csv offset_seconds)
awk -v o="$off" 'BEGIN { exit !(o >= 28 && o <= 32) }' ||
    die "gateway offset $off, not 30 +- 2"
expect_eq "two-way" "$(csv_col rclocks.csv method) $(csv_col rclocks.csv applied) $(csv_col rclocks.csv pairs)" "two-way 1 80"
expect_eq "reference" "$(sql r.ftl "SELECT value FROM analysis WHERE key = 'clocks.reference'")" mx
"$FTL" export csv -c r.ftl --table message_groups --raw -o rgroups.csv 2>/dev/null
# every transit moved back by the offset, onto mx's clock; the raw kept
python3 - rgroups.csv "$off" <<'PY' || die "transit not corrected"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline='')))
off = float(sys.argv[2])
assert len(rows) == 80, len(rows)
for r in rows:
    assert r["corrected"] == "1" and r["note"].startswith("clock-corrected"), r
    shift = (int(r["transit_raw"]) - int(r["transit"])) / 1e9
    assert abs(shift - off) < 1e-6, (shift, off)
PY
# the end is open, and said so
expect_eq "end" "$(sql r.ftl "SELECT origin FROM analysis_window WHERE bound = 'end'")" none

# ---- 3. the appliance image ------------------------------------------------
sh "$FIXTURES/mkappliance.sh" app.ext4 >/dev/null 2>&1
"$FTL" collect disk -q -c a.ftl app.ext4
expect_rc 0 "$FTL" analyze -q -c a.ftl --contained 2023-06-06T00:00:00Z
# the cron persistence, created and modified 2022-10-10T10:10:10Z
expect_eq "appliance start" "$(sql a.ftl "SELECT ts || ' ' || origin FROM analysis_window
    WHERE bound = 'start'")" "1665396610000000000 indicator"
expect_eq "start events" "$(sql a.ftl "SELECT group_concat(DISTINCT f.path) FROM events e
    JOIN files f ON f.id = e.file_id WHERE ' ' || (SELECT event_ids FROM analysis_window
    WHERE bound = 'start') || ' ' LIKE '% ' || e.id || ' %'")" /etc/cron.hourly/aacore.sh
expect_eq "appliance end" "$(sql a.ftl "SELECT origin FROM analysis_window WHERE bound = 'end'")" contained
# the two stored copies on the image (byte for byte the same file): one
# evidence item with two places, one message row, the appliance's
expect_eq "appliance copies" "$(sql a.ftl "SELECT count(*) || ' ' || group_concat(DISTINCT
    role) || ' ' || count(DISTINCT group_id) FROM message_group_members")" "1 appliance-store 1"
expect_eq "its places" "$(sql a.ftl "SELECT count(*) FROM evidence_places p JOIN evidence e
    ON e.id = p.evidence_id WHERE e.kind = 'mailbox' AND p.parent_id <> 0")" 2
expect_eq "crossed" "$(sql a.ftl "SELECT crossed FROM message_groups")" 1

# ---- usage ------------------------------------------------------------------
expect_rc 2 "$FTL" analyze -c a.ftl --window ..
expect_rc 2 "$FTL" analyze -c a.ftl --window 2023-05-01..nonsense
expect_rc 2 "$FTL" analyze -c a.ftl --window ..2023-06-01 --contained 2023-06-02
expect_rc 1 "$FTL" analyze -c missing.ftl
"$FTL" analyze --help > help.txt
expect_grep "trust-clock" help.txt
