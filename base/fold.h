/*
 * base/fold.h - text folded for matching: case, accents and punctuation
 *
 * Names are written in many ways: "Élodie Lefèvre", "LEFEVRE Elodie",
 * "lefevre_elodie_cv.pdf", "E. Lefèvre".  Everything that is matched
 * (document text, file names, metadata, aliases and category patterns)
 * is first folded the same way: lower case, accents removed (é -> e,
 * ß -> ss, ø -> o, ...), every run of characters that are neither
 * letters nor digits replaced by one space, except '@', kept as a word
 * of its own ("jean.dupont@acme.com" -> "jean dupont @ acme com").  A
 * hard break (end of a paragraph, of a metadata field) is a '\n', which
 * no pattern contains, so a name is never matched across two fields.
 * Input is UTF-8; invalid bytes count as separators.  Text may be added
 * in pieces: a word or a character cut between two pieces stays whole.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef FTL_BASE_FOLD_H
#define FTL_BASE_FOLD_H

#include <stddef.h>

#include "base/buf.h"

struct ftl_text {
    struct ftl_buf b;         /* the folded text (b.p NULL while empty) */
    int truncated;            /* the cap was reached: text was dropped */
    int sep;                  /* a separator is due before the next word */
    unsigned char pend[4];    /* UTF-8 sequence cut between two pieces */
    int npend;
};

/* An empty text that keeps at most 'max' bytes, its NUL included (0: no
 * cap; 1 is not a cap); past it, text is dropped and 'truncated' set. */
void ftl_text_init(struct ftl_text *t, size_t max);
/* Forget the text, keep the memory and the cap. */
void ftl_text_reset(struct ftl_text *t);
void ftl_text_release(struct ftl_text *t);
/* Fold s[0..n) and append it. */
void ftl_text_add(struct ftl_text *t, const char *s, size_t n);
/* A hard break: no match crosses it. */
void ftl_text_break(struct ftl_text *t);

/* Fold 's' into a malloc'd string (caller frees); NULL on no memory. */
char *ftl_fold(const char *s);
/* A category pattern folded as base/match.h takes it: "Personalausweis*"
 * -> "personalausweis*", the '*' that ftl_fold() would turn into a
 * separator kept at either end.  The rules are folded with it where they
 * are read and where they are matched again (the exposure analysis), so
 * both agree.  malloc'd (caller frees); "" for a pattern without a
 * letter or digit; NULL on no memory. */
char *ftl_fold_pattern(const char *pattern);
/* The folded phrase 'norm' and every form of it without some of the
 * words writers leave out or elide (d, l, de, du, van, der, von: "carte
 * d'identité" is also written "carte identité"), never its first or
 * last word, at most FTL_FORMS_MAX forms; fn is called with each, once.
 * Returns fn's first non-zero value, -1 on no memory, else 0.  The HR
 * rules (collectors/hr/rules.c) and the exposure analysis' weak links
 * (analyze/names.c) both match these, so they agree. */
#define FTL_FORMS_MAX 16
typedef int (*ftl_form_fn)(const char *form, void *payload);
int ftl_phrase_forms(const char *norm, ftl_form_fn fn, void *payload);
/* A copy of s with accents removed but case and punctuation kept
 * ("Lefèvre, É." -> "Lefevre, E."), for a variant of a name shown to a
 * reader; malloc'd (caller frees), NULL on no memory. */
char *ftl_unaccent(const char *s);
/* A copy of s with a space where file names join words by their case or
 * by digits: "passportScan" -> "passport Scan", "IDScan" -> "ID Scan",
 * "CV2023" -> "CV 2023", "JanVanDerBerg" -> "Jan Van Der Berg".  A lower
 * case letter followed by a capital splits only after two letters or
 * more of the word ("iPhone", "eID" stay whole).  Matching it as well as
 * s finds words run together.  malloc'd (caller frees), NULL on no
 * memory; *split tells whether a space was put in. */
char *ftl_split_case(const char *s, int *split);

#endif
