/*
 * tests/fuzz/fuzz_staff.c - the staff register (collectors/hr/staff.c:
 * CSV through base/csv.c, or HR-XML through hrxml.c), collected into
 * the scratch case as 'ftl collect staff FILE' does
 *
 * The input is the register file (CSV or XML by its content, as the
 * collector decides).  Property: the collection succeeds, or fails with
 * a message as bad input does (FTL_EPARSE, FTL_EIO), never with a store
 * error or out of memory.
 *
 * SPDX-License-Identifier: MIT
 */
#include "collectors/hr/hr_int.h"
#include "tests/fuzz/fuzzutil.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct ftl_err err = { 0 };
    struct col_ctx *ctx = fu_ctx();
    const char *path = fu_file(".csv", data, size);
    int rc;

    rc = col_staff_collect(ctx, NULL, path, &err);
    if (rc == FTL_EDB || rc == FTL_ENOMEM || rc == FTL_ERR ||
        (rc < 0 && !err.msg[0]))
        fu_fail("register collection failed (%d): %s", rc, err.msg);
    return 0;
}
