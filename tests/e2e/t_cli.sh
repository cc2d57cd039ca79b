# The command line: help on stdout with exit 0, usage errors exit 2,
# version, unknown commands and kinds.
. "$(dirname "$0")/lib.sh"
expect_rc 0 "$FTL" --version > v
expect_grep '^ftl [0-9]' v
for c in init collect export info; do
    expect_rc 0 "$FTL" $c --help > h.$c
    expect_grep "usage: ftl $c" h.$c
done
expect_rc 0 "$FTL" collect bodyfile --help > h.body
expect_grep "usage: ftl collect bodyfile" h.body
expect_rc 0 "$FTL" help export > h.help
expect_grep "usage: ftl export" h.help
expect_rc 0 "$FTL" --help > h.main
expect_grep "collect" h.main
expect_rc 2 "$FTL"
expect_rc 2 "$FTL" frobnicate
expect_rc 2 "$FTL" collect nosuchkind x
expect_rc 2 "$FTL" collect bodyfile
expect_rc 2 "$FTL" collect bodyfile --nosuchoption x
expect_rc 2 "$FTL" export pdf
expect_rc 2 "$FTL" info extra-arg
expect_rc 2 "$FTL" init --tz Not/AZone
# init creates, then updates; info on a missing case fails with exit 1
expect_rc 0 "$FTL" init -c c.ftl --name ESG-2023-01 --examiner "A. Examiner" --tz Europe/Brussels
expect_rc 0 "$FTL" init -c c.ftl --examiner "B. Examiner"
expect_eq examiner "$(sql c.ftl "SELECT value FROM case_info WHERE key = 'examiner'")" "B. Examiner"
"$FTL" info -c c.ftl > info.txt
expect_grep "ESG-2023-01" info.txt
expect_rc 1 "$FTL" info -c missing.ftl
# a case of a newer schema is refused, and says so
cp c.ftl newer.ftl
sqlite3 newer.ftl 'PRAGMA user_version = 99'
expect_rc 1 "$FTL" info -c newer.ftl 2> newer.err
expect_grep "newer than this ftl" newer.err
# one help text per command: 'ftl help CMD' and 'ftl CMD --help' agree
for c in init collect export info help; do
    expect_rc 0 "$FTL" help $c > hh.$c
    expect_rc 0 "$FTL" $c --help > hc.$c
    cmp -s hh.$c hc.$c || die "'ftl help $c' and 'ftl $c --help' differ"
    expect_grep "usage: ftl $c" hh.$c
done
# a topic narrows the help to one kind or one format
expect_rc 0 "$FTL" help collect disk > ht.disk
expect_rc 0 "$FTL" collect disk --help > hc.disk
cmp -s ht.disk hc.disk || die "'ftl help collect disk' differs from --help"
expect_rc 0 "$FTL" help export bodyfile > ht.body
expect_grep "ftl export bodyfile \[--ns\] \[--evidence ID\]" ht.body
expect_no_grep "ftl export jsonl" ht.body
expect_no_grep -- "--bom" ht.body
expect_rc 2 "$FTL" help nosuchcommand
# the export usage lists every format of the registry, with its options
expect_grep "ftl export csv --table NAME \[--bom\] \[--raw\]" h.export
expect_grep "ftl export jsonl \[--from T\]" h.export
# misplaced options are refused before the case is opened
expect_rc 2 "$FTL" export bodyfile -c none.ftl --bom 2> mis.err
expect_grep "bom does not go with 'export bodyfile'" mis.err
expect_rc 2 "$FTL" export csv -c none.ftl --table events --from 2020-01-01 \
    2> mis.err
expect_grep "from does not go with 'export csv --table'" mis.err
[ ! -e none.ftl ] || die "a refused export created a case file"
