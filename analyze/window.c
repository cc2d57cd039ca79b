/*
 * analyze/window.c - the compromise window and what disagrees with it
 *
 * Start: --window's FROM, else the earliest indicator evidence.  End:
 * --window's TO, else --contained, else the latest indicator activity
 * (a warning says that this is only what was seen, not containment).
 * Indicator evidence is an event an indicator matched (TL_F_IOC) or an
 * event of a message an indicator matched elsewhere (TL_F_IOC_MESSAGE:
 * the gateway's lines of the exploit mail), at a time that says when
 * something was made, changed, received or logged (which times, and
 * why not the others: timeline/analysis.c).
 *
 * Where the clocks were corrected (--correct-clocks), an event of a
 * message logged by a corrected host is read on the reference clock as
 * the transit times are, so that the exploit's own transit cannot fall
 * outside a window its own log line opened; file times are not
 * corrected (no offset of a file system's clock is estimated) and the
 * bound's sentence says which it is.
 *
 * Each bound keeps the ids of the events at its time (at most
 * IDS_MAX of them, the sentence gives the full count).
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "analyze/an_int.h"
#include "base/buf.h"

/* Event ids written per bound or warning: enough to cite, not a dump. */
#define IDS_MAX 100

/* The events at one extreme time (or, for a warning, a set of them). */
struct pick {
    int64_t ts;
    int has, corrected;
    int64_t n;
    int64_t ids[IDS_MAX];
    char what[96];             /* source and time kind of the first */
};

struct scan {
    struct an_ctx *c;
    struct pick first, last;
    struct pick files_before;  /* file times before an explicit start */
    struct pick after;         /* indicator times after a given end */
    int64_t n;
};

/* The event's time on the reference clock where its host's was
 * corrected; *corrected says whether it was. */
static int64_t when(const struct an_ctx *c, const struct tl_an_ievent *e,
                    int *corrected)
{
    size_t i;

    *corrected = 0;
    for (i = 0; e->host && i < c->n_shifts; i++) {
        if (strcasecmp(c->shifts[i].host, e->host) == 0) {
            *corrected = 1;
            return e->ts - c->shifts[i].shift;
        }
    }
    return e->ts;
}

static void pick_add(struct pick *p, const struct tl_an_ievent *e)
{
    if (p->n < IDS_MAX)
        p->ids[p->n] = e->id;
    if (!p->n)
        snprintf(p->what, sizeof(p->what), "%s %s", e->source ? e->source
                 : "?", e->ts_desc ? e->ts_desc : "?");
    p->n++;
}

/* Keep e when it is at or beyond the extreme so far (sign -1: the
 * earliest, +1: the latest). */
static void pick_extreme(struct pick *p, const struct tl_an_ievent *e,
                         int64_t t, int corrected, int sign)
{
    if (p->has && (sign < 0 ? t > p->ts : t < p->ts))
        return;
    if (!p->has || t != p->ts) {
        p->n = 0;
        p->ts = t;
        p->has = 1;
        p->corrected = 0;
    }
    p->corrected |= corrected;
    pick_add(p, e);
}

/* Keep e in a set of events (the earliest time of it in ts). */
static void pick_set(struct pick *p, const struct tl_an_ievent *e,
                     int64_t t)
{
    if (!p->has || t < p->ts)
        p->ts = t;
    p->has = 1;
    pick_add(p, e);
}

static int scan_row(const struct tl_an_ievent *e, void *payload)
{
    struct scan *s = payload;
    const struct an_opts *o = s->c->o;
    int corrected;
    int64_t t = when(s->c, e, &corrected);

    s->n++;
    pick_extreme(&s->first, e, t, corrected, -1);
    pick_extreme(&s->last, e, t, corrected, 1);
    if (o->has_from && e->file_id && t < o->from)
        pick_set(&s->files_before, e, t);
    if (s->c->has_win_to && t > s->c->win_to)
        pick_set(&s->after, e, t);
    return 0;
}

/* "12 13 40": the ids kept, ascending (they were read by id). */
static int ids_text(const struct pick *p, struct ftl_buf *b)
{
    int64_t i;
    int rc = FTL_OK;

    ftl_buf_reset(b);
    for (i = 0; i < p->n && i < IDS_MAX && !rc; i++)
        rc = ftl_buf_printf(b, "%s%lld", i ? " " : "", (long long)p->ids[i]);
    return rc ? FTL_ENOMEM : FTL_OK;
}

/* " (event 12 ...)" or " (100 of 250 events shown)". */
static const char *count_text(const struct pick *p, char *out, size_t n)
{
    if (p->n > IDS_MAX)
        snprintf(out, n, "%lld events, the first %d listed", (long long)p->n,
                 IDS_MAX);
    else
        snprintf(out, n, "%lld event%s", (long long)p->n,
                 p->n == 1 ? "" : "s");
    return out;
}

static int put_bound(struct an_ctx *c, const char *bound, int64_t ts,
                     int has, const char *origin, const char *reason,
                     const struct pick *p, struct ftl_err *err)
{
    struct ftl_buf ids;
    int rc;

    ftl_buf_init(&ids, 0);
    if (p && ids_text(p, &ids))
        rc = ftl_err_set(err, FTL_ENOMEM, "out of memory");
    else
        rc = tl_an_window_set(c->st, bound, ts, has, origin, reason,
                              ftl_buf_str(&ids), err);
    ftl_buf_release(&ids);
    return rc;
}

static int warn(struct an_ctx *c, const char *kind, const struct pick *p,
                const char *message, struct ftl_err *err)
{
    struct ftl_buf ids;
    int rc;

    ftl_buf_init(&ids, 0);
    if (p && ids_text(p, &ids))
        rc = ftl_err_set(err, FTL_ENOMEM, "out of memory");
    else
        rc = tl_an_warning_add(c->st, kind, message, ftl_buf_str(&ids), err);
    ftl_buf_release(&ids);
    return rc;
}

/* "N events at T (FILE Creation Time)", with the clock it was read on. */
static void describe(const struct an_ctx *c, const struct pick *p,
                     char *out, size_t n)
{
    char t[TL_TIME_BUFSZ], cnt[64];

    snprintf(out, n, "%s at %s (the first: %s)%s%s%s",
             count_text(p, cnt, sizeof(cnt)), tl_time_format(p->ts, -1, t),
             p->what, p->corrected ? ", a log time corrected to the clock "
             "of " : "", p->corrected ? c->ref_clock : "",
             p->corrected ? " as the transit times are" : "");
}

static int start_bound(struct an_ctx *c, const struct scan *s,
                       struct ftl_err *err)
{
    char what[520], reason[600];

    if (c->o->has_from) {
        c->win_from = c->o->from;
        c->has_win_from = 1;
        return put_bound(c, "start", c->o->from, 1, "explicit",
                         "given with --window", NULL, err);
    }
    if (!s->first.has)
        return ftl_err_set(err, FTL_ERR, "no indicator evidence in the case "
                           "to start the window from: give the window with "
                           "--window FROM..TO");
    c->win_from = s->first.ts;
    c->has_win_from = 1;
    describe(c, &s->first, what, sizeof(what));
    snprintf(reason, sizeof(reason), "the earliest indicator evidence: %s",
             what);
    return put_bound(c, "start", s->first.ts, 1, "indicator", reason,
                     &s->first, err);
}

static int end_bound(struct an_ctx *c, const struct scan *s,
                     struct ftl_err *err)
{
    const struct an_opts *o = c->o;
    char what[520], reason[700], t[TL_TIME_BUFSZ];
    int rc;

    if (o->has_to || o->has_contained) {
        c->win_to = o->has_to ? o->to : o->contained;
        c->has_win_to = 1;
        return put_bound(c, "end", c->win_to, 1, o->has_to ? "explicit"
                         : "contained", o->has_to ? "given with --window"
                         : "the containment time, given with --contained",
                         NULL, err);
    }
    if (!s->last.has) {
        if ((rc = put_bound(c, "end", 0, 0, "none", "no end given and no "
                            "indicator activity to take one from: the "
                            "window is open at its end", NULL, err)))
            return rc;
        return warn(c, "no-end", NULL, "the window has no end: give the "
                    "containment time with --contained", err);
    }
    c->win_to = s->last.ts;
    c->has_win_to = 1;
    describe(c, &s->last, what, sizeof(what));
    snprintf(reason, sizeof(reason), "no containment time given: the latest "
             "indicator activity seen, %s", what);
    if ((rc = put_bound(c, "end", s->last.ts, 1, "last-activity", reason,
                        &s->last, err)))
        return rc;
    snprintf(reason, sizeof(reason), "the window ends at the last indicator "
             "activity seen (%s), not at a known containment: the attacker "
             "may have had access after it; give the containment time with "
             "--contained", tl_time_format(s->last.ts, -1, t));
    return warn(c, "end-last-activity", &s->last, reason, err);
}

/* The disagreements between the window and the evidence. */
static int warnings(struct an_ctx *c, const struct scan *s,
                    struct ftl_err *err)
{
    char msg[800], what[520], t[TL_TIME_BUFSZ];
    int rc;

    if (!s->n && (rc = warn(c, "no-indicator", NULL, "no indicator "
                            "evidence in the case: the window rests on "
                            "--window alone", err)))
        return rc;
    if (c->o->has_from && s->first.has && s->first.ts < c->o->from) {
        describe(c, &s->first, what, sizeof(what));
        snprintf(msg, sizeof(msg), "the window given starts at %s, after "
                 "the earliest indicator evidence, %s: the compromise may "
                 "have begun before the window",
                 tl_time_format(c->o->from, -1, t), what);
        if ((rc = warn(c, "window-after-indicator", &s->first, msg, err)))
            return rc;
    }
    if (s->files_before.has) {
        snprintf(msg, sizeof(msg), "%lld indicator file time%s before the "
                 "window start %s, the earliest %s: the attacker's files may "
                 "predate the window", (long long)s->files_before.n,
                 s->files_before.n == 1 ? " lies" : "s lie",
                 tl_time_format(c->o->from, -1, t),
                 tl_time_format(s->files_before.ts, -1, what));
        if ((rc = warn(c, "indicator-before-window", &s->files_before, msg,
                       err)))
            return rc;
    }
    if (s->after.has) {
        snprintf(msg, sizeof(msg), "%lld indicator time%s after the window "
                 "end %s: activity went on after it", (long long)s->after.n,
                 s->after.n == 1 ? " lies" : "s lie",
                 tl_time_format(c->win_to, -1, t));
        if ((rc = warn(c, "indicator-after-window", &s->after, msg, err)))
            return rc;
    }
    return FTL_OK;
}

int an_window(struct an_ctx *c, struct ftl_err *err)
{
    struct scan *s = calloc(1, sizeof(*s));
    const struct an_opts *o = c->o;
    char a[TL_TIME_BUFSZ], b[TL_TIME_BUFSZ];
    int rc;

    if (!s)
        return ftl_err_set(err, FTL_ENOMEM, "out of memory");
    s->c = c;
    /* the end known beforehand, for the activity after it */
    c->has_win_to = o->has_to || o->has_contained;
    c->win_to = o->has_to ? o->to : o->contained;
    if ((rc = tl_an_indicator_events_each(c->st, scan_row, s, err)) ||
        (rc = start_bound(c, s, err)) || (rc = end_bound(c, s, err)))
        goto out;
    if (c->has_win_from && c->has_win_to && c->win_from > c->win_to) {
        rc = ftl_err_set(err, o->has_from && (o->has_to || o->has_contained)
                         ? FTL_EUSAGE : FTL_ERR, "the window would start at "
                         "%s, after its end at %s", tl_time_format(
                         c->win_from, -1, a), tl_time_format(c->win_to, -1,
                         b));
        goto out;
    }
    if ((rc = warnings(c, s, err)))
        goto out;
    rc = tl_an_groups_window(c->st, c->has_win_from ? c->win_from : INT64_MIN,
                             c->has_win_to ? c->win_to : INT64_MAX, err);
out:
    free(s);
    return rc;
}
