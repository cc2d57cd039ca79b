/*
 * export/registry.c - the table of export formats
 *
 * How to add a format:
 *
 *  1. Write export/<name>.c with a function of type exp_run_fn
 *     (export.h) that reads the case through the readers of timeline/
 *     (tl_events_each, tl_files_each, tl_table_each, ...) and writes
 *     every string from evidence through base/escape.h.  No SQL here.
 *  2. Declare it in export.h and add its row to exp_formats[] below:
 *     name, the options it takes (enum exp_opt), flags, and the sentence
 *     'ftl export --help' shows for it.
 *  3. A new option is a bit of enum exp_opt, a field of struct exp_opts
 *     and a row of the option table in cli/export.c.
 *  4. Add a unit suite (tests/check_<name>.c) and an end-to-end test in
 *     tests/e2e/; document the format in README.md, docs/FORMATS.md and
 *     docs/ftl.1.
 *
 * The front finds formats here by name and builds its usage text from
 * these rows; nothing else needs to change.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stddef.h>
#include <string.h>

#include "export/export.h"

#define EVENT_OPTS (EXP_O_FROM | EXP_O_TO | EXP_O_TZ | EXP_O_IOC_ONLY | \
                    EXP_O_EVIDENCE)

const struct exp_format exp_formats[] = {
    { "csv", 0, EVENT_OPTS | EXP_O_BOM | EXP_O_FOR, 0,
      "the timeline, one row per event sorted by time (Timesketch columns "
      "datetime, timestamp, timestamp_desc, message); cells that a "
      "spreadsheet would run as a formula get a leading ', except with "
      "--for timesketch",
      exp_csv_timeline },
    { "csv", EXP_O_TABLE, EXP_O_TABLE | EXP_O_BOM | EXP_O_RAW, 0,
      "one table of the case (evidence, files, events, warnings, audit, "
      "iocs, ioc_hits, messages, attachments, persons, documents, ...) "
      "with a header of its column names; times as RFC 3339 UTC",
      exp_csv_table },
    { "jsonl", 0, EVENT_OPTS, 0,
      "the same events as JSON Lines, one object per event, each field of "
      "one JSON type on every line, with the persons, categories and "
      "exposure of the events that prove an exposure: the way into "
      "Timesketch",
      exp_jsonl_timeline },
    { "jsonl", EXP_O_BULK, EVENT_OPTS | EXP_O_BULK | EXP_O_MAX_BYTES,
      EXP_NEEDS_FILE | EXP_FILES,
      "OpenSearch _bulk files for index INDEX: -o PREFIX writes "
      "PREFIX-mapping.json (the index's mapping) and PREFIX-0001.ndjson, "
      "... (an action with the _id CASE-EVENT and the JSONL document, each "
      "file at most --max-bytes)",
      exp_jsonl_bulk },
    { "l2tcsv", 0, EVENT_OPTS, 0,
      "the timeline as plaso's l2tcsv (Timeline Explorer): its 17 columns "
      "date,time,timezone,MACB,... in the --tz zone, whole seconds (the "
      "fraction in extra); one row per event, but the equal times of one "
      "file entry are one row with their MACB letters, as plaso writes it",
      exp_l2tcsv },
    { "bodyfile", 0, EXP_O_NS | EXP_O_EVIDENCE, 0,
      "TSK 3.x body lines rebuilt from the files table, as fls -m prints "
      "them",
      exp_bodyfile },
    { "html", 0, EXP_O_FROM | EXP_O_TO | EXP_O_TZ | EXP_O_PERSON |
      EXP_O_MAX_EVENTS | EXP_O_LANG | EXP_O_CLASSIFICATION |
      EXP_O_AUTHORITY, 0,
      "the report: one self-contained HTML file (case, summary, window, "
      "clocks, exposure per person, regulator figures, evidence, timeline, "
      "events per day, method and limits)",
      exp_html },
    { NULL, 0, 0, 0, NULL, NULL }
};

/* Number of bits set in v. */
static int bits(unsigned v)
{
    int n = 0;

    for (; v; v &= v - 1)
        n++;
    return n;
}

/* The form whose selecting options were all given, the one that asks for
 * the most of them when several do (csv --table over csv). */
const struct exp_format *exp_format_find(const char *name, unsigned given)
{
    const struct exp_format *f, *best = NULL;

    for (f = exp_formats; f->name; f++)
        if (strcmp(f->name, name) == 0 &&
            (f->selects & given) == f->selects &&
            (!best || bits(f->selects) > bits(best->selects)))
            best = f;
    return best;
}
