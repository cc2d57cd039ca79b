/*
 * tests/check_hr_properties.c - the table-driven property reader
 * (collectors/hr/properties.c): OOXML core and app properties, ODF
 * meta.xml and XMP, and the rules of a table (namespace, depth, the
 * element holding the properties, attributes, items, value caps)
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <string.h>

#include <check.h>

#include "collectors/hr/hr_int.h"

#define NS_DC "http://purl.org/dc/elements/1.1/"

static struct hr_doc doc;
static char why[256];

static void setup(void)
{
    hr_doc_init(&doc, NULL);
    hr_doc_reset(&doc, "x");
}

static void teardown(void)
{
    hr_doc_release(&doc);
}

static int read_part(const struct hr_props_part *part, const char *xml)
{
    return hr_props_read_mem(&doc, part, xml, strlen(xml), why,
                             sizeof(why));
}

static const struct hr_time *time_at(int i)
{
    ck_assert_int_lt(i, doc.ntimes);
    return &doc.times[i];
}

START_TEST(test_hr_properties_read_core_any_prefix)
{
    ck_assert_int_eq(read_part(&hr_props_ooxml_core,
        "<cp:coreProperties xmlns:cp=\"urn:cp\" xmlns:x=\"urn:other\">"
        "<x:title> Payslip </x:title><creator>Jean Dupont</creator>"
        "<cp:lastPrinted>2014-12-13T22:02:42Z</cp:lastPrinted>"
        "</cp:coreProperties>"), FTL_OK);
    ck_assert_str_eq(doc.meta[HR_M_TITLE], "Payslip");
    ck_assert_str_eq(doc.meta[HR_M_AUTHOR], "Jean Dupont");
    ck_assert_int_eq(doc.ntimes, 1);
    ck_assert_str_eq(time_at(0)->desc, "Last Printed Time");
    ck_assert_str_eq(time_at(0)->where, "docProps/core.xml");
    ck_assert_str_eq(time_at(0)->field, "cp:lastPrinted");
    ck_assert_int_eq(time_at(0)->ns, 1418508162LL * TL_NS_PER_SEC);
}
END_TEST

/* Only children of the root are properties: a title deeper down is
 * some other element's. */
START_TEST(test_hr_properties_read_core_children_of_root_only)
{
    ck_assert_int_eq(read_part(&hr_props_ooxml_core,
        "<c><x><title>Deep</title></x><title>Top<b>!</b></title></c>"),
        FTL_OK);
    ck_assert_str_eq(doc.meta[HR_M_TITLE], "Top!");
    hr_doc_reset(&doc, "x");
    ck_assert_int_eq(read_part(&hr_props_ooxml_app,
        "<Properties><Company>Agency</Company><Manager>Marie Curie"
        "</Manager><Title>no</Title></Properties>"), FTL_OK);
    ck_assert_str_eq(doc.meta[HR_M_COMPANY], "Agency");
    ck_assert_str_eq(doc.meta[HR_M_MANAGER], "Marie Curie");
    ck_assert_ptr_null(doc.meta[HR_M_TITLE]);
}
END_TEST

/* ODF: inside office:meta only; Dublin Core's names in its namespace
 * only, ODF's own whatever the namespace. */
START_TEST(test_hr_properties_read_odf_within_meta_and_dc)
{
    ck_assert_int_eq(read_part(&hr_props_odf_meta,
        "<office:document-meta xmlns:office=\"urn:o\" xmlns:meta=\"urn:m\" "
        "xmlns:dc=\"" NS_DC "\" xmlns:old=\"http://openoffice.org/2000/"
        "meta\"><dc:title>Outside</dc:title><office:meta>"
        "<creator>not dc</creator><dc:creator>Hubert</dc:creator>"
        "<old:initial-creator>Élodie</old:initial-creator>"
        "<meta:creation-date>2022-04-03T19:29:38</meta:creation-date>"
        "<meta:user-defined meta:name=\"date\">1999-01-01</meta:user-"
        "defined></office:meta><dc:subject>after</dc:subject>"
        "</office:document-meta>"), FTL_OK);
    ck_assert_ptr_null(doc.meta[HR_M_TITLE]);
    ck_assert_ptr_null(doc.meta[HR_M_SUBJECT]);
    ck_assert_str_eq(doc.meta[HR_M_LASTBY], "Hubert");
    ck_assert_str_eq(doc.meta[HR_M_AUTHOR], "Élodie");
    ck_assert_int_eq(doc.ntimes, 1);
    ck_assert_str_eq(time_at(0)->where, "meta.xml");
    ck_assert_str_eq(time_at(0)->field, "meta:creation-date");
    /* Zone-less, read in UTC here, and flagged. */
    ck_assert_int_eq(time_at(0)->flags & TL_F_TZ_ASSUMED, TL_F_TZ_ASSUMED);
}
END_TEST

/* XMP: times as elements or attributes, creator and title from their
 * first non-empty rdf:li. */
START_TEST(test_hr_properties_read_xmp_attrs_and_items)
{
    ck_assert_int_eq(read_part(&hr_props_xmp,
        "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://"
        "www.w3.org/1999/02/22-rdf-syntax-ns#\"><rdf:Description "
        "xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" xmlns:dc=\"" NS_DC "\" "
        "xmp:ModifyDate=\"2023-02-01T10:00:00Z\" dc:title=\"attr\">"
        "<xmp:CreateDate>2023-01-31T19:00:00+01:00</xmp:CreateDate>"
        "<dc:creator><rdf:Seq><rdf:li> </rdf:li><rdf:li>Marie Curie"
        "</rdf:li><rdf:li>Other</rdf:li></rdf:Seq></dc:creator>"
        "<dc:title><rdf:Alt>ignored<rdf:li xml:lang=\"x-default\">CV"
        "</rdf:li></rdf:Alt></dc:title>"
        "</rdf:Description></rdf:RDF></x:xmpmeta>"), FTL_OK);
    ck_assert_int_eq(doc.ntimes, 2);
    ck_assert_str_eq(time_at(0)->field, "xmp:ModifyDate");
    ck_assert_str_eq(time_at(0)->where, "XMP");
    ck_assert_int_eq(time_at(0)->ns, 1675245600LL * TL_NS_PER_SEC);
    ck_assert_str_eq(time_at(1)->desc, "Creation Time");
    ck_assert_int_eq(time_at(1)->ns, 1675188000LL * TL_NS_PER_SEC);
    ck_assert_str_eq(doc.meta[HR_M_AUTHOR], "Marie Curie");
    ck_assert_str_eq(doc.meta[HR_M_TITLE], "CV");
}
END_TEST

/* A bad time is a note naming the part and the field. */
START_TEST(test_hr_properties_read_bad_time_noted)
{
    ck_assert_int_eq(read_part(&hr_props_ooxml_core,
        "<c><created>yesterday</created></c>"), FTL_OK);
    ck_assert_int_eq(doc.ntimes, 0);
    ck_assert_int_eq(doc.nnotes, 1);
    ck_assert_str_eq(doc.notes[0], "docProps/core.xml: dcterms:created "
                     "'yesterday' is not a time ftl can read");
}
END_TEST

/* A table of one's own: the value cap holds, and a DTD stops the part
 * as everywhere else. */
START_TEST(test_hr_properties_read_own_table_value_cap)
{
    static const struct hr_prop props[] = {
        { "urn:t", "name", HR_PROP_TEXT, HR_M_TITLE, NULL, "t:name" },
        { NULL, NULL, 0, 0, NULL, NULL },
    };
    static const struct hr_props_part part = {
        "test.xml", props, 0, NULL, 0, 4,
    };

    ck_assert_int_eq(read_part(&part, "<r xmlns:t=\"urn:t\"><name>no</name>"
                               "<a><t:name>abcdefgh</t:name></a></r>"),
                     FTL_OK);
    ck_assert_str_eq(doc.meta[HR_M_TITLE], "abcd");
    ck_assert_int_eq(read_part(&part, "<!DOCTYPE r [<!ENTITY x \"y\">]>"
                               "<r/>"), FTL_EPARSE);
    ck_assert_ptr_nonnull(strstr(why, "document type declaration"));
}
END_TEST

Suite *hr_properties_suite(void)
{
    Suite *s = suite_create("hr_properties");
    TCase *tc = tcase_create("hr_props_read");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_hr_properties_read_core_any_prefix);
    tcase_add_test(tc, test_hr_properties_read_core_children_of_root_only);
    tcase_add_test(tc, test_hr_properties_read_odf_within_meta_and_dc);
    tcase_add_test(tc, test_hr_properties_read_xmp_attrs_and_items);
    tcase_add_test(tc, test_hr_properties_read_bad_time_noted);
    tcase_add_test(tc, test_hr_properties_read_own_table_value_cap);
    suite_add_tcase(s, tc);
    return s;
}
