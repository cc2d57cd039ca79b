# Indicators end to end through the body-file collector: the default pack,
# a custom pack, --no-iocs, the ioc column, --ioc-only, --table ioc_hits,
# ftl info; a bad pack is a usage error naming its line.
. "$(dirname "$0")/lib.sh"
{
    echo '0|/etc/cron.hourly/aacore.sh|12|r/rrwxr-xr-x|0|0|100|1684066332|1684066332|1684066332|0'
    echo '0|/var/tmp/p (deleted)|13|r/rrw-r--r--|0|0|5|1684066333|1684066333|1684066333|0'
    echo '827d507aa3bde0ef903ca5dec60cdec8|/lib/mod_x.so|14|r/rrwxr-xr-x|0|0|9|1684066334|0|0|0'
    echo '0|/mail/tmp/abc123.tar.gz|15|r/rrw-r--r--|0|0|9|1684066335|0|0|0'
    echo '0|/home/user/notes.txt|16|r/rrw-r--r--|0|0|9|1684066336|0|0|0'
} > iocs.body
"$FTL" collect bodyfile -c case.ftl iocs.body 2> collect.err
expect_grep "5 indicator hits" collect.err
expect_eq "flagged items" "$(sql case.ftl "SELECT count(DISTINCT locator) FROM events WHERE flags & 4")" 4
"$FTL" export csv -c case.ftl -o all.csv
"$FTL" export csv -c case.ftl --ioc-only -o hits.csv
expect_eq "ioc-only rows" "$(csv_col hits.csv event_id | wc -l)" 8
csv_col hits.csv ioc | sort -u > families
expect_grep "persistence (cron): filename aacore.sh\|persistence (cron): path /etc/cron.hourly/aacore.sh" families
expect_grep "SALTWATER: md5 827d507aa3bde0ef903ca5dec60cdec8" families
expect_grep "reverse-shell FIFO: path /tmp/p" families
expect_grep "exfil staging: path_regex" families
# the clean file is not flagged
expect_eq "clean" "$(csv_col all.csv message | grep -c notes.txt)" 1
expect_eq "clean flags" "$(grep notes.txt all.csv | grep -c ',ioc,\|;ioc,')" 0
"$FTL" export csv -c case.ftl --table ioc_hits -o ioc_hits.csv
expect_grep "^id,evidence_id,ioc_id,ioc_type,ioc_value,family,ioc_source" ioc_hits.csv
expect_grep "matches indicator" ioc_hits.csv
expect_grep "github:SigmaHQ" ioc_hits.csv
"$FTL" info -c case.ftl > info.txt
expect_grep "indicator hits: [4-9]" info.txt
# --no-iocs: nothing checked
"$FTL" collect bodyfile -c none.ftl --no-iocs iocs.body 2>/dev/null
expect_eq "no-iocs hits" "$(sql none.ftl 'SELECT count(*) FROM ioc_hits')" 0
expect_eq "no-iocs pack" "$(sql none.ftl 'SELECT count(*) FROM iocs')" 0
# a custom pack replaces the default one
printf 'type,value,family,note,source\nfilename,notes.txt,test family,a note,unit test\n' > pack.csv
"$FTL" collect bodyfile -c custom.ftl --iocs pack.csv iocs.body 2>/dev/null
expect_eq "custom hits" "$(sql custom.ftl 'SELECT family FROM ioc_hits')" "test family"
# a bad pack is a usage error that names the line
printf 'type,value\nfilename,ok.txt\nbogus,x\n' > bad.csv
expect_rc 2 "$FTL" collect bodyfile -c bad.ftl --iocs bad.csv iocs.body 2> bad.err
expect_grep "bad.csv:3" bad.err
# a collect that fails before reading still closes its audit row cleanly
"$FTL" collect bodyfile -c broken.ftl --no-iocs iocs.body 2>/dev/null
sqlite3 broken.ftl 'DROP TABLE iocs'
expect_rc 1 "$FTL" collect bodyfile -c broken.ftl iocs.body 2>/dev/null
expect_eq "audit counts" "$(sql broken.ftl "SELECT quote(counts) FROM audit ORDER BY id DESC LIMIT 1")" "''"
