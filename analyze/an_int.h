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
    /* Left by an_clocks(): every offset it estimated, the gateway's
     * clock (the one most transit times were read on), the reference
     * (NULL: none) and whether transit times were moved onto it.
     * Clocks are named as an_clock_name() names them.  Owned by
     * an_run(). */
    struct an_offset *offsets;
    size_t n_offsets;
    char *gw_clock;
    char *ref_clock;
    int corrected;
};

/* Clock 'a' runs 'off' seconds ahead of clock 'b' (a clock_offsets row). */
struct an_offset {
    char *a, *b;
    double off;
};

/* clocks.c: the clock a host's times are read on: its name up to the
 * first dot, in lower case ("esg" for "ESG.agency.example": a log names
 * its host short, a Received: header in full), an address whole. */
void an_clock_name(const char *host, char *out, size_t n);

/* clocks.c: time 't' as clock 'clock' (an_clock_name) wrote it, on the
 * analysis' clock: the reference when transit times were corrected,
 * else the gateway's.  Returns 1 when it was moved by an estimate, 0
 * when it is that clock already, -1 when no estimate links the two (or
 * 'clock' is NULL); *out is t then. */
int an_clock_frame(const struct an_ctx *c, const char *clock, int64_t t,
                   int64_t *out);

/* 1. messages.c: message_groups and message_group_members from the
 *    messages, message_links and attachments tables; crossed, transit,
 *    direction, flagged; TL_F_IOC_MESSAGE on the events of flagged groups. */
int an_groups(struct an_ctx *c, struct ftl_err *err);

/* 2. clocks.c: clock_offsets from groups timed by two clocks; with
 *    --correct-clocks, message_groups.transit corrected to the trusted
 *    clock (transit_raw and the members' ts keep what the records say),
 *    corrected = 1, note says by how much; c->offsets, c->gw_clock,
 *    c->ref_clock, c->corrected. */
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
