/*
 * collectors/registry.c - the table of collectors
 *
 * How to add a collector:
 *
 *  1. Write collectors/<kind>.c with a 'const struct col_ops col_<kind>'
 *     (see collectors.h): its name, a one-line summary, the usage text
 *     printed by 'ftl collect <kind> --help', its own getopt options and
 *     an opt() to take them, and run() to collect the paths.
 *  2. Declare it in collectors.h and list it in col_registry[] below.
 *  3. Add tests/check_<kind>.c (unit suite <kind>_suite) and an end-to-end
 *     test in tests/e2e/; document it in README.md and docs/ftl.1.
 *
 * The front finds collectors here by name; nothing else needs to change.
 *
 * SPDX-License-Identifier: MIT
 */
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
    int i;

    for (i = 0; col_registry[i]; i++)
        ;
    while (i-- > 0)
        if (col_registry[i]->cleanup)
            col_registry[i]->cleanup();
}
