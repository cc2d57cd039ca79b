"""The checker of t_no_shell.sh: python3 no_shell.py TOP LISTING.

Reads the C files named in LISTING (paths under TOP) and prints one line
per call that runs a program or builds SQL text; exits 1 if any.
"""
import re, sys
top, listing = sys.argv[1], sys.argv[2]

# SQL built with a format: (file, start of the format) -> why it is safe
ALLOWED_FORMATS = {
    ("timeline/store.c", "PRAGMA user_version = %d"):
        "N_MIGRATIONS, a constant of the code (a PRAGMA takes no parameter)",
    ("timeline/store.c", "PRAGMA application_id = %d"):
        "FTL_APPLICATION_ID, a constant of the code",
    ("timeline/read.c", "SELECT * FROM \\\"%s\\\" ORDER BY 1"):
        "a table name (--table) of [a-z0-9_] found in sqlite_master first; "
        "SQLite cannot bind an identifier",
    ("timeline/exposure.c", "EXPLAIN QUERY PLAN %s"):
        "the plan of one of the file's own static statements",
}
# exec wrappers whose SQL argument is their caller's (checked there)
WRAPPERS = {("timeline/store.c", "sql")}

SQL = r'(SELECT|INSERT|UPDATE|DELETE|PRAGMA|CREATE|DROP|ALTER|EXPLAIN|WITH|BEGIN|SAVEPOINT|RELEASE|ROLLBACK|REPLACE|ATTACH)\b'
bad = []
for path in open(listing).read().split():
    src = open("%s/%s" % (top, path), encoding="utf-8").read()
    # comments and character constants out; string literals kept
    code = re.sub(r'/\*.*?\*/', lambda m: "\n" * m.group(0).count("\n"),
                  src, flags=re.S)
    code = re.sub(r"'(\\.|[^'\\])'", "' '", code)
    line = lambda pos: code.count("\n", 0, pos) + 1
    # for the program calls, the text of string literals does not count
    # ("file system (...)" in a message)
    bare = re.sub(r'"(\\.|[^"\\])*"', '""', code)
    for m in re.finditer(r'\b(system|popen|execl|execlp|execle|execv|execvp|execvpe|posix_spawnp?|wordexp)\s*\(', bare):
        bad.append("%s:%d: %s() runs a program" % (path, bare.count("\n", 0, m.start()) + 1, m.group(1)))
    # the constant strings and string tables of this file
    consts = set(re.findall(r'static\s+const\s+char\s+(\w+)\s*\[\s*\]\s*=\s*"', code))
    consts |= set(re.findall(r'static\s+const\s+char\s*\*\s*const\s+(\w+)\s*\[\s*\]\s*=\s*\{', code))
    for m in re.finditer(r'\b(sqlite3_exec|tl_store_exec)\s*\(\s*[^,]+,\s*', code):
        rest = code[m.end():]
        if m.group(0).split("(", 1)[1].lstrip().startswith("struct "):
            continue           # the declaration or definition
        lit = r'"(?:\\.|[^"\\])*"(?:\s*"(?:\\.|[^"\\])*")*'
        if re.match(lit, rest) or re.match(r'\w+\s*\?\s*' + lit + r'\s*:\s*' + lit, rest):
            continue           # a literal, or one of two by a condition
        arg = re.match(r'(\w+)(\s*\[[^\]]*\])?', rest)
        name = arg.group(1) if arg else rest[:20]
        if m.group(1) == "sqlite3_exec" and (path, name) in WRAPPERS:
            continue
        if name in consts:
            continue
        # the PRAGMA buffer of check_and_migrate: see ALLOWED_FORMATS
        if (path, name) == ("timeline/store.c", "sql") and \
                "PRAGMA user_version = %d" in code:
            continue
        bad.append("%s:%d: %s() on '%s', not a literal or a static const "
                   "string" % (path, line(m.start()), m.group(1), name))
    for m in re.finditer(r'\b(snprintf|sprintf|sqlite3_mprintf|sqlite3_snprintf|ftl_buf_printf|asprintf)\s*\(([^;]*?)"((?:\\.|[^"\\])*)"', code):
        fmt = m.group(3)
        if not re.match(r'\s*' + SQL, fmt):
            continue
        if (path, fmt) in ALLOWED_FORMATS:
            continue
        bad.append("%s:%d: SQL built with %s(\"%s\")" % (path, line(m.start()), m.group(1), fmt))
    for m in re.finditer(r'\b(strcat|strcpy|stpcpy|ftl_buf_puts)\s*\([^;]*?"\s*' + SQL, code):
        bad.append("%s:%d: SQL put together with %s()" % (path, line(m.start()), m.group(1)))
for b in bad:
    print("FAIL:", b)
sys.exit(1 if bad else 0)
