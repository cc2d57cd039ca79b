/*
 * collectors/disk/disk.c - disk images through libtsk: the run
 *
 *   ftl collect disk [--offset SECTOR] [--hash] [--logs GLOB] [--mail GLOB]
 *                    IMAGE [SEGMENT...]
 *
 * An image (raw or split raw, E01, VMDK, VHD, AFF) is opened read-only
 * with libtsk, hashed (SHA-256 of the media content as libtsk reads it),
 * looked up in the case (hash.c), and then every file system in it is
 * walked by walk.c: each allocated partition of a volume system (DOS
 * with extended partitions, GPT, BSD, Mac, Sun), or the bare file system
 * at offset 0, or only the one at --offset (volumes.c).  Here: the
 * options, the files of the image, the evidence row and its note.
 *
 * Image formats are told apart by signature and opened with their own
 * TSK type, never TSK_IMG_TYPE_DETECT: detection probes libvhdi and
 * libvmdk, which leak under AddressSanitizer (docs/DESIGN.md, "Disk
 * images").
 *
 * SPDX-License-Identifier: MIT
 */
#define _GNU_SOURCE            /* O_NOATIME */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "collectors/disk/disk_int.h"

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
    /* Patterns added to collector col_registry[i]'s claims by its
     * claim_opt (--logs, --mail), in extra[i]; NULL until one is given. */
    struct disk_globs *extra;
};

/* --logs and --mail are the claim_opt of the collectors that read mail
 * logs and mail stores (registry.c); disk_opt() finds which by name. */
static const struct option disk_longopts[] = {
    { "offset", required_argument, NULL, OPT_OFFSET },
    { "hash", no_argument, NULL, OPT_HASH },
    { "logs", required_argument, NULL, OPT_LOGS },
    { "mail", required_argument, NULL, OPT_MAIL },
    { NULL, 0, NULL, 0 }
};

/* Open a file of the image read-only, its access time kept where the
 * system allows (O_NOATIME is only allowed for the owner or root). */
static int open_ro(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOATIME);

    if (fd < 0 && errno == EPERM)
        fd = open(path, O_RDONLY | O_CLOEXEC);
    return fd;
}

/* ---- one run ------------------------------------------------------- */


/* Add s to the evidence row's note, "; " between parts. */
void col_disk_note_add(struct disk_image *im, const char *s)
{
    if (im->note.len)
        ftl_buf_puts(&im->note, "; ");
    ftl_buf_puts(&im->note, s);
}

/* Options as recorded on the evidence row. */
static void options_text(const struct disk_image *im, struct ftl_buf *b)
{
    char s[64];
    size_t i;
    int k;

    if (im->o->has_offset) {
        snprintf(s, sizeof(s), "offset=%lld ", (long long)im->o->offset);
        ftl_buf_puts(b, s);
    }
    if (im->o->hash)
        ftl_buf_puts(b, "hash=1 ");
    /* in registry order, whatever the order on the command line */
    for (k = 0; im->o->extra && col_registry[k]; k++) {
        for (i = 0; i < im->o->extra[k].n; i++) {
            ftl_buf_puts(b, col_registry[k]->claim_opt);
            ftl_buf_add(b, "=", 1);
            ftl_buf_puts(b, im->o->extra[k].v[i]);
            ftl_buf_add(b, " ", 1);
        }
    }
    ftl_buf_puts(b, "fat-tz=");
    ftl_buf_puts(b, im->run.zone);
}

void col_disk_image_evidence(struct disk_image *im, struct tl_evidence *ev,
                             int64_t size)
{
    int64_t mtime;

    ftl_buf_reset(&im->opts); /* made afresh for each use */
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
static int record_unopenable(struct disk_image *im, const char *why,
                             struct ftl_err *err)
{
    struct col_ctx *ctx = im->run.ctx;
    struct tl_evidence ev;
    struct col_counts mark;
    int64_t id, size;
    int rc;

    if ((rc = col_disk_hash_files(im, &size, err)))
        return rc;
    col_disk_image_evidence(im, &ev, size);
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

int col_disk_image_open(struct disk_image *im, char *why, size_t nwhy)
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
    if (im->fmt == DISK_RAW)
        im->img = col_disk_raw_open(im->nsegs, im->segs, why, nwhy);
    else
        im->img = tsk_img_open_utf8(im->nsegs,
                                    (const char *const *)im->segs, t, 0);
    if (!im->img && im->fmt == DISK_RAW)
        return -1;
    if (!im->img) {
        col_disk_tsk_error(why, nwhy);
        return -1;
    }
    return 0;
}

int col_disk_image_files(struct disk_image *im, char **paths, int n,
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
            if (i > 0 && (why = col_disk_not_regular(paths[i]))) {
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

/* The run's part of an image, before anything is read. */
static void image_init(struct disk_image *im, struct col_ctx *ctx,
                       const struct disk_opts *o, const char *image)
{
    memset(im, 0, sizeof(*im));
    atomic_init(&im->hdone, 0);
    atomic_init(&im->hpos, 0);
    im->o = o;
    im->inner = "";
    im->run.ctx = ctx;
    im->run.image = image;
    im->run.hash = o->hash;
    im->run.extra = o->extra;
    im->run.zone = ctx->tz ? tl_tz_name(ctx->tz) : "UTC";
    im->run.dup_seq = 1;       /* the first renamed locator gets " #2" */
    /* TSK reads FAT times as local times (mktime): the zone of --tz, or
     * UTC, set once before the hashing thread starts */
    tl_tz_use(ctx->tz);
}

/* What the row's hashes are of: the format, the files, the media. */
static void note_media(struct disk_image *im)
{
    char s[256];
    int i;

    snprintf(s, sizeof(s), "%s image", col_disk_fmt_name(im->fmt));
    col_disk_note_add(im, s);
    for (i = 0; i < im->nsegs && im->nsegs > 1; i++) {
        snprintf(s, sizeof(s), i ? ", " : " in %d files: ", im->nsegs);
        ftl_buf_puts(&im->note, s);
        ftl_buf_puts(&im->note, im->segs[i]);
    }
    snprintf(s, sizeof(s), "sha256 of the media content read through "
             "libtsk (%lld bytes)", (long long)im->img->size);
    col_disk_note_add(im, s);
}

/* The file systems: only the one at --offset, or every partition of a
 * volume system, or the bare one at offset 0. */
static int walk_all(struct disk_image *im, struct ftl_err *err)
{
    const struct disk_opts *o = im->o;
    int64_t sectors;
    char s[64];
    int rc, vs = 0;

    if (!o->has_offset) {
        rc = col_disk_walk_volumes(im, &vs, err);
        return rc == FTL_DONE ? col_disk_walk_bare(im, 0, vs, err) : rc;
    }
    /* compared in sectors: the byte offset of a huge sector number
     * would overflow */
    sectors = (int64_t)(im->img->size / im->img->sector_size);
    if (o->offset < sectors)
        return col_disk_walk_bare(im,
                                  o->offset * (int64_t)im->img->sector_size,
                                  0, err);
    snprintf(s, sizeof(s), "sector %lld", (long long)o->offset);
    col_warn(im->run.ctx, im->run.evid, im->run.image, s, "--offset is "
             "past the end of the image (%lld sectors)", (long long)sectors);
    im->run.damaged = 1;
    return FTL_OK;
}

/* After the walk: where hashing stopped early, and whether the MD5 an
 * E01 stores matches its content. */
static void check_media(struct disk_image *im)
{
    struct col_ctx *ctx = im->run.ctx;
    const char *image = im->run.image;
    char s[256];

    if (im->fmt == DISK_EWF && im->nsegs > 0 &&
        col_disk_ewf_continues(im->segs[im->nsegs - 1]) == 1) {
        /* libewf read the chunks of the missing segments as zeros: the
         * hash and the walk past them are not the image's */
        char *want = col_disk_ewf_segment_name(im->segs[0],
                                               im->nsegs + 1);

        col_warn(ctx, im->run.evid, image, "offset 0", "segment %d ('%s') "
                 "of the E01 set is missing: '%s' ends with a 'next' "
                 "section; what lies in the missing segments was read as "
                 "zeros", im->nsegs + 1, want ? want : "?",
                 im->segs[im->nsegs - 1]);
        free(want);
        im->run.damaged = 1;
    }
    if (im->hash_err[0]) {
        snprintf(s, sizeof(s), "offset %lld", (long long)im->hashed);
        col_warn(ctx, im->run.evid, image, s, "image unreadable from "
                 "here: %s; the sha256 covers the %lld bytes before",
                 im->hash_err, (long long)im->hashed);
        im->run.damaged = 1;
    }
    if (!im->stored_md5[0])
        return;
    if (!im->hash_err[0] && strcmp(im->stored_md5, im->md5) == 0) {
        snprintf(s, sizeof(s), "E01 stored MD5 %s matches the content",
                 im->stored_md5);
    } else {
        snprintf(s, sizeof(s), "E01 stored MD5 %s DOES NOT MATCH the "
                 "content (md5 %s)", im->stored_md5, im->md5);
        col_warn(ctx, im->run.evid, image, "offset 0", "the MD5 stored in "
                 "the E01 (%s) does not match its content (%s): the image "
                 "is damaged or was altered", im->stored_md5, im->md5);
        col_report(ctx, COL_ERROR, "%s: E01 MD5 MISMATCH: stored %s, "
                   "content %s", image, im->stored_md5, im->md5);
        im->run.damaged = 1;
    }
    col_disk_note_add(im, s);
}

/* "5 mail logs and mail stores recorded as child evidence": the files
 * of every collector that claims some in an image, in registry order. */
static void note_children(struct disk_image *im)
{
    const struct col_ops *op;
    struct ftl_buf b = { 0 };
    int64_t n = im->run.n_children;
    int i, k = 0, kinds = 0;
    const char *c;
    char s[32];

    if (!n)
        return;
    for (i = 0; (op = col_registry[i]); i++)
        kinds += op->claims && op->collect_src;
    snprintf(s, sizeof(s), "%lld ", (long long)n);
    ftl_buf_puts(&b, s);
    for (i = 0; (op = col_registry[i]); i++) {
        if (!op->claims || !op->collect_src)
            continue;
        if (k++)
            ftl_buf_puts(&b, k == kinds ? " and " : ", ");
        /* "mail-log" is written as a modifier: as a noun, "mail log" */
        for (c = op->claim_what; *c; c++)
            ftl_buf_add(&b, *c == '-' ? " " : c, 1);
        if (n != 1)
            ftl_buf_add(&b, "s", 1);
    }
    ftl_buf_puts(&b, " recorded as child evidence");
    col_disk_note_add(im, b.p);
    ftl_buf_release(&b);
}

/* The image's row: its note, its status, closed; when closing rolls it
 * back (the same image after all, or the case could not be written),
 * what the children added goes too, and a duplicate stays counted. */
static int finish_image(struct disk_image *im, const struct col_counts *mark,
                        struct ftl_err *err)
{
    struct col_ctx *ctx = im->run.ctx;
    int rc, status;

    if ((rc = tl_evidence_note(ctx->st, im->run.evid, im->note.p, err))) {
        col_abort(ctx, im->run.evid, mark);
        return rc;
    }
    if (im->run.n_fs == 0) {
        col_report(ctx, COL_ERROR, "%s: no file system could be read",
                   im->run.image);
        status = TL_EV_FAILED;
    } else {
        status = im->run.damaged ? TL_EV_PARTIAL : TL_EV_COMPLETE;
    }
    rc = col_evidence_end(ctx, im->run.evid, im->run.image, im->sha,
                          im->stored_md5[0] ? im->md5 : NULL, status, err);
    if (rc == FTL_DONE || rc < 0) {
        /* Rolled back (the same image after all, or the case could not
         * be written): what the children added goes too, and what
         * col_evidence_end() counted for the image stays counted. */
        struct col_counts now;

        col_ctx_mark(ctx, &now);
        col_ctx_rollback(ctx, mark);
        ctx->n_dup += now.dup - mark->dup;
        ctx->n_places += now.places - mark->places;
        ctx->n_conflicts += now.conflicts - mark->conflicts;
        ctx->n_failed += now.failed - mark->failed;
        if (rc == FTL_DONE)
            rc = FTL_OK;
    }
    return rc;
}

/*
 * The opened image.  Its SHA-256 is computed beside the walk; as soon as
 * it is known, the walk asks whether the same image is already in the
 * case and stops if so (everything the run added then goes again,
 * counts included).  Without a thread, hashing comes first.
 */
static int read_image(struct disk_image *im, struct ftl_err *err)
{
    struct col_ctx *ctx = im->run.ctx;
    struct tl_evidence ev;
    struct col_counts mark;
    int rc;

    if (im->fmt == DISK_EWF && !col_disk_ewf_md5(im->img, im->stored_md5))
        im->stored_md5[0] = '\0';
    im->want_md5 = im->stored_md5[0] != '\0';
    if (im->o->has_offset) {
        snprintf(im->inner_buf, sizeof(im->inner_buf), "sector %lld",
                 (long long)im->o->offset);
        im->inner = im->inner_buf;
    }
    im->run.hash_pct = 0;
    im->run.check = col_disk_check_dup;
    col_disk_hash_start(im);
    if (!im->hthread) {
        if ((rc = col_disk_dup_lookup(im, err)))
            return rc;
        if (im->dup)
            return col_disk_say_known(im, err);
    }
    col_disk_image_evidence(im, &ev, (int64_t)im->img->size);
    col_ctx_mark(ctx, &mark);
    if ((rc = col_evidence_begin(ctx, &ev, &im->run.evid, err)))
        return rc;
    im->run.started = tl_time_now();
    im->run.ev_start = ctx->n_events;
    note_media(im);
    rc = walk_all(im, err);
    col_disk_hash_wait(im);
    if (rc < 0 || (!im->dup_checked && (rc = col_disk_dup_lookup(im, err)))) {
        col_abort(ctx, im->run.evid, &mark);
        return rc;
    }
    if (im->dup) {
        col_abort(ctx, im->run.evid, &mark);
        return col_disk_say_known(im, err);
    }
    check_media(im);
    note_children(im);
    return finish_image(im, &mark, err);
}

static int collect_image(struct col_ctx *ctx, const struct disk_opts *o,
                         char **paths, int n, struct ftl_err *err)
{
    struct disk_image im;
    char why[600];
    int rc;

    image_init(&im, ctx, o, paths[0]);
    if ((rc = col_disk_image_files(&im, paths, n, err)) == FTL_OK) {
        if (col_disk_image_open(&im, why, sizeof(why)) != 0)
            rc = record_unopenable(&im, why, err);
        else
            rc = read_image(&im, err);
    }
    col_disk_hash_wait(&im);
    if (im.himg)
        tsk_img_close(im.himg);
    if (im.img)
        tsk_img_close(im.img);
    col_disk_segments_free(im.segs);
    ftl_buf_release(&im.note);
    ftl_buf_release(&im.opts);
    return rc;
}

/* ---- the collector --------------------------------------------------- */

static int add_glob(struct disk_globs *g, const char *glob,
                    struct ftl_err *err)
{
    char **nv = realloc(g->v, sizeof(*nv) * (g->n + 2));

    if (!nv)
        return ftl_err_set(err, FTL_ENOMEM, "out of memory");
    g->v = nv;
    if (!(nv[g->n] = strdup(glob)))
        return ftl_err_set(err, FTL_ENOMEM, "out of memory");
    nv[++g->n] = NULL;
    return FTL_OK;
}

/* An option that adds patterns to another collector's claims: the one
 * whose claim_opt is this option's long name. */
static int add_claim(struct disk_opts *o, int c, const char *arg,
                     struct ftl_err *err)
{
    const struct option *lo;
    int k = -1;

    for (lo = disk_longopts; lo->name && k < 0; lo++)
        if (lo->val == c)
            k = col_claim_opt_find(lo->name);
    if (k < 0)
        return ftl_err_set(err, FTL_EUSAGE, "unknown option");
    if (!o->extra &&
        !(o->extra = calloc((size_t)col_count(), sizeof(*o->extra))))
        return ftl_err_set(err, FTL_ENOMEM, "out of memory");
    return add_glob(&o->extra[k], arg, err);
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
    default:
        return add_claim(o, c, arg, err);
    }
}

static void disk_release(void *opts)
{
    struct disk_opts *o = opts;
    int k;

    for (k = 0; o->extra && col_registry[k]; k++)
        col_disk_segments_free(o->extra[k].v);
    free(o->extra);
    o->extra = NULL;
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
    .digest = col_disk_digest,
    .digest_inner = col_disk_digest_inner,
};
