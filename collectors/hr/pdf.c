/*
 * collectors/hr/pdf.c - PDF documents through poppler-glib
 *
 * poppler reads the document from memory (poppler_document_new_from_bytes
 * over the bytes already read and hashed: the file is not opened twice).
 * From the Info dictionary: Title, Author, Subject, Keywords, CreationDate
 * and ModDate (poppler_document_get_creation_date_time /
 * get_modification_date_time); from the XMP packet
 * (poppler_document_get_metadata, parsed by the hardened SAX parser of
 * xml.c): xmp:CreateDate, xmp:ModifyDate, dc:creator and dc:title.
 * The text of the first HR_PDF_PAGES pages (poppler_page_get_text) is
 * searched for names and categories.
 *
 * poppler gives Info dates as GDateTime, not as written.  The raw string
 * ("D:20220403193102+02'00'") is looked up in the file's bytes and kept
 * when it says the same time; a raw date without a zone, which poppler
 * reads as UTC, is then read in --tz instead and flagged as assumed.  A
 * date inside a compressed object stream cannot be seen that way: its
 * raw_time is poppler's reading in ISO 8601.
 *
 * poppler-glib reports problems through g_log() in the "Poppler" domain
 * (poppler 22.x, glib/poppler.cc): a handler turns them into notes.  A
 * startxref that does not point at a cross-reference section, which
 * poppler silently repairs, is noted too.
 *
 * SPDX-License-Identifier: MIT
 */
#define _GNU_SOURCE            /* memmem */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <poppler.h>

#include "collectors/hr/hr_int.h"

#define HR_PDF_PAGES 100
#define NOTES_FROM_POPPLER 3

/* The document poppler's messages belong to (poppler runs in this thread
 * only, inside hr_pdf_read). */
static struct hr_doc *cur_doc;
static int cur_msgs;

static void on_log(const gchar *domain, GLogLevelFlags level,
                   const gchar *msg, gpointer ud)
{
    (void)domain;
    (void)level;
    (void)ud;
    if (!cur_doc)
        return;
    if (cur_msgs++ < NOTES_FROM_POPPLER)
        hr_doc_note(cur_doc, "poppler: %s", msg ? msg : "?");
}

/* ---- raw Info dates ------------------------------------------------- */

/* Fields of a PDF date string "D:YYYYMMDDHHmmSSOHH'mm'". */
struct pdfdate {
    struct tl_civil c;
    char raw[64];
};

static int digits(const char *s, int n, int *out)
{
    int i, v = 0;

    for (i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 0;
}

/* Parse a literal string's content as a PDF date (ISO 32000-1 7.9.4). */
static int parse_pdfdate(const char *s, size_t n, struct pdfdate *pd)
{
    struct tl_civil *c = &pd->c;
    size_t i = 0;
    int *f[5], k, oh = 0, om = 0;

    memset(pd, 0, sizeof(*pd));
    snprintf(pd->raw, sizeof(pd->raw), "%.*s", (int)(n < 63 ? n : 63), s);
    if (n >= 2 && s[0] == 'D' && s[1] == ':')
        i = 2;
    if (i + 4 > n || digits(s + i, 4, &c->year))
        return -1;
    i += 4;
    c->mon = c->day = 1;
    f[0] = &c->mon;
    f[1] = &c->day;
    f[2] = &c->hour;
    f[3] = &c->min;
    f[4] = &c->sec;
    for (k = 0; k < 5 && i + 2 <= n && s[i] >= '0' && s[i] <= '9'; k++) {
        if (digits(s + i, 2, f[k]))
            return -1;
        i += 2;
    }
    if (i < n && (s[i] == 'Z' || s[i] == 'z')) {
        c->has_zone = 1;
    } else if (i < n && (s[i] == '+' || s[i] == '-')) {
        int sign = s[i] == '-' ? -1 : 1;

        i++;
        if (i + 2 > n || digits(s + i, 2, &oh))
            return -1;
        i += 2;
        if (i < n && s[i] == '\'')
            i++;
        if (i + 2 <= n && digits(s + i, 2, &om) == 0)
            i += 2;
        c->has_zone = 1;
        c->off_sec = sign * (oh * 3600 + om * 60);
    }
    return 0;
}

/* Find the raw string of 'key' whose fields equal poppler's reading
 * 'dt'; the last such one wins (incremental updates append). */
static int find_raw(const unsigned char *buf, size_t n, const char *key,
                    GDateTime *dt, struct pdfdate *out)
{
    const char *p = (const char *)buf, *end = p + n, *hit;
    size_t klen = strlen(key);
    struct pdfdate pd;
    int found = 0;

    while (p < end && (hit = memmem(p, (size_t)(end - p), key, klen))) {
        const char *s = hit + klen, *close;

        p = hit + 1;
        while (s < end && (*s == ' ' || *s == '\r' || *s == '\n' ||
                           *s == '\t'))
            s++;
        if (s >= end || *s != '(')
            continue;
        s++;
        close = memchr(s, ')', (size_t)(end - s) < 64 ? (size_t)(end - s)
                                                      : 64);
        if (!close || memchr(s, '\\', (size_t)(close - s)) ||
            parse_pdfdate(s, (size_t)(close - s), &pd))
            continue;
        if (pd.c.year != g_date_time_get_year(dt) ||
            pd.c.mon != g_date_time_get_month(dt) ||
            pd.c.day != g_date_time_get_day_of_month(dt) ||
            pd.c.hour != g_date_time_get_hour(dt) ||
            pd.c.min != g_date_time_get_minute(dt) ||
            pd.c.sec != g_date_time_get_second(dt))
            continue;
        if (pd.c.has_zone &&
            (int64_t)pd.c.off_sec * 1000000 !=
            g_date_time_get_utc_offset(dt))
            continue;
        *out = pd;
        found = 1;
    }
    return found;
}

/* Add an Info date. */
static void info_date(struct hr_doc *d, const unsigned char *buf, size_t n,
                      GDateTime *dt, const char *key, const char *desc)
{
    struct pdfdate pd;
    int64_t ns;
    unsigned flags = 0;
    gchar *iso;

    if (!dt)
        return;
    if (find_raw(buf, n, key, dt, &pd)) {
        if (tl_civil_to_ns(&pd.c, pd.c.has_zone ? NULL : d->tz, &ns,
                           &flags) == FTL_OK)
            hr_doc_time_ns(d, desc, "Info", key + 1, pd.raw, ns, 0, flags);
        else
            hr_doc_note(d, "Info: %s '%s' is out of range", key + 1,
                        pd.raw);
        return;
    }
    iso = g_date_time_format_iso8601(dt);
    /* int64 nanoseconds hold 1677..2262. */
    if (tl_time_from_sec(g_date_time_to_unix(dt), 0, &ns))
        hr_doc_note(d, "Info: %s '%s' is out of range", key + 1,
                    iso ? iso : "?");
    else
        hr_doc_time_ns(d, desc, "Info", key + 1, iso, ns, 0, 0);
    g_free(iso);
}

/* ---- XMP ------------------------------------------------------------ */

#define NS_XMP "http://ns.adobe.com/xap/1.0/"
#define NS_DC "http://purl.org/dc/elements/1.1/"

struct xmp {
    struct hr_doc *d;
    int field;                /* 0 none, 1 create, 2 modify, 3 creator,
                                 4 title */
    int in_li;
    char value[512];
    size_t len;
};

static void xmp_time(struct hr_doc *d, int which, const char *s, size_t n)
{
    if (which == 1)
        hr_doc_time_iso(d, "Creation Time", "XMP", "xmp:CreateDate", s, n);
    else
        hr_doc_time_iso(d, "Content Modification Time", "XMP",
                        "xmp:ModifyDate", s, n);
}

static void xmp_start(struct hr_xml *x, const char *local, const char *uri,
                      int nattr, const char **attrs)
{
    struct xmp *m = hr_xml_ud(x);
    int i;

    /* Short form: properties as attributes of rdf:Description. */
    for (i = 0; i < nattr; i++) {
        const char **a = attrs + 5 * i;

        if (!a[2] || strcmp(a[2], NS_XMP) != 0)
            continue;
        if (strcmp(a[0], "CreateDate") == 0)
            xmp_time(m->d, 1, a[3], (size_t)(a[4] - a[3]));
        else if (strcmp(a[0], "ModifyDate") == 0)
            xmp_time(m->d, 2, a[3], (size_t)(a[4] - a[3]));
    }
    if (m->field) {
        if (strcmp(local, "li") == 0) {
            m->in_li = 1;
            m->len = 0;
        }
        return;
    }
    m->len = 0;
    if (uri && strcmp(uri, NS_XMP) == 0 && strcmp(local, "CreateDate") == 0)
        m->field = 1;
    else if (uri && strcmp(uri, NS_XMP) == 0 &&
             strcmp(local, "ModifyDate") == 0)
        m->field = 2;
    else if (uri && strcmp(uri, NS_DC) == 0 && strcmp(local, "creator") == 0)
        m->field = 3;
    else if (uri && strcmp(uri, NS_DC) == 0 && strcmp(local, "title") == 0)
        m->field = 4;
}

static void xmp_text(struct hr_xml *x, const char *s, size_t n)
{
    struct xmp *m = hr_xml_ud(x);

    if (!m->field || (m->field >= 3 && !m->in_li))
        return;
    m->len = hr_xml_append(m->value, m->len, sizeof(m->value), s, n);
}

static void xmp_end(struct hr_xml *x, const char *local, const char *uri)
{
    struct xmp *m = hr_xml_ud(x);

    (void)uri;
    if (m->field >= 3 && m->in_li && strcmp(local, "li") == 0) {
        hr_doc_meta(m->d, m->field == 3 ? HR_M_AUTHOR : HR_M_TITLE,
                    m->value, m->len);
        m->in_li = 0;
        return;
    }
    if ((m->field == 1 && strcmp(local, "CreateDate") == 0) ||
        (m->field == 2 && strcmp(local, "ModifyDate") == 0)) {
        xmp_time(m->d, m->field, m->value, m->len);
        m->field = 0;
    } else if ((m->field == 3 && strcmp(local, "creator") == 0) ||
               (m->field == 4 && strcmp(local, "title") == 0)) {
        m->field = 0;
    }
}

static void read_xmp(struct hr_doc *d, const char *xml)
{
    struct hr_xml_cb cb;
    struct xmp m;
    char why[256];

    memset(&m, 0, sizeof(m));
    m.d = d;
    memset(&cb, 0, sizeof(cb));
    cb.start = xmp_start;
    cb.end = xmp_end;
    cb.text = xmp_text;
    cb.ud = &m;
    if (hr_xml_parse_mem(&cb, xml, strlen(xml), why, sizeof(why)) ==
        FTL_EPARSE)
        hr_doc_note(d, "XMP metadata: %s", why);
}

/* ---- the cross-reference check --------------------------------------- */

/* Note a startxref that does not point at "xref" or an xref stream
 * object ("N G obj"). */
static void check_xref(struct hr_doc *d, const unsigned char *buf, size_t n)
{
    size_t from = n > 1024 ? n - 1024 : 0, i;
    const unsigned char *hit = NULL, *p = buf + from;
    long long off = -1;

    while (p < buf + n) {
        const unsigned char *h = memmem(p, (size_t)(buf + n - p),
                                        "startxref", 9);

        if (!h)
            break;
        hit = h;
        p = h + 1;
    }
    if (!hit) {
        hr_doc_note(d, "no startxref near the end: the file is cut short "
                    "or damaged; poppler rebuilt the cross-reference "
                    "table");
        return;
    }
    for (i = (size_t)(hit - buf) + 9; i < n && (buf[i] == ' ' ||
         buf[i] == '\r' || buf[i] == '\n'); i++)
        ;
    /* The buffer is not NUL-terminated: digits by hand, within it. */
    for (; i < n && buf[i] >= '0' && buf[i] <= '9' && off < (1LL << 50);
         i++)
        off = (off < 0 ? 0 : off * 10) + (buf[i] - '0');
    if (off >= 0 && (size_t)off < n) {
        const unsigned char *q = buf + off;
        size_t left = n - (size_t)off;

        while (left && (*q == ' ' || *q == '\r' || *q == '\n')) {
            q++;
            left--;
        }
        if (left >= 4 && memcmp(q, "xref", 4) == 0)
            return;
        if (left && *q >= '0' && *q <= '9' &&
            memmem(q, left < 32 ? left : 32, "obj", 3))
            return;
    }
    hr_doc_note(d, "startxref %lld does not point at a cross-reference "
                "section: the xref is broken (poppler rebuilt it)", off);
}

/*
 * poppler-glib builds its global parameters (encodings, the name to
 * Unicode tables, font directories) with the first open document and
 * frees them with the last one (GlobalParamsIniter in poppler 22.x): one
 * document at a time means building them for every PDF, about half a
 * millisecond each.  A tiny empty PDF is kept open between
 * hr_pdf_read() calls until hr_pdf_release(), so they are built once.
 */
static PopplerDocument *keeper;
static GBytes *keeper_bytes;
static char keeper_pdf[256];

static void keep_open(void)
{
    int n, o1, o2, x;

    if (keeper)
        return;
    n = snprintf(keeper_pdf, sizeof(keeper_pdf), "%%PDF-1.1\n");
    o1 = n;
    n += snprintf(keeper_pdf + n, sizeof(keeper_pdf) - (size_t)n,
                  "1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n");
    o2 = n;
    n += snprintf(keeper_pdf + n, sizeof(keeper_pdf) - (size_t)n,
                  "2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n");
    x = n;
    n += snprintf(keeper_pdf + n, sizeof(keeper_pdf) - (size_t)n,
                  "xref\n0 3\n0000000000 65535 f \n%010d 00000 n \n"
                  "%010d 00000 n \ntrailer<</Size 3/Root 1 0 R>>\n"
                  "startxref\n%d\n%%%%EOF\n", o1, o2, x);
    keeper_bytes = g_bytes_new_static(keeper_pdf, (size_t)n);
    keeper = poppler_document_new_from_bytes(keeper_bytes, NULL, NULL);
}

void hr_pdf_release(void)
{
    if (keeper)
        g_object_unref(keeper);
    if (keeper_bytes)
        g_bytes_unref(keeper_bytes);
    keeper = NULL;
    keeper_bytes = NULL;
}

void hr_pdf_read(struct hr_doc *d, const unsigned char *buf, size_t n)
{
    static int handler_set;
    PopplerDocument *doc;
    GBytes *bytes;
    GError *gerr = NULL;
    int i, pages;

    if (!handler_set) {
        g_log_set_handler("Poppler", G_LOG_LEVEL_MASK, on_log, NULL);
        handler_set = 1;
    }
    keep_open();
    cur_doc = d;
    cur_msgs = 0;
    bytes = g_bytes_new_static(buf, n);
    doc = poppler_document_new_from_bytes(bytes, NULL, &gerr);
    if (!doc) {
        hr_doc_note(d, "cannot read the PDF: %s",
                    gerr && gerr->message ? gerr->message : "unknown error");
        g_clear_error(&gerr);
        goto out;
    }
    check_xref(d, buf, n);
    {
        gchar *s;

        if ((s = poppler_document_get_title(doc)) != NULL) {
            hr_doc_meta(d, HR_M_TITLE, s, strlen(s));
            g_free(s);
        }
        if ((s = poppler_document_get_author(doc)) != NULL) {
            hr_doc_meta(d, HR_M_AUTHOR, s, strlen(s));
            g_free(s);
        }
        if ((s = poppler_document_get_subject(doc)) != NULL) {
            hr_doc_meta(d, HR_M_SUBJECT, s, strlen(s));
            g_free(s);
        }
        if ((s = poppler_document_get_keywords(doc)) != NULL) {
            hr_doc_meta(d, HR_M_KEYWORDS, s, strlen(s));
            g_free(s);
        }
    }
    {
        GDateTime *c = poppler_document_get_creation_date_time(doc);
        GDateTime *m = poppler_document_get_modification_date_time(doc);

        info_date(d, buf, n, c, "/CreationDate", "Creation Time");
        info_date(d, buf, n, m, "/ModDate", "Content Modification Time");
        if (c)
            g_date_time_unref(c);
        if (m)
            g_date_time_unref(m);
    }
    {
        gchar *xmp = poppler_document_get_metadata(doc);

        if (xmp) {
            read_xmp(d, xmp);
            g_free(xmp);
        }
    }
    pages = poppler_document_get_n_pages(doc);
    for (i = 0; i < pages && i < HR_PDF_PAGES && !d->text.truncated; i++) {
        PopplerPage *page = poppler_document_get_page(doc, i);
        char *t;

        if (!page)
            continue;
        if ((t = poppler_page_get_text(page)) != NULL) {
            ftl_text_add(&d->text, t, strlen(t));
            g_free(t);
        }
        ftl_text_break(&d->text);
        g_object_unref(page);
    }
    if (pages > HR_PDF_PAGES)
        hr_doc_note(d, "%d pages: the text of the first %d is searched",
                    pages, HR_PDF_PAGES);
    g_object_unref(doc);
out:
    if (cur_msgs > NOTES_FROM_POPPLER)
        hr_doc_note(d, "poppler: %d more messages", cur_msgs -
                    NOTES_FROM_POPPLER);
    g_bytes_unref(bytes);
    cur_doc = NULL;
}
