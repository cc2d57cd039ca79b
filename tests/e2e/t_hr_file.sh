# Stores given as one file: a single document (read and hashed once;
# its SHA-256 is the evidence's), a compressed one, an unreadable one
# (recorded as failed), an archive whose members repeat a path (each is
# kept under its own locator, the store is not refused); no access time
# of any store changes.
. "$(dirname "$0")/lib.sh"
# 1002 members named a.txt, one literally named "a.txt #3", then a.txt
# again: every member is a document with a locator of its own
python3 - <<'PY'
import io, tarfile
with tarfile.open('same.tar', 'w') as t:
    names = ['a.txt'] * 1002 + ['a.txt #3', 'a.txt']
    for i, name in enumerate(names):
        data = ('member %d\n' % (i + 1)).encode()
        ti = tarfile.TarInfo(name)
        ti.size = len(data)
        ti.mtime = 1600000000
        t.addfile(ti, io.BytesIO(data))
PY
expect_rc 0 "$FTL" collect hr -c same.ftl same.tar 2> same.err
expect_grep "same.tar: 1004 documents read" same.err
expect_eq "documents" "$(sql same.ftl "SELECT count(*), count(DISTINCT locator) FROM documents")" "1004|1004"
expect_eq "numbered" "$(sql same.ftl "SELECT group_concat(locator, '|') FROM (SELECT locator FROM documents WHERE id IN (1, 2, 3, 1002, 1003, 1004) ORDER BY id)")" "a.txt|a.txt #2|a.txt #3|a.txt #1002|a.txt #3 #1003|a.txt #1004"
expect_eq "told" "$(sql same.ftl "SELECT message FROM warnings WHERE locator = 'a.txt #2'")" "member 2 has the same path as an earlier member: its number is added to its locator"
expect_eq "warnings join" "$(sql same.ftl "SELECT count(*) FROM warnings w JOIN documents d ON d.locator = w.locator")" 1003
expect_eq "status" "$(sql same.ftl "SELECT status FROM evidence")" complete
# a tar member's time of whole seconds claims no fraction
expect_eq "tar time" "$(sql same.ftl "SELECT DISTINCT prec || ' ' || raw_time FROM events")" "0 1600000000.000000000"
"$FTL" export csv -c same.ftl -o same.csv 2>/dev/null
expect_eq "tar time shown" "$(grep -c '2020-09-13T12:26:40Z' same.csv)" 1004
# one document: a document row whose SHA-256 is the evidence's
printf 'employee_no,first_name,last_name\nE1001,Jean,Dupont\n' > reg.csv
printf 'Curriculum vitae of Jean Dupont\n' > cv.txt
expect_rc 0 "$FTL" collect hr -c one.ftl --staff reg.csv cv.txt 2> one.err
expect_grep "cv.txt: 1 document read" one.err
expect_eq "one doc" "$(sql one.ftl "SELECT path || '|' || locator || '|' || type || '|' || person_ids || '|' || categories FROM documents")" "cv.txt|cv.txt|text|1|cv"
expect_eq "one sha" "$(sql one.ftl "SELECT e.sha256 = d.sha256 AND d.sha256 = '$(sha cv.txt)' FROM evidence e JOIN documents d ON d.evidence_id = e.id")" 1
expect_eq "one status" "$(sql one.ftl "SELECT status FROM evidence WHERE kind = 'hr'")" complete
expect_eq "fs times" "$(sql one.ftl "SELECT DISTINCT prec FROM events")" 9
"$FTL" collect hr -c one.ftl cv.txt 2> again.err
expect_grep "already in the case as evidence #2" again.err
# one compressed document: read through, named without .gz
gzip -k cv.txt
expect_rc 0 "$FTL" collect hr -c gz.ftl --staff reg.csv cv.txt.gz 2> gz.err
expect_grep "cv.txt.gz: 1 document read" gz.err
expect_eq "gz doc" "$(sql gz.ftl "SELECT path || '|' || locator || '|' || size || '|' || person_ids || '|' || categories FROM documents")" "cv.txt.gz//cv.txt|cv.txt|32|1|cv"
expect_eq "gz sha" "$(sql gz.ftl "SELECT sha256 FROM evidence WHERE kind = 'hr'")" "$(sha cv.txt.gz)"
expect_eq "gz doc sha" "$(sql gz.ftl "SELECT sha256 FROM documents")" "$(sha cv.txt)"
# a compressed document past the 64 MiB read whole: its size is every
# byte of it, not what was kept
yes 'Curriculum vitae of Jean Dupont' | head -c 70000000 | gzip -1 > big.gz
expect_rc 0 "$FTL" collect hr -c big.ftl big.gz 2> big.err
expect_eq "big size" "$(sql big.ftl "SELECT size || '|' || sha256 FROM documents")" "70000000|$(yes 'Curriculum vitae of Jean Dupont' | head -c 70000000 | sha256sum | cut -d' ' -f1)"
# zeros read as an empty tar: said, not silently nothing
head -c 100000 /dev/zero | gzip > zeros.gz
"$FTL" collect hr -c zeros.ftl zeros.gz 2> zeros.err
expect_grep "zeros.gz: no member: an empty tar archive" zeros.err
# one document that cannot be read (reading /proc/self/mem at offset 0
# fails with EIO): on record as failed, exit 1
expect_rc 1 "$FTL" collect hr -c mem.ftl /proc/self/mem 2> mem.err
expect_grep "cannot read: Input/output error" mem.err
expect_eq "failed" "$(sql mem.ftl "SELECT status || '|' || coalesce(sha256, '-') FROM evidence")" "failed|-"
expect_eq "unread doc" "$(sql mem.ftl "SELECT type || '|' || coalesce(sha256, '-') FROM documents")" "unread|-"
# access times: a folder (its files and folders too), a zip, a tar, one
# document, one .gz
mkdir -p at/store
printf 'Fiche de paie Jean Dupont\n' > at/store/pay.txt
(cd at && zip -qr ../at.zip store && tar cf ../at.tar store)
cp at/store/pay.txt at.txt
gzip -c at.txt > at.txt.gz
old='2001-02-03 04:05:06'
mkdir at/store/sub
touch -a -d "$old" at/store/pay.txt at/store/sub at/store at.zip at.tar at.txt \
    at.txt.gz
want=$(date -d "$old" +%s)
"$FTL" collect hr -c at.ftl at/store at.zip at.tar at.txt at.txt.gz 2> at.err
expect_grep "5 evidence items added" at.err
for f in at/store/pay.txt at/store/sub at/store at.zip at.tar at.txt \
         at.txt.gz; do
    expect_eq "atime of $f" "$(stat -c %X "$f")" "$want"
done
# a document in many categories: the categories column is never cut
{
    echo category,art9,field,pattern
    for i in $(seq 10 39); do
        echo "category_with_a_rather_long_name_$i,0,text,soup"
    done
} > many.csv
printf 'soup of the day\n' > soup.txt
"$FTL" collect hr -c many.ftl --rules many.csv soup.txt 2>/dev/null
want=$(seq 10 39 | sed 's/^/category_with_a_rather_long_name_/' | paste -sd';')
expect_eq "all categories" "$(sql many.ftl "SELECT categories FROM documents" | tr ';' '\n' | sort | paste -sd';')" "$want"
# an e-mail address identifies a person where it is written, and only
# there: not where its words happen to follow each other
printf 'employee_no,first_name,last_name,email\nE1001,Jean,Dupont,jean.dupont@acme.com\n' > mail.csv
mkdir -p mail
printf 'Please write to Jean.Dupont@ACME.com\n' > mail/address.txt
printf 'Jean Dupont (ACME) com-\nmittee minutes\n' > mail/words.txt
"$FTL" collect hr -c mail.ftl --staff mail.csv mail 2>/dev/null
expect_eq "by address" "$(sql mail.ftl "SELECT group_concat(dp.strength || ' ' || dp.matched, ',') FROM document_persons dp JOIN documents d ON d.id = dp.doc_id WHERE d.locator = 'address.txt' AND dp.field = 'text'")" "id jean.dupont@acme.com"
expect_eq "not by words" "$(sql mail.ftl "SELECT group_concat(dp.strength || ' ' || dp.matched, ',') FROM document_persons dp JOIN documents d ON d.id = dp.doc_id WHERE d.locator = 'words.txt' AND dp.field = 'text'")" "name Jean Dupont"
