/*
 * collectors/hr/ooxml.c - Office Open XML parts (.docx, .xlsx, .pptx)
 *
 * docProps/core.xml (ECMA-376 Part 2, core properties): dc:title,
 * dc:subject, dc:creator, cp:keywords, dc:description,
 * cp:lastModifiedBy, cp:revision, cp:category, and the times
 * dcterms:created, dcterms:modified and cp:lastPrinted (W3CDTF, normally
 * UTC with 'Z'; a zone-less one is read in --tz and flagged).
 * docProps/app.xml: Company and Manager, searched as metadata.
 * The text of the body (word/document.xml, headers, footers, notes,
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

#define VALUE_MAX 4096

/* What a core.xml / app.xml element becomes. */
struct prop {
    const char *local;
    int meta;                 /* enum hr_meta, or -1 for a time */
    const char *desc;         /* for times */
    const char *field;        /* as named in the part */
};

static const struct prop core_props[] = {
    { "title", HR_M_TITLE, NULL, "dc:title" },
    { "subject", HR_M_SUBJECT, NULL, "dc:subject" },
    { "creator", HR_M_AUTHOR, NULL, "dc:creator" },
    { "keywords", HR_M_KEYWORDS, NULL, "cp:keywords" },
    { "description", HR_M_DESCRIPTION, NULL, "dc:description" },
    { "lastModifiedBy", HR_M_LASTBY, NULL, "cp:lastModifiedBy" },
    { "revision", HR_M_REVISION, NULL, "cp:revision" },
    { "category", HR_M_CATEGORY, NULL, "cp:category" },
    { "created", -1, "Creation Time", "dcterms:created" },
    { "modified", -1, "Content Modification Time", "dcterms:modified" },
    { "lastPrinted", -1, "Last Printed Time", "cp:lastPrinted" },
    { NULL, 0, NULL, NULL },
};

static const struct prop app_props[] = {
    { "Company", HR_M_COMPANY, NULL, "Company" },
    { "Manager", HR_M_MANAGER, NULL, "Manager" },
    { NULL, 0, NULL, NULL },
};

/* Parsing state of a properties part. */
struct props {
    struct hr_doc *d;
    const struct prop *table;
    const char *where;        /* "docProps/core.xml" */
    const struct prop *cur;   /* element being read, or NULL */
    int depth, cur_depth;
    char value[VALUE_MAX];
    size_t len;
};

static void props_start(struct hr_xml *x, const char *local,
                        const char *uri, int nattr, const char **attrs)
{
    struct props *p = hr_xml_ud(x);
    const struct prop *t;

    (void)uri;
    (void)nattr;
    (void)attrs;
    p->depth++;
    /* Properties are children of the root element. */
    if (p->cur || p->depth != 2)
        return;
    for (t = p->table; t->local; t++) {
        if (strcmp(t->local, local) == 0) {
            p->cur = t;
            p->cur_depth = p->depth;
            p->len = 0;
            return;
        }
    }
}

static void props_text(struct hr_xml *x, const char *s, size_t n)
{
    struct props *p = hr_xml_ud(x);

    if (!p->cur)
        return;
    p->len = hr_xml_append(p->value, p->len, sizeof(p->value), s, n);
}

static void props_end(struct hr_xml *x, const char *local, const char *uri)
{
    struct props *p = hr_xml_ud(x);

    (void)local;
    (void)uri;
    if (p->cur && p->depth == p->cur_depth) {
        if (p->cur->meta >= 0)
            hr_doc_meta(p->d, p->cur->meta, p->value, p->len);
        else
            hr_doc_time_iso(p->d, p->cur->desc, p->where, p->cur->field,
                            p->value, p->len);
        p->cur = NULL;
    }
    p->depth--;
}

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
    struct props p;
    struct body b;
    char why[256], esc[300];
    int rc;

    memset(&cb, 0, sizeof(cb));
    if (is_body(member)) {
        memset(&b, 0, sizeof(b));
        b.d = d;
        cb.start = body_start;
        cb.end = body_end;
        cb.text = body_text;
        cb.ud = &b;
    } else {
        memset(&p, 0, sizeof(p));
        p.d = d;
        p.table = strcmp(member, "docProps/app.xml") == 0 ? app_props
                                                          : core_props;
        p.where = strcmp(member, "docProps/app.xml") == 0
                  ? "docProps/app.xml" : "docProps/core.xml";
        cb.start = props_start;
        cb.end = props_end;
        cb.text = props_text;
        cb.ud = &p;
    }
    rc = hr_xml_parse(&cb, rd, rdp, why, sizeof(why));
    /* A read failure (damage, zip bomb cap) is reported by the caller. */
    if (rc == FTL_EPARSE)
        hr_doc_note(d, "%s: %s", ftl_esc_msg(esc, sizeof(esc), member,
                                             strlen(member)), why);
    return rc;
}
