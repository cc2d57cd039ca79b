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
 * name with a newline on one line.  This is fls's rule, not an escaper
 * of base/escape.h: a body file is compared byte for byte with fls's.
 * fls prints a symlink target as it is; we replace its control
 * characters too, so that a line is always one entry.
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

static const char *or(const char *s, const char *dflt)
{
    return s ? s : dflt;
}

static int body_row(const struct tl_file *f, void *arg)
{
    struct body_ctx *c = arg;
    const int64_t times[] = { f->atime, f->mtime, f->ctime, f->crtime };
    size_t i;

    fprintf(c->out, "%s|", or(f->md5, "0"));
    put_name(c->out, f->path);
    if (f->link) {
        fputs(" -> ", c->out);
        put_name(c->out, f->link);
    }
    if (!f->name_alloc)
        fputs(f->meta_alloc ? " (deleted-realloc)" : " (deleted)", c->out);
    fprintf(c->out, "|%s|%s|%s|%s|%" PRId64, or(f->inode, "0"),
            or(f->mode, ""), or(f->uid, "0"), or(f->gid, "0"), f->size);
    for (i = 0; i < sizeof(times) / sizeof(times[0]); i++) {
        putc('|', c->out);
        put_time(c->out, times[i], c->ns);
    }
    putc('\n', c->out);
    c->rows++;
    return ferror(c->out) ? 1 : 0;
}

int exp_bodyfile(struct tl_store *st, FILE *out, const struct exp_opts *o,
                 int64_t *rows, struct ftl_err *err)
{
    struct body_ctx c = { out, o->ns, 0 };
    int rc;

    rc = tl_files_each(st, o->evidence_id, body_row, &c, err);
    if (rows)
        *rows = c.rows;
    /* a write error stopped the walk: the caller sees it in ferror() */
    return rc > 0 ? FTL_OK : rc;
}
