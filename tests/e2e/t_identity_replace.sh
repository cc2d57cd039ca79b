# A collection can be redone with corrected options.  Known evidence
# given other options is not collected: exit 1, and the message says
# which options differ and how to replace.  With --replace it is
# collected again with the options now given and replaces the earlier
# item in one transaction: its events, messages, files, warnings and
# hits go, its places and children move on, its row stays as 'replaced',
# and the audit says what was replaced and why.  Then the same command
# adds nothing again.
. "$(dirname "$0")/lib.sh"
cat > gw.log <<'EOF'
May 18 10:00:01 esg postfix/smtpd[101]: 8F3A21C0D1: client=mx.example.org[192.0.2.7]
May 18 10:00:02 esg postfix/cleanup[102]: 8F3A21C0D1: message-id=<a1@example.org>
May 18 10:00:03 esg postfix/qmgr[103]: 8F3A21C0D1: from=<hr@example.org>, size=20480, nrcpt=1 (queue active)
May 18 10:00:04 esg postfix/smtp[104]: 8F3A21C0D1: to=<staff@example.eu>, relay=inner[10.0.0.5]:25, status=sent (250 ok)
May 18 10:00:05 esg postfix/qmgr[103]: 8F3A21C0D1: removed
EOF
touch -d 2023-05-18T10:00:05Z gw.log
"$FTL" collect maillog -c case.ftl gw.log 2>/dev/null
first=$(sql case.ftl "SELECT min(ts) FROM events")
expect_eq "read as UTC" "$first" 1684404001000000000
n=$(sql case.ftl "SELECT count(*) FROM events")

# the wrong zone, found out: not collected, and said how to redo it
expect_rc 1 "$FTL" collect maillog -c case.ftl --tz Europe/Brussels gw.log 2> tz.err
expect_grep "gw.log: not collected: already in the case as evidence #1 (gw.log), collected with other options (then: --tz=UTC; now: --tz=Europe/Brussels); nothing added.  To collect it again with the options now given, replacing what #1 holds, add --replace" tz.err
expect_grep "1 not collected (other options)" tz.err
expect_eq "unchanged" "$(sql case.ftl "SELECT min(ts) || ' ' || count(*) FROM events")" "$first $n"
expect_eq "audited as failed" "$(sql case.ftl "SELECT exit_status FROM audit ORDER BY id DESC LIMIT 1")" 1

# --replace: collected again in Brussels time (UTC+2 in May)
expect_rc 0 "$FTL" collect maillog -c case.ftl --replace --tz Europe/Brussels gw.log 2> rep.err
expect_grep "gw.log: replaces evidence #1 (collected again with --replace; options then: --tz=UTC; now: --tz=Europe/Brussels); its 5 events, 0 files and 0 warnings were removed" rep.err
expect_grep "1 item replaced" rep.err
expect_eq "moved two hours" "$(sql case.ftl "SELECT min(ts) FROM events")" $((first - 7200000000000))
expect_eq "not doubled" "$(sql case.ftl "SELECT count(*) FROM events")" "$n"
expect_eq "one message" "$(sql case.ftl "SELECT count(*) FROM messages")" 1
expect_eq "events of the new item only" "$(sql case.ftl "SELECT DISTINCT evidence_id FROM events")" 2
expect_eq "zone recorded" "$(sql case.ftl "SELECT tz FROM evidence WHERE id = 2")" Europe/Brussels
expect_eq "rows" "$(sql case.ftl "SELECT group_concat(id || ' ' || status || ' ' || superseded_by || ' ' || given, ', ') FROM evidence")" \
    "1 replaced 2 --tz=UTC, 2 complete 0 --tz=Europe/Brussels"
expect_eq "one place, the item's" "$(sql case.ftl "SELECT group_concat(evidence_id) FROM evidence_places")" 2
expect_grep "replaced by evidence #2: collected again with --replace" /dev/stdin <<EOF
$(sql case.ftl "SELECT note FROM evidence WHERE id = 1")
EOF
expect_eq "audit" "$(sql case.ftl "SELECT note FROM audit WHERE note IS NOT NULL")" \
    "evidence #1 replaced by #2 (gw.log): collected again with --replace; options then: --tz=UTC; now: --tz=Europe/Brussels"
expect_grep "replaced=1" /dev/stdin <<EOF
$(sql case.ftl "SELECT counts FROM audit ORDER BY id DESC LIMIT 1")
EOF
"$FTL" info -c case.ftl > info.txt
expect_grep "#1 maillog gw.log" info.txt
expect_grep "replaced, " info.txt
# now the corrected command is the case's: again adds nothing
expect_rc 0 "$FTL" collect maillog -c case.ftl --tz Europe/Brussels gw.log 2> again.err
expect_grep "already in the case as evidence #2 (sha256 .*): nothing added" again.err
# and the first command is the one that differs now
expect_rc 1 "$FTL" collect maillog -c case.ftl gw.log 2> back.err
expect_grep "then: --tz=Europe/Brussels; now: --tz=UTC" back.err

# a wrong --year: the same, and an option of the collector's own
expect_rc 1 "$FTL" collect maillog -c case.ftl --tz Europe/Brussels --year 2021 gw.log 2> year.err
expect_grep "now: --tz=Europe/Brussels --year=2021" year.err
"$FTL" collect maillog -c case.ftl --replace --tz Europe/Brussels --year 2021 gw.log 2>/dev/null
expect_eq "year 2021" "$(sql case.ftl "SELECT strftime('%Y', min(ts) / 1000000000, 'unixepoch') FROM events")" 2021
expect_eq "still not doubled" "$(sql case.ftl "SELECT count(*) FROM events")" "$n"

# an image collected in the wrong zone: its mail logs were read in it
# too, and are collected again with it; a log collected on its own keeps
# its own options and only gains a place
sh "$FIXTURES/mkappliance.sh" app.ext4 tree >/dev/null
cp tree/var/log/maillog alone.log
"$FTL" collect maillog -c img.ftl alone.log 2>/dev/null
"$FTL" collect disk -c img.ftl app.ext4 2>/dev/null
ne=$(sql img.ftl "SELECT count(*) FROM events")
nm=$(sql img.ftl "SELECT count(*) FROM messages")
ts0=$(sql img.ftl "SELECT ts FROM events e JOIN evidence v ON v.id = e.evidence_id
    WHERE v.inner_path = 'mail/log/maillog' AND e.locator = 'line 1'")
expect_rc 1 "$FTL" collect disk -c img.ftl --tz America/New_York app.ext4 2> imgtz.err
expect_grep "app.ext4: not collected" imgtz.err
expect_rc 0 "$FTL" collect disk -c img.ftl --replace --tz America/New_York app.ext4 2> imgrep.err
expect_grep "app.ext4: replaces evidence #2" imgrep.err
expect_eq "image events not doubled" "$(sql img.ftl "SELECT count(*) FROM events")" "$ne"
expect_eq "messages not doubled" "$(sql img.ftl "SELECT count(*) FROM messages")" "$nm"
expect_eq "the log in the image read in New York time (UTC-4 in May)" \
    "$(sql img.ftl "SELECT ts FROM events e JOIN evidence v ON v.id = e.evidence_id
        WHERE v.inner_path = 'mail/log/maillog' AND v.superseded_by = 0 AND e.locator = 'line 1'")" \
    $((ts0 + 14400000000000))
expect_eq "the log on its own kept" "$(sql img.ftl "SELECT status || ' ' || given FROM evidence WHERE id = 1")" "complete --tz=UTC"
img=$(sql img.ftl "SELECT id FROM evidence WHERE kind = 'disk' AND superseded_by = 0")
expect_eq "its place in the new image" "$(sql img.ftl "SELECT count(*) FROM evidence_places
    WHERE evidence_id = 1 AND parent_id = $img")" 1
expect_eq "no place in the replaced image" "$(sql img.ftl "SELECT count(*) FROM evidence_places
    WHERE parent_id IN (SELECT id FROM evidence WHERE status = 'replaced')")" 0
expect_eq "the image and its three children of its own replaced" "$(sql img.ftl "SELECT count(*) FROM evidence WHERE status = 'replaced'")" 4

# a register collected again with --replace: its persons once, and the
# attributions that named them are said to be gone
python3 "$FIXTURES/mkhrstore.py" gen > /dev/null
"$FTL" collect hr -c hr.ftl --staff gen/register.csv gen/store 2>/dev/null
np=$(sql hr.ftl "SELECT count(*) FROM persons")
"$FTL" collect staff -c hr.ftl --replace gen/register.csv 2> staff.err
expect_grep "gen/register.csv: replaces evidence #1" staff.err
expect_grep "document attributions in the case named persons of evidence #1, which are gone: the HR stores are attributed again with this register" staff.err
expect_grep "gen/register.csv: $np persons added" staff.err
expect_grep "gen/store: 52 documents attributed again with the register" staff.err
expect_eq "persons once" "$(sql hr.ftl "SELECT count(*) FROM persons")" "$np"
expect_eq "attributions name persons in the case" "$(sql hr.ftl "SELECT count(*) FROM document_persons
    WHERE person_id NOT IN (SELECT person_id FROM persons)")" 0
"$FTL" collect hr -c hr.ftl --replace gen/store 2> hr.err
expect_grep "gen/store: replaces evidence #2" hr.err
expect_eq "attributed to the persons now in the case" "$(sql hr.ftl "SELECT count(*) FROM document_persons
    WHERE person_id NOT IN (SELECT person_id FROM persons)")" 0
expect_eq "documents once" "$(sql hr.ftl "SELECT count(*) FROM documents")" 52
