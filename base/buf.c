/*
 * base/buf.c - the growable byte buffer with its cap
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"

void ftl_buf_init(struct ftl_buf *b, size_t max)
{
    b->p = NULL;
    b->len = b->cap = 0;
    b->max = max;
}

void ftl_buf_release(struct ftl_buf *b)
{
    free(b->p);
    b->p = NULL;
    b->len = b->cap = 0;
}

void ftl_buf_reset(struct ftl_buf *b)
{
    b->len = 0;
    if (b->p)
        b->p[0] = '\0';
}

/* Room for n more bytes and the NUL. */
static int room(struct ftl_buf *b, size_t n)
{
    size_t want, cap;
    char *p;

    if (b->max && (n > b->max || b->len > b->max - n))
        return FTL_DONE;
    if (n >= (size_t)-1 / 2 - b->len)
        return FTL_ENOMEM;
    want = b->len + n + 1;
    if (want <= b->cap)
        return FTL_OK;
    cap = b->cap ? b->cap : 64;
    while (cap < want)
        cap *= 2;
    if (b->max && cap > b->max + 1)
        cap = b->max + 1;
    if (!(p = realloc(b->p, cap)))
        return FTL_ENOMEM;
    b->p = p;
    b->cap = cap;
    return FTL_OK;
}

int ftl_buf_add(struct ftl_buf *b, const void *s, size_t n)
{
    int rc;

    /* the common case, a reused buffer with room: no call to room() */
    if (b->p && n < b->cap - b->len && (!b->max || n <= b->max - b->len)) {
        memcpy(b->p + b->len, s, n);
        b->len += n;
        b->p[b->len] = '\0';
        return FTL_OK;
    }
    if ((rc = room(b, n)))
        return rc;
    if (n)
        memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
    return FTL_OK;
}

int ftl_buf_puts(struct ftl_buf *b, const char *s)
{
    return s ? ftl_buf_add(b, s, strlen(s)) : FTL_OK;
}

int ftl_buf_putc(struct ftl_buf *b, char c)
{
    return ftl_buf_add(b, &c, 1);
}

/* One pass when the text fits in the room the buffer already has (the
 * common case in loops that reuse a buffer), two when it must grow. */
int ftl_buf_vprintf(struct ftl_buf *b, const char *fmt, va_list ap)
{
    va_list again;
    size_t avail = b->p ? b->cap - b->len : 0;  /* the NUL's byte too */
    int n, rc;

    va_copy(again, ap);
    n = vsnprintf(avail ? b->p + b->len : NULL, avail, fmt, again);
    va_end(again);
    if (n >= 0 && (size_t)n < avail &&
        (!b->max || (size_t)n <= b->max - b->len)) {
        b->len += (size_t)n;
        return FTL_OK;
    }
    if (avail)
        b->p[b->len] = '\0';   /* what a pass that did not fit wrote */
    if (n < 0)
        return FTL_ERR;
    if ((rc = room(b, (size_t)n)))
        return rc;
    vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
    return FTL_OK;
}

int ftl_buf_put_i64(struct ftl_buf *b, int64_t v)
{
    char d[24], *p = d + sizeof(d);
    uint64_t u = v < 0 ? -(uint64_t)v : (uint64_t)v;

    do
        *--p = (char)('0' + u % 10);
    while (u /= 10);
    if (v < 0)
        *--p = '-';
    return ftl_buf_add(b, p, (size_t)(d + sizeof(d) - p));
}

int ftl_buf_printf(struct ftl_buf *b, const char *fmt, ...)
{
    va_list ap;
    int rc;

    va_start(ap, fmt);
    rc = ftl_buf_vprintf(b, fmt, ap);
    va_end(ap);
    return rc;
}

void ftl_buf_truncate(struct ftl_buf *b, size_t n)
{
    if (n < b->len) {
        b->len = n;
        b->p[n] = '\0';
    }
}

const char *ftl_buf_str(const struct ftl_buf *b)
{
    return b->p ? b->p : "";
}

char *ftl_buf_detach(struct ftl_buf *b)
{
    char *p = b->p;

    b->p = NULL;
    b->len = b->cap = 0;
    return p;
}
