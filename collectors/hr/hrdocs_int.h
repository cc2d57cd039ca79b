/*
 * collectors/hr/hrdocs_int.h - what the files of the HR document-store
 * collector ('ftl collect hr') share
 *
 * One file per job:
 *   hrdocs.c       the collector: options, the run and its state, col_hr
 *   item.c         one path of the command line (a folder, a store
 *                  archive or one document) and its evidence row
 *   walk.c         a folder tree, in byte order of the paths, and its
 *                  sha256sum listing digest
 *   archive.c      a store archive, or one compressed document
 *   content.c      a document's bytes: read and hashed once, then read
 *                  for what they are (hr_doc_read)
 *   attribution.c  which persons a document is about, and the sentence
 *                  saying how each was found
 *   categories.c   which data categories it holds, by the rules
 *   record.c       the documents row, its findings, indicator checks and
 *                  events
 * The readers of the documents themselves (doc.c and below) are shared
 * with the register collector through hr_int.h.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef COLLECTORS_HR_HRDOCS_INT_H
#define COLLECTORS_HR_HRDOCS_INT_H

#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "base/buf.h"
#include "base/limits.h"
#include "collectors/hr/hr_int.h"

/* The caps, and why they are that size: base/limits.h. */
#define HR_DOC_MAX FTL_LIMIT_HR_DOC       /* documents read whole */
#define HR_PATH_MAX FTL_LIMIT_HR_PATH     /* bytes of a path in a store */
#define HR_MATCHED_MAX FTL_LIMIT_HR_MATCHED   /* bytes of matched text */
#define HR_ATTR_MAX FTL_LIMIT_HR_ATTRIBUTION  /* the attribution sentence */
#define HR_CHUNK (1 << 20)        /* bytes read at a time */
#define HR_NO_INDEX ((size_t)-1)  /* hr_run.pidx: not found in this field */

/* One finding of a person in a document. */
struct hr_pmatch {
    int person;               /* index in people->persons */
    const char *field;        /* "path", "name", "meta:title", "text" */
    int strength;
    int alias;                /* index in people->aliases */
};

/* One finding of a category rule. */
struct hr_cmatch {
    int rule;                 /* index in rules->v */
    const char *field;
    char matched[HR_MATCHED_MAX];
};

/* Times of a file as the file system or the archive gives them. */
struct hr_fstimes {
    int64_t t[4];             /* mtime, atime, ctime, birth; 0 unset */
    int prec[4];              /* their fraction digits */
    const char *origin;       /* "file system" or "archive" */
    int out_of_range;         /* a time could not be held in ns */
};

/* One document of the store being recorded. */
struct hr_docin {
    const char *rel;          /* path inside the store: the locator */
    const char *name;         /* file name */
    const char *dir;          /* folders above it, searched as 'path' */
    const char *path;         /* documents.path */
    int64_t size;
    const unsigned char *buf; /* content, or a prefix of it */
    size_t n;
    int64_t total;            /* bytes read, kept or only hashed */
    int whole;                /* buf holds the whole content */
    const char *md5, *sha256; /* NULL when the file could not be read */
    struct hr_fstimes fs;
    int64_t member;           /* its number in the archive or folder */
};

/* The state of one 'ftl collect hr' run: made by hrdocs.c, passed down
 * to every file above. */
struct hr_run {
    struct col_ctx *ctx;
    struct col_counts mark;   /* the counters before this item */
    struct hr_people *people;
    struct hr_rules *rules;
    struct hr_doc doc;        /* the reader, reused for every document */
    struct ftl_text fold;      /* scratch for path, name and metadata */
    struct ftl_buf content;   /* the current document's bytes, at most
                                 HR_DOC_MAX */
    unsigned char *chunk;     /* HR_CHUNK bytes: what was read last */
    struct ftl_digest *dg;    /* MD5 + SHA-256 of a document */
    struct ftl_digest *list;  /* SHA-256 of a directory listing */
    char opts[512];           /* the evidence options */
    /* the evidence item being collected */
    int64_t evid;
    const char *evname;       /* as given, for messages */
    char root[HR_PATH_MAX];   /* a folder as given, without a final '/' */
    char base[256];           /* its last name, searched as path */
    int64_t ndocs, nbytes, nunread;
    int status;
    int hash_only;            /* a folder's first walk: its listing hash */
    /* findings of the current document */
    struct hr_pmatch *pm;
    size_t npm, cappm;
    struct hr_cmatch *cm;
    size_t ncm, capcm;
    const char *field;        /* the field being searched */
    size_t field_start;       /* its first finding in pm */
    size_t *pidx;             /* per person: its finding in this field */
    int nomem;                /* a finding could not be kept */
    struct ftl_buf ids;       /* person_ids: "1;7" */
    struct ftl_buf cats;      /* categories: "cv;health" */
    struct ftl_buf attr;      /* the attribution sentence, capped */
    /* attributing again a store already in the case (reattr.c) */
    int64_t again;            /* its evidence id; 0 when collecting */
    const char *again_sha;    /* its recorded SHA-256 */
    int again_same;           /* the store read has that SHA-256 */
    int64_t n_changed;        /* documents whose persons changed */
    int64_t n_now;            /* of them, attributed to someone now */
    int64_t n_gone;           /* documents not found as recorded (the
                                 store changed since) */
};

/* ---- hrdocs.c ------------------------------------------------------------ */

/* A run: rules from 'rules' (NULL: the default ones) and, after the
 * register 'staff' is loaded when not NULL, the persons of the case. */
int hr_run_init(struct hr_run *r, struct col_ctx *ctx, const char *staff,
                const char *rules, struct ftl_err *err);
void hr_run_release(struct hr_run *r);

/* ---- reattr.c ------------------------------------------------------------ */

/* A register was loaded: attribute again the documents of every store
 * already in the case, re-read from its recorded place with the rules it
 * was read with, and say how many documents it attributed.  A store that
 * cannot be re-read (inside other evidence, moved, its rules changed) is
 * said and left as it is.  Returns FTL_OK, or an error of the case. */
int hr_reattribute(struct col_ctx *ctx, struct ftl_err *err);

/* ---- item.c ------------------------------------------------------------- */

/* Collect one path of the command line: a folder, a store archive, or
 * one document.  Returns as a col_item_fn. */
int hr_item_collect(struct hr_run *r, const char *path, struct ftl_err *err);
/* Start the evidence row of 'path' (size -1 for a folder) and mark the
 * counters, to be put back when it is aborted. */
int hr_item_begin(struct hr_run *r, const char *path, int64_t size,
                  const struct stat *sb, struct ftl_err *err);
/* Before reading 'path' whose content hashes to 'sha': FTL_DONE when it
 * is in the case already and need not be read (said and counted), FTL_OK
 * when it is to be read (col_evidence_known()). */
int hr_item_known(struct hr_run *r, const char *path, int64_t size,
                  const struct stat *sb, const char *sha,
                  struct ftl_err *err);
/* Close it with its SHA-256 and say how many documents it held. */
int hr_item_end(struct hr_run *r, const char *sha, struct ftl_err *err);
/* A warning about one path of the store, located by that path byte for
 * byte so that it joins with the document's and events' locators. */
void hr_item_warn(struct hr_run *r, const char *rel, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* The last name of a path into out[n], without a trailing '/' and, with
 * strip_ext, without a store archive's extension (.zip, .tar.gz ...). */
void hr_item_base(const char *path, int strip_ext, char *out, size_t n);

/* ---- walk.c and archive.c ----------------------------------------------- */

/* A folder given on the command line (sb: its stat). */
int hr_walk_dir(struct hr_run *r, const char *path, const struct stat *sb,
                struct ftl_err *err);
/* The SHA-256 of the folder at 'path' as hr_walk_dir() identifies it
 * (its sha256sum listing), without reading the documents: FTL_OK,
 * FTL_DONE when it is not there, or an error (ftl verify). */
int hr_walk_digest(const char *path, char sha[65], struct ftl_err *err);
/* col_hr's col_ops.digest: a folder by its listing, a file (a store
 * archive, one document) by its bytes (item.c). */
int hr_item_digest(struct col_ctx *ctx, const char *path, const char *part,
                   char hex[65], struct ftl_err *err);
/* A store archive, or one compressed document, open on fd; head[0..nhead)
 * are its first bytes. */
int hr_archive_collect(struct hr_run *r, const char *path, int fd,
                       const struct stat *sb, const unsigned char *head,
                       size_t nhead, struct ftl_err *err);

/* ---- content.c ---------------------------------------------------------- */

/* Read up to n bytes into buf: the count, 0 at the end, -1 (errno). */
typedef ssize_t (*hr_raw_read_fn)(void *payload, void *buf, size_t n);
/* hr_raw_read_fn over a file descriptor (payload: int *). */
ssize_t hr_fd_read(void *payload, void *buf, size_t n);
/* Read a document to its end and hash it: its bytes are kept in
 * r->content up to HR_DOC_MAX (in->whole set when that is all of them),
 * the rest only hashed; in->total counts them all.  Returns 0, or -1
 * with errno set when reading failed (nothing hashed then). */
int hr_content_read(struct hr_run *r, hr_raw_read_fn rd, void *rdp,
                    struct hr_docin *in, char md5[33], char sha[65]);
/* Read what the document is ('unread_why': why its bytes could not be
 * read, or NULL) and record it. */
int hr_content_process(struct hr_run *r, struct hr_docin *in,
                       const char *unread_why, struct ftl_err *err);
/* Set file time i from seconds and nanoseconds. */
void hr_fs_time(struct hr_fstimes *fs, int i, int64_t sec, long nsec);
/* The four times of a statx() answer. */
struct statx;
void hr_fs_statx(struct hr_fstimes *fs, const struct statx *stx);
/* "base/folders", the folders above 'rel', searched as its path. */
void hr_dir_of(const struct hr_run *r, const char *rel, char *out,
               size_t outsz);

/* ---- attribution.c, categories.c, record.c ------------------------------ */

/* Search every field of the document for persons and categories, and
 * write the person_ids and categories lists and the attribution
 * sentence.  *single is the one person attributed (an index in
 * people->persons), -1 for nobody, -2 for several; *art9 is set when a
 * category is a special one.  FTL_ENOMEM when a finding was lost. */
int hr_attr_find(struct hr_run *r, const struct hr_docin *in, int *single,
                 int *art9, struct ftl_err *err);
/* Append to the attribution sentence; past HR_ATTR_MAX - 1 bytes it is
 * cut with "..." and nothing more is added. */
void hr_attr_add(struct hr_run *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Search one field's folded text for the rules of that field (bit). */
void hr_cat_scan(struct hr_run *r, int bit, const char *text, size_t n);
/* The categories found, in the order of their first finding, into the
 * list and the sentence; sets *art9. */
void hr_cat_describe(struct hr_run *r, int *art9);
/* Record the document: its row, persons, categories, indicator checks,
 * notes and events. */
int hr_record_doc(struct hr_run *r, const struct hr_docin *in,
                  struct ftl_err *err);

#endif
