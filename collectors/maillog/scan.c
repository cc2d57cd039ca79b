/*
 * collectors/maillog/scan.c - the first pass: months, dialects, hash
 *
 * Year-less syslog stamps need the year of the log, known only at its
 * end (see maillog.c).  The first pass splits envelopes and runs the year
 * tracker over the months, with no SQL, and finds the anchors that fix
 * the year of the first line: a Barracuda line's own epoch time, or the
 * file's modification time.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collectors/maillog/maillog_int.h"

/* Floor division (b > 0): whole days or seconds before 1970 too. */
static int64_t floor_div(int64_t a, int64_t b)
{
    return a / b - (a % b < 0);
}

/* The year that puts the stamp c closest to 'epoch' (s); the offset
 * from the stamp's relative year 'rel' becomes the anchor. */
static void epoch_anchor(struct ml_run *r, const struct tl_civil *c0,
                         int rel, int64_t epoch, struct ml_anchor *an,
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
static void resolve(struct ml_pending *p, struct ml_item *cur, int mon,
                    struct ml_year *y)
{
    int c = p->mon;
    int near = mon == c || mon == c % 12 + 1 || mon == (c + 10) % 12 + 1;
    struct ml_item *it = p->it;

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

void col_ml_scan(struct ml_run *r, struct col_src *src, struct ml_item *it,
                 struct ml_year *y, struct ml_anchor *an,
                 struct ml_pending *pend, int hash, struct ftl_err *err)
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
        col_ml_skip_bom(&text, &len, it->lines);
        env = col_ml_envelope(r, &l, text, len);
        if (env != ML_ENV_OK) {
            it->n_notlog += env != ML_ENV_BLANK;
            continue;
        }
        fam = col_ml_family(r, &l);
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

int col_ml_year_offset(struct ml_run *r, struct ml_item *items, int n,
                       const struct ml_anchor *an, int *off, char *src,
                       size_t srcsz)
{
    const struct ml_item *last = NULL;
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
