/*
 * export/csv.c - the timeline and the case tables as CSV
 *
 * RFC 4180: comma separated, CRLF line ends, a cell is quoted when it
 * holds a comma, a quote, CR or LF, and quotes are doubled.  Every text
 * cell comes from evidence and is hostile: a leading '=', '+', '-', '@',
 * tab, CR or LF gets an apostrophe in front, so that a spreadsheet shows
 * it as text instead of running it as a formula (OWASP "CSV injection").
 * Invalid UTF-8 is written as \xNN so the file is always valid UTF-8.
 *
 * The timeline columns are the ones Timesketch imports as they are:
 * message, datetime (RFC 3339 UTC with the source's own fraction),
 * timestamp (microseconds) and timestamp_desc, plus ftl's own.
 *
 * SPDX-License-Identifier: MIT
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export/export.h"

/* Length of the valid UTF-8 sequence at s, 0 when it is not one. */
size_t exp_utf8_len(const unsigned char *s, size_t n)
{
    uint32_t cp;
    int k = ftl_utf8_decode(s, n, &cp);

    return k > 0 ? (size_t)k : 0;
}

void exp_csv_text(FILE *out, const char *s, size_t n, int first)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i, k;
    int quote = 0, neutral = 0;

    if (!first)
        putc(',', out);
    if (!s)
        return;
    if (n > 0 && strchr("=+-@\t\r\n", p[0]) && p[0])
        neutral = 1;
    for (i = 0; i < n && !quote; i++)
        if (p[i] == ',' || p[i] == '"' || p[i] == '\r' || p[i] == '\n')
            quote = 1;
    if (quote)
        putc('"', out);
    if (neutral)
        putc('\'', out);
    for (i = 0; i < n; i += k) {
        k = exp_utf8_len(p + i, n - i);
        if (k == 0) {
            fprintf(out, "\\x%02X", p[i]);
            k = 1;
        } else if (k == 1 && p[i] == '"') {
            fputs("\"\"", out);
        } else {
            fwrite(p + i, 1, k, out);
        }
    }
    if (quote)
        putc('"', out);
}

void exp_csv_int(FILE *out, int64_t v, int first)
{
    fprintf(out, first ? "%" PRId64 : ",%" PRId64, v);
}

void exp_put_safe(FILE *out, const char *s)
{
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    size_t n = strlen((const char *)p), i, k;
    uint32_t cp;
    int len;

    for (i = 0; i < n; i += k) {
        len = ftl_utf8_decode(p + i, n - i, &cp);
        k = len > 0 ? (size_t)len : 1;
        if (len <= 0)
            fprintf(out, "\\x%02X", p[i]);      /* not UTF-8 */
        else if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f))
            putc('?', out);                      /* C0, DEL, C1 */
        else
            fwrite(p + i, 1, k, out);
    }
}

void exp_csv_end(FILE *out)
{
    fputs("\r\n", out);
}

static void cell(FILE *out, const char *s, int first)
{
    exp_csv_text(out, s, s ? strlen(s) : 0, first);
}

void exp_flags_words(unsigned f, char *out, size_t n)
{
    static const struct { unsigned bit; const char *word; } w[] = {
        { TL_F_DELETED, "deleted" },
        { TL_F_REALLOC, "realloc" },
        { TL_F_YEAR_ESTIMATED, "year-estimated" },
        { TL_F_TZ_ASSUMED, "tz-assumed" },
        { TL_F_DST_AMBIGUOUS, "dst-ambiguous" },
        { TL_F_DST_GAP, "dst-gap" },
        { TL_F_IOC, "ioc" },
        { TL_F_IOC_MESSAGE, "ioc-message" },
    };
    size_t i, len = 0;

    out[0] = '\0';
    for (i = 0; i < sizeof(w) / sizeof(w[0]); i++) {
        if (!(f & w[i].bit))
            continue;
        len += (size_t)snprintf(out + len, n - len, "%s%s", len ? ";" : "",
                                w[i].word);
        if (len >= n)
            break;
    }
}

struct timeline_ctx {
    FILE *out;
    const struct exp_opts *o;
    int64_t rows;
};

static int timeline_row(void *s, void *payload)
{
    struct timeline_ctx *c = payload;
    FILE *out = c->out;
    char dt[TL_TIME_BUFSZ], words[128];
    int64_t ts = tl_col_int(s, 1);

    exp_csv_int(out, tl_col_int(s, 0), 1);
    cell(out, tl_time_format(ts, (int)tl_col_int(s, 2), dt), 0);
    exp_csv_int(out, tl_time_usec(ts), 0);
    cell(out, tl_col_text(s, 3), 0);
    cell(out, tl_col_text(s, 4), 0);
    cell(out, tl_col_text(s, 5), 0);
    cell(out, tl_col_text(s, 6), 0);
    exp_csv_int(out, tl_col_int(s, 7), 0);
    /* A child evidence item reads "image.dd//mail/log/maillog". */
    cell(out, tl_col_text(s, 13), 0);
    cell(out, tl_col_text(s, 8), 0);
    cell(out, tl_col_text(s, 9), 0);
    cell(out, tl_col_text(s, 10), 0);
    exp_flags_words((unsigned)tl_col_int(s, 11), words, sizeof(words));
    cell(out, words, 0);
    cell(out, tl_col_text(s, 12), 0);
    if (c->o->tz)
        cell(out, tl_time_format_tz(ts, (int)tl_col_int(s, 2), c->o->tz, dt),
             0);
    exp_csv_end(out);
    c->rows++;
    return ferror(out) ? 1 : 0;
}

int exp_timeline_walk(struct tl_store *st, const struct exp_opts *o,
                      tl_row_fn row, void *payload, struct ftl_err *err)
{
    static const char sql[] =
        "SELECT e.id, e.ts, e.prec, e.ts_desc, e.message, e.source,"
        " e.artifact, e.evidence_id, e.locator, e.raw_time, e.tz, e.flags,"
        " CASE WHEN e.flags & 4 THEN"
        "  (SELECT group_concat(coalesce(h.family || ': ', '') ||"
        "   coalesce(h.ioc_type || ' ' || h.ioc_value, h.rule), '; ')"
        "   FROM ioc_hits h WHERE h.evidence_id = e.evidence_id"
        "   AND h.locator = e.locator) END,"
        " v.path || CASE WHEN v.inner_path != '' THEN '//' || v.inner_path"
        "   ELSE '' END"
        " FROM events e JOIN evidence v ON v.id = e.evidence_id"
        " WHERE e.ts >= ?1 AND e.ts <= ?2 AND (?3 = 0 OR e.flags & 4)"
        " ORDER BY e.ts, e.id";

    return tl_store_select(st, sql, "iii", row, payload, err,
                           o->has_from ? o->from : INT64_MIN,
                           o->has_to ? o->to : INT64_MAX,
                           (int64_t)o->ioc_only);
}

int exp_csv_timeline(struct tl_store *st, FILE *out,
                     const struct exp_opts *o, int64_t *rows,
                     struct ftl_err *err)
{
    struct timeline_ctx c = { out, o, 0 };
    int rc;

    if (o->bom)
        fputs("\xef\xbb\xbf", out);
    fputs("event_id,datetime,timestamp,timestamp_desc,message,source,"
          "artifact,evidence_id,evidence,locator,raw_time,tz_assumed,flags,"
          "ioc", out);
    if (o->tz)
        fprintf(out, ",local_time");
    exp_csv_end(out);
    rc = exp_timeline_walk(st, o, timeline_row, &c, err);
    if (rows)
        *rows = c.rows;
    return rc;
}

struct table_ctx {
    FILE *out;
    const struct exp_opts *o;
    int64_t rows;
    int header_done;
    int zero_unset;            /* a time of 0 means "not set" (files) */
};

static int table_row(void *s, void *payload)
{
    struct table_ctx *c = payload;
    char dt[TL_TIME_BUFSZ];
    int i, n = tl_col_count(s);

    if (!c->header_done) {
        for (i = 0; i < n; i++)
            cell(c->out, tl_col_name(s, i), i == 0);
        exp_csv_end(c->out);
        c->header_done = 1;
    }
    for (i = 0; i < n; i++) {
        if (tl_col_is_null(s, i)) {
            cell(c->out, NULL, i == 0);
        } else if (tl_col_is_time(s, i) && !c->o->raw) {
            int64_t v = tl_col_int(s, i);

            /* 0 means "not set" in the files table (as TSK has it): an
             * empty cell; elsewhere 0 is 1970-01-01T00:00:00Z. */
            cell(c->out, v || !c->zero_unset ? tl_time_format(v, -1, dt)
                                             : NULL, i == 0);
        } else if (tl_col_is_int(s, i)) {
            /* ftl's own numbers, never neutralised ("-5" stays -5) */
            exp_csv_int(c->out, tl_col_int(s, i), i == 0);
        } else {
            exp_csv_text(c->out, tl_col_text(s, i), (size_t)tl_col_bytes(s, i),
                         i == 0);
        }
    }
    exp_csv_end(c->out);
    c->rows++;
    return ferror(c->out) ? 1 : 0;
}

/* Column names of a table, for the header of an empty export. */
static int names_row(void *s, void *payload)
{
    struct table_ctx *c = payload;

    cell(c->out, tl_col_text(s, 0), !c->header_done);
    c->header_done = 1;
    return 0;
}

int exp_csv_table(struct tl_store *st, FILE *out, const char *table,
                  const struct exp_opts *o, int64_t *rows,
                  struct ftl_err *err)
{
    struct table_ctx c = { out, o, 0, 0, strcmp(table, "files") == 0 };
    char sql[256];
    int rc;

    /* The name is checked against sqlite_master and may only hold
     * [a-z0-9_], so it can be put into the SQL text safely. */
    if (strspn(table, "abcdefghijklmnopqrstuvwxyz0123456789_") !=
            strlen(table) || strlen(table) > 64 ||
        !tl_store_has_table(st, table))
        return ftl_err_set(err, FTL_EUSAGE, "no table '%s' in the case "
                           "(see docs/FORMATS.md for the list)", table);
    if (o->bom)
        fputs("\xef\xbb\xbf", out);
    snprintf(sql, sizeof(sql), "SELECT * FROM \"%s\" ORDER BY 1", table);
    rc = tl_store_query(st, sql, table_row, &c, err);
    if (rc == FTL_OK && !c.header_done) {
        rc = tl_store_select(st, "SELECT name FROM pragma_table_info(?)",
                             "t", names_row, &c, err, table);
        exp_csv_end(out);
    }
    if (rows)
        *rows = c.rows;
    return rc;
}
