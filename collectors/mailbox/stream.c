/*
 * collectors/mailbox/stream.c - a seekable GMime stream over a pull source
 *
 * GMime's parser keeps a part's content as a substream of its input
 * (re-read later, when the part is decoded) only if that input can seek;
 * otherwise it copies every part into memory (gmime-parser.c,
 * parser_scan_mime_part_content: persist_stream && seekable).  Evidence
 * comes through col_src, which cannot seek: it may be a file inside a
 * disk image or a decompressed .gz.  This stream pulls each byte once,
 * in order, from the source (so col_src sees and hashes every stored byte
 * exactly once) and serves re-reads of earlier bytes from a backing
 * store: the evidence file itself (a second descriptor of the one being
 * read, so that both see the same file) when the source is that plain
 * file; otherwise an unlinked temporary spool file, cut back to the
 * message being read whenever 8 MiB lie before it, so that it never
 * holds much more than 8 MiB and the largest message.
 *
 * SPDX-License-Identifier: MIT
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "collectors/mailbox/mailbox_int.h"

#define SPOOL_KEEP (8 << 20)   /* spool bytes dropped at a time, at least */
#define NUL_CAP FTL_LIMIT_MAIL_NULS
#define PEEK_MAX FTL_LIMIT_MAIL_PEEK

/* What a stream and its substreams share. */
struct backend {
    int refs;
    mbx_pull_fn pull;
    void *ud;
    int fd;                   /* re-read store: evidence or spool; -1 */
    int spool;                /* 1 when fd is our spool */
    int64_t base;             /* stream offset of spool byte 0 */
    int64_t top;              /* bytes pulled so far */
    int last;                 /* the last byte pulled, -1 before any */
    int eof;
    struct ftl_err err;       /* what stopped the source */
    char peek[PEEK_MAX];      /* mbx_stream_peek(): the first bytes */
    size_t peek_len;
    int64_t *nul;             /* offsets of NUL bytes seen, ascending */
    size_t n_nul;
    int64_t nul_lost;         /* NULs seen while the list was full */
};

typedef struct {
    GMimeStream parent;
    struct backend *be;
} MbxStream;

typedef struct {
    GMimeStreamClass parent_class;
} MbxStreamClass;

G_DEFINE_TYPE(MbxStream, mbx_stream, GMIME_TYPE_STREAM)

static void backend_unref(struct backend *be)
{
    if (!be || --be->refs > 0)
        return;
    if (be->fd >= 0)
        close(be->fd);
    free(be->nul);
    free(be);
}

/* Remember where NUL bytes are: mail has no business holding them
 * outside binary parts, and the examiner is told where they were. */
static void note_nuls(struct backend *be, const char *buf, size_t n)
{
    const char *p = buf, *end = buf + n;

    while (p < end && (p = memchr(p, '\0', (size_t)(end - p)))) {
        if (!be->nul)
            be->nul = malloc(NUL_CAP * sizeof(*be->nul));
        if (be->nul && be->n_nul < NUL_CAP)
            be->nul[be->n_nul++] = be->top + (p - buf);
        else
            be->nul_lost++;
        p++;
    }
}

/* Pull up to n new bytes into buf and keep them for re-reads. */
static ssize_t pull(struct backend *be, char *buf, size_t n)
{
    ssize_t got, w;
    size_t done;

    if (be->eof)
        return 0;
    got = be->pull(be->ud, buf, n, &be->err);
    if (got <= 0) {
        be->eof = 1;
        return got < 0 ? -1 : 0;
    }
    if (be->spool) {
        if (be->fd < 0 && col_spool_open(&be->fd, &be->err)) {
            be->eof = 1;
            return -1;
        }
        for (done = 0; done < (size_t)got; done += (size_t)w) {
            w = pwrite(be->fd, buf + done, (size_t)got - done,
                       be->top - be->base + (int64_t)done);
            if (w <= 0) {
                ftl_err_set(&be->err, FTL_EIO, "cannot write the spool "
                            "file: %s", w < 0 ? strerror(errno)
                                              : "disk full");
                be->eof = 1;
                return -1;
            }
        }
    }
    note_nuls(be, buf, (size_t)got);
    be->top += got;
    be->last = (unsigned char)buf[got - 1];
    return got;
}

/* Re-read n bytes at stream offset 'off' (< top) from the store. */
static ssize_t reread(struct backend *be, char *buf, size_t n, int64_t off)
{
    ssize_t got;

    if (be->fd < 0 || off < be->base) {
        ftl_err_set(&be->err, FTL_EIO, "internal: offset %lld is no longer "
                    "in the spool", (long long)off);
        return -1;
    }
    do {
        got = pread(be->fd, buf, n, off - be->base);
    } while (got < 0 && errno == EINTR);
    if (got < 0)
        ftl_err_set(&be->err, FTL_EIO, "re-read at offset %lld: %s",
                    (long long)off, strerror(errno));
    return got;
}

static ssize_t s_read(GMimeStream *stream, char *buf, size_t len)
{
    struct backend *be = ((MbxStream *)stream)->be;
    int64_t p = stream->position;
    char skip[16384];
    ssize_t n;

    if (stream->bound_end != -1) {
        if (p >= stream->bound_end)
            return 0;
        if ((int64_t)len > stream->bound_end - p)
            len = (size_t)(stream->bound_end - p);
    }
    /* A read ahead of what was pulled: pull (and keep) the gap first. */
    while (p > be->top && !be->eof) {
        size_t want = (size_t)(p - be->top);

        if (pull(be, skip, want < sizeof(skip) ? want : sizeof(skip)) <= 0)
            break;
    }
    if (p < be->top) {
        if ((int64_t)len > be->top - p)
            len = (size_t)(be->top - p);
        n = reread(be, buf, len, p);
    } else if (p == be->top) {
        n = pull(be, buf, len);
    } else {
        n = 0;
    }
    if (n > 0)
        stream->position += n;
    return n;
}

static ssize_t s_write(GMimeStream *stream, const char *buf, size_t len)
{
    (void)stream;
    (void)buf;
    (void)len;
    return -1;                 /* evidence is never written */
}

static int s_flush(GMimeStream *stream)
{
    (void)stream;
    return 0;
}

static int s_close(GMimeStream *stream)
{
    (void)stream;
    return 0;
}

static gboolean s_eos(GMimeStream *stream)
{
    struct backend *be = ((MbxStream *)stream)->be;

    if (stream->bound_end != -1)
        return stream->position >= stream->bound_end;
    return be->eof && stream->position >= be->top;
}

static int s_reset(GMimeStream *stream)
{
    stream->position = stream->bound_start;
    return 0;
}

static gint64 s_seek(GMimeStream *stream, gint64 offset,
                     GMimeSeekWhence whence)
{
    struct backend *be = ((MbxStream *)stream)->be;
    gint64 real;

    switch (whence) {
    case GMIME_STREAM_SEEK_SET:
        /* absolute, as in GMime's own streams (GMimeStreamCat seeks its
         * sources to bound_start + position) */
        real = offset;
        break;
    case GMIME_STREAM_SEEK_CUR:
        real = stream->position + offset;
        break;
    case GMIME_STREAM_SEEK_END:
        if (stream->bound_end != -1)
            real = stream->bound_end + offset;
        else if (be->eof)
            real = be->top + offset;
        else
            return -1;         /* the end is not known before reading it */
        break;
    default:
        return -1;
    }
    if (real < stream->bound_start ||
        (stream->bound_end != -1 && real > stream->bound_end))
        return -1;
    stream->position = real;
    return real;
}

static gint64 s_tell(GMimeStream *stream)
{
    return stream->position;
}

static gint64 s_length(GMimeStream *stream)
{
    struct backend *be = ((MbxStream *)stream)->be;

    if (stream->bound_end != -1)
        return stream->bound_end - stream->bound_start;
    return be->eof ? be->top - stream->bound_start : -1;
}

static GMimeStream *s_substream(GMimeStream *stream, gint64 start,
                                gint64 end)
{
    MbxStream *sub = g_object_new(mbx_stream_get_type(), NULL);

    sub->be = ((MbxStream *)stream)->be;
    sub->be->refs++;
    g_mime_stream_construct((GMimeStream *)sub, start, end);
    return (GMimeStream *)sub;
}

static void s_finalize(GObject *object)
{
    backend_unref(((MbxStream *)object)->be);
    G_OBJECT_CLASS(mbx_stream_parent_class)->finalize(object);
}

static void mbx_stream_class_init(MbxStreamClass *klass)
{
    GMimeStreamClass *sc = GMIME_STREAM_CLASS(klass);

    G_OBJECT_CLASS(klass)->finalize = s_finalize;
    sc->read = s_read;
    sc->write = s_write;
    sc->flush = s_flush;
    sc->close = s_close;
    sc->eos = s_eos;
    sc->reset = s_reset;
    sc->seek = s_seek;
    sc->tell = s_tell;
    sc->length = s_length;
    sc->substream = s_substream;
}

static void mbx_stream_init(MbxStream *self)
{
    self->be = NULL;
}

GMimeStream *mbx_stream_new(mbx_pull_fn pull_fn, void *ud, int reread_fd,
                            struct ftl_err *err)
{
    struct backend *be = calloc(1, sizeof(*be));
    MbxStream *s;

    if (!be) {
        if (reread_fd >= 0)
            close(reread_fd);
        ftl_err_set(err, FTL_ENOMEM, "out of memory");
        return NULL;
    }
    be->refs = 1;
    be->pull = pull_fn;
    be->ud = ud;
    be->fd = reread_fd;
    be->last = -1;
    be->spool = reread_fd < 0;  /* the spool is created on the first pull */
    s = g_object_new(mbx_stream_get_type(), NULL);
    s->be = be;
    g_mime_stream_construct((GMimeStream *)s, 0, -1);
    return (GMimeStream *)s;
}

ssize_t mbx_stream_peek(GMimeStream *stream, size_t want, const char **head)
{
    struct backend *be = ((MbxStream *)stream)->be;
    ssize_t n;

    *head = NULL;
    if (want > sizeof(be->peek))
        want = sizeof(be->peek);
    /* Only the first bytes, before the parser reads any. */
    while (be->peek_len < want && (size_t)be->top == be->peek_len &&
           !be->eof) {
        n = pull(be, be->peek + be->peek_len, want - be->peek_len);
        if (n < 0)
            return -1;
        be->peek_len += (size_t)n;
    }
    *head = be->peek;
    return (ssize_t)(be->peek_len < want ? be->peek_len : want);
}

void mbx_stream_forget(GMimeStream *stream, int64_t offset)
{
    struct backend *be = ((MbxStream *)stream)->be;
    int64_t keep = be->top - offset;
    char buf[65536];
    ssize_t n;

    if (!be->spool || be->fd < 0 || offset - be->base < SPOOL_KEEP ||
        keep < 0 || keep > (int64_t)sizeof(buf))
        return;
    /* Move the bytes from 'offset' on to the front and cut the rest. */
    n = keep ? pread(be->fd, buf, (size_t)keep, offset - be->base) : 0;
    if (n != keep || (keep && pwrite(be->fd, buf, (size_t)keep, 0) != keep) ||
        ftruncate(be->fd, keep) != 0)
        return;                /* keep the old spool: still correct */
    be->base = offset;
}

int64_t mbx_stream_pulled(GMimeStream *stream, int *eof)
{
    struct backend *be = ((MbxStream *)stream)->be;

    if (eof)
        *eof = be->eof;
    return be->top;
}

int mbx_stream_last(GMimeStream *stream)
{
    return ((MbxStream *)stream)->be->last;
}

int mbx_stream_error(GMimeStream *stream, struct ftl_err *err)
{
    struct backend *be = ((MbxStream *)stream)->be;

    if (!be->err.code)
        return FTL_OK;
    *err = be->err;
    return err->code;
}

int64_t mbx_stream_nuls(GMimeStream *stream, int64_t from, int64_t to,
                        int64_t *first)
{
    struct backend *be = ((MbxStream *)stream)->be;
    int64_t count = 0;
    size_t i, k = 0;

    *first = -1;
    for (i = 0; i < be->n_nul; i++) {
        int64_t o = be->nul[i];

        if (o >= from && o < to) {
            if (*first < 0)
                *first = o;
            count++;
        }
        if (o >= to)
            be->nul[k++] = o;  /* belongs to a later query */
    }
    be->n_nul = k;
    /* NULs past the list's capacity are counted where they show up. */
    count += be->nul_lost;
    be->nul_lost = 0;
    return count;
}

ssize_t mbx_stream_read_at(GMimeStream *stream, int64_t off, char *buf,
                           size_t n)
{
    struct backend *be;
    ssize_t got;
    size_t done = 0;

    if (!G_TYPE_CHECK_INSTANCE_TYPE(stream, mbx_stream_get_type()) ||
        off < 0)
        return -1;
    be = ((MbxStream *)stream)->be;
    if (off >= be->top)
        return 0;
    if ((int64_t)n > be->top - off)
        n = (size_t)(be->top - off);
    while (done < n) {
        got = reread(be, buf + done, n - done, off + (int64_t)done);
        if (got <= 0)
            return got < 0 ? -1 : (ssize_t)done;
        done += (size_t)got;
    }
    return (ssize_t)done;
}

/* Is what starts at p a line GMime ends a content before: a boundary
 * ("--") or, in an mbox, the next message's "From " line? */
static int ends_content(const char *p, size_t n)
{
    return (n >= 2 && p[0] == '-' && p[1] == '-') ||
           (n >= 5 && !memcmp(p, "From ", 5));
}

int64_t mbx_stream_content_end(GMimeStream *content)
{
    int64_t b = content->bound_end, start = content->bound_start;
    char c[8];
    ssize_t n;

    if (b < 0 || b < start ||
        (n = mbx_stream_read_at(content, b - 1, c, sizeof(c))) < 3)
        return b;
    /* c[1] is the byte at b.  GMime stripped "\r\n" (its boundary line
     * ends so) where the content's last line ended with "\n" only:
     * that byte is content. */
    if (c[2] == '\n' && c[1] != '\r' && ends_content(c + 3, (size_t)n - 3))
        return b + 1;
    /* It stripped "\n" (boundary line without '\r') where the content's
     * last line ended with "\r\n": the '\r' is the line break's. */
    if (c[1] == '\n' && b - 1 >= start && c[0] == '\r' &&
        ends_content(c + 2, (size_t)n - 2))
        return b - 1;
    return b;
}
