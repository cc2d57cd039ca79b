# 'ftl merge': the model case collected in one go (A) equals the same
# evidence collected by three examiners into three cases (B1: the
# gateway's disk image; B2: the exported gateway log, mx1's log and the
# register; B3: the exported log again, the journal, the register and
# the HR store) merged into M, once both are analysed alike: the same
# evidence, places, events, files, messages, persons, document links
# and exposures, compared without ids.  The sources are left as they
# were (SHA-256), every audit row of theirs is in M with the merge's
# own, merging again adds nothing, a merge after an analysis empties it
# and says so.  A conflict (the same log read with another --tz) is
# reported, not merged, exit 1, the rest merged; a source of another
# schema or not a case is refused by name, the others still merged.
. "$(dirname "$0")/lib.sh"

python3 "$FIXTURES/mkcase.py" mc --skew 37 > mc.out
E=mc/evidence
tz="--tz Europe/Brussels"
# shellcheck disable=SC2086 # $tz is two words
{
    "$FTL" collect disk -q -c A.ftl --hash $tz $E/esg.img
    "$FTL" collect maillog -q -c A.ftl $tz $E/esg-export/maillog* \
        $E/mx1-log/maillog*
    "$FTL" collect mailbox -q -c A.ftl $E/journal.mbox
    "$FTL" collect staff -q -c A.ftl $E/hr/register.csv
    "$FTL" collect hr -q -c A.ftl $E/hr/store

    "$FTL" collect disk -q -c B1.ftl --hash $tz $E/esg.img
    "$FTL" collect maillog -q -c B2.ftl $tz $E/esg-export/maillog* \
        $E/mx1-log/maillog*
    "$FTL" collect staff -q -c B2.ftl $E/hr/register.csv
    "$FTL" collect maillog -q -c B3.ftl $tz $E/esg-export/maillog
    "$FTL" collect mailbox -q -c B3.ftl $E/journal.mbox
    "$FTL" collect staff -q -c B3.ftl $E/hr/register.csv
    "$FTL" collect hr -q -c B3.ftl $E/hr/store
}
sha256sum B1.ftl B2.ftl B3.ftl > sources.sha
expect_rc 0 "$FTL" merge -c M.ftl B1.ftl B2.ftl B3.ftl 2> merge.err
cat merge.err
sha256sum -c --quiet sources.sha || die "a source case changed"
expect_grep "created case 'M.ftl'" merge.err
expect_grep "run 'ftl analyze'" merge.err

# the evidence: as many items, the exported log one item with its place
# in the image and its own
for q in "SELECT count(*) FROM evidence" \
         "SELECT count(*) FROM evidence_places"; do
    expect_eq "$q" "$(sql M.ftl "$q")" "$(sql A.ftl "$q")"
done
q="SELECT count(*) FROM evidence_places p JOIN evidence e"
q="$q ON e.id = p.evidence_id WHERE p.parent_id = 0"
q="$q AND p.path = '$E/esg-export/maillog' AND e.parent_id != 0"
expect_eq "the exported log's place outside the image" "$(sql M.ftl "$q")" 1
q="SELECT count(*) FROM evidence_places p JOIN evidence e"
q="$q ON e.id = p.evidence_id WHERE e.id = (SELECT evidence_id FROM"
q="$q evidence_places WHERE path = '$E/esg-export/maillog'"
q="$q AND parent_id = 0)"
expect_eq "places of the exported log" "$(sql M.ftl "$q")" 2

# the audit: B1's, B2's and B3's rows, each once and named, and the merge
n=$(($(sql B1.ftl "SELECT count(*) FROM audit") +
     $(sql B2.ftl "SELECT count(*) FROM audit") +
     $(sql B3.ftl "SELECT count(*) FROM audit") + 1))
expect_eq "audit rows of M" "$(sql M.ftl "SELECT count(*) FROM audit")" $n
for b in B1 B2 B3; do
    expect_eq "audit rows from $b" "$(sql M.ftl "SELECT count(*) FROM audit
        WHERE note LIKE 'merged from $b.ftl (its audit #%'")" \
        "$(sql $b.ftl "SELECT count(*) FROM audit")"
done
sql M.ftl "SELECT note FROM audit WHERE command = 'merge'" > merge.note
for b in B1 B2 B3; do
    expect_grep "source '$b.ftl' sha256 $(sha $b.ftl): merged" merge.note
done

contained=$(python3 -c "import json; print(json.load(open(
    'mc/truth/facts.json'))['case']['containment'])")
for c in A M; do
    expect_rc 0 "$FTL" analyze -q -c $c.ftl --contained "$contained"
done
[ "$(sql M.ftl "SELECT count(*) FROM exposures")" -gt 0 ] ||
    die "no exposures in the merged case"

# every table that matters, without ids: natural keys instead
dump() {
    sql "$1" "SELECT e.ts, e.prec, e.ts_desc, e.source, e.artifact,
        v.kind, v.path, v.inner_path, e.locator, e.message, e.raw_time,
        e.tz, e.flags, f.locator, g.locator, d.locator, p.employee_no
        FROM events e JOIN evidence v ON v.id = e.evidence_id
        LEFT JOIN files f ON f.id = e.file_id
        LEFT JOIN messages g ON g.id = e.msg_id
        LEFT JOIN documents d ON d.id = e.doc_id
        LEFT JOIN persons p ON p.person_id = e.person_id" > "$2.events"
    sql "$1" "SELECT v.path, f.path, f.inode, f.size, f.mtime, f.atime,
        f.ctime, f.crtime, f.deleted, f.sha256, f.locator FROM files f
        JOIN evidence v ON v.id = f.evidence_id" > "$2.files"
    sql "$1" "SELECT v.path, m.origin, m.queue_id, m.gateway_id,
        m.message_id, m.sender, m.recipients, m.subject, m.status,
        m.first_seen, m.last_seen, m.host, m.locator FROM messages m
        JOIN evidence v ON v.id = m.evidence_id" > "$2.messages"
    sql "$1" "SELECT v.path, a.filename, a.sha256, a.locator, g.locator
        FROM attachments a JOIN evidence v ON v.id = a.evidence_id
        LEFT JOIN messages g ON g.id = a.msg_id" > "$2.attachments"
    sql "$1" "SELECT p.employee_no, p.name, p.emails, v.sha256,
        (SELECT count(*) FROM person_aliases a
         WHERE a.person_id = p.person_id)
        FROM persons p JOIN evidence v ON v.id = p.evidence_id" \
        > "$2.persons"
    sql "$1" "SELECT d.path, d.sha256, d.categories, d.art9, p.employee_no,
        x.strength, x.field FROM documents d
        LEFT JOIN document_persons x ON x.doc_id = d.id
        LEFT JOIN persons p ON p.person_id = x.person_id" > "$2.documents"
    sql "$1" "SELECT v.kind, v.path, v.inner_path, v.sha256, v.status,
        v.given, v.n_events, (SELECT group_concat(p.path || '//' ||
        p.inner_path, ' ') FROM evidence_places p
        WHERE p.evidence_id = v.id) FROM evidence v" > "$2.evidence"
    sql "$1" "SELECT employee_no, name, category, art9, channel,
        confidence, strength, first_exposed, last_exposed, items,
        corrected FROM exposures" > "$2.exposures"
    sql "$1" "SELECT * FROM exposure_figures" > "$2.figures"
    sql "$1" "SELECT host_a, host_b, offset_seconds, pairs, method
        FROM clock_offsets" > "$2.clocks"
    sql "$1" "SELECT bound, ts, origin FROM analysis_window" > "$2.window"
}
dump A.ftl a
dump M.ftl m
for t in events files messages attachments persons documents evidence \
         exposures figures clocks window; do
    [ -s a.$t ] || [ $t = attachments ] || die "nothing to compare in $t"
    same_lines a.$t m.$t
done

# merging again adds nothing (and keeps the analysis)
expect_rc 0 "$FTL" merge -c M.ftl B2.ftl 2> again.err
expect_grep "0 evidence items added" again.err
expect_grep "0 audit rows kept" again.err
expect_eq "audit after merging again (its own row and the analysis's)" \
    "$(sql M.ftl "SELECT count(*) FROM audit")" $((n + 2))
same_lines a.evidence m.evidence

# a merge that adds evidence empties the analysis and says so
cp $E/journal.mbox other.mbox
printf 'From x@example.org Mon Jan  2 10:00:00 2023\nSubject: new\n\nx\n' \
    >> other.mbox
"$FTL" collect mailbox -q -c C.ftl other.mbox
expect_rc 0 "$FTL" merge -c M.ftl C.ftl 2> drop.err
expect_grep "the analysis of 'M.ftl' was emptied" drop.err
expect_eq "exposures after the merge" \
    "$(sql M.ftl "SELECT count(*) FROM exposures")" 0

# a conflict: the same log read with another zone; the rest merged
# shellcheck disable=SC2086
"$FTL" collect maillog -q -c X1.ftl $tz $E/mx1-log/maillog
"$FTL" collect maillog -q -c X2.ftl --tz UTC $E/mx1-log/maillog \
    $E/esg-export/maillog
sha256sum X1.ftl X2.ftl > x.sha
expect_rc 1 "$FTL" merge -c X.ftl X1.ftl X2.ftl 2> conflict.err
sha256sum -c --quiet x.sha || die "a source case changed"
expect_grep "conflict: 'X2.ftl' evidence #1 (maillog '$E/mx1-log/maillog'" \
    conflict.err
expect_grep "read with '--tz=Europe/Brussels', in the source with \
'--tz=UTC': not merged" conflict.err
expect_eq "evidence of X" "$(sql X.ftl "SELECT count(*) FROM evidence")" 2
expect_eq "events of the conflicting log: X1's only" \
    "$(sql X.ftl "SELECT count(*) FROM events e JOIN evidence v
                  ON v.id = e.evidence_id WHERE v.path LIKE '%mx1-log%'")" \
    "$(sql X1.ftl "SELECT count(*) FROM events")"
expect_eq "exit status in the audit" \
    "$(sql X.ftl "SELECT exit_status FROM audit WHERE command = 'merge'")" 1

# sources refused by name, the others merged
cp B1.ftl old.ftl
sqlite3 old.ftl "PRAGMA user_version = 3"
echo "not a case" > notacase.ftl
expect_rc 1 "$FTL" merge -c Y.ftl old.ftl notacase.ftl B3.ftl 2> bad.err
expect_grep "'old.ftl' has case schema 3; ftl merges cases of schema" bad.err
expect_grep "notacase.ftl" bad.err
expect_grep "B3.ftl: 4 evidence items added" bad.err
expect_rc 1 "$FTL" merge -c Y.ftl Y.ftl 2> self.err
expect_grep "'Y.ftl' is the target case itself" self.err
expect_rc 2 "$FTL" merge -c Y.ftl

# persons named by id in a document (person_ids) are the target's after
# the merge: a target that has other persons first numbers them otherwise
{
    echo employee_no,first_name,last_name,email
    echo Z9001,Other,Person,o@x.example
    echo Z9002,Second,Other,s@x.example
} > other.csv
"$FTL" collect staff -q -c T.ftl other.csv
expect_rc 0 "$FTL" merge -q -c T.ftl B3.ftl
ids_of() {
    sql "$1" "SELECT d.path, (SELECT group_concat(employee_no, ' ') FROM
        (SELECT p.employee_no FROM persons p WHERE ';' || d.person_ids ||
         ';' LIKE '%;' || p.person_id || ';%' ORDER BY p.employee_no))
        FROM documents d WHERE ifnull(d.person_ids, '') != ''" > "$2"
}
ids_of B3.ftl b3.ids
ids_of T.ftl t.ids
[ -s b3.ids ] || die "no document names a person"
same_lines b3.ids t.ids
expect_eq "persons of T" "$(sql T.ftl "SELECT count(*) FROM persons")" \
    $(($(sql B3.ftl "SELECT count(*) FROM persons") + 2))
