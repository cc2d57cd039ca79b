/*
 * tests/check_time.c - tests for timeline/time.c
 *
 * One TCase per function of the "Time" section of timeline.h.  Zone tests
 * use Europe/Brussels, America/New_York and Australia/Lord_Howe (a half
 * hour DST shift) from the system zoneinfo database.
 *
 * SPDX-License-Identifier: MIT
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "timeline/timeline.h"

#define S(x) ((int64_t)(x) * TL_NS_PER_SEC)

/* 2023-05-20T00:00:00Z, the example date used throughout */
#define MAY20 1684540800LL

/* Parse 's' as RFC 3339 (all of it) and convert it in 'tz'. */
static int64_t iso_ns(const char *s, const struct tl_tz *tz,
                      unsigned *flags)
{
    struct tl_civil c;
    size_t used = 0;
    int64_t ns = 0;
    unsigned fl = 0;

    ck_assert_int_eq(tl_time_parse_iso8601(s, strlen(s), &c, &used), FTL_OK);
    ck_assert_uint_eq(used, strlen(s));
    ck_assert_int_eq(tl_civil_to_ns(&c, tz, &ns, &fl), FTL_OK);
    if (flags)
        *flags = fl;
    return ns;
}

/* Expect 's' not to parse as a whole: FTL_EPARSE, or only a prefix of
 * it read (a date followed by something that is not a time). */
static void iso_bad(const char *s)
{
    struct tl_civil c;
    size_t used = 0;
    int rc = tl_time_parse_iso8601(s, strlen(s), &c, &used);

    ck_assert_msg(rc == FTL_EPARSE || (rc == FTL_OK && used < strlen(s)),
                  "'%s' should not parse", s);
}

static struct tl_tz *open_tz(const char *name)
{
    struct tl_tz *tz = NULL;
    struct ftl_err e = { 0 };

    ck_assert_msg(tl_tz_open(&tz, name, &e) == FTL_OK, "%s: %s", name,
                  e.msg);
    ck_assert_ptr_nonnull(tz);
    return tz;
}

/* ------------------------------------------------------------------ */
/* tl_time_parse_iso8601                                               */
/* ------------------------------------------------------------------ */

START_TEST(test_time_parse_iso8601_zulu_fills_fields)
{
    const char *s = "2023-05-20T12:34:56Z";
    struct tl_civil c;
    size_t used = 0;

    ck_assert_int_eq(tl_time_parse_iso8601(s, strlen(s), &c, &used), FTL_OK);
    ck_assert_uint_eq(used, 20);
    ck_assert_int_eq(c.year, 2023);
    ck_assert_int_eq(c.mon, 5);
    ck_assert_int_eq(c.day, 20);
    ck_assert_int_eq(c.hour, 12);
    ck_assert_int_eq(c.min, 34);
    ck_assert_int_eq(c.sec, 56);
    ck_assert_int_eq(c.nsec, 0);
    ck_assert_int_eq(c.prec, 0);
    ck_assert_int_eq(c.has_zone, 1);
    ck_assert_int_eq(c.off_sec, 0);
}
END_TEST

START_TEST(test_time_parse_iso8601_lowercase_t_and_z)
{
    ck_assert_int_eq(iso_ns("2023-05-20t12:00:00z", NULL, NULL),
                     S(MAY20 + 43200));
}
END_TEST

START_TEST(test_time_parse_iso8601_offset_forms)
{
    struct tl_civil c;
    size_t used;

    ck_assert_int_eq(iso_ns("2023-05-20T13:00:00+01:00", NULL, NULL),
                     S(MAY20 + 43200));
    ck_assert_int_eq(iso_ns("2023-05-20T13:00:00+0100", NULL, NULL),
                     S(MAY20 + 43200));
    ck_assert_int_eq(iso_ns("2023-05-20T07:00:00-05", NULL, NULL),
                     S(MAY20 + 43200));
    ck_assert_int_eq(iso_ns("2023-05-20T17:45:00+05:45", NULL, NULL),
                     S(MAY20 + 43200));
    ck_assert_int_eq(iso_ns("2023-05-20T12:00:00-00:00", NULL, NULL),
                     S(MAY20 + 43200));
    ck_assert_int_eq(tl_time_parse_iso8601("2023-05-20T07:00:00-0530", 24,
                                           &c, &used), FTL_OK);
    ck_assert_int_eq(c.off_sec, -(5 * 3600 + 30 * 60));
    ck_assert_uint_eq(used, 24);
}
END_TEST

START_TEST(test_time_parse_iso8601_no_zone_has_zone_0)
{
    const char *s = "2023-05-20T12:00:00";
    struct tl_civil c;
    size_t used = 0;

    ck_assert_int_eq(tl_time_parse_iso8601(s, strlen(s), &c, &used), FTL_OK);
    ck_assert_uint_eq(used, 19);
    ck_assert_int_eq(c.has_zone, 0);
    ck_assert_int_eq(c.off_sec, 0);
}
END_TEST

START_TEST(test_time_parse_iso8601_space_separator)
{
    unsigned fl = 0;

    ck_assert_int_eq(iso_ns("2023-05-20 12:00:00", NULL, &fl),
                     S(MAY20 + 43200));
    ck_assert_uint_eq(fl, TL_F_TZ_ASSUMED);
    ck_assert_int_eq(iso_ns("2023-05-20 12:00:00+02:00", NULL, &fl),
                     S(MAY20 + 36000));
    ck_assert_uint_eq(fl, 0);
}
END_TEST

START_TEST(test_time_parse_iso8601_fraction_digits_set_prec)
{
    static const int expect[10] = {
        0, 100000000, 120000000, 123000000, 123400000, 123450000,
        123456000, 123456700, 123456780, 123456789
    };
    char buf[64];
    struct tl_civil c;
    size_t used;

    for (int k = 1; k <= 9; k++) {
        snprintf(buf, sizeof(buf), "2023-05-20T12:00:00.%.*sZ", k,
                 "123456789");
        ck_assert_int_eq(tl_time_parse_iso8601(buf, strlen(buf), &c, &used),
                         FTL_OK);
        ck_assert_uint_eq(used, strlen(buf));
        ck_assert_int_eq(c.prec, k);
        ck_assert_int_eq(c.nsec, expect[k]);
    }
}
END_TEST

START_TEST(test_time_parse_iso8601_long_fraction_truncated)
{
    const char *s = "2023-05-20T12:00:00.123456789999Z";
    struct tl_civil c;
    size_t used;

    ck_assert_int_eq(tl_time_parse_iso8601(s, strlen(s), &c, &used), FTL_OK);
    ck_assert_uint_eq(used, strlen(s));
    ck_assert_int_eq(c.prec, 9);
    ck_assert_int_eq(c.nsec, 123456789);
    ck_assert_int_eq(c.has_zone, 1);
}
END_TEST

START_TEST(test_time_parse_iso8601_comma_fraction)
{
    const char *s = "2023-05-20T12:00:00,25Z";
    struct tl_civil c;
    size_t used;

    ck_assert_int_eq(tl_time_parse_iso8601(s, strlen(s), &c, &used), FTL_OK);
    ck_assert_int_eq(c.nsec, 250000000);
    ck_assert_int_eq(c.prec, 2);
    ck_assert_uint_eq(used, strlen(s));
}
END_TEST

START_TEST(test_time_parse_iso8601_minutes_only)
{
    ck_assert_int_eq(iso_ns("2023-05-20T12:30Z", NULL, NULL),
                     S(MAY20 + 45000));
    ck_assert_int_eq(iso_ns("2023-05-20T13:30+01:00", NULL, NULL),
                     S(MAY20 + 45000));
}
END_TEST

START_TEST(test_time_parse_iso8601_bare_date)
{
    struct tl_civil c;
    size_t used = 99;

    ck_assert_int_eq(tl_time_parse_iso8601("2023-05-20", 10, &c, &used),
                     FTL_OK);
    ck_assert_uint_eq(used, 10);
    ck_assert_int_eq(c.hour, 0);
    ck_assert_int_eq(c.has_zone, 0);
    /* a date then prose: only the date is taken */
    ck_assert_int_eq(tl_time_parse_iso8601("2023-05-20 sshd[1]", 18, &c,
                                           &used), FTL_OK);
    ck_assert_uint_eq(used, 10);
    ck_assert_int_eq(tl_time_parse_iso8601("2023-05-20T", 11, &c, &used),
                     FTL_OK);
    ck_assert_uint_eq(used, 10);
}
END_TEST

START_TEST(test_time_parse_iso8601_trailing_text_not_consumed)
{
    const char *s = "2023-05-20T12:00:00Z host sshd";
    struct tl_civil c;
    size_t used;

    ck_assert_int_eq(tl_time_parse_iso8601(s, strlen(s), &c, &used), FTL_OK);
    ck_assert_uint_eq(used, 20);
    /* a dot ending a sentence is not a fraction */
    ck_assert_int_eq(tl_time_parse_iso8601("2023-05-20T12:00:00.", 20, &c,
                                           &used), FTL_OK);
    ck_assert_uint_eq(used, 19);
    ck_assert_int_eq(c.prec, 0);
    /* a sign without digits is not a zone */
    ck_assert_int_eq(tl_time_parse_iso8601("2023-05-20T12:00:00+x", 21, &c,
                                           &used), FTL_OK);
    ck_assert_uint_eq(used, 19);
    ck_assert_int_eq(c.has_zone, 0);
    /* used may be NULL */
    ck_assert_int_eq(tl_time_parse_iso8601(s, strlen(s), &c, NULL), FTL_OK);
}
END_TEST

START_TEST(test_time_parse_iso8601_respects_length)
{
    /* no NUL: ASan catches a read past n */
    const char *text = "2023-05-20T12:00:00.5Z";
    size_t n = strlen(text);
    char *s = malloc(n);
    struct tl_civil c;
    size_t used;

    ck_assert_ptr_nonnull(s);
    memcpy(s, text, n);
    ck_assert_int_eq(tl_time_parse_iso8601(s, n, &c, &used), FTL_OK);
    ck_assert_uint_eq(used, n);
    ck_assert_int_eq(tl_time_parse_iso8601(s, 19, &c, &used), FTL_OK);
    ck_assert_uint_eq(used, 19);
    ck_assert_int_eq(c.has_zone, 0);
    ck_assert_int_eq(tl_time_parse_iso8601(s, 20, &c, &used), FTL_OK);
    ck_assert_uint_eq(used, 19);
    ck_assert_int_eq(tl_time_parse_iso8601(s, 13, &c, &used), FTL_OK);
    ck_assert_uint_eq(used, 10);
    ck_assert_int_eq(tl_time_parse_iso8601(s, 9, &c, &used), FTL_EPARSE);
    ck_assert_int_eq(tl_time_parse_iso8601(s, 0, &c, &used), FTL_EPARSE);
    free(s);
}
END_TEST

START_TEST(test_time_parse_iso8601_invalid_rejected)
{
    static const char *const bad[] = {
        "2023-02-29", "2024-02-30", "2023-04-31", "2023-13-01",
        "2023-00-10", "2023-05-00", "2023-05-32", "2023-05-20T24:00:00Z",
        "2023-05-20T12:60:00Z", "2023-05-20T12:00:61Z",
        "2023-05-20T12:00:00+24:00", "2023-05-20T12:00:00+01:60",
        "2023-05-20T12:00:00+0160", "2023-05-20T1:00:00Z",
        "2023-05-20T12:0Z", "hello", "", "2023-5-20", "23-05-20",
        "2023/05/20", "2023-05", "20230520", "-2023-05-20", " 2023-05-20",
        NULL
    };

    for (int k = 0; bad[k]; k++)
        iso_bad(bad[k]);
    ck_assert_int_eq(tl_time_parse_iso8601(NULL, 0, &(struct tl_civil){ 0 },
                                           NULL), FTL_EPARSE);
}
END_TEST

START_TEST(test_time_parse_iso8601_leap_days)
{
    iso_ns("2024-02-29T00:00:00Z", NULL, NULL);
    iso_ns("2000-02-29T00:00:00Z", NULL, NULL);
    iso_bad("1900-02-29T00:00:00Z");
    iso_bad("2100-02-29");
    ck_assert_int_eq(iso_ns("2024-02-29T00:00:00Z", NULL, NULL),
                     S(1709164800));
}
END_TEST

START_TEST(test_time_parse_iso8601_leap_second_is_last_ns_of_minute)
{
    struct tl_civil c;
    size_t used;

    ck_assert_int_eq(tl_time_parse_iso8601("2016-12-31T23:59:60Z", 20, &c,
                                           &used), FTL_OK);
    ck_assert_int_eq(c.sec, 60);
    ck_assert_int_eq(iso_ns("2016-12-31T23:59:60Z", NULL, NULL),
                     S(1483228800) - 1);
    ck_assert_int_eq(iso_ns("2016-12-31T23:59:60.5Z", NULL, NULL),
                     S(1483228800) - 1);
    ck_assert_int_eq(iso_ns("2017-01-01T00:59:60+01:00", NULL, NULL),
                     S(1483228800) - 1);
}
END_TEST

START_TEST(test_time_parse_iso8601_pre_1970)
{
    ck_assert_int_eq(iso_ns("1969-12-31T23:59:59.5Z", NULL, NULL),
                     -500000000);
    ck_assert_int_eq(iso_ns("1900-01-01T00:00:00Z", NULL, NULL),
                     S(-2208988800LL));
    ck_assert_int_eq(iso_ns("1969-07-20T20:17:40Z", NULL, NULL),
                     S(-14182940));
}
END_TEST

START_TEST(test_time_parse_iso8601_post_2038)
{
    ck_assert_int_eq(iso_ns("2100-01-01T00:00:00Z", NULL, NULL),
                     S(4102444800LL));
    ck_assert_int_eq(iso_ns("2038-01-19T03:14:08Z", NULL, NULL),
                     S(2147483648LL));
}
END_TEST

/* ------------------------------------------------------------------ */
/* tl_time_parse_syslog                                                */
/* ------------------------------------------------------------------ */

START_TEST(test_time_parse_syslog_space_padded_day)
{
    const char *s = "Feb  6 15:16:30 host sshd[22]: x";
    struct tl_civil c;
    size_t used = 0;

    ck_assert_int_eq(tl_time_parse_syslog(s, strlen(s), &c, &used), FTL_OK);
    ck_assert_uint_eq(used, 15);
    ck_assert_int_eq(c.year, 0);
    ck_assert_int_eq(c.mon, 2);
    ck_assert_int_eq(c.day, 6);
    ck_assert_int_eq(c.hour, 15);
    ck_assert_int_eq(c.min, 16);
    ck_assert_int_eq(c.sec, 30);
    ck_assert_int_eq(c.prec, 0);
    ck_assert_int_eq(c.has_zone, 0);
}
END_TEST

START_TEST(test_time_parse_syslog_day_forms)
{
    struct tl_civil c;
    size_t used;

    ck_assert_int_eq(tl_time_parse_syslog("Feb 06 15:16:30", 15, &c, &used),
                     FTL_OK);
    ck_assert_int_eq(c.day, 6);
    ck_assert_uint_eq(used, 15);
    ck_assert_int_eq(tl_time_parse_syslog("Feb 6 15:16:30", 14, &c, &used),
                     FTL_OK);
    ck_assert_int_eq(c.day, 6);
    ck_assert_uint_eq(used, 14);
    ck_assert_int_eq(tl_time_parse_syslog("Dec 31 23:59:59", 15, &c, &used),
                     FTL_OK);
    ck_assert_int_eq(c.mon, 12);
    ck_assert_int_eq(c.day, 31);
    /* no year yet, so Feb 29 is allowed */
    ck_assert_int_eq(tl_time_parse_syslog("Feb 29 00:00:00", 15, &c, &used),
                     FTL_OK);
}
END_TEST

START_TEST(test_time_parse_syslog_fraction)
{
    const char *s = "Mar 23 23:01:18.123 mx postfix";
    struct tl_civil c;
    size_t used;

    ck_assert_int_eq(tl_time_parse_syslog(s, strlen(s), &c, &used), FTL_OK);
    ck_assert_uint_eq(used, 19);
    ck_assert_int_eq(c.mon, 3);
    ck_assert_int_eq(c.day, 23);
    ck_assert_int_eq(c.nsec, 123000000);
    ck_assert_int_eq(c.prec, 3);
}
END_TEST

START_TEST(test_time_parse_syslog_all_months)
{
    static const char *const m[] = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun",
        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
    };
    char buf[32];
    struct tl_civil c;

    for (int k = 0; k < 12; k++) {
        snprintf(buf, sizeof(buf), "%s 10 01:02:03", m[k]);
        ck_assert_int_eq(tl_time_parse_syslog(buf, strlen(buf), &c, NULL),
                         FTL_OK);
        ck_assert_int_eq(c.mon, k + 1);
    }
}
END_TEST

START_TEST(test_time_parse_syslog_invalid_rejected)
{
    static const char *const bad[] = {
        "MMM 22 10:00:00", "feb 22 10:00:00", "FEB 22 10:00:00",
        "Feb 30 10:00:00", "Apr 31 10:00:00", "Feb 00 10:00:00",
        "Feb  0 10:00:00", "Feb 22 24:00:00", "Feb 22 10:60:00",
        "Feb 22 10:00:61", "Feb 22 10:00", "Feb 22 10:00:0",
        "Feb22 10:00:00", "Feb   6 10:00:00", "Feb 123 10:00:00",
        "Feb 22  10:00:00", "Feb", "", "2023-05-20T12:00:00Z", NULL
    };
    struct tl_civil c;

    for (int k = 0; bad[k]; k++)
        ck_assert_msg(tl_time_parse_syslog(bad[k], strlen(bad[k]), &c, NULL)
                      == FTL_EPARSE, "'%s' should not parse", bad[k]);
}
END_TEST

START_TEST(test_time_parse_syslog_respects_length)
{
    const char *text = "Feb  6 15:16:30.5";
    char *s = malloc(strlen(text));
    struct tl_civil c;
    size_t used;

    ck_assert_ptr_nonnull(s);
    memcpy(s, text, strlen(text));
    ck_assert_int_eq(tl_time_parse_syslog(s, strlen(text), &c, &used),
                     FTL_OK);
    ck_assert_uint_eq(used, strlen(text));
    ck_assert_int_eq(tl_time_parse_syslog(s, 16, &c, &used), FTL_OK);
    ck_assert_uint_eq(used, 15);
    ck_assert_int_eq(tl_time_parse_syslog(s, 14, &c, &used), FTL_EPARSE);
    ck_assert_int_eq(tl_time_parse_syslog(s, 5, &c, &used), FTL_EPARSE);
    free(s);
}
END_TEST

START_TEST(test_time_parse_syslog_converts_with_year)
{
    struct tl_tz *tz = open_tz("Europe/Brussels");
    struct tl_civil c;
    int64_t ns;
    unsigned fl = 0;

    ck_assert_int_eq(tl_time_parse_syslog("Feb  6 15:16:30", 15, &c, NULL),
                     FTL_OK);
    c.year = 2023;
    ck_assert_int_eq(tl_civil_to_ns(&c, tz, &ns, &fl), FTL_OK);
    ck_assert_int_eq(ns, iso_ns("2023-02-06T14:16:30Z", NULL, NULL));
    ck_assert_uint_eq(fl, TL_F_TZ_ASSUMED);
    tl_tz_close(tz);
}
END_TEST

/* ------------------------------------------------------------------ */
/* tl_time_parse_epoch                                                 */
/* ------------------------------------------------------------------ */

START_TEST(test_time_parse_epoch_seconds)
{
    int64_t ns = 0;
    int prec = -1;
    size_t used = 0;

    ck_assert_int_eq(tl_time_parse_epoch("1337961350", 10, &ns, &prec,
                                         &used), FTL_OK);
    ck_assert_int_eq(ns, 1337961350000000000LL);
    ck_assert_int_eq(prec, 0);
    ck_assert_uint_eq(used, 10);
    ck_assert_int_eq(tl_time_parse_epoch("0", 1, &ns, &prec, &used), FTL_OK);
    ck_assert_int_eq(ns, 0);
}
END_TEST

START_TEST(test_time_parse_epoch_negative_fraction)
{
    int64_t ns = 0;
    int prec = -1;

    ck_assert_int_eq(tl_time_parse_epoch("-1.5", 4, &ns, &prec, NULL),
                     FTL_OK);
    ck_assert_int_eq(ns, -1500000000);
    ck_assert_int_eq(prec, 1);
    ck_assert_int_eq(tl_time_parse_epoch("-0.000000001", 12, &ns, &prec,
                                         NULL), FTL_OK);
    ck_assert_int_eq(ns, -1);
    ck_assert_int_eq(prec, 9);
}
END_TEST

START_TEST(test_time_parse_epoch_fraction_precision)
{
    int64_t ns = 0;
    int prec = -1;
    size_t used;

    ck_assert_int_eq(tl_time_parse_epoch("1.123456789", 11, &ns, &prec,
                                         &used), FTL_OK);
    ck_assert_int_eq(ns, 1123456789);
    ck_assert_int_eq(prec, 9);
    ck_assert_int_eq(tl_time_parse_epoch("1.12345678999", 13, &ns, &prec,
                                         &used), FTL_OK);
    ck_assert_int_eq(ns, 1123456789);
    ck_assert_int_eq(prec, 9);
    ck_assert_uint_eq(used, 13);
    ck_assert_int_eq(tl_time_parse_epoch("1684540800.25", 13, &ns, &prec,
                                         &used), FTL_OK);
    ck_assert_int_eq(ns, S(MAY20) + 250000000);
    ck_assert_int_eq(prec, 2);
}
END_TEST

START_TEST(test_time_parse_epoch_limits)
{
    int64_t ns = 0;
    const char *max = "9223372036.854775807";
    const char *min = "-9223372036.854775808";

    ck_assert_int_eq(tl_time_parse_epoch(max, strlen(max), &ns, NULL, NULL),
                     FTL_OK);
    ck_assert_int_eq(ns, INT64_MAX);
    ck_assert_int_eq(tl_time_parse_epoch(min, strlen(min), &ns, NULL, NULL),
                     FTL_OK);
    ck_assert_int_eq(ns, INT64_MIN);
    ck_assert_int_eq(tl_time_parse_epoch("9223372036.854775808", 20, &ns,
                                         NULL, NULL), FTL_EPARSE);
    ck_assert_int_eq(tl_time_parse_epoch("-9223372036.854775809", 21, &ns,
                                         NULL, NULL), FTL_EPARSE);
    ck_assert_int_eq(tl_time_parse_epoch("9223372037", 10, &ns, NULL, NULL),
                     FTL_EPARSE);
    ck_assert_int_eq(tl_time_parse_epoch("99999999999999999999999", 23, &ns,
                                         NULL, NULL), FTL_EPARSE);
}
END_TEST

START_TEST(test_time_parse_epoch_used_and_garbage)
{
    int64_t ns = 0;
    size_t used = 0;

    ck_assert_int_eq(tl_time_parse_epoch("12 rest", 7, &ns, NULL, &used),
                     FTL_OK);
    ck_assert_uint_eq(used, 2);
    ck_assert_int_eq(tl_time_parse_epoch("1.", 2, &ns, NULL, &used), FTL_OK);
    ck_assert_uint_eq(used, 1);
    ck_assert_int_eq(ns, S(1));
    ck_assert_int_eq(tl_time_parse_epoch("", 0, &ns, NULL, &used),
                     FTL_EPARSE);
    ck_assert_int_eq(tl_time_parse_epoch("-", 1, &ns, NULL, &used),
                     FTL_EPARSE);
    ck_assert_int_eq(tl_time_parse_epoch(".5", 2, &ns, NULL, &used),
                     FTL_EPARSE);
    ck_assert_int_eq(tl_time_parse_epoch("abc", 3, &ns, NULL, &used),
                     FTL_EPARSE);
    ck_assert_int_eq(tl_time_parse_epoch("+1", 2, &ns, NULL, &used),
                     FTL_EPARSE);
    /* the length is respected */
    ck_assert_int_eq(tl_time_parse_epoch("12345", 3, &ns, NULL, &used),
                     FTL_OK);
    ck_assert_int_eq(ns, S(123));
}
END_TEST

/* ------------------------------------------------------------------ */
/* tl_days_from_civil, tl_civil_from_days, tl_days_in_month            */
/* ------------------------------------------------------------------ */

START_TEST(test_time_days_from_civil_known_dates)
{
    ck_assert_int_eq(tl_days_from_civil(1970, 1, 1), 0);
    ck_assert_int_eq(tl_days_from_civil(1969, 12, 31), -1);
    ck_assert_int_eq(tl_days_from_civil(2000, 3, 1), 11017);
    ck_assert_int_eq(tl_days_from_civil(1900, 1, 1), -25567);
    ck_assert_int_eq(tl_days_from_civil(2100, 1, 1), 47482);
    ck_assert_int_eq(tl_days_from_civil(0, 3, 1), -719468);
    ck_assert_int_eq(tl_days_from_civil(1, 1, 1), -719162);
    ck_assert_int_eq(tl_days_from_civil(-4713, 11, 24), -2440588);
}
END_TEST

START_TEST(test_time_days_from_civil_month_rolls_over)
{
    ck_assert_int_eq(tl_days_from_civil(2023, 13, 1),
                     tl_days_from_civil(2024, 1, 1));
    ck_assert_int_eq(tl_days_from_civil(2023, 0, 1),
                     tl_days_from_civil(2022, 12, 1));
    ck_assert_int_eq(tl_days_from_civil(2023, -11, 1),
                     tl_days_from_civil(2022, 1, 1));
}
END_TEST

START_TEST(test_time_days_from_civil_matches_timegm)
{
    /* glibc's timegm() as an independent reference */
    for (int y = 1600; y <= 2400; y++) {
        for (int m = 1; m <= 12; m++) {
            struct tm tm = { 0 };

            tm.tm_year = y - 1900;
            tm.tm_mon = m - 1;
            tm.tm_mday = tl_days_in_month(y, m);
            ck_assert_int_eq(tl_days_from_civil(y, m, tm.tm_mday) * 86400,
                             (int64_t)timegm(&tm));
        }
    }
}
END_TEST

START_TEST(test_time_civil_from_days_round_trip)
{
    int64_t y, py = 0;
    int m, d, pm = 0, pd = 0;

    /* about 3300 BC to 6300 AD, every day; plain ifs, as ck_assert is
     * slow in a loop this long */
    for (int64_t days = -2000000; days <= 1600000; days++) {
        tl_civil_from_days(days, &y, &m, &d);
        if (m < 1 || m > 12 || d < 1 || d > tl_days_in_month(y, m))
            ck_abort_msg("day %lld: bad date", (long long)days);
        /* consecutive days are consecutive dates */
        if (days > -2000000 && d != pd + 1 &&
            !(d == 1 && (m == pm + 1 || (m == 1 && pm == 12 &&
                                         y == py + 1))))
            ck_abort_msg("day %lld: does not follow the day before",
                         (long long)days);
        if (tl_days_from_civil(y, m, d) != days)
            ck_abort_msg("day %lld: does not round-trip", (long long)days);
        py = y;
        pm = m;
        pd = d;
    }
}
END_TEST

START_TEST(test_time_civil_from_days_far_range)
{
    int64_t y;
    int m, d;
    int64_t days[] = { -1000000000000LL, -146097 * 1000LL - 1, -1,
                       0, 146097 * 7LL, 999999999999LL };

    for (size_t k = 0; k < sizeof(days) / sizeof(days[0]); k++) {
        tl_civil_from_days(days[k], &y, &m, &d);
        ck_assert_int_eq(tl_days_from_civil(y, m, d), days[k]);
    }
    tl_civil_from_days(-1, &y, &m, &d);
    ck_assert_int_eq(y, 1969);
    ck_assert_int_eq(m, 12);
    ck_assert_int_eq(d, 31);
    tl_civil_from_days(-719468, &y, &m, &d);
    ck_assert_int_eq(y, 0);
    ck_assert_int_eq(m, 3);
    ck_assert_int_eq(d, 1);
}
END_TEST

START_TEST(test_time_days_in_month_leap_rules)
{
    ck_assert_int_eq(tl_days_in_month(2024, 2), 29);
    ck_assert_int_eq(tl_days_in_month(2023, 2), 28);
    ck_assert_int_eq(tl_days_in_month(2000, 2), 29);
    ck_assert_int_eq(tl_days_in_month(1900, 2), 28);
    ck_assert_int_eq(tl_days_in_month(0, 2), 29);
    ck_assert_int_eq(tl_days_in_month(-4, 2), 29);
    ck_assert_int_eq(tl_days_in_month(-100, 2), 28);
    ck_assert_int_eq(tl_days_in_month(2023, 1), 31);
    ck_assert_int_eq(tl_days_in_month(2023, 4), 30);
    ck_assert_int_eq(tl_days_in_month(2023, 12), 31);
    ck_assert_int_eq(tl_days_in_month(2023, 0), 0);
    ck_assert_int_eq(tl_days_in_month(2023, 13), 0);
}
END_TEST

/* ------------------------------------------------------------------ */
/* tl_tz_open and friends                                              */
/* ------------------------------------------------------------------ */

START_TEST(test_time_tz_open_utc_aliases)
{
    static const char *const names[] = {
        "UTC", "Z", "Etc/UTC", "utc", "GMT", "Zulu", NULL
    };

    for (int k = 0; names[k]; k++) {
        struct tl_tz *tz = open_tz(names[k]);

        ck_assert_int_eq(tl_tz_is_utc(tz), 1);
        ck_assert_str_eq(tl_tz_name(tz), names[k]);
        ck_assert_int_eq(tl_tz_offset_at(tz, 1688212800), 0);
        tl_tz_close(tz);
    }
}
END_TEST

START_TEST(test_time_tz_open_iana_zone)
{
    struct tl_tz *tz = open_tz("Europe/Brussels");

    ck_assert_int_eq(tl_tz_is_utc(tz), 0);
    ck_assert_str_eq(tl_tz_name(tz), "Europe/Brussels");
    tl_tz_close(tz);
    tl_tz_close(NULL);
    ck_assert_int_eq(tl_tz_is_utc(NULL), 1);
}
END_TEST

START_TEST(test_time_tz_open_unknown_rejected)
{
    static const char *const bad[] = {
        "Mars/Olympus", "../etc/passwd", "Europe/../../etc/passwd",
        "/usr/share/zoneinfo/Europe/Brussels", "", "Europe",
        "zone.tab", "Europe/Brussels/", "EST5EDT,M3.2.0,M11.1.0", NULL
    };

    for (int k = 0; bad[k]; k++) {
        struct tl_tz *tz = (struct tl_tz *)1;
        struct ftl_err e = { 0 };

        ck_assert_msg(tl_tz_open(&tz, bad[k], &e) == FTL_EUSAGE,
                      "'%s' accepted", bad[k]);
        ck_assert_ptr_null(tz);
        ck_assert_int_eq(e.code, FTL_EUSAGE);
        ck_assert_msg(strlen(e.msg) > 0, "no message for '%s'", bad[k]);
    }
}
END_TEST

START_TEST(test_time_tz_open_message_names_zone)
{
    struct tl_tz *tz = NULL;
    struct ftl_err e = { 0 };

    ck_assert_int_eq(tl_tz_open(&tz, "Mars/Olympus", &e), FTL_EUSAGE);
    ck_assert_ptr_nonnull(strstr(e.msg, "'Mars/Olympus'"));
    ck_assert_int_eq(tl_tz_open(&tz, NULL, NULL), FTL_EUSAGE);
}
END_TEST

START_TEST(test_time_tz_open_honours_tzdir)
{
    struct tl_tz *tz = NULL;
    char *old = getenv("TZDIR") ? strdup(getenv("TZDIR")) : NULL;

    setenv("TZDIR", "/nonexistent-zoneinfo", 1);
    ck_assert_int_eq(tl_tz_open(&tz, "Europe/Brussels", NULL), FTL_EUSAGE);
    /* UTC needs no file */
    ck_assert_int_eq(tl_tz_open(&tz, "UTC", NULL), FTL_OK);
    tl_tz_close(tz);
    if (old)
        setenv("TZDIR", old, 1);
    else
        unsetenv("TZDIR");
    free(old);
    ck_assert_int_eq(tl_tz_open(&tz, "Europe/Brussels", NULL), FTL_OK);
    tl_tz_close(tz);
}
END_TEST

START_TEST(test_time_tz_offset_at_summer_and_winter)
{
    struct tl_tz *bru = open_tz("Europe/Brussels");
    struct tl_tz *ny = open_tz("America/New_York");
    struct tl_tz *lh = open_tz("Australia/Lord_Howe");

    /* 2023-07-01T12:00:00Z and 2023-01-01T12:00:00Z */
    ck_assert_int_eq(tl_tz_offset_at(bru, 1688212800), 7200);
    ck_assert_int_eq(tl_tz_offset_at(bru, 1672574400), 3600);
    ck_assert_int_eq(tl_tz_offset_at(ny, 1688212800), -4 * 3600);
    ck_assert_int_eq(tl_tz_offset_at(ny, 1672574400), -5 * 3600);
    ck_assert_int_eq(tl_tz_offset_at(lh, 1688212800), 10 * 3600 + 1800);
    ck_assert_int_eq(tl_tz_offset_at(lh, 1672574400), 11 * 3600);
    /* switching back and forth keeps working */
    ck_assert_int_eq(tl_tz_offset_at(bru, 1688212800), 7200);
    ck_assert_int_eq(tl_tz_offset_at(NULL, 1688212800), 0);
    tl_tz_close(bru);
    tl_tz_close(ny);
    tl_tz_close(lh);
}
END_TEST

START_TEST(test_time_tz_offset_at_sets_process_tz)
{
    struct tl_tz *bru = open_tz("Europe/Brussels");
    const char *env;

    tl_tz_offset_at(bru, 0);
    env = getenv("TZ");
    ck_assert_ptr_nonnull(env);
    ck_assert_str_eq(env, "Europe/Brussels");
    /* someone else moving TZ does not fool the zone cache */
    setenv("TZ", "America/New_York", 1);
    tzset();
    ck_assert_int_eq(tl_tz_offset_at(bru, 1688212800), 7200);
    tl_tz_close(bru);
}
END_TEST

/* ------------------------------------------------------------------ */
/* tl_civil_to_ns                                                      */
/* ------------------------------------------------------------------ */

START_TEST(test_time_civil_to_ns_zone_is_exact)
{
    struct tl_tz *bru = open_tz("Europe/Brussels");
    unsigned fl = 0;

    /* a stamp with an offset ignores the zone and assumes nothing */
    ck_assert_int_eq(iso_ns("2023-05-20T12:00:00+01:00", bru, &fl),
                     S(MAY20 + 39600));
    ck_assert_uint_eq(fl, 0);
    tl_tz_close(bru);
}
END_TEST

START_TEST(test_time_civil_to_ns_no_zone_assumes_utc)
{
    struct tl_tz *utc = open_tz("UTC");
    unsigned fl = 0;

    ck_assert_int_eq(iso_ns("2023-05-20T12:00:00", NULL, &fl),
                     S(MAY20 + 43200));
    ck_assert_uint_eq(fl, TL_F_TZ_ASSUMED);
    ck_assert_int_eq(iso_ns("2023-05-20T12:00:00", utc, &fl),
                     S(MAY20 + 43200));
    ck_assert_uint_eq(fl, TL_F_TZ_ASSUMED);
    tl_tz_close(utc);
}
END_TEST

START_TEST(test_time_civil_to_ns_flags_are_added)
{
    struct tl_civil c = { .year = 2023, .mon = 5, .day = 20 };
    int64_t ns;
    unsigned fl = TL_F_YEAR_ESTIMATED;

    ck_assert_int_eq(tl_civil_to_ns(&c, NULL, &ns, &fl), FTL_OK);
    ck_assert_uint_eq(fl, TL_F_YEAR_ESTIMATED | TL_F_TZ_ASSUMED);
    ck_assert_int_eq(tl_civil_to_ns(&c, NULL, &ns, NULL), FTL_OK);
    ck_assert_int_eq(ns, S(MAY20));
}
END_TEST

START_TEST(test_time_civil_to_ns_brussels_summer_winter)
{
    struct tl_tz *tz = open_tz("Europe/Brussels");
    unsigned fl = 0;

    ck_assert_int_eq(iso_ns("2023-07-01T12:00:00", tz, &fl),
                     iso_ns("2023-07-01T10:00:00Z", NULL, NULL));
    ck_assert_uint_eq(fl, TL_F_TZ_ASSUMED);
    ck_assert_int_eq(iso_ns("2023-01-01T12:00:00", tz, &fl),
                     iso_ns("2023-01-01T11:00:00Z", NULL, NULL));
    ck_assert_uint_eq(fl, TL_F_TZ_ASSUMED);
    tl_tz_close(tz);
}
END_TEST

START_TEST(test_time_civil_to_ns_brussels_gap)
{
    struct tl_tz *tz = open_tz("Europe/Brussels");
    unsigned fl = 0;

    ck_assert_int_eq(iso_ns("2023-03-26T02:30:00", tz, &fl),
                     iso_ns("2023-03-26T01:30:00Z", NULL, NULL));
    ck_assert_uint_eq(fl, TL_F_TZ_ASSUMED | TL_F_DST_GAP);
    /* either side of the gap is plain */
    ck_assert_int_eq(iso_ns("2023-03-26T01:59:59", tz, &fl),
                     iso_ns("2023-03-26T00:59:59Z", NULL, NULL));
    ck_assert_uint_eq(fl, TL_F_TZ_ASSUMED);
    ck_assert_int_eq(iso_ns("2023-03-26T03:00:00", tz, &fl),
                     iso_ns("2023-03-26T01:00:00Z", NULL, NULL));
    ck_assert_uint_eq(fl, TL_F_TZ_ASSUMED);
    tl_tz_close(tz);
}
END_TEST

START_TEST(test_time_civil_to_ns_brussels_overlap)
{
    struct tl_tz *tz = open_tz("Europe/Brussels");
    unsigned fl = 0;

    ck_assert_int_eq(iso_ns("2023-10-29T02:30:00", tz, &fl),
                     iso_ns("2023-10-29T00:30:00Z", NULL, NULL));
    ck_assert_uint_eq(fl, TL_F_TZ_ASSUMED | TL_F_DST_AMBIGUOUS);
    ck_assert_int_eq(iso_ns("2023-10-29T01:59:59", tz, &fl),
                     iso_ns("2023-10-28T23:59:59Z", NULL, NULL));
    ck_assert_uint_eq(fl, TL_F_TZ_ASSUMED);
    ck_assert_int_eq(iso_ns("2023-10-29T03:00:00", tz, &fl),
                     iso_ns("2023-10-29T02:00:00Z", NULL, NULL));
    ck_assert_uint_eq(fl, TL_F_TZ_ASSUMED);
    tl_tz_close(tz);
}
END_TEST

START_TEST(test_time_civil_to_ns_new_york_gap_and_overlap)
{
    struct tl_tz *tz = open_tz("America/New_York");
    unsigned fl = 0;

    ck_assert_int_eq(iso_ns("2023-03-12T02:30:00", tz, &fl),
                     iso_ns("2023-03-12T07:30:00Z", NULL, NULL));
    ck_assert_uint_eq(fl, TL_F_TZ_ASSUMED | TL_F_DST_GAP);
    ck_assert_int_eq(iso_ns("2023-11-05T01:30:00", tz, &fl),
                     iso_ns("2023-11-05T05:30:00Z", NULL, NULL));
    ck_assert_uint_eq(fl, TL_F_TZ_ASSUMED | TL_F_DST_AMBIGUOUS);
    ck_assert_int_eq(iso_ns("2023-07-04T12:00:00", tz, &fl),
                     iso_ns("2023-07-04T16:00:00Z", NULL, NULL));
    ck_assert_uint_eq(fl, TL_F_TZ_ASSUMED);
    tl_tz_close(tz);
}
END_TEST

START_TEST(test_time_civil_to_ns_half_hour_shift_in_either_order)
{
    struct tl_tz *tz = open_tz("Australia/Lord_Howe");
    unsigned fl = 0;

    /* 2023-10-01: 02:00 +10:30 jumps to 02:30 +11:00 */
    ck_assert_int_eq(iso_ns("2023-10-01T02:45:00", tz, &fl),
                     iso_ns("2023-10-01T02:45:00+11:00", NULL, NULL));
    ck_assert_uint_eq(fl, TL_F_TZ_ASSUMED);
    ck_assert_int_eq(iso_ns("2023-10-01T02:15:00", tz, &fl),
                     iso_ns("2023-10-01T02:15:00+10:30", NULL, NULL));
    ck_assert_uint_eq(fl, TL_F_TZ_ASSUMED | TL_F_DST_GAP);
    ck_assert_int_eq(iso_ns("2023-10-01T02:45:00", tz, &fl),
                     iso_ns("2023-10-01T02:45:00+11:00", NULL, NULL));
    ck_assert_uint_eq(fl, TL_F_TZ_ASSUMED);
    /* 2023-04-02: 02:00 +11:00 falls back to 01:30 +10:30 */
    ck_assert_int_eq(iso_ns("2023-04-02T01:15:00", tz, &fl),
                     iso_ns("2023-04-02T01:15:00+11:00", NULL, NULL));
    ck_assert_uint_eq(fl, TL_F_TZ_ASSUMED);
    ck_assert_int_eq(iso_ns("2023-04-02T01:45:00", tz, &fl),
                     iso_ns("2023-04-02T01:45:00+11:00", NULL, NULL));
    ck_assert_uint_eq(fl, TL_F_TZ_ASSUMED | TL_F_DST_AMBIGUOUS);
    ck_assert_int_eq(iso_ns("2023-04-02T01:15:00", tz, &fl),
                     iso_ns("2023-04-02T01:15:00+11:00", NULL, NULL));
    ck_assert_uint_eq(fl, TL_F_TZ_ASSUMED);
    tl_tz_close(tz);
}
END_TEST

START_TEST(test_time_civil_to_ns_cache_matches_fresh_zone)
{
    static const char *const zones[] = {
        "Europe/Brussels", "America/New_York", "Australia/Lord_Howe", NULL
    };
    static const int64_t starts[] = {
        1679529600, 1698192000, 1678406400, 1696032000
    };

    for (int z = 0; zones[z]; z++) {
        struct tl_tz *kept = open_tz(zones[z]);

        for (size_t s = 0; s < sizeof(starts) / sizeof(starts[0]); s++) {
            /* three days of naive local times, seven minutes apart */
            for (int64_t t = starts[s]; t < starts[s] + 3 * 86400;
                 t += 420) {
                struct tl_tz *fresh = open_tz(zones[z]);
                struct tl_civil c = { 0 };
                int64_t y, a = 0, b = 0;
                unsigned fa = 0, fb = 0;

                tl_civil_from_days(t / 86400, &y, &c.mon, &c.day);
                c.year = (int)y;
                c.hour = (int)(t % 86400 / 3600);
                c.min = (int)(t % 3600 / 60);
                ck_assert_int_eq(tl_civil_to_ns(&c, kept, &a, &fa), FTL_OK);
                ck_assert_int_eq(tl_civil_to_ns(&c, fresh, &b, &fb), FTL_OK);
                ck_assert_int_eq(a, b);
                ck_assert_uint_eq(fa, fb);
                tl_tz_close(fresh);
            }
        }
        tl_tz_close(kept);
    }
}
END_TEST

START_TEST(test_time_civil_to_ns_local_mean_time)
{
    struct tl_tz *tz = open_tz("Europe/Brussels");
    unsigned fl = 0;
    int64_t naive = iso_ns("1850-06-01T12:00:00Z", NULL, NULL);
    int off = tl_tz_offset_at(tz, naive / TL_NS_PER_SEC);

    /* before standard time Brussels kept local mean time (+00:17:30) */
    ck_assert_int_ne(off % 60, 0);
    ck_assert_int_eq(iso_ns("1850-06-01T12:00:00", tz, &fl),
                     naive - S(off));
    ck_assert_uint_eq(fl, TL_F_TZ_ASSUMED);
    tl_tz_close(tz);
}
END_TEST

START_TEST(test_time_civil_to_ns_int64_limits)
{
    struct tl_civil c;
    int64_t ns;
    struct tl_tz *tz = open_tz("Europe/Brussels");

    ck_assert_int_eq(iso_ns("2262-04-11T23:47:16.854775807Z", NULL, NULL),
                     INT64_MAX);
    ck_assert_int_eq(iso_ns("1677-09-21T00:12:43.145224192Z", NULL, NULL),
                     INT64_MIN);
    ck_assert_int_eq(tl_time_parse_iso8601("2262-04-11T23:47:16.854775808Z",
                                           30, &c, NULL), FTL_OK);
    ck_assert_int_eq(tl_civil_to_ns(&c, NULL, &ns, NULL), FTL_EPARSE);
    ck_assert_int_eq(tl_time_parse_iso8601("1677-09-21T00:12:43.145224191Z",
                                           30, &c, NULL), FTL_OK);
    ck_assert_int_eq(tl_civil_to_ns(&c, NULL, &ns, NULL), FTL_EPARSE);
    ck_assert_int_eq(tl_time_parse_iso8601("2262-04-12", 10, &c, NULL),
                     FTL_OK);
    ck_assert_int_eq(tl_civil_to_ns(&c, NULL, &ns, NULL), FTL_EPARSE);
    /* but midnight in Brussels (summer time) is still the 11th in UTC */
    ck_assert_int_eq(tl_civil_to_ns(&c, tz, &ns, NULL), FTL_OK);
    ck_assert_int_eq(ns, iso_ns("2262-04-11T22:00:00Z", NULL, NULL));
    c.hour = 2;
    ck_assert_int_eq(tl_civil_to_ns(&c, tz, &ns, NULL), FTL_EPARSE);
    ck_assert_int_eq(tl_time_parse_iso8601("0001-01-01", 10, &c, NULL),
                     FTL_OK);
    ck_assert_int_eq(tl_civil_to_ns(&c, tz, &ns, NULL), FTL_EPARSE);
    c.year = 2000000000;
    ck_assert_int_eq(tl_civil_to_ns(&c, tz, &ns, NULL), FTL_EPARSE);
    c.year = -2000000000;
    ck_assert_int_eq(tl_civil_to_ns(&c, NULL, &ns, NULL), FTL_EPARSE);
    tl_tz_close(tz);
}
END_TEST

START_TEST(test_time_civil_to_ns_bad_fields_rejected)
{
    struct tl_civil ok = { .year = 2023, .mon = 5, .day = 20 };
    struct tl_civil c;
    int64_t ns;

    c = ok, c.mon = 13;
    ck_assert_int_eq(tl_civil_to_ns(&c, NULL, &ns, NULL), FTL_EPARSE);
    c = ok, c.day = 0;
    ck_assert_int_eq(tl_civil_to_ns(&c, NULL, &ns, NULL), FTL_EPARSE);
    c = ok, c.year = 2023, c.mon = 2, c.day = 29;
    ck_assert_int_eq(tl_civil_to_ns(&c, NULL, &ns, NULL), FTL_EPARSE);
    c = ok, c.hour = 24;
    ck_assert_int_eq(tl_civil_to_ns(&c, NULL, &ns, NULL), FTL_EPARSE);
    c = ok, c.sec = 61;
    ck_assert_int_eq(tl_civil_to_ns(&c, NULL, &ns, NULL), FTL_EPARSE);
    c = ok, c.nsec = 1000000000;
    ck_assert_int_eq(tl_civil_to_ns(&c, NULL, &ns, NULL), FTL_EPARSE);
    c = ok, c.nsec = -1;
    ck_assert_int_eq(tl_civil_to_ns(&c, NULL, &ns, NULL), FTL_EPARSE);
}
END_TEST

/* ------------------------------------------------------------------ */
/* tl_time_format                                                      */
/* ------------------------------------------------------------------ */

START_TEST(test_time_format_epoch_zero)
{
    char buf[TL_TIME_BUFSZ];

    ck_assert_ptr_eq(tl_time_format(0, 0, buf), buf);
    ck_assert_str_eq(buf, "1970-01-01T00:00:00Z");
    ck_assert_str_eq(tl_time_format(0, -1, buf), "1970-01-01T00:00:00Z");
    ck_assert_str_eq(tl_time_format(0, 3, buf), "1970-01-01T00:00:00.000Z");
}
END_TEST

START_TEST(test_time_format_every_prec_truncates)
{
    static const char *const expect[10] = {
        "2023-05-20T12:00:00Z", "2023-05-20T12:00:00.9Z",
        "2023-05-20T12:00:00.98Z", "2023-05-20T12:00:00.987Z",
        "2023-05-20T12:00:00.9876Z", "2023-05-20T12:00:00.98765Z",
        "2023-05-20T12:00:00.987654Z", "2023-05-20T12:00:00.9876543Z",
        "2023-05-20T12:00:00.98765432Z", "2023-05-20T12:00:00.987654321Z"
    };
    char buf[TL_TIME_BUFSZ];
    int64_t ns = S(MAY20 + 43200) + 987654321;

    for (int p = 0; p <= 9; p++)
        ck_assert_str_eq(tl_time_format(ns, p, buf), expect[p]);
    /* more than 9 digits is 9 */
    ck_assert_str_eq(tl_time_format(ns, 12, buf), expect[9]);
}
END_TEST

START_TEST(test_time_format_shortest_exact_prec)
{
    char buf[TL_TIME_BUFSZ];
    int64_t base = S(MAY20);

    ck_assert_str_eq(tl_time_format(base, -1, buf), "2023-05-20T00:00:00Z");
    ck_assert_str_eq(tl_time_format(base + 500000000, -1, buf),
                     "2023-05-20T00:00:00.500Z");
    ck_assert_str_eq(tl_time_format(base + 120000000, -1, buf),
                     "2023-05-20T00:00:00.120Z");
    ck_assert_str_eq(tl_time_format(base + 123456000, -1, buf),
                     "2023-05-20T00:00:00.123456Z");
    ck_assert_str_eq(tl_time_format(base + 1000, -1, buf),
                     "2023-05-20T00:00:00.000001Z");
    ck_assert_str_eq(tl_time_format(base + 1, -1, buf),
                     "2023-05-20T00:00:00.000000001Z");
    ck_assert_str_eq(tl_time_format(base + 123456789, -5, buf),
                     "2023-05-20T00:00:00.123456789Z");
}
END_TEST

START_TEST(test_time_format_negative_ns)
{
    char buf[TL_TIME_BUFSZ];

    ck_assert_str_eq(tl_time_format(-1, 9, buf),
                     "1969-12-31T23:59:59.999999999Z");
    ck_assert_str_eq(tl_time_format(-1, -1, buf),
                     "1969-12-31T23:59:59.999999999Z");
    ck_assert_str_eq(tl_time_format(-1, 0, buf), "1969-12-31T23:59:59Z");
    ck_assert_str_eq(tl_time_format(-500000000, -1, buf),
                     "1969-12-31T23:59:59.500Z");
    ck_assert_str_eq(tl_time_format(-S(1), -1, buf),
                     "1969-12-31T23:59:59Z");
    ck_assert_str_eq(tl_time_format(S(-2208988800LL), -1, buf),
                     "1900-01-01T00:00:00Z");
    ck_assert_str_eq(tl_time_format(S(-14182940) - 1, 3, buf),
                     "1969-07-20T20:17:39.999Z");
}
END_TEST

START_TEST(test_time_format_int64_limits)
{
    char buf[TL_TIME_BUFSZ];

    ck_assert_str_eq(tl_time_format(INT64_MAX, -1, buf),
                     "2262-04-11T23:47:16.854775807Z");
    ck_assert_str_eq(tl_time_format(INT64_MIN, -1, buf),
                     "1677-09-21T00:12:43.145224192Z");
    ck_assert_str_eq(tl_time_format(S(4102444800LL), -1, buf),
                     "2100-01-01T00:00:00Z");
}
END_TEST

/* ------------------------------------------------------------------ */
/* tl_time_format_tz                                                   */
/* ------------------------------------------------------------------ */

START_TEST(test_time_format_tz_null_and_utc)
{
    struct tl_tz *utc = open_tz("UTC");
    char buf[TL_TIME_BUFSZ];
    int64_t ns = S(MAY20 + 43200);

    ck_assert_str_eq(tl_time_format_tz(ns, 0, NULL, buf),
                     "2023-05-20T12:00:00Z");
    ck_assert_ptr_eq(tl_time_format_tz(ns, 0, utc, buf), buf);
    ck_assert_str_eq(buf, "2023-05-20T12:00:00+00:00");
    tl_tz_close(utc);
}
END_TEST

START_TEST(test_time_format_tz_brussels_summer_winter)
{
    struct tl_tz *tz = open_tz("Europe/Brussels");
    char buf[TL_TIME_BUFSZ];

    ck_assert_str_eq(tl_time_format_tz(iso_ns("2023-07-01T10:00:00Z", NULL,
                                              NULL), 0, tz, buf),
                     "2023-07-01T12:00:00+02:00");
    ck_assert_str_eq(tl_time_format_tz(iso_ns("2023-01-01T11:00:00.25Z",
                                              NULL, NULL), -1, tz, buf),
                     "2023-01-01T12:00:00.250+01:00");
    /* across midnight and the year */
    ck_assert_str_eq(tl_time_format_tz(iso_ns("2023-12-31T23:30:00Z", NULL,
                                              NULL), 0, tz, buf),
                     "2024-01-01T00:30:00+01:00");
    /* both halves of the DST overlap */
    ck_assert_str_eq(tl_time_format_tz(iso_ns("2023-10-29T00:30:00Z", NULL,
                                              NULL), 0, tz, buf),
                     "2023-10-29T02:30:00+02:00");
    ck_assert_str_eq(tl_time_format_tz(iso_ns("2023-10-29T01:30:00Z", NULL,
                                              NULL), 0, tz, buf),
                     "2023-10-29T02:30:00+01:00");
    tl_tz_close(tz);
}
END_TEST

START_TEST(test_time_format_tz_negative_and_half_hour_offsets)
{
    struct tl_tz *ny = open_tz("America/New_York");
    struct tl_tz *lh = open_tz("Australia/Lord_Howe");
    char buf[TL_TIME_BUFSZ];
    int64_t ns = S(MAY20 + 43200);

    ck_assert_str_eq(tl_time_format_tz(ns, 0, ny, buf),
                     "2023-05-20T08:00:00-04:00");
    ck_assert_str_eq(tl_time_format_tz(ns, 0, lh, buf),
                     "2023-05-20T22:30:00+10:30");
    ck_assert_str_eq(tl_time_format_tz(-1, 9, ny, buf),
                     "1969-12-31T18:59:59.999999999-05:00");
    tl_tz_close(ny);
    tl_tz_close(lh);
}
END_TEST

START_TEST(test_time_format_tz_lmt_rounded_to_minute)
{
    struct tl_tz *tz = open_tz("Europe/Brussels");
    char buf[TL_TIME_BUFSZ];
    int64_t ns = iso_ns("1880-01-01T00:00:00Z", NULL, NULL);

    /* +00:17:30 has no RFC 3339 form: +00:18, the same instant */
    ck_assert_int_eq(tl_tz_offset_at(tz, ns / TL_NS_PER_SEC), 1050);
    ck_assert_str_eq(tl_time_format_tz(ns, 0, tz, buf),
                     "1880-01-01T00:18:00+00:18");
    ck_assert_int_eq(iso_ns(buf, NULL, NULL), ns);
    tl_tz_close(tz);
}
END_TEST

START_TEST(test_time_format_tz_round_trips)
{
    static const char *const zones[] = {
        "Europe/Brussels", "America/New_York", "Australia/Lord_Howe",
        "Asia/Kathmandu", "UTC", NULL
    };
    char buf[TL_TIME_BUFSZ];

    for (int z = 0; zones[z]; z++) {
        struct tl_tz *tz = open_tz(zones[z]);

        for (int64_t s = -3000000000LL; s < 5000000000LL; s += 7777777) {
            int64_t ns = S(s) + 123456789;

            tl_time_format_tz(ns, 9, tz, buf);
            ck_assert_int_eq(iso_ns(buf, NULL, NULL), ns);
        }
        tl_tz_close(tz);
    }
}
END_TEST

/* ------------------------------------------------------------------ */
/* tl_time_parse_arg                                                   */
/* ------------------------------------------------------------------ */

START_TEST(test_time_parse_arg_accepted_forms)
{
    int64_t ns = 0;

    ck_assert_int_eq(tl_time_parse_arg("2023-05-20T12:00:00Z", &ns, NULL),
                     FTL_OK);
    ck_assert_int_eq(ns, S(MAY20 + 43200));
    ck_assert_int_eq(tl_time_parse_arg("2023-05-20T12:00:00", &ns, NULL),
                     FTL_OK);
    ck_assert_int_eq(ns, S(MAY20 + 43200));
    ck_assert_int_eq(tl_time_parse_arg("2023-05-20T14:00:00+02:00", &ns,
                                       NULL), FTL_OK);
    ck_assert_int_eq(ns, S(MAY20 + 43200));
    ck_assert_int_eq(tl_time_parse_arg("2023-05-20", &ns, NULL), FTL_OK);
    ck_assert_int_eq(ns, S(MAY20));
    ck_assert_int_eq(tl_time_parse_arg("@1684540800", &ns, NULL), FTL_OK);
    ck_assert_int_eq(ns, S(MAY20));
    ck_assert_int_eq(tl_time_parse_arg("@1684540800.5", &ns, NULL), FTL_OK);
    ck_assert_int_eq(ns, S(MAY20) + 500000000);
    ck_assert_int_eq(tl_time_parse_arg("@-1", &ns, NULL), FTL_OK);
    ck_assert_int_eq(ns, -S(1));
}
END_TEST

START_TEST(test_time_parse_arg_garbage_is_usage_error)
{
    static const char *const bad[] = {
        "", "garbage", "2023-05-20T12:00:00Zx", "2023-05-20 ",
        "2023-05-20T", "@", "@12x", "@ 12", "2023-02-29", "12:00",
        "2023-05-20T12:00:00.", "1684540800", " 2023-05-20", NULL
    };

    for (int k = 0; bad[k]; k++) {
        struct ftl_err e = { 0 };
        int64_t ns = 0;

        ck_assert_msg(tl_time_parse_arg(bad[k], &ns, &e) == FTL_EUSAGE,
                      "'%s' accepted", bad[k]);
        ck_assert_int_eq(e.code, FTL_EUSAGE);
        ck_assert_ptr_nonnull(strstr(e.msg, "invalid time '"));
    }
    ck_assert_int_eq(tl_time_parse_arg(NULL, &(int64_t){ 0 }, NULL),
                     FTL_EUSAGE);
}
END_TEST

START_TEST(test_time_parse_arg_message_explains)
{
    struct ftl_err e = { 0 };
    int64_t ns;

    ck_assert_int_eq(tl_time_parse_arg("yesterday", &ns, &e), FTL_EUSAGE);
    ck_assert_str_eq(e.msg, "invalid time 'yesterday': expected RFC 3339 "
                     "(2023-05-20T12:00:00Z), a date or @epoch");
    ck_assert_int_eq(tl_time_parse_arg("2262-04-12", &ns, &e), FTL_EUSAGE);
    ck_assert_ptr_nonnull(strstr(e.msg, "out of range"));
    ck_assert_int_eq(tl_time_parse_arg("@9999999999", &ns, &e), FTL_EUSAGE);
    /* *ns is left alone on failure, even after a partial parse */
    ns = 42;
    ck_assert_int_eq(tl_time_parse_arg("@12x", &ns, &e), FTL_EUSAGE);
    ck_assert_int_eq(ns, 42);
}
END_TEST

/* ------------------------------------------------------------------ */
/* tl_time_now                                                         */
/* ------------------------------------------------------------------ */

START_TEST(test_time_now_is_current)
{
    int64_t a = tl_time_now(), b;

    /* after 2020-01-01 and before 2200-01-01 */
    ck_assert_int_gt(a, S(1577836800LL));
    ck_assert_int_lt(a, S(7258118400LL));
    b = tl_time_now();
    ck_assert_int_ge(b, a - S(1));
    ck_assert_int_le(b - a, S(60));
}
END_TEST

/* ------------------------------------------------------------------ */
/* Round trips                                                         */
/* ------------------------------------------------------------------ */

START_TEST(test_time_round_trip_parse_format)
{
    static const char *const stamps[] = {
        "1970-01-01T00:00:00Z", "1969-07-20T20:17:40Z",
        "2023-05-20T12:00:00.123Z", "1900-01-01T00:00:00.000001Z",
        "2262-04-11T23:47:16.854775807Z", "1677-09-21T00:12:43.145224192Z",
        "2000-02-29T23:59:59.999999999Z", "2100-01-01T00:00:00.5Z",
        "1969-12-31T23:59:59.99Z", NULL
    };
    char buf[TL_TIME_BUFSZ];

    for (int k = 0; stamps[k]; k++) {
        const char *s = stamps[k];
        struct tl_civil c;
        int64_t ns;

        ck_assert_int_eq(tl_time_parse_iso8601(s, strlen(s), &c, NULL),
                         FTL_OK);
        ck_assert_int_eq(tl_civil_to_ns(&c, NULL, &ns, NULL), FTL_OK);
        ck_assert_str_eq(tl_time_format(ns, c.prec, buf), s);
    }
}
END_TEST

START_TEST(test_time_round_trip_format_parse)
{
    char buf[TL_TIME_BUFSZ];
    uint64_t x = 88172645463325252ULL;

    /* xorshift over the whole int64 range */
    for (int k = 0; k < 100000; k++) {
        int64_t ns, back;
        int64_t prec;

        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        ns = (int64_t)x;
        tl_time_format(ns, 9, buf);
        back = iso_ns(buf, NULL, NULL);
        ck_assert_int_eq(back, ns);
        prec = k % 10;
        tl_time_format(ns, (int)prec, buf);
        ck_assert_uint_eq(strlen(buf), 20 + (prec ? prec + 1 : 0));
    }
}
END_TEST

START_TEST(test_time_from_sec_range)
{
    int64_t ns = 7;

    ck_assert_int_eq(tl_time_from_sec(1684066332, 123456789, &ns), FTL_OK);
    ck_assert_int_eq(ns, 1684066332123456789LL);
    ck_assert_int_eq(tl_time_from_sec(-1, 500000000, &ns), FTL_OK);
    ck_assert_int_eq(ns, -500000000LL);
    ck_assert_int_eq(tl_time_from_sec(0, 0, &ns), FTL_OK);
    ck_assert_int_eq(ns, 0);
    /* 2446 (ext4 extra epoch bits) does not fit int64 ns */
    ck_assert_int_eq(tl_time_from_sec(15032385535LL, 0, &ns), FTL_EPARSE);
    ck_assert_int_eq(ns, 0);
    ck_assert_int_eq(tl_time_from_sec(-15032385535LL, 0, &ns), FTL_EPARSE);
    /* 2262-04-11T23:47:16Z is the last whole second that fits */
    ck_assert_int_eq(tl_time_from_sec(9223372036LL, 854775807, &ns), FTL_OK);
    ck_assert_int_eq(ns, INT64_MAX);
    ck_assert_int_eq(tl_time_from_sec(9223372036LL, 854775808, &ns),
                     FTL_EPARSE);
    ck_assert_int_eq(ns, 0);
    ck_assert_int_eq(tl_time_from_sec(32503680000LL, 0, &ns), FTL_EPARSE);
    ck_assert_int_eq(tl_time_from_sec(-9223372037LL, 0, &ns), FTL_EPARSE);
    /* the first instant that fits */
    ck_assert_int_eq(tl_time_from_sec(-9223372037LL, 145224192, &ns),
                     FTL_OK);
    ck_assert_int_eq(ns, INT64_MIN);
    ck_assert_int_eq(tl_time_usec(-1), -1);
    ck_assert_int_eq(tl_time_usec(-1000), -1);
    ck_assert_int_eq(tl_time_usec(1999), 1);
    ck_assert_int_eq(tl_time_sec(-1), -1);
    ck_assert_int_eq(tl_time_sec(TL_NS_PER_SEC), 1);
    ck_assert_int_eq(tl_time_from_sec(0, TL_NS_PER_SEC, &ns), FTL_EPARSE);
    ck_assert_int_eq(tl_time_from_sec(0, -1, &ns), FTL_EPARSE);
}
END_TEST

/* The parsers: ISO 8601, syslog, epoch. */
static void add_parse_cases(Suite *s)
{
    TCase *tc;

    tc = tcase_create("tl_time_parse_iso8601");
    tcase_add_test(tc, test_time_parse_iso8601_zulu_fills_fields);
    tcase_add_test(tc, test_time_parse_iso8601_lowercase_t_and_z);
    tcase_add_test(tc, test_time_parse_iso8601_offset_forms);
    tcase_add_test(tc, test_time_parse_iso8601_no_zone_has_zone_0);
    tcase_add_test(tc, test_time_parse_iso8601_space_separator);
    tcase_add_test(tc, test_time_parse_iso8601_fraction_digits_set_prec);
    tcase_add_test(tc, test_time_parse_iso8601_long_fraction_truncated);
    tcase_add_test(tc, test_time_parse_iso8601_comma_fraction);
    tcase_add_test(tc, test_time_parse_iso8601_minutes_only);
    tcase_add_test(tc, test_time_parse_iso8601_bare_date);
    tcase_add_test(tc, test_time_parse_iso8601_trailing_text_not_consumed);
    tcase_add_test(tc, test_time_parse_iso8601_respects_length);
    tcase_add_test(tc, test_time_parse_iso8601_invalid_rejected);
    tcase_add_test(tc, test_time_parse_iso8601_leap_days);
    tcase_add_test(tc,
                   test_time_parse_iso8601_leap_second_is_last_ns_of_minute);
    tcase_add_test(tc, test_time_parse_iso8601_pre_1970);
    tcase_add_test(tc, test_time_parse_iso8601_post_2038);
    suite_add_tcase(s, tc);

    tc = tcase_create("tl_time_parse_syslog");
    tcase_add_test(tc, test_time_parse_syslog_space_padded_day);
    tcase_add_test(tc, test_time_parse_syslog_day_forms);
    tcase_add_test(tc, test_time_parse_syslog_fraction);
    tcase_add_test(tc, test_time_parse_syslog_all_months);
    tcase_add_test(tc, test_time_parse_syslog_invalid_rejected);
    tcase_add_test(tc, test_time_parse_syslog_respects_length);
    tcase_add_test(tc, test_time_parse_syslog_converts_with_year);
    suite_add_tcase(s, tc);

    tc = tcase_create("tl_time_parse_epoch");
    tcase_add_test(tc, test_time_parse_epoch_seconds);
    tcase_add_test(tc, test_time_parse_epoch_negative_fraction);
    tcase_add_test(tc, test_time_parse_epoch_fraction_precision);
    tcase_add_test(tc, test_time_parse_epoch_limits);
    tcase_add_test(tc, test_time_parse_epoch_used_and_garbage);
    suite_add_tcase(s, tc);
}

/* The calendar and the zones. */
static void add_civil_cases(Suite *s)
{
    TCase *tc;

    tc = tcase_create("tl_days_from_civil");
    tcase_add_test(tc, test_time_days_from_civil_known_dates);
    tcase_add_test(tc, test_time_days_from_civil_month_rolls_over);
    tcase_add_test(tc, test_time_days_from_civil_matches_timegm);
    suite_add_tcase(s, tc);

    tc = tcase_create("tl_civil_from_days");
    tcase_add_test(tc, test_time_civil_from_days_round_trip);
    tcase_add_test(tc, test_time_civil_from_days_far_range);
    suite_add_tcase(s, tc);

    tc = tcase_create("tl_days_in_month");
    tcase_add_test(tc, test_time_days_in_month_leap_rules);
    suite_add_tcase(s, tc);

    tc = tcase_create("tl_tz");
    tcase_add_test(tc, test_time_tz_open_utc_aliases);
    tcase_add_test(tc, test_time_tz_open_iana_zone);
    tcase_add_test(tc, test_time_tz_open_unknown_rejected);
    tcase_add_test(tc, test_time_tz_open_message_names_zone);
    tcase_add_test(tc, test_time_tz_open_honours_tzdir);
    tcase_add_test(tc, test_time_tz_offset_at_summer_and_winter);
    tcase_add_test(tc, test_time_tz_offset_at_sets_process_tz);
    suite_add_tcase(s, tc);

    tc = tcase_create("tl_civil_to_ns");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_time_civil_to_ns_zone_is_exact);
    tcase_add_test(tc, test_time_civil_to_ns_no_zone_assumes_utc);
    tcase_add_test(tc, test_time_civil_to_ns_flags_are_added);
    tcase_add_test(tc, test_time_civil_to_ns_brussels_summer_winter);
    tcase_add_test(tc, test_time_civil_to_ns_brussels_gap);
    tcase_add_test(tc, test_time_civil_to_ns_brussels_overlap);
    tcase_add_test(tc, test_time_civil_to_ns_new_york_gap_and_overlap);
    tcase_add_test(tc, test_time_civil_to_ns_half_hour_shift_in_either_order);
    tcase_add_test(tc, test_time_civil_to_ns_cache_matches_fresh_zone);
    tcase_add_test(tc, test_time_civil_to_ns_local_mean_time);
    tcase_add_test(tc, test_time_civil_to_ns_int64_limits);
    tcase_add_test(tc, test_time_civil_to_ns_bad_fields_rejected);
    suite_add_tcase(s, tc);
}

/* Formatting, and the rest. */
static void add_format_cases(Suite *s)
{
    TCase *tc;

    tc = tcase_create("tl_time_format");
    tcase_add_test(tc, test_time_format_epoch_zero);
    tcase_add_test(tc, test_time_format_every_prec_truncates);
    tcase_add_test(tc, test_time_format_shortest_exact_prec);
    tcase_add_test(tc, test_time_format_negative_ns);
    tcase_add_test(tc, test_time_format_int64_limits);
    suite_add_tcase(s, tc);

    tc = tcase_create("tl_time_format_tz");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_time_format_tz_null_and_utc);
    tcase_add_test(tc, test_time_format_tz_brussels_summer_winter);
    tcase_add_test(tc, test_time_format_tz_negative_and_half_hour_offsets);
    tcase_add_test(tc, test_time_format_tz_lmt_rounded_to_minute);
    tcase_add_test(tc, test_time_format_tz_round_trips);
    suite_add_tcase(s, tc);

    tc = tcase_create("tl_time_parse_arg");
    tcase_add_test(tc, test_time_parse_arg_accepted_forms);
    tcase_add_test(tc, test_time_parse_arg_garbage_is_usage_error);
    tcase_add_test(tc, test_time_parse_arg_message_explains);
    suite_add_tcase(s, tc);

    tc = tcase_create("tl_time_now");
    tcase_add_test(tc, test_time_now_is_current);
    suite_add_tcase(s, tc);

    tc = tcase_create("round_trip");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_time_round_trip_parse_format);
    tcase_add_test(tc, test_time_round_trip_format_parse);
    suite_add_tcase(s, tc);

    tc = tcase_create("tl_time_from_sec");
    tcase_add_test(tc, test_time_from_sec_range);
    suite_add_tcase(s, tc);
}

Suite *time_suite(void)
{
    Suite *s = suite_create("time");

    add_parse_cases(s);
    add_civil_cases(s);
    add_format_cases(s);
    return s;
}
