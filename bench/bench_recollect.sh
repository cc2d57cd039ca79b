#!/bin/sh
# bench/bench_recollect.sh - collecting evidence that is already in the case
#
# Evidence is identified by its content, so collecting it again must cost
# no more than hashing it: it is hashed before it is parsed, and found in
# the case.  For each kind, one collection into a fresh case, then the
# same command again into that case (nothing is added), against
# sha256sum over the same bytes (requirement: the re-collection at most
# 1.5 times sha256sum, the start of ftl and the opening of a case of
# that size included), measured in the same run.
#
# Data (deterministic): a disk image of RECOLLECT_FILES small files
# (default 20,000; mke2fs -d), its body file, a postfix log of
# RECOLLECT_LINES lines (default 1,000,000; mkpostfix.sh), an mbox of
# RECOLLECT_MIB MiB (default 100; mkmbox.py), a maildir of 5,000 message
# files and an HR store of 2,000 documents (mkhrstore.py).  Runs in
# bench/work/recollect/.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
top=$here/..
FTL=${FTL:-$top/ftl}
RUNS=${RECOLLECT_RUNS:-5}
NF=${RECOLLECT_FILES:-20000}
NL=${RECOLLECT_LINES:-1000000}
MIB=${RECOLLECT_MIB:-100}

if [ ! -f img.ext4 ]; then
    mkdir -p tree
    python3 - tree "$NF" <<'PY'
import os, random, sys
root, n = sys.argv[1], int(sys.argv[2])
r = random.Random(7)
for d in range((n + 999) // 1000):
    dd = os.path.join(root, "d%04d" % d)
    os.makedirs(dd, exist_ok=True)
    for i in range(min(1000, n - d * 1000)):
        size = r.randrange(0, 4096)
        with open(os.path.join(dd, "f%05d.dat" % i), "wb") as f:
            f.write((("%d:%d;" % (d, i)) * (size // 6 + 1)).encode()[:size])
PY
    mke2fs -q -t ext4 -b 1024 -I 256 -N $((NF + 1000)) -E root_owner=0:0 \
        -d tree img.ext4 $((NF * 4 + 65536))k >/dev/null
    rm -rf tree
fi
[ -f a.body ] || fls -r -m / img.ext4 > a.body
[ -f mail.log ] || sh "$top/tests/fixtures/mkpostfix.sh" mail.log "$NL"
[ -f mail.mbox ] || python3 "$top/tests/fixtures/mkmbox.py" mail.mbox "$MIB" 1 2>/dev/null
if [ ! -d maildir ]; then
    mkdir -p maildir/cur maildir/new maildir/tmp
    python3 - maildir 5000 <<'PY'
import os, sys
root, n = sys.argv[1], int(sys.argv[2])
for i in range(n):
    name = "%d.M%dP1.host:2,S" % (1700000000 + i * 60, i)
    with open(os.path.join(root, "cur", name), "w") as f:
        f.write("From: a%d@example.org\nTo: b@example.org\n"
                "Subject: message %d\nMessage-ID: <m%d@example.org>\n"
                "Date: Tue, 14 Nov 2023 22:13:20 +0000\n\n%s\n"
                % (i, i, i, "text " * (i % 400)))
PY
fi
if [ ! -d store ]; then
    python3 "$top/tests/fixtures/mkhrstore.py" . --bench 2000 >/dev/null 2>&1
fi

# What any collect costs before it reads: open the case, the audit rows,
# the indicator pack (a one-line body file already in the case).
echo "0|/a|1|r/rrw-r--r--|0|0|1|1|1|1|1" > one.body
rm -f one.ftl
"$FTL" collect bodyfile -q -c one.ftl one.body 2>/dev/null
measure fixed "$RUNS" "$FTL collect bodyfile -q -c one.ftl one.body"

# KIND NAME FILES...: one collection, then the same again against
# sha256sum; one table row.  The verdict is on CPU seconds (user +
# system), which depend less on what else this shared machine does.
row() {
    kind=$1 name=$2
    shift 2
    rm -f "$name.ftl"
    /usr/bin/time -f '%e' -o first.t "$FTL" collect "$kind" -q -c "$name.ftl" "$@" \
        >/dev/null 2>&1 || true
    bytes=$(find "$@" -type f -printf '%s\n' | awk '{s += $1} END {print s}')
    ev=$(sqlite3 "$name.ftl" "SELECT count(*) FROM events")
    interleaved "$RUNS" \
        "again=$FTL collect $kind -q -c $name.ftl $*" \
        "sha=find $* -type f -print0 | xargs -0 sha256sum > /dev/null"
    after=$(sqlite3 "$name.ftl" "SELECT count(*) FROM events")
    [ "$after" = "$ev" ] || { echo "bench: $name: events changed" >&2; exit 1; }
    r=$(awk -v a="$again_cpu" -v f="$fixed_cpu" -v b="$sha_cpu" \
        'BEGIN { if (b <= 0) b = 0.01; printf "%.2f", (a - f) / b }')
    mib=$(awk -v b="$bytes" 'BEGIN {printf "%.1f", b / 1048576}')
    echo "| $kind ($name) | $mib | $ev | $(cat first.t) | $again_s ($again_cpu) | $sha_s ($sha_cpu) | $r |"
    eval "ratio_$name=$r"
}

cat <<EOF
## Collecting again what is in the case

Each kind collected once into a fresh case, then the same command again
(nothing added: "already in the case"), against \`sha256sum\` over the
same files, median of $RUNS rounds, page cache warm.  Re-collection
hashes the stored bytes and looks the content up; it parses nothing.
What any \`ftl collect\` costs before it reads (open the case, write the
audit rows, load the indicator pack: a one-line body file collected
again) is $fixed_s s wall, $fixed_cpu s CPU; the last column is the CPU
time of the re-collection less that, over the CPU time of sha256sum.

| kind | MiB | events in the case | first collection s | again s (CPU s) | sha256sum s (CPU s) | (again - fixed) / sha256sum, CPU |
| --- | ---: | ---: | ---: | ---: | ---: | ---: |
EOF
row disk disk img.ext4
row bodyfile body a.body
row maillog log mail.log
row mailbox mbox mail.mbox
row mailbox maildir maildir
row hr hr store
worst=$(printf '%s\n' "$ratio_disk" "$ratio_body" "$ratio_log" "$ratio_mbox" \
        "$ratio_maildir" "$ratio_hr" | sort -n | tail -1)
ok=$(awk -v w="$worst" 'BEGIN {print (w <= 1.5 ? "met" : "**NOT met**")}')
echo
echo "| requirement | measured | verdict |"
echo "| --- | ---: | --- |"
echo "| again <= 1.5x sha256sum (CPU, less the fixed cost), every kind | $worst | $ok |"
