/*
 * collectors/mailbox/mailbox.c - the mail-store collector and its run
 *
 * What 'ftl collect mailbox' takes (its options), what one run keeps
 * (the digest thread, in the col_ctx: col_ctx_state), run() over the
 * paths of the command line (files.c), collect_src() for a mail file the
 * disk collector finds in an image, and the col_mailbox entry.  GMime is
 * set up once per process by init() and shut down by cleanup(), which
 * the front calls around every run: the disk collector calls
 * collect_src() once per mail file, and GMime 3.2 does not survive
 * g_mime_init() after a full g_mime_shutdown() (GLib criticals about its
 * freed tables).  The other files are listed in mailbox_int.h.
 *
 * SPDX-License-Identifier: MIT
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "collectors/mailbox/mailbox_int.h"

/* ------------------------------------------------------------------ */
/* Options                                                             */
/* ------------------------------------------------------------------ */

enum {
    OPT_FORMAT = COL_OPT_BASE,
    OPT_IGNORE_CL,
    OPT_NO_ARCHIVES,
    OPT_MAX_DEPTH,
    OPT_MAX_MEMBERS,
    OPT_MAX_UNPACKED,
};

static const struct option longopts[] = {
    { "format", required_argument, NULL, OPT_FORMAT },
    { "ignore-content-length", no_argument, NULL, OPT_IGNORE_CL },
    { "no-archives", no_argument, NULL, OPT_NO_ARCHIVES },
    { "max-depth", required_argument, NULL, OPT_MAX_DEPTH },
    { "max-members", required_argument, NULL, OPT_MAX_MEMBERS },
    { "max-unpacked", required_argument, NULL, OPT_MAX_UNPACKED },
    { NULL, 0, NULL, 0 }
};

/* "200M", "1.5G", "4096", "64KiB": bytes.  Decimal digits only (no
 * sign, exponent, hex, inf or nan), at most 9 after the point. */
static int parse_size(const char *s, int64_t *out)
{
    size_t n = strspn(s, "0123456789"), k;
    int64_t ip, frac = 0, scale = 1, mul = 1;
    const char *end;
    char *e;

    if (!n || n > 18)
        return -1;
    errno = 0;
    ip = strtoll(s, &e, 10);
    if (errno || e != s + n)
        return -1;
    end = s + n;
    if (*end == '.') {
        k = strspn(end + 1, "0123456789");
        if (!k || k > 9)
            return -1;
        for (n = 1; n <= k; n++) {
            frac = frac * 10 + (end[n] - '0');
            scale *= 10;
        }
        end += 1 + k;
    }
    switch (*end) {
    case 'k': case 'K': mul = 1 << 10; end++; break;
    case 'm': case 'M': mul = 1 << 20; end++; break;
    case 'g': case 'G': mul = 1 << 30; end++; break;
    default: break;
    }
    if (*end == 'i' || *end == 'B')
        end += (*end == 'i' && end[1] == 'B') ? 2 : 1;
    if (*end || ip > INT64_MAX / mul - 1)
        return -1;
    /* frac < scale <= 10^9 and mul <= 2^30: no overflow */
    *out = ip * mul + frac * mul / scale;
    return 0;
}

static int mailbox_opt(void *optsp, int c, const char *arg,
                       struct ftl_err *err)
{
    struct mbx_opts *o = optsp;
    int64_t v;

    switch (c) {
    case OPT_FORMAT:
        if (!strcmp(arg, "auto"))
            o->format = MBX_AUTO;
        else if (!strcmp(arg, "mbox"))
            o->format = MBX_MBOX;
        else if (!strcmp(arg, "mmdf"))
            o->format = MBX_MMDF;
        else if (!strcmp(arg, "eml") || !strcmp(arg, "message"))
            o->format = MBX_EML;
        else
            return ftl_err_set(err, FTL_EUSAGE, "--format: '%s' is not "
                               "auto, mbox, mmdf or eml", arg);
        return FTL_OK;
    case OPT_IGNORE_CL:
        o->ignore_cl = 1;
        return FTL_OK;
    case OPT_NO_ARCHIVES:
        o->no_archives = 1;
        return FTL_OK;
    case OPT_MAX_DEPTH:
    case OPT_MAX_MEMBERS:
    case OPT_MAX_UNPACKED:
        if (parse_size(arg, &v) || v < 1 ||
            (c != OPT_MAX_UNPACKED && arg[strspn(arg, "0123456789")]))
            return ftl_err_set(err, FTL_EUSAGE, "--%s: '%s' is not a "
                               "positive %s", c == OPT_MAX_DEPTH
                               ? "max-depth" : c == OPT_MAX_MEMBERS
                               ? "max-members" : "max-unpacked", arg,
                               c == OPT_MAX_UNPACKED ? "size" : "number");
        if (c == OPT_MAX_DEPTH)
            o->lim.max_depth = v > 64 ? 64 : (int)v;
        else if (c == OPT_MAX_MEMBERS)
            o->lim.max_members = v;
        else
            o->lim.max_bytes = v;
        return FTL_OK;
    default:
        return ftl_err_set(err, FTL_EUSAGE, "unknown option");
    }
}

/* ------------------------------------------------------------------ */
/* The run                                                             */
/* ------------------------------------------------------------------ */

static void run_release(void *state)
{
    struct mbx_run *run = state;

    mbx_hasher_stop(run->hasher);
    run->hasher = NULL;
}

/* This run's state, made on the first call of the run and released by
 * col_ctx_release() when the run ends; NULL when out of memory. */
static struct mbx_run *run_state(struct col_ctx *ctx)
{
    return col_ctx_state(ctx, &col_mailbox, sizeof(struct mbx_run),
                         run_release);
}

struct mbx_hasher *mbx_run_hasher(struct mbx_run *run)
{
    if (!run->hasher_tried) {
        run->hasher_tried = 1;
        run->hasher = mbx_hasher_start();
    }
    return run->hasher;
}

static int mailbox_init(struct ftl_err *err)
{
    (void)err;
    g_mime_init();
    return FTL_OK;
}

static void mailbox_cleanup(void)
{
    g_mime_shutdown();
}

/* What run() hands col_run_each() for every path. */
struct job {
    struct mbx_run *run;
    const struct mbx_opts *o;
};

static int mailbox_one(struct col_ctx *ctx, void *payload, const char *path,
                       struct ftl_err *err)
{
    const struct job *j = payload;

    return mbx_path_collect(ctx, j->run, j->o, path, err);
}

static int mailbox_run(struct col_ctx *ctx, void *optsp, char **paths,
                       int n, struct ftl_err *err)
{
    struct job j;

    if (!(j.run = run_state(ctx)))
        return ftl_err_set(err, FTL_ENOMEM, "out of memory");
    j.o = optsp;
    return col_run_each(ctx, paths, n, mailbox_one, &j, "mail store", err);
}

/* The disk collector hands over what sits where mail is kept; a file
 * there that is not mail (an index, a lock file) gives FTL_DONE without
 * an evidence row, and the caller records it as not recognised. */
static int mailbox_collect_src(struct col_ctx *ctx, struct col_src *src,
                               int64_t parent_id, const char *inner_path,
                               struct ftl_err *err)
{
    static const struct mbx_opts dflt;
    struct mbx_input in;
    struct mbx_run *run;

    if (!(run = run_state(ctx)))
        return ftl_err_set(err, FTL_ENOMEM, "out of memory");
    mbx_input_src(&in, src);
    return mbx_item_collect(ctx, run, &dflt, &in, col_src_name(src),
                            parent_id, inner_path, 1, err);
}

/* Where mail is kept on a disk: the Barracuda ESG's message store, the
 * Unix spools, maildirs, and single messages or mbox files anywhere. */
static const char *const claims[] = {
    "/mail/mstore/*",
    "/var/spool/mail/*",
    "/var/mail/*",
    "*/Maildir/*/*",
    "*.eml",
    "*.mbox",
    NULL
};

const struct col_ops col_mailbox = {
    .name = "mailbox",
    .summary = "mail stores: mbox, MMDF, maildir, .eml (GMime), "
               "attachments hashed",
    .usage =
        "usage: ftl collect mailbox [-c CASE] [--tz ZONE] [--iocs FILE | "
        "--no-iocs]\n"
        "                           [--format auto|mbox|mmdf|eml] "
        "[--ignore-content-length]\n"
        "                           [--no-archives] [--max-depth N] "
        "[--max-members N]\n"
        "                           [--max-unpacked SIZE] PATH...\n"
        "\n"
        "Reads mail stores read-only with GMime: mbox files (\"From \" "
        "lines, mboxo/mboxrd,\n"
        "Content-Length stores, Thunderbird/Gmail exports), MMDF, single "
        "messages (.eml)\n"
        "and maildir message files; a directory is walked and every file "
        "that looks like\n"
        "mail is one evidence item.  Compressed files (.gz, .bz2, .xz) "
        "are read through.\n"
        "\n"
        "Per message: a 'messages' row, a Sent Time event (Date:), a "
        "Recorded Time event\n"
        "per Received: hop, and for maildir files the delivery time from "
        "the file name.\n"
        "Per leaf part with a file name or non-text content: an "
        "'attachments' row with the\n"
        "decoded name, type, size, MD5 and SHA-256 of the decoded bytes; "
        "archives attached\n"
        "(tar, tgz, zip, gz, ...) are listed member by member without "
        "writing anything.\n"
        "Member names with shell metacharacters are indicator hits "
        "(CVE-2023-2868).\n"
        "\n"
        "      --format F      auto (default): From line = mbox, ^A^A^A^A "
        "= MMDF, else one\n"
        "                      message per file\n"
        "      --ignore-content-length  split an mbox on \"From \" lines "
        "only (default:\n"
        "                      a Content-Length header is respected)\n"
        "      --no-archives   do not list the members of attached "
        "archives\n"
        "      --max-depth N   archives inside archives listed down to N "
        "levels (default 4)\n"
        "      --max-members N member rows per attachment (default "
        "10000)\n"
        "      --max-unpacked SIZE  decompressed bytes per attachment "
        "(default 256M)\n"
        "      --tz ZONE       zone for a Date: without one (default "
        "UTC; flagged)\n",
    .longopts = longopts,
    .uses_iocs = 1,
    .uses_tz = 1,
    .opts_size = sizeof(struct mbx_opts),
    .opt = mailbox_opt,
    .run = mailbox_run,
    .collect_src = mailbox_collect_src,
    .claims = claims,
    .claim_what = "mail-store",
    .claim_opt = "mail",
    .init = mailbox_init,
    .cleanup = mailbox_cleanup,
};
