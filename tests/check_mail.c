/*
 * tests/check_mail.c - messages, links and attachments in the case
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <check.h>

#include "testutil.h"
#include "timeline/timeline.h"

static char path[64];
static struct tl_store *st;
static int64_t evid;

static void setup(void)
{
    struct tl_evidence ev = { 0 };
    struct ftl_err err = { 0 };

    st = tu_case_open("mail", path);
    ev.kind = "maillog";
    ev.path = "maillog";
    ev.size = -1;
    ck_assert_int_eq(tl_evidence_begin(st, &ev, &evid, &err), FTL_OK);
}

static void teardown(void)
{
    tu_case_close(st, path);
}

static const char *one(const char *sql)
{
    return tu_one(st, sql);
}

START_TEST(test_mail_message_add_update_link)
{
    struct tl_message m = { 0 };
    struct ftl_err err = { 0 };
    int64_t id = 0, id2 = 0;

    m.evidence_id = evid;
    m.origin = "log";
    m.queue_id = "ED36AD08054";
    m.sender = "tarbosaurus@dinos.test";
    m.size = 179692;
    m.first_seen = 1000;
    m.locator = "qid ED36AD08054@line 2";
    ck_assert_int_eq(tl_message_add(st, &m, &id, &err), FTL_OK);
    ck_assert_int_eq(tl_message_add(st, &m, &id2, &err), FTL_DONE);
    m.recipients = "a@x.test;b@x.test";
    m.status = "sent";
    m.last_seen = 2000;
    ck_assert_int_eq(tl_message_update(st, id, &m, &err), FTL_OK);
    ck_assert_str_eq(one("SELECT recipients || ' ' || status || ' ' ||"
                         " size || ' ' || last_seen FROM messages"),
                     "a@x.test;b@x.test sent 179692 2000");
    ck_assert_str_eq(one("SELECT locator FROM messages"),
                     "qid ED36AD08054@line 2");
    ck_assert_int_eq(tl_message_link(st, evid, id, "queued-as", "73635C808F",
                                     0, &err), FTL_OK);
    ck_assert_str_eq(one("SELECT kind || '=' || value FROM message_links"),
                     "queued-as=73635C808F");
    /* the same link again adds nothing */
    ck_assert_int_eq(tl_message_link(st, evid, id, "queued-as", "73635C808F",
                                     0, &err), FTL_OK);
    ck_assert_str_eq(one("SELECT count(*) FROM message_links"), "1");
}
END_TEST

START_TEST(test_mail_attachment_add_member)
{
    struct tl_attachment a = { 0 };
    struct ftl_err err = { 0 };
    int64_t tar = 0, member = 0;

    a.evidence_id = evid;
    a.part_path = "2";
    a.filename = "install_helo.tar";
    a.content_type = "application/x-tar";
    a.size = 10240;
    a.sha256 = "ab";
    a.locator = "@0/2";
    ck_assert_int_eq(tl_attachment_add(st, &a, &tar, &err), FTL_OK);
    a.parent_id = tar;
    a.is_member = 1;
    a.part_path = "2/`echo x`";
    a.filename = "`echo x`";
    a.locator = "@0/2/1";
    ck_assert_int_eq(tl_attachment_add(st, &a, &member, &err), FTL_OK);
    ck_assert_int_eq(tl_attachment_add(st, &a, &member, &err), FTL_DONE);
    ck_assert_str_eq(one("SELECT filename FROM attachments WHERE is_member"),
                     "`echo x`");
    ck_assert_str_eq(one("SELECT count(*) FROM attachments"
                         " WHERE parent_id IS NOT NULL"), "1");
}
END_TEST

/* An attachment row added before its content was read is completed
 * afterwards; NULL and -1 leave the columns empty. */
START_TEST(test_mail_attachment_finish_fills_row)
{
    struct tl_attachment a = { 0 };
    struct ftl_err err = { 0 };
    int64_t id = 0, other = 0;

    a.evidence_id = evid;
    a.part_path = "2";
    a.filename = "cv.pdf";
    a.size = -1;
    a.locator = "offset 0 part 2";
    ck_assert_int_eq(tl_attachment_add(st, &a, &id, &err), FTL_OK);
    a.part_path = "3";
    a.locator = "offset 0 part 3";
    ck_assert_int_eq(tl_attachment_add(st, &a, &other, &err), FTL_OK);
    ck_assert_str_eq(one("SELECT coalesce(size, '-') || coalesce(md5, '-')"
                         " FROM attachments WHERE part_path = '2'"), "--");
    ck_assert_int_eq(tl_attachment_finish(st, id, 12,
                                          "6f5902ac237024bdd0c176cb93063dc4",
                                          "a948904f2f0f479b8f8197694b3016"
                                          "4b0f2e5bd5c3b7c9b6c3b6e2e3dc"
                                          "86e5b1", "a note", &err), FTL_OK);
    ck_assert_int_eq(tl_attachment_finish(st, other, -1, NULL, NULL, NULL,
                                          &err), FTL_OK);
    ck_assert_str_eq(one("SELECT size || ' ' || md5 || ' ' || "
                         "substr(sha256, 1, 8) || ' ' || note FROM "
                         "attachments WHERE part_path = '2'"),
                     "12 6f5902ac237024bdd0c176cb93063dc4 a948904f a note");
    ck_assert_str_eq(one("SELECT coalesce(size, '-') || coalesce(md5, '-') "
                         "|| coalesce(sha256, '-') || coalesce(note, '-') "
                         "FROM attachments WHERE part_path = '3'"), "----");
}
END_TEST

/* A late indicator hit flags the message and its events, and only
 * those; flags already set stay. */
START_TEST(test_mail_message_flag_ioc_flags_message_and_events)
{
    struct tl_message m = { 0 };
    struct tl_event ev = { 0 };
    struct ftl_err err = { 0 };
    int64_t id = 0, id2 = 0;

    m.evidence_id = evid;
    m.origin = "store";
    m.locator = "offset 0";
    ck_assert_int_eq(tl_message_add(st, &m, &id, &err), FTL_OK);
    m.locator = "offset 100";
    ck_assert_int_eq(tl_message_add(st, &m, &id2, &err), FTL_OK);
    ev.evidence_id = evid;
    ev.source = "MAIL";
    ev.artifact = "mail:message";
    ev.ts_desc = "Sent Time";
    ev.message = "sent";
    ev.msg_id = id;
    ev.locator = "offset 0";
    ev.ts = 1000;
    ev.flags = TL_F_TZ_ASSUMED;
    ck_assert_int_eq(tl_event_add(st, &ev, NULL, &err), FTL_OK);
    ev.ts_desc = "Recorded Time";
    ev.locator = "offset 0 received[1]";
    ev.flags = 0;
    ck_assert_int_eq(tl_event_add(st, &ev, NULL, &err), FTL_OK);
    ev.msg_id = id2;
    ev.locator = "offset 100";
    ck_assert_int_eq(tl_event_add(st, &ev, NULL, &err), FTL_OK);
    ck_assert_int_eq(tl_message_flag_ioc(st, id, &err), FTL_OK);
    ck_assert_str_eq(tu_rows(st, "SELECT flags FROM messages ORDER BY id"),
                     "4|0");
    ck_assert_str_eq(tu_rows(st, "SELECT msg_id || ':' || flags FROM events "
                             "ORDER BY id"), "1:12|1:4|2:0");
    /* again: nothing changes */
    ck_assert_int_eq(tl_message_flag_ioc(st, id, &err), FTL_OK);
    ck_assert_str_eq(tu_rows(st, "SELECT flags FROM events ORDER BY id"),
                     "12|4|0");
}
END_TEST

Suite *mail_suite(void)
{
    Suite *s = suite_create("mail");
    TCase *tc = tcase_create("tl_message");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_mail_message_add_update_link);
    tcase_add_test(tc, test_mail_attachment_add_member);
    tcase_add_test(tc, test_mail_attachment_finish_fills_row);
    tcase_add_test(tc, test_mail_message_flag_ioc_flags_message_and_events);
    suite_add_tcase(s, tc);
    return s;
}
