/*
 * cli/info.c - 'ftl info': summarise a case
 *
 * SPDX-License-Identifier: MIT
 */
#include <getopt.h>
#include <stdio.h>

#include "cli/cli.h"
#include "export/export.h"

void help_info(FILE *out, const char *topic)
{
    (void)topic;
    fputs("usage: ftl info [-c CASE] [--record]\n"
          "\n"
          "Evidence with hashes and status, event counts per source and "
          "artifact,\n"
          "the time span, indicator hits, warnings and the commands run on "
          "the case.\n"
          "The case is opened read-only and left as it was.\n"
          "  -c, --case FILE     case file (default ./case.ftl, or "
          "$FTL_CASE)\n"
          "      --record        add this command to the case's audit "
          "table\n"
          "                      (needs write access to the case)\n", out);
}

int cmd_info(int argc, char **argv)
{
    static const struct option opts[] = {
        { "case", required_argument, NULL, 'c' },
        { "record", no_argument, NULL, 'r' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 }
    };
    struct ftl_err err = { 0 };
    struct cli_case c;
    const char *path = NULL;
    int ch, rc, record = 0;

    while ((ch = getopt_long(argc, argv, ":c:h", opts, NULL)) != -1) {
        switch (ch) {
        case 'c': path = optarg; break;
        case 'h': help_info(stdout, NULL); return 0;
        case 'r': record = 1; break;
        default: return cli_bad_option("info", ch, argv, opts);
        }
    }
    if (optind != argc)
        return cli_bad_argument("info", argv[optind]);
    path = cli_case_path(path);
    if ((record ? cli_case_open_recorded : cli_case_open)(&c, "info", path,
                                                           argc, argv))
        return 1;
    rc = exp_info(c.st, stdout, &err);
    if (rc)
        cli_say(err.msg);
    cli_case_close(&c, rc ? 1 : 0, NULL);
    return rc ? 1 : 0;
}
