# Evidence never makes ftl run a program: libarchive can hand lrzip, lzop
# or grzip data to an external command found in $PATH; ftl enables only
# the filters libarchive has built in.  A fake lrzip on PATH would leave
# a marker if it ran.
. "$(dirname "$0")/lib.sh"
mkdir bin store
cat > bin/lrzip <<SH
#!/bin/sh
touch "$PWD/ran"
cat
SH
chmod +x bin/lrzip
# gzip around lrzip's magic: libarchive peels the gzip, then bids on LRZI
{ printf 'LRZI\000\006'; head -c 200 /dev/zero; } | gzip -c > store/docs.tar.gz
cp store/docs.tar.gz store/cv.gz
PATH="$PWD/bin:$PATH" "$FTL" collect hr -c hr.ftl store/docs.tar.gz \
    > /dev/null 2> hr.err || true
PATH="$PWD/bin:$PATH" "$FTL" collect hr -c hr2.ftl store > /dev/null 2>&1 || true
test ! -e ran || die "a program named by evidence was run"
# (and the data really reached libarchive: it was read, or refused by it)
grep -q "Unrecognized archive format\|document read\|documents read" hr.err ||
    { cat hr.err; die "the archive store was not read at all"; }
# the same data attached to a message
python3 - store/docs.tar.gz > mail.eml <<'PY'
import base64, sys
data = open(sys.argv[1], 'rb').read()
print("From: a@example.org\nTo: b@example.org\nSubject: x\n"
      "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b\n\n"
      "--b\nContent-Type: text/plain\n\nhi\n--b\n"
      "Content-Type: application/gzip; name=docs.tar.gz\n"
      "Content-Transfer-Encoding: base64\n\n" +
      base64.encodebytes(data).decode() + "--b--")
PY
PATH="$PWD/bin:$PATH" "$FTL" collect mailbox -c mb.ftl mail.eml > /dev/null 2>&1 || true
test ! -e ran || die "a program named by a mail attachment was run"
expect_eq "attachment read" "$(sql mb.ftl "SELECT count(*) FROM attachments
    WHERE filename = 'docs.tar.gz'")" 1
