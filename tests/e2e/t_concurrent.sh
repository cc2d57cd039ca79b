# Two ftl runs creating the same new case at once: both succeed and the
# case survives (the loser of the race must not remove the file the
# winner is writing into).
. "$(dirname "$0")/lib.sh"
fls -r -m / "$SAMPLES/disk/image.dd" > a.body
fls -r -m / "$SAMPLES/disk/hierarchy_64.ext4" > b.body
i=0
while [ $i -lt 20 ]; do
    rm -f r.ftl
    "$FTL" init -c r.ftl > /dev/null 2>&1 & p1=$!
    "$FTL" init -c r.ftl > /dev/null 2>&1 & p2=$!
    wait $p1 || die "first init failed (round $i)"
    wait $p2 || die "second init failed (round $i)"
    test -s r.ftl || die "the case vanished (round $i)"
    i=$((i + 1))
done
rm -f c.ftl
"$FTL" collect bodyfile -q -c c.ftl a.body & p1=$!
"$FTL" collect bodyfile -q -c c.ftl b.body & p2=$!
wait $p1 || die "first collect failed"
wait $p2 || die "second collect failed"
expect_eq "both collected" "$(sql c.ftl 'SELECT count(*) FROM evidence')" 2
