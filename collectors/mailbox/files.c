/*
 * collectors/mailbox/files.c - mail stores given as paths on the host
 *
 * A directory is walked in name order: every regular file that looks
 * like mail is one evidence item, the others are counted and skipped;
 * symbolic links are not followed (a store must not be read twice or
 * escape its tree).  A file named on the command line is one item
 * whatever it looks like.  A compressed file (.gz, .bz2, .xz) is read
 * through col_src; a plain one is read here directly, in large blocks,
 * with its SHA-256 computed on the digest thread (hash.c), and re-read
 * from the file itself where GMime asks for earlier bytes.
 *
 * SPDX-License-Identifier: MIT
 */
#define _GNU_SOURCE            /* O_NOATIME */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "collectors/mailbox/mailbox_int.h"

#define DIR_DEPTH_MAX FTL_LIMIT_MAIL_DIR_DEPTH

/* ------------------------------------------------------------------ */
/* A plain file, read directly                                         */
/* ------------------------------------------------------------------ */

/* Read in large blocks: GMime asks for 4 KiB at a time, and a system
 * call and a hand-over to the hasher for each would cost more than the
 * hashing. */
#define PLAIN_BLOCK (256 * 1024)
struct plain {
    const char *path;
    int fd;
    int64_t off;               /* bytes read from the file */
    struct mbx_hasher *h;
    struct ftl_digest *sha;
    char *buf;                 /* PLAIN_BLOCK */
    size_t pos, len;           /* unread part of buf */
};

static ssize_t plain_pull(void *ud, void *buf, size_t n, struct ftl_err *err)
{
    struct plain *p = ud;
    ssize_t got;

    if (p->pos == p->len) {
        do {
            got = read(p->fd, p->buf, PLAIN_BLOCK);
        } while (got < 0 && errno == EINTR);
        if (got < 0)
            return ftl_err_set(err, FTL_EIO, "%s: read error at offset "
                               "%lld: %s", p->path, (long long)p->off,
                               strerror(errno)), -1;
        if (got == 0)
            return 0;
        mbx_hasher_update(p->h, p->sha, p->buf, (size_t)got);
        p->off += got;
        p->pos = 0;
        p->len = (size_t)got;
    }
    if (n > p->len - p->pos)
        n = p->len - p->pos;
    memcpy(buf, p->buf + p->pos, n);
    p->pos += n;
    return (ssize_t)n;
}

static int plain_sha256(void *ud, char hex[65], int64_t *hashed,
                        struct ftl_err *err)
{
    struct plain *p = ud;
    char buf[65536];
    ssize_t n;

    /* Bytes the parser did not need (after the last message) still
     * belong to the evidence. */
    while ((n = plain_pull(p, buf, sizeof(buf), err)) > 0)
        ;
    mbx_hasher_sync(p->h);
    ftl_digest_final(p->sha, NULL, hex);
    *hashed = p->off;
    return n < 0 ? err->code : FTL_OK;
}

/* Collect the plain file open as p->fd (re-reads with pread(): the same
 * file). */
static int collect_plain(struct col_ctx *ctx, struct mbx_run *run,
                         const struct mbx_opts *o, struct plain *p,
                         struct mbx_input *in, int probe,
                         struct ftl_err *err)
{
    int rc;

    posix_fadvise(p->fd, 0, 0, POSIX_FADV_SEQUENTIAL);
    if (!(p->buf = malloc(PLAIN_BLOCK)))
        return ftl_err_set(err, FTL_ENOMEM, "out of memory");
    if ((rc = ftl_digest_new(&p->sha, FTL_SHA256, err))) {
        free(p->buf);
        return rc;
    }
    in->pull = plain_pull;
    in->ud = p;
    in->reread_fd = p->fd;
    in->sha256 = plain_sha256;
    rc = mbx_item_collect(ctx, run, o, in, p->path, 0, NULL, probe, err);
    mbx_hasher_sync(p->h);     /* the digest may still be queued */
    ftl_digest_free(p->sha);
    free(p->buf);
    return rc;
}

/* ------------------------------------------------------------------ */
/* One file                                                            */
/* ------------------------------------------------------------------ */

/* Open 'path' read-only, access time untouched where allowed (as
 * col_src), and without waiting for a writer should the name be a FIFO
 * (refused: O_NONBLOCK does nothing to a regular file).  *fd and *sb on
 * success. */
static int open_file(const char *path, int *fd, struct stat *sb,
                     struct ftl_err *err)
{
    int rc;

    *fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOATIME);
    if (*fd < 0 && errno == EPERM)
        *fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (*fd < 0)
        return ftl_err_set(err, FTL_EIO, "cannot open '%s': %s", path,
                           strerror(errno));
    if (fstat(*fd, sb) != 0)
        rc = ftl_err_set(err, FTL_EIO, "cannot read '%s': %s", path,
                         strerror(errno));
    else if (!S_ISREG(sb->st_mode))
        rc = ftl_err_set(err, FTL_EIO, "cannot read '%s': %s", path,
                         S_ISDIR(sb->st_mode) ? "is a directory"
                                              : "not a regular file");
    else
        return FTL_OK;
    close(*fd);
    *fd = -1;
    return rc;
}

/* A compressed file open as 'fd': col_src decompresses it (from this
 * descriptor) and the content is spooled for re-reads. */
static int collect_compressed(struct col_ctx *ctx, struct mbx_run *run,
                              const struct mbx_opts *o, const char *path,
                              int fd, const struct mbx_input *file,
                              int probe, struct ftl_err *err)
{
    struct mbx_input in;
    struct col_src *src;
    int rc;

    if ((rc = col_src_open_fd(&src, path, fd, 1, 1, err)))
        return rc;
    mbx_input_src(&in, src);
    in.size = file->size;      /* of the file as stored, and its time */
    in.mtime = file->mtime;
    rc = mbx_item_collect(ctx, run, o, &in, path, 0, NULL, probe, err);
    col_src_close(src);
    return rc;
}

/* Hashed first: a file whose content is in the case already is not
 * parsed again (one more place of it, or not collected for other
 * options).  FTL_DONE then; FTL_OK when it is to be read (also when it
 * cannot be hashed: the reading says where it is damaged). */
static int known_first(struct col_ctx *ctx, const char *path, int fd,
                       const struct mbx_input *in, struct ftl_err *err)
{
    struct tl_evidence place = { 0 };
    struct ftl_err e2 = { 0 };
    char sha[65];
    int64_t replaced = ctx->n_replaced;
    int rc;

    if (col_fd_sha256(fd, path, sha, &e2))
        return FTL_OK;
    place.kind = "mailbox";
    place.path = path;
    place.size = in->size;
    place.mtime = in->mtime;
    place.audit_id = ctx->audit_id;
    if ((rc = col_evidence_known(ctx, &place, sha, path, err)) != FTL_DONE)
        return rc;
    /* a maildir copy: its own delivery and file times */
    rc = mbx_places_recorded(ctx, replaced, err);
    return rc < 0 ? rc : FTL_DONE;
}

/* 1 when a file of a walk is plainly no mail: not compressed, and its
 * first bytes are no store format (the test item.c makes on the same
 * bytes), or it is empty. */
static int not_mail(const struct mbx_opts *o, int fd)
{
    char head[4096];
    ssize_t n;

    do
        n = pread(fd, head, sizeof(head), 0);
    while (n < 0 && errno == EINTR);
    if (n < 0)
        return 0;              /* the reading will say why */
    if (n == 0)
        return 1;
    if (col_src_sniff(head, (size_t)n))
        return 0;
    return !o->format && mbx_detect(head, (size_t)n) == MBX_AUTO;
}

/* One file on the host; 'probe': FTL_DONE when it is not mail. */
static int collect_file(struct col_ctx *ctx, struct mbx_run *run,
                        const struct mbx_opts *o, const char *path,
                        int probe, struct ftl_err *err)
{
    struct mbx_input in;
    struct plain p;
    struct stat sb;
    unsigned char head[6];
    ssize_t hn;
    int rc;

    memset(&p, 0, sizeof(p));
    p.path = path;
    p.h = mbx_run_hasher(run);
    if ((rc = open_file(path, &p.fd, &sb, err)))
        return rc;
    memset(&in, 0, sizeof(in));
    in.size = sb.st_size;
    in.reread_fd = -1;
    tl_time_from_sec(sb.st_mtim.tv_sec, sb.st_mtim.tv_nsec, &in.mtime);
    if (probe && not_mail(o, p.fd)) {
        close(p.fd);           /* no need to hash what is skipped */
        return FTL_DONE;
    }
    if ((rc = known_first(ctx, path, p.fd, &in, err))) {
        close(p.fd);
        return rc == FTL_DONE ? FTL_OK : rc;
    }
    hn = pread(p.fd, head, sizeof(head), 0);
    if (col_src_sniff(head, hn > 0 ? (size_t)hn : 0))
        rc = collect_compressed(ctx, run, o, path, p.fd, &in, probe, err);
    else
        rc = collect_plain(ctx, run, o, &p, &in, probe, err);
    close(p.fd);
    return rc;
}

/* ------------------------------------------------------------------ */
/* Directories                                                         */
/* ------------------------------------------------------------------ */

/* What a directory walk found. */
struct walk {
    int64_t n_ok;              /* mail files read (or already in the case) */
    int64_t n_skip;            /* other files */
};

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The paths of the entries of 'dir' in name order, as an array of
 * g_malloc'd strings in 'names' (a buffer of char * cells). */
static int list_dir(const char *dir, struct ftl_buf *names,
                    struct ftl_err *err)
{
    /* O_NOATIME: listing a folder of evidence must not move its access
     * time (opendir() would); refused by the system unless root or the
     * owner, then an ordinary open */
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOATIME);
    DIR *d = NULL;
    struct dirent *de;
    char *path;
    int rc = FTL_OK;

    if (fd < 0 && errno == EPERM)
        fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0 && !(d = fdopendir(fd)))
        close(fd);
    if (fd < 0 || !d)
        return ftl_err_set(err, FTL_EIO, "cannot open directory '%s': %s",
                           dir, strerror(errno));
    while ((de = readdir(d))) {
        if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
            continue;
        path = g_strdup_printf("%s/%s", dir, de->d_name);
        if (ftl_buf_add(names, &path, sizeof(path))) {
            g_free(path);
            rc = ftl_err_set(err, FTL_ENOMEM, "out of memory");
            break;
        }
    }
    closedir(d);
    if (names->len)
        qsort(names->p, names->len / sizeof(char *), sizeof(char *),
              by_name);
    return rc;
}

static int walk_dir(struct col_ctx *ctx, struct mbx_run *run,
                    const struct mbx_opts *o, const char *dir,
                    struct walk *w, int depth, struct ftl_err *err);

/* After one entry of a walk: an error is reported and counted as a
 * failed item and the walk goes on, unless the case could not be
 * written. */
static int walk_error(struct col_ctx *ctx, int rc, struct ftl_err *err)
{
    if (rc >= 0 || rc == FTL_EDB || rc == FTL_ENOMEM)
        return rc;
    col_report(ctx, COL_ERROR, "%s", err->msg);
    ftl_err_clear(err);
    ctx->n_failed++;
    return FTL_OK;
}

/* One entry of a walk: a mail file collected, a directory walked, the
 * rest counted; links, entries that cannot be examined and directories
 * nested too deep are mentioned. */
static int walk_entry(struct col_ctx *ctx, struct mbx_run *run,
                      const struct mbx_opts *o, const char *path,
                      struct walk *w, int depth, struct ftl_err *err)
{
    struct stat sb;
    int rc = FTL_OK;

    if (lstat(path, &sb) != 0) {
        col_report(ctx, COL_WARN, "'%s' skipped: %s", path,
                   strerror(errno));
        w->n_skip++;
    } else if (S_ISLNK(sb.st_mode)) {
        col_report(ctx, COL_WARN, "'%s' skipped: a symbolic link is not "
                   "followed", path);
        w->n_skip++;
    } else if (S_ISDIR(sb.st_mode) && depth >= DIR_DEPTH_MAX) {
        col_report(ctx, COL_WARN, "'%s' skipped: directories nested "
                   "deeper than %d levels are not walked", path,
                   DIR_DEPTH_MAX);
        w->n_skip++;
    } else if (S_ISDIR(sb.st_mode)) {
        rc = walk_dir(ctx, run, o, path, w, depth + 1, err);
    } else if (!S_ISREG(sb.st_mode)) {
        w->n_skip++;
    } else if ((rc = collect_file(ctx, run, o, path, 1, err)) ==
               FTL_DONE) {
        w->n_skip++;
        rc = FTL_OK;
    } else if (rc == FTL_OK) {
        w->n_ok++;
    }
    return walk_error(ctx, rc, err);
}

/* Returns an error when 'dir' cannot be listed or the case could not
 * be written. */
static int walk_dir(struct col_ctx *ctx, struct mbx_run *run,
                    const struct mbx_opts *o, const char *dir,
                    struct walk *w, int depth, struct ftl_err *err)
{
    struct ftl_buf names = { 0 };
    char **v;
    size_t n, i;
    int rc;

    rc = list_dir(dir, &names, err);
    v = (char **)names.p;
    n = names.len / sizeof(*v);
    for (i = 0; i < n && rc >= 0; i++)
        rc = walk_entry(ctx, run, o, v[i], w, depth, err);
    for (i = 0; i < n; i++)
        g_free(v[i]);
    ftl_buf_release(&names);
    return rc;
}

int mbx_path_collect(struct col_ctx *ctx, struct mbx_run *run,
                     const struct mbx_opts *o, const char *path,
                     struct ftl_err *err)
{
    struct walk w = { 0, 0 };
    struct stat sb;
    int rc;

    if (stat(path, &sb) != 0 || !S_ISDIR(sb.st_mode))
        return collect_file(ctx, run, o, path, 0, err);
    if ((rc = walk_dir(ctx, run, o, path, &w, 0, err)) < 0)
        return rc;
    col_report(ctx, COL_INFO, "%s: %lld mail file%s read, %lld other "
               "file%s skipped", path, (long long)w.n_ok,
               w.n_ok == 1 ? "" : "s", (long long)w.n_skip,
               w.n_skip == 1 ? "" : "s");
    if (!w.n_ok)
        return ftl_err_set(err, FTL_ERR, "'%s': no mail file in it could "
                           "be read", path);
    return FTL_OK;
}
