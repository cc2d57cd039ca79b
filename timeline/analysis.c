/*
 * timeline/analysis.c - what 'ftl analyze' reads from the case and writes
 *
 * The analysis (analyze/) holds the reasoning; this file holds its SQL:
 * typed walks over the collected tables, in an order that makes a run
 * deterministic (every walk is ORDER BY a key and a row id), and the
 * inserts into the schema v3 tables.  Each walk is one statement, so
 * that the joins run inside SQLite with its indexes and no query sits
 * inside a loop over rows, except the lookups named as such (one
 * indexed probe per row: the queue id a "queued as" names).
 *
 * SPDX-License-Identifier: MIT
 */
#include <string.h>

#include "timeline/store_int.h"

/* Characters stripped from both ends of a Message-ID before it is
 * compared: the angle brackets some sources keep and the white space
 * around them (RFC 5322 3.6.4 allows folding white space there). */
static const char mid_trim[] = " <>\t\r\n";

/* ---- the run's transaction ---------------------------------------- */

int tl_an_begin(struct tl_store *st, struct ftl_err *err)
{
    /* 64 MiB of page cache instead of the collectors' 32: the walks
     * of the analysis join message rows in group order, which is random
     * order in the messages table, and the larger cache holds more of
     * it (system time 1.0 s -> 0.7 s on the bench's case of 100,000
     * messages; peak RSS 79 -> 113 MiB, the ceiling is 200).
     * secure_delete FAST: Debian's SQLite is built with SECURE_DELETE,
     * which zeroes and journals every page the previous analysis held
     * when this one deletes it (0.66 s of a re-run at that size, FAST:
     * 0.03 s).  FAST still zeroes the deleted rows on the pages that
     * stay in use; what it leaves on free pages is a previous analysis,
     * derived from evidence the case still holds.  IMMEDIATE: the write
     * lock is taken now, so that a collector writing into the same case
     * waits or fails before any work. */
    int rc = tl_store_exec(st, "PRAGMA cache_size = -65536", err);

    if (!rc)
        rc = tl_store_exec(st, "PRAGMA secure_delete = FAST", err);
    return rc ? rc : tl_store_exec(st, "BEGIN IMMEDIATE", err);
}

int tl_an_commit(struct tl_store *st, struct ftl_err *err)
{
    return tl_store_exec(st, "COMMIT", err);
}

void tl_an_rollback(struct tl_store *st)
{
    if (st && st->db && !sqlite3_get_autocommit(st->db))
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}

int tl_an_clear(struct tl_store *st, struct ftl_err *err)
{
    /* category_rules is not here: the HR collector writes it.  The flag
     * is found through the partial index events_flagged (named: without
     * statistics the planner would rather scan in rowid order). */
    static const char sql[] =
        "DELETE FROM analysis; DELETE FROM analysis_window;"
        " DELETE FROM analysis_warnings; DELETE FROM message_groups;"
        " DELETE FROM message_group_members; DELETE FROM clock_offsets;"
        " DELETE FROM exposures; DELETE FROM exposure_items;"
        " DELETE FROM exposure_summary; DELETE FROM exposure_figures;"
        " UPDATE events INDEXED BY events_flagged SET flags = flags & ~128"
        "  WHERE (flags & 132) <> 0 AND (flags & 128) <> 0;";

    _Static_assert(TL_F_IOC_MESSAGE == 128 && TL_F_IOC == 4,
                   "the SQL of this file names the flags by value");
    return tl_store_exec(st, sql, err);
}

int tl_an_set(struct tl_store *st, const char *key, const char *value,
              struct ftl_err *err)
{
    static const char sql[] =
        "INSERT INTO analysis(key, value) VALUES(?, ?)"
        " ON CONFLICT(key) DO UPDATE SET value = excluded.value";
    sqlite3_stmt *s = tl_store_stmt(st, sql, err);

    if (!s)
        return FTL_EDB;
    tl_bind_text(s, 1, key);
    tl_bind_text(s, 2, value);
    if (sqlite3_step(s) != SQLITE_DONE)
        return tl_store_dberr(st, err, "analysis");
    return FTL_OK;
}

/* One int64 from a statement without parameters. */
static int one_int(struct tl_store *st, const char *sql, int64_t *out,
                   struct ftl_err *err)
{
    sqlite3_stmt *s = tl_store_stmt(st, sql, err);
    int rc;

    *out = 0;
    if (!s)
        return FTL_EDB;
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        *out = sqlite3_column_int64(s, 0);
    sqlite3_reset(s);
    return rc == SQLITE_ROW ? FTL_OK : tl_store_dberr(st, err, "read");
}

int tl_an_message_max(struct tl_store *st, int64_t *max, struct ftl_err *err)
{
    return one_int(st, "SELECT ifnull(max(id), 0) FROM messages", max, err);
}

/* ---- walks ---------------------------------------------------------- */

/* Every walk below keeps its callback's first non-zero return here: it
 * stops the walk and is what the walk returns. */
struct walk {
    void *fn;
    void *payload;
    int rc;
};

static int walk_end(int rc, const struct walk *w)
{
    return rc ? rc : w->rc;
}

static int64_t col_int_or(void *s, int i, int64_t none, int *has)
{
    int null = tl_col_is_null(s, i);

    if (has)
        *has = !null;
    return null ? none : tl_col_int(s, i);
}

static int msg_row(void *s, void *payload)
{
    struct walk *w = payload;
    struct tl_an_msg m;

    memset(&m, 0, sizeof(m));
    m.id = tl_col_int(s, 0);
    m.evidence_id = tl_col_int(s, 1);
    m.origin = tl_col_text(s, 2);
    m.host = tl_col_text(s, 3);
    m.first_seen = col_int_or(s, 4, 0, NULL);
    m.last_seen = col_int_or(s, 5, 0, NULL);
    m.gateway = (int)tl_col_int(s, 6);
    m.in_disk = (int)tl_col_int(s, 7);
    m.hop = col_int_or(s, 8, 0, &m.has_hop);
    return w->rc = ((tl_an_msg_fn)w->fn)(&m, w->payload);
}

int tl_an_messages_each(struct tl_store *st, int full, tl_an_msg_fn fn,
                        void *payload, struct ftl_err *err)
{
    /* inside: every evidence item with a disk image among the
     * ancestors of any of its places (one content found inside an image
     * and outside is one item; UNION, not UNION ALL: a damaged case with
     * a cycle in parent_id ends).  The hop is the topmost Received: of a
     * stored copy, found through events_key (evidence_id, locator). */
    static const char sql[] =
        "WITH RECURSIVE up(id, parent) AS ("
        "  SELECT evidence_id, parent_id FROM evidence_places"
        "  WHERE parent_id <> 0"
        "  UNION SELECT up.id, e.parent_id FROM up"
        "  JOIN evidence_places e ON e.evidence_id = up.parent"
        "  WHERE e.parent_id <> 0),"
        " inside(id) AS (SELECT up.id FROM up JOIN evidence p"
        "  ON p.id = up.parent WHERE p.kind = 'disk')"
        " SELECT m.id, m.evidence_id, m.origin, m.host, m.first_seen,"
        " m.last_seen, m.gateway_id IS NOT NULL,"
        " m.evidence_id IN (SELECT id FROM inside),"
        " CASE WHEN m.origin = 'store' THEN (SELECT min(e.ts) FROM events e"
        "  WHERE e.evidence_id = m.evidence_id"
        "  AND e.locator = m.locator || ' received[1]'"
        "  AND e.ts_desc = 'Recorded Time') END"
        " FROM messages m ORDER BY m.id";
    static const char light_sql[] =
        "SELECT id, evidence_id, origin, host, first_seen, last_seen,"
        " gateway_id IS NOT NULL, 0, NULL FROM messages ORDER BY id";
    struct walk w = { (void *)fn, payload, 0 };

    return walk_end(tl_store_query(st, full ? sql : light_sql, msg_row, &w,
                                   err), &w);
}

static int key_row(void *s, void *payload)
{
    struct walk *w = payload;

    return w->rc = ((tl_an_key_fn)w->fn)(tl_col_text(s, 0),
                                         tl_col_text(s, 1),
                                         tl_col_int(s, 2), w->payload);
}

int tl_an_message_keys(struct tl_store *st, int kind, tl_an_key_fn fn,
                       void *payload, struct ftl_err *err)
{
    /* The Message-ID of the row and of those of its "message-id" links
     * that differ from it (a Barracuda SEND may name more than one); the
     * sort is SQLite's, which spills to temporary files rather than grow
     * memory.  The gateway ids come in the order of messages_gw.  The
     * indexes the analysis needs are named (INDEXED BY): a case without
     * one fails to prepare instead of scanning a table per row. */
    static const char mid_sql[] =
        "SELECT k, NULL, id FROM ("
        " SELECT trim(message_id, ?1) AS k, id FROM messages"
        "  WHERE message_id IS NOT NULL"
        " UNION ALL SELECT trim(l.value, ?1), l.msg_id FROM message_links l"
        "  JOIN messages m ON m.id = l.msg_id WHERE l.kind = 'message-id'"
        "  AND trim(l.value, ?1) IS NOT trim(m.message_id, ?1))"
        " WHERE k <> '' ORDER BY k, id";
    static const char gw_sql[] =
        "SELECT gateway_id, ifnull(host, ''), id FROM messages"
        " INDEXED BY messages_gw WHERE gateway_id IS NOT NULL"
        " AND gateway_id <> '' ORDER BY gateway_id, host, id";
    struct walk w = { (void *)fn, payload, 0 };
    int rc;

    if (kind == TL_AN_KEY_MID)
        rc = tl_store_select(st, mid_sql, "t", key_row, &w, err, mid_trim);
    else
        rc = tl_store_query(st, gw_sql, key_row, &w, err);
    return walk_end(rc, &w);
}

static int link_row(void *s, void *payload)
{
    struct walk *w = payload;

    /* (a filter on the subquery's column in SQL would run it twice) */
    if (tl_col_is_null(s, 1))
        return 0;
    return w->rc = ((tl_an_pair_fn)w->fn)(tl_col_int(s, 0), tl_col_int(s, 1),
                                          w->payload);
}

int tl_an_queued_as_each(struct tl_store *st, int64_t within,
                         tl_an_pair_fn fn, void *payload,
                         struct ftl_err *err)
{
    /* "queued as" is said when the message leaves: its last time.  The
     * row of the other queue id is the collector's when it knew it, else
     * found through messages_qid: of the log rows with that queue id
     * inside the bound, the nearest in time, then the lowest id; else the
     * first Barracuda row of that id (messages_gw), which a gateway
     * answers with, without a bound (the id holds its epoch) (SQLite
     * 3.40 resolves no outer column in a subquery's ORDER BY, hence the
     * min()).  No ORDER BY outside: the groups do not depend on the
     * order of the links. */
    static const char sql[] =
        "SELECT l.msg_id,"
        " coalesce(l.other_msg_id, (SELECT o.id FROM messages o"
        "  WHERE o.queue_id = l.value AND o.origin = 'log'"
        "  AND o.id <> l.msg_id AND abs(o.first_seen - m.at) ="
        "  (SELECT min(abs(c.first_seen - m.at)) FROM messages c"
        "   WHERE c.queue_id = l.value AND c.origin = 'log'"
        "   AND c.id <> l.msg_id AND abs(c.first_seen - m.at) <= ?1)"
        "  ORDER BY o.id LIMIT 1),"
        "  (SELECT min(g.id) FROM messages g INDEXED BY messages_gw"
        "   WHERE g.gateway_id = l.value AND g.gateway_id IS NOT NULL"
        "   AND g.id <> l.msg_id))"
        " FROM message_links l JOIN (SELECT id,"
        "  ifnull(last_seen, first_seen) AS at FROM messages) m"
        "  ON m.id = l.msg_id"
        " WHERE l.kind = 'queued-as'";
    struct walk w = { (void *)fn, payload, 0 };

    return walk_end(tl_store_select(st, sql, "i", link_row, &w, err,
                                    within), &w);
}

static int id_row(void *s, void *payload)
{
    struct walk *w = payload;

    return w->rc = ((tl_an_id_fn)w->fn)(tl_col_int(s, 0), w->payload);
}

int tl_an_flagged_messages_each(struct tl_store *st, tl_an_id_fn fn,
                                void *payload, struct ftl_err *err)
{
    /* A message is flagged by its own row's flag, a hit on it, a hit on
     * one of its attachments or archive members, or a flagged event of
     * it (events_flagged). */
    static const char sql[] =
        "SELECT id FROM messages WHERE (flags & ?1) <> 0"
        " UNION SELECT msg_id FROM ioc_hits WHERE msg_id IS NOT NULL"
        " UNION SELECT a.msg_id FROM ioc_hits h JOIN attachments a"
        "  ON a.id = h.attachment_id WHERE a.msg_id IS NOT NULL"
        " UNION SELECT msg_id FROM events INDEXED BY events_flagged"
        "  WHERE (flags & 132) <> 0"
        "  AND (flags & ?1) <> 0 AND msg_id IS NOT NULL"
        " ORDER BY 1";
    struct walk w = { (void *)fn, payload, 0 };

    return walk_end(tl_store_select(st, sql, "i", id_row, &w, err,
                                    (int64_t)TL_F_IOC), &w);
}

/* ---- groups and their members -------------------------------------- */

int tl_an_member_add(struct tl_store *st, const struct tl_an_member *m,
                     struct ftl_err *err)
{
    static const char sql[] =
        "INSERT INTO message_group_members(msg_id, group_id, role, host,"
        " ts, linked_by) VALUES(?, ?, ?, ?, ?, ?)";
    sqlite3_stmt *s = tl_store_stmt(st, sql, err);

    if (!s)
        return FTL_EDB;
    sqlite3_bind_int64(s, 1, m->msg_id);
    sqlite3_bind_int64(s, 2, m->group_id);
    tl_bind_text(s, 3, m->role);
    tl_bind_text(s, 4, m->host);
    if (m->has_ts)
        sqlite3_bind_int64(s, 5, m->ts);
    else
        sqlite3_bind_null(s, 5);
    tl_bind_text(s, 6, m->linked_by);
    if (sqlite3_step(s) != SQLITE_DONE)
        return tl_store_dberr(st, err, "message group member");
    return FTL_OK;
}

static int member_row(void *s, void *payload)
{
    struct walk *w = payload;
    struct tl_an_member_row r;

    memset(&r, 0, sizeof(r));
    r.m.group_id = tl_col_int(s, 0);
    r.m.msg_id = tl_col_int(s, 1);
    r.m.role = tl_col_text(s, 2);
    r.m.host = tl_col_text(s, 3);
    r.m.ts = col_int_or(s, 4, 0, &r.m.has_ts);
    r.m.linked_by = tl_col_text(s, 5);
    r.origin = tl_col_text(s, 6);
    r.message_id = tl_col_text(s, 7);
    r.sender = tl_col_text(s, 8);
    r.recipients = tl_col_text(s, 9);
    r.subject = tl_col_text(s, 10);
    r.direction = tl_col_text(s, 11);
    return w->rc = ((tl_an_member_fn)w->fn)(&r, w->payload);
}

int tl_an_members_each(struct tl_store *st, int with_group,
                       tl_an_member_fn fn, void *payload,
                       struct ftl_err *err)
{
    /* message_group_members_group gives (group_id, msg_id) order; the
     * message and the group are found by their primary keys.  Without
     * the group: the walk that writes message_groups must not read the
     * table it writes (SQLite leaves that undefined). */
    static const char sql[] =
        "SELECT mm.group_id, mm.msg_id, mm.role, mm.host, mm.ts,"
        " mm.linked_by, m.origin, trim(m.message_id, ?1), m.sender,"
        " m.recipients, m.subject, NULL"
        " FROM message_group_members mm"
        " JOIN messages m ON m.id = mm.msg_id"
        " ORDER BY mm.group_id, mm.msg_id";
    /* With the group: its direction, and none of the message's columns,
     * whose table is the largest the walk would read in random order. */
    static const char group_sql[] =
        "SELECT mm.group_id, mm.msg_id, mm.role, mm.host, mm.ts,"
        " mm.linked_by, NULL, NULL, NULL, NULL, NULL, g.direction"
        " FROM message_group_members mm"
        " JOIN message_groups g ON g.id = mm.group_id"
        " ORDER BY mm.group_id, mm.msg_id";
    struct walk w = { (void *)fn, payload, 0 };

    return walk_end(with_group ? tl_store_select(st, group_sql, "",
                                                 member_row, &w, err)
                               : tl_store_select(st, sql, "t", member_row,
                                                 &w, err, mid_trim), &w);
}

int tl_an_group_add(struct tl_store *st, const struct tl_an_group *g,
                    struct ftl_err *err)
{
    static const char sql[] =
        "INSERT INTO message_groups(id, message_id, sender, recipients,"
        " subject, direction, crossed, transit, transit_raw, transit_host,"
        " flagged, n_records, note)"
        " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?9, ?10, ?11, ?12)";
    sqlite3_stmt *s = tl_store_stmt(st, sql, err);

    if (!s)
        return FTL_EDB;
    sqlite3_bind_int64(s, 1, g->id);
    tl_bind_text(s, 2, g->message_id);
    tl_bind_text(s, 3, g->sender);
    tl_bind_text(s, 4, g->recipients);
    tl_bind_text(s, 5, g->subject);
    tl_bind_text(s, 6, g->direction);
    sqlite3_bind_int(s, 7, g->crossed);
    if (g->has_transit)
        sqlite3_bind_int64(s, 8, g->transit);
    else
        sqlite3_bind_null(s, 8);
    tl_bind_text(s, 9, g->transit_host);
    sqlite3_bind_int(s, 10, g->flagged);
    sqlite3_bind_int64(s, 11, g->n_records);
    tl_bind_text(s, 12, g->note);
    if (sqlite3_step(s) != SQLITE_DONE)
        return tl_store_dberr(st, err, "message group");
    return FTL_OK;
}

int tl_an_flag_events(struct tl_store *st, int64_t *n, struct ftl_err *err)
{
    /* events_msg finds the events of each message of a flagged group */
    static const char sql[] =
        "UPDATE events SET flags = flags | ?1 WHERE msg_id IN"
        " (SELECT mm.msg_id FROM message_groups g"
        "  JOIN message_group_members mm ON mm.group_id = g.id"
        "  WHERE g.flagged = 1)";
    sqlite3_stmt *s = tl_store_stmt(st, sql, err);

    *n = 0;
    if (!s)
        return FTL_EDB;
    sqlite3_bind_int(s, 1, TL_F_IOC_MESSAGE);
    if (sqlite3_step(s) != SQLITE_DONE)
        return tl_store_dberr(st, err, "event flags");
    *n = sqlite3_changes(st->db);
    return FTL_OK;
}

/* ---- clocks --------------------------------------------------------- */

int tl_an_clock_add(struct tl_store *st, const struct tl_an_clock *c,
                    int64_t *id, struct ftl_err *err)
{
    static const char sql[] =
        "INSERT INTO clock_offsets(host_a, host_b, offset_seconds,"
        " spread_seconds, pairs, method, note) VALUES(?, ?, ?, ?, ?, ?, ?)";
    sqlite3_stmt *s = tl_store_stmt(st, sql, err);

    if (!s)
        return FTL_EDB;
    tl_bind_text(s, 1, c->host_a);
    tl_bind_text(s, 2, c->host_b);
    sqlite3_bind_double(s, 3, c->offset_seconds);
    sqlite3_bind_double(s, 4, c->spread_seconds);
    sqlite3_bind_int64(s, 5, c->pairs);
    tl_bind_text(s, 6, c->method);
    tl_bind_text(s, 7, c->note);
    if (sqlite3_step(s) != SQLITE_DONE)
        return tl_store_dberr(st, err, "clock offset");
    if (id)
        *id = sqlite3_last_insert_rowid(st->db);
    return FTL_OK;
}

int tl_an_clock_applied(struct tl_store *st, int64_t id, struct ftl_err *err)
{
    static const char sql[] =
        "UPDATE clock_offsets SET applied = 1 WHERE id = ?";
    sqlite3_stmt *s = tl_store_stmt(st, sql, err);

    if (!s)
        return FTL_EDB;
    sqlite3_bind_int64(s, 1, id);
    if (sqlite3_step(s) != SQLITE_DONE)
        return tl_store_dberr(st, err, "clock offset");
    return FTL_OK;
}

int tl_an_transit_correct(struct tl_store *st, const char *host,
                          int64_t shift, const char *note, int64_t *n,
                          struct ftl_err *err)
{
    /* one statement per corrected clock (a handful): the raw time stays
     * in transit_raw, the note says what was done to it */
    static const char sql[] =
        "UPDATE message_groups SET transit = transit_raw - ?2,"
        " corrected = 1, note = CASE WHEN note IS NULL THEN ?3"
        " ELSE note || '; ' || ?3 END"
        " WHERE transit_host = ?1 AND transit_raw IS NOT NULL";
    sqlite3_stmt *s = tl_store_stmt(st, sql, err);

    *n = 0;
    if (!s)
        return FTL_EDB;
    tl_bind_text(s, 1, host);
    sqlite3_bind_int64(s, 2, shift);
    tl_bind_text(s, 3, note);
    if (sqlite3_step(s) != SQLITE_DONE)
        return tl_store_dberr(st, err, "transit correction");
    *n = sqlite3_changes(st->db);
    return FTL_OK;
}

/* ---- the window ------------------------------------------------------ */

static int ievent_row(void *s, void *payload)
{
    struct walk *w = payload;
    struct tl_an_ievent e;

    e.id = tl_col_int(s, 0);
    e.ts = tl_col_int(s, 1);
    e.source = tl_col_text(s, 2);
    e.ts_desc = tl_col_text(s, 3);
    e.msg_id = col_int_or(s, 4, 0, NULL);
    e.file_id = col_int_or(s, 5, 0, NULL);
    e.host = tl_col_text(s, 6);
    return w->rc = ((tl_an_ievent_fn)w->fn)(&e, w->payload);
}

int tl_an_indicator_events_each(struct tl_store *st, tl_an_ievent_fn fn,
                                void *payload, struct ftl_err *err)
{
    /* The times that date indicator activity: creation, modification,
     * the two ends of a Barracuda transaction, delivery, a log line's
     * stamp, and of a stored copy's Received: hops only the topmost,
     * which the host that stored it wrote (the ones below may come from
     * the sender's own servers).  Not access or metadata-change times
     * (any reader or clean-up sets them), not Date: (the sender writes
     * it), not deletion or printing. */
    static const char sql[] =
        "SELECT e.id, e.ts, e.source, e.ts_desc, e.msg_id, e.file_id,"
        " m.host FROM events e INDEXED BY events_flagged"
        " LEFT JOIN messages m ON m.id = e.msg_id"
        " WHERE (e.flags & 132) <> 0 AND e.ts <> 0"
        " AND (e.ts_desc IN ('Creation Time', 'Content Modification Time',"
        "  'Start Time', 'End Time', 'Delivery Time')"
        "  OR (e.ts_desc = 'Recorded Time' AND (e.source <> 'MAIL'"
        "   OR substr(e.locator, -12) = ' received[1]')))"
        " ORDER BY e.id";
    struct walk w = { (void *)fn, payload, 0 };

    return walk_end(tl_store_query(st, sql, ievent_row, &w, err), &w);
}

int tl_an_window_set(struct tl_store *st, const char *bound, int64_t ts,
                     int has_ts, const char *origin, const char *reason,
                     const char *event_ids, struct ftl_err *err)
{
    static const char sql[] =
        "INSERT INTO analysis_window(bound, ts, origin, reason, event_ids)"
        " VALUES(?, ?, ?, ?, ?)";
    sqlite3_stmt *s = tl_store_stmt(st, sql, err);

    if (!s)
        return FTL_EDB;
    tl_bind_text(s, 1, bound);
    if (has_ts)
        sqlite3_bind_int64(s, 2, ts);
    else
        sqlite3_bind_null(s, 2);
    tl_bind_text(s, 3, origin);
    tl_bind_text(s, 4, reason);
    tl_bind_text(s, 5, event_ids ? event_ids : "");
    if (sqlite3_step(s) != SQLITE_DONE)
        return tl_store_dberr(st, err, "analysis window");
    return FTL_OK;
}

int tl_an_warning_add(struct tl_store *st, const char *kind,
                      const char *message, const char *event_ids,
                      struct ftl_err *err)
{
    static const char sql[] =
        "INSERT INTO analysis_warnings(kind, message, event_ids)"
        " VALUES(?, ?, ?)";
    sqlite3_stmt *s = tl_store_stmt(st, sql, err);

    if (!s)
        return FTL_EDB;
    tl_bind_text(s, 1, kind);
    tl_bind_text(s, 2, message);
    tl_bind_text(s, 3, event_ids ? event_ids : "");
    if (sqlite3_step(s) != SQLITE_DONE)
        return tl_store_dberr(st, err, "analysis warning");
    return FTL_OK;
}

int tl_an_groups_window(struct tl_store *st, int64_t from, int64_t to,
                        struct ftl_err *err)
{
    static const char sql[] =
        "UPDATE message_groups SET in_window = (transit IS NOT NULL"
        " AND transit BETWEEN ?1 AND ?2)";
    sqlite3_stmt *s = tl_store_stmt(st, sql, err);

    if (!s)
        return FTL_EDB;
    sqlite3_bind_int64(s, 1, from);
    sqlite3_bind_int64(s, 2, to);
    if (sqlite3_step(s) != SQLITE_DONE)
        return tl_store_dberr(st, err, "window");
    return FTL_OK;
}

int tl_an_counts_get(struct tl_store *st, struct tl_an_counts *c,
                     struct ftl_err *err)
{
    static const char sql[] =
        "SELECT count(*), ifnull(sum(crossed), 0), ifnull(sum(in_window), 0),"
        " ifnull(sum(flagged), 0), (SELECT count(*) FROM clock_offsets),"
        " (SELECT count(*) FROM analysis_warnings),"
        " (SELECT count(*) FROM exposures),"
        " (SELECT count(*) FROM exposure_summary)"
        " FROM message_groups";
    sqlite3_stmt *s = tl_store_stmt(st, sql, err);
    int rc;

    memset(c, 0, sizeof(*c));
    if (!s)
        return FTL_EDB;
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        c->groups = sqlite3_column_int64(s, 0);
        c->crossed = sqlite3_column_int64(s, 1);
        c->in_window = sqlite3_column_int64(s, 2);
        c->flagged = sqlite3_column_int64(s, 3);
        c->clocks = sqlite3_column_int64(s, 4);
        c->warnings = sqlite3_column_int64(s, 5);
        c->exposures = sqlite3_column_int64(s, 6);
        c->persons = sqlite3_column_int64(s, 7);
    }
    sqlite3_reset(s);
    return rc == SQLITE_ROW ? FTL_OK : tl_store_dberr(st, err, "counts");
}

static int warning_row(void *s, void *payload)
{
    struct walk *w = payload;

    return w->rc = ((tl_an_warning_fn)w->fn)(tl_col_text(s, 0),
                                             tl_col_text(s, 1), w->payload);
}

int tl_an_warnings_each(struct tl_store *st, tl_an_warning_fn fn,
                        void *payload, struct ftl_err *err)
{
    static const char sql[] =
        "SELECT kind, message FROM analysis_warnings ORDER BY id";
    struct walk w = { (void *)fn, payload, 0 };

    return walk_end(tl_store_query(st, sql, warning_row, &w, err), &w);
}
