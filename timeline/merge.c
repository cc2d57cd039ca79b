/*
 * timeline/merge.c - one case made of several: 'ftl merge'
 *
 * Each examiner collects on a machine of their own into a case of their
 * own; merging brings those cases into one as if everything had been
 * collected there.  A source case is ATTACHed read-only (a URI with
 * mode=ro: SQLite opens it O_RDONLY and never writes a journal beside
 * it) and copied with INSERT ... SELECT, one transaction per source, so
 * that a merge cut short leaves the target as it was before that source.
 *
 * Evidence is its content, as in a collection (evidence.c): an item of
 * the source whose (kind, sha256, part) the target holds already adds
 * only its places; one collected there with other options, or read
 * completely in the source but not in the target, is a conflict, told to
 * the caller and not merged, nor anything found inside it.  Anything else
 * is new: its row and every row that hangs off it are copied, ids
 * remapped.  Rows of the source are found again in the target by their
 * keys (evidence, locator), which holds for known and new items alike;
 * persons by their fields, as 'ftl collect staff' finds a person it has
 * (timeline/hr.c, collectors/hr/staff.c); indicators by (type, value).
 * Every audit row of the source is kept, with a note naming the case
 * file it came from; one that is there already (merged before) is not
 * copied twice.  The analysis tables are derived: a merge that adds
 * anything empties them, and 'ftl analyze' is run again.
 *
 * SPDX-License-Identifier: MIT
 */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/fold.h"
#include "timeline/store_int.h"

/* temp.m_ev.how: what became of a source evidence row */
enum { HOW_NEW = 1, HOW_KNOWN = 2, HOW_SKIP = 3, HOW_RECORD = 4 };

/* ---- the statements ---------------------------------------------- */

/* Scratch tables of one source: source id -> target id. */
static const char maps_sql[] =
    "CREATE TEMP TABLE IF NOT EXISTS m_ev(src INTEGER PRIMARY KEY,"
    " dst INTEGER, how INTEGER NOT NULL);"
    "CREATE TEMP TABLE IF NOT EXISTS m_audit(src INTEGER PRIMARY KEY,"
    " dst INTEGER);"
    "CREATE TEMP TABLE IF NOT EXISTS m_file(src INTEGER PRIMARY KEY,"
    " dst INTEGER);"
    "CREATE TEMP TABLE IF NOT EXISTS m_msg(src INTEGER PRIMARY KEY,"
    " dst INTEGER);"
    "CREATE TEMP TABLE IF NOT EXISTS m_att(src INTEGER PRIMARY KEY,"
    " dst INTEGER);"
    "CREATE TEMP TABLE IF NOT EXISTS m_doc(src INTEGER PRIMARY KEY,"
    " dst INTEGER);"
    "CREATE TEMP TABLE IF NOT EXISTS m_person(src INTEGER PRIMARY KEY,"
    " dst INTEGER);"
    "CREATE TEMP TABLE IF NOT EXISTS m_ioc(src INTEGER PRIMARY KEY,"
    " dst INTEGER);"
    "CREATE TEMP TABLE IF NOT EXISTS t_sig(sig TEXT, person_id INTEGER);"
    "CREATE INDEX IF NOT EXISTS temp.t_sig_sig ON t_sig(sig);"
    "DELETE FROM temp.m_ev; DELETE FROM temp.m_audit;"
    "DELETE FROM temp.m_file; DELETE FROM temp.m_msg;"
    "DELETE FROM temp.m_att; DELETE FROM temp.m_doc;"
    "DELETE FROM temp.m_person; DELETE FROM temp.m_ioc;"
    "DELETE FROM temp.t_sig;";

/* The audit rows first: evidence and places name them.  A row already
 * in the target (the same command, started at the same nanosecond on
 * the same host) is that row. */
static const char *const audit_sql[] = {
    "INSERT INTO main.audit(command, argv, tool_version, user, host, cwd,"
    " started, ended, exit_status, counts, note)"
    " SELECT a.command, a.argv, a.tool_version, a.user, a.host, a.cwd,"
    " a.started, a.ended, a.exit_status, a.counts,"
    " 'merged from ' || ?1 || ' (its audit #' || a.id || ')' ||"
    " CASE WHEN a.note IS NULL THEN '' ELSE '; ' || a.note END"
    " FROM src.audit a WHERE NOT EXISTS (SELECT 1 FROM main.audit t"
    "  WHERE t.started = a.started AND t.command = a.command"
    "  AND t.argv = a.argv AND t.host IS a.host) ORDER BY a.id",
    "INSERT INTO temp.m_audit SELECT a.id, (SELECT min(t.id) FROM"
    " main.audit t WHERE t.started = a.started AND t.command = a.command"
    " AND t.argv = a.argv AND t.host IS a.host) FROM src.audit a",
    /* the case's details the target has not got (a new target) */
    "INSERT OR IGNORE INTO main.case_info(key, value)"
    " SELECT key, value FROM src.case_info",
    NULL
};

/* The source's evidence rows in id order: a parent before its items. */
static const char ev_each_sql[] =
    "SELECT id, kind, sha256, CASE WHEN parent_id = 0 THEN inner_path"
    " ELSE '' END, parent_id, superseded_by, given, status, path,"
    " inner_path FROM src.evidence ORDER BY id";

/* The same content in the target (the key of evidence_content). */
static const char ev_known_sql[] =
    "SELECT id, given, status FROM main.evidence WHERE kind = ?1"
    " AND sha256 = ?2 AND (CASE WHEN parent_id = 0 THEN inner_path"
    " ELSE '' END) = ?3 AND superseded_by = 0";

/* A source row copied; ?2 the row that replaced it (records only). */
static const char ev_copy_sql[] =
    "INSERT INTO main.evidence(kind, path, inner_path, parent_id, size,"
    " sha256, md5, mtime, options, tz, year, collected_at, status,"
    " n_events, n_files, n_warnings, note, audit_id, given, superseded_by)"
    " SELECT kind, path, inner_path, ifnull((SELECT dst FROM temp.m_ev"
    "  WHERE src = e.parent_id), 0), size, sha256, md5, mtime, options,"
    " tz, year, collected_at, status, n_events, n_files, n_warnings, note,"
    " (SELECT dst FROM temp.m_audit WHERE src = e.audit_id), given, ?2"
    " FROM src.evidence e WHERE id = ?1";

static const char ev_map_sql[] =
    "INSERT INTO temp.m_ev(src, dst, how) VALUES(?, ?, ?)";

/* Persons: the signature 'ftl collect staff' compares (staff.c's
 * canon_make), made by ftl_person_sig(), indexed for the target. */
#define PERSON_SIG(p) \
    "ftl_person_sig(" p ".employee_no, " p ".first_name, " p ".last_name," \
    " " p ".name, " p ".emails, " p ".department, " p ".role, " p ".status)"

/* The rows of the items (?1: offset of the new persons' ids, ?2 of the
 * new documents', ?3 of the new attachments'), in the order their
 * references need.  A mapped item is a new or a known one. */
struct step {
    const char *sql;
    size_t stat;               /* offsetof the count it adds to, or NONE */
};

#define NONE ((size_t)-1)
#define AT(f) offsetof(struct tl_merge_stats, f)

static const struct step rows_sql[] = {
    /* places of every item merged; one the target has stays once */
    { "INSERT OR IGNORE INTO main.evidence_places(evidence_id, path,"
      " real_path, inner_path, parent_id, size, mtime, collected_at,"
      " audit_id) SELECT m.dst, p.path, p.real_path, p.inner_path,"
      " CASE WHEN p.parent_id = 0 THEN 0 ELSE pm.dst END, p.size, p.mtime,"
      " p.collected_at, (SELECT dst FROM temp.m_audit WHERE src = p.audit_id)"
      " FROM src.evidence_places p JOIN temp.m_ev m ON m.src = p.evidence_id"
      " AND m.how IN (1, 2) LEFT JOIN temp.m_ev pm ON pm.src = p.parent_id"
      " AND pm.how IN (1, 2) WHERE p.parent_id = 0 OR pm.dst IS NOT NULL"
      " ORDER BY p.id", AT(places) },
    { "INSERT OR IGNORE INTO main.iocs(type, value, family, note, source)"
      " SELECT type, value, family, note, source FROM src.iocs ORDER BY id",
      NONE },
    { "INSERT INTO temp.m_ioc SELECT s.id, t.id FROM src.iocs s"
      " JOIN main.iocs t ON t.type = s.type AND t.value = s.value", NONE },
    { "INSERT OR IGNORE INTO main.category_rules(category, art9, field,"
      " pattern, source) SELECT category, art9, field, pattern, source"
      " FROM src.category_rules ORDER BY id", NONE },
    /* files */
    { "INSERT INTO main.files(evidence_id, part_offset, partition, addr,"
      " inode, path, link, name_alloc, meta_alloc, deleted, mode, uid, gid,"
      " size, atime, mtime, ctime, crtime, dtime, md5, sha256, hash_note,"
      " locator) SELECT m.dst, f.part_offset, f.partition, f.addr, f.inode,"
      " f.path, f.link, f.name_alloc, f.meta_alloc, f.deleted, f.mode, f.uid,"
      " f.gid, f.size, f.atime, f.mtime, f.ctime, f.crtime, f.dtime, f.md5,"
      " f.sha256, f.hash_note, f.locator FROM src.files f CROSS JOIN"
      " temp.m_ev m WHERE m.src = f.evidence_id AND m.how = 1 ORDER BY f.id",
      AT(files) },
    { "INSERT INTO temp.m_file SELECT f.id, t.id FROM temp.m_ev m"
      " JOIN src.files f ON f.evidence_id = m.src JOIN main.files t"
      " ON t.evidence_id = m.dst AND t.locator = f.locator"
      " WHERE m.how IN (1, 2)", NONE },
    /* messages and their links */
    { "INSERT INTO main.messages(evidence_id, origin, queue_id, gateway_id,"
      " message_id, sender, recipients, size, subject, status, date,"
      " first_seen, last_seen, host, client, flags, locator)"
      " SELECT m.dst, g.origin, g.queue_id, g.gateway_id, g.message_id,"
      " g.sender, g.recipients, g.size, g.subject, g.status, g.date,"
      " g.first_seen, g.last_seen, g.host, g.client, g.flags, g.locator"
      " FROM src.messages g CROSS JOIN temp.m_ev m WHERE m.src = g.evidence_id"
      " AND m.how = 1 ORDER BY g.id", AT(messages) },
    { "INSERT INTO temp.m_msg SELECT g.id, t.id FROM temp.m_ev m"
      " JOIN src.messages g ON g.evidence_id = m.src JOIN main.messages t"
      " ON t.evidence_id = m.dst AND t.locator = g.locator"
      " WHERE m.how IN (1, 2)", NONE },
    { "INSERT OR IGNORE INTO main.message_links(evidence_id, msg_id, kind,"
      " value, other_msg_id) SELECT m.dst, a.dst, l.kind, l.value, o.dst"
      " FROM src.message_links l CROSS JOIN temp.m_ev m"
      " JOIN temp.m_msg a ON a.src = l.msg_id"
      " LEFT JOIN temp.m_msg o ON o.src = l.other_msg_id"
      " WHERE m.src = l.evidence_id AND m.how = 1 ORDER BY l.id", NONE },
    /* attachments: an archive's members are of its message, so of the
     * same item, and keep their parent with the same offset */
    { "INSERT INTO main.attachments(id, evidence_id, msg_id, message_id,"
      " parent_id, part_path, filename, content_type, size, md5, sha256,"
      " is_member, note, locator) SELECT a.id + ?3, m.dst, g.dst,"
      " a.message_id, a.parent_id + ?3, a.part_path, a.filename,"
      " a.content_type, a.size, a.md5, a.sha256, a.is_member, a.note,"
      " a.locator FROM src.attachments a CROSS JOIN temp.m_ev m"
      " LEFT JOIN temp.m_msg g ON g.src = a.msg_id"
      " WHERE m.src = a.evidence_id AND m.how = 1 ORDER BY a.id",
      AT(attachments) },
    { "INSERT INTO temp.m_att SELECT a.id, t.id FROM temp.m_ev m"
      " JOIN src.attachments a ON a.evidence_id = m.src"
      " JOIN main.attachments t ON t.evidence_id = m.dst"
      " AND t.locator = a.locator WHERE m.how IN (1, 2)", NONE },
    /* persons: one with the same fields is the target's; the others of a
     * merged item are new, with their aliases */
    { "INSERT INTO temp.t_sig SELECT " PERSON_SIG("p") ", p.person_id"
      " FROM main.persons p", NONE },
    { "INSERT INTO temp.m_person SELECT p.person_id, (SELECT"
      " min(t.person_id) FROM temp.t_sig t WHERE t.sig = " PERSON_SIG("p")
      ") FROM src.persons p", NONE },
    { "INSERT INTO main.persons(person_id, employee_no, name, first_name,"
      " last_name, emails, department, role, status, extra, evidence_id,"
      " locator) SELECT p.person_id + ?1, p.employee_no, p.name,"
      " p.first_name, p.last_name, p.emails, p.department, p.role, p.status,"
      " p.extra, m.dst, p.locator FROM src.persons p"
      " JOIN temp.m_person mp ON mp.src = p.person_id AND mp.dst IS NULL"
      " JOIN temp.m_ev m ON m.src = p.evidence_id AND m.how IN (1, 2)"
      " ORDER BY p.person_id", AT(persons) },
    { "INSERT INTO main.person_aliases(person_id, alias, kind, norm)"
      " SELECT a.person_id + ?1, a.alias, a.kind, a.norm"
      " FROM src.person_aliases a JOIN main.persons t"
      " ON t.person_id = a.person_id + ?1 ORDER BY a.id", NONE },
    { "UPDATE temp.m_person SET dst = src + ?1 WHERE dst IS NULL AND"
      " EXISTS (SELECT 1 FROM main.persons t WHERE t.person_id = src + ?1)",
      NONE },
    /* documents (person_ids is remapped afterwards, in C) */
    { "INSERT INTO main.documents(id, evidence_id, path, size, md5, sha256,"
      " type, title, author, last_modified_by, revision, created, modified,"
      " printed, person_ids, categories, attribution, art9, locator)"
      " SELECT d.id + ?2, m.dst, d.path, d.size, d.md5, d.sha256, d.type,"
      " d.title, d.author, d.last_modified_by, d.revision, d.created,"
      " d.modified, d.printed, d.person_ids, d.categories, d.attribution,"
      " d.art9, d.locator FROM src.documents d CROSS JOIN temp.m_ev m"
      " WHERE m.src = d.evidence_id AND m.how = 1 ORDER BY d.id",
      AT(documents) },
    { "INSERT INTO temp.m_doc SELECT d.id, t.id FROM temp.m_ev m"
      " JOIN src.documents d ON d.evidence_id = m.src JOIN main.documents t"
      " ON t.evidence_id = m.dst AND t.locator = d.locator"
      " WHERE m.how IN (1, 2)", NONE },
    { "INSERT INTO main.document_persons(doc_id, person_id, strength, field,"
      " matched) SELECT d.id + ?2, p.dst, x.strength, x.field, x.matched"
      " FROM src.document_persons x JOIN main.documents d"
      " ON d.id = x.doc_id + ?2 JOIN temp.m_person p ON p.src = x.person_id"
      " AND p.dst IS NOT NULL ORDER BY x.id", NONE },
    { "INSERT INTO main.document_categories(doc_id, category, art9, field,"
      " pattern, matched) SELECT x.doc_id + ?2, x.category, x.art9, x.field,"
      " x.pattern, x.matched FROM src.document_categories x"
      " JOIN main.documents d ON d.id = x.doc_id + ?2 ORDER BY x.id", NONE },
    /* events, in the source's order; TL_F_IOC_MESSAGE (128) is the
     * analysis', which the merge empties */
    { "INSERT INTO main.events(ts, prec, ts_desc, source, artifact,"
      " evidence_id, locator, message, raw_time, tz, flags, file_id, msg_id,"
      " doc_id, person_id) SELECT e.ts, e.prec, e.ts_desc, e.source,"
      " e.artifact, m.dst, e.locator, e.message, e.raw_time, e.tz,"
      " e.flags & ~128, f.dst, g.dst, d.dst, p.dst"
      " FROM src.events e CROSS JOIN temp.m_ev m"
      " LEFT JOIN temp.m_file f ON f.src = e.file_id"
      " LEFT JOIN temp.m_msg g ON g.src = e.msg_id"
      " LEFT JOIN temp.m_doc d ON d.src = e.doc_id"
      " LEFT JOIN temp.m_person p ON p.src = e.person_id"
      " WHERE m.src = e.evidence_id AND m.how = 1 ORDER BY e.id", AT(events) },
    { "INSERT INTO main.warnings(evidence_id, locator, message, recorded)"
      " SELECT m.dst, w.locator, w.message, w.recorded FROM src.warnings w"
      " LEFT JOIN temp.m_ev m ON m.src = w.evidence_id"
      " WHERE m.how = 1 OR (ifnull(w.evidence_id, 0) = 0 AND NOT EXISTS"
      "  (SELECT 1 FROM main.warnings t WHERE t.evidence_id IS NULL"
      "   AND t.recorded = w.recorded AND t.message = w.message))"
      " ORDER BY w.id", AT(warnings) },
    { "INSERT OR IGNORE INTO main.ioc_hits(evidence_id, ioc_id, ioc_type,"
      " ioc_value, family, ioc_source, rule, target, value, context,"
      " description, locator, file_id, msg_id, attachment_id)"
      " SELECT m.dst, i.dst, h.ioc_type, h.ioc_value, h.family,"
      " h.ioc_source, h.rule, h.target, h.value, h.context, h.description,"
      " h.locator, f.dst, g.dst, a.dst FROM src.ioc_hits h CROSS JOIN"
      " temp.m_ev m LEFT JOIN temp.m_ioc i ON i.src = h.ioc_id"
      " LEFT JOIN temp.m_file f ON f.src = h.file_id"
      " LEFT JOIN temp.m_msg g ON g.src = h.msg_id"
      " LEFT JOIN temp.m_att a ON a.src = h.attachment_id"
      " WHERE m.src = h.evidence_id AND m.how = 1 ORDER BY h.id", AT(hits) },
    { NULL, NONE }
};

/* ---- helpers ------------------------------------------------------ */

/* Run one statement, binding ?1.. from 'ints' (as many as it takes);
 * *changes gets the rows it changed. */
static int run_ints(struct tl_store *st, const char *sql,
                    const int64_t *ints, int n, int64_t *changes,
                    struct ftl_err *err)
{
    sqlite3_stmt *s;
    int i, rc;

    /* not cached: each runs once per source */
    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
        return tl_store_dberr(st, err, "merge");
    for (i = 0; i < n && i < sqlite3_bind_parameter_count(s); i++)
        sqlite3_bind_int64(s, i + 1, ints[i]);
    rc = sqlite3_step(s);
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE)
        return tl_store_dberr(st, err, "merge");
    if (changes)
        *changes = sqlite3_changes(st->db);
    return FTL_OK;
}

/* One integer of a statement without parameters (0 when no row). */
static int64_t one_int(struct tl_store *st, const char *sql)
{
    sqlite3_stmt *s;
    int64_t v = 0;

    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
        return 0;
    if (sqlite3_step(s) == SQLITE_ROW)
        v = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return v;
}

/* ftl_person_sig(no, first, last, name, emails, dept, role, status):
 * the fields 'ftl collect staff' compares, folded as it folds them, so
 * that a person is one person in both (collectors/hr/staff.c). */
static void person_sig(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
    char *f[8], *out = NULL;
    size_t n = 8;
    int i, ok = 1;

    for (i = 0; i < argc && i < 8; i++) {
        const char *v = (const char *)sqlite3_value_text(argv[i]);

        /* the e-mail addresses are compared as written, as staff.c does */
        f[i] = i == 4 ? strdup(v ? v : "") : ftl_fold(v ? v : "");
        ok = ok && f[i];
        n += f[i] ? strlen(f[i]) : 0;
    }
    if (ok && argc == 8 && (out = malloc(n)))
        snprintf(out, n, "%s|%s|%s|%s|%s|%s|%s|%s", f[0], f[1], f[2], f[3],
                 f[4], f[5], f[6], f[7]);
    for (i = 0; i < argc && i < 8; i++)
        free(f[i]);
    if (out)
        sqlite3_result_text(cx, out, -1, free);
    else
        sqlite3_result_error_nomem(cx);
}

/* "file:/abs/path?mode=ro", the path percent-encoded (RFC 3986), so that
 * no byte of a file name is read as URI syntax; malloc'd. */
static char *ro_uri(const char *real)
{
    static const char keep[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN"
                               "OPQRSTUVWXYZ0123456789/-._~";
    size_t n = 3 * strlen(real) + 32;
    char *out = malloc(n), *p = out;
    const unsigned char *c;

    if (!out)
        return NULL;
    p = stpcpy(p, "file:");
    for (c = (const unsigned char *)real; *c; c++) {
        if (strchr(keep, *c))
            *p++ = (char)*c;
        else
            p += sprintf(p, "%%%02X", *c);
    }
    strcpy(p, "?mode=ro");
    return out;
}

/* ---- the source --------------------------------------------------- */

/* 'path' is an ftl case of the current schema and not the target: its
 * absolute path in *real (malloc'd). */
static int source_check(struct tl_store *st, const char *path, char **real,
                        struct ftl_err *err)
{
    struct tl_store *src = NULL;
    struct stat sa, sb;
    int rc;

    *real = NULL;
    /* the checks and messages of any reader: an ftl case, not newer */
    if ((rc = tl_store_open(&src, path, TL_OPEN_READ, err)))
        return rc;
    tl_store_close(src);
    if (stat(path, &sa) == 0 && stat(st->path, &sb) == 0 &&
        sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino)
        return ftl_err_set(err, FTL_EUSAGE, "'%s' is the target case "
                           "itself", path);
    if (!(*real = realpath(path, NULL)))
        return ftl_err_set(err, FTL_EIO, "cannot open case '%s': %s", path,
                           strerror(errno));
    return FTL_OK;
}

/* ATTACH the source as 'src', read-only, and check its version. */
static int source_attach(struct tl_store *st, const char *path,
                         const char *real, struct ftl_err *err)
{
    sqlite3_stmt *s;
    char *uri;
    int64_t version;
    int rc;

    /* Without URI names SQLite would take "file:..." for a file name
     * and create it: refuse rather than write beside the source. */
    if (!sqlite3_compileoption_used("USE_URI"))
        return ftl_err_set(err, FTL_ERR, "this SQLite (%s) reads no URI "
                           "file names: cannot open '%s' read-only",
                           sqlite3_libversion(), path);
    if (!(uri = ro_uri(real)))
        return ftl_err_set(err, FTL_ENOMEM, "out of memory");
    rc = sqlite3_prepare_v2(st->db, "ATTACH ?1 AS src", -1, &s, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(s, 1, uri, -1, SQLITE_TRANSIENT);
        rc = sqlite3_step(s) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
        sqlite3_finalize(s);
    }
    free(uri);
    if (rc != SQLITE_OK)
        return ftl_err_set(err, FTL_EDB, "cannot open case '%s': %s", path,
                           sqlite3_errmsg(st->db));
    version = one_int(st, "PRAGMA src.user_version");
    if (version != TL_SCHEMA_VERSION) {
        sqlite3_exec(st->db, "DETACH src", NULL, NULL, NULL);
        return ftl_err_set(err, FTL_ESCHEMA, "'%s' has case schema %lld; "
                           "ftl merges cases of schema %d only: merge a "
                           "copy brought up to date ('cp %s new.ftl; ftl "
                           "init -c new.ftl') and leave the source as it is",
                           path, (long long)version, TL_SCHEMA_VERSION,
                           path);
    }
    return FTL_OK;
}

/* ---- evidence ----------------------------------------------------- */

/* The statements of the evidence pass, prepared once per source. */
struct ev_pass {
    sqlite3_stmt *each, *known, *copy, *map, *how;
    const char *source;        /* the source case, as given */
    tl_merge_conflict_fn fn;
    void *payload;
    struct tl_merge_stats *n;
};

static int status_rank(const char *status)
{
    return !status ? 0 : !strcmp(status, "complete") ? 2
           : !strcmp(status, "partial") ? 1 : 0;
}

static const char *col_text(sqlite3_stmt *s, int i)
{
    return (const char *)sqlite3_column_text(s, i);
}

/* How the source's item 'id' went (0: not met) and where, *dst. */
static int how_of(struct ev_pass *p, int64_t id, int64_t *dst)
{
    int how = 0;

    sqlite3_reset(p->how);
    sqlite3_bind_int64(p->how, 1, id);
    if (sqlite3_step(p->how) == SQLITE_ROW) {
        how = sqlite3_column_int(p->how, 0);
        if (dst)
            *dst = sqlite3_column_int64(p->how, 1);
    }
    sqlite3_reset(p->how);
    return how;
}

static int map_add(struct tl_store *st, struct ev_pass *p, int64_t src,
                   int64_t dst, int how, struct ftl_err *err)
{
    sqlite3_reset(p->map);
    sqlite3_bind_int64(p->map, 1, src);
    sqlite3_bind_int64(p->map, 2, dst);
    sqlite3_bind_int(p->map, 3, how);
    if (sqlite3_step(p->map) != SQLITE_DONE)
        return tl_store_dberr(st, err, "merge");
    return FTL_OK;
}

/* Copy source row 'id' (superseded by target row 'by', 0 for a live
 * item); its new id in *dst. */
static int ev_copy(struct tl_store *st, struct ev_pass *p, int64_t id,
                   int64_t by, int64_t *dst, struct ftl_err *err)
{
    sqlite3_reset(p->copy);
    sqlite3_bind_int64(p->copy, 1, id);
    sqlite3_bind_int64(p->copy, 2, by);
    if (sqlite3_step(p->copy) != SQLITE_DONE)
        return tl_store_dberr(st, err, "merge evidence");
    *dst = sqlite3_last_insert_rowid(st->db);
    return FTL_OK;
}

/* The content of the current row of p->each in the target: *how is
 * HOW_KNOWN (*dst its id), HOW_SKIP after a conflict told, or HOW_NEW. */
static int ev_meet(struct tl_store *st, struct ev_pass *p, int *how,
                   int64_t *dst, struct ftl_err *err)
{
    sqlite3_stmt *e = p->each, *k = p->known;
    struct tl_merge_conflict c;
    int rc;

    *how = HOW_NEW;
    if (sqlite3_column_type(e, 2) == SQLITE_NULL)
        return FTL_OK;         /* never hashed: nothing to compare */
    sqlite3_reset(k);
    sqlite3_bind_text(k, 1, col_text(e, 1), -1, SQLITE_STATIC);
    sqlite3_bind_text(k, 2, col_text(e, 2), -1, SQLITE_STATIC);
    sqlite3_bind_text(k, 3, col_text(e, 3), -1, SQLITE_STATIC);
    if ((rc = sqlite3_step(k)) != SQLITE_ROW) {
        sqlite3_reset(k);
        return rc == SQLITE_DONE ? FTL_OK
                                 : tl_store_dberr(st, err, "merge evidence");
    }
    *how = HOW_KNOWN;
    *dst = sqlite3_column_int64(k, 0);
    memset(&c, 0, sizeof(c));
    c.kind = col_text(e, 1);
    c.sha256 = col_text(e, 2);
    c.path = col_text(e, 8);
    c.inner_path = col_text(e, 9);
    c.source = p->source;
    c.source_id = sqlite3_column_int64(e, 0);
    c.source_given = col_text(e, 6);
    c.source_status = col_text(e, 7);
    c.target_id = *dst;
    c.target_given = col_text(k, 1);
    c.target_status = col_text(k, 2);
    /* collect's rule (collectors/identity.c): an item on its own with
     * other options given is another reading; options not recorded
     * (an old case) are not compared.  A reading the target has only in
     * part is not completed by guessing either. */
    if ((!sqlite3_column_int64(e, 4) && c.source_given && c.target_given &&
         strcmp(c.source_given, c.target_given) != 0) ||
        status_rank(c.source_status) > status_rank(c.target_status)) {
        *how = HOW_SKIP;
        if (p->fn)
            p->fn(&c, p->payload);
        p->n->conflicts++;
    }
    sqlite3_reset(k);
    return FTL_OK;
}

/* One live row of the source (the current row of p->each). */
static int ev_one(struct tl_store *st, struct ev_pass *p,
                  struct ftl_err *err)
{
    int64_t id = sqlite3_column_int64(p->each, 0), dst = 0;
    int64_t parent = sqlite3_column_int64(p->each, 4);
    int how, rc, ph;

    /* inside an item not merged: the other reading's, not merged */
    if (parent && (ph = how_of(p, parent, NULL)) != HOW_NEW &&
        ph != HOW_KNOWN) {
        p->n->skipped++;
        return map_add(st, p, id, 0, HOW_SKIP, err);
    }
    if ((rc = ev_meet(st, p, &how, &dst, err)))
        return rc;
    if (how == HOW_NEW) {
        if ((rc = ev_copy(st, p, id, 0, &dst, err)))
            return rc;
        p->n->evidence++;
    } else if (how == HOW_KNOWN) {
        p->n->known++;
    }
    return map_add(st, p, id, dst, how, err);
}

/* 1 when the target has the record of source row 'id' (replaced by
 * target row 'by') already: merged before. */
static int record_there(struct tl_store *st, int64_t id, int64_t by)
{
    static const char sql[] =
        "SELECT 1 FROM main.evidence t, src.evidence e WHERE e.id = ?1"
        " AND t.superseded_by = ?2 AND t.kind = e.kind AND t.path = e.path"
        " AND t.collected_at = e.collected_at";
    sqlite3_stmt *s;
    int found;

    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
        return 0;
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_int64(s, 2, by);
    found = sqlite3_step(s) == SQLITE_ROW;
    sqlite3_finalize(s);
    return found;
}

/* A row another replaced: kept as the record of what was, when the row
 * that replaced it is merged and the record is not there yet. */
static int ev_record(struct tl_store *st, struct ev_pass *p,
                     struct ftl_err *err)
{
    int64_t id = sqlite3_column_int64(p->each, 0), by = 0, dst;
    int how = how_of(p, sqlite3_column_int64(p->each, 5), &by), rc;

    if ((how != HOW_NEW && how != HOW_KNOWN) || record_there(st, id, by))
        return map_add(st, p, id, 0, HOW_SKIP, err);
    if ((rc = ev_copy(st, p, id, by, &dst, err)))
        return rc;
    p->n->records++;
    return map_add(st, p, id, dst, HOW_RECORD, err);
}

static void ev_pass_release(struct ev_pass *p)
{
    sqlite3_finalize(p->each);
    sqlite3_finalize(p->known);
    sqlite3_finalize(p->copy);
    sqlite3_finalize(p->map);
    sqlite3_finalize(p->how);
}

/* Every evidence row of the source: live ones first (in id order, a
 * parent before what was found in it), then the records of replaced
 * ones, which name the live row that replaced them. */
static int evidence_pass(struct tl_store *st, struct ev_pass *p,
                         struct ftl_err *err)
{
    int rc = FTL_OK, step, pass;

    if (sqlite3_prepare_v2(st->db, ev_each_sql, -1, &p->each, NULL) ||
        sqlite3_prepare_v2(st->db, ev_known_sql, -1, &p->known, NULL) ||
        sqlite3_prepare_v2(st->db, ev_copy_sql, -1, &p->copy, NULL) ||
        sqlite3_prepare_v2(st->db, ev_map_sql, -1, &p->map, NULL) ||
        sqlite3_prepare_v2(st->db, "SELECT how, dst FROM temp.m_ev"
                           " WHERE src = ?", -1, &p->how, NULL)) {
        rc = tl_store_dberr(st, err, "merge");
        goto out;
    }
    for (pass = 0; pass < 2 && !rc; pass++) {
        sqlite3_reset(p->each);
        while (!rc && (step = sqlite3_step(p->each)) == SQLITE_ROW) {
            int superseded = sqlite3_column_int64(p->each, 5) != 0;

            if (pass == 0 && !superseded)
                rc = ev_one(st, p, err);
            else if (pass == 1 && superseded)
                rc = ev_record(st, p, err);
        }
        if (!rc && step != SQLITE_DONE)
            rc = tl_store_dberr(st, err, "merge evidence");
    }
out:
    ev_pass_release(p);
    return rc;
}

/* ---- the rows ----------------------------------------------------- */

/* "3;7" with each person id mapped (unmapped ones left out), into out. */
static void ids_map(sqlite3_stmt *map, const char *in, char *out, size_t n)
{
    size_t len = 0;
    const char *p = in;
    char *end;

    out[0] = '\0';
    while (*p) {
        long long id = strtoll(p, &end, 10);

        if (end == p)
            break;
        sqlite3_reset(map);
        sqlite3_bind_int64(map, 1, id);
        if (sqlite3_step(map) == SQLITE_ROW &&
            sqlite3_column_type(map, 0) != SQLITE_NULL && len < n)
            len += (size_t)snprintf(out + len, n - len, "%s%lld",
                                    len ? ";" : "",
                                    (long long)sqlite3_column_int64(map, 0));
        sqlite3_reset(map);
        p = end + strspn(end, ";");
    }
}

/* The documents copied (ids above 'off') name the source's persons in
 * person_ids: the target's now. */
static int person_ids_remap(struct tl_store *st, int64_t off,
                            struct ftl_err *err)
{
    sqlite3_stmt *each = NULL, *map = NULL, *set = NULL;
    char ids[4096];
    int rc = FTL_OK, step;

    if (sqlite3_prepare_v2(st->db, "SELECT id, person_ids FROM"
                           " main.documents WHERE id > ?1 AND"
                           " ifnull(person_ids, '') != '' ORDER BY id",
                           -1, &each, NULL) ||
        sqlite3_prepare_v2(st->db, "SELECT dst FROM temp.m_person"
                           " WHERE src = ?", -1, &map, NULL) ||
        sqlite3_prepare_v2(st->db, "UPDATE main.documents SET"
                           " person_ids = nullif(?1, '') WHERE id = ?2",
                           -1, &set, NULL)) {
        rc = tl_store_dberr(st, err, "merge documents");
        goto out;
    }
    sqlite3_bind_int64(each, 1, off);
    while (!rc && (step = sqlite3_step(each)) == SQLITE_ROW) {
        ids_map(map, col_text(each, 1), ids, sizeof(ids));
        sqlite3_reset(set);
        sqlite3_bind_text(set, 1, ids, -1, SQLITE_STATIC);
        sqlite3_bind_int64(set, 2, sqlite3_column_int64(each, 0));
        if (sqlite3_step(set) != SQLITE_DONE)
            rc = tl_store_dberr(st, err, "merge documents");
    }
    if (!rc && step != SQLITE_DONE)
        rc = tl_store_dberr(st, err, "merge documents");
out:
    sqlite3_finalize(each);
    sqlite3_finalize(map);
    sqlite3_finalize(set);
    return rc;
}

static int rows_pass(struct tl_store *st, struct tl_merge_stats *n,
                     struct ftl_err *err)
{
    int64_t off[3], changes = 0;
    const struct step *s;
    int rc;

    /* the ids the new persons, documents and attachments take: the
     * source's, above every id of the target */
    off[0] = one_int(st, "SELECT ifnull(max(person_id), 0) FROM"
                     " main.persons");
    off[1] = one_int(st, "SELECT ifnull(max(id), 0) FROM main.documents");
    off[2] = one_int(st, "SELECT ifnull(max(id), 0) FROM main.attachments");
    for (s = rows_sql; s->sql; s++) {
        if ((rc = run_ints(st, s->sql, off, 3, &changes, err)))
            return rc;
        if (s->stat != NONE)
            *(int64_t *)((char *)n + s->stat) += changes;
    }
    return person_ids_remap(st, off[1], err);
}

/* Empty the analysis when there was one: what it says is of the case
 * before the merge. */
static int analysis_drop(struct tl_store *st, struct tl_merge_stats *n,
                         struct ftl_err *err)
{
    int rc;

    if (!one_int(st, "SELECT EXISTS (SELECT 1 FROM main.analysis) OR"
                 " EXISTS (SELECT 1 FROM main.exposures) OR"
                 " EXISTS (SELECT 1 FROM main.message_groups) OR"
                 " EXISTS (SELECT 1 FROM main.clock_offsets) OR"
                 " EXISTS (SELECT 1 FROM main.analysis_window)"))
        return FTL_OK;
    if ((rc = tl_an_clear(st, err)))
        return rc;
    n->analysis_dropped = 1;
    return FTL_OK;
}

/* The work inside the source's transaction. */
static int merge_body(struct tl_store *st, struct ev_pass *p,
                      struct ftl_err *err)
{
    struct tl_merge_stats *n = p->n;
    int64_t audit;
    int rc, i;

    if ((rc = tl_store_exec(st, maps_sql, err)))
        return rc;
    for (i = 0; audit_sql[i]; i++) {
        sqlite3_stmt *s;

        if (sqlite3_prepare_v2(st->db, audit_sql[i], -1, &s, NULL))
            return tl_store_dberr(st, err, "merge audit");
        sqlite3_bind_text(s, 1, p->source, -1, SQLITE_STATIC);
        rc = sqlite3_step(s);
        audit = sqlite3_changes(st->db);
        sqlite3_finalize(s);
        if (rc != SQLITE_DONE)
            return tl_store_dberr(st, err, "merge audit");
        if (i == 0)
            n->audit = audit;
    }
    if ((rc = evidence_pass(st, p, err)) || (rc = rows_pass(st, n, err)))
        return rc;
    if (n->evidence || n->places || n->records)
        return analysis_drop(st, n, err);
    return FTL_OK;
}

int tl_merge_case(struct tl_store *st, const char *source,
                  tl_merge_conflict_fn fn, void *payload,
                  struct tl_merge_stats *n, struct ftl_err *err)
{
    struct ev_pass p;
    char *real = NULL;
    int rc;

    memset(n, 0, sizeof(*n));
    memset(&p, 0, sizeof(p));
    p.source = source;
    p.fn = fn;
    p.payload = payload;
    p.n = n;
    if (st->readonly)
        return ftl_err_set(err, FTL_EUSAGE, "%s: opened read-only",
                           st->path);
    if ((rc = source_check(st, source, &real, err)) ||
        (rc = source_attach(st, source, real, err))) {
        free(real);
        return rc;
    }
    free(real);
    sqlite3_create_function(st->db, "ftl_person_sig", 8,
                            SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                            person_sig, NULL, NULL);
    /* one transaction: a merge cut short leaves the target as it was */
    if (!(rc = tl_store_exec(st, "BEGIN IMMEDIATE", err))) {
        if ((rc = merge_body(st, &p, err)))
            sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
        else
            rc = tl_store_exec(st, "COMMIT", err);
    }
    if (rc)
        memset(n, 0, sizeof(*n));
    sqlite3_exec(st->db, "DETACH src", NULL, NULL, NULL);
    return rc;
}
