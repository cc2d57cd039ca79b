# A full file system: a collect whose case file cannot grow (RLIMIT_FSIZE,
# which without ftl's SIG_IGN would kill it with SIGXFSZ and no word)
# fails with a message naming the case and the item, leaves the case as
# it was before the item, and the same command completes once the limit
# is gone.  An export whose output cannot grow fails the same way and
# leaves no half file under its name.
. "$(dirname "$0")/lib.sh"
py=$(dirname "$0")/crashlib.py
img=$SAMPLES/disk/testfs1
"$FTL" init -c c.ftl > /dev/null
"$FTL" collect maillog -q -c c.ftl "$SAMPLES/maillog/postfix.log"
python3 "$py" c.ftl > before
# room for 64 KiB more than the case holds (dash counts 512-byte blocks)
blocks=$(( ($(stat -c %s c.ftl) + 65536) / 512 ))
set +e
(ulimit -f $blocks; exec "$FTL" collect disk -q -c c.ftl "$img") 2> full.err
rc=$?
set -e
cat full.err
expect_eq "full: exit status" $rc 1
expect_grep "c.ftl: .*cannot write the case file: File too large (the file system is full or the file size limit is reached)" full.err
expect_grep "stopped at '$img': the case could not be written; this item was rolled back" full.err
expect_eq "full: integrity" "$(sql c.ftl 'PRAGMA integrity_check')" ok
python3 "$py" c.ftl > after
cmp -s before after || { diff before after | head >&2; die "the failed item left rows"; }
expect_eq "full: audit" "$(sql c.ftl "SELECT exit_status FROM audit WHERE command = 'collect' ORDER BY id DESC LIMIT 1")" 1
# the limit lifted: the same command completes, as on a case never full
"$FTL" collect disk -q -c c.ftl "$img"
expect_eq "after: status" "$(sql c.ftl "SELECT status FROM evidence WHERE path = '$img'")" complete
"$FTL" init -c ref.ftl > /dev/null
"$FTL" collect maillog -q -c ref.ftl "$SAMPLES/maillog/postfix.log"
"$FTL" collect disk -q -c ref.ftl "$img"
python3 "$py" c.ftl > got
python3 "$py" ref.ftl > want
cmp -s got want || { diff got want | head >&2; die "the run after the full one differs"; }

# Exports: 8 blocks (4 KiB) of room, the timeline is bigger.
"$FTL" export csv -c c.ftl -o whole.csv 2> /dev/null
[ "$(stat -c %s whole.csv)" -gt 8192 ] || die "the export fits in the limit"
for f in csv jsonl html bodyfile; do
    set +e
    (ulimit -f 8; exec "$FTL" export $f -c c.ftl -o out.$f) 2> x.err
    rc=$?
    set -e
    expect_eq "export $f: exit status" $rc 1
    expect_grep "cannot write 'out.$f': File too large" x.err
    [ ! -e out.$f ] || die "export $f: a half file left under the final name"
done
# an older export under the name stays whole
cp whole.csv old.csv
set +e
(ulimit -f 8; exec "$FTL" export csv -c c.ftl -o old.csv) 2> x.err
rc=$?
set -e
expect_eq "export over: exit status" $rc 1
cmp -s whole.csv old.csv || die "the older export was cut"
ls > names
expect_no_grep "tmp" names
# a device has no file size: /dev/null stays a device and gets it all
(ulimit -f 8; exec "$FTL" export csv -c c.ftl -o /dev/null) 2> x.err
test -c /dev/null || die "/dev/null is no longer a device"
