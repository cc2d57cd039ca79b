/*
 * collectors/disk/hash.c - the image's hash, beside the walk
 *
 * The SHA-256 of the media content (and its MD5 when an E01 stores one to
 * compare) is computed in a thread of its own while the walk reads the
 * file systems; as soon as it is known, the walk learns whether the same
 * image is already in the case and stops.  An image libtsk cannot open is
 * identified by the hash of its files' bytes instead.
 *
 * SPDX-License-Identifier: MIT
 */
#define _GNU_SOURCE            /* O_NOATIME */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "collectors/disk/disk_int.h"

#define IMG_BLOCK (1024 * 1024)    /* hashing reads the media in these */
#define CHILD_WAIT (64 * 1024 * 1024) /* media bytes left to hash that a
                                         child waits for */

/* The MD5 libewf stored in an E01, as libtsk's image statistics print it
 * ("MD5 hash of data:\t<hex>", tsk/img/ewf.c); the public TSK API has no
 * other way to it.  Returns 1 and fills hex[33] when there is one. */
int col_disk_ewf_md5(TSK_IMG_INFO *img, char hex[33])
{
    static const char key[] = "MD5 hash of data:";
    char *text = NULL, *p;
    size_t len = 0, i;
    FILE *f;
    int ok = 0;

    if (!img->imgstat || !(f = open_memstream(&text, &len)))
        return 0;
    img->imgstat(img, f);
    fclose(f);
    if (text && (p = strstr(text, key))) {
        p += sizeof(key) - 1;
        while (*p == ' ' || *p == '\t')
            p++;
        for (i = 0; i < 32 && ((p[i] >= '0' && p[i] <= '9') ||
                               (p[i] >= 'a' && p[i] <= 'f') ||
                               (p[i] >= 'A' && p[i] <= 'F')); i++)
            hex[i] = (char)(p[i] >= 'A' && p[i] <= 'F' ? p[i] + 32 : p[i]);
        hex[i] = '\0';
        ok = i == 32;
    }
    free(text);
    return ok;
}

/* A raw image's media is its files end to end: they are hashed with
 * pread() here, as raw.c reads them for the walk (libtsk's raw reader
 * took a short read, what the kernel returns up to a bad sector, for a
 * whole one: a failing disk got a wrong SHA-256 and no word).  Stops at
 * the first error, with its offset in the media; 0 or -1. */
static int hash_raw_files(struct disk_image *im, struct ftl_digest *d,
                          char *buf, TSK_OFF_T *off)
{
    TSK_OFF_T at = 0;
    ssize_t got;
    int i, fd;

    for (i = 0; i < im->nsegs; i++) {
        fd = open(im->segs[i], O_RDONLY | O_CLOEXEC | O_NOATIME);
        if (fd < 0)
            fd = open(im->segs[i], O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            goto fail;
        at = 0;
        while ((got = pread(fd, buf, IMG_BLOCK, at)) != 0) {
            if (got < 0 && errno == EINTR)
                continue;
            if (got < 0) {
                close(fd);
                goto fail;
            }
            ftl_digest_update(d, buf, (size_t)got);
            at += got;
            *off += got;
            atomic_store(&im->hpos, (int64_t)*off);
        }
        close(fd);
    }
    return 0;
fail:
    snprintf(im->hash_err, sizeof(im->hash_err), "%s: read error at "
             "offset %lld: %s", im->segs[i], (long long)at, strerror(errno));
    return -1;
}

/* The media through libtsk (E01, VMDK, VHD, AFF: the content the
 * container holds), up to the first error. */
static void hash_tsk(struct disk_image *im, TSK_IMG_INFO *img,
                     struct ftl_digest *d, char *buf, TSK_OFF_T *offp)
{
    TSK_OFF_T off = 0, size = img->size;
    char terr[512];

    while (off < size) {
        size_t want = (size_t)(size - off < IMG_BLOCK ? size - off
                                                      : IMG_BLOCK);
        ssize_t got = tsk_img_read(img, off, buf, want);

        if (got <= 0) {
            snprintf(im->hash_err, sizeof(im->hash_err), "%s",
                     got < 0 ? col_disk_tsk_error(terr, sizeof(terr))
                             : "no data");
            break;
        }
        ftl_digest_update(d, buf, (size_t)got);
        off += got;
        atomic_store(&im->hpos, (int64_t)off);
    }
    *offp = off;
}

/* SHA-256 (and MD5 when wanted) of the media, read through libtsk in
 * large blocks: for E01/VMDK/VHD/AFF this is the content the image
 * holds, not the container file's bytes.  Runs in its own thread on its
 * own image handle (libtsk keeps its error state per thread), or in the
 * caller's when no thread could be started. */
static void *hash_media(void *arg)
{
    struct disk_image *im = arg;
    TSK_IMG_INFO *img = im->himg ? im->himg : im->img;
    struct ftl_digest *d = NULL;
    char *buf;
    TSK_OFF_T off = 0;

    if (!(buf = malloc(IMG_BLOCK)) ||
        ftl_digest_new(&d, FTL_SHA256 | (im->want_md5 ? FTL_MD5 : 0), NULL)) {
        free(buf);
        im->hrc = FTL_ENOMEM;
        atomic_store(&im->hdone, 1);
        return NULL;
    }
    if (im->fmt == DISK_RAW)
        hash_raw_files(im, d, buf, &off);
    else
        hash_tsk(im, img, d, buf, &off);
    im->hashed = off;
    ftl_digest_final(d, im->want_md5 ? im->md5 : NULL, im->sha);
    ftl_digest_free(d);
    free(buf);
    atomic_store(&im->hdone, 1);
    return NULL;
}

/* Start hashing beside the walk; when a second handle or a thread is
 * not to be had, hash now. */
void col_disk_hash_start(struct disk_image *im)
{
    /* a raw image is hashed from its files: no handle of libtsk's */
    if (im->fmt == DISK_RAW) {
        if (pthread_create(&im->hth, NULL, hash_media, im) == 0)
            im->hthread = 1;
        else
            hash_media(im);
        return;
    }
    im->himg = tsk_img_open_utf8(im->nsegs, (const char *const *)im->segs,
                                 im->img->itype, 0);
    if (!im->himg)
        tsk_error_reset();
    else if (pthread_create(&im->hth, NULL, hash_media, im) == 0) {
        im->hthread = 1;
        return;
    }
    hash_media(im);
}

void col_disk_hash_now(struct disk_image *im)
{
    hash_media(im);
}

void col_disk_hash_wait(struct disk_image *im)
{
    if (im->hthread) {
        pthread_join(im->hth, NULL);
        im->hthread = 0;
    }
}

/* Once the hash is known: is the same image already in the case (and to
 * stay as it is: col_evidence_skippable)?  Sets im->dup to 1 when so,
 * and dup_checked only when the lookup worked. */
int col_disk_dup_lookup(struct disk_image *im, struct ftl_err *err)
{
    struct tl_evidence ev;
    int rc;

    im->run.hash_pct = -1;
    if (im->hrc)
        return ftl_err_set(err, im->hrc, "out of memory");
    col_disk_image_evidence(im, &ev, (int64_t)im->img->size);
    if ((rc = col_evidence_skippable(im->run.ctx, &ev, im->sha, err)) < 0)
        return rc;
    im->dup = rc;
    im->dup_checked = 1;
    return FTL_OK;
}

/* Say that the image is in the case already (or not collected for other
 * options), record its place, and count it. */
int col_disk_say_known(struct disk_image *im, struct ftl_err *err)
{
    struct tl_evidence ev;
    int rc;

    col_disk_image_evidence(im, &ev, (int64_t)im->img->size);
    rc = col_evidence_known(im->run.ctx, &ev, im->sha, im->run.image, err);
    return rc == FTL_DONE ? FTL_OK : rc;
}

/* Called by the walk now and then: stop it as soon as the hash shows
 * the image is already in the case.  Before a child is read ('child'),
 * wait for the hash when little is left to hash (a fraction of a
 * second), so that a small image collected again reads no child only to
 * throw it away; a large one goes on beside its hashing. */
int col_disk_check_dup(struct disk_run *run, int child)
{
    struct disk_image *im = (struct disk_image *)run;
    struct ftl_err err = { 0 };
    int64_t size = (int64_t)im->img->size;

    if (im->dup_checked)
        return 0;
    if (!atomic_load(&im->hdone) &&
        (!child || size - atomic_load(&im->hpos) > CHILD_WAIT)) {
        run->hash_pct = (int)(atomic_load(&im->hpos) * 100 /
                              (size ? size : 1));
        return 0;
    }
    col_disk_hash_wait(im);
    if (col_disk_dup_lookup(im, &err) != FTL_OK)
        return 0;              /* asked again at the end, and told */
    return im->dup != 0;
}

/* SHA-256 of the segment files' bytes, for an image libtsk cannot open;
 * *size receives their sum. */
int col_disk_hash_files(struct disk_image *im, int64_t *size,
                        struct ftl_err *err)
{
    struct ftl_digest *d;
    int64_t n;
    int i, rc;

    *size = 0;
    if ((rc = ftl_digest_new(&d, FTL_SHA256, err)))
        return rc;
    for (i = 0; i < im->nsegs && rc == FTL_OK; i++) {
        n = 0;
        rc = ftl_digest_update_file(d, im->segs[i], &n, err);
        *size += n;
    }
    ftl_digest_final(d, NULL, im->sha);
    ftl_digest_free(d);
    return rc;
}
