/*
 * tests/fuzz/fuzz_esc_csv.c - the CSV escaper (base/escape.c) read back
 * by the RFC 4180 reader (base/csv.c)
 *
 * The first byte says whether the formula guard is on; the rest, up to
 * a NUL (evidence strings are C strings in the case), is one cell.  It
 * is written after a header cell, as the exporters write a row, and
 * read back with RFC 4180 line ends.  Property: the record has two
 * fields and the second is the cell as the escaper documents it: the
 * same text, every byte that is not UTF-8 as \xNN, and with the guard
 * an apostrophe in front of a leading = + - @ tab CR or LF.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <string.h>

#include "base/base.h"
#include "base/csv.h"
#include "base/escape.h"
#include "tests/fuzz/fuzzutil.h"

/* What the escaper promises the cell reads back as. */
static void expected(struct ftl_buf *b, const unsigned char *p, size_t n,
                     unsigned flags)
{
    size_t i, len;
    char hex[5];

    if ((flags & FTL_ESC_CSV_FORMULA) && n && strchr("=+-@\t\r\n", p[0]))
        ftl_buf_putc(b, '\'');
    for (i = 0; i < n; i += len) {
        len = p[i] < 0x80 ? 1 : ftl_utf8_len(p + i, n - i);
        if (len) {
            ftl_buf_add(b, p + i, len);
        } else {
            snprintf(hex, sizeof(hex), "\\x%02X", p[i]);
            ftl_buf_add(b, hex, 4);
            len = 1;
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct ftl_csv_opts o = { ',', FTL_CSV_RFC_EOL, NULL, 0, 0, 0, 0 };
    struct ftl_buf out, want;
    struct ftl_err err = { 0 };
    struct ftl_csv *c;
    const unsigned char *cell;
    unsigned flags;
    size_t n;
    char **f;
    int nf;
    int64_t line;

    if (!size)
        return 0;
    flags = data[0] & 1 ? FTL_ESC_CSV_FORMULA : 0;
    cell = data + 1;
    n = strnlen((const char *)cell, size - 1);
    ftl_buf_init(&out, 0);
    ftl_buf_init(&want, 0);
    ftl_buf_puts(&out, "h,");
    if (ftl_esc_csv_buf(&out, (const char *)cell, n, flags) ||
        ftl_buf_puts(&out, "\r\n"))
        fu_fail("escaper: out of memory");
    expected(&want, cell, n, flags);
    if (!ftl_utf8_valid((const unsigned char *)ftl_buf_str(&out), out.len,
                        NULL))
        fu_fail("CSV output is not UTF-8");
    if (ftl_csv_open_mem(&c, &o, ftl_buf_str(&out), out.len, &err))
        fu_fail("reader: %s", err.msg);
    if (ftl_csv_next(c, &f, &nf, &line, &err))
        fu_fail("no record read back: %s (%s)", err.msg, ftl_buf_str(&out));
    if (nf != 2 || strcmp(f[0], "h") || strcmp(f[1], ftl_buf_str(&want)))
        fu_fail("cell '%s' reads back as %d fields, second '%s'",
                ftl_buf_str(&want), nf, nf > 1 ? f[1] : "");
    if (ftl_csv_next(c, &f, &nf, &line, &err) != FTL_DONE)
        fu_fail("a second record read back");
    ftl_csv_close(c);
    ftl_buf_release(&out);
    ftl_buf_release(&want);
    return 0;
}
