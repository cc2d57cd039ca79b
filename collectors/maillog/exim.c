/*
 * collectors/maillog/exim.c - exim main log lines
 *
 * After its stamp (and "[pid] " with log_selector +pid) exim writes a
 * message id and a flag, as in the exim specification, chapter "Log
 * files", section "Format of log lines":
 *
 *   ID <= sender H=host (helo) [ip]:port P=proto S=size id=msgid
 *         T="subject" ... for rcpt1 rcpt2      message arrival
 *   ID => rcpt <orig> R=router T=transport H=host [ip] C="250 ..."
 *   ID -> rcpt ...                  another address, same delivery
 *   ID *> rcpt ...                  delivery suppressed (-N)
 *   ID ** rcpt ...: error           delivery failed (bounce)
 *   ID == rcpt ... defer (...): ... delivery deferred
 *   ID Completed                    the message left the queue
 *
 * Ids are "1ahr79-0006jK-G9" (6-6-2 base-62 characters) or, since exim
 * 4.97, "1rHlfP-00000000Ae4-2fsU" (6-11-4).  Lines without an id are
 * about connections and refusals: "H=... rejected RCPT ...", "SMTP
 * connection from ...", "... authenticator failed for ...".
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <string.h>

#include "collectors/maillog/maillog_int.h"

/* Length of an exim message id at s (followed by a blank or the end). */
static size_t id_len(const char *s)
{
    size_t a = 0, b = 0, c = 0;

    while (ml_is_alnum((unsigned char)s[a]))
        a++;
    if (a != 6 || s[a] != '-')
        return 0;
    while (ml_is_alnum((unsigned char)s[a + 1 + b]))
        b++;
    if (s[a + 1 + b] != '-')
        return 0;
    while (ml_is_alnum((unsigned char)s[a + 2 + b + c]))
        c++;
    if (!((b == 6 && c == 2) || (b == 11 && c == 4)))
        return 0;
    if (s[a + 2 + b + c] != ' ' && s[a + 2 + b + c] != '\0')
        return 0;
    return a + 2 + b + c;
}

/* The value of T="..." (exim escapes '"' and '\' with '\'), or NULL.
 * *end is set after the closing quote. */
static char *quoted(struct ml_run *r, const char *s, const char *key,
                    const char **end)
{
    const char *p = s, *q;
    char *out, *o, *i;
    size_t kn = strlen(key);

    *end = NULL;
    while ((p = strstr(p, key)) && p > s && p[-1] != ' ')
        p += kn;
    if (!p)
        return NULL;
    p += kn;
    for (q = p; *q && *q != '"'; q++)
        if (*q == '\\' && q[1])
            q++;
    out = col_ml_dup(r, p, (size_t)(q - p));
    for (i = o = out; *i; i++) {
        if (*i == '\\' && (i[1] == '"' || i[1] == '\\'))
            i++;
        *o++ = *i;
    }
    *o = '\0';
    *end = *q ? q + 1 : q;
    return out;
}

/* The first address of a "<=", "=>" ... line: "addr" or "<addr>". */
static char *first_addr(struct ml_run *r, const char *s)
{
    size_t n = strcspn(s, " :");

    if (n >= 2 && s[0] == '<' && s[n - 1] == '>')
        return col_ml_dup(r, s + 1, n - 2);
    return col_ml_dup(r, s, n);
}

/* "<= sender ..." */
static int arrival(struct ml_run *r, struct ml_line *l, struct ml_msg *m,
                   const char *id, const char *rest)
{
    struct ml_checks ck = { 0 };
    const char *after = NULL, *h, *p;
    char *v, *subj, *text;
    int rc;

    v = first_addr(r, rest);
    if ((rc = col_ml_msg_set(r, m, &m->sender, *v ? v : "<>")) < 0)
        return rc;
    col_ml_check(&ck, TL_T_EMAIL, "sender", m->sender);
    if ((v = col_ml_kv(r, rest, "S=", " ")) && col_ml_num(v) >= 0)
        m->size = col_ml_num(v);
    if ((v = col_ml_kv(r, rest, "id=", " ")) &&
        (rc = col_ml_msg_set(r, m, &m->message_id, v)) < 0)
        return rc;
    if ((h = strstr(rest, " H=")) &&
        (v = col_ml_check_client(r, &ck, h + 3, "client")) &&
        (rc = col_ml_msg_set(r, m, &m->client, v)) < 0)
        return rc;
    subj = quoted(r, rest, "T=\"", &after);
    if (subj) {
        if ((rc = col_ml_msg_set(r, m, &m->subject, subj)) < 0)
            return rc;
        col_ml_check(&ck, TL_T_SUBJECT, "subject", subj);
    }
    /* "for r1 r2" (log_selector +received_recipients) ends the line */
    p = strstr(after ? after : rest, " for ");
    if (p) {
        for (p += 5; *p; ) {
            size_t n = strcspn(p, " ");

            v = col_ml_dup(r, p, n);
            col_ml_msg_rcpt(r, m, v);
            col_ml_check(&ck, TL_T_EMAIL, "recipient", v);
            p += n;
            while (*p == ' ')
                p++;
        }
    }
    text = col_ml_printf(r, "%s: received from <%s>, %lld bytes, "
                         "message-id <%s>, client %s%s%s%s", id, m->sender,
                         (long long)m->size,
                         m->message_id ? m->message_id : "?",
                         m->client ? m->client : "?",
                         subj ? ", subject \"" : "", subj ? subj : "",
                         subj ? "\"" : "");
    if ((rc = col_ml_event(r, l, "mail:received", m,
                           col_ml_tagged(r, l, text))) < 0)
        return rc;
    col_ml_checks_run(r, l, m, &ck);
    return FTL_OK;
}

/* "=> rcpt ...", "-> ", "*> ", "** ", "==" */
static int delivery(struct ml_run *r, struct ml_line *l, struct ml_msg *m,
                    const char *id, const char *rest)
{
    struct ml_checks ck = { 0 };
    const char *status, *h, *after;
    char *rcpt, *conf, *next, *text;
    int rc;

    switch (rest[0]) {
    case '*':
        status = rest[1] == '*' ? "failed" : "suppressed";
        break;
    case '=':
        status = rest[1] == '=' ? "deferred" : "delivered";
        break;
    default:
        status = "delivered";
        break;
    }
    rcpt = first_addr(r, rest + 3);
    col_ml_msg_rcpt(r, m, rcpt);
    col_ml_check(&ck, TL_T_EMAIL, "recipient", rcpt);
    snprintf(m->status, sizeof(m->status), "%s", status);
    if ((h = strstr(rest, " H=")))
        col_ml_check_client(r, &ck, h + 3, "relay");
    conf = quoted(r, rest, "C=\"", &after);
    text = col_ml_printf(r, "%s: %s to <%s> from <%s>: %s", id, status,
                         rcpt, m->sender ? m->sender : "?", rest + 3);
    if ((rc = col_ml_event(r, l, "mail:delivery", m,
                           col_ml_tagged(r, l, text))) < 0)
        return rc;
    if (conf && (next = strstr(conf, "queued as "))) {
        next += 10;
        next = col_ml_dup(r, next, strcspn(next, " )"));
        if ((rc = col_ml_msg_link(r, m, "queued-as", next, ML_EXIM)) < 0)
            return rc;
    }
    col_ml_checks_run(r, l, m, &ck);
    return FTL_OK;
}

/* Words that make an id-less line a refusal or a connection note. */
static const char *const reject_words[] = {
    "rejected", "authenticator failed", "dropped:", "dropped by",
    "refused", "sender verify fail", "protocol synchronization error",
    "SMTP protocol error", NULL
};
static const char *const connect_words[] = {
    "SMTP connection from", "no MAIL in SMTP connection", "SMTP call from",
    "connection lost", "unexpected disconnection", "SMTP command timeout",
    "SMTP data timeout", "no host name found for IP address",
    "no IP address found for host", NULL
};

int col_ml_exim(struct ml_run *r, struct ml_line *l)
{
    struct ml_checks ck = { 0 };
    struct ml_msg *m = NULL;
    const char *s = l->msg, *art = "mail:other", *rest;
    char *id = NULL;
    size_t n;
    int i, rc, close = 0;

    /* "[pid] " with log_selector +pid */
    if (*s == '[' && (n = strspn(s + 1, "0123456789/")) && s[1 + n] == ']' &&
        s[2 + n] == ' ')
        s += n + 3;
    rest = s;
    if ((n = id_len(s))) {
        id = col_ml_dup(r, s, n);
        rest = s + n + (s[n] == ' ');
        if (!(m = col_ml_msg(r, ML_EXIM, id, l)))
            return r->err->code ? r->err->code : FTL_ERR;
        if (col_ml_starts(rest, "<= "))
            return arrival(r, l, m, id, rest + 3);
        if (col_ml_starts(rest, "=> ") || col_ml_starts(rest, "-> ") ||
            col_ml_starts(rest, "*> ") || col_ml_starts(rest, "** ") ||
            col_ml_starts(rest, "== ") || col_ml_starts(rest, ">> "))
            return delivery(r, l, m, id, rest);
        if (col_ml_starts(rest, "Completed")) {
            art = "mail:removed";
            close = 1;
        }
    }
    if (!close) {
        for (i = 0; reject_words[i]; i++)
            if (strstr(rest, reject_words[i]))
                break;
        if (reject_words[i]) {
            art = "mail:reject";
        } else {
            for (i = 0; connect_words[i]; i++)
                if (strstr(rest, connect_words[i]))
                    break;
            if (connect_words[i])
                art = "mail:connect";
        }
        col_ml_check_client(r, &ck, rest, "client");
        if ((id = col_ml_kv(r, rest, "F=", " ")))
            col_ml_check(&ck, TL_T_EMAIL, "sender", first_addr(r, id));
    }
    if ((rc = col_ml_event(r, l, art, m, col_ml_raw_text(r, l))) < 0)
        return rc;
    col_ml_checks_run(r, l, m, &ck);
    if (close)
        return col_ml_msg_close(r, m);
    return FTL_OK;
}
