# Names written as people write them (issue 10): a generated store whose
# file names, titles and texts join words by '_', '-', '.' or camel case,
# join or leave out a surname's particle, leave out "d'" and "de", and
# use short forms (CNI, eID, ID-kaart, CV, Lebenslauf, loonbrief, fiche
# de paie) is attributed and categorised exactly as the generator meant
# (tests/fixtures/mkhrstore.py --names), and the look-alikes (iPhone,
# acceptance) are not.
. "$(dirname "$0")/lib.sh"
check=$(dirname "$0")/hr_check.py
python3 "$FIXTURES/mkhrstore.py" gen --names > /dev/null
"$FTL" collect hr -c case.ftl --staff gen/register.csv gen/store 2> collect.err
expect_grep "17 documents read" collect.err
"$FTL" export csv -c case.ftl --table documents -o documents.csv 2>/dev/null
"$FTL" export csv -c case.ftl --table persons -o persons.csv 2>/dev/null
python3 "$check" expected gen/expected.tsv documents.csv persons.csv > exp.out ||
    { cat exp.out; die "attribution or categories differ"; }
expect_grep "17 documents as intended" exp.out
# how they were found
f() { sql case.ftl "SELECT dp.field || ' ' || dp.matched FROM document_persons dp JOIN documents d ON d.id = dp.doc_id WHERE d.locator = 'inbox/$1' ORDER BY dp.id LIMIT 1"; }
expect_eq "joined particle" "$(f jan.vanderberg_loonbrief_2023-05.txt)" "name Jan vanderBerg"
expect_eq "camel case" "$(f passportScan_JanVanDerBerg.txt)" "name Jan van der Berg"
expect_eq "particle left out" "$(f IDScan_AnneOrnano.txt)" "name Anne Ornano"
c() { sql case.ftl "SELECT dc.field || ' ' || dc.pattern || ' ' || dc.matched FROM document_categories dc JOIN documents d ON d.id = dc.doc_id WHERE d.locator = 'inbox/$1' ORDER BY dc.id LIMIT 1"; }
expect_eq "elided d'" "$(c carte_identite_JanPeeters.txt)" "name carte d'identité carte identite"
expect_eq "short form" "$(c CNI_recto.txt)" "name cni cni"
expect_eq "title" "$(c scan_0001.pdf)" "meta:title carte d'identité carte identite"
