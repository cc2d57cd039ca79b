/*
 * analyze/groups.c - the rows of the groups messages.c found
 *
 * Per record a message_group_members row: its group, its role, its host
 * and the time it puts on the message by that host's clock.  The roles:
 *
 *   gateway-log      a log line of a gateway host: one that wrote
 *                    Barracuda lines, or one named with --gateway;
 *   server-log       any other host's log;
 *   appliance-store  a stored copy found inside a disk image (the
 *                    appliance's /mail/mstore): ftl takes the disk images
 *                    of a case to be the appliance's, and says so in the
 *                    'analysis' table;
 *   store            any other stored copy (journal, mailboxes).
 *
 * The time of a log record is its first line; of a stored copy, its
 * topmost Received: hop, the one written by the host that stored it (the
 * hops below are other hosts' clocks, the sender's among them).
 *
 * Per group a message_groups row: crossed when a gateway log or the
 * appliance's store holds it; transit = the earliest time the gateway's
 * log gives it, else the appliance's stored copy; direction from the
 * mail domains of the personnel register; flagged when an indicator
 * matched any record, whose events then get TL_F_IOC_MESSAGE.  The
 * envelope sender of a log is preferred to a stored From:, which the
 * sender writes; the subject of a stored copy (decoded) to a log's.
 *
 * SPDX-License-Identifier: MIT
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "analyze/groups.h"
#include "base/buf.h"

/* Recipients kept per group: a log caps its list already; a group of
 * many copies of a mass mailing stops here and says so. */
#define RCPTS_MAX (1u << 20)

/* One group being gathered from its members (which come in order). */
struct agg {
    struct an_grouping *g;
    const struct an_hosts *domains;
    int64_t gid;               /* 0: none open */
    int64_t n;
    char *mid, *sender_log, *sender_store, *subj_log, *subj_store;
    struct ftl_buf rcpts;
    int rcpts_cut, crossed, flagged;
    int64_t gw_ts, ap_ts;
    int has_gw, has_ap;
    char *gw_host, *ap_host;
};

/* ---- members ------------------------------------------------------- */

static const char *role_of(const struct an_grouping *g,
                           const struct tl_an_msg *m)
{
    if (m->origin && strcmp(m->origin, "store") == 0)
        return m->in_disk ? "appliance-store" : "store";
    return an_hosts_has(&g->gateways, m->host) ? "gateway-log"
                                               : "server-log";
}

/* "gateway-id message-id queued-as", the kinds present; NULL: none.
 * Once per record, so without printf. */
static const char *linked_text(unsigned how, char *out, size_t n)
{
    static const struct { unsigned bit; const char *word; } kinds[] = {
        { AN_LINK_GATEWAY, "gateway-id" },
        { AN_LINK_MID, "message-id" },
        { AN_LINK_QUEUED, "queued-as" },
    };
    size_t i, len = 0, w;

    for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
        if (!(how & kinds[i].bit))
            continue;
        w = strlen(kinds[i].word);
        if (len + (len > 0) + w >= n)
            break;
        if (len)
            out[len++] = ' ';
        memcpy(out + len, kinds[i].word, w);
        len += w;
    }
    out[len] = '\0';
    return len ? out : NULL;
}

static int member_row(const struct tl_an_msg *m, void *payload)
{
    struct an_grouping *g = payload;
    struct tl_an_member mm;
    char linked[64];

    if (m->id <= 0 || m->id > g->max || g->parent[m->id] >= 0)
        return 0;
    memset(&mm, 0, sizeof(mm));
    mm.group_id = -g->parent[m->id];
    mm.msg_id = m->id;
    mm.role = role_of(g, m);
    mm.host = m->host;
    if (m->origin && strcmp(m->origin, "store") == 0 && m->has_hop)
        mm.ts = m->hop;
    else
        mm.ts = m->first_seen;
    mm.has_ts = mm.ts != 0;
    mm.linked_by = linked_text(g->how[m->id] & ~AN_FLAGGED, linked,
                               sizeof(linked));
    return tl_an_member_add(g->c->st, &mm, g->err);
}

/* ---- direction --------------------------------------------------------- */

/* 1 when the domain of the address a[0..n) (or a parent domain of it)
 * is one of the register's, 0 when not, -1 when it is no address. */
static int internal(const struct an_hosts *d, const char *a, size_t n)
{
    const char *at = NULL, *p;
    char dom[256];
    size_t i, k;

    for (i = 0; i < n; i++)
        if (a[i] == '@')
            at = a + i;
    if (!at || at + 1 == a + n)
        return -1;
    for (k = 0, p = at + 1; p < a + n && !strchr("> \t;", *p); p++)
        k++;
    if (!k || k >= sizeof(dom))
        return -1;
    memcpy(dom, at + 1, k);
    dom[k] = '\0';
    for (p = dom; p; p = strchr(p, '.') ? strchr(p, '.') + 1 : NULL)
        if (*p && an_hosts_has(d, p))
            return 1;
    return 0;
}

static const char *direction(const struct agg *a, const char *sender,
                             const char *rcpts)
{
    int s, in = 0, out = 0, k;
    const char *p, *e;

    if (!a->domains->n || !sender ||
        (s = internal(a->domains, sender, strlen(sender))) < 0)
        return "unknown";
    for (p = rcpts; p && *p; p = *e ? e + 1 : e) {
        e = p + strcspn(p, ";");
        k = internal(a->domains, p, (size_t)(e - p));
        in += k == 1;
        out += k == 0;
    }
    if (!in && !out)
        return "unknown";
    if (s)
        return out ? "outbound" : "internal";
    return in ? "inbound" : "external";
}

/* ---- gathering a group ------------------------------------------------- */

static int keep(char **field, const char *v, struct ftl_err *err)
{
    if (*field || !v || !*v)
        return FTL_OK;
    if (!(*field = strdup(v)))
        return ftl_err_set(err, FTL_ENOMEM, "out of memory");
    return FTL_OK;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* s after a ';' (none before the first) into b, whole or not at all:
 * FTL_DONE when it would pass b's cap, as ftl_buf_printf() says it.  Once
 * per message row: printf was 3% of an analysis here. */
static int add_joined(struct ftl_buf *b, const char *s)
{
    size_t n = strlen(s), sep = b->len ? 1 : 0;
    int rc;

    if (b->max && (n + sep > b->max || b->len > b->max - n - sep))
        return FTL_DONE;
    if (sep && (rc = ftl_buf_add(b, ";", 1)))
        return rc;
    return ftl_buf_add(b, s, n);
}

/* The recipients gathered, each once, sorted, ';'-separated: into out. */
static int sorted_rcpts(struct agg *a, struct ftl_buf *out)
{
    char *all = a->rcpts.p, **v, *p;
    size_t n = 1, k = 0, i;
    int rc = FTL_OK;

    if (!all)
        return FTL_OK;
    for (p = all; *p; p++)
        n += *p == ';';
    if (!(v = malloc(n * sizeof(*v))))
        return ftl_err_set(a->g->err, FTL_ENOMEM, "out of memory");
    for (p = strtok(all, ";"); p; p = strtok(NULL, ";")) {
        while (isspace((unsigned char)*p))
            p++;
        if (*p)
            v[k++] = p;
    }
    qsort(v, k, sizeof(*v), cmp_str);
    for (i = 0; i < k && !rc; i++)
        if (!i || strcmp(v[i], v[i - 1]))
            rc = add_joined(out, v[i]);
    free(v);
    return rc < 0 ? ftl_err_set(a->g->err, rc, "out of memory") : FTL_OK;
}

static void agg_reset(struct agg *a)
{
    free(a->mid);
    free(a->sender_log);
    free(a->sender_store);
    free(a->subj_log);
    free(a->subj_store);
    free(a->gw_host);
    free(a->ap_host);
    ftl_buf_release(&a->rcpts);
    a->mid = a->sender_log = a->sender_store = NULL;
    a->subj_log = a->subj_store = a->gw_host = a->ap_host = NULL;
    a->gid = a->n = 0;
    a->rcpts_cut = a->crossed = a->flagged = a->has_gw = a->has_ap = 0;
    ftl_buf_init(&a->rcpts, RCPTS_MAX);
}

/* Why the transit is what it is, where that is not plain. */
static int group_note(const struct agg *a, struct ftl_buf *note)
{
    int rc = FTL_OK;

    if (!a->has_gw && a->has_ap)
        rc = ftl_buf_printf(note, "transit from the copy stored on the "
                            "appliance (%s, topmost Received: hop): no "
                            "gateway log line of it", a->ap_host
                            ? a->ap_host : "host unknown");
    else if (a->crossed && !a->has_gw)
        rc = ftl_buf_puts(note, "crossed the gateway, but no record of it "
                          "there has a time");
    if (!rc && a->rcpts_cut)
        rc = ftl_buf_printf(note, "%srecipients cut at %u bytes",
                            note->len ? "; " : "", RCPTS_MAX);
    return rc;
}

static int flush(struct agg *a)
{
    struct tl_an_group gr;
    struct ftl_buf rcpts, note;
    int rc;

    if (!a->gid)
        return FTL_OK;
    ftl_buf_init(&rcpts, 0);
    ftl_buf_init(&note, 0);
    memset(&gr, 0, sizeof(gr));
    gr.id = a->gid;
    gr.message_id = a->mid;
    gr.sender = a->sender_log ? a->sender_log : a->sender_store;
    gr.subject = a->subj_store ? a->subj_store : a->subj_log;
    gr.crossed = a->crossed;
    gr.flagged = a->flagged;
    gr.n_records = a->n;
    gr.has_transit = a->has_gw || a->has_ap;
    gr.transit = a->has_gw ? a->gw_ts : a->ap_ts;
    gr.transit_host = a->has_gw ? a->gw_host : a->has_ap ? a->ap_host : NULL;
    if ((rc = sorted_rcpts(a, &rcpts)) == FTL_OK &&
        (rc = group_note(a, &note)) != FTL_OK)
        rc = ftl_err_set(a->g->err, FTL_ENOMEM, "out of memory");
    if (rc == FTL_OK) {
        gr.recipients = rcpts.p;
        gr.direction = direction(a, gr.sender, rcpts.p);
        gr.note = note.p;
        rc = tl_an_group_add(a->g->c->st, &gr, a->g->err);
    }
    ftl_buf_release(&rcpts);
    ftl_buf_release(&note);
    agg_reset(a);
    return rc;
}

/* The earliest time of a role's members, and its host. */
static int earliest(int64_t *ts, int *has, char **host,
                    const struct tl_an_member *m, struct ftl_err *err)
{
    if (!m->has_ts || (*has && *ts <= m->ts))
        return FTL_OK;
    *ts = m->ts;
    *has = 1;
    free(*host);
    *host = NULL;
    return keep(host, m->host, err);
}

static int add_member(const struct tl_an_member_row *r, void *payload)
{
    struct agg *a = payload;
    const char *role = r->m.role;
    int log = r->origin && strcmp(r->origin, "log") == 0, rc, k;

    if (r->m.group_id != a->gid && (rc = flush(a)))
        return rc;
    a->gid = r->m.group_id;
    a->n++;
    a->flagged |= (a->g->how[r->m.msg_id] & AN_FLAGGED) != 0;
    if ((rc = keep(&a->mid, r->message_id, a->g->err)) ||
        (rc = keep(log ? &a->sender_log : &a->sender_store, r->sender,
                   a->g->err)) ||
        (rc = keep(log ? &a->subj_log : &a->subj_store, r->subject,
                   a->g->err)))
        return rc;
    if (r->recipients && *r->recipients) {
        k = add_joined(&a->rcpts, r->recipients);
        if (k == FTL_DONE)
            a->rcpts_cut = 1;
        else if (k)
            return ftl_err_set(a->g->err, FTL_ENOMEM, "out of memory");
    }
    if (strcmp(role, "gateway-log") == 0) {
        a->crossed = 1;
        return earliest(&a->gw_ts, &a->has_gw, &a->gw_host, &r->m,
                        a->g->err);
    }
    if (strcmp(role, "appliance-store") == 0) {
        a->crossed = 1;
        return earliest(&a->ap_ts, &a->has_ap, &a->ap_host, &r->m,
                        a->g->err);
    }
    return FTL_OK;
}

/* ---- the register's mail domains --------------------------------------- */

struct domains {
    struct an_hosts *d;
    struct ftl_err *err;
};

/* The domain of every address of the person ("a@b;c@d"). */
static int person_domains(const struct tl_person *p, void *payload)
{
    struct domains *w = payload;
    const char *s = p->emails, *e, *at;
    char dom[256];
    size_t n;
    int rc;

    for (; s && *s; s = *e ? e + 1 : e) {
        e = s + strcspn(s, ";");
        for (at = NULL; s < e; s++)
            if (*s == '@')
                at = s;
        if (!at || (n = (size_t)(e - at - 1)) == 0 || n >= sizeof(dom))
            continue;
        memcpy(dom, at + 1, n);
        dom[n] = '\0';
        if ((rc = an_hosts_add(w->d, dom, w->err)))
            return rc;
    }
    return 0;
}

/* ---- the step's rows ------------------------------------------------- */

/* What the grouping assumed, next to its figures. */
static int record(struct an_grouping *g, const struct an_hosts *domains,
                  int64_t flagged_events, struct ftl_err *err)
{
    char *gw = an_hosts_join(&g->gateways), *dom = an_hosts_join(domains);
    char n[32];
    int rc;

    if (!gw || !dom) {
        rc = ftl_err_set(err, FTL_ENOMEM, "out of memory");
        goto out;
    }
    snprintf(n, sizeof(n), "%lld", (long long)flagged_events);
    if ((rc = tl_an_set(g->c->st, "groups.gateway_hosts", gw, err)) ||
        (rc = tl_an_set(g->c->st, "groups.internal_domains", dom, err)) ||
        (rc = tl_an_set(g->c->st, "groups.appliance_store", "a mail store "
                        "found inside a disk image is taken to be the "
                        "appliance's", err)) ||
        (rc = tl_an_set(g->c->st, "count.ioc_message_events", n, err)))
        goto out;
out:
    free(gw);
    free(dom);
    return rc;
}

int an_groups_write(struct an_grouping *g, struct ftl_err *err)
{
    struct an_hosts domains = { 0 };
    struct domains dw = { &domains, err };
    struct agg a;
    int64_t flagged = 0;
    int rc;

    memset(&a, 0, sizeof(a));
    a.g = g;
    a.domains = &domains;
    agg_reset(&a);
    if ((rc = tl_an_messages_each(g->c->st, 1, member_row, g, err)) ||
        (rc = tl_persons_each(g->c->st, person_domains, &dw, err)) ||
        (rc = tl_an_members_each(g->c->st, 0, add_member, &a, err)) ||
        (rc = flush(&a)) ||
        (rc = tl_an_flag_events(g->c->st, &flagged, err)))
        goto out;
    rc = record(g, &domains, flagged, err);
out:
    agg_reset(&a);
    ftl_buf_release(&a.rcpts);
    an_hosts_release(&domains);
    return rc;
}
