/*
 * export/html_evidence.c - the evidence: kind, path, size, SHA-256, when
 * it was collected and where it was found (#evidence-N, the id every
 * event of the timeline links to)
 *
 * SPDX-License-Identifier: MIT
 */
#include <inttypes.h>

#include "export/html_int.h"

static int evidence_row(const struct tl_rep_evidence *e, void *payload)
{
    struct html *h = payload;
    char n[4][32], link[80];

    fprintf(h->out, "<tr id=\"evidence-%" PRId64 "\"><th scope=\"row\">"
            "#%" PRId64 "</th><td>", e->id, e->id);
    h_esc(h, e->kind);
    fputs("</td><td class=\"mono\">", h->out);
    h_esc(h, e->inner_path && *e->inner_path ? e->inner_path : e->path);
    fputs("</td><td class=\"num\">", h->out);
    if (e->size >= 0)
        fprintf(h->out, "%s", h_num(h, e->size, n[0], 32));
    else
        h_put(h, T_UNKNOWN);
    fputs("</td><td class=\"mono\">", h->out);
    h_esc(h, e->sha256 ? e->sha256 : "\xe2\x80\x94");
    fputs("</td><td>", h->out);
    h_time(h, e->collected_at, 0, 0);
    fputs("</td><td class=\"wrap\">", h->out);
    if (e->parent_id) {
        snprintf(link, sizeof(link), "<a href=\"#evidence-%" PRId64 "\">#%"
                 PRId64 "</a>", e->parent_id, e->parent_id);
        h_say(h, T_EVI_INSIDE, 1, link);
        fputs(" <span class=\"mono\">", h->out);
        h_esc(h, e->inner_path);
        fputs("</span>", h->out);
    } else {
        h_put(h, T_EVI_TOP);
        fputs(" <span class=\"mono\">", h->out);
        h_esc(h, e->path);
        fputs("</span>", h->out);
    }
    fputs("</td><td>", h->out);
    h_word_put(h, e->status);
    fputs("<br><span class=\"note\">", h->out);
    h_say(h, T_EVI_COUNTS, 3, h_num(h, e->n_events, n[1], 32),
          h_num(h, e->n_files, n[2], 32), h_num(h, e->n_warnings, n[3], 32));
    fputs("</span></td></tr>\n", h->out);
    return 0;
}

int h_evidence(struct html *h)
{
    int rc;

    h_section(h, "evidence", T_SEC_EVIDENCE);
    h_table(h, "evidence", T_EVI_CAPTION, T_EVI_ID, T_EVI_KIND, T_EVI_PATH,
            T_EVI_SIZE, T_EVI_SHA256, T_EVI_COLLECTED, T_EVI_PLACES,
            T_EVI_STATUS, -1);
    if ((rc = tl_rep_evidence_each(h->st, 0, evidence_row, h, h->err)))
        return rc;
    h_table_end(h);
    h_section_end(h);
    return FTL_OK;
}
