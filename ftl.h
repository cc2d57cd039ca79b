/*
 * ftl.h - shared error type and version of ftl, the forensic timeline builder
 *
 * Every module returns an int code and fills a struct ftl_err passed as its
 * last argument.  0 is success, FTL_DONE a positive "nothing more to do",
 * negative codes are failures.  Library code never prints; only ftl.c does.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef FTL_H
#define FTL_H

#include <stddef.h>

#define FTL_VERSION "0.1.0"

enum ftl_code {
    FTL_OK = 0,
    FTL_DONE = 1,          /* not an error: nothing (more) to do */
    FTL_ERR = -1,          /* generic failure */
    FTL_ENOMEM = -2,       /* out of memory */
    FTL_EIO = -3,          /* cannot read or write a file */
    FTL_EPARSE = -4,       /* input is not what it claims to be */
    FTL_EDB = -5,          /* SQLite said no */
    FTL_EUSAGE = -6,       /* bad option or argument */
    FTL_ESCHEMA = -7,      /* case file of another version or not ours */
};

struct ftl_err {
    int code;              /* last code set, FTL_OK when none */
    char msg[512];         /* lowercase, no final period, names the file */
};

/* Record 'code' and a printf-style message in 'err' (which may be NULL).
 * Returns 'code' so callers can write 'return ftl_err_set(...)'. */
int ftl_err_set(struct ftl_err *err, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Clear 'err' back to FTL_OK with an empty message. */
void ftl_err_clear(struct ftl_err *err);

#endif
