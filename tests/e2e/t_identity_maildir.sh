# A maildir holding two byte-identical message files (in new/ and cur/,
# under names that carry two delivery times) keeps both: one evidence
# item and one message, stored once, with two places, and for each place
# its own delivery time (from its name) and file time as events of that
# place, linked to the one message, whose first and last seen take both
# in.  Collecting again adds nothing; a third copy found later adds its
# place and its events only; the same inside a disk image.
. "$(dirname "$0")/lib.sh"
mkdir -p md/cur md/new md/tmp
a=md/cur/1700000000.M11P22.esg:2,S
b=md/new/1700003600.M33P44.esg
cat > "$a" <<'EOF'
From: HR <hr@example.org>
To: staff@example.eu
Subject: payslip May
Message-ID: <pay-05@example.org>
Date: Tue, 14 Nov 2023 22:13:20 +0000
Received: by esg.example.eu; Tue, 14 Nov 2023 22:13:19 +0000

your payslip
EOF
cp "$a" "$b"
touch -d 2023-11-14T22:13:21Z "$a"
touch -d 2023-11-14T23:13:21Z "$b"
cmp -s "$a" "$b" || die "not identical"
msha=$(sha "$a")

expect_rc 0 "$FTL" collect mailbox -c case.ftl md 2> first.err
expect_grep "md: 2 mail files read" first.err
expect_grep "$b: already in the case as evidence #1 (sha256 $msha, first found at $a): this place recorded" first.err
expect_eq "one item" "$(sql case.ftl "SELECT count(*) FROM evidence")" 1
expect_eq "one message" "$(sql case.ftl "SELECT count(*) FROM messages")" 1
expect_eq "one logical message" "$(sql case.ftl "SELECT count(DISTINCT message_id) FROM messages")" 1
expect_eq "two places" "$(sql case.ftl "SELECT group_concat(path, ' ') FROM (SELECT path FROM evidence_places ORDER BY id)")" "$a $b"
expect_eq "their file times" "$(sql case.ftl "SELECT group_concat(mtime, ' ') FROM (SELECT mtime FROM evidence_places ORDER BY id)")" \
    "1700000001000000000 1700003601000000000"
# what the content says, once: Sent and Received
expect_eq "sent once" "$(sql case.ftl "SELECT count(*) FROM events WHERE ts_desc = 'Sent Time'")" 1
expect_eq "hop once" "$(sql case.ftl "SELECT count(*) FROM events WHERE artifact = 'mail:received'")" 1
# what each place says: its delivery and its file time, each linked to
# the one message
q="SELECT group_concat(locator || '|' || ts_desc || '|' || ts, ' ') FROM
    (SELECT * FROM events WHERE artifact IN ('mail:delivery', 'mail:file') ORDER BY ts, ts_desc)"
expect_eq "place events" "$(sql case.ftl "$q")" \
    "cur/1700000000.M11P22.esg:2,S|Delivery Time|1700000000000000000 cur/1700000000.M11P22.esg:2,S|Content Modification Time|1700000001000000000 new/1700003600.M33P44.esg|Delivery Time|1700003600000000000 new/1700003600.M33P44.esg|Content Modification Time|1700003601000000000"
expect_eq "linked to the message" "$(sql case.ftl "SELECT count(*) FROM events WHERE msg_id = (SELECT id FROM messages)")" \
    "$(sql case.ftl "SELECT count(*) FROM events")"
expect_eq "seen from its hop to the second delivery" \
    "$(sql case.ftl "SELECT first_seen || ' ' || last_seen FROM messages")" \
    "1699999999000000000 1700003600000000000"
expect_eq "counted on the row" "$(sql case.ftl "SELECT n_events FROM evidence")" "$(sql case.ftl "SELECT count(*) FROM events")"
"$FTL" info -c case.ftl > info.txt
expect_grep "also at $b" info.txt

# again: nothing added
n=$(sql case.ftl "SELECT count(*) FROM events")
expect_rc 0 "$FTL" collect mailbox -c case.ftl md 2> again.err
expect_grep "0 evidence items added, 2 already in the case" again.err
expect_eq "events" "$(sql case.ftl "SELECT count(*) FROM events")" "$n"
expect_eq "places" "$(sql case.ftl "SELECT count(*) FROM evidence_places")" 2

# a third copy, in another maildir found later: its place and events only
mkdir -p md2/cur
c=md2/cur/1700007200.M55P66.other:2,RS
cp "$a" "$c"
touch -d 2023-11-15T00:13:21Z "$c"
"$FTL" collect mailbox -c case.ftl md2 2> third.err
expect_grep "this place recorded" third.err
expect_eq "still one message" "$(sql case.ftl "SELECT count(*) FROM messages")" 1
expect_eq "two events more" "$(sql case.ftl "SELECT count(*) FROM events")" $((n + 2))
expect_eq "last seen" "$(sql case.ftl "SELECT last_seen FROM messages")" 1700007200000000000

# inside a disk image: one child item, two places in the image
mkdir -p img/root/Maildir/cur img/root/Maildir/new
cp -p "$a" img/root/Maildir/cur/
cp -p "$b" img/root/Maildir/new/
mke2fs -q -t ext4 -d img disk.img 4M > /dev/null
"$FTL" collect disk -c disk.ftl disk.img 2> disk.err
expect_eq "one child" "$(sql disk.ftl "SELECT count(*) FROM evidence WHERE kind = 'mailbox'")" 1
expect_eq "two places inside" "$(sql disk.ftl "SELECT count(*) FROM evidence_places WHERE parent_id = 1")" 2
expect_eq "one message in the image" "$(sql disk.ftl "SELECT count(*) FROM messages")" 1
expect_eq "both deliveries" "$(sql disk.ftl "SELECT group_concat(locator, ' ') FROM
    (SELECT locator FROM events WHERE ts_desc = 'Delivery Time' ORDER BY ts)")" \
    "cur/1700000000.M11P22.esg:2,S new/1700003600.M33P44.esg"
