/*
 * timeline/iocs_hits.c - the indicator set and its hits in the case
 *
 * The pack goes into 'iocs' once per run; every hit goes into 'ioc_hits'
 * with a sentence that reads on its own, and flags the events of the
 * item it was found in.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <string.h>

#include "base/limits.h"
#include "timeline/iocs_int.h"
#include "timeline/store_int.h"

/* Bytes of a value quoted in a hit's sentence (base/limits.h). */
#define SHOW_MAX FTL_LIMIT_IOC_SHOW

/*
 * Write the set into 'iocs' and learn each row id.  A case may be analysed
 * again, with the same or another pack: INSERT OR IGNORE keeps the row
 * that is there (and the ids that hits already point to), and the id is
 * then read back.  One transaction for the whole pack, unless the caller
 * has one open (an evidence savepoint): then the rows are part of it and
 * go or stay with it.
 */
int tl_iocs_store(struct tl_store *st, struct tl_iocset *set,
                  struct ftl_err *err)
{
    static const char ins[] =
        "INSERT OR IGNORE INTO iocs(type, value, family, note, source)"
        " VALUES(?, ?, ?, ?, ?)";
    static const char sel[] =
        "SELECT id FROM iocs WHERE type = ? AND value = ?";
    int own = sqlite3_get_autocommit(st->db);
    sqlite3_stmt *s;
    size_t i;
    int rc = FTL_OK;

    if (own && (rc = tl_store_exec(st, "BEGIN", err)))
        return rc;
    for (i = 0; set && i < set->n; i++) {
        struct tl_ioc *ioc = &set->v[i].ioc;

        if (!(s = tl_store_stmt(st, ins, err))) {
            rc = FTL_EDB;
            goto fail;
        }
        tl_bind_text(s, 1, ioc->type);
        tl_bind_text(s, 2, ioc->value);
        tl_bind_text(s, 3, ioc->family);
        tl_bind_text(s, 4, ioc->note);
        tl_bind_text(s, 5, ioc->source);
        if (sqlite3_step(s) != SQLITE_DONE) {
            rc = tl_store_dberr(st, err, "indicator");
            goto fail;
        }
        /* changes() is 0 when the row was ignored as a duplicate */
        if (sqlite3_changes(st->db) == 1) {
            ioc->id = sqlite3_last_insert_rowid(st->db);
            continue;
        }
        /* Already in the case (an earlier run): the first row stays. */
        if (!(s = tl_store_stmt(st, sel, err))) {
            rc = FTL_EDB;
            goto fail;
        }
        tl_bind_text(s, 1, ioc->type);
        tl_bind_text(s, 2, ioc->value);
        if (sqlite3_step(s) != SQLITE_ROW) {
            rc = tl_store_dberr(st, err, "indicator lookup");
            goto fail;
        }
        ioc->id = sqlite3_column_int64(s, 0);
        sqlite3_reset(s);
    }
    if (own)
        rc = tl_store_exec(st, "COMMIT", err);
    if (rc == FTL_OK)
        return FTL_OK;
fail:
    if (own)
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
    return rc;
}

/*
 * Descriptions.  Each hit row carries a sentence that a lawyer or a data
 * protection officer can read without the rest of the case: what was
 * found, where, which indicator it matched and how, and who says that
 * indicator is bad (family, note with any confidence caveat, source).
 * Values come from evidence, so they are quoted with control characters
 * made visible, and cut when long; the full value has its own column.
 *
 * A sentence is written into a fixed buffer; text past the end is
 * dropped, and the buffer always stays NUL-terminated.
 */
struct text {
    char buf[2048];
    size_t n;
};

static void put(struct text *t, const char *s)
{
    size_t room = sizeof(t->buf) - 1 - t->n, len = strlen(s);

    if (len > room)
        len = room;
    memcpy(t->buf + t->n, s, len);
    t->n += len;
    t->buf[t->n] = '\0';
}

/* Quote an evidence string: control characters are shown escaped (a name
 * may hold a newline), and long strings are cut on a UTF-8 boundary. */
static void put_quoted(struct text *t, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t len = strlen(s), cut = len > SHOW_MAX ? SHOW_MAX : len, i;
    char esc[8];

    /* back to the start of a UTF-8 sequence, so the cut stays valid */
    while (cut < len && cut > 0 && (p[cut] & 0xc0) == 0x80)
        cut--;
    put(t, "'");
    for (i = 0; i < cut; i++) {
        if (p[i] < 0x20 || p[i] == 0x7f) {
            if (p[i] == '\n')
                put(t, "\\n");
            else if (p[i] == '\r')
                put(t, "\\r");
            else if (p[i] == '\t')
                put(t, "\\t");
            else {
                snprintf(esc, sizeof(esc), "\\x%02x", p[i]);
                put(t, esc);
            }
        } else {
            esc[0] = (char)p[i];
            esc[1] = '\0';
            put(t, esc);
        }
    }
    put(t, cut < len ? "...'" : "'");
}

/* How the value relates to the indicator it matched, in words.  The
 * matchers do not say which way a value matched, but the value and the
 * indicator show it: equal, a suffix, inside a directory, ... */
static const char *relation(int kind, const char *value, const char *ioc)
{
    switch (kind) {
    case K_PATH_REGEX:
    case K_NAME_REGEX:
    case K_SUBJECT_REGEX:
        return "matches the pattern of";
    case K_NAME_SUBSTRING:
        return "contains the text of";
    case K_PATH:
        if (ioc[0] && ioc[strlen(ioc) - 1] == '/')
            return strstr(value, ioc) ? "is inside the directory named by"
                                      : "is the directory named by";
        return strcmp(value, ioc) == 0 ? "matches" : "ends with";
    case K_FILENAME:
        return strcmp(value, ioc) == 0 ? "matches" : "has the file name of";
    case K_DOMAIN:
        return ioc_eq_fold(value, ioc) ? "matches" : "is in the domain of";
    default:
        return "matches";
    }
}

/* The description of hit h into t:
 *   <target> '<value>' [in '<context>'] <relation> indicator <kind>
 *   '<indicator>' (<family>; <note>; source: <source>)
 * or, for a rule hit, <target> '<value>' <why> ... (rule <rule>). */
static void describe(struct text *t, const struct tl_ioc_hit *h)
{
    const struct tl_ioc *ioc = h->ioc;
    const char *sep = " (";
    int k;

    t->n = 0;
    t->buf[0] = '\0';
    put(t, h->target);
    put(t, " ");
    put_quoted(t, h->value);
    if (h->context && strcmp(h->context, h->value) != 0) {
        put(t, " in ");
        put_quoted(t, h->context);
    }
    put(t, " ");
    if (!ioc) {
        /* A rule hit says why in the caller's words; the name rule's
         * reason explains itself. */
        if (h->why && strcmp(h->rule, TL_RULE_SHELL_NAME) == 0) {
            put(t, h->why);
            put(t, ": shell syntax in a name, as in the file names that "
                   "exploited CVE-2023-2868");
        } else if (h->why) {
            put(t, h->why);
        } else {
            put(t, "was flagged");
        }
        put(t, " (rule ");
        put(t, h->rule);
        put(t, ")");
        return;
    }
    k = ioc_kind_by_name(ioc->type ? ioc->type : "");
    put(t, relation(k, h->value, ioc->value));
    /* the kind in words ("MD5 hash"), as ftl's types are jargon */
    put(t, " indicator ");
    put(t, k >= 0 ? ioc_kinds[k].words : ioc->type ? ioc->type : "");
    put(t, " ");
    put_quoted(t, ioc->value);
    if (ioc->family) {
        put(t, sep);
        put(t, ioc->family);
        sep = "; ";
    }
    if (ioc->note) {
        put(t, sep);
        put(t, ioc->note);
        sep = "; ";
    }
    if (ioc->source) {
        put(t, sep);
        put(t, "source: ");
        put(t, ioc->source);
        sep = "; ";
    }
    if (sep[0] == ';')
        put(t, ")");
}

/*
 * Record a hit and flag the item's events.  The unique key of 'ioc_hits'
 * (evidence, locator, indicator or rule, target, value) makes a repeated
 * hit, from a second analysis or a value seen twice, a no-op that
 * returns FTL_DONE.  A hit must point to a stored indicator: an id of 0
 * would store a hit that names no row of 'iocs', so it is refused.
 */
int tl_ioc_hit_add(struct tl_store *st, const struct tl_ioc_hit *h,
                   int64_t *id, struct ftl_err *err)
{
    static const char ins[] =
        "INSERT OR IGNORE INTO ioc_hits(evidence_id, ioc_id, ioc_type,"
        " ioc_value, family, ioc_source, rule, target, value, context,"
        " description, locator, file_id, msg_id, attachment_id)"
        " VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    static const char sel[] =
        "SELECT id FROM ioc_hits WHERE evidence_id = ? AND locator = ?"
        " AND ifnull(ioc_id, 0) = ? AND ifnull(rule, '') = ?"
        " AND target = ? AND value = ?";
    static const char flag[] =
        "UPDATE events SET flags = flags | ? WHERE evidence_id = ?"
        " AND locator = ?";
    const struct tl_ioc *ioc = h->ioc;
    struct text t;
    sqlite3_stmt *s;
    int rc = FTL_OK;

    if (!h->target || !h->value || !h->locator || (!ioc && !h->rule))
        return ftl_err_set(err, FTL_ERR, "indicator hit without target, "
                           "value, locator or rule");
    if (ioc && ioc->id == 0)
        return ftl_err_set(err, FTL_ERR, "indicator %s '%s' is not in the "
                           "case: call tl_iocs_store() before matching",
                           ioc->type, ioc->value);
    describe(&t, h);
    if (!(s = tl_store_stmt(st, ins, err)))
        return FTL_EDB;
    sqlite3_bind_int64(s, 1, h->evidence_id);
    if (ioc) {
        sqlite3_bind_int64(s, 2, ioc->id);
        tl_bind_text(s, 3, ioc->type);
        tl_bind_text(s, 4, ioc->value);
        tl_bind_text(s, 5, ioc->family);
        tl_bind_text(s, 6, ioc->source);
    } else {
        tl_bind_text(s, 7, h->rule);
    }
    tl_bind_text(s, 8, h->target);
    tl_bind_text(s, 9, h->value);
    tl_bind_text(s, 10, h->context);
    tl_bind_text(s, 11, t.buf);
    tl_bind_text(s, 12, h->locator);
    tl_bind_int_or_null(s, 13, h->file_id, 0);
    tl_bind_int_or_null(s, 14, h->msg_id, 0);
    tl_bind_int_or_null(s, 15, h->attachment_id, 0);
    if (sqlite3_step(s) != SQLITE_DONE)
        return tl_store_dberr(st, err, "indicator hit");
    if (sqlite3_changes(st->db) == 1) {
        if (id)
            *id = sqlite3_last_insert_rowid(st->db);
    } else {
        /* Already recorded: find its id by the same key as the index. */
        rc = FTL_DONE;
        if (id) {
            if (!(s = tl_store_stmt(st, sel, err)))
                return FTL_EDB;
            sqlite3_bind_int64(s, 1, h->evidence_id);
            tl_bind_text(s, 2, h->locator);
            sqlite3_bind_int64(s, 3, ioc ? ioc->id : 0);
            tl_bind_text(s, 4, ioc ? "" : h->rule);
            tl_bind_text(s, 5, h->target);
            tl_bind_text(s, 6, h->value);
            *id = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0)
                                                : 0;
            sqlite3_reset(s);
        }
    }
    /* Flag the item's events, also on a repeated hit: events added since
     * the first one get the flag too.  Idempotent. */
    if (!(s = tl_store_stmt(st, flag, err)))
        return FTL_EDB;
    sqlite3_bind_int64(s, 1, TL_F_IOC);
    sqlite3_bind_int64(s, 2, h->evidence_id);
    tl_bind_text(s, 3, h->locator);
    if (sqlite3_step(s) != SQLITE_DONE)
        return tl_store_dberr(st, err, "flag events");
    return rc;
}
