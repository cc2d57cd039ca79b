/*
 * base/match.c - word matching of many patterns (see base/match.h)
 *
 * SPDX-License-Identifier: MIT
 */
#define _GNU_SOURCE            /* memmem */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/match.h"

/*
 * Exact patterns are found through a hash of their key: the pattern
 * itself when it is one word, its first two words when it has more.  At
 * each word of the text both keys are looked up, the word and the word
 * with the next one, so that "jean dupont" and "jean martin" (20,000
 * persons sharing ten given names) are not in one bucket that every
 * "jean" of the text walks through.
 */
struct pat {
    char *s;                  /* folded pattern, without its '*' */
    size_t len;
    size_t klen;              /* length of its key: one or two words */
    int id;
    int lwild, rwild;         /* '*' at the start / end */
    struct pat *next;
};

struct ftl_matcher {
    struct pat **tab;         /* exact patterns by hash of their key */
    size_t nb;                /* buckets, a power of two */
    size_t n;
    struct pat *wild;         /* patterns with a '*' */
};

static uint64_t fnv(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ULL;
    size_t i;

    for (i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ULL;
    }
    return h;
}

int ftl_matcher_new(struct ftl_matcher **out)
{
    struct ftl_matcher *m = calloc(1, sizeof(*m));

    *out = NULL;
    if (!m || !(m->tab = calloc(64, sizeof(*m->tab)))) {
        free(m);
        return FTL_ENOMEM;
    }
    m->nb = 64;
    *out = m;
    return FTL_OK;
}

static void free_list(struct pat *p)
{
    struct pat *next;

    for (; p; p = next) {
        next = p->next;
        free(p->s);
        free(p);
    }
}

void ftl_matcher_free(struct ftl_matcher *m)
{
    size_t i;

    if (!m)
        return;
    for (i = 0; i < m->nb; i++)
        free_list(m->tab[i]);
    free_list(m->wild);
    free(m->tab);
    free(m);
}

/* Double the table when it is half full. */
static int grow(struct ftl_matcher *m)
{
    struct pat **tab, *p, *next;
    size_t nb = m->nb * 2, i, b;

    if (!(tab = calloc(nb, sizeof(*tab))))
        return FTL_ENOMEM;
    for (i = 0; i < m->nb; i++) {
        for (p = m->tab[i]; p; p = next) {
            next = p->next;
            b = fnv(p->s, p->klen) & (nb - 1);
            p->next = tab[b];
            tab[b] = p;
        }
    }
    free(m->tab);
    m->tab = tab;
    m->nb = nb;
    return FTL_OK;
}

int ftl_matcher_add(struct ftl_matcher *m, const char *norm, int id)
{
    struct pat *p;
    size_t n = strlen(norm), b;
    const char *sp;

    p = calloc(1, sizeof(*p));
    if (!p)
        return FTL_ENOMEM;
    p->lwild = n && norm[0] == '*';
    p->rwild = n > (size_t)p->lwild && norm[n - 1] == '*';
    n -= (size_t)(p->lwild + p->rwild);
    if (!n || !(p->s = strndup(norm + p->lwild, n))) {
        free(p);
        return n ? FTL_ENOMEM : FTL_OK;
    }
    p->len = n;
    p->id = id;
    if (p->lwild || p->rwild) {
        p->next = m->wild;
        m->wild = p;
        return FTL_OK;
    }
    /* The key: up to the end of the second word. */
    p->klen = n;
    if ((sp = memchr(p->s, ' ', n)) != NULL &&
        (sp = memchr(sp + 1, ' ', n - (size_t)(sp + 1 - p->s))) != NULL)
        p->klen = (size_t)(sp - p->s);
    if (m->n * 2 >= m->nb && grow(m) != FTL_OK) {
        free(p->s);
        free(p);
        return FTL_ENOMEM;
    }
    b = fnv(p->s, p->klen) & (m->nb - 1);
    p->next = m->tab[b];
    m->tab[b] = p;
    m->n++;
    return FTL_OK;
}

static int is_sep(char c)
{
    return c == ' ' || c == '\n';
}

/* Report the patterns keyed text[i..i+klen) that match at i. */
static size_t probe(const struct ftl_matcher *m, const char *text, size_t n,
                    size_t i, size_t klen, ftl_match_fn fn, void *payload)
{
    const struct pat *p = m->tab[fnv(text + i, klen) & (m->nb - 1)];
    size_t seen = 0;

    for (; p; p = p->next) {
        seen++;
        if (p->klen != klen || p->len > n - i ||
            memcmp(p->s, text + i, p->len) != 0)
            continue;
        if (i + p->len == n || is_sep(text[i + p->len]))
            fn(p->id, text + i, p->len, payload);
    }
    return seen;
}

size_t ftl_matcher_scan(const struct ftl_matcher *m, const char *text,
                       size_t n, ftl_match_fn fn, void *payload)
{
    const struct pat *p;
    size_t i = 0, j, k, seen = 0;

    while (m->n && i < n) {
        while (i < n && is_sep(text[i]))
            i++;
        if (i >= n)
            break;
        for (j = i; j < n && !is_sep(text[j]); j++)
            ;
        /* One word, then two words when a space (not a break) joins
         * them to a next one. */
        seen += probe(m, text, n, i, j - i, fn, payload);
        if (j + 1 < n && text[j] == ' ' && !is_sep(text[j + 1])) {
            for (k = j + 1; k < n && !is_sep(text[k]); k++)
                ;
            seen += probe(m, text, n, i, k - i, fn, payload);
        }
        i = j;
    }
    for (p = m->wild; p; p = p->next) {
        const char *s = text, *end = text + n, *hit;

        seen++;
        while (s < end &&
               (hit = memmem(s, (size_t)(end - s), p->s, p->len)) != NULL) {
            size_t at = (size_t)(hit - text), e = at + p->len;
            int lok = p->lwild || at == 0 || is_sep(text[at - 1]);
            int rok = p->rwild || e == n || is_sep(text[e]);

            if (lok && rok) {
                /* Report the whole words the pattern fell in. */
                size_t a = at, z = e;

                while (a > 0 && !is_sep(text[a - 1]))
                    a--;
                while (z < n && !is_sep(text[z]))
                    z++;
                fn(p->id, text + a, z - a, payload);
            }
            s = hit + 1;
        }
    }
    return seen;
}
