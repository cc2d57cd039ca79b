/*
 * tests/fuzz/fuzz_pdfdate.c - the raw PDF Info date reader
 * (collectors/hr/pdf.c)
 *
 * The whole input is searched for "/CreationDate (...)" and
 * "/ModDate (...)" as pdf.c searches a PDF's bytes, against a fixed
 * reading (2014-12-13 22:02:42 +01:00) that seeds and the dictionary
 * hold; the input is also parsed as one date string.  Properties: a
 * date found has the fields of that reading and a raw text that is a
 * prefix of what the input holds; a parsed date's fields are digits as
 * written (month and day two digits, so at most 99).
 *
 * SPDX-License-Identifier: MIT
 */
#define _GNU_SOURCE /* memmem */
#include <string.h>

#include <glib.h>

#include "collectors/hr/hr_int.h"
#include "tests/fuzz/fuzzutil.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static GDateTime *dt;
    static const char *const keys[] = { "/CreationDate", "/ModDate" };
    struct hr_pdfdate pd;
    int i;

    if (!dt) {
        GTimeZone *tz = g_time_zone_new_offset(3600);

        dt = g_date_time_new(tz, 2014, 12, 13, 22, 2, 42);
        g_time_zone_unref(tz);
    }
    for (i = 0; i < 2; i++) {
        if (!hr_pdf_find_raw(data, size, keys[i], dt, &pd))
            continue;
        if (pd.c.year != 2014 || pd.c.mon != 12 || pd.c.day != 13 ||
            pd.c.hour != 22 || pd.c.min != 2 || pd.c.sec != 42 ||
            (pd.c.has_zone && pd.c.off_sec != 3600))
            fu_fail("found a date that is not poppler's: %s", pd.raw);
        if (!memmem(data, size, pd.raw, strlen(pd.raw)))
            fu_fail("raw text '%s' is not in the input", pd.raw);
    }
    if (hr_pdf_date_parse((const char *)data, size, &pd) == 0) {
        if (pd.c.year < 0 || pd.c.year > 9999 || pd.c.mon < 0 ||
            pd.c.mon > 99 || pd.c.day < 0 || pd.c.day > 99 ||
            pd.c.hour > 99 || pd.c.min > 99 || pd.c.sec > 99 ||
            pd.c.off_sec < -99 * 3660 || pd.c.off_sec > 99 * 3660)
            fu_fail("parsed fields out of their digits");
        if (strlen(pd.raw) > 63)
            fu_fail("raw text past its buffer");
    }
    return 0;
}
