/*
 * tests/check_base_csv.c - RFC 4180 records (base/csv.c)
 *
 * The register's reading (lenient, LF lines, the caps of base/limits.h)
 * and the indicator packs' (strict, RFC 4180 line ends, named messages),
 * both through the pull reader and over memory; input is handed out a
 * few bytes at a time too, so that every line end falls on a block
 * boundary somewhere.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "base/csv.h"
#include "base/limits.h"

/* The register's options (collectors/hr/csv.c). */
static const struct ftl_csv_opts reg = {
    .line_max = FTL_LIMIT_CSV_LINE,
    .record_max = FTL_LIMIT_CSV_RECORD,
    .lines_max = FTL_LIMIT_CSV_RECORD_LINES,
};

/* A pull reader over a string: 'step' bytes at a time (0: all), and a
 * read error after 'fail_at' bytes (0: none). */
struct src {
    const char *p;
    size_t n, off, step, fail_at;
};

static ssize_t src_read(void *arg, void *buf, size_t n, struct ftl_err *err)
{
    struct src *s = arg;

    if (s->fail_at && s->off >= s->fail_at)
        return ftl_err_set(err, FTL_EIO, "mem: damaged at %zu", s->off), -1;
    if (s->step && n > s->step)
        n = s->step;
    if (s->fail_at && n > s->fail_at - s->off)
        n = s->fail_at - s->off;
    if (n > s->n - s->off)
        n = s->n - s->off;
    memcpy(buf, s->p + s->off, n);
    s->off += n;
    return (ssize_t)n;
}

/* The message of the last records() call. */
static char last_msg[sizeof(((struct ftl_err *)0)->msg)];

/* All records of 'text' as "line:f1|f2|...;" and the final code, read
 * with the options o (and delim, flags) 'step' bytes at a time. */
static int records_o(const struct ftl_csv_opts *o, const char *text,
                     size_t step, char *out, size_t outsz)
{
    struct src s = { text, strlen(text), 0, step, 0 };
    struct ftl_err err = { 0 };
    struct ftl_csv *c;
    char **f;
    int nf, i, rc;
    int64_t line;

    out[0] = '\0';
    ck_assert_int_eq(ftl_csv_open(&c, o, src_read, &s, &err), FTL_OK);
    while ((rc = ftl_csv_next(c, &f, &nf, &line, &err)) == FTL_OK) {
        size_t n = strlen(out);

        n += (size_t)snprintf(out + n, outsz - n, "%lld:", (long long)line);
        for (i = 0; i < nf && n < outsz; i++)
            n += (size_t)snprintf(out + n, outsz - n, "%s%s", i ? "|" : "",
                                  f[i]);
        if (n < outsz)
            snprintf(out + n, outsz - n, ";");
    }
    snprintf(last_msg, sizeof(last_msg), "%s", err.msg);
    ftl_csv_close(c);
    return rc;
}

/* The register's reading with a delimiter (0: guessed) and comments
 * everywhere (1) or only before the first record (0); every text is
 * read whole and one byte at a time, which must agree. */
static int records(const char *text, char delim, int comments, char *out,
                   size_t outsz)
{
    struct ftl_csv_opts o = reg;
    char *again = malloc(outsz), msg[sizeof(last_msg)];
    int rc, rc1;

    ck_assert_ptr_nonnull(again);
    o.delim = delim;
    o.flags = comments ? FTL_CSV_COMMENTS : FTL_CSV_HEAD_COMMENTS;
    rc1 = records_o(&o, text, 1, again, outsz);
    snprintf(msg, sizeof(msg), "%s", last_msg);
    rc = records_o(&o, text, 0, out, outsz);
    ck_assert_int_eq(rc, rc1);
    ck_assert_str_eq(out, again);
    ck_assert_str_eq(last_msg, msg);
    free(again);
    return rc;
}

START_TEST(test_csv_next_quoted_fields)
{
    char out[512];

    ck_assert_int_eq(records("a,b,c\r\n1,\"x, y\",\"say \"\"hi\"\"\"\r\n"
                             "2,\"two\nlines\",\r\n\r\n3,,z\r\n", 0, 0, out,
                             sizeof(out)), FTL_DONE);
    ck_assert_str_eq(out, "1:a|b|c;2:1|x, y|say \"hi\";3:2|two\nlines|;"
                     "6:3||z;");
    /* LF lines: a CRLF inside a quoted field is read as LF. */
    ck_assert_int_eq(records("\"a\r\nb\",c\r\n", 0, 0, out, sizeof(out)),
                     FTL_DONE);
    ck_assert_str_eq(out, "1:a\nb|c;");
}
END_TEST

START_TEST(test_csv_next_semicolon_bom_comments)
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

START_TEST(test_csv_next_stray_quote_stays_on_its_line)
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

START_TEST(test_csv_next_unclosed_quote_eparse)
{
    char out[512];

    ck_assert_int_eq(records("a,b\n1,\"never closed\n2,3\n", 0, 0, out,
                             sizeof(out)), FTL_EPARSE);
    ck_assert_str_eq(out, "1:a|b;");
    ck_assert_str_eq(last_msg, "quoted field opened at line 2 is not "
                     "closed at the end of the file");
}
END_TEST

/* A quoted record may span lines, but not more than 1 MiB in all: two
 * lines of 600 KB are refused, naming the line where it began. */
START_TEST(test_csv_next_record_bytes_capped)
{
    size_t n = 600000;
    char *text = malloc(2 * n + 64), out[512];

    ck_assert_ptr_nonnull(text);
    strcpy(text, "a,b\n1,\"");
    memset(text + 7, 'x', n);
    text[7 + n] = '\n';
    memset(text + 8 + n, 'y', n);
    strcpy(text + 8 + 2 * n, "\"\n2,3\n");
    ck_assert_int_eq(records_o(&reg, text, 0, out, sizeof(out)),
                     FTL_EPARSE);
    ck_assert_str_eq(out, "1:a|b;");
    ck_assert_str_eq(last_msg, "record at line 2 longer than 1048576 bytes");
    free(text);
}
END_TEST

/* A line past the cap fails before it is parsed, whatever it holds; a
 * line of exactly the cap, CR dropped, is read. */
START_TEST(test_csv_next_line_and_lines_capped)
{
    struct ftl_csv_opts o = { .line_max = 8, .lines_max = 3 };
    char out[512];

    ck_assert_int_eq(records_o(&o, "12345678\r\n123456789\n", 0, out,
                               sizeof(out)), FTL_EPARSE);
    ck_assert_str_eq(out, "1:12345678;");
    ck_assert_str_eq(last_msg, "line 2 longer than 8 bytes");
    /* Longer than the line buffer holds: the same, on the same line. */
    ck_assert_int_eq(records_o(&o, "a\n1234567890123\n", 0, out,
                               sizeof(out)), FTL_EPARSE);
    ck_assert_str_eq(last_msg, "line 2 longer than 8 bytes");
    ck_assert_int_eq(records_o(&o, "a\n\"1\n2\n3\n4\"\n", 0, out,
                               sizeof(out)), FTL_EPARSE);
    ck_assert_str_eq(out, "1:a;");
    ck_assert_str_eq(last_msg, "quoted field opened at line 2 runs over 3 "
                     "lines");
    o.name = "p.csv";
    o.fields_max = 2;
    ck_assert_int_eq(records_o(&o, "a,b\na,b,c\n", 0, out, sizeof(out)),
                     FTL_EPARSE);
    ck_assert_str_eq(last_msg, "p.csv:2: more than 2 fields");
}
END_TEST

/* The strict errors in both styles: "line N: ..." for a caller that
 * names the file, "NAME:N: ..." when the reader has the name. */
START_TEST(test_csv_next_strict_errors_name_line)
{
    struct ftl_csv_opts o = { .delim = ',', .flags = FTL_CSV_STRICT };
    char out[512];

    ck_assert_int_eq(records_o(&o, "a,b\nx,y\"z\n", 0, out, sizeof(out)),
                     FTL_EPARSE);
    ck_assert_str_eq(last_msg, "line 2: quote inside an unquoted field "
                     "(quote the whole field and double the quote)");
    ck_assert_int_eq(records_o(&o, "a\n\"x\"y\n", 0, out, sizeof(out)),
                     FTL_EPARSE);
    ck_assert_str_eq(last_msg, "line 2: unexpected text after a closing "
                     "quote");
    o.flags |= FTL_CSV_RFC_EOL;
    o.name = "p.csv";
    ck_assert_int_eq(records_o(&o, "a\n\"x\ny\"y\n", 0, out, sizeof(out)),
                     FTL_EPARSE);
    ck_assert_str_eq(last_msg, "p.csv:3: unexpected text after a closing "
                     "quote");
    ck_assert_int_eq(records_o(&o, "a\n\"x\n", 0, out, sizeof(out)),
                     FTL_EPARSE);
    ck_assert_str_eq(last_msg, "p.csv:2: quoted field is not closed");
}
END_TEST

START_TEST(test_csv_next_nul_byte)
{
    struct ftl_csv_opts o = { .delim = ',', .flags = FTL_CSV_STRICT };
    struct ftl_err err = { 0 };
    struct ftl_csv *c;
    char **f;
    int nf;
    int64_t line;

    ck_assert_int_eq(ftl_csv_open_mem(&c, &o, "a\nb\0c\n", 6, &err), FTL_OK);
    ck_assert_int_eq(ftl_csv_next(c, &f, &nf, &line, &err), FTL_OK);
    ck_assert_int_eq(ftl_csv_next(c, &f, &nf, &line, &err), FTL_EPARSE);
    ck_assert_str_eq(err.msg, "line 2: NUL byte");
    ck_assert_int_eq(ftl_csv_lineno(c), 2);
    ftl_csv_close(c);
    o.name = "p.csv";
    ck_assert_int_eq(ftl_csv_open_mem(&c, &o, "\0", 1, &err), FTL_OK);
    ck_assert_int_eq(ftl_csv_next(c, &f, &nf, &line, &err), FTL_EPARSE);
    ck_assert_str_eq(err.msg, "p.csv:1: NUL byte in the text");
    ftl_csv_close(c);
    /* Lenient: kept, the field ends there as a C string. */
    o.flags = 0;
    ck_assert_int_eq(ftl_csv_open_mem(&c, &o, "b\0c,d", 5, &err), FTL_OK);
    ck_assert_int_eq(ftl_csv_next(c, &f, &nf, &line, &err), FTL_OK);
    ck_assert_int_eq(nf, 2);
    ck_assert_str_eq(f[0], "b");
    ck_assert_str_eq(f[1], "d");
    ftl_csv_close(c);
}
END_TEST

/* RFC 4180 line ends: CRLF, LF and a bare CR end a record; inside a
 * quoted field they are data, as written, and lines are counted as the
 * packs count them (a bare CR in a field is no new line). */
START_TEST(test_csv_next_rfc_line_ends)
{
    struct ftl_csv_opts o = { .delim = ',',
                              .flags = FTL_CSV_STRICT | FTL_CSV_RFC_EOL };
    char out[512];
    size_t step;

    for (step = 0; step < 4; step++) {
        ck_assert_int_eq(records_o(&o, "a,b\r1,\"x\r\ny\"\r\n2,\"p\rq\"\n"
                                   "\r\n3,z\r4,\"w\n", step, out,
                                   sizeof(out)), FTL_EPARSE);
        ck_assert_str_eq(out, "1:a|b;2:1|x\r\ny;4:2|p\rq;6:3|z;");
        ck_assert_str_eq(last_msg, "quoted field opened at line 7 is not "
                         "closed at the end of the file");
    }
}
END_TEST

/* A read error comes after the lines read before it. */
START_TEST(test_csv_next_read_error_after_lines)
{
    const char *text = "a,b\n1,2\n3,4";
    struct src s = { text, strlen(text), 0, 0, 10 };
    struct ftl_err err = { 0 };
    struct ftl_csv *c;
    char **f;
    int nf;
    int64_t line;

    ck_assert_int_eq(ftl_csv_open(&c, &reg, src_read, &s, &err), FTL_OK);
    ck_assert_int_eq(ftl_csv_next(c, &f, &nf, &line, &err), FTL_OK);
    ck_assert_int_eq(ftl_csv_next(c, &f, &nf, &line, &err), FTL_OK);
    /* "3," was read before the damage: a record of its own. */
    ck_assert_int_eq(ftl_csv_next(c, &f, &nf, &line, &err), FTL_OK);
    ck_assert_int_eq(nf, 2);
    ck_assert_str_eq(f[0], "3");
    ck_assert_int_eq(ftl_csv_next(c, &f, &nf, &line, &err), FTL_EIO);
    ck_assert_str_eq(err.msg, "mem: damaged at 10");
    ftl_csv_close(c);
}
END_TEST

Suite *base_csv_suite(void)
{
    Suite *s = suite_create("base_csv");
    TCase *tc = tcase_create("ftl_csv_next");

    tcase_add_test(tc, test_csv_next_quoted_fields);
    tcase_add_test(tc, test_csv_next_semicolon_bom_comments);
    tcase_add_test(tc, test_csv_next_stray_quote_stays_on_its_line);
    tcase_add_test(tc, test_csv_next_unclosed_quote_eparse);
    tcase_add_test(tc, test_csv_next_record_bytes_capped);
    tcase_add_test(tc, test_csv_next_line_and_lines_capped);
    tcase_add_test(tc, test_csv_next_strict_errors_name_line);
    tcase_add_test(tc, test_csv_next_nul_byte);
    tcase_add_test(tc, test_csv_next_rfc_line_ends);
    tcase_add_test(tc, test_csv_next_read_error_after_lines);
    suite_add_tcase(s, tc);
    return s;
}
