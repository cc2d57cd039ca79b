# The real documents of ../shared/samples/docs (DOCX with and without core
# properties, PPTX, ODT with zone-less fractional times, ODS written by
# Excel, PDFs, an HR-XML candidate): every time ftl records equals the one
# in the file, read independently with 'unzip -p' and 'pdfinfo -isodates'
# at test time; zone-less ODF times are read in --tz and flagged; the
# store's SHA-256 is that of its sha256sum listing; nothing is modified.
. "$(dirname "$0")/lib.sh"
docs=$SAMPLES/docs
check=$(dirname "$0")/hr_check.py
before=$(cd "$docs" && find . -type f -printf '%P\0' | LC_ALL=C sort -z |
         xargs -0 sha256sum)
"$FTL" collect hr -c case.ftl "$docs" 2> collect.err
# a folder has no size of its own: ftl info says so rather than "0 bytes"
"$FTL" info -c case.ftl > info.txt
expect_grep "complete, size unknown, collected" info.txt
expect_grep "9 documents read" collect.err
expect_grep "no persons in the case" collect.err
"$FTL" export csv -c case.ftl -o timeline.csv 2>/dev/null
python3 "$check" samples "$docs" timeline.csv > check.out ||
    { cat check.out; die "times differ from the files"; }
cat check.out
# 13 times: 2 + 3 + 0 (no core.xml) + 2 (pptx) + 2 + 2 (odf) + 1 + 1 (pdf)
expect_grep "13 times equal" check.out
expect_eq "no core props" "$(sql case.ftl "SELECT count(*) FROM events WHERE locator LIKE 'doc-no-coreprops.docx//%'")" 0
expect_eq "fs times still there" "$(sql case.ftl "SELECT count(*) > 0 FROM events WHERE locator = 'doc-no-coreprops.docx' AND artifact = 'doc:fs'")" 1
# raw text kept: the PDF date as written, the ODF fraction as written
expect_eq "pdf raw" "$(sql case.ftl "SELECT raw_time FROM events WHERE locator = 'pdfkit.pdf//Info'")" "D:20230913134006+02'00'"
expect_eq "odt raw" "$(sql case.ftl "SELECT raw_time || ' ' || tz || ' ' || flags FROM events WHERE locator = 'source.odt//meta.xml' AND ts_desc = 'Creation Time'")" "2022-04-03T19:29:38.552950244 UTC 8"
expect_eq "odt datetime" "$(grep 'source.odt//meta.xml' timeline.csv | grep 'Creation Time' | cut -d, -f2)" "2022-04-03T19:29:38.552950244Z"
# the documents table: types, authors, revision, times
expect_eq "types" "$(sql case.ftl "SELECT group_concat(type, ' ') FROM (SELECT type FROM documents ORDER BY locator)")" "pdf hr-xml docx docx docx ods pdf odt pptx"
expect_eq "pptx row" "$(sql case.ftl "SELECT title || '|' || author || '|' || last_modified_by || '|' || revision FROM documents WHERE locator = 'test.pptx'")" "Presentation|python-pptx|Steve Canny|4"
expect_eq "ods author" "$(sql case.ftl "SELECT author FROM documents WHERE locator = 'issues.ods'")" "Johann Tuffe (jtuffe010814)"
"$FTL" export csv -c case.ftl --table documents -o documents.csv 2>/dev/null
expect_eq "printed" "$(csv_col documents.csv printed | grep -v '^$')" "2014-12-13T22:02:42Z"
# with --tz, zone-less ODF times move, zoned ones do not
"$FTL" collect hr -c tz.ftl --tz Europe/Brussels "$docs" 2>/dev/null
"$FTL" export csv -c tz.ftl -o tz.csv 2>/dev/null
python3 "$check" samples "$docs" tz.csv --tz-hours 2 > tz.out ||
    { cat tz.out; die "times in Europe/Brussels differ"; }
expect_eq "tz on evidence" "$(sql tz.ftl "SELECT tz FROM evidence")" "Europe/Brussels"
expect_eq "tz on event" "$(sql tz.ftl "SELECT tz FROM events WHERE locator = 'source.odt//meta.xml' LIMIT 1")" "Europe/Brussels"
# the store's SHA-256 is that of its sha256sum listing in byte order
want=$(printf '%s\n' "$before" | sha256sum | cut -d' ' -f1)
expect_eq "store sha256" "$(sql case.ftl "SELECT sha256 FROM evidence")" "$want"
# each document keeps its own hashes
expect_eq "doc sha" "$(sql case.ftl "SELECT sha256 FROM documents WHERE locator = 'Document.docx'")" "$(sha "$docs/Document.docx")"
expect_eq "doc md5" "$(sql case.ftl "SELECT md5 FROM documents WHERE locator = 'Document.docx'")" "$(md5sum "$docs/Document.docx" | cut -d' ' -f1)"
# collecting again adds nothing; the samples are unchanged
"$FTL" collect hr -c case.ftl "$docs" 2> again.err
expect_grep "already in the case" again.err
after=$(cd "$docs" && find . -type f -printf '%P\0' | LC_ALL=C sort -z |
        xargs -0 sha256sum)
expect_eq "samples unchanged" "$after" "$before"
