/*
 * base/match.h - many folded patterns found in folded text, by words
 *
 * A set of patterns (folded as base/fold.h folds text), each with an
 * integer id, matched on word boundaries: "jean dupont" matches in "cv
 * jean dupont 2023" but not in "jean dupontel", and never across a hard
 * break ('\n').  A '*' at the start or end of a pattern lets it match
 * inside a longer word on that side ("personalausweis*").  Exact
 * patterns are found through a hash of their first two words (of the
 * word, for a one-word pattern), so a scan costs about two lookups per
 * word of text whatever the number of patterns, even when thousands of
 * them share a first word.  Patterns with a '*' are searched for one by
 * one (memmem).
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef FTL_BASE_MATCH_H
#define FTL_BASE_MATCH_H

#include <stddef.h>

#include "base/base.h"

struct ftl_matcher;

/* An empty set; *out is owned by the caller (ftl_matcher_free).
 * FTL_OK or FTL_ENOMEM. */
int ftl_matcher_new(struct ftl_matcher **out);
void ftl_matcher_free(struct ftl_matcher *m);
/* Add a folded pattern (copied).  Empty patterns are ignored.  FTL_OK or
 * FTL_ENOMEM. */
int ftl_matcher_add(struct ftl_matcher *m, const char *norm, int id);

/* Called for every match: the pattern's id and the matched span of the
 * text (for a '*' pattern, the whole words it fell in). */
typedef void (*ftl_match_fn)(int id, const char *at, size_t len,
                             void *payload);
/* Call fn for every match in text[0..n).  Returns the number of patterns
 * compared with the text, a measure of the work (tests bound it). */
size_t ftl_matcher_scan(const struct ftl_matcher *m, const char *text,
                        size_t n, ftl_match_fn fn, void *payload);

#endif
