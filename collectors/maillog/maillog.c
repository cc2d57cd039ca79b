/*
 * collectors/maillog/maillog.c - mail logs: postfix, sendmail, exim, Barracuda ESG
 *
 * Reads mail logs line by line, plain or compressed, and records an event
 * for every line (with "line N" as locator) and one 'messages' row per
 * mail transaction (see msg.c).  Which dialect a line is in is
 * decided line by line from its program name, unless --format says so.
 *
 * Year-less syslog stamps need the year of the log, which is only known
 * at its end: the file's modification time dates the last lines.  So a
 * file is read twice.  The first pass only splits envelopes and runs the
 * year tracker over the months (no SQL: a small part of the cost), which
 * yields the year roll-overs inside the file; the modification time (or
 * the gzip member's, or a Barracuda line's own epoch time, or --year)
 * then fixes the year of the first line, and the second pass stores.
 * Rotated files given together (maillog, maillog.1, maillog.2.gz, ...)
 * are read oldest first in both passes with one tracker, so a set that
 * crosses New Year is dated from its newest file.  A stream found inside
 * a disk image cannot be read twice: it is spooled to an unlinked
 * temporary file while it is hashed, and both passes read the spool.
 *
 * SPDX-License-Identifier: MIT
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "collectors/maillog/maillog_int.h"

enum {
    OPT_YEAR = COL_OPT_BASE,
    OPT_HOST,
    OPT_FORMAT,
};

static const struct option longopts[] = {
    { "year", required_argument, NULL, OPT_YEAR },
    { "host", required_argument, NULL, OPT_HOST },
    { "format", required_argument, NULL, OPT_FORMAT },
    { NULL, 0, NULL, 0 }
};

/* ------------------------------------------------------------------ */
/* Options                                                             */
/* ------------------------------------------------------------------ */

static int maillog_opt(void *opts, int c, const char *arg,
                       struct ftl_err *err)
{
    struct ml_opts *o = opts;
    char *end;
    long y;
    int i;

    switch (c) {
    case OPT_YEAR:
        errno = 0;
        y = strtol(arg, &end, 10);
        if (errno || *end || y < 1678 || y > 2261)
            return ftl_err_set(err, FTL_EUSAGE, "invalid --year '%s': "
                               "expected a year such as 2023", arg);
        o->year = (int)y;
        return FTL_OK;
    case OPT_HOST:
        free(o->host);
        if (!(o->host = strdup(arg)))
            return ftl_err_set(err, FTL_ENOMEM, "out of memory");
        return FTL_OK;
    case OPT_FORMAT:
        for (i = 0; i < ML_FMT_COUNT; i++) {
            if (strcmp(arg, col_ml_fmt_names[i]) == 0) {
                o->fmt = i;
                return FTL_OK;
            }
        }
        return ftl_err_set(err, FTL_EUSAGE, "invalid --format '%s': "
                           "expected auto, postfix, sendmail, exim, "
                           "barracuda or syslog", arg);
    default:
        return ftl_err_set(err, FTL_EUSAGE, "unknown option");
    }
}

static void maillog_release(void *opts)
{
    struct ml_opts *o = opts;

    free(o->host);
    o->host = NULL;
}

/* ------------------------------------------------------------------ */
/* Files from the command line                                         */
/* ------------------------------------------------------------------ */

/* Strip "suffix" from the end of s (in place); 1 when it was there. */
static int strip(char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);

    if (n > k && strcmp(s + n - k, suffix) == 0) {
        s[n - k] = '\0';
        return 1;
    }
    return 0;
}

/* Rotation set and age from the name: "maillog.2.gz" is rotation 2 of
 * "maillog" (older than 1); "maillog-20230314" is a dated rotation; the
 * bare name is the newest. */
static int rotation(struct ml_item *it, struct ftl_err *err)
{
    char *s = strdup(it->path), *p;
    size_t n, d;

    if (!s)
        return ftl_err_set(err, FTL_ENOMEM, "out of memory");
    if (!strip(s, ".gz") && !strip(s, ".bz2"))
        strip(s, ".xz");
    n = strlen(s);
    it->newness = INT64_MAX;
    for (d = 0; d < n && ml_is_digit((unsigned char)s[n - 1 - d]); d++)
        ;
    p = s + n - d;
    if (d >= 1 && d <= 4 && p > s && p[-1] == '.' && p - 1 > s &&
        p[-2] != '/') {
        it->newness = -strtoll(p, NULL, 10);
        p[-1] = '\0';
    } else if ((d == 8 || d == 10) && p > s && p[-1] == '-') {
        it->newness = strtoll(p, NULL, 10);
        p[-1] = '\0';
    }
    it->set = s;
    return FTL_OK;
}

static int item_cmp(const void *a, const void *b)
{
    const struct ml_item *x = a, *y = b;

    if (x->set_order != y->set_order)
        return x->set_order < y->set_order ? -1 : 1;
    if (x->newness != y->newness)
        return x->newness < y->newness ? -1 : 1;
    return strcmp(x->path, y->path);
}

/* An item that could not be collected: said and counted, and the others
 * still go in, unless the case itself cannot be written (the policy of
 * col_run_each(), which this collector cannot use: it reads a rotation
 * set as a whole).  Returns FTL_OK, or the error that stops the run. */
static int item_failed(struct col_ctx *ctx, int rc, struct ftl_err *err)
{
    col_report(ctx, COL_ERROR, "%s", err->msg);
    ftl_err_clear(err);
    ctx->n_failed++;
    if (rc == FTL_EDB || rc == FTL_ENOMEM)
        return ftl_err_set(err, rc, "stopped: the case could not be "
                           "written; this item was rolled back, the items "
                           "before it are in the case");
    return FTL_OK;
}

/* A set whose every file is in the case already (and is to stay as it
 * is) is only hashed, not scanned: 1 when so, each file then said and
 * counted; 0 when the set is to be read (the year of each file depends
 * on the others, so all of it is), or an error. */
static int set_known(struct ml_run *r, struct ml_item *items, int n)
{
    struct col_src *src;
    struct ftl_err e2 = { 0 };
    int i, rc;

    for (i = 0, rc = 1; i < n && rc == 1; i++) {
        if (col_src_open_file(&src, items[i].path, 1, &e2)) {
            rc = 0;            /* the reading says why */
            break;
        }
        items[i].size = col_src_size(src);
        items[i].mtime = col_src_mtime(src);
        rc = col_src_presha256(src, items[i].sha, &e2) ? 0 : 1;
        col_src_close(src);
        if (rc)
            rc = col_evidence_skippable(r->ctx, &(struct tl_evidence){
                     .kind = "maillog", .path = items[i].path },
                     items[i].sha, r->err);
    }
    if (rc != 1) {
        for (i = 0; i < n; i++)
            items[i].sha[0] = '\0';   /* the first pass hashes again */
        return rc;
    }
    for (i = 0; i < n; i++)
        if ((rc = col_ml_item_known(r, &items[i])) < 0)
            return rc;
    return 1;
}

/* Both passes over one rotation set (items oldest first).  Returns the
 * number of items collected or already there, or an error that stops
 * the run (the case cannot be written). */
static int run_set(struct ml_run *r, struct ml_item *items, int n)
{
    struct col_ctx *ctx = r->ctx;
    struct ftl_err *err = r->err;
    struct ml_year y = { 0, 0 };
    struct ml_anchor an = { 0 };
    struct ml_pending pend = { 0 };
    struct col_src *src;
    char ysrc[300];
    int i, rc, off = 0, have, ok = 0;

    if ((rc = set_known(r, items, n)) != 0)
        return rc < 0 ? rc : n;
    for (i = 0; i < n; i++) {
        struct ml_year y0 = y;
        struct ml_anchor an0 = an;

        if ((rc = col_src_open_file(&src, items[i].path, 1, err))) {
            if ((rc = item_failed(ctx, rc, err)))
                return rc;
            continue;
        }
        items[i].size = col_src_size(src);
        items[i].mtime = col_src_mtime(src);
        items[i].inner_mtime = col_src_inner_mtime(src);
        col_ml_scan(r, src, &items[i], &y, &an, &pend, 1, err);
        col_src_close(src);
        /* The same file twice (under two names): its months must not
         * count twice, or the set's years would shift.  The copy is
         * "already in the case" in the second pass. */
        for (int j = 0; j < i && items[i].sha[0]; j++) {
            if (items[j].scanned && strcmp(items[j].sha, items[i].sha) == 0) {
                y = y0;
                an = an0;
                if (pend.active && pend.it == &items[i])
                    pend.active = 0;
                items[i].has_bsd = 0;
                items[i].start = items[i].end = y0;
                break;
            }
        }
    }
    have = col_ml_year_offset(r, items, n, &an, &off, ysrc, sizeof(ysrc));
    if (an.conflicts)
        col_report(ctx, COL_WARN, "%s: %lld Barracuda epoch times disagree "
                   "with the year of the others; the last one was used",
                   items[n - 1].path, (long long)an.conflicts);
    /* the second pass, item by item: each its own evidence row */
    for (i = 0; i < n; i++) {
        if (!items[i].scanned)
            continue;
        if ((rc = col_ml_item_known(r, &items[i])) == FTL_OK &&
            (rc = col_src_open_file(&src, items[i].path, 1, err)) ==
            FTL_OK) {
            rc = col_ml_item_collect(r, src, &items[i], have, off, ysrc,
                                     NULL, NULL);
            col_src_close(src);
        }
        if (rc < 0) {
            if ((rc = item_failed(ctx, rc, err)))
                return rc;
            continue;
        }
        ok++;                /* collected, or already in the case */
    }
    return ok;
}

static int run_init(struct ml_run *r, struct col_ctx *ctx,
                    const struct ml_opts *o, struct ftl_err *err)
{
    memset(r, 0, sizeof(*r));
    r->ctx = ctx;
    r->err = err;
    r->opts = o;
    r->tzname = tl_tz_name(ctx->tz);
    return col_ml_run_init(r);
}

static int maillog_run(struct col_ctx *ctx, void *opts, char **paths, int n,
                       struct ftl_err *err)
{
    struct ml_run r;
    struct ml_item *items;
    int i, j, a, rc = FTL_OK, ok = 0, sets = 0;

    if (!(items = calloc((size_t)n, sizeof(*items))))
        return ftl_err_set(err, FTL_ENOMEM, "out of memory");
    if ((rc = run_init(&r, ctx, opts, err))) {
        free(items);
        return rc;
    }
    for (i = 0; i < n; i++) {
        items[i].path = paths[i];
        if ((rc = rotation(&items[i], err)))
            goto out;
        items[i].set_order = -1;
        for (j = 0; j < i; j++) {
            if (strcmp(items[j].set, items[i].set) == 0) {
                items[i].set_order = items[j].set_order;
                break;
            }
        }
        if (items[i].set_order < 0)
            items[i].set_order = sets++;
    }
    /* sets in command-line order, each oldest file first */
    qsort(items, (size_t)n, sizeof(*items), item_cmp);
    for (a = 0; a < n; a = i) {
        for (i = a; i < n && items[i].set_order == items[a].set_order; i++)
            ;
        rc = run_set(&r, items + a, i - a);
        if (rc < 0)
            goto out;
        ok += rc;
    }
    rc = ok ? FTL_OK : ftl_err_set(err, FTL_ERR, "no mail log could be "
                                   "collected");
out:
    col_ml_run_release(&r);
    for (i = 0; i < n; i++) {
        free(items[i].set);
        free(items[i].strays);
    }
    free(items);
    return rc;
}

/* ------------------------------------------------------------------ */
/* Streams inside other evidence                                       */
/* ------------------------------------------------------------------ */

#define SPOOL_BLOCK (1 << 16)

/* Copy the content of src into the spool file fd.  A read error of src
 * (damage) ends the copy and stays in 'damage'; the error returned is
 * the spool's own. */
static int spool(struct col_src *src, int fd, struct ftl_err *damage,
                 struct ftl_err *err)
{
    char *buf;
    ssize_t n, w, k;
    int rc = FTL_OK;

    if (!(buf = malloc(SPOOL_BLOCK)))
        return ftl_err_set(err, FTL_ENOMEM, "out of memory");
    while (rc == FTL_OK &&
           (n = col_src_read(src, buf, SPOOL_BLOCK, damage)) > 0) {
        for (w = 0; w < n; w += k) {
            k = write(fd, buf + w, (size_t)(n - w));
            if (k < 0 && errno == EINTR) {
                k = 0;
                continue;
            }
            if (k <= 0) {
                rc = ftl_err_set(err, FTL_EIO, "cannot write the spool "
                                 "file: %s", k < 0 ? strerror(errno)
                                 : "nothing written");
                break;
            }
        }
    }
    free(buf);
    return rc;
}

/*
 * A stream inside other evidence: spooled while it is read (the only
 * reading of src, which hashes it), then both passes read the spool
 * without hashing it again.  A stream in which no line looks like a log
 * line is no mail log: FTL_DONE, nothing recorded, and src left for the
 * caller to finish hashing.
 */
int col_ml_collect_stream(struct col_ctx *ctx, struct col_src *src,
                          int64_t parent_id, const char *inner_path,
                          const struct ml_opts *o, struct ftl_err *err)
{
    struct ftl_err damage = { 0 };
    struct ml_year y = { 0, 0 };
    struct ml_anchor an = { 0 };
    struct ml_pending pend = { 0 };
    struct ml_run r;
    struct ml_item it;
    struct col_src *s1 = NULL;
    char sha[65], ysrc[300];
    int fd = -1, rc, off = 0, have;

    memset(&it, 0, sizeof(it));
    it.path = col_src_name(src);
    it.parent_id = parent_id;
    it.inner_path = inner_path;
    it.size = col_src_size(src);
    it.mtime = col_src_mtime(src);
    it.inner_mtime = col_src_inner_mtime(src);
    if ((rc = run_init(&r, ctx, o, err)))
        return rc;
    if ((rc = col_spool_open(&fd, err)) ||
        (rc = spool(src, fd, &damage, err)))
        goto out;
    if ((rc = col_src_open_fd(&s1, it.path, fd, 0, 0, err)))
        goto out;
    col_ml_scan(&r, s1, &it, &y, &an, &pend, 0, err);
    col_src_close(s1);
    s1 = NULL;
    if (!it.n_log && it.n_notlog && !damage.code) {
        rc = FTL_DONE;       /* not a log: the caller says so */
        goto out;
    }
    if ((rc = col_src_sha256(src, sha, err)))
        goto out;
    snprintf(it.sha, sizeof(it.sha), "%s", sha);
    if ((rc = col_ml_item_known(&r, &it)) != FTL_OK) {
        if (rc == FTL_DONE)
            rc = FTL_OK;     /* already in the case */
        goto out;
    }
    have = col_ml_year_offset(&r, &it, 1, &an, &off, ysrc, sizeof(ysrc));
    if ((rc = col_src_open_fd(&s1, it.path, fd, 0, 0, err)))
        goto out;
    rc = col_ml_item_collect(&r, s1, &it, have, off, ysrc, sha, &damage);
    col_src_close(s1);
out:
    if (fd >= 0)
        close(fd);
    free(it.strays);
    col_ml_run_release(&r);
    return rc;
}

static int maillog_collect_src(struct col_ctx *ctx, struct col_src *src,
                               int64_t parent_id, const char *inner_path,
                               struct ftl_err *err)
{
    static const struct ml_opts o = { ML_AUTO, 0, NULL };

    return col_ml_collect_stream(ctx, src, parent_id, inner_path, &o, err);
}

/* Where appliances and Unix systems keep their mail logs: the Barracuda
 * ESG's /mail/log and syslog's usual names (rotated ones included). */
static const char *const claims[] = {
    "/mail/log/*",
    "/mail/log/archive/*",
    "/var/log/maillog*",
    "/var/log/mail.log*",
    "/var/log/mail/*",
    NULL
};

const struct col_ops col_maillog = {
    .name = "maillog",
    .summary = "mail logs: postfix, sendmail, exim, Barracuda ESG, syslog",
    .usage =
        "usage: ftl collect maillog [-c CASE] [--tz ZONE] [--year YYYY] "
        "[--host NAME]\n"
        "                           [--format FORMAT] [--iocs FILE | "
        "--no-iocs] FILE...\n"
        "\n"
        "Reads mail logs line by line, plain or compressed (.gz, .bz2, .xz):"
        "\n"
        "syslog (RFC 3164, RFC 3339 high precision, RFC 5424) with postfix,"
        "\n"
        "sendmail and Barracuda Email Security Gateway lines, and exim main"
        " logs.\n"
        "Each line becomes an event (locator \"line N\"); each mail "
        "transaction\n"
        "(queue id, Barracuda message id) one 'messages' row with sender,\n"
        "recipients, size, Message-ID, subject, status and times; queue ids"
        " linked\n"
        "by \"queued as\" and Barracuda ids linked to Message-IDs go to "
        "message_links.\n"
        "Lines that cannot be read are recorded as warnings with their "
        "number.\n"
        "Rotated files given together (maillog, maillog.1, maillog.2.gz) "
        "are read\n"
        "oldest first and dated as one log.\n"
        "\n"
        "Options:\n"
        "      --year YYYY     year of the first year-less stamp (default: "
        "inferred\n"
        "                      from the file times, or Barracuda epoch "
        "times)\n"
        "      --host NAME     host name for lines that carry none (exim "
        "main logs)\n"
        "      --format F      auto (default: by program name, line by "
        "line),\n"
        "                      postfix, sendmail, exim, barracuda, or syslog"
        " (no\n"
        "                      mail parsing: every line a log:syslog event)"
        "\n",
    .longopts = longopts,
    .uses_iocs = 1,
    .uses_tz = 1,
    .opts_size = sizeof(struct ml_opts),
    .opt = maillog_opt,
    .run = maillog_run,
    .release = maillog_release,
    .collect_src = maillog_collect_src,
    .claims = claims,
    .claim_what = "mail-log",
    .claim_opt = "logs",
};
