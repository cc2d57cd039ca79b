/*
 * timeline/case_id.c - a stable identifier of the case, derived from what
 * the case already holds
 *
 * case_info has no id of its own: 'name' is what the examiner typed and
 * 'ftl init --name' may change it, so it cannot key documents that are
 * loaded again.  What never changes once the case exists is its
 * 'created' time (whole seconds, written when the file is made) and the
 * start of its first audit row (nanoseconds, the command that made it:
 * audit rows are only ever added).  The id is the SHA-256 of both, shown
 * as an RFC 9562 UUID of version 8 (the "custom" version):
 *
 *   sha256("ftl-case\n" created "\n" first-audit-start-ns "\n")
 *   -> first 32 hex digits, version nibble 8, variant bits 10
 *
 * The same case file, or a copy of it, gives the same id on every
 * machine; two cases made by two commands give two ids.  Nothing is
 * written, so a case opened read-only has it too, and no schema changes.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <string.h>

#include "timeline/store_int.h"

/* The text of the first column of the first row of sql, or "". */
static void first_value(struct tl_store *st, const char *sql, char *out,
                        size_t n)
{
    sqlite3_stmt *s = NULL;

    out[0] = '\0';
    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) == SQLITE_OK &&
        sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0))
        snprintf(out, n, "%s", (const char *)sqlite3_column_text(s, 0));
    sqlite3_finalize(s);
}

int tl_case_id(struct tl_store *st, char out[TL_CASE_ID_LEN + 1],
               struct ftl_err *err)
{
    static const char hex[] = "0123456789abcdef";
    struct ftl_digest *dg = NULL;
    char created[128], started[32], sha[65];
    int rc, i, k = 0;

    first_value(st, "SELECT value FROM case_info WHERE key = 'created'",
                created, sizeof(created));
    first_value(st, "SELECT started FROM audit ORDER BY id LIMIT 1",
                started, sizeof(started));
    if ((rc = ftl_digest_new(&dg, FTL_SHA256, err)))
        return rc;
    ftl_digest_update(dg, "ftl-case\n", 9);
    ftl_digest_update(dg, created, strlen(created));
    ftl_digest_update(dg, "\n", 1);
    ftl_digest_update(dg, started, strlen(started));
    ftl_digest_update(dg, "\n", 1);
    ftl_digest_final(dg, NULL, sha);
    ftl_digest_free(dg);
    sha[12] = '8';                                   /* version 8 */
    sha[16] = hex[8 | (strchr(hex, sha[16]) - hex) % 4]; /* variant 10 */
    for (i = 0; i < 32; i++) {
        if (i == 8 || i == 12 || i == 16 || i == 20)
            out[k++] = '-';
        out[k++] = sha[i];
    }
    out[k] = '\0';
    return FTL_OK;
}
