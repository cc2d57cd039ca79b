/*
 * analyze/ex_int.h - the parts of the exposure step, in the order
 * an_exposures() (exposure.c) calls them
 *
 * Each part is one walk over what timeline/exposure.c chose, doing in C
 * what SQL cannot (folding, word matching, address lists, a file's time
 * against the window), and puts its findings back through tl_ex_*().
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef ANALYZE_EX_INT_H
#define ANALYZE_EX_INT_H

#include "analyze/an_int.h"
#include "base/buf.h"

/* names.c: the persons' name variants and the case's category rules,
 * ready to match (NULL rules when the case has none). */
struct an_names;
int an_names_load(struct an_names **out, struct tl_store *st,
                  struct ftl_err *err);
void an_names_free(struct an_names *n);
/* Folded base names of the chosen attachments and of the attributed HR
 * documents (the "same name" join), and weak links from the persons and
 * rules named together in an attachment's name. */
int an_names_attachments(struct an_names *n, struct tl_store *st,
                         struct ftl_err *err);
int an_names_documents(struct tl_store *st, struct ftl_err *err);
/* Weak links from a subject of a group or a stored message (src
 * "group" or "message", id its row). */
int an_names_subject(struct an_names *n, struct tl_store *st,
                     const char *src, int64_t id, const char *subject,
                     struct ftl_err *err);

/* addresses.c: the register's addresses; internal_communication links
 * for the sender and recipients of a group. */
struct an_addrs;
int an_addrs_load(struct an_addrs **out, struct tl_store *st,
                  struct ftl_err *err);
void an_addrs_free(struct an_addrs *a);
int an_addrs_message(struct an_addrs *a, struct tl_store *st,
                     const struct tl_ex_msg *m, struct ftl_err *err);

/* storage.c: the appliance files inside the window, their time and
 * whether they lie in a staging place of the indicator pack. */
int an_ex_storage(struct an_ctx *c, struct ftl_err *err);

/* rows.c: exposures and exposure_items from the best links, then the
 * event ids of both. */
int an_ex_rows(struct an_ctx *c, struct ftl_err *err);
int an_ex_events(struct an_ctx *c, struct ftl_err *err);

/* reason.c: the sentence of one item and the basis of one row.  'out'
 * is reset first; FTL_OK or FTL_ENOMEM. */
struct an_tally;
int an_reason(struct ftl_buf *out, const struct tl_ex_best *b);
/* What the items of one exposures row were, for its basis. */
#define AN_LINKS 18
struct an_tally {
    int64_t items;
    int64_t link[AN_LINKS];    /* by an_link_index() */
    int64_t attrib[4];         /* none, surname, name, id */
    int64_t flagged, staged;   /* observed messages, by why */
    int64_t clamped;           /* files there before the window */
    int64_t strength[3];       /* items weak, medium, strong */
    int64_t confidence[3];     /* items unknown, accessible, observed */
    int corrected;
};
int an_link_index(const char *link);
int an_basis(struct ftl_buf *out, const struct tl_exposure *e,
             const struct an_tally *t);

#endif
