/*
 * tests/check_hr_attribution.c - which persons and categories a document
 * holds, and the sentence saying so (collectors/hr/attribution.c,
 * collectors/hr/categories.c)
 *
 * The persons are put in a scratch case as 'ftl collect staff' would and
 * loaded with hr_people_load(), the rules parsed from text, and
 * hr_attr_find() run over documents made here, so that every list and
 * sentence expected is the one written below.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "testutil.h"
#include "collectors/hr/hrdocs_int.h"

static char path[64];
static struct hr_run run;

static const char rules_csv[] =
    "category,art9,field,pattern\n"
    "cv,0,name,cv\n"
    "health,1,text,sick note\n"
    "health,1,meta,medical\n"
    "payroll,0,text,payslip\n";

static void add_person(const char *name, const char *const *alias,
                       const char *const *kind, const char *const *norm)
{
    struct tl_person p = { 0 };
    struct ftl_err err = { 0 };
    int64_t id;
    int i;

    p.evidence_id = 1;
    p.name = name;
    ck_assert_int_eq(tl_person_add(run.ctx->st, &p, &id, &err), FTL_OK);
    for (i = 0; alias[i]; i++)
        ck_assert_int_eq(tl_person_alias_add(run.ctx->st, id, alias[i],
                                             kind[i], norm[i], &err),
                         FTL_OK);
}

static void setup(void)
{
    static struct col_ctx ctx;
    static const char *const a1[] = { "Jean Dupont", "E1001", NULL };
    static const char *const k1[] = { "name", "employee_no" };
    static const char *const n1[] = { "jean dupont", "e1001" };
    static const char *const a2[] = { "Marie Curie", "Curie", NULL };
    static const char *const k2[] = { "name", "surname" };
    static const char *const n2[] = { "marie curie", "curie" };
    struct tl_evidence ev = { 0 };
    struct ftl_err err = { 0 };
    int64_t evid;
    size_t i;

    memset(&ctx, 0, sizeof(ctx));
    memset(&run, 0, sizeof(run));
    ctx.st = tu_case_open("hrattr", path);
    run.ctx = &ctx;
    ev.kind = "staff";
    ev.path = "register.csv";
    ev.size = -1;
    ck_assert_int_eq(tl_evidence_begin(ctx.st, &ev, &evid, &err), FTL_OK);
    add_person("Jean Dupont", a1, k1, n1);
    add_person("Marie Curie", a2, k2, n2);
    ck_assert_int_eq(hr_people_load(&run.people, ctx.st, &err), FTL_OK);
    ck_assert_int_eq(hr_rules_parse(&run.rules, rules_csv,
                                    strlen(rules_csv), "test", &err),
                     FTL_OK);
    ck_assert_ptr_nonnull(run.pidx = malloc(3 * sizeof(*run.pidx)));
    for (i = 0; i < run.people->n; i++)
        run.pidx[i] = HR_NO_INDEX;
    hr_doc_init(&run.doc, NULL);
    hr_doc_reset(&run.doc, "x");
    ftl_text_init(&run.fold, HR_META_MAX * 4);
    ftl_buf_init(&run.ids, 0);
    ftl_buf_init(&run.cats, 0);
    ftl_buf_init(&run.attr, HR_ATTR_MAX - 1);
}

static void teardown(void)
{
    hr_doc_release(&run.doc);
    ftl_text_release(&run.fold);
    ftl_buf_release(&run.ids);
    ftl_buf_release(&run.cats);
    ftl_buf_release(&run.attr);
    free(run.pidx);
    free(run.pm);
    free(run.cm);
    hr_people_free(run.people);
    hr_rules_free(run.rules);
    tu_case_close(run.ctx->st, path);
}

/* Find in a document of this folder, name, text and title. */
static void find(const char *dir, const char *name, const char *text,
                 const char *title, int *single, int *art9)
{
    struct hr_docin in;
    struct ftl_err err = { 0 };

    memset(&in, 0, sizeof(in));
    in.dir = dir;
    in.name = name;
    hr_doc_reset(&run.doc, name);
    if (text)
        ftl_text_add(&run.doc.text, text, strlen(text));
    if (title)
        hr_doc_meta(&run.doc, HR_M_TITLE, title, strlen(title));
    ck_assert_int_eq(hr_attr_find(&run, &in, single, art9, &err), FTL_OK);
}

START_TEST(test_hr_attribution_find_one_person_and_categories)
{
    int single, art9;

    find("store/E1001", "cv.docx", "Sick note for Jean Dupont", "medical",
         &single, &art9);
    ck_assert_str_eq(ftl_buf_str(&run.ids), "1");
    ck_assert_str_eq(ftl_buf_str(&run.cats), "cv;health");
    ck_assert_int_eq(single, 0);
    ck_assert_int_eq(art9, 1);
    /* The strongest alias first, each field once, categories in the
     * order found. */
    ck_assert_str_eq(ftl_buf_str(&run.attr),
                     "#1 Jean Dupont: employee_no 'E1001' in path, name "
                     "'Jean Dupont' in text. categories: cv: 'cv' in name; "
                     "health (GDPR Art. 9): 'medical' in meta:title, "
                     "'sick note' in text");
}
END_TEST

/* A surname alone makes a candidate, named after the attributed ones
 * and not in the list. */
START_TEST(test_hr_attribution_find_surname_is_candidate)
{
    int single, art9;

    find("store", "letter.txt", "Curie and Jean Dupont", NULL, &single,
         &art9);
    ck_assert_str_eq(ftl_buf_str(&run.ids), "1");
    ck_assert_int_eq(single, 0);
    ck_assert_str_eq(ftl_buf_str(&run.attr),
                     "#1 Jean Dupont: name 'Jean Dupont' in text; "
                     "#2 Marie Curie (surname alone, not attributed): "
                     "surname 'Curie' in text. no data category");
    find("store", "both.txt", "Marie Curie payslip, Jean Dupont", NULL,
         &single, &art9);
    ck_assert_str_eq(ftl_buf_str(&run.ids), "1;2");
    ck_assert_int_eq(single, -2);
    ck_assert_int_eq(art9, 0);
    find("store", "none.txt", "nothing", NULL, &single, &art9);
    ck_assert_str_eq(ftl_buf_str(&run.ids), "");
    ck_assert_int_eq(single, -1);
    ck_assert_str_eq(ftl_buf_str(&run.attr), "attributed to nobody. no "
                     "data category");
}
END_TEST

/* The sentence stops at HR_ATTR_MAX - 1 bytes, the last three "...",
 * also when a piece fills it exactly; nothing is added after. */
START_TEST(test_hr_attribution_add_cut_at_cap)
{
    char piece[HR_ATTR_MAX];

    memset(piece, 'a', sizeof(piece));
    piece[HR_ATTR_MAX - 11] = '\0';
    hr_attr_add(&run, "%s", piece);
    ck_assert_uint_eq(run.attr.len, HR_ATTR_MAX - 11);
    hr_attr_add(&run, "%s", "0123456789");
    ck_assert_uint_eq(run.attr.len, HR_ATTR_MAX - 1);
    ck_assert_str_eq(run.attr.p + HR_ATTR_MAX - 11, "0123456...");
    hr_attr_add(&run, "more");
    ck_assert_uint_eq(run.attr.len, HR_ATTR_MAX - 1);
    ftl_buf_reset(&run.attr);
    hr_attr_add(&run, "%s%s", piece, "0123456789 and past the cap");
    ck_assert_uint_eq(run.attr.len, HR_ATTR_MAX - 1);
    ck_assert_str_eq(run.attr.p + HR_ATTR_MAX - 11, "0123456...");
    ck_assert_int_eq(run.nomem, 0);
}
END_TEST

Suite *hr_attribution_suite(void)
{
    Suite *s = suite_create("hr_attribution");
    TCase *tc = tcase_create("hr_attr_find");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_hr_attribution_find_one_person_and_categories);
    tcase_add_test(tc, test_hr_attribution_find_surname_is_candidate);
    tcase_add_test(tc, test_hr_attribution_add_cut_at_cap);
    suite_add_tcase(s, tc);
    return s;
}
