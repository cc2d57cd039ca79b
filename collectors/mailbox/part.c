/*
 * collectors/mailbox/part.c - the decoded content of one MIME leaf part
 *
 * The part's content stays in the evidence (a substream GMime made of
 * its input); it is read in large blocks, its Content-Transfer-Encoding
 * undone with GMime's incremental decoders (g_mime_encoding_step), and
 * the decoded bytes are hashed the moment they are produced: SHA-256
 * here, MD5 queued for the digest thread (hash.c).  Whoever
 * consumes them (libarchive listing members, a parser reading an
 * attached message, or nobody) the digests cover every decoded byte
 * once, in order, with a single pass over the part.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdlib.h>
#include <string.h>

#include "collectors/mailbox/mailbox_int.h"

#define RAW_BLOCK (128 * 1024)

struct mbx_reader {
    GMimeStream *in;          /* the content as stored (a reference) */
    GMimeStream *filter;      /* uuencode: GMime's filter stream over in */
    GMimeEncoding enc;        /* base64 / quoted-printable decoder */
    int decode;               /* 1 when enc is used */
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
    const char *problem;      /* damage seen, or NULL */
};

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
    /* base64 gives 3 bytes per 4, quoted-printable at most one per one;
     * GMime's decoders may flush a few saved bytes on top. */
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
    r->in = g_mime_data_wrapper_get_stream(w);
    g_object_ref(r->in);
    g_mime_stream_reset(r->in);
    r->encoding = g_mime_data_wrapper_get_encoding(w);
    switch (r->encoding) {
    case GMIME_CONTENT_ENCODING_BASE64:
    case GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE:
        g_mime_encoding_init_decode(&r->enc, r->encoding);
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
            /* A base64 group left incomplete: the content was cut (GMime
             * drops the bits of an incomplete group).  GMime 3.2 sets the
             * state to -1 once it has seen the '=' padding. */
            if (r->encoding == GMIME_CONTENT_ENCODING_BASE64 &&
                r->enc.state != -1 && (r->enc.state & 0xff) != 0)
                r->problem = "base64 content ends inside a 4-character "
                             "group (truncated?): its last bits are lost";
            k = g_mime_encoding_flush(&r->enc, r->raw, 0, r->out);
            if (!k)
                return 0;
            *buf = r->out;
        } else if (r->decode) {
            k = g_mime_encoding_step(&r->enc, r->raw, (size_t)n, r->out);
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
                       struct mbx_final *f, const char **problem)
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
