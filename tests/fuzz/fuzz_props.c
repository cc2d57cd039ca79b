/*
 * tests/fuzz/fuzz_props.c - the document property readers
 * (collectors/hr/properties.c over the hardened SAX parser, xml.c)
 *
 * The first byte picks the part: OOXML docProps/core.xml, app.xml, ODF
 * meta.xml or a PDF's XMP packet; the rest is the part's XML.
 * Properties: the document holds at most its caps (times, notes, bytes
 * of a value), every time has its description and raw text.
 *
 * SPDX-License-Identifier: MIT
 */
#include <string.h>

#include "collectors/hr/hr_int.h"
#include "tests/fuzz/fuzzutil.h"

static void check_doc(const struct hr_doc *d)
{
    int i;

    if (d->ntimes < 0 || d->ntimes > HR_TIMES_MAX || d->nnotes < 0 ||
        d->nnotes > HR_NOTES)
        fu_fail("%d times, %d notes", d->ntimes, d->nnotes);
    for (i = 0; i < HR_M_N; i++)
        if (d->meta[i] && strlen(d->meta[i]) > HR_META_MAX)
            fu_fail("metadata value %d of %zu bytes", i,
                    strlen(d->meta[i]));
    for (i = 0; i < d->ntimes; i++)
        if (!d->times[i].desc || strnlen(d->times[i].raw, 64) == 64)
            fu_fail("time %d without description or raw text", i);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const struct hr_props_part *const parts[4] = {
        &hr_props_ooxml_core, &hr_props_ooxml_app, &hr_props_odf_meta,
        &hr_props_xmp
    };
    static struct hr_doc d;
    static int init;
    char why[256];

    if (!size)
        return 0;
    if (!init) {
        hr_doc_init(&d, NULL);
        init = 1;
    }
    hr_doc_reset(&d, "fuzz.docx");
    hr_props_read_mem(&d, parts[data[0] & 3], (const char *)data + 1,
                      size - 1, why, sizeof(why));
    check_doc(&d);
    return 0;
}
