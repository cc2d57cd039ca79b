/*
 * analyze/storage.c - copies on the appliance: when they were there and
 * whether they were staged
 *
 * A file of an appliance image whose bytes are an HR document's, an
 * attachment's or a stored message's was where the attacker could read
 * it for as long as it was there.  Its bytes were there at the latest
 * from the later of its creation time and its content modification time
 * (a copy made with cp has both at the copy; one unpacked by tar keeps
 * the old modification time and gets a new creation time; a file
 * written in place was last written at its modification time), and until
 * its deletion time when it is deleted and the file system kept one
 * (else until the image was taken).  It counts when that span meets the
 * window; its exposure time is the start of the span, or the window's
 * start when it was there before.  A file with neither time cannot be
 * placed: it counts, with confidence unknown.
 *
 * The appliance's disk wrote its times on the gateway's clock (as
 * window.c reads them): with --correct-clocks they are moved onto the
 * trusted clock by the estimated offset before they are compared with
 * the window, and the item says so (corrected).
 *
 * A file whose path matches an indicator of the family "exfil staging"
 * in the case's pack (/usr/share/.uc/, /mail/tmp/<6>.tar.gz,
 * /mail/mstore/tmplist, through timeline/iocs.c's matcher) was observed
 * in the attacker's hands; any other was accessible.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <string.h>

#include "analyze/ex_int.h"

#define STAGING_FAMILY "exfil staging"

struct walk {
    struct an_ctx *c;
    struct tl_iocset *staging;
    struct ftl_err *err;
    int64_t ioc_id;            /* the lowest staging indicator hit */
};

static void on_hit(const struct tl_ioc *ioc, void *payload)
{
    struct walk *w = payload;

    if (!w->ioc_id || ioc->id < w->ioc_id)
        w->ioc_id = ioc->id;
}

/* When the bytes were there from, and which time says so. */
static int64_t since(const struct tl_ex_file *f, const char **desc)
{
    if (f->crtime && f->crtime > f->mtime) {
        *desc = "creation time";
        return f->crtime;
    }
    *desc = "content modification time";
    return f->mtime;
}

/* t on the analysis' clock; 1 when an estimate moved it. */
static int frame(const struct an_ctx *c, int64_t *t)
{
    return *t && an_clock_frame(c, c->gw_clock, *t, t) > 0;
}

/* ", as written T, moved onto the clock of REF" for a moved time. */
static void moved_note(const struct an_ctx *c, int moved, int64_t raw,
                       char *out, size_t n)
{
    char t[TL_TIME_BUFSZ];

    if (moved)
        snprintf(out, n, " (written %s on the gateway's clock, moved onto "
                 "the clock of %s by the estimated offset)",
                 tl_time_format(raw, -1, t),
                 c->ref_clock ? c->ref_clock : "?");
    else
        out[0] = '\0';
}

static int on_file(const struct tl_ex_file *f, void *payload)
{
    struct walk *w = payload;
    const struct an_ctx *c = w->c;
    char desc[400], t[TL_TIME_BUFSZ], note[200];
    const char *which, *confidence;
    int64_t raw = since(f, &which), from = raw, gone, ts;
    int has_ts = from != 0, moved = frame(c, &from);

    ts = from;
    moved_note(c, moved, raw, note, sizeof(note));
    gone = f->deleted ? f->dtime : 0;
    frame(c, &gone);
    if (has_ts && c->has_win_to && from > c->win_to)
        return 0;
    if (gone && c->has_win_from && gone < c->win_from)
        return 0;
    if (!has_ts)
        snprintf(desc, sizeof(desc), "no creation or modification time");
    else if (c->has_win_from && from < c->win_from) {
        ts = c->win_from;
        snprintf(desc, sizeof(desc), "%s %s%s, before the window: exposed "
                 "from its start", which, tl_time_format(from, -1, t), note);
    } else {
        snprintf(desc, sizeof(desc), "%s %s%s", which,
                 tl_time_format(from, -1, t), note);
    }
    w->ioc_id = 0;
    if (f->path)
        tl_iocs_match(w->staging, TL_T_PATH, f->path, on_hit, w);
    confidence = w->ioc_id ? "observed" : has_ts ? "accessible" : "unknown";
    return tl_ex_file_add(c->st, f->id, ts, has_ts, confidence, desc,
                          w->ioc_id, moved, w->err);
}

int an_ex_storage(struct an_ctx *c, struct ftl_err *err)
{
    struct walk w = { c, NULL, err, 0 };
    int rc;

    if ((rc = tl_iocs_load_case(&w.staging, c->st, STAGING_FAMILY, err)))
        return rc;
    rc = tl_ex_files_each(c->st, on_file, &w, err);
    tl_iocs_free(w.staging);
    return rc;
}
