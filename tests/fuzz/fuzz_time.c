/*
 * tests/fuzz/fuzz_time.c - the time parsers (timeline/time.c)
 *
 * The input is read as an ISO 8601 / RFC 3339 stamp, a syslog stamp,
 * epoch seconds and a command-line time.  Properties: what a parser
 * consumed lies inside the input; its fields are in range; an ISO stamp
 * or an epoch converted to ns and formatted again reads back as the
 * same ns.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdlib.h>
#include <string.h>

#include "tests/fuzz/fuzzutil.h"

static void check_civil(const struct tl_civil *c, int with_year)
{
    if ((with_year && (c->year < 0 || c->year > 9999)) || c->mon < 1 ||
        c->mon > 12 || c->day < 1 || c->day > 31 || c->hour < 0 ||
        c->hour > 23 || c->min < 0 || c->min > 59 || c->sec < 0 ||
        c->sec > 60 || c->nsec < 0 || c->nsec > 999999999 || c->prec < 0 ||
        c->prec > 9)
        fu_fail("field out of range: %d-%d-%d %d:%d:%d.%d", c->year, c->mon,
                c->day, c->hour, c->min, c->sec, c->nsec);
}

static void iso(const char *s, size_t n)
{
    struct tl_civil c, c2;
    char out[TL_TIME_BUFSZ];
    int64_t ns, ns2;
    size_t used;

    if (tl_time_parse_iso8601(s, n, &c, &used))
        return;
    if (used > n)
        fu_fail("iso8601 used %zu of %zu", used, n);
    check_civil(&c, 1);
    if (tl_civil_to_ns(&c, NULL, &ns, NULL))
        return;
    tl_time_format(ns, 9, out);
    if (tl_time_parse_iso8601(out, strlen(out), &c2, &used) ||
        tl_civil_to_ns(&c2, NULL, &ns2, NULL) || ns2 != ns)
        fu_fail("iso8601 %lld written as '%s' does not read back",
                (long long)ns, out);
}

static void epoch(const char *s, size_t n)
{
    char out[TL_TIME_BUFSZ];
    int64_t ns, ns2;
    size_t used;
    int prec;

    if (tl_time_parse_epoch(s, n, &ns, &prec, &used))
        return;
    if (used > n || prec < 0 || prec > 9)
        fu_fail("epoch used %zu of %zu, prec %d", used, n, prec);
    tl_time_format_epoch(ns, out);
    if (tl_time_parse_epoch(out, strlen(out), &ns2, &prec, &used) ||
        ns2 != ns)
        fu_fail("epoch %lld written as '%s' does not read back",
                (long long)ns, out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fu_strndup(data, size);
    struct tl_civil c;
    struct ftl_err err = { 0 };
    int64_t ns;
    size_t used;

    iso(s, size);
    epoch(s, size);
    if (tl_time_parse_syslog(s, size, &c, &used) == FTL_OK) {
        if (used > size)
            fu_fail("syslog used %zu of %zu", used, size);
        check_civil(&c, 0);
    }
    tl_time_parse_arg(s, &ns, &err);
    free(s);
    return 0;
}
