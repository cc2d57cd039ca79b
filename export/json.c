/*
 * export/json.c - the typed JSON object writer of the line exporters
 *
 * Each member has one JSON type wherever it is written: a string member
 * is always a string, a number always a number, a list always a list,
 * and a value that is absent (NULL, an empty list) is left out, never
 * written as null or "".  That is what Timesketch and OpenSearch need:
 * both map a field by the first value they see, so a field that is a
 * number on one line and a string on the next is refused or mangled.
 * Objects are built in an ftl_buf, so that a bulk writer knows a line's
 * size before it chooses the file it goes to, and a line costs one
 * write.  Strings go through ftl_esc_json_buf() (base/escape.h).
 *
 * SPDX-License-Identifier: MIT
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "base/escape.h"
#include "export/export.h"

/* A line is many small pieces: copy them straight into the room the
 * buffer already has (its fields are public, base/buf.h), and leave
 * growing and the cap to ftl_buf_add(). */
static void add(struct exp_json *j, const char *s, size_t n)
{
    struct ftl_buf *b = j->b;
    int rc;

    if (b->p && b->len + n < b->cap && (!b->max || b->len + n <= b->max)) {
        memcpy(b->p + b->len, s, n);
        b->len += n;
        b->p[b->len] = '\0';
        return;
    }
    if ((rc = ftl_buf_add(b, s, n)) && !j->rc)
        j->rc = rc;
}

/* The separator and "name": of the next member, in one piece. */
static void member(struct exp_json *j, const char *name)
{
    char m[64];
    size_t n = strlen(name);   /* ftl's own names: nothing to escape */

    if (n + 4 > sizeof(m)) {
        j->rc = j->rc ? j->rc : FTL_ERR;   /* a programming error */
        return;
    }
    m[0] = ',';
    m[1] = '"';
    memcpy(m + 2, name, n);
    m[n + 2] = '"';
    m[n + 3] = ':';
    if (j->n[j->depth]++)
        add(j, m, n + 4);
    else
        add(j, m + 1, n + 3);
}

static void string(struct exp_json *j, const char *s)
{
    int rc = ftl_esc_json_buf(j->b, s);

    if (rc && !j->rc)
        j->rc = rc;
}

/* v in decimal, without printf's cost per call. */
static void number(struct exp_json *j, int64_t v)
{
    char tmp[24], *p = tmp + sizeof(tmp);
    uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;

    do {
        *--p = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        *--p = '-';
    add(j, p, (size_t)(tmp + sizeof(tmp) - p));
}

void exp_json_begin(struct exp_json *j, struct ftl_buf *b)
{
    memset(j, 0, sizeof(*j));
    j->b = b;
    add(j, "{", 1);
}

int exp_json_end(struct exp_json *j)
{
    while (j->depth > 0)
        exp_json_close(j);
    add(j, "}\n", 2);
    return j->rc;
}

void exp_json_text(struct exp_json *j, const char *name, const char *s)
{
    if (!s)
        return;
    member(j, name);
    string(j, s);
}

void exp_json_int(struct exp_json *j, const char *name, int64_t v)
{
    member(j, name);
    number(j, v);
}

void exp_json_texts(struct exp_json *j, const char *name,
                   const char *const *v, size_t n)
{
    size_t i;

    if (!n)
        return;
    member(j, name);
    add(j, "[", 1);
    for (i = 0; i < n; i++) {
        if (i)
            add(j, ",", 1);
        string(j, v[i]);
    }
    add(j, "]", 1);
}

void exp_json_ints(struct exp_json *j, const char *name, const int64_t *v,
                   size_t n)
{
    size_t i;

    if (!n)
        return;
    member(j, name);
    add(j, "[", 1);
    for (i = 0; i < n; i++) {
        if (i)
            add(j, ",", 1);
        number(j, v[i]);
    }
    add(j, "]", 1);
}

void exp_json_open(struct exp_json *j, const char *name)
{
    member(j, name);
    add(j, "{", 1);
    if (j->depth + 1 < EXP_JSON_DEPTH)
        j->n[++j->depth] = 0;
    else if (!j->rc)
        j->rc = FTL_ERR;       /* a programming error: too deep */
}

void exp_json_close(struct exp_json *j)
{
    if (j->depth > 0)
        j->depth--;
    add(j, "}", 1);
}
