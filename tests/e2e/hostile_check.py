#!/usr/bin/env python3
# tests/e2e/hostile_check.py - the exports of a case that holds hostile
# names are safe to open (used by t_hostile.sh)
#
#   hostile_check.py csv FILE...    no cell a spreadsheet would run: a
#                                   cell starting with = + @ - TAB CR LF
#                                   is neutralised with a leading ', but
#                                   numbers (a time before 1970) are not
#   hostile_check.py jsonl FILE     every line one JSON object with the
#                                   Timesketch fields
#   hostile_check.py html FILE      no markup from evidence: no '<script'
#                                   but the report's own (CSP-hashed,
#                                   without our payload), no '<b>.txt',
#                                   no '=HYPERLINK' inside a tag
#   hostile_check.py body FILE      eleven '|' fields at least, times
#                                   numeric, no line break inside a name
# Prints what is wrong and exits 1, or exits 0.
import csv
import json
import re
import sys

NUMBER = re.compile(r"^-?[0-9]+(\.[0-9]+)?$")


def check_csv(paths):
    bad = []
    for p in paths:
        with open(p, newline="", encoding="utf-8-sig",
                  errors="surrogateescape") as f:
            for n, row in enumerate(csv.reader(f), 1):
                for cell in row:
                    if not cell or NUMBER.match(cell):
                        continue
                    if cell[0] in "=+@-\t\r\n":
                        bad.append("%s row %d: formula cell %r" %
                                   (p, n, cell[:60]))
    return bad


def check_jsonl(path):
    bad = []
    with open(path, encoding="utf-8", errors="strict") as f:
        for n, line in enumerate(f, 1):
            try:
                o = json.loads(line)
            except ValueError as e:
                bad.append("%s line %d: not JSON: %s" % (path, n, e))
                continue
            for k in ("message", "datetime", "timestamp", "timestamp_desc"):
                if k not in o:
                    bad.append("%s line %d: no %s" % (path, n, k))
    return bad


def check_html(path):
    with open(path, encoding="utf-8", errors="surrogateescape") as f:
        h = f.read()
    bad = []
    if "<script>alert" in h or "<b>.txt" in h:
        bad.append("%s: evidence markup unescaped" % path)
    for m in re.finditer(r"<[^>]*HYPERLINK[^>]*>", h):
        if '"' in m.group(0).split("HYPERLINK", 1)[1][:2]:
            bad.append("%s: a name broke out of an attribute: %s"
                       % (path, m.group(0)[:80]))
    if "\u202e" in h:
        bad.append("%s: a raw bidi override (U+202E) in the report" % path)
    return bad


def check_body(path):
    bad = []
    with open(path, "rb") as f:
        for n, line in enumerate(f, 1):
            fields = line.rstrip(b"\n").split(b"|")
            if len(fields) < 11:
                bad.append("%s line %d: %d fields" % (path, n, len(fields)))
                continue
            for t in fields[-4:]:
                if not re.match(rb"^-?[0-9]+(\.[0-9]+)?$", t):
                    bad.append("%s line %d: time %r" % (path, n, t))
    return bad


def main():
    what, files = sys.argv[1], sys.argv[2:]
    bad = {"csv": lambda: check_csv(files),
           "jsonl": lambda: check_jsonl(files[0]),
           "html": lambda: check_html(files[0]),
           "body": lambda: check_body(files[0])}[what]()
    for b in bad[:10]:
        print(b)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
