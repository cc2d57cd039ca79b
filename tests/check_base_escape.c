/*
 * tests/check_base_escape.c - the escapers (base/escape.c)
 *
 * Known strings for each output, then properties over many random byte
 * strings (a fixed seed, so every run sees the same strings): what the
 * CSV escaper writes the CSV reader reads back as the text, the JSON
 * output is one valid JSON string that decodes to the text, the HTML
 * output holds no markup character, no raw control and no invisible
 * character of the input, and the FILE * and ftl_buf forms agree.  (The
 * exporters' own escapers, compared byte for byte here while they
 * existed, are gone: export/ writes through these.)
 *
 * SPDX-License-Identifier: MIT
 */
#define _GNU_SOURCE            /* open_memstream, memmem */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "base/csv.h"
#include "base/escape.h"

/* ---- helpers -------------------------------------------------------- */

/* What a FILE * writer wrote, as a malloc'd string. */
struct mem {
    FILE *fp;
    char *p;
    size_t n;
};

static FILE *mem_open(struct mem *m)
{
    m->p = NULL;
    m->n = 0;
    ck_assert_ptr_nonnull(m->fp = open_memstream(&m->p, &m->n));
    return m->fp;
}

static char *mem_close(struct mem *m)
{
    fclose(m->fp);
    return m->p;
}

static unsigned long long seed;

/* A deterministic generator (Knuth's MMIX LCG). */
static unsigned rnd(void)
{
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    return (unsigned)(seed >> 33);
}

/* A random string of up to 40 pieces, biased to what escapers care
 * about; never NUL (the readers stop at it).  Returns its length. */
static size_t random_text(char *out)
{
    static const char *const pieces[] = {
        ",", "\"", "\r", "\n", "\r\n", "\t", "=", "+", "-", "@", "'", "<",
        ">", "&", "#", "\\", " ", "a", "Z", "0", "\x1b", "\x7f", "\x01",
        "\xc3\xa9", "\xe2\x80\xae", "\xe2\x80\x8b", "\xef\xbb\xbf",
        "\xc2\x85", "\xd8\x9c", "\xf0\x9f\x98\x80", "\xff", "\xc3",
        "\xe2\x82", "\xed\xa0\x80", "\xc0\xaf", "\x80",
    };
    size_t n = 0, k = rnd() % 41, i;

    for (i = 0; i < k; i++) {
        const char *p = pieces[rnd() % (sizeof(pieces) / sizeof(*pieces))];

        memcpy(out + n, p, strlen(p));
        n += strlen(p);
    }
    out[n] = '\0';
    return n;
}

/* s[0..n) as every escaper shows it: invalid bytes as \xNN. */
static char *visible(const char *s, size_t n)
{
    char *out = malloc(4 * n + 1);
    size_t i = 0, o = 0, k;

    ck_assert_ptr_nonnull(out);
    while (i < n) {
        k = ftl_utf8_len((const unsigned char *)s + i, n - i);
        if (k == 0) {
            o += (size_t)sprintf(out + o, "\\x%02X", (unsigned char)s[i]);
            i++;
        } else {
            memcpy(out + o, s + i, k);
            o += k;
            i += k;
        }
    }
    out[o] = '\0';
    return out;
}

static char *csv_of(const char *s, size_t n, unsigned flags)
{
    struct mem m;

    ftl_esc_csv(mem_open(&m), s, n, flags);
    return mem_close(&m);
}

/* The same over a NUL-terminated string. */
static char *csv_s(const char *s, unsigned flags)
{
    return csv_of(s, strlen(s), flags);
}

static char *json_of(const char *s)
{
    struct mem m;

    ftl_esc_json(mem_open(&m), s);
    return mem_close(&m);
}

static char *html_of(const char *s, size_t n, int attr)
{
    struct mem m;

    if (attr)
        ftl_esc_html_attr(mem_open(&m), s, n);
    else
        ftl_esc_html(mem_open(&m), s, n);
    return mem_close(&m);
}

static char *html_s(const char *s, int attr)
{
    return html_of(s, strlen(s), attr);
}

static char *term_of(const char *s)
{
    struct mem m;

    ftl_esc_term(mem_open(&m), s);
    return mem_close(&m);
}

#define EQ_FREE(expr, want)                                                \
    do {                                                                   \
        char *got_ = (expr);                                               \
        ck_assert_str_eq(got_, want);                                      \
        free(got_);                                                        \
    } while (0)

/* ---- known strings -------------------------------------------------- */

START_TEST(test_escape_csv_quotes_neutralises_marks_bytes)
{
    const unsigned F = FTL_ESC_CSV_FORMULA;

    EQ_FREE(csv_s("plain é", F), "plain é");
    EQ_FREE(csv_s("a,b", F), "\"a,b\"");
    EQ_FREE(csv_s("say \"hi\"", F), "\"say \"\"hi\"\"\"");
    EQ_FREE(csv_s("two\r\nlines", F), "\"two\r\nlines\"");
    EQ_FREE(csv_s("=1+1", F), "'=1+1");
    EQ_FREE(csv_s("=1+1", 0), "=1+1");
    EQ_FREE(csv_s("-x,y", F), "\"'-x,y\"");
    EQ_FREE(csv_s("\nx", F), "\"'\nx\"");
    EQ_FREE(csv_s("x=1", F), "x=1");
    EQ_FREE(csv_s("bad\xff\xc3", F), "bad\\xFF\\xC3");
    EQ_FREE(csv_s("", F), "");
    EQ_FREE(csv_of(NULL, 0, F), "");
}
END_TEST

START_TEST(test_escape_json_as_rfc8259)
{
    EQ_FREE(json_of(NULL), "null");
    EQ_FREE(json_of(""), "\"\"");
    EQ_FREE(json_of("a\"b\\c"), "\"a\\\"b\\\\c\"");
    EQ_FREE(json_of("\n\r\t\x01\x1f\x7f"),
            "\"\\n\\r\\t\\u0001\\u001f\\u007f\"");
    EQ_FREE(json_of("é\xe2\x80\xae"), "\"é\xe2\x80\xae\"");
    EQ_FREE(json_of("x\xff"), "\"x\\\\xFF\"");
}
END_TEST

/* Every byte alone, between two letters: printable ASCII but " and \
 * as it is, the rest escaped (the table of the fast path, whole). */
START_TEST(test_escape_json_every_byte)
{
    int c;

    for (c = 1; c < 256; c++) {
        char in[4] = { 'a', (char)c, 'b', 0 }, want[16];
        char *got = json_of(in);

        if (c == '"' || c == '\\')
            snprintf(want, sizeof(want), "\"a\\%cb\"", c);
        else if (c == '\n' || c == '\r' || c == '\t')
            snprintf(want, sizeof(want), "\"a\\%cb\"",
                     c == '\n' ? 'n' : c == '\r' ? 'r' : 't');
        else if (c < 0x20 || c == 0x7f)
            snprintf(want, sizeof(want), "\"a\\u%04xb\"", c);
        else if (c >= 0x80)
            snprintf(want, sizeof(want), "\"a\\\\x%02Xb\"", c);
        else
            snprintf(want, sizeof(want), "\"a%cb\"", c);
        ck_assert_msg(!strcmp(got, want), "byte 0x%02x: %s, not %s", c, got,
                      want);
        free(got);
    }
}
END_TEST

START_TEST(test_escape_html_markup_controls_invisibles)
{
    EQ_FREE(html_s("<a href=\"x\">&'", 0),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
    EQ_FREE(html_s("invoice\xe2\x80\xae" "fdp.exe", 0),
            "invoice[U+202E]fdp.exe");
    EQ_FREE(html_s("a\xe2\x80\x8b" "b\xef\xbb\xbf\xd8\x9c", 0),
            "a[U+200B]b[U+FEFF][U+061C]");
    EQ_FREE(html_s("t\tl\nc\r\x1b\x7f\xc2\x85", 0),
            "t\tl\nc\\x0D\\x1B\\x7F\\xC2\\x85");
    EQ_FREE(html_s("t\tl\n", 1), "t&#9;l&#10;");
    EQ_FREE(html_s("bad\xff\xe2\x82", 1), "bad\\xFF\\xE2\\x82");
    EQ_FREE(html_s("Müller \xf0\x9f\x98\x80", 1),
            "Müller \xf0\x9f\x98\x80");
    EQ_FREE(html_of(NULL, 0, 0), "");
}
END_TEST

START_TEST(test_escape_term_controls_to_question_marks)
{
    EQ_FREE(term_of("a\x1b[1mb\x7f\xc2\x9b" "c"), "a?[1mb??c");
    EQ_FREE(term_of("bad\xff é"), "bad\\xFF é");
    EQ_FREE(term_of("line\nnext"), "line?next");
    EQ_FREE(term_of(NULL), "");
}
END_TEST

START_TEST(test_escape_msg_marks_and_cuts_whole)
{
    char out[64];

    ck_assert_str_eq(ftl_esc_msg(out, sizeof(out), "a\x1b[1m\xff\xc3\xa9", 8),
                     "a\\x1B[1m\\xFF\xc3\xa9");
    ck_assert_str_eq(ftl_esc_msg(out, 4, "abcdef", 6), "abc");
    /* Never half a character, never half an escape. */
    ck_assert_str_eq(ftl_esc_msg(out, 3, "a\xc3\xa9", 3), "a");
    ck_assert_str_eq(ftl_esc_msg(out, 5, "a\x01", 2), "a");
    ck_assert_str_eq(ftl_esc_msg(out, 6, "a\x01", 2), "a\\x01");
    ck_assert_str_eq(ftl_esc_msg(out, sizeof(out), "tab\there", 8),
                     "tab\\x09here");
    ck_assert_str_eq(ftl_esc_msg(out, 1, "abc", 3), "");
}
END_TEST

START_TEST(test_escape_buf_cap_leaves_clean_prefix)
{
    struct ftl_buf b;

    ftl_buf_init(&b, 6);
    ck_assert_int_eq(ftl_esc_json_buf(&b, "abcd"), FTL_OK);  /* "abcd" */
    ck_assert_int_eq(ftl_esc_json_buf(&b, "x"), FTL_DONE);
    ck_assert_str_eq(ftl_buf_str(&b), "\"abcd\"");
    ftl_buf_release(&b);
    ftl_buf_init(&b, 0);
    ck_assert_int_eq(ftl_esc_csv_buf(&b, "=a,b", 4, FTL_ESC_CSV_FORMULA),
                     FTL_OK);
    ck_assert_int_eq(ftl_esc_html_buf(&b, "<", 1), FTL_OK);
    ck_assert_int_eq(ftl_esc_html_attr_buf(&b, "\n", 1), FTL_OK);
    ck_assert_str_eq(ftl_buf_str(&b), "\"'=a,b\"&lt;&#10;");
    ftl_buf_release(&b);
}
END_TEST

/* ---- properties over random strings -------------------------------- */

#define ROUNDS 3000

/* Every cell read back by base/csv.c is its text (invalid bytes as
 * \xNN), in strict mode with RFC 4180 line ends: the writer's output is
 * always strict CSV. */
START_TEST(test_escape_csv_reads_back_as_written)
{
    const struct ftl_csv_opts o = { .delim = ',',
                                    .flags = FTL_CSV_STRICT |
                                             FTL_CSV_RFC_EOL };
    static char cells[ROUNDS][256];
    struct ftl_err err = { 0 };
    struct ftl_csv *c;
    struct mem m;
    FILE *fp = mem_open(&m);
    char *text, **f;
    int64_t line;
    int i, nf;

    seed = 4180;
    for (i = 0; i < ROUNDS; i++) {
        size_t n = random_text(cells[i]);

        /* A first cell, so that an empty second one is no blank line. */
        fputs("x,", fp);
        ftl_esc_csv(fp, cells[i], n, 0);
        fputs("\r\n", fp);
    }
    text = mem_close(&m);
    ck_assert_int_eq(ftl_csv_open_mem(&c, &o, text, m.n, &err), FTL_OK);
    for (i = 0; i < ROUNDS; i++) {
        char *want = visible(cells[i], strlen(cells[i]));

        ck_assert_msg(ftl_csv_next(c, &f, &nf, &line, &err) == FTL_OK,
                      "record %d: %s", i, err.msg);
        ck_assert_int_eq(nf, 2);
        ck_assert_str_eq(f[1], want);
        free(want);
    }
    ck_assert_int_eq(ftl_csv_next(c, &f, &nf, &line, &err), FTL_DONE);
    ftl_csv_close(c);
    free(text);
}
END_TEST

/* Decode one JSON string at *p (RFC 8259 grammar, checked strictly) into
 * out; 0 when it is not one. */
static int json_decode(const char **p, char *out)
{
    const char *s = *p;
    size_t o = 0;

    if (*s++ != '"')
        return 0;
    while (*s != '"') {
        unsigned char c = (unsigned char)*s;

        if (c == '\0' || c < 0x20)
            return 0;             /* unescaped control or no end */
        if (c != '\\') {
            out[o++] = *s++;
            continue;
        }
        s++;
        if (strchr("\"\\/", *s) && *s) {
            out[o++] = *s++;
        } else if (*s == 'n' || *s == 'r' || *s == 't') {
            out[o++] = *s == 'n' ? '\n' : *s == 'r' ? '\r' : '\t';
            s++;
        } else if (*s == 'u') {
            unsigned v;

            if (sscanf(s + 1, "%4x", &v) != 1 || v >= 0x80)
                return 0;         /* only ASCII controls are written so */
            out[o++] = (char)v;
            s += 5;
        } else {
            return 0;
        }
    }
    out[o] = '\0';
    *p = s + 1;
    return 1;
}

START_TEST(test_escape_json_decodes_to_the_text)
{
    char s[256], dec[1024];
    int i;

    seed = 8259;
    for (i = 0; i < ROUNDS; i++) {
        size_t n = random_text(s);
        char *js = json_of(s), *want = visible(s, n);
        const char *p = js;
        struct ftl_buf b = { 0 };

        ck_assert_msg(json_decode(&p, dec) && *p == '\0', "not JSON: %s",
                      js);
        ck_assert(ftl_utf8_valid((const unsigned char *)js, strlen(js),
                                 NULL));
        ck_assert_str_eq(dec, want);
        ck_assert_int_eq(ftl_esc_json_buf(&b, s), FTL_OK);
        ck_assert_str_eq(ftl_buf_str(&b), js);
        ftl_buf_release(&b);
        free(js);
        free(want);
    }
}
END_TEST

/* No '<', '>', '"' or '\'' of the input, no raw control but tab and LF
 * (none at all in an attribute), no raw invisible character. */
static void html_is_inert(const char *h, int attr)
{
    static const char *const invisible[] = {
        "\xe2\x80\xaa", "\xe2\x80\xab", "\xe2\x80\xac", "\xe2\x80\xad",
        "\xe2\x80\xae", "\xe2\x81\xa6", "\xe2\x81\xa7", "\xe2\x81\xa8",
        "\xe2\x81\xa9", "\xe2\x80\x8e", "\xe2\x80\x8f", "\xd8\x9c",
        "\xe2\x80\x8b", "\xe2\x80\x8c", "\xe2\x80\x8d", "\xe2\x81\xa0",
        "\xef\xbb\xbf",
    };
    const unsigned char *p;
    size_t i;

    ck_assert_ptr_null(strpbrk(h, "<>\"'"));
    for (p = (const unsigned char *)h; *p; p++)
        ck_assert_msg(*p >= 0x20 || (!attr && (*p == '\t' || *p == '\n')),
                      "raw control %02x in '%s'", *p, h);
    for (p = (const unsigned char *)h; *p; p++)
        ck_assert_msg(*p != 0x7f && (p[0] != 0xc2 || p[1] < 0x80 ||
                                     p[1] > 0x9f), "raw DEL or C1 in '%s'",
                      h);
    for (i = 0; i < sizeof(invisible) / sizeof(*invisible); i++)
        ck_assert_ptr_null(strstr(h, invisible[i]));
    ck_assert(ftl_utf8_valid((const unsigned char *)h, strlen(h), NULL));
    /* every '&' starts a reference */
    for (p = (const unsigned char *)strchr(h, '&'); p;
         p = (const unsigned char *)strchr((const char *)p + 1, '&'))
        ck_assert(strncmp((const char *)p, "&amp;", 5) == 0 ||
                  strncmp((const char *)p, "&lt;", 4) == 0 ||
                  strncmp((const char *)p, "&gt;", 4) == 0 ||
                  strncmp((const char *)p, "&quot;", 6) == 0 ||
                  strncmp((const char *)p, "&#39;", 5) == 0 ||
                  strncmp((const char *)p, "&#9;", 4) == 0 ||
                  strncmp((const char *)p, "&#10;", 5) == 0);
}

START_TEST(test_escape_html_of_any_bytes_is_inert)
{
    char s[256];
    int i, attr;

    seed = 1866;
    for (i = 0; i < ROUNDS; i++) {
        size_t n = random_text(s);

        for (attr = 0; attr < 2; attr++) {
            char *h = html_of(s, n, attr);
            struct ftl_buf b = { 0 };

            html_is_inert(h, attr);
            ck_assert_int_eq(attr ? ftl_esc_html_attr_buf(&b, s, n)
                                  : ftl_esc_html_buf(&b, s, n), FTL_OK);
            ck_assert_str_eq(ftl_buf_str(&b), h);
            ftl_buf_release(&b);
            free(h);
        }
    }
}
END_TEST

/* ---- CSS strings ---------------------------------------------------- */

static char *css_of(const char *s, size_t n)
{
    struct mem m;

    ftl_esc_css_str(mem_open(&m), s, n);
    return mem_close(&m);
}

START_TEST(test_escape_css_string_cannot_close_style)
{
    static const struct { const char *in, *want; } cases[] = {
        { "CASE-2023/17 (draft)", "CASE-2023/17 (draft)" },
        { "a\"b", "a\\000022b" },
        { "</style>", "\\00003C/style\\00003E" },
        { "x\\y", "x\\00005Cy" },
        { "q'r&s", "q\\000027r\\000026s" },
        { "\xc3\xa9t\xc3\xa9", "\xc3\xa9t\xc3\xa9" },
        /* invisible and control characters: visible text, escaped */
        { "a\xe2\x80\xae" "b", "a[U+202E]b" },
        { "\x01", "\\00005Cx01" },
        { "\xff", "\\00005CxFF" },
        { "\n", "\\00005Cx0A" },
    };
    size_t i;
    char *got;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        got = css_of(cases[i].in, strlen(cases[i].in));
        ck_assert_msg(strcmp(got, cases[i].want) == 0, "css(%s): got %s",
                      cases[i].in, got);
        free(got);
    }
}
END_TEST

/* Whatever the bytes, the output holds no quote, backslash that is not
 * an escape, '<', control or invisible character, and the buffer form
 * writes the same bytes. */
START_TEST(test_escape_css_of_any_bytes_is_inert)
{
    char in[400], *got;
    struct ftl_buf b;
    size_t n, j;
    int k;

    seed = 7;
    for (k = 0; k < 2000; k++) {
        n = random_text(in);
        got = css_of(in, n);
        for (j = 0; got[j]; j++) {
            unsigned char c = (unsigned char)got[j];

            ck_assert(c >= 0x20 && c != 0x7f && c != '"' && c != '\'' &&
                      c != '<' && c != '>' && c != '&');
            if (c == '\\')
                ck_assert(strspn(got + j + 1, "0123456789ABCDEF") >= 6);
        }
        ck_assert_ptr_null(strstr(got, "\xe2\x80\xae"));
        ck_assert_ptr_null(strstr(got, "\xe2\x80\x8b"));
        ck_assert_ptr_null(strstr(got, "\xc2\x85"));
        ftl_buf_init(&b, 0);
        ftl_esc_css_str_buf(&b, in, n);
        ck_assert_str_eq(ftl_buf_str(&b), got);
        ftl_buf_release(&b);
        free(got);
    }
}
END_TEST

Suite *base_escape_suite(void)
{
    Suite *s = suite_create("base_escape");
    TCase *tc = tcase_create("ftl_esc");

    tcase_add_test(tc, test_escape_csv_quotes_neutralises_marks_bytes);
    tcase_add_test(tc, test_escape_json_as_rfc8259);
    tcase_add_test(tc, test_escape_json_every_byte);
    tcase_add_test(tc, test_escape_html_markup_controls_invisibles);
    tcase_add_test(tc, test_escape_css_string_cannot_close_style);
    tcase_add_test(tc, test_escape_css_of_any_bytes_is_inert);
    tcase_add_test(tc, test_escape_term_controls_to_question_marks);
    tcase_add_test(tc, test_escape_msg_marks_and_cuts_whole);
    tcase_add_test(tc, test_escape_buf_cap_leaves_clean_prefix);
    suite_add_tcase(s, tc);
    tc = tcase_create("properties");
    tcase_add_test(tc, test_escape_csv_reads_back_as_written);
    tcase_add_test(tc, test_escape_json_decodes_to_the_text);
    tcase_add_test(tc, test_escape_html_of_any_bytes_is_inert);
    suite_add_tcase(s, tc);
    return s;
}
