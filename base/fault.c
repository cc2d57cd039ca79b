/*
 * base/fault.c - crash points (see fault.h): inert unless FTL_FAULTS
 *
 * The real ftl is built without FTL_FAULTS and never reads
 * FTL_FAULT_AT: an environment variable must not be able to kill a
 * collection run by an examiner.
 *
 * SPDX-License-Identifier: MIT
 */
#include "base/fault.h"

#ifdef FTL_FAULTS
#include <signal.h>
#include <stdlib.h>
#include <string.h>

/* FTL_FAULT_AT=NAME:N, read once: the name and the pass to die at. */
static char want[32];
static long at, seen;
static int parsed;

static void parse(void)
{
    const char *spec = getenv("FTL_FAULT_AT");
    const char *colon = spec ? strrchr(spec, ':') : NULL;
    size_t n;

    parsed = 1;
    if (!colon || (n = (size_t)(colon - spec)) >= sizeof(want))
        return;
    memcpy(want, spec, n);
    want[n] = '\0';
    at = strtol(colon + 1, NULL, 10);
}

void ftl_fault_point(const char *name)
{
    if (!parsed)
        parse();
    if (at > 0 && strcmp(name, want) == 0 && ++seen == at)
        raise(SIGKILL);
}
#else
void ftl_fault_point(const char *name)
{
    (void)name;
}
#endif
