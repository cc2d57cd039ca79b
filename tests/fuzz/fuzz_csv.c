/*
 * tests/fuzz/fuzz_csv.c - the RFC 4180 reader (base/csv.c)
 *
 * The first byte picks the options (flags, delimiter, small caps so
 * that each is met), the rest is the file, read in memory.  Properties:
 * every record has 1..fields_max fields, its fields fit the record cap,
 * lines only go forward, and the reader ends (FTL_DONE or an error).
 *
 * SPDX-License-Identifier: MIT
 */
#include <string.h>

#include "base/csv.h"
#include "tests/fuzz/fuzzutil.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char delims[4] = { 0, ',', ';', '\t' };
    struct ftl_csv_opts o = { 0 };
    struct ftl_err err = { 0 };
    struct ftl_csv *c;
    char **f;
    int nf, rc, i;
    int64_t line, last = 0;
    size_t bytes;

    if (!size)
        return 0;
    o.flags = data[0] & 15;
    o.delim = delims[(data[0] >> 4) & 3];
    if (data[0] & 0x40) {
        o.line_max = 64;
        o.record_max = 128;
        o.lines_max = 3;
        o.fields_max = 5;
    }
    o.name = (data[0] & 0x80) ? "fuzz.csv" : NULL;
    if (ftl_csv_open_mem(&c, &o, (const char *)data + 1, size - 1, &err))
        return 0;
    while ((rc = ftl_csv_next(c, &f, &nf, &line, &err)) == FTL_OK) {
        if (nf < 1 || (o.fields_max && (size_t)nf > o.fields_max))
            fu_fail("%d fields", nf);
        if (line < last || line < 1)
            fu_fail("line %lld after %lld", (long long)line,
                    (long long)last);
        last = line;
        for (bytes = 0, i = 0; i < nf; i++)
            bytes += strlen(f[i]) + 1;
        if (o.record_max && bytes >= o.record_max)
            fu_fail("record of %zu bytes past the cap", bytes);
    }
    if (rc != FTL_DONE && rc != FTL_EPARSE)
        fu_fail("reader ended with %d: %s", rc, err.msg);
    ftl_csv_close(c);
    return 0;
}
