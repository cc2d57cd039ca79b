# fls -r -m / of real and generated images -> ftl collect bodyfile ->
# ftl export bodyfile gives back the same lines (as a multiset), with the
# events one per non-zero time.
. "$(dirname "$0")/lib.sh"
sh "$FIXTURES/mkext4.sh" gen.ext4 >/dev/null
n=0
for img in gen.ext4 "$SAMPLES/disk/image.dd" "$SAMPLES/disk/hierarchy_64.ext4" \
           "$SAMPLES/disk/fat12.img" "$SAMPLES/disk/testfs1"; do
    n=$((n + 1))
    fls -r -m / "$img" > in$n.body
    "$FTL" collect bodyfile -c c$n.ftl in$n.body 2> err$n
    "$FTL" export bodyfile -c c$n.ftl -o out$n.body
    same_lines in$n.body out$n.body
    # one event per non-zero time field
    want=$(awk -F'|' '{for (i = NF - 3; i <= NF; i++) if ($i != "0") n++}
                      END {print n + 0}' in$n.body)
    expect_eq "events of $img" "$(sql c$n.ftl 'SELECT count(*) FROM events')" "$want"
    expect_eq "files of $img" "$(sql c$n.ftl 'SELECT count(*) FROM files')" \
        "$(wc -l < in$n.body | tr -d ' ')"
done
# the deleted state is a column, not only a suffix
expect_eq "deleted rows" "$(sql c1.ftl "SELECT count(*) FROM files WHERE deleted = 1")" 2
expect_eq "pipe name" "$(sql c1.ftl "SELECT count(*) FROM files WHERE path = '/docs/pipe|name.txt'")" 1
# --ns keeps the fraction a body file had
printf '0|/f|1|r/rrw-r--r--|0|0|3|1684066332.123456789|-0.5|0|-86400\n' > frac.body
"$FTL" collect bodyfile -c frac.ftl frac.body 2>/dev/null
expect_eq "ns body" "$("$FTL" export bodyfile -c frac.ftl --ns)" \
    "0|/f|1|r/rrw-r--r--|0|0|3|1684066332.123456789|-0.500000000|0|-86400.000000000"
expect_eq "fls-style body" "$("$FTL" export bodyfile -c frac.ftl)" \
    "0|/f|1|r/rrw-r--r--|0|0|3|1684066332|4294967295|0|4294880896"
# the --ns output reads back as the same nanoseconds
"$FTL" export bodyfile -c frac.ftl --ns -o again.body
"$FTL" collect bodyfile -c again.ftl again.body 2>/dev/null
expect_eq "ns round trip" "$(sql again.ftl 'SELECT mtime FROM files')" -500000000
