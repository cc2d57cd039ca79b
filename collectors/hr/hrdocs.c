/*
 * collectors/hr/hrdocs.c - the HR document store: whose data each document
 * holds, of which kind, and when it existed (the collector's entry: its
 * options, the state of a run, col_hr)
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
 * the rules built into ftl or --rules FILE (rules.c).  The jobs of a run
 * are in the files hrdocs_int.h lists; all they share is the struct
 * hr_run made here.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collectors/hr/hrdocs_int.h"

enum { OPT_STAFF = COL_OPT_BASE, OPT_RULES };

struct hr_opts {
    char *staff;
    char *rules;
};

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

/* The rules, the register (--staff first, when given) and the persons
 * of the case. */
static int load_rules_people(struct hr_run *r, const char *staff_path,
                             const char *rules, struct ftl_err *err)
{
    struct col_ctx *ctx = r->ctx;
    char *staff = (char *)staff_path;
    int rc;

    rc = rules ? hr_rules_load_file(&r->rules, rules, err)
               : hr_rules_load_default(&r->rules, err);
    if (rc)
        return rc;
    /* A register that cannot be read is reported and counted there; the
     * store still goes in, unless the case cannot be written. */
    if (staff) {
        rc = col_run_each(ctx, &staff, 1, col_staff_collect, NULL,
                          "register", err);
        if (rc == FTL_EDB || rc == FTL_ENOMEM)
            return rc;
        ftl_err_clear(err);
    }
    if ((rc = hr_people_load(&r->people, ctx->st, err)))
        return rc;
    if (!r->people->n && !r->again)
        col_report(ctx, COL_WARN, "no persons in the case: documents are "
                   "categorised but attributed to nobody (load the register "
                   "first: 'ftl collect staff' or --staff)");
    return FTL_OK;
}

/* What the run needs for every document, made once. */
int hr_run_init(struct hr_run *r, struct col_ctx *ctx, const char *staff,
                const char *rules, struct ftl_err *err)
{
    size_t i;
    int rc;

    memset(r, 0, sizeof(*r));
    r->ctx = ctx;
    hr_doc_init(&r->doc, ctx->tz);
    ftl_text_init(&r->fold, HR_META_MAX * 4);
    ftl_buf_init(&r->content, (size_t)HR_DOC_MAX);
    ftl_buf_init(&r->ids, 0);
    ftl_buf_init(&r->cats, 0);
    ftl_buf_init(&r->attr, HR_ATTR_MAX - 1);
    if ((rc = load_rules_people(r, staff, rules, err)))
        return rc;
    if ((rc = ftl_digest_new(&r->dg, FTL_MD5 | FTL_SHA256, err)) ||
        (rc = ftl_digest_new(&r->list, FTL_SHA256, err)))
        return rc;
    if (!(r->chunk = malloc(HR_CHUNK)) ||
        !(r->pidx = malloc((r->people->n + 1) * sizeof(*r->pidx))))
        return ftl_err_set(err, FTL_ENOMEM, "out of memory");
    for (i = 0; i < r->people->n; i++)
        r->pidx[i] = HR_NO_INDEX;
    snprintf(r->opts, sizeof(r->opts), "tz=%s rules=%s rules_sha256=%s "
             "persons=%zu", ctx->tz ? tl_tz_name(ctx->tz) : "UTC",
             r->rules->source, r->rules->sha256, r->people->n);
    return FTL_OK;
}

void hr_run_release(struct hr_run *r)
{
    hr_doc_release(&r->doc);
    ftl_text_release(&r->fold);
    ftl_buf_release(&r->content);
    ftl_buf_release(&r->ids);
    ftl_buf_release(&r->cats);
    ftl_buf_release(&r->attr);
    ftl_digest_free(r->dg);
    ftl_digest_free(r->list);
    free(r->chunk);
    free(r->pidx);
    free(r->pm);
    free(r->cm);
    hr_people_free(r->people);
    hr_rules_free(r->rules);
}

static int run_one(struct col_ctx *ctx, void *payload, const char *path,
                   struct ftl_err *err)
{
    (void)ctx;
    return hr_item_collect(payload, path, err);
}

static int hr_run(struct col_ctx *ctx, void *opts, char **paths, int n,
                  struct ftl_err *err)
{
    const struct hr_opts *o = opts;
    struct hr_run r;
    int rc;

    if ((rc = hr_run_init(&r, ctx, o->staff, o->rules, err)) == FTL_OK)
        rc = col_run_each(ctx, paths, n, run_one, &r, "document store",
                          err);
    hr_run_release(&r);
    return rc;
}

static const struct option hr_longopts[] = {
    { "staff", required_argument, NULL, OPT_STAFF },
    { "rules", required_argument, NULL, OPT_RULES },
    { NULL, 0, NULL, 0 }
};

/* --staff loads the register as evidence of its own first: the store's
 * documents read the same either way. */
static const char *const hr_not_compared[] = { "staff", NULL };

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
        "(category,art9,field,pattern;\n"
        "                      field path|name|meta|text or *) instead of "
        "the rules\n"
        "                      built into ftl\n",
    .shortopts = "",
    .longopts = hr_longopts,
    .not_compared = hr_not_compared,
    .uses_iocs = 1,
    .uses_tz = 1,
    .opts_size = sizeof(struct hr_opts),
    .opt = hr_opt,
    .run = hr_run,
    .release = hr_release,
    .digest = hr_item_digest,
};
