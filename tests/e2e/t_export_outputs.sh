# Outputs that are not regular files: a character device and a FIFO are
# written in place and stay what they are, '-' streams to standard
# output, a symbolic link is refused and left alone, a regular file is
# replaced only once the export is complete.
. "$(dirname "$0")/lib.sh"
fls -r -m / "$SAMPLES/disk/image.dd" > img.body
# enough rows that an export outgrows a small file-size limit below
awk 'BEGIN { for (i = 0; i < 2000; i++)
    printf "0|/f%d|%d|r/rrw-r--r--|0|0|5|%d|%d|%d|%d\n", i, i + 100,
        1684400000 + i, 1684400001 + i, 1684400002 + i, 1684400003 + i }' \
    >> img.body
"$FTL" collect bodyfile -q -c c.ftl img.body
forms="csv jsonl bodyfile"
for f in $forms; do
    "$FTL" export $f -c c.ftl -o ref.$f 2> /dev/null
done
# standard output, with -o - and without -o
for f in $forms; do
    "$FTL" export $f -c c.ftl -o - > out.$f 2> err.$f
    cmp -s out.$f ref.$f || die "export $f -o - differs from the file"
    expect_grep "to standard output, sha256 $(sha ref.$f)" err.$f
    "$FTL" export $f -c c.ftl 2> /dev/null | cmp -s - ref.$f ||
        die "export $f to standard output differs"
done
# a FIFO: written in place, still a FIFO afterwards
mkfifo fifo
for f in $forms; do
    cat fifo > got.$f & reader=$!
    "$FTL" export $f -c c.ftl -o fifo 2> /dev/null || die "export $f to a FIFO failed"
    wait $reader
    cmp -s got.$f ref.$f || die "export $f through a FIFO differs"
    test -p fifo || die "the FIFO was replaced by export $f"
done
# a character device: a node made here when we may (root), and the real
# /dev/null as root
if [ "$(id -u)" = 0 ] && mknod null c 1 3 2> /dev/null; then
    for f in $forms; do
        "$FTL" export $f -c c.ftl -o null 2> dev.err || die "export $f to a device failed"
        test -c null || die "the device node was replaced by export $f"
    done
    "$FTL" export csv -c c.ftl --table files -o null 2> /dev/null
    test -c null || die "the device node was replaced by --table"
fi
if [ "$(id -u)" = 0 ]; then
    for f in $forms; do
        "$FTL" export $f -c c.ftl -o /dev/null 2> /dev/null
        test -c /dev/null || die "export $f replaced /dev/null"
    done
fi
# a write error on a device is an error (exit 1), not a success
if [ -c /dev/full ]; then
    expect_rc 1 "$FTL" export csv -c c.ftl -o /dev/full 2> full.err
    expect_grep "cannot write '/dev/full'" full.err
    test -c /dev/full || die "/dev/full was replaced"
fi
# a symbolic link: refused with a clear message, link and target left alone
echo keep > target
ln -s target link
expect_rc 2 "$FTL" export csv -c c.ftl -o link 2> link.err
expect_grep "'link' is a symbolic link" link.err
test -L link || die "the link was replaced"
expect_eq "link target" "$(cat target)" keep
ln -s nowhere dangling
expect_rc 2 "$FTL" export csv -c c.ftl -o dangling 2> /dev/null
[ ! -e nowhere ] || die "a file was made through a dangling link"
# a directory and the case file itself are refused
mkdir dir
expect_rc 2 "$FTL" export csv -c c.ftl -o dir 2> dir.err
expect_grep "is a directory" dir.err
before=$(sha c.ftl)
expect_rc 2 "$FTL" export csv -c c.ftl -o c.ftl 2> self.err
expect_grep "is the case file" self.err
expect_eq "case kept" "$(sha c.ftl)" "$before"
# a regular file is replaced when the export is complete ...
echo old > r.csv
"$FTL" export csv -c c.ftl -o r.csv 2> /dev/null
cmp -s r.csv ref.csv || die "the regular file was not replaced"
# ... and left as it was when the export fails (an unknown table, or the
# process killed by its file-size limit half-way), with no file of ours
# left beside it under a name that could be taken for the export
echo old > r.csv
expect_rc 2 "$FTL" export csv -c c.ftl --table nosuch -o r.csv 2> /dev/null
expect_eq "kept on failure" "$(cat r.csv)" old
ls r.csv.tmp* > /dev/null 2>&1 && die "a temporary file was left"
size=$(wc -c < ref.csv)
[ "$size" -gt 65536 ] || die "the reference export is too small for this test"
(ulimit -f 2; exec "$FTL" export csv -c c.ftl -o r.csv) 2> /dev/null || true
expect_eq "kept when killed" "$(cat r.csv)" old
rm -f r.csv.tmp*
# into a folder that does not exist: an error naming the file
expect_rc 1 "$FTL" export csv -c c.ftl -o no/such/dir.csv 2> nodir.err
expect_grep "cannot write 'no/such/dir.csv'" nodir.err
