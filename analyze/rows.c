/*
 * analyze/rows.c - the exposures and exposure_items rows, and their
 * event ids
 *
 * The best links come in row order (timeline/exposure_rows.c); a row is
 * one person x category x channel, as issue 11 asks.  Its strength and
 * confidence are the strongest of its items'; each item keeps its own
 * in exposure_items (a weak item stays weak there, never promoted), and
 * the basis says how many items of each strength the row holds.  A row
 * is added at its first item and finished after its last (counts, first
 * and last time, labels, basis), so that rows of any size stream
 * through.
 *
 * Event ids then come in one walk ordered by item: each item's list is
 * written, sorted, when the walk leaves it, each row's (the union of its
 * items', sorted, once each) when it leaves the row.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdlib.h>
#include <string.h>

#include "analyze/ex_int.h"

struct rows {
    struct an_ctx *c;
    struct ftl_err *err;
    int open;
    int64_t id;                /* the exposures row being filled */
    struct tl_exposure e;      /* its key and what it has so far */
    char *copy[5];             /* e's strings: employee_no, name,
                                  category, channel, confidence */
    int strength;              /* the strongest item's, as a number */
    struct an_tally t;
    struct ftl_buf text;
    int rc;
};

static int same_row(const struct rows *r, const struct tl_ex_best *b)
{
    return r->open && r->e.person_id == b->person_id &&
           strcmp(r->e.category, b->category) == 0 &&
           strcmp(r->e.channel, b->channel) == 0;
}

/* 0 weak/unknown, 1 medium/accessible, 2 strong/observed. */
static int conf_index(const char *c)
{
    return !c ? 0 : strcmp(c, "observed") == 0 ? 2
           : strcmp(c, "accessible") == 0 ? 1 : 0;
}

static void drop_copies(struct rows *r)
{
    int i;

    for (i = 0; i < 5; i++) {
        free(r->copy[i]);
        r->copy[i] = NULL;
    }
}

static int finish(struct rows *r)
{
    int rc;

    if (!r->open)
        return FTL_OK;
    r->open = 0;
    r->e.items = r->t.items;
    r->e.corrected = r->t.corrected;
    if (an_basis(&r->text, &r->e, &r->t))
        rc = ftl_err_set(r->err, FTL_ENOMEM, "out of memory");
    else {
        r->e.basis = ftl_buf_str(&r->text);
        rc = tl_ex_exposure_finish(r->c->st, r->id, &r->e, r->err);
    }
    drop_copies(r);
    return rc;
}

static char *dup_or_null(const char *s)
{
    return s ? strdup(s) : NULL;
}

static int start(struct rows *r, const struct tl_ex_best *b)
{
    const char *in[5] = { b->employee_no, b->name, b->category, b->channel,
                          b->confidence };
    int i;

    memset(&r->e, 0, sizeof(r->e));
    memset(&r->t, 0, sizeof(r->t));
    for (i = 0; i < 5; i++)
        if (in[i] && !(r->copy[i] = dup_or_null(in[i]))) {
            drop_copies(r);
            return ftl_err_set(r->err, FTL_ENOMEM, "out of memory");
        }
    r->e.person_id = b->person_id;
    r->e.employee_no = r->copy[0];
    r->e.name = r->copy[1];
    r->e.category = r->copy[2];
    r->e.channel = r->copy[3];
    r->e.confidence = r->copy[4];
    r->e.strength = tl_ex_strength_name(b->strength);
    r->strength = b->strength;
    r->e.art9 = b->art9;
    r->open = 1;
    return tl_ex_exposure_add(r->c->st, &r->e, &r->id, r->err);
}

static int attrib_index(const char *attrib)
{
    if (!attrib)
        return 0;
    return strcmp(attrib, "id") == 0 ? 3 : strcmp(attrib, "name") == 0 ? 2
                                                                        : 1;
}

/* The row's labels: the strongest of its items'. */
static int raise_labels(struct rows *r, const struct tl_ex_best *b)
{
    int si = b->strength - TL_EX_WEAK;
    char *c;

    si = si < 0 ? 0 : si > 2 ? 2 : si;
    r->t.strength[si]++;
    r->t.confidence[conf_index(b->confidence)]++;
    if (b->strength > r->strength) {
        r->strength = b->strength;
        r->e.strength = tl_ex_strength_name(b->strength);
    }
    if (b->confidence &&
        conf_index(b->confidence) > conf_index(r->e.confidence)) {
        if (!(c = strdup(b->confidence)))
            return FTL_ENOMEM;
        free(r->copy[4]);
        r->e.confidence = r->copy[4] = c;
    }
    return FTL_OK;
}

static void tally(struct rows *r, const struct tl_ex_best *b)
{
    struct an_tally *t = &r->t;

    t->items++;
    t->link[an_link_index(b->link)]++;
    t->attrib[attrib_index(b->attrib)]++;
    if (b->why && strstr(b->why, "flagged"))
        t->flagged++;
    if (b->why && strstr(b->why, "staged"))
        t->staged++;
    if (b->time_desc && strstr(b->time_desc, "before the window"))
        t->clamped++;
    t->corrected |= b->corrected;
    r->e.art9 |= b->art9;
    if (b->has_ts) {
        if (!r->e.has_time || b->ts < r->e.first)
            r->e.first = b->ts;
        if (!r->e.has_time || b->ts > r->e.last)
            r->e.last = b->ts;
        r->e.has_time = 1;
    }
}

static int on_best(const struct tl_ex_best *b, void *payload)
{
    struct rows *r = payload;
    struct tl_ex_item it;
    int rc;

    if (!same_row(r, b) && ((rc = finish(r)) || (rc = start(r, b))))
        return r->rc = rc;
    if (an_reason(&r->text, b))
        return r->rc = ftl_err_set(r->err, FTL_ENOMEM, "out of memory");
    memset(&it, 0, sizeof(it));
    it.exposure_id = r->id;
    it.kind = b->kind;
    it.group_id = b->group_id;
    it.file_id = b->file_id;
    it.doc_id = b->doc_id;
    it.attachment_id = b->attachment_id;
    it.ts = b->ts;
    it.has_ts = b->has_ts;
    it.strength = tl_ex_strength_name(b->strength);
    it.reason = ftl_buf_str(&r->text);
    if ((rc = tl_ex_item_add(r->c->st, &it, r->err)))
        return r->rc = rc;
    if (raise_labels(r, b))
        return r->rc = ftl_err_set(r->err, FTL_ENOMEM, "out of memory");
    tally(r, b);
    return 0;
}

int an_ex_rows(struct an_ctx *c, struct ftl_err *err)
{
    struct rows r;
    int rc;

    memset(&r, 0, sizeof(r));
    r.c = c;
    r.err = err;
    ftl_buf_init(&r.text, 0);
    rc = tl_ex_best_each(c->st, on_best, &r, err);
    if (!rc)
        rc = finish(&r);
    drop_copies(&r);
    ftl_buf_release(&r.text);
    return rc;
}

/* ---- event ids ------------------------------------------------------- */

/* Ids of one item, then of one row (the union of its items'). */
struct idlist {
    int64_t *v;
    size_t n, cap;
};

struct events {
    struct an_ctx *c;
    struct ftl_err *err;
    int64_t item, exposure;    /* being gathered; 0 before the first */
    struct idlist it, ex;
    struct ftl_buf text;
};

static int cmp_id(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

    return (x > y) - (x < y);
}

static int push(struct idlist *l, int64_t id)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 256;
        int64_t *v = realloc(l->v, cap * sizeof(*v));

        if (!v)
            return FTL_ENOMEM;
        l->v = v;
        l->cap = cap;
    }
    l->v[l->n++] = id;
    return FTL_OK;
}

/* Write l's ids, sorted and once each, as the list of item or row id. */
static int put_ids(struct events *e, struct idlist *l, int exposure,
                   int64_t id)
{
    size_t i, k = 0;
    int rc = FTL_OK;

    /* an item's events come in order: sort only what is not */
    for (i = 1; i < l->n && l->v[i - 1] <= l->v[i]; i++)
        ;
    if (i < l->n)
        qsort(l->v, l->n, sizeof(*l->v), cmp_id);
    ftl_buf_reset(&e->text);
    for (i = 0; !rc && i < l->n; i++)
        if ((!i || l->v[i] != l->v[i - 1]) &&
            !(rc = k++ ? ftl_buf_putc(&e->text, ' ') : FTL_OK))
            rc = ftl_buf_put_i64(&e->text, l->v[i]);
    l->n = 0;
    if (rc)
        return ftl_err_set(e->err, FTL_ENOMEM, "out of memory");
    return tl_ex_events_set(e->c->st, exposure, id, ftl_buf_str(&e->text),
                            e->err);
}

static int on_event(int64_t exposure, int64_t item, int64_t event,
                    void *payload)
{
    struct events *e = payload;
    int rc;

    if (item != e->item) {
        if (e->item && (rc = put_ids(e, &e->it, 0, e->item)))
            return rc;
        if (exposure != e->exposure && e->exposure &&
            (rc = put_ids(e, &e->ex, 1, e->exposure)))
            return rc;
        e->item = item;
        e->exposure = exposure;
    }
    if (push(&e->it, event) || push(&e->ex, event))
        return ftl_err_set(e->err, FTL_ENOMEM, "out of memory");
    return 0;
}

int an_ex_events(struct an_ctx *c, struct ftl_err *err)
{
    struct events e;
    int rc;

    memset(&e, 0, sizeof(e));
    e.c = c;
    e.err = err;
    ftl_buf_init(&e.text, 0);
    rc = tl_ex_events_each(c->st, on_event, &e, err);
    if (!rc && e.item)
        rc = put_ids(&e, &e.it, 0, e.item);
    if (!rc && e.exposure)
        rc = put_ids(&e, &e.ex, 1, e.exposure);
    ftl_buf_release(&e.text);
    free(e.it.v);
    free(e.ex.v);
    return rc;
}
