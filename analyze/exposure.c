/*
 * analyze/exposure.c - whose personal data, of which kind, was where the
 * attacker could read it, and when (step 4 of an analysis)
 *
 * An item is one message that crossed the gateway inside the window (a
 * group of message_groups, however many sources saw it) or one file of
 * an appliance image that was there inside the window.  An item exposes
 * a person's data of a category through a link, each with a strength:
 *
 *   strong  an attachment or archive member byte-identical (SHA-256) to
 *           an HR document: that document's persons and categories;
 *           the person's register address as sender or recipient:
 *           internal_communication;
 *   medium  an attachment with an HR document's folded file name but
 *           other content;
 *   weak    an attachment name or a subject naming a person next to a
 *           category rule match;
 *
 * and a link through an HR document is no stronger than the document's
 * attribution of the person (id: strong, name: medium); a surname alone
 * is a candidate, not an attribution, and links nobody.  A file on the appliance byte-identical to an HR document or
 * to a linked attachment, or a stored message on it (its mail store)
 * with such links, is channel appliance-storage.  docs/DESIGN.md
 * ("Exposures") gives the reasons; the parts are listed in ex_int.h and
 * the SQL is timeline/exposure*.c.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/ex_int.h"

struct warn_walk {
    struct tl_store *st;
    struct ftl_err *err;
};

static int on_unhashed(int64_t id, const char *path, void *payload)
{
    struct warn_walk *w = payload;
    char msg[600];

    (void)id;
    snprintf(msg, sizeof(msg), "appliance image '%.400s' was collected "
             "without --hash: copies of HR documents, attachments or "
             "stored messages on it cannot be found by their content",
             path ? path : "?");
    return tl_ex_warn(w->st, "exposure-unhashed-image", msg, w->err);
}

/* Say what could not be searched, next to the figures it changes. */
static int warn_gaps(struct an_ctx *c, struct ftl_err *err)
{
    int64_t rules, disks, appliances;
    int rc;

    if ((rc = tl_ex_count_rules(c->st, &rules, err)) ||
        (rc = tl_ex_count_disks(c->st, &disks, &appliances, err)))
        return rc;
    if (!rules && (rc = tl_ex_warn(c->st, "exposure-no-rules", "the case "
                                   "holds no category rules (an HR "
                                   "collection records those it used): "
                                   "attachment names and subjects were not "
                                   "searched for persons (weak links)",
                                   err)))
        return rc;
    if (!disks)
        rc = tl_ex_warn(c->st, "exposure-no-appliance", "the case holds no "
                        "disk image: copies on the appliance "
                        "(appliance-storage) were not searched for", err);
    else if (!appliances)
        rc = tl_ex_warn(c->st, "exposure-no-appliance", "no disk image of "
                        "the case was taken for the appliance's (none holds "
                        "the gateway's log or store, and no indicator hit "
                        "one): copies on it were not searched for", err);
    if (rc)
        return rc;
    return tl_ex_unhashed_each(c->st, on_unhashed,
                               &(struct warn_walk){ c->st, err }, err);
}

/* ---- the links made in C ---------------------------------------------- */

struct msg_walk {
    struct an_ctx *c;
    struct an_names *names;
    struct an_addrs *addrs;
    struct ftl_err *err;
    int64_t last_id;           /* of last_src, a group or a message */
    int last_src;              /* 1 group, 2 message */
    char *last_subject;        /* a group's records often repeat it */
};

static int on_message(const struct tl_ex_msg *m, void *payload)
{
    struct msg_walk *w = payload;
    int rc, seen, src = strcmp(m->src, "group") == 0 ? 1 : 2;

    if ((rc = an_addrs_message(w->addrs, w->c->st, m, w->err)))
        return rc;
    if (!m->subject)
        return 0;
    seen = w->last_src == src && w->last_id == m->id && w->last_subject &&
           strcmp(w->last_subject, m->subject) == 0;
    if (seen)
        return 0;
    free(w->last_subject);
    w->last_src = src;
    w->last_id = m->id;
    if (!(w->last_subject = strdup(m->subject)))
        return ftl_err_set(w->err, FTL_ENOMEM, "out of memory");
    return an_names_subject(w->names, w->c->st, m->src, m->id, m->subject,
                            w->err);
}

static int links(struct an_ctx *c, struct ftl_err *err)
{
    struct msg_walk w;
    int rc;

    memset(&w, 0, sizeof(w));
    w.c = c;
    w.err = err;
    if ((rc = an_names_load(&w.names, c->st, err)) ||
        (rc = an_addrs_load(&w.addrs, c->st, err)))
        goto out;
    if ((rc = an_names_attachments(w.names, c->st, err)) ||
        (rc = an_names_documents(c->st, err)) ||
        (rc = tl_ex_messages_each(c->st, on_message, &w, err)))
        goto out;
    rc = tl_ex_link_documents(c->st, err);
out:
    free(w.last_subject);
    an_names_free(w.names);
    an_addrs_free(w.addrs);
    return rc;
}

/* ---- the summary's categories ----------------------------------------- */

struct cats {
    struct tl_store *st;
    struct ftl_err *err;
    int64_t person;
    struct ftl_buf b;
};

static int flush_cats(struct cats *k)
{
    int rc;

    if (!k->person)
        return FTL_OK;
    rc = tl_ex_summary_categories(k->st, k->person, ftl_buf_str(&k->b),
                                  k->err);
    ftl_buf_reset(&k->b);
    return rc;
}

static int on_category(int64_t person, const char *category, void *payload)
{
    struct cats *k = payload;
    int rc;

    if (person != k->person) {
        if ((rc = flush_cats(k)))
            return rc;
        k->person = person;
    }
    if (ftl_buf_printf(&k->b, k->b.len ? " %s" : "%s", category))
        return ftl_err_set(k->err, FTL_ENOMEM, "out of memory");
    return 0;
}

static int summarise(struct an_ctx *c, struct ftl_err *err)
{
    struct cats k;
    int rc;

    memset(&k, 0, sizeof(k));
    k.st = c->st;
    k.err = err;
    ftl_buf_init(&k.b, 0);
    if (!(rc = tl_ex_summarise(c->st, err)) &&
        !(rc = tl_ex_categories_each(c->st, on_category, &k, err)))
        rc = flush_cats(&k);
    ftl_buf_release(&k.b);
    return rc ? rc : tl_ex_figures(c->st, err);
}

/* ---- the step ---------------------------------------------------------- */

int an_exposures(struct an_ctx *c, struct ftl_err *err)
{
    int64_t exposures = 0, persons = 0, warnings = 0;
    int rc;

    if ((rc = tl_ex_begin(c->st, err)))
        return rc;
    if ((rc = tl_ex_select(c->st, err)) ||
        (rc = warn_gaps(c, err)) ||
        (rc = an_ex_storage(c, err)) ||
        (rc = tl_ex_stored(c->st, err)) ||
        (rc = links(c, err)) ||
        (rc = tl_ex_mark_staged(c->st, err)) ||
        (rc = tl_ex_best(c->st, err)) ||
        (rc = an_ex_rows(c, err)) ||
        (rc = an_ex_events(c, err)) ||
        (rc = summarise(c, err)) ||
        (rc = tl_ex_counts(c->st, &exposures, &persons, &warnings, err)))
        goto out;
    if (c->rep) {
        c->rep->exposures = exposures;
        c->rep->persons = persons;
        c->rep->warnings += warnings;
    }
out:
    tl_ex_end(c->st);
    return rc;
}
