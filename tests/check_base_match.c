/*
 * tests/check_base_match.c - word matching of many patterns (base/match.c)
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "base/fold.h"
#include "base/match.h"

/* Matches as "id:span|" in a buffer. */
static char hits[512];

static void on_hit(int id, const char *at, size_t len, void *payload)
{
    size_t n = strlen(hits);

    (void)payload;
    snprintf(hits + n, sizeof(hits) - n, "%d:%.*s|", id, (int)len, at);
}

static const char *scan(struct ftl_matcher *m, const char *text)
{
    hits[0] = '\0';
    ftl_matcher_scan(m, text, strlen(text), on_hit, NULL);
    return hits;
}

START_TEST(test_match_matcher_scan_word_boundaries)
{
    struct ftl_matcher *m;

    ck_assert_int_eq(ftl_matcher_new(&m), FTL_OK);
    ck_assert_int_eq(ftl_matcher_add(m, "jean dupont", 1), FTL_OK);
    ck_assert_int_eq(ftl_matcher_add(m, "dupont", 2), FTL_OK);
    ck_assert_int_eq(ftl_matcher_add(m, "", 3), FTL_OK);    /* ignored */
    ck_assert_str_eq(scan(m, "cv jean dupont 2023"),
                     "1:jean dupont|2:dupont|");
    ck_assert_str_eq(scan(m, "jean dupontel"), "");
    ck_assert_str_eq(scan(m, "xjean dupont"), "2:dupont|");
    /* Not across a break between two fields. */
    ck_assert_str_eq(scan(m, "jean\ndupont"), "2:dupont|");
    ck_assert_str_eq(scan(m, "dupont"), "2:dupont|");
    ck_assert_str_eq(scan(m, ""), "");
    ftl_matcher_free(m);
}
END_TEST

/* An e-mail alias matches where the address is written, not where its
 * words happen to follow each other; the name inside it still matches. */
START_TEST(test_match_matcher_scan_email_needs_at)
{
    struct ftl_matcher *m;
    char *mail = ftl_fold("jean.dupont@acme.com"), *a, *b;

    ck_assert_int_eq(ftl_matcher_new(&m), FTL_OK);
    ck_assert_int_eq(ftl_matcher_add(m, mail, 1), FTL_OK);
    ck_assert_int_eq(ftl_matcher_add(m, "jean dupont", 2), FTL_OK);
    a = ftl_fold("Jean Dupont (ACME) com-\nmittee");
    b = ftl_fold("write to <Jean.Dupont@ACME.com>");
    ck_assert_str_eq(scan(m, a), "2:jean dupont|");
    scan(m, b);
    ck_assert_ptr_nonnull(strstr(hits, "1:jean dupont @ acme com|"));
    ck_assert_ptr_nonnull(strstr(hits, "2:jean dupont|"));
    free(a);
    free(b);
    free(mail);
    ftl_matcher_free(m);
}
END_TEST

START_TEST(test_match_matcher_scan_wildcards)
{
    struct ftl_matcher *m;

    ck_assert_int_eq(ftl_matcher_new(&m), FTL_OK);
    ck_assert_int_eq(ftl_matcher_add(m, "personalausweis*", 1), FTL_OK);
    ck_assert_int_eq(ftl_matcher_add(m, "*lauf", 2), FTL_OK);
    ck_assert_int_eq(ftl_matcher_add(m, "*gehalt*", 3), FTL_OK);
    ck_assert_str_eq(scan(m, "kopie personalausweiskopie"),
                     "1:personalausweiskopie|");
    ck_assert_str_eq(scan(m, "der personalausweis"), "1:personalausweis|");
    ck_assert_str_eq(scan(m, "xpersonalausweis"), "");
    ck_assert_str_eq(scan(m, "lebenslauf lauftext"), "2:lebenslauf|");
    ck_assert_str_eq(scan(m, "monatsgehaltsabrechnung"),
                     "3:monatsgehaltsabrechnung|");
    ftl_matcher_free(m);
}
END_TEST

START_TEST(test_match_matcher_scan_many_patterns)
{
    struct ftl_matcher *m;
    char p[32];
    int i;

    ck_assert_int_eq(ftl_matcher_new(&m), FTL_OK);
    for (i = 0; i < 5000; i++) {
        snprintf(p, sizeof(p), "e%d person", 10000 + i);
        ck_assert_int_eq(ftl_matcher_add(m, p, i), FTL_OK);
    }
    ck_assert_str_eq(scan(m, "x e14999 person e10000 person e10000"),
                     "4999:e14999 person|0:e10000 person|");
    ftl_matcher_free(m);
}
END_TEST

/* 5,000 names sharing five given names: a scan compares a few patterns
 * per word, not the thousand that share the word "jean". */
START_TEST(test_match_matcher_scan_shared_first_words)
{
    static const char *const given[] = { "jean", "marie", "luc", "anne",
                                         "paul" };
    struct ftl_matcher *m;
    char p[64], *text;
    size_t n = 0, words = 0, seen;
    int i;

    ck_assert_int_eq(ftl_matcher_new(&m), FTL_OK);
    for (i = 0; i < 5000; i++) {
        snprintf(p, sizeof(p), "%s s%d", given[i % 5], 10000 + i);
        ck_assert_int_eq(ftl_matcher_add(m, p, i), FTL_OK);
        snprintf(p, sizeof(p), "%c s%d", given[i % 5][0], 10000 + i);
        ck_assert_int_eq(ftl_matcher_add(m, p, i), FTL_OK);
    }
    ck_assert_ptr_nonnull(text = malloc(20000 * 16));
    for (i = 0; i < 20000; i++, words += 2)
        n += (size_t)sprintf(text + n, "%s%s x%d", i ? " " : "",
                             given[i % 5], i);
    hits[0] = '\0';
    seen = ftl_matcher_scan(m, text, n, on_hit, NULL);
    ck_assert_str_eq(hits, "");
    ck_assert_msg(seen < 4 * words, "%zu patterns compared for %zu words",
                  seen, words);
    strcpy(text, "jean s10000 j s10005 paul s14999");
    hits[0] = '\0';
    ftl_matcher_scan(m, text, strlen(text), on_hit, NULL);
    ck_assert_ptr_nonnull(strstr(hits, "0:jean s10000|"));
    ck_assert_ptr_nonnull(strstr(hits, "5:j s10005|"));
    ck_assert_ptr_nonnull(strstr(hits, "4999:paul s14999|"));
    free(text);
    ftl_matcher_free(m);
}
END_TEST

Suite *base_match_suite(void)
{
    Suite *s = suite_create("base_match");
    TCase *tc = tcase_create("ftl_matcher");

    tcase_add_test(tc, test_match_matcher_scan_word_boundaries);
    tcase_add_test(tc, test_match_matcher_scan_email_needs_at);
    tcase_add_test(tc, test_match_matcher_scan_wildcards);
    tcase_add_test(tc, test_match_matcher_scan_many_patterns);
    tcase_add_test(tc, test_match_matcher_scan_shared_first_words);
    suite_add_tcase(s, tc);
    return s;
}
