/*
 * base/utf8.c - UTF-8 as the evidence has it: decoding, checking and
 * reading Windows-1252 text as UTF-8
 *
 * Names, subjects and log lines come from evidence and may hold any
 * bytes.  One decoder decides what is valid UTF-8 (RFC 3629: no overlong
 * forms, no surrogates, nothing past U+10FFFF) for every collector and
 * exporter.
 *
 * SPDX-License-Identifier: MIT
 */
#include <string.h>

#include "base/base.h"

int ftl_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
    int len, i;
    uint32_t c;

    if (n == 0)
        return -1;
    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    }
    if (s[0] >= 0xc2 && s[0] <= 0xdf) {
        len = 2;
        c = s[0] & 0x1f;
    } else if (s[0] >= 0xe0 && s[0] <= 0xef) {
        len = 3;
        c = s[0] & 0x0f;
    } else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
        len = 4;
        c = s[0] & 0x07;
    } else {
        return 0;
    }
    for (i = 1; i < len; i++) {
        if ((size_t)i >= n)
            return -1;
        if ((s[i] & 0xc0) != 0x80)
            return 0;
        c = c << 6 | (s[i] & 0x3f);
    }
    if ((len == 3 && c < 0x800) || (len == 4 && c < 0x10000) ||
        (c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff)
        return 0;
    *cp = c;
    return len;
}

int ftl_utf8_valid(const unsigned char *s, size_t n, size_t *bad)
{
    size_t i = 0;
    uint32_t cp;
    int k;

    while (i < n) {
        uint64_t w;

        /* ASCII, by far the most common, goes eight bytes at a time. */
        if (i + 8 <= n) {
            memcpy(&w, s + i, 8);
            if (!(w & 0x8080808080808080ULL)) {
                i += 8;
                continue;
            }
        }
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        if ((k = ftl_utf8_decode(s + i, n - i, &cp)) <= 0) {
            if (bad)
                *bad = i;
            return 0;
        }
        i += (size_t)k;
    }
    return 1;
}

size_t ftl_utf8_len(const unsigned char *s, size_t n)
{
    uint32_t cp;
    int k = ftl_utf8_decode(s, n, &cp);

    return k > 0 ? (size_t)k : 0;
}

/* Windows-1252 bytes 0x80..0x9f (0 where undefined); the others are
 * Latin-1's, which are their own code points. */
static const unsigned short cp1252[32] = {
    0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
    0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
    0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
    0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
};

size_t ftl_cp1252_to_utf8(const unsigned char *in, size_t n, char *out)
{
    size_t i, o = 0;

    for (i = 0; i < n; i++) {
        unsigned c = in[i];

        if (c >= 0x80 && c < 0xa0)
            c = cp1252[c - 0x80] ? cp1252[c - 0x80] : '?';
        if (c < 0x80) {
            out[o++] = (char)c;
        } else if (c < 0x800) {
            out[o++] = (char)(0xc0 | c >> 6);
            out[o++] = (char)(0x80 | (c & 0x3f));
        } else {
            out[o++] = (char)(0xe0 | c >> 12);
            out[o++] = (char)(0x80 | ((c >> 6) & 0x3f));
            out[o++] = (char)(0x80 | (c & 0x3f));
        }
    }
    return o;
}
