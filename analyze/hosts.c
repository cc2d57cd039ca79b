/*
 * analyze/hosts.c - small sorted sets of names (hosts, mail domains)
 *
 * Host and domain names compare without case (RFC 4343), so the set
 * keeps the first spelling it was given and finds the others.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "analyze/groups.h"
#include "base/buf.h"

/* Index of name, or of where it would go (*found 0). */
static size_t place(const struct an_hosts *h, const char *name, int *found)
{
    size_t lo = 0, hi = h->n, mid;
    int c;

    *found = 0;
    while (lo < hi) {
        mid = lo + (hi - lo) / 2;
        c = strcasecmp(h->v[mid], name);
        if (c == 0) {
            *found = 1;
            return mid;
        }
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

int an_hosts_add(struct an_hosts *h, const char *name, struct ftl_err *err)
{
    size_t i;
    int found;
    char *copy;

    if (!name || !*name)
        return FTL_OK;
    i = place(h, name, &found);
    if (found)
        return FTL_OK;
    if (h->n == h->cap) {
        size_t nc = h->cap ? 2 * h->cap : 8;
        char **nv = realloc(h->v, nc * sizeof(*nv));

        if (!nv)
            return ftl_err_set(err, FTL_ENOMEM, "out of memory");
        h->v = nv;
        h->cap = nc;
    }
    if (!(copy = strdup(name)))
        return ftl_err_set(err, FTL_ENOMEM, "out of memory");
    memmove(h->v + i + 1, h->v + i, (h->n - i) * sizeof(*h->v));
    h->v[i] = copy;
    h->n++;
    return FTL_OK;
}

int an_hosts_add_all(struct an_hosts *h, const char *const *names, size_t n,
                     struct ftl_err *err)
{
    size_t i;
    int rc;

    for (i = 0; i < n; i++)
        if ((rc = an_hosts_add(h, names[i], err)))
            return rc;
    return FTL_OK;
}

int an_hosts_has(const struct an_hosts *h, const char *name)
{
    int found = 0;

    if (name && h->n)
        place(h, name, &found);
    return found;
}

char *an_hosts_join(const struct an_hosts *h)
{
    struct ftl_buf b;
    size_t i;

    ftl_buf_init(&b, 0);
    for (i = 0; i < h->n; i++)
        if (ftl_buf_printf(&b, "%s%s", i ? " " : "", h->v[i])) {
            ftl_buf_release(&b);
            return NULL;
        }
    return b.p ? ftl_buf_detach(&b) : strdup("");
}

void an_hosts_release(struct an_hosts *h)
{
    size_t i;

    for (i = 0; i < h->n; i++)
        free(h->v[i]);
    free(h->v);
    memset(h, 0, sizeof(*h));
}
