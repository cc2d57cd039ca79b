/*
 * collectors/hr/odf.c - OpenDocument parts (.odt, .ods, .odp)
 *
 * meta.xml (ODF 1.2 part 1, section 4 "Metadata") is read by the
 * properties reader (properties.c).  ODF writes its times as
 * xsd:dateTime, which LibreOffice saves without a zone and with up to
 * nine fraction digits ("2022-04-03T19:29:38.552950244"): such a time is
 * read in the zone given with --tz (UTC by default) and flagged as
 * assumed; the fraction is kept.  content.xml: the character data of
 * office:body, with a break at the end of each paragraph and heading.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <string.h>

#include "collectors/hr/hr_int.h"

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
    struct content c;
    char why[256];
    int rc;

    if (strcmp(member, "meta.xml") == 0) {
        rc = hr_props_read(d, &hr_props_odf_meta, rd, rdp, why,
                           sizeof(why));
    } else {
        memset(&c, 0, sizeof(c));
        c.d = d;
        memset(&cb, 0, sizeof(cb));
        cb.start = content_start;
        cb.end = content_end;
        cb.text = content_text;
        cb.ud = &c;
        rc = hr_xml_parse(&cb, rd, rdp, why, sizeof(why));
    }
    if (rc == FTL_EPARSE)
        hr_doc_note(d, "%s: %s", member, why);
    return rc;
}
