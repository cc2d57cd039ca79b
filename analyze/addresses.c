/*
 * analyze/addresses.c - a person's register address on a message that
 * crossed the gateway: their internal communication was exposed
 *
 * The register's addresses (persons.emails, ';'-separated) are sorted
 * once; each sender and recipient of a counted group is looked up by
 * binary search.  An address is compared as its mailbox part: what is
 * inside <...> when there is one ("Jean Dupont <jean@x>"), blanks
 * trimmed, ASCII lower case (the domain is case-blind, and mail systems
 * do not distinguish the local part in practice).  Two register rows
 * with one address are two persons, and both are linked (the register
 * step keeps such rows apart so that the analysis errs towards
 * notifying both).  The link is strong: the address is an identifier.
 * A person is linked to a group once, by the first address seen (the
 * walk gives a group's own addresses first, then its records').
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdlib.h>
#include <string.h>

#include "analyze/ex_int.h"

#define ADDR_MAX 320           /* RFC 5321: 64 + 1 + 255, with room */

struct addr {
    char *addr;
    int64_t person_id;
};

struct an_addrs {
    struct addr *v;
    size_t n, cap;
    int rc;
    /* Persons linked to the group (or stored message) being walked: a
     * group and each of its records repeat the same addresses, one link
     * each is enough. */
    const char *src;           /* a string literal of the walk's SQL */
    int64_t id;
    int64_t *linked;
    size_t nlinked, caplinked;
};

void an_addrs_free(struct an_addrs *a)
{
    size_t i;

    if (!a)
        return;
    for (i = 0; i < a->n; i++)
        free(a->v[i].addr);
    free(a->v);
    free(a->linked);
    free(a);
}

/* The mailbox of one address token s[0..n) into out (ADDR_MAX bytes):
 * 1 when it looks like one (holds '@'), else 0. */
static int mailbox(const char *s, size_t n, char out[ADDR_MAX])
{
    const char *lt = memchr(s, '<', n), *gt;
    size_t i, k = 0;

    if (lt && (gt = memchr(lt, '>', n - (size_t)(lt - s)))) {
        n = (size_t)(gt - lt - 1);
        s = lt + 1;
    }
    while (n && (*s == ' ' || *s == '\t' || *s == '"')) {
        s++;
        n--;
    }
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '"'))
        n--;
    if (!n || n >= ADDR_MAX || !memchr(s, '@', n))
        return 0;
    for (i = 0; i < n; i++)
        out[k++] = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] + 32) : s[i];
    out[k] = '\0';
    return 1;
}

/* Call fn for each address of a list ("a@x;b@y", "A <a@x>, b@y"). */
typedef int (*addr_fn)(const char *addr, void *payload);

static int each_address(const char *list, addr_fn fn, void *payload)
{
    char one[ADDR_MAX];
    const char *p = list;
    int rc;

    while (p && *p) {
        size_t len = strcspn(p, ";,");

        if (mailbox(p, len, one) && (rc = fn(one, payload)))
            return rc;
        p += len;
        p += strspn(p, ";,");
    }
    return 0;
}

struct load {
    struct an_addrs *a;
    int64_t person_id;
};

static int keep(const char *addr, void *payload)
{
    struct load *l = payload;
    struct an_addrs *a = l->a;

    if (a->n == a->cap) {
        size_t cap = a->cap ? a->cap * 2 : 256;
        struct addr *v = realloc(a->v, cap * sizeof(*v));

        if (!v)
            return a->rc = FTL_ENOMEM;
        a->v = v;
        a->cap = cap;
    }
    if (!(a->v[a->n].addr = strdup(addr)))
        return a->rc = FTL_ENOMEM;
    a->v[a->n++].person_id = l->person_id;
    return 0;
}

static int load_person(const struct tl_person *p, void *payload)
{
    struct load *l = payload;

    l->person_id = p->id;
    return each_address(p->emails, keep, l);
}

static int cmp_addr(const void *x, const void *y)
{
    const struct addr *a = x, *b = y;
    int c = strcmp(a->addr, b->addr);

    return c ? c : (a->person_id > b->person_id) - (a->person_id <
                                                    b->person_id);
}

int an_addrs_load(struct an_addrs **out, struct tl_store *st,
                  struct ftl_err *err)
{
    struct load l;
    int rc;

    *out = NULL;
    if (!(l.a = calloc(1, sizeof(*l.a))))
        return ftl_err_set(err, FTL_ENOMEM, "out of memory");
    rc = tl_persons_each(st, load_person, &l, err);
    if (l.a->rc)
        rc = ftl_err_set(err, FTL_ENOMEM, "out of memory");
    if (rc) {
        an_addrs_free(l.a);
        return rc < 0 ? rc : FTL_ERR;
    }
    if (l.a->n)
        qsort(l.a->v, l.a->n, sizeof(*l.a->v), cmp_addr);
    *out = l.a;
    return FTL_OK;
}

/* The first entry of addr in the sorted list, or a->n. */
static size_t first_of(const struct an_addrs *a, const char *addr)
{
    size_t lo = 0, hi = a->n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (strcmp(a->v[mid].addr, addr) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < a->n && strcmp(a->v[lo].addr, addr) == 0 ? lo : a->n;
}

struct link_walk {
    struct an_addrs *a;
    struct tl_store *st;
    struct tl_ex_link l;
    struct ftl_err *err;
};

/* 1 when the person is new for the group (and now noted), 0 when seen,
 * -1 on no memory. */
static int first_for_group(struct an_addrs *a, int64_t person_id)
{
    size_t i;

    for (i = 0; i < a->nlinked; i++)
        if (a->linked[i] == person_id)
            return 0;
    if (a->nlinked == a->caplinked) {
        size_t cap = a->caplinked ? a->caplinked * 2 : 16;
        int64_t *v = realloc(a->linked, cap * sizeof(*v));

        if (!v)
            return -1;
        a->linked = v;
        a->caplinked = cap;
    }
    a->linked[a->nlinked++] = person_id;
    return 1;
}

static int link_address(const char *addr, void *payload)
{
    struct link_walk *w = payload;
    size_t i;
    int rc;

    for (i = first_of(w->a, addr);
         i < w->a->n && strcmp(w->a->v[i].addr, addr) == 0; i++) {
        if ((rc = first_for_group(w->a, w->a->v[i].person_id)) <= 0) {
            if (rc < 0)
                return ftl_err_set(w->err, FTL_ENOMEM, "out of memory");
            continue;
        }
        w->l.person_id = w->a->v[i].person_id;
        w->l.matched = addr;
        if ((rc = tl_ex_link_add(w->st, &w->l, w->err)))
            return rc;
    }
    return 0;
}

int an_addrs_message(struct an_addrs *a, struct tl_store *st,
                     const struct tl_ex_msg *m, struct ftl_err *err)
{
    struct link_walk w;
    int rc;

    if (!a->n)
        return FTL_OK;
    if (m->id != a->id || !a->src || strcmp(m->src, a->src) != 0) {
        a->src = strcmp(m->src, "group") == 0 ? "group" : "message";
        a->id = m->id;
        a->nlinked = 0;
    }
    memset(&w, 0, sizeof(w));
    w.a = a;
    w.st = st;
    w.err = err;
    w.l.src = a->src;
    w.l.src_id = m->id;
    w.l.category = "internal_communication";
    w.l.strength = TL_EX_STRONG;
    w.l.link = "address";
    w.l.field = "sender";
    if ((rc = each_address(m->sender, link_address, &w)))
        return rc;
    w.l.field = "recipient";
    return each_address(m->recipients, link_address, &w);
}
