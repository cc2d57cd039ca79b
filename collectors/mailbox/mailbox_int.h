/*
 * collectors/mailbox/mailbox_int.h - what the mailbox collector's files share
 *
 * One file per job:
 *
 *   mailbox.c  the collector: options, the run's state, run(),
 *              collect_src() and the col_mailbox entry
 *   files.c    paths on the host: directories walked, one file opened,
 *              a plain file read with its SHA-256 on the digest thread
 *   item.c     one evidence item: its row, the loop over its messages,
 *              what is checked and reported at its end
 *   format.c   what kind of store a file is (mbox, MMDF, one message,
 *              maildir) and the mbox / MMDF splitter
 *   message.c  one message: headers, the 'messages' row, Received: hops,
 *              recipients, its events
 *   date.c     mail dates and the zone they are read in
 *   mime.c     the MIME walk: attachment rows, attached messages, rows
 *              completed when their digests are done
 *   part.c     one leaf part, decoded and hashed
 *   archive.c  the members of attached archives (libarchive)
 *   hash.c     the digest thread
 *   stream.c   the seekable GMime stream the parser reads evidence from
 *   text.c     evidence text made fit to store or to show
 *   warn.c     warnings with their offset, GMime's parser warnings
 *
 * GMime is set up once per process by col_mailbox.init() and shut down
 * by its cleanup(); everything else lives in a run (struct mbx_run, kept
 * in the col_ctx with col_ctx_state()) or in one item (struct mbx_item).
 * Nothing here is used outside collectors/mailbox/.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef COLLECTORS_MAILBOX_INT_H
#define COLLECTORS_MAILBOX_INT_H

#include <gmime/gmime.h>

#include "base/buf.h"
#include "base/limits.h"
#include "collectors/collectors.h"

#define MBX_TEXT_MAX FTL_LIMIT_MAIL_TEXT   /* base/limits.h says why */

struct mbx_hasher;

/* ------------------------------------------------------------------ */
/* The input stream (stream.c)                                        */
/* ------------------------------------------------------------------ */

/*
 * GMime's parser keeps part contents "on disk" (substreams of its input,
 * re-read when a part is decoded) only when its input can seek; otherwise
 * it copies every part into memory.  This stream pulls bytes once, in
 * order, from a source (the evidence through col_src, or a decoded part)
 * and answers re-reads of earlier bytes from a backing store: the
 * evidence file itself when the source is a plain file read as it is, or
 * an unlinked temporary spool file otherwise.  Memory stays bounded
 * whatever the size of a message.
 */

/* Pull up to n new bytes; 0 at the end, -1 with 'err' set on error. */
typedef ssize_t (*mbx_pull_fn)(void *ud, void *buf, size_t n,
                               struct ftl_err *err);

/* New stream over 'pull'.  'reread_fd': a descriptor of a plain file
 * holding exactly the pulled bytes (re-reads go there with pread()), or
 * -1 to spool; it is taken over (closed with the stream, or on failure).
 * Returns NULL with 'err' set on failure; release with g_object_unref(). */
GMimeStream *mbx_stream_new(mbx_pull_fn pull, void *ud, int reread_fd,
                            struct ftl_err *err);

/* The first bytes of the stream (up to 'want', at most 4096), without
 * consuming them for the parser.  Returns the count (0 for an empty
 * source, -1 on a read error); *head stays valid as long as the
 * stream. */
ssize_t mbx_stream_peek(GMimeStream *s, size_t want, const char **head);

/* The parser will never ask for bytes before 'offset' again: the spool
 * may drop them. */
void mbx_stream_forget(GMimeStream *s, int64_t offset);

/* Bytes pulled so far, and 1 once the source has ended. */
int64_t mbx_stream_pulled(GMimeStream *s, int *eof);

/* The last byte pulled (whether or not the spool still holds it), -1
 * when none was. */
int mbx_stream_last(GMimeStream *s);

/* The error that stopped the source, if any: FTL_OK or its code, with
 * 'err' filled. */
int mbx_stream_error(GMimeStream *s, struct ftl_err *err);

/* NUL bytes seen in [from, to): their count, and the offset of the first
 * in *first (-1 when it is not known: more NULs than the stream keeps
 * offsets of came before).  Offsets before 'to' are forgotten: ask in
 * increasing order. */
int64_t mbx_stream_nuls(GMimeStream *s, int64_t from, int64_t to,
                        int64_t *first);

/* Read n bytes at stream offset 'off' of the bytes already pulled, for a
 * look at what GMime has parsed (n is cut at what was pulled).  Returns
 * the count, or -1 when 's' is not one of these streams or on a read
 * error. */
ssize_t mbx_stream_read_at(GMimeStream *s, int64_t off, char *buf,
                           size_t n);

/* Where a part's content (a substream GMime made of one of these
 * streams) really ends.  GMime leaves out the line break before the
 * boundary that ends a part, but judges its length ("\r\n" or "\n") by
 * the boundary line's own end (gmime-parser.c, parser_scan_content): in
 * a message whose line ends are mixed it loses the part's last byte or
 * keeps a '\r'.  Readers (Python's email package) drop the line break
 * the content really has.  Returns the end, content->bound_end when
 * nothing is to be corrected or not known. */
int64_t mbx_stream_content_end(GMimeStream *content);

/* ------------------------------------------------------------------ */
/* Digests on a worker thread (hash.c)                                */
/* ------------------------------------------------------------------ */

/* Start the worker; NULL when no thread could be made (every function
 * below then hashes in the caller). */
struct mbx_hasher *mbx_hasher_start(void);
/* Queue n bytes for 'dig' (copied: buf may be reused at once). */
void mbx_hasher_update(struct mbx_hasher *h, struct ftl_digest *dig,
                       const void *buf, size_t n);
/* An MD5 digest finished by the worker once its queued chunks are
 * through: 'dig' is taken over (freed by the worker); md5 is valid once
 * mbx_hasher_done() says so.  sha256 is filled by mbx_reader_finish(). */
struct mbx_final {
    struct ftl_digest *dig;
    char md5[33];
    char sha256[65];
    int done;                  /* read through mbx_hasher_done() */
};
void mbx_hasher_final(struct mbx_hasher *h, struct mbx_final *f);
int mbx_hasher_done(struct mbx_hasher *h, const struct mbx_final *f);
/* Wait until every queued job is done: call before finishing or
 * freeing a digest yourself. */
void mbx_hasher_sync(struct mbx_hasher *h);
void mbx_hasher_stop(struct mbx_hasher *h);

/* ------------------------------------------------------------------ */
/* One leaf part, decoded (part.c)                                    */
/* ------------------------------------------------------------------ */

/*
 * Reads a part's content as it is stored in the message, undoes its
 * Content-Transfer-Encoding with GMime's decoders, and hashes the decoded
 * bytes (MD5 and SHA-256) as they are produced, so that every decoded
 * byte is hashed exactly once whoever consumes it (libarchive, a nested
 * parser, or nobody).
 */
struct mbx_reader;

int mbx_reader_open(struct mbx_reader **out, GMimePart *part,
                    struct mbx_hasher *h, struct ftl_err *err);
/* Next decoded chunk of reader 'r' in *buf (valid until the next call):
 * its length, 0 at the end, -1 when the content could not be read.  An
 * mbx_next_fn, for mbx_archive_list(). */
ssize_t mbx_reader_next(void *r, const void **buf);
/* A pull function over the reader, for mbx_stream_new(). */
ssize_t mbx_reader_pull(void *r, void *buf, size_t n, struct ftl_err *err);
/* Read what is left, give the decoded size, and hand the digest to 'f'
 * (finished by the hasher: see mbx_hasher_done()).  *problem is NULL or
 * a static sentence about damage (the content could not be read to its
 * end); *note NULL or what was odd in its encoding though every whole
 * byte was decoded (a base64 group without its padding), valid as long
 * as 'r'. */
void mbx_reader_finish(struct mbx_reader *r, int64_t *size,
                       struct mbx_final *f, const char **problem,
                       const char **note);
void mbx_reader_free(struct mbx_reader *r);

/* ------------------------------------------------------------------ */
/* Archive members (archive.c)                                        */
/* ------------------------------------------------------------------ */

/* Bounds on what one attachment may unpack to (zip and tar bombs). */
struct mbx_limits {
    int max_depth;             /* archives inside archives */
    int64_t max_members;       /* member rows per attachment */
    int64_t max_bytes;         /* decompressed bytes per attachment */
};

/* Where rows and warnings for one attachment go. */
struct mbx_att {
    struct col_ctx *ctx;
    int64_t evid;
    const char *evname;        /* evidence name for messages */
    int64_t msg_id;
    const char *message_id;
    const char *part_path;     /* "1.2" */
    const char *filename;      /* decoded attachment name, or NULL */
    const char *locator;       /* the attachment's own locator */
    int64_t att_id;            /* the attachment's row */
    const struct mbx_limits *lim;
    int64_t n_members;         /* members recorded so far */
    int64_t n_bytes;           /* bytes decompressed so far */
    int n_hits;                /* indicator hits recorded */
    int bound_hit;             /* 1 once a bound stopped the listing (it
                                  is warned about once) */
    char note[256];            /* what to say on the attachment row */
};

/* Pull decoded attachment bytes: like mbx_reader_next(). */
typedef ssize_t (*mbx_next_fn)(void *ud, const void **buf);

/* If the bytes pulled from 'next' are an archive (tar, zip, cpio, 7z,
 * rar, or a file compressed with gzip, bzip2, xz, ...), record one
 * attachment row per member under a->att_id.  Returns 1 when an archive
 * was listed, 0 when the bytes are no archive, a negative FTL code when
 * the case could not be written.  Bytes are not drained: the caller
 * reads what is left. */
int mbx_archive_list(struct mbx_att *a, mbx_next_fn next, void *ud,
                     struct ftl_err *err);

/* 1 for names and types of zip-based documents (docx, odt, epub, jar...),
 * whose members are not listed. */
int mbx_is_zip_document(const char *filename, const char *content_type);

/* ------------------------------------------------------------------ */
/* The collector and its run (mailbox.c)                              */
/* ------------------------------------------------------------------ */

enum mbx_format { MBX_AUTO, MBX_MBOX, MBX_MMDF, MBX_EML };

/* Options (zero-filled by the front; 0 means the default). */
struct mbx_opts {
    int format;                /* enum mbx_format; MBX_AUTO: detected */
    int ignore_cl;             /* --ignore-content-length */
    int no_archives;           /* --no-archives */
    struct mbx_limits lim;     /* 0 fields: the defaults */
};

/* What one run keeps from item to item (col_ctx_state): the digest
 * thread, started once a run needs it and stopped when the run ends,
 * not once per item (a maildir inside a disk image is thousands of
 * collect_src() calls). */
struct mbx_run {
    struct mbx_hasher *hasher; /* NULL: none (yet), hashed in the caller */
    int hasher_tried;          /* 1 once it was started (or failed to) */
};

/* The run's digest thread, started on the first call; NULL when no
 * thread could be made (everything is then hashed in the caller). */
struct mbx_hasher *mbx_run_hasher(struct mbx_run *run);

/* ------------------------------------------------------------------ */
/* Files on the host (files.c)                                        */
/* ------------------------------------------------------------------ */

/* One path of the command line: a directory (walked: every file that
 * looks like mail is one item) or a file (one item, whatever it looks
 * like).  Same returns as a col_item_fn. */
int mbx_path_collect(struct col_ctx *ctx, struct mbx_run *run,
                     const struct mbx_opts *o, const char *path,
                     struct ftl_err *err);

/* ------------------------------------------------------------------ */
/* One evidence item (item.c)                                         */
/* ------------------------------------------------------------------ */

/*
 * Where an evidence item's bytes come from.  A file inside an image, or
 * a compressed one, comes through col_src, which hashes the stored bytes
 * as it reads them (mbx_input_src).  A plain file on the host is read
 * directly (files.c) and its SHA-256 is computed on the digest thread,
 * next to the attachment MD5s, so that the parsing thread does not do it.
 */
struct mbx_input {
    mbx_pull_fn pull;
    void *ud;
    int reread_fd;             /* the plain file holding the bytes, or -1 */
    int64_t size, mtime;
    /* Read what is left and give the SHA-256 of the stored bytes.  On a
     * read error hex holds that of the first *hashed bytes and the error
     * is returned. */
    int (*sha256)(void *ud, char hex[65], int64_t *hashed,
                  struct ftl_err *err);
};

/* An input over 'src' (its size and time, col_src's SHA-256). */
void mbx_input_src(struct mbx_input *in, struct col_src *src);

struct mbx_hop;
struct mbx_badlines;

/* One evidence item being read. */
struct mbx_item {
    struct col_ctx *ctx;
    const struct mbx_opts *o;
    struct mbx_limits lim;     /* o->lim with the defaults filled in */
    struct mbx_hasher *hasher; /* the run's; NULL: hashed in the caller */
    int64_t evid;
    const char *name;          /* evidence name for messages */
    int format;                /* enum mbx_format, as detected */
    int not_mail;              /* named explicitly, but its start is no
                                  mail: no message is read from it */
    char base_loc[512];        /* maildir/eml: "cur/NAME" or the name */
    int maildir;
    int64_t delivered;         /* maildir: ns from the file name, 0 */
    int64_t mtime;             /* the file's modification time, ns */
    GMimeStream *in;
    GMimeParser *parser;
    GMimeParserOptions *popts; /* fallback charsets, warnings to us */
    int64_t msg_off;           /* offset of the message being parsed */
    const char *nested;        /* part path of the transfer-encoded
                                  message being parsed, or NULL */
    struct mbx_badlines *bad;  /* invalid header lines of the message
                                  being parsed (warn.c) */
    int damaged;               /* structural damage seen: partial */
    GQueue pending;            /* attachments awaiting digests (mime.c) */
    struct mbx_hop *hops;      /* message.c's, kept for every message */
    int64_t prev_end;          /* where the last message ended */
    int64_t last_off;          /* where the last message began */
    int mmdf_open;             /* an MMDF message without its closing
                                  separator was read */
    int64_t n_msgs, n_att, n_members;
};

/* Read one evidence item from 'in' (nothing read yet) and record it;
 * 'name' names it in messages.  'parent_id' and 'inner_path' place a
 * stream found inside other evidence (0 and NULL for a host file).
 * 'probe': when the bytes do not look like mail, FTL_DONE and nothing
 * recorded.  Returns FTL_OK (also when already in the case), FTL_DONE,
 * or an error. */
int mbx_item_collect(struct col_ctx *ctx, struct mbx_run *run,
                     const struct mbx_opts *o, const struct mbx_input *in,
                     const char *name, int64_t parent_id,
                     const char *inner_path, int probe,
                     struct ftl_err *err);

/* ------------------------------------------------------------------ */
/* Store formats and the splitter (format.c)                          */
/* ------------------------------------------------------------------ */

/* What the first bytes look like: MBX_MBOX, MBX_MMDF, MBX_EML (a header
 * line), or MBX_AUTO for "not mail". */
int mbx_detect(const char *head, size_t n);
/* "mbox", "mmdf" or "eml". */
const char *mbx_format_name(int format);
/* Where the file at 'path' sits: a maildir message (".../cur/NAME": its
 * locator, delivery time) or a lone file; fills it->base_loc, maildir,
 * delivered. */
void mbx_place(struct mbx_item *it, const char *path);
/* What a path says of a message file: a maildir message (".../cur/NAME":
 * its locator "cur/NAME", its delivery time from the name) or a lone
 * file (its name). */
struct mbx_site {
    char base_loc[512];        /* "cur/NAME" or the name */
    int maildir;
    int64_t delivered;         /* ns from the maildir name, 0 */
    int64_t mtime;             /* the file's, ns; 0 unknown */
};
void mbx_site_of(struct mbx_site *w, const char *path);
/* (Re)start the parser of 'it' at stream offset 'off'. */
void mbx_parser_start(struct mbx_item *it, int64_t off);
/* Is [from, to) of the stream only white space?  Looks at 4 KiB. */
int mbx_region_blank(GMimeStream *in, int64_t from, int64_t to);
/* Length of the MMDF separator line at 'off' (^A^A^A^A and its line
 * end), 0 when there is none there. */
int64_t mbx_mmdf_sep(GMimeStream *in, int64_t off);
/* Offset of the MMDF separator line just before the headers at 'hdr',
 * or hdr when there is none. */
int64_t mbx_mmdf_start(GMimeStream *in, int64_t hdr);
/* GMime could not build a message at *from: report the bytes up to the
 * next separator and restart the parser there.  0 when restarted (*from
 * is the separator's offset), 1 when no separator follows. */
int mbx_skip_unparsed(struct mbx_item *it, int64_t *from);

/* ------------------------------------------------------------------ */
/* One message (message.c)                                            */
/* ------------------------------------------------------------------ */

/* One message being recorded, for the MIME walk. */
struct mbx_msg {
    struct mbx_item *it;
    int64_t msg_id;
    const char *message_id;
    const char *loc;           /* the message's locator */
    int hits;                  /* indicator hits in it so far */
};

/* Record message 'msg' found at 'off' (its headers at 'hdr_off', its end
 * at 'end'): its row, link, parts and events.  Returns FTL_OK or an
 * error from the store. */
int mbx_message(struct mbx_item *it, GMimeMessage *msg, int64_t off,
                int64_t hdr_off, int64_t end, struct ftl_err *err);
/* The first mailbox address of 'l' (groups looked into), lower-cased,
 * or NULL; g_free() it. */
char *mbx_first_address(InternetAddressList *l, int depth);

/* ------------------------------------------------------------------ */
/* The places of a message file (place.c)                             */
/* ------------------------------------------------------------------ */

/* The message a maildir place's events are about. */
struct mbx_about {
    int64_t evid, msg_id;
    const char *subj;          /* printable (mbx_printable) */
    const char *sender, *mid;  /* NULL unknown */
    unsigned flags;            /* TL_F_IOC when the message hit */
};
/* The events a maildir place gives: 'Delivery Time' from its name,
 * 'Content Modification Time' of its file; nothing for a lone file. */
int mbx_site_events(struct col_ctx *ctx, const struct mbx_site *w,
                    const struct mbx_about *a, struct ftl_err *err);
/* After col_evidence_known() or col_evidence_end(): when the item was
 * folded into an earlier one at a new place, or replaced one that had
 * other places, the events of those places are written for the item
 * that holds the message now (and its first and last seen widened).
 * 'replaced' is ctx->n_replaced before the call. */
int mbx_places_recorded(struct col_ctx *ctx, int64_t replaced,
                        struct ftl_err *err);

/* ------------------------------------------------------------------ */
/* Dates (date.c)                                                     */
/* ------------------------------------------------------------------ */

/* Read a mail date.  Returns 0 with *ns set (and TL_F_TZ_ASSUMED in
 * *flags when the text had no zone this parser trusts: the time is then
 * read in 'tz', NULL for UTC, and *zone names what was found), or -1
 * when the text is not a date. */
int mbx_date_read(const struct tl_tz *tz, const char *raw, int64_t *ns,
                  unsigned *flags, char *zone, size_t zn);
/* The zone a time without a trusted one is read in (--tz). */
const char *mbx_tz_name(const struct col_ctx *ctx);

/* ------------------------------------------------------------------ */
/* The MIME walk (mime.c)                                             */
/* ------------------------------------------------------------------ */

/* Where the parts being walked were parsed from. */
struct mbx_bound {
    const char *boundary;      /* of a multipart around them */
    const struct mbx_bound *up;
};
struct mbx_where {
    GMimeStream *src;          /* the stream their offsets are of */
    int64_t hdr;               /* where the headers of their message begin
                                  (its body part shares them), -1 */
    int64_t end;               /* where their message ends in src, -1 at
                                  the end of src */
    const struct mbx_bound *bounds; /* boundaries around the message */
    int again;                 /* 1 for parts read again (headers.c):
                                  their headers are not checked again */
};

/* Walk the body of a message, recording its attachments: a multipart's
 * children are path.N, a single leaf is path.1 (IMAP's numbering, RFC
 * 3501 6.4.5).  Returns FTL_OK or an error from the store. */
int mbx_walk_body(struct mbx_msg *m, GMimeObject *body, const char *path,
                  int depth, const struct mbx_where *w, struct ftl_err *err);
/* The smallest offset of the headers of 'o', -1 when it has none. */
int64_t mbx_first_header(GMimeObject *o);

/* ------------------------------------------------------------------ */
/* Parts whose headers run into their content (headers.c)             */
/* ------------------------------------------------------------------ */

/*
 * Some mailers write a part's headers and go straight on with its
 * content, without the blank line between them.  GMime reads every line
 * up to the next blank line or boundary as a header (invalid ones
 * dropped with a warning each), so the content is lost or cut.  Readers
 * (Python's email package, mail clients) end the headers at the first
 * line that is not a header and read the content from there; so does
 * ftl, by parsing the part again from its bytes with the blank line put
 * where it belongs.
 */
struct again;
struct mbx_reread {
    GMimeObject *obj;          /* the part read again (a reference) */
    GMimeStream *src;          /* what its offsets are of (a reference):
                                  a stream over its bytes, rewritten */
    struct again *pull_ud;     /* what src pulls from (owned) */
    int64_t body;              /* where its content begins in w->src */
    char note[300];            /* what its row says of it */
};

/* Check the headers of 'o', which begin at 'hstart' in w->src.  Returns
 * 1 with 'out' filled when they run into the content (and have been
 * warned about), 0 when they end as they should, a negative code on a
 * read error of w->src (nothing to do then but keep GMime's reading). */
int mbx_part_reread(struct mbx_msg *m, GMimeObject *o, const char *path,
                    const struct mbx_where *w, int64_t hstart,
                    struct mbx_reread *out);
void mbx_reread_release(struct mbx_reread *rr);

/* Complete the attachment rows whose digests are ready, oldest first;
 * 'all': wait for every one. */
int mbx_pending_finish(struct mbx_item *it, int all, struct ftl_err *err);
/* Drop the rows not completed (after an error), once the digest thread
 * is done with them. */
void mbx_pending_clear(struct mbx_item *it);

/* ------------------------------------------------------------------ */
/* Text and warnings (text.c, warn.c)                                 */
/* ------------------------------------------------------------------ */

/* 's' was cut to 'len' bytes: end it there, or a little before, so that
 * no UTF-8 character is left in half at its end. */
void mbx_utf8_cut(char *s, size_t len);
/* Printable copy of evidence text for a message: controls as '?', cut
 * to n bytes between characters. */
void mbx_printable(char *out, size_t n, const char *in);
/* Evidence text to store: valid UTF-8 and at most MBX_TEXT_MAX bytes,
 * cut on a character boundary; *buf is what to g_free() afterwards. */
const char *mbx_clean(const char *in, char **buf);
/* Lower-case ASCII in place (NULL is left alone). */
void mbx_lower(char *s);
/* An event message longer than 1000 bytes (in a buffer of more) ends
 * in "...". */
void mbx_long_text(char *text);

/* A warning on item 'it' at stream offset 'off' (-1: none). */
void mbx_warn_at(struct mbx_item *it, int64_t off, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* GMime's parser warning callback; 'ud' is the struct mbx_item.  An
 * warning with an offset is kept in it->bad, not given at once: it may
 * be about a part whose headers run into its content, which is read
 * again (headers.c) and said once, not line by line. */
void mbx_on_gmime_warning(gint64 offset, GMimeParserWarning code,
                          const gchar *item, gpointer ud);
/* The same, said at once, not kept (for a part read again). */
void mbx_gmime_warn_now(struct mbx_item *it, int64_t offset,
                        GMimeParserWarning code, const char *item);
/* The warnings of one parse, whose offsets are of 'src'. */
struct mbx_badlines *mbx_bad_new(GMimeStream *src);
/* Warn about the lines kept and not covered, and forget them all. */
void mbx_bad_flush(struct mbx_item *it);
void mbx_bad_free(struct mbx_badlines *b);
/* The lines in [from, to) of 'src' were read as content: no warning of
 * their own. */
void mbx_bad_cover(struct mbx_item *it, GMimeStream *src, int64_t from,
                   int64_t to);

#endif
