/*
 * timeline/exposure_rows.c - the exposure step's result tables
 *
 * exposures, exposure_items, exposure_summary and exposure_figures, and
 * the step's analysis_warnings (kind 'exposure-...'), as schema v3
 * describes them.  A run empties them first and writes them in one
 * order, so that the same case gives the same ids and bytes.  The
 * working tables these read are exposure.c's.
 *
 * SPDX-License-Identifier: MIT
 */
#include <string.h>

#include "timeline/store_int.h"

static const char q_clear[] =
    "DELETE FROM exposure_items; DELETE FROM exposures;"
    " DELETE FROM exposure_summary; DELETE FROM exposure_figures;"
    " DELETE FROM analysis_warnings WHERE kind LIKE 'exposure-%';";

/* The best links, in the order of the rows they become, with what the
 * sentences name: the attachment, document, message, file and place. */
static const char w_best[] =
    "SELECT b.person_id, p.employee_no,"
    " coalesce(p.name, nullif(trim(coalesce(p.first_name, '') || ' ' ||"
    "  coalesce(p.last_name, '')), '')),"
    " b.category, b.art9, b.channel, b.strength, b.confidence, b.kind,"
    " b.group_id, b.file_id, b.doc_id, b.attachment_id, b.ts, b.corrected,"
    " b.link, b.attrib, b.field, b.matched, b.pattern,"
    " a.filename, d.path, coalesce(mg.message_id, sm.message_id), f.path,"
    " g.why, ef.time_desc, i.value, e.path, b.msg_id"
    " FROM ex_best b LEFT JOIN persons p ON p.person_id = b.person_id"
    " LEFT JOIN attachments a ON a.id = b.attachment_id"
    " LEFT JOIN documents d ON d.id = b.doc_id"
    " LEFT JOIN message_groups mg ON mg.id = b.group_id"
    " LEFT JOIN messages sm ON sm.id = b.msg_id"
    " LEFT JOIN ex_grp g ON g.id = b.group_id"
    " LEFT JOIN files f ON f.id = b.file_id"
    " LEFT JOIN ex_file ef ON ef.id = b.file_id"
    " LEFT JOIN iocs i ON i.id = ef.ioc_id"
    " LEFT JOIN evidence e ON e.id = f.evidence_id"
    " ORDER BY b.person_id, b.category, b.channel, b.strength DESC,"
    " CASE b.confidence WHEN 'observed' THEN 0 WHEN 'accessible' THEN 1"
    "  ELSE 2 END, b.ts, b.kind, coalesce(b.group_id, b.file_id)";

/* The events that prove each item: every event of every record of a
 * message (gateway and server log lines, stored copies), every event of
 * a file (which carries the file's locator, as the disk and body-file
 * collectors write them, so events_key finds them).  Items are in
 * exposure order, so each exposure's are consecutive.  Ordered by item
 * only, which the scan of exposure_items gives for free; the few ids of
 * one item are sorted by the caller. */
static const char w_events[] =
    "SELECT i.exposure_id, i.id, ev.id FROM exposure_items i"
    " JOIN message_group_members m ON m.group_id = i.group_id"
    " JOIN events ev ON ev.msg_id = m.msg_id WHERE i.kind = 'message'"
    " UNION ALL"
    " SELECT i.exposure_id, i.id, ev.id FROM exposure_items i"
    " CROSS JOIN files f ON f.id = i.file_id"
    " CROSS JOIN events ev ON ev.evidence_id = f.evidence_id"
    "  AND ev.locator = f.locator AND ev.file_id = f.id"
    " WHERE i.kind = 'file'"
    " ORDER BY 2";

/* One row per person; an item counts once however many of their
 * categories it holds. */
static const char q_summary[] =
    "INSERT INTO exposure_summary(person_id, employee_no, name,"
    " categories, art9, identity_document, strongest, first_exposed,"
    " last_exposed, exposures, items)"
    " SELECT e.person_id, max(e.employee_no), max(e.name), '',"
    "  max(e.art9), max(e.category = 'identity_document'),"
    "  CASE max(CASE e.strength WHEN 'strong' THEN 3 WHEN 'medium' THEN 2"
    "   ELSE 1 END) WHEN 3 THEN 'strong' WHEN 2 THEN 'medium'"
    "   ELSE 'weak' END,"
    "  min(e.first_exposed), max(e.last_exposed), count(*),"
    "  (SELECT count(DISTINCT i.kind || ' ' ||"
    "    coalesce(i.group_id, i.file_id)) FROM exposures y"
    "    JOIN exposure_items i ON i.exposure_id = y.id"
    "    WHERE y.person_id = e.person_id)"
    " FROM exposures e GROUP BY e.person_id ORDER BY e.person_id";

static const char w_categories[] =
    "SELECT person_id, category FROM exposures"
    " GROUP BY person_id, category ORDER BY person_id, category";

/*
 * Regulator figures without names (GDPR Art. 33(3)(a)).  A record is
 * one person's data in one item (a message or a file): a message with
 * the CVs of two persons is two records; the same CV mailed twice is two.
 * A subject is "weak only" when no row of theirs in that category (or at
 * all, for '*') is medium or strong.  The '*' row is there even when
 * nothing was exposed, saying 0.
 */
static const char q_figures[] =
    "WITH pi AS (SELECT DISTINCT x.category, x.art9, x.person_id,"
    "  x.strength <> 'weak' AS firm, i.kind,"
    "  coalesce(i.group_id, i.file_id) AS item"
    "  FROM exposure_items i JOIN exposures x ON x.id = i.exposure_id)"
    " INSERT INTO exposure_figures(category, art9, identity_document,"
    "  data_subjects, records, subjects_weak_only)"
    " SELECT category, max(art9), category = 'identity_document',"
    "  count(DISTINCT person_id),"
    "  count(DISTINCT person_id || ' ' || kind || ' ' || item),"
    "  count(DISTINCT person_id)"
    "   - count(DISTINCT CASE WHEN firm THEN person_id END)"
    " FROM pi GROUP BY category"
    " UNION ALL"
    " SELECT '*', coalesce(max(art9), 0),"
    "  coalesce(max(category = 'identity_document'), 0),"
    "  count(DISTINCT person_id),"
    "  count(DISTINCT person_id || ' ' || kind || ' ' || item),"
    "  count(DISTINCT person_id)"
    "   - count(DISTINCT CASE WHEN firm THEN person_id END)"
    " FROM pi";

static const char q_counts[] =
    "SELECT (SELECT count(*) FROM exposures),"
    " (SELECT count(*) FROM exposure_summary),"
    " (SELECT count(*) FROM analysis_warnings"
    "  WHERE kind LIKE 'exposure-%')";

const char *const tl_ex_rows_sql[] = {
    w_best, w_events, q_summary, w_categories, q_figures, NULL
};

int tl_ex_rows_clear(struct tl_store *st, struct ftl_err *err)
{
    return tl_store_exec(st, q_clear, err);
}

static const char *const strength_names[] = { "weak", "medium", "strong" };

const char *tl_ex_strength_name(int strength)
{
    if (strength < TL_EX_WEAK)
        strength = TL_EX_WEAK;
    if (strength > TL_EX_STRONG)
        strength = TL_EX_STRONG;
    return strength_names[strength - TL_EX_WEAK];
}

/* ---- the best links ----------------------------------------------------- */

struct best_walk {
    tl_ex_best_fn fn;
    void *payload;
    int rc;
};

static int64_t id_or_0(void *s, int i)
{
    return tl_col_is_null(s, i) ? 0 : tl_col_int(s, i);
}

static int best_row(void *s, void *payload)
{
    struct best_walk *w = payload;
    struct tl_ex_best b;

    b.person_id = tl_col_int(s, 0);
    b.employee_no = tl_col_text(s, 1);
    b.name = tl_col_text(s, 2);
    b.category = tl_col_text(s, 3);
    b.art9 = (int)tl_col_int(s, 4);
    b.channel = tl_col_text(s, 5);
    b.strength = (int)tl_col_int(s, 6);
    b.confidence = tl_col_text(s, 7);
    b.kind = tl_col_text(s, 8);
    b.group_id = id_or_0(s, 9);
    b.file_id = id_or_0(s, 10);
    b.doc_id = id_or_0(s, 11);
    b.attachment_id = id_or_0(s, 12);
    b.has_ts = !tl_col_is_null(s, 13);
    b.ts = b.has_ts ? tl_col_int(s, 13) : 0;
    b.corrected = (int)tl_col_int(s, 14);
    b.link = tl_col_text(s, 15);
    b.attrib = tl_col_text(s, 16);
    b.field = tl_col_text(s, 17);
    b.matched = tl_col_text(s, 18);
    b.pattern = tl_col_text(s, 19);
    b.filename = tl_col_text(s, 20);
    b.doc_path = tl_col_text(s, 21);
    b.message_id = tl_col_text(s, 22);
    b.file_path = tl_col_text(s, 23);
    b.why = tl_col_text(s, 24);
    b.time_desc = tl_col_text(s, 25);
    b.place = tl_col_text(s, 26);
    b.image = tl_col_text(s, 27);
    b.msg_id = id_or_0(s, 28);
    return w->rc = w->fn(&b, w->payload);
}

int tl_ex_best_each(struct tl_store *st, tl_ex_best_fn fn, void *payload,
                    struct ftl_err *err)
{
    struct best_walk w = { fn, payload, 0 };
    int rc = tl_store_query(st, w_best, best_row, &w, err);

    return rc ? rc : w.rc;
}

/* ---- exposures and their items ------------------------------------------ */

static void bind_time(sqlite3_stmt *s, int i, int has, int64_t ns)
{
    if (has)
        sqlite3_bind_int64(s, i, ns);
    else
        sqlite3_bind_null(s, i);
}

int tl_ex_exposure_add(struct tl_store *st, const struct tl_exposure *e,
                       int64_t *id, struct ftl_err *err)
{
    static const char sql[] =
        "INSERT INTO exposures(person_id, employee_no, name, category,"
        " art9, channel, confidence, strength, items)"
        " VALUES(?, ?, ?, ?, ?, ?, ?, ?, 0)";
    sqlite3_stmt *s = tl_store_stmt(st, sql, err);

    if (!s)
        return FTL_EDB;
    sqlite3_bind_int64(s, 1, e->person_id);
    tl_bind_text(s, 2, e->employee_no);
    tl_bind_text(s, 3, e->name);
    tl_bind_text(s, 4, e->category);
    sqlite3_bind_int(s, 5, e->art9 ? 1 : 0);
    tl_bind_text(s, 6, e->channel);
    tl_bind_text(s, 7, e->confidence);
    tl_bind_text(s, 8, e->strength);
    if (sqlite3_step(s) != SQLITE_DONE)
        return tl_store_dberr(st, err, "exposure");
    *id = sqlite3_last_insert_rowid(st->db);
    return FTL_OK;
}

int tl_ex_exposure_finish(struct tl_store *st, int64_t id,
                          const struct tl_exposure *e, struct ftl_err *err)
{
    static const char sql[] =
        "UPDATE exposures SET art9 = ?, first_exposed = ?,"
        " last_exposed = ?, items = ?, corrected = ?, basis = ?,"
        " strength = ?, confidence = ? WHERE id = ?";
    sqlite3_stmt *s = tl_store_stmt(st, sql, err);

    if (!s)
        return FTL_EDB;
    sqlite3_bind_int(s, 1, e->art9 ? 1 : 0);
    bind_time(s, 2, e->has_time, e->first);
    bind_time(s, 3, e->has_time, e->last);
    sqlite3_bind_int64(s, 4, e->items);
    sqlite3_bind_int(s, 5, e->corrected ? 1 : 0);
    tl_bind_text(s, 6, e->basis);
    tl_bind_text(s, 7, e->strength);
    tl_bind_text(s, 8, e->confidence);
    sqlite3_bind_int64(s, 9, id);
    if (sqlite3_step(s) != SQLITE_DONE)
        return tl_store_dberr(st, err, "exposure");
    return FTL_OK;
}

int tl_ex_item_add(struct tl_store *st, const struct tl_ex_item *it,
                   struct ftl_err *err)
{
    static const char sql[] =
        "INSERT INTO exposure_items(exposure_id, kind, group_id, file_id,"
        " doc_id, attachment_id, ts, strength, reason)"
        " VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)";
    sqlite3_stmt *s = tl_store_stmt(st, sql, err);

    if (!s)
        return FTL_EDB;
    sqlite3_bind_int64(s, 1, it->exposure_id);
    tl_bind_text(s, 2, it->kind);
    tl_bind_int_or_null(s, 3, it->group_id, 0);
    tl_bind_int_or_null(s, 4, it->file_id, 0);
    tl_bind_int_or_null(s, 5, it->doc_id, 0);
    tl_bind_int_or_null(s, 6, it->attachment_id, 0);
    bind_time(s, 7, it->has_ts, it->ts);
    tl_bind_text(s, 8, it->strength);
    tl_bind_text(s, 9, it->reason);
    if (sqlite3_step(s) != SQLITE_DONE)
        return tl_store_dberr(st, err, "exposure item");
    return FTL_OK;
}

/* ---- event ids ----------------------------------------------------------- */

struct event_walk {
    tl_ex_event_fn fn;
    void *payload;
    int rc;
};

static int event_row(void *s, void *payload)
{
    struct event_walk *w = payload;

    return w->rc = w->fn(tl_col_int(s, 0), tl_col_int(s, 1),
                         tl_col_int(s, 2), w->payload);
}

int tl_ex_events_each(struct tl_store *st, tl_ex_event_fn fn, void *payload,
                      struct ftl_err *err)
{
    struct event_walk w = { fn, payload, 0 };
    int rc = tl_store_query(st, w_events, event_row, &w, err);

    return rc ? rc : w.rc;
}

int tl_ex_events_set(struct tl_store *st, int exposure, int64_t id,
                     const char *event_ids, struct ftl_err *err)
{
    static const char sql_item[] =
        "UPDATE exposure_items SET event_ids = ? WHERE id = ?";
    static const char sql_exposure[] =
        "UPDATE exposures SET event_ids = ? WHERE id = ?";
    sqlite3_stmt *s = tl_store_stmt(st, exposure ? sql_exposure : sql_item,
                                    err);

    if (!s)
        return FTL_EDB;
    tl_bind_text(s, 1, event_ids);
    sqlite3_bind_int64(s, 2, id);
    if (sqlite3_step(s) != SQLITE_DONE)
        return tl_store_dberr(st, err, "exposure events");
    return FTL_OK;
}

/* ---- summary and figures ----------------------------------------------- */

int tl_ex_summarise(struct tl_store *st, struct ftl_err *err)
{
    return tl_store_exec(st, q_summary, err);
}

struct cat_walk {
    tl_ex_category_fn fn;
    void *payload;
    int rc;
};

static int cat_row(void *s, void *payload)
{
    struct cat_walk *w = payload;

    return w->rc = w->fn(tl_col_int(s, 0), tl_col_text(s, 1), w->payload);
}

int tl_ex_categories_each(struct tl_store *st, tl_ex_category_fn fn,
                          void *payload, struct ftl_err *err)
{
    struct cat_walk w = { fn, payload, 0 };
    int rc = tl_store_query(st, w_categories, cat_row, &w, err);

    return rc ? rc : w.rc;
}

int tl_ex_summary_categories(struct tl_store *st, int64_t person_id,
                             const char *categories, struct ftl_err *err)
{
    static const char sql[] =
        "UPDATE exposure_summary SET categories = ? WHERE person_id = ?";
    sqlite3_stmt *s = tl_store_stmt(st, sql, err);

    if (!s)
        return FTL_EDB;
    tl_bind_text(s, 1, categories);
    sqlite3_bind_int64(s, 2, person_id);
    if (sqlite3_step(s) != SQLITE_DONE)
        return tl_store_dberr(st, err, "exposure summary");
    return FTL_OK;
}

int tl_ex_figures(struct tl_store *st, struct ftl_err *err)
{
    return tl_store_exec(st, q_figures, err);
}

static int counts_row(void *s, void *payload)
{
    int64_t *v = payload;

    v[0] = tl_col_int(s, 0);
    v[1] = tl_col_int(s, 1);
    v[2] = tl_col_int(s, 2);
    return 1;
}

int tl_ex_counts(struct tl_store *st, int64_t *exposures, int64_t *persons,
                 int64_t *warnings, struct ftl_err *err)
{
    int64_t v[3] = { 0, 0, 0 };
    int rc = tl_store_query(st, q_counts, counts_row, v, err);

    *exposures = v[0];
    *persons = v[1];
    *warnings = v[2];
    return rc;
}

int tl_ex_warn(struct tl_store *st, const char *kind, const char *message,
               struct ftl_err *err)
{
    static const char sql[] =
        "INSERT INTO analysis_warnings(kind, message) VALUES(?, ?)";
    sqlite3_stmt *s = tl_store_stmt(st, sql, err);

    if (!s)
        return FTL_EDB;
    tl_bind_text(s, 1, kind);
    tl_bind_text(s, 2, message);
    if (sqlite3_step(s) != SQLITE_DONE)
        return tl_store_dberr(st, err, "analysis warning");
    return FTL_OK;
}
