/*
 * tests/fuzz/fuzz_bodyfile.c - body-file lines (collectors/bodyfile.c)
 *
 * Each line of the input goes through col_bodyfile_parse() as the
 * collector splits it.  Property: a time that parsed, written back as
 * epoch text (as the body exporter writes it), parses to the same ns.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdlib.h>
#include <string.h>

#include "tests/fuzz/fuzzutil.h"

static void one_line(char *line, size_t len)
{
    struct col_body_line b;
    char out[TL_TIME_BUFSZ];
    int64_t ns;
    size_t used;
    int prec, i;

    if (col_bodyfile_parse(line, len, &b))
        return;
    for (i = 0; i < 4; i++) {
        tl_time_format_epoch(b.ns[i], out);
        if (tl_time_parse_epoch(out, strlen(out), &ns, &prec, &used) ||
            ns != b.ns[i] || out[used])
            fu_fail("time %d: %lld written as '%s' reads back as %lld", i,
                    (long long)b.ns[i], out, (long long)ns);
    }
    if (b.nsize < 0)
        fu_fail("negative size");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fu_strndup(data, size), *p = text, *nl;
    size_t left = size;

    while (left) {
        nl = memchr(p, '\n', left);
        size_t len = nl ? (size_t)(nl - p) : left;

        one_line(p, len);
        if (!nl)
            break;
        left -= len + 1;
        p = nl + 1;
    }
    free(text);
    return 0;
}
