/*
 * collectors/hr/record.c - an HR document into the case: its documents
 * row, the persons and categories found, indicator checks, the problems
 * met reading it, and its events
 *
 * Events, source DOC: the file-system or archive times (artifact
 * doc:fs) and the times written inside the document (doc:meta, located
 * "path//docProps/core.xml"), each with its raw text and a message that
 * sums the document up: type, categories, the one person it is about.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <string.h>

#include "collectors/hr/hrdocs_int.h"

static const char *const fs_desc[4] = {
    "Content Modification Time", "Last Access Time",
    "Metadata Modification Time", "Creation Time",
};

static const char *const fs_what[4] = {
    "modified", "accessed", "metadata changed", "created",
};

/* A document being recorded: what its rows and events share. */
struct rec {
    const struct hr_docin *in;
    int single;               /* see hr_attr_find() */
    int art9;
    int64_t doc_id;
    char loc[HR_PATH_MAX + 64];   /* its locator, made unique */
    unsigned ioc;             /* TL_F_IOC when an indicator matched */
    char summary[640];        /* type, categories, person */
};

/* The documents row as the findings and the reader give it. */
static void doc_row(const struct hr_run *r, const struct rec *c,
                    struct tl_document *d)
{
    const struct hr_docin *in = c->in;
    int i;

    memset(d, 0, sizeof(*d));
    d->evidence_id = r->evid;
    d->path = in->path;
    d->size = in->size;
    d->md5 = in->md5;
    d->sha256 = in->sha256;
    d->type = r->doc.type[0] ? r->doc.type : "unread";
    d->title = r->doc.meta[HR_M_TITLE];
    d->author = r->doc.meta[HR_M_AUTHOR];
    d->last_modified_by = r->doc.meta[HR_M_LASTBY];
    d->revision = r->doc.meta[HR_M_REVISION];
    for (i = r->doc.ntimes - 1; i >= 0; i--) {
        /* The first time of each kind wins (Info before XMP). */
        const struct hr_time *t = &r->doc.times[i];

        if (strcmp(t->desc, "Creation Time") == 0)
            d->created = t->ns;
        else if (strcmp(t->desc, "Content Modification Time") == 0)
            d->modified = t->ns;
        else if (strcmp(t->desc, "Last Printed Time") == 0)
            d->printed = t->ns;
    }
    d->person_ids = r->ids.len ? r->ids.p : NULL;
    d->categories = r->cats.len ? r->cats.p : NULL;
    d->attribution = ftl_buf_str(&r->attr);
    d->art9 = c->art9;
    d->locator = c->loc;
}

/*
 * Add the row under a locator of its own.  The same path twice in an
 * archive: the later one's locator gets " #N", N its member number.
 * Member numbers differ, so two such locators never collide; one can
 * only meet an earlier member that was literally named "path #N", and
 * then " #N" is added again.  Each round needs another such member and
 * makes the locator longer, and past HR_PATH_MAX - 1 bytes (the longest
 * name kept) nothing can be in the way: at most a few hundred rounds,
 * never a failure.
 */
static int add_unique(struct hr_run *r, struct rec *c, struct ftl_err *err)
{
    const struct hr_docin *in = c->in;
    struct tl_document d;
    int rc, renamed = 0;

    snprintf(c->loc, sizeof(c->loc), "%s", in->rel);
    doc_row(r, c, &d);
    while ((rc = tl_document_add(r->ctx->st, &d, &c->doc_id, err)) ==
           FTL_DONE) {
        size_t len = strlen(c->loc);
        char esc[HR_PATH_MAX * 4 + 1];

        if (len + 24 > sizeof(c->loc))      /* cannot happen, see above */
            return ftl_err_set(err, FTL_ERR, "'%s': no unique locator",
                               ftl_esc_msg(esc, sizeof(esc), in->rel, strlen(in->rel)));
        snprintf(c->loc + len, sizeof(c->loc) - len, " #%lld",
                 (long long)in->member);
        renamed = 1;
    }
    if (rc == FTL_OK && renamed)
        hr_item_warn(r, c->loc, "member %lld has the same path as an "
                     "earlier member: its number is added to its locator",
                     (long long)in->member);
    return rc;
}

/* One document_persons row per person found, one document_categories
 * row per category. */
static int add_findings(struct hr_run *r, const struct rec *c,
                        struct ftl_err *err)
{
    size_t j;
    int rc;

    for (j = 0; j < r->npm; j++) {
        const struct hr_pmatch *m = &r->pm[j];

        if ((rc = tl_document_person_add(r->ctx->st, c->doc_id,
                                         r->people->persons[m->person].id,
                                         hr_strength_name(m->strength),
                                         m->field,
                                         r->people->aliases[m->alias].alias,
                                         err)))
            return rc;
    }
    for (j = 0; j < r->ncm; j++) {
        const struct hr_rule *rule = &r->rules->v[r->cm[j].rule];

        if ((rc = tl_document_category_add(r->ctx->st, c->doc_id,
                                           rule->category, rule->art9,
                                           r->cm[j].field, rule->pattern,
                                           r->cm[j].matched, err)))
            return rc;
    }
    return FTL_OK;
}

/* The document's hashes and path against the indicators (none without
 * a pack); the problems met reading it, as warnings under its locator. */
static void check_and_warn(struct hr_run *r, struct rec *c)
{
    const struct hr_docin *in = c->in;
    struct col_ctx *ctx = r->ctx;
    int i, hits = 0;

    if (in->sha256)
        hits += col_ioc_check(ctx, r->evid, TL_T_SHA256, "sha256",
                              in->sha256, in->path, c->loc, 0, 0, 0);
    if (in->md5)
        hits += col_ioc_check(ctx, r->evid, TL_T_MD5, "md5", in->md5,
                              in->path, c->loc, 0, 0, 0);
    hits += col_ioc_check(ctx, r->evid, TL_T_PATH, "path", in->rel,
                          in->path, c->loc, 0, 0, 0);
    c->ioc = hits ? TL_F_IOC : 0;
    for (i = 0; i < r->doc.nnotes; i++)
        hr_item_warn(r, c->loc, "%s", r->doc.notes[i]);
}

/* What every event message ends with: "docx, cv, Jean Dupont". */
static void summarise(const struct hr_run *r, struct rec *c)
{
    const char *cats = ftl_buf_str(&r->cats);

    snprintf(c->summary, sizeof(c->summary), "%s%s%s%s%s",
             r->doc.type[0] ? r->doc.type : "unread", cats[0] ? ", " : "",
             cats, c->single >= 0 ? ", " : c->single == -2
             ? ", several persons" : "",
             c->single >= 0 ? r->people->persons[c->single].name : "");
}

/* The fields every event of the document has. */
static void event_base(const struct hr_run *r, const struct rec *c,
                       struct tl_event *ev, char *msg)
{
    memset(ev, 0, sizeof(*ev));
    ev->source = "DOC";
    ev->evidence_id = r->evid;
    ev->message = msg;
    ev->doc_id = c->doc_id;
    ev->person_id = c->single >= 0 ? r->people->persons[c->single].id : 0;
    ev->flags = c->ioc;
}

/* An event: added, or when the document is attributed again, its
 * message and person rewritten (the event itself is already there). */
static int emit(struct hr_run *r, const struct rec *c, struct tl_event *ev,
                struct ftl_err *err)
{
    if (r->again)
        return tl_document_event_set(r->ctx->st, c->doc_id, ev, err);
    return col_event(r->ctx, ev, NULL, err);
}

/* The file-system or archive times: doc:fs. */
static int fs_events(struct hr_run *r, const struct rec *c,
                     struct ftl_err *err)
{
    const struct hr_docin *in = c->in;
    char msg[HR_PATH_MAX + 1024], raw[TL_TIME_BUFSZ];
    struct tl_event ev;
    int i, rc;

    event_base(r, c, &ev, msg);
    ev.artifact = "doc:fs";
    ev.locator = c->loc;
    ev.raw_time = raw;
    for (i = 0; i < 4; i++) {
        int64_t t = in->fs.t[i];

        if (!t)
            continue;
        tl_time_format_epoch(t, raw);
        ev.prec = in->fs.prec[i];
        snprintf(msg, sizeof(msg), "HR document %s %s (%s) [%s]", in->rel,
                 fs_what[i], in->fs.origin, c->summary);
        ev.ts = t;
        ev.ts_desc = fs_desc[i];
        if ((rc = emit(r, c, &ev, err)) < 0)
            return rc;
    }
    return FTL_OK;
}

/* The times written inside the document: doc:meta. */
static int meta_events(struct hr_run *r, const struct rec *c,
                       struct ftl_err *err)
{
    char msg[HR_PATH_MAX + 1024], meta_loc[HR_PATH_MAX + 160];
    struct tl_event ev;
    int i, rc;

    event_base(r, c, &ev, msg);
    ev.artifact = "doc:meta";
    ev.locator = meta_loc;
    for (i = 0; i < r->doc.ntimes; i++) {
        const struct hr_time *t = &r->doc.times[i];

        snprintf(meta_loc, sizeof(meta_loc), "%s//%s", c->loc, t->where);
        snprintf(msg, sizeof(msg), "HR document %s %s per its metadata "
                 "(%s in %s) [%s]", c->in->rel,
                 strcmp(t->desc, "Creation Time") == 0 ? "created"
                 : strcmp(t->desc, "Last Printed Time") == 0 ? "printed"
                 : "modified", t->field, t->where, c->summary);
        ev.ts = t->ns;
        ev.prec = t->prec;
        ev.ts_desc = t->desc;
        ev.raw_time = t->raw;
        ev.tz = t->flags & TL_F_TZ_ASSUMED
                ? (r->doc.tz ? tl_tz_name(r->doc.tz) : "UTC") : NULL;
        ev.flags = t->flags | c->ioc;
        if ((rc = emit(r, c, &ev, err)) < 0)
            return rc;
    }
    return FTL_OK;
}

/* The document as it was recorded, found again: by its path, or with
 * the member number add_unique() gave a second member of that path; the
 * same bytes, or it is not the document that was attributed. */
static int find_again(struct hr_run *r, struct rec *c, char *ids,
                      size_t idn, struct ftl_err *err)
{
    const struct hr_docin *in = c->in;
    char sha[65];
    int rc;

    snprintf(c->loc, sizeof(c->loc), "%s", in->rel);
    if ((rc = tl_document_find(r->ctx->st, r->evid, c->loc, &c->doc_id, sha,
                               ids, idn, err)))
        return rc;
    if (c->doc_id && in->sha256 && strcmp(sha, in->sha256) != 0) {
        snprintf(c->loc + strlen(c->loc), sizeof(c->loc) - strlen(c->loc),
                 " #%lld", (long long)in->member);
        if ((rc = tl_document_find(r->ctx->st, r->evid, c->loc, &c->doc_id,
                                   sha, ids, idn, err)))
            return rc;
    }
    if (c->doc_id && (!in->sha256 || strcmp(sha, in->sha256) != 0))
        c->doc_id = 0;
    return FTL_OK;
}

/* Attribute a document of a store already in the case again: its row's
 * findings, and its events' messages and person, as collecting it now
 * would give them.  Its indicator checks and notes were made when it was
 * collected and stay. */
static int record_again(struct hr_run *r, struct rec *c,
                        struct ftl_err *err)
{
    struct tl_document d;
    char old[512];
    int rc;

    if ((rc = find_again(r, c, old, sizeof(old), err)))
        return rc;
    if (!c->doc_id) {
        r->n_gone++;
        return FTL_OK;
    }
    doc_row(r, c, &d);
    if ((rc = tl_document_reattribute(r->ctx->st, c->doc_id, &d, err)) ||
        (rc = add_findings(r, c, err)))
        return rc;
    if (strcmp(old, ftl_buf_str(&r->ids)) != 0) {
        r->n_changed++;
        r->n_now += r->ids.len > 0;
    }
    summarise(r, c);
    if ((rc = fs_events(r, c, err)) || (rc = meta_events(r, c, err)))
        return rc;
    r->ndocs++;
    return FTL_OK;
}

int hr_record_doc(struct hr_run *r, const struct hr_docin *in,
                  struct ftl_err *err)
{
    struct rec c;
    int rc;

    memset(&c, 0, sizeof(c));
    c.in = in;
    if (r->again) {
        if ((rc = hr_attr_find(r, in, &c.single, &c.art9, err)))
            return rc;
        return record_again(r, &c, err);
    }
    if ((rc = hr_attr_find(r, in, &c.single, &c.art9, err)) ||
        (rc = add_unique(r, &c, err)) ||
        (rc = add_findings(r, &c, err)))
        return rc;
    check_and_warn(r, &c);
    summarise(r, &c);
    if ((rc = fs_events(r, &c, err)) || (rc = meta_events(r, &c, err)))
        return rc;
    r->ndocs++;
    return FTL_OK;
}
