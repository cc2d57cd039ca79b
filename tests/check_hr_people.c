/*
 * tests/check_hr_people.c - person aliases (collectors/hr/people.c)
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "collectors/hr/hr_int.h"

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

START_TEST(test_hr_people_aliases_make_variants)
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

START_TEST(test_hr_people_aliases_make_from_full_name)
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

START_TEST(test_hr_people_aliases_make_particles)
{
    aliases[0] = '\0';
    ck_assert_int_eq(hr_aliases_make(NULL, "Jan", "van der Berg", NULL,
                                     NULL, on_alias, NULL), 0);
    ck_assert_str_eq(aliases,
        "name=Jan van der Berg>jan van der berg|"
        "reversed=van der Berg, Jan>van der berg jan|"
        "initials=J. van der Berg>j van der berg|"
        "initials=van der Berg J.>van der berg j|"
        "joined=Jan vanderBerg>jan vanderberg|"
        "no_particle=Jan Berg>jan berg|"
        "reversed=Berg, Jan van der>berg jan van der|"
        "surname=vanderBerg>vanderberg|"
        "surname=van der Berg>van der berg|");
    aliases[0] = '\0';
    ck_assert_int_eq(hr_aliases_make(NULL, NULL, NULL, "Anne d'Ornano",
                                     NULL, on_alias, NULL), 0);
    ck_assert_ptr_nonnull(strstr(aliases, "joined=Anne dOrnano>anne "
                                 "dornano|"));
    ck_assert_ptr_nonnull(strstr(aliases, "no_particle=Anne Ornano>anne "
                                 "ornano|"));
    /* a surname that is only a particle, or has none, has no such forms */
    aliases[0] = '\0';
    ck_assert_int_eq(hr_aliases_make(NULL, "Marc", "Van", NULL, NULL,
                                     on_alias, NULL), 0);
    ck_assert_ptr_null(strstr(aliases, "joined"));
    ck_assert_int_eq(hr_alias_strength("joined"), 2);
    ck_assert_int_eq(hr_alias_strength("no_particle"), 2);
}
END_TEST

START_TEST(test_hr_people_alias_strength_order)
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

Suite *hr_people_suite(void)
{
    Suite *s = suite_create("hr_people");
    TCase *tc = tcase_create("hr_aliases_make");

    tcase_add_test(tc, test_hr_people_aliases_make_variants);
    tcase_add_test(tc, test_hr_people_aliases_make_from_full_name);
    tcase_add_test(tc, test_hr_people_alias_strength_order);
    tcase_add_test(tc, test_hr_people_aliases_make_particles);
    suite_add_tcase(s, tc);
    return s;
}
