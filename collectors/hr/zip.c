/*
 * collectors/hr/zip.c - zip containers: OOXML, ODF, and plain zip files
 *
 * A .docx, .xlsx, .pptx (OOXML) or .odt, .ods, .odp (ODF) is a zip
 * archive of XML parts.  libarchive opens it from memory (the seekable
 * zip reader, which uses the central directory; when the file is cut
 * short and has none, libarchive falls back to reading local headers in
 * order, so the parts before the damage are still read).  Only the parts
 * that carry metadata or text are inflated, and through a reader with
 * caps, so that a zip bomb costs at most a few MiB:
 *   - one part: HR_PART_MAX bytes inflated;
 *   - one document: HR_INFLATE_MAX bytes, and no more than
 *     HR_RATIO_MAX times the size of the container (at least
 *     HR_RATIO_FLOOR), whichever is less;
 *   - HR_MEMBERS_MAX members.
 * Reaching a cap is recorded as a note ("zip bomb cap").  Nothing is
 * ever written to disk.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <archive.h>
#include <archive_entry.h>

#include "collectors/hr/hr_int.h"

/* The zip bomb caps, and why they are that size: base/limits.h. */
#define HR_PART_MAX FTL_LIMIT_HR_PART
#define HR_INFLATE_MAX FTL_LIMIT_HR_INFLATE
#define HR_RATIO_MAX FTL_LIMIT_HR_RATIO
#define HR_RATIO_FLOOR FTL_LIMIT_HR_RATIO_FLOOR
#define HR_MEMBERS_MAX FTL_LIMIT_HR_MEMBERS
#define HR_NAMES_MAX FTL_LIMIT_HR_ZIP_NAMES   /* names of a plain zip */

/* A member being inflated, with its caps. */
struct member {
    struct archive *a;
    struct hr_doc *d;
    int64_t got;              /* bytes of this member */
    int64_t cap;              /* stop here */
    int capped;               /* the cap was hit */
    int failed;               /* libarchive failed */
    char msg[256];
};

static long member_read(void *payload, char *buf, size_t n)
{
    struct member *m = payload;
    la_ssize_t r;

    if (m->got >= m->cap) {
        m->capped = 1;
        return -1;
    }
    if ((int64_t)n > m->cap - m->got)
        n = (size_t)(m->cap - m->got);
    r = archive_read_data(m->a, buf, n);
    if (r < 0) {
        m->failed = 1;
        snprintf(m->msg, sizeof(m->msg), "%s",
                 archive_error_string(m->a) ? archive_error_string(m->a)
                                            : "damaged data");
        return -1;
    }
    m->got += r;
    m->d->inflated += r;
    return (long)r;
}

/* Extension of the document's name, lower case, or "". */
static void ext_of(const char *name, char *out, size_t outsz)
{
    const char *dot = name ? strrchr(name, '.') : NULL;
    size_t i;

    out[0] = '\0';
    if (!dot || strchr(dot, '/') || strlen(dot + 1) >= outsz)
        return;
    for (i = 0; dot[1 + i]; i++)
        out[i] = (char)(dot[1 + i] >= 'A' && dot[1 + i] <= 'Z'
                        ? dot[1 + i] + 32 : dot[1 + i]);
    out[i] = '\0';
}

int hr_zip_doc_ext(const char *name)
{
    static const char *const known[] = {
        "docx", "docm", "xlsx", "xlsm", "pptx", "pptm", "odt", "ods",
        "odp", "odg", "epub",
    };
    char ext[16];
    size_t i;

    ext_of(name, ext, sizeof(ext));
    for (i = 0; ext[0] && i < sizeof(known) / sizeof(known[0]); i++)
        if (strcmp(ext, known[i]) == 0)
            return 1;
    return 0;
}

/* The ODF type from its mimetype member. */
static const char *odf_type(const char *mime)
{
    static const struct { const char *suffix; const char *type; } t[] = {
        { "opendocument.text", "odt" },
        { "opendocument.spreadsheet", "ods" },
        { "opendocument.presentation", "odp" },
        { "opendocument.graphics", "odg" },
        { "opendocument.text-template", "ott" },
    };
    size_t i, n = strlen(mime);

    for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
        size_t k = strlen(t[i].suffix);

        if (n >= k && strcmp(mime + n - k, t[i].suffix) == 0)
            return t[i].type;
    }
    return strstr(mime, "opendocument") ? "odf" : NULL;
}

int hr_zip_has_eocd(const unsigned char *buf, size_t n)
{
    size_t from = n > HR_EOCD_TAIL ? n - HR_EOCD_TAIL : 0, i;

    for (i = n >= 22 ? n - 22 + 1 : 0; i-- > from;)
        if (buf[i] == 'P' && memcmp(buf + i, "PK\5\6", 4) == 0)
            return 1;
    return 0;
}

/* What the members of one zip told so far. */
struct zipscan {
    struct hr_doc *d;
    struct archive *a;
    int64_t budget;           /* bytes the parts may inflate to in all */
    struct ftl_text names;     /* member names, searched in a plain zip */
    char mime[128];           /* the ODF mimetype member */
    int count;                /* members seen */
    int ooxml, word, xl, ppt; /* OOXML's [Content_Types].xml, folders */
    int damaged;
};

/* The zip bomb cap of a whole document: HR_RATIO_MAX times its size, at
 * least HR_RATIO_FLOOR, at most HR_INFLATE_MAX. */
static int64_t doc_budget(size_t n)
{
    int64_t budget = (int64_t)n * HR_RATIO_MAX;

    if (budget < HR_RATIO_FLOOR)
        budget = HR_RATIO_FLOOR;
    if (budget > HR_INFLATE_MAX)
        budget = HR_INFLATE_MAX;
    return budget;
}

/* Inflate one part through its reader under the caps and say what
 * stopped it.  Returns 1 when the document's budget is spent. */
static int read_part(struct zipscan *z, const char *mn, struct member *m)
{
    struct hr_doc *d = z->d;
    char esc[300];

    if (hr_ooxml_wants(mn))
        hr_ooxml_part(d, mn, member_read, m);
    else
        hr_odf_part(d, mn, member_read, m);
    ftl_text_break(&d->text);
    ftl_esc_msg(esc, sizeof(esc), mn, strlen(mn));
    if (m->capped && m->cap < HR_PART_MAX) {
        hr_doc_note(d, "zip bomb cap: the parts read inflate past %lld "
                    "bytes in all (at most %d times the file's size, "
                    "%lld MiB); '%s' and the rest are not read",
                    (long long)z->budget, HR_RATIO_MAX,
                    (long long)(HR_INFLATE_MAX >> 20), esc);
        return 1;
    } else if (m->capped) {
        hr_doc_note(d, "zip bomb cap: part '%s' inflates past %lld "
                    "bytes; the rest of it is not read", esc,
                    (long long)m->cap);
    } else if (m->failed) {
        hr_doc_note(d, "part '%s' is damaged: %s", esc, m->msg);
        z->damaged = 1;
    }
    return 0;
}

/* One member: its name is seen, its content read when it is a part
 * the readers want.  Returns 1 to stop at this member. */
static int scan_member(struct zipscan *z, struct archive_entry *e)
{
    const char *mn = archive_entry_pathname(e);
    struct member m;

    if (++z->count > HR_MEMBERS_MAX) {
        hr_doc_note(z->d, "zip bomb cap: more than %d members; the rest "
                    "is not read", HR_MEMBERS_MAX);
        return 1;
    }
    if (!mn)
        return 0;
    if (strcmp(mn, "[Content_Types].xml") == 0)
        z->ooxml = 1;
    z->word |= strncmp(mn, "word/", 5) == 0;
    z->xl |= strncmp(mn, "xl/", 3) == 0;
    z->ppt |= strncmp(mn, "ppt/", 4) == 0;
    ftl_text_add(&z->names, mn, strlen(mn));
    ftl_text_break(&z->names);
    if (archive_entry_filetype(e) != AE_IFREG)
        return 0;
    memset(&m, 0, sizeof(m));
    m.a = z->a;
    m.d = z->d;
    m.cap = z->budget - z->d->inflated;
    if (m.cap > HR_PART_MAX)
        m.cap = HR_PART_MAX;
    if (strcmp(mn, "mimetype") == 0) {
        long k = member_read(&m, z->mime, sizeof(z->mime) - 1);

        z->mime[k > 0 ? k : 0] = '\0';
        z->mime[strcspn(z->mime, "\r\n")] = '\0';
        return 0;
    }
    if (!hr_ooxml_wants(mn) && !hr_odf_wants(mn))
        return 0;
    return read_part(z, mn, &m);
}

/* Every member in order, until the end, damage or a cap. */
static void scan_members(struct zipscan *z, const unsigned char *buf,
                         size_t n)
{
    struct archive_entry *e;
    int r;

    /* Without its end of central directory record (in the last 64 KiB
     * + 22 bytes) libarchive reads the members from their local headers
     * without complaint: say that the file is cut short. */
    if (!hr_zip_has_eocd(buf, n)) {
        hr_doc_note(z->d, "no end of central directory: the zip is cut "
                    "short or damaged; members read from their local "
                    "headers");
        z->damaged = 1;
    }
    archive_read_support_format_zip(z->a);
    if (archive_read_open_memory(z->a, buf, n) != ARCHIVE_OK) {
        hr_doc_note(z->d, "not a readable zip file: %s",
                    archive_error_string(z->a) ? archive_error_string(z->a)
                                               : "unknown error");
        z->damaged = 1;
        return;
    }
    while ((r = archive_read_next_header(z->a, &e)) == ARCHIVE_OK ||
           r == ARCHIVE_WARN)
        if (scan_member(z, e))
            break;
    if (r == ARCHIVE_FATAL) {
        hr_doc_note(z->d, "damaged zip after %d member%s: %s", z->count,
                    z->count == 1 ? "" : "s",
                    archive_error_string(z->a) ? archive_error_string(z->a)
                                               : "unknown error");
        z->damaged = 1;
    }
}

/* The type the members say; a plain zip's member names become text. */
static void zip_type(struct zipscan *z)
{
    struct hr_doc *d = z->d;
    const char *t = NULL;
    char ext[16];

    ext_of(d->name, ext, sizeof(ext));
    if (z->mime[0] && (t = odf_type(z->mime)) != NULL)
        ;
    else if (z->ooxml && (z->word || z->xl || z->ppt))
        t = z->word ? "docx" : z->xl ? "xlsx" : "pptx";
    else if (z->damaged && hr_zip_doc_ext(d->name))
        t = ext;                /* too damaged to tell: trust the name */
    else
        t = z->ooxml ? "ooxml" : "zip";
    snprintf(d->type, sizeof(d->type), "%s", t);
    if (strcmp(t, "zip") == 0 && z->names.b.len) {
        /* A zip inside the store is not opened further; the names of
         * its members are searched like text. */
        ftl_text_add(&d->text, z->names.b.p, z->names.b.len);
        ftl_text_break(&d->text);
    }
}

void hr_zip_read(struct hr_doc *d, const unsigned char *buf, size_t n)
{
    struct zipscan z;

    memset(&z, 0, sizeof(z));
    z.d = d;
    z.budget = doc_budget(n);
    if (!(z.a = archive_read_new())) {
        hr_doc_note(d, "out of memory");
        return;
    }
    ftl_text_init(&z.names, HR_NAMES_MAX);
    scan_members(&z, buf, n);
    zip_type(&z);
    ftl_text_release(&z.names);
    archive_read_free(z.a);
}
