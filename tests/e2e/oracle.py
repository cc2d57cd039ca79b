#!/usr/bin/env python3
# tests/e2e/oracle.py - does 'ftl analyze' find, in a generated model
# case, exactly what its ground truth says?
#
#   oracle.py --facts truth/facts.json --case CASE [--ftl FTL]
#             [--window FROM..TO] [--contained T] [--corrected]
#
# Give the options the analysis ran with (--corrected for
# '--correct-clocks --trust-clock mx1.agency.example').  The oracle
# exports clock_offsets, analysis_window, exposures and exposure_figures
# with 'ftl export csv --table' and compares them with the truth:
#
#   clock_offsets     a row between the gateway (esg) and mx1, each
#                     within 2 s of the skew the case was made with
#   analysis_window   start and end where the rules put them: --window as
#                     given; else the first exploit's transit and
#                     --contained, or the last indicator activity; the
#                     derived ones on the gateway's clock as written, or
#                     corrected by the offset the analysis estimated;
#                     origins, and the event ids of derived bounds
#   exposures         the rows truth.aggregate() makes from the case's
#                     links for that window and clock: every row, none
#                     more; strength, confidence, art9, items, first and
#                     last exposure to the second (within 1 s when
#                     corrected), the register's name, event ids given
#   exposure_figures  per category and '*': data subjects, records,
#                     subjects only weakly linked, art9, identity docs
#
# Prints each difference; exit status 1 when there is one, 2 on bad use.
import argparse
import csv
import datetime as dt
import io
import json
import os
import subprocess
import sys

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "fixtures"))
from modelcase import truth     # noqa: E402

NS = 10**9
bad = []


def ns(s):
    """RFC 3339 (Z or an offset, any fraction) or '@epoch' to ns."""
    s = s.strip().lstrip("'")
    if s.startswith("@"):
        return int(float(s[1:]) * NS)
    if len(s) == 10:
        s += "T00:00:00Z"
    main, frac, zone = s[:19], "", s[19:]
    if zone.startswith("."):
        k = 1
        while k < len(zone) and zone[k].isdigit():
            k += 1
        frac, zone = zone[1:k], zone[k:]
    d = dt.datetime.strptime(main, "%Y-%m-%dT%H:%M:%S")
    if zone in ("", "Z", "z"):
        off = 0
    else:
        sign = -1 if zone[0] == "-" else 1
        hh, mm = zone[1:].replace(":", "")[:2], zone[1:].replace(":", "")[2:4]
        off = sign * (int(hh) * 3600 + int(mm or 0) * 60)
    base = int(d.replace(tzinfo=dt.timezone.utc).timestamp()) - off
    return base * NS + int((frac + "000000000")[:9])


def show(t):
    return dt.datetime.fromtimestamp(t // NS, dt.timezone.utc).strftime(
        "%Y-%m-%dT%H:%M:%S") + ".%09dZ" % (t % NS)


def table(ftl, case, name):
    r = subprocess.run([ftl, "export", "csv", "--table", name, "-c", case],
                       capture_output=True)
    if r.returncode:
        bad.append("export of %s failed: %s" % (
            name, r.stderr.decode(errors="replace").strip()))
        return []
    text = r.stdout.decode("utf-8", errors="replace")
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))


def num(s):
    return float((s or "nan").lstrip("'"))


def same_time(what, got, want, corrected):
    if got is None:
        bad.append("%s: no time, want %s" % (what, show(want)))
        return
    ok = abs(got - want) < NS if corrected else got // NS == want // NS
    if not ok:
        bad.append("%s: got %s, want %s" % (what, show(got), show(want)))


def host(h):
    return (h or "").split(".")[0].lower()


def clocks(rows, skew, corrected):
    """Check the esg/mx1 rows; the offset (esg ahead of mx1) to correct
    by: that of the row applied, else the first."""
    est = None
    pairs = [r for r in rows if {host(r["host_a"]), host(r["host_b"])} ==
             {"esg", "mx1"}]
    if not pairs:
        bad.append("clock_offsets: no row between esg and mx1 (rows: %s)"
                   % [(r["host_a"], r["host_b"]) for r in rows])
        return 0.0
    for r in pairs:
        sign = 1 if host(r["host_a"]) == "esg" else -1
        off = sign * num(r["offset_seconds"])
        if not abs(off - skew) <= 2:
            bad.append("clock_offsets %s -> %s: %.3f s, want %+d s +- 2"
                       % (r["host_a"], r["host_b"], sign * off, sign * skew))
        if est is None or r.get("applied") in ("1", "true"):
            est = off
    return est if corrected else 0.0


def window(rows, f, o, est):
    """The bounds the analysis must have found; checks its rows."""
    c = f["case"]
    s = c["skew_seconds"]
    shift = -est * NS if o.corrected else 0
    if o.window:
        a, b = (ns(x) for x in o.window.split(".."))
        want = {"start": (a, "explicit"), "end": (b, "explicit")}
    else:
        first = ns(c["first_exploit"]["true"]) + s * NS
        want = {"start": (int(first + shift), "indicator")}
        if o.contained:
            want["end"] = (ns(o.contained), "contained")
        else:
            last = ns(c["last_indicator_activity"]["gateway_clock"])
            want["end"] = (int(last + shift), "last-activity")
    got = {r["bound"]: r for r in rows}
    for bound, (t, origin) in want.items():
        r = got.get(bound)
        if not r:
            bad.append("analysis_window: no %s bound" % bound)
            continue
        same_time("analysis_window %s" % bound,
                  ns(r["ts"]) if r["ts"] else None, t,
                  o.corrected and origin in ("indicator", "last-activity"))
        if r["origin"] != origin:
            bad.append("analysis_window %s: origin %r, want %r"
                       % (bound, r["origin"], origin))
        if origin in ("indicator", "last-activity") and \
                not r["event_ids"].strip():
            bad.append("analysis_window %s: no event ids" % bound)
    return want["start"][0], want["end"][0]


def exposures(rows, want, corrected, names):
    got = {}
    for r in rows:
        key = (r["employee_no"].lstrip("'"), r["category"], r["channel"])
        if key in got:
            bad.append("exposures: two rows for %s" % (key,))
        got[key] = r
    for w in want:
        key = (w["employee_no"], w["category"], w["channel"])
        r = got.pop(key, None)
        tag = "exposures %s %s %s" % key
        if r is None:
            bad.append("%s: missing (%s, %s, %d item(s), from %s)" % (
                tag, w["strength"], w["confidence"], w["items"],
                show(w["first"])))
            continue
        for field, value in (("strength", w["strength"]),
                             ("confidence", w["confidence"]),
                             ("items", str(w["items"])),
                             ("art9", str(int(w["art9"])))):
            if r[field] != value:
                bad.append("%s: %s %r, want %r" % (tag, field, r[field],
                                                   value))
        same_time(tag + " first_exposed", ns(r["first_exposed"])
                  if r["first_exposed"] else None, w["first"], corrected)
        same_time(tag + " last_exposed", ns(r["last_exposed"])
                  if r["last_exposed"] else None, w["last"], corrected)
        if not r["event_ids"].strip():
            bad.append("%s: no event ids" % tag)
        if r["name"] != names[key[0]]:
            bad.append("%s: name %r, want %r" % (tag, r["name"],
                                                 names[key[0]]))
    for key, r in sorted(got.items()):
        bad.append("exposures %s %s %s: unexpected (%s, %s, %s item(s))"
                   % (key + (r["strength"], r["confidence"], r["items"])))


def figures(rows, want):
    got = {r["category"]: r for r in rows}
    for cat, w in sorted(want.items()):
        r = got.pop(cat, None)
        if r is None:
            bad.append("exposure_figures %s: missing" % cat)
            continue
        for field in ("data_subjects", "records", "subjects_weak_only",
                      "art9", "identity_document"):
            if r[field] != str(int(w[field])):
                bad.append("exposure_figures %s: %s %s, want %d"
                           % (cat, field, r[field], int(w[field])))
    for cat in sorted(got):
        bad.append("exposure_figures %s: unexpected" % cat)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--facts", required=True)
    ap.add_argument("--case", required=True)
    ap.add_argument("--ftl", default=os.environ.get("FTL", "ftl"))
    ap.add_argument("--window")
    ap.add_argument("--contained")
    ap.add_argument("--corrected", action="store_true")
    o = ap.parse_args()
    f = json.load(open(o.facts, encoding="utf-8"))
    skew = f["case"]["skew_seconds"]
    est = clocks(table(o.ftl, o.case, "clock_offsets"), skew, o.corrected)
    start, end = window(table(o.ftl, o.case, "analysis_window"), f, o, est)
    rows, figs = truth.aggregate(f["links"], start, end,
                                 "corrected" if o.corrected else "gateway",
                                 est, f["case"]["art9"])
    names = {p["employee_no"]: p["name"] for p in f["persons"]}
    exposures(table(o.ftl, o.case, "exposures"), rows, o.corrected, names)
    figures(table(o.ftl, o.case, "exposure_figures"), figs)
    for b in bad[:80]:
        print("oracle: " + b)
    if len(bad) > 80:
        print("oracle: ... %d more" % (len(bad) - 80))
    print("oracle: %d row(s) expected, %d difference(s)" % (len(rows),
                                                           len(bad)))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
