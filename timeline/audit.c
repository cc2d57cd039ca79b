/*
 * timeline/audit.c - one audit row per ftl command run against a case
 *
 * Who ran what, with which tool version, on which host, when, and how it
 * ended: the chain of custody of the case file itself.
 *
 * SPDX-License-Identifier: MIT
 */
#include <limits.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "timeline/store_int.h"

static const char *user_name(void)
{
    struct passwd *pw = getpwuid(geteuid());
    const char *u = getenv("USER");

    if (pw && pw->pw_name)
        return pw->pw_name;
    return u ? u : "unknown";
}

int tl_audit_begin(struct tl_store *st, const struct tl_audit *a,
                   int64_t *id, struct ftl_err *err)
{
    static const char sql[] =
        "INSERT INTO audit(command, argv, tool_version, user, host, cwd,"
        " started) VALUES(?, ?, ?, ?, ?, ?, ?)";
    sqlite3_stmt *s = tl_store_stmt(st, sql, err);
    char host[256] = "", cwd[PATH_MAX] = "";

    if (!s)
        return FTL_EDB;
    if (gethostname(host, sizeof(host) - 1) != 0)
        strcpy(host, "unknown");
    if (!getcwd(cwd, sizeof(cwd)))
        cwd[0] = '\0';
    tl_bind_text(s, 1, a->command);
    tl_bind_text(s, 2, a->argv);
    tl_bind_text(s, 3, ftl_tool_version);
    tl_bind_text(s, 4, user_name());
    tl_bind_text(s, 5, host);
    tl_bind_text(s, 6, cwd);
    sqlite3_bind_int64(s, 7, a->started);
    if (sqlite3_step(s) != SQLITE_DONE)
        return tl_store_dberr(st, err, "audit");
    *id = sqlite3_last_insert_rowid(st->db);
    return FTL_OK;
}

int tl_audit_end(struct tl_store *st, int64_t id, int status,
                 const char *counts, struct ftl_err *err)
{
    static const char sql[] =
        "UPDATE audit SET ended = ?, exit_status = ?, counts = ?"
        " WHERE id = ?";
    sqlite3_stmt *s = tl_store_stmt(st, sql, err);

    if (!s)
        return FTL_EDB;
    sqlite3_bind_int64(s, 1, tl_time_now());
    sqlite3_bind_int(s, 2, status);
    tl_bind_text(s, 3, counts);
    sqlite3_bind_int64(s, 4, id);
    if (sqlite3_step(s) != SQLITE_DONE)
        return tl_store_dberr(st, err, "audit");
    return FTL_OK;
}

int tl_audit_note(struct tl_store *st, int64_t id, const char *note,
                  struct ftl_err *err)
{
    static const char sql[] =
        "UPDATE audit SET note = CASE WHEN note IS NULL THEN ?1"
        " ELSE note || '; ' || ?1 END WHERE id = ?2";
    sqlite3_stmt *s = tl_store_stmt(st, sql, err);

    if (!s)
        return FTL_EDB;
    tl_bind_text(s, 1, note);
    sqlite3_bind_int64(s, 2, id);
    if (sqlite3_step(s) != SQLITE_DONE)
        return tl_store_dberr(st, err, "audit note");
    return FTL_OK;
}
