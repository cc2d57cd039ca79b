/*
 * base/utf8.c - UTF-8 as the evidence has it: decoding and checking
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
