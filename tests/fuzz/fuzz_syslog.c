/*
 * tests/fuzz/fuzz_syslog.c - the syslog and exim envelopes and their
 * time stamps (collectors/maillog/env.c)
 *
 * Each line of the input is split into its envelope as the mail-log
 * collector splits it, and its stamp converted with the year tracker
 * running across the lines.  Properties: the message text lies inside
 * the line, a stamp's fields are in range, a time converted is inside
 * the int64 range the line's year allows, a bad line says why.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdlib.h>
#include <string.h>

#include "collectors/maillog/maillog_int.h"
#include "tests/fuzz/fuzzutil.h"

static struct ml_run run;
static struct ml_opts opts;
static struct col_ctx ctx;
static struct ftl_err err;

static void one_line(char *line, size_t len, int64_t lineno)
{
    struct ml_line l;
    int rc;

    run.arena_used = 0;
    memset(&l, 0xA5, sizeof(l));
    l.lineno = lineno;
    rc = col_ml_envelope(&run, &l, line, len);
    if (rc == ML_ENV_BAD && !l.why)
        fu_fail("bad line without a reason");
    if (rc != ML_ENV_OK)
        return;
    if (l.msg && (l.msg < line || l.msg > line + len) &&
        (l.msg < run.arena || l.msg > run.arena + ML_ARENA))
        fu_fail("message text outside the line and the arena");
    if (l.stamp != ML_ST_NONE &&
        (l.civ.mon < 1 || l.civ.mon > 12 || l.civ.day < 1 ||
         l.civ.day > 31 || l.civ.hour < 0 || l.civ.hour > 23 ||
         l.civ.min < 0 || l.civ.min > 59 || l.civ.sec < 0 ||
         l.civ.sec > 60))
        fu_fail("stamp fields out of range");
    if (l.host)
        (void)strlen(l.host);
    if (l.prog)
        (void)strlen(l.prog);
    if (l.pid)
        (void)strlen(l.pid);
    if (l.stamp != ML_ST_NONE && col_ml_line_time(&run, &l) != FTL_OK &&
        !l.why)
        fu_fail("stamp refused without a reason");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text, *p, *nl;
    size_t left;
    int64_t lineno = 0;

    if (!run.arena) {
        run.ctx = &ctx;
        run.err = &err;
        run.opts = &opts;
        run.tzname = "UTC";
        if (col_ml_run_init(&run) != FTL_OK)
            fu_fail("run init");
    }
    run.year.year = 0;
    run.year.mon = 0;
    run.st_ok = 0;
    text = fu_strndup(data, size);
    for (p = text, left = size; left; ) {
        size_t len;

        nl = memchr(p, '\n', left);
        len = nl ? (size_t)(nl - p) : left;
        if (nl)
            *nl = '\0';
        one_line(p, len, ++lineno);
        if (!nl)
            break;
        left -= len + 1;
        p = nl + 1;
    }
    free(text);
    return 0;
}
