/*
 * collectors/hr/properties.c - document properties: one table-driven
 * reader for OOXML docProps, ODF meta.xml and the XMP packet of a PDF
 *
 * The three formats say the same things (title, author, when created,
 * modified, printed) in XML parts of their own.  Each part is described
 * here by a table: which element, in which namespace, becomes which
 * field of the document, and whether its text is a value, a time, or a
 * list of rdf:li values of which the first is kept.  The SAX callbacks
 * of xml.c walk the part; nothing else about the formats is in this
 * file, and what a property means is only here, in one place, as data.
 *
 *   docProps/core.xml  ECMA-376 Part 2 core properties: dc:title,
 *                      dc:subject, dc:creator, cp:keywords,
 *                      dc:description, cp:lastModifiedBy, cp:revision,
 *                      cp:category; dcterms:created, dcterms:modified,
 *                      cp:lastPrinted (W3CDTF, normally UTC with 'Z')
 *   docProps/app.xml   extended properties: Company, Manager
 *   meta.xml           ODF 1.2 part 1, section 4: dc:title, dc:subject,
 *                      dc:description, meta:keyword,
 *                      meta:initial-creator (the author), dc:creator
 *                      (who saved it last), meta:printed-by,
 *                      meta:editing-cycles; meta:creation-date, dc:date,
 *                      meta:print-date (xsd:dateTime, usually zone-less)
 *   XMP                xmp:CreateDate, xmp:ModifyDate (elements or the
 *                      attributes of rdf:Description), dc:creator and
 *                      dc:title (their first rdf:li)
 *
 * A zone-less time is read in the document's zone (--tz) and flagged by
 * hr_doc_time_iso().
 *
 * SPDX-License-Identifier: MIT
 */
#include <assert.h>
#include <stdio.h>
#include <string.h>

#include "collectors/hr/hr_int.h"

#define NS_DC "http://purl.org/dc/elements/1.1/"
#define NS_XMP "http://ns.adobe.com/xap/1.0/"

#define T_CREATED "Creation Time"
#define T_MODIFIED "Content Modification Time"
#define T_PRINTED "Last Printed Time"

/* OOXML elements are recognised by local name whatever the prefix:
 * writers differ in the namespaces they declare, never in the names. */
static const struct hr_prop core_props[] = {
    { NULL, "title", HR_PROP_TEXT, HR_M_TITLE, NULL, "dc:title" },
    { NULL, "subject", HR_PROP_TEXT, HR_M_SUBJECT, NULL, "dc:subject" },
    { NULL, "creator", HR_PROP_TEXT, HR_M_AUTHOR, NULL, "dc:creator" },
    { NULL, "keywords", HR_PROP_TEXT, HR_M_KEYWORDS, NULL, "cp:keywords" },
    { NULL, "description", HR_PROP_TEXT, HR_M_DESCRIPTION, NULL,
      "dc:description" },
    { NULL, "lastModifiedBy", HR_PROP_TEXT, HR_M_LASTBY, NULL,
      "cp:lastModifiedBy" },
    { NULL, "revision", HR_PROP_TEXT, HR_M_REVISION, NULL, "cp:revision" },
    { NULL, "category", HR_PROP_TEXT, HR_M_CATEGORY, NULL, "cp:category" },
    { NULL, "created", HR_PROP_TIME, 0, T_CREATED, "dcterms:created" },
    { NULL, "modified", HR_PROP_TIME, 0, T_MODIFIED, "dcterms:modified" },
    { NULL, "lastPrinted", HR_PROP_TIME, 0, T_PRINTED, "cp:lastPrinted" },
    { NULL, NULL, 0, 0, NULL, NULL },
};

static const struct hr_prop app_props[] = {
    { NULL, "Company", HR_PROP_TEXT, HR_M_COMPANY, NULL, "Company" },
    { NULL, "Manager", HR_PROP_TEXT, HR_M_MANAGER, NULL, "Manager" },
    { NULL, NULL, 0, 0, NULL, NULL },
};

/* ODF's own elements by local name whatever their namespace (the
 * OpenOffice.org 1.x formats put them in another one); Dublin Core's in
 * Dublin Core only, since dc:creator and dc:date are not the author and
 * the creation date. */
static const struct hr_prop odf_props[] = {
    { NS_DC, "title", HR_PROP_TEXT, HR_M_TITLE, NULL, "dc:title" },
    { NS_DC, "subject", HR_PROP_TEXT, HR_M_SUBJECT, NULL, "dc:subject" },
    { NS_DC, "description", HR_PROP_TEXT, HR_M_DESCRIPTION, NULL,
      "dc:description" },
    { NULL, "keyword", HR_PROP_TEXT, HR_M_KEYWORDS, NULL, "meta:keyword" },
    { NULL, "initial-creator", HR_PROP_TEXT, HR_M_AUTHOR, NULL,
      "meta:initial-creator" },
    { NS_DC, "creator", HR_PROP_TEXT, HR_M_LASTBY, NULL, "dc:creator" },
    { NULL, "printed-by", HR_PROP_TEXT, HR_M_PRINTEDBY, NULL,
      "meta:printed-by" },
    { NULL, "editing-cycles", HR_PROP_TEXT, HR_M_REVISION, NULL,
      "meta:editing-cycles" },
    { NULL, "creation-date", HR_PROP_TIME, 0, T_CREATED,
      "meta:creation-date" },
    { NS_DC, "date", HR_PROP_TIME, 0, T_MODIFIED, "dc:date" },
    { NULL, "print-date", HR_PROP_TIME, 0, T_PRINTED, "meta:print-date" },
    { NULL, NULL, 0, 0, NULL, NULL },
};

static const struct hr_prop xmp_props[] = {
    { NS_XMP, "CreateDate", HR_PROP_TIME, 0, T_CREATED, "xmp:CreateDate" },
    { NS_XMP, "ModifyDate", HR_PROP_TIME, 0, T_MODIFIED, "xmp:ModifyDate" },
    { NS_DC, "creator", HR_PROP_ITEMS, HR_M_AUTHOR, NULL, "dc:creator" },
    { NS_DC, "title", HR_PROP_ITEMS, HR_M_TITLE, NULL, "dc:title" },
    { NULL, NULL, 0, 0, NULL, NULL },
};

/* Properties are children of the root in OOXML, inside office:meta in
 * ODF, anywhere in XMP (whose rdf:Description may sit at any depth).
 * XMP's values are kept to 512 bytes as pdf.c always did, the others to
 * 4 KiB; hr_doc_meta() cuts either to HR_META_MAX. */
const struct hr_props_part hr_props_ooxml_core = {
    "docProps/core.xml", core_props, 2, NULL, 0, 4095,
};
const struct hr_props_part hr_props_ooxml_app = {
    "docProps/app.xml", app_props, 2, NULL, 0, 4095,
};
const struct hr_props_part hr_props_odf_meta = {
    "meta.xml", odf_props, 0, "meta", 0, 4095,
};
const struct hr_props_part hr_props_xmp = {
    "XMP", xmp_props, 0, NULL, 1, 511,
};

#define VALUE_MAX 4095        /* the largest value_max above */

/* Parsing state of one part. */
struct props {
    struct hr_doc *d;
    const struct hr_props_part *part;
    int depth;                /* of the current element, root 1 */
    int within;               /* inside the part's 'within' element */
    const struct hr_prop *cur; /* property being read, or NULL */
    int cur_depth;            /* depth of its element */
    int in_item;              /* inside an rdf:li of an item list */
    char value[VALUE_MAX + 1];
    size_t len;
};

/* The entry for an element or attribute, or NULL.  An attribute can
 * only be a single value, never a list of items. */
static const struct hr_prop *lookup(const struct hr_props_part *part,
                                    const char *local, const char *uri,
                                    int attribute)
{
    const struct hr_prop *p;

    for (p = part->props; p->local; p++) {
        if (attribute && p->kind == HR_PROP_ITEMS)
            continue;
        if (strcmp(p->local, local) == 0 &&
            (!p->ns || (uri && strcmp(uri, p->ns) == 0)))
            return p;
    }
    return NULL;
}

/* A value is complete: into the document. */
static void take(struct props *s, const struct hr_prop *p, const char *v,
                 size_t n)
{
    if (p->kind == HR_PROP_TIME)
        hr_doc_time_iso(s->d, p->desc, s->part->where, p->field, v, n);
    else
        hr_doc_meta(s->d, p->meta, v, n);
}

/* XMP's short form: properties as attributes (5 pointers each). */
static void take_attrs(struct props *s, int nattr, const char **attrs)
{
    const struct hr_prop *p;
    int i;

    for (i = 0; i < nattr; i++) {
        const char **a = attrs + 5 * i;

        if ((p = lookup(s->part, a[0], a[2], 1)) != NULL)
            take(s, p, a[3], (size_t)(a[4] - a[3]));
    }
}

static void props_start(struct hr_xml *x, const char *local,
                        const char *uri, int nattr, const char **attrs)
{
    struct props *s = hr_xml_ud(x);
    const struct hr_props_part *part = s->part;
    const struct hr_prop *p;

    s->depth++;
    if (part->attrs)
        take_attrs(s, nattr, attrs);
    if (part->within && strcmp(local, part->within) == 0) {
        s->within = 1;
        return;
    }
    if (s->cur) {
        if (s->cur->kind == HR_PROP_ITEMS && strcmp(local, "li") == 0) {
            s->in_item = 1;
            s->len = 0;
        }
        return;
    }
    if ((part->depth && s->depth != part->depth) ||
        (part->within && !s->within))
        return;
    if ((p = lookup(part, local, uri, 0)) != NULL) {
        s->cur = p;
        s->cur_depth = s->depth;
        s->len = 0;
    }
}

static void props_text(struct hr_xml *x, const char *t, size_t n)
{
    struct props *s = hr_xml_ud(x);

    if (!s->cur || (s->cur->kind == HR_PROP_ITEMS && !s->in_item))
        return;
    s->len = hr_xml_append(s->value, s->len, s->part->value_max + 1, t, n);
}

static void props_end(struct hr_xml *x, const char *local, const char *uri)
{
    struct props *s = hr_xml_ud(x);

    (void)uri;
    if (s->cur && s->in_item && strcmp(local, "li") == 0) {
        hr_doc_meta(s->d, s->cur->meta, s->value, s->len);
        s->in_item = 0;
    } else if (s->cur && s->depth == s->cur_depth) {
        if (s->cur->kind != HR_PROP_ITEMS)
            take(s, s->cur, s->value, s->len);
        s->cur = NULL;
    } else if (s->part->within && strcmp(local, s->part->within) == 0) {
        s->within = 0;
    }
    s->depth--;
}

/* The callbacks over a state for 'part'. */
static void props_setup(struct props *s, struct hr_xml_cb *cb,
                        struct hr_doc *d, const struct hr_props_part *part)
{
    assert(part->value_max <= VALUE_MAX);
    memset(s, 0, sizeof(*s));
    s->d = d;
    s->part = part;
    memset(cb, 0, sizeof(*cb));
    cb->start = props_start;
    cb->end = props_end;
    cb->text = props_text;
    cb->ud = s;
}

int hr_props_read(struct hr_doc *d, const struct hr_props_part *part,
                  hr_read_fn rd, void *rdp, char *why, size_t whysz)
{
    struct hr_xml_cb cb;
    struct props s;

    props_setup(&s, &cb, d, part);
    return hr_xml_parse(&cb, rd, rdp, why, whysz);
}

int hr_props_read_mem(struct hr_doc *d, const struct hr_props_part *part,
                      const char *buf, size_t n, char *why, size_t whysz)
{
    struct hr_xml_cb cb;
    struct props s;

    props_setup(&s, &cb, d, part);
    return hr_xml_parse_mem(&cb, buf, n, why, whysz);
}
