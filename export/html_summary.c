/*
 * export/html_summary.c - the summary in plain words: who, what kind, how
 * many, from when to when, in sentences a reader without the technique
 * can repeat
 *
 * SPDX-License-Identifier: MIT
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "export/html_int.h"

#define MAX_CATS 64            /* categories named in the sentence */

struct cat {
    char *name;
    int64_t persons, last_person;
};

struct sum {
    struct html *h;
    int64_t persons, art9, iddoc, items;
    int64_t first, last;
    int has_first, has_last;
    struct cat cats[MAX_CATS];
    int ncats;
};

static int person(const struct tl_rep_person *p, void *payload)
{
    struct sum *s = payload;

    if (!h_person_wanted(s->h, p->person_id))
        return 0;
    s->persons++;
    s->art9 += p->art9 != 0;
    s->iddoc += p->identity_document != 0;
    if (p->has_first && (!s->has_first || p->first_exposed < s->first)) {
        s->first = p->first_exposed;
        s->has_first = 1;
    }
    if (p->has_last && (!s->has_last || p->last_exposed > s->last)) {
        s->last = p->last_exposed;
        s->has_last = 1;
    }
    return 0;
}

static int exposure(const struct tl_rep_exposure *x, void *payload)
{
    struct sum *s = payload;
    int i;

    if (!h_person_wanted(s->h, x->person_id) || !x->category)
        return 0;
    s->items += x->items;
    for (i = 0; i < s->ncats; i++)
        if (strcmp(s->cats[i].name, x->category) == 0)
            break;
    if (i == s->ncats) {
        if (i == MAX_CATS)
            return 0;
        if (!(s->cats[i].name = strdup(x->category)))
            return ftl_err_set(s->h->err, FTL_ENOMEM, "out of memory");
        s->ncats++;
    }
    if (s->cats[i].last_person != x->person_id || s->cats[i].persons == 0)
        s->cats[i].persons++;
    s->cats[i].last_person = x->person_id;
    return 0;
}

/* "identity document (12), CV (9)": most people first. */
static int by_persons(const void *a, const void *b)
{
    const struct cat *x = a, *y = b;

    if (x->persons != y->persons)
        return x->persons < y->persons ? 1 : -1;
    return strcmp(x->name, y->name);
}

static void categories(struct html *h, struct sum *s)
{
    char num[32], *name;
    int i;

    qsort(s->cats, (size_t)s->ncats, sizeof(s->cats[0]), by_persons);
    for (i = 0; i < s->ncats; i++) {
        const char *w = h_word(h->lang, s->cats[i].name);

        fputs(i ? ", " : "", h->out);
        name = w ? strdup(w) : h_esc_dup(h, s->cats[i].name);
        h_say(h, T_SUM_CAT, 2, name ? name : "",
              h_num(h, s->cats[i].persons, num, sizeof(num)));
        free(name);
    }
}

static void when(struct html *h, const struct sum *s)
{
    char t[4][TL_TIME_BUFSZ + 40];
    const int64_t v[4] = { h->win[0], h->win[1], s->first, s->last };
    const int has[4] = { h->has_win[0], h->has_win[1], s->has_first,
                         s->has_last };
    int i;

    for (i = 0; i < 4; i++) {
        if (has[i]) {
            tl_time_format(v[i], 0, t[i]);
            memmove(t[i] + 6, t[i], strlen(t[i]) + 1);
            memcpy(t[i], "<time>", 6);
            strcat(t[i], "</time>");
        } else {
            snprintf(t[i], sizeof(t[i]), "%s", h->t[T_NO_BOUND]);
        }
    }
    h_say(h, T_SUM_WHEN, 4, t[0], t[1], t[2], t[3]);
}

static void case_sentence(struct html *h)
{
    char n[6][32];

    h_say(h, T_SUM_CASE, 6, h_num(h, h->tot.events, n[0], 32),
          h_num(h, h->tot.evidence, n[1], 32),
          h_num(h, h->tot.messages, n[2], 32),
          h_num(h, h->tot.documents, n[3], 32),
          h_num(h, h->tot.persons, n[4], 32),
          h_num(h, h->tot.ioc_hits, n[5], 32));
}

int h_summary(struct html *h)
{
    struct sum s;
    char n[4][32];
    int i, rc;

    memset(&s, 0, sizeof(s));
    s.h = h;
    if ((rc = tl_rep_persons_each(h->st, person, &s, h->err)) ||
        (rc = tl_rep_exposures_each(h->st, exposure, &s, h->err)))
        goto done;
    h_section(h, "summary", T_SEC_SUMMARY);
    fputs("<div class=\"summary\">\n<p>", h->out);
    if (!h->analysed) {
        h_put(h, T_SUM_NOT_ANALYSED);
    } else if (!s.persons) {
        h_put(h, T_SUM_NOBODY);
    } else {
        h_say(h, T_SUM_WHO, 3, h_num(h, s.persons, n[0], 32),
              h_num(h, s.art9, n[1], 32), h_num(h, s.iddoc, n[2], 32));
        fputs("</p>\n<p>", h->out);
        h_say(h, T_SUM_WHAT, 1, h_num(h, s.items, n[3], 32));
        fputc(' ', h->out);
        categories(h, &s);
        fputc('.', h->out);
    }
    if (h->analysed) {
        fputs("</p>\n<p>", h->out);
        when(h, &s);
    }
    fputs("</p>\n<p class=\"note\">", h->out);
    case_sentence(h);
    if (h->o->n_persons) {
        fputc(' ', h->out);
        h_put(h, T_SUM_PERSON_FILTER);
    }
    fputs("</p>\n</div>\n", h->out);
    h_section_end(h);
done:
    for (i = 0; i < s.ncats; i++)
        free(s.cats[i].name);
    return rc;
}
