/*
 * tests/check_maillog.c - the mail-log collector: envelopes, years,
 * fields, and a whole collection through collect_src()
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>
#include <check.h>

#include "testutil.h"
#include "collectors/maillog/maillog_int.h"

static struct ml_opts opts;
static struct ml_run run;
static struct col_ctx ctx;
static struct ftl_err err;

static void run_setup(void)
{
    memset(&run, 0, sizeof(run));
    memset(&ctx, 0, sizeof(ctx));
    memset(&opts, 0, sizeof(opts));
    run.ctx = &ctx;
    run.err = &err;
    run.opts = &opts;
    run.tzname = "UTC";
    ck_assert_int_eq(col_ml_run_init(&run), FTL_OK);
}

static void run_teardown(void)
{
    col_ml_run_release(&run);
}

/* Envelope of 'text' (kept alive in a static buffer).  The line starts
 * out filled with junk, as on the collector's stack: a field the
 * envelope forgets to set shows. */
static int env(const char *text, struct ml_line *l)
{
    static char buf[1024];

    snprintf(buf, sizeof(buf), "%s", text);
    run.arena_used = 0;
    memset(l, 0xA5, sizeof(*l));
    return col_ml_envelope(&run, l, buf, strlen(buf));
}

START_TEST(test_maillog_envelope_bsd)
{
    struct ml_line l;

    ck_assert_int_eq(env("Jan 31 09:50:02 raptor postfix/smtpd[20396]: "
                         "disconnect from x[192.0.2.1]", &l), ML_ENV_OK);
    ck_assert_int_eq(l.stamp, ML_ST_BSD);
    ck_assert_int_eq(l.civ.mon, 1);
    ck_assert_int_eq(l.civ.day, 31);
    ck_assert_int_eq(l.civ.hour, 9);
    ck_assert_int_eq(l.civ.sec, 2);
    ck_assert_str_eq(l.raw_time, "Jan 31 09:50:02");
    ck_assert_str_eq(l.host, "raptor");
    ck_assert_str_eq(l.prog, "postfix/smtpd");
    ck_assert_str_eq(l.pid, "20396");
    ck_assert_str_eq(l.msg, "disconnect from x[192.0.2.1]");
    /* a facility tag and a year after the time */
    ck_assert_int_eq(env("Jun 17 14:37:39 <mail.notice> robin sm-mta[2794]: "
                         "x", &l), ML_ENV_OK);
    ck_assert_str_eq(l.host, "robin");
    ck_assert_str_eq(l.prog, "sm-mta");
    ck_assert_int_eq(env("Apr 11 11:24:37 2012 fw inbound/pass1[25713]: y",
                         &l), ML_ENV_OK);
    ck_assert_int_eq(l.stamp, ML_ST_FULL);
    ck_assert_int_eq(l.civ.year, 2012);
    ck_assert_str_eq(l.raw_time, "Apr 11 11:24:37 2012");
    ck_assert_str_eq(l.prog, "inbound/pass1");
}
END_TEST

START_TEST(test_maillog_envelope_no_host_or_tag)
{
    struct ml_line l;

    ck_assert_int_eq(env("Nov 18 08:30:20 kernel: [997.390602] sda2", &l),
                     ML_ENV_OK);
    ck_assert_ptr_null(l.host);
    ck_assert_str_eq(l.prog, "kernel");
    ck_assert_str_eq(l.msg, "[997.390602] sda2");
    ck_assert_int_eq(env("Feb 29 01:15:43: --- testing leap year ---", &l),
                     ML_ENV_OK);
    ck_assert_ptr_null(l.host);
    ck_assert_ptr_null(l.prog);
    ck_assert_str_eq(l.msg, "--- testing leap year ---");
    ck_assert_int_eq(env("Jan 22 07:54:32 myhost Job `cron.daily' ended",
                         &l), ML_ENV_OK);
    ck_assert_str_eq(l.host, "myhost");
    ck_assert_ptr_null(l.prog);
    ck_assert_str_eq(l.msg, "Job `cron.daily' ended");
    ck_assert_int_eq(env("Mar 23 23:01:18.123 h p[19]: frac", &l),
                     ML_ENV_OK);
    ck_assert_int_eq(l.civ.nsec, 123000000);
    ck_assert_int_eq(l.civ.prec, 3);
}
END_TEST

START_TEST(test_maillog_envelope_iso_and_5424)
{
    struct ml_line l;

    ck_assert_int_eq(env("2023-03-14T00:08:35.948047+01:00 mx postfix/qmgr"
                         "[7]: ABCDEF0123: removed", &l), ML_ENV_OK);
    ck_assert_int_eq(l.stamp, ML_ST_FULL);
    ck_assert_int_eq(l.civ.has_zone, 1);
    ck_assert_int_eq(l.civ.off_sec, 3600);
    ck_assert_int_eq(l.civ.nsec, 948047000);
    ck_assert_str_eq(l.host, "mx");
    ck_assert_str_eq(l.msg, "ABCDEF0123: removed");
    ck_assert_int_eq(env("<165>1 2003-10-11T22:14:15.003Z frodo.example.com "
                         "postfix 42 ID47 [ex@1 a=\"x\\]y\"][b@2] - BOM ok",
                         &l), ML_ENV_OK);
    ck_assert_str_eq(l.host, "frodo.example.com");
    ck_assert_str_eq(l.prog, "postfix");
    ck_assert_str_eq(l.pid, "42");
    ck_assert_str_eq(l.msg, "- BOM ok");
    ck_assert_int_eq(env("<34>1 2003-10-11T22:14:15Z - - - - -", &l),
                     ML_ENV_OK);
    ck_assert_ptr_null(l.host);
    ck_assert_ptr_null(l.prog);
    ck_assert_int_eq(env("<34>1 2003-10-11T22:14:15Z host", &l),
                     ML_ENV_BAD);
}
END_TEST

START_TEST(test_maillog_envelope_exim)
{
    struct ml_line l;

    ck_assert_int_eq(env("2013-06-10 18:33:32 [10099] H=(x) [192.0.2.7] "
                         "rejected RCPT a@b: relay not permitted", &l),
                     ML_ENV_OK);
    ck_assert_int_eq(l.exim_native, 1);
    ck_assert_ptr_null(l.prog);
    ck_assert_str_eq(l.raw_time, "2013-06-10 18:33:32");
    ck_assert_int_eq(l.civ.has_zone, 0);
    /* log_timezone: a zone after a blank */
    ck_assert_int_eq(env("2023-03-14 00:08:35.123 +0100 1pbx9D-0003Hf-6K "
                         "Completed", &l), ML_ENV_OK);
    ck_assert_int_eq(l.civ.has_zone, 1);
    ck_assert_int_eq(l.civ.off_sec, 3600);
    ck_assert_str_eq(l.msg, "1pbx9D-0003Hf-6K Completed");
    /* date first, then a syslog tag: a syslog line */
    ck_assert_int_eq(env("2019-10-22 03:39:17 mx1.fqdn.local exim[29786]: "
                         "x", &l), ML_ENV_OK);
    ck_assert_int_eq(l.exim_native, 0);
    ck_assert_str_eq(l.prog, "exim");
    ck_assert_str_eq(l.host, "mx1.fqdn.local");
    /* no syslog stamp, the date after the tag */
    ck_assert_int_eq(env("mail.example.com exim[3751842]: 2021-07-17 "
                         "23:20:49 plain_server authenticator failed", &l),
                     ML_ENV_OK);
    ck_assert_int_eq(l.stamp, ML_ST_FULL);
    ck_assert_int_eq(l.civ.year, 2021);
    ck_assert_str_eq(l.msg, "plain_server authenticator failed");
}
END_TEST

START_TEST(test_maillog_envelope_bad_blank_cont)
{
    struct ml_line l;

    ck_assert_int_eq(env("", &l), ML_ENV_BLANK);
    ck_assert_int_eq(env("  \t ", &l), ML_ENV_BLANK);
    ck_assert_int_eq(env("\tmany syslog parsers.", &l), ML_ENV_CONT);
    ck_assert_int_eq(env("MMM 22 07:54:32 h a[1]: x", &l), ML_ENV_BAD);
    ck_assert_ptr_nonnull(l.why);
    ck_assert_int_eq(env("# failJSON: { \"time\": 1 }", &l), ML_ENV_BAD);
    ck_assert_int_eq(env("2023-03-14 no time", &l), ML_ENV_BAD);
    /* a tag without any time is enveloped; the caller wants a time */
    ck_assert_int_eq(env("<23>scan[9097]: user[192.0.2.1] x", &l),
                     ML_ENV_OK);
    ck_assert_int_eq(l.stamp, ML_ST_NONE);
    ck_assert_str_eq(l.prog, "scan");
    /* nothing left over from before: no time, not a stray */
    ck_assert_int_eq(l.has_ts, 0);
    ck_assert_int_eq(l.ts, 0);
    ck_assert_int_eq(l.stray, 0);
    ck_assert_int_eq(col_ml_line_time(&run, &l), FTL_OK);
    ck_assert_int_eq(l.has_ts, 0);
    ck_assert_int_eq(l.stray, 0);
}
END_TEST

START_TEST(test_maillog_year_step_rolls_over)
{
    struct ml_year y = { 2022, 0 };

    ck_assert_int_eq(col_ml_year_step(&y, 11), 2022);
    ck_assert_int_eq(col_ml_year_step(&y, 12), 2022);
    ck_assert_int_eq(col_ml_year_step(&y, 1), 2023);     /* New Year */
    /* a late December line after January: the year before, and the
     * next January line stays in the new year */
    ck_assert_int_eq(col_ml_year_step(&y, 12), 2022);
    ck_assert_int_eq(col_ml_year_step(&y, 1), 2023);
    ck_assert_int_eq(col_ml_year_step(&y, 5), 2023);
    ck_assert_int_eq(col_ml_year_step(&y, 4), 2023);     /* backstep */
    ck_assert_int_eq(col_ml_year_step(&y, 5), 2023);
    ck_assert_int_eq(col_ml_year_step(&y, 3), 2024);     /* two back */
    ck_assert_int_eq(y.mon, 3);
    /* a jump forward is the same year */
    ck_assert_int_eq(col_ml_year_step(&y, 12), 2024);
}
END_TEST

START_TEST(test_maillog_line_time_leap_day)
{
    struct ml_line l;

    run.year.year = 2023;
    run.year.mon = 0;
    ck_assert_int_eq(env("Feb 29 01:15:43 h p[1]: x", &l), ML_ENV_OK);
    ck_assert_int_eq(col_ml_line_time(&run, &l), FTL_EPARSE);
    ck_assert_ptr_nonnull(strstr(l.why, "not a leap year"));
    run.year.year = 2024;
    run.year.mon = 0;
    ck_assert_int_eq(env("Feb 29 01:15:43 h p[1]: x", &l), ML_ENV_OK);
    ck_assert_int_eq(col_ml_line_time(&run, &l), FTL_OK);
    /* 2024-02-29T01:15:43Z */
    ck_assert_int_eq(l.ts, 1709169343LL * TL_NS_PER_SEC);
    ck_assert(l.flags & TL_F_YEAR_ESTIMATED);
    ck_assert(l.flags & TL_F_TZ_ASSUMED);
    /* a stamp with its zone is exact: no flags */
    ck_assert_int_eq(env("2024-02-29T01:15:43.5+01:00 h p[1]: x", &l),
                     ML_ENV_OK);
    ck_assert_int_eq(col_ml_line_time(&run, &l), FTL_OK);
    ck_assert_int_eq(l.ts, 1709165743LL * TL_NS_PER_SEC + 500000000);
    ck_assert_int_eq(l.flags, 0);
    ck_assert_int_eq(l.prec, 1);
}
END_TEST

START_TEST(test_maillog_kv_and_client)
{
    const char *s = "to=<a@x.test>, orig_to=<b@x.test>, relay=mx.x.test"
                    "[192.0.2.9]:25, delay=1, status=sent (250 ok)";
    char *host, *ip;

    run.arena_used = 0;
    ck_assert_str_eq(col_ml_kv(&run, s, "to=", ", "), "a@x.test");
    ck_assert_str_eq(col_ml_kv(&run, s, "orig_to=", ", "), "b@x.test");
    ck_assert_str_eq(col_ml_kv(&run, s, "relay=", ", "),
                     "mx.x.test[192.0.2.9]:25");
    ck_assert_str_eq(col_ml_kv(&run, s, "status=", " ,"), "sent");
    ck_assert_ptr_null(col_ml_kv(&run, s, "size=", ", "));
    ck_assert_str_eq(col_ml_kv(&run, "to=<a@x>,<b@y>, delay=1", "to=",
                               NULL), "<a@x>,<b@y>");
    ck_assert_int_eq(col_ml_client(&run, "connect from h.test[198.51.100.7]",
                                   &host, &ip), 1);
    ck_assert_str_eq(host, "h.test");
    ck_assert_str_eq(ip, "198.51.100.7");
    /* the HELO in parentheses is skipped; "unknown" is no host */
    ck_assert_int_eq(col_ml_client(&run, "failed for h.test ([10.0.0.1]) "
                                   "[203.0.113.4]:25", &host, &ip), 1);
    ck_assert_str_eq(ip, "203.0.113.4");
    ck_assert_str_eq(host, "h.test");
    ck_assert_int_eq(col_ml_client(&run, "from unknown[2001:db8::1]", &host,
                                   &ip), 1);
    ck_assert_ptr_null(host);
    ck_assert_str_eq(ip, "2001:db8::1");
    ck_assert_int_eq(col_ml_client(&run, "relay=x [IPv6:2001:DB8::1]",
                                   &host, &ip), 1);
    ck_assert_str_eq(ip, "2001:DB8::1");
    ck_assert_int_eq(col_ml_client(&run, "no address [here]", &host, &ip),
                     0);
}
END_TEST

START_TEST(test_maillog_utf8_ok_rejects_bad)
{
    size_t bad = 0;

    ck_assert(ftl_utf8_valid((const unsigned char *)"plain ascii text", 16,
                             &bad));
    ck_assert(ftl_utf8_valid((const unsigned char *)"\xc3\xadmynd \xe2\x82"
                             "\xac \xf0\x9f\x98\x80", 15, &bad));
    ck_assert(!ftl_utf8_valid((const unsigned char *)"abc\xff", 4, &bad));
    ck_assert_uint_eq(bad, 3);
    ck_assert(!ftl_utf8_valid((const unsigned char *)"\xc0\xaf", 2, &bad));
    ck_assert(!ftl_utf8_valid((const unsigned char *)"\xed\xa0\x80", 3,
                              &bad));
    ck_assert(!ftl_utf8_valid((const unsigned char *)"ab\xe2\x82", 4,
                              &bad));
    ck_assert_uint_eq(bad, 2);
}
END_TEST

START_TEST(test_maillog_num_overflow)
{
    ck_assert_int_eq(col_ml_num("1234, nrcpt=1"), 1234);
    ck_assert_int_eq(col_ml_num("0"), 0);
    ck_assert_int_eq(col_ml_num("x1"), -1);
    ck_assert_int_eq(col_ml_num(NULL), -1);
    ck_assert_int_eq(col_ml_num("9223372036854775807"), INT64_MAX);
    /* too long for int64: no number, rather than a wrong one */
    ck_assert_int_eq(col_ml_num("9223372036854775808"), -1);
    ck_assert_int_eq(col_ml_num("12345678901234567890"), -1);
}
END_TEST

START_TEST(test_maillog_barracuda_start_epoch)
{
    ck_assert_int_eq(col_ml_barracuda_start("coi.example.com[] 1382041743-"
                     "0f8241420001-6AQV5q 1382041743 1382041744 SCAN - a b "
                     "- 7 11 - SZ:1 SUBJ:x"), 1382041743);
    ck_assert_int_eq(col_ml_barracuda_start("1382041743-0f8241420001-6AQV5q"
                     " 0 0 SEND ENC 1 8B2052296C 250 ok"), 0);
    ck_assert_int_eq(col_ml_barracuda_start("connect from x"), 0);
}
END_TEST

/* ---- a whole collection through collect_src() ----------------------- */

static char case_path[64];

struct membuf {
    const char *data;
    size_t len;
};

static ssize_t mem_read(void *payload, int64_t off, void *buf, size_t n)
{
    struct membuf *m = payload;

    if ((size_t)off >= m->len)
        return 0;
    if (n > m->len - (size_t)off)
        n = m->len - (size_t)off;
    memcpy(buf, m->data + off, n);
    return (ssize_t)n;
}

static const char *one(struct tl_store *st, const char *sql)
{
    return tu_one(st, sql);
}

/* A small postfix log: two messages, one linked to the other by
 * "queued as", a subject with shell syntax seen by a header check. */
static const char postfix_log[] =
    "Dec 31 23:59:58 gw postfix/smtpd[11]: connect from "
    "mx.ext.test[198.51.100.4]\n"
    "Dec 31 23:59:58 gw postfix/smtpd[11]: 1A2B3C4D5E: "
    "client=mx.ext.test[198.51.100.4]\n"
    "Dec 31 23:59:59 gw postfix/cleanup[12]: 1A2B3C4D5E: "
    "message-id=<m1@ext.test>\n"
    "Dec 31 23:59:59 gw postfix/cleanup[12]: 1A2B3C4D5E: info: header "
    "Subject: pay `id` now from mx.ext.test[198.51.100.4]; from=<a@ext.test> "
    "to=<b@gov.test> proto=ESMTP helo=<mx.ext.test>\n"
    "Dec 31 23:59:59 gw postfix/cleanup[12]: 1A2B3C4D5E: info: header "
    "Content-Disposition: attachment; filename=\"x;ls.tar\" from "
    "mx.ext.test[198.51.100.4]; from=<a@ext.test> to=<b@gov.test> "
    "proto=ESMTP helo=<mx.ext.test>\n"
    "Dec 31 23:59:59 gw postfix/qmgr[13]: 1A2B3C4D5E: from=<a@ext.test>, "
    "size=1234, nrcpt=1 (queue active)\n"
    "Jan  1 00:00:01 gw postfix/smtpd[14]: 9F8E7D6C5B: "
    "client=localhost[127.0.0.1]\n"
    "Jan  1 00:00:01 gw postfix/qmgr[13]: 9F8E7D6C5B: from=<a@ext.test>, "
    "size=1400, nrcpt=1 (queue active)\n"
    "Jan  1 00:00:01 gw postfix/smtp[15]: 1A2B3C4D5E: to=<B@gov.test>, "
    "relay=127.0.0.1[127.0.0.1]:10024, delay=3, delays=1/0/0/2, dsn=2.0.0, "
    "status=sent (250 2.0.0 Ok: queued as 9F8E7D6C5B)\n"
    "Jan  1 00:00:01 gw postfix/qmgr[13]: 1A2B3C4D5E: removed\n"
    "\n"
    "garbage that is no log line\n"
    "Jan  1 00:00:02 gw postfix/local[16]: 9F8E7D6C5B: to=<b@gov.test>, "
    "relay=local, delay=1, dsn=2.0.0, status=sent (delivered to mailbox)\n"
    "Jan  1 00:00:02 gw postfix/qmgr[13]: 9F8E7D6C5B: removed\n";

START_TEST(test_maillog_collect_src_postfix)
{
    const struct col_ops *col = col_find("maillog");
    struct tl_store *st = NULL;
    struct col_src *src = NULL;
    struct membuf mb = { postfix_log, sizeof(postfix_log) - 1 };
    char sha[65];
    struct ftl_digest *d;

    ck_assert_ptr_nonnull(col);
    ck_assert_ptr_nonnull(col->collect_src);
    st = tu_case_open("maillog", case_path);
    memset(&ctx, 0, sizeof(ctx));
    ctx.st = st;
    ck_assert_int_eq(tl_iocs_load_default(&ctx.iocs, &err), FTL_OK);
    ck_assert_int_eq(tl_iocs_store(st, ctx.iocs, &err), FTL_OK);
    ck_assert_int_eq(col_src_open_cb(&src, "img.dd//var/log/maillog",
                                     (int64_t)mb.len, mem_read, &mb, 1,
                                     &err), FTL_OK);
    /* written on 2024-01-01 at 00:00:05 UTC: the December lines are
     * 2023, the January ones 2024 */
    col_src_set_mtime(src, 1704067205LL * TL_NS_PER_SEC);
    ck_assert_int_eq(col->collect_src(&ctx, src, 7, "/var/log/maillog",
                                      &err), FTL_OK);
    col_src_close(src);

    /* the child evidence row */
    ck_assert_str_eq(one(st, "SELECT kind || '|' || path || '|' || parent_id"
                             " || '|' || inner_path || '|' || status || '|'"
                             " || year FROM evidence"),
                     "maillog|img.dd//var/log/maillog|7|/var/log/maillog|"
                     "complete|2023");
    ck_assert_int_eq(ftl_digest_new(&d, FTL_SHA256, &err), FTL_OK);
    ftl_digest_update(d, mb.data, mb.len);
    ftl_digest_final(d, NULL, sha);
    ftl_digest_free(d);
    ck_assert_str_eq(one(st, "SELECT sha256 FROM evidence"), sha);
    /* 14 lines: 12 events, a blank line, one warning */
    ck_assert_str_eq(one(st, "SELECT count(*) FROM events"), "12");
    ck_assert_str_eq(one(st, "SELECT group_concat(locator) FROM warnings"),
                     "line 12");
    ck_assert_str_eq(one(st, "SELECT count(*) FROM events WHERE"
                             " artifact = 'mail:delivery'"), "2");
    /* the year rolls over between line 6 and line 7 */
    ck_assert_str_eq(one(st, "SELECT ts FROM events WHERE locator = 'line 6'"),
                     "1704067199000000000");
    ck_assert_str_eq(one(st, "SELECT ts FROM events WHERE locator = 'line 7'"),
                     "1704067201000000000");
    ck_assert_str_eq(one(st, "SELECT flags FROM events WHERE"
                             " locator = 'line 7'"), "10");
    /* the messages */
    ck_assert_str_eq(one(st, "SELECT queue_id || '|' || message_id || '|' ||"
                             " sender || '|' || recipients || '|' || size ||"
                             " '|' || subject || '|' || status || '|' ||"
                             " client || '|' || host || '|' || locator"
                             " FROM messages WHERE queue_id = '1A2B3C4D5E'"),
                     "1A2B3C4D5E|m1@ext.test|a@ext.test|b@gov.test|1234|"
                     "pay `id` now|sent|mx.ext.test[198.51.100.4]|gw|"
                     "qid 1A2B3C4D5E@line 2");
    ck_assert_str_eq(one(st, "SELECT count(*) FROM messages"), "2");
    ck_assert_str_eq(one(st, "SELECT m.queue_id || ' ' || l.kind || ' ' ||"
                             " l.value || ' ' || o.queue_id FROM"
                             " message_links l JOIN messages m ON m.id ="
                             " l.msg_id JOIN messages o ON o.id ="
                             " l.other_msg_id"),
                     "1A2B3C4D5E queued-as 9F8E7D6C5B 9F8E7D6C5B");
    /* events point to their message */
    ck_assert_str_eq(one(st, "SELECT count(*) FROM events e JOIN messages m"
                             " ON m.id = e.msg_id WHERE m.queue_id ="
                             " '1A2B3C4D5E'"), "7");
    /* the subject and the attachment name with shell syntax */
    ck_assert_str_eq(one(st, "SELECT group_concat(target || '=' || value,"
                             " ' / ') FROM ioc_hits WHERE rule IS NOT NULL"),
                     "subject=pay `id` now / attachment name=x;ls.tar");
    ck_assert_str_eq(one(st, "SELECT filename || ' ' || locator FROM"
                             " attachments"), "x;ls.tar line 5 name 1");
    /* the hit on the name points to its attachment row */
    ck_assert_str_eq(one(st, "SELECT count(*) FROM ioc_hits h JOIN"
                             " attachments a ON a.id = h.attachment_id"
                             " WHERE h.target = 'attachment name'"), "1");
    ck_assert_str_eq(one(st, "SELECT flags & 4 FROM messages WHERE"
                             " queue_id = '1A2B3C4D5E'"), "4");
    ck_assert_str_eq(one(st, "SELECT flags & 4 FROM events WHERE"
                             " locator = 'line 4'"), "4");
    tl_iocs_free(ctx.iocs);
    tu_case_close(st, case_path);
}
END_TEST

/* Collect 'text' as a stream found at /var/log/mail.log inside evidence
 * 7, into a fresh case; *st is open on return. */
static void collect_mem(const char *text, int64_t mtime, struct tl_store **st)
{
    static struct membuf mb;
    struct col_src *src = NULL;

    mb.data = text;
    mb.len = strlen(text);
    *st = tu_case_open("maillog", case_path);
    memset(&ctx, 0, sizeof(ctx));
    ctx.st = *st;
    ck_assert_int_eq(col_src_open_cb(&src, "img//var/log/mail.log",
                                     (int64_t)mb.len, mem_read, &mb, 1,
                                     &err), FTL_OK);
    col_src_set_mtime(src, mtime);
    ck_assert_int_eq(col_find("maillog")->collect_src(&ctx, src, 7,
                                                      "/var/log/mail.log",
                                                      &err), FTL_OK);
    col_src_close(src);
}

static void collect_done(struct tl_store *st)
{
    tu_case_close(st, case_path);
}

/* exim: arrival, deliveries of each kind, Completed */
static const char exim_log[] =
    "2023-05-18 09:14:03.120 +0200 [4711] 1pzX9D-0003Hf-6K <= "
    "billing@ext.test H=mx.ext.test (helo.ext.test) [198.51.100.4]:4711 "
    "I=[192.0.2.1]:25 P=esmtps X=TLS1.3 CV=no S=24580 "
    "id=inv-1@ext.test T=\"Invoice \\\"May\\\" `id`\" from "
    "<billing@ext.test> for a@gov.test b@gov.test\n"
    "2023-05-18 09:14:04.001 +0200 [4712] 1pzX9D-0003Hf-6K => a@gov.test "
    "R=dnslookup T=remote_smtp H=mbox.gov.test [192.0.2.25] "
    "C=\"250 2.0.0 Ok: queued as 7C8D9E0F1A\"\n"
    "2023-05-18 09:14:04.002 +0200 [4712] 1pzX9D-0003Hf-6K == b@gov.test "
    "R=dnslookup T=remote_smtp defer (-44): SMTP error\n"
    "2023-05-18 09:19:04.000 +0200 [4790] 1pzX9D-0003Hf-6K -> B@gov.test "
    "R=dnslookup T=remote_smtp H=mbox.gov.test [192.0.2.25]\n"
    "2023-05-18 09:19:04.100 +0200 [4790] 1pzX9D-0003Hf-6K Completed\n"
    "2023-05-18 09:20:00.000 +0200 [4791] H=(x) [203.0.113.9] F=<s@x.test> "
    "rejected RCPT <c@gov.test>: relay not permitted\n";

START_TEST(test_maillog_collect_src_exim)
{
    struct tl_store *st;

    collect_mem(exim_log, 1684394400LL * TL_NS_PER_SEC, &st);
    ck_assert_str_eq(one(st, "SELECT group_concat(artifact, ' ') FROM"
                             " (SELECT artifact FROM events ORDER BY id)"),
                     "mail:received mail:delivery mail:delivery "
                     "mail:delivery mail:removed mail:reject");
    ck_assert_str_eq(one(st, "SELECT queue_id || '|' || message_id || '|' ||"
                             " sender || '|' || recipients || '|' || size ||"
                             " '|' || subject || '|' || status || '|' ||"
                             " client || '|' || first_seen || '|' ||"
                             " last_seen FROM messages"),
                     "1pzX9D-0003Hf-6K|inv-1@ext.test|billing@ext.test|"
                     "a@gov.test;b@gov.test|24580|Invoice \"May\" `id`|"
                     "delivered|mx.ext.test[198.51.100.4]|"
                     "1684394043120000000|1684394344100000000");
    ck_assert_str_eq(one(st, "SELECT kind || ' ' || value FROM"
                             " message_links"), "queued-as 7C8D9E0F1A");
    /* the zone was in the stamps: exact, nothing assumed */
    ck_assert_str_eq(one(st, "SELECT group_concat(DISTINCT flags) FROM"
                             " events"), "0");
    ck_assert_str_eq(one(st, "SELECT prec FROM events LIMIT 1"), "3");
    ck_assert_str_eq(one(st, "SELECT year IS NULL FROM evidence"), "1");
    collect_done(st);
}
END_TEST

/* sendmail: from=, two recipients in one to= line, the end */
static const char sendmail_log[] =
    "Mar 14 10:00:01 mx sm-mta[100]: 2ABCdEf1012345: from=<s@ext.test>, "
    "size=5120, class=0, nrcpts=3, msgid=<m2@ext.test>, proto=ESMTP, "
    "daemon=MTA, relay=mx.ext.test [198.51.100.4]\n"
    "Mar 14 10:00:02 mx sm-mta[101]: 2ABCdEf1012345: to=<a@gov.test>,"
    "<b@gov.test>, delay=00:00:01, xdelay=00:00:01, mailer=esmtp, pri=1, "
    "relay=mbox.gov.test. [192.0.2.25], dsn=2.0.0, stat=Sent (ok)\n"
    "Mar 14 10:00:03 mx sm-mta[101]: 2ABCdEf1012345: to=<c@gov.test>, "
    "delay=00:00:02, mailer=esmtp, pri=1, relay=mbox.gov.test. "
    "[192.0.2.25], dsn=4.0.0, stat=Deferred: Connection refused\n"
    "Mar 14 10:30:03 mx sm-mta[102]: 2ABCdEf1012345: to=<c@gov.test>, "
    "delay=00:30:02, mailer=esmtp, pri=2, relay=mbox.gov.test. "
    "[192.0.2.25], dsn=2.0.0, stat=Sent (ok)\n"
    "Mar 14 10:31:00 mx sm-mta[103]: 2ABCdEf1012345: to=<d@gov.test>, "
    "delay=00:00:01, mailer=esmtp, pri=1, relay=x. [192.0.2.26], "
    "dsn=2.0.0, stat=Sent (a new transaction: the first one ended)\n";

START_TEST(test_maillog_collect_src_sendmail)
{
    struct tl_store *st;

    collect_mem(sendmail_log, 1678800000LL * TL_NS_PER_SEC, &st);
    ck_assert_str_eq(one(st, "SELECT count(*) FROM events WHERE"
                             " artifact = 'mail:delivery'"), "4");
    ck_assert_str_eq(one(st, "SELECT sender || '|' || size || '|' ||"
                             " message_id || '|' || recipients || '|' ||"
                             " status || '|' || client || '|' || locator"
                             " FROM messages ORDER BY id LIMIT 1"),
                     "s@ext.test|5120|m2@ext.test|a@gov.test;b@gov.test;"
                     "c@gov.test|Sent|mx.ext.test[198.51.100.4]|"
                     "qid 2ABCdEf1012345@line 1");
    /* three final outcomes for nrcpts=3 closed it: line 5 is new */
    ck_assert_str_eq(one(st, "SELECT count(*) || ' ' || max(locator) FROM"
                             " messages"), "2 qid 2ABCdEf1012345@line 5");
    ck_assert_str_eq(one(st, "SELECT year FROM evidence"), "2023");
    collect_done(st);
}
END_TEST

/* One line out of sequence does not make a new year; a real New Year
 * does, and a late December line after it is the year before. */
static const char stray_log[] =
    "May 10 10:00:00 h p[1]: a\n"
    "Mar  3 10:00:01 h p[1]: a line with a wrong clock\n"
    "May 10 10:00:02 h p[1]: b\n"
    "Dec 31 23:59:59 h p[1]: c\n"
    "Jan  1 00:00:01 h p[1]: d\n"
    "Dec 31 23:59:58 h p[1]: late\n"
    "Jan  1 00:00:02 h p[1]: e\n";

START_TEST(test_maillog_collect_src_stray_month)
{
    struct tl_store *st;

    /* written on 2 January 2024 */
    collect_mem(stray_log, 1704153600LL * TL_NS_PER_SEC, &st);
    ck_assert_str_eq(one(st, "SELECT group_concat(y, ' ') FROM (SELECT"
                             " strftime('%Y-%m-%d', ts / 1000000000,"
                             " 'unixepoch') AS y FROM events ORDER BY id)"),
                     "2023-05-10 2023-03-03 2023-05-10 2023-12-31 "
                     "2024-01-01 2023-12-31 2024-01-01");
    ck_assert_str_eq(one(st, "SELECT locator || ': ' || message FROM"
                             " warnings"),
                     "line 2: month 3 out of sequence (the lines around "
                     "are in month 5): read in the same year, not as the "
                     "start of a new one");
    ck_assert_str_eq(one(st, "SELECT year FROM evidence"), "2023");
    collect_done(st);
}
END_TEST

/* Lines without a time stamp of their own are not given one: each is a
 * warning, first line or after a dated one, whatever the dialect, and a
 * continuation after one continues nothing. */
static const char stampless_log[] =
    "postfix/smtpd[2]: connect from x.test[192.0.2.1]\n"
    "Mar 14 10:00:01 mx postfix/smtpd[2]: connect from y.test[192.0.2.2]\n"
    "postfix/smtpd[2]: connect from z.test[192.0.2.3]\n"
    "sm-mta[3]: 2ABCdEf1012345: from=<s@ext.test>, size=1, nrcpts=1\n"
    "mx exim[4]: 1pzX9D-0003Hf-6K Completed\n"
    "<34>1 - mx postfix 5 - - connect from w.test[192.0.2.4]\n"
    "\tcontinued\n";

START_TEST(test_maillog_collect_src_no_stamp)
{
    struct tl_store *st;

    collect_mem(stampless_log, 1678800000LL * TL_NS_PER_SEC, &st);
    ck_assert_str_eq(one(st, "SELECT group_concat(locator) FROM events"),
                     "line 2");
    ck_assert_str_eq(tu_rows(st, "SELECT locator || ': ' || message FROM"
                                 " warnings ORDER BY id"),
                     "line 1: line not read: no time stamp|"
                     "line 3: line not read: no time stamp|"
                     "line 4: line not read: no time stamp|"
                     "line 5: line not read: no time stamp|"
                     "line 6: line not read: no time stamp|"
                     "line 7: line not read: starts with white space but "
                     "continues no line");
    ck_assert_str_eq(one(st, "SELECT count(*) FROM messages"), "0");
    collect_done(st);
}
END_TEST

/* Many transactions with more recipients than kept, all open at the end
 * of the file: each row still gets its list and says what is missing. */
START_TEST(test_maillog_collect_src_rcpts_cap_at_eof)
{
    enum { MSGS = 30, RCPTS = 900 };
    static char text[MSGS * (RCPTS * 21 + 200)];
    struct tl_store *st;
    size_t n = 0;
    int i, j;

    for (i = 0; i < MSGS; i++) {
        n += (size_t)snprintf(text + n, sizeof(text) - n, "2023-05-18 "
                              "09:14:03 1pzX%02d-0003Hf-6K <= s@ext.test "
                              "S=1 for", i);
        for (j = 0; j < RCPTS; j++)
            n += (size_t)snprintf(text + n, sizeof(text) - n,
                                  " rcpt%04d@gov.example", j);
        n += (size_t)snprintf(text + n, sizeof(text) - n, "\n");
    }
    collect_mem(text, 1684394400LL * TL_NS_PER_SEC, &st);
    ck_assert_str_eq(one(st, "SELECT count(*) FROM messages"), "30");
    ck_assert_str_eq(one(st, "SELECT count(*) FROM messages WHERE"
                             " recipients LIKE 'rcpt0000@gov.example;%'"
                             " AND recipients LIKE"
                             " '%;(and % more, not kept)'"
                             " AND length(recipients) > 16000"), "30");
    collect_done(st);
}
END_TEST

/* Two Barracuda message ids that differ only after their 69th
 * character are two transactions. */
START_TEST(test_maillog_collect_src_long_ids)
{
    static char text[1024];
    char id[100];
    struct tl_store *st;
    size_t n = 0;
    int i;

    for (i = 1; i <= 2; i++) {
        snprintf(id, sizeof(id), "1382041743-%070d", i);
        n += (size_t)snprintf(text + n, sizeof(text) - n, "Oct 17 20:29:03 "
                              "esg scan[1]: h[192.0.2.4] %s 1382041743 "
                              "1382041744 SCAN - a@b.test c%d@d.test 1 0 0 "
                              "- SZ:1 SUBJ:x\n", id, i);
    }
    collect_mem(text, 1382045000LL * TL_NS_PER_SEC, &st);
    ck_assert_str_eq(tu_rows(st, "SELECT substr(gateway_id, 80) || ' ' ||"
                                 " recipients FROM messages ORDER BY id"),
                     "01 c1@d.test|02 c2@d.test");
    collect_done(st);
}
END_TEST

/* Links of every kind: postfix orig_queue_id= (from the re-injected
 * side), a postfix bounce, removal by postsuper, a sendmail DSN, a
 * Barracuda SEND reply that names the next queue id. */
static const char links_log[] =
    "Mar 14 10:00:00 gw postfix/smtpd[1]: AAAAAA1111: "
    "client=mx.ext.test[198.51.100.4]\n"
    "Mar 14 10:00:01 gw postfix/smtpd[2]: BBBBBB2222: "
    "client=localhost[127.0.0.1], orig_queue_id=AAAAAA1111, "
    "orig_client=mx.ext.test[198.51.100.4]\n"
    "Mar 14 10:00:02 gw postfix/bounce[3]: BBBBBB2222: sender "
    "non-delivery notification: CCCCCC3333\n"
    "Mar 14 10:00:03 gw postfix/postsuper[4]: AAAAAA1111: removed\n"
    "Mar 14 10:00:04 gw postfix/smtpd[1]: AAAAAA1111: "
    "client=x.test[192.0.2.1]\n"
    "Mar 14 10:00:05 mx sm-mta[5]: 2ABCdEf1012345: from=<s@ext.test>, "
    "size=1, class=0, nrcpts=1, msgid=<m@ext.test>, relay=x [192.0.2.1]\n"
    "Mar 14 10:00:06 mx sm-mta[5]: 2ABCdEf1012345: 2ABCdEf1012399: DSN: "
    "User unknown\n"
    "Mar 14 10:00:07 esg outbound/smtp[6]: 127.0.0.1 "
    "1678788007-0f8241420001-6AQV5q 0 0 SEND - 1 8B2052296C 250 2.0.0 Ok: "
    "queued as 4F1A2B3C4D\n";

START_TEST(test_maillog_collect_src_links)
{
    struct tl_store *st;

    collect_mem(links_log, 1678800000LL * TL_NS_PER_SEC, &st);
    ck_assert_str_eq(tu_rows(st, "SELECT coalesce(m.queue_id, m.gateway_id)"
                                 " || ' ' || l.kind || ' ' || l.value ||"
                                 " ' ' || coalesce(o.locator, '-') FROM"
                                 " message_links l JOIN messages m ON m.id"
                                 " = l.msg_id LEFT JOIN messages o ON o.id"
                                 " = l.other_msg_id ORDER BY l.id"),
                     "AAAAAA1111 queued-as BBBBBB2222 qid BBBBBB2222@line 2|"
                     "BBBBBB2222 bounce CCCCCC3333 -|"
                     "2ABCdEf1012345 bounce 2ABCdEf1012399 -|"
                     "8B2052296C queued-as 4F1A2B3C4D -");
    /* postsuper ended the first AAAAAA1111: line 5 is a new one */
    ck_assert_str_eq(one(st, "SELECT artifact FROM events WHERE"
                             " locator = 'line 4'"), "mail:removed");
    ck_assert_str_eq(tu_rows(st, "SELECT locator FROM messages WHERE"
                                 " queue_id = 'AAAAAA1111' ORDER BY id"),
                     "qid AAAAAA1111@line 1|qid AAAAAA1111@line 5");
    collect_done(st);
}
END_TEST

/* More links than fit 4 KiB, and a value with ';': all stored. */
START_TEST(test_maillog_collect_src_many_links)
{
    enum { N = 200 };
    static char text[N * 200];
    struct tl_store *st;
    size_t n = 0;
    int i;

    for (i = 0; i < N; i++)
        n += (size_t)snprintf(text + n, sizeof(text) - n, "2023-05-18 "
                              "09:14:03 1pzX9D-0003Hf-6K => r%d@gov.test "
                              "R=dnslookup T=remote_smtp H=mx.gov.test "
                              "[192.0.2.25] C=\"250 OK queued as "
                              "Q%s%020d\"\n", i, i == 7 ? "a;b" : "", i);
    collect_mem(text, 1684394400LL * TL_NS_PER_SEC, &st);
    ck_assert_str_eq(one(st, "SELECT count(DISTINCT value) FROM"
                             " message_links WHERE kind = 'queued-as'"),
                     "200");
    ck_assert_str_eq(one(st, "SELECT count(*) FROM message_links WHERE"
                             " value = 'Qa;b00000000000000000007'"), "1");
    collect_done(st);
}
END_TEST

/* A file where logs are kept that is no log (a shell script): nothing
 * recorded, FTL_DONE, and the source can still be hashed whole by the
 * caller, which records it as not recognised.  An empty file is an
 * empty log. */
START_TEST(test_maillog_collect_src_not_a_log)
{
    static const char script[] = "#!/bin/sh\n"
        "exec /usr/sbin/logrotate /etc/logrotate.conf\n\n"
        "  # indented\n";
    struct membuf mb = { script, sizeof(script) - 1 };
    struct tl_store *st;
    struct ftl_digest *d;
    struct col_src *src;
    char sha[65], want[65];

    st = tu_case_open("maillog", case_path);
    memset(&ctx, 0, sizeof(ctx));
    ctx.st = st;
    ck_assert_int_eq(col_src_open_cb(&src, "img//etc/cron.daily/logrotate",
                                     (int64_t)mb.len, mem_read, &mb, 1,
                                     &err), FTL_OK);
    ck_assert_int_eq(col_find("maillog")->collect_src(&ctx, src, 7,
                                                      "/etc/cron.daily/"
                                                      "logrotate", &err),
                     FTL_DONE);
    ck_assert_int_eq(err.code, 0);
    ck_assert_int_eq(col_src_sha256(src, sha, &err), FTL_OK);
    col_src_close(src);
    ck_assert_int_eq(ftl_digest_new(&d, FTL_SHA256, &err), FTL_OK);
    ftl_digest_update(d, script, mb.len);
    ftl_digest_final(d, NULL, want);
    ftl_digest_free(d);
    ck_assert_str_eq(sha, want);
    ck_assert_str_eq(one(st, "SELECT count(*) FROM evidence"), "0");
    ck_assert_str_eq(one(st, "SELECT count(*) FROM warnings"), "0");
    ck_assert_int_eq(ctx.n_failed + ctx.n_warnings + ctx.n_evidence, 0);
    /* empty: recorded, complete, no event */
    mb.len = 0;
    ck_assert_int_eq(col_src_open_cb(&src, "img//var/log/maillog", 0,
                                     mem_read, &mb, 1, &err), FTL_OK);
    ck_assert_int_eq(col_find("maillog")->collect_src(&ctx, src, 7,
                                                      "/var/log/maillog",
                                                      &err), FTL_OK);
    col_src_close(src);
    ck_assert_str_eq(one(st, "SELECT status || ' ' || n_events FROM"
                             " evidence"), "complete 0");
    collect_done(st);
}
END_TEST

/* A UTF-8 byte order mark opening the file is no text; further down it
 * is part of the line. */
START_TEST(test_maillog_collect_src_bom)
{
    struct tl_store *st;

    collect_mem("\xef\xbb\xbfMar 14 10:00:01 mx postfix/smtpd[2]: connect "
                "from a.test[192.0.2.1]\n"
                "\xef\xbb\xbfMar 14 10:00:02 mx postfix/smtpd[2]: connect "
                "from b.test[192.0.2.2]\n",
                1678800000LL * TL_NS_PER_SEC, &st);
    ck_assert_str_eq(one(st, "SELECT locator || ' ' || raw_time || ' ' ||"
                             " message FROM events"),
                     "line 1 Mar 14 10:00:01 mx postfix/smtpd[2]: connect "
                     "from a.test[192.0.2.1]");
    ck_assert_str_eq(one(st, "SELECT locator || ': ' || message FROM"
                             " warnings"),
                     "line 2: line not read: no time stamp at the start of "
                     "the line");
    collect_done(st);
}
END_TEST

/* gzip 'n' bytes of text into out (libarchive's raw format); returns
 * the compressed size. */
static size_t make_gz(const char *text, size_t n, char *out, size_t cap)
{
    struct archive *a = archive_write_new();
    struct archive_entry *e = archive_entry_new();
    size_t used = 0;

    ck_assert_int_eq(archive_write_add_filter_gzip(a), ARCHIVE_OK);
    ck_assert_int_eq(archive_write_set_format_raw(a), ARCHIVE_OK);
    ck_assert_int_eq(archive_write_open_memory(a, out, cap, &used),
                     ARCHIVE_OK);
    archive_entry_set_filetype(e, AE_IFREG);
    ck_assert_int_eq(archive_write_header(a, e), ARCHIVE_OK);
    ck_assert_int_eq(archive_write_data(a, text, n), (la_ssize_t)n);
    archive_write_close(a);
    archive_write_free(a);
    archive_entry_free(e);
    return used;
}

/* A compressed log inside an image, whole and cut short: the spool
 * keeps what could be read, the damage is a warning, the evidence hash
 * is that of the stored (compressed) bytes. */
START_TEST(test_maillog_collect_src_gzip_damage)
{
    enum { LINES = 20000 };
    static char text[LINES * 100], gz[LINES * 100];
    struct tl_store *st;
    struct ftl_digest *d;
    struct col_src *src;
    struct membuf mb;
    char sha[65];
    size_t n = 0, gzlen;
    int i, events;

    for (i = 0; i < LINES; i++)
        n += (size_t)snprintf(text + n, sizeof(text) - n,
                              "Mar 14 00:%02d:%02d gw postfix/smtpd[%d]: "
                              "connect from h%d.test[192.0.2.%d]\n",
                              i / 60 % 60, i % 60, i, i, i % 250);
    gzlen = make_gz(text, n, gz, sizeof(gz));
    ck_assert_uint_gt(gzlen, 60000);
    /* whole */
    st = tu_case_open("maillog", case_path);
    memset(&ctx, 0, sizeof(ctx));
    ctx.st = st;
    mb.data = gz;
    mb.len = gzlen;
    ck_assert_int_eq(col_src_open_cb(&src, "img//log.gz", (int64_t)gzlen,
                                     mem_read, &mb, 1, &err), FTL_OK);
    col_src_set_mtime(src, 1678800000LL * TL_NS_PER_SEC);
    ck_assert_int_eq(col_find("maillog")->collect_src(&ctx, src, 3,
                                                      "/log.gz", &err),
                     FTL_OK);
    col_src_close(src);
    ck_assert_str_eq(one(st, "SELECT count(*) FROM events"), "20000");
    ck_assert_int_eq(ftl_digest_new(&d, FTL_SHA256, &err), FTL_OK);
    ftl_digest_update(d, gz, gzlen);
    ftl_digest_final(d, NULL, sha);
    ftl_digest_free(d);
    ck_assert_str_eq(one(st, "SELECT sha256 || ' ' || status FROM"
                             " evidence"),
                     strcat(strcpy(text, sha), " complete"));
    /* cut at two thirds, as another item of the same image */
    mb.len = gzlen * 2 / 3;
    ck_assert_int_eq(col_src_open_cb(&src, "img//log.1.gz", (int64_t)mb.len,
                                     mem_read, &mb, 1, &err), FTL_OK);
    col_src_set_mtime(src, 1678800000LL * TL_NS_PER_SEC);
    ck_assert_int_eq(col_find("maillog")->collect_src(&ctx, src, 3,
                                                      "/log.1.gz", &err),
                     FTL_OK);
    col_src_close(src);
    ck_assert_str_eq(one(st, "SELECT status FROM evidence WHERE"
                             " inner_path = '/log.1.gz'"), "partial");
    events = atoi(one(st, "SELECT n_events FROM evidence WHERE"
                          " inner_path = '/log.1.gz'"));
    ck_assert_int_gt(events, 5000);
    ck_assert_int_lt(events, 20000);
    ck_assert_ptr_nonnull(strstr(one(st, "SELECT message FROM warnings"),
                                 "gzip data damaged"));
    collect_done(st);
}
END_TEST

Suite *maillog_suite(void)
{
    Suite *s = suite_create("maillog");
    TCase *tc = tcase_create("envelope");

    tcase_add_checked_fixture(tc, run_setup, run_teardown);
    tcase_add_test(tc, test_maillog_envelope_bsd);
    tcase_add_test(tc, test_maillog_envelope_no_host_or_tag);
    tcase_add_test(tc, test_maillog_envelope_iso_and_5424);
    tcase_add_test(tc, test_maillog_envelope_exim);
    tcase_add_test(tc, test_maillog_envelope_bad_blank_cont);
    tcase_add_test(tc, test_maillog_line_time_leap_day);
    tcase_add_test(tc, test_maillog_kv_and_client);
    suite_add_tcase(s, tc);
    tc = tcase_create("helpers");
    tcase_add_test(tc, test_maillog_year_step_rolls_over);
    tcase_add_test(tc, test_maillog_utf8_ok_rejects_bad);
    tcase_add_test(tc, test_maillog_barracuda_start_epoch);
    tcase_add_test(tc, test_maillog_num_overflow);
    suite_add_tcase(s, tc);
    tc = tcase_create("collect_src");
    tcase_add_test(tc, test_maillog_collect_src_postfix);
    tcase_add_test(tc, test_maillog_collect_src_exim);
    tcase_add_test(tc, test_maillog_collect_src_sendmail);
    tcase_add_test(tc, test_maillog_collect_src_gzip_damage);
    tcase_add_test(tc, test_maillog_collect_src_stray_month);
    tcase_add_test(tc, test_maillog_collect_src_no_stamp);
    tcase_add_test(tc, test_maillog_collect_src_rcpts_cap_at_eof);
    tcase_add_test(tc, test_maillog_collect_src_long_ids);
    tcase_add_test(tc, test_maillog_collect_src_links);
    tcase_add_test(tc, test_maillog_collect_src_many_links);
    tcase_add_test(tc, test_maillog_collect_src_not_a_log);
    tcase_add_test(tc, test_maillog_collect_src_bom);
    tcase_set_timeout(tc, 30);
    suite_add_tcase(s, tc);
    return s;
}
