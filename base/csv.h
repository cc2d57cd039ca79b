/*
 * base/csv.h - one RFC 4180 record reader for every CSV ftl reads
 *
 * The personnel register (exported by an HR system or a spreadsheet),
 * the category rules and the indicator packs (written by hand) are all
 * CSV.  Quoted fields may hold the delimiter, doubled quotes and line
 * breaks; a quote opens a quoted field only at the start of a field, and
 * a record goes on to the next line only while a quoted field is open,
 * so a stray quote in an unquoted field ("5'11\"") cannot swallow the
 * rest of the file.  The reader pulls its bytes through an ftl_read_fn,
 * so it knows nothing of where they come from.
 *
 * What differs between the files is chosen when the reader is opened:
 *   - the delimiter, or 0 to take the one (',' ';' or tab) that occurs
 *     most outside quotes on the first record's first line;
 *   - comments: '#' lines before the first record, or everywhere;
 *   - lenient (a stray quote is kept as text, for registers exported by
 *     some program) or strict (a quote inside an unquoted field, text
 *     after a closing quote and a NUL byte are errors naming the line,
 *     for files written by hand);
 *   - line ends: LF, with a CR before it dropped and a line break inside
 *     a quoted field read as LF; or RFC 4180's own, where CRLF, LF and a
 *     bare CR each end a line and a quoted field keeps its line breaks
 *     as written;
 *   - the caps (a line, a record, the lines of a record, fields);
 *   - how errors name the place: "line N: ..." for a caller that puts
 *     the file name in front itself, or "NAME:N: ..." when given a name.
 * Empty lines are skipped.  A UTF-8 byte order mark on the first line is
 * dropped.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef FTL_BASE_CSV_H
#define FTL_BASE_CSV_H

#include <stddef.h>
#include <stdint.h>

#include "base/base.h"

struct ftl_csv;

enum {
    FTL_CSV_HEAD_COMMENTS = 1, /* '#' lines before the first record */
    FTL_CSV_COMMENTS = 2,      /* '#' lines anywhere outside a record */
    FTL_CSV_STRICT = 4,        /* stray quotes and NUL bytes are errors */
    FTL_CSV_RFC_EOL = 8        /* CRLF, LF or CR end a line, kept inside
                                * quoted fields as written */
};

struct ftl_csv_opts {
    char delim;                /* ',' ';' '\t' ...; 0: guess it */
    unsigned flags;            /* FTL_CSV_* */
    const char *name;          /* NULL: errors "line N: ..."; else
                                * "NAME:N: ..." (borrowed: must outlive
                                * the reader) */
    size_t line_max;           /* bytes of one line, without its end */
    size_t record_max;         /* a record's field bytes and their NULs
                                * stay below this */
    size_t lines_max;          /* lines one record may span */
    size_t fields_max;         /* fields of one record */
};                             /* caps: 0 is none */

/* A reader of the records that 'read' pulls from 'arg'.  *out is owned by
 * the caller (ftl_csv_close); 'o' is copied. */
int ftl_csv_open(struct ftl_csv **out, const struct ftl_csv_opts *o,
                 ftl_read_fn read, void *arg, struct ftl_err *err);
/* The same over text[0..n) in memory, which must outlive the reader. */
int ftl_csv_open_mem(struct ftl_csv **out, const struct ftl_csv_opts *o,
                     const char *text, size_t n, struct ftl_err *err);
void ftl_csv_close(struct ftl_csv *c);

/* Next record: *fields points to nf NUL-terminated fields, writable and
 * valid until the next call; *line is the line where the record began.
 * Returns FTL_OK, FTL_DONE at the end, FTL_EPARSE naming the line (a cap
 * passed, an unclosed quote, a strict error), FTL_ENOMEM, or the error of
 * the read function (after the lines read before it). */
int ftl_csv_next(struct ftl_csv *c, char ***fields, int *nf, int64_t *line,
                 struct ftl_err *err);

/* The line read last (1-based): where an error was found. */
int64_t ftl_csv_lineno(const struct ftl_csv *c);

#endif
