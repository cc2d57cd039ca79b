/*
 * timeline/evidence.c - an evidence item's row: begin, finish, identity
 *
 * Evidence is identified by its content: (kind, sha256, part), where
 * part is the inner path of an item on its own (a disk read from one
 * --offset, "sector 2048") and '' for an item found inside another, whose
 * inner path is only where it was found.  A partial unique index
 * (evidence_content) holds that key for every row no other row replaced.
 *
 * Each item is collected inside one savepoint (a large transaction).  Its
 * SHA-256 is only known at the end, because collectors hash while they
 * read; tl_evidence_lookup_as() then tells whether the content is in the
 * case already, and the caller finishes the item (tl_evidence_finish),
 * folds it into the earlier one as one more place (tl_evidence_merge,
 * places.c) or lets it replace the earlier one (tl_evidence_retire,
 * places.c).  tl_evidence_end() is the plain form: a known content
 * becomes a place of the earlier item, anything else a new item.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/fault.h"
#include "timeline/store_int.h"

int tl_evidence_begin(struct tl_store *st, const struct tl_evidence *ev,
                      int64_t *id, struct ftl_err *err)
{
    static const char sql[] =
        "INSERT INTO evidence(kind, path, inner_path, parent_id, size,"
        " mtime, options, tz, year, collected_at, audit_id, given)"
        " VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    sqlite3_stmt *s;
    int rc;

    if ((rc = tl_store_exec(st, "SAVEPOINT ftl_evidence", err)))
        return rc;
    st->depth++;
    if (!(s = tl_store_stmt(st, sql, err)))
        goto fail;
    tl_bind_text(s, 1, ev->kind);
    tl_bind_text(s, 2, ev->path);
    tl_bind_text(s, 3, ev->inner_path ? ev->inner_path : "");
    sqlite3_bind_int64(s, 4, ev->parent_id);
    tl_bind_int_or_null(s, 5, ev->size, -1);
    tl_bind_int_or_null(s, 6, ev->mtime, 0);
    tl_bind_text(s, 7, ev->options);
    tl_bind_text(s, 8, ev->tz);
    tl_bind_int_or_null(s, 9, ev->year, 0);
    sqlite3_bind_int64(s, 10, tl_time_now());
    tl_bind_int_or_null(s, 11, ev->audit_id, 0);
    tl_bind_text(s, 12, ev->given ? ev->given : "");
    if (sqlite3_step(s) != SQLITE_DONE) {
        tl_store_dberr(st, err, "evidence");
        goto fail;
    }
    *id = sqlite3_last_insert_rowid(st->db);
    /* its first place, which goes with the savepoint if the item does */
    if ((rc = tl_place_add(st, *id, ev, NULL, err)))
        goto fail;
    return FTL_OK;
fail:
    tl_evidence_abort(st, 0);
    return FTL_EDB;
}

void tl_evidence_abort(struct tl_store *st, int64_t id)
{
    (void)id;
    if (st->depth <= 0)
        return;
    sqlite3_exec(st->db, "ROLLBACK TO ftl_evidence; RELEASE ftl_evidence",
                 NULL, NULL, NULL);
    st->depth--;
}

static const char *const status_names[] = { "complete", "partial",
                                            "failed", "replaced" };

static int status_of(const char *name)
{
    int i;

    for (i = 0; name && i <= TL_EV_REPLACED; i++)
        if (strcmp(name, status_names[i]) == 0)
            return i;
    return TL_EV_PARTIAL;      /* 'collecting': never finished */
}

static char *dup_text(const unsigned char *s)
{
    return strdup(s ? (const char *)s : "");
}

void tl_known_clear(struct tl_known *k)
{
    free(k->given);
    free(k->place);
    memset(k, 0, sizeof(*k));
}

/* Fill k from a row of the lookup below. */
static int known_fill(sqlite3_stmt *s, struct tl_known *k)
{
    const char *path = (const char *)sqlite3_column_text(s, 7);
    const char *inner = (const char *)sqlite3_column_text(s, 8);
    size_t n;

    k->id = sqlite3_column_int64(s, 0);
    k->status = status_of((const char *)sqlite3_column_text(s, 1));
    k->parent_id = sqlite3_column_int64(s, 2);
    k->n_events = sqlite3_column_int64(s, 3);
    k->n_files = sqlite3_column_int64(s, 4);
    k->n_warnings = sqlite3_column_int64(s, 5);
    k->audit_id = sqlite3_column_int64(s, 9);
    if (sqlite3_column_type(s, 6) != SQLITE_NULL &&
        !(k->given = dup_text(sqlite3_column_text(s, 6))))
        return FTL_ENOMEM;
    path = path ? path : "";
    n = strlen(path) + (inner ? strlen(inner) : 0) + 3;
    if ((k->place = malloc(n)))
        snprintf(k->place, n, "%s%s%s", path, inner && *inner ? "//" : "",
                 inner ? inner : "");
    return k->place ? FTL_OK : FTL_ENOMEM;
}

int tl_evidence_lookup(struct tl_store *st, const char *kind,
                       const char *sha256, const char *part, int64_t self,
                       struct tl_known *k, struct ftl_err *err)
{
    /* the expression and the WHERE of the partial index evidence_content,
     * word for word, so that SQLite uses it */
    static const char sql[] =
        "SELECT id, status, parent_id, ifnull(n_events, 0),"
        " ifnull(n_files, 0), ifnull(n_warnings, 0), given, path,"
        " inner_path, ifnull(audit_id, 0) FROM evidence WHERE kind = ?1 AND sha256 = ?2"
        " AND (CASE WHEN parent_id = 0 THEN inner_path ELSE '' END) = ?3"
        " AND superseded_by = 0 AND id != ?4";
    sqlite3_stmt *s = tl_store_stmt(st, sql, err);
    int rc, frc = FTL_OK;

    memset(k, 0, sizeof(*k));
    if (!s)
        return FTL_EDB;
    if (!sha256)
        return FTL_OK;         /* not hashed: nothing to compare */
    tl_bind_text(s, 1, kind);
    tl_bind_text(s, 2, sha256);
    tl_bind_text(s, 3, part ? part : "");
    sqlite3_bind_int64(s, 4, self);
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        frc = known_fill(s, k);
    sqlite3_reset(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return tl_store_dberr(st, err, "evidence lookup");
    if (frc) {
        tl_known_clear(k);
        return ftl_err_set(err, FTL_ENOMEM, "out of memory");
    }
    return FTL_OK;
}

int tl_evidence_lookup_as(struct tl_store *st, int64_t id,
                          const char *sha256, struct tl_known *k,
                          struct ftl_err *err)
{
    static const char sql[] =
        "SELECT kind, CASE WHEN parent_id = 0 THEN inner_path ELSE '' END"
        " FROM evidence WHERE id = ?";
    sqlite3_stmt *s = tl_store_stmt(st, sql, err);
    char *kind = NULL, *part = NULL;
    int rc;

    memset(k, 0, sizeof(*k));
    if (!s)
        return FTL_EDB;
    sqlite3_bind_int64(s, 1, id);
    if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        kind = dup_text(sqlite3_column_text(s, 0));
        part = dup_text(sqlite3_column_text(s, 1));
    }
    sqlite3_reset(s);
    if (rc != SQLITE_ROW)
        return rc == SQLITE_DONE
               ? ftl_err_set(err, FTL_EDB, "%s: no evidence #%lld",
                             st->path, (long long)id)
               : tl_store_dberr(st, err, "evidence");
    if (!kind || !part)
        rc = ftl_err_set(err, FTL_ENOMEM, "out of memory");
    else
        rc = tl_evidence_lookup(st, kind, sha256, part, id, k, err);
    free(kind);
    free(part);
    return rc;
}

int tl_evidence_finish(struct tl_store *st, int64_t id, const char *sha256,
                       const char *md5, int status, int64_t *dup_of,
                       struct ftl_err *err)
{
    static const char sql[] =
        "UPDATE evidence SET sha256 = ?1, md5 = ?2, status = ?3,"
        " n_events = (SELECT count(*) FROM events WHERE evidence_id = ?4),"
        " n_files = (SELECT count(*) FROM files WHERE evidence_id = ?4),"
        " n_warnings = (SELECT count(*) FROM warnings"
        "               WHERE evidence_id = ?4)"
        " WHERE id = ?4";
    struct tl_known k;
    sqlite3_stmt *s;
    int rc;

    *dup_of = 0;
    if (status < 0 || status > TL_EV_FAILED)
        status = TL_EV_PARTIAL;
    if (!(s = tl_store_stmt(st, sql, err)))
        goto fail;
    tl_bind_text(s, 1, sha256);
    tl_bind_text(s, 2, md5);
    tl_bind_text(s, 3, status_names[status]);
    sqlite3_bind_int64(s, 4, id);
    rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc == SQLITE_CONSTRAINT) {
        /* the content is in the case after all: the caller decides */
        if ((rc = tl_evidence_lookup_as(st, id, sha256, &k, err)))
            goto fail;
        *dup_of = k.id;
        tl_known_clear(&k);
        if (*dup_of)
            return FTL_DONE;
        ftl_err_set(err, FTL_EDB, "%s: evidence #%lld: the unique key "
                    "refused it, yet no row holds its content", st->path,
                    (long long)id);
        goto fail;
    }
    if (rc != SQLITE_DONE) {
        tl_store_dberr(st, err, "evidence");
        goto fail;
    }
    if ((rc = tl_store_exec(st, "RELEASE ftl_evidence", err)))
        goto fail;
    st->depth--;
    ftl_fault_point("item");   /* a crash between items: test build only */
    return FTL_OK;
fail:
    tl_evidence_abort(st, id);
    return FTL_EDB;
}

int tl_evidence_end(struct tl_store *st, int64_t id, const char *sha256,
                    const char *md5, int status, int64_t *dup_of,
                    struct ftl_err *err)
{
    struct tl_known k;
    int rc;

    *dup_of = 0;
    if ((rc = tl_evidence_lookup_as(st, id, sha256, &k, err))) {
        tl_evidence_abort(st, id);
        return rc;
    }
    *dup_of = k.id;
    tl_known_clear(&k);
    if (!*dup_of &&
        (rc = tl_evidence_finish(st, id, sha256, md5, status, dup_of,
                                 err)) != FTL_DONE)
        return rc;
    if ((rc = tl_evidence_merge(st, id, *dup_of, NULL, err)))
        return rc;
    return FTL_DONE;
}

int64_t tl_evidence_parent(struct tl_store *st, int64_t id)
{
    static const char sql[] = "SELECT parent_id FROM evidence WHERE id = ?";
    sqlite3_stmt *s = tl_store_stmt(st, sql, NULL);
    int64_t parent = 0;

    if (!s)
        return 0;
    sqlite3_bind_int64(s, 1, id);
    if (sqlite3_step(s) == SQLITE_ROW)
        parent = sqlite3_column_int64(s, 0);
    sqlite3_reset(s);
    return parent;
}

char *tl_evidence_kind(struct tl_store *st, int64_t id)
{
    static const char sql[] = "SELECT kind FROM evidence WHERE id = ?";
    sqlite3_stmt *s = tl_store_stmt(st, sql, NULL);
    char *kind = NULL;

    if (!s)
        return NULL;
    sqlite3_bind_int64(s, 1, id);
    if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0))
        kind = strdup((const char *)sqlite3_column_text(s, 0));
    sqlite3_reset(s);
    return kind;
}

char *tl_evidence_path(struct tl_store *st, int64_t id)
{
    static const char sql[] = "SELECT path FROM evidence WHERE id = ?";
    sqlite3_stmt *s = tl_store_stmt(st, sql, NULL);
    char *path = NULL;

    if (!s)
        return NULL;
    sqlite3_bind_int64(s, 1, id);
    if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0))
        path = strdup((const char *)sqlite3_column_text(s, 0));
    sqlite3_reset(s);
    return path;
}

int tl_evidence_counts(struct tl_store *st, int64_t id, struct tl_counts *c,
                       struct ftl_err *err)
{
    static const char sql[] =
        "SELECT (SELECT count(*) FROM events WHERE evidence_id = ?1),"
        " (SELECT count(*) FROM files WHERE evidence_id = ?1),"
        " (SELECT count(*) FROM warnings WHERE evidence_id = ?1),"
        " (SELECT count(*) FROM ioc_hits WHERE evidence_id = ?1)";
    sqlite3_stmt *s = tl_store_stmt(st, sql, err);
    int rc;

    memset(c, 0, sizeof(*c));
    if (!s)
        return FTL_EDB;
    sqlite3_bind_int64(s, 1, id);
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        c->events = sqlite3_column_int64(s, 0);
        c->files = sqlite3_column_int64(s, 1);
        c->warnings = sqlite3_column_int64(s, 2);
        c->hits = sqlite3_column_int64(s, 3);
    }
    sqlite3_reset(s);
    return rc == SQLITE_ROW ? FTL_OK : tl_store_dberr(st, err, "count");
}

int tl_evidence_recount(struct tl_store *st, int64_t id,
                        struct ftl_err *err)
{
    static const char sql[] =
        "UPDATE evidence SET"
        " n_events = (SELECT count(*) FROM events WHERE evidence_id = ?1),"
        " n_files = (SELECT count(*) FROM files WHERE evidence_id = ?1),"
        " n_warnings = (SELECT count(*) FROM warnings"
        "               WHERE evidence_id = ?1) WHERE id = ?1";
    sqlite3_stmt *s = tl_store_stmt(st, sql, err);

    if (!s)
        return FTL_EDB;
    sqlite3_bind_int64(s, 1, id);
    if (sqlite3_step(s) != SQLITE_DONE)
        return tl_store_dberr(st, err, "evidence counts");
    return FTL_OK;
}

int tl_evidence_note(struct tl_store *st, int64_t id, const char *note,
                     struct ftl_err *err)
{
    static const char sql[] =
        "UPDATE evidence SET note = CASE WHEN note IS NULL THEN ?1"
        " ELSE note || '; ' || ?1 END WHERE id = ?2";
    sqlite3_stmt *s = tl_store_stmt(st, sql, err);

    if (!s)
        return FTL_EDB;
    tl_bind_text(s, 1, note);
    sqlite3_bind_int64(s, 2, id);
    if (sqlite3_step(s) != SQLITE_DONE)
        return tl_store_dberr(st, err, "evidence note");
    return FTL_OK;
}

int tl_evidence_find(struct tl_store *st, const char *kind,
                     const char *sha256, int64_t parent_id,
                     const char *inner_path, int64_t *id,
                     struct ftl_err *err)
{
    struct tl_known k;
    int rc;

    rc = tl_evidence_lookup(st, kind, sha256, parent_id ? "" : inner_path,
                            0, &k, err);
    *id = k.id;
    tl_known_clear(&k);
    return rc;
}
