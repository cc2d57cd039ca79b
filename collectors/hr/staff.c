/*
 * collectors/hr/staff.c - the personnel register: who may be exposed
 *
 *   ftl collect staff [-c CASE] FILE...
 *
 * A register is a CSV file with a header row (employee_no, first_name,
 * last_name, email, department, role, status, and their usual variants
 * in English, French, Dutch and German; any other column is kept in
 * 'extra' as JSON), or an HR-XML / HR Open Standards file of person
 * records (hrxml.c).  Each person becomes a 'persons' row and a set of
 * 'person_aliases' (employee number, e-mail addresses, name variants
 * with and without accents) that the hr collector matches in documents.
 *
 * Duplicate and conflicting rows are reported, never merged: a row equal
 * in every field to an earlier one is a duplicate and is not added
 * again; a row sharing an employee number or an e-mail address with an
 * earlier one but differing elsewhere is a conflict, and both are kept
 * as separate persons, so that a document naming either is attributed to
 * both and the examiner sees why.  Persons already in the case from an
 * earlier register count as earlier rows.  Each warning names the line.
 *
 * SPDX-License-Identifier: MIT
 */
#define _GNU_SOURCE            /* asprintf */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/limits.h"
#include "collectors/hr/hr_int.h"
#include "collectors/hr/hrdocs_int.h"

/* Columns read per row (base/limits.h says why 256). */
#define COLUMNS_MAX FTL_LIMIT_REGISTER_COLUMNS

enum { C_NO, C_FIRST, C_LAST, C_NAME, C_EMAIL, C_DEPT, C_ROLE, C_STATUS,
       C_N };

/* Header names (folded, without spaces) and the column they mean. */
static const struct { const char *name; int col; } headers[] = {
    { "employeeno", C_NO }, { "employeenumber", C_NO },
    { "employeeid", C_NO }, { "empno", C_NO }, { "empid", C_NO },
    { "staffno", C_NO }, { "staffid", C_NO }, { "staffnumber", C_NO },
    { "personnelnumber", C_NO }, { "personnelno", C_NO },
    { "personid", C_NO }, { "id", C_NO }, { "matricule", C_NO },
    { "personeelsnummer", C_NO }, { "personalnummer", C_NO },
    { "firstname", C_FIRST }, { "givenname", C_FIRST },
    { "forename", C_FIRST }, { "prenom", C_FIRST }, { "voornaam", C_FIRST },
    { "vorname", C_FIRST },
    { "lastname", C_LAST }, { "surname", C_LAST }, { "familyname", C_LAST },
    { "nom", C_LAST }, { "nomdefamille", C_LAST }, { "achternaam", C_LAST },
    { "familienaam", C_LAST }, { "nachname", C_LAST },
    { "familienname", C_LAST },
    { "name", C_NAME }, { "fullname", C_NAME }, { "displayname", C_NAME },
    { "nomcomplet", C_NAME }, { "naam", C_NAME },
    { "volledigenaam", C_NAME }, { "vollstandigername", C_NAME },
    { "email", C_EMAIL }, { "emails", C_EMAIL }, { "mail", C_EMAIL },
    { "emailaddress", C_EMAIL }, { "courriel", C_EMAIL },
    { "adressemail", C_EMAIL },
    { "department", C_DEPT }, { "dept", C_DEPT }, { "service", C_DEPT },
    { "departement", C_DEPT }, { "afdeling", C_DEPT },
    { "abteilung", C_DEPT }, { "unit", C_DEPT },
    { "role", C_ROLE }, { "jobtitle", C_ROLE }, { "title", C_ROLE },
    { "function", C_ROLE }, { "fonction", C_ROLE }, { "functie", C_ROLE },
    { "funktion", C_ROLE }, { "position", C_ROLE },
    { "status", C_STATUS }, { "statut", C_STATUS },
};

/* What was seen before: by employee number, e-mail, name or every
 * field (a signature).  Keys are whole: a long value is never cut. */
enum { K_NO = 'n', K_EMAIL = 'e', K_NAME = 'm', K_SIG = 's' };

struct seen {
    int kind;                 /* K_* */
    char *key;                /* "e1001", "a@b", "jean d", a signature */
    char *no;                 /* its employee number, folded */
    int64_t line;             /* line in this register, 0 for the case */
    int64_t person_id;        /* for persons already in the case */
    struct seen *next;
};

#define SEEN_BUCKETS 4096

struct staff {
    struct col_ctx *ctx;
    struct col_counts mark;   /* the counters before this register */
    const char *path;
    int64_t evid;
    struct seen *tab[SEEN_BUCKETS];
    int64_t added, dup, already, bad;
    int damaged;              /* the file could not be read to its end */
    int latin1_warned;
    struct ftl_err *err;
};

static unsigned bucket(int kind, const char *s)
{
    unsigned h = (2166136261u ^ (unsigned)kind) * 16777619u;

    while (*s)
        h = (h ^ (unsigned char)*s++) * 16777619u;
    return h % SEEN_BUCKETS;
}

static struct seen *seen_find(struct staff *s, int kind, const char *key)
{
    struct seen *e;

    for (e = s->tab[bucket(kind, key)]; e; e = e->next)
        if (e->kind == kind && strcmp(e->key, key) == 0)
            return e;
    return NULL;
}

/* Remember key (the first row with it is kept); -1 when out of
 * memory. */
static int seen_add(struct staff *s, int kind, const char *key,
                    const char *no, int64_t line, int64_t person_id)
{
    struct seen *e;
    unsigned b = bucket(kind, key);

    if (seen_find(s, kind, key))
        return 0;
    if (!(e = calloc(1, sizeof(*e))))
        return -1;
    e->key = strdup(key);
    e->no = strdup(no ? no : "");
    if (!e->key || !e->no) {
        free(e->key);
        free(e->no);
        free(e);
        return -1;
    }
    e->kind = kind;
    e->line = line;
    e->person_id = person_id;
    e->next = s->tab[b];
    s->tab[b] = e;
    return 0;
}

static void seen_free(struct staff *s)
{
    struct seen *e, *next;
    int i;

    for (i = 0; i < SEEN_BUCKETS; i++) {
        for (e = s->tab[i]; e; e = next) {
            next = e->next;
            free(e->key);
            free(e->no);
            free(e);
        }
        s->tab[i] = NULL;
    }
}

/* "line 12" or "person #3 (evidence #1)" for a message. */
static void where(const struct seen *e, char *out, size_t n)
{
    if (e->line)
        snprintf(out, n, "line %lld", (long long)e->line);
    else
        snprintf(out, n, "person #%lld already in the case",
                 (long long)e->person_id);
}

/* A person with everything folded, for the comparisons. */
struct canon {
    char *no, *name, *sig;
    char **emails;
    int nemails;
};

static void canon_free(struct canon *c)
{
    int i;

    free(c->no);
    free(c->name);
    free(c->sig);
    for (i = 0; i < c->nemails; i++)
        free(c->emails[i]);
    free(c->emails);
    memset(c, 0, sizeof(*c));
}

static int canon_make(struct canon *c, const struct tl_person *p)
{
    const char *e;
    size_t n;
    char *f[8];
    int i;

    memset(c, 0, sizeof(*c));
    c->no = ftl_fold(p->employee_no ? p->employee_no : "");
    c->name = ftl_fold(p->name ? p->name : "");
    for (e = p->emails; e && *e;) {
        n = strcspn(e, ";");
        if (n) {
            char **v = realloc(c->emails, (size_t)(c->nemails + 1) *
                               sizeof(*v));

            if (!v)
                return -1;
            c->emails = v;
            if (!(c->emails[c->nemails++] = strndup(e, n)))
                return -1;
        }
        e += n;
        e += strspn(e, ";");
    }
    f[0] = c->no;
    f[1] = ftl_fold(p->first_name ? p->first_name : "");
    f[2] = ftl_fold(p->last_name ? p->last_name : "");
    f[3] = c->name;
    f[4] = (char *)(p->emails ? p->emails : "");
    f[5] = ftl_fold(p->department ? p->department : "");
    f[6] = ftl_fold(p->role ? p->role : "");
    f[7] = ftl_fold(p->status ? p->status : "");
    if (c->no && c->name && f[1] && f[2] && f[5] && f[6] && f[7] &&
        asprintf(&c->sig, "%s|%s|%s|%s|%s|%s|%s|%s", f[0], f[1], f[2], f[3],
                 f[4], f[5], f[6], f[7]) < 0)
        c->sig = NULL;
    for (i = 1; i < 8; i++)
        if (i != 3 && i != 4)
            free(f[i]);
    return c->no && c->name && c->sig ? 0 : -1;
}

/* Remember a stored person under each of its keys and its signature;
 * -1 when out of memory. */
static int remember(struct staff *s, const struct canon *c, int64_t line,
                    int64_t person_id)
{
    int i;

    if (seen_add(s, K_SIG, c->sig, c->no, line, person_id) ||
        (*c->no && seen_add(s, K_NO, c->no, c->no, line, person_id)) ||
        (*c->name && seen_add(s, K_NAME, c->name, c->no, line, person_id)))
        return -1;
    for (i = 0; i < c->nemails; i++)
        if (seen_add(s, K_EMAIL, c->emails[i], c->no, line, person_id))
            return -1;
    return 0;
}

/* Load the persons already in the case as earlier rows. */
static int seen_case_person(const struct tl_person *p, void *payload)
{
    struct staff *s = payload;
    struct canon c;
    int rc = 0;

    if (canon_make(&c, p) || remember(s, &c, 0, p->id))
        rc = ftl_err_set(s->err, FTL_ENOMEM, "out of memory");
    canon_free(&c);
    return rc;
}

struct alias_ctx {
    struct staff *s;
    int64_t person_id;
};

static int store_alias(const char *alias, const char *kind, const char *norm,
                       void *payload)
{
    struct alias_ctx *a = payload;

    return tl_person_alias_add(a->s->ctx->st, a->person_id, alias, kind,
                               norm, a->s->err);
}

/*
 * Check one person against what came before, report duplicates and
 * conflicts, and store it unless it is a duplicate.  'line' is where it
 * is in the register.
 */
static int add_person(struct staff *s, struct tl_person *p, int64_t line)
{
    struct alias_ctx ac;
    struct canon c;
    struct seen *e;
    char loc[32], w[96];
    int64_t id;
    int i, rc;

    snprintf(loc, sizeof(loc), "line %lld", (long long)line);
    if (canon_make(&c, p)) {
        canon_free(&c);
        return ftl_err_set(s->err, FTL_ENOMEM, "out of memory");
    }
    /* The same person again, field for field: the signature of any
     * earlier row, not only of the first one with this number. */
    if ((e = seen_find(s, K_SIG, c.sig)) != NULL) {
        if (e->line) {
            col_warn(s->ctx, s->evid, s->path, loc, "duplicate of line "
                     "%lld: the same person in every field, not added "
                     "again", (long long)e->line);
            s->dup++;
        } else {
            s->already++;
        }
        canon_free(&c);
        return FTL_OK;
    }
    /* Conflicts: shared number or address, different details. */
    if (*c.no && (e = seen_find(s, K_NO, c.no)) != NULL) {
        where(e, w, sizeof(w));
        col_warn(s->ctx, s->evid, s->path, loc, "conflict: employee number "
                 "'%s' is also at %s with other details; both kept as "
                 "separate persons, not merged", p->employee_no, w);
    }
    for (i = 0; i < c.nemails; i++) {
        if ((e = seen_find(s, K_EMAIL, c.emails[i])) != NULL &&
            (!*c.no || strcmp(e->no, c.no) != 0)) {
            where(e, w, sizeof(w));
            col_warn(s->ctx, s->evid, s->path, loc, "conflict: e-mail "
                     "address '%s' is also at %s (another person); both "
                     "kept, not merged", c.emails[i], w);
        }
    }
    if (*c.name && (e = seen_find(s, K_NAME, c.name)) != NULL &&
        (!*c.no || strcmp(e->no, c.no) != 0)) {
        where(e, w, sizeof(w));
        col_warn(s->ctx, s->evid, s->path, loc, "same name as %s "
                 "(another person): documents that name them are "
                 "attributed to both", w);
    }
    p->locator = loc;
    p->evidence_id = s->evid;
    if ((rc = tl_person_add(s->ctx->st, p, &id, s->err)))
        goto out;
    ac.s = s;
    ac.person_id = id;
    if ((rc = hr_aliases_make(p->employee_no, p->first_name, p->last_name,
                              p->name, p->emails, store_alias, &ac))) {
        if (!s->err->code)
            rc = ftl_err_set(s->err, rc, "out of memory");
        goto out;
    }
    if (remember(s, &c, line, id)) {
        rc = ftl_err_set(s->err, FTL_ENOMEM, "out of memory");
        goto out;
    }
    s->added++;
out:
    canon_free(&c);
    return rc;
}

/* ---- values --------------------------------------------------------- */

/* A field as UTF-8: as is when valid, else read as Windows-1252 (what
 * Excel writes in western European settings).  Caller frees. */
static char *utf8_field(struct staff *s, const char *f, int64_t line)
{
    size_t n = strlen(f);
    char *out;

    if (ftl_utf8_valid((const unsigned char *)f, n, NULL))
        return strdup(f);
    if (!s->latin1_warned) {
        char loc[32];

        snprintf(loc, sizeof(loc), "line %lld", (long long)line);
        col_warn(s->ctx, s->evid, s->path, loc, "not UTF-8: read as "
                 "Windows-1252");
        s->latin1_warned = 1;
    }
    if (!(out = malloc(n * 3 + 1)))
        return NULL;
    out[ftl_cp1252_to_utf8((const unsigned char *)f, n, out)] = '\0';
    return out;
}

/* Trim in place; NULL for an empty value. */
static char *trimmed(char *v)
{
    size_t n;

    if (!v)
        return NULL;
    v += strspn(v, " \t\r\n");
    n = strlen(v);
    while (n && strchr(" \t\r\n", v[n - 1]))
        v[--n] = '\0';
    return *v ? v : NULL;
}

/* E-mail addresses: lower case, ';'-separated, invalid ones reported.
 * *out is NULL when there is none; -1 when out of memory. */
static int clean_emails(struct staff *s, const char *v, const char *loc,
                        char **res)
{
    char *out = calloc(1, strlen(v) + 2), *o = out;
    const char *e = v;

    *res = NULL;
    if (!out)
        return -1;
    while (*e) {
        size_t n = strcspn(e, ";, \t");

        if (n && memchr(e, '@', n) && e[0] != '@' && e[n - 1] != '@') {
            size_t i;

            if (o != out)
                *o++ = ';';
            for (i = 0; i < n; i++)
                *o++ = (char)(e[i] >= 'A' && e[i] <= 'Z' ? e[i] + 32 : e[i]);
        } else if (n) {
            char esc[200];

            col_warn(s->ctx, s->evid, s->path, loc, "'%s' is not an e-mail "
                     "address: ignored", ftl_esc_msg(esc, sizeof(esc), e,
                                                     n < 60 ? n : 60));
        }
        e += n;
        e += strspn(e, ";, \t");
    }
    *o = '\0';
    if (!*out)
        free(out);
    else
        *res = out;
    return 0;
}

/* Add "key":"value" to the JSON object of the extra columns in b (the
 * '{' before the first; the caller closes it). */
static int extra_add(struct ftl_buf *b, const char *key, const char *value)
{
    int rc = ftl_buf_putc(b, b->len ? ',' : '{');

    if (rc == FTL_OK)
        rc = ftl_esc_json_buf(b, key);
    if (rc == FTL_OK)
        rc = ftl_buf_putc(b, ':');
    if (rc == FTL_OK)
        rc = ftl_esc_json_buf(b, value);
    return rc;
}

/* ---- CSV registers -------------------------------------------------- */

/* The column a header name means, or -1 for an extra column. */
static int column_of(const char *h)
{
    char *f = ftl_fold(h), *o, *p;
    size_t i;
    int col = -1;

    if (!f)
        return -1;
    for (o = p = f; *p; p++)
        if (*p != ' ' && *p != '\n')
            *o++ = *p;
    *o = '\0';
    for (i = 0; i < sizeof(headers) / sizeof(headers[0]); i++)
        if (strcmp(f, headers[i].name) == 0)
            col = headers[i].col;
    free(f);
    return col;
}

/* The name shown for a person: as written, else "First Last", else the
 * one given.  *out is NULL when there is none; -1 when out of memory. */
static int person_name(const char *name, const char *first,
                       const char *last, char **out)
{
    *out = NULL;
    if (!name && !first && !last)
        return 0;
    if (name) {
        *out = strdup(name);
    } else if (first && last) {
        if (asprintf(out, "%s %s", first, last) < 0)
            *out = NULL;        /* undefined after a failure */
    } else {
        *out = strdup(first ? first : last);
    }
    return *out ? 0 : -1;
}

/* Build and add the person of one record. */
static int csv_record(struct staff *s, char **f, int nf, const int *map,
                      char **names, int nh, int64_t line)
{
    struct tl_person p;
    struct ftl_buf extra;
    char *raw[C_N] = { 0 }, *copies[COLUMNS_MAX] = { 0 };
    char loc[32], *name = NULL, *emails = NULL;
    int i, rc = FTL_OK, failed = 0;

    ftl_buf_init(&extra, 0);

    snprintf(loc, sizeof(loc), "line %lld", (long long)line);
    if (nf != nh)
        col_warn(s->ctx, s->evid, s->path, loc, "%d field%s where the "
                 "header has %d", nf, nf == 1 ? "" : "s", nh);
    for (i = 0; i < nf && i < COLUMNS_MAX; i++) {
        char *v;

        if (!(copies[i] = utf8_field(s, f[i], line))) {
            rc = ftl_err_set(s->err, FTL_ENOMEM, "out of memory");
            goto out;
        }
        if (!(v = trimmed(copies[i])))
            continue;
        if (i < nh && map[i] >= 0 && !raw[map[i]])
            raw[map[i]] = v;
        else if (extra_add(&extra, i < nh ? names[i] : "?", v))
            failed = 1;
    }
    if (extra.len && ftl_buf_putc(&extra, '}'))
        failed = 1;
    if (failed ||
        (raw[C_EMAIL] && clean_emails(s, raw[C_EMAIL], loc, &emails)) ||
        person_name(raw[C_NAME], raw[C_FIRST], raw[C_LAST], &name)) {
        rc = ftl_err_set(s->err, FTL_ENOMEM, "out of memory");
        goto out;
    }
    if (!raw[C_NO] && !emails && !name) {
        col_warn(s->ctx, s->evid, s->path, loc, "no employee number, "
                 "e-mail address or name: skipped");
        s->bad++;
        goto out;
    }
    memset(&p, 0, sizeof(p));
    p.employee_no = raw[C_NO];
    p.first_name = raw[C_FIRST];
    p.last_name = raw[C_LAST];
    p.name = name;
    p.emails = emails;
    p.department = raw[C_DEPT];
    p.role = raw[C_ROLE];
    p.status = raw[C_STATUS];
    p.extra = extra.p;
    rc = add_person(s, &p, line);
out:
    for (i = 0; i < nf && i < COLUMNS_MAX; i++)
        free(copies[i]);
    ftl_buf_release(&extra);
    free(name);
    free(emails);
    return rc;
}

static int read_csv(struct staff *s, struct col_src *src)
{
    struct ftl_csv *csv;
    char **f, **names = NULL;
    int64_t line;
    int nf, nh = 0, i, rc, map[COLUMNS_MAX], ident = 0;
    char loc[32];

    if ((rc = hr_csv_open(&csv, src, 0, FTL_CSV_HEAD_COMMENTS, s->err)))
        return rc;
    rc = ftl_csv_next(csv, &f, &nf, &line, s->err);
    if (rc == FTL_DONE) {
        rc = ftl_err_set(s->err, FTL_EPARSE, "'%s' is empty", s->path);
        goto out;
    }
    if (rc)
        goto out;
    nh = nf < COLUMNS_MAX ? nf : COLUMNS_MAX;
    if (!(names = calloc((size_t)nh, sizeof(*names)))) {
        rc = ftl_err_set(s->err, FTL_ENOMEM, "out of memory");
        goto out;
    }
    for (i = 0; i < nh; i++) {
        int k, col = column_of(f[i]);

        if (!(names[i] = utf8_field(s, f[i], line))) {
            rc = ftl_err_set(s->err, FTL_ENOMEM, "out of memory");
            goto out;
        }
        /* A second column of the same meaning is kept as extra. */
        for (k = 0; k < i; k++)
            if (map[k] == col)
                col = -1;
        map[i] = col;
        if (col == C_NO || col == C_FIRST || col == C_LAST ||
            col == C_NAME || col == C_EMAIL)
            ident = 1;
    }
    if (!ident) {
        /* no path here: the warning that carries this names the file */
        rc = ftl_err_set(s->err, FTL_EPARSE, "line %lld is not a register "
                         "header: no column for the employee number, name "
                         "or e-mail address", (long long)line);
        goto out;
    }
    while ((rc = ftl_csv_next(csv, &f, &nf, &line, s->err)) == FTL_OK) {
        if (nf == 1 && !*f[0])
            continue;
        if ((rc = csv_record(s, f, nf, map, names, nh, line)))
            goto out;
        col_progress(s->ctx, "%s: %lld persons", s->path,
                     (long long)s->added);
    }
    if (rc == FTL_DONE) {
        rc = FTL_OK;
    } else if (rc == FTL_EPARSE) {
        /* A damaged record: what came before stays. */
        snprintf(loc, sizeof(loc), "line %lld",
                 (long long)ftl_csv_lineno(csv));
        col_warn(s->ctx, s->evid, s->path, loc, "%s", s->err->msg);
        ftl_err_clear(s->err);
        s->damaged = 1;
        rc = FTL_OK;
    }
out:
    for (i = 0; names && i < nh; i++)
        free(names[i]);
    free(names);
    ftl_csv_close(csv);
    return rc;
}

/* ---- HR-XML registers ----------------------------------------------- */

struct src_reader {
    struct col_src *src;
    struct ftl_err *err;
};

static long src_read(void *payload, char *buf, size_t n)
{
    struct src_reader *r = payload;

    return (long)col_src_read(r->src, buf, n, r->err);
}

static int xml_person(const struct hr_xperson *xp, void *payload)
{
    struct staff *s = payload;
    struct tl_person p;
    struct ftl_buf extra;
    char loc[32], *name = NULL, *emails = NULL;
    int rc = FTL_OK;

    ftl_buf_init(&extra, 0);
    snprintf(loc, sizeof(loc), "line %ld", xp->line);
    if (extra_add(&extra, "hr_xml_record", xp->record) ||
        ftl_buf_putc(&extra, '}') ||
        (xp->emails && clean_emails(s, xp->emails, loc, &emails)) ||
        person_name(xp->formatted, xp->first, xp->last, &name)) {
        rc = ftl_err_set(s->err, FTL_ENOMEM, "out of memory");
        goto out;
    }
    if (!xp->employee_no && !emails && !name) {
        col_warn(s->ctx, s->evid, s->path, loc, "%s record without "
                 "identifier, e-mail address or name: skipped", xp->record);
        s->bad++;
        goto out;
    }
    memset(&p, 0, sizeof(p));
    p.employee_no = xp->employee_no;
    p.first_name = xp->first;
    p.last_name = xp->last;
    p.name = name;
    p.emails = emails;
    p.department = xp->department;
    p.role = xp->role;
    p.extra = extra.p;
    rc = add_person(s, &p, xp->line);
    col_progress(s->ctx, "%s: %lld persons", s->path, (long long)s->added);
out:
    ftl_buf_release(&extra);
    free(name);
    free(emails);
    return rc;
}

static int read_xml(struct staff *s, struct col_src *src)
{
    struct src_reader r = { src, s->err };
    char why[256], loc[32];
    int rc;

    rc = hr_hrxml_persons(src_read, &r, xml_person, s, why, sizeof(why));
    if (rc == FTL_EDB || rc == FTL_ENOMEM)
        return rc;
    if (rc) {
        /* "line 2: reason" becomes locator "line 2" and the reason. */
        char *end;
        long l = strncmp(why, "line ", 5) == 0 ? strtol(why + 5, &end, 10)
                                               : 0;
        const char *msg = l && strncmp(end, ": ", 2) == 0 ? end + 2 : why;

        snprintf(loc, sizeof(loc), "line %ld", l);
        col_warn(s->ctx, s->evid, s->path, l ? loc : NULL, "%s",
                 rc == FTL_EIO && s->err->msg[0] ? s->err->msg : msg);
        ftl_err_clear(s->err);
        s->damaged = 1;
    }
    return FTL_OK;
}

/* ---- the collector -------------------------------------------------- */

/* 1 when the file starts with '<' after a BOM and white space. */
static int sniff_xml(const char *path)
{
    struct col_src *src;
    struct ftl_err err = { 0 };
    char buf[512];
    ssize_t n;
    size_t i = 0;

    if (col_src_open_file(&src, path, 1, &err))
        return 0;
    n = col_src_read(src, buf, sizeof(buf), &err);
    col_src_close(src);
    if (n <= 0)
        return 0;
    /* UTF-16 with a byte order mark: "<" is the next code unit. */
    if (n >= 4 && ((memcmp(buf, "\xff\xfe<", 4) == 0) ||
                   memcmp(buf, "\xfe\xff\0<", 4) == 0))
        return 1;
    if (n >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
        i = 3;
    while (i < (size_t)n && strchr(" \t\r\n", buf[i]))
        i++;
    return i < (size_t)n && buf[i] == '<';
}

int col_staff_collect(struct col_ctx *ctx, void *payload, const char *path,
                      struct ftl_err *err)
{
    struct tl_evidence ev = { 0 };
    struct col_src *src;
    struct staff *s;
    char sha[65];
    int rc, xml = sniff_xml(path), status = TL_EV_COMPLETE;

    (void)payload;
    if (!(s = calloc(1, sizeof(*s))))
        return ftl_err_set(err, FTL_ENOMEM, "out of memory");
    if ((rc = col_src_open_file(&src, path, 1, err))) {
        free(s);
        return rc;
    }
    ev.kind = "staff";
    ev.path = path;
    ev.size = col_src_size(src);
    ev.mtime = col_src_mtime(src);
    ev.options = xml ? "format=hr-xml" : "format=csv";
    ev.audit_id = ctx->audit_id;
    s->ctx = ctx;
    s->path = path;
    s->err = err;
    /* known already: hashed, not read; a register to be replaced is
     * retired when its row begins, before the persons in the case are
     * looked at */
    if ((rc = col_src_known(ctx, src, &ev, err))) {
        rc = rc < 0 ? rc : FTL_OK;
        goto done;
    }
    col_ctx_mark(ctx, &s->mark);
    if ((rc = col_evidence_begin(ctx, &ev, &s->evid, err)))
        goto done;
    /* Persons already in the case count as earlier rows. */
    if ((rc = tl_persons_each(ctx->st, seen_case_person, s, err)))
        goto fail;
    rc = xml ? read_xml(s, src) : read_csv(s, src);
    if (rc == FTL_EDB || rc == FTL_ENOMEM)
        goto fail;
    if (rc) {
        /* Not a register at all (no header, empty): on record as failed
         * with the reason. */
        col_warn(ctx, s->evid, path, NULL, "%s", err->msg);
        ftl_err_clear(err);
        s->damaged = 1;
    }
    if ((rc = col_src_sha256(src, sha, err)))
        goto fail;
    if (s->dup || s->bad)
        col_report(ctx, COL_WARN, "%s: %lld duplicate row%s not added, "
                   "%lld row%s skipped", path, (long long)s->dup,
                   s->dup == 1 ? "" : "s", (long long)s->bad,
                   s->bad == 1 ? "" : "s");
    if (s->already)
        col_report(ctx, COL_INFO, "%s: %lld person%s already in the case "
                   "from an earlier register, not added again", path,
                   (long long)s->already, s->already == 1 ? "" : "s");
    if (!s->added && !s->already && !s->dup) {
        col_report(ctx, COL_ERROR, "%s: no person could be read", path);
        status = TL_EV_FAILED;
    } else if (s->bad || s->damaged) {
        status = TL_EV_PARTIAL;
    }
    rc = col_evidence_end(ctx, s->evid, path, sha, NULL, status, err);
    if (rc == FTL_OK && status != TL_EV_FAILED)
        col_report(ctx, COL_INFO, "%s: %lld person%s added", path,
                   (long long)s->added, s->added == 1 ? "" : "s");
    /* documents collected before this register name them too */
    if (rc == FTL_OK && s->added)
        rc = hr_reattribute(ctx, err);
    rc = rc < 0 ? rc : FTL_OK;
    goto done;
fail:
    col_abort(ctx, s->evid, &s->mark);
done:
    col_src_close(src);
    seen_free(s);
    free(s);
    return rc;
}

static int staff_run(struct col_ctx *ctx, void *opts, char **paths, int n,
                     struct ftl_err *err)
{
    (void)opts;
    return col_run_each(ctx, paths, n, col_staff_collect, NULL, "register",
                        err);
}

const struct col_ops col_staff = {
    .name = "staff",
    .summary = "personnel register: CSV or HR-XML person records",
    .usage =
        "usage: ftl collect staff [-c CASE] FILE...\n"
        "\n"
        "Loads the people whose exposure is assessed into 'persons', with\n"
        "the name variants used to find them in documents "
        "('person_aliases').\n"
        "FILE is a CSV register with a header row (employee_no, "
        "first_name,\n"
        "last_name, name, email, department, role, status, or their usual\n"
        "variants; ',' ';' or tab separated; other columns kept as JSON in\n"
        "'extra'), or an HR-XML / HR Open Standards file of person records\n"
        "(PersonName, PersonID, Communication/URI or InternetEmailAddress).\n"
        "Duplicate rows are not added again and conflicting rows (same\n"
        "employee number or e-mail, other details) are kept apart, never\n"
        "merged; both are reported with their line numbers.\n"
        "Documents of HR stores already in the case are attributed again\n"
        "with the persons added, re-read from where they were collected.\n",
    .run = staff_run,
};
