/*
 * collectors/maillog/barracuda.c - Barracuda Email Security Gateway
 *
 * The appliance's mail syslog (on the appliance /mail/log/debug and
 * /mail/log/archive/) writes one line per recipient and processing step:
 *
 *   PROCESS[pid]: CLIENT ID START END SERVICE INFO
 *
 * PROCESS is inbound/pass1, inbound/pass2, scan or outbound/smtp; CLIENT
 * is host[ip], unknown[], host[] or a bare address, and is missing on
 * some SEND lines; ID is the appliance's message id
 * ("1382041743-0f8241420001-6AQV5q": the epoch, a hex number, a tag);
 * START and END are epoch seconds (0 on some SEND lines).  SERVICE and
 * INFO:
 *
 *   RECV sender recipient action reason reason-extra
 *        accepted, then blocked at the SMTP stage
 *   SCAN encrypted sender recipient score action reason reason-extra
 *        SZ:size SUBJ:subject            (the subject runs to the end)
 *   SEND encrypted action queue-id response...
 *        a delivery attempt; the response often holds the <Message-ID>
 *
 * Sources: Barracuda Campus, "Syslog and the Barracuda Email Security
 * Gateway" and Solution #00006618 "How can I read the debug/archive smtp
 * logs" (field order, the SCAN/SEND/RECV samples); the Kiwi Syslog
 * "Barracuda Spam Firewall" page (Timestamp Host Process Client-IP
 * Message-ID Start End Service Info); the action and reason code names
 * as listed in elastic/beats x-pack/filebeat/module/barracuda/
 * spamfirewall/config/pipeline.js.  See docs/DESIGN.md.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "collectors/maillog/maillog_int.h"

/* RECV and SCAN actions. */
static const char *const actions[] = {
    "allowed", "aborted", "blocked", "quarantined", "tagged", "deferred",
    "per-user quarantined", "whitelisted", "encrypted", "redirected",
    "attachments stubbed"
};

/* SEND actions, from 1. */
static const char *const send_actions[] = {
    "?", "delivered", "rejected", "deferred", "expired"
};

/* Reason codes and their names. */
static const struct {
    int code;
    const char *name;
} reasons[] = {
    { 1, "Virus" }, { 2, "Banned Attachment" }, { 3, "RBL Match" },
    { 4, "Rate Control" }, { 5, "Too Many Message In Session" },
    { 6, "Timeout Exceeded" }, { 7, "No Such Domain" },
    { 8, "No Such User" }, { 9, "Subject Filter Match" },
    { 11, "Client IP" }, { 12, "Recipient Address" },
    { 13, "No Valid Recipients" }, { 14, "Domain Not Found" },
    { 15, "Sender Address" }, { 17, "Need Fully Qualified Recipient" },
    { 18, "Need Fully Qualified Sender" }, { 19, "Unsupported Command" },
    { 20, "MAIL FROM Syntax Error" }, { 21, "Bad Address Syntax" },
    { 22, "RCPT TO Syntax Error" }, { 23, "Send EHLO/HELO First" },
    { 24, "Need MAIL Command" }, { 25, "Nested MAIL Command" },
    { 27, "EHLO/HELO Syntax Error" }, { 30, "Mail Protocol Violation" },
    { 31, "Score" }, { 34, "Header Filter Match" },
    { 35, "Sender Block/Accept" }, { 36, "Recipient Block/Accept" },
    { 37, "Body Filter Match" }, { 38, "Message Size Bypass" },
    { 39, "Intention Analysis Match" }, { 40, "SPF/Caller-ID" },
    { 41, "Client Host Rejected" }, { 44, "Authentication Not Enabled" },
    { 45, "Allowed Message Size Exceeded" },
    { 46, "Too Many Recipients" }, { 47, "Need RCPT Command" },
    { 48, "DATA Syntax Error" }, { 49, "Internal Error" },
    { 50, "Too Many Hops" }, { 51, "Mail Protocol Error" },
    { 55, "Invalid Parameter Syntax" }, { 56, "STARTTLS Syntax Error" },
    { 57, "TLS Already Active" }, { 58, "Too Many Errors" },
    { 59, "Need STARTTLS First" }, { 60, "Spam Fingerprint Found" },
    { 61, "Barracuda Reputation Whitelist" },
    { 62, "Barracuda Reputation Blocklist" }, { 63, "DomainKeys" },
    { 64, "Recipient Verification Unavailable" },
    { 65, "Realtime Intent" }, { 66, "Client Reverse DNS" },
    { 67, "Email Registry" }, { 68, "Invalid Bounce" },
    { 69, "Intent - Adult" }, { 70, "Intent - Political" },
    { 71, "Multi-Level Intent" }, { 72, "Attachment Limit Exceeded" },
    { 73, "System Busy" }, { 74, "BRTS Intent" },
    { 75, "Per Domain Recipient" }, { 76, "Per Domain Sender" },
    { 77, "Per Domain Client IP" }, { 78, "Sender Spoofed" },
    { 79, "Attachment Content" }, { 80, "Outlook Add-in" },
    { 82, "Barracuda IP/Domain Reputation" },
    { 83, "Authentication Failure" }, { 85, "Attachment Size" },
    { 86, "Virus detected by Extended Malware Protection" },
    { 87, "Extended Malware Protection engine is busy" },
    { 88, "Email Category" }, { 89, "Macro Blocked" },
};

#define NTOK 12

/* Largest epoch second that fits int64 nanoseconds (2262-04-11). */
#define EPOCH_MAX 9223372035LL

/* An epoch field as a number, 0 when absent or out of range: hostile
 * input must not overflow the nanosecond arithmetic. */
static int64_t epoch(const char *s)
{
    int64_t v = col_ml_num(s);

    return v > 0 && v <= EPOCH_MAX ? v : 0;
}

int col_ml_is_barracuda_prog(const char *p)
{
    return strcmp(p, "inbound/pass1") == 0 ||
           strcmp(p, "inbound/pass2") == 0 || strcmp(p, "scan") == 0 ||
           strcmp(p, "outbound/smtp") == 0;
}

static const char *reason_name(int code)
{
    size_t i;

    for (i = 0; i < sizeof(reasons) / sizeof(reasons[0]); i++)
        if (reasons[i].code == code)
            return reasons[i].name;
    return "unknown reason";
}

static int all_digits(const char *s, size_t n)
{
    size_t i;

    if (!n)
        return 0;
    for (i = 0; i < n; i++)
        if (!ml_is_digit((unsigned char)s[i]))
            return 0;
    return 1;
}

/* A message id: at least nine digits (the epoch), then '-'. */
static int is_id(const char *s, size_t n)
{
    size_t d = 0;

    while (d < n && ml_is_digit((unsigned char)s[d]))
        d++;
    return d >= 9 && d < n && s[d] == '-';
}

/* Up to NTOK blank-separated tokens of s: start offsets and lengths. */
static int split(const char *s, const char **t, size_t *n)
{
    int k = 0;

    while (*s && k < NTOK) {
        while (*s == ' ')
            s++;
        if (!*s)
            break;
        t[k] = s;
        n[k] = strcspn(s, " ");
        s += n[k];
        k++;
    }
    return k;
}

/* Where the CLIENT ID START END SERVICE head is: the index of ID in t,
 * or -1 when the line is not of this format. */
static int head(const char **t, const size_t *n, int k)
{
    int i;

    for (i = 0; i <= 1; i++) {
        if (k < i + 4 || !is_id(t[i], n[i]))
            continue;
        if (all_digits(t[i + 1], n[i + 1]) && all_digits(t[i + 2], n[i + 2]))
            return i;
    }
    return -1;
}

int64_t col_ml_barracuda_start(const char *msg)
{
    const char *t[NTOK];
    size_t n[NTOK];
    int k = split(msg, t, n), i = head(t, n, k);

    if (i < 0)
        return 0;
    return epoch(t[i + 1]);
}

/* Client "host[ip]", "unknown[]", "host[]" or a bare address.  Returns
 * FTL_OK or FTL_ENOMEM. */
static int client(struct ml_run *r, struct ml_msg *m, struct ml_checks *ck,
                  const char *c)
{
    const char *lb = strchr(c, '[');
    char *host = NULL, *ip = NULL;

    if (lb) {
        if (lb > c && !(lb - c == 7 && memcmp(c, "unknown", 7) == 0))
            host = col_ml_dup(r, c, (size_t)(lb - c));
        if (lb[1] && lb[1] != ']')
            ip = col_ml_dup(r, lb + 1, strcspn(lb + 1, "]"));
    } else if (strspn(c, "0123456789.:abcdefABCDEF") == strlen(c)) {
        ip = col_ml_dup(r, c, strlen(c));
    } else {
        host = col_ml_dup(r, c, strlen(c));
    }
    col_ml_check(ck, TL_T_IP, "client address", ip);
    if (host && strchr(host, '.'))
        col_ml_check(ck, TL_T_DOMAIN, "client host name", host);
    return col_ml_msg_set(r, m, &m->client, c);
}

/* The "<...@...>" in a SEND response: the Message-ID the next hop
 * acknowledged ("250 2.6.0 <id@host> [InternalId=...] Queued ..."). */
static char *response_mid(struct ml_run *r, const char *s)
{
    const char *p = s, *e;

    while ((p = strchr(p, '<'))) {
        e = strchr(p, '>');
        if (!e)
            return NULL;
        if (memchr(p, '@', (size_t)(e - p)) && !memchr(p, ' ', (size_t)(e - p)))
            return col_ml_dup(r, p + 1, (size_t)(e - p - 1));
        p = e;
    }
    return NULL;
}

/* The events of a line: its start and end epochs when set, else the
 * syslog stamp. */
static int events(struct ml_run *r, struct ml_line *l, struct ml_msg *m,
                  const char *art, const char *text, const char *ts0,
                  size_t n0, const char *ts1, size_t n1)
{
    int64_t s = epoch(ts0), e = epoch(ts1);
    char *raw;
    int rc;

    if (s > 0) {
        raw = col_ml_dup(r, ts0, n0);
        if ((rc = col_ml_event_at(r, l, art, m, text, s * TL_NS_PER_SEC, 0,
                                  "Start Time", raw, 0)) < 0)
            return rc;
        col_ml_msg_seen(m, s * TL_NS_PER_SEC, 0);
    }
    if (e > 0 && e != s) {
        raw = col_ml_dup(r, ts1, n1);
        if ((rc = col_ml_event_at(r, l, art, m, text, e * TL_NS_PER_SEC, 0,
                                  "End Time", raw, 0)) < 0)
            return rc;
        col_ml_msg_seen(m, e * TL_NS_PER_SEC, 0);
    }
    if (s <= 0 && e <= 0) {
        /* (the caller made sure the line has a stamp then) */
        if ((rc = col_ml_event(r, l, art, m, text)) < 0)
            return rc;
        col_ml_msg_seen(m, l->ts, l->flags);
    }
    return FTL_OK;
}

/* A line split into tokens t[0..k); the message id is t[i]. */
struct tokens {
    const char *t[NTOK];
    size_t n[NTOK];
    int k, i;
};

/* "SEND encrypted action queue-id response": a delivery attempt, with
 * the queue id and Message-ID the next hop gave, as links. */
static int send_line(struct ml_run *r, struct ml_line *l, struct ml_msg *m,
                     struct ml_checks *ck, const struct tokens *tk,
                     const char *id)
{
    const char *const *t = tk->t;
    const size_t *n = tk->n;
    int i = tk->i, act = (int)col_ml_num(t[i + 5]), rc;
    const char *what, *qid = col_ml_dup(r, t[i + 6], n[i + 6]), *rest;
    char *mid, *next, *text;

    what = act >= 1 && act <= 4 ? send_actions[act] : "unknown action";
    rest = tk->k > i + 7 ? t[i + 7] : "";
    snprintf(m->status, sizeof(m->status), "%s", what);
    m->has_send = 1;
    if (strcmp(qid, "-") != 0 && (rc = col_ml_msg_set(r, m, &m->queue_id,
                                                      qid)) < 0)
        return rc;
    mid = response_mid(r, rest);
    if (mid && (rc = col_ml_msg_set(r, m, &m->message_id, mid)) < 0)
        return rc;
    text = col_ml_printf(r, "message %s: delivery attempt %s (queue id "
                         "%s, from %s): %s", id, what, qid,
                         m->sender ? m->sender : "?", rest);
    if ((rc = events(r, l, m, "mail:delivery", col_ml_tagged(r, l, text),
                     t[i + 1], n[i + 1], t[i + 2], n[i + 2])) < 0)
        return rc;
    if (mid && (rc = col_ml_msg_link(r, m, "message-id", mid, -1)) < 0)
        return rc;
    if ((next = strstr(rest, "queued as "))) {
        next += 10;
        next = col_ml_dup(r, next, strcspn(next, " )"));
        if (*next &&
            (rc = col_ml_msg_link(r, m, "queued-as", next, -1)) < 0)
            return rc;
    }
    col_ml_checks_run(r, l, m, ck);
    return FTL_OK;
}

/* What a RECV or SCAN line says about a message. */
struct verdict {
    const char *sender, *rcpt;
    char *extra, *subj;        /* NULL when absent */
    int act, reason;
    int64_t size;              /* -1 unknown */
};

/* "RECV sender recipient action reason reason-extra" */
static void recv_fields(struct ml_run *r, const struct tokens *tk,
                        struct verdict *v)
{
    const char *const *t = tk->t;
    int i = tk->i;

    v->sender = col_ml_dup(r, t[i + 4], tk->n[i + 4]);
    v->rcpt = col_ml_dup(r, t[i + 5], tk->n[i + 5]);
    v->act = (int)col_ml_num(t[i + 6]);
    v->reason = (int)col_ml_num(t[i + 7]);
    if (tk->k > i + 8)
        v->extra = col_ml_dup(r, t[i + 8], strlen(t[i + 8]));
}

/* "SCAN encrypted sender recipient score action reason extra SZ:size
 * SUBJ:subject"; the size and subject go to the message. */
static int scan_fields(struct ml_run *r, struct ml_msg *m,
                       const struct tokens *tk, struct verdict *v)
{
    const char *const *t = tk->t;
    const char *rest, *sz;
    int i = tk->i;
    char *s;

    v->sender = col_ml_dup(r, t[i + 5], tk->n[i + 5]);
    v->rcpt = col_ml_dup(r, t[i + 6], tk->n[i + 6]);
    v->act = (int)col_ml_num(t[i + 8]);
    v->reason = (int)col_ml_num(t[i + 9]);
    rest = tk->k > i + 10 ? t[i + 10] : "";
    sz = strstr(rest, "SZ:");
    if (sz && (sz == rest || sz[-1] == ' ')) {
        if (sz > rest)
            v->extra = col_ml_dup(r, rest, (size_t)(sz - 1 - rest));
        v->size = col_ml_num(sz + 3);
        rest = sz;
    } else if (*rest) {
        v->extra = col_ml_dup(r, rest, strcspn(rest, " "));
    }
    if ((s = strstr(rest, "SUBJ:")) || (s = strstr(rest, "Subj:"))) {
        s += 5;
        if (s[-4] == 'u' && *s == ' ')
            s++;             /* "Subj: text" as some relays forward it */
        v->subj = col_ml_dup(r, s, strlen(s));
    }
    if (v->size >= 0)
        m->size = v->size;
    if (v->subj && *v->subj)
        return col_ml_msg_set(r, m, &m->subject, v->subj);
    return FTL_OK;
}

/* A RECV or SCAN verdict: sender, recipient and status of the message,
 * and the event that says it in words. */
static int verdict_line(struct ml_run *r, struct ml_line *l,
                        struct ml_msg *m, struct ml_checks *ck,
                        const struct tokens *tk, const char *id,
                        const struct verdict *v)
{
    const char *act = v->act >= 0 && v->act <= 10 ? actions[v->act]
                                                   : "unknown action";
    int extra = v->extra && strcmp(v->extra, "-"), i = tk->i, rc;
    char *text;

    if (strcmp(v->sender, "-") != 0 &&
        (rc = col_ml_msg_set(r, m, &m->sender, v->sender)) < 0)
        return rc;
    col_ml_msg_rcpt(r, m, v->rcpt);
    if (!m->has_send)
        snprintf(m->status, sizeof(m->status), "%s", act);
    text = col_ml_printf(r, "message %s from %s to %s, client %s: %s "
                         "(reason %d %s%s%s)%s%s%s%s%s", id, v->sender,
                         v->rcpt, m->client ? m->client : "-", act,
                         v->reason, reason_name(v->reason),
                         extra ? ": " : "", extra ? v->extra : "",
                         v->size >= 0 ? ", " : "",
                         v->size >= 0 ? col_ml_printf(r, "%lld bytes",
                                                      (long long)v->size)
                                      : "",
                         v->subj ? ", subject \"" : "",
                         v->subj ? v->subj : "", v->subj ? "\"" : "");
    if ((rc = events(r, l, m, "mail:received", col_ml_tagged(r, l, text),
                     tk->t[i + 1], tk->n[i + 1], tk->t[i + 2],
                     tk->n[i + 2])) < 0)
        return rc;
    if (strchr(v->sender, '@'))
        col_ml_check(ck, TL_T_EMAIL, "sender", v->sender);
    if (strchr(v->rcpt, '@'))
        col_ml_check(ck, TL_T_EMAIL, "recipient", v->rcpt);
    col_ml_check(ck, TL_T_SUBJECT, "subject", v->subj);
    col_ml_checks_run(r, l, m, ck);
    return FTL_OK;
}

/* The service of a line ("RECV", "SCAN", "SEND") with the tokens it
 * needs, or NULL for a line that is not one. */
static const char *service(const struct tokens *tk)
{
    const char *svc;
    int i = tk->i, k = tk->k;

    if (i < 0)
        return NULL;
    svc = tk->t[i + 3];
    if (!((tk->n[i + 3] == 4 && (memcmp(svc, "RECV", 4) == 0 ||
                                 memcmp(svc, "SCAN", 4) == 0 ||
                                 memcmp(svc, "SEND", 4) == 0))))
        return NULL;
    if ((svc[1] == 'E' && svc[2] == 'C' && k < i + 8) ||   /* RECV */
        (svc[1] == 'C' && k < i + 10) ||                   /* SCAN */
        (svc[1] == 'E' && svc[2] == 'N' && k < i + 7))     /* SEND */
        return NULL;
    return svc;
}

int col_ml_barracuda(struct ml_run *r, struct ml_line *l)
{
    struct ml_checks ck = { 0 };
    struct verdict v = { .size = -1 };
    struct tokens tk;
    struct ml_line nol;
    struct ml_msg *m;
    const char *svc;
    char *id;
    int i, rc;

    tk.k = split(l->msg, tk.t, tk.n);
    tk.i = i = head(tk.t, tk.n, tk.k);
    if (!(svc = service(&tk)))
        return FTL_DONE;
    if (!epoch(tk.t[i + 1]) && !epoch(tk.t[i + 2]) && !l->has_ts) {
        /* no time at all: the line is reported, no transaction opened */
        l->why = "no time: neither a syslog stamp nor start/end times";
        return FTL_EPARSE;
    }
    id = col_ml_dup(r, tk.t[i], tk.n[i]);
    /* The transaction's times come from the epochs, not the syslog
     * stamp: open it without the line's time. */
    nol = *l;
    nol.has_ts = 0;
    if (!(m = col_ml_msg(r, ML_BARRACUDA, id, &nol)))
        return r->err->code ? r->err->code : FTL_ERR;
    if (i == 1 &&
        (rc = client(r, m, &ck, col_ml_dup(r, tk.t[0], tk.n[0]))) < 0)
        return rc;
    if (svc[1] == 'E' && svc[2] == 'N')
        return send_line(r, l, m, &ck, &tk, id);
    if (svc[1] == 'E')
        recv_fields(r, &tk, &v);
    else if ((rc = scan_fields(r, m, &tk, &v)) < 0)
        return rc;
    return verdict_line(r, l, m, &ck, &tk, id, &v);
}
