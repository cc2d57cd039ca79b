/*
 * base/buf.h - one growable byte buffer with its cap, for every module
 *
 * The limit is part of the object (curl's dynbuf, docs/internals/
 * DYNBUF.md): a buffer made with ftl_buf_init(&b, FTL_LIMIT_...) never
 * grows past it, so a hostile input cannot make ftl take all memory, and
 * the caller learns that the cap was reached instead of a silent cut.
 * The text is always NUL-terminated once anything was added, and may
 * hold NUL bytes of its own (len says how long it is).
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef FTL_BASE_BUF_H
#define FTL_BASE_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "base/base.h"

struct ftl_buf {
    char *p;                   /* NULL until something is added */
    size_t len;                /* bytes held, without the NUL */
    size_t cap;                /* bytes allocated */
    size_t max;                /* len never exceeds this; 0: no cap */
};

/* An empty buffer that holds at most 'max' bytes (0: no cap other than
 * memory).  Nothing is allocated until the first add.  A zeroed struct
 * is an empty buffer without a cap. */
void ftl_buf_init(struct ftl_buf *b, size_t max);
/* Free what b holds and make it empty again (its cap stays). */
void ftl_buf_release(struct ftl_buf *b);
/* Keep the memory, forget the content. */
void ftl_buf_reset(struct ftl_buf *b);

/* Append s[0..n).  FTL_OK, FTL_ENOMEM, or FTL_DONE when the cap would be
 * passed: then nothing is appended and b is unchanged. */
int ftl_buf_add(struct ftl_buf *b, const void *s, size_t n);
/* Append a NUL-terminated string (NULL appends nothing). */
int ftl_buf_puts(struct ftl_buf *b, const char *s);
int ftl_buf_putc(struct ftl_buf *b, char c);
/* Append v in decimal, as "%lld" would, without the cost of printf. */
int ftl_buf_put_i64(struct ftl_buf *b, int64_t v);
/* Append printf-style text; same returns as ftl_buf_add(). */
int ftl_buf_printf(struct ftl_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
int ftl_buf_vprintf(struct ftl_buf *b, const char *fmt, va_list ap);

/* Cut the content back to its first n bytes (n <= len). */
void ftl_buf_truncate(struct ftl_buf *b, size_t n);
/* The text, "" for a buffer that never held anything (never NULL). */
const char *ftl_buf_str(const struct ftl_buf *b);
/* Hand the allocation to the caller (free() it), leaving b empty; NULL
 * when nothing was ever added. */
char *ftl_buf_detach(struct ftl_buf *b);

#endif
