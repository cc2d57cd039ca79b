/*
 * collectors/hr/hr_int.h - what the personnel-register and HR-store
 * collectors share
 *
 * staff.c reads the register, hrdocs.c walks the document store; both
 * use the pieces below: the persons and their name variants (people.c,
 * over base/fold.h and base/match.h), the CSV reader over a col_src
 * (csv.c, over base/csv.h), the category rules (rules.c), a hardened
 * libxml2 SAX parser (xml.c) and the metadata readers (zip.c with
 * ooxml.c and odf.c, pdf.c, hrxml.c).  Only collectors/
 * includes this file; hr_ marks these collector-internal functions (as
 * curl's Curl_ does), col_ stays for what the front and other
 * collectors call.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef COLLECTORS_HR_INT_H
#define COLLECTORS_HR_INT_H

#include <stddef.h>
#include <stdint.h>

#include "base/csv.h"
#include "base/escape.h"
#include "base/fold.h"
#include "base/limits.h"
#include "base/match.h"
#include "collectors/collectors.h"

/* ------------------------------------------------------------------ */
/* Name variants of a person (people.c)                             */
/* ------------------------------------------------------------------ */

/* Match strength of an alias kind: 3 employee number or e-mail, 2 a full
 * name or another name variant, 1 surname alone, 0 unknown kind. */
int hr_alias_strength(const char *kind);
/* "id", "name" or "surname" for a strength. */
const char *hr_strength_name(int strength);

/* Called once per alias: the text shown, its kind and its folded form. */
typedef int (*hr_alias_fn)(const char *alias, const char *kind,
                           const char *norm, void *payload);

/* Make the aliases of one person: employee number, each e-mail address,
 * "First Last", "Last, First", "F. Last", "Last F.", the same without
 * accents, the formatted name when it differs, and the surname alone.
 * Duplicates (same folded form) are given once.  Any argument may be
 * NULL or empty; 'emails' is ';'-separated.  Stops at and returns the
 * first non-zero return of fn. */
int hr_aliases_make(const char *employee_no, const char *first,
                    const char *last, const char *name, const char *emails,
                    hr_alias_fn fn, void *payload);

/* ------------------------------------------------------------------ */
/* The persons of a case, ready to match (people.c)                 */
/* ------------------------------------------------------------------ */

struct hr_person {
    int64_t id;               /* person_id */
    char *name;               /* for messages */
};

struct hr_alias {
    int person;               /* index into persons[] */
    int strength;             /* hr_alias_strength() of its kind */
    char *alias;
    char *kind;
    char *norm;               /* folded form, as matched */
};

struct hr_people {
    struct hr_person *persons;
    size_t n;
    struct hr_alias *aliases;
    size_t naliases;
    struct ftl_matcher *m;    /* alias index -> hr_alias */
};

/* Load every person and alias of the case.  *out is owned by the caller
 * (hr_people_free). */
int hr_people_load(struct hr_people **out, struct tl_store *st,
                   struct ftl_err *err);
void hr_people_free(struct hr_people *p);

/* ------------------------------------------------------------------ */
/* CSV records (csv.c)                                              */
/* ------------------------------------------------------------------ */

/* The register's and the rules' reader (base/csv.h) over a col_src,
 * with the caps of base/limits.h for them.  'flags' are FTL_CSV_*; a
 * register is read leniently with '#' lines allowed before the header,
 * the rules strictly with comments everywhere.  Read with ftl_csv_next()
 * and close with ftl_csv_close(). */
int hr_csv_open(struct ftl_csv **out, struct col_src *src, char delim,
                unsigned flags, struct ftl_err *err);

/* ------------------------------------------------------------------ */
/* Data-category rules (rules.c)                                    */
/* ------------------------------------------------------------------ */

enum hr_field { HR_F_PATH = 1, HR_F_NAME = 2, HR_F_TEXT = 4, HR_F_META = 8 };
#define HR_FIELDS 4

/* A rule: a pattern of a category.  The same category and pattern
 * written for several fields (one line each) is one rule. */
struct hr_rule {
    char *category;
    int art9;                 /* GDPR Art. 9 special category */
    int field;                /* the enum hr_field bits it applies to */
    char *pattern;            /* as written */
};

struct hr_rules {
    struct hr_rule *v;
    size_t n;
    struct ftl_matcher *m[HR_FIELDS]; /* per field: rule index -> hr_rule */
    char *source;             /* "default" or the file name */
    char sha256[65];          /* of the rules text */
};

/* The rules built into ftl (data/rules/default.csv). */
int hr_rules_load_default(struct hr_rules **out, struct ftl_err *err);
/* Rules from a CSV file 'category,art9,field,pattern'; a bad line fails
 * with its number. */
int hr_rules_load_file(struct hr_rules **out, const char *path,
                       struct ftl_err *err);
/* The same from text in memory; 'name' is used in messages. */
int hr_rules_parse(struct hr_rules **out, const char *text, size_t n,
                   const char *name, struct ftl_err *err);
void hr_rules_free(struct hr_rules *r);
/* Record the rules in the case ('category_rules', one row per rule and
 * field, with the rules' source and SHA-256), so that the analysis
 * matches the same rules on mail; inside the collection's savepoint, they
 * go or stay with the documents they categorised. */
int hr_rules_record(const struct hr_rules *r, struct tl_store *st,
                    struct ftl_err *err);
/* Call fn with the index of every rule of 'field' (one enum hr_field
 * bit) whose pattern occurs in the folded text[0..n): only the patterns
 * of that field are searched for. */
void hr_rules_scan(const struct hr_rules *r, int field, const char *text,
                   size_t n, ftl_match_fn fn, void *payload);

/* ------------------------------------------------------------------ */
/* Hardened XML (xml.c)                                             */
/* ------------------------------------------------------------------ */

/*
 * libxml2's SAX2 push parser with XML_PARSE_NONET, without
 * XML_PARSE_NOENT (no entity substitution), without DTD loading, and
 * without XML_PARSE_HUGE (libxml2's own depth and size limits stay on).
 * A document type declaration or an entity declaration stops the parse
 * at once: OOXML, ODF and HR-XML never need one, and refusing them is
 * what keeps "billion laughs" and external entities (XXE) out.
 */
struct hr_xml;

struct hr_xml_cb {
    /* Element start: local name, namespace URI (may be NULL) and
     * attributes as libxml2 gives them (5 pointers each: localname,
     * prefix, URI, value, end). */
    void (*start)(struct hr_xml *x, const char *local, const char *uri,
                  int nattr, const char **attrs);
    void (*end)(struct hr_xml *x, const char *local, const char *uri);
    void (*text)(struct hr_xml *x, const char *s, size_t n);
    void *ud;
};

/* Pull up to n bytes into buf; 0 at the end, -1 on error (the reader
 * sets its own message). */
typedef long (*hr_read_fn)(void *payload, char *buf, size_t n);

/* Parse a document read through rd.  Returns FTL_OK, or FTL_EPARSE with
 * the reason and line in 'why' (the callbacks saw what came before). */
int hr_xml_parse(const struct hr_xml_cb *cb, hr_read_fn rd, void *rdp,
                 char *why, size_t whysz);
/* Same over a buffer. */
int hr_xml_parse_mem(const struct hr_xml_cb *cb, const char *buf, size_t n,
                     char *why, size_t whysz);
/* Inside a callback: the user data, the current line, stop parsing. */
void *hr_xml_ud(struct hr_xml *x);
long hr_xml_line(struct hr_xml *x);
void hr_xml_stop(struct hr_xml *x, const char *why);
/* For a text callback gathering a value in dst[cap], len bytes used:
 * append s[0..n) as far as it fits (one byte stays free for a NUL) and
 * return the new length.  Not NUL-terminated. */
size_t hr_xml_append(char *dst, size_t len, size_t cap, const char *s,
                     size_t n);

/* ------------------------------------------------------------------ */
/* One document being read (doc.c and the readers below)           */
/* ------------------------------------------------------------------ */

#define HR_META_MAX FTL_LIMIT_HR_META /* bytes kept of a metadata value */
#define HR_TEXT_MAX FTL_LIMIT_HR_TEXT /* folded text searched (limits.h) */
#define HR_NOTES 16           /* problems recorded per document */

enum hr_meta {
    HR_M_TITLE, HR_M_SUBJECT, HR_M_AUTHOR, HR_M_LASTBY, HR_M_REVISION,
    HR_M_KEYWORDS, HR_M_DESCRIPTION, HR_M_CATEGORY, HR_M_MANAGER,
    HR_M_COMPANY, HR_M_PRINTEDBY, HR_M_N
};

/* A time read inside a document. */
struct hr_time {
    const char *desc;         /* "Creation Time", ... */
    const char *where;        /* "docProps/core.xml", "Info", "XMP" */
    const char *field;        /* "dcterms:created", ... */
    char raw[64];             /* as written */
    int64_t ns;
    int prec;
    unsigned flags;           /* TL_F_TZ_ASSUMED, DST flags */
};

#define HR_TIMES_MAX 12

struct hr_doc {
    const struct tl_tz *tz;   /* zone for zone-less times (NULL: UTC) */
    const char *name;         /* file name, for the type guess */
    char type[32];            /* "docx", "pdf", "hr-xml", ... */
    char *meta[HR_M_N];       /* NULL when absent */
    struct hr_time times[HR_TIMES_MAX];
    int ntimes;
    struct ftl_text text;     /* body text, folded */
    char *notes[HR_NOTES];    /* problems, for warnings */
    int nnotes;
    int64_t inflated;         /* bytes decompressed from the container */
    struct hr_pdf *pdf;       /* poppler's state, kept between the PDFs
                                 of a run (pdf.c); NULL before the first */
};

/* A reader for the documents of one run (or one test). */
void hr_doc_init(struct hr_doc *d, const struct tl_tz *tz);
/* Forget the previous document; the text buffer is kept, and so is what
 * the readers keep between documents. */
void hr_doc_reset(struct hr_doc *d, const char *name);
/* Free all d holds, the readers' state too. */
void hr_doc_release(struct hr_doc *d);
/* Record a problem (printf-style); only the first HR_NOTES are kept. */
void hr_doc_note(struct hr_doc *d, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Set a metadata value unless already set (trimmed, bounded). */
void hr_doc_meta(struct hr_doc *d, int which, const char *s, size_t n);
/* Parse an ISO 8601 / W3CDTF time and add it; zone-less times are read
 * in d->tz and flagged.  Bad text becomes a note. */
void hr_doc_time_iso(struct hr_doc *d, const char *desc, const char *where,
                     const char *field, const char *s, size_t n);
/* Add a time already known in ns. */
void hr_doc_time_ns(struct hr_doc *d, const char *desc, const char *where,
                    const char *field, const char *raw, int64_t ns,
                    int prec, unsigned flags);

/* Read buf[0..n) by its content: OOXML, ODF, other zip, PDF, XML (HR-XML
 * or other), plain text, or a binary type named by its magic.  Problems
 * go to d->notes; never fails. */
void hr_doc_read(struct hr_doc *d, const unsigned char *buf, size_t n);
/* Type of a file too large to read, from its first bytes. */
void hr_doc_guess(struct hr_doc *d, const unsigned char *buf, size_t n);

/* The readers hr_doc_read() dispatches to. */
void hr_zip_read(struct hr_doc *d, const unsigned char *buf, size_t n);
/* 1 when an end of central directory signature "PK\5\6" is where
 * APPNOTE 4.3.16 puts it: in the last 22 + 65535 bytes of a zip, of
 * which buf holds the last n (all of them, or at least that many).
 * Without it libarchive reads the members from their local headers
 * without a word: the zip is cut short or damaged. */
#define HR_EOCD_TAIL (22 + 65535)
int hr_zip_has_eocd(const unsigned char *buf, size_t n);
/* 1 when a file name ends in the extension of a document that is a zip
 * (OOXML, ODF, EPUB: .docx, .odt, ...), case ignored. */
int hr_zip_doc_ext(const char *name);
void hr_pdf_read(struct hr_doc *d, const unsigned char *buf, size_t n);
/* Free what hr_pdf_read() kept in d->pdf (hr_doc_release calls it). */
void hr_pdf_free(struct hr_pdf *p);
/* Fields of a PDF date string "D:YYYYMMDDHHmmSSOHH'mm'" (pdf.c reads the
 * Info dates as written, beside poppler's reading of them). */
struct hr_pdfdate {
    struct tl_civil c;
    char raw[64];
};
/* Parse a literal string's content s[0..n) as a PDF date (ISO 32000-1
 * 7.9.4): 0, or -1 when it is none.  The fields are not range checked:
 * hr_pdf_find_raw() takes a date only when poppler read the same. */
int hr_pdf_date_parse(const char *s, size_t n, struct hr_pdfdate *pd);
/* The last "KEY (date)" in buf[0..n) whose fields equal poppler's 'dt'
 * (a GDateTime): 1 with *out set, or 0. */
struct _GDateTime;
int hr_pdf_find_raw(const unsigned char *buf, size_t n, const char *key,
                    struct _GDateTime *dt, struct hr_pdfdate *out);
void hr_xmldoc_read(struct hr_doc *d, const unsigned char *buf, size_t n);

/* OOXML and ODF parts (ooxml.c, odf.c): called by hr_zip_read()
 * for each member it wants, with a reader bounded by the zip-bomb caps. */
int hr_ooxml_part(struct hr_doc *d, const char *member, hr_read_fn rd,
                  void *rdp);
int hr_odf_part(struct hr_doc *d, const char *member, hr_read_fn rd,
                void *rdp);
/* 1 when the member is one hr_ooxml_part / hr_odf_part reads. */
int hr_ooxml_wants(const char *member);
int hr_odf_wants(const char *member);

/* ------------------------------------------------------------------ */
/* Document properties (properties.c)                               */
/* ------------------------------------------------------------------ */

/*
 * One reader for the metadata parts of OOXML (docProps/core.xml,
 * app.xml), ODF (meta.xml) and PDF (the XMP packet): each part is a
 * table saying which element, in which namespace, becomes which field of
 * the document and how its text is read.
 */
enum hr_prop_kind {
    HR_PROP_TEXT,             /* the element's text is a metadata value */
    HR_PROP_TIME,             /* ... an ISO 8601 / W3CDTF time */
    HR_PROP_ITEMS             /* each rdf:li child's text is a value, of
                                 which the first non-empty one is kept */
};

struct hr_prop {
    const char *ns;           /* namespace URI; NULL: any namespace */
    const char *local;        /* local name; NULL ends a table */
    int kind;                 /* enum hr_prop_kind */
    int meta;                 /* enum hr_meta, for text and items */
    const char *desc;         /* for a time: "Creation Time", ... */
    const char *field;        /* the name in notes and events: "dc:title" */
};

struct hr_props_part {
    const char *where;        /* "docProps/core.xml", "meta.xml", "XMP" */
    const struct hr_prop *props;
    int depth;                /* properties at this element depth only
                                 (2: children of the root); 0: any */
    const char *within;       /* or only inside an element of this local
                                 name ("meta": office:meta); NULL */
    int attrs;                /* 1: attributes of any element are
                                 properties too (XMP's short form) */
    size_t value_max;         /* bytes of a value kept, at most 4095 */
};

extern const struct hr_props_part hr_props_ooxml_core;
extern const struct hr_props_part hr_props_ooxml_app;
extern const struct hr_props_part hr_props_odf_meta;
extern const struct hr_props_part hr_props_xmp;

/* Read the properties of 'part' into d: metadata through hr_doc_meta(),
 * times through hr_doc_time_iso() (a bad one becomes a note).  Returns
 * as hr_xml_parse(); the caller notes 'why' in its own words. */
int hr_props_read(struct hr_doc *d, const struct hr_props_part *part,
                  hr_read_fn rd, void *rdp, char *why, size_t whysz);
int hr_props_read_mem(struct hr_doc *d, const struct hr_props_part *part,
                      const char *buf, size_t n, char *why, size_t whysz);

/* ------------------------------------------------------------------ */
/* HR-XML person records (hrxml.c)                                  */
/* ------------------------------------------------------------------ */

/* One person record found in an HR-XML file. */
struct hr_xperson {
    long line;                /* where the record began */
    const char *record;       /* element name: "Candidate", ... */
    const char *employee_no;
    const char *first, *last, *formatted;
    const char *emails;       /* ';'-separated */
    const char *department, *role;
};

typedef int (*hr_xperson_fn)(const struct hr_xperson *p, void *payload);

/* Read the person records of an HR-XML document (HR-XML 2.x / 3.x and
 * HR Open Standards: PersonName, PersonID / PersonId, Communication/URI,
 * InternetEmailAddress, ...).  Returns as hr_xml_parse(). */
int hr_hrxml_persons(hr_read_fn rd, void *rdp, hr_xperson_fn fn,
                     void *payload, char *why, size_t whysz);

/* ------------------------------------------------------------------ */
/* The staff collector's entry for hrdocs.c (staff.c)                  */
/* ------------------------------------------------------------------ */

/* Collect one register file (as 'ftl collect staff FILE'); a
 * col_item_fn for col_run_each() ('payload' is unused). */
int col_staff_collect(struct col_ctx *ctx, void *payload, const char *path,
                      struct ftl_err *err);

#endif
