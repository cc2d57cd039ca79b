/*
 * base/csv.c - RFC 4180 records read line by line from a pull reader
 *
 * Two layers: lines are cut from 64 KiB blocks of input (read_line, with
 * the line cap checked before a line is parsed, so that a binary file read
 * as CSV fails on its first long line), and a small state machine turns
 * lines into fields (parse_line).  Fields are gathered in one bounded
 * buffer, each NUL-terminated, and handed out as pointers into it.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/csv.h"

#define BLOCK (64 * 1024)      /* bytes pulled from the reader at once */

struct ftl_csv {
    struct ftl_csv_opts o;
    char delim;                /* o.delim, or the one guessed */
    ftl_read_fn read;
    void *arg;
    const char *mem;           /* ftl_csv_open_mem(): the text */
    size_t mem_len, mem_pos;
    char *in;                  /* the block being cut into lines */
    size_t in_pos, in_len;
    int eof;                   /* the reader said end (or failed) */
    struct ftl_err pending;    /* its failure, given after the last line */
    struct ftl_buf line;       /* the current line, without its end */
    char eol[3];               /* its end as written: "\r\n" "\n" "\r" "" */
    int64_t lineno;            /* its number */
    int started;               /* a record was handed out */
    struct ftl_buf rec;        /* field bytes, each NUL-terminated */
    size_t *starts;            /* field offsets in rec */
    char **fields;             /* pointers into rec, made at the end */
    size_t nf, capf;
    int64_t rec_line;          /* first line of the current record */
};

/* ---- messages ------------------------------------------------------- */

enum { E_NUL, E_QUOTE, E_AFTER, E_UNCLOSED, E_LINE, E_LINES, E_BYTES,
       E_FIELDS };

#define QUOTE_WHY "quote inside an unquoted field (quote the whole field " \
                  "and double the quote)"

/* Each error in both styles (csv.h): with the line first, the caller
 * naming the file ("%lld" then any "%zu" for the cap), and after
 * "NAME:LINE: " (only the cap). */
static const struct {
    const char *lined;
    const char *named;
} msgs[] = {
    [E_NUL] = { "line %lld: NUL byte", "NUL byte in the text" },
    [E_QUOTE] = { "line %lld: " QUOTE_WHY, QUOTE_WHY },
    [E_AFTER] = { "line %lld: unexpected text after a closing quote",
                  "unexpected text after a closing quote" },
    [E_UNCLOSED] = { "quoted field opened at line %lld is not closed at "
                     "the end of the file", "quoted field is not closed" },
    [E_LINE] = { "line %lld longer than %zu bytes",
                 "line longer than %zu bytes" },
    [E_LINES] = { "quoted field opened at line %lld runs over %zu lines",
                  "quoted field runs over %zu lines" },
    [E_BYTES] = { "record at line %lld longer than %zu bytes",
                  "record longer than %zu bytes" },
    [E_FIELDS] = { "record at line %lld has more than %zu fields",
                   "more than %zu fields" },
};

/* Set the error 'what' found at 'line'; returns FTL_EPARSE. */
static int fail(const struct ftl_csv *c, int what, int64_t line,
                struct ftl_err *err)
{
    size_t cap = what == E_LINE ? c->o.line_max
                 : what == E_LINES ? c->o.lines_max
                 : what == E_BYTES ? c->o.record_max : c->o.fields_max;
    char why[160];

    /* Formats take fewer arguments than given where they name no cap;
     * C ignores the rest (C11 7.21.6.1). */
    if (!c->o.name)
        return ftl_err_set(err, FTL_EPARSE, msgs[what].lined,
                           (long long)line, cap);
    snprintf(why, sizeof(why), msgs[what].named, cap);
    return ftl_err_set(err, FTL_EPARSE, "%s:%lld: %s", c->o.name,
                       (long long)line, why);
}

/* An ftl_buf_add() code as the reader's: its cap is E_BYTES. */
static int rec_fail(const struct ftl_csv *c, int rc, struct ftl_err *err)
{
    if (rc == FTL_DONE)
        return fail(c, E_BYTES, c->rec_line, err);
    return ftl_err_set(err, FTL_ENOMEM, "out of memory");
}

/* ---- opening -------------------------------------------------------- */

static ssize_t mem_read(void *arg, void *buf, size_t n, struct ftl_err *err)
{
    struct ftl_csv *c = arg;

    (void)err;
    if (n > c->mem_len - c->mem_pos)
        n = c->mem_len - c->mem_pos;
    memcpy(buf, c->mem + c->mem_pos, n);
    c->mem_pos += n;
    return (ssize_t)n;
}

int ftl_csv_open(struct ftl_csv **out, const struct ftl_csv_opts *o,
                 ftl_read_fn read, void *arg, struct ftl_err *err)
{
    struct ftl_csv *c = calloc(1, sizeof(*c));

    *out = NULL;
    if (!c || !(c->in = malloc(BLOCK))) {
        free(c);
        return ftl_err_set(err, FTL_ENOMEM, "out of memory");
    }
    c->o = *o;
    c->delim = o->delim;
    c->read = read;
    c->arg = arg;
    /* One byte more than a line may hold: the CR dropped before its LF.
     * record_max is "stays below", the buffer's cap "at most". */
    ftl_buf_init(&c->line, o->line_max ? o->line_max + 1 : 0);
    ftl_buf_init(&c->rec, o->record_max > 1 ? o->record_max - 1 : 0);
    *out = c;
    return FTL_OK;
}

int ftl_csv_open_mem(struct ftl_csv **out, const struct ftl_csv_opts *o,
                     const char *text, size_t n, struct ftl_err *err)
{
    int rc = ftl_csv_open(out, o, mem_read, NULL, err);

    if (rc == FTL_OK) {
        (*out)->arg = *out;
        (*out)->mem = text;
        (*out)->mem_len = n;
    }
    return rc;
}

void ftl_csv_close(struct ftl_csv *c)
{
    if (!c)
        return;
    free(c->in);
    ftl_buf_release(&c->line);
    ftl_buf_release(&c->rec);
    free(c->starts);
    free(c->fields);
    free(c);
}

int64_t ftl_csv_lineno(const struct ftl_csv *c)
{
    return c->lineno;
}

/* ---- lines ---------------------------------------------------------- */

/* Pull the next block: FTL_OK, or FTL_DONE at the end of the input or
 * after a read error, which is kept in c->pending. */
static int fill(struct ftl_csv *c)
{
    struct ftl_err e = { 0 };
    ssize_t got;

    if (c->eof)
        return FTL_DONE;
    got = c->read(c->arg, c->in, BLOCK, &e);
    if (got <= 0) {
        c->eof = 1;
        if (got < 0)
            c->pending = e.code ? e : (struct ftl_err){ FTL_EIO, "read "
                                                        "error" };
        return FTL_DONE;
    }
    c->in_pos = 0;
    c->in_len = (size_t)got;
    return FTL_OK;
}

/* Where the line in s[0..n) ends: its first LF, or with FTL_CSV_RFC_EOL
 * its first CR or LF; NULL when it goes on past s + n. */
static const char *find_eol(const struct ftl_csv *c, const char *s,
                            size_t n)
{
    const char *lf = memchr(s, '\n', n), *cr;

    if (!(c->o.flags & FTL_CSV_RFC_EOL))
        return lf;
    cr = memchr(s, '\r', lf ? (size_t)(lf - s) : n);
    return cr ? cr : lf;
}

/* Take the line end at c->in[c->in_pos] into c->eol. */
static void take_eol(struct ftl_csv *c)
{
    char e = c->in[c->in_pos++];

    strcpy(c->eol, e == '\n' ? "\n" : "\r");
    if (e == '\n' || (c->in_pos == c->in_len && fill(c) != FTL_OK))
        return;
    if (c->in[c->in_pos] == '\n') {
        c->in_pos++;
        strcpy(c->eol, "\r\n");
    }
}

/* Read the next line into c->line: FTL_OK, FTL_DONE when the input is
 * over, or an error (the reader's, after the part of a line it gave). */
static int read_line(struct ftl_csv *c, struct ftl_err *err)
{
    const char *s, *end;
    size_t take;
    int any = 0, rc;

    ftl_buf_reset(&c->line);
    c->eol[0] = '\0';
    for (;;) {
        if (c->in_pos == c->in_len && fill(c) != FTL_OK) {
            if (any)
                break;         /* a last line without an end */
            if (c->pending.code) {
                *err = c->pending;
                c->pending.code = FTL_OK;
                return err->code;
            }
            return FTL_DONE;
        }
        any = 1;
        s = c->in + c->in_pos;
        end = find_eol(c, s, c->in_len - c->in_pos);
        take = end ? (size_t)(end - s) : c->in_len - c->in_pos;
        if ((rc = ftl_buf_add(&c->line, s, take)) == FTL_DONE) {
            c->lineno++;       /* the long line is the one read last */
            return fail(c, E_LINE, c->lineno, err);
        }
        if (rc)
            return ftl_err_set(err, FTL_ENOMEM, "out of memory");
        c->in_pos += take;
        if (end) {
            take_eol(c);
            break;
        }
    }
    /* An LF line drops the CR before it (CRLF files). */
    if (!(c->o.flags & FTL_CSV_RFC_EOL) && c->line.len &&
        c->line.p[c->line.len - 1] == '\r') {
        ftl_buf_truncate(&c->line, c->line.len - 1);
        strcpy(c->eol, "\r\n");
    }
    c->lineno++;
    if (c->o.line_max && c->line.len > c->o.line_max)
        return fail(c, E_LINE, c->lineno, err);
    return FTL_OK;
}

/* ---- records -------------------------------------------------------- */

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

/* End the current field (its NUL) and start the next one. */
static int new_field(struct ftl_csv *c, int first, struct ftl_err *err)
{
    int rc;

    if (!first && (rc = ftl_buf_putc(&c->rec, '\0')))
        return rec_fail(c, rc, err);
    if (c->o.fields_max && c->nf == c->o.fields_max)
        return fail(c, E_FIELDS, c->rec_line, err);
    if (c->nf == c->capf) {
        size_t cap = c->capf ? c->capf * 2 : 16;
        size_t *s = realloc(c->starts, cap * sizeof(*s));
        char **f;

        if (!s)
            return ftl_err_set(err, FTL_ENOMEM, "out of memory");
        c->starts = s;
        if (!(f = realloc(c->fields, cap * sizeof(*f))))
            return ftl_err_set(err, FTL_ENOMEM, "out of memory");
        c->fields = f;
        c->capf = cap;
    }
    c->starts[c->nf++] = c->rec.len;
    return FTL_OK;
}

enum { FIELD_START, UNQUOTED, QUOTED, QUOTE_IN_QUOTED };

/* What a strict reader refuses: the byte ch read in 'state'; -1 for
 * none. */
static int strict_error(int state, char ch, char delim)
{
    if (ch == '\0')
        return E_NUL;
    if (state == UNQUOTED && ch == '"')
        return E_QUOTE;
    if (state == QUOTE_IN_QUOTED && ch != '"' && ch != delim)
        return E_AFTER;
    return -1;
}

/* Run the state machine over one line l[0..n); *state goes on from the
 * line before (QUOTED when a quoted field spans lines). */
static int parse_line(struct ftl_csv *c, const char *l, size_t n,
                      int *state, struct ftl_err *err)
{
    int strict = c->o.flags & FTL_CSV_STRICT, why, rc = FTL_OK;
    size_t i;

    for (i = 0; i < n && rc == FTL_OK; i++) {
        char ch = l[i];

        if (strict && (why = strict_error(*state, ch, c->delim)) >= 0)
            return fail(c, why, c->lineno, err);
        switch (*state) {
        case FIELD_START:
            if (ch == '"') {
                *state = QUOTED;
                continue;
            }
            *state = UNQUOTED;
            /* fall through */
        case UNQUOTED:
            if (ch == c->delim) {
                rc = new_field(c, 0, err);
                *state = FIELD_START;
            } else if ((rc = ftl_buf_putc(&c->rec, ch))) {
                rc = rec_fail(c, rc, err);
            }
            break;
        case QUOTED:
            if (ch == '"')
                *state = QUOTE_IN_QUOTED;
            else if ((rc = ftl_buf_putc(&c->rec, ch)))
                rc = rec_fail(c, rc, err);
            break;
        case QUOTE_IN_QUOTED:
            if (ch == c->delim) {
                rc = new_field(c, 0, err);
                *state = FIELD_START;
                break;
            }
            /* "" is one quote; "ab"c keeps the text after the quote. */
            if ((rc = ftl_buf_putc(&c->rec, ch)))
                rc = rec_fail(c, rc, err);
            *state = ch == '"' ? QUOTED : UNQUOTED;
            break;
        }
    }
    return rc;
}

/* The first line of a record, or 0 when it is skipped (empty, a
 * comment); the BOM is dropped from *l. */
static int record_start(struct ftl_csv *c, const char **l, size_t *n)
{
    unsigned f = c->o.flags;

    if (!c->started && c->lineno == 1 && *n >= 3 &&
        memcmp(*l, "\xef\xbb\xbf", 3) == 0) {
        *l += 3;
        *n -= 3;
    }
    if (*n == 0 || ((*l)[0] == '#' && ((f & FTL_CSV_COMMENTS) ||
                                       ((f & FTL_CSV_HEAD_COMMENTS) &&
                                        !c->started))))
        return 0;
    c->rec_line = c->lineno;
    if (!c->delim)
        c->delim = guess_delim(*l, *n);
    return 1;
}

/* A line break inside a quoted field, as the line ends read it. */
static int quoted_break(struct ftl_csv *c, const char *eol,
                        struct ftl_err *err)
{
    int rc;

    if (!(c->o.flags & FTL_CSV_RFC_EOL))
        rc = ftl_buf_putc(&c->rec, '\n');
    else if ((rc = ftl_buf_puts(&c->rec, eol)) == FTL_OK &&
             strcmp(eol, "\r") == 0)
        c->lineno--;   /* a bare CR in a field is data: lines are LFs */
    return rc ? rec_fail(c, rc, err) : FTL_OK;
}

int ftl_csv_next(struct ftl_csv *c, char ***fields, int *nf, int64_t *line,
                 struct ftl_err *err)
{
    int state = FIELD_START, rc;
    size_t lines = 0, k, n;
    const char *l;
    char eol[3] = "";

    ftl_buf_reset(&c->rec);
    c->nf = 0;
    for (;;) {
        if ((rc = read_line(c, err)) == FTL_DONE)
            return lines ? fail(c, E_UNCLOSED, c->rec_line, err) : FTL_DONE;
        if (rc < 0)
            return rc;
        l = ftl_buf_str(&c->line);
        n = c->line.len;
        if (lines == 0) {
            if (!record_start(c, &l, &n))
                continue;
            if ((rc = new_field(c, 1, err)))
                return rc;
        } else if (c->o.lines_max && lines >= c->o.lines_max) {
            return fail(c, E_LINES, c->rec_line, err);
        } else if ((rc = quoted_break(c, eol, err))) {
            return rc;
        }
        lines++;
        if ((rc = parse_line(c, l, n, &state, err)))
            return rc;
        if (state != QUOTED)
            break;
        strcpy(eol, c->eol);
    }
    if ((rc = ftl_buf_putc(&c->rec, '\0')))
        return rec_fail(c, rc, err);
    c->started = 1;
    for (k = 0; k < c->nf; k++)
        c->fields[k] = c->rec.p + c->starts[k];
    *fields = c->fields;
    *nf = (int)c->nf;
    *line = c->rec_line;
    return FTL_OK;
}
