/*
 * export/html_exposure.c - exposure per person, and the regulator's
 * figures without names
 *
 * One table: a row group per person (id person-N: name, employee number,
 * every category, the strongest link, first and last exposure, links to
 * the person's rows), then one row per exposure (id exposure-N, the id of
 * the exposures table, so that "row #exposure-17" is found again in
 * 'ftl export csv --table exposures'), each with links to the events
 * that prove it.  The persons' summaries are read first (one per person,
 * bounded by the register); the exposures stream.
 *
 * SPDX-License-Identifier: MIT
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "export/html_int.h"

#define PROOF_LINKS 12

struct person {
    int64_t id;
    char *categories, *strongest;
    int art9, iddoc;
    int64_t first, last, exposures, items;
    int has_first, has_last;
};

struct walk {
    struct html *h;
    struct person *p;
    size_t n, cap;
    int64_t current;           /* person whose group is open, 0 none */
};

static int keep_person(const struct tl_rep_person *r, void *payload)
{
    struct walk *w = payload;
    struct person *q;

    if (!h_person_wanted(w->h, r->person_id))
        return 0;
    if (w->n == w->cap) {
        w->cap = w->cap ? 2 * w->cap : 64;
        if (!(q = realloc(w->p, w->cap * sizeof(*q))))
            return ftl_err_set(w->h->err, FTL_ENOMEM, "out of memory");
        w->p = q;
    }
    q = &w->p[w->n++];
    q->id = r->person_id;
    q->categories = strdup(r->categories ? r->categories : "");
    q->strongest = strdup(r->strongest ? r->strongest : "");
    q->art9 = r->art9;
    q->iddoc = r->identity_document;
    q->first = r->first_exposed;
    q->last = r->last_exposed;
    q->has_first = r->has_first;
    q->has_last = r->has_last;
    q->exposures = r->exposures;
    q->items = r->items;
    if (!q->categories || !q->strongest)
        return ftl_err_set(w->h->err, FTL_ENOMEM, "out of memory");
    return 0;
}

static const struct person *find(const struct walk *w, int64_t id)
{
    size_t i;

    for (i = 0; i < w->n; i++)         /* few hundred: no index needed */
        if (w->p[i].id == id)
            return &w->p[i];
    return NULL;
}

static void marks(struct html *h, int art9, int iddoc)
{
    if (art9)
        fprintf(h->out, " <span class=\"mark art9\">%s</span>",
                h->t[T_ART9]);
    if (iddoc)
        fprintf(h->out, " <span class=\"mark id\">%s</span>", h->t[T_IDDOC]);
}

/* The words of a space-separated category list, each translated. */
static void category_list(struct html *h, const char *cats)
{
    char word[128];
    const char *p = cats, *sp;
    size_t n;

    while (p && *p) {
        sp = strchr(p, ' ');
        n = sp ? (size_t)(sp - p) : strlen(p);
        if (n && n < sizeof(word)) {
            memcpy(word, p, n);
            word[n] = '\0';
            fputs(p == cats ? "" : ", ", h->out);
            h_word_put(h, word);
        }
        p = sp ? sp + 1 : NULL;
    }
}

static void span(struct html *h, int has_a, int64_t a, int has_b, int64_t b)
{
    if (has_a)
        h_time(h, a, 0, 1);
    fputs(" &#8211;<br>", h->out);
    if (has_b)
        h_time(h, b, 0, 1);
}

static void group_head(struct html *h, const struct tl_rep_exposure *x,
                       const struct person *p)
{
    char n[2][32];

    fprintf(h->out, "</tbody>\n<tbody id=\"person-%" PRId64 "\">\n"
            "<tr><th scope=\"rowgroup\" colspan=\"8\">", x->person_id);
    h_esc(h, x->name);
    if (x->employee_no) {
        fputs(" &#183; ", h->out);
        h_esc(h, x->employee_no);
    }
    fprintf(h->out, " &#183; person-%" PRId64, x->person_id);
    if (p) {
        marks(h, p->art9, p->iddoc);
        fputs("<br><span class=\"note\">", h->out);
        category_list(h, p->categories);
        fputs(" &#183; ", h->out);
        h_say(h, T_EXP_PERSON_LINE, 2, h_num(h, p->exposures, n[0], 32),
              h_num(h, p->items, n[1], 32));
        fputs(" &#183; ", h->out);
        h_word_put(h, p->strongest);
        fputs("</span>", h->out);
    }
    fputs("</th></tr>\n", h->out);
}

static int exposure_row(const struct tl_rep_exposure *x, void *payload)
{
    struct walk *w = payload;
    struct html *h = w->h;
    char num[32];

    if (!h_person_wanted(h, x->person_id))
        return 0;
    if (x->person_id != w->current)
        group_head(h, x, find(w, x->person_id));
    w->current = x->person_id;
    fprintf(h->out, "<tr id=\"exposure-%" PRId64 "\"><th scope=\"row\">"
            "<a href=\"#exposure-%" PRId64 "\">#exposure-%" PRId64 "</a>"
            "<br><a href=\"#person-%" PRId64 "\">person-%" PRId64 "</a>"
            "</th><td>", x->id, x->id, x->id, x->person_id, x->person_id);
    h_word_put(h, x->category);
    marks(h, x->art9, x->category && !strcmp(x->category,
                                             "identity_document"));
    fputs("</td><td>", h->out);
    h_word_put(h, x->channel);
    fputs("<br>", h->out);
    h_word_put(h, x->confidence);
    fprintf(h->out, "</td><td><span class=\"mark%s\">",
            x->strength && !strcmp(x->strength, "weak") ? " weak" : "");
    h_word_put(h, x->strength);
    fputs("</span></td><td>", h->out);
    span(h, x->has_first, x->first_exposed, x->has_last, x->last_exposed);
    if (x->corrected)
        fprintf(h->out, "<br><span class=\"mark\">%s</span>",
                h->t[T_CORRECTED]);
    fprintf(h->out, "</td><td class=\"num\">%s</td><td>",
            h_num(h, x->items, num, sizeof(num)));
    h_event_links(h, x->event_ids, PROOF_LINKS);
    fputs("</td><td class=\"wrap\">", h->out);
    h_esc(h, x->basis);
    fputs("</td></tr>\n", h->out);
    return 0;
}

/* A --person with no exposure: said, and its anchor kept. */
static void nobody(struct html *h, const struct walk *w)
{
    char id[32];
    size_t i;

    for (i = 0; i < h->n_persons; i++) {
        if (find(w, h->persons[i]))
            continue;
        snprintf(id, sizeof(id), "person-%" PRId64, h->persons[i]);
        fprintf(h->out, "<p id=\"%s\" class=\"empty\">", id);
        h_say(h, T_EXP_PERSON_NONE, 1, id);
        fputs("</p>\n", h->out);
    }
}

int h_exposure(struct html *h)
{
    struct walk w = { h, NULL, 0, 0, 0 };
    size_t i;
    int rc;

    h_section(h, "exposure", T_SEC_EXPOSURE);
    if (!h->analysed) {
        fprintf(h->out, "<p class=\"empty\">%s</p>\n", h->t[T_NOT_ANALYSED]);
        h_section_end(h);
        return FTL_OK;
    }
    if ((rc = tl_rep_persons_each(h->st, keep_person, &w, h->err)))
        goto done;
    fprintf(h->out, "<p>%s</p>\n", h->t[T_EXP_INTRO]);
    nobody(h, &w);
    if (w.n) {
        h_table(h, "exposure", T_EXP_CAPTION, T_ROW, T_CATEGORY, T_CHANNEL,
                T_STRENGTH, T_FIRST, T_ITEMS, T_EVIDENCE_EV, T_BASIS, -1);
        rc = tl_rep_exposures_each(h->st, exposure_row, &w, h->err);
        h_table_end(h);
    } else if (!h->n_persons) {
        fprintf(h->out, "<p class=\"empty\">%s</p>\n", h->t[T_EXP_NONE]);
    }
    h_section_end(h);
done:
    for (i = 0; i < w.n; i++) {
        free(w.p[i].categories);
        free(w.p[i].strongest);
    }
    free(w.p);
    return rc;
}

/* ---- regulator figures ------------------------------------------------ */

static int figure_row(const struct tl_rep_figure *f, void *payload)
{
    struct html *h = payload;
    int total = f->category && strcmp(f->category, "*") == 0;
    char n[3][32];

    fputs(total ? "</tbody><tfoot><tr><th scope=\"row\">"
                : "<tr><th scope=\"row\">", h->out);
    if (total)
        h_put(h, T_FIG_TOTAL);
    else
        h_word_put(h, f->category);
    marks(h, f->art9 && !total, f->identity_document && !total);
    fprintf(h->out, "</th><td class=\"num\">%s</td><td class=\"num\">%s"
            "</td><td class=\"num\">%s</td></tr>\n%s",
            h_num(h, f->data_subjects, n[0], 32),
            h_num(h, f->records, n[1], 32),
            h_num(h, f->subjects_weak_only, n[2], 32),
            total ? "</tfoot><tbody>" : "");
    return 0;
}

static int any_figure(const struct tl_rep_figure *f, void *payload)
{
    (void)f;
    return ++*(int *)payload, 0;
}

int h_figures(struct html *h)
{
    char *auth;
    int rc, any = 0;

    h_section(h, "figures", T_SEC_FIGURES);
    if (!h->analysed) {
        fprintf(h->out, "<p class=\"empty\">%s</p>\n", h->t[T_NOT_ANALYSED]);
        h_section_end(h);
        return FTL_OK;
    }
    if (h->o->authority) {
        auth = h_esc_dup(h, h->o->authority);
        fputs("<p class=\"authority\"><strong>", h->out);
        h_say(h, T_FIG_AUTHORITY, 1, auth ? auth : "");
        fputs("</strong></p>\n", h->out);
        free(auth);
    }
    fprintf(h->out, "<p>%s", h->t[T_FIG_INTRO]);
    if (h->o->n_persons)
        fprintf(h->out, " %s", h->t[T_FIG_WHOLE_CASE]);
    fputs("</p>\n", h->out);
    if ((rc = tl_rep_figures_each(h->st, any_figure, &any, h->err)))
        return rc;
    if (!any) {
        fprintf(h->out, "<p class=\"empty\">%s</p>\n", h->t[T_FIG_NONE]);
    } else {
        h_table(h, "figures", T_FIG_CAPTION, T_CATEGORY, T_FIG_SUBJECTS,
                T_FIG_RECORDS, T_FIG_WEAK, -1);
        if ((rc = tl_rep_figures_each(h->st, figure_row, h, h->err)))
            return rc;
        h_table_end(h);
    }
    h_section_end(h);
    return FTL_OK;
}
