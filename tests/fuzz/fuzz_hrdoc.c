/*
 * tests/fuzz/fuzz_hrdoc.c - one HR document read by its content
 * (collectors/hr/doc.c: OOXML and ODF through zip.c, ooxml.c, odf.c,
 * HR-XML and other XML, PDF through poppler, plain text)
 *
 * Properties: the document holds at most its caps, has a type, and
 * the bytes inflated from a container stay within the zip-bomb caps.
 *
 * SPDX-License-Identifier: MIT
 */
#include <string.h>

#include "collectors/hr/hr_int.h"
#include "tests/fuzz/fuzzutil.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct hr_doc d;
    static int init;
    int i;

    if (!init) {
        hr_doc_init(&d, NULL);
        init = 1;
    }
    hr_doc_reset(&d, "fuzz.bin");
    hr_doc_read(&d, data, size);
    if (d.ntimes < 0 || d.ntimes > HR_TIMES_MAX || d.nnotes < 0 ||
        d.nnotes > HR_NOTES)
        fu_fail("%d times, %d notes", d.ntimes, d.nnotes);
    if (strnlen(d.type, sizeof(d.type)) == sizeof(d.type))
        fu_fail("type not terminated");
    for (i = 0; i < HR_M_N; i++)
        if (d.meta[i] && strlen(d.meta[i]) > HR_META_MAX)
            fu_fail("metadata value %d too long", i);
    return 0;
}
