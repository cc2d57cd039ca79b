/*
 * analyze/analyze.h - the exposure analysis: 'ftl analyze'
 *
 * Reads what the collectors put in the case and answers the question the
 * case exists for: whose personal data, of which kind, was where the
 * attacker could read it, and when.  It writes only the schema v3 tables
 * (timeline/store.c) and the TL_F_IOC_MESSAGE flag of events; a run
 * replaces the previous analysis as a whole, in one transaction.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef ANALYZE_H
#define ANALYZE_H

#include <stddef.h>
#include <stdint.h>

#include "base/base.h"
#include "timeline/timeline.h"

struct an_opts {
    int64_t from, to;              /* --window FROM..TO (UTC ns) */
    int has_from, has_to;
    int64_t contained;             /* --contained T */
    int has_contained;
    const char *const *gateways;   /* --gateway HOST, repeatable */
    size_t n_gateways;
    const char *trust_clock;       /* --trust-clock HOST; NULL: the clock
                                      paired most with the gateway's
                                      (clocks.c) */
    int correct_clocks;            /* --correct-clocks */
};

/* What a run found, for the command's summary line. */
struct an_report {
    int64_t groups, crossed, in_window, flagged;
    int64_t clocks, exposures, persons, warnings;
    int64_t window_from, window_to;
    int has_window_from, has_window_to;
};

int an_run(struct tl_store *st, const struct an_opts *o,
           struct an_report *rep, struct ftl_err *err);

#endif
