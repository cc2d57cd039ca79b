/*
 * tests/fuzz/fuzz_esc_html.c - the HTML and CSS-string escapers
 * (base/escape.c)
 *
 * The input is escaped as HTML text, as an attribute value and as a CSS
 * string.  Properties: the HTML output holds no < > " ' at all (so no
 * tag, and no way out of a quoted attribute), every & starts one of the
 * references the escaper writes, no control character but tab and LF
 * in text (none in an attribute), no invisible character, valid UTF-8;
 * the references decoded give the input back when it needed no \xNN or
 * [U+XXXX]; the CSS string holds no quote, < > or & and no backslash
 * but its escapes.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "base/escape.h"
#include "tests/fuzz/fuzzutil.h"

static const char *const refs[] = {
    "&amp;", "&lt;", "&gt;", "&quot;", "&#39;", "&#9;", "&#10;", NULL
};
static const char refchar[] = "&<>\"'\t\n";

/* 1 when the UTF-8 text s[0..n) is all characters the escaper writes as
 * they are or as a reference (nothing shown as \xNN or [U+XXXX]). */
static int plain(const unsigned char *s, size_t n, int attr)
{
    size_t i;
    uint32_t cp;
    int len;

    for (i = 0; i < n; i += (size_t)len) {
        if (s[i] < 0x80) {
            cp = s[i];
            len = 1;
        } else if ((len = ftl_utf8_decode(s + i, n - i, &cp)) <= 0) {
            return 0;
        }
        if ((cp < 0x20 && (attr || (cp != '\t' && cp != '\n'))) ||
            (cp >= 0x7f && cp <= 0x9f) || cp == 0x061c ||
            (cp >= 0x200b && cp <= 0x200f) ||
            (cp >= 0x202a && cp <= 0x202e) || cp == 0x2060 ||
            (cp >= 0x2066 && cp <= 0x2069) || cp == 0xfeff)
            return 0;
    }
    return 1;
}

static void check_html(const unsigned char *in, size_t n,
                       const struct ftl_buf *b, int attr)
{
    const char *o = ftl_buf_str(b);
    struct ftl_buf dec;
    size_t i, k;
    uint32_t cp;
    int len;

    if (!ftl_utf8_valid((const unsigned char *)o, b->len, NULL))
        fu_fail("HTML output is not UTF-8");
    ftl_buf_init(&dec, 0);
    for (i = 0; i < b->len; i += (size_t)len) {
        unsigned char c = (unsigned char)o[i];

        if (c == '<' || c == '>' || c == '"' || c == '\'')
            fu_fail("raw '%c' in HTML output", c);
        if (c < 0x20 && (attr || (c != '\t' && c != '\n')))
            fu_fail("raw control 0x%02x in HTML output", c);
        len = 1;
        if (c == '&') {
            for (k = 0; refs[k]; k++)
                if (!strncmp(o + i, refs[k], strlen(refs[k])))
                    break;
            if (!refs[k])
                fu_fail("'&' that starts no reference: %.12s", o + i);
            ftl_buf_putc(&dec, refchar[k]);
            len = (int)strlen(refs[k]);
            continue;
        }
        if (c >= 0x80) {
            len = ftl_utf8_decode((const unsigned char *)o + i, b->len - i,
                                  &cp);
            if ((cp >= 0x7f && cp <= 0x9f) || cp == 0x202e || cp == 0x2066 ||
                cp == 0x200f || cp == 0xfeff || cp == 0x200b)
                fu_fail("control or invisible U+%04X in HTML output",
                        (unsigned)cp);
        } else if (c == 0x7f) {
            fu_fail("raw DEL in HTML output");
        }
        ftl_buf_add(&dec, o + i, (size_t)len);
    }
    if (plain(in, n, attr) &&
        (dec.len != n || (n && memcmp(ftl_buf_str(&dec), in, n))))
        fu_fail("HTML output decodes to other text");
    ftl_buf_release(&dec);
}

static void check_css(const struct ftl_buf *b)
{
    const char *o = ftl_buf_str(b);
    size_t i, k;

    for (i = 0; i < b->len; i++) {
        if (strchr("\"'<>&\n\r", o[i]))
            fu_fail("raw '%c' in a CSS string", o[i]);
        if (o[i] == '\\') {
            for (k = 1; k <= 6; k++)
                if (i + k >= b->len || !strchr("0123456789ABCDEF", o[i + k]))
                    fu_fail("backslash that starts no escape");
            i += 6;
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct ftl_buf b;
    const char *s = (const char *)data;

    ftl_buf_init(&b, 0);
    if (ftl_esc_html_buf(&b, s, size))
        fu_fail("escaper: out of memory");
    check_html(data, size, &b, 0);
    ftl_buf_reset(&b);
    if (ftl_esc_html_attr_buf(&b, s, size))
        fu_fail("escaper: out of memory");
    check_html(data, size, &b, 1);
    ftl_buf_reset(&b);
    if (ftl_esc_css_str_buf(&b, s, size))
        fu_fail("escaper: out of memory");
    check_css(&b);
    ftl_buf_release(&b);
    return 0;
}
