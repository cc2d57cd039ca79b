/*
 * collectors/hr/archive.c - a store archive (zip, tar, 7z, possibly
 * compressed), or one compressed document, read through libarchive and
 * never extracted to disk
 *
 * The archive is hashed first, so a store already in the case is not
 * read again.  Its members are documents in the order the archive holds
 * them; folders are skipped, links and other non-regular members
 * reported.  A damaged tar header is read past (libarchive looks for
 * the next one) up to HR_RETRY_MAX times in a row.  One compressed
 * document (libarchive's raw format: cv.txt.gz) is named after the file
 * without its .gz, .bz2 or .xz and found in the folder the file is in,
 * like a single document.
 *
 * SPDX-License-Identifier: MIT
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>

#include "collectors/hr/hrdocs_int.h"

#define HR_RETRY_MAX 16           /* damaged headers in a row read past */

/* An archive being read. */
struct arc {
    struct hr_run *r;
    struct archive *a;
    const char *path;         /* as given */
    int count;                /* members seen */
    int raw;                  /* one compressed document */
    char rel[HR_PATH_MAX];    /* the current member's path */
};

static ssize_t ar_read(void *payload, void *buf, size_t n)
{
    la_ssize_t k = archive_read_data(payload, buf, n);

    return k < 0 ? -1 : (ssize_t)k;
}

static const char *ar_error(struct archive *a, const char *none)
{
    return archive_error_string(a) ? archive_error_string(a) : none;
}

/* SHA-256 of an open file, read with pread (its offset stays 0). */
static int fd_sha256(struct hr_run *r, int fd, const char *path,
                     char sha[65], struct ftl_err *err)
{
    struct ftl_digest *dg;
    int64_t off = 0;
    ssize_t k;
    int rc;

    if ((rc = ftl_digest_new(&dg, FTL_SHA256, err)))
        return rc;
    while ((k = pread(fd, r->chunk, HR_CHUNK, off)) != 0) {
        if (k < 0 && errno == EINTR)
            continue;
        if (k < 0) {
            rc = ftl_err_set(err, FTL_EIO, "cannot read '%s': %s", path,
                             strerror(errno));
            ftl_digest_free(dg);
            return rc;
        }
        ftl_digest_update(dg, r->chunk, (size_t)k);
        off += k;
    }
    ftl_digest_final(dg, NULL, sha);
    ftl_digest_free(dg);
    return FTL_OK;
}

/* 0 when the file open on fd is a zip without an end of central
 * directory record where APPNOTE 4.3.16 puts it; 1 otherwise. */
static int zip_has_eocd(int fd, const unsigned char *head, size_t nhead,
                        int64_t size)
{
    unsigned char *tail;
    size_t n = size < HR_EOCD_TAIL ? (size_t)size : HR_EOCD_TAIL;
    ssize_t k;
    int found;

    if (nhead < 4 || memcmp(head, "PK", 2) != 0 || size < 4 ||
        !(tail = malloc(n)))
        return 1;               /* not a zip (or no memory to tell) */
    k = pread(fd, tail, n, size - (int64_t)n);
    found = k != (ssize_t)n || hr_zip_has_eocd(tail, n);
    free(tail);
    return found;               /* a read error is told by libarchive */
}

/* The name of the one document in a compressed file read with the raw
 * format: the file's name without .gz, .bz2 or .xz. */
static void raw_name(const char *path, char *out, size_t n)
{
    static const char *const sfx[] = { ".gz", ".bz2", ".xz" };
    size_t i, len;

    hr_item_base(path, 0, out, n);
    len = strlen(out);
    for (i = 0; i < sizeof(sfx) / sizeof(sfx[0]); i++) {
        size_t sl = strlen(sfx[i]);

        if (len > sl && strcasecmp(out + len - sl, sfx[i]) == 0) {
            out[len - sl] = '\0';
            break;
        }
    }
}

/* The member's path in the store into z->rel, "./" and "/" in front
 * dropped. */
static void member_rel(struct arc *z, struct archive_entry *e)
{
    const char *mn = archive_entry_pathname(e);

    if (++z->count == 1 && archive_format(z->a) == ARCHIVE_FORMAT_RAW) {
        /* One compressed document: named after the file, found in
         * the folder the file is in, like a single document. */
        z->raw = 1;
        z->r->base[0] = '\0';
    }
    if (!mn || !*mn)
        mn = "(no name)";
    while (mn[0] == '.' && mn[1] == '/')
        mn += 2;
    while (mn[0] == '/')
        mn++;
    if (z->raw)
        raw_name(z->path, z->rel, sizeof(z->rel));
    else
        snprintf(z->rel, sizeof(z->rel), "%s", mn);
}

/* 1 when the member is not a document: a folder (silently), a link or
 * anything else not regular (reported). */
static int member_skipped(struct arc *z, struct archive_entry *e)
{
    const char *t;
    char esc[HR_PATH_MAX];

    if (archive_entry_filetype(e) == AE_IFDIR)
        return 1;
    if ((t = archive_entry_hardlink(e)) != NULL) {
        hr_item_warn(z->r, z->rel, "hard link to '%s': the content is that "
                     "member's", ftl_esc_msg(esc, sizeof(esc), t, strlen(t)));
        return 1;
    }
    if (archive_entry_filetype(e) == AE_IFLNK) {
        t = archive_entry_symlink(e);
        hr_item_warn(z->r, z->rel, "symbolic link to '%s' not followed",
                     t ? ftl_esc_msg(esc, sizeof(esc), t, strlen(t)) : "?");
        return 1;
    }
    if (archive_entry_filetype(e) != AE_IFREG) {
        hr_item_warn(z->r, z->rel, "not a regular file: skipped");
        return 1;
    }
    return 0;
}

/* The member's times as the archive keeps them. */
static void member_times(struct hr_fstimes *fs, struct archive_entry *e)
{
    fs->origin = "archive";
    if (archive_entry_mtime_is_set(e))
        hr_fs_time(fs, 0, archive_entry_mtime(e),
                   archive_entry_mtime_nsec(e));
    if (archive_entry_atime_is_set(e))
        hr_fs_time(fs, 1, archive_entry_atime(e),
                   archive_entry_atime_nsec(e));
    if (archive_entry_ctime_is_set(e))
        hr_fs_time(fs, 2, archive_entry_ctime(e),
                   archive_entry_ctime_nsec(e));
    if (archive_entry_birthtime_is_set(e))
        hr_fs_time(fs, 3, archive_entry_birthtime(e),
                   archive_entry_birthtime_nsec(e));
}

/* One regular member: read, hashed and recorded. */
static int member_doc(struct arc *z, struct archive_entry *e,
                      struct ftl_err *err)
{
    struct hr_docin in;
    char md5[33], dsha[65], dir[HR_PATH_MAX + 256], dpath[2 * HR_PATH_MAX];
    const char *slash;

    memset(&in, 0, sizeof(in));
    in.rel = z->rel;
    in.member = z->count;
    slash = strrchr(z->rel, '/');
    in.name = slash ? slash + 1 : z->rel;
    if (z->raw)
        snprintf(dir, sizeof(dir), "%.*s", (slash = strrchr(z->path, '/'))
                 ? (int)(slash - z->path) : 0, z->path);
    else
        hr_dir_of(z->r, z->rel, dir, sizeof(dir));
    in.dir = dir;
    snprintf(dpath, sizeof(dpath), "%s//%s", z->path, z->rel);
    in.path = dpath;
    in.size = archive_entry_size_is_set(e) ? archive_entry_size(e) : -1;
    member_times(&in.fs, e);
    if (hr_content_read(z->r, ar_read, z->a, &in, md5, dsha) != 0) {
        char why[300];

        snprintf(why, sizeof(why), "member is damaged: %s",
                 ar_error(z->a, "read error"));
        return hr_content_process(z->r, &in, why, err);
    }
    if (in.size < 0)
        in.size = in.total;
    return hr_content_process(z->r, &in, NULL, err);
}

/* Every member in order, until libarchive says no more: its last
 * answer in *last. */
static int read_members(struct arc *z, int *last, struct ftl_err *err)
{
    struct hr_run *r = z->r;
    struct archive_entry *e;
    int ar, retries = 0, rc;

    for (;;) {
        *last = ar = archive_read_next_header(z->a, &e);
        if (ar == ARCHIVE_RETRY && retries++ < HR_RETRY_MAX) {
            /* A damaged header (tar): libarchive can look for the next
             * one.  Say where once, and read on. */
            if (retries == 1)
                col_warn(r->ctx, r->evid, z->path, NULL, "damaged archive "
                         "after %d member%s: %s; looking for the next "
                         "member", z->count, z->count == 1 ? "" : "s",
                         ar_error(z->a, "read error"));
            r->status = TL_EV_PARTIAL;
            continue;
        }
        if (ar != ARCHIVE_OK && ar != ARCHIVE_WARN)
            return FTL_OK;
        retries = 0;
        member_rel(z, e);
        if (member_skipped(z, e))
            continue;
        if ((rc = member_doc(z, e, err)))
            return rc;
        col_progress(r->ctx, "%s: %lld documents", z->path,
                     (long long)r->ndocs);
    }
}

/* How the members ended: an empty archive, or damage after some. */
static void members_done(struct arc *z, int last)
{
    struct hr_run *r = z->r;

    if (last == ARCHIVE_EOF && !z->count)
        col_warn(r->ctx, r->evid, z->path, NULL, "no member: an empty %s "
                 "archive", archive_format_name(z->a)
                 ? archive_format_name(z->a) : "");
    if (last != ARCHIVE_EOF) {
        col_warn(r->ctx, r->evid, z->path, NULL, "damaged archive after %d "
                 "member%s: %s", z->count, z->count == 1 ? "" : "s",
                 ar_error(z->a, "read error"));
        r->status = z->count ? TL_EV_PARTIAL : TL_EV_FAILED;
    }
}

/* libarchive over fd: built-in filters only, never a program named by
 * evidence; the raw format last, for one compressed document. */
static int open_archive(struct arc *z, int fd, struct ftl_err *err)
{
    int rc;

    if (!(z->a = col_archive_new(1)))
        return ftl_err_set(err, FTL_ENOMEM, "out of memory");
    if (archive_read_open_fd(z->a, fd, 1 << 16) != ARCHIVE_OK) {
        rc = ftl_err_set(err, FTL_EPARSE, "cannot read archive '%s': %s",
                         z->path, archive_error_string(z->a));
        archive_read_free(z->a);
        return rc;
    }
    return FTL_OK;
}

int hr_archive_collect(struct hr_run *r, const char *path, int fd,
                       const struct stat *sb, const unsigned char *head,
                       size_t nhead, struct ftl_err *err)
{
    struct arc z;
    char sha[65];
    int rc, last;

    /* Hash first: a store collected before is not read again. */
    if ((rc = fd_sha256(r, fd, path, sha, err)))
        return rc;
    if ((rc = hr_item_known(r, path, sb->st_size, sb, sha, err)))
        return rc < 0 ? rc : FTL_OK;
    memset(&z, 0, sizeof(z));
    z.r = r;
    z.path = path;
    if ((rc = open_archive(&z, fd, err)))
        return rc;
    hr_item_base(path, 1, r->base, sizeof(r->base));
    if ((rc = hr_item_begin(r, path, sb->st_size, sb, err))) {
        archive_read_free(z.a);
        return rc;
    }
    if (!zip_has_eocd(fd, head, nhead, sb->st_size)) {
        col_warn(r->ctx, r->evid, path, NULL, "no end of central directory: "
                 "the zip is cut short or damaged; members read from their "
                 "local headers");
        r->status = TL_EV_PARTIAL;
    }
    if ((rc = read_members(&z, &last, err))) {
        col_abort(r->ctx, r->evid, &r->mark);
        archive_read_free(z.a);
        return rc;
    }
    members_done(&z, last);
    archive_read_free(z.a);
    return hr_item_end(r, sha, err);
}
