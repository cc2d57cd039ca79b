/*
 * analyze/clocks.c - how far apart the clocks of the case run
 *
 * Every host that wrote the time of a record is a clock (messages.host:
 * the host of a log, the host that stored a copy).  A message seen by
 * two hosts S and R, travelling from S to R, gives
 *
 *     t_R - t_S = delay + off(R) - off(S)
 *
 * where off(X) is how far X's clock runs ahead of true time.  For the
 * pair of hosts a < b (by name) and off = off(a) - off(b):
 *
 *     a -> b:  t_b - t_a = delay - off       b -> a:  t_a - t_b = delay + off
 *
 * With messages both ways the delay cancels, as in NTP (RFC 5905 8):
 * off = (median(b->a) - median(a->b)) / 2, assuming the delay is about
 * the same both ways ("two-way").  With one direction only the figure is
 * the offset shifted by the delay ("one-way"), and its note says which
 * way.  Medians, not means: one message held in a queue for an hour
 * must not move the figure.  The spread is half the inter-quartile
 * range (the mean of both directions' for two-way).
 *
 * The way a message travelled between two hosts is not taken from the
 * times (that would assume what is measured) but from the records'
 * roles and the message's direction: inbound mail goes gateway -> server
 * log -> store, outbound server log -> gateway.  Pairs of the same rank
 * (two server logs of one message) and messages of unknown direction
 * say nothing about which clock is ahead and are left out.
 *
 * With --correct-clocks, the transit of every group read on a clock
 * other than the reference is moved onto it (transit_raw keeps what the
 * gateway wrote), with the offset of that pair; without an estimate for
 * the pair nothing is corrected and a warning says so.  Events keep
 * their times.
 *
 * SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "analyze/groups.h"
#include "base/buf.h"

/* Hosts of one message that are paired: a chain of hops has a few. */
#define GROUP_HOSTS 16

struct series {
    int64_t *v;
    size_t n, cap;
};

struct pair {
    char *a, *b;               /* a < b */
    struct series ab, ba;      /* t_R - t_S of messages a->b, b->a */
    double off, spread;
    int64_t id;                /* its clock_offsets row */
};

struct ghost {
    const char *host;          /* borrowed from the row being read */
    char *own;
    int rank;
    int64_t ts;
};

struct clocks {
    struct an_ctx *c;
    struct ftl_err *err;
    struct pair *p;            /* sorted by (a, b) */
    size_t n, cap;
    int64_t gid;
    struct ghost h[GROUP_HOSTS];
    int nh;
    struct an_hosts transit;   /* hosts that give transit times */
    struct an_hosts gateway;   /* hosts of gateway logs */
};

/* ---- series ------------------------------------------------------- */

static int series_add(struct series *s, int64_t v, struct ftl_err *err)
{
    if (s->n == s->cap) {
        size_t nc = s->cap ? 2 * s->cap : 64;
        int64_t *nv = realloc(s->v, nc * sizeof(*nv));

        if (!nv)
            return ftl_err_set(err, FTL_ENOMEM, "out of memory");
        s->v = nv;
        s->cap = nc;
    }
    s->v[s->n++] = v;
    return FTL_OK;
}

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

    return (x > y) - (x < y);
}

/* Quantile p of the sorted series, in seconds (linear between ranks). */
static double quantile(const struct series *s, double p)
{
    double h = p * (double)(s->n - 1), f = floor(h);
    size_t i = (size_t)f;
    double lo = (double)s->v[i] / TL_NS_PER_SEC;

    if (i + 1 >= s->n)
        return lo;
    return lo + (h - f) * ((double)s->v[i + 1] / TL_NS_PER_SEC - lo);
}

static double half_iqr(const struct series *s)
{
    return (quantile(s, 0.75) - quantile(s, 0.25)) / 2;
}

/* ---- pairs ---------------------------------------------------------- */

static int pair_cmp(const struct pair *p, const char *a, const char *b)
{
    int c = strcmp(p->a, a);

    return c ? c : strcmp(p->b, b);
}

/* The pair (a, b), a < b, made when new; NULL on ENOMEM. */
static struct pair *pair_get(struct clocks *k, const char *a, const char *b)
{
    size_t lo = 0, hi = k->n, mid;
    int c;

    while (lo < hi) {
        mid = lo + (hi - lo) / 2;
        c = pair_cmp(&k->p[mid], a, b);
        if (c == 0)
            return &k->p[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (k->n == k->cap) {
        size_t nc = k->cap ? 2 * k->cap : 8;
        struct pair *np = realloc(k->p, nc * sizeof(*np));

        if (!np)
            return NULL;
        k->p = np;
        k->cap = nc;
    }
    memmove(k->p + lo + 1, k->p + lo, (k->n - lo) * sizeof(*k->p));
    memset(&k->p[lo], 0, sizeof(k->p[lo]));
    k->p[lo].a = strdup(a);
    k->p[lo].b = strdup(b);
    k->n++;
    if (!k->p[lo].a || !k->p[lo].b)
        return NULL;
    return &k->p[lo];
}

/* Where a record stands on its message's way (lower: earlier), or -1
 * when that cannot be told. */
static int rank(const char *role, const char *dir)
{
    int gw = strcmp(role, "gateway-log") == 0 ||
             strcmp(role, "appliance-store") == 0;
    int srv = strcmp(role, "server-log") == 0;

    if (!dir)
        return -1;
    if (strcmp(dir, "inbound") == 0 || strcmp(dir, "external") == 0)
        return gw ? 0 : srv ? 1 : 2;
    if (strcmp(dir, "outbound") == 0)
        return srv ? 0 : gw ? 1 : -1;
    if (strcmp(dir, "internal") == 0)
        return srv ? 0 : gw ? -1 : 1;
    return -1;
}

/* The pairs of the group read so far. */
static int flush(struct clocks *k)
{
    int i, j, rc = FTL_OK;

    for (i = 0; i < k->nh && !rc; i++) {
        for (j = i + 1; j < k->nh && !rc; j++) {
            const struct ghost *s = &k->h[i], *r = &k->h[j], *t;
            struct pair *p;
            int64_t d;

            if (s->rank == r->rank || strcmp(s->host, r->host) == 0)
                continue;
            if (s->rank > r->rank) {
                t = s;
                s = r;
                r = t;
            }
            if (__builtin_sub_overflow(r->ts, s->ts, &d))
                continue;              /* times 300 years apart */
            if (strcmp(s->host, r->host) < 0)
                p = pair_get(k, s->host, r->host);
            else
                p = pair_get(k, r->host, s->host);
            if (!p)
                return ftl_err_set(k->err, FTL_ENOMEM, "out of memory");
            rc = series_add(strcmp(p->a, s->host) == 0 ? &p->ab : &p->ba, d,
                            k->err);
        }
    }
    for (i = 0; i < k->nh; i++)
        free(k->h[i].own);
    k->nh = 0;
    return rc;
}

/* Keep the member's host with its earliest time at its lowest rank. */
static int add_host(struct clocks *k, const struct tl_an_member *m, int r)
{
    int i;

    for (i = 0; i < k->nh; i++) {
        struct ghost *h = &k->h[i];

        if (strcmp(h->host, m->host))
            continue;
        if (r < h->rank || (r == h->rank && m->ts < h->ts)) {
            h->rank = r;
            h->ts = m->ts;
        }
        return FTL_OK;
    }
    if (k->nh == GROUP_HOSTS)
        return FTL_OK;
    if (!(k->h[k->nh].own = strdup(m->host)))
        return ftl_err_set(k->err, FTL_ENOMEM, "out of memory");
    k->h[k->nh].host = k->h[k->nh].own;
    k->h[k->nh].rank = r;
    k->h[k->nh].ts = m->ts;
    k->nh++;
    return FTL_OK;
}

static int member_row(const struct tl_an_member_row *row, void *payload)
{
    struct clocks *k = payload;
    const struct tl_an_member *m = &row->m;
    int r, rc;

    if (m->group_id != k->gid && (rc = flush(k)))
        return rc;
    k->gid = m->group_id;
    if (!m->host)
        return 0;
    if (strcmp(m->role, "gateway-log") == 0 &&
        (rc = an_hosts_add(&k->gateway, m->host, k->err)))
        return rc;
    if ((strcmp(m->role, "gateway-log") == 0 ||
         strcmp(m->role, "appliance-store") == 0) &&
        (rc = an_hosts_add(&k->transit, m->host, k->err)))
        return rc;
    r = rank(m->role, row->direction);
    if (r < 0 || !m->has_ts)
        return 0;
    return add_host(k, m, r);
}

/* ---- estimates ------------------------------------------------------ */

/* The offset of one pair, its row's method and note. */
static int estimate(struct clocks *k, struct pair *p)
{
    struct tl_an_clock row;
    char note[600];
    double mab = 0, mba = 0;

    if (p->ab.n) {
        qsort(p->ab.v, p->ab.n, sizeof(int64_t), cmp_i64);
        mab = quantile(&p->ab, 0.5);
    }
    if (p->ba.n) {
        qsort(p->ba.v, p->ba.n, sizeof(int64_t), cmp_i64);
        mba = quantile(&p->ba, 0.5);
    }
    memset(&row, 0, sizeof(row));
    row.host_a = p->a;
    row.host_b = p->b;
    row.pairs = (int64_t)(p->ab.n + p->ba.n);
    if (p->ab.n && p->ba.n) {
        p->off = (mba - mab) / 2;
        p->spread = (half_iqr(&p->ab) + half_iqr(&p->ba)) / 2;
        row.method = "two-way";
        snprintf(note, sizeof(note), "%zu message%s from %s to %s "
                 "(arrival minus departure by the two clocks: median %.3f "
                 "s), %zu from %s to %s (median %.3f s): transit delay "
                 "about %.3f s, taken to be the same both ways", p->ab.n,
                 p->ab.n == 1 ? "" : "s", p->a, p->b, mab, p->ba.n, p->b,
                 p->a, mba, (mab + mba) / 2);
    } else if (p->ab.n) {
        p->off = -mab;
        p->spread = half_iqr(&p->ab);
        row.method = "one-way";
        snprintf(note, sizeof(note), "one-way: all %zu message%s went from "
                 "%s to %s, so the figure includes the transit delay: %s "
                 "is ahead of %s by this much plus the delay", p->ab.n,
                 p->ab.n == 1 ? "" : "s", p->a, p->b, p->a, p->b);
    } else {
        p->off = mba;
        p->spread = half_iqr(&p->ba);
        row.method = "one-way";
        snprintf(note, sizeof(note), "one-way: all %zu message%s went from "
                 "%s to %s, so the figure includes the transit delay: %s "
                 "is ahead of %s by this much minus the delay", p->ba.n,
                 p->ba.n == 1 ? "" : "s", p->b, p->a, p->a, p->b);
    }
    row.offset_seconds = p->off;
    row.spread_seconds = p->spread;
    row.note = note;
    return tl_an_clock_add(k->c->st, &row, &p->id, k->err);
}

/* ---- the reference and the correction ---------------------------------- */

/* The pair of x and y in either order (names without case), or NULL. */
static struct pair *pair_of(struct clocks *k, const char *x, const char *y)
{
    size_t i;

    for (i = 0; i < k->n; i++)
        if ((strcasecmp(k->p[i].a, x) == 0 && strcasecmp(k->p[i].b, y) == 0)
            || (strcasecmp(k->p[i].a, y) == 0 &&
                strcasecmp(k->p[i].b, x) == 0))
            return &k->p[i];
    return NULL;
}

/* The messages a pair timed, when exactly one of its clocks is a
 * gateway's and the other is 'h'; else 0. */
static int64_t with_gateway(const struct clocks *k, const struct pair *p,
                            const char *h)
{
    int ga = an_hosts_has(&k->gateway, p->a);
    int gb = an_hosts_has(&k->gateway, p->b);

    if (ga == gb || strcmp(ga ? p->b : p->a, h) != 0)
        return 0;
    return (int64_t)(p->ab.n + p->ba.n);
}

/* Without --trust-clock: the clock that timed the most messages with
 * a gateway's (the internal server, in the model case), ties by name.
 * The gateway is the machine the attacker controlled; its clock is the
 * one in question, not the one to trust. */
static const char *derive_ref(const struct clocks *k)
{
    const char *best = NULL, *h;
    int64_t best_n = 0, n;
    size_t i, j, side;

    for (i = 0; i < k->n; i++) {
        for (side = 0; side < 2; side++) {
            h = side ? k->p[i].b : k->p[i].a;
            if (an_hosts_has(&k->gateway, h))
                continue;
            for (n = 0, j = 0; j < k->n; j++)
                n += with_gateway(k, &k->p[j], h);
            if (n > best_n || (n && n == best_n && strcmp(h, best) < 0)) {
                best = h;
                best_n = n;
            }
        }
    }
    return best;
}

static int shift_add(struct an_ctx *c, const char *host, int64_t shift,
                     struct ftl_err *err)
{
    struct an_shift *ns = realloc(c->shifts,
                                  (c->n_shifts + 1) * sizeof(*ns));

    if (!ns)
        return ftl_err_set(err, FTL_ENOMEM, "out of memory");
    c->shifts = ns;
    if (!(ns[c->n_shifts].host = strdup(host)))
        return ftl_err_set(err, FTL_ENOMEM, "out of memory");
    ns[c->n_shifts++].shift = shift;
    return FTL_OK;
}

/* Move the transit times read on 'host' onto the reference clock. */
static int correct_host(struct clocks *k, const char *host)
{
    struct an_ctx *c = k->c;
    struct pair *p = pair_of(k, host, c->ref_clock);
    char note[700];
    double off;
    int64_t shift, n;
    int rc;

    if (!p) {
        snprintf(note, sizeof(note), "no message was timed by both %s and "
                 "the reference clock %s: the transit times %s gave are "
                 "not corrected", host, c->ref_clock, host);
        return tl_an_warning_add(c->st, "clock-uncorrected", note, "",
                                 k->err);
    }
    off = strcasecmp(p->a, host) == 0 ? p->off : -p->off;
    shift = llround(off * TL_NS_PER_SEC);
    snprintf(note, sizeof(note), "clock-corrected: transit moved onto the "
             "clock of %s, which %s runs %+.3f s ahead of (%s estimate over "
             "%zu message%s, spread %.3f s; clock_offsets row %lld); "
             "transit_raw keeps the time %s wrote", c->ref_clock, host, off,
             p->ab.n && p->ba.n ? "two-way" : "one-way, transit delay "
             "included,", p->ab.n + p->ba.n, p->ab.n + p->ba.n == 1 ? ""
             : "s", p->spread, (long long)p->id, host);
    if ((rc = tl_an_transit_correct(c->st, host, shift, note, &n, k->err)) ||
        (rc = tl_an_clock_applied(c->st, p->id, k->err)))
        return rc;
    return shift_add(c, host, shift, k->err);
}

static int reference(struct clocks *k)
{
    struct an_ctx *c = k->c;
    const char *ref = c->o->trust_clock, *origin = "given with --trust-clock";
    char msg[400];
    size_t i;
    int rc;

    if (!ref && c->o->correct_clocks) {
        ref = derive_ref(k);
        origin = "the clock that timed the most messages with a gateway's";
    }
    if (!ref) {
        if (!c->o->correct_clocks)
            return FTL_OK;
        return tl_an_warning_add(c->st, "no-reference-clock", "no clock "
                                 "was paired with a gateway's: nothing to "
                                 "correct the gateway's times to", "",
                                 k->err);
    }
    if (!(c->ref_clock = strdup(ref)))
        return ftl_err_set(k->err, FTL_ENOMEM, "out of memory");
    if ((rc = tl_an_set(c->st, "clocks.reference", ref, k->err)) ||
        (rc = tl_an_set(c->st, "clocks.reference_origin", origin, k->err)))
        return rc;
    for (i = 0; i < k->n; i++)
        if (strcasecmp(k->p[i].a, ref) == 0 || strcasecmp(k->p[i].b, ref) == 0)
            break;
    if (i == k->n) {
        snprintf(msg, sizeof(msg), "no message was timed by both the "
                 "reference clock %s and another clock", ref);
        if ((rc = tl_an_warning_add(c->st, "reference-unpaired", msg, "",
                                    k->err)))
            return rc;
    }
    for (i = 0; c->o->correct_clocks && i < k->transit.n; i++)
        if (strcasecmp(k->transit.v[i], ref) != 0 &&
            (rc = correct_host(k, k->transit.v[i])))
            return rc;
    return FTL_OK;
}

static void clocks_release(struct clocks *k)
{
    size_t i;

    for (i = 0; i < k->n; i++) {
        free(k->p[i].a);
        free(k->p[i].b);
        free(k->p[i].ab.v);
        free(k->p[i].ba.v);
    }
    free(k->p);
    for (i = 0; i < (size_t)k->nh; i++)
        free(k->h[i].own);
    an_hosts_release(&k->transit);
    an_hosts_release(&k->gateway);
}

int an_clocks(struct an_ctx *c, struct ftl_err *err)
{
    struct clocks k;
    size_t i;
    int rc;

    memset(&k, 0, sizeof(k));
    k.c = c;
    k.err = err;
    if ((rc = tl_an_members_each(c->st, 1, member_row, &k, err)) ||
        (rc = flush(&k)))
        goto out;
    for (i = 0; i < k.n; i++)
        if ((rc = estimate(&k, &k.p[i])))
            goto out;
    rc = reference(&k);
out:
    clocks_release(&k);
    return rc;
}
