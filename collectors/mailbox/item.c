/*
 * collectors/mailbox/item.c - one evidence item: its row and its messages
 *
 * An evidence item is one file: an mbox (all its messages), a single
 * message (.eml), or one maildir message file.  Every message is parsed
 * by GMime 3 from a stream over the evidence (stream.c), one at a time,
 * so that a store of any size is read message by message in bounded
 * memory.  Damage is reported with the byte offset where it was found;
 * what comes before and after it is still recorded, and the item is
 * 'partial'.  The phases: open (what the bytes are), begin (the evidence
 * row), read (message by message), check (what is left at the end),
 * finish (the evidence hash), report.
 *
 * SPDX-License-Identifier: MIT
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "collectors/mailbox/mailbox_int.h"

#define PEEK_BYTES 4096        /* what is read to tell the format */

/* ------------------------------------------------------------------ */
/* Sources through col_src                                             */
/* ------------------------------------------------------------------ */

static ssize_t src_pull(void *ud, void *buf, size_t n, struct ftl_err *err)
{
    return col_src_read(ud, buf, n, err);
}

static int src_sha256(void *ud, char hex[65], int64_t *hashed,
                      struct ftl_err *err)
{
    int rc = col_src_sha256(ud, hex, err);

    *hashed = col_src_raw_offset(ud);
    return rc;
}

void mbx_input_src(struct mbx_input *in, struct col_src *src)
{
    memset(in, 0, sizeof(*in));
    in->pull = src_pull;
    in->ud = src;
    in->reread_fd = -1;
    in->size = col_src_size(src);
    in->mtime = col_src_mtime(src);
    in->sha256 = src_sha256;
}

/* ------------------------------------------------------------------ */
/* Open and begin                                                      */
/* ------------------------------------------------------------------ */

static void item_init(struct mbx_item *it, struct col_ctx *ctx,
                      struct mbx_run *run, const struct mbx_opts *o,
                      const struct mbx_input *in, const char *name,
                      const char *inner_path)
{
    memset(it, 0, sizeof(*it));
    it->ctx = ctx;
    it->o = o;
    it->name = name;
    it->hasher = mbx_run_hasher(run);
    g_queue_init(&it->pending);
    it->lim = o->lim;
    if (!it->lim.max_depth)
        it->lim.max_depth = 4;
    if (!it->lim.max_members)
        it->lim.max_members = 10000;
    if (!it->lim.max_bytes)
        it->lim.max_bytes = (int64_t)256 << 20;
    it->mtime = in->mtime;
    mbx_place(it, inner_path ? inner_path : name);
}

/* 1 when h starts as a message once a UTF-8 byte order mark and blank
 * lines are passed over. */
static int starts_as_mail(const char *h, size_t n)
{
    size_t i = 0;

    if (n >= 3 && !memcmp(h, "\xef\xbb\xbf", 3))
        i = 3;
    while (i < n && (h[i] == '\n' || h[i] == '\r'))
        i++;
    return mbx_detect(h + i, n - i) != MBX_AUTO;
}

/* The stream over the evidence, and what its first bytes say it is.
 * 'probe': FTL_DONE when they are not mail (an unreadable stream is an
 * error, which is not the same).  it->in is set on FTL_OK only. */
static int item_open(struct mbx_item *it, const struct mbx_input *in,
                     int probe, struct ftl_err *err)
{
    const char *head;
    ssize_t hn;
    int fd = -1, rc = FTL_OK;

    if (in->reread_fd >= 0 && (fd = dup(in->reread_fd)) < 0)
        return ftl_err_set(err, FTL_EIO, "'%s': %s", it->name,
                           strerror(errno));
    if (!(it->in = mbx_stream_new(in->pull, in->ud, fd, err)))
        return err->code;
    hn = mbx_stream_peek(it->in, PEEK_BYTES, &head);
    it->format = it->o->format ? it->o->format
                               : mbx_detect(head, hn > 0 ? (size_t)hn : 0);
    if (probe && hn < 0) {
        if (!(rc = mbx_stream_error(it->in, err)))
            rc = ftl_err_set(err, FTL_ENOMEM, "out of memory");
    } else if (probe && (it->format == MBX_AUTO || hn == 0)) {
        rc = FTL_DONE;
    }
    if (rc) {
        g_object_unref(it->in);
        it->in = NULL;
        return rc;
    }
    if (it->format == MBX_AUTO) {
        /* Named explicitly: one message, if its start is one once a byte
         * order mark and blank lines are passed.  Without a header line
         * there, GMime (as Python's email) would take any bytes as a
         * body without headers: a binary file would count as a message. */
        it->not_mail = !starts_as_mail(head, hn > 0 ? (size_t)hn : 0);
        it->format = MBX_EML;
    }
    if (it->format != MBX_EML)
        it->maildir = 0, it->delivered = 0;
    return FTL_OK;
}

/* The evidence row; 'mark' receives the counters to go back to. */
static int item_begin(struct mbx_item *it, const struct mbx_input *in,
                      int64_t parent_id, const char *inner_path,
                      struct col_counts *mark, struct ftl_err *err)
{
    struct col_ctx *ctx = it->ctx;
    struct tl_evidence ev = { 0 };
    char options[200], *parent_path;
    int rc;

    snprintf(options, sizeof(options), "format=%s%s",
             mbx_format_name(it->format), it->maildir ? " maildir" : "");
    if (it->format == MBX_MBOX)
        snprintf(options + strlen(options), sizeof(options) -
                 strlen(options), " content-length=%s",
                 it->o->ignore_cl ? "ignored" : "respected");
    ev.kind = "mailbox";
    /* A child item keeps its parent's path; its place is inner_path. */
    parent_path = parent_id ? tl_evidence_path(ctx->st, parent_id) : NULL;
    ev.path = parent_path ? parent_path : it->name;
    ev.inner_path = inner_path;
    ev.parent_id = parent_id;
    ev.size = in->size;
    ev.mtime = in->mtime;
    ev.options = options;
    ev.audit_id = ctx->audit_id;
    col_ctx_mark(ctx, mark);
    rc = col_evidence_begin(ctx, &ev, &it->evid, err);
    free(parent_path);
    return rc;
}

/* ------------------------------------------------------------------ */
/* Read, message by message                                            */
/* ------------------------------------------------------------------ */

/* The parser, with the fallback charsets for raw 8-bit text and its
 * warnings sent to us. */
static void parser_open(struct mbx_item *it)
{
    const char *charsets[] = { "utf-8", "windows-1252", "iso-8859-1",
                               NULL };

    it->popts = g_mime_parser_options_new();
    g_mime_parser_options_set_fallback_charsets(it->popts, charsets);
    g_mime_parser_options_set_warning_callback(it->popts,
                                               mbx_on_gmime_warning, it);
    it->bad = mbx_bad_new(it->in);  /* NULL: warned about one by one */
    mbx_parser_start(it, 0);
}

/* What lies between messages, and NUL bytes inside one, are reported. */
static void check_message_bytes(struct mbx_item *it, int64_t off,
                                int64_t end)
{
    int64_t nuls, first_nul;

    if (off > it->prev_end && !mbx_region_blank(it->in, it->prev_end, off))
        mbx_warn_at(it, it->prev_end, "%lld bytes before the message at "
                    "offset %lld are not part of any message; skipped",
                    (long long)(off - it->prev_end), (long long)off);
    nuls = mbx_stream_nuls(it->in, off, end, &first_nul);
    if (nuls)
        mbx_warn_at(it, first_nul, "message at offset %lld holds %lld "
                    "NUL byte%s (first at offset %lld)", (long long)off,
                    (long long)nuls, nuls == 1 ? "" : "s",
                    (long long)first_nul);
}

/* One message the parser built (taken over): where it is, checked,
 * recorded. */
static int read_one(struct mbx_item *it, GMimeMessage *msg,
                    struct ftl_err *err)
{
    int64_t off, hdr, end, k;
    int rc;

    hdr = g_mime_parser_get_headers_begin(it->parser);
    off = it->format == MBX_MBOX
          ? g_mime_parser_get_mbox_marker_offset(it->parser)
          : it->format == MBX_MMDF ? mbx_mmdf_start(it->in, hdr) : hdr;
    if (off < 0)
        off = hdr;
    end = g_mime_parser_tell(it->parser);
    it->msg_off = off;
    check_message_bytes(it, off, end);
    rc = mbx_message(it, msg, off, hdr, end, err);
    mbx_bad_flush(it);         /* the invalid header lines not read again */
    g_object_unref(msg);
    if (rc >= 0)               /* the digests finished meanwhile */
        rc = mbx_pending_finish(it, 0, err);
    if (rc < 0)
        return rc;
    it->prev_end = end;
    it->last_off = off;
    if (it->format == MBX_MMDF) {
        /* GMime 3.2 parses one MMDF message per parser (the next call
         * never leaves its content state): step over the closing
         * separator and start a new one. */
        if (!(k = mbx_mmdf_sep(it->in, end)))
            it->mmdf_open = 1;
        it->prev_end = end + k;
        mbx_parser_start(it, it->prev_end);
    }
    mbx_stream_forget(it->in, end);
    return FTL_OK;
}

/* Every message, until the stream ends (one for a single message). */
static int read_messages(struct mbx_item *it, struct ftl_err *err)
{
    GMimeMessage *msg;
    int rc;

    if (it->not_mail) {
        mbx_warn_at(it, 0, "not mail: no 'From ' line, MMDF separator or "
                    "header line at its start");
        return FTL_OK;         /* no message: the item is failed */
    }
    for (;;) {
        it->msg_off = it->prev_end;
        msg = g_mime_parser_construct_message(it->parser, it->popts);
        if (!msg) {
            mbx_bad_flush(it);
            if (it->format == MBX_EML || mbx_skip_unparsed(it,
                                                          &it->prev_end))
                return FTL_OK;
            continue;
        }
        if ((rc = read_one(it, msg, err)) < 0)
            return rc;
        col_progress(it->ctx, "%s: %lld messages, %lld MiB", it->name,
                     (long long)it->n_msgs,
                     (long long)(mbx_stream_pulled(it->in, NULL) >> 20));
        if (it->format == MBX_EML)
            return FTL_OK;     /* one message per file */
    }
}

/* ------------------------------------------------------------------ */
/* Check, finish, report                                               */
/* ------------------------------------------------------------------ */

/* What the end of the stream says: a read error, bytes after the last
 * message, a last message cut short.  Returns the read error's code
 * (already warned about), or FTL_OK. */
static int check_end(struct mbx_item *it)
{
    struct ftl_err e2 = { 0 };
    int64_t top;
    int eof, read_err;

    top = mbx_stream_pulled(it->in, &eof);
    if ((read_err = mbx_stream_error(it->in, &e2))) {
        mbx_warn_at(it, top, "%s", e2.msg);
        it->damaged = 1;
    }
    if (it->format != MBX_EML && top > it->prev_end &&
        !mbx_region_blank(it->in, it->prev_end, top))
        mbx_warn_at(it, it->prev_end, "%lld bytes after the last message "
                    "are not part of any message (no %s separator)",
                    (long long)(top - it->prev_end),
                    it->format == MBX_MBOX ? "\"From \"" : "MMDF");
    if (it->mmdf_open) {
        mbx_warn_at(it, top, "the last message (at offset %lld) ends "
                    "without its closing MMDF separator: it may be cut "
                    "short", (long long)it->last_off);
        it->damaged = 1;
    }
    if (it->format == MBX_MBOX && it->n_msgs && eof &&
        mbx_stream_last(it->in) != '\n') {
        mbx_warn_at(it, top, "the mbox ends without a final newline: the "
                    "last message (at offset %lld) may be cut short",
                    (long long)it->last_off);
        it->damaged = 1;
    }
    if (!it->n_msgs)
        mbx_warn_at(it, 0, "no message could be read (not an %s file?)",
                    mbx_format_name(it->format));
    return read_err;
}

/* Done with the stream: the parser, the rows still waiting. */
static void item_close(struct mbx_item *it)
{
    if (it->parser)
        g_object_unref(it->parser);
    if (it->popts)
        g_mime_parser_options_free(it->popts);
    mbx_bad_flush(it);
    mbx_bad_free(it->bad);
    it->bad = NULL;
    g_object_unref(it->in);
    mbx_pending_clear(it);
    free(it->hops);
}

/* The evidence hash.  A read error loses what follows, not what was
 * read: the item is partial, with the digest of the bytes before the
 * error, which its note says. */
static int item_hash(struct mbx_item *it, const struct mbx_input *in,
                     int read_err, char sha[65], struct ftl_err *err)
{
    char note[128];
    int64_t hashed;

    if (!in->sha256(in->ud, sha, &hashed, err))
        return FTL_OK;
    if (!read_err)
        mbx_warn_at(it, hashed, "%s", err->msg);
    ftl_err_clear(err);
    snprintf(note, sizeof(note), "sha256 of the first %lld bytes: read "
             "error at %lld", (long long)hashed, (long long)hashed);
    it->damaged = 1;
    return tl_evidence_note(it->ctx->st, it->evid, note, err);
}

/* Say what the item held ('probe': quietly, as one of a walk). */
static void item_report(const struct mbx_item *it, int probe)
{
    if (!it->n_msgs)
        col_report(it->ctx, COL_ERROR, "%s: no message could be read",
                   it->name);
    else if (!probe)
        col_report(it->ctx, COL_INFO, "%s: %s, %lld message%s, %lld "
                   "attachment%s, %lld archive member%s", it->name,
                   mbx_format_name(it->format), (long long)it->n_msgs,
                   it->n_msgs == 1 ? "" : "s", (long long)it->n_att,
                   it->n_att == 1 ? "" : "s", (long long)it->n_members,
                   it->n_members == 1 ? "" : "s");
}

int mbx_item_collect(struct col_ctx *ctx, struct mbx_run *run,
                     const struct mbx_opts *o, const struct mbx_input *in,
                     const char *name, int64_t parent_id,
                     const char *inner_path, int probe,
                     struct ftl_err *err)
{
    struct mbx_item it;
    struct col_counts mark;
    char sha[65];
    int64_t replaced;
    int rc, read_err = FTL_OK, status;

    item_init(&it, ctx, run, o, in, name, inner_path);
    if ((rc = item_open(&it, in, probe, err)))
        return rc;
    if ((rc = item_begin(&it, in, parent_id, inner_path, &mark, err))) {
        g_object_unref(it.in);
        return rc;
    }
    parser_open(&it);
    rc = read_messages(&it, err);
    if (rc >= 0)
        rc = mbx_pending_finish(&it, 1, err);
    if (rc >= 0)
        read_err = check_end(&it);
    item_close(&it);
    if (rc < 0 || (rc = item_hash(&it, in, read_err, sha, err))) {
        col_abort(ctx, it.evid, &mark);
        return rc;
    }
    status = !it.n_msgs ? TL_EV_FAILED
             : it.damaged ? TL_EV_PARTIAL : TL_EV_COMPLETE;
    item_report(&it, probe);
    replaced = ctx->n_replaced;
    if ((rc = col_evidence_end(ctx, it.evid, name, sha, NULL, status,
                               err)) < 0)
        return rc;
    /* a copy of a message file in the case, or one replacing it: the
     * events of its places */
    rc = mbx_places_recorded(ctx, replaced, err);
    return rc < 0 ? rc : FTL_OK;
}
