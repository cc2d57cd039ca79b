/*
 * collectors/hr/pdf.c - PDF documents through poppler-glib
 *
 * poppler reads the document from memory (poppler_document_new_from_bytes
 * over the bytes already read and hashed: the file is not opened twice).
 * From the Info dictionary: Title, Author, Subject, Keywords, CreationDate
 * and ModDate (poppler_document_get_creation_date_time /
 * get_modification_date_time); from the XMP packet
 * (poppler_document_get_metadata, read by the properties reader of
 * properties.c): xmp:CreateDate, xmp:ModifyDate, dc:creator and
 * dc:title.
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
 * (poppler 22.x, glib/poppler.cc): a handler, set for the time one
 * document is read, turns them into notes.  A startxref that does not
 * point at a cross-reference section, which poppler silently repairs,
 * is noted too.
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

/* What poppler says about the document being read. */
struct pdf_log {
    struct hr_doc *d;
    int msgs;                 /* messages seen, noted or not */
};

static void on_log(const gchar *domain, GLogLevelFlags level,
                   const gchar *msg, gpointer ud)
{
    struct pdf_log *log = ud;

    (void)domain;
    (void)level;
    if (log->msgs++ < NOTES_FROM_POPPLER)
        hr_doc_note(log->d, "poppler: %s", msg ? msg : "?");
}

/* ---- raw Info dates ----------------------------------------------------- */

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
int hr_pdf_date_parse(const char *s, size_t n, struct hr_pdfdate *pd)
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
int hr_pdf_find_raw(const unsigned char *buf, size_t n, const char *key,
                    GDateTime *dt, struct hr_pdfdate *out)
{
    const char *p = (const char *)buf, *end = p + n, *hit;
    size_t klen = strlen(key);
    struct hr_pdfdate pd;
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
            hr_pdf_date_parse(s, (size_t)(close - s), &pd))
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
    struct hr_pdfdate pd;
    int64_t ns;
    unsigned flags = 0;
    gchar *iso;

    if (!dt)
        return;
    if (hr_pdf_find_raw(buf, n, key, dt, &pd)) {
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

/* ---- XMP ---------------------------------------------------------------- */

static void read_xmp(struct hr_doc *d, PopplerDocument *doc)
{
    gchar *xml = poppler_document_get_metadata(doc);
    char why[256];

    if (!xml)
        return;
    if (hr_props_read_mem(d, &hr_props_xmp, xml, strlen(xml), why,
                          sizeof(why)) == FTL_EPARSE)
        hr_doc_note(d, "XMP metadata: %s", why);
    g_free(xml);
}

/* ---- the cross-reference check ------------------------------------------ */

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

/* ---- one document ------------------------------------------------------- */

/* The Info dictionary's text entries. */
static const struct {
    gchar *(*get)(PopplerDocument *doc);
    int meta;
} info_text[] = {
    { poppler_document_get_title, HR_M_TITLE },
    { poppler_document_get_author, HR_M_AUTHOR },
    { poppler_document_get_subject, HR_M_SUBJECT },
    { poppler_document_get_keywords, HR_M_KEYWORDS },
};

static void read_info(struct hr_doc *d, PopplerDocument *doc,
                      const unsigned char *buf, size_t n)
{
    GDateTime *c, *m;
    gchar *s;
    size_t i;

    for (i = 0; i < sizeof(info_text) / sizeof(info_text[0]); i++) {
        if ((s = info_text[i].get(doc)) != NULL) {
            hr_doc_meta(d, info_text[i].meta, s, strlen(s));
            g_free(s);
        }
    }
    c = poppler_document_get_creation_date_time(doc);
    m = poppler_document_get_modification_date_time(doc);
    info_date(d, buf, n, c, "/CreationDate", "Creation Time");
    info_date(d, buf, n, m, "/ModDate", "Content Modification Time");
    if (c)
        g_date_time_unref(c);
    if (m)
        g_date_time_unref(m);
}

/* The text of the first HR_PDF_PAGES pages, a break after each. */
static void read_pages(struct hr_doc *d, PopplerDocument *doc)
{
    int i, pages = poppler_document_get_n_pages(doc);

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
}

/*
 * poppler-glib builds its global parameters (encodings, the name to
 * Unicode tables, font directories) with the first open document and
 * frees them with the last one (GlobalParamsIniter in poppler 22.x): one
 * document at a time means building them for every PDF, about half a
 * millisecond each.  So the reader of a run keeps a tiny empty PDF open
 * from its first PDF to hr_pdf_free(), and they are built once a run.
 */
struct hr_pdf {
    PopplerDocument *keeper;
};

static const char keeper_pdf[] =
    "%PDF-1.1\n"
    "1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"             /* at 9 */
    "2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"            /* at 52 */
    "xref\n0 3\n0000000000 65535 f \n0000000009 00000 n \n"   /* at 96 */
    "0000000052 00000 n \ntrailer<</Size 3/Root 1 0 R>>\n"
    "startxref\n96\n%%EOF\n";

/* The keeper of d's run, made with the run's first PDF. */
static void keep_open(struct hr_doc *d)
{
    GBytes *bytes;

    if (d->pdf || !(d->pdf = calloc(1, sizeof(*d->pdf))))
        return;                 /* no memory: only slower */
    bytes = g_bytes_new_static(keeper_pdf, sizeof(keeper_pdf) - 1);
    d->pdf->keeper = poppler_document_new_from_bytes(bytes, NULL, NULL);
    g_bytes_unref(bytes);       /* the document holds its own reference */
}

void hr_pdf_free(struct hr_pdf *p)
{
    if (!p)
        return;
    if (p->keeper)
        g_object_unref(p->keeper);
    free(p);
}

/*
 * GLib's log handlers are per domain and process-wide, but each takes
 * user data: the handler is set with this read's own state for the time
 * of the read and removed after it, so nothing outlives the call.  ftl
 * reads PDFs in one thread; two threads reading PDFs at once would need
 * their own domain, which poppler does not offer.
 */
void hr_pdf_read(struct hr_doc *d, const unsigned char *buf, size_t n)
{
    struct pdf_log log = { d, 0 };
    PopplerDocument *doc;
    GBytes *bytes;
    GError *gerr = NULL;
    guint handler;

    keep_open(d);
    handler = g_log_set_handler("Poppler", G_LOG_LEVEL_MASK, on_log, &log);
    bytes = g_bytes_new_static(buf, n);
    doc = poppler_document_new_from_bytes(bytes, NULL, &gerr);
    if (doc) {
        check_xref(d, buf, n);
        read_info(d, doc, buf, n);
        read_xmp(d, doc);
        read_pages(d, doc);
        g_object_unref(doc);
    } else {
        hr_doc_note(d, "cannot read the PDF: %s",
                    gerr && gerr->message ? gerr->message : "unknown error");
        g_clear_error(&gerr);
    }
    g_bytes_unref(bytes);
    g_log_remove_handler("Poppler", handler);
    if (log.msgs > NOTES_FROM_POPPLER)
        hr_doc_note(d, "poppler: %d more messages", log.msgs -
                    NOTES_FROM_POPPLER);
}
