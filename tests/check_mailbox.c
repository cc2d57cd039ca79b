/*
 * tests/check_mailbox.c - the mail-store collector's parts
 *
 * collect_src() over a callback source (as the disk collector calls it
 * for a mail file inside an image), the run's state it keeps in the
 * col_ctx, the seekable stream over a pull source and its spool, the
 * digest thread, and the zip-document test.  GMime is set up once per
 * test case, as the front does once per process (col_mailbox.init), and
 * every test that collects ends its run with col_ctx_release(), as the
 * front does.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <check.h>

#include "testutil.h"
#include "collectors/mailbox/mailbox_int.h"

static char path[64];
static struct tl_store *st;

static void setup(void)
{
    st = tu_case_open("mailbox", path);
}

static void teardown(void)
{
    tu_case_close(st, path);
}

static void gmime_setup(void)
{
    struct ftl_err err = { 0 };

    ck_assert_int_eq(col_mailbox.init(&err), FTL_OK);
}

static void gmime_teardown(void)
{
    col_mailbox.cleanup();
}

static const char *one(const char *sql)
{
    return tu_one(st, sql);
}

static void sha_hex(const void *buf, size_t n, char hex[65])
{
    struct ftl_digest *d;
    struct ftl_err err = { 0 };

    ck_assert_int_eq(ftl_digest_new(&d, FTL_SHA256, &err), FTL_OK);
    ftl_digest_update(d, buf, n);
    ftl_digest_final(d, NULL, hex);
    ftl_digest_free(d);
}

/* A buffer read through col_src_open_cb, in small pieces. */
struct buf {
    const char *data;
    size_t len;
};

static ssize_t buf_read(void *payload, int64_t offset, void *out, size_t n)
{
    struct buf *b = payload;

    if (offset < 0 || (size_t)offset >= b->len)
        return 0;
    if (n > 1000)
        n = 1000;              /* short reads, as from an image */
    if (n > b->len - (size_t)offset)
        n = b->len - (size_t)offset;
    memcpy(out, b->data + offset, n);
    return (ssize_t)n;
}

static const char mbox[] =
    "From a@example.org Sat May 20 09:00:00 2023\n"
    "Received: from gw.example.org (gw.example.org [192.0.2.7]) by\n"
    " mx.agency.example with ESMTP id A1; Sat, 20 May 2023 09:00:05 +0200\n"
    "From: \"A\" <A@Example.org>\n"
    "To: HR <hr@agency.example>, b@agency.example\n"
    "Cc: c@agency.example\n"
    "Subject: =?utf-8?q?Lebenslauf_J=C3=BCrgen?=\n"
    "Date: Sat, 20 May 2023 09:00:00 +0200\n"
    "Message-ID: <m1@example.org>\n"
    "MIME-Version: 1.0\n"
    "Content-Type: multipart/mixed; boundary=\"b\"\n"
    "\n"
    "--b\n"
    "Content-Type: text/plain\n"
    "\n"
    "see attached\n"
    "--b\n"
    "Content-Type: application/pdf; name*=utf-8''L%C3%A4ufer.pdf\n"
    "Content-Transfer-Encoding: base64\n"
    "\n"
    "aGVsbG8gd29ybGQK\n"
    "--b--\n"
    "\n"
    "From b@example.org Sat May 20 10:00:00 2023\n"
    "From: b@example.org\n"
    "Subject: second\n"
    "Date: Sat, 20 May 2023 10:00:00 +0000\n"
    "\n"
    "plain\n"
    "\n";

START_TEST(test_mailbox_collect_src_reads_buffer)
{
    const struct col_ops *mb = col_find("mailbox");
    struct col_ctx ctx;
    struct tl_evidence ev = { 0 };
    struct ftl_err err = { 0 };
    struct col_src *src;
    struct buf b = { mbox, sizeof(mbox) - 1 };
    char want[65], q[256];
    int64_t parent, dup = 0;

    ck_assert_ptr_nonnull(mb);
    ck_assert_ptr_nonnull(mb->collect_src);
    memset(&ctx, 0, sizeof(ctx));
    ctx.st = st;
    ev.kind = "disk";
    ev.path = "image.dd";
    ev.size = -1;
    ck_assert_int_eq(tl_evidence_begin(st, &ev, &parent, &err), FTL_OK);
    ck_assert_int_eq(col_src_open_cb(&src, "image.dd//var/mail/hr",
                                     (int64_t)b.len, buf_read, &b, 1, &err),
                     FTL_OK);
    col_src_set_mtime(src, 1684573200LL * TL_NS_PER_SEC);
    ck_assert_int_eq(mb->collect_src(&ctx, src, parent, "/var/mail/hr",
                                     &err), FTL_OK);
    col_src_close(src);
    ck_assert_int_eq(tl_evidence_end(st, parent, "00", NULL, TL_EV_COMPLETE,
                                     &dup, &err), FTL_OK);

    sha_hex(mbox, b.len, want);
    ck_assert_str_eq(one("SELECT sha256 FROM evidence WHERE kind = "
                         "'mailbox'"), want);
    snprintf(q, sizeof(q), "SELECT parent_id || ' ' || inner_path || ' ' || "
             "path || ' ' || status FROM evidence WHERE kind = 'mailbox'");
    /* A child row keeps the parent's path; its place is inner_path. */
    ck_assert_str_eq(one(q), "1 /var/mail/hr image.dd complete");
    ck_assert_str_eq(one("SELECT count(*) FROM messages"), "2");
    ck_assert_str_eq(one("SELECT sender || ' ' || recipients || ' ' || "
                         "subject FROM messages WHERE locator = "
                         "'offset 0'"),
                     "a@example.org hr@agency.example;b@agency.example;"
                     "c@agency.example Lebenslauf Jürgen");
    sha_hex("hello world\n", 12, want);
    ck_assert_str_eq(one("SELECT sha256 FROM attachments"), want);
    ck_assert_str_eq(one("SELECT filename || ' ' || part_path || ' ' || size"
                         " FROM attachments"), "Läufer.pdf 2 12");
    ck_assert_str_eq(one("SELECT md5 FROM attachments"),
                     "6f5902ac237024bdd0c176cb93063dc4");
    /* Date: with its zone; the hop's time and hosts */
    ck_assert_str_eq(one("SELECT ts FROM events WHERE ts_desc = 'Sent Time' "
                         "AND locator = 'offset 0'"),
                     "1684566000000000000");
    ck_assert_str_eq(one("SELECT ts || ' ' || message FROM events WHERE "
                         "ts_desc = 'Recorded Time'"),
                     "1684566005000000000 Received by mx.agency.example "
                     "from gw.example.org [192.0.2.7] (hop 1 of 1): "
                     "'Lebenslauf Jürgen' [Message-ID <m1@example.org>]");
    ck_assert_str_eq(one("SELECT client FROM messages WHERE locator = "
                         "'offset 0'"), "gw.example.org[192.0.2.7]");
    snprintf(q, sizeof(q), "offset %d",
             (int)(strstr(mbox, "\n\nFrom b@") + 2 - mbox));
    ck_assert_str_eq(one("SELECT locator FROM messages WHERE subject = "
                         "'second'"), q);
    /* what is not mail is not collected: FTL_DONE and no evidence row
     * (the disk collector records it as not recognised) */
    b.data = "\x89PNG\r\n\x1a\n not mail";
    b.len = strlen(b.data);
    ck_assert_int_eq(col_src_open_cb(&src, "image.dd//var/mail/x.png",
                                     (int64_t)b.len, buf_read, &b, 1, &err),
                     FTL_OK);
    ck_assert_int_eq(mb->collect_src(&ctx, src, parent, "/var/mail/x.png",
                                     &err), FTL_DONE);
    col_src_close(src);
    ck_assert_str_eq(one("SELECT count(*) FROM evidence WHERE kind = "
                         "'mailbox'"), "1");
    col_ctx_release(&ctx);
}
END_TEST

/* The run's state (its digest thread) is made on the first item and
 * kept for the others: a disk image hands over thousands of mail files
 * through collect_src(), each of which must not start a thread.  It
 * goes when the run ends (col_ctx_release). */
START_TEST(test_mailbox_run_state_outlives_items)
{
    const struct col_ops *mb = col_find("mailbox");
    struct col_ctx ctx;
    struct ftl_err err = { 0 };
    struct col_src *src;
    struct buf b;
    struct mbx_run *run;
    struct mbx_hasher *first;
    int i;

    memset(&ctx, 0, sizeof(ctx));
    ctx.st = st;
    ck_assert_ptr_null(ctx.state);
    for (i = 0; i < 3; i++) {
        b.data = mbox;
        b.len = sizeof(mbox) - 1;
        ck_assert_int_eq(col_src_open_cb(&src, "image.dd//var/mail/a",
                                         (int64_t)b.len, buf_read, &b, 1,
                                         &err), FTL_OK);
        ck_assert_int_eq(mb->collect_src(&ctx, src, 0, i ? "/var/mail/b"
                                         : "/var/mail/a", &err), FTL_OK);
        col_src_close(src);
        /* the state the collector made: found again, not made anew */
        run = col_ctx_state(&ctx, mb, sizeof(*run), NULL);
        ck_assert_ptr_nonnull(run);
        ck_assert_int_eq(run->hasher_tried, 1);
        if (!i)
            first = run->hasher;
        ck_assert_ptr_eq(run->hasher, first);
    }
    ck_assert_str_eq(one("SELECT count(*) FROM evidence"), "2");
    col_ctx_release(&ctx);
    ck_assert_ptr_null(ctx.state);
}
END_TEST

/* Collect 'text' as a mail file inside an image, the way the disk
 * collector hands one over. */
static void collect_text(struct col_ctx *ctx, const char *text,
                         const char *inner)
{
    const struct col_ops *mb = col_find("mailbox");
    struct ftl_err err = { 0 };
    struct col_src *src;
    struct buf b = { text, strlen(text) };

    ck_assert_int_eq(col_src_open_cb(&src, inner, (int64_t)b.len, buf_read,
                                     &b, 1, &err), FTL_OK);
    ck_assert_int_eq(mb->collect_src(ctx, src, 0, inner, &err), FTL_OK);
    col_src_close(src);
}

#define DATED(subj, date) \
    "From x@example.org Sat May 20 09:00:00 2023\nFrom: x@example.org\n" \
    "Subject: " subj "\nDate: " date "\n\nbody\n\n"

/* Dates without a zone ftl trusts are read in --tz and flagged; the
 * expected instants are written out, not computed: 09:00 in Brussels
 * in May (CEST, +02:00) is 07:00Z, 1684566000. */
START_TEST(test_mailbox_dates_without_trusted_zone_use_tz)
{
    static const char text[] =
        DATED("military", "Sat, 20 May 2023 09:00:00 M")
        DATED("named", "Sat, 20 May 2023 09:00:00 CEST")
        DATED("none", "Sat, 20 May 2023 09:00:00")
        DATED("iso", "2023-05-20T09:00:00")
        DATED("isoz", "2023-05-20T09:00:00Z")
        DATED("numeric", "Sat, 20 May 2023 09:00:00 +0300")
        DATED("gmt", "Sat, 20 May 2023 09:00:00 GMT");
    struct col_ctx ctx;
    struct ftl_err err = { 0 };
    struct tl_tz *tz;

    memset(&ctx, 0, sizeof(ctx));
    ctx.st = st;
    ck_assert_int_eq(tl_tz_open(&tz, "Europe/Brussels", &err), FTL_OK);
    ctx.tz = tz;
    collect_text(&ctx, text, "/var/mail/dates");
#define SENT(subj) one("SELECT e.ts || ' ' || (e.flags & 8) || ' ' || " \
                       "coalesce(e.tz, '-') FROM events e JOIN messages m " \
                       "ON m.id = e.msg_id WHERE e.ts_desc = 'Sent Time' " \
                       "AND m.subject = '" subj "'")
    ck_assert_str_eq(SENT("military"),
                     "1684566000000000000 8 Europe/Brussels");
    ck_assert_str_eq(SENT("named"), "1684566000000000000 8 Europe/Brussels");
    ck_assert_str_eq(SENT("none"), "1684566000000000000 8 Europe/Brussels");
    ck_assert_str_eq(SENT("iso"), "1684566000000000000 8 Europe/Brussels");
    ck_assert_str_eq(SENT("isoz"), "1684573200000000000 0 -");
    ck_assert_str_eq(SENT("numeric"), "1684562400000000000 0 -");
    ck_assert_str_eq(SENT("gmt"), "1684573200000000000 0 -");
#undef SENT
    /* the raw text is kept, and each assumption is a warning */
    ck_assert_str_eq(one("SELECT raw_time FROM events e JOIN messages m ON "
                         "m.id = e.msg_id WHERE m.subject = 'military'"),
                     "Sat, 20 May 2023 09:00:00 M");
    ck_assert_int_eq(tu_count(st, "SELECT count(*) FROM warnings WHERE "
                              "message LIKE '%read as Europe/Brussels'"), 4);
    col_ctx_release(&ctx);
    tl_tz_close(tz);
}
END_TEST

/* Every event message and warning is valid UTF-8 */
static void assert_all_utf8(void)
{
    const char *rows[] = { "SELECT message FROM events",
                           "SELECT message FROM warnings" };
    size_t i, bad;

    for (i = 0; i < 2; i++) {
        const char *all = tu_rows(st, rows[i]);

        ck_assert_msg(ftl_utf8_valid((const unsigned char *)all,
                                    strlen(all), &bad),
                      "%s: invalid UTF-8 at byte %zu", rows[i], bad);
    }
}

/* Texts cut to fit an event message or a warning are cut between
 * characters: a subject of 200 'é' (400 bytes), recipients that push the
 * Sent Time message past 1000 bytes, a Date that is no date. */
START_TEST(test_mailbox_cut_text_stays_utf8)
{
    struct col_ctx ctx;
    GString *t = g_string_new(NULL);
    int i;

    memset(&ctx, 0, sizeof(ctx));
    ctx.st = st;
    for (i = 0; i < 2; i++) {
        int k;

        g_string_append(t, "From x@example.org Sat May 20 09:00:00 2023\n"
                           "From: x@example.org\nSubject: ");
        for (k = 0; k < 200; k++)
            g_string_append(t, "\xc3\xa9");
        g_string_append(t, "\nTo: ");
        for (k = 0; k < 40 + i; k++)
            g_string_append_printf(t, "%sr%d@example.org", k ? ", " : "",
                                   k);
        g_string_append(t, "\nMessage-ID: <");
        for (k = 0; k < 100; k++)
            g_string_append(t, "\xc3\xa9");
        g_string_append(t, "@example.org>\nDate: Sat, 20 May 2023 "
                           "09:00:00 +0000\n");
        g_string_append(t, i ? "Received: from a by b; " : "Date2: x\n");
        if (i) {
            for (k = 0; k < 100; k++)
                g_string_append(t, "\xc3\xa9");
            g_string_append(t, " x\n");
        }
        g_string_append(t, "\nbody\n\n");
    }
    collect_text(&ctx, t->str, "/var/mail/utf8");
    col_ctx_release(&ctx);
    g_string_free(t, TRUE);
    ck_assert_int_eq(tu_count(st, "SELECT count(*) FROM messages"), 2);
    ck_assert_int_gt(tu_count(st, "SELECT count(*) FROM events WHERE "
                              "message LIKE '%...'"), 0);
    assert_all_utf8();
}
END_TEST

/* A maildir delivery time is read from a name of the maildir form
 * only (seconds since 1970, two dots: "1684659600.M1P2.host:2,S"). */
START_TEST(test_mailbox_maildir_time_needs_maildir_name)
{
    static const char text[] = "From: x@example.org\nSubject: s\n"
                               "Date: Sat, 20 May 2023 09:00:00 +0000\n"
                               "\nbody\n";
    struct col_ctx ctx;

    memset(&ctx, 0, sizeof(ctx));
    ctx.st = st;
    collect_text(&ctx, text, "/home/a/Maildir/cur/1684659600.M1P2.mx:2,S");
    collect_text(&ctx, text, "/home/a/Maildir/new/1684659601.M2P3.mx");
    collect_text(&ctx, text, "/home/a/Maildir/tmp/1.eml");
    collect_text(&ctx, text, "/home/a/Maildir/new/2023.txt");
    collect_text(&ctx, text, "/home/a/Maildir/new/99999999.M1P2.mx");
    col_ctx_release(&ctx);
    ck_assert_str_eq(tu_rows(st, "SELECT ts || ' ' || locator FROM events "
                             "WHERE ts_desc = 'Delivery Time' ORDER BY ts"),
                     "1684659600000000000 cur/1684659600.M1P2.mx:2,S|"
                     "1684659601000000000 new/1684659601.M2P3.mx");
}
END_TEST

/* Every header text that is stored is at most 64 KiB: recipients are
 * cut after a whole address, each address listed once whatever its
 * case; the cut is reported, and so is every header over 64 KiB. */
START_TEST(test_mailbox_long_headers_stored_cut)
{
    struct col_ctx ctx;
    GString *t = g_string_new(NULL);
    const char *r;
    int k;

    memset(&ctx, 0, sizeof(ctx));
    ctx.st = st;
    g_string_append(t, "From: x@example.org\nSubject: s\nTo: ");
    for (k = 0; k < 8000; k++)
        g_string_append_printf(t, "%suser%05d@example.org", k ? ", " : "",
                               k);
    g_string_append(t, "\nCc: USER00001@Example.ORG, list: user00002@"
                       "example.org, new@example.org;\nMessage-ID: <");
    for (k = 0; k < 70000; k++)
        g_string_append_c(t, 'm');
    g_string_append(t, "@example.org>\nDate: Sat, 20 May 2023 09:00:00 "
                       "+0000 (");
    for (k = 0; k < 70000; k++)
        g_string_append_c(t, 'c');
    g_string_append(t, ")\n\nbody\n");
    collect_text(&ctx, t->str, "/var/mail/long.eml");
    col_ctx_release(&ctx);
    g_string_free(t, TRUE);
    ck_assert_int_le(tu_count(st, "SELECT length(recipients) FROM "
                              "messages"), 65536);
    ck_assert_int_gt(tu_count(st, "SELECT length(recipients) FROM "
                              "messages"), 65000);
    r = one("SELECT substr(recipients, 1, 65) || ' ' || substr(recipients, "
            "-21) FROM messages");
    ck_assert_str_eq(r, "user00000@example.org;user00001@example.org;"
                        "user00002@example.org user02977@example.org");
    /* 2978 whole addresses of 21 bytes and 2977 ';': 65515 bytes */
    ck_assert_int_eq(tu_count(st, "SELECT length(recipients) - length("
                              "replace(recipients, ';', '')) FROM "
                              "messages"), 2977);
    ck_assert_int_le(tu_count(st, "SELECT length(message_id) FROM "
                              "messages"), 65536);
    ck_assert_int_le(tu_count(st, "SELECT length(raw_time) FROM events "
                              "WHERE ts_desc = 'Sent Time'"), 65536);
    ck_assert_str_eq(one("SELECT ts FROM events WHERE ts_desc = "
                         "'Sent Time'"), "1684573200000000000");
    ck_assert_int_eq(tu_count(st, "SELECT count(*) FROM warnings WHERE "
                              "message LIKE '%its recipients take % "
                              "bytes; the first 65515 are stored%'"), 1);
    ck_assert_int_eq(tu_count(st, "SELECT count(*) FROM warnings WHERE "
                              "message LIKE '%header ''Message-ID'' is % "
                              "bytes long; at most 65536 bytes of it are "
                              "stored'"), 1);
    ck_assert_int_eq(tu_count(st, "SELECT count(*) FROM warnings WHERE "
                              "message LIKE '%header ''To'' is % bytes "
                              "long'"), 1);
}
END_TEST

/* A buffer whose reads fail from offset 'bad' on, as a damaged disk. */
struct badbuf {
    struct buf b;
    int64_t bad;
};

static ssize_t bad_read(void *payload, int64_t offset, void *out, size_t n)
{
    struct badbuf *bb = payload;

    if (offset >= bb->bad)
        return -1;
    if ((int64_t)n > bb->bad - offset)
        n = (size_t)(bb->bad - offset);
    return buf_read(&bb->b, offset, out, n);
}

/* An mbox of 'n' messages of about 3 KB each, malloc'd. */
static char *big_mbox(int n, size_t *len)
{
    GString *s = g_string_new(NULL);
    int i, k;

    for (i = 0; i < n; i++) {
        g_string_append_printf(s, "From x@example.org Sat May 20 09:00:00 "
                               "2023\nFrom: x@example.org\nSubject: m%d\n"
                               "Date: Sat, 20 May 2023 09:00:00 +0000\n\n",
                               i);
        for (k = 0; k < 40; k++)
            g_string_append(s, "a line of text in the body of a message, "
                               "long enough\n");
        g_string_append_c(s, '\n');
    }
    *len = s->len;
    return g_string_free(s, FALSE);
}

/* A stream that cannot be read past 200 KB: the messages before are
 * kept, the item is partial and its SHA-256 is that of the bytes read,
 * which the note says. */
START_TEST(test_mailbox_collect_src_read_error_keeps_partial)
{
    const struct col_ops *mb = col_find("mailbox");
    struct col_ctx ctx;
    struct ftl_err err = { 0 };
    struct col_src *src;
    struct badbuf bb;
    char want[65];
    size_t len;
    char *data = big_mbox(150, &len);

    ck_assert_uint_gt(len, 250000);
    memset(&ctx, 0, sizeof(ctx));
    ctx.st = st;
    bb.b.data = data;
    bb.b.len = len;
    bb.bad = 200000;
    ck_assert_int_eq(col_src_open_cb(&src, "image.dd//var/mail/x",
                                     (int64_t)len, bad_read, &bb, 1, &err),
                     FTL_OK);
    ck_assert_int_eq(mb->collect_src(&ctx, src, 0, "/var/mail/x", &err),
                     FTL_OK);
    col_src_close(src);
    ck_assert_str_eq(one("SELECT status FROM evidence"), "partial");
    sha_hex(data, 200000, want);
    ck_assert_str_eq(one("SELECT sha256 FROM evidence"), want);
    ck_assert_str_eq(one("SELECT note FROM evidence"), "sha256 of the "
                     "first 200000 bytes: read error at 200000");
    ck_assert_int_gt(tu_count(st, "SELECT count(*) FROM messages"), 60);
    ck_assert_int_eq(tu_count(st, "SELECT count(*) FROM warnings WHERE "
                              "message LIKE '%read error%'"), 1);
    /* unreadable from the start: an error, not "not mail" */
    bb.bad = 0;
    ck_assert_int_eq(col_src_open_cb(&src, "image.dd//var/mail/y",
                                     (int64_t)len, bad_read, &bb, 1, &err),
                     FTL_OK);
    ck_assert_int_lt(mb->collect_src(&ctx, src, 0, "/var/mail/y", &err), 0);
    col_src_close(src);
    ck_assert_int_eq(tu_count(st, "SELECT count(*) FROM evidence"), 1);
    col_ctx_release(&ctx);
    g_free(data);
}
END_TEST

/* A pull source over a buffer, 7 bytes at a time. */
static ssize_t pull7(void *ud, void *out, size_t n, struct ftl_err *err)
{
    struct buf *b = ud;

    (void)err;
    if (n > 7)
        n = 7;
    if (n > b->len)
        n = b->len;
    memcpy(out, b->data, n);
    b->data += n;
    b->len -= n;
    return (ssize_t)n;
}

START_TEST(test_mailbox_stream_rereads_from_spool)
{
    static const char text[] = "0123456789abcdefghijklmnopqrstuvwxyz";
    struct buf b = { text, sizeof(text) - 1 };
    struct ftl_err err = { 0 };
    GMimeStream *s, *sub;
    const char *head;
    char got[64];
    ssize_t n;
    int eof;

    s = mbx_stream_new(pull7, &b, -1, &err);
    ck_assert_ptr_nonnull(s);
    ck_assert_int_eq(mbx_stream_peek(s, 10, &head), 10);
    ck_assert_int_eq(memcmp(head, "0123456789", 10), 0);
    /* the peeked bytes are read again from the start */
    n = g_mime_stream_read(s, got, 20);
    ck_assert_int_gt(n, 0);
    ck_assert_int_eq(memcmp(got, text, (size_t)n), 0);
    while (g_mime_stream_read(s, got, sizeof(got)) > 0)
        ;
    ck_assert_int_eq(mbx_stream_pulled(s, &eof), 36);
    ck_assert_int_eq(eof, 1);
    ck_assert(g_mime_stream_eos(s));
    /* an earlier range, as GMime re-reads a part */
    sub = g_mime_stream_substream(s, 10, 16);
    ck_assert_int_eq(g_mime_stream_length(sub), 6);
    n = g_mime_stream_read(sub, got, sizeof(got));
    ck_assert_int_eq(n, 6);
    ck_assert_int_eq(memcmp(got, "abcdef", 6), 0);
    ck_assert_int_eq(g_mime_stream_reset(sub), 0);
    ck_assert_int_eq(g_mime_stream_read(sub, got, 2), 2);
    ck_assert_int_eq(memcmp(got, "ab", 2), 0);
    ck_assert_int_eq(g_mime_stream_write(sub, "x", 1), -1);
    g_object_unref(sub);
    ck_assert_int_eq(mbx_stream_error(s, &err), FTL_OK);
    g_object_unref(s);
}
END_TEST

/* A pull source of 'left' bytes of a pattern, 64 KiB at a time. */
struct pattern {
    int64_t pos, left;
};

static char pattern_byte(int64_t i)
{
    return (char)('a' + (i * 7 + i / 4093) % 26);
}

static ssize_t pull_pattern(void *ud, void *out, size_t n,
                            struct ftl_err *err)
{
    struct pattern *p = ud;
    size_t i;

    (void)err;
    if (n > 65536)
        n = 65536;
    if ((int64_t)n > p->left)
        n = (size_t)p->left;
    for (i = 0; i < n; i++)
        ((char *)out)[i] = pattern_byte(p->pos + (int64_t)i);
    p->pos += (int64_t)n;
    p->left -= (int64_t)n;
    return (ssize_t)n;
}

/* The spool is cut back only once 8 MiB lie before the offset the
 * parser is done with; what follows that offset is still read back, what
 * precedes it is not. */
START_TEST(test_mailbox_stream_forget_trims_spool)
{
    const int64_t total = (9 << 20) + 123, mark = total - 1000;
    struct pattern pt = { 0, total };
    struct ftl_err err = { 0 };
    GMimeStream *s, *sub;
    char got[64], *buf = malloc(1 << 20);
    int64_t i;

    ck_assert_ptr_nonnull(buf);
    s = mbx_stream_new(pull_pattern, &pt, -1, &err);
    ck_assert_ptr_nonnull(s);
    while (g_mime_stream_read(s, buf, 1 << 20) > 0)
        ;
    free(buf);
    ck_assert_int_eq(mbx_stream_pulled(s, NULL), total);
    ck_assert_int_eq(mbx_stream_last(s), pattern_byte(total - 1));
    /* under 8 MiB: nothing dropped */
    mbx_stream_forget(s, 1 << 20);
    sub = g_mime_stream_substream(s, 100, 164);
    ck_assert_int_eq(g_mime_stream_read(sub, got, 64), 64);
    g_object_unref(sub);
    for (i = 0; i < 64; i++)
        ck_assert_int_eq(got[i], pattern_byte(100 + i));
    /* past 8 MiB (and the rest short): the bytes from 'mark' on stay */
    mbx_stream_forget(s, mark);
    sub = g_mime_stream_substream(s, mark, mark + 64);
    ck_assert_int_eq(g_mime_stream_read(sub, got, 64), 64);
    g_object_unref(sub);
    for (i = 0; i < 64; i++)
        ck_assert_int_eq(got[i], pattern_byte(mark + i));
    sub = g_mime_stream_substream(s, total - 10, total);
    ck_assert_int_eq(g_mime_stream_read(sub, got, 64), 10);
    g_object_unref(sub);
    ck_assert_int_eq(got[9], pattern_byte(total - 1));
    ck_assert_int_eq(mbx_stream_error(s, &err), FTL_OK);
    /* ... and the ones before are gone */
    sub = g_mime_stream_substream(s, 100, 164);
    ck_assert_int_eq(g_mime_stream_read(sub, got, 64), -1);
    g_object_unref(sub);
    ck_assert_int_eq(mbx_stream_error(s, &err), FTL_EIO);
    g_object_unref(s);
}
END_TEST

/* An mbox read through the spool and cut in the middle of a line just
 * as the spool is cut back after its last message: still partial. */
START_TEST(test_mailbox_collect_src_cut_after_spool_trim)
{
    const struct col_ops *mb = col_find("mailbox");
    struct col_ctx ctx;
    struct ftl_err err = { 0 };
    struct col_src *src;
    struct buf b;
    size_t len;
    char *data = big_mbox(3748, &len);

    /* the last message is the first to end past 8 MiB */
    ck_assert_uint_gt(len, 8 << 20);
    ck_assert_uint_lt(len - 2239, 8 << 20);
    len -= 2;                  /* "...enough\n\n" -> "...enoug" */
    memset(&ctx, 0, sizeof(ctx));
    ctx.st = st;
    b.data = data;
    b.len = len;
    ck_assert_int_eq(col_src_open_cb(&src, "image.dd//var/mail/cut",
                                     (int64_t)len, buf_read, &b, 1, &err),
                     FTL_OK);
    ck_assert_int_eq(mb->collect_src(&ctx, src, 0, "/var/mail/cut", &err),
                     FTL_OK);
    col_ctx_release(&ctx);
    col_src_close(src);
    ck_assert_int_eq(tu_count(st, "SELECT count(*) FROM messages"), 3748);
    ck_assert_str_eq(one("SELECT status FROM evidence"), "partial");
    ck_assert_int_eq(tu_count(st, "SELECT count(*) FROM warnings WHERE "
                              "message LIKE '%without a final newline%'"),
                     1);
    g_free(data);
}
END_TEST

START_TEST(test_mailbox_hasher_matches_direct_digest)
{
    struct mbx_hasher *h = mbx_hasher_start();
    struct ftl_digest *a, *b;
    struct mbx_final f;
    struct ftl_err err = { 0 };
    char *data = malloc(1 << 20), md5[33];
    size_t i;

    ck_assert_ptr_nonnull(data);
    for (i = 0; i < (1u << 20); i++)
        data[i] = (char)(i * 7 + i / 251);
    ck_assert_int_eq(ftl_digest_new(&a, FTL_MD5, &err), FTL_OK);
    ck_assert_int_eq(ftl_digest_new(&b, FTL_MD5, &err), FTL_OK);
    /* chunks larger and smaller than a ring slot */
    mbx_hasher_update(h, a, data, 700000);
    mbx_hasher_update(h, a, data + 700000, 3);
    mbx_hasher_update(h, a, data + 700003, (1 << 20) - 700003);
    ftl_digest_update(b, data, 1 << 20);
    ftl_digest_final(b, md5, NULL);
    f.dig = a;
    mbx_hasher_final(h, &f);
    mbx_hasher_sync(h);
    ck_assert(mbx_hasher_done(h, &f));
    ck_assert_str_eq(f.md5, md5);
    ck_assert_ptr_null(f.dig);
    mbx_hasher_stop(h);
    ftl_digest_free(b);
    free(data);
}
END_TEST

START_TEST(test_mailbox_is_zip_document_by_name_and_type)
{
    ck_assert(mbx_is_zip_document("CV.DOCX", NULL));
    ck_assert(mbx_is_zip_document("x", "application/vnd.oasis."
                                       "opendocument.text"));
    ck_assert(!mbx_is_zip_document("export.zip", "application/zip"));
    ck_assert(!mbx_is_zip_document(NULL, NULL));
    ck_assert(!mbx_is_zip_document("docx", "application/octet-stream"));
}
END_TEST

Suite *mailbox_suite(void)
{
    Suite *s = suite_create("mailbox");
    TCase *tc = tcase_create("mailbox");

    tcase_add_unchecked_fixture(tc, gmime_setup, gmime_teardown);
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_mailbox_collect_src_reads_buffer);
    tcase_add_test(tc, test_mailbox_run_state_outlives_items);
    tcase_add_test(tc, test_mailbox_collect_src_read_error_keeps_partial);
    tcase_add_test(tc, test_mailbox_dates_without_trusted_zone_use_tz);
    tcase_add_test(tc, test_mailbox_cut_text_stays_utf8);
    tcase_add_test(tc, test_mailbox_maildir_time_needs_maildir_name);
    tcase_add_test(tc, test_mailbox_long_headers_stored_cut);
    tcase_add_test(tc, test_mailbox_stream_rereads_from_spool);
    tcase_add_test(tc, test_mailbox_stream_forget_trims_spool);
    tcase_add_test(tc, test_mailbox_collect_src_cut_after_spool_trim);
    tcase_add_test(tc, test_mailbox_hasher_matches_direct_digest);
    tcase_add_test(tc, test_mailbox_is_zip_document_by_name_and_type);
    suite_add_tcase(s, tc);
    return s;
}
