# What a new user trips over: one line for a mistaken option with a
# suggestion, empty selections that are mistakes, the case named before
# the command, plurals, no empty case left by a failed first collect.
. "$(dirname "$0")/lib.sh"
printf '0|/a|1|r/rrw-r--r--|0|0|5|0|1684400000|0|0\n' > one.body
# a collect that creates the case says so, and counts in the singular
"$FTL" collect bodyfile -c one.ftl one.body 2> one.err
expect_grep "^ftl: created case 'one.ftl'$" one.err
expect_grep "1 evidence item added, 0 already in the case, 0 failed; 1 event, 1 file, 0 warnings, 0 indicator hits" one.err
"$FTL" collect bodyfile -c one.ftl one.body 2> again.err
expect_no_grep "created case" again.err
"$FTL" export csv -c one.ftl -o one.csv 2> w.err
expect_grep "wrote 1 row to 'one.csv'" w.err
# an unknown option: one line, a suggestion, where the help is
expect_rc 2 "$FTL" export csv -c one.ftl --frm 2023-01-01 2> o.err
expect_eq "unknown option" "$(cat o.err)" \
    "ftl export: unknown option '--frm' (did you mean '--from'?); see 'ftl export --help'"
expect_rc 2 "$FTL" collect bodyfile -c one.ftl --qiet one.body 2> o.err
expect_eq "unknown collect option" "$(cat o.err)" \
    "ftl collect bodyfile: unknown option '--qiet' (did you mean '--quiet'?); see 'ftl collect bodyfile --help'"
expect_rc 2 "$FTL" info -c one.ftl --xyzzy 2> o.err
expect_eq "no suggestion" "$(cat o.err)" \
    "ftl info: unknown option '--xyzzy'; see 'ftl info --help'"
expect_rc 2 "$FTL" export csv -c one.ftl --t x 2> o.err
expect_grep "option '--t' is ambiguous (--to, --tz, --table)" o.err
expect_rc 2 "$FTL" export csv -c one.ftl --from 2> o.err
expect_grep "option '--from' needs a value" o.err
expect_rc 2 "$FTL" export csv -c one.ftl --bom=yes 2> o.err
expect_grep "option '--bom' takes no value" o.err
expect_rc 2 "$FTL" info -c one.ftl extra 2> o.err
expect_eq "extra argument" "$(cat o.err)" \
    "ftl info: unexpected argument 'extra'; see 'ftl info --help'"
expect_rc 2 "$FTL" export pdf 2> o.err
expect_grep "unknown format 'pdf' (formats: csv, jsonl, l2tcsv, bodyfile, html)" o.err
expect_rc 2 "$FTL" collect nosuch x 2> o.err
expect_grep "unknown evidence kind 'nosuch' (kinds: bodyfile, disk" o.err
for f in o.err; do
    expect_eq "one line" "$(wc -l < $f)" 1
done
# selections that can only be mistakes are usage errors, not empty output
expect_rc 2 "$FTL" export csv -c one.ftl --from 2023-06-01 --to 2023-05-01 2> o.err
expect_grep "is after --to" o.err
expect_rc 2 "$FTL" export bodyfile -c one.ftl --evidence 99 2> o.err
expect_grep "no evidence #99 in the case" o.err
expect_rc 2 "$FTL" export csv -c one.ftl --evidence 99 2> /dev/null
expect_rc 0 "$FTL" export jsonl -c one.ftl --evidence 1 -o e.jsonl 2> /dev/null
expect_eq "events of item 1" "$(wc -l < e.jsonl)" 1
expect_rc 2 "$FTL" export csv -c one.ftl --table nosuch 2> o.err
expect_grep "no table 'nosuch' in the case; its tables are: .*documents, events, evidence, " o.err
# the case named before the command, as git -C
expect_rc 0 "$FTL" -c one.ftl info > info.txt
expect_grep "case: one.ftl" info.txt
expect_rc 0 "$FTL" --case=one.ftl export bodyfile > b.body 2> /dev/null
cmp -s b.body one.body || die "ftl --case=CASE export bodyfile"
"$FTL" --case one.ftl collect bodyfile -q one.body
expect_eq "recorded command line" \
    "$(sql one.ftl 'SELECT argv FROM audit ORDER BY id DESC LIMIT 1')" \
    "--case one.ftl collect bodyfile -q one.body"
expect_rc 2 "$FTL" -c 2> /dev/null
# a first collect that collects nothing leaves no case behind ...
expect_rc 1 "$FTL" collect bodyfile -c new.ftl missing.body 2> n.err
[ ! -e new.ftl ] || die "an empty case was left behind"
expect_grep "nothing collected: case 'new.ftl' removed again" n.err
# ... but a case that was there stays, and so does one made by init
expect_rc 1 "$FTL" collect bodyfile -c one.ftl missing.body 2> /dev/null
[ -s one.ftl ] || die "an existing case was removed"
"$FTL" init -c empty.ftl 2> /dev/null
expect_rc 1 "$FTL" collect bodyfile -c empty.ftl missing.body 2> /dev/null
[ -s empty.ftl ] || die "a case made by init was removed"
# a path is named once in a message
printf 'colour,shade\nred,dark\n' > colours.csv
"$FTL" collect staff -c s.ftl colours.csv 2> s.err || true
expect_grep "colours.csv: line 1 is not a register header" s.err
expect_no_grep "colours.csv.*colours.csv" s.err
