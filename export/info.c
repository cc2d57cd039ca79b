/*
 * export/info.c - 'ftl info': what is in a case, in a few screens
 *
 * Evidence with hashes and status, event counts per source and artifact,
 * the time span, indicator hits, warnings and the commands that built it.
 * Every string from the case goes to the terminal through ftl_esc_term().
 *
 * SPDX-License-Identifier: MIT
 */
#include <inttypes.h>
#include <string.h>
#include <stdio.h>

#include "base/escape.h"
#include "export/export.h"

/* How many hits and warnings are listed; the rest are counted. */
#define SHOW_HITS 20
#define SHOW_WARNINGS 20

static int case_pair(const char *key, const char *value, void *arg)
{
    FILE *out = arg;

    fprintf(out, "  %-14s ", key);
    ftl_esc_term(out, value);
    putc('\n', out);
    return 0;
}

static void evidence_name(FILE *out, const struct tl_evidence_row *e)
{
    fprintf(out, "  #%" PRId64 " %s ", e->id, e->kind);
    ftl_esc_term(out, e->path);
    if (e->inner_path && *e->inner_path) {
        fputs("//", out);
        ftl_esc_term(out, e->inner_path);
    }
    if (e->parent_id)
        fprintf(out, " (inside #%" PRId64 ")", e->parent_id);
}

struct ev_out {
    struct tl_store *st;
    FILE *out;
    int64_t first_parent;      /* the item's own place, not repeated */
    const char *first_path, *first_inner;
};

/* A place of an evidence item other than its own: "also at PATH[//IN]". */
static int place_row(int64_t place_id, const struct tl_evidence *p,
                     void *payload)
{
    struct ev_out *eo = payload;
    const char *inner = p->inner_path ? p->inner_path : "";

    (void)place_id;
    if (p->parent_id == eo->first_parent &&
        strcmp(p->path ? p->path : "", eo->first_path) == 0 &&
        strcmp(inner, eo->first_inner) == 0)
        return 0;
    fputs("      also at ", eo->out);
    ftl_esc_term(eo->out, p->path);
    if (*inner) {
        fputs("//", eo->out);
        ftl_esc_term(eo->out, inner);
    }
    if (p->parent_id)
        fprintf(eo->out, " (inside #%" PRId64 ")", p->parent_id);
    putc('\n', eo->out);
    return 0;
}

static int evidence_row(const struct tl_evidence_row *e, void *arg)
{
    struct ev_out *eo = arg;
    FILE *out = eo->out;
    struct ftl_err err = { 0 };
    char dt[TL_TIME_BUFSZ];

    evidence_name(out, e);
    fprintf(out, "\n      %s, ", e->status);
    if (e->size < 0)
        fputs("size unknown", out);     /* a folder, or a stream */
    else
        fprintf(out, "%" PRId64 " bytes", e->size);
    fprintf(out, ", collected %s\n", tl_time_format(e->collected_at, 0, dt));
    fprintf(out, "      sha256 %s\n", e->sha256 ? e->sha256
                                                 : "(not computed)");
    if (e->md5)
        fprintf(out, "      md5    %s\n", e->md5);
    fprintf(out, "      %" PRId64 " events, %" PRId64 " files, %" PRId64
            " warnings", e->n_events, e->n_files, e->n_warnings);
    if (e->options) {
        fputs("; options: ", out);
        ftl_esc_term(out, e->options);
    }
    putc('\n', out);
    if (e->note) {
        fputs("      note: ", out);
        ftl_esc_term(out, e->note);
        putc('\n', out);
    }
    /* the other places of the same content, in the order found */
    eo->first_parent = e->parent_id;
    eo->first_path = e->path ? e->path : "";
    eo->first_inner = e->inner_path ? e->inner_path : "";
    return tl_places_each(eo->st, e->id, place_row, eo, &err);
}

/* "last verification: ..." (ftl verify), or that there was none. */
static int verification(struct tl_store *st, FILE *out, struct ftl_err *err)
{
    struct tl_verify_run v;
    char dt[TL_TIME_BUFSZ];
    int rc = tl_verify_last(st, &v, err);

    if (rc < 0)
        return rc;
    if (rc == FTL_DONE) {
        fputs("\nlast verification: none ('ftl verify' reads the evidence "
              "again)\n", out);
        return FTL_OK;
    }
    fprintf(out, "\nlast verification: #%" PRId64 " at %s: %s\n  %" PRId64
            " places of %" PRId64 " evidence items: %" PRId64 " ok, %"
            PRId64 " CHANGED, %" PRId64 " missing, %" PRId64
            " unreadable\n", v.id, tl_time_format(v.ended, 0, dt),
            v.ok ? "all ok" : "FAILED", v.c.places, v.c.items,
            v.c.n[TL_VERIFY_OK], v.c.n[TL_VERIFY_CHANGED],
            v.c.n[TL_VERIFY_MISSING], v.c.n[TL_VERIFY_UNREADABLE]);
    return FTL_OK;
}

static void span(FILE *out, const struct tl_event_stats *s)
{
    char a[TL_TIME_BUFSZ], b[TL_TIME_BUFSZ];

    if (s->n == 0) {
        fputs("events: none\n", out);
        return;
    }
    fprintf(out, "events: %" PRId64 ", from %s to %s\n", s->n,
            tl_time_format(s->first, -1, a), tl_time_format(s->last, -1, b));
    if (s->year_estimated)
        fprintf(out, "  %" PRId64 " with an estimated year, %" PRId64
                " read in an assumed time zone\n", s->year_estimated,
                s->tz_assumed);
}

static int count_row(const char *source, const char *artifact, int64_t n,
                     void *arg)
{
    fprintf(arg, "  %-6s %-22s %10" PRId64 "\n", source, artifact, n);
    return 0;
}

static int hit_row(const struct tl_hit_row *h, void *arg)
{
    FILE *out = arg;

    fprintf(out, "  #%" PRId64 " ", h->id);
    ftl_esc_term(out, h->description);
    putc('\n', out);
    return 0;
}

static int warning_row(const struct tl_warning_row *w, void *arg)
{
    FILE *out = arg;

    fprintf(out, "  #%" PRId64 " ", w->id);
    ftl_esc_term(out, w->evidence ? w->evidence : "-");
    if (w->locator) {
        putc(':', out);
        ftl_esc_term(out, w->locator);
    }
    fputs(": ", out);
    ftl_esc_term(out, w->message);
    putc('\n', out);
    return 0;
}

static int audit_row(const struct tl_audit_row *a, void *arg)
{
    FILE *out = arg;
    char dt[TL_TIME_BUFSZ];

    fprintf(out, "  %s  %s@%s  ", tl_time_format(a->started, 0, dt),
            a->user, a->host);
    /* No end recorded: the run was killed (or lost power) before it
     * could write one, or it is still running; what it had committed
     * stays, its unfinished item was rolled back by SQLite. */
    if (a->has_exit)
        fprintf(out, "exit %d  ", a->exit_status);
    else
        fputs("interrupted  ", out);
    ftl_esc_term(out, a->argv);
    putc('\n', out);
    return 0;
}

/* "indicator hits: 3" and the first of them */
static int hits(struct tl_store *st, FILE *out, struct ftl_err *err)
{
    int64_t n;
    int rc;

    if ((rc = tl_ioc_hits_count(st, &n, err)))
        return rc;
    fprintf(out, "\nindicator hits: %" PRId64 "%s\n", n, n > SHOW_HITS
            ? " (first 20; 'ftl export csv --table ioc_hits')" : "");
    return tl_ioc_hits_each(st, SHOW_HITS, hit_row, out, err);
}

static int warnings(struct tl_store *st, FILE *out, struct ftl_err *err)
{
    int64_t n;
    int rc;

    if ((rc = tl_warnings_count(st, &n, err)))
        return rc;
    fprintf(out, "\nwarnings: %" PRId64 "%s\n", n, n > SHOW_WARNINGS
            ? " (first 20; 'ftl export csv --table warnings')" : "");
    return tl_warnings_each(st, SHOW_WARNINGS, warning_row, out, err);
}

int exp_info(struct tl_store *st, FILE *out, struct ftl_err *err)
{
    struct tl_event_stats stats;
    struct ev_out eo = { st, out, 0, "", "" };
    int rc;

    fputs("case: ", out);
    ftl_esc_term(out, tl_store_path(st));
    putc('\n', out);
    if ((rc = tl_case_each(st, case_pair, out, err)))
        return rc;
    fputs("\nevidence:\n", out);
    if ((rc = tl_evidence_each(st, evidence_row, &eo, err)) ||
        (rc = verification(st, out, err)))
        return rc;
    putc('\n', out);
    if ((rc = tl_event_stats(st, &stats, err)))
        return rc;
    span(out, &stats);
    if ((rc = tl_event_counts_each(st, count_row, out, err)) ||
        (rc = exp_info_analysis(st, out, err)) ||
        (rc = hits(st, out, err)) || (rc = warnings(st, out, err)))
        return rc;
    fputs("\ncommands (audit):\n", out);
    return tl_audit_each(st, audit_row, out, err);
}
