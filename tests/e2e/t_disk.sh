# ftl collect disk + ftl export bodyfile prints what 'fls -r -m /' prints,
# as a multiset, on every sample image and on generated ones; events are
# the non-zero times, with nanoseconds; evidence stays untouched.
. "$(dirname "$0")/lib.sh"
export TZ=UTC      # fls reads FAT times in the local zone; ftl in UTC
D=$SAMPLES/disk

# same_as_fls NAME REF_BODY IMAGE... : collect IMAGE into NAME.ftl and
# compare the exported body file with REF_BODY (fls output)
same_as_fls() {
    name=$1 ref=$2
    shift 2
    "$FTL" collect disk -q -c "$name.ftl" "$@"
    ev=$(sql "$name.ftl" "SELECT id FROM evidence WHERE kind = 'disk'
                          ORDER BY id DESC LIMIT 1")
    "$FTL" export bodyfile -c "$name.ftl" --evidence "$ev" -o "$name.body" \
        2>/dev/null
    same_lines "$name.body" "$ref"
    # one event per non-zero time of the body lines (plus ext dtimes)
    want=$(awk -F'|' '{for (i = NF - 3; i <= NF; i++) if ($i != "0") n++}
                      END {print n + 0}' "$ref")
    dt=$(sql "$name.ftl" "SELECT count(*) FROM files WHERE evidence_id = $ev
                          AND dtime != 0")
    expect_eq "events of $name" "$(sql "$name.ftl" "SELECT count(*) FROM
        events WHERE evidence_id = $ev")" "$((want + dt))"
    expect_eq "files of $name" "$(sql "$name.ftl" "SELECT count(*) FROM
        files WHERE evidence_id = $ev")" "$(wc -l < "$ref" | tr -d ' ')"
}

# --- the samples: every single-file-system image ---------------------
before=$(cd "$D" && sha256sum * | sha256sum)
for img in image.dd image.E01 hierarchy_64.ext4 fat12.img testfs1 \
           ext2.E01 ext2.split.E01 ext2.splitraw.000; do
    n=$(echo "$img" | tr '.' '_')
    fls -r -m / "$D/$img" > "$n.ref"
    same_as_fls "$n" "$n.ref" "$D/$img"
done
# the split sets were found from their first segment
expect_grep "ext2.split.E02" /dev/stdin <<EOF
$(sql ext2_split_E01.ftl "SELECT note FROM evidence")
EOF
expect_grep "ext2.splitraw.001" /dev/stdin <<EOF
$(sql ext2_splitraw_000.ftl "SELECT note FROM evidence")
EOF
# ... and all segments may be given too (as to fls)
fls -r -m / "$D/ext2.splitraw.000" "$D/ext2.splitraw.001" > both.ref
same_as_fls both both.ref "$D/ext2.splitraw.000" "$D/ext2.splitraw.001"
# the E01 holds the MD5 libewf stored; it matches the content, and the
# content's SHA-256 is the same as the raw image's
expect_eq "E01 md5" "$(sql image_E01.ftl "SELECT md5 FROM evidence")" \
    "$(img_stat "$D/image.E01" | awk '/MD5 hash of data/ {print $NF}')"
expect_grep "matches the content" /dev/stdin <<EOF
$(sql image_E01.ftl "SELECT note FROM evidence")
EOF
expect_eq "E01 media sha = raw sha" \
    "$(sql image_E01.ftl "SELECT sha256 FROM evidence")" "$(sha "$D/image.dd")"
expect_eq "raw sha" "$(sql image_dd.ftl "SELECT sha256 FROM evidence")" \
    "$(sha "$D/image.dd")"
expect_eq "split raw sha" "$(sql ext2_splitraw_000.ftl "SELECT sha256 FROM evidence")" \
    "$(cat "$D/ext2.splitraw.000" "$D/ext2.splitraw.001" | sha256sum | cut -d' ' -f1)"
# deleted state is a column; NTFS streams and $FILE_NAME rows exist
expect_eq "deleted rows" "$(sql image_dd.ftl "SELECT count(*) FROM files WHERE deleted = 1")" \
    "$(grep -c '(deleted' image_dd.ref)"
expect_eq "ntfs fname rows" "$(sql testfs1.ftl "SELECT count(*) FROM files WHERE path LIKE '% (\$FILE_NAME)'")" \
    "$(grep -c ' (\$FILE_NAME)|' testfs1.ref)"
expect_eq "ntfs fname artifact" "$(sql testfs1.ftl "SELECT count(DISTINCT file_id) FROM events WHERE artifact = 'fs:ntfs:filename'")" \
    "$(sql testfs1.ftl "SELECT count(*) FROM files WHERE path LIKE '% (\$FILE_NAME)' AND (atime + mtime + ctime + crtime) != 0")"
expect_eq "ntfs streams" "$(sql testfs1.ftl "SELECT count(*) FROM files WHERE path = '/\$Secure:\$SDS'")" 1
# locators are unique and name partition-less inode and path
expect_eq "locator" "$(sql image_dd.ftl "SELECT locator FROM files WHERE path = '/passwords.txt'")" \
    "15 /passwords.txt"

# --- the partitioned sample: per partition, as fls -o ----------------
fls -r -m / -o 352 "$D/tsk_volume_system.raw" > vs.ref
same_as_fls vs vs.ref "$D/tsk_volume_system.raw"
expect_eq "vs partition" "$(sql vs.ftl "SELECT DISTINCT partition || '@' || part_offset FROM files")" \
    "vol6@180224"
# --offset walks only that file system, like fls -o
same_as_fls vso vs.ref --offset 352 "$D/tsk_volume_system.raw"
expect_eq "offset evidence" "$(sql vso.ftl "SELECT inner_path FROM evidence")" "sector 352"

# --- generated images -------------------------------------------------
sh "$FIXTURES/mkappliance.sh" app.ext4 >/dev/null
fls -r -m / app.ext4 > app.ref
same_as_fls app app.ref app.ext4
sh "$FIXTURES/mkfat.sh" fat.img
fls -r -m / fat.img > fat.ref
same_as_fls fat fat.ref fat.img
sh "$FIXTURES/mkiso.sh" cd.iso
fls -r -m / cd.iso > iso.ref
same_as_fls iso iso.ref cd.iso
expect_eq "iso type" "$(sql iso.ftl "SELECT note LIKE '%iso9660%' FROM evidence WHERE kind = 'disk'")" 1
expect_eq "iso child" "$(sql iso.ftl "SELECT inner_path FROM evidence WHERE kind = 'maillog'")" \
    mail/log/maillog
for label in dos gpt; do
    sh "$FIXTURES/mkparted.sh" $label.img $label
    { fls -r -m / -o 2048 $label.img; fls -r -m / -o 12288 $label.img; } > $label.ref
    same_as_fls $label $label.ref $label.img
    # each partition on its own: its rows and fls -o
    for s in 2048 12288; do
        fls -r -m / -o $s $label.img > $label-$s.ref
        expect_eq "$label rows at $s" "$(sql $label.ftl "SELECT count(*) FROM files WHERE part_offset = $s * 512")" \
            "$(wc -l < $label-$s.ref | tr -d ' ')"
        same_as_fls $label-o$s $label-$s.ref --offset $s $label.img
    done
done
expect_eq "dos partitions" "$(sql dos.ftl "SELECT group_concat(DISTINCT partition) FROM files")" "vol2,vol6"
expect_eq "dos locator" "$(sql dos.ftl "SELECT count(*) FROM files WHERE locator LIKE 'vol2 % /docs/report.txt'")" 1

# --- nanoseconds ------------------------------------------------------
"$FTL" export csv -c app.ftl -o app.csv
expect_grep "2023-05-14T12:12:12.123456789Z,1684066332123456,Creation Time" app.csv
expect_grep "2023-05-20T08:00:00.500000000Z" app.csv
expect_eq "crtime ns" "$(sql app.ftl "SELECT crtime FROM files WHERE path = '/docs/report.txt'")" \
    1684066332123456789
# ext dtime of a deleted file is a 'Content Deletion Time' event
expect_eq "dtime events" "$(sql app.ftl "SELECT count(*) FROM events e JOIN files f ON f.id = e.file_id
    WHERE e.ts_desc = 'Content Deletion Time' AND e.ts = f.dtime AND f.deleted = 1")" \
    "$(sql app.ftl "SELECT count(*) FROM files WHERE dtime != 0")"
expect_eq "tmp/p deleted" "$(sql app.ftl "SELECT deleted || name_alloc || meta_alloc FROM files WHERE path = '/tmp/p'")" 100
# ... and it is the inode's deletion time, as istat reads it
pino=$(sql app.ftl "SELECT inode FROM files WHERE path = '/tmp/p'")
deleted=$(TZ=UTC istat app.ext4 "$pino" |
    sed -n 's/^Deleted:[[:space:]]*\(.*\) (UTC)$/\1/p')
[ -n "$deleted" ] || die "istat gives no deletion time for /tmp/p"
pdtime=$(sql app.ftl "SELECT dtime FROM files WHERE path = '/tmp/p'")
[ "$pdtime" != 0 ] || die "no dtime for /tmp/p"
expect_eq "dtime of /tmp/p" "$pdtime" "$(date -u -d "$deleted" +%s)000000000"
expect_eq "orphan" "$(sql app.ftl "SELECT count(*) FROM files WHERE path LIKE '/\$OrphanFiles/OrphanFile-%'")" 1
# a lawyer's sentence
expect_eq "message" "$(sql app.ftl "SELECT DISTINCT message FROM events WHERE locator LIKE '% /tmp/p'")" \
    "/tmp/p (deleted) [r/rrw-r--r--, inode $(sql app.ftl "SELECT inode FROM files WHERE path = '/tmp/p'"), 5 bytes]"
# FAT times are read as UTC and say so
expect_eq "fat tz" "$(sql fat.ftl "SELECT DISTINCT tz FROM events")" UTC
expect_eq "fat mtime" "$(sql fat.ftl "SELECT mtime FROM files WHERE path = '/REPORT.TXT'")" \
    1684066332000000000
# --tz: the same FAT local times read in Brussels (CEST, UTC+2), as fls
# reads them with TZ set; the zone is on every FAT event
TZ=Europe/Brussels fls -r -m / fat.img > fatbx.ref
same_as_fls fatbx fatbx.ref --tz Europe/Brussels fat.img
expect_eq "fat tz given" "$(sql fatbx.ftl "SELECT DISTINCT tz || ' ' || (flags & 8) FROM events")" \
    "Europe/Brussels 8"
expect_eq "fat mtime bx" "$(sql fatbx.ftl "SELECT mtime FROM files WHERE path = '/REPORT.TXT'")" \
    $(((1684066332 - 7200) * 1000000000))

# --- again: nothing added, said so ------------------------------------
"$FTL" collect disk -c app.ftl app.ext4 2> again.err
expect_grep "already in the case as evidence #1" again.err
expect_eq "evidence once" "$(sql app.ftl "SELECT count(*) FROM evidence WHERE kind = 'disk'")" 1

# --- two images in one case: --evidence picks one ----------------------
"$FTL" collect disk -q -c two.ftl app.ext4
"$FTL" collect disk -q -c two.ftl fat.img
fat_ev=$(sql two.ftl "SELECT id FROM evidence WHERE kind = 'disk' AND path = 'fat.img'")
"$FTL" export bodyfile -c two.ftl --evidence "$fat_ev" -o two-fat.body 2>/dev/null
same_lines two-fat.body fat.ref
"$FTL" export bodyfile -c two.ftl --evidence 1 -o two-app.body 2>/dev/null
same_lines two-app.body app.ref

# --- again, an image of more entries than the walk checks at ----------
# (every 512): stopped or not, nothing of the second run stays counted
mkdir -p many/var/log
i=0
while [ $i -lt 1500 ]; do
    : > many/f$i
    i=$((i + 1))
done
printf 'May 19 11:00:00 esg postfix/smtpd[5]: connect from x[192.0.2.9]\n' \
    > many/var/log/maillog
mke2fs -q -t ext4 -b 1024 -N 2048 -E root_owner=0:0 -d many many.ext4 8M
"$FTL" collect disk -c many.ftl many.ext4 2>/dev/null
"$FTL" collect disk -c many.ftl many.ext4 2> many.err
expect_grep "many.ftl: 0 evidence items added, 1 already in the case, 0 failed; 0 events, 0 files, 0 warnings, 0 indicator hits" many.err
expect_eq "many once" "$(sql many.ftl "SELECT count(*) FROM evidence")" 2

# --- read-only ----------------------------------------------------------
expect_eq "samples untouched" "$(cd "$D" && sha256sum * | sha256sum)" "$before"
