/*
 * collectors/mailbox/place.c - what the place of a message file says
 *
 * A message file's bytes say who sent what (its headers, hops and
 * attachments: the content, stored once); where the file sits says when
 * it was delivered (a maildir name carries the delivery time) and when
 * the file last changed.  The same bytes found at a second place (a copy
 * in new/ and in cur/, one inside an image and one outside) are one
 * evidence item with two places, and each place gets its own events,
 * linked to the one message: the analysis counts one message, the
 * timeline shows both deliveries.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <string.h>

#include "collectors/mailbox/mailbox_int.h"

int mbx_site_events(struct col_ctx *ctx, const struct mbx_site *w,
                    const struct mbx_about *a, struct ftl_err *err)
{
    struct tl_event ev;
    char text[1200];
    int rc;

    memset(&ev, 0, sizeof(ev));
    ev.source = "MAIL";
    ev.evidence_id = a->evid;
    ev.msg_id = a->msg_id;
    ev.message = text;
    ev.flags = a->flags;
    ev.locator = w->base_loc;
    if (w->delivered) {
        snprintf(text, sizeof(text), "Delivered to maildir as '%s': '%s' "
                 "from %s [Message-ID <%s>]", w->base_loc, a->subj,
                 a->sender ? a->sender : "?", a->mid ? a->mid : "");
        mbx_long_text(text);
        ev.ts = w->delivered;
        ev.ts_desc = "Delivery Time";
        ev.artifact = "mail:delivery";
        if ((rc = col_event(ctx, &ev, NULL, err)) < 0)
            return rc;
    }
    if (w->maildir && w->mtime) {
        snprintf(text, sizeof(text), "Maildir file '%s' last modified: "
                 "'%s' from %s [Message-ID <%s>]", w->base_loc, a->subj,
                 a->sender ? a->sender : "?", a->mid ? a->mid : "");
        mbx_long_text(text);
        ev.ts = w->mtime;
        ev.prec = 9;
        ev.ts_desc = "Content Modification Time";
        ev.artifact = "mail:file";
        if ((rc = col_event(ctx, &ev, NULL, err)) < 0)
            return rc;
    }
    return FTL_OK;
}

struct places {
    struct col_ctx *ctx;
    const struct tl_message_brief *msg;
    int64_t evid;
    char subj[240];
    struct ftl_err *err;
    int rc;
};

/* One place of the item: its events, and the message seen then. */
static int one_place(int64_t place_id, const struct tl_evidence *place,
                     void *payload)
{
    struct places *p = payload;
    struct mbx_site w;
    struct mbx_about a;

    (void)place_id;
    mbx_site_of(&w, place->inner_path && *place->inner_path
                     ? place->inner_path : place->path);
    if (!w.maildir)
        return 0;
    w.mtime = place->mtime;
    a.evid = p->evid;
    a.msg_id = p->msg->id;
    a.subj = p->subj;
    a.sender = *p->msg->sender ? p->msg->sender : NULL;
    a.mid = p->msg->message_id;
    a.flags = p->msg->flags & TL_F_IOC;
    if ((p->rc = mbx_site_events(p->ctx, &w, &a, p->err)) < 0 ||
        (w.delivered && (p->rc = tl_message_seen(p->ctx->st, p->msg->id,
                                                 w.delivered, p->err))))
        return 1;
    return 0;
}

int mbx_places_recorded(struct col_ctx *ctx, int64_t replaced,
                        struct ftl_err *err)
{
    struct tl_message_brief msg;
    struct places p;
    int64_t place_id, evid = col_evidence_holder(ctx, &place_id);
    int rc;

    if (!evid || (!place_id && ctx->n_replaced == replaced))
        return FTL_OK;         /* no place is new to the holder */
    /* a single message, read from a message file; an mbox's places say
     * nothing of its messages */
    if ((rc = tl_message_only(ctx->st, evid, &msg, err)))
        return rc == FTL_DONE ? FTL_OK : rc;
    memset(&p, 0, sizeof(p));
    p.ctx = ctx;
    p.msg = &msg;
    p.evid = evid;
    p.err = err;
    mbx_printable(p.subj, sizeof(p.subj), msg.subject);
    /* every place: the events of those already written are not added
     * again (the events' unique key) */
    rc = tl_places_each(ctx->st, evid, one_place, &p, err);
    tl_message_brief_clear(&msg);
    if (rc)
        return p.rc ? p.rc : rc;
    /* the row's counts take in what its places added */
    return tl_evidence_recount(ctx->st, evid, err);
}
