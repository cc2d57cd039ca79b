"""Dump an ftl case as text, for comparing two cases row by row.

python3 crashlib.py CASE prints every row of every table in rowid order
with its ids, except what records *when* and *by which run* a row was
written: the audit table itself, the collected_at and audit_id columns
(an interrupted run keeps its own audit row, so the rerun's rows name
another audit id), when a warning was recorded, and case_info's
'created'.  Everything else, ids
included, must be the same in a case that was interrupted and run again
and in one run once: a transaction SQLite rolled back leaves no trace,
not even a used rowid (rowids are max + 1, and no table is AUTOINCREMENT,
whose sqlite_sequence update is rolled back with it anyway).
"""
import sqlite3
import sys

SKIP_TABLES = {"audit"}
SKIP_COLUMNS = {"collected_at", "audit_id", "warnings.recorded"}


def dump(path):
    db = sqlite3.connect("file:%s?mode=ro" % path, uri=True)
    tables = [r[0] for r in db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table'"
        " AND name NOT LIKE 'sqlite_stat%' ORDER BY name")]
    for t in tables:
        if t in SKIP_TABLES:
            continue
        cols = [r[1] for r in db.execute("PRAGMA table_info(%s)" % t)]
        keep = [c for c in cols if c not in SKIP_COLUMNS
                and "%s.%s" % (t, c) not in SKIP_COLUMNS]
        sel = ", ".join('"%s"' % c for c in keep)
        try:
            rows = db.execute("SELECT rowid, %s FROM %s ORDER BY rowid"
                              % (sel, t))
        except sqlite3.OperationalError:      # WITHOUT ROWID
            rows = db.execute("SELECT %s FROM %s ORDER BY 1" % (sel, t))
        for r in rows:
            if t == "case_info" and "created" in r:
                continue
            print(t, repr(tuple(r)))


dump(sys.argv[1])
