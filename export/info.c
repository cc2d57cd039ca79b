/*
 * export/info.c - 'ftl info': what is in a case, in a few screens
 *
 * Evidence with hashes and status, event counts per source and artifact,
 * the time span, indicator hits, warnings and the commands that built it.
 *
 * SPDX-License-Identifier: MIT
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "export/export.h"

#define SHOW_WARNINGS 20
#define SHOW_HITS 20

static int case_row(void *s, void *payload)
{
    FILE *out = payload;

    fprintf(out, "  %-14s ", tl_col_text(s, 0));
    exp_put_safe(out, tl_col_text(s, 1));
    putc('\n', out);
    return 0;
}

struct ev_out {
    struct tl_store *st;
    FILE *out;
    struct ftl_err err;        /* why a walk of places stopped */
};

/* A place of an evidence item after its first: "also at PATH[//INNER]". */
static int place_row(void *s, void *payload)
{
    FILE *out = payload;
    const char *inner = tl_col_text(s, 1);

    fputs("      also at ", out);
    exp_put_safe(out, tl_col_text(s, 0));
    if (inner && *inner) {
        fputs("//", out);
        exp_put_safe(out, inner);
    }
    if (tl_col_int(s, 2))
        fprintf(out, " (inside #%" PRId64 ")", tl_col_int(s, 2));
    putc('\n', out);
    return 0;
}

static int evidence_row(void *s, void *payload)
{
    struct ev_out *eo = payload;
    FILE *out = eo->out;
    char dt[TL_TIME_BUFSZ];
    const char *inner = tl_col_text(s, 3), *note = tl_col_text(s, 12);

    fprintf(out, "  #%" PRId64 " %s ", tl_col_int(s, 0), tl_col_text(s, 1));
    exp_put_safe(out, tl_col_text(s, 2));
    if (inner && *inner) {
        fputs("//", out);
        exp_put_safe(out, inner);
    }
    if (tl_col_int(s, 4))
        fprintf(out, " (inside #%" PRId64 ")", tl_col_int(s, 4));
    putc('\n', out);
    /* the other places of the same content, in the order found */
    if (tl_store_select(eo->st, "SELECT p.path, p.inner_path, p.parent_id"
                        " FROM evidence_places p JOIN evidence e"
                        " ON e.id = p.evidence_id WHERE p.evidence_id = ?"
                        " AND NOT (p.parent_id = e.parent_id AND"
                        " p.inner_path = e.inner_path AND p.path = e.path)"
                        " ORDER BY p.id", "i", place_row, out, &eo->err,
                        tl_col_int(s, 0)))
        return 1;
    fprintf(out, "      %s, ", tl_col_text(s, 7));
    if (tl_col_is_null(s, 5))
        fputs("size unknown", out);     /* a folder, or a stream */
    else
        fprintf(out, "%" PRId64 " bytes", tl_col_int(s, 5));
    fprintf(out, ", collected %s\n",
            tl_time_format(tl_col_int(s, 8), 0, dt));
    fprintf(out, "      sha256 %s\n",
            tl_col_text(s, 6) ? tl_col_text(s, 6) : "(not computed)");
    if (tl_col_text(s, 13))
        fprintf(out, "      md5    %s\n", tl_col_text(s, 13));
    fprintf(out, "      %" PRId64 " events, %" PRId64 " files, %" PRId64
            " warnings", tl_col_int(s, 9), tl_col_int(s, 10),
            tl_col_int(s, 11));
    if (tl_col_text(s, 14)) {
        fputs("; options: ", out);
        exp_put_safe(out, tl_col_text(s, 14));
    }
    putc('\n', out);
    if (note) {
        fputs("      note: ", out);
        exp_put_safe(out, note);
        putc('\n', out);
    }
    return 0;
}

static int count_row(void *s, void *payload)
{
    FILE *out = payload;

    fprintf(out, "  %-6s %-22s %10" PRId64 "\n", tl_col_text(s, 0),
            tl_col_text(s, 1), tl_col_int(s, 2));
    return 0;
}

static int span_row(void *s, void *payload)
{
    FILE *out = payload;
    char a[TL_TIME_BUFSZ], b[TL_TIME_BUFSZ];

    if (tl_col_int(s, 0) == 0) {
        fputs("events: none\n", out);
        return 0;
    }
    fprintf(out, "events: %" PRId64 ", from %s to %s\n", tl_col_int(s, 0),
            tl_time_format(tl_col_int(s, 1), -1, a),
            tl_time_format(tl_col_int(s, 2), -1, b));
    if (tl_col_int(s, 3))
        fprintf(out, "  %" PRId64 " with an estimated year, %" PRId64
                " read in an assumed time zone\n", tl_col_int(s, 3),
                tl_col_int(s, 4));
    return 0;
}

static int hit_row(void *s, void *payload)
{
    FILE *out = payload;

    fprintf(out, "  #%" PRId64 " ", tl_col_int(s, 0));
    exp_put_safe(out, tl_col_text(s, 1));
    putc('\n', out);
    return 0;
}

static int warning_row(void *s, void *payload)
{
    FILE *out = payload;

    fprintf(out, "  #%" PRId64 " ", tl_col_int(s, 0));
    exp_put_safe(out, tl_col_text(s, 1));
    if (tl_col_text(s, 2)) {
        putc(':', out);
        exp_put_safe(out, tl_col_text(s, 2));
    }
    fputs(": ", out);
    exp_put_safe(out, tl_col_text(s, 3));
    putc('\n', out);
    return 0;
}

static int total_row(void *s, void *payload)
{
    int64_t *n = payload;

    *n = tl_col_int(s, 0);
    return 0;
}

static int audit_row(void *s, void *payload)
{
    FILE *out = payload;
    char dt[TL_TIME_BUFSZ];

    fprintf(out, "  %s  %s@%s  exit %s  ",
            tl_time_format(tl_col_int(s, 0), 0, dt), tl_col_text(s, 1),
            tl_col_text(s, 2), tl_col_text(s, 3) ? tl_col_text(s, 3) : "?");
    exp_put_safe(out, tl_col_text(s, 4));
    putc('\n', out);
    return 0;
}

int exp_info(struct tl_store *st, FILE *out, struct ftl_err *err)
{
    struct ev_out eo = { st, out, { 0 } };
    int64_t n = 0;
    int rc;

    fprintf(out, "case: %s\n", tl_store_path(st));
    if ((rc = tl_store_query(st, "SELECT key, value FROM case_info"
                             " ORDER BY key", case_row, out, err)))
        return rc;

    fputs("\nevidence:\n", out);
    if ((rc = tl_store_query(st,
            "SELECT id, kind, path, inner_path, parent_id, size, sha256,"
            " status, collected_at, n_events, n_files, n_warnings, note,"
            " md5, options FROM evidence ORDER BY id",
            evidence_row, &eo, err)))
        return rc;
    if (eo.err.code) {
        *err = eo.err;
        return eo.err.code;
    }

    putc('\n', out);
    if ((rc = tl_store_query(st,
            "SELECT count(*), min(ts), max(ts),"
            " sum(flags & 2 != 0), sum(flags & 8 != 0) FROM events",
            span_row, out, err)))
        return rc;
    if ((rc = tl_store_query(st,
            "SELECT source, artifact, count(*) FROM events"
            " GROUP BY source, artifact ORDER BY source, artifact",
            count_row, out, err)))
        return rc;

    if ((rc = exp_info_analysis(st, out, err)))
        return rc;

    if ((rc = tl_store_query(st, "SELECT count(*) FROM ioc_hits",
                             total_row, &n, err)))
        return rc;
    fprintf(out, "\nindicator hits: %" PRId64 "%s\n", n,
            n > SHOW_HITS ? " (first 20; 'ftl export csv --table ioc_hits')"
                          : "");
    if ((rc = tl_store_query(st,
            "SELECT id, description FROM ioc_hits ORDER BY id LIMIT 20",
            hit_row, out, err)))
        return rc;

    if ((rc = tl_store_query(st, "SELECT count(*) FROM warnings",
                             total_row, &n, err)))
        return rc;
    fprintf(out, "\nwarnings: %" PRId64 "%s\n", n,
            n > SHOW_WARNINGS
                ? " (first 20; 'ftl export csv --table warnings')" : "");
    if ((rc = tl_store_query(st,
            "SELECT w.id, coalesce(v.path, '-'), w.locator, w.message"
            " FROM warnings w LEFT JOIN evidence v ON v.id = w.evidence_id"
            " ORDER BY w.id LIMIT 20", warning_row, out, err)))
        return rc;

    fputs("\ncommands (audit):\n", out);
    return tl_store_query(st,
            "SELECT started, user, host, exit_status, argv FROM audit"
            " ORDER BY id", audit_row, out, err);
}
