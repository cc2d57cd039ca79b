/*
 * analyze/an_int.h - the steps of one analysis run, in the order an_run()
 * calls them, and what each leaves for the next
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef AN_INT_H
#define AN_INT_H

#include "analyze/analyze.h"

struct an_ctx {
    struct tl_store *st;
    const struct an_opts *o;
    struct an_report *rep;
    /* The window once an_window() has run; has_* = 0: open on that side. */
    int64_t win_from, win_to;
    int has_win_from, has_win_to;
    /* Left by an_clocks() for an_window(): the reference clock (NULL:
     * none) and the clocks whose times were corrected to it, each with
     * how far it runs ahead of the reference (ns; corrected = raw -
     * shift).  Owned by an_run(). */
    char *ref_clock;
    struct an_shift *shifts;
    size_t n_shifts;
};

struct an_shift {
    char *host;
    int64_t shift;
};

/* 1. messages.c: message_groups and message_group_members from the
 *    messages, message_links and attachments tables; crossed, transit,
 *    direction, flagged; TL_F_IOC_MESSAGE on the events of flagged groups. */
int an_groups(struct an_ctx *c, struct ftl_err *err);

/* 2. clocks.c: clock_offsets from groups timed by two hosts; with
 *    --correct-clocks, message_groups.transit corrected to the trusted
 *    clock (transit_raw and the members' ts keep what the records say),
 *    corrected = 1, note says by how much; c->ref_clock, c->shifts. */
int an_clocks(struct an_ctx *c, struct ftl_err *err);

/* 3. window.c: analysis_window (start, end) and analysis_warnings;
 *    message_groups.in_window; c->win_*. */
int an_window(struct an_ctx *c, struct ftl_err *err);

/* 4. exposure.c: exposures, exposure_items, exposure_summary and
 *    exposure_figures from the groups in the window (crossed = 1,
 *    in_window = 1), their attachments, the appliance's files, the HR
 *    documents, persons, aliases and category_rules. */
int an_exposures(struct an_ctx *c, struct ftl_err *err);

#endif
