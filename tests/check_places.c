/*
 * tests/check_places.c - evidence identity in the store: the v4
 * migration, the content key, places, merging a copy and retiring an
 * item that another replaces
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
static struct tl_store *st;

static void setup(void)
{
    st = tu_case_open("places", path);
}

static void teardown(void)
{
    tu_case_close(st, path);
}

static int64_t count(const char *sql)
{
    return tu_count(st, sql);
}

/* Begin an item of 'kind' at 'where' (inside parent when given). */
static int64_t begin(const char *kind, const char *where, int64_t parent,
                     const char *inner)
{
    struct tl_evidence ev = { 0 };
    struct ftl_err err = { 0 };
    int64_t id = 0;

    ev.kind = kind;
    ev.path = where;
    ev.parent_id = parent;
    ev.inner_path = inner;
    ev.size = 3;
    ev.mtime = 1000;
    ck_assert_int_eq(tl_evidence_begin(st, &ev, &id, &err), FTL_OK);
    return id;
}

static void event(int64_t evid, const char *loc)
{
    struct tl_event ev = { 0 };
    struct ftl_err err = { 0 };

    ev.ts = 1;
    ev.ts_desc = "Recorded Time";
    ev.source = "LOG";
    ev.artifact = "log:syslog";
    ev.evidence_id = evid;
    ev.locator = loc;
    ev.message = "m";
    ck_assert_int_eq(tl_event_add(st, &ev, NULL, &err), FTL_OK);
}

static void finish(int64_t id, const char *sha, int status)
{
    struct ftl_err err = { 0 };
    int64_t dup = -1;

    ck_assert_int_eq(tl_evidence_finish(st, id, sha, NULL, status, &dup,
                                        &err), FTL_OK);
    ck_assert_int_eq(dup, 0);
}

START_TEST(test_places_copy_inside_and_outside_is_one_item)
{
    struct ftl_err err = { 0 };
    int64_t img, child, copy, dup = 0;

    img = begin("disk", "app.img", 0, NULL);
    child = begin("maillog", "app.img", img, "mail/log/maillog");
    event(child, "line 1");
    finish(child, "aa", TL_EV_COMPLETE);
    finish(img, "ii", TL_EV_COMPLETE);
    /* the same log on its own, under another name: a place of the child */
    copy = begin("maillog", "gateway.log", 0, NULL);
    event(copy, "line 1");
    ck_assert_int_eq(tl_evidence_end(st, copy, "aa", NULL, TL_EV_COMPLETE,
                                     &dup, &err), FTL_DONE);
    ck_assert_int_eq(dup, child);
    ck_assert_int_eq(count("SELECT count(*) FROM evidence"), 2);
    ck_assert_int_eq(count("SELECT count(*) FROM events"), 1);
    ck_assert_str_eq(tu_rows(st, "SELECT path || ':' || inner_path || ':' ||"
                                 " parent_id FROM evidence_places WHERE"
                                 " evidence_id = 2 ORDER BY id"),
                     "app.img:mail/log/maillog:1|gateway.log::0");
    /* the same kind of another content, or another kind: new */
    copy = begin("bodyfile", "gateway.log", 0, NULL);
    ck_assert_int_eq(tl_evidence_end(st, copy, "aa", NULL, TL_EV_COMPLETE,
                                     &dup, &err), FTL_OK);
}
END_TEST

START_TEST(test_places_part_of_an_image_is_its_own_item)
{
    struct tl_known k;
    struct ftl_err err = { 0 };
    int64_t a, b;

    /* a disk read whole and read from one --offset: two items */
    a = begin("disk", "d.img", 0, NULL);
    finish(a, "dd", TL_EV_COMPLETE);
    b = begin("disk", "d.img", 0, "sector 2048");
    finish(b, "dd", TL_EV_COMPLETE);
    ck_assert_int_eq(tl_evidence_lookup(st, "disk", "dd", "sector 2048", 0,
                                        &k, &err), FTL_OK);
    ck_assert_int_eq(k.id, b);
    tl_known_clear(&k);
    ck_assert_int_eq(tl_evidence_lookup(st, "disk", "dd", NULL, 0, &k,
                                        &err), FTL_OK);
    ck_assert_int_eq(k.id, a);
    ck_assert_str_eq(k.place, "d.img");
    ck_assert_int_eq(k.status, TL_EV_COMPLETE);
    tl_known_clear(&k);
    /* the unique key refuses a second row of the same content */
    b = begin("disk", "copy.img", 0, NULL);
    {
        int64_t dup = 0;

        ck_assert_int_eq(tl_evidence_finish(st, b, "dd", NULL,
                                            TL_EV_COMPLETE, &dup, &err),
                         FTL_DONE);
        ck_assert_int_eq(dup, a);
        ck_assert_int_eq(tl_evidence_merge(st, b, a, &dup, &err), FTL_OK);
        ck_assert_int_gt(dup, 0);
    }
    ck_assert_int_eq(count("SELECT count(*) FROM evidence"), 2);
}
END_TEST

START_TEST(test_places_a_place_once)
{
    struct tl_evidence p = { 0 };
    struct ftl_err err = { 0 };
    char dir[] = "/tmp/ftl-check-places-XXXXXX", a_path[96], dot[96];
    char other[96], link[96];
    int64_t a, pid = -1;
    FILE *f;

    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(a_path, sizeof(a_path), "%s/a.body", dir);
    snprintf(dot, sizeof(dot), "%s/./a.body", dir);
    snprintf(other, sizeof(other), "%s/b.body", dir);
    snprintf(link, sizeof(link), "%s/l.body", dir);
    ck_assert_ptr_nonnull(f = fopen(a_path, "w"));
    fclose(f);
    ck_assert_ptr_nonnull(f = fopen(other, "w"));
    fclose(f);
    ck_assert_int_eq(symlink(a_path, link), 0);
    a = begin("bodyfile", a_path, 0, NULL);
    finish(a, "h", TL_EV_COMPLETE);
    p.kind = "bodyfile";
    p.path = dot;              /* the same file, written otherwise */
    ck_assert_int_eq(tl_place_add(st, a, &p, &pid, &err), FTL_OK);
    ck_assert_int_eq(pid, 0);
    p.path = link;             /* and through a link */
    ck_assert_int_eq(tl_place_add(st, a, &p, &pid, &err), FTL_OK);
    ck_assert_int_eq(pid, 0);
    p.path = other;
    ck_assert_int_eq(tl_place_add(st, a, &p, &pid, &err), FTL_OK);
    ck_assert_int_gt(pid, 0);
    ck_assert_int_eq(tl_place_add(st, a, &p, &pid, &err), FTL_OK);
    ck_assert_int_eq(pid, 0);
    ck_assert_int_eq(count("SELECT count(*) FROM evidence_places"), 2);
    unlink(link);
    unlink(other);
    unlink(a_path);
    rmdir(dir);
}
END_TEST

/* Places of 'id' in the order tl_places_each() gives them. */
static int place_path(int64_t place_id, const struct tl_evidence *p,
                      void *payload)
{
    char *out = payload;

    (void)place_id;
    strcat(out, p->path);
    strcat(out, ";");
    return 0;
}

START_TEST(test_places_retire_moves_places_and_children)
{
    struct ftl_err err = { 0 };
    struct tl_evidence p = { 0 };
    int64_t old, child, neu, refs = -1;
    char order[256] = "";

    old = begin("disk", "a.img", 0, NULL);
    event(old, "inode 12 /x");
    child = begin("maillog", "a.img", old, "var/log/maillog");
    finish(child, "cc", TL_EV_COMPLETE);
    ck_assert_int_eq(tl_warning_add(st, old, "offset 0", "bad", &err),
                     FTL_OK);
    finish(old, "ii", TL_EV_PARTIAL);
    p.path = "copy.img";
    ck_assert_int_eq(tl_place_add(st, old, &p, NULL, &err), FTL_OK);
    /* a new reading of the image replaces it, in its savepoint */
    neu = begin("disk", "b.img", 0, NULL);
    ck_assert_int_eq(tl_evidence_retire(st, old, neu, "read again", &refs,
                                        &err), FTL_OK);
    ck_assert_int_eq(refs, 0);
    event(neu, "inode 12 /x");
    finish(neu, "ii", TL_EV_COMPLETE);
    ck_assert_int_eq(count("SELECT count(*) FROM events"), 1);
    ck_assert_int_eq(count("SELECT count(*) FROM warnings"), 0);
    ck_assert_str_eq(tu_one(st, "SELECT status || ' ' || superseded_by"
                                " FROM evidence WHERE id = 1"),
                     "replaced 3");
    ck_assert_ptr_nonnull(strstr(tu_one(st, "SELECT note FROM evidence"
                                            " WHERE id = 1"),
                                 "replaced by evidence #3: read again"));
    /* the child lives on, inside the new image */
    ck_assert_int_eq(count("SELECT parent_id FROM evidence WHERE id = 2"), 3);
    ck_assert_int_eq(count("SELECT parent_id FROM evidence_places"
                           " WHERE evidence_id = 2"), 3);
    /* the new item's own place first, then the ones it took over */
    ck_assert_int_eq(tl_places_each(st, neu, place_path, order, &err),
                     FTL_OK);
    ck_assert_str_eq(order, "b.img;a.img;copy.img;");
    /* its old place again is no new place */
    ck_assert_int_eq(count("SELECT count(*) FROM evidence_places"
                           " WHERE evidence_id = 1"), 0);
}
END_TEST

START_TEST(test_places_retire_undone_with_the_savepoint)
{
    struct ftl_err err = { 0 };
    int64_t old, neu;

    old = begin("maillog", "a.log", 0, NULL);
    event(old, "line 1");
    finish(old, "aa", TL_EV_FAILED);
    neu = begin("maillog", "a.log", 0, NULL);
    ck_assert_int_eq(tl_evidence_retire(st, old, neu, "x", NULL, &err),
                     FTL_OK);
    ck_assert_int_eq(count("SELECT count(*) FROM events"), 0);
    tl_evidence_abort(st, neu);
    ck_assert_int_eq(count("SELECT count(*) FROM events"), 1);
    ck_assert_str_eq(tu_one(st, "SELECT status FROM evidence"), "failed");
    ck_assert_int_eq(count("SELECT count(*) FROM evidence_places"
                           " WHERE evidence_id = 1"), 1);
}
END_TEST

START_TEST(test_places_retire_counts_attributions)
{
    struct ftl_err err = { 0 };
    struct tl_person pe = { 0 };
    int64_t reg, pid = 0, neu, refs = 0;

    reg = begin("staff", "reg.csv", 0, NULL);
    pe.evidence_id = reg;
    pe.name = "Jean Dupont";
    ck_assert_int_eq(tl_person_add(st, &pe, &pid, &err), FTL_OK);
    ck_assert_int_eq(tl_person_alias_add(st, pid, "Jean Dupont", "name",
                                         "jean dupont", &err), FTL_OK);
    finish(reg, "rr", TL_EV_COMPLETE);
    ck_assert_int_eq(tl_document_person_add(st, 9, pid, "name", "text",
                                            "Jean Dupont", &err), FTL_OK);
    neu = begin("staff", "reg.csv", 0, NULL);
    ck_assert_int_eq(tl_evidence_retire(st, reg, neu, "x", &refs, &err),
                     FTL_OK);
    ck_assert_int_eq(refs, 1);
    ck_assert_int_eq(count("SELECT count(*) FROM persons"), 0);
    ck_assert_int_eq(count("SELECT count(*) FROM person_aliases"), 0);
    finish(neu, "rr", TL_EV_COMPLETE);
}
END_TEST

START_TEST(test_places_messages_of_a_place)
{
    struct ftl_err err = { 0 };
    struct tl_message m = { 0 };
    struct tl_message_brief b;
    int64_t evid, mid = 0;

    evid = begin("mailbox", "cur/1.x.y", 0, NULL);
    m.evidence_id = evid;
    m.origin = "store";
    m.message_id = "m@x";
    m.subject = "s";
    m.first_seen = m.last_seen = 100;
    m.size = -1;
    m.locator = "cur/1.x.y";
    ck_assert_int_eq(tl_message_add(st, &m, &mid, &err), FTL_OK);
    finish(evid, "mm", TL_EV_COMPLETE);
    ck_assert_int_eq(tl_message_only(st, evid, &b, &err), FTL_OK);
    ck_assert_int_eq(b.id, mid);
    ck_assert_str_eq(b.message_id, "m@x");
    ck_assert_str_eq(b.sender, "");
    tl_message_brief_clear(&b);
    ck_assert_int_eq(tl_message_seen(st, mid, 50, &err), FTL_OK);
    ck_assert_int_eq(tl_message_seen(st, mid, 300, &err), FTL_OK);
    ck_assert_int_eq(tl_message_seen(st, mid, 200, &err), FTL_OK);
    ck_assert_str_eq(tu_one(st, "SELECT first_seen || ' ' || last_seen"
                                " FROM messages"), "50 300");
    /* an mbox of two messages has no one message */
    m.locator = "offset 9";
    ck_assert_int_eq(tl_message_add(st, &m, NULL, &err), FTL_OK);
    ck_assert_int_eq(tl_message_only(st, evid, &b, &err), FTL_DONE);
}
END_TEST

/* ---- the v4 migration --------------------------------------------------- */

/* What schemas v5 and v4 added, undone: a case of schema v3. */
static const char undo_v4[] =
    "DROP TABLE verifications; DROP TABLE verification_places;"
    "DROP INDEX evidence_content; DROP INDEX evidence_parent;"
    "DROP INDEX evidence_sha;"
    "DROP TABLE evidence_places; DROP INDEX message_links_ev;"
    "ALTER TABLE evidence DROP COLUMN given;"
    "ALTER TABLE evidence DROP COLUMN superseded_by;"
    "ALTER TABLE audit DROP COLUMN note;"
    "CREATE UNIQUE INDEX evidence_key"
    " ON evidence(kind, sha256, parent_id, inner_path);"
    "PRAGMA user_version = 3;";

static void raw_sql(const char *sql)
{
    sqlite3 *db;

    ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
    ck_assert_int_eq(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
}

START_TEST(test_places_migrate_v3_copies_and_places)
{
    struct ftl_err err = { 0 };

    tl_store_close(st);
    raw_sql(undo_v4);
    /* a v3 case: an image with its log, the same log collected on its
     * own (twice its rows), and an item of another command's folder */
    raw_sql("INSERT INTO audit(id, command, argv, tool_version, cwd,"
            " started) VALUES(1, 'collect', 'x', 'ftl', '/cases/a', 1);"
            "INSERT INTO evidence(id, kind, path, inner_path, parent_id,"
            " size, sha256, collected_at, status, audit_id) VALUES"
            " (1, 'disk', 'app.img', '', 0, 9, 'ii', 1, 'complete', 1),"
            " (2, 'maillog', 'app.img', 'mail/log/maillog', 1, 3, 'aa', 1,"
            "  'complete', 1),"
            " (3, 'maillog', 'gw.log', '', 0, 3, 'aa', 2, 'complete', 1),"
            " (4, 'maillog', '/abs/x.log', '', 0, 3, 'bb', 3, 'failed',"
            "  NULL);"
            "INSERT INTO events(ts, prec, ts_desc, source, artifact,"
            " evidence_id, locator, message) VALUES"
            " (1, 0, 'R', 'LOG', 'l', 2, 'line 1', 'm'),"
            " (1, 0, 'R', 'LOG', 'l', 3, 'line 1', 'm');");
    ck_assert_int_eq(tl_store_open(&st, path, TL_OPEN_WRITE, &err), FTL_OK);
    ck_assert_int_eq(count("PRAGMA user_version"), TL_SCHEMA_VERSION);
    /* every row has its place, a relative path made absolute with the
     * folder of its command */
    ck_assert_str_eq(tu_rows(st, "SELECT evidence_id || ' ' || real_path ||"
                                 " ' ' || inner_path || ' ' || parent_id"
                                 " FROM evidence_places ORDER BY id"),
                     "1 /cases/a/app.img  0|2  mail/log/maillog 1|"
                     "3 /cases/a/gw.log  0|4 /abs/x.log  0");
    /* the later copy is marked, its rows kept, and said so */
    ck_assert_str_eq(tu_rows(st, "SELECT superseded_by FROM evidence"
                                 " ORDER BY id"), "0|0|2|0");
    ck_assert_ptr_nonnull(strstr(tu_one(st, "SELECT note FROM evidence"
                                            " WHERE id = 3"),
                                 "the same content as evidence #2"));
    ck_assert_int_eq(count("SELECT count(*) FROM events"), 2);
    ck_assert_str_eq(tu_one(st, "SELECT given FROM evidence WHERE id = 2"),
                     "(null)");
    ck_assert_int_eq(count("SELECT count(*) FROM sqlite_master WHERE name"
                           " IN ('evidence_key')"), 0);
    /* the content key holds now: another row of 'aa' is refused */
    {
        int64_t id = begin("maillog", "third.log", 0, NULL), dup = 0;

        ck_assert_int_eq(tl_evidence_finish(st, id, "aa", NULL,
                                            TL_EV_COMPLETE, &dup, &err),
                         FTL_DONE);
        ck_assert_int_eq(dup, 2);
        tl_evidence_abort(st, id);
    }
    /* retiring #2 takes its old copy #3 with it */
    {
        int64_t id = begin("maillog", "gw.log", 0, NULL);

        ck_assert_int_eq(tl_evidence_retire(st, 2, id, "x", NULL, &err),
                         FTL_OK);
        finish(id, "aa", TL_EV_COMPLETE);
        ck_assert_str_eq(tu_rows(st, "SELECT status FROM evidence WHERE"
                                     " id IN (2, 3) ORDER BY id"),
                         "replaced|replaced");
        ck_assert_int_eq(count("SELECT count(*) FROM events"), 0);
    }
}
END_TEST

Suite *places_suite(void)
{
    Suite *s = suite_create("places");
    TCase *tc = tcase_create("tl_places");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_places_copy_inside_and_outside_is_one_item);
    tcase_add_test(tc, test_places_part_of_an_image_is_its_own_item);
    tcase_add_test(tc, test_places_a_place_once);
    tcase_add_test(tc, test_places_retire_moves_places_and_children);
    tcase_add_test(tc, test_places_retire_undone_with_the_savepoint);
    tcase_add_test(tc, test_places_retire_counts_attributions);
    tcase_add_test(tc, test_places_messages_of_a_place);
    tcase_add_test(tc, test_places_migrate_v3_copies_and_places);
    suite_add_tcase(s, tc);
    return s;
}
