/*
 * collectors/identity.c - one evidence item per content, every place it
 * was found, retries and replacements
 *
 * The policy every collector follows when the content it meets is
 * already in the case (see collectors.h for the rules); the mechanisms
 * (lookup, places, merge, retire) are timeline/'s.  What the command was
 * asked to do (the options given, --replace) is kept in the col_ctx by
 * the col_given_* calls of the front.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collectors/collectors.h"

enum verdict { V_NEW, V_MERGE, V_REPLACE, V_RETRY, V_CONFLICT };

/* An item that is to replace an earlier one: decided before its row
 * exists (ctx->pending, with the place it was decided for), then carried
 * out in its savepoint (ctx->retiring, under its id). */
struct col_retiring {
    struct col_retiring *next;
    int64_t id;                /* the new item; 0 while pending */
    int verdict;               /* V_REPLACE or V_RETRY */
    struct tl_known old;       /* what it replaces */
    char *kind, *path, *inner; /* the place, while pending */
    int64_t parent_id;
    char sha256[65];           /* the content it was decided for */
    int64_t refs;              /* attributions to the old persons */
};

static void retiring_free(struct col_retiring *r)
{
    if (!r)
        return;
    tl_known_clear(&r->old);
    free(r->kind);
    free(r->path);
    free(r->inner);
    free(r);
}

static void list_free(struct col_retiring **l)
{
    struct col_retiring *r;

    while ((r = *l)) {
        *l = r->next;
        retiring_free(r);
    }
}

void col_identity_release(struct col_ctx *ctx)
{
    list_free(&ctx->retiring);
    list_free(&ctx->pending);
    free(ctx->given);
    free(ctx->given_list);
    ctx->given = ctx->given_list = NULL;
    ctx->given_kind = NULL;
}

/* ---- the options given -------------------------------------------- */

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The tokens of given_list whose first byte is in 'which' ('t' --tz,
 * 'i' the indicator options, 'o' the collector's own), sorted, one space
 * apart; NULL when out of memory. */
static char *given_join(const char *list, const char *which)
{
    char *copy = strdup(list), **tok, *line, *save = NULL, *out;
    size_t n = 0, i, len = 1;

    if (!copy || !(tok = calloc(strlen(list) / 2 + 1, sizeof(*tok)))) {
        free(copy);
        return NULL;
    }
    for (line = strtok_r(copy, "\n", &save); line;
         line = strtok_r(NULL, "\n", &save))
        if (strchr(which, line[0])) {
            tok[n++] = line + 1;
            len += strlen(line);
        }
    qsort(tok, n, sizeof(*tok), cmp_str);
    if ((out = malloc(len))) {
        out[0] = '\0';
        for (i = 0; i < n; i++) {
            if (i)
                strcat(out, " ");
            strcat(out, tok[i]);
        }
    }
    free(tok);
    free(copy);
    return out;
}

/* Add "--name" or "--name=VALUE" (the value shell-quoted when it needs
 * it), of kind 't', 'i' or 'o' (see given_join). */
static int given_add(struct col_ctx *ctx, char kind, const char *name,
                     const char *value)
{
    static const char safe[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN"
                               "OPQRSTUVWXYZ0123456789-_./=:@,+%";
    size_t old = ctx->given_list ? strlen(ctx->given_list) : 0;
    size_t n = old + strlen(name) + (value ? 4 * strlen(value) : 0) + 8;
    char *p, *list = realloc(ctx->given_list, n);
    const char *v;

    if (!list)
        return FTL_ENOMEM;
    ctx->given_list = list;
    p = list + old;
    *p++ = kind;
    p = stpcpy(p, name);
    if (value) {
        int quote = !*value || strspn(value, safe) != strlen(value);

        *p++ = '=';
        if (quote)
            *p++ = '\'';
        for (v = value; *v; v++)
            p = *v == '\'' && quote ? stpcpy(p, "'\\''")
                : *v == '\n' ? stpcpy(p, "\\n") : (*p = *v, p + 1);
        if (quote)
            *p++ = '\'';
    }
    strcpy(p, "\n");
    free(ctx->given);
    ctx->given = given_join(list, "tio");
    return ctx->given ? FTL_OK : FTL_ENOMEM;
}

int col_given_common(struct col_ctx *ctx, const struct col_ops *col,
                     const char *zone, const char *iocs_file, int no_iocs)
{
    int rc = FTL_OK;

    ctx->given_kind = col->name;
    if (col->uses_tz)
        rc = given_add(ctx, 't', "--tz", zone ? zone : "UTC");
    if (!rc && col->uses_iocs && no_iocs)
        rc = given_add(ctx, 'i', "--no-iocs", NULL);
    else if (!rc && col->uses_iocs && iocs_file)
        rc = given_add(ctx, 'i', "--iocs", iocs_file);
    return rc;
}

int col_given_opt(struct col_ctx *ctx, const struct col_ops *col, int c,
                  const char *arg)
{
    char name[64];
    const struct option *o;
    const char *const *skip;

    snprintf(name, sizeof(name), "-%c", c > 32 && c < 127 ? c : '?');
    for (o = col->longopts; o && o->name; o++) {
        if (o->val == c && !o->flag) {
            for (skip = col->not_compared; skip && *skip; skip++)
                if (strcmp(*skip, o->name) == 0)
                    return FTL_OK;
            snprintf(name, sizeof(name), "--%s", o->name);
            break;
        }
    }
    return given_add(ctx, 'o', name, arg);
}

/* The options given that shape what an item of 'kind' reads: all of them
 * for an item of the command's own kind on its own; for another (a log
 * inside an image, the register that 'collect hr --staff' loads) only
 * the common ones its collector reads, since it runs with its defaults.
 * Malloc'd; NULL when out of memory. */
static char *given_of(const struct col_ctx *ctx, const char *kind,
                      int64_t parent_id)
{
    const struct col_ops *op = col_find(kind);
    char which[4], *w = which;

    if (!ctx->given_list)
        return strdup("");
    if (!parent_id && ctx->given_kind && strcmp(kind, ctx->given_kind) == 0)
        return strdup(ctx->given ? ctx->given : "");
    if (op && op->uses_tz)
        *w++ = 't';
    if (op && op->uses_iocs)
        *w++ = 'i';
    *w = '\0';
    return given_join(ctx->given_list, which);
}

/* ---- deciding ------------------------------------------------------- */

/* An item that meets content: where it is, and its options. */
struct meet {
    int64_t parent_id;
    char *given;               /* given_of() */
};

static int meet_init(struct meet *m, const struct col_ctx *ctx,
                     const char *kind, int64_t parent_id,
                     struct ftl_err *err)
{
    m->parent_id = parent_id;
    if (!(m->given = given_of(ctx, kind ? kind : "", parent_id)))
        return ftl_err_set(err, FTL_ENOMEM, "out of memory");
    return FTL_OK;
}

/* The options of k are those given now (or not known: a case made
 * before they were recorded). */
static int same_given(const struct tl_known *k, const char *given)
{
    return !k->given || strcmp(k->given, given) == 0;
}

static int decide(const struct col_ctx *ctx, const struct tl_known *k,
                  const struct meet *m)
{
    if (!k->id)
        return V_NEW;
    if (k->audit_id && k->audit_id == ctx->audit_id)
        return V_MERGE;        /* met twice in this run: a copy */
    if (ctx->replace && (!m->parent_id || k->parent_id))
        return V_REPLACE;
    if (k->status == TL_EV_FAILED || k->status == TL_EV_PARTIAL)
        return V_RETRY;
    if (m->parent_id || same_given(k, m->given))
        return V_MERGE;
    return V_CONFLICT;
}

static int rank(int status)
{
    return status == TL_EV_COMPLETE ? 2 : status == TL_EV_PARTIAL ? 1 : 0;
}

/* A failed or partial item read again: the new reading replaces it when
 * it is better, or as good and not the same. */
static int retry_outcome(const struct tl_known *k, int status,
                         const struct meet *m, const struct tl_counts *c)
{
    if (rank(status) != rank(k->status))
        return rank(status) > rank(k->status) ? V_REPLACE : V_MERGE;
    if (!same_given(k, m->given) ||
        c->events != k->n_events || c->files != k->n_files ||
        c->warnings != k->n_warnings)
        return V_REPLACE;
    return V_MERGE;
}

static const char *status_word(int status)
{
    static const char *const w[] = { "complete", "partial", "failed",
                                     "replaced" };

    return status >= 0 && status <= TL_EV_REPLACED ? w[status] : "?";
}

/* Why an item replaces k, for its note, the audit and the message. */
static void why_text(const struct tl_known *k, int verdict,
                     const struct meet *m, char *out, size_t n)
{
    const char *g = m->given;
    size_t len;

    if (verdict == V_REPLACE)
        snprintf(out, n, "collected again with --replace");
    else
        snprintf(out, n, "read again: evidence #%lld was %s",
                 (long long)k->id, status_word(k->status));
    len = strlen(out);
    if (!k->given)
        return;
    if (same_given(k, g))
        snprintf(out + len, n - len, "; the same options");
    else
        snprintf(out + len, n - len, "; options then: %s; now: %s",
                 *k->given ? k->given : "(none)", *g ? g : "(none)");
}

/* ---- saying so ------------------------------------------------------ */

/* Count an item folded into k as one more place of it. */
static void count_merged(struct col_ctx *ctx, const struct tl_known *k,
                         int64_t place_id)
{
    ctx->n_dup++;
    ctx->n_places += place_id != 0;
    ctx->last_holder = k->id;
    ctx->last_place = place_id;
}

static void say_merged(struct col_ctx *ctx, const char *name,
                       const struct tl_known *k, const char *sha256,
                       int64_t place_id)
{
    count_merged(ctx, k, place_id);
    if (!place_id)
        col_report(ctx, COL_INFO, "%s: already in the case as evidence "
                   "#%lld (sha256 %s): nothing added", name,
                   (long long)k->id, sha256);
    else
        col_report(ctx, COL_INFO, "%s: already in the case as evidence "
                   "#%lld (sha256 %s, first found at %s): this place "
                   "recorded, nothing else added", name, (long long)k->id,
                   sha256, k->place);
}

static void say_conflict(struct col_ctx *ctx, const char *name,
                         const struct tl_known *k, const struct meet *m)
{
    const char *g = m->given;

    ctx->n_conflicts++;
    ctx->last_holder = k->id;
    ctx->last_place = 0;
    col_report(ctx, COL_ERROR, "%s: not collected: already in the case as "
               "evidence #%lld (%s), collected with other options (then: "
               "%s; now: %s); nothing added.  To collect it again with the "
               "options now given, replacing what #%lld holds, add "
               "--replace", name, (long long)k->id, k->place,
               k->given && *k->given ? k->given : "(none)", *g ? g : "(none)",
               (long long)k->id);
}

/* What reading it again gave, when the earlier item k is kept. */
static void say_kept(struct col_ctx *ctx, const char *name,
                     const struct tl_known *k, int status, int64_t place_id)
{
    count_merged(ctx, k, place_id);
    if (status == TL_EV_FAILED)
        ctx->n_failed++;
    col_report(ctx, status == TL_EV_FAILED ? COL_ERROR : COL_INFO,
               "%s: already in the case as evidence #%lld, which was %s: "
               "read again, %s (%s); evidence #%lld kept as it was%s", name,
               (long long)k->id, status_word(k->status),
               status_word(status), rank(status) < rank(k->status)
               ? "worse" : "the same result", (long long)k->id,
               place_id ? ", this place recorded" : "");
}

/* ---- before reading ------------------------------------------------- */

static const char *part_of(const struct tl_evidence *place)
{
    return place->parent_id || !place->inner_path ? "" : place->inner_path;
}

/* What the case holds for content 'sha256' met at 'place', and what to
 * do: *v, with k and m filled (the caller clears them). */
static int meet_place(struct col_ctx *ctx, const struct tl_evidence *place,
                      const char *sha256, struct tl_known *k,
                      struct meet *m, int *v, struct ftl_err *err)
{
    int rc;

    m->given = NULL;
    if ((rc = tl_evidence_lookup(ctx->st, place->kind, sha256,
                                 part_of(place), 0, k, err)))
        return rc;
    if ((rc = meet_init(m, ctx, place->kind, place->parent_id, err)))
        return rc;
    *v = decide(ctx, k, m);
    return FTL_OK;
}

int col_evidence_skippable(struct col_ctx *ctx,
                           const struct tl_evidence *place,
                           const char *sha256, struct ftl_err *err)
{
    struct tl_known k;
    struct meet m;
    int rc, v = V_NEW;

    rc = meet_place(ctx, place, sha256, &k, &m, &v, err);
    tl_known_clear(&k);
    free(m.given);
    return rc ? rc : v == V_MERGE || v == V_CONFLICT;
}

/* Remember that the item about to begin at 'place' replaces k. */
static int pend(struct col_ctx *ctx, const struct tl_evidence *place,
                const char *sha256, struct tl_known *k, int verdict,
                struct ftl_err *err)
{
    struct col_retiring *r = calloc(1, sizeof(*r));

    if (!r || !(r->kind = strdup(place->kind)) ||
        !(r->path = strdup(place->path ? place->path : "")) ||
        !(r->inner = strdup(place->inner_path ? place->inner_path : ""))) {
        retiring_free(r);
        return ftl_err_set(err, FTL_ENOMEM, "out of memory");
    }
    r->verdict = verdict;
    snprintf(r->sha256, sizeof(r->sha256), "%s", sha256);
    r->old = *k;               /* taken over */
    memset(k, 0, sizeof(*k));
    r->parent_id = place->parent_id;
    list_free(&ctx->pending);  /* one item begins at a time */
    ctx->pending = r;
    return FTL_OK;
}

int col_evidence_known(struct col_ctx *ctx, const struct tl_evidence *place,
                       const char *sha256, const char *name,
                       struct ftl_err *err)
{
    struct tl_known k;
    struct meet m;
    int64_t place_id = 0;
    int rc, v = V_NEW;

    ctx->last_holder = ctx->last_place = 0;
    if (!(rc = meet_place(ctx, place, sha256, &k, &m, &v, err))) {
        switch (v) {
        case V_REPLACE:
        case V_RETRY:
            rc = pend(ctx, place, sha256, &k, v, err);
            break;
        case V_MERGE:
            if (!(rc = tl_place_add(ctx->st, k.id, place, &place_id, err)))
                say_merged(ctx, name, &k, sha256, place_id);
            break;
        case V_CONFLICT:
            say_conflict(ctx, name, &k, &m);
            break;
        }
    }
    tl_known_clear(&k);
    free(m.given);
    if (rc)
        return rc;
    return v == V_MERGE || v == V_CONFLICT ? FTL_DONE : FTL_OK;
}

/* ---- the item's row ------------------------------------------------- */

static int pending_matches(const struct col_retiring *r,
                           const struct tl_evidence *ev)
{
    return strcmp(r->kind, ev->kind) == 0 &&
           strcmp(r->path, ev->path ? ev->path : "") == 0 &&
           strcmp(r->inner, ev->inner_path ? ev->inner_path : "") == 0 &&
           r->parent_id == ev->parent_id;
}

int col_evidence_begin(struct col_ctx *ctx, const struct tl_evidence *ev,
                       int64_t *id, struct ftl_err *err)
{
    struct tl_evidence e = *ev;
    struct col_retiring *r = ctx->pending;
    struct meet m;
    char why[1024];
    int rc;

    ctx->pending = NULL;
    if (r && !pending_matches(r, ev)) {
        retiring_free(r);      /* decided for an item that never began */
        r = NULL;
    }
    if ((rc = meet_init(&m, ctx, ev->kind, ev->parent_id, err))) {
        retiring_free(r);
        return rc;
    }
    e.given = m.given;
    if ((rc = tl_evidence_begin(ctx->st, &e, id, err)) || !r)
        goto out;
    why_text(&r->old, r->verdict, &m, why, sizeof(why));
    if ((rc = tl_evidence_retire(ctx->st, r->old.id, *id, why, &r->refs,
                                 err))) {
        tl_evidence_abort(ctx->st, *id);
        goto out;
    }
    r->id = *id;
    r->next = ctx->retiring;
    ctx->retiring = r;
    r = NULL;
out:
    retiring_free(r);
    free(m.given);
    return rc;
}

/* The replacement begun for item 'id', taken out of the list, or NULL. */
static struct col_retiring *take_retiring(struct col_ctx *ctx, int64_t id)
{
    struct col_retiring **p, *r;

    for (p = &ctx->retiring; (r = *p); p = &r->next) {
        if (r->id == id) {
            *p = r->next;
            r->next = NULL;
            return r;
        }
    }
    return NULL;
}

/* What an item that is rolled back had counted goes again. */
static void uncount(struct col_ctx *ctx, const struct tl_counts *c)
{
    ctx->n_events -= c->events;
    ctx->n_files -= c->files;
    ctx->n_warnings -= c->warnings;
    ctx->n_hits -= c->hits;
}

/* Item 'id' replaces k: k retired (unless that was done when 'id'
 * began), the why on both rows and in the audit.  *why is filled. */
static int replacement(struct col_ctx *ctx, int64_t id, const char *name,
                       struct col_retiring *r, int verdict,
                       const struct tl_known *k, const struct meet *m,
                       int64_t *refs, char *why, size_t wn,
                       struct ftl_err *err)
{
    char note[1400];
    int rc;

    why_text(k, verdict, m, why, wn);
    *refs = r ? r->refs : 0;
    if (!r && (rc = tl_evidence_retire(ctx->st, k->id, id, why, refs, err)))
        return rc;
    snprintf(note, sizeof(note), "replaces evidence #%lld: %s",
             (long long)k->id, why);
    if ((rc = tl_evidence_note(ctx->st, id, note, err)))
        return rc;
    if (!ctx->audit_id)
        return FTL_OK;
    snprintf(note, sizeof(note), "evidence #%lld replaced by #%lld (%s): "
             "%s", (long long)k->id, (long long)id, name, why);
    return tl_audit_note(ctx->st, ctx->audit_id, note, err);
}

static void say_replaced(struct col_ctx *ctx, const char *name,
                         const struct tl_known *k, const char *why,
                         int64_t refs)
{
    ctx->n_replaced++;
    col_report(ctx, COL_INFO, "%s: replaces evidence #%lld (%s); its %lld "
               "events, %lld files and %lld warnings were removed", name,
               (long long)k->id, why, (long long)k->n_events,
               (long long)k->n_files, (long long)k->n_warnings);
    if (refs)
        col_report(ctx, COL_WARN, "%s: %lld document attributions in the "
                   "case named persons of evidence #%lld, which are gone: "
                   "the HR stores are attributed again with this register "
                   "(a store that cannot be read again says so: collect it "
                   "again with --replace)", name, (long long)refs,
                   (long long)k->id);
}

/* Item 'id' stays in the case: finished, replacing k when k->id (as
 * 'verdict' said: V_REPLACE, or V_RETRY when k was failed or partial). */
static int keep_new(struct col_ctx *ctx, int64_t id, const char *name,
                    const char *sha256, const char *md5, int status,
                    struct col_retiring *r, int verdict,
                    const struct tl_known *k, const struct meet *m,
                    struct ftl_err *err)
{
    char why[1024];
    int64_t dup = 0, refs = 0;
    int rc;

    if (k->id && (rc = replacement(ctx, id, name, r, verdict, k, m, &refs,
                                   why, sizeof(why), err))) {
        tl_evidence_abort(ctx->st, id);
        return rc;
    }
    rc = tl_evidence_finish(ctx->st, id, sha256, md5, status, &dup, err);
    if (rc == FTL_DONE) {
        /* another ftl run put the same content in meanwhile */
        struct tl_known d = { .id = dup, .place = "another run" };
        int64_t place_id = 0;

        if ((rc = tl_evidence_merge(ctx->st, id, dup, &place_id, err)))
            return rc;
        say_merged(ctx, name, &d, sha256, place_id);
        return FTL_DONE;
    }
    if (rc)
        return rc;
    ctx->n_evidence++;
    ctx->last_holder = id;
    ctx->last_place = 0;
    if (status == TL_EV_FAILED)
        ctx->n_failed++;
    if (k->id)
        say_replaced(ctx, name, k, why, refs);
    return FTL_OK;
}

/* The earlier item 'id' meets, and what to do: decided when 'id' began
 * (r), or now.  m is filled from the row of 'id'. */
static int end_verdict(struct col_ctx *ctx, int64_t id, const char *sha256,
                       struct col_retiring *r, struct meet *m,
                       struct tl_known *k, int *v, struct ftl_err *err)
{
    char *kind = tl_evidence_kind(ctx->st, id);
    int rc;

    memset(k, 0, sizeof(*k));
    rc = meet_init(m, ctx, kind, tl_evidence_parent(ctx->st, id), err);
    free(kind);
    if (rc)
        return rc;
    if (r && strcmp(r->sha256, sha256 ? sha256 : "") != 0)
        /* the file changed between its hashing and its reading: what it
         * replaced was another content */
        return ftl_err_set(err, FTL_EIO, "evidence #%lld: changed while it "
                           "was read (sha256 %s, then %s): not collected; "
                           "collect it again", (long long)id, r->sha256,
                           sha256 ? sha256 : "unknown");
    if (r) {
        *k = r->old;
        memset(&r->old, 0, sizeof(r->old));
        *v = r->verdict;
        return FTL_OK;
    }
    if ((rc = tl_evidence_lookup_as(ctx->st, id, sha256, k, err)))
        return rc;
    *v = decide(ctx, k, m);
    return FTL_OK;
}

/* The item is folded into k: rolled back (with a retirement begun with
 * it), its place recorded on k. */
static int end_merged(struct col_ctx *ctx, int64_t id, const char *name,
                      const char *sha256, int status, int retried,
                      const struct tl_known *k, const struct tl_counts *c,
                      struct ftl_err *err)
{
    int64_t place_id = 0;
    int rc;

    if ((rc = tl_evidence_merge(ctx->st, id, k->id, &place_id, err)))
        return rc;
    uncount(ctx, c);
    if (retried)
        say_kept(ctx, name, k, status, place_id);
    else
        say_merged(ctx, name, k, sha256, place_id);
    return FTL_DONE;
}

int col_evidence_end(struct col_ctx *ctx, int64_t id, const char *name,
                     const char *sha256, const char *md5, int status,
                     struct ftl_err *err)
{
    struct col_retiring *r = take_retiring(ctx, id);
    struct tl_counts c;
    struct tl_known k = { 0 };
    struct meet m = { 0, NULL };
    int rc, v = V_NEW, retried;

    ctx->last_holder = ctx->last_place = 0;
    if ((rc = tl_evidence_counts(ctx->st, id, &c, err)) ||
        (rc = end_verdict(ctx, id, sha256, r, &m, &k, &v, err))) {
        tl_evidence_abort(ctx->st, id);
        goto out;
    }
    if ((retried = v == V_RETRY))
        v = retry_outcome(&k, status, &m, &c);
    if (v == V_NEW || v == V_REPLACE) {
        if ((rc = keep_new(ctx, id, name, sha256, md5, status, r,
                           retried ? V_RETRY : V_REPLACE, &k, &m,
                           err)) == FTL_DONE)
            uncount(ctx, &c);
    } else if (v == V_MERGE) {
        rc = end_merged(ctx, id, name, sha256, status, retried, &k, &c,
                        err);
    } else {
        tl_evidence_abort(ctx->st, id);
        uncount(ctx, &c);
        say_conflict(ctx, name, &k, &m);
        rc = FTL_DONE;
    }
out:
    tl_known_clear(&k);
    free(m.given);
    retiring_free(r);
    return rc;
}

int64_t col_evidence_holder(const struct col_ctx *ctx, int64_t *place_id)
{
    if (place_id)
        *place_id = ctx->last_place;
    return ctx->last_holder;
}
