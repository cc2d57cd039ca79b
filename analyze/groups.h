/*
 * analyze/groups.h - what messages.c hands to groups.c, and the small
 * sets of names both (and clocks.c) use
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef AN_GROUPS_H
#define AN_GROUPS_H

#include "analyze/an_int.h"

/* A sorted set of names compared without case (host names, domains):
 * a few per case, so a sorted array is enough. */
struct an_hosts {
    char **v;
    size_t n, cap;
};

/* Add a copy of 'name' (once).  FTL_OK or FTL_ENOMEM. */
int an_hosts_add(struct an_hosts *h, const char *name, struct ftl_err *err);
int an_hosts_add_all(struct an_hosts *h, const char *const *names, size_t n,
                     struct ftl_err *err);
/* 1 when 'name' is in the set. */
int an_hosts_has(const struct an_hosts *h, const char *name);
/* The names, one space apart, malloc'd (NULL: out of memory). */
char *an_hosts_join(const struct an_hosts *h);
void an_hosts_release(struct an_hosts *h);

/* How a record was linked to others (an_grouping.how), and whether an
 * indicator matched it. */
enum {
    AN_LINK_MID = 1,
    AN_LINK_QUEUED = 2,
    AN_LINK_GATEWAY = 4,
    AN_FLAGGED = 0x80,
};

/* The grouping, once the links are followed: parent[id] is minus the
 * group id of message id (0: no message has that id). */
struct an_grouping {
    struct an_ctx *c;
    struct ftl_err *err;
    int64_t max;               /* highest message id */
    int64_t *parent;           /* max + 1 entries */
    unsigned char *how;        /* max + 1 entries: AN_LINK_*, AN_FLAGGED */
    int64_t n_groups;
    struct an_hosts gateways;  /* hosts of Barracuda lines and --gateway */
};

/* groups.c: the message_group_members and message_groups rows, and
 * TL_F_IOC_MESSAGE on the events of flagged groups. */
int an_groups_write(struct an_grouping *g, struct ftl_err *err);

#endif
