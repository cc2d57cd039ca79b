# MIME read as readers read it: on mail broken the ways mailers break it
# (tests/fixtures/mkmimebad.py: base64 without its padding or with
# stray '=', footers and junk, quoted-printable tails, headers that run
# into the content at every level, mixed line ends) and on the real
# samples, every attachment ftl records ('ftl export csv --table
# attachments') has the name, size and SHA-256 Python's email package
# gives (tests/fixtures/mime_expect.py), none is missing or added; each
# defect gives one warning naming the file and the part, the lines read
# again as content are not warned about one by one, and no item is
# partial for a defect it read whole.
. "$(dirname "$0")/lib.sh"
python3 "$FIXTURES/mkmimebad.py" bad > cases.tsv
ls bad/* > files.txt
ls "$SAMPLES"/mime/* >> files.txt
"$FTL" collect mailbox -c case.ftl $(cat files.txt) 2> collect.err
for t in evidence messages attachments warnings; do
    "$FTL" export csv -c case.ftl --table $t -o $t.csv 2> /dev/null
done

# the attachments table, in mime_expect.py's form
python3 - evidence.csv messages.csv attachments.csv > got.tsv <<'PY'
import collections, csv, sys
def rows(f):
    with open(f, newline='', encoding='utf-8') as fh:
        return list(csv.DictReader(fh))
ev = {r['id']: r['path'] for r in rows(sys.argv[1])}
index, per = {}, collections.Counter()
for m in sorted(rows(sys.argv[2]), key=lambda r: int(r['id'])):
    index[m['id']] = per[m['evidence_id']]
    per[m['evidence_id']] += 1
for e, p in ev.items():
    print('%s\tmessages\t%d' % (p, per[e]))
for a in rows(sys.argv[3]):
    if a['is_member'] == '0':
        print('\t'.join([ev[a['evidence_id']], str(index[a['msg_id']]),
                         a['part_path'], a['filename'], a['sha256'] or '-',
                         a['size'] if a['sha256'] else '-']))
PY
python3 "$FIXTURES/mime_expect.py" $(cat files.txt) > want.tsv
same_lines want.tsv got.tsv
test "$(grep -c '^bad/' want.tsv)" -ge 40 || die "too few defect rows compared"

# one warning per defect, naming the part; none where none is due
w() {
    python3 - warnings.csv evidence.csv "$1" "$2" <<'PY'
import csv, sys
ev = {r['id']: r['path'] for r in csv.DictReader(open(sys.argv[2]))}
n = sum(1 for r in csv.DictReader(open(sys.argv[1]))
        if ev[r['evidence_id']] == 'bad/' + sys.argv[3] and
        (sys.argv[4] == '*' or sys.argv[4] in r['message']))
print(n)
PY
}
while IFS="$(printf '\t')" read -r file part warn; do
    if [ "$warn" = - ]; then
        expect_eq "$file: no warning" "$(w "$file" '*')" 0
    else
        expect_eq "$file: warning" "$(w "$file" "$warn")" 1
        test "$(w "$file" "part $part (")" -ge 1 ||
            test "$(w "$file" "part $part:")" -ge 1 ||
            test "$(w "$file" "attachment $part (")" -ge 1 ||
            die "$file: no warning names part $part"
    fi
done < cases.tsv
expect_grep "bad/noblank.eml:offset [0-9]*: message at offset 0, part 2 ('nb.pdf'): no blank line after its headers" collect.err
# the content lines GMime took for headers are not each a warning
expect_no_grep "invalid header line" collect.err
expect_eq "one warning for noblank" "$(w noblank.eml '*')" 1
# read whole: not partial (several.mbox holds three repaired messages)
expect_eq "none partial" "$(sqlite3 case.ftl "SELECT count(*) FROM evidence WHERE status <> 'complete' AND path LIKE 'bad/%'")" 0
# the note on the row says how it was read
expect_eq "note" "$(sqlite3 case.ftl "SELECT count(*) FROM attachments WHERE filename = 'nb.pdf' AND note LIKE 'no blank line after its headers: they end at offset %'")" 1

# a part of only lines that are no headers: nothing is read again (no
# header says where it begins), what GMime dropped is said
printf 'From: a@example.org\nSubject: x\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="B"\n\n--B\nContent-Type: text/plain\n\nhi\n--B\nno header\nnor this\n\nbody\n--B--\n' > junk.eml
"$FTL" collect mailbox -c junk.ftl junk.eml 2> junk.err
expect_grep "junk.eml:offset [0-9]*: message at offset 0: invalid header line 'no header' dropped" junk.err
expect_eq "junk warnings" "$(sqlite3 junk.ftl "SELECT count(*) FROM warnings")" 1
expect_eq "junk partial" "$(sqlite3 junk.ftl "SELECT status FROM evidence")" partial
