# No shell, and no SQL built from text: the tracked C sources call no
# system(), popen() or exec*() (nothing ftl reads can become a command),
# every sqlite3_exec()/tl_store_exec() runs a string literal or a
# static const string of its own file, and no printf-style call builds
# SQL text except the few listed below with why (their values are
# constants of the code or names checked against the schema).  Values
# from evidence reach SQLite only as bound parameters.
. "$(dirname "$0")/lib.sh"
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
git ls-files '*.c' '*.h' | grep -v '^tests/' > "$OLDPWD/files"
cd "$OLDPWD"
[ "$(wc -l < files)" -gt 100 ] || die "the sources were not found"
py=$(dirname "$0")/no_shell.py
python3 "$py" "$top" files > found || { cat found; die "a program or built SQL"; }
# the checker finds what it looks for: planted calls fail it
mkdir -p plant/timeline
cat > plant/timeline/bad.c <<'C'
static void f(struct x *st, const char *who)
{
    char q[99];

    snprintf(q, sizeof(q), "SELECT * FROM t WHERE w = '%s'", who);
    sqlite3_exec(st->db, q, NULL, NULL, NULL);
    tl_store_exec(st, who, NULL);
    system(who);
    FILE *p = popen(who, "r");
}
C
echo timeline/bad.c > plant.list
set +e
python3 "$py" plant plant.list > found
rc=$?
set -e
cat found
expect_eq "planted: exit status" $rc 1
expect_eq "planted: findings" "$(wc -l < found)" 5
expect_grep "bad.c:5: SQL built with snprintf" found
expect_grep "bad.c:6: sqlite3_exec() on 'q'" found
expect_grep "bad.c:7: tl_store_exec() on 'who'" found
expect_grep "bad.c:8: system() runs a program" found
expect_grep "bad.c:9: popen() runs a program" found
