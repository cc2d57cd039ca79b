/*
 * tests/check_identity.c - what collectors do when content is already in
 * the case: a copy adds its place, other options are refused, --replace
 * replaces, a failed or partial item is read again; the options given
 * in canonical form
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
static char last[2048];
static int reports;

static void on_report(void *ud, int level, const char *msg)
{
    (void)ud;
    (void)level;
    snprintf(last, sizeof(last), "%s", msg);
    reports++;
}

static const struct option own_opts[] = {
    { "year", required_argument, NULL, COL_OPT_BASE },
    { "staff", required_argument, NULL, COL_OPT_BASE + 1 },
    { "format", required_argument, NULL, COL_OPT_BASE + 2 },
    { NULL, 0, NULL, 0 }
};
static const char *const own_skip[] = { "staff", NULL };
/* A collector named like the mail-log one: the children's rule looks
 * kinds up in the registry. */
static const struct col_ops fake = {
    .name = "maillog",
    .longopts = own_opts,
    .uses_tz = 1,
    .uses_iocs = 1,
    .not_compared = own_skip,
};

static void new_run(void)
{
    struct tl_audit a = { "ftl collect", "collect", 1 };
    struct ftl_err err = { 0 };
    struct tl_store *st = ctx.st;

    col_ctx_release(&ctx);
    memset(&ctx, 0, sizeof(ctx));
    ctx.st = st;
    ctx.report = on_report;
    ck_assert_int_eq(tl_audit_begin(ctx.st, &a, &ctx.audit_id, &err),
                     FTL_OK);
}

static void setup(void)
{
    memset(&ctx, 0, sizeof(ctx));
    ctx.st = tu_case_open("identity", path);
    new_run();
}

static void teardown(void)
{
    col_ctx_release(&ctx);
    tu_case_close(ctx.st, path);
}

static int64_t count(const char *sql)
{
    return tu_count(ctx.st, sql);
}

/* One item of kind maillog at 'where' (inside 'parent' at 'inner'),
 * giving 'events' events, ended with 'sha' and 'status'; returns what
 * col_evidence_end() returns. */
static int item(const char *where, int64_t parent, const char *inner,
                const char *sha, int status, int events)
{
    struct tl_evidence ev = { 0 };
    struct tl_event e = { 0 };
    struct ftl_err err = { 0 };
    char loc[32];
    int64_t id;
    int i;

    ev.kind = "maillog";
    ev.path = where;
    ev.parent_id = parent;
    ev.inner_path = inner;
    ev.size = -1;
    ev.audit_id = ctx.audit_id;
    ck_assert_int_eq(col_evidence_begin(&ctx, &ev, &id, &err), FTL_OK);
    e.ts_desc = "Recorded Time";
    e.source = "LOG";
    e.artifact = "log:syslog";
    e.evidence_id = id;
    e.message = "m";
    e.locator = loc;
    for (i = 0; i < events; i++) {
        snprintf(loc, sizeof(loc), "line %d", i + 1);
        e.ts = i;
        ck_assert_int_eq(col_event(&ctx, &e, NULL, &err), FTL_OK);
    }
    return col_evidence_end(&ctx, id, where, sha, NULL, status, &err);
}

static int known(const char *where, const char *sha)
{
    struct tl_evidence ev = { 0 };
    struct ftl_err err = { 0 };

    ev.kind = "maillog";
    ev.path = where;
    ev.size = -1;
    ev.audit_id = ctx.audit_id;
    return col_evidence_known(&ctx, &ev, sha, where, &err);
}

START_TEST(test_identity_given_is_canonical)
{
    ck_assert_int_eq(col_given_opt(&ctx, &fake, COL_OPT_BASE, "2023"),
                     FTL_OK);
    ck_assert_int_eq(col_given_opt(&ctx, &fake, COL_OPT_BASE + 1, "r.csv"),
                     FTL_OK);
    ck_assert_int_eq(col_given_opt(&ctx, &fake, COL_OPT_BASE + 2,
                                   "it's x"), FTL_OK);
    ck_assert_int_eq(col_given_common(&ctx, &fake, NULL, "my pack.csv", 0),
                     FTL_OK);
    /* sorted; --staff left out; values quoted as a shell would; --tz
     * shown when not given */
    ck_assert_str_eq(ctx.given, "--format='it'\\''s x' "
                                "--iocs='my pack.csv' --tz=UTC --year=2023");
    new_run();
    ck_assert_int_eq(col_given_common(&ctx, &fake, "Europe/Brussels", NULL,
                                      1), FTL_OK);
    ck_assert_str_eq(ctx.given, "--no-iocs --tz=Europe/Brussels");
}
END_TEST

START_TEST(test_identity_copy_adds_its_place)
{
    int64_t pid = -1;

    col_given_common(&ctx, &fake, NULL, NULL, 0);
    ck_assert_int_eq(item("a.log", 0, NULL, "h1", TL_EV_COMPLETE, 3),
                     FTL_OK);
    new_run();
    col_given_common(&ctx, &fake, NULL, NULL, 0);
    ck_assert_int_eq(known("copy.log", "h1"), FTL_DONE);
    ck_assert_ptr_nonnull(strstr(last, "already in the case as evidence #1"
                                       " (sha256 h1, first found at a.log):"
                                       " this place recorded"));
    ck_assert_int_eq(ctx.n_dup, 1);
    ck_assert_int_eq(ctx.n_places, 1);
    ck_assert_int_eq(col_evidence_holder(&ctx, &pid), 1);
    ck_assert_int_gt(pid, 0);
    /* read anyway (a stream), the end says the same: undone, a place */
    ck_assert_int_eq(item("third.log", 0, NULL, "h1", TL_EV_COMPLETE, 3),
                     FTL_DONE);
    ck_assert_int_eq(ctx.n_events, 0);
    ck_assert_int_eq(count("SELECT count(*) FROM events"), 3);
    ck_assert_int_eq(count("SELECT count(*) FROM evidence_places"), 3);
    /* again: nothing */
    ck_assert_int_eq(known("copy.log", "h1"), FTL_DONE);
    ck_assert_ptr_nonnull(strstr(last, "nothing added"));
    ck_assert_int_eq(ctx.n_places, 2);
}
END_TEST

START_TEST(test_identity_other_options_refused_then_replaced)
{
    struct ftl_err err = { 0 };

    col_given_common(&ctx, &fake, NULL, NULL, 0);
    ck_assert_int_eq(item("a.log", 0, NULL, "h1", TL_EV_COMPLETE, 3),
                     FTL_OK);
    new_run();
    col_given_common(&ctx, &fake, "Europe/Brussels", NULL, 0);
    ck_assert_int_eq(known("a.log", "h1"), FTL_DONE);
    ck_assert_int_eq(ctx.n_conflicts, 1);
    ck_assert_ptr_nonnull(strstr(last, "then: --tz=UTC; now: "
                                       "--tz=Europe/Brussels"));
    ck_assert_ptr_nonnull(strstr(last, "add --replace"));
    /* and at the end of a reading (a stream) the same: nothing kept */
    ck_assert_int_eq(item("a.log", 0, NULL, "h1", TL_EV_COMPLETE, 2),
                     FTL_DONE);
    ck_assert_int_eq(ctx.n_conflicts, 2);
    ck_assert_int_eq(count("SELECT count(*) FROM evidence"), 1);
    /* --replace: read, and the earlier item retired when the row begins */
    new_run();
    ctx.replace = 1;
    col_given_common(&ctx, &fake, "Europe/Brussels", NULL, 0);
    ck_assert_int_eq(known("a.log", "h1"), FTL_OK);
    ck_assert_int_eq(item("a.log", 0, NULL, "h1", TL_EV_COMPLETE, 2),
                     FTL_OK);
    ck_assert_int_eq(ctx.n_replaced, 1);
    ck_assert_int_eq(ctx.n_evidence, 1);
    ck_assert_str_eq(tu_rows(ctx.st, "SELECT status || ' ' || superseded_by"
                                     " FROM evidence ORDER BY id"),
                     "replaced 2|complete 0");
    ck_assert_int_eq(count("SELECT count(*) FROM events"), 2);
    ck_assert_ptr_nonnull(strstr(tu_one(ctx.st, "SELECT note FROM audit"
                                                " WHERE note IS NOT NULL"),
                                 "evidence #1 replaced by #2"));
    /* the same content met again in this run: a place, not a replacement */
    ck_assert_int_eq(known("b.log", "h1"), FTL_DONE);
    ck_assert_int_eq(ctx.n_replaced, 1);
    (void)err;
}
END_TEST

START_TEST(test_identity_failed_read_again)
{
    ck_assert_int_eq(item("bad.log", 0, NULL, "h1", TL_EV_FAILED, 0),
                     FTL_OK);
    ck_assert_int_eq(ctx.n_failed, 1);
    /* the same reading: kept as it was, still a failure */
    new_run();
    ck_assert_int_eq(known("bad.log", "h1"), FTL_OK);
    ck_assert_int_eq(item("bad.log", 0, NULL, "h1", TL_EV_FAILED, 0),
                     FTL_DONE);
    ck_assert_int_eq(ctx.n_failed, 1);
    ck_assert_ptr_nonnull(strstr(last, "read again, failed (the same "
                                       "result); evidence #1 kept"));
    ck_assert_int_eq(count("SELECT count(*) FROM evidence"), 1);
    /* a better reading replaces it */
    new_run();
    ck_assert_int_eq(known("bad.log", "h1"), FTL_OK);
    ck_assert_int_eq(item("bad.log", 0, NULL, "h1", TL_EV_PARTIAL, 4),
                     FTL_OK);
    ck_assert_int_eq(ctx.n_replaced, 1);
    ck_assert_str_eq(tu_rows(ctx.st, "SELECT status FROM evidence"
                                     " ORDER BY id"), "replaced|partial");
    /* a worse one does not */
    new_run();
    ck_assert_int_eq(item("bad.log", 0, NULL, "h1", TL_EV_FAILED, 0),
                     FTL_DONE);
    ck_assert_ptr_nonnull(strstr(last, "read again, failed (worse)"));
    ck_assert_int_eq(count("SELECT count(*) FROM events"), 4);
    /* the same status with other counts: the new reading */
    new_run();
    ck_assert_int_eq(item("bad.log", 0, NULL, "h1", TL_EV_PARTIAL, 5),
                     FTL_OK);
    ck_assert_int_eq(count("SELECT count(*) FROM events"), 5);
    ck_assert_int_eq(count("SELECT count(*) FROM evidence WHERE"
                           " superseded_by = 0"), 1);
}
END_TEST

START_TEST(test_identity_child_never_refused)
{
    struct tl_evidence img = { 0 };
    struct ftl_err err = { 0 };
    int64_t disk;

    /* a log collected on its own with --year */
    col_given_opt(&ctx, &fake, COL_OPT_BASE, "2021");
    col_given_common(&ctx, &fake, NULL, NULL, 0);
    ck_assert_int_eq(item("gw.log", 0, NULL, "h1", TL_EV_COMPLETE, 3),
                     FTL_OK);
    /* found inside an image collected with other options, --replace
     * included: a place, the log keeps its own options */
    new_run();
    ctx.replace = 1;
    img.kind = "disk";
    img.path = "app.img";
    img.size = -1;
    ck_assert_int_eq(col_evidence_begin(&ctx, &img, &disk, &err), FTL_OK);
    ck_assert_int_eq(item("app.img", disk, "var/log/maillog", "h1",
                          TL_EV_COMPLETE, 3), FTL_DONE);
    ck_assert_int_eq(col_evidence_end(&ctx, disk, "app.img", "i1", NULL,
                                      TL_EV_COMPLETE, &err), FTL_OK);
    ck_assert_int_eq(ctx.n_replaced, 0);
    ck_assert_int_eq(count("SELECT count(*) FROM evidence_places WHERE"
                           " evidence_id = 1 AND parent_id = 2"), 1);
    ck_assert_str_eq(tu_one(ctx.st, "SELECT given FROM evidence WHERE"
                                    " id = 1"), "--tz=UTC --year=2021");
}
END_TEST

Suite *identity_suite(void)
{
    Suite *s = suite_create("identity");
    TCase *tc = tcase_create("col_identity");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_identity_given_is_canonical);
    tcase_add_test(tc, test_identity_copy_adds_its_place);
    tcase_add_test(tc, test_identity_other_options_refused_then_replaced);
    tcase_add_test(tc, test_identity_failed_read_again);
    tcase_add_test(tc, test_identity_child_never_refused);
    suite_add_tcase(s, tc);
    return s;
}
