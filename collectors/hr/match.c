/*
 * collectors/hr/match.c - folded text, word matching and person aliases
 *
 * Names in HR documents are written in many ways: "Élodie Lefèvre",
 * "LEFEVRE Elodie", "lefevre_elodie_cv.pdf", "E. Lefèvre".  Everything
 * that is matched (document text, file names, metadata, aliases and
 * category patterns) is first folded the same way: lower case, accents
 * removed, punctuation turned into single spaces ('@' stays, as a word
 * of its own).  Accents are removed
 * with GLib's Unicode tables (canonical decomposition, first character
 * kept; combining marks dropped), plus a small table for the letters
 * that have no decomposition (ß, æ, œ, ø, ł, đ, ð, þ, ı).  GLib is
 * linked anyway through poppler-glib.
 *
 * Matching is on word boundaries, through a hash table of the first word
 * of each pattern, so that scanning a document costs one lookup per word
 * whatever the size of the register.
 *
 * SPDX-License-Identifier: MIT
 */
#define _GNU_SOURCE            /* memmem */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "collectors/hr/hr_int.h"

/* ---- UTF-8 ---------------------------------------------------------- */

int hr_utf8_valid(const char *s, size_t n)
{
    return ftl_utf8_valid((const unsigned char *)s, n, NULL);
}

char *hr_escape(const char *s, size_t n, char *out, size_t outsz)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, o = 0;
    uint32_t cp;
    int k;

    if (!outsz)
        return out;
    while (i < n) {
        k = p[i] < 0x80 ? 1 : ftl_utf8_decode(p + i, n - i, &cp);
        if (k <= 0 || (k == 1 && (p[i] < 0x20 || p[i] == 0x7f))) {
            if (o + 4 >= outsz)
                break;
            o += (size_t)snprintf(out + o, outsz - o, "\\x%02X", p[i]);
            i++;
            continue;
        }
        if (o + (size_t)k >= outsz)
            break;
        memcpy(out + o, p + i, (size_t)k);
        o += (size_t)k;
        i += (size_t)k;
    }
    out[o] = '\0';
    return out;
}

/* Windows-1252 bytes 0x80..0x9f (0 where undefined); the others are
 * Latin-1's. */
static const unsigned short cp1252[32] = {
    0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
    0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
    0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
    0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
};

size_t hr_cp1252_to_utf8(const unsigned char *in, size_t n, char *out)
{
    size_t i, o = 0;

    for (i = 0; i < n; i++) {
        unsigned c = in[i];

        if (c >= 0x80 && c < 0xa0)
            c = cp1252[c - 0x80] ? cp1252[c - 0x80] : '?';
        if (c < 0x80) {
            out[o++] = (char)c;
        } else if (c < 0x800) {
            out[o++] = (char)(0xc0 | c >> 6);
            out[o++] = (char)(0x80 | (c & 0x3f));
        } else {
            out[o++] = (char)(0xe0 | c >> 12);
            out[o++] = (char)(0x80 | ((c >> 6) & 0x3f));
            out[o++] = (char)(0x80 | (c & 0x3f));
        }
    }
    return o;
}

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

void hr_text_init(struct hr_text *t, size_t max)
{
    memset(t, 0, sizeof(*t));
    t->max = max;
}

void hr_text_reset(struct hr_text *t)
{
    t->len = 0;
    if (t->p)
        t->p[0] = '\0';
    t->truncated = 0;
    t->sep = 0;
    t->npend = 0;
}

void hr_text_release(struct hr_text *t)
{
    free(t->p);
    memset(t, 0, sizeof(*t));
}

/* Make room for n more bytes and the NUL; 0 when the bound is reached. */
static int text_room(struct hr_text *t, size_t n)
{
    size_t want = t->len + n + 1;
    char *p;

    if (t->max && want > t->max) {
        t->truncated = 1;
        return 0;
    }
    if (want > t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 256;

        while (cap < want)
            cap *= 2;
        if (t->max && cap > t->max)
            cap = t->max;
        if (!(p = realloc(t->p, cap))) {
            t->truncated = 1;
            return 0;
        }
        t->p = p;
        t->cap = cap;
    }
    return 1;
}

/* Append folded letters, with the separator that is due before them. */
static void text_word(struct hr_text *t, const char *s, size_t n)
{
    int space = t->sep && t->len && t->p[t->len - 1] != '\n';

    if (t->truncated || !text_room(t, n + (size_t)space))
        return;
    if (space)
        t->p[t->len++] = ' ';
    t->sep = 0;
    memcpy(t->p + t->len, s, n);
    t->len += n;
    t->p[t->len] = '\0';
}

/* Fold one code point into t.  '@' is a word of its own: an e-mail
 * address folds to "jean dupont @ acme com", so that it only matches
 * where an '@' was written (not "Jean Dupont (ACME) com-mittee"), while
 * the name inside it still matches as a name. */
static void text_cp(struct hr_text *t, uint32_t cp)
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

void hr_text_add(struct hr_text *t, const char *s, size_t n)
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

void hr_text_break(struct hr_text *t)
{
    t->npend = 0;
    t->sep = 0;
    if (!t->len || t->p[t->len - 1] == '\n' || t->truncated)
        return;
    if (!text_room(t, 1))
        return;
    t->p[t->len++] = '\n';
    t->p[t->len] = '\0';
}

char *hr_fold(const char *s)
{
    struct hr_text t;
    char *out;

    hr_text_init(&t, 0);
    hr_text_add(&t, s, strlen(s));
    out = t.p ? t.p : strdup("");
    return out;
}

/* Copy of s with accents removed but case and punctuation kept, for the
 * "unaccented" alias that is shown to the reader. */
static char *unaccent(const char *s)
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

/* ---- the matcher ---------------------------------------------------- */

/*
 * Exact patterns are found through a hash of their key: the pattern
 * itself when it is one word, its first two words when it has more.  At
 * each word of the text both keys are looked up, the word and the word
 * with the next one, so that "jean dupont" and "jean martin" (20,000
 * persons sharing ten given names) are not in one bucket that every
 * "jean" of the text walks through.
 */
struct pat {
    char *s;                  /* folded pattern, without its '*' */
    size_t len;
    size_t klen;              /* length of its key: one or two words */
    int id;
    int lwild, rwild;         /* '*' at the start / end */
    struct pat *next;
};

struct hr_matcher {
    struct pat **tab;         /* exact patterns by hash of their key */
    size_t nb;                /* buckets, a power of two */
    size_t n;
    struct pat *wild;         /* patterns with a '*' */
};

static uint64_t fnv(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ULL;
    size_t i;

    for (i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ULL;
    }
    return h;
}

int hr_matcher_new(struct hr_matcher **out)
{
    struct hr_matcher *m = calloc(1, sizeof(*m));

    *out = NULL;
    if (!m || !(m->tab = calloc(64, sizeof(*m->tab)))) {
        free(m);
        return FTL_ENOMEM;
    }
    m->nb = 64;
    *out = m;
    return FTL_OK;
}

static void free_list(struct pat *p)
{
    struct pat *next;

    for (; p; p = next) {
        next = p->next;
        free(p->s);
        free(p);
    }
}

void hr_matcher_free(struct hr_matcher *m)
{
    size_t i;

    if (!m)
        return;
    for (i = 0; i < m->nb; i++)
        free_list(m->tab[i]);
    free_list(m->wild);
    free(m->tab);
    free(m);
}

/* Double the table when it is half full. */
static int grow(struct hr_matcher *m)
{
    struct pat **tab, *p, *next;
    size_t nb = m->nb * 2, i, b;

    if (!(tab = calloc(nb, sizeof(*tab))))
        return FTL_ENOMEM;
    for (i = 0; i < m->nb; i++) {
        for (p = m->tab[i]; p; p = next) {
            next = p->next;
            b = fnv(p->s, p->klen) & (nb - 1);
            p->next = tab[b];
            tab[b] = p;
        }
    }
    free(m->tab);
    m->tab = tab;
    m->nb = nb;
    return FTL_OK;
}

int hr_matcher_add(struct hr_matcher *m, const char *norm, int id)
{
    struct pat *p;
    size_t n = strlen(norm), b;
    const char *sp;

    p = calloc(1, sizeof(*p));
    if (!p)
        return FTL_ENOMEM;
    p->lwild = n && norm[0] == '*';
    p->rwild = n > (size_t)p->lwild && norm[n - 1] == '*';
    n -= (size_t)(p->lwild + p->rwild);
    if (!n || !(p->s = strndup(norm + p->lwild, n))) {
        free(p);
        return n ? FTL_ENOMEM : FTL_OK;
    }
    p->len = n;
    p->id = id;
    if (p->lwild || p->rwild) {
        p->next = m->wild;
        m->wild = p;
        return FTL_OK;
    }
    /* The key: up to the end of the second word. */
    p->klen = n;
    if ((sp = memchr(p->s, ' ', n)) != NULL &&
        (sp = memchr(sp + 1, ' ', n - (size_t)(sp + 1 - p->s))) != NULL)
        p->klen = (size_t)(sp - p->s);
    if (m->n * 2 >= m->nb && grow(m) != FTL_OK) {
        free(p->s);
        free(p);
        return FTL_ENOMEM;
    }
    b = fnv(p->s, p->klen) & (m->nb - 1);
    p->next = m->tab[b];
    m->tab[b] = p;
    m->n++;
    return FTL_OK;
}

static int is_sep(char c)
{
    return c == ' ' || c == '\n';
}

/* Report the patterns keyed text[i..i+klen) that match at i. */
static size_t probe(const struct hr_matcher *m, const char *text, size_t n,
                    size_t i, size_t klen, hr_match_fn fn, void *payload)
{
    const struct pat *p = m->tab[fnv(text + i, klen) & (m->nb - 1)];
    size_t seen = 0;

    for (; p; p = p->next) {
        seen++;
        if (p->klen != klen || p->len > n - i ||
            memcmp(p->s, text + i, p->len) != 0)
            continue;
        if (i + p->len == n || is_sep(text[i + p->len]))
            fn(p->id, text + i, p->len, payload);
    }
    return seen;
}

size_t hr_matcher_scan(const struct hr_matcher *m, const char *text,
                       size_t n, hr_match_fn fn, void *payload)
{
    const struct pat *p;
    size_t i = 0, j, k, seen = 0;

    while (m->n && i < n) {
        while (i < n && is_sep(text[i]))
            i++;
        if (i >= n)
            break;
        for (j = i; j < n && !is_sep(text[j]); j++)
            ;
        /* One word, then two words when a space (not a break) joins
         * them to a next one. */
        seen += probe(m, text, n, i, j - i, fn, payload);
        if (j + 1 < n && text[j] == ' ' && !is_sep(text[j + 1])) {
            for (k = j + 1; k < n && !is_sep(text[k]); k++)
                ;
            seen += probe(m, text, n, i, k - i, fn, payload);
        }
        i = j;
    }
    for (p = m->wild; p; p = p->next) {
        const char *s = text, *end = text + n, *hit;

        seen++;
        while (s < end &&
               (hit = memmem(s, (size_t)(end - s), p->s, p->len)) != NULL) {
            size_t at = (size_t)(hit - text), e = at + p->len;
            int lok = p->lwild || at == 0 || is_sep(text[at - 1]);
            int rok = p->rwild || e == n || is_sep(text[e]);

            if (lok && rok) {
                /* Report the whole words the pattern fell in. */
                size_t a = at, z = e;

                while (a > 0 && !is_sep(text[a - 1]))
                    a--;
                while (z < n && !is_sep(text[z]))
                    z++;
                fn(p->id, text + a, z - a, payload);
            }
            s = hit + 1;
        }
    }
    return seen;
}

/* ---- aliases -------------------------------------------------------- */

static const struct { const char *kind; int strength; } kinds[] = {
    { "employee_no", 3 }, { "email", 3 },
    { "name", 2 }, { "formatted", 2 }, { "reversed", 2 },
    { "initials", 2 }, { "unaccented", 2 },
    { "surname", 1 },
};

int hr_alias_strength(const char *kind)
{
    size_t i;

    for (i = 0; kind && i < sizeof(kinds) / sizeof(kinds[0]); i++)
        if (strcmp(kinds[i].kind, kind) == 0)
            return kinds[i].strength;
    return 0;
}

const char *hr_strength_name(int strength)
{
    return strength >= 3 ? "id" : strength == 2 ? "name" : "surname";
}

/* State of one hr_aliases_make() call: the folded forms given so far. */
struct mk {
    hr_alias_fn fn;
    void *payload;
    char *seen[64];
    int nseen;
    int rc;
};

/* Give one alias unless its folded form was given already (the
 * "unaccented" kind is given whenever its text differs, since showing it
 * is its purpose).  Returns 1 when the alias was new. */
static int give(struct mk *k, const char *alias, const char *kind,
                size_t minlen)
{
    char *norm;
    int i, dup = 0;

    if (k->rc || !alias || !*alias)
        return 0;
    if (!(norm = hr_fold(alias))) {
        k->rc = FTL_ENOMEM;
        return 0;
    }
    if (strlen(norm) < minlen) {
        free(norm);
        return 0;
    }
    for (i = 0; i < k->nseen; i++)
        if (strcmp(k->seen[i], norm) == 0)
            dup = 1;
    if (!dup || strcmp(kind, "unaccented") == 0)
        k->rc = k->fn(alias, kind, norm, k->payload);
    if (!dup && k->nseen < 64)
        k->seen[k->nseen++] = norm;
    else
        free(norm);
    return !dup;
}

/* Initials of a given name: "Jean-Pierre" -> "J.-P.", "Anne Marie" ->
 * "A. M.", and only the first one in *first ("J."). */
static void initials(const char *given, char *all, size_t allsz,
                     char *first, size_t firstsz)
{
    const unsigned char *p = (const unsigned char *)given;
    size_t n = strlen(given), i = 0, o = 0;
    int start = 1, k;
    uint32_t cp;

    all[0] = first[0] = '\0';
    while (i < n && o + 12 < allsz) {
        k = ftl_utf8_decode(p + i, n - i, &cp);
        if (k <= 0) {
            i++;
            continue;
        }
        if (start && g_unichar_isalpha(cp)) {
            o += (size_t)g_unichar_to_utf8(g_unichar_toupper(cp), all + o);
            all[o++] = '.';
            all[o] = '\0';
            if (!first[0])
                snprintf(first, firstsz, "%s", all);
            start = 0;
        } else if (cp == '-' || cp == ' ') {
            if (cp == '-' && o && o + 1 < allsz)
                all[o++] = '-';
            else if (o && o + 1 < allsz)
                all[o++] = ' ';
            all[o] = '\0';
            start = 1;
        }
        i += (size_t)k;
    }
    while (o && (all[o - 1] == ' ' || all[o - 1] == '-'))
        all[--o] = '\0';
}

/* Give alias and, when it is new, its unaccented form. */
static void give2(struct mk *k, const char *alias, const char *kind)
{
    char *plain;

    if (!give(k, alias, kind, 1))
        return;
    if ((plain = unaccent(alias)) != NULL) {
        if (strcmp(plain, alias) != 0)
            give(k, plain, "unaccented", 1);
        free(plain);
    }
}

int hr_aliases_make(const char *employee_no, const char *first,
                    const char *last, const char *name, const char *emails,
                    hr_alias_fn fn, void *payload)
{
    struct mk k;
    char f[256], l[256], buf[640], all[128], one[32];
    const char *e;
    int i;

    memset(&k, 0, sizeof(k));
    k.fn = fn;
    k.payload = payload;
    snprintf(f, sizeof(f), "%s", first ? first : "");
    snprintf(l, sizeof(l), "%s", last ? last : "");
    g_strstrip(f);
    g_strstrip(l);
    /* Only a full name: "Last, First", else the last word is the
     * surname. */
    if (!*f && !*l && name && *name) {
        const char *comma = strchr(name, ',');
        const char *sp = strrchr(name, ' ');

        if (comma) {
            snprintf(l, sizeof(l), "%.*s", (int)(comma - name), name);
            snprintf(f, sizeof(f), "%s", comma + 1);
        } else if (sp) {
            snprintf(f, sizeof(f), "%.*s", (int)(sp - name), name);
            snprintf(l, sizeof(l), "%s", sp + 1);
        } else {
            snprintf(l, sizeof(l), "%s", name);
        }
        g_strstrip(f);
        g_strstrip(l);
    }
    /* One name alone is taken as a surname: weak, never attributing. */
    if (*f && !*l) {
        snprintf(l, sizeof(l), "%s", f);
        f[0] = '\0';
    }
    /* Employee numbers under 3 characters would match everywhere. */
    if (employee_no)
        give(&k, employee_no, "employee_no", 3);
    for (e = emails; e && *e && !k.rc;) {
        size_t len = strcspn(e, ";, \t");

        if (len && len < sizeof(buf)) {
            snprintf(buf, sizeof(buf), "%.*s", (int)len, e);
            if (strchr(buf, '@'))
                give(&k, buf, "email", 3);
        }
        e += len;
        e += strspn(e, ";, \t");
    }
    if (*f && *l) {
        snprintf(buf, sizeof(buf), "%s %s", f, l);
        give2(&k, buf, "name");
    }
    if (name && *name && strpbrk(name, " ,-'") && *f && *l)
        give2(&k, name, "formatted");
    if (*f && *l) {
        snprintf(buf, sizeof(buf), "%s, %s", l, f);
        give2(&k, buf, "reversed");
        initials(f, all, sizeof(all), one, sizeof(one));
        if (*one) {
            snprintf(buf, sizeof(buf), "%s %s", one, l);
            give2(&k, buf, "initials");
            snprintf(buf, sizeof(buf), "%s %s", l, one);
            give2(&k, buf, "initials");
        }
        if (*all && strcmp(all, one) != 0) {
            snprintf(buf, sizeof(buf), "%s %s", all, l);
            give2(&k, buf, "initials");
        }
    }
    if (*l)
        give(&k, l, "surname", 2);
    for (i = 0; i < k.nseen; i++)
        free(k.seen[i]);
    return k.rc;
}

/* ---- the persons of a case ------------------------------------------ */

struct load {
    struct hr_people *p;
    size_t cap_p, cap_a;
    int rc;
};

static int load_person(const struct tl_person *tp, void *payload)
{
    struct load *l = payload;
    struct hr_people *p = l->p;
    const char *name = tp->name && *tp->name ? tp->name
                       : tp->employee_no ? tp->employee_no
                       : tp->emails ? tp->emails : "?";

    if (p->n == l->cap_p) {
        size_t cap = l->cap_p ? l->cap_p * 2 : 64;
        struct hr_person *v = realloc(p->persons, cap * sizeof(*v));

        if (!v)
            return l->rc = FTL_ENOMEM;
        p->persons = v;
        l->cap_p = cap;
    }
    p->persons[p->n].id = tp->id;
    if (!(p->persons[p->n].name = strdup(name)))
        return l->rc = FTL_ENOMEM;
    p->n++;
    return 0;
}

/* Index of person_id in the (id-sorted) persons, or -1. */
static long find_person(const struct hr_people *p, int64_t id)
{
    size_t lo = 0, hi = p->n;

    while (lo < hi) {
        size_t mid = (lo + hi) / 2;

        if (p->persons[mid].id < id)
            lo = mid + 1;
        else if (p->persons[mid].id > id)
            hi = mid;
        else
            return (long)mid;
    }
    return -1;
}

static int load_alias(int64_t person_id, const char *alias, const char *kind,
                      const char *norm, void *payload)
{
    struct load *l = payload;
    struct hr_people *p = l->p;
    struct hr_alias *a;
    long who = find_person(p, person_id);
    int strength = hr_alias_strength(kind), dup;
    char *fold;
    size_t i;

    (void)norm;
    if (who < 0 || !strength || !alias)
        return 0;
    /* Folded again rather than taken from the case: a register loaded
     * by an older ftl (which folded "a@b.c" as "a b c") matches as the
     * text is folded now. */
    if (!(fold = hr_fold(alias)))
        return l->rc = FTL_ENOMEM;
    /* The same folded form twice for one person matches once. */
    dup = !*fold;
    for (i = p->naliases; !dup && i > 0 && p->aliases[i - 1].person == who;
         i--)
        dup = strcmp(p->aliases[i - 1].norm, fold) == 0;
    if (dup) {
        free(fold);
        return 0;
    }
    if (p->naliases == l->cap_a) {
        size_t cap = l->cap_a ? l->cap_a * 2 : 256;
        struct hr_alias *v = realloc(p->aliases, cap * sizeof(*v));

        if (!v) {
            free(fold);
            return l->rc = FTL_ENOMEM;
        }
        p->aliases = v;
        l->cap_a = cap;
    }
    a = &p->aliases[p->naliases];
    a->person = (int)who;
    a->strength = strength;
    a->alias = strdup(alias);
    a->kind = strdup(kind);
    a->norm = fold;
    if (!a->alias || !a->kind ||
        hr_matcher_add(p->m, fold, (int)p->naliases) != FTL_OK) {
        free(a->alias);
        free(a->kind);
        free(a->norm);
        return l->rc = FTL_ENOMEM;
    }
    p->naliases++;
    return 0;
}

int hr_people_load(struct hr_people **out, struct tl_store *st,
                   struct ftl_err *err)
{
    struct load l;
    int rc;

    *out = NULL;
    memset(&l, 0, sizeof(l));
    if (!(l.p = calloc(1, sizeof(*l.p))) ||
        hr_matcher_new(&l.p->m) != FTL_OK) {
        free(l.p);
        return ftl_err_set(err, FTL_ENOMEM, "out of memory");
    }
    rc = tl_persons_each(st, load_person, &l, err);
    if (!rc)
        rc = tl_person_aliases_each(st, load_alias, &l, err);
    if (rc || l.rc) {
        hr_people_free(l.p);
        if (l.rc)
            return ftl_err_set(err, FTL_ENOMEM, "out of memory");
        return rc < 0 ? rc : FTL_ERR;
    }
    *out = l.p;
    return FTL_OK;
}

void hr_people_free(struct hr_people *p)
{
    size_t i;

    if (!p)
        return;
    for (i = 0; i < p->n; i++)
        free(p->persons[i].name);
    for (i = 0; i < p->naliases; i++) {
        free(p->aliases[i].alias);
        free(p->aliases[i].kind);
        free(p->aliases[i].norm);
    }
    free(p->persons);
    free(p->aliases);
    hr_matcher_free(p->m);
    free(p);
}
