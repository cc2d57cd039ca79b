/*
 * export/html_method.c - method and limits: how each item was collected
 * and with which assumptions (zones, years), the analysis's options, the
 * clock corrections, what could not be read, every warning count, and
 * what the report leaves out
 *
 * SPDX-License-Identifier: MIT
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "base/escape.h"
#include "export/html_int.h"

struct method {
    struct html *h;
    struct ftl_buf problems;   /* rows of the "could not be read" table */
    int64_t n_problems, warnings;
};

static void problem(struct method *m, const struct tl_rep_evidence *e)
{
    struct html *h = m->h;
    const char *path = e->inner_path && *e->inner_path ? e->inner_path
                                                       : e->path;
    const char *st = e->status ? h_word(h->lang, e->status) : NULL;
    char num[32];

    m->n_problems++;
    ftl_buf_printf(&m->problems, "<tr><th scope=\"row\"><a href=\""
                   "#evidence-%" PRId64 "\">#%" PRId64 "</a></th>"
                   "<td class=\"mono\">", e->id, e->id);
    ftl_esc_html_buf(&m->problems, path, strlen(path));
    ftl_buf_puts(&m->problems, "</td><td>");
    if (st)
        ftl_buf_puts(&m->problems, st);
    else if (e->status)
        ftl_esc_html_buf(&m->problems, e->status, strlen(e->status));
    ftl_buf_printf(&m->problems, "</td><td class=\"num\">%s</td></tr>\n",
                   h_num(h, e->n_warnings, num, sizeof(num)));
}

static int collect_row(const struct tl_rep_evidence *e, void *payload)
{
    struct method *m = payload;
    struct html *h = m->h;
    char n[3][32];

    fprintf(h->out, "<tr><th scope=\"row\"><a href=\"#evidence-%" PRId64
            "\">#%" PRId64 "</a></th><td>", e->id, e->id);
    h_esc(h, e->kind);
    fputs("</td><td class=\"mono\">", h->out);
    h_esc(h, e->options ? e->options : "\xe2\x80\x94");
    fputs("</td><td>", h->out);
    h_esc(h, e->tz ? e->tz : "\xe2\x80\x94");
    fputs("</td><td>", h->out);
    if (e->year)
        fprintf(h->out, "%d", e->year);
    else
        fputs("&#8212;", h->out);
    fprintf(h->out, "</td><td class=\"num\">%s</td><td class=\"num\">%s"
            "</td><td class=\"num\">%s</td></tr>\n",
            h_num(h, e->n_tz_assumed, n[0], 32),
            h_num(h, e->n_year_estimated, n[1], 32),
            h_num(h, e->n_dst, n[2], 32));
    m->warnings += e->n_warnings;
    if ((e->status && strcmp(e->status, "complete") != 0) || e->n_warnings)
        problem(m, e);
    return 0;
}

static int fact(const char *key, const char *value, void *payload)
{
    struct html *h = payload;

    fputs("<dt class=\"mono\">", h->out);
    h_esc(h, key);
    fputs("</dt><dd class=\"mono\">", h->out);
    h_esc(h, value);
    fputs("</dd>\n", h->out);
    return 0;
}

struct clocks {
    int64_t n, applied;
};

static int clock(const struct tl_rep_clock *k, void *payload)
{
    struct clocks *c = payload;

    c->n++;
    c->applied += k->applied != 0;
    return 0;
}

static int warn_kind(const char *kind, int64_t n, void *payload)
{
    struct html *h = payload;
    char num[32];

    fputs("<tr><th scope=\"row\">", h->out);
    h_put(h, T_ME_AN_WARN);
    fputs("</th><td class=\"mono\">", h->out);
    h_esc(h, kind);
    fprintf(h->out, "</td><td class=\"num\">%s</td></tr>\n",
            h_num(h, n, num, sizeof(num)));
    return 0;
}

static void h3(struct html *h, int text)
{
    fputs("<h3>", h->out);
    h_put(h, text);
    fputs("</h3>\n", h->out);
}

static int analysis(struct html *h)
{
    struct tl_rep_groups g;
    struct clocks c = { 0, 0 };
    char n[3][32];
    int rc;

    h3(h, T_ME_ANALYSIS);
    if (!h->analysed) {
        fprintf(h->out, "<p class=\"empty\">%s</p>\n", h->t[T_NOT_ANALYSED]);
        return FTL_OK;
    }
    fputs("<dl class=\"facts\">\n", h->out);
    if ((rc = tl_rep_analysis_each(h->st, fact, h, h->err)))
        return rc;
    fputs("</dl>\n", h->out);
    h3(h, T_ME_CLOCKS);
    if ((rc = tl_rep_clocks_each(h->st, clock, &c, h->err)) ||
        (rc = tl_rep_groups_count(h->st, &g, h->err)))
        return rc;
    fputs("<p>", h->out);
    if (c.n)
        h_say(h, T_ME_CLOCKS, 3, h_num(h, c.n, n[0], 32),
              h_num(h, c.applied, n[1], 32), h_num(h, g.corrected, n[2], 32));
    else
        h_put(h, T_ME_CLOCKS_NONE);
    fputs(" <a href=\"#clocks\">&#8594;</a></p>\n", h->out);
    return FTL_OK;
}

static int warnings(struct html *h, struct method *m)
{
    char num[32];
    int rc;

    h3(h, T_ME_UNREAD);
    if (!m->n_problems) {
        fprintf(h->out, "<p>%s</p>\n", h->t[T_ME_UNREAD_NONE]);
    } else {
        h_table(h, "unread", T_ME_UNREAD, T_EVI_ID, T_EVI_PATH,
                T_EVI_STATUS, T_WARNINGS, -1);
        fwrite(m->problems.p, 1, m->problems.len, h->out);
        h_table_end(h);
    }
    h3(h, T_ME_WARNCOUNTS);
    h_table(h, "warncounts", T_ME_WARN_CAPTION, T_CH_SOURCE, T_KIND,
            T_COUNT, -1);
    fputs("<tr><th scope=\"row\">", h->out);
    h_put(h, T_ME_COLL_WARN);
    fprintf(h->out, "</th><td class=\"mono\">warnings</td><td class=\"num\">"
            "%s</td></tr>\n", h_num(h, h->tot.warnings, num, sizeof(num)));
    rc = tl_rep_warning_kinds_each(h->st, warn_kind, h, h->err);
    h_table_end(h);
    return rc;
}

static void limits(struct html *h)
{
    char n[3][32], *zone = h_esc_dup(h, h->tz ? tl_tz_name(h->tz) : "UTC");

    fputs("<p>", h->out);
    h_say(h, T_ME_TIMES, 1, zone ? zone : "");
    fputs("</p>\n<p>", h->out);
    h_say(h, T_ME_CAP, 3, h_num(h, h->shown, n[0], 32),
          h_num(h, h->shown + h->left_out, n[1], 32),
          h_num(h, h->left_out, n[2], 32));
    fprintf(h->out, " <a href=\"#timeline\">&#8594;</a></p>\n<p>%s</p>\n",
            h->t[T_ME_ESCAPE]);
    free(zone);
}

int h_method(struct html *h)
{
    struct method m = { h, { 0 }, 0, 0 };
    int rc;

    ftl_buf_init(&m.problems, 0);
    h_section(h, "method", T_SEC_METHOD);
    fprintf(h->out, "<p>%s</p>\n", h->t[T_ME_INTRO]);
    h3(h, T_ME_COLLECT);
    h_table(h, "collect", T_ME_COLL_CAPTION, T_EVI_ID, T_EVI_KIND,
            T_ME_OPTIONS, T_ME_ZONE, T_ME_YEAR, T_ME_N_TZ, T_ME_N_YEAR,
            T_ME_N_DST, -1);
    rc = tl_rep_evidence_each(h->st, 1, collect_row, &m, h->err);
    h_table_end(h);
    if (!rc)
        rc = analysis(h);
    if (!rc)
        rc = warnings(h, &m);
    if (!rc)
        limits(h);
    h_section_end(h);
    ftl_buf_release(&m.problems);
    return rc;
}
