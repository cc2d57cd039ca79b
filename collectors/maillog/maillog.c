/*
 * collectors/maillog/maillog.c - mail logs: postfix, sendmail, exim, Barracuda ESG
 *
 * Reads mail logs line by line, plain or compressed, and records an event
 * for every line (with "line N" as locator) and one 'messages' row per
 * mail transaction (see msg.c).  Which dialect a line is in is
 * decided line by line from its program name, unless --format says so.
 *
 * Year-less syslog stamps need the year of the log, which is only known
 * at its end: the file's modification time dates the last lines.  So a
 * file is read twice.  The first pass only splits envelopes and runs the
 * year tracker over the months (no SQL: a small part of the cost), which
 * yields the year roll-overs inside the file; the modification time (or
 * the gzip member's, or a Barracuda line's own epoch time, or --year)
 * then fixes the year of the first line, and the second pass stores.
 * Rotated files given together (maillog, maillog.1, maillog.2.gz, ...)
 * are read oldest first in both passes with one tracker, so a set that
 * crosses New Year is dated from its newest file.  A stream found inside
 * a disk image cannot be read twice: it is spooled to an unlinked
 * temporary file while it is hashed, and both passes read the spool.
 *
 * SPDX-License-Identifier: MIT
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "collectors/maillog/maillog_int.h"

enum {
    OPT_YEAR = COL_OPT_BASE,
    OPT_HOST,
    OPT_FORMAT,
};

static const struct option longopts[] = {
    { "year", required_argument, NULL, OPT_YEAR },
    { "host", required_argument, NULL, OPT_HOST },
    { "format", required_argument, NULL, OPT_FORMAT },
    { NULL, 0, NULL, 0 }
};

/* One evidence item: a file given on the command line, or a stream from
 * another evidence item. */
struct item {
    const char *path;          /* as given, or the source's name */
    char *set;                 /* rotation set: directory and base name */
    int64_t newness;           /* order inside the set, oldest first */
    int set_order;             /* order of the set on the command line */
    int64_t parent_id;
    const char *inner_path;
    int64_t size, mtime, inner_mtime;
    /* what the first pass learnt */
    int scanned;               /* 1: it could be read */
    struct ml_year start;      /* year tracker before it (relative) */
    struct ml_year end;        /* and after it */
    int has_bsd;               /* it has year-less stamps */
    int first_year;            /* relative year of the first of them */
    int64_t *strays;           /* lines out of sequence (see scan()) */
    size_t nstrays;
    int64_t lines;
    int64_t n_log;             /* lines that look like log lines */
    int64_t n_notlog;          /* and lines that do not (blank aside) */
    int64_t fam_lines[ML_FMT_COUNT];
    char sha[65];              /* SHA-256 seen by the first pass */
};

/* A year roll-over seen by the first pass, waiting for the next dated
 * line to confirm it. */
struct pending {
    int active;
    struct item *it;           /* the item the line is in */
    int64_t lineno;
    int mon;                   /* its month */
    int was_first;             /* it was the item's first dated line */
    struct ml_year before;     /* the tracker before it */
};

/* Years from a Barracuda line's epoch: the most trustworthy anchor. */
struct anchor {
    int have;
    int off;                   /* absolute year - relative year */
    int64_t conflicts;         /* anchors that disagreed */
    int64_t lineno;
    const char *path;
};

/* ------------------------------------------------------------------ */
/* Options                                                             */
/* ------------------------------------------------------------------ */

static int maillog_opt(void *opts, int c, const char *arg,
                       struct ftl_err *err)
{
    struct ml_opts *o = opts;
    char *end;
    long y;
    int i;

    switch (c) {
    case OPT_YEAR:
        errno = 0;
        y = strtol(arg, &end, 10);
        if (errno || *end || y < 1678 || y > 2261)
            return ftl_err_set(err, FTL_EUSAGE, "invalid --year '%s': "
                               "expected a year such as 2023", arg);
        o->year = (int)y;
        return FTL_OK;
    case OPT_HOST:
        free(o->host);
        if (!(o->host = strdup(arg)))
            return ftl_err_set(err, FTL_ENOMEM, "out of memory");
        return FTL_OK;
    case OPT_FORMAT:
        for (i = 0; i < ML_FMT_COUNT; i++) {
            if (strcmp(arg, col_ml_fmt_names[i]) == 0) {
                o->fmt = i;
                return FTL_OK;
            }
        }
        return ftl_err_set(err, FTL_EUSAGE, "invalid --format '%s': "
                           "expected auto, postfix, sendmail, exim, "
                           "barracuda or syslog", arg);
    default:
        return ftl_err_set(err, FTL_EUSAGE, "unknown option");
    }
}

static void maillog_release(void *opts)
{
    struct ml_opts *o = opts;

    free(o->host);
    o->host = NULL;
}

/* ------------------------------------------------------------------ */
/* Lines                                                               */
/* ------------------------------------------------------------------ */

/* Which dialect reads line l. */
static int family(const struct ml_run *r, const struct ml_line *l)
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

/* A UTF-8 byte order mark at the start of the first line is no text. */
static void skip_bom(const char **line, size_t *len, int64_t lineno)
{
    if (lineno == 1 && *len >= 3 && memcmp(*line, "\xef\xbb\xbf", 3) == 0) {
        *line += 3;
        *len -= 3;
    }
}

/* Floor division (b > 0): whole days or seconds before 1970 too. */
static int64_t floor_div(int64_t a, int64_t b)
{
    return a / b - (a % b < 0);
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

static int process_line(struct ml_run *r, const char *line, size_t len,
                        int64_t lineno, int cut)
{
    struct ml_line l;
    int env, rc;

    r->arena_used = 0;
    r->n_lines++;
    l.lineno = lineno;
    set_loc(l.loc, lineno);
    skip_bom(&line, &len, lineno);
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
    rc = dispatch(r, &l, family(r, &l));
    if (rc == FTL_EPARSE)
        return bad_line(r, &l, "line not read");
    if (rc == FTL_OK)
        check_utf8(r, &l);
    return rc;
}

/* ------------------------------------------------------------------ */
/* Pass 1: months, dialects, hash                                      */
/* ------------------------------------------------------------------ */

/* The year that puts the stamp c closest to 'epoch' (s); the offset
 * from the stamp's relative year 'rel' becomes the anchor. */
static void epoch_anchor(struct ml_run *r, const struct tl_civil *c0,
                         int rel, int64_t epoch, struct anchor *an,
                         int64_t lineno, const char *path)
{
    struct tl_civil c = *c0;
    int64_t days = floor_div(epoch, 86400);
    int64_t ye, best = INT64_MAX, ns, d;
    int m, dd, y, besty = 0;

    tl_civil_from_days(days, &ye, &m, &dd);
    for (y = (int)ye - 1; y <= (int)ye + 1; y++) {
        c.year = y;
        if (c.day > tl_days_in_month(y, c.mon) ||
            tl_civil_to_ns(&c, r->ctx->tz, &ns, NULL) != FTL_OK)
            continue;
        d = ns / TL_NS_PER_SEC - epoch;
        if (d < 0)
            d = -d;
        if (d < best) {
            best = d;
            besty = y;
        }
    }
    if (best == INT64_MAX)
        return;
    if (an->have && an->off != besty - rel)
        an->conflicts++;
    an->have = 1;
    an->off = besty - rel;
    an->lineno = lineno;
    an->path = path;
}

/*
 * A month more than one step back is a new year, but one line out of
 * sequence (a relay's late line, a wrong clock, damage) must not move the
 * rest of the log by a year.  So a roll-over waits for the next dated
 * line: when that one is back near the old month (not within a month of
 * the new one), the line was a stray.  It keeps the year of the lines
 * around it, the tracker is put back, and the second pass is told by
 * its line number (up to ML_STRAYS_MAX per file; past that the plain
 * rule applies, the same in both passes).
 */
static void resolve(struct pending *p, struct item *cur, int mon,
                    struct ml_year *y)
{
    int c = p->mon;
    int near = mon == c || mon == c % 12 + 1 || mon == (c + 10) % 12 + 1;
    struct item *it = p->it;

    p->active = 0;
    if (near || mon < p->before.mon - 1 || it->nstrays >= ML_STRAYS_MAX)
        return;
    if (!it->strays && !(it->strays = malloc(ML_STRAYS_MAX *
                                             sizeof(*it->strays))))
        return;              /* no memory: the plain rule */
    it->strays[it->nstrays++] = p->lineno;
    *y = p->before;
    if (p->was_first)
        it->first_year = p->before.year;
    if (it != cur) {
        /* the stray ended the item before: it ends, and this one
         * starts, with the tracker as it was */
        it->end = p->before;
        cur->start = p->before;
    }
}

/* The first pass over one item: months, dialects, whether it looks like
 * a log at all, and with 'hash' its SHA-256 (it->sha). */
static void scan(struct ml_run *r, struct col_src *src, struct item *it,
                 struct ml_year *y, struct anchor *an, struct pending *pend,
                 int hash, struct ftl_err *err)
{
    struct ml_line l;
    const char *text;
    char *line;
    size_t len;
    int truncated, rc, fam, env;

    it->start = *y;
    for (;;) {
        rc = col_src_getline(src, &line, &len, ML_LINE_MAX, &truncated,
                             err);
        if (rc == FTL_DONE)
            break;
        if (rc < 0) {
            /* damage: the second pass meets it again and records it */
            ftl_err_clear(err);
            break;
        }
        it->lines++;
        r->arena_used = 0;
        text = line;
        skip_bom(&text, &len, it->lines);
        env = col_ml_envelope(r, &l, text, len);
        if (env != ML_ENV_OK) {
            it->n_notlog += env != ML_ENV_BLANK;
            continue;
        }
        fam = family(r, &l);
        it->fam_lines[fam]++;
        /* (a Barracuda line may carry its times in its fields) */
        if (l.stamp != ML_ST_NONE || fam == ML_BARRACUDA)
            it->n_log++;
        else
            it->n_notlog++;
        if (l.stamp == ML_ST_BSD) {
            struct ml_year before;
            int rel;
            int64_t start;

            if (pend->active)
                resolve(pend, it, l.civ.mon, y);
            before = *y;
            rel = col_ml_year_step(y, l.civ.mon);
            if (!it->has_bsd)
                it->first_year = rel;
            if (y->year > before.year) {
                pend->active = 1;
                pend->it = it;
                pend->lineno = it->lines;
                pend->mon = l.civ.mon;
                pend->was_first = !it->has_bsd;
                pend->before = before;
            } else if (fam == ML_BARRACUDA &&
                       (start = col_ml_barracuda_start(l.msg)) > 0) {
                /* (not on a roll-over line: it might be a stray) */
                epoch_anchor(r, &l.civ, rel, start, an, it->lines, it->path);
            }
            it->has_bsd = 1;
        }
        col_progress(r->ctx, "%s: reading, line %lld", it->path,
                     (long long)it->lines);
    }
    it->end = *y;
    if (hash && col_src_sha256(src, it->sha, err) != FTL_OK) {
        it->sha[0] = '\0';
        ftl_err_clear(err);
    }
    it->scanned = 1;
}

/* Year of the first line of a set: the offset to add to the relative
 * years of the first pass, and where it comes from (for the evidence
 * row).  Returns 0 when no item has year-less stamps. */
static int year_offset(struct ml_run *r, struct item *items, int n,
                       const struct anchor *an, int *off, char *src,
                       size_t srcsz)
{
    const struct item *last = NULL;
    int64_t mt, sec, local, days, ym;
    int i, mm, dd;
    char when[TL_TIME_BUFSZ];

    for (i = 0; i < n; i++)
        if (items[i].scanned && items[i].has_bsd)
            last = &items[i];
    if (!last)
        return 0;
    if (r->opts->year) {
        *off = r->opts->year;
        snprintf(src, srcsz, "given");
        return 1;
    }
    if (an->have) {
        *off = an->off;
        snprintf(src, srcsz, "barracuda-epoch:%s:line %lld", an->path,
                 (long long)an->lineno);
        return 1;
    }
    /* The newest file's time dates its last lines: the reference month
     * is in the year of the modification time, or the year before when
     * that month lies after it (a file touched in January holding
     * December).  A gzip member keeps the time of the file it packed,
     * which survives copies better than the .gz's own. */
    mt = last->inner_mtime ? last->inner_mtime : last->mtime;
    if (!mt) {
        mt = tl_time_now();
        snprintf(src, srcsz, "now (no file time known)");
    } else {
        snprintf(src, srcsz, "%s:%s", last->inner_mtime ? "gzip-mtime"
                 : "mtime", tl_time_format(mt, 0, when));
    }
    sec = floor_div(mt, TL_NS_PER_SEC);
    local = sec + tl_tz_offset_at(r->ctx->tz, sec);
    days = floor_div(local, 86400);
    tl_civil_from_days(days, &ym, &mm, &dd);
    *off = (int)ym - (last->end.mon > mm) - last->end.year;
    return 1;
}

/* ------------------------------------------------------------------ */
/* Pass 2: one evidence item                                           */
/* ------------------------------------------------------------------ */

static void reset_counts(struct ml_run *r)
{
    r->n_lines = r->n_blank = r->n_mail = r->n_other = r->n_cont = 0;
    r->n_bad = r->n_badtime = r->n_badutf8 = r->n_cut = 0;
    r->n_msgs = r->n_evicted = 0;
    r->bad_first = r->bad_last = 0;
    r->st_ok = 0;
    r->prev_ok = 0;
}

/* The dialect most lines of the item are in (first pass counts). */
static const char *detected(const struct item *it)
{
    int best = -1, f;

    /* a mail dialect wins over more lines of other programs */
    for (f = ML_POSTFIX; f < ML_SYSLOG; f++)
        if (it->fam_lines[f] > 0 &&
            (best < 0 || it->fam_lines[f] > it->fam_lines[best]))
            best = f;
    if (best < 0)
        return it->fam_lines[ML_SYSLOG] ? "syslog" : "none";
    return col_ml_fmt_names[best];
}

/*
 * Collect one item from 'src' (the second pass).  'sha' is the evidence
 * hash when the caller already has it (a spooled stream), else the
 * source's own; 'damage' a read error met before the spool was complete.
 */
static int collect_stream(struct ml_run *r, struct col_src *src,
                          struct item *it, int have_year, int off,
                          const char *ysrc, const char *sha,
                          const struct ftl_err *damage)
{
    struct col_ctx *ctx = r->ctx;
    struct ftl_err *err = r->err;
    struct tl_evidence ev = { 0 };
    struct col_counts mark;
    char opts[768], yr[340], note[512], hex[65], *line, *ppath;
    size_t len;
    int64_t evid;
    int rc, truncated, status = TL_EV_COMPLETE;

    /* the tracker starts where the first pass had it before this item,
     * moved to absolute years */
    reset_counts(r);
    r->name = it->path;
    r->year.year = it->start.year + off;
    r->year.mon = it->start.mon;
    r->strays = it->strays;
    r->nstrays = it->nstrays;
    r->stray_pos = 0;
    yr[0] = '\0';
    if (have_year && it->has_bsd)
        snprintf(yr, sizeof(yr), " year=%d year_source=%s",
                 it->first_year + off, ysrc);
    snprintf(opts, sizeof(opts), "format=%s detected=%s tz=%s%s%s%s",
             col_ml_fmt_names[r->opts->fmt], detected(it), r->tzname, yr,
             r->opts->host ? " host=" : "",
             r->opts->host ? r->opts->host : "");
    ev.kind = "maillog";
    /* A child item keeps its parent's path; its place is inner_path. */
    ppath = it->parent_id ? tl_evidence_path(ctx->st, it->parent_id) : NULL;
    ev.path = ppath ? ppath : it->path;
    ev.inner_path = it->inner_path;
    ev.parent_id = it->parent_id;
    ev.size = it->size;
    ev.mtime = it->mtime;
    ev.options = opts;
    ev.tz = r->tzname;
    ev.year = have_year && it->has_bsd ? it->first_year + off : 0;
    ev.audit_id = ctx->audit_id;
    col_ctx_mark(ctx, &mark);
    rc = col_evidence_begin(ctx, &ev, &evid, err);
    free(ppath);
    if (rc)
        return rc;
    r->evid = evid;
    /* the second pass: every line is an event or a warning */
    for (;;) {
        rc = col_src_getline(src, &line, &len, ML_LINE_MAX, &truncated,
                             err);
        if (rc == FTL_DONE)
            break;
        if (rc < 0) {
            /* damaged compressed data: what was read stays, the warning
             * names the first line that could not be read */
            char loc[48];

            snprintf(loc, sizeof(loc), "line %lld",
                     (long long)col_src_lineno(src) + 1);
            col_warn(ctx, evid, it->path, loc, "%s", err->msg);
            ftl_err_clear(err);
            status = TL_EV_PARTIAL;
            break;
        }
        rc = process_line(r, line, len, col_src_lineno(src), truncated);
        if (rc < 0)
            goto fail;
        col_progress(ctx, "%s: line %lld of %lld", it->path,
                     (long long)col_src_lineno(src), (long long)it->lines);
    }
    if (damage && damage->code) {
        char loc[48];

        snprintf(loc, sizeof(loc), "line %lld", (long long)r->n_lines + 1);
        col_warn(ctx, evid, it->path, loc, "%s", damage->msg);
        status = TL_EV_PARTIAL;
    }
    /* the end of the file ends every transaction still open */
    if ((rc = col_ml_msg_close_all(r)) < 0)
        goto fail;
    if (r->n_bad > ML_WARN_BAD) {
        char loc[64];

        snprintf(loc, sizeof(loc), "lines %lld-%lld",
                 (long long)r->bad_first, (long long)r->bad_last);
        col_warn(ctx, evid, it->path, loc, "%lld more lines could not be "
                 "read as log lines (not listed one by one)",
                 (long long)(r->n_bad - ML_WARN_BAD));
    }
    if (r->n_cut > ML_WARN_BAD)
        col_warn(ctx, evid, it->path, NULL, "%lld lines longer than %d "
                 "bytes, read up to there (the first %d are listed)",
                 (long long)r->n_cut, ML_LINE_MAX, ML_WARN_BAD);
    if (r->n_badutf8 > ML_WARN_BAD)
        col_warn(ctx, evid, it->path, NULL, "%lld lines hold invalid UTF-8 "
                 "(the first %d are listed)", (long long)r->n_badutf8,
                 ML_WARN_BAD);
    /* the hash that identifies the evidence: the spooled stream's own,
     * or this reading's, compared with the first reading's */
    if (sha) {
        snprintf(hex, sizeof(hex), "%s", sha);
    } else {
        if ((rc = col_src_sha256(src, hex, err)))
            goto fail;
        if (it->sha[0] && strcmp(it->sha, hex) != 0)
            col_warn(ctx, evid, it->path, NULL, "the file changed between "
                     "the two readings (sha256 %s, then %s): what is stored "
                     "is the second reading", it->sha, hex);
    }
    snprintf(note, sizeof(note), "lines=%lld mail=%lld other=%lld "
             "continued=%lld blank=%lld unreadable=%lld bad_time=%lld "
             "bad_utf8=%lld cut=%lld messages=%lld written_early=%lld",
             (long long)r->n_lines, (long long)r->n_mail,
             (long long)r->n_other, (long long)r->n_cont,
             (long long)r->n_blank, (long long)r->n_bad,
             (long long)r->n_badtime, (long long)r->n_badutf8,
             (long long)r->n_cut, (long long)r->n_msgs,
             (long long)r->n_evicted);
    if ((rc = tl_evidence_note(ctx->st, evid, note, err)))
        goto fail;
    /* nothing usable (binary data, a .gz broken at once): kept in the
     * case as failed, with its warnings, so the attempt is on record */
    if (r->n_mail + r->n_other + r->n_cont == 0 &&
        (r->n_bad || status == TL_EV_PARTIAL)) {
        col_report(ctx, COL_ERROR, "%s: no log line could be read",
                   it->path);
        status = TL_EV_FAILED;
    }
    rc = col_evidence_end(ctx, evid, it->path, hex, NULL, status, err);
    if (rc < 0)
        col_ctx_rollback(ctx, &mark);    /* the store rolled it back */
    if (rc == FTL_OK)
        col_report(ctx, COL_INFO, "%s: %lld line%s: %lld mail, %lld other "
                   "programs, %lld continued, %lld blank, %lld not read; "
                   "%lld messages", it->path, (long long)r->n_lines,
                   r->n_lines == 1 ? "" : "s",
                   (long long)r->n_mail, (long long)r->n_other,
                   (long long)r->n_cont, (long long)r->n_blank,
                   (long long)r->n_bad, (long long)r->n_msgs);
    return rc < 0 ? rc : FTL_OK;
fail:
    /* the open transactions' rows go with the savepoint, and what the
     * item added leaves the run's counts */
    col_ml_msg_drop_all(r);
    col_abort(ctx, evid, &mark);
    return rc;
}

/* Already in the case (same content at the same place)?  Saves the
 * second pass.  FTL_DONE when it is (and said), FTL_OK when not, or a
 * store error. */
static int known(struct ml_run *r, const struct item *it)
{
    struct tl_evidence place = { 0 };
    char *ppath;
    int rc;

    if (!it->sha[0])
        return FTL_OK;
    /* the place as collect_stream() would record it */
    ppath = it->parent_id ? tl_evidence_path(r->ctx->st, it->parent_id)
                          : NULL;
    place.kind = "maillog";
    place.path = ppath ? ppath : it->path;
    place.inner_path = it->inner_path;
    place.parent_id = it->parent_id;
    place.size = it->size;
    place.mtime = it->mtime;
    place.audit_id = r->ctx->audit_id;
    rc = col_evidence_known(r->ctx, &place, it->sha, it->path, r->err);
    free(ppath);
    return rc;
}

/* ------------------------------------------------------------------ */
/* Files from the command line                                         */
/* ------------------------------------------------------------------ */

/* Strip "suffix" from the end of s (in place); 1 when it was there. */
static int strip(char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);

    if (n > k && strcmp(s + n - k, suffix) == 0) {
        s[n - k] = '\0';
        return 1;
    }
    return 0;
}

/* Rotation set and age from the name: "maillog.2.gz" is rotation 2 of
 * "maillog" (older than 1); "maillog-20230314" is a dated rotation; the
 * bare name is the newest. */
static int rotation(struct item *it, struct ftl_err *err)
{
    char *s = strdup(it->path), *p;
    size_t n, d;

    if (!s)
        return ftl_err_set(err, FTL_ENOMEM, "out of memory");
    if (!strip(s, ".gz") && !strip(s, ".bz2"))
        strip(s, ".xz");
    n = strlen(s);
    it->newness = INT64_MAX;
    for (d = 0; d < n && ml_is_digit((unsigned char)s[n - 1 - d]); d++)
        ;
    p = s + n - d;
    if (d >= 1 && d <= 4 && p > s && p[-1] == '.' && p - 1 > s &&
        p[-2] != '/') {
        it->newness = -strtoll(p, NULL, 10);
        p[-1] = '\0';
    } else if ((d == 8 || d == 10) && p > s && p[-1] == '-') {
        it->newness = strtoll(p, NULL, 10);
        p[-1] = '\0';
    }
    it->set = s;
    return FTL_OK;
}

static int item_cmp(const void *a, const void *b)
{
    const struct item *x = a, *y = b;

    if (x->set_order != y->set_order)
        return x->set_order < y->set_order ? -1 : 1;
    if (x->newness != y->newness)
        return x->newness < y->newness ? -1 : 1;
    return strcmp(x->path, y->path);
}

/* An item that could not be collected: said and counted, and the others
 * still go in, unless the case itself cannot be written (the policy of
 * col_run_each(), which this collector cannot use: it reads a rotation
 * set as a whole).  Returns FTL_OK, or the error that stops the run. */
static int item_failed(struct col_ctx *ctx, int rc, struct ftl_err *err)
{
    col_report(ctx, COL_ERROR, "%s", err->msg);
    ftl_err_clear(err);
    ctx->n_failed++;
    if (rc == FTL_EDB || rc == FTL_ENOMEM)
        return ftl_err_set(err, rc, "stopped: the case could not be "
                           "written");
    return FTL_OK;
}

/* A set whose every file is in the case already (and is to stay as it
 * is) is only hashed, not scanned: 1 when so, each file then said and
 * counted; 0 when the set is to be read (the year of each file depends
 * on the others, so all of it is), or an error. */
static int set_known(struct ml_run *r, struct item *items, int n)
{
    struct col_src *src;
    struct ftl_err e2 = { 0 };
    int i, rc;

    for (i = 0, rc = 1; i < n && rc == 1; i++) {
        if (col_src_open_file(&src, items[i].path, 1, &e2)) {
            rc = 0;            /* the reading says why */
            break;
        }
        items[i].size = col_src_size(src);
        items[i].mtime = col_src_mtime(src);
        rc = col_src_presha256(src, items[i].sha, &e2) ? 0 : 1;
        col_src_close(src);
        if (rc)
            rc = col_evidence_skippable(r->ctx, &(struct tl_evidence){
                     .kind = "maillog", .path = items[i].path },
                     items[i].sha, r->err);
    }
    if (rc != 1) {
        for (i = 0; i < n; i++)
            items[i].sha[0] = '\0';   /* the first pass hashes again */
        return rc;
    }
    for (i = 0; i < n; i++)
        if ((rc = known(r, &items[i])) < 0)
            return rc;
    return 1;
}

/* Both passes over one rotation set (items oldest first).  Returns the
 * number of items collected or already there, or an error that stops
 * the run (the case cannot be written). */
static int run_set(struct ml_run *r, struct item *items, int n)
{
    struct col_ctx *ctx = r->ctx;
    struct ftl_err *err = r->err;
    struct ml_year y = { 0, 0 };
    struct anchor an = { 0 };
    struct pending pend = { 0 };
    struct col_src *src;
    char ysrc[300];
    int i, rc, off = 0, have, ok = 0;

    if ((rc = set_known(r, items, n)) != 0)
        return rc < 0 ? rc : n;
    for (i = 0; i < n; i++) {
        struct ml_year y0 = y;
        struct anchor an0 = an;

        if ((rc = col_src_open_file(&src, items[i].path, 1, err))) {
            if ((rc = item_failed(ctx, rc, err)))
                return rc;
            continue;
        }
        items[i].size = col_src_size(src);
        items[i].mtime = col_src_mtime(src);
        items[i].inner_mtime = col_src_inner_mtime(src);
        scan(r, src, &items[i], &y, &an, &pend, 1, err);
        col_src_close(src);
        /* The same file twice (under two names): its months must not
         * count twice, or the set's years would shift.  The copy is
         * "already in the case" in the second pass. */
        for (int j = 0; j < i && items[i].sha[0]; j++) {
            if (items[j].scanned && strcmp(items[j].sha, items[i].sha) == 0) {
                y = y0;
                an = an0;
                if (pend.active && pend.it == &items[i])
                    pend.active = 0;
                items[i].has_bsd = 0;
                items[i].start = items[i].end = y0;
                break;
            }
        }
    }
    have = year_offset(r, items, n, &an, &off, ysrc, sizeof(ysrc));
    if (an.conflicts)
        col_report(ctx, COL_WARN, "%s: %lld Barracuda epoch times disagree "
                   "with the year of the others; the last one was used",
                   items[n - 1].path, (long long)an.conflicts);
    /* the second pass, item by item: each its own evidence row */
    for (i = 0; i < n; i++) {
        if (!items[i].scanned)
            continue;
        if ((rc = known(r, &items[i])) == FTL_OK &&
            (rc = col_src_open_file(&src, items[i].path, 1, err)) ==
            FTL_OK) {
            rc = collect_stream(r, src, &items[i], have, off, ysrc, NULL,
                                NULL);
            col_src_close(src);
        }
        if (rc < 0) {
            if ((rc = item_failed(ctx, rc, err)))
                return rc;
            continue;
        }
        ok++;                /* collected, or already in the case */
    }
    return ok;
}

static int run_init(struct ml_run *r, struct col_ctx *ctx,
                    const struct ml_opts *o, struct ftl_err *err)
{
    memset(r, 0, sizeof(*r));
    r->ctx = ctx;
    r->err = err;
    r->opts = o;
    r->tzname = tl_tz_name(ctx->tz);
    return col_ml_run_init(r);
}

static int maillog_run(struct col_ctx *ctx, void *opts, char **paths, int n,
                       struct ftl_err *err)
{
    struct ml_run r;
    struct item *items;
    int i, j, a, rc = FTL_OK, ok = 0, sets = 0;

    if (!(items = calloc((size_t)n, sizeof(*items))))
        return ftl_err_set(err, FTL_ENOMEM, "out of memory");
    if ((rc = run_init(&r, ctx, opts, err))) {
        free(items);
        return rc;
    }
    for (i = 0; i < n; i++) {
        items[i].path = paths[i];
        if ((rc = rotation(&items[i], err)))
            goto out;
        items[i].set_order = -1;
        for (j = 0; j < i; j++) {
            if (strcmp(items[j].set, items[i].set) == 0) {
                items[i].set_order = items[j].set_order;
                break;
            }
        }
        if (items[i].set_order < 0)
            items[i].set_order = sets++;
    }
    /* sets in command-line order, each oldest file first */
    qsort(items, (size_t)n, sizeof(*items), item_cmp);
    for (a = 0; a < n; a = i) {
        for (i = a; i < n && items[i].set_order == items[a].set_order; i++)
            ;
        rc = run_set(&r, items + a, i - a);
        if (rc < 0)
            goto out;
        ok += rc;
    }
    rc = ok ? FTL_OK : ftl_err_set(err, FTL_ERR, "no mail log could be "
                                   "collected");
out:
    col_ml_run_release(&r);
    for (i = 0; i < n; i++) {
        free(items[i].set);
        free(items[i].strays);
    }
    free(items);
    return rc;
}

/* ------------------------------------------------------------------ */
/* Streams inside other evidence                                       */
/* ------------------------------------------------------------------ */

#define SPOOL_BLOCK (1 << 16)

/* Copy the content of src into the spool file fd.  A read error of src
 * (damage) ends the copy and stays in 'damage'; the error returned is
 * the spool's own. */
static int spool(struct col_src *src, int fd, struct ftl_err *damage,
                 struct ftl_err *err)
{
    char *buf;
    ssize_t n, w, k;
    int rc = FTL_OK;

    if (!(buf = malloc(SPOOL_BLOCK)))
        return ftl_err_set(err, FTL_ENOMEM, "out of memory");
    while (rc == FTL_OK &&
           (n = col_src_read(src, buf, SPOOL_BLOCK, damage)) > 0) {
        for (w = 0; w < n; w += k) {
            k = write(fd, buf + w, (size_t)(n - w));
            if (k < 0 && errno == EINTR) {
                k = 0;
                continue;
            }
            if (k <= 0) {
                rc = ftl_err_set(err, FTL_EIO, "cannot write the spool "
                                 "file: %s", k < 0 ? strerror(errno)
                                 : "nothing written");
                break;
            }
        }
    }
    free(buf);
    return rc;
}

/*
 * A stream inside other evidence: spooled while it is read (the only
 * reading of src, which hashes it), then both passes read the spool
 * without hashing it again.  A stream in which no line looks like a log
 * line is no mail log: FTL_DONE, nothing recorded, and src left for the
 * caller to finish hashing.
 */
static int maillog_collect_src(struct col_ctx *ctx, struct col_src *src,
                               int64_t parent_id, const char *inner_path,
                               struct ftl_err *err)
{
    struct ml_opts o = { ML_AUTO, 0, NULL };
    struct ftl_err damage = { 0 };
    struct ml_year y = { 0, 0 };
    struct anchor an = { 0 };
    struct pending pend = { 0 };
    struct ml_run r;
    struct item it;
    struct col_src *s1 = NULL;
    char sha[65], ysrc[300];
    int fd = -1, rc, off = 0, have;

    memset(&it, 0, sizeof(it));
    it.path = col_src_name(src);
    it.parent_id = parent_id;
    it.inner_path = inner_path;
    it.size = col_src_size(src);
    it.mtime = col_src_mtime(src);
    it.inner_mtime = col_src_inner_mtime(src);
    if ((rc = run_init(&r, ctx, &o, err)))
        return rc;
    if ((rc = col_spool_open(&fd, err)) ||
        (rc = spool(src, fd, &damage, err)))
        goto out;
    if ((rc = col_src_open_fd(&s1, it.path, fd, 0, 0, err)))
        goto out;
    scan(&r, s1, &it, &y, &an, &pend, 0, err);
    col_src_close(s1);
    s1 = NULL;
    if (!it.n_log && it.n_notlog && !damage.code) {
        rc = FTL_DONE;       /* not a log: the caller says so */
        goto out;
    }
    if ((rc = col_src_sha256(src, sha, err)))
        goto out;
    snprintf(it.sha, sizeof(it.sha), "%s", sha);
    if ((rc = known(&r, &it)) != FTL_OK) {
        if (rc == FTL_DONE)
            rc = FTL_OK;     /* already in the case */
        goto out;
    }
    have = year_offset(&r, &it, 1, &an, &off, ysrc, sizeof(ysrc));
    if ((rc = col_src_open_fd(&s1, it.path, fd, 0, 0, err)))
        goto out;
    rc = collect_stream(&r, s1, &it, have, off, ysrc, sha, &damage);
    col_src_close(s1);
out:
    if (fd >= 0)
        close(fd);
    free(it.strays);
    col_ml_run_release(&r);
    return rc;
}

const struct col_ops col_maillog = {
    .name = "maillog",
    .summary = "mail logs: postfix, sendmail, exim, Barracuda ESG, syslog",
    .usage =
        "usage: ftl collect maillog [-c CASE] [--tz ZONE] [--year YYYY] "
        "[--host NAME]\n"
        "                           [--format FORMAT] [--iocs FILE | "
        "--no-iocs] FILE...\n"
        "\n"
        "Reads mail logs line by line, plain or compressed (.gz, .bz2, .xz):"
        "\n"
        "syslog (RFC 3164, RFC 3339 high precision, RFC 5424) with postfix,"
        "\n"
        "sendmail and Barracuda Email Security Gateway lines, and exim main"
        " logs.\n"
        "Each line becomes an event (locator \"line N\"); each mail "
        "transaction\n"
        "(queue id, Barracuda message id) one 'messages' row with sender,\n"
        "recipients, size, Message-ID, subject, status and times; queue ids"
        " linked\n"
        "by \"queued as\" and Barracuda ids linked to Message-IDs go to "
        "message_links.\n"
        "Lines that cannot be read are recorded as warnings with their "
        "number.\n"
        "Rotated files given together (maillog, maillog.1, maillog.2.gz) "
        "are read\n"
        "oldest first and dated as one log.\n"
        "\n"
        "Options:\n"
        "      --year YYYY     year of the first year-less stamp (default: "
        "inferred\n"
        "                      from the file times, or Barracuda epoch "
        "times)\n"
        "      --host NAME     host name for lines that carry none (exim "
        "main logs)\n"
        "      --format F      auto (default: by program name, line by "
        "line),\n"
        "                      postfix, sendmail, exim, barracuda, or syslog"
        " (no\n"
        "                      mail parsing: every line a log:syslog event)"
        "\n",
    .longopts = longopts,
    .uses_iocs = 1,
    .uses_tz = 1,
    .opts_size = sizeof(struct ml_opts),
    .opt = maillog_opt,
    .run = maillog_run,
    .release = maillog_release,
    .collect_src = maillog_collect_src,
};
