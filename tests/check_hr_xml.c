/*
 * tests/check_hr_xml.c - the hardened SAX parser (collectors/hr/xml.c) and
 * HR-XML person records (collectors/hr/hrxml.c)
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <string.h>

#include <check.h>

#include "collectors/hr/hr_int.h"

/* Everything the parser reports, as text. */
static char trace[2048];

static void add(const char *fmt, const char *a, size_t n)
{
    size_t k = strlen(trace);

    snprintf(trace + k, sizeof(trace) - k, fmt, (int)n, a);
}

static void t_start(struct hr_xml *x, const char *local, const char *uri,
                    int nattr, const char **attrs)
{
    int i;

    (void)x;
    (void)uri;
    add("<%.*s", local, strlen(local));
    /* Attributes as libxml2 gives them: localname, prefix, URI, value,
     * end of value. */
    for (i = 0; i < nattr; i++)
        if (strcmp(attrs[5 * i], "id") == 0)
            add(" id=%.*s", attrs[5 * i + 3],
                (size_t)(attrs[5 * i + 4] - attrs[5 * i + 3]));
    add(">", "", 0);
}

static void t_end(struct hr_xml *x, const char *local, const char *uri)
{
    (void)x;
    (void)uri;
    add("</%.*s>", local, strlen(local));
}

static void t_text(struct hr_xml *x, const char *s, size_t n)
{
    (void)x;
    add("%.*s", s, n);
}

static int parse(const char *xml, char *why)
{
    struct hr_xml_cb cb = { t_start, t_end, t_text, NULL };

    trace[0] = '\0';
    return hr_xml_parse_mem(&cb, xml, strlen(xml), why, 256);
}

START_TEST(test_hr_xml_parse_elements_text_attrs)
{
    char why[256];

    ck_assert_int_eq(parse("<?xml version=\"1.0\"?>\n<a id=\"1\"><b>x &amp; "
                           "y</b><![CDATA[<raw>]]><c/></a>", why), FTL_OK);
    ck_assert_str_eq(trace, "<a id=1><b>x & y</b><raw><c></c></a>");
    ck_assert_str_eq(why, "");
}
END_TEST

START_TEST(test_hr_xml_parse_billion_laughs_refused)
{
    char why[256];

    ck_assert_int_eq(parse("<?xml version=\"1.0\"?>\n<!DOCTYPE l [\n"
                           "<!ENTITY a \"lol\">\n"
                           "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">\n"
                           "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;\">\n]>\n"
                           "<l>&c;</l>", why), FTL_EPARSE);
    ck_assert_str_eq(trace, "");
    ck_assert_ptr_nonnull(strstr(why, "document type declaration refused"));
    ck_assert_ptr_nonnull(strstr(why, "line 2"));
}
END_TEST

START_TEST(test_hr_xml_parse_xxe_refused)
{
    char why[256];

    ck_assert_int_eq(parse("<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY x"
                           " SYSTEM \"file:///etc/passwd\">]><r>&x;</r>",
                           why), FTL_EPARSE);
    ck_assert_str_eq(trace, "");
    ck_assert_int_eq(parse("<!DOCTYPE r SYSTEM \"http://ftl-test.invalid/"
                           "x.dtd\"><r>a</r>", why), FTL_EPARSE);
    ck_assert_str_eq(trace, "");
}
END_TEST

START_TEST(test_hr_xml_parse_undeclared_entity_not_read)
{
    char why[256];

    ck_assert_int_eq(parse("<r>a&x;b</r>", why), FTL_EPARSE);
    ck_assert_ptr_null(strstr(trace, "b"));
    ck_assert_ptr_nonnull(strstr(why, "line 1"));
}
END_TEST

START_TEST(test_hr_xml_parse_malformed_and_empty)
{
    char why[256];

    ck_assert_int_eq(parse("<a>\n<b></a>", why), FTL_EPARSE);
    ck_assert_str_eq(trace, "<a>\n<b>");
    ck_assert_ptr_nonnull(strstr(why, "line 2"));
    ck_assert_int_eq(parse("", why), FTL_EPARSE);
}
END_TEST

static long fail_read(void *payload, char *buf, size_t n)
{
    int *calls = payload;

    if ((*calls)++ == 0) {
        memcpy(buf, "<a>", n < 3 ? n : 3);
        return n < 3 ? (long)n : 3;
    }
    return -1;
}

START_TEST(test_hr_xml_parse_read_error_eio)
{
    struct hr_xml_cb cb = { t_start, t_end, t_text, NULL };
    char why[256];
    int calls = 0;

    ck_assert_int_eq(hr_xml_parse(&cb, fail_read, &calls, why, sizeof(why)),
                     FTL_EIO);
    ck_assert_str_eq(why, "cannot read the XML");
}
END_TEST

struct mem {
    const char *p;
    size_t n, off;
};

static long mem_read(void *payload, char *buf, size_t n)
{
    struct mem *m = payload;

    if (n > m->n - m->off)
        n = m->n - m->off;
    memcpy(buf, m->p + m->off, n);
    m->off += n;
    return (long)n;
}

/* Person records as "line|record|no|first|last|formatted|emails|dept|
 * role;". */
static char people[2048];

static const char *s_(const char *s)
{
    return s ? s : "-";
}

static int on_person(const struct hr_xperson *p, void *payload)
{
    size_t n = strlen(people);

    (void)payload;
    snprintf(people + n, sizeof(people) - n, "%ld|%s|%s|%s|%s|%s|%s|%s|%s;",
             p->line, p->record, s_(p->employee_no), s_(p->first),
             s_(p->last), s_(p->formatted), s_(p->emails),
             s_(p->department), s_(p->role));
    return 0;
}

START_TEST(test_hr_xml_hrxml_persons_both_styles)
{
    const char *xml =
        "<?xml version=\"1.0\"?>\n"
        "<Register xmlns=\"http://ns.hr-xml.org/2007-04-15\">\n"
        "<PersonRecord><PersonId><IdValue>E1</IdValue></PersonId>"
        "<PersonName><GivenName>Jean</GivenName><GivenName>Pierre"
        "</GivenName><FamilyName>Dupont</FamilyName></PersonName>"
        "<ContactMethod><InternetEmailAddress>jp@x.example"
        "</InternetEmailAddress></ContactMethod>"
        "<DepartmentName>IT</DepartmentName><JobTitle>Dev</JobTitle>"
        "</PersonRecord>\n"
        "<PersonRecord><PersonID>E2</PersonID><PersonName><FormattedName>"
        "Marie Curie</FormattedName></PersonName><Communication><ChannelCode>"
        "Web</ChannelCode><URI>http://x.example</URI></Communication>"
        "<Communication><URI>mailto:mc@x.example</URI></Communication>"
        "<Person><PersonName><FormattedName>Nested</FormattedName>"
        "</PersonName></Person></PersonRecord>\n"
        "</Register>\n";
    struct mem m = { xml, strlen(xml), 0 };
    char why[256];

    people[0] = '\0';
    ck_assert_int_eq(hr_hrxml_persons(mem_read, &m, on_person, NULL, why,
                                      sizeof(why)), FTL_OK);
    /* Given names joined, mailto: dropped, a web URI ignored, a record
     * inside a record not read apart. */
    ck_assert_str_eq(people,
        "3|PersonRecord|E1|Jean Pierre|Dupont|-|jp@x.example|IT|Dev;"
        "4|PersonRecord|E2|-|-|Marie Curie|mc@x.example|-|-;");
}
END_TEST

Suite *hr_xml_suite(void)
{
    Suite *s = suite_create("hr_xml");
    TCase *tc = tcase_create("hr_xml_parse");

    tcase_add_test(tc, test_hr_xml_parse_elements_text_attrs);
    tcase_add_test(tc, test_hr_xml_parse_billion_laughs_refused);
    tcase_add_test(tc, test_hr_xml_parse_xxe_refused);
    tcase_add_test(tc, test_hr_xml_parse_undeclared_entity_not_read);
    tcase_add_test(tc, test_hr_xml_parse_malformed_and_empty);
    tcase_add_test(tc, test_hr_xml_parse_read_error_eio);
    suite_add_tcase(s, tc);
    tc = tcase_create("hr_hrxml_persons");
    tcase_add_test(tc, test_hr_xml_hrxml_persons_both_styles);
    suite_add_tcase(s, tc);
    return s;
}
