/*
 * collectors/mailbox/mailbox_int.h - what the mail-store collector's files share
 *
 * mailbox.c walks paths, reads messages through GMime and records them;
 * stream.c is the GMime stream the parser reads evidence through;
 * part.c decodes and hashes one MIME leaf part; archive.c
 * lists the members of attached archives through libarchive.  Nothing
 * here is used outside collectors/mailbox*.c.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef COLLECTORS_MAILBOX_INT_H
#define COLLECTORS_MAILBOX_INT_H

#include <gmime/gmime.h>

#include "collectors/collectors.h"

/* ------------------------------------------------------------------ */
/* The input stream (stream.c)                                 */
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

/* The first bytes of the stream (up to 'want'), without consuming them
 * for the parser.  Returns the count (0 for an empty source, -1 on a
 * read error); *head stays valid until the next call on the stream. */
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

/* ------------------------------------------------------------------ */
/* Digests on a worker thread (hash.c)                         */
/* ------------------------------------------------------------------ */

struct mbx_hasher;

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
/* One leaf part, decoded (part.c)                             */
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
 * a static sentence about damage ("truncated base64"). */
void mbx_reader_finish(struct mbx_reader *r, int64_t *size,
                       struct mbx_final *f, const char **problem);
void mbx_reader_free(struct mbx_reader *r);

/* ------------------------------------------------------------------ */
/* Archive members (archive.c)                                 */
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

#endif
