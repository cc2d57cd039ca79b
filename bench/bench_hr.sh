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
# RSS under 150 MiB.  Runs in bench/work/hr/.
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
END
