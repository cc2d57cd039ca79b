/*
 * tests/check_hr_csv.c - RFC 4180 records (collectors/hr/csv.c)
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "collectors/hr/hr_int.h"

struct mem {
    const char *p;
    size_t n;
};

static ssize_t mem_read(void *payload, int64_t off, void *buf, size_t n)
{
    struct mem *m = payload;

    if ((size_t)off >= m->n)
        return 0;
    if (n > m->n - (size_t)off)
        n = m->n - (size_t)off;
    memcpy(buf, m->p + off, n);
    return (ssize_t)n;
}

/* The message of the last records() call that failed. */
static char last_msg[sizeof(((struct ftl_err *)0)->msg)];

/* All records of 'text' as "line:f1|f2|...;" and the final code. */
static int records(const char *text, char delim, int comments, char *out,
                   size_t outsz)
{
    struct mem m = { text, strlen(text) };
    struct ftl_err err = { 0 };
    struct col_src *src;
    struct hr_csv *c;
    char **f;
    int nf, i, rc;
    int64_t line;

    out[0] = '\0';
    ck_assert_int_eq(col_src_open_cb(&src, "mem.csv", (int64_t)m.n, mem_read,
                                     &m, 0, &err), FTL_OK);
    ck_assert_int_eq(hr_csv_open(&c, src, delim, comments, &err), FTL_OK);
    while ((rc = hr_csv_next(c, &f, &nf, &line, &err)) == FTL_OK) {
        size_t n = strlen(out);

        n += (size_t)snprintf(out + n, outsz - n, "%lld:", (long long)line);
        for (i = 0; i < nf && n < outsz; i++)
            n += (size_t)snprintf(out + n, outsz - n, "%s%s", i ? "|" : "",
                                  f[i]);
        if (n < outsz)
            snprintf(out + n, outsz - n, ";");
    }
    snprintf(last_msg, sizeof(last_msg), "%s", err.msg);
    hr_csv_close(c);
    col_src_close(src);
    return rc;
}

START_TEST(test_hr_csv_next_quoted_fields)
{
    char out[512];

    ck_assert_int_eq(records("a,b,c\r\n1,\"x, y\",\"say \"\"hi\"\"\"\r\n"
                             "2,\"two\nlines\",\r\n\r\n3,,z\r\n", 0, 0, out,
                             sizeof(out)), FTL_DONE);
    ck_assert_str_eq(out, "1:a|b|c;2:1|x, y|say \"hi\";3:2|two\nlines|;"
                     "6:3||z;");
}
END_TEST

START_TEST(test_hr_csv_next_semicolon_bom_comments)
{
    char out[512];

    /* The delimiter guessed: ';' here, a tab below. */
    ck_assert_int_eq(records("\xef\xbb\xbf# exported\nnom;prénom;e-mail\n"
                             "Dupont;Jean;j@x.example\n# not a comment\n",
                             0, 0, out, sizeof(out)), FTL_DONE);
    ck_assert_str_eq(out, "2:nom|prénom|e-mail;3:Dupont|Jean|j@x.example;"
                     "4:# not a comment;");
    ck_assert_int_eq(records("h\n# c\nv\n", ',', 1, out, sizeof(out)),
                     FTL_DONE);
    ck_assert_str_eq(out, "1:h;3:v;");
    ck_assert_int_eq(records("a\tb\n1\t2\n", 0, 0, out, sizeof(out)),
                     FTL_DONE);
    ck_assert_str_eq(out, "1:a|b;2:1|2;");
}
END_TEST

START_TEST(test_hr_csv_next_stray_quote_stays_on_its_line)
{
    char out[512];

    /* A quote inside an unquoted field is text, not an opening quote. */
    ck_assert_int_eq(records("h1,h2\nheight 5'11\",x\nnext,y\n", 0, 0, out,
                             sizeof(out)), FTL_DONE);
    ck_assert_str_eq(out, "1:h1|h2;2:height 5'11\"|x;3:next|y;");
    /* "ab"c keeps the text after the closing quote. */
    ck_assert_int_eq(records("\"ab\"c,d\n", 0, 0, out, sizeof(out)),
                     FTL_DONE);
    ck_assert_str_eq(out, "1:abc|d;");
}
END_TEST

START_TEST(test_hr_csv_next_unclosed_quote_eparse)
{
    char out[512];

    ck_assert_int_eq(records("a,b\n1,\"never closed\n2,3\n", 0, 0, out,
                             sizeof(out)), FTL_EPARSE);
    ck_assert_str_eq(out, "1:a|b;");
}
END_TEST

/* A quoted record may span lines, but not more than 1 MiB in all: two
 * lines of 600 KB are refused, naming the line where it began. */
START_TEST(test_hr_csv_next_record_bytes_capped)
{
    size_t n = 600000;
    char *text = malloc(2 * n + 64), out[512];

    ck_assert_ptr_nonnull(text);
    strcpy(text, "a,b\n1,\"");
    memset(text + 7, 'x', n);
    text[7 + n] = '\n';
    memset(text + 8 + n, 'y', n);
    strcpy(text + 8 + 2 * n, "\"\n2,3\n");
    ck_assert_int_eq(records(text, 0, 0, out, sizeof(out)),
                     FTL_EPARSE);
    ck_assert_str_eq(out, "1:a|b;");
    ck_assert_str_eq(last_msg, "record at line 2 longer than 1048576 bytes");
    free(text);
}
END_TEST

Suite *hr_csv_suite(void)
{
    Suite *s = suite_create("hr_csv");
    TCase *tc = tcase_create("hr_csv_next");

    tcase_add_test(tc, test_hr_csv_next_quoted_fields);
    tcase_add_test(tc, test_hr_csv_next_semicolon_bom_comments);
    tcase_add_test(tc, test_hr_csv_next_stray_quote_stays_on_its_line);
    tcase_add_test(tc, test_hr_csv_next_unclosed_quote_eparse);
    tcase_add_test(tc, test_hr_csv_next_record_bytes_capped);
    suite_add_tcase(s, tc);
    return s;
}
