/*
 * timeline/verify.c - the places 'ftl verify' reads again, and the
 * record of what it found
 *
 * The places are read from evidence_places (schema 4); a case of an
 * older schema opened read-only has none, and each evidence row is then
 * its one place.  A run is recorded inside one savepoint: a run that is
 * interrupted leaves no half verification behind.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <string.h>

#include "timeline/store_int.h"

/* Items that no other replaced, every place, own place first. */
static const char places_sql[] =
    "SELECT e.id, p.id, e.kind, e.sha256, e.status, p.path, p.real_path,"
    " p.inner_path, p.parent_id FROM evidence e"
    " JOIN evidence_places p ON p.evidence_id = e.id"
    " WHERE e.superseded_by = 0 AND e.status != 'replaced'"
    "  AND (?1 = 0 OR e.id = ?1)"
    " ORDER BY e.id, " TL_OWN_PLACE_FIRST;
/* A case before schema 4: the row is its place, and the path is as it
 * was given (relative to where that command ran). */
static const char rows_sql[] =
    "SELECT e.id, 0, e.kind, e.sha256, e.status, e.path, '',"
    " e.inner_path, e.parent_id FROM evidence e"
    " WHERE e.status != 'replaced' AND (?1 = 0 OR e.id = ?1)"
    " ORDER BY e.id";

static const char *col_text(sqlite3_stmt *s, int i)
{
    const char *t = (const char *)sqlite3_column_text(s, i);

    return t ? t : "";
}

static int places_walk(struct tl_store *st, int64_t id,
                       tl_verify_place_fn fn, void *arg,
                       struct ftl_err *err)
{
    const char *sql = tl_store_has_table(st, "evidence_places")
                      ? places_sql : rows_sql;
    struct tl_verify_place p;
    sqlite3_stmt *s;
    int rc, stop = 0;

    /* not cached: fn reads and writes the store meanwhile, and the
     * parent of a child is walked inside the walk of all */
    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
        return tl_store_dberr(st, err, "prepare");
    sqlite3_bind_int64(s, 1, id);
    while (!stop && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        memset(&p, 0, sizeof(p));
        p.evidence_id = sqlite3_column_int64(s, 0);
        p.place_id = sqlite3_column_int64(s, 1);
        p.kind = col_text(s, 2);
        p.sha256 = (const char *)sqlite3_column_text(s, 3);
        p.status = col_text(s, 4);
        p.path = col_text(s, 5);
        p.real_path = col_text(s, 6);
        p.inner_path = col_text(s, 7);
        p.parent_id = sqlite3_column_int64(s, 8);
        stop = fn(&p, arg);
    }
    sqlite3_finalize(s);
    if (stop)
        return stop;
    if (rc != SQLITE_DONE)
        return tl_store_dberr(st, err, "evidence places");
    return FTL_OK;
}

int tl_verify_places_each(struct tl_store *st, tl_verify_place_fn fn,
                          void *arg, struct ftl_err *err)
{
    return places_walk(st, 0, fn, arg, err);
}

int tl_verify_item_places(struct tl_store *st, int64_t id,
                          tl_verify_place_fn fn, void *arg,
                          struct ftl_err *err)
{
    return id > 0 ? places_walk(st, id, fn, arg, err) : FTL_OK;
}

const char *tl_verify_word(int status)
{
    static const char *const w[] = { "ok", "CHANGED", "missing",
                                     "unreadable" };

    return status >= 0 && status <= TL_VERIFY_UNREADABLE ? w[status] : "?";
}

int tl_verify_begin(struct tl_store *st, int64_t audit_id, int64_t *id,
                    struct ftl_err *err)
{
    static const char sql[] =
        "INSERT INTO verifications(audit_id, started, result)"
        " VALUES(?, ?, 'running')";
    sqlite3_stmt *s;
    int rc;

    *id = 0;
    if ((rc = tl_store_exec(st, "SAVEPOINT ftl_verify", err)))
        return rc;
    if (!(s = tl_store_stmt(st, sql, err))) {
        rc = FTL_EDB;
        goto fail;
    }
    tl_bind_int_or_null(s, 1, audit_id, 0);
    sqlite3_bind_int64(s, 2, tl_time_now());
    if (sqlite3_step(s) != SQLITE_DONE) {
        rc = tl_store_dberr(st, err, "verification");
        goto fail;
    }
    *id = sqlite3_last_insert_rowid(st->db);
    return FTL_OK;
fail:
    sqlite3_exec(st->db, "ROLLBACK TO ftl_verify; RELEASE ftl_verify",
                 NULL, NULL, NULL);
    return rc;
}

int tl_verify_add(struct tl_store *st, int64_t id,
                  const struct tl_verify_result *r, struct ftl_err *err)
{
    static const char sql[] =
        "INSERT INTO verification_places(verification_id, evidence_id,"
        " place_id, kind, place, status, sha256_recorded, sha256_seen,"
        " note) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)";
    sqlite3_stmt *s = tl_store_stmt(st, sql, err);

    if (!s)
        return FTL_EDB;
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_int64(s, 2, r->p->evidence_id);
    sqlite3_bind_int64(s, 3, r->p->place_id);
    tl_bind_text(s, 4, r->p->kind);
    tl_bind_text(s, 5, r->place);
    tl_bind_text(s, 6, tl_verify_word(r->status));
    tl_bind_text(s, 7, r->p->sha256);
    tl_bind_text(s, 8, r->seen);
    tl_bind_text(s, 9, r->note);
    if (sqlite3_step(s) != SQLITE_DONE)
        return tl_store_dberr(st, err, "verification place");
    return FTL_OK;
}

int tl_verify_end(struct tl_store *st, int64_t id,
                  const struct tl_verify_counts *c, int keep,
                  struct ftl_err *err)
{
    static const char sql[] =
        "UPDATE verifications SET ended = ?, result = ?, n_items = ?,"
        " n_places = ?, n_ok = ?, n_changed = ?, n_missing = ?,"
        " n_unreadable = ? WHERE id = ?";
    sqlite3_stmt *s;
    int i;

    if (!keep) {
        sqlite3_exec(st->db, "ROLLBACK TO ftl_verify; RELEASE ftl_verify",
                     NULL, NULL, NULL);
        return FTL_OK;
    }
    if (!(s = tl_store_stmt(st, sql, err)))
        goto fail;
    sqlite3_bind_int64(s, 1, tl_time_now());
    tl_bind_text(s, 2, c->n[TL_VERIFY_OK] == c->places ? "ok" : "failed");
    sqlite3_bind_int64(s, 3, c->items);
    sqlite3_bind_int64(s, 4, c->places);
    for (i = 0; i < 4; i++)
        sqlite3_bind_int64(s, 5 + i, c->n[i]);
    sqlite3_bind_int64(s, 9, id);
    if (sqlite3_step(s) != SQLITE_DONE) {
        tl_store_dberr(st, err, "verification");
        goto fail;
    }
    return tl_store_exec(st, "RELEASE ftl_verify", err);
fail:
    sqlite3_exec(st->db, "ROLLBACK TO ftl_verify; RELEASE ftl_verify",
                 NULL, NULL, NULL);
    return FTL_EDB;
}

int tl_verify_last(struct tl_store *st, struct tl_verify_run *out,
                   struct ftl_err *err)
{
    static const char sql[] =
        "SELECT id, ifnull(audit_id, 0), started, ended, result = 'ok',"
        " n_items, n_places, n_ok, n_changed, n_missing, n_unreadable"
        " FROM verifications WHERE ended IS NOT NULL"
        " ORDER BY id DESC LIMIT 1";
    sqlite3_stmt *s;
    int rc, i;

    memset(out, 0, sizeof(*out));
    if (!tl_store_has_table(st, "verifications"))
        return FTL_DONE;       /* a case of schema 4 or older */
    if (!(s = tl_store_stmt(st, sql, err)))
        return FTL_EDB;
    if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        out->id = sqlite3_column_int64(s, 0);
        out->audit_id = sqlite3_column_int64(s, 1);
        out->started = sqlite3_column_int64(s, 2);
        out->ended = sqlite3_column_int64(s, 3);
        out->ok = sqlite3_column_int(s, 4);
        out->c.items = sqlite3_column_int64(s, 5);
        out->c.places = sqlite3_column_int64(s, 6);
        for (i = 0; i < 4; i++)
            out->c.n[i] = sqlite3_column_int64(s, 7 + i);
    }
    sqlite3_reset(s);
    if (rc == SQLITE_ROW)
        return FTL_OK;
    if (rc == SQLITE_DONE)
        return FTL_DONE;
    return tl_store_dberr(st, err, "verifications");
}
