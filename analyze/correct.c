/*
 * analyze/correct.c - the reference clock, and times moved onto it
 *
 * --trust-clock HOST names the reference.  Without it, --correct-clocks
 * takes the clock that timed the most messages with a gateway's (the
 * internal server in the model case): the gateway is the machine the
 * attacker controlled, so its clock is the one in question, not the one
 * to trust.  With --correct-clocks the transit of every group read on
 * another clock is moved onto the reference with the estimate of that
 * pair (transit_raw keeps what the gateway wrote, the note says by how
 * much); with no estimate for the pair nothing is corrected and a
 * warning says so.  Estimates are not chained through a third clock.
 *
 * The analysis' clock, on which the window is derived, is the reference
 * when transit times were moved onto it, else the gateway's (the clock
 * most transit times were read on): the bounds and the transit times
 * they are compared with are then on one clock.  an_clock_frame() moves
 * any other clock's time onto it with the estimates.
 *
 * SPDX-License-Identifier: MIT
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "analyze/clocks.h"
#include "base/buf.h"

void an_clock_name(const char *host, char *out, size_t n)
{
    size_t i = 0, len;

    if (!n)
        return;
    host = host ? host : "";
    /* an IPv4 or IPv6 address is one name: its dots are not labels */
    len = strlen(host);
    if (strspn(host, "0123456789.") != len && !strchr(host, ':'))
        len = strcspn(host, ".");
    for (; i < len && i + 1 < n; i++)
        out[i] = (char)tolower((unsigned char)host[i]);
    out[i] = '\0';
}

/* The pair of x and y in either order, or NULL. */
static struct pair *pair_of(struct clocks *k, const char *x, const char *y)
{
    size_t i;

    for (i = 0; i < k->n; i++)
        if ((strcmp(k->p[i].a, x) == 0 && strcmp(k->p[i].b, y) == 0) ||
            (strcmp(k->p[i].a, y) == 0 && strcmp(k->p[i].b, x) == 0))
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

/* The clock that timed the most messages with a gateway's, ties by
 * name; NULL when none did. */
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

/* Move the transit times read on 'host' (as written) onto the
 * reference clock. */
static int correct_host(struct clocks *k, const char *host)
{
    struct an_ctx *c = k->c;
    char name[256], note[800];
    struct pair *p;
    double off;
    int64_t n;
    int rc;

    an_clock_name(host, name, sizeof(name));
    if (strcmp(name, c->ref_clock) == 0)
        return FTL_OK;
    if (!(p = pair_of(k, name, c->ref_clock))) {
        snprintf(note, sizeof(note), "no message was timed by both %s and "
                 "the reference clock %s: the transit times %s gave are "
                 "not corrected", name, c->ref_clock, host);
        return tl_an_warning_add(c->st, "clock-uncorrected", note, "",
                                 k->err);
    }
    off = strcmp(p->a, name) == 0 ? p->off : -p->off;
    snprintf(note, sizeof(note), "clock-corrected: transit moved onto the "
             "clock of %s, which %s runs %+.3f s ahead of (%s estimate over "
             "%zu message%s, spread %.3f s; clock_offsets row %lld); "
             "transit_raw keeps the time %s wrote", c->ref_clock, name, off,
             p->ab.n && p->ba.n ? "two-way" : "one-way, transit delay "
             "included,", p->ab.n + p->ba.n, p->ab.n + p->ba.n == 1 ? ""
             : "s", p->spread, (long long)p->id, host);
    if ((rc = tl_an_transit_correct(c->st, host, llround(off * TL_NS_PER_SEC),
                                    note, &n, k->err)))
        return rc;
    return tl_an_clock_applied(c->st, p->id, k->err);
}

/* The estimates and the gateway's clock, for an_window(). */
static int hand_over(struct clocks *k)
{
    struct an_ctx *c = k->c;
    const struct tally *best = NULL;
    size_t i;

    if (k->n && !(c->offsets = calloc(k->n, sizeof(*c->offsets))))
        return ftl_err_set(k->err, FTL_ENOMEM, "out of memory");
    for (i = 0; i < k->n; i++) {
        c->offsets[i].off = k->p[i].off;
        if (!(c->offsets[i].a = strdup(k->p[i].a)) ||
            !(c->offsets[i].b = strdup(k->p[i].b))) {
            c->n_offsets = i + 1;
            return ftl_err_set(k->err, FTL_ENOMEM, "out of memory");
        }
    }
    c->n_offsets = k->n;
    for (i = 0; i < k->nt; i++)
        if (!best || k->t[i].n > best->n ||
            (k->t[i].n == best->n && strcmp(k->t[i].name, best->name) < 0))
            best = &k->t[i];
    if (best && !(c->gw_clock = strdup(best->name)))
        return ftl_err_set(k->err, FTL_ENOMEM, "out of memory");
    return FTL_OK;
}

/* "esg.agency.example=esg ...": the hosts whose clock has another name. */
static int record_names(struct clocks *k)
{
    struct ftl_buf b;
    char name[256];
    size_t i;
    int rc = FTL_OK;

    ftl_buf_init(&b, 0);
    for (i = 0; i < k->spelled.n && !rc; i++) {
        an_clock_name(k->spelled.v[i], name, sizeof(name));
        if (strcmp(name, k->spelled.v[i]))
            rc = ftl_buf_printf(&b, "%s%s=%s", b.len ? " " : "",
                                k->spelled.v[i], name);
    }
    if (rc)
        rc = ftl_err_set(k->err, FTL_ENOMEM, "out of memory");
    else if (b.len)
        rc = tl_an_set(k->c->st, "clocks.hosts", ftl_buf_str(&b), k->err);
    if (!rc && k->c->gw_clock)
        rc = tl_an_set(k->c->st, "clocks.gateway", k->c->gw_clock, k->err);
    ftl_buf_release(&b);
    return rc;
}

/* The reference clock, named or derived; *ref NULL when none. */
static int choose(struct clocks *k, char *ref, size_t n, const char **why)
{
    const struct an_opts *o = k->c->o;
    const char *d;

    ref[0] = '\0';
    *why = "given with --trust-clock";
    if (o->trust_clock) {
        an_clock_name(o->trust_clock, ref, n);
        return FTL_OK;
    }
    if (!o->correct_clocks)
        return FTL_OK;
    *why = "the clock that timed the most messages with a gateway's";
    if ((d = derive_ref(k)))
        snprintf(ref, n, "%s", d);
    else
        return tl_an_warning_add(k->c->st, "no-reference-clock", "no clock "
                                 "was paired with a gateway's: nothing to "
                                 "correct the gateway's times to", "",
                                 k->err);
    return FTL_OK;
}

int an_clocks_reference(struct clocks *k)
{
    struct an_ctx *c = k->c;
    const char *why;
    char ref[256], msg[400];
    size_t i;
    int rc;

    if ((rc = hand_over(k)) || (rc = record_names(k)) ||
        (rc = choose(k, ref, sizeof(ref), &why)) || !ref[0])
        return rc;
    if (!(c->ref_clock = strdup(ref)))
        return ftl_err_set(k->err, FTL_ENOMEM, "out of memory");
    if ((rc = tl_an_set(c->st, "clocks.reference", ref, k->err)) ||
        (rc = tl_an_set(c->st, "clocks.reference_origin", why, k->err)))
        return rc;
    for (i = 0; i < k->n; i++)
        if (strcmp(k->p[i].a, ref) == 0 || strcmp(k->p[i].b, ref) == 0)
            break;
    if (i == k->n) {
        snprintf(msg, sizeof(msg), "no message was timed by both the "
                 "reference clock %s and another clock", ref);
        if ((rc = tl_an_warning_add(c->st, "reference-unpaired", msg, "",
                                    k->err)))
            return rc;
    }
    if (!c->o->correct_clocks)
        return FTL_OK;
    c->corrected = 1;
    for (i = 0; i < k->transit.n; i++)
        if ((rc = correct_host(k, k->transit.v[i])))
            return rc;
    return FTL_OK;
}

int an_clock_frame(const struct an_ctx *c, const char *clock, int64_t t,
                   int64_t *out)
{
    const char *frame = c->corrected ? c->ref_clock : c->gw_clock;
    double off;
    size_t i;

    *out = t;
    if (!clock || !frame)
        return -1;
    if (strcmp(clock, frame) == 0)
        return 0;
    for (i = 0; i < c->n_offsets; i++) {
        const struct an_offset *p = &c->offsets[i];

        if (strcmp(p->a, clock) == 0 && strcmp(p->b, frame) == 0)
            off = p->off;
        else if (strcmp(p->b, clock) == 0 && strcmp(p->a, frame) == 0)
            off = -p->off;
        else
            continue;
        *out = t - llround(off * TL_NS_PER_SEC);
        return 1;
    }
    return -1;
}
