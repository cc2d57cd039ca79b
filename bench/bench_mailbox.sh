#!/bin/sh
# bench/bench_mailbox.sh - ftl collect mailbox: speed and memory
#
# Generates an mbox of MAILBOX_MIB MiB (default 200) with attachments
# (tests/fixtures/mkmbox.py: base64 PDF/DOCX-like parts, some .tar.gz),
# then measures in one run: ftl against sha256sum over the same file
# (requirement: at least half its throughput), against the Python
# mailbox + email script an examiner would otherwise write, computing the
# same attachment and archive-member digests (requirement: 10x faster),
# and ftl's peak RSS on that mbox and on one 10 times larger (the same
# mbox concatenated ten times; requirement: under 100 MiB and flat).
# Runs in bench/work/mailbox/ (bench/run.sh); the large files are removed
# at the end.
. "$(dirname "$0")/lib.sh"
top=$(cd "$(dirname "$0")/.." && pwd)
mib=${MAILBOX_MIB:-200}
runs=${MAILBOX_RUNS:-5}

if [ ! -f mail.mbox ] || [ "$(stat -c %s mail.mbox)" -lt $((mib << 20)) ]; then
    python3 "$top/tests/fixtures/mkmbox.py" mail.mbox "$mib" 1 2>/dev/null
fi
bytes=$(stat -c %s mail.mbox)

# The script an examiner would write: every message, every part that is
# an attachment by ftl's rule, MD5 and SHA-256 of the decoded bytes, and
# the members of tar / tar.gz / zip attachments.
cat > examiner.py <<'PY'
import hashlib, io, mailbox, sys, tarfile, zipfile

def digests(name, data):
    print(name, len(data), hashlib.md5(data).hexdigest(),
          hashlib.sha256(data).hexdigest())

for msg in mailbox.mbox(sys.argv[1]):
    for part in msg.walk():
        if part.is_multipart():
            continue
        name = part.get_filename()
        if not (name or part.get_content_disposition() == 'attachment'
                or part.get_content_maintype() not in ('text', 'message')):
            continue
        data = part.get_payload(decode=True) or b''
        digests(name, data)
        low = (name or '').lower()
        if low.endswith(('.tar', '.tgz', '.tar.gz')):
            with tarfile.open(fileobj=io.BytesIO(data)) as t:
                for m in t:
                    if m.isfile():
                        digests(m.name, t.extractfile(m).read())
        elif low.endswith('.zip'):
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                for m in z.namelist():
                    digests(m, z.read(m))
PY

measure sha "$runs" "sha256sum mail.mbox"
measure ftl "$runs" "rm -f b.ftl && '$FTL' collect mailbox -q -c b.ftl mail.mbox"
measure py 1 "python3 examiner.py mail.mbox > py.out"
# Both computed the same digests?
sqlite3 b.ftl "SELECT sha256 FROM attachments WHERE sha256 IS NOT NULL" |
    sort > ftl.sha
cut -d' ' -f4 py.out | sort > py.sha
if cmp -s ftl.sha py.sha; then same="yes"; else same="**no**"; fi
ndig=$(wc -l < ftl.sha)
nmsg=$(sqlite3 b.ftl "SELECT count(*) FROM messages")

# Ten times the size: the same mbox ten times over.
i=0
: > big10.mbox
while [ $i -lt 10 ]; do cat mail.mbox >> big10.mbox; i=$((i + 1)); done
measure ftl10 1 "rm -f b10.ftl && '$FTL' collect mailbox -q -c b10.ftl big10.mbox"
bytes10=$(stat -c %s big10.mbox)
nmsg10=$(sqlite3 b10.ftl "SELECT count(*) FROM messages")
rm -f big10.mbox b10.ftl b10.ftl-journal

mbs() { awk -v b="$1" -v s="$2" 'BEGIN { if (s <= 0) s = 0.001; printf "%.0f", b / 1048576 / s }'; }
thr_ratio=$(ratio "$sha_s" "$ftl_s")
py_ratio=$(ratio "$py_s" "$ftl_s")
rss=$(awk -v k="$ftl_kb" 'BEGIN { printf "%.1f", k / 1024 }')
rss10=$(awk -v k="$ftl10_kb" 'BEGIN { printf "%.1f", k / 1024 }')
rss_growth=$(ratio "$ftl10_kb" "$ftl_kb")
ok_thr=0; le 0.5 "$thr_ratio" && ok_thr=1
ok_py=0; le 10 "$py_ratio" && ok_py=1
ok_rss=0; le "$ftl10_kb" 102400 && le "$ftl_kb" 102400 && ok_rss=1
# The case's SQLite page cache (PRAGMA cache_size, 32 MiB) fills as the
# case grows: that much growth is the store's, not the mail reader's.
ok_flat=0; le "$ftl10_kb" $((ftl_kb + 32768)) && ok_flat=1
# CPU seconds (user + system) of one more run of each, for a machine
# whose other core is busy.
cpu() { /usr/bin/time -f '%U %S' -o cpu.one sh -c "$1" >/dev/null 2>&1; awk '{ printf "%.2f", $1 + $2 }' cpu.one; }
sha_cpu=$(cpu "sha256sum mail.mbox")
ftl_cpu=$(cpu "rm -f c.ftl && '$FTL' collect mailbox -q -c c.ftl mail.mbox")

cat <<EOF
## ftl collect mailbox

Generated mbox: $(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1048576 }') MiB,
$nmsg messages, $ndig attachment and archive-member digests
(\`python3 tests/fixtures/mkmbox.py mail.mbox $mib 1\`).  The 10x file is
that mbox concatenated ten times
($(awk -v b="$bytes10" 'BEGIN { printf "%.0f", b / 1048576 }') MiB, $nmsg10 messages).
ftl runs with its defaults (indicator pack on, archives listed).

\`\`\`
sha256sum mail.mbox
ftl collect mailbox -q -c b.ftl mail.mbox
python3 examiner.py mail.mbox      # mailbox + email + hashlib + tarfile
ftl collect mailbox -q -c b10.ftl big10.mbox
\`\`\`

| command | seconds | MiB/s | peak RSS (MiB) |
| --- | ---: | ---: | ---: |
| sha256sum | $sha_s | $(mbs "$bytes" "$sha_s") | $(awk -v k="$sha_kb" 'BEGIN { printf "%.1f", k / 1024 }') |
| ftl collect mailbox | $ftl_s | $(mbs "$bytes" "$ftl_s") | $rss |
| Python examiner script | $py_s | $(mbs "$bytes" "$py_s") | $(awk -v k="$py_kb" 'BEGIN { printf "%.1f", k / 1024 }') |
| ftl collect mailbox, 10x | $ftl10_s | $(mbs "$bytes10" "$ftl10_s") | $rss10 |

Python and ftl computed the same SHA-256 digests: $same.

- Throughput at least half of sha256sum's: ftl/sha256sum = $thr_ratio: $(verdict $ok_thr)
- At least 10x the Python script: $py_ratio x: $(verdict $ok_py)
- Peak RSS under 100 MiB: $rss MiB, $rss10 MiB at 10x: $(verdict $ok_rss)
- Peak RSS flat at 10x (growth within the case's 32 MiB SQLite page
  cache): $rss_growth x, +$(awk -v a="$ftl10_kb" -v b="$ftl_kb" 'BEGIN { printf "%.1f", (a - b) / 1024 }') MiB: $(verdict $ok_flat)

CPU time (user + system) of one more run: sha256sum $sha_cpu s, ftl
$ftl_cpu s.  ftl hashes attachments (MD5) and the plain evidence file
(SHA-256) on a second thread, next to the parsing thread; the figures
above assume that the machine's second core is free.  On a loaded
machine ftl's wall time approaches its CPU time.  Load average when the
bench ended: $(cut -d' ' -f1-3 /proc/loadavg).
EOF
