/*
 * timeline/mailstore.c - what the mail-store collector adds to the store
 *
 * An attachment's row is written before its content is read, because the
 * members of an attached archive (and the indicator hits on them) point
 * at it; its decoded size, digests and note are only known once the
 * content has been read to the end, and are filled in here.  A digest
 * that matches an indicator is found after the message's events were
 * written: tl_message_flag_ioc() flags them then.
 *
 * SPDX-License-Identifier: MIT
 */
#include "timeline/store_int.h"

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
    static const char sql_msg[] =
        "UPDATE messages SET flags = flags | 4 WHERE id = ?1";
    static const char sql_ev[] =
        "UPDATE events SET flags = flags | 4 WHERE msg_id = ?1";
    const char *const sql[2] = { sql_msg, sql_ev };
    sqlite3_stmt *s;
    int i;

    for (i = 0; i < 2; i++) {
        if (!(s = tl_store_stmt(st, sql[i], err)))
            return FTL_EDB;
        sqlite3_bind_int64(s, 1, msg_id);
        if (sqlite3_step(s) != SQLITE_DONE)
            return tl_store_dberr(st, err, "message flags");
    }
    return FTL_OK;
}
