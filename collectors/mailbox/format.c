/*
 * collectors/mailbox/format.c - what kind of store a file is, and its splitter
 *
 * A file is an mbox (it starts with a "From " line), an MMDF store
 * (^A^A^A^A), or one message (a header line): a lone .eml, or a maildir
 * message file when it sits in a cur/, new/ or tmp/ directory, whose
 * name may carry the delivery time.  GMime's parser splits mbox and MMDF
 * stores; what it cannot split (an unescaped "From " line in a body
 * followed by a line that is no header) is found here, reported, and
 * the parser restarted at the next separator line.
 *
 * SPDX-License-Identifier: MIT
 */
#define _GNU_SOURCE            /* memmem */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collectors/mailbox/mailbox_int.h"

int mbx_detect(const char *h, size_t n)
{
    size_t i;

    if (n >= 5 && !memcmp(h, "From ", 5))
        return MBX_MBOX;
    if (n >= 5 && !memcmp(h, "\1\1\1\1", 4) && (h[4] == '\n' ||
                                               h[4] == '\r'))
        return MBX_MMDF;
    /* A header line: field name (printable, no ':' or space), ':'. */
    for (i = 0; i < n && h[i] > ' ' && h[i] < 0x7f && h[i] != ':'; i++)
        ;
    if (i > 0 && i < n && h[i] == ':')
        return MBX_EML;
    return MBX_AUTO;           /* not mail */
}

const char *mbx_format_name(int f)
{
    return f == MBX_MBOX ? "mbox" : f == MBX_MMDF ? "mmdf" : "eml";
}

/* The maildir delivery time: the leading seconds of a file name of the
 * maildir form "1700000000.M20P30.host:2,S" (cr.yp.to/proto/maildir.html;
 * at least 10^8, 1973, and two dots before any ':'), else 0: "1.eml" or
 * "2023.txt" in new/ is no delivery time. */
static int64_t maildir_time(const char *name)
{
    const char *dot, *colon;
    char *end;
    long long t;
    int64_t ns;

    if (!isdigit((unsigned char)*name))
        return 0;
    errno = 0;
    t = strtoll(name, &end, 10);
    if (errno || *end != '.' || t < 100000000LL)
        return 0;
    dot = strchr(end + 1, '.');
    colon = strchr(end + 1, ':');
    if (!dot || (colon && colon < dot) || tl_time_from_sec(t, 0, &ns))
        return 0;
    return ns;
}

void mbx_site_of(struct mbx_site *w, const char *path)
{
    const char *base = strrchr(path, '/'), *dir;
    size_t dl;

    memset(w, 0, sizeof(*w));
    base = base ? base + 1 : path;
    snprintf(w->base_loc, sizeof(w->base_loc), "%s", base);
    if (base - path < 5)
        return;
    for (dir = base - 2; dir > path && dir[-1] != '/'; dir--)
        ;
    dl = (size_t)(base - 1 - dir);
    if (dl == 3 && (!strncmp(dir, "cur", 3) || !strncmp(dir, "new", 3) ||
                    !strncmp(dir, "tmp", 3))) {
        w->maildir = 1;
        snprintf(w->base_loc, sizeof(w->base_loc), "%.3s/%s", dir, base);
        w->delivered = maildir_time(base);
    }
}

void mbx_place(struct mbx_item *it, const char *path)
{
    struct mbx_site w;

    mbx_site_of(&w, path);
    snprintf(it->base_loc, sizeof(it->base_loc), "%s", w.base_loc);
    it->maildir = w.maildir;
    it->delivered = w.delivered;
}

void mbx_parser_start(struct mbx_item *it, int64_t off)
{
    g_mime_stream_seek(it->in, off, GMIME_STREAM_SEEK_SET);
    if (!it->parser)
        it->parser = g_mime_parser_new();
    g_mime_parser_init_with_stream(it->parser, it->in);
    g_mime_parser_set_format(it->parser, it->format == MBX_MBOX
                             ? GMIME_FORMAT_MBOX : it->format == MBX_MMDF
                             ? GMIME_FORMAT_MMDF : GMIME_FORMAT_MESSAGE);
    g_mime_parser_set_respect_content_length(it->parser,
                                             !it->o->ignore_cl);
}

/* Up to n bytes of the stream from 'off' (fewer at its end or on a read
 * error): their count. */
static size_t bytes_at(GMimeStream *in, int64_t off, char *buf, size_t n)
{
    GMimeStream *s = g_mime_stream_substream(in, off, off + (int64_t)n);
    size_t got = 0;
    ssize_t k;

    while (got < n && (k = g_mime_stream_read(s, buf + got, n - got)) > 0)
        got += (size_t)k;
    g_object_unref(s);
    return got;
}

int mbx_region_blank(GMimeStream *in, int64_t from, int64_t to)
{
    char buf[4096];
    size_t n, i;

    if (to <= from)
        return 1;
    n = bytes_at(in, from, buf, to - from < (int64_t)sizeof(buf)
                                ? (size_t)(to - from) : sizeof(buf));
    for (i = 0; i < n; i++)
        if (!isspace((unsigned char)buf[i]))
            return 0;
    return 1;
}

int64_t mbx_mmdf_sep(GMimeStream *in, int64_t off)
{
    char b[6];
    size_t n = bytes_at(in, off, b, sizeof(b));

    if (n < 4 || memcmp(b, "\1\1\1\1", 4))
        return 0;
    if (n == 4)
        return 4;              /* at the very end, without a newline */
    if (b[4] == '\n')
        return 5;
    return n == 6 && b[4] == '\r' && b[5] == '\n' ? 6 : 0;
}

/* GMime does not give the offset of the separator line. */
int64_t mbx_mmdf_start(GMimeStream *in, int64_t hdr)
{
    int64_t k;

    for (k = 5; k <= 6 && k <= hdr; k++)
        if (mbx_mmdf_sep(in, hdr - k) == k)
            return hdr - k;
    return hdr;
}

/* Offset of the next separator line that starts after 'from' ("From "
 * for mbox, ^A^A^A^A for MMDF), or -1 when the stream ends first. */
static int64_t next_marker(const struct mbx_item *it, int64_t from)
{
    const char *pat = it->format == MBX_MBOX ? "\nFrom " : "\n\1\1\1\1";
    size_t pl = strlen(pat), keep = 0, len;
    GMimeStream *s = g_mime_stream_substream(it->in, from, -1);
    char buf[4096 + 8], *hit;
    int64_t base = from, found = -1;
    ssize_t n;

    while ((n = g_mime_stream_read(s, buf + keep, 4096)) > 0) {
        len = keep + (size_t)n;
        if ((hit = memmem(buf, len, pat, pl))) {
            found = base + (hit - buf) + 1;
            break;
        }
        /* a separator may straddle two reads */
        keep = len < pl - 1 ? len : pl - 1;
        memmove(buf, buf + len - keep, keep);
        base += (int64_t)(len - keep);
    }
    g_object_unref(s);
    return found;
}

/* When GMime cannot build a message its parser returns nothing from
 * then on: what is left is reported after the loop when no separator
 * follows. */
int mbx_skip_unparsed(struct mbx_item *it, int64_t *from)
{
    int64_t next = next_marker(it, *from), first_nul, k;

    if (next < 0)
        return 1;
    /* MMDF: the separator found may close the damaged message; the next
     * one opens the following message */
    if (it->format == MBX_MMDF && (k = mbx_mmdf_sep(it->in, next)) &&
        mbx_mmdf_sep(it->in, next + k))
        next += k;
    mbx_warn_at(it, *from, "bytes %lld to %lld could not be read as a "
                "message (damaged, or a separator line inside a message); "
                "skipped", (long long)*from, (long long)next);
    it->damaged = 1;
    mbx_stream_nuls(it->in, *from, next, &first_nul); /* not a message's */
    *from = next;
    mbx_parser_start(it, next);
    mbx_stream_forget(it->in, next);
    return 0;
}
