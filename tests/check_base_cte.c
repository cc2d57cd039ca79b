/*
 * tests/check_base_cte.c - base64 and quoted-printable decoding (base/cte.c)
 *
 * The expected bytes are what Python 3.11's email package gives for the
 * same content (email._encoded_words.decode_b for base64, as
 * Message.get_payload(decode=True) calls it, and quopri.decodestring),
 * except where base/cte.h says otherwise (a last lone base64 character).
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "base/cte.h"

/* Decode 'in' in pieces of 'piece' bytes; the result in out (NUL ended),
 * the decoder's state in *d. */
static size_t decode(struct ftl_cte *d, int kind, const char *in,
                     size_t piece, char *out)
{
    size_t n = strlen(in), i, k = 0, len;

    ftl_cte_init(d, kind);
    for (i = 0; i < n; i += len) {
        len = n - i < piece ? n - i : piece;
        k += ftl_cte_step(d, in + i, len, out + k);
    }
    k += ftl_cte_finish(d, out + k);
    out[k] = '\0';
    return k;
}

/* The same bytes whatever the pieces the content comes in. */
static void decodes_to(int kind, const char *in, const char *want,
                       size_t want_len, struct ftl_cte *d)
{
    char out[256];
    size_t piece, k;

    for (piece = 1; piece <= strlen(in) + 1; piece++) {
        k = decode(d, kind, in, piece, out);
        ck_assert_msg(k == want_len && !memcmp(out, want, k),
                      "'%s' in pieces of %zu: got %zu bytes", in, piece, k);
    }
}

START_TEST(test_cte_base64_short_last_group_keeps_whole_bytes)
{
    struct ftl_cte d;

    decodes_to(FTL_CTE_BASE64, "QUJD\nQQ\n", "ABCA", 4, &d);
    ck_assert_int_eq(d.last_group, 2);
    decodes_to(FTL_CTE_BASE64, "QUJD\r\nQUI\r\n", "ABCAB", 5, &d);
    ck_assert_int_eq(d.last_group, 3);
    decodes_to(FTL_CTE_BASE64, "QUJD\nQQ=\n", "ABCA", 4, &d);
    ck_assert_int_eq(d.last_group, 2);
    decodes_to(FTL_CTE_BASE64, "QUJDQQ==", "ABCA", 4, &d);
    ck_assert_int_eq(d.last_group, 0);
    ck_assert_int_eq(d.skipped, 0);
    /* a lone last character holds 6 bits: no byte (Python gives the
     * undecoded text back here, base/cte.h) */
    decodes_to(FTL_CTE_BASE64, "QUJD\nQ\n", "ABC", 3, &d);
    ck_assert_int_eq(d.last_group, 1);
}
END_TEST

START_TEST(test_cte_base64_padding_ends_only_a_group)
{
    struct ftl_cte d;

    /* '=' completing a group ends the data; what follows is counted */
    decodes_to(FTL_CTE_BASE64, "QQ==QUJD\n", "A", 1, &d);
    ck_assert_int_eq(d.after_end, 4);
    ck_assert_int_eq(d.last_group, 0);
    /* a '=' that completes nothing is skipped, as binascii does */
    decodes_to(FTL_CTE_BASE64, "QQ=QUJD", "A\x04\x14$", 4, &d);
    decodes_to(FTL_CTE_BASE64, "QUJD\n=QQ\n", "ABCA", 4, &d);
    ck_assert_int_eq(d.after_end, 0);
    /* bytes outside the alphabet are skipped and counted, white space
     * is not counted */
    decodes_to(FTL_CTE_BASE64, "QU*JD \t\nQQ\n", "ABCA", 4, &d);
    ck_assert_int_eq(d.skipped, 1);
}
END_TEST

START_TEST(test_cte_qp_as_binascii)
{
    struct ftl_cte d;

    decodes_to(FTL_CTE_QP, "a=3Db =\nc=", "a=b c", 5, &d);
    decodes_to(FTL_CTE_QP, "a=3db=4", "a=b=4", 5, &d);
    decodes_to(FTL_CTE_QP, "a=XYb", "a=XYb", 5, &d);
    decodes_to(FTL_CTE_QP, "a=\r\nb", "ab", 2, &d);
    decodes_to(FTL_CTE_QP, "a==b", "a=b", 3, &d);
    decodes_to(FTL_CTE_QP, "=4=41", "=4A", 3, &d);
    decodes_to(FTL_CTE_QP, "=\rjunk\nx", "x", 1, &d);
    decodes_to(FTL_CTE_QP, "=4", "=4", 2, &d);
    decodes_to(FTL_CTE_QP, "=C3=A9t=E9\r\n", "\xc3\xa9t\xe9\r\n", 6, &d);
}
END_TEST

Suite *base_cte_suite(void)
{
    Suite *s = suite_create("base_cte");
    TCase *tc = tcase_create("ftl_cte");

    tcase_add_test(tc, test_cte_base64_short_last_group_keeps_whole_bytes);
    tcase_add_test(tc, test_cte_base64_padding_ends_only_a_group);
    tcase_add_test(tc, test_cte_qp_as_binascii);
    suite_add_tcase(s, tc);
    return s;
}
