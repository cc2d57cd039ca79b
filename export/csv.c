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

static void cell_n(FILE *out, const char *s, size_t n, int first,
                   unsigned flags)
{
    if (!first)
        putc(',', out);
    ftl_esc_csv(out, s, n, flags);
}

static void text_n(FILE *out, const char *s, size_t n, int first)
{
    cell_n(out, s, n, first, FTL_ESC_CSV_FORMULA);
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

/* For a spreadsheet (the default) every text cell is neutralised: a
 * file named "-rf" or "=cmd|..." is written '-rf, so that Excel or
 * LibreOffice shows it and runs nothing.  --for timesketch writes the
 * cells as they are (Timesketch runs no formula, and would store the
 * apostrophe as part of the name) and keeps raw_time text: Timesketch's
 * CSV importer (timesketch/lib/utils.py, read_and_validate_csv) reads
 * with pandas.read_csv() and no dtype, which makes a column of numbers a
 * float column per chunk of 10,000 rows, quoted or not, so that
 * "1667441647.481516339" became 1667441647.4815164.  A raw_time that is
 * a plain number is therefore written "@1667441647.481516339", the
 * notation of epoch seconds that ftl's --from and GNU date read. */
struct timeline_ctx {
    FILE *out;
    const struct exp_opts *o;
    unsigned esc;              /* flags of ftl_esc_csv() for text cells */
    int64_t rows;
};

/* 1 when pandas would read s as a number: optional blanks and sign,
 * digits with at most one point, an optional exponent. */
static int numeric(const char *s)
{
    int digits = 0;

    while (*s == ' ' || *s == '\t')
        s++;
    if (*s == '+' || *s == '-')
        s++;
    for (; *s >= '0' && *s <= '9'; s++)
        digits++;
    if (*s == '.')
        for (s++; *s >= '0' && *s <= '9'; s++)
            digits++;
    if (!digits)
        return 0;
    if (*s == 'e' || *s == 'E') {
        s++;
        if (*s == '+' || *s == '-')
            s++;
        if (*s < '0' || *s > '9')
            return 0;
        while (*s >= '0' && *s <= '9')
            s++;
    }
    while (*s == ' ' || *s == '\t')
        s++;
    return *s == '\0';
}

static void cell(struct timeline_ctx *c, const char *s)
{
    cell_n(c->out, s, s ? strlen(s) : 0, 0, c->esc);
}

static void raw_time(struct timeline_ctx *c, const char *s)
{
    char at[TL_TIME_BUFSZ + 2];

    if (c->o->for_timesketch && s && numeric(s) &&
        (size_t)snprintf(at, sizeof(at), "@%s", s) < sizeof(at))
        s = at;
    cell(c, s);
}

static int timeline_row(const struct tl_event_row *ev, void *arg)
{
    struct timeline_ctx *c = arg;
    FILE *out = c->out;
    char dt[TL_TIME_BUFSZ], words[128];

    number(out, ev->id, 1);
    cell(c, tl_time_format(ev->ts, ev->prec, dt));
    number(out, tl_time_usec(ev->ts), 0);
    cell(c, ev->ts_desc);
    cell(c, ev->message);
    cell(c, ev->source);
    cell(c, ev->artifact);
    number(out, ev->evidence_id, 0);
    cell(c, ev->evidence);
    cell(c, ev->locator);
    raw_time(c, ev->raw_time);
    cell(c, ev->tz);
    exp_flags_words(ev->flags, words, sizeof(words));
    cell(c, words);
    cell(c, ev->indicators);
    if (c->o->tz)
        cell(c, tl_time_format_tz(ev->ts, ev->prec, c->o->tz, dt));
    end_row(out);
    c->rows++;
    return ferror(out) ? 1 : 0;
}

int exp_csv_timeline(struct tl_store *st, FILE *out,
                     const struct exp_opts *o, int64_t *rows,
                     struct ftl_err *err)
{
    struct timeline_ctx c = { out, o, o->for_timesketch ? 0u
                                      : (unsigned)FTL_ESC_CSV_FORMULA, 0 };
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
