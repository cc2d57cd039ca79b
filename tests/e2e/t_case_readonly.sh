# Reading never writes: 'ftl info' and every export leave the case's
# bytes as they were, create no journal beside it, write no audit row,
# and work on a case without write permission; --record adds the audit
# row and needs write access.
. "$(dirname "$0")/lib.sh"
fls -r -m / "$SAMPLES/disk/image.dd" > img.body
"$FTL" collect bodyfile -q -c c.ftl img.body
"$FTL" collect maillog -q -c c.ftl "$SAMPLES/maillog/postfix.log"
audits=$(sql c.ftl 'SELECT count(*) FROM audit')
before=$(sha c.ftl)
# every form of every format, and info
reads() {
    "$FTL" info -c "$1" > info.out
    "$FTL" export csv -c "$1" -o t.csv
    "$FTL" export csv -c "$1" --tz Europe/Brussels --ioc-only > /dev/null
    "$FTL" export jsonl -c "$1" -o t.jsonl
    "$FTL" export bodyfile -c "$1" --evidence 1 -o t.body
    for t in evidence events files warnings audit messages case_info; do
        "$FTL" export csv -c "$1" --table $t -o t.$t.csv
    done
}
reads c.ftl 2> reads.err
expect_eq "case bytes after reading" "$(sha c.ftl)" "$before"
expect_eq "audit rows after reading" "$(sql c.ftl 'SELECT count(*) FROM audit')" "$audits"
for f in c.ftl-journal c.ftl-wal c.ftl-shm; do
    [ ! -e "$f" ] || die "$f created beside the case"
done
expect_no_grep "info -c" info.out
# the SHA-256 printed is that of the bytes written
expect_grep "wrote .* rows to 't.csv', sha256 $(sha t.csv)" reads.err
# --record: one audit row, with what was written
"$FTL" export csv -c c.ftl --record -o r.csv 2> rec.err
expect_eq "audit row recorded" "$(sql c.ftl 'SELECT count(*) FROM audit')" $((audits + 1))
expect_eq "recorded counts" "$(sql c.ftl "SELECT counts FROM audit ORDER BY id DESC LIMIT 1")" \
    "rows=$(($(wc -l < r.csv) - 1)) sha256=$(sha r.csv)"
"$FTL" info -c c.ftl --record > /dev/null
expect_eq "info recorded" "$(sql c.ftl "SELECT command FROM audit ORDER BY id DESC LIMIT 1")" info
# a write-protected case in a write-protected folder, read by a user who
# may not write it (as root, 'nobody' through setpriv)
mkdir ro
cp c.ftl ro/c.ftl
before=$(sha ro/c.ftl)
chmod 0444 ro/c.ftl
chmod 0555 ro
as_reader() { "$@"; }
if [ "$(id -u)" = 0 ]; then
    command -v setpriv > /dev/null || die "setpriv is needed to test as a reader"
    chmod 0777 .
    as_reader() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
fi
as_reader "$FTL" info -c ro/c.ftl > ro.info 2> ro.err || { cat ro.err; die "info on a read-only case failed"; }
expect_grep "^evidence:" ro.info
as_reader "$FTL" export csv -c ro/c.ftl > ro.csv 2>> ro.err || { cat ro.err; die "export of a read-only case failed"; }
cmp -s ro.csv t.csv || die "the read-only case exports other bytes"
as_reader "$FTL" export jsonl -c ro/c.ftl -o - > /dev/null 2>> ro.err
expect_no_grep "readonly database" ro.err
expect_eq "read-only case bytes" "$(sha ro/c.ftl)" "$before"
# --record on it fails, says why, and leaves it as it was
set +e
as_reader "$FTL" export csv -c ro/c.ftl --record > /dev/null 2> rorec.err
rc=$?
set -e
expect_eq "--record on a read-only case" "$rc" 1
expect_grep "needs write access" rorec.err
expect_eq "read-only case bytes after --record" "$(sha ro/c.ftl)" "$before"
chmod 0755 ro
# a case of an older schema is read as it is, not migrated
cp c.ftl old.ftl
sqlite3 old.ftl 'PRAGMA user_version = 2'
before=$(sha old.ftl)
"$FTL" info -c old.ftl > /dev/null
"$FTL" export csv -c old.ftl -o old.csv 2> /dev/null
cmp -s old.csv t.csv || die "the older case exports other bytes"
expect_eq "older case bytes" "$(sha old.ftl)" "$before"
expect_eq "older schema kept" "$(sql old.ftl 'PRAGMA user_version')" 2
