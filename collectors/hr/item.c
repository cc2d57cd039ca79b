/*
 * collectors/hr/item.c - one path of 'ftl collect hr': a folder, a store
 * archive or one document, and its evidence row
 *
 * Each path given is one evidence item (kind "hr").  A file is opened
 * once, with O_NOATIME where the system allows, and typed from its first
 * bytes: a zip (but not a zip document: .docx, .odt, ...), a tar, a 7z
 * or a compressed stream is a store archive (archive.c); anything else
 * is one document, read and hashed once, whose SHA-256 is both the
 * document's and the evidence's.  Folders are walk.c's.
 *
 * SPDX-License-Identifier: MIT
 */
#define _GNU_SOURCE            /* statx, O_NOATIME */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "collectors/hr/hrdocs_int.h"

/* The evidence row (and place) of 'path'. */
static void item_ev(const struct hr_run *r, const char *path, int64_t size,
                    const struct stat *sb, struct tl_evidence *ev)
{
    memset(ev, 0, sizeof(*ev));
    ev->kind = "hr";
    ev->path = path;
    ev->size = size;
    tl_time_from_sec(sb->st_mtim.tv_sec, sb->st_mtim.tv_nsec, &ev->mtime);
    ev->options = r->opts;
    ev->tz = r->ctx->tz ? tl_tz_name(r->ctx->tz) : "UTC";
    ev->audit_id = r->ctx->audit_id;
}

int hr_item_known(struct hr_run *r, const char *path, int64_t size,
                  const struct stat *sb, const char *sha,
                  struct ftl_err *err)
{
    struct tl_evidence ev;

    if (r->again)
        return FTL_OK;         /* read again into the item it was */
    item_ev(r, path, size, sb, &ev);
    return col_evidence_known(r->ctx, &ev, sha, path, err);
}

int hr_item_begin(struct hr_run *r, const char *path, int64_t size,
                  const struct stat *sb, struct ftl_err *err)
{
    struct tl_evidence ev;
    int rc;

    r->evname = path;
    r->ndocs = r->nbytes = r->nunread = 0;
    r->status = TL_EV_COMPLETE;
    if (r->again) {            /* read again into the item it was */
        r->evid = r->again;
        return FTL_OK;
    }
    item_ev(r, path, size, sb, &ev);
    col_ctx_mark(r->ctx, &r->mark);
    if ((rc = col_evidence_begin(r->ctx, &ev, &r->evid, err)))
        return rc;
    if ((rc = hr_rules_record(r->rules, r->ctx->st, err)))
        tl_evidence_abort(r->ctx->st, r->evid);
    return rc;
}

int hr_item_end(struct hr_run *r, const char *sha, struct ftl_err *err)
{
    int rc;

    if (r->again) {
        r->again_same = sha && strcmp(sha, r->again_sha) == 0;
        return FTL_OK;
    }
    /* An unread document makes a store partial, not a failed one
     * complete again. */
    if (r->nunread && r->status == TL_EV_COMPLETE)
        r->status = TL_EV_PARTIAL;
    rc = col_evidence_end(r->ctx, r->evid, r->evname, sha, NULL, r->status,
                          err);
    if (rc == FTL_OK)
        col_report(r->ctx, COL_INFO, "%s: %lld document%s read", r->evname,
                   (long long)r->ndocs, r->ndocs == 1 ? "" : "s");
    return rc < 0 ? rc : FTL_OK;
}

/* The front escapes what it prints: the locator stays as it is. */
void hr_item_warn(struct hr_run *r, const char *rel, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;

    if (r->hash_only)
        return;                /* said by the walk that reads */
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    col_warn(r->ctx, r->evid, r->evname, rel, "%s", msg);
}

void hr_item_base(const char *path, int strip_ext, char *out, size_t n)
{
    static const char *const ext[] = { ".tar.gz", ".tar.bz2", ".tar.xz",
                                       ".tgz", ".tbz2", ".txz", ".tar",
                                       ".zip", ".7z" };
    size_t len = strlen(path), i, ol;
    const char *s;

    while (len > 1 && path[len - 1] == '/')
        len--;
    for (s = path + len; s > path && s[-1] != '/'; s--)
        ;
    snprintf(out, n, "%.*s", (int)(path + len - s), s);
    if (!strip_ext)
        return;
    ol = strlen(out);
    for (i = 0; i < sizeof(ext) / sizeof(ext[0]); i++) {
        size_t el = strlen(ext[i]);

        if (ol > el && strcasecmp(out + ol - el, ext[i]) == 0) {
            out[ol - el] = '\0';
            break;
        }
    }
}

/* One document open on fd, read (and hashed) once: its SHA-256 is the
 * evidence's. */
static int collect_file(struct hr_run *r, const char *path, int fd,
                        const struct stat *sb, struct ftl_err *err)
{
    struct statx stx;
    struct hr_docin in;
    char md5[33], dsha[65], dir[HR_PATH_MAX], why[256] = "";
    const char *slash = strrchr(path, '/');
    int rc;

    memset(&in, 0, sizeof(in));
    in.member = 1;
    in.rel = slash ? slash + 1 : path;
    in.name = in.rel;
    snprintf(dir, sizeof(dir), "%.*s", slash ? (int)(slash - path) : 0,
             path);
    in.dir = dir;
    in.path = path;
    in.size = sb->st_size;
    in.fs.origin = "file system";
    r->base[0] = '\0';
    if (statx(fd, "", AT_EMPTY_PATH, STATX_BASIC_STATS | STATX_BTIME,
              &stx) == 0)
        hr_fs_statx(&in.fs, &stx);
    if (hr_content_read(r, hr_fd_read, &fd, &in, md5, dsha) != 0)
        snprintf(why, sizeof(why), "cannot read: %s", strerror(errno));
    else if ((rc = hr_item_known(r, path, sb->st_size, sb, dsha, err)))
        return rc < 0 ? rc : FTL_OK;
    if ((rc = hr_item_begin(r, path, sb->st_size, sb, err)))
        return rc;
    if ((rc = hr_content_process(r, &in, why[0] ? why : NULL, err))) {
        col_abort(r->ctx, r->evid, &r->mark);
        return rc;
    }
    if (r->nunread)
        r->status = TL_EV_FAILED;
    return hr_item_end(r, in.sha256, err);
}

/* A file given on the command line is a store archive when its first
 * bytes are a zip's (but not a zip document's: .docx, .odt, ...), a
 * tar's, a 7z's, or a compressed stream's (a .tar.gz, or one compressed
 * document). */
static int is_archive(const char *path, const unsigned char *b, size_t k)
{
    if (hr_zip_doc_ext(path) || k < 4)
        return 0;
    return memcmp(b, "PK\3\4", 4) == 0 || memcmp(b, "PK\5\6", 4) == 0 ||
           (k >= 262 && memcmp(b + 257, "ustar", 5) == 0) ||
           col_src_sniff(b, k) != NULL ||
           (k >= 6 && memcmp(b, "7z\xbc\xaf\x27\x1c", 6) == 0);
}

/* A file: opened once, typed by its first bytes. */
static int collect_path_file(struct hr_run *r, const char *path,
                             struct stat *sb, struct ftl_err *err)
{
    unsigned char head[512];
    ssize_t k;
    int fd, rc;

    /* Access time untouched where the system allows (owner or root);
     * O_NONBLOCK so that a FIFO swapped in cannot hang us. */
    fd = open(path, O_RDONLY | O_NOATIME | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0 && errno == EPERM)
        fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return ftl_err_set(err, FTL_EIO, "cannot open '%s': %s", path,
                           strerror(errno));
    if (fstat(fd, sb) != 0 || !S_ISREG(sb->st_mode)) {
        close(fd);
        return ftl_err_set(err, FTL_EIO, "'%s' is no longer a file", path);
    }
    do
        k = pread(fd, head, sizeof(head), 0);
    while (k < 0 && errno == EINTR);
    if (k > 0 && is_archive(path, head, (size_t)k))
        rc = hr_archive_collect(r, path, fd, sb, head, (size_t)k, err);
    else
        rc = collect_file(r, path, fd, sb, err);
    close(fd);
    return rc;
}

int hr_item_collect(struct hr_run *r, const char *path, struct ftl_err *err)
{
    struct stat sb;

    if (stat(path, &sb) != 0)
        return ftl_err_set(err, FTL_EIO, "cannot open '%s': %s", path,
                           strerror(errno));
    if (S_ISDIR(sb.st_mode))
        return hr_walk_dir(r, path, &sb, err);
    if (!S_ISREG(sb.st_mode))
        return ftl_err_set(err, FTL_EIO, "'%s' is neither a folder nor a "
                           "file", path);
    return collect_path_file(r, path, &sb, err);
}

int hr_item_digest(struct col_ctx *ctx, const char *path, const char *part,
                   char hex[65], struct ftl_err *err)
{
    struct stat sb;

    (void)ctx;
    (void)part;
    /* as hr_item_collect() tells them apart */
    if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode))
        return hr_walk_digest(path, hex, err);
    return col_path_sha256(path, hex, err);
}
