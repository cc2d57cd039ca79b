/*
 * export/l2tcsv.c - the timeline as plaso's l2tcsv, the 17 columns of
 * the legacy log2timeline CSV that Timeline Explorer and other tools read
 *
 *   date,time,timezone,MACB,source,sourcetype,type,user,host,short,desc,
 *   version,filename,inode,notes,format,extra
 *
 * What plaso writes, read from its sources (log2timeline/plaso, commit
 * 4ea03ef9a): plaso/output/l2t_csv.py (the columns, version "2", the
 * type of a MACB group as its descriptions joined by "; "),
 * plaso/output/formatting_helper.py (_FormatDate MM/DD/YYYY, _FormatTime
 * HH:MM:SS, both in the output zone, _FormatTimeZone "UTC" or the zone's
 * abbreviation, _FormatInode the metadata address, _FormatTag the labels
 * joined by spaces), plaso/output/shared_dsv.py (header = the names
 * joined by commas, "-" for a field without value, _SanitizeField: a
 * comma in a field becomes a space), plaso/output/text_file.py (one line
 * per row ended by "\n"), plaso/formatters/interface.py (GetMessageShort:
 * over 80 characters, the first 77 and "..."), plaso/output/mediator.py
 * (GetMACBRepresentation, GetMACBRepresentationFromDescriptions) and
 * plaso/multi_process/output_engine.py (_FlushExportBuffer: which events
 * fold into one MACB row).
 *
 * Where ftl differs, on purpose: a cell holding '"' is quoted (RFC
 * 4180) so that a CSV reader does not take it for the start of a quoted
 * cell; control characters and invalid UTF-8 are written as \xNN, so a
 * row is always one line (plaso writes a newline of a message as it is);
 * a cell starting with = + - @ gets a leading ' as in ftl's CSV, since
 * l2tcsv is as often opened in a spreadsheet as in Timeline Explorer.
 * After these, every row has exactly 16 commas, which is what the tools
 * that split l2tcsv on commas rely on.  The text in full stays in
 * 'ftl export csv'.
 *
 * SPDX-License-Identifier: MIT
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "base/escape.h"
#include "export/export.h"

#define L2T_HEADER "date,time,timezone,MACB,source,sourcetype,type,user," \
    "host,short,desc,version,filename,inode,notes,format,extra\n"

/* plaso's GetMessageShort: longer than this many characters is cut. */
#define SHORT_MAX 80

/* A MACB group holds one event per time of the four. */
#define GROUP_MAX 4

/* ---- MACB ---------------------------------------------------------- */

/* The four times that fold, with their letter and place in "MACB". */
static const struct { const char *desc; char letter; int pos; } macb[] = {
    { "Content Modification Time", 'M', 0 },
    { "Last Access Time", 'A', 1 },
    { "Metadata Modification Time", 'C', 2 },
    { "Creation Time", 'B', 3 },
};

/* Index in macb[] of a time that folds, -1 for any other. */
static int macb_index(const char *desc)
{
    size_t i;

    for (i = 0; desc && i < sizeof(macb) / sizeof(macb[0]); i++)
        if (strcmp(desc, macb[i].desc) == 0)
            return (int)i;
    return -1;
}

/* The letters of one event that does not fold, as plaso's
 * GetMACBRepresentation (plaso/output/mediator.py) gives them: its
 * "fs:stat" branch for file-system times (only the four are letters,
 * so a deletion time is "...."), else its lists of descriptions. */
static const char *macb_single(const char *desc, int fs_stat)
{
    static const char *const access[] = {
        "Last Access Time", "Account Created", "Last Visited Time",
        "Start Time", "Last Shutdown Time", "Last Login Time",
        "Last Password Reset Time", "Last Connection Time",
        "Last Time Executed", "Last Printed Time", NULL };
    static const char *const modif[] = {
        "Content Modification Time", "Content Deletion Time", NULL };
    static const char *const birth[] = {
        "Creation Time", "Added Time", "File Downloaded Time",
        "First Connection Time", NULL };
    size_t i;

    if (!desc || fs_stat)
        return "....";
    for (i = 0; access[i]; i++)
        if (strcmp(desc, access[i]) == 0)
            return ".A..";
    for (i = 0; modif[i]; i++)
        if (strcmp(desc, modif[i]) == 0)
            return "M...";
    for (i = 0; birth[i]; i++)
        if (strcmp(desc, birth[i]) == 0)
            return "...B";
    if (strcmp(desc, "Metadata Modification Time") == 0)
        return "..C.";
    return "....";
}

/* ---- cells --------------------------------------------------------- */

struct l2t_ctx {
    FILE *out;
    const struct exp_opts *o;
    int64_t rows;
    int rc;                    /* FTL_ENOMEM when a buffer failed */
    struct ftl_buf cell;       /* one cell made safe */
    struct ftl_buf extra;      /* the extra cell being built */
    struct ftl_buf keep;       /* the pending row's strings */
};

/* s[0..n) and then 'tail' with each comma as a space (plaso's
 * _SanitizeField), C0 controls, DEL and invalid UTF-8 as \xNN, into b
 * (emptied first). */
static int sanitise(struct ftl_buf *b, const char *s, size_t n,
                    const char *tail)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i, len;
    int rc = FTL_OK;

    ftl_buf_reset(b);
    for (i = 0; i < n && rc == FTL_OK; i += len) {
        len = p[i] < 0x80 ? 1 : ftl_utf8_len(p + i, n - i);
        if (p[i] == ',')
            rc = ftl_buf_putc(b, ' ');
        else if (len == 0 || p[i] < 0x20 || p[i] == 0x7f)
            rc = ftl_buf_printf(b, "\\x%02X", p[i]);
        else
            rc = ftl_buf_add(b, p + i, len);
        if (len == 0)
            len = 1;
    }
    return rc == FTL_OK ? ftl_buf_puts(b, tail) : rc;
}

/* One cell of evidence text (s[0..n) and then 'tail'): "-" when there
 * is none (plaso's empty value), else made safe and written through
 * ftl_esc_csv(). */
static void cell_tail(struct l2t_ctx *c, const char *s, size_t n,
                      const char *tail, int first)
{
    if (!first)
        putc(',', c->out);
    if (!s || n == 0) {
        putc('-', c->out);
        return;
    }
    if (sanitise(&c->cell, s, n, tail) != FTL_OK) {
        c->rc = FTL_ENOMEM;
        return;
    }
    ftl_esc_csv(c->out, ftl_buf_str(&c->cell), c->cell.len,
                FTL_ESC_CSV_FORMULA);
}

static void cell_n(struct l2t_ctx *c, const char *s, size_t n, int first)
{
    cell_tail(c, s, n, "", first);
}

static void cell(struct l2t_ctx *c, const char *s)
{
    cell_n(c, s, s ? strlen(s) : 0, 0);
}

/* ftl's own text (dates, letters, numbers): nothing to neutralise. */
static void own(struct l2t_ctx *c, const char *s, int first)
{
    if (!first)
        putc(',', c->out);
    fputs(s, c->out);
}

/* The first SHORT_MAX characters of s, or SHORT_MAX - 3 and "..." as
 * plaso's GetMessageShort; an invalid byte counts as one character. */
static void cell_short(struct l2t_ctx *c, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = s ? strlen(s) : 0, i, len, chars = 0, cut = 0;

    for (i = 0; i < n; i += len ? len : 1) {
        len = p[i] < 0x80 ? 1 : ftl_utf8_len(p + i, n - i);
        if (++chars == SHORT_MAX - 3)
            cut = i + (len ? len : 1);
    }
    if (chars <= SHORT_MAX) {
        cell(c, s);
        return;
    }
    cell_tail(c, s, cut, "...", 0);
}

/* ---- one row ------------------------------------------------------- */

/* What a row shows: the first event of its group, its entry and host. */
struct l2t_row {
    struct tl_event_row ev;
    struct tl_file file;
    int has_file;
    const char *host;
    int n;                     /* events in the group, 1..GROUP_MAX */
    int64_t ids[GROUP_MAX];
    const char *descs[GROUP_MAX];
    int fold;                  /* its times are of the four */
};

/* date, time, timezone: whole seconds in the output zone, as plaso's
 * _FormatDate, _FormatTime and _FormatTimeZone. */
static void put_when(struct l2t_ctx *c, int64_t ts)
{
    const struct tl_tz *tz = c->o->tz;
    int64_t sec = tl_time_sec(ts), local, days, y;
    int off = tl_tz_offset_at(tz, sec), m, d, s;
    char zone[64];

    local = sec + off;
    days = local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
    s = (int)(local - days * 86400);
    tl_civil_from_days(days, &y, &m, &d);
    fprintf(c->out, "%02d/%02d/%04" PRId64 ",%02d:%02d:%02d,", m, d, y,
            s / 3600, s / 60 % 60, s % 60);
    tl_tz_abbrev_at(tz, sec, zone, sizeof(zone));
    cell_n(c, zone, strlen(zone), 1);
}

/* The MACB letters of the row and its type: the descriptions joined by
 * "; " (plaso's L2TCSVEventFormattingHelper.GetFormattedMACBGroup). */
static void put_macb_type(struct l2t_ctx *c, const struct l2t_row *r,
                          const char *sourcetype)
{
    char letters[5] = "....";
    int i, k;

    if (r->fold) {
        /* GetMACBRepresentationFromDescriptions */
        for (i = 0; i < r->n; i++)
            if ((k = macb_index(r->descs[i])) >= 0)
                letters[macb[k].pos] = macb[k].letter;
    } else {
        memcpy(letters, macb_single(r->descs[0],
                                    strcmp(r->ev.source, "FILE") == 0), 5);
    }
    own(c, letters, 0);
    cell(c, r->ev.source);
    cell(c, sourcetype);
    ftl_buf_reset(&c->extra);
    for (i = 0; i < r->n; i++)
        if (ftl_buf_printf(&c->extra, "%s%s", i ? "; " : "",
                           r->descs[i] ? r->descs[i] : "") != FTL_OK)
            c->rc = FTL_ENOMEM;
    cell_n(c, ftl_buf_str(&c->extra), c->extra.len, 0);
}

/* plaso's source (long) for the kinds of record it has too; ftl's
 * artifact for the others. */
static const char *sourcetype_of(const struct tl_event_row *ev)
{
    static const struct { const char *artifact, *name; } names[] = {
        { "fs:file", "File stat" },
        { "fs:bodyfile", "File stat" },
        { "fs:ntfs:filename", "NTFS file stat" },
        { "doc:fs", "File stat" },
        { "log:syslog", "Log File" },
    };
    size_t i;

    for (i = 0; ev->artifact && i < sizeof(names) / sizeof(names[0]); i++)
        if (strcmp(ev->artifact, names[i].artifact) == 0)
            return names[i].name;
    return ev->artifact;
}

/* "key: value" appended to the extra cell, "; " between pairs, when the
 * value is there. */
static void extra_pair(struct l2t_ctx *c, const char *key, const char *v)
{
    if (!v || !*v)
        return;
    if (ftl_buf_printf(&c->extra, "%s%s: %s", c->extra.len ? "; " : "",
                       key, v) != FTL_OK)
        c->rc = FTL_ENOMEM;
}

static void extra_int(struct l2t_ctx *c, const char *key, int64_t v)
{
    char num[24];

    snprintf(num, sizeof(num), "%" PRId64, v);
    extra_pair(c, key, num);
}

/* The extra cell: what the other columns do not hold, "key: value"
 * pairs sorted by key and joined by "; " as plaso's
 * _FormatExtraAttributes.  'datetime' keeps the fraction of the second
 * that the date and time columns drop. */
static void put_extra(struct l2t_ctx *c, const struct l2t_row *r)
{
    const struct tl_event_row *ev = &r->ev;
    const struct tl_file *f = r->has_file ? &r->file : NULL;
    char dt[TL_TIME_BUFSZ], ids[GROUP_MAX * 24] = "";
    size_t len = 0;
    int i;

    for (i = 0; i < r->n; i++)
        len += (size_t)snprintf(ids + len, sizeof(ids) - len, "%s%" PRId64,
                                i ? " " : "", r->ids[i]);
    ftl_buf_reset(&c->extra);
    extra_pair(c, "datetime", tl_time_format(ev->ts, ev->prec, dt));
    extra_pair(c, "event_id", ids);
    extra_pair(c, "evidence", ev->evidence);
    extra_int(c, "evidence_id", ev->evidence_id);
    if (f)
        extra_pair(c, "gid", f->gid);
    extra_pair(c, "ioc", ev->indicators);
    if (f)
        extra_pair(c, "link", f->link);
    extra_pair(c, "locator", ev->locator);
    if (f) {
        extra_pair(c, "md5", f->md5);
        extra_pair(c, "mode", f->mode);
        extra_pair(c, "partition", f->partition);
    }
    extra_pair(c, "raw_time", ev->raw_time);
    if (f) {
        extra_pair(c, "sha256", f->sha256);
        extra_int(c, "size", f->size);
        extra_pair(c, "tsk_inode", f->inode);
    }
    extra_pair(c, "tz_assumed", ev->tz);
    if (f)
        extra_pair(c, "uid", f->uid);
    cell_n(c, ftl_buf_str(&c->extra), c->extra.len, 0);
}

static void write_row(struct l2t_ctx *c, const struct l2t_row *r)
{
    const struct tl_event_row *ev = &r->ev;
    int file = r->has_file && strcmp(ev->source, "FILE") == 0;
    char words[128], num[24], *p;

    put_when(c, ev->ts);
    put_macb_type(c, r, sourcetype_of(ev));
    own(c, "-", 0);                        /* user: ftl has none */
    cell(c, r->host);
    /* plaso's short message of a file-system time is its file name */
    cell_short(c, file && r->file.path ? r->file.path : ev->message);
    cell(c, ev->message);
    own(c, "2", 0);                        /* version */
    cell(c, file && r->file.path ? r->file.path : ev->evidence);
    if (file && r->file.addr >= 0) {
        snprintf(num, sizeof(num), "%" PRId64, r->file.addr);
        own(c, num, 0);
    } else {
        own(c, "-", 0);
    }
    /* notes: plaso's tag labels, joined by spaces */
    exp_flags_words(ev->flags, words, sizeof(words));
    for (p = words; (p = strchr(p, ';')) != NULL; p++)
        *p = ' ';
    cell(c, words);
    cell(c, ev->artifact);                 /* format: what read it */
    put_extra(c, r);
    putc('\n', c->out);
    c->rows++;
}

/* ---- folding ------------------------------------------------------- */

/*
 * plaso folds events into one row (_FlushExportBuffer in
 * plaso/multi_process/output_engine.py) when they have the same
 * timestamp, the same event values (one file entry: here the same
 * evidence, locator and artifact) and each a time of the four
 * (Content Modification, Last Access, Metadata Modification, Creation);
 * any other event is a row of its own.  tl_event_entries_each() brings
 * such events one after the other, so one pending row is all the memory
 * this takes.  plaso compares its microseconds; ftl compares the
 * nanoseconds it stores, so that the datetime in extra is that of every
 * letter of the row.
 */
struct l2t_walk {
    struct l2t_ctx c;
    struct l2t_row pend;
    int has_pend;
};

/* The strings of the pending row are copied into c->keep, one after the
 * other with their NULs; offsets first, pointers once all are in (the
 * buffer may move while it grows).  (size_t)-1 stands for NULL. */
#define KEEP_N 18
static int keep_all(struct l2t_walk *w, const char **s[KEEP_N], int n)
{
    size_t off[KEEP_N];
    int i;

    ftl_buf_reset(&w->c.keep);
    for (i = 0; i < n; i++) {
        off[i] = (size_t)-1;
        if (!*s[i])
            continue;
        off[i] = w->c.keep.len;
        if (ftl_buf_add(&w->c.keep, *s[i], strlen(*s[i]) + 1) != FTL_OK)
            return FTL_ENOMEM;
    }
    for (i = 0; i < n; i++)
        *s[i] = off[i] == (size_t)-1 ? NULL : w->c.keep.p + off[i];
    return FTL_OK;
}

static int keep_row(struct l2t_walk *w)
{
    struct tl_event_row *e = &w->pend.ev;
    struct tl_file *f = &w->pend.file;
    const char **s[KEEP_N] = {
        &e->message, &e->source, &e->artifact, &e->evidence, &e->locator,
        &e->raw_time, &e->tz, &e->indicators, &w->pend.host,
        &f->partition, &f->inode, &f->path, &f->link, &f->mode, &f->uid,
        &f->gid, &f->md5, &f->sha256 };

    /* ts_desc is kept as one of the constant names of descs[] */
    e->ts_desc = NULL;
    return keep_all(w, s, w->pend.has_file ? KEEP_N : 9);
}

static int str_eq(const char *a, const char *b)
{
    return a && b ? strcmp(a, b) == 0 : a == b;
}

/* 1 when ev is one more time of the pending row's entry. */
static int folds_into(const struct l2t_walk *w, const struct tl_event_row *ev)
{
    const struct l2t_row *p = &w->pend;

    return w->has_pend && p->fold && p->n < GROUP_MAX &&
           macb_index(ev->ts_desc) >= 0 && ev->ts == p->ev.ts &&
           ev->evidence_id == p->ev.evidence_id &&
           str_eq(ev->locator, p->ev.locator) &&
           str_eq(ev->artifact, p->ev.artifact) &&
           str_eq(ev->source, p->ev.source);
}

/* The times of a group in the order plaso's PsortEventHeap pops them:
 * by description (plaso/multi_process/output_engine.py), which gives
 * the order of the type column and of the event ids in extra. */
static void sort_group(struct l2t_row *r)
{
    const char *d;
    int64_t id;
    int i, j;

    for (i = 1; i < r->n; i++)
        for (j = i; j > 0 && strcmp(r->descs[j - 1], r->descs[j]) > 0;
             j--) {
            d = r->descs[j];
            r->descs[j] = r->descs[j - 1];
            r->descs[j - 1] = d;
            id = r->ids[j];
            r->ids[j] = r->ids[j - 1];
            r->ids[j - 1] = id;
        }
}

static void flush(struct l2t_walk *w)
{
    if (w->has_pend) {
        sort_group(&w->pend);
        write_row(&w->c, &w->pend);
    }
    w->has_pend = 0;
}

/* A row of one event, its strings borrowed for the call. */
static void write_single(struct l2t_ctx *c, const struct tl_event_row *ev,
                         const struct tl_file *f, const char *host)
{
    struct l2t_row r;

    memset(&r, 0, sizeof(r));
    r.ev = *ev;
    r.has_file = f != NULL;
    if (f)
        r.file = *f;
    r.host = host;
    r.n = 1;
    r.ids[0] = ev->id;
    r.descs[0] = ev->ts_desc;
    write_row(c, &r);
}

static int l2t_event(const struct tl_event_row *ev, const struct tl_file *f,
                     const char *host, void *arg)
{
    struct l2t_walk *w = arg;
    struct l2t_row *p = &w->pend;
    int k = macb_index(ev->ts_desc);

    if (folds_into(w, ev)) {
        p->ids[p->n] = ev->id;
        p->descs[p->n++] = macb[k].desc;
        return 0;
    }
    flush(w);
    if (k < 0) {
        /* nothing folds with it: written at once */
        write_single(&w->c, ev, f, host);
        return w->c.rc != FTL_OK || ferror(w->c.out) ? 1 : 0;
    }
    memset(p, 0, sizeof(*p));
    p->ev = *ev;
    p->has_file = f != NULL;
    if (f)
        p->file = *f;
    p->host = host;
    p->n = 1;
    p->ids[0] = ev->id;
    p->descs[0] = macb[k].desc;
    p->fold = 1;
    if (keep_row(w) != FTL_OK) {
        w->c.rc = FTL_ENOMEM;
        return 1;
    }
    w->has_pend = 1;
    return ferror(w->c.out) ? 1 : 0;
}

int exp_l2tcsv(struct tl_store *st, FILE *out, const struct exp_opts *o,
               int64_t *rows, struct ftl_err *err)
{
    struct l2t_walk w;
    struct tl_event_query q;
    int rc;

    memset(&w, 0, sizeof(w));
    w.c.out = out;
    w.c.o = o;
    fputs(L2T_HEADER, out);
    exp_event_query(o, &q);
    rc = tl_event_entries_each(st, &q, l2t_event, &w, err);
    if (rc >= 0 && w.c.rc == FTL_OK)
        flush(&w);
    ftl_buf_release(&w.c.cell);
    ftl_buf_release(&w.c.extra);
    ftl_buf_release(&w.c.keep);
    if (rows)
        *rows = w.c.rows;
    if (w.c.rc != FTL_OK)
        return ftl_err_set(err, w.c.rc, "out of memory");
    /* a write error stopped the walk: the caller sees it in ferror() */
    return rc > 0 ? FTL_OK : rc;
}
