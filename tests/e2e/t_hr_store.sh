# A generated HR store (folders per employee, ID scans as PDF, CVs as DOCX
# and ODT, payslips, sick notes, shared documents, an HR-XML candidate)
# and its register: every document is attributed and categorised exactly
# as the generator intended (a document naming nobody to nobody), every
# time it wrote is in the timeline, and a zip or tar of the same store
# gives the same documents.
. "$(dirname "$0")/lib.sh"
check=$(dirname "$0")/hr_check.py
python3 "$FIXTURES/mkhrstore.py" gen > /dev/null
before=$(cd gen/store && find . -type f -printf '%P\0' | LC_ALL=C sort -z |
         xargs -0 sha256sum)
"$FTL" collect hr -c case.ftl --staff gen/register.csv gen/store 2> collect.err
expect_grep "gen/register.csv: 12 persons added" collect.err
expect_grep "52 documents read" collect.err
"$FTL" export csv -c case.ftl --table documents -o documents.csv 2>/dev/null
"$FTL" export csv -c case.ftl --table persons -o persons.csv 2>/dev/null
"$FTL" export csv -c case.ftl -o timeline.csv 2>/dev/null
python3 "$check" expected gen/expected.tsv documents.csv persons.csv > exp.out ||
    { cat exp.out; die "attribution or categories differ"; }
expect_grep "52 documents as intended" exp.out
python3 "$check" times gen/expected_times.tsv timeline.csv > times.out ||
    { cat times.out; die "times differ"; }
# the document that names nobody, and the one naming a surname only
expect_eq "nobody" "$(sql case.ftl "SELECT coalesce(person_ids, '') || '|' || coalesce(categories, '') || '|' || attribution FROM documents WHERE locator = 'shared/canteen_menu.odt'")" "||attributed to nobody. no data category"
expect_grep "surname alone, not attributed" documents.csv
expect_eq "surname only" "$(sql case.ftl "SELECT count(*) FROM document_persons dp JOIN documents d ON d.id = dp.doc_id WHERE d.locator = 'shared/note_Dupont.txt' AND dp.strength != 'surname'")" 0
# how each attribution was made, one row per finding
expect_eq "by employee no" "$(sql case.ftl "SELECT dp.strength || ' ' || dp.field || ' ' || dp.matched FROM document_persons dp JOIN documents d ON d.id = dp.doc_id WHERE d.locator = 'E1008/contactgegevens.txt' AND dp.field = 'path'")" "id path E1008"
expect_eq "by initials" "$(sql case.ftl "SELECT group_concat(matched, ',') FROM (SELECT dp.matched FROM document_persons dp JOIN documents d ON d.id = dp.doc_id WHERE d.locator = 'shared/org_chart.pdf' AND dp.strength = 'name' ORDER BY 1)")" "J. Müller,É. Lefèvre"
expect_eq "art9" "$(sql case.ftl "SELECT group_concat(locator, ' ') FROM (SELECT locator FROM documents WHERE art9 = 1 ORDER BY 1)")" "E1003_Lefevre_Elodie/arret_maladie_mars.odt E1004_Mueller_Juergen/Krankmeldung_2023.pdf shared/2019/union_dues_2019.xlsx"
expect_eq "category row" "$(sql case.ftl "SELECT dc.field || ' ' || dc.pattern || ' ' || dc.matched FROM document_categories dc JOIN documents d ON d.id = dc.doc_id WHERE d.locator = 'E1004_Mueller_Juergen/Krankmeldung_2023.pdf' AND dc.field = 'text'")" "text arbeitsunfähigkeit* arbeitsunfahigkeitsbescheinigung"
# events link to their document and, when it is about one person, to them
expect_eq "links" "$(sql case.ftl "SELECT count(*) >= 6, sum(e.person_id IS NOT 1) FROM events e JOIN documents d ON d.id = e.doc_id WHERE d.locator = 'E1001_Dupont_Jean/CV_Jean_Dupont.docx'")" "1|0"
expect_eq "several persons" "$(sql case.ftl "SELECT count(*), sum(e.person_id IS NULL) FROM events e JOIN documents d ON d.id = e.doc_id WHERE d.locator = 'shared/team_meeting_2023-03.docx' AND artifact = 'doc:meta'")" "2|2"
# the store's SHA-256: its sha256sum listing; the evidence note says so
want=$(printf '%s\n' "$before" | sha256sum | cut -d' ' -f1)
expect_eq "store sha256" "$(sql case.ftl "SELECT sha256 FROM evidence WHERE kind = 'hr'")" "$want"
expect_eq "note" "$(sql case.ftl "SELECT note LIKE 'directory of 52 files, % bytes; sha256 is that of its sha256sum listing%' FROM evidence WHERE kind = 'hr'")" 1
# again: nothing added
"$FTL" collect hr -c case.ftl gen/store 2> again.err
expect_grep "already in the case as evidence #2" again.err
expect_eq "documents once" "$(sql case.ftl "SELECT count(*) FROM documents")" 52
# the same store as a zip and as a .tar.gz: same documents, same findings
(cd gen && zip -qr ../store.zip store && tar czf ../store.tar.gz store)
for a in store.zip store.tar.gz; do
    "$FTL" collect hr -c "$a.ftl" --staff gen/register.csv "$a" 2> "$a.err"
    expect_grep "$a: 52 documents read" "$a.err"
    "$FTL" export csv -c "$a.ftl" --table documents -o "$a.docs.csv" 2>/dev/null
    "$FTL" export csv -c "$a.ftl" --table persons -o "$a.persons.csv" 2>/dev/null
    python3 "$check" expected gen/expected.tsv "$a.docs.csv" "$a.persons.csv" store/ > "$a.out" ||
        { cat "$a.out"; die "$a: attribution differs from the folder's"; }
    expect_eq "$a sha" "$(sql "$a.ftl" "SELECT sha256 FROM evidence WHERE kind = 'hr'")" "$(sha "$a")"
    expect_eq "$a hashes" "$(sql "$a.ftl" "SELECT group_concat(sha256) FROM (SELECT sha256 FROM documents ORDER BY sha256)")" "$(sql case.ftl "SELECT group_concat(sha256) FROM (SELECT sha256 FROM documents ORDER BY sha256)")"
done
# a store archive cut short: the members before the cut are kept (a
# .tar.gz this small would lose its only 64 KiB block: see Known limits)
(cd gen && tar cf ../store.tar store)
head -c $(($(wc -c < store.zip) * 2 / 3)) store.zip > cut.zip
head -c $(($(wc -c < store.tar) * 2 / 3)) store.tar > cut.tar
expect_rc 0 "$FTL" collect hr -c cut.ftl cut.zip cut.tar 2> cut.err
expect_grep "cut.zip: no end of central directory" cut.err
expect_grep "cut.zip: damaged archive after" cut.err
expect_grep "cut.tar: damaged archive after" cut.err
expect_eq "cut status" "$(sql cut.ftl "SELECT group_concat(status) FROM evidence")" "partial,partial"
test "$(sql cut.ftl "SELECT count(*) FROM documents")" -gt 30 ||
    die "documents before the cut were not kept"
expect_eq "zip path" "$(sql store.zip.ftl "SELECT path FROM documents WHERE locator = 'store/shared/canteen_menu.odt'")" "store.zip//store/shared/canteen_menu.odt"
# the register loaded in a run of its own gives the same attribution
"$FTL" collect staff -c two.ftl gen/register.csv 2>/dev/null
"$FTL" collect hr -c two.ftl gen/store 2>/dev/null
expect_eq "two runs" "$(sql two.ftl "SELECT group_concat(coalesce(person_ids, '-'), ' ') FROM documents")" "$(sql case.ftl "SELECT group_concat(coalesce(person_ids, '-'), ' ') FROM documents")"
# own rules replace the built-in ones; a bad rules file names its line
printf 'category,art9,field,pattern\nmenu,0,text,soup\n' > rules.csv
"$FTL" collect hr -c rules.ftl --rules rules.csv gen/store 2>/dev/null
expect_eq "own rules" "$(sql rules.ftl "SELECT group_concat(DISTINCT categories) FROM documents")" "menu"
# the evidence options name the rules and their SHA-256, as sha256sum says
expect_eq "own rules sha" "$(sql rules.ftl "SELECT options FROM evidence WHERE kind = 'hr'")" "tz=UTC rules=rules.csv rules_sha256=$(sha rules.csv) persons=0"
expect_eq "default rules sha" "$(sql case.ftl "SELECT options FROM evidence WHERE kind = 'hr'")" "tz=UTC rules=default rules_sha256=$(sha "$FIXTURES/../../data/rules/default.csv") persons=12"
printf 'category,art9,field,pattern\nmenu,0,body,soup\n' > bad_rules.csv
expect_rc 1 "$FTL" collect hr -c bad.ftl --rules bad_rules.csv gen/store 2> bad_rules.err
expect_grep "bad_rules.csv:2: field must be path, name, text or meta" bad_rules.err
# the store is unchanged
after=$(cd gen/store && find . -type f -printf '%P\0' | LC_ALL=C sort -z |
        xargs -0 sha256sum)
expect_eq "store unchanged" "$after" "$before"
