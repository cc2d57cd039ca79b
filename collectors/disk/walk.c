/*
 * collectors/disk/walk.c - one file system, every entry as 'fls -r -m /'
 *
 * The walk is TSK's own recursive directory walk (tsk_fs_dir_walk with
 * RECURSE | ALLOC | UNALLOC, orphans included), so the entries are the
 * ones fls sees.  For each, the fields of its body line are built the way
 * TSK's tsk_fs_name_print_mac_md5() builds them (tsk/fs/fs_name.c), and on
 * NTFS one entry becomes one row per data stream, per index root and for
 * the $FILE_NAME times, chosen like fls's print_dent_act()
 * (tsk/fs/fls_lib.c).  What fls prints in whole seconds is stored here in
 * nanoseconds, with the raw name bytes and the deleted state as columns.
 *
 * TSK forgives damage quietly: a directory it cannot read is skipped and
 * an inode it cannot load shows with no metadata, with the error reset.
 * To put that damage on record, the walk notices a directory that TSK was
 * about to enter but whose entries never came, and opens it again to get
 * TSK's own error text; an allocated name without metadata is opened
 * again the same way.  Both cost nothing when the image is sound.
 *
 * SPDX-License-Identifier: MIT
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/limits.h"
#include "collectors/disk/disk_int.h"

#define HASH_BLOCK (256 * 1024)    /* --hash reads files in these */
#define LOCATOR_TRIES FTL_LIMIT_LOCATOR_TRIES /* see base/limits.h */
#define PROGRESS_EVERY 512         /* entries between progress calls */

/* The times of a row, in the order of enum DT_*, in plaso's words. */
static const char *const time_desc[DT_N] = {
    "Last Access Time",
    "Content Modification Time",
    "Metadata Modification Time",
    "Creation Time",
    "Content Deletion Time",
};

/* ---- small helpers ------------------------------------------------ */

const char *col_disk_tsk_error(char *buf, size_t n)
{
    const char *s = tsk_error_get();
    size_t i;

    /* tsk_error_get() returns NULL when no error is pending. */
    snprintf(buf, n, "%s", s && *s ? s : "unknown libtsk error");
    for (i = 0; buf[i]; i++)
        if (buf[i] == '\n' || buf[i] == '\r')
            buf[i] = ' ';
    /* drop the trailing blanks TSK leaves after its message */
    while (i > 0 && buf[i - 1] == ' ')
        buf[--i] = '\0';
    tsk_error_reset();
    return buf;
}

/* Why the walk failed.  libtsk 4.11 sometimes fails a walk without an
 * error pending (a damaged ext4 group descriptor table: the loading of
 * the root's group fails and its message is reset on the way out), which
 * read "unknown libtsk error"; opening the root inode again gives its
 * reason. */
static const char *walk_error(TSK_FS_INFO *fs, char *buf, size_t n)
{
    const char *s = tsk_error_get();
    TSK_FS_FILE *root;
    int len;

    if (s && *s)
        return col_disk_tsk_error(buf, n);
    len = snprintf(buf, n, "cannot read the root directory (inode %llu): ",
                   (unsigned long long)fs->root_inum);
    root = tsk_fs_file_open_meta(fs, NULL, fs->root_inum);
    s = tsk_error_get();
    if (!root && s && *s && len > 0 && (size_t)len < n)
        col_disk_tsk_error(buf + len, n - (size_t)len);
    else if (len > 0 && (size_t)len < n)
        snprintf(buf + len, n - (size_t)len, "libtsk gives no reason");
    tsk_error_reset();
    tsk_fs_file_close(root);
    return buf;
}

int col_disk_prec(TSK_FS_TYPE_ENUM type, uint32_t nsec)
{
    if (TSK_FS_TYPE_ISNTFS(type))
        return 7;                  /* 100 ns FILETIME ticks */
    if (TSK_FS_TYPE_ISFAT(type))
        return 2;                  /* creation time in 10 ms */
    if (type == TSK_FS_TYPE_EXT4 || type == TSK_FS_TYPE_FFS2)
        return 9;
    return nsec ? 9 : 0;
}

/* ---- one entry ---------------------------------------------------- */

static void set_time(struct disk_entry *e, int i, time_t sec, int64_t nsec)
{
    e->nsec[i] = (uint32_t)nsec;
    if (tl_time_from_sec((int64_t)sec, nsec, &e->t[i]) != 0)
        e->time_range = 1;
}

int col_disk_entry_fill(struct disk_entry *e, const TSK_FS_FILE *f,
                        const char *path, const TSK_FS_ATTR *a, int ext)
{
    const TSK_FS_NAME *nm = f->name;
    const TSK_FS_META *m = f->meta;
    int fname = a && a->type == TSK_FS_ATTR_TYPE_NTFS_FNAME;
    int ads;
    char ls[12];

    /* fls names a stream unless it is the $FILE_NAME (labelled below) or
     * a directory's $I30 index, which is the directory itself. */
    ads = a && a->name && !fname &&
          (a->type != TSK_FS_ATTR_TYPE_NTFS_IDXROOT ||
           strcmp(a->name, "$I30") != 0);
    e->path.len = 0;
    if (ftl_buf_puts(&e->path, path))
        return FTL_ENOMEM;
    e->fs_path_len = e->path.len;
    if (ads && (ftl_buf_add(&e->path, ":", 1) ||
                ftl_buf_puts(&e->path, a->name)))
        return FTL_ENOMEM;
    if (fname && ftl_buf_puts(&e->path, " ($FILE_NAME)"))
        return FTL_ENOMEM;
    e->is_fname = fname;
    e->link = m && m->type == TSK_FS_META_TYPE_LNK && m->link ? m->link
                                                               : NULL;
    e->name_alloc = !(nm->flags & TSK_FS_NAME_FLAG_UNALLOC);
    e->deleted = !e->name_alloc;
    e->has_meta = m != NULL;
    e->meta_alloc = m && (m->flags & TSK_FS_META_FLAG_ALLOC);
    e->is_data = a ? a->type == TSK_FS_ATTR_TYPE_NTFS_DATA
                   : m && m->type == TSK_FS_META_TYPE_REG;
    if (a)
        snprintf(e->inode, sizeof(e->inode), "%" PRIuINUM "-%" PRIu32
                 "-%" PRIu16, nm->meta_addr, (uint32_t)a->type, a->id);
    else
        snprintf(e->inode, sizeof(e->inode), "%" PRIuINUM, nm->meta_addr);

    /* mode: the type in the directory entry, then the metadata's */
    e->mode[0] = nm->type < TSK_FS_NAME_TYPE_STR_MAX
                 ? tsk_fs_name_type_str[nm->type][0] : '-';
    if (!e->mode[0])
        e->mode[0] = '-';
    e->mode[1] = '/';
    if (m && tsk_fs_meta_make_ls(m, ls, sizeof(ls)) == 0)
        memcpy(e->mode + 2, ls, 11);
    else
        memcpy(e->mode + 2, "----------", 11);

    memset(e->t, 0, sizeof(e->t));
    memset(e->nsec, 0, sizeof(e->nsec));
    e->time_range = 0;
    if (!m) {
        /* fls: "----------|0|0|0|0|0|0|0" */
        strcpy(e->uid, "0");
        strcpy(e->gid, "0");
        e->size = 0;
        return FTL_OK;
    }
    snprintf(e->uid, sizeof(e->uid), "%" PRIuUID, m->uid);
    snprintf(e->gid, sizeof(e->gid), "%" PRIuGID, m->gid);
    e->size = a ? (int64_t)a->size : (int64_t)m->size;
    if (fname) {
        set_time(e, DT_ATIME, m->time2.ntfs.fn_atime,
                 m->time2.ntfs.fn_atime_nano);
        set_time(e, DT_MTIME, m->time2.ntfs.fn_mtime,
                 m->time2.ntfs.fn_mtime_nano);
        set_time(e, DT_CTIME, m->time2.ntfs.fn_ctime,
                 m->time2.ntfs.fn_ctime_nano);
        set_time(e, DT_CRTIME, m->time2.ntfs.fn_crtime,
                 m->time2.ntfs.fn_crtime_nano);
    } else {
        set_time(e, DT_ATIME, m->atime, m->atime_nano);
        set_time(e, DT_MTIME, m->mtime, m->mtime_nano);
        set_time(e, DT_CTIME, m->ctime, m->ctime_nano);
        set_time(e, DT_CRTIME, m->crtime, m->crtime_nano);
    }
    /* The union holds the ext dtime only on ext2/3/4. */
    if (ext)
        set_time(e, DT_DTIME, m->time2.ext2.dtime,
                 m->time2.ext2.dtime_nano);
    return FTL_OK;
}

void col_disk_entry_release(struct disk_entry *e)
{
    ftl_buf_release(&e->path);
}

/* ---- the walk ----------------------------------------------------- */

struct walk {
    struct disk_run *run;
    struct col_ctx *ctx;
    TSK_FS_INFO *fs;
    const char *part;          /* "vol2" or NULL */
    int64_t part_off;
    int64_t fs_bytes;          /* block_count * block_size */
    int ntfs, ext, fat;
    struct ftl_buf fpath;     /* "/" + dir + name of the current entry */
    struct disk_entry e;
    struct ftl_buf loc, msg, tmp;
    unsigned name_flags;       /* TL_F_IOC once a path indicator hit */
    int name_checked;          /* path indicators checked for this name */
    /* the directory TSK is about to enter (see check_pending) */
    int pend_set;
    TSK_INUM_T pend_addr;
    struct ftl_buf pend_dir;  /* its a_path: parent dir + name + "/" */
    int64_t entries;           /* callbacks seen in this fs */
    int64_t rows;              /* rows stored from this fs */
    char *hbuf;                /* HASH_BLOCK for --hash */
    struct ftl_digest *dig;
    int rc;                    /* fatal error: stop the walk */
    struct ftl_err err;
};

/* Where a warning is: "vol2 (offset 180224) /path" or "offset 0 /path". */
static const char *where(struct walk *w, const char *path, const char *inode)
{
    char head[96];

    w->tmp.len = 0;
    if (w->part)
        snprintf(head, sizeof(head), "%s (offset %lld)", w->part,
                 (long long)w->part_off);
    else
        snprintf(head, sizeof(head), "offset %lld", (long long)w->part_off);
    if (ftl_buf_puts(&w->tmp, head) != FTL_OK)
        return "?";
    if (path && (ftl_buf_add(&w->tmp, " ", 1) ||
                 ftl_buf_puts(&w->tmp, path)))
        return "?";
    if (inode) {
        snprintf(head, sizeof(head), " (inode %s)", inode);
        ftl_buf_puts(&w->tmp, head);
    }
    return w->tmp.p;
}

static void damage(struct walk *w, const char *path, const char *inode,
                   const char *fmt, const char *what)
{
    col_warn(w->ctx, w->run->evid, w->run->image, where(w, path, inode),
             fmt, what);
    w->run->damaged = 1;
}

/*
 * TSK was about to enter directory w->pend_addr; the first entry of a
 * listed directory comes with that directory's path.  If something else
 * came (or nothing), the directory was empty, or TSK could not list it
 * and reset the error.  Opening it again tells which, with TSK's text.
 */
static void verify_dir(struct walk *w)
{
    TSK_FS_DIR *d;
    char msg[600], ino[32], path[4096];
    size_t i, n, real = 0, dots = 0;

    snprintf(ino, sizeof(ino), "%" PRIuINUM, w->pend_addr);
    /* "/dir/" without its final '/' for the message */
    snprintf(path, sizeof(path), "/%.*s", (int)(w->pend_dir.len - 1),
             w->pend_dir.p);
    d = tsk_fs_dir_open_meta(w->fs, w->pend_addr);
    if (!d) {
        damage(w, path, ino, "cannot list directory: %s",
               col_disk_tsk_error(msg, sizeof(msg)));
        return;
    }
    n = tsk_fs_dir_getsize(d);
    for (i = 0; i < n; i++) {
        const TSK_FS_NAME *nm = tsk_fs_dir_get_name(d, i);

        if (nm && nm->name && !TSK_FS_ISDOT(nm->name))
            real++;
        else if (nm && nm->name)
            dots++;
    }
    tsk_fs_dir_close(d);
    if (!dots && w->ext &&
        w->pend_addr != TSK_FS_ORPHANDIR_INUM(w->fs)) {
        /* every ext directory (not libtsk's virtual $OrphanFiles) begins
         * with '.' and '..': a block whose
         * records libtsk cannot parse (bit flips in rec_len) lists
         * nothing and no error, so its entries would be lost unsaid */
        damage(w, path, ino, "%s", "the directory lists no entries, not "
               "even '.' and '..': its block is damaged and what it held "
               "cannot be read (fls lists nothing either)");
        return;
    }
    if (real)
        damage(w, path, ino, "%s", "libtsk did not enter this directory "
               "(a directory loop, or deeper than the 128 levels or 4096 "
               "bytes of path libtsk walks); fls skips it too");
}

static void check_pending(struct walk *w, const char *dir)
{
    if (!w->pend_set)
        return;
    w->pend_set = 0;
    if (dir && strcmp(dir, w->pend_dir.p) == 0)
        return;
    verify_dir(w);
}

/* Will TSK recurse into this entry?  The test of tsk_fs_dir_walk_lcl()
 * (tsk/fs/fs_dir.c), less its loop check, which verify_dir() covers. */
static int will_enter(const TSK_FS_FILE *f)
{
    const TSK_FS_NAME *nm = f->name;
    const TSK_FS_META *m = f->meta;

    return (TSK_FS_IS_DIR_NAME(nm->type) ||
            nm->type == TSK_FS_NAME_TYPE_UNDEF) &&
           m && TSK_FS_IS_DIR_META(m->type) &&
           ((nm->flags & TSK_FS_NAME_FLAG_ALLOC) ||
            ((nm->flags & TSK_FS_NAME_FLAG_UNALLOC) &&
             (m->flags & TSK_FS_META_FLAG_UNALLOC))) &&
           !TSK_FS_ISDOT(nm->name);
}

/* TSK could not load the metadata of 'f': none, or (ext) a record left
 * as tsk_fs_meta_alloc() reset it when loading the inode failed, which is
 * neither allocated nor unallocated. */
static int meta_missing(const TSK_FS_FILE *f)
{
    return !f->meta || !(f->meta->flags & (TSK_FS_META_FLAG_ALLOC |
                                           TSK_FS_META_FLAG_UNALLOC));
}

/* Damage of the current entry, named by its path and inode. */
static void entry_damage(struct walk *w, const TSK_FS_FILE *f,
                         const char *fmt, const char *what)
{
    char ino[32];

    snprintf(ino, sizeof(ino), "%" PRIuINUM, f->name->meta_addr);
    damage(w, w->fpath.p, ino, fmt, what);
}

/* An allocated name whose metadata TSK could not load: ask again for the
 * error text TSK dropped. */
static void verify_meta(struct walk *w, const TSK_FS_FILE *f)
{
    TSK_FS_FILE *g;
    char msg[600];

    g = tsk_fs_file_open_meta(w->fs, NULL, f->name->meta_addr);
    if (g && !meta_missing(g))
        snprintf(msg, sizeof(msg), "%s", "metadata not loaded during the "
                 "walk");
    else
        col_disk_tsk_error(msg, sizeof(msg));
    tsk_fs_file_close(g);
    entry_damage(w, f, "cannot read inode: %s", msg);
}

/* Hash the content of the current row (an attribute, or the file's
 * default data) into md5/sha256.  Returns NULL, or a note saying why the
 * hash is missing or what it is of. */
static const char *hash_content(struct walk *w, TSK_FS_FILE *f,
                                const TSK_FS_ATTR *a, char *md5,
                                char *sha, char *note, size_t nn)
{
    const struct disk_entry *e = &w->e;
    const TSK_FS_ATTR *attr = a;
    TSK_OFF_T off = 0, size;
    char terr[512];

    md5[0] = sha[0] = '\0';
    if (e->deleted && e->meta_alloc) {
        snprintf(note, nn, "not hashed: the name is deleted and its inode "
                 "belongs to another file now");
        return note;
    }
    if (!attr && !(attr = tsk_fs_file_attr_get(f))) {
        snprintf(note, nn, "%scontent could not be read: %s",
                 e->deleted ? "deleted: " : "",
                 col_disk_tsk_error(terr, sizeof(terr)));
        return note;
    }
    size = attr->size;
    if (size > w->fs_bytes) {
        /* A garbage inode can claim terabytes, which would be hours of
         * reading zeros. */
        snprintf(note, nn, "not hashed: its size (%lld bytes) is larger "
                 "than the file system (%lld bytes): a damaged inode, or "
                 "a sparse file", (long long)size, (long long)w->fs_bytes);
        return note;
    }
    while (off < size) {
        size_t want = (size_t)(size - off < HASH_BLOCK ? size - off
                                                       : HASH_BLOCK);
        ssize_t got = tsk_fs_attr_read(attr, off, w->hbuf, want,
                                       TSK_FS_FILE_READ_FLAG_NONE);

        if (got <= 0) {
            ftl_digest_final(w->dig, NULL, NULL);   /* reset it */
            snprintf(note, nn, "%scontent could not be read at offset "
                     "%lld: %s", e->deleted ? "deleted: " : "",
                     (long long)off,
                     got < 0 ? col_disk_tsk_error(terr, sizeof(terr))
                             : "no data");
            return note;
        }
        ftl_digest_update(w->dig, w->hbuf, (size_t)got);
        off += got;
    }
    ftl_digest_final(w->dig, md5, sha);
    if (e->deleted || !e->meta_alloc) {
        snprintf(note, nn, "deleted: content read from unallocated space, "
                 "may be overwritten");
        return note;
    }
    return NULL;
}

/* The one sentence every event of the current row carries. */
static int build_message(struct walk *w)
{
    const struct disk_entry *e = &w->e;
    char tail[256];
    struct ftl_buf *m = &w->msg;

    m->len = 0;
    if (ftl_buf_add(m, e->path.p, e->path.len))
        return FTL_ENOMEM;
    if (e->link && (ftl_buf_puts(m, " -> ") ||
                    ftl_buf_puts(m, e->link)))
        return FTL_ENOMEM;
    if (e->deleted && ftl_buf_puts(m, e->meta_alloc
                                        ? " (deleted, inode reallocated)"
                                        : " (deleted)"))
        return FTL_ENOMEM;
    snprintf(tail, sizeof(tail), " [%s, inode %s, %lld bytes%s%s]",
             e->mode, e->inode, (long long)e->size, w->part ? ", " : "",
             w->part ? w->part : "");
    return ftl_buf_puts(m, tail);
}

int col_disk_file_add(struct col_ctx *ctx, struct tl_file *f,
                      struct ftl_buf *loc, int64_t *seq, int64_t *id,
                      struct ftl_err *err)
{
    size_t base = loc->len;
    char suffix[32];
    int k, rc;

    for (k = 0;; k++) {
        f->locator = loc->p;
        rc = col_file(ctx, f, id, err);
        if (rc != FTL_DONE)
            return rc < 0 ? rc : FTL_OK;
        /* Two entries print alike (two deleted names of one inode in one
         * directory): the later one gets the next number of this walk.
         * A number, not a count per name, so that a crafted image with
         * many such names costs one more insert each, not a search. */
        if (k == LOCATOR_TRIES)
            return ftl_err_set(err, FTL_EPARSE, "cannot make the locator "
                               "'%s' unique", loc->p);
        loc->len = base;
        snprintf(suffix, sizeof(suffix), " #%lld", (long long)++*seq);
        if (ftl_buf_puts(loc, suffix))
            return ftl_err_set(err, FTL_ENOMEM, "out of memory");
    }
}

/* The files row of the current entry (w->e, locator w->loc); *id gets
 * its id.  FTL_DONE when the entry was skipped (said as damage). */
static int file_row(struct walk *w, TSK_FS_FILE *f, const char *md5,
                    const char *sha, const char *hash_note, int64_t *id)
{
    struct disk_entry *e = &w->e;
    struct tl_file file;
    int rc;

    memset(&file, 0, sizeof(file));
    file.evidence_id = w->run->evid;
    file.part_offset = w->part_off;
    file.partition = w->part;
    file.addr = (int64_t)f->name->meta_addr;
    file.inode = e->inode;
    file.path = e->path.p;
    file.link = e->link;
    file.name_alloc = e->name_alloc;
    file.meta_alloc = e->meta_alloc;
    file.deleted = e->deleted;
    file.mode = e->mode;
    file.uid = e->uid;
    file.gid = e->gid;
    file.size = e->size;
    file.atime = e->t[DT_ATIME];
    file.mtime = e->t[DT_MTIME];
    file.ctime = e->t[DT_CTIME];
    file.crtime = e->t[DT_CRTIME];
    file.dtime = e->t[DT_DTIME];
    file.md5 = md5[0] ? md5 : NULL;
    file.sha256 = sha[0] ? sha : NULL;
    file.hash_note = hash_note;
    rc = col_disk_file_add(w->ctx, &file, &w->loc, &w->run->dup_seq, id,
                           &w->err);
    if (rc == FTL_EPARSE) {
        /* only a crafted image gets here: skip the entry, say so */
        damage(w, e->path.p, e->inode, "%s", w->err.msg);
        ftl_err_clear(&w->err);
        return FTL_DONE;
    }
    return rc;
}

/* One event per time of the entry that is set (a zero time is none). */
static int entry_events(struct walk *w, int64_t file_id)
{
    struct disk_entry *e = &w->e;
    struct tl_event ev;
    char raw[TL_TIME_BUFSZ];
    int rc, i;

    if ((rc = build_message(w)))
        return ftl_err_set(&w->err, rc, "out of memory");
    memset(&ev, 0, sizeof(ev));
    ev.source = "FILE";
    ev.artifact = e->is_fname ? "fs:ntfs:filename" : "fs:file";
    ev.evidence_id = w->run->evid;
    ev.locator = w->loc.p;
    ev.message = w->msg.p;
    ev.file_id = file_id;
    ev.raw_time = raw;
    ev.flags = w->name_flags;
    if (e->deleted)
        ev.flags |= TL_F_DELETED | (e->meta_alloc ? TL_F_REALLOC : 0);
    if (w->fat) {
        ev.flags |= TL_F_TZ_ASSUMED;
        ev.tz = w->run->zone;
    }
    for (i = 0; i < DT_N; i++) {
        if (e->t[i] == 0)
            continue;
        ev.ts = e->t[i];
        ev.ts_desc = time_desc[i];
        ev.prec = col_disk_prec(w->fs->ftype, e->nsec[i]);
        tl_time_format_epoch(e->t[i], raw);
        if ((rc = col_event(w->ctx, &ev, NULL, &w->err)) < 0)
            return rc;
    }
    return FTL_OK;
}

/* The entry's path (once per name: the other rows of the same name carry
 * the flag) and its content hashes against the indicator pack. */
static void entry_iocs(struct walk *w, int64_t file_id, const char *md5,
                       const char *sha)
{
    struct disk_entry *e = &w->e;
    struct col_ctx *ctx = w->ctx;

    if (!w->name_checked) {
        /* the path without stream suffixes */
        char c = e->path.p[e->fs_path_len];

        w->name_checked = 1;
        e->path.p[e->fs_path_len] = '\0';
        if (col_ioc_check(ctx, w->run->evid, TL_T_PATH, "path", e->path.p,
                          e->path.p, w->loc.p, file_id, 0, 0) > 0)
            w->name_flags |= TL_F_IOC;
        e->path.p[e->fs_path_len] = c;
    }
    if (md5[0])
        col_ioc_check(ctx, w->run->evid, TL_T_MD5, "md5", md5, e->path.p,
                      w->loc.p, file_id, 0, 0);
    if (sha[0])
        col_ioc_check(ctx, w->run->evid, TL_T_SHA256, "sha256", sha,
                      e->path.p, w->loc.p, file_id, 0, 0);
}

/* Store one row: the files row, its events, indicator checks. */
static int emit(struct walk *w, TSK_FS_FILE *f, const TSK_FS_ATTR *a)
{
    struct disk_entry *e = &w->e;
    char md5[33] = "", sha[65] = "", note[700];
    const char *hash_note = NULL;
    int64_t file_id = 0;
    int rc;

    if ((rc = col_disk_entry_fill(e, f, w->fpath.p, a, w->ext)))
        return ftl_err_set(&w->err, rc, "out of memory");
    if (e->time_range)
        damage(w, e->path.p, e->inode, "%s", "a time is outside 1677..2262 "
               "and cannot be stored in nanoseconds: left 0");
    if (w->run->hash && e->is_data && e->has_meta)
        hash_note = hash_content(w, f, a, md5, sha, note, sizeof(note));
    /* an allocated file whose content cannot be read (a FAT chain that
     * loops or ends early, a block past the image) is damage, said on
     * the terminal and in warnings, not only in its hash_note; for a
     * deleted one it is expected */
    if (hash_note && !md5[0] && !e->deleted && e->meta_alloc &&
        strstr(hash_note, "could not be read"))
        damage(w, e->path.p, e->inode, "%s", hash_note);

    /* locator: "[vol2 ]inode path", unique within the evidence */
    w->loc.len = 0;
    if ((w->part && (ftl_buf_puts(&w->loc, w->part) ||
                     ftl_buf_add(&w->loc, " ", 1))) ||
        ftl_buf_puts(&w->loc, e->inode) ||
        ftl_buf_add(&w->loc, " ", 1) ||
        ftl_buf_add(&w->loc, e->path.p, e->path.len))
        return ftl_err_set(&w->err, FTL_ENOMEM, "out of memory");
    if ((rc = file_row(w, f, md5, sha, hash_note, &file_id)))
        return rc == FTL_DONE ? FTL_OK : rc;
    w->rows++;
    if ((rc = entry_events(w, file_id)))
        return rc;
    if (w->ctx->iocs)
        entry_iocs(w, file_id, md5, sha);
    return FTL_OK;
}

/* ---- the callback ------------------------------------------------- */

static void progress(struct walk *w)
{
    struct disk_run *run = w->run;
    int64_t el = tl_time_now() - run->started;
    double rate = el > 0 ? (double)(w->ctx->n_events - run->ev_start) *
                           1e9 / (double)el : 0;

    char hashing[32] = "";

    if (run->hash_pct >= 0)
        snprintf(hashing, sizeof(hashing), "hashing %d%%, ", run->hash_pct);
    col_progress(w->ctx, "%s: %sfile system %lld%s%s: %lld files walked, "
                 "%.0f events/s", run->image, hashing,
                 (long long)run->n_fs + 1, w->part ? " " : "",
                 w->part ? w->part : "",
                 (long long)(run->n_entries + w->entries), rate);
}

static TSK_WALK_RET_ENUM visit(TSK_FS_FILE *f, const char *dir, void *ptr)
{
    struct walk *w = ptr;
    const TSK_FS_NAME *nm = f->name;
    int dot = TSK_FS_ISDOT(nm->name);

    check_pending(w, dir);
    w->entries++;
    w->name_flags = 0;
    w->name_checked = 0;
    /* the entry's path, for its rows, its messages and the globs */
    w->fpath.len = 0;
    if (ftl_buf_add(&w->fpath, "/", 1) ||
        ftl_buf_puts(&w->fpath, dir ? dir : "") ||
        ftl_buf_puts(&w->fpath, nm->name)) {
        w->rc = ftl_err_set(&w->err, FTL_ENOMEM, "out of memory");
        return TSK_WALK_STOP;
    }
    if (!dot && meta_missing(f) && (nm->flags & TSK_FS_NAME_FLAG_ALLOC) &&
        nm->meta_addr)
        verify_meta(w, f);
    else if (!dot && f->meta && nm->type == TSK_FS_NAME_TYPE_DIR &&
             (nm->flags & TSK_FS_NAME_FLAG_ALLOC) &&
             !TSK_FS_IS_DIR_META(f->meta->type))
        /* TSK does not enter it */
        entry_damage(w, f, "%s", "the directory entry names a directory "
                     "but its inode is not one (damaged inode?): not "
                     "entered");

    if (w->ntfs && f->meta) {
        /* print_dent_act() of fls: one row per $DATA (not the ".x"
         * two-letter directory quirk), per $INDEX_ROOT and for the
         * $FILE_NAME whose times TSK loaded; the bare entry when none. */
        int printed = 0, i, cnt = tsk_fs_file_attr_getsize(f);

        if (cnt < 0)
            tsk_error_reset();
        for (i = 0; i < cnt && !w->rc; i++) {
            const TSK_FS_ATTR *a = tsk_fs_file_attr_get_idx(f, i);

            if (!a)
                continue;
            if (a->type == TSK_FS_ATTR_TYPE_NTFS_DATA) {
                printed = 1;
                if (f->meta->type == TSK_FS_META_TYPE_DIR &&
                    nm->name[0] == '.' && nm->name[1] &&
                    nm->name[2] == '\0')
                    continue;
                w->rc = emit(w, f, a);
            } else if (a->type == TSK_FS_ATTR_TYPE_NTFS_IDXROOT) {
                printed = 1;
                if (!dot)
                    w->rc = emit(w, f, a);
            } else if (a->type == TSK_FS_ATTR_TYPE_NTFS_FNAME &&
                       a->id == f->meta->time2.ntfs.fn_id) {
                if (!dot)
                    w->rc = emit(w, f, a);
            }
        }
        if (!printed && !w->rc)
            w->rc = emit(w, f, NULL);
    } else if (!dot) {
        w->rc = emit(w, f, NULL);
    }
    if (!w->rc && !dot)
        w->rc = col_disk_child(w->run, f, w->part, w->fpath.p, w->fs_bytes,
                               &w->err);
    if (w->rc || w->run->stopped)
        return TSK_WALK_STOP;

    if (will_enter(f)) {
        /* TSK's a_path of its entries: dir + name + "/" */
        w->pend_dir.len = 0;
        if (ftl_buf_add(&w->pend_dir, w->fpath.p + 1,
                             w->fpath.len - 1) ||
            ftl_buf_add(&w->pend_dir, "/", 1)) {
            w->rc = ftl_err_set(&w->err, FTL_ENOMEM, "out of memory");
            return TSK_WALK_STOP;
        }
        w->pend_addr = nm->meta_addr;
        w->pend_set = 1;
    }
    if (w->entries % PROGRESS_EVERY == 0) {
        if (w->run->check && w->run->check(w->run, 0)) {
            w->run->stopped = 1;
            return TSK_WALK_STOP;
        }
        progress(w);
    }
    return TSK_WALK_CONT;
}

int col_disk_walk_fs(struct disk_run *run, TSK_FS_INFO *fs,
                     const char *part, int64_t part_off,
                     struct ftl_err *err)
{
    struct walk w;
    char msg[600];
    int rc = FTL_OK, bad;

    memset(&w, 0, sizeof(w));
    w.run = run;
    w.ctx = run->ctx;
    w.fs = fs;
    w.part = part;
    w.part_off = part_off;
    w.ntfs = TSK_FS_TYPE_ISNTFS(fs->ftype) != 0;
    w.ext = TSK_FS_TYPE_ISEXT(fs->ftype) != 0;
    w.fat = TSK_FS_TYPE_ISFAT(fs->ftype) != 0;
    w.fs_bytes = (int64_t)fs->block_count * fs->block_size;
    if (run->hash) {
        if (!(w.hbuf = malloc(HASH_BLOCK)))
            return ftl_err_set(err, FTL_ENOMEM, "out of memory");
        if ((rc = ftl_digest_new(&w.dig, FTL_MD5 | FTL_SHA256, err))) {
            free(w.hbuf);
            return rc;
        }
    }
    /* An image cut short: TSK knows the last block it holds. */
    if (fs->last_block_act < fs->last_block) {
        char what[200];

        snprintf(what, sizeof(what), "the image ends %lld bytes into this "
                 "file system of %lld bytes: what lies past byte %lld of "
                 "the image cannot be read",
                 (long long)((fs->last_block_act + 1) * fs->block_size),
                 (long long)((fs->last_block + 1) * fs->block_size),
                 (long long)(part_off + (fs->last_block_act + 1) *
                             fs->block_size));
        damage(&w, NULL, NULL, "truncated image: %s", what);
    }
    /* tsk_fs_dir_walk() returns 1 on error, 0 on success */
    bad = tsk_fs_dir_walk(fs, fs->root_inum,
                          TSK_FS_DIR_WALK_FLAG_ALLOC |
                          TSK_FS_DIR_WALK_FLAG_UNALLOC |
                          TSK_FS_DIR_WALK_FLAG_RECURSE, visit, &w);
    if (run->stopped) {
        /* the image is in the case already: all of this goes */
        tsk_error_reset();
        goto out;
    }
    if (w.rc) {
        /* our own stop: the case could not be written */
        tsk_error_reset();
        *err = w.err;
        rc = w.rc;
        goto out;
    }
    if (bad) {
        damage(&w, w.entries ? NULL : "/", NULL, "%s",
               walk_error(fs, msg, sizeof(msg)));
    }
    check_pending(&w, NULL);
    if (w.rc) {
        *err = w.err;
        rc = w.rc;
        goto out;
    }
    run->n_entries += w.entries;
    if (w.rows || !bad)
        run->n_fs++;
out:
    free(w.hbuf);
    ftl_digest_free(w.dig);
    col_disk_entry_release(&w.e);
    ftl_buf_release(&w.fpath);
    ftl_buf_release(&w.loc);
    ftl_buf_release(&w.msg);
    ftl_buf_release(&w.tmp);
    ftl_buf_release(&w.pend_dir);
    return rc;
}
