/*
 * timeline/mail.c - messages, their links and their attachments
 *
 * Shared by the mail-log collector (one row per queue transaction) and
 * the mail-store collector (one row per stored message), so that the
 * analysis can follow one message from the gateway to a mailbox by its
 * Message-ID, its queue ids and the gateway's own id.
 *
 * A mail store's attachment row is written before its content is read,
 * because the members of an attached archive (and the indicator hits on
 * them) point at it; its decoded size, digests and note are filled in
 * once the content has been read to the end (tl_attachment_finish).  A
 * digest that matches an indicator may be known only after the
 * message's events were written: tl_message_flag_ioc flags them then.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdlib.h>
#include <string.h>

#include "timeline/store_int.h"

/* Columns 1..16 are the same in the insert and the update (17 is the
 * locator in one, the row id in the other). */
static void bind_message(sqlite3_stmt *s, const struct tl_message *m)
{
    sqlite3_bind_int64(s, 1, m->evidence_id);
    tl_bind_text(s, 2, m->origin ? m->origin : "log");
    tl_bind_text(s, 3, m->queue_id);
    tl_bind_text(s, 4, m->gateway_id);
    tl_bind_text(s, 5, m->message_id);
    tl_bind_text(s, 6, m->sender);
    tl_bind_text(s, 7, m->recipients);
    tl_bind_int_or_null(s, 8, m->size, -1);
    tl_bind_text(s, 9, m->subject);
    tl_bind_text(s, 10, m->status);
    tl_bind_int_or_null(s, 11, m->date, 0);
    tl_bind_int_or_null(s, 12, m->first_seen, 0);
    tl_bind_int_or_null(s, 13, m->last_seen, 0);
    tl_bind_text(s, 14, m->host);
    tl_bind_text(s, 15, m->client);
    sqlite3_bind_int64(s, 16, m->flags);
}

int tl_message_add(struct tl_store *st, const struct tl_message *m,
                   int64_t *id, struct ftl_err *err)
{
    static const char sql[] =
        "INSERT OR IGNORE INTO messages(evidence_id, origin, queue_id,"
        " gateway_id, message_id, sender, recipients, size, subject, status,"
        " date, first_seen, last_seen, host, client, flags, locator)"
        " VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    sqlite3_stmt *s = tl_store_stmt(st, sql, err);

    if (!s)
        return FTL_EDB;
    bind_message(s, m);
    tl_bind_text(s, 17, m->locator);
    if (sqlite3_step(s) != SQLITE_DONE)
        return tl_store_dberr(st, err, "message");
    if (sqlite3_changes(st->db) == 0)
        return FTL_DONE;
    if (id)
        *id = sqlite3_last_insert_rowid(st->db);
    return FTL_OK;
}

int tl_message_update(struct tl_store *st, int64_t id,
                      const struct tl_message *m, struct ftl_err *err)
{
    static const char sql[] =
        "UPDATE messages SET evidence_id = ?1, origin = ?2, queue_id = ?3,"
        " gateway_id = ?4, message_id = ?5, sender = ?6, recipients = ?7,"
        " size = ?8, subject = ?9, status = ?10, date = ?11,"
        " first_seen = ?12, last_seen = ?13, host = ?14, client = ?15,"
        " flags = ?16 WHERE id = ?17";
    sqlite3_stmt *s = tl_store_stmt(st, sql, err);

    if (!s)
        return FTL_EDB;
    bind_message(s, m);
    sqlite3_bind_int64(s, 17, id);
    if (sqlite3_step(s) != SQLITE_DONE)
        return tl_store_dberr(st, err, "message");
    return FTL_OK;
}

int tl_message_link(struct tl_store *st, int64_t evidence_id, int64_t msg_id,
                    const char *kind, const char *value,
                    int64_t other_msg_id, struct ftl_err *err)
{
    static const char sql[] =
        "INSERT OR IGNORE INTO message_links(evidence_id, msg_id, kind,"
        " value, other_msg_id) VALUES(?, ?, ?, ?, ?)";
    sqlite3_stmt *s = tl_store_stmt(st, sql, err);

    if (!s)
        return FTL_EDB;
    sqlite3_bind_int64(s, 1, evidence_id);
    sqlite3_bind_int64(s, 2, msg_id);
    tl_bind_text(s, 3, kind);
    tl_bind_text(s, 4, value);
    tl_bind_int_or_null(s, 5, other_msg_id, 0);
    if (sqlite3_step(s) != SQLITE_DONE)
        return tl_store_dberr(st, err, "message link");
    return FTL_OK;
}

int tl_attachment_add(struct tl_store *st, const struct tl_attachment *a,
                      int64_t *id, struct ftl_err *err)
{
    static const char sql[] =
        "INSERT OR IGNORE INTO attachments(evidence_id, msg_id, message_id,"
        " parent_id, part_path, filename, content_type, size, md5, sha256,"
        " is_member, note, locator)"
        " VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    sqlite3_stmt *s = tl_store_stmt(st, sql, err);

    if (!s)
        return FTL_EDB;
    sqlite3_bind_int64(s, 1, a->evidence_id);
    tl_bind_int_or_null(s, 2, a->msg_id, 0);
    tl_bind_text(s, 3, a->message_id);
    tl_bind_int_or_null(s, 4, a->parent_id, 0);
    tl_bind_text(s, 5, a->part_path);
    tl_bind_text(s, 6, a->filename);
    tl_bind_text(s, 7, a->content_type);
    tl_bind_int_or_null(s, 8, a->size, -1);
    tl_bind_text(s, 9, a->md5);
    tl_bind_text(s, 10, a->sha256);
    sqlite3_bind_int(s, 11, a->is_member);
    tl_bind_text(s, 12, a->note);
    tl_bind_text(s, 13, a->locator);
    if (sqlite3_step(s) != SQLITE_DONE)
        return tl_store_dberr(st, err, "attachment");
    if (sqlite3_changes(st->db) == 0)
        return FTL_DONE;
    if (id)
        *id = sqlite3_last_insert_rowid(st->db);
    return FTL_OK;
}

int tl_attachment_finish(struct tl_store *st, int64_t id, int64_t size,
                         const char *md5, const char *sha256,
                         const char *note, struct ftl_err *err)
{
    static const char sql[] =
        "UPDATE attachments SET size = ?1, md5 = ?2, sha256 = ?3,"
        " note = ?4 WHERE id = ?5";
    sqlite3_stmt *s = tl_store_stmt(st, sql, err);

    if (!s)
        return FTL_EDB;
    tl_bind_int_or_null(s, 1, size, -1);
    tl_bind_text(s, 2, md5);
    tl_bind_text(s, 3, sha256);
    tl_bind_text(s, 4, note);
    sqlite3_bind_int64(s, 5, id);
    if (sqlite3_step(s) != SQLITE_DONE)
        return tl_store_dberr(st, err, "attachment");
    return FTL_OK;
}

int tl_message_flag_ioc(struct tl_store *st, int64_t msg_id,
                        struct ftl_err *err)
{
    /* events.msg_id has no index; a message's events are those of its
     * own evidence, which events_key finds */
    static const char *const sql[2] = {
        "UPDATE messages SET flags = flags | ?2 WHERE id = ?1",
        "UPDATE events SET flags = flags | ?2 WHERE evidence_id ="
        " (SELECT evidence_id FROM messages WHERE id = ?1)"
        " AND msg_id = ?1",
    };
    sqlite3_stmt *s;
    int i;

    for (i = 0; i < 2; i++) {
        if (!(s = tl_store_stmt(st, sql[i], err)))
            return FTL_EDB;
        sqlite3_bind_int64(s, 1, msg_id);
        sqlite3_bind_int(s, 2, TL_F_IOC);
        if (sqlite3_step(s) != SQLITE_DONE)
            return tl_store_dberr(st, err, "message flags");
    }
    return FTL_OK;
}

/* Copy of a text column, "" for NULL; NULL when out of memory. */
static char *col_copy(sqlite3_stmt *s, int i)
{
    const unsigned char *t = sqlite3_column_text(s, i);

    return strdup(t ? (const char *)t : "");
}

void tl_message_brief_clear(struct tl_message_brief *b)
{
    free(b->message_id);
    free(b->sender);
    free(b->recipients);
    free(b->subject);
    memset(b, 0, sizeof(*b));
}

int tl_message_only(struct tl_store *st, int64_t evidence_id,
                    struct tl_message_brief *b, struct ftl_err *err)
{
    /* messages_key starts with evidence_id: two rows at most are read */
    static const char sql[] =
        "SELECT id, flags, message_id, sender, recipients, subject"
        " FROM messages WHERE evidence_id = ? LIMIT 2";
    sqlite3_stmt *s = tl_store_stmt(st, sql, err);
    int rc, n = 0;

    memset(b, 0, sizeof(*b));
    if (!s)
        return FTL_EDB;
    sqlite3_bind_int64(s, 1, evidence_id);
    while ((rc = sqlite3_step(s)) == SQLITE_ROW && ++n == 1) {
        b->id = sqlite3_column_int64(s, 0);
        b->flags = (unsigned)sqlite3_column_int64(s, 1);
        b->message_id = col_copy(s, 2);
        b->sender = col_copy(s, 3);
        b->recipients = col_copy(s, 4);
        b->subject = col_copy(s, 5);
    }
    sqlite3_reset(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        tl_message_brief_clear(b);
        return tl_store_dberr(st, err, "message");
    }
    if (n == 1 && (!b->message_id || !b->sender || !b->recipients ||
                   !b->subject)) {
        tl_message_brief_clear(b);
        return ftl_err_set(err, FTL_ENOMEM, "out of memory");
    }
    if (n != 1) {
        tl_message_brief_clear(b);
        return FTL_DONE;
    }
    return FTL_OK;
}

int tl_message_seen(struct tl_store *st, int64_t msg_id, int64_t ts,
                    struct ftl_err *err)
{
    static const char sql[] =
        "UPDATE messages SET"
        " first_seen = CASE WHEN first_seen IS NULL OR ?2 < first_seen"
        "  THEN ?2 ELSE first_seen END,"
        " last_seen = CASE WHEN last_seen IS NULL OR ?2 > last_seen"
        "  THEN ?2 ELSE last_seen END WHERE id = ?1";
    sqlite3_stmt *s = tl_store_stmt(st, sql, err);

    if (!s)
        return FTL_EDB;
    sqlite3_bind_int64(s, 1, msg_id);
    sqlite3_bind_int64(s, 2, ts);
    if (sqlite3_step(s) != SQLITE_DONE)
        return tl_store_dberr(st, err, "message");
    return FTL_OK;
}
