/*
 * tests/check_export_json.c - the typed JSON writer (export/json.c), the
 * exposures each event proves (timeline/cited.c), the case id
 * (timeline/case_id.c) and the _bulk files (export/bulk.c)
 *
 * SPDX-License-Identifier: MIT
 */
#define _GNU_SOURCE            /* open_memstream */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "export/export.h"
#include "testutil.h"

/* ---- the writer ---------------------------------------------------- */

START_TEST(test_json_types_and_omissions)
{
    static const char *const words[] = { "a\"b", "c" };
    static const int64_t ids[] = { -7, 0, INT64_MAX };
    struct ftl_buf b = { 0 };
    struct exp_json j;

    exp_json_begin(&j, &b);
    exp_json_int(&j, "n", INT64_MIN);
    exp_json_text(&j, "absent", NULL);    /* left out, never null */
    exp_json_text(&j, "s", "x\n\xff");
    exp_json_texts(&j, "none", words, 0); /* an empty list: left out */
    exp_json_texts(&j, "w", words, 2);
    exp_json_ints(&j, "ids", ids, 3);
    exp_json_open(&j, "o");
    exp_json_text(&j, "k", "v");
    exp_json_int(&j, "z", 0);
    exp_json_close(&j);
    exp_json_int(&j, "after", 1);
    ck_assert_int_eq(exp_json_end(&j), FTL_OK);
    ck_assert_str_eq(ftl_buf_str(&b),
        "{\"n\":-9223372036854775808,\"s\":\"x\\n\\\\xFF\","
        "\"w\":[\"a\\\"b\",\"c\"],\"ids\":[-7,0,9223372036854775807],"
        "\"o\":{\"k\":\"v\",\"z\":0},\"after\":1}\n");
    ftl_buf_release(&b);
}
END_TEST

START_TEST(test_json_first_member_absent_and_open_object_closed)
{
    struct ftl_buf b = { 0 };
    struct exp_json j;

    exp_json_begin(&j, &b);
    exp_json_text(&j, "absent", NULL);
    exp_json_text(&j, "a", "");
    exp_json_open(&j, "o");
    exp_json_texts(&j, "none", NULL, 0);
    ck_assert_int_eq(exp_json_end(&j), FTL_OK);   /* closes "o" too */
    ck_assert_str_eq(ftl_buf_str(&b), "{\"a\":\"\",\"o\":{}}\n");
    ftl_buf_release(&b);
}
END_TEST

START_TEST(test_json_buffer_cap_is_an_error)
{
    struct ftl_buf b;
    struct exp_json j;

    ftl_buf_init(&b, 8);
    exp_json_begin(&j, &b);
    exp_json_text(&j, "long", "more than eight bytes");
    ck_assert_int_ne(exp_json_end(&j), FTL_OK);
    ftl_buf_release(&b);
}
END_TEST

/* ---- a case with an analysis -------------------------------------- */

static struct tl_store *st;
static char path[64];

static int exec(const char *sql)
{
    struct ftl_err err = { 0 };

    return tl_store_query(st, sql, NULL, NULL, &err);
}

/* Four events; two exposure rows of two persons citing events 1, 2 and
 * 2, 4 (event 3 proves nothing). */
static void setup(void)
{
    struct tl_evidence e = { 0 };
    struct tl_event ev = { 0 };
    struct ftl_err err = { 0 };
    int64_t id, dup;
    int i;

    st = tu_case_open("export-json", path);
    e.kind = "bodyfile";
    e.path = "x.body";
    e.size = 1;
    ck_assert_int_eq(tl_evidence_begin(st, &e, &id, &err), FTL_OK);
    ev.prec = 9;
    ev.ts_desc = "Content Modification Time";
    ev.source = "FILE";
    ev.artifact = "fs:file";
    ev.evidence_id = id;
    ev.message = "m";
    ev.raw_time = "1667441647.481516339";
    for (i = 1; i <= 4; i++) {
        char loc[16];

        snprintf(loc, sizeof(loc), "line %d", i);
        ev.locator = loc;
        ev.ts = 1667441647481516339LL + i;
        ck_assert_int_eq(tl_event_add(st, &ev, NULL, &err), FTL_OK);
    }
    ck_assert_int_eq(tl_evidence_end(st, id, "ab", NULL, TL_EV_COMPLETE,
                                     &dup, &err), FTL_OK);
    ck_assert_int_eq(exec(
        "INSERT INTO exposures(id, person_id, employee_no, name, category,"
        " channel, confidence, strength, items, event_ids) VALUES"
        " (1, 7, 'E7', 'Anna', 'cv', 'mail-transit', 'accessible', 'weak',"
        "  1, '1 2'),"
        " (2, 8, NULL, 'Bert', 'health', 'appliance-storage', 'observed',"
        "  'strong', 1, '2 4'),"
        " (3, 9, NULL, NULL, 'cv', 'mail-transit', 'unknown', 'medium',"
        "  1, '4')"), FTL_OK);
}

static void teardown(void)
{
    tu_case_close(st, path);
}

START_TEST(test_cited_events_and_their_exposures)
{
    struct ftl_err err = { 0 };
    struct tl_cited *c;
    struct tl_cited_event x;

    ck_assert_int_eq(tl_cited_open(&c, st, &err), FTL_OK);
    ck_assert_uint_eq(tl_cited_count(c), 3);
    ck_assert_int_eq(tl_cited_find(c, 3, &x), 0);
    ck_assert_int_eq(tl_cited_find(c, 99, &x), 0);
    ck_assert_int_eq(tl_cited_find(c, 1, &x), 1);
    ck_assert_uint_eq(x.n_persons, 1);
    ck_assert_str_eq(x.persons[0], "E7");         /* employee number */
    ck_assert_str_eq(x.confidence, "accessible");
    ck_assert_str_eq(x.strength, "weak");
    ck_assert_int_eq(tl_cited_find(c, 2, &x), 1);
    ck_assert_uint_eq(x.n_persons, 2);
    ck_assert_str_eq(x.persons[0], "Bert");       /* no number: the name */
    ck_assert_str_eq(x.persons[1], "E7");
    ck_assert_uint_eq(x.n_categories, 2);
    ck_assert_str_eq(x.categories[0], "cv");
    ck_assert_str_eq(x.categories[1], "health");
    ck_assert_uint_eq(x.n_exposures, 2);
    ck_assert_int_eq(x.exposure_ids[0], 1);
    ck_assert_int_eq(x.exposure_ids[1], 2);
    ck_assert_uint_eq(x.n_channels, 2);
    ck_assert_str_eq(x.confidence, "observed");   /* the best of both */
    ck_assert_str_eq(x.strength, "strong");
    ck_assert_int_eq(tl_cited_find(c, 4, &x), 1);
    ck_assert_uint_eq(x.n_persons, 2);
    ck_assert_str_eq(x.persons[0], "Bert");
    ck_assert_str_eq(x.persons[1], "person-9");   /* neither: the id */
    ck_assert_uint_eq(x.n_categories, 2);
    tl_cited_free(c);
}
END_TEST

START_TEST(test_case_id_stable_and_derived)
{
    struct ftl_err err = { 0 };
    char a[TL_CASE_ID_LEN + 1], b[TL_CASE_ID_LEN + 1];

    ck_assert_int_eq(tl_case_id(st, a, &err), FTL_OK);
    ck_assert_int_eq(tl_case_id(st, b, &err), FTL_OK);
    ck_assert_str_eq(a, b);
    ck_assert_uint_eq(strlen(a), 36);
    ck_assert_int_eq(a[8], '-');
    ck_assert_int_eq(a[14], '8');                 /* UUID version 8 */
    ck_assert_ptr_nonnull(strchr("89ab", a[19])); /* RFC variant */
    /* the name may change: the id does not */
    ck_assert_int_eq(tl_case_set(st, "name", "renamed", &err), FTL_OK);
    ck_assert_int_eq(tl_case_id(st, b, &err), FTL_OK);
    ck_assert_str_eq(a, b);
    /* it is made of the creation time */
    ck_assert_int_eq(tl_case_set(st, "created", "2001-01-01T00:00:00Z",
                                 &err), FTL_OK);
    ck_assert_int_eq(tl_case_id(st, b, &err), FTL_OK);
    ck_assert_str_ne(a, b);
}
END_TEST

START_TEST(test_jsonl_line_of_a_cited_event)
{
    struct exp_opts o = { 0 };
    struct ftl_err err = { 0 };
    char *out = NULL, *l2, *l3;
    size_t n = 0;
    int64_t rows = 0;
    FILE *f = open_memstream(&out, &n);

    ck_assert_int_eq(exp_jsonl_timeline(st, f, &o, &rows, &err), FTL_OK);
    fclose(f);
    ck_assert_int_eq(rows, 4);
    l2 = strchr(out, '\n') + 1;
    /* raw_time a string with its nanoseconds; absent fields left out */
    ck_assert_ptr_nonnull(strstr(out, "\"raw_time\":\"1667441647."
                                      "481516339\""));
    ck_assert_ptr_null(strstr(out, "null"));
    ck_assert_ptr_null(strstr(out, "\"\""));
    ck_assert_ptr_nonnull(strstr(l2, ",\"persons\":[\"Bert\",\"E7\"],"
        "\"categories\":[\"cv\",\"health\"],\"exposure\":{\"ids\":[1,2],"
        "\"channels\":[\"appliance-storage\",\"mail-transit\"],"
        "\"confidence\":\"observed\",\"strength\":\"strong\"}}\n"));
    /* event 3 proves nothing */
    l3 = strstr(out, "{\"event_id\":3,");
    ck_assert_ptr_nonnull(l3);
    *strchr(l3, '\n') = '\0';
    ck_assert_ptr_null(strstr(l3, "persons"));
    ck_assert_ptr_null(strstr(l3, "exposure"));
    free(out);
}
END_TEST

/* ---- bulk files into memory ---------------------------------------- */

struct mem_files {
    struct exp_files fs;
    char *buf[8];
    size_t len[8];
    char name[8][32];
    int n;
};

static int mem_open(struct exp_files *fs, const char *suffix, FILE **out)
{
    struct mem_files *m = (struct mem_files *)fs;

    ck_assert_int_lt(m->n, 8);
    snprintf(m->name[m->n], sizeof(m->name[0]), "%s", suffix);
    *out = open_memstream(&m->buf[m->n], &m->len[m->n]);
    return *out ? 0 : 1;
}

static int mem_close(struct exp_files *fs, FILE *out, int ok, int64_t rows)
{
    struct mem_files *m = (struct mem_files *)fs;

    (void)ok;
    (void)rows;
    fclose(out);
    m->n++;
    return 0;
}

START_TEST(test_bulk_split_ids_and_mapping)
{
    struct mem_files m;
    struct exp_opts o = { 0 };
    struct ftl_err err = { 0 };
    char id[TL_CASE_ID_LEN + 1], want[256];
    int64_t rows = 0;
    int i;

    memset(&m, 0, sizeof(m));
    m.fs.open = mem_open;
    m.fs.close = mem_close;
    o.files = &m.fs;
    o.bulk_index = "ftl-test";
    o.max_bytes = 1000;        /* two events' pairs at most per file */
    ck_assert_int_eq(exp_jsonl_bulk(st, NULL, &o, &rows, &err), FTL_OK);
    ck_assert_int_eq(rows, 4);
    ck_assert_int_ge(m.n, 3);
    ck_assert_str_eq(m.name[0], "-mapping.json");
    ck_assert_ptr_nonnull(strstr(m.buf[0], "\"datetime\":{\"type\":"
                                           "\"date_nanos\""));
    ck_assert_str_eq(m.name[1], "-0001.ndjson");
    ck_assert_str_eq(m.name[2], "-0002.ndjson");
    ck_assert_int_eq(tl_case_id(st, id, &err), FTL_OK);
    snprintf(want, sizeof(want), "{\"index\":{\"_index\":\"ftl-test\","
             "\"_id\":\"%s-1\"}}\n{\"case_id\":\"%s\",\"event_id\":1,",
             id, id);
    ck_assert_int_eq(strncmp(m.buf[1], want, strlen(want)), 0);
    for (i = 1; i < m.n; i++)
        ck_assert_uint_le(m.len[i], 1000);
    for (i = 0; i < m.n; i++)
        free(m.buf[i]);
}
END_TEST

START_TEST(test_bulk_index_names)
{
    char why[128];

    ck_assert_int_eq(exp_bulk_index_ok("ftl-case.2023", why, sizeof(why)),
                     1);
    ck_assert_int_eq(exp_bulk_index_ok("Upper", why, sizeof(why)), 0);
    ck_assert_int_eq(exp_bulk_index_ok("-x", why, sizeof(why)), 0);
    ck_assert_int_eq(exp_bulk_index_ok("a b", why, sizeof(why)), 0);
    ck_assert_int_eq(exp_bulk_index_ok("a/b", why, sizeof(why)), 0);
    ck_assert_int_eq(exp_bulk_index_ok("..", why, sizeof(why)), 0);
    ck_assert_int_eq(exp_bulk_index_ok("", why, sizeof(why)), 0);
}
END_TEST

Suite *export_json_suite(void)
{
    Suite *s = suite_create("export_json");
    TCase *w = tcase_create("writer"), *c = tcase_create("case");

    tcase_add_test(w, test_json_types_and_omissions);
    tcase_add_test(w, test_json_first_member_absent_and_open_object_closed);
    tcase_add_test(w, test_json_buffer_cap_is_an_error);
    tcase_add_test(w, test_bulk_index_names);
    suite_add_tcase(s, w);
    tcase_add_checked_fixture(c, setup, teardown);
    tcase_add_test(c, test_cited_events_and_their_exposures);
    tcase_add_test(c, test_case_id_stable_and_derived);
    tcase_add_test(c, test_jsonl_line_of_a_cited_event);
    tcase_add_test(c, test_bulk_split_ids_and_mapping);
    suite_add_tcase(s, c);
    return s;
}
