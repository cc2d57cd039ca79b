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

Suite *mail_suite(void)
{
    Suite *s = suite_create("mail");
    TCase *tc = tcase_create("tl_message");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_mail_message_add_update_link);
    tcase_add_test(tc, test_mail_attachment_add_member);
    suite_add_tcase(s, tc);
    return s;
}
