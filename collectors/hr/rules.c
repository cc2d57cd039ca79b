/*
 * collectors/hr/rules.c - data-category rules: category,art9,field,pattern
 *
 * A document falls in a category (identity_document, cv, payroll,
 * health, ...) when a rule's pattern occurs in one of the rule's fields:
 * path, name, meta or text (a row names one, several joined by '|', or
 * '*' for all).  Patterns are folded like the text they are matched
 * against (base/fold.h: "carte_identite-dupont.pdf" is the words "carte
 * identite dupont pdf") and match whole words, or inside a longer word
 * on the side of a '*'.  A phrase also matches without the articles and
 * particles writers leave out (d', l', de, du, van, der, von: "carte
 * identité" for "carte d'identité"); the camel case of file names is
 * split by the caller (attribution.c).  The default rules are built into
 * ftl (data/rules/default.csv through data/rules_default.S); --rules
 * FILE replaces them.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "collectors/hr/hr_int.h"

extern const char ftl_rules_default_csv[];

/* Read callback over a buffer, for col_src_open_cb(). */
struct membuf {
    const char *p;
    size_t n;
};

static ssize_t mem_read(void *payload, int64_t off, void *buf, size_t n)
{
    struct membuf *m = payload;

    if (off < 0 || (size_t)off >= m->n)
        return 0;
    if (n > m->n - (size_t)off)
        n = m->n - (size_t)off;
    memcpy(buf, m->p + off, n);
    return (ssize_t)n;
}

static int field_one(const char *s, size_t n)
{
    static const struct { const char *name; int f; } names[] = {
        { "path", HR_F_PATH }, { "name", HR_F_NAME },
        { "text", HR_F_TEXT }, { "meta", HR_F_META },
    };
    size_t i;

    for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        if (strlen(names[i].name) == n && strncasecmp(s, names[i].name, n)
            == 0)
            return names[i].f;
    return 0;
}

/* The fields of a rule row: one name, several joined by '|'
 * ("path|name|meta"), or '*' for all four.  0 when one is unknown. */
static int field_of(const char *s)
{
    int all = 0, f;
    size_t n;

    if (strcmp(s, "*") == 0)
        return HR_F_PATH | HR_F_NAME | HR_F_TEXT | HR_F_META;
    for (;;) {
        n = strcspn(s, "|");
        if (!(f = field_one(s, n)))
            return 0;
        all |= f;
        if (!s[n])
            return all;
        s += n + 1;
    }
}

/* Index of a field bit in hr_rules.m[]. */
static int field_index(int field)
{
    return field == HR_F_PATH ? 0 : field == HR_F_NAME ? 1
           : field == HR_F_TEXT ? 2 : 3;
}

void hr_rules_free(struct hr_rules *r)
{
    size_t i;

    if (!r)
        return;
    for (i = 0; i < r->n; i++) {
        free(r->v[i].category);
        free(r->v[i].pattern);
    }
    free(r->v);
    for (i = 0; i < HR_FIELDS; i++)
        ftl_matcher_free(r->m[i]);
    free(r->source);
    free(r);
}

void hr_rules_scan(const struct hr_rules *r, int field, const char *text,
                   size_t n, ftl_match_fn fn, void *payload)
{
    ftl_matcher_scan(r->m[field_index(field)], text, n, fn, payload);
}

/* The category, art9 and field of a record, checked; FTL_EPARSE with a
 * message in 'why' when one is bad. */
static int check_record(char **f, int nf, int *art9, int *field, char *why,
                        size_t whysz)
{
    size_t k;

    if (nf != 4) {
        snprintf(why, whysz, "expected 4 fields category,art9,field,"
                 "pattern, found %d", nf);
        return FTL_EPARSE;
    }
    for (k = 0; f[0][k]; k++) {
        if (!strchr("abcdefghijklmnopqrstuvwxyz0123456789_", f[0][k])) {
            snprintf(why, whysz, "category '%.64s' may only hold a-z, "
                     "0-9 and '_'", f[0]);
            return FTL_EPARSE;
        }
    }
    if (!k) {
        snprintf(why, whysz, "empty category");
        return FTL_EPARSE;
    }
    if (strcmp(f[1], "0") == 0 || strcasecmp(f[1], "no") == 0 ||
        strcasecmp(f[1], "false") == 0) {
        *art9 = 0;
    } else if (strcmp(f[1], "1") == 0 || strcasecmp(f[1], "yes") == 0 ||
               strcasecmp(f[1], "true") == 0) {
        *art9 = 1;
    } else {
        snprintf(why, whysz, "art9 must be 0 or 1, not '%.32s'", f[1]);
        return FTL_EPARSE;
    }
    if (!(*field = field_of(f[2]))) {
        snprintf(why, whysz, "field must be path, name, text or meta, "
                 "several joined by '|', or '*', not '%.32s'", f[2]);
        return FTL_EPARSE;
    }
    return FTL_OK;
}

/* The folded pattern as the matcher takes it, with the '*' at either end
 * that ftl_fold() turned into a separator; a pattern of no letter or
 * digit is FTL_EPARSE. */
static int fold_pattern(const char *pattern, char **out, char *why,
                        size_t whysz)
{
    size_t plen = strlen(pattern), nlen;
    char *norm, *w;

    *out = NULL;
    if (!(norm = ftl_fold(pattern)))
        return FTL_ENOMEM;
    nlen = strlen(norm);
    if (!(w = malloc(nlen + 3))) {
        free(norm);
        return FTL_ENOMEM;
    }
    snprintf(w, nlen + 3, "%s%s%s", pattern[0] == '*' ? "*" : "", norm,
             plen > 1 && pattern[plen - 1] == '*' ? "*" : "");
    free(norm);
    if (!nlen) {
        snprintf(why, whysz, "pattern '%.64s' has no letter or digit",
                 pattern);
        free(w);
        return FTL_EPARSE;
    }
    *out = w;
    return FTL_OK;
}

struct forms {
    struct hr_rules *r;
    int fields, id;
};

static int add_form(const char *form, void *payload)
{
    struct forms *w = payload;
    int f, rc = FTL_OK;

    for (f = 1; f <= HR_F_META && !rc; f <<= 1)
        if (w->fields & f)
            rc = ftl_matcher_add(w->r->m[field_index(f)], form, w->id);
    return rc;
}

/* The folded phrase 'norm' and every form of it without some of its
 * optional words (ftl_phrase_forms()), each added to the matchers of
 * 'fields' as rule 'id'. */
static int add_forms(struct hr_rules *r, int fields, const char *norm,
                     int id)
{
    struct forms w = { r, fields, id };
    int rc = ftl_phrase_forms(norm, add_form, &w);

    return rc < 0 ? FTL_ENOMEM : rc;
}

/* A new rule at the end of r->v, found by the matchers of its fields. */
static int append_rule(struct hr_rules *r, size_t *cap, const char *category,
                       int art9, int field, const char *pattern,
                       const char *norm)
{
    struct hr_rule *rule;

    if (r->n == *cap) {
        size_t c = *cap ? *cap * 2 : 64;
        struct hr_rule *v = realloc(r->v, c * sizeof(*v));

        if (!v)
            return FTL_ENOMEM;
        r->v = v;
        *cap = c;
    }
    rule = &r->v[r->n];
    rule->art9 = art9;
    rule->field = field;
    rule->category = strdup(category);
    rule->pattern = strdup(pattern);
    if (!rule->category || !rule->pattern ||
        add_forms(r, field, norm, (int)r->n) != FTL_OK) {
        free(rule->category);
        free(rule->pattern);
        return FTL_ENOMEM;
    }
    r->n++;
    return FTL_OK;
}

/* Check and add one record; a message in 'why' when it is bad. */
static int add_rule(struct hr_rules *r, char **f, int nf, size_t *cap,
                    char *why, size_t whysz)
{
    struct hr_rule *rule;
    char *norm;
    int art9, field, rc;
    size_t k;

    if ((rc = check_record(f, nf, &art9, &field, why, whysz)) ||
        (rc = fold_pattern(f[3], &norm, why, whysz)))
        return rc;
    /* The same category and pattern for another field: one rule, found
     * by the matcher of each of its fields. */
    for (k = 0; k < r->n; k++) {
        rule = &r->v[k];
        if (rule->art9 == art9 && strcmp(rule->pattern, f[3]) == 0 &&
            strcmp(rule->category, f[0]) == 0)
            break;
    }
    if (k == r->n) {
        rc = append_rule(r, cap, f[0], art9, field, f[3], norm);
    } else if (field & ~rule->field) {
        rc = add_forms(r, field & ~rule->field, norm, (int)k);
        rule->field |= field;
    }
    free(norm);
    return rc;
}

/* Parse the rules in src; 'name' for messages. */
static int parse_src(struct hr_rules **out, struct col_src *src,
                     const char *name, struct ftl_err *err)
{
    struct hr_rules *r;
    struct ftl_csv *csv = NULL;
    char **f, why[256];
    int nf, rc, header = 0, k;
    int64_t line;
    size_t cap = 0;

    *out = NULL;
    if (!(r = calloc(1, sizeof(*r))) || !(r->source = strdup(name))) {
        hr_rules_free(r);
        return ftl_err_set(err, FTL_ENOMEM, "out of memory");
    }
    for (k = 0; k < HR_FIELDS; k++) {
        if (ftl_matcher_new(&r->m[k]) != FTL_OK) {
            hr_rules_free(r);
            return ftl_err_set(err, FTL_ENOMEM, "out of memory");
        }
    }
    if ((rc = hr_csv_open(&csv, src, ',', FTL_CSV_COMMENTS | FTL_CSV_STRICT,
                          err)))
        goto fail;
    while ((rc = ftl_csv_next(csv, &f, &nf, &line, err)) == FTL_OK) {
        if (!header) {
            header = 1;
            if (nf == 4 && strcasecmp(f[0], "category") == 0 &&
                strcasecmp(f[1], "art9") == 0 &&
                strcasecmp(f[2], "field") == 0 &&
                strcasecmp(f[3], "pattern") == 0)
                continue;
            rc = ftl_err_set(err, FTL_EPARSE, "%s:%lld: the first line must "
                             "be the header 'category,art9,field,pattern'",
                             name, (long long)line);
            goto fail;
        }
        rc = add_rule(r, f, nf, &cap, why, sizeof(why));
        if (rc == FTL_ENOMEM) {
            rc = ftl_err_set(err, rc, "out of memory");
            goto fail;
        }
        if (rc) {
            rc = ftl_err_set(err, FTL_EPARSE, "%s:%lld: %s", name,
                             (long long)line, why);
            goto fail;
        }
    }
    if (rc < 0) {
        char msg[sizeof(err->msg)];

        snprintf(msg, sizeof(msg), "%s", err->msg);
        rc = ftl_err_set(err, FTL_EPARSE, "%s: %s", name, msg);
        goto fail;
    }
    if (!r->n) {
        rc = ftl_err_set(err, FTL_EPARSE, "%s: no rule", name);
        goto fail;
    }
    if ((rc = col_src_sha256(src, r->sha256, err)))
        goto fail;
    ftl_csv_close(csv);
    *out = r;
    return FTL_OK;
fail:
    ftl_csv_close(csv);
    hr_rules_free(r);
    return rc;
}

int hr_rules_parse(struct hr_rules **out, const char *text, size_t n,
                   const char *name, struct ftl_err *err)
{
    struct membuf m = { text, n };
    struct col_src *src;
    int rc;

    *out = NULL;
    if ((rc = col_src_open_cb(&src, name, (int64_t)n, mem_read, &m, 0,
                              err)))
        return rc;
    rc = parse_src(out, src, name, err);
    col_src_close(src);
    return rc;
}

int hr_rules_load_default(struct hr_rules **out, struct ftl_err *err)
{
    return hr_rules_parse(out, ftl_rules_default_csv,
                          strlen(ftl_rules_default_csv), "default", err);
}

int hr_rules_load_file(struct hr_rules **out, const char *path,
                       struct ftl_err *err)
{
    struct col_src *src;
    int rc;

    *out = NULL;
    if ((rc = col_src_open_file(&src, path, 0, err)))
        return rc;
    rc = parse_src(out, src, path, err);
    col_src_close(src);
    return rc;
}

int hr_rules_record(const struct hr_rules *r, struct tl_store *st,
                    struct ftl_err *err)
{
    static const struct { int f; const char *name; } fields[] = {
        { HR_F_PATH, "path" }, { HR_F_NAME, "name" },
        { HR_F_META, "meta" }, { HR_F_TEXT, "text" },
    };
    char source[sizeof(r->sha256) + 256];
    size_t i, k;
    int rc;

    snprintf(source, sizeof(source), "%.200s (sha256 %s)", r->source,
             r->sha256);
    for (i = 0; i < r->n; i++)
        for (k = 0; k < sizeof(fields) / sizeof(fields[0]); k++)
            if ((r->v[i].field & fields[k].f) &&
                (rc = tl_rule_add(st, r->v[i].category, r->v[i].art9,
                                  fields[k].name, r->v[i].pattern, source,
                                  err)))
                return rc;
    return FTL_OK;
}
