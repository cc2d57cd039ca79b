/*
 * export/fields.c - what every exporter of events writes the same way:
 * which events the options select, and the flag bits in words
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <string.h>

#include "export/export.h"

void exp_event_query(const struct exp_opts *o, struct tl_event_query *q)
{
    memset(q, 0, sizeof(*q));
    q->from = o->from;
    q->to = o->to;
    q->has_from = o->has_from;
    q->has_to = o->has_to;
    q->flags = o->ioc_only ? TL_F_IOC : 0;
    q->evidence_id = o->evidence_id;
}

/* The order of the words is the order of the columns' documentation
 * (docs/FORMATS.md), not of the bits. */
static const struct { unsigned bit; const char *word; } w[] = {
    { TL_F_DELETED, "deleted" },
    { TL_F_REALLOC, "realloc" },
    { TL_F_YEAR_ESTIMATED, "year-estimated" },
    { TL_F_TZ_ASSUMED, "tz-assumed" },
    { TL_F_DST_AMBIGUOUS, "dst-ambiguous" },
    { TL_F_DST_GAP, "dst-gap" },
    { TL_F_IOC, "ioc" },
    { TL_F_IOC_MESSAGE, "ioc-message" },
};

size_t exp_flags_list(unsigned flags, const char **out, size_t n)
{
    size_t i, k = 0;

    for (i = 0; i < sizeof(w) / sizeof(w[0]) && k < n; i++)
        if (flags & w[i].bit)
            out[k++] = w[i].word;
    return k;
}

void exp_flags_words(unsigned flags, char *out, size_t n)
{
    size_t i, len = 0;

    out[0] = '\0';
    for (i = 0; i < sizeof(w) / sizeof(w[0]); i++) {
        if (!(flags & w[i].bit))
            continue;
        len += (size_t)snprintf(out + len, n - len, "%s%s", len ? ";" : "",
                                w[i].word);
        if (len >= n)
            break;
    }
}
