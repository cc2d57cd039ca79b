/*
 * collectors/hr/doc.c - one document of an HR store: what it is, its
 * metadata, its times and its text
 *
 * The type is found from the content, not the name (a CV saved as
 * "scan.pdf.docx" is still read for what it is): PDF by "%PDF-" in the
 * first KiB, zip containers (OOXML, ODF, plain zip) by "PK", XML by its
 * first tag, text when there is no NUL byte and little else than
 * printable characters; images and legacy OLE2 Office files are named
 * by their magic number and only their path and name are matched.
 * Readers never fail: what they could not read becomes a note, which
 * the collector records as a warning with the document's path.
 *
 * SPDX-License-Identifier: MIT
 */
#define _GNU_SOURCE            /* vasprintf, memmem */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <glib.h>

#include "collectors/hr/hr_int.h"

void hr_doc_init(struct hr_doc *d, const struct tl_tz *tz)
{
    memset(d, 0, sizeof(*d));
    d->tz = tz;
    ftl_text_init(&d->text, HR_TEXT_MAX);
}

void hr_doc_reset(struct hr_doc *d, const char *name)
{
    int i;

    for (i = 0; i < HR_M_N; i++) {
        free(d->meta[i]);
        d->meta[i] = NULL;
    }
    for (i = 0; i < d->nnotes; i++)
        free(d->notes[i]);
    d->nnotes = 0;
    d->ntimes = 0;
    d->type[0] = '\0';
    d->inflated = 0;
    d->name = name;
    ftl_text_reset(&d->text);
}

void hr_doc_release(struct hr_doc *d)
{
    hr_doc_reset(d, NULL);
    ftl_text_release(&d->text);
    hr_pdf_free(d->pdf);
    d->pdf = NULL;
}

void hr_doc_note(struct hr_doc *d, const char *fmt, ...)
{
    va_list ap;
    char *s;

    if (d->nnotes >= HR_NOTES)
        return;
    va_start(ap, fmt);
    if (vasprintf(&s, fmt, ap) >= 0) {
        /* The same message twice in a row (poppler repeats itself). */
        if (d->nnotes && strcmp(d->notes[d->nnotes - 1], s) == 0)
            free(s);
        else
            d->notes[d->nnotes++] = s;
    }
    va_end(ap);
}

/* Trim white space around s[0..*n); returns the new start. */
static const char *trim(const char *s, size_t *n)
{
    while (*n && (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')) {
        s++;
        (*n)--;
    }
    while (*n && (s[*n - 1] == ' ' || s[*n - 1] == '\t' ||
                  s[*n - 1] == '\r' || s[*n - 1] == '\n'))
        (*n)--;
    return s;
}

void hr_doc_meta(struct hr_doc *d, int which, const char *s, size_t n)
{
    if (which < 0 || which >= HR_M_N || d->meta[which] || !s)
        return;
    s = trim(s, &n);
    if (!n)
        return;
    if (n > HR_META_MAX) {
        /* Cut on a character boundary. */
        n = HR_META_MAX;
        while (n && ((unsigned char)s[n] & 0xc0) == 0x80)
            n--;
    }
    d->meta[which] = strndup(s, n);
}

void hr_doc_time_ns(struct hr_doc *d, const char *desc, const char *where,
                    const char *field, const char *raw, int64_t ns,
                    int prec, unsigned flags)
{
    struct hr_time *t;

    if (d->ntimes >= HR_TIMES_MAX)
        return;
    t = &d->times[d->ntimes++];
    t->desc = desc;
    t->where = where;
    t->field = field;
    snprintf(t->raw, sizeof(t->raw), "%s", raw ? raw : "");
    t->ns = ns;
    t->prec = prec;
    t->flags = flags;
}

void hr_doc_time_iso(struct hr_doc *d, const char *desc, const char *where,
                     const char *field, const char *s, size_t n)
{
    struct tl_civil c;
    char raw[64], esc[160];
    size_t used;
    int64_t ns;
    unsigned flags = 0;

    s = trim(s, &n);
    if (!n)
        return;
    snprintf(raw, sizeof(raw), "%.*s", (int)(n < 63 ? n : 63), s);
    if (tl_time_parse_iso8601(s, n, &c, &used) != FTL_OK || used != n ||
        tl_civil_to_ns(&c, c.has_zone ? NULL : d->tz, &ns, &flags)) {
        hr_doc_note(d, "%s: %s '%s' is not a time ftl can read", where,
                    field, ftl_esc_msg(esc, sizeof(esc), s, n < 63 ? n : 63));
        return;
    }
    hr_doc_time_ns(d, desc, where, field, raw, ns, c.prec, flags);
}

/* ---- type detection --------------------------------------------- */

static int starts(const unsigned char *b, size_t n, const char *magic,
                  size_t m)
{
    return n >= m && memcmp(b, magic, m) == 0;
}

/* 1 when the first bytes look like text: no NUL, few control bytes. */
static int looks_text(const unsigned char *b, size_t n)
{
    size_t i, bad = 0, m = n < 8192 ? n : 8192;

    for (i = 0; i < m; i++) {
        if (b[i] == 0)
            return 0;
        if (b[i] < 0x20 && b[i] != '\n' && b[i] != '\r' && b[i] != '\t' &&
            b[i] != '\f')
            bad++;
    }
    return bad * 20 <= m;
}

/* 1 for a UTF-16 byte order mark. */
static int utf16_bom(const unsigned char *b, size_t n)
{
    return starts(b, n, "\xff\xfe", 2) || starts(b, n, "\xfe\xff", 2);
}

/* Offset of the first tag of an XML document (after a BOM and white
 * space), or -1. */
static long xml_start(const unsigned char *b, size_t n)
{
    size_t i = 0;

    /* UTF-16 with a byte order mark: libxml2 reads it. */
    if (starts(b, n, "\xff\xfe<\0", 4) || starts(b, n, "\xfe\xff\0<", 4))
        return 2;

    if (starts(b, n, "\xef\xbb\xbf", 3))
        i = 3;
    while (i < n && i < 4096 && (b[i] == ' ' || b[i] == '\t' ||
                                 b[i] == '\r' || b[i] == '\n'))
        i++;
    if (i + 1 < n && b[i] == '<' &&
        (b[i + 1] == '?' || b[i + 1] == '!' ||
         (b[i + 1] >= 'A' && b[i + 1] <= 'Z') ||
         (b[i + 1] >= 'a' && b[i + 1] <= 'z')))
        return (long)i;
    return -1;
}

/* The magic-number type of a binary file, or NULL. */
static const char *magic_type(const unsigned char *b, size_t n)
{
    static const struct { const char *m; size_t len; const char *type; }
    magic[] = {
        { "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8, "ole2" },
        { "\xff\xd8\xff", 3, "jpeg" },
        { "\x89PNG\r\n\x1a\n", 8, "png" },
        { "GIF87a", 6, "gif" },
        { "GIF89a", 6, "gif" },
        { "II*\0", 4, "tiff" },
        { "MM\0*", 4, "tiff" },
        { "\x1f\x8b", 2, "gzip" },
        { "7z\xbc\xaf\x27\x1c", 6, "7z" },
        { "Rar!", 4, "rar" },
    };
    size_t i;

    for (i = 0; i < sizeof(magic) / sizeof(magic[0]); i++)
        if (starts(b, n, magic[i].m, magic[i].len))
            return magic[i].type;
    return NULL;
}

static int is_pdf(const unsigned char *b, size_t n)
{
    return memmem(b, n < 1024 ? n : 1024, "%PDF-", 5) != NULL;
}

static int is_html(const unsigned char *b, size_t n, long at)
{
    const char *s = (const char *)b + at;
    size_t left = n - (size_t)at;

    return (left >= 9 && strncasecmp(s, "<!doctype", 9) == 0) ||
           (left >= 5 && strncasecmp(s, "<html", 5) == 0);
}

void hr_doc_guess(struct hr_doc *d, const unsigned char *buf, size_t n)
{
    const char *t;
    long x;

    if (n == 0)
        t = "empty";
    else if (is_pdf(buf, n))
        t = "pdf";
    else if (starts(buf, n, "PK\3\4", 4) || starts(buf, n, "PK\5\6", 4))
        t = "zip";
    else if ((t = magic_type(buf, n)) != NULL)
        ;
    else if ((x = xml_start(buf, n)) >= 0)
        t = !utf16_bom(buf, n) && is_html(buf, n, x) ? "html" : "xml";
    else if (looks_text(buf, n) || utf16_bom(buf, n))
        t = "text";
    else
        t = "data";
    snprintf(d->type, sizeof(d->type), "%s", t);
}

/* Plain text: UTF-16 with a byte order mark (converted by GLib),
 * UTF-8, or Windows-1252 when it is not valid UTF-8. */
static void read_text(struct hr_doc *d, const unsigned char *buf, size_t n)
{
    char out[3 * 2048];
    size_t i, k;

    if (utf16_bom(buf, n)) {
        gsize got = 0;
        gchar *u = g_convert((const gchar *)buf, (gssize)(n < HR_TEXT_MAX * 2
                             ? n : HR_TEXT_MAX * 2) & ~(gssize)1, "UTF-8",
                             "UTF-16", NULL, &got, NULL);

        if (u)
            ftl_text_add(&d->text, u, got);
        else
            hr_doc_note(d, "UTF-16 text that cannot be converted");
        g_free(u);
        return;
    }
    if (ftl_utf8_valid((const unsigned char *)(const char *)buf, n, NULL)) {
        ftl_text_add(&d->text, (const char *)buf, n);
        return;
    }
    for (i = 0; i < n && !d->text.truncated; i += k) {
        k = n - i < sizeof(out) / 3 ? n - i : sizeof(out) / 3;
        ftl_text_add(&d->text, out, ftl_cp1252_to_utf8(buf + i, k, out));
    }
}

void hr_doc_read(struct hr_doc *d, const unsigned char *buf, size_t n)
{
    hr_doc_guess(d, buf, n);
    if (strcmp(d->type, "empty") == 0)
        hr_doc_note(d, "empty file (0 bytes): nothing to read");
    else if (strcmp(d->type, "pdf") == 0)
        hr_pdf_read(d, buf, n);
    else if (strcmp(d->type, "zip") == 0)
        hr_zip_read(d, buf, n);
    else if (strcmp(d->type, "xml") == 0)
        hr_xmldoc_read(d, buf, n);
    else if (strcmp(d->type, "text") == 0 || strcmp(d->type, "html") == 0)
        read_text(d, buf, n);
    if (d->text.truncated)
        hr_doc_note(d, "text longer than %d bytes: only the start is "
                    "searched for names and categories", HR_TEXT_MAX);
}
