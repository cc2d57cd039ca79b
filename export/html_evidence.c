/*
 * export/html_evidence.c - the evidence: kind, path, size, SHA-256, when
 * it was collected and where it was found (#evidence-N, the id every
 * event of the timeline links to)
 *
 * SPDX-License-Identifier: MIT
 */
#include <inttypes.h>
#include <string.h>

#include "export/html_int.h"

/* The item's row, for telling its own place from the others. */
struct places {
    struct html *h;
    const struct tl_rep_evidence *e;
};

/* One more place the same content was found ("also at"): a copy under
 * another name, or inside an image as well as outside it. */
static int place_row(int64_t place_id, const struct tl_evidence *p,
                     void *payload)
{
    struct places *w = payload;
    struct html *h = w->h;
    const char *inner = p->inner_path ? p->inner_path : "";
    char link[80];

    (void)place_id;
    if (p->parent_id == w->e->parent_id &&
        strcmp(p->path ? p->path : "", w->e->path ? w->e->path : "") == 0 &&
        strcmp(inner, w->e->inner_path ? w->e->inner_path : "") == 0)
        return 0;
    fputs("<br>", h->out);
    h_put(h, T_EVI_ALSO);
    if (p->parent_id) {
        snprintf(link, sizeof(link), " <a href=\"#evidence-%" PRId64 "\">#%"
                 PRId64 "</a>", p->parent_id, p->parent_id);
        fputs(link, h->out);
    }
    fputs(" <span class=\"mono\">", h->out);
    h_esc(h, *inner ? inner : p->path);
    fputs("</span>", h->out);
    return 0;
}

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
    {
        struct places w = { h, e };

        if (tl_places_each(h->st, e->id, place_row, &w, h->err))
            return FTL_EDB;
    }
    fputs("</td><td>", h->out);
    h_word_put(h, e->status);
    fputs("<br><span class=\"note\">", h->out);
    h_say(h, T_EVI_COUNTS, 3, h_num(h, e->n_events, n[1], 32),
          h_num(h, e->n_files, n[2], 32), h_num(h, e->n_warnings, n[3], 32));
    fputs("</span></td></tr>\n", h->out);
    return 0;
}

/* The last 'ftl verify' run: when, whether every place matched, and
 * its counts (#verification). */
static int verification(struct html *h)
{
    struct tl_verify_run v;
    char n[7][32];
    int rc = tl_verify_last(h->st, &v, h->err);

    if (rc < 0)
        return rc;
    fputs("<p id=\"verification\" class=\"note\">", h->out);
    if (rc == FTL_DONE) {
        h_put(h, T_EVI_VER_NONE);
        fputs("</p>\n", h->out);
        return FTL_OK;
    }
    snprintf(n[0], sizeof(n[0]), "%" PRId64, v.id);
    h_say(h, T_EVI_VERIFIED, 1, n[0]);
    putc(' ', h->out);
    h_time(h, v.ended, 0, 0);
    fputs(": <strong>", h->out);
    h_put(h, v.ok ? T_EVI_VER_OK : T_EVI_VER_FAILED);
    fputs("</strong>. ", h->out);
    h_say(h, T_EVI_VER_COUNTS, 6, h_num(h, v.c.places, n[1], 32),
          h_num(h, v.c.items, n[2], 32),
          h_num(h, v.c.n[TL_VERIFY_OK], n[3], 32),
          h_num(h, v.c.n[TL_VERIFY_CHANGED], n[4], 32),
          h_num(h, v.c.n[TL_VERIFY_MISSING], n[5], 32),
          h_num(h, v.c.n[TL_VERIFY_UNREADABLE], n[6], 32));
    fputs("</p>\n", h->out);
    return FTL_OK;
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
    if ((rc = verification(h)))
        return rc;
    h_section_end(h);
    return FTL_OK;
}
