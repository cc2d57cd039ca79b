/*
 * collectors/collectors.h - evidence readers and what they share
 *
 * A collector reads one kind of evidence read-only and puts what it finds
 * into the case through timeline.h.  It never writes SQL, never prints and
 * never formats output: messages and progress go through the callbacks in
 * struct col_ctx, which the front (ftl.c) prints.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef COLLECTORS_H
#define COLLECTORS_H

#include <getopt.h>
#include <stdint.h>
#include <sys/types.h>

struct archive;

#include "base/base.h"
#include "timeline/timeline.h"

/* ------------------------------------------------------------------ */
/* The run context (collectors/common.c)                               */
/* ------------------------------------------------------------------ */

enum col_level { COL_INFO, COL_WARN, COL_ERROR };

struct col_state;             /* see col_ctx_state() */
struct col_retiring;          /* see collectors/identity.c */
struct col_src;               /* see "Byte sources" below */
struct col_ops;

struct col_ctx {
    struct tl_store *st;
    struct tl_iocset *iocs;   /* NULL: no indicator checks */
    struct tl_tz *tz;         /* zone for zone-less stamps (--tz); NULL UTC */
    int64_t audit_id;
    /* What the run did, summed over every evidence item. */
    int64_t n_evidence;       /* evidence items added */
    int64_t n_dup;            /* already in the case, nothing added */
    int64_t n_failed;         /* items that could not be read at all */
    int64_t n_events;
    int64_t n_files;
    int64_t n_warnings;
    int64_t n_hits;
    int64_t n_places;         /* places added to evidence in the case */
    int64_t n_replaced;       /* items that replaced earlier ones */
    int64_t n_conflicts;      /* not collected: in the case with other
                                 options (the run then exits 1) */
    /* What the command asked (col_given_common / col_given_opt, --replace).
     * 'given' is compared with what an item in the case was collected
     * with: for an item of the command's kind on its own every option
     * that shapes what is read, for another (a log inside an image) only
     * the common ones its collector uses: it ran with its defaults. */
    int replace;              /* --replace: collect known evidence again */
    char *given;              /* canonical, sorted; NULL: none */
    const char *given_kind;   /* the command's collector */
    char *given_list;         /* the tokens, one per line (internal) */
    struct col_retiring *retiring;   /* items replacing others */
    struct col_retiring *pending;    /* decided before their row exists */
    int64_t last_holder, last_place; /* see col_evidence_holder() */
    /* Set by the front.  Collectors call col_report() and col_progress(),
     * never these directly. */
    void (*report)(void *ud, int level, const char *msg);
    void (*progress)(void *ud, const char *msg);   /* NULL: no terminal */
    void *ud;
    int64_t progress_last;    /* ns of the last progress line */
    int64_t warn_evidence;    /* warnings printed for this evidence ... */
    int warn_printed;         /* ... and how many, to cap the noise */
    struct col_state *state;  /* collectors' per-run state; NULL none */
};

/* The per-run state of collector 'owner' in this run: 'size' zeroed bytes
 * made on the first call, the same pointer on every later call of the
 * run (pass the same size each time); NULL when out of memory.  For what
 * a collector sets up once per run and not once per item (a thread),
 * also when it is reached only through collect_src(): the disk
 * collector calls that once per file it finds.  'release' (may be NULL)
 * undoes what the collector put in the state; col_ctx_release() calls it
 * and frees the bytes.  Nothing here is process-wide. */
void *col_ctx_state(struct col_ctx *ctx, const struct col_ops *owner,
                    size_t size, void (*release)(void *state));
/* The run is over: release every collector's state (col_ctx_state),
 * newest first, and leave ctx->state NULL, and free what the col_given_*
 * calls and the evidence functions below keep in ctx.  The front calls
 * it once when the run is over (also when it never started); the rest of
 * ctx stays the caller's. */
void col_ctx_release(struct col_ctx *ctx);

/* Tell the user something (not recorded in the case). */
void col_report(struct col_ctx *ctx, int level, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* A problem with the evidence: recorded in the 'warnings' table with its
 * locator ("line 12", "offset 4096") and shown on stderr, the first 10 per
 * evidence item; the rest are counted and summed up at the end.
 * 'name' is the evidence file name used in the message. */
void col_warn(struct col_ctx *ctx, int64_t evidence_id, const char *name,
              const char *locator, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* Progress line, at most five per second; cheap to call often. */
void col_progress(struct col_ctx *ctx, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Insert an event / a file and count it.  Same returns as tl_event_add(). */
int col_event(struct col_ctx *ctx, const struct tl_event *ev, int64_t *id,
              struct ftl_err *err);
int col_file(struct col_ctx *ctx, const struct tl_file *f, int64_t *id,
             struct ftl_err *err);

/* The counters of a col_ctx at one moment (col_ctx_mark), to put back
 * when what was added since is rolled back (col_ctx_rollback). */
struct col_counts {
    int64_t evidence, dup, failed, events, files, warnings, hits;
    int64_t places, replaced, conflicts;
};
void col_ctx_mark(const struct col_ctx *ctx, struct col_counts *m);
void col_ctx_rollback(struct col_ctx *ctx, const struct col_counts *m);
/* tl_evidence_abort(id) and the counters back to mark m. */
void col_abort(struct col_ctx *ctx, int64_t id, const struct col_counts *m);

/* A libarchive reader for archives found in evidence: formats tar, zip,
 * cpio, 7zip, rar and only the filters libarchive has built in (never one
 * that runs an external program); 'raw' adds the raw format, for a single
 * compressed file.  NULL when out of memory; archive_read_free() it. */
struct archive *col_archive_new(int raw);
/* Enable on 'ar' the decompression filters libarchive has built in, and
 * none that would run a program. */
void col_archive_filters(struct archive *ar);

/* ------------------------------------------------------------------ */
/* Evidence identity (collectors/identity.c)                           */
/* ------------------------------------------------------------------ */

/*
 * Evidence is its content (kind and SHA-256); every place it was found
 * is recorded.  When content already in the case is met again:
 *   - collected by this same run: one more place;
 *   - with --replace (for an item found inside another: only when the
 *     earlier one was found inside another too): collected again, and
 *     the new item replaces the earlier one in one transaction;
 *   - the earlier one is failed or partial: read again; the new reading
 *     replaces it unless it is worse (a lower status) or the same (same
 *     status, options and counts), when the earlier one is kept;
 *   - found inside another item (a log in an image): one more place;
 *   - on its own with the same options: one more place;
 *   - on its own with other options: not collected; the message says
 *     which options differ and how to replace (ctx->n_conflicts).
 * A collector that can hash before it reads asks col_evidence_known();
 * every collector begins an item with col_evidence_begin() and ends it
 * with col_evidence_end(), which decide and say so.
 */

/* The common options of the command, for ctx->given: --tz (shown always,
 * UTC when not given) when the collector reads zones, --iocs FILE or
 * --no-iocs when it checks indicators.  FTL_ENOMEM or FTL_OK. */
int col_given_common(struct col_ctx *ctx, const struct col_ops *col,
                     const char *zone, const char *iocs_file, int no_iocs);
/* One of the collector's own options (c and arg as getopt_long returns
 * them), for ctx->given. */
int col_given_opt(struct col_ctx *ctx, const struct col_ops *col, int c,
                  const char *arg);

/* tl_evidence_begin() with the options given recorded on the row, and a
 * replacement decided by col_evidence_known() carried out inside the new
 * item's savepoint (so that the new reading never sees the rows it
 * replaces). */
int col_evidence_begin(struct col_ctx *ctx, const struct tl_evidence *ev,
                       int64_t *id, struct ftl_err *err);

/* Before reading: content 'sha256' of the kind of 'place' (its path,
 * inner_path, parent_id, size, mtime) is met at 'place'; 'name' names it
 * in messages.  FTL_DONE when it need not be read (one more place, or
 * not collected for other options: said and counted), FTL_OK when it is
 * to be read (new, or to replace what the case holds), or an error. */
int col_evidence_known(struct col_ctx *ctx, const struct tl_evidence *place,
                       const char *sha256, const char *name,
                       struct ftl_err *err);
/* The same question without acting or saying anything: 1 when reading
 * can be skipped (col_evidence_known() would answer FTL_DONE), 0 when
 * not, or an error.  For a collector that learns the hash while it
 * reads (a disk image hashed beside its walk). */
int col_evidence_skippable(struct col_ctx *ctx,
                           const struct tl_evidence *place,
                           const char *sha256, struct ftl_err *err);

/* col_evidence_known() for a plain file open as 'src', hashed first
 * (col_src_presha256); 'ev' is the row the item would get.  FTL_OK also
 * when it cannot be hashed first (a stream). */
int col_src_known(struct col_ctx *ctx, struct col_src *src,
                  const struct tl_evidence *ev, struct ftl_err *err);

/* Close evidence 'id' and say what happened: added, replacing #N, or
 * already in the case as #N (its place recorded there).  Updates the
 * counters.  Returns FTL_OK when the item stays in the case, FTL_DONE
 * when everything it added was rolled back (already there, or not
 * collected), or an error. */
int col_evidence_end(struct col_ctx *ctx, int64_t id, const char *name,
                     const char *sha256, const char *md5, int status,
                     struct ftl_err *err);
/* After col_evidence_end() or col_evidence_known(): the evidence that
 * now holds the content ('id', or the earlier item it was merged into),
 * and the place row the call added to an earlier item (0 none). */
int64_t col_evidence_holder(const struct col_ctx *ctx, int64_t *place_id);
/* Free what the functions above keep in ctx (col_ctx_release() calls
 * it). */
void col_identity_release(struct col_ctx *ctx);

/* Collect one path given on the command line; see col_run_each(). */
typedef int (*col_item_fn)(struct col_ctx *ctx, void *payload,
                           const char *path, struct ftl_err *err);

/* The usual run(): one(ctx, payload, path, err) on each path.  A path
 * that fails is reported and counted in ctx->n_failed, and the others
 * still go in; a failure to write the case (FTL_EDB, FTL_ENOMEM) stops
 * the run.  FTL_ERR when no path could be collected; 'what' names the
 * kind ("body file"). */
int col_run_each(struct col_ctx *ctx, char **paths, int n, col_item_fn one,
                 void *payload, const char *what, struct ftl_err *err);

/* Check 'value' against the indicator pack as 'target' and record every
 * match in ioc_hits.  'what' names the target in words ("path",
 * "attachment name").  Returns the number of hits (0 when no pack). */
int col_ioc_check(struct col_ctx *ctx, int64_t evidence_id, int target,
                  const char *what, const char *value, const char *context,
                  const char *locator, int64_t file_id, int64_t msg_id,
                  int64_t attachment_id);

/* A file, attachment or archive-member name from evidence: checked
 * against the pack as TL_T_NAME and, whatever the pack, against
 * tl_name_is_suspicious() (shell metacharacters, as in the CVE-2023-2868
 * exploit), which is recorded as a rule hit TL_RULE_SHELL_NAME.  Returns
 * the number of hits. */
int col_name_check(struct col_ctx *ctx, int64_t evidence_id, const char *what,
                   const char *name, const char *context,
                   const char *locator, int64_t file_id, int64_t msg_id,
                   int64_t attachment_id);

/* ------------------------------------------------------------------ */
/* Byte sources (collectors/source.c)                                  */
/* ------------------------------------------------------------------ */

/*
 * A read-only stream of evidence bytes: a plain file, a file inside a disk
 * image (the disk collector supplies a read callback), or either of those
 * decompressed (.gz, .bz2, .xz through libarchive's raw filters).  The
 * SHA-256 of the bytes as stored (before decompression) is computed while
 * reading, so reading to the end gives the evidence hash.
 */
struct col_src;

/* Read callback for sources that are not plain files: fill buf with up to
 * n bytes at 'offset', return the count, 0 at the end, -1 on error. */
typedef ssize_t (*col_read_fn)(void *payload, int64_t offset, void *buf,
                               size_t n);

/* Open a plain file read-only (never modified, atime untouched where the
 * system allows).  'decompress': 1 to detect and undo compression. */
int col_src_open_file(struct col_src **out, const char *path,
                      int decompress, struct ftl_err *err);
/* Open a stream over a callback; 'size' is the total size (-1 unknown),
 * 'name' is used in messages. */
int col_src_open_cb(struct col_src **out, const char *name, int64_t size,
                    col_read_fn read, void *payload, int decompress,
                    struct ftl_err *err);
/* Open a stream over an open file descriptor read with pread() from
 * offset 0 (a spool file): the descriptor stays the caller's.  'hash': 0
 * when the caller already has the evidence hash (no SHA-256 then). */
int col_src_open_fd(struct col_src **out, const char *name, int fd,
                    int decompress, int hash, struct ftl_err *err);
/* An unlinked temporary file in $TMPDIR (default /tmp) for a stream that
 * must be read more than once (a log inside a disk image). */
int col_spool_open(int *fd, struct ftl_err *err);
/* The compression whose magic bytes start head: "gzip", "bzip2", "xz",
 * or NULL. */
const char *col_src_sniff(const void *head, size_t n);
void col_src_close(struct col_src *src);

/* Read up to n bytes of (decompressed) content; 0 at end, -1 on error
 * with 'err' naming the source and the offset. */
ssize_t col_src_read(struct col_src *src, void *buf, size_t n,
                     struct ftl_err *err);

/* Next line without its "\n" (and "\r\n").  *line points into an internal
 * buffer valid until the next call; *len is its length; the line may hold
 * NUL bytes.  Lines longer than 'max' bytes are cut: *truncated is set and
 * the rest of that line is skipped.  Returns FTL_OK, FTL_DONE at the end,
 * or an error (a damaged .gz): lines read before it stay valid. */
int col_src_getline(struct col_src *src, char **line, size_t *len,
                    size_t max, int *truncated, struct ftl_err *err);

/* Line number of the last line returned (1-based). */
int64_t col_src_lineno(const struct col_src *src);
/* Content offset (after decompression) where the last line began. */
int64_t col_src_offset(const struct col_src *src);
/* Name for messages. */
const char *col_src_name(const struct col_src *src);
/* Size of the stored bytes, -1 when unknown; modification time in ns of
 * the file (0 unknown) and, for gzip, the member's own mtime (0 none). */
int64_t col_src_size(const struct col_src *src);
int64_t col_src_mtime(const struct col_src *src);
int64_t col_src_inner_mtime(const struct col_src *src);
/* For callback sources: the modification time (ns) of the file they
 * read, which year inference and the evidence row need. */
void col_src_set_mtime(struct col_src *src, int64_t mtime);
/* Compression found: "gzip", "bzip2", "xz" or NULL for none. */
const char *col_src_filter(const struct col_src *src);
/* Read the rest of the stored bytes (to finish the hash) and write the
 * SHA-256 of the stored bytes as hex.  When reading fails, hex holds the
 * SHA-256 of the first col_src_raw_offset() bytes and the error is
 * returned. */
int col_src_sha256(struct col_src *src, char hex[65], struct ftl_err *err);
/* The SHA-256 of the stored bytes of a plain file, read with pread()
 * before the source is read, without moving it: a collector asks
 * col_evidence_known() with it, so that collecting known evidence again
 * costs one hashing pass and no parsing.  FTL_DONE for a source that is
 * no plain file (a stream is hashed as it is read), or an error. */
int col_src_presha256(struct col_src *src, char hex[65],
                      struct ftl_err *err);
/* The same for a plain file open as 'fd' ('name' for messages). */
int col_fd_sha256(int fd, const char *name, char hex[65],
                  struct ftl_err *err);
/* Stored bytes read so far. */
int64_t col_src_raw_offset(const struct col_src *src);

/* ------------------------------------------------------------------ */
/* The collectors (collectors/registry.c)                              */
/* ------------------------------------------------------------------ */

/*
 * One entry per evidence kind.  The front parses the options common to
 * every collector (-c, --help, -q, and --tz, --iocs, --no-iocs where the
 * collector says it uses them), hands the others to opt(), then calls
 * run() once with every path argument.  A collector's long-only options
 * use getopt 'val' codes from COL_OPT_BASE up, to stay clear of the
 * front's.
 */
#define COL_OPT_BASE 0x400
struct col_ops {
    const char *name;                 /* "bodyfile", "disk", ... */
    const char *summary;              /* one line for 'ftl collect --help' */
    const char *usage;                /* synopsis and options, for --help */
    const char *shortopts;            /* collector's own getopt options */
    const struct option *longopts;    /* ditto, {0} terminated; may be NULL */
    int uses_iocs;                    /* 1: --iocs/--no-iocs, pack loaded */
    int uses_tz;                      /* 1: --tz accepted (ctx->tz) */
    size_t opts_size;                 /* size of its private options */
    /* Handle one of its options (c as getopt_long returns it). */
    int (*opt)(void *opts, int c, const char *arg, struct ftl_err *err);
    /* Collect all of paths[0..n).  Problems with one item are reported
     * and the others still go in; returns FTL_OK when anything could be
     * collected (or was already there), FTL_ERR when nothing could. */
    int (*run)(struct col_ctx *ctx, void *opts, char **paths, int n,
               struct ftl_err *err);
    /* Release what opt() allocated inside opts (may be NULL). */
    void (*release)(void *opts);
    /* Optional: collect one stream found inside other evidence (a log in
     * a disk image).  'parent_id' and 'inner_path' place it: the callee
     * creates the child evidence row (kind = its name, path = the
     * parent's path from tl_evidence_path(), inner_path, parent_id),
     * reads src to the end and closes the row with col_src_sha256().
     * Returns FTL_OK (also when already in the case), FTL_DONE when the
     * stream is not of its kind (nothing recorded; the caller records
     * it as not recognised), or an error. */
    int (*collect_src)(struct col_ctx *ctx, struct col_src *src,
                       int64_t parent_id, const char *inner_path,
                       struct ftl_err *err);
    /* Inside a disk image: the paths this collector reads with
     * collect_src() (fnmatch patterns on the path inside the file system,
     * '*' also matching '/', NULL-terminated; NULL: it reads none); what
     * such a file is called in messages, written as a modifier
     * ("mail-log": "the mail-log collector"; its hyphens read as blanks
     * where it is a noun); and the long option of 'ftl collect disk'
     * that adds patterns to the claims ("logs": --logs GLOB).  The disk
     * collector asks col_claimant() and names no collector itself. */
    const char *const *claims;
    const char *claim_what;
    const char *claim_opt;
    /* Long options of its own that do not shape what an item reads (an
     * option that loads other evidence first), NULL-terminated; NULL for
     * none.  They are left out of ctx->given. */
    const char *const *not_compared;
    /* Optional: set up and tear down what the collector's libraries keep
     * for the whole process (GMime's tables), as curl_global_init() and
     * curl_global_cleanup().  The front calls every init() once before
     * the first collector runs (a disk image hands streams to other
     * collectors) and every cleanup() once at the end. */
    int (*init)(struct ftl_err *err);
    void (*cleanup)(void);
    /* Optional, for 'ftl verify' (collectors/verify.c): the SHA-256 of
     * the item at 'path' on the host ('part': its inner path as an item
     * on its own, "sector N" for a disk read from an offset, else "")
     * computed again the way run() identifies it, into hex.  NULL: the
     * SHA-256 of the file's bytes (col_path_sha256).  FTL_DONE when
     * nothing is at 'path'.  Keeps what it opens in col_ctx_state(). */
    int (*digest)(struct col_ctx *ctx, const char *path, const char *part,
                  char hex[65], struct ftl_err *err);
    /* Optional: the SHA-256 of the stored bytes of the file at 'inner'
     * inside the item at 'path' ('part' as above), as collect_src() of
     * the child's collector hashed them.  FTL_DONE when it is not there.
     * NULL: this kind has no children. */
    int (*digest_inner)(struct col_ctx *ctx, const char *path,
                        const char *part, const char *inner, char hex[65],
                        struct ftl_err *err);
};

extern const struct col_ops col_bodyfile;
extern const struct col_ops col_disk;
extern const struct col_ops col_mailbox;
extern const struct col_ops col_staff;
extern const struct col_ops col_hr;
extern const struct col_ops col_maillog;

/* One body-file line split in place; pointers go into the line. */
struct col_body_line {
    char *md5, *name, *inode, *mode, *uid, *gid, *size;
    char *times[4];           /* atime, mtime, ctime, crtime as written */
    int64_t ns[4];            /* the same in ns; 0 = not set */
    int prec[4];              /* fraction digits of each */
    int64_t nsize;
    int name_alloc;           /* 0 when the name ends " (deleted...)" */
    int meta_alloc;           /* 0 for " (deleted)", 1 "(deleted-realloc)" */
    int out_of_range;         /* bit i: times[i] is a number of seconds
                                 outside 1677..2262 (ns[i] is then 0) */
};

/* Split a body line (without its newline) in place: one field from the
 * left, nine from the right, the name in between.  Strips the fls
 * deleted suffix into name_alloc/meta_alloc.  Returns NULL, or a reason
 * for rejecting the line. */
const char *col_bodyfile_parse(char *line, size_t len,
                               struct col_body_line *b);

/* ------------------------------------------------------------------ */
/* Reading evidence again (collectors/verify.c)                        */
/* ------------------------------------------------------------------ */

/* The SHA-256 of the bytes of the regular file at 'path', opened
 * read-only with its access time kept where the system allows.  FTL_OK,
 * FTL_DONE when nothing is there (ENOENT, ENOTDIR), or FTL_EIO with why
 * (a folder, a device, no permission, a read error). */
int col_path_sha256(const char *path, char hex[65], struct ftl_err *err);

/* The SHA-256 of the item of 'kind' at 'path' ('part' as col_ops.digest
 * says), the way its collector identified it: col_ops.digest, or the
 * file's bytes.  Returns as col_ops.digest. */
int col_place_digest(struct col_ctx *ctx, const char *kind,
                     const char *path, const char *part, char hex[65],
                     struct ftl_err *err);

/* The SHA-256 of the child at 'inner' inside the item of 'parent_kind'
 * at 'path' (col_ops.digest_inner).  FTL_EIO when that kind holds no
 * children it can read again. */
int col_inner_digest(struct col_ctx *ctx, const char *parent_kind,
                     const char *path, const char *part, const char *inner,
                     char hex[65], struct ftl_err *err);

/* NULL-terminated table of every collector. */
extern const struct col_ops *const col_registry[];

/* The collector called 'name', or NULL. */
const struct col_ops *col_find(const char *name);

/* The number of collectors in col_registry[]. */
int col_count(void);

/* 1 when 'path' matches one of the NULL-terminated fnmatch() patterns
 * 'globs' (NULL: none); '*' also matches '/' (no FNM_PATHNAME), so that
 * "*.eml" finds a message at any depth. */
int col_glob_any(const char *const *globs, const char *path);

/* Patterns given for collector col_registry[i] on top of its claims
 * (--logs GLOB ...), NULL-terminated; NULL for none. */
typedef const char *const *(*col_extra_fn)(void *arg, int i);

/* The collector that claims 'path', a file found inside a disk image:
 * the first in registry order with a collect_src() whose claims, or
 * whose extra patterns (extra(arg, i); extra may be NULL), match.  NULL
 * when no collector claims it. */
const struct col_ops *col_claimant(const char *path, col_extra_fn extra,
                                   void *arg);

/* The registry index of the collector that claims files inside an image
 * and whose claim_opt is 'opt' ("logs"), or -1. */
int col_claim_opt_find(const char *opt);

/* Every collector's init(), in registry order; on a failure the ones
 * already set up are cleaned up again and the error returned.  After a
 * success, col_global_cleanup() once at the end. */
int col_global_init(struct ftl_err *err);
/* Every collector's cleanup(), in reverse order. */
void col_global_cleanup(void);

#endif
