/*
 * collectors/hr/ooxml.c - Office Open XML parts (.docx, .xlsx, .pptx)
 *
 * docProps/core.xml and docProps/app.xml, the properties, are read by
 * the reader of properties.c, which says what each element means.  The
 * text of the body (word/document.xml, headers, footers, notes,
 * comments; slides and notes of a presentation; shared strings and
 * comments of a workbook) is the character data of the t elements (w:t,
 * a:t, t), with a break at the end of each paragraph or string item.
 *
 * Elements are recognised by local name, whatever the prefix.
 *
 * SPDX-License-Identifier: MIT
 */
#include <fnmatch.h>
#include <stdio.h>
#include <string.h>

#include "collectors/hr/hr_int.h"

/* Parsing state of a body part: text of the t elements. */
struct body {
    struct hr_doc *d;
    int in_t;
};

static void body_start(struct hr_xml *x, const char *local, const char *uri,
                       int nattr, const char **attrs)
{
    struct body *b = hr_xml_ud(x);

    (void)uri;
    (void)nattr;
    (void)attrs;
    if (strcmp(local, "t") == 0)
        b->in_t++;
    else if (strcmp(local, "tab") == 0 || strcmp(local, "br") == 0 ||
             strcmp(local, "cr") == 0)
        ftl_text_add(&b->d->text, " ", 1);
}

static void body_text(struct hr_xml *x, const char *s, size_t n)
{
    struct body *b = hr_xml_ud(x);

    if (b->in_t)
        ftl_text_add(&b->d->text, s, n);
}

static void body_end(struct hr_xml *x, const char *local, const char *uri)
{
    struct body *b = hr_xml_ud(x);

    (void)uri;
    if (strcmp(local, "t") == 0 && b->in_t)
        b->in_t--;
    else if (strcmp(local, "p") == 0 || strcmp(local, "si") == 0)
        ftl_text_break(&b->d->text);    /* paragraph, string item */
}

/* Body parts whose text is searched. */
static const char *const body_parts[] = {
    "word/document.xml", "word/header*.xml", "word/footer*.xml",
    "word/footnotes.xml", "word/endnotes.xml", "word/comments.xml",
    "ppt/slides/slide*.xml", "ppt/notesSlides/notesSlide*.xml",
    "xl/sharedStrings.xml", "xl/comments*.xml",
};

static int is_body(const char *member)
{
    size_t i;

    for (i = 0; i < sizeof(body_parts) / sizeof(body_parts[0]); i++)
        if (fnmatch(body_parts[i], member, FNM_PATHNAME) == 0)
            return 1;
    return 0;
}

int hr_ooxml_wants(const char *member)
{
    return strcmp(member, "docProps/core.xml") == 0 ||
           strcmp(member, "docProps/app.xml") == 0 || is_body(member);
}

int hr_ooxml_part(struct hr_doc *d, const char *member, hr_read_fn rd,
                  void *rdp)
{
    struct hr_xml_cb cb;
    struct body b;
    char why[256], esc[300];
    int rc;

    if (is_body(member)) {
        memset(&b, 0, sizeof(b));
        b.d = d;
        memset(&cb, 0, sizeof(cb));
        cb.start = body_start;
        cb.end = body_end;
        cb.text = body_text;
        cb.ud = &b;
        rc = hr_xml_parse(&cb, rd, rdp, why, sizeof(why));
    } else {
        rc = hr_props_read(d, strcmp(member, "docProps/app.xml") == 0
                           ? &hr_props_ooxml_app : &hr_props_ooxml_core,
                           rd, rdp, why, sizeof(why));
    }
    /* A read failure (damage, zip bomb cap) is reported by the caller. */
    if (rc == FTL_EPARSE)
        hr_doc_note(d, "%s: %s", ftl_esc_msg(esc, sizeof(esc), member,
                                             strlen(member)), why);
    return rc;
}
