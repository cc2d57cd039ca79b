/*
 * tests/check_hr.c - persons, aliases and documents in the case
 * (timeline/hr.c)
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

    st = tu_case_open("hr", path);
    ev.kind = "staff";
    ev.path = "register.csv";
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

/* Collects what tl_persons_each and tl_person_aliases_each give. */
static char seen[1024];

static int person_cb(const struct tl_person *p, void *payload)
{
    size_t n = strlen(seen);

    (void)payload;
    snprintf(seen + n, sizeof(seen) - n, "%lld:%s:%s:%s:%s;",
             (long long)p->id, p->employee_no ? p->employee_no : "-",
             p->name, p->emails ? p->emails : "-", p->locator);
    return 0;
}

static int alias_cb(int64_t person_id, const char *alias, const char *kind,
                    const char *norm, void *payload)
{
    size_t n = strlen(seen);

    (void)payload;
    snprintf(seen + n, sizeof(seen) - n, "%lld:%s:%s:%s;",
             (long long)person_id, alias, kind, norm);
    return 0;
}

static int stop_cb(const struct tl_person *p, void *payload)
{
    (void)p;
    ++*(int *)payload;
    return 7;
}

START_TEST(test_hr_person_add_and_read_back)
{
    struct tl_person p = { 0 };
    struct ftl_err err = { 0 };
    int64_t id1 = 0, id2 = 0;
    int calls = 0;

    p.evidence_id = evid;
    p.employee_no = "E1001";
    p.name = "Jean Dupont";
    p.first_name = "Jean";
    p.last_name = "Dupont";
    p.emails = "jean.dupont@agency.example";
    p.extra = "{\"phone\":\"1\"}";
    p.locator = "line 2";
    ck_assert_int_eq(tl_person_add(st, &p, &id1, &err), FTL_OK);
    memset(&p, 0, sizeof(p));
    p.name = "Ruth Jenre";
    p.locator = "line 50";
    ck_assert_int_eq(tl_person_add(st, &p, &id2, &err), FTL_OK);
    ck_assert_int_eq(id2, id1 + 1);
    ck_assert_int_eq(tl_person_alias_add(st, id1, "Dupont, Jean", "reversed",
                                         "dupont jean", &err), FTL_OK);
    ck_assert_int_eq(tl_person_alias_add(st, id2, "Jenre", "surname",
                                         "jenre", &err), FTL_OK);
    seen[0] = '\0';
    ck_assert_int_eq(tl_persons_each(st, person_cb, NULL, &err), FTL_OK);
    ck_assert_str_eq(seen, "1:E1001:Jean Dupont:jean.dupont@agency.example:"
                     "line 2;2:-:Ruth Jenre:-:line 50;");
    seen[0] = '\0';
    ck_assert_int_eq(tl_person_aliases_each(st, alias_cb, NULL, &err),
                     FTL_OK);
    ck_assert_str_eq(seen, "1:Dupont, Jean:reversed:dupont jean;"
                     "2:Jenre:surname:jenre;");
    ck_assert_str_eq(one("SELECT extra FROM persons WHERE person_id = 1"),
                     "{\"phone\":\"1\"}");
    /* A non-zero return stops the walk and is returned. */
    ck_assert_int_eq(tl_persons_each(st, stop_cb, &calls, &err), 7);
    ck_assert_int_eq(calls, 1);
}
END_TEST

START_TEST(test_hr_document_add_duplicate_locator_done)
{
    struct tl_document d = { 0 };
    struct ftl_err err = { 0 };
    int64_t id = 0, id2 = 0;

    d.evidence_id = evid;
    d.path = "store/E1001/cv.docx";
    d.size = 1234;
    d.sha256 = "ab";
    d.type = "docx";
    d.created = 1000;
    d.person_ids = "1";
    d.categories = "cv";
    d.attribution = "#1 Jean Dupont: ...";
    d.art9 = 0;
    d.locator = "E1001/cv.docx";
    ck_assert_int_eq(tl_document_add(st, &d, &id, &err), FTL_OK);
    ck_assert_int_gt(id, 0);
    ck_assert_int_eq(tl_document_add(st, &d, &id2, &err), FTL_DONE);
    /* 0 times are NULL, not 1970. */
    ck_assert_str_eq(one("SELECT coalesce(modified, 'null') || ' ' ||"
                         " created FROM documents"), "null 1000");
    ck_assert_int_eq(tl_document_person_add(st, id, 1, "id", "path", "E1001",
                                            &err), FTL_OK);
    ck_assert_int_eq(tl_document_category_add(st, id, "health", 1, "text",
                                              "medical", "medical", &err),
                     FTL_OK);
    ck_assert_str_eq(one("SELECT strength || '/' || field || '/' || matched"
                         " FROM document_persons"), "id/path/E1001");
    ck_assert_str_eq(one("SELECT category || '/' || art9 || '/' || pattern"
                         " FROM document_categories"), "health/1/medical");
}
END_TEST

START_TEST(test_hr_rolled_back_with_evidence)
{
    struct tl_person p = { 0 };
    struct ftl_err err = { 0 };

    p.evidence_id = evid;
    p.name = "Temporary";
    ck_assert_int_eq(tl_person_add(st, &p, NULL, &err), FTL_OK);
    tl_evidence_abort(st, evid);
    ck_assert_str_eq(one("SELECT count(*) FROM persons"), "0");
}
END_TEST

Suite *hr_suite(void)
{
    Suite *s = suite_create("hr");
    TCase *tc = tcase_create("tl_person");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_hr_person_add_and_read_back);
    tcase_add_test(tc, test_hr_rolled_back_with_evidence);
    suite_add_tcase(s, tc);
    tc = tcase_create("tl_document");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_hr_document_add_duplicate_locator_done);
    suite_add_tcase(s, tc);
    return s;
}
