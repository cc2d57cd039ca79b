#!/bin/sh
# tests/fuzz/seeds.sh - the seed corpora of the fuzz harnesses
#
# Makes build-fuzz/seeds/NAME/ for each harness, from what the tests'
# fixture generators write and from ../shared/samples read in place
# (build-fuzz/ is not tracked: nothing here is committed).  A harness
# whose first input byte picks an option gets each seed once per
# option, that byte in front.  Deterministic: the generators are.
set -eu
cd "$(dirname "$0")/../.."
S=build-fuzz/seeds
W=build-fuzz/seedwork
SAMPLES=../shared/samples
rm -rf "$S" "$W"
mkdir -p "$S" "$W"
for h in bodyfile time csv esc_csv esc_json esc_html syslog maillog mailbox \
         props hrxml hrdoc pdfdate staff iocs rules; do
    mkdir -p "$S/$h"
done

n=0
# put NAME FILE [PREFIX_BYTE_OCTAL]: FILE as a seed of NAME.
put() {
    n=$((n + 1))
    if [ $# -ge 3 ]; then
        { printf "\\$3"; cat "$2"; } >"$S/$1/seed-$n"
    else
        cp "$2" "$S/$1/seed-$n"
    fi
}
# text NAME TEXT: a seed written here.
text() {
    n=$((n + 1))
    printf '%s' "$2" >"$S/$1/seed-$n"
}

# what the generators write
python3 tests/fixtures/mkhrstore.py "$W/hr" >/dev/null
python3 tests/fixtures/mkhrbad.py "$W/hrbad" >/dev/null 2>&1 || true
python3 tests/fixtures/mkmimebad.py "$W/mime" >/dev/null
python3 tests/fixtures/mkmalformed.py "$W/malformed.mbox" >/dev/null
sh tests/fixtures/mkbarracuda.sh "$W/barracuda.log" 12
python3 tests/fixtures/mkmbox.py "$W/small.mbox" 1 >/dev/null 2>&1 || true
[ -f tests/fixtures/mkpostfix.sh ] &&
    sh tests/fixtures/mkpostfix.sh "$W/postfix.log" 10 >/dev/null 2>&1 || true

# body files: fls over the sample disk images, a few lines each
for img in "$SAMPLES/disk/image.dd" "$SAMPLES/disk/fat12.img" \
           "$SAMPLES/disk/hierarchy_64.ext4"; do
    [ -f "$img" ] || continue
    fls -r -m / "$img" 2>/dev/null | head -40 >"$W/body" || true
    [ -s "$W/body" ] && put bodyfile "$W/body"
done
text bodyfile '0|/etc/passwd (deleted)|12-128-1|r/rrw-r--r--|0|0|1024|1700000000|1700000001.5|1700000002|0'

# time stamps of every form the parsers read
for t in 2023-05-18T09:14:03.120+02:00 2024-02-29 '2023-05-18 09:14:03Z' \
         1999-12-31T23:59:60.999999999-0130 'Jan 31 09:50:02' \
         'Feb  9 00:00:00.123456' 1700000000.5 -0.500000000 @1700000000 \
         9223372036.854775807 0001-01-01T00:00:00z; do
    text time "$t"
done

# CSV: the shipped packs and rules, the registers (the first byte picks
# the reader's options)
for f in data/iocs/default.csv data/rules/default.csv "$W/hr/register.csv"; do
    for b in 000 001 003 010 014 021 115 305; do put csv "$f" "$b"; done
    put iocs data/iocs/default.csv
    put esc_csv "$f" 001
done
put rules data/rules/default.csv
put staff "$W/hr/register.csv"
put staff "$W/hr/register.xml"
put hrxml "$W/hr/register.xml"
[ -f "$SAMPLES/docs/CandidateExample.xml" ] &&
    put hrxml "$SAMPLES/docs/CandidateExample.xml" &&
    put staff "$SAMPLES/docs/CandidateExample.xml"
for f in "$W"/hrbad/*; do
    [ -f "$f" ] || continue
    case $f in
    *.csv) put staff "$f" ;;
    *.xml) put hrxml "$f" ;;
    *) put hrdoc "$f" ;;
    esac
done

# escapers: text with markup, formulas, controls, bidi, bad UTF-8
for t in '=cmd|"/c calc"!A1' '<script>alert("x")</script> & '"'"'q'"'" \
         "$(printf 'a\tb\nc\r\nd\033[31m')" \
         "$(printf 'invoice\342\200\256fdp.exe \302\205 \377\376 \300\257')" \
         "$(printf 'caf\303\251 \360\237\230\200 \355\240\200')"; do
    text esc_csv "$t"
    text esc_json "$t"
    text esc_html "$t"
done

# mail logs: the samples and the generated ones, each dialect's byte
for f in "$SAMPLES"/maillog/* "$W/barracuda.log" "$W/postfix.log"; do
    [ -f "$f" ] || continue
    head -c 65536 "$f" >"$W/log"
    put syslog "$W/log"
    for b in 000 001 002 003 004 005; do put maillog "$W/log" "$b"; done
done

# mail stores: samples (the first byte picks --format), generated damage
for f in "$SAMPLES"/mime/* "$W"/mime/* "$W/malformed.mbox"; do
    [ -f "$f" ] || continue
    [ "$(wc -c <"$f")" -le 300000 ] || continue
    put mailbox "$f" 000
    put mailbox "$f" 003
done
[ -f "$W/small.mbox" ] && head -c 200000 "$W/small.mbox" >"$W/mbox" &&
    put mailbox "$W/mbox" 001

# documents: the samples and a few of the generated store, whole and
# their property parts (the first byte of a props seed picks the part)
for f in "$SAMPLES"/docs/* $(find "$W/hr/store" -type f | sort | head -12); do
    [ "$(wc -c <"$f")" -le 400000 ] || continue
    put hrdoc "$f"
    case $f in
    *.pdf) put pdfdate "$f"
           exiftool -b -XMP "$f" >"$W/xmp" 2>/dev/null &&
               [ -s "$W/xmp" ] && put props "$W/xmp" 003 ;;
    *.docx|*.pptx|*.xlsx)
        unzip -p "$f" docProps/core.xml >"$W/core" 2>/dev/null &&
            put props "$W/core" 000
        unzip -p "$f" docProps/app.xml >"$W/app" 2>/dev/null &&
            put props "$W/app" 001 ;;
    *.odt|*.ods|*.odp)
        unzip -p "$f" meta.xml >"$W/meta" 2>/dev/null &&
            put props "$W/meta" 002 ;;
    esac
done
text pdfdate "/CreationDate (D:20141213220242+01'00')
/ModDate(D:20141213220242Z)"
text pdfdate "D:2014121322"

rm -rf "$W"
for d in "$S"/*; do
    printf '%s %s\n' "$(ls "$d" | wc -l)" "${d##*/}"
done
