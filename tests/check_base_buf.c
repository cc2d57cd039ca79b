/*
 * tests/check_base_buf.c - the bounded buffer (base/buf.c)
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
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

/* A printf that fits in the room already there, one that must grow the
 * buffer, and one that would pass the cap although the allocation has
 * room: the last leaves the buffer as it was. */
START_TEST(test_buf_printf_room_grow_cap)
{
    struct ftl_buf b;
    char big[300];

    ftl_buf_init(&b, 0);
    ck_assert_int_eq(ftl_buf_puts(&b, "x"), FTL_OK);
    ck_assert_uint_ge(b.cap, 8);
    ck_assert_int_eq(ftl_buf_printf(&b, "%d", 42), FTL_OK);
    memset(big, 'y', sizeof(big) - 1);
    big[sizeof(big) - 1] = '\0';
    ck_assert_int_eq(ftl_buf_printf(&b, "<%s>", big), FTL_OK);
    ck_assert_uint_eq(b.len, 3 + 2 + 299);
    ck_assert_int_eq(memcmp(b.p, "x42<yy", 6), 0);
    ck_assert_str_eq(b.p + b.len - 2, "y>");
    ftl_buf_release(&b);

    ftl_buf_init(&b, 10);
    ck_assert_int_eq(ftl_buf_puts(&b, "abc"), FTL_OK);
    ck_assert_uint_gt(b.cap, 8);       /* room beyond the cap's 7 left */
    ck_assert_int_eq(ftl_buf_printf(&b, "%s", "12345678"), FTL_DONE);
    ck_assert_str_eq(b.p, "abc");
    ck_assert_uint_eq(b.len, 3);
    ck_assert_int_eq(ftl_buf_printf(&b, "%s", "1234567"), FTL_OK);
    ck_assert_str_eq(b.p, "abc1234567");
    ftl_buf_release(&b);
}
END_TEST

START_TEST(test_buf_put_i64)
{
    struct ftl_buf b = { 0 };
    char want[64];

    ck_assert_int_eq(ftl_buf_put_i64(&b, 0), FTL_OK);
    ck_assert_int_eq(ftl_buf_putc(&b, ' '), FTL_OK);
    ck_assert_int_eq(ftl_buf_put_i64(&b, -7), FTL_OK);
    ck_assert_int_eq(ftl_buf_putc(&b, ' '), FTL_OK);
    ck_assert_int_eq(ftl_buf_put_i64(&b, INT64_MAX), FTL_OK);
    ck_assert_int_eq(ftl_buf_putc(&b, ' '), FTL_OK);
    ck_assert_int_eq(ftl_buf_put_i64(&b, INT64_MIN), FTL_OK);
    snprintf(want, sizeof(want), "0 -7 %lld %lld", (long long)INT64_MAX,
             (long long)INT64_MIN);
    ck_assert_str_eq(b.p, want);
    ftl_buf_release(&b);
}
END_TEST

Suite *base_buf_suite(void)
{
    Suite *s = suite_create("base_buf");
    TCase *tc = tcase_create("ftl_buf");

    tcase_add_test(tc, test_buf_add_grows_and_terminates);
    tcase_add_test(tc, test_buf_cap_refuses_whole_add);
    tcase_add_test(tc, test_buf_printf_truncate_detach);
    tcase_add_test(tc, test_buf_printf_room_grow_cap);
    tcase_add_test(tc, test_buf_put_i64);
    suite_add_tcase(s, tc);
    return s;
}
