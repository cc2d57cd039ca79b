# The personnel register: a CSV and the same persons as HR-XML give the
# same persons and aliases; the HR-XML candidate of the samples is read;
# duplicate and conflicting rows are reported with their line numbers and
# never merged; collecting again adds nothing.
. "$(dirname "$0")/lib.sh"
python3 "$FIXTURES/mkhrstore.py" gen > /dev/null
s_csv=$(sha gen/register.csv)
"$FTL" collect staff -c csv.ftl gen/register.csv 2> csv.err
expect_grep "gen/register.csv: 12 persons added" csv.err
"$FTL" export csv -c csv.ftl --table persons -o persons.csv 2>/dev/null
# employee numbers and e-mail addresses as in the register (python csv)
csv_col gen/register.csv employee_no > want_no
csv_col persons.csv employee_no > got_no
same_lines want_no got_no
csv_col gen/register.csv email | tr 'A-Z' 'a-z' > want_mail
csv_col persons.csv emails > got_mail
same_lines want_mail got_mail
expect_eq "extra columns kept" "$(sql csv.ftl "SELECT status || ' ' || extra FROM persons WHERE employee_no = 'E1001'")" 'active {"phone":"+32 2 555 0000"}'
expect_eq "aliases" "$(sql csv.ftl "SELECT group_concat(alias, '|') FROM person_aliases WHERE person_id = 3")" "E1003|elodie.lefevre@agency.example|Élodie Lefèvre|Elodie Lefevre|Lefèvre, Élodie|Lefevre, Elodie|É. Lefèvre|E. Lefevre|Lefèvre É.|Lefevre E.|Lefèvre"
"$FTL" export csv -c csv.ftl --table person_aliases -o aliases.csv 2>/dev/null
expect_grep "reversed" aliases.csv
# the same persons from HR-XML
"$FTL" collect staff -c xml.ftl gen/register.xml 2> xml.err
expect_grep "12 persons added" xml.err
q="SELECT group_concat(employee_no || ' ' || name || ' ' || emails || ' ' || department, '|') FROM persons"
expect_eq "csv = xml" "$(sql xml.ftl "$q")" "$(sql csv.ftl "$q")"
qa="SELECT group_concat(norm, '|') FROM person_aliases"
expect_eq "same aliases" "$(sql xml.ftl "$qa")" "$(sql csv.ftl "$qa")"
# the HR-XML candidate record of the samples
"$FTL" collect staff -c cand.ftl "$SAMPLES/docs/CandidateExample.xml" 2> cand.err
expect_eq "candidate" "$(sql cand.ftl "SELECT name || '|' || locator || '|' || extra FROM persons")" 'Ruth Jenre|line 3|{"hr_xml_record":"Candidate"}'
# duplicates and conflicts: reported with their lines, never merged
{
    echo "employee_no;first_name;last_name;email"
    echo "E2001;Anna;Peeters;anna@agency.example"
    echo "E2001;Anna;Peeters;anna@agency.example"
    echo "E2001;Ann;Peeters;ann@agency.example"
    echo "E2002;Bart;Maes;anna@agency.example"
    echo ";;;"
} > dup.csv
expect_rc 0 "$FTL" collect staff -c csv.ftl dup.csv 2> dup.err
cat dup.err
expect_grep "dup.csv:line 3: duplicate of line 2" dup.err
expect_grep "dup.csv:line 4: conflict: employee number 'E2001' is also at line 2" dup.err
expect_grep "dup.csv:line 5: conflict: e-mail address 'anna@agency.example' is also at line 2" dup.err
expect_grep "dup.csv:line 6: no employee number, e-mail address or name" dup.err
expect_grep "1 duplicate row not added, 1 row skipped" dup.err
expect_eq "kept apart" "$(sql csv.ftl "SELECT count(*) FROM persons WHERE employee_no = 'E2001'")" 2
expect_eq "partial" "$(sql csv.ftl "SELECT status FROM evidence WHERE path = 'dup.csv'")" partial
# again: already in the case
"$FTL" collect staff -c csv.ftl gen/register.csv 2> again.err
expect_grep "already in the case as evidence #1" again.err
expect_eq "persons once" "$(sql csv.ftl "SELECT count(*) FROM persons")" 15
expect_eq "register unchanged" "$(sha gen/register.csv)" "$s_csv"
# not a register: exit 1, recorded as failed with the reason
printf 'colour,size\nred,2\n' > colours.csv
expect_rc 1 "$FTL" collect staff -c csv.ftl colours.csv 2> colours.err
expect_grep "not a register header" colours.err
