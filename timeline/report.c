/*
 * timeline/report.c - typed readers of the case and of the analysis, for
 * the report ('ftl export html') and 'ftl info'
 *
 * The exporters never see SQL: each reader here runs one fixed statement
 * and hands the caller one typed row at a time, so that the report can be
 * written while the rows stream by (a timeline of millions of events is
 * never held).  Statements are prepared per call rather than cached on
 * the store: each runs once per report, and the cache's slots are kept
 * for the inserts that run millions of times.
 *
 * A case of an older schema, or one that was never analysed, simply has
 * no analysis rows: the readers of those tables then walk nothing.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdint.h>
#include <string.h>

#include "timeline/store_int.h"

/* The caller's callback, whichever of the tl_rep_*_fn types it is; each
 * row function casts it back to its own type before calling it. */
struct cb {
    void (*fn)(void);
    void *payload;
};

typedef int (*row_fn)(sqlite3_stmt *s, const struct cb *c);

#define CB(f, p) { (void (*)(void))(f), (p) }

static const char *text(sqlite3_stmt *s, int i)
{
    return (const char *)sqlite3_column_text(s, i);
}

static int64_t num(sqlite3_stmt *s, int i)
{
    return sqlite3_column_int64(s, i);
}

static int null(sqlite3_stmt *s, int i)
{
    return sqlite3_column_type(s, i) == SQLITE_NULL;
}

/* Run 'sql' with its int64 parameters (nargs of them) and call row for
 * each result row until it returns non-zero, which is returned. */
static int walk(struct tl_store *st, const char *sql, row_fn row,
                const struct cb *c, struct ftl_err *err, int nargs, ...)
{
    sqlite3_stmt *s;
    va_list ap;
    int i, rc, stop = 0;

    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
        return tl_store_dberr(st, err, "prepare");
    va_start(ap, nargs);
    for (i = 0; i < nargs; i++)
        sqlite3_bind_int64(s, i + 1, va_arg(ap, int64_t));
    va_end(ap);
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        if ((stop = row(s, c)) != 0)
            break;
    if (!stop && rc != SQLITE_DONE)
        stop = tl_store_dberr(st, err, "read");
    sqlite3_finalize(s);
    return stop;
}

/* The analysis tables exist (schema v3 or later). */
static int has_v3(struct tl_store *st)
{
    return tl_store_has_table(st, "analysis_window");
}

static int one_row(sqlite3_stmt *s, const struct cb *c)
{
    int64_t *out = c->payload;
    int i, n = sqlite3_column_count(s);

    for (i = 0; i < n; i++)
        out[i] = num(s, i);
    return 0;
}

int tl_rep_has_analysis(struct tl_store *st)
{
    int64_t n[1] = { 0 };
    struct cb c = CB(NULL, n);

    if (!has_v3(st))
        return 0;
    if (walk(st, "SELECT (SELECT count(*) FROM analysis) +"
             " (SELECT count(*) FROM analysis_window)", one_row, &c, NULL, 0))
        return 0;
    return n[0] > 0;
}

/* ---- key / value ------------------------------------------------------ */

static int kv_row(sqlite3_stmt *s, const struct cb *c)
{
    return ((tl_rep_kv_fn)c->fn)(text(s, 0), text(s, 1), c->payload);
}

int tl_rep_case_each(struct tl_store *st, tl_rep_kv_fn fn, void *payload,
                     struct ftl_err *err)
{
    struct cb c = CB(fn, payload);

    return walk(st, "SELECT key, value FROM case_info ORDER BY key",
                kv_row, &c, err, 0);
}

int tl_rep_analysis_each(struct tl_store *st, tl_rep_kv_fn fn,
                         void *payload, struct ftl_err *err)
{
    struct cb c = CB(fn, payload);

    if (!has_v3(st))
        return FTL_OK;
    return walk(st, "SELECT key, value FROM analysis ORDER BY key",
                kv_row, &c, err, 0);
}

/* ---- the window, warnings, clocks --------------------------------------- */

static int bound_row(sqlite3_stmt *s, const struct cb *c)
{
    struct tl_rep_bound b;

    b.bound = text(s, 0);
    b.has_ts = !null(s, 1);
    b.ts = num(s, 1);
    b.origin = text(s, 2);
    b.reason = text(s, 3);
    b.event_ids = text(s, 4);
    return ((tl_rep_bound_fn)c->fn)(&b, c->payload);
}

int tl_rep_window_each(struct tl_store *st, tl_rep_bound_fn fn,
                       void *payload, struct ftl_err *err)
{
    struct cb c = CB(fn, payload);

    if (!has_v3(st))
        return FTL_OK;
    return walk(st, "SELECT bound, ts, origin, reason, event_ids"
                " FROM analysis_window"
                " ORDER BY bound != 'start', bound != 'end', bound",
                bound_row, &c, err, 0);
}

static int warning_row(sqlite3_stmt *s, const struct cb *c)
{
    struct tl_rep_warning w;

    w.id = num(s, 0);
    w.kind = text(s, 1);
    w.message = text(s, 2);
    w.event_ids = text(s, 3);
    return ((tl_rep_warning_fn)c->fn)(&w, c->payload);
}

int tl_rep_warnings_each(struct tl_store *st, tl_rep_warning_fn fn,
                         void *payload, struct ftl_err *err)
{
    struct cb c = CB(fn, payload);

    if (!has_v3(st))
        return FTL_OK;
    return walk(st, "SELECT id, kind, message, event_ids"
                " FROM analysis_warnings ORDER BY id",
                warning_row, &c, err, 0);
}

static int count_row(sqlite3_stmt *s, const struct cb *c)
{
    return ((tl_rep_count_fn)c->fn)(text(s, 0), num(s, 1), c->payload);
}

int tl_rep_warning_kinds_each(struct tl_store *st, tl_rep_count_fn fn,
                              void *payload, struct ftl_err *err)
{
    struct cb c = CB(fn, payload);

    if (!has_v3(st))
        return FTL_OK;
    return walk(st, "SELECT kind, count(*) FROM analysis_warnings"
                " GROUP BY kind ORDER BY kind", count_row, &c, err, 0);
}

static int clock_row(sqlite3_stmt *s, const struct cb *c)
{
    struct tl_rep_clock k;

    k.id = num(s, 0);
    k.host_a = text(s, 1);
    k.host_b = text(s, 2);
    k.offset_seconds = sqlite3_column_double(s, 3);
    k.spread_seconds = sqlite3_column_double(s, 4);
    k.pairs = num(s, 5);
    k.method = text(s, 6);
    k.applied = (int)num(s, 7);
    k.note = text(s, 8);
    return ((tl_rep_clock_fn)c->fn)(&k, c->payload);
}

int tl_rep_clocks_each(struct tl_store *st, tl_rep_clock_fn fn,
                       void *payload, struct ftl_err *err)
{
    struct cb c = CB(fn, payload);

    if (!has_v3(st))
        return FTL_OK;
    return walk(st, "SELECT id, host_a, host_b, offset_seconds,"
                " spread_seconds, pairs, method, applied, note"
                " FROM clock_offsets ORDER BY id", clock_row, &c, err, 0);
}

int tl_rep_groups_count(struct tl_store *st, struct tl_rep_groups *g,
                        struct ftl_err *err)
{
    int64_t n[5] = { 0 };
    struct cb c = CB(NULL, n);
    int rc;

    memset(g, 0, sizeof(*g));
    if (!has_v3(st))
        return FTL_OK;
    rc = walk(st, "SELECT count(*), total(crossed), total(in_window),"
              " total(flagged), total(corrected) FROM message_groups",
              one_row, &c, err, 0);
    g->groups = n[0];
    g->crossed = n[1];
    g->in_window = n[2];
    g->flagged = n[3];
    g->corrected = n[4];
    return rc;
}

/* ---- exposures -------------------------------------------------------- */

static int person_row(sqlite3_stmt *s, const struct cb *c)
{
    struct tl_rep_person p;

    p.person_id = num(s, 0);
    p.employee_no = text(s, 1);
    p.name = text(s, 2);
    p.emails = text(s, 3);
    p.categories = text(s, 4);
    p.art9 = (int)num(s, 5);
    p.identity_document = (int)num(s, 6);
    p.strongest = text(s, 7);
    p.has_first = !null(s, 8);
    p.first_exposed = num(s, 8);
    p.has_last = !null(s, 9);
    p.last_exposed = num(s, 9);
    p.exposures = num(s, 10);
    p.items = num(s, 11);
    return ((tl_rep_person_fn)c->fn)(&p, c->payload);
}

int tl_rep_persons_each(struct tl_store *st, tl_rep_person_fn fn,
                        void *payload, struct ftl_err *err)
{
    struct cb c = CB(fn, payload);

    if (!has_v3(st))
        return FTL_OK;
    return walk(st, "SELECT s.person_id, s.employee_no, s.name, p.emails,"
                " s.categories, s.art9, s.identity_document, s.strongest,"
                " s.first_exposed, s.last_exposed, s.exposures, s.items"
                " FROM exposure_summary s"
                " LEFT JOIN persons p ON p.person_id = s.person_id"
                " ORDER BY s.person_id", person_row, &c, err, 0);
}

static int exposure_row(sqlite3_stmt *s, const struct cb *c)
{
    struct tl_rep_exposure x;

    x.id = num(s, 0);
    x.person_id = num(s, 1);
    x.employee_no = text(s, 2);
    x.name = text(s, 3);
    x.category = text(s, 4);
    x.art9 = (int)num(s, 5);
    x.channel = text(s, 6);
    x.confidence = text(s, 7);
    x.strength = text(s, 8);
    x.has_first = !null(s, 9);
    x.first_exposed = num(s, 9);
    x.has_last = !null(s, 10);
    x.last_exposed = num(s, 10);
    x.items = num(s, 11);
    x.event_ids = text(s, 12);
    x.corrected = (int)num(s, 13);
    x.basis = text(s, 14);
    return ((tl_rep_exposure_fn)c->fn)(&x, c->payload);
}

int tl_rep_exposures_each(struct tl_store *st, tl_rep_exposure_fn fn,
                          void *payload, struct ftl_err *err)
{
    struct cb c = CB(fn, payload);

    if (!has_v3(st))
        return FTL_OK;
    return walk(st, "SELECT id, person_id, employee_no, name, category,"
                " art9, channel, confidence, strength, first_exposed,"
                " last_exposed, items, event_ids, corrected, basis"
                " FROM exposures ORDER BY person_id, id",
                exposure_row, &c, err, 0);
}

static int cite_row(sqlite3_stmt *s, const struct cb *c)
{
    return ((tl_rep_cite_fn)c->fn)(num(s, 0), text(s, 1), c->payload);
}

int tl_rep_citations_each(struct tl_store *st, tl_rep_cite_fn fn,
                          void *payload, struct ftl_err *err)
{
    struct cb c = CB(fn, payload);

    if (!has_v3(st))
        return FTL_OK;
    return walk(st, "SELECT 0, event_ids FROM analysis_window"
                " UNION ALL SELECT 0, event_ids FROM analysis_warnings"
                " UNION ALL SELECT id, event_ids FROM exposures"
                " UNION ALL SELECT exposure_id, event_ids"
                " FROM exposure_items", cite_row, &c, err, 0);
}

static int figure_row(sqlite3_stmt *s, const struct cb *c)
{
    struct tl_rep_figure f;

    f.category = text(s, 0);
    f.art9 = (int)num(s, 1);
    f.identity_document = (int)num(s, 2);
    f.data_subjects = num(s, 3);
    f.records = num(s, 4);
    f.subjects_weak_only = num(s, 5);
    return ((tl_rep_figure_fn)c->fn)(&f, c->payload);
}

int tl_rep_figures_each(struct tl_store *st, tl_rep_figure_fn fn,
                        void *payload, struct ftl_err *err)
{
    struct cb c = CB(fn, payload);

    if (!has_v3(st))
        return FTL_OK;
    return walk(st, "SELECT category, art9, identity_document,"
                " data_subjects, records, subjects_weak_only"
                " FROM exposure_figures ORDER BY category = '*', category",
                figure_row, &c, err, 0);
}

/* ---- the case ----------------------------------------------------------- */

static int evidence_row(sqlite3_stmt *s, const struct cb *c)
{
    struct tl_rep_evidence e;

    e.id = num(s, 0);
    e.kind = text(s, 1);
    e.path = text(s, 2);
    e.inner_path = text(s, 3);
    e.parent_id = num(s, 4);
    e.size = null(s, 5) ? -1 : num(s, 5);
    e.sha256 = text(s, 6);
    e.md5 = text(s, 7);
    e.collected_at = num(s, 8);
    e.status = text(s, 9);
    e.n_events = num(s, 10);
    e.n_files = num(s, 11);
    e.n_warnings = num(s, 12);
    e.options = text(s, 13);
    e.tz = text(s, 14);
    e.year = (int)num(s, 15);
    e.note = text(s, 16);
    e.n_tz_assumed = num(s, 17);
    e.n_year_estimated = num(s, 18);
    e.n_dst = num(s, 19);
    return ((tl_rep_evidence_fn)c->fn)(&e, c->payload);
}

int tl_rep_evidence_each(struct tl_store *st, int assumptions,
                         tl_rep_evidence_fn fn, void *payload,
                         struct ftl_err *err)
{
    struct cb c = CB(fn, payload);

    if (!assumptions)
        return walk(st, "SELECT id, kind, path, inner_path, parent_id,"
                    " size, sha256, md5, collected_at, status, n_events,"
                    " n_files, n_warnings, options, tz, year, note, 0, 0, 0"
                    " FROM evidence ORDER BY id", evidence_row, &c, err, 0);
    /* One pass over the events for the counts of all items, rather than
     * one per item. */
    return walk(st, "SELECT v.id, v.kind, v.path, v.inner_path,"
                " v.parent_id, v.size, v.sha256, v.md5, v.collected_at,"
                " v.status, v.n_events, v.n_files, v.n_warnings, v.options,"
                " v.tz, v.year, v.note, ifnull(a.tz, 0), ifnull(a.yr, 0),"
                " ifnull(a.dst, 0) FROM evidence v LEFT JOIN"
                " (SELECT evidence_id, sum(flags & 8 != 0) AS tz,"
                "  sum(flags & 2 != 0) AS yr, sum(flags & 48 != 0) AS dst"
                "  FROM events GROUP BY evidence_id) a"
                " ON a.evidence_id = v.id ORDER BY v.id",
                evidence_row, &c, err, 0);
}

int tl_rep_totals(struct tl_store *st, struct tl_rep_totals *t,
                  struct ftl_err *err)
{
    int64_t n[9] = { 0 };
    struct cb c = CB(NULL, n);
    int rc;

    rc = walk(st, "SELECT (SELECT count(*) FROM events),"
              " (SELECT ifnull(min(ts), 0) FROM events),"
              " (SELECT ifnull(max(ts), 0) FROM events),"
              " (SELECT count(*) FROM evidence),"
              " (SELECT count(*) FROM messages),"
              " (SELECT count(*) FROM attachments),"
              " (SELECT count(*) FROM documents),"
              " (SELECT count(*) FROM persons),"
              " (SELECT count(*) FROM ioc_hits)", one_row, &c, err, 0);
    t->events = n[0];
    t->first_ts = n[1];
    t->last_ts = n[2];
    t->evidence = n[3];
    t->messages = n[4];
    t->attachments = n[5];
    t->documents = n[6];
    t->persons = n[7];
    t->ioc_hits = n[8];
    n[0] = 0;
    if (!rc)
        rc = walk(st, "SELECT count(*) FROM warnings", one_row, &c, err, 0);
    t->warnings = n[0];
    return rc;
}

/* ---- the timeline -------------------------------------------------------- */

/* Events per day and source, counted while the events stream by in time
 * order: a GROUP BY would sort every event of the range first, which
 * for millions of events costs more time and memory than the walk. */
#define DAY_NS (86400 * TL_NS_PER_SEC)
#define DAY_SOURCES 16

struct days {
    tl_rep_day_fn fn;
    void *payload;
    int64_t day;
    int nsrc;
    char src[DAY_SOURCES][32];
    int64_t n[DAY_SOURCES];
};

static int flush_day(struct days *d)
{
    int i, j, rc = 0;

    for (i = 0; i < d->nsrc && !rc; i++) {     /* in source order */
        for (j = i + 1; j < d->nsrc; j++)
            if (strcmp(d->src[j], d->src[i]) < 0) {
                char t[32];
                int64_t n = d->n[i];

                memcpy(t, d->src[i], sizeof(t));
                memcpy(d->src[i], d->src[j], sizeof(t));
                memcpy(d->src[j], t, sizeof(t));
                d->n[i] = d->n[j];
                d->n[j] = n;
            }
        rc = d->fn(d->day, d->src[i], d->n[i], d->payload);
    }
    d->nsrc = 0;
    return rc;
}

static int day_row(sqlite3_stmt *s, const struct cb *c)
{
    struct days *d = c->payload;
    int64_t ts = num(s, 0), day = ts / DAY_NS - (ts % DAY_NS < 0);
    const char *src = text(s, 1) ? text(s, 1) : "";
    int i, rc;

    if (d->nsrc && day != d->day && (rc = flush_day(d)))
        return rc;
    d->day = day;
    for (i = 0; i < d->nsrc; i++)
        if (strncmp(d->src[i], src, sizeof(d->src[i]) - 1) == 0)
            break;
    if (i == d->nsrc) {
        if (i == DAY_SOURCES && (rc = flush_day(d)))   /* seldom: emit */
            return rc;
        i = d->nsrc++;
        snprintf(d->src[i], sizeof(d->src[i]), "%s", src);
        d->n[i] = 0;
    }
    d->n[i]++;
    return 0;
}

int tl_rep_days_each(struct tl_store *st, int64_t from, int64_t to,
                     tl_rep_day_fn fn, void *payload, struct ftl_err *err)
{
    struct days d;
    struct cb c = CB(NULL, &d);
    int rc;

    memset(&d, 0, sizeof(d));
    d.fn = fn;
    d.payload = payload;
    rc = walk(st, "SELECT ts, source FROM events"
              " WHERE ts >= ?1 AND ts <= ?2 ORDER BY ts",
              day_row, &c, err, 2, from, to);
    if (!rc && d.nsrc)
        rc = flush_day(&d);
    return rc;
}

static int event_row(sqlite3_stmt *s, const struct cb *c)
{
    struct tl_rep_event e;

    e.id = num(s, 0);
    e.ts = num(s, 1);
    e.prec = (int)num(s, 2);
    e.ts_desc = text(s, 3);
    e.source = text(s, 4);
    e.artifact = text(s, 5);
    e.evidence_id = num(s, 6);
    e.locator = text(s, 7);
    e.message = text(s, 8);
    e.raw_time = text(s, 9);
    e.tz = text(s, 10);
    e.flags = (unsigned)num(s, 11);
    e.iocs = text(s, 12);
    e.person_id = num(s, 13);
    return ((tl_rep_event_fn)c->fn)(&e, c->payload);
}

int tl_rep_events_each(struct tl_store *st, int64_t from, int64_t to,
                       tl_rep_event_fn fn, void *payload,
                       struct ftl_err *err)
{
    struct cb c = CB(fn, payload);

    return walk(st, "SELECT e.id, e.ts, e.prec, e.ts_desc, e.source,"
                " e.artifact, e.evidence_id, e.locator, e.message,"
                " e.raw_time, e.tz, e.flags,"
                " CASE WHEN e.flags & 4 THEN"
                "  (SELECT group_concat(coalesce(h.family || ': ', '') ||"
                "   coalesce(h.ioc_type || ' ' || h.ioc_value, h.rule), '; ')"
                "   FROM ioc_hits h WHERE h.evidence_id = e.evidence_id"
                "   AND h.locator = e.locator) END,"
                " ifnull(e.person_id, 0)"
                " FROM events e WHERE e.ts >= ?1 AND e.ts <= ?2"
                " ORDER BY e.ts, e.id", event_row, &c, err, 2, from, to);
}
