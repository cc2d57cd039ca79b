/*
 * tests/fuzz/fuzz_rules.c - the category rules reader
 * (collectors/hr/rules.c) and its matcher (base/match.c)
 *
 * The input is a rules file; when it loads, its own text, folded, is
 * scanned for each field.  Properties: every match names a rule that
 * applies to that field, and its span lies inside the text.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdlib.h>
#include <string.h>

#include "base/fold.h"
#include "collectors/hr/hr_int.h"
#include "tests/fuzz/fuzzutil.h"

struct scan {
    const struct hr_rules *r;
    int field;
    const char *text;
    size_t n;
};

static void on_match(int id, const char *at, size_t len, void *payload)
{
    const struct scan *s = payload;

    if (id < 0 || (size_t)id >= s->r->n || !(s->r->v[id].field & s->field))
        fu_fail("match of rule %d for field %d", id, s->field);
    if (at < s->text || at + len > s->text + s->n)
        fu_fail("match span outside the text");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct hr_rules *r;
    struct ftl_err err = { 0 };
    char *raw, *folded;
    struct scan s;
    int f;

    if (hr_rules_parse(&r, (const char *)data, size, "fuzz.csv", &err))
        return 0;
    raw = fu_strndup(data, size);
    if ((folded = ftl_fold(raw))) {
        s.r = r;
        s.text = folded;
        s.n = strlen(folded);
        for (f = HR_F_PATH; f <= HR_F_META; f <<= 1) {
            s.field = f;
            hr_rules_scan(r, f, folded, s.n, on_match, &s);
        }
        free(folded);
    }
    free(raw);
    hr_rules_free(r);
    return 0;
}
