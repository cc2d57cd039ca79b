/*
 * export/export.h - writers that read the case and never open evidence
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef EXPORT_H
#define EXPORT_H

#include <stdint.h>
#include <stdio.h>

#include "ftl.h"
#include "timeline/timeline.h"

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

/* ---- exporters --------------------------------------------------- */

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

/* The 'ftl info' summary. */
int exp_info(struct tl_store *st, FILE *out, struct ftl_err *err);

#endif
