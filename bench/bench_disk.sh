#!/bin/sh
# bench/bench_disk.sh - ftl collect disk against fls and an sqlite3 floor
#
# Generates an ext4 image of N = 100,000 small files (mke2fs -d from a
# tree kept for md5sum/sha256sum), and one of 2N for the memory check,
# then measures in one run:
#   ftl      ftl collect disk (default indicator pack, no --hash)
#   floor    fls -r -m / to a body file, then the sqlite3 shell imports it
#            and derives the event rows into tables of ftl's shape with
#            ftl's indexes (floor.sql below)
#   fls      fls -r -m / alone
#   hash     ftl collect disk --hash, against md5sum then sha256sum over
#            the tree the image was made from
# Prints a markdown section for bench/RESULTS.md.  Runs in
# bench/work/disk/ (bench/run.sh); data is kept there between runs.
set -eu
. "$(dirname "$0")/lib.sh"
FTL=${FTL:-ftl}
N=${DISK_BENCH_FILES:-100000}
RUNS=${DISK_BENCH_RUNS:-5}

# gen_tree DIR COUNT: COUNT files of 0..2047 bytes in directories of 1000,
# content and sizes fixed by a seeded generator; prints the image size in
# KiB that holds them (1 KiB blocks, 256-byte inodes, 20% room)
gen_tree() {
    python3 - "$1" "$2" <<'PY'
import os, random, sys
root, n = sys.argv[1], int(sys.argv[2])
r = random.Random(42)
blocks = 0
for d in range((n + 999) // 1000):
    dd = os.path.join(root, "d%04d" % d)
    os.makedirs(dd, exist_ok=True)
    for i in range(min(1000, n - d * 1000)):
        size = r.randrange(0, 2048)
        with open(os.path.join(dd, "f%05d.dat" % i), "wb") as f:
            f.write((("%d:%d;" % (d, i)) * (size // 6 + 1)).encode()[:size])
        blocks += (size + 1023) // 1024
    blocks += 40                       # the directory itself
print(int((blocks + n // 4 + 8192) * 1.2))
PY
}

# make_image TREE IMAGE COUNT
make_image() {
    kib=$(gen_tree "$1" "$3")
    rm -f "$2"
    mke2fs -q -t ext4 -b 1024 -I 256 -N $(($3 + 1000)) -E root_owner=0:0 \
        -d "$1" "$2" "${kib}k" >/dev/null
}

if [ ! -f img.ext4 ] || [ "$(cat img.n 2>/dev/null)" != "$N" ]; then
    rm -rf tree img.ext4
    make_image tree img.ext4 "$N"
    echo "$N" > img.n
fi
if [ ! -f img2.ext4 ] || [ "$(cat img2.n 2>/dev/null)" != "$N" ]; then
    rm -rf tree2 img2.ext4
    make_image tree2 img2.ext4 $((N * 2))
    rm -rf tree2                   # only the image is needed
    echo "$N" > img2.n
fi

# The floor: ftl's files and events tables and indexes, taken from a case
# ftl made, the body file imported as it is, files and event rows derived
# in SQL.
rm -f schema.ftl
"$FTL" init -c schema.ftl 2>/dev/null
{
    echo 'PRAGMA cache_size = -32768;'
    sqlite3 schema.ftl '.schema files' '.schema events'
    cat <<'SQL'
CREATE TEMP TABLE body(md5, name, inode, mode, uid, gid, size, atime, mtime,
 ctime, crtime);
.mode ascii
.separator "|" "\n"
.import body.txt body
BEGIN;
INSERT INTO files(evidence_id, part_offset, addr, inode, path, name_alloc,
 meta_alloc, deleted, mode, uid, gid, size, atime, mtime, ctime, crtime,
 locator)
 SELECT 1, 0, CAST(inode AS INTEGER), inode, name, 1, 1, 0, mode, uid, gid,
  CAST(size AS INTEGER), atime * 1000000000, mtime * 1000000000,
  ctime * 1000000000, crtime * 1000000000, inode || ' ' || name FROM body;
INSERT INTO events(ts, prec, ts_desc, source, artifact, evidence_id, locator,
 message, raw_time, flags, file_id)
 SELECT t, 9, d, 'FILE', 'fs:file', 1, locator,
  path || ' [' || mode || ', inode ' || inode || ', ' || size || ' bytes]',
  (t / 1000000000) || '.000000000', 0, id FROM (
  SELECT id, locator, path, mode, inode, size, atime AS t,
   'Last Access Time' AS d FROM files
  UNION ALL SELECT id, locator, path, mode, inode, size, mtime,
   'Content Modification Time' FROM files
  UNION ALL SELECT id, locator, path, mode, inode, size, ctime,
   'Metadata Modification Time' FROM files
  UNION ALL SELECT id, locator, path, mode, inode, size, crtime,
   'Creation Time' FROM files) WHERE t != 0;
COMMIT;
SQL
} > floor.sql

c_ftl="rm -f case.ftl && $FTL collect disk -q -c case.ftl img.ext4"
c_floor="rm -f floor.db && fls -r -m / img.ext4 > body.txt && sqlite3 floor.db < floor.sql"
c_fls="fls -r -m / img.ext4 > fls.txt"
c_ftl2="rm -f case2.ftl && $FTL collect disk -q -c case2.ftl img2.ext4"
c_hash="rm -f hash.ftl && $FTL collect disk -q --hash -c hash.ftl img.ext4"
c_sums="find tree -type f -print0 | xargs -0 md5sum > /dev/null && find tree -type f -print0 | xargs -0 sha256sum > /dev/null"

# warm the page cache once so that every command reads from memory
sh -c "$c_fls" && sh -c "$c_sums" >/dev/null 2>&1
interleaved "$RUNS" "ftl=$c_ftl" "floor=$c_floor" "fls=$c_fls" "hash=$c_hash" \
    "sums=$c_sums"
measure ftl2 1 "$c_ftl2"

# a command in a markdown table cell: its '|' escaped
cell() { printf '%s' "$1" | sed 's/|/\\|/g'; }

entries=$(wc -l < fls.txt | tr -d ' ')
events=$(sqlite3 case.ftl "SELECT count(*) FROM events")
rows_floor=$(sqlite3 floor.db "SELECT count(*) FROM events")
r_floor=$(ratio "$ftl_s" "$floor_s")
r_fls=$(ratio "$ftl_s" "$fls_s")
r_floor_fls=$(ratio "$floor_s" "$fls_s")
r_hash=$(ratio "$hash_s" "$sums_s")
extra=$(awk -v a="$hash_s" -v b="$ftl_s" 'BEGIN { printf "%.2f", a - b }')
r_extra=$(ratio "$extra" "$sums_s")
mib=$(awk -v k="$ftl_kb" 'BEGIN { printf "%.1f", k / 1024 }')
mib2=$(awk -v k="$ftl2_kb" 'BEGIN { printf "%.1f", k / 1024 }')
r_rss=$(ratio "$ftl2_kb" "$ftl_kb")
img_mib=$(($(stat -c %s img.ext4) / 1048576))
img2_mib=$(($(stat -c %s img2.ext4) / 1048576))
tree_mib=$(du -s --apparent-size -m tree | cut -f1)

cat <<EOF
## ftl collect disk

ext4 image of $N files in directories of 1,000 (0..2047 bytes each,
$tree_mib MiB of content; image $img_mib MiB, 1 KiB blocks) made with
\`mke2fs -d\`; fls lists $entries entries, ftl stores them as many
\`files\` rows and $events events (the floor: $rows_floor).  Median of
$RUNS rounds in which every command runs once (so that the commands
compared share the load of this shared machine), page cache warm.
Wall seconds decide; CPU seconds (user + system) are shown because
they depend less on what else the machine does.  ftl hashes the image
in a second thread beside its walk.

| command | seconds | CPU seconds | peak RSS |
| --- | ---: | ---: | ---: |
| \`$(cell "$c_ftl")\` | $ftl_s | $ftl_cpu | $mib MiB |
| floor: \`$(cell "$c_floor")\` | $floor_s | $floor_cpu | $((floor_kb / 1024)) MiB |
| \`$(cell "$c_fls")\` | $fls_s | $fls_cpu | $((fls_kb / 1024)) MiB |
| \`$(cell "$c_hash")\` | $hash_s | $hash_cpu | $((hash_kb / 1024)) MiB |
| \`$(cell "$c_sums")\` | $sums_s | $sums_cpu | $((sums_kb / 1024)) MiB |
| 2x files ($((N * 2)), image $img2_mib MiB), one run: \`$(cell "$c_ftl2")\` | $ftl2_s | | $mib2 MiB |

floor.sql (in bench/work/disk/) creates ftl's \`files\` and \`events\`
tables with their indexes, \`.import\`s the body file and derives the
rows with \`INSERT ... SELECT\` in one transaction.

| requirement | measured | verdict |
| --- | ---: | --- |
| ftl <= 1.5x the floor | ${r_floor}x | $(verdict "$(le "$r_floor" 1.5 && echo 1 || echo 0)") |
| ftl <= 4x fls alone | ${r_fls}x (the floor itself: ${r_floor_fls}x) | $(verdict "$(le "$r_fls" 4 && echo 1 || echo 0)") |
| peak RSS < 100 MiB | $mib MiB | $(verdict "$(le "$ftl_kb" 102399 && echo 1 || echo 0)") |
| 2x files does not double RSS | ${r_rss}x | $(verdict "$(le "$r_rss" 1.99 && echo 1 || echo 0)") |
| --hash run <= 1.25x md5sum + sha256sum | ${r_hash}x | $(verdict "$(le "$r_hash" 1.25 && echo 1 || echo 0)") |

What --hash adds to a run (hash minus ftl, both noisy): $extra s,
${r_extra}x the time md5sum and sha256sum take over the same bytes (one
read through libtsk, both digests with OpenSSL).
EOF
