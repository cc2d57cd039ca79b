/*
 * tests/check_staff.c - the personnel register collector
 * (collectors/hr/staff.c): columns, duplicates and conflicts with their
 * line numbers, Windows-1252 input, HR-XML, hostile XML
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <check.h>

#include "testutil.h"
#include "collectors/hr/hr_int.h"

static char casef[64], file[64];
static struct col_ctx ctx;

static void setup(void)
{
    snprintf(file, sizeof(file), "/tmp/ftl-check-staff-%d.in", getpid());
    memset(&ctx, 0, sizeof(ctx));
    ctx.st = tu_case_open("staff", casef);
}

static void teardown(void)
{
    tu_case_close(ctx.st, casef);
    unlink(file);
}

static void write_file(const char *text)
{
    FILE *f = fopen(file, "w");

    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
}

static const char *rows(const char *sql)
{
    return tu_rows(ctx.st, sql);
}

START_TEST(test_staff_collect_csv_duplicates_conflicts)
{
    struct ftl_err err = { 0 };

    write_file("employee_no;First Name;Surname;E-mail;Department;phone\n"
               "E1;Jean;Dupont;Jean.Dupont@x.example;IT;+32 1\n"
               "E2;Marie;Dupont;marie@x.example;HR;+32 2\n"
               "E1;Jean;Dupont;jean.dupont@x.example;IT;+32 1\n"
               "E1;Jean-Luc;Dupont;jl@x.example;IT;\n"
               "E3;Anna;Smith;marie@x.example;IT;\n"
               ";;;;;\n"
               "E4;Jean;Dupont;;IT;\n"
               "E5;Ren\xe9;Faure;r@x.example;IT;\n"
               "E6;Bad;Mail;not-an-address;IT;\n");
    ck_assert_int_eq(col_staff_collect(&ctx, NULL, file, &err), FTL_OK);
    ck_assert_int_eq(ctx.n_evidence, 1);
    ck_assert_str_eq(rows("SELECT employee_no || ' ' || name || ' ' ||"
                          " coalesce(emails, '-') || ' ' || locator"
                          " FROM persons ORDER BY person_id"),
                     "E1 Jean Dupont jean.dupont@x.example line 2|"
                     "E2 Marie Dupont marie@x.example line 3|"
                     "E1 Jean-Luc Dupont jl@x.example line 5|"
                     "E3 Anna Smith marie@x.example line 6|"
                     "E4 Jean Dupont - line 8|"
                     "E5 René Faure r@x.example line 9|"
                     "E6 Bad Mail - line 10");
    ck_assert_str_eq(rows("SELECT locator || ': ' || substr(message, 1, 30)"
                          " FROM warnings ORDER BY id"),
                     "line 4: duplicate of line 2: the same |"
                     "line 5: conflict: employee number 'E1'|"
                     "line 6: conflict: e-mail address 'mari|"
                     "line 7: no employee number, e-mail add|"
                     "line 8: same name as line 2 (another p|"
                     "line 9: not UTF-8: read as Windows-125|"
                     "line 10: 'not-an-address' is not an e-m");
    ck_assert_str_eq(rows("SELECT extra FROM persons WHERE person_id = 1"),
                     "{\"phone\":\"+32 1\"}");
    ck_assert_str_eq(rows("SELECT status FROM evidence"), "partial");
    /* Aliases were made for every person ("E1" is too short an employee
     * number to be matched). */
    ck_assert_str_eq(rows("SELECT group_concat(kind, ',') FROM"
                          " person_aliases WHERE person_id = 1"),
                     "email,name,reversed,initials,initials,surname");
    ck_assert_str_eq(rows("SELECT count(DISTINCT person_id) FROM"
                          " person_aliases"), "7");
}
END_TEST

/* A row repeating a later, conflicting row is that row's duplicate, not
 * a new person conflicting with the first one. */
START_TEST(test_staff_collect_duplicate_of_conflicting_row)
{
    struct ftl_err err = { 0 };

    write_file("employee_no,first_name,last_name\n"
               "E1001,Jean,Dupont\n"
               "E1001,Jean-Luc,Dupont\n"
               "E1001,Jean-Luc,Dupont\n");
    ck_assert_int_eq(col_staff_collect(&ctx, NULL, file, &err), FTL_OK);
    ck_assert_str_eq(rows("SELECT name || ' ' || locator FROM persons"
                          " ORDER BY person_id"),
                     "Jean Dupont line 2|Jean-Luc Dupont line 3");
    ck_assert_str_eq(rows("SELECT locator || ': ' || substr(message, 1, 40)"
                          " FROM warnings ORDER BY id"),
                     "line 3: conflict: employee number 'E1001' is als|"
                     "line 4: duplicate of line 3: the same person in ");
}
END_TEST

START_TEST(test_staff_collect_again_from_other_register)
{
    struct ftl_err err = { 0 };

    write_file("employee_no,first_name,last_name,email\n"
               "E1,Jean,Dupont,j@x.example\n");
    ck_assert_int_eq(col_staff_collect(&ctx, NULL, file, &err), FTL_OK);
    /* Another file (another header order) with the same person and a
     * changed one: the same is not added again, the changed is kept
     * apart and reported. */
    write_file("email,last_name,first_name,employee_no\n"
               "j@x.example,Dupont,Jean,E1\n"
               "k@x.example,Dupont,Jean,E1\n");
    ck_assert_int_eq(col_staff_collect(&ctx, NULL, file, &err), FTL_OK);
    ck_assert_str_eq(rows("SELECT count(*) FROM persons"), "2");
    ck_assert_str_eq(rows("SELECT locator || ': ' || substr(message, 1, 60)"
                          " FROM warnings"),
                     "line 3: conflict: employee number 'E1' is also at "
                     "person #1 already ");
    /* The very same file again: already in the case, nothing added. */
    ck_assert_int_eq(col_staff_collect(&ctx, NULL, file, &err), FTL_OK);
    ck_assert_int_eq(ctx.n_dup, 1);
    ck_assert_str_eq(rows("SELECT count(*) FROM persons"), "2");
}
END_TEST

START_TEST(test_staff_collect_not_a_register_failed)
{
    struct ftl_err err = { 0 };

    write_file("colour,size\nred,2\n");
    ck_assert_int_eq(col_staff_collect(&ctx, NULL, file, &err), FTL_OK);
    ck_assert_int_eq(ctx.n_failed, 1);
    ck_assert_str_eq(rows("SELECT status FROM evidence"), "failed");
    ck_assert_ptr_nonnull(strstr(rows("SELECT message FROM warnings"),
                                 "not a register header"));
}
END_TEST

START_TEST(test_staff_collect_hrxml_and_xxe)
{
    struct ftl_err err = { 0 };

    write_file("<?xml version=\"1.0\"?>\n<Persons>\n<PersonRecord>"
               "<PersonId><IdValue>E9</IdValue></PersonId><PersonName>"
               "<GivenName>Søren</GivenName><FamilyName>Nørgaard"
               "</FamilyName></PersonName><Communication><URI>"
               "mailto:S.N@x.example</URI></Communication></PersonRecord>\n"
               "<PersonRecord><PersonName/></PersonRecord>\n</Persons>\n");
    ck_assert_int_eq(col_staff_collect(&ctx, NULL, file, &err), FTL_OK);
    ck_assert_str_eq(rows("SELECT employee_no || ' ' || name || ' ' ||"
                          " emails || ' ' || locator || ' ' || extra"
                          " FROM persons"),
                     "E9 Søren Nørgaard s.n@x.example line 3 "
                     "{\"hr_xml_record\":\"PersonRecord\"}");
    ck_assert_str_eq(rows("SELECT locator FROM warnings"), "line 4");
    ck_assert_str_eq(rows("SELECT options FROM evidence"), "format=hr-xml");
    /* UTF-16 with a byte order mark is XML too. */
    {
        static const char u16[] = "\xff\xfe<\0P\0e\0r\0s\0o\0n\0>\0"
            "<\0F\0o\0r\0m\0a\0t\0t\0e\0d\0N\0a\0m\0e\0>\0"
            "Z\0o\0\xeb\0 \0B\0"
            "<\0/\0F\0o\0r\0m\0a\0t\0t\0e\0d\0N\0a\0m\0e\0>\0"
            "<\0/\0P\0e\0r\0s\0o\0n\0>\0";
        FILE *f = fopen(file, "wb");

        ck_assert_ptr_nonnull(f);
        fwrite(u16, 1, sizeof(u16) - 1, f);
        fclose(f);
        ck_assert_int_eq(col_staff_collect(&ctx, NULL, file, &err), FTL_OK);
        ck_assert_str_eq(rows("SELECT name FROM persons"), "Søren Nørgaard|"
                         "Zoë B");
    }
    write_file("<?xml version=\"1.0\"?>\n<!DOCTYPE p [<!ENTITY x SYSTEM "
               "\"file:///etc/passwd\">]>\n<PersonRecord><PersonName>"
               "<FormattedName>&x;</FormattedName></PersonName>"
               "</PersonRecord>\n");
    ck_assert_int_eq(col_staff_collect(&ctx, NULL, file, &err), FTL_OK);
    ck_assert_int_eq(ctx.n_failed, 1);
    ck_assert_str_eq(rows("SELECT count(*) FROM persons"), "2");
    ck_assert_ptr_nonnull(strstr(rows("SELECT message FROM warnings"),
                                 "document type declaration refused"));
    ck_assert_str_eq(rows("SELECT count(*) FROM persons WHERE name LIKE"
                          " '%root%'"), "0");
}
END_TEST

Suite *staff_suite(void)
{
    Suite *s = suite_create("staff");
    TCase *tc = tcase_create("col_staff_collect");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_staff_collect_csv_duplicates_conflicts);
    tcase_add_test(tc, test_staff_collect_duplicate_of_conflicting_row);
    tcase_add_test(tc, test_staff_collect_again_from_other_register);
    tcase_add_test(tc, test_staff_collect_not_a_register_failed);
    tcase_add_test(tc, test_staff_collect_hrxml_and_xxe);
    suite_add_tcase(s, tc);
    return s;
}
