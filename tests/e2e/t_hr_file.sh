# Stores given as one file: an archive whose members repeat a path (each
# is kept under its own locator, the store is not refused).
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
