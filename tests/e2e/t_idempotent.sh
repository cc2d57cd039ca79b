# Collecting the same evidence twice adds nothing and says so; the case
# keeps one evidence row and the same event count.  A copy at another
# path is the same evidence (same SHA-256).
. "$(dirname "$0")/lib.sh"
fls -r -m / "$SAMPLES/disk/image.dd" > a.body
"$FTL" collect bodyfile -c case.ftl a.body 2> first.err
n1=$(sql case.ftl 'SELECT count(*) FROM events')
"$FTL" collect bodyfile -c case.ftl a.body 2> second.err
expect_grep "already in the case as evidence #1" second.err
expect_grep "0 evidence items added, 1 already in the case" second.err
expect_grep "0 events" second.err
cp a.body copy.body
"$FTL" collect bodyfile -c case.ftl copy.body 2> third.err
expect_grep "already in the case" third.err
expect_eq events "$(sql case.ftl 'SELECT count(*) FROM events')" "$n1"
expect_eq evidence "$(sql case.ftl 'SELECT count(*) FROM evidence')" 1
# FTL_CASE names the case when -c is absent
FTL_CASE=case.ftl "$FTL" collect bodyfile a.body 2> fourth.err
expect_grep "already in the case" fourth.err
# every command is in the audit table, with its exit status
expect_eq audit "$(sql case.ftl 'SELECT count(*) FROM audit WHERE exit_status = 0')" 4
