/*
 * timeline/hr.c - the personnel register and the HR document store
 *
 * persons and person_aliases hold the register (who may be exposed and
 * under which names); documents, document_persons and document_categories
 * hold what the HR store contains, whose data each file holds and why.
 * Collectors fill them through these functions and read the persons
 * back to match documents against them; no SQL leaves timeline/.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>

#include "timeline/store_int.h"

int tl_person_add(struct tl_store *st, const struct tl_person *p,
                  int64_t *id, struct ftl_err *err)
{
    static const char sql[] =
        "INSERT INTO persons(employee_no, name, first_name, last_name,"
        " emails, department, role, status, extra, evidence_id, locator)"
        " VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    sqlite3_stmt *s = tl_store_stmt(st, sql, err);

    if (!s)
        return FTL_EDB;
    tl_bind_text(s, 1, p->employee_no);
    tl_bind_text(s, 2, p->name);
    tl_bind_text(s, 3, p->first_name);
    tl_bind_text(s, 4, p->last_name);
    tl_bind_text(s, 5, p->emails);
    tl_bind_text(s, 6, p->department);
    tl_bind_text(s, 7, p->role);
    tl_bind_text(s, 8, p->status);
    tl_bind_text(s, 9, p->extra);
    tl_bind_int_or_null(s, 10, p->evidence_id, 0);
    tl_bind_text(s, 11, p->locator);
    if (sqlite3_step(s) != SQLITE_DONE)
        return tl_store_dberr(st, err, "person");
    if (id)
        *id = sqlite3_last_insert_rowid(st->db);
    return FTL_OK;
}

int tl_person_alias_add(struct tl_store *st, int64_t person_id,
                        const char *alias, const char *kind,
                        const char *norm, struct ftl_err *err)
{
    static const char sql[] =
        "INSERT INTO person_aliases(person_id, alias, kind, norm)"
        " VALUES(?, ?, ?, ?)";
    sqlite3_stmt *s = tl_store_stmt(st, sql, err);

    if (!s)
        return FTL_EDB;
    sqlite3_bind_int64(s, 1, person_id);
    tl_bind_text(s, 2, alias);
    tl_bind_text(s, 3, kind);
    tl_bind_text(s, 4, norm);
    if (sqlite3_step(s) != SQLITE_DONE)
        return tl_store_dberr(st, err, "person alias");
    return FTL_OK;
}

/* The walks below run through tl_store_query(); the callback's non-zero
 * return stops the walk and is what they return. */
struct person_walk {
    tl_person_fn fn;
    void *payload;
    int rc;
};

static int person_row(void *s, void *payload)
{
    struct person_walk *w = payload;
    struct tl_person p;

    p.id = tl_col_int(s, 0);
    p.employee_no = tl_col_text(s, 1);
    p.name = tl_col_text(s, 2);
    p.first_name = tl_col_text(s, 3);
    p.last_name = tl_col_text(s, 4);
    p.emails = tl_col_text(s, 5);
    p.department = tl_col_text(s, 6);
    p.role = tl_col_text(s, 7);
    p.status = tl_col_text(s, 8);
    p.extra = tl_col_text(s, 9);
    p.evidence_id = tl_col_int(s, 10);
    p.locator = tl_col_text(s, 11);
    return w->rc = w->fn(&p, w->payload);
}

int tl_persons_each(struct tl_store *st, tl_person_fn fn, void *payload,
                    struct ftl_err *err)
{
    static const char sql[] =
        "SELECT person_id, employee_no, name, first_name, last_name,"
        " emails, department, role, status, extra, evidence_id, locator"
        " FROM persons ORDER BY person_id";
    struct person_walk w = { fn, payload, 0 };
    int rc = tl_store_query(st, sql, person_row, &w, err);

    return rc ? rc : w.rc;
}

struct alias_walk {
    tl_alias_fn fn;
    void *payload;
    int rc;
};

static int alias_row(void *s, void *payload)
{
    struct alias_walk *w = payload;

    return w->rc = w->fn(tl_col_int(s, 0), tl_col_text(s, 1),
                         tl_col_text(s, 2), tl_col_text(s, 3), w->payload);
}

int tl_person_aliases_each(struct tl_store *st, tl_alias_fn fn,
                           void *payload, struct ftl_err *err)
{
    static const char sql[] =
        "SELECT person_id, alias, kind, norm FROM person_aliases"
        " ORDER BY person_id, id";
    struct alias_walk w = { fn, payload, 0 };
    int rc = tl_store_query(st, sql, alias_row, &w, err);

    return rc ? rc : w.rc;
}

int tl_document_add(struct tl_store *st, const struct tl_document *d,
                    int64_t *id, struct ftl_err *err)
{
    static const char sql[] =
        "INSERT OR IGNORE INTO documents(evidence_id, path, size, md5,"
        " sha256, type, title, author, last_modified_by, revision, created,"
        " modified, printed, person_ids, categories, attribution, art9,"
        " locator)"
        " VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    sqlite3_stmt *s = tl_store_stmt(st, sql, err);

    if (!s)
        return FTL_EDB;
    sqlite3_bind_int64(s, 1, d->evidence_id);
    tl_bind_text(s, 2, d->path);
    tl_bind_int_or_null(s, 3, d->size, -1);
    tl_bind_text(s, 4, d->md5);
    tl_bind_text(s, 5, d->sha256);
    tl_bind_text(s, 6, d->type);
    tl_bind_text(s, 7, d->title);
    tl_bind_text(s, 8, d->author);
    tl_bind_text(s, 9, d->last_modified_by);
    tl_bind_text(s, 10, d->revision);
    tl_bind_int_or_null(s, 11, d->created, 0);
    tl_bind_int_or_null(s, 12, d->modified, 0);
    tl_bind_int_or_null(s, 13, d->printed, 0);
    tl_bind_text(s, 14, d->person_ids);
    tl_bind_text(s, 15, d->categories);
    tl_bind_text(s, 16, d->attribution);
    sqlite3_bind_int(s, 17, d->art9 ? 1 : 0);
    tl_bind_text(s, 18, d->locator);
    if (sqlite3_step(s) != SQLITE_DONE)
        return tl_store_dberr(st, err, "document");
    if (sqlite3_changes(st->db) == 0)
        return FTL_DONE;
    if (id)
        *id = sqlite3_last_insert_rowid(st->db);
    return FTL_OK;
}

int tl_document_person_add(struct tl_store *st, int64_t doc_id,
                           int64_t person_id, const char *strength,
                           const char *field, const char *matched,
                           struct ftl_err *err)
{
    static const char sql[] =
        "INSERT INTO document_persons(doc_id, person_id, strength, field,"
        " matched) VALUES(?, ?, ?, ?, ?)";
    sqlite3_stmt *s = tl_store_stmt(st, sql, err);

    if (!s)
        return FTL_EDB;
    sqlite3_bind_int64(s, 1, doc_id);
    sqlite3_bind_int64(s, 2, person_id);
    tl_bind_text(s, 3, strength);
    tl_bind_text(s, 4, field);
    tl_bind_text(s, 5, matched);
    if (sqlite3_step(s) != SQLITE_DONE)
        return tl_store_dberr(st, err, "document person");
    return FTL_OK;
}

int tl_document_category_add(struct tl_store *st, int64_t doc_id,
                             const char *category, int art9,
                             const char *field, const char *pattern,
                             const char *matched, struct ftl_err *err)
{
    static const char sql[] =
        "INSERT INTO document_categories(doc_id, category, art9, field,"
        " pattern, matched) VALUES(?, ?, ?, ?, ?, ?)";
    sqlite3_stmt *s = tl_store_stmt(st, sql, err);

    if (!s)
        return FTL_EDB;
    sqlite3_bind_int64(s, 1, doc_id);
    tl_bind_text(s, 2, category);
    sqlite3_bind_int(s, 3, art9 ? 1 : 0);
    tl_bind_text(s, 4, field);
    tl_bind_text(s, 5, pattern);
    tl_bind_text(s, 6, matched);
    if (sqlite3_step(s) != SQLITE_DONE)
        return tl_store_dberr(st, err, "document category");
    return FTL_OK;
}

int tl_rule_add(struct tl_store *st, const char *category, int art9,
                const char *field, const char *pattern, const char *source,
                struct ftl_err *err)
{
    /* The same rule recorded by a later collection keeps the first
     * row: the rule is the same, and the first source is where it came
     * from when the first documents were categorised. */
    static const char sql[] =
        "INSERT OR IGNORE INTO category_rules(category, art9, field,"
        " pattern, source) VALUES(?, ?, ?, ?, ?)";
    sqlite3_stmt *s = tl_store_stmt(st, sql, err);

    if (!s)
        return FTL_EDB;
    tl_bind_text(s, 1, category);
    sqlite3_bind_int(s, 2, art9 ? 1 : 0);
    tl_bind_text(s, 3, field);
    tl_bind_text(s, 4, pattern);
    tl_bind_text(s, 5, source);
    if (sqlite3_step(s) != SQLITE_DONE)
        return tl_store_dberr(st, err, "category rule");
    return FTL_OK;
}

/* ---- attributing again ----------------------------------------------- */

struct ev_walk {
    tl_kind_evidence_fn fn;
    void *payload;
    int rc;
};

static int evidence_row(void *s, void *payload)
{
    struct ev_walk *w = payload;
    struct tl_kind_evidence e;

    e.id = tl_col_int(s, 0);
    e.parent_id = tl_col_int(s, 1);
    e.path = tl_col_text(s, 2);
    e.inner_path = tl_col_text(s, 3);
    e.options = tl_col_text(s, 4);
    e.sha256 = tl_col_text(s, 5);
    e.status = tl_col_text(s, 6);
    return w->rc = w->fn(&e, w->payload);
}

int tl_kind_evidence_each(struct tl_store *st, const char *kind,
                     tl_kind_evidence_fn fn, void *payload, struct ftl_err *err)
{
    static const char sql[] =
        "SELECT id, parent_id, path, inner_path, options, sha256, status"
        " FROM evidence WHERE kind = ?1 AND sha256 IS NOT NULL"
        " AND superseded_by = 0 ORDER BY id";
    struct ev_walk w = { fn, payload, 0 };
    int rc = tl_store_select(st, sql, "t", evidence_row, &w, err, kind);

    return rc ? rc : w.rc;
}

int tl_document_find(struct tl_store *st, int64_t evidence_id,
                     const char *locator, int64_t *id, char sha256[65],
                     char *person_ids, size_t pn, struct ftl_err *err)
{
    static const char sql[] =
        "SELECT id, coalesce(sha256, ''), coalesce(person_ids, '')"
        " FROM documents WHERE evidence_id = ? AND locator = ?";
    sqlite3_stmt *s = tl_store_stmt(st, sql, err);
    int rc;

    *id = 0;
    sha256[0] = '\0';
    if (pn)
        person_ids[0] = '\0';
    if (!s)
        return FTL_EDB;
    sqlite3_bind_int64(s, 1, evidence_id);
    tl_bind_text(s, 2, locator);
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        *id = sqlite3_column_int64(s, 0);
        snprintf(sha256, 65, "%s", (const char *)sqlite3_column_text(s, 1));
        if (pn)
            snprintf(person_ids, pn, "%s",
                     (const char *)sqlite3_column_text(s, 2));
    }
    sqlite3_reset(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return tl_store_dberr(st, err, "document");
    return FTL_OK;
}

int tl_document_reattribute(struct tl_store *st, int64_t id,
                            const struct tl_document *d,
                            struct ftl_err *err)
{
    static const char upd[] =
        "UPDATE documents SET person_ids = ?, categories = ?,"
        " attribution = ?, art9 = ? WHERE id = ?";
    static const char *const del[] = {
        "DELETE FROM document_persons WHERE doc_id = ?",
        "DELETE FROM document_categories WHERE doc_id = ?",
    };
    sqlite3_stmt *s = tl_store_stmt(st, upd, err);
    size_t i;

    if (!s)
        return FTL_EDB;
    tl_bind_text(s, 1, d->person_ids);
    tl_bind_text(s, 2, d->categories);
    tl_bind_text(s, 3, d->attribution);
    sqlite3_bind_int(s, 4, d->art9 ? 1 : 0);
    sqlite3_bind_int64(s, 5, id);
    if (sqlite3_step(s) != SQLITE_DONE)
        return tl_store_dberr(st, err, "document");
    for (i = 0; i < sizeof(del) / sizeof(del[0]); i++) {
        if (!(s = tl_store_stmt(st, del[i], err)))
            return FTL_EDB;
        sqlite3_bind_int64(s, 1, id);
        if (sqlite3_step(s) != SQLITE_DONE)
            return tl_store_dberr(st, err, "document findings");
    }
    return FTL_OK;
}

int tl_document_event_set(struct tl_store *st, int64_t doc_id,
                          const struct tl_event *ev, struct ftl_err *err)
{
    static const char sql[] =
        "UPDATE events SET message = ?, person_id = ? WHERE doc_id = ?"
        " AND locator = ? AND ts = ? AND ts_desc = ?";
    sqlite3_stmt *s = tl_store_stmt(st, sql, err);

    if (!s)
        return FTL_EDB;
    tl_bind_text(s, 1, ev->message);
    tl_bind_int_or_null(s, 2, ev->person_id, 0);
    sqlite3_bind_int64(s, 3, doc_id);
    tl_bind_text(s, 4, ev->locator);
    sqlite3_bind_int64(s, 5, ev->ts);
    tl_bind_text(s, 6, ev->ts_desc);
    if (sqlite3_step(s) != SQLITE_DONE)
        return tl_store_dberr(st, err, "event");
    return FTL_OK;
}

int tl_reattr_begin(struct tl_store *st, struct ftl_err *err)
{
    return tl_store_exec(st, "SAVEPOINT ftl_reattr", err);
}

void tl_reattr_end(struct tl_store *st, int keep)
{
    sqlite3_exec(st->db, keep ? "RELEASE ftl_reattr"
                 : "ROLLBACK TO ftl_reattr; RELEASE ftl_reattr", NULL, NULL,
                 NULL);
}
