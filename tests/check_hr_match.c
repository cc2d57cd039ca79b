/*
 * tests/check_hr_match.c - folding, word matching and person aliases
 * (collectors/hr/match.c)
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "collectors/hr/hr_int.h"

static void fold_is(const char *in, const char *want)
{
    char *got = hr_fold(in);

    ck_assert_ptr_nonnull(got);
    ck_assert_msg(strcmp(got, want) == 0, "fold('%s') = '%s', want '%s'",
                  in, got, want);
    free(got);
}

START_TEST(test_hr_match_fold_accents_case_punctuation)
{
    fold_is("Élodie LEFÈVRE-Dupont", "elodie lefevre dupont");
    fold_is("  Jürgen   Müller!! ", "jurgen muller");
    fold_is("Straße", "strasse");
    fold_is("Søren Nørgaard", "soren norgaard");
    fold_is("Zofia Łukasiewicz", "zofia lukasiewicz");
    fold_is("Æsir Œuvre ĳs", "aesir oeuvre ijs");
    fold_is("Tomás García-Núñez", "tomas garcia nunez");
    fold_is("e\xcc\x81te\xcc\x81", "ete");         /* combining acute */
    fold_is("jean.dupont@agency.example", "jean dupont @ agency example");
    fold_is("a@@b", "a @ @ b");
    fold_is("E1001_Dupont_Jean/CV.docx", "e1001 dupont jean cv docx");
    fold_is("Ελένη", "ελενη");          /* Greek: lower, no accent */
    fold_is("", "");
}
END_TEST

START_TEST(test_hr_match_text_pieces_and_breaks)
{
    struct hr_text t;

    hr_text_init(&t, 0);
    hr_text_add(&t, "Jean Du", 7);
    hr_text_add(&t, "pont, Lef\xc3", 10);    /* è cut in two */
    hr_text_add(&t, "\xa8vre", 4);
    ck_assert_str_eq(t.p, "jean dupont lefevre");
    hr_text_break(&t);
    hr_text_break(&t);
    hr_text_add(&t, " next ", 6);
    ck_assert_str_eq(t.p, "jean dupont lefevre\nnext");
    hr_text_reset(&t);
    hr_text_add(&t, "ab\xff" "cd \xc3(", 7);    /* invalid bytes separate */
    ck_assert_str_eq(t.p, "ab cd");
    hr_text_release(&t);
    /* A bound: the text stops and says so. */
    hr_text_init(&t, 8);
    hr_text_add(&t, "alpha beta gamma", 16);
    ck_assert_int_eq(t.truncated, 1);
    ck_assert_int_le(t.len, 7);
    hr_text_release(&t);
}
END_TEST

START_TEST(test_hr_match_utf8_valid_and_escape)
{
    char out[64];

    ck_assert(hr_utf8_valid("Lefèvre", strlen("Lefèvre")));
    ck_assert(!hr_utf8_valid("a\xff", 2));
    ck_assert(!hr_utf8_valid("\xc0\xaf", 2));         /* overlong */
    ck_assert(!hr_utf8_valid("\xed\xa0\x80", 3));     /* surrogate */
    ck_assert_str_eq(hr_escape("a\x1b[1m\xff\xc3\xa9", 8, out, sizeof(out)),
                     "a\\x1B[1m\\xFF\xc3\xa9");
    ck_assert_str_eq(hr_escape("abcdef", 6, out, 4), "abc");
}
END_TEST

/* Matches as "id:span|" in a buffer. */
static char hits[512];

static void on_hit(int id, const char *at, size_t len, void *payload)
{
    size_t n = strlen(hits);

    (void)payload;
    snprintf(hits + n, sizeof(hits) - n, "%d:%.*s|", id, (int)len, at);
}

static const char *scan(struct hr_matcher *m, const char *text)
{
    hits[0] = '\0';
    hr_matcher_scan(m, text, strlen(text), on_hit, NULL);
    return hits;
}

START_TEST(test_hr_match_matcher_word_boundaries)
{
    struct hr_matcher *m;

    ck_assert_int_eq(hr_matcher_new(&m), FTL_OK);
    ck_assert_int_eq(hr_matcher_add(m, "jean dupont", 1), FTL_OK);
    ck_assert_int_eq(hr_matcher_add(m, "dupont", 2), FTL_OK);
    ck_assert_int_eq(hr_matcher_add(m, "", 3), FTL_OK);    /* ignored */
    ck_assert_str_eq(scan(m, "cv jean dupont 2023"),
                     "1:jean dupont|2:dupont|");
    ck_assert_str_eq(scan(m, "jean dupontel"), "");
    ck_assert_str_eq(scan(m, "xjean dupont"), "2:dupont|");
    /* Not across a break between two fields. */
    ck_assert_str_eq(scan(m, "jean\ndupont"), "2:dupont|");
    ck_assert_str_eq(scan(m, "dupont"), "2:dupont|");
    ck_assert_str_eq(scan(m, ""), "");
    hr_matcher_free(m);
}
END_TEST

/* An e-mail alias matches where the address is written, not where its
 * words happen to follow each other; the name inside it still matches. */
START_TEST(test_hr_match_matcher_email_needs_at)
{
    struct hr_matcher *m;
    char *mail = hr_fold("jean.dupont@acme.com"), *a, *b;

    ck_assert_int_eq(hr_matcher_new(&m), FTL_OK);
    ck_assert_int_eq(hr_matcher_add(m, mail, 1), FTL_OK);
    ck_assert_int_eq(hr_matcher_add(m, "jean dupont", 2), FTL_OK);
    a = hr_fold("Jean Dupont (ACME) com-\nmittee");
    b = hr_fold("write to <Jean.Dupont@ACME.com>");
    ck_assert_str_eq(scan(m, a), "2:jean dupont|");
    scan(m, b);
    ck_assert_ptr_nonnull(strstr(hits, "1:jean dupont @ acme com|"));
    ck_assert_ptr_nonnull(strstr(hits, "2:jean dupont|"));
    free(a);
    free(b);
    free(mail);
    hr_matcher_free(m);
}
END_TEST

START_TEST(test_hr_match_matcher_wildcards)
{
    struct hr_matcher *m;

    ck_assert_int_eq(hr_matcher_new(&m), FTL_OK);
    ck_assert_int_eq(hr_matcher_add(m, "personalausweis*", 1), FTL_OK);
    ck_assert_int_eq(hr_matcher_add(m, "*lauf", 2), FTL_OK);
    ck_assert_int_eq(hr_matcher_add(m, "*gehalt*", 3), FTL_OK);
    ck_assert_str_eq(scan(m, "kopie personalausweiskopie"),
                     "1:personalausweiskopie|");
    ck_assert_str_eq(scan(m, "der personalausweis"), "1:personalausweis|");
    ck_assert_str_eq(scan(m, "xpersonalausweis"), "");
    ck_assert_str_eq(scan(m, "lebenslauf lauftext"), "2:lebenslauf|");
    ck_assert_str_eq(scan(m, "monatsgehaltsabrechnung"),
                     "3:monatsgehaltsabrechnung|");
    hr_matcher_free(m);
}
END_TEST

START_TEST(test_hr_match_matcher_many_patterns)
{
    struct hr_matcher *m;
    char p[32];
    int i;

    ck_assert_int_eq(hr_matcher_new(&m), FTL_OK);
    for (i = 0; i < 5000; i++) {
        snprintf(p, sizeof(p), "e%d person", 10000 + i);
        ck_assert_int_eq(hr_matcher_add(m, p, i), FTL_OK);
    }
    ck_assert_str_eq(scan(m, "x e14999 person e10000 person e10000"),
                     "4999:e14999 person|0:e10000 person|");
    hr_matcher_free(m);
}
END_TEST

/* 5,000 names sharing five given names: a scan compares a few patterns
 * per word, not the thousand that share the word "jean". */
START_TEST(test_hr_match_matcher_shared_first_words)
{
    static const char *const given[] = { "jean", "marie", "luc", "anne",
                                         "paul" };
    struct hr_matcher *m;
    char p[64], *text;
    size_t n = 0, words = 0, seen;
    int i;

    ck_assert_int_eq(hr_matcher_new(&m), FTL_OK);
    for (i = 0; i < 5000; i++) {
        snprintf(p, sizeof(p), "%s s%d", given[i % 5], 10000 + i);
        ck_assert_int_eq(hr_matcher_add(m, p, i), FTL_OK);
        snprintf(p, sizeof(p), "%c s%d", given[i % 5][0], 10000 + i);
        ck_assert_int_eq(hr_matcher_add(m, p, i), FTL_OK);
    }
    ck_assert_ptr_nonnull(text = malloc(20000 * 16));
    for (i = 0; i < 20000; i++, words += 2)
        n += (size_t)sprintf(text + n, "%s%s x%d", i ? " " : "",
                             given[i % 5], i);
    hits[0] = '\0';
    seen = hr_matcher_scan(m, text, n, on_hit, NULL);
    ck_assert_str_eq(hits, "");
    ck_assert_msg(seen < 4 * words, "%zu patterns compared for %zu words",
                  seen, words);
    strcpy(text, "jean s10000 j s10005 paul s14999");
    hits[0] = '\0';
    hr_matcher_scan(m, text, strlen(text), on_hit, NULL);
    ck_assert_ptr_nonnull(strstr(hits, "0:jean s10000|"));
    ck_assert_ptr_nonnull(strstr(hits, "5:j s10005|"));
    ck_assert_ptr_nonnull(strstr(hits, "4999:paul s14999|"));
    free(text);
    hr_matcher_free(m);
}
END_TEST

/* Aliases as "kind=alias>norm|". */
static char aliases[2048];

static int on_alias(const char *alias, const char *kind, const char *norm,
                    void *payload)
{
    size_t n = strlen(aliases);

    (void)payload;
    snprintf(aliases + n, sizeof(aliases) - n, "%s=%s>%s|", kind, alias,
             norm);
    return 0;
}

START_TEST(test_hr_match_aliases_make_variants)
{
    aliases[0] = '\0';
    ck_assert_int_eq(hr_aliases_make("E1003", "Élodie", "Lefèvre", NULL,
                                     "Elodie.Lefevre@agency.example; "
                                     "hr@agency.example", on_alias, NULL),
                     0);
    ck_assert_str_eq(aliases,
        "employee_no=E1003>e1003|"
        "email=Elodie.Lefevre@agency.example>elodie lefevre @ agency "
        "example|"
        "email=hr@agency.example>hr @ agency example|"
        "name=Élodie Lefèvre>elodie lefevre|"
        "unaccented=Elodie Lefevre>elodie lefevre|"
        "reversed=Lefèvre, Élodie>lefevre elodie|"
        "unaccented=Lefevre, Elodie>lefevre elodie|"
        "initials=É. Lefèvre>e lefevre|"
        "unaccented=E. Lefevre>e lefevre|"
        "initials=Lefèvre É.>lefevre e|"
        "unaccented=Lefevre E.>lefevre e|"
        "surname=Lefèvre>lefevre|");
}
END_TEST

START_TEST(test_hr_match_aliases_make_from_full_name)
{
    aliases[0] = '\0';
    /* Too short an employee number is not matched; "Last, First". */
    ck_assert_int_eq(hr_aliases_make("12", NULL, NULL, "Dupont, Jean-Pierre",
                                     NULL, on_alias, NULL), 0);
    ck_assert_str_eq(aliases,
        "name=Jean-Pierre Dupont>jean pierre dupont|"
        "formatted=Dupont, Jean-Pierre>dupont jean pierre|"
        "initials=J. Dupont>j dupont|"
        "initials=Dupont J.>dupont j|"
        "initials=J.-P. Dupont>j p dupont|"
        "surname=Dupont>dupont|");
    aliases[0] = '\0';
    /* A single word is a surname, which never attributes alone. */
    ck_assert_int_eq(hr_aliases_make(NULL, NULL, NULL, "Cher", NULL,
                                     on_alias, NULL), 0);
    ck_assert_str_eq(aliases, "surname=Cher>cher|");
    aliases[0] = '\0';
    ck_assert_int_eq(hr_aliases_make("E77", "Jean", NULL, "Jean", NULL,
                                     on_alias, NULL), 0);
    ck_assert_str_eq(aliases, "employee_no=E77>e77|surname=Jean>jean|");
}
END_TEST

START_TEST(test_hr_match_alias_strength_order)
{
    ck_assert_int_eq(hr_alias_strength("employee_no"), 3);
    ck_assert_int_eq(hr_alias_strength("email"), 3);
    ck_assert_int_eq(hr_alias_strength("name"), 2);
    ck_assert_int_eq(hr_alias_strength("initials"), 2);
    ck_assert_int_eq(hr_alias_strength("surname"), 1);
    ck_assert_int_eq(hr_alias_strength("nickname"), 0);
    ck_assert_str_eq(hr_strength_name(3), "id");
    ck_assert_str_eq(hr_strength_name(2), "name");
    ck_assert_str_eq(hr_strength_name(1), "surname");
}
END_TEST

Suite *hr_match_suite(void)
{
    Suite *s = suite_create("hr_match");
    TCase *tc = tcase_create("hr_text");

    tcase_add_test(tc, test_hr_match_fold_accents_case_punctuation);
    tcase_add_test(tc, test_hr_match_text_pieces_and_breaks);
    tcase_add_test(tc, test_hr_match_utf8_valid_and_escape);
    suite_add_tcase(s, tc);
    tc = tcase_create("hr_matcher");
    tcase_add_test(tc, test_hr_match_matcher_word_boundaries);
    tcase_add_test(tc, test_hr_match_matcher_email_needs_at);
    tcase_add_test(tc, test_hr_match_matcher_wildcards);
    tcase_add_test(tc, test_hr_match_matcher_many_patterns);
    tcase_add_test(tc, test_hr_match_matcher_shared_first_words);
    suite_add_tcase(s, tc);
    tc = tcase_create("hr_aliases_make");
    tcase_add_test(tc, test_hr_match_aliases_make_variants);
    tcase_add_test(tc, test_hr_match_aliases_make_from_full_name);
    tcase_add_test(tc, test_hr_match_alias_strength_order);
    suite_add_tcase(s, tc);
    return s;
}
