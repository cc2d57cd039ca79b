# A failed or partial item does not block the next collect: it is read
# again.  The new reading replaces it when it is better, or another
# command's reading; the same reading keeps it as it was (and a failure
# is still a failure: exit 1).  Never doubled: the rows of the earlier
# reading go with it, in the same transaction.
. "$(dirname "$0")/lib.sh"
printf 'employee_no,first_name,last_name,email\nE1001,Jean,Dupont,jean.dupont@acme.example\n' > register.csv

# the register given to the disk collector by mistake: failed
expect_rc 1 "$FTL" collect disk -c case.ftl register.csv 2> first.err
expect_eq "failed" "$(sql case.ftl "SELECT status FROM evidence")" failed
w1=$(sql case.ftl "SELECT count(*) FROM warnings")
# the same command again: read again, not "already in the case ... nothing added"
expect_rc 1 "$FTL" collect disk -c case.ftl register.csv 2> again.err
expect_grep "register.csv: already in the case as evidence #1, which was failed: read again, failed (the same result); evidence #1 kept as it was" again.err
expect_no_grep "nothing added" again.err
expect_grep "0 evidence items added, 1 already in the case, 1 failed" again.err
expect_eq "one row" "$(sql case.ftl "SELECT count(*) FROM evidence")" 1
expect_eq "warnings not doubled" "$(sql case.ftl "SELECT count(*) FROM warnings")" "$w1"
# corrected: the register, as what it is
expect_rc 0 "$FTL" collect staff -c case.ftl register.csv 2> staff.err
expect_grep "register.csv: 1 person added" staff.err
expect_eq "a person" "$(sql case.ftl "SELECT count(*) FROM persons")" 1
# the corrected command (other options) replaces the failed reading
expect_rc 1 "$FTL" collect disk -c case.ftl --hash register.csv 2> hash.err
expect_grep "register.csv: replaces evidence #1 (read again: evidence #1 was failed; options then: --tz=UTC; now: --hash --tz=UTC)" hash.err
expect_eq "the record" "$(sql case.ftl "SELECT group_concat(id || ' ' || kind || ' ' || status || ' ' || superseded_by, ', ') FROM evidence")" \
    "1 disk replaced 3, 2 staff complete 0, 3 disk failed 0"
expect_eq "its warnings moved on" "$(sql case.ftl "SELECT count(*) FROM warnings WHERE evidence_id = 1")" 0
expect_eq "the new reading's" "$(sql case.ftl "SELECT count(*) FROM warnings WHERE evidence_id = 3")" "$w1"
expect_eq "its places moved on" "$(sql case.ftl "SELECT count(*) FROM evidence_places WHERE evidence_id = 1")" 0
expect_grep "evidence #1 replaced by #3 (register.csv): read again: evidence #1 was failed" /dev/stdin <<EOF
$(sql case.ftl "SELECT note FROM audit WHERE id = (SELECT max(id) FROM audit)")
EOF

# partial, then complete: an image whose mail logs could not be spooled
# (no temporary folder) is partial; read again it is complete and
# replaces the partial reading, children and all, nothing doubled
sh "$FIXTURES/mkappliance.sh" app.ext4 >/dev/null
TMPDIR=$PWD/no-such-dir "$FTL" collect disk -c img.ftl app.ext4 2> partial.err
expect_grep "cannot create a spool file" partial.err
expect_eq "partial" "$(sql img.ftl "SELECT status || ' ' || count(*) FROM evidence")" "partial 1"
"$FTL" collect disk -c img.ftl app.ext4 2> whole.err
expect_grep "app.ext4: replaces evidence #1 (read again: evidence #1 was partial; the same options); its 223 events, 56 files and 5 warnings were removed" whole.err
expect_eq "complete" "$(sql img.ftl "SELECT status FROM evidence WHERE kind = 'disk' AND superseded_by = 0")" complete
expect_eq "children" "$(sql img.ftl "SELECT count(*) FROM evidence WHERE parent_id = 2")" 4
sql img.ftl "SELECT count(*) FROM events" > n1
sql img.ftl "SELECT count(*) FROM files" > f1
expect_eq "files once" "$(cat f1)" "$(sql img.ftl "SELECT count(*) FROM files WHERE evidence_id = 2")"
expect_eq "old warnings gone" "$(sql img.ftl "SELECT count(*) FROM warnings")" 0
# a fresh case of the same image holds the same
"$FTL" collect disk -c fresh.ftl app.ext4 2>/dev/null
expect_eq "as a fresh case" "$(cat n1)" "$(sql fresh.ftl "SELECT count(*) FROM events")"
# and now it is complete: again adds nothing
"$FTL" collect disk -c img.ftl app.ext4 2> third.err
expect_grep "app.ext4: already in the case as evidence #2 (sha256 .*): nothing added" third.err
expect_eq "events" "$(sql img.ftl "SELECT count(*) FROM events")" "$(cat n1)"

# a partial mail log (cut .gz) read again the same: kept, exit 0
sh "$FIXTURES/mkpostfix.sh" big.log.gz 2000
head -c 20000 big.log.gz > cut.log.gz
"$FTL" collect maillog -c cut.ftl cut.log.gz 2>/dev/null
expect_eq "cut is partial" "$(sql cut.ftl "SELECT status FROM evidence")" partial
n=$(sql cut.ftl "SELECT count(*) FROM events")
expect_rc 0 "$FTL" collect maillog -c cut.ftl cut.log.gz 2> cut2.err
expect_grep "cut.log.gz: already in the case as evidence #1, which was partial: read again, partial (the same result); evidence #1 kept as it was" cut2.err
expect_eq "not doubled" "$(sql cut.ftl "SELECT count(*) FROM events")" "$n"
expect_eq "one row" "$(sql cut.ftl "SELECT count(*) FROM evidence")" 1
