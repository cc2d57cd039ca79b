/*
 * timeline/read_entries.c - the events with their file-system entry and
 * the host of their message, for the exporters whose rows show those
 * beside the event (plaso's l2tcsv: filename, inode, host)
 *
 * Kept apart from read.c's plain event walk: a join and another order
 * that the other exporters do not need to pay for.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdint.h>
#include <string.h>

#include "timeline/store_int.h"

/* Column numbers of the statement below: the event's as read.c has them,
 * then the entry's and the host. */
enum {
    EN_ID, EN_TS, EN_PREC, EN_TS_DESC, EN_MESSAGE, EN_SOURCE, EN_ARTIFACT,
    EN_EVIDENCE_ID, EN_LOCATOR, EN_RAW_TIME, EN_TZ, EN_FLAGS, EN_FILE_ID,
    EN_MSG_ID, EN_DOC_ID, EN_PERSON_ID, EN_INDICATORS, EN_EVIDENCE,
    EN_F_ID, EN_F_PART_OFFSET, EN_F_PARTITION, EN_F_ADDR, EN_F_INODE,
    EN_F_PATH, EN_F_LINK, EN_F_NAME_ALLOC, EN_F_META_ALLOC, EN_F_DELETED,
    EN_F_MODE, EN_F_UID, EN_F_GID, EN_F_SIZE, EN_F_ATIME, EN_F_MTIME,
    EN_F_CTIME, EN_F_CRTIME, EN_F_DTIME, EN_F_MD5, EN_F_SHA256,
    EN_F_HASH_NOTE, EN_F_LOCATOR, EN_HOST
};

/* Parameters as read.c's events statement: ?1 from, ?2 to, ?3 required
 * flags, ?4 evidence (0 any), ?5 source, ?6 artifact (NULL any), ?7
 * person (0 any), ?8 TL_F_IOC.  The events_ts index gives the order of
 * ts; the rest of the ORDER BY is sorted per time: the events of one
 * file (or document) together, in the order they were added, and the
 * others, with no file or document, in id order as tl_events_each()
 * has them.  A collector adds the times of one entry one after the
 * other, so those of one file at one time are next to each other. */
static const char entries_sql[] =
    "SELECT e.id, e.ts, e.prec, e.ts_desc, e.message, e.source,"
    " e.artifact, e.evidence_id, e.locator, e.raw_time, e.tz, e.flags,"
    " e.file_id, e.msg_id, e.doc_id, e.person_id,"
    " CASE WHEN e.flags & ?8 THEN"
    "  (SELECT group_concat(coalesce(h.family || ': ', '') ||"
    "   coalesce(h.ioc_type || ' ' || h.ioc_value, h.rule), '; ')"
    "   FROM ioc_hits h WHERE h.evidence_id = e.evidence_id"
    "   AND h.locator = e.locator) END,"
    " v.path || CASE WHEN v.inner_path != '' THEN '//' || v.inner_path"
    "   ELSE '' END,"
    " f.id, f.part_offset, f.partition, f.addr, f.inode, f.path, f.link,"
    " f.name_alloc, f.meta_alloc, f.deleted, f.mode, f.uid, f.gid, f.size,"
    " f.atime, f.mtime, f.ctime, f.crtime, f.dtime, f.md5, f.sha256,"
    " f.hash_note, f.locator, m.host"
    " FROM events e JOIN evidence v ON v.id = e.evidence_id"
    " LEFT JOIN files f ON f.id = e.file_id"
    " LEFT JOIN messages m ON m.id = e.msg_id"
    " WHERE e.ts >= ?1 AND e.ts <= ?2 AND (e.flags & ?3) = ?3"
    " AND (?4 = 0 OR e.evidence_id = ?4)"
    " AND (?5 IS NULL OR e.source = ?5)"
    " AND (?6 IS NULL OR e.artifact = ?6)"
    " AND (?7 = 0 OR e.person_id = ?7)"
    " ORDER BY e.ts, e.file_id, e.doc_id, e.id";

static const char *text(sqlite3_stmt *s, int i)
{
    return (const char *)sqlite3_column_text(s, i);
}

static int64_t int_or(sqlite3_stmt *s, int i, int64_t null_v)
{
    if (sqlite3_column_type(s, i) == SQLITE_NULL)
        return null_v;
    return sqlite3_column_int64(s, i);
}

static void event_of(sqlite3_stmt *s, struct tl_event_row *r)
{
    r->id = sqlite3_column_int64(s, EN_ID);
    r->ts = sqlite3_column_int64(s, EN_TS);
    r->prec = sqlite3_column_int(s, EN_PREC);
    r->ts_desc = text(s, EN_TS_DESC);
    r->message = text(s, EN_MESSAGE);
    r->source = text(s, EN_SOURCE);
    r->artifact = text(s, EN_ARTIFACT);
    r->evidence_id = sqlite3_column_int64(s, EN_EVIDENCE_ID);
    r->locator = text(s, EN_LOCATOR);
    r->raw_time = text(s, EN_RAW_TIME);
    r->tz = text(s, EN_TZ);
    r->flags = (unsigned)sqlite3_column_int64(s, EN_FLAGS);
    r->file_id = sqlite3_column_int64(s, EN_FILE_ID);
    r->msg_id = sqlite3_column_int64(s, EN_MSG_ID);
    r->doc_id = sqlite3_column_int64(s, EN_DOC_ID);
    r->person_id = sqlite3_column_int64(s, EN_PERSON_ID);
    r->indicators = text(s, EN_INDICATORS);
    r->evidence = text(s, EN_EVIDENCE);
}

static void file_of(sqlite3_stmt *s, int64_t evidence_id, struct tl_file *f)
{
    f->evidence_id = evidence_id;
    f->part_offset = int_or(s, EN_F_PART_OFFSET, -1);
    f->partition = text(s, EN_F_PARTITION);
    f->addr = int_or(s, EN_F_ADDR, -1);
    f->inode = text(s, EN_F_INODE);
    f->path = text(s, EN_F_PATH);
    f->link = text(s, EN_F_LINK);
    f->name_alloc = sqlite3_column_int(s, EN_F_NAME_ALLOC);
    f->meta_alloc = sqlite3_column_int(s, EN_F_META_ALLOC);
    f->deleted = sqlite3_column_int(s, EN_F_DELETED);
    f->mode = text(s, EN_F_MODE);
    f->uid = text(s, EN_F_UID);
    f->gid = text(s, EN_F_GID);
    f->size = sqlite3_column_int64(s, EN_F_SIZE);
    f->atime = sqlite3_column_int64(s, EN_F_ATIME);
    f->mtime = sqlite3_column_int64(s, EN_F_MTIME);
    f->ctime = sqlite3_column_int64(s, EN_F_CTIME);
    f->crtime = sqlite3_column_int64(s, EN_F_CRTIME);
    f->dtime = sqlite3_column_int64(s, EN_F_DTIME);
    f->md5 = text(s, EN_F_MD5);
    f->sha256 = text(s, EN_F_SHA256);
    f->hash_note = text(s, EN_F_HASH_NOTE);
    f->locator = text(s, EN_F_LOCATOR);
}

static void bind_query(sqlite3_stmt *s, const struct tl_event_query *q)
{
    sqlite3_bind_int64(s, 1, q->has_from ? q->from : INT64_MIN);
    sqlite3_bind_int64(s, 2, q->has_to ? q->to : INT64_MAX);
    sqlite3_bind_int64(s, 3, q->flags);
    sqlite3_bind_int64(s, 4, q->evidence_id);
    tl_bind_text(s, 5, q->source);
    tl_bind_text(s, 6, q->artifact);
    sqlite3_bind_int64(s, 7, q->person_id);
    sqlite3_bind_int64(s, 8, TL_F_IOC);
}

int tl_event_entries_each(struct tl_store *st,
                          const struct tl_event_query *q,
                          tl_event_entry_fn fn, void *arg,
                          struct ftl_err *err)
{
    static const struct tl_event_query all;
    struct tl_event_row r;
    struct tl_file f;
    sqlite3_stmt *s = NULL;
    int rc, stop = 0;

    if (!q)
        q = &all;
    /* its own statement, not the store's cache: fn may walk again */
    if (sqlite3_prepare_v2(st->db, entries_sql, -1, &s, NULL) != SQLITE_OK) {
        rc = tl_store_dberr(st, err, "prepare");
        sqlite3_finalize(s);
        return rc;
    }
    bind_query(s, q);
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        int has_file = sqlite3_column_type(s, EN_F_ID) != SQLITE_NULL;

        event_of(s, &r);
        if (has_file)
            file_of(s, r.evidence_id, &f);
        stop = fn(&r, has_file ? &f : NULL, text(s, EN_HOST), arg);
        if (stop)
            break;
    }
    if (!stop && rc != SQLITE_DONE)
        stop = tl_store_dberr(st, err, "read");
    sqlite3_finalize(s);
    return stop;
}
