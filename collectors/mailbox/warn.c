/*
 * collectors/mailbox/warn.c - warnings on a mail store, with their offset
 *
 * Damage is reported with the byte offset where it was found (the
 * locator "offset N"); GMime's parser tells what it found wrong through
 * a callback, turned here into the same warnings.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collectors/mailbox/mailbox_int.h"

void mbx_warn_at(struct mbx_item *it, int64_t off, const char *fmt, ...)
{
    char loc[64], msg[900];
    va_list ap;

    va_start(ap, fmt);
    if (vsnprintf(msg, sizeof(msg), fmt, ap) >= (int)sizeof(msg))
        mbx_utf8_cut(msg, sizeof(msg) - 1);
    va_end(ap);
    if (off >= 0)
        snprintf(loc, sizeof(loc), "offset %lld", (long long)off);
    col_warn(it->ctx, it->evid, it->name, off >= 0 ? loc : NULL, "%s", msg);
}

/* Where a parser warning is: "message at offset N", and for the decoded
 * content of a transfer-encoded message (it->nested) which attached
 * message and where in it.  Returns the offset to place it at. */
static int64_t warning_place(struct mbx_item *it, int64_t offset,
                             char *where, size_t n)
{
    if (it->nested) {
        snprintf(where, n, "message at offset %lld, attached message %s",
                 (long long)it->msg_off, it->nested);
        if (offset >= 0)
            snprintf(where + strlen(where), n - strlen(where), " (offset "
                     "%lld of its decoded content)", (long long)offset);
        return it->msg_off;
    }
    snprintf(where, n, "message at offset %lld", (long long)it->msg_off);
    return offset >= 0 ? offset : mbx_stream_pulled(it->in, NULL);
}

/* Warn about one parser warning.  Returns 1 when it is damage to the
 * item (partial), 0 when not, -1 when it is not worth a warning. */
static int warn_parser(struct mbx_item *it, int64_t offset,
                       GMimeParserWarning code, const char *what,
                       const char *where)
{
    switch (code) {
    case GMIME_WARN_MALFORMED_MULTIPART:
        mbx_warn_at(it, offset, "%s: multipart/%s ends without its closing "
                    "boundary (missing boundary?)", where, what);
        return 1;
    case GMIME_WARN_TRUNCATED_MESSAGE:
        mbx_warn_at(it, offset, "%s: the input ends before the message is "
                    "complete (truncated?)", where);
        return 1;
    case GMIME_WARN_MALFORMED_MESSAGE:
        mbx_warn_at(it, offset, "%s: malformed message", where);
        return 1;
    case GMIME_CRIT_CONFLICTING_HEADER:
        mbx_warn_at(it, offset, "%s: header '%s' appears twice with "
                    "different values; the first is recorded", where, what);
        return 0;
    case GMIME_CRIT_CONFLICTING_PARAMETER:
        mbx_warn_at(it, offset, "%s: parameter '%s' appears twice with "
                    "different values", where, what);
        return 0;
    case GMIME_CRIT_MULTIPART_WITHOUT_BOUNDARY:
        mbx_warn_at(it, offset, "%s: multipart/%s without a boundary: its "
                    "parts cannot be told apart", where, what);
        return 1;
    case GMIME_CRIT_NESTING_OVERFLOW:
        mbx_warn_at(it, offset, "%s: MIME parts nested too deep; the "
                    "deepest are not parsed", where);
        return 1;
    case GMIME_CRIT_PART_WITHOUT_HEADERS_OR_CONTENT:
        mbx_warn_at(it, offset, "%s: a MIME part without headers or "
                    "content", where);
        return 1;
    default:
        /* Duplicated headers, raw 8-bit text, bad encoded words: common
         * in honest mail and handled by GMime; not worth a warning. */
        return -1;
    }
}

/* ------------------------------------------------------------------ */
/* Parser warnings, kept until the message is walked                   */
/* ------------------------------------------------------------------ */

/*
 * What GMime says while it parses a part whose headers run into its
 * content (every content line an "invalid header line", a header of
 * the content taken for a second one of the part, the input ending
 * "inside the headers") is not true of the part as readers read it.
 * Such a part is read again during the walk (headers.c), which marks
 * the bytes it read as content; the warnings are given after the walk,
 * but those about bytes read again.
 */

#define BAD_MAX FTL_LIMIT_MAIL_WARNINGS

struct kept {
    GMimeParserWarning code;
    int64_t first, last, end;  /* offsets of its first byte, of its last
                                  line, after that line */
    int64_t count;             /* lines, for invalid header lines */
    int covered;               /* read as content (mbx_bad_cover) */
    int unplaced;              /* GMime gave no offset: 'first' is where
                                  the parser had read to */
    char text[128];            /* what GMime named, printable */
};

struct mbx_badlines {
    GMimeStream *src;          /* what the offsets are of (borrowed) */
    struct kept k[BAD_MAX];
    int n;
    struct kept more;          /* invalid header lines after BAD_MAX
                                  warnings, one run from first to last */
};

struct mbx_badlines *mbx_bad_new(GMimeStream *src)
{
    struct mbx_badlines *b = calloc(1, sizeof(*b));

    if (b)
        b->src = src;
    return b;
}

void mbx_bad_free(struct mbx_badlines *b)
{
    free(b);
}

/* Keep a warning; 0 when there is no room for it.  GMime gives an
 * invalid line with its line break when it was read as part of the
 * headers, without when it came before any (and then gives it twice): a
 * line that begins at most two bytes after the last one ended continues
 * its run. */
static int bad_keep(struct mbx_badlines *b, GMimeParserWarning code,
                    int64_t off, const char *item)
{
    int lines = code == GMIME_CRIT_INVALID_HEADER_NAME;
    struct kept *r = b->more.count ? &b->more
                     : b->n ? &b->k[b->n - 1] : NULL;
    int64_t end = off + (int64_t)(item ? strlen(item) : 0);

    if (lines && r && r->code == code && off >= r->last &&
        off <= r->end + 2) {
        r->count += off > r->last;
        r->last = off;
        if (end > r->end)
            r->end = end;
        return 1;
    }
    if (b->n == BAD_MAX && !lines)
        return 0;
    r = b->n == BAD_MAX ? &b->more : &b->k[b->n++];
    if (!r->count) {
        r->code = code;
        r->first = off;
        mbx_printable(r->text, sizeof(r->text), item);
    }
    r->count++;
    r->last = off;
    if (end > r->end)
        r->end = end;
    return 1;
}

/* 'to' is where the content read again ends: GMime places the input
 * ending there, and the line break before a boundary is not content. */
static void cover(struct kept *r, int64_t from, int64_t to)
{
    if (r->count && r->first >= from && (to < 0 || r->first <= to))
        r->covered = 1;
}

void mbx_bad_cover(struct mbx_item *it, GMimeStream *src, int64_t from,
                   int64_t to)
{
    struct mbx_badlines *b = it->bad;
    int i;

    if (!b || b->src != src)
        return;
    for (i = 0; i < b->n; i++)
        cover(&b->k[i], from, to);
    cover(&b->more, from, to);
}

static void gmime_warn(struct mbx_item *it, int64_t offset,
                       GMimeParserWarning code, const char *what)
{
    char where[200];

    offset = warning_place(it, offset, where, sizeof(where));
    if (warn_parser(it, offset, code, what, where) > 0)
        it->damaged = 1;
}

static void bad_warn(struct mbx_item *it, const struct kept *r, int more)
{
    char where[200], tail[96] = "";
    int64_t at;

    if (!r->count || r->covered)
        return;
    if (r->code != GMIME_CRIT_INVALID_HEADER_NAME) {
        gmime_warn(it, r->unplaced ? -1 : r->first, r->code, r->text);
        return;
    }
    at = warning_place(it, r->first, where, sizeof(where));
    if (more)
        mbx_warn_at(it, at, "%s: %lld more invalid header lines (offsets "
                    "%lld to %lld) dropped", where, (long long)r->count,
                    (long long)r->first, (long long)r->end);
    else {
        if (r->count == 2)
            snprintf(tail, sizeof(tail), " (and the line after it)");
        else if (r->count > 2)
            snprintf(tail, sizeof(tail), " (and the %lld lines after it)",
                     (long long)(r->count - 1));
        mbx_warn_at(it, at, "%s: invalid header line '%s'%s dropped",
                    where, r->text, tail);
    }
    it->damaged = 1;
}

void mbx_bad_flush(struct mbx_item *it)
{
    struct mbx_badlines *b = it->bad;
    int i;

    if (!b)
        return;
    for (i = 0; i < b->n; i++)
        bad_warn(it, &b->k[i], 0);
    bad_warn(it, &b->more, 1);
    memset(b->k, 0, sizeof(b->k));
    memset(&b->more, 0, sizeof(b->more));
    b->n = 0;
}

void mbx_gmime_warn_now(struct mbx_item *it, int64_t offset,
                        GMimeParserWarning code, const char *item)
{
    char what[128];

    if (code == GMIME_CRIT_INVALID_HEADER_NAME && (!item ||
        !strncmp(item, "From ", 5) || !strncmp(item, ">From ", 6)))
        return;
    mbx_printable(what, sizeof(what), item);
    if (code == GMIME_CRIT_INVALID_HEADER_NAME) {
        char where[200];

        offset = warning_place(it, offset, where, sizeof(where));
        mbx_warn_at(it, offset, "%s: invalid header line '%s' dropped",
                    where, what);
        it->damaged = 1;
        return;
    }
    gmime_warn(it, offset, code, what);
}

/* The offset is of the evidence, or of the decoded content of a
 * transfer-encoded message, whose warnings are placed at its message. */
void mbx_on_gmime_warning(gint64 offset, GMimeParserWarning code,
                          const gchar *item, gpointer ud)
{
    struct mbx_item *it = ud;

    /* An mbox "From " line (or its ">From " escape) at the top of an
     * attached message is common and harmless. */
    if (code == GMIME_CRIT_INVALID_HEADER_NAME && (!item ||
        !strncmp(item, "From ", 5) || !strncmp(item, ">From ", 6)))
        return;
    if (it->bad && offset < 0 && code != GMIME_CRIT_INVALID_HEADER_NAME &&
        bad_keep(it->bad, code, mbx_stream_pulled(it->bad->src, NULL),
                 item)) {
        it->bad->k[it->bad->n - 1].unplaced = 1;
        return;
    }
    if (it->bad && offset >= 0 && bad_keep(it->bad, code, offset, item))
        return;
    mbx_gmime_warn_now(it, offset, code, item);
}
