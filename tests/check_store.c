/*
 * tests/check_store.c - the case store: create, reopen, refuse foreign and
 * newer files, evidence savepoints and duplicate detection, idempotent
 * inserts, warnings, audit
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <check.h>
#include <sqlite3.h>

#include "testutil.h"
#include "timeline/timeline.h"

static char path[64];

static void setup(void)
{
    snprintf(path, sizeof(path), "/tmp/ftl-check-store-%d.ftl", getpid());
    unlink(path);
}

static void teardown(void)
{
    unlink(path);
}

static int64_t count(struct tl_store *st, const char *sql)
{
    return tu_count(st, sql);
}

/* What schemas v5 and v4 added, undone: a case file of schema v3 (given the
 * v3 tables). */
static const char undo_v4[] =
    "DROP TABLE verifications; DROP TABLE verification_places;"
    "DROP INDEX evidence_content; DROP INDEX evidence_parent;"
    "DROP INDEX evidence_sha;"
    "DROP TABLE evidence_places; DROP INDEX message_links_ev;"
    "ALTER TABLE evidence DROP COLUMN given;"
    "ALTER TABLE evidence DROP COLUMN superseded_by;"
    "ALTER TABLE audit DROP COLUMN note;"
    "CREATE UNIQUE INDEX evidence_key"
    " ON evidence(kind, sha256, parent_id, inner_path);";

/* Raw SQL on the file behind the store's back. */
static void raw_sql(const char *sql)
{
    sqlite3 *db;

    ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
    ck_assert_int_eq(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
}

static int64_t add_evidence(struct tl_store *st, const char *name)
{
    struct tl_evidence ev = { 0 };
    struct ftl_err err = { 0 };
    int64_t id = 0;

    ev.kind = "bodyfile";
    ev.path = name;
    ev.size = 10;
    ck_assert_int_eq(tl_evidence_begin(st, &ev, &id, &err), FTL_OK);
    ck_assert_int_gt(id, 0);
    return id;
}

static void add_event(struct tl_store *st, int64_t evid, int64_t ts,
                      const char *loc, int expect)
{
    struct tl_event ev = { 0 };
    struct ftl_err err = { 0 };

    ev.ts = ts;
    ev.prec = 9;
    ev.ts_desc = "Content Modification Time";
    ev.source = "FILE";
    ev.artifact = "fs:file";
    ev.evidence_id = evid;
    ev.locator = loc;
    ev.message = "m";
    ck_assert_int_eq(tl_event_add(st, &ev, NULL, &err), expect);
}

START_TEST(test_store_open_create_sets_schema)
{
    struct tl_store *st = NULL;
    struct ftl_err err = { 0 };
    char *v;

    ck_assert_int_eq(tl_store_open(&st, path, TL_OPEN_CREATE, &err), FTL_OK);
    v = tl_case_get(st, "tool_version");
    ck_assert_ptr_nonnull(v);
    ck_assert_str_eq(v, "ftl " FTL_VERSION);
    free(v);
    ck_assert_int_eq(count(st, "PRAGMA user_version"), TL_SCHEMA_VERSION);
    ck_assert(tl_store_has_table(st, "events"));
    ck_assert(!tl_store_has_table(st, "nosuch"));
    tl_store_close(st);
    /* Reopen for writing and reading: nothing to migrate. */
    ck_assert_int_eq(tl_store_open(&st, path, TL_OPEN_WRITE, &err), FTL_OK);
    tl_store_close(st);
    ck_assert_int_eq(tl_store_open(&st, path, TL_OPEN_READ, &err), FTL_OK);
    tl_store_close(st);
}
END_TEST

START_TEST(test_store_open_missing_fails_eio)
{
    struct tl_store *st = NULL;
    struct ftl_err err = { 0 };

    ck_assert_int_eq(tl_store_open(&st, path, TL_OPEN_WRITE, &err), FTL_EIO);
    ck_assert_ptr_null(st);
    ck_assert_ptr_nonnull(strstr(err.msg, path));
    /* ftl creates the file itself now (O_EXCL), so this is an I/O
     * error that names the file rather than SQLite's */
    ck_assert_int_eq(tl_store_open(&st, "/nonexistent/dir/x.ftl",
                                   TL_OPEN_CREATE, &err), FTL_EIO);
    ck_assert_ptr_null(st);
    ck_assert_ptr_nonnull(strstr(err.msg, "/nonexistent/dir/x.ftl"));
}
END_TEST

START_TEST(test_store_open_foreign_sqlite_fails_eschema)
{
    struct tl_store *st = NULL;
    struct ftl_err err = { 0 };

    raw_sql("CREATE TABLE t(x)");
    ck_assert_int_eq(tl_store_open(&st, path, TL_OPEN_CREATE, &err),
                     FTL_ESCHEMA);
    ck_assert_ptr_nonnull(strstr(err.msg, "not an ftl case"));
}
END_TEST

START_TEST(test_store_open_text_file_fails_eschema)
{
    struct tl_store *st = NULL;
    struct ftl_err err = { 0 };
    FILE *f = fopen(path, "w");

    fputs("this is not a database, it is a plain text file of some "
          "length so that SQLite reads a header\n", f);
    fclose(f);
    ck_assert_int_eq(tl_store_open(&st, path, TL_OPEN_WRITE, &err),
                     FTL_ESCHEMA);
    ck_assert_ptr_nonnull(strstr(err.msg, "not an ftl case"));
}
END_TEST

START_TEST(test_store_open_newer_schema_fails_eschema)
{
    struct tl_store *st = NULL;
    struct ftl_err err = { 0 };

    ck_assert_int_eq(tl_store_open(&st, path, TL_OPEN_CREATE, &err), FTL_OK);
    tl_store_close(st);
    raw_sql("PRAGMA user_version = 99");
    ck_assert_int_eq(tl_store_open(&st, path, TL_OPEN_WRITE, &err),
                     FTL_ESCHEMA);
    ck_assert_ptr_nonnull(strstr(err.msg, "newer"));
}
END_TEST

START_TEST(test_store_migrate_from_empty_version0)
{
    struct tl_store *st = NULL;
    struct ftl_err err = { 0 };

    /* A case at version 0 with our id: the migrations bring it up. */
    raw_sql("PRAGMA application_id = 1179929649");
    ck_assert_int_eq(tl_store_open(&st, path, TL_OPEN_WRITE, &err), FTL_OK);
    ck_assert_int_eq(count(st, "PRAGMA user_version"), TL_SCHEMA_VERSION);
    tl_store_close(st);
}
END_TEST

START_TEST(test_store_migrate_v1_links_deduplicated)
{
    struct tl_store *st = NULL;
    struct ftl_err err = { 0 };

    /* A v1 case: no unique key on message_links, a link stored twice. */
    ck_assert_int_eq(tl_store_open(&st, path, TL_OPEN_CREATE, &err), FTL_OK);
    tl_store_close(st);
    raw_sql(undo_v4);
    raw_sql("DROP INDEX message_links_key; DROP INDEX warnings_ev;"
            "DROP TABLE analysis; DROP TABLE analysis_window;"
            "DROP TABLE analysis_warnings; DROP TABLE message_groups;"
            "DROP TABLE message_group_members; DROP TABLE clock_offsets;"
            "DROP TABLE exposures; DROP TABLE exposure_items;"
            "DROP TABLE exposure_summary; DROP TABLE exposure_figures;"
            "DROP TABLE category_rules; DROP INDEX attachments_msg;"
            "DROP INDEX events_msg;"
            "DROP INDEX events_flagged; DROP INDEX messages_gw;"
            "INSERT INTO message_links(evidence_id, msg_id, kind, value)"
            " VALUES(1, 7, 'queued-as', 'ABC'), (1, 7, 'queued-as', 'ABC'),"
            " (1, 7, 'queued-as', 'DEF');"
            "PRAGMA user_version = 1");
    ck_assert_int_eq(tl_store_open(&st, path, TL_OPEN_WRITE, &err), FTL_OK);
    ck_assert_int_eq(count(st, "PRAGMA user_version"), TL_SCHEMA_VERSION);
    ck_assert_int_eq(count(st, "SELECT count(*) FROM message_links"), 2);
    ck_assert_int_eq(count(st, "SELECT count(*) FROM sqlite_master"
                               " WHERE name = 'message_links_key'"), 1);
    tl_store_close(st);
}
END_TEST

START_TEST(test_store_event_add_duplicate_is_ignored)
{
    struct tl_store *st = NULL;
    struct ftl_err err = { 0 };
    int64_t evid, dup;

    ck_assert_int_eq(tl_store_open(&st, path, TL_OPEN_CREATE, &err), FTL_OK);
    evid = add_evidence(st, "a.body");
    add_event(st, evid, 1000, "line 1", FTL_OK);
    add_event(st, evid, 1000, "line 1", FTL_DONE);
    add_event(st, evid, 1000, "line 2", FTL_OK);
    ck_assert_int_eq(tl_evidence_end(st, evid, "aa", NULL, TL_EV_COMPLETE,
                                     &dup, &err), FTL_OK);
    ck_assert_int_eq(count(st, "SELECT count(*) FROM events"), 2);
    ck_assert_int_eq(count(st, "SELECT n_events FROM evidence"), 2);
    tl_store_close(st);
}
END_TEST

START_TEST(test_store_evidence_end_same_hash_rolls_back)
{
    struct tl_store *st = NULL;
    struct ftl_err err = { 0 };
    int64_t a, b, dup = 0;

    ck_assert_int_eq(tl_store_open(&st, path, TL_OPEN_CREATE, &err), FTL_OK);
    a = add_evidence(st, "a.body");
    add_event(st, a, 1, "line 1", FTL_OK);
    ck_assert_int_eq(tl_evidence_end(st, a, "h1", NULL, TL_EV_COMPLETE, &dup,
                                     &err), FTL_OK);
    ck_assert_int_eq(dup, 0);
    /* Same content again (another path): everything is undone. */
    b = add_evidence(st, "copy-of-a.body");
    add_event(st, b, 1, "line 1", FTL_OK);
    ck_assert_int_eq(tl_evidence_end(st, b, "h1", NULL, TL_EV_COMPLETE, &dup,
                                     &err), FTL_DONE);
    ck_assert_int_eq(dup, a);
    ck_assert_int_eq(count(st, "SELECT count(*) FROM evidence"), 1);
    ck_assert_int_eq(count(st, "SELECT count(*) FROM events"), 1);
    /* Different content goes in. */
    b = add_evidence(st, "b.body");
    add_event(st, b, 1, "line 1", FTL_OK);
    ck_assert_int_eq(tl_evidence_end(st, b, "h2", NULL, TL_EV_PARTIAL, &dup,
                                     &err), FTL_OK);
    ck_assert_int_eq(count(st, "SELECT count(*) FROM events"), 2);
    ck_assert_int_eq(count(st, "SELECT count(*) FROM evidence"
                               " WHERE status = 'partial'"), 1);
    tl_store_close(st);
}
END_TEST

START_TEST(test_store_evidence_find_and_abort)
{
    struct tl_store *st = NULL;
    struct ftl_err err = { 0 };
    int64_t a, id, dup;

    ck_assert_int_eq(tl_store_open(&st, path, TL_OPEN_CREATE, &err), FTL_OK);
    a = add_evidence(st, "a.body");
    ck_assert_int_eq(tl_evidence_end(st, a, "h1", NULL, TL_EV_COMPLETE, &dup,
                                     &err), FTL_OK);
    ck_assert_int_eq(tl_evidence_find(st, "bodyfile", "h1", 0, NULL, &id,
                                      &err), FTL_OK);
    ck_assert_int_eq(id, a);
    ck_assert_int_eq(tl_evidence_find(st, "disk", "h1", 0, NULL, &id, &err),
                     FTL_OK);
    ck_assert_int_eq(id, 0);
    a = add_evidence(st, "b.body");
    add_event(st, a, 5, "line 9", FTL_OK);
    tl_evidence_abort(st, a);
    ck_assert_int_eq(count(st, "SELECT count(*) FROM evidence"), 1);
    ck_assert_int_eq(count(st, "SELECT count(*) FROM events"), 0);
    tl_store_close(st);
}
END_TEST

START_TEST(test_store_child_evidence_nested)
{
    struct tl_store *st = NULL;
    struct ftl_err err = { 0 };
    struct tl_evidence ev = { 0 };
    int64_t parent, child, dup;

    ck_assert_int_eq(tl_store_open(&st, path, TL_OPEN_CREATE, &err), FTL_OK);
    parent = add_evidence(st, "disk.img");
    ev.kind = "maillog";
    ev.path = "disk.img";
    ev.inner_path = "/var/log/maillog";
    ev.parent_id = parent;
    ev.size = -1;
    ck_assert_int_eq(tl_evidence_begin(st, &ev, &child, &err), FTL_OK);
    add_event(st, child, 7, "line 1", FTL_OK);
    ck_assert_int_eq(tl_evidence_end(st, child, "c", NULL, TL_EV_COMPLETE,
                                     &dup, &err), FTL_OK);
    ck_assert_int_eq(tl_evidence_end(st, parent, "p", NULL, TL_EV_COMPLETE,
                                     &dup, &err), FTL_OK);
    ck_assert_int_eq(count(st, "SELECT count(*) FROM evidence"
                               " WHERE parent_id > 0"), 1);
    tl_store_close(st);
}
END_TEST

START_TEST(test_store_file_warning_audit)
{
    struct tl_store *st = NULL;
    struct ftl_err err = { 0 };
    struct tl_file f = { 0 };
    struct tl_audit a = { "ftl collect x", "collect", 1 };
    int64_t evid, id = 0, aid = 0, dup;

    ck_assert_int_eq(tl_store_open(&st, path, TL_OPEN_CREATE, &err), FTL_OK);
    ck_assert_int_eq(tl_audit_begin(st, &a, &aid, &err), FTL_OK);
    evid = add_evidence(st, "x");
    f.evidence_id = evid;
    f.part_offset = -1;
    f.addr = 12;
    f.inode = "12";
    f.path = "/a|b\nc";
    f.name_alloc = f.meta_alloc = 1;
    f.mode = "r/rrw-r--r--";
    f.uid = f.gid = "0";
    f.locator = "line 1";
    ck_assert_int_eq(tl_file_add(st, &f, &id, &err), FTL_OK);
    ck_assert_int_gt(id, 0);
    ck_assert_int_eq(tl_file_add(st, &f, &id, &err), FTL_DONE);
    ck_assert_int_eq(tl_warning_add(st, evid, "line 3", "bad", &err), FTL_OK);
    ck_assert_int_eq(tl_evidence_end(st, evid, "h", NULL, TL_EV_COMPLETE,
                                     &dup, &err), FTL_OK);
    ck_assert_int_eq(tl_audit_end(st, aid, 0, "events=0", &err), FTL_OK);
    ck_assert_int_eq(count(st, "SELECT n_warnings FROM evidence"), 1);
    ck_assert_int_eq(count(st, "SELECT n_files FROM evidence"), 1);
    ck_assert_int_eq(count(st, "SELECT count(*) FROM files"
                               " WHERE path = '/a|b' || char(10) || 'c'"), 1);
    ck_assert_int_eq(count(st, "SELECT exit_status FROM audit"), 0);
    ck_assert_int_eq(count(st, "SELECT ended >= started FROM audit"), 1);
    tl_store_close(st);
}
END_TEST

Suite *store_suite(void)
{
    Suite *s = suite_create("store");
    TCase *tc = tcase_create("tl_store_open");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_store_open_create_sets_schema);
    tcase_add_test(tc, test_store_open_missing_fails_eio);
    tcase_add_test(tc, test_store_open_foreign_sqlite_fails_eschema);
    tcase_add_test(tc, test_store_open_text_file_fails_eschema);
    tcase_add_test(tc, test_store_open_newer_schema_fails_eschema);
    tcase_add_test(tc, test_store_migrate_from_empty_version0);
    tcase_add_test(tc, test_store_migrate_v1_links_deduplicated);
    suite_add_tcase(s, tc);

    tc = tcase_create("tl_evidence");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_store_event_add_duplicate_is_ignored);
    tcase_add_test(tc, test_store_evidence_end_same_hash_rolls_back);
    tcase_add_test(tc, test_store_evidence_find_and_abort);
    tcase_add_test(tc, test_store_child_evidence_nested);
    tcase_add_test(tc, test_store_file_warning_audit);
    suite_add_tcase(s, tc);
    return s;
}
