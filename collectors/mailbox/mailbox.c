/*
 * collectors/mailbox/mailbox.c - mail stores: mbox, MMDF, maildir, single messages
 *
 * Every message is parsed by GMime 3 from a stream over the evidence
 * (stream.c), one at a time, so that a store of any size is read
 * message by message in bounded memory.  Per message: a 'messages' row
 * (origin "store"), a "message-id" link, a 'Sent Time' event from Date:,
 * one 'Recorded Time' event per Received: hop, and for maildir files the
 * delivery time from the file name and the file's modification time.
 * Per MIME leaf part that has a file name or is not inline text: an
 * 'attachments' row with the decoded name, type, decoded size, MD5 and
 * SHA-256 of the decoded bytes (part.c) and, for archives, one
 * row per member (archive.c).  Attached messages are walked with
 * their nesting in the part path ("2.1.3").  Indicator checks run on
 * addresses, subjects, Received hosts and IPs, attachment and member
 * names (col_name_check: the CVE-2023-2868 shell names) and hashes.
 *
 * An evidence item is one file: an mbox (all its messages), a single
 * message (.eml), or one maildir message file.  Directories are walked.
 * Damage is reported with the byte offset where it was found; what comes
 * before and after it is still recorded.
 *
 * SPDX-License-Identifier: MIT
 */
#define _GNU_SOURCE            /* strcasestr */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "collectors/mailbox/mailbox_int.h"

#define PEEK_BYTES 4096        /* what is read to tell the format */
#define TEXT_MAX (64 * 1024)   /* longest header text stored */
#define MIME_DEPTH_MAX 64      /* nested parts walked */
#define HOPS_MAX 256           /* Received: headers read per message */

enum fmt { F_AUTO, F_MBOX, F_MMDF, F_EML };

/* Options (zero-filled by the front; 0 means the default). */
struct opts {
    int format;                /* enum fmt */
    int ignore_cl;             /* --ignore-content-length */
    int no_archives;           /* --no-archives */
    struct mbx_limits lim;
};

enum {
    OPT_FORMAT = COL_OPT_BASE,
    OPT_IGNORE_CL,
    OPT_NO_ARCHIVES,
    OPT_MAX_DEPTH,
    OPT_MAX_MEMBERS,
    OPT_MAX_UNPACKED,
};

static const struct option longopts[] = {
    { "format", required_argument, NULL, OPT_FORMAT },
    { "ignore-content-length", no_argument, NULL, OPT_IGNORE_CL },
    { "no-archives", no_argument, NULL, OPT_NO_ARCHIVES },
    { "max-depth", required_argument, NULL, OPT_MAX_DEPTH },
    { "max-members", required_argument, NULL, OPT_MAX_MEMBERS },
    { "max-unpacked", required_argument, NULL, OPT_MAX_UNPACKED },
    { NULL, 0, NULL, 0 }
};

/* An attachment whose digests the hasher is still finishing. */
struct pending {
    struct mbx_final fin;
    int64_t att_id, msg_id, size;
    char *name, *loc, *note;   /* g_malloc'd copies */
};

/* One evidence item being read. */
struct item {
    struct col_ctx *ctx;
    const struct opts *o;
    struct mbx_limits lim;
    struct mbx_hasher *hasher; /* attachment digests */
    int64_t evid;
    const char *name;          /* evidence name for messages */
    int format;                /* enum fmt, as detected */
    char base_loc[512];        /* maildir/eml: "cur/NAME" or the name */
    int maildir;
    int64_t delivered;         /* maildir: ns from the file name, 0 */
    int64_t mtime;             /* the file's modification time, ns */
    GMimeStream *in;
    GMimeParser *parser;
    GMimeParserOptions *popts; /* fallback charsets, warnings to us */
    int64_t msg_off;           /* offset of the message being parsed */
    const char *nested;        /* part path of the transfer-encoded
                                  message being parsed, or NULL */
    int damaged;               /* structural damage seen: partial */
    GQueue pending;            /* struct pending, oldest first */
    struct hop *hops;          /* HOPS_MAX, for every message; NULL */
    int64_t n_msgs, n_att, n_members;
};

/* One message being recorded. */
struct msgctx {
    struct item *it;
    int64_t msg_id;
    const char *message_id;
    const char *loc;
    int hits;
};

static int walk(struct msgctx *m, GMimeObject *o, const char *path,
                int depth, struct ftl_err *err);

/* ------------------------------------------------------------------ */
/* Options                                                              */
/* ------------------------------------------------------------------ */

/* "200M", "1.5G", "4096", "64KiB": bytes.  Decimal digits only (no
 * sign, exponent, hex, inf or nan), at most 9 after the point. */
static int parse_size(const char *s, int64_t *out)
{
    size_t n = strspn(s, "0123456789"), k;
    int64_t ip, frac = 0, scale = 1, mul = 1;
    const char *end;
    char *e;

    if (!n || n > 18)
        return -1;
    errno = 0;
    ip = strtoll(s, &e, 10);
    if (errno || e != s + n)
        return -1;
    end = s + n;
    if (*end == '.') {
        k = strspn(end + 1, "0123456789");
        if (!k || k > 9)
            return -1;
        for (n = 1; n <= k; n++) {
            frac = frac * 10 + (end[n] - '0');
            scale *= 10;
        }
        end += 1 + k;
    }
    switch (*end) {
    case 'k': case 'K': mul = 1 << 10; end++; break;
    case 'm': case 'M': mul = 1 << 20; end++; break;
    case 'g': case 'G': mul = 1 << 30; end++; break;
    default: break;
    }
    if (*end == 'i' || *end == 'B')
        end += (*end == 'i' && end[1] == 'B') ? 2 : 1;
    if (*end || ip > INT64_MAX / mul - 1)
        return -1;
    /* frac < scale <= 10^9 and mul <= 2^30: no overflow */
    *out = ip * mul + frac * mul / scale;
    return 0;
}

static int mailbox_opt(void *optsp, int c, const char *arg,
                       struct ftl_err *err)
{
    struct opts *o = optsp;
    int64_t v;

    switch (c) {
    case OPT_FORMAT:
        if (!strcmp(arg, "auto"))
            o->format = F_AUTO;
        else if (!strcmp(arg, "mbox"))
            o->format = F_MBOX;
        else if (!strcmp(arg, "mmdf"))
            o->format = F_MMDF;
        else if (!strcmp(arg, "eml") || !strcmp(arg, "message"))
            o->format = F_EML;
        else
            return ftl_err_set(err, FTL_EUSAGE, "--format: '%s' is not "
                               "auto, mbox, mmdf or eml", arg);
        return FTL_OK;
    case OPT_IGNORE_CL:
        o->ignore_cl = 1;
        return FTL_OK;
    case OPT_NO_ARCHIVES:
        o->no_archives = 1;
        return FTL_OK;
    case OPT_MAX_DEPTH:
    case OPT_MAX_MEMBERS:
    case OPT_MAX_UNPACKED:
        if (parse_size(arg, &v) || v < 1 ||
            (c != OPT_MAX_UNPACKED && arg[strspn(arg, "0123456789")]))
            return ftl_err_set(err, FTL_EUSAGE, "--%s: '%s' is not a "
                               "positive %s", c == OPT_MAX_DEPTH
                               ? "max-depth" : c == OPT_MAX_MEMBERS
                               ? "max-members" : "max-unpacked", arg,
                               c == OPT_MAX_UNPACKED ? "size" : "number");
        if (c == OPT_MAX_DEPTH)
            o->lim.max_depth = v > 64 ? 64 : (int)v;
        else if (c == OPT_MAX_MEMBERS)
            o->lim.max_members = v;
        else
            o->lim.max_bytes = v;
        return FTL_OK;
    default:
        return ftl_err_set(err, FTL_EUSAGE, "unknown option");
    }
}

/* ------------------------------------------------------------------ */
/* Small text helpers                                                   */
/* ------------------------------------------------------------------ */

/* 's' was cut to 'len' bytes: end it there, or a little before, so that
 * no UTF-8 character is left in half at its end. */
static void utf8_cut(char *s, size_t len)
{
    size_t i = len;
    unsigned char c;

    s[len] = '\0';
    while (i > 0 && len - i < 3 && ((unsigned char)s[i - 1] & 0xc0) == 0x80)
        i--;
    if (i == 0)
        return;
    c = (unsigned char)s[i - 1];
    if (c >= 0xc0 && i - 1 + (c >= 0xf0 ? 4u : c >= 0xe0 ? 3u : 2u) > len)
        s[i - 1] = '\0';
}

/* Evidence text to store: valid UTF-8 (GMime hands back the raw bytes
 * of a name it could not convert from its declared charset; those
 * become U+FFFD) and at most TEXT_MAX bytes, cut on a character
 * boundary.  *buf is what to g_free() afterwards. */
static const char *clean(const char *in, char **buf)
{
    char *v = NULL;

    *buf = NULL;
    if (!in)
        return NULL;
    if (!g_utf8_validate(in, -1, NULL))
        in = v = g_utf8_make_valid(in, -1);
    if (strlen(in) <= TEXT_MAX) {
        *buf = v;
        return in;
    }
    *buf = g_strndup(in, TEXT_MAX);
    utf8_cut(*buf, TEXT_MAX);
    g_free(v);
    return *buf;
}

static void lower(char *s)
{
    for (; s && *s; s++)
        *s = (char)tolower((unsigned char)*s);
}

/* Append the lower-cased addresses of 'l' (groups expanded) to 'out',
 * ';'-separated, each once: 'seen' holds those already there. */
static void add_addresses(GString *out, GHashTable *seen,
                          InternetAddressList *l, int depth)
{
    int i, n = l ? internet_address_list_length(l) : 0;

    for (i = 0; i < n; i++) {
        InternetAddress *ia = internet_address_list_get_address(l, i);

        if (INTERNET_ADDRESS_IS_GROUP(ia)) {
            if (depth < 4)
                add_addresses(out, seen, internet_address_group_get_members(
                              (InternetAddressGroup *)ia), depth + 1);
        } else if (INTERNET_ADDRESS_IS_MAILBOX(ia)) {
            const char *a = internet_address_mailbox_get_addr(
                (InternetAddressMailbox *)ia);
            char *low;

            if (!a || !*a)
                continue;
            low = g_ascii_strdown(a, -1);
            if (g_hash_table_contains(seen, low)) {
                g_free(low);
                continue;
            }
            if (out->len)
                g_string_append_c(out, ';');
            g_string_append(out, low);
            g_hash_table_add(seen, low);   /* the set owns it */
        }
    }
}

/* The first mailbox address of 'l', lower-cased, or NULL (g_free it). */
static char *first_address(InternetAddressList *l, int depth)
{
    int i, n = l ? internet_address_list_length(l) : 0;
    char *a;

    for (i = 0; i < n; i++) {
        InternetAddress *ia = internet_address_list_get_address(l, i);

        if (INTERNET_ADDRESS_IS_GROUP(ia)) {
            if (depth < 4 && (a = first_address(
                    internet_address_group_get_members(
                        (InternetAddressGroup *)ia), depth + 1)))
                return a;
        } else if (INTERNET_ADDRESS_IS_MAILBOX(ia)) {
            const char *addr = internet_address_mailbox_get_addr(
                (InternetAddressMailbox *)ia);

            if (addr && *addr)
                return g_ascii_strdown(addr, -1);
        }
    }
    return NULL;
}

/* ------------------------------------------------------------------ */
/* Dates                                                                */
/* ------------------------------------------------------------------ */

/* 1 when the last token of an RFC 5322 date (comments dropped) is a
 * zone this parser reads exactly: +hhmm / -hhmm or one of the names of
 * RFC 5322 4.3 (military letters are ambiguous there and not taken). */
static int date_has_zone(const char *raw, char *zone, size_t zn)
{
    static const char *const names[] = {
        "UT", "UTC", "GMT", "Z", "EST", "EDT", "CST", "CDT", "MST", "MDT",
        "PST", "PDT", NULL
    };
    char buf[256];
    size_t n = 0;
    int depth = 0, i;
    const char *p, *tok;

    for (p = raw; *p && n < sizeof(buf) - 1; p++) {
        if (*p == '(')
            depth++;
        else if (*p == ')' && depth)
            depth--;
        else if (!depth)
            buf[n++] = *p;
    }
    while (n && isspace((unsigned char)buf[n - 1]))
        n--;
    buf[n] = '\0';
    tok = strrchr(buf, ' ');
    tok = tok ? tok + 1 : buf;
    snprintf(zone, zn, "%.60s", tok);
    if ((tok[0] == '+' || tok[0] == '-') && strlen(tok) == 5 &&
        strspn(tok + 1, "0123456789") == 4)
        return 1;
    for (i = 0; names[i]; i++)
        if (!strcasecmp(tok, names[i]))
            return 1;
    return 0;
}

/* The zone a time without a trusted one is read in (--tz). */
static const char *tz_name(const struct item *it)
{
    return it->ctx->tz ? tl_tz_name(it->ctx->tz) : "UTC";
}

/* Read a mail date.  Returns 0 with *ns set (and TL_F_TZ_ASSUMED in
 * *flags when the text had no zone this parser trusts: the time is then
 * read in --tz, default UTC, and *zone names what was found), or -1
 * when the text is not a date.  Never guesses a date from garbage: the
 * raw text is reported instead. */
static int mail_date(const struct item *it, const char *raw, int64_t *ns,
                     unsigned *flags, char *zone, size_t zn)
{
    GDateTime *dt;
    struct tl_civil c;
    size_t used;
    const char *p;

    *flags = 0;
    *zone = '\0';
    if (!raw)
        return -1;
    for (p = raw; isspace((unsigned char)*p); p++)
        ;
    if (!*p)
        return -1;
    dt = g_mime_utils_header_decode_date(p);
    if (dt) {
        if (date_has_zone(p, zone, zn)) {
            /* a year past 2262 does not fit: unreadable, not wrapped */
            int bad = tl_time_from_sec(g_date_time_to_unix(dt), 0, ns);

            *zone = '\0';
            g_date_time_unref(dt);
            return bad ? -1 : 0;
        }
        /* The wall-clock fields as written: GMime applies an offset of
         * its own to a zone it half knows (military letters), which is
         * not to be trusted; the time is read in --tz instead. */
        memset(&c, 0, sizeof(c));
        c.year = g_date_time_get_year(dt);
        c.mon = g_date_time_get_month(dt);
        c.day = g_date_time_get_day_of_month(dt);
        c.hour = g_date_time_get_hour(dt);
        c.min = g_date_time_get_minute(dt);
        c.sec = g_date_time_get_second(dt);
        g_date_time_unref(dt);
    } else if (tl_time_parse_iso8601(p, strlen(p), &c, &used) == FTL_OK &&
               (p[used] == '\0' || isspace((unsigned char)p[used]))) {
        /* Not RFC 5322, but an unambiguous ISO 8601 stamp. */
        if (!c.has_zone)
            snprintf(zone, zn, "none");
    } else {
        return -1;
    }
    if (tl_civil_to_ns(&c, it->ctx->tz, ns, flags) != FTL_OK)
        return -1;
    return 0;
}

/* ------------------------------------------------------------------ */
/* Warnings                                                             */
/* ------------------------------------------------------------------ */

static void warn_at(struct item *it, int64_t off, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void warn_at(struct item *it, int64_t off, const char *fmt, ...)
{
    char loc[64], msg[900];
    va_list ap;

    va_start(ap, fmt);
    if (vsnprintf(msg, sizeof(msg), fmt, ap) >= (int)sizeof(msg))
        utf8_cut(msg, sizeof(msg) - 1);
    va_end(ap);
    if (off >= 0)
        snprintf(loc, sizeof(loc), "offset %lld", (long long)off);
    col_warn(it->ctx, it->evid, it->name, off >= 0 ? loc : NULL, "%s", msg);
}

/* Printable copy of evidence text for a message: controls as '?', cut
 * to n bytes between characters. */
static void printable(char *out, size_t n, const char *in)
{
    size_t i;

    if (!in)
        in = "";
    snprintf(out, n, "%s", in);
    if (strlen(in) >= n)
        utf8_cut(out, n - 1);
    for (i = 0; out[i]; i++)
        if ((unsigned char)out[i] < 0x20 || out[i] == 0x7f)
            out[i] = '?';
}

/* An event message longer than 1000 bytes (in a buffer of more) ends
 * in "...". */
static void long_text(char *text)
{
    if (strlen(text) > 1000) {
        utf8_cut(text, 996);
        strcat(text, "...");
    }
}

/* GMime's parser tells what it found wrong, with the stream offset: of
 * the evidence, or of the decoded content of a transfer-encoded message
 * (it->nested), whose warnings are placed at its message. */
static void on_gmime_warning(gint64 offset, GMimeParserWarning code,
                             const gchar *item, gpointer ud)
{
    struct item *it = ud;
    char what[128], where[200];
    int damage = 1;

    printable(what, sizeof(what), item);
    if (it->nested) {
        snprintf(where, sizeof(where), "message at offset %lld, attached "
                 "message %s", (long long)it->msg_off, it->nested);
        if (offset >= 0)
            snprintf(where + strlen(where), sizeof(where) - strlen(where),
                     " (offset %lld of its decoded content)",
                     (long long)offset);
        offset = it->msg_off;
    } else {
        snprintf(where, sizeof(where), "message at offset %lld",
                 (long long)it->msg_off);
        if (offset < 0)
            offset = mbx_stream_pulled(it->in, NULL);
    }
    switch (code) {
    case GMIME_WARN_MALFORMED_MULTIPART:
        warn_at(it, offset, "%s: multipart/%s ends without its closing "
                "boundary (missing boundary?)", where, what);
        break;
    case GMIME_WARN_TRUNCATED_MESSAGE:
        warn_at(it, offset, "%s: the input ends before the message is "
                "complete (truncated?)", where);
        break;
    case GMIME_WARN_MALFORMED_MESSAGE:
        warn_at(it, offset, "%s: malformed message", where);
        break;
    case GMIME_CRIT_INVALID_HEADER_NAME:
        /* An mbox "From " line (or its ">From " escape) at the top of an
         * attached message is common and harmless. */
        if (!strncmp(what, "From ", 5) || !strncmp(what, ">From ", 6))
            return;
        warn_at(it, offset, "%s: invalid header line '%s'", where, what);
        break;
    case GMIME_CRIT_CONFLICTING_HEADER:
        warn_at(it, offset, "%s: header '%s' appears twice with different "
                "values; the first is recorded", where, what);
        damage = 0;
        break;
    case GMIME_CRIT_CONFLICTING_PARAMETER:
        warn_at(it, offset, "%s: parameter '%s' appears twice with "
                "different values", where, what);
        damage = 0;
        break;
    case GMIME_CRIT_MULTIPART_WITHOUT_BOUNDARY:
        warn_at(it, offset, "%s: multipart/%s without a boundary: its parts "
                "cannot be told apart", where, what);
        break;
    case GMIME_CRIT_NESTING_OVERFLOW:
        warn_at(it, offset, "%s: MIME parts nested too deep; the deepest "
                "are not parsed", where);
        break;
    case GMIME_CRIT_PART_WITHOUT_HEADERS_OR_CONTENT:
        warn_at(it, offset, "%s: a MIME part without headers or content",
                where);
        break;
    default:
        /* Duplicated headers, raw 8-bit text, bad encoded words: common
         * in honest mail and handled by GMime; not worth a warning. */
        return;
    }
    if (damage)
        it->damaged = 1;
}

/* ------------------------------------------------------------------ */
/* Attachments                                                          */
/* ------------------------------------------------------------------ */

static char *part_child(const char *path, int i)
{
    return *path ? g_strdup_printf("%s.%d", path, i)
                 : g_strdup_printf("%d", i);
}

/* Walk the body of a message: a multipart's children are path.N, a
 * single leaf is path.1 (IMAP's numbering, RFC 3501 6.4.5). */
static int walk_body(struct msgctx *m, GMimeObject *body, const char *path,
                     int depth, struct ftl_err *err)
{
    char *p;
    int rc;

    if (!body)
        return FTL_OK;
    if (GMIME_IS_MULTIPART(body))
        return walk(m, body, path, depth, err);
    p = part_child(path, 1);
    rc = walk(m, body, p, depth, err);
    g_free(p);
    return rc;
}

/* The attachments row of a part (a leaf or an attached message), its
 * name checked against the indicators; *id receives the row. */
static int part_row(struct msgctx *m, const char *path, const char *name,
                    const char *ctype, const char *note, const char *loc,
                    int64_t *id, struct ftl_err *err)
{
    struct item *it = m->it;
    struct tl_attachment row;
    int rc;

    memset(&row, 0, sizeof(row));
    row.evidence_id = it->evid;
    row.msg_id = m->msg_id;
    row.message_id = m->message_id;
    row.part_path = path;
    row.filename = name;
    row.content_type = ctype;
    row.size = -1;
    row.note = note;
    row.locator = loc;
    if ((rc = tl_attachment_add(it->ctx->st, &row, id, err)) < 0)
        return rc;
    it->n_att++;
    m->hits += col_name_check(it->ctx, it->evid, "attachment name", name,
                              m->message_id, loc, 0, m->msg_id, *id);
    return FTL_OK;
}

/* A message attached without transfer encoding: a row for it (its
 * content is its parts, listed under its part path). */
static int attached_message(struct msgctx *m, GMimeMessagePart *mp,
                            const char *path, int depth,
                            struct ftl_err *err)
{
    GMimeObject *o = (GMimeObject *)mp;
    GMimeMessage *inner = g_mime_message_part_get_message(mp);
    const char *fname;
    char *ctype, *from, *fbuf, loc[600], note[600], subj[200], who[200];
    int64_t id = 0;
    int rc;

    fname = g_mime_object_get_content_disposition_parameter(o, "filename");
    if (!fname)
        fname = g_mime_object_get_content_type_parameter(o, "name");
    fname = clean(fname, &fbuf);
    ctype = g_mime_content_type_get_mime_type(
        g_mime_object_get_content_type(o));
    lower(ctype);
    snprintf(loc, sizeof(loc), "%s part %s", m->loc, path);
    if (inner) {
        from = first_address(g_mime_message_get_from(inner), 0);
        printable(who, sizeof(who), from ? from : "?");
        g_free(from);
        printable(subj, sizeof(subj), g_mime_message_get_subject(inner));
        snprintf(note, sizeof(note), "attached message from %s, subject "
                 "'%s'; its parts are listed as %s.N", who, subj, path);
    } else {
        snprintf(note, sizeof(note), "attached message could not be "
                 "parsed");
    }
    rc = part_row(m, path, fname, ctype, note, loc, &id, err);
    if (rc >= 0 && inner)
        rc = walk_body(m, g_mime_message_get_mime_part(inner), path,
                       depth + 1, err);
    g_free(ctype);
    g_free(fbuf);
    return rc;
}

/* An attached message in base64, quoted-printable or uuencode: GMime
 * leaves it a leaf; parse its decoded bytes (spooled, never in memory)
 * with the same options as the evidence and walk it.  *serr receives
 * what stopped the decoded stream, if anything; 'err' what stopped the
 * walk. */
static int encoded_message(struct msgctx *m, struct mbx_reader *r,
                           const char *path, int depth, char *note,
                           size_t nn, struct ftl_err *serr,
                           struct ftl_err *err)
{
    struct item *it = m->it;
    const char *outer = it->nested;
    GMimeStream *s;
    GMimeParser *p;
    GMimeMessage *inner;
    int rc = FTL_OK;

    if (!(s = mbx_stream_new(mbx_reader_pull, r, -1, err)))
        return err->code;      /* out of memory */
    p = g_mime_parser_new_with_stream(s);
    g_mime_parser_set_format(p, GMIME_FORMAT_MESSAGE);
    it->nested = path;
    inner = g_mime_parser_construct_message(p, it->popts);
    if (inner) {
        snprintf(note, nn, "attached message (transfer-encoded); its parts "
                 "are listed as %s.N", path);
        rc = walk_body(m, g_mime_message_get_mime_part(inner), path,
                       depth + 1, err);
        g_object_unref(inner);
    } else {
        snprintf(note, nn, "attached message (transfer-encoded) could not "
                 "be parsed");
    }
    it->nested = outer;
    if (rc >= 0)
        mbx_stream_error(s, serr);
    g_object_unref(p);
    g_object_unref(s);
    return rc;
}

static void pending_free(struct pending *p)
{
    if (!p)
        return;
    if (p->fin.dig)
        ftl_digest_free(p->fin.dig);
    g_free(p->name);
    g_free(p->loc);
    g_free(p->note);
    g_free(p);
}

/* Complete the attachment rows whose digests are ready, oldest first;
 * 'all': wait for every one.  Called between messages, once their events
 * are written: a hash hit flags the message and its events
 * (tl_message_flag_ioc). */
static int pending(struct item *it, int all, struct ftl_err *err)
{
    struct pending *p;
    int rc, hits;

    if (all)
        mbx_hasher_sync(it->hasher);
    while ((p = g_queue_peek_head(&it->pending)) &&
           mbx_hasher_done(it->hasher, &p->fin)) {
        g_queue_pop_head(&it->pending);
        rc = tl_attachment_finish(it->ctx->st, p->att_id, p->size,
                                  p->fin.md5, p->fin.sha256, p->note, err);
        hits = rc ? 0 : col_ioc_check(it->ctx, it->evid, TL_T_MD5, "md5",
                                      p->fin.md5, p->name, p->loc, 0,
                                      p->msg_id, p->att_id);
        if (!rc)
            hits += col_ioc_check(it->ctx, it->evid, TL_T_SHA256, "sha256",
                                  p->fin.sha256, p->name, p->loc, 0,
                                  p->msg_id, p->att_id);
        if (hits && !rc)
            rc = tl_message_flag_ioc(it->ctx->st, p->msg_id, err);
        pending_free(p);
        if (rc)
            return rc;
    }
    return FTL_OK;
}

/* A leaf part: recorded when it has a file name, is marked as an
 * attachment, or is neither text nor a message/... report part. */
static int leaf(struct msgctx *m, GMimePart *part, const char *path,
                int depth, struct ftl_err *err)
{
    struct item *it = m->it;
    GMimeObject *o = (GMimeObject *)part;
    GMimeContentType *ct = g_mime_object_get_content_type(o);
    const char *type = ct ? g_mime_content_type_get_media_type(ct) : NULL;
    const char *sub = ct ? g_mime_content_type_get_media_subtype(ct) : NULL;
    const char *fname = g_mime_part_get_filename(part);
    const char *disp = g_mime_object_get_disposition(o);
    const char *problem, *name;
    struct mbx_reader *r = NULL;
    struct mbx_att a;
    struct pending *pd;
    char *ctype, *fbuf, loc[600], note[800] = "";
    char inner_note[300] = "";
    struct ftl_err serr = { 0 };
    int64_t id = 0, size;
    int rc, is_msg, encoded;

    /* A message/rfc822 that reaches here was transfer-encoded (GMime
     * parses the others): its content is a message to walk, whatever
     * its name and disposition. */
    switch (g_mime_part_get_content_encoding(part)) {
    case GMIME_CONTENT_ENCODING_BASE64:
    case GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE:
    case GMIME_CONTENT_ENCODING_UUENCODE:
        encoded = 1;
        break;
    default:
        encoded = 0;
        break;
    }
    is_msg = type && sub && !strcasecmp(type, "message") &&
             (!strcasecmp(sub, "rfc822") || !strcasecmp(sub, "global"));
    if (!fname && !(disp && !strcasecmp(disp, "attachment")) &&
        !(is_msg && encoded) &&
        (!type || !strcasecmp(type, "text") ||
         !strcasecmp(type, "message")))
        return FTL_OK;
    ctype = g_strdup_printf("%s/%s", type ? type : "text",
                            sub ? sub : "plain");
    lower(ctype);
    name = clean(fname, &fbuf);
    snprintf(loc, sizeof(loc), "%s part %s", m->loc, path);
    if ((rc = part_row(m, path, name, ctype, NULL, loc, &id, err)) < 0 ||
        (rc = mbx_reader_open(&r, part, it->hasher, err)))
        goto out;
    memset(&a, 0, sizeof(a));
    a.ctx = it->ctx;
    a.evid = it->evid;
    a.evname = it->name;
    a.msg_id = m->msg_id;
    a.message_id = m->message_id;
    a.part_path = path;
    a.filename = name;
    a.locator = loc;
    a.att_id = id;
    a.lim = &it->lim;
    if (is_msg && depth < MIME_DEPTH_MAX)
        rc = encoded_message(m, r, path, depth, inner_note,
                             sizeof(inner_note), &serr, err);
    else if (!it->o->no_archives && !mbx_is_zip_document(name, ctype))
        rc = mbx_archive_list(&a, mbx_reader_next, r, err);
    if (rc < 0)
        goto out;
    it->n_members += a.n_members;
    m->hits += a.n_hits;
    if (!(pd = g_try_new0(struct pending, 1))) {
        rc = ftl_err_set(err, FTL_ENOMEM, "out of memory");
        goto out;
    }
    mbx_reader_finish(r, &size, &pd->fin, &problem);
    snprintf(note, sizeof(note), "%s%s%s%s%s", inner_note,
             *inner_note && *a.note ? "; " : "", a.note,
             (*inner_note || *a.note) && problem ? "; " : "",
             problem ? problem : "");
    if (problem) {
        warn_at(it, it->msg_off, "message at offset %lld, attachment %s "
                "('%s'): %s", (long long)it->msg_off, path,
                name ? name : "", problem);
        it->damaged = 1;
    } else if (serr.code) {
        /* the content was read, but not parsed to its end (spool) */
        warn_at(it, it->msg_off, "message at offset %lld, attached "
                "message %s: %s", (long long)it->msg_off, path, serr.msg);
        it->damaged = 1;
    }
    /* The row is completed when the hasher is through (pending()). */
    pd->att_id = id;
    pd->msg_id = m->msg_id;
    pd->size = size;
    pd->name = g_strdup(name);
    pd->loc = g_strdup(loc);
    pd->note = *note ? g_strdup(note) : NULL;
    g_queue_push_tail(&it->pending, pd);
    rc = FTL_OK;
out:
    mbx_reader_free(r);
    g_free(ctype);
    g_free(fbuf);
    return rc;
}

static int walk(struct msgctx *m, GMimeObject *o, const char *path,
                int depth, struct ftl_err *err)
{
    int i, n, rc = FTL_OK;

    if (depth > MIME_DEPTH_MAX) {
        warn_at(m->it, m->it->msg_off, "message at offset %lld: parts "
                "nested deeper than %d levels not walked",
                (long long)m->it->msg_off, MIME_DEPTH_MAX);
        return FTL_OK;
    }
    if (GMIME_IS_MULTIPART(o)) {
        n = g_mime_multipart_get_count((GMimeMultipart *)o);
        for (i = 0; i < n && rc >= 0; i++) {
            char *p = part_child(path, i + 1);

            rc = walk(m, g_mime_multipart_get_part((GMimeMultipart *)o, i),
                      p, depth + 1, err);
            g_free(p);
        }
        return rc;
    }
    if (GMIME_IS_MESSAGE_PART(o))
        return attached_message(m, (GMimeMessagePart *)o, path, depth,
                                err);
    if (GMIME_IS_PART(o))
        return leaf(m, (GMimePart *)o, path, depth, err);
    return FTL_OK;
}

/* ------------------------------------------------------------------ */
/* Messages                                                             */
/* ------------------------------------------------------------------ */

/* One Received: hop. */
struct hop {
    char from[256];            /* the host that handed the message over */
    char by[256];              /* the host that recorded the hop */
    char ip[64];               /* the [address] after 'from', if any */
    char raw_time[128];
    int64_t ts;
    unsigned flags;
    int has_time;
};

/* The word after 'word' (at a token start, outside comments). */
static void received_token(const char *v, const char *word, char *out,
                           size_t n)
{
    size_t wl = strlen(word), k;
    int depth = 0;
    const char *p;

    *out = '\0';
    for (p = v; *p; p++) {
        if (*p == '(') {
            depth++;
            continue;
        }
        if (*p == ')') {
            if (depth)
                depth--;
            continue;
        }
        if (depth || (p > v && !isspace((unsigned char)p[-1])))
            continue;
        if (!strncasecmp(p, word, wl) && isspace((unsigned char)p[wl])) {
            p += wl;
            while (isspace((unsigned char)*p))
                p++;
            for (k = 0; p[k] && !isspace((unsigned char)p[k]) &&
                        p[k] != ';' && p[k] != '(' && k < n - 1; k++)
                out[k] = p[k];
            out[k] = '\0';
            return;
        }
    }
}

static void parse_received(const struct item *it, const char *v,
                           struct hop *h)
{
    const char *semi = strrchr(v, ';'), *f, *b, *lb, *rb;
    char zone[64];
    size_t n;

    memset(h, 0, sizeof(h[0]));
    received_token(v, "from", h->from, sizeof(h->from));
    received_token(v, "by", h->by, sizeof(h->by));
    /* The connecting address: the first [...] between 'from' and 'by'. */
    f = strcasestr(v, "from ");
    b = strcasestr(v, " by ");
    if (f && (lb = strchr(f, '[')) && (!b || lb < b) &&
        (rb = strchr(lb, ']')) && (size_t)(rb - lb - 1) < sizeof(h->ip)) {
        n = (size_t)(rb - lb - 1);
        memcpy(h->ip, lb + 1, n);
        h->ip[n] = '\0';
        if (!strncasecmp(h->ip, "IPv6:", 5))
            memmove(h->ip, h->ip + 5, strlen(h->ip + 5) + 1);
    }
    if (semi) {
        printable(h->raw_time, sizeof(h->raw_time), semi + 1);
        g_strstrip(h->raw_time);
        h->has_time = mail_date(it, semi + 1, &h->ts, &h->flags, zone,
                                sizeof(zone)) == 0;
    }
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

/* Headers longer than TEXT_MAX bytes are reported where they begin
 * (a huge header is odd in itself); those stored as text are cut. */
static void check_headers(struct item *it, GMimeObject *o)
{
    static const char *const stored[] = { "Subject", "From", "Sender",
                                          "Message-ID", "Date", NULL };
    GMimeHeaderList *hl = g_mime_object_get_header_list(o);
    int i, k, n = hl ? g_mime_header_list_get_count(hl) : 0;

    for (i = 0; i < n; i++) {
        GMimeHeader *h = g_mime_header_list_get_header_at(hl, i);
        const char *raw = g_mime_header_get_raw_value(h);
        const char *name = g_mime_header_get_name(h);
        size_t len = raw ? strlen(raw) : 0;
        char nm[80], cut[64] = "";

        if (len <= TEXT_MAX)
            continue;
        for (k = 0; stored[k]; k++)
            if (name && !strcasecmp(name, stored[k]))
                snprintf(cut, sizeof(cut), "; at most %d bytes of it are "
                         "stored", TEXT_MAX);
        printable(nm, sizeof(nm), name);
        warn_at(it, g_mime_header_get_offset(h), "message at offset %lld: "
                "header '%s' is %zu bytes long%s", (long long)it->msg_off,
                nm, len, cut);
    }
}

/* How many bytes of the recipients are stored: all, or past TEXT_MAX
 * up to the last whole address that fits, which is reported. */
static size_t stored_recipients(struct item *it, const GString *rcpt,
                                int64_t off, int64_t hdr_off)
{
    size_t k = TEXT_MAX;

    if (rcpt->len <= TEXT_MAX)
        return rcpt->len;
    while (k > 0 && rcpt->str[k] != ';')
        k--;
    warn_at(it, hdr_off, "message at offset %lld: its recipients take %zu "
            "bytes; the first %zu are stored (every address is checked "
            "against the indicators)", (long long)off, rcpt->len, k);
    return k;
}

/* Record one message: its row, its hops, its parts, its events. */
static int message(struct item *it, GMimeMessage *msg, int64_t off,
                   int64_t hdr_off, int64_t end, struct ftl_err *err)
{
    GMimeObject *o = (GMimeObject *)msg;
    GMimeHeaderList *hl = g_mime_object_get_header_list(o);
    struct tl_message tm;
    struct tl_event ev;
    struct msgctx m;
    struct hop *hops = it->hops;
    GString *rcpt = g_string_new(NULL);
    GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal,
                                             g_free, NULL);
    char *from, *sbuf = NULL, *fbuf = NULL, *mbuf = NULL, *dbuf = NULL;
    char *rbuf = NULL;
    char loc[600], text[1200], zone[64], subj[240], client[400];
    const char *subject, *raw_date, *mid, *sender;
    size_t n_stored;
    int64_t date = 0, id = 0, first = 0, last = 0;
    unsigned dflags = 0;
    int i, n, nh = 0, rc, date_ok = 0;

    if (it->format == F_MBOX || it->format == F_MMDF)
        snprintf(loc, sizeof(loc), "offset %lld", (long long)off);
    else
        snprintf(loc, sizeof(loc), "%s", it->base_loc);
    check_headers(it, o);
    /* What is stored as text goes through clean(): UTF-8, TEXT_MAX. */
    from = first_address(g_mime_message_get_from(msg), 0);
    if (!from)
        from = first_address(g_mime_message_get_sender(msg), 0);
    sender = clean(from, &fbuf);
    add_addresses(rcpt, seen, g_mime_message_get_addresses(msg,
                  GMIME_ADDRESS_TYPE_TO), 0);
    add_addresses(rcpt, seen, g_mime_message_get_addresses(msg,
                  GMIME_ADDRESS_TYPE_CC), 0);
    add_addresses(rcpt, seen, g_mime_message_get_addresses(msg,
                  GMIME_ADDRESS_TYPE_BCC), 0);
    g_hash_table_destroy(seen);
    /* the indicator checks below see every address */
    if ((n_stored = stored_recipients(it, rcpt, off, hdr_off)) < rcpt->len)
        rbuf = g_strndup(rcpt->str, n_stored);
    subject = clean(g_mime_message_get_subject(msg), &sbuf);
    mid = clean(g_mime_message_get_message_id(msg), &mbuf);
    raw_date = clean(g_mime_object_get_header(o, "Date"), &dbuf);
    if (raw_date) {
        date_ok = mail_date(it, raw_date, &date, &dflags, zone,
                            sizeof(zone)) == 0;
        printable(text, 200, raw_date);
        g_strstrip(text);
        if (!date_ok)
            warn_at(it, hdr_off, "message at offset %lld: Date '%s' is not "
                    "a date; kept as text, no Sent Time event",
                    (long long)off, text);
        else if (dflags & TL_F_TZ_ASSUMED)
            warn_at(it, hdr_off, "message at offset %lld: Date '%s' has no "
                    "zone that can be trusted ('%s'); read as %s",
                    (long long)off, text, zone, tz_name(it));
    }
    /* Received: hops, topmost (the last one added) first. */
    n = hl ? g_mime_header_list_get_count(hl) : 0;
    for (i = 0; i < n && nh < HOPS_MAX; i++) {
        GMimeHeader *h = g_mime_header_list_get_header_at(hl, i);

        if (strcasecmp(g_mime_header_get_name(h), "Received"))
            continue;
        /* allocated once per item: a store of small messages would
         * spend its time zeroing 180 KiB per message */
        if (!hops && !(hops = it->hops = malloc(HOPS_MAX *
                                                sizeof(*hops)))) {
            rc = ftl_err_set(err, FTL_ENOMEM, "out of memory");
            goto out;
        }
        parse_received(it, g_mime_header_get_value(h) ?
                       g_mime_header_get_value(h) : "", &hops[nh]);
        if (hops[nh].has_time) {
            if (!first || hops[nh].ts < first)
                first = hops[nh].ts;
            if (hops[nh].ts > last)
                last = hops[nh].ts;
        } else if (hops[nh].raw_time[0]) {
            warn_at(it, g_mime_header_get_offset(h), "message at offset "
                    "%lld: Received: time '%s' is not a date; kept as text",
                    (long long)off, hops[nh].raw_time);
        }
        nh++;
    }
    if (it->delivered) {
        if (!first || it->delivered < first)
            first = it->delivered;
        if (it->delivered > last)
            last = it->delivered;
    }
    memset(&tm, 0, sizeof(tm));
    tm.evidence_id = it->evid;
    tm.origin = "store";
    tm.message_id = mid;
    tm.sender = sender;
    tm.recipients = rbuf ? rbuf : rcpt->len ? rcpt->str : NULL;
    tm.size = end > hdr_off && hdr_off >= 0 ? end - hdr_off : -1;
    tm.subject = subject;
    tm.date = date_ok ? date : 0;
    tm.first_seen = first;
    tm.last_seen = last;
    if (nh) {
        tm.host = hops[0].by[0] ? hops[0].by : NULL;
        snprintf(client, sizeof(client), "%s%s%s%s", hops[0].from,
                 hops[0].ip[0] ? "[" : "", hops[0].ip,
                 hops[0].ip[0] ? "]" : "");
        tm.client = client[0] ? client : NULL;
    }
    tm.locator = loc;
    rc = tl_message_add(it->ctx->st, &tm, &id, err);
    if (rc < 0)
        goto out;
    if (rc == FTL_DONE) {      /* same locator twice: cannot happen */
        rc = FTL_OK;
        goto out;
    }
    it->n_msgs++;
    if (mid && (rc = tl_message_link(it->ctx->st, it->evid, id,
                                     "message-id", mid, 0, err)))
        goto out;

    memset(&m, 0, sizeof(m));
    m.it = it;
    m.msg_id = id;
    m.message_id = mid;
    m.loc = loc;
    m.hits += col_ioc_check(it->ctx, it->evid, TL_T_EMAIL, "sender",
                            sender, mid, loc, 0, id, 0);
    if (rcpt->len) {
        char *all = g_strdup(rcpt->str), *save = NULL, *a;

        for (a = strtok_r(all, ";", &save); a; a = strtok_r(NULL, ";",
                                                              &save))
            m.hits += col_ioc_check(it->ctx, it->evid, TL_T_EMAIL,
                                    "recipient", a, mid, loc, 0, id, 0);
        g_free(all);
    }
    m.hits += col_ioc_check(it->ctx, it->evid, TL_T_SUBJECT, "subject",
                            subject, mid, loc, 0, id, 0);
    for (i = 0; i < nh; i++) {
        char hl_loc[640];

        snprintf(hl_loc, sizeof(hl_loc), "%s received[%d]", loc, i + 1);
        m.hits += col_ioc_check(it->ctx, it->evid, TL_T_IP, "received ip",
                                hops[i].ip, mid, hl_loc, 0, id, 0);
        m.hits += col_ioc_check(it->ctx, it->evid, TL_T_DOMAIN,
                                "received host", hops[i].from, mid, hl_loc,
                                0, id, 0);
    }
    if ((rc = walk_body(&m, g_mime_message_get_mime_part(msg), "", 0,
                        err)) < 0)
        goto out;

    /* Events, flagged when anything in the message hit an indicator. */
    printable(subj, sizeof(subj), subject);
    memset(&ev, 0, sizeof(ev));
    ev.source = "MAIL";
    ev.evidence_id = it->evid;
    ev.msg_id = id;
    ev.flags = m.hits ? TL_F_IOC : 0;
    ev.message = text;
    if (date_ok) {
        snprintf(text, sizeof(text), "Sent: '%s' from %s to %s "
                 "[Message-ID <%s>]", subj, sender ? sender : "?",
                 rcpt->len ? rcpt->str : "?", mid ? mid : "");
        long_text(text);
        ev.ts = date;
        ev.ts_desc = "Sent Time";
        ev.artifact = "mail:message";
        ev.locator = loc;
        ev.raw_time = raw_date;
        ev.flags |= dflags;
        ev.tz = (dflags & TL_F_TZ_ASSUMED) ? tz_name(it) : NULL;
        if ((rc = col_event(it->ctx, &ev, NULL, err)) < 0)
            goto out;
        ev.flags = m.hits ? TL_F_IOC : 0;
        ev.tz = NULL;
    }
    for (i = 0; i < nh; i++) {
        char hl_loc[640];

        if (!hops[i].has_time)
            continue;
        snprintf(hl_loc, sizeof(hl_loc), "%s received[%d]", loc, i + 1);
        snprintf(text, sizeof(text), "Received by %s from %s%s%s%s "
                 "(hop %d of %d): '%s' [Message-ID <%s>]",
                 hops[i].by[0] ? hops[i].by : "?",
                 hops[i].from[0] ? hops[i].from : "?",
                 hops[i].ip[0] ? " [" : "", hops[i].ip,
                 hops[i].ip[0] ? "]" : "", i + 1, nh, subj,
                 mid ? mid : "");
        long_text(text);
        ev.ts = hops[i].ts;
        ev.ts_desc = "Recorded Time";
        ev.artifact = "mail:received";
        ev.locator = hl_loc;
        ev.raw_time = hops[i].raw_time;
        ev.flags = (m.hits ? TL_F_IOC : 0) | hops[i].flags;
        ev.tz = (hops[i].flags & TL_F_TZ_ASSUMED) ? tz_name(it) : NULL;
        if ((rc = col_event(it->ctx, &ev, NULL, err)) < 0)
            goto out;
    }
    ev.flags = m.hits ? TL_F_IOC : 0;
    ev.tz = NULL;
    ev.raw_time = NULL;
    ev.locator = loc;
    if (it->delivered) {
        snprintf(text, sizeof(text), "Delivered to maildir as '%s': '%s' "
                 "from %s [Message-ID <%s>]", it->base_loc, subj,
                 sender ? sender : "?", mid ? mid : "");
        long_text(text);
        ev.ts = it->delivered;
        ev.ts_desc = "Delivery Time";
        ev.artifact = "mail:delivery";
        if ((rc = col_event(it->ctx, &ev, NULL, err)) < 0)
            goto out;
    }
    if (it->maildir && it->mtime) {
        snprintf(text, sizeof(text), "Maildir file '%s' last modified: "
                 "'%s' from %s [Message-ID <%s>]", it->base_loc, subj,
                 sender ? sender : "?", mid ? mid : "");
        long_text(text);
        ev.ts = it->mtime;
        ev.prec = 9;
        ev.ts_desc = "Content Modification Time";
        ev.artifact = "mail:file";
        if ((rc = col_event(it->ctx, &ev, NULL, err)) < 0)
            goto out;
    }
    if (m.hits) {
        tm.flags |= TL_F_IOC;
        rc = tl_message_update(it->ctx->st, id, &tm, err);
    }
out:
    g_free(from);
    g_free(fbuf);
    g_free(sbuf);
    g_free(mbuf);
    g_free(dbuf);
    g_free(rbuf);
    g_string_free(rcpt, TRUE);
    return rc < 0 ? rc : FTL_OK;
}

/* ------------------------------------------------------------------ */
/* Evidence items                                                       */
/* ------------------------------------------------------------------ */

/*
 * Where an evidence item's bytes come from.  A file inside an image, or
 * a compressed one, comes through col_src, which hashes the stored bytes
 * as it reads them.  A plain file on the host is read here directly and
 * its SHA-256 is computed on the hasher's thread (hash.c), next
 * to the attachment MD5s, so that the parsing thread does not do it.
 */
struct input {
    mbx_pull_fn pull;
    void *ud;
    int reread_fd;             /* the plain file holding the bytes, or -1 */
    int64_t size, mtime;
    /* Read what is left and give the SHA-256 of the stored bytes.  On a
     * read error hex holds that of the first *hashed bytes and the error
     * is returned. */
    int (*sha256)(void *ud, char hex[65], int64_t *hashed,
                  struct ftl_err *err);
};

static ssize_t src_pull(void *ud, void *buf, size_t n, struct ftl_err *err)
{
    return col_src_read(ud, buf, n, err);
}

static int src_sha256(void *ud, char hex[65], int64_t *hashed,
                      struct ftl_err *err)
{
    int rc = col_src_sha256(ud, hex, err);

    *hashed = col_src_raw_offset(ud);
    return rc;
}

/* A plain file read directly, in large blocks (GMime asks for 4 KiB at
 * a time; a system call and a hand-over to the hasher for each would
 * cost more than the hashing). */
#define PLAIN_BLOCK (256 * 1024)
struct plain {
    const char *path;
    int fd;
    int64_t off;               /* bytes read from the file */
    struct mbx_hasher *h;
    struct ftl_digest *sha;
    char *buf;                 /* PLAIN_BLOCK */
    size_t pos, len;           /* unread part of buf */
};

static ssize_t plain_pull(void *ud, void *buf, size_t n, struct ftl_err *err)
{
    struct plain *p = ud;
    ssize_t got;

    if (p->pos == p->len) {
        do {
            got = read(p->fd, p->buf, PLAIN_BLOCK);
        } while (got < 0 && errno == EINTR);
        if (got < 0)
            return ftl_err_set(err, FTL_EIO, "%s: read error at offset "
                               "%lld: %s", p->path, (long long)p->off,
                               strerror(errno)), -1;
        if (got == 0)
            return 0;
        mbx_hasher_update(p->h, p->sha, p->buf, (size_t)got);
        p->off += got;
        p->pos = 0;
        p->len = (size_t)got;
    }
    if (n > p->len - p->pos)
        n = p->len - p->pos;
    memcpy(buf, p->buf + p->pos, n);
    p->pos += n;
    return (ssize_t)n;
}

static int plain_sha256(void *ud, char hex[65], int64_t *hashed,
                        struct ftl_err *err)
{
    struct plain *p = ud;
    char buf[65536];
    ssize_t n;

    /* Bytes the parser did not need (after the last message) still
     * belong to the evidence. */
    while ((n = plain_pull(p, buf, sizeof(buf), err)) > 0)
        ;
    mbx_hasher_sync(p->h);
    ftl_digest_final(p->sha, NULL, hex);
    *hashed = p->off;
    return n < 0 ? err->code : FTL_OK;
}
/* What the first bytes look like. */
static int detect(const char *h, size_t n)
{
    size_t i;

    if (n >= 5 && !memcmp(h, "From ", 5))
        return F_MBOX;
    if (n >= 5 && !memcmp(h, "\1\1\1\1", 4) && (h[4] == '\n' ||
                                               h[4] == '\r'))
        return F_MMDF;
    /* A header line: field name (printable, no ':' or space), ':'. */
    for (i = 0; i < n && h[i] > ' ' && h[i] < 0x7f && h[i] != ':'; i++)
        ;
    if (i > 0 && i < n && h[i] == ':')
        return F_EML;
    return F_AUTO;             /* not mail */
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

/* Is [from, to) of the stream only white space?  Looks at 4 KiB. */
static int region_blank(GMimeStream *in, int64_t from, int64_t to)
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

/* Length of the MMDF separator line (^A^A^A^A and its line end) at
 * 'off', 0 when there is none there. */
static int64_t mmdf_sep(GMimeStream *in, int64_t off)
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

/* Offset of the MMDF separator line just before the headers at 'hdr'
 * (GMime does not give it), or hdr when there is none. */
static int64_t mmdf_start(GMimeStream *in, int64_t hdr)
{
    int64_t k;

    for (k = 5; k <= 6 && k <= hdr; k++)
        if (mmdf_sep(in, hdr - k) == k)
            return hdr - k;
    return hdr;
}

/* Offset of the next separator line that starts after 'from' ("From "
 * for mbox, ^A^A^A^A for MMDF), or -1 when the stream ends first. */
static int64_t next_marker(const struct item *it, int64_t from)
{
    const char *pat = it->format == F_MBOX ? "\nFrom " : "\n\1\1\1\1";
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

/* (Re)start the parser at stream offset 'off'. */
static void parser_start(struct item *it, int64_t off)
{
    g_mime_stream_seek(it->in, off, GMIME_STREAM_SEEK_SET);
    if (!it->parser)
        it->parser = g_mime_parser_new();
    g_mime_parser_init_with_stream(it->parser, it->in);
    g_mime_parser_set_format(it->parser, it->format == F_MBOX
                             ? GMIME_FORMAT_MBOX : it->format == F_MMDF
                             ? GMIME_FORMAT_MMDF : GMIME_FORMAT_MESSAGE);
    g_mime_parser_set_respect_content_length(it->parser,
                                             !it->o->ignore_cl);
}

/* GMime could not build a message at 'from' (an unescaped "From " line
 * in a body followed by text that is no header, say), and its parser
 * returns nothing from then on.  Report the bytes up to the next
 * separator and start the parser again there.  Returns 0 when it was
 * restarted (*from is the separator's offset), 1 when no separator
 * follows (what is left is reported after the loop). */
static int skip_unparsed(struct item *it, int64_t *from)
{
    int64_t next = next_marker(it, *from), first_nul, k;

    if (next < 0)
        return 1;
    /* MMDF: the separator found may close the damaged message; the next
     * one opens the following message */
    if (it->format == F_MMDF && (k = mmdf_sep(it->in, next)) &&
        mmdf_sep(it->in, next + k))
        next += k;
    warn_at(it, *from, "bytes %lld to %lld could not be read as a message "
            "(damaged, or a separator line inside a message); skipped",
            (long long)*from, (long long)next);
    it->damaged = 1;
    mbx_stream_nuls(it->in, *from, next, &first_nul);  /* not a message's */
    *from = next;
    parser_start(it, next);
    mbx_stream_forget(it->in, next);
    return 0;
}

static const char *fmt_name(int f)
{
    return f == F_MBOX ? "mbox" : f == F_MMDF ? "mmdf" : "eml";
}

/* Where a file sits: maildir (".../cur/NAME") or a lone message. */
static void place(struct item *it, const char *path)
{
    const char *base = strrchr(path, '/'), *dir;
    size_t dl;

    base = base ? base + 1 : path;
    snprintf(it->base_loc, sizeof(it->base_loc), "%s", base);
    if (base - path < 5)
        return;
    for (dir = base - 2; dir > path && dir[-1] != '/'; dir--)
        ;
    dl = (size_t)(base - 1 - dir);
    if (dl == 3 && (!strncmp(dir, "cur", 3) || !strncmp(dir, "new", 3) ||
                    !strncmp(dir, "tmp", 3))) {
        it->maildir = 1;
        snprintf(it->base_loc, sizeof(it->base_loc), "%.3s/%s", dir, base);
        it->delivered = maildir_time(base);
    }
}

/* GMime is initialised once per process and shut down at exit: the disk
 * collector calls collect_src() once per mail file, and GMime 3.2 does
 * not survive g_mime_init() after a full g_mime_shutdown() (GLib
 * criticals about its freed tables). */
static void gmime_shutdown_at_exit(void)
{
    g_mime_shutdown();
}

static void gmime_use(void)
{
    static int initialised;

    if (initialised)
        return;
    initialised = 1;
    g_mime_init();
    atexit(gmime_shutdown_at_exit);
}

/* The digest thread, likewise started once (a maildir inside a disk
 * image is thousands of collect_src() calls) and stopped at exit.  NULL
 * when there is none: everything is then hashed in the caller. */
static struct mbx_hasher *the_hasher;

static void hasher_stop_at_exit(void)
{
    mbx_hasher_stop(the_hasher);
    the_hasher = NULL;
}

static struct mbx_hasher *hasher_use(void)
{
    static int started;

    if (!started) {
        started = 1;
        if ((the_hasher = mbx_hasher_start()))
            atexit(hasher_stop_at_exit);
    }
    return the_hasher;
}

/* Read one evidence item from 'src' (opened, nothing read yet).  The
 * evidence row is created here.  'probe': skip silently (FTL_DONE) when
 * the bytes do not look like mail.  'reread': the plain file holding
 * exactly the content, or NULL. */
static int collect_stream(struct col_ctx *ctx, const struct opts *o,
                          const struct input *in, const char *name,
                          int64_t parent_id, const char *inner_path,
                          int probe, struct ftl_err *err)
{
    struct tl_evidence ev = { 0 };
    struct item it;
    const char *head;
    const char *charsets[] = { "utf-8", "windows-1252", "iso-8859-1",
                               NULL };
    char options[200], note[128], sha[65], *parent_path;
    ssize_t hn;
    struct col_counts mark;
    int64_t prev_end = 0, last_off = 0, top, hashed;
    int rc = FTL_OK, status, eof, fd = -1, read_err = 0, mmdf_open = 0;

    memset(&it, 0, sizeof(it));
    it.ctx = ctx;
    it.o = o;
    it.name = name;
    it.hasher = hasher_use();
    g_queue_init(&it.pending);
    it.lim = o->lim;
    if (!it.lim.max_depth)
        it.lim.max_depth = 4;
    if (!it.lim.max_members)
        it.lim.max_members = 10000;
    if (!it.lim.max_bytes)
        it.lim.max_bytes = (int64_t)256 << 20;
    it.mtime = in->mtime;
    place(&it, inner_path ? inner_path : name);
    if (in->reread_fd >= 0 && (fd = dup(in->reread_fd)) < 0)
        return ftl_err_set(err, FTL_EIO, "'%s': %s", name, strerror(errno));
    if (!(it.in = mbx_stream_new(in->pull, in->ud, fd, err)))
        return err->code;
    hn = mbx_stream_peek(it.in, PEEK_BYTES, &head);
    it.format = o->format ? o->format : detect(head, hn > 0 ? (size_t)hn
                                                            : 0);
    if (probe && hn < 0) {
        /* unreadable, which is not the same as "not mail" */
        if (!mbx_stream_error(it.in, err))
            ftl_err_set(err, FTL_ENOMEM, "out of memory");
        g_object_unref(it.in);
        return err->code;
    }
    if (probe && (it.format == F_AUTO || hn == 0)) {
        g_object_unref(it.in);
        return FTL_DONE;
    }
    if (it.format == F_AUTO)
        it.format = F_EML;     /* named explicitly: let GMime judge */
    if (it.format != F_EML)
        it.maildir = 0, it.delivered = 0;

    snprintf(options, sizeof(options), "format=%s%s", fmt_name(it.format),
             it.maildir ? " maildir" : "");
    if (it.format == F_MBOX)
        snprintf(options + strlen(options), sizeof(options) -
                 strlen(options), " content-length=%s",
                 o->ignore_cl ? "ignored" : "respected");
    ev.kind = "mailbox";
    /* A child item keeps its parent's path; its place is inner_path. */
    parent_path = parent_id ? tl_evidence_path(ctx->st, parent_id) : NULL;
    ev.path = parent_path ? parent_path : name;
    ev.inner_path = inner_path;
    ev.parent_id = parent_id;
    ev.size = in->size;
    ev.mtime = in->mtime;
    ev.options = options;
    ev.audit_id = ctx->audit_id;
    col_ctx_mark(ctx, &mark);
    rc = tl_evidence_begin(ctx->st, &ev, &it.evid, err);
    free(parent_path);
    if (rc) {
        g_object_unref(it.in);
        return rc;
    }

    it.popts = g_mime_parser_options_new();
    g_mime_parser_options_set_fallback_charsets(it.popts, charsets);
    g_mime_parser_options_set_warning_callback(it.popts, on_gmime_warning,
                                               &it);
    parser_start(&it, 0);

    for (;;) {
        GMimeMessage *msg;
        int64_t off, hdr, end, nuls, first_nul, k;

        it.msg_off = prev_end;
        msg = g_mime_parser_construct_message(it.parser, it.popts);
        if (!msg) {
            if (it.format == F_EML || skip_unparsed(&it, &prev_end))
                break;
            continue;
        }
        hdr = g_mime_parser_get_headers_begin(it.parser);
        off = it.format == F_MBOX
              ? g_mime_parser_get_mbox_marker_offset(it.parser)
              : it.format == F_MMDF ? mmdf_start(it.in, hdr) : hdr;
        if (off < 0)
            off = hdr;
        end = g_mime_parser_tell(it.parser);
        it.msg_off = off;
        if (off > prev_end && !region_blank(it.in, prev_end, off))
            warn_at(&it, prev_end, "%lld bytes before the message at "
                    "offset %lld are not part of any message; skipped",
                    (long long)(off - prev_end), (long long)off);
        nuls = mbx_stream_nuls(it.in, off, end, &first_nul);
        if (nuls)
            warn_at(&it, first_nul, "message at offset %lld holds %lld "
                    "NUL byte%s (first at offset %lld)", (long long)off,
                    (long long)nuls, nuls == 1 ? "" : "s",
                    (long long)first_nul);
        rc = message(&it, msg, off, hdr, end, err);
        g_object_unref(msg);
        if (rc >= 0)           /* the digests finished meanwhile */
            rc = pending(&it, 0, err);
        if (rc < 0)
            break;
        prev_end = end;
        last_off = off;
        if (it.format == F_MMDF) {
            /* GMime 3.2 parses one MMDF message per parser (the next
             * call never leaves its content state): step over the
             * closing separator and start a new one. */
            if (!(k = mmdf_sep(it.in, end)))
                mmdf_open = 1;
            prev_end = end + k;
            parser_start(&it, prev_end);
        }
        mbx_stream_forget(it.in, end);
        col_progress(ctx, "%s: %lld messages, %lld MiB", name,
                     (long long)it.n_msgs,
                     (long long)(mbx_stream_pulled(it.in, NULL) >> 20));
        if (it.format == F_EML)
            break;             /* one message per file */
    }
    if (rc >= 0)
        rc = pending(&it, 1, err);
    if (rc >= 0) {
        struct ftl_err e2 = { 0 };

        top = mbx_stream_pulled(it.in, &eof);
        if ((read_err = mbx_stream_error(it.in, &e2))) {
            warn_at(&it, top, "%s", e2.msg);
            it.damaged = 1;
        }
        if (it.format != F_EML && top > prev_end &&
            !region_blank(it.in, prev_end, top))
            warn_at(&it, prev_end, "%lld bytes after the last message "
                    "are not part of any message (no %s separator)",
                    (long long)(top - prev_end),
                    it.format == F_MBOX ? "\"From \"" : "MMDF");
        if (mmdf_open) {
            warn_at(&it, top, "the last message (at offset %lld) ends "
                    "without its closing MMDF separator: it may be cut "
                    "short", (long long)last_off);
            it.damaged = 1;
        }
        if (it.format == F_MBOX && it.n_msgs && eof &&
            mbx_stream_last(it.in) != '\n') {
            warn_at(&it, top, "the mbox ends without a final newline: "
                    "the last message (at offset %lld) may be cut short",
                    (long long)last_off);
            it.damaged = 1;
        }
        if (!it.n_msgs)
            warn_at(&it, 0, "no message could be read (not an %s file?)",
                    fmt_name(it.format));
    }
    g_object_unref(it.parser);
    g_mime_parser_options_free(it.popts);
    g_object_unref(it.in);
    mbx_hasher_sync(it.hasher); /* the queue may still name our digests */
    g_queue_clear_full(&it.pending, (GDestroyNotify)pending_free);
    free(it.hops);
    if (rc < 0)
        goto fail;
    if ((rc = in->sha256(in->ud, sha, &hashed, err))) {
        /* A read error loses what follows, not what was read: the item
         * is partial, with the digest of the bytes before the error. */
        if (!read_err)
            warn_at(&it, hashed, "%s", err->msg);
        ftl_err_clear(err);
        snprintf(note, sizeof(note), "sha256 of the first %lld bytes: "
                 "read error at %lld", (long long)hashed, (long long)hashed);
        if ((rc = tl_evidence_note(ctx->st, it.evid, note, err)))
            goto fail;
        it.damaged = 1;
    }
    status = !it.n_msgs ? TL_EV_FAILED
             : it.damaged ? TL_EV_PARTIAL : TL_EV_COMPLETE;
    if (!it.n_msgs)
        col_report(ctx, COL_ERROR, "%s: no message could be read", name);
    else if (!probe)
        col_report(ctx, COL_INFO, "%s: %s, %lld message%s, %lld "
                   "attachment%s, %lld archive member%s", name,
                   fmt_name(it.format), (long long)it.n_msgs,
                   it.n_msgs == 1 ? "" : "s", (long long)it.n_att,
                   it.n_att == 1 ? "" : "s", (long long)it.n_members,
                   it.n_members == 1 ? "" : "s");
    rc = col_evidence_end(ctx, it.evid, name, sha, NULL, status, err);
    return rc < 0 ? rc : FTL_OK;
fail:
    col_abort(ctx, it.evid, &mark);
    return rc;
}

/* One file on the host. */
static int collect_file(struct col_ctx *ctx, const struct opts *o,
                        const char *path, int probe, struct ftl_err *err)
{
    struct input in;
    struct plain p;
    struct col_src *src;
    struct stat sb;
    unsigned char head[6];
    ssize_t hn;
    int rc;

    memset(&p, 0, sizeof(p));
    p.path = path;
    p.h = hasher_use();
    /* Read-only, access time untouched where allowed (as col_src), and
     * without waiting for a writer should the name be a FIFO (refused
     * below; O_NONBLOCK does nothing to a regular file). */
    p.fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOATIME);
    if (p.fd < 0 && errno == EPERM)
        p.fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (p.fd < 0)
        return ftl_err_set(err, FTL_EIO, "cannot open '%s': %s", path,
                           strerror(errno));
    if (fstat(p.fd, &sb) != 0) {
        rc = ftl_err_set(err, FTL_EIO, "cannot read '%s': %s", path,
                         strerror(errno));
        close(p.fd);
        return rc;
    }
    if (!S_ISREG(sb.st_mode)) {
        close(p.fd);
        return ftl_err_set(err, FTL_EIO, "cannot read '%s': %s", path,
                           S_ISDIR(sb.st_mode) ? "is a directory"
                                               : "not a regular file");
    }
    memset(&in, 0, sizeof(in));
    in.size = sb.st_size;
    in.reread_fd = -1;
    tl_time_from_sec(sb.st_mtim.tv_sec, sb.st_mtim.tv_nsec, &in.mtime);
    hn = pread(p.fd, head, sizeof(head), 0);
    if (col_src_sniff(head, hn > 0 ? (size_t)hn : 0)) {
        /* .gz, .bz2, .xz: col_src decompresses (from this descriptor);
         * the content is spooled for re-reads. */
        if ((rc = col_src_open_fd(&src, path, p.fd, 1, 1, err)) == FTL_OK) {
            in.pull = src_pull;
            in.ud = src;
            in.sha256 = src_sha256;
            rc = collect_stream(ctx, o, &in, path, 0, NULL, probe, err);
            col_src_close(src);
        }
        close(p.fd);
        return rc;
    }
    posix_fadvise(p.fd, 0, 0, POSIX_FADV_SEQUENTIAL);
    if (!(p.buf = malloc(PLAIN_BLOCK))) {
        close(p.fd);
        return ftl_err_set(err, FTL_ENOMEM, "out of memory");
    }
    if ((rc = ftl_digest_new(&p.sha, FTL_SHA256, err))) {
        free(p.buf);
        close(p.fd);
        return rc;
    }
    in.pull = plain_pull;
    in.ud = &p;
    in.reread_fd = p.fd;       /* re-reads with pread(): same file */
    in.sha256 = plain_sha256;
    rc = collect_stream(ctx, o, &in, path, 0, NULL, probe, err);
    mbx_hasher_sync(p.h);      /* the digest may still be queued */
    ftl_digest_free(p.sha);
    free(p.buf);
    close(p.fd);
    return rc;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* What a directory walk found. */
struct walk {
    int64_t n_ok;              /* mail files read (or already in the case) */
    int64_t n_skip;            /* other files */
};

/* After one entry of a walk: an error is reported and counted as a
 * failed item and the walk goes on, unless the case could not be
 * written. */
static int walk_error(struct col_ctx *ctx, int rc, struct ftl_err *err)
{
    if (rc >= 0 || rc == FTL_EDB || rc == FTL_ENOMEM)
        return rc;
    col_report(ctx, COL_ERROR, "%s", err->msg);
    ftl_err_clear(err);
    ctx->n_failed++;
    return FTL_OK;
}

/* Walk a directory: every regular file that looks like mail is one
 * evidence item; others are counted and skipped.  Symbolic links are
 * not followed (a store must not be read twice or escape its tree);
 * they, entries that cannot be examined and directories nested too deep
 * are mentioned.  Returns an error when 'dir' cannot be listed or the
 * case could not be written. */
static int walk_dir(struct col_ctx *ctx, const struct opts *o,
                    const char *dir, struct walk *w, int depth,
                    struct ftl_err *err)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    char **names = NULL;
    size_t n = 0, cap = 0, i;
    int rc = FTL_OK;

    if (!d)
        return ftl_err_set(err, FTL_EIO, "cannot open directory '%s': %s",
                           dir, strerror(errno));
    while ((de = readdir(d))) {
        if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
            continue;
        if (n == cap) {
            char **nn = realloc(names, (cap = cap ? cap * 2 : 64) *
                                sizeof(*names));

            if (!nn) {
                rc = ftl_err_set(err, FTL_ENOMEM, "out of memory");
                break;
            }
            names = nn;
        }
        if (!(names[n] = g_strdup_printf("%s/%s", dir, de->d_name))) {
            rc = ftl_err_set(err, FTL_ENOMEM, "out of memory");
            break;
        }
        n++;
    }
    closedir(d);
    if (names)
        qsort(names, n, sizeof(*names), by_name);
    for (i = 0; i < n && rc >= 0; i++) {
        struct stat sb;

        if (lstat(names[i], &sb) != 0) {
            col_report(ctx, COL_WARN, "'%s' skipped: %s", names[i],
                       strerror(errno));
            w->n_skip++;
        } else if (S_ISLNK(sb.st_mode)) {
            col_report(ctx, COL_WARN, "'%s' skipped: a symbolic link is "
                       "not followed", names[i]);
            w->n_skip++;
        } else if (S_ISDIR(sb.st_mode) && depth >= 64) {
            col_report(ctx, COL_WARN, "'%s' skipped: directories nested "
                       "deeper than 64 levels are not walked", names[i]);
            w->n_skip++;
        } else if (S_ISDIR(sb.st_mode)) {
            rc = walk_dir(ctx, o, names[i], w, depth + 1, err);
        } else if (!S_ISREG(sb.st_mode)) {
            w->n_skip++;
        } else if ((rc = collect_file(ctx, o, names[i], 1, err)) ==
                   FTL_DONE) {
            w->n_skip++;
            rc = FTL_OK;
        } else if (rc == FTL_OK) {
            w->n_ok++;
        }
        rc = walk_error(ctx, rc, err);
    }
    for (i = 0; i < n; i++)
        g_free(names[i]);
    free(names);
    return rc;
}

/* One path of the command line: a directory (walked) or a file. */
static int mailbox_one(struct col_ctx *ctx, void *optsp, const char *path,
                       struct ftl_err *err)
{
    const struct opts *o = optsp;
    struct walk w = { 0, 0 };
    struct stat sb;
    int rc;

    if (stat(path, &sb) != 0 || !S_ISDIR(sb.st_mode))
        return collect_file(ctx, o, path, 0, err);
    if ((rc = walk_dir(ctx, o, path, &w, 0, err)) < 0)
        return rc;
    col_report(ctx, COL_INFO, "%s: %lld mail file%s read, %lld other "
               "file%s skipped", path, (long long)w.n_ok,
               w.n_ok == 1 ? "" : "s", (long long)w.n_skip,
               w.n_skip == 1 ? "" : "s");
    if (!w.n_ok)
        return ftl_err_set(err, FTL_ERR, "'%s': no mail file in it could "
                           "be read", path);
    return FTL_OK;
}

static int mailbox_run(struct col_ctx *ctx, void *optsp, char **paths,
                       int n, struct ftl_err *err)
{
    gmime_use();
    return col_run_each(ctx, paths, n, mailbox_one, optsp, "mail store",
                        err);
}

static int mailbox_collect_src(struct col_ctx *ctx, struct col_src *src,
                               int64_t parent_id, const char *inner_path,
                               struct ftl_err *err)
{
    static const struct opts dflt;
    struct input in;

    memset(&in, 0, sizeof(in));
    in.pull = src_pull;
    in.ud = src;
    in.reread_fd = -1;
    in.size = col_src_size(src);
    in.mtime = col_src_mtime(src);
    in.sha256 = src_sha256;
    gmime_use();
    /* The disk collector hands over what sits where mail is kept; a
     * file there that is not mail (an index, a lock file) gives
     * FTL_DONE without an evidence row, and the caller records it as
     * not recognised. */
    return collect_stream(ctx, &dflt, &in, col_src_name(src), parent_id,
                          inner_path, 1, err);
}

const struct col_ops col_mailbox = {
    .name = "mailbox",
    .summary = "mail stores: mbox, MMDF, maildir, .eml (GMime), "
               "attachments hashed",
    .usage =
        "usage: ftl collect mailbox [-c CASE] [--tz ZONE] [--iocs FILE | "
        "--no-iocs]\n"
        "                           [--format auto|mbox|mmdf|eml] "
        "[--ignore-content-length]\n"
        "                           [--no-archives] [--max-depth N] "
        "[--max-members N]\n"
        "                           [--max-unpacked SIZE] PATH...\n"
        "\n"
        "Reads mail stores read-only with GMime: mbox files (\"From \" "
        "lines, mboxo/mboxrd,\n"
        "Content-Length stores, Thunderbird/Gmail exports), MMDF, single "
        "messages (.eml)\n"
        "and maildir message files; a directory is walked and every file "
        "that looks like\n"
        "mail is one evidence item.  Compressed files (.gz, .bz2, .xz) "
        "are read through.\n"
        "\n"
        "Per message: a 'messages' row, a Sent Time event (Date:), a "
        "Recorded Time event\n"
        "per Received: hop, and for maildir files the delivery time from "
        "the file name.\n"
        "Per leaf part with a file name or non-text content: an "
        "'attachments' row with the\n"
        "decoded name, type, size, MD5 and SHA-256 of the decoded bytes; "
        "archives attached\n"
        "(tar, tgz, zip, gz, ...) are listed member by member without "
        "writing anything.\n"
        "Member names with shell metacharacters are indicator hits "
        "(CVE-2023-2868).\n"
        "\n"
        "      --format F      auto (default): From line = mbox, ^A^A^A^A "
        "= MMDF, else one\n"
        "                      message per file\n"
        "      --ignore-content-length  split an mbox on \"From \" lines "
        "only (default:\n"
        "                      a Content-Length header is respected)\n"
        "      --no-archives   do not list the members of attached "
        "archives\n"
        "      --max-depth N   archives inside archives listed down to N "
        "levels (default 4)\n"
        "      --max-members N member rows per attachment (default "
        "10000)\n"
        "      --max-unpacked SIZE  decompressed bytes per attachment "
        "(default 256M)\n"
        "      --tz ZONE       zone for a Date: without one (default "
        "UTC; flagged)\n",
    .longopts = longopts,
    .uses_iocs = 1,
    .uses_tz = 1,
    .opts_size = sizeof(struct opts),
    .opt = mailbox_opt,
    .run = mailbox_run,
    .collect_src = mailbox_collect_src,
};
