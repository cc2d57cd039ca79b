/*
 * collectors/mailbox/mime.c - the MIME walk: which parts are attachments
 *
 * Per MIME leaf part that has a file name, is marked as an attachment or
 * is neither text nor a message/... report part: an 'attachments' row
 * with the decoded name and type, and the decoded size, MD5 and SHA-256
 * (part.c), and for archives one row per member (archive.c).  Attached
 * messages are walked with their nesting in the part path ("2.1.3"):
 * one without transfer encoding is a row of its own whose parts GMime
 * has parsed; a base64 or quoted-printable one is a leaf to GMime, whose
 * decoded bytes are parsed again here.  A row is completed when the
 * digest thread is through with its MD5 (mbx_pending_finish), between
 * messages; a hash hit then flags the message and its events.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "collectors/mailbox/mailbox_int.h"

#define MIME_DEPTH_MAX FTL_LIMIT_MAIL_MIME_DEPTH

/* An attachment whose digests the hasher is still finishing. */
struct pending {
    struct mbx_final fin;
    int64_t att_id, msg_id, size;
    char *name, *loc, *note;   /* g_malloc'd copies */
};

static int walk(struct mbx_msg *m, GMimeObject *o, const char *path,
                int depth, const struct mbx_where *w, int64_t hdr,
                struct ftl_err *err);

static char *part_child(const char *path, int i)
{
    return *path ? g_strdup_printf("%s.%d", path, i)
                 : g_strdup_printf("%d", i);
}

int64_t mbx_first_header(GMimeObject *o)
{
    GMimeHeaderList *l = g_mime_object_get_header_list(o);
    int i, n = l ? g_mime_header_list_get_count(l) : 0;
    int64_t min = -1, off;

    for (i = 0; i < n; i++) {
        off = g_mime_header_get_offset(g_mime_header_list_get_header_at(l,
                                                                        i));
        if (off >= 0 && (min < 0 || off < min))
            min = off;
    }
    return min;
}

int mbx_walk_body(struct mbx_msg *m, GMimeObject *body, const char *path,
                  int depth, const struct mbx_where *w, struct ftl_err *err)
{
    char *p;
    int rc;

    if (!body)
        return FTL_OK;
    if (GMIME_IS_MULTIPART(body))
        return walk(m, body, path, depth, w, w->hdr, err);
    p = part_child(path, 1);
    rc = walk(m, body, p, depth, w, w->hdr, err);
    g_free(p);
    return rc;
}

/* The attachments row of a part (a leaf or an attached message), its
 * name checked against the indicators; *id receives the row. */
static int part_row(struct mbx_msg *m, const char *path, const char *name,
                    const char *ctype, const char *note, const char *loc,
                    int64_t *id, struct ftl_err *err)
{
    struct mbx_item *it = m->it;
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

/* ------------------------------------------------------------------ */
/* Attached messages                                                   */
/* ------------------------------------------------------------------ */

/* A message attached without transfer encoding: a row for it (its
 * content is its parts, listed under its part path). */
static int attached_message(struct mbx_msg *m, GMimeMessagePart *mp,
                            const char *path, int depth,
                            const struct mbx_where *w, struct ftl_err *err)
{
    GMimeObject *o = (GMimeObject *)mp;
    GMimeMessage *inner = g_mime_message_part_get_message(mp);
    struct mbx_where iw = *w;
    const char *fname;
    char *ctype, *from, *fbuf, loc[600], note[600], subj[200], who[200];
    int64_t id = 0;
    int rc;

    fname = g_mime_object_get_content_disposition_parameter(o, "filename");
    if (!fname)
        fname = g_mime_object_get_content_type_parameter(o, "name");
    fname = mbx_clean(fname, &fbuf);
    ctype = g_mime_content_type_get_mime_type(
        g_mime_object_get_content_type(o));
    mbx_lower(ctype);
    snprintf(loc, sizeof(loc), "%s part %s", m->loc, path);
    if (inner) {
        from = mbx_first_address(g_mime_message_get_from(inner), 0);
        mbx_printable(who, sizeof(who), from ? from : "?");
        g_free(from);
        mbx_printable(subj, sizeof(subj), g_mime_message_get_subject(inner));
        snprintf(note, sizeof(note), "attached message from %s, subject "
                 "'%s'; its parts are listed as %s.N", who, subj, path);
    } else {
        snprintf(note, sizeof(note), "attached message could not be "
                 "parsed");
    }
    rc = part_row(m, path, fname, ctype, note, loc, &id, err);
    if (rc >= 0 && inner) {
        /* its parts lie where it lies, inside the same boundaries */
        iw.hdr = mbx_first_header((GMimeObject *)inner);
        rc = mbx_walk_body(m, g_mime_message_get_mime_part(inner), path,
                           depth + 1, &iw, err);
    }
    g_free(ctype);
    g_free(fbuf);
    return rc;
}

/* An attached message in base64, quoted-printable or uuencode: GMime
 * leaves it a leaf; parse its decoded bytes (spooled, never in memory)
 * with the same options as the evidence and walk it.  *serr receives
 * what stopped the decoded stream, if anything; 'err' what stopped the
 * walk. */
static int encoded_message(struct mbx_msg *m, struct mbx_reader *r,
                           const char *path, int depth, char *note,
                           size_t nn, struct ftl_err *serr,
                           struct ftl_err *err)
{
    struct mbx_item *it = m->it;
    const char *outer = it->nested;
    struct mbx_badlines *outer_bad = it->bad;
    struct mbx_where w = { 0 };
    GMimeStream *s;
    GMimeParser *p;
    GMimeMessage *inner;
    int rc = FTL_OK;

    if (!(s = mbx_stream_new(mbx_reader_pull, r, -1, err)))
        return err->code;      /* out of memory */
    p = g_mime_parser_new_with_stream(s);
    g_mime_parser_set_format(p, GMIME_FORMAT_MESSAGE);
    it->nested = path;
    it->bad = mbx_bad_new(s);  /* NULL: warned about one by one */
    inner = g_mime_parser_construct_message(p, it->popts);
    if (inner) {
        snprintf(note, nn, "attached message (transfer-encoded); its parts "
                 "are listed as %s.N", path);
        w.src = s;
        w.hdr = g_mime_parser_get_headers_begin(p);
        w.end = -1;
        rc = mbx_walk_body(m, g_mime_message_get_mime_part(inner), path,
                           depth + 1, &w, err);
        g_object_unref(inner);
    } else {
        snprintf(note, nn, "attached message (transfer-encoded) could not "
                 "be parsed");
    }
    mbx_bad_flush(it);
    mbx_bad_free(it->bad);
    it->bad = outer_bad;
    it->nested = outer;
    if (rc >= 0)
        mbx_stream_error(s, serr);
    g_object_unref(p);
    g_object_unref(s);
    return rc;
}

/* ------------------------------------------------------------------ */
/* Rows completed when their digests are done                          */
/* ------------------------------------------------------------------ */

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

/* Called between messages, once their events are written: a hash hit
 * flags the message and its events (tl_message_flag_ioc). */
int mbx_pending_finish(struct mbx_item *it, int all, struct ftl_err *err)
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

void mbx_pending_clear(struct mbx_item *it)
{
    mbx_hasher_sync(it->hasher);   /* the queue may still name digests */
    g_queue_clear_full(&it->pending, (GDestroyNotify)pending_free);
}

/* ------------------------------------------------------------------ */
/* Leaf parts                                                          */
/* ------------------------------------------------------------------ */

/* What a leaf part is: its type, and whether it is recorded. */
struct leaf {
    GMimePart *part;
    const char *path;
    int depth;
    int is_msg;                /* message/rfc822 or message/global */
    char *ctype;               /* "type/subtype", lower-cased; g_free */
    const char *name;          /* decoded file name, or NULL */
    char *fbuf;                /* what of name to g_free */
    char loc[600];
    const char *fix_note;      /* how its headers were read, or NULL */
    int64_t id;                /* its attachments row */
};

/* Is the leaf recorded?  When it has a file name, is marked as an
 * attachment, or is neither text nor a message/... report part.  A
 * message/rfc822 that reaches here was transfer-encoded (GMime parses
 * the others): its content is a message to walk, whatever its name and
 * disposition. */
static int leaf_wanted(struct leaf *l)
{
    GMimeObject *o = (GMimeObject *)l->part;
    GMimeContentType *ct = g_mime_object_get_content_type(o);
    const char *type = ct ? g_mime_content_type_get_media_type(ct) : NULL;
    const char *sub = ct ? g_mime_content_type_get_media_subtype(ct) : NULL;
    const char *disp = g_mime_object_get_disposition(o);
    int encoded;

    switch (g_mime_part_get_content_encoding(l->part)) {
    case GMIME_CONTENT_ENCODING_BASE64:
    case GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE:
    case GMIME_CONTENT_ENCODING_UUENCODE:
        encoded = 1;
        break;
    default:
        encoded = 0;
        break;
    }
    l->is_msg = type && sub && !strcasecmp(type, "message") &&
                (!strcasecmp(sub, "rfc822") || !strcasecmp(sub, "global"));
    if (!g_mime_part_get_filename(l->part) &&
        !(disp && !strcasecmp(disp, "attachment")) &&
        !(l->is_msg && encoded) &&
        (!type || !strcasecmp(type, "text") ||
         !strcasecmp(type, "message")))
        return 0;
    l->ctype = g_strdup_printf("%s/%s", type ? type : "text",
                               sub ? sub : "plain");
    mbx_lower(l->ctype);
    return 1;
}

/* Read the content for what is inside it: an attached message walked,
 * or an archive's members listed.  'note' receives what to say of a
 * message, 'a' the archive listing's counts and note. */
static int leaf_inside(struct mbx_msg *m, struct leaf *l,
                       struct mbx_reader *r, struct mbx_att *a, char *note,
                       size_t nn, struct ftl_err *serr, struct ftl_err *err)
{
    struct mbx_item *it = m->it;
    int rc = FTL_OK;

    memset(a, 0, sizeof(*a));
    a->ctx = it->ctx;
    a->evid = it->evid;
    a->evname = it->name;
    a->msg_id = m->msg_id;
    a->message_id = m->message_id;
    a->part_path = l->path;
    a->filename = l->name;
    a->locator = l->loc;
    a->att_id = l->id;
    a->lim = &it->lim;
    if (l->is_msg && l->depth < MIME_DEPTH_MAX)
        rc = encoded_message(m, r, l->path, l->depth, note, nn, serr, err);
    else if (!it->o->no_archives && !mbx_is_zip_document(l->name,
                                                         l->ctype))
        rc = mbx_archive_list(a, mbx_reader_next, r, err);
    if (rc < 0)
        return rc;
    it->n_members += a->n_members;
    m->hits += a->n_hits;
    return FTL_OK;
}

/* The non-empty sentences of 'part' joined with "; ". */
static void note_join(char *out, size_t n, const char *const *part,
                      int count)
{
    size_t k = 0;
    int i;

    *out = '\0';
    for (i = 0; i < count && k < n; i++)
        if (part[i] && *part[i])
            k += (size_t)snprintf(out + k, n - k, "%s%s", k ? "; " : "",
                                  part[i]);
}

/* Read the rest, say what was wrong with the content, and queue the row
 * to be completed once the hasher is through (mbx_pending_finish).  An
 * encoding that was odd but decoded whole (base64 without its padding)
 * is said, but is no damage: nothing of the content was lost. */
static int leaf_finish(struct mbx_msg *m, struct leaf *l,
                       struct mbx_reader *r, const struct mbx_att *a,
                       const char *inner_note, const struct ftl_err *serr,
                       struct ftl_err *err)
{
    struct mbx_item *it = m->it;
    struct pending *pd;
    const char *problem, *odd, *said[5];
    char note[1000];
    int64_t size;

    if (!(pd = g_try_new0(struct pending, 1)))
        return ftl_err_set(err, FTL_ENOMEM, "out of memory");
    mbx_reader_finish(r, &size, &pd->fin, &problem, &odd);
    said[0] = l->fix_note;
    said[1] = inner_note;
    said[2] = a->note;
    said[3] = odd;
    said[4] = problem;
    note_join(note, sizeof(note), said, 5);
    if (problem || odd)
        mbx_warn_at(it, it->msg_off, "message at offset %lld, attachment %s "
                    "('%s'): %s", (long long)it->msg_off, l->path,
                    l->name ? l->name : "", problem ? problem : odd);
    if (problem) {
        it->damaged = 1;
    } else if (serr->code) {
        /* the content was read, but not parsed to its end (spool) */
        mbx_warn_at(it, it->msg_off, "message at offset %lld, attached "
                    "message %s: %s", (long long)it->msg_off, l->path,
                    serr->msg);
        it->damaged = 1;
    }
    pd->att_id = l->id;
    pd->msg_id = m->msg_id;
    pd->size = size;
    pd->name = g_strdup(l->name);
    pd->loc = g_strdup(l->loc);
    pd->note = *note ? g_strdup(note) : NULL;
    g_queue_push_tail(&it->pending, pd);
    return FTL_OK;
}

/* A leaf part: its row, what is inside it, its digests. */
static int leaf(struct mbx_msg *m, GMimePart *part, const char *path,
                int depth, const char *fix_note, struct ftl_err *err)
{
    struct leaf l;
    struct mbx_reader *r = NULL;
    struct mbx_att a;
    struct ftl_err serr = { 0 };
    char inner_note[300] = "";
    int rc;

    memset(&l, 0, sizeof(l));
    l.part = part;
    l.path = path;
    l.depth = depth;
    l.fix_note = fix_note;
    if (!leaf_wanted(&l))
        return FTL_OK;
    l.name = mbx_clean(g_mime_part_get_filename(part), &l.fbuf);
    snprintf(l.loc, sizeof(l.loc), "%s part %s", m->loc, path);
    if ((rc = part_row(m, path, l.name, l.ctype, NULL, l.loc, &l.id,
                       err)) >= 0 &&
        (rc = mbx_reader_open(&r, part, m->it->hasher, err)) == FTL_OK &&
        (rc = leaf_inside(m, &l, r, &a, inner_note, sizeof(inner_note),
                          &serr, err)) == FTL_OK)
        rc = leaf_finish(m, &l, r, &a, inner_note, &serr, err);
    mbx_reader_free(r);
    g_free(l.ctype);
    g_free(l.fbuf);
    return rc;
}

/* The children of a multipart, inside its boundary. */
static int walk_children(struct mbx_msg *m, GMimeMultipart *mp,
                         const char *path, int depth,
                         const struct mbx_where *w, struct ftl_err *err)
{
    struct mbx_bound b = { g_mime_multipart_get_boundary(mp), w->bounds };
    struct mbx_where cw = *w;
    int i, n, rc = FTL_OK;

    cw.bounds = &b;
    cw.again = 0;              /* its parts are checked, read again or not */
    n = g_mime_multipart_get_count(mp);
    for (i = 0; i < n && rc >= 0; i++) {
        char *p = part_child(path, i + 1);

        rc = walk(m, g_mime_multipart_get_part(mp, i), p, depth + 1, &cw,
                  -1, err);
        g_free(p);
    }
    return rc;
}

static int walk_one(struct mbx_msg *m, GMimeObject *o, const char *path,
                    int depth, const struct mbx_where *w,
                    const char *fix_note, struct ftl_err *err)
{
    if (GMIME_IS_MULTIPART(o))
        return walk_children(m, (GMimeMultipart *)o, path, depth, w, err);
    if (GMIME_IS_MESSAGE_PART(o))
        return attached_message(m, (GMimeMessagePart *)o, path, depth, w,
                                err);
    if (GMIME_IS_PART(o))
        return leaf(m, (GMimePart *)o, path, depth, fix_note, err);
    return FTL_OK;
}

/* One part, whose headers begin at 'hdr' (-1: at its first header).  A
 * part whose headers run into its content is walked as read again
 * (headers.c). */
static int walk(struct mbx_msg *m, GMimeObject *o, const char *path,
                int depth, const struct mbx_where *w, int64_t hdr,
                struct ftl_err *err)
{
    struct mbx_reread rr;
    struct mbx_where again = { 0 };
    int64_t first = mbx_first_header(o);
    int rc;

    if (depth > MIME_DEPTH_MAX) {
        mbx_warn_at(m->it, m->it->msg_off, "message at offset %lld: parts "
                    "nested deeper than %d levels not walked",
                    (long long)m->it->msg_off, MIME_DEPTH_MAX);
        return FTL_OK;
    }
    if (first >= 0 && (hdr < 0 || first < hdr))
        hdr = first;
    if (mbx_part_reread(m, o, path, w, hdr, &rr) <= 0)
        return walk_one(m, o, path, depth, w, NULL, err);
    again.src = rr.src;
    again.hdr = -1;
    again.end = -1;
    again.again = 1;
    rc = walk_one(m, rr.obj, path, depth, &again, rr.note, err);
    mbx_reread_release(&rr);
    return rc;
}
