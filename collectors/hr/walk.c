/*
 * collectors/hr/walk.c - a folder of HR documents, walked read-only in
 * byte order of the paths
 *
 * Each folder's names are sorted with a '/' after sub-folders, which
 * gives the byte order of the full paths, so document ids are stable and
 * the folder's SHA-256 streams without holding the tree: it is that of
 * its sha256sum listing, i.e. of
 *   find . -type f -printf '%P\0' | LC_ALL=C sort -z | xargs -0 sha256sum
 * run in the folder (GNU coreutils 9.1 escaping for names holding a
 * backslash or a newline).  Symbolic links are never followed (reported),
 * FIFOs and devices are skipped before any open (O_NONBLOCK as a second
 * guard), and files and folders are opened with O_NOFOLLOW and O_NOATIME
 * (listing a folder updates its access time too).
 *
 * SPDX-License-Identifier: MIT
 */
#define _GNU_SOURCE            /* statx, O_NOATIME, asprintf */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "collectors/hr/hrdocs_int.h"

#define HR_DEPTH_MAX FTL_LIMIT_HR_DEPTH   /* folder depth (limits.h) */

/* One name of a folder. */
struct dent {
    char *key;                /* name, with '/' after a folder */
    unsigned char type;       /* DT_* */
};

/* The names of one folder, in byte order of the paths they make. */
struct listing {
    struct dent *v;
    size_t n, cap;
};

static int cmp_dent(const void *a, const void *b)
{
    return strcmp(((const struct dent *)a)->key,
                  ((const struct dent *)b)->key);
}

/* Add "sha256  name\n" to the folder's listing, escaped as GNU
 * sha256sum 9.1 does for names with a backslash or a newline. */
static void list_add(struct hr_run *r, const char *sha, const char *rel)
{
    const char *p;
    int esc = strpbrk(rel, "\\\n") != NULL;

    if (esc)
        ftl_digest_update(r->list, "\\", 1);
    ftl_digest_update(r->list, sha, 64);
    ftl_digest_update(r->list, "  ", 2);
    for (p = rel; *p; p++) {
        if (esc && *p == '\\')
            ftl_digest_update(r->list, "\\\\", 2);
        else if (esc && *p == '\n')
            ftl_digest_update(r->list, "\\n", 2);
        else
            ftl_digest_update(r->list, p, 1);
    }
    ftl_digest_update(r->list, "\n", 1);
}

/* Open a folder to list it, its access time untouched where the system
 * allows (O_NOATIME holds for getdents too); never through a link below
 * the store's root. */
static int open_dir(int dirfd, const char *name)
{
    int flags = O_RDONLY | O_DIRECTORY | O_CLOEXEC, fd;

    if (dirfd != AT_FDCWD)
        flags |= O_NOFOLLOW;
    fd = openat(dirfd, name, flags | O_NOATIME);
    if (fd < 0 && errno == EPERM)
        fd = openat(dirfd, name, flags);
    return fd;
}

/* One regular file of the store. */
static int dir_file(struct hr_run *r, int dirfd, const char *name,
                    const char *rel, struct ftl_err *err)
{
    struct statx stx;
    struct stat sb;
    struct hr_docin in;
    char md5[33], sha[65], dir[HR_PATH_MAX + 256], path[2 * HR_PATH_MAX];
    char why[256] = "";
    int fd, rc;

    memset(&in, 0, sizeof(in));
    in.rel = rel;
    in.member = r->ndocs + 1;
    in.name = name;
    hr_dir_of(r, rel, dir, sizeof(dir));
    in.dir = dir;
    snprintf(path, sizeof(path), "%s/%s", r->root, rel);
    in.path = path;
    in.size = -1;
    in.fs.origin = "file system";
    if (statx(dirfd, name, AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT,
              STATX_BASIC_STATS | STATX_BTIME, &stx) == 0) {
        in.size = (int64_t)stx.stx_size;
        hr_fs_statx(&in.fs, &stx);
    }
    /* O_NOATIME keeps the access time as it was (owner or root only);
     * O_NONBLOCK so that a FIFO swapped in meanwhile cannot hang us. */
    fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_NOATIME | O_CLOEXEC |
                O_NONBLOCK);
    if (fd < 0 && errno == EPERM)
        fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC |
                    O_NONBLOCK);
    if (fd < 0) {
        snprintf(why, sizeof(why), "cannot open: %s", strerror(errno));
    } else if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        close(fd);
        hr_item_warn(r, rel, "no longer a regular file: skipped");
        return FTL_OK;
    } else if (r->hash_only) {
        /* the listing's hash only: is the folder in the case already? */
        struct ftl_err e2 = { 0 };

        rc = col_fd_sha256(fd, path, sha, &e2);
        close(fd);
        if (rc == FTL_OK)
            list_add(r, sha, rel);
        return FTL_OK;
    } else {
        if (hr_content_read(r, hr_fd_read, &fd, &in, md5, sha) != 0)
            snprintf(why, sizeof(why), "cannot read: %s", strerror(errno));
        close(fd);
    }
    if (r->hash_only)
        return FTL_OK;         /* cannot be opened: the reading says so */
    rc = hr_content_process(r, &in, why[0] ? why : NULL, err);
    if (rc == FTL_OK && in.sha256)
        list_add(r, in.sha256, rel);
    col_progress(r->ctx, "%s: %lld documents", r->evname,
                 (long long)r->ndocs);
    return rc;
}

static void listing_free(struct listing *l)
{
    size_t i;

    for (i = 0; i < l->n; i++)
        free(l->v[i].key);
    free(l->v);
}

/* The names of the folder d lists (dirfd open on it), sorted. */
static int list_names(DIR *d, int dirfd, struct listing *l,
                      struct ftl_err *err)
{
    struct dirent *de;

    while ((de = readdir(d)) != NULL) {
        unsigned char type = de->d_type;

        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        if (type == DT_UNKNOWN) {
            struct stat sb;

            if (fstatat(dirfd, de->d_name, &sb, AT_SYMLINK_NOFOLLOW) == 0)
                type = S_ISDIR(sb.st_mode) ? DT_DIR : S_ISREG(sb.st_mode)
                       ? DT_REG : S_ISLNK(sb.st_mode) ? DT_LNK : DT_UNKNOWN;
        }
        if (l->n == l->cap) {
            size_t cap = l->cap ? l->cap * 2 : 64;
            struct dent *nv = realloc(l->v, cap * sizeof(*nv));

            if (!nv)
                return ftl_err_set(err, FTL_ENOMEM, "out of memory");
            l->v = nv;
            l->cap = cap;
        }
        if (asprintf(&l->v[l->n].key, "%s%s", de->d_name,
                     type == DT_DIR ? "/" : "") < 0)
            return ftl_err_set(err, FTL_ENOMEM, "out of memory");
        l->v[l->n++].type = type;
    }
    if (l->n)                   /* an empty folder: v is NULL */
        qsort(l->v, l->n, sizeof(*l->v), cmp_dent);
    return FTL_OK;
}

static int walk(struct hr_run *r, int dirfd, char *rel, size_t rlen,
                int depth, struct ftl_err *err);

/* A sub-folder: walked below the depth limit. */
static int visit_dir(struct hr_run *r, int dirfd, const char *name,
                     char *rel, int depth, struct ftl_err *err)
{
    int cfd, rc;

    if (depth >= HR_DEPTH_MAX) {
        hr_item_warn(r, rel, "folders nested deeper than %d: skipped",
                     HR_DEPTH_MAX);
        r->status = TL_EV_PARTIAL;
        return FTL_OK;
    }
    if ((cfd = open_dir(dirfd, name)) < 0) {
        hr_item_warn(r, rel, "cannot open folder: %s", strerror(errno));
        r->status = TL_EV_PARTIAL;
        return FTL_OK;
    }
    rc = walk(r, cfd, rel, strlen(rel), depth + 1, err);
    close(cfd);
    return rc;
}

/* One name of a folder; rel is its path in the store. */
static int visit(struct hr_run *r, int dirfd, const struct dent *e,
                 const char *name, char *rel, int depth,
                 struct ftl_err *err)
{
    char target[HR_PATH_MAX], esc[HR_PATH_MAX];
    ssize_t k;

    switch (e->type) {
    case DT_DIR:
        return visit_dir(r, dirfd, name, rel, depth, err);
    case DT_REG:
        return dir_file(r, dirfd, name, rel, err);
    case DT_LNK:
        k = readlinkat(dirfd, name, target, sizeof(target) - 1);
        target[k > 0 ? k : 0] = '\0';
        hr_item_warn(r, rel, "symbolic link to '%s' not followed",
                     ftl_esc_msg(esc, sizeof(esc), target, strlen(target)));
        return FTL_OK;
    default:
        hr_item_warn(r, rel, "not a regular file (device, FIFO or "
                     "socket): skipped");
        return FTL_OK;
    }
}

/* The folder open on dirfd, whose path in the store is rel[0..rlen)
 * (rel has room for HR_PATH_MAX bytes). */
static int walk(struct hr_run *r, int dirfd, char *rel, size_t rlen,
                int depth, struct ftl_err *err)
{
    struct listing l = { NULL, 0, 0 };
    size_t i;
    DIR *d;
    int fd2, rc;

    if ((fd2 = dup(dirfd)) < 0 || !(d = fdopendir(fd2))) {
        if (fd2 >= 0)
            close(fd2);
        hr_item_warn(r, rlen ? rel : ".", "cannot list folder: %s",
                     strerror(errno));
        r->status = TL_EV_PARTIAL;
        return FTL_OK;
    }
    rc = list_names(d, dirfd, &l, err);
    for (i = 0; i < l.n && rc == FTL_OK; i++) {
        char *name = l.v[i].key;
        size_t nl = strlen(name) - (l.v[i].type == DT_DIR);

        name[nl] = '\0';
        if (rlen + 1 + nl + 1 > HR_PATH_MAX) {
            hr_item_warn(r, rel, "path longer than %d bytes below this "
                         "folder: skipped", HR_PATH_MAX);
            r->status = TL_EV_PARTIAL;
            continue;
        }
        snprintf(rel + rlen, HR_PATH_MAX - rlen, "%s%s", rlen ? "/" : "",
                 name);
        rc = visit(r, dirfd, &l.v[i], name, rel, depth, err);
        rel[rlen] = '\0';
    }
    listing_free(&l);
    closedir(d);
    return rc;
}

/* The sha256sum listing of the folder open on fd, hashed and not
 * parsed; fd is left at its start for a walk that reads. */
static int listing_digest(struct hr_run *r, int fd, const char *path,
                          char sha[65], struct ftl_err *err)
{
    char rel[HR_PATH_MAX] = "";
    int rc;

    r->hash_only = 1;
    ftl_digest_final(r->list, NULL, NULL);       /* a fresh listing */
    rc = walk(r, fd, rel, 0, 0, err);
    r->hash_only = 0;
    /* the listing read through a dup of fd, which shares its offset */
    if (!rc && lseek(fd, 0, SEEK_SET) != 0)
        rc = ftl_err_set(err, FTL_EIO, "cannot list '%s' again: %s", path,
                         strerror(errno));
    if (!rc)
        ftl_digest_final(r->list, NULL, sha);
    return rc;
}

/* A folder collected before is not read again: its files are hashed
 * (the listing that identifies it), not parsed.  FTL_DONE when it is in
 * the case already and is to stay as it is (said), FTL_OK when it is to
 * be read, or an error. */
static int known_first(struct hr_run *r, const char *path, int fd,
                       const struct stat *sb, struct ftl_err *err)
{
    char sha[65];
    int rc;

    if ((rc = listing_digest(r, fd, path, sha, err)))
        return rc;
    return hr_item_known(r, path, -1, sb, sha, err);
}

int hr_walk_digest(const char *path, char sha[65], struct ftl_err *err)
{
    struct hr_run r;
    int fd, rc;

    /* a hash-only walk reads no rule, person or case: only the listing */
    memset(&r, 0, sizeof(r));
    if ((fd = open_dir(AT_FDCWD, path)) < 0)
        return errno == ENOENT || errno == ENOTDIR ? FTL_DONE
               : ftl_err_set(err, FTL_EIO, "cannot open folder: %s",
                             strerror(errno));
    if (!(rc = ftl_digest_new(&r.list, FTL_SHA256, err)))
        rc = listing_digest(&r, fd, path, sha, err);
    close(fd);
    ftl_digest_free(r.list);
    return rc;
}

int hr_walk_dir(struct hr_run *r, const char *path, const struct stat *sb,
                struct ftl_err *err)
{
    char rel[HR_PATH_MAX] = "", sha[65], note[256];
    size_t len;
    int fd, rc;

    if ((fd = open_dir(AT_FDCWD, path)) < 0)
        return ftl_err_set(err, FTL_EIO, "cannot open '%s': %s", path,
                           strerror(errno));
    if (!r->again && (rc = known_first(r, path, fd, sb, err))) {
        close(fd);
        return rc < 0 ? rc : FTL_OK;
    }
    hr_item_base(path, 0, r->base, sizeof(r->base));
    /* "store/" joins as "store/a.pdf", not "store//a.pdf", which would
     * read as a member of an archive. */
    snprintf(r->root, sizeof(r->root), "%s", path);
    for (len = strlen(r->root); len > 1 && r->root[len - 1] == '/'; len--)
        r->root[len - 1] = '\0';
    if ((rc = hr_item_begin(r, path, -1, sb, err))) {
        close(fd);
        return rc;
    }
    ftl_digest_final(r->list, NULL, NULL);       /* a fresh listing */
    rc = walk(r, fd, rel, 0, 0, err);
    close(fd);
    if (rc) {
        col_abort(r->ctx, r->evid, &r->mark);
        return rc;
    }
    ftl_digest_final(r->list, NULL, sha);
    snprintf(note, sizeof(note), "directory of %lld files, %lld bytes; "
             "sha256 is that of its sha256sum listing in byte order of the "
             "paths", (long long)r->ndocs, (long long)r->nbytes);
    if (!r->again && (rc = tl_evidence_note(r->ctx->st, r->evid, note,
                                            err))) {
        col_abort(r->ctx, r->evid, &r->mark);
        return rc;
    }
    return hr_item_end(r, sha, err);
}
