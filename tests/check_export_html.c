/*
 * tests/check_export_html.c - the HTML report (export/html*.c)
 *
 * A scratch case with hostile evidence text (markup, a style end tag, a
 * javascript: URL, bidi override and zero-width characters) in every
 * column the report shows, and analysis rows written as 'ftl analyze'
 * writes them; then the report's text is checked: nothing hostile is
 * left as markup, every id and cross link is there, the sections come in
 * order, the timeline cap keeps every cited event and counts what it
 * leaves out, and each language table is complete.  The same report in a
 * real browser is tests/e2e/t_html.sh.
 *
 * SPDX-License-Identifier: MIT
 */
#define _GNU_SOURCE            /* open_memstream */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "export/export.h"
#include "export/html_int.h"
#include "testutil.h"

#define HOSTILE "<script>alert(1)</script>\"><img src=x onerror=alert(2)>" \
    "</style><b>x</b> javascript:alert(3) inv\xe2\x80\xae" "fdp.exe " \
    "ze\xe2\x80\x8bro"

static char path[128];
static int64_t ev_ids[60];

/* 60 events a minute apart; #10, #20, #30 matched an indicator; the
 * analysis cites #45 (exposure 1) and #50 (the window's end). */
static struct tl_store *make_case(int analysed)
{
    struct tl_store *st = tu_case_open("html", path);
    struct tl_evidence ev = { 0 };
    struct tl_event e = { 0 };
    struct tl_person p = { 0 };
    struct ftl_err err = { 0 };
    char loc[256];
    int64_t id, dup;
    int i;

    ck_assert_int_eq(tl_case_set(st, "name", "CASE " HOSTILE, &err), 0);
    ev.kind = "bodyfile";
    ev.path = "/evidence/" HOSTILE ".body";
    ev.size = 10;
    ck_assert_int_eq(tl_evidence_begin(st, &ev, &id, &err), 0);
    for (i = 0; i < 60; i++) {
        snprintf(loc, sizeof(loc), "line %d " HOSTILE, i + 1);
        e.ts = 1684400000LL * TL_NS_PER_SEC + i * 60 * TL_NS_PER_SEC;
        e.ts_desc = "Content Modification Time";
        e.source = "FILE";
        e.artifact = "fs:file";
        e.evidence_id = id;
        e.locator = loc;
        e.message = "/tmp/" HOSTILE;
        e.flags = (i + 1) % 10 == 0 && i < 30 ? TL_F_IOC : 0;
        ck_assert_int_eq(tl_event_add(st, &e, &ev_ids[i], &err), 0);
    }
    ck_assert_int_eq(ev_ids[0], 1);     /* the SQL below cites ids */
    ck_assert_int_eq(tl_evidence_end(st, id, "ab12", NULL, TL_EV_COMPLETE,
                                     &dup, &err), 0);
    p.name = "Anna " HOSTILE;
    p.employee_no = "E1";
    p.emails = "anna@example.org";
    ck_assert_int_eq(tl_person_add(st, &p, NULL, &err), 0);
    p.name = "Bert Other";
    p.employee_no = "E2";
    p.emails = "bert@example.org";
    ck_assert_int_eq(tl_person_add(st, &p, NULL, &err), 0);
    if (!analysed)
        return st;
    tu_one(st, "INSERT INTO analysis VALUES('options', '" HOSTILE "')");
    tu_one(st, "INSERT INTO analysis_window VALUES('start', "
           "1684400000000000000, 'indicator', 'file " HOSTILE "', '10')");
    tu_one(st, "INSERT INTO analysis_window VALUES('end', "
           "1684402940000000000, 'last-activity', 'x', '50')");
    tu_one(st, "INSERT INTO analysis_warnings(kind, message, event_ids) "
           "VALUES('k', 'w " HOSTILE "', '10 30')");
    tu_one(st, "INSERT INTO clock_offsets(host_a, host_b, offset_seconds, "
           "spread_seconds, pairs, method, applied, note) VALUES('"
           HOSTILE "', 'mx', 4.5, 0.5, 3, 'one-way', 1, '" HOSTILE "')");
    tu_one(st, "INSERT INTO exposures VALUES(1, 1, 'E1', 'Anna " HOSTILE
           "', '" HOSTILE "', 1, 'mail-transit', 'accessible', 'strong', "
           "1684402700000000000, 1684402700000000000, 1, '45', 0, '"
           HOSTILE "')");
    tu_one(st, "INSERT INTO exposures VALUES(2, 2, 'E2', 'Bert Other', "
           "'cv', 0, 'mail-transit', 'accessible', 'weak', "
           "1684402760000000000, 1684402760000000000, 1, '46', 0, 'b')");
    tu_one(st, "INSERT INTO exposure_summary VALUES(1, 'E1', 'Anna', '"
           HOSTILE "', 1, 0, 'strong', 1, 2, 1, 1)");
    tu_one(st, "INSERT INTO exposure_summary VALUES(2, 'E2', 'Bert', "
           "'cv', 0, 0, 'weak', 1, 2, 1, 1)");
    tu_one(st, "INSERT INTO exposure_figures VALUES('" HOSTILE
           "', 1, 0, 1, 1, 0)");
    tu_one(st, "INSERT INTO exposure_figures VALUES('*', 1, 0, 2, 2, 1)");
    return st;
}

/* The report of 'st' with options 'o' as a malloc'd string; *rc and
 * *rows receive what exp_html() gave. */
static char *report(struct tl_store *st, const struct exp_opts *o, int *rc,
                    int64_t *rows)
{
    struct ftl_err err = { 0 };
    char *p = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&p, &n);

    ck_assert_ptr_nonnull(f);
    *rc = exp_html(st, f, o, rows, &err);
    fclose(f);
    return p;
}

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;

    while ((hay = strstr(hay, needle)) != NULL) {
        n++;
        hay += strlen(needle);
    }
    return n;
}

START_TEST(test_html_hostile_text_stays_text)
{
    struct tl_store *st = make_case(1);
    struct exp_opts o = { 0 };
    int rc;
    int64_t rows;
    char *r;

    o.classification = "SECRET " HOSTILE;
    o.authority = HOSTILE;
    r = report(st, &o, &rc, &rows);
    ck_assert_int_eq(rc, 0);
    ck_assert_int_eq(count(r, "<script"), 0);
    ck_assert_int_eq(count(r, "<img"), 0);
    ck_assert_int_eq(count(r, "<b>x"), 0);
    ck_assert_int_eq(count(r, "<style>"), 1);
    ck_assert_int_eq(count(r, "</style>"), 1);
    ck_assert_int_eq(count(r, "href=\"javascript"), 0);
    ck_assert_int_eq(count(r, "\xe2\x80\xae"), 0);    /* U+202E */
    ck_assert_int_eq(count(r, "\xe2\x80\x8b"), 0);    /* U+200B */
    ck_assert(count(r, "&lt;script&gt;alert(1)&lt;/script&gt;") > 60);
    ck_assert(count(r, "&quot;&gt;&lt;img src=x onerror=alert(2)&gt;") > 60);
    ck_assert(count(r, "inv[U+202E]fdp.exe") > 60);
    ck_assert(count(r, "ze[U+200B]ro") > 60);
    /* the case id in the print footer is a CSS string that cannot end
     * the style element */
    ck_assert_ptr_nonnull(strstr(r, "\\00003Cscript\\00003E"));
    free(r);
    tu_case_close(st, path);
}
END_TEST

START_TEST(test_html_ids_links_and_section_order)
{
    static const char *const order[] = {
        "id=\"case\"", "id=\"summary\"", "id=\"window\"", "id=\"clocks\"",
        "id=\"exposure\"", "id=\"figures\"", "id=\"evidence\"",
        "id=\"timeline\"", "id=\"chart\"", "id=\"method\"",
    };
    struct tl_store *st = make_case(1);
    struct exp_opts o = { 0 };
    const char *at, *prev;
    char want[64];
    int rc, i;
    int64_t rows;
    char *r = report(st, &o, &rc, &rows);

    ck_assert_int_eq(rc, 0);
    for (prev = r, i = 0; i < (int)(sizeof(order) / sizeof(*order)); i++) {
        ck_assert_msg((at = strstr(r, order[i])) != NULL, "%s", order[i]);
        ck_assert_msg(at > prev, "%s out of order", order[i]);
        prev = at;
    }
    ck_assert_ptr_nonnull(strstr(r, "<tbody id=\"person-1\">"));
    ck_assert_ptr_nonnull(strstr(r, "<tr id=\"exposure-1\">"));
    ck_assert_ptr_nonnull(strstr(r, "<tr id=\"evidence-1\">"));
    for (i = 0; i < 60; i++) {
        snprintf(want, sizeof(want), "<tr id=\"ev-%lld\"",
                 (long long)ev_ids[i]);
        ck_assert_msg(strstr(r, want) != NULL, "%s", want);
    }
    /* exposure -> its event, event -> its exposure, event -> evidence */
    snprintf(want, sizeof(want), "href=\"#ev-%lld\"", (long long)ev_ids[44]);
    ck_assert_ptr_nonnull(strstr(strstr(r, "id=\"exposure-1\""), want));
    snprintf(want, sizeof(want), "<tr id=\"ev-%lld\"", (long long)ev_ids[44]);
    at = strstr(r, want);
    ck_assert_ptr_nonnull(strstr(at, "href=\"#exposure-1\""));
    ck_assert(strstr(at, "href=\"#exposure-1\"") < strstr(at, "</tr>"));
    ck_assert(strstr(at, "href=\"#evidence-1\"") < strstr(at, "</tr>"));
    ck_assert_ptr_nonnull(strstr(r, "href=\"#person-1\""));
    ck_assert_int_eq(rows, 60);
    /* the chart's table: 60 FILE events, all on one day */
    ck_assert_ptr_nonnull(strstr(r, "<tr><th scope=\"row\">FILE</th>"
                                 "<td class=\"num\">60</td>"
                                 "<td>2023-05-18 (60)</td>"));
    free(r);
    tu_case_close(st, path);
}
END_TEST

/* What a row of the timeline holds, counted. */
static int shown(const char *r, int64_t id)
{
    char want[64];

    snprintf(want, sizeof(want), "<tr id=\"ev-%lld\"", (long long)id);
    return strstr(r, want) != NULL;
}

START_TEST(test_html_max_events_keeps_cited_counts_left_out)
{
    struct tl_store *st = make_case(1);
    struct exp_opts o = { 0 };
    int rc, i, n = 0;
    int64_t rows;
    char *r;

    o.max_events = 5;
    o.has_max_events = 1;
    r = report(st, &o, &rc, &rows);
    ck_assert_int_eq(rc, 0);
    for (i = 0; i < 60; i++)
        n += shown(r, ev_ids[i]);
    /* 5 others, the first in time, and the 6 the indicators and the
     * analysis name: #10 #20 #30 (indicator), #45 and #46 (exposures),
     * #50 (the window's end) */
    ck_assert_int_eq(n, 11);
    ck_assert_int_eq(rows, 11);
    for (i = 0; i < 5; i++)
        ck_assert(shown(r, ev_ids[i]));
    ck_assert(shown(r, ev_ids[9]) && shown(r, ev_ids[19]) &&
              shown(r, ev_ids[29]) && shown(r, ev_ids[44]) &&
              shown(r, ev_ids[45]) && shown(r, ev_ids[49]));
    ck_assert(!shown(r, ev_ids[5]) && !shown(r, ev_ids[59]));
    /* 49 left out, from the 6th event's second to the last one's */
    ck_assert_ptr_nonnull(strstr(r, "49 other events between "
                                 "2023-05-18T08:58:20Z and "
                                 "2023-05-18T09:52:20.999999999Z"));
    ck_assert_ptr_nonnull(strstr(r, "--from 2023-05-18T08:58:20Z"));
    free(r);
    o.max_events = 0;
    r = report(st, &o, &rc, &rows);
    ck_assert_int_eq(rows, 6);
    ck_assert_ptr_nonnull(strstr(r, "54 other events"));
    free(r);
    o.has_max_events = 0;        /* the default shows all 60 */
    r = report(st, &o, &rc, &rows);
    ck_assert_int_eq(rows, 60);
    ck_assert_ptr_nonnull(strstr(r, "Every event in the report"));
    free(r);
    tu_case_close(st, path);
}
END_TEST

START_TEST(test_html_person_filter)
{
    struct tl_store *st = make_case(1);
    struct exp_opts o = { 0 };
    int rc;
    int64_t rows;
    char *r;

    o.persons[0] = "bert@EXAMPLE.org";
    o.n_persons = 1;
    r = report(st, &o, &rc, &rows);
    ck_assert_int_eq(rc, 0);
    ck_assert_ptr_nonnull(strstr(r, "<tbody id=\"person-2\">"));
    ck_assert_ptr_null(strstr(r, "<tbody id=\"person-1\">"));
    ck_assert_ptr_null(strstr(r, "id=\"exposure-1\""));
    free(r);
    o.persons[0] = "E1";
    r = report(st, &o, &rc, &rows);
    ck_assert_ptr_nonnull(strstr(r, "<tbody id=\"person-1\">"));
    ck_assert_ptr_null(strstr(r, "<tbody id=\"person-2\">"));
    free(r);
    o.persons[0] = "nobody";
    r = report(st, &o, &rc, &rows);
    ck_assert_int_eq(rc, FTL_EUSAGE);
    free(r);
    tu_case_close(st, path);
}
END_TEST

START_TEST(test_html_without_analysis)
{
    struct tl_store *st = make_case(0);
    struct exp_opts o = { 0 };
    int rc;
    int64_t rows;
    char *r = report(st, &o, &rc, &rows);

    ck_assert_int_eq(rc, 0);
    ck_assert_int_eq(rows, 60);
    ck_assert_ptr_nonnull(strstr(r, h_texts[0][T_SUM_NOT_ANALYSED]));
    ck_assert_ptr_null(strstr(r, "id=\"exposure-"));
    ck_assert_ptr_nonnull(strstr(r, "id=\"method\""));
    free(r);
    tu_case_close(st, path);
}
END_TEST

START_TEST(test_html_language)
{
    struct tl_store *st = make_case(1);
    struct exp_opts o = { 0 };
    int rc;
    int64_t rows;
    char *r;

    o.lang = "de";
    r = report(st, &o, &rc, &rows);
    ck_assert_int_eq(rc, 0);
    ck_assert_ptr_nonnull(strstr(r, "<html lang=\"de\">"));
    ck_assert_ptr_nonnull(strstr(r, h_texts[3][T_SEC_WINDOW]));
    ck_assert_ptr_nonnull(strstr(r, "Seite \" counter(page)"));
    free(r);
    o.lang = "xx";
    r = report(st, &o, &rc, &rows);
    ck_assert_int_eq(rc, FTL_EUSAGE);
    free(r);
    tu_case_close(st, path);
}
END_TEST

/* The places {1}..{9} a text holds, as a bit set. */
static unsigned places(const char *s)
{
    unsigned set = 0;

    for (; (s = strchr(s, '{')) != NULL; s++)
        if (s[1] >= '1' && s[1] <= '9' && s[2] == '}')
            set |= 1u << (s[1] - '1');
    return set;
}

START_TEST(test_html_i18n_tables_complete)
{
    int l, t, w;

    ck_assert_int_eq(h_lang_find("en"), 0);
    ck_assert_int_eq(h_lang_find("fr"), 1);
    ck_assert_int_eq(h_lang_find("nl"), 2);
    ck_assert_int_eq(h_lang_find("de"), 3);
    ck_assert_int_eq(h_lang_find("it"), -1);
    for (l = 0; l < H_N_LANGS; l++) {
        for (t = 0; t < T_N_TEXTS; t++) {
            const char *s = h_texts[l][t];

            ck_assert_msg(s && *s, "%s: text %d missing", h_lang_codes[l], t);
            ck_assert_msg(places(s) == places(h_texts[0][t]),
                          "%s: text %d has other places than English: %s",
                          h_lang_codes[l], t, s);
            /* a text is HTML written as it is: only markup ftl chose */
            ck_assert_msg(!strstr(s, "<script") && !strstr(s, "\""),
                          "%s: text %d", h_lang_codes[l], t);
        }
        for (w = 0; w < h_n_words; w++)
            ck_assert_msg(h_words[l][w] && *h_words[l][w] &&
                          !strpbrk(h_words[l][w], "<>&\""),
                          "%s: word %s", h_lang_codes[l], h_vocabulary[w]);
    }
    ck_assert_str_eq(h_word(1, "weak"), "faible");
    ck_assert_ptr_null(h_word(0, "not-a-word"));
}
END_TEST

Suite *export_html_suite(void)
{
    Suite *s = suite_create("export_html");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, test_html_hostile_text_stays_text);
    tcase_add_test(tc, test_html_ids_links_and_section_order);
    tcase_add_test(tc, test_html_max_events_keeps_cited_counts_left_out);
    tcase_add_test(tc, test_html_person_filter);
    tcase_add_test(tc, test_html_without_analysis);
    tcase_add_test(tc, test_html_language);
    tcase_add_test(tc, test_html_i18n_tables_complete);
    suite_add_tcase(s, tc);
    return s;
}
