/*
 * collectors/mailbox/archive.c - members of attached archives, via libarchive
 *
 * CVE-2023-2868 was exploited with .tar attachments whose member *names*
 * held shell commands, so the members of an attached archive matter as
 * much as the attachment: each becomes an attachment row (is_member = 1,
 * parent_id = the archive's row) with its name, size, MD5 and SHA-256,
 * and its name goes through col_name_check().  Nothing is written to
 * disk: libarchive reads the decoded attachment through a callback as it
 * is decoded, and member data is hashed as libarchive inflates it.
 * Archives inside archives are listed the same way, down to a depth
 * bound; the number of members and the decompressed bytes per attachment
 * are bounded too, and hitting a bound is reported, not silent.
 *
 * Only bytes that look like an archive or a compressed file (magic
 * numbers below) are handed to libarchive at all, and only formats that
 * can be read as a stream are enabled (7z and some zip files need to
 * seek: libarchive reports that and the attachment says so).
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <archive.h>
#include <archive_entry.h>

#include "collectors/mailbox/mailbox_int.h"

#define HEAD 512                /* bytes kept to sniff the format */
#define DATA_BLOCK (64 * 1024)

enum kind { K_NONE, K_COMPRESSED, K_ARCHIVE };

/* Decoded bytes for libarchive, the first HEAD kept aside to sniff. */
struct src {
    mbx_next_fn next;
    void *ud;
    unsigned char head[HEAD];
    size_t head_len;
    int head_given;
    const void *rest;         /* the part of the last chunk past head */
    size_t rest_len;
};

/* Data of the member being read, hashed as it is inflated. */
struct member {
    struct archive *ar;
    struct mbx_att *a;
    struct ftl_digest *dig;
    char *buf;
    int64_t size;
    int stopped;              /* the byte bound was reached */
    int damaged;
    char why[200];            /* libarchive's word on damage */
};

/* Fill src->head with up to HEAD bytes. */
static void fill_head(struct src *s)
{
    const void *p;
    ssize_t n;

    while (s->head_len < HEAD) {
        n = s->next(s->ud, &p);
        if (n <= 0)
            return;            /* an error is the reader's to report */
        if ((size_t)n > HEAD - s->head_len) {
            size_t k = HEAD - s->head_len;

            memcpy(s->head + s->head_len, p, k);
            s->head_len = HEAD;
            s->rest = (const char *)p + k;
            s->rest_len = (size_t)n - k;
            return;
        }
        memcpy(s->head + s->head_len, p, (size_t)n);
        s->head_len += (size_t)n;
    }
}

static la_ssize_t src_read(struct archive *ar, void *ud, const void **buf)
{
    struct src *s = ud;
    ssize_t n;

    if (!s->head_given) {
        s->head_given = 1;
        if (s->head_len) {
            *buf = s->head;
            return (la_ssize_t)s->head_len;
        }
    }
    if (s->rest_len) {
        *buf = s->rest;
        n = (ssize_t)s->rest_len;
        s->rest_len = 0;
        return n;
    }
    n = s->next(s->ud, buf);
    if (n < 0) {
        archive_set_error(ar, EIO, "content could not be read");
        return -1;
    }
    return n;
}

/* A tar header without the "ustar" magic (V7 tar): its checksum, the
 * sum of the 512 header bytes with the checksum field read as spaces,
 * must equal the octal number in that field (POSIX ustar, "chksum"). */
static int v7_tar(const unsigned char *h, size_t n)
{
    unsigned long want = 0, sum = 0;
    size_t i;

    if (n < 512 || !h[0])
        return 0;
    for (i = 148; i < 156 && h[i] == ' '; i++)
        ;
    if (i == 156 || h[i] < '0' || h[i] > '7')
        return 0;
    for (; i < 156 && h[i] >= '0' && h[i] <= '7'; i++)
        want = want * 8 + (unsigned long)(h[i] - '0');
    for (i = 0; i < 512; i++)
        sum += (i >= 148 && i < 156) ? ' ' : h[i];
    return sum == want;
}

/* What the first bytes say.  Magic numbers from the formats' own
 * specifications (RFC 1952 gzip, bzip2, xz, zstd RFC 8878, lzip,
 * compress; PKWARE APPNOTE, 7z, RAR, cpio(5), POSIX ustar). */
static enum kind sniff(const unsigned char *h, size_t n)
{
    static const struct { const char *m; size_t len; size_t at;
                          enum kind k; } magic[] = {
        { "\x1f\x8b", 2, 0, K_COMPRESSED },
        { "\x1f\x9d", 2, 0, K_COMPRESSED },
        { "BZh", 3, 0, K_COMPRESSED },
        { "\xfd" "7zXZ\0", 6, 0, K_COMPRESSED },
        { "\x28\xb5\x2f\xfd", 4, 0, K_COMPRESSED },
        { "LZIP", 4, 0, K_COMPRESSED },
        { "PK\3\4", 4, 0, K_ARCHIVE },
        { "PK\5\6", 4, 0, K_ARCHIVE },
        { "PK\7\x8", 4, 0, K_ARCHIVE },
        { "7z\xbc\xaf\x27\x1c", 6, 0, K_ARCHIVE },
        { "Rar!\x1a\x07", 6, 0, K_ARCHIVE },
        { "070707", 6, 0, K_ARCHIVE },
        { "070701", 6, 0, K_ARCHIVE },
        { "070702", 6, 0, K_ARCHIVE },
        { "\xc7\x71", 2, 0, K_ARCHIVE },
        { "\x71\xc7", 2, 0, K_ARCHIVE },
        { "ustar", 5, 257, K_ARCHIVE },
    };
    size_t i;

    for (i = 0; i < sizeof(magic) / sizeof(magic[0]); i++)
        if (n >= magic[i].at + magic[i].len &&
            memcmp(h + magic[i].at, magic[i].m, magic[i].len) == 0)
            return magic[i].k;
    return v7_tar(h, n) ? K_ARCHIVE : K_NONE;
}

int mbx_is_zip_document(const char *filename, const char *content_type)
{
    static const char *const ext[] = {
        "docx", "docm", "dotx", "dotm", "xlsx", "xlsm", "xltx", "pptx",
        "pptm", "ppsx", "potx", "vsdx", "odt", "ods", "odp", "odg", "ott",
        "epub", "jar", "apk", "xpi", "ipa", NULL
    };
    const char *dot = filename ? strrchr(filename, '.') : NULL;
    int i;

    if (content_type &&
        (strncasecmp(content_type, "application/vnd.openxmlformats-", 31)
         == 0 ||
         strncasecmp(content_type, "application/vnd.oasis.opendocument.",
                     35) == 0 ||
         strcasecmp(content_type, "application/epub+zip") == 0 ||
         strcasecmp(content_type, "application/java-archive") == 0))
        return 1;
    for (i = 0; dot && ext[i]; i++)
        if (strcasecmp(dot + 1, ext[i]) == 0)
            return 1;
    return 0;
}

/* The name of the one file in a .gz: the FNAME field of the gzip header
 * (RFC 1952 2.3.1) when the head holds it, else the compressed file's
 * name without its suffix, else "data". */
static void raw_name(const struct src *s, const char *outer, char *out,
                     size_t n)
{
    static const char *const sfx[] = { ".gz", ".bz2", ".xz", ".zst",
                                       ".Z", ".lz", NULL };
    const unsigned char *h = s->head;
    size_t i = 10, len;
    int k;

    if (s->head_len > 10 && h[0] == 0x1f && h[1] == 0x8b && (h[3] & 8)) {
        if (h[3] & 4)          /* FEXTRA: two length bytes, then data */
            i = s->head_len > 12 ? 12 + (size_t)(h[10] | h[11] << 8)
                                 : s->head_len;
        for (len = 0; i + len < s->head_len && h[i + len]; len++)
            ;
        if (len && i + len < s->head_len) {
            snprintf(out, n, "%.*s", (int)len, (const char *)h + i);
            return;
        }
    }
    if (outer && *outer) {
        len = strlen(outer);
        if (len > 4 && strcasecmp(outer + len - 4, ".tgz") == 0) {
            snprintf(out, n, "%.*s.tar", (int)(len - 4), outer);
            return;
        }
        for (k = 0; sfx[k]; k++) {
            size_t sl = strlen(sfx[k]);

            if (len > sl && strcasecmp(outer + len - sl, sfx[k]) == 0) {
                snprintf(out, n, "%.*s", (int)(len - sl), outer);
                return;
            }
        }
    }
    snprintf(out, n, "data");
}

static void add_note(struct mbx_att *a, const char *text)
{
    size_t used = strlen(a->note);

    if (strstr(a->note, text))
        return;
    snprintf(a->note + used, sizeof(a->note) - used, "%s%s",
             used ? "; " : "", text);
}

/* What the listing of the attachment ran into: a warning at 'loc' and a
 * sentence of its note.  'bound': one of the limits (--max-*), warned
 * the first time only. */
static void att_problem(struct mbx_att *a, const char *loc, int bound,
                        const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void att_problem(struct mbx_att *a, const char *loc, int bound,
                        const char *fmt, ...)
{
    char msg[300];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    if (!bound || !a->bound_hit)
        col_warn(a->ctx, a->evid, a->evname, loc, "attachment %s: %s",
                 a->part_path, msg);
    add_note(a, msg);
    if (bound)
        a->bound_hit = 1;
}

static ssize_t member_next(void *ud, const void **buf)
{
    struct member *m = ud;
    la_ssize_t n;

    *buf = NULL;
    if (m->stopped || m->damaged)
        return 0;
    if (m->a->n_bytes > m->a->lim->max_bytes) {
        m->stopped = 1;        /* an earlier member went past the bound */
        return 0;
    }
    n = archive_read_data(m->ar, m->buf, DATA_BLOCK);
    if (n < 0) {
        m->damaged = 1;
        snprintf(m->why, sizeof(m->why), "%s",
                 archive_error_string(m->ar) ? archive_error_string(m->ar)
                                             : "read error");
        return 0;
    }
    if (n == 0)
        return 0;
    /* Counted before the check: a member that ends exactly at the bound
     * is read whole; n_bytes past it says the bound was hit. */
    m->a->n_bytes += n;
    if (m->a->n_bytes > m->a->lim->max_bytes) {
        m->stopped = 1;
        return 0;
    }
    /* Members are hashed here: small next to attachments, and a wait
     * for the hasher's queue per member would cost more. */
    ftl_digest_update(m->dig, m->buf, (size_t)n);
    m->size += n;
    *buf = m->buf;
    return n;
}

static int list(struct mbx_att *a, struct src *s, int depth,
                int64_t parent_id, const char *parent_path,
                const char *parent_loc, const char *outer_name,
                struct ftl_err *err);

/* The row of a member (its type from the entry), its name checked;
 * *id receives the row. */
static int member_row(struct mbx_att *a, struct archive_entry *e,
                      const char *name, int64_t parent_id, const char *path,
                      const char *loc, int64_t *id, struct ftl_err *err)
{
    struct tl_attachment row;
    const char *ctype = NULL;
    int rc;

    switch ((int)archive_entry_filetype(e)) {
    case AE_IFDIR: ctype = "inode/directory"; break;
    case AE_IFLNK: ctype = "inode/symlink"; break;
    case AE_IFREG: break;
    default: ctype = "inode/special"; break;
    }
    memset(&row, 0, sizeof(row));
    row.evidence_id = a->evid;
    row.msg_id = a->msg_id;
    row.message_id = a->message_id;
    row.parent_id = parent_id;
    row.part_path = path;
    row.filename = name;
    row.content_type = ctype;
    row.size = -1;
    row.is_member = 1;
    row.locator = loc;
    if ((rc = tl_attachment_add(a->ctx->st, &row, id, err)) < 0)
        return rc;
    a->n_members++;
    a->n_hits += col_name_check(a->ctx, a->evid, "archive member name",
                                name, a->filename && *a->filename
                                ? a->filename : a->part_path, loc, 0,
                                a->msg_id, *id);
    return FTL_OK;
}

/* Complete the row of member 'm' read to where it stopped: its size,
 * and its digests when the whole content was read. */
static int member_finish(struct mbx_att *a, const struct member *m,
                         struct archive_entry *e, const char *name,
                         int64_t id, const char *loc, const char *md5,
                         const char *sha, struct ftl_err *err)
{
    char note[512] = "";
    int rc;

    if (m->stopped) {
        snprintf(note, sizeof(note), "content not read to its end: more "
                 "than %lld decompressed bytes in this attachment "
                 "(--max-unpacked)", (long long)a->lim->max_bytes);
    } else if (m->damaged) {
        snprintf(note, sizeof(note), "content damaged after %lld bytes: "
                 "%s", (long long)m->size, m->why);
        col_warn(a->ctx, a->evid, a->evname, loc, "archive member '%.200s' "
                 "of attachment %s: content damaged after %lld bytes: %s",
                 name, a->part_path, (long long)m->size, m->why);
    } else if (archive_entry_size_is_set(e) &&
               archive_entry_size(e) != m->size) {
        snprintf(note, sizeof(note), "header says %lld bytes, %lld read",
                 (long long)archive_entry_size(e), (long long)m->size);
    }
    /* A digest of part of the content would mislead: none then. */
    if (m->stopped || m->damaged)
        return tl_attachment_finish(a->ctx->st, id, m->size, NULL, NULL,
                                    note, err);
    if ((rc = tl_attachment_finish(a->ctx->st, id, m->size, md5, sha,
                                   *note ? note : NULL, err)))
        return rc;
    a->n_hits += col_ioc_check(a->ctx, a->evid, TL_T_MD5, "md5", md5,
                               name, loc, 0, a->msg_id, id);
    a->n_hits += col_ioc_check(a->ctx, a->evid, TL_T_SHA256, "sha256", sha,
                               name, loc, 0, a->msg_id, id);
    return FTL_OK;
}

/* One member: its row, its name checked, its content hashed and, when
 * it is itself an archive, listed in turn. */
static int member(struct mbx_att *a, struct archive *ar,
                  struct archive_entry *e, const char *name, int depth,
                  int64_t parent_id, const char *path, const char *loc,
                  struct ftl_err *err)
{
    struct member m;
    struct src inner;
    char md5[33], sha[65], note[512] = "";
    int64_t id = 0;
    int rc, ftype = (int)archive_entry_filetype(e);
    const void *p;

    if ((rc = member_row(a, e, name, parent_id, path, loc, &id, err)) < 0)
        return rc;
    if (archive_entry_hardlink(e))
        snprintf(note, sizeof(note), "hard link to '%.400s'",
                 archive_entry_hardlink(e));
    else if (ftype == AE_IFLNK && archive_entry_symlink(e))
        snprintf(note, sizeof(note), "symbolic link to '%.400s'",
                 archive_entry_symlink(e));
    if (ftype != AE_IFREG || archive_entry_hardlink(e))
        return tl_attachment_finish(a->ctx->st, id, -1, NULL, NULL,
                                    *note ? note : NULL, err);
    if (archive_entry_is_encrypted(e))
        return tl_attachment_finish(a->ctx->st, id, -1, NULL, NULL,
                                    "encrypted: content not read", err);

    memset(&m, 0, sizeof(m));
    m.ar = ar;
    m.a = a;
    m.buf = malloc(DATA_BLOCK);
    if (!m.buf || (rc = ftl_digest_new(&m.dig, FTL_MD5 | FTL_SHA256, err))) {
        free(m.buf);
        return m.buf ? rc : ftl_err_set(err, FTL_ENOMEM, "out of memory");
    }
    memset(&inner, 0, sizeof(inner));
    inner.next = member_next;
    inner.ud = &m;
    rc = list(a, &inner, depth + 1, id, path, loc, name, err);
    while (rc >= 0 && member_next(&m, &p) > 0)
        ;                      /* the rest of the member, hashed */
    ftl_digest_final(m.dig, md5, sha);
    ftl_digest_free(m.dig);
    free(m.buf);
    if (rc < 0)
        return rc;
    return member_finish(a, &m, e, name, id, loc, md5, sha, err);
}

/* List the archive whose bytes 's' yields, if it is one.  'depth' 1 is
 * the attachment itself.  Returns 1 when listed, 0 when not an archive,
 * or an error from the store. */
static int list(struct mbx_att *a, struct src *s, int depth,
                int64_t parent_id, const char *parent_path,
                const char *parent_loc, const char *outer_name,
                struct ftl_err *err)
{
    struct archive *ar;
    struct archive_entry *e;
    enum kind k;
    struct ftl_buf path = { 0 };  /* the member's path, per member */
    char dflt[256], loc[512];
    int64_t idx = 0;
    int r, rc = 1;

    fill_head(s);
    k = sniff(s->head, s->head_len);
    if (k == K_NONE)
        return 0;
    if (depth > a->lim->max_depth) {
        att_problem(a, parent_loc, 1, "archives nested deeper than %d "
                    "levels not listed (--max-depth)", a->lim->max_depth);
        return 0;
    }
    if (!(ar = col_archive_new(k == K_COMPRESSED)))
        return ftl_err_set(err, FTL_ENOMEM, "out of memory");
    if (archive_read_open(ar, s, NULL, src_read, NULL) != ARCHIVE_OK) {
        if (k == K_ARCHIVE)
            att_problem(a, parent_loc, 0, "looks like an archive but could "
                        "not be listed: %.200s", archive_error_string(ar)
                        ? archive_error_string(ar) : "unknown format");
        archive_read_free(ar);
        return 0;
    }
    raw_name(s, outer_name, dflt, sizeof(dflt));
    for (;;) {
        const char *name;

        r = archive_read_next_header(ar, &e);
        if (r == ARCHIVE_EOF)
            break;
        if (r < ARCHIVE_WARN) {
            att_problem(a, parent_loc, 0, "archive damaged after %lld "
                        "member%s: %.200s", (long long)idx,
                        idx == 1 ? "" : "s", archive_error_string(ar)
                        ? archive_error_string(ar) : "read error");
            break;
        }
        if (a->n_members >= a->lim->max_members) {
            att_problem(a, parent_loc, 1, "more than %lld archive members; "
                        "listing stopped (--max-members)",
                        (long long)a->lim->max_members);
            break;
        }
        idx++;
        name = archive_format(ar) == ARCHIVE_FORMAT_RAW ? dflt
               : archive_entry_pathname(e);
        if (!name)
            name = "";
        ftl_buf_reset(&path);
        if (ftl_buf_printf(&path, "%s/%s", parent_path, name)) {
            rc = ftl_err_set(err, FTL_ENOMEM, "out of memory");
            break;
        }
        snprintf(loc, sizeof(loc), "%s%s%lld", parent_loc,
                 depth == 1 ? " member " : "/", (long long)idx);
        if ((rc = member(a, ar, e, name, depth, parent_id, path.p, loc,
                         err)) < 0)
            break;
        rc = 1;
        if (a->n_bytes > a->lim->max_bytes) {
            att_problem(a, parent_loc, 1, "more than %lld decompressed "
                        "bytes; listing stopped (--max-unpacked)",
                        (long long)a->lim->max_bytes);
            break;
        }
    }
    ftl_buf_release(&path);
    archive_read_free(ar);
    return rc;
}

int mbx_archive_list(struct mbx_att *a, mbx_next_fn next, void *ud,
                     struct ftl_err *err)
{
    struct src s;

    memset(&s, 0, sizeof(s));
    s.next = next;
    s.ud = ud;
    return list(a, &s, 1, a->att_id, a->part_path, a->locator,
                a->filename, err);
}
