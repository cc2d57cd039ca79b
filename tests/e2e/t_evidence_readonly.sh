# Evidence files are byte-identical after every command (and keep their
# modification time).
. "$(dirname "$0")/lib.sh"
fls -r -m / "$SAMPLES/disk/image.dd" > e.body
gzip -c e.body > e.body.gz
chmod 0444 e.body e.body.gz
# an access time in the past: a read without O_NOATIME would move it
touch -a -d '2000-01-01 00:00:00 UTC' e.body e.body.gz
s1=$(sha e.body) s2=$(sha e.body.gz) m1=$(stat -c %Y e.body)
a1=$(stat -c %X e.body) a2=$(stat -c %X e.body.gz)
s3=$(sha "$SAMPLES/disk/image.dd")
"$FTL" collect bodyfile -c case.ftl e.body e.body.gz 2>/dev/null
"$FTL" collect bodyfile -c case.ftl e.body 2>/dev/null
"$FTL" export csv -c case.ftl -o t.csv
"$FTL" export bodyfile -c case.ftl -o t.body
"$FTL" info -c case.ftl > /dev/null
expect_eq "body sha" "$(sha e.body)" "$s1"
expect_eq "gz sha" "$(sha e.body.gz)" "$s2"
expect_eq "mtime" "$(stat -c %Y e.body)" "$m1"
expect_eq "atime" "$(stat -c %X e.body)" "$a1"
expect_eq "gz atime" "$(stat -c %X e.body.gz)" "$a2"
expect_eq "image sha" "$(sha "$SAMPLES/disk/image.dd")" "$s3"
# the evidence row holds the SHA-256 of the bytes as stored
expect_eq "stored sha" "$(sql case.ftl "SELECT sha256 FROM evidence WHERE path = 'e.body'")" "$s1"
expect_eq "gz stored sha" "$(sql case.ftl "SELECT sha256 FROM evidence WHERE path = 'e.body.gz'")" "$s2"
