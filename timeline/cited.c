/*
 * timeline/cited.c - which exposures each event proves, for the exporters
 * that write one line per event (ftl export jsonl)
 *
 * The events that prove an exposure are those its row cites:
 * exposures.event_ids, the ascending, space-separated union of the
 * event_ids of its exposure_items (analyze/rows.c writes both).  One pass
 * over the exposures reads them all into a table of (event id, exposure)
 * pairs sorted by event id; the export's walk of the events in time order
 * then finds an event's exposures with a binary search.  Memory is
 * bounded by what the analysis cites, never by the number of events, and
 * no statement runs per event.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "timeline/store_int.h"

/* One exposures row, as an event's fields name it. */
struct exposure {
    int64_t id;
    char *person;              /* employee number, else name, else person-N */
    char *category;
    char *channel;
    int confidence, strength;  /* ranks in the tables below */
};

struct pair {
    int64_t event_id;
    size_t exposure;           /* index into exposures */
};

struct tl_cited {
    struct exposure *x;
    size_t nx, capx;
    struct pair *p;
    size_t np, capp;
    /* the last answer: what tl_cited_find()'s result points into */
    const char **persons, **categories, **channels;
    int64_t *ids;
    size_t cap;
};

/* Best last: a rank is an index into these. */
static const char *const confidences[] = { "unknown", "accessible",
                                           "observed" };
static const char *const strengths[] = { "weak", "medium", "strong" };

static int rank(const char *const *words, size_t n, const char *w)
{
    size_t i;

    for (i = 0; w && i < n; i++)
        if (strcmp(words[i], w) == 0)
            return (int)i;
    return 0;
}

static int add_pair(struct tl_cited *c, int64_t event_id, size_t x)
{
    if (c->np == c->capp) {
        size_t cap = c->capp ? c->capp * 2 : 1024;
        struct pair *p = realloc(c->p, cap * sizeof(*p));

        if (!p)
            return FTL_ENOMEM;
        c->p = p;
        c->capp = cap;
    }
    c->p[c->np].event_id = event_id;
    c->p[c->np++].exposure = x;
    return FTL_OK;
}

/* The ids of "12 15 40" as pairs of exposure x. */
static int add_ids(struct tl_cited *c, const char *ids, size_t x)
{
    const char *s = ids;
    char *end;
    long long id;

    while (s && *s) {
        id = strtoll(s, &end, 10);
        if (end == s)
            break;             /* not a list of ids: nothing more cited */
        if (add_pair(c, id, x))
            return FTL_ENOMEM;
        s = end;
    }
    return FTL_OK;
}

static char *dup_or(const char *s, const char *fallback)
{
    return strdup(s && *s ? s : fallback);
}

static int add_exposure(struct tl_cited *c, sqlite3_stmt *s)
{
    struct exposure *x;
    char pid[32];

    if (c->nx == c->capx) {
        size_t cap = c->capx ? c->capx * 2 : 64;
        struct exposure *v = realloc(c->x, cap * sizeof(*v));

        if (!v)
            return FTL_ENOMEM;
        c->x = v;
        c->capx = cap;
    }
    x = &c->x[c->nx];
    memset(x, 0, sizeof(*x));
    x->id = sqlite3_column_int64(s, 0);
    snprintf(pid, sizeof(pid), "person-%lld",
             (long long)sqlite3_column_int64(s, 1));
    x->person = dup_or((const char *)sqlite3_column_text(s, 2),
                       (const char *)sqlite3_column_text(s, 3)
                       && *sqlite3_column_text(s, 3)
                       ? (const char *)sqlite3_column_text(s, 3) : pid);
    x->category = dup_or((const char *)sqlite3_column_text(s, 4), "");
    x->channel = dup_or((const char *)sqlite3_column_text(s, 5), "");
    x->confidence = rank(confidences, 3,
                         (const char *)sqlite3_column_text(s, 6));
    x->strength = rank(strengths, 3, (const char *)sqlite3_column_text(s, 7));
    if (!x->person || !x->category || !x->channel) {
        free(x->person);
        free(x->category);
        free(x->channel);
        return FTL_ENOMEM;
    }
    c->nx++;
    return add_ids(c, (const char *)sqlite3_column_text(s, 8), c->nx - 1);
}

static int cmp_pair(const void *a, const void *b)
{
    const struct pair *x = a, *y = b;

    if (x->event_id != y->event_id)
        return x->event_id < y->event_id ? -1 : 1;
    return (x->exposure > y->exposure) - (x->exposure < y->exposure);
}

static int load(struct tl_cited *c, struct tl_store *st, struct ftl_err *err)
{
    static const char sql[] =
        "SELECT id, person_id, employee_no, name, category, channel,"
        " confidence, strength, event_ids FROM exposures ORDER BY id";
    sqlite3_stmt *s = NULL;
    int rc = FTL_OK, step;

    if (!tl_store_has_table(st, "exposures"))
        return FTL_OK;         /* a case of a schema before the analysis */
    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK) {
        sqlite3_finalize(s);
        return tl_store_dberr(st, err, "exposures");
    }
    while (!rc && (step = sqlite3_step(s)) == SQLITE_ROW)
        if (add_exposure(c, s))
            rc = ftl_err_set(err, FTL_ENOMEM, "out of memory");
    if (!rc && step != SQLITE_DONE)
        rc = tl_store_dberr(st, err, "exposures");
    sqlite3_finalize(s);
    if (!rc && c->np)
        qsort(c->p, c->np, sizeof(*c->p), cmp_pair);
    return rc;
}

int tl_cited_open(struct tl_cited **out, struct tl_store *st,
                  struct ftl_err *err)
{
    struct tl_cited *c = calloc(1, sizeof(*c));
    int rc;

    *out = NULL;
    if (!c)
        return ftl_err_set(err, FTL_ENOMEM, "out of memory");
    if ((rc = load(c, st, err))) {
        tl_cited_free(c);
        return rc;
    }
    *out = c;
    return FTL_OK;
}

size_t tl_cited_count(const struct tl_cited *c)
{
    size_t i, n = 0;

    for (i = 0; c && i < c->np; i++)
        if (!i || c->p[i].event_id != c->p[i - 1].event_id)
            n++;
    return n;
}

void tl_cited_free(struct tl_cited *c)
{
    size_t i;

    if (!c)
        return;
    for (i = 0; i < c->nx; i++) {
        free(c->x[i].person);
        free(c->x[i].category);
        free(c->x[i].channel);
    }
    free(c->x);
    free(c->p);
    free(c->persons);
    free(c->categories);
    free(c->channels);
    free(c->ids);
    free(c);
}

/* The first pair of event id, or c->np. */
static size_t first_of(const struct tl_cited *c, int64_t id)
{
    size_t lo = 0, hi = c->np;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (c->p[mid].event_id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < c->np && c->p[lo].event_id == id ? lo : c->np;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Sort v and drop repeats; the new count. */
static size_t sort_unique(const char **v, size_t n)
{
    size_t i, k = 0;

    qsort(v, n, sizeof(*v), cmp_str);
    for (i = 0; i < n; i++)
        if (!k || strcmp(v[i], v[k - 1]) != 0)
            v[k++] = v[i];
    return k;
}

static int grow(struct tl_cited *c, size_t n)
{
    const char **a, **b, **d;
    int64_t *ids;

    if (n <= c->cap)
        return FTL_OK;
    a = realloc(c->persons, n * sizeof(*a));
    if (a)
        c->persons = a;
    b = realloc(c->categories, n * sizeof(*b));
    if (b)
        c->categories = b;
    d = realloc(c->channels, n * sizeof(*d));
    if (d)
        c->channels = d;
    ids = realloc(c->ids, n * sizeof(*ids));
    if (ids)
        c->ids = ids;
    if (!a || !b || !d || !ids)
        return FTL_ENOMEM;
    c->cap = n;
    return FTL_OK;
}

int tl_cited_find(struct tl_cited *c, int64_t event_id,
                  struct tl_cited_event *out)
{
    size_t i, k, n;
    int conf = 0, str = 0;

    memset(out, 0, sizeof(*out));
    if (!c || !c->np || event_id < c->p[0].event_id ||
        event_id > c->p[c->np - 1].event_id ||
        (i = first_of(c, event_id)) == c->np)
        return 0;
    for (n = 0; i + n < c->np && c->p[i + n].event_id == event_id; n++)
        ;
    if (grow(c, n))
        return FTL_ENOMEM;
    for (k = 0; k < n; k++) {
        const struct exposure *x = &c->x[c->p[i + k].exposure];

        c->persons[k] = x->person;
        c->categories[k] = x->category;
        c->channels[k] = x->channel;
        c->ids[k] = x->id;     /* ascending: the pairs are sorted */
        if (x->confidence > conf)
            conf = x->confidence;
        if (x->strength > str)
            str = x->strength;
    }
    out->persons = c->persons;
    out->n_persons = sort_unique(c->persons, n);
    out->categories = c->categories;
    out->n_categories = sort_unique(c->categories, n);
    out->channels = c->channels;
    out->n_channels = sort_unique(c->channels, n);
    out->exposure_ids = c->ids;
    out->n_exposures = n;
    out->confidence = confidences[conf];
    out->strength = strengths[str];
    return 1;
}
