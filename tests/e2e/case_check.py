#!/usr/bin/env python3
# tests/e2e/case_check.py FACTS CASE [XMLCASE] - does the collected model
# case hold what the generator says its evidence holds?
#
# Compares a case made by collecting a generated model case (every
# collector: disk, maillog, mailbox, staff, hr) with its truth/facts.json:
# per log file (exported and inside the image) lines, events and
# transactions; the journal's messages, attachments, archive members and
# events; the gateway's mstore copies; the attacker's files with their
# nanosecond times and deletions; every HR document's persons and
# categories; the register; and that every message was seen where it
# went, with its transit as the gateway logged it.  XMLCASE, when given,
# holds register.xml alone: the same persons as register.csv.  Prints
# each difference; exit status 1 when there is one.
import json
import sqlite3
import sys

NS = 10**9
bad = []


def check(what, got, want):
    if got != want:
        bad.append("%s: got %r, want %r" % (what, got, want))


def ns(s):
    import datetime as dt
    d = dt.datetime.strptime(s[:19], "%Y-%m-%dT%H:%M:%S")
    frac = s[20:-1] if len(s) > 20 else ""
    return int(d.replace(tzinfo=dt.timezone.utc).timestamp()) * NS + \
        int((frac + "000000000")[:9])


def note(db, evid):
    (n,) = db.execute("SELECT note FROM evidence WHERE id = ?",
                      (evid,)).fetchone()
    return dict(kv.split("=", 1) for kv in (n or "").split() if "=" in kv)


def logs(db, f):
    for key, want in sorted(f["evidence"].items()):
        if "/maillog" not in key:
            continue
        name = key.split("/", 1)[1]
        inner = "mail/log/" + name if key.startswith("esg-export/") else "-"
        # One item per content (issue 10): the exported log and the same
        # log inside the image are one evidence row with two places.
        rows = db.execute("SELECT DISTINCT e.id, e.n_events, e.sha256 FROM"
                          " evidence e JOIN evidence_places p ON"
                          " p.evidence_id = e.id WHERE e.kind = 'maillog'"
                          " AND (p.path LIKE ? OR p.inner_path = ?)",
                          ("%/" + key, inner)).fetchall()
        check("%s: evidence rows" % key, len(rows), 1)
        places = db.execute("SELECT count(*) FROM evidence_places p JOIN"
                            " evidence e ON e.id = p.evidence_id WHERE"
                            " e.sha256 = ?", (want["sha256"],)).fetchone()[0]
        want_n = 2 if key.startswith("esg-export/") else 1
        check("%s: places" % key, places, want_n)
        for evid, events, sha in rows:
            check("%s #%d sha256" % (key, evid), sha, want["sha256"])
            check("%s #%d events" % (key, evid), events, want["events"])
            check("%s #%d lines" % (key, evid), int(note(db, evid).get(
                "lines", -1)), want["lines"])
            (msgs,) = db.execute("SELECT count(*) FROM messages WHERE "
                                 "evidence_id = ?", (evid,)).fetchone()
            check("%s #%d messages" % (key, evid), msgs, want["messages"])


def journal(db, f):
    want = f["evidence"]["journal.mbox"]
    (evid, events) = db.execute("SELECT id, n_events FROM evidence WHERE "
                                "kind = 'mailbox' AND path LIKE "
                                "'%/journal.mbox'").fetchone()
    check("journal events", events, want["events"])
    q = "SELECT count(*) FROM %s WHERE evidence_id = ?%s"
    check("journal messages", db.execute(q % ("messages", ""),
                                         (evid,)).fetchone()[0],
          want["messages"])
    check("journal attachments", db.execute(
        q % ("attachments", " AND is_member = 0"), (evid,)).fetchone()[0],
        want["attachments"])
    check("journal members", db.execute(
        q % ("attachments", " AND is_member = 1"), (evid,)).fetchone()[0],
        want["members"])


def image(db, f):
    want = f["evidence"]["esg.img"]
    (img, sha) = db.execute("SELECT id, sha256 FROM evidence WHERE kind = "
                            "'disk'").fetchone()
    check("image sha256", sha, want["sha256"])
    kids = db.execute("SELECT id FROM evidence WHERE parent_id = ? AND "
                      "kind = 'mailbox' AND inner_path LIKE 'mail/mstore/%' "
                      "AND status = 'complete' AND coalesce(note, '') "
                      "NOT LIKE 'not parsed%'", (img,)).fetchall()
    check("mstore copies", len(kids), want["mstore_files"])
    ids = [k for (k,) in kids] or [0]
    marks = ",".join("?" * len(ids))
    for member, key in ((0, "mstore_attachments"), (1, "mstore_members")):
        check(key, db.execute("SELECT count(*) FROM attachments WHERE "
                              "is_member = ? AND evidence_id IN (%s)" % marks,
                              [member] + ids).fetchone()[0], want[key])
    paths = {p for (p,) in db.execute("SELECT path FROM files WHERE "
                                      "evidence_id = ? AND deleted = 0",
                                      (img,))}
    for p in want["files"]:
        if p != "/" and p not in paths:
            bad.append("image: %s not listed" % p)
    for a in f["case"]["artefacts"]:
        r = db.execute("SELECT atime, mtime, ctime, crtime, dtime, deleted, "
                       "sha256 FROM files WHERE evidence_id = ? AND path = ?",
                       (img, a["path"])).fetchone()
        if not r:
            bad.append("image: artefact %s missing" % a["path"])
            continue
        got = list(r[:4])
        check("%s times" % a["path"], got,
              [ns(a[k]) for k in ("atime", "mtime", "ctime", "crtime")])
        check("%s deleted" % a["path"], bool(r[5]), a["deleted"])
        check("%s dtime" % a["path"], r[4], ns(a["dtime"]) if a["dtime"]
              else 0)
        if a["sha256"]:
            check("%s sha256" % a["path"], r[6], a["sha256"])


def documents(db, f):
    who = {pid: no for pid, no in db.execute(
        "SELECT person_id, employee_no FROM persons")}
    got = {}
    for path, pids, cats, art9 in db.execute(
            "SELECT path, person_ids, categories, art9 FROM documents"):
        rel = path.split("/hr/store/", 1)[1]
        ps = sorted(who[int(x)] for x in (pids or "").split(";") if x)
        got[rel] = (ps, sorted(c for c in (cats or "").split(";") if c),
                    bool(art9))
    check("documents", len(got), len(f["documents"]))
    for d in f["documents"]:
        check("document %s" % d["path"], got.get(d["path"]),
              (d["persons"], d["categories"], d["art9"]))


def persons(db, f, xml):
    want = sorted((p["employee_no"], p["first_name"], p["last_name"],
                   p["emails"][0]) for p in f["persons"])
    for name, d in (("register.csv", db), ("register.xml", xml)):
        if d is None:
            continue
        got = sorted(d.execute("SELECT employee_no, first_name, last_name, "
                               "emails FROM persons"))
        check("%s persons" % name, got, want)


def messages(db, f):
    """Every message where it went: the gateway's log (with its transit
    as logged), mx1's log, the journal."""
    gw = {g: (first) for g, first in db.execute(
        "SELECT gateway_id, min(first_seen) FROM messages WHERE gateway_id "
        "IS NOT NULL GROUP BY gateway_id")}
    qids = {q for (q,) in db.execute("SELECT queue_id FROM messages WHERE "
                                     "queue_id IS NOT NULL")}
    store = {m for (m,) in db.execute(
        "SELECT m.message_id FROM messages m JOIN evidence e ON "
        "e.id = m.evidence_id WHERE e.path LIKE '%/journal.mbox'")}
    for m in f["messages"]:
        tag = "message %d" % m["n"]
        if m["gateway_id"]:
            check("%s at the gateway" % tag, gw.get(m["gateway_id"]),
                  ns(m["transit_gateway_clock"]))
        if m["mx1_queue_id"]:
            check("%s at mx1" % tag, m["mx1_queue_id"] in qids, True)
        check("%s in the journal" % tag, m["message_id"] in store,
              m["in_journal"])


def main():
    f = json.load(open(sys.argv[1], encoding="utf-8"))
    db = sqlite3.connect("file:%s?mode=ro" % sys.argv[2], uri=True)
    xml = sqlite3.connect("file:%s?mode=ro" % sys.argv[3], uri=True) \
        if len(sys.argv) > 3 else None
    for fn in (logs, journal, image, documents, messages):
        fn(db, f)
    persons(db, f, xml)
    for b in bad[:60]:
        print("case_check: " + b)
    if len(bad) > 60:
        print("case_check: ... %d more" % (len(bad) - 60))
    print("case_check: %d difference(s)" % len(bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
