/*
 * analyze/messages.c - one logical message across every record of it
 *
 * The records are the 'messages' rows: a transaction in a mail log, a
 * copy in a mail store.  Two records are the same message when
 *
 *   - they carry the same Message-ID (angle brackets and white space
 *     around it stripped; compared exactly otherwise, as RFC 5322 makes
 *     it an opaque string),
 *   - one handed the message on "queued as" the other's queue id (the
 *     log row of that queue id nearest in time, within a day: queue ids
 *     are reused) or the other's Barracuda id (a gateway answers with
 *     it), or
 *   - they are one Barracuda transaction (same appliance id on the same
 *     host: the same log read twice, a rotated set, a transaction
 *     written early); a Barracuda SEND's Message-ID then joins the
 *     appliance's id to the copies downstream.
 *
 * The relation is closed transitively with a union-find over message
 * ids: an int64 parent per id (8 MB for a million messages) and one byte
 * of link kinds, nothing else per message in memory; the keys stream
 * from SQLite in sorted order, so that equal keys come one after
 * another.  The root of a group is its smallest message id and groups
 * are numbered in the order of their roots, so the numbering does not
 * depend on the order in which links were found.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "analyze/an_int.h"
#include "analyze/groups.h"

/* A "queued as" names a queue id on the next host; queue ids come back
 * after days on a busy server, the hand-over takes seconds (plus any
 * clock difference).  A day keeps the first and excludes the second. */
#define QUEUED_AS_WITHIN (24LL * 3600 * TL_NS_PER_SEC)

struct grouping {
    struct an_ctx *c;
    struct an_grouping *g;     /* what groups.c reads */
    /* the key of the run of equal keys being read, and its first id */
    char *k1, *k2;
    int64_t first;
    int key_bit;
};

/* ---- union-find ------------------------------------------------------ */

static int64_t find(int64_t *parent, int64_t i)
{
    /* path halving: every other node on the way points to its
     * grandparent, so that the trees stay flat without recursion */
    while (parent[i] != i) {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    return i;
}

static int exists(const struct an_grouping *g, int64_t id)
{
    return id > 0 && id <= g->max && g->parent[id] != 0;
}

/* Join the groups of a and b (the smaller root stays the root) and note
 * how both records were linked. */
static void join(struct an_grouping *g, int64_t a, int64_t b, int bit)
{
    int64_t ra, rb;

    if (!exists(g, a) || !exists(g, b) || a == b)
        return;
    g->how[a] |= bit;
    g->how[b] |= bit;
    ra = find(g->parent, a);
    rb = find(g->parent, b);
    if (ra < rb)
        g->parent[rb] = ra;
    else if (rb < ra)
        g->parent[ra] = rb;
}

/* ---- the links --------------------------------------------------------- */

static int same(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static int key_row(const char *k1, const char *k2, int64_t id, void *payload)
{
    struct grouping *w = payload;

    if (w->k1 && same(w->k1, k1) && same(w->k2, k2)) {
        join(w->g, w->first, id, w->key_bit);
        return 0;
    }
    free(w->k1);
    free(w->k2);
    w->k1 = k1 ? strdup(k1) : NULL;
    w->k2 = k2 ? strdup(k2) : NULL;
    w->first = id;
    if ((k1 && !w->k1) || (k2 && !w->k2))
        return ftl_err_set(w->g->err, FTL_ENOMEM, "out of memory");
    return 0;
}

static int join_keys(struct grouping *w, int kind, int bit,
                     struct ftl_err *err)
{
    int rc;

    w->key_bit = bit;
    w->first = 0;
    rc = tl_an_message_keys(w->c->st, kind, key_row, w, err);
    free(w->k1);
    free(w->k2);
    w->k1 = w->k2 = NULL;
    return rc;
}

static int link_row(int64_t msg_id, int64_t other, void *payload)
{
    struct grouping *w = payload;

    join(w->g, msg_id, other, AN_LINK_QUEUED);
    return 0;
}

/* ---- the records ------------------------------------------------------- */

static int mark_row(const struct tl_an_msg *m, void *payload)
{
    struct grouping *w = payload;

    if (m->id <= 0 || m->id > w->g->max)
        return 0;
    w->g->parent[m->id] = m->id;
    if (m->gateway && m->host)
        return an_hosts_add(&w->g->gateways, m->host, w->g->err);
    return 0;
}

static int flag_row(int64_t id, void *payload)
{
    struct grouping *w = payload;

    if (exists(w->g, id))
        w->g->how[id] |= AN_FLAGGED;
    return 0;
}

/* Number the groups in the order of their roots, in place: afterwards
 * parent[id] is minus the group id of message id (0: no such id). */
static void number(struct an_grouping *g)
{
    int64_t i, n = 0;

    for (i = 1; i <= g->max; i++) {
        if (!g->parent[i])
            continue;
        /* a root is its own parent; any other record's root is smaller
         * and so already holds its (negative) group number */
        if (g->parent[i] == i) {
            g->parent[i] = -(++n);
        } else {
            int64_t r = g->parent[i];

            while (r > 0)
                r = g->parent[r];
            g->parent[i] = r;
        }
    }
    g->n_groups = n;
}

static int links(struct grouping *w, struct ftl_err *err)
{
    int rc;

    if ((rc = join_keys(w, TL_AN_KEY_MID, AN_LINK_MID, err)) ||
        (rc = join_keys(w, TL_AN_KEY_GATEWAY, AN_LINK_GATEWAY, err)) ||
        (rc = tl_an_queued_as_each(w->c->st, QUEUED_AS_WITHIN, link_row, w,
                                   err)) ||
        (rc = tl_an_flagged_messages_each(w->c->st, flag_row, w, err)))
        return rc;
    number(w->g);
    return FTL_OK;
}

int an_groups(struct an_ctx *c, struct ftl_err *err)
{
    struct an_grouping g;
    struct grouping w;
    int rc;

    memset(&g, 0, sizeof(g));
    memset(&w, 0, sizeof(w));
    g.c = c;
    g.err = err;
    w.c = c;
    w.g = &g;
    if ((rc = tl_an_message_max(c->st, &g.max, err)))
        return rc;
    g.parent = calloc((size_t)g.max + 1, sizeof(*g.parent));
    g.how = calloc((size_t)g.max + 1, 1);
    if (!g.parent || !g.how) {
        rc = ftl_err_set(err, FTL_ENOMEM, "out of memory for %lld "
                         "messages", (long long)g.max);
        goto out;
    }
    if ((rc = an_hosts_add_all(&g.gateways, c->o->gateways,
                               c->o->n_gateways, err)) ||
        (rc = tl_an_messages_each(c->st, 0, mark_row, &w, err)) ||
        (rc = links(&w, err)) || (rc = an_groups_write(&g, err)))
        goto out;
out:
    an_hosts_release(&g.gateways);
    free(g.parent);
    free(g.how);
    return rc;
}
