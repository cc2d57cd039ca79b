/*
 * tests/check_bodyfile.c - the body-file line parser
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <string.h>

#include <check.h>

#include "collectors/collectors.h"

static const char *parse(const char *text, struct col_body_line *b,
                         char *buf, size_t n)
{
    snprintf(buf, n, "%s", text);
    return col_bodyfile_parse(buf, strlen(buf), b);
}

START_TEST(test_bodyfile_parse_fls_line)
{
    struct col_body_line b;
    char buf[512];

    ck_assert_ptr_null(parse("0|/a_directory/a_file|14|r/rrw-------|151107|"
                             "5000|53|1458572661|1337961554|1337961554|0",
                             &b, buf, sizeof(buf)));
    ck_assert_str_eq(b.md5, "0");
    ck_assert_str_eq(b.name, "/a_directory/a_file");
    ck_assert_str_eq(b.inode, "14");
    ck_assert_str_eq(b.mode, "r/rrw-------");
    ck_assert_str_eq(b.uid, "151107");
    ck_assert_str_eq(b.gid, "5000");
    ck_assert_int_eq(b.nsize, 53);
    ck_assert_int_eq(b.ns[0], 1458572661LL * 1000000000LL);
    ck_assert_int_eq(b.ns[1], 1337961554LL * 1000000000LL);
    ck_assert_int_eq(b.ns[3], 0);
    ck_assert_int_eq(b.name_alloc, 1);
    ck_assert_int_eq(b.meta_alloc, 1);
}
END_TEST

START_TEST(test_bodyfile_parse_pipes_in_name)
{
    struct col_body_line b;
    char buf[512];

    ck_assert_ptr_null(parse("d41d8cd98f00b204e9800998ecf8427e|/x|y||z|"
                             "64-128-2|r/rr-xr-xr-x|0|0|7|1|2|3|4",
                             &b, buf, sizeof(buf)));
    ck_assert_str_eq(b.md5, "d41d8cd98f00b204e9800998ecf8427e");
    ck_assert_str_eq(b.name, "/x|y||z");
    ck_assert_str_eq(b.inode, "64-128-2");
    ck_assert_int_eq(b.ns[2], 3000000000LL);
}
END_TEST

START_TEST(test_bodyfile_parse_deleted_suffixes)
{
    struct col_body_line b;
    char buf[512];

    ck_assert_ptr_null(parse("0|/a/.swp (deleted)|0|r/----------|0|0|0|0|0|"
                             "0|0", &b, buf, sizeof(buf)));
    ck_assert_str_eq(b.name, "/a/.swp");
    ck_assert_int_eq(b.name_alloc, 0);
    ck_assert_int_eq(b.meta_alloc, 0);
    ck_assert_ptr_null(parse("0|/b/f (deleted-realloc)|22|r/rrw-r--r--|0|0|"
                             "65|1|2|3|0", &b, buf, sizeof(buf)));
    ck_assert_str_eq(b.name, "/b/f");
    ck_assert_int_eq(b.name_alloc, 0);
    ck_assert_int_eq(b.meta_alloc, 1);
    /* Only a trailing suffix counts. */
    ck_assert_ptr_null(parse("0|/c (deleted) x|5|r/r---------|0|0|1|0|0|0|0",
                             &b, buf, sizeof(buf)));
    ck_assert_str_eq(b.name, "/c (deleted) x");
    ck_assert_int_eq(b.name_alloc, 1);
}
END_TEST

START_TEST(test_bodyfile_parse_fractional_and_negative_times)
{
    struct col_body_line b;
    char buf[512];

    ck_assert_ptr_null(parse("0|/f|1|r/r|0|0|1|1.5|-2|1337961554.123456789|0",
                             &b, buf, sizeof(buf)));
    ck_assert_int_eq(b.ns[0], 1500000000LL);
    ck_assert_int_eq(b.prec[0], 1);
    ck_assert_int_eq(b.ns[1], -2000000000LL);
    ck_assert_int_eq(b.ns[2], 1337961554123456789LL);
    ck_assert_int_eq(b.prec[2], 9);
}
END_TEST

START_TEST(test_bodyfile_parse_bad_lines_say_why)
{
    struct col_body_line b;
    char buf[512];
    const char *why;

    why = parse("just text", &b, buf, sizeof(buf));
    ck_assert_ptr_nonnull(why);
    ck_assert_ptr_nonnull(strstr(why, "'|'"));
    why = parse("0|/f|1|r/r|0|0|1|2|3", &b, buf, sizeof(buf));
    ck_assert_ptr_nonnull(strstr(why, "11"));
    why = parse("0|/f|1|r/r|0|0|big|1|2|3|4", &b, buf, sizeof(buf));
    ck_assert_ptr_nonnull(strstr(why, "size"));
    /* too big for int64, or with a sign or blank: not a size */
    why = parse("0|/f|1|r/r|0|0|99999999999999999999|1|2|3|4", &b, buf,
                sizeof(buf));
    ck_assert_ptr_nonnull(strstr(why, "size"));
    why = parse("0|/f|1|r/r|0|0| 5|1|2|3|4", &b, buf, sizeof(buf));
    ck_assert_ptr_nonnull(strstr(why, "size"));
    why = parse("0|/f|1|r/r|0|0|+5|1|2|3|4", &b, buf, sizeof(buf));
    ck_assert_ptr_nonnull(strstr(why, "size"));
    why = parse("0|/f|1|r/r|0|0|1|1|2|x3|4", &b, buf, sizeof(buf));
    ck_assert_ptr_nonnull(strstr(why, "ctime"));
    /* seconds past what int64 ns hold: the line is read, that time is
     * flagged and 0 (the collector warns with the raw value) */
    why = parse("0|/f|1|r/r|0|0|1|1|2|3|99999999999999999999", &b, buf,
                sizeof(buf));
    ck_assert_ptr_null(why);
    ck_assert_int_eq(b.out_of_range, 1 << 3);
    ck_assert(b.ns[3] == 0 && b.ns[2] == 3000000000LL);
    why = parse("0|/f|1|r/r|0|0|1|9300000000|-1.5|3|4", &b, buf,
                sizeof(buf));
    ck_assert_ptr_null(why);
    ck_assert_int_eq(b.out_of_range, 1 << 0);
    ck_assert(b.ns[1] == -1500000000LL);
    why = parse("0|/f|1|r/r|0|0|1|1|2|3|9e99", &b, buf, sizeof(buf));
    ck_assert_ptr_nonnull(strstr(why, "crtime"));
    /* The md5 field and the name are both needed: "|...|" with nothing. */
    why = parse("|1|r/r|0|0|1|1|2|3|4", &b, buf, sizeof(buf));
    ck_assert_ptr_nonnull(why);
}
END_TEST

START_TEST(test_bodyfile_parse_empty_name_and_nul)
{
    struct col_body_line b;
    char buf[64] = "0||1|r/r|0|0|1|1|2|3|4";

    ck_assert_ptr_null(col_bodyfile_parse(buf, strlen(buf), &b));
    ck_assert_str_eq(b.name, "");
    memcpy(buf, "0|a\0b|1|r/r|0|0|1|1|2|3|4", 26);
    ck_assert_ptr_nonnull(col_bodyfile_parse(buf, 25, &b));
}
END_TEST

Suite *bodyfile_suite(void)
{
    Suite *s = suite_create("bodyfile");
    TCase *tc = tcase_create("col_bodyfile_parse");

    tcase_add_test(tc, test_bodyfile_parse_fls_line);
    tcase_add_test(tc, test_bodyfile_parse_pipes_in_name);
    tcase_add_test(tc, test_bodyfile_parse_deleted_suffixes);
    tcase_add_test(tc, test_bodyfile_parse_fractional_and_negative_times);
    tcase_add_test(tc, test_bodyfile_parse_bad_lines_say_why);
    tcase_add_test(tc, test_bodyfile_parse_empty_name_and_nul);
    suite_add_tcase(s, tc);
    return s;
}
