/*
 * export/info_analysis.c - the analysis part of 'ftl info': the window's
 * bounds (RFC 3339 UTC, origin, reason), the clock offsets, the regulator
 * figures and the analysis's warning counts
 *
 * Read through timeline/report.c like the report, so both say the same.
 * A case never analysed shows nothing here: 'ftl info' stays what it was.
 *
 * SPDX-License-Identifier: MIT
 */
#include <inttypes.h>
#include <stdio.h>

#include "base/escape.h"
#include "export/export.h"

static int bound(const struct tl_rep_bound *b, void *payload)
{
    FILE *out = payload;
    char t[TL_TIME_BUFSZ];

    fprintf(out, "  %-6s %s  (", b->bound,
            b->has_ts ? tl_time_format(b->ts, -1, t) : "none");
    ftl_esc_term(out, b->origin);
    fputs(")\n         ", out);
    ftl_esc_term(out, b->reason);
    if (b->event_ids && *b->event_ids) {
        fputs("\n         events: ", out);
        ftl_esc_term(out, b->event_ids);
    }
    putc('\n', out);
    return 0;
}

static int clock(const struct tl_rep_clock *k, void *payload)
{
    FILE *out = payload;

    fputs("  ", out);
    ftl_esc_term(out, k->host_a);
    fputs(" ahead of ", out);
    ftl_esc_term(out, k->host_b);
    fprintf(out, ": %+.3f s (spread %.3f s, %" PRId64 " messages, ",
            k->offset_seconds, k->spread_seconds, k->pairs);
    ftl_esc_term(out, k->method);
    fprintf(out, ")%s\n", k->applied ? ", applied" : "");
    return 0;
}

static int figure(const struct tl_rep_figure *f, void *payload)
{
    FILE *out = payload;
    int total = f->category && f->category[0] == '*' && !f->category[1];

    fputs("  ", out);
    if (total)
        fputs("all categories (distinct persons)", out);
    else
        ftl_esc_term(out, f->category);
    fprintf(out, ": %" PRId64 " data subjects, %" PRId64 " records",
            f->data_subjects, f->records);
    if (f->subjects_weak_only)
        fprintf(out, " (%" PRId64 " by a weak link only)",
                f->subjects_weak_only);
    fprintf(out, "%s%s\n", f->art9 && !total ? ", Art. 9" : "",
            f->identity_document && !total ? ", identity document" : "");
    return 0;
}

static int warn_kind(const char *kind, int64_t n, void *payload)
{
    FILE *out = payload;

    fprintf(out, "  %6" PRId64 "  ", n);
    ftl_esc_term(out, kind);
    putc('\n', out);
    return 0;
}

static int count_kind(const char *kind, int64_t n, void *payload)
{
    (void)kind;
    *(int64_t *)payload += n;
    return 0;
}

static int count_clock(const struct tl_rep_clock *k, void *payload)
{
    (void)k;
    ++*(int64_t *)payload;
    return 0;
}

int exp_info_analysis(struct tl_store *st, FILE *out, struct ftl_err *err)
{
    int64_t clocks = 0;
    int rc;

    if (!tl_rep_has_analysis(st))
        return FTL_OK;
    fputs("\ncompromise window (UTC):\n", out);
    if ((rc = tl_rep_window_each(st, bound, out, err)) ||
        (rc = tl_rep_clocks_each(st, count_clock, &clocks, err)))
        return rc;
    fprintf(out, "\nclock offsets: %" PRId64 "%s\n", clocks,
            clocks ? "" : " (no message timed by two clocks)");
    if ((rc = tl_rep_clocks_each(st, clock, out, err)))
        return rc;
    fputs("\nexposure figures (GDPR Art. 33(3)(a), no names; "
          "'ftl export csv --table exposure_figures'):\n", out);
    if ((rc = tl_rep_figures_each(st, figure, out, err)))
        return rc;
    clocks = 0;
    if ((rc = tl_rep_warning_kinds_each(st, count_kind, &clocks, err)))
        return rc;
    fprintf(out, "\nanalysis warnings: %" PRId64 "%s\n", clocks,
            clocks ? " ('ftl export csv --table analysis_warnings')" : "");
    return tl_rep_warning_kinds_each(st, warn_kind, out, err);
}
