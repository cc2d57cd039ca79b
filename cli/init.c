/*
 * cli/init.c - 'ftl init': create the case file or set its details
 *
 * SPDX-License-Identifier: MIT
 */
#include <getopt.h>
#include <stdio.h>
#include <unistd.h>

#include "cli/cli.h"

void help_init(FILE *out, const char *topic)
{
    (void)topic;
    fputs("usage: ftl init [-c CASE] [--name ID] [--examiner NAME] "
          "[--tz ZONE]\n"
          "\n"
          "Create the case file (default ./case.ftl, or $FTL_CASE), or "
          "update\n"
          "its details when it exists.\n"
          "  -c, --case FILE     case file\n"
          "      --name ID       case name or number\n"
          "      --examiner NAME who builds the timeline\n"
          "      --tz ZONE       display time zone of the case (IANA "
          "name)\n", out);
}

struct init_args {
    const char *path, *name, *examiner, *zone;
};

/* 0, or the exit status of a usage error (help already printed). */
static int parse(struct init_args *a, int argc, char **argv)
{
    static const struct option opts[] = {
        { "case", required_argument, NULL, 'c' },
        { "name", required_argument, NULL, 'n' },
        { "examiner", required_argument, NULL, 'e' },
        { "tz", required_argument, NULL, 'z' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 }
    };
    int c;

    while ((c = getopt_long(argc, argv, ":c:h", opts, NULL)) != -1) {
        switch (c) {
        case 'c': a->path = optarg; break;
        case 'n': a->name = optarg; break;
        case 'e': a->examiner = optarg; break;
        case 'z': a->zone = optarg; break;
        case 'h': help_init(stdout, NULL); return -1;
        default: return cli_bad_option("init", c, argv, opts);
        }
    }
    if (optind != argc)
        return cli_bad_argument("init", argv[optind]);
    return 0;
}

int cmd_init(int argc, char **argv)
{
    struct init_args a = { NULL, NULL, NULL, NULL };
    struct ftl_err err = { 0 };
    struct cli_case c;
    struct tl_tz *tz = NULL;
    int existed, rc;

    if ((rc = parse(&a, argc, argv)))
        return rc < 0 ? 0 : rc;
    if (a.zone && tl_tz_open(&tz, a.zone, &err)) {
        cli_say(err.msg);
        return CLI_EXIT_USAGE;
    }
    tl_tz_close(tz);
    a.path = cli_case_path(a.path);
    existed = access(a.path, F_OK) == 0;
    if (cli_case_open(&c, "init", a.path, argc, argv))
        return 1;
    if ((a.name && (rc = tl_case_set(c.st, "name", a.name, &err))) ||
        (a.examiner &&
         (rc = tl_case_set(c.st, "examiner", a.examiner, &err))) ||
        (a.zone && (rc = tl_case_set(c.st, "tz", a.zone, &err))))
        cli_say(err.msg);
    else
        cli_sayf("%s case '%s'", existed ? "updated" : "created", a.path);
    cli_case_close(&c, rc ? 1 : 0, NULL);
    return rc ? 1 : 0;
}
