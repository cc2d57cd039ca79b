/*
 * collectors/hr/attribution.c - which persons an HR document is about,
 * and the sentence that says how each was found
 *
 * Every field of a document (the folders above it, its name, each
 * metadata value, its text) is folded and searched for the aliases of
 * the register's persons and, in the same pass, for the category rules
 * of that field (categories.c).  A person is attributed on an alias of
 * strength 2 or more (a name or an identifier); a surname alone makes a
 * candidate, named in the sentence but not attributed.  In each field
 * only a person's strongest alias is kept.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collectors/hr/hrdocs_int.h"

/* ---- finding persons ---------------------------------------------------- */

/* A finding of an alias in the current field. */
static void on_person(int id, const char *at, size_t len, void *payload)
{
    struct hr_run *r = payload;
    const struct hr_alias *a = &r->people->aliases[id];
    size_t i;

    (void)at;
    (void)len;
    if ((i = r->pidx[a->person]) != HR_NO_INDEX) {
        /* Found in this field already: keep the strongest alias. */
        struct hr_pmatch *m = &r->pm[i];

        if (a->strength > m->strength) {
            m->strength = a->strength;
            m->alias = id;
        }
        return;
    }
    if (r->npm == r->cappm) {
        size_t cap = r->cappm ? r->cappm * 2 : 32;
        struct hr_pmatch *v = realloc(r->pm, cap * sizeof(*v));

        if (!v) {
            r->nomem = 1;       /* the document fails: no finding lost */
            return;
        }
        r->pm = v;
        r->cappm = cap;
    }
    r->pm[r->npm].person = a->person;
    r->pm[r->npm].field = r->field;
    r->pm[r->npm].strength = a->strength;
    r->pm[r->npm].alias = id;
    r->pidx[a->person] = r->npm++;
}

/* The findings of one field are complete: forget their index. */
static void field_done(struct hr_run *r)
{
    size_t i;

    for (i = r->field_start; i < r->npm; i++)
        r->pidx[r->pm[i].person] = HR_NO_INDEX;
    r->field_start = r->npm;
}

/* Search one field's folded text for persons and categories ('more':
 * the same field again, its findings so far kept). */
static void scan(struct hr_run *r, const char *field, int bit,
                 const char *text, size_t n, int more)
{
    if (!more) {
        field_done(r);
        r->field = field;
    }
    ftl_matcher_scan(r->people->m, text, n, on_person, r);
    hr_cat_scan(r, bit, text, n);
}

/* Fold s and scan it; a file name or folder, or a metadata value, is
 * also scanned with its words split where case or digits join them
 * ("passportScan", "JanPeeters_CV2023"), since its words are run
 * together as often as they are spaced.  A person or category is kept
 * once per field however often it is found. */
static void scan_raw(struct hr_run *r, const char *field, int bit,
                     const char *s)
{
    char *split;
    int any;

    if (!s || !*s)
        return;
    ftl_text_reset(&r->fold);
    ftl_text_add(&r->fold, s, strlen(s));
    scan(r, field, bit, r->fold.b.len ? r->fold.b.p : "", r->fold.b.len, 0);
    if (!(split = ftl_split_case(s, &any))) {
        r->nomem = 1;
        return;
    }
    if (any) {
        ftl_text_reset(&r->fold);
        ftl_text_add(&r->fold, split, strlen(split));
        if (r->fold.b.len)
            scan(r, field, bit, r->fold.b.p, r->fold.b.len, 1);
    }
    free(split);
}

/* Metadata fields searched, with their labels. */
static const struct { int meta; const char *label; } meta_fields[] = {
    { HR_M_TITLE, "meta:title" }, { HR_M_SUBJECT, "meta:subject" },
    { HR_M_AUTHOR, "meta:author" }, { HR_M_LASTBY, "meta:last_modified_by" },
    { HR_M_KEYWORDS, "meta:keywords" },
    { HR_M_DESCRIPTION, "meta:description" },
    { HR_M_CATEGORY, "meta:category" }, { HR_M_MANAGER, "meta:manager" },
    { HR_M_COMPANY, "meta:company" }, { HR_M_PRINTEDBY, "meta:printed_by" },
};

/* Every field, in the order the findings are shown. */
static void scan_fields(struct hr_run *r, const struct hr_docin *in)
{
    size_t i;

    r->npm = r->ncm = r->field_start = 0;
    scan_raw(r, "path", HR_F_PATH, in->dir);
    scan_raw(r, "name", HR_F_NAME, in->name);
    for (i = 0; i < sizeof(meta_fields) / sizeof(meta_fields[0]); i++)
        scan_raw(r, meta_fields[i].label, HR_F_META,
                 r->doc.meta[meta_fields[i].meta]);
    if (r->doc.text.b.len)
        scan(r, "text", HR_F_TEXT, r->doc.text.b.p, r->doc.text.b.len, 0);
    field_done(r);
}

/* ---- the sentence ------------------------------------------------------- */

void hr_attr_add(struct hr_run *r, const char *fmt, ...)
{
    struct ftl_buf *b = &r->attr;
    char piece[HR_ATTR_MAX];  /* more is cut anyway */
    va_list ap;
    size_t k;
    int n;

    if (b->len >= b->max)       /* cut already */
        return;
    /* Formatted once here: ftl_buf_printf() formats twice, and the
     * sentence is written piece by piece for every document. */
    va_start(ap, fmt);
    n = vsnprintf(piece, sizeof(piece), fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    k = (size_t)n < b->max - b->len ? (size_t)n : b->max - b->len;
    if (ftl_buf_add(b, piece, k) != FTL_OK)
        r->nomem = 1;
    else if (b->len >= b->max)  /* full: "..." over its last bytes */
        memcpy(b->p + b->len - 3, "...", 3);
}

/* By person, strongest first: a person's best strength over all fields
 * is then the first of its findings. */
static int cmp_pmatch(const void *a, const void *b)
{
    const struct hr_pmatch *x = a, *y = b;

    if (x->person != y->person)
        return x->person < y->person ? -1 : 1;
    return y->strength - x->strength;
}

/* One finding in the sentence, after its person's name when it is that
 * person's first; pass 0 takes the attributed persons, pass 1 the
 * candidates.  One piece per finding: the sentence is the same cut into
 * any pieces, and fewer are cheaper. */
static void describe_finding(struct hr_run *r, size_t i, int pass,
                             int *nattr, int *ncand, int *single)
{
    const struct hr_pmatch *m = &r->pm[i];
    const struct hr_person *p = &r->people->persons[m->person];
    const struct hr_alias *a = &r->people->aliases[m->alias];
    char id[24];

    if (i > 0 && r->pm[i - 1].person == m->person) {
        hr_attr_add(r, ", %s '%s' in %s", a->kind, a->alias, m->field);
    } else if (pass == 0) {
        snprintf(id, sizeof(id), "%s%lld", *nattr ? ";" : "",
                 (long long)p->id);
        if (ftl_buf_puts(&r->ids, id) != FTL_OK)
            r->nomem = 1;
        *single = *nattr ? -2 : m->person;
        hr_attr_add(r, "%s#%lld %s: %s '%s' in %s", *nattr ? "; " : "",
                    (long long)p->id, p->name, a->kind, a->alias, m->field);
        (*nattr)++;
    } else {
        hr_attr_add(r, "%s#%lld %s (surname alone, not attributed): %s '%s' "
                    "in %s", *nattr + *ncand ? "; " : "", (long long)p->id,
                    p->name, a->kind, a->alias, m->field);
        (*ncand)++;
    }
}

/* The persons into the person_ids list and the sentence: attributed
 * ones first, then candidates on a surname alone. */
static void describe_persons(struct hr_run *r, int *single)
{
    int nattr = 0, ncand = 0, pass, attributed = 0;
    size_t i;

    if (r->npm)
        qsort(r->pm, r->npm, sizeof(*r->pm), cmp_pmatch);
    *single = -1;
    for (pass = 0; pass < 2; pass++) {
        for (i = 0; i < r->npm; i++) {
            if (i == 0 || r->pm[i - 1].person != r->pm[i].person)
                attributed = r->pm[i].strength >= 2;
            if (attributed == (pass == 0))
                describe_finding(r, i, pass, &nattr, &ncand, single);
        }
    }
    if (!nattr)
        hr_attr_add(r, "%sattributed to nobody", ncand ? "; " : "");
}

int hr_attr_find(struct hr_run *r, const struct hr_docin *in, int *single,
                 int *art9, struct ftl_err *err)
{
    ftl_buf_reset(&r->ids);
    ftl_buf_reset(&r->cats);
    ftl_buf_reset(&r->attr);
    r->nomem = 0;
    scan_fields(r, in);
    if (!r->nomem) {
        describe_persons(r, single);
        hr_cat_describe(r, art9);
    }
    if (r->nomem)
        return ftl_err_set(err, FTL_ENOMEM, "out of memory");
    return FTL_OK;
}
