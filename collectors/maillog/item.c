/*
 * collectors/maillog/item.c - the second pass: one evidence item stored
 *
 * The evidence row, every line through col_ml_line(), the open
 * transactions closed at the end of the file, the summed-up warnings,
 * the hash that identifies the item and its counts as the row's note.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collectors/maillog/maillog_int.h"

static void reset_counts(struct ml_run *r)
{
    r->n_lines = r->n_blank = r->n_mail = r->n_other = r->n_cont = 0;
    r->n_bad = r->n_badtime = r->n_badutf8 = r->n_cut = 0;
    r->n_msgs = r->n_evicted = 0;
    r->bad_first = r->bad_last = 0;
    r->st_ok = 0;
    r->prev_ok = 0;
}

/* The dialect most lines of the item are in (first pass counts). */
static const char *detected(const struct ml_item *it)
{
    int best = -1, f;

    /* a mail dialect wins over more lines of other programs */
    for (f = ML_POSTFIX; f < ML_SYSLOG; f++)
        if (it->fam_lines[f] > 0 &&
            (best < 0 || it->fam_lines[f] > it->fam_lines[best]))
            best = f;
    if (best < 0)
        return it->fam_lines[ML_SYSLOG] ? "syslog" : "none";
    return col_ml_fmt_names[best];
}

/* The item's evidence row, opened in *evid, with the year tracker where
 * the first pass had it before this item, moved to absolute years. */
static int stream_begin(struct ml_run *r, struct ml_item *it,
                        int have_year, int off, const char *ysrc,
                        int64_t *evid)
{
    struct col_ctx *ctx = r->ctx;
    struct tl_evidence ev = { 0 };
    char opts[768], yr[340], *ppath;
    int rc;

    reset_counts(r);
    r->name = it->path;
    r->year.year = it->start.year + off;
    r->year.mon = it->start.mon;
    r->strays = it->strays;
    r->nstrays = it->nstrays;
    r->stray_pos = 0;
    yr[0] = '\0';
    if (have_year && it->has_bsd)
        snprintf(yr, sizeof(yr), " year=%d year_source=%s",
                 it->first_year + off, ysrc);
    snprintf(opts, sizeof(opts), "format=%s detected=%s tz=%s%s%s%s",
             col_ml_fmt_names[r->opts->fmt], detected(it), r->tzname, yr,
             r->opts->host ? " host=" : "",
             r->opts->host ? r->opts->host : "");
    ev.kind = "maillog";
    /* A child item keeps its parent's path; its place is inner_path. */
    ppath = it->parent_id ? tl_evidence_path(ctx->st, it->parent_id) : NULL;
    ev.path = ppath ? ppath : it->path;
    ev.inner_path = it->inner_path;
    ev.parent_id = it->parent_id;
    ev.size = it->size;
    ev.mtime = it->mtime;
    ev.options = opts;
    ev.tz = r->tzname;
    ev.year = have_year && it->has_bsd ? it->first_year + off : 0;
    ev.audit_id = ctx->audit_id;
    rc = col_evidence_begin(ctx, &ev, evid, r->err);
    free(ppath);
    return rc;
}

/* The second pass: every line is an event or a warning.  Damaged
 * compressed data, or 'damage' met while spooling, leaves what was read
 * and makes the item partial.  Returns FTL_OK or a store error. */
static int read_lines(struct ml_run *r, struct col_src *src,
                      const struct ml_item *it, const struct ftl_err *damage,
                      int *status)
{
    struct col_ctx *ctx = r->ctx;
    struct ftl_err *err = r->err;
    char loc[48], *line;
    size_t len;
    int rc, truncated;

    for (;;) {
        rc = col_src_getline(src, &line, &len, ML_LINE_MAX, &truncated,
                             err);
        if (rc == FTL_DONE)
            break;
        if (rc < 0) {
            /* the warning names the first line that could not be read */
            snprintf(loc, sizeof(loc), "line %lld",
                     (long long)col_src_lineno(src) + 1);
            col_warn(ctx, r->evid, it->path, loc, "%s", err->msg);
            ftl_err_clear(err);
            *status = TL_EV_PARTIAL;
            break;
        }
        rc = col_ml_line(r, line, len, col_src_lineno(src), truncated);
        if (rc < 0)
            return rc;
        col_progress(ctx, "%s: line %lld of %lld", it->path,
                     (long long)col_src_lineno(src), (long long)it->lines);
    }
    if (damage && damage->code) {
        snprintf(loc, sizeof(loc), "line %lld", (long long)r->n_lines + 1);
        col_warn(ctx, r->evid, it->path, loc, "%s", damage->msg);
        *status = TL_EV_PARTIAL;
    }
    return FTL_OK;
}

/* The kinds of bad line past the first ML_WARN_BAD, summed up in one
 * warning each rather than listed. */
static void warn_totals(struct ml_run *r, const struct ml_item *it)
{
    struct col_ctx *ctx = r->ctx;
    char loc[64];

    if (r->n_bad > ML_WARN_BAD) {
        snprintf(loc, sizeof(loc), "lines %lld-%lld",
                 (long long)r->bad_first, (long long)r->bad_last);
        col_warn(ctx, r->evid, it->path, loc, "%lld more lines could not "
                 "be read as log lines (not listed one by one)",
                 (long long)(r->n_bad - ML_WARN_BAD));
    }
    if (r->n_cut > ML_WARN_BAD)
        col_warn(ctx, r->evid, it->path, NULL, "%lld lines longer than %d "
                 "bytes, read up to there (the first %d are listed)",
                 (long long)r->n_cut, ML_LINE_MAX, ML_WARN_BAD);
    if (r->n_badutf8 > ML_WARN_BAD)
        col_warn(ctx, r->evid, it->path, NULL, "%lld lines hold invalid "
                 "UTF-8 (the first %d are listed)",
                 (long long)r->n_badutf8, ML_WARN_BAD);
}

/* The hash that identifies the evidence into hex: the spooled stream's
 * own ('sha'), or this reading's, compared with the first reading's. */
static int stream_hash(struct ml_run *r, struct col_src *src,
                       const struct ml_item *it, const char *sha,
                       char hex[65], int *status)
{
    char loc[48];
    int rc;

    if (sha) {
        snprintf(hex, 65, "%s", sha);
        return FTL_OK;
    }
    if ((rc = col_src_sha256(src, hex, r->err)) == FTL_EIO) {
        /* a read error (a bad sector): what was read stays, partial,
         * identified by the hash of the bytes before the error */
        snprintf(loc, sizeof(loc), "offset %lld",
                 (long long)col_src_raw_offset(src));
        col_warn(r->ctx, r->evid, it->path, loc, "%s; the sha256 covers "
                 "the %lld bytes before", r->err->msg,
                 (long long)col_src_raw_offset(src));
        ftl_err_clear(r->err);
        *status = TL_EV_PARTIAL;
        return FTL_OK;
    }
    if (rc)
        return rc;
    if (it->sha[0] && strcmp(it->sha, hex) != 0)
        col_warn(r->ctx, r->evid, it->path, NULL, "the file changed "
                 "between the two readings (sha256 %s, then %s): what is "
                 "stored is the second reading", it->sha, hex);
    return FTL_OK;
}

/* The counts as the evidence row's note. */
static int stream_note(struct ml_run *r)
{
    char note[512];

    snprintf(note, sizeof(note), "lines=%lld mail=%lld other=%lld "
             "continued=%lld blank=%lld unreadable=%lld bad_time=%lld "
             "bad_utf8=%lld cut=%lld messages=%lld written_early=%lld",
             (long long)r->n_lines, (long long)r->n_mail,
             (long long)r->n_other, (long long)r->n_cont,
             (long long)r->n_blank, (long long)r->n_bad,
             (long long)r->n_badtime, (long long)r->n_badutf8,
             (long long)r->n_cut, (long long)r->n_msgs,
             (long long)r->n_evicted);
    return tl_evidence_note(r->ctx->st, r->evid, note, r->err);
}

/* Close the row and say what was read.  Nothing usable (binary data, a
 * .gz broken at once) is kept in the case as failed, with its warnings,
 * so that the attempt is on record. */
static int stream_end(struct ml_run *r, const struct ml_item *it,
                      const char *hex, int status,
                      const struct col_counts *mark)
{
    struct col_ctx *ctx = r->ctx;
    int rc;

    if (r->n_mail + r->n_other + r->n_cont == 0 &&
        (r->n_bad || status == TL_EV_PARTIAL)) {
        col_report(ctx, COL_ERROR, "%s: no log line could be read",
                   it->path);
        status = TL_EV_FAILED;
    }
    rc = col_evidence_end(ctx, r->evid, it->path, hex, NULL, status,
                          r->err);
    if (rc < 0)
        col_ctx_rollback(ctx, mark);    /* the store rolled it back */
    if (rc == FTL_OK)
        col_report(ctx, COL_INFO, "%s: %lld line%s: %lld mail, %lld other "
                   "programs, %lld continued, %lld blank, %lld not read; "
                   "%lld messages", it->path, (long long)r->n_lines,
                   r->n_lines == 1 ? "" : "s",
                   (long long)r->n_mail, (long long)r->n_other,
                   (long long)r->n_cont, (long long)r->n_blank,
                   (long long)r->n_bad, (long long)r->n_msgs);
    return rc < 0 ? rc : FTL_OK;
}

int col_ml_item_collect(struct ml_run *r, struct col_src *src,
                        struct ml_item *it, int have_year, int off,
                        const char *ysrc, const char *sha,
                        const struct ftl_err *damage)
{
    struct col_counts mark;
    char hex[65];
    int64_t evid;
    int rc, status = TL_EV_COMPLETE;

    col_ctx_mark(r->ctx, &mark);
    if ((rc = stream_begin(r, it, have_year, off, ysrc, &evid)))
        return rc;
    r->evid = evid;
    if ((rc = read_lines(r, src, it, damage, &status)) < 0 ||
        /* the end of the file ends every transaction still open */
        (rc = col_ml_msg_close_all(r)) < 0)
        goto fail;
    warn_totals(r, it);
    if ((rc = stream_hash(r, src, it, sha, hex, &status)) ||
        (rc = stream_note(r)))
        goto fail;
    return stream_end(r, it, hex, status, &mark);
fail:
    /* the open transactions' rows go with the savepoint, and what the
     * item added leaves the run's counts */
    col_ml_msg_drop_all(r);
    col_abort(r->ctx, evid, &mark);
    return rc;
}

int col_ml_item_known(struct ml_run *r, const struct ml_item *it)
{
    struct tl_evidence place = { 0 };
    char *ppath;
    int rc;

    if (!it->sha[0])
        return FTL_OK;
    /* the place as the item's row would record it */
    ppath = it->parent_id ? tl_evidence_path(r->ctx->st, it->parent_id)
                          : NULL;
    place.kind = "maillog";
    place.path = ppath ? ppath : it->path;
    place.inner_path = it->inner_path;
    place.parent_id = it->parent_id;
    place.size = it->size;
    place.mtime = it->mtime;
    place.audit_id = r->ctx->audit_id;
    rc = col_evidence_known(r->ctx, &place, it->sha, it->path, r->err);
    free(ppath);
    return rc;
}
