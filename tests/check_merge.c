/*
 * tests/check_merge.c - tl_merge_case(): ids remapped into a target that
 * numbers its rows otherwise, known content as places only, conflicts
 * told and not merged, a source left as it was
 *
 * The cases are made through the store (schema) and filled with plain
 * SQL, so that each row and its references are what the test says.
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

static char tpath[64], spath[64];
static struct tl_store *st;            /* the target */

/* The source: a register (two persons), an HR store (a document naming
 * both, an event of it), a log (a file, a message with an archive and
 * its member, an event naming all of them); every id is 1 or 2 so that
 * the target's, which start higher, differ. */
static const char source_sql[] =
    "INSERT INTO audit(id, command, argv, tool_version, started)"
    " VALUES(1, 'collect', 'collect staff r.csv', 'ftl test', 11);"
    "INSERT INTO evidence(id, kind, path, sha256, collected_at, status,"
    " audit_id, given) VALUES"
    " (1, 'staff', 'r.csv', 'r1', 1, 'complete', 1, ''),"
    " (2, 'hr', 'store', 'h1', 1, 'complete', 1, ''),"
    " (3, 'maillog', 'gw.log', 'g1', 1, 'complete', 1, '--tz=UTC'),"
    " (4, 'maillog', 'img', 'g2', 1, 'complete', 1, '--tz=UTC');"
    "INSERT INTO evidence(id, kind, path, inner_path, parent_id, sha256,"
    " collected_at, status) VALUES"
    " (5, 'maillog', 'img', '/var/log/x', 4, 'g3', 1, 'complete');"
    "INSERT INTO evidence(id, kind, path, sha256, collected_at, status,"
    " superseded_by) VALUES(6, 'maillog', 'gw.log', 'g1', 0, 'replaced', 3);"
    "INSERT INTO evidence_places(evidence_id, path, real_path, parent_id,"
    " inner_path, collected_at, audit_id) VALUES"
    " (1, 'r.csv', '/s/r.csv', 0, '', 1, 1),"
    " (2, 'store', '/s/store', 0, '', 1, 1),"
    " (3, 'gw.log', '/s/gw.log', 0, '', 1, 1),"
    " (4, 'img', '/s/img', 0, '', 1, 1),"
    " (5, 'img', '', 4, '/var/log/x', 1, 1);"
    "INSERT INTO persons(person_id, employee_no, name, first_name,"
    " last_name, emails, evidence_id, locator) VALUES"
    " (1, 'E1', 'Ann One', 'Ann', 'One', 'a@x', 1, 'line 2'),"
    " (2, 'E2', 'Bob Two', 'Bob', 'Two', 'b@x', 1, 'line 3');"
    "INSERT INTO person_aliases(person_id, alias, kind, norm) VALUES"
    " (1, 'E1', 'employee_no', 'e1'), (2, 'E2', 'employee_no', 'e2');"
    "INSERT INTO documents(id, evidence_id, path, person_ids, locator)"
    " VALUES(1, 2, 'store/cv.pdf', '2;1', 'cv.pdf');"
    "INSERT INTO document_persons(doc_id, person_id, strength, field)"
    " VALUES(1, 1, 'strong', 'text'), (1, 2, 'medium', 'name');"
    "INSERT INTO files(id, evidence_id, path, name_alloc, meta_alloc,"
    " deleted, locator) VALUES(1, 3, '/x', 1, 1, 0, 'f1');"
    "INSERT INTO messages(id, evidence_id, origin, message_id, locator)"
    " VALUES(1, 3, 'log', 'm1@x', 'line 1');"
    "INSERT INTO attachments(id, evidence_id, msg_id, filename, locator)"
    " VALUES(1, 3, 1, 'a.tar', 'a1');"
    "INSERT INTO attachments(id, evidence_id, msg_id, parent_id, filename,"
    " is_member, locator) VALUES(2, 3, 1, 1, 'member', 1, 'a1/m');"
    "INSERT INTO events(ts, prec, ts_desc, source, artifact, evidence_id,"
    " locator, message, flags, file_id, msg_id, doc_id, person_id) VALUES"
    " (5, 0, 'Recorded Time', 'LOG', 'mail:delivery', 3, 'line 1', 'm',"
    "  128, 1, 1, NULL, NULL),"
    " (6, 0, 'Creation Time', 'DOC', 'doc:meta', 2, 'cv.pdf', 'd', 0,"
    "  NULL, NULL, 1, 2),"
    " (7, 0, 'Recorded Time', 'LOG', 'mail:delivery', 5, 'line 9', 'c',"
    "  0, NULL, NULL, NULL, NULL);";

/* The target: other rows first, so that its ids are not the source's;
 * the same person E1 (folded otherwise), the image read with another
 * zone, and the register's content known. */
static const char target_sql[] =
    "INSERT INTO evidence(kind, path, sha256, collected_at, status, given)"
    " VALUES('staff', 'other.csv', 'o1', 1, 'complete', ''),"
    " ('maillog', 'img', 'g2', 1, 'complete', '--tz=Europe/Brussels'),"
    " ('staff', 'r.csv', 'r1', 1, 'complete', '');"
    "INSERT INTO persons(employee_no, name, first_name, last_name, emails,"
    " evidence_id) VALUES ('Z9', 'Zed', 'Zed', 'Nine', 'z@x', 1),"
    " ('Z8', 'Yan', 'Yan', 'Eight', 'y@x', 1),"
    " ('e1', 'ANN ONE', 'ANN', 'ONE', 'a@x', 3);"
    "INSERT INTO files(evidence_id, path, name_alloc, meta_alloc, deleted,"
    " locator) VALUES(1, '/o', 1, 1, 0, 'o1'), (1, '/p', 1, 1, 0, 'o2');"
    "INSERT INTO messages(evidence_id, origin, locator) VALUES"
    " (1, 'log', 'o1'), (1, 'log', 'o2');"
    "INSERT INTO documents(evidence_id, path, locator) VALUES"
    " (1, 'o', 'o1'), (1, 'p', 'o2');"
    "INSERT INTO attachments(evidence_id, filename, locator) VALUES"
    " (1, 'o', 'o1'), (1, 'p', 'o2');"
    "INSERT INTO audit(command, argv, tool_version, started)"
    " VALUES('init', 'init', 'ftl test', 1), ('x', 'x', 'ftl test', 2);"
    "INSERT INTO analysis(key, value) VALUES('window', 'x');";

static void fill(const char *path, const char *sql)
{
    struct tl_store *s;
    struct ftl_err err = { 0 };
    sqlite3 *db;

    ck_assert_int_eq(tl_store_open(&s, path, TL_OPEN_CREATE, &err), FTL_OK);
    tl_store_close(s);
    ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
    ck_assert_int_eq(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
}

static int conflicts;
static char conflict_given[64];

static void on_conflict(const struct tl_merge_conflict *c, void *payload)
{
    (void)payload;
    conflicts++;
    snprintf(conflict_given, sizeof(conflict_given), "%s|%s",
             c->target_given, c->source_given);
}

static void setup(void)
{
    struct ftl_err err = { 0 };

    snprintf(spath, sizeof(spath), "/tmp/ftl-check-msrc-%d.ftl",
             (int)getpid());
    snprintf(tpath, sizeof(tpath), "/tmp/ftl-check-mdst-%d.ftl",
             (int)getpid());
    unlink(spath);
    unlink(tpath);
    fill(spath, source_sql);
    fill(tpath, target_sql);
    ck_assert_int_eq(tl_store_open(&st, tpath, TL_OPEN_WRITE, &err),
                     FTL_OK);
    conflicts = 0;
}

static void teardown(void)
{
    tu_case_close(st, tpath);
    unlink(spath);
}

static void merge(struct tl_merge_stats *n)
{
    struct ftl_err err = { 0 };

    ck_assert_msg(tl_merge_case(st, spath, on_conflict, NULL, n, &err) ==
                  FTL_OK, "%s", err.msg);
}

START_TEST(test_merge_case_references_are_the_targets)
{
    struct tl_merge_stats n;

    merge(&n);
    /* the log's event names its file, message, in the target */
    ck_assert_str_eq(tu_one(st, "SELECT f.locator || ' ' || g.message_id"
                                " FROM events e JOIN files f ON f.id ="
                                " e.file_id JOIN messages g ON g.id ="
                                " e.msg_id WHERE e.ts = 5"), "f1 m1@x");
    /* the analysis' flag is not carried */
    ck_assert_int_eq(tu_count(st, "SELECT flags FROM events WHERE ts = 5"),
                     0);
    /* the document's event names the document and Bob, the target's */
    ck_assert_str_eq(tu_one(st, "SELECT d.locator || ' ' || p.employee_no"
                                " FROM events e JOIN documents d ON d.id ="
                                " e.doc_id JOIN persons p ON p.person_id"
                                " = e.person_id WHERE e.ts = 6"),
                     "cv.pdf E2");
    /* Ann is the target's 'e1, ANN ONE' (the same, folded): not added;
     * Bob is, numbered after the target's persons */
    ck_assert_int_eq(n.persons, 1);
    ck_assert_int_eq(tu_count(st, "SELECT count(*) FROM persons"), 4);
    ck_assert_str_eq(tu_one(st, "SELECT person_ids FROM documents"
                                " WHERE locator = 'cv.pdf'"), "5;3");
    ck_assert_str_eq(tu_rows(st, "SELECT p.employee_no || ' ' || x.strength"
                                 " FROM document_persons x JOIN persons p"
                                 " ON p.person_id = x.person_id"
                                 " ORDER BY x.id"), "e1 strong|E2 medium");
    ck_assert_int_eq(tu_count(st, "SELECT count(*) FROM person_aliases"
                                  " WHERE person_id = 5"), 1);
    /* the member's archive and message are the target's copies */
    ck_assert_str_eq(tu_one(st, "SELECT p.filename || ' ' || g.message_id"
                                " FROM attachments a JOIN attachments p ON"
                                " p.id = a.parent_id JOIN messages g ON"
                                " g.id = a.msg_id WHERE a.is_member = 1"),
                     "a.tar m1@x");
}
END_TEST

START_TEST(test_merge_case_known_places_conflicts_audit)
{
    struct tl_merge_stats n;

    merge(&n);
    /* the register was there: its place only; store and log are new */
    ck_assert_int_eq(n.known, 1);
    ck_assert_int_eq(n.evidence, 2);
    ck_assert_str_eq(tu_one(st, "SELECT count(*) FROM evidence_places"
                                " WHERE evidence_id = 3"), "1");
    /* the image: another zone, a conflict; what it holds not merged */
    ck_assert_int_eq(n.conflicts, 1);
    ck_assert_int_eq(conflicts, 1);
    ck_assert_str_eq(conflict_given, "--tz=Europe/Brussels|--tz=UTC");
    ck_assert_int_eq(n.skipped, 1);
    ck_assert_int_eq(tu_count(st, "SELECT count(*) FROM events WHERE"
                                  " ts = 7"), 0);
    /* the log replaced an earlier reading: its record kept, naming the
     * target's log */
    ck_assert_int_eq(n.records, 1);
    ck_assert_str_eq(tu_one(st, "SELECT r.status || ' ' || l.sha256 FROM"
                                " evidence r JOIN evidence l ON l.id ="
                                " r.superseded_by"), "replaced g1");
    ck_assert_int_eq(tu_count(st, "SELECT count(*) FROM evidence"), 6);
    /* the audit row kept, named; the evidence names it */
    ck_assert_int_eq(n.audit, 1);
    ck_assert_int_eq(tu_count(st, "SELECT count(*) FROM evidence e JOIN"
                                  " audit a ON a.id = e.audit_id WHERE"
                                  " a.note LIKE 'merged from %'"), 2);
    /* the analysis is gone */
    ck_assert_int_eq(n.analysis_dropped, 1);
    ck_assert_int_eq(tu_count(st, "SELECT count(*) FROM analysis"), 0);
    /* again: nothing new */
    merge(&n);
    ck_assert_int_eq(n.evidence + n.audit + n.places + n.events +
                     n.records, 0);
    ck_assert_int_eq(tu_count(st, "SELECT count(*) FROM events"), 2);
}
END_TEST

START_TEST(test_merge_case_refuses_another_schema)
{
    struct tl_merge_stats n;
    struct ftl_err err = { 0 };
    sqlite3 *db;

    ck_assert_int_eq(sqlite3_open(spath, &db), SQLITE_OK);
    sqlite3_exec(db, "PRAGMA user_version = 3", NULL, NULL, NULL);
    sqlite3_close(db);
    ck_assert_int_eq(tl_merge_case(st, spath, NULL, NULL, &n, &err),
                     FTL_ESCHEMA);
    ck_assert_ptr_nonnull(strstr(err.msg, "has case schema 3"));
    ck_assert_int_eq(tu_count(st, "SELECT count(*) FROM evidence"), 3);
    ck_assert_int_eq(tl_merge_case(st, tpath, NULL, NULL, &n, &err),
                     FTL_EUSAGE);
}
END_TEST

Suite *merge_suite(void)
{
    Suite *s = suite_create("merge");
    TCase *tc = tcase_create("tl_merge_case");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_merge_case_references_are_the_targets);
    tcase_add_test(tc, test_merge_case_known_places_conflicts_audit);
    tcase_add_test(tc, test_merge_case_refuses_another_schema);
    suite_add_tcase(s, tc);
    return s;
}
