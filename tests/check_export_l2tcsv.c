/*
 * tests/check_export_l2tcsv.c - plaso's l2tcsv (export/l2tcsv.c): the
 * 17 columns, the MACB folding of one file entry's times, hostile text
 * that must not break a row, and the output time zone
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
static int64_t evid;

#define SEC TL_NS_PER_SEC
/* 2023-05-18T23:30:00Z: the next day in Brussels (CEST) */
#define T0 (1684452600LL * SEC)

#define HEADER "date,time,timezone,MACB,source,sourcetype,type,user,host," \
    "short,desc,version,filename,inode,notes,format,extra\n"

static int64_t add_file(const char *fpath, int64_t addr, const char *loc)
{
    struct tl_file f = { 0 };
    struct ftl_err err = { 0 };
    int64_t id;

    f.evidence_id = evid;
    f.part_offset = 0;
    f.addr = addr;
    f.inode = "12";
    f.path = fpath;
    f.name_alloc = f.meta_alloc = 1;
    f.mode = "r/rrw-r--r--";
    f.uid = "0";
    f.gid = "0";
    f.size = 5;
    f.locator = loc;
    ck_assert_int_eq(tl_file_add(st, &f, &id, &err), FTL_OK);
    return id;
}

static void add_event(int64_t ts, const char *desc, const char *source,
                      const char *loc, const char *msg, int64_t file_id)
{
    struct tl_event ev = { 0 };
    struct ftl_err err = { 0 };

    ev.ts = ts;
    ev.prec = ts % SEC ? 9 : 0;
    ev.ts_desc = desc;
    ev.source = source;
    ev.artifact = strcmp(source, "FILE") == 0 ? "fs:file" : "mail:delivery";
    ev.evidence_id = evid;
    ev.locator = loc;
    ev.message = msg;
    ev.file_id = file_id;
    ck_assert_int_eq(tl_event_add(st, &ev, NULL, &err), FTL_OK);
}

static void setup(void)
{
    struct tl_evidence e = { 0 };
    struct ftl_err err = { 0 };

    st = tu_case_open("export-l2tcsv", path);
    e.kind = "disk";
    e.path = "img.dd";
    e.size = 1;
    ck_assert_int_eq(tl_evidence_begin(st, &e, &evid, &err), FTL_OK);
}

static void teardown(void)
{
    tu_case_close(st, path);
}

static void finish(void)
{
    struct ftl_err err = { 0 };
    int64_t dup;

    ck_assert_int_eq(tl_evidence_end(st, evid, "ab", NULL, TL_EV_COMPLETE,
                                     &dup, &err), FTL_OK);
}

static char *run(const struct exp_opts *o, int64_t *rows)
{
    struct ftl_err err = { 0 };
    char *out = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&out, &n);

    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(exp_l2tcsv(st, f, o, rows, &err), FTL_OK);
    fclose(f);
    return out;
}

/* The cells of one line read as RFC 4180 does; returns how many. */
static int cells(const char *line, char cell[][512], int max)
{
    int n = 0, q = 0;
    size_t len = 0;
    const char *p;

    for (p = line; *p && *p != '\n'; p++) {
        if (q && *p == '"' && p[1] == '"') {
            cell[n][len++] = '"';
            p++;
        } else if (*p == '"' && (q || len == 0)) {
            q = !q;
        } else if (!q && *p == ',') {
            cell[n][len] = '\0';
            if (++n == max)
                return n;
            len = 0;
        } else if (len < 511) {
            cell[n][len++] = *p;
        }
    }
    cell[n][len] = '\0';
    return n + 1;
}

/* Line 'i' (0: the header) of out. */
static const char *line_at(const char *out, int i)
{
    for (; i > 0 && out; i--)
        if ((out = strchr(out, '\n')))
            out++;
    return out;
}

START_TEST(test_l2tcsv_columns_and_macb_folding)
{
    struct exp_opts o = { 0 };
    int64_t rows = 0, f1, f2;
    char c[20][512];
    char *out;

    f1 = add_file("/etc/passwd", 12, "12 /etc/passwd");
    f2 = add_file("/etc/group", 13, "13 /etc/group");
    /* in the collector's order: A, M, C of one file at T0, its B later;
     * another file's M at T0 too; a deletion time at T0 */
    add_event(T0, "Last Access Time", "FILE", "12 /etc/passwd", "m1", f1);
    add_event(T0, "Content Modification Time", "FILE", "12 /etc/passwd",
              "m1", f1);
    add_event(T0, "Metadata Modification Time", "FILE", "12 /etc/passwd",
              "m1", f1);
    add_event(T0 + SEC, "Creation Time", "FILE", "12 /etc/passwd", "m1", f1);
    add_event(T0, "Content Modification Time", "FILE", "13 /etc/group",
              "m2", f2);
    add_event(T0, "Content Deletion Time", "FILE", "13 /etc/group", "m2",
              f2);
    finish();
    out = run(&o, &rows);
    ck_assert_int_eq(rows, 4);             /* 6 events, 2 folded */
    ck_assert_int_eq(strncmp(out, HEADER, strlen(HEADER)), 0);
    ck_assert_int_eq(cells(line_at(out, 1), c, 20), 17);
    ck_assert_str_eq(c[0], "05/18/2023");
    ck_assert_str_eq(c[1], "23:30:00");
    ck_assert_str_eq(c[2], "UTC");
    ck_assert_str_eq(c[3], "MAC.");
    ck_assert_str_eq(c[4], "FILE");
    ck_assert_str_eq(c[5], "File stat");
    /* plaso's heap order: by description */
    ck_assert_str_eq(c[6], "Content Modification Time; Last Access Time; "
                           "Metadata Modification Time");
    ck_assert_str_eq(c[7], "-");
    ck_assert_str_eq(c[9], "/etc/passwd");
    ck_assert_str_eq(c[10], "m1");
    ck_assert_str_eq(c[11], "2");
    ck_assert_str_eq(c[12], "/etc/passwd");
    ck_assert_str_eq(c[13], "12");
    ck_assert_str_eq(c[14], "-");
    ck_assert_str_eq(c[15], "fs:file");
    ck_assert_ptr_nonnull(strstr(c[16], "datetime: 2023-05-18T23:30:00Z; "
                                        "event_id: 2 1 3; evidence: img.dd"));
    /* the other file at the same second: its M alone, its deletion time
     * a row of its own with no letter (plaso's fs:stat branch) */
    ck_assert_int_eq(cells(line_at(out, 2), c, 20), 17);
    ck_assert_str_eq(c[3], "M...");
    ck_assert_str_eq(c[12], "/etc/group");
    ck_assert_int_eq(cells(line_at(out, 3), c, 20), 17);
    ck_assert_str_eq(c[3], "....");
    ck_assert_str_eq(c[6], "Content Deletion Time");
    ck_assert_int_eq(cells(line_at(out, 4), c, 20), 17);
    ck_assert_str_eq(c[1], "23:30:01");
    ck_assert_str_eq(c[3], "...B");
    ck_assert_ptr_null(line_at(out, 5) ? strchr(line_at(out, 5), ',') : NULL);
    free(out);
}
END_TEST

START_TEST(test_l2tcsv_same_second_other_nanoseconds_do_not_fold)
{
    struct exp_opts o = { 0 };
    int64_t rows = 0, f1;
    char c[20][512];
    char *out;

    f1 = add_file("/a", 12, "12 /a");
    add_event(T0 + 5, "Content Modification Time", "FILE", "12 /a", "m",
              f1);
    add_event(T0 + 7, "Metadata Modification Time", "FILE", "12 /a", "m",
              f1);
    finish();
    out = run(&o, &rows);
    ck_assert_int_eq(rows, 2);
    cells(line_at(out, 1), c, 20);
    ck_assert_str_eq(c[1], "23:30:00");    /* whole seconds */
    ck_assert_str_eq(c[3], "M...");
    /* the fraction kept in extra */
    ck_assert_ptr_nonnull(strstr(c[16],
                                 "datetime: 2023-05-18T23:30:00.000000005Z"));
    cells(line_at(out, 2), c, 20);
    ck_assert_str_eq(c[3], "..C.");
    free(out);
}
END_TEST

START_TEST(test_l2tcsv_hostile_text_keeps_17_columns)
{
    struct exp_opts o = { 0 };
    int64_t rows = 0;
    char c[20][512], longmsg[200];
    const char *l;
    char *out;
    int commas;

    add_event(T0, "Recorded Time", "LOG", "line 1",
              "=HYPERLINK(\"x\"),a\r\nb\xff", 0);
    memset(longmsg, 'x', sizeof(longmsg) - 1);
    longmsg[sizeof(longmsg) - 1] = '\0';
    longmsg[0] = '"';
    add_event(T0 + SEC, "Start Time", "LOG", "line 2", longmsg, 0);
    finish();
    out = run(&o, &rows);
    ck_assert_int_eq(rows, 2);
    /* every line holds exactly 16 commas: no field has one of its own */
    for (l = out; *l; l = strchr(l, '\n') + 1) {
        for (commas = 0; *l != '\n'; l++)
            commas += *l == ',';
        ck_assert_int_eq(commas, 16);
    }
    ck_assert_int_eq(cells(line_at(out, 1), c, 20), 17);
    /* formula neutralised, comma a space, controls and bad byte \xNN */
    ck_assert_str_eq(c[10], "'=HYPERLINK(\"x\") a\\x0D\\x0Ab\\xFF");
    ck_assert_str_eq(c[3], "....");        /* Recorded Time: no letter */
    ck_assert_str_eq(c[5], "mail:delivery");
    ck_assert_str_eq(c[12], "img.dd");     /* no file: the evidence */
    ck_assert_str_eq(c[13], "-");
    /* the raw line: the quote-holding cell is quoted, quotes doubled */
    ck_assert_ptr_nonnull(strstr(line_at(out, 1),
                                 ",\"'=HYPERLINK(\"\"x\"\") a\\x0D"));
    ck_assert_int_eq(cells(line_at(out, 2), c, 20), 17);
    ck_assert_str_eq(c[3], ".A..");        /* Start Time, as plaso */
    /* short: 77 characters and "..." */
    ck_assert_int_eq(strlen(c[9]), 80);
    ck_assert_str_eq(c[9] + 77, "...");
    ck_assert_int_eq(c[9][0], '"');
    ck_assert_int_eq(strlen(c[10]), 199);
    free(out);
}
END_TEST

START_TEST(test_l2tcsv_output_zone)
{
    struct exp_opts o = { 0 };
    struct ftl_err err = { 0 };
    struct tl_tz *tz;
    int64_t rows = 0;
    char c[20][512];
    char *out;

    add_event(T0, "Recorded Time", "LOG", "line 1", "summer", 0);
    add_event(1700000000LL * SEC, "Recorded Time", "LOG", "line 2",
              "winter", 0);
    add_event(-86400LL * SEC - 1, "Recorded Time", "LOG", "line 3",
              "before 1970", 0);
    finish();
    ck_assert_int_eq(tl_tz_open(&tz, "Europe/Brussels", &err), FTL_OK);
    o.tz = tz;
    out = run(&o, &rows);
    ck_assert_int_eq(rows, 3);
    cells(line_at(out, 1), c, 20);
    /* 1969-12-30T23:59:59.999999999Z: the second it falls in, +1 h */
    ck_assert_str_eq(c[0], "12/31/1969");
    ck_assert_str_eq(c[1], "00:59:59");
    ck_assert_str_eq(c[2], "CET");
    cells(line_at(out, 2), c, 20);
    ck_assert_str_eq(c[0], "05/19/2023");  /* 23:30Z is the next day */
    ck_assert_str_eq(c[1], "01:30:00");
    ck_assert_str_eq(c[2], "CEST");
    ck_assert_ptr_nonnull(strstr(c[16], "datetime: 2023-05-18T23:30:00Z"));
    cells(line_at(out, 3), c, 20);
    ck_assert_str_eq(c[0], "11/14/2023");
    ck_assert_str_eq(c[1], "23:13:20");
    ck_assert_str_eq(c[2], "CET");
    free(out);
    tl_tz_close(tz);
}
END_TEST

Suite *export_l2tcsv_suite(void)
{
    Suite *s = suite_create("export_l2tcsv");
    TCase *tc = tcase_create("l2tcsv");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_l2tcsv_columns_and_macb_folding);
    tcase_add_test(tc, test_l2tcsv_same_second_other_nanoseconds_do_not_fold);
    tcase_add_test(tc, test_l2tcsv_hostile_text_keeps_17_columns);
    tcase_add_test(tc, test_l2tcsv_output_zone);
    suite_add_tcase(s, tc);
    return s;
}
