/*
 * collectors/maillog/msg.c - open mail transactions, events, indicators
 *
 * A mail log speaks about one message in many lines, often far apart and
 * interleaved with other messages.  Each transaction (a postfix, sendmail
 * or exim queue id, a Barracuda message id) is kept open in a hash table
 * while its lines come by; its 'messages' row is inserted at its first
 * line, so that every event can point to it, and written once more when
 * the log says it is over (postfix "removed", sendmail's last final
 * status, exim "Completed") or at the end of the file.
 *
 * Memory stays bounded: at most ML_OPEN_MAX transactions are open; past
 * that the one idle the longest is written early (a later line of it then
 * starts a new row, as it would after "removed"), and the run says so.
 * The table is open addressing with linear probing and backward-shift
 * deletion, sized once, so it never rehashes.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collectors/maillog/maillog_int.h"

/* One letter per dialect keeps their ids apart in one table. */
static const char fam_letter[ML_FMT_COUNT] = { 'a', 'p', 's', 'e', 'b',
                                               'l' };

/* FNV-1a, 64 bits, of the key "L:id" (L the family's letter): short
 * keys, good spread, no table. */
static uint64_t hash_key(char letter, const char *id)
{
    uint64_t h = 0xcbf29ce484222325ULL;

    h = (h ^ (unsigned char)letter) * 0x100000001b3ULL;
    h = (h ^ (unsigned char)':') * 0x100000001b3ULL;
    while (*id)
        h = (h ^ (unsigned char)*id++) * 0x100000001b3ULL;
    return h;
}

int col_ml_run_init(struct ml_run *r)
{
    r->arena = malloc(ML_ARENA);
    r->slots = calloc(ML_SLOTS, sizeof(*r->slots));
    if (!r->arena || !r->slots) {
        free(r->arena);
        free(r->slots);
        r->arena = NULL;
        r->slots = NULL;
        return ftl_err_set(r->err, FTL_ENOMEM, "out of memory");
    }
    return FTL_OK;
}

/* Free a transaction and what it owns (it must be out of the table). */
static void msg_free(struct ml_msg *m)
{
    free(m->queue_id);
    free(m->gateway_id);
    free(m->message_id);
    free(m->sender);
    free(m->subject);
    free(m->client);
    free(m->host);
    free(m->rcpts.s);
    free(m);
}

void col_ml_msg_drop_all(struct ml_run *r)
{
    struct ml_msg *m, *next;

    for (m = r->head; m; m = next) {
        next = m->next;
        msg_free(m);
    }
    r->head = r->tail = NULL;
    r->nopen = 0;
    r->open_bytes = 0;
    if (r->slots)
        memset(r->slots, 0, ML_SLOTS * sizeof(*r->slots));
}

void col_ml_run_release(struct ml_run *r)
{
    col_ml_msg_drop_all(r);
    free(r->slots);
    free(r->arena);
    r->slots = NULL;
    r->arena = NULL;
}

/* Slot holding the key "letter:id", or the empty slot where it would
 * go.  Ids are compared whole, however long. */
static size_t probe(const struct ml_run *r, char letter, const char *id,
                    uint64_t h)
{
    size_t i = (size_t)h & (ML_SLOTS - 1);
    const struct ml_msg *m;

    while ((m = r->slots[i]) && (m->hash != h || m->key[0] != letter ||
                                 strcmp(m->key + 2, id) != 0))
        i = (i + 1) & (ML_SLOTS - 1);
    return i;
}

/* Empty slot i and pull later entries of the same probe run back, so
 * that lookups never meet a hole before their entry. */
static void slot_remove(struct ml_run *r, size_t i)
{
    size_t j = i, home;

    r->slots[i] = NULL;
    for (;;) {
        j = (j + 1) & (ML_SLOTS - 1);
        if (!r->slots[j])
            return;
        home = (size_t)r->slots[j]->hash & (ML_SLOTS - 1);
        /* keep entry j where it is when its home lies cyclically in
         * (i, j]; otherwise it may move into the hole at i */
        if (i <= j ? (home > i && home <= j) : (home > i || home <= j))
            continue;
        r->slots[i] = r->slots[j];
        r->slots[j] = NULL;
        i = j;
    }
}

/* The LRU list runs from the transaction idle the longest (head) to the
 * one touched last (tail): eviction takes the head, every line moves its
 * transaction to the tail, both in constant time. */
static void lru_unlink(struct ml_run *r, struct ml_msg *m)
{
    if (m->prev)
        m->prev->next = m->next;
    else
        r->head = m->next;
    if (m->next)
        m->next->prev = m->prev;
    else
        r->tail = m->prev;
    m->prev = m->next = NULL;
}

/* Put m at the tail: the most recently active. */
static void lru_append(struct ml_run *r, struct ml_msg *m)
{
    m->prev = r->tail;
    m->next = NULL;
    if (r->tail)
        r->tail->next = m;
    else
        r->head = m;
    r->tail = m;
}

/* Memory of the open transactions, for the bound. */
static void account(struct ml_run *r, struct ml_msg *m, ptrdiff_t delta)
{
    m->bytes += (size_t)delta;
    r->open_bytes += (size_t)delta;
}

void col_ml_msg_seen(struct ml_msg *m, int64_t ts, unsigned flags)
{
    if (!m->first_seen || ts < m->first_seen)
        m->first_seen = ts;
    if (ts > m->last_seen)
        m->last_seen = ts;
    m->flags |= flags & TL_F_YEAR_ESTIMATED;
}

/* The line's time and flags go into the transaction, which becomes the
 * most recently active. */
static void touch(struct ml_run *r, struct ml_msg *m, const struct ml_line *l)
{
    if (l->has_ts)
        col_ml_msg_seen(m, l->ts, l->flags);
    if (r->tail != m) {
        lru_unlink(r, m);
        lru_append(r, m);
    }
}

struct ml_msg *col_ml_msg_find(struct ml_run *r, int fam, const char *id)
{
    char letter = fam_letter[fam];

    return r->slots[probe(r, letter, id, hash_key(letter, id))];
}

struct ml_msg *col_ml_msg(struct ml_run *r, int fam, const char *id,
                          const struct ml_line *l)
{
    struct tl_message tm = { 0 };
    struct ml_msg *m;
    const char *host;
    size_t i, idlen = strlen(id);
    int rc;

    m = col_ml_msg_find(r, fam, id);
    if (m) {
        touch(r, m, l);
        return m;
    }
    while (r->head &&
           (r->nopen >= ML_OPEN_MAX || r->open_bytes >= ML_OPEN_BYTES)) {
        /* Bound reached: write the transaction idle the longest. */
        if (r->n_evicted++ == 0)
            col_warn(r->ctx, r->evid, r->name, l->loc, "more than %d mail "
                     "transactions (or %d MiB of them) open at once: the "
                     "ones idle the longest are written before their end "
                     "(a later line of one of them starts a new messages "
                     "row)", ML_OPEN_MAX, ML_OPEN_BYTES >> 20);
        if (col_ml_msg_close(r, r->head) < 0)
            return NULL;
    }
    if (!(m = calloc(1, sizeof(*m) + idlen + 3))) {
        ftl_err_set(r->err, FTL_ENOMEM, "out of memory");
        return NULL;
    }
    m->key[0] = fam_letter[fam];
    m->key[1] = ':';
    memcpy(m->key + 2, id, idlen + 1);
    m->hash = hash_key(m->key[0], id);
    m->size = m->nrcpt = -1;
    host = l->host ? l->host : r->opts->host;
    if (host && !(m->host = strdup(host)))
        goto nomem;
    if (fam == ML_BARRACUDA) {
        if (!(m->gateway_id = strdup(id)))
            goto nomem;
    } else if (!(m->queue_id = strdup(id))) {
        goto nomem;
    }
    if (l->has_ts) {
        m->first_seen = m->last_seen = l->ts;
        m->flags = l->flags & TL_F_YEAR_ESTIMATED;
    }
    tm.evidence_id = r->evid;
    tm.origin = "log";
    tm.queue_id = m->queue_id;
    tm.gateway_id = m->gateway_id;
    tm.size = -1;
    tm.first_seen = m->first_seen;
    tm.last_seen = m->last_seen;
    tm.host = m->host;
    tm.flags = m->flags;
    /* a queue id may come back later in a long log: the line of its
     * first appearance makes the row unique */
    tm.locator = col_ml_printf(r, "%s %s@%s", fam == ML_BARRACUDA ? "id"
                               : "qid", id, l->loc);
    rc = tl_message_add(r->ctx->st, &tm, &m->id, r->err);
    if (rc != FTL_OK) {
        if (rc == FTL_DONE)
            ftl_err_set(r->err, FTL_EDB, "%s: %s: message row %s twice",
                        r->name, l->loc, tm.locator);
        msg_free(m);
        return NULL;
    }
    i = probe(r, m->key[0], id, m->hash);
    r->slots[i] = m;
    lru_append(r, m);
    r->nopen++;
    r->n_msgs++;
    /* the key, and the id again as queue_id or gateway_id */
    account(r, m, (ptrdiff_t)(sizeof(*m) + 2 * idlen + 4 +
                              (m->host ? strlen(m->host) + 1 : 0)));
    return m;
nomem:
    msg_free(m);
    ftl_err_set(r->err, FTL_ENOMEM, "out of memory");
    return NULL;
}

/* A list cut at its cap says how much is missing rather than pretend to
 * be complete: the note goes at its end, in the list's own memory (the
 * per-line arena may be full when many close at the end of the file). */
static int list_note_dropped(struct ml_run *r, struct ml_list *li)
{
    char note[64];
    size_t n, need;
    char *ns;

    if (!li->dropped)
        return FTL_OK;
    n = (size_t)snprintf(note, sizeof(note), "%s(and %lld more, not kept)",
                         li->len ? ";" : "", (long long)li->dropped);
    need = li->len + n + 1;
    if (need > li->cap) {
        if (!(ns = realloc(li->s, need)))
            return ftl_err_set(r->err, FTL_ENOMEM, "out of memory");
        li->s = ns;
        li->cap = need;
    }
    memcpy(li->s + li->len, note, n + 1);
    li->len += n;
    li->dropped = 0;
    return FTL_OK;
}

int col_ml_msg_close(struct ml_run *r, struct ml_msg *m)
{
    struct tl_message tm = { 0 };
    size_t i;
    int rc;

    rc = list_note_dropped(r, &m->rcpts);
    tm.evidence_id = r->evid;
    tm.origin = "log";
    tm.queue_id = m->queue_id;
    tm.gateway_id = m->gateway_id;
    tm.message_id = m->message_id;
    tm.sender = m->sender;
    tm.recipients = m->rcpts.s;
    tm.size = m->size;
    tm.subject = m->subject;
    tm.status = m->status[0] ? m->status : NULL;
    tm.first_seen = m->first_seen;
    tm.last_seen = m->last_seen;
    tm.host = m->host;
    tm.client = m->client;
    tm.flags = m->flags;
    if (rc == FTL_OK)
        rc = tl_message_update(r->ctx->st, m->id, &tm, r->err);
    /* forgotten even when the update failed: the caller stops anyway */
    i = probe(r, m->key[0], m->key + 2, m->hash);
    if (r->slots[i] == m)
        slot_remove(r, i);
    lru_unlink(r, m);
    r->nopen--;
    r->open_bytes -= m->bytes;
    msg_free(m);
    return rc;
}

int col_ml_msg_close_all(struct ml_run *r)
{
    int rc;

    while (r->head) {
        /* oldest first, so rows are written in the order of the log */
        if ((rc = col_ml_msg_close(r, r->head)) < 0)
            return rc;
    }
    return FTL_OK;
}

int col_ml_msg_set(struct ml_run *r, struct ml_msg *m, char **field,
                   const char *v)
{
    size_t n;
    char *c;

    /* nothing to learn, or already known: no allocation */
    if (!v || !*v || (*field && strcmp(*field, v) == 0))
        return FTL_OK;
    n = strlen(v) + 1;
    if (!(c = malloc(n)))
        return ftl_err_set(r->err, FTL_ENOMEM, "out of memory");
    memcpy(c, v, n);
    if (*field) {
        account(r, m, -(ptrdiff_t)(strlen(*field) + 1));
        free(*field);
    }
    account(r, m, (ptrdiff_t)n);
    *field = c;
    return FTL_OK;
}

/* 1 when the ';'-separated list holds v.  A linear scan: lists are
 * short (recipients of one message) and capped. */
static int list_has(const struct ml_list *li, const char *v, size_t n)
{
    const char *p = li->s, *e;

    if (!p)
        return 0;
    while (p) {
        e = strchr(p, ';');
        if ((size_t)((e ? e : p + strlen(p)) - p) == n &&
            memcmp(p, v, n) == 0)
            return 1;
        p = e ? e + 1 : NULL;
    }
    return 0;
}

/* Append v; returns 1 when added, 0 when already there or dropped. */
static int list_add(struct ml_list *li, const char *v, size_t cap)
{
    size_t n = strlen(v), need;
    char *ns;

    if (!n || list_has(li, v, n))
        return 0;
    need = li->len + (li->len ? 1 : 0) + n + 1;
    if (need > cap) {
        li->dropped++;
        return 0;
    }
    if (need > li->cap) {
        size_t nc = li->cap ? li->cap : 64;

        while (nc < need)
            nc *= 2;
        if (!(ns = realloc(li->s, nc))) {
            li->dropped++;
            return 0;
        }
        li->s = ns;
        li->cap = nc;
    }
    if (li->len)
        li->s[li->len++] = ';';
    memcpy(li->s + li->len, v, n + 1);
    li->len += n;
    return 1;
}

void col_ml_msg_rcpt(struct ml_run *r, struct ml_msg *m, const char *addr)
{
    char *low, *p;
    size_t before;

    if (!addr || !*addr || strcmp(addr, "-") == 0)
        return;
    /* addresses compare without case (the domain part always, the local
     * part in practice), and the column is documented as lower case */
    low = col_ml_dup(r, addr, strlen(addr));
    for (p = low; *p; p++) {
        if (*p >= 'A' && *p <= 'Z')
            *p += 'a' - 'A';
        else if (*p == ';')
            *p = ',';        /* ';' separates the list */
    }
    before = m->rcpts.cap;
    list_add(&m->rcpts, low, ML_RCPTS_MAX);
    account(r, m, (ptrdiff_t)(m->rcpts.cap - before));
}

int col_ml_msg_link(struct ml_run *r, struct ml_msg *m, const char *kind,
                    const char *value, int other_fam)
{
    struct ml_msg *o = NULL;

    /* A link said again (one per recipient line) is ignored by the
     * store, which keeps (msg_id, kind, value) unique. */
    if (!value || !*value)
        return FTL_OK;
    /* the row of the other id, when it is open in this log right now
     * (a content filter re-injects before it answers "queued as") */
    if (other_fam >= 0)
        o = col_ml_msg_find(r, other_fam, value);
    return tl_message_link(r->ctx->st, r->evid, m->id, kind, value,
                           o && o != m ? o->id : 0, r->err);
}

/* Store one event of line l; msg_id 0 for none.  FTL_DONE (the key
 * already there) is no error: with one locator per line it only happens
 * when an item is collected again. */
static int put_event(struct ml_run *r, const struct ml_line *l,
                     const char *artifact, int64_t msg_id, const char *text,
                     int64_t ts, int prec, const char *ts_desc,
                     const char *raw, unsigned flags)
{
    struct tl_event ev = { 0 };

    /* the zone is named only where one was assumed: a stamp with its
     * offset, or an epoch, is exact */
    ev.ts = ts;
    ev.prec = prec;
    ev.ts_desc = ts_desc;
    ev.source = "LOG";
    ev.artifact = artifact;
    ev.evidence_id = r->evid;
    ev.locator = l->loc;
    ev.message = text;
    ev.raw_time = raw;
    ev.tz = flags & TL_F_TZ_ASSUMED ? r->tzname : NULL;
    ev.flags = flags;
    ev.msg_id = msg_id;
    return col_event(r->ctx, &ev, NULL, r->err);
}

int col_ml_event_at(struct ml_run *r, const struct ml_line *l,
                    const char *artifact, struct ml_msg *m,
                    const char *text, int64_t ts, int prec,
                    const char *ts_desc, const char *raw, unsigned flags)
{
    int64_t msg_id = m ? m->id : 0;
    int rc;

    rc = put_event(r, l, artifact, msg_id, text, ts, prec, ts_desc, raw,
                   flags);
    if (rc < 0)
        return rc;
    /* what a following continuation line belongs to */
    r->prev_ok = 1;
    r->prev_ts = ts;
    r->prev_prec = prec;
    r->prev_flags = flags & ~TL_F_IOC;
    r->prev_artifact = artifact;
    r->prev_lineno = l->lineno;
    r->prev_msg_id = msg_id;
    return FTL_OK;
}

int col_ml_continuation(struct ml_run *r, const struct ml_line *l,
                        const char *text)
{
    int rc;

    /* no raw time: the stamp is on the line continued */
    rc = put_event(r, l, r->prev_artifact, r->prev_msg_id, text, r->prev_ts,
                   r->prev_prec, "Recorded Time", NULL, r->prev_flags);
    return rc < 0 ? rc : FTL_OK;
}

int col_ml_event(struct ml_run *r, const struct ml_line *l,
                 const char *artifact, struct ml_msg *m, const char *text)
{
    return col_ml_event_at(r, l, artifact, m, text, l->ts, l->prec,
                           "Recorded Time", l->raw_time, l->flags);
}

void col_ml_ioc(struct ml_run *r, const struct ml_line *l,
                struct ml_msg *m, int target, const char *what,
                const char *value, int64_t attachment_id)
{
    struct col_ctx *ctx = r->ctx;
    int64_t mid = m ? m->id : 0;
    int n = 0;

    /* --no-iocs means no checks at all, the shell-syntax rule included;
     * "-" is the Barracuda's "none" */
    if (!ctx->iocs || !value || !*value || strcmp(value, "-") == 0)
        return;
    /* a subject can carry the exploit's shell text like a file name
     * does, so it gets the name rule too */
    if (target == TL_T_SUBJECT) {
        n = col_ioc_check(ctx, r->evid, TL_T_SUBJECT, what, value, l->text,
                          l->loc, 0, mid, attachment_id);
        n += col_name_check(ctx, r->evid, what, value, l->text, l->loc, 0,
                            mid, attachment_id);
    } else if (target == TL_T_NAME) {
        n = col_name_check(ctx, r->evid, what, value, l->text, l->loc, 0,
                           mid, attachment_id);
    } else {
        n = col_ioc_check(ctx, r->evid, target, what, value, l->text, l->loc,
                          0, mid, attachment_id);
    }
    if (n && m)
        m->flags |= TL_F_IOC;
}

char *col_ml_tagged(struct ml_run *r, const struct ml_line *l,
                    const char *text)
{
    const char *host = l->host ? l->host : "";

    if (l->prog)
        return col_ml_printf(r, "%s%s%s%s%s%s: %s", host, *host ? " " : "",
                             l->prog, l->pid ? "[" : "",
                             l->pid ? l->pid : "", l->pid ? "]" : "", text);
    if (*host)
        return col_ml_printf(r, "%s: %s", host, text);
    return col_ml_printf(r, "%s", text);
}

char *col_ml_raw_text(struct ml_run *r, const struct ml_line *l)
{
    return col_ml_tagged(r, l, l->msg);
}

void col_ml_check(struct ml_checks *ck, int target, const char *what,
                  const char *value)
{
    if (!value || !*value || ck->n >= (int)(sizeof(ck->v) /
                                            sizeof(ck->v[0])))
        return;
    ck->v[ck->n].target = target;
    ck->v[ck->n].what = what;
    ck->v[ck->n].value = value;
    ck->n++;
}

char *col_ml_check_client(struct ml_run *r, struct ml_checks *ck,
                          const char *s, const char *what)
{
    char *host, *ip;

    if (!s || !col_ml_client(r, s, &host, &ip))
        return NULL;
    col_ml_check(ck, TL_T_IP, col_ml_printf(r, "%s address", what), ip);
    if (host && strchr(host, '.'))
        col_ml_check(ck, TL_T_DOMAIN, col_ml_printf(r, "%s host name",
                                                    what), host);
    return col_ml_printf(r, "%s[%s]", host ? host : "unknown", ip);
}

void col_ml_checks_run(struct ml_run *r, const struct ml_line *l,
                       struct ml_msg *m, const struct ml_checks *ck)
{
    int i;

    for (i = 0; i < ck->n; i++)
        col_ml_ioc(r, l, m, ck->v[i].target, ck->v[i].what, ck->v[i].value,
                   0);
}
