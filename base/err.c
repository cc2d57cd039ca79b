/*
 * base/err.c - the one error type every ftl module fills
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdarg.h>
#include <stdio.h>

#include "base/base.h"

int ftl_err_set(struct ftl_err *err, int code, const char *fmt, ...)
{
    va_list ap;

    if (!err)
        return code;
    err->code = code;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
    va_end(ap);
    return code;
}

void ftl_err_clear(struct ftl_err *err)
{
    if (!err)
        return;
    err->code = FTL_OK;
    err->msg[0] = '\0';
}
