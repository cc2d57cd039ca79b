/*
 * base/cte.c - base64 and quoted-printable content decoded as readers do
 *
 * The rules are those of base/cte.h.  They are written here rather than
 * taken from GMime's decoders because those differ from what readers
 * give where it matters to a digest: GMime drops the bits of a last group
 * that has no padding (the 1 or 2 whole bytes it holds are lost), ends
 * the data at any '=' whatever its place in the group, and loses an "=X"
 * at the end of quoted-printable text.
 *
 * SPDX-License-Identifier: MIT
 */
#include <string.h>

#include "base/cte.h"

void ftl_cte_init(struct ftl_cte *d, int kind)
{
    memset(d, 0, sizeof(*d));
    d->kind = kind;
}

/* The value of each byte as a base64 character, -1 outside the
 * alphabet. */
static const signed char b64_table[256] = {
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 62, -1, -1, -1, 63,
    52, 53, 54, 55, 56, 57, 58, 59, 60, 61, -1, -1, -1, -1, -1, -1,
    -1,  0,  1,  2,  3,  4,  5,  6,  7,  8,  9, 10, 11, 12, 13, 14,
    15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, -1, -1, -1, -1, -1,
    -1, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40,
    41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, -1, -1, -1, -1, -1,
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
};

static int b64_value(unsigned char c)
{
    return b64_table[c];
}

static int is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' ||
           c == '\v';
}

/* One base64 character.  Bytes go out as soon as they are whole (as
 * binascii does), so an incomplete last group loses no whole byte. */
static size_t b64_char(struct ftl_cte *d, unsigned char c, char *out)
{
    int v = b64_value(c);

    if (d->ended) {
        d->after_end += v >= 0;
        return 0;
    }
    if (v < 0) {
        /* '=' ends the data where it completes a group: after three
         * characters, or as the second of two after two. */
        if (c == '=') {
            if (d->pos >= 2 && d->pos + ++d->pads >= 4)
                d->ended = 1;
        } else if (!is_space(c)) {
            d->skipped++;
        }
        return 0;
    }
    d->pads = 0;
    switch (d->pos) {
    case 0:
        d->bits = (unsigned)v;
        d->pos = 1;
        return 0;
    case 1:
        out[0] = (char)((d->bits << 2) | ((unsigned)v >> 4));
        d->bits = (unsigned)v & 0x0f;
        d->pos = 2;
        return 1;
    case 2:
        out[0] = (char)((d->bits << 4) | ((unsigned)v >> 2));
        d->bits = (unsigned)v & 0x03;
        d->pos = 3;
        return 1;
    default:
        out[0] = (char)((d->bits << 6) | (unsigned)v);
        d->pos = 0;
        return 1;
    }
}

static int hex_value(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* One quoted-printable character; at most 3 bytes out ("=4" then a
 * character that is not a hex digit). */
static size_t qp_char(struct ftl_cte *d, unsigned char c, char *out)
{
    size_t k = 0;

    switch (d->pos) {
    case 1:                    /* after '=' */
        d->pos = 0;
        if (c == '\n')
            return 0;          /* soft line break */
        if (c == '\r') {
            d->pos = 3;        /* soft break: skip to the '\n' */
            return 0;
        }
        if (c == '=') {
            out[0] = '=';      /* "==": one '=' */
            return 1;
        }
        if (hex_value(c) >= 0) {
            d->bits = c;
            d->pos = 2;
            return 0;
        }
        out[k++] = '=';        /* kept as it is; c is read as text */
        break;
    case 2:                    /* after '=' and one hex digit */
        d->pos = 0;
        if (hex_value(c) >= 0) {
            out[0] = (char)(hex_value((unsigned char)d->bits) << 4 |
                            hex_value(c));
            return 1;
        }
        out[k++] = '=';
        out[k++] = (char)d->bits;
        break;
    case 3:
        if (c == '\n')
            d->pos = 0;
        return 0;
    default:
        break;
    }
    if (c == '=')
        d->pos = 1;
    else
        out[k++] = (char)c;
    return k;
}

size_t ftl_cte_step(struct ftl_cte *d, const char *in, size_t n, char *out)
{
    const unsigned char *p = (const unsigned char *)in;
    size_t i, k = 0;

    if (d->kind == FTL_CTE_BASE64) {
        for (i = 0; i < n;) {
            /* whole groups of four at once, the usual case: a line of
             * base64 between two line breaks */
            while (d->pos == 0 && !d->ended && i + 4 <= n) {
                int a = b64_table[p[i]], b = b64_table[p[i + 1]],
                    c = b64_table[p[i + 2]], e = b64_table[p[i + 3]];

                if ((a | b | c | e) < 0)
                    break;
                out[k++] = (char)(a << 2 | b >> 4);
                out[k++] = (char)(b << 4 | c >> 2);
                out[k++] = (char)(c << 6 | e);
                d->pads = 0;
                i += 4;
            }
            if (i < n)
                k += b64_char(d, p[i++], out + k);
        }
    } else {
        for (i = 0; i < n; i++)
            k += qp_char(d, p[i], out + k);
    }
    return k;
}

size_t ftl_cte_finish(struct ftl_cte *d, char *out)
{
    size_t k = 0;

    if (d->kind == FTL_CTE_BASE64) {
        d->last_group = d->ended ? 0 : d->pos;
        return 0;
    }
    if (d->pos == 2) {         /* "=X" at the very end: kept as text */
        out[k++] = '=';
        out[k++] = (char)d->bits;
    }
    d->pos = 0;
    return k;
}
