/*
 * collectors/mailbox/message.c - one message: its row, its hops, its events
 *
 * Per message: a 'messages' row (origin "store") with the sender, every
 * recipient (To, Cc, Bcc, lower-cased, each once), the subject and the
 * first and last times it was seen; a "message-id" link; a 'Sent Time'
 * event from Date:; one 'Recorded Time' event per Received: hop; and for
 * maildir files the delivery time from the file name and the file's
 * modification time.  Indicator checks run on the addresses, the subject
 * and the Received hosts and IPs; a hit anywhere in the message (its
 * attachments too, mime.c) flags the message and its events.
 *
 * SPDX-License-Identifier: MIT
 */
#define _GNU_SOURCE            /* strcasestr */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "collectors/mailbox/mailbox_int.h"

#define HOPS_MAX FTL_LIMIT_MAIL_HOPS

/* One Received: hop. */
struct mbx_hop {
    char from[256];            /* the host that handed the message over */
    char by[256];              /* the host that recorded the hop */
    char ip[64];               /* the [address] after 'from', if any */
    char raw_time[128];
    int64_t ts;
    unsigned flags;
    int has_time;
};

/* What the headers of one message say, as it is recorded. */
struct head {
    int64_t off, hdr_off;      /* where the message and its headers begin */
    char loc[600];             /* its locator */
    const char *sender, *subject, *mid, *raw_date;  /* mbx_clean()ed */
    struct ftl_buf rcpt;       /* every recipient, ';'-separated */
    const char *rcpt_stored;   /* what of them goes into the row, or NULL */
    int64_t date;              /* Date:, when date_ok */
    unsigned dflags;
    int date_ok;
    struct mbx_hop *hops;      /* it->hops, the first nh filled */
    int nh;
    int64_t first, last;       /* earliest and latest hop or delivery */
    /* to free: */
    char *from, *fbuf, *sbuf, *mbuf, *dbuf, *rbuf;
};

/* ------------------------------------------------------------------ */
/* Addresses                                                           */
/* ------------------------------------------------------------------ */

/* Append the lower-cased addresses of 'l' (groups expanded) to 'out',
 * ';'-separated, each once: 'seen' holds those already there. */
static int add_addresses(struct ftl_buf *out, GHashTable *seen,
                         InternetAddressList *l, int depth)
{
    int i, rc, n = l ? internet_address_list_length(l) : 0;

    for (i = 0; i < n; i++) {
        InternetAddress *ia = internet_address_list_get_address(l, i);
        const char *a;
        char *low;

        if (INTERNET_ADDRESS_IS_GROUP(ia)) {
            if (depth < 4 && (rc = add_addresses(out, seen,
                    internet_address_group_get_members(
                        (InternetAddressGroup *)ia), depth + 1)))
                return rc;
            continue;
        }
        if (!INTERNET_ADDRESS_IS_MAILBOX(ia))
            continue;
        a = internet_address_mailbox_get_addr((InternetAddressMailbox *)ia);
        if (!a || !*a)
            continue;
        low = g_ascii_strdown(a, -1);
        if (g_hash_table_contains(seen, low)) {
            g_free(low);
            continue;
        }
        if ((out->len && ftl_buf_putc(out, ';')) || ftl_buf_puts(out, low)) {
            g_free(low);
            return FTL_ENOMEM;
        }
        g_hash_table_add(seen, low);   /* the set owns it */
    }
    return FTL_OK;
}

char *mbx_first_address(InternetAddressList *l, int depth)
{
    int i, n = l ? internet_address_list_length(l) : 0;
    char *a;

    for (i = 0; i < n; i++) {
        InternetAddress *ia = internet_address_list_get_address(l, i);

        if (INTERNET_ADDRESS_IS_GROUP(ia)) {
            if (depth < 4 && (a = mbx_first_address(
                    internet_address_group_get_members(
                        (InternetAddressGroup *)ia), depth + 1)))
                return a;
        } else if (INTERNET_ADDRESS_IS_MAILBOX(ia)) {
            const char *addr = internet_address_mailbox_get_addr(
                (InternetAddressMailbox *)ia);

            if (addr && *addr)
                return g_ascii_strdown(addr, -1);
        }
    }
    return NULL;
}

/* How many bytes of the recipients are stored: all, or past
 * MBX_TEXT_MAX up to the last whole address that fits, which is
 * reported. */
static size_t stored_recipients(struct mbx_item *it, const struct head *h)
{
    const struct ftl_buf *rcpt = &h->rcpt;
    size_t k = MBX_TEXT_MAX;

    if (rcpt->len <= MBX_TEXT_MAX)
        return rcpt->len;
    while (k > 0 && rcpt->p[k] != ';')
        k--;
    mbx_warn_at(it, h->hdr_off, "message at offset %lld: its recipients "
                "take %zu bytes; the first %zu are stored (every address "
                "is checked against the indicators)", (long long)h->off,
                rcpt->len, k);
    return k;
}

/* Sender and recipients: every address is kept for the indicator
 * checks, the stored text is cut. */
static int read_addresses(struct mbx_item *it, GMimeMessage *msg,
                          struct head *h)
{
    static const GMimeAddressType rcpt_types[] = {
        GMIME_ADDRESS_TYPE_TO, GMIME_ADDRESS_TYPE_CC, GMIME_ADDRESS_TYPE_BCC
    };
    GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal,
                                             g_free, NULL);
    size_t i, n_stored;
    int rc = FTL_OK;

    h->from = mbx_first_address(g_mime_message_get_from(msg), 0);
    if (!h->from)
        h->from = mbx_first_address(g_mime_message_get_sender(msg), 0);
    h->sender = mbx_clean(h->from, &h->fbuf);
    for (i = 0; i < 3 && !rc; i++)
        rc = add_addresses(&h->rcpt, seen, g_mime_message_get_addresses(
                           msg, rcpt_types[i]), 0);
    g_hash_table_destroy(seen);
    if (rc)
        return rc;
    if ((n_stored = stored_recipients(it, h)) < h->rcpt.len)
        h->rcpt_stored = h->rbuf = g_strndup(h->rcpt.p, n_stored);
    else if (h->rcpt.len)
        h->rcpt_stored = h->rcpt.p;
    return FTL_OK;
}

/* ------------------------------------------------------------------ */
/* Headers                                                             */
/* ------------------------------------------------------------------ */

/* Headers longer than MBX_TEXT_MAX bytes are reported where they begin
 * (a huge header is odd in itself); those stored as text are cut. */
static void check_headers(struct mbx_item *it, GMimeObject *o)
{
    static const char *const stored[] = { "Subject", "From", "Sender",
                                          "Message-ID", "Date", NULL };
    GMimeHeaderList *hl = g_mime_object_get_header_list(o);
    int i, k, n = hl ? g_mime_header_list_get_count(hl) : 0;

    for (i = 0; i < n; i++) {
        GMimeHeader *h = g_mime_header_list_get_header_at(hl, i);
        const char *raw = g_mime_header_get_raw_value(h);
        const char *name = g_mime_header_get_name(h);
        size_t len = raw ? strlen(raw) : 0;
        char nm[80], cut[64] = "";

        if (len <= MBX_TEXT_MAX)
            continue;
        for (k = 0; stored[k]; k++)
            if (name && !strcasecmp(name, stored[k]))
                snprintf(cut, sizeof(cut), "; at most %d bytes of it are "
                         "stored", MBX_TEXT_MAX);
        mbx_printable(nm, sizeof(nm), name);
        mbx_warn_at(it, g_mime_header_get_offset(h), "message at offset "
                    "%lld: header '%s' is %zu bytes long%s",
                    (long long)it->msg_off, nm, len, cut);
    }
}

/* Date: read, and said when it is no date or has no trusted zone. */
static void read_date(struct mbx_item *it, struct head *h)
{
    char text[200], zone[64];

    if (!h->raw_date)
        return;
    h->date_ok = mbx_date_read(it->ctx->tz, h->raw_date, &h->date,
                               &h->dflags, zone, sizeof(zone)) == 0;
    mbx_printable(text, sizeof(text), h->raw_date);
    g_strstrip(text);
    if (!h->date_ok)
        mbx_warn_at(it, h->hdr_off, "message at offset %lld: Date '%s' is "
                    "not a date; kept as text, no Sent Time event",
                    (long long)h->off, text);
    else if (h->dflags & TL_F_TZ_ASSUMED)
        mbx_warn_at(it, h->hdr_off, "message at offset %lld: Date '%s' has "
                    "no zone that can be trusted ('%s'); read as %s",
                    (long long)h->off, text, zone, mbx_tz_name(it->ctx));
}

/* ------------------------------------------------------------------ */
/* Received: hops                                                      */
/* ------------------------------------------------------------------ */

/* The word after 'word' (at a token start, outside comments). */
static void received_token(const char *v, const char *word, char *out,
                           size_t n)
{
    size_t wl = strlen(word), k;
    int depth = 0;
    const char *p;

    *out = '\0';
    for (p = v; *p; p++) {
        if (*p == '(') {
            depth++;
            continue;
        }
        if (*p == ')') {
            if (depth)
                depth--;
            continue;
        }
        if (depth || (p > v && !isspace((unsigned char)p[-1])))
            continue;
        if (!strncasecmp(p, word, wl) && isspace((unsigned char)p[wl])) {
            p += wl;
            while (isspace((unsigned char)*p))
                p++;
            for (k = 0; p[k] && !isspace((unsigned char)p[k]) &&
                        p[k] != ';' && p[k] != '(' && k < n - 1; k++)
                out[k] = p[k];
            out[k] = '\0';
            return;
        }
    }
}

static void parse_received(const struct mbx_item *it, const char *v,
                           struct mbx_hop *h)
{
    const char *semi = strrchr(v, ';'), *f, *b, *lb, *rb;
    char zone[64];
    size_t n;

    memset(h, 0, sizeof(h[0]));
    received_token(v, "from", h->from, sizeof(h->from));
    received_token(v, "by", h->by, sizeof(h->by));
    /* The connecting address: the first [...] between 'from' and 'by'. */
    f = strcasestr(v, "from ");
    b = strcasestr(v, " by ");
    if (f && (lb = strchr(f, '[')) && (!b || lb < b) &&
        (rb = strchr(lb, ']')) && (size_t)(rb - lb - 1) < sizeof(h->ip)) {
        n = (size_t)(rb - lb - 1);
        memcpy(h->ip, lb + 1, n);
        h->ip[n] = '\0';
        if (!strncasecmp(h->ip, "IPv6:", 5))
            memmove(h->ip, h->ip + 5, strlen(h->ip + 5) + 1);
    }
    if (semi) {
        mbx_printable(h->raw_time, sizeof(h->raw_time), semi + 1);
        g_strstrip(h->raw_time);
        h->has_time = mbx_date_read(it->ctx->tz, semi + 1, &h->ts,
                                    &h->flags, zone, sizeof(zone)) == 0;
    }
}

/* Widen [first, last] to take in 'ts'. */
static void seen_at(struct head *h, int64_t ts)
{
    if (!h->first || ts < h->first)
        h->first = ts;
    if (ts > h->last)
        h->last = ts;
}

/* The Received: hops, topmost (the last one added) first, and the
 * maildir delivery time: when the message was first and last seen. */
static int read_hops(struct mbx_item *it, GMimeObject *o, struct head *h,
                     struct ftl_err *err)
{
    GMimeHeaderList *hl = g_mime_object_get_header_list(o);
    int i, n = hl ? g_mime_header_list_get_count(hl) : 0;

    for (i = 0; i < n && h->nh < HOPS_MAX; i++) {
        GMimeHeader *hd = g_mime_header_list_get_header_at(hl, i);
        const char *v = g_mime_header_get_value(hd);
        struct mbx_hop *hop;

        if (strcasecmp(g_mime_header_get_name(hd), "Received"))
            continue;
        /* allocated once per item: a store of small messages would
         * spend its time zeroing 180 KiB per message */
        if (!it->hops && !(it->hops = malloc(HOPS_MAX * sizeof(*hop))))
            return ftl_err_set(err, FTL_ENOMEM, "out of memory");
        h->hops = it->hops;
        hop = &h->hops[h->nh++];
        parse_received(it, v ? v : "", hop);
        if (hop->has_time)
            seen_at(h, hop->ts);
        else if (hop->raw_time[0])
            mbx_warn_at(it, g_mime_header_get_offset(hd), "message at "
                        "offset %lld: Received: time '%s' is not a date; "
                        "kept as text", (long long)h->off, hop->raw_time);
    }
    if (it->delivered)
        seen_at(h, it->delivered);
    return FTL_OK;
}

/* ------------------------------------------------------------------ */
/* The message: read, recorded, checked, its events                    */
/* ------------------------------------------------------------------ */

/* Read what the headers say (and warn about what is wrong with them),
 * in the order the warnings are to come. */
static int read_head(struct mbx_item *it, GMimeMessage *msg, struct head *h,
                     struct ftl_err *err)
{
    GMimeObject *o = (GMimeObject *)msg;

    if (it->format == MBX_MBOX || it->format == MBX_MMDF)
        snprintf(h->loc, sizeof(h->loc), "offset %lld", (long long)h->off);
    else
        snprintf(h->loc, sizeof(h->loc), "%s", it->base_loc);
    check_headers(it, o);
    if (read_addresses(it, msg, h))
        return ftl_err_set(err, FTL_ENOMEM, "out of memory");
    h->subject = mbx_clean(g_mime_message_get_subject(msg), &h->sbuf);
    h->mid = mbx_clean(g_mime_message_get_message_id(msg), &h->mbuf);
    h->raw_date = mbx_clean(g_mime_object_get_header(o, "Date"), &h->dbuf);
    read_date(it, h);
    return read_hops(it, o, h, err);
}

static void head_release(struct head *h)
{
    g_free(h->from);
    g_free(h->fbuf);
    g_free(h->sbuf);
    g_free(h->mbuf);
    g_free(h->dbuf);
    g_free(h->rbuf);
    ftl_buf_release(&h->rcpt);
}

/* The 'messages' row of the message ('end': where it ends). */
static void message_row(const struct mbx_item *it, const struct head *h,
                        int64_t end, char *client, size_t cn,
                        struct tl_message *tm)
{
    memset(tm, 0, sizeof(*tm));
    tm->evidence_id = it->evid;
    tm->origin = "store";
    tm->message_id = h->mid;
    tm->sender = h->sender;
    tm->recipients = h->rcpt_stored;
    tm->size = end > h->hdr_off && h->hdr_off >= 0 ? end - h->hdr_off : -1;
    tm->subject = h->subject;
    tm->date = h->date_ok ? h->date : 0;
    tm->first_seen = h->first;
    tm->last_seen = h->last;
    if (h->nh) {
        const struct mbx_hop *top = &h->hops[0];

        tm->host = top->by[0] ? top->by : NULL;
        snprintf(client, cn, "%s%s%s%s", top->from, top->ip[0] ? "[" : "",
                 top->ip, top->ip[0] ? "]" : "");
        tm->client = client[0] ? client : NULL;
    }
    tm->locator = h->loc;
}

/* The addresses, the subject and the hops against the indicators. */
static void check_message(struct mbx_msg *m, const struct head *h)
{
    struct mbx_item *it = m->it;
    int i;

    m->hits += col_ioc_check(it->ctx, it->evid, TL_T_EMAIL, "sender",
                             h->sender, h->mid, h->loc, 0, m->msg_id, 0);
    if (h->rcpt.len) {
        char *all = g_strdup(h->rcpt.p), *save = NULL, *a;

        for (a = strtok_r(all, ";", &save); a;
             a = strtok_r(NULL, ";", &save))
            m->hits += col_ioc_check(it->ctx, it->evid, TL_T_EMAIL,
                                     "recipient", a, h->mid, h->loc, 0,
                                     m->msg_id, 0);
        g_free(all);
    }
    m->hits += col_ioc_check(it->ctx, it->evid, TL_T_SUBJECT, "subject",
                             h->subject, h->mid, h->loc, 0, m->msg_id, 0);
    for (i = 0; i < h->nh; i++) {
        char hl_loc[640];

        snprintf(hl_loc, sizeof(hl_loc), "%s received[%d]", h->loc, i + 1);
        m->hits += col_ioc_check(it->ctx, it->evid, TL_T_IP, "received ip",
                                 h->hops[i].ip, h->mid, hl_loc, 0,
                                 m->msg_id, 0);
        m->hits += col_ioc_check(it->ctx, it->evid, TL_T_DOMAIN,
                                 "received host", h->hops[i].from, h->mid,
                                 hl_loc, 0, m->msg_id, 0);
    }
}

/* The events of one message as they are written: one tl_event reused,
 * its message text, the subject as quoted in it. */
struct events {
    struct tl_event ev;
    unsigned flags;            /* TL_F_IOC when the message hit */
    char text[1200];           /* ev.message */
    char subj[240];
};

/* The 'Sent Time' event of Date:. */
static int sent_event(struct mbx_item *it, const struct head *h,
                      struct events *e, struct ftl_err *err)
{
    snprintf(e->text, sizeof(e->text), "Sent: '%s' from %s to %s "
             "[Message-ID <%s>]", e->subj, h->sender ? h->sender : "?",
             h->rcpt.len ? h->rcpt.p : "?", h->mid ? h->mid : "");
    mbx_long_text(e->text);
    e->ev.ts = h->date;
    e->ev.ts_desc = "Sent Time";
    e->ev.artifact = "mail:message";
    e->ev.locator = h->loc;
    e->ev.raw_time = h->raw_date;
    e->ev.flags = e->flags | h->dflags;
    e->ev.tz = (h->dflags & TL_F_TZ_ASSUMED) ? mbx_tz_name(it->ctx) : NULL;
    return col_event(it->ctx, &e->ev, NULL, err);
}

/* One 'Recorded Time' event per Received: hop with a time. */
static int hop_events(struct mbx_item *it, const struct head *h,
                      struct events *e, struct ftl_err *err)
{
    char hl_loc[640];
    int i, rc;

    for (i = 0; i < h->nh; i++) {
        const struct mbx_hop *hop = &h->hops[i];

        if (!hop->has_time)
            continue;
        snprintf(hl_loc, sizeof(hl_loc), "%s received[%d]", h->loc, i + 1);
        snprintf(e->text, sizeof(e->text), "Received by %s from %s%s%s%s "
                 "(hop %d of %d): '%s' [Message-ID <%s>]",
                 hop->by[0] ? hop->by : "?", hop->from[0] ? hop->from : "?",
                 hop->ip[0] ? " [" : "", hop->ip, hop->ip[0] ? "]" : "",
                 i + 1, h->nh, e->subj, h->mid ? h->mid : "");
        mbx_long_text(e->text);
        e->ev.ts = hop->ts;
        e->ev.ts_desc = "Recorded Time";
        e->ev.artifact = "mail:received";
        e->ev.locator = hl_loc;
        e->ev.raw_time = hop->raw_time;
        e->ev.flags = e->flags | hop->flags;
        e->ev.tz = (hop->flags & TL_F_TZ_ASSUMED) ? mbx_tz_name(it->ctx)
                                                  : NULL;
        if ((rc = col_event(it->ctx, &e->ev, NULL, err)) < 0)
            return rc;
    }
    return FTL_OK;
}

/* A maildir file: its delivery time (from its name) and its
 * modification time (place.c writes them, for every place). */
static int maildir_events(struct mbx_item *it, const struct head *h,
                          struct events *e, struct ftl_err *err)
{
    struct mbx_site w;
    struct mbx_about a;

    memset(&w, 0, sizeof(w));
    snprintf(w.base_loc, sizeof(w.base_loc), "%s", it->base_loc);
    w.maildir = it->maildir;
    w.delivered = it->delivered;
    w.mtime = it->mtime;
    a.evid = it->evid;
    a.msg_id = e->ev.msg_id;
    a.subj = e->subj;
    a.sender = h->sender;
    a.mid = h->mid;
    a.flags = e->flags;
    return mbx_site_events(it->ctx, &w, &a, err);
}

/* Every event of the message, flagged when anything in it hit an
 * indicator. */
static int message_events(struct mbx_item *it, const struct head *h,
                          int64_t id, int hits, struct ftl_err *err)
{
    struct events e;
    int rc;

    memset(&e, 0, sizeof(e));
    mbx_printable(e.subj, sizeof(e.subj), h->subject);
    e.flags = hits ? TL_F_IOC : 0;
    e.ev.source = "MAIL";
    e.ev.evidence_id = it->evid;
    e.ev.msg_id = id;
    e.ev.message = e.text;
    if (h->date_ok && (rc = sent_event(it, h, &e, err)) < 0)
        return rc;
    if ((rc = hop_events(it, h, &e, err)) < 0)
        return rc;
    return maildir_events(it, h, &e, err);
}

int mbx_message(struct mbx_item *it, GMimeMessage *msg, int64_t off,
                int64_t hdr_off, int64_t end, struct ftl_err *err)
{
    struct head h;
    struct tl_message tm;
    struct mbx_msg m;
    struct mbx_where w = { 0 };
    char client[400];
    int64_t id = 0;
    int rc;

    memset(&h, 0, sizeof(h));
    h.off = off;
    h.hdr_off = hdr_off;
    if ((rc = read_head(it, msg, &h, err)))
        goto out;
    message_row(it, &h, end, client, sizeof(client), &tm);
    if ((rc = tl_message_add(it->ctx->st, &tm, &id, err)) != FTL_OK) {
        /* FTL_DONE, the same locator twice, cannot happen */
        goto out;
    }
    it->n_msgs++;
    if (h.mid && (rc = tl_message_link(it->ctx->st, it->evid, id,
                                       "message-id", h.mid, 0, err)))
        goto out;
    memset(&m, 0, sizeof(m));
    m.it = it;
    m.msg_id = id;
    m.message_id = h.mid;
    m.loc = h.loc;
    check_message(&m, &h);
    w.src = it->in;
    w.hdr = hdr_off;
    w.end = end;
    if ((rc = mbx_walk_body(&m, g_mime_message_get_mime_part(msg), "", 0,
                            &w, err)) < 0 ||
        (rc = message_events(it, &h, id, m.hits, err)) < 0)
        goto out;
    if (m.hits) {
        tm.flags |= TL_F_IOC;
        rc = tl_message_update(it->ctx->st, id, &tm, err);
    }
out:
    head_release(&h);
    return rc < 0 ? rc : FTL_OK;
}
