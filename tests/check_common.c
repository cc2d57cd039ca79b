/*
 * tests/check_common.c - what collectors share: warnings, counters,
 * evidence end with duplicates, indicator and suspicious-name hits
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <check.h>

#include "testutil.h"
#include "collectors/collectors.h"

static char path[64];
static struct col_ctx ctx;
static char last[1024];
static int reports;

static void on_report(void *ud, int level, const char *msg)
{
    (void)ud;
    (void)level;
    snprintf(last, sizeof(last), "%s", msg);
    reports++;
}

static void setup(void)
{
    struct ftl_err err = { 0 };

    memset(&ctx, 0, sizeof(ctx));
    ctx.report = on_report;
    reports = 0;
    ctx.st = tu_case_open("common", path);
    ck_assert_int_eq(tl_iocs_load_default(&ctx.iocs, &err), FTL_OK);
    ck_assert_int_eq(tl_iocs_store(ctx.st, ctx.iocs, &err), FTL_OK);
}

static void teardown(void)
{
    tl_iocs_free(ctx.iocs);
    tu_case_close(ctx.st, path);
}

static int64_t begin(const char *name)
{
    struct tl_evidence ev = { 0 };
    struct ftl_err err = { 0 };
    int64_t id;

    ev.kind = "test";
    ev.path = name;
    ev.size = -1;
    ck_assert_int_eq(tl_evidence_begin(ctx.st, &ev, &id, &err), FTL_OK);
    return id;
}

/* A place on its own: kind and path. */
static const struct tl_evidence *place(const char *kind, const char *name)
{
    static struct tl_evidence ev;

    memset(&ev, 0, sizeof(ev));
    ev.kind = kind;
    ev.path = name;
    ev.size = -1;
    return &ev;
}

static int64_t count(const char *sql)
{
    return tu_count(ctx.st, sql);
}

START_TEST(test_common_name_check_shell_name_is_rule_hit)
{
    int64_t evid = begin("mail.log");

    ck_assert_int_eq(col_name_check(&ctx, evid, "attachment name",
                                    "a.tar`echo x`", "line text", "line 3",
                                    0, 0, 0), 1);
    ck_assert_int_eq(count("SELECT count(*) FROM ioc_hits WHERE rule = '"
                           TL_RULE_SHELL_NAME "'"), 1);
    /* A plain name: nothing. */
    ck_assert_int_eq(col_name_check(&ctx, evid, "attachment name",
                                    "report.pdf", "x", "line 4", 0, 0, 0), 0);
    /* A pack name and a shell name at once: both recorded. */
    ck_assert_int_eq(col_name_check(&ctx, evid, "attachment name", "obt075;x",
                                    "x", "line 5", 0, 0, 0), 2);
    ck_assert_int_eq(ctx.n_hits, 3);
}
END_TEST

START_TEST(test_common_name_check_without_pack_checks_nothing)
{
    int64_t evid = begin("mail.log");
    struct tl_iocset *set = ctx.iocs;

    ctx.iocs = NULL;
    ck_assert_int_eq(col_name_check(&ctx, evid, "subject", "$(reboot)", "x",
                                    "line 1", 0, 0, 0), 0);
    ctx.iocs = set;
}
END_TEST

START_TEST(test_common_evidence_end_duplicate_undoes_counts)
{
    struct ftl_err err = { 0 };
    struct tl_event ev = { 0 };
    int64_t a, b;

    ev.ts = 1;
    ev.ts_desc = "Recorded Time";
    ev.source = "LOG";
    ev.artifact = "test";
    ev.locator = "line 1";
    ev.message = "m";
    a = begin("a");
    ev.evidence_id = a;
    ck_assert_int_eq(col_event(&ctx, &ev, NULL, &err), FTL_OK);
    col_warn(&ctx, a, "a", "line 2", "bad %s", "line");
    ck_assert_int_eq(col_evidence_end(&ctx, a, "a", "h", NULL, TL_EV_COMPLETE,
                                      &err), FTL_OK);
    ck_assert_int_eq(ctx.n_events, 1);
    ck_assert_int_eq(ctx.n_warnings, 1);
    ck_assert_ptr_nonnull(strstr(last, "a:line 2: bad line"));
    b = begin("b");
    ev.evidence_id = b;
    ck_assert_int_eq(col_event(&ctx, &ev, NULL, &err), FTL_OK);
    col_warn(&ctx, b, "b", "line 2", "bad");
    ck_assert_int_eq(col_evidence_end(&ctx, b, "b", "h", NULL, TL_EV_COMPLETE,
                                      &err), FTL_DONE);
    ck_assert_int_eq(ctx.n_events, 1);
    ck_assert_int_eq(ctx.n_warnings, 1);
    ck_assert_int_eq(ctx.n_dup, 1);
    ck_assert_int_eq(ctx.n_evidence, 1);
    ck_assert_ptr_nonnull(strstr(last, "already in the case as evidence #1"));
}
END_TEST

START_TEST(test_common_warn_caps_messages_not_records)
{
    int64_t evid = begin("noisy");
    int i;

    for (i = 0; i < 25; i++)
        col_warn(&ctx, evid, "noisy", "line 1", "bad %d", i);
    /* ten shown, one "more warnings" line, all 25 recorded */
    ck_assert_int_eq(reports, 11);
    ck_assert_int_eq(count("SELECT count(*) FROM warnings"), 25);
}
END_TEST

START_TEST(test_common_evidence_known_and_rollback)
{
    struct ftl_err err = { 0 };
    struct col_counts m;
    int64_t a;

    a = begin("a");
    ck_assert_int_eq(col_evidence_end(&ctx, a, "a", "h1", NULL,
                                      TL_EV_COMPLETE, &err), FTL_OK);
    ck_assert_int_eq(col_evidence_known(&ctx, place("test", "a"), "h1", "a",
                                        &err), FTL_DONE);
    ck_assert_ptr_nonnull(strstr(last, "already in the case as evidence #1"));
    ck_assert_int_eq(ctx.n_dup, 1);
    ck_assert_int_eq(col_evidence_known(&ctx, place("test", "b"), "h2", "b",
                                        &err), FTL_OK);
    ck_assert_int_eq(col_evidence_known(&ctx, place("disk", "c"), "h1", "c",
                                        &err), FTL_OK);
    /* what an aborted item counted is taken back */
    col_ctx_mark(&ctx, &m);
    a = begin("b");
    col_warn(&ctx, a, "b", "line 1", "bad");
    ctx.n_events += 5;
    col_abort(&ctx, a, &m);
    ck_assert_int_eq(ctx.n_warnings, m.warnings);
    ck_assert_int_eq(ctx.n_events, m.events);
    ck_assert_int_eq(count("SELECT count(*) FROM warnings"), 0);
}
END_TEST

Suite *common_suite(void)
{
    Suite *s = suite_create("common");
    TCase *tc = tcase_create("col_common");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_common_name_check_shell_name_is_rule_hit);
    tcase_add_test(tc, test_common_name_check_without_pack_checks_nothing);
    tcase_add_test(tc, test_common_evidence_end_duplicate_undoes_counts);
    tcase_add_test(tc, test_common_warn_caps_messages_not_records);
    tcase_add_test(tc, test_common_evidence_known_and_rollback);
    suite_add_tcase(s, tc);
    return s;
}
