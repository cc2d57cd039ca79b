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
    char *rp_dir, *rp_real;             /* last directory realpath()'d
                                           for a place, and its answer */
    const char *keys[TL_STMT_MAX];      /* SQL text pointer, the cache key */
    sqlite3_stmt *stmts[TL_STMT_MAX];   /* prepared once, reused */
    int nstmts;
};

/* ORDER BY of evidence_places p joined with its evidence e: the place
 * the evidence row names (its first, the one it was read from) first,
 * then the others in the order they were found.  After a replacement
 * the places moved from the earlier item are older than the new item's
 * own. */
#define TL_OWN_PLACE_FIRST \
    "(p.parent_id = e.parent_id AND p.inner_path = e.inner_path" \
    " AND p.path = e.path) DESC, p.id"

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
