/*
 * collectors/registry.c - the table of collectors
 *
 * How to add a collector:
 *
 *  1. Write collectors/<kind>/ (one file per job, an internal header
 *     <kind>_int.h), or collectors/<kind>.c when one file does, with a
 *     'const struct col_ops col_<kind>' (see collectors.h): its name, a
 *     one-line summary, the usage text printed by 'ftl collect <kind>
 *     --help', its own getopt options and an opt() to take them, and
 *     run() to collect the paths.  Its caps go to base/limits.h.
 *  2. Declare it in collectors.h and list it in col_registry[] below.
 *  3. Add tests/check_<kind>.c (unit suite <kind>_suite) and an end-to-end
 *     test in tests/e2e/; document it in README.md and docs/ftl.1.
 *  4. To read such files inside disk images too, give it a collect_src()
 *     and its claims (claims, claim_what, claim_opt), and add the
 *     claim_opt as a long option of the disk collector, with its
 *     patterns in its usage text (tests/check_registry.c checks both).
 *
 * The front finds collectors here by name, and the disk collector finds
 * here who reads a file in an image; nothing else needs to change.
 *
 * SPDX-License-Identifier: MIT
 */
#include <fnmatch.h>
#include <string.h>

#include "collectors/collectors.h"

const struct col_ops *const col_registry[] = {
    &col_bodyfile,
    &col_disk,
    &col_maillog,
    &col_mailbox,
    &col_staff,
    &col_hr,
    NULL
};

const struct col_ops *col_find(const char *name)
{
    int i;

    for (i = 0; col_registry[i]; i++)
        if (strcmp(col_registry[i]->name, name) == 0)
            return col_registry[i];
    return NULL;
}

int col_count(void)
{
    int i;

    for (i = 0; col_registry[i]; i++)
        ;
    return i;
}

int col_glob_any(const char *const *globs, const char *path)
{
    size_t i;

    for (i = 0; globs && globs[i]; i++)
        if (fnmatch(globs[i], path, 0) == 0)
            return 1;
    return 0;
}

/* Registry order decides when two collectors claim the same path: a
 * mail log comes before a mail store, as the table lists them. */
const struct col_ops *col_claimant(const char *path, col_extra_fn extra,
                                   void *arg)
{
    const struct col_ops *op;
    int i;

    for (i = 0; (op = col_registry[i]); i++) {
        if (!op->collect_src || !op->claims)
            continue;
        if (col_glob_any(op->claims, path) ||
            (extra && col_glob_any(extra(arg, i), path)))
            return op;
    }
    return NULL;
}

int col_claim_opt_find(const char *opt)
{
    const struct col_ops *op;
    int i;

    for (i = 0; (op = col_registry[i]); i++)
        if (op->collect_src && op->claims && op->claim_opt &&
            strcmp(op->claim_opt, opt) == 0)
            return i;
    return -1;
}

/* Every init() in registry order; when one fails, those before it are
 * cleaned up again, so that the front calls col_global_cleanup() only
 * after a success. */
int col_global_init(struct ftl_err *err)
{
    int i, rc;

    for (i = 0; col_registry[i]; i++) {
        if (col_registry[i]->init && (rc = col_registry[i]->init(err))) {
            while (i-- > 0)
                if (col_registry[i]->cleanup)
                    col_registry[i]->cleanup();
            return rc;
        }
    }
    return FTL_OK;
}

void col_global_cleanup(void)
{
    int i = col_count();

    while (i-- > 0)
        if (col_registry[i]->cleanup)
            col_registry[i]->cleanup();
}
