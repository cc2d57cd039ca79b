/*
 * collectors/hr/reattr.c - a register loaded after the store: its
 * documents attributed again
 *
 * Persons are found in a document's text, names and metadata, which the
 * case does not keep; so when a register adds persons, every HR store
 * already in the case is read again from the place it was collected
 * from (the path as given then), with the rules it was read with (their
 * SHA-256 must still be the one recorded), and each document whose bytes
 * are still those recorded (its SHA-256) gets the persons, categories
 * and sentence that collecting it now would give; its events' messages
 * and person follow.  Nothing else of the case changes: the documents'
 * times, hashes, warnings and indicator hits are those of the first
 * collection.  Each store is attributed again in one savepoint.  A store
 * found inside other evidence (a disk image), one no longer where it
 * was, or one read with rules that changed since, is said and left as it
 * is: 'ftl collect hr --replace' reads it again whole.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "collectors/hr/hrdocs_int.h"

/* The value of 'key=' in an evidence row's options ("tz=UTC rules=default
 * rules_sha256=... persons=3"), or "" when it has none. */
static void option(const char *opts, const char *key, char *out, size_t n)
{
    size_t k = strlen(key);
    const char *p = opts;

    out[0] = '\0';
    while (p && *p) {
        if (!strncmp(p, key, k) && p[k] == '=') {
            snprintf(out, n, "%.*s", (int)strcspn(p + k + 1, " "),
                     p + k + 1);
            return;
        }
        p = strchr(p, ' ');
        p = p ? p + 1 : NULL;
    }
}

/* Why the store of 'e' cannot be attributed again, or NULL; its rules in
 * 'rules' ("" for the default ones). */
static const char *cannot(const struct tl_kind_evidence *e, char *rules,
                          size_t rn, char *sha, size_t sn)
{
    struct stat sb;

    if (e->parent_id)
        return "it lies inside other evidence";
    if (!e->status || strcmp(e->status, "failed") == 0)
        return "it could not be read when collected";
    if (!e->path || stat(e->path, &sb) != 0)
        return "it is no longer where it was collected from";
    option(e->options, "rules", rules, rn);
    option(e->options, "rules_sha256", sha, sn);
    if (!strcmp(rules, "default"))
        rules[0] = '\0';
    return NULL;
}

struct again {
    struct col_ctx *ctx;
    struct ftl_err *err;
    int64_t stores, docs, changed, now;
};

/* Read the store again and attribute its documents; the run's rules
 * must be those it was read with. */
static int read_again(struct again *a, struct hr_run *r,
                      const struct tl_kind_evidence *e, struct ftl_err *err)
{
    struct col_ctx *ctx = a->ctx;
    int rc;

    r->again = e->id;
    r->again_sha = e->sha256;
    if ((rc = tl_reattr_begin(ctx->st, err)))
        return rc;
    rc = hr_item_collect(r, e->path, err);
    tl_reattr_end(ctx->st, rc == FTL_OK);
    if (rc == FTL_EDB || rc == FTL_ENOMEM)
        return rc;
    if (rc) {
        col_report(ctx, COL_WARN, "%s: not attributed again: %s", e->path,
                   err->msg);
        ftl_err_clear(err);
        return FTL_OK;
    }
    a->stores++;
    a->docs += r->ndocs;
    a->changed += r->n_changed;
    a->now += r->n_now;
    col_report(ctx, COL_INFO, "%s: %lld document%s attributed again with "
               "the register: %lld now attributed to someone, %lld changed",
               e->path, (long long)r->ndocs, r->ndocs == 1 ? "" : "s",
               (long long)r->n_now, (long long)r->n_changed);
    if (r->n_gone)
        col_report(ctx, COL_WARN, "%s: %lld document%s not as recorded "
                   "(changed since) left as %s ('ftl collect hr --replace' "
                   "reads the store again)", e->path, (long long)r->n_gone,
                   r->n_gone == 1 ? "" : "s", r->n_gone == 1 ? "it was"
                   : "they were");
    if (!r->again_same)
        col_report(ctx, COL_WARN, "%s: the store is no longer what was "
                   "collected (its SHA-256 differs): only the documents "
                   "still the same were attributed again", e->path);
    return FTL_OK;
}

static int one_store(const struct tl_kind_evidence *e, void *payload)
{
    struct again *a = payload;
    struct col_ctx *ctx = a->ctx;
    struct hr_run r;
    char rules[1024], sha[80];
    const char *why = cannot(e, rules, sizeof(rules), sha, sizeof(sha));
    int rc;

    if (why) {
        col_report(ctx, COL_WARN, "%s: not attributed again with the "
                   "register: %s (collect it again with --replace)",
                   e->path ? e->path : "?", why);
        return FTL_OK;
    }
    rc = hr_run_init(&r, ctx, NULL, rules[0] ? rules : NULL, a->err);
    if (rc == FTL_OK && strcmp(r.rules->sha256, sha) != 0) {
        col_report(ctx, COL_WARN, "%s: not attributed again with the "
                   "register: its rules '%s' have changed since it was "
                   "collected (collect it again with --replace)", e->path,
                   rules[0] ? rules : "default");
    } else if (rc == FTL_OK) {
        rc = read_again(a, &r, e, a->err);
    } else if (rc != FTL_EDB && rc != FTL_ENOMEM) {
        col_report(ctx, COL_WARN, "%s: not attributed again with the "
                   "register: %s", e->path, a->err->msg);
        ftl_err_clear(a->err);
        rc = FTL_OK;
    }
    hr_run_release(&r);
    return rc;                 /* an error of the case stops the walk */
}

int hr_reattribute(struct col_ctx *ctx, struct ftl_err *err)
{
    struct again a;
    int rc;

    memset(&a, 0, sizeof(a));
    a.ctx = ctx;
    a.err = err;
    if ((rc = tl_kind_evidence_each(ctx->st, "hr", one_store, &a, err)))
        return rc;
    if (a.stores > 1)
        col_report(ctx, COL_INFO, "%lld document%s of %lld store%s "
                   "attributed again with the register: %lld now "
                   "attributed to someone", (long long)a.docs,
                   a.docs == 1 ? "" : "s", (long long)a.stores,
                   a.stores == 1 ? "" : "s", (long long)a.now);
    return FTL_OK;
}
