/*
 * tests/check_verify.c - what 'ftl verify' reads and records: the places
 * of timeline/verify.c, the verification rows, and the digests of
 * collectors/verify.c
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <check.h>

#include "collectors/collectors.h"
#include "testutil.h"
#include "timeline/timeline.h"

static char path[64];
static struct tl_store *st;

static void setup(void)
{
    st = tu_case_open("verify", path);
}

static void teardown(void)
{
    tu_case_close(st, path);
}

/* A finished item of 'kind' at 'where' (inside 'parent' when given). */
static int64_t item(const char *kind, const char *where, int64_t parent,
                    const char *inner, const char *sha)
{
    struct tl_evidence ev = { 0 };
    struct ftl_err err = { 0 };
    int64_t id = 0, dup = -1;

    ev.kind = kind;
    ev.path = where;
    ev.parent_id = parent;
    ev.inner_path = inner;
    ev.size = 1;
    ck_assert_int_eq(tl_evidence_begin(st, &ev, &id, &err), FTL_OK);
    ck_assert_int_eq(tl_evidence_finish(st, id, sha, NULL, TL_EV_COMPLETE,
                                        &dup, &err), FTL_OK);
    return id;
}

static void place(int64_t id, const char *where)
{
    struct tl_evidence p = { 0 };
    struct ftl_err err = { 0 };
    int64_t pid = 0;

    p.path = where;
    ck_assert_int_eq(tl_place_add(st, id, &p, &pid, &err), FTL_OK);
    ck_assert_int_gt(pid, 0);
}

/* The places walked, as "ID KIND PATH|INNER@PARENT;..." */
static int seen(const struct tl_verify_place *p, void *arg)
{
    char *out = arg;
    size_t n = strlen(out);

    snprintf(out + n, 1024 - n, "%lld %s %s|%s@%lld;",
             (long long)p->evidence_id, p->kind, p->path, p->inner_path,
             (long long)p->parent_id);
    return 0;
}

START_TEST(test_verify_places_every_place_own_first)
{
    struct ftl_err err = { 0 };
    char out[1024] = "";
    int64_t img, log;

    img = item("disk", "app.img", 0, NULL, "ii");
    log = item("maillog", "gw.log", 0, NULL, "aa");
    place(log, "copy.log");
    item("maillog", "app.img", img, "var/log/maillog", "bb");
    ck_assert_int_eq(tl_verify_places_each(st, seen, out, &err), FTL_OK);
    ck_assert_str_eq(out, "1 disk app.img|@0;2 maillog gw.log|@0;"
                          "2 maillog copy.log|@0;"
                          "3 maillog app.img|var/log/maillog@1;");
    /* the places of one item (a child's parent) */
    out[0] = '\0';
    ck_assert_int_eq(tl_verify_item_places(st, log, seen, out, &err),
                     FTL_OK);
    ck_assert_str_eq(out, "2 maillog gw.log|@0;2 maillog copy.log|@0;");
}
END_TEST

START_TEST(test_verify_places_skip_replaced)
{
    struct ftl_err err = { 0 };
    struct tl_evidence ev = { 0 };
    char out[1024] = "";
    int64_t old, id = 0, dup = -1;

    old = item("maillog", "gw.log", 0, NULL, "aa");
    ev.kind = "maillog";
    ev.path = "gw.log";
    ck_assert_int_eq(tl_evidence_begin(st, &ev, &id, &err), FTL_OK);
    ck_assert_int_eq(tl_evidence_retire(st, old, id, "x", NULL, &err),
                     FTL_OK);
    ck_assert_int_eq(tl_evidence_finish(st, id, "ab", NULL, TL_EV_COMPLETE,
                                        &dup, &err), FTL_OK);
    ck_assert_int_eq(tl_verify_places_each(st, seen, out, &err), FTL_OK);
    ck_assert_str_eq(out, "2 maillog gw.log|@0;");
}
END_TEST

/* Record one result for the first place walked. */
static int record_one(const struct tl_verify_place *p, void *arg)
{
    int64_t *vid = arg;
    struct tl_verify_result r = { p, "/x/gw.log", TL_VERIFY_CHANGED, "cd",
                                  NULL };
    struct ftl_err err = { 0 };

    ck_assert_int_eq(tl_verify_add(st, *vid, &r, &err), FTL_OK);
    return 1;
}

START_TEST(test_verify_run_recorded_and_last)
{
    struct tl_verify_counts c = { 1, 1, { 0, 1, 0, 0 } };
    struct tl_verify_run v;
    struct ftl_err err = { 0 };
    int64_t vid = 0;

    ck_assert_int_eq(tl_verify_last(st, &v, &err), FTL_DONE);
    item("maillog", "gw.log", 0, NULL, "aa");
    ck_assert_int_eq(tl_verify_begin(st, 7, &vid, &err), FTL_OK);
    ck_assert_int_eq(tl_verify_places_each(st, record_one, &vid, &err), 1);
    ck_assert_int_eq(tl_verify_end(st, vid, &c, 1, &err), FTL_OK);
    ck_assert_str_eq(tu_one(st, "SELECT status || ' ' || sha256_recorded"
                                " || ' ' || sha256_seen || ' ' || place"
                                " FROM verification_places"),
                     "CHANGED aa cd /x/gw.log");
    ck_assert_int_eq(tl_verify_last(st, &v, &err), FTL_OK);
    ck_assert_int_eq(v.id, vid);
    ck_assert_int_eq(v.audit_id, 7);
    ck_assert_int_eq(v.ok, 0);
    ck_assert_int_eq(v.c.places, 1);
    ck_assert_int_eq(v.c.n[TL_VERIFY_CHANGED], 1);
    ck_assert_int_gt(v.ended, 0);
    ck_assert_str_eq(tu_one(st, "SELECT result FROM verifications"),
                     "failed");
}
END_TEST

START_TEST(test_verify_run_dropped_leaves_nothing)
{
    struct tl_verify_counts c = { 1, 1, { 1, 0, 0, 0 } };
    struct tl_verify_run v;
    struct ftl_err err = { 0 };
    int64_t vid = 0;

    item("maillog", "gw.log", 0, NULL, "aa");
    ck_assert_int_eq(tl_verify_begin(st, 0, &vid, &err), FTL_OK);
    ck_assert_int_eq(tl_verify_places_each(st, record_one, &vid, &err), 1);
    ck_assert_int_eq(tl_verify_end(st, vid, &c, 0, &err), FTL_OK);
    ck_assert_int_eq(tu_count(st, "SELECT count(*) FROM verifications"), 0);
    ck_assert_int_eq(tu_count(st, "SELECT count(*) FROM"
                                  " verification_places"), 0);
    ck_assert_int_eq(tl_verify_last(st, &v, &err), FTL_DONE);
    /* an all-ok run is 'ok' */
    ck_assert_int_eq(tl_verify_begin(st, 0, &vid, &err), FTL_OK);
    ck_assert_int_eq(tl_verify_end(st, vid, &c, 1, &err), FTL_OK);
    ck_assert_int_eq(tl_verify_last(st, &v, &err), FTL_OK);
    ck_assert_int_eq(v.ok, 1);
}
END_TEST

START_TEST(test_verify_words)
{
    ck_assert_str_eq(tl_verify_word(TL_VERIFY_OK), "ok");
    ck_assert_str_eq(tl_verify_word(TL_VERIFY_CHANGED), "CHANGED");
    ck_assert_str_eq(tl_verify_word(TL_VERIFY_MISSING), "missing");
    ck_assert_str_eq(tl_verify_word(TL_VERIFY_UNREADABLE), "unreadable");
}
END_TEST

/* ---- the digests ------------------------------------------------------ */

static void write_file(const char *p, const char *text)
{
    FILE *f = fopen(p, "w");

    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
}

START_TEST(test_verify_digest_file_and_folder)
{
    char dir[] = "/tmp/ftl-check-verify-XXXXXX", p[128], hex[65];
    struct ftl_err err = { 0 };
    struct col_ctx ctx;

    memset(&ctx, 0, sizeof(ctx));
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(p, sizeof(p), "%s/a", dir);
    write_file(p, "x");
    ck_assert_int_eq(col_path_sha256(p, hex, &err), FTL_OK);
    ck_assert_str_eq(hex, "2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db"
                          "02258717921a4881");
    ck_assert_int_eq(col_place_digest(&ctx, "maillog", p, "", hex, &err),
                     FTL_OK);
    ck_assert_str_eq(hex, "2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db"
                          "02258717921a4881");
    /* an HR folder: the SHA-256 of its sha256sum listing */
    ck_assert_int_eq(col_place_digest(&ctx, "hr", dir, "", hex, &err),
                     FTL_OK);
    ck_assert_str_eq(hex, "4a4b874a1e9776a52e38fd82a053825f309f46187a803a0f"
                          "c0c6670c6670e768");
    snprintf(p, sizeof(p), "%s/d", dir);
    ck_assert_int_eq(mkdir(p, 0700), 0);
    snprintf(p, sizeof(p), "%s/d/b", dir);
    write_file(p, "x");
    ck_assert_int_eq(col_place_digest(&ctx, "hr", dir, "", hex, &err),
                     FTL_OK);
    ck_assert_str_eq(hex, "12b76b0b40a143c0481ed0b10f8b13746d6b4af502a6548a"
                          "d8c49ccac3dde0b0");
    /* a folder is no plain file; nothing there is missing */
    ck_assert_int_eq(col_path_sha256(dir, hex, &err), FTL_EIO);
    unlink(p);
    snprintf(p, sizeof(p), "%s/d", dir);
    rmdir(p);
    snprintf(p, sizeof(p), "%s/a", dir);
    unlink(p);
    ck_assert_int_eq(col_path_sha256(p, hex, &err), FTL_DONE);
    ck_assert_int_eq(col_place_digest(&ctx, "disk", p, "", hex, &err),
                     FTL_DONE);
    ck_assert_int_eq(col_inner_digest(&ctx, "maillog", p, "", "x", hex,
                                      &err), FTL_EIO);
    rmdir(dir);
    ck_assert_int_eq(col_place_digest(&ctx, "hr", dir, "", hex, &err),
                     FTL_DONE);
    col_ctx_release(&ctx);
}
END_TEST

Suite *verify_suite(void)
{
    Suite *s = suite_create("verify");
    TCase *tc = tcase_create("tl_verify");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_verify_places_every_place_own_first);
    tcase_add_test(tc, test_verify_places_skip_replaced);
    tcase_add_test(tc, test_verify_run_recorded_and_last);
    tcase_add_test(tc, test_verify_run_dropped_leaves_nothing);
    tcase_add_test(tc, test_verify_words);
    tcase_add_test(tc, test_verify_digest_file_and_folder);
    suite_add_tcase(s, tc);
    return s;
}
