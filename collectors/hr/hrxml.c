/*
 * collectors/hr/hrxml.c - HR-XML person records and XML documents
 *
 * HR-XML (HR-XML Consortium 2.x, 3.x, now HR Open Standards) describes a
 * person with PersonName (GivenName, FamilyName, FormattedName), an
 * identifier (PersonID / PersonId, often holding an IdValue, or
 * EmployeeID), and contact methods (InternetEmailAddress in 2.x;
 * Communication with a URI such as "mailto:..." in 3.x and HR Open).  A
 * person record is the outermost element named Candidate, Resume,
 * PersonRecord, Person, Employee, Worker, IndicativePerson or
 * PersonDossier; the first value of each kind inside it is taken.
 * Elements are recognised by local name whatever the namespace, since
 * the same names run through every version.
 *
 * In a document store, an XML file is read for its text (every text
 * node, with a separator at each element boundary so that
 * <GivenName>Jean</GivenName><FamilyName>Dupont</FamilyName> reads as
 * "Jean Dupont"); it is typed "hr-xml" when its root is an HR-XML one.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "collectors/hr/hr_int.h"

#define VALUE_MAX 512

static const char *const record_names[] = {
    "Candidate", "Resume", "PersonRecord", "Person", "Employee", "Worker",
    "IndicativePerson", "PersonDossier",
};

static int is_record(const char *local)
{
    size_t i;

    for (i = 0; i < sizeof(record_names) / sizeof(record_names[0]); i++)
        if (strcmp(local, record_names[i]) == 0)
            return 1;
    return 0;
}

/* 1 when an XML root element name / namespace is HR-XML's. */
static int hrxml_is(const char *local, const char *uri)
{
    if (uri && (strstr(uri, "hr-xml.org") || strstr(uri, "hropenstandards")))
        return 1;
    return local && is_record(local);
}

/* ---- XML documents in a store -------------------------------------- */

struct xdoc {
    struct hr_doc *d;
    int depth;
};

static void xdoc_start(struct hr_xml *x, const char *local, const char *uri,
                       int nattr, const char **attrs)
{
    struct xdoc *c = hr_xml_ud(x);

    (void)nattr;
    (void)attrs;
    if (c->depth++ == 0)
        snprintf(c->d->type, sizeof(c->d->type), "%s",
                 hrxml_is(local, uri) ? "hr-xml" : "xml");
    c->d->text.sep = 1;
}

static void xdoc_text(struct hr_xml *x, const char *s, size_t n)
{
    struct xdoc *c = hr_xml_ud(x);

    ftl_text_add(&c->d->text, s, n);
}

static void xdoc_end(struct hr_xml *x, const char *local, const char *uri)
{
    struct xdoc *c = hr_xml_ud(x);

    (void)local;
    (void)uri;
    c->depth--;
    c->d->text.sep = 1;
}

void hr_xmldoc_read(struct hr_doc *d, const unsigned char *buf, size_t n)
{
    struct hr_xml_cb cb;
    struct xdoc c;
    char why[256];

    memset(&c, 0, sizeof(c));
    c.d = d;
    memset(&cb, 0, sizeof(cb));
    cb.start = xdoc_start;
    cb.end = xdoc_end;
    cb.text = xdoc_text;
    cb.ud = &c;
    if (hr_xml_parse_mem(&cb, (const char *)buf, n, why, sizeof(why)) !=
        FTL_OK)
        hr_doc_note(d, "XML: %s", why);
}

/* ---- person records ------------------------------------------------- */

enum { V_ID, V_GIVEN, V_FAMILY, V_FORMATTED, V_EMAIL, V_DEPT, V_ROLE,
       V_N };

/* Element local names and the value they give.  The text of every
 * element inside is part of the value, so V_ID elements may hold their
 * value directly or in an IdValue / ID / Id child. */
static const struct { const char *local; int v; } value_names[] = {
    { "PersonID", V_ID }, { "PersonId", V_ID }, { "EmployeeID", V_ID },
    { "EmployeeId", V_ID }, { "EmployeeNumber", V_ID },
    { "GivenName", V_GIVEN }, { "FamilyName", V_FAMILY },
    { "FormattedName", V_FORMATTED },
    { "InternetEmailAddress", V_EMAIL }, { "EmailAddress", V_EMAIL },
    { "Email", V_EMAIL }, { "URI", V_EMAIL }, { "EmailURI", V_EMAIL },
    { "DepartmentName", V_DEPT }, { "Department", V_DEPT },
    { "JobTitle", V_ROLE },
};

struct precs {
    hr_xperson_fn fn;
    void *payload;
    int rc;
    int depth;                /* element depth */
    int rec_depth;            /* depth of the open record, 0 none */
    long rec_line;
    char rec_name[64];
    int cur;                  /* value being read, -1 none */
    int cur_depth;
    char buf[VALUE_MAX];
    size_t len;
    char v[V_N][VALUE_MAX];   /* values of the open record */
};

static void value_done(struct precs *p)
{
    char *s = p->buf;
    size_t n = p->len;
    char *dst = p->v[p->cur];

    while (n && (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')) {
        s++;
        n--;
    }
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' ||
                 s[n - 1] == '\n'))
        n--;
    if (!n)
        return;
    if (p->cur == V_EMAIL) {
        if (n > 7 && strncasecmp(s, "mailto:", 7) == 0) {
            s += 7;
            n -= 7;
        }
        if (!memchr(s, '@', n) || memchr(s, ' ', n))
            return;             /* a URI that is not an address */
        if (*dst) {
            /* Several addresses: ';'-separated. */
            size_t k = strlen(dst);

            if (k + 1 + n < VALUE_MAX)
                snprintf(dst + k, VALUE_MAX - k, ";%.*s", (int)n, s);
            return;
        }
    } else if (p->cur == V_GIVEN && *dst) {
        size_t k = strlen(dst);

        if (k + 1 + n < VALUE_MAX)
            snprintf(dst + k, VALUE_MAX - k, " %.*s", (int)n, s);
        return;
    } else if (*dst) {
        return;                 /* the first value of a kind is kept */
    }
    snprintf(dst, VALUE_MAX, "%.*s", (int)n, s);
}

static void rec_start(struct hr_xml *x, const char *local, const char *uri,
                      int nattr, const char **attrs)
{
    struct precs *p = hr_xml_ud(x);
    size_t i;

    (void)uri;
    (void)nattr;
    (void)attrs;
    p->depth++;
    if (p->rc)
        return;
    if (!p->rec_depth) {
        if (is_record(local)) {
            p->rec_depth = p->depth;
            p->rec_line = hr_xml_line(x);
            snprintf(p->rec_name, sizeof(p->rec_name), "%s", local);
            memset(p->v, 0, sizeof(p->v));
        }
        return;
    }
    if (p->cur >= 0)
        return;
    for (i = 0; i < sizeof(value_names) / sizeof(value_names[0]); i++) {
        if (strcmp(local, value_names[i].local) == 0) {
            p->cur = value_names[i].v;
            p->cur_depth = p->depth;
            p->len = 0;
            return;
        }
    }
}

static void rec_text(struct hr_xml *x, const char *s, size_t n)
{
    struct precs *p = hr_xml_ud(x);

    if (p->cur < 0)
        return;
    p->len = hr_xml_append(p->buf, p->len, sizeof(p->buf), s, n);
}

static const char *nz(const char *s)
{
    return *s ? s : NULL;
}

static void rec_end(struct hr_xml *x, const char *local, const char *uri)
{
    struct precs *p = hr_xml_ud(x);

    (void)local;
    (void)uri;
    if (p->cur >= 0 && p->depth == p->cur_depth) {
        value_done(p);
        p->cur = -1;
    }
    if (p->rec_depth && p->depth == p->rec_depth && !p->rc) {
        struct hr_xperson xp;

        memset(&xp, 0, sizeof(xp));
        xp.line = p->rec_line;
        xp.record = p->rec_name;
        xp.employee_no = nz(p->v[V_ID]);
        xp.first = nz(p->v[V_GIVEN]);
        xp.last = nz(p->v[V_FAMILY]);
        xp.formatted = nz(p->v[V_FORMATTED]);
        xp.emails = nz(p->v[V_EMAIL]);
        xp.department = nz(p->v[V_DEPT]);
        xp.role = nz(p->v[V_ROLE]);
        if ((p->rc = p->fn(&xp, p->payload)) != 0)
            hr_xml_stop(x, "stopped");
        p->rec_depth = 0;
    }
    p->depth--;
}

int hr_hrxml_persons(hr_read_fn rd, void *rdp, hr_xperson_fn fn,
                     void *payload, char *why, size_t whysz)
{
    struct hr_xml_cb cb;
    struct precs *p = calloc(1, sizeof(*p));
    int rc;

    if (!p) {
        snprintf(why, whysz, "out of memory");
        return FTL_ENOMEM;
    }
    p->fn = fn;
    p->payload = payload;
    p->cur = -1;
    memset(&cb, 0, sizeof(cb));
    cb.start = rec_start;
    cb.end = rec_end;
    cb.text = rec_text;
    cb.ud = p;
    rc = hr_xml_parse(&cb, rd, rdp, why, whysz);
    if (p->rc)
        rc = p->rc;
    free(p);
    return rc;
}
