/*
 * ftl.c - the command line: a table of subcommands wiring collectors,
 * the case store and the exporters together
 *
 *   ftl init | collect KIND | export FORMAT | info | help | --version
 *
 * Exit status: 0 success, 1 the work failed, 2 bad usage.  Only this file
 * prints; every module below reports through struct ftl_err or callbacks.
 *
 * SPDX-License-Identifier: MIT
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ftl.h"
#include "cli/cli.h"
#include "collectors/collectors.h"
#include "export/export.h"
#include "timeline/timeline.h"

#define EXIT_USAGE 2

struct cmd {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *usage;
};

static int quiet;

/* ---- helpers ------------------------------------------------------ */

/* An error message on stderr, safe for the terminal. */
static void print_error(const char *msg)
{
    fputs("ftl: ", stderr);
    exp_put_safe(stderr, msg);
    putc('\n', stderr);
}

static const char *case_path(const char *opt)
{
    const char *env = getenv("FTL_CASE");

    if (opt)
        return opt;
    return env && *env ? env : "case.ftl";
}

/* The command line as one shell-quoted string, for the audit table. */
static char *quote_argv(int argc, char **argv)
{
    size_t n = 1, i;
    char *out, *p;
    const char *s;
    int k;

    for (k = 0; k < argc; k++)
        n += 4 * strlen(argv[k]) + 3;
    if (!(out = p = malloc(n)))
        return NULL;
    for (k = 0; k < argc; k++) {
        s = argv[k];
        if (k)
            *p++ = ' ';
        if (*s && strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRST"
                         "UVWXYZ0123456789-_./=:@,+%") == strlen(s)) {
            p = stpcpy(p, s);
            continue;
        }
        *p++ = '\'';
        for (i = 0; s[i]; i++) {
            if (s[i] == '\'')
                p = stpcpy(p, "'\\''");
            else
                *p++ = s[i];
        }
        *p++ = '\'';
    }
    *p = '\0';
    return out;
}

/* Open the case and start its audit row. */
static int open_case(struct tl_store **st, const char *path, int mode,
                     const char *command, int argc, char **argv,
                     int64_t *audit_id)
{
    struct ftl_err err = { 0 };
    struct tl_audit a;
    char *args;
    int rc;

    if ((rc = tl_store_open(st, path, mode, &err))) {
        print_error(err.msg);
        return rc;
    }
    args = quote_argv(argc, argv);
    a.argv = args ? args : "?";
    a.command = command;
    a.started = tl_time_now();
    rc = tl_audit_begin(*st, &a, audit_id, &err);
    free(args);
    if (rc) {
        print_error(err.msg);
        tl_store_close(*st);
        *st = NULL;
    }
    return rc;
}

static void close_case(struct tl_store *st, int64_t audit_id, int status,
                       const char *counts)
{
    struct ftl_err err = { 0 };

    if (!st)
        return;
    if (audit_id && tl_audit_end(st, audit_id, status, counts, &err))
        print_error(err.msg);
    tl_store_close(st);
}

static int usage_error(const char *usage)
{
    fprintf(stderr, "%s", usage);
    return EXIT_USAGE;
}

/* Open -o FILE as a temporary beside it; commit_output() renames it into
 * place only when everything was written, so no half report is left. */
static FILE *open_output(const char *path, char **tmp)
{
    FILE *f = NULL;
    int fd;

    *tmp = NULL;
    if (!path || strcmp(path, "-") == 0)
        return stdout;
    if (!(*tmp = malloc(strlen(path) + 16)))
        return NULL;
    /* mkstemp: a new file of ours, never one an attacker linked there */
    sprintf(*tmp, "%s.tmpXXXXXX", path);
    fd = mkstemp(*tmp);
    if (fd >= 0 && !(f = fdopen(fd, "w")))
        close(fd);
    if (!f) {
        fprintf(stderr, "ftl: cannot write '%s': %s\n", path,
                strerror(errno));
        if (fd >= 0)
            unlink(*tmp);
        free(*tmp);
        *tmp = NULL;
    }
    return f;
}

static int commit_output(FILE *f, const char *path, char *tmp, int ok)
{
    int bad = ferror(f);

    if (f == stdout) {
        bad |= fflush(stdout) != 0;
    } else {
        bad |= fclose(f) != 0;
        if (ok && !bad && rename(tmp, path) != 0)
            bad = 1;
        if (!ok || bad)
            unlink(tmp);
        free(tmp);
    }
    if (bad && ok)
        fprintf(stderr, "ftl: cannot write '%s': %s\n",
                path ? path : "standard output", strerror(errno));
    return bad ? -1 : 0;
}

/* ---- ftl init ------------------------------------------------------- */

static const char usage_init[] =
    "usage: ftl init [-c CASE] [--name ID] [--examiner NAME] [--tz ZONE]\n"
    "\n"
    "Create the case file (default ./case.ftl, or $FTL_CASE), or update\n"
    "its details when it exists.\n"
    "  -c, --case FILE     case file\n"
    "      --name ID       case name or number\n"
    "      --examiner NAME who builds the timeline\n"
    "      --tz ZONE       display time zone of the case (IANA name)\n";

static int cmd_init(int argc, char **argv)
{
    static const struct option opts[] = {
        { "case", required_argument, NULL, 'c' },
        { "name", required_argument, NULL, 'n' },
        { "examiner", required_argument, NULL, 'e' },
        { "tz", required_argument, NULL, 'z' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 }
    };
    const char *path = NULL, *name = NULL, *examiner = NULL, *zone = NULL;
    struct ftl_err err = { 0 };
    struct tl_store *st;
    struct tl_tz *tz = NULL;
    int64_t audit_id = 0;
    int c, existed, rc = 0;

    while ((c = getopt_long(argc, argv, "c:h", opts, NULL)) != -1) {
        switch (c) {
        case 'c': path = optarg; break;
        case 'n': name = optarg; break;
        case 'e': examiner = optarg; break;
        case 'z': zone = optarg; break;
        case 'h': fputs(usage_init, stdout); return 0;
        default: return usage_error(usage_init);
        }
    }
    if (optind != argc)
        return usage_error(usage_init);
    if (zone && tl_tz_open(&tz, zone, &err)) {
        print_error(err.msg);
        return EXIT_USAGE;
    }
    tl_tz_close(tz);
    path = case_path(path);
    existed = access(path, F_OK) == 0;
    if (open_case(&st, path, TL_OPEN_CREATE, "init", argc, argv, &audit_id))
        return 1;
    if ((name && (rc = tl_case_set(st, "name", name, &err))) ||
        (examiner && (rc = tl_case_set(st, "examiner", examiner, &err))) ||
        (zone && (rc = tl_case_set(st, "tz", zone, &err))))
        print_error(err.msg);
    else
        fprintf(stderr, "ftl: %s case '%s'\n",
                existed ? "updated" : "created", path);
    close_case(st, audit_id, rc ? 1 : 0, NULL);
    return rc ? 1 : 0;
}

/* ---- ftl collect ---------------------------------------------------- */

static const char usage_collect_head[] =
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

static const char usage_collect_common[] =
    "\nCommon options:\n"
    "  -c, --case FILE     case file (default ./case.ftl, or $FTL_CASE)\n"
    "  -q, --quiet         no progress line or summary\n"
    "      --replace       collect evidence already in the case again with "
    "the\n"
    "                      options now given, replacing its rows\n"
    "  -h, --help          this text\n";

static const char usage_collect_tz[] =
    "      --tz ZONE       IANA zone for times that carry none (default "
    "UTC);\n"
    "                      the assumption is recorded with each event\n";

static const char usage_collect_iocs[] =
    "      --iocs FILE     indicator pack CSV (type,value,family,note,"
    "source)\n"
    "                      instead of the pack built into ftl\n"
    "      --no-iocs       no indicator checks\n";

static void collect_usage(FILE *out, const struct col_ops *col)
{
    int i;

    if (!col) {
        fputs(usage_collect_head, out);
        for (i = 0; col_registry[i]; i++)
            fprintf(out, "  %-10s %s\n", col_registry[i]->name,
                    col_registry[i]->summary);
        fputs(usage_collect_common, out);
        fputs(usage_collect_tz, out);
        fputs(usage_collect_iocs, out);
        fputs("\n'ftl collect KIND --help' shows the options of a kind.\n",
              out);
        return;
    }
    fputs(col->usage, out);
    fputs(usage_collect_common, out);
    if (col->uses_tz)
        fputs(usage_collect_tz, out);
    if (col->uses_iocs)
        fputs(usage_collect_iocs, out);
}

static int progress_shown;

static void on_report(void *ud, int level, const char *msg)
{
    static const char *const prefix[] = { "", "warning: ", "error: " };

    (void)ud;
    if (level == COL_INFO && quiet)
        return;
    if (progress_shown) {
        fputs("\r\033[K", stderr);
        progress_shown = 0;
    }
    fprintf(stderr, "ftl: %s", prefix[level]);
    exp_put_safe(stderr, msg);
    putc('\n', stderr);
}

static void on_progress(void *ud, const char *msg)
{
    (void)ud;
    fputs("\r\033[K", stderr);
    exp_put_safe(stderr, msg);
    progress_shown = 1;
}

enum { OPT_TZ = 0x100, OPT_IOCS, OPT_NO_IOCS, OPT_REPLACE };

/* Common options first, then the collector's own. */
static struct option *collect_options(const struct col_ops *col,
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
    snprintf(shortopts, n, "c:qh%s", col->shortopts ? col->shortopts : "");
    return all;
}

static int cmd_collect(int argc, char **argv)
{
    const struct col_ops *col;
    struct option *longopts;
    struct col_ctx ctx = { 0 };
    struct ftl_err err = { 0 };
    char shortopts[64], counts[320] = "";
    const char *path = NULL, *iocs_file = NULL, *zone = NULL;
    void *opts = NULL;
    int c, rc, status = 0, no_iocs = 0, inited = 0;

    if (argc < 2 || strcmp(argv[1], "--help") == 0 ||
        strcmp(argv[1], "-h") == 0) {
        collect_usage(argc < 2 ? stderr : stdout, NULL);
        return argc < 2 ? EXIT_USAGE : 0;
    }
    if (!(col = col_find(argv[1]))) {
        fprintf(stderr, "ftl: unknown evidence kind '%s'\n\n", argv[1]);
        collect_usage(stderr, NULL);
        return EXIT_USAGE;
    }
    if (!(longopts = collect_options(col, shortopts, sizeof(shortopts))) ||
        (col->opts_size && !(opts = calloc(1, col->opts_size)))) {
        free(longopts);
        fprintf(stderr, "ftl: out of memory\n");
        return 1;
    }
    optind = 2;
    while ((c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
        switch (c) {
        case 'c': path = optarg; break;
        case 'q': quiet = 1; break;
        case 'h':
            collect_usage(stdout, col);
            status = -1;
            goto out;
        case OPT_TZ: zone = optarg; break;
        case OPT_IOCS: iocs_file = optarg; break;
        case OPT_NO_IOCS: no_iocs = 1; break;
        case OPT_REPLACE: ctx.replace = 1; break;
        case '?':
            collect_usage(stderr, col);
            status = EXIT_USAGE;
            goto out;
        default:
            if (!col->opt || (rc = col->opt(opts, c, optarg, &err))) {
                fprintf(stderr, "ftl: %s\n\n", err.msg[0] ? err.msg
                        : "unknown option");
                collect_usage(stderr, col);
                status = EXIT_USAGE;
                goto out;
            }
            if (col_given_opt(&ctx, col, c, optarg)) {
                fprintf(stderr, "ftl: out of memory\n");
                status = 1;
                goto out;
            }
        }
    }
    if (optind >= argc) {
        fprintf(stderr, "ftl: collect %s: no evidence given\n\n", col->name);
        collect_usage(stderr, col);
        status = EXIT_USAGE;
        goto out;
    }

    if (col_given_common(&ctx, col, zone, iocs_file, no_iocs)) {
        fprintf(stderr, "ftl: out of memory\n");
        status = 1;
        goto out;
    }
    ctx.report = on_report;
    ctx.progress = (!quiet && isatty(2)) ? on_progress : NULL;
    if (zone && tl_tz_open(&ctx.tz, zone, &err)) {
        print_error(err.msg);
        status = EXIT_USAGE;
        goto out;
    }
    if (col->uses_iocs && !no_iocs) {
        rc = iocs_file ? tl_iocs_load_file(&ctx.iocs, iocs_file, &err)
                       : tl_iocs_load_default(&ctx.iocs, &err);
        if (rc) {
            print_error(err.msg);
            status = iocs_file ? EXIT_USAGE : 1;
            goto out_ctx;
        }
    }
    if ((rc = col_global_init(&err))) {
        print_error(err.msg);
        status = 1;
        goto out_ctx;
    }
    inited = 1;
    path = case_path(path);
    if (open_case(&ctx.st, path, TL_OPEN_CREATE, "collect", argc, argv,
                  &ctx.audit_id)) {
        status = 1;
        goto out_ctx;
    }
    if (ctx.iocs && (rc = tl_iocs_store(ctx.st, ctx.iocs, &err))) {
        print_error(err.msg);
        status = 1;
        goto out_case;
    }
    rc = col->run(&ctx, opts, argv + optind, argc - optind, &err);
    col_ctx_release(&ctx);     /* the run is over: collectors' run state */
    if (progress_shown)
        fputs("\r\033[K", stderr);
    if (rc < 0) {
        print_error(err.msg);
        status = 1;
    } else if (ctx.n_failed || ctx.n_conflicts) {
        status = 1;
    }
    snprintf(counts, sizeof(counts), "evidence=%lld already=%lld "
             "failed=%lld events=%lld files=%lld warnings=%lld hits=%lld "
             "places=%lld replaced=%lld not_collected=%lld",
             (long long)ctx.n_evidence, (long long)ctx.n_dup,
             (long long)ctx.n_failed, (long long)ctx.n_events,
             (long long)ctx.n_files, (long long)ctx.n_warnings,
             (long long)ctx.n_hits, (long long)ctx.n_places,
             (long long)ctx.n_replaced, (long long)ctx.n_conflicts);
    if (!quiet)
        fprintf(stderr, "ftl: %s: %lld evidence item%s added, %lld already "
                "in the case, %lld failed; %lld events, %lld files, "
                "%lld warnings, %lld indicator hits\n", path,
                (long long)ctx.n_evidence, ctx.n_evidence == 1 ? "" : "s",
                (long long)ctx.n_dup, (long long)ctx.n_failed,
                (long long)ctx.n_events, (long long)ctx.n_files,
                (long long)ctx.n_warnings, (long long)ctx.n_hits);
    if (!quiet && (ctx.n_places || ctx.n_replaced || ctx.n_conflicts))
        fprintf(stderr, "ftl: %s: %lld new place%s of evidence already in "
                "the case, %lld item%s replaced, %lld not collected (other "
                "options)\n", path, (long long)ctx.n_places,
                ctx.n_places == 1 ? "" : "s", (long long)ctx.n_replaced,
                ctx.n_replaced == 1 ? "" : "s",
                (long long)ctx.n_conflicts);
out_case:
    close_case(ctx.st, ctx.audit_id, status, counts);
out_ctx:
    if (inited)
        col_global_cleanup();
    tl_iocs_free(ctx.iocs);
    tl_tz_close(ctx.tz);
out:
    col_ctx_release(&ctx);     /* also when the run never started */
    if (col->release && opts)
        col->release(opts);
    free(opts);
    free(longopts);
    return status < 0 ? 0 : status;
}

/* ---- ftl export ----------------------------------------------------- */

static const char usage_export[] =
    "usage: ftl export csv [-c CASE] [-o FILE] [--from T] [--to T] "
    "[--tz ZONE]\n"
    "                      [--bom] [--ioc-only]\n"
    "       ftl export csv --table NAME [-c CASE] [-o FILE] [--bom] [--raw]\n"
    "       ftl export jsonl [-c CASE] [-o FILE] [--from T] [--to T] "
    "[--tz ZONE]\n"
    "                        [--ioc-only]\n"
    "       ftl export bodyfile [-c CASE] [-o FILE] [--ns] "
    "[--evidence ID]\n"
    "       ftl export html [-c CASE] [-o FILE] [--from T] [--to T] "
    "[--person P]...\n"
    "                       [--max-events N] [--tz ZONE] [--lang LANG]\n"
    "                       [--classification TEXT] [--authority TEXT]\n"
    "\n"
    "csv       the timeline, one row per event sorted by time (Timesketch\n"
    "          columns datetime, timestamp, timestamp_desc, message); cells\n"
    "          that a spreadsheet would run as a formula get a leading '\n"
    "jsonl     the same events as JSON Lines, one object per event\n"
    "bodyfile  TSK 3.x body lines rebuilt from the files table, as fls -m\n"
    "          prints them\n"
    "html      the report: one self-contained HTML file (case, summary,\n"
    "          window, clocks, exposure per person, regulator figures,\n"
    "          evidence, timeline, events per day, method and limits)\n"
    "\n"
    "  -c, --case FILE     case file (default ./case.ftl, or $FTL_CASE)\n"
    "  -o, --output FILE   write here instead of standard output\n"
    "      --from T        only events at or after T (RFC 3339, a date, or\n"
    "                      @epoch; no zone means UTC)\n"
    "      --to T          only events at or before T\n"
    "      --tz ZONE       add a local_time column in this IANA zone\n"
    "                      (default: the case's zone, 'ftl init --tz')\n"
    "      --bom           start with a UTF-8 byte order mark (Excel)\n"
    "      --ioc-only      only events that an indicator matched\n"
    "      --table NAME    one case table instead of the timeline: evidence,\n"
    "                      evidence_places, files, events, warnings, audit,\n"
    "                      iocs, ioc_hits,\n"
    "                      messages, attachments, persons, documents, ...\n"
    "      --raw           with --table: times as integer nanoseconds\n"
    "      --ns            bodyfile: times with their nanosecond fraction\n"
    "      --evidence ID   bodyfile: only the files of this evidence item\n"
    "      --person P      html: only this person (id, employee number, name\n"
    "                      or e-mail address); may be repeated\n"
    "      --max-events N  html: timeline rows besides those an indicator\n"
    "                      matched or the analysis cites (default 10000)\n"
    "      --lang LANG     html: en, fr, nl or de (default en)\n"
    "      --classification TEXT  html: banner on the report and each page\n"
    "      --authority TEXT       html: whom the regulator figures are for\n";

enum { OPT_FROM = 0x100, OPT_TO, OPT_BOM, OPT_IOC_ONLY, OPT_TABLE, OPT_RAW,
       OPT_NS, OPT_EVIDENCE, OPT_ETZ, OPT_PERSON, OPT_MAX_EVENTS, OPT_LANG,
       OPT_CLASS, OPT_AUTHORITY };

/* The options each form of export takes; the name of the first one that
 * does not belong, or NULL. */
static const char *misplaced(const char *fmt, unsigned given)
{
    static const char *const names[] = { "from", "to", "bom", "ioc-only",
                                         "table", "raw", "ns", "evidence",
                                         "tz", "person", "max-events", "lang",
                                         "classification", "authority" };
#define BIT(o) (1u << ((o) - OPT_FROM))
    unsigned ok, i;

    if (strcmp(fmt, "bodyfile") == 0)
        ok = BIT(OPT_NS) | BIT(OPT_EVIDENCE);
    else if (strcmp(fmt, "html") == 0)
        ok = BIT(OPT_FROM) | BIT(OPT_TO) | BIT(OPT_ETZ) | BIT(OPT_PERSON) |
             BIT(OPT_MAX_EVENTS) | BIT(OPT_LANG) | BIT(OPT_CLASS) |
             BIT(OPT_AUTHORITY);
    else if (given & BIT(OPT_TABLE))
        ok = strcmp(fmt, "csv") == 0
             ? BIT(OPT_TABLE) | BIT(OPT_BOM) | BIT(OPT_RAW) : 0;
    else if (strcmp(fmt, "jsonl") == 0)
        ok = BIT(OPT_FROM) | BIT(OPT_TO) | BIT(OPT_IOC_ONLY) | BIT(OPT_ETZ);
    else
        ok = BIT(OPT_FROM) | BIT(OPT_TO) | BIT(OPT_IOC_ONLY) | BIT(OPT_ETZ) |
             BIT(OPT_BOM);
#undef BIT
    for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        if (given & ~ok & (1u << i))
            return names[i];
    return NULL;
}

static int cmd_export(int argc, char **argv)
{
    static const struct option opts[] = {
        { "case", required_argument, NULL, 'c' },
        { "output", required_argument, NULL, 'o' },
        { "from", required_argument, NULL, OPT_FROM },
        { "to", required_argument, NULL, OPT_TO },
        { "tz", required_argument, NULL, OPT_ETZ },
        { "bom", no_argument, NULL, OPT_BOM },
        { "ioc-only", no_argument, NULL, OPT_IOC_ONLY },
        { "table", required_argument, NULL, OPT_TABLE },
        { "raw", no_argument, NULL, OPT_RAW },
        { "ns", no_argument, NULL, OPT_NS },
        { "evidence", required_argument, NULL, OPT_EVIDENCE },
        { "person", required_argument, NULL, OPT_PERSON },
        { "max-events", required_argument, NULL, OPT_MAX_EVENTS },
        { "lang", required_argument, NULL, OPT_LANG },
        { "classification", required_argument, NULL, OPT_CLASS },
        { "authority", required_argument, NULL, OPT_AUTHORITY },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 }
    };
    struct exp_opts o;
    struct ftl_err err = { 0 };
    struct tl_store *st = NULL;
    struct tl_tz *tz = NULL;
    const char *path = NULL, *out = NULL, *table = NULL, *fmt, *bad = NULL;
    char *tmp, counts[64], *end, *zone;
    unsigned given = 0;
    int64_t audit_id = 0, rows = 0;
    FILE *f;
    int c, rc, status = 0;

    if (argc < 2 || strcmp(argv[1], "--help") == 0 ||
        strcmp(argv[1], "-h") == 0) {
        fputs(usage_export, argc < 2 ? stderr : stdout);
        return argc < 2 ? EXIT_USAGE : 0;
    }
    fmt = argv[1];
    if (strcmp(fmt, "csv") && strcmp(fmt, "jsonl") &&
        strcmp(fmt, "bodyfile") && strcmp(fmt, "html")) {
        fprintf(stderr, "ftl: unknown export format '%s'\n\n", fmt);
        return usage_error(usage_export);
    }
    memset(&o, 0, sizeof(o));
    optind = 2;
    while ((c = getopt_long(argc, argv, "c:o:h", opts, NULL)) != -1) {
        if (c >= OPT_FROM && c <= OPT_AUTHORITY)
            given |= 1u << (c - OPT_FROM);
        switch (c) {
        case 'c': path = optarg; break;
        case 'o': out = optarg; break;
        case OPT_FROM:
        case OPT_TO:
            if (tl_time_parse_arg(optarg, c == OPT_FROM ? &o.from : &o.to,
                                  &err)) {
                print_error(err.msg);
                return EXIT_USAGE;
            }
            *(c == OPT_FROM ? &o.has_from : &o.has_to) = 1;
            break;
        case OPT_ETZ:
            tl_tz_close(tz);
            if (tl_tz_open(&tz, optarg, &err)) {
                print_error(err.msg);
                return EXIT_USAGE;
            }
            break;
        case OPT_BOM: o.bom = 1; break;
        case OPT_IOC_ONLY: o.ioc_only = 1; break;
        case OPT_TABLE: table = optarg; break;
        case OPT_RAW: o.raw = 1; break;
        case OPT_NS: o.ns = 1; break;
        case OPT_EVIDENCE:
            o.evidence_id = strtoll(optarg, &end, 10);
            if (*end || o.evidence_id <= 0) {
                fprintf(stderr, "ftl: --evidence takes an evidence id "
                        "('ftl info' lists them)\n");
                tl_tz_close(tz);
                return EXIT_USAGE;
            }
            break;
        case OPT_PERSON:
            if (o.n_persons == EXP_MAX_PERSONS) {
                fprintf(stderr, "ftl: at most %d --person\n", EXP_MAX_PERSONS);
                tl_tz_close(tz);
                return EXIT_USAGE;
            }
            o.persons[o.n_persons++] = optarg;
            break;
        case OPT_MAX_EVENTS:
            o.max_events = strtoll(optarg, &end, 10);
            o.has_max_events = 1;
            if (*end || end == optarg || o.max_events < 0) {
                fprintf(stderr, "ftl: --max-events takes a number >= 0\n");
                tl_tz_close(tz);
                return EXIT_USAGE;
            }
            break;
        case OPT_LANG: o.lang = optarg; break;
        case OPT_CLASS: o.classification = optarg; break;
        case OPT_AUTHORITY: o.authority = optarg; break;
        case 'h': fputs(usage_export, stdout); tl_tz_close(tz); return 0;
        default: tl_tz_close(tz); return usage_error(usage_export);
        }
    }
    if ((bad = misplaced(fmt, given))) {
        fprintf(stderr, "ftl: --%s does not go with 'export %s%s'; see "
                "'ftl export --help'\n", bad, fmt,
                table && strcmp(bad, "table") ? " --table" : "");
        tl_tz_close(tz);
        return EXIT_USAGE;
    }
    if (optind != argc) {
        tl_tz_close(tz);
        return usage_error(usage_export);
    }
    if (open_case(&st, case_path(path), TL_OPEN_WRITE, "export", argc, argv,
                  &audit_id)) {
        tl_tz_close(tz);
        return 1;
    }
    if (!tz && !table && strcmp(fmt, "bodyfile") != 0 &&
        (zone = tl_case_get(st, "tz"))) {
        /* the case's display zone (ftl init --tz) gives the local time
         * column when --tz does not name another */
        if (tl_tz_open(&tz, zone, &err))
            print_error(err.msg);
        free(zone);
    }
    o.tz = tz;
    if (!(f = open_output(out, &tmp))) {
        status = 1;
        goto done;
    }
    if (strcmp(fmt, "bodyfile") == 0)
        rc = exp_bodyfile(st, f, &o, &rows, &err);
    else if (strcmp(fmt, "jsonl") == 0)
        rc = exp_jsonl_timeline(st, f, &o, &rows, &err);
    else if (strcmp(fmt, "html") == 0)
        rc = exp_html(st, f, &o, &rows, &err);
    else if (table)
        rc = exp_csv_table(st, f, table, &o, &rows, &err);
    else
        rc = exp_csv_timeline(st, f, &o, &rows, &err);
    if (rc && err.msg[0])
        print_error(err.msg);
    if (commit_output(f, out, tmp, rc == 0) || rc)
        status = rc == FTL_EUSAGE ? EXIT_USAGE : 1;
    else if (!quiet && out)
        fprintf(stderr, "ftl: wrote %lld rows to '%s'\n", (long long)rows,
                out);
done:
    snprintf(counts, sizeof(counts), "rows=%lld", (long long)rows);
    close_case(st, audit_id, status, counts);
    tl_tz_close(tz);
    return status;
}

/* ---- ftl info ------------------------------------------------------- */

static const char usage_info[] =
    "usage: ftl info [-c CASE]\n"
    "\n"
    "Evidence with hashes and status, event counts per source and "
    "artifact,\n"
    "the time span, indicator hits, warnings and the commands run on the "
    "case.\n";

static int cmd_info(int argc, char **argv)
{
    static const struct option opts[] = {
        { "case", required_argument, NULL, 'c' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 }
    };
    struct ftl_err err = { 0 };
    struct tl_store *st;
    const char *path = NULL;
    int64_t audit_id = 0;
    int c, rc;

    while ((c = getopt_long(argc, argv, "c:h", opts, NULL)) != -1) {
        switch (c) {
        case 'c': path = optarg; break;
        case 'h': fputs(usage_info, stdout); return 0;
        default: return usage_error(usage_info);
        }
    }
    if (optind != argc)
        return usage_error(usage_info);
    if (open_case(&st, case_path(path), TL_OPEN_WRITE, "info", argc, argv,
                  &audit_id))
        return 1;
    rc = exp_info(st, stdout, &err);
    if (rc)
        print_error(err.msg);
    close_case(st, audit_id, rc ? 1 : 0, NULL);
    return rc ? 1 : 0;
}

/* ---- dispatch ------------------------------------------------------- */

static int cmd_help(int argc, char **argv);

static const struct cmd commands[] = {
    { "init", cmd_init, "create a case file or set its details" },
    { "collect", cmd_collect, "read evidence into the case" },
    { "export", cmd_export, "write the timeline, a table or the report (csv, "
      "jsonl, bodyfile, html)" },
    { "analyze", cmd_analyze, "date the compromise, follow messages, "
      "compare clocks, find exposures" },
    { "info", cmd_info, "summarise a case" },
    { "help", cmd_help, "show help for a command" },
};

#define N_COMMANDS (sizeof(commands) / sizeof(commands[0]))

static void main_usage(FILE *out)
{
    size_t i;

    fprintf(out, "usage: ftl [--version] [--help] COMMAND [ARGS]\n\n"
            "ftl builds a forensic timeline of a compromised mail gateway "
            "in one\nSQLite case file and exports it.\n\nCommands:\n");
    for (i = 0; i < N_COMMANDS; i++)
        fprintf(out, "  %-8s %s\n", commands[i].name, commands[i].usage);
    fprintf(out, "\nThe case file is ./case.ftl unless -c FILE or $FTL_CASE "
            "says otherwise.\n'ftl COMMAND --help' shows a command's "
            "options.  See also ftl(1).\n");
}

static int cmd_help(int argc, char **argv)
{
    size_t i;
    char *args[] = { NULL, "--help", NULL };

    if (argc < 2) {
        main_usage(stdout);
        return 0;
    }
    for (i = 0; i < N_COMMANDS; i++) {
        if (strcmp(commands[i].name, argv[1]) == 0 &&
            commands[i].run != cmd_help) {
            args[0] = argv[1];
            return commands[i].run(2, args);
        }
    }
    fprintf(stderr, "ftl: no such command '%s'\n", argv[1]);
    return EXIT_USAGE;
}

int main(int argc, char **argv)
{
    size_t i;

    if (argc < 2) {
        main_usage(stderr);
        return EXIT_USAGE;
    }
    if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
        printf("ftl %s\n", FTL_VERSION);
        return 0;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        main_usage(stdout);
        return 0;
    }
    for (i = 0; i < N_COMMANDS; i++)
        if (strcmp(commands[i].name, argv[1]) == 0)
            return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "ftl: '%s' is not an ftl command; see 'ftl --help'\n",
            argv[1]);
    return EXIT_USAGE;
}
