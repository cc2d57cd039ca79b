/*
 * timeline/iocs_int.h - the indicator set, shared by the files of iocs
 *
 * A pack is a CSV file (RFC 4180) whose header names at least the columns
 * type and value; family, note and source travel with each indicator into
 * the case and into every hit, so that a hit reads on its own.  ftl ships
 * one pack, data/iocs/default.csv, compiled in by data/iocs_default.S.
 *
 *   iocs_load.c   read a pack into a set (the kinds table, checks)
 *   iocs_match.c  match one value against the set
 *   iocs_hits.c   write the set and its hits, with their sentences, into
 *                 the case
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
 * compiled once.  The probe functions are inline here because matching
 * calls them once per path component.
 *
 * Nothing outside timeline/iocs_*.c includes this.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef TIMELINE_IOCS_INT_H
#define TIMELINE_IOCS_INT_H

#include <regex.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "timeline/timeline.h"

/*
 * Indicator kinds: the 'type' column.  ioc_kinds[] (iocs_load.c) is the
 * one place that knows their names, how they compare and whether they are
 * probed in the hash table or scanned; tl_iocs_match() (iocs_match.c)
 * says which kinds each target is compared with.  K_DIR is not a type of
 * its own: a 'path' whose value ends in '/' is a directory and is matched
 * differently (see match_dirs), so it gets its own kind inside the set and
 * keeps "path" as its type.
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

/* Per kind, indexed by enum kind; the table is in iocs_load.c. */
struct ioc_kind_info {
    const char *name;          /* as written in the pack */
    const char *words;         /* as written in a hit's description */
    unsigned flags;            /* KF_* */
};
extern const struct ioc_kind_info ioc_kinds[K_COUNT];

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
    uint64_t hash;             /* ioc_key_hash() of the entry */
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
static inline unsigned char ioc_fold(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c + ('a' - 'A')) : c;
}

static inline uint64_t ioc_hash_step(uint64_t h, unsigned char c)
{
    return (h ^ c) * FNV_PRIME;
}

/* Mix the kind in and spread the bits (MurmurHash3's finaliser), so that
 * the low bits used for the slot are good even for short keys. */
static inline uint64_t ioc_hash_finish(uint64_t h, int kind)
{
    h ^= (uint64_t)(kind + 1) * 0x9e3779b97f4a7c15ULL;
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return h;
}

/* Hash s[0..n) from its last byte to its first (see the top of this
 * file). */
static inline uint64_t ioc_key_hash(int kind, const char *s, size_t n)
{
    int f = ioc_kinds[kind].flags & KF_FOLD;
    uint64_t h = FNV_OFFSET;

    while (n--)
        h = ioc_hash_step(h, f ? ioc_fold((unsigned char)s[n])
                               : (unsigned char)s[n]);
    return ioc_hash_finish(h, kind);
}

/* Does entry e hold the key s[0..n) (s need not be NUL-terminated)? */
static inline int ioc_key_equal(const struct entry *e, const char *s,
                                size_t n)
{
    size_t i;

    if (e->len != n)
        return 0;
    if (!(ioc_kinds[e->kind].flags & KF_FOLD))
        return memcmp(e->ioc.value, s, n) == 0;
    /* stored values are already lower case */
    for (i = 0; i < n; i++)
        if ((unsigned char)e->ioc.value[i] != ioc_fold((unsigned char)s[i]))
            return 0;
    return 1;
}

/* The entry of 'kind' whose value is s[0..n), h being its ioc_key_hash()
 * (or the same hash built another way, as match_suffixes does), or NULL. */
static inline const struct entry *ioc_table_find(const struct tl_iocset *set,
                                                 int kind, uint64_t h,
                                                 const char *s, size_t n)
{
    size_t mask, i;

    if (!set->tabcap)
        return NULL;
    mask = set->tabcap - 1;
    for (i = h & mask; set->tab[i].idx; i = (i + 1) & mask) {
        const struct entry *e = &set->v[set->tab[i].idx - 1];

        if (set->tab[i].hash == h && e->kind == kind &&
            ioc_key_equal(e, s, n))
            return e;
    }
    return NULL;
}

/* The kind of a type name (already lower case), or -1. */
int ioc_kind_by_name(const char *name);

/* ASCII case-insensitive equality, whatever the locale. */
int ioc_eq_fold(const char *a, const char *b);

/* Parse the pack text[0..len) ('name' as messages call it) into a new
 * set, as tl_iocs_load_file() and tl_iocs_load_default() do; the fuzz
 * harness calls it on bytes in memory. */
int ioc_parse_pack(struct tl_iocset **out, const char *name,
                   const char *text, size_t len, struct ftl_err *err);

#endif
