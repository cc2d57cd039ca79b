/*
 * cli/help.c - 'ftl help [COMMAND [TOPIC]]' and 'ftl --help'
 *
 * Each command has one help text, its row's help(); 'ftl COMMAND
 * --help' and 'ftl help COMMAND' both print it.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

void cli_main_usage(FILE *out)
{
    const struct cli_command *c;

    fputs("usage: ftl [-c CASE] [--version] [--help] COMMAND [ARGS]\n\n"
          "ftl builds a forensic timeline of a compromised mail gateway in "
          "one\nSQLite case file and exports it.\n\nCommands:\n", out);
    for (c = commands; c->name; c++)
        fprintf(out, "  %-8s %s\n", c->name, c->summary);
    fputs("\nThe case file is ./case.ftl unless -c FILE (before or after "
          "the command)\nor $FTL_CASE says otherwise.  info and export only "
          "read it and leave it\nas it was.  'ftl COMMAND --help' shows a "
          "command's options.  See also ftl(1).\n", out);
}

void help_help(FILE *out, const char *topic)
{
    (void)topic;
    fputs("usage: ftl help [COMMAND [TOPIC]]\n"
          "\n"
          "Without a command, the list of commands.  With one, its options,\n"
          "as 'ftl COMMAND --help' prints them; a TOPIC narrows them to one\n"
          "evidence kind ('ftl help collect disk') or one format ('ftl help\n"
          "export csv').\n", out);
}

int cmd_help(int argc, char **argv)
{
    const struct cli_command *c;
    char *args[] = { NULL, "--help", NULL };

    if (argc < 2) {
        cli_main_usage(stdout);
        return 0;
    }
    if (cli_wants_help(argc, argv)) {
        help_help(stdout, NULL);
        return 0;
    }
    if (argc > 3)
        return cli_usage_error(help_help, NULL);
    if (!(c = cli_command_find(argv[1]))) {
        cli_sayf("no such command '%s'; see 'ftl --help'", argv[1]);
        return CLI_EXIT_USAGE;
    }
    if (c->help) {
        c->help(stdout, argc > 2 ? argv[2] : NULL);
        return 0;
    }
    args[0] = argv[1];
    return c->run(2, args);
}
