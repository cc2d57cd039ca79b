/*
 * collectors/disk/disk_int.h - internals of the disk collector
 *
 * Shared by collectors/disk/disk.c (the run, the evidence row), image.c
 * (formats, segment names), hash.c (the media hash beside the walk),
 * volumes.c (which file systems are walked), walk.c (one file system, as
 * 'fls -r -m /' sees it), child.c (files other collectors read),
 * digest.c (the image and its children read again, for ftl verify) and
 * their
 * tests,
 * tests/check_disk.c and tests/check_disk_walk.c.  Nothing else includes
 * this.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef COLLECTORS_DISK_INT_H
#define COLLECTORS_DISK_INT_H

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

#include <tsk/libtsk.h>

#include "base/buf.h"
#include "collectors/collectors.h"

/* ------------------------------------------------------------------ */
/* Image files (image.c)                                              */
/* ------------------------------------------------------------------ */

/* Image formats told apart by their signature. */
enum disk_fmt {
    DISK_RAW = 0,          /* dd, split raw, anything else */
    DISK_EWF,              /* EnCase E01 ("EVF\t\r\n\xff\0") */
    DISK_VMDK,             /* "KDMV" sparse extent or a text descriptor */
    DISK_VHD,              /* "conectix" footer (end) or its copy (start) */
    DISK_AFF,              /* "AFF10\r\n\0" */
};

/* Format of an image from its first bytes 'head' and the last 512 bytes
 * 'tail' of its last file (either may be short). */
int col_disk_sniff(const unsigned char *head, size_t hn,
                   const unsigned char *tail, size_t tn);

/* "raw", "ewf", ... */
const char *col_disk_fmt_name(int fmt);

/* Name of segment k (1 = the first, which is 'first' itself) of a split
 * raw image whose first segment is 'first', or NULL when the name does
 * not follow a known scheme (.000, .001, _000, .00, .01, .aa, .aaa, xaa)
 * or k is past what the scheme can count.  Caller frees. */
char *col_disk_segment_name(const char *first, int k);

/* The same for E01 sets: "x.E01", "x.E02" ... "x.E99", "x.EAA" ...
 * (also L01 and s01, in either case).  NULL when 'first' does not end in
 * ".E01" or k is past the scheme. */
char *col_disk_ewf_segment_name(const char *first, int k);
/* 1 when the EWF segment at 'path' ends with a "next" section (more
 * segments follow it), 0 when it ends with "done", -1 when that cannot
 * be read. */
int col_disk_ewf_continues(const char *path);

/* The segments of a split image ('ewf' 1: an E01 set): 'first' and every
 * following segment that exists as a regular file, in order; just
 * 'first' when its name follows no scheme.  *out is a NULL-terminated
 * array the caller frees with col_disk_segments_free(). */
int col_disk_segments(const char *first, int ewf, char ***out, int *n,
                      struct ftl_err *err);
void col_disk_segments_free(char **v);

/* NULL when 'path' is a regular file, else why it is not one. */
const char *col_disk_not_regular(const char *path);

/* ------------------------------------------------------------------ */
/* One entry as fls -m prints it (walk.c)                         */
/* ------------------------------------------------------------------ */

/* Indexes of the five times of an entry. */
enum { DT_ATIME, DT_MTIME, DT_CTIME, DT_CRTIME, DT_DTIME, DT_N };

/*
 * The fields of one body line, built the way TSK's
 * tsk_fs_name_print_mac_md5() prints them (fs_name.c), but with the
 * times in nanoseconds and the raw name bytes (fls replaces control
 * characters with '^' only when printing; the exporter does that).
 */
struct disk_entry {
    struct ftl_buf path;  /* "/" + dir path + name [":" stream]
                              [" ($FILE_NAME)"] */
    size_t fs_path_len;    /* bytes of path before any stream suffix */
    char inode[64];        /* "12", or "64-128-2" with an attribute */
    char mode[16];         /* "r/rrw-r--r--": name type / meta mode */
    char uid[24], gid[24];
    const char *link;      /* symlink target (borrowed) or NULL */
    int64_t size;
    int64_t t[DT_N];       /* ns since 1970, 0 = not set */
    uint32_t nsec[DT_N];   /* the nanoseconds TSK gave, for the precision */
    int time_range;        /* a time did not fit int64 ns: stored 0 */
    int name_alloc;        /* 1 allocated name */
    int meta_alloc;        /* 1 allocated metadata */
    int deleted;           /* name unallocated (fls: " (deleted...)") */
    int has_meta;          /* TSK could load the metadata */
    int is_fname;          /* the NTFS $FILE_NAME times */
    int is_data;           /* content: a data attribute or regular file */
};

/* Fill 'e' for the entry 'f' whose path is 'path' ("/" + TSK's a_path +
 * the name, as the walk builds it once per entry) and, on NTFS, its
 * attribute 'a' (NULL elsewhere).  'ext' is 1 on ext2/3/4, whose dtime
 * goes into t[DT_DTIME].  Returns FTL_OK or FTL_ENOMEM. */
int col_disk_entry_fill(struct disk_entry *e, const TSK_FS_FILE *f,
                        const char *path, const TSK_FS_ATTR *a, int ext);
void col_disk_entry_release(struct disk_entry *e);

/* Insert files row 'f' with the locator in 'loc'; when an entry that
 * prints alike is already there, " #N" is appended to 'loc' with N the
 * next value of *seq (starting at 2), until the locator is unique
 * (f->locator then points into 'loc').  Returns FTL_OK, FTL_EPARSE when
 * no unique locator was found in 100 tries, or an error; *id receives
 * the row id. */
int col_disk_file_add(struct col_ctx *ctx, struct tl_file *f,
                      struct ftl_buf *loc, int64_t *seq, int64_t *id,
                      struct ftl_err *err);

/* Fraction digits a file system type gives its times: 7 for NTFS,
 * 2 for FAT, 9 for ext4 and UFS2; elsewhere 9 when 'nsec' is not 0. */
int col_disk_prec(TSK_FS_TYPE_ENUM type, uint32_t nsec);

/* Patterns, NULL-terminated once one is added (v is NULL before). */
struct disk_globs {
    char **v;
    size_t n;
};

/* ------------------------------------------------------------------ */
/* Walking one file system (walk.c)                               */
/* ------------------------------------------------------------------ */

/* What one run of the collector knows about the image. */
struct disk_run {
    struct col_ctx *ctx;
    int64_t evid;          /* the image's evidence row */
    const char *image;     /* path as given, for messages and children */
    int hash;              /* --hash */
    /* The files other collectors read are those they claim (see
     * col_claimant()) and those matching extra[i] for collector
     * col_registry[i] (--logs, --mail); extra is NULL when none given. */
    const struct disk_globs *extra;
    const char *zone;      /* zone TSK reads FAT times in */
    int damaged;           /* something could not be read: partial */
    int64_t n_fs;          /* file systems walked */
    int64_t n_entries;     /* entries walked, all file systems */
    int64_t n_children;    /* files recorded as child evidence */
    int64_t dup_seq;       /* last " #N" given to a locator (from 1) */
    int64_t started;       /* ns, for the events-per-second figure */
    int64_t ev_start;      /* ctx->n_events when the walk began */
    int hash_pct;          /* image hashing progress, -1 when done */
    /* Asked now and then during the walk and, with 'child' 1, before a
     * mail log or mail store is read (when little of the image is left
     * to hash, the answer then waits for the hash); non-zero stops the
     * walk (the image turned out to be in the case already) and sets
     * 'stopped'. */
    int (*check)(struct disk_run *run, int child);
    int stopped;
};

/* Walk file system 'fs' recursively like 'fls -r -m /' and store every
 * entry.  'part' names the partition ("vol2") or is NULL for a bare file
 * system; 'part_off' is its byte offset in the image.  Damage is recorded
 * as warnings and sets run->damaged.  Returns FTL_OK, or an error when the
 * case could not be written (the walk stops). */
int col_disk_walk_fs(struct disk_run *run, TSK_FS_INFO *fs,
                     const char *part, int64_t part_off,
                     struct ftl_err *err);

/* ------------------------------------------------------------------ */
/* Files that other collectors read (child.c)                          */
/* ------------------------------------------------------------------ */

/* The walk's entry f, at 'path' ("/" + dir + name) in partition 'part'
 * (NULL for a bare file system) of 'fs_bytes' bytes: when it is an
 * allocated regular file that a collector claims, read it with that
 * collector as child evidence of the image.  A child that cannot be read
 * is a warning on the image (run->damaged); returns FTL_OK, or an error
 * when the case could not be written. */
int col_disk_child(struct disk_run *run, TSK_FS_FILE *f, const char *part,
                   const char *path, int64_t fs_bytes, struct ftl_err *err);

/* A file of the image as a byte source: the col_read_fn over its
 * default data that a child is read and hashed through. */
struct disk_child_src {
    TSK_FS_FILE *f;
    int64_t size;
};
ssize_t col_disk_child_read(void *payload, int64_t off, void *buf, size_t n);

/* ------------------------------------------------------------------ */
/* One image being read (disk.c, hash.c, volumes.c)                    */
/* ------------------------------------------------------------------ */

struct disk_opts;              /* the options, private to disk.c */

/* An image from its files to its evidence row. */
struct disk_image {
    struct disk_run run;       /* first: the walk's check() casts back */
    const struct disk_opts *o;
    char **segs;               /* segment file names, NULL-terminated */
    int nsegs;
    int fmt;
    struct stat sb;            /* of the first file */
    TSK_IMG_INFO *img;         /* the walk's handle */
    const char *inner;         /* "" or "sector S" with --offset */
    char inner_buf[64];
    /* hashing, in a thread of its own with its own handle */
    TSK_IMG_INFO *himg;
    pthread_t hth;
    int hthread;               /* 1 while the thread is to be joined */
    atomic_int hdone;          /* set by the thread when finished */
    _Atomic int64_t hpos;      /* media bytes hashed so far */
    int want_md5;              /* the E01 stores an MD5 to compare */
    int hrc;                   /* the thread's FTL_OK or FTL_ENOMEM */
    char sha[65];
    char md5[33];              /* of the media, when an E01 stores one */
    char stored_md5[33];
    int64_t hashed;            /* media bytes hashed */
    char hash_err[600];        /* why hashing stopped early, or "" */
    int dup_checked;           /* dup is known */
    int64_t dup;               /* the same image already in the case */
    struct ftl_buf note;       /* the evidence row's note */
    struct ftl_buf opts;       /* and its options */
};

/* The files of the image (disk.c): as given, or the first and its kin
 * (the segments of a split or E01 set); the first one's stat, and the
 * format from the first bytes and the last.  With n > 1 a message goes
 * through im->run.ctx. */
int col_disk_image_files(struct disk_image *im, char **paths, int n,
                         struct ftl_err *err);
/* Open the image with the TSK type its signature names: 0, or -1 with
 * why. */
int col_disk_image_open(struct disk_image *im, char *why, size_t nwhy);

/* Add s to the image's note, "; " between parts (disk.c). */
void col_disk_note_add(struct disk_image *im, const char *s);

/* The MD5 libewf stored in an E01, as libtsk's image statistics print
 * it; 1 and hex[33] filled when there is one (hash.c). */
int col_disk_ewf_md5(TSK_IMG_INFO *img, char hex[33]);
/* Start hashing the media beside the walk (a second handle, a thread);
 * when either is not to be had, hash now.  col_disk_hash_wait() joins
 * the thread, and may be called again. */
void col_disk_hash_start(struct disk_image *im);
/* The same, now, in the caller's thread, on im->img (ftl verify). */
void col_disk_hash_now(struct disk_image *im);
void col_disk_hash_wait(struct disk_image *im);
/* Once the hash is known: is the same image already in the case?  Sets
 * im->dup, and dup_checked only when the lookup worked. */
int col_disk_dup_lookup(struct disk_image *im, struct ftl_err *err);
/* The evidence row (and place) of the image, with its size. */
void col_disk_image_evidence(struct disk_image *im, struct tl_evidence *ev,
                             int64_t size);
/* Say that the image is in the case already, and count it. */
int col_disk_say_known(struct disk_image *im, struct ftl_err *err);
/* The walk's run->check(): non-zero as soon as the hash shows the image
 * is already in the case (see struct disk_run). */
int col_disk_check_dup(struct disk_run *run, int child);
/* SHA-256 of the segment files' bytes, for an image libtsk cannot open;
 * *size receives their sum. */
int col_disk_hash_files(struct disk_image *im, int64_t *size,
                        struct ftl_err *err);

/* col_disk's col_ops.digest and digest_inner, for ftl verify
 * (digest.c): the media hash of the image at 'path', and the SHA-256 of
 * the child at 'inner' in it. */
int col_disk_digest(struct col_ctx *ctx, const char *path, const char *part,
                    char hex[65], struct ftl_err *err);
int col_disk_digest_inner(struct col_ctx *ctx, const char *path,
                          const char *part, const char *inner, char hex[65],
                          struct ftl_err *err);

/* Every allocated partition of the volume system, each walked; FTL_DONE
 * when the image has no volume system TSK knows (*found 0) or no file
 * system in any partition (*found 1) (volumes.c). */
int col_disk_walk_volumes(struct disk_image *im, int *found,
                          struct ftl_err *err);
/* The file system at byte offset 'off', as 'fls -o'.  'quiet': the
 * image has a volume system, whose partitions have been accounted for;
 * a disk without a file system at 'off' is no damage then. */
int col_disk_walk_bare(struct disk_image *im, int64_t off, int quiet,
                       struct ftl_err *err);

/* Translate the pending TSK error into text (never NULL) and clear it.
 * TSK keeps its error in thread-local state; the text is copied into
 * 'buf'. */
const char *col_disk_tsk_error(char *buf, size_t n);

/* A raw image (its files end to end) read by ftl (raw.c), for libtsk;
 * NULL with why filled when a file cannot be opened.  segs stays the
 * caller's and must outlive the handle. */
TSK_IMG_INFO *col_disk_raw_open(int nsegs, char **segs, char *why,
                                size_t nwhy);

#endif
