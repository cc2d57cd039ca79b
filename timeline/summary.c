/*
 * timeline/summary.c - what a case holds, read for 'ftl info': its
 * details, the evidence, counts of events, hits and warnings, the audit
 *
 * Each reader fills a struct with named fields (timeline.h); the flag
 * bits are bound as parameters, so no number of the schema leaves this
 * layer.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdint.h>
#include <string.h>

#include "timeline/store_int.h"

static const char *text(sqlite3_stmt *s, int i)
{
    return (const char *)sqlite3_column_text(s, i);
}

static int64_t int_or(sqlite3_stmt *s, int i, int64_t null_v)
{
    if (sqlite3_column_type(s, i) == SQLITE_NULL)
        return null_v;
    return sqlite3_column_int64(s, i);
}

/* Prepare sql, bind the int64 parameters p[0..np), call each(s, w) per
 * row.  The callback's non-zero return stops the walk and is returned. */
static int run(struct tl_store *st, const char *sql, const int64_t *p,
               int np, int (*each)(sqlite3_stmt *s, void *w), void *w,
               struct ftl_err *err)
{
    sqlite3_stmt *s = NULL;
    int i, rc, stop = 0;

    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK) {
        sqlite3_finalize(s);
        return tl_store_dberr(st, err, "prepare");
    }
    for (i = 0; i < np; i++)
        sqlite3_bind_int64(s, i + 1, p[i]);
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        if ((stop = each(s, w)) != 0)
            break;
    if (!stop && rc != SQLITE_DONE)
        stop = tl_store_dberr(st, err, "read");
    sqlite3_finalize(s);
    return stop;
}

/* A walk's callback and its argument, whatever its row type: stored as
 * the generic function pointer type and cast back before the call. */
typedef void (*any_fn)(void);

struct walk {
    any_fn fn;
    void *arg;
};

/* ---- case details ------------------------------------------------- */

static int pair_row(sqlite3_stmt *s, void *w_)
{
    struct walk *w = w_;

    return ((tl_pair_fn)w->fn)(text(s, 0), text(s, 1), w->arg);
}

int tl_case_each(struct tl_store *st, tl_pair_fn fn, void *arg,
                 struct ftl_err *err)
{
    struct walk w = { (any_fn)fn, arg };

    return run(st, "SELECT key, value FROM case_info ORDER BY key", NULL,
               0, pair_row, &w, err);
}

/* ---- evidence ----------------------------------------------------- */

enum {
    EV_ID, EV_KIND, EV_PATH, EV_INNER, EV_PARENT, EV_SIZE, EV_SHA256,
    EV_MD5, EV_STATUS, EV_COLLECTED, EV_EVENTS, EV_FILES, EV_WARNINGS,
    EV_NOTE, EV_OPTIONS
};

static int evidence_row(sqlite3_stmt *s, void *w_)
{
    struct walk *w = w_;
    struct tl_evidence_row e;

    e.id = sqlite3_column_int64(s, EV_ID);
    e.kind = text(s, EV_KIND);
    e.path = text(s, EV_PATH);
    e.inner_path = text(s, EV_INNER);
    e.parent_id = sqlite3_column_int64(s, EV_PARENT);
    e.size = int_or(s, EV_SIZE, -1);
    e.sha256 = text(s, EV_SHA256);
    e.md5 = text(s, EV_MD5);
    e.status = text(s, EV_STATUS);
    e.collected_at = sqlite3_column_int64(s, EV_COLLECTED);
    e.n_events = sqlite3_column_int64(s, EV_EVENTS);
    e.n_files = sqlite3_column_int64(s, EV_FILES);
    e.n_warnings = sqlite3_column_int64(s, EV_WARNINGS);
    e.note = text(s, EV_NOTE);
    e.options = text(s, EV_OPTIONS);
    return ((tl_evidence_fn)w->fn)(&e, w->arg);
}

int tl_evidence_each(struct tl_store *st, tl_evidence_fn fn, void *arg,
                     struct ftl_err *err)
{
    static const char sql[] =
        "SELECT id, kind, path, inner_path, parent_id, size, sha256, md5,"
        " status, collected_at, n_events, n_files, n_warnings, note,"
        " options FROM evidence ORDER BY id";
    struct walk w = { (any_fn)fn, arg };

    return run(st, sql, NULL, 0, evidence_row, &w, err);
}

/* ---- events ------------------------------------------------------- */

static int stats_row(sqlite3_stmt *s, void *out_)
{
    struct tl_event_stats *out = out_;

    out->n = sqlite3_column_int64(s, 0);
    out->first = sqlite3_column_int64(s, 1);
    out->last = sqlite3_column_int64(s, 2);
    out->year_estimated = sqlite3_column_int64(s, 3);
    out->tz_assumed = sqlite3_column_int64(s, 4);
    return 0;
}

int tl_event_stats(struct tl_store *st, struct tl_event_stats *out,
                   struct ftl_err *err)
{
    static const char sql[] =
        "SELECT count(*), min(ts), max(ts), sum(flags & ?1 != 0),"
        " sum(flags & ?2 != 0) FROM events";
    const int64_t p[] = { TL_F_YEAR_ESTIMATED, TL_F_TZ_ASSUMED };

    memset(out, 0, sizeof(*out));
    return run(st, sql, p, 2, stats_row, out, err);
}

static int count_row(sqlite3_stmt *s, void *w_)
{
    struct walk *w = w_;

    return ((tl_count_fn)w->fn)(text(s, 0), text(s, 1),
                                sqlite3_column_int64(s, 2), w->arg);
}

int tl_event_counts_each(struct tl_store *st, tl_count_fn fn, void *arg,
                         struct ftl_err *err)
{
    static const char sql[] =
        "SELECT source, artifact, count(*) FROM events"
        " GROUP BY source, artifact ORDER BY source, artifact";
    struct walk w = { (any_fn)fn, arg };

    return run(st, sql, NULL, 0, count_row, &w, err);
}

/* ---- indicator hits and warnings ---------------------------------- */

static int total_row(sqlite3_stmt *s, void *n)
{
    *(int64_t *)n = sqlite3_column_int64(s, 0);
    return 0;
}

int tl_ioc_hits_count(struct tl_store *st, int64_t *n, struct ftl_err *err)
{
    *n = 0;
    return run(st, "SELECT count(*) FROM ioc_hits", NULL, 0, total_row, n,
               err);
}

static int hit_row(sqlite3_stmt *s, void *w_)
{
    struct walk *w = w_;
    struct tl_hit_row h;

    h.id = sqlite3_column_int64(s, 0);
    h.evidence_id = sqlite3_column_int64(s, 1);
    h.description = text(s, 2);
    h.locator = text(s, 3);
    return ((tl_hit_fn)w->fn)(&h, w->arg);
}

int tl_ioc_hits_each(struct tl_store *st, int64_t limit, tl_hit_fn fn,
                     void *arg, struct ftl_err *err)
{
    /* LIMIT -1 is SQLite's "no limit" */
    static const char sql[] =
        "SELECT id, evidence_id, description, locator FROM ioc_hits"
        " ORDER BY id LIMIT ?1";
    const int64_t p[] = { limit > 0 ? limit : -1 };
    struct walk w = { (any_fn)fn, arg };

    return run(st, sql, p, 1, hit_row, &w, err);
}

int tl_warnings_count(struct tl_store *st, int64_t *n, struct ftl_err *err)
{
    *n = 0;
    return run(st, "SELECT count(*) FROM warnings", NULL, 0, total_row, n,
               err);
}

static int warning_row(sqlite3_stmt *s, void *w_)
{
    struct walk *w = w_;
    struct tl_warning_row r;

    r.id = sqlite3_column_int64(s, 0);
    r.evidence_id = int_or(s, 1, 0);
    r.evidence = text(s, 2);
    r.locator = text(s, 3);
    r.message = text(s, 4);
    return ((tl_warning_fn)w->fn)(&r, w->arg);
}

int tl_warnings_each(struct tl_store *st, int64_t limit, tl_warning_fn fn,
                     void *arg, struct ftl_err *err)
{
    static const char sql[] =
        "SELECT w.id, w.evidence_id, v.path, w.locator, w.message"
        " FROM warnings w LEFT JOIN evidence v ON v.id = w.evidence_id"
        " ORDER BY w.id LIMIT ?1";
    const int64_t p[] = { limit > 0 ? limit : -1 };
    struct walk w = { (any_fn)fn, arg };

    return run(st, sql, p, 1, warning_row, &w, err);
}

/* ---- audit -------------------------------------------------------- */

static int audit_row(sqlite3_stmt *s, void *w_)
{
    struct walk *w = w_;
    struct tl_audit_row a;

    a.id = sqlite3_column_int64(s, 0);
    a.command = text(s, 1);
    a.argv = text(s, 2);
    a.tool_version = text(s, 3);
    a.user = text(s, 4);
    a.host = text(s, 5);
    a.started = sqlite3_column_int64(s, 6);
    a.ended = int_or(s, 7, 0);
    a.has_exit = sqlite3_column_type(s, 8) != SQLITE_NULL;
    a.exit_status = sqlite3_column_int(s, 8);
    a.counts = text(s, 9);
    return ((tl_audit_fn)w->fn)(&a, w->arg);
}

int tl_audit_each(struct tl_store *st, tl_audit_fn fn, void *arg,
                  struct ftl_err *err)
{
    static const char sql[] =
        "SELECT id, command, argv, tool_version, user, host, started,"
        " ended, exit_status, counts FROM audit ORDER BY id";
    struct walk w = { (any_fn)fn, arg };

    return run(st, sql, NULL, 0, audit_row, &w, err);
}
