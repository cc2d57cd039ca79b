# Indicators on a disk image: the default pack flags the UNC4841 files of
# the appliance image (also deleted ones), --hash adds MD5/SHA-256 of
# every regular file (checked against md5sum and fls -h) and a pack of
# our own matches them; hits show in the CSV, in --ioc-only and in
# --table ioc_hits with the indicator in words.
. "$(dirname "$0")/lib.sh"
sh "$FIXTURES/mkappliance.sh" app.ext4 tree >/dev/null

# --- the default pack ---------------------------------------------------
"$FTL" collect disk -c def.ftl app.ext4 2>/dev/null
hit() { sql def.ftl "SELECT count(*) FROM ioc_hits h JOIN files f ON f.id = h.file_id
                     WHERE f.path = '$1' AND h.ioc_value = '$2'"; }
expect_eq "cron persistence" "$(hit /etc/cron.hourly/aacore.sh /etc/cron.hourly/aacore.sh)" 1
expect_eq "cron file name" "$(hit /etc/cron.hourly/aacore.sh aacore.sh)" 1
expect_eq "deleted fifo" "$(hit /tmp/p /tmp/p)" 1
expect_eq "staging regex" "$(sql def.ftl "SELECT count(*) FROM ioc_hits WHERE ioc_type = 'path_regex'
    AND context = '/mail/tmp/abc123.tar.gz'")" 1
expect_eq "staging dir" "$(sql def.ftl "SELECT count(*) FROM ioc_hits WHERE context = '/usr/share/.uc/list'")" 1
# nothing else in the image is an indicator (nor /odd/`id`.tar: file
# names on a disk are not checked against the shell-name rule, see
# docs/DESIGN.md "Disk images")
expect_eq "hits" "$(sql def.ftl "SELECT count(*) FROM ioc_hits")" 6
# the hit flags the events of that entry, deleted ones too
expect_eq "flagged events of /tmp/p" "$(sql def.ftl "SELECT count(*) FROM events
    WHERE locator LIKE '% /tmp/p' AND flags & 4 AND flags & 1")" \
    "$(sql def.ftl "SELECT count(*) FROM events WHERE locator LIKE '% /tmp/p'")"
"$FTL" export csv -c def.ftl -o all.csv
"$FTL" export csv -c def.ftl --ioc-only -o hits.csv
expect_eq "ioc-only rows" "$(csv_col hits.csv event_id | wc -l)" \
    "$(sql def.ftl "SELECT count(*) FROM events WHERE flags & 4")"
csv_col hits.csv ioc | sort -u > ioc.col
expect_grep "reverse-shell FIFO: path /tmp/p" ioc.col
expect_grep "persistence (cron): path /etc/cron.hourly/aacore.sh" ioc.col
csv_col hits.csv flags | sort -u > flags.col
expect_grep "deleted;ioc" flags.col
"$FTL" export csv -c def.ftl --table ioc_hits -o ioc_hits.csv
csv_col ioc_hits.csv description > desc
expect_grep "path '/tmp/p' matches indicator path '/tmp/p' (reverse-shell FIFO" desc
csv_col ioc_hits.csv ioc_source | sort -u > src
expect_grep "SigmaHQ" src
"$FTL" info -c def.ftl > info.txt
expect_grep "indicator hits: 6" info.txt
# --no-iocs: no checks at all
"$FTL" collect disk --no-iocs -c none.ftl app.ext4 2>/dev/null
expect_eq "no-iocs" "$(sql none.ftl "SELECT count(*) FROM ioc_hits")" 0

# --- --hash and a pack of our own ---------------------------------------
implant_md5=$(md5sum tree/opt/tools/implant.bin | cut -d' ' -f1)
report_sha=$(sha256sum tree/docs/report.txt | cut -d' ' -f1)
cat > pack.csv <<PACK
type,value,family,note,source
md5,$implant_md5,TESTIMPLANT,made by the test,t_disk_iocs.sh
sha256,$report_sha,TESTDOC,made by the test,t_disk_iocs.sh
filename,hard1,TESTNAME,two names and a third link,t_disk_iocs.sh
PACK
"$FTL" collect disk --hash --iocs pack.csv -c own.ftl app.ext4 2>/dev/null
expect_eq "md5 hit" "$(sql own.ftl "SELECT f.path FROM ioc_hits h JOIN files f ON f.id = h.file_id
    WHERE h.ioc_type = 'md5'")" /opt/tools/implant.bin
expect_eq "sha256 hit" "$(sql own.ftl "SELECT context FROM ioc_hits WHERE ioc_type = 'sha256'")" \
    /docs/report.txt
expect_eq "name hits" "$(sql own.ftl "SELECT count(*) FROM ioc_hits WHERE ioc_value = 'hard1'")" 1
expect_eq "own pack only" "$(sql own.ftl "SELECT count(*) FROM iocs")" 3
# every regular file's hashes equal md5sum / sha256sum of the tree
sql own.ftl "SELECT path, md5, sha256 FROM files WHERE mode LIKE 'r/r%' AND deleted = 0
             AND path NOT LIKE '/odd/%' AND path NOT LIKE '/var/spool/%'" |
while IFS='|' read -r p m s; do
    expect_eq "md5 of $p" "$m" "$(md5sum "tree$p" | cut -d' ' -f1)"
    expect_eq "sha256 of $p" "$s" "$(sha256sum "tree$p" | cut -d' ' -f1)"
done
expect_eq "hashed files" "$(sql own.ftl "SELECT count(*) FROM files WHERE mode LIKE 'r/r%' AND md5 IS NULL")" 0
# ... and fls -h prints the same MD5 for every regular file (deleted too)
"$FTL" export bodyfile -c own.ftl -o own.body 2>/dev/null
awk -F'|' '$(NF-7) ~ /^r\/r/' own.body > own.reg
fls -h -r -m / app.ext4 | awk -F'|' '$(NF-7) ~ /^r\/r/' > fls.reg
same_lines own.reg fls.reg
# deleted files are hashed where the content reads, and marked
expect_eq "deleted hash note" "$(sql own.ftl "SELECT hash_note FROM files WHERE path = '/tmp/p'")" \
    "deleted: content read from unallocated space, may be overwritten"
expect_eq "deleted content" "$(sql own.ftl "SELECT md5 FROM files WHERE path = '/tmp/p'")" \
    "$(echo fifo | md5sum | cut -d' ' -f1)"
# a bad pack is a usage error, before anything is read
printf 'type,value\nmd5,nothex\n' > bad.csv
expect_rc 2 "$FTL" collect disk --iocs bad.csv -c bad.ftl app.ext4
