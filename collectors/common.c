/*
 * collectors/common.c - what every collector does the same way
 *
 * Messages and progress through the front's callbacks, warnings recorded
 * in the case, counting, the end of an evidence item, indicator checks,
 * and the state a collector keeps for one run.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <archive.h>

#include "collectors/collectors.h"

#define WARN_SHOWN 10          /* warnings printed per evidence item */

void col_report(struct col_ctx *ctx, int level, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;

    if (!ctx->report)
        return;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    ctx->report(ctx->ud, level, msg);
}

void col_warn(struct col_ctx *ctx, int64_t evidence_id, const char *name,
              const char *locator, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    /* Recorded in the case whatever happens to stderr; a failure to
     * record it is itself only worth a message. */
    if (tl_warning_add(ctx->st, evidence_id, locator, msg, NULL) != FTL_OK)
        col_report(ctx, COL_ERROR, "cannot record warning in the case");
    ctx->n_warnings++;
    if (ctx->warn_evidence != evidence_id) {
        ctx->warn_evidence = evidence_id;
        ctx->warn_printed = 0;
    }
    if (ctx->warn_printed++ < WARN_SHOWN)
        col_report(ctx, COL_WARN, "%s%s%s: %s", name,
                   locator ? ":" : "", locator ? locator : "", msg);
    else if (ctx->warn_printed == WARN_SHOWN + 1)
        col_report(ctx, COL_WARN, "%s: more warnings recorded in the case "
                   "('ftl info', 'ftl export csv --table warnings')", name);
}

void col_progress(struct col_ctx *ctx, const char *fmt, ...)
{
    char msg[256];
    va_list ap;
    int64_t now;

    if (!ctx->progress)
        return;
    now = tl_time_now();
    if (now - ctx->progress_last < TL_NS_PER_SEC / 5)
        return;
    ctx->progress_last = now;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    ctx->progress(ctx->ud, msg);
}

int col_event(struct col_ctx *ctx, const struct tl_event *ev, int64_t *id,
              struct ftl_err *err)
{
    int rc = tl_event_add(ctx->st, ev, id, err);

    if (rc == FTL_OK)
        ctx->n_events++;
    return rc;
}

int col_file(struct col_ctx *ctx, const struct tl_file *f, int64_t *id,
             struct ftl_err *err)
{
    int rc = tl_file_add(ctx->st, f, id, err);

    if (rc == FTL_OK)
        ctx->n_files++;
    return rc;
}

void col_ctx_mark(const struct col_ctx *ctx, struct col_counts *m)
{
    m->evidence = ctx->n_evidence;
    m->dup = ctx->n_dup;
    m->failed = ctx->n_failed;
    m->events = ctx->n_events;
    m->files = ctx->n_files;
    m->warnings = ctx->n_warnings;
    m->hits = ctx->n_hits;
    m->places = ctx->n_places;
    m->replaced = ctx->n_replaced;
    m->conflicts = ctx->n_conflicts;
}

void col_ctx_rollback(struct col_ctx *ctx, const struct col_counts *m)
{
    ctx->n_evidence = m->evidence;
    ctx->n_dup = m->dup;
    ctx->n_failed = m->failed;
    ctx->n_events = m->events;
    ctx->n_files = m->files;
    ctx->n_warnings = m->warnings;
    ctx->n_hits = m->hits;
    ctx->n_places = m->places;
    ctx->n_replaced = m->replaced;
    ctx->n_conflicts = m->conflicts;
}

void col_abort(struct col_ctx *ctx, int64_t id, const struct col_counts *m)
{
    tl_evidence_abort(ctx->st, id);
    col_ctx_rollback(ctx, m);
}

/* One collector's state in a run: a short list, one entry per collector
 * that asked, searched on every call (a handful of entries at most). */
struct col_state {
    struct col_state *next;
    const struct col_ops *owner;
    void *data;
    void (*release)(void *data);
};

void *col_ctx_state(struct col_ctx *ctx, const struct col_ops *owner,
                    size_t size, void (*release)(void *state))
{
    struct col_state *s;

    for (s = ctx->state; s; s = s->next)
        if (s->owner == owner)
            return s->data;
    if (!(s = calloc(1, sizeof(*s))))
        return NULL;
    if (!(s->data = calloc(1, size ? size : 1))) {
        free(s);
        return NULL;
    }
    s->owner = owner;
    s->release = release;
    s->next = ctx->state;
    ctx->state = s;
    return s->data;
}

void col_ctx_release(struct col_ctx *ctx)
{
    struct col_state *s;

    while ((s = ctx->state)) {
        ctx->state = s->next;
        if (s->release)
            s->release(s->data);
        free(s->data);
        free(s);
    }
    col_identity_release(ctx);
}

int col_src_known(struct col_ctx *ctx, struct col_src *src,
                  const struct tl_evidence *ev, struct ftl_err *err)
{
    struct ftl_err e2 = { 0 };
    char sha[65];

    /* a stream, or a file that cannot be read through: the reading
     * hashes it and says where it fails */
    if (col_src_presha256(src, sha, &e2))
        return FTL_OK;
    return col_evidence_known(ctx, ev, sha, col_src_name(src), err);
}

/* Filters libarchive has built in; one that would run an external
 * program (libarchive answers ARCHIVE_WARN and forks lrzip, lzop, ...
 * from $PATH) is never enabled: evidence must not run anything. */
typedef int (*filter_fn)(struct archive *);
static const filter_fn filters[] = {
    archive_read_support_filter_gzip,
    archive_read_support_filter_bzip2,
    archive_read_support_filter_xz,
    archive_read_support_filter_zstd,
    archive_read_support_filter_compress,
    archive_read_support_filter_lzip,
};
#define N_FILTERS (sizeof(filters) / sizeof(filters[0]))

void col_archive_filters(struct archive *ar)
{
    static int native[N_FILTERS];      /* 0 unknown, 1 built in, -1 not */
    struct archive *t;
    size_t i;

    if (!native[0]) {
        for (i = 0; i < N_FILTERS; i++) {
            t = archive_read_new();
            native[i] = t && filters[i](t) == ARCHIVE_OK ? 1 : -1;
            archive_read_free(t);
        }
    }
    for (i = 0; i < N_FILTERS; i++)
        if (native[i] > 0)
            filters[i](ar);
}

struct archive *col_archive_new(int raw)
{
    struct archive *ar;

    if (!(ar = archive_read_new()))
        return NULL;
    col_archive_filters(ar);
    archive_read_support_format_tar(ar);
    archive_read_support_format_zip(ar);
    archive_read_support_format_cpio(ar);
    archive_read_support_format_7zip(ar);
    archive_read_support_format_rar(ar);
    if (raw)                   /* a single compressed file (x.gz) */
        archive_read_support_format_raw(ar);
    return ar;
}

int col_run_each(struct col_ctx *ctx, char **paths, int n, col_item_fn one,
                 void *payload, const char *what, struct ftl_err *err)
{
    int i, ok = 0, rc;

    for (i = 0; i < n; i++) {
        rc = one(ctx, payload, paths[i], err);
        if (rc < 0) {
            col_report(ctx, COL_ERROR, "%s", err->msg);
            ftl_err_clear(err);
            ctx->n_failed++;
            if (rc == FTL_EDB || rc == FTL_ENOMEM)
                return ftl_err_set(err, rc, "stopped at '%s': the case "
                                   "could not be written; this item was "
                                   "rolled back, the items before it are "
                                   "in the case", paths[i]);
            continue;
        }
        ok++;
    }
    if (!ok)
        return ftl_err_set(err, FTL_ERR, "no %s could be collected", what);
    return FTL_OK;
}

/* What a hit is about, filled once per checked value. */
struct hit_ctx {
    struct col_ctx *ctx;
    struct tl_ioc_hit tmpl;
    int n;
};

static void hit_init(struct hit_ctx *h, struct col_ctx *ctx,
                     int64_t evidence_id, const char *what,
                     const char *value, const char *context,
                     const char *locator, int64_t file_id, int64_t msg_id,
                     int64_t attachment_id)
{
    memset(h, 0, sizeof(*h));
    h->ctx = ctx;
    h->tmpl.evidence_id = evidence_id;
    h->tmpl.target = what;
    h->tmpl.value = value;
    h->tmpl.context = context;
    h->tmpl.locator = locator;
    h->tmpl.file_id = file_id;
    h->tmpl.msg_id = msg_id;
    h->tmpl.attachment_id = attachment_id;
}

/* Record one hit: an indicator (ioc) or, with ioc NULL, h->tmpl.rule. */
static void record_hit(const struct tl_ioc *ioc, void *payload)
{
    struct hit_ctx *h = payload;
    struct tl_ioc_hit hit = h->tmpl;
    struct ftl_err err = { 0 };

    hit.ioc = ioc;
    if (tl_ioc_hit_add(h->ctx->st, &hit, NULL, &err) == FTL_OK) {
        h->ctx->n_hits++;
        h->n++;
    } else if (err.code) {
        col_report(h->ctx, COL_ERROR, "%s", err.msg);
    }
}

int col_ioc_check(struct col_ctx *ctx, int64_t evidence_id, int target,
                  const char *what, const char *value, const char *context,
                  const char *locator, int64_t file_id, int64_t msg_id,
                  int64_t attachment_id)
{
    struct hit_ctx h;

    if (!ctx->iocs || !value || !*value)
        return 0;
    hit_init(&h, ctx, evidence_id, what, value, context, locator, file_id,
             msg_id, attachment_id);
    tl_iocs_match(ctx->iocs, target, value, record_hit, &h);
    return h.n;
}

int col_name_check(struct col_ctx *ctx, int64_t evidence_id, const char *what,
                   const char *name, const char *context,
                   const char *locator, int64_t file_id, int64_t msg_id,
                   int64_t attachment_id)
{
    struct hit_ctx h;
    const char *why;
    int n;

    if (!ctx->iocs || !name || !*name)
        return 0;              /* --no-iocs: no indicator or rule checks */
    n = col_ioc_check(ctx, evidence_id, TL_T_NAME, what, name, context,
                      locator, file_id, msg_id, attachment_id);
    if (!tl_name_is_suspicious(name, &why))
        return n;
    hit_init(&h, ctx, evidence_id, what, name, context, locator, file_id,
             msg_id, attachment_id);
    h.tmpl.rule = TL_RULE_SHELL_NAME;
    h.tmpl.why = why;
    record_hit(NULL, &h);
    return n + h.n;
}
