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

# Readers during a collect: every info and export run succeeds (a reader
# waits for a writer's commit at most) and sees only finished items,
# never the row of an item being collected.
"$FTL" init -c w.ftl > /dev/null
cp "$SAMPLES/disk/testfs1" img1
cp "$SAMPLES/disk/image.dd" img2
( "$FTL" collect disk -q -c w.ftl img1 &&
  "$FTL" collect maillog -q -c w.ftl "$SAMPLES/maillog/postfix.log" \
      "$SAMPLES/maillog/syslog" 2> /dev/null &&
  "$FTL" collect disk -q -c w.ftl img2 ) & writer=$!
reads=0
while kill -0 $writer 2> /dev/null; do
    "$FTL" export csv -c w.ftl --table evidence -o ev.csv 2> r.err ||
        { cat r.err; die "an export during a collect failed"; }
    expect_no_grep "collecting" ev.csv
    "$FTL" info -c w.ftl > info.txt 2> r.err ||
        { cat r.err; die "info during a collect failed"; }
    reads=$((reads + 1))
done
wait $writer || die "the collect beside the readers failed"
[ $reads -ge 1 ] || die "no read ran during the collect"
expect_eq "all collected" "$(sql w.ftl 'SELECT count(*) FROM evidence')" 4
expect_eq "integrity" "$(sql w.ftl 'PRAGMA integrity_check')" ok

# A lock held past the busy timeout (5 s): the collect fails with a
# message that says so, and the case is as it was.
python3 - w.ftl > locked.txt <<'PY' & holder=$!
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("BEGIN EXCLUSIVE")
print("locked", flush=True)
time.sleep(8)
PY
while [ ! -s locked.txt ]; do sleep 0.1; done
expect_rc 1 "$FTL" collect maillog -q -c w.ftl "$SAMPLES/maillog/exim" 2> busy.err
cat busy.err
expect_grep "w.ftl: .*the case is in use by another ftl or program (still locked after waiting 5 s)" busy.err
wait $holder
expect_eq "nothing added" "$(sql w.ftl 'SELECT count(*) FROM evidence')" 4
expect_eq "integrity after" "$(sql w.ftl 'PRAGMA integrity_check')" ok
