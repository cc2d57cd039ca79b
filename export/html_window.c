/*
 * export/html_window.c - the compromise window (each bound, where it
 * comes from, the events behind it, the warnings) and the clocks
 *
 * SPDX-License-Identifier: MIT
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "export/html_int.h"

#define PROOF_LINKS 20         /* event links shown per row */

static int bound_row(const struct tl_rep_bound *b, void *payload)
{
    struct html *h = payload;
    int start = strcmp(b->bound, "start") == 0;

    fprintf(h->out, "<tr id=\"window-%s\"><th scope=\"row\">",
            start ? "start" : strcmp(b->bound, "end") == 0 ? "end" : "other");
    if (start || strcmp(b->bound, "end") == 0)
        h_put(h, start ? T_BOUND_START : T_BOUND_END);
    else
        h_esc(h, b->bound);
    fputs("</th><td>", h->out);
    if (b->has_ts)
        h_time(h, b->ts, -1, 1);
    else
        fprintf(h->out, "<span class=\"empty\">%s</span>", h->t[T_NO_BOUND]);
    fputs("</td><td>", h->out);
    h_word_put(h, b->origin);
    fputs("</td><td class=\"wrap\">", h->out);
    h_esc(h, b->reason);
    fputs("</td><td>", h->out);
    h_event_links(h, b->event_ids, PROOF_LINKS);
    fputs("</td></tr>\n", h->out);
    return 0;
}

static int warning_row(const struct tl_rep_warning *w, void *payload)
{
    struct html *h = payload;

    fprintf(h->out, "<tr id=\"warning-%" PRId64 "\"><th scope=\"row\">"
            "%" PRId64 "</th><td class=\"mono\">", w->id, w->id);
    h_esc(h, w->kind);
    fputs("</td><td class=\"wrap\">", h->out);
    h_esc(h, w->message);
    fputs("</td><td>", h->out);
    h_event_links(h, w->event_ids, PROOF_LINKS);
    fputs("</td></tr>\n", h->out);
    return 0;
}

struct count {
    struct html *h;
    int64_t n;
};

static int count_kind(const char *name, int64_t n, void *payload)
{
    (void)name;
    ((struct count *)payload)->n += n;
    return 0;
}

static void not_analysed(struct html *h)
{
    fprintf(h->out, "<p class=\"empty\">%s</p>\n", h->t[T_NOT_ANALYSED]);
}

int h_window(struct html *h)
{
    struct count c = { h, 0 };
    int rc;

    h_section(h, "window", T_SEC_WINDOW);
    if (!h->analysed) {
        not_analysed(h);
        h_section_end(h);
        return FTL_OK;
    }
    h_table(h, "window", T_WIN_CAPTION, T_BOUND, T_TIME_UTC, T_ORIGIN,
            T_REASON, T_PROOF, -1);
    if ((rc = tl_rep_window_each(h->st, bound_row, h, h->err)))
        return rc;
    h_table_end(h);
    if ((rc = tl_rep_warning_kinds_each(h->st, count_kind, &c, h->err)))
        return rc;
    fputs("<h3 id=\"warnings\">", h->out);
    h_put(h, T_WARNINGS);
    fputs("</h3>\n", h->out);
    if (!c.n) {
        fprintf(h->out, "<p class=\"empty\">%s</p>\n", h->t[T_NO_WARNINGS]);
    } else {
        h_table(h, "warnings", T_WARN_CAPTION, T_ROW, T_KIND, T_MESSAGE,
                T_PROOF, -1);
        if ((rc = tl_rep_warnings_each(h->st, warning_row, h, h->err)))
            return rc;
        h_table_end(h);
    }
    h_section_end(h);
    return FTL_OK;
}

static int clock_row(const struct tl_rep_clock *k, void *payload)
{
    struct html *h = payload;
    char *a = h_esc_dup(h, k->host_a), *b = h_esc_dup(h, k->host_b);

    fprintf(h->out, "<tr id=\"clock-%" PRId64 "\"><th scope=\"row\">",
            k->id);
    h_say(h, T_CLK_AHEAD, 2, a ? a : "", b ? b : "");
    free(a);
    free(b);
    fprintf(h->out, "</th><td class=\"num\">%+.3f</td>"
            "<td class=\"num\">%.3f</td><td class=\"num\">%" PRId64
            "</td><td>", k->offset_seconds, k->spread_seconds, k->pairs);
    h_word_put(h, k->method);
    fprintf(h->out, "</td><td>%s</td><td class=\"wrap\">",
            h->t[k->applied ? T_YES : T_NO]);
    h_esc(h, k->note);
    fputs("</td></tr>\n", h->out);
    return 0;
}

static int any_clock(const struct tl_rep_clock *k, void *payload)
{
    (void)k;
    return ++*(int *)payload, 0;
}

int h_clocks(struct html *h)
{
    struct tl_rep_groups g;
    char n[5][32];
    int rc, any = 0;

    h_section(h, "clocks", T_SEC_CLOCKS);
    if (!h->analysed) {
        not_analysed(h);
        h_section_end(h);
        return FTL_OK;
    }
    if ((rc = tl_rep_groups_count(h->st, &g, h->err)) ||
        (rc = tl_rep_clocks_each(h->st, any_clock, &any, h->err)))
        return rc;
    fputs("<p>", h->out);
    h_say(h, T_CLK_GROUPS, 5, h_num(h, g.groups, n[0], 32),
          h_num(h, g.crossed, n[1], 32), h_num(h, g.in_window, n[2], 32),
          h_num(h, g.flagged, n[3], 32), h_num(h, g.corrected, n[4], 32));
    fputs("</p>\n", h->out);
    if (!any) {
        fprintf(h->out, "<p class=\"empty\">%s</p>\n", h->t[T_CLK_NONE]);
    } else {
        h_table(h, "clocks", T_CLK_CAPTION, T_CLK_HOSTS, T_CLK_OFFSET,
                T_CLK_SPREAD, T_CLK_PAIRS, T_CLK_METHOD, T_CLK_APPLIED,
                T_CLK_NOTE, -1);
        if ((rc = tl_rep_clocks_each(h->st, clock_row, h, h->err)))
            return rc;
        h_table_end(h);
    }
    h_section_end(h);
    return FTL_OK;
}
