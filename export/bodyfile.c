/*
 * export/bodyfile.c - TSK 3.x body lines rebuilt from the 'files' table
 *
 *   MD5|name|inode|mode_as_string|UID|GID|size|atime|mtime|ctime|crtime
 *
 * By default the lines are the ones 'fls -m' prints: whole seconds, a
 * " -> target" after symlinks and " (deleted)" or " (deleted-realloc)"
 * after deleted names.  TSK prints times with %u, so a time before 1970
 * or after 2106 appears as its low 32 bits; we do the same so that the
 * output compares equal to fls.  --ns prints signed seconds with the
 * nanosecond fraction instead.
 *
 * Names are stored with their raw bytes.  Like fls, which prints control
 * characters (bytes 0x01..0x1f) of a name as '^' (TSK_IS_CNTRL in
 * tsk_fs_name_print_mac_md5()), we replace them here, which also keeps a
 * name with a newline on one line.  fls prints a symlink target as it
 * is; we replace its control characters too, so that a line is always
 * one entry.
 *
 * SPDX-License-Identifier: MIT
 */
#include <inttypes.h>
#include <stdio.h>

#include "export/export.h"

struct body_ctx {
    FILE *out;
    int ns;
    int64_t rows;
};

static void put_time(FILE *out, int64_t t, int ns)
{
    char buf[TL_TIME_BUFSZ];

    if (!ns)
        fprintf(out, "%" PRIu32, (uint32_t)tl_time_sec(t));
    else if (t == 0)
        fputs("0", out);
    else
        fputs(tl_time_format_epoch(t, buf), out);
}

/* Print s with control characters as '^', as fls does. */
static void put_name(FILE *out, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;

    for (; *p; p++)
        putc(*p < 0x20 ? '^' : *p, out);
}

static int body_row(void *s, void *payload)
{
    struct body_ctx *c = payload;
    const char *md5 = tl_col_text(s, 0), *link = tl_col_text(s, 2);
    int i;

    fprintf(c->out, "%s|", md5 ? md5 : "0");
    put_name(c->out, tl_col_text(s, 1));
    if (link) {
        fputs(" -> ", c->out);
        put_name(c->out, link);
    }
    if (!tl_col_int(s, 3))
        fputs(tl_col_int(s, 4) ? " (deleted-realloc)" : " (deleted)",
              c->out);
    fprintf(c->out, "|%s|%s|%s|%s|%" PRId64,
            tl_col_text(s, 5) ? tl_col_text(s, 5) : "0",
            tl_col_text(s, 6) ? tl_col_text(s, 6) : "",
            tl_col_text(s, 7) ? tl_col_text(s, 7) : "0",
            tl_col_text(s, 8) ? tl_col_text(s, 8) : "0", tl_col_int(s, 9));
    for (i = 10; i < 14; i++) {
        putc('|', c->out);
        put_time(c->out, tl_col_int(s, i), c->ns);
    }
    putc('\n', c->out);
    c->rows++;
    return ferror(c->out) ? 1 : 0;
}

int exp_bodyfile(struct tl_store *st, FILE *out, const struct exp_opts *o,
                 int64_t *rows, struct ftl_err *err)
{
    /* Two statements rather than "?1 = 0 OR evidence_id = ?1", which
     * keeps SQLite from using the files_key index for one item. */
#define BODY_COLUMNS "SELECT md5, path, link, name_alloc, meta_alloc, inode," \
        " mode, uid, gid, size, atime, mtime, ctime, crtime FROM files"
    static const char sql_all[] = BODY_COLUMNS " ORDER BY id";
    static const char sql_one[] = BODY_COLUMNS
        " WHERE evidence_id = ?1 ORDER BY id";
#undef BODY_COLUMNS
    struct body_ctx c = { out, o->ns, 0 };
    int rc;

    if (o->evidence_id)
        rc = tl_store_select(st, sql_one, "i", body_row, &c, err,
                             o->evidence_id);
    else
        rc = tl_store_query(st, sql_all, body_row, &c, err);
    if (rows)
        *rows = c.rows;
    return rc;
}
