# The CSV timeline: Timesketch columns, sorted by time, the source's own
# fraction, microsecond timestamps, filters, injection neutralised, BOM,
# local-time column, and single tables.
. "$(dirname "$0")/lib.sh"
sh "$FIXTURES/mkext4.sh" gen.ext4 >/dev/null
fls -r -m / gen.ext4 > gen.body
{
    cat gen.body
    echo '0|/frac|99|r/rrw-r--r--|0|0|1|1684066332.123456789|0|0|0'
    echo '0|=HYPERLINK("http://x")|98|r/rrw-r--r--|0|0|1|-1.5|0|0|0'
} > in.body
"$FTL" collect bodyfile -c case.ftl in.body 2>/dev/null
"$FTL" export csv -c case.ftl -o all.csv
head -1 all.csv | tr -d '\r' > header
expect_eq header "$(cat header)" \
    "event_id,datetime,timestamp,timestamp_desc,message,source,artifact,evidence_id,evidence,locator,raw_time,tz_assumed,flags,ioc"
expect_eq rows "$(csv_col all.csv event_id | wc -l)" "$(sql case.ftl 'SELECT count(*) FROM events')"
# sorted by time
csv_col all.csv timestamp > ts
sort -n -c ts || die "timeline not sorted"
# fractions as the source gave them; pre-1970 right
expect_grep '2023-05-14T12:12:12Z' all.csv
expect_grep '2023-05-14T12:12:12.123456789Z,1684066332123456,Last Access Time' all.csv
expect_grep '1969-12-31T23:59:58.5Z,-1500000,Last Access Time' all.csv
# formula neutralised inside a quoted cell
expect_grep "\"'=HYPERLINK(\"\"http://x\"\")" all.csv
# deleted flag in words
expect_grep ',deleted,' all.csv
# --from/--to: inclusive bounds
"$FTL" export csv -c case.ftl --from 2023-05-14T12:12:12.123456789Z \
    --to 2023-05-14T12:12:12.123456789Z -o one.csv
expect_eq "from/to rows" "$(csv_col one.csv event_id | wc -l)" 1
"$FTL" export csv -c case.ftl --to 1970-01-01 -o old.csv
expect_eq "pre-1970 rows" "$(csv_col old.csv event_id | wc -l)" 1
# BOM and local time
"$FTL" export csv -c case.ftl --bom --tz Europe/Brussels --from 2023-05-14 --to 2023-05-15 -o bom.csv
expect_eq bom "$(head -c 3 bom.csv | od -An -tx1 | tr -d ' ')" efbbbf
expect_grep '2023-05-14T14:12:12.123456789+02:00' bom.csv
expect_rc 2 "$FTL" export csv -c case.ftl --tz Mars/Olympus
expect_rc 2 "$FTL" export csv -c case.ftl --from yesterday
# single tables, time columns as RFC 3339
"$FTL" export csv -c case.ftl --table files -o files.csv
expect_eq "files rows" "$(csv_col files.csv path | wc -l)" "$(wc -l < in.body | tr -d ' ')"
expect_grep '2023-05-14T12:12:12.123456789Z' files.csv
for t in evidence events warnings audit iocs ioc_hits case_info; do
    "$FTL" export csv -c case.ftl --table $t -o $t.csv
    test -s $t.csv || die "empty export of $t"
done
expect_grep '^id,command,argv' audit.csv
expect_rc 2 "$FTL" export csv -c case.ftl --table 'files; DROP TABLE files'
expect_rc 2 "$FTL" export csv -c case.ftl --table nosuch
"$FTL" export csv -c case.ftl --table files --raw -o raw.csv
expect_grep ',1684066332123456789,' raw.csv
# the output file is all-or-nothing: a failed export leaves none
expect_rc 2 "$FTL" export csv -c case.ftl --table nosuch -o none.csv
test ! -e none.csv || die "failed export left a file"
# --raw: ftl's own negative numbers are numbers, not neutralised text
expect_grep ',-1500000000,' raw.csv
expect_no_grep "'-1500000000" raw.csv
# options that do not belong to a form of export are refused early
expect_rc 2 "$FTL" export bodyfile -c case.ftl --bom
expect_rc 2 "$FTL" export csv -c case.ftl --ns
expect_rc 2 "$FTL" export csv -c case.ftl --table files --from 2023-01-01
expect_rc 2 "$FTL" export jsonl -c case.ftl --table files -o never.jsonl
test ! -e never.jsonl || die "a refused export created its file"
# the case's display zone (ftl init --tz) gives the local_time column
"$FTL" init -c case.ftl --tz Europe/Brussels 2>/dev/null
"$FTL" export csv -c case.ftl --from 2023-05-14 --to 2023-05-15 -o zoned.csv
expect_grep ',local_time' zoned.csv
expect_grep '2023-05-14T14:12:12.123456789+02:00' zoned.csv
