/*
 * tests/check_base_fold.c - folded text (base/fold.c)
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "base/fold.h"

static void fold_is(const char *in, const char *want)
{
    char *got = ftl_fold(in);

    ck_assert_ptr_nonnull(got);
    ck_assert_msg(strcmp(got, want) == 0, "fold('%s') = '%s', want '%s'",
                  in, got, want);
    free(got);
}

START_TEST(test_fold_fold_accents_case_punctuation)
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

START_TEST(test_fold_text_add_pieces_and_breaks)
{
    struct ftl_text t;

    ftl_text_init(&t, 0);
    ftl_text_add(&t, "Jean Du", 7);
    ftl_text_add(&t, "pont, Lef\xc3", 10);    /* è cut in two */
    ftl_text_add(&t, "\xa8vre", 4);
    ck_assert_str_eq(t.b.p, "jean dupont lefevre");
    ftl_text_break(&t);
    ftl_text_break(&t);
    ftl_text_add(&t, " next ", 6);
    ck_assert_str_eq(t.b.p, "jean dupont lefevre\nnext");
    ftl_text_reset(&t);
    ftl_text_add(&t, "ab\xff" "cd \xc3(", 7);    /* invalid bytes separate */
    ck_assert_str_eq(t.b.p, "ab cd");
    ftl_text_release(&t);
    /* A bound: the text stops and says so. */
    ftl_text_init(&t, 8);
    ftl_text_add(&t, "alpha beta gamma", 16);
    ck_assert_int_eq(t.truncated, 1);
    ck_assert_int_le(t.b.len, 7);
    ftl_text_release(&t);
}
END_TEST

START_TEST(test_fold_unaccent_keeps_case_and_punctuation)
{
    char *u = ftl_unaccent("Lefèvre, É.-Ø. Straße\xff");

    ck_assert_ptr_nonnull(u);
    /* An invalid byte is dropped, ß has no capital: "ss". */
    ck_assert_str_eq(u, "Lefevre, E.-O. Strasse");
    free(u);
}
END_TEST

START_TEST(test_fold_fold_pattern_keeps_stars)
{
    const char *in[] = { "Personalausweis*", "*ausweis", "*Kopie*",
                         "Carte d'identité", "*", "?!", "a*b" };
    const char *want[] = { "personalausweis*", "*ausweis", "*kopie*",
                           "carte d identite", "", "", "a b" };
    size_t i;

    for (i = 0; i < sizeof(in) / sizeof(in[0]); i++) {
        char *got = ftl_fold_pattern(in[i]);

        ck_assert_ptr_nonnull(got);
        ck_assert_msg(strcmp(got, want[i]) == 0, "'%s' -> '%s', want '%s'",
                      in[i], got, want[i]);
        free(got);
    }
}
END_TEST

static void split_is(const char *in, const char *want, int want_split)
{
    int any = -1;
    char *got = ftl_split_case(in, &any);

    ck_assert_ptr_nonnull(got);
    ck_assert_msg(strcmp(got, want) == 0 && any == want_split,
                  "split('%s') = '%s' (%d), want '%s'", in, got, any, want);
    free(got);
}

START_TEST(test_fold_split_case_words_run_together)
{
    split_is("passportScan.pdf", "passport Scan.pdf", 1);
    split_is("IDScan", "ID Scan", 1);
    split_is("CVJanPeeters", "CV Jan Peeters", 1);
    split_is("CV2023_x", "CV 2023_x", 1);
    split_is("2023CV", "2023 CV", 1);
    split_is("JanVanDerBerg", "Jan Van Der Berg", 1);
    split_is("ÉlodieLefèvre", "Élodie Lefèvre", 1);
    split_is("iPhone eID", "iPhone eID", 0);
    split_is("plain words.pdf", "plain words.pdf", 0);
    split_is("ALLCAPS", "ALLCAPS", 0);
    split_is("ab\xff" "Cd", "ab\xff" "Cd", 0);   /* invalid byte kept */
    split_is("", "", 0);
}
END_TEST

static int collect_form(const char *form, void *payload)
{
    char *all = payload;

    if (*all)
        strcat(all, "|");
    strcat(all, form);
    return 0;
}

static int stop_at_second(const char *form, void *payload)
{
    int *n = payload;

    (void)form;
    return ++*n == 2 ? 7 : 0;
}

START_TEST(test_fold_phrase_forms_without_particles)
{
    char all[512] = "";
    int n = 0;

    ck_assert_int_eq(ftl_phrase_forms("carte d identite", collect_form, all),
                     0);
    ck_assert_str_eq(all, "carte d identite|carte identite");
    all[0] = '\0';
    ftl_phrase_forms("fiche de paie du mois", collect_form, all);
    ck_assert_str_eq(all, "fiche de paie du mois|fiche paie du mois|"
                     "fiche de paie mois|fiche paie mois");
    /* never the first or the last word */
    all[0] = '\0';
    ftl_phrase_forms("de paie van", collect_form, all);
    ck_assert_str_eq(all, "de paie van");
    all[0] = '\0';
    ftl_phrase_forms("passport", collect_form, all);
    ck_assert_str_eq(all, "passport");
    /* the callback's value stops the walk */
    ck_assert_int_eq(ftl_phrase_forms("a de b", stop_at_second, &n), 7);
    ck_assert_int_eq(n, 2);
}
END_TEST

Suite *base_fold_suite(void)
{
    Suite *s = suite_create("base_fold");
    TCase *tc = tcase_create("ftl_text");

    tcase_add_test(tc, test_fold_fold_accents_case_punctuation);
    tcase_add_test(tc, test_fold_text_add_pieces_and_breaks);
    tcase_add_test(tc, test_fold_unaccent_keeps_case_and_punctuation);
    tcase_add_test(tc, test_fold_fold_pattern_keeps_stars);
    tcase_add_test(tc, test_fold_split_case_words_run_together);
    tcase_add_test(tc, test_fold_phrase_forms_without_particles);
    suite_add_tcase(s, tc);
    return s;
}
