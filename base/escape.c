/*
 * base/escape.c - one escaper per output: CSV, JSON, HTML, terminal,
 * messages
 *
 * Each escaper walks its input one UTF-8 character at a time and writes
 * the characters it leaves alone in runs, one write per run rather than
 * per character: a CSV export of millions of events is mostly such runs.
 * The FILE * and struct ftl_buf forms of an escaper are the same code
 * over a small sink, so the bytes written never depend on where they go.
 *
 * SPDX-License-Identifier: MIT
 */
#include <string.h>

#include "base/escape.h"

/* Where an escaper writes: a stream, or a buffer whose first failure is
 * kept (later writes are dropped, so the buffer holds a clean prefix). */
struct sink {
    FILE *fp;                  /* NULL: write into b */
    struct ftl_buf *b;
    int rc;                    /* first code ftl_buf_add() returned */
};

static void put(struct sink *k, const void *s, size_t n)
{
    if (!n)
        return;
    if (k->fp)
        fwrite(s, 1, n, k->fp);
    else if (k->rc == FTL_OK)
        k->rc = ftl_buf_add(k->b, s, n);
}

/* A byte shown as the text \xNN. */
static void put_hex(struct sink *k, unsigned char c)
{
    static const char hex[] = "0123456789ABCDEF";
    char t[4] = { '\\', 'x', hex[c >> 4], hex[c & 15] };

    put(k, t, 4);
}

/* Length of the character at p (n bytes left) with *cp set; 0 when p
 * starts no valid UTF-8 sequence. */
static size_t next_cp(const unsigned char *p, size_t n, uint32_t *cp)
{
    int k;

    if (p[0] < 0x80) {
        *cp = p[0];
        return 1;
    }
    k = ftl_utf8_decode(p, n, cp);
    return k > 0 ? (size_t)k : 0;
}

/* ASCII a CSS string keeps as it is (the NUL of the literal is never
 * looked up: callers test for NUL first, or pass printable ASCII). */
#define CSS_SAFE "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ" \
    "0123456789 .,:;-_/()[]#+=!?@*%"

/* ---- CSV ------------------------------------------------------------ */

static void csv_cell(struct sink *k, const char *s, size_t n, unsigned flags)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i, run, len;
    int quote = 0;

    if (!s)
        return;
    /* Decided on the input: what an escape writes (\xNN, "") never needs
     * quotes of its own. */
    for (i = 0; i < n && !quote; i++)
        quote = p[i] == ',' || p[i] == '"' || p[i] == '\r' || p[i] == '\n';
    if (quote)
        put(k, "\"", 1);
    /* Inside the quotes: the apostrophe is part of the cell a
     * spreadsheet reads, so the formula becomes text. */
    if ((flags & FTL_ESC_CSV_FORMULA) && n > 0 && p[0] &&
        strchr("=+-@\t\r\n", p[0]))
        put(k, "'", 1);
    for (i = run = 0; i < n; i += len) {
        len = p[i] < 0x80 ? 1 : ftl_utf8_len(p + i, n - i);
        if (len && p[i] != '"')
            continue;
        put(k, p + run, i - run);
        if (len) {
            put(k, "\"\"", 2);
        } else {
            put_hex(k, p[i]);
            len = 1;
        }
        run = i + len;
    }
    put(k, p + run, n - run);
    if (quote)
        put(k, "\"", 1);
}

void ftl_esc_csv(FILE *out, const char *s, size_t n, unsigned flags)
{
    struct sink k = { out, NULL, FTL_OK };

    csv_cell(&k, s, n, flags);
}

int ftl_esc_csv_buf(struct ftl_buf *b, const char *s, size_t n,
                    unsigned flags)
{
    struct sink k = { NULL, b, FTL_OK };

    csv_cell(&k, s, n, flags);
    return k.rc;
}

/* ---- JSON ----------------------------------------------------------- */

/* 1 for the bytes a JSON string holds as they are: printable ASCII but
 * '"' and '\\'.  Controls, DEL and bytes of 0x80 and up are looked at one
 * by one (escaped, or checked as UTF-8). */
#define P16 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1
static const unsigned char json_plain[256] = {
    [0x20] = 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,    /* '"' */
    [0x30] = P16, P16,
    [0x50] = 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1,    /* '\\' */
    [0x60] = P16,
    [0x70] = 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0,    /* DEL */
};
#undef P16

static void json_string(struct sink *k, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n, i, run, len;
    char esc[8];

    if (!s) {
        put(k, "null", 4);
        return;
    }
    n = strlen(s);
    put(k, "\"", 1);
    for (i = run = 0; i < n; i += len) {
        unsigned char c;

        /* Most text is printable ASCII: skip it in one tight loop of one
         * table lookup a byte (the NUL at n ends it, as any control does). */
        while (json_plain[p[i]])
            i++;
        if (i >= n)
            break;
        c = p[i];
        len = c < 0x80 ? 1 : ftl_utf8_len(p + i, n - i);
        /* RFC 8259 allows DEL raw; escaping it keeps every control out
         * of a line that someone may look at with cat. */
        if (len > 1 || (len == 1 && c >= 0x20 && c != '"' && c != '\\' &&
                        c != 0x7f))
            continue;
        put(k, p + run, i - run);
        if (!len) {
            put(k, "\\", 1);    /* the JSON text \\xNN */
            put_hex(k, c);
            len = 1;
        } else if (c == '"' || c == '\\') {
            esc[0] = '\\';
            esc[1] = (char)c;
            put(k, esc, 2);
        } else if (c == '\n') {
            put(k, "\\n", 2);
        } else if (c == '\r') {
            put(k, "\\r", 2);
        } else if (c == '\t') {
            put(k, "\\t", 2);
        } else {
            snprintf(esc, sizeof(esc), "\\u%04x", c);
            put(k, esc, 6);
        }
        run = i + len;
    }
    put(k, p + run, n - run);
    put(k, "\"", 1);
}

void ftl_esc_json(FILE *out, const char *s)
{
    struct sink k = { out, NULL, FTL_OK };

    json_string(&k, s);
}

int ftl_esc_json_buf(struct ftl_buf *b, const char *s)
{
    struct sink k = { NULL, b, FTL_OK };

    json_string(&k, s);
    return k.rc;
}

/* ---- HTML ----------------------------------------------------------- */

/* Characters that change the display of the text around them and are not
 * seen themselves: bidirectional marks, embeddings, overrides and
 * isolates (Unicode UAX #9), and the zero-width characters. */
static int invisible(uint32_t cp)
{
    return cp == 0x061c || cp == 0x200e || cp == 0x200f ||
           (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) ||
           (cp >= 0x200b && cp <= 0x200d) || cp == 0x2060 || cp == 0xfeff;
}

/* 1 when the character cp cannot be written as it is. */
static int html_special(uint32_t cp, int attr)
{
    if (cp < 0x20)
        return attr || (cp != '\t' && cp != '\n');
    return cp == '&' || cp == '<' || cp == '>' || cp == '"' || cp == '\'' ||
           (cp >= 0x7f && cp <= 0x9f) || invisible(cp);
}

/* Only the five references XML knows, and numeric ones: the output is
 * also valid XHTML, and needs no table of HTML's named entities. */
static void html_text(struct sink *k, const char *s, size_t n, int attr)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i, j, run, len;
    uint32_t cp;
    char name[16];

    if (!s)
        return;
    for (i = run = 0; i < n; i += len) {
        len = next_cp(p + i, n - i, &cp);
        if (len && !html_special(cp, attr))
            continue;
        put(k, p + run, i - run);
        if (!len) {
            put_hex(k, p[i]);
            len = 1;
        } else if (cp == '&') {
            put(k, "&amp;", 5);
        } else if (cp == '<') {
            put(k, "&lt;", 4);
        } else if (cp == '>') {
            put(k, "&gt;", 4);
        } else if (cp == '"') {
            put(k, "&quot;", 6);
        } else if (cp == '\'') {
            put(k, "&#39;", 5);
        } else if (cp == '\t' || cp == '\n') {
            put(k, cp == '\t' ? "&#9;" : "&#10;", cp == '\t' ? 4 : 5);
        } else if (invisible(cp)) {
            snprintf(name, sizeof(name), "[U+%04X]", (unsigned)cp);
            put(k, name, strlen(name));
        } else {
            for (j = 0; j < len; j++)   /* a control: its bytes */
                put_hex(k, p[i + j]);
        }
        run = i + len;
    }
    put(k, p + run, n - run);
}

void ftl_esc_html(FILE *out, const char *s, size_t n)
{
    struct sink k = { out, NULL, FTL_OK };

    html_text(&k, s, n, 0);
}

void ftl_esc_html_attr(FILE *out, const char *s, size_t n)
{
    struct sink k = { out, NULL, FTL_OK };

    html_text(&k, s, n, 1);
}

int ftl_esc_html_buf(struct ftl_buf *b, const char *s, size_t n)
{
    struct sink k = { NULL, b, FTL_OK };

    html_text(&k, s, n, 0);
    return k.rc;
}

int ftl_esc_html_attr_buf(struct ftl_buf *b, const char *s, size_t n)
{
    struct sink k = { NULL, b, FTL_OK };

    html_text(&k, s, n, 1);
    return k.rc;
}

/* ---- CSS strings ---------------------------------------------------- */

/* One character as a CSS escape: six hex digits need no space after. */
static void css_cp(struct sink *k, uint32_t cp)
{
    char t[8];

    snprintf(t, sizeof(t), "\\%06X", (unsigned)cp);
    put(k, t, 7);
}

/* Visible text written through css_cp(): "[U+202E]", "\xNN". */
static void css_text(struct sink *k, const char *s)
{
    for (; *s; s++) {
        if (strchr(CSS_SAFE, *s) && *s != '\\')
            put(k, s, 1);
        else
            css_cp(k, (unsigned char)*s);
    }
}

static void css_string(struct sink *k, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i, j, len;
    uint32_t cp;
    char name[16];

    if (!s)
        return;
    for (i = 0; i < n; i += len) {
        len = next_cp(p + i, n - i, &cp);
        if (!len) {
            snprintf(name, sizeof(name), "\\x%02X", p[i]);
            css_text(k, name);
            len = 1;
        } else if (cp < 0x80 && cp >= 0x20 && cp != 0x7f) {
            if (strchr(CSS_SAFE, (int)cp))
                put(k, p + i, 1);
            else
                css_cp(k, cp);
        } else if (invisible(cp)) {
            snprintf(name, sizeof(name), "[U+%04X]", (unsigned)cp);
            css_text(k, name);
        } else if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) {
            for (j = 0; j < len; j++) {
                snprintf(name, sizeof(name), "\\x%02X", p[i + j]);
                css_text(k, name);
            }
        } else {
            put(k, p + i, len);
        }
    }
}

void ftl_esc_css_str(FILE *out, const char *s, size_t n)
{
    struct sink k = { out, NULL, FTL_OK };

    css_string(&k, s, n);
}

int ftl_esc_css_str_buf(struct ftl_buf *b, const char *s, size_t n)
{
    struct sink k = { NULL, b, FTL_OK };

    css_string(&k, s, n);
    return k.rc;
}

/* ---- terminal and messages ------------------------------------------ */

void ftl_esc_term(FILE *out, const char *s)
{
    struct sink k = { out, NULL, FTL_OK };
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    size_t n = strlen((const char *)p), i, run, len;
    uint32_t cp;

    for (i = run = 0; i < n; i += len) {
        len = next_cp(p + i, n - i, &cp);
        if (len && cp >= 0x20 && (cp < 0x7f || cp > 0x9f))
            continue;
        put(&k, p + run, i - run);
        if (!len) {
            put_hex(&k, p[i]);
            len = 1;
        } else {
            put(&k, "?", 1);        /* C0, DEL, C1: one per character */
        }
        run = i + len;
    }
    put(&k, p + run, n - run);
}

char *ftl_esc_msg(char *out, size_t outsz, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, o = 0, k;
    uint32_t cp;

    if (!outsz)
        return out;
    /* C1 controls stay, as messages always kept them: the front prints
     * every message through ftl_esc_term()'s rules anyway. */
    while (i < n) {
        k = next_cp(p + i, n - i, &cp);
        if (k == 0 || (k == 1 && (p[i] < 0x20 || p[i] == 0x7f))) {
            if (o + 4 >= outsz)
                break;
            o += (size_t)snprintf(out + o, outsz - o, "\\x%02X", p[i]);
            i++;
            continue;
        }
        if (o + k >= outsz)
            break;
        memcpy(out + o, p + i, k);
        o += k;
        i += k;
    }
    out[o] = '\0';
    return out;
}
