/*
 * export/html.c - 'ftl export html': the report, one self-contained file
 *
 * One run: resolve the options (language, --person, the timeline's
 * bounds), learn which events the analysis cites (so that the timeline
 * shows every one of them and links back to what cites it), then write
 * the sections in the report's order, each streamed from the case as it
 * is read.  What is held in memory is bounded by the analysis (persons,
 * exposures, cited event ids), never by the number of events.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "export/html_int.h"

/* ---- --person ----------------------------------------------------------- */

struct match {
    struct html *h;
    unsigned char found[EXP_MAX_PERSONS];
};

/* 1 when 'want' names this person: its id ("7" or "person-7"), its
 * employee number, its name or one of its addresses (case ignored). */
static int names_person(const struct tl_person *p, const char *want)
{
    const char *e = p->emails, *num = want, *semi;
    size_t n = strlen(want), len;
    char *end;
    long long id;

    if (strncmp(num, "person-", 7) == 0)
        num += 7;
    id = strtoll(num, &end, 10);
    if (end != num && !*end && id == p->id)
        return 1;
    if ((p->employee_no && strcmp(p->employee_no, want) == 0) ||
        (p->name && strcasecmp(p->name, want) == 0))
        return 1;
    while (e && *e) {
        semi = strchr(e, ';');
        len = semi ? (size_t)(semi - e) : strlen(e);
        if (len == n && strncasecmp(e, want, n) == 0)
            return 1;
        e = semi ? semi + 1 : NULL;
    }
    return 0;
}

static int match_person(const struct tl_person *p, void *payload)
{
    struct match *m = payload;
    struct html *h = m->h;
    size_t i, hit = 0;
    int64_t *grown;

    for (i = 0; i < h->o->n_persons; i++)
        if (names_person(p, h->o->persons[i]))
            m->found[i] = 1, hit = 1;
    if (!hit)
        return 0;
    grown = realloc(h->persons, (h->n_persons + 1) * sizeof(*grown));
    if (!grown)
        return ftl_err_set(h->err, FTL_ENOMEM, "out of memory");
    h->persons = grown;
    h->persons[h->n_persons++] = p->id;      /* walked in id order */
    return 0;
}

static int resolve_persons(struct html *h)
{
    struct match m;
    size_t i;
    int rc;

    memset(&m, 0, sizeof(m));
    m.h = h;
    if (!h->o->n_persons)
        return FTL_OK;
    if ((rc = tl_persons_each(h->st, match_person, &m, h->err)))
        return rc;
    for (i = 0; i < h->o->n_persons; i++)
        if (!m.found[i])
            return ftl_err_set(h->err, FTL_EUSAGE, "--person '%s': no such "
                               "person in the case ('ftl export csv --table"
                               " persons' lists them)", h->o->persons[i]);
    return FTL_OK;
}

static int cmp_id(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

    return (x > y) - (x < y);
}

int h_person_wanted(const struct html *h, int64_t id)
{
    if (!h->o->n_persons)
        return 1;
    return bsearch(&id, h->persons, h->n_persons, sizeof(int64_t),
                   cmp_id) != NULL;
}

/* ---- citations ---------------------------------------------------------- */

struct cites {
    struct html *h;
    int64_t *xp;               /* (exposure id, person id) pairs, sorted */
    size_t n, cap;
    size_t ncap;
};

static int push(void **p, size_t *cap, size_t n, size_t size)
{
    void *q;

    if (n < *cap)
        return 0;
    *cap = *cap ? *cap * 2 : 256;
    if (!(q = realloc(*p, *cap * size)))
        return -1;
    *p = q;
    return 0;
}

static int exposure_person(const struct tl_rep_exposure *x, void *payload)
{
    struct cites *c = payload;

    if (push((void **)&c->xp, &c->cap, c->n, 2 * sizeof(int64_t)))
        return ftl_err_set(c->h->err, FTL_ENOMEM, "out of memory");
    c->xp[2 * c->n] = x->id;
    c->xp[2 * c->n + 1] = x->person_id;
    c->n++;
    return 0;
}

static int cite(int64_t exposure_id, const char *ids, void *payload)
{
    struct cites *c = payload;
    struct html *h = c->h;
    const int64_t *xp;
    char *end;
    int64_t id;

    if (exposure_id) {
        xp = bsearch(&exposure_id, c->xp, c->n, 2 * sizeof(int64_t),
                     cmp_id);
        if (xp && !h_person_wanted(h, xp[1]))
            return 0;
    }
    while (ids && *ids) {
        id = strtoll(ids, &end, 10);
        if (end == ids) {
            ids++;
            continue;
        }
        ids = end;
        if (push((void **)&h->cites, &c->ncap, h->n_cites, sizeof(*h->cites)))
            return ftl_err_set(h->err, FTL_ENOMEM, "out of memory");
        h->cites[h->n_cites].event_id = id;
        h->cites[h->n_cites++].exposure_id = exposure_id;
    }
    return 0;
}

static int cmp_cite(const void *a, const void *b)
{
    const struct h_cite *x = a, *y = b;

    if (x->event_id != y->event_id)
        return (x->event_id > y->event_id) - (x->event_id < y->event_id);
    return (x->exposure_id > y->exposure_id) -
           (x->exposure_id < y->exposure_id);
}

/* Sorted, each (event, exposure) pair once. */
static int load_cites(struct html *h)
{
    struct cites c = { h, NULL, 0, 0, 0 };
    size_t i, o = 0;
    int rc;

    rc = tl_rep_exposures_each(h->st, exposure_person, &c, h->err);
    if (!rc)
        rc = tl_rep_citations_each(h->st, cite, &c, h->err);
    free(c.xp);
    if (rc || !h->n_cites)
        return rc;
    qsort(h->cites, h->n_cites, sizeof(*h->cites), cmp_cite);
    for (i = 0; i < h->n_cites; i++)
        if (!o || cmp_cite(&h->cites[o - 1], &h->cites[i]))
            h->cites[o++] = h->cites[i];
    h->n_cites = o;
    return FTL_OK;
}

const struct h_cite *h_cites_of(const struct html *h, int64_t id,
                                size_t *n)
{
    size_t lo = 0, hi = h->n_cites, mid;

    while (lo < hi) {                   /* first entry >= id */
        mid = lo + (hi - lo) / 2;
        if (h->cites[mid].event_id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (*n = 0; lo + *n < h->n_cites && h->cites[lo + *n].event_id == id;)
        (*n)++;
    return *n ? &h->cites[lo] : NULL;
}

/* ---- the run ------------------------------------------------------------ */

static int bound(const struct tl_rep_bound *b, void *payload)
{
    struct html *h = payload;
    int i = strcmp(b->bound, "end") == 0;

    if (b->has_ts && (i || strcmp(b->bound, "start") == 0)) {
        h->win[i] = b->ts;
        h->has_win[i] = 1;
    }
    return 0;
}

static int setup(struct html *h)
{
    const char *slash, *path = tl_store_path(h->st);
    int rc;

    if ((h->lang = h_lang_find(h->o->lang ? h->o->lang : "en")) < 0)
        return ftl_err_set(h->err, FTL_EUSAGE, "--lang '%s': the report is "
                           "written in en, fr, nl or de", h->o->lang);
    h->t = h_texts[h->lang];
    h->tz = h->o->tz && !tl_tz_is_utc(h->o->tz) ? h->o->tz : NULL;
    h->from = h->o->has_from ? h->o->from : INT64_MIN;
    h->to = h->o->has_to ? h->o->to : INT64_MAX;
    if (!(h->case_id = tl_case_get(h->st, "name"))) {
        slash = strrchr(path, '/');
        h->case_id = strdup(slash ? slash + 1 : path);
        if (!h->case_id)
            return ftl_err_set(h->err, FTL_ENOMEM, "out of memory");
    }
    ftl_buf_init(&h->tmp, 0);
    h->analysed = tl_rep_has_analysis(h->st);
    if ((rc = tl_rep_totals(h->st, &h->tot, h->err)) ||
        (rc = tl_rep_window_each(h->st, bound, h, h->err)) ||
        (rc = resolve_persons(h)))
        return rc;
    return load_cites(h);
}

int exp_html(struct tl_store *st, FILE *out, const struct exp_opts *o,
             int64_t *rows, struct ftl_err *err)
{
    static int (*const sections[])(struct html *) = {
        h_head, h_case, h_summary, h_window, h_clocks, h_exposure,
        h_figures, h_evidence, h_timeline, h_chart, h_method,
    };
    struct html h;
    size_t i;
    int rc;

    memset(&h, 0, sizeof(h));
    h.out = out;
    h.st = st;
    h.o = o;
    h.err = err;
    rc = setup(&h);
    for (i = 0; !rc && i < sizeof(sections) / sizeof(sections[0]); i++)
        rc = sections[i](&h);
    if (!rc)
        h_tail(&h);
    if (rows)
        *rows = h.shown;
    free(h.case_id);
    free(h.persons);
    free(h.cites);
    ftl_buf_release(&h.tmp);
    return rc;
}
