/*
 * tests/check_base_utf8.c - UTF-8 and Windows-1252 (base/utf8.c)
 *
 * SPDX-License-Identifier: MIT
 */
#include <string.h>

#include <check.h>

#include "base/base.h"

static int valid(const char *s)
{
    return ftl_utf8_valid((const unsigned char *)s, strlen(s), NULL);
}

START_TEST(test_utf8_valid_refuses_rfc3629_violations)
{
    size_t bad = 0;

    ck_assert(valid("Lefèvre"));
    ck_assert(!valid("a\xff"));
    ck_assert(!valid("\xc0\xaf"));                     /* overlong */
    ck_assert(!valid("\xed\xa0\x80"));                 /* surrogate */
    ck_assert(!valid("\xf4\x90\x80\x80"));             /* past U+10FFFF */
    ck_assert(!ftl_utf8_valid((const unsigned char *)"abcdefgh\xc3", 9,
                              &bad));
    ck_assert_uint_eq(bad, 8);                         /* cut short */
}
END_TEST

START_TEST(test_utf8_len_of_sequences)
{
    const unsigned char *e = (const unsigned char *)"\xc3\xa9";
    const unsigned char *euro = (const unsigned char *)"\xe2\x82\xac";

    ck_assert_uint_eq(ftl_utf8_len((const unsigned char *)"a", 1), 1);
    ck_assert_uint_eq(ftl_utf8_len(e, 2), 2);
    ck_assert_uint_eq(ftl_utf8_len(e, 1), 0);          /* cut short */
    ck_assert_uint_eq(ftl_utf8_len(euro, 3), 3);
    ck_assert_uint_eq(ftl_utf8_len((const unsigned char *)"\x80", 1), 0);
}
END_TEST

START_TEST(test_utf8_cp1252_to_utf8_windows_letters)
{
    const unsigned char in[] = "\x80 \x8a\xe9\x81\x93\x94";
    char out[3 * sizeof(in)];
    size_t n = ftl_cp1252_to_utf8(in, sizeof(in) - 1, out);

    out[n] = '\0';
    /* Euro, Š, é, an undefined byte as '?', curly quotes. */
    ck_assert_str_eq(out, "\xe2\x82\xac \xc5\xa0\xc3\xa9?"
                          "\xe2\x80\x9c\xe2\x80\x9d");
}
END_TEST

Suite *base_utf8_suite(void)
{
    Suite *s = suite_create("base_utf8");
    TCase *tc = tcase_create("ftl_utf8");

    tcase_add_test(tc, test_utf8_valid_refuses_rfc3629_violations);
    tcase_add_test(tc, test_utf8_len_of_sequences);
    tcase_add_test(tc, test_utf8_cp1252_to_utf8_windows_letters);
    suite_add_tcase(s, tc);
    return s;
}
