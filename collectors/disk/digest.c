/*
 * collectors/disk/digest.c - an image and the files found in it, read
 * again for 'ftl verify'
 *
 * The image is identified as the collector identified it: its files
 * found the same way (the segments of a split or E01 set), opened with
 * the same TSK type, its media content hashed by the same function
 * (hash.c), or its files' bytes when libtsk cannot open it.  A child (a
 * mail log, a mail store) is read through the image: the file system it
 * was found in ("vol2/..." names a partition, an image read at an
 * offset has its file system there), the file by its path, its bytes
 * through the callback the child was hashed through (child.c).  The
 * last image opened for children stays open in the run's state, with
 * its volume system and one file system, so that the thousand logs of
 * one image open it once.
 *
 * SPDX-License-Identifier: MIT
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "collectors/disk/disk_int.h"

/* What stays open between children (col_ctx_state). */
struct disk_verify {
    char *path, *part;         /* the image open, and its place's part */
    struct disk_image im;
    int vs_tried;
    TSK_VS_INFO *vs;
    char fs_label[32];         /* "vol2", or "" for the bare one */
    TSK_FS_INFO *fs;
};

static void image_close(struct disk_image *im)
{
    if (im->img)
        tsk_img_close(im->img);
    col_disk_segments_free(im->segs);
    memset(im, 0, sizeof(*im));
}

static void verify_drop(struct disk_verify *v)
{
    if (v->fs)
        tsk_fs_close(v->fs);
    if (v->vs)
        tsk_vs_close(v->vs);
    image_close(&v->im);
    free(v->path);
    free(v->part);
    memset(v, 0, sizeof(*v));
}

static void verify_release(void *state)
{
    verify_drop(state);
}

/* The image whose first file is 'path', its files found and opened as
 * the collector does.  FTL_DONE when 'path' is not there; *opened 0
 * when libtsk cannot open it (why says why). */
static int image_load(struct disk_image *im, const char *path, int *opened,
                      char *why, size_t nwhy, struct ftl_err *err)
{
    char *paths[1];
    struct stat sb;
    int rc;

    memset(im, 0, sizeof(*im));
    atomic_init(&im->hdone, 0);
    atomic_init(&im->hpos, 0);
    im->inner = "";
    *opened = 0;
    if (stat(path, &sb) != 0 && (errno == ENOENT || errno == ENOTDIR))
        return FTL_DONE;
    paths[0] = (char *)path;
    if ((rc = col_disk_image_files(im, paths, 1, err)))
        return rc;
    *opened = col_disk_image_open(im, why, nwhy) == 0;
    return FTL_OK;
}

int col_disk_digest(struct col_ctx *ctx, const char *path, const char *part,
                    char hex[65], struct ftl_err *err)
{
    struct disk_image im;
    char why[600];
    int64_t size;
    int rc, opened;

    (void)ctx;
    (void)part;                /* the media hash is of the whole image */
    rc = image_load(&im, path, &opened, why, sizeof(why), err);
    if (rc == FTL_OK && !opened) {
        rc = col_disk_hash_files(&im, &size, err);
    } else if (rc == FTL_OK) {
        col_disk_hash_now(&im);
        if (im.hrc)
            rc = ftl_err_set(err, im.hrc, "out of memory");
    }
    if (rc == FTL_OK)
        memcpy(hex, im.sha, 65);
    image_close(&im);
    return rc;
}

/* The image at 'path' open in v, for place part 'part'. */
static int verify_image(struct disk_verify *v, const char *path,
                        const char *part, struct ftl_err *err)
{
    char why[600];
    int rc, opened;

    if (v->path && strcmp(v->path, path) == 0 && strcmp(v->part, part) == 0)
        return FTL_OK;
    verify_drop(v);
    rc = image_load(&v->im, path, &opened, why, sizeof(why), err);
    if (rc == FTL_OK && !opened)
        rc = ftl_err_set(err, FTL_EIO, "libtsk cannot open the image: %s",
                         why);
    if (rc == FTL_OK && (!(v->path = strdup(path)) ||
                         !(v->part = strdup(part))))
        rc = ftl_err_set(err, FTL_ENOMEM, "out of memory");
    if (rc != FTL_OK)
        verify_drop(v);
    return rc;
}

/* The partition "volN" of the volume system, opened as the walk opens
 * it (GPT first, then detection: volumes.c says why); NULL when the
 * image has none or no such allocated partition. */
static const TSK_VS_PART_INFO *find_part(struct disk_verify *v,
                                         const char *label)
{
    const TSK_VS_PART_INFO *p;
    char want[32];
    TSK_PNUM_T i;

    if (!v->vs_tried) {
        v->vs_tried = 1;
        if (!(v->vs = tsk_vs_open(v->im.img, 0, TSK_VS_TYPE_GPT))) {
            tsk_error_reset();
            v->vs = tsk_vs_open(v->im.img, 0, TSK_VS_TYPE_DETECT);
        }
        if (!v->vs)
            tsk_error_reset();
    }
    for (i = 0; v->vs && i < v->vs->part_count; i++) {
        p = tsk_vs_part_get(v->vs, i);
        if (!p || !(p->flags & TSK_VS_PART_FLAG_ALLOC))
            continue;
        snprintf(want, sizeof(want), "vol%" PRIu32, (uint32_t)p->addr);
        if (strcmp(want, label) == 0)
            return p;
    }
    return NULL;
}

/* The file system the child at 'inner' was found in, open in v->fs;
 * *rel is its path in that file system. */
static int verify_fs(struct disk_verify *v, const char *part,
                     const char *inner, const char **rel,
                     struct ftl_err *err)
{
    const TSK_VS_PART_INFO *p = NULL;
    const char *slash = strchr(inner, '/');
    char label[32] = "", terr[600];
    long long sector;
    int64_t off = 0;

    *rel = inner;
    if (sscanf(part, "sector %lld", &sector) == 1) {
        off = sector * (int64_t)v->im.img->sector_size;
    } else if (slash && (size_t)(slash - inner) < sizeof(label) &&
               strncmp(inner, "vol", 3) == 0) {
        snprintf(label, sizeof(label), "%.*s", (int)(slash - inner), inner);
        if ((p = find_part(v, label)))
            *rel = slash + 1;
        else
            label[0] = '\0';   /* a folder named so on a bare one */
    }
    if (v->fs && strcmp(v->fs_label, label) == 0)
        return FTL_OK;
    if (v->fs)
        tsk_fs_close(v->fs);
    v->fs = p ? tsk_fs_open_vol(p, TSK_FS_TYPE_DETECT)
              : tsk_fs_open_img(v->im.img, off, TSK_FS_TYPE_DETECT);
    if (!v->fs)
        return ftl_err_set(err, FTL_EIO, "no file system libtsk can read "
                           "at %s: %s", *label ? label : "offset",
                           col_disk_tsk_error(terr, sizeof(terr)));
    snprintf(v->fs_label, sizeof(v->fs_label), "%s", label);
    return FTL_OK;
}

/* Hash the file at 'rel' of v->fs as a child was hashed. */
static int hash_file(struct disk_verify *v, const char *rel,
                     const char *name, char hex[65], struct ftl_err *err)
{
    struct disk_child_src cs;
    struct col_src *src = NULL;
    struct ftl_buf abs = { 0 };
    TSK_FS_FILE *f;
    int rc;

    if (ftl_buf_add(&abs, "/", 1) || ftl_buf_puts(&abs, rel))
        return ftl_err_set(err, FTL_ENOMEM, "out of memory");
    f = tsk_fs_file_open(v->fs, NULL, abs.p);
    ftl_buf_release(&abs);
    if (!f) {
        tsk_error_reset();
        return FTL_DONE;
    }
    /* the walk claims only allocated files; a name found deleted is
     * what is left of one removed since */
    if ((f->name && (f->name->flags & TSK_FS_NAME_FLAG_UNALLOC)) ||
        (f->meta && !(f->meta->flags & TSK_FS_META_FLAG_ALLOC))) {
        tsk_fs_file_close(f);
        ftl_err_set(err, FTL_DONE, "deleted in the image");
        return FTL_DONE;
    }
    if (!f->meta || f->meta->type != TSK_FS_META_TYPE_REG) {
        tsk_fs_file_close(f);
        return ftl_err_set(err, FTL_EIO, "no longer a regular file in the "
                           "image");
    }
    cs.f = f;
    cs.size = (int64_t)f->meta->size;
    if (!(rc = col_src_open_cb(&src, name, cs.size, col_disk_child_read,
                               &cs, 0, err)))
        rc = col_src_sha256(src, hex, err);
    col_src_close(src);
    tsk_fs_file_close(f);
    return rc;
}

int col_disk_digest_inner(struct col_ctx *ctx, const char *path,
                          const char *part, const char *inner, char hex[65],
                          struct ftl_err *err)
{
    struct disk_verify *v = col_ctx_state(ctx, &col_disk, sizeof(*v),
                                          verify_release);
    const char *rel;
    int rc;

    if (!v)
        return ftl_err_set(err, FTL_ENOMEM, "out of memory");
    if ((rc = verify_image(v, path, part, err)) ||
        (rc = verify_fs(v, part, inner, &rel, err)))
        return rc;
    return hash_file(v, rel, inner, hex, err);
}
