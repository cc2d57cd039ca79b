/*
 * timeline/iocs_load.c - indicator packs: read, check, build the set
 *
 * The first bad row fails the whole load, naming the pack and the line:
 * a pack half loaded would search for less than the examiner believes.
 * See timeline/iocs_int.h for how the set is laid out.
 *
 * SPDX-License-Identifier: MIT
 */
#include <errno.h>
#include <regex.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/buf.h"
#include "base/csv.h"
#include "base/limits.h"
#include "timeline/iocs_int.h"

/* The caps (base/limits.h): a pack is hand-made data, not evidence, and
 * anything larger is a mistake (a disk image given as a pack), refused
 * rather than read into memory. */
#define PACK_MAX FTL_LIMIT_IOC_PACK
#define VALUE_MAX FTL_LIMIT_IOC_VALUE
#define FIELDS_MAX FTL_LIMIT_IOC_FIELDS

/* The default pack, from data/iocs_default.S. */
extern const char ftl_iocs_default_csv[];

/* The kinds: name in the pack, words in a hit's sentence, flags. */
const struct ioc_kind_info ioc_kinds[K_COUNT] = {
    [K_PATH] = { "path", "path", 0 },
    [K_FILENAME] = { "filename", "file name", 0 },
    [K_MD5] = { "md5", "MD5 hash", KF_FOLD },
    [K_SHA256] = { "sha256", "SHA-256 hash", KF_FOLD },
    [K_PATH_REGEX] = { "path_regex", "path pattern", KF_REGEX | KF_SCAN },
    [K_IP] = { "ip", "IP address", KF_FOLD },
    [K_DOMAIN] = { "domain", "domain", KF_FOLD },
    [K_EMAIL] = { "email", "e-mail address", KF_FOLD },
    [K_SUBJECT_REGEX] = { "subject_regex", "subject pattern",
                          KF_REGEX | KF_ICASE | KF_SCAN },
    [K_NAME_REGEX] = { "name_regex", "name pattern",
                       KF_REGEX | KF_ICASE | KF_SCAN },
    [K_NAME_SUBSTRING] = { "name_substring", "name fragment", KF_SCAN },
    [K_NOTE] = { "note", "note", 0 },  /* stored, never matched */
    /* written "path" too; ioc_kind_by_name() finds K_PATH first */
    [K_DIR] = { "path", "path", KF_SCAN },
};

/* ------------------------------------------------------------------ */
/* Growing the set                                                     */
/* ------------------------------------------------------------------ */

/* Place an index in the first free slot; the caller made room. */
static void table_put(struct slot *tab, size_t cap, uint64_t h,
                      uint32_t idx)
{
    size_t i;

    for (i = h & (cap - 1); tab[i].idx; i = (i + 1) & (cap - 1))
        ;
    tab[i].hash = h;
    tab[i].idx = idx;
}

/* Make room for one more entry, keeping the load factor under 1/2. */
static int table_reserve(struct tl_iocset *set)
{
    struct slot *tab;
    size_t cap, i;

    if ((set->n + 1) * 2 <= set->tabcap)
        return FTL_OK;
    cap = set->tabcap ? set->tabcap * 2 : 64;
    if (!(tab = calloc(cap, sizeof(*tab))))
        return FTL_ENOMEM;
    for (i = 0; i < set->tabcap; i++)
        if (set->tab[i].idx)
            table_put(tab, cap, set->tab[i].hash, set->tab[i].idx);
    free(set->tab);
    set->tab = tab;
    set->tabcap = cap;
    return FTL_OK;
}

/* Append an entry index to a scan list, growing it by doubling. */
static int list_add(struct list *l, uint32_t idx)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 8;
        uint32_t *v = realloc(l->v, cap * sizeof(*v));

        if (!v)
            return FTL_ENOMEM;
        l->v = v;
        l->cap = cap;
    }
    l->v[l->n++] = idx;
    return FTL_OK;
}


/* ------------------------------------------------------------------ */
/* CSV (RFC 4180)                                                      */
/* ------------------------------------------------------------------ */

/*
 * The pack is read by base/csv.c as RFC 4180 is written: fields separated
 * by commas, records by CRLF (a bare LF or CR is accepted too, since
 * packs are edited on every system), a field in double quotes may hold
 * commas, line breaks (kept as written) and doubled quotes.  It is strict
 * where leniency would hide a mistake in a hand-edited pack: a quote
 * inside an unquoted field, text after a closing quote, an unclosed quote
 * and NUL bytes are errors that name the pack and the line.
 */
struct pack {
    const char *name;          /* pack name for messages */
    struct ftl_csv *csv;
    int64_t line;              /* where the current record starts */
};

/* Trim blanks and lower-case a header cell or type name, in place, so
 * that " Type" and "PATH" from a spreadsheet are read as meant.  Values
 * are never trimmed: a blank may belong to a fragment. */
static char *normalise_word(char *s)
{
    char *e;

    while (*s == ' ' || *s == '\t')
        s++;
    e = s + strlen(s);
    while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
        *--e = '\0';
    for (e = s; *e; e++)
        *e = (char)ioc_fold((unsigned char)*e);
    return s;
}

/* A blank line reads as one empty field; spreadsheets also save blank
 * rows as ",,,,".  Both are skipped. */
static int all_empty(char *fields[], int nf)
{
    int i;

    for (i = 0; i < nf; i++)
        if (fields[i][0])
            return 0;
    return 1;
}

/* ------------------------------------------------------------------ */
/* Loading                                                             */
/* ------------------------------------------------------------------ */

/* The columns ftl reads; the header may list them in any order, and
 * columns it does not know (a pack's own "confidence", say) are ignored. */
enum { COL_TYPE, COL_VALUE, COL_FAMILY, COL_NOTE, COL_SOURCE, COL_COUNT };

static const char *const col_names[COL_COUNT] = {
    "type", "value", "family", "note", "source"
};

int ioc_kind_by_name(const char *name)
{
    int k;

    for (k = 0; k < K_COUNT; k++)
        if (strcmp(ioc_kinds[k].name, name) == 0)
            return k;
    return -1;
}

/* 1 when s[0..n) is lower-case hex (check_value folded it first). */
static int is_hex(const char *s, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
            return 0;
    return 1;
}

int ioc_eq_fold(const char *a, const char *b)
{
    while (*a && ioc_fold((unsigned char)*a) == ioc_fold((unsigned char)*b)) {
        a++;
        b++;
    }
    return ioc_fold((unsigned char)*a) == ioc_fold((unsigned char)*b);
}

/*
 * Check and normalise value v (in place) for kind k, as read at the
 * current record.  Returns FTL_OK or FTL_EPARSE.  A value that could
 * never match (a 31-digit MD5, a file name with a '/') is an error, not
 * a silent miss: the examiner would otherwise believe it was searched
 * for.  Case-insensitive kinds are stored in lower case, which is what
 * the case file shows too.
 */
static int check_value(const struct pack *c, int k, char *v,
                       struct ftl_err *err)
{
    size_t n = strlen(v), i;
    const char *why = NULL;

    if (ioc_kinds[k].flags & KF_FOLD)
        for (i = 0; i < n; i++)
            v[i] = (char)ioc_fold((unsigned char)v[i]);
    switch (k) {
    case K_MD5:
        if (n != 32 || !is_hex(v, n))
            why = "is not 32 hexadecimal digits";
        break;
    case K_SHA256:
        if (n != 64 || !is_hex(v, n))
            why = "is not 64 hexadecimal digits";
        break;
    case K_PATH:
        /* Component boundaries rely on the leading '/' (see the
         * matchers); "/" alone would flag every file of an image. */
        if (v[0] != '/')
            why = "does not start with '/' (use filename for a bare name)";
        else if (strspn(v, "/") == n)
            why = "would match every path";
        break;
    case K_FILENAME:
        /* compared with the last component only, which has no '/' */
        if (strchr(v, '/'))
            why = "contains '/' (use path)";
        break;
    case K_DOMAIN:
        /* "example.com." is the same name as "example.com" */
        if (n > 1 && v[n - 1] == '.')
            v[--n] = '\0';
        if (v[0] == '.' || strchr(v, '@'))
            why = "is not a host name";
        break;
    case K_EMAIL:
        if (!strchr(v, '@'))
            why = "has no '@'";
        break;
    default:
        break;
    }
    if (why)
        return ftl_err_set(err, FTL_EPARSE, "%s:%lld: %s '%s' %s", c->name,
                           (long long)c->line, ioc_kinds[k].name, v, why);
    return FTL_OK;
}

/* Copy the strings of an indicator into one block, e->text; empty
 * optional cells become NULL, SQL NULL in the case. */
static int entry_strings(struct entry *e, const char *v, const char *family,
                         const char *note, const char *source)
{
    const char *in[4] = { v, family, note, source };
    const char **to[4] = { &e->ioc.value, &e->ioc.family, &e->ioc.note,
                           &e->ioc.source };
    size_t len[4], total = 0, i;
    char *p;

    for (i = 0; i < 4; i++)
        total += (len[i] = strlen(in[i])) + 1;
    if (!(e->text = p = malloc(total)))
        return FTL_ENOMEM;
    for (i = 0; i < 4; i++) {
        memcpy(p, in[i], len[i] + 1);
        *to[i] = i == 0 || len[i] ? p : NULL;
        p += len[i] + 1;
    }
    return FTL_OK;
}

/*
 * Add one indicator (v and the optional cells are the record's, copied
 * here).  A repeated
 * (type, value) keeps the first row, as the case's 'iocs' table does with
 * INSERT OR IGNORE: the set and the case then agree on every indicator's
 * family and source, and one value never reports two hits.
 */
static int add_entry(struct tl_iocset *set, const struct pack *c, int k,
                     char *v, char *family, char *note, char *source,
                     struct ftl_err *err)
{
    struct entry *e;
    size_t n = strlen(v);
    uint64_t h = ioc_key_hash(k, v, n);
    regex_t *re = NULL;
    int rc;

    if (k == K_PATH && v[n - 1] == '/') {
        k = K_DIR;
        h = ioc_key_hash(k, v, n);
    }
    if (ioc_table_find(set, k, h, v, n))
        return FTL_OK;
    /* Compile once here; a pattern regcomp() refuses fails the load with
     * the line, rather than never matching. */
    if (ioc_kinds[k].flags & KF_REGEX) {
        char msg[160];
        int cflags = REG_EXTENDED | REG_NOSUB;

        if (ioc_kinds[k].flags & KF_ICASE)
            cflags |= REG_ICASE;
        if (!(re = malloc(sizeof(*re))))
            return ftl_err_set(err, FTL_ENOMEM, "out of memory");
        if ((rc = regcomp(re, v, cflags)) != 0) {
            regerror(rc, re, msg, sizeof(msg));
            free(re);
            return ftl_err_set(err, FTL_EPARSE, "%s:%lld: bad regular "
                               "expression '%s': %s", c->name,
                               (long long)c->line, v, msg);
        }
    }
    if (set->n == set->cap) {
        size_t cap = set->cap ? set->cap * 2 : 64;

        if (!(e = realloc(set->v, cap * sizeof(*e))))
            goto nomem;
        set->v = e;
        set->cap = cap;
    }
    if (table_reserve(set))
        goto nomem;
    /* Scanned kinds are also listed, so that matching walks only the few
     * entries of the kind it needs and never the whole set. */
    e = &set->v[set->n];
    memset(e, 0, sizeof(*e));
    if (entry_strings(e, v, family, note, source) ||
        ((ioc_kinds[k].flags & KF_SCAN) &&
         list_add(&set->scan[k], (uint32_t)set->n))) {
        free(e->text);
        goto nomem;
    }
    set->n++;
    e->ioc.type = ioc_kinds[k].name;
    e->kind = k;
    e->len = n;
    e->re = re;
    table_put(set->tab, set->tabcap, h, (uint32_t)set->n);
    return FTL_OK;
nomem:
    if (re) {
        regfree(re);
        free(re);
    }
    return ftl_err_set(err, FTL_ENOMEM, "out of memory");
}

/* Read the header row (after any blank lines) into col[], the field index
 * of each COL_* or -1, and *ncols, the width that rows may not exceed.
 * type and value are required; the rest are optional. */
static int read_header(struct pack *c, int col[COL_COUNT], int *ncols,
                       struct ftl_err *err)
{
    char **f;
    int nf = 0, i, j, rc;

    do {
        if ((rc = ftl_csv_next(c->csv, &f, &nf, &c->line, err)) < 0)
            return rc;
        if (rc == FTL_DONE)
            return ftl_err_set(err, FTL_EPARSE, "%s: no header row (an "
                               "indicator pack starts with type,value,...)",
                               c->name);
    } while (all_empty(f, nf));
    for (j = 0; j < COL_COUNT; j++)
        col[j] = -1;
    for (i = 0; i < nf; i++) {
        const char *name = normalise_word(f[i]);

        for (j = 0; j < COL_COUNT; j++) {
            if (strcmp(name, col_names[j]) != 0)
                continue;
            if (col[j] >= 0)
                return ftl_err_set(err, FTL_EPARSE, "%s:%lld: column '%s' "
                                   "appears twice in the header", c->name,
                                   (long long)c->line, name);
            col[j] = i;
        }
    }
    if (col[COL_TYPE] < 0 || col[COL_VALUE] < 0)
        return ftl_err_set(err, FTL_EPARSE, "%s:%lld: the header must name "
                           "the columns type and value", c->name,
                           (long long)c->line);
    *ncols = nf;
    return FTL_OK;
}

/* Check one row f[0..nf) (not all empty) of the columns col[] and add its
 * indicator to set. */
static int add_row(struct tl_iocset *set, const struct pack *c,
                   const int col[COL_COUNT], int ncols, char **f, int nf,
                   struct ftl_err *err)
{
    static char empty[] = "";
    char *cell[COL_COUNT], *type;
    int j, k, rc;

    if (nf > ncols)
        return ftl_err_set(err, FTL_EPARSE, "%s:%lld: %d fields, but the "
                           "header has %d", c->name, (long long)c->line, nf,
                           ncols);
    /* Short rows: missing cells are empty. */
    for (j = 0; j < COL_COUNT; j++)
        cell[j] = col[j] >= 0 && col[j] < nf ? f[col[j]] : empty;
    type = normalise_word(cell[COL_TYPE]);
    if ((k = ioc_kind_by_name(type)) < 0) {
        if (*type)
            return ftl_err_set(err, FTL_EPARSE, "%s:%lld: unknown indicator "
                               "type '%s'", c->name, (long long)c->line,
                               type);
        return ftl_err_set(err, FTL_EPARSE, "%s:%lld: no indicator type",
                           c->name, (long long)c->line);
    }
    if (!cell[COL_VALUE][0] || strlen(cell[COL_VALUE]) > VALUE_MAX) {
        if (cell[COL_VALUE][0])
            return ftl_err_set(err, FTL_EPARSE, "%s:%lld: %s value is "
                               "longer than %d bytes", c->name,
                               (long long)c->line, ioc_kinds[k].name,
                               VALUE_MAX);
        return ftl_err_set(err, FTL_EPARSE, "%s:%lld: %s value is empty",
                           c->name, (long long)c->line, ioc_kinds[k].name);
    }
    if ((rc = check_value(c, k, cell[COL_VALUE], err)))
        return rc;
    return add_entry(set, c, k, cell[COL_VALUE], cell[COL_FAMILY],
                     cell[COL_NOTE], cell[COL_SOURCE], err);
}

/*
 * Parse the pack text[0..len) into a new set.  'name' is what messages
 * call the pack ("default pack" or the path given).  The first bad row
 * fails the whole load: a pack half loaded would search for less than
 * the examiner believes.
 */
int ioc_parse_pack(struct tl_iocset **out, const char *name,
                   const char *text, size_t len, struct ftl_err *err)
{
    const struct ftl_csv_opts o = {
        .delim = ',',
        .flags = FTL_CSV_STRICT | FTL_CSV_RFC_EOL,
        .name = name,
        .fields_max = FIELDS_MAX,
    };
    struct tl_iocset *set;
    struct pack c = { name, NULL, 0 };
    char **f;
    int col[COL_COUNT], ncols = 0, nf = 0, rc;

    *out = NULL;
    if (!(set = calloc(1, sizeof(*set))))
        return ftl_err_set(err, FTL_ENOMEM, "out of memory");
    if ((rc = ftl_csv_open_mem(&c.csv, &o, text, len, err)) ||
        (rc = read_header(&c, col, &ncols, err)))
        goto fail;
    while ((rc = ftl_csv_next(c.csv, &f, &nf, &c.line, err)) == FTL_OK)
        if (!all_empty(f, nf) &&
            (rc = add_row(set, &c, col, ncols, f, nf, err)))
            goto fail;
    if (rc < 0)
        goto fail;
    ftl_csv_close(c.csv);
    *out = set;
    return FTL_OK;
fail:
    ftl_csv_close(c.csv);
    tl_iocs_free(set);
    return rc;
}

/* Read a whole pack file, at most PACK_MAX bytes, into b. */
static int read_pack(const char *path, struct ftl_buf *b,
                     struct ftl_err *err)
{
    char block[64 * 1024];
    struct stat sb;
    size_t got;
    FILE *fp;
    int rc = FTL_OK;

    if (!(fp = fopen(path, "rb")))
        return ftl_err_set(err, FTL_EIO, "cannot open indicator pack "
                           "'%s': %s", path, strerror(errno));
    /* A regular file says its size: refuse a large one before reading
     * it.  Then read to the end within the cap, so that a pipe or a file
     * that grows is bounded too. */
    if (fstat(fileno(fp), &sb) == 0 && S_ISREG(sb.st_mode) &&
        sb.st_size > (off_t)PACK_MAX)
        rc = FTL_DONE;
    while (rc == FTL_OK && (got = fread(block, 1, sizeof(block), fp)) > 0)
        rc = ftl_buf_add(b, block, got);
    if (rc == FTL_DONE)
        rc = ftl_err_set(err, FTL_EPARSE, "indicator pack '%s' is larger "
                         "than %u MiB", path, PACK_MAX >> 20);
    else if (rc)
        rc = ftl_err_set(err, FTL_ENOMEM, "out of memory");
    /* fopen() accepts a directory; reading it fails here (EISDIR). */
    else if (ferror(fp))
        rc = ftl_err_set(err, FTL_EIO, "cannot read indicator pack '%s': "
                         "%s", path, strerror(errno));
    fclose(fp);
    return rc;
}

int tl_iocs_load_file(struct tl_iocset **out, const char *path,
                      struct ftl_err *err)
{
    struct ftl_buf b;
    int rc;

    *out = NULL;
    ftl_buf_init(&b, PACK_MAX);
    if ((rc = read_pack(path, &b, err)) == FTL_OK)
        rc = ioc_parse_pack(out, path, ftl_buf_str(&b), b.len, err);
    ftl_buf_release(&b);
    return rc;
}

/* The shipped pack goes through the same parser as a file, so it obeys
 * the same rules; a bad row in it fails here, and in the test suite. */
int tl_iocs_load_default(struct tl_iocset **out, struct ftl_err *err)
{
    return ioc_parse_pack(out, "default pack", ftl_iocs_default_csv,
                      strlen(ftl_iocs_default_csv), err);
}

/* One row of the case's 'iocs' table into the set being loaded. */
struct case_load {
    struct tl_iocset *set;
    struct pack c;
    struct ftl_err *err;
    int rc;
};

static int case_row(void *stmt, void *payload)
{
    struct case_load *l = payload;
    char *cell[5];             /* type, value, family, note, source */
    size_t n = l->set->n;
    int i, k;

    for (i = 0; i < 5; i++)
        cell[i] = strdup(tl_col_text(stmt, i) ? tl_col_text(stmt, i) : "");
    l->c.line = tl_col_int(stmt, 5);
    if (!cell[0] || !cell[1] || !cell[2] || !cell[3] || !cell[4])
        l->rc = ftl_err_set(l->err, FTL_ENOMEM, "out of memory");
    else if ((k = ioc_kind_by_name(normalise_word(cell[0]))) < 0)
        l->rc = ftl_err_set(l->err, FTL_EPARSE, "%s:%lld: unknown "
                            "indicator type '%s'", l->c.name,
                            (long long)l->c.line, cell[0]);
    else if (!(l->rc = check_value(&l->c, k, cell[1], l->err)))
        l->rc = add_entry(l->set, &l->c, k, cell[1], cell[2], cell[3],
                          cell[4], l->err);
    /* a repeated (type, value) adds no entry and keeps the first id */
    if (!l->rc && l->set->n > n)
        l->set->v[n].ioc.id = tl_col_int(stmt, 5);
    for (i = 0; i < 5; i++)
        free(cell[i]);
    return l->rc;
}

int tl_iocs_load_case(struct tl_iocset **out, struct tl_store *st,
                      const char *family, struct ftl_err *err)
{
    static const char sql[] =
        "SELECT type, value, family, note, source, id FROM iocs"
        " WHERE ?1 IS NULL OR family = ?1 ORDER BY id";
    struct case_load l;
    int rc;

    *out = NULL;
    memset(&l, 0, sizeof(l));
    /* Messages name the row: "case iocs:12" is row 12 of the table. */
    l.c.name = "case iocs";
    l.err = err;
    if (!(l.set = calloc(1, sizeof(*l.set))))
        return ftl_err_set(err, FTL_ENOMEM, "out of memory");
    rc = tl_store_select(st, sql, "t", case_row, &l, err, family);
    if (rc || l.rc) {
        tl_iocs_free(l.set);
        return rc ? rc : l.rc;
    }
    *out = l.set;
    return FTL_OK;
}


void tl_iocs_free(struct tl_iocset *set)
{
    size_t i;
    int k;

    if (!set)
        return;
    for (i = 0; i < set->n; i++) {
        free(set->v[i].text);
        if (set->v[i].re) {
            regfree(set->v[i].re);
            free(set->v[i].re);
        }
    }
    for (k = 0; k < K_COUNT; k++)
        free(set->scan[k].v);
    free(set->tab);
    free(set->v);
    free(set);
}

/* Indicators in the set, repeated rows counted once, notes included. */
size_t tl_iocs_count(const struct tl_iocset *set)
{
    return set ? set->n : 0;
}
