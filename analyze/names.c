/*
 * analyze/names.c - names: the "same name" join and the weak links
 *
 * Two things are about names.  An attachment named like an HR document
 * ("CV_Jean_Dupont.pdf" and "cv jean dupont.pdf" fold alike) but with
 * other content is a medium link: the folded base names go back to the
 * case and SQL joins them.  An attachment name or a subject that names a
 * person and, in the same text, matches a category rule ("Passport scan
 * Anna Weak") is a weak link: it says that data of that kind about that
 * person was probably there, not that it was.
 *
 * Names are matched as the HR collector matches documents: the persons'
 * aliases and the case's category rules folded by base/fold.c and found
 * on word boundaries by base/match.c, each rule phrase also without the
 * particles writers leave out (ftl_phrase_forms), and each text read
 * twice, folded and folded after ftl_split_case() ("passportScan",
 * "CV2023"), since names and subjects run words together as file names
 * do.  Aliases of kind "surname" are left
 * out: a surname alone is a candidate even inside a document, and a
 * subject is far less.  File names are matched with the rules of field
 * "name", subjects with those of field "meta" (a subject is a title).
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdlib.h>
#include <string.h>

#include "analyze/ex_int.h"
#include "base/fold.h"
#include "base/match.h"

struct an_alias {
    int64_t person_id;
    char *alias, *kind;
    char *norm;                /* folded, as matched */
};

struct an_rule {
    char *category, *pattern;
    int art9;
};

/* Matches of one text: the first alias per person and the first rule
 * per category, in the order the text holds them. */
struct hits {
    int *v;
    size_t n, cap;
    int oom;
};

struct an_names {
    struct ftl_matcher *aliases;
    struct an_alias *av;
    size_t an, acap;
    struct ftl_matcher *rules[2];   /* 0: field name, 1: field meta */
    struct an_rule *rv;
    size_t rn, rcap;
    struct hits ah, rh;
    int rc;
};

enum { F_NAME = 0, F_META = 1 };

void an_names_free(struct an_names *n)
{
    size_t i;

    if (!n)
        return;
    for (i = 0; i < n->an; i++) {
        free(n->av[i].alias);
        free(n->av[i].kind);
        free(n->av[i].norm);
    }
    for (i = 0; i < n->rn; i++) {
        free(n->rv[i].category);
        free(n->rv[i].pattern);
    }
    free(n->av);
    free(n->rv);
    free(n->ah.v);
    free(n->rh.v);
    ftl_matcher_free(n->aliases);
    ftl_matcher_free(n->rules[F_NAME]);
    ftl_matcher_free(n->rules[F_META]);
    free(n);
}

static int grow(void **v, size_t *cap, size_t n, size_t size)
{
    void *p;
    size_t c;

    if (n < *cap)
        return FTL_OK;
    c = *cap ? *cap * 2 : 64;
    if (!(p = realloc(*v, c * size)))
        return FTL_ENOMEM;
    *v = p;
    *cap = c;
    return FTL_OK;
}

/* 1 when person_id already has an alias of this folded form (aliases
 * come ordered by person). */
static int known_alias(const struct an_names *n, int64_t person_id,
                       const char *fold)
{
    size_t i;

    for (i = n->an; i > 0 && n->av[i - 1].person_id == person_id; i--)
        if (strcmp(n->av[i - 1].norm, fold) == 0)
            return 1;
    return 0;
}

static int load_alias(int64_t person_id, const char *alias, const char *kind,
                      const char *norm, void *payload)
{
    struct an_names *n = payload;
    struct an_alias *a;
    char *fold;

    (void)norm;
    if (!alias || !kind || strcmp(kind, "surname") == 0)
        return 0;
    /* Folded again, as collectors/hr/people.c does: a register loaded by
     * an older ftl matches as text is folded now. */
    if (!(fold = ftl_fold(alias)))
        return n->rc = FTL_ENOMEM;
    if (!*fold || known_alias(n, person_id, fold)) {
        free(fold);
        return 0;
    }
    if (grow((void **)&n->av, &n->acap, n->an, sizeof(*n->av))) {
        free(fold);
        return n->rc = FTL_ENOMEM;
    }
    a = &n->av[n->an];
    a->person_id = person_id;
    a->norm = fold;
    a->alias = strdup(alias);
    a->kind = strdup(kind);
    if (!a->alias || !a->kind ||
        ftl_matcher_add(n->aliases, fold, (int)n->an) != FTL_OK) {
        free(a->alias);
        free(a->kind);
        free(fold);
        return n->rc = FTL_ENOMEM;
    }
    n->an++;
    return 0;
}

struct rule_form {
    struct ftl_matcher *m;
    int id;
};

static int add_form(const char *form, void *payload)
{
    const struct rule_form *w = payload;

    return ftl_matcher_add(w->m, form, w->id) != FTL_OK ? -1 : 0;
}

static int load_rule(const char *category, int art9, const char *field,
                     const char *pattern, void *payload)
{
    struct an_names *n = payload;
    struct rule_form w;
    struct an_rule *r;
    int f = strcmp(field, "meta") == 0 ? F_META : F_NAME;
    char *norm;

    if (!category || !pattern)
        return 0;
    if (!(norm = ftl_fold_pattern(pattern)))
        return n->rc = FTL_ENOMEM;
    if (!*norm ||
        grow((void **)&n->rv, &n->rcap, n->rn, sizeof(*n->rv))) {
        int rc = *norm ? FTL_ENOMEM : 0;

        free(norm);
        return n->rc = rc;
    }
    r = &n->rv[n->rn];
    r->art9 = art9;
    r->category = strdup(category);
    r->pattern = strdup(pattern);
    w.m = n->rules[f];
    w.id = (int)n->rn;
    if (!r->category || !r->pattern || ftl_phrase_forms(norm, add_form, &w)) {
        free(r->category);
        free(r->pattern);
        free(norm);
        return n->rc = FTL_ENOMEM;
    }
    n->rn++;
    free(norm);
    return 0;
}

int an_names_load(struct an_names **out, struct tl_store *st,
                  struct ftl_err *err)
{
    struct an_names *n;
    int rc;

    *out = NULL;
    if (!(n = calloc(1, sizeof(*n))) ||
        ftl_matcher_new(&n->aliases) != FTL_OK ||
        ftl_matcher_new(&n->rules[F_NAME]) != FTL_OK ||
        ftl_matcher_new(&n->rules[F_META]) != FTL_OK) {
        an_names_free(n);
        return ftl_err_set(err, FTL_ENOMEM, "out of memory");
    }
    rc = tl_person_aliases_each(st, load_alias, n, err);
    if (!rc)
        rc = tl_ex_rules_each(st, load_rule, n, err);
    if (n->rc)
        rc = ftl_err_set(err, n->rc, "out of memory");
    if (rc) {
        an_names_free(n);
        return rc < 0 ? rc : FTL_ERR;
    }
    *out = n;
    return FTL_OK;
}

/* ---- matching one text ------------------------------------------------ */

static void hits_add(struct hits *h, int id)
{
    if (grow((void **)&h->v, &h->cap, h->n, sizeof(*h->v)))
        h->oom = 1;
    else
        h->v[h->n++] = id;
}

static void on_alias(int id, const char *at, size_t len, void *payload)
{
    struct an_names *n = payload;
    size_t i;

    (void)at;
    (void)len;
    for (i = 0; i < n->ah.n; i++)
        if (n->av[n->ah.v[i]].person_id == n->av[id].person_id)
            return;
    hits_add(&n->ah, id);
}

static void on_rule(int id, const char *at, size_t len, void *payload)
{
    struct an_names *n = payload;
    size_t i;

    (void)at;
    (void)len;
    for (i = 0; i < n->rh.n; i++)
        if (strcmp(n->rv[n->rh.v[i]].category, n->rv[id].category) == 0)
            return;
    hits_add(&n->rh, id);
}

/* The folded text split where case or digits join words, in *out, or
 * NULL when nothing was split; -1 on no memory. */
static int readings_split(const char *text, char **out)
{
    char *s;
    int any;

    *out = NULL;
    if (!(s = ftl_split_case(text, &any)))
        return -1;
    if (any)
        *out = ftl_fold(s);
    free(s);
    return any && !*out ? -1 : 0;
}

/* One weak link per person named and category matched in 'text'. */
static int scan(struct an_names *n, struct tl_store *st, const char *text,
                int field, const char *src, int64_t src_id,
                struct ftl_err *err)
{
    struct tl_ex_link l;
    char *norm, *split = NULL;
    size_t i, k;
    int rc = FTL_OK;

    if (!n->rn || !n->an || !text || !*text)
        return FTL_OK;
    if (!(norm = ftl_fold(text)) || readings_split(text, &split))
        return ftl_err_set(err, FTL_ENOMEM, "out of memory");
    n->ah.n = n->rh.n = 0;
    ftl_matcher_scan(n->aliases, norm, strlen(norm), on_alias, n);
    if (split)
        ftl_matcher_scan(n->aliases, split, strlen(split), on_alias, n);
    if (n->ah.n) {
        ftl_matcher_scan(n->rules[field], norm, strlen(norm), on_rule, n);
        if (split)
            ftl_matcher_scan(n->rules[field], split, strlen(split), on_rule,
                             n);
    }
    free(norm);
    free(split);
    if (n->ah.oom || n->rh.oom)
        return ftl_err_set(err, FTL_ENOMEM, "out of memory");
    memset(&l, 0, sizeof(l));
    l.src = src;
    l.src_id = src_id;
    l.strength = TL_EX_WEAK;
    l.link = field == F_META ? "subject-mention" : "name-mention";
    for (i = 0; !rc && i < n->ah.n; i++) {
        const struct an_alias *a = &n->av[n->ah.v[i]];

        for (k = 0; !rc && k < n->rh.n; k++) {
            const struct an_rule *r = &n->rv[n->rh.v[k]];

            l.person_id = a->person_id;
            l.category = r->category;
            l.art9 = r->art9;
            l.field = a->kind;
            l.matched = a->alias;
            l.pattern = r->pattern;
            rc = tl_ex_link_add(st, &l, err);
        }
    }
    return rc;
}

/* The last part of a path, with either separator: member paths use '/',
 * names from Windows clients sometimes '\'. */
static const char *base_name(const char *s)
{
    const char *b = s, *p;

    for (p = s; *p; p++)
        if (*p == '/' || *p == '\\')
            b = p + 1;
    return b;
}

static int put_name(struct tl_store *st, int64_t id, const char *name,
                    int doc, struct ftl_err *err)
{
    char *norm = ftl_fold(base_name(name));
    int rc;

    if (!norm)
        return ftl_err_set(err, FTL_ENOMEM, "out of memory");
    rc = !*norm ? FTL_OK
         : doc ? tl_ex_docname_add(st, id, norm, err)
               : tl_ex_attname_add(st, id, norm, err);
    free(norm);
    return rc;
}

struct att_walk {
    struct an_names *n;
    struct tl_store *st;
    struct ftl_err *err;
};

static int on_attachment(int64_t id, const char *name, void *payload)
{
    struct att_walk *w = payload;
    int rc;

    if ((rc = put_name(w->st, id, name, 0, w->err)))
        return rc;
    /* The whole name, folders of an archive member included: "Jean
     * Dupont/passport.jpg" names a person and a category together. */
    return scan(w->n, w->st, name, F_NAME, "attachment", id, w->err);
}

int an_names_attachments(struct an_names *n, struct tl_store *st,
                         struct ftl_err *err)
{
    struct att_walk w = { n, st, err };

    return tl_ex_attachments_each(st, on_attachment, &w, err);
}

static int on_document(int64_t id, const char *path, void *payload)
{
    struct att_walk *w = payload;

    return put_name(w->st, id, path, 1, w->err);
}

int an_names_documents(struct tl_store *st, struct ftl_err *err)
{
    struct att_walk w = { NULL, st, err };

    return tl_ex_documents_each(st, on_document, &w, err);
}

int an_names_subject(struct an_names *n, struct tl_store *st,
                     const char *src, int64_t id, const char *subject,
                     struct ftl_err *err)
{
    return scan(n, st, subject, F_META,
                strcmp(src, "group") == 0 ? "group" : "message", id, err);
}
