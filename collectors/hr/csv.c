/*
 * collectors/hr/csv.c - RFC 4180 records for the register and the rules
 *
 * A personnel register exported from an HR system or a spreadsheet is a
 * CSV file, often with ';' as separator (Excel in French, Dutch and
 * German settings) and sometimes with quoted fields that hold line
 * breaks.  Records are read line by line from a col_src (bounded lines)
 * with a small state machine: a quote opens a quoted field only at the
 * start of a field, "" inside it is one quote, and a record goes on to
 * the next line only while a quoted field is open, so a stray quote in
 * an unquoted field ("5'11\"") cannot swallow the rest of the file.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdlib.h>
#include <string.h>

#include "collectors/hr/hr_int.h"

#define LINE_MAX_BYTES (1 << 20)  /* one physical line */
#define RECORD_MAX_LINES 1000     /* lines one quoted record may span */
#define RECORD_MAX_BYTES (1 << 20) /* one record, all its lines */

struct hr_csv {
    struct col_src *src;
    char delim;
    int comments;             /* '#' lines are comments everywhere */
    int strict;               /* stray quotes and NULs are errors */
    int started;              /* header (first record) seen */
    char *buf;                /* field bytes, each NUL terminated */
    size_t len, cap;
    int toolong;              /* the record passed RECORD_MAX_BYTES */
    size_t *starts;           /* field offsets in buf */
    char **fields;            /* pointers into buf, made at the end */
    int nf, capf;
    int64_t line;             /* first line of the last record */
};

int hr_csv_open(struct hr_csv **out, struct col_src *src, char delim,
                int flags, struct ftl_err *err)
{
    struct hr_csv *c = calloc(1, sizeof(*c));

    *out = NULL;
    if (!c)
        return ftl_err_set(err, FTL_ENOMEM, "out of memory");
    c->src = src;
    c->delim = delim;
    c->comments = !!(flags & HR_CSV_COMMENTS);
    c->strict = !!(flags & HR_CSV_STRICT);
    *out = c;
    return FTL_OK;
}

void hr_csv_close(struct hr_csv *c)
{
    if (!c)
        return;
    free(c->buf);
    free(c->starts);
    free(c->fields);
    free(c);
}

/* Append one byte; -1 when out of memory or past RECORD_MAX_BYTES
 * (c->toolong set). */
static int put(struct hr_csv *c, char ch)
{
    if (c->len + 1 >= RECORD_MAX_BYTES) {
        c->toolong = 1;
        return -1;
    }
    if (c->len + 1 >= c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 1024;
        char *p = realloc(c->buf, cap);

        if (!p)
            return -1;
        c->buf = p;
        c->cap = cap;
    }
    c->buf[c->len++] = ch;
    return 0;
}

/* End the current field and start the next one. */
static int new_field(struct hr_csv *c)
{
    if (c->nf == c->capf) {
        int cap = c->capf ? c->capf * 2 : 16;
        size_t *s = realloc(c->starts, (size_t)cap * sizeof(*s));
        char **f;

        if (!s)
            return -1;
        c->starts = s;
        if (!(f = realloc(c->fields, (size_t)cap * sizeof(*f))))
            return -1;
        c->fields = f;
        c->capf = cap;
    }
    c->starts[c->nf++] = c->len;
    return 0;
}

/* The delimiter that occurs most outside quotes in the first record. */
static char guess_delim(const char *s, size_t n)
{
    size_t i, comma = 0, semi = 0, tab = 0;
    int q = 0;

    for (i = 0; i < n; i++) {
        if (s[i] == '"')
            q = !q;
        else if (!q && s[i] == ',')
            comma++;
        else if (!q && s[i] == ';')
            semi++;
        else if (!q && s[i] == '\t')
            tab++;
    }
    if (semi > comma && semi >= tab)
        return ';';
    if (tab > comma && tab > semi)
        return '\t';
    return ',';
}

enum { FIELD_START, UNQUOTED, QUOTED, QUOTE_IN_QUOTED };

/* What a strict reader refuses: the byte ch read in 'state'. */
static const char *strict_error(int state, char ch, char delim)
{
    if (ch == '\0')
        return "NUL byte";
    if (state == UNQUOTED && ch == '"')
        return "quote inside an unquoted field (quote the whole field and "
               "double the quote)";
    if (state == QUOTE_IN_QUOTED && ch != '"' && ch != delim)
        return "unexpected text after a closing quote";
    return NULL;
}

int hr_csv_next(struct hr_csv *c, char ***fields, int *nf, int64_t *line,
                struct ftl_err *err)
{
    const char *why;
    char *l;
    size_t n, i;
    int rc, trunc, state = FIELD_START, lines = 0, k;

    c->len = 0;
    c->nf = 0;
    c->toolong = 0;
    for (;;) {
        rc = col_src_getline(c->src, &l, &n, LINE_MAX_BYTES, &trunc, err);
        if (rc == FTL_DONE) {
            if (lines == 0)
                return FTL_DONE;
            return ftl_err_set(err, FTL_EPARSE, "quoted field opened at "
                               "line %lld is not closed at the end of the "
                               "file", (long long)c->line);
        }
        if (rc < 0)
            return rc;
        if (trunc)
            return ftl_err_set(err, FTL_EPARSE, "line %lld longer than %d "
                               "bytes", (long long)col_src_lineno(c->src),
                               LINE_MAX_BYTES);
        if (lines == 0) {
            /* A UTF-8 byte order mark on the first line. */
            if (!c->started && col_src_lineno(c->src) == 1 && n >= 3 &&
                memcmp(l, "\xef\xbb\xbf", 3) == 0) {
                l += 3;
                n -= 3;
            }
            if (n == 0 || ((c->comments || !c->started) && l[0] == '#'))
                continue;
            c->line = col_src_lineno(c->src);
            if (!c->delim)
                c->delim = guess_delim(l, n);
            if (new_field(c))
                goto nomem;
        } else if (++lines > RECORD_MAX_LINES) {
            return ftl_err_set(err, FTL_EPARSE, "quoted field opened at "
                               "line %lld runs over %d lines",
                               (long long)c->line, RECORD_MAX_LINES);
        } else if (put(c, '\n')) {
            goto nomem;        /* the line break inside a quoted field */
        }
        lines = lines ? lines : 1;
        for (i = 0; i < n; i++) {
            char ch = l[i];

            if (c->strict && (why = strict_error(state, ch, c->delim)) != NULL)
                return ftl_err_set(err, FTL_EPARSE, "line %lld: %s",
                                   (long long)col_src_lineno(c->src), why);
            switch (state) {
            case FIELD_START:
                if (ch == '"') {
                    state = QUOTED;
                    continue;
                }
                state = UNQUOTED;
                /* fall through */
            case UNQUOTED:
                if (ch == c->delim) {
                    if (put(c, '\0') || new_field(c))
                        goto nomem;
                    state = FIELD_START;
                } else if (put(c, ch)) {
                    goto nomem;
                }
                break;
            case QUOTED:
                if (ch == '"')
                    state = QUOTE_IN_QUOTED;
                else if (put(c, ch))
                    goto nomem;
                break;
            case QUOTE_IN_QUOTED:
                if (ch == '"') {
                    if (put(c, '"'))
                        goto nomem;
                    state = QUOTED;
                } else if (ch == c->delim) {
                    if (put(c, '\0') || new_field(c))
                        goto nomem;
                    state = FIELD_START;
                } else {
                    /* "ab"c: keep the text after the closing quote. */
                    if (put(c, ch))
                        goto nomem;
                    state = UNQUOTED;
                }
                break;
            }
        }
        if (state != QUOTED)
            break;
    }
    if (put(c, '\0'))
        goto nomem;
    c->started = 1;
    for (k = 0; k < c->nf; k++)
        c->fields[k] = c->buf + c->starts[k];
    *fields = c->fields;
    *nf = c->nf;
    *line = c->line;
    return FTL_OK;
nomem:
    if (c->toolong)
        return ftl_err_set(err, FTL_EPARSE, "record at line %lld longer "
                           "than %d bytes", (long long)c->line,
                           RECORD_MAX_BYTES);
    return ftl_err_set(err, FTL_ENOMEM, "out of memory");
}
