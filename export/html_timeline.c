/*
 * export/html_timeline.c - the timeline: every indicator hit and every
 * event the analysis cites, then the other events in time order up to
 * --max-events, and what was left out with the export that holds it
 *
 * One pass over the events in (ts, id) order, streamed: an event is
 * written or counted as it is read, so a case of millions of events
 * costs the time of one scan and the memory of one row.
 *
 * SPDX-License-Identifier: MIT
 */
#include <inttypes.h>
#include <stdlib.h>

#include "export/html_int.h"

/* Rows per table: the browser lays out a chunk that is off screen only
 * when it comes into view (content-visibility), so a timeline of ten
 * thousand rows opens in a fraction of the time one table would take.
 * Each chunk repeats the head, which print repeats on each page anyway. */
#define CHUNK 400

struct tl {
    struct html *h;
    int64_t cap;               /* other events that may still be shown */
};

static void marks(struct html *h, const struct tl_rep_event *e,
                  const struct h_cite *c, size_t nc)
{
    size_t i;

    if (e->flags & TL_F_IOC) {
        fprintf(h->out, "<span class=\"mark ioc\">%s</span> ", h->t[T_TL_IOC]);
        if (e->iocs) {
            fputs("<span class=\"wrap\">", h->out);
            h_esc(h, e->iocs);
            fputs("</span><br>", h->out);
        }
    }
    if (e->flags & TL_F_IOC_MESSAGE)
        fprintf(h->out, "<span class=\"mark ioc\">%s</span><br>",
                h->t[T_TL_IOC_MSG]);
    for (i = 0; i < nc; i++) {
        if (i == 0)
            fprintf(h->out, "<span class=\"mark\">%s</span> ",
                    h->t[T_TL_CITED]);
        if (c[i].exposure_id)
            fprintf(h->out, "<a href=\"#exposure-%" PRId64 "\">#exposure-%"
                    PRId64 "</a> ", c[i].exposure_id, c[i].exposure_id);
        else
            fprintf(h->out, "<a href=\"#window\">%s</a> ",
                    h->t[T_TL_WINDOW_CITE]);
    }
    if (e->flags & TL_F_DELETED)
        fprintf(h->out, "<span class=\"mark\">%s</span> ",
                h->t[T_TL_DELETED]);
    if (e->flags & TL_F_TZ_ASSUMED)
        fprintf(h->out, "<span class=\"mark\">%s</span> ",
                h->t[T_TL_TZ_ASSUMED]);
    if (e->flags & TL_F_YEAR_ESTIMATED)
        fprintf(h->out, "<span class=\"mark\">%s</span> ",
                h->t[T_TL_YEAR_EST]);
}

static void row(struct html *h, const struct tl_rep_event *e,
                const struct h_cite *c, size_t nc)
{
    int ioc = (e->flags & (TL_F_IOC | TL_F_IOC_MESSAGE)) != 0;

    fprintf(h->out, "<tr id=\"ev-%" PRId64 "\"%s><th scope=\"row\">"
            "<a href=\"#ev-%" PRId64 "\">#%" PRId64 "</a></th><td>",
            e->id, ioc ? " class=\"ioc\"" : "", e->id, e->id);
    h_time(h, e->ts, e->prec, 1);
    if (e->raw_time) {
        fprintf(h->out, "<br><span class=\"note\">%s ", h->t[T_TL_RAW]);
        h_esc(h, e->raw_time);
        fputs("</span>", h->out);
    }
    fputs("</td><td>", h->out);
    h_esc(h, e->source);
    fputs(" &#183; <span class=\"mono art\">", h->out);
    h_esc(h, e->artifact);
    fputs("</span><br><span class=\"note\">", h->out);
    h_esc(h, e->ts_desc);
    fputs("</span></td><td class=\"wrap\">", h->out);
    h_esc(h, e->message);
    fprintf(h->out, "</td><td><a href=\"#evidence-%" PRId64 "\">#%" PRId64
            "</a> <span class=\"mono\">", e->evidence_id, e->evidence_id);
    h_esc(h, e->locator);
    fputs("</span></td><td>", h->out);
    marks(h, e, c, nc);
    fputs("</td></tr>\n", h->out);
}

static int event(const struct tl_rep_event *e, void *payload)
{
    struct tl *t = payload;
    struct html *h = t->h;
    size_t nc;
    const struct h_cite *c = h_cites_of(h, e->id, &nc);
    int key = nc > 0 || (e->flags & (TL_F_IOC | TL_F_IOC_MESSAGE));

    if (key || t->cap > 0) {
        if (!key)
            t->cap--;
        if (h->shown % CHUNK == 0) {
            if (h->shown)
                fputs("</tbody></table></div></div>\n", h->out);
            fputs("<div class=\"chunk\">", h->out);
            h_table(h, "timeline", T_TL_CAPTION, T_TL_EVENT, T_TL_TIME,
                    T_TL_WHAT, T_TL_DESC, T_TL_WHERE, T_TL_MARKS, -1);
        }
        h->shown++;
        row(h, e, c, nc);
        return ferror(h->out) ? ftl_err_set(h->err, FTL_EIO, "write error")
                              : 0;
    }
    if (h->left_out++ == 0)
        h->left_first = e->ts;
    h->left_last = e->ts;
    return 0;
}

static void left_out(struct html *h)
{
    char n[32], a[TL_TIME_BUFSZ], b[TL_TIME_BUFSZ], *path;

    if (!h->left_out) {
        fprintf(h->out, "<p class=\"note\">%s</p>\n", h->t[T_TL_ALL_SHOWN]);
        return;
    }
    /* the first and last second that hold left-out events, widened to
     * whole seconds so the command finds them all */
    tl_time_format(h->left_first - (h->left_first % TL_NS_PER_SEC +
                   TL_NS_PER_SEC) % TL_NS_PER_SEC, 0, a);
    tl_time_format(h->left_last - (h->left_last % TL_NS_PER_SEC +
                   TL_NS_PER_SEC) % TL_NS_PER_SEC + TL_NS_PER_SEC - 1, 9, b);
    path = h_esc_dup(h, tl_store_path(h->st));
    fputs("<p id=\"left-out\" class=\"note\">", h->out);
    h_say(h, T_TL_LEFT_OUT, 4, h_num(h, h->left_out, n, sizeof(n)), a, b,
          path ? path : "");
    fputs("</p>\n", h->out);
    free(path);
}

int h_timeline(struct html *h)
{
    struct tl t = { h, h->o->has_max_events ? h->o->max_events
                                            : EXP_HTML_MAX_EVENTS };
    char n[32];
    int rc;

    h_section(h, "timeline", T_SEC_TIMELINE);
    fputs("<p>", h->out);
    h_say(h, T_TL_INTRO, 1, h_num(h, t.cap, n, sizeof(n)));
    fputs("</p>\n", h->out);
    if ((rc = tl_rep_events_each(h->st, h->from, h->to, event, &t, h->err)))
        return rc;
    if (h->shown) {
        h_table_end(h);
        fputs("</div>\n", h->out);
    }
    else
        fprintf(h->out, "<p class=\"empty\">%s</p>\n", h->t[T_TL_NONE]);
    left_out(h);
    h_section_end(h);
    return FTL_OK;
}
