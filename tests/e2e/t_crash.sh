# Crash safety: ftl collect (disk, maillog, mailbox, hr) and ftl analyze
# killed with SIGKILL at 24 points (FTL_FAULT_AT in the test build
# $FTL_FAULTS_BIN, base/fault.h).  After each kill: the case passes
# PRAGMA integrity_check, 'ftl info' shows the run as interrupted, and
# the same command run again leaves a case equal row for row, ids
# included, to the case of an uninterrupted run (crashlib.py says what
# is left out of the comparison and why).
. "$(dirname "$0")/lib.sh"
[ -x "${FTL_FAULTS_BIN:-}" ] || skip "no test build (make check builds \$(O)/ftl-faults)"
py=$(dirname "$0")/crashlib.py
# the real ftl must not honour the variable
FTL_FAULT_AT=event:1 "$FTL" collect disk -q -c plain.ftl "$SAMPLES/disk/image.dd"
expect_eq "plain ftl ignores FTL_FAULT_AT" \
    "$(sql plain.ftl 'SELECT count(*) FROM events')" 18

# The evidence: a disk image, three mail logs, two mail stores, an HR
# store with its register (collected first, outside the crash).
python3 "$FIXTURES/mkhrstore.py" hr > /dev/null
sh "$FIXTURES/mkbarracuda.sh" esg.log 60 2> /dev/null
disk=$SAMPLES/disk/testfs1
logs="$SAMPLES/maillog/postfix.log esg.log $SAMPLES/maillog/exim"
boxes="$SAMPLES/mime/content-length.mbox.txt $SAMPLES/mime/m0008"

# base NAME: the case every run of NAME starts from
base() {
    rm -f "$1.base.ftl"
    case $1 in
    hr) "$FTL" collect staff -q -c "$1.base.ftl" hr/register.csv ;;
    *) "$FTL" init -c "$1.base.ftl" > /dev/null ;;
    esac
}

# run NAME BIN: the command NAME with ftl BIN on case NAME.ftl
run() {
    case $1 in
    disk) "$2" collect disk -q -c "$1.ftl" $disk ;;
    maillog) "$2" collect maillog -q -c "$1.ftl" $logs ;;
    mailbox) "$2" collect mailbox -q -c "$1.ftl" $boxes ;;
    hr) "$2" collect hr -q -c "$1.ftl" hr/store ;;
    analyze) "$2" analyze -c "$1.ftl" --gateway esg 2> /dev/null ;;
    esac
}

# The analysis runs on everything collected, analysed once already: a
# killed run must leave that earlier analysis as it was.
for k in disk maillog mailbox hr; do
    base $k
    cp $k.base.ftl $k.ftl
    run $k "$FTL" 2> /dev/null
    python3 "$py" $k.ftl > $k.want
done
"$FTL" init -c analyze.base.ftl > /dev/null
"$FTL" collect staff -q -c analyze.base.ftl hr/register.csv
"$FTL" collect hr -q -c analyze.base.ftl hr/store
"$FTL" collect maillog -q -c analyze.base.ftl $logs 2> /dev/null
"$FTL" collect mailbox -q -c analyze.base.ftl $boxes 2> /dev/null
"$FTL" analyze -c analyze.base.ftl --window 2000-01-01..2030-01-01 2>/dev/null
python3 "$py" analyze.base.ftl > analyze.before
cp analyze.base.ftl analyze.ftl
run analyze "$FTL"
python3 "$py" analyze.ftl > analyze.want
cmp -s analyze.before analyze.want && die "the analysis options change nothing"

# crash NAME POINT: kill NAME at POINT, check, run again, compare
n=0
crash() {
    cp "$1.base.ftl" "$1.ftl"
    set +e
    FTL_FAULT_AT=$2 run "$1" "$FTL_FAULTS_BIN" 2> /dev/null
    rc=$?
    set -e
    expect_eq "$1 at $2: killed" $rc 137
    [ -e "$1.ftl-journal" ] || [ "$2" = "${2#event}" ] ||
        die "$1 at $2: no journal left: the kill came after the commit"
    "$FTL" info -c "$1.ftl" > info.txt 2>&1 || die "$1 at $2: info failed"
    what="collect $1"; [ "$1" = analyze ] && what=analyze
    expect_grep "interrupted  $what " info.txt
    expect_eq "$1 at $2: integrity" "$(sql "$1.ftl" 'PRAGMA integrity_check')" ok
    expect_eq "$1 at $2: audit" \
        "$(sql "$1.ftl" 'SELECT count(*) FROM audit WHERE ended IS NULL AND exit_status IS NULL')" 1
    if [ "$1" = analyze ]; then
        python3 "$py" analyze.ftl > got.before
        cmp -s got.before analyze.before ||
            die "analyze at $2: the earlier analysis was changed"
    fi
    run "$1" "$FTL" 2> /dev/null || die "$1 at $2: the run after the crash failed"
    python3 "$py" "$1.ftl" > got
    if ! cmp -s got "$1.want"; then
        diff got "$1.want" | head -10 >&2
        die "$1 at $2: the run after the crash differs from one run"
    fi
    n=$((n + 1))
}

# disk: testfs1 (NTFS) has 4300 events; item:1 comes after its commit
for p in event:1 event:700 event:2500 event:4300 item:1; do
    crash disk $p
done
# maillog: three logs, killed inside the first, between, inside the last
for p in event:1 event:20 item:1 item:2 event:150; do crash maillog $p; done
for p in event:1 event:60 item:1 event:126; do crash mailbox $p; done
for p in event:1 event:100 event:299 item:1; do crash hr $p; done
# analyze: before each of its five steps and before its commit
for p in analyze:1 analyze:2 analyze:3 analyze:4 analyze:5 analyze:6; do
    crash analyze $p
done
expect_eq "kill points" $n 24
