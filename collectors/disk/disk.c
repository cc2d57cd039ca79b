/*
 * collectors/disk/disk.c - disk images through libtsk: images, volumes, the run
 *
 *   ftl collect disk [--offset SECTOR] [--hash] [--logs GLOB] [--mail GLOB]
 *                    IMAGE [SEGMENT...]
 *
 * An image (raw or split raw, E01, VMDK, VHD, AFF) is opened read-only
 * with libtsk, hashed (SHA-256 of the media content as libtsk reads it),
 * looked up in the case, and then every file system in it is walked by
 * walk.c: each allocated partition of a volume system (DOS with
 * extended partitions, GPT, BSD, Mac, Sun), or the bare file system at
 * offset 0, or only the one at --offset.
 *
 * Image formats are told apart by signature and opened with their own
 * TSK type, never TSK_IMG_TYPE_DETECT: detection probes libvhdi and
 * libvmdk, which leak under AddressSanitizer (see STYLE.md).
 *
 * SPDX-License-Identifier: MIT
 */
#define _GNU_SOURCE            /* O_NOATIME, open_memstream */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "collectors/disk/disk_int.h"

#define IMG_BLOCK (1024 * 1024)    /* hashing reads the media in these */
#define ZERO_PROBE (64 * 1024)     /* bytes looked at in a bare partition */
#define CHILD_WAIT (64 * 1024 * 1024) /* media bytes left to hash that a
                                         child waits for */

enum {
    OPT_OFFSET = COL_OPT_BASE,
    OPT_HASH,
    OPT_LOGS,
    OPT_MAIL,
};

struct disk_opts {
    int has_offset;
    int64_t offset;            /* --offset, in sectors */
    int hash;
    char **logs;               /* defaults + --logs, NULL-terminated */
    size_t nlogs;
    char **mail;               /* defaults + --mail */
    size_t nmail;
};

static const struct option disk_longopts[] = {
    { "offset", required_argument, NULL, OPT_OFFSET },
    { "hash", no_argument, NULL, OPT_HASH },
    { "logs", required_argument, NULL, OPT_LOGS },
    { "mail", required_argument, NULL, OPT_MAIL },
    { NULL, 0, NULL, 0 }
};

/* ---- image files ---------------------------------------------------- */

int col_disk_sniff(const unsigned char *head, size_t hn,
                   const unsigned char *tail, size_t tn)
{
    static const unsigned char ewf[8] = { 'E', 'V', 'F', 0x09, 0x0d, 0x0a,
                                          0xff, 0x00 };
    static const unsigned char aff[8] = { 'A', 'F', 'F', '1', '0', '\r',
                                          '\n', '\0' };
    static const char vmdk_text[] = "# Disk DescriptorFile";

    if (hn >= 8 && memcmp(head, ewf, 8) == 0)
        return DISK_EWF;
    if (hn >= 8 && memcmp(head, aff, 8) == 0)
        return DISK_AFF;
    if (hn >= 4 && memcmp(head, "KDMV", 4) == 0)
        return DISK_VMDK;
    if (hn >= sizeof(vmdk_text) - 1 &&
        memcmp(head, vmdk_text, sizeof(vmdk_text) - 1) == 0)
        return DISK_VMDK;
    /* A dynamic VHD starts with a copy of its footer; a fixed one only
     * has the footer, in the last 512 bytes. */
    if (hn >= 8 && memcmp(head, "conectix", 8) == 0)
        return DISK_VHD;
    if (tn >= 8 && memcmp(tail, "conectix", 8) == 0)
        return DISK_VHD;
    return DISK_RAW;
}

const char *col_disk_fmt_name(int fmt)
{
    static const char *const names[] = { "raw", "ewf", "vmdk", "vhd",
                                         "aff" };

    return fmt >= 0 && fmt <= DISK_AFF ? names[fmt] : "?";
}

/* 1 when s ends with suffix, ignoring ASCII case (as TSK does). */
static int ends_with(const char *s, size_t n, const char *suffix)
{
    size_t k = strlen(suffix);

    return n >= k && strcasecmp(s + n - k, suffix) == 0;
}

char *col_disk_segment_name(const char *first, int k)
{
    static const char *const num3[] = { ".001", "_001", ".000", "_000",
                                         NULL };
    static const char *const num2[] = { ".01", "_01", ".00", "_00", NULL };
    static const char *const alpha[] = { ".aaa", "xaaa", "_aaa", ".aa",
                                         "xaa", "_aa", NULL };
    size_t n = strlen(first), i;
    char *out;
    int digits = 0, base1 = 0, letters = 0, v;

    if (k < 1 || !(out = malloc(n + 16)))
        return NULL;
    memcpy(out, first, n + 1);
    if (k == 1)
        return out;
    for (i = 0; num3[i] && !digits; i++)
        if (ends_with(first, n, num3[i])) {
            digits = 3;
            base1 = first[n - 1] == '1';
        }
    for (i = 0; num2[i] && !digits; i++)
        if (ends_with(first, n, num2[i])) {
            digits = 2;
            base1 = first[n - 1] == '1';
        }
    for (i = 0; alpha[i] && !digits && !letters; i++)
        if (ends_with(first, n, alpha[i]))
            letters = (int)strlen(alpha[i]) - 1;
    if (digits) {
        /* "image.001" counts from 1, "image.000" from 0; more segments
         * than the digits hold get more digits ("image.1000"), as FTK
         * names them. */
        v = base1 ? k : k - 1;
        snprintf(out + n - digits, 16 + digits, "%0*d", digits, v);
        return out;
    }
    if (letters) {
        /* "aa", "ab", ... "zz" (case kept from the first name) */
        v = k - 1;
        for (i = 0; i < (size_t)letters; i++) {
            out[n - 1 - i] = (char)(out[n - 1 - i] + v % 26);
            v /= 26;
        }
        if (v > 0) {
            free(out);
            return NULL;
        }
        return out;
    }
    free(out);
    return NULL;
}

char *col_disk_ewf_segment_name(const char *first, int k)
{
    size_t n = strlen(first);
    char *out, c;
    int lower, j;

    /* "x.E01": E01 ... E99, then EAA ... EZZ, FAA ... (libewf's scheme);
     * the letter may also be 'L' (L01) or 's' (SMART), in either case. */
    if (k < 1 || n < 4 || first[n - 4] != '.' ||
        !strchr("EeLlSs", first[n - 3]) || first[n - 2] != '0' ||
        first[n - 1] != '1' || !(out = malloc(n + 1)))
        return NULL;
    memcpy(out, first, n + 1);
    c = first[n - 3];
    lower = c >= 'a';
    if (k <= 99) {
        out[n - 2] = (char)('0' + k / 10);
        out[n - 1] = (char)('0' + k % 10);
        return out;
    }
    j = k - 100;
    if (j >= 26 * 26 * ((lower ? 'z' : 'Z') - c + 1)) {
        free(out);
        return NULL;
    }
    out[n - 3] = (char)(c + j / (26 * 26));
    out[n - 2] = (char)((lower ? 'a' : 'A') + (j / 26) % 26);
    out[n - 1] = (char)((lower ? 'a' : 'A') + j % 26);
    return out;
}

void col_disk_segments_free(char **v)
{
    size_t i;

    for (i = 0; v && v[i]; i++)
        free(v[i]);
    free(v);
}

/* NULL when 'path' is a regular file, else why it is not one. */
static const char *not_regular(const char *path)
{
    struct stat sb;

    if (stat(path, &sb) != 0)
        return strerror(errno);
    return S_ISREG(sb.st_mode) ? NULL : "not a regular file";
}

int col_disk_segments(const char *first, int ewf, char ***out, int *n,
                      struct ftl_err *err)
{
    char **v = NULL, **nv, *name;
    const char *why = NULL;
    int count = 0;

    *out = NULL;
    *n = 0;
    for (;;) {
        name = ewf ? col_disk_ewf_segment_name(first, count + 1)
                   : col_disk_segment_name(first, count + 1);
        if (!name && count == 0 && !(name = strdup(first)))
            return ftl_err_set(err, FTL_ENOMEM, "out of memory");
        if (!name)
            break;                     /* past what the scheme counts */
        if ((why = not_regular(name))) {
            free(name);
            break;
        }
        if (!(nv = realloc(v, sizeof(*v) * (size_t)(count + 2)))) {
            free(name);
            col_disk_segments_free(v);
            return ftl_err_set(err, FTL_ENOMEM, "out of memory");
        }
        v = nv;
        v[count++] = name;
        v[count] = NULL;
    }
    if (!count)
        return ftl_err_set(err, FTL_EIO, "cannot open image '%s': %s",
                           first, why);
    *out = v;
    *n = count;
    return FTL_OK;
}

/* Open a file of the image read-only, its access time kept where the
 * system allows (O_NOATIME is only allowed for the owner or root). */
static int open_ro(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOATIME);

    if (fd < 0 && errno == EPERM)
        fd = open(path, O_RDONLY | O_CLOEXEC);
    return fd;
}

/* The MD5 libewf stored in an E01, as libtsk's image statistics print it
 * ("MD5 hash of data:\t<hex>", tsk/img/ewf.c); the public TSK API has no
 * other way to it.  Returns 1 and fills hex[33] when there is one. */
static int ewf_stored_md5(TSK_IMG_INFO *img, char hex[33])
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

/* ---- one run ------------------------------------------------------- */

struct image {
    struct disk_run run;       /* first: the walk's check() casts back */
    const struct disk_opts *o;
    char **segs;               /* segment file names, NULL-terminated */
    int nsegs;
    int fmt;
    struct stat sb;            /* of the first file */
    TSK_IMG_INFO *img;         /* the walk's handle */
    const char *inner;         /* "" or "sector S" with --offset */
    char inner_buf[64];
    /* hashing, in a thread of its own with its own handle */
    TSK_IMG_INFO *himg;
    pthread_t hth;
    int hthread;               /* 1 while the thread is to be joined */
    atomic_int hdone;          /* set by the thread when finished */
    _Atomic int64_t hpos;      /* media bytes hashed so far */
    int want_md5;              /* the E01 stores an MD5 to compare */
    int hrc;                   /* the thread's FTL_OK or FTL_ENOMEM */
    char sha[65];
    char md5[33];              /* of the media, when an E01 stores one */
    char stored_md5[33];
    int64_t hashed;            /* media bytes hashed */
    char hash_err[600];        /* why hashing stopped early, or "" */
    int dup_checked;           /* dup is known */
    int64_t dup;               /* the same image already in the case */
    struct disk_buf note;      /* the evidence row's note */
    struct disk_buf opts;      /* and its options */
};

/* SHA-256 (and MD5 when wanted) of the media, read through libtsk in
 * large blocks: for E01/VMDK/VHD/AFF this is the content the image
 * holds, not the container file's bytes.  Runs in its own thread on its
 * own image handle (libtsk keeps its error state per thread), or in the
 * caller's when no thread could be started. */
static void *hash_media(void *arg)
{
    struct image *im = arg;
    TSK_IMG_INFO *img = im->himg ? im->himg : im->img;
    struct ftl_digest *d = NULL;
    char *buf, terr[512];
    TSK_OFF_T off = 0, size = img->size;

    if (!(buf = malloc(IMG_BLOCK)) ||
        ftl_digest_new(&d, FTL_SHA256 | (im->want_md5 ? FTL_MD5 : 0), NULL)) {
        free(buf);
        im->hrc = FTL_ENOMEM;
        atomic_store(&im->hdone, 1);
        return NULL;
    }
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
    im->hashed = off;
    ftl_digest_final(d, im->want_md5 ? im->md5 : NULL, im->sha);
    ftl_digest_free(d);
    free(buf);
    atomic_store(&im->hdone, 1);
    return NULL;
}

/* Start hashing beside the walk; when a second handle or a thread is
 * not to be had, hash now. */
static void hash_start(struct image *im)
{
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

static void hash_wait(struct image *im)
{
    if (im->hthread) {
        pthread_join(im->hth, NULL);
        im->hthread = 0;
    }
}

/* Once the hash is known: is the same image already in the case?  Sets
 * im->dup, and dup_checked only when the lookup worked. */
static void image_evidence(struct image *im, struct tl_evidence *ev,
                           int64_t size);

static int dup_lookup(struct image *im, struct ftl_err *err)
{
    struct tl_evidence ev;
    int rc;

    im->run.hash_pct = -1;
    if (im->hrc)
        return ftl_err_set(err, im->hrc, "out of memory");
    image_evidence(im, &ev, (int64_t)im->img->size);
    if ((rc = col_evidence_skippable(im->run.ctx, &ev, im->sha, err)) < 0)
        return rc;
    im->dup = rc;
    im->dup_checked = 1;
    return FTL_OK;
}

/* Say that the image is in the case already (or not collected for other
 * options), record the place, and count it. */
static int say_known(struct image *im, struct ftl_err *err)
{
    struct tl_evidence ev;
    int rc;

    image_evidence(im, &ev, (int64_t)im->img->size);
    rc = col_evidence_known(im->run.ctx, &ev, im->sha, im->run.image, err);
    return rc == FTL_DONE ? FTL_OK : rc;
}

/* Called by the walk now and then: stop it as soon as the hash shows
 * the image is already in the case.  Before a child is read ('child'),
 * wait for the hash when little is left to hash (a fraction of a
 * second), so that a small image collected again reads no child only to
 * throw it away; a large one goes on beside its hashing. */
static int check_dup(struct disk_run *run, int child)
{
    struct image *im = (struct image *)run;
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
    hash_wait(im);
    if (dup_lookup(im, &err) != FTL_OK)
        return 0;              /* asked again at the end, and told */
    return im->dup != 0;
}

/* SHA-256 of the segment files' bytes, for an image libtsk cannot open;
 * *size receives their sum. */
static int hash_files(struct image *im, int64_t *size, struct ftl_err *err)
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

static void note_add(struct image *im, const char *s)
{
    if (im->note.len)
        col_disk_buf_puts(&im->note, "; ");
    col_disk_buf_puts(&im->note, s);
}

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
static int walk_one(struct image *im, TSK_FS_INFO *fs, const char *part,
                    int64_t off, struct ftl_err *err)
{
    int rc = col_disk_walk_fs(&im->run, fs, part, off, err);

    tsk_fs_close(fs);
    return rc;
}

/* Every allocated partition of the volume system; FTL_DONE when the
 * image has no volume system TSK knows (*found 0) or no file system in
 * any partition (*found 1). */
static int walk_volumes(struct image *im, int *found, struct ftl_err *err)
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
    note_add(im, desc);
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
                note_add(im, desc);
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
        note_add(im, desc);
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
static int walk_bare(struct image *im, int64_t off, int quiet,
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
    note_add(im, tsk_fs_type_toname(fs->ftype));
    return walk_one(im, fs, NULL, off, err);
}

/* Options as recorded on the evidence row. */
static void options_text(const struct image *im, struct disk_buf *b)
{
    char s[64];
    size_t i;

    if (im->o->has_offset) {
        snprintf(s, sizeof(s), "offset=%lld ", (long long)im->o->offset);
        col_disk_buf_puts(b, s);
    }
    if (im->o->hash)
        col_disk_buf_puts(b, "hash=1 ");
    for (i = 0; i < im->o->nlogs; i++) {
        col_disk_buf_puts(b, "logs=");
        col_disk_buf_puts(b, im->o->logs[i]);
        col_disk_buf_add(b, " ", 1);
    }
    for (i = 0; i < im->o->nmail; i++) {
        col_disk_buf_puts(b, "mail=");
        col_disk_buf_puts(b, im->o->mail[i]);
        col_disk_buf_add(b, " ", 1);
    }
    col_disk_buf_puts(b, "fat-tz=");
    col_disk_buf_puts(b, im->run.zone);
}

/* The evidence row of the image, as collect_image() and
 * record_unopenable() both fill it. */
static void image_evidence(struct image *im, struct tl_evidence *ev,
                           int64_t size)
{
    int64_t mtime;

    im->opts.len = 0;          /* made afresh for each use */
    options_text(im, &im->opts);
    if (tl_time_from_sec(im->sb.st_mtim.tv_sec, im->sb.st_mtim.tv_nsec,
                         &mtime))
        mtime = 0;
    memset(ev, 0, sizeof(*ev));
    ev->kind = "disk";
    ev->path = im->run.image;
    ev->inner_path = im->inner;
    ev->size = size;
    ev->mtime = mtime;
    ev->options = im->opts.p;
    ev->audit_id = im->run.ctx->audit_id;
}

/* An image libtsk cannot open: kept in the case as failed, identified by
 * the SHA-256 of its files, with the reason. */
static int record_unopenable(struct image *im, const char *why,
                             struct ftl_err *err)
{
    struct col_ctx *ctx = im->run.ctx;
    struct tl_evidence ev;
    struct col_counts mark;
    int64_t id, size;
    int rc;

    if ((rc = hash_files(im, &size, err)))
        return rc;
    image_evidence(im, &ev, size);
    rc = col_evidence_known(ctx, &ev, im->sha, im->run.image, err);
    if (rc)
        return rc == FTL_DONE ? FTL_OK : rc;
    col_ctx_mark(ctx, &mark);
    if ((rc = col_evidence_begin(ctx, &ev, &id, err)))
        return rc;
    col_warn(ctx, id, im->run.image, "offset 0", "libtsk cannot open the "
             "image: %s", why);
    col_report(ctx, COL_ERROR, "%s: nothing could be read", im->run.image);
    if ((rc = tl_evidence_note(ctx->st, id, "sha256 is of the file's bytes:"
                               " libtsk could not open the image", err))) {
        col_abort(ctx, id, &mark);
        return rc;
    }
    rc = col_evidence_end(ctx, id, im->run.image, im->sha, NULL,
                          TL_EV_FAILED, err);
    return rc < 0 ? rc : FTL_OK;
}

/* Open the image with the TSK type its signature names. */
static int open_image(struct image *im, char *why, size_t nwhy)
{
    static const TSK_IMG_TYPE_ENUM types[] = {
        TSK_IMG_TYPE_RAW, TSK_IMG_TYPE_EWF_EWF, TSK_IMG_TYPE_VMDK_VMDK,
        TSK_IMG_TYPE_VHD_VHD, TSK_IMG_TYPE_AFF_ANY
    };
    TSK_IMG_TYPE_ENUM t = types[im->fmt];

    if (!(tsk_img_type_supported() & t)) {
        snprintf(why, nwhy, "this libtsk was built without %s support",
                 col_disk_fmt_name(im->fmt));
        return -1;
    }
    im->img = tsk_img_open_utf8(im->nsegs, (const char *const *)im->segs,
                                t, 0);
    if (!im->img) {
        col_disk_tsk_error(why, nwhy);
        return -1;
    }
    return 0;
}

/* The files of the image: as given, or the first and its kin; the first
 * one's stat, and the format from the first bytes and the last. */
static int image_files(struct image *im, char **paths, int n,
                       struct ftl_err *err)
{
    unsigned char head[512], tail[512];
    struct stat sb;
    ssize_t hn, tn = 0;
    const char *why;
    int fd, tfd, i, rc = FTL_OK;

    if ((fd = open_ro(paths[0])) < 0)
        return ftl_err_set(err, FTL_EIO, "cannot open image '%s': %s",
                           paths[0], strerror(errno));
    why = fstat(fd, &im->sb) != 0 ? strerror(errno)
          : !S_ISREG(im->sb.st_mode) ? "not a regular file" : NULL;
    if (why) {
        rc = ftl_err_set(err, FTL_EIO, "cannot open image '%s': %s",
                         paths[0], why);
        goto out;
    }
    if ((hn = pread(fd, head, sizeof(head), 0)) < 0) {
        rc = ftl_err_set(err, FTL_EIO, "cannot read image '%s': %s",
                         paths[0], strerror(errno));
        goto out;
    }
    im->fmt = col_disk_sniff(head, (size_t)hn, NULL, 0);
    if (n == 1 && (im->fmt == DISK_RAW || im->fmt == DISK_EWF)) {
        /* Given the first segment, find the rest; for E01 this also
         * spares libewf_glob(), whose list libtsk 4.11 never frees. */
        if ((rc = col_disk_segments(paths[0], im->fmt == DISK_EWF,
                                    &im->segs, &im->nsegs, err)))
            goto out;
    } else {
        if (!(im->segs = calloc((size_t)n + 1, sizeof(*im->segs)))) {
            rc = ftl_err_set(err, FTL_ENOMEM, "out of memory");
            goto out;
        }
        for (i = 0; i < n; i++) {
            if (i > 0 && (why = not_regular(paths[i]))) {
                rc = ftl_err_set(err, FTL_EIO, "cannot open image segment "
                                 "'%s': %s", paths[i], why);
                goto out;
            }
            if (!(im->segs[i] = strdup(paths[i]))) {
                rc = ftl_err_set(err, FTL_ENOMEM, "out of memory");
                goto out;
            }
        }
        im->nsegs = n;
        /* As fls: several names are the segments of one image, in this
         * order.  Say so when they do not look like one split set. */
        for (i = 1; i < n; i++) {
            char *want = im->fmt == DISK_EWF
                         ? col_disk_ewf_segment_name(paths[0], i + 1)
                         : col_disk_segment_name(paths[0], i + 1);
            int odd = !want || strcmp(want, paths[i]) != 0;

            free(want);
            if (odd) {
                col_report(im->run.ctx, COL_WARN, "%s: reading the %d "
                           "files given as the segments of one image, in "
                           "the order given (as fls does); '%s' is not the "
                           "name of segment %d", paths[0], n, paths[i],
                           i + 1);
                break;
            }
        }
    }
    if (im->fmt == DISK_RAW) {
        /* a fixed VHD: its footer is in the last 512 bytes */
        tfd = im->nsegs > 1 ? open_ro(im->segs[im->nsegs - 1]) : fd;
        if (tfd >= 0 && (tfd == fd || fstat(tfd, &sb) == 0)) {
            if (tfd == fd)
                sb = im->sb;
            if (sb.st_size >= (off_t)sizeof(tail))
                tn = pread(tfd, tail, sizeof(tail),
                           sb.st_size - (off_t)sizeof(tail));
        }
        if (tfd >= 0 && tfd != fd)
            close(tfd);
        im->fmt = col_disk_sniff(head, (size_t)hn, tail,
                                 tn > 0 ? (size_t)tn : 0);
    }
out:
    close(fd);
    return rc;
}

static int collect_image(struct col_ctx *ctx, const struct disk_opts *o,
                         char **paths, int n, struct ftl_err *err)
{
    struct image im;
    struct tl_evidence ev;
    struct col_counts mark;
    char why[600], s[256];
    int i, rc, status, vs = 0;

    memset(&im, 0, sizeof(im));
    atomic_init(&im.hdone, 0);
    atomic_init(&im.hpos, 0);
    im.o = o;
    im.inner = "";
    im.run.ctx = ctx;
    im.run.image = paths[0];
    im.run.hash = o->hash;
    im.run.logs = (const char *const *)o->logs;
    im.run.mail = (const char *const *)o->mail;
    im.run.zone = ctx->tz ? tl_tz_name(ctx->tz) : "UTC";
    im.run.dup_seq = 1;        /* the first renamed locator gets " #2" */
    /* TSK reads FAT times as local times (mktime): the zone of --tz, or
     * UTC, set once before the hashing thread starts */
    tl_tz_use(ctx->tz);

    if ((rc = image_files(&im, paths, n, err)))
        goto out;
    if (open_image(&im, why, sizeof(why)) != 0) {
        rc = record_unopenable(&im, why, err);
        goto out;
    }
    if (im.fmt == DISK_EWF && !ewf_stored_md5(im.img, im.stored_md5))
        im.stored_md5[0] = '\0';
    im.want_md5 = im.stored_md5[0] != '\0';
    if (o->has_offset) {
        snprintf(im.inner_buf, sizeof(im.inner_buf), "sector %lld",
                 (long long)o->offset);
        im.inner = im.inner_buf;
    }

    /* The image's SHA-256 is computed beside the walk; as soon as it is
     * known, the walk asks whether the same image is already in the case
     * and stops if so.  Without a thread, hashing comes first. */
    im.run.hash_pct = 0;
    im.run.check = check_dup;
    hash_start(&im);
    if (!im.hthread) {
        if ((rc = dup_lookup(&im, err)))
            goto out;
        if (im.dup) {
            rc = say_known(&im, err);
            goto out;
        }
    }

    image_evidence(&im, &ev, (int64_t)im.img->size);
    col_ctx_mark(ctx, &mark);
    if ((rc = col_evidence_begin(ctx, &ev, &im.run.evid, err)))
        goto out;
    im.run.started = tl_time_now();
    im.run.ev_start = ctx->n_events;

    /* what the row's hashes are of */
    snprintf(s, sizeof(s), "%s image", col_disk_fmt_name(im.fmt));
    note_add(&im, s);
    for (i = 0; i < im.nsegs && im.nsegs > 1; i++) {
        snprintf(s, sizeof(s), i ? ", " : " in %d files: ", im.nsegs);
        col_disk_buf_puts(&im.note, s);
        col_disk_buf_puts(&im.note, im.segs[i]);
    }
    snprintf(s, sizeof(s), "sha256 of the media content read through "
             "libtsk (%lld bytes)", (long long)im.img->size);
    note_add(&im, s);

    /* the file systems */
    if (o->has_offset) {
        /* compared in sectors: the byte offset of a huge sector number
         * would overflow */
        if (o->offset >= (int64_t)(im.img->size / im.img->sector_size)) {
            snprintf(s, sizeof(s), "sector %lld", (long long)o->offset);
            col_warn(ctx, im.run.evid, paths[0], s, "--offset is past the "
                     "end of the image (%lld sectors)",
                     (long long)(im.img->size / im.img->sector_size));
            im.run.damaged = 1;
        } else {
            rc = walk_bare(&im, o->offset * (int64_t)im.img->sector_size,
                           0, err);
        }
    } else {
        rc = walk_volumes(&im, &vs, err);
        if (rc == FTL_DONE)
            rc = walk_bare(&im, 0, vs, err);
    }
    hash_wait(&im);
    if (rc < 0 || (!im.dup_checked && (rc = dup_lookup(&im, err))))
        goto abort;
    if (im.dup) {
        /* Everything this run added goes again, counts included. */
        col_abort(ctx, im.run.evid, &mark);
        rc = say_known(&im, err);
        goto out;
    }
    if (im.hash_err[0]) {
        snprintf(s, sizeof(s), "offset %lld", (long long)im.hashed);
        col_warn(ctx, im.run.evid, paths[0], s, "image unreadable from "
                 "here: %s; the sha256 covers the %lld bytes before",
                 im.hash_err, (long long)im.hashed);
        im.run.damaged = 1;
    }
    if (im.stored_md5[0]) {
        if (!im.hash_err[0] && strcmp(im.stored_md5, im.md5) == 0) {
            snprintf(s, sizeof(s), "E01 stored MD5 %s matches the content",
                     im.stored_md5);
        } else {
            snprintf(s, sizeof(s), "E01 stored MD5 %s DOES NOT MATCH the "
                     "content (md5 %s)", im.stored_md5, im.md5);
            col_warn(ctx, im.run.evid, paths[0], "offset 0", "the MD5 "
                     "stored in the E01 (%s) does not match its content "
                     "(%s): the image is damaged or was altered",
                     im.stored_md5, im.md5);
            col_report(ctx, COL_ERROR, "%s: E01 MD5 MISMATCH: stored %s, "
                       "content %s", paths[0], im.stored_md5, im.md5);
            im.run.damaged = 1;
        }
        note_add(&im, s);
    }
    if (im.run.n_children) {
        snprintf(s, sizeof(s), "%lld mail log%s and mail store%s recorded "
                 "as child evidence", (long long)im.run.n_children,
                 im.run.n_children == 1 ? "" : "s",
                 im.run.n_children == 1 ? "" : "s");
        note_add(&im, s);
    }
    if ((rc = tl_evidence_note(ctx->st, im.run.evid, im.note.p, err)))
        goto abort;
    if (im.run.n_fs == 0) {
        col_report(ctx, COL_ERROR, "%s: no file system could be read",
                   paths[0]);
        status = TL_EV_FAILED;
    } else {
        status = im.run.damaged ? TL_EV_PARTIAL : TL_EV_COMPLETE;
    }
    rc = col_evidence_end(ctx, im.run.evid, paths[0], im.sha,
                          im.stored_md5[0] ? im.md5 : NULL, status, err);
    if (rc == FTL_DONE || rc < 0) {
        /* Rolled back (the same image after all, or the case could not
         * be written): what the children added goes too, and what
         * col_evidence_end() counted for the image stays counted. */
        struct col_counts now;

        col_ctx_mark(ctx, &now);
        col_ctx_rollback(ctx, &mark);
        ctx->n_dup += now.dup - mark.dup;
        ctx->n_places += now.places - mark.places;
        ctx->n_conflicts += now.conflicts - mark.conflicts;
        ctx->n_failed += now.failed - mark.failed;
        if (rc == FTL_DONE)
            rc = FTL_OK;
    }
    goto out;
abort:
    col_abort(ctx, im.run.evid, &mark);
out:
    hash_wait(&im);
    if (im.himg)
        tsk_img_close(im.himg);
    if (im.img)
        tsk_img_close(im.img);
    col_disk_segments_free(im.segs);
    col_disk_buf_release(&im.note);
    col_disk_buf_release(&im.opts);
    return rc;
}

/* ---- the collector --------------------------------------------------- */

static int add_glob(char ***v, size_t *n, const char *g, struct ftl_err *err)
{
    char **nv = realloc(*v, sizeof(**v) * (*n + 2));

    if (!nv)
        return ftl_err_set(err, FTL_ENOMEM, "out of memory");
    *v = nv;
    if (!(nv[*n] = strdup(g)))
        return ftl_err_set(err, FTL_ENOMEM, "out of memory");
    nv[++*n] = NULL;
    return FTL_OK;
}

static int disk_opt(void *opts, int c, const char *arg, struct ftl_err *err)
{
    struct disk_opts *o = opts;
    char *end;

    switch (c) {
    case 'o':
    case OPT_OFFSET:
        errno = 0;
        o->offset = strtoll(arg, &end, 10);
        if (!*arg || *end || errno || o->offset < 0)
            return ftl_err_set(err, FTL_EUSAGE, "--offset: '%s' is not a "
                               "sector number", arg);
        o->has_offset = 1;
        return FTL_OK;
    case OPT_HASH:
        o->hash = 1;
        return FTL_OK;
    case OPT_LOGS:
        return add_glob(&o->logs, &o->nlogs, arg, err);
    case OPT_MAIL:
        return add_glob(&o->mail, &o->nmail, arg, err);
    default:
        return ftl_err_set(err, FTL_EUSAGE, "unknown option");
    }
}

static void disk_release(void *opts)
{
    struct disk_opts *o = opts;

    col_disk_segments_free(o->logs);
    col_disk_segments_free(o->mail);
    o->logs = o->mail = NULL;
}

/* All the paths name the files of one image, as fls reads them. */
struct disk_job {
    const struct disk_opts *o;
    char **paths;
    int n;
};

static int collect_one(struct col_ctx *ctx, void *payload,
                       const char *path, struct ftl_err *err)
{
    struct disk_job *job = payload;

    (void)path;                /* job->paths[0] */
    return collect_image(ctx, job->o, job->paths, job->n, err);
}

static int disk_run(struct col_ctx *ctx, void *opts, char **paths, int n,
                    struct ftl_err *err)
{
    struct disk_job job = { opts, paths, n };

    return col_run_each(ctx, paths, 1, collect_one, &job, "disk image",
                        err);
}

const struct col_ops col_disk = {
    .name = "disk",
    .summary = "disk images through libtsk (raw, split, E01, VMDK, VHD, "
               "AFF)",
    .usage =
        "usage: ftl collect disk [-c CASE] [--offset SECTOR] [--hash]\n"
        "                        [--logs GLOB]... [--mail GLOB]... "
        "[--tz ZONE]\n"
        "                        [--iocs FILE | --no-iocs] IMAGE "
        "[SEGMENT...]\n"
        "\n"
        "Reads a disk image read-only through libtsk and records every "
        "file-system\n"
        "entry the way 'fls -r -m /' sees it (allocated and deleted names, "
        "orphans,\n"
        "NTFS streams and $FILE_NAME times), with nanosecond times, one "
        "event per\n"
        "non-zero time.  Formats: raw/dd, split raw (give the first "
        "segment: .000,\n"
        ".001, .aa ... are found), E01 with its segments, VMDK, VHD, AFF.  "
        "Every\n"
        "allocated partition of a DOS, GPT, BSD, Mac or Sun volume system is "
        "walked,\n"
        "or the bare file system.  The evidence row holds the SHA-256 of the "
        "media\n"
        "content (for E01 also checked against the stored MD5).  Mail logs "
        "and mail\n"
        "stores inside the image become child evidence.\n"
        "\n"
        "  -o, --offset SECTOR only the file system at this sector (as "
        "fls -o)\n"
        "      --hash          MD5 and SHA-256 of every regular file's "
        "content (and\n"
        "                      NTFS stream); deleted ones where they still "
        "read\n"
        "      --logs GLOB     also treat files matching GLOB as mail logs; "
        "the\n"
        "                      defaults are /mail/log/*, /mail/log/archive/*,"
        "\n"
        "                      /var/log/maillog*, /var/log/mail.log*, "
        "/var/log/mail/*\n"
        "      --mail GLOB     also treat files matching GLOB as mail "
        "stores; the\n"
        "                      defaults are /mail/mstore/*, "
        "/var/spool/mail/*,\n"
        "                      /var/mail/*, */Maildir/*/*, *.eml, *.mbox\n"
        "                      ('*' also matches '/')\n"
        "\n"
        "FAT stores local times: they are read in the --tz zone (default "
        "UTC).\n",
    .shortopts = "o:",
    .longopts = disk_longopts,
    .uses_iocs = 1,
    .uses_tz = 1,
    .opts_size = sizeof(struct disk_opts),
    .opt = disk_opt,
    .run = disk_run,
    .release = disk_release,
};
