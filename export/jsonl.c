/*
 * export/jsonl.c - the timeline as JSON Lines, one object per event
 *
 * The documented way into Timesketch.  Each line holds the fields
 * Timesketch requires (message, datetime, timestamp_desc; timestamp in
 * microseconds) plus ftl's own, with the names of the CSV columns, and
 * the analysis' persons, categories and exposure on the events that
 * prove an exposure.  Every field has one JSON type on every line
 * (export/json.c): ids and times as numbers, text as strings (raw_time
 * too: "1667441647.481516339" must not become a float), lists as lists;
 * a field without a value is left out.  docs/FORMATS.md has the table
 * and tests/e2e/t_jsonl_schema.sh checks it line by line.
 *
 * Strings go through ftl_esc_json_buf() (base/escape.h): RFC 8259
 * escapes, and bytes that are not valid UTF-8 as the text \xNN (as in
 * the CSV), so every line is valid JSON whatever the evidence held.
 *
 * SPDX-License-Identifier: MIT
 */
#include <inttypes.h>
#include <stdio.h>

#include "export/export.h"

void exp_jsonl_event(struct exp_json *j, const struct tl_event_row *ev,
                     const struct tl_cited_event *cited,
                     const struct exp_opts *o)
{
    char dt[TL_TIME_BUFSZ];
    const char *flags[16];

    exp_json_int(j, "event_id", ev->id);
    exp_json_text(j, "datetime", tl_time_format(ev->ts, ev->prec, dt));
    exp_json_int(j, "timestamp", tl_time_usec(ev->ts));
    exp_json_text(j, "timestamp_desc", ev->ts_desc);
    exp_json_text(j, "message", ev->message);
    exp_json_text(j, "source", ev->source);
    exp_json_text(j, "artifact", ev->artifact);
    exp_json_int(j, "evidence_id", ev->evidence_id);
    exp_json_text(j, "evidence", ev->evidence);
    exp_json_text(j, "evidence_sha256", ev->evidence_sha256);
    exp_json_text(j, "locator", ev->locator);
    exp_json_text(j, "raw_time", ev->raw_time);
    exp_json_text(j, "tz_assumed", ev->tz);
    exp_json_texts(j, "flags", flags,
                  exp_flags_list(ev->flags, flags, sizeof(flags) /
                                 sizeof(flags[0])));
    exp_json_text(j, "ioc", ev->indicators);
    if (o->tz)
        exp_json_text(j, "local_time",
                     tl_time_format_tz(ev->ts, ev->prec, o->tz, dt));
    if (!cited)
        return;
    exp_json_texts(j, "persons", cited->persons, cited->n_persons);
    exp_json_texts(j, "categories", cited->categories, cited->n_categories);
    exp_json_open(j, "exposure");
    exp_json_ints(j, "ids", cited->exposure_ids, cited->n_exposures);
    exp_json_texts(j, "channels", cited->channels, cited->n_channels);
    exp_json_text(j, "confidence", cited->confidence);
    exp_json_text(j, "strength", cited->strength);
    exp_json_close(j);
}

struct jsonl_ctx {
    FILE *out;
    const struct exp_opts *o;
    struct tl_cited *cited;
    struct ftl_buf line;
    struct ftl_err *err;
    int64_t rows;
};

static int jsonl_row(const struct tl_event_row *ev, void *arg)
{
    struct jsonl_ctx *c = arg;
    struct tl_cited_event ce;
    struct exp_json j;
    int found = tl_cited_find(c->cited, ev->id, &ce);

    if (found < 0)
        return ftl_err_set(c->err, FTL_ENOMEM, "out of memory");
    ftl_buf_reset(&c->line);
    exp_json_begin(&j, &c->line);
    exp_jsonl_event(&j, ev, found ? &ce : NULL, c->o);
    if (exp_json_end(&j))
        return ftl_err_set(c->err, FTL_ENOMEM, "out of memory");
    fwrite(c->line.p, 1, c->line.len, c->out);
    c->rows++;
    return ferror(c->out) ? 1 : 0;
}

int exp_jsonl_timeline(struct tl_store *st, FILE *out,
                       const struct exp_opts *o, int64_t *rows,
                       struct ftl_err *err)
{
    struct jsonl_ctx c = { out, o, NULL, { 0 }, err, 0 };
    struct tl_event_query q;
    int rc;

    if ((rc = tl_cited_open(&c.cited, st, err)))
        return rc;
    exp_event_query(o, &q);
    rc = tl_events_each(st, &q, jsonl_row, &c, err);
    if (rows)
        *rows = c.rows;
    ftl_buf_release(&c.line);
    tl_cited_free(c.cited);
    /* a write error stopped the walk: the caller sees it in ferror() */
    return rc > 0 ? FTL_OK : rc;
}
