/*
 * collectors/hr/content.c - the bytes of one HR document: read and hashed
 * once, then read for what they are and recorded
 *
 * A document up to HR_DOC_MAX bytes is kept whole in the run's buffer
 * while it is hashed (MD5 and SHA-256), and the readers (doc.c) parse it
 * from memory; a larger one is hashed to its end and typed from its
 * first HR_DOC_MAX bytes only.  The file-system or archive times come
 * with it; a time int64 nanoseconds cannot hold is left out and noted.
 *
 * SPDX-License-Identifier: MIT
 */
#define _GNU_SOURCE            /* struct statx */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "collectors/hr/hrdocs_int.h"

ssize_t hr_fd_read(void *payload, void *buf, size_t n)
{
    ssize_t k;

    do
        k = read(*(int *)payload, buf, n);
    while (k < 0 && errno == EINTR);
    return k;
}

int hr_content_read(struct hr_run *r, hr_raw_read_fn rd, void *rdp,
                    struct hr_docin *in, char md5[33], char sha[65])
{
    struct ftl_buf *b = &r->content;
    ssize_t k;

    in->buf = NULL;
    in->n = 0;
    in->total = 0;
    in->whole = 0;
    in->md5 = in->sha256 = NULL;
    ftl_buf_reset(b);
    while ((k = rd(rdp, r->chunk, HR_CHUNK)) > 0) {
        size_t keep = b->max - b->len;

        ftl_digest_update(r->dg, r->chunk, (size_t)k);
        in->total += k;
        if (keep > (size_t)k)
            keep = (size_t)k;
        /* Past the cap the bytes are only hashed. */
        if (keep && ftl_buf_add(b, r->chunk, keep) != FTL_OK) {
            errno = ENOMEM;
            k = -1;
            break;
        }
    }
    if (k < 0) {
        int e = errno;          /* for the caller's message */

        ftl_digest_final(r->dg, NULL, NULL);   /* fresh for the next */
        errno = e;
        return -1;
    }
    ftl_digest_final(r->dg, md5, sha);
    in->md5 = md5;
    in->sha256 = sha;
    in->buf = (const unsigned char *)ftl_buf_str(b);
    in->n = b->len;
    in->whole = in->total < HR_DOC_MAX;
    return 0;
}

int hr_content_process(struct hr_run *r, struct hr_docin *in,
                       const char *unread_why, struct ftl_err *err)
{
    char esc[HR_PATH_MAX * 4 + 1];

    hr_doc_reset(&r->doc, in->name);
    if (!ftl_utf8_valid((const unsigned char *)in->rel, strlen(in->rel), NULL))
        hr_doc_note(&r->doc, "file name is not valid UTF-8 ('%s'): stored "
                    "byte for byte", ftl_esc_msg(esc, sizeof(esc), in->rel, strlen(in->rel)));
    if (unread_why) {
        hr_doc_note(&r->doc, "%s", unread_why);
        r->nunread++;
    } else if (in->whole) {
        hr_doc_read(&r->doc, in->buf, in->n);
    } else {
        hr_doc_guess(&r->doc, in->buf, in->n);
        hr_doc_note(&r->doc, "larger than %lld MiB: hashed, contents not "
                    "read", HR_DOC_MAX >> 20);
    }
    if (in->fs.out_of_range)
        hr_doc_note(&r->doc, "a %s time is outside 1677..2262, which ftl "
                    "cannot hold: not recorded", in->fs.origin);
    r->nbytes += in->size > 0 ? in->size : 0;
    return hr_record_doc(r, in, err);
}

/* An archive member's time of whole seconds claims no fraction: tar and
 * zip mostly keep seconds. */
void hr_fs_time(struct hr_fstimes *fs, int i, int64_t sec, long nsec)
{
    if (tl_time_from_sec(sec, nsec, &fs->t[i]) != FTL_OK)
        fs->out_of_range = 1;
    fs->prec[i] = nsec || strcmp(fs->origin, "archive") != 0 ? 9 : 0;
}

void hr_fs_statx(struct hr_fstimes *fs, const struct statx *stx)
{
    hr_fs_time(fs, 0, stx->stx_mtime.tv_sec, stx->stx_mtime.tv_nsec);
    hr_fs_time(fs, 1, stx->stx_atime.tv_sec, stx->stx_atime.tv_nsec);
    hr_fs_time(fs, 2, stx->stx_ctime.tv_sec, stx->stx_ctime.tv_nsec);
    if (stx->stx_mask & STATX_BTIME)
        hr_fs_time(fs, 3, stx->stx_btime.tv_sec, stx->stx_btime.tv_nsec);
}

void hr_dir_of(const struct hr_run *r, const char *rel, char *out,
               size_t outsz)
{
    const char *slash = strrchr(rel, '/');

    snprintf(out, outsz, "%s%s%.*s", r->base, slash ? "/" : "",
             slash ? (int)(slash - rel) : 0, rel);
}
