/*
 * base/cte.h - base64 and quoted-printable content decoded as readers do
 *
 * Mail in the wild is not always what RFC 2045 says: mailers leave out
 * the '=' padding of base64, cut it in the middle of a group, put
 * mailing-list footers or stray '=' after it, and end quoted-printable
 * text with a lone '=' or a half escape.  These decoders read such
 * content the way forgiving readers do (Python's email package, which
 * calls binascii in its non-strict mode, and mail clients), so that an
 * attachment has the size and digests those readers give:
 *
 *   base64  characters outside the alphabet are skipped; bytes are
 *           given as soon as they are whole, so a last group of 2 or 3
 *           characters gives its 1 or 2 bytes; '=' ends the data only
 *           where it completes a group (after 3 characters, or '=='
 *           after 2), and is skipped elsewhere; nothing after that end
 *           is decoded.  A last lone character holds no whole byte.
 *   qp      "=XX" (hex, either case) is a byte, "=" before a line end a
 *           soft break ("=\r" skips to the '\n'), "==" is one '=', any
 *           other '=' is kept as it is; a '=' at the very end is
 *           dropped.
 *
 * Decoding is incremental: the content may arrive in pieces of any
 * size, cut anywhere.  What was odd is counted, for the caller to say.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef FTL_BASE_CTE_H
#define FTL_BASE_CTE_H

#include <stddef.h>
#include <stdint.h>

enum ftl_cte_kind { FTL_CTE_BASE64 = 1, FTL_CTE_QP = 2 };

struct ftl_cte {
    int kind;                  /* enum ftl_cte_kind */
    int pos;                   /* base64: characters of the group so far
                                  (0-3); qp: 0, 1 after '=', 2 after '='
                                  and a hex digit, 3 skipping to '\n' */
    unsigned bits;             /* base64: bits not yet whole; qp: the hex
                                  digit after '=' */
    int pads;                  /* base64: '=' counted toward the end */
    int ended;                 /* base64: padding ended the data */
    int64_t skipped;           /* base64: bytes outside the alphabet,
                                  white space and '=' not counted */
    int64_t after_end;         /* base64: alphabet characters after the
                                  padding that ended the data */
    int last_group;            /* set by ftl_cte_finish: base64 characters
                                  of an incomplete last group (1-3), or 0 */
};

void ftl_cte_init(struct ftl_cte *d, int kind);

/* Decode n bytes of content into out, which has room for n + 3 bytes.
 * Returns the number of bytes written. */
size_t ftl_cte_step(struct ftl_cte *d, const char *in, size_t n, char *out);

/* The content has ended: out (room for 2 bytes) receives what was held
 * back (qp: "=X" cut at the end).  Returns its length; d->last_group
 * tells whether base64 ended inside a group. */
size_t ftl_cte_finish(struct ftl_cte *d, char *out);

#endif
