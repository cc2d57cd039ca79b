/*
 * timeline/iocs.c - indicators of compromise: load a pack, match, record
 *
 * A pack is a CSV file (RFC 4180) whose header names at least the columns
 * type and value; family, note and source travel with each indicator into
 * the case and into every hit, so that a hit reads on its own.  ftl ships
 * one pack, data/iocs/default.csv, compiled in by data/iocs_default.S.
 *
 * Matching is on the hot path: it runs for every file of a disk image and
 * for fields of every log line.  So everything is decided at load time.
 * Exact values (hashes, file names, paths, addresses, domains) go into one
 * hash table keyed on (kind, value); case-insensitive kinds are stored in
 * lower case and queries are folded while hashing, without a copy.  Keys
 * are hashed from their last byte to their first, so one pass over a path
 * or a host name yields the hash of every suffix that starts at a '/' or
 * after a '.': "ends with" costs one probe per component.  The few
 * indicators that need a scan (directories, regular expressions, name
 * fragments) sit in short lists, one per kind, and regular expressions are
 * compiled once.
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
#include "timeline/store_int.h"

/* The caps (base/limits.h): a pack is hand-made data, not evidence, and
 * anything larger is a mistake (a disk image given as a pack), refused
 * rather than read into memory. */
#define PACK_MAX FTL_LIMIT_IOC_PACK
#define VALUE_MAX FTL_LIMIT_IOC_VALUE
#define FIELDS_MAX FTL_LIMIT_IOC_FIELDS
#define SHOW_MAX FTL_LIMIT_IOC_SHOW

/* The default pack, from data/iocs_default.S. */
extern const char ftl_iocs_default_csv[];

/*
 * Indicator kinds: the 'type' column.  kinds[] below is the one place
 * that knows their names, how they compare and whether they are probed in
 * the hash table or scanned; tl_iocs_match() says which kinds each target
 * is compared with.  K_DIR is not a type of its own: a 'path' whose value
 * ends in '/' is a directory and is matched differently (see match_dirs),
 * so it gets its own kind inside the set and keeps "path" as its type.
 */
enum kind {
    K_PATH, K_FILENAME, K_MD5, K_SHA256, K_PATH_REGEX, K_IP, K_DOMAIN,
    K_EMAIL, K_SUBJECT_REGEX, K_NAME_REGEX, K_NAME_SUBSTRING, K_NOTE,
    K_DIR,                     /* a path ending in '/': a directory */
    K_COUNT
};

#define KF_FOLD 1u             /* case-insensitive: stored in lower case */
#define KF_REGEX 2u            /* value is a POSIX ERE */
#define KF_ICASE 4u            /* ... compiled with REG_ICASE */
#define KF_SCAN 8u             /* matched by a list scan, not the table */

static const struct kind_info {
    const char *name;          /* as written in the pack */
    const char *words;         /* as written in a hit's description */
    unsigned flags;            /* KF_* */
} kinds[K_COUNT] = {
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
    /* written "path" too; kind_by_name() finds K_PATH first */
    [K_DIR] = { "path", "path", KF_SCAN },
};

/* One indicator.  The hit callback gets &entry->ioc, and tl_iocs_store()
 * writes the row id into it, so entries never move once loading is done.
 * While loading they may (realloc), hence a regex_t of its own on the
 * heap: the C library does not promise that a compiled regex_t survives
 * being copied. */
struct entry {
    struct tl_ioc ioc;         /* public view; strings point into 'text' */
    char *text;                /* value, family, note, source: one block */
    int kind;                  /* enum kind */
    size_t len;                /* strlen(ioc.value) */
    regex_t *re;               /* compiled pattern for KF_REGEX kinds */
};

/* A slot of the open-addressing table.  The full hash is kept so that a
 * probe compares strings only when 64 bits already agree. */
struct slot {
    uint64_t hash;             /* key_hash() of the entry */
    uint32_t idx;              /* entry index + 1; 0 marks an empty slot */
};

struct list {
    uint32_t *v;               /* entry indices */
    size_t n, cap;
};

struct tl_iocset {
    struct entry *v;           /* indicators in pack order, deduplicated */
    size_t n, cap;
    struct slot *tab;          /* open addressing over every entry */
    size_t tabcap;             /* 0 or a power of two */
    struct list scan[K_COUNT]; /* entries matched by scanning, by kind */
};

/* ------------------------------------------------------------------ */
/* Hash table                                                          */
/* ------------------------------------------------------------------ */

/*
 * One table holds every indicator, keyed on (kind, value): it finds the
 * exact kinds when matching and finds repeated rows when loading.  Linear
 * probing, load factor at most 1/2, so a miss (the common case: most
 * files are not malware) ends at an empty slot after one or two probes.
 * The hash is 64-bit FNV-1a, then mixed; values are short and few, and no
 * attacker chooses the pack, so a keyed hash would buy nothing.
 */
#define FNV_OFFSET 0xcbf29ce484222325ULL
#define FNV_PRIME 0x100000001b3ULL

/* ASCII lower case.  tolower() would follow the locale, and a hash that
 * changes with LC_CTYPE would miss indicators. */
static unsigned char fold(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c + ('a' - 'A')) : c;
}

static uint64_t hash_step(uint64_t h, unsigned char c)
{
    return (h ^ c) * FNV_PRIME;
}

/* Mix the kind in and spread the bits (MurmurHash3's finaliser), so that
 * the low bits used for the slot are good even for short keys. */
static uint64_t hash_finish(uint64_t h, int kind)
{
    h ^= (uint64_t)(kind + 1) * 0x9e3779b97f4a7c15ULL;
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return h;
}

/* Hash s[0..n) from its last byte to its first (see the file comment). */
static uint64_t key_hash(int kind, const char *s, size_t n)
{
    int f = kinds[kind].flags & KF_FOLD;
    uint64_t h = FNV_OFFSET;

    while (n--)
        h = hash_step(h, f ? fold((unsigned char)s[n])
                           : (unsigned char)s[n]);
    return hash_finish(h, kind);
}

/* Does entry e hold the key s[0..n) (s need not be NUL-terminated)? */
static int key_equal(const struct entry *e, const char *s, size_t n)
{
    size_t i;

    if (e->len != n)
        return 0;
    if (!(kinds[e->kind].flags & KF_FOLD))
        return memcmp(e->ioc.value, s, n) == 0;
    /* stored values are already lower case */
    for (i = 0; i < n; i++)
        if ((unsigned char)e->ioc.value[i] != fold((unsigned char)s[i]))
            return 0;
    return 1;
}

/* The entry of 'kind' whose value is s[0..n), h being its key_hash() (or
 * the same hash built another way, as match_suffixes does), or NULL. */
static const struct entry *table_find(const struct tl_iocset *set,
                                      int kind, uint64_t h, const char *s,
                                      size_t n)
{
    size_t mask, i;

    if (!set->tabcap)
        return NULL;
    mask = set->tabcap - 1;
    for (i = h & mask; set->tab[i].idx; i = (i + 1) & mask) {
        const struct entry *e = &set->v[set->tab[i].idx - 1];

        if (set->tab[i].hash == h && e->kind == kind && key_equal(e, s, n))
            return e;
    }
    return NULL;
}

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
        *e = (char)fold((unsigned char)*e);
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

/* The kind of a type name (already lower case), or -1. */
static int kind_by_name(const char *name)
{
    int k;

    for (k = 0; k < K_COUNT; k++)
        if (strcmp(kinds[k].name, name) == 0)
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

/* ASCII case-insensitive equality, whatever the locale. */
static int eq_fold(const char *a, const char *b)
{
    while (*a && fold((unsigned char)*a) == fold((unsigned char)*b)) {
        a++;
        b++;
    }
    return fold((unsigned char)*a) == fold((unsigned char)*b);
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

    if (kinds[k].flags & KF_FOLD)
        for (i = 0; i < n; i++)
            v[i] = (char)fold((unsigned char)v[i]);
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
                           (long long)c->line, kinds[k].name, v, why);
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
    uint64_t h = key_hash(k, v, n);
    regex_t *re = NULL;
    int rc;

    if (k == K_PATH && v[n - 1] == '/') {
        k = K_DIR;
        h = key_hash(k, v, n);
    }
    if (table_find(set, k, h, v, n))
        return FTL_OK;
    /* Compile once here; a pattern regcomp() refuses fails the load with
     * the line, rather than never matching. */
    if (kinds[k].flags & KF_REGEX) {
        char msg[160];
        int cflags = REG_EXTENDED | REG_NOSUB;

        if (kinds[k].flags & KF_ICASE)
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
        ((kinds[k].flags & KF_SCAN) &&
         list_add(&set->scan[k], (uint32_t)set->n))) {
        free(e->text);
        goto nomem;
    }
    set->n++;
    e->ioc.type = kinds[k].name;
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
    if ((k = kind_by_name(type)) < 0) {
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
                               (long long)c->line, kinds[k].name,
                               VALUE_MAX);
        return ftl_err_set(err, FTL_EPARSE, "%s:%lld: %s value is empty",
                           c->name, (long long)c->line, kinds[k].name);
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
static int parse_pack(struct tl_iocset **out, const char *name,
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
        rc = parse_pack(out, path, ftl_buf_str(&b), b.len, err);
    ftl_buf_release(&b);
    return rc;
}

/* The shipped pack goes through the same parser as a file, so it obeys
 * the same rules; a bad row in it fails here, and in the test suite. */
int tl_iocs_load_default(struct tl_iocset **out, struct ftl_err *err)
{
    return parse_pack(out, "default pack", ftl_iocs_default_csv,
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
    else if ((k = kind_by_name(normalise_word(cell[0]))) < 0)
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

/* ------------------------------------------------------------------ */
/* Matching                                                            */
/* ------------------------------------------------------------------ */

/*
 * Matching.  Every matcher below reports into a sink; no matcher copies
 * or allocates, so a value that matches nothing costs its hash probes,
 * one regexec() per pattern and one strstr() per fragment of the kinds
 * its target is compared with.  Each indicator is reported at most once
 * per call: the kinds compared with one target never overlap.
 */
struct sink {
    tl_ioc_hit_fn hit;         /* may be NULL: only count */
    void *payload;
    int count;
};

static void report(struct sink *k, const struct entry *e)
{
    if (k->hit)
        k->hit(&e->ioc, k->payload);
    k->count++;
}

/* Equality (folded for KF_FOLD kinds): hashes, file names, IPs, ... */
static void match_exact(const struct tl_iocset *set, int kind,
                        const char *s, size_t n, struct sink *k)
{
    const struct entry *e = table_find(set, kind, key_hash(kind, s, n), s,
                                       n);

    if (e)
        report(k, e);
}

/*
 * Probe every suffix of s[0..n) that starts on a boundary: the whole
 * string and, with sep '/', every suffix that starts with a '/' (path
 * "ends with"), or with sep '.', every suffix right after a '.' (a
 * subdomain).  The hash is built from the end, one byte per step.
 */
static void match_suffixes(const struct tl_iocset *set, int kind,
                           const char *s, size_t n, char sep,
                           struct sink *k)
{
    int f = kinds[kind].flags & KF_FOLD;
    uint64_t h = FNV_OFFSET;
    const struct entry *e;
    size_t i = n;

    while (i-- > 0) {
        h = hash_step(h, f ? fold((unsigned char)s[i])
                           : (unsigned char)s[i]);
        /* h now covers s[i..n) */
        if (i == 0 || (sep == '/' ? s[i] == '/' : s[i - 1] == sep)) {
            e = table_find(set, kind, hash_finish(h, kind), s + i, n - i);
            if (e)
                report(k, e);
        }
    }
}

/* Every pattern of 'kind' (path, name or subject) against the whole of s;
 * a pattern is anchored only where its author anchored it. */
static void match_regexes(const struct tl_iocset *set, int kind,
                          const char *s, struct sink *k)
{
    const struct list *l = &set->scan[kind];
    size_t i;

    for (i = 0; i < l->n; i++)
        if (regexec(set->v[l->v[i]].re, s, 0, NULL, 0) == 0)
            report(k, &set->v[l->v[i]]);
}

/* name_substring: the value anywhere in s, case-sensitive, as the YARA
 * strings the default pack's fragments come from. */
static void match_fragments(const struct tl_iocset *set, const char *s,
                            struct sink *k)
{
    const struct list *l = &set->scan[K_NAME_SUBSTRING];
    size_t i;

    for (i = 0; i < l->n; i++)
        if (strstr(s, set->v[l->v[i]].ioc.value))
            report(k, &set->v[l->v[i]]);
}

/* A name: a file or attachment name, an archive member, the last part
 * of a path.  Case-sensitive equality, because the appliance is Linux and
 * "AACORE.SH" is another file. */
static void match_name(const struct tl_iocset *set, const char *s,
                       struct sink *k)
{
    match_exact(set, K_FILENAME, s, strlen(s), k);
    match_regexes(set, K_NAME_REGEX, s, k);
    match_fragments(set, s, k);
}

/* Directory indicators ("/usr/share/.uc/"): a path inside one, anywhere
 * in the path, or the directory itself (the path ends with the value
 * less its '/').  The value starts with '/', so both sides of the match
 * fall on component boundaries. */
static void match_dirs(const struct tl_iocset *set, const char *s,
                       size_t n, struct sink *k)
{
    const struct list *l = &set->scan[K_DIR];
    size_t i;

    for (i = 0; i < l->n; i++) {
        const struct entry *e = &set->v[l->v[i]];
        size_t dl = e->len - 1;

        if (strstr(s, e->ioc.value) ||
            (n >= dl && memcmp(s + n - dl, e->ioc.value, dl) == 0))
            report(k, e);
    }
}

/* A host name equals a domain indicator or is below it: "dl.temp.sh"
 * matches "temp.sh", "attemp.sh" does not. */
static void match_domain(const struct tl_iocset *set, const char *s,
                         size_t n, struct sink *k)
{
    /* "host.example.com." is the same name as "host.example.com" */
    if (n > 1 && s[n - 1] == '.')
        n--;
    match_suffixes(set, K_DOMAIN, s, n, '.', k);
}

/* Which kinds each target is compared with; see data/iocs/README.md for
 * the same table in words. */
int tl_iocs_match(const struct tl_iocset *set, int target,
                  const char *value, tl_ioc_hit_fn hit, void *payload)
{
    struct sink k = { hit, payload, 0 };
    const char *p;
    size_t n;

    if (!set || !value || !*value)
        return 0;
    n = strlen(value);
    switch (target) {
    case TL_T_PATH:
        match_suffixes(set, K_PATH, value, n, '/', &k);
        match_dirs(set, value, n, &k);
        match_regexes(set, K_PATH_REGEX, value, &k);
        /* and the last component as a name; "/a/dir/" has none */
        p = strrchr(value, '/');
        p = p ? p + 1 : value;
        if (*p)
            match_name(set, p, &k);
        break;
    case TL_T_NAME:
        match_name(set, value, &k);
        break;
    case TL_T_MD5:
        match_exact(set, K_MD5, value, n, &k);
        break;
    case TL_T_SHA256:
        match_exact(set, K_SHA256, value, n, &k);
        break;
    case TL_T_IP:
        match_exact(set, K_IP, value, n, &k);
        break;
    case TL_T_DOMAIN:
        match_domain(set, value, n, &k);
        break;
    case TL_T_EMAIL:
        /* the address, then the part after its last '@' as a host */
        match_exact(set, K_EMAIL, value, n, &k);
        if ((p = strrchr(value, '@')) && p[1])
            match_domain(set, p + 1, strlen(p + 1), &k);
        break;
    case TL_T_SUBJECT:
        /* a subject can carry the same shell text as a name */
        match_regexes(set, K_SUBJECT_REGEX, value, &k);
        match_fragments(set, value, &k);
        break;
    default:
        break;
    }
    return k.count;
}

/*
 * The CVE-2023-2868 exploit named .tar members like
 * "'`abcdefg=...;ee=ba;G=s;_ech_o $abcdefg_${ee}se64${G}-d-d|${G}h;...`'":
 * the appliance passed member names to a shell (Perl qx{}), so a name
 * with shell syntax is worth a look whatever its exact text.  Only the
 * characters that start or chain a command count; '$' alone (as in
 * "$HOME.txt") and brackets are common in honest names.  The first
 * offending character decides the reason given.
 */
int tl_name_is_suspicious(const char *name, const char **why)
{
    const char *r = NULL;
    const unsigned char *p;

    for (p = (const unsigned char *)name; p && *p && !r; p++) {
        if (*p == '`')
            r = "contains a backtick (shell command substitution)";
        else if (*p == '$' && p[1] == '(')
            r = "contains \"$(\" (shell command substitution)";
        else if (*p == ';')
            r = "contains ';' (shell command separator)";
        else if (*p == '|')
            r = "contains '|' (shell pipe)";
        else if (*p == '&')
            r = "contains '&' (shell control operator)";
        else if (*p < 0x20 || *p == 0x7f)
            r = "contains a control character";
    }
    if (why)
        *why = r;
    return r != NULL;
}

/* ------------------------------------------------------------------ */
/* The case                                                            */
/* ------------------------------------------------------------------ */

/*
 * Write the set into 'iocs' and learn each row id.  A case may be analysed
 * again, with the same or another pack: INSERT OR IGNORE keeps the row
 * that is there (and the ids that hits already point to), and the id is
 * then read back.  One transaction for the whole pack, unless the caller
 * has one open (an evidence savepoint): then the rows are part of it and
 * go or stay with it.
 */
int tl_iocs_store(struct tl_store *st, struct tl_iocset *set,
                  struct ftl_err *err)
{
    static const char ins[] =
        "INSERT OR IGNORE INTO iocs(type, value, family, note, source)"
        " VALUES(?, ?, ?, ?, ?)";
    static const char sel[] =
        "SELECT id FROM iocs WHERE type = ? AND value = ?";
    int own = sqlite3_get_autocommit(st->db);
    sqlite3_stmt *s;
    size_t i;
    int rc = FTL_OK;

    if (own && (rc = tl_store_exec(st, "BEGIN", err)))
        return rc;
    for (i = 0; set && i < set->n; i++) {
        struct tl_ioc *ioc = &set->v[i].ioc;

        if (!(s = tl_store_stmt(st, ins, err))) {
            rc = FTL_EDB;
            goto fail;
        }
        tl_bind_text(s, 1, ioc->type);
        tl_bind_text(s, 2, ioc->value);
        tl_bind_text(s, 3, ioc->family);
        tl_bind_text(s, 4, ioc->note);
        tl_bind_text(s, 5, ioc->source);
        if (sqlite3_step(s) != SQLITE_DONE) {
            rc = tl_store_dberr(st, err, "indicator");
            goto fail;
        }
        /* changes() is 0 when the row was ignored as a duplicate */
        if (sqlite3_changes(st->db) == 1) {
            ioc->id = sqlite3_last_insert_rowid(st->db);
            continue;
        }
        /* Already in the case (an earlier run): the first row stays. */
        if (!(s = tl_store_stmt(st, sel, err))) {
            rc = FTL_EDB;
            goto fail;
        }
        tl_bind_text(s, 1, ioc->type);
        tl_bind_text(s, 2, ioc->value);
        if (sqlite3_step(s) != SQLITE_ROW) {
            rc = tl_store_dberr(st, err, "indicator lookup");
            goto fail;
        }
        ioc->id = sqlite3_column_int64(s, 0);
        sqlite3_reset(s);
    }
    if (own)
        rc = tl_store_exec(st, "COMMIT", err);
    if (rc == FTL_OK)
        return FTL_OK;
fail:
    if (own)
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
    return rc;
}

/*
 * Descriptions.  Each hit row carries a sentence that a lawyer or a data
 * protection officer can read without the rest of the case: what was
 * found, where, which indicator it matched and how, and who says that
 * indicator is bad (family, note with any confidence caveat, source).
 * Values come from evidence, so they are quoted with control characters
 * made visible, and cut when long; the full value has its own column.
 *
 * A sentence is written into a fixed buffer; text past the end is
 * dropped, and the buffer always stays NUL-terminated.
 */
struct text {
    char buf[2048];
    size_t n;
};

static void put(struct text *t, const char *s)
{
    size_t room = sizeof(t->buf) - 1 - t->n, len = strlen(s);

    if (len > room)
        len = room;
    memcpy(t->buf + t->n, s, len);
    t->n += len;
    t->buf[t->n] = '\0';
}

/* Quote an evidence string: control characters are shown escaped (a name
 * may hold a newline), and long strings are cut on a UTF-8 boundary. */
static void put_quoted(struct text *t, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t len = strlen(s), cut = len > SHOW_MAX ? SHOW_MAX : len, i;
    char esc[8];

    /* back to the start of a UTF-8 sequence, so the cut stays valid */
    while (cut < len && cut > 0 && (p[cut] & 0xc0) == 0x80)
        cut--;
    put(t, "'");
    for (i = 0; i < cut; i++) {
        if (p[i] < 0x20 || p[i] == 0x7f) {
            if (p[i] == '\n')
                put(t, "\\n");
            else if (p[i] == '\r')
                put(t, "\\r");
            else if (p[i] == '\t')
                put(t, "\\t");
            else {
                snprintf(esc, sizeof(esc), "\\x%02x", p[i]);
                put(t, esc);
            }
        } else {
            esc[0] = (char)p[i];
            esc[1] = '\0';
            put(t, esc);
        }
    }
    put(t, cut < len ? "...'" : "'");
}

/* How the value relates to the indicator it matched, in words.  The
 * matchers do not say which way a value matched, but the value and the
 * indicator show it: equal, a suffix, inside a directory, ... */
static const char *relation(int kind, const char *value, const char *ioc)
{
    switch (kind) {
    case K_PATH_REGEX:
    case K_NAME_REGEX:
    case K_SUBJECT_REGEX:
        return "matches the pattern of";
    case K_NAME_SUBSTRING:
        return "contains the text of";
    case K_PATH:
        if (ioc[0] && ioc[strlen(ioc) - 1] == '/')
            return strstr(value, ioc) ? "is inside the directory named by"
                                      : "is the directory named by";
        return strcmp(value, ioc) == 0 ? "matches" : "ends with";
    case K_FILENAME:
        return strcmp(value, ioc) == 0 ? "matches" : "has the file name of";
    case K_DOMAIN:
        return eq_fold(value, ioc) ? "matches" : "is in the domain of";
    default:
        return "matches";
    }
}

/* The description of hit h into t:
 *   <target> '<value>' [in '<context>'] <relation> indicator <kind>
 *   '<indicator>' (<family>; <note>; source: <source>)
 * or, for a rule hit, <target> '<value>' <why> ... (rule <rule>). */
static void describe(struct text *t, const struct tl_ioc_hit *h)
{
    const struct tl_ioc *ioc = h->ioc;
    const char *sep = " (";
    int k;

    t->n = 0;
    t->buf[0] = '\0';
    put(t, h->target);
    put(t, " ");
    put_quoted(t, h->value);
    if (h->context && strcmp(h->context, h->value) != 0) {
        put(t, " in ");
        put_quoted(t, h->context);
    }
    put(t, " ");
    if (!ioc) {
        /* A rule hit says why in the caller's words; the name rule's
         * reason explains itself. */
        if (h->why && strcmp(h->rule, TL_RULE_SHELL_NAME) == 0) {
            put(t, h->why);
            put(t, ": shell syntax in a name, as in the file names that "
                   "exploited CVE-2023-2868");
        } else if (h->why) {
            put(t, h->why);
        } else {
            put(t, "was flagged");
        }
        put(t, " (rule ");
        put(t, h->rule);
        put(t, ")");
        return;
    }
    k = kind_by_name(ioc->type ? ioc->type : "");
    put(t, relation(k, h->value, ioc->value));
    /* the kind in words ("MD5 hash"), as ftl's types are jargon */
    put(t, " indicator ");
    put(t, k >= 0 ? kinds[k].words : ioc->type ? ioc->type : "");
    put(t, " ");
    put_quoted(t, ioc->value);
    if (ioc->family) {
        put(t, sep);
        put(t, ioc->family);
        sep = "; ";
    }
    if (ioc->note) {
        put(t, sep);
        put(t, ioc->note);
        sep = "; ";
    }
    if (ioc->source) {
        put(t, sep);
        put(t, "source: ");
        put(t, ioc->source);
        sep = "; ";
    }
    if (sep[0] == ';')
        put(t, ")");
}

/*
 * Record a hit and flag the item's events.  The unique key of 'ioc_hits'
 * (evidence, locator, indicator or rule, target, value) makes a repeated
 * hit, from a second analysis or a value seen twice, a no-op that
 * returns FTL_DONE.  A hit must point to a stored indicator: an id of 0
 * would store a hit that names no row of 'iocs', so it is refused.
 */
int tl_ioc_hit_add(struct tl_store *st, const struct tl_ioc_hit *h,
                   int64_t *id, struct ftl_err *err)
{
    static const char ins[] =
        "INSERT OR IGNORE INTO ioc_hits(evidence_id, ioc_id, ioc_type,"
        " ioc_value, family, ioc_source, rule, target, value, context,"
        " description, locator, file_id, msg_id, attachment_id)"
        " VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    static const char sel[] =
        "SELECT id FROM ioc_hits WHERE evidence_id = ? AND locator = ?"
        " AND ifnull(ioc_id, 0) = ? AND ifnull(rule, '') = ?"
        " AND target = ? AND value = ?";
    static const char flag[] =
        "UPDATE events SET flags = flags | ? WHERE evidence_id = ?"
        " AND locator = ?";
    const struct tl_ioc *ioc = h->ioc;
    struct text t;
    sqlite3_stmt *s;
    int rc = FTL_OK;

    if (!h->target || !h->value || !h->locator || (!ioc && !h->rule))
        return ftl_err_set(err, FTL_ERR, "indicator hit without target, "
                           "value, locator or rule");
    if (ioc && ioc->id == 0)
        return ftl_err_set(err, FTL_ERR, "indicator %s '%s' is not in the "
                           "case: call tl_iocs_store() before matching",
                           ioc->type, ioc->value);
    describe(&t, h);
    if (!(s = tl_store_stmt(st, ins, err)))
        return FTL_EDB;
    sqlite3_bind_int64(s, 1, h->evidence_id);
    if (ioc) {
        sqlite3_bind_int64(s, 2, ioc->id);
        tl_bind_text(s, 3, ioc->type);
        tl_bind_text(s, 4, ioc->value);
        tl_bind_text(s, 5, ioc->family);
        tl_bind_text(s, 6, ioc->source);
    } else {
        tl_bind_text(s, 7, h->rule);
    }
    tl_bind_text(s, 8, h->target);
    tl_bind_text(s, 9, h->value);
    tl_bind_text(s, 10, h->context);
    tl_bind_text(s, 11, t.buf);
    tl_bind_text(s, 12, h->locator);
    tl_bind_int_or_null(s, 13, h->file_id, 0);
    tl_bind_int_or_null(s, 14, h->msg_id, 0);
    tl_bind_int_or_null(s, 15, h->attachment_id, 0);
    if (sqlite3_step(s) != SQLITE_DONE)
        return tl_store_dberr(st, err, "indicator hit");
    if (sqlite3_changes(st->db) == 1) {
        if (id)
            *id = sqlite3_last_insert_rowid(st->db);
    } else {
        /* Already recorded: find its id by the same key as the index. */
        rc = FTL_DONE;
        if (id) {
            if (!(s = tl_store_stmt(st, sel, err)))
                return FTL_EDB;
            sqlite3_bind_int64(s, 1, h->evidence_id);
            tl_bind_text(s, 2, h->locator);
            sqlite3_bind_int64(s, 3, ioc ? ioc->id : 0);
            tl_bind_text(s, 4, ioc ? "" : h->rule);
            tl_bind_text(s, 5, h->target);
            tl_bind_text(s, 6, h->value);
            *id = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0)
                                                : 0;
            sqlite3_reset(s);
        }
    }
    /* Flag the item's events, also on a repeated hit: events added since
     * the first one get the flag too.  Idempotent. */
    if (!(s = tl_store_stmt(st, flag, err)))
        return FTL_EDB;
    sqlite3_bind_int64(s, 1, TL_F_IOC);
    sqlite3_bind_int64(s, 2, h->evidence_id);
    tl_bind_text(s, 3, h->locator);
    if (sqlite3_step(s) != SQLITE_DONE)
        return tl_store_dberr(st, err, "flag events");
    return rc;
}
