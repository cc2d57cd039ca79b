# Year-less logs across New Year: one file dated by its own time, a .gz
# dated by its gzip member's time, and a rotated set (maillog.2.gz,
# maillog.1, maillog) given in any order, read oldest first and dated
# from the newest file even when the older ones lost their times.
. "$(dirname "$0")/lib.sh"
start=$(date -u -d 2022-12-31T23:20:00Z +%s)
sh "$FIXTURES/mkpostfix.sh" all.log 20000 "$start"
dec=$(grep -c '^Dec 31 ' all.log)
jan=$(grep -c '^Jan ' all.log)
test "$dec" -gt 1000 && test "$jan" -gt 1000 || die "the log does not cross New Year"
expect_eq "all lines are Dec 31 or Jan" "$((dec + jan))" "$(wc -l < all.log)"
y2022=$(date -u -d 2023-01-01 +%s)000000000
years() {
    sql "$1" "SELECT sum(ts < $y2022) || ' ' || sum(ts >= $y2022) || ' ' ||
        min(strftime('%Y', ts / 1000000000, 'unixepoch')) || ' ' ||
        max(strftime('%Y', ts / 1000000000, 'unixepoch')) FROM events"
}

# one file, written on New Year's Day: the December lines are 2022
expect_rc 0 "$FTL" collect maillog -q -c one.ftl all.log
expect_eq "one file" "$(years one.ftl)" "$dec $jan 2022 2023"
expect_eq "one file: year" "$(sql one.ftl "SELECT year FROM evidence")" 2022

# gzip keeps the time of the file it packed: it wins over the .gz's own
gzip -c all.log > all.log.gz
touch -d 2030-06-01 all.log.gz
expect_rc 0 "$FTL" collect maillog -q -c gz.ftl all.log.gz
expect_eq "gz" "$(years gz.ftl)" "$dec $jan 2022 2023"
expect_grep "year_source=gzip-mtime:2023-01-01" "$(sql gz.ftl "SELECT options FROM evidence" > g.txt; echo g.txt)"

# a rotated set; only the newest file kept its time
n=$(wc -l < all.log)
a=$((n / 3))
head -n "$a" all.log > maillog.2
sed -n "$((a + 1)),$((2 * a))p" all.log > maillog.1
tail -n "+$((2 * a + 1))" all.log > maillog
touch -d "@$(date -u -r all.log +%s)" maillog
gzip -n maillog.2
touch -d 2030-01-01 maillog.2.gz maillog.1
sums=$(cat maillog maillog.1 maillog.2.gz | sha256sum)
expect_rc 0 "$FTL" collect maillog -q -c set.ftl maillog maillog.2.gz maillog.1
expect_eq "set" "$(years set.ftl)" "$dec $jan 2022 2023"
expect_eq "read oldest first" "$(sql set.ftl "SELECT group_concat(path, ' ') FROM
    (SELECT path FROM evidence ORDER BY id)")" "maillog.2.gz maillog.1 maillog"
for f in maillog.2.gz maillog.1 maillog; do
    first=$(if [ "$f" = maillog.2.gz ]; then zcat "$f"; else cat "$f"; fi | head -c 3)
    want=2023
    [ "$first" = Dec ] && want=2022
    expect_eq "year of $f" "$(sql set.ftl "SELECT year FROM evidence WHERE path = '$f'")" "$want"
done
expect_eq "same events as one file" "$(sql set.ftl "SELECT count(*) FROM events")" \
    "$(sql one.ftl "SELECT count(*) FROM events")"
expect_eq "evidence untouched" "$(cat maillog maillog.1 maillog.2.gz | sha256sum)" "$sums"
# alone, the old files would be dated from their wrong times
# (January 2030: a last line in January is 2030, one in December 2029)
expect_rc 0 "$FTL" collect maillog -q -c alone.ftl maillog.1
want=2030
[ "$(tail -n 1 maillog.1 | cut -c1-3)" = Dec ] && want=2029
expect_eq "alone: wrong year, as its time says" \
    "$(sql alone.ftl "SELECT max(strftime('%Y', ts / 1000000000, 'unixepoch')) FROM events")" "$want"
# --year: the year of the first line of the set
expect_rc 0 "$FTL" collect maillog -q -c year.ftl --year 2019 maillog.1 maillog maillog.2.gz
expect_eq "--year" "$(years year.ftl | cut -d' ' -f3-)" "2019 2020"
# the same file twice in a set (a copy under a rotated name): its months
# count once, the copy is already in the case
cp -p all.log all.log.1
expect_rc 0 "$FTL" collect maillog -c twice.ftl all.log all.log.1 2> twice.err
expect_grep "already in the case as evidence #1" twice.err
expect_eq "twice" "$(years twice.ftl)" "$dec $jan 2022 2023"
# a rotation exactly at New Year: the newer file's first line is January
k=$(grep -n -m1 '^Jan ' all.log | cut -d: -f1)
head -n $((k - 1)) all.log > ny.1
tail -n "+$k" all.log > ny
touch -r all.log ny
touch -d 2030-01-01 ny.1
expect_rc 0 "$FTL" collect maillog -q -c ny.ftl ny ny.1
expect_eq "New Year split" "$(sql ny.ftl "SELECT group_concat(path || '=' || year, ' ') FROM
    (SELECT path, year FROM evidence ORDER BY id)")" "ny.1=2022 ny=2023"
expect_eq "New Year split events" "$(years ny.ftl)" "$dec $jan 2022 2023"
# a line out of sequence at the end of the older file: no new year
printf 'May 10 10:00:00 h p[1]: a\nMar  3 10:00:01 h p[1]: stray at the end\n' > st.1
printf 'May 10 10:00:02 h p[1]: b\n' > st
touch -d 2023-05-10T12:00:00Z st st.1
expect_rc 0 "$FTL" collect maillog -c st.ftl st st.1 2> st.err
expect_grep "st.1:line 2: month 3 out of sequence" st.err
expect_eq "stray across files" "$(sql st.ftl "SELECT group_concat(d, ' ') FROM (SELECT
    strftime('%Y-%m-%d', ts / 1000000000, 'unixepoch') AS d FROM events ORDER BY id)")" \
    "2023-05-10 2023-03-03 2023-05-10"
expect_eq "stray across files: years" "$(sql st.ftl "SELECT group_concat(year, ' ') FROM evidence")" "2023 2023"
