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
};

/* 1. messages.c: message_groups and message_group_members from the
 *    messages, message_links and attachments tables; crossed, transit,
 *    direction, flagged; TL_F_IOC_MESSAGE on the events of flagged groups. */
int an_groups(struct an_ctx *c, struct ftl_err *err);

/* 2. clocks.c: clock_offsets from groups timed by two hosts; with
 *    --correct-clocks, message_groups.transit (and ts of members)
 *    corrected to the trusted clock, corrected = 1, note says by how much. */
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
