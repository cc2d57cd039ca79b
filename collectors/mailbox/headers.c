/*
 * collectors/mailbox/headers.c - parts whose headers run into their content
 *
 * A part's header block is read again from its bytes, line by line, with
 * the rule readers use (Python's email.feedparser, headerRE): a header
 * line has a field name of printable ASCII other than ':' followed by
 * ':', or begins with a space or tab (a continuation), or is an mbox
 * "From " line (or its ">From " escape, which GMime skips at the top of
 * an attached message, as tests/fixtures/mime_expect.py does); the
 * headers end at the first blank line, or at the first
 * line that is none of these, which then begins the content.  When that
 * line is not a blank line nor a boundary, GMime has read the content as
 * headers: the part is parsed again from a stream made of its header
 * lines, a blank line, and its content up to the boundary that ends it
 * (or the end of its message), and walked in place of GMime's reading.
 * Only parts with at least one header are checked: where the part begins
 * GMime does not say otherwise.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <string.h>

#include "collectors/mailbox/mailbox_int.h"

#define LINE_KEEP 1024         /* bytes of a line looked at */

/* Lines of a stream from an offset on. */
struct lines {
    GMimeStream *s;            /* substream from 'base' on (a reference) */
    char buf[8192];
    size_t len, pos;
    int64_t base;              /* offset of buf[0] in the source */
    int err;
    /* the line last read */
    int64_t off;               /* its offset */
    char text[LINE_KEEP];      /* its first bytes, without its line end */
    size_t n;                  /* their count */
    size_t eol;                /* length of its line end: 0 (the end of
                                  the stream), 1 or 2 */
};

static int lines_open(struct lines *l, GMimeStream *src, int64_t from)
{
    memset(l, 0, sizeof(*l));
    l->s = g_mime_stream_substream(src, from, -1);
    l->base = from;
    return l->s ? 0 : -1;
}

static void lines_close(struct lines *l)
{
    if (l->s)
        g_object_unref(l->s);
}

/* Read the next line; 1, 0 at the end, -1 on a read error. */
static int lines_next(struct lines *l)
{
    ssize_t got;
    int any = 0;
    char c;

    l->off = l->base + (int64_t)l->pos;
    l->n = l->eol = 0;
    for (;;) {
        if (l->pos == l->len) {
            l->base += (int64_t)l->len;
            l->pos = l->len = 0;
            got = g_mime_stream_read(l->s, l->buf, sizeof(l->buf));
            if (got < 0)
                return l->err = -1;
            if (got == 0)
                return any;
            l->len = (size_t)got;
        }
        c = l->buf[l->pos++];
        any = 1;
        if (c == '\n') {
            l->eol = 1;
            if (l->n && l->text[l->n - 1] == '\r') {
                l->n--;
                l->eol = 2;
            }
            return 1;
        }
        if (l->n < sizeof(l->text))
            l->text[l->n++] = c;
    }
}

/* A header line, by the readers' rule (see the top of this file). */
static int is_header(const char *t, size_t n)
{
    size_t i;

    if (n && (t[0] == ' ' || t[0] == '\t'))
        return 1;
    if ((n >= 5 && !memcmp(t, "From ", 5)) ||
        (n >= 6 && !memcmp(t, ">From ", 6)))
        return 1;
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)t[i];

        if (c == ':')
            return 1;
        if (c < 33 || c > 126)
            return 0;
    }
    return 0;
}

/* "--BOUNDARY", maybe "--" after it, then only blanks: for one of 'bs'. */
static int is_boundary(const char *t, size_t n, const struct mbx_bound *bs)
{
    size_t k, i;

    if (n < 2 || t[0] != '-' || t[1] != '-')
        return 0;
    for (; bs; bs = bs->up) {
        k = bs->boundary ? strlen(bs->boundary) : 0;
        if (!k || n < k + 2 || memcmp(t + 2, bs->boundary, k))
            continue;
        i = k + 2;
        if (n >= i + 2 && t[i] == '-' && t[i + 1] == '-')
            i += 2;
        while (i < n && (t[i] == ' ' || t[i] == '\t'))
            i++;
        if (i == n)
            return 1;
    }
    return 0;
}

/* Where the headers from 'hstart' end.  1 with *body (the offset of the
 * first line that is not a header) and 'first' (that line, printable)
 * when they run into the content, 0 when they end as they should, -1 on
 * a read error. */
static int run_on(const struct mbx_where *w, int64_t hstart, int64_t *body,
                  char *first, size_t fn)
{
    struct lines l;
    int rc;

    if (lines_open(&l, w->src, hstart))
        return -1;
    while ((rc = lines_next(&l)) > 0 && (w->end < 0 || l.off < w->end)) {
        if (!l.n) {
            rc = 0;            /* the blank line */
            break;
        }
        if (is_header(l.text, l.n))
            continue;
        rc = !is_boundary(l.text, l.n, w->bounds);
        *body = l.off;
        l.text[l.n < sizeof(l.text) ? l.n : sizeof(l.text) - 1] = '\0';
        mbx_printable(first, fn, l.text);
        break;
    }
    if (rc > 0 && w->end >= 0 && l.off >= w->end)
        rc = 0;
    lines_close(&l);
    return rc;
}

/* Where the content from 'body' ends: before the line end of the first
 * boundary line of w->bounds, or at the end of the message (before the
 * line end of an mbox "From " line there), or of the stream (-1). */
static int64_t content_end(const struct mbx_where *w, int64_t body)
{
    struct lines l;
    size_t eol = 0;
    int64_t end = -1;
    int rc;

    if (lines_open(&l, w->src, body))
        return -1;
    while ((rc = lines_next(&l)) >= 0) {
        if (!rc) {
            end = l.off;       /* the end of the stream */
            break;
        }
        if (w->end >= 0 && l.off >= w->end) {
            end = w->end;
            if (l.n >= 5 && !memcmp(l.text, "From ", 5))
                end -= (int64_t)eol;
            break;
        }
        if (is_boundary(l.text, l.n, w->bounds)) {
            end = l.off - (int64_t)eol;
            break;
        }
        eol = l.eol;
    }
    lines_close(&l);
    if (end >= 0 && end < body)
        end = body;
    return rc < 0 ? -2 : end;
}

/* GMime's warnings while the part is parsed again: placed at the line
 * where its content begins, given at once (its bytes are the ones marked
 * as read again).  Invalid header lines cannot be among them (its
 * headers end before the first), except in its own parts, whose headers
 * are checked in turn. */
struct again {
    GMimeStream *piece[2];     /* headers [hstart, body), content [body,
                                  end) of the source (references) */
    int at;                    /* 0, 1: the blank line, 2, 3: done */
    struct mbx_item *it;
    int64_t body;
};

static void again_warning(gint64 offset, GMimeParserWarning code,
                          const gchar *item, gpointer ud)
{
    struct again *a = ud;

    (void)offset;
    if (code != GMIME_CRIT_INVALID_HEADER_NAME)
        mbx_gmime_warn_now(a->it, a->body, code, item);
}

/* The bytes of the part as it should have been written, for an
 * mbx_stream (which spools them: the parser and the readers re-read). */
static ssize_t again_pull(void *ud, void *buf, size_t n,
                          struct ftl_err *err)
{
    struct again *a = ud;
    GMimeStream *s;
    ssize_t got;

    while (a->at < 3) {
        if (a->at == 1) {
            a->at = 2;
            *(char *)buf = '\n';
            return 1;
        }
        s = a->piece[a->at / 2];
        got = g_mime_stream_read(s, buf, n);
        if (got > 0)
            return got;
        if (got < 0 && !g_mime_stream_eos(s))
            return ftl_err_set(err, FTL_EIO, "part read again: the "
                               "message could not be re-read"), -1;
        a->at++;
    }
    return 0;
}

static void again_free(struct again *a)
{
    if (!a)
        return;
    if (a->piece[0])
        g_object_unref(a->piece[0]);
    if (a->piece[1])
        g_object_unref(a->piece[1]);
    g_free(a);
}

/* Parse again: headers [hstart, body), a blank line, content [body,
 * end).  On success rr->obj, rr->src and rr->pull_ud are set. */
static int parse_again(struct mbx_item *it, GMimeStream *src,
                       int64_t hstart, int64_t body, int64_t end,
                       struct mbx_reread *rr)
{
    const char *charsets[] = { "utf-8", "windows-1252", "iso-8859-1",
                               NULL };
    struct ftl_err e = { 0 };
    struct again *a = g_new0(struct again, 1);
    GMimeParserOptions *po;
    GMimeParser *p;

    a->it = it;
    a->body = body;
    a->piece[0] = g_mime_stream_substream(src, hstart, body);
    a->piece[1] = g_mime_stream_substream(src, body, end);
    if (!(rr->src = mbx_stream_new(again_pull, a, -1, &e))) {
        again_free(a);
        return e.code;
    }
    rr->pull_ud = a;
    po = g_mime_parser_options_new();
    g_mime_parser_options_set_fallback_charsets(po, charsets);
    g_mime_parser_options_set_warning_callback(po, again_warning, a);
    p = g_mime_parser_new_with_stream(rr->src);
    rr->obj = g_mime_parser_construct_part(p, po);
    g_object_unref(p);
    g_mime_parser_options_free(po);
    if (mbx_stream_error(rr->src, &e) || !rr->obj) {
        mbx_reread_release(rr);
        return e.code ? e.code : FTL_EPARSE;
    }
    return FTL_OK;
}

/* The file name of a part read again, for the warning. */
static const char *again_name(GMimeObject *o)
{
    const char *n;

    n = g_mime_object_get_content_disposition_parameter(o, "filename");
    if (!n)
        n = g_mime_object_get_content_type_parameter(o, "name");
    return n ? n : "";
}

/* Say how the part was read, on its row and as a warning. */
static void say(struct mbx_msg *m, const char *path, struct mbx_reread *rr,
                int lead, const char *gmime_name, const char *first)
{
    struct mbx_item *it = m->it;
    char name[200], where[300];
    int64_t at = it->nested ? it->msg_off : rr->body;

    snprintf(where, sizeof(where), "message at offset %lld, part %s",
             (long long)it->msg_off, path);
    if (lead) {
        mbx_printable(name, sizeof(name), gmime_name);
        snprintf(rr->note, sizeof(rr->note), "its first line is not a "
                 "header: a part without headers, as mail clients read it");
        mbx_warn_at(it, at, "%s: its first line (offset %lld%s, '%s') is "
                    "not a header: read as a part without headers, as mail "
                    "clients do; the header lines after it are content%s%s%s",
                    where, (long long)rr->body, it->nested ? " of its "
                    "decoded content" : "", first, *name ? " (they name "
                    "the file '" : "", name, *name ? "')" : "");
        return;
    }
    mbx_printable(name, sizeof(name), again_name(rr->obj));
    snprintf(rr->note, sizeof(rr->note), "no blank line after its "
             "headers: they end at offset %lld, where the first line that "
             "is not a header begins; the content is read from there, as "
             "mail clients do", (long long)rr->body);
    mbx_warn_at(it, at, "%s ('%s'): no blank line after its headers; they "
                "end at offset %lld%s, at the first line that is not a "
                "header ('%s'), and the content is read from there, as mail "
                "clients do", where, name, (long long)rr->body,
                it->nested ? " of its decoded content" : "", first);
}

int mbx_part_reread(struct mbx_msg *m, GMimeObject *o, const char *path,
                    const struct mbx_where *w, int64_t hstart,
                    struct mbx_reread *out)
{
    struct mbx_item *it = m->it;
    char first[128];
    int64_t body = -1, end;
    int rc, lead;

    memset(out, 0, sizeof(*out));
    if (hstart < 0 || w->again)
        return 0;
    if ((rc = run_on(w, hstart, &body, first, sizeof(first))) <= 0)
        return rc;
    /* Its first line is no header (GMime skipped it and gave the header
     * after it that line's offset): its content begins there, and it has
     * no headers at all. */
    lead = body == hstart;
    if ((end = content_end(w, body)) < -1)
        return -1;
    if (parse_again(it, w->src, hstart, body, end, out))
        return 0;              /* GMime's reading stays */
    out->body = body;
    mbx_bad_cover(it, w->src, body, end);
    say(m, path, out, lead, again_name(o), first);
    return 1;
}

void mbx_reread_release(struct mbx_reread *rr)
{
    if (rr->obj)
        g_object_unref(rr->obj);
    if (rr->src)
        g_object_unref(rr->src);
    again_free(rr->pull_ud);   /* after the stream that pulls from it */
    memset(rr, 0, sizeof(*rr));
}
