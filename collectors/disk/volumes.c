/*
 * collectors/disk/volumes.c - which file systems of an image are walked
 *
 * Every allocated partition of a volume system (DOS with extended
 * partitions, GPT, BSD, Mac, Sun), or the bare file system at an offset
 * (0, or --offset); each one found is walked by walk.c and named in the
 * image's note.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collectors/disk/disk_int.h"

#define ZERO_PROBE (64 * 1024)     /* bytes looked at in a bare partition */

/* Is the start of this partition all zero bytes (never formatted)? */
static int part_is_zero(const TSK_VS_PART_INFO *part)
{
    char *buf;
    size_t n = ZERO_PROBE, i;
    ssize_t got;
    int zero = 0;

    if ((TSK_OFF_T)n > (TSK_OFF_T)part->len * part->vs->block_size)
        n = (size_t)(part->len * part->vs->block_size);
    if (!n || !(buf = malloc(n)))
        return 0;
    got = tsk_vs_part_read(part, 0, buf, n);
    if (got > 0) {
        for (i = 0; i < (size_t)got && !buf[i]; i++)
            ;
        zero = i == (size_t)got;
    } else {
        tsk_error_reset();
    }
    free(buf);
    return zero;
}

/* Walk the open file system 'fs' found at byte offset 'off', and close
 * it. */
static int walk_one(struct disk_image *im, TSK_FS_INFO *fs, const char *part,
                    int64_t off, struct ftl_err *err)
{
    int rc = col_disk_walk_fs(&im->run, fs, part, off, err);

    tsk_fs_close(fs);
    return rc;
}

/* Every allocated partition of the volume system; FTL_DONE when the
 * image has no volume system TSK knows (*found 0) or no file system in
 * any partition (*found 1). */
int col_disk_walk_volumes(struct disk_image *im, int *found,
                          struct ftl_err *err)
{
    struct col_ctx *ctx = im->run.ctx;
    TSK_VS_INFO *vs;
    TSK_PNUM_T i;
    char terr[600], label[32], loc[96], desc[128];
    int rc = FTL_OK, nfs = 0;

    /* GPT first, by name: TSK_VS_TYPE_DETECT also finds the protective
     * DOS table of a GPT disk and, choosing GPT, leaks the DOS
     * partition list (libtsk 4.11.1, seen with AddressSanitizer).  When
     * there is no GPT, detection cannot meet that case. */
    if (!(vs = tsk_vs_open(im->img, 0, TSK_VS_TYPE_GPT))) {
        tsk_error_reset();
        vs = tsk_vs_open(im->img, 0, TSK_VS_TYPE_DETECT);
    }
    if (!vs) {
        tsk_error_reset();
        return FTL_DONE;
    }
    *found = 1;
    snprintf(desc, sizeof(desc), "volume system %s",
             tsk_vs_type_toname(vs->vstype));
    col_disk_note_add(im, desc);
    for (i = 0; i < vs->part_count && rc == FTL_OK && !im->run.stopped;
         i++) {
        const TSK_VS_PART_INFO *part = tsk_vs_part_get(vs, i);
        TSK_FS_INFO *fs;
        int64_t off;
        const char *sep;

        if (!part || !(part->flags & TSK_VS_PART_FLAG_ALLOC))
            continue;
        /* "vol2": the partition's number in mmls and Autopsy */
        snprintf(label, sizeof(label), "vol%" PRIu32, (uint32_t)part->addr);
        off = (int64_t)part->start * vs->block_size;
        snprintf(loc, sizeof(loc), "%s (sector %" PRIu64 ", offset %lld)",
                 label, (uint64_t)part->start, (long long)off);
        /* the type in the table ("Linux (0x83)"); GPT tables leave it
         * empty */
        sep = part->desc && *part->desc ? ": " : "";
        if (!(fs = tsk_fs_open_vol(part, TSK_FS_TYPE_DETECT))) {
            col_disk_tsk_error(terr, sizeof(terr));
            if (part_is_zero(part)) {
                col_report(ctx, COL_INFO, "%s: %s: %s%sno file system "
                           "(the partition starts with zeros)",
                           im->run.image, loc, *sep ? part->desc : "",
                           sep);
                snprintf(desc, sizeof(desc), "%s: empty", label);
                col_disk_note_add(im, desc);
            } else {
                col_warn(ctx, im->run.evid, im->run.image, loc,
                         "%s%sno file system libtsk can read: %s",
                         *sep ? part->desc : "", sep, terr);
                im->run.damaged = 1;
            }
            continue;
        }
        snprintf(desc, sizeof(desc), "%s: %s", label,
                 tsk_fs_type_toname(fs->ftype));
        col_disk_note_add(im, desc);
        rc = walk_one(im, fs, label, off, err);
        nfs++;
    }
    tsk_vs_close(vs);
    if (rc == FTL_OK && nfs == 0 && !im->run.stopped)
        return FTL_DONE;       /* nothing in it: try a bare file system */
    return rc;
}

/* The file system at byte offset 'off', as 'fls -o'.  'quiet': the
 * image has a volume system, whose partitions have been accounted for;
 * a disk without a file system at 'off' is no damage then. */
int col_disk_walk_bare(struct disk_image *im, int64_t off, int quiet,
                       struct ftl_err *err)
{
    TSK_FS_INFO *fs;
    char terr[600], loc[64];

    if (!(fs = tsk_fs_open_img(im->img, off, TSK_FS_TYPE_DETECT))) {
        col_disk_tsk_error(terr, sizeof(terr));
        if (quiet)
            return FTL_OK;
        snprintf(loc, sizeof(loc), "offset %lld", (long long)off);
        col_warn(im->run.ctx, im->run.evid, im->run.image, loc,
                 "no volume system or file system libtsk can read: %s",
                 terr);
        im->run.damaged = 1;
        return FTL_OK;
    }
    col_disk_note_add(im, tsk_fs_type_toname(fs->ftype));
    return walk_one(im, fs, NULL, off, err);
}
