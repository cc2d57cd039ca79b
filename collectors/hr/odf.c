/*
 * collectors/hr/odf.c - OpenDocument parts (.odt, .ods, .odp)
 *
 * meta.xml (ODF 1.2 part 1, section 4 "Metadata"): dc:title, dc:subject,
 * dc:description, meta:keyword, meta:initial-creator (the author),
 * dc:creator (who saved it last), meta:printed-by, meta:editing-cycles,
 * and the times meta:creation-date, dc:date (last modification) and
 * meta:print-date.  ODF writes these as xsd:dateTime, which LibreOffice
 * saves without a zone and with up to nine fraction digits
 * ("2022-04-03T19:29:38.552950244"): such a time is read in the zone
 * given with --tz (UTC by default) and flagged as assumed; the fraction
 * is kept.  content.xml: the character data of office:body, with a break
 * at the end of each paragraph and heading.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <string.h>

#include "collectors/hr/hr_int.h"

#define VALUE_MAX 4096
#define NS_DC "http://purl.org/dc/elements/1.1/"

struct prop {
    const char *local;
    int dc;                   /* 1: in the Dublin Core namespace */
    int meta;                 /* enum hr_meta, or -1 for a time */
    const char *desc;
    const char *field;
};

static const struct prop meta_props[] = {
    { "title", 1, HR_M_TITLE, NULL, "dc:title" },
    { "subject", 1, HR_M_SUBJECT, NULL, "dc:subject" },
    { "description", 1, HR_M_DESCRIPTION, NULL, "dc:description" },
    { "keyword", 0, HR_M_KEYWORDS, NULL, "meta:keyword" },
    { "initial-creator", 0, HR_M_AUTHOR, NULL, "meta:initial-creator" },
    { "creator", 1, HR_M_LASTBY, NULL, "dc:creator" },
    { "printed-by", 0, HR_M_PRINTEDBY, NULL, "meta:printed-by" },
    { "editing-cycles", 0, HR_M_REVISION, NULL, "meta:editing-cycles" },
    { "creation-date", 0, -1, "Creation Time", "meta:creation-date" },
    { "date", 1, -1, "Content Modification Time", "dc:date" },
    { "print-date", 0, -1, "Last Printed Time", "meta:print-date" },
    { NULL, 0, 0, NULL, NULL },
};

struct meta {
    struct hr_doc *d;
    int in_meta;              /* inside office:meta */
    const struct prop *cur;
    char value[VALUE_MAX];
    size_t len;
};

static void meta_start(struct hr_xml *x, const char *local, const char *uri,
                       int nattr, const char **attrs)
{
    struct meta *m = hr_xml_ud(x);
    const struct prop *p;
    int dc = uri && strcmp(uri, NS_DC) == 0;

    (void)nattr;
    (void)attrs;
    if (strcmp(local, "meta") == 0 && !dc) {
        m->in_meta = 1;
        return;
    }
    if (!m->in_meta || m->cur)
        return;
    for (p = meta_props; p->local; p++) {
        if (p->dc == dc && strcmp(p->local, local) == 0) {
            m->cur = p;
            m->len = 0;
            return;
        }
    }
}

static void meta_text(struct hr_xml *x, const char *s, size_t n)
{
    struct meta *m = hr_xml_ud(x);

    if (!m->cur)
        return;
    m->len = hr_xml_append(m->value, m->len, sizeof(m->value), s, n);
}

static void meta_end(struct hr_xml *x, const char *local, const char *uri)
{
    struct meta *m = hr_xml_ud(x);
    int dc = uri && strcmp(uri, NS_DC) == 0;

    if (m->cur && m->cur->dc == dc && strcmp(m->cur->local, local) == 0) {
        if (m->cur->meta >= 0)
            hr_doc_meta(m->d, m->cur->meta, m->value, m->len);
        else
            hr_doc_time_iso(m->d, m->cur->desc, "meta.xml", m->cur->field,
                            m->value, m->len);
        m->cur = NULL;
    } else if (strcmp(local, "meta") == 0 && !dc) {
        m->in_meta = 0;
    }
}

struct content {
    struct hr_doc *d;
    int in_body;
};

static void content_start(struct hr_xml *x, const char *local,
                          const char *uri, int nattr, const char **attrs)
{
    struct content *c = hr_xml_ud(x);

    (void)uri;
    (void)nattr;
    (void)attrs;
    if (strcmp(local, "body") == 0)
        c->in_body++;
    else if (c->in_body && (strcmp(local, "s") == 0 ||
                            strcmp(local, "tab") == 0))
        ftl_text_add(&c->d->text, " ", 1);
    else if (c->in_body && strcmp(local, "line-break") == 0)
        ftl_text_break(&c->d->text);
}

static void content_text(struct hr_xml *x, const char *s, size_t n)
{
    struct content *c = hr_xml_ud(x);

    if (c->in_body)
        ftl_text_add(&c->d->text, s, n);
}

static void content_end(struct hr_xml *x, const char *local, const char *uri)
{
    struct content *c = hr_xml_ud(x);

    (void)uri;
    if (strcmp(local, "body") == 0 && c->in_body)
        c->in_body--;
    else if (strcmp(local, "p") == 0 || strcmp(local, "h") == 0)
        ftl_text_break(&c->d->text);
}

int hr_odf_wants(const char *member)
{
    return strcmp(member, "meta.xml") == 0 ||
           strcmp(member, "content.xml") == 0;
}

int hr_odf_part(struct hr_doc *d, const char *member, hr_read_fn rd,
                void *rdp)
{
    struct hr_xml_cb cb;
    struct meta m;
    struct content c;
    char why[256];
    int rc;

    memset(&cb, 0, sizeof(cb));
    if (strcmp(member, "meta.xml") == 0) {
        memset(&m, 0, sizeof(m));
        m.d = d;
        cb.start = meta_start;
        cb.end = meta_end;
        cb.text = meta_text;
        cb.ud = &m;
    } else {
        memset(&c, 0, sizeof(c));
        c.d = d;
        cb.start = content_start;
        cb.end = content_end;
        cb.text = content_text;
        cb.ud = &c;
    }
    rc = hr_xml_parse(&cb, rd, rdp, why, sizeof(why));
    if (rc == FTL_EPARSE)
        hr_doc_note(d, "%s: %s", member, why);
    return rc;
}
