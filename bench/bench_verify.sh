#!/bin/sh
# bench/bench_verify.sh - ftl verify against hashing the same bytes
#
# Verifying reads every piece of evidence again with the collectors' own
# digests (a disk image's media through libtsk, a log's and an mbox's
# bytes, an HR folder's listing), so it should cost about what hashing
# the same bytes costs with the same library: requirement at most 1.5
# times 'openssl dgst -sha256' (libcrypto, as ftl) in CPU seconds, the
# start of ftl, the case and the recording of the run included, measured
# in the same run; sha256sum (coreutils' own SHA-256, several times
# slower here) is shown too.  Memory (peak RSS) stays bounded whatever
# the size of the evidence.
#
# Data (deterministic): an ext4 image of VERIFY_IMG_MIB MiB (default 256)
# with a mail log inside (mkappliance.sh's tree), a postfix log of
# VERIFY_LINES lines (default 500,000; mkpostfix.sh), an mbox of
# VERIFY_MBOX_MIB MiB (default 64; mkmbox.py) and an HR store of 1,000
# documents (mkhrstore.py).  Runs in bench/work/verify/.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
top=$here/..
FTL=${FTL:-$top/ftl}
RUNS=${VERIFY_RUNS:-5}
IMG=${VERIFY_IMG_MIB:-256}
NL=${VERIFY_LINES:-500000}
MIB=${VERIFY_MBOX_MIB:-64}

if [ ! -f img.ext4 ]; then
    sh "$top/tests/fixtures/mkappliance.sh" small.ext4 tree > /dev/null
    rm -f small.ext4
    # fill the image with files of pseudo-random bytes, so that the media
    # are not mostly zeros (which some hashers skip faster)
    python3 - tree/data "$IMG" <<'PY'
import os, random, sys
root, mib = sys.argv[1], int(sys.argv[2])
os.makedirs(root, exist_ok=True)
r = random.Random(11)
for i in range(mib * 3 // 4):
    with open(os.path.join(root, "f%04d.bin" % i), "wb") as f:
        f.write(r.randbytes(1 << 20))
PY
    mke2fs -q -t ext4 -E root_owner=0:0 -d tree img.ext4 "${IMG}M" \
        > /dev/null
    rm -rf tree
fi
[ -f mail.log ] || sh "$top/tests/fixtures/mkpostfix.sh" mail.log "$NL"
[ -f mail.mbox ] || python3 "$top/tests/fixtures/mkmbox.py" mail.mbox "$MIB" 1 2>/dev/null
[ -d store ] || python3 "$top/tests/fixtures/mkhrstore.py" . --bench 1000 >/dev/null 2>&1
rm -f v.ftl
"$FTL" collect disk -q -c v.ftl img.ext4 > /dev/null 2>&1
"$FTL" collect maillog -q -c v.ftl mail.log > /dev/null 2>&1
"$FTL" collect mailbox -q -c v.ftl mail.mbox > /dev/null 2>&1
"$FTL" collect hr -q -c v.ftl store > /dev/null 2>&1
"$FTL" verify -c v.ftl > v.out 2>&1 || { cat v.out >&2; exit 1; }
places=$(grep -c '^ok ' v.out)
bytes=$(find img.ext4 mail.log mail.mbox store -type f -printf '%s\n' |
        awk '{s += $1} END {print s}')
interleaved "$RUNS" \
    "verify=$FTL verify -c v.ftl" \
    "ossl=find img.ext4 mail.log mail.mbox store -type f -print0 | xargs -0 openssl dgst -sha256 > /dev/null" \
    "sha=find img.ext4 mail.log mail.mbox store -type f -print0 | xargs -0 sha256sum > /dev/null"
r=$(ratio "$verify_cpu" "$ossl_cpu")
r2=$(ratio "$verify_cpu" "$sha_cpu")
mib=$(awk -v b="$bytes" 'BEGIN {printf "%.1f", b / 1048576}')
ok=$(awk -v w="$r" 'BEGIN {print (w <= 1.5 ? "met" : "**NOT met**")}')
cat <<EOF
## ftl verify

One case holding an ext4 image of $IMG MiB (its mail logs inside it are
children, read through the image), a postfix log of $NL lines, an mbox
of $MIB MiB and an HR store of 1,000 documents: $places places,
$mib MiB of files.  \`ftl verify\` (every place read again, the run
recorded in the case) against \`openssl dgst -sha256\` and \`sha256sum\`
over the same files, median of $RUNS rounds, page cache warm.

| command | s | CPU s | peak RSS KiB |
| --- | ---: | ---: | ---: |
| ftl verify | $verify_s | $verify_cpu | $verify_kb |
| openssl dgst -sha256 | $ossl_s | $ossl_cpu | $ossl_kb |
| sha256sum | $sha_s | $sha_cpu | $sha_kb |

| requirement | measured | verdict |
| --- | ---: | --- |
| verify <= 1.5x openssl dgst -sha256 (CPU) | $r | $ok |
| verify / sha256sum (CPU), for reference | $r2 | |
EOF
