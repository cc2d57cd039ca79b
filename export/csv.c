/*
 * export/csv.c - the timeline and the case tables as CSV
 *
 * RFC 4180: comma separated, CRLF line ends; every text cell goes through
 * ftl_esc_csv() (base/escape.h), which quotes, neutralises a cell that a
 * spreadsheet would run as a formula and writes invalid UTF-8 as \xNN.
 * Numbers ftl writes itself are never neutralised ("-5" stays -5).
 *
 * The timeline columns are the ones Timesketch imports as they are:
 * message, datetime (RFC 3339 UTC with the source's own fraction),
 * timestamp (microseconds) and timestamp_desc, plus ftl's own.
 *
 * SPDX-License-Identifier: MIT
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "base/escape.h"
#include "export/export.h"

static const char bom[] = "\xef\xbb\xbf";

static void text_n(FILE *out, const char *s, size_t n, int first)
{
    if (!first)
        putc(',', out);
    ftl_esc_csv(out, s, n, FTL_ESC_CSV_FORMULA);
}

static void text(FILE *out, const char *s, int first)
{
    text_n(out, s, s ? strlen(s) : 0, first);
}

static void number(FILE *out, int64_t v, int first)
{
    fprintf(out, first ? "%" PRId64 : ",%" PRId64, v);
}

static void end_row(FILE *out)
{
    fputs("\r\n", out);
}

/* ---- the timeline ------------------------------------------------- */

struct timeline_ctx {
    FILE *out;
    const struct exp_opts *o;
    int64_t rows;
};

static int timeline_row(const struct tl_event_row *ev, void *arg)
{
    struct timeline_ctx *c = arg;
    FILE *out = c->out;
    char dt[TL_TIME_BUFSZ], words[128];

    number(out, ev->id, 1);
    text(out, tl_time_format(ev->ts, ev->prec, dt), 0);
    number(out, tl_time_usec(ev->ts), 0);
    text(out, ev->ts_desc, 0);
    text(out, ev->message, 0);
    text(out, ev->source, 0);
    text(out, ev->artifact, 0);
    number(out, ev->evidence_id, 0);
    text(out, ev->evidence, 0);
    text(out, ev->locator, 0);
    text(out, ev->raw_time, 0);
    text(out, ev->tz, 0);
    exp_flags_words(ev->flags, words, sizeof(words));
    text(out, words, 0);
    text(out, ev->indicators, 0);
    if (c->o->tz)
        text(out, tl_time_format_tz(ev->ts, ev->prec, c->o->tz, dt), 0);
    end_row(out);
    c->rows++;
    return ferror(out) ? 1 : 0;
}

int exp_csv_timeline(struct tl_store *st, FILE *out,
                     const struct exp_opts *o, int64_t *rows,
                     struct ftl_err *err)
{
    struct timeline_ctx c = { out, o, 0 };
    struct tl_event_query q;
    int rc;

    if (o->bom)
        fputs(bom, out);
    fputs("event_id,datetime,timestamp,timestamp_desc,message,source,"
          "artifact,evidence_id,evidence,locator,raw_time,tz_assumed,flags,"
          "ioc", out);
    if (o->tz)
        fputs(",local_time", out);
    end_row(out);
    exp_event_query(o, &q);
    rc = tl_events_each(st, &q, timeline_row, &c, err);
    if (rows)
        *rows = c.rows;
    /* a write error stopped the walk: the caller sees it in ferror() */
    return rc > 0 ? FTL_OK : rc;
}

/* ---- one table ---------------------------------------------------- */

struct table_ctx {
    FILE *out;
    const struct exp_opts *o;
    int64_t rows;
};

static int table_header(const struct tl_table *t, void *arg)
{
    struct table_ctx *c = arg;
    int i;

    if (c->o->bom)
        fputs(bom, c->out);
    for (i = 0; i < t->ncols; i++)
        text(c->out, t->cols[i].name, i == 0);
    end_row(c->out);
    return ferror(c->out) ? 1 : 0;
}

static int table_row(const struct tl_table *t, const struct tl_cell *cells,
                     void *arg)
{
    struct table_ctx *c = arg;
    const struct tl_cell *v;
    char dt[TL_TIME_BUFSZ];
    int i;

    for (i = 0; i < t->ncols; i++) {
        v = &cells[i];
        if (v->type == TL_CELL_NULL)
            text(c->out, NULL, i == 0);
        else if (t->cols[i].is_time && !c->o->raw)
            /* an empty cell where 0 means "not set" (files) */
            text(c->out, v->i || !t->cols[i].zero_unset
                             ? tl_time_format(v->i, -1, dt) : NULL, i == 0);
        else if (v->type == TL_CELL_INT)
            number(c->out, v->i, i == 0);
        else
            text_n(c->out, v->text, v->len, i == 0);
    }
    end_row(c->out);
    c->rows++;
    return ferror(c->out) ? 1 : 0;
}

int exp_csv_table(struct tl_store *st, FILE *out, const struct exp_opts *o,
                  int64_t *rows, struct ftl_err *err)
{
    struct table_ctx c = { out, o, 0 };
    int rc;

    rc = tl_table_each(st, o->table, table_header, table_row, &c, err);
    if (rows)
        *rows = c.rows;
    return rc > 0 ? FTL_OK : rc;
}
