/*
 * tests/check_hrdocs.c - reading HR documents: OOXML, ODF, PDF, HR-XML,
 * text (collectors/hr/doc.c, zip.c, ooxml.c, odf.c, pdf.c, with the
 * properties of properties.c) and the hr collector over a folder
 * (collectors/hr/hrdocs.c, item.c, walk.c, content.c, record.c)
 *
 * The containers are built in memory with libarchive's zip writer and
 * the PDFs by hand with a correct xref table, so every expected value is
 * the one written here.
 *
 * SPDX-License-Identifier: MIT
 */
#define _GNU_SOURCE            /* memmem */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>
#include <check.h>

#include "testutil.h"
#include "collectors/hr/hr_int.h"

/* ---- building documents ---------------------------------------------- */

struct member {
    const char *name;
    const char *data;         /* NULL: 'size' spaces */
    size_t size;
};

/* A zip of the members in buf; returns its size. */
static size_t make_zip(unsigned char *buf, size_t cap,
                       const struct member *m, int n)
{
    struct archive *a = archive_write_new();
    struct archive_entry *e = archive_entry_new();
    size_t used = 0;
    int i;

    ck_assert_int_eq(archive_write_set_format_zip(a), ARCHIVE_OK);
    archive_write_zip_set_compression_deflate(a);
    ck_assert_int_eq(archive_write_open_memory(a, buf, cap, &used),
                     ARCHIVE_OK);
    for (i = 0; i < n; i++) {
        size_t size = m[i].data ? strlen(m[i].data) : m[i].size;

        archive_entry_clear(e);
        archive_entry_set_pathname(e, m[i].name);
        archive_entry_set_filetype(e, AE_IFREG);
        archive_entry_set_perm(e, 0644);
        archive_entry_set_size(e, (la_int64_t)size);
        ck_assert_int_eq(archive_write_header(a, e), ARCHIVE_OK);
        if (m[i].data) {
            ck_assert_int_eq(archive_write_data(a, m[i].data, size),
                             (la_ssize_t)size);
        } else {
            static char spaces[65536];
            size_t k;

            memset(spaces, ' ', sizeof(spaces));
            for (k = 0; k < size; k += sizeof(spaces))
                archive_write_data(a, spaces, size - k < sizeof(spaces)
                                   ? size - k : sizeof(spaces));
        }
    }
    ck_assert_int_eq(archive_write_close(a), ARCHIVE_OK);
    archive_write_free(a);
    archive_entry_free(e);
    return used;
}

/* A one-page PDF with 'info' as its Info dictionary, 'text' on the page
 * and an optional XMP packet; 'xref_shift' moves startxref off. */
static size_t make_pdf(char *buf, size_t cap, const char *info,
                       const char *text, const char *xmp, int xref_shift)
{
    char content[512], obj[8][1024];
    long off[8];
    int n = 0, i, k;
    size_t len;

    snprintf(content, sizeof(content), "BT /F1 12 Tf 50 700 Td (%s) Tj ET",
             text);
    snprintf(obj[n++], sizeof(obj[0]), "<< /Type /Catalog /Pages 2 0 R%s >>",
             xmp ? " /Metadata 7 0 R" : "");
    snprintf(obj[n++], sizeof(obj[0]), "<< /Type /Pages /Kids [3 0 R] "
             "/Count 1 >>");
    snprintf(obj[n++], sizeof(obj[0]), "<< /Type /Page /Parent 2 0 R "
             "/MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font "
             "<< /F1 5 0 R >> >> >>");
    snprintf(obj[n++], sizeof(obj[0]), "<< /Length %zu >>\nstream\n%s\n"
             "endstream", strlen(content), content);
    snprintf(obj[n++], sizeof(obj[0]), "<< /Type /Font /Subtype /Type1 "
             "/BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
    snprintf(obj[n++], sizeof(obj[0]), "<< %s >>", info);
    if (xmp)
        snprintf(obj[n++], sizeof(obj[0]), "<< /Type /Metadata /Subtype "
                 "/XML /Length %zu >>\nstream\n%s\nendstream", strlen(xmp),
                 xmp);
    len = (size_t)snprintf(buf, cap, "%%PDF-1.4\n");
    for (i = 0; i < n; i++) {
        off[i] = (long)len;
        len += (size_t)snprintf(buf + len, cap - len, "%d 0 obj\n%s\n"
                                "endobj\n", i + 1, obj[i]);
    }
    k = (int)len;
    len += (size_t)snprintf(buf + len, cap - len, "xref\n0 %d\n"
                            "0000000000 65535 f \n", n + 1);
    for (i = 0; i < n; i++)
        len += (size_t)snprintf(buf + len, cap - len, "%010ld 00000 n \n",
                                off[i]);
    len += (size_t)snprintf(buf + len, cap - len, "trailer\n<< /Size %d "
                            "/Root 1 0 R /Info 6 0 R >>\nstartxref\n%d\n"
                            "%%%%EOF\n", n + 1, k + xref_shift);
    ck_assert_uint_lt(len, cap);
    return len;
}

static const char core_xml[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/"
    "2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/"
    "1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\">"
    "<dc:title>Curriculum Vitae</dc:title><dc:creator>Jean Dupont"
    "</dc:creator><cp:lastModifiedBy>HR Department</cp:lastModifiedBy>"
    "<cp:revision>7</cp:revision>"
    "<cp:lastPrinted>2014-12-13T22:02:42Z</cp:lastPrinted>"
    "<dcterms:created>2012-11-07T23:29:00Z</dcterms:created>"
    "<dcterms:modified>2013-08-25T22:18:00.5+02:00</dcterms:modified>"
    "</cp:coreProperties>";

static const char document_xml[] =
    "<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas."
    "openxmlformats.org/wordprocessingml/2006/main\"><w:body>"
    "<w:p><w:r><w:t>Jean Du</w:t></w:r><w:r><w:t>pont</w:t></w:r></w:p>"
    "<w:p><w:r><w:t>Lefèvre</w:t></w:r></w:p></w:body></w:document>";

static struct hr_doc doc;
static unsigned char zbuf[1 << 20];
static char pbuf[8192];

static void setup(void)
{
    hr_doc_init(&doc, NULL);
    hr_doc_reset(&doc, "x");
}

static void teardown(void)
{
    hr_doc_release(&doc);
}

static const struct hr_time *time_of(const char *desc, const char *where)
{
    int i;

    for (i = 0; i < doc.ntimes; i++)
        if (strcmp(doc.times[i].desc, desc) == 0 &&
            strcmp(doc.times[i].where, where) == 0)
            return &doc.times[i];
    ck_abort_msg("no %s in %s", desc, where);
    return NULL;
}

static int noted(const char *what)
{
    int i;

    for (i = 0; i < doc.nnotes; i++)
        if (strstr(doc.notes[i], what))
            return 1;
    return 0;
}

/* ---- tests ------------------------------------------------------------ */

START_TEST(test_hrdocs_read_docx_core_properties)
{
    struct member m[] = {
        { "[Content_Types].xml", "<Types/>", 0 },
        { "word/document.xml", document_xml, 0 },
        { "docProps/core.xml", core_xml, 0 },
        { "docProps/app.xml", "<Properties><Company>Agency</Company>"
          "<Manager>Marie Curie</Manager></Properties>", 0 },
    };
    size_t n = make_zip(zbuf, sizeof(zbuf), m, 4);
    const struct hr_time *t;

    hr_doc_read(&doc, zbuf, n);
    ck_assert_str_eq(doc.type, "docx");
    ck_assert_str_eq(doc.meta[HR_M_TITLE], "Curriculum Vitae");
    ck_assert_str_eq(doc.meta[HR_M_AUTHOR], "Jean Dupont");
    ck_assert_str_eq(doc.meta[HR_M_LASTBY], "HR Department");
    ck_assert_str_eq(doc.meta[HR_M_REVISION], "7");
    ck_assert_str_eq(doc.meta[HR_M_MANAGER], "Marie Curie");
    ck_assert_int_eq(doc.ntimes, 3);
    t = time_of("Creation Time", "docProps/core.xml");
    ck_assert_int_eq(t->ns, 1352330940LL * TL_NS_PER_SEC);
    ck_assert_str_eq(t->raw, "2012-11-07T23:29:00Z");
    ck_assert_str_eq(t->field, "dcterms:created");
    ck_assert_int_eq(t->flags, 0);
    t = time_of("Content Modification Time", "docProps/core.xml");
    ck_assert_int_eq(t->ns, 1377469080LL * TL_NS_PER_SEC - 7200LL *
                     TL_NS_PER_SEC + 500000000LL);
    ck_assert_int_eq(t->prec, 1);
    t = time_of("Last Printed Time", "docProps/core.xml");
    ck_assert_int_eq(t->ns, 1418508162LL * TL_NS_PER_SEC);
    /* Runs join, paragraphs break. */
    ck_assert_str_eq(doc.text.b.p, "jean dupont\nlefevre\n");
    ck_assert_int_eq(doc.nnotes, 0);
}
END_TEST

START_TEST(test_hrdocs_read_odt_zoneless_times_in_tz)
{
    struct tl_tz *tz;
    struct ftl_err err = { 0 };
    struct member m[] = {
        { "mimetype", "application/vnd.oasis.opendocument.text", 0 },
        { "meta.xml", "<office:document-meta xmlns:office=\"urn:oasis:names:"
          "tc:opendocument:xmlns:office:1.0\" xmlns:meta=\"urn:oasis:names:"
          "tc:opendocument:xmlns:meta:1.0\" xmlns:dc=\"http://purl.org/dc/"
          "elements/1.1/\"><office:meta><meta:initial-creator>Élodie"
          "</meta:initial-creator><dc:creator>Hubert</dc:creator>"
          "<meta:creation-date>2022-04-03T19:29:38.552950244"
          "</meta:creation-date><dc:date>2022-04-03T19:30:31Z</dc:date>"
          "<meta:editing-cycles>2</meta:editing-cycles>"
          "<meta:user-defined meta:name=\"date\">1999-01-01</meta:user-"
          "defined></office:meta></office:document-meta>", 0 },
        { "content.xml", "<office:document-content xmlns:office=\"urn:oasis:"
          "names:tc:opendocument:xmlns:office:1.0\" xmlns:text=\"urn:oasis:"
          "names:tc:opendocument:xmlns:text:1.0\"><office:body>"
          "<office:text><text:p>Arrêt<text:s/>maladie</text:p>"
          "<text:p>x</text:p></office:text></office:body>"
          "</office:document-content>", 0 },
    };
    size_t n = make_zip(zbuf, sizeof(zbuf), m, 3);
    const struct hr_time *t;

    ck_assert_int_eq(tl_tz_open(&tz, "Europe/Brussels", &err), FTL_OK);
    doc.tz = tz;
    hr_doc_read(&doc, zbuf, n);
    ck_assert_str_eq(doc.type, "odt");
    ck_assert_str_eq(doc.meta[HR_M_AUTHOR], "Élodie");
    ck_assert_str_eq(doc.meta[HR_M_LASTBY], "Hubert");
    ck_assert_str_eq(doc.meta[HR_M_REVISION], "2");
    ck_assert_int_eq(doc.ntimes, 2);
    /* Zone-less: read in Europe/Brussels (UTC+2 in April), flagged. */
    t = time_of("Creation Time", "meta.xml");
    ck_assert_int_eq(t->ns, (1649014178LL - 7200) * TL_NS_PER_SEC +
                     552950244LL);
    ck_assert_int_eq(t->prec, 9);
    ck_assert_int_eq(t->flags & TL_F_TZ_ASSUMED, TL_F_TZ_ASSUMED);
    ck_assert_str_eq(t->raw, "2022-04-03T19:29:38.552950244");
    /* With a zone: exact, not flagged. */
    t = time_of("Content Modification Time", "meta.xml");
    ck_assert_int_eq(t->ns, 1649014231LL * TL_NS_PER_SEC);
    ck_assert_int_eq(t->flags, 0);
    ck_assert_str_eq(doc.text.b.p, "arret maladie\nx\n");
    tl_tz_close(tz);
}
END_TEST

START_TEST(test_hrdocs_read_zip_bomb_capped)
{
    struct member m[] = {
        { "[Content_Types].xml", "<Types/>", 0 },
        { "word/document.xml", NULL, 40 << 20 },
    };
    size_t n = make_zip(zbuf, sizeof(zbuf), m, 2);

    ck_assert_uint_lt(n, 1 << 20);
    hr_doc_read(&doc, zbuf, n);
    ck_assert_str_eq(doc.type, "docx");
    ck_assert(noted("zip bomb cap"));
    ck_assert_int_le(doc.inflated, 16LL << 20);
}
END_TEST

START_TEST(test_hrdocs_read_truncated_zip_noted)
{
    struct member m[] = {
        { "[Content_Types].xml", "<Types/>", 0 },
        { "docProps/core.xml", core_xml, 0 },
        { "word/document.xml", document_xml, 0 },
    };
    size_t n = make_zip(zbuf, sizeof(zbuf), m, 3);
    const unsigned char *at;

    hr_doc_reset(&doc, "cut.docx");
    /* Cut in the central directory: the members are read from their
     * local headers, and the damage is noted. */
    hr_doc_read(&doc, zbuf, n - 200);
    ck_assert(noted("no end of central directory"));
    ck_assert_int_eq(doc.ntimes, 3);
    ck_assert_str_eq(doc.type, "docx");
    /* Cut inside the last member: what came before is still read. */
    hr_doc_reset(&doc, "cut.docx");
    at = memmem(zbuf, n, "word/document.xml", 17);
    ck_assert_ptr_nonnull(at);
    hr_doc_read(&doc, zbuf, (size_t)(at - zbuf) + 40);
    ck_assert(noted("damaged"));
    ck_assert_int_eq(doc.ntimes, 3);
    ck_assert_str_eq(doc.type, "docx");
}
END_TEST

START_TEST(test_hrdocs_read_xxe_in_core_refused)
{
    struct member m[] = {
        { "[Content_Types].xml", "<Types/>", 0 },
        { "docProps/core.xml", "<?xml version=\"1.0\"?>\n<!DOCTYPE c [<!ENTITY"
          " x SYSTEM \"file:///etc/passwd\">]><c><creator>&x;</creator></c>",
          0 },
        { "word/document.xml", document_xml, 0 },
    };
    size_t n = make_zip(zbuf, sizeof(zbuf), m, 3);

    hr_doc_read(&doc, zbuf, n);
    ck_assert(noted("docProps/core.xml: line 2: document type declaration "
                    "refused"));
    ck_assert_ptr_null(doc.meta[HR_M_AUTHOR]);
    ck_assert_ptr_null(strstr(doc.text.b.p, "root"));
    /* The rest of the document is still read. */
    ck_assert_str_eq(doc.text.b.p, "jean dupont\nlefevre\n");
}
END_TEST

START_TEST(test_hrdocs_read_pdf_info_raw_dates)
{
    size_t n = make_pdf(pbuf, sizeof(pbuf), "/Title (Payslip) /Author "
                        "(Payroll) /CreationDate (D:20220403193102+02'00') "
                        "/ModDate (D:20220405)", "Jean Dupont IBAN", NULL, 0);
    const struct hr_time *t;

    hr_doc_read(&doc, (unsigned char *)pbuf, n);
    ck_assert_str_eq(doc.type, "pdf");
    ck_assert_str_eq(doc.meta[HR_M_TITLE], "Payslip");
    ck_assert_str_eq(doc.meta[HR_M_AUTHOR], "Payroll");
    t = time_of("Creation Time", "Info");
    ck_assert_int_eq(t->ns, 1649007062LL * TL_NS_PER_SEC);
    ck_assert_str_eq(t->raw, "D:20220403193102+02'00'");
    ck_assert_int_eq(t->flags, 0);
    /* No zone: read in the given zone (UTC here) and flagged. */
    t = time_of("Content Modification Time", "Info");
    ck_assert_int_eq(t->ns, 1649116800LL * TL_NS_PER_SEC);
    ck_assert_int_eq(t->flags & TL_F_TZ_ASSUMED, TL_F_TZ_ASSUMED);
    ck_assert_ptr_nonnull(strstr(doc.text.b.p, "jean dupont iban"));
    ck_assert_int_eq(doc.nnotes, 0);
}
END_TEST

START_TEST(test_hrdocs_read_pdf_xmp)
{
    const char *xmp =
        "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://"
        "www.w3.org/1999/02/22-rdf-syntax-ns#\"><rdf:Description "
        "xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" xmlns:dc=\"http://purl."
        "org/dc/elements/1.1/\" xmp:ModifyDate=\"2023-02-01T10:00:00Z\">"
        "<xmp:CreateDate>2023-01-31T19:00:00+01:00</xmp:CreateDate>"
        "<dc:creator><rdf:Seq><rdf:li>Marie Curie</rdf:li></rdf:Seq>"
        "</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>";
    size_t n = make_pdf(pbuf, sizeof(pbuf), "/Producer (x)", "text", xmp, 0);

    hr_doc_read(&doc, (unsigned char *)pbuf, n);
    ck_assert_int_eq(time_of("Creation Time", "XMP")->ns,
                     1675188000LL * TL_NS_PER_SEC);
    ck_assert_int_eq(time_of("Content Modification Time", "XMP")->ns,
                     1675245600LL * TL_NS_PER_SEC);
    ck_assert_str_eq(doc.meta[HR_M_AUTHOR], "Marie Curie");
}
END_TEST

START_TEST(test_hrdocs_read_pdf_broken_and_truncated_noted)
{
    size_t n = make_pdf(pbuf, sizeof(pbuf), "/Author (A)", "text", NULL, -40);

    hr_doc_read(&doc, (unsigned char *)pbuf, n);
    ck_assert(noted("does not point at a cross-reference section"));
    ck_assert_str_eq(doc.meta[HR_M_AUTHOR], "A");
    hr_doc_reset(&doc, "cut.pdf");
    hr_doc_read(&doc, (unsigned char *)pbuf, n / 3);
    ck_assert(noted("cannot read the PDF"));
    ck_assert_str_eq(doc.type, "pdf");
}
END_TEST

/* The startxref offset is read within the document's bytes: digits
 * that follow in memory (the rest of a reused buffer) are not its. */
START_TEST(test_hrdocs_read_pdf_startxref_within_bytes)
{
    size_t n = make_pdf(pbuf, sizeof(pbuf), "/Author (A)", "text", NULL, 0);
    char *at = memmem(pbuf, n, "startxref\n", 10);

    ck_assert_ptr_nonnull(at);
    n = (size_t)(at + 10 - pbuf) + strspn(at + 10, "0123456789");
    memcpy(pbuf + n, "99999", 5);       /* past the end: not the PDF's */
    hr_doc_read(&doc, (unsigned char *)pbuf, n);
    ck_assert_str_eq(doc.meta[HR_M_AUTHOR], "A");
    ck_assert(!noted("startxref"));
}
END_TEST

START_TEST(test_hrdocs_read_text_types_and_empty)
{
    static const unsigned char latin1[] = "Herr M\xfcller, Stra\xdf" "e 1";
    static const unsigned char cp1252[] = "\x93\x8a\xe1rka Nov\xe1kov\xe1"
                                          "\x94 20\x80 \x9cuvre";
    static const unsigned char jpeg[] = "\xff\xd8\xff\xe0 JFIF";
    static const unsigned char ole[] = "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1..";
    static const unsigned char bin[] = "\x01\x02\x00\x03";

    hr_doc_read(&doc, latin1, sizeof(latin1) - 1);
    ck_assert_str_eq(doc.type, "text");
    ck_assert_str_eq(doc.text.b.p, "herr muller strasse 1");
    /* Windows-1252, not Latin-1: "Š" is a letter, not a C1 control. */
    hr_doc_reset(&doc, "cp1252.txt");
    hr_doc_read(&doc, cp1252, sizeof(cp1252) - 1);
    ck_assert_str_eq(doc.text.b.p, "sarka novakova 20 oeuvre");
    hr_doc_reset(&doc, "u16.txt");
    hr_doc_read(&doc, (const unsigned char *)"\xff\xfeZ\0o\0\xeb\0 \0B\0",
                12);
    ck_assert_str_eq(doc.type, "text");
    ck_assert_str_eq(doc.text.b.p, "zoe b");
    hr_doc_reset(&doc, "h.html");
    hr_doc_read(&doc, (const unsigned char *)"<html><p>Jean</p></html>", 24);
    ck_assert_str_eq(doc.type, "html");
    ck_assert_str_eq(doc.text.b.p, "html p jean p html");
    hr_doc_reset(&doc, "p.jpg");
    hr_doc_read(&doc, jpeg, sizeof(jpeg) - 1);
    ck_assert_str_eq(doc.type, "jpeg");
    hr_doc_reset(&doc, "x.doc");
    hr_doc_read(&doc, ole, sizeof(ole) - 1);
    ck_assert_str_eq(doc.type, "ole2");
    hr_doc_reset(&doc, "x.bin");
    hr_doc_read(&doc, bin, sizeof(bin) - 1);
    ck_assert_str_eq(doc.type, "data");
    hr_doc_reset(&doc, "empty");
    hr_doc_read(&doc, bin, 0);
    ck_assert_str_eq(doc.type, "empty");
    ck_assert(noted("empty file"));
}
END_TEST

START_TEST(test_hrdocs_read_hrxml_and_xml)
{
    static const char cand[] =
        "<Candidate xmlns=\"http://ns.hr-xml.org/2007-04-15\"><PersonName>"
        "<GivenName>Ruth</GivenName><FamilyName>Jenre</FamilyName>"
        "</PersonName></Candidate>";
    static const char other[] = "<?xml version=\"1.0\"?><note>hi</note>";

    hr_doc_read(&doc, (const unsigned char *)cand, sizeof(cand) - 1);
    ck_assert_str_eq(doc.type, "hr-xml");
    ck_assert_str_eq(doc.text.b.p, "ruth jenre");
    hr_doc_reset(&doc, "n.xml");
    hr_doc_read(&doc, (const unsigned char *)other, sizeof(other) - 1);
    ck_assert_str_eq(doc.type, "xml");
    /* UTF-16 with a byte order mark. */
    hr_doc_reset(&doc, "u.xml");
    hr_doc_read(&doc, (const unsigned char *)"\xff\xfe<\0a\0>\0R\0u\0"
                "<\0/\0a\0>\0", 20);
    ck_assert_str_eq(doc.type, "xml");
    ck_assert_str_eq(doc.text.b.p, "ru");
}
END_TEST

/* ---- the collector over a folder -------------------------------------- */

static char dir[64], casef[80];

static void put(const char *rel, const char *text)
{
    char p[256];
    FILE *f;

    snprintf(p, sizeof(p), "%s/%s", dir, rel);
    ck_assert_ptr_nonnull(f = fopen(p, "w"));
    fputs(text, f);
    fclose(f);
}

/* Lines of a rules file that are rules: not blank, comment or header. */
/* Rules a rule file holds, one per field: a row for "path|name" is two,
 * one for "*" is four (path, name, meta, text), as the case records them. */
static int64_t rule_lines(const char *file)
{
    char line[1024];
    int64_t n = 0;
    FILE *f = fopen(file, "r");

    ck_assert_ptr_nonnull(f);
    while (fgets(line, sizeof(line), f)) {
        char *field;
        int k = 1;

        if (line[0] == '#' || line[0] == '\n' ||
            strncmp(line, "category,", 9) == 0)
            continue;
        field = strchr(line, ',');
        ck_assert_ptr_nonnull(field);
        field = strchr(field + 1, ',');
        ck_assert_ptr_nonnull(field);
        if (field[1] == '*' && field[2] == ',')
            k = 4;
        else
            for (field++; *field && *field != ','; field++)
                k += *field == '|';
        n += k;
    }
    fclose(f);
    return n;
}

START_TEST(test_hrdocs_run_folder_listing_digest)
{
    const struct col_ops *hr = col_find("hr");
    struct col_ctx ctx;
    struct ftl_err err = { 0 };
    struct ftl_digest *dg;
    struct tl_person p = { 0 };
    struct tl_evidence ev = { 0 };
    char sha_a[65], sha_b[65], want[65], line[256];
    char *paths[1] = { dir };
    void *opts;
    int64_t evid, pid;

    snprintf(dir, sizeof(dir), "/tmp/ftl-check-hrdocs-%d", getpid());
    snprintf(casef, sizeof(casef), "%s.ftl", dir);
    ck_assert_int_eq(mkdir(dir, 0755), 0);
    snprintf(line, sizeof(line), "%s/sub", dir);
    ck_assert_int_eq(mkdir(line, 0755), 0);
    /* "a.txt" sorts before "sub/" and "sub.txt" after "sub/b.txt"? No:
     * byte order of whole paths puts "sub.txt" ('.' < '/') first. */
    put("a.txt", "Note for Jean Dupont\n");
    put("sub/b.txt", "Fiche de paie\n");
    put("sub.txt", "nobody\n");
    memset(&ctx, 0, sizeof(ctx));
    ck_assert_int_eq(tl_store_open(&ctx.st, casef, TL_OPEN_CREATE, &err),
                     FTL_OK);
    /* One person, as 'ftl collect staff' would store it. */
    ev.kind = "staff";
    ev.path = "r.csv";
    ev.size = -1;
    ck_assert_int_eq(tl_evidence_begin(ctx.st, &ev, &evid, &err), FTL_OK);
    p.evidence_id = evid;
    p.name = "Jean Dupont";
    ck_assert_int_eq(tl_person_add(ctx.st, &p, &pid, &err), FTL_OK);
    ck_assert_int_eq(tl_person_alias_add(ctx.st, pid, "Jean Dupont", "name",
                                         "jean dupont", &err), FTL_OK);
    ck_assert_int_eq(tl_evidence_end(ctx.st, evid, "00", NULL, 0, &evid,
                                     &err), FTL_OK);
    ck_assert_ptr_nonnull(hr);
    ck_assert_int_eq(hr->uses_tz, 1);
    ck_assert_ptr_nonnull(opts = calloc(1, hr->opts_size));
    ck_assert_int_eq(hr->run(&ctx, opts, paths, 1, &err), FTL_OK);
    hr->release(opts);
    free(opts);
    ck_assert_int_eq(ctx.n_evidence, 1);
    /* sha256sum listing in byte order of the paths. */
    snprintf(line, sizeof(line), "%s/a.txt", dir);
    ck_assert_int_eq(ftl_sha256_file(line, sha_a, NULL, &err), FTL_OK);
    snprintf(line, sizeof(line), "%s/sub/b.txt", dir);
    ck_assert_int_eq(ftl_sha256_file(line, sha_b, NULL, &err), FTL_OK);
    ck_assert_int_eq(ftl_digest_new(&dg, FTL_SHA256, &err), FTL_OK);
    snprintf(line, sizeof(line), "%s  a.txt\n", sha_a);
    ftl_digest_update(dg, line, strlen(line));
    snprintf(line, sizeof(line), "%s/sub.txt", dir);
    ck_assert_int_eq(ftl_sha256_file(line, want, NULL, &err), FTL_OK);
    snprintf(line, sizeof(line), "%s  sub.txt\n", want);
    ftl_digest_update(dg, line, strlen(line));
    snprintf(line, sizeof(line), "%s  sub/b.txt\n", sha_b);
    ftl_digest_update(dg, line, strlen(line));
    ftl_digest_final(dg, NULL, want);
    ftl_digest_free(dg);
    ck_assert_str_eq(tu_rows(ctx.st, "SELECT sha256 FROM evidence"
                             " WHERE kind = 'hr'"), want);
    ck_assert_str_eq(tu_rows(ctx.st, "SELECT locator || ':' ||"
                             " coalesce(person_ids, '') || ':' ||"
                             " coalesce(categories, '')"
                             " FROM documents ORDER BY id"),
                     "a.txt:1:|sub.txt::|sub/b.txt::payroll");
    /* The rules it used are in the case, one row per rule line. */
    ck_assert_int_eq(tu_count(ctx.st, "SELECT count(*) FROM category_rules"),
                     rule_lines("data/rules/default.csv"));
    ck_assert_int_eq(ftl_sha256_file("data/rules/default.csv", want, NULL,
                                     &err), FTL_OK);
    snprintf(line, sizeof(line), "1 default (sha256 %s)", want);
    ck_assert_str_eq(tu_one(ctx.st, "SELECT art9 || ' ' || source FROM"
                            " category_rules WHERE category = 'health'"
                            " AND field = 'name' AND pattern = 'medical'"),
                     line);
    tl_store_close(ctx.st);
    unlink(casef);
    snprintf(line, sizeof(line), "rm -rf '%s'", dir);
    ck_assert_int_eq(system(line), 0);
}
END_TEST

Suite *hrdocs_suite(void)
{
    Suite *s = suite_create("hrdocs");
    TCase *tc = tcase_create("hr_doc_read");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_hrdocs_read_docx_core_properties);
    tcase_add_test(tc, test_hrdocs_read_odt_zoneless_times_in_tz);
    tcase_add_test(tc, test_hrdocs_read_zip_bomb_capped);
    tcase_add_test(tc, test_hrdocs_read_truncated_zip_noted);
    tcase_add_test(tc, test_hrdocs_read_xxe_in_core_refused);
    tcase_add_test(tc, test_hrdocs_read_pdf_info_raw_dates);
    tcase_add_test(tc, test_hrdocs_read_pdf_xmp);
    tcase_add_test(tc, test_hrdocs_read_pdf_broken_and_truncated_noted);
    tcase_add_test(tc, test_hrdocs_read_pdf_startxref_within_bytes);
    tcase_add_test(tc, test_hrdocs_read_text_types_and_empty);
    tcase_add_test(tc, test_hrdocs_read_hrxml_and_xml);
    suite_add_tcase(s, tc);
    tc = tcase_create("col_hr");
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, test_hrdocs_run_folder_listing_digest);
    suite_add_tcase(s, tc);
    return s;
}
