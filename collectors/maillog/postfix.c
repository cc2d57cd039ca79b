/*
 * collectors/maillog/postfix.c - postfix lines
 *
 * What postfix writes, daemon by daemon (postfix(1) man pages and the
 * sources' log formats, e.g. src/smtpd/smtpd.c, src/qmgr/qmgr_active.c,
 * src/global/log_adhoc.c, src/cleanup/cleanup_milter.c):
 *
 *   smtpd       connect from host[ip] / disconnect from host[ip] ...
 *               QID: client=host[ip][, sasl_method=M, sasl_username=U]
 *               NOQUEUE: reject: RCPT from host[ip]: 554 ...; from=<s>
 *                   to=<r> proto=ESMTP helo=<h>
 *   pickup      QID: uid=N from=<s>
 *   cleanup     QID: message-id=<id>
 *               QID: info|warning|reject|...: header Subject: ... from
 *                   host[ip]; from=<s> to=<r> proto=... helo=<h>
 *   qmgr        QID: from=<s>, size=N, nrcpt=N (queue active)
 *               QID: removed
 *   smtp, lmtp, local, virtual, pipe, error, any NAME/smtp (a content
 *   filter's own service name, e.g. amavis/smtp):
 *               QID: to=<r>, [orig_to=<o>,] relay=h[ip]:port, delay=D,
 *                   delays=a/b/c/d, dsn=X.Y.Z, status=WORD (text)
 *               where text often says "queued as QID2": the next queue
 *               id of the same message (a content filter, a relay)
 *   bounce      QID: sender non-delivery notification: QID2
 *
 * A queue id is uppercase hexadecimal (short ids) or, with
 * enable_long_queue_ids, letters and digits without vowels.
 *
 * SPDX-License-Identifier: MIT
 */
#define _GNU_SOURCE            /* strcasestr */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "collectors/maillog/maillog_int.h"

static const char *const daemons[] = {
    "smtpd", "smtp", "lmtp", "local", "virtual", "pipe", "error", "retry",
    "discard", "qmgr", "oqmgr", "cleanup", "pickup", "bounce", "defer",
    "trace", "postscreen", "anvil", "master", "trivial-rewrite", "scache",
    "tlsmgr", "tlsproxy", "verify", "dnsblog", "sendmail", "postdrop",
    "postqueue", "postsuper", "postfix-script", "postmap", "proxymap",
    "showq", "flush", "spawn", "qmqpd", "postlog", NULL
};

/* What smtpd, postscreen and the smtp client say about connections. */
static const char *const connect_phrases[] = {
    "connect from ", "disconnect from ", "lost connection after ",
    "timeout after ", "too many errors after ", "connect to ",
    "TLS connection established", "setting up TLS connection",
    "Anonymous TLS connection", "Trusted TLS connection",
    "Untrusted TLS connection", "Verified TLS connection",
    "improper command pipelining", "SSL_accept error",
    "CONNECT from ", "DISCONNECT ", "PASS NEW ", "PASS OLD ", "PREGREET ",
    "HANGUP ", "DNSBL rank ", "WHITELISTED ", "BLACKLISTED ",
    "ALLOWLISTED ", "DENYLISTED ", "COMMAND PIPELINING ",
    "COMMAND COUNT LIMIT ", "COMMAND TIME LIMIT ", "COMMAND LENGTH LIMIT ",
    "NON-SMTP COMMAND ", "BARE NEWLINE ", "warning: hostname ", NULL
};

int col_ml_postfix_daemon(const char *name)
{
    int i;

    for (i = 0; daemons[i]; i++)
        if (strcmp(daemons[i], name) == 0)
            return 1;
    return 0;
}

/* Length of the queue id that starts s and is followed by ": ", or 0. */
static size_t qid_len(const char *s)
{
    size_t n = 0;
    int hex = 1, vowel = 0;

    while (ml_is_alnum((unsigned char)s[n])) {
        char c = s[n];

        if (!(ml_is_digit(c) || (c >= 'A' && c <= 'F')))
            hex = 0;
        if (strchr("AEIOUaeiou", c))
            vowel = 1;
        n++;
    }
    if (s[n] != ':' || s[n + 1] != ' ')
        return 0;
    if (hex && n >= 6 && n <= 20)
        return n;
    if (!vowel && n >= 10 && n <= 32)
        return n;
    return 0;
}

/* The queue id that follows "queued as " in text, or NULL. */
static char *queued_as(struct ml_run *r, const char *text)
{
    const char *p = text ? strstr(text, "queued as ") : NULL;
    size_t n = 0;

    if (!p)
        return NULL;
    p += 10;
    while (ml_is_alnum((unsigned char)p[n]))
        n++;
    return n >= 5 ? col_ml_dup(r, p, n) : NULL;
}

/* The "(text)" after "status=WORD ": everything to the last ')'. */
static char *status_text(struct ml_run *r, const char *rest)
{
    const char *p = strstr(rest, "status="), *o, *c;

    if (!p || !(o = strchr(p, '(')))
        return NULL;
    c = strrchr(o, ')');
    if (!c || c < o)
        c = o + strlen(o);
    return col_ml_dup(r, o + 1, (size_t)(c - o - 1));
}

/* name= / filename= parameter of a MIME header text, or NULL. */
static char *mime_name(struct ml_run *r, const char *h, const char *param)
{
    const char *p = h, *v, *e;
    size_t n = strlen(param);

    while ((p = strcasestr(p, param))) {
        /* a parameter starts after ';' or blank: not "filename=" when
         * looking for "name=" */
        if (p > h && (p[-1] == ';' || p[-1] == ' ' || p[-1] == '\t')) {
            v = p + n;
            if (*v == '"') {
                v++;
                e = strchr(v, '"');
                if (!e)
                    e = v + strlen(v);
            } else {
                e = v + strcspn(v, "; \t");
            }
            return col_ml_dup(r, v, (size_t)(e - v));
        }
        p += n;
    }
    return NULL;
}

/*
 * A header or body check line of cleanup or smtpd:
 *   ACTION: header NAME: VALUE from host[ip]; from=<s> to=<r> proto=P
 *       helo=<h>[: optional text]
 * Picks the subject and attachment names (Content-Type name=,
 * Content-Disposition filename=) and queues the client and addresses.
 * The value may itself hold " from ", so the client part is the last
 * " from " before the last "; from=<".
 */
static void header_check(struct ml_run *r, struct ml_msg *m,
                         const char *rest, struct ml_checks *ck,
                         char **names, int *nnames)
{
    const char *h = strchr(rest, ':'), *tail, *p, *vend;
    char *hdr, *colon, *v;

    if (!h)
        return;
    h++;
    while (*h == ' ')
        h++;
    if (col_ml_starts(h, "header "))
        h += 7;
    else if (col_ml_starts(h, "body "))
        h += 5;
    else
        return;
    tail = NULL;
    for (p = h; (p = strstr(p, "; from=<")); p++)
        tail = p;
    vend = tail ? tail : h + strlen(h);
    if (tail) {
        for (p = h; (p = strstr(p, " from ")) && p < tail; p++)
            vend = p;
        col_ml_check_client(r, ck, vend, "client");
        col_ml_check(ck, TL_T_EMAIL, "sender", col_ml_kv(r, tail + 2,
                                                         "from=", " "));
        col_ml_check(ck, TL_T_EMAIL, "recipient",
                     col_ml_kv(r, tail + 2, "to=", " "));
    }
    hdr = col_ml_dup(r, h, (size_t)(vend - h));
    if (!(colon = strchr(hdr, ':')))
        return;
    v = colon + 1;
    while (*v == ' ' || *v == '\t')
        v++;
    if ((size_t)(colon - hdr) == 7 && strncasecmp(hdr, "Subject", 7) == 0) {
        if (m && !m->subject)
            col_ml_msg_set(r, m, &m->subject, v);
        col_ml_check(ck, TL_T_SUBJECT, "subject", v);
        return;
    }
    if ((v = mime_name(r, hdr, "filename=")) ||
        (v = mime_name(r, hdr, "filename*=")) ||
        (v = mime_name(r, hdr, "name=")) ||
        (v = mime_name(r, hdr, "name*="))) {
        if (*v && *nnames < 4)
            names[(*nnames)++] = v;
    }
}

/* Attachment names seen in a header check: an attachments row each (the
 * name only: a log has no content) and the name checks. */
static int log_names(struct ml_run *r, const struct ml_line *l,
                     struct ml_msg *m, char **names, int n)
{
    struct tl_attachment a = { 0 };
    int64_t aid = 0;
    int i, rc;

    for (i = 0; i < n; i++) {
        a.evidence_id = r->evid;
        a.msg_id = m ? m->id : 0;
        a.message_id = m ? m->message_id : NULL;
        a.filename = names[i];
        a.size = -1;
        a.note = "name seen in a postfix header check log line; no content";
        a.locator = col_ml_printf(r, "%s name %d", l->loc, i + 1);
        rc = tl_attachment_add(r->ctx->st, &a, &aid, r->err);
        if (rc < 0)
            return rc;
        col_ml_ioc(r, l, m, TL_T_NAME, "attachment name", names[i],
                   rc == FTL_OK ? aid : 0);
    }
    return FTL_OK;
}

/* "NOQUEUE: reject: RCPT from host[ip]: ...; from=<s> to=<r> ..." */
static int noqueue(struct ml_run *r, struct ml_line *l, const char *rest)
{
    struct ml_checks ck = { 0 };
    const char *art = "mail:other";
    char *semi;
    int rc;

    if (col_ml_starts(rest, "reject: ") ||
        col_ml_starts(rest, "milter-reject: ") ||
        col_ml_starts(rest, "discard: ") || col_ml_starts(rest, "hold: "))
        art = "mail:reject";
    col_ml_check_client(r, &ck, rest, "client");
    if ((semi = strrchr(rest, ';')) && strstr(semi, "from=")) {
        col_ml_check(&ck, TL_T_EMAIL, "sender",
                     col_ml_kv(r, semi, "from=", " "));
        col_ml_check(&ck, TL_T_EMAIL, "recipient",
                     col_ml_kv(r, semi, "to=", " "));
        col_ml_check(&ck, TL_T_DOMAIN, "HELO name",
                     col_ml_kv(r, semi, "helo=", " "));
    }
    if ((rc = col_ml_event(r, l, art, NULL, col_ml_raw_text(r, l))) < 0)
        return rc;
    col_ml_checks_run(r, l, NULL, &ck);
    return FTL_OK;
}

/* A delivery agent's "to=<r>, ..., status=WORD (text)" line. */
static int delivery(struct ml_run *r, struct ml_line *l, struct ml_msg *m,
                    const char *qid, const char *rest)
{
    struct ml_checks ck = { 0 };
    char *to, *orig, *relay, *dsn, *status, *reply, *text, *next, *sender;
    int rc;

    to = col_ml_kv(r, rest, "to=", ", ");
    orig = col_ml_kv(r, rest, "orig_to=", ", ");
    relay = col_ml_kv(r, rest, "relay=", ", ");
    dsn = col_ml_kv(r, rest, "dsn=", ", ");
    status = col_ml_kv(r, rest, "status=", " ,");
    reply = status_text(r, rest);
    col_ml_msg_rcpt(r, m, to);
    if (status && *status)
        snprintf(m->status, sizeof(m->status), "%s", status);
    sender = m->sender;
    text = col_ml_printf(r, "%s: %s to <%s>%s%s%s from <%s> via %s%s%s%s"
                           "%s", qid, status ? status : "?", to ? to : "",
                           orig ? " (originally <" : "", orig ? orig : "",
                           orig ? ">)" : "", sender ? sender : "?",
                           relay ? relay : "?", dsn ? ", dsn " : "",
                           dsn ? dsn : "", reply ? ": " : "",
                           reply ? reply : "");
    if ((rc = col_ml_event(r, l, "mail:delivery", m,
                           col_ml_tagged(r, l, text))) < 0)
        return rc;
    if ((next = queued_as(r, reply)) &&
        (rc = col_ml_msg_link(r, m, "queued-as", next, ML_POSTFIX)) < 0)
        return rc;
    col_ml_check(&ck, TL_T_EMAIL, "recipient", to);
    col_ml_check(&ck, TL_T_EMAIL, "original recipient", orig);
    if (relay && strcmp(relay, "none") && strcmp(relay, "local"))
        col_ml_check_client(r, &ck, relay, "relay");
    col_ml_checks_run(r, l, m, &ck);
    return FTL_OK;
}

/* qmgr's "from=<s>, size=N, nrcpt=N (queue active)": the message enters
 * the active queue (*text says so); with "status=" it expired or was
 * returned.  *art is the line's artifact. */
static int queue_from(struct ml_run *r, struct ml_msg *m,
                      struct ml_checks *ck, const char *qid,
                      const char *rest, const char **art, char **text)
{
    char *v;
    int rc;

    v = col_ml_kv(r, rest, "from=", ", ");
    if (v && (rc = col_ml_msg_set(r, m, &m->sender, *v ? v : "<>")) < 0)
        return rc;
    if ((v = col_ml_kv(r, rest, "size=", ", ")) && col_ml_num(v) >= 0)
        m->size = col_ml_num(v);
    if ((v = col_ml_kv(r, rest, "nrcpt=", ", ")) && col_ml_num(v) >= 0)
        m->nrcpt = col_ml_num(v);
    col_ml_check(ck, TL_T_EMAIL, "sender", m->sender);
    if (strstr(rest, "status=")) {
        *art = "mail:queue";            /* expired, returned */
        return FTL_OK;
    }
    *art = "mail:received";
    *text = col_ml_printf(r, "%s: from <%s>, %lld bytes, %lld recipient%s, "
                          "message-id <%s>, entered the active queue", qid,
                          m->sender, (long long)m->size,
                          (long long)m->nrcpt, m->nrcpt == 1 ? "" : "s",
                          m->message_id ? m->message_id : "?");
    return FTL_OK;
}

/* smtpd's or pickup's "client=host[ip]": where the message came from; a
 * content filter's re-injection also names the first queue id. */
static int queue_client(struct ml_run *r, struct ml_msg *m,
                        struct ml_checks *ck, const char *qid,
                        const char *rest)
{
    struct ml_msg *o;
    char *v;
    int rc;

    v = col_ml_kv(r, rest, "client=", ", ");
    if (v && (rc = col_ml_msg_set(r, m, &m->client, v)) < 0)
        return rc;
    col_ml_check_client(r, ck, v, "client");
    if ((v = col_ml_kv(r, rest, "orig_queue_id=", ", ")) &&
        (o = col_ml_msg_find(r, ML_POSTFIX, v)) && o != m &&
        (rc = col_ml_msg_link(r, o, "queued-as", qid, ML_POSTFIX)) < 0)
        return rc;
    if ((v = col_ml_kv(r, rest, "orig_client=", ", ")))
        col_ml_check_client(r, ck, v, "original client");
    return FTL_OK;
}

/* "QID: ..." lines. */
static int with_qid(struct ml_run *r, struct ml_line *l, const char *daemon,
                    const char *qid, const char *rest)
{
    struct ml_checks ck = { 0 };
    struct ml_msg *m;
    const char *art = "mail:other";
    char *v, *text = NULL, *names[4];
    int rc, close = 0, nnames = 0;

    if (!(m = col_ml_msg(r, ML_POSTFIX, qid, l)))
        return r->err->code ? r->err->code : FTL_ERR;
    if (col_ml_starts(rest, "to=") && strstr(rest, "status="))
        return delivery(r, l, m, qid, rest);
    if (strcmp(rest, "removed") == 0) {
        art = "mail:removed";
        close = 1;
        text = col_ml_printf(r, "%s: removed from the queue (from <%s>, "
                             "%s)", qid, m->sender ? m->sender : "?",
                             m->rcpts.s ? m->rcpts.s : "no delivery seen");
    } else if (col_ml_starts(rest, "from=")) {
        if ((rc = queue_from(r, m, &ck, qid, rest, &art, &text)) < 0)
            return rc;
    } else if (col_ml_starts(rest, "message-id=")) {
        art = "mail:queue";
        v = col_ml_kv(r, rest, "message-id=", "");
        if (v && (rc = col_ml_msg_set(r, m, &m->message_id, v)) < 0)
            return rc;
    } else if (col_ml_starts(rest, "client=")) {
        art = "mail:queue";
        if ((rc = queue_client(r, m, &ck, qid, rest)) < 0)
            return rc;
    } else if (col_ml_starts(rest, "uid=")) {
        art = "mail:queue";
        v = col_ml_kv(r, rest, "from=", ", ");
        if (v && (rc = col_ml_msg_set(r, m, &m->sender, *v ? v : "<>")) < 0)
            return rc;
        col_ml_check(&ck, TL_T_EMAIL, "sender", m->sender);
    } else if (col_ml_starts(rest, "reject: ") ||
               col_ml_starts(rest, "milter-reject: ") ||
               col_ml_starts(rest, "discard: ")) {
        art = "mail:reject";
        snprintf(m->status, sizeof(m->status), "%.*s",
                 (int)strcspn(rest, ":"), rest);
        header_check(r, m, rest, &ck, names, &nnames);
        if (!strstr(rest, "header ") && !strstr(rest, "body "))
            col_ml_check_client(r, &ck, rest, "client");
    } else if (col_ml_starts(rest, "info: ") ||
               col_ml_starts(rest, "warning: ") ||
               col_ml_starts(rest, "hold: ") ||
               col_ml_starts(rest, "redirect: ") ||
               col_ml_starts(rest, "filter: ") ||
               col_ml_starts(rest, "replace: ") ||
               col_ml_starts(rest, "prepend: ") ||
               col_ml_starts(rest, "bcc: ")) {
        header_check(r, m, rest, &ck, names, &nnames);
    } else if ((v = strstr(rest, " notification: "))) {
        /* bounce: the notice is a message of its own */
        char *dsn = col_ml_dup(r, v + 15, strspn(v + 15,
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"));

        if ((rc = col_ml_msg_link(r, m, "bounce", dsn, ML_POSTFIX)) < 0)
            return rc;
    } else if (strcmp(daemon, "postsuper") == 0 &&
               col_ml_starts(rest, "removed")) {
        art = "mail:removed";
        close = 1;
    }
    if ((rc = col_ml_event(r, l, art, m, text ? col_ml_tagged(r, l, text)
                           : col_ml_raw_text(r, l))) < 0)
        return rc;
    col_ml_checks_run(r, l, m, &ck);
    if (nnames && (rc = log_names(r, l, m, names, nnames)) < 0)
        return rc;
    if (close)
        return col_ml_msg_close(r, m);
    return FTL_OK;
}

/* Lines without a queue id: connections, warnings, statistics. */
static int no_qid(struct ml_run *r, struct ml_line *l, const char *s)
{
    struct ml_checks ck = { 0 };
    const char *art = "mail:other";
    int i, rc;

    for (i = 0; connect_phrases[i]; i++) {
        if (col_ml_starts(s, connect_phrases[i])) {
            art = "mail:connect";
            break;
        }
    }
    col_ml_check_client(r, &ck, s, "client");
    if ((rc = col_ml_event(r, l, art, NULL, col_ml_raw_text(r, l))) < 0)
        return rc;
    col_ml_checks_run(r, l, NULL, &ck);
    return FTL_OK;
}

int col_ml_postfix(struct ml_run *r, struct ml_line *l)
{
    const char *s = l->msg, *daemon = "";
    size_t n;

    if (l->prog) {
        daemon = strrchr(l->prog, '/');
        daemon = daemon ? daemon + 1 : l->prog;
    }
    if (col_ml_starts(s, "NOQUEUE: "))
        return noqueue(r, l, s + 9);
    if ((n = qid_len(s)))
        return with_qid(r, l, daemon, col_ml_dup(r, s, n), s + n + 2);
    return no_qid(r, l, s);
}
