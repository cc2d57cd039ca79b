/*
 * collectors/bodyfile.c - TSK 3.x body files (fls -m, tsk_gettimes, ...)
 *
 *   MD5|name|inode|mode_as_string|UID|GID|size|atime|mtime|ctime|crtime
 *
 * TSK does not escape '|' in names, so a line is split as 1 field from
 * the left and 9 from the right; the name is what lies between.  Each line
 * becomes a 'files' row and one event per non-zero time.  Bad lines are
 * recorded as warnings with their line number and never stop the run.
 *
 * SPDX-License-Identifier: MIT
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/limits.h"
#include "collectors/collectors.h"

#define LINE_MAX_BYTES FTL_LIMIT_BODY_LINE

/* The four times of a body line, in field order, and their meaning. */
static const char *const time_desc[4] = {
    "Last Access Time",
    "Content Modification Time",
    "Metadata Modification Time",
    "Creation Time",
};

static const char *const time_bad[4] = {
    "atime is not epoch seconds",
    "mtime is not epoch seconds",
    "ctime is not epoch seconds",
    "crtime is not epoch seconds",
};

/* Parse a whole decimal int64 field; 0 on success. */
static int parse_int(const char *s, int64_t *out)
{
    char *end;

    if (*s < '0' || *s > '9')          /* no blanks, signs or nothing */
        return -1;
    errno = 0;
    *out = strtoll(s, &end, 10);
    return *end || errno == ERANGE ? -1 : 0;
}

/* 1 when 's' is written as epoch seconds ([-]digits[.digits]), whatever
 * its size. */
static int is_seconds(const char *s)
{
    s += *s == '-';
    if (*s < '0' || *s > '9')
        return 0;
    while (*s >= '0' && *s <= '9')
        s++;
    if (*s == '.' && s[1] >= '0' && s[1] <= '9')
        for (s++; *s >= '0' && *s <= '9'; s++)
            ;
    return *s == '\0';
}

const char *col_bodyfile_parse(char *line, size_t len,
                               struct col_body_line *b)
{
    static const char suffix_del[] = " (deleted)";
    static const char suffix_realloc[] = " (deleted-realloc)";
    char *sep[9], *p, *first;
    size_t n = 0, nlen, i;

    if (memchr(line, '\0', len))
        return "line holds a NUL byte";
    first = memchr(line, '|', len);
    if (!first)
        return "not a body line: no '|' separator";
    /* The 9 rightmost separators, right to left; the name may hold more. */
    for (p = line + len - 1; p > first && n < 9; p--)
        if (*p == '|')
            sep[n++] = p;
    if (n < 9)
        return "expected 11 '|'-separated fields";
    *first = '\0';
    for (i = 0; i < 9; i++)
        *sep[i] = '\0';
    b->md5 = line;
    b->name = first + 1;
    b->inode = sep[8] + 1;
    b->mode = sep[7] + 1;
    b->uid = sep[6] + 1;
    b->gid = sep[5] + 1;
    b->size = sep[4] + 1;
    for (i = 0; i < 4; i++)
        b->times[i] = sep[3 - i] + 1;
    if (parse_int(b->size, &b->nsize) || b->nsize < 0)
        return "size is not a number";
    b->out_of_range = 0;
    for (i = 0; i < 4; i++) {
        size_t used;

        if (tl_time_parse_epoch(b->times[i], strlen(b->times[i]), &b->ns[i],
                                &b->prec[i], &used) == FTL_OK &&
            b->times[i][used] == '\0')
            continue;
        /* seconds that int64 ns cannot hold (past 2262, a damaged
         * inode): the line is good, only this time is not kept as one */
        if (!is_seconds(b->times[i]))
            return time_bad[i];
        b->ns[i] = 0;
        b->prec[i] = 0;
        b->out_of_range |= 1 << i;
    }
    /* fls marks a deleted name with a suffix: strip it into flags. */
    b->name_alloc = b->meta_alloc = 1;
    nlen = strlen(b->name);
    if (nlen >= sizeof(suffix_realloc) - 1 &&
        strcmp(b->name + nlen - (sizeof(suffix_realloc) - 1),
               suffix_realloc) == 0) {
        b->name[nlen - (sizeof(suffix_realloc) - 1)] = '\0';
        b->name_alloc = 0;
    } else if (nlen >= sizeof(suffix_del) - 1 &&
               strcmp(b->name + nlen - (sizeof(suffix_del) - 1),
                      suffix_del) == 0) {
        b->name[nlen - (sizeof(suffix_del) - 1)] = '\0';
        b->name_alloc = b->meta_alloc = 0;
    }
    return NULL;
}

/* Store one parsed line: a files row and its events. */
static int store_line(struct col_ctx *ctx, int64_t evid, int64_t lineno,
                      struct col_body_line *b, struct ftl_err *err)
{
    struct tl_file f;
    struct tl_event ev;
    char locator[32], msg[4096];
    int64_t file_id = 0;
    int64_t *fns[4];
    int i, rc, deleted = !b->name_alloc;

    snprintf(locator, sizeof(locator), "line %lld", (long long)lineno);
    memset(&f, 0, sizeof(f));
    f.evidence_id = evid;
    f.part_offset = -1;
    /* "64-128-2": the metadata address is the leading number. */
    f.addr = b->inode[0] >= '0' && b->inode[0] <= '9'
             ? strtoll(b->inode, NULL, 10) : -1;
    f.inode = b->inode;
    f.path = b->name;
    f.name_alloc = b->name_alloc;
    f.meta_alloc = b->meta_alloc;
    f.deleted = deleted;
    f.mode = b->mode;
    f.uid = b->uid;
    f.gid = b->gid;
    f.size = b->nsize;
    fns[0] = &f.atime;
    fns[1] = &f.mtime;
    fns[2] = &f.ctime;
    fns[3] = &f.crtime;
    for (i = 0; i < 4; i++)
        *fns[i] = b->ns[i];
    f.md5 = strcmp(b->md5, "0") == 0 || !*b->md5 ? NULL : b->md5;
    f.locator = locator;
    rc = col_file(ctx, &f, &file_id, err);
    if (rc < 0)
        return rc;

    snprintf(msg, sizeof(msg), "%s%s [%s, inode %s, %lld bytes]", b->name,
             deleted ? (b->meta_alloc ? " (deleted, inode reallocated)"
                                      : " (deleted)") : "",
             b->mode, b->inode, (long long)b->nsize);
    memset(&ev, 0, sizeof(ev));
    ev.source = "FILE";
    ev.artifact = "fs:bodyfile";
    ev.evidence_id = evid;
    ev.locator = locator;
    ev.message = msg;
    ev.flags = deleted ? TL_F_DELETED : 0;
    if (deleted && b->meta_alloc)
        ev.flags |= TL_F_REALLOC;
    ev.file_id = file_id;
    for (i = 0; i < 4; i++) {
        if (b->ns[i] == 0)
            continue;          /* a zero time is not an event */
        ev.ts = b->ns[i];
        ev.prec = b->prec[i];
        ev.ts_desc = time_desc[i];
        ev.raw_time = b->times[i];
        if ((rc = col_event(ctx, &ev, NULL, err)) < 0)
            return rc;
    }
    col_ioc_check(ctx, evid, TL_T_PATH, "path", b->name, b->name, locator,
                  file_id, 0, 0);
    if (f.md5 && strlen(f.md5) == 32)
        col_ioc_check(ctx, evid, TL_T_MD5, "md5", f.md5, b->name, locator,
                      file_id, 0, 0);
    return FTL_OK;
}

/* The times of a line that do not fit int64 ns: the raw value stays in
 * the warning, the files row has 0 (unknown) there, as for the disk
 * collector's "a time is outside 1677..2262". */
static void warn_range(struct col_ctx *ctx, int64_t evid, const char *path,
                       int64_t lineno, const struct col_body_line *b)
{
    static const char *const field[4] = { "atime", "mtime", "ctime",
                                          "crtime" };
    char loc[32];
    int i;

    snprintf(loc, sizeof(loc), "line %lld", (long long)lineno);
    for (i = 0; i < 4; i++)
        if (b->out_of_range & 1 << i)
            col_warn(ctx, evid, path, loc, "%s '%.40s%s' is outside "
                     "1677..2262, which ftl cannot hold (int64 ns): not "
                     "recorded as a time", field[i], b->times[i],
                     strlen(b->times[i]) > 40 ? "..." : "");
}

static int collect_one(struct col_ctx *ctx, void *payload, const char *path,
                       struct ftl_err *err)
{
    struct tl_evidence ev = { 0 };
    struct col_src *src;
    struct col_body_line b;
    struct col_counts mark;
    char *line, sha[65];
    size_t len;
    int64_t evid, bad = 0, good = 0;
    int rc, truncated, status = TL_EV_COMPLETE;

    (void)payload;
    if ((rc = col_src_open_file(&src, path, 1, err)))
        return rc;
    ev.kind = "bodyfile";
    ev.path = path;
    ev.size = col_src_size(src);
    ev.mtime = col_src_mtime(src);
    ev.audit_id = ctx->audit_id;
    /* known already: hashed, not read */
    if ((rc = col_src_known(ctx, src, &ev, err))) {
        col_src_close(src);
        return rc < 0 ? rc : FTL_OK;
    }
    col_ctx_mark(ctx, &mark);
    if ((rc = col_evidence_begin(ctx, &ev, &evid, err))) {
        col_src_close(src);
        return rc;
    }
    for (;;) {
        rc = col_src_getline(src, &line, &len, LINE_MAX_BYTES, &truncated,
                             err);
        if (rc == FTL_DONE)
            break;
        if (rc < 0) {
            /* Damaged compressed data: keep what was read, say where. */
            char loc[64];

            snprintf(loc, sizeof(loc), "line %lld",
                     (long long)col_src_lineno(src) + 1);
            col_warn(ctx, evid, path, loc, "%s", err->msg);
            ftl_err_clear(err);
            status = TL_EV_PARTIAL;
            break;
        }
        if (len == 0 || line[0] == '#')
            continue;
        if (truncated) {
            char loc[32];

            snprintf(loc, sizeof(loc), "line %lld",
                     (long long)col_src_lineno(src));
            col_warn(ctx, evid, path, loc, "line longer than %d bytes, "
                     "skipped", LINE_MAX_BYTES);
            bad++;
            continue;
        }
        {
            const char *why = col_bodyfile_parse(line, len, &b);

            if (why) {
                char loc[32];

                snprintf(loc, sizeof(loc), "line %lld",
                         (long long)col_src_lineno(src));
                col_warn(ctx, evid, path, loc, "malformed body line: %s",
                         why);
                bad++;
                continue;
            }
        }
        if (b.out_of_range) {
            warn_range(ctx, evid, path, col_src_lineno(src), &b);
            status = TL_EV_PARTIAL;
        }
        if ((rc = store_line(ctx, evid, col_src_lineno(src), &b, err)) < 0)
            goto fail;
        good++;
        col_progress(ctx, "%s: %lld lines", path,
                     (long long)col_src_lineno(src));
    }
    if (col_src_sha256(src, sha, err)) {
        /* what was read stays; the hash covers the bytes before the
         * error, and the warning says so */
        col_warn(ctx, evid, path, NULL, "%s (sha256 of the first %lld "
                 "bytes)", err->msg, (long long)col_src_raw_offset(src));
        ftl_err_clear(err);
        status = TL_EV_PARTIAL;
    }
    if (!good && !bad && col_src_lineno(src) == 0)
        /* read, and nothing in it: said, so that a wrong path (an empty
         * file in place of the listing) shows */
        col_warn(ctx, evid, path, NULL, "empty file (0 bytes): no body "
                 "line");
    if (bad)
        col_report(ctx, COL_WARN, "%s: %lld malformed line%s skipped", path,
                   (long long)bad, bad == 1 ? "" : "s");
    if (!good && (bad || status == TL_EV_PARTIAL)) {
        /* Nothing usable: kept in the case as a failed item, with its
         * warnings, so the attempt is on record. */
        col_report(ctx, COL_ERROR, "%s: no body line could be read", path);
        status = TL_EV_FAILED;
    }
    rc = col_evidence_end(ctx, evid, path, sha, NULL, status, err);
    col_src_close(src);
    return rc < 0 ? rc : FTL_OK;
fail:
    col_abort(ctx, evid, &mark);
    col_src_close(src);
    return rc;
}

static int bodyfile_run(struct col_ctx *ctx, void *opts, char **paths, int n,
                        struct ftl_err *err)
{
    (void)opts;
    return col_run_each(ctx, paths, n, collect_one, NULL, "body file", err);
}

const struct col_ops col_bodyfile = {
    .name = "bodyfile",
    .summary = "TSK 3.x body files (fls -m, tsk_gettimes, MFTECmd ...)",
    .usage =
        "usage: ftl collect bodyfile [-c CASE] [--iocs FILE | --no-iocs] "
        "FILE...\n"
        "\n"
        "Reads body files (MD5|name|inode|mode|UID|GID|size|atime|mtime|"
        "ctime|crtime),\n"
        "plain or compressed (.gz, .bz2, .xz).  Each line becomes a 'files' "
        "row and one\n"
        "event per non-zero time; names may contain '|'.  Fractional seconds "
        "are kept.\n"
        "Malformed lines are recorded as warnings with their line number.\n",
    .uses_iocs = 1,
    .run = bodyfile_run,
};
