/*
 * timeline/iocs_match.c - one value against the indicator set
 *
 * tl_iocs_match() says which kinds each target is compared with; the
 * exact kinds are probed in the set's hash table, the others scanned in
 * their short lists (timeline/iocs_int.h).  Also the shell-syntax rule
 * for names, which needs no pack.
 *
 * SPDX-License-Identifier: MIT
 */
#include <regex.h>
#include <stdint.h>
#include <string.h>

#include "timeline/iocs_int.h"

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
    const struct entry *e = ioc_table_find(set, kind,
                                           ioc_key_hash(kind, s, n), s, n);

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
    int f = ioc_kinds[kind].flags & KF_FOLD;
    uint64_t h = FNV_OFFSET;
    const struct entry *e;
    size_t i = n;

    while (i-- > 0) {
        h = ioc_hash_step(h, f ? ioc_fold((unsigned char)s[i])
                               : (unsigned char)s[i]);
        /* h now covers s[i..n) */
        if (i == 0 || (sep == '/' ? s[i] == '/' : s[i - 1] == sep)) {
            e = ioc_table_find(set, kind, ioc_hash_finish(h, kind), s + i,
                               n - i);
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
