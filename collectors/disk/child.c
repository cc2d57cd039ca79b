/*
 * collectors/disk/child.c - files in the image that other collectors read
 *
 * A mail log or a mail store inside a disk image is evidence of its own,
 * read straight from the image by the collector of its kind and recorded
 * as a child of the image.  Which collector reads which file is the
 * registry's answer (col_claimant(): each collector names the paths it
 * claims), widened by the patterns given with the disk collector's
 * options (--logs, --mail); this file names no collector.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <string.h>

#include "collectors/disk/disk_int.h"

ssize_t col_disk_child_read(void *payload, int64_t off, void *buf, size_t n)
{
    struct disk_child_src *c = payload;
    ssize_t got;

    if (off >= c->size)
        return 0;
    if ((int64_t)n > c->size - off)
        n = (size_t)(c->size - off);
    got = tsk_fs_file_read(c->f, off, buf, n, TSK_FS_FILE_READ_FLAG_NONE);
    if (got < 0)
        tsk_error_reset();
    return got <= 0 ? -1 : got;
}

/* The patterns given on top of collector i's claims (--logs ...). */
static const char *const *extra_of(void *arg, int i)
{
    const struct disk_run *run = arg;

    return run->extra ? (const char *const *)run->extra[i].v : NULL;
}

/* A child its collector did not recognise (not mail after all): still
 * on record, hashed, saying so.  A read error goes back to child(). */
static int record_child(struct disk_run *run, const struct col_ops *op,
                        struct col_src *src, const char *inner,
                        const char *name, int64_t mtime,
                        struct ftl_err *err)
{
    struct col_ctx *ctx = run->ctx;
    struct tl_evidence ev = { 0 };
    char sha[65], note[128];
    int64_t id;
    int rc;

    ev.kind = op->name;
    ev.path = run->image;
    ev.inner_path = inner;
    ev.parent_id = run->evid;
    ev.size = col_src_size(src);
    ev.mtime = mtime;
    ev.audit_id = ctx->audit_id;
    if ((rc = col_evidence_begin(ctx, &ev, &id, err)))
        return rc;
    snprintf(note, sizeof(note), "not parsed: the %s collector did not "
             "recognise it", op->claim_what);
    if ((rc = col_src_sha256(src, sha, err)) ||
        (rc = tl_evidence_note(ctx->st, id, note, err))) {
        tl_evidence_abort(ctx->st, id);
        return rc;
    }
    rc = col_evidence_end(ctx, id, name, sha, NULL, TL_EV_COMPLETE, err);
    if (rc == FTL_OK)
        run->n_children++;
    return rc == FTL_DONE ? FTL_OK : rc;
}

/* Read file f (inner path 'inner', message name 'name') with op's
 * collect_src(), and record it here when op does not recognise it. */
static int read_child(struct disk_run *run, const struct col_ops *op,
                      TSK_FS_FILE *f, const char *inner, const char *name,
                      struct ftl_err *err)
{
    struct col_ctx *ctx = run->ctx;
    struct disk_child_src cs = { f, (int64_t)f->meta->size };
    struct col_src *src = NULL;
    int64_t mtime, failed;
    int rc;

    if (tl_time_from_sec(f->meta->mtime, f->meta->mtime_nano, &mtime))
        mtime = 0;
    if ((rc = col_src_open_cb(&src, name, cs.size, col_disk_child_read, &cs, 1,
                              err)))
        return rc;
    col_src_set_mtime(src, mtime);
    failed = ctx->n_failed;
    rc = op->collect_src(ctx, src, run->evid, inner, err);
    if (ctx->n_failed > failed) {
        /* A child that could not be read at all (a log damaged from
         * its first byte) is on record as failed; the image itself was
         * read, so it is a warning on the image, not a failed run. */
        ctx->n_failed = failed;
        col_warn(ctx, run->evid, run->image, inner, "%s could not "
                 "be read as a %s; recorded as failed", inner,
                 op->claim_what);
    }
    if (rc == FTL_OK)
        run->n_children++;
    else if (rc == FTL_DONE)
        rc = record_child(run, op, src, inner, name, mtime, err);
    col_src_close(src);
    return rc;
}

/*
 * A file claimed by collector 'op': hand it to op, which records it as
 * child evidence; what op does not recognise is recorded here.  A child
 * that cannot be read is a warning on the image, which goes on; only a
 * failure to write the case stops the walk.
 */
static int child(struct disk_run *run, const struct col_ops *op,
                 TSK_FS_FILE *f, const char *part, const char *path,
                 int64_t fs_bytes, struct ftl_err *err)
{
    struct col_ctx *ctx = run->ctx;
    struct ftl_buf inner = { 0 }, name = { 0 };
    int rc;

    /* inner path: "[vol2/]dir/name", the name "IMAGE//[vol2/]dir/name" */
    if ((part && (ftl_buf_puts(&inner, part) ||
                  ftl_buf_add(&inner, "/", 1))) ||
        ftl_buf_puts(&inner, path + 1) ||
        ftl_buf_puts(&name, run->image) ||
        ftl_buf_add(&name, "//", 2) ||
        ftl_buf_add(&name, inner.p, inner.len))
        rc = ftl_err_set(err, FTL_ENOMEM, "out of memory");
    else if ((int64_t)f->meta->size > fs_bytes)
        /* a garbage inode: do not spool terabytes of zeros */
        rc = ftl_err_set(err, FTL_EPARSE, "%s not read: its size "
                         "(%lld bytes) is larger than the file system "
                         "(%lld bytes)", name.p, (long long)f->meta->size,
                         (long long)fs_bytes);
    else
        rc = read_child(run, op, f, inner.p, name.p, err);
    if (rc < 0 && rc != FTL_EDB && rc != FTL_ENOMEM) {
        /* that item failed; the image goes on */
        col_warn(ctx, run->evid, run->image, inner.p, "%s", err->msg);
        ftl_err_clear(err);
        run->damaged = 1;
        rc = FTL_OK;
    }
    ftl_buf_release(&inner);
    ftl_buf_release(&name);
    return rc;
}

/* Only allocated regular files are claimed: a deleted log's blocks may
 * belong to another file by now. */
int col_disk_child(struct disk_run *run, TSK_FS_FILE *f, const char *part,
                   const char *path, int64_t fs_bytes, struct ftl_err *err)
{
    const TSK_FS_META *m = f->meta;
    const struct col_ops *op;

    if (!m || m->type != TSK_FS_META_TYPE_REG ||
        !(m->flags & TSK_FS_META_FLAG_ALLOC) ||
        (f->name->flags & TSK_FS_NAME_FLAG_UNALLOC))
        return FTL_OK;
    if (!(op = col_claimant(path, extra_of, run)))
        return FTL_OK;
    /* Collecting an image again should not read and report children
     * only to throw them away: first ask whether the hash says so. */
    if (run->check && run->check(run, 1)) {
        run->stopped = 1;
        return FTL_OK;
    }
    return child(run, op, f, part, path, fs_bytes, err);
}
