/*
 * tests/fuzz/fuzz_esc_json.c - the JSON string escaper (base/escape.c)
 *
 * The input up to a NUL is one string.  Properties: the output is one
 * JSON string (RFC 8259 section 7: quotes around, no raw control
 * character, only the escapes the RFC allows) in valid UTF-8, and
 * decoded it is the input with every byte that is not UTF-8 as the
 * four characters \xNN.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "base/escape.h"
#include "tests/fuzz/fuzzutil.h"

static int hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static unsigned u4(const char *p)
{
    unsigned v = 0;
    int i, h;

    for (i = 0; i < 4; i++) {
        if ((h = hexval((unsigned char)p[i])) < 0)
            fu_fail("bad \\u escape");
        v = v * 16 + (unsigned)h;
    }
    return v;
}

static void put_utf8(struct ftl_buf *b, unsigned cp)
{
    char t[4];

    if (cp < 0x80) {
        ftl_buf_putc(b, (char)cp);
    } else if (cp < 0x800) {
        t[0] = (char)(0xC0 | cp >> 6);
        t[1] = (char)(0x80 | (cp & 63));
        ftl_buf_add(b, t, 2);
    } else if (cp < 0x10000) {
        t[0] = (char)(0xE0 | cp >> 12);
        t[1] = (char)(0x80 | ((cp >> 6) & 63));
        t[2] = (char)(0x80 | (cp & 63));
        ftl_buf_add(b, t, 3);
    } else {
        t[0] = (char)(0xF0 | cp >> 18);
        t[1] = (char)(0x80 | ((cp >> 12) & 63));
        t[2] = (char)(0x80 | ((cp >> 6) & 63));
        t[3] = (char)(0x80 | (cp & 63));
        ftl_buf_add(b, t, 4);
    }
}

/* Decode the JSON string s[0..n) into b, failing on what RFC 8259 does
 * not allow. */
static void decode(const char *s, size_t n, struct ftl_buf *b)
{
    size_t i;
    unsigned cp, lo;

    if (n < 2 || s[0] != '"' || s[n - 1] != '"')
        fu_fail("not a quoted string");
    for (i = 1; i < n - 1; i++) {
        unsigned char c = (unsigned char)s[i];

        if (c < 0x20)
            fu_fail("raw control 0x%02x", c);
        if (c == '"')
            fu_fail("unescaped quote inside");
        if (c != '\\') {
            ftl_buf_putc(b, (char)c);
            continue;
        }
        if (++i >= n - 1)
            fu_fail("escape at the end");
        switch (s[i]) {
        case '"': case '\\': case '/':
            ftl_buf_putc(b, s[i]);
            break;
        case 'b': ftl_buf_putc(b, '\b'); break;
        case 'f': ftl_buf_putc(b, '\f'); break;
        case 'n': ftl_buf_putc(b, '\n'); break;
        case 'r': ftl_buf_putc(b, '\r'); break;
        case 't': ftl_buf_putc(b, '\t'); break;
        case 'u':
            if (i + 4 >= n)
                fu_fail("short \\u");
            cp = u4(s + i + 1);
            i += 4;
            if (cp >= 0xD800 && cp < 0xDC00 && i + 6 < n &&
                s[i + 1] == '\\' && s[i + 2] == 'u') {
                lo = u4(s + i + 3);
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                i += 6;
            }
            put_utf8(b, cp);
            break;
        default:
            fu_fail("escape \\%c is not JSON", s[i]);
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fu_strndup(data, size);
    const unsigned char *p = (const unsigned char *)s;
    struct ftl_buf out, got, want;
    size_t n = strlen(s), i, len;
    char hex[5];

    ftl_buf_init(&out, 0);
    ftl_buf_init(&got, 0);
    ftl_buf_init(&want, 0);
    if (ftl_esc_json_buf(&out, s))
        fu_fail("escaper: out of memory");
    if (!ftl_utf8_valid((const unsigned char *)ftl_buf_str(&out), out.len,
                        NULL))
        fu_fail("JSON output is not UTF-8");
    decode(ftl_buf_str(&out), out.len, &got);
    for (i = 0; i < n; i += len) {
        len = p[i] < 0x80 ? 1 : ftl_utf8_len(p + i, n - i);
        if (len) {
            ftl_buf_add(&want, p + i, len);
        } else {
            snprintf(hex, sizeof(hex), "\\x%02X", p[i]);
            ftl_buf_add(&want, hex, 4);
            len = 1;
        }
    }
    if (got.len != want.len || memcmp(ftl_buf_str(&got), ftl_buf_str(&want),
                                      got.len))
        fu_fail("'%s' decodes as '%s'", ftl_buf_str(&want),
                ftl_buf_str(&got));
    ftl_buf_release(&out);
    ftl_buf_release(&got);
    ftl_buf_release(&want);
    free(s);
    return 0;
}
