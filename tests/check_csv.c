/*
 * tests/check_csv.c - the CSV cell writer: RFC 4180 quoting, formula
 * injection, UTF-8
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "export/export.h"

/* Write one text cell as the first of a row (no comma before it) and
 * return what came out. */
static char out[256];

static const char *cell(const char *s, size_t n)
{
    FILE *f = fmemopen(out, sizeof(out), "w");

    out[0] = '\0';
    exp_csv_text(f, s, n, 1);
    fclose(f);
    return out;
}

#define CELL(s) cell(s, sizeof(s) - 1)

START_TEST(test_csv_text_plain_unquoted)
{
    ck_assert_str_eq(CELL("hello world"), "hello world");
    ck_assert_str_eq(CELL(""), "");
}
END_TEST

START_TEST(test_csv_text_quotes_when_needed)
{
    ck_assert_str_eq(CELL("a,b"), "\"a,b\"");
    ck_assert_str_eq(CELL("say \"hi\""), "\"say \"\"hi\"\"\"");
    ck_assert_str_eq(CELL("two\nlines"), "\"two\nlines\"");
    ck_assert_str_eq(CELL("cr\rhere"), "\"cr\rhere\"");
}
END_TEST

START_TEST(test_csv_text_neutralises_formulas)
{
    ck_assert_str_eq(CELL("=cmd|' /C calc'!A0"), "'=cmd|' /C calc'!A0");
    ck_assert_str_eq(CELL("+1+1"), "'+1+1");
    ck_assert_str_eq(CELL("-2"), "'-2");
    ck_assert_str_eq(CELL("@SUM(A1)"), "'@SUM(A1)");
    ck_assert_str_eq(CELL("\tx"), "'\tx");
    ck_assert_str_eq(CELL("\nx"), "\"'\nx\"");
    ck_assert_str_eq(CELL("=1,2"), "\"'=1,2\"");
    /* Only the first character matters. */
    ck_assert_str_eq(CELL("a=b"), "a=b");
}
END_TEST

START_TEST(test_csv_text_utf8_kept_invalid_escaped)
{
    ck_assert_str_eq(CELL("ci\xc3\xable.txt"), "ci\xc3\xable.txt");
    ck_assert_str_eq(CELL("\xf0\x9f\x93\x8e"), "\xf0\x9f\x93\x8e");
    ck_assert_str_eq(CELL("bad\xff"), "bad\\xFF");
    ck_assert_str_eq(CELL("\xc3"), "\\xC3");            /* cut short */
    ck_assert_str_eq(CELL("\xc0\xaf"), "\\xC0\\xAF");   /* overlong */
    ck_assert_str_eq(CELL("\xed\xa0\x80"), "\\xED\\xA0\\x80"); /* surrogate */
}
END_TEST

START_TEST(test_csv_int_and_row)
{
    FILE *f = fmemopen(out, sizeof(out), "w");

    exp_csv_int(f, -5, 1);
    exp_csv_text(f, "x", 1, 0);
    exp_csv_end(f);
    fclose(f);
    /* Numbers we write ourselves are never neutralised. */
    ck_assert_str_eq(out, "-5,x\r\n");
}
END_TEST

START_TEST(test_csv_put_safe_terminal)
{
    FILE *f = fmemopen(out, sizeof(out), "w");

    /* newline, invalid byte, C1 NEL, ESC, then ordinary UTF-8 */
    exp_put_safe(f, "a\nb\xff\xc2\x85" "c\x1b[2J\xc3\xa9");
    fclose(f);
    ck_assert_str_eq(out, "a?b\\xFF?c?[2J\xc3\xa9");
}
END_TEST

Suite *csv_suite(void)
{
    Suite *s = suite_create("csv");
    TCase *tc = tcase_create("exp_csv_text");

    tcase_add_test(tc, test_csv_text_plain_unquoted);
    tcase_add_test(tc, test_csv_text_quotes_when_needed);
    tcase_add_test(tc, test_csv_text_neutralises_formulas);
    tcase_add_test(tc, test_csv_text_utf8_kept_invalid_escaped);
    tcase_add_test(tc, test_csv_int_and_row);
    tcase_add_test(tc, test_csv_put_safe_terminal);
    suite_add_tcase(s, tc);
    return s;
}
