# Read errors: evidence whose reads fail halfway with EIO (the LD_PRELOAD
# shim tests/fault/eio.c, as a disk with a bad sector from an offset on)
# is reported with the offset, kept as 'partial' with what was read
# before (its sha256 that of the bytes before the error), and the other
# evidence of the same run still goes in; exit status 0, since every
# item was collected as far as it could be read (docs/ftl.1).
. "$(dirname "$0")/lib.sh"
[ -f "${FTL_EIO_SHIM:-}" ] || skip "no EIO shim (make check builds it)"
# the shim is loaded before a sanitizer runtime, which must let it be
export ASAN_OPTIONS="${ASAN_OPTIONS:-}${ASAN_OPTIONS:+:}verify_asan_link_order=0"

# eio FILE AFTER KIND CASE PATH...: collect with FILE failing from AFTER
eio() {
    f=$1 n=$2 k=$3 c=$4
    shift 4
    set +e
    LD_PRELOAD=$FTL_EIO_SHIM FTL_EIO_FILE=$f FTL_EIO_AFTER=$n \
        "$FTL" collect "$k" -q -c "$c" "$@" 2> "$c.err"
    rc=$?
    set -e
    cat "$c.err"
    expect_eq "$k: exit status" $rc 0
}

# status CASE PATH: the item's status
status() { sql "$1" "SELECT status FROM evidence WHERE path = '$2'"; }
# covers CASE PATH N: its sha256 is that of the first N bytes
covers() {
    expect_eq "$2: sha256 of the bytes read" \
        "$(sql "$1" "SELECT sha256 FROM evidence WHERE path = '$2'")" \
        "$(head -c "$3" "$2" | sha256sum | cut -d' ' -f1)"
}

# ---- a raw disk image (NTFS, 2 MiB): bad from 1900000 on ------------------
img=$SAMPLES/disk/testfs1
s0=$(sha "$img")
eio "$img" 1900000 disk d.ftl "$img"
expect_grep "testfs1:offset 1900000: image unreadable from here: .*read error at offset 1900000: Input/output error; the sha256 covers the 1900000 bytes before" d.ftl.err
expect_eq "disk: status" "$(status d.ftl "$img")" partial
covers d.ftl "$img" 1900000
# the file systems before the bad sector were still walked
expect_eq "disk: events" "$(sql d.ftl 'SELECT count(*) FROM events')" 4300
"$FTL" collect disk -q -c d.ftl "$SAMPLES/disk/image.dd"
expect_eq "disk: the next image" "$(status d.ftl "$SAMPLES/disk/image.dd")" complete
expect_eq "disk: evidence unchanged" "$(sha "$img")" "$s0"

# ---- a mail log and the next one of the same run --------------------------
log=$SAMPLES/maillog/postfix.log
eio "$log" 1500 maillog m.ftl "$log" "$SAMPLES/maillog/syslog"
expect_grep "postfix.log:line 12: .*read error at offset 1500: Input/output error" m.ftl.err
expect_grep "postfix.log:offset 1500: .*the sha256 covers the 1500 bytes before" m.ftl.err
expect_eq "maillog: status" "$(status m.ftl "$log")" partial
covers m.ftl "$log" 1500
# the ten whole mail lines before the error are in
expect_eq "maillog: events" "$(sql m.ftl "SELECT count(*) FROM events e JOIN evidence v ON v.id = e.evidence_id WHERE v.path = '$log'")" 10
expect_eq "maillog: the next log" "$(status m.ftl "$SAMPLES/maillog/syslog")" complete

# ---- an mbox and a message file after it ----------------------------------
box=$SAMPLES/mime/content-length.mbox.txt
eio "$box" 400000 mailbox b.ftl "$box" "$SAMPLES/mime/m0008"
expect_grep "content-length.mbox.txt:offset 400000: .*read error at offset 400000: Input/output error" b.ftl.err
expect_eq "mailbox: status" "$(status b.ftl "$box")" partial
covers b.ftl "$box" 400000
n=$(sql b.ftl "SELECT count(*) FROM messages m JOIN evidence v ON v.id = m.evidence_id WHERE v.path = '$box'")
[ "$n" -ge 4 ] && [ "$n" -lt 29 ] || die "mailbox: $n messages kept, want the ones before 400000"
expect_eq "mailbox: the next file" "$(status b.ftl "$SAMPLES/mime/m0008")" complete

# the same evidence read without the shim is complete and whole
"$FTL" collect mailbox -q -c ok.ftl "$box"
expect_eq "whole mbox" "$(status ok.ftl "$box")" complete
