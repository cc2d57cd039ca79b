/*
 * export/bulk.c - the timeline as OpenSearch _bulk files, for cases past
 * one machine
 *
 *   ftl export jsonl --bulk INDEX -o out/case   writes
 *     out/case-mapping.json    the body of 'PUT INDEX': the mapping
 *     out/case-0001.ndjson     action line, document, action, document...
 *     out/case-0002.ndjson     ... each file at most --max-bytes
 *
 * Each action is {"index":{"_index":INDEX,"_id":"CASE-EVENT"}} with the
 * case's stable id (timeline/case_id.c) and the event id, so that loading
 * the same export twice, or a later export of the same case, replaces
 * documents instead of adding them again.  The document is the JSONL line
 * (export/jsonl.c) with case_id added.  A file never ends inside a pair
 * and never passes --max-bytes: OpenSearch refuses a request larger than
 * http.max_content_length (100 MB by default) whole.
 *
 * SPDX-License-Identifier: MIT
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "base/escape.h"
#include "export/export.h"

/* The mapping: every field of the JSONL schema with its type, so that
 * OpenSearch guesses nothing.  datetime is date_nanos (a date of
 * nanosecond resolution; "date" keeps milliseconds) with the nanosecond
 * format; ignore_malformed because date_nanos holds 1970 to 2262 only,
 * and an event outside keeps its timestamp and raw_time.  Ids, hashes,
 * names of kinds and evidence strings that are filtered on exactly are
 * keywords (ignore_above: Lucene refuses a term past 32766 bytes; a
 * longer value stays in _source). */
static const char mapping[] =
    "{\"mappings\":{\"dynamic\":\"strict\",\"date_detection\":false,"
    "\"properties\":{"
    "\"case_id\":{\"type\":\"keyword\"},"
    "\"event_id\":{\"type\":\"long\"},"
    "\"datetime\":{\"type\":\"date_nanos\","
    "\"format\":\"strict_date_optional_time_nanos\","
    "\"ignore_malformed\":true},"
    "\"timestamp\":{\"type\":\"long\"},"
    "\"timestamp_desc\":{\"type\":\"keyword\"},"
    "\"message\":{\"type\":\"text\"},"
    "\"source\":{\"type\":\"keyword\"},"
    "\"artifact\":{\"type\":\"keyword\"},"
    "\"evidence_id\":{\"type\":\"long\"},"
    "\"evidence\":{\"type\":\"keyword\",\"ignore_above\":8191},"
    "\"evidence_sha256\":{\"type\":\"keyword\"},"
    "\"locator\":{\"type\":\"keyword\",\"ignore_above\":8191},"
    "\"raw_time\":{\"type\":\"keyword\",\"ignore_above\":8191},"
    "\"tz_assumed\":{\"type\":\"keyword\"},"
    "\"flags\":{\"type\":\"keyword\"},"
    "\"ioc\":{\"type\":\"text\"},"
    "\"local_time\":{\"type\":\"keyword\"},"
    "\"persons\":{\"type\":\"keyword\"},"
    "\"categories\":{\"type\":\"keyword\"},"
    "\"exposure\":{\"properties\":{"
    "\"ids\":{\"type\":\"long\"},"
    "\"channels\":{\"type\":\"keyword\"},"
    "\"confidence\":{\"type\":\"keyword\"},"
    "\"strength\":{\"type\":\"keyword\"}}}"
    "}}}\n";

int exp_bulk_index_ok(const char *name, char *why, size_t n)
{
    /* OpenSearch's rules for index names (MetadataCreateIndexService):
     * lower case, none of \ / * ? " < > | , # : or space, not starting
     * with - _ +, not . or .., at most 255 bytes. */
    const unsigned char *p;

    if (!*name || strlen(name) > 255) {
        snprintf(why, n, "an index name has 1 to 255 bytes");
        return 0;
    }
    if (strchr("-_+", name[0]) || !strcmp(name, ".") || !strcmp(name, "..")) {
        snprintf(why, n, "an index name does not start with - _ + and is "
                 "not . or ..");
        return 0;
    }
    for (p = (const unsigned char *)name; *p; p++)
        if ((*p >= 'A' && *p <= 'Z') || *p <= ' ' || *p == 0x7f ||
            strchr("\\/*?\"<>|,#:", *p)) {
            snprintf(why, n, "an index name is lower case, without spaces, "
                     "controls or \\ / * ? \" < > | , # :");
            return 0;
        }
    return 1;
}

struct bulk {
    const struct exp_opts *o;
    struct exp_files *files;
    struct tl_cited *cited;
    char case_id[TL_CASE_ID_LEN + 1];
    struct ftl_buf head;       /* {"index":{"_index":INDEX,"_id":" */
    struct ftl_buf pair;       /* one action and its document */
    FILE *part;                /* the open file, or NULL */
    int parts;                 /* files opened so far */
    int64_t part_bytes, part_rows, rows, max;
    struct ftl_err *err;
};

static int part_close(struct bulk *b, int ok)
{
    FILE *f = b->part;

    b->part = NULL;
    if (!f)
        return FTL_OK;
    if (b->files->close(b->files, f, ok, b->part_rows))
        return ok ? FTL_EIO : FTL_OK;
    return FTL_OK;
}

static int part_open(struct bulk *b)
{
    char suffix[32];

    snprintf(suffix, sizeof(suffix), "-%04d.ndjson", ++b->parts);
    if (b->files->open(b->files, suffix, &b->part))
        return FTL_EIO;
    b->part_bytes = b->part_rows = 0;
    return FTL_OK;
}

/* The action and document of one event into b->pair. */
static int build(struct bulk *b, const struct tl_event_row *ev)
{
    struct tl_cited_event ce;
    struct exp_json j;
    int found = tl_cited_find(b->cited, ev->id, &ce);

    if (found < 0)
        return FTL_ENOMEM;
    ftl_buf_reset(&b->pair);
    if (ftl_buf_add(&b->pair, b->head.p, b->head.len) ||
        ftl_buf_put_i64(&b->pair, ev->id) ||
        ftl_buf_add(&b->pair, "\"}}\n", 4))
        return FTL_ENOMEM;
    exp_json_begin(&j, &b->pair);
    exp_json_text(&j, "case_id", b->case_id);
    exp_jsonl_event(&j, ev, found ? &ce : NULL, b->o);
    return exp_json_end(&j) ? FTL_ENOMEM : FTL_OK;
}

static int bulk_row(const struct tl_event_row *ev, void *arg)
{
    struct bulk *b = arg;
    int64_t n;
    int rc;

    if (build(b, ev))
        return ftl_err_set(b->err, FTL_ENOMEM, "out of memory");
    n = (int64_t)b->pair.len;
    if (n > b->max)
        return ftl_err_set(b->err, FTL_ERR, "event %" PRId64 " takes %"
                           PRId64 " bytes of _bulk, more than --max-bytes %"
                           PRId64 "; give a larger one", ev->id, n, b->max);
    if (b->part && b->part_bytes + n > b->max && (rc = part_close(b, 1)))
        return rc;
    if (!b->part && (rc = part_open(b)))
        return rc;
    fwrite(b->pair.p, 1, b->pair.len, b->part);
    b->part_bytes += n;
    b->part_rows++;
    b->rows++;
    return ferror(b->part) ? FTL_EIO : 0;
}

static int write_mapping(struct bulk *b)
{
    FILE *f;

    if (b->files->open(b->files, "-mapping.json", &f))
        return FTL_EIO;
    fputs(mapping, f);
    return b->files->close(b->files, f, 1, -1) ? FTL_EIO : FTL_OK;
}

/* {"index":{"_index":"INDEX","_id":"CASE- : the start of every action. */
static int action_head(struct bulk *b)
{
    char id[TL_CASE_ID_LEN + 2];

    snprintf(id, sizeof(id), "%s-", b->case_id);
    if (ftl_buf_puts(&b->head, "{\"index\":{\"_index\":") ||
        ftl_esc_json_buf(&b->head, b->o->bulk_index) ||
        ftl_buf_puts(&b->head, ",\"_id\":\"") ||
        ftl_buf_puts(&b->head, id))
        return FTL_ENOMEM;
    return FTL_OK;
}

int exp_jsonl_bulk(struct tl_store *st, FILE *out, const struct exp_opts *o,
                   int64_t *rows, struct ftl_err *err)
{
    struct bulk b;
    struct tl_event_query q;
    int rc;

    (void)out;                 /* EXP_FILES: the files come from o->files */
    memset(&b, 0, sizeof(b));
    b.o = o;
    b.files = o->files;
    b.err = err;
    b.max = o->max_bytes > 0 ? o->max_bytes : EXP_BULK_MAX_BYTES;
    if ((rc = tl_case_id(st, b.case_id, err)))
        return rc;
    if (action_head(&b))
        return ftl_err_set(err, FTL_ENOMEM, "out of memory");
    if (!(rc = tl_cited_open(&b.cited, st, err)) &&
        !(rc = write_mapping(&b))) {
        exp_event_query(o, &q);
        rc = tl_events_each(st, &q, bulk_row, &b, err);
    }
    if (rc > 0)
        rc = FTL_EIO;
    if (part_close(&b, rc == FTL_OK) && !rc)
        rc = FTL_EIO;
    if (rows)
        *rows = b.rows;
    ftl_buf_release(&b.head);
    ftl_buf_release(&b.pair);
    tl_cited_free(b.cited);
    return rc;
}
