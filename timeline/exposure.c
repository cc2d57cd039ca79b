/*
 * timeline/exposure.c - the exposure step's working tables and joins
 *
 * analyze/exposure.c decides what is an exposure; the SQL it needs is
 * here.  The step works in TEMP tables (ex_*, this connection only):
 * which groups count, their attachments, the appliance images and the
 * copies on them, the best attribution of each document, and every link
 * from an item (a message or a file) to a person and a category with its
 * strength.  Joins on digests and folded names run once each, in SQL,
 * over the indexes of schema v3 (tl_ex_explain() lets a test read the
 * plans); what SQL cannot do (folding, word matching, splitting address
 * lists, the window of a file) analyze/ does in one walk each and puts
 * back with the tl_ex_*_add() calls.  The result tables are written by
 * exposure_rows.c.
 *
 * The planner has no statistics for the working tables; where a join
 * must start from a small working table and reach the big ones (files,
 * attachments, events) through their indexes, CROSS JOIN fixes the
 * order (SQLite keeps the left-to-right order of a CROSS JOIN), so that
 * no automatic index is built over a whole table and none is scanned in
 * a loop.
 *
 * Strengths are integers here (3 strong, 2 medium, 1 weak), so that
 * "the weaker of two" is min() and "the best" is an ORDER BY.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <string.h>

#include "timeline/store_int.h"

/*
 * The working tables.  ex_grp: groups that crossed the gateway inside
 * the window, with the confidence of their items and why.  ex_disk: the
 * appliance images.  ex_att: attachments that matter (of a counted group,
 * byte-identical to a file on an appliance image, or of a message stored
 * on one).  ex_stored: the messages a file of an appliance image holds
 * whole (a mail store's file, byte for byte a mailbox evidence item).
 * ex_attname,
 * ex_docname: folded base names.  ex_dp: the best attribution of each
 * (document, person); ex_dc: each document's categories.  ex_link: item
 * source -> person, category, strength.  ex_file: appliance files inside
 * the window.  ex_best: the best link per person, category and item.
 */
static const char create_sql[] =
    "DROP TABLE IF EXISTS temp.ex_grp;"
    "DROP TABLE IF EXISTS temp.ex_disk;"
    "DROP TABLE IF EXISTS temp.ex_att;"
    "DROP TABLE IF EXISTS temp.ex_attname;"
    "DROP TABLE IF EXISTS temp.ex_docname;"
    "DROP TABLE IF EXISTS temp.ex_dp;"
    "DROP TABLE IF EXISTS temp.ex_dc;"
    "DROP TABLE IF EXISTS temp.ex_link;"
    "DROP TABLE IF EXISTS temp.ex_file;"
    "DROP TABLE IF EXISTS temp.ex_best;"
    "DROP TABLE IF EXISTS temp.ex_stored;"
    "CREATE TEMP TABLE ex_grp(id INTEGER PRIMARY KEY, ts INTEGER,"
    " confidence TEXT NOT NULL, why TEXT, corrected INTEGER NOT NULL);"
    "CREATE TEMP TABLE ex_disk(evidence_id INTEGER PRIMARY KEY,"
    " why TEXT NOT NULL);"
    "CREATE TEMP TABLE ex_att(id INTEGER PRIMARY KEY, group_id INTEGER);"
    "CREATE TEMP TABLE ex_attname(att_id INTEGER PRIMARY KEY,"
    " norm TEXT NOT NULL);"
    "CREATE INDEX temp.ex_attname_norm ON ex_attname(norm);"
    "CREATE TEMP TABLE ex_docname(doc_id INTEGER PRIMARY KEY,"
    " norm TEXT NOT NULL);"
    "CREATE INDEX temp.ex_docname_norm ON ex_docname(norm);"
    "CREATE TEMP TABLE ex_dp(doc_id INTEGER NOT NULL,"
    " person_id INTEGER NOT NULL, strength INTEGER NOT NULL, attrib TEXT,"
    " field TEXT, matched TEXT, PRIMARY KEY(doc_id, person_id));"
    "CREATE TEMP TABLE ex_dc(doc_id INTEGER NOT NULL,"
    " category TEXT NOT NULL, art9 INTEGER NOT NULL,"
    " PRIMARY KEY(doc_id, category));"
    "CREATE TEMP TABLE ex_link(src TEXT NOT NULL, src_id INTEGER NOT NULL,"
    " person_id INTEGER NOT NULL, category TEXT NOT NULL,"
    " art9 INTEGER NOT NULL, strength INTEGER NOT NULL, link TEXT NOT NULL,"
    " doc_id INTEGER, attrib TEXT, field TEXT, matched TEXT, pattern TEXT);"
    "CREATE INDEX temp.ex_link_src ON ex_link(src, src_id);"
    "CREATE TEMP TABLE ex_file(id INTEGER PRIMARY KEY, ts INTEGER,"
    " confidence TEXT NOT NULL, time_desc TEXT, ioc_id INTEGER,"
    " corrected INTEGER NOT NULL DEFAULT 0);"
    "CREATE TEMP TABLE ex_stored(file_id INTEGER NOT NULL,"
    " msg_id INTEGER NOT NULL, PRIMARY KEY(file_id, msg_id));"
    "CREATE TEMP TABLE ex_best(person_id INTEGER NOT NULL,"
    " category TEXT NOT NULL, art9 INTEGER NOT NULL, channel TEXT NOT NULL,"
    " strength INTEGER NOT NULL, confidence TEXT NOT NULL,"
    " kind TEXT NOT NULL, group_id INTEGER, file_id INTEGER,"
    " doc_id INTEGER, attachment_id INTEGER, msg_id INTEGER, ts INTEGER,"
    " corrected INTEGER NOT NULL, link TEXT NOT NULL, attrib TEXT,"
    " field TEXT, matched TEXT, pattern TEXT);";

static const char drop_sql[] =
    "DROP TABLE IF EXISTS temp.ex_grp;"
    "DROP TABLE IF EXISTS temp.ex_disk;"
    "DROP TABLE IF EXISTS temp.ex_att;"
    "DROP TABLE IF EXISTS temp.ex_attname;"
    "DROP TABLE IF EXISTS temp.ex_docname;"
    "DROP TABLE IF EXISTS temp.ex_dp;"
    "DROP TABLE IF EXISTS temp.ex_dc;"
    "DROP TABLE IF EXISTS temp.ex_link;"
    "DROP TABLE IF EXISTS temp.ex_file;"
    "DROP TABLE IF EXISTS temp.ex_best;"
    "DROP TABLE IF EXISTS temp.ex_stored;";

/* ---- what counts ------------------------------------------------------ */

/* Groups that crossed the gateway inside the window: accessible, or
 * of unknown confidence without a time through the gateway.  A flagged
 * group (an indicator matched one of its records: the attacker's own
 * mail) says so in its sentence but is not "observed": issue 11 keeps
 * that for what lies in a staging place, and an indicator in a message
 * does not show that anyone read the data in it.  tl_ex_mark_staged()
 * raises a group whose whole stored copy is staged to observed. */
static const char q_groups[] =
    "INSERT INTO ex_grp(id, ts, confidence, why, corrected)"
    " SELECT id, transit,"
    "  CASE WHEN transit IS NULL THEN 'unknown' ELSE 'accessible' END,"
    "  CASE WHEN flagged THEN 'flagged' END, corrected"
    " FROM message_groups WHERE crossed = 1 AND in_window = 1";

/* Appliance images: a disk image an indicator hit, or one holding a log
 * or a store the groups step took for the gateway's (at any of its
 * places: one content found inside the image and outside is one item). */
static const char q_disks_ioc[] =
    "INSERT OR IGNORE INTO ex_disk(evidence_id, why)"
    " SELECT d.id, 'indicator' FROM evidence d WHERE d.kind = 'disk'"
    " AND EXISTS (SELECT 1 FROM ioc_hits h WHERE h.evidence_id = d.id)";

static const char q_disks_gateway[] =
    "INSERT OR IGNORE INTO ex_disk(evidence_id, why)"
    " SELECT d.id, 'gateway' FROM evidence_places c"
    " JOIN evidence d ON d.id = c.parent_id AND d.kind = 'disk'"
    " WHERE EXISTS (SELECT 1 FROM messages m"
    "  JOIN message_group_members g ON g.msg_id = m.id"
    "  WHERE m.evidence_id = c.evidence_id"
    "  AND g.role IN ('gateway-log', 'appliance-store'))";

/* Attachments and members of the counted groups, then those that lie
 * byte-identical on an appliance image whatever message carried them. */
static const char q_att_groups[] =
    "INSERT OR IGNORE INTO ex_att(id, group_id)"
    " SELECT a.id, g.id FROM ex_grp g"
    " CROSS JOIN message_group_members m ON m.group_id = g.id"
    " CROSS JOIN attachments a ON a.msg_id = m.msg_id";

static const char q_att_disks[] =
    "INSERT OR IGNORE INTO ex_att(id, group_id)"
    " SELECT a.id, NULL FROM ex_disk d"
    " CROSS JOIN files f ON f.evidence_id = d.evidence_id"
    " CROSS JOIN attachments a ON a.sha256 = f.sha256"
    " WHERE f.sha256 IS NOT NULL";

/* Messages an appliance file inside the window holds whole (its bytes
 * are a mailbox evidence item's: a file of the appliance's mail store),
 * and their attachments, whatever group they belong to and whether it
 * crossed inside the window: the copy was on the appliance then. */
static const char q_stored[] =
    "INSERT OR IGNORE INTO ex_stored(file_id, msg_id)"
    " SELECT ef.id, m.id FROM ex_file ef"
    " CROSS JOIN files f ON f.id = ef.id"
    " CROSS JOIN evidence ev ON ev.kind = 'mailbox'"
    "  AND ev.sha256 = f.sha256"
    " CROSS JOIN messages m ON m.evidence_id = ev.id";

static const char q_att_stored[] =
    "INSERT OR IGNORE INTO ex_att(id, group_id)"
    " SELECT a.id, NULL FROM ex_stored s"
    " CROSS JOIN attachments a ON a.msg_id = s.msg_id";

/* The best attribution of each person in each document: by id (3) or
 * by name (2); the first row of the best kind says where.  A surname
 * alone (a candidate) is no attribution: the document is not that
 * person's (issue 11: "that document's persons"), as a surname alone
 * names nobody in an attachment name or a subject either (names.c). */
static const char q_dp[] =
    "INSERT INTO ex_dp(doc_id, person_id, strength, attrib, field,"
    " matched)"
    " SELECT doc_id, person_id, r, strength, field, matched FROM ("
    "  SELECT doc_id, person_id, strength, field, matched, r,"
    "   row_number() OVER (PARTITION BY doc_id, person_id"
    "    ORDER BY r DESC, id) AS n"
    "  FROM (SELECT *, CASE strength WHEN 'id' THEN 3 WHEN 'name' THEN 2"
    "   ELSE 1 END AS r FROM document_persons"
    "   WHERE strength IN ('id', 'name')))"
    " WHERE n = 1";

/* A document of a person without a category is still personal data of
 * theirs: 'unclassified'. */
static const char q_dc[] =
    "INSERT INTO ex_dc(doc_id, category, art9)"
    " SELECT doc_id, category, max(art9) FROM document_categories"
    " GROUP BY doc_id, category";

static const char q_dc_none[] =
    "INSERT OR IGNORE INTO ex_dc(doc_id, category, art9)"
    " SELECT DISTINCT p.doc_id, 'unclassified', 0 FROM ex_dp p"
    " WHERE NOT EXISTS (SELECT 1 FROM ex_dc c WHERE c.doc_id = p.doc_id)";

/* ---- links through HR documents --------------------------------------- */

/* Byte-identical: strong, as strong as the document's attribution. */
static const char q_link_sha[] =
    "INSERT INTO ex_link(src, src_id, person_id, category, art9, strength,"
    " link, doc_id, attrib, field, matched, pattern)"
    " SELECT 'attachment', x.id, p.person_id, c.category, c.art9,"
    "  min(3, p.strength),"
    "  CASE WHEN a.is_member THEN 'member-sha256' ELSE 'sha256' END,"
    "  d.id, p.attrib, p.field, p.matched, NULL"
    " FROM ex_att x JOIN attachments a ON a.id = x.id"
    " JOIN documents d ON d.sha256 = a.sha256"
    " JOIN ex_dp p ON p.doc_id = d.id"
    " JOIN ex_dc c ON c.doc_id = d.id"
    " WHERE a.sha256 IS NOT NULL";

/* The same folded file name with other (or unread) content: medium at
 * most. */
static const char q_link_name[] =
    "INSERT INTO ex_link(src, src_id, person_id, category, art9, strength,"
    " link, doc_id, attrib, field, matched, pattern)"
    " SELECT 'attachment', x.att_id, p.person_id, c.category, c.art9,"
    "  min(2, p.strength), 'file-name', d.id, p.attrib, p.field,"
    "  p.matched, NULL"
    " FROM ex_attname x JOIN attachments a ON a.id = x.att_id"
    " JOIN ex_docname n ON n.norm = x.norm"
    " JOIN documents d ON d.id = n.doc_id"
    " JOIN ex_dp p ON p.doc_id = d.id"
    " JOIN ex_dc c ON c.doc_id = d.id"
    " WHERE a.sha256 IS NULL OR d.sha256 IS NULL OR a.sha256 <> d.sha256";

/* A whole stored message of a counted group lies, byte for byte, in a
 * staging place on the appliance: its items were observed.  A staged
 * copy of an attachment alone does not say which of the messages that
 * carried it was taken, so it raises none. */
static const char q_staged[] =
    "UPDATE ex_grp SET confidence = 'observed',"
    " why = CASE WHEN why IS NULL THEN 'staged' ELSE why || ' staged' END"
    " WHERE id IN (SELECT m.group_id FROM ex_file ef"
    "  CROSS JOIN files f ON f.id = ef.id"
    "  CROSS JOIN evidence ev ON ev.kind = 'mailbox'"
    "   AND ev.sha256 = f.sha256"
    "  CROSS JOIN messages msg ON msg.evidence_id = ev.id"
    "  CROSS JOIN message_group_members m ON m.msg_id = msg.id"
    "  WHERE ef.ioc_id IS NOT NULL)";

/*
 * The best link per person, category and item: strongest first, then
 * the more direct kind of link (content before name, the message before
 * a copy), then the lowest document and attachment, so that the choice
 * does not depend on the order rows were found in.  An item's weaker
 * links are not lost: they are the same item, proved better.
 */
static const char q_best[] =
    "INSERT INTO ex_best(person_id, category, art9, channel, strength,"
    " confidence, kind, group_id, file_id, doc_id, attachment_id, msg_id,"
    " ts, corrected, link, attrib, field, matched, pattern)"
    " SELECT person_id, category, art9, channel, strength, confidence,"
    "  kind, group_id, file_id, doc_id, attachment_id, msg_id, ts,"
    "  corrected, link, attrib, field, matched, pattern FROM ("
    "  SELECT *, row_number() OVER (PARTITION BY person_id, category,"
    "   kind, coalesce(group_id, file_id)"
    "   ORDER BY strength DESC, CASE link WHEN 'sha256' THEN 0"
    "    WHEN 'member-sha256' THEN 1 WHEN 'file-sha256' THEN 2"
    "    WHEN 'copy-sha256' THEN 3 WHEN 'copy-member-sha256' THEN 4"
    "    WHEN 'address' THEN 5 WHEN 'file-name' THEN 6"
    "    WHEN 'copy-file-name' THEN 7 WHEN 'name-mention' THEN 8"
    "    WHEN 'copy-name-mention' THEN 9 WHEN 'stored-sha256' THEN 10"
    "    WHEN 'stored-member-sha256' THEN 11 WHEN 'stored-address' THEN 12"
    "    WHEN 'stored-file-name' THEN 13 ELSE 14 END,"
    "   coalesce(doc_id, 0), coalesce(attachment_id, 0),"
    "   coalesce(matched, ''), coalesce(pattern, '')) AS n FROM ("
    "  SELECT l.person_id, l.category, l.art9, 'mail-transit' AS channel,"
    "   l.strength, g.confidence, 'message' AS kind, g.id AS group_id,"
    "   NULL AS file_id, l.doc_id, x.id AS attachment_id, NULL AS msg_id,"
    "   g.ts, g.corrected, l.link, l.attrib, l.field, l.matched, l.pattern"
    "  FROM ex_link l JOIN ex_att x ON x.id = l.src_id"
    "  JOIN ex_grp g ON g.id = x.group_id WHERE l.src = 'attachment'"
    "  UNION ALL"
    "  SELECT l.person_id, l.category, l.art9, 'mail-transit', l.strength,"
    "   g.confidence, 'message', g.id, NULL, l.doc_id, NULL, NULL, g.ts,"
    "   g.corrected, l.link, l.attrib, l.field, l.matched, l.pattern"
    "  FROM ex_link l JOIN ex_grp g ON g.id = l.src_id"
    "  WHERE l.src = 'group'"
    "  UNION ALL"
    "  SELECT p.person_id, c.category, c.art9, 'appliance-storage',"
    "   p.strength, ef.confidence, 'file', NULL, f.id, d.id, NULL, NULL,"
    "   ef.ts, ef.corrected, 'file-sha256', p.attrib, p.field, p.matched, NULL"
    "  FROM ex_file ef CROSS JOIN files f ON f.id = ef.id"
    "  CROSS JOIN documents d ON d.sha256 = f.sha256"
    "  CROSS JOIN ex_dp p ON p.doc_id = d.id"
    "  CROSS JOIN ex_dc c ON c.doc_id = d.id"
    "  UNION ALL"
    "  SELECT l.person_id, l.category, l.art9, 'appliance-storage',"
    "   l.strength, ef.confidence, 'file', NULL, f.id, l.doc_id, a.id,"
    "   NULL, ef.ts, ef.corrected, 'copy-' || l.link, l.attrib, l.field, l.matched,"
    "   l.pattern"
    "  FROM ex_file ef CROSS JOIN files f ON f.id = ef.id"
    "  CROSS JOIN attachments a ON a.sha256 = f.sha256"
    "  CROSS JOIN ex_link l ON l.src = 'attachment' AND l.src_id = a.id"
    "  UNION ALL"
    "  SELECT l.person_id, l.category, l.art9, 'appliance-storage',"
    "   l.strength, ef.confidence, 'file', NULL, s.file_id, l.doc_id, a.id,"
    "   s.msg_id, ef.ts, ef.corrected, 'stored-' || l.link, l.attrib, l.field,"
    "   l.matched, l.pattern"
    "  FROM ex_stored s CROSS JOIN ex_file ef ON ef.id = s.file_id"
    "  CROSS JOIN attachments a ON a.msg_id = s.msg_id"
    "  CROSS JOIN ex_link l ON l.src = 'attachment' AND l.src_id = a.id))"
    " WHERE n = 1";

/* ---- walks for analyze/ ----------------------------------------------- */

static const char w_attachments[] =
    "SELECT x.id, a.filename FROM ex_att x"
    " JOIN attachments a ON a.id = x.id"
    " WHERE a.filename IS NOT NULL AND a.filename <> '' ORDER BY x.id";

static const char w_documents[] =
    "SELECT d.id, d.path FROM documents d"
    " WHERE EXISTS (SELECT 1 FROM ex_dp p WHERE p.doc_id = d.id)"
    " ORDER BY d.id";

/* Every address and subject a counted group was seen with: its own and
 * each record's (the gateway log knows envelope recipients a stored copy
 * does not show, the copy knows Cc:).  Not those of a message stored on
 * the appliance: issue 11 links a file there by the content it holds
 * (an HR document's or an attachment's bytes), and the addresses and
 * subject of a message are exposed by its crossing (mail-transit). */
static const char w_messages[] =
    "SELECT 'group', g.id, mg.sender, mg.recipients, mg.subject"
    " FROM ex_grp g JOIN message_groups mg ON mg.id = g.id"
    " UNION ALL"
    " SELECT 'group', g.id, msg.sender, msg.recipients, msg.subject"
    " FROM ex_grp g"
    " CROSS JOIN message_group_members m ON m.group_id = g.id"
    " CROSS JOIN messages msg ON msg.id = m.msg_id"
    " ORDER BY 1, 2";

static const char w_rules[] =
    "SELECT category, art9, field, pattern FROM category_rules"
    " WHERE field IN ('name', 'meta') ORDER BY id";

/* Hashed files of the appliance images that may be a copy of something
 * personal: an HR document, an attachment or a whole stored message. */
static const char w_files[] =
    "SELECT f.id, f.evidence_id, f.path, f.mtime, f.crtime, f.dtime,"
    " f.deleted FROM ex_disk d"
    " CROSS JOIN files f ON f.evidence_id = d.evidence_id"
    " WHERE f.sha256 IS NOT NULL"
    " AND (EXISTS (SELECT 1 FROM documents x WHERE x.sha256 = f.sha256)"
    "  OR EXISTS (SELECT 1 FROM attachments a WHERE a.sha256 = f.sha256)"
    "  OR EXISTS (SELECT 1 FROM evidence e WHERE e.kind = 'mailbox'"
    "   AND e.sha256 = f.sha256))"
    " ORDER BY f.id";

/* Appliance images of which no file was hashed (collected without
 * --hash): no copy can be found on them. */
static const char w_unhashed[] =
    "SELECT e.id, e.path FROM ex_disk d JOIN evidence e"
    " ON e.id = d.evidence_id WHERE NOT EXISTS (SELECT 1 FROM files f"
    "  WHERE f.evidence_id = d.evidence_id AND f.sha256 IS NOT NULL)"
    " ORDER BY e.id";

static const char q_count_rules[] =
    "SELECT count(*) FROM category_rules WHERE field IN ('name', 'meta')";

static const char q_count_disks[] =
    "SELECT (SELECT count(*) FROM evidence WHERE kind = 'disk'),"
    " (SELECT count(*) FROM ex_disk)";

/* Every fixed statement above that reads tables, for tl_ex_explain(). */
static const char *const plan_sql[] = {
    q_groups, q_disks_ioc, q_disks_gateway, q_att_groups, q_att_disks,
    q_dp, q_dc, q_dc_none, q_stored, q_att_stored, q_link_sha,
    q_link_name, q_staged, q_best,
    w_attachments, w_documents, w_messages, w_rules, w_files, w_unhashed,
    NULL
};

/* ---- entry points ------------------------------------------------------ */

int tl_ex_begin(struct tl_store *st, struct ftl_err *err)
{
    int rc;

    if ((rc = tl_store_exec(st, create_sql, err)))
        return rc;
    return tl_ex_rows_clear(st, err);
}

void tl_ex_end(struct tl_store *st)
{
    sqlite3_exec(st->db, drop_sql, NULL, NULL, NULL);
}

int tl_ex_select(struct tl_store *st, struct ftl_err *err)
{
    static const char *const steps[] = {
        q_groups, q_disks_ioc, q_disks_gateway, q_att_groups, q_att_disks,
        q_dp, q_dc, q_dc_none,
    };
    size_t i;
    int rc;

    for (i = 0; i < sizeof(steps) / sizeof(steps[0]); i++)
        if ((rc = tl_store_exec(st, steps[i], err)))
            return rc;
    return FTL_OK;
}

int tl_ex_stored(struct tl_store *st, struct ftl_err *err)
{
    int rc;

    if ((rc = tl_store_exec(st, q_stored, err)))
        return rc;
    return tl_store_exec(st, q_att_stored, err);
}

int tl_ex_link_documents(struct tl_store *st, struct ftl_err *err)
{
    int rc;

    if ((rc = tl_store_exec(st, q_link_sha, err)))
        return rc;
    return tl_store_exec(st, q_link_name, err);
}

int tl_ex_mark_staged(struct tl_store *st, struct ftl_err *err)
{
    return tl_store_exec(st, q_staged, err);
}

int tl_ex_best(struct tl_store *st, struct ftl_err *err)
{
    return tl_store_exec(st, q_best, err);
}

/* ---- walks ------------------------------------------------------------- */

struct name_walk {
    tl_ex_name_fn fn;
    void *payload;
    int rc;
};

static int name_row(void *s, void *payload)
{
    struct name_walk *w = payload;

    return w->rc = w->fn(tl_col_int(s, 0), tl_col_text(s, 1), w->payload);
}

static int walk_names(struct tl_store *st, const char *sql, tl_ex_name_fn fn,
                      void *payload, struct ftl_err *err)
{
    struct name_walk w = { fn, payload, 0 };
    int rc = tl_store_query(st, sql, name_row, &w, err);

    return rc ? rc : w.rc;
}

int tl_ex_attachments_each(struct tl_store *st, tl_ex_name_fn fn,
                           void *payload, struct ftl_err *err)
{
    return walk_names(st, w_attachments, fn, payload, err);
}

int tl_ex_documents_each(struct tl_store *st, tl_ex_name_fn fn,
                         void *payload, struct ftl_err *err)
{
    return walk_names(st, w_documents, fn, payload, err);
}

struct msg_walk {
    tl_ex_msg_fn fn;
    void *payload;
    int rc;
};

static int msg_row(void *s, void *payload)
{
    struct msg_walk *w = payload;
    struct tl_ex_msg m;

    m.src = tl_col_text(s, 0);
    m.id = tl_col_int(s, 1);
    m.sender = tl_col_text(s, 2);
    m.recipients = tl_col_text(s, 3);
    m.subject = tl_col_text(s, 4);
    return w->rc = w->fn(&m, w->payload);
}

int tl_ex_messages_each(struct tl_store *st, tl_ex_msg_fn fn, void *payload,
                        struct ftl_err *err)
{
    struct msg_walk w = { fn, payload, 0 };
    int rc = tl_store_query(st, w_messages, msg_row, &w, err);

    return rc ? rc : w.rc;
}

struct rule_walk {
    tl_ex_rule_fn fn;
    void *payload;
    int rc;
};

static int rule_row(void *s, void *payload)
{
    struct rule_walk *w = payload;

    return w->rc = w->fn(tl_col_text(s, 0), (int)tl_col_int(s, 1),
                         tl_col_text(s, 2), tl_col_text(s, 3), w->payload);
}

int tl_ex_rules_each(struct tl_store *st, tl_ex_rule_fn fn, void *payload,
                     struct ftl_err *err)
{
    struct rule_walk w = { fn, payload, 0 };
    int rc = tl_store_query(st, w_rules, rule_row, &w, err);

    return rc ? rc : w.rc;
}

struct file_walk {
    tl_ex_file_fn fn;
    void *payload;
    int rc;
};

static int file_row(void *s, void *payload)
{
    struct file_walk *w = payload;
    struct tl_ex_file f;

    f.id = tl_col_int(s, 0);
    f.evidence_id = tl_col_int(s, 1);
    f.path = tl_col_text(s, 2);
    f.mtime = tl_col_int(s, 3);
    f.crtime = tl_col_int(s, 4);
    f.dtime = tl_col_int(s, 5);
    f.deleted = (int)tl_col_int(s, 6);
    return w->rc = w->fn(&f, w->payload);
}

int tl_ex_files_each(struct tl_store *st, tl_ex_file_fn fn, void *payload,
                     struct ftl_err *err)
{
    struct file_walk w = { fn, payload, 0 };
    int rc = tl_store_query(st, w_files, file_row, &w, err);

    return rc ? rc : w.rc;
}

int tl_ex_unhashed_each(struct tl_store *st, tl_ex_name_fn fn,
                        void *payload, struct ftl_err *err)
{
    return walk_names(st, w_unhashed, fn, payload, err);
}

static int int_row(void *s, void *payload)
{
    int64_t *v = payload;

    v[0] = tl_col_int(s, 0);
    if (tl_col_count(s) > 1)
        v[1] = tl_col_int(s, 1);
    return 1;
}

int tl_ex_count_rules(struct tl_store *st, int64_t *n, struct ftl_err *err)
{
    int64_t v[2] = { 0, 0 };
    int rc = tl_store_query(st, q_count_rules, int_row, v, err);

    *n = v[0];
    return rc;
}

int tl_ex_count_disks(struct tl_store *st, int64_t *disks,
                      int64_t *appliances, struct ftl_err *err)
{
    int64_t v[2] = { 0, 0 };
    int rc = tl_store_query(st, q_count_disks, int_row, v, err);

    *disks = v[0];
    *appliances = v[1];
    return rc;
}

/* ---- what analyze/ puts back ------------------------------------------ */

int tl_ex_attname_add(struct tl_store *st, int64_t att_id, const char *norm,
                      struct ftl_err *err)
{
    static const char sql[] =
        "INSERT OR REPLACE INTO ex_attname(att_id, norm) VALUES(?, ?)";
    sqlite3_stmt *s = tl_store_stmt(st, sql, err);

    if (!s)
        return FTL_EDB;
    sqlite3_bind_int64(s, 1, att_id);
    tl_bind_text(s, 2, norm);
    if (sqlite3_step(s) != SQLITE_DONE)
        return tl_store_dberr(st, err, "exposure attachment name");
    return FTL_OK;
}

int tl_ex_docname_add(struct tl_store *st, int64_t doc_id, const char *norm,
                      struct ftl_err *err)
{
    static const char sql[] =
        "INSERT OR REPLACE INTO ex_docname(doc_id, norm) VALUES(?, ?)";
    sqlite3_stmt *s = tl_store_stmt(st, sql, err);

    if (!s)
        return FTL_EDB;
    sqlite3_bind_int64(s, 1, doc_id);
    tl_bind_text(s, 2, norm);
    if (sqlite3_step(s) != SQLITE_DONE)
        return tl_store_dberr(st, err, "exposure document name");
    return FTL_OK;
}

int tl_ex_link_add(struct tl_store *st, const struct tl_ex_link *l,
                   struct ftl_err *err)
{
    static const char sql[] =
        "INSERT INTO ex_link(src, src_id, person_id, category, art9,"
        " strength, link, doc_id, attrib, field, matched, pattern)"
        " VALUES(?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?, ?)";
    sqlite3_stmt *s = tl_store_stmt(st, sql, err);

    if (!s)
        return FTL_EDB;
    tl_bind_text(s, 1, l->src);
    sqlite3_bind_int64(s, 2, l->src_id);
    sqlite3_bind_int64(s, 3, l->person_id);
    tl_bind_text(s, 4, l->category);
    sqlite3_bind_int(s, 5, l->art9 ? 1 : 0);
    sqlite3_bind_int(s, 6, l->strength);
    tl_bind_text(s, 7, l->link);
    tl_bind_text(s, 8, l->field);
    tl_bind_text(s, 9, l->matched);
    tl_bind_text(s, 10, l->pattern);
    if (sqlite3_step(s) != SQLITE_DONE)
        return tl_store_dberr(st, err, "exposure link");
    return FTL_OK;
}

int tl_ex_file_add(struct tl_store *st, int64_t file_id, int64_t ts,
                   int has_ts, const char *confidence, const char *time_desc,
                   int64_t ioc_id, int corrected, struct ftl_err *err)
{
    static const char sql[] =
        "INSERT OR REPLACE INTO ex_file(id, ts, confidence, time_desc,"
        " ioc_id, corrected) VALUES(?, ?, ?, ?, ?, ?)";
    sqlite3_stmt *s = tl_store_stmt(st, sql, err);

    if (!s)
        return FTL_EDB;
    sqlite3_bind_int64(s, 1, file_id);
    if (has_ts)
        sqlite3_bind_int64(s, 2, ts);
    else
        sqlite3_bind_null(s, 2);
    tl_bind_text(s, 3, confidence);
    tl_bind_text(s, 4, time_desc);
    tl_bind_int_or_null(s, 5, ioc_id, 0);
    sqlite3_bind_int(s, 6, corrected ? 1 : 0);
    if (sqlite3_step(s) != SQLITE_DONE)
        return tl_store_dberr(st, err, "exposure file");
    return FTL_OK;
}

/* ---- plans -------------------------------------------------------------- */

/* EXPLAIN QUERY PLAN of one statement: one call per plan row. */
static int explain_one(struct tl_store *st, int index, const char *sql,
                       tl_ex_plan_fn fn, void *payload, struct ftl_err *err)
{
    char *eqp = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", sql);
    sqlite3_stmt *s = NULL;
    int rc = FTL_OK, step;

    if (!eqp)
        return ftl_err_set(err, FTL_ENOMEM, "out of memory");
    if (sqlite3_prepare_v2(st->db, eqp, -1, &s, NULL) != SQLITE_OK)
        rc = tl_store_dberr(st, err, "explain");
    while (!rc && (step = sqlite3_step(s)) == SQLITE_ROW)
        rc = fn(index, sqlite3_column_int(s, 0), sqlite3_column_int(s, 1),
                (const char *)sqlite3_column_text(s, 3), payload);
    sqlite3_finalize(s);
    sqlite3_free(eqp);
    return rc;
}

int tl_ex_explain(struct tl_store *st, tl_ex_plan_fn fn, void *payload,
                  struct ftl_err *err)
{
    int i, k = 0, rc;

    for (i = 0; plan_sql[i]; i++)
        if ((rc = explain_one(st, k++, plan_sql[i], fn, payload, err)))
            return rc;
    for (i = 0; tl_ex_rows_sql[i]; i++)
        if ((rc = explain_one(st, k++, tl_ex_rows_sql[i], fn, payload, err)))
            return rc;
    return FTL_OK;
}
