#!/usr/bin/env python3
# tests/e2e/hr_check.py - compare what ftl recorded from an HR store with
# what independent readers or the generator say
#
#   hr_check.py samples DOCS_DIR TIMELINE.csv [--tz-hours H]
#       every time in docProps/core.xml (unzip -p), meta.xml (unzip -p) and
#       the PDF Info dictionary (pdfinfo -isodates) of DOCS_DIR's files
#       equals a doc:meta event of ftl, and ftl has no other doc:meta
#       event for them; zone-less ODF times are read as H hours east of UTC
#       and must be flagged tz-assumed
#   hr_check.py expected EXPECTED.tsv DOCUMENTS.csv PERSONS.csv [PREFIX]
#       type, persons (by employee number) and categories of every
#       document equal the generator's intention, and no other document
#   hr_check.py times EXPECTED_TIMES.tsv TIMELINE.csv [PREFIX]
#       every time the generator wrote (and each file's mtime) is a
#       timeline event, to the nanosecond
# Prints what differs and exits 1 on any difference.
import csv
import re
import subprocess
import sys

TIME = re.compile(r"^(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d)(?::(\d\d)"
                  r"(?:\.(\d+))?)?(Z|[+-]\d\d(?::?\d\d)?)?$")


def days_from_civil(y, m, d):
    y -= m <= 2
    era = y // 400
    yoe = y - era * 400
    doy = (153 * (m + (-3 if m > 2 else 9)) + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


def to_ns(text, zoneless_hours=0):
    """RFC 3339 / ISO 8601 text to (ns since 1970 UTC, had_zone)."""
    m = TIME.match(text.strip())
    if not m:
        raise ValueError("not a time: %r" % text)
    y, mo, d, h, mi = (int(m.group(i)) for i in range(1, 6))
    s = int(m.group(6) or 0)
    frac = (m.group(7) or "")[:9].ljust(9, "0")
    zone = m.group(8)
    off = 0
    if zone and zone != "Z":
        sign = -1 if zone[0] == "-" else 1
        digits = zone[1:].replace(":", "")
        off = sign * (int(digits[:2]) * 3600 + int(digits[2:4] or 0) * 60)
    elif not zone:
        off = zoneless_hours * 3600
    secs = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s - off
    return secs * 10**9 + int(frac), zone is not None


def read_csv(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def fail(diffs, what):
    if diffs:
        for d in diffs[:30]:
            print("%s: %s" % (what, d))
        sys.exit(1)


def cmd_samples(args):
    import os
    docs, timeline = args[0], args[1]
    tzh = int(args[3]) if len(args) > 3 and args[2] == "--tz-hours" else 0
    want = {}       # (file, where, desc) -> (ns, flagged)
    core = {"created": "Creation Time", "modified":
            "Content Modification Time", "lastPrinted": "Last Printed Time"}
    odf = {"meta:creation-date": "Creation Time", "dc:date":
           "Content Modification Time", "meta:print-date":
           "Last Printed Time"}
    for name in sorted(os.listdir(docs)):
        path = os.path.join(docs, name)
        ext = name.rsplit(".", 1)[-1].lower()
        if ext in ("docx", "pptx", "xlsx"):
            xml = subprocess.run(["unzip", "-p", path, "docProps/core.xml"],
                                 capture_output=True, text=True).stdout
            for tag, desc in core.items():
                for v in re.findall(r"<[a-z]+:%s[^>]*>([^<]+)<" % tag, xml):
                    ns, zoned = to_ns(v)
                    want[(name, "docProps/core.xml", desc)] = (ns, not zoned)
        elif ext in ("odt", "ods", "odp"):
            xml = subprocess.run(["unzip", "-p", path, "meta.xml"],
                                 capture_output=True, text=True).stdout
            for tag, desc in odf.items():
                for v in re.findall(r"<%s>([^<]+)<" % tag, xml):
                    ns, zoned = to_ns(v, tzh)
                    want[(name, "meta.xml", desc)] = (ns, not zoned)
        elif ext == "pdf":
            out = subprocess.run(["pdfinfo", "-isodates", path],
                                 capture_output=True, text=True).stdout
            for key, desc in (("CreationDate", "Creation Time"),
                              ("ModDate", "Content Modification Time")):
                m = re.search(r"^%s:\s+(\S+)" % key, out, re.M)
                if m:
                    ns, _ = to_ns(m.group(1))
                    want[(name, "Info", desc)] = (ns, None)
    got = {}
    for r in read_csv(timeline):
        if r["artifact"] != "doc:meta":
            continue
        name, where = r["locator"].split("//", 1)
        ns, _ = to_ns(r["datetime"])
        got[(name, where, r["timestamp_desc"])] = (
            ns, "tz-assumed" in r["flags"].split(";"))
    diffs = []
    for k in sorted(set(want) | set(got)):
        if k not in got:
            diffs.append("missing in ftl: %s %s %s" % k)
        elif k not in want:
            diffs.append("ftl has an extra time: %s %s %s" % k)
        elif want[k][0] != got[k][0]:
            diffs.append("%s %s %s: file says %d ns, ftl %d ns"
                         % (k + (want[k][0], got[k][0])))
        elif want[k][1] is not None and want[k][1] != got[k][1]:
            diffs.append("%s %s %s: tz-assumed flag %s, want %s"
                         % (k + (got[k][1], want[k][1])))
    fail(diffs, "samples")
    print("hr_check samples: %d times equal" % len(want))


def cmd_expected(args):
    expected, documents, persons = args[0], args[1], args[2]
    prefix = args[3] if len(args) > 3 else ""
    by_id = {r["person_id"]: r["employee_no"] for r in read_csv(persons)}
    want = {}
    with open(expected, newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f, delimiter="\t"):
            want[prefix + r["path"]] = (r["type"], r["employee_nos"],
                                        r["categories"])
    got = {}
    for r in read_csv(documents):
        ids = [by_id[i] for i in r["person_ids"].split(";") if i]
        cats = sorted(c for c in r["categories"].split(";") if c)
        got[r["locator"]] = (r["type"], ";".join(sorted(ids)),
                             ";".join(cats))
    diffs = []
    for k in sorted(set(want) | set(got)):
        if want.get(k) != got.get(k):
            diffs.append("%s: want %s, ftl %s" % (k, want.get(k),
                                                  got.get(k)))
    fail(diffs, "expected")
    print("hr_check expected: %d documents as intended" % len(want))


def cmd_times(args):
    expected, timeline = args[0], args[1]
    prefix = args[2] if len(args) > 2 else ""
    want = set()
    with open(expected, newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f, delimiter="\t"):
            want.add((prefix + r["path"], r["timestamp_desc"], r["where"],
                      to_ns(r["utc"])[0]))
    got = set()
    for r in read_csv(timeline):
        if r["source"] != "DOC":
            continue
        if r["artifact"] == "doc:fs":
            if r["timestamp_desc"] != "Content Modification Time":
                continue
            path, where = r["locator"], "fs"
        else:
            path, where = r["locator"].split("//", 1)
        got.add((path, r["timestamp_desc"], where, to_ns(r["datetime"])[0]))
    diffs = ["missing in ftl: %s" % (k,) for k in sorted(want - got)]
    diffs += ["not intended: %s" % (k,) for k in sorted(got - want)]
    fail(diffs, "times")
    print("hr_check times: %d times equal" % len(want))


def main():
    cmds = {"samples": cmd_samples, "expected": cmd_expected,
            "times": cmd_times}
    if len(sys.argv) < 3 or sys.argv[1] not in cmds:
        print(__doc__ or "usage: hr_check.py samples|expected|times ...")
        return 2
    cmds[sys.argv[1]](sys.argv[2:])
    return 0


if __name__ == "__main__":
    sys.exit(main())
