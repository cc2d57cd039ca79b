/*
 * tests/check_export_csv.c - the CSV exporter (export/csv.c): the
 * timeline's columns and cells, one table with its times, and the same
 * for JSON Lines (export/jsonl.c), over a case with hostile text
 *
 * The cell escaping itself is base/escape.c's (check_base_escape.c);
 * here: that every column of the exporter goes through it, and that
 * ftl's own numbers do not.
 *
 * SPDX-License-Identifier: MIT
 */
#define _GNU_SOURCE            /* open_memstream */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "export/export.h"
#include "testutil.h"

static struct tl_store *st;
static char path[64];

#define SEC TL_NS_PER_SEC

/* One item with two events: a formula and bad bytes in the message of
 * the first (deleted, an indicator hit), a comma in the second. */
static void setup(void)
{
    struct tl_evidence e = { 0 };
    struct tl_event ev = { 0 };
    struct tl_file f = { 0 };
    struct tl_ioc_hit h = { 0 };
    struct ftl_err err = { 0 };
    int64_t id, dup;

    st = tu_case_open("export-csv", path);
    e.kind = "bodyfile";
    e.path = "-5.body";
    e.size = 1;
    ck_assert_int_eq(tl_evidence_begin(st, &e, &id, &err), FTL_OK);
    ev.ts = 1684400042 * SEC + 500 * 1000000LL;
    ev.prec = 3;
    ev.ts_desc = "Content Modification Time";
    ev.source = "FILE";
    ev.artifact = "fs:file";
    ev.evidence_id = id;
    ev.locator = "inode 12";
    ev.message = "=cmd|' /C calc'!A0 \xff";
    ev.flags = TL_F_DELETED;
    ck_assert_int_eq(tl_event_add(st, &ev, NULL, &err), FTL_OK);
    ev.ts += SEC;
    ev.prec = 0;
    ev.locator = "inode 13";
    ev.message = "a,b";
    ev.flags = 0;
    ck_assert_int_eq(tl_event_add(st, &ev, NULL, &err), FTL_OK);
    h.evidence_id = id;
    h.rule = TL_RULE_SHELL_NAME;
    h.target = "filename";
    h.value = "x";
    h.locator = "inode 12";
    ck_assert_int_eq(tl_ioc_hit_add(st, &h, NULL, &err), FTL_OK);
    f.evidence_id = id;
    f.part_offset = f.addr = -1;
    f.path = "/a";
    f.name_alloc = f.meta_alloc = 1;
    f.mtime = 1 * SEC;
    f.locator = "f1";
    ck_assert_int_eq(tl_file_add(st, &f, NULL, &err), FTL_OK);
    ck_assert_int_eq(tl_evidence_end(st, id, "ab", NULL, TL_EV_COMPLETE,
                                     &dup, &err), FTL_OK);
}

static void teardown(void)
{
    tu_case_close(st, path);
}

/* What exporter 'run' writes with options o, as a malloc'd string. */
static char *run_export(exp_run_fn run, const struct exp_opts *o,
                        int64_t *rows, int want)
{
    struct ftl_err err = { 0 };
    char *out = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&out, &n);

    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(run(st, f, o, rows, &err), want);
    fclose(f);
    return out;
}


START_TEST(test_export_csv_timeline_columns_and_cells)
{
    struct exp_opts o = { 0 };
    int64_t rows = 0;
    char *out = run_export(exp_csv_timeline, &o, &rows, FTL_OK);

    ck_assert_int_eq(rows, 2);
    ck_assert_str_eq(out,
        "event_id,datetime,timestamp,timestamp_desc,message,source,artifact,"
        "evidence_id,evidence,locator,raw_time,tz_assumed,flags,ioc\r\n"
        /* the formula neutralised, the bad byte as text; the evidence
         * name starting with '-' too, but not the numbers */
        "1,2023-05-18T08:54:02.500Z,1684400042500000,Content Modification "
        "Time,'=cmd|' /C calc'!A0 \\xFF,FILE,fs:file,1,'-5.body,inode 12,,,"
        "deleted;ioc," TL_RULE_SHELL_NAME "\r\n"
        "2,2023-05-18T08:54:03Z,1684400043500000,Content Modification Time,"
        "\"a,b\",FILE,fs:file,1,'-5.body,inode 13,,,,\r\n");
    free(out);
}
END_TEST

START_TEST(test_export_csv_timeline_bom_zone_and_filters)
{
    struct exp_opts o = { 0 };
    struct ftl_err err = { 0 };
    struct tl_tz *tz;
    int64_t rows = 0;
    char *out;

    ck_assert_int_eq(tl_tz_open(&tz, "Europe/Brussels", &err), FTL_OK);
    o.bom = 1;
    o.tz = tz;
    o.ioc_only = 1;
    out = run_export(exp_csv_timeline, &o, &rows, FTL_OK);
    ck_assert_int_eq(rows, 1);
    ck_assert_int_eq(strncmp(out, "\xef\xbb\xbf" "event_id,", 12), 0);
    ck_assert_ptr_nonnull(strstr(out, ",ioc,local_time\r\n"));
    ck_assert_ptr_nonnull(strstr(out, ",2023-05-18T10:54:02.500+02:00\r\n"));
    free(out);
    memset(&o, 0, sizeof(o));
    o.from = 1684400043 * SEC;
    o.has_from = 1;
    out = run_export(exp_csv_timeline, &o, &rows, FTL_OK);
    ck_assert_int_eq(rows, 1);
    ck_assert_ptr_nonnull(strstr(out, "inode 13"));
    ck_assert_ptr_null(strstr(out, "inode 12"));
    free(out);
    tl_tz_close(tz);
}
END_TEST

START_TEST(test_export_csv_table_times_and_raw)
{
    struct exp_opts o = { 0 };
    int64_t rows = 0;
    char *out;

    o.table = "files";
    out = run_export(exp_csv_table, &o, &rows, FTL_OK);
    ck_assert_int_eq(rows, 1);
    ck_assert_int_eq(strncmp(out, "id,evidence_id,part_offset,", 27), 0);
    /* atime 0 is "not set" in files: empty; mtime as RFC 3339 */
    ck_assert_ptr_nonnull(strstr(out, ",,1970-01-01T00:00:01Z,,,,"));
    free(out);
    o.raw = 1;
    out = run_export(exp_csv_table, &o, &rows, FTL_OK);
    ck_assert_ptr_nonnull(strstr(out, ",0,1000000000,0,0,0,"));
    free(out);
}
END_TEST

START_TEST(test_export_csv_table_empty_and_unknown)
{
    struct exp_opts o = { 0 };
    int64_t rows = 5;
    char *out;

    o.table = "persons";
    out = run_export(exp_csv_table, &o, &rows, FTL_OK);
    ck_assert_int_eq(rows, 0);
    ck_assert_int_eq(strncmp(out, "person_id,employee_no,name,", 27), 0);
    ck_assert_str_eq(strstr(out, "\r\n"), "\r\n");   /* the header only */
    free(out);
    o.table = "nosuch";
    out = run_export(exp_csv_table, &o, &rows, FTL_EUSAGE);
    ck_assert_str_eq(out, "");             /* nothing, not even a BOM */
    free(out);
}
END_TEST

START_TEST(test_export_jsonl_one_object_per_event)
{
    struct exp_opts o = { 0 };
    int64_t rows = 0;
    char *out = run_export(exp_jsonl_timeline, &o, &rows, FTL_OK);

    ck_assert_int_eq(rows, 2);
    ck_assert_str_eq(strchr(out, '\n') + 1,
        "{\"event_id\":2,\"datetime\":\"2023-05-18T08:54:03Z\","
        "\"timestamp\":1684400043500000,\"timestamp_desc\":\"Content "
        "Modification Time\",\"message\":\"a,b\",\"source\":\"FILE\","
        "\"artifact\":\"fs:file\",\"evidence_id\":1,\"evidence\":"
        "\"-5.body\",\"evidence_sha256\":\"ab\","
        "\"locator\":\"inode 13\"}\n");
    /* flags a list, the indicator a string; absent fields left out */
    ck_assert_ptr_nonnull(strstr(out, "\"flags\":[\"deleted\",\"ioc\"],"
                                      "\"ioc\":\""));
    /* the bad byte as the JSON text \\xFF, no formula mark in JSON */
    ck_assert_ptr_nonnull(strstr(out, "\"message\":\"=cmd|' /C calc'!A0 "
                                      "\\\\xFF\""));
    free(out);
}
END_TEST

Suite *export_csv_suite(void)
{
    Suite *s = suite_create("export_csv");
    TCase *tc = tcase_create("exp_csv");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_export_csv_timeline_columns_and_cells);
    tcase_add_test(tc, test_export_csv_timeline_bom_zone_and_filters);
    tcase_add_test(tc, test_export_csv_table_times_and_raw);
    tcase_add_test(tc, test_export_csv_table_empty_and_unknown);
    tcase_add_test(tc, test_export_jsonl_one_object_per_event);
    suite_add_tcase(s, tc);
    return s;
}
