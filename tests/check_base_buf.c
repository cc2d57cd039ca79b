/*
 * tests/check_base_buf.c - the bounded buffer (base/buf.c)
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "base/buf.h"

START_TEST(test_buf_add_grows_and_terminates)
{
    struct ftl_buf b;
    int i;

    ftl_buf_init(&b, 0);
    ck_assert_str_eq(ftl_buf_str(&b), "");
    for (i = 0; i < 1000; i++)
        ck_assert_int_eq(ftl_buf_add(&b, "abc", 3), FTL_OK);
    ck_assert_uint_eq(b.len, 3000);
    ck_assert_int_eq(b.p[3000], '\0');
    ck_assert_int_eq(memcmp(b.p + 2997, "abc", 3), 0);
    ftl_buf_release(&b);
    ck_assert_ptr_null(b.p);
}
END_TEST

START_TEST(test_buf_cap_refuses_whole_add)
{
    struct ftl_buf b;

    ftl_buf_init(&b, 5);
    ck_assert_int_eq(ftl_buf_puts(&b, "abcd"), FTL_OK);
    ck_assert_int_eq(ftl_buf_puts(&b, "ef"), FTL_DONE);
    ck_assert_str_eq(ftl_buf_str(&b), "abcd");
    ck_assert_int_eq(ftl_buf_putc(&b, 'e'), FTL_OK);
    ck_assert_int_eq(ftl_buf_putc(&b, 'f'), FTL_DONE);
    ck_assert_str_eq(b.p, "abcde");
    ck_assert_int_eq(ftl_buf_printf(&b, "%d", 1), FTL_DONE);
    ftl_buf_release(&b);
}
END_TEST

START_TEST(test_buf_printf_truncate_detach)
{
    struct ftl_buf b = { 0 };
    char *p;

    ck_assert_int_eq(ftl_buf_printf(&b, "%s=%lld", "events", 12LL), FTL_OK);
    ck_assert_int_eq(ftl_buf_printf(&b, " %.3s", "filesystem"), FTL_OK);
    ck_assert_str_eq(b.p, "events=12 fil");
    ftl_buf_truncate(&b, 6);
    ck_assert_str_eq(b.p, "events");
    ftl_buf_reset(&b);
    ck_assert_str_eq(ftl_buf_str(&b), "");
    ck_assert_int_eq(ftl_buf_add(&b, "a\0b", 3), FTL_OK);
    ck_assert_uint_eq(b.len, 3);
    p = ftl_buf_detach(&b);
    ck_assert_int_eq(memcmp(p, "a\0b", 4), 0);
    ck_assert_ptr_null(b.p);
    ck_assert_uint_eq(b.len, 0);
    free(p);
}
END_TEST

Suite *base_buf_suite(void)
{
    Suite *s = suite_create("base_buf");
    TCase *tc = tcase_create("ftl_buf");

    tcase_add_test(tc, test_buf_add_grows_and_terminates);
    tcase_add_test(tc, test_buf_cap_refuses_whole_add);
    tcase_add_test(tc, test_buf_printf_truncate_detach);
    suite_add_tcase(s, tc);
    return s;
}
