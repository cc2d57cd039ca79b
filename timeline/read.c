/*
 * timeline/read.c - the typed readers the exporters walk: events, files
 * and any table of the case
 *
 * The exporters know the case only through these structs with named
 * fields; the SQL, the column order and the flag bits stay here, next to
 * the schema in store.c.  Each walk prepares its own statement rather
 * than taking one from the store's cache, so that a callback may run
 * another walk.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "timeline/store_int.h"

/* Step s to its end, calling each(s, arg) per row.  The callback's
 * non-zero return stops the walk and is returned; a step error is
 * FTL_EDB.  Finalizes s. */
static int walk(struct tl_store *st, sqlite3_stmt *s,
                int (*each)(sqlite3_stmt *s, void *arg), void *arg,
                struct ftl_err *err)
{
    int rc, stop = 0;

    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        if ((stop = each(s, arg)) != 0)
            break;
    if (!stop && rc != SQLITE_DONE)
        stop = tl_store_dberr(st, err, "read");
    sqlite3_finalize(s);
    return stop;
}

static sqlite3_stmt *prepare(struct tl_store *st, const char *sql,
                             struct ftl_err *err)
{
    sqlite3_stmt *s = NULL;

    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK) {
        tl_store_dberr(st, err, "prepare");
        sqlite3_finalize(s);
        return NULL;
    }
    return s;
}

static const char *text(sqlite3_stmt *s, int i)
{
    return (const char *)sqlite3_column_text(s, i);
}

/* ---- events ------------------------------------------------------- */

/* Column numbers of the events statement below. */
enum {
    EV_ID, EV_TS, EV_PREC, EV_TS_DESC, EV_MESSAGE, EV_SOURCE, EV_ARTIFACT,
    EV_EVIDENCE_ID, EV_LOCATOR, EV_RAW_TIME, EV_TZ, EV_FLAGS, EV_FILE_ID,
    EV_MSG_ID, EV_DOC_ID, EV_PERSON_ID, EV_INDICATORS, EV_EVIDENCE,
    EV_EVIDENCE_SHA256
};

/* Parameters: ?1 from, ?2 to, ?3 required flags, ?4 evidence (0 any),
 * ?5 source, ?6 artifact (NULL any), ?7 person (0 any), ?8 TL_F_IOC.
 * The filters are written so that the index on ts still orders the walk. */
static const char events_sql[] =
    "SELECT e.id, e.ts, e.prec, e.ts_desc, e.message, e.source,"
    " e.artifact, e.evidence_id, e.locator, e.raw_time, e.tz, e.flags,"
    " e.file_id, e.msg_id, e.doc_id, e.person_id,"
    " CASE WHEN e.flags & ?8 THEN"
    "  (SELECT group_concat(coalesce(h.family || ': ', '') ||"
    "   coalesce(h.ioc_type || ' ' || h.ioc_value, h.rule), '; ')"
    "   FROM ioc_hits h WHERE h.evidence_id = e.evidence_id"
    "   AND h.locator = e.locator) END,"
    " v.path || CASE WHEN v.inner_path != '' THEN '//' || v.inner_path"
    "   ELSE '' END, v.sha256"
    " FROM events e JOIN evidence v ON v.id = e.evidence_id"
    " WHERE e.ts >= ?1 AND e.ts <= ?2 AND (e.flags & ?3) = ?3"
    " AND (?4 = 0 OR e.evidence_id = ?4)"
    " AND (?5 IS NULL OR e.source = ?5)"
    " AND (?6 IS NULL OR e.artifact = ?6)"
    " AND (?7 = 0 OR e.person_id = ?7)"
    " ORDER BY e.ts, e.id";

struct event_walk {
    tl_event_fn fn;
    void *arg;
};

static int event_row(sqlite3_stmt *s, void *arg)
{
    struct event_walk *w = arg;
    struct tl_event_row r;

    r.id = sqlite3_column_int64(s, EV_ID);
    r.ts = sqlite3_column_int64(s, EV_TS);
    r.prec = sqlite3_column_int(s, EV_PREC);
    r.ts_desc = text(s, EV_TS_DESC);
    r.message = text(s, EV_MESSAGE);
    r.source = text(s, EV_SOURCE);
    r.artifact = text(s, EV_ARTIFACT);
    r.evidence_id = sqlite3_column_int64(s, EV_EVIDENCE_ID);
    r.locator = text(s, EV_LOCATOR);
    r.raw_time = text(s, EV_RAW_TIME);
    r.tz = text(s, EV_TZ);
    r.flags = (unsigned)sqlite3_column_int64(s, EV_FLAGS);
    r.file_id = sqlite3_column_int64(s, EV_FILE_ID);
    r.msg_id = sqlite3_column_int64(s, EV_MSG_ID);
    r.doc_id = sqlite3_column_int64(s, EV_DOC_ID);
    r.person_id = sqlite3_column_int64(s, EV_PERSON_ID);
    r.indicators = text(s, EV_INDICATORS);
    r.evidence = text(s, EV_EVIDENCE);
    r.evidence_sha256 = text(s, EV_EVIDENCE_SHA256);
    return w->fn(&r, w->arg);
}

int tl_events_each(struct tl_store *st, const struct tl_event_query *q,
                   tl_event_fn fn, void *arg, struct ftl_err *err)
{
    static const struct tl_event_query all;
    struct event_walk w = { fn, arg };
    sqlite3_stmt *s;

    if (!q)
        q = &all;
    if (!(s = prepare(st, events_sql, err)))
        return FTL_EDB;
    sqlite3_bind_int64(s, 1, q->has_from ? q->from : INT64_MIN);
    sqlite3_bind_int64(s, 2, q->has_to ? q->to : INT64_MAX);
    sqlite3_bind_int64(s, 3, q->flags);
    sqlite3_bind_int64(s, 4, q->evidence_id);
    tl_bind_text(s, 5, q->source);
    tl_bind_text(s, 6, q->artifact);
    sqlite3_bind_int64(s, 7, q->person_id);
    sqlite3_bind_int64(s, 8, TL_F_IOC);
    return walk(st, s, event_row, &w, err);
}

/* ---- files -------------------------------------------------------- */

enum {
    FI_EVIDENCE_ID, FI_PART_OFFSET, FI_PARTITION, FI_ADDR, FI_INODE,
    FI_PATH, FI_LINK, FI_NAME_ALLOC, FI_META_ALLOC, FI_DELETED, FI_MODE,
    FI_UID, FI_GID, FI_SIZE, FI_ATIME, FI_MTIME, FI_CTIME, FI_CRTIME,
    FI_DTIME, FI_MD5, FI_SHA256, FI_HASH_NOTE, FI_LOCATOR
};

/* Two statements rather than "?1 = 0 OR evidence_id = ?1", which keeps
 * SQLite from using the files_key index for one item. */
#define FILE_COLUMNS "SELECT evidence_id, part_offset, partition, addr," \
    " inode, path, link, name_alloc, meta_alloc, deleted, mode, uid, gid," \
    " size, atime, mtime, ctime, crtime, dtime, md5, sha256, hash_note," \
    " locator FROM files"
static const char files_all_sql[] = FILE_COLUMNS " ORDER BY id";
static const char files_one_sql[] = FILE_COLUMNS
    " WHERE evidence_id = ?1 ORDER BY id";
#undef FILE_COLUMNS

struct file_walk {
    tl_file_fn fn;
    void *arg;
};

static int64_t int_or(sqlite3_stmt *s, int i, int64_t null_v)
{
    if (sqlite3_column_type(s, i) == SQLITE_NULL)
        return null_v;
    return sqlite3_column_int64(s, i);
}

static int file_row(sqlite3_stmt *s, void *arg)
{
    struct file_walk *w = arg;
    struct tl_file f;

    f.evidence_id = sqlite3_column_int64(s, FI_EVIDENCE_ID);
    f.part_offset = int_or(s, FI_PART_OFFSET, -1);
    f.partition = text(s, FI_PARTITION);
    f.addr = int_or(s, FI_ADDR, -1);
    f.inode = text(s, FI_INODE);
    f.path = text(s, FI_PATH);
    f.link = text(s, FI_LINK);
    f.name_alloc = sqlite3_column_int(s, FI_NAME_ALLOC);
    f.meta_alloc = sqlite3_column_int(s, FI_META_ALLOC);
    f.deleted = sqlite3_column_int(s, FI_DELETED);
    f.mode = text(s, FI_MODE);
    f.uid = text(s, FI_UID);
    f.gid = text(s, FI_GID);
    f.size = sqlite3_column_int64(s, FI_SIZE);
    f.atime = sqlite3_column_int64(s, FI_ATIME);
    f.mtime = sqlite3_column_int64(s, FI_MTIME);
    f.ctime = sqlite3_column_int64(s, FI_CTIME);
    f.crtime = sqlite3_column_int64(s, FI_CRTIME);
    f.dtime = sqlite3_column_int64(s, FI_DTIME);
    f.md5 = text(s, FI_MD5);
    f.sha256 = text(s, FI_SHA256);
    f.hash_note = text(s, FI_HASH_NOTE);
    f.locator = text(s, FI_LOCATOR);
    return w->fn(&f, w->arg);
}

int tl_files_each(struct tl_store *st, int64_t evidence_id, tl_file_fn fn,
                  void *arg, struct ftl_err *err)
{
    struct file_walk w = { fn, arg };
    sqlite3_stmt *s;

    s = prepare(st, evidence_id ? files_one_sql : files_all_sql, err);
    if (!s)
        return FTL_EDB;
    if (evidence_id)
        sqlite3_bind_int64(s, 1, evidence_id);
    return walk(st, s, file_row, &w, err);
}

/* ---- any table ---------------------------------------------------- */

/* Longest table name accepted: the schema's are far shorter. */
#define TABLE_NAME_MAX 64

static const char tables_sql[] =
    "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')"
    " AND name NOT LIKE 'sqlite_%' ORDER BY name";

struct name_walk {
    tl_name_fn fn;
    void *arg;
};

static int name_row(sqlite3_stmt *s, void *arg)
{
    struct name_walk *w = arg;

    return w->fn(text(s, 0), w->arg);
}

int tl_tables_each(struct tl_store *st, tl_name_fn fn, void *arg,
                   struct ftl_err *err)
{
    struct name_walk w = { fn, arg };
    sqlite3_stmt *s = prepare(st, tables_sql, err);

    return s ? walk(st, s, name_row, &w, err) : FTL_EDB;
}

/* The tables of the case, ", "-separated, for a message: room for the
 * schema's thirty-odd names within struct ftl_err's message. */
#define TABLE_LIST_MAX 440

static int list_name(const char *name, void *arg)
{
    char *out = arg;
    size_t len = strlen(out);

    snprintf(out + len, TABLE_LIST_MAX - len, "%s%s", len ? ", " : "", name);
    return 0;
}

static int no_table(struct tl_store *st, const char *name,
                    struct ftl_err *err)
{
    char names[TABLE_LIST_MAX] = "";

    tl_tables_each(st, list_name, names, NULL);
    return ftl_err_set(err, FTL_EUSAGE, "no table '%.40s' in the case; its "
                       "tables are: %s", name, names);
}

struct table_walk {
    struct tl_table t;
    struct tl_column *cols;
    struct tl_cell *cells;
    tl_cells_fn row;
    void *arg;
};

static int table_row(sqlite3_stmt *s, void *arg)
{
    struct table_walk *w = arg;
    struct tl_cell *c;
    int i;

    for (i = 0; i < w->t.ncols; i++) {
        c = &w->cells[i];
        memset(c, 0, sizeof(*c));
        switch (sqlite3_column_type(s, i)) {
        case SQLITE_NULL:
            c->type = TL_CELL_NULL;
            continue;
        case SQLITE_INTEGER:
            c->type = TL_CELL_INT;
            c->i = sqlite3_column_int64(s, i);
            continue;
        default:
            c->type = TL_CELL_TEXT;
            c->text = text(s, i);
            c->len = (size_t)sqlite3_column_bytes(s, i);
            if (w->cols[i].is_time)
                c->i = sqlite3_column_int64(s, i);
        }
    }
    return w->row(&w->t, w->cells, w->arg);
}

/* The columns of the prepared statement: names and time marks. */
static int table_columns(struct table_walk *w, sqlite3_stmt *s,
                         const char *name, struct ftl_err *err)
{
    const char *decl;
    int i;

    w->t.name = name;
    w->t.ncols = sqlite3_column_count(s);
    w->cols = calloc((size_t)w->t.ncols + 1, sizeof(*w->cols));
    w->cells = calloc((size_t)w->t.ncols + 1, sizeof(*w->cells));
    if (!w->cols || !w->cells)
        return ftl_err_set(err, FTL_ENOMEM, "out of memory");
    for (i = 0; i < w->t.ncols; i++) {
        decl = sqlite3_column_decltype(s, i);
        w->cols[i].name = sqlite3_column_name(s, i);
        w->cols[i].is_time = decl && strcmp(decl, "TIME_NS") == 0;
        /* 0 means "not set" in the files table, as TSK has it */
        w->cols[i].zero_unset = w->cols[i].is_time &&
                                strcmp(name, "files") == 0;
    }
    w->t.cols = w->cols;
    return FTL_OK;
}

int tl_table_each(struct tl_store *st, const char *name,
                  tl_columns_fn columns, tl_cells_fn row, void *arg,
                  struct ftl_err *err)
{
    struct table_walk w = { { 0 }, NULL, NULL, row, arg };
    sqlite3_stmt *s;
    char sql[TABLE_NAME_MAX + 64];
    int rc;

    /* The name is checked against sqlite_master and may only hold
     * [a-z0-9_], so it can be put into the SQL text safely. */
    if (strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789_") !=
            strlen(name) || strlen(name) > TABLE_NAME_MAX ||
        !tl_store_has_table(st, name))
        return no_table(st, name, err);
    snprintf(sql, sizeof(sql), "SELECT * FROM \"%s\" ORDER BY 1", name);
    if (!(s = prepare(st, sql, err)))
        return FTL_EDB;
    if ((rc = table_columns(&w, s, name, err)) == FTL_OK &&
        (rc = columns(&w.t, arg)) == 0)
        rc = walk(st, s, table_row, &w, err);
    else
        sqlite3_finalize(s);
    free(w.cols);
    free(w.cells);
    return rc;
}
