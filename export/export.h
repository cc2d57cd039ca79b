/*
 * export/export.h - writers that read the case and never open evidence
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef EXPORT_H
#define EXPORT_H

#include <stdint.h>
#include <stdio.h>

#include "base/base.h"
#include "timeline/timeline.h"

/* --person may be given this many times. */
#define EXP_MAX_PERSONS 256

/* Options shared by the exporters; zeroed means "default". */
struct exp_opts {
    int64_t from, to;          /* event time bounds, inclusive (ns) */
    int has_from, has_to;
    int bom;                   /* CSV: UTF-8 byte order mark for Excel */
    const struct tl_tz *tz;    /* CSV: add a local-time column */
    int ioc_only;              /* CSV: only events an indicator matched */
    int raw;                   /* --table: times as integer ns */
    int ns;                    /* bodyfile: fractional seconds */
    int64_t evidence_id;       /* bodyfile: one evidence item, 0 = all */
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
};

/* ---- CSV cells (export/csv.c) ----------------------------------- */

/* Write one CSV cell (RFC 4180) holding n bytes of s.  Text cells are
 * neutralised against formula injection: one starting with '=', '+',
 * '-', '@', tab, CR or LF gets a leading apostrophe.  Bytes that are not
 * valid UTF-8 are written as the text \xNN.  'first' is 1 for the first
 * cell of a row (no comma before it).  Numbers use exp_csv_int(). */
void exp_csv_text(FILE *out, const char *s, size_t n, int first);
void exp_csv_int(FILE *out, int64_t v, int first);
void exp_csv_end(FILE *out);     /* CRLF */

/* Length of the valid UTF-8 sequence at s (n bytes left), 0 if it is
 * not one (ftl_utf8_decode()'s rules). */
size_t exp_utf8_len(const unsigned char *s, size_t n);

/* Write s for a terminal: control characters from evidence (a newline
 * in a file name, an escape sequence, C1 controls) become '?', bytes that
 * are not UTF-8 the text \xNN.  NULL writes nothing. */
void exp_put_safe(FILE *out, const char *s);

/* The flags bits in words, ';'-separated ("deleted;ioc"). */
void exp_flags_words(unsigned f, char *out, size_t n);

/* ---- exporters --------------------------------------------------- */

/* Walk the events in timeline order within o's bounds.  Columns: 0 id,
 * 1 ts, 2 prec, 3 ts_desc, 4 message, 5 source, 6 artifact, 7 evidence_id,
 * 8 locator, 9 raw_time, 10 tz, 11 flags, 12 indicators matched (text or
 * NULL), 13 evidence name ("outer//inner" for child evidence). */
int exp_timeline_walk(struct tl_store *st, const struct exp_opts *o,
                      tl_row_fn row, void *payload, struct ftl_err *err);

/* The timeline as JSON Lines (Timesketch / OpenSearch bulk ready). */
int exp_jsonl_timeline(struct tl_store *st, FILE *out,
                       const struct exp_opts *o, int64_t *rows,
                       struct ftl_err *err);


/* The timeline: one row per event, sorted by (ts, id). */
int exp_csv_timeline(struct tl_store *st, FILE *out,
                     const struct exp_opts *o, int64_t *rows,
                     struct ftl_err *err);

/* One case table (or view) as CSV with a header of its column names;
 * time columns as RFC 3339 UTC unless o->raw. */
int exp_csv_table(struct tl_store *st, FILE *out, const char *table,
                  const struct exp_opts *o, int64_t *rows,
                  struct ftl_err *err);

/* TSK 3.x body lines rebuilt from the 'files' table. */
int exp_bodyfile(struct tl_store *st, FILE *out, const struct exp_opts *o,
                 int64_t *rows, struct ftl_err *err);

/* The report: one self-contained HTML file (export/html.c). */
int exp_html(struct tl_store *st, FILE *out, const struct exp_opts *o,
             int64_t *rows, struct ftl_err *err);
/* Default of --max-events. */
#define EXP_HTML_MAX_EVENTS 10000

/* The 'ftl info' summary. */
int exp_info(struct tl_store *st, FILE *out, struct ftl_err *err);
/* Its analysis part (export/info_analysis.c): the window, clocks,
 * regulator figures and warning counts; nothing when no analysis ran. */
int exp_info_analysis(struct tl_store *st, FILE *out, struct ftl_err *err);

#endif
