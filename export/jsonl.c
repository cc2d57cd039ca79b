/*
 * export/jsonl.c - the timeline as JSON Lines, one object per event
 *
 * Each line holds the fields Timesketch and an OpenSearch bulk import
 * expect (message, datetime, timestamp, timestamp_desc) plus ftl's own,
 * with the same names as the CSV columns.  Strings are escaped per RFC
 * 8259; bytes that are not valid UTF-8 are written as the text \xNN (as
 * in the CSV), so every line is valid JSON whatever the evidence held.
 *
 * SPDX-License-Identifier: MIT
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "export/export.h"

/* Write s as a JSON string, quotes included; NULL becomes null. */
static void json_str(FILE *out, const char *s)
{
    const unsigned char *p = (const unsigned char *)s, *end;
    size_t k;

    if (!s) {
        fputs("null", out);
        return;
    }
    end = p + strlen(s);
    putc('"', out);
    for (; p < end; p += k) {
        k = exp_utf8_len(p, (size_t)(end - p));
        if (k == 0) {
            fprintf(out, "\\\\x%02X", *p);
            k = 1;
        } else if (*p == '"' || *p == '\\') {
            putc('\\', out);
            putc(*p, out);
        } else if (*p == '\n') {
            fputs("\\n", out);
        } else if (*p == '\r') {
            fputs("\\r", out);
        } else if (*p == '\t') {
            fputs("\\t", out);
        } else if (*p < 0x20 || *p == 0x7f) {
            fprintf(out, "\\u%04x", *p);
        } else {
            fwrite(p, 1, k, out);
        }
    }
    putc('"', out);
}

struct jsonl_ctx {
    FILE *out;
    const struct exp_opts *o;
    int64_t rows;
};

static int jsonl_row(void *s, void *payload)
{
    struct jsonl_ctx *c = payload;
    FILE *out = c->out;
    char dt[TL_TIME_BUFSZ], words[128];
    int64_t ts = tl_col_int(s, 1), us = tl_time_usec(ts);

    fprintf(out, "{\"event_id\":%" PRId64 ",\"datetime\":", tl_col_int(s, 0));
    json_str(out, tl_time_format(ts, (int)tl_col_int(s, 2), dt));
    fprintf(out, ",\"timestamp\":%" PRId64 ",\"timestamp_desc\":", us);
    json_str(out, tl_col_text(s, 3));
    fputs(",\"message\":", out);
    json_str(out, tl_col_text(s, 4));
    fputs(",\"source\":", out);
    json_str(out, tl_col_text(s, 5));
    fputs(",\"artifact\":", out);
    json_str(out, tl_col_text(s, 6));
    fprintf(out, ",\"evidence_id\":%" PRId64 ",\"evidence\":",
            tl_col_int(s, 7));
    json_str(out, tl_col_text(s, 13));
    fputs(",\"locator\":", out);
    json_str(out, tl_col_text(s, 8));
    fputs(",\"raw_time\":", out);
    json_str(out, tl_col_text(s, 9));
    fputs(",\"tz_assumed\":", out);
    json_str(out, tl_col_text(s, 10));
    exp_flags_words((unsigned)tl_col_int(s, 11), words, sizeof(words));
    fputs(",\"flags\":", out);
    json_str(out, words);
    fputs(",\"ioc\":", out);
    json_str(out, tl_col_text(s, 12));
    if (c->o->tz) {
        fputs(",\"local_time\":", out);
        json_str(out, tl_time_format_tz(ts, (int)tl_col_int(s, 2), c->o->tz,
                                        dt));
    }
    fputs("}\n", out);
    c->rows++;
    return ferror(out) ? 1 : 0;
}

int exp_jsonl_timeline(struct tl_store *st, FILE *out,
                       const struct exp_opts *o, int64_t *rows,
                       struct ftl_err *err)
{
    struct jsonl_ctx c = { out, o, 0 };
    int rc;

    rc = exp_timeline_walk(st, o, jsonl_row, &c, err);
    if (rows)
        *rows = c.rows;
    return rc;
}
