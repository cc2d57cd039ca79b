/*
 * collectors/mailbox/date.c - mail dates and the zone they are read in
 *
 * Date: and Received: times are read by GMime's RFC 5322 parser, or as
 * an unambiguous ISO 8601 stamp.  A time is taken as it says only when
 * its zone is one this parser reads exactly (+hhmm / -hhmm, or a name of
 * RFC 5322 4.3); otherwise its wall-clock fields are read in --tz
 * (default UTC) and the event is flagged TL_F_TZ_ASSUMED.  Never guesses
 * a date from garbage: the raw text is reported instead.
 *
 * SPDX-License-Identifier: MIT
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "collectors/mailbox/mailbox_int.h"

/* 1 when the last token of an RFC 5322 date (comments dropped) is a
 * zone this parser reads exactly: +hhmm / -hhmm or one of the names of
 * RFC 5322 4.3 (military letters are ambiguous there and not taken). */
static int date_has_zone(const char *raw, char *zone, size_t zn)
{
    static const char *const names[] = {
        "UT", "UTC", "GMT", "Z", "EST", "EDT", "CST", "CDT", "MST", "MDT",
        "PST", "PDT", NULL
    };
    char buf[256];
    size_t n = 0;
    int depth = 0, i;
    const char *p, *tok;

    for (p = raw; *p && n < sizeof(buf) - 1; p++) {
        if (*p == '(')
            depth++;
        else if (*p == ')' && depth)
            depth--;
        else if (!depth)
            buf[n++] = *p;
    }
    while (n && isspace((unsigned char)buf[n - 1]))
        n--;
    buf[n] = '\0';
    tok = strrchr(buf, ' ');
    tok = tok ? tok + 1 : buf;
    snprintf(zone, zn, "%.60s", tok);
    if ((tok[0] == '+' || tok[0] == '-') && strlen(tok) == 5 &&
        strspn(tok + 1, "0123456789") == 4)
        return 1;
    for (i = 0; names[i]; i++)
        if (!strcasecmp(tok, names[i]))
            return 1;
    return 0;
}

const char *mbx_tz_name(const struct col_ctx *ctx)
{
    return ctx->tz ? tl_tz_name(ctx->tz) : "UTC";
}

/* An RFC 5322 date GMime could read ('dt', taken over): 0 with *ns set
 * when its zone is trusted, 1 with the wall-clock fields in *c when it
 * is not, -1 when it does not fit (a year past 2262). */
static int rfc5322_date(GDateTime *dt, const char *p, struct tl_civil *c,
                        int64_t *ns, char *zone, size_t zn)
{
    int bad;

    if (date_has_zone(p, zone, zn)) {
        bad = tl_time_from_sec(g_date_time_to_unix(dt), 0, ns);
        *zone = '\0';
        g_date_time_unref(dt);
        return bad ? -1 : 0;   /* out of range: unreadable, not wrapped */
    }
    /* The wall-clock fields as written: GMime applies an offset of its
     * own to a zone it half knows (military letters), which is not to
     * be trusted; the time is read in --tz instead. */
    memset(c, 0, sizeof(*c));
    c->year = g_date_time_get_year(dt);
    c->mon = g_date_time_get_month(dt);
    c->day = g_date_time_get_day_of_month(dt);
    c->hour = g_date_time_get_hour(dt);
    c->min = g_date_time_get_minute(dt);
    c->sec = g_date_time_get_second(dt);
    g_date_time_unref(dt);
    return 1;
}

int mbx_date_read(const struct tl_tz *tz, const char *raw, int64_t *ns,
                  unsigned *flags, char *zone, size_t zn)
{
    GDateTime *dt;
    struct tl_civil c;
    size_t used;
    const char *p;
    int rc;

    *flags = 0;
    *zone = '\0';
    if (!raw)
        return -1;
    for (p = raw; isspace((unsigned char)*p); p++)
        ;
    if (!*p)
        return -1;
    if ((dt = g_mime_utils_header_decode_date(p))) {
        if ((rc = rfc5322_date(dt, p, &c, ns, zone, zn)) <= 0)
            return rc;
    } else if (tl_time_parse_iso8601(p, strlen(p), &c, &used) == FTL_OK &&
               (p[used] == '\0' || isspace((unsigned char)p[used]))) {
        /* Not RFC 5322, but an unambiguous ISO 8601 stamp. */
        if (!c.has_zone)
            snprintf(zone, zn, "none");
    } else {
        return -1;
    }
    if (tl_civil_to_ns(&c, tz, ns, flags) != FTL_OK)
        return -1;
    return 0;
}
