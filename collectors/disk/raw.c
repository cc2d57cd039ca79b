/*
 * collectors/disk/raw.c - a raw image (dd, split raw) read by ftl itself
 *
 * libtsk's own raw reader opens the files without O_NOATIME, so that
 * reading a disk image moved its access time, and takes a short read
 * (what the kernel returns up to a bad sector) for a whole one, handing
 * back a buffer whose tail was never read.  A raw image is its files end
 * to end, so ftl reads them itself, with pread(), and gives libtsk the
 * result through tsk_img_open_external(): reads go on until the request
 * is filled, the end of the files, or an error, which libtsk then
 * reports with the file and the offset.
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

#include "collectors/disk/disk_int.h"

struct raw_img {
    TSK_IMG_INFO info;         /* first: libtsk's view of it */
    int nsegs;
    int *fds;
    char **names;              /* borrowed from the caller's segs */
    TSK_OFF_T *start;          /* media offset of each file's first byte */
};

static void raw_close(TSK_IMG_INFO *img)
{
    struct raw_img *r = (struct raw_img *)img;
    int i;

    for (i = 0; i < r->nsegs; i++)
        if (r->fds[i] >= 0)
            close(r->fds[i]);
    free(r->fds);
    free(r->start);
    free(r);
}

static void raw_imgstat(TSK_IMG_INFO *img, FILE *f)
{
    struct raw_img *r = (struct raw_img *)img;

    fprintf(f, "IMAGE FILE INFORMATION\nImage Type: raw (read by ftl)\n"
            "Size in bytes: %lld\nFiles: %d\n", (long long)img->size,
            r->nsegs);
}

/* n bytes at media offset off: all of them, fewer only at the end of the
 * image, or -1 with libtsk's error set. */
static ssize_t raw_read(TSK_IMG_INFO *img, TSK_OFF_T off, char *buf,
                        size_t n)
{
    struct raw_img *r = (struct raw_img *)img;
    size_t done = 0;
    ssize_t k;
    int i = 0;

    while (done < n && off + (TSK_OFF_T)done < img->size) {
        TSK_OFF_T at = off + (TSK_OFF_T)done, end;

        while (i + 1 < r->nsegs && r->start[i + 1] <= at)
            i++;
        end = i + 1 < r->nsegs ? r->start[i + 1] : img->size;
        if ((TSK_OFF_T)(n - done) > end - at)
            k = pread(r->fds[i], buf + done, (size_t)(end - at),
                      at - r->start[i]);
        else
            k = pread(r->fds[i], buf + done, n - done, at - r->start[i]);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0) {
            tsk_error_reset();
            tsk_error_set_errno(TSK_ERR_IMG_READ);
            tsk_error_set_errstr("%s: read error at offset %lld: %s",
                                 r->names[i],
                                 (long long)(at - r->start[i]),
                                 k < 0 ? strerror(errno)
                                       : "the file is shorter than it was");
            return -1;
        }
        done += (size_t)k;
    }
    return (ssize_t)done;
}

TSK_IMG_INFO *col_disk_raw_open(int nsegs, char **segs, char *why,
                                size_t nwhy)
{
    struct raw_img *r = calloc(1, sizeof(*r));
    TSK_OFF_T size = 0;
    struct stat sb;
    int i;

    if (!r || !(r->fds = malloc(nsegs * sizeof(int))) ||
        !(r->start = malloc(nsegs * sizeof(TSK_OFF_T)))) {
        snprintf(why, nwhy, "out of memory");
        goto fail;
    }
    r->names = segs;
    for (i = 0; i < nsegs; i++) {
        r->fds[i] = open(segs[i], O_RDONLY | O_CLOEXEC | O_NOATIME);
        if (r->fds[i] < 0 && errno == EPERM)
            r->fds[i] = open(segs[i], O_RDONLY | O_CLOEXEC);
        r->nsegs = i + 1;
        if (r->fds[i] < 0 || fstat(r->fds[i], &sb) != 0) {
            snprintf(why, nwhy, "%s: %s", segs[i], strerror(errno));
            goto fail;
        }
        r->start[i] = size;
        size += sb.st_size;
    }
    if (size == 0) {
        snprintf(why, nwhy, "the image is empty");
        goto fail;
    }
    if (!tsk_img_open_external(r, size, 512, raw_read, raw_close,
                               raw_imgstat)) {
        col_disk_tsk_error(why, nwhy);
        goto fail;
    }
    return &r->info;
fail:
    if (r && r->fds)
        raw_close(&r->info);
    else
        free(r);
    return NULL;
}
