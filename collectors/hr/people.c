/*
 * collectors/hr/people.c - the persons of a case and their name variants
 *
 * Names in HR documents are written in many ways: "Élodie Lefèvre",
 * "LEFEVRE Elodie", "lefevre_elodie_cv.pdf", "E. Lefèvre", and a
 * surname's particle joined or left out ("jan.vanderberg", "Jan Berg",
 * "Berg, Jan van der" for Jan van der Berg).  A person of
 * the register becomes a set of aliases (employee number, e-mail
 * addresses, name variants with and without accents), each folded
 * (base/fold.h) and put in one matcher (base/match.h), so that scanning
 * a document costs one lookup per word whatever the size of the
 * register.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "collectors/hr/hr_int.h"

/* ---- aliases -------------------------------------------------------- */

static const struct { const char *kind; int strength; } kinds[] = {
    { "employee_no", 3 }, { "email", 3 },
    { "name", 2 }, { "formatted", 2 }, { "reversed", 2 },
    { "initials", 2 }, { "unaccented", 2 }, { "joined", 2 },
    { "no_particle", 2 },
    { "surname", 1 },
};

int hr_alias_strength(const char *kind)
{
    size_t i;

    for (i = 0; kind && i < sizeof(kinds) / sizeof(kinds[0]); i++)
        if (strcmp(kinds[i].kind, kind) == 0)
            return kinds[i].strength;
    return 0;
}

const char *hr_strength_name(int strength)
{
    return strength >= 3 ? "id" : strength == 2 ? "name" : "surname";
}

/* State of one hr_aliases_make() call: the folded forms given so far. */
struct mk {
    hr_alias_fn fn;
    void *payload;
    char *seen[64];
    int nseen;
    int rc;
};

/* Give one alias unless its folded form was given already (the
 * "unaccented" kind is given whenever its text differs, since showing it
 * is its purpose).  Returns 1 when the alias was new. */
static int give(struct mk *k, const char *alias, const char *kind,
                size_t minlen)
{
    char *norm;
    int i, dup = 0;

    if (k->rc || !alias || !*alias)
        return 0;
    if (!(norm = ftl_fold(alias))) {
        k->rc = FTL_ENOMEM;
        return 0;
    }
    if (strlen(norm) < minlen) {
        free(norm);
        return 0;
    }
    for (i = 0; i < k->nseen; i++)
        if (strcmp(k->seen[i], norm) == 0)
            dup = 1;
    if (!dup || strcmp(kind, "unaccented") == 0)
        k->rc = k->fn(alias, kind, norm, k->payload);
    if (!dup && k->nseen < 64)
        k->seen[k->nseen++] = norm;
    else
        free(norm);
    return !dup;
}

/* Initials of a given name: "Jean-Pierre" -> "J.-P.", "Anne Marie" ->
 * "A. M.", and only the first one in *first ("J."). */
static void initials(const char *given, char *all, size_t allsz,
                     char *first, size_t firstsz)
{
    const unsigned char *p = (const unsigned char *)given;
    size_t n = strlen(given), i = 0, o = 0;
    int start = 1, k;
    uint32_t cp;

    all[0] = first[0] = '\0';
    while (i < n && o + 12 < allsz) {
        k = ftl_utf8_decode(p + i, n - i, &cp);
        if (k <= 0) {
            i++;
            continue;
        }
        if (start && g_unichar_isalpha(cp)) {
            o += (size_t)g_unichar_to_utf8(g_unichar_toupper(cp), all + o);
            all[o++] = '.';
            all[o] = '\0';
            if (!first[0])
                snprintf(first, firstsz, "%s", all);
            start = 0;
        } else if (cp == '-' || cp == ' ') {
            if (cp == '-' && o && o + 1 < allsz)
                all[o++] = '-';
            else if (o && o + 1 < allsz)
                all[o++] = ' ';
            all[o] = '\0';
            start = 1;
        }
        i += (size_t)k;
    }
    while (o && (all[o - 1] == ' ' || all[o - 1] == '-'))
        all[--o] = '\0';
}

/* Give alias and, when it is new, its unaccented form. */
static void give2(struct mk *k, const char *alias, const char *kind)
{
    char *plain;

    if (!give(k, alias, kind, 1))
        return;
    if ((plain = ftl_unaccent(alias)) != NULL) {
        if (strcmp(plain, alias) != 0)
            give(k, plain, "unaccented", 1);
        free(plain);
    }
}

/* Particles that begin surnames (van der Berg, de Vries, von Braun,
 * d'Ornano, ten Brink) and that writers join to the name or leave out. */
static int particle(const char *w, size_t n)
{
    static const char *const words[] = {
        "van", "von", "de", "der", "den", "du", "la", "le", "ten", "ter",
        "zu", "di", "da", "del", "het", "vom", "zum", "zur",
    };
    size_t i;

    for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
        if (strlen(words[i]) == n && g_ascii_strncasecmp(words[i], w, n) == 0)
            return 1;
    return 0;
}

/* Split a surname into its leading particles and the rest ("van der
 * Berg" -> "van der", "Berg"; "d'Ornano" -> "d'", "Ornano").  0 when it
 * has none, or nothing after them. */
static int particles(const char *last, char *part, size_t pn, char *core,
                     size_t cn)
{
    const char *p = last;
    size_t n;

    for (;;) {
        n = strcspn(p, " ");
        if ((n >= 2 && (p[0] == 'd' || p[0] == 'D' || p[0] == 'l' ||
                        p[0] == 'L') && p[1] == '\'' && p[2] && p[2] != ' '))
            n = 2;             /* d'Ornano, l'Hermite */
        else if (!p[n] || !particle(p, n))
            break;
        p += n;
        p += strspn(p, " ");
    }
    if (p == last || !*p)
        return 0;
    snprintf(part, pn, "%.*s", (int)(p - last), last);
    g_strstrip(part);
    snprintf(core, cn, "%s", p);
    return 1;
}

/* The forms of a name with a particle: joined to the surname ("Jan
 * vanderBerg", as in e-mail addresses and file names), left out ("Jan
 * Berg"), and the reversed order of sorted lists ("Berg, Jan van der");
 * the joined surname is a surname alias. */
static void particle_forms(struct mk *k, const char *f, const char *l)
{
    char part[128], core[256], joined[384], buf[640];
    size_t i, o = 0;

    if (!particles(l, part, sizeof(part), core, sizeof(core)))
        return;
    for (i = 0; part[i] && o + 1 < sizeof(joined); i++)
        if (part[i] != ' ' && part[i] != '\'')
            joined[o++] = part[i];
    snprintf(joined + o, sizeof(joined) - o, "%s", core);
    snprintf(buf, sizeof(buf), "%s %s", f, joined);
    give2(k, buf, "joined");
    snprintf(buf, sizeof(buf), "%s %s", f, core);
    give2(k, buf, "no_particle");
    snprintf(buf, sizeof(buf), "%s, %s %s", core, f, part);
    give2(k, buf, "reversed");
    give(k, joined, "surname", 2);
}

int hr_aliases_make(const char *employee_no, const char *first,
                    const char *last, const char *name, const char *emails,
                    hr_alias_fn fn, void *payload)
{
    struct mk k;
    char f[256], l[256], buf[640], all[128], one[32];
    const char *e;
    int i;

    memset(&k, 0, sizeof(k));
    k.fn = fn;
    k.payload = payload;
    snprintf(f, sizeof(f), "%s", first ? first : "");
    snprintf(l, sizeof(l), "%s", last ? last : "");
    g_strstrip(f);
    g_strstrip(l);
    /* Only a full name: "Last, First", else the last word is the
     * surname. */
    if (!*f && !*l && name && *name) {
        const char *comma = strchr(name, ',');
        const char *sp = strrchr(name, ' ');

        if (comma) {
            snprintf(l, sizeof(l), "%.*s", (int)(comma - name), name);
            snprintf(f, sizeof(f), "%s", comma + 1);
        } else if (sp) {
            snprintf(f, sizeof(f), "%.*s", (int)(sp - name), name);
            snprintf(l, sizeof(l), "%s", sp + 1);
        } else {
            snprintf(l, sizeof(l), "%s", name);
        }
        g_strstrip(f);
        g_strstrip(l);
    }
    /* One name alone is taken as a surname: weak, never attributing. */
    if (*f && !*l) {
        snprintf(l, sizeof(l), "%s", f);
        f[0] = '\0';
    }
    /* Employee numbers under 3 characters would match everywhere. */
    if (employee_no)
        give(&k, employee_no, "employee_no", 3);
    for (e = emails; e && *e && !k.rc;) {
        size_t len = strcspn(e, ";, \t");

        if (len && len < sizeof(buf)) {
            snprintf(buf, sizeof(buf), "%.*s", (int)len, e);
            if (strchr(buf, '@'))
                give(&k, buf, "email", 3);
        }
        e += len;
        e += strspn(e, ";, \t");
    }
    if (*f && *l) {
        snprintf(buf, sizeof(buf), "%s %s", f, l);
        give2(&k, buf, "name");
    }
    if (name && *name && strpbrk(name, " ,-'") && *f && *l)
        give2(&k, name, "formatted");
    if (*f && *l) {
        snprintf(buf, sizeof(buf), "%s, %s", l, f);
        give2(&k, buf, "reversed");
        initials(f, all, sizeof(all), one, sizeof(one));
        if (*one) {
            snprintf(buf, sizeof(buf), "%s %s", one, l);
            give2(&k, buf, "initials");
            snprintf(buf, sizeof(buf), "%s %s", l, one);
            give2(&k, buf, "initials");
        }
        if (*all && strcmp(all, one) != 0) {
            snprintf(buf, sizeof(buf), "%s %s", all, l);
            give2(&k, buf, "initials");
        }
        particle_forms(&k, f, l);
    }
    if (*l)
        give(&k, l, "surname", 2);
    for (i = 0; i < k.nseen; i++)
        free(k.seen[i]);
    return k.rc;
}

/* ---- the persons of a case ------------------------------------------ */

struct load {
    struct hr_people *p;
    size_t cap_p, cap_a;
    int rc;
};

static int load_person(const struct tl_person *tp, void *payload)
{
    struct load *l = payload;
    struct hr_people *p = l->p;
    const char *name = tp->name && *tp->name ? tp->name
                       : tp->employee_no ? tp->employee_no
                       : tp->emails ? tp->emails : "?";

    if (p->n == l->cap_p) {
        size_t cap = l->cap_p ? l->cap_p * 2 : 64;
        struct hr_person *v = realloc(p->persons, cap * sizeof(*v));

        if (!v)
            return l->rc = FTL_ENOMEM;
        p->persons = v;
        l->cap_p = cap;
    }
    p->persons[p->n].id = tp->id;
    if (!(p->persons[p->n].name = strdup(name)))
        return l->rc = FTL_ENOMEM;
    p->n++;
    return 0;
}

/* Index of person_id in the (id-sorted) persons, or -1. */
static long find_person(const struct hr_people *p, int64_t id)
{
    size_t lo = 0, hi = p->n;

    while (lo < hi) {
        size_t mid = (lo + hi) / 2;

        if (p->persons[mid].id < id)
            lo = mid + 1;
        else if (p->persons[mid].id > id)
            hi = mid;
        else
            return (long)mid;
    }
    return -1;
}

static int load_alias(int64_t person_id, const char *alias, const char *kind,
                      const char *norm, void *payload)
{
    struct load *l = payload;
    struct hr_people *p = l->p;
    struct hr_alias *a;
    long who = find_person(p, person_id);
    int strength = hr_alias_strength(kind), dup;
    char *fold;
    size_t i;

    (void)norm;
    if (who < 0 || !strength || !alias)
        return 0;
    /* Folded again rather than taken from the case: a register loaded
     * by an older ftl (which folded "a@b.c" as "a b c") matches as the
     * text is folded now. */
    if (!(fold = ftl_fold(alias)))
        return l->rc = FTL_ENOMEM;
    /* The same folded form twice for one person matches once. */
    dup = !*fold;
    for (i = p->naliases; !dup && i > 0 && p->aliases[i - 1].person == who;
         i--)
        dup = strcmp(p->aliases[i - 1].norm, fold) == 0;
    if (dup) {
        free(fold);
        return 0;
    }
    if (p->naliases == l->cap_a) {
        size_t cap = l->cap_a ? l->cap_a * 2 : 256;
        struct hr_alias *v = realloc(p->aliases, cap * sizeof(*v));

        if (!v) {
            free(fold);
            return l->rc = FTL_ENOMEM;
        }
        p->aliases = v;
        l->cap_a = cap;
    }
    a = &p->aliases[p->naliases];
    a->person = (int)who;
    a->strength = strength;
    a->alias = strdup(alias);
    a->kind = strdup(kind);
    a->norm = fold;
    if (!a->alias || !a->kind ||
        ftl_matcher_add(p->m, fold, (int)p->naliases) != FTL_OK) {
        free(a->alias);
        free(a->kind);
        free(a->norm);
        return l->rc = FTL_ENOMEM;
    }
    p->naliases++;
    return 0;
}

int hr_people_load(struct hr_people **out, struct tl_store *st,
                   struct ftl_err *err)
{
    struct load l;
    int rc;

    *out = NULL;
    memset(&l, 0, sizeof(l));
    if (!(l.p = calloc(1, sizeof(*l.p))) ||
        ftl_matcher_new(&l.p->m) != FTL_OK) {
        free(l.p);
        return ftl_err_set(err, FTL_ENOMEM, "out of memory");
    }
    rc = tl_persons_each(st, load_person, &l, err);
    if (!rc)
        rc = tl_person_aliases_each(st, load_alias, &l, err);
    if (rc || l.rc) {
        hr_people_free(l.p);
        if (l.rc)
            return ftl_err_set(err, FTL_ENOMEM, "out of memory");
        return rc < 0 ? rc : FTL_ERR;
    }
    *out = l.p;
    return FTL_OK;
}

void hr_people_free(struct hr_people *p)
{
    size_t i;

    if (!p)
        return;
    for (i = 0; i < p->n; i++)
        free(p->persons[i].name);
    for (i = 0; i < p->naliases; i++) {
        free(p->aliases[i].alias);
        free(p->aliases[i].kind);
        free(p->aliases[i].norm);
    }
    free(p->persons);
    free(p->aliases);
    ftl_matcher_free(p->m);
    free(p);
}
