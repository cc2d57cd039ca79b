/*
 * tests/check_hr_rules.c - data-category rules (collectors/hr/rules.c)
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "collectors/hr/hr_int.h"

static int has(const struct hr_rules *r, const char *category, int art9)
{
    size_t i;

    for (i = 0; i < r->n; i++)
        if (strcmp(r->v[i].category, category) == 0 && r->v[i].art9 == art9)
            return 1;
    return 0;
}

/* Categories found in 'text' for 'field', ';'-separated, through the
 * same hr_rules_scan() as the collector. */
static char found[256];

static void on_hit(int id, const char *at, size_t len, void *payload)
{
    const struct hr_rules *r = payload;
    const struct hr_rule *rule = &r->v[id];
    size_t n = strlen(found);

    (void)at;
    (void)len;
    if (strstr(found, rule->category))
        return;
    snprintf(found + n, sizeof(found) - n, "%s%s", n ? ";" : "",
             rule->category);
}

static const char *categorise(const struct hr_rules *r, int field,
                              const char *text)
{
    char *f = ftl_fold(text);

    found[0] = '\0';
    hr_rules_scan(r, field, f, strlen(f), on_hit, (void *)r);
    free(f);
    return found;
}

/* As attribution.c reads a file name: folded, and with the words its
 * case or digits join split. */
static const char *categorise_name(const struct hr_rules *r,
                                   const char *name)
{
    char *f = ftl_fold(name), *sp, *fs;
    int any;

    found[0] = '\0';
    hr_rules_scan(r, HR_F_NAME, f, strlen(f), on_hit, (void *)r);
    sp = ftl_split_case(name, &any);
    ck_assert_ptr_nonnull(sp);
    if (any) {
        fs = ftl_fold(sp);
        hr_rules_scan(r, HR_F_NAME, fs, strlen(fs), on_hit, (void *)r);
        free(fs);
    }
    free(sp);
    free(f);
    return found;
}

static int count_pattern(const struct hr_rules *r, const char *pattern)
{
    size_t i;
    int n = 0;

    for (i = 0; i < r->n; i++)
        n += strcmp(r->v[i].pattern, pattern) == 0;
    return n;
}

static int field_of_pattern(const struct hr_rules *r, const char *pattern)
{
    size_t i;

    for (i = 0; i < r->n; i++)
        if (strcmp(r->v[i].pattern, pattern) == 0)
            return r->v[i].field;
    return 0;
}

START_TEST(test_hr_rules_load_default_four_languages)
{
    struct hr_rules *r;
    struct ftl_err err = { 0 };

    ck_assert_int_eq(hr_rules_load_default(&r, &err), FTL_OK);
    ck_assert_str_eq(r->source, "default");
    /* "passport*" is written for path, name, meta and text: one rule. */
    ck_assert_int_eq(count_pattern(r, "passport*"), 1);
    ck_assert_int_eq(field_of_pattern(r, "passport*"),
                     HR_F_PATH | HR_F_NAME | HR_F_META | HR_F_TEXT);
    ck_assert_int_eq(strlen(r->sha256), 64);
    ck_assert(has(r, "identity_document", 0));
    ck_assert(has(r, "cv", 0));
    ck_assert(has(r, "payroll", 0));
    ck_assert(has(r, "health", 1));
    ck_assert(has(r, "family", 0));
    ck_assert(has(r, "disciplinary", 0));
    ck_assert(has(r, "contact", 0));
    /* English, French, Dutch, German; accents and case ignored. */
    ck_assert_str_eq(categorise(r, HR_F_TEXT, "Scan of PASSPORT"),
                     "identity_document");
    ck_assert_str_eq(categorise(r, HR_F_TEXT, "Carte d'identite recto"),
                     "identity_document");
    ck_assert_str_eq(categorise(r, HR_F_TEXT, "kopie identiteitskaart"),
                     "identity_document");
    ck_assert_str_eq(categorise(r, HR_F_TEXT, "Personalausweiskopie"),
                     "identity_document");
    ck_assert_str_eq(categorise(r, HR_F_TEXT, "Führerschein Klasse B"),
                     "identity_document");
    ck_assert_str_eq(categorise(r, HR_F_TEXT, "Permis de conduire"),
                     "identity_document");
    ck_assert_str_eq(categorise(r, HR_F_TEXT, "Rijbewijs"),
                     "identity_document");
    ck_assert_str_eq(categorise(r, HR_F_TEXT, "Lebenslauf"), "cv");
    ck_assert_str_eq(categorise(r, HR_F_NAME, "CV_2023.pdf"), "cv");
    ck_assert_str_eq(categorise(r, HR_F_TEXT, "my cv"), "");
    ck_assert_str_eq(categorise(r, HR_F_NAME, "Résumé"), "cv");
    ck_assert_str_eq(categorise(r, HR_F_TEXT, "Fiche de paie"), "payroll");
    ck_assert_str_eq(categorise(r, HR_F_TEXT, "Loonstrook maart"),
                     "payroll");
    ck_assert_str_eq(categorise(r, HR_F_TEXT, "Gehaltsabrechnung"),
                     "payroll");
    ck_assert_str_eq(categorise(r, HR_F_TEXT, "IBAN: BE71"), "payroll");
    ck_assert_str_eq(categorise(r, HR_F_TEXT, "certificat MÉDICAL"),
                     "health");
    ck_assert_str_eq(categorise(r, HR_F_TEXT, "medisch attest"), "health");
    ck_assert_str_eq(categorise(r, HR_F_TEXT, "ärztliche Bescheinigung"),
                     "health");
    ck_assert_str_eq(categorise(r, HR_F_TEXT, "on sick leave"), "health");
    ck_assert_str_eq(categorise(r, HR_F_TEXT, "Acte de naissance"),
                     "family");
    ck_assert_str_eq(categorise(r, HR_F_TEXT, "aantal kinderen: 2"),
                     "family");
    ck_assert_str_eq(categorise(r, HR_F_TEXT, "marriage certificate"),
                     "family");
    ck_assert_str_eq(categorise(r, HR_F_TEXT, "Disciplinary hearing"),
                     "disciplinary");
    ck_assert_str_eq(categorise(r, HR_F_TEXT, "home address: x"),
                     "contact");
    ck_assert_str_eq(categorise(r, HR_F_TEXT, "Téléphone : 02"), "contact");
    ck_assert_str_eq(categorise(r, HR_F_TEXT, "Telefon: 030"), "contact");
    ck_assert_str_eq(categorise(r, HR_F_TEXT, "the canteen menu"), "");
    hr_rules_free(r);
}
END_TEST

static int parse(struct hr_rules **r, const char *text, struct ftl_err *err)
{
    return hr_rules_parse(r, text, strlen(text), "r.csv", err);
}

START_TEST(test_hr_rules_parse_bad_lines_name_line)
{
    static const char nul[] = "category,art9,field,pattern\nx,0,text,a\0b\n";
    struct hr_rules *r;
    struct ftl_err err = { 0 };

    ck_assert_int_eq(parse(&r, "category,art9,field,pattern\n"
                           "x,2,text,y\n", &err), FTL_EPARSE);
    ck_assert_ptr_null(r);
    ck_assert_str_eq(err.msg, "r.csv:2: art9 must be 0 or 1, not '2'");
    ck_assert_int_eq(parse(&r, "category,art9,field,pattern\n"
                           "# c\nx,0,body,y\n", &err), FTL_EPARSE);
    ck_assert_str_eq(err.msg, "r.csv:3: field must be path, name, text or "
                     "meta, several joined by '|', or '*', not 'body'");
    ck_assert_int_eq(parse(&r, "category,art9,field,pattern\n"
                           "x,0,name|body,y\n", &err), FTL_EPARSE);
    ck_assert_int_eq(parse(&r, "category,art9,field,pattern\n"
                           "x,0,name|,y\n", &err), FTL_EPARSE);
    ck_assert_ptr_nonnull(strstr(err.msg, "not 'name|'"));
    ck_assert_int_eq(parse(&r, "cat,x\n", &err), FTL_EPARSE);
    ck_assert_ptr_nonnull(strstr(err.msg, "r.csv:1: the first line"));
    ck_assert_int_eq(parse(&r, "category,art9,field,pattern\n"
                           "Bad Cat,0,text,y\n", &err), FTL_EPARSE);
    ck_assert_ptr_nonnull(strstr(err.msg, "may only hold"));
    ck_assert_int_eq(parse(&r, "category,art9,field,pattern\n"
                           "x,0,text,***\n", &err), FTL_EPARSE);
    ck_assert_ptr_nonnull(strstr(err.msg, "no letter or digit"));
    ck_assert_int_eq(parse(&r, "category,art9,field,pattern\n", &err),
                     FTL_EPARSE);
    ck_assert_str_eq(err.msg, "r.csv: no rule");
    /* Written by hand, so read strictly: a typo in quoting is an error
     * naming its line, not a rule silently different. */
    ck_assert_int_eq(parse(&r, "category,art9,field,pattern\n"
                           "x,0,text,y\nx,0,text,5'11\"\n", &err),
                     FTL_EPARSE);
    ck_assert_str_eq(err.msg, "r.csv: line 3: quote inside an unquoted "
                     "field (quote the whole field and double the quote)");
    ck_assert_int_eq(parse(&r, "category,art9,field,pattern\n"
                           "x,0,text,\"a\"b\n", &err), FTL_EPARSE);
    ck_assert_str_eq(err.msg, "r.csv: line 2: unexpected text after a "
                     "closing quote");
    ck_assert_int_eq(hr_rules_parse(&r, nul, sizeof(nul) - 1, "r.csv",
                                    &err), FTL_EPARSE);
    ck_assert_str_eq(err.msg, "r.csv: line 2: NUL byte");
    ck_assert_int_eq(parse(&r, "category,art9,field,pattern\n"
                           "x,0,text,\"a \"\"b\"\", c\"\n", &err), FTL_OK);
    ck_assert_str_eq(r->v[0].pattern, "a \"b\", c");
    hr_rules_free(r);
}
END_TEST

/* Names written as people write them (issue 10): words joined by '_',
 * '-', '.' or camel case, articles and particles left out, short
 * forms. */
START_TEST(test_hr_rules_load_default_names_as_written)
{
    static const struct { const char *name, *want; } names[] = {
        { "carte_identite_dupont.pdf", "identity_document" },
        { "Personalausweis_Mueller.pdf", "identity_document" },
        { "passportScan.pdf", "identity_document" },
        { "IDScan-jan.pdf", "identity_document" },
        { "CarteIdentite.jpg", "identity_document" },
        { "CNI_recto.jpg", "identity_document" },
        { "eID-Peeters.png", "identity_document" },
        { "ID-kaart_Peeters.pdf", "identity_document" },
        { "CV-jan.peeters.docx", "cv" },
        { "CV2023_Peeters.docx", "cv" },
        { "JanPeetersCV.pdf", "cv" },
        { "Lebenslauf_Schmidt.pdf", "cv" },
        { "loonbrief_maart.pdf", "payroll" },
        { "fiche-paie-2023-05.pdf", "payroll" },
        { "FicheDePaie_mai.pdf", "payroll" },
        { "iPhone_manual.pdf", "" },   /* one letter before the capital */
        { "acceptance_scan.pdf", "" },
        { "cvs_receipt.pdf", "" },
    };
    struct hr_rules *r;
    struct ftl_err err = { 0 };
    size_t i;

    ck_assert_int_eq(hr_rules_load_default(&r, &err), FTL_OK);
    for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        ck_assert_msg(strcmp(categorise_name(r, names[i].name),
                             names[i].want) == 0, "'%s': got '%s', want "
                      "'%s'", names[i].name, found, names[i].want);
    /* titles and text: the particle left out, any case, underscores */
    ck_assert_str_eq(categorise(r, HR_F_META, "carte identite Jan Peeters"),
                     "identity_document");
    ck_assert_str_eq(categorise(r, HR_F_TEXT, "CARTE_IDENTITE"),
                     "identity_document");
    ck_assert_str_eq(categorise(r, HR_F_TEXT, "acte naissance"), "family");
    ck_assert_str_eq(categorise(r, HR_F_TEXT, "numero telephone"),
                     "contact");
    /* a short form ambiguous in prose is for names only */
    ck_assert_str_eq(categorise(r, HR_F_TEXT, "the CNI of"), "");
    /* a particle is optional inside a phrase, not in place of a word */
    ck_assert_str_eq(categorise(r, HR_F_TEXT, "carte de paie"), "");
    hr_rules_free(r);
}
END_TEST

/* One row for several fields. */
START_TEST(test_hr_rules_parse_multi_field_rows)
{
    struct hr_rules *r;
    struct ftl_err err = { 0 };
    const char *text = "category,art9,field,pattern\n"
                       "badge,0,path|name,badge\n"
                       "badge,0,TEXT,badge\n"
                       "visa,0,*,visa van der stad\n";

    ck_assert_int_eq(hr_rules_parse(&r, text, strlen(text), "m.csv", &err),
                     FTL_OK);
    ck_assert_int_eq(r->n, 2);
    ck_assert_int_eq(r->v[0].field, HR_F_PATH | HR_F_NAME | HR_F_TEXT);
    ck_assert_int_eq(r->v[1].field,
                     HR_F_PATH | HR_F_NAME | HR_F_META | HR_F_TEXT);
    ck_assert_str_eq(categorise(r, HR_F_PATH, "Badge"), "badge");
    ck_assert_str_eq(categorise(r, HR_F_TEXT, "badge"), "badge");
    ck_assert_str_eq(categorise(r, HR_F_META, "badge"), "");
    /* every form without its particles, in every field */
    ck_assert_str_eq(categorise(r, HR_F_META, "visa van der stad"), "visa");
    ck_assert_str_eq(categorise(r, HR_F_NAME, "visa_der_stad"), "visa");
    ck_assert_str_eq(categorise(r, HR_F_TEXT, "visa van stad"), "visa");
    ck_assert_str_eq(categorise(r, HR_F_PATH, "visa stad"), "visa");
    ck_assert_str_eq(categorise(r, HR_F_PATH, "visa de stad"), "");
    hr_rules_free(r);
}
END_TEST

START_TEST(test_hr_rules_parse_own_rules)
{
    struct hr_rules *r;
    struct ftl_err err = { 0 };
    const char *text = "category,art9,field,pattern\n"
                       "biometric,1,name,*fingerprint*\n"
                       "biometric,yes,meta,\"iris, scan\"\n";

    ck_assert_int_eq(hr_rules_parse(&r, text, strlen(text), "own.csv", &err),
                     FTL_OK);
    ck_assert_int_eq(r->n, 2);
    ck_assert_int_eq(r->v[1].art9, 1);
    ck_assert_str_eq(r->v[1].pattern, "iris, scan");
    ck_assert_str_eq(categorise(r, HR_F_NAME, "fingerprints.png"),
                     "biometric");
    ck_assert_str_eq(categorise(r, HR_F_TEXT, "fingerprints"), "");
    ck_assert_str_eq(categorise(r, HR_F_META, "Iris-scan"), "biometric");
    hr_rules_free(r);
}
END_TEST

Suite *hr_rules_suite(void)
{
    Suite *s = suite_create("hr_rules");
    TCase *tc = tcase_create("hr_rules_load");

    tcase_add_test(tc, test_hr_rules_load_default_four_languages);
    tcase_add_test(tc, test_hr_rules_parse_bad_lines_name_line);
    tcase_add_test(tc, test_hr_rules_parse_own_rules);
    tcase_add_test(tc, test_hr_rules_load_default_names_as_written);
    tcase_add_test(tc, test_hr_rules_parse_multi_field_rows);
    suite_add_tcase(s, tc);
    return s;
}
