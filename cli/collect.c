/*
 * cli/collect.c - 'ftl collect KIND': read evidence into the case
 *
 * The common options (-c, -q, --tz, --iocs, --no-iocs) are parsed here;
 * a collector's own options go to its opt() (collectors/registry.c).
 *
 * SPDX-License-Identifier: MIT
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/escape.h"
#include "cli/cli.h"
#include "collectors/collectors.h"

/* ---- help --------------------------------------------------------- */

static const char usage_head[] =
    "usage: ftl collect KIND [-c CASE] [options] PATH...\n"
    "\n"
    "Read evidence read-only into the case (created when missing).\n"
    "Evidence is its content: collecting it again adds nothing, a copy\n"
    "elsewhere adds only its place, a failed or partial item is read "
    "again.\n"
    "Known evidence given other options is not collected (exit 1) unless\n"
    "--replace says to collect it again and replace what it gave.\n"
    "\n"
    "Kinds:\n";

static const char usage_common[] =
    "\nCommon options:\n"
    "  -c, --case FILE     case file (default ./case.ftl, or $FTL_CASE)\n"
    "  -q, --quiet         no progress line or summary\n"
    "      --replace       collect evidence already in the case again with "
    "the\n"
    "                      options now given, replacing its rows\n"
    "  -h, --help          this text\n";

static const char usage_tz[] =
    "      --tz ZONE       IANA zone for times that carry none (default "
    "UTC);\n"
    "                      the assumption is recorded with each event\n";

static const char usage_iocs[] =
    "      --iocs FILE     indicator pack CSV (type,value,family,note,"
    "source)\n"
    "                      instead of the pack built into ftl\n"
    "      --no-iocs       no indicator checks\n";

/* 'topic' names a kind: its options; NULL or unknown: every kind. */
void help_collect(FILE *out, const char *topic)
{
    const struct col_ops *col = topic ? col_find(topic) : NULL;
    int i;

    if (!col) {
        fputs(usage_head, out);
        for (i = 0; col_registry[i]; i++)
            fprintf(out, "  %-10s %s\n", col_registry[i]->name,
                    col_registry[i]->summary);
        fputs(usage_common, out);
        fputs(usage_tz, out);
        fputs(usage_iocs, out);
        fputs("\n'ftl collect KIND --help' shows the options of a kind.\n",
              out);
        return;
    }
    fputs(col->usage, out);
    fputs(usage_common, out);
    if (col->uses_tz)
        fputs(usage_tz, out);
    if (col->uses_iocs)
        fputs(usage_iocs, out);
}

/* ---- what a run prints -------------------------------------------- */

/* The terminal's state during a run: ctx.ud of the collectors. */
struct collect_ui {
    int quiet;
    int progress_shown;        /* a progress line is on the terminal */
};

static void clear_progress(struct collect_ui *ui)
{
    if (ui->progress_shown)
        fputs("\r\033[K", stderr);
    ui->progress_shown = 0;
}

static void on_report(void *ud, int level, const char *msg)
{
    static const char *const prefix[] = { "", "warning: ", "error: " };
    struct collect_ui *ui = ud;

    if (level == COL_INFO && ui->quiet)
        return;
    clear_progress(ui);
    fprintf(stderr, "ftl: %s", prefix[level]);
    ftl_esc_term(stderr, msg);
    putc('\n', stderr);
}

static void on_progress(void *ud, const char *msg)
{
    struct collect_ui *ui = ud;

    fputs("\r\033[K", stderr);
    ftl_esc_term(stderr, msg);
    ui->progress_shown = 1;
}

/* "1 event", "2 events" */
static const char *s_(int64_t n)
{
    return n == 1 ? "" : "s";
}

static void summary(const struct col_ctx *ctx, const char *path,
                    char *counts, size_t n, int quiet)
{
    snprintf(counts, n, "evidence=%lld already=%lld failed=%lld "
             "events=%lld files=%lld warnings=%lld hits=%lld "
             "places=%lld replaced=%lld not_collected=%lld",
             (long long)ctx->n_evidence, (long long)ctx->n_dup,
             (long long)ctx->n_failed, (long long)ctx->n_events,
             (long long)ctx->n_files, (long long)ctx->n_warnings,
             (long long)ctx->n_hits, (long long)ctx->n_places,
             (long long)ctx->n_replaced, (long long)ctx->n_conflicts);
    if (quiet)
        return;
    fputs("ftl: ", stderr);
    ftl_esc_term(stderr, path);
    fprintf(stderr, ": %lld evidence item%s added, %lld already in the "
            "case, %lld failed; %lld event%s, %lld file%s, %lld warning%s, "
            "%lld indicator hit%s\n",
            (long long)ctx->n_evidence, s_(ctx->n_evidence),
            (long long)ctx->n_dup, (long long)ctx->n_failed,
            (long long)ctx->n_events, s_(ctx->n_events),
            (long long)ctx->n_files, s_(ctx->n_files),
            (long long)ctx->n_warnings, s_(ctx->n_warnings),
            (long long)ctx->n_hits, s_(ctx->n_hits));
    if (ctx->n_places || ctx->n_replaced || ctx->n_conflicts) {
        fputs("ftl: ", stderr);
        ftl_esc_term(stderr, path);
        fprintf(stderr, ": %lld new place%s of evidence already in the "
                "case, %lld item%s replaced, %lld not collected (other "
                "options)\n", (long long)ctx->n_places, s_(ctx->n_places),
                (long long)ctx->n_replaced, s_(ctx->n_replaced),
                (long long)ctx->n_conflicts);
    }
}

/* ---- options ------------------------------------------------------ */

enum { OPT_TZ = 0x100, OPT_IOCS, OPT_NO_IOCS, OPT_REPLACE };

struct collect_args {
    const struct col_ops *col;
    struct col_ctx *ctx;       /* what was asked is recorded in it */
    void *opts;                /* the collector's own, col->opts_size */
    const char *path;          /* -c */
    const char *zone;          /* --tz */
    const char *iocs_file;     /* --iocs */
    int no_iocs;
    int quiet;
};

/* Common options first, then the collector's own; malloc'd. */
static struct option *long_options(const struct col_ops *col,
                                   char *shortopts, size_t n)
{
    static const struct option common[] = {
        { "case", required_argument, NULL, 'c' },
        { "quiet", no_argument, NULL, 'q' },
        { "help", no_argument, NULL, 'h' },
        { "replace", no_argument, NULL, OPT_REPLACE },
    };
    static const struct option tz = { "tz", required_argument, NULL,
                                      OPT_TZ };
    static const struct option iocs[] = {
        { "iocs", required_argument, NULL, OPT_IOCS },
        { "no-iocs", no_argument, NULL, OPT_NO_IOCS },
    };
    struct option *all;
    size_t k = 0, own = 0;

    while (col->longopts && col->longopts[own].name)
        own++;
    all = calloc(4 + 1 + 2 + own + 1, sizeof(*all));
    if (!all)
        return NULL;
    memcpy(all, common, sizeof(common));
    k = 4;
    if (col->uses_tz)
        all[k++] = tz;
    if (col->uses_iocs) {
        all[k++] = iocs[0];
        all[k++] = iocs[1];
    }
    if (own)
        memcpy(all + k, col->longopts, own * sizeof(*all));
    /* ':' first: a missing value is told apart from an unknown option */
    snprintf(shortopts, n, ":c:qh%s", col->shortopts ? col->shortopts : "");
    return all;
}

/* One option; 0, -1 for --help (done), or an exit status. */
static int take_option(struct collect_args *a, int c, char **argv,
                       const struct option *longopts)
{
    struct ftl_err err = { 0 };
    char cmd[64];

    snprintf(cmd, sizeof(cmd), "collect %s", a->col->name);
    switch (c) {
    case 'c': a->path = optarg; return 0;
    case 'q': a->quiet = 1; return 0;
    case 'h': help_collect(stdout, a->col->name); return -1;
    case OPT_TZ: a->zone = optarg; return 0;
    case OPT_IOCS: a->iocs_file = optarg; return 0;
    case OPT_NO_IOCS: a->no_iocs = 1; return 0;
    case OPT_REPLACE: a->ctx->replace = 1; return 0;
    case '?':
    case ':':
        return cli_bad_option(cmd, c, argv, longopts);
    }
    if (!a->col->opt || a->col->opt(a->opts, c, optarg, &err)) {
        cli_cmd_sayf(cmd, "%s; see 'ftl %s --help'",
                     err.msg[0] ? err.msg : "unknown option", cmd);
        return CLI_EXIT_USAGE;
    }
    /* the options given are compared with those of known evidence */
    if (col_given_opt(a->ctx, a->col, c, optarg)) {
        cli_say("out of memory");
        return 1;
    }
    return 0;
}

static int parse(struct collect_args *a, int argc, char **argv)
{
    struct option *longopts;
    char shortopts[64];
    int c, rc = 0;

    if (!(longopts = long_options(a->col, shortopts, sizeof(shortopts)))) {
        cli_say("out of memory");
        return 1;
    }
    optind = 2;
    while (!rc && (c = getopt_long(argc, argv, shortopts, longopts,
                                   NULL)) != -1)
        rc = take_option(a, c, argv, longopts);
    free(longopts);
    if (!rc && optind >= argc) {
        cli_cmd_sayf("collect", "no evidence given to '%s'; see 'ftl "
                     "collect %s --help'", a->col->name, a->col->name);
        rc = CLI_EXIT_USAGE;
    }
    return rc;
}

/* ---- the run ------------------------------------------------------ */

/* The zone and the indicators of ctx, as the options say. */
static int prepare(struct col_ctx *ctx, const struct collect_args *a)
{
    struct ftl_err err = { 0 };
    int rc;

    if (col_given_common(ctx, a->col, a->zone, a->iocs_file, a->no_iocs)) {
        cli_say("out of memory");
        return 1;
    }
    if (a->zone && tl_tz_open(&ctx->tz, a->zone, &err)) {
        cli_say(err.msg);
        return CLI_EXIT_USAGE;
    }
    if (a->col->uses_iocs && !a->no_iocs) {
        rc = a->iocs_file ? tl_iocs_load_file(&ctx->iocs, a->iocs_file, &err)
                          : tl_iocs_load_default(&ctx->iocs, &err);
        if (rc) {
            cli_say(err.msg);
            return a->iocs_file ? CLI_EXIT_USAGE : 1;
        }
    }
    return 0;
}

/* Open the case, run the collector, close the case; the exit status. */
static int run(struct col_ctx *ctx, struct collect_args *a, int argc,
               char **argv)
{
    struct collect_ui *ui = ctx->ud;
    struct ftl_err err = { 0 };
    struct cli_case c;
    char counts[320] = "";
    int rc, status = 0;

    a->path = cli_case_path(a->path);
    if (cli_case_open(&c, "collect", a->path, argc, argv))
        return 1;
    if (c.created && !a->quiet)
        cli_sayf("created case '%s'", a->path);  /* a typo in -c shows */
    ctx->st = c.st;
    ctx->audit_id = c.audit_id;
    if (ctx->iocs && (rc = tl_iocs_store(ctx->st, ctx->iocs, &err))) {
        cli_say(err.msg);
        cli_case_discard_empty(&c);
        cli_case_close(&c, 1, counts);
        return 1;
    }
    rc = a->col->run(ctx, a->opts, argv + optind, argc - optind, &err);
    col_ctx_release(ctx);      /* the run is over: collectors' run state */
    clear_progress(ui);
    if (rc < 0) {
        cli_say(err.msg);
        status = 1;
    } else if (ctx->n_failed || ctx->n_conflicts) {
        status = 1;
    }
    summary(ctx, a->path, counts, sizeof(counts), a->quiet);
    if (cli_case_discard_empty(&c))
        cli_sayf("nothing collected: case '%s' removed again", a->path);
    cli_case_close(&c, status, counts);
    return status;
}

static int collect(struct collect_args *a, int argc, char **argv)
{
    struct collect_ui ui = { a->quiet, 0 };
    struct ftl_err err = { 0 };
    struct col_ctx *ctx_ = a->ctx;
    int status;

#define ctx (*ctx_)
    ctx.report = on_report;
    ctx.progress = (!a->quiet && isatty(2)) ? on_progress : NULL;
    ctx.ud = &ui;
    if ((status = prepare(&ctx, a)) == 0) {
        if (col_global_init(&err)) {
            cli_say(err.msg);
            status = 1;
        } else {
            status = run(&ctx, a, argc, argv);
            col_global_cleanup();
        }
    }
    tl_iocs_free(ctx.iocs);
    tl_tz_close(ctx.tz);
#undef ctx
    return status;
}

/* The kinds, ", "-separated. */
static const char *kinds(char *out, size_t n)
{
    size_t len = 0;
    int i;

    out[0] = '\0';
    for (i = 0; col_registry[i] && len < n; i++)
        len += (size_t)snprintf(out + len, n - len, "%s%s", i ? ", " : "",
                                col_registry[i]->name);
    return out;
}

int cmd_collect(int argc, char **argv)
{
    struct collect_args a;
    struct col_ctx ctx;
    char names[256];
    int status;

    memset(&a, 0, sizeof(a));
    memset(&ctx, 0, sizeof(ctx));
    a.ctx = &ctx;
    if (argc < 2 || cli_wants_help(argc, argv)) {
        help_collect(argc < 2 ? stderr : stdout, NULL);
        return argc < 2 ? CLI_EXIT_USAGE : 0;
    }
    if (!(a.col = col_find(argv[1]))) {
        cli_cmd_sayf("collect", "unknown evidence kind '%s' (kinds: %s); see "
                 "'ftl collect --help'", argv[1], kinds(names, sizeof(names)));
        return CLI_EXIT_USAGE;
    }
    if (a.col->opts_size && !(a.opts = calloc(1, a.col->opts_size))) {
        cli_say("out of memory");
        return 1;
    }
    status = parse(&a, argc, argv);
    if (status == 0)
        status = collect(&a, argc, argv);
    if (a.col->release && a.opts)
        a.col->release(a.opts);
    free(a.opts);
    col_ctx_release(&ctx);     /* also when the run never started */
    return status < 0 ? 0 : status;
}
