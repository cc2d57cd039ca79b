/*
 * collectors/maillog/line.c - one log line: envelope, dialect, event
 *
 * Every line is parsed or reported: an event of its dialect's parser, a
 * plain syslog event, a blank line (counted), a continuation (an event at
 * the time of the line it continues), or a warning with its line number.
 * Both passes choose the dialect here (col_ml_family); the second pass
 * records the line (col_ml_line).
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collectors/maillog/maillog_int.h"

int col_ml_family(const struct ml_run *r, const struct ml_line *l)
{
    const char *p = l->prog, *slash;

    if (r->opts->fmt != ML_AUTO)
        return r->opts->fmt;
    if (l->exim_native)
        return ML_EXIM;
    if (!p)
        return ML_SYSLOG;
    if (col_ml_is_barracuda_prog(p))
        return ML_BARRACUDA;
    if (col_ml_starts(p, "postfix"))
        return ML_POSTFIX;
    if (strcmp(p, "sendmail") == 0 || col_ml_starts(p, "sm-"))
        return ML_SENDMAIL;
    if (col_ml_starts(p, "exim"))
        return ML_EXIM;
    if ((slash = strrchr(p, '/')) && col_ml_postfix_daemon(slash + 1))
        return ML_POSTFIX;
    return ML_SYSLOG;
}

void col_ml_skip_bom(const char **line, size_t *len, int64_t lineno)
{
    if (lineno == 1 && *len >= 3 && memcmp(*line, "\xef\xbb\xbf", 3) == 0) {
        *line += 3;
        *len -= 3;
    }
}

/* "line N" without printf: this runs for every line. */
static void set_loc(char loc[32], int64_t n)
{
    char digits[24];
    int k = 0;

    memcpy(loc, "line ", 5);
    do {
        digits[k++] = (char)('0' + n % 10);
        n /= 10;
    } while (n > 0 && k < (int)sizeof(digits));
    for (int i = 0; i < k; i++)
        loc[5 + i] = digits[k - 1 - i];
    loc[5 + k] = '\0';
}

/* A line that could not be read: a warning, one by one for the first
 * ML_WARN_BAD, then only counted and summed up at the end. */
static int bad_line(struct ml_run *r, struct ml_line *l, const char *what)
{
    r->n_bad++;
    r->prev_ok = 0;
    if (r->n_bad <= ML_WARN_BAD) {
        col_warn(r->ctx, r->evid, r->name, l->loc, "%s: %s", what,
                 l->why ? l->why : "unknown format");
    } else {
        if (!r->bad_first)
            r->bad_first = l->lineno;
        r->bad_last = l->lineno;
    }
    return FTL_OK;
}

/* A line that starts with white space continues the one before (a
 * multi-line message): an event of its own, at the same time. */
static int continuation(struct ml_run *r, struct ml_line *l)
{
    const char *t = l->text;
    int rc;

    while (*t == ' ' || *t == '\t')
        t++;
    rc = col_ml_continuation(r, l, col_ml_printf(r, "(continues line %lld) "
                                                 "%s",
                                                 (long long)r->prev_lineno,
                                                 t));
    if (rc < 0)
        return rc;
    r->n_cont++;
    return FTL_OK;
}

/* Hand an enveloped line to its dialect; lines it does not know (and
 * every line of programs that are not mail servers) become plain events
 * with the line as text. */
static int dispatch(struct ml_run *r, struct ml_line *l, int fam)
{
    int rc = FTL_DONE;

    /* A line without a stamp is not given one (nor the line before's):
     * only a Barracuda line may carry its times in its fields. */
    if (!l->has_ts && fam != ML_BARRACUDA) {
        l->why = "no time stamp";
        return FTL_EPARSE;
    }
    switch (fam) {
    case ML_POSTFIX:
        rc = col_ml_postfix(r, l);
        break;
    case ML_SENDMAIL:
        rc = col_ml_sendmail(r, l);
        break;
    case ML_EXIM:
        rc = col_ml_exim(r, l);
        break;
    case ML_BARRACUDA:
        rc = col_ml_barracuda(r, l);
        break;
    default:
        break;
    }
    if (rc == FTL_DONE) {
        if (!l->has_ts) {    /* a Barracuda process's other lines */
            l->why = "no time stamp";
            return FTL_EPARSE;
        }
        rc = col_ml_event(r, l, fam == ML_SYSLOG ? "log:syslog"
                          : "mail:other", NULL, col_ml_raw_text(r, l));
    }
    if (rc == FTL_OK) {
        if (fam == ML_SYSLOG)
            r->n_other++;
        else
            r->n_mail++;
    }
    return rc;
}

/* Invalid UTF-8 in a line that was recorded: stored as it is (the
 * exporters show the bytes as \xNN), and said. */
static void check_utf8(struct ml_run *r, const struct ml_line *l)
{
    size_t bad;

    if (!ftl_utf8_valid((const unsigned char *)l->text, l->len, &bad) &&
        ++r->n_badutf8 <= ML_WARN_BAD)
        col_warn(r->ctx, r->evid, r->name, l->loc, "invalid UTF-8 at byte "
                 "%zu: the line is read and stored as it is", bad + 1);
}

int col_ml_line(struct ml_run *r, const char *line, size_t len,
                int64_t lineno, int cut)
{
    struct ml_line l;
    int env, rc;

    r->arena_used = 0;
    r->n_lines++;
    l.lineno = lineno;
    set_loc(l.loc, lineno);
    col_ml_skip_bom(&line, &len, lineno);
    env = col_ml_envelope(r, &l, line, len);
    if (env == ML_ENV_OK && !l.host && r->opts->host)
        l.host = r->opts->host;      /* --host: for lines without one */
    if (cut && ++r->n_cut <= ML_WARN_BAD)
        col_warn(r->ctx, r->evid, r->name, l.loc, "line longer than %d "
                 "bytes: read up to there, the rest of the line skipped",
                 ML_LINE_MAX);
    switch (env) {
    case ML_ENV_BLANK:
        r->n_blank++;
        r->prev_ok = 0;
        return FTL_OK;
    case ML_ENV_CONT:
        if (!r->prev_ok) {
            l.why = "starts with white space but continues no line";
            return bad_line(r, &l, "line not read");
        }
        if ((rc = continuation(r, &l)) == FTL_OK)
            check_utf8(r, &l);
        return rc;
    case ML_ENV_BAD:
        return bad_line(r, &l, "line not read");
    default:
        break;
    }
    if (col_ml_line_time(r, &l) != FTL_OK) {
        r->n_badtime++;
        return bad_line(r, &l, "time stamp not usable");
    }
    if (l.stray)
        col_warn(r->ctx, r->evid, r->name, l.loc, "month %d out of "
                 "sequence (the lines around are in month %d): read in "
                 "the same year, not as the start of a new one", l.civ.mon,
                 r->year.mon);
    rc = dispatch(r, &l, col_ml_family(r, &l));
    if (rc == FTL_EPARSE)
        return bad_line(r, &l, "line not read");
    if (rc == FTL_OK)
        check_utf8(r, &l);
    return rc;
}
