/*
 * tests/testutil.c - scratch case files and one-line queries for the
 * Check suites
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <check.h>

#include "testutil.h"

#define OUT_MAX 4096

struct collect {
    char *out;
    int all;                   /* every row, or the first only */
    int rows;
};

static int collect_row(void *s, void *payload)
{
    struct collect *c = payload;
    const char *v = tl_col_text(s, 0);
    size_t n = strlen(c->out);

    snprintf(c->out + n, OUT_MAX - n, "%s%s", c->rows ? "|" : "",
             v ? v : "(null)");
    c->rows++;
    return !c->all;
}

static const char *query(struct tl_store *st, const char *sql, int all,
                         const char *none)
{
    static char out[OUT_MAX];
    struct collect c = { out, all, 0 };
    struct ftl_err err = { 0 };

    out[0] = '\0';
    ck_assert_msg(tl_store_query(st, sql, collect_row, &c, &err) == FTL_OK,
                  "%s: %s", sql, err.msg);
    if (!c.rows)
        snprintf(out, sizeof(out), "%s", none);
    return out;
}

const char *tu_one(struct tl_store *st, const char *sql)
{
    return query(st, sql, 0, "(no row)");
}

const char *tu_rows(struct tl_store *st, const char *sql)
{
    return query(st, sql, 1, "");
}

static int int_row(void *s, void *payload)
{
    *(int64_t *)payload = tl_col_int(s, 0);
    return 1;
}

int64_t tu_count(struct tl_store *st, const char *sql)
{
    struct ftl_err err = { 0 };
    int64_t n = -1;

    ck_assert_msg(tl_store_query(st, sql, int_row, &n, &err) == FTL_OK,
                  "%s: %s", sql, err.msg);
    return n;
}

struct tl_store *tu_case_open(const char *tag, char *path)
{
    struct tl_store *st = NULL;
    struct ftl_err err = { 0 };

    snprintf(path, 64, "/tmp/ftl-check-%s-%d.ftl", tag, (int)getpid());
    unlink(path);
    ck_assert_msg(tl_store_open(&st, path, TL_OPEN_CREATE, &err) == FTL_OK,
                  "%s", err.msg);
    return st;
}

void tu_case_close(struct tl_store *st, const char *path)
{
    tl_store_close(st);
    unlink(path);
}
