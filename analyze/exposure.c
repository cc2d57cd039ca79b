/*
 * analyze/exposure.c - replaced by the exposure step (branch wt-expose)
 *
 * SPDX-License-Identifier: MIT
 */
#include "analyze/an_int.h"

/* replaced by the exposure step (branch wt-expose) */
int an_exposures(struct an_ctx *c, struct ftl_err *err)
{
    (void)c;
    (void)err;
    return FTL_OK;
}
