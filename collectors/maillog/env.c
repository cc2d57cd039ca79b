/*
 * collectors/maillog/env.c - log line envelopes, year-less stamps, fields
 *
 * Splits a log line into time stamp, host, program and message for the
 * envelopes mail logs come in:
 *
 *   RFC 3164    Mar 14 00:08:35 host prog[pid]: message
 *               (no year, no zone; some relays add a year after the time,
 *               a "<facility.level>" tag, or leave the host out)
 *   RFC 3339    2023-03-14T00:08:35.948047+01:00 host prog[pid]: message
 *               (rsyslog's high-precision form)
 *   RFC 5424    <34>1 2023-03-14T00:08:35Z host app procid msgid [sd] msg
 *   exim        2023-03-14 00:08:35[.ffffff][ +0100] message
 *               (exim's own main log: no host, no program)
 *
 * and converts the stamp to UTC nanoseconds.  Nothing here allocates:
 * pieces are copied into the run's per-line arena, which is reset for
 * every line, so the hot path costs no malloc.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "collectors/maillog/maillog_int.h"

const char *const col_ml_fmt_names[ML_FMT_COUNT] = {
    "auto", "postfix", "sendmail", "exim", "barracuda", "syslog"
};

static int is_space(int c)
{
    return c == ' ' || c == '\t';
}

/* ------------------------------------------------------------------ */
/* Small helpers                                                       */
/* ------------------------------------------------------------------ */

int col_ml_year_step(struct ml_year *y, int mon)
{
    if (y->mon == 0 || mon == y->mon) {
        y->mon = mon;
        return y->year;
    }
    if (mon == y->mon - 1)
        return y->year;              /* backstep inside the year */
    if (y->mon == 1 && mon == 12)
        return y->year - 1;          /* backstep over New Year */
    if (mon > y->mon) {
        y->mon = mon;
        return y->year;
    }
    /* back by more than one month: the log went on into a new year */
    y->year++;
    y->mon = mon;
    return y->year;
}

char *col_ml_dup(struct ml_run *r, const char *s, size_t n)
{
    static char empty[1];
    size_t avail = ML_ARENA - r->arena_used;
    char *d;

    if (avail <= 1)
        return empty;
    if (n + 1 > avail)
        n = avail - 1;       /* cut rather than overflow; never expected */
    d = r->arena + r->arena_used;
    memcpy(d, s, n);
    d[n] = '\0';
    r->arena_used += n + 1;
    return d;
}

char *col_ml_printf(struct ml_run *r, const char *fmt, ...)
{
    static char empty[1];
    size_t avail = ML_ARENA - r->arena_used;
    char *d = r->arena + r->arena_used;
    va_list ap;
    int n;

    if (avail <= 1)
        return empty;
    va_start(ap, fmt);
    n = vsnprintf(d, avail, fmt, ap);
    va_end(ap);
    if (n < 0) {
        d[0] = '\0';
        n = 0;
    }
    /* a text cut at the arena's end keeps what fitted */
    r->arena_used += (size_t)n + 1 > avail ? avail : (size_t)n + 1;
    return d;
}

int col_ml_starts(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

int64_t col_ml_num(const char *s)
{
    int64_t v = 0;
    int d, any = 0;

    if (!s)
        return -1;
    for (; ml_is_digit((unsigned char)*s); s++) {
        d = *s - '0';
        if (v > (INT64_MAX - d) / 10)
            return -1;       /* no number rather than a wrong one */
        v = v * 10 + d;
        any = 1;
    }
    return any ? v : -1;
}

char *col_ml_kv(struct ml_run *r, const char *s, const char *key,
                const char *stop)
{
    size_t kn = strlen(key);
    const char *p = s, *v, *e;

    /* key names are short and lines a few hundred bytes: strstr is
     * cheaper here than splitting the line into fields first */
    while ((p = strstr(p, key))) {
        /* "to=" must not match inside "orig_to=" */
        if (p == s || p[-1] == ' ' || p[-1] == ',' || p[-1] == ';') {
            v = p + kn;
            if (!stop) {
                /* a raw list up to ", " (sendmail's "to=a,b, delay=") */
                e = strstr(v, ", ");
                return col_ml_dup(r, v, e ? (size_t)(e - v) : strlen(v));
            }
            if (*v == '<' && (e = strchr(v + 1, '>')))
                return col_ml_dup(r, v + 1, (size_t)(e - v - 1));
            return col_ml_dup(r, v, strcspn(v, stop));
        }
        p += kn;
    }
    return NULL;
}

/* An IPv4 or IPv6 address between s and e (exclusive), possibly with
 * sendmail's "IPv6:" prefix. */
static int looks_ip(const char *s, const char *e)
{
    int dots = 0, colons = 0;

    if (e - s > 5 && memcmp(s, "IPv6:", 5) == 0)
        s += 5;
    if (e - s < 2 || e - s > 45)
        return 0;
    for (; s < e; s++) {
        if (*s == '.')
            dots++;
        else if (*s == ':')
            colons++;
        else if (!ml_is_digit((unsigned char)*s) &&
                 !((*s | 0x20) >= 'a' && (*s | 0x20) <= 'f'))
            return 0;
    }
    return dots == 3 || colons >= 2;
}

int col_ml_client(struct ml_run *r, const char *s, char **host, char **ip)
{
    const char *p, *e, *he, *hs;
    int depth = 0;

    /* parentheses hold what the client said of itself (HELO), which
     * proves nothing: addresses inside them are skipped */
    *host = *ip = NULL;
    for (p = s; *p; p++) {
        if (*p == '(') {
            depth++;
        } else if (*p == ')') {
            if (depth)
                depth--;
        } else if (*p == '[' && depth == 0) {
            if (!(e = strchr(p + 1, ']')))
                return 0;
            if (!looks_ip(p + 1, e)) {
                p = e;
                continue;
            }
            *ip = col_ml_dup(r, p + 1, (size_t)(e - p - 1));
            if (col_ml_starts(*ip, "IPv6:"))
                *ip += 5;
            /* the host is written just before: "h[ip]", "h [ip]", or
             * "h (helo) [ip]" (exim, sendmail) */
            he = p;
            while (he > s && he[-1] == ' ')
                he--;
            if (he > s && he[-1] == ')') {
                int d = 0;

                while (he > s) {
                    he--;
                    if (*he == ')')
                        d++;
                    else if (*he == '(' && --d == 0)
                        break;
                }
                while (he > s && he[-1] == ' ')
                    he--;
            }
            hs = he;
            while (hs > s && !strchr(" \t=,;:(<[", hs[-1]))
                hs--;
            if (he > hs && !(he - hs == 7 && memcmp(hs, "unknown", 7) == 0))
                *host = col_ml_dup(r, hs, (size_t)(he - hs));
            return 1;
        }
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* Envelopes                                                           */
/* ------------------------------------------------------------------ */

/* End of the token at p (first blank or end). */
static const char *tok_end(const char *p, const char *end)
{
    while (p < end && !is_space((unsigned char)*p))
        p++;
    return p;
}

static const char *skip_blanks(const char *p, const char *end)
{
    while (p < end && is_space((unsigned char)*p))
        p++;
    return p;
}

/* A syslog tag "prog[pid]:" or "prog:" as the token at p.  Sets prog and
 * pid and returns where the message starts, or NULL. */
static const char *tag(struct ml_run *r, struct ml_line *l, const char *p,
                       const char *end)
{
    const char *te = tok_end(p, end), *colon, *lb;

    if (te - p < 2 || te[-1] != ':')
        return NULL;
    colon = te - 1;
    if (colon[-1] == ']' && (lb = memchr(p, '[', (size_t)(colon - p))) &&
        lb > p) {
        l->prog = col_ml_dup(r, p, (size_t)(lb - p));
        l->pid = col_ml_dup(r, lb + 1, (size_t)(colon - 1 - lb - 1));
    } else {
        l->prog = col_ml_dup(r, p, (size_t)(colon - p));
    }
    return te < end ? te + 1 : te;
}

/* "host prog[pid]: msg", "prog[pid]: msg" or "host msg" at p. */
static int host_tag_msg(struct ml_run *r, struct ml_line *l, const char *p,
                        const char *end)
{
    const char *m, *t1e;

    if (p >= end) {
        l->msg = p;
        return ML_ENV_OK;
    }
    if ((m = tag(r, l, p, end))) {
        l->msg = m;
        return ML_ENV_OK;
    }
    t1e = tok_end(p, end);
    l->host = col_ml_dup(r, p, (size_t)(t1e - p));
    p = skip_blanks(t1e, end);
    if ((m = tag(r, l, p, end)))
        l->msg = m;
    else
        l->msg = p;          /* no tag: "host Job `cron.daily' ended" */
    return ML_ENV_OK;
}

/* 1 when p holds "[host ]prog[pid]: " (a syslog tag, with the pid). */
static int looks_tagged(const char *p, const char *end)
{
    const char *te = tok_end(p, end);
    int k;

    for (k = 0; k < 2 && p < end; k++) {
        if (te - p > 3 && te[-1] == ':' && te[-2] == ']' &&
            memchr(p, '[', (size_t)(te - p)))
            return 1;
        p = skip_blanks(te, end);
        te = tok_end(p, end);
    }
    return 0;
}

/* An ISO stamp with a time at p: "YYYY-MM-DD[T ]HH:MM[:SS[.f]][zone]",
 * also exim's " +hhmm" zone after a blank.  Returns its length, 0 when
 * there is none. */
static size_t iso_stamp(const char *p, const char *end, struct tl_civil *c)
{
    size_t used = 0;
    const char *q;

    if (tl_time_parse_iso8601(p, (size_t)(end - p), c, &used) != FTL_OK ||
        used < 16)
        return 0;            /* a bare date is not a log stamp */
    q = p + used;
    if (!c->has_zone && end - q >= 6 && q[0] == ' ' &&
        (q[1] == '+' || q[1] == '-') && ml_is_digit((unsigned char)q[2]) &&
        ml_is_digit((unsigned char)q[3]) && ml_is_digit((unsigned char)q[4]) &&
        ml_is_digit((unsigned char)q[5]) && (end - q == 6 || q[6] == ' ')) {
        int hh = (q[2] - '0') * 10 + (q[3] - '0');
        int mm = (q[4] - '0') * 10 + (q[5] - '0');

        if (hh < 24 && mm < 60) {
            c->has_zone = 1;
            c->off_sec = (q[1] == '-' ? -1 : 1) * (hh * 3600 + mm * 60);
            used += 6;
        }
    }
    return used;
}

/* RFC 5424: VERSION was "1"; p is at the time stamp. */
static int rfc5424(struct ml_run *r, struct ml_line *l, const char *p,
                   const char *end)
{
    const char *f[4], *fe[4];
    size_t used;
    int k;

    if (*p == '-') {
        l->stamp = ML_ST_NONE;
        used = 1;
    } else {
        if (!(used = iso_stamp(p, end, &l->civ)) || (p[10] != 'T' &&
                                                     p[10] != 't'))
            goto bad;
        l->stamp = ML_ST_FULL;
        l->raw_time = col_ml_dup(r, p, used);
    }
    p += used;
    /* HOSTNAME APP-NAME PROCID MSGID, each "-" when absent */
    for (k = 0; k < 4; k++) {
        if (p >= end || *p != ' ')
            goto bad;
        f[k] = ++p;
        p = fe[k] = tok_end(p, end);
        if (fe[k] == f[k])
            goto bad;
    }
    if (!(fe[0] - f[0] == 1 && *f[0] == '-'))
        l->host = col_ml_dup(r, f[0], (size_t)(fe[0] - f[0]));
    if (!(fe[1] - f[1] == 1 && *f[1] == '-'))
        l->prog = col_ml_dup(r, f[1], (size_t)(fe[1] - f[1]));
    if (!(fe[2] - f[2] == 1 && *f[2] == '-'))
        l->pid = col_ml_dup(r, f[2], (size_t)(fe[2] - f[2]));
    /* STRUCTURED-DATA: "-" or [id k="v" ...]... with \] \" \\ escapes */
    if (p >= end || *p != ' ')
        goto bad;
    p++;
    if (p < end && *p == '-') {
        p++;
    } else if (p < end && *p == '[') {
        while (p < end && *p == '[') {
            int quoted = 0;

            for (p++; p < end; p++) {
                if (quoted && *p == '\\' && p + 1 < end)
                    p++;
                else if (*p == '"')
                    quoted = !quoted;
                else if (!quoted && *p == ']')
                    break;
            }
            if (p >= end)
                goto bad;
            p++;
        }
    } else {
        goto bad;
    }
    if (p < end && *p == ' ')
        p++;
    if (end - p >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
        p += 3;                  /* the BOM that marks an UTF-8 MSG */
    l->msg = p;
    return ML_ENV_OK;
bad:
    l->why = "malformed RFC 5424 header";
    return ML_ENV_BAD;
}

/* The rest of a line that starts with "Mmm dd HH:MM:SS[.f]" at p, 'used'
 * characters already parsed into l->civ; a year may follow. */
static int bsd(struct ml_run *r, struct ml_line *l, const char *p,
               size_t used, const char *end)
{
    const char *q = p + used;

    l->stamp = ML_ST_BSD;
    /* "Apr 11 11:24:37 2012 host ..." as some relays write it */
    if (end - q >= 6 && q[0] == ' ' && ml_is_digit((unsigned char)q[1]) &&
        ml_is_digit((unsigned char)q[2]) && ml_is_digit((unsigned char)q[3]) &&
        ml_is_digit((unsigned char)q[4]) && (end - q == 5 || q[5] == ' ')) {
        l->civ.year = (q[1] - '0') * 1000 + (q[2] - '0') * 100 +
                      (q[3] - '0') * 10 + (q[4] - '0');
        l->stamp = ML_ST_FULL;
        q += 5;
    }
    l->raw_time = col_ml_dup(r, p, (size_t)(q - p));
    if (q < end && *q == ':') {
        /* "Feb 29 01:15:43: message": no host, no program */
        l->msg = skip_blanks(q + 1, end);
        return ML_ENV_OK;
    }
    if (q < end && !is_space((unsigned char)*q)) {
        l->why = "no blank after the time stamp";
        return ML_ENV_BAD;
    }
    q = skip_blanks(q, end);
    /* "<mail.notice> " as some syslog daemons insert */
    if (q < end && *q == '<') {
        const char *gt = memchr(q, '>', (size_t)(end - q));

        if (gt && gt - q < 40 && gt + 1 < end && gt[1] == ' ' &&
            memchr(q, '.', (size_t)(gt - q)))
            q = gt + 2;
    }
    return host_tag_msg(r, l, q, end);
}

int col_ml_envelope(struct ml_run *r, struct ml_line *l, const char *line,
                    size_t len)
{
    const char *p = line, *end = line + len, *q;
    size_t used;

    l->text = line;
    l->len = len;
    l->stamp = ML_ST_NONE;
    memset(&l->civ, 0, sizeof(l->civ));
    l->raw_time = l->host = l->prog = l->pid = l->why = NULL;
    l->msg = "";
    l->has_ts = 0;
    l->ts = 0;
    l->stray = 0;
    l->exim_native = 0;
    l->flags = 0;
    l->prec = 0;
    /* blank, then continuation, then binary: cheap tests first */
    if (skip_blanks(p, end) == end)
        return ML_ENV_BLANK;
    if (is_space((unsigned char)*p))
        return ML_ENV_CONT;
    if (memchr(line, '\0', len)) {
        l->why = "line holds NUL bytes (binary data)";
        return ML_ENV_BAD;
    }
    /* <PRI> of a line written as received from the network */
    if (*p == '<') {
        q = p + 1;
        while (q < end && q - p <= 3 && ml_is_digit((unsigned char)*q))
            q++;
        if (q > p + 1 && q < end && *q == '>')
            p = q + 1;
    }
    /* the envelope is told by its first characters: "1 " (RFC 5424
     * VERSION), a digit (ISO date), a capital (month name) */
    if (end - p > 2 && p[0] == '1' && p[1] == ' ')
        return rfc5424(r, l, p + 2, end);
    if (p < end && ml_is_digit((unsigned char)*p)) {
        if (!(used = iso_stamp(p, end, &l->civ))) {
            l->why = "no time stamp at the start of the line";
            return ML_ENV_BAD;
        }
        l->stamp = ML_ST_FULL;
        l->raw_time = col_ml_dup(r, p, used);
        q = skip_blanks(p + used, end);
        if (p[10] == 'T' || p[10] == 't' || looks_tagged(q, end))
            return host_tag_msg(r, l, q, end);
        /* exim's own main log */
        l->exim_native = 1;
        l->msg = q;
        return ML_ENV_OK;
    }
    if (p < end && *p >= 'A' && *p <= 'Z' && end - p >= 15 &&
        tl_time_parse_syslog(p, (size_t)(end - p), &l->civ, &used) ==
        FTL_OK)
        return bsd(r, l, p, used, end);
    /* No stamp: "prog[pid]: msg" (a network line saved as it came) or
     * "host exim[pid]: 2021-07-17 23:20:49 msg" (exim through a syslog
     * that adds no stamp).  The dialect may still supply a time. */
    if (looks_tagged(p, end)) {
        host_tag_msg(r, l, p, end);
        q = l->msg;
        if ((used = iso_stamp(q, end, &l->civ)) && q[10] == ' ') {
            l->stamp = ML_ST_FULL;
            l->raw_time = col_ml_dup(r, q, used);
            l->msg = skip_blanks(q + used, end);
        }
        return ML_ENV_OK;
    }
    l->why = "no time stamp at the start of the line";
    return ML_ENV_BAD;
}

int col_ml_line_time(struct ml_run *r, struct ml_line *l)
{
    struct tl_civil c = l->civ;
    unsigned fl = 0;
    int64_t ts;

    l->has_ts = 0;
    if (l->stamp == ML_ST_NONE)
        return FTL_OK;
    if (l->stamp == ML_ST_BSD) {
        if (r->stray_pos < r->nstrays &&
            r->strays[r->stray_pos] == l->lineno) {
            /* the first pass saw the log come back at once: a line out
             * of sequence, in the reference's year, which it leaves */
            r->stray_pos++;
            c.year = r->year.year;
            l->stray = 1;
        } else {
            c.year = col_ml_year_step(&r->year, c.mon);
        }
        fl = TL_F_YEAR_ESTIMATED;
        if (c.mon == 2 && c.day == 29 && tl_days_in_month(c.year, 2) != 29) {
            l->why = col_ml_printf(r, "February 29th in %d, not a leap "
                                   "year: the year inferred for this line "
                                   "is wrong or the line is damaged",
                                   c.year);
            return FTL_EPARSE;
        }
    }
    l->prec = c.prec;
    /* Many lines share a second: convert each stamp once.  The year is
     * part of the key, since the same text can fall in two years. */
    if (r->st_ok && r->st_year == c.year &&
        strcmp(r->st_raw, l->raw_time) == 0) {
        l->ts = r->st_ts;
        l->flags = r->st_flags;
        l->has_ts = 1;
        return FTL_OK;
    }
    if (tl_civil_to_ns(&c, r->ctx->tz, &ts, &fl) != FTL_OK) {
        l->why = "time stamp out of range";
        return FTL_EPARSE;
    }
    l->ts = ts;
    l->flags = fl;
    l->has_ts = 1;
    r->st_ok = strlen(l->raw_time) < sizeof(r->st_raw);
    if (r->st_ok) {
        strcpy(r->st_raw, l->raw_time);
        r->st_year = c.year;
        r->st_ts = ts;
        r->st_flags = fl;
    }
    return FTL_OK;
}
