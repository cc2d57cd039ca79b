/*
 * tests/fuzz/fuzz_hrxml.c - HR-XML person records
 * (collectors/hr/hrxml.c over xml.c)
 *
 * The input is an HR-XML document, pulled in small pieces as from a
 * file.  Properties: every record found has a line inside the input
 * and its element name, and its fields are text.
 *
 * SPDX-License-Identifier: MIT
 */
#include <string.h>

#include "collectors/hr/hr_int.h"
#include "tests/fuzz/fuzzutil.h"

struct mem {
    const uint8_t *p;
    size_t n, off;
    long lines;
};

/* Pieces of at most 7 bytes: elements and text are cut across reads. */
static long mem_read(void *payload, char *buf, size_t n)
{
    struct mem *m = payload;

    if (n > 7)
        n = 7;
    if (n > m->n - m->off)
        n = m->n - m->off;
    memcpy(buf, m->p + m->off, n);
    m->off += n;
    return (long)n;
}

static void text(const char *s)
{
    if (s)
        (void)strlen(s);
}

static int on_person(const struct hr_xperson *p, void *payload)
{
    const struct mem *m = payload;

    if (p->line < 1 || p->line > m->lines || !p->record || !*p->record)
        fu_fail("record at line %ld of %ld", p->line, m->lines);
    text(p->employee_no);
    text(p->first);
    text(p->last);
    text(p->formatted);
    text(p->emails);
    text(p->department);
    text(p->role);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct mem m = { data, size, 0, 1 };
    char why[256];
    size_t i;

    for (i = 0; i < size; i++)
        m.lines += data[i] == '\n';
    hr_hrxml_persons(mem_read, &m, on_person, &m, why, sizeof(why));
    return 0;
}
