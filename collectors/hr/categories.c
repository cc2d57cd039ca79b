/*
 * collectors/hr/categories.c - the data categories an HR document holds
 *
 * The rules (rules.c) give each category its patterns per field; a
 * field's folded text is searched for that field's patterns only.  Each
 * category is kept once per field, with the text that matched first,
 * and the categories are listed in the order they were first found
 * (fields in the order attribution.c searches them).
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collectors/hr/hrdocs_int.h"

/* A finding of a rule in the current field. */
static void on_rule(int id, const char *at, size_t len, void *payload)
{
    struct hr_run *r = payload;
    const struct hr_rule *rule = &r->rules->v[id];
    size_t i;

    for (i = 0; i < r->ncm; i++)
        if (strcmp(r->rules->v[r->cm[i].rule].category, rule->category) ==
            0 && r->cm[i].field == r->field)
            return;
    if (r->ncm == r->capcm) {
        size_t cap = r->capcm ? r->capcm * 2 : 16;
        struct hr_cmatch *v = realloc(r->cm, cap * sizeof(*v));

        if (!v) {
            r->nomem = 1;
            return;
        }
        r->cm = v;
        r->capcm = cap;
    }
    r->cm[r->ncm].rule = id;
    r->cm[r->ncm].field = r->field;
    snprintf(r->cm[r->ncm].matched, HR_MATCHED_MAX, "%.*s",
             (int)(len < HR_MATCHED_MAX - 1 ? len : HR_MATCHED_MAX - 1), at);
    r->ncm++;
}

void hr_cat_scan(struct hr_run *r, int bit, const char *text, size_t n)
{
    hr_rules_scan(r->rules, bit, text, n, on_rule, r);
}

/* The category of finding i. */
static const char *cat_of(const struct hr_run *r, size_t i)
{
    return r->rules->v[r->cm[i].rule].category;
}

void hr_cat_describe(struct hr_run *r, int *art9)
{
    size_t i, k;

    *art9 = 0;
    for (i = 0; i < r->ncm; i++) {
        const struct hr_rule *rule = &r->rules->v[r->cm[i].rule];

        for (k = 0; k < i && strcmp(cat_of(r, k), rule->category); k++)
            ;
        if (k < i)
            continue;           /* told with its first finding */
        if ((r->cats.len && ftl_buf_putc(&r->cats, ';') != FTL_OK) ||
            ftl_buf_puts(&r->cats, rule->category) != FTL_OK)
            r->nomem = 1;
        *art9 |= rule->art9;
        hr_attr_add(r, "%s%s%s:", i == 0 ? ". categories: " : "; ",
                    rule->category, rule->art9 ? " (GDPR Art. 9)" : "");
        for (k = i; k < r->ncm; k++)
            if (strcmp(cat_of(r, k), rule->category) == 0)
                hr_attr_add(r, "%s '%s' in %s", k == i ? "" : ",",
                            r->cm[k].matched, r->cm[k].field);
    }
    if (!r->ncm)
        hr_attr_add(r, ". no data category");
}
