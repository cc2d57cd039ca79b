/*
 * collectors/hr/hrdocs.c - the HR document store: whose data each document
 * holds, of which kind, and when it existed
 *
 *   ftl collect hr [-c CASE] [--staff FILE] [--rules FILE] [--tz ZONE]
 *                  DIR|ARCHIVE|FILE...
 *
 * Walks a store read-only: a directory tree (in byte order of the paths,
 * symbolic links never followed), a zip or tar of one (through
 * libarchive, never extracted to disk), or a single document, possibly
 * compressed (libarchive's raw format).  Access times stay as they were
 * (O_NOATIME) where the system allows.  For each
 * regular file it records
 *   - a 'documents' row: path, size, MD5, SHA-256, type, title, authors,
 *     revision, the document's own creation / modification / print
 *     times, the persons it is about and its data categories, and a
 *     sentence saying how each was found ('document_persons' and
 *     'document_categories' hold the same one row per finding);
 *   - events, source DOC: the file-system times (statx: modification,
 *     access, change and, where the file system keeps it, birth),
 *     artifact doc:fs, and the times written inside the document,
 *     artifact doc:meta, each with its raw text.
 *
 * Evidence granularity: one store given on the command line is one
 * evidence item.  A directory's SHA-256 is the SHA-256 of its sha256sum
 * listing in byte order of the paths, i.e. of
 *   find . -type f -printf '%P\0' | LC_ALL=C sort -z | xargs -0 sha256sum
 * run in the directory (GNU coreutils 9.1 escaping for names holding a
 * backslash or a newline); an archive's or a single file's is the
 * SHA-256 of its bytes.  Collecting the same store again adds nothing;
 * every document keeps its own hashes, so a copy of a document anywhere
 * else (a mail attachment) is found by its SHA-256.  A single document
 * is read once: its SHA-256 is both the document's and the evidence's.
 *
 * Persons are matched from the register already in the case (load it
 * with 'ftl collect staff', or --staff in the same run); categories from
 * the rules built into ftl or --rules FILE (rules.c).
 *
 * SPDX-License-Identifier: MIT
 */
#define _GNU_SOURCE            /* statx, O_NOATIME, asprintf */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>

#include "collectors/hr/hr_int.h"

#define HR_DOC_MAX (64LL << 20)   /* documents read whole up to this */
#define HR_DEPTH_MAX 256          /* directory depth */
#define HR_PATH_MAX 4096
#define HR_MATCHED_MAX 80         /* bytes of a matched text kept */
#define HR_ATTR_MAX 4000          /* bytes of the attribution sentence */
#define HR_RETRY_MAX 16           /* damaged headers in a row read past */
#define NO_INDEX ((size_t)-1)

enum { OPT_STAFF = COL_OPT_BASE, OPT_RULES };

struct hr_opts {
    char *staff;
    char *rules;
};

/* One finding of a person in a document. */
struct pmatch {
    int person;               /* index in people->persons */
    const char *field;        /* "path", "name", "meta:title", "text" */
    int strength;
    int alias;                /* index in people->aliases */
};

/* One finding of a category rule. */
struct cmatch {
    int rule;                 /* index in rules->v */
    const char *field;
    char matched[HR_MATCHED_MAX];
};

/* Times of a file as the file system or the archive gives them. */
struct fstimes {
    int64_t t[4];             /* mtime, atime, ctime, birth; 0 unset */
    int prec[4];              /* their fraction digits */
    const char *origin;       /* "file system" or "archive" */
    int out_of_range;         /* a time could not be held in ns */
};

/* One document being stored. */
struct docin {
    const char *rel;          /* path inside the store: the locator */
    const char *name;         /* file name */
    const char *dir;          /* folders above it, searched as 'path' */
    const char *path;         /* documents.path */
    int64_t size;
    const unsigned char *buf; /* content, or a prefix of it */
    size_t n;
    int64_t total;            /* bytes read, kept or only hashed */
    int whole;                /* buf holds the whole content */
    const char *md5, *sha256; /* NULL when the file could not be read */
    struct fstimes fs;
    int64_t member;           /* its number in the archive or folder */
};

struct run {
    struct col_ctx *ctx;
    struct col_counts mark;   /* the counters before this item */
    struct hr_people *people;
    struct hr_rules *rules;
    struct hr_doc doc;
    struct hr_text fold;      /* scratch for path, name and metadata */
    unsigned char *buf;       /* content of the current document */
    size_t cap;
    struct ftl_digest *dg;     /* MD5 + SHA-256 of a document */
    struct ftl_digest *list;   /* SHA-256 of a directory listing */
    /* the evidence item being collected */
    int64_t evid;
    const char *evname;       /* as given, for messages */
    char root[HR_PATH_MAX];   /* a folder as given, without a final '/' */
    char base[256];           /* its last name, searched as path */
    int64_t ndocs, nbytes, nunread;
    int status;
    /* findings of the current document */
    struct pmatch *pm;
    size_t npm, cappm;
    struct cmatch *cm;
    size_t ncm, capcm;
    const char *field;        /* the field being searched */
    size_t field_start;       /* its first finding in pm */
    size_t *pidx;             /* per person: its finding in this field */
    int nomem;                /* a finding could not be kept */
    char *idsb, *catsb;       /* the person_ids and categories lists */
    size_t idscap, catscap;   /* room for every person, every category */
    char opts[512];
};

/* ---- options --------------------------------------------------------- */

static int hr_opt(void *opts, int c, const char *arg, struct ftl_err *err)
{
    struct hr_opts *o = opts;
    char **slot = c == OPT_STAFF ? &o->staff : c == OPT_RULES ? &o->rules
                                                              : NULL;

    if (!slot)
        return ftl_err_set(err, FTL_EUSAGE, "unknown option");
    free(*slot);
    if (!(*slot = strdup(arg)))
        return ftl_err_set(err, FTL_ENOMEM, "out of memory");
    return FTL_OK;
}

static void hr_release(void *opts)
{
    struct hr_opts *o = opts;

    free(o->staff);
    free(o->rules);
}

/* ---- matching -------------------------------------------------------- */

static void on_person(int id, const char *at, size_t len, void *payload)
{
    struct run *r = payload;
    const struct hr_alias *a = &r->people->aliases[id];
    size_t i;

    (void)at;
    (void)len;
    if ((i = r->pidx[a->person]) != NO_INDEX) {
        /* Found in this field already: keep the strongest alias. */
        struct pmatch *m = &r->pm[i];

        if (a->strength > m->strength) {
            m->strength = a->strength;
            m->alias = id;
        }
        return;
    }
    if (r->npm == r->cappm) {
        size_t cap = r->cappm ? r->cappm * 2 : 32;
        struct pmatch *v = realloc(r->pm, cap * sizeof(*v));

        if (!v) {
            r->nomem = 1;       /* store_doc() fails: no finding lost */
            return;
        }
        r->pm = v;
        r->cappm = cap;
    }
    r->pm[r->npm].person = a->person;
    r->pm[r->npm].field = r->field;
    r->pm[r->npm].strength = a->strength;
    r->pm[r->npm].alias = id;
    r->pidx[a->person] = r->npm++;
}

static void on_rule(int id, const char *at, size_t len, void *payload)
{
    struct run *r = payload;
    const struct hr_rule *rule = &r->rules->v[id];
    size_t i;

    for (i = 0; i < r->ncm; i++)
        if (strcmp(r->rules->v[r->cm[i].rule].category, rule->category) ==
            0 && r->cm[i].field == r->field)
            return;
    if (r->ncm == r->capcm) {
        size_t cap = r->capcm ? r->capcm * 2 : 16;
        struct cmatch *v = realloc(r->cm, cap * sizeof(*v));

        if (!v) {
            r->nomem = 1;
            return;
        }
        r->cm = v;
        r->capcm = cap;
    }
    r->cm[r->ncm].rule = id;
    r->cm[r->ncm].field = r->field;
    snprintf(r->cm[r->ncm].matched, HR_MATCHED_MAX, "%.*s",
             (int)(len < HR_MATCHED_MAX - 1 ? len : HR_MATCHED_MAX - 1), at);
    r->ncm++;
}

/* The findings of one field are complete: forget their index. */
static void field_done(struct run *r)
{
    size_t i;

    for (i = r->field_start; i < r->npm; i++)
        r->pidx[r->pm[i].person] = NO_INDEX;
    r->field_start = r->npm;
}

/* Search one field's folded text for persons and categories. */
static void scan(struct run *r, const char *field, int bit, const char *text,
                 size_t n)
{
    field_done(r);
    r->field = field;
    hr_matcher_scan(r->people->m, text, n, on_person, r);
    hr_rules_scan(r->rules, bit, text, n, on_rule, r);
}

/* Fold s and scan it. */
static void scan_raw(struct run *r, const char *field, int bit, const char *s)
{
    if (!s || !*s)
        return;
    hr_text_reset(&r->fold);
    hr_text_add(&r->fold, s, strlen(s));
    if (r->fold.len)
        scan(r, field, bit, r->fold.p, r->fold.len);
}

/* Metadata fields searched, with their labels. */
static const struct { int meta; const char *label; } meta_fields[] = {
    { HR_M_TITLE, "meta:title" }, { HR_M_SUBJECT, "meta:subject" },
    { HR_M_AUTHOR, "meta:author" }, { HR_M_LASTBY, "meta:last_modified_by" },
    { HR_M_KEYWORDS, "meta:keywords" },
    { HR_M_DESCRIPTION, "meta:description" },
    { HR_M_CATEGORY, "meta:category" }, { HR_M_MANAGER, "meta:manager" },
    { HR_M_COMPANY, "meta:company" }, { HR_M_PRINTEDBY, "meta:printed_by" },
};

static void match_doc(struct run *r, const struct docin *in)
{
    size_t i;

    r->npm = r->ncm = r->field_start = 0;
    scan_raw(r, "path", HR_F_PATH, in->dir);
    scan_raw(r, "name", HR_F_NAME, in->name);
    for (i = 0; i < sizeof(meta_fields) / sizeof(meta_fields[0]); i++)
        scan_raw(r, meta_fields[i].label, HR_F_META,
                 r->doc.meta[meta_fields[i].meta]);
    if (r->doc.text.len)
        scan(r, "text", HR_F_TEXT, r->doc.text.p, r->doc.text.len);
    field_done(r);
}

static int cmp_pmatch(const void *a, const void *b)
{
    const struct pmatch *x = a, *y = b;

    if (x->person != y->person)
        return x->person < y->person ? -1 : 1;
    return y->strength - x->strength;
}

/* A growing text, for the attribution and the lists. */
struct out {
    char *p;
    size_t len, cap, max;
};

static void out_add(struct out *o, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void out_add(struct out *o, const char *fmt, ...)
{
    va_list ap;
    int n;

    if (o->len >= o->max)
        return;
    va_start(ap, fmt);
    n = vsnprintf(o->p + o->len, o->cap - o->len, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    o->len += (size_t)n;
    if (o->len >= o->cap - 1) {
        o->len = o->cap - 1;
        if (o->cap > 4)
            memcpy(o->p + o->cap - 4, "...", 4);
        o->max = 0;
    }
}

/* The person_ids and categories lists and the attribution sentence. */
static void describe(struct run *r, struct out *ids, struct out *cats,
                     struct out *attr, int *art9, int *single)
{
    size_t i, k;
    int last = -1, nattr = 0, ncand = 0, pass, attributed = 0;

    /* By person, strongest first: a person's best strength over all
     * fields is the first of its findings. */
    if (r->npm)
        qsort(r->pm, r->npm, sizeof(*r->pm), cmp_pmatch);
    *art9 = 0;
    *single = -1;
    /* Attributed persons first, then candidates on a surname alone. */
    for (pass = 0; pass < 2; pass++) {
        last = -1;
        for (i = 0; i < r->npm; i++) {
            const struct pmatch *m = &r->pm[i];
            const struct hr_person *p = &r->people->persons[m->person];
            const struct hr_alias *a = &r->people->aliases[m->alias];

            if (i == 0 || r->pm[i - 1].person != m->person)
                attributed = m->strength >= 2;
            if (attributed != (pass == 0))
                continue;
            if (m->person != last) {
                if (pass == 0) {
                    out_add(ids, "%s%lld", nattr ? ";" : "",
                            (long long)p->id);
                    *single = nattr ? -2 : m->person;
                    nattr++;
                    out_add(attr, "%s#%lld %s:", nattr > 1 ? "; " : "",
                            (long long)p->id, p->name);
                } else {
                    out_add(attr, "%s#%lld %s (surname alone, not "
                            "attributed):", nattr + ncand ? "; " : "",
                            (long long)p->id, p->name);
                    ncand++;
                }
                last = m->person;
            } else {
                out_add(attr, ",");
            }
            out_add(attr, " %s '%s' in %s", a->kind, a->alias, m->field);
        }
    }
    if (!nattr)
        out_add(attr, "%sattributed to nobody", ncand ? "; " : "");
    /* Categories, in the order of the rules' first appearance. */
    for (i = 0; i < r->ncm; i++) {
        const struct hr_rule *rule = &r->rules->v[r->cm[i].rule];
        int first = 1;

        for (k = 0; k < i; k++)
            if (strcmp(r->rules->v[r->cm[k].rule].category,
                       rule->category) == 0)
                first = 0;
        if (!first)
            continue;
        out_add(cats, "%s%s", cats->len ? ";" : "", rule->category);
        *art9 |= rule->art9;
        out_add(attr, "%s%s%s:", i == 0 ? ". categories: " : "; ",
                rule->category, rule->art9 ? " (GDPR Art. 9)" : "");
        for (k = i; k < r->ncm; k++) {
            const struct hr_rule *o = &r->rules->v[r->cm[k].rule];

            if (strcmp(o->category, rule->category) == 0)
                out_add(attr, "%s '%s' in %s", k == i ? "" : ",",
                        r->cm[k].matched, r->cm[k].field);
        }
    }
    if (!r->ncm)
        out_add(attr, ". no data category");
}

/* ---- storing a document ---------------------------------------------- */

static void warn_rel(struct run *r, const char *rel, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static const char *const fs_desc[4] = {
    "Content Modification Time", "Last Access Time",
    "Metadata Modification Time", "Creation Time",
};

static const char *const fs_what[4] = {
    "modified", "accessed", "metadata changed", "created",
};

static int store_doc(struct run *r, const struct docin *in,
                     struct ftl_err *err)
{
    struct col_ctx *ctx = r->ctx;
    struct tl_document d;
    struct tl_event ev;
    struct out ids, cats, attr;
    char *idsb = r->idsb, *catsb = r->catsb, attrb[HR_ATTR_MAX];
    char loc[HR_PATH_MAX + 64];
    char msg[HR_PATH_MAX + 1024], summary[640], raw[TL_TIME_BUFSZ];
    char meta_loc[HR_PATH_MAX + 160];
    int64_t doc_id = 0;
    unsigned ioc = 0;
    int art9, single, rc, i, hits = 0, renamed = 0;
    size_t j;

    /* Room for every person and every category: neither list is ever
     * cut (hr_run sized them). */
    memset(&ids, 0, sizeof(ids));
    ids.p = idsb;
    ids.cap = ids.max = r->idscap;
    idsb[0] = '\0';
    cats = ids;
    cats.p = catsb;
    cats.cap = cats.max = r->catscap;
    catsb[0] = '\0';
    attr = ids;
    attr.p = attrb;
    attr.cap = attr.max = sizeof(attrb);
    attrb[0] = '\0';
    match_doc(r, in);
    if (r->nomem) {
        r->nomem = 0;
        rc = ftl_err_set(err, FTL_ENOMEM, "out of memory");
        goto out;
    }
    describe(r, &ids, &cats, &attr, &art9, &single);

    memset(&d, 0, sizeof(d));
    d.evidence_id = r->evid;
    d.path = in->path;
    d.size = in->size;
    d.md5 = in->md5;
    d.sha256 = in->sha256;
    d.type = r->doc.type[0] ? r->doc.type : "unread";
    d.title = r->doc.meta[HR_M_TITLE];
    d.author = r->doc.meta[HR_M_AUTHOR];
    d.last_modified_by = r->doc.meta[HR_M_LASTBY];
    d.revision = r->doc.meta[HR_M_REVISION];
    for (i = r->doc.ntimes - 1; i >= 0; i--) {
        /* The first time of each kind wins (Info before XMP). */
        const struct hr_time *t = &r->doc.times[i];

        if (strcmp(t->desc, "Creation Time") == 0)
            d.created = t->ns;
        else if (strcmp(t->desc, "Content Modification Time") == 0)
            d.modified = t->ns;
        else if (strcmp(t->desc, "Last Printed Time") == 0)
            d.printed = t->ns;
    }
    d.person_ids = idsb[0] ? idsb : NULL;
    d.categories = catsb[0] ? catsb : NULL;
    d.attribution = attrb;
    d.art9 = art9;
    snprintf(loc, sizeof(loc), "%s", in->rel);
    d.locator = loc;
    /*
     * The same path twice in an archive: the later one's locator gets
     * " #N", N its member number.  Member numbers differ, so two such
     * locators never collide; one can only meet an earlier member that
     * was literally named "path #N", and then " #N" is added again.
     * Each round needs another such member and makes the locator longer,
     * and past HR_PATH_MAX - 1 bytes (the longest name kept) nothing
     * can be in the way: at most a few hundred rounds, never a failure.
     */
    while ((rc = tl_document_add(ctx->st, &d, &doc_id, err)) == FTL_DONE) {
        size_t len = strlen(loc);
        char esc[HR_PATH_MAX * 4 + 1];

        if (len + 24 > sizeof(loc)) {       /* cannot happen, see above */
            rc = ftl_err_set(err, FTL_ERR, "'%s': no unique locator",
                             hr_escape(in->rel, strlen(in->rel), esc,
                                       sizeof(esc)));
            goto out;
        }
        snprintf(loc + len, sizeof(loc) - len, " #%lld",
                 (long long)in->member);
        renamed = 1;
    }
    if (rc)
        goto out;
    if (renamed)
        warn_rel(r, loc, "member %lld has the same path as an earlier "
                 "member: its number is added to its locator",
                 (long long)in->member);
    for (j = 0; j < r->npm; j++) {
        const struct pmatch *m = &r->pm[j];

        if ((rc = tl_document_person_add(ctx->st, doc_id,
                                         r->people->persons[m->person].id,
                                         hr_strength_name(m->strength),
                                         m->field,
                                         r->people->aliases[m->alias].alias,
                                         err)))
            goto out;
    }
    for (j = 0; j < r->ncm; j++) {
        const struct hr_rule *rule = &r->rules->v[r->cm[j].rule];

        if ((rc = tl_document_category_add(ctx->st, doc_id, rule->category,
                                           rule->art9, r->cm[j].field,
                                           rule->pattern, r->cm[j].matched,
                                           err)))
            goto out;
    }
    /* Indicators: the document's hashes and path (none without a pack). */
    if (in->sha256)
        hits += col_ioc_check(ctx, r->evid, TL_T_SHA256, "sha256",
                              in->sha256, in->path, loc, 0, 0, 0);
    if (in->md5)
        hits += col_ioc_check(ctx, r->evid, TL_T_MD5, "md5", in->md5,
                              in->path, loc, 0, 0, 0);
    hits += col_ioc_check(ctx, r->evid, TL_T_PATH, "path", in->rel, in->path,
                          loc, 0, 0, 0);
    ioc = hits ? TL_F_IOC : 0;
    /* Problems met while reading it, under its locator. */
    for (i = 0; i < r->doc.nnotes; i++)
        warn_rel(r, loc, "%s", r->doc.notes[i]);

    /* Events. */
    snprintf(summary, sizeof(summary), "%s%s%s%s%s", d.type,
             catsb[0] ? ", " : "", catsb,
             single >= 0 ? ", " : single == -2 ? ", several persons" : "",
             single >= 0 ? r->people->persons[single].name : "");
    memset(&ev, 0, sizeof(ev));
    ev.source = "DOC";
    ev.evidence_id = r->evid;
    ev.message = msg;
    ev.doc_id = doc_id;
    ev.person_id = single >= 0 ? r->people->persons[single].id : 0;
    ev.flags = ioc;
    ev.artifact = "doc:fs";
    ev.locator = loc;
    ev.raw_time = raw;
    for (i = 0; i < 4; i++) {
        int64_t t = in->fs.t[i];

        if (!t)
            continue;
        tl_time_format_epoch(t, raw);
        ev.prec = in->fs.prec[i];
        snprintf(msg, sizeof(msg), "HR document %s %s (%s) [%s]", in->rel,
                 fs_what[i], in->fs.origin, summary);
        ev.ts = t;
        ev.ts_desc = fs_desc[i];
        if ((rc = col_event(ctx, &ev, NULL, err)) < 0)
            goto out;
    }
    ev.artifact = "doc:meta";
    ev.locator = meta_loc;
    for (i = 0; i < r->doc.ntimes; i++) {
        const struct hr_time *t = &r->doc.times[i];

        snprintf(meta_loc, sizeof(meta_loc), "%s//%s", loc, t->where);
        snprintf(msg, sizeof(msg), "HR document %s %s per its metadata "
                 "(%s in %s) [%s]", in->rel,
                 strcmp(t->desc, "Creation Time") == 0 ? "created"
                 : strcmp(t->desc, "Last Printed Time") == 0 ? "printed"
                 : "modified", t->field, t->where, summary);
        ev.ts = t->ns;
        ev.prec = t->prec;
        ev.ts_desc = t->desc;
        ev.raw_time = t->raw;
        ev.tz = t->flags & TL_F_TZ_ASSUMED
                ? (r->doc.tz ? tl_tz_name(r->doc.tz) : "UTC") : NULL;
        ev.flags = t->flags | ioc;
        if ((rc = col_event(ctx, &ev, NULL, err)) < 0)
            goto out;
    }
    r->ndocs++;
    rc = FTL_OK;
out:
    return rc;
}

/* ---- reading a document's bytes ------------------------------------- */

/* Bytes past what r->buf keeps, only hashed. */
static unsigned char chunk[1 << 20];

typedef ssize_t (*raw_read_fn)(void *payload, void *buf, size_t n);

static ssize_t fd_read(void *payload, void *buf, size_t n)
{
    ssize_t k;

    do
        k = read(*(int *)payload, buf, n);
    while (k < 0 && errno == EINTR);
    return k;
}

static ssize_t ar_read(void *payload, void *buf, size_t n)
{
    la_ssize_t k = archive_read_data(payload, buf, n);

    return k < 0 ? -1 : (ssize_t)k;
}

/*
 * Read a document to its end, hashing it: into r->buf up to HR_DOC_MAX
 * bytes (in->whole set), past that only hashed; in->total counts them
 * all.  Returns 0, or -1 with nothing hashed when reading failed.
 */
static int read_content(struct run *r, raw_read_fn rd, void *rdp,
                        int64_t size_hint, struct docin *in, char md5[33],
                        char sha[65])
{
    size_t len = 0, want;
    ssize_t k;
    int whole = 1;

    in->buf = NULL;
    in->n = 0;
    in->total = 0;
    in->whole = 0;
    in->md5 = in->sha256 = NULL;
    want = size_hint > 0 && size_hint < HR_DOC_MAX ? (size_t)size_hint + 1
                                                   : 1 << 16;
    for (;;) {
        unsigned char *dst;
        size_t room;

        if (whole && len + 1 >= r->cap && r->cap < (size_t)HR_DOC_MAX) {
            size_t cap = r->cap ? r->cap : 1 << 16;
            unsigned char *nb;

            while (cap < len + want && cap < (size_t)HR_DOC_MAX)
                cap *= 2;
            if (cap <= r->cap)
                cap = r->cap * 2;
            if (cap > (size_t)HR_DOC_MAX)
                cap = (size_t)HR_DOC_MAX;
            if (!(nb = realloc(r->buf, cap))) {
                ftl_digest_final(r->dg, NULL, NULL);   /* fresh for the next */
                errno = ENOMEM;
                return -1;
            }
            r->buf = nb;
            r->cap = cap;
        }
        if (whole && len < r->cap) {
            dst = r->buf + len;
            room = r->cap - len;
        } else {
            whole = 0;          /* past HR_DOC_MAX: hash only */
            dst = chunk;
            room = sizeof(chunk);
        }
        if (room > 1 << 20)
            room = 1 << 20;
        if ((k = rd(rdp, dst, room)) < 0) {
            int e = errno;      /* for the caller's message */

            ftl_digest_final(r->dg, NULL, NULL);
            errno = e;
            return -1;
        }
        if (k == 0)
            break;
        ftl_digest_update(r->dg, dst, (size_t)k);
        in->total += k;
        if (dst != chunk)
            len += (size_t)k;
    }
    ftl_digest_final(r->dg, md5, sha);
    in->md5 = md5;
    in->sha256 = sha;
    in->buf = r->buf;
    in->n = len;
    in->whole = whole;
    return 0;
}

/* Read what the content is and store it. */
static int process(struct run *r, struct docin *in, const char *unread_why,
                   struct ftl_err *err)
{
    char esc[HR_PATH_MAX * 4 + 1];

    hr_doc_reset(&r->doc, in->name);
    if (!hr_utf8_valid(in->rel, strlen(in->rel)))
        hr_doc_note(&r->doc, "file name is not valid UTF-8 ('%s'): stored "
                    "byte for byte", hr_escape(in->rel, strlen(in->rel),
                                               esc, sizeof(esc)));
    if (unread_why) {
        hr_doc_note(&r->doc, "%s", unread_why);
        r->nunread++;
    } else if (in->whole) {
        hr_doc_read(&r->doc, in->buf, in->n);
    } else {
        hr_doc_guess(&r->doc, in->buf, in->n);
        hr_doc_note(&r->doc, "larger than %lld MiB: hashed, contents not "
                    "read", HR_DOC_MAX >> 20);
    }
    if (in->fs.out_of_range)
        hr_doc_note(&r->doc, "a %s time is outside 1677..2262, which ftl "
                    "cannot hold: not recorded", in->fs.origin);
    r->nbytes += in->size > 0 ? in->size : 0;
    return store_doc(r, in, err);
}

/* "base/folders" searched as the document's path. */
static void dir_of(const struct run *r, const char *rel, char *out,
                   size_t outsz)
{
    const char *slash = strrchr(rel, '/');

    snprintf(out, outsz, "%s%s%.*s", r->base, slash ? "/" : "",
             slash ? (int)(slash - rel) : 0, rel);
}

/* Add "sha256  name\n" to the directory listing, escaped as GNU
 * sha256sum 9.1 does for names with a backslash or a newline. */
static void list_add(struct run *r, const char *sha, const char *rel)
{
    const char *p;
    int esc = strpbrk(rel, "\\\n") != NULL;

    if (esc)
        ftl_digest_update(r->list, "\\", 1);
    ftl_digest_update(r->list, sha, 64);
    ftl_digest_update(r->list, "  ", 2);
    for (p = rel; *p; p++) {
        if (esc && *p == '\\')
            ftl_digest_update(r->list, "\\\\", 2);
        else if (esc && *p == '\n')
            ftl_digest_update(r->list, "\\n", 2);
        else
            ftl_digest_update(r->list, p, 1);
    }
    ftl_digest_update(r->list, "\n", 1);
}

/* ---- a directory tree ------------------------------------------------ */

struct dent {
    char *key;                /* name, with '/' after a directory */
    unsigned char type;       /* DT_* */
};

static int cmp_dent(const void *a, const void *b)
{
    return strcmp(((const struct dent *)a)->key,
                  ((const struct dent *)b)->key);
}

/* A warning about one path of the store.  Its locator is the path as
 * it is, byte for byte, so that it joins with the document's and events'
 * locators; the front escapes what it prints. */
static void warn_rel(struct run *r, const char *rel, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    col_warn(r->ctx, r->evid, r->evname, rel, "%s", msg);
}

/* Set fs time i from seconds and nanoseconds, noting a time that int64
 * nanoseconds cannot hold (1677..2262).  An archive member's time of
 * whole seconds claims no fraction: tar and zip mostly keep seconds. */
static void fs_time(struct fstimes *fs, int i, int64_t sec, long nsec)
{
    if (tl_time_from_sec(sec, nsec, &fs->t[i]) != FTL_OK)
        fs->out_of_range = 1;
    fs->prec[i] = nsec || strcmp(fs->origin, "archive") != 0 ? 9 : 0;
}

static int dir_file(struct run *r, int dirfd, const char *name,
                    const char *rel, struct ftl_err *err)
{
    struct statx stx;
    struct stat sb;
    struct docin in;
    char md5[33], sha[65], dir[HR_PATH_MAX + 256], path[2 * HR_PATH_MAX];
    char why[256] = "";
    int fd, rc;

    memset(&in, 0, sizeof(in));
    in.rel = rel;
    in.member = r->ndocs + 1;
    in.name = name;
    dir_of(r, rel, dir, sizeof(dir));
    in.dir = dir;
    snprintf(path, sizeof(path), "%s/%s", r->root, rel);
    in.path = path;
    in.size = -1;
    in.fs.origin = "file system";
    if (statx(dirfd, name, AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT,
              STATX_BASIC_STATS | STATX_BTIME, &stx) == 0) {
        in.size = (int64_t)stx.stx_size;
        fs_time(&in.fs, 0, stx.stx_mtime.tv_sec, stx.stx_mtime.tv_nsec);
        fs_time(&in.fs, 1, stx.stx_atime.tv_sec, stx.stx_atime.tv_nsec);
        fs_time(&in.fs, 2, stx.stx_ctime.tv_sec, stx.stx_ctime.tv_nsec);
        if (stx.stx_mask & STATX_BTIME)
            fs_time(&in.fs, 3, stx.stx_btime.tv_sec, stx.stx_btime.tv_nsec);
    }
    /* O_NOATIME keeps the access time as it was (owner or root only);
     * O_NONBLOCK so that a FIFO swapped in meanwhile cannot hang us. */
    fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_NOATIME | O_CLOEXEC |
                O_NONBLOCK);
    if (fd < 0 && errno == EPERM)
        fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC |
                    O_NONBLOCK);
    if (fd < 0) {
        snprintf(why, sizeof(why), "cannot open: %s", strerror(errno));
    } else if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        close(fd);
        warn_rel(r, rel, "no longer a regular file: skipped");
        return FTL_OK;
    } else {
        if (read_content(r, fd_read, &fd, in.size, &in, md5, sha) != 0)
            snprintf(why, sizeof(why), "cannot read: %s", strerror(errno));
        close(fd);
    }
    rc = process(r, &in, why[0] ? why : NULL, err);
    if (rc == FTL_OK && in.sha256)
        list_add(r, in.sha256, rel);
    col_progress(r->ctx, "%s: %lld documents", r->evname,
                 (long long)r->ndocs);
    return rc;
}

/* Open a folder to list it, its access time untouched where the system
 * allows (O_NOATIME holds for getdents too); never through a link below
 * the store's root. */
static int open_dir(int dirfd, const char *name)
{
    int flags = O_RDONLY | O_DIRECTORY | O_CLOEXEC, fd;

    if (dirfd != AT_FDCWD)
        flags |= O_NOFOLLOW;
    fd = openat(dirfd, name, flags | O_NOATIME);
    if (fd < 0 && errno == EPERM)
        fd = openat(dirfd, name, flags);
    return fd;
}

static int walk(struct run *r, int dirfd, char *rel, size_t rlen, int depth,
                struct ftl_err *err)
{
    struct dent *v = NULL;
    struct dirent *de;
    size_t n = 0, cap = 0, i;
    DIR *d;
    int fd2, rc = FTL_OK;

    if ((fd2 = dup(dirfd)) < 0 || !(d = fdopendir(fd2))) {
        if (fd2 >= 0)
            close(fd2);
        warn_rel(r, rlen ? rel : ".", "cannot list folder: %s",
                 strerror(errno));
        r->status = TL_EV_PARTIAL;
        return FTL_OK;
    }
    /* Names first, then in byte order (the listing digest needs it). */
    while ((de = readdir(d)) != NULL) {
        unsigned char type = de->d_type;

        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        if (type == DT_UNKNOWN) {
            struct stat sb;

            if (fstatat(dirfd, de->d_name, &sb, AT_SYMLINK_NOFOLLOW) == 0)
                type = S_ISDIR(sb.st_mode) ? DT_DIR : S_ISREG(sb.st_mode)
                       ? DT_REG : S_ISLNK(sb.st_mode) ? DT_LNK : DT_UNKNOWN;
        }
        if (n == cap) {
            struct dent *nv;

            cap = cap ? cap * 2 : 64;
            if (!(nv = realloc(v, cap * sizeof(*v)))) {
                rc = ftl_err_set(err, FTL_ENOMEM, "out of memory");
                goto out;
            }
            v = nv;
        }
        if (asprintf(&v[n].key, "%s%s", de->d_name,
                     type == DT_DIR ? "/" : "") < 0) {
            rc = ftl_err_set(err, FTL_ENOMEM, "out of memory");
            goto out;
        }
        v[n++].type = type;
    }
    if (n)                      /* an empty folder: v is NULL */
        qsort(v, n, sizeof(*v), cmp_dent);
    for (i = 0; i < n && rc == FTL_OK; i++) {
        char *name = v[i].key;
        size_t nl = strlen(name) - (v[i].type == DT_DIR);

        name[nl] = '\0';
        if (rlen + 1 + nl + 1 > HR_PATH_MAX) {
            warn_rel(r, rel, "path longer than %d bytes below this folder: "
                     "skipped", HR_PATH_MAX);
            r->status = TL_EV_PARTIAL;
            continue;
        }
        snprintf(rel + rlen, HR_PATH_MAX - rlen, "%s%s", rlen ? "/" : "",
                 name);
        if (v[i].type == DT_DIR) {
            int cfd;

            if (depth >= HR_DEPTH_MAX) {
                warn_rel(r, rel, "folders nested deeper than %d: skipped",
                         HR_DEPTH_MAX);
                r->status = TL_EV_PARTIAL;
            } else if ((cfd = open_dir(dirfd, name)) < 0) {
                warn_rel(r, rel, "cannot open folder: %s", strerror(errno));
                r->status = TL_EV_PARTIAL;
            } else {
                rc = walk(r, cfd, rel, strlen(rel), depth + 1, err);
                close(cfd);
            }
        } else if (v[i].type == DT_REG) {
            rc = dir_file(r, dirfd, name, rel, err);
        } else if (v[i].type == DT_LNK) {
            char target[HR_PATH_MAX], esc[HR_PATH_MAX];
            ssize_t k = readlinkat(dirfd, name, target, sizeof(target) - 1);

            target[k > 0 ? k : 0] = '\0';
            warn_rel(r, rel, "symbolic link to '%s' not followed",
                     hr_escape(target, strlen(target), esc, sizeof(esc)));
        } else {
            warn_rel(r, rel, "not a regular file (device, FIFO or socket): "
                     "skipped");
        }
        rel[rlen] = '\0';
    }
out:
    for (i = 0; i < n; i++)
        free(v[i].key);
    free(v);
    closedir(d);
    return rc;
}

/* ---- the evidence items ---------------------------------------------- */

/* Start an evidence item for 'path'. */
static int begin(struct run *r, const char *path, int64_t size,
                 const struct stat *sb, struct ftl_err *err)
{
    struct tl_evidence ev = { 0 };

    ev.kind = "hr";
    ev.path = path;
    ev.size = size;
    tl_time_from_sec(sb->st_mtim.tv_sec, sb->st_mtim.tv_nsec, &ev.mtime);
    ev.options = r->opts;
    ev.tz = r->ctx->tz ? tl_tz_name(r->ctx->tz) : "UTC";
    ev.audit_id = r->ctx->audit_id;
    r->evname = path;
    r->ndocs = r->nbytes = r->nunread = 0;
    r->status = TL_EV_COMPLETE;
    col_ctx_mark(r->ctx, &r->mark);
    return tl_evidence_begin(r->ctx->st, &ev, &r->evid, err);
}

static int end(struct run *r, const char *sha, struct ftl_err *err)
{
    int rc;

    /* An unread document makes a store partial, not a failed one
     * complete again. */
    if (r->nunread && r->status == TL_EV_COMPLETE)
        r->status = TL_EV_PARTIAL;
    rc = col_evidence_end(r->ctx, r->evid, r->evname, sha, NULL, r->status,
                          err);
    if (rc == FTL_OK)
        col_report(r->ctx, COL_INFO, "%s: %lld document%s read", r->evname,
                   (long long)r->ndocs, r->ndocs == 1 ? "" : "s");
    return rc < 0 ? rc : FTL_OK;
}

/* The last name of a path, without a trailing '/' or archive suffix. */
static void base_of(const char *path, int strip_ext, char *out, size_t n)
{
    size_t len = strlen(path);
    const char *s;

    while (len > 1 && path[len - 1] == '/')
        len--;
    for (s = path + len; s > path && s[-1] != '/'; s--)
        ;
    snprintf(out, n, "%.*s", (int)(path + len - s), s);
    if (strip_ext) {
        static const char *const ext[] = { ".tar.gz", ".tar.bz2",
                                           ".tar.xz", ".tgz", ".tbz2",
                                           ".txz", ".tar", ".zip", ".7z" };
        size_t i, ol = strlen(out);

        for (i = 0; i < sizeof(ext) / sizeof(ext[0]); i++) {
            size_t el = strlen(ext[i]);

            if (ol > el && strcasecmp(out + ol - el, ext[i]) == 0) {
                out[ol - el] = '\0';
                break;
            }
        }
    }
}

static int collect_dir(struct run *r, const char *path, const struct stat *sb,
                       struct ftl_err *err)
{
    char rel[HR_PATH_MAX] = "", sha[65], note[256];
    size_t len;
    int fd, rc;

    if ((fd = open_dir(AT_FDCWD, path)) < 0)
        return ftl_err_set(err, FTL_EIO, "cannot open '%s': %s", path,
                           strerror(errno));
    base_of(path, 0, r->base, sizeof(r->base));
    /* "store/" joins as "store/a.pdf", not "store//a.pdf", which would
     * read as a member of an archive. */
    snprintf(r->root, sizeof(r->root), "%s", path);
    for (len = strlen(r->root); len > 1 && r->root[len - 1] == '/'; len--)
        r->root[len - 1] = '\0';
    if ((rc = begin(r, path, -1, sb, err))) {
        close(fd);
        return rc;
    }
    ftl_digest_final(r->list, NULL, NULL);       /* a fresh listing */
    rc = walk(r, fd, rel, 0, 0, err);
    close(fd);
    if (rc) {
        col_abort(r->ctx, r->evid, &r->mark);
        return rc;
    }
    ftl_digest_final(r->list, NULL, sha);
    snprintf(note, sizeof(note), "directory of %lld files, %lld bytes; "
             "sha256 is that of its sha256sum listing in byte order of the "
             "paths", (long long)r->ndocs, (long long)r->nbytes);
    if ((rc = tl_evidence_note(r->ctx->st, r->evid, note, err))) {
        col_abort(r->ctx, r->evid, &r->mark);
        return rc;
    }
    return end(r, sha, err);
}

/* SHA-256 of an open file, read with pread (its offset stays 0). */
static int fd_sha256(int fd, const char *path, char sha[65],
                     struct ftl_err *err)
{
    struct ftl_digest *dg;
    int64_t off = 0;
    ssize_t k;
    int rc;

    if ((rc = ftl_digest_new(&dg, FTL_SHA256, err)))
        return rc;
    while ((k = pread(fd, chunk, sizeof(chunk), off)) != 0) {
        if (k < 0 && errno == EINTR)
            continue;
        if (k < 0) {
            rc = ftl_err_set(err, FTL_EIO, "cannot read '%s': %s", path,
                             strerror(errno));
            ftl_digest_free(dg);
            return rc;
        }
        ftl_digest_update(dg, chunk, (size_t)k);
        off += k;
    }
    ftl_digest_final(dg, NULL, sha);
    ftl_digest_free(dg);
    return FTL_OK;
}

/* 0 when the file open on fd is a zip without an end of central
 * directory record where APPNOTE 4.3.16 puts it; 1 otherwise. */
static int zip_has_eocd(int fd, const unsigned char *head, size_t nhead,
                        int64_t size)
{
    unsigned char *tail;
    size_t n = size < HR_EOCD_TAIL ? (size_t)size : HR_EOCD_TAIL;
    ssize_t k;
    int found;

    if (nhead < 4 || memcmp(head, "PK", 2) != 0 || size < 4 ||
        !(tail = malloc(n)))
        return 1;               /* not a zip (or no memory to tell) */
    k = pread(fd, tail, n, size - (int64_t)n);
    found = k != (ssize_t)n || hr_zip_has_eocd(tail, n);
    free(tail);
    return found;               /* a read error is told by libarchive */
}

/* The name of the one document in a compressed file read with the raw
 * format: the file's name without .gz, .bz2 or .xz. */
static void raw_name(const char *path, char *out, size_t n)
{
    static const char *const sfx[] = { ".gz", ".bz2", ".xz" };
    size_t i, len;

    base_of(path, 0, out, n);
    len = strlen(out);
    for (i = 0; i < sizeof(sfx) / sizeof(sfx[0]); i++) {
        size_t sl = strlen(sfx[i]);

        if (len > sl && strcasecmp(out + len - sl, sfx[i]) == 0) {
            out[len - sl] = '\0';
            break;
        }
    }
}

/* A store archive (zip, tar, 7z, possibly compressed), or one compressed
 * document (libarchive's raw format), open on fd. */
static int collect_archive(struct run *r, const char *path, int fd,
                           const struct stat *sb, const unsigned char *head,
                           size_t nhead, struct ftl_err *err)
{
    struct archive *a;
    struct archive_entry *e;
    char md5[33], dsha[65], dir[HR_PATH_MAX + 256], dpath[2 * HR_PATH_MAX];
    char rel[HR_PATH_MAX], sha[65];
    int rc, ar, count = 0, retries = 0, raw = 0;

    /* Hash first: a store collected before is not read again. */
    if ((rc = fd_sha256(fd, path, sha, err)))
        return rc;
    if ((rc = col_evidence_known(r->ctx, "hr", sha, 0, NULL, path, err)))
        return rc < 0 ? rc : FTL_OK;
    /* built-in filters only: never run a program named by evidence; the
     * raw format last, for one compressed document */
    if (!(a = col_archive_new(1)))
        return ftl_err_set(err, FTL_ENOMEM, "out of memory");
    if (archive_read_open_fd(a, fd, 1 << 16) != ARCHIVE_OK) {
        rc = ftl_err_set(err, FTL_EPARSE, "cannot read archive '%s': %s",
                         path, archive_error_string(a));
        archive_read_free(a);
        return rc;
    }
    base_of(path, 1, r->base, sizeof(r->base));
    if ((rc = begin(r, path, sb->st_size, sb, err))) {
        archive_read_free(a);
        return rc;
    }
    if (!zip_has_eocd(fd, head, nhead, sb->st_size)) {
        col_warn(r->ctx, r->evid, path, NULL, "no end of central directory: "
                 "the zip is cut short or damaged; members read from their "
                 "local headers");
        r->status = TL_EV_PARTIAL;
    }
    for (;;) {
        const char *mn;
        struct docin in;

        ar = archive_read_next_header(a, &e);
        if (ar == ARCHIVE_RETRY && retries++ < HR_RETRY_MAX) {
            /* A damaged header (tar): libarchive can look for the next
             * one.  Say where once, and read on. */
            if (retries == 1)
                col_warn(r->ctx, r->evid, path, NULL, "damaged archive "
                         "after %d member%s: %s; looking for the next "
                         "member", count, count == 1 ? "" : "s",
                         archive_error_string(a) ? archive_error_string(a)
                                                 : "read error");
            r->status = TL_EV_PARTIAL;
            continue;
        }
        if (ar != ARCHIVE_OK && ar != ARCHIVE_WARN)
            break;
        retries = 0;
        mn = archive_entry_pathname(e);
        const char *slash;

        if (++count == 1 && archive_format(a) == ARCHIVE_FORMAT_RAW) {
            /* One compressed document: named after the file, found in
             * the folder the file is in, like a single document. */
            raw = 1;
            r->base[0] = '\0';
        }
        if (!mn || !*mn)
            mn = "(no name)";
        while (mn[0] == '.' && mn[1] == '/')
            mn += 2;
        while (mn[0] == '/')
            mn++;
        if (raw)
            raw_name(path, rel, sizeof(rel));
        else
            snprintf(rel, sizeof(rel), "%s", mn);
        if (archive_entry_filetype(e) == AE_IFDIR)
            continue;
        if (archive_entry_hardlink(e)) {
            char esc[HR_PATH_MAX];
            const char *t = archive_entry_hardlink(e);

            warn_rel(r, rel, "hard link to '%s': the content is that "
                     "member's", hr_escape(t, strlen(t), esc, sizeof(esc)));
            continue;
        }
        if (archive_entry_filetype(e) == AE_IFLNK) {
            const char *t = archive_entry_symlink(e);
            char esc[HR_PATH_MAX];

            warn_rel(r, rel, "symbolic link to '%s' not followed",
                     t ? hr_escape(t, strlen(t), esc, sizeof(esc)) : "?");
            continue;
        }
        if (archive_entry_filetype(e) != AE_IFREG) {
            warn_rel(r, rel, "not a regular file: skipped");
            continue;
        }
        memset(&in, 0, sizeof(in));
        in.rel = rel;
        in.member = count;
        slash = strrchr(rel, '/');
        in.name = slash ? slash + 1 : rel;
        if (raw)
            snprintf(dir, sizeof(dir), "%.*s", (slash = strrchr(path, '/'))
                     ? (int)(slash - path) : 0, path);
        else
            dir_of(r, rel, dir, sizeof(dir));
        in.dir = dir;
        snprintf(dpath, sizeof(dpath), "%s//%s", path, rel);
        in.path = dpath;
        in.size = archive_entry_size_is_set(e) ? archive_entry_size(e) : -1;
        in.fs.origin = "archive";
        if (archive_entry_mtime_is_set(e))
            fs_time(&in.fs, 0, archive_entry_mtime(e),
                    archive_entry_mtime_nsec(e));
        if (archive_entry_atime_is_set(e))
            fs_time(&in.fs, 1, archive_entry_atime(e),
                    archive_entry_atime_nsec(e));
        if (archive_entry_ctime_is_set(e))
            fs_time(&in.fs, 2, archive_entry_ctime(e),
                    archive_entry_ctime_nsec(e));
        if (archive_entry_birthtime_is_set(e))
            fs_time(&in.fs, 3, archive_entry_birthtime(e),
                    archive_entry_birthtime_nsec(e));
        if (read_content(r, ar_read, a, in.size, &in, md5, dsha) != 0) {
            char why[300];

            snprintf(why, sizeof(why), "member is damaged: %s",
                     archive_error_string(a) ? archive_error_string(a)
                                             : "read error");
            rc = process(r, &in, why, err);
        } else {
            if (in.size < 0)
                in.size = in.total;
            rc = process(r, &in, NULL, err);
        }
        if (rc) {
            col_abort(r->ctx, r->evid, &r->mark);
            archive_read_free(a);
            return rc;
        }
        col_progress(r->ctx, "%s: %lld documents", path,
                     (long long)r->ndocs);
    }
    if (ar == ARCHIVE_EOF && !count)
        col_warn(r->ctx, r->evid, path, NULL, "no member: an empty %s "
                 "archive", archive_format_name(a) ? archive_format_name(a)
                                                   : "");
    if (ar != ARCHIVE_EOF) {
        col_warn(r->ctx, r->evid, path, NULL, "damaged archive after %d "
                 "member%s: %s", count, count == 1 ? "" : "s",
                 archive_error_string(a) ? archive_error_string(a)
                                         : "read error");
        r->status = count ? TL_EV_PARTIAL : TL_EV_FAILED;
    }
    archive_read_free(a);
    return end(r, sha, err);
}

/* One document open on fd.  It is read (and hashed) once: its SHA-256 is
 * the evidence's. */
static int collect_file(struct run *r, const char *path, int fd,
                        const struct stat *sb, struct ftl_err *err)
{
    struct statx stx;
    struct docin in;
    char md5[33], dsha[65], dir[HR_PATH_MAX], why[256] = "";
    const char *slash = strrchr(path, '/');
    int rc;

    memset(&in, 0, sizeof(in));
    in.member = 1;
    in.rel = slash ? slash + 1 : path;
    in.name = in.rel;
    snprintf(dir, sizeof(dir), "%.*s", slash ? (int)(slash - path) : 0,
             path);
    in.dir = dir;
    in.path = path;
    in.size = sb->st_size;
    in.fs.origin = "file system";
    r->base[0] = '\0';
    if (statx(fd, "", AT_EMPTY_PATH, STATX_BASIC_STATS | STATX_BTIME,
              &stx) == 0) {
        fs_time(&in.fs, 0, stx.stx_mtime.tv_sec, stx.stx_mtime.tv_nsec);
        fs_time(&in.fs, 1, stx.stx_atime.tv_sec, stx.stx_atime.tv_nsec);
        fs_time(&in.fs, 2, stx.stx_ctime.tv_sec, stx.stx_ctime.tv_nsec);
        if (stx.stx_mask & STATX_BTIME)
            fs_time(&in.fs, 3, stx.stx_btime.tv_sec, stx.stx_btime.tv_nsec);
    }
    if (read_content(r, fd_read, &fd, in.size, &in, md5, dsha) != 0)
        snprintf(why, sizeof(why), "cannot read: %s", strerror(errno));
    else if ((rc = col_evidence_known(r->ctx, "hr", dsha, 0, NULL, path,
                                      err)))
        return rc < 0 ? rc : FTL_OK;
    if ((rc = begin(r, path, sb->st_size, sb, err)))
        return rc;
    if ((rc = process(r, &in, why[0] ? why : NULL, err))) {
        col_abort(r->ctx, r->evid, &r->mark);
        return rc;
    }
    if (r->nunread)
        r->status = TL_EV_FAILED;
    return end(r, in.sha256, err);
}

/* A file given on the command line is a store archive when its first
 * bytes are a zip's (but not a zip document's: .docx, .odt, ...), a
 * tar's, a 7z's, or a compressed stream's (a .tar.gz, or one compressed
 * document). */
static int is_archive(const char *path, const unsigned char *b, size_t k)
{
    if (hr_zip_doc_ext(path) || k < 4)
        return 0;
    return memcmp(b, "PK\3\4", 4) == 0 || memcmp(b, "PK\5\6", 4) == 0 ||
           (k >= 262 && memcmp(b + 257, "ustar", 5) == 0) ||
           col_src_sniff(b, k) != NULL ||
           (k >= 6 && memcmp(b, "7z\xbc\xaf\x27\x1c", 6) == 0);
}

static int collect_one(struct run *r, const char *path, struct ftl_err *err)
{
    unsigned char head[512];
    struct stat sb;
    ssize_t k;
    int fd, rc;

    if (stat(path, &sb) != 0)
        return ftl_err_set(err, FTL_EIO, "cannot open '%s': %s", path,
                           strerror(errno));
    if (S_ISDIR(sb.st_mode))
        return collect_dir(r, path, &sb, err);
    if (!S_ISREG(sb.st_mode))
        return ftl_err_set(err, FTL_EIO, "'%s' is neither a folder nor a "
                           "file", path);
    /* Opened once, access time untouched where the system allows (owner
     * or root); O_NONBLOCK so that a FIFO swapped in cannot hang us. */
    fd = open(path, O_RDONLY | O_NOATIME | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0 && errno == EPERM)
        fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return ftl_err_set(err, FTL_EIO, "cannot open '%s': %s", path,
                           strerror(errno));
    if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        close(fd);
        return ftl_err_set(err, FTL_EIO, "'%s' is no longer a file", path);
    }
    do
        k = pread(fd, head, sizeof(head), 0);
    while (k < 0 && errno == EINTR);
    if (k > 0 && is_archive(path, head, (size_t)k))
        rc = collect_archive(r, path, fd, &sb, head, (size_t)k, err);
    else
        rc = collect_file(r, path, fd, &sb, err);
    close(fd);
    return rc;
}

/* ---- the collector --------------------------------------------------- */

static int run_one(struct col_ctx *ctx, void *payload, const char *path,
                   struct ftl_err *err)
{
    (void)ctx;
    return collect_one(payload, path, err);
}

static int hr_run(struct col_ctx *ctx, void *opts, char **paths, int n,
                  struct ftl_err *err)
{
    struct hr_opts *o = opts;
    struct run r;
    size_t i;
    int rc;

    memset(&r, 0, sizeof(r));
    r.ctx = ctx;
    rc = o->rules ? hr_rules_load_file(&r.rules, o->rules, err)
                  : hr_rules_load_default(&r.rules, err);
    if (rc)
        return rc;
    /* A register that cannot be read is reported and counted there; the
     * store still goes in, unless the case cannot be written. */
    if (o->staff) {
        rc = col_run_each(ctx, &o->staff, 1, col_staff_collect, NULL,
                          "register", err);
        if (rc == FTL_EDB || rc == FTL_ENOMEM)
            goto out;
        ftl_err_clear(err);
    }
    if ((rc = hr_people_load(&r.people, ctx->st, err)))
        goto out;
    if (!r.people->n)
        col_report(ctx, COL_WARN, "no persons in the case: documents are "
                   "categorised but attributed to nobody (load the register "
                   "first: 'ftl collect staff' or --staff)");
    if ((rc = ftl_digest_new(&r.dg, FTL_MD5 | FTL_SHA256, err)) ||
        (rc = ftl_digest_new(&r.list, FTL_SHA256, err)))
        goto out;
    /* A person_id is at most 20 digits and a ';'; a category at most its
     * name and a ';'. */
    r.idscap = r.people->n * 21 + 1;
    r.catscap = 1;
    for (i = 0; i < r.rules->n; i++)
        r.catscap += strlen(r.rules->v[i].category) + 1;
    if (!(r.idsb = malloc(r.idscap)) || !(r.catsb = malloc(r.catscap)) ||
        !(r.pidx = malloc((r.people->n + 1) * sizeof(*r.pidx)))) {
        rc = ftl_err_set(err, FTL_ENOMEM, "out of memory");
        goto out;
    }
    for (i = 0; i < r.people->n; i++)
        r.pidx[i] = NO_INDEX;
    hr_doc_init(&r.doc, ctx->tz);
    hr_text_init(&r.fold, HR_META_MAX * 4);
    snprintf(r.opts, sizeof(r.opts), "tz=%s rules=%s rules_sha256=%s "
             "persons=%zu", ctx->tz ? tl_tz_name(ctx->tz) : "UTC",
             r.rules->source, r.rules->sha256, r.people->n);
    rc = col_run_each(ctx, paths, n, run_one, &r, "document store", err);
out:
    hr_doc_release(&r.doc);
    hr_text_release(&r.fold);
    ftl_digest_free(r.dg);
    ftl_digest_free(r.list);
    free(r.buf);
    free(r.idsb);
    free(r.catsb);
    free(r.pidx);
    free(r.pm);
    free(r.cm);
    hr_people_free(r.people);
    hr_rules_free(r.rules);
    return rc;
}

static const struct option hr_longopts[] = {
    { "staff", required_argument, NULL, OPT_STAFF },
    { "rules", required_argument, NULL, OPT_RULES },
    { NULL, 0, NULL, 0 }
};

const struct col_ops col_hr = {
    .name = "hr",
    .summary = "HR document store (folder, zip/tar, or one document)",
    .usage =
        "usage: ftl collect hr [-c CASE] [--staff FILE] [--rules FILE] "
        "[--tz ZONE]\n"
        "                      DIR|ARCHIVE|FILE...\n"
        "\n"
        "Walks a document store read-only (a folder, a zip or tar of one, "
        "or one\n"
        "document) and records for each file a 'documents' row (hashes, "
        "type,\n"
        "title, authors, its own created/modified/printed times, the "
        "persons it\n"
        "is about and its data categories, and how each was found) and "
        "events:\n"
        "file-system times (doc:fs) and times inside the document "
        "(doc:meta).\n"
        "Reads OOXML (.docx .xlsx .pptx), ODF (.odt .ods .odp), PDF, "
        "HR-XML,\n"
        "XML and text.  Persons come from the register in the case.  "
        "Each\n"
        "document's SHA-256, MD5 and path are checked against the "
        "indicators.\n"
        "  --staff FILE        load this register first ('ftl collect "
        "staff')\n"
        "  --rules FILE        data-category rules CSV "
        "(category,art9,field,pattern)\n"
        "                      instead of the rules built into ftl\n",
    .shortopts = "",
    .longopts = hr_longopts,
    .uses_iocs = 1,
    .uses_tz = 1,
    .opts_size = sizeof(struct hr_opts),
    .opt = hr_opt,
    .run = hr_run,
    .release = hr_release,
};
