/*
 * timeline/places.c - where evidence was found, and evidence replaced
 *
 * One content, many places: a path given on the command line (told apart
 * by its absolute path with links resolved, so that "a.log" and
 * "./a.log" are one place), or a parent item and the inner path in it.
 * Collecting a copy adds a place and nothing else (tl_evidence_merge);
 * collecting an item again with other options, or again after it failed,
 * replaces it (tl_evidence_retire): its rows go, its places and children
 * move to the new item, and its row stays as the record of what was.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "timeline/store_int.h"

/* Insert one place row; *place_id 0 when it was there already. */
static int place_insert(struct tl_store *st, int64_t evidence_id,
                        const struct tl_evidence *p, const char *real,
                        int64_t *place_id, struct ftl_err *err)
{
    static const char sql[] =
        "INSERT OR IGNORE INTO evidence_places(evidence_id, path,"
        " real_path, inner_path, parent_id, size, mtime, collected_at,"
        " audit_id) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)";
    static const char known[] =
        "SELECT 1 FROM evidence_places WHERE evidence_id = ? AND"
        " parent_id = ? AND inner_path = ? AND real_path = ?";
    sqlite3_stmt *s = tl_store_stmt(st, known, err);
    int rc;

    if (place_id)
        *place_id = 0;
    if (!s)
        return FTL_EDB;
    /* a place collected again: read, not written (no write lock taken,
     * which for a walk of thousands of known files costs more than the
     * hashing) */
    sqlite3_bind_int64(s, 1, evidence_id);
    sqlite3_bind_int64(s, 2, p->parent_id);
    tl_bind_text(s, 3, p->inner_path ? p->inner_path : "");
    tl_bind_text(s, 4, p->parent_id ? "" : real);
    rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc == SQLITE_ROW)
        return FTL_OK;
    if (rc != SQLITE_DONE)
        return tl_store_dberr(st, err, "evidence place");
    if (!(s = tl_store_stmt(st, sql, err)))
        return FTL_EDB;
    sqlite3_bind_int64(s, 1, evidence_id);
    tl_bind_text(s, 2, p->path ? p->path : "");
    tl_bind_text(s, 3, p->parent_id ? "" : real);
    tl_bind_text(s, 4, p->inner_path ? p->inner_path : "");
    sqlite3_bind_int64(s, 5, p->parent_id);
    tl_bind_int_or_null(s, 6, p->size, -1);
    tl_bind_int_or_null(s, 7, p->mtime, 0);
    sqlite3_bind_int64(s, 8, tl_time_now());
    tl_bind_int_or_null(s, 9, p->audit_id, 0);
    if (sqlite3_step(s) != SQLITE_DONE)
        return tl_store_dberr(st, err, "evidence place");
    if (place_id && sqlite3_changes(st->db))
        *place_id = sqlite3_last_insert_rowid(st->db);
    return FTL_OK;
}

/* The absolute path of 'path' with links resolved, malloc'd, or NULL.
 * The directory's answer is kept: a walk of a mail store asks for
 * thousands of files in one directory, and realpath() reads every
 * component of every one. */
static char *real_of(struct tl_store *st, const char *path)
{
    const char *slash = strrchr(path, '/'), *base = slash ? slash + 1 : path;
    char *dir, *out;
    struct stat sb;
    size_t n;

    if (!*base || !strcmp(base, ".") || !strcmp(base, "..") ||
        lstat(path, &sb) != 0 || S_ISLNK(sb.st_mode))
        return realpath(path, NULL);
    if (!(dir = slash ? strndup(path, (size_t)(slash - path + 1))
                      : strdup(".")))
        return NULL;
    if (!st->rp_dir || strcmp(st->rp_dir, dir) != 0) {
        free(st->rp_dir);
        free(st->rp_real);
        st->rp_dir = dir;
        if (!(st->rp_real = realpath(dir, NULL))) {
            free(st->rp_dir);
            st->rp_dir = NULL;
            return realpath(path, NULL);
        }
    } else {
        free(dir);
    }
    n = strlen(st->rp_real) + strlen(base) + 2;
    if ((out = malloc(n)))
        snprintf(out, n, "%s%s%s", st->rp_real,
                 strcmp(st->rp_real, "/") ? "/" : "", base);
    return out;
}

int tl_place_add(struct tl_store *st, int64_t evidence_id,
                 const struct tl_evidence *place, int64_t *place_id,
                 struct ftl_err *err)
{
    char *real = NULL;
    int rc;

    /* the path as the file system resolves it now; as given when it
     * cannot (a stream that has no name) */
    if (!place->parent_id && place->path)
        real = real_of(st, place->path);
    rc = place_insert(st, evidence_id, place,
                      real ? real : place->path ? place->path : "",
                      place_id, err);
    free(real);
    return rc;
}

/* The first place of evidence 'id', copied (free with place_free). */
struct place_copy {
    struct tl_evidence ev;
    char *path, *real, *inner;
};

static void place_free(struct place_copy *c)
{
    free(c->path);
    free(c->real);
    free(c->inner);
}

static int place_read(struct tl_store *st, int64_t id, struct place_copy *c,
                      struct ftl_err *err)
{
    static const char sql[] =
        "SELECT p.path, p.real_path, p.inner_path, p.parent_id,"
        " ifnull(p.size, -1), ifnull(p.mtime, 0), ifnull(p.audit_id, 0)"
        " FROM evidence_places p JOIN evidence e ON e.id = p.evidence_id"
        " WHERE p.evidence_id = ? ORDER BY " TL_OWN_PLACE_FIRST " LIMIT 1";
    sqlite3_stmt *s = tl_store_stmt(st, sql, err);
    int rc;

    memset(c, 0, sizeof(*c));
    if (!s)
        return FTL_EDB;
    sqlite3_bind_int64(s, 1, id);
    if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        c->path = strdup((const char *)sqlite3_column_text(s, 0));
        c->real = strdup((const char *)sqlite3_column_text(s, 1));
        c->inner = strdup((const char *)sqlite3_column_text(s, 2));
        c->ev.parent_id = sqlite3_column_int64(s, 3);
        c->ev.size = sqlite3_column_int64(s, 4);
        c->ev.mtime = sqlite3_column_int64(s, 5);
        c->ev.audit_id = sqlite3_column_int64(s, 6);
    }
    sqlite3_reset(s);
    if (rc != SQLITE_ROW)
        return tl_store_dberr(st, err, "evidence place");
    if (!c->path || !c->real || !c->inner) {
        place_free(c);
        return ftl_err_set(err, FTL_ENOMEM, "out of memory");
    }
    c->ev.path = c->path;
    c->ev.inner_path = c->inner;
    return FTL_OK;
}

int tl_evidence_merge(struct tl_store *st, int64_t id, int64_t known,
                      int64_t *place_id, struct ftl_err *err)
{
    struct place_copy c;
    int rc;

    if (place_id)
        *place_id = 0;
    rc = place_read(st, id, &c, err);
    tl_evidence_abort(st, id);
    if (rc)
        return rc;
    rc = place_insert(st, known, &c.ev, c.real, place_id, err);
    place_free(&c);
    return rc;
}

/* Run one statement of the retirement with ?1 = old, ?2 = new. */
static int run2(struct tl_store *st, const char *sql, int64_t a, int64_t b,
                const char *text, struct ftl_err *err)
{
    sqlite3_stmt *s;
    int rc;

    /* not cached: a retirement is rare, and these are many */
    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
        return tl_store_dberr(st, err, "prepare");
    sqlite3_bind_int64(s, 1, a);
    if (sqlite3_bind_parameter_count(s) >= 2)
        sqlite3_bind_int64(s, 2, b);
    if (sqlite3_bind_parameter_count(s) >= 3)
        tl_bind_text(s, 3, text);
    rc = sqlite3_step(s);
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE)
        return tl_store_dberr(st, err, "replace evidence");
    return FTL_OK;
}

/* Document attributions that point at the persons evidence 'old' gave. */
static int64_t person_refs(struct tl_store *st, int64_t old)
{
    static const char sql[] =
        "SELECT count(*) FROM document_persons WHERE person_id IN"
        " (SELECT person_id FROM persons WHERE evidence_id = ?)";
    sqlite3_stmt *s;
    int64_t n = 0;

    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
        return 0;
    sqlite3_bind_int64(s, 1, old);
    if (sqlite3_step(s) == SQLITE_ROW)
        n = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return n;
}

int tl_evidence_retire(struct tl_store *st, int64_t old, int64_t id,
                       const char *why, int64_t *refs, struct ftl_err *err)
{
    /* What 'old' gave.  Rows that a v3 case holds twice (superseded_by = old, not yet replaced) are
     * the same content: they go too. */
    static const char *const sql[] = {
        "CREATE TEMP TABLE IF NOT EXISTS ftl_retire(id INTEGER PRIMARY KEY)",
        "DELETE FROM temp.ftl_retire",
        "INSERT INTO temp.ftl_retire SELECT id FROM evidence WHERE id = ?1"
        " OR (superseded_by = ?1 AND status != 'replaced')",
        "DELETE FROM message_links WHERE evidence_id IN temp.ftl_retire",
        "DELETE FROM attachments WHERE evidence_id IN temp.ftl_retire",
        "DELETE FROM messages WHERE evidence_id IN temp.ftl_retire",
        "DELETE FROM events WHERE evidence_id IN temp.ftl_retire",
        "DELETE FROM files WHERE evidence_id IN temp.ftl_retire",
        "DELETE FROM warnings WHERE evidence_id IN temp.ftl_retire",
        "DELETE FROM ioc_hits WHERE evidence_id IN temp.ftl_retire",
        "DELETE FROM document_persons WHERE doc_id IN (SELECT id FROM"
        " documents WHERE evidence_id IN temp.ftl_retire)",
        "DELETE FROM document_categories WHERE doc_id IN (SELECT id FROM"
        " documents WHERE evidence_id IN temp.ftl_retire)",
        "DELETE FROM documents WHERE evidence_id IN temp.ftl_retire",
        "DELETE FROM person_aliases WHERE person_id IN (SELECT person_id"
        " FROM persons WHERE evidence_id IN temp.ftl_retire)",
        "DELETE FROM persons WHERE evidence_id IN temp.ftl_retire",
        /* places and children move; one that the new item has already
         * stays once */
        "UPDATE OR IGNORE evidence_places SET evidence_id = ?2"
        " WHERE evidence_id IN temp.ftl_retire",
        "DELETE FROM evidence_places WHERE evidence_id IN temp.ftl_retire",
        "UPDATE OR IGNORE evidence_places SET parent_id = ?2"
        " WHERE parent_id IN temp.ftl_retire",
        "DELETE FROM evidence_places WHERE parent_id IN temp.ftl_retire",
        "UPDATE evidence SET parent_id = ?2 WHERE parent_id IN"
        " temp.ftl_retire AND id != ?2",
        "UPDATE evidence SET status = 'replaced', superseded_by = ?2,"
        " note = CASE WHEN note IS NULL THEN '' ELSE note || '; ' END ||"
        " 'replaced by evidence #' || ?2 || ': ' || ?3"
        " WHERE id IN temp.ftl_retire",
    };
    size_t i;
    int rc;

    if (refs)
        *refs = person_refs(st, old);
    for (i = 0; i < sizeof(sql) / sizeof(sql[0]); i++)
        if ((rc = run2(st, sql[i], old, id, why ? why : "", err)))
            return rc;
    return FTL_OK;
}

int tl_places_each(struct tl_store *st, int64_t id, tl_place_fn fn,
                   void *payload, struct ftl_err *err)
{
    static const char sql[] =
        "SELECT p.id, p.path, p.inner_path, p.parent_id,"
        " ifnull(p.size, -1), ifnull(p.mtime, 0), ifnull(p.audit_id, 0)"
        " FROM evidence_places p JOIN evidence e ON e.id = p.evidence_id"
        " WHERE p.evidence_id = ? ORDER BY " TL_OWN_PLACE_FIRST;
    struct tl_evidence p;
    sqlite3_stmt *s;
    int rc, stop = 0;

    /* not cached: fn may use the store meanwhile */
    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
        return tl_store_dberr(st, err, "prepare");
    sqlite3_bind_int64(s, 1, id);
    while (!stop && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        memset(&p, 0, sizeof(p));
        p.path = (const char *)sqlite3_column_text(s, 1);
        p.inner_path = (const char *)sqlite3_column_text(s, 2);
        p.parent_id = sqlite3_column_int64(s, 3);
        p.size = sqlite3_column_int64(s, 4);
        p.mtime = sqlite3_column_int64(s, 5);
        p.audit_id = sqlite3_column_int64(s, 6);
        stop = fn(sqlite3_column_int64(s, 0), &p, payload);
    }
    sqlite3_finalize(s);
    if (stop)
        return stop;
    if (rc != SQLITE_DONE)
        return tl_store_dberr(st, err, "evidence places");
    return FTL_OK;
}
