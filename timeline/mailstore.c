/*
 * timeline/mailstore.c - what the mail-store collector adds to the store
 *
 * An attachment's row is written before its content is read, because the
 * members of an attached archive (and the indicator hits on them) point
 * at it; its decoded size, digests and note are only known once the
 * content has been read to the end, and are filled in here.
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
