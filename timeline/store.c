/*
 * timeline/store.c - the SQLite case file: schema, migrations, inserts
 *
 * One case is one SQLite file.  The schema is versioned with PRAGMA
 * user_version and marked as ours with PRAGMA application_id; opening a
 * newer or foreign file fails with a message that says which.  Migrations
 * only go forward: migrations[i] takes a case from version i to i + 1.
 *
 * Evidence items, their identity and their places are evidence.c's;
 * this file holds the schema, opening, and the inserts of rows.
 *
 * SPDX-License-Identifier: MIT
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/fault.h"
#include "timeline/store_int.h"

#define FTL_APPLICATION_ID 0x46544c31   /* "FTL1" */

/*
 * Time columns are declared TIME_NS (NUMERIC affinity, integers stay
 * integers) so that exporters can find them with sqlite3_column_decltype()
 * and print them as RFC 3339.  NOT NULL DEFAULT 0 / '' on the evidence key
 * columns, because NULLs never collide in a unique index.
 */
static const char schema_v1[] =
    "CREATE TABLE case_info("
    " key TEXT PRIMARY KEY,"
    " value TEXT);"

    "CREATE TABLE audit("
    " id INTEGER PRIMARY KEY,"
    " command TEXT NOT NULL,"
    " argv TEXT NOT NULL,"
    " tool_version TEXT NOT NULL,"
    " user TEXT,"
    " host TEXT,"
    " cwd TEXT,"
    " started TIME_NS NOT NULL,"
    " ended TIME_NS,"
    " exit_status INTEGER,"
    " counts TEXT);"

    "CREATE TABLE evidence("
    " id INTEGER PRIMARY KEY,"
    " kind TEXT NOT NULL,"
    " path TEXT NOT NULL,"
    " inner_path TEXT NOT NULL DEFAULT '',"
    " parent_id INTEGER NOT NULL DEFAULT 0,"
    " size INTEGER,"
    " sha256 TEXT,"
    " md5 TEXT,"
    " mtime TIME_NS,"
    " options TEXT,"
    " tz TEXT,"
    " year INTEGER,"
    " collected_at TIME_NS NOT NULL,"
    " status TEXT NOT NULL DEFAULT 'collecting',"
    " n_events INTEGER,"
    " n_files INTEGER,"
    " n_warnings INTEGER,"
    " note TEXT,"
    " audit_id INTEGER);"
    "CREATE UNIQUE INDEX evidence_key"
    " ON evidence(kind, sha256, parent_id, inner_path);"

    "CREATE TABLE files("
    " id INTEGER PRIMARY KEY,"
    " evidence_id INTEGER NOT NULL,"
    " part_offset INTEGER,"
    " partition TEXT,"
    " addr INTEGER,"
    " inode TEXT,"
    " path TEXT NOT NULL,"
    " link TEXT,"
    " name_alloc INTEGER NOT NULL,"
    " meta_alloc INTEGER NOT NULL,"
    " deleted INTEGER NOT NULL,"
    " mode TEXT,"
    " uid TEXT,"
    " gid TEXT,"
    " size INTEGER,"
    " atime TIME_NS NOT NULL DEFAULT 0,"
    " mtime TIME_NS NOT NULL DEFAULT 0,"
    " ctime TIME_NS NOT NULL DEFAULT 0,"
    " crtime TIME_NS NOT NULL DEFAULT 0,"
    " dtime TIME_NS NOT NULL DEFAULT 0,"
    " md5 TEXT,"
    " sha256 TEXT,"
    " hash_note TEXT,"
    " locator TEXT NOT NULL);"
    "CREATE UNIQUE INDEX files_key ON files(evidence_id, locator);"

    "CREATE TABLE events("
    " id INTEGER PRIMARY KEY,"
    " ts TIME_NS NOT NULL,"
    " prec INTEGER NOT NULL,"
    " ts_desc TEXT NOT NULL,"
    " source TEXT NOT NULL,"
    " artifact TEXT NOT NULL,"
    " evidence_id INTEGER NOT NULL,"
    " locator TEXT NOT NULL,"
    " message TEXT NOT NULL,"
    " raw_time TEXT,"
    " tz TEXT,"
    " flags INTEGER NOT NULL DEFAULT 0,"
    " file_id INTEGER,"
    " msg_id INTEGER,"
    " doc_id INTEGER,"
    " person_id INTEGER);"
    "CREATE INDEX events_ts ON events(ts);"
    "CREATE UNIQUE INDEX events_key"
    " ON events(evidence_id, locator, ts, ts_desc);"

    "CREATE TABLE warnings("
    " id INTEGER PRIMARY KEY,"
    " evidence_id INTEGER,"
    " locator TEXT,"
    " message TEXT NOT NULL,"
    " recorded TIME_NS NOT NULL);"

    "CREATE TABLE messages("
    " id INTEGER PRIMARY KEY,"
    " evidence_id INTEGER NOT NULL,"
    " origin TEXT NOT NULL,"             /* 'log' or 'store' */
    " queue_id TEXT,"
    " gateway_id TEXT,"
    " message_id TEXT,"
    " sender TEXT,"
    " recipients TEXT,"
    " size INTEGER,"
    " subject TEXT,"
    " status TEXT,"
    " date TIME_NS,"
    " first_seen TIME_NS,"
    " last_seen TIME_NS,"
    " host TEXT,"
    " client TEXT,"
    " flags INTEGER NOT NULL DEFAULT 0,"
    " locator TEXT NOT NULL);"
    "CREATE UNIQUE INDEX messages_key ON messages(evidence_id, locator);"
    "CREATE INDEX messages_mid ON messages(message_id);"
    "CREATE INDEX messages_qid ON messages(queue_id);"

    "CREATE TABLE message_links("
    " id INTEGER PRIMARY KEY,"
    " evidence_id INTEGER NOT NULL,"
    " msg_id INTEGER NOT NULL,"
    " kind TEXT NOT NULL,"               /* 'queued-as', 'message-id', ... */
    " value TEXT NOT NULL,"
    " other_msg_id INTEGER);"

    "CREATE TABLE attachments("
    " id INTEGER PRIMARY KEY,"
    " evidence_id INTEGER NOT NULL,"
    " msg_id INTEGER,"
    " message_id TEXT,"
    " parent_id INTEGER,"                /* archive holding this member */
    " part_path TEXT,"
    " filename TEXT,"
    " content_type TEXT,"
    " size INTEGER,"
    " md5 TEXT,"
    " sha256 TEXT,"
    " is_member INTEGER NOT NULL DEFAULT 0,"
    " note TEXT,"
    " locator TEXT NOT NULL);"
    "CREATE UNIQUE INDEX attachments_key"
    " ON attachments(evidence_id, locator);"
    "CREATE INDEX attachments_sha ON attachments(sha256);"

    "CREATE TABLE persons("
    " person_id INTEGER PRIMARY KEY,"
    " employee_no TEXT,"
    " name TEXT,"
    " first_name TEXT,"
    " last_name TEXT,"
    " emails TEXT,"
    " department TEXT,"
    " role TEXT,"
    " status TEXT,"
    " extra TEXT,"
    " evidence_id INTEGER,"
    " locator TEXT);"
    "CREATE TABLE person_aliases("
    " id INTEGER PRIMARY KEY,"
    " person_id INTEGER NOT NULL,"
    " alias TEXT NOT NULL,"
    " kind TEXT NOT NULL,"
    " norm TEXT NOT NULL);"
    "CREATE INDEX person_aliases_norm ON person_aliases(norm);"

    "CREATE TABLE documents("
    " id INTEGER PRIMARY KEY,"
    " evidence_id INTEGER NOT NULL,"
    " path TEXT NOT NULL,"
    " size INTEGER,"
    " md5 TEXT,"
    " sha256 TEXT,"
    " type TEXT,"
    " title TEXT,"
    " author TEXT,"
    " last_modified_by TEXT,"
    " revision TEXT,"
    " created TIME_NS,"
    " modified TIME_NS,"
    " printed TIME_NS,"
    " person_ids TEXT,"
    " categories TEXT,"
    " attribution TEXT,"
    " art9 INTEGER NOT NULL DEFAULT 0,"
    " locator TEXT NOT NULL);"
    "CREATE UNIQUE INDEX documents_key ON documents(evidence_id, locator);"
    "CREATE INDEX documents_sha ON documents(sha256);"
    "CREATE TABLE document_persons("
    " id INTEGER PRIMARY KEY,"
    " doc_id INTEGER NOT NULL,"
    " person_id INTEGER NOT NULL,"
    " strength TEXT NOT NULL,"
    " field TEXT NOT NULL,"
    " matched TEXT);"
    "CREATE TABLE document_categories("
    " id INTEGER PRIMARY KEY,"
    " doc_id INTEGER NOT NULL,"
    " category TEXT NOT NULL,"
    " art9 INTEGER NOT NULL,"
    " field TEXT NOT NULL,"
    " pattern TEXT,"
    " matched TEXT);"

    "CREATE TABLE iocs("
    " id INTEGER PRIMARY KEY,"
    " type TEXT NOT NULL,"
    " value TEXT NOT NULL,"
    " family TEXT,"
    " note TEXT,"
    " source TEXT);"
    "CREATE UNIQUE INDEX iocs_key ON iocs(type, value);"
    "CREATE TABLE ioc_hits("
    " id INTEGER PRIMARY KEY,"
    " evidence_id INTEGER NOT NULL,"
    " ioc_id INTEGER,"
    " ioc_type TEXT,"
    " ioc_value TEXT,"
    " family TEXT,"
    " ioc_source TEXT,"
    " rule TEXT,"
    " target TEXT NOT NULL,"
    " value TEXT,"
    " context TEXT,"
    " description TEXT NOT NULL,"
    " locator TEXT NOT NULL,"
    " file_id INTEGER,"
    " msg_id INTEGER,"
    " attachment_id INTEGER);"
    "CREATE UNIQUE INDEX ioc_hits_key"
    " ON ioc_hits(evidence_id, locator, ifnull(ioc_id, 0),"
    " ifnull(rule, ''), target, value);";

/* migrations[i] brings a case at user_version i to i + 1. */
/* v2: a message is linked to a value once (a mail log may say "queued
 * as X" many times); duplicates a v1 case may hold are dropped first.
 * Warnings are counted per evidence item at its end: index them. */
static const char schema_v2[] =
    "DELETE FROM message_links WHERE id NOT IN"
    " (SELECT min(id) FROM message_links GROUP BY msg_id, kind, value);"
    "CREATE UNIQUE INDEX message_links_key"
    " ON message_links(msg_id, kind, value);"
    "CREATE INDEX warnings_ev ON warnings(evidence_id);";

/* v3: the analysis (analyze/).  Every table below is rewritten as a whole
 * by one 'ftl analyze' run; nothing else writes them.  Times are UTC ns as
 * everywhere; where a clock correction changed a time, 'corrected' is 1 and
 * the row's note says by how much.  Lists of event ids are text, ids
 * ascending and separated by one space, so that a row can be cited and its
 * proof found again with 'ftl export csv --table events'. */
static const char schema_v3[] =
    "CREATE TABLE analysis("           /* one row per key: the run's facts */
    " key TEXT PRIMARY KEY,"
    " value TEXT);"
    "CREATE TABLE analysis_window("
    " bound TEXT PRIMARY KEY,"         /* 'start' or 'end' */
    " ts TIME_NS,"                     /* NULL: no bound could be found */
    " origin TEXT NOT NULL,"           /* explicit, indicator, contained, last-activity */
    " reason TEXT NOT NULL,"           /* a sentence: why this bound */
    " event_ids TEXT NOT NULL DEFAULT '');"
    "CREATE TABLE analysis_warnings("
    " id INTEGER PRIMARY KEY,"
    " kind TEXT NOT NULL,"
    " message TEXT NOT NULL,"
    " event_ids TEXT NOT NULL DEFAULT '');"
    "CREATE TABLE message_groups("    /* one logical message */
    " id INTEGER PRIMARY KEY,"
    " message_id TEXT,"
    " sender TEXT,"
    " recipients TEXT,"
    " subject TEXT,"
    " direction TEXT,"                 /* inbound, outbound, internal, external, unknown */
    " crossed INTEGER NOT NULL DEFAULT 0," /* went through the gateway */
    " transit TIME_NS,"                /* time through the gateway (trusted clock) */
    " transit_raw TIME_NS,"            /* the same as the gateway's clock wrote it */
    " transit_host TEXT,"
    " in_window INTEGER NOT NULL DEFAULT 0,"
    " flagged INTEGER NOT NULL DEFAULT 0," /* an indicator matched one record */
    " corrected INTEGER NOT NULL DEFAULT 0,"
    " n_records INTEGER NOT NULL DEFAULT 0,"
    " note TEXT);"
    "CREATE INDEX message_groups_mid ON message_groups(message_id);"
    /* The few events an indicator matched (TL_F_IOC 4) or analyze
     * flagged (TL_F_IOC_MESSAGE 128), so that the analysis finds them
     * without reading every event; a partial index costs nothing for
     * the others at collection.  Queries must repeat the literal term. */
    "CREATE INDEX events_flagged ON events(msg_id)"
    " WHERE (flags & 132) <> 0;"
    /* The Barracuda rows by their id (a log's other rows have none): the
     * analysis joins the records of one appliance id and the "queued as"
     * that name it. */
    "CREATE INDEX messages_gw ON messages(gateway_id, host)"
    " WHERE gateway_id IS NOT NULL;"
    "CREATE TABLE message_group_members("
    " msg_id INTEGER PRIMARY KEY,"     /* messages.id: in one group only */
    " group_id INTEGER NOT NULL,"
    " role TEXT NOT NULL,"             /* gateway-log, server-log, store, appliance-store */
    " host TEXT,"
    " ts TIME_NS,"
    " linked_by TEXT);"                /* message-id, queued-as, gateway-id */
    "CREATE INDEX message_group_members_group"
    " ON message_group_members(group_id);"
    "CREATE TABLE clock_offsets("
    " id INTEGER PRIMARY KEY,"
    " host_a TEXT NOT NULL,"
    " host_b TEXT NOT NULL,"
    " offset_seconds REAL NOT NULL,"   /* how far host_a is ahead of host_b */
    " spread_seconds REAL NOT NULL,"
    " pairs INTEGER NOT NULL,"
    " method TEXT NOT NULL,"           /* two-way (NTP-style) or one-way (includes transit) */
    " applied INTEGER NOT NULL DEFAULT 0,"
    " note TEXT);"
    "CREATE TABLE exposures("
    " id INTEGER PRIMARY KEY,"
    " person_id INTEGER NOT NULL,"
    " employee_no TEXT,"
    " name TEXT,"
    " category TEXT NOT NULL,"
    " art9 INTEGER NOT NULL DEFAULT 0,"
    " channel TEXT NOT NULL,"          /* mail-transit, appliance-storage */
    " confidence TEXT NOT NULL,"       /* observed, accessible, unknown */
    " strength TEXT NOT NULL,"         /* strong, medium, weak */
    " first_exposed TIME_NS,"
    " last_exposed TIME_NS,"
    " items INTEGER NOT NULL,"
    " event_ids TEXT NOT NULL DEFAULT '',"
    " corrected INTEGER NOT NULL DEFAULT 0,"
    " basis TEXT);"                    /* sentence: how the link was made */
    "CREATE INDEX exposures_person ON exposures(person_id);"
    "CREATE TABLE exposure_items("
    " id INTEGER PRIMARY KEY,"
    " exposure_id INTEGER NOT NULL,"
    " kind TEXT NOT NULL,"             /* message, file */
    " group_id INTEGER,"
    " file_id INTEGER,"
    " doc_id INTEGER,"
    " attachment_id INTEGER,"
    " ts TIME_NS,"
    " event_ids TEXT NOT NULL DEFAULT '',"
    " strength TEXT NOT NULL,"
    " reason TEXT);"
    "CREATE INDEX exposure_items_exposure ON exposure_items(exposure_id);"
    "CREATE TABLE exposure_summary("
    " person_id INTEGER PRIMARY KEY,"
    " employee_no TEXT,"
    " name TEXT,"
    " categories TEXT NOT NULL,"       /* sorted, one space apart */
    " art9 INTEGER NOT NULL DEFAULT 0,"
    " identity_document INTEGER NOT NULL DEFAULT 0,"
    " strongest TEXT NOT NULL,"
    " first_exposed TIME_NS,"
    " last_exposed TIME_NS,"
    " exposures INTEGER NOT NULL,"
    " items INTEGER NOT NULL);"
    "CREATE TABLE exposure_figures("  /* GDPR Art. 33(3)(a): no names */
    " category TEXT PRIMARY KEY,"      /* '*' is the total over categories */
    " art9 INTEGER NOT NULL DEFAULT 0,"
    " identity_document INTEGER NOT NULL DEFAULT 0,"
    " data_subjects INTEGER NOT NULL,"
    " records INTEGER NOT NULL,"
    " subjects_weak_only INTEGER NOT NULL DEFAULT 0);"
    "CREATE TABLE category_rules("    /* rules an HR collection used */
    " id INTEGER PRIMARY KEY,"
    " category TEXT NOT NULL,"
    " art9 INTEGER NOT NULL,"
    " field TEXT NOT NULL,"
    " pattern TEXT NOT NULL,"
    " source TEXT);"
    "CREATE UNIQUE INDEX category_rules_key"
    " ON category_rules(category, field, pattern);"
    /* The exposure step's joins: a group's attachments and the events
     * that prove a message.  Partial, because only mail events have a
     * message, and a query for one id ("msg_id = ?") implies IS NOT
     * NULL, so the planner uses it; on a bulk load of 1,000,000 events
     * it cost less than the noise of our runs (under 10%).  A file's
     * events are found through events_key: they carry the file's
     * locator. */
    "CREATE INDEX attachments_msg ON attachments(msg_id);"
    "CREATE INDEX events_msg ON events(msg_id) WHERE msg_id IS NOT NULL;";

/* v4: evidence is identified by its content, and every place it was
 * found is a row of evidence_places (see timeline/evidence.c).  The key
 * is (kind, sha256, part), part being the inner path of an item on its
 * own (a disk read from one --offset) and '' for an item found inside
 * another, whose inner path is a place; rows that another replaced
 * (superseded_by) leave the key.  A v3 case may hold one content twice (a
 * copy inside an image and outside): the later rows are marked as
 * copies of the first, their rows kept as they were, and 'ftl collect
 * --replace' makes one item of them.  'given' holds the options given
 * that shape what is read, to tell a changed command from a repeated
 * one; the audit gets a note for what a command replaced. */
static const char schema_v4[] =
    "ALTER TABLE evidence ADD COLUMN given TEXT;"
    "ALTER TABLE evidence ADD COLUMN superseded_by INTEGER NOT NULL"
    " DEFAULT 0;"
    "ALTER TABLE audit ADD COLUMN note TEXT;"
    "DROP INDEX evidence_key;"
    "UPDATE evidence SET superseded_by = (SELECT min(o.id) FROM evidence o"
    "  WHERE o.kind = evidence.kind AND o.sha256 = evidence.sha256"
    "  AND (CASE WHEN o.parent_id = 0 THEN o.inner_path ELSE '' END)"
    "   = (CASE WHEN evidence.parent_id = 0 THEN evidence.inner_path"
    "      ELSE '' END))"
    " WHERE sha256 IS NOT NULL;"
    "UPDATE evidence SET superseded_by = 0 WHERE superseded_by = id"
    " OR superseded_by IS NULL;"
    "UPDATE evidence SET note = CASE WHEN note IS NULL THEN '' ELSE"
    " note || '; ' END || 'the same content as evidence #' || superseded_by"
    " || ', collected again before case schema 4: its rows double those of"
    " #' || superseded_by WHERE superseded_by != 0;"
    "CREATE UNIQUE INDEX evidence_content ON evidence(kind, sha256,"
    " (CASE WHEN parent_id = 0 THEN inner_path ELSE '' END))"
    " WHERE superseded_by = 0;"
    "CREATE INDEX evidence_parent ON evidence(parent_id);"
    "CREATE INDEX evidence_sha ON evidence(kind, sha256);"
    "CREATE TABLE evidence_places("
    " id INTEGER PRIMARY KEY,"
    " evidence_id INTEGER NOT NULL,"
    " path TEXT NOT NULL,"               /* as given, or the parent's */
    " real_path TEXT NOT NULL DEFAULT '',"/* absolute; '' inside a parent */
    " inner_path TEXT NOT NULL DEFAULT '',"
    " parent_id INTEGER NOT NULL DEFAULT 0,"
    " size INTEGER,"
    " mtime TIME_NS,"
    " collected_at TIME_NS NOT NULL,"
    " audit_id INTEGER);"
    "CREATE UNIQUE INDEX evidence_places_key"
    " ON evidence_places(evidence_id, parent_id, inner_path, real_path);"
    "CREATE INDEX evidence_places_parent ON evidence_places(parent_id);"
    "INSERT INTO evidence_places(evidence_id, path, real_path, inner_path,"
    " parent_id, size, mtime, collected_at, audit_id)"
    " SELECT e.id, e.path, CASE WHEN e.parent_id != 0 THEN ''"
    "  WHEN substr(e.path, 1, 1) = '/' OR ifnull(a.cwd, '') = ''"
    "  THEN e.path ELSE a.cwd || '/' || e.path END,"
    " e.inner_path, e.parent_id, e.size, e.mtime, e.collected_at,"
    " e.audit_id FROM evidence e LEFT JOIN audit a ON a.id = e.audit_id"
    " ORDER BY e.id;"
    "CREATE INDEX message_links_ev ON message_links(evidence_id);";

/* v5: 'ftl verify' (cli/verify.c, timeline/verify.c).  One row of
 * verifications per run that could record (a case opened read-only
 * verifies without recording), with the audit row of the command and
 * its counts; one row of verification_places per place checked, with
 * what was recorded, what was read, and the status: ok, CHANGED,
 * missing, unreadable (the reason in note). */
static const char schema_v5[] =
    "CREATE TABLE verifications("
    " id INTEGER PRIMARY KEY,"
    " audit_id INTEGER,"
    " started TIME_NS NOT NULL,"
    " ended TIME_NS,"
    " result TEXT NOT NULL,"           /* ok, failed (any place not ok) */
    " n_items INTEGER NOT NULL DEFAULT 0,"
    " n_places INTEGER NOT NULL DEFAULT 0,"
    " n_ok INTEGER NOT NULL DEFAULT 0,"
    " n_changed INTEGER NOT NULL DEFAULT 0,"
    " n_missing INTEGER NOT NULL DEFAULT 0,"
    " n_unreadable INTEGER NOT NULL DEFAULT 0);"
    "CREATE TABLE verification_places("
    " id INTEGER PRIMARY KEY,"
    " verification_id INTEGER NOT NULL,"
    " evidence_id INTEGER NOT NULL,"
    " place_id INTEGER NOT NULL DEFAULT 0," /* evidence_places.id */
    " kind TEXT NOT NULL,"
    " place TEXT NOT NULL,"            /* path, or IMAGE//inner path */
    " status TEXT NOT NULL,"           /* ok, CHANGED, missing, unreadable */
    " sha256_recorded TEXT,"
    " sha256_seen TEXT,"               /* NULL: nothing could be read */
    " note TEXT);"
    "CREATE INDEX verification_places_run"
    " ON verification_places(verification_id);";

static const char *const migrations[] = {
    schema_v1,
    schema_v2,
    schema_v3,
    schema_v4,
    schema_v5,
};

#define N_MIGRATIONS ((int)(sizeof(migrations) / sizeof(migrations[0])))

_Static_assert(sizeof(migrations) / sizeof(migrations[0]) ==
               TL_SCHEMA_VERSION, "TL_SCHEMA_VERSION must match migrations");

/* How long a connection waits for another's lock before it gives up. */
#define TL_BUSY_TIMEOUT_MS 5000

/* A write the file system refused (full, RLIMIT_FSIZE, an I/O error):
 * said as such with the system's reason, which SQLite's "disk I/O
 * error" leaves out; a lock held by another process past the busy
 * timeout, said as such ("database is locked" names neither).  NULL for
 * any other error. */
static const char *failure_reason(struct tl_store *st, char *buf, size_t n)
{
    int code = st && st->db ? sqlite3_errcode(st->db) : SQLITE_OK;
    int e = st && st->db ? sqlite3_system_errno(st->db) : 0;

    if (code == SQLITE_BUSY || code == SQLITE_LOCKED) {
        snprintf(buf, n, "the case is in use by another ftl or program "
                 "(still locked after waiting %d s): try again when it has "
                 "finished", TL_BUSY_TIMEOUT_MS / 1000);
        return buf;
    }
    if (code != SQLITE_FULL && code != SQLITE_IOERR)
        return NULL;
    snprintf(buf, n, "cannot write the case file: %s%s", e ? strerror(e)
             : sqlite3_errmsg(st->db), e == EFBIG || e == ENOSPC ||
             code == SQLITE_FULL ? " (the file system is full or the "
             "file size limit is reached)" : "");
    return buf;
}

int tl_store_dberr(struct tl_store *st, struct ftl_err *err,
                   const char *what)
{
    char why[200];
    const char *full = failure_reason(st, why, sizeof(why));

    if (full)
        return ftl_err_set(err, FTL_EDB, "%s: %s: %s",
                           st->path ? st->path : "case", what, full);
    return ftl_err_set(err, FTL_EDB, "%s: %s: %s",
                       st && st->path ? st->path : "case", what,
                       st && st->db ? sqlite3_errmsg(st->db) : "no database");
}

int tl_store_exec(struct tl_store *st, const char *sql, struct ftl_err *err)
{
    char *msg = NULL, why[200];
    const char *full;

    if (sqlite3_exec(st->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        full = failure_reason(st, why, sizeof(why));
        ftl_err_set(err, FTL_EDB, "%s: %s", st->path,
                    full ? full : msg ? msg : "sql error");
        sqlite3_free(msg);
        return FTL_EDB;
    }
    return FTL_OK;
}

sqlite3_stmt *tl_store_stmt(struct tl_store *st, const char *sql,
                            struct ftl_err *err)
{
    sqlite3_stmt *s;
    int i;

    for (i = 0; i < st->nstmts; i++) {
        if (st->keys[i] == sql) {
            sqlite3_reset(st->stmts[i]);
            sqlite3_clear_bindings(st->stmts[i]);
            return st->stmts[i];
        }
    }
    /* The statements are string literals of the code, so their number
     * is fixed; running out of slots is a programming error. */
    if (st->nstmts == TL_STMT_MAX) {
        ftl_err_set(err, FTL_ERR, "%s: more than %d cached statements",
                    st->path, TL_STMT_MAX);
        return NULL;
    }
    if (sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s,
                           NULL) != SQLITE_OK) {
        tl_store_dberr(st, err, "prepare");
        return NULL;
    }
    st->keys[st->nstmts] = sql;
    st->stmts[st->nstmts++] = s;
    return s;
}

int tl_bind_text(sqlite3_stmt *s, int i, const char *v)
{
    if (!v)
        return sqlite3_bind_null(s, i);
    /* Strings are borrowed for the call; every statement is stepped
     * before the caller's memory goes away, and bindings are cleared
     * before reuse, so SQLITE_STATIC is safe and saves a copy. */
    return sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
}

int tl_bind_int_or_null(sqlite3_stmt *s, int i, int64_t v, int64_t null_v)
{
    if (v == null_v)
        return sqlite3_bind_null(s, i);
    return sqlite3_bind_int64(s, i, v);
}

/* Read the three values that say what the file is, in one statement so
 * that they come from one snapshot (another ftl may be creating it). */
static int read_header(struct tl_store *st, int64_t *app_id,
                       int64_t *version, int64_t *ntables,
                       struct ftl_err *err)
{
    static const char sql[] =
        "SELECT (SELECT application_id FROM pragma_application_id),"
        " (SELECT user_version FROM pragma_user_version),"
        " (SELECT count(*) FROM sqlite_master)";
    sqlite3_stmt *s;
    int rc;

    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
        rc = SQLITE_ERROR;
    else if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        *app_id = sqlite3_column_int64(s, 0);
        *version = sqlite3_column_int64(s, 1);
        *ntables = sqlite3_column_int64(s, 2);
    }
    sqlite3_finalize(s);
    if (rc == SQLITE_ROW)
        return FTL_OK;
    if (sqlite3_errcode(st->db) == SQLITE_NOTADB)
        return ftl_err_set(err, FTL_ESCHEMA, "'%s' is not an ftl case file "
                           "(not an SQLite database)", st->path);
    return tl_store_dberr(st, err, "read");
}

/* FTL_OK when the file is an ftl case (or an empty new one we may fill)
 * of a version we read; *current = 1 when it needs no migration. */
static int judge(struct tl_store *st, int create, int64_t app_id,
                 int64_t version, int64_t ntables, int *current,
                 struct ftl_err *err)
{
    if (app_id == 0 && version == 0 && ntables == 0) {
        if (!create)
            return ftl_err_set(err, FTL_ESCHEMA,
                               "'%s' is empty, not an ftl case file",
                               st->path);
    } else if (app_id != FTL_APPLICATION_ID) {
        return ftl_err_set(err, FTL_ESCHEMA,
                           "'%s' is an SQLite database but not an ftl "
                           "case file (application_id %lld)", st->path,
                           (long long)app_id);
    }
    if (version > N_MIGRATIONS)
        return ftl_err_set(err, FTL_ESCHEMA,
                           "'%s' has case schema %lld, newer than this "
                           "ftl %s understands (%d): use a newer ftl",
                           st->path, (long long)version, FTL_VERSION,
                           N_MIGRATIONS);
    *current = version == N_MIGRATIONS;
    return FTL_OK;
}

/*
 * Check that the file is an ftl case we can read, and bring it to the
 * current schema when we may write.  A brand-new empty database (no
 * tables, application_id 0) gets the schema when 'create' is set.  The
 * decision to migrate is taken again inside the write transaction, so
 * that two ftl runs creating the same case do not both run the schema.
 */
static int check_and_migrate(struct tl_store *st, int create,
                             struct ftl_err *err)
{
    int64_t app_id, version, ntables;
    char sql[64];
    int rc, v, current;

    if ((rc = read_header(st, &app_id, &version, &ntables, err)) ||
        (rc = judge(st, create, app_id, version, ntables, &current, err)))
        return rc;
    /* A reader takes an older case as it is: migrating would change the
     * file, and the migrations only add tables and indexes, so every
     * reader finds what it reads (a table added later is just absent). */
    if (current || st->readonly)
        return FTL_OK;

    if ((rc = tl_store_exec(st, "BEGIN IMMEDIATE", err)))
        return rc;
    if ((rc = read_header(st, &app_id, &version, &ntables, err)) ||
        (rc = judge(st, create, app_id, version, ntables, &current, err)))
        goto fail;
    for (v = (int)version; v < N_MIGRATIONS; v++) {
        if ((rc = tl_store_exec(st, migrations[v], err)))
            goto fail;
    }
    snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", N_MIGRATIONS);
    if ((rc = tl_store_exec(st, sql, err)))
        goto fail;
    snprintf(sql, sizeof(sql), "PRAGMA application_id = %d",
             FTL_APPLICATION_ID);
    if ((rc = tl_store_exec(st, sql, err)))
        goto fail;
    return tl_store_exec(st, "COMMIT", err);
fail:
    sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
    return rc;
}

/* Before SQLite's first use: no count of its memory, which costs a
 * global mutex on every allocation and which ftl never reads.  Refused
 * (and harmless) once SQLite is initialised. */
static void store_config(void)
{
    static int done;

    if (!done) {
        done = 1;
        sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    }
}

int tl_store_open(struct tl_store **out, const char *path, int mode,
                  struct ftl_err *err)
{
    struct tl_store *st;
    struct stat sb;
    int flags, rc, created = 0;
    char now[TL_TIME_BUFSZ];

    *out = NULL;
    store_config();
    if (mode == TL_OPEN_CREATE) {
        /* Only the run that made the file may remove it on failure. */
        int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);

        if (fd >= 0) {
            close(fd);
            created = 1;
        } else if (errno != EEXIST) {
            return ftl_err_set(err, FTL_EIO, "cannot create case '%s': %s",
                               path, strerror(errno));
        }
    }
    if (!created) {
        if (stat(path, &sb) != 0)
            return ftl_err_set(err, FTL_EIO, "cannot open case '%s': %s "
                               "(create it with 'ftl init' or 'ftl "
                               "collect')", path, strerror(errno));
        if (!S_ISREG(sb.st_mode))
            return ftl_err_set(err, FTL_EIO, "case '%s' is not a regular "
                               "file", path);
    }

    st = calloc(1, sizeof(*st));
    if (!st || !(st->path = strdup(path))) {
        free(st);
        return ftl_err_set(err, FTL_ENOMEM, "out of memory");
    }
    st->readonly = mode == TL_OPEN_READ;
    flags = st->readonly ? SQLITE_OPEN_READONLY
                         : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    /* One thread uses a connection (the hashing threads never touch the
     * case), so its mutex is only cost: a few per cent of a bulk load
     * or an analysis in pthread_mutex_lock. */
    flags |= SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(path, &st->db, flags, NULL) != SQLITE_OK) {
        rc = tl_store_dberr(st, err, "open");
        goto fail;
    }
    sqlite3_busy_timeout(st->db, TL_BUSY_TIMEOUT_MS);
    sqlite3_extended_result_codes(st->db, 0);
    /* Read-only twice over: SQLite opens the file O_RDONLY (no journal
     * is ever created beside it), and query_only refuses any statement
     * that would write, should one be asked. */
    if (st->readonly &&
        (rc = tl_store_exec(st, "PRAGMA query_only = 1", err)))
        goto fail;
    if ((rc = check_and_migrate(st, mode == TL_OPEN_CREATE, err)))
        goto fail;
    /* 32 MiB page cache: index inserts in random order stay in memory
     * for a few hundred thousand rows, and memory stays bounded. */
    if ((rc = tl_store_exec(st, "PRAGMA cache_size = -32768", err)))
        goto fail;
    if (created) {
        tl_time_format(tl_time_now(), 0, now);
        if ((rc = tl_case_set(st, "created", now, err)) ||
            (rc = tl_case_set(st, "tool_version", "ftl " FTL_VERSION, err)))
            goto fail;
    }
    st->created = created;
    *out = st;
    return FTL_OK;
fail:
    tl_store_close(st);
    if (created)
        unlink(path);
    return rc;
}

int tl_store_created(const struct tl_store *st)
{
    return st->created;
}

/* Under an exclusive lock nobody else reads or writes the file, so the
 * counts cannot change before it is gone.  Another run that opened the
 * file and has not yet run a statement would write into the removed
 * file; its audit row comes first, which is why only our own may be
 * there. */
int tl_store_remove_if_empty(struct tl_store **stp, int64_t audit_id,
                             struct ftl_err *err)
{
    static const char sql[] =
        "SELECT (SELECT count(*) FROM evidence),"
        " (SELECT count(*) FROM audit WHERE id != ?)";
    struct tl_store *st = *stp;
    sqlite3_stmt *s;
    int rc, empty = 0;

    if (!st->created || st->readonly)
        return FTL_DONE;
    if ((rc = tl_store_exec(st, "BEGIN EXCLUSIVE", err)))
        return rc;
    if (!(s = tl_store_stmt(st, sql, err))) {
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
        return FTL_EDB;
    }
    sqlite3_bind_int64(s, 1, audit_id);
    if (sqlite3_step(s) == SQLITE_ROW)
        empty = sqlite3_column_int64(s, 0) == 0 &&
                sqlite3_column_int64(s, 1) == 0;
    sqlite3_reset(s);
    if (empty && unlink(st->path) != 0)
        empty = 0;
    sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
    if (!empty)
        return FTL_DONE;
    tl_store_close(st);
    *stp = NULL;
    return FTL_OK;
}

void tl_store_close(struct tl_store *st)
{
    int i;

    if (!st)
        return;
    for (i = 0; i < st->nstmts; i++)
        sqlite3_finalize(st->stmts[i]);
    if (st->db && !sqlite3_get_autocommit(st->db))
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
    sqlite3_close(st->db);
    free(st->path);
    free(st->rp_dir);
    free(st->rp_real);
    free(st);
}

const char *tl_store_path(const struct tl_store *st)
{
    return st->path;
}

int tl_case_set(struct tl_store *st, const char *key, const char *value,
                struct ftl_err *err)
{
    static const char sql[] =
        "INSERT INTO case_info(key, value) VALUES(?, ?)"
        " ON CONFLICT(key) DO UPDATE SET value = excluded.value";
    sqlite3_stmt *s = tl_store_stmt(st, sql, err);

    if (!s)
        return FTL_EDB;
    tl_bind_text(s, 1, key);
    tl_bind_text(s, 2, value);
    if (sqlite3_step(s) != SQLITE_DONE)
        return tl_store_dberr(st, err, "case_info");
    return FTL_OK;
}

char *tl_case_get(struct tl_store *st, const char *key)
{
    static const char sql[] = "SELECT value FROM case_info WHERE key = ?";
    sqlite3_stmt *s = tl_store_stmt(st, sql, NULL);
    char *v = NULL;

    if (!s)
        return NULL;
    tl_bind_text(s, 1, key);
    if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0))
        v = strdup((const char *)sqlite3_column_text(s, 0));
    sqlite3_reset(s);
    return v;
}

int tl_event_add(struct tl_store *st, const struct tl_event *ev,
                 int64_t *id, struct ftl_err *err)
{
    static const char sql[] =
        "INSERT OR IGNORE INTO events(ts, prec, ts_desc, source, artifact,"
        " evidence_id, locator, message, raw_time, tz, flags, file_id,"
        " msg_id, doc_id, person_id)"
        " VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    sqlite3_stmt *s = tl_store_stmt(st, sql, err);

    if (!s)
        return FTL_EDB;
    sqlite3_bind_int64(s, 1, ev->ts);
    sqlite3_bind_int(s, 2, ev->prec);
    tl_bind_text(s, 3, ev->ts_desc);
    tl_bind_text(s, 4, ev->source);
    tl_bind_text(s, 5, ev->artifact);
    sqlite3_bind_int64(s, 6, ev->evidence_id);
    tl_bind_text(s, 7, ev->locator);
    tl_bind_text(s, 8, ev->message);
    tl_bind_text(s, 9, ev->raw_time);
    tl_bind_text(s, 10, ev->tz);
    sqlite3_bind_int64(s, 11, ev->flags);
    tl_bind_int_or_null(s, 12, ev->file_id, 0);
    tl_bind_int_or_null(s, 13, ev->msg_id, 0);
    tl_bind_int_or_null(s, 14, ev->doc_id, 0);
    tl_bind_int_or_null(s, 15, ev->person_id, 0);
    if (sqlite3_step(s) != SQLITE_DONE)
        return tl_store_dberr(st, err, "event");
    if (sqlite3_changes(st->db) == 0)
        return FTL_DONE;
    if (id)
        *id = sqlite3_last_insert_rowid(st->db);
    ftl_fault_point("event");  /* a crash mid-item: the test build only */
    return FTL_OK;
}

int tl_file_add(struct tl_store *st, const struct tl_file *f, int64_t *id,
                struct ftl_err *err)
{
    static const char sql[] =
        "INSERT OR IGNORE INTO files(evidence_id, part_offset, partition,"
        " addr, inode, path, name_alloc, meta_alloc, deleted, mode, uid,"
        " gid, size, atime, mtime, ctime, crtime, dtime, md5, sha256,"
        " hash_note, locator, link)"
        " VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
        " ?, ?, ?, ?)";
    sqlite3_stmt *s = tl_store_stmt(st, sql, err);

    if (!s)
        return FTL_EDB;
    sqlite3_bind_int64(s, 1, f->evidence_id);
    tl_bind_int_or_null(s, 2, f->part_offset, -1);
    tl_bind_text(s, 3, f->partition);
    tl_bind_int_or_null(s, 4, f->addr, -1);
    tl_bind_text(s, 5, f->inode);
    tl_bind_text(s, 6, f->path);
    sqlite3_bind_int(s, 7, f->name_alloc);
    sqlite3_bind_int(s, 8, f->meta_alloc);
    sqlite3_bind_int(s, 9, f->deleted);
    tl_bind_text(s, 10, f->mode);
    tl_bind_text(s, 11, f->uid);
    tl_bind_text(s, 12, f->gid);
    sqlite3_bind_int64(s, 13, f->size);
    sqlite3_bind_int64(s, 14, f->atime);
    sqlite3_bind_int64(s, 15, f->mtime);
    sqlite3_bind_int64(s, 16, f->ctime);
    sqlite3_bind_int64(s, 17, f->crtime);
    sqlite3_bind_int64(s, 18, f->dtime);
    tl_bind_text(s, 19, f->md5);
    tl_bind_text(s, 20, f->sha256);
    tl_bind_text(s, 21, f->hash_note);
    tl_bind_text(s, 22, f->locator);
    tl_bind_text(s, 23, f->link);
    if (sqlite3_step(s) != SQLITE_DONE)
        return tl_store_dberr(st, err, "file");
    if (sqlite3_changes(st->db) == 0)
        return FTL_DONE;
    if (id)
        *id = sqlite3_last_insert_rowid(st->db);
    return FTL_OK;
}

int tl_warning_add(struct tl_store *st, int64_t evidence_id,
                   const char *locator, const char *message,
                   struct ftl_err *err)
{
    static const char sql[] =
        "INSERT INTO warnings(evidence_id, locator, message, recorded)"
        " VALUES(?, ?, ?, ?)";
    sqlite3_stmt *s = tl_store_stmt(st, sql, err);

    if (!s)
        return FTL_EDB;
    tl_bind_int_or_null(s, 1, evidence_id, 0);
    tl_bind_text(s, 2, locator);
    tl_bind_text(s, 3, message);
    sqlite3_bind_int64(s, 4, tl_time_now());
    if (sqlite3_step(s) != SQLITE_DONE)
        return tl_store_dberr(st, err, "warning");
    return FTL_OK;
}

/* ---- read access for exporters ---------------------------------- */

static int walk_rows(struct tl_store *st, sqlite3_stmt *s, tl_row_fn row,
                     void *payload, struct ftl_err *err)
{
    int rc;

    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (row(s, payload)) {
            rc = SQLITE_DONE;
            break;
        }
    }
    if (rc != SQLITE_DONE)
        return tl_store_dberr(st, err, "read");
    return FTL_OK;
}

int tl_store_query(struct tl_store *st, const char *sql, tl_row_fn row,
                   void *payload, struct ftl_err *err)
{
    return tl_store_select(st, sql, "", row, payload, err);
}

int tl_store_select(struct tl_store *st, const char *sql, const char *types,
                    tl_row_fn row, void *payload, struct ftl_err *err, ...)
{
    sqlite3_stmt *s;
    va_list ap;
    int i, rc;

    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
        return tl_store_dberr(st, err, "prepare");
    va_start(ap, err);
    for (i = 0; types[i]; i++) {
        if (types[i] == 'i')
            sqlite3_bind_int64(s, i + 1, va_arg(ap, int64_t));
        else
            tl_bind_text(s, i + 1, va_arg(ap, const char *));
    }
    va_end(ap);
    rc = walk_rows(st, s, row, payload, err);
    sqlite3_finalize(s);
    return rc;
}

int64_t tl_col_int(void *stmt, int i)
{
    return sqlite3_column_int64(stmt, i);
}

const char *tl_col_text(void *stmt, int i)
{
    return (const char *)sqlite3_column_text(stmt, i);
}

int tl_col_bytes(void *stmt, int i)
{
    return sqlite3_column_bytes(stmt, i);
}

int tl_col_is_int(void *stmt, int i)
{
    return sqlite3_column_type(stmt, i) == SQLITE_INTEGER;
}

int tl_col_is_null(void *stmt, int i)
{
    return sqlite3_column_type(stmt, i) == SQLITE_NULL;
}

int tl_col_count(void *stmt)
{
    return sqlite3_column_count(stmt);
}

const char *tl_col_name(void *stmt, int i)
{
    return sqlite3_column_name(stmt, i);
}

int tl_col_is_time(void *stmt, int i)
{
    const char *t = sqlite3_column_decltype(stmt, i);

    return t && strcmp(t, "TIME_NS") == 0;
}

int tl_store_has_table(struct tl_store *st, const char *name)
{
    static const char sql[] =
        "SELECT 1 FROM sqlite_master WHERE type IN ('table', 'view')"
        " AND name = ? AND name NOT LIKE 'sqlite_%'";
    sqlite3_stmt *s = tl_store_stmt(st, sql, NULL);
    int found;

    if (!s)
        return 0;
    tl_bind_text(s, 1, name);
    found = sqlite3_step(s) == SQLITE_ROW;
    sqlite3_reset(s);
    return found;
}
