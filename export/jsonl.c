/*
 * export/jsonl.c - the timeline as JSON Lines, one object per event
 *
 * Each line holds the fields Timesketch and an OpenSearch bulk import
 * expect (message, datetime, timestamp, timestamp_desc) plus ftl's own,
 * with the same names as the CSV columns.  Strings go through
 * ftl_esc_json() (base/escape.h): RFC 8259 escapes, and bytes that are
 * not valid UTF-8 as the text \xNN (as in the CSV), so every line is
 * valid JSON whatever the evidence held.
 *
 * SPDX-License-Identifier: MIT
 */
#include <inttypes.h>
#include <stdio.h>

#include "base/escape.h"
#include "export/export.h"

struct jsonl_ctx {
    FILE *out;
    const struct exp_opts *o;
    int64_t rows;
};

/* ,"name": followed by the string s (NULL: null) */
static void field(FILE *out, const char *name, const char *s)
{
    fprintf(out, ",\"%s\":", name);
    ftl_esc_json(out, s);
}

static int jsonl_row(const struct tl_event_row *ev, void *arg)
{
    struct jsonl_ctx *c = arg;
    FILE *out = c->out;
    char dt[TL_TIME_BUFSZ], words[128];

    fprintf(out, "{\"event_id\":%" PRId64 ",\"datetime\":", ev->id);
    ftl_esc_json(out, tl_time_format(ev->ts, ev->prec, dt));
    fprintf(out, ",\"timestamp\":%" PRId64, tl_time_usec(ev->ts));
    field(out, "timestamp_desc", ev->ts_desc);
    field(out, "message", ev->message);
    field(out, "source", ev->source);
    field(out, "artifact", ev->artifact);
    fprintf(out, ",\"evidence_id\":%" PRId64, ev->evidence_id);
    field(out, "evidence", ev->evidence);
    field(out, "locator", ev->locator);
    field(out, "raw_time", ev->raw_time);
    field(out, "tz_assumed", ev->tz);
    exp_flags_words(ev->flags, words, sizeof(words));
    field(out, "flags", words);
    field(out, "ioc", ev->indicators);
    if (c->o->tz)
        field(out, "local_time",
              tl_time_format_tz(ev->ts, ev->prec, c->o->tz, dt));
    fputs("}\n", out);
    c->rows++;
    return ferror(out) ? 1 : 0;
}

int exp_jsonl_timeline(struct tl_store *st, FILE *out,
                       const struct exp_opts *o, int64_t *rows,
                       struct ftl_err *err)
{
    struct jsonl_ctx c = { out, o, 0 };
    struct tl_event_query q;
    int rc;

    exp_event_query(o, &q);
    rc = tl_events_each(st, &q, jsonl_row, &c, err);
    if (rows)
        *rows = c.rows;
    /* a write error stopped the walk: the caller sees it in ferror() */
    return rc > 0 ? FTL_OK : rc;
}
