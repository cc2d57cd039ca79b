/*
 * base/fold.c - folding text for matching (see base/fold.h)
 *
 * Accents are removed with GLib's Unicode tables (canonical
 * decomposition, first character kept; combining marks dropped), plus a
 * small table for the letters that have no decomposition (ß, æ, œ, ø, ł,
 * đ, ð, þ, ı).  GLib is linked anyway through poppler-glib.  ASCII, most
 * of any text, goes a word at a time without looking at GLib.
 *
 * SPDX-License-Identifier: MIT
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "base/fold.h"

/* ---- folding -------------------------------------------------------- */

/* Letters without a canonical decomposition, and what they fold to. */
static const struct { uint32_t cp; const char *to; } special[] = {
    { 0x00df, "ss" }, { 0x1e9e, "ss" },      /* ß ẞ */
    { 0x00e6, "ae" }, { 0x00c6, "ae" },      /* æ Æ */
    { 0x0153, "oe" }, { 0x0152, "oe" },      /* œ Œ */
    { 0x00f8, "o" }, { 0x00d8, "o" },        /* ø Ø */
    { 0x0142, "l" }, { 0x0141, "l" },        /* ł Ł */
    { 0x0111, "d" }, { 0x0110, "d" },        /* đ Đ */
    { 0x00f0, "d" }, { 0x00d0, "d" },        /* ð Ð */
    { 0x00fe, "th" }, { 0x00de, "th" },      /* þ Þ */
    { 0x0131, "i" },                         /* dotless ı */
    { 0x0133, "ij" }, { 0x0132, "ij" },      /* ĳ Ĳ */
};

/* Fold one code point: writes the folded letters to out (up to 8 bytes)
 * and returns their length; 0 for a separator; -1 for a combining mark,
 * which is dropped without separating. */
static int fold_cp(uint32_t cp, char out[8])
{
    gunichar d[4];
    size_t i;

    if (cp < 0x80) {
        if (cp >= 'A' && cp <= 'Z') {
            out[0] = (char)(cp + 32);
            return 1;
        }
        if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) {
            out[0] = (char)cp;
            return 1;
        }
        return 0;
    }
    for (i = 0; i < sizeof(special) / sizeof(special[0]); i++) {
        if (special[i].cp == cp) {
            strcpy(out, special[i].to);
            return (int)strlen(out);
        }
    }
    if (g_unichar_ismark(cp))
        return -1;
    if (!g_unichar_isalnum(cp))
        return 0;
    /* First character of the canonical decomposition: é -> e, Å -> A. */
    if (g_unichar_fully_decompose(cp, FALSE, d, 4) >= 1)
        cp = d[0];
    cp = g_unichar_tolower(cp);
    if (cp < 0x80)
        return fold_cp(cp, out);
    return g_unichar_to_utf8(cp, out);
}

void ftl_text_init(struct ftl_text *t, size_t max)
{
    /* The text's cap counts the NUL, the buffer's does not; a cap of 1
     * (nothing but the NUL) would read as none. */
    assert(max != 1);
    memset(t, 0, sizeof(*t));
    ftl_buf_init(&t->b, max ? max - 1 : 0);
}

void ftl_text_reset(struct ftl_text *t)
{
    ftl_buf_reset(&t->b);
    t->truncated = 0;
    t->sep = 0;
    t->npend = 0;
}

void ftl_text_release(struct ftl_text *t)
{
    ftl_buf_release(&t->b);
    memset(t, 0, sizeof(*t));
}

/* Append folded letters, with the separator that is due before them;
 * the word and its space go in whole or not at all. */
static void text_word(struct ftl_text *t, const char *s, size_t n)
{
    struct ftl_buf *b = &t->b;
    int space = t->sep && b->len && b->p[b->len - 1] != '\n';

    if (t->truncated)
        return;
    if ((b->max && b->len + n + (size_t)space > b->max) ||
        (space && ftl_buf_putc(b, ' ') != FTL_OK) ||
        ftl_buf_add(b, s, n) != FTL_OK) {
        t->truncated = 1;
        return;
    }
    t->sep = 0;
}

/* Fold one code point into t.  '@' is a word of its own: an e-mail
 * address folds to "jean dupont @ acme com", so that it only matches
 * where an '@' was written (not "Jean Dupont (ACME) com-mittee"), while
 * the name inside it still matches as a name. */
static void text_cp(struct ftl_text *t, uint32_t cp)
{
    char out[8];
    int k = fold_cp(cp, out);

    if (cp == '@') {
        t->sep = 1;
        text_word(t, "@", 1);
        t->sep = 1;
    } else if (k > 0)
        text_word(t, out, (size_t)k);
    else if (k == 0)
        t->sep = 1;
}

void ftl_text_add(struct ftl_text *t, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    uint32_t cp;
    int k;

    /* A sequence cut at the end of the previous piece. */
    while (t->npend && i < n) {
        t->pend[t->npend++] = p[i++];
        k = ftl_utf8_decode(t->pend, (size_t)t->npend, &cp);
        if (k > 0) {
            text_cp(t, cp);
            t->npend = 0;
        } else if (k == 0 || t->npend == 4) {
            t->sep = 1;
            t->npend = 0;
        }
    }
    while (i < n && !t->truncated) {
        if (p[i] < 0x80) {
            /* ASCII fast path: most of any text. */
            unsigned char c = p[i];

            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                size_t j = i + 1;

                while (j < n && ((p[j] >= 'a' && p[j] <= 'z') ||
                                 (p[j] >= '0' && p[j] <= '9')))
                    j++;
                text_word(t, s + i, j - i);
                i = j;
                continue;
            }
            text_cp(t, c);
            i++;
            continue;
        }
        k = ftl_utf8_decode(p + i, n - i, &cp);
        if (k < 0) {
            /* Cut short: keep it for the next piece. */
            memcpy(t->pend, p + i, n - i);
            t->npend = (int)(n - i);
            return;
        }
        if (k == 0) {
            t->sep = 1;          /* invalid byte: a separator */
            i++;
            continue;
        }
        text_cp(t, cp);
        i += (size_t)k;
    }
}

void ftl_text_break(struct ftl_text *t)
{
    struct ftl_buf *b = &t->b;

    t->npend = 0;
    t->sep = 0;
    if (!b->len || b->p[b->len - 1] == '\n' || t->truncated)
        return;
    if (ftl_buf_putc(b, '\n') != FTL_OK)
        t->truncated = 1;
}

char *ftl_fold(const char *s)
{
    struct ftl_text t;
    char *out;

    ftl_text_init(&t, 0);
    ftl_text_add(&t, s, strlen(s));
    out = ftl_buf_detach(&t.b);
    return out ? out : strdup("");
}

char *ftl_fold_pattern(const char *pattern)
{
    size_t plen = strlen(pattern), nlen;
    char *norm = ftl_fold(pattern), *w;

    if (!norm)
        return NULL;
    if (!(nlen = strlen(norm)))
        return norm;
    if (!(w = malloc(nlen + 3))) {
        free(norm);
        return NULL;
    }
    /* ftl_fold() made the '*' a separator and dropped it at either end;
     * put it back where it was written. */
    w[0] = '\0';
    if (pattern[0] == '*')
        strcat(w, "*");
    strcat(w, norm);
    if (plen > 1 && pattern[plen - 1] == '*')
        strcat(w, "*");
    free(norm);
    return w;
}

char *ftl_unaccent(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s), i = 0, o = 0;
    char *out = malloc(n * 2 + 1);
    uint32_t cp;
    int k, upper;

    if (!out)
        return NULL;
    while (i < n) {
        k = ftl_utf8_decode(p + i, n - i, &cp);
        if (k <= 0) {
            i++;
            continue;
        }
        i += (size_t)k;
        if (cp >= 0x80 && g_unichar_isalpha(cp)) {
            char f[8];
            int m = fold_cp(cp, f), j;

            upper = g_unichar_isupper(cp);
            if (m > 0 && (unsigned char)f[0] < 0x80) {
                for (j = 0; j < m; j++)
                    out[o++] = upper && j == 0 ? (char)(f[j] - 32) : f[j];
                continue;
            }
        }
        if (cp >= 0x80 && g_unichar_ismark(cp))
            continue;
        o += (size_t)g_unichar_to_utf8(cp, out + o);
    }
    out[o] = '\0';
    return out;
}


/* What splits words in ftl_split_case(): 'l'ower, 'U'pper, 'd'igit,
 * other letters 'a', anything else 0 (a separator). */
static int kind_of(uint32_t cp)
{
    if (cp < 0x80) {
        if (cp >= 'a' && cp <= 'z')
            return 'l';
        if (cp >= 'A' && cp <= 'Z')
            return 'U';
        if (cp >= '0' && cp <= '9')
            return 'd';
        return 0;
    }
    if (g_unichar_islower(cp))
        return 'l';
    if (g_unichar_isupper(cp) || g_unichar_istitle(cp))
        return 'U';
    if (g_unichar_isdigit(cp))
        return 'd';
    return g_unichar_isalpha(cp) || g_unichar_ismark(cp) ? 'a' : 0;
}

char *ftl_split_case(const char *s, int *split)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s), i = 0, o = 0, run = 0;
    char *out = malloc(n * 2 + 1);
    int k, prev = 0, cur, next, kn;
    uint32_t cp, cn;

    *split = 0;
    if (!out)
        return NULL;
    while (i < n) {
        k = ftl_utf8_decode(p + i, n - i, &cp);
        if (k <= 0) {          /* an invalid byte: kept, a separator */
            out[o++] = (char)p[i++];
            prev = 0;
            run = 0;
            continue;
        }
        cur = kind_of(cp);
        kn = i + (size_t)k < n ? ftl_utf8_decode(p + i + k, n - i - k, &cn)
                               : 0;
        next = kn > 0 ? kind_of(cn) : 0;
        /* "passportScan", "IDScan" (the last capital of a run begins the
         * next word), "CV2023", "2023CV" */
        if ((prev == 'l' && cur == 'U' && run >= 2) ||
            (prev == 'U' && cur == 'U' && next == 'l') ||
            (prev && prev != 'd' && cur == 'd') ||
            (prev == 'd' && cur && cur != 'd')) {
            out[o++] = ' ';
            *split = 1;
            run = 0;
        }
        memcpy(out + o, p + i, (size_t)k);
        o += (size_t)k;
        i += (size_t)k;
        run = cur ? run + 1 : 0;
        prev = cur;
    }
    out[o] = '\0';
    return out;
}

/* Words of a phrase that writers leave out or elide. */
static int optional_word(const char *w, size_t n)
{
    static const char *const words[] = { "d", "l", "de", "du", "van",
                                         "der", "von" };
    size_t i;

    for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
        if (strlen(words[i]) == n && !memcmp(words[i], w, n))
            return 1;
    return 0;
}

#define OPT_MAX 4              /* log2(FTL_FORMS_MAX) */
#define WORDS_MAX 64

int ftl_phrase_forms(const char *norm, ftl_form_fn fn, void *payload)
{
    const char *word[WORDS_MAX], *p = norm;
    size_t len[WORDS_MAX], nw = 0, i, k, o;
    size_t opt[OPT_MAX], nopt = 0;
    unsigned mask;
    char *form;
    int rc = 0;

    while (*p && nw < WORDS_MAX) {
        word[nw] = p;
        len[nw] = strcspn(p, " ");
        p += len[nw];
        p += *p == ' ';
        nw++;
    }
    for (i = 1; i + 1 < nw && nopt < OPT_MAX; i++)
        if (optional_word(word[i], len[i]))
            opt[nopt++] = i;
    if (!(form = malloc(strlen(norm) + 2)))
        return -1;
    for (mask = 0; mask < (1u << nopt) && !rc; mask++) {
        /* bit j of mask: optional word opt[j] left out */
        for (i = 0, o = 0, k = 0; i < nw; i++) {
            if (k < nopt && opt[k] == i && (mask >> k++ & 1))
                continue;
            if (o)
                form[o++] = ' ';
            memcpy(form + o, word[i], len[i]);
            o += len[i];
        }
        if (*p) {              /* more than WORDS_MAX words: the rest */
            form[o++] = ' ';
            memcpy(form + o, p, strlen(p));
            o += strlen(p);
        }
        form[o] = '\0';
        rc = fn(form, payload);
    }
    free(form);
    return rc;
}
