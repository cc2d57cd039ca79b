/*
 * cli/analyze.c - 'ftl analyze': the compromise window, each message
 * across its records, the clocks
 *
 * Opens the case for writing (CLI_CASE_WRITE in commands[]), which
 * records the run in the audit table, and runs an_run() (analyze/),
 * which replaces the previous analysis in one transaction.  The analysis' own warnings are
 * printed as they are stored (analysis_warnings).
 *
 * SPDX-License-Identifier: MIT
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/analyze.h"
#include "base/escape.h"
#include "cli/cli.h"
#include "timeline/timeline.h"

#define EXIT_USAGE CLI_EXIT_USAGE
#define GATEWAYS_MAX 64

static const char usage[] =
    "usage: ftl analyze [-c CASE] [--window FROM..TO] [--contained T]\n"
    "                   [--gateway HOST]... [--trust-clock HOST] "
    "[--correct-clocks] [-q]\n"
    "\n"
    "Find the compromise window, follow each message across the gateway's\n"
    "log, the servers' logs and the mail stores, estimate how far the\n"
    "hosts' clocks are apart, and say whose personal data, of which kind,\n"
    "passed the gateway or lay on the appliance inside the window, with\n"
    "the strength and confidence of each link and the events behind it.\n"
    "Replaces the previous analysis of the case.\n"
    "\n"
    "  -c, --case FILE       case file (default ./case.ftl, or $FTL_CASE)\n"
    "      --window FROM..TO the compromise window (RFC 3339, a date, or\n"
    "                        @epoch; no zone means UTC); either side may be\n"
    "                        left empty to derive it from the indicators\n"
    "      --contained T     when the compromise was contained: the end of\n"
    "                        the window when --window gives none\n"
    "      --gateway HOST    a host whose log lines are the gateway's (the\n"
    "                        hosts of Barracuda lines are); repeatable\n"
    "      --trust-clock HOST  the reference clock (default with\n"
    "                        --correct-clocks: the clock that timed the\n"
    "                        most messages with the gateway's)\n"
    "      --correct-clocks  move transit times onto the reference clock\n"
    "  -q, --quiet           no summary\n";

enum { OPT_WINDOW = 0x100, OPT_CONTAINED, OPT_GATEWAY, OPT_TRUST,
       OPT_CORRECT };

void help_analyze(FILE *out, const char *topic)
{
    (void)topic;
    fputs(usage, out);
}

static void print_error(const char *msg)
{
    cli_say(msg);
}

/* "FROM..TO", "FROM.." or "..TO" into o. */
static int parse_window(const char *arg, struct an_opts *o)
{
    struct ftl_err err = { 0 };
    const char *dots = strstr(arg, "..");
    char *from;

    if (!dots || strcmp(arg, "..") == 0) {
        fprintf(stderr, "ftl: --window takes FROM..TO (either side may "
                "be empty, not both)\n");
        return EXIT_USAGE;
    }
    if (!(from = strndup(arg, (size_t)(dots - arg))))
        return 1;
    if (*from && tl_time_parse_arg(from, &o->from, &err) == FTL_OK)
        o->has_from = 1;
    else if (*from)
        print_error(err.msg);
    free(from);
    if (err.code)
        return EXIT_USAGE;
    if (dots[2] && tl_time_parse_arg(dots + 2, &o->to, &err)) {
        print_error(err.msg);
        return EXIT_USAGE;
    }
    o->has_to = dots[2] != '\0';
    return 0;
}

/* Options into o; the case path into *path.  0, or the exit status. */
static int parse(int argc, char **argv, struct an_opts *o,
                 const char **gw, const char **path, int *quiet)
{
    static const struct option opts[] = {
        { "case", required_argument, NULL, 'c' },
        { "window", required_argument, NULL, OPT_WINDOW },
        { "contained", required_argument, NULL, OPT_CONTAINED },
        { "gateway", required_argument, NULL, OPT_GATEWAY },
        { "trust-clock", required_argument, NULL, OPT_TRUST },
        { "correct-clocks", no_argument, NULL, OPT_CORRECT },
        { "quiet", no_argument, NULL, 'q' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 }
    };
    struct ftl_err err = { 0 };
    int c, rc;

    optind = 1;
    while ((c = getopt_long(argc, argv, ":c:qh", opts, NULL)) != -1) {
        switch (c) {
        case 'c': *path = optarg; break;
        case 'q': *quiet = 1; break;
        case OPT_WINDOW:
            if ((rc = parse_window(optarg, o)))
                return rc;
            break;
        case OPT_CONTAINED:
            if (tl_time_parse_arg(optarg, &o->contained, &err)) {
                print_error(err.msg);
                return EXIT_USAGE;
            }
            o->has_contained = 1;
            break;
        case OPT_GATEWAY:
            if (o->n_gateways == GATEWAYS_MAX) {
                fprintf(stderr, "ftl: more than %d --gateway hosts\n",
                        GATEWAYS_MAX);
                return EXIT_USAGE;
            }
            gw[o->n_gateways++] = optarg;
            break;
        case OPT_TRUST: o->trust_clock = optarg; break;
        case OPT_CORRECT: o->correct_clocks = 1; break;
        case 'h': fputs(usage, stdout); return -1;
        default: return cli_bad_option("analyze", c, argv, opts);
        }
    }
    if (optind != argc)
        return cli_bad_argument("analyze", argv[optind]);
    if (o->has_to && o->has_contained) {
        fprintf(stderr, "ftl: --contained and the end of --window both "
                "give the end of the window: give one\n");
        return EXIT_USAGE;
    }
    return 0;
}

static int print_warning(const char *kind, const char *message, void *quiet)
{
    (void)kind;
    if (!*(int *)quiet) {
        fputs("ftl: warning: ", stderr);
        ftl_esc_term(stderr, message);
        putc('\n', stderr);
    }
    return 0;
}

static void summary(const char *path, const struct an_report *r)
{
    char a[TL_TIME_BUFSZ], b[TL_TIME_BUFSZ];

    fprintf(stderr, "ftl: %s: %lld message groups (%lld crossed the "
            "gateway, %lld in the window, %lld flagged), %lld clock "
            "offsets, window %s .. %s, %lld exposures of %lld persons, "
            "%lld warnings\n", path, (long long)r->groups,
            (long long)r->crossed, (long long)r->in_window,
            (long long)r->flagged, (long long)r->clocks,
            r->has_window_from ? tl_time_format(r->window_from, -1, a)
            : "open", r->has_window_to ? tl_time_format(r->window_to, -1, b)
            : "open", (long long)r->exposures, (long long)r->persons,
            (long long)r->warnings);
}

/* Run the analysis on an open case; the exit status. */
static int run(struct tl_store *st, const struct an_opts *o, int quiet,
               char *counts, size_t n)
{
    struct ftl_err err = { 0 };
    struct an_report r;
    int rc;

    rc = an_run(st, o, &r, &err);
    if (rc) {
        print_error(err.msg);
        snprintf(counts, n, "failed");
        return rc == FTL_EUSAGE ? EXIT_USAGE : 1;
    }
    snprintf(counts, n, "groups=%lld crossed=%lld in_window=%lld "
             "flagged=%lld clocks=%lld exposures=%lld persons=%lld "
             "warnings=%lld", (long long)r.groups, (long long)r.crossed,
             (long long)r.in_window, (long long)r.flagged,
             (long long)r.clocks, (long long)r.exposures,
             (long long)r.persons, (long long)r.warnings);
    if (tl_an_warnings_each(st, print_warning, &quiet, &err))
        print_error(err.msg);
    if (!quiet)
        summary(tl_store_path(st), &r);
    return 0;
}

int cmd_analyze(int argc, char **argv)
{
    const char *gw[GATEWAYS_MAX], *path = NULL;
    struct an_opts o;
    struct cli_case c;
    char counts[256] = "";
    int quiet = 0, status;

    memset(&o, 0, sizeof(o));
    o.gateways = gw;
    if ((status = parse(argc, argv, &o, gw, &path, &quiet)))
        return status < 0 ? 0 : status;
    if (cli_case_open(&c, "analyze", cli_case_path(path), argc, argv))
        return 1;
    status = run(c.st, &o, quiet, counts, sizeof(counts));
    cli_case_close(&c, status, counts);
    return status;
}
