/*
 * collectors/maillog/sendmail.c - sendmail (sm-mta, sendmail, sm-msp-queue)
 *
 * sendmail logs one transaction per queue id (8 or more letters and
 * digits, e.g. "s1P819mk027713"), in the forms of its op.me "Log
 * Levels" and the sources' logsender()/logdelivery():
 *
 *   QID: from=<s>, size=N, class=C, nrcpts=N, msgid=<id>, proto=P,
 *        daemon=D, relay=host [ip]
 *   QID: to=<r>[,<r2>...], [ctladdr=...,] delay=D, xdelay=X, mailer=M,
 *        pri=P, relay=host. [ip], dsn=X.Y.Z, stat=Sent (text)
 *   QID: ruleset=check_rcpt, arg1=<r>, relay=host [ip], reject=550 ...
 *   QID: <addr>... User unknown
 *   QID: host [ip] did not issue MAIL/EXPN/VRFY/ETRN during connection
 *   QID: QID2: DSN: text            (QID2 is the bounce)
 *
 * A transaction is over once as many recipients have a final status (not
 * Deferred, not queued) as the from= line announced (nrcpts), or at once
 * when it announced none.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "collectors/maillog/maillog_int.h"

/* Length of a queue id followed by ": " at s, or 0. */
static size_t qid_len(const char *s)
{
    size_t n = 0;

    while (ml_is_alnum((unsigned char)s[n]))
        n++;
    if (n < 8 || n > 24 || s[n] != ':' || s[n + 1] != ' ')
        return 0;
    return n;
}

/* "<a@b>" or "a@b" without the brackets (arena copy). */
static char *unbracket(struct ml_run *r, const char *s, size_t n)
{
    while (n && (*s == ' ' || *s == '<')) {
        s++;
        n--;
    }
    while (n && (s[n - 1] == '>' || s[n - 1] == ' '))
        n--;
    return col_ml_dup(r, s, n);
}

/* A to= line: one delivery attempt for one or more recipients. */
static int delivery(struct ml_run *r, struct ml_line *l, struct ml_msg *m,
                    const char *qid, const char *rest)
{
    struct ml_checks ck = { 0 };
    char *to, *relay, *stat, *text, *p, *c;
    int rc, n = 0, final;

    to = col_ml_kv(r, rest, "to=", NULL);
    relay = col_ml_kv(r, rest, "relay=", ",");
    stat = strstr(rest, "stat=");
    stat = stat ? col_ml_dup(r, stat + 5, strlen(stat + 5)) : NULL;
    final = stat && strncasecmp(stat, "Deferred", 8) != 0 &&
            strncasecmp(stat, "queued", 6) != 0;
    for (p = to; p && *p; p = c ? c + 1 : NULL) {
        char *a;

        c = strchr(p, ',');
        a = unbracket(r, p, c ? (size_t)(c - p) : strlen(p));
        col_ml_msg_rcpt(r, m, a);
        col_ml_check(&ck, TL_T_EMAIL, "recipient", a);
        n++;
    }
    if (stat) {
        snprintf(m->status, sizeof(m->status), "%.*s",
                 (int)strcspn(stat, "(:"), stat);
        /* "Sent " -> "Sent" */
        for (c = m->status + strlen(m->status); c > m->status &&
             c[-1] == ' '; c--)
            c[-1] = '\0';
        if (final)
            m->nfinal += n ? n : 1;
    }
    text = col_ml_printf(r, "%s: %s to %s from %s via %s", qid,
                         stat ? stat : "?", to ? to : "?",
                         m->sender ? m->sender : "?", relay ? relay : "?");
    if ((rc = col_ml_event(r, l, "mail:delivery", m,
                           col_ml_tagged(r, l, text))) < 0)
        return rc;
    if (relay)
        col_ml_check_client(r, &ck, relay, "relay");
    col_ml_checks_run(r, l, m, &ck);
    if (m->nrcpt > 0 && m->nfinal >= m->nrcpt)
        return col_ml_msg_close(r, m);
    return FTL_OK;
}

int col_ml_sendmail(struct ml_run *r, struct ml_line *l)
{
    struct ml_checks ck = { 0 };
    struct ml_msg *m = NULL;
    const char *s = l->msg, *rest = s, *art = "mail:other";
    char *qid = NULL, *v, *text = NULL;
    size_t n;
    int rc, close = 0;

    if ((n = qid_len(s))) {
        qid = col_ml_dup(r, s, n);
        rest = s + n + 2;
        if (!(m = col_ml_msg(r, ML_SENDMAIL, qid, l)))
            return r->err->code ? r->err->code : FTL_ERR;
    }
    if (m && col_ml_starts(rest, "to=") && strstr(rest, "stat="))
        return delivery(r, l, m, qid, rest);
    if (m && col_ml_starts(rest, "from=")) {
        art = "mail:received";
        v = col_ml_kv(r, rest, "from=", ", ");
        if (v && (rc = col_ml_msg_set(r, m, &m->sender, *v ? v : "<>")) < 0)
            return rc;
        if ((v = col_ml_kv(r, rest, "size=", ", ")) && col_ml_num(v) >= 0)
            m->size = col_ml_num(v);
        if ((v = col_ml_kv(r, rest, "nrcpts=", ", ")) && col_ml_num(v) >= 0)
            m->nrcpt = col_ml_num(v);
        if ((v = col_ml_kv(r, rest, "msgid=", ", ")) &&
            (rc = col_ml_msg_set(r, m, &m->message_id, v)) < 0)
            return rc;
        if ((v = col_ml_kv(r, rest, "relay=", ",")) &&
            (v = col_ml_check_client(r, &ck, v, "client")) &&
            (rc = col_ml_msg_set(r, m, &m->client, v)) < 0)
            return rc;
        col_ml_check(&ck, TL_T_EMAIL, "sender", m->sender);
        text = col_ml_printf(r, "%s: from %s, %lld bytes, %lld recipient%s, "
                             "message-id <%s>, client %s", qid,
                             m->sender ? m->sender : "?",
                             (long long)m->size, (long long)m->nrcpt,
                             m->nrcpt == 1 ? "" : "s",
                             m->message_id ? m->message_id : "?",
                             m->client ? m->client : "?");
        /* nrcpts=0: every recipient was refused, nothing will follow */
        close = m->nrcpt == 0 || (m->nrcpt > 0 && m->nfinal >= m->nrcpt);
    } else if (m && (n = qid_len(rest)) &&
               (col_ml_starts(rest + n, ": DSN: ") ||
                col_ml_starts(rest + n, ": return to sender: ") ||
                col_ml_starts(rest + n, ": postmaster notify: ") ||
                col_ml_starts(rest + n, ": sender notify: "))) {
        if ((rc = col_ml_msg_link(r, m, "bounce", col_ml_dup(r, rest, n),
                                  ML_SENDMAIL)) < 0)
            return rc;
    } else if (strstr(rest, "reject=")) {
        art = "mail:reject";
        v = col_ml_kv(r, rest, "arg1=", ", ");
        if (v && strchr(v, '@'))
            col_ml_check(&ck, TL_T_EMAIL, col_ml_starts(rest,
                         "ruleset=check_mail") ? "sender" : "recipient", v);
        if ((v = col_ml_kv(r, rest, "relay=", ",")))
            col_ml_check_client(r, &ck, v, "client");
        if (m)
            snprintf(m->status, sizeof(m->status), "rejected");
    } else if ((v = strstr(rest, ">... ")) && *rest == '<') {
        /* "<rcpt>... User unknown": a refused recipient */
        art = "mail:reject";
        col_ml_check(&ck, TL_T_EMAIL, "recipient",
                     unbracket(r, rest, (size_t)(v + 1 - rest)));
        if (m)
            snprintf(m->status, sizeof(m->status), "rejected");
    } else if (strstr(rest, "[rejected]") ||
               col_ml_starts(rest, "rejecting commands from ")) {
        art = "mail:reject";
        col_ml_check_client(r, &ck, rest, "client");
    } else if (strstr(rest, "did not issue MAIL/EXPN/VRFY/ETRN") ||
               col_ml_starts(rest, "lost input channel from ") ||
               strstr(rest, "timeout waiting for input") ||
               col_ml_starts(rest, "STARTTLS=server") ||
               col_ml_starts(rest, "AUTH=server") ||
               col_ml_starts(rest, "Possible SMTP RCPT flood")) {
        art = "mail:connect";
        col_ml_check_client(r, &ck, rest, "client");
    } else {
        col_ml_check_client(r, &ck, rest, "client");
    }
    if ((rc = col_ml_event(r, l, art, m, text ? col_ml_tagged(r, l, text)
                           : col_ml_raw_text(r, l))) < 0)
        return rc;
    col_ml_checks_run(r, l, m, &ck);
    if (close && m)
        return col_ml_msg_close(r, m);
    return FTL_OK;
}
