# A hostile HR store: a truncated zip, a "billion laughs" XML bomb, an
# external entity (XXE) naming /etc/passwd, a remote DTD, a zip bomb, a
# PDF with a broken xref, a truncated PDF, a 0-byte file, a name with
# invalid UTF-8, a time past 2262, a symbolic link to /etc/passwd and a
# FIFO.  Each gives a warning with its path, nothing is read from outside
# the store (no line of /etc/passwd is anywhere in the case), and the
# rest is collected.
. "$(dirname "$0")/lib.sh"
python3 "$FIXTURES/mkhrbad.py" bad
python3 "$FIXTURES/mkhrstore.py" gen > /dev/null
expect_rc 0 timeout 120 "$FTL" collect hr -c case.ftl --staff gen/register.csv bad/store 2> collect.err
cat collect.err
expect_grep "12 documents read" collect.err
sql case.ftl "SELECT locator || ': ' || message FROM warnings" > warnings.txt
cat warnings.txt
expect_grep "^truncated.docx: no end of central directory" warnings.txt
expect_grep "^bomb_laughs.docx: docProps/core.xml: line 2: document type declaration refused" warnings.txt
expect_grep "^xxe_core.docx: docProps/core.xml: line 2: document type declaration refused" warnings.txt
expect_grep "^xxe_candidate.xml: XML: line 2: document type declaration refused" warnings.txt
expect_grep "^dtd_remote.odt: meta.xml: line 2: document type declaration refused" warnings.txt
expect_grep "^zip_bomb.docx: zip bomb cap: part 'word/document.xml' inflates past" warnings.txt
expect_grep "^broken_xref.pdf: startxref [0-9]* does not point at a cross-reference section" warnings.txt
expect_grep "^truncated.pdf: cannot read the PDF" warnings.txt
expect_grep "^empty.pdf: empty file (0 bytes)" warnings.txt
# the warning's locator is the name byte for byte: it joins with the
# document's (the front escapes it on the terminal)
expect_eq "invalid name warned" "$(sql case.ftl "SELECT hex(w.locator) FROM warnings w JOIN documents d ON d.evidence_id = w.evidence_id AND d.locator = w.locator WHERE w.message LIKE 'file name is not valid UTF-8%'")" "6E616D655FFFFE2E747874"
expect_eq "warnings join" "$(sql case.ftl "SELECT count(*) FROM warnings w WHERE w.evidence_id = 2 AND w.locator NOT IN (SELECT locator FROM documents)")" 2
expect_grep "^passwd_link: symbolic link to '/etc/passwd' not followed" warnings.txt
expect_grep "^pipe: not a regular file" warnings.txt
expect_grep "^year_3000.txt: a file system time is outside 1677..2262" warnings.txt
# on the terminal: the store's path, the file, the reason; escaped
expect_grep "bad/store:bomb_laughs.docx: docProps/core.xml: line 2" collect.err
expect_grep 'bad/store:name_\\xFF\\xFE.txt: file name is not valid UTF-8' collect.err
# nothing of /etc/passwd in the case, wherever it could hide
sqlite3 case.ftl .dump > dump.sql
while IFS= read -r line; do
    [ -n "$line" ] || continue
    grep -qF -- "$line" dump.sql && die "/etc/passwd line found in the case: $line"
done < /etc/passwd
! grep -aq 'root:x:0:0' case.ftl || die "/etc/passwd text in the case file"
# every regular file is a document, with its hashes; the rest collected
expect_eq "documents" "$(sql case.ftl "SELECT count(*) FROM documents")" 12
expect_eq "hashed" "$(sql case.ftl "SELECT count(*) FROM documents WHERE sha256 IS NOT NULL")" 12
expect_eq "zip bomb sha" "$(sql case.ftl "SELECT sha256 FROM documents WHERE locator = 'zip_bomb.docx'")" "$(sha bad/store/zip_bomb.docx)"
expect_eq "good" "$(sql case.ftl "SELECT person_ids || ' ' || type FROM documents WHERE locator = 'good.docx'")" "1 docx"
expect_eq "good times" "$(sql case.ftl "SELECT count(*) FROM events WHERE locator = 'good.docx//docProps/core.xml'")" 2
expect_eq "invalid name kept" "$(sql case.ftl "SELECT hex(locator) FROM documents WHERE person_ids = '1' AND type = 'text'")" "6E616D655FFFFE2E747874"
expect_eq "status" "$(sql case.ftl "SELECT status FROM evidence WHERE kind = 'hr'")" complete
# the broken-xref PDF is still read (poppler rebuilds the table)
expect_eq "broken xref read" "$(sql case.ftl "SELECT author FROM documents WHERE locator = 'broken_xref.pdf'")" "HR Department"
# a register with an external entity: refused, nothing read, exit 1
expect_rc 1 "$FTL" collect staff -c reg.ftl bad/register_xxe.xml 2> reg.err
expect_grep "bad/register_xxe.xml:line 2: document type declaration refused" reg.err
expect_eq "no person" "$(sql reg.ftl "SELECT count(*) FROM persons")" 0
expect_eq "failed" "$(sql reg.ftl "SELECT status FROM evidence")" failed
# a missing store is named, and the other store of the run still goes in
expect_rc 1 "$FTL" collect hr -c two.ftl nosuch gen/store 2> two.err
expect_grep "cannot open 'nosuch'" two.err
expect_grep "1 evidence item added" two.err
