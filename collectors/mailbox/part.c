/*
 * collectors/mailbox/part.c - the decoded content of one MIME leaf part
 *
 * The part's content stays in the evidence (a substream GMime made of
 * its input); it is read in large blocks, its Content-Transfer-Encoding
 * undone incrementally (base64 and quoted-printable by base/cte.c, as
 * forgiving readers decode them; uuencode by GMime's filter), and the
 * decoded bytes are hashed the moment they are produced: SHA-256
 * here, MD5 queued for the digest thread (hash.c).  Whoever
 * consumes them (libarchive listing members, a parser reading an
 * attached message, or nobody) the digests cover every decoded byte
 * once, in order, with a single pass over the part.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/cte.h"
#include "collectors/mailbox/mailbox_int.h"

#define RAW_BLOCK (128 * 1024)

struct mbx_reader {
    GMimeStream *in;          /* the content as stored (a reference) */
    GMimeStream *filter;      /* uuencode: GMime's filter stream over in */
    struct ftl_cte dec;       /* base64 / quoted-printable decoder */
    int decode;               /* 1 when dec is used */
    int encoding;             /* GMimeContentEncoding */
    char *raw;                /* RAW_BLOCK */
    char *out;                /* decoder output */
    const char *pend;         /* pull(): decoded bytes not yet handed out */
    size_t pend_len;
    struct ftl_digest *dig;    /* MD5, on the hasher's thread */
    struct ftl_digest *sha;    /* SHA-256, here */
    struct mbx_hasher *h;
    int64_t size;             /* decoded bytes so far */
    int eof;
    const char *problem;      /* the content could not be read, or NULL */
    char remark[200];         /* what was odd in the encoding, or "" */
};

/* The part's content as readers delimit it (a reference): GMime's
 * substream, or one that ends where the content really ends
 * (mbx_stream_content_end). */
static GMimeStream *content_stream(GMimeStream *s)
{
    int64_t end = mbx_stream_content_end(s);

    if (end == s->bound_end)
        return g_object_ref(s);
    return g_mime_stream_substream(s, s->bound_start, end);
}

int mbx_reader_open(struct mbx_reader **out, GMimePart *part,
                    struct mbx_hasher *h, struct ftl_err *err)
{
    struct mbx_reader *r = calloc(1, sizeof(*r));
    GMimeDataWrapper *w = g_mime_part_get_content(part);
    int rc;

    *out = NULL;
    if (!r)
        return ftl_err_set(err, FTL_ENOMEM, "out of memory");
    /* The two digests on two threads: MD5 is the slower one, SHA-256
     * (with the CPU's SHA extensions) keeps pace with decoding. */
    if ((rc = ftl_digest_new(&r->dig, FTL_MD5, err)) ||
        (rc = ftl_digest_new(&r->sha, FTL_SHA256, err))) {
        ftl_digest_free(r->dig);
        free(r);
        return rc;
    }
    r->h = h;
    r->raw = malloc(RAW_BLOCK);
    /* base64 gives 3 bytes per 4, quoted-printable at most one per one
     * and the 2 it may hold back (base/cte.h). */
    r->out = malloc(RAW_BLOCK + 64);
    if (!r->raw || !r->out) {
        mbx_reader_free(r);
        return ftl_err_set(err, FTL_ENOMEM, "out of memory");
    }
    if (!w || !g_mime_data_wrapper_get_stream(w)) {
        r->eof = 1;            /* a part with no content at all */
        *out = r;
        return FTL_OK;
    }
    r->in = content_stream(g_mime_data_wrapper_get_stream(w));
    g_mime_stream_reset(r->in);
    r->encoding = g_mime_data_wrapper_get_encoding(w);
    switch (r->encoding) {
    case GMIME_CONTENT_ENCODING_BASE64:
        ftl_cte_init(&r->dec, FTL_CTE_BASE64);
        r->decode = 1;
        break;
    case GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE:
        ftl_cte_init(&r->dec, FTL_CTE_QP);
        r->decode = 1;
        break;
    case GMIME_CONTENT_ENCODING_UUENCODE: {
        /* The filter finds the "begin" line itself; rare enough not to
         * need the fast path. */
        GMimeFilter *f = g_mime_filter_basic_new(r->encoding, FALSE);

        r->filter = g_mime_stream_filter_new(r->in);
        g_mime_stream_filter_add((GMimeStreamFilter *)r->filter, f);
        g_object_unref(f);
        break;
    }
    default:
        break;                 /* 7bit, 8bit, binary: bytes as stored */
    }
    *out = r;
    return FTL_OK;
}

/* What was odd in the encoding, said once the content has ended: a last
 * base64 group that is not whole (padding left out, or the content cut),
 * characters after the padding, bytes outside the alphabet. */
static void remark(struct mbx_reader *r)
{
    const struct ftl_cte *d = &r->dec;
    size_t n = sizeof(r->remark), k = 0;
    int whole = d->last_group - 1;

    if (d->kind != FTL_CTE_BASE64)
        return;
    if (d->last_group >= 2)
        k += (size_t)snprintf(r->remark, n, "base64 content ends inside a "
                              "4-character group (no '=' padding, or cut "
                              "short): the %d whole byte%s of its last %d "
                              "characters decoded", whole,
                              whole == 1 ? "" : "s", d->last_group);
    else if (d->last_group == 1)
        k += (size_t)snprintf(r->remark, n, "base64 content ends inside a "
                              "4-character group (cut short?): its last "
                              "character holds no whole byte");
    if (d->after_end && k < n)
        k += (size_t)snprintf(r->remark + k, n - k, "%s%lld base64 "
                              "characters after the '=' padding that ends "
                              "the data not decoded", k ? "; " : "",
                              (long long)d->after_end);
    if (d->skipped && k < n)
        snprintf(r->remark + k, n - k, "%s%lld bytes that are not base64 "
                 "skipped", k ? "; " : "", (long long)d->skipped);
}

ssize_t mbx_reader_next(void *ud, const void **buf)
{
    struct mbx_reader *r = ud;
    GMimeStream *src;
    ssize_t n;
    size_t k;

    *buf = NULL;
    src = r->filter ? r->filter : r->in;
    while (!r->eof) {
        n = g_mime_stream_read(src, r->raw, RAW_BLOCK);
        if (n < 0) {
            r->eof = 1;
            r->problem = "the content could not be read to its end";
            return -1;
        }
        if (n == 0) {
            r->eof = 1;
            if (!r->decode)
                return 0;
            k = ftl_cte_finish(&r->dec, r->out);
            remark(r);
            if (!k)
                return 0;
            *buf = r->out;
        } else if (r->decode) {
            k = ftl_cte_step(&r->dec, r->raw, (size_t)n, r->out);
            if (!k)
                continue;      /* only line breaks or padding so far */
            *buf = r->out;
        } else {
            k = (size_t)n;
            *buf = r->raw;
        }
        mbx_hasher_update(r->h, r->dig, *buf, k);
        ftl_digest_update(r->sha, *buf, k);
        r->size += (int64_t)k;
        return (ssize_t)k;
    }
    return 0;
}

ssize_t mbx_reader_pull(void *ud, void *buf, size_t n, struct ftl_err *err)
{
    struct mbx_reader *r = ud;
    const void *p;
    ssize_t got;

    if (!r->pend_len) {
        got = mbx_reader_next(r, &p);
        if (got < 0)
            return ftl_err_set(err, FTL_EIO, "attached message: %s",
                               r->problem), -1;
        if (got == 0)
            return 0;
        r->pend = p;
        r->pend_len = (size_t)got;
    }
    if (n > r->pend_len)
        n = r->pend_len;
    memcpy(buf, r->pend, n);
    r->pend += n;
    r->pend_len -= n;
    return (ssize_t)n;
}

void mbx_reader_finish(struct mbx_reader *r, int64_t *size,
                       struct mbx_final *f, const char **problem,
                       const char **note)
{
    const void *p;

    while (mbx_reader_next(r, &p) > 0)
        ;
    *size = r->size;
    ftl_digest_final(r->sha, NULL, f->sha256);
    f->dig = r->dig;
    r->dig = NULL;             /* the hasher frees it */
    mbx_hasher_final(r->h, f);
    *problem = r->problem;
    *note = *r->remark ? r->remark : NULL;
}

void mbx_reader_free(struct mbx_reader *r)
{
    if (!r)
        return;
    if (r->filter)
        g_object_unref(r->filter);
    if (r->in)
        g_object_unref(r->in);
    if (r->dig) {
        mbx_hasher_sync(r->h); /* nothing of ours may still be queued */
        ftl_digest_free(r->dig);
    }
    ftl_digest_free(r->sha);
    free(r->raw);
    free(r->out);
    free(r);
}
