/*
 * collectors/hr/xml.c - libxml2 SAX2 push parsing, hardened for evidence
 *
 * Every XML part ftl reads from an HR store (OOXML docProps and bodies,
 * ODF meta.xml and content.xml, XMP packets, HR-XML records) is hostile.
 * The parser here:
 *   - sets XML_PARSE_NONET and never XML_PARSE_NOENT, XML_PARSE_DTDLOAD,
 *     XML_PARSE_DTDATTR, XML_PARSE_DTDVALID or XML_PARSE_HUGE, so no
 *     entity is substituted, no external resource is loaded and
 *     libxml2's limits on depth (256) and text size stay on;
 *   - stops at the first document type declaration or entity declaration
 *     (SAX internalSubset / externalSubset / entityDecl), before any
 *     entity could be defined: "billion laughs" and XXE (an external
 *     entity naming /etc/passwd) never get a chance.  None of the formats
 *     read here has a DTD;
 *   - answers getEntity with NULL, so an undeclared reference is an
 *     error instead of a lookup, and resolveEntity with NULL;
 *   - is a SAX parser: no tree, memory stays small whatever the input;
 *   - reports errors through the per-parser structured handler (serror),
 *     never libxml2's global one, and never prints.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>

#include "collectors/hr/hr_int.h"

#define CHUNK 65536

struct hr_xml {
    xmlParserCtxtPtr ctxt;
    const struct hr_xml_cb *cb;
    char why[256];
};

void *hr_xml_ud(struct hr_xml *x)
{
    return x->cb->ud;
}

long hr_xml_line(struct hr_xml *x)
{
    return x->ctxt && x->ctxt->input ? (long)x->ctxt->input->line : 0;
}

void hr_xml_stop(struct hr_xml *x, const char *why)
{
    if (!x->why[0])
        snprintf(x->why, sizeof(x->why), "line %ld: %s", hr_xml_line(x),
                 why);
    xmlStopParser(x->ctxt);
}

size_t hr_xml_append(char *dst, size_t len, size_t cap, const char *s,
                     size_t n)
{
    if (len + 1 >= cap)
        return len;
    if (n > cap - 1 - len)
        n = cap - 1 - len;
    memcpy(dst + len, s, n);
    return len + n;
}

static void on_start(void *ud, const xmlChar *local, const xmlChar *prefix,
                     const xmlChar *uri, int nns, const xmlChar **ns,
                     int nattr, int ndef, const xmlChar **attrs)
{
    struct hr_xml *x = ud;

    (void)prefix;
    (void)nns;
    (void)ns;
    (void)ndef;
    if (x->cb->start)
        x->cb->start(x, (const char *)local, (const char *)uri, nattr,
                     (const char **)attrs);
}

static void on_end(void *ud, const xmlChar *local, const xmlChar *prefix,
                   const xmlChar *uri)
{
    struct hr_xml *x = ud;

    (void)prefix;
    if (x->cb->end)
        x->cb->end(x, (const char *)local, (const char *)uri);
}

static void on_text(void *ud, const xmlChar *s, int n)
{
    struct hr_xml *x = ud;

    if (x->cb->text && n > 0)
        x->cb->text(x, (const char *)s, (size_t)n);
}

/* A DOCTYPE: refused before its internal subset is read. */
static void on_dtd(void *ud, const xmlChar *name, const xmlChar *ext,
                   const xmlChar *sys)
{
    (void)name;
    (void)ext;
    (void)sys;
    hr_xml_stop(ud, "document type declaration refused (no DTD is read "
                "and no entity is expanded)");
}

static void on_entity(void *ud, const xmlChar *name, int type,
                      const xmlChar *pub, const xmlChar *sys,
                      xmlChar *content)
{
    (void)name;
    (void)type;
    (void)pub;
    (void)sys;
    (void)content;
    hr_xml_stop(ud, "entity declaration refused");
}

static xmlEntityPtr no_entity(void *ud, const xmlChar *name)
{
    (void)ud;
    (void)name;
    return NULL;
}

static xmlParserInputPtr no_resolve(void *ud, const xmlChar *pub,
                                    const xmlChar *sys)
{
    (void)pub;
    (void)sys;
    hr_xml_stop(ud, "external resource refused");
    return NULL;
}

/* Structured errors of this parser only: keep the first fatal one. */
static void on_error(void *ud, xmlErrorPtr e)
{
    struct hr_xml *x = ud;
    size_t n;

    if (!e || e->level < XML_ERR_FATAL || x->why[0])
        return;
    snprintf(x->why, sizeof(x->why), "line %d: %s", e->line,
             e->message ? e->message : "XML error");
    n = strlen(x->why);
    while (n && (x->why[n - 1] == '\n' || x->why[n - 1] == ' '))
        x->why[--n] = '\0';
}

int hr_xml_parse(const struct hr_xml_cb *cb, hr_read_fn rd, void *rdp,
                 char *why, size_t whysz)
{
    char buf[CHUNK];
    xmlSAXHandler h;
    struct hr_xml x;
    long n;
    int rc = FTL_OK;

    memset(&h, 0, sizeof(h));
    h.initialized = XML_SAX2_MAGIC;
    h.startElementNs = on_start;
    h.endElementNs = on_end;
    h.characters = on_text;
    h.cdataBlock = on_text;
    h.internalSubset = on_dtd;
    h.externalSubset = on_dtd;
    h.entityDecl = on_entity;
    h.getEntity = no_entity;
    h.getParameterEntity = no_entity;
    h.resolveEntity = no_resolve;
    h.serror = on_error;
    memset(&x, 0, sizeof(x));
    x.cb = cb;
    if (whysz)
        why[0] = '\0';

    /* The first bytes go to the constructor for encoding detection. */
    n = rd(rdp, buf, 4);
    if (n < 0) {
        snprintf(why, whysz, "cannot read the XML");
        return FTL_EIO;
    }
    x.ctxt = xmlCreatePushParserCtxt(&h, &x, buf, (int)n, NULL);
    if (!x.ctxt) {
        snprintf(why, whysz, "out of memory");
        return FTL_ENOMEM;
    }
    xmlCtxtUseOptions(x.ctxt, XML_PARSE_NONET);
    do {
        n = rd(rdp, buf, sizeof(buf));
        if (n < 0) {
            rc = FTL_EIO;
            break;
        }
        xmlParseChunk(x.ctxt, buf, (int)n, n == 0);
        /* Stopped by a callback, or a fatal error. */
        if (x.ctxt->instate == XML_PARSER_EOF || x.ctxt->disableSAX)
            break;
    } while (n > 0);
    if (rc == FTL_EIO && !x.why[0])
        snprintf(x.why, sizeof(x.why), "cannot read the XML");
    if (x.why[0]) {
        snprintf(why, whysz, "%s", x.why);
        if (rc == FTL_OK)
            rc = FTL_EPARSE;
    }
    xmlFreeParserCtxt(x.ctxt);
    return rc;
}

struct mem {
    const char *p;
    size_t n, off;
};

static long mem_read(void *payload, char *buf, size_t n)
{
    struct mem *m = payload;

    if (n > m->n - m->off)
        n = m->n - m->off;
    memcpy(buf, m->p + m->off, n);
    m->off += n;
    return (long)n;
}

int hr_xml_parse_mem(const struct hr_xml_cb *cb, const char *buf, size_t n,
                     char *why, size_t whysz)
{
    struct mem m = { buf, n, 0 };

    return hr_xml_parse(cb, mem_read, &m, why, whysz);
}
