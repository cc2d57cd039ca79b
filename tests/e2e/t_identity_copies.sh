# Evidence is its content: the gateway log read from inside the appliance
# image and the same log exported beside it (under another name) are one
# evidence item with two places, whichever is collected first; nothing is
# doubled (events, messages); 'ftl info' and the evidence_places table
# show every place.  An HR document that is also a mail attachment stays
# two things, a document and an attachment, linked by their SHA-256.
. "$(dirname "$0")/lib.sh"
sh "$FIXTURES/mkappliance.sh" app.ext4 tree >/dev/null
cp tree/mail/log/maillog gateway-export.log
touch -d 2023-05-18T10:00:04Z gateway-export.log
log_sha=$(sha gateway-export.log)
nlines=$(grep -c . gateway-export.log)

ev_of() { sql "$1" "SELECT id FROM evidence WHERE kind = 'maillog' AND sha256 = '$log_sha' AND superseded_by = 0"; }

# --- the image first, then the copy ---------------------------------------
"$FTL" collect disk -c a.ftl app.ext4 2>/dev/null
n_ev=$(sql a.ftl "SELECT count(*) FROM events")
n_msg=$(sql a.ftl "SELECT count(*) FROM messages")
id=$(ev_of a.ftl)
expect_rc 0 "$FTL" collect maillog -c a.ftl gateway-export.log 2> copy.err
expect_grep "gateway-export.log: already in the case as evidence #$id (sha256 $log_sha, first found at app.ext4//mail/log/maillog): this place recorded, nothing else added" copy.err
expect_grep "1 new place of evidence already in the case" copy.err
expect_eq "no event doubled" "$(sql a.ftl "SELECT count(*) FROM events")" "$n_ev"
expect_eq "no message doubled" "$(sql a.ftl "SELECT count(*) FROM messages")" "$n_msg"
expect_eq "one evidence item" "$(sql a.ftl "SELECT count(*) FROM evidence WHERE sha256 = '$log_sha'")" 1
expect_eq "its lines once" "$(sql a.ftl "SELECT count(*) FROM events WHERE evidence_id = $id")" "$nlines"
# both places, with what each place says (size, time, the command)
expect_eq "places" "$(sql a.ftl "SELECT group_concat(path || '|' || inner_path || '|' || parent_id || '|' || size, ' ') FROM
    (SELECT * FROM evidence_places WHERE evidence_id = $id ORDER BY id)")" \
    "app.ext4|mail/log/maillog|1|$(stat -c %s gateway-export.log) gateway-export.log||0|$(stat -c %s gateway-export.log)"
expect_eq "its real path" "$(sql a.ftl "SELECT real_path FROM evidence_places WHERE evidence_id = $id AND parent_id = 0")" \
    "$(readlink -f gateway-export.log)"
expect_eq "its time" "$(sql a.ftl "SELECT mtime FROM evidence_places WHERE evidence_id = $id AND parent_id = 0")" \
    1684404004000000000
expect_eq "its command" "$(sql a.ftl "SELECT audit_id FROM evidence_places WHERE evidence_id = $id AND parent_id = 0")" \
    "$(sql a.ftl "SELECT max(id) FROM audit")"
"$FTL" info -c a.ftl > a.info
expect_grep "#$id maillog app.ext4//mail/log/maillog (inside #1)" a.info
expect_grep "also at gateway-export.log$" a.info
"$FTL" export csv -c a.ftl --table evidence_places -o places.csv 2>/dev/null
expect_grep "gateway-export.log" places.csv
# the same copy again, and by another path to the same file: nothing new
expect_rc 0 "$FTL" collect maillog -c a.ftl ./gateway-export.log 2> again.err
expect_grep "already in the case as evidence #$id (sha256 $log_sha): nothing added" again.err
expect_no_grep "new place" again.err
expect_eq "places once" "$(sql a.ftl "SELECT count(*) FROM evidence_places WHERE evidence_id = $id")" 2
# another name in another folder is another place
mkdir other && cp gateway-export.log other/maillog-esg01
"$FTL" collect maillog -c a.ftl other/maillog-esg01 2> other.err
expect_grep "this place recorded" other.err
expect_eq "three places" "$(sql a.ftl "SELECT count(*) FROM evidence_places WHERE evidence_id = $id")" 3
expect_eq "still no event doubled" "$(sql a.ftl "SELECT count(*) FROM events")" "$n_ev"

# --- the copy first, then the image ----------------------------------------
"$FTL" collect maillog -c b.ftl gateway-export.log 2>/dev/null
"$FTL" collect disk -c b.ftl app.ext4 2> b.err
id=$(ev_of b.ftl)
expect_eq "the copy holds it" "$id" 1
expect_eq "the image's log is a place of it" "$(sql b.ftl "SELECT count(*) FROM evidence_places
    WHERE evidence_id = 1 AND parent_id = 2 AND inner_path = 'mail/log/maillog'")" 1
expect_eq "no child row of its own" "$(sql b.ftl "SELECT count(*) FROM evidence WHERE inner_path = 'mail/log/maillog'")" 0
expect_eq "same events as the other order" "$(sql b.ftl "SELECT count(*) FROM events")" "$n_ev"
expect_eq "same messages" "$(sql b.ftl "SELECT count(*) FROM messages")" "$n_msg"
"$FTL" info -c b.ftl > b.info
expect_grep "also at app.ext4//mail/log/maillog (inside #2)" b.info
# the report's evidence table names the other place too, linked to the image
"$FTL" export html -c b.ftl -o b.html 2>/dev/null
expect_grep 'also at <a href="#evidence-2">#2</a> <span class="mono">mail/log/maillog</span>' b.html
# the image's children and both orders agree on what they hold
q="SELECT kind || ' ' || sha256 || ' ' || n_events FROM evidence WHERE kind != 'disk' ORDER BY sha256"
expect_eq "same items" "$(sql b.ftl "$q")" "$(sql a.ftl "$q")"

# --- a document that is also an attachment: two things, one hash -----------
mkdir store
printf 'Curriculum vitae of Jean Dupont\n' > store/cv_dupont.txt
cv_sha=$(sha store/cv_dupont.txt)
b64=$(base64 -w 76 store/cv_dupont.txt)
cat > cv.eml <<EOF
From: hr@example.org
To: staff@example.eu
Subject: CV
Message-ID: <cv1@example.org>
Date: Thu, 18 May 2023 10:00:00 +0000
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="b"

--b
Content-Type: text/plain

see attachment
--b
Content-Type: text/plain; name="cv_dupont.txt"
Content-Disposition: attachment; filename="cv_dupont.txt"
Content-Transfer-Encoding: base64

$b64
--b--
EOF
"$FTL" collect hr -c c.ftl store 2>/dev/null
"$FTL" collect mailbox -c c.ftl cv.eml 2>/dev/null
expect_eq "a document" "$(sql c.ftl "SELECT count(*) FROM documents WHERE sha256 = '$cv_sha'")" 1
expect_eq "an attachment" "$(sql c.ftl "SELECT count(*) FROM attachments WHERE sha256 = '$cv_sha'")" 1
expect_eq "linked by hash" "$(sql c.ftl "SELECT count(*) FROM documents d JOIN attachments a ON a.sha256 = d.sha256")" 1
expect_eq "two evidence items" "$(sql c.ftl "SELECT group_concat(kind, ' ') FROM (SELECT kind FROM evidence ORDER BY id)")" "hr mailbox"
