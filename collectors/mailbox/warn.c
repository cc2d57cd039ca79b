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
    case GMIME_CRIT_INVALID_HEADER_NAME:
        /* An mbox "From " line (or its ">From " escape) at the top of an
         * attached message is common and harmless. */
        if (!strncmp(what, "From ", 5) || !strncmp(what, ">From ", 6))
            return -1;
        mbx_warn_at(it, offset, "%s: invalid header line '%s'", where,
                    what);
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

/* The offset is of the evidence, or of the decoded content of a
 * transfer-encoded message, whose warnings are placed at its message. */
void mbx_on_gmime_warning(gint64 offset, GMimeParserWarning code,
                          const gchar *item, gpointer ud)
{
    struct mbx_item *it = ud;
    char what[128], where[200];

    mbx_printable(what, sizeof(what), item);
    offset = warning_place(it, offset, where, sizeof(where));
    if (warn_parser(it, offset, code, what, where) > 0)
        it->damaged = 1;
}
