/*
 * analyze/clocks.h - what clocks.c (the pairs and their estimates) and
 * correct.c (the reference clock, the correction) share
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef AN_CLOCKS_H
#define AN_CLOCKS_H

#include "analyze/groups.h"

/* Clocks of one message that are paired: a chain of hops has a few. */
#define GROUP_HOSTS 16

struct series {
    int64_t *v;
    size_t n, cap;
};

/* Two clocks a < b (by name) and what the messages between them gave. */
struct pair {
    char *a, *b;
    struct series ab, ba;      /* t_R - t_S of messages a->b, b->a */
    double off, spread;        /* a ahead of b, s */
    int64_t id;                /* its clock_offsets row */
};

/* One clock of the message being read. */
struct ghost {
    char *name;
    int rank;
    int64_t ts;
};

/* How many transit records a clock gave. */
struct tally {
    char *name;
    int64_t n;
};

struct clocks {
    struct an_ctx *c;
    struct ftl_err *err;
    struct pair *p;            /* sorted by (a, b) */
    size_t n, cap;
    int64_t gid;
    struct ghost h[GROUP_HOSTS];
    int nh;
    struct an_hosts transit;   /* hosts (as written) of transit records */
    struct an_hosts gateway;   /* clocks of gateway logs */
    struct an_hosts spelled;   /* every host, as written */
    struct tally *t;           /* transit records per clock */
    size_t nt;
};

/* correct.c: the reference clock, the transit times moved onto it with
 * --correct-clocks, and what an_window() needs (c->offsets, ...). */
int an_clocks_reference(struct clocks *k);

#endif
