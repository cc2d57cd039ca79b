/*
 * analyze/analyze.c - one analysis run: clear, the four steps, the facts
 *
 * A run replaces the previous analysis as a whole, inside one
 * transaction: a run that fails leaves the case as it was, and two runs
 * on the same case write the same rows in the same order (ids come from
 * the order of the collected rows, never from the clock or from memory
 * addresses), so that their exports are byte for byte the same.  That
 * is why the 'analysis' table holds no wall-clock time: when the run
 * happened is in its audit row.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/an_int.h"
#include "base/buf.h"
#include "base/fault.h"

/* A time option as an 'analysis' row: RFC 3339 UTC, or nothing. */
static int set_time(struct tl_store *st, const char *key, int has,
                    int64_t ns, struct ftl_err *err)
{
    char t[TL_TIME_BUFSZ];

    if (!has)
        return FTL_OK;
    return tl_an_set(st, key, tl_time_format(ns, -1, t), err);
}

static int set_int(struct tl_store *st, const char *key, int64_t v,
                   struct ftl_err *err)
{
    char n[32];

    snprintf(n, sizeof(n), "%lld", (long long)v);
    return tl_an_set(st, key, n, err);
}

/* The options the run was given, so that each figure can be read with
 * the assumptions that made it. */
static int record_options(struct an_ctx *c, struct ftl_err *err)
{
    const struct an_opts *o = c->o;
    struct ftl_buf gw;
    size_t i;
    int rc;

    ftl_buf_init(&gw, 0);
    for (i = 0; i < o->n_gateways; i++)
        if (ftl_buf_printf(&gw, "%s%s", i ? " " : "", o->gateways[i]))
            return ftl_err_set(err, FTL_ENOMEM, "out of memory");
    rc = tl_an_set(c->st, "version", "ftl " FTL_VERSION, err);
    if (!rc)
        rc = set_time(c->st, "option.window_from", o->has_from, o->from,
                      err);
    if (!rc)
        rc = set_time(c->st, "option.window_to", o->has_to, o->to, err);
    if (!rc)
        rc = set_time(c->st, "option.contained", o->has_contained,
                      o->contained, err);
    if (!rc && gw.len)
        rc = tl_an_set(c->st, "option.gateways", ftl_buf_str(&gw), err);
    if (!rc && o->trust_clock)
        rc = tl_an_set(c->st, "option.trust_clock", o->trust_clock, err);
    if (!rc)
        rc = tl_an_set(c->st, "option.correct_clocks",
                       o->correct_clocks ? "yes" : "no", err);
    ftl_buf_release(&gw);
    return rc;
}

/* The counts, in the table and in the caller's report. */
static int record_counts(struct an_ctx *c, struct ftl_err *err)
{
    struct tl_an_counts n;
    struct an_report *r = c->rep;
    int rc;

    if ((rc = tl_an_counts_get(c->st, &n, err)))
        return rc;
    r->groups = n.groups;
    r->crossed = n.crossed;
    r->in_window = n.in_window;
    r->flagged = n.flagged;
    r->clocks = n.clocks;
    r->warnings = n.warnings;
    r->exposures = n.exposures;
    r->persons = n.persons;
    r->window_from = c->win_from;
    r->window_to = c->win_to;
    r->has_window_from = c->has_win_from;
    r->has_window_to = c->has_win_to;
    if ((rc = set_int(c->st, "count.groups", n.groups, err)) ||
        (rc = set_int(c->st, "count.crossed", n.crossed, err)) ||
        (rc = set_int(c->st, "count.in_window", n.in_window, err)) ||
        (rc = set_int(c->st, "count.flagged", n.flagged, err)) ||
        (rc = set_int(c->st, "count.clocks", n.clocks, err)) ||
        (rc = set_int(c->st, "count.warnings", n.warnings, err)) ||
        (rc = set_int(c->st, "count.exposures", n.exposures, err)))
        return rc;
    return set_int(c->st, "count.persons", n.persons, err);
}

static void ctx_release(struct an_ctx *c)
{
    size_t i;

    for (i = 0; i < c->n_offsets; i++) {
        free(c->offsets[i].a);
        free(c->offsets[i].b);
    }
    free(c->offsets);
    free(c->gw_clock);
    free(c->ref_clock);
}

/* One step of the run, after a crash point (the test build dies there
 * on request: the run's transaction must then leave no trace); NULL is
 * the point before the commit. */
static int step(int (*fn)(struct an_ctx *, struct ftl_err *),
                struct an_ctx *c, struct ftl_err *err)
{
    ftl_fault_point("analyze");
    return fn ? fn(c, err) : FTL_OK;
}

int an_run(struct tl_store *st, const struct an_opts *o,
           struct an_report *rep, struct ftl_err *err)
{
    struct an_ctx c;
    int rc;

    memset(&c, 0, sizeof(c));
    memset(rep, 0, sizeof(*rep));
    c.st = st;
    c.o = o;
    c.rep = rep;
    if ((rc = tl_an_begin(st, err)))
        return rc;
    if ((rc = tl_an_clear(st, err)) || (rc = record_options(&c, err)) ||
        (rc = step(an_groups, &c, err)) || (rc = step(an_clocks, &c, err)) ||
        (rc = step(an_window, &c, err)) ||
        (rc = step(an_exposures, &c, err)) ||
        (rc = step(record_counts, &c, err)) ||
        (rc = step(NULL, &c, err)) || (rc = tl_an_commit(st, err)))
        tl_an_rollback(st);
    ctx_release(&c);
    return rc;
}
