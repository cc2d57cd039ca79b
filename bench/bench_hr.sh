#!/bin/sh
# bench/bench_hr.sh - ftl collect hr against exiftool over the same store
#
# Generates an HR store of 10,000 documents (DOCX, ODT and PDF in equal
# parts, 500 employee folders, with tests/fixtures/mkhrstore.py), then
# measures in one run:
#   - exiftool -r -json STORE (Debian's libimage-exiftool-perl: the tool
#     an examiner would otherwise use to read this metadata);
#   - ftl collect hr into a case that already holds the register (copied
#     fresh before each run), which reads the same metadata and also
#     hashes every file, extracts the text and attributes each document.
# Requirements (issue 6): ftl at most 1/5 of exiftool's wall time; peak
# RSS under 150 MiB.
#
# Then the matching alone at scale: one 2 MiB text document naming
# persons of a 20,000-person register, once with registers whose persons
# share ten given names (every "Jean ..." alias, "J. ..." initial and
# "jean...@" address starts alike) and once with unique given names.  A
# matcher that buckets aliases by their first word costs several times
# more on the first; the requirement is at most 1.5 times.  Runs in
# bench/work/hr/.
. "$(dirname "$0")/lib.sh"
top=$(cd "$(dirname "$0")/.." && pwd)
FTL=${FTL:-$top/ftl}
N=10000

if [ ! -f store.done ] || [ "$(cat store.done)" != "$N" ]; then
    rm -rf store register.csv register.xml expected*.tsv
    python3 "$top/tests/fixtures/mkhrstore.py" . --bench "$N" >&2
    echo "$N" > store.done
fi
docs=$(find store -type f | wc -l)
rm -f reg.ftl
"$FTL" collect staff -q -c reg.ftl register.csv 2>/dev/null

measure exif 1 "exiftool -r -json store > exif.json"
measure ftl 3 "cp reg.ftl case.ftl && $FTL collect hr -q -c case.ftl store"
rm -f case.ftl
"$FTL" collect hr -q -c case.ftl store 2>/dev/null || true
ndocs=$(sqlite3 case.ftl "SELECT count(*) FROM documents")
nev=$(sqlite3 case.ftl "SELECT count(*) FROM events")
nexif=$(grep -c '"SourceFile"' exif.json)
npers=$(sqlite3 reg.ftl "SELECT count(*) FROM persons")

# ---- the matching at scale -------------------------------------------
if [ ! -f names.done ]; then
    rm -rf names reg_shared.csv reg_unique.csv
    python3 - <<'PY'
import os, random
random.seed(6)
syl = ['ba', 'do', 'ri', 'ma', 'lu', 've', 'ka', 'ni', 'so', 'te', 'pa',
       'gu', 'le', 'mi', 'zo', 'fa']
given = ['Jean', 'Marie', 'Pierre', 'Anne', 'Luc', 'Sophie', 'Paul',
         'Julie', 'Marc', 'Claire']
def word(i):
    w = ''
    for _ in range(3):
        w += syl[i % 16]
        i //= 16
    return w.capitalize()
people = {}
for kind in ('shared', 'unique'):
    rows = []
    for i in range(20000):
        first = given[i % 10] if kind == 'shared' else word(i) + 'o' + word(i // 7)
        last = word(i * 7 + 3) + str(i)
        rows.append((first, last))
    people[kind] = rows
    with open('reg_%s.csv' % kind, 'w') as f:
        f.write('employee_no,first_name,last_name,email\n')
        for i, (first, last) in enumerate(rows):
            f.write('E%05d,%s,%s,%s.%s@agency.example\n'
                    % (i, first, last, first.lower(), last.lower()))
os.makedirs('names', exist_ok=True)
out, size = [], 0
while size < 2 << 20:
    i = random.randrange(20000)
    first, last = people['shared'][i]
    line = random.choice(['%s %s' % (first, last), '%s. %s' % (first[0], last),
                          'mail %s.%s@agency.example' % (first.lower(),
                                                         last.lower()),
                          'the %s meeting of %s' % (first, word(i))])
    out.append(line)
    size += len(line) + 1
with open('names/names.txt', 'w') as f:
    f.write('\n'.join(out) + '\n')
PY
    touch names.done
fi
for k in shared unique; do
    rm -f "reg_$k.ftl"
    "$FTL" collect staff -q -c "reg_$k.ftl" "reg_$k.csv" 2>/dev/null
done
measure shared 3 "cp reg_shared.ftl names.ftl && $FTL collect hr -q -c names.ftl names"
measure unique 3 "cp reg_unique.ftl names.ftl && $FTL collect hr -q -c names.ftl names"
rm -f names.ftl
nnames=$(awk '{ n++ } END { print n }' names/names.txt)
rn=$(ratio "$shared_s" "$unique_s")
scale=$(verdict "$(le "$rn" 1.5 && echo 1 || echo 0)")

r=$(ratio "$ftl_s" "$exif_s")
mib=$(awk -v k="$ftl_kb" 'BEGIN { printf "%.1f", k / 1024 }')
exif_mib=$(awk -v k="$exif_kb" 'BEGIN { printf "%.1f", k / 1024 }')
speed=$(verdict "$(le "$r" 0.20 && echo 1 || echo 0)")
mem=$(verdict "$(le "$mib" 150 && echo 1 || echo 0)")
cat <<END
## ftl collect hr (an HR document store of $docs documents)

Store made by \`tests/fixtures/mkhrstore.py . --bench $N\` (DOCX, ODT
and PDF in equal parts, $npers employees).  Commands, measured in the
same run:

    exiftool -r -json store > exif.json
    cp reg.ftl case.ftl && ftl collect hr -q -c case.ftl store

\`reg.ftl\` holds the personnel register (\`ftl collect staff\`).  ftl
also hashes every file (MD5, SHA-256), extracts the text, attributes each
document to persons and categories, and writes the case.

| | wall s | peak RSS MiB | documents |
| --- | ---: | ---: | ---: |
| exiftool -r -json | $exif_s | $exif_mib | $nexif |
| ftl collect hr | $ftl_s | $mib | $ndocs ($nev events) |

- ftl / exiftool wall time: **$r** (requirement: at most 0.20): $speed
- ftl peak RSS: **$mib MiB** (requirement: under 150 MiB): $mem

### Matching at scale: one 2 MiB document, a 20,000-person register

One text document of $nnames lines naming persons (full names, initials,
e-mail addresses, given names alone), collected into a case holding a
register of 20,000 persons (about 200,000 aliases), loading the aliases
included:

    cp reg_shared.ftl names.ftl && ftl collect hr -q -c names.ftl names

| register | wall s | peak RSS MiB |
| --- | ---: | ---: |
| ten given names shared by all | $shared_s | $(awk -v k="$shared_kb" 'BEGIN { printf "%.1f", k / 1024 }') |
| unique given names | $unique_s | $(awk -v k="$unique_kb" 'BEGIN { printf "%.1f", k / 1024 }') |

- shared / unique wall time: **$rn** (requirement: at most 1.5): $scale
END
