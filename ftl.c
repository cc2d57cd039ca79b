/*
 * ftl.c - main() and the table of commands
 *
 *   ftl init | collect KIND | export FORMAT | analyze | merge | info | verify
 *       | help
 *       | --version
 *
 * Each row names a command, the function in cli/ that runs it, what it
 * needs of the case (cli_case_open() opens the case the way the row
 * says) and its help text.  Exit status: 0 success, 1 the work failed,
 * 2 bad usage.
 *
 * SPDX-License-Identifier: MIT
 */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "ftl.h"
#include "cli/cli.h"

const struct cli_command commands[] = {
    { "init", cmd_init, CLI_CASE_CREATE,
      "create a case file or set its details", help_init },
    { "collect", cmd_collect, CLI_CASE_CREATE,
      "read evidence into the case", help_collect },
    { "export", cmd_export, CLI_CASE_READ,
      "write the case out: the timeline, a table, a body file, the report",
      help_export },
    { "analyze", cmd_analyze, CLI_CASE_WRITE, "date the compromise, follow "
      "messages, compare clocks, find exposures", help_analyze },
    { "merge", cmd_merge, CLI_CASE_CREATE,
      "merge cases collected on other machines into one", help_merge },
    { "info", cmd_info, CLI_CASE_READ, "summarise a case", help_info },
    { "verify", cmd_verify, CLI_CASE_RECORD, "read the evidence again and "
      "compare its SHA-256 with the case", help_verify },
    { "help", cmd_help, CLI_NO_CASE, "show help for a command", help_help },
    { NULL, NULL, CLI_NO_CASE, NULL, NULL }
};

const struct cli_command *cli_command_find(const char *name)
{
    const struct cli_command *c;

    for (c = commands; c->name; c++)
        if (strcmp(c->name, name) == 0)
            return c;
    return NULL;
}

const char *cli_case_opt;
int cli_line_argc;
char **cli_line_argv;

/* The options before the command: -c CASE (--case CASE, --case=CASE),
 * as git -C takes its folder.  Returns how many arguments they took, or
 * -1 after a usage message. */
static int global_options(int argc, char **argv)
{
    int i = 1;

    while (i < argc && argv[i][0] == '-') {
        if (strcmp(argv[i], "-c") == 0 || strcmp(argv[i], "--case") == 0) {
            if (i + 1 >= argc) {
                fprintf(stderr, "ftl: option '%s' needs a value; see "
                        "'ftl --help'\n", argv[i]);
                return -1;
            }
            cli_case_opt = argv[i + 1];
            i += 2;
        } else if (strncmp(argv[i], "--case=", 7) == 0) {
            cli_case_opt = argv[i] + 7;
            i++;
        } else {
            break;             /* --help, --version, or a mistake */
        }
    }
    return i - 1;
}

int main(int argc, char **argv)
{
    const struct cli_command *c;
    int k;

    opterr = 0;                /* the commands say what was wrong */
    /* A write past RLIMIT_FSIZE fails with EFBIG instead of killing ftl
     * without a word: SQLite rolls the item back and ftl says why. */
    signal(SIGXFSZ, SIG_IGN);
    cli_line_argc = argc - 1;
    cli_line_argv = argv + 1;
    if ((k = global_options(argc, argv)) < 0)
        return CLI_EXIT_USAGE;
    argc -= k;
    argv += k;
    if (argc < 2) {
        cli_main_usage(stderr);
        return CLI_EXIT_USAGE;
    }
    if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
        puts(ftl_tool_version);
        return 0;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        cli_main_usage(stdout);
        return 0;
    }
    if ((c = cli_command_find(argv[1])))
        return c->run(argc - 1, argv + 1);
    fprintf(stderr, "ftl: '%s' is not an ftl command; see 'ftl --help'\n",
            argv[1]);
    return CLI_EXIT_USAGE;
}
