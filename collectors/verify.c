/*
 * collectors/verify.c - evidence read again from its place, for 'ftl
 * verify'
 *
 * Each collector identifies what it reads in its own way: a plain file
 * by the SHA-256 of its bytes (col_fd_sha256, the hash every collector
 * takes before it reads), a folder of HR documents by its sha256sum
 * listing, a disk image by its media content read through libtsk.  The
 * collectors whose way is not the file's bytes say so with
 * col_ops.digest; a child found inside an image is read through the
 * image with the parent's col_ops.digest_inner.  Nothing is written
 * here: evidence is opened read-only, its access time kept where the
 * system allows.
 *
 * SPDX-License-Identifier: MIT
 */
#define _GNU_SOURCE            /* O_NOATIME */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "collectors/collectors.h"

int col_path_sha256(const char *path, char hex[65], struct ftl_err *err)
{
    struct stat sb;
    int fd, rc;

    /* as col_src_open_file(): O_NOATIME for the owner (or root) only;
     * O_NONBLOCK so that a FIFO put in its place cannot hang us */
    fd = open(path, O_RDONLY | O_CLOEXEC | O_NOATIME | O_NONBLOCK);
    if (fd < 0 && errno == EPERM)
        fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0 && (errno == ENOENT || errno == ENOTDIR))
        return FTL_DONE;
    if (fd < 0)
        return ftl_err_set(err, FTL_EIO, "cannot open: %s",
                           strerror(errno));
    if (fstat(fd, &sb) != 0) {
        rc = ftl_err_set(err, FTL_EIO, "cannot read: %s", strerror(errno));
    } else if (!S_ISREG(sb.st_mode)) {
        rc = ftl_err_set(err, FTL_EIO, "%s", S_ISDIR(sb.st_mode)
                         ? "a folder now, not a file"
                         : "no longer a regular file");
    } else {
        posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
        rc = col_fd_sha256(fd, path, hex, err);
    }
    close(fd);
    return rc;
}

int col_place_digest(struct col_ctx *ctx, const char *kind,
                     const char *path, const char *part, char hex[65],
                     struct ftl_err *err)
{
    const struct col_ops *op = col_find(kind);

    if (op && op->digest)
        return op->digest(ctx, path, part ? part : "", hex, err);
    return col_path_sha256(path, hex, err);
}

int col_inner_digest(struct col_ctx *ctx, const char *parent_kind,
                     const char *path, const char *part, const char *inner,
                     char hex[65], struct ftl_err *err)
{
    const struct col_ops *op = col_find(parent_kind);

    if (!op || !op->digest_inner)
        return ftl_err_set(err, FTL_EIO, "found inside a %s item, which "
                           "cannot be read again", parent_kind);
    return op->digest_inner(ctx, path, part ? part : "", inner, hex, err);
}
