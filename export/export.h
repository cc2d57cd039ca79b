/*
 * export/export.h - writers that read the case and never open evidence
 *
 * Every format is one row of exp_formats[] (export/registry.c): its name,
 * the options it takes, what it writes and the function that writes it.
 * 'ftl export' loops over that table for its usage text, for refusing
 * options a format does not take and for dispatch, so a new format is
 * one file and one row.  Exporters read the case through the typed
 * readers of timeline/ (tl_events_each, tl_files_each, tl_table_each)
 * and write evidence text only through base/escape.h.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef EXPORT_H
#define EXPORT_H

#include <stdint.h>
#include <stdio.h>

#include "base/base.h"
#include "base/buf.h"
#include "timeline/timeline.h"

/* The options of 'ftl export', one bit each, in the order the usage text
 * lists them.  A format's row says which it accepts. */
enum exp_opt {
    EXP_O_FROM = 1u << 0,      /* --from T */
    EXP_O_TO = 1u << 1,        /* --to T */
    EXP_O_TZ = 1u << 2,        /* --tz ZONE */
    EXP_O_BOM = 1u << 3,       /* --bom */
    EXP_O_IOC_ONLY = 1u << 4,  /* --ioc-only */
    EXP_O_TABLE = 1u << 5,     /* --table NAME */
    EXP_O_RAW = 1u << 6,       /* --raw */
    EXP_O_NS = 1u << 7,        /* --ns */
    EXP_O_EVIDENCE = 1u << 8,  /* --evidence ID */
    EXP_O_PERSON = 1u << 9,    /* --person P (repeatable) */
    EXP_O_MAX_EVENTS = 1u << 10, /* --max-events N */
    EXP_O_LANG = 1u << 11,     /* --lang LANG */
    EXP_O_CLASSIFICATION = 1u << 12, /* --classification TEXT */
    EXP_O_AUTHORITY = 1u << 13,  /* --authority TEXT */
    EXP_O_FOR = 1u << 14,      /* --for TOOL (csv: spreadsheet, timesketch) */
    EXP_O_BULK = 1u << 15,     /* --bulk INDEX (jsonl: OpenSearch _bulk) */
    EXP_O_MAX_BYTES = 1u << 16,  /* --max-bytes N (bulk: per file) */
};

/* --person may be given this many times. */
#define EXP_MAX_PERSONS 256

/* The values of those options; zeroed means "default". */
struct exp_opts {
    int64_t from, to;          /* event time bounds, inclusive (ns) */
    int has_from, has_to;
    int bom;                   /* CSV: UTF-8 byte order mark for Excel */
    const struct tl_tz *tz;    /* add a local-time column in this zone */
    int ioc_only;              /* only events an indicator matched */
    const char *table;         /* --table: the case table to write */
    int raw;                   /* --table: times as integer ns */
    int ns;                    /* bodyfile: fractional seconds */
    int64_t evidence_id;       /* one evidence item, 0 = all */
    /* html */
    const char *persons[EXP_MAX_PERSONS]; /* --person: id, employee no,
                                             name or e-mail address */
    size_t n_persons;
    int64_t max_events;        /* --max-events: timeline rows besides the
                                  cited ones; with has_max_events */
    int has_max_events;
    const char *lang;          /* en, fr, nl, de; NULL: en */
    const char *classification;/* banner text, or NULL */
    const char *authority;     /* the regulator the figures are for */
    /* csv --for timesketch: no formula apostrophe, numeric raw_time as
     * @SECONDS (export/csv.c says why) */
    int for_timesketch;
    /* jsonl --bulk */
    const char *bulk_index;    /* the OpenSearch index of the actions */
    int64_t max_bytes;         /* of one file; 0: EXP_BULK_MAX_BYTES */
    struct exp_files *files;   /* EXP_FILES formats: where they go */
};

/* Default of --max-bytes: 10 MiB, a tenth of OpenSearch's default
 * http.max_content_length (100 MB), so one file is one request. */
#define EXP_BULK_MAX_BYTES (10 * 1024 * 1024)
/* The smallest --max-bytes taken: a few lines of any real case. */
#define EXP_BULK_MIN_BYTES 4096

/* Where a format that writes several files puts them.  The front (-o
 * PREFIX) provides it; each file is PREFIX followed by the suffix the
 * format names ("-0001.ndjson", "-mapping.json").  Only regular files
 * are ever replaced, as for -o. */
struct exp_files {
    /* Open PREFIX+suffix for writing: 0, or non-zero after the front
     * said why (the format then stops with FTL_EIO and no message). */
    int (*open)(struct exp_files *fs, const char *suffix, FILE **out);
    /* Finish the file opened last ('rows' events in it, -1 for a file
     * of no events); ok 0 throws it away.  0, or non-zero after the
     * front said why. */
    int (*close)(struct exp_files *fs, FILE *out, int ok, int64_t rows);
};

/* Write the case to 'out' as o says; *rows (may be NULL) receives the
 * rows written.  A write error on 'out' stops the walk and is left for
 * the caller to find with ferror(); other failures return a code with
 * 'err' set (FTL_EUSAGE for an option value the case cannot satisfy). */
typedef int (*exp_run_fn)(struct tl_store *st, FILE *out,
                          const struct exp_opts *o, int64_t *rows,
                          struct ftl_err *err);

/* Flags of a format. */
enum {
    /* Needs -o FILE: the output is not meant for a terminal or a pipe. */
    EXP_NEEDS_FILE = 1u << 0,
    /* Writes several files through exp_opts.files; -o names their
     * prefix, and the run's 'out' is NULL. */
    EXP_FILES = 1u << 1,
};

/* One form of 'ftl export NAME'.  A format may have several forms that
 * take different options (csv writes the timeline, or one table when
 * --table is given): the form used is the row of that name whose
 * 'selects' options were all given, the most specific one when several
 * were. */
struct exp_format {
    const char *name;          /* ftl export NAME */
    unsigned selects;          /* enum exp_opt: given options that choose
                                  this form; 0 for the default form */
    unsigned accepts;          /* enum exp_opt: the options it takes */
    unsigned flags;            /* EXP_NEEDS_FILE */
    const char *summary;       /* what it writes, a sentence or two */
    exp_run_fn run;
};

/* The formats, ended by a row whose name is NULL. */
extern const struct exp_format exp_formats[];

/* The form of format 'name' for the options given (enum exp_opt bits),
 * or NULL when there is none (~0u finds any form of a known name). */
const struct exp_format *exp_format_find(const char *name, unsigned given);

/* ---- what the exporters share (export/fields.c) ------------------- */

/* The events o selects, as a query of timeline/. */
void exp_event_query(const struct exp_opts *o, struct tl_event_query *q);

/* The flag bits of an event in words, ';'-separated ("deleted;ioc"). */
void exp_flags_words(unsigned flags, char *out, size_t n);
/* The same words as a list: at most n of them into out; their number. */
size_t exp_flags_list(unsigned flags, const char **out, size_t n);

/* ---- the typed JSON writer (export/json.c) ------------------------ */

#define EXP_JSON_DEPTH 4

/* One JSON object being built in a buffer: every member keeps one type,
 * an absent value (NULL string, empty list) is left out. */
struct exp_json {
    struct ftl_buf *b;
    int n[EXP_JSON_DEPTH];     /* members so far, per open object */
    int depth;
    int rc;                    /* the first buffer error */
};

/* "{" appended to b. */
void exp_json_begin(struct exp_json *j, struct ftl_buf *b);
/* Close what is open, then "}\n": FTL_OK or the first buffer error. */
int exp_json_end(struct exp_json *j);
void exp_json_text(struct exp_json *j, const char *name, const char *s);
void exp_json_int(struct exp_json *j, const char *name, int64_t v);
void exp_json_texts(struct exp_json *j, const char *name,
                   const char *const *v, size_t n);
void exp_json_ints(struct exp_json *j, const char *name, const int64_t *v,
                   size_t n);
/* "name":{ ... exp_json_close() writes the "}". */
void exp_json_open(struct exp_json *j, const char *name);
void exp_json_close(struct exp_json *j);

/* One event as the JSONL line holds it, without the closing brace
 * (export/jsonl.c); cited NULL when it proves no exposure. */
void exp_jsonl_event(struct exp_json *j, const struct tl_event_row *ev,
                     const struct tl_cited_event *cited,
                     const struct exp_opts *o);

/* ---- the exporters ------------------------------------------------ */

/* The timeline as CSV, one row per event sorted by (ts, id), with the
 * columns Timesketch imports as they are (export/csv.c). */
int exp_csv_timeline(struct tl_store *st, FILE *out,
                     const struct exp_opts *o, int64_t *rows,
                     struct ftl_err *err);

/* The case table o->table as CSV with a header of its column names;
 * time columns as RFC 3339 UTC unless o->raw (export/csv.c). */
int exp_csv_table(struct tl_store *st, FILE *out, const struct exp_opts *o,
                  int64_t *rows, struct ftl_err *err);

/* The timeline as JSON Lines (export/jsonl.c). */
int exp_jsonl_timeline(struct tl_store *st, FILE *out,
                       const struct exp_opts *o, int64_t *rows,
                       struct ftl_err *err);

/* The timeline as plaso's l2tcsv: its 17 columns, the four file times
 * of one entry at one instant folded into one MACB row (export/l2tcsv.c). */
int exp_l2tcsv(struct tl_store *st, FILE *out, const struct exp_opts *o,
               int64_t *rows, struct ftl_err *err);
/* The timeline as OpenSearch _bulk files of at most o->max_bytes, and
 * the index's mapping beside them, through o->files (export/bulk.c). */
int exp_jsonl_bulk(struct tl_store *st, FILE *out, const struct exp_opts *o,
                   int64_t *rows, struct ftl_err *err);
/* 1 when name may be an OpenSearch index; else 0 and why in 'why'. */
int exp_bulk_index_ok(const char *name, char *why, size_t n);

/* TSK 3.x body lines rebuilt from the files table (export/bodyfile.c). */
int exp_bodyfile(struct tl_store *st, FILE *out, const struct exp_opts *o,
                 int64_t *rows, struct ftl_err *err);

/* The report: one self-contained HTML file (export/html.c). */
int exp_html(struct tl_store *st, FILE *out, const struct exp_opts *o,
             int64_t *rows, struct ftl_err *err);
/* Default of --max-events. */
#define EXP_HTML_MAX_EVENTS 10000
/* The report's languages (--lang), i from 0; NULL past the last
 * (export/html_i18n.c). */
const char *exp_html_lang(int i);

/* The 'ftl info' summary (export/info.c). */
int exp_info(struct tl_store *st, FILE *out, struct ftl_err *err);
/* Its analysis part (export/info_analysis.c): the window, clocks,
 * regulator figures and warning counts; nothing when no analysis ran. */
int exp_info_analysis(struct tl_store *st, FILE *out, struct ftl_err *err);

#endif
