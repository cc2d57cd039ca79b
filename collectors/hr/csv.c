/*
 * collectors/hr/csv.c - the register's and the rules' CSV reader
 *
 * The records are read by base/csv.c; this file hands it the bytes of a
 * col_src (decompressed and hashed as they go by) and the caps of the
 * HR files.
 *
 * SPDX-License-Identifier: MIT
 */
#include "collectors/hr/hr_int.h"

static ssize_t src_pull(void *arg, void *buf, size_t n, struct ftl_err *err)
{
    return col_src_read(arg, buf, n, err);
}

int hr_csv_open(struct ftl_csv **out, struct col_src *src, char delim,
                unsigned flags, struct ftl_err *err)
{
    struct ftl_csv_opts o = {
        .delim = delim,
        .flags = flags,
        .line_max = FTL_LIMIT_CSV_LINE,
        .record_max = FTL_LIMIT_CSV_RECORD,
        .lines_max = FTL_LIMIT_CSV_RECORD_LINES,
    };

    return ftl_csv_open(out, &o, src_pull, src, err);
}
