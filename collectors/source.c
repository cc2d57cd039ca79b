/*
 * collectors/source.c - read-only byte streams over evidence
 *
 * A source reads "stored bytes" from a plain file or from a callback (a
 * file inside a disk image), hashes them with SHA-256 as they go by, and
 * hands out content: the stored bytes themselves, or what libarchive's
 * raw format makes of them when they are gzip, bzip2 or xz compressed.
 * Lines are cut at a caller-given maximum so that a 10 MiB line, or a
 * binary file with no newline at all, never makes memory grow.
 *
 * SPDX-License-Identifier: MIT
 */
#define _GNU_SOURCE            /* O_NOATIME */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>

#include "collectors/collectors.h"

#define RAW_BLOCK (128 * 1024)

struct col_src {
    char *name;
    int fd;                   /* plain file, or -1 */
    int pread;                /* read fd with pread() (a spool file) */
    int own_fd;               /* close fd at the end */
    col_read_fn read;         /* callback source, or NULL */
    void *payload;
    int64_t size;             /* stored size, -1 unknown */
    int64_t mtime;            /* ns */
    int64_t inner_mtime;      /* gzip header MTIME, ns */
    int64_t raw_off;          /* stored bytes read so far */
    int raw_eof;
    struct ftl_digest *sha;    /* over the stored bytes, NULL: not hashed */
    unsigned char *raw;       /* RAW_BLOCK buffer for stored bytes */
    size_t raw_len;           /* bytes in raw not yet consumed */
    size_t raw_pos;
    struct archive *ar;       /* decompressor, NULL for plain content */
    struct ftl_err open_err;  /* damage found while opening, told later */
    const char *filter;
    int64_t content_off;      /* content bytes handed out */
    int content_eof;
    /* line reader */
    struct ftl_err pending;   /* read error to report after the last line */
    char *buf;
    size_t cap, start, end;
    int64_t lineno;
    int64_t line_off;         /* content offset of the last line */
};

/* Read the next block of stored bytes into src->raw; 0 at the end. */
static ssize_t raw_fill(struct col_src *src, struct ftl_err *err)
{
    ssize_t n;

    if (src->raw_eof)
        return 0;
    if (src->fd >= 0) {
        do {
            n = src->pread ? pread(src->fd, src->raw, RAW_BLOCK, src->raw_off)
                           : read(src->fd, src->raw, RAW_BLOCK);
        } while (n < 0 && errno == EINTR);
        if (n < 0)
            return ftl_err_set(err, FTL_EIO, "%s: read error at offset "
                               "%lld: %s", src->name,
                               (long long)src->raw_off, strerror(errno)),
                   -1;
    } else {
        n = src->read(src->payload, src->raw_off, src->raw, RAW_BLOCK);
        if (n < 0)
            return ftl_err_set(err, FTL_EIO, "%s: read error at offset "
                               "%lld", src->name, (long long)src->raw_off),
                   -1;
    }
    if (n == 0) {
        src->raw_eof = 1;
        return 0;
    }
    if (src->sha)
        ftl_digest_update(src->sha, src->raw, (size_t)n);
    src->raw_off += n;
    src->raw_len = (size_t)n;
    src->raw_pos = 0;
    return n;
}

/* libarchive pulls stored bytes through this. */
static la_ssize_t ar_read_cb(struct archive *a, void *ud, const void **buf)
{
    struct col_src *src = ud;
    struct ftl_err err = { 0 };
    size_t n;

    if (src->raw_pos >= src->raw_len && raw_fill(src, &err) < 0) {
        archive_set_error(a, EIO, "%s", err.msg);
        return -1;
    }
    n = src->raw_len - src->raw_pos;
    *buf = src->raw + src->raw_pos;
    src->raw_pos = src->raw_len;
    return (la_ssize_t)n;
}

/* Little-endian 32-bit gzip MTIME at bytes 4..7 of the header. */
static void gzip_mtime(struct col_src *src)
{
    const unsigned char *p = src->raw;
    uint32_t t;

    if (src->raw_len < 10)
        return;
    t = (uint32_t)p[4] | (uint32_t)p[5] << 8 | (uint32_t)p[6] << 16 |
        (uint32_t)p[7] << 24;
    if (t)
        src->inner_mtime = (int64_t)t * TL_NS_PER_SEC;
}

const char *col_src_sniff(const void *head, size_t n)
{
    const unsigned char *p = head;

    if (n >= 2 && p[0] == 0x1f && p[1] == 0x8b)
        return "gzip";
    if (n >= 3 && p[0] == 'B' && p[1] == 'Z' && p[2] == 'h')
        return "bzip2";
    if (n >= 6 && memcmp(p, "\xfd" "7zXZ\0", 6) == 0)
        return "xz";
    return NULL;
}

/* Look at the first block; start libarchive when it is compressed.  A
 * read error here is kept for the first col_src_read(), like damage found
 * while opening, so that the caller can record the item and its damage. */
static int detect(struct col_src *src, int decompress, struct ftl_err *err)
{
    int r;

    if (raw_fill(src, &src->open_err) < 0)
        return FTL_OK;
    if (!decompress || !(src->filter = col_src_sniff(src->raw,
                                                     src->raw_len)))
        return FTL_OK;
    if (strcmp(src->filter, "gzip") == 0)
        gzip_mtime(src);
    src->ar = archive_read_new();
    if (!src->ar)
        return ftl_err_set(err, FTL_ENOMEM, "out of memory");
    col_archive_filters(src->ar);      /* never a program filter */
    archive_read_support_format_raw(src->ar);
    r = archive_read_open(src->ar, src, NULL, ar_read_cb, NULL);
    if (r == ARCHIVE_OK) {
        struct archive_entry *e;

        r = archive_read_next_header(src->ar, &e);
    }
    if (r != ARCHIVE_OK && r != ARCHIVE_WARN)
        /* Damaged from the start (a .gz cut short within its first 64 KiB
         * of content): open anyway, the first read reports it, so that
         * the collector can record the item and the damage. */
        ftl_err_set(&src->open_err, FTL_EPARSE, "%s: %s data damaged "
                    "before any content could be read: %s", src->name,
                    src->filter, archive_error_string(src->ar));
    return FTL_OK;
}

static int src_new(struct col_src **out, const char *name, int decompress,
                   int hash, struct ftl_err *err, struct col_src *src)
{
    int rc;

    src->name = strdup(name);
    src->raw = malloc(RAW_BLOCK);
    if (!src->name || !src->raw) {
        col_src_close(src);
        return ftl_err_set(err, FTL_ENOMEM, "out of memory");
    }
    if ((hash && (rc = ftl_digest_new(&src->sha, FTL_SHA256, err))) ||
        (rc = detect(src, decompress, err))) {
        col_src_close(src);
        return rc;
    }
    *out = src;
    return FTL_OK;
}

int col_src_open_file(struct col_src **out, const char *path,
                      int decompress, struct ftl_err *err)
{
    struct col_src *src;
    struct stat sb;
    int fd;

    *out = NULL;
    /* O_NOATIME keeps the access time of the evidence as it was; it is
     * only allowed for the owner (or root), so fall back without it.
     * O_NONBLOCK so that a FIFO given by mistake cannot hang the open;
     * it changes nothing for a regular file. */
    fd = open(path, O_RDONLY | O_CLOEXEC | O_NOATIME | O_NONBLOCK);
    if (fd < 0 && errno == EPERM)
        fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return ftl_err_set(err, FTL_EIO, "cannot open '%s': %s", path,
                           strerror(errno));
    if (fstat(fd, &sb) != 0) {
        ftl_err_set(err, FTL_EIO, "cannot read '%s': %s", path,
                    strerror(errno));
        close(fd);
        return FTL_EIO;
    }
    if (!S_ISREG(sb.st_mode)) {
        close(fd);
        return ftl_err_set(err, FTL_EIO, "cannot read '%s': %s", path,
                           S_ISDIR(sb.st_mode) ? "is a directory"
                                               : "not a regular file");
    }
    posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
    src = calloc(1, sizeof(*src));
    if (!src) {
        close(fd);
        return ftl_err_set(err, FTL_ENOMEM, "out of memory");
    }
    src->fd = fd;
    src->size = sb.st_size;
    /* a file dated past 2262 (touch can do it) has no ns mtime: 0 */
    tl_time_from_sec(sb.st_mtim.tv_sec, sb.st_mtim.tv_nsec, &src->mtime);
    src->own_fd = 1;
    return src_new(out, path, decompress, 1, err, src);
}

int col_src_open_cb(struct col_src **out, const char *name, int64_t size,
                    col_read_fn read, void *payload, int decompress,
                    struct ftl_err *err)
{
    struct col_src *src = calloc(1, sizeof(*src));

    *out = NULL;
    if (!src)
        return ftl_err_set(err, FTL_ENOMEM, "out of memory");
    src->fd = -1;
    src->read = read;
    src->payload = payload;
    src->size = size;
    return src_new(out, name, decompress, 1, err, src);
}

int col_src_open_fd(struct col_src **out, const char *name, int fd,
                    int decompress, int hash, struct ftl_err *err)
{
    struct col_src *src = calloc(1, sizeof(*src));
    struct stat sb;

    *out = NULL;
    if (!src)
        return ftl_err_set(err, FTL_ENOMEM, "out of memory");
    src->fd = fd;
    src->pread = 1;
    src->size = fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) ? sb.st_size : -1;
    return src_new(out, name, decompress, hash, err, src);
}

int col_spool_open(int *fd, struct ftl_err *err)
{
    const char *dir = getenv("TMPDIR");
    char path[4096];

    if (!dir || !*dir)
        dir = "/tmp";
    snprintf(path, sizeof(path), "%s/ftl-spool-XXXXXX", dir);
    *fd = mkstemp(path);
    if (*fd < 0)
        return ftl_err_set(err, FTL_EIO, "cannot create a spool file in "
                           "'%s': %s", dir, strerror(errno));
    unlink(path);
    return FTL_OK;
}

#define HASH_BLOCK (1 << 20)

int col_fd_sha256(int fd, const char *name, char hex[65],
                  struct ftl_err *err)
{
    struct ftl_digest *dg;
    unsigned char *buf;
    int64_t off = 0;
    ssize_t k;
    int rc;

    if (!(buf = malloc(HASH_BLOCK)))
        return ftl_err_set(err, FTL_ENOMEM, "out of memory");
    if ((rc = ftl_digest_new(&dg, FTL_SHA256, err))) {
        free(buf);
        return rc;
    }
    while ((k = pread(fd, buf, HASH_BLOCK, off)) != 0) {
        if (k < 0 && errno == EINTR)
            continue;
        if (k < 0) {
            rc = ftl_err_set(err, FTL_EIO, "%s: read error at offset %lld: "
                             "%s", name, (long long)off, strerror(errno));
            break;
        }
        ftl_digest_update(dg, buf, (size_t)k);
        off += k;
    }
    ftl_digest_final(dg, NULL, rc ? NULL : hex);
    ftl_digest_free(dg);
    free(buf);
    return rc;
}

int col_src_presha256(struct col_src *src, char hex[65], struct ftl_err *err)
{
    if (src->fd < 0 || src->read)
        return FTL_DONE;       /* a stream: hashed while it is read */
    return col_fd_sha256(src->fd, src->name, hex, err);
}

void col_src_close(struct col_src *src)
{
    if (!src)
        return;
    if (src->ar)
        archive_read_free(src->ar);
    if (src->fd >= 0 && src->own_fd)
        close(src->fd);
    ftl_digest_free(src->sha);
    free(src->raw);
    free(src->buf);
    free(src->name);
    free(src);
}

ssize_t col_src_read(struct col_src *src, void *buf, size_t n,
                     struct ftl_err *err)
{
    ssize_t got;
    size_t k;

    if (src->content_eof || n == 0)
        return 0;
    if (src->open_err.code) {
        *err = src->open_err;
        src->content_eof = 1;
        return -1;
    }
    if (src->ar) {
        got = archive_read_data(src->ar, buf, n);
        if (got < 0) {
            src->content_eof = 1;
            /* libarchive inflates in 64 KiB blocks and drops the block
             * it could not finish: say so rather than pretend. */
            return ftl_err_set(err, FTL_EPARSE, "%s: %s data damaged after "
                               "%lld bytes of content (up to 64 KiB before "
                               "that point may be unread): %s", src->name,
                               src->filter, (long long)src->content_off,
                               archive_error_string(src->ar)),
                   -1;
        }
    } else {
        if (src->raw_pos >= src->raw_len && raw_fill(src, err) < 0) {
            src->content_eof = 1;
            return -1;
        }
        k = src->raw_len - src->raw_pos;
        got = (ssize_t)(k < n ? k : n);
        memcpy(buf, src->raw + src->raw_pos, (size_t)got);
        src->raw_pos += (size_t)got;
    }
    if (got == 0)
        src->content_eof = 1;
    src->content_off += got;
    return got;
}

/* Make room for at least 'want' more bytes after buf[end]. */
static int buf_room(struct col_src *src, size_t want, struct ftl_err *err)
{
    char *nb;
    size_t ncap;

    if (src->start > 0) {
        memmove(src->buf, src->buf + src->start, src->end - src->start);
        src->end -= src->start;
        src->start = 0;
    }
    if (src->cap - src->end >= want)
        return FTL_OK;
    ncap = src->cap ? src->cap : 65536;
    while (ncap - src->end < want)
        ncap *= 2;
    nb = realloc(src->buf, ncap);
    if (!nb)
        return ftl_err_set(err, FTL_ENOMEM, "out of memory");
    src->buf = nb;
    src->cap = ncap;
    return FTL_OK;
}

int col_src_getline(struct col_src *src, char **line, size_t *len,
                    size_t max, int *truncated, struct ftl_err *err)
{
    char *nl = NULL, *p;
    size_t scanned = 0;
    ssize_t got;
    int rc, cut = 0;

    *truncated = 0;
    src->line_off = src->content_off - (int64_t)(src->end - src->start);
    if (src->pending.code && src->start == src->end) {
        /* The stream broke after the last line we handed out. */
        *err = src->pending;
        src->pending.code = 0;
        return err->code;
    }
    if (!src->buf && (rc = buf_room(src, 65536, err)))
        return rc;
    while (!(nl = memchr(src->buf + src->start + scanned, '\n',
                         src->end - src->start - scanned))) {
        scanned = src->end - src->start;
        if (scanned > max) {
            /* Too long: keep the first 'max' bytes and drop the rest of
             * the line as it streams by. */
            cut = 1;
            src->end = src->start + max;
            scanned = max;
        }
        if ((rc = buf_room(src, 65536, err)))
            return rc;
        got = col_src_read(src, src->buf + src->end, src->cap - src->end,
                           err);
        if (got <= 0) {
            if (got < 0)
                src->pending = *err;
            if (src->end == src->start) {
                if (got == 0)
                    return FTL_DONE;
                src->pending.code = 0;
                return err->code;
            }
            /* Last line without a newline: hand out what there is. */
            if ((rc = buf_room(src, 1, err)))
                return rc;
            nl = src->buf + src->end;
            break;
        }
        if (cut && (p = memchr(src->buf + src->end, '\n', (size_t)got))) {
            /* Keep the newline and what follows it, drop the middle. */
            size_t tail = (size_t)(src->buf + src->end + got - p);

            memmove(src->buf + src->end, p, tail);
            src->end += tail;
        } else if (!cut) {
            src->end += (size_t)got;
        }
    }
    *line = src->buf + src->start;
    *len = (size_t)(nl - *line);
    src->start = (size_t)(nl - src->buf) + (nl < src->buf + src->end);
    if (src->start > src->end)
        src->start = src->end;
    *nl = '\0';
    if (*len > 0 && (*line)[*len - 1] == '\r')
        (*line)[--*len] = '\0';
    if (*len > max) {
        (*line)[max] = '\0';
        *len = max;
        cut = 1;
    }
    src->lineno++;
    *truncated = cut;
    return FTL_OK;
}

int64_t col_src_lineno(const struct col_src *src)
{
    return src->lineno;
}

int64_t col_src_offset(const struct col_src *src)
{
    return src->line_off;
}

const char *col_src_name(const struct col_src *src)
{
    return src->name;
}

int64_t col_src_size(const struct col_src *src)
{
    return src->size;
}

int64_t col_src_mtime(const struct col_src *src)
{
    return src->mtime;
}

void col_src_set_mtime(struct col_src *src, int64_t mtime)
{
    src->mtime = mtime;
}

int64_t col_src_inner_mtime(const struct col_src *src)
{
    return src->inner_mtime;
}

const char *col_src_filter(const struct col_src *src)
{
    return src->filter;
}

int col_src_sha256(struct col_src *src, char hex[65], struct ftl_err *err)
{
    ssize_t n;

    if (!src->sha)
        return ftl_err_set(err, FTL_ERR, "%s: not hashed", src->name);
    /* Whatever the decompressor or the parser left unread still belongs
     * to the evidence: hash it too. */
    while ((n = raw_fill(src, err)) > 0)
        src->raw_pos = src->raw_len;
    /* On a read error hex still holds the digest of the bytes before it
     * (col_src_raw_offset() of them). */
    ftl_digest_final(src->sha, NULL, hex);
    return n < 0 ? err->code : FTL_OK;
}

int64_t col_src_raw_offset(const struct col_src *src)
{
    return src->raw_off;
}
