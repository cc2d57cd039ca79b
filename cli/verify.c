/*
 * cli/verify.c - 'ftl verify': is the evidence still what was collected?
 *
 * Every place of every evidence item (evidence_places) is read again the
 * way its collector identified it (collectors/verify.c: a file by its
 * bytes, an HR folder by its listing, a disk image by its media content,
 * a child through its image) and its SHA-256 compared with the one
 * recorded.  One line per place on standard output, then a summary; exit
 * status 1 when any place is not ok.  With write access the run is
 * recorded in the case (verifications, verification_places) under its
 * audit row; a case it cannot write is verified all the same, and
 * nothing is recorded (CLI_CASE_RECORD in commands[]).
 *
 * SPDX-License-Identifier: MIT
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "base/buf.h"
#include "base/escape.h"
#include "cli/cli.h"
#include "collectors/collectors.h"

void help_verify(FILE *out, const char *topic)
{
    (void)topic;
    fputs("usage: ftl verify [-c CASE]\n"
          "\n"
          "Reads every place of every evidence item again, as its collector "
          "read it\n"
          "(a file by its bytes, an HR folder by its sha256sum listing, a "
          "disk image\n"
          "by its media content through libtsk, a file found inside an "
          "image through\n"
          "the image), and compares its SHA-256 with the one in the case.  "
          "One line\n"
          "per place, then a summary:\n"
          "  ok         #ID KIND PLACE  sha256 HEX\n"
          "  CHANGED    #ID KIND PLACE  sha256 SEEN, recorded HEX\n"
          "  missing    #ID KIND PLACE  not found, recorded HEX\n"
          "  unreadable #ID KIND PLACE  WHY, recorded HEX\n"
          "Exit status 0 when every place is ok, 1 otherwise.  The evidence "
          "is opened\n"
          "read-only.  When the case can be written, the result is recorded "
          "in it\n"
          "(tables verifications and verification_places; 'ftl info' shows "
          "the last\n"
          "one); a case that cannot be written is verified and left as it "
          "was.\n"
          "  -c, --case FILE     case file (default ./case.ftl, or "
          "$FTL_CASE)\n", out);
}

/* One run of the command. */
struct verify_run {
    struct cli_case c;
    struct col_ctx ctx;        /* what the collectors keep open */
    int64_t vid;               /* the verifications row; 0: not recorded */
    struct tl_verify_counts n;
    int64_t last_item;
    struct ftl_err err;        /* why the run stopped (the case) */
    int stopped;
};

/* One place read again. */
struct verify_seen {
    int status;
    char hex[65];
    int have_hex;
    struct ftl_buf shown;      /* the place as printed and recorded */
    char note[600];            /* why, when not ok */
};

/* The file a place on its own is read from: its absolute path as
 * resolved when it was recorded, else the path as given. */
static const char *place_file(const struct tl_verify_place *p)
{
    return *p->real_path ? p->real_path : p->path;
}

/* The verdict of a digest call that returned rc. */
static void judge(struct verify_seen *v, const struct tl_verify_place *p,
                  int rc, const struct ftl_err *e)
{
    if (rc == FTL_OK) {
        v->have_hex = 1;
        v->status = strcmp(v->hex, p->sha256) == 0 ? TL_VERIFY_OK
                                                    : TL_VERIFY_CHANGED;
    } else if (rc == FTL_DONE) {
        v->status = TL_VERIFY_MISSING;
        snprintf(v->note, sizeof(v->note), "%.500s",
                 e->msg[0] ? e->msg : "not found");
    } else {
        v->status = TL_VERIFY_UNREADABLE;
        snprintf(v->note, sizeof(v->note), "%.500s", e->msg);
    }
}

/* A child: read through the places of its parent, in order, until one
 * holds it. */
struct through {
    struct verify_run *r;
    const struct tl_verify_place *child;
    struct verify_seen *v;
    int tried;
};

static int through_parent(const struct tl_verify_place *pp, void *arg)
{
    struct through *t = arg;
    struct ftl_err e = { 0 };
    int rc;

    if (pp->parent_id)
        return 0;              /* a copy of it found in another image */
    ftl_buf_reset(&t->v->shown);
    ftl_buf_puts(&t->v->shown, place_file(pp));
    ftl_buf_puts(&t->v->shown, "//");
    ftl_buf_puts(&t->v->shown, t->child->inner_path);
    rc = col_inner_digest(&t->r->ctx, pp->kind, place_file(pp),
                          pp->inner_path, t->child->inner_path, t->v->hex,
                          &e);
    t->tried = 1;
    judge(t->v, t->child, rc, &e);
    return t->v->status == TL_VERIFY_OK;
}

static int check_child(struct verify_run *r, const struct tl_verify_place *p,
                       struct verify_seen *v)
{
    struct through t = { r, p, v, 0 };
    int rc;

    rc = tl_verify_item_places(r->c.st, p->parent_id, through_parent, &t,
                               &r->err);
    if (rc < 0)
        return rc;
    if (!t.tried) {
        ftl_buf_puts(&v->shown, p->path);
        ftl_buf_puts(&v->shown, "//");
        ftl_buf_puts(&v->shown, p->inner_path);
        v->status = TL_VERIFY_UNREADABLE;
        snprintf(v->note, sizeof(v->note), "evidence #%lld, which holds "
                 "it, has no place of its own to read it through",
                 (long long)p->parent_id);
    }
    return FTL_OK;
}

static int check_place(struct verify_run *r, const struct tl_verify_place *p,
                       struct verify_seen *v)
{
    struct ftl_err e = { 0 };
    int rc;

    if (!p->sha256 || !*p->sha256) {
        ftl_buf_puts(&v->shown, p->parent_id ? p->path : place_file(p));
        v->status = TL_VERIFY_UNREADABLE;
        snprintf(v->note, sizeof(v->note), "no SHA-256 recorded to compare "
                 "with (status %s)", p->status);
        return FTL_OK;
    }
    if (p->parent_id)
        return check_child(r, p, v);
    ftl_buf_puts(&v->shown, place_file(p));
    rc = col_place_digest(&r->ctx, p->kind, place_file(p), p->inner_path,
                          v->hex, &e);
    judge(v, p, rc, &e);
    return FTL_OK;
}

/* "ok         #3     disk     /cases/app.E01  sha256 ab12..." */
static void print_line(const struct tl_verify_place *p,
                       const struct verify_seen *v)
{
    const char *rec = p->sha256 ? p->sha256 : "none";

    printf("%-10s #%-5lld %-8s ", tl_verify_word(v->status),
           (long long)p->evidence_id, p->kind);
    ftl_esc_term(stdout, v->shown.p ? v->shown.p : "");
    if (p->parent_id == 0 && *p->inner_path) {
        fputs(" (", stdout);
        ftl_esc_term(stdout, p->inner_path);
        fputs(")", stdout);
    }
    switch (v->status) {
    case TL_VERIFY_OK:
        printf("  sha256 %s\n", v->hex);
        break;
    case TL_VERIFY_CHANGED:
        printf("  sha256 %s, recorded %s\n", v->hex, rec);
        break;
    default:
        fputs("  ", stdout);
        ftl_esc_term(stdout, v->note);
        printf(", recorded %s\n", rec);
    }
}

static int on_place(const struct tl_verify_place *p, void *arg)
{
    struct verify_run *r = arg;
    struct verify_seen v;
    struct tl_verify_result res;
    int rc;

    memset(&v, 0, sizeof(v));
    ftl_buf_init(&v.shown, 0);
    if (p->evidence_id != r->last_item) {
        r->n.items++;
        r->last_item = p->evidence_id;
    }
    r->n.places++;
    if ((rc = check_place(r, p, &v)) == FTL_OK) {
        r->n.n[v.status]++;
        print_line(p, &v);
        res.p = p;
        res.place = v.shown.p ? v.shown.p : "";
        res.status = v.status;
        res.seen = v.have_hex ? v.hex : NULL;
        res.note = v.status == TL_VERIFY_OK ? NULL : v.note;
        if (r->vid)
            rc = tl_verify_add(r->c.st, r->vid, &res, &r->err);
    }
    ftl_buf_release(&v.shown);
    if (rc)
        r->stopped = 1;
    return rc ? 1 : 0;
}

/* The summary line, and whether the run was recorded. */
static void summary(const struct verify_run *r)
{
    printf("verified %lld places of %lld evidence items: %lld ok, "
           "%lld CHANGED, %lld missing, %lld unreadable\n",
           (long long)r->n.places, (long long)r->n.items,
           (long long)r->n.n[TL_VERIFY_OK],
           (long long)r->n.n[TL_VERIFY_CHANGED],
           (long long)r->n.n[TL_VERIFY_MISSING],
           (long long)r->n.n[TL_VERIFY_UNREADABLE]);
    fflush(stdout);
    if (r->vid)
        cli_sayf("recorded as verification #%lld in '%s'",
                 (long long)r->vid, r->c.path);
    else if (r->c.readonly)
        cli_sayf("'%s' cannot be written: this verification is not "
                 "recorded", r->c.path);
}

static int verify_all(struct verify_run *r)
{
    char counts[160];
    int rc, ok;

    r->ctx.st = r->c.st;
    r->ctx.audit_id = r->c.audit_id;
    if (!r->c.readonly &&
        tl_verify_begin(r->c.st, r->c.audit_id, &r->vid, &r->err)) {
        cli_say(r->err.msg);
        return 1;
    }
    rc = tl_verify_places_each(r->c.st, on_place, r, &r->err);
    col_ctx_release(&r->ctx);
    if (rc && !r->stopped)
        r->stopped = 1;
    if (r->vid && tl_verify_end(r->c.st, r->vid, &r->n, !r->stopped,
                                &r->err) && !r->stopped)
        r->stopped = 1;
    if (r->stopped) {
        r->vid = 0;
        cli_say(r->err.msg);
        return 1;
    }
    summary(r);
    ok = r->n.n[TL_VERIFY_OK] == r->n.places;
    snprintf(counts, sizeof(counts), "places=%lld ok=%lld changed=%lld "
             "missing=%lld unreadable=%lld verification=%lld",
             (long long)r->n.places, (long long)r->n.n[TL_VERIFY_OK],
             (long long)r->n.n[TL_VERIFY_CHANGED],
             (long long)r->n.n[TL_VERIFY_MISSING],
             (long long)r->n.n[TL_VERIFY_UNREADABLE], (long long)r->vid);
    cli_case_close(&r->c, ok ? 0 : 1, counts);
    return ok ? 0 : 1;
}

int cmd_verify(int argc, char **argv)
{
    static const struct option opts[] = {
        { "case", required_argument, NULL, 'c' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 }
    };
    struct verify_run r;
    const char *path = NULL;
    int ch, rc;

    while ((ch = getopt_long(argc, argv, ":c:h", opts, NULL)) != -1) {
        switch (ch) {
        case 'c': path = optarg; break;
        case 'h': help_verify(stdout, NULL); return 0;
        default: return cli_bad_option("verify", ch, argv, opts);
        }
    }
    if (optind != argc)
        return cli_bad_argument("verify", argv[optind]);
    memset(&r, 0, sizeof(r));
    if (cli_case_open(&r.c, "verify", cli_case_path(path), argc, argv))
        return 1;
    rc = verify_all(&r);
    cli_case_close(&r.c, rc, NULL);   /* when verify_all() did not */
    return rc;
}
