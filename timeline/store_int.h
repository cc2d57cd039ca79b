/*
 * timeline/store_int.h - internals of the case store shared inside timeline/
 *
 * Only the files of timeline/ include this.  Collectors and exporters go
 * through timeline.h and never see SQL.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef TIMELINE_STORE_INT_H
#define TIMELINE_STORE_INT_H

#include <sqlite3.h>

#include "timeline/timeline.h"

#define TL_STMT_MAX 96

struct tl_store {
    sqlite3 *db;
    char *path;
    int readonly;
    int created;                        /* this open made the file */
    int depth;                          /* evidence savepoints open */
    const char *keys[TL_STMT_MAX];      /* SQL text pointer, the cache key */
    sqlite3_stmt *stmts[TL_STMT_MAX];   /* prepared once, reused */
    int nstmts;
};

/* Prepared statement for 'sql' (a string literal: its address is the cache
 * key), reset and with bindings cleared, ready to bind.  Owned by the
 * store.  NULL on error, with 'err' set. */
sqlite3_stmt *tl_store_stmt(struct tl_store *st, const char *sql,
                            struct ftl_err *err);

/* Translate the last SQLite error into 'err' as FTL_EDB. */
int tl_store_dberr(struct tl_store *st, struct ftl_err *err,
                   const char *what);

/* Execute SQL without results (schema, savepoints). */
int tl_store_exec(struct tl_store *st, const char *sql, struct ftl_err *err);

/* Bind helpers: NULL text becomes SQL NULL; empty string stays empty. */
int tl_bind_text(sqlite3_stmt *s, int i, const char *v);
int tl_bind_int_or_null(sqlite3_stmt *s, int i, int64_t v, int64_t null_v);

/* The exposure step (exposure.c, exposure_rows.c): the result tables
 * emptied for a new run, and the fixed statements of exposure_rows.c
 * (NULL-terminated) whose plans tl_ex_explain() also shows. */
int tl_ex_rows_clear(struct tl_store *st, struct ftl_err *err);
extern const char *const tl_ex_rows_sql[];

#endif
