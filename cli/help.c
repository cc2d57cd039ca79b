/*
 * cli/help.c - 'ftl help [COMMAND [TOPIC]]' and 'ftl --help'
 *
 * Each command has one help text, its row's help(); 'ftl COMMAND
 * --help' and 'ftl help COMMAND' both print it.  'ftl help --list WHAT'
 * prints names one a line from the tables that the commands use
 * themselves, so that the bash completion (data/completion/ftl.bash)
 * never offers a name ftl does not know.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "collectors/collectors.h"
#include "export/export.h"

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
          "       ftl [-c CASE] help --list WHAT\n"
          "\n"
          "Without a command, the list of commands.  With one, its options,\n"
          "as 'ftl COMMAND --help' prints them; a TOPIC narrows them to one\n"
          "evidence kind ('ftl help collect disk') or one format ('ftl help\n"
          "export csv').\n"
          "\n"
          "      --list WHAT   names one a line, for scripts and completion:\n"
          "                    commands, kinds, formats, langs (of the report)\n"
          "                    or tables (of the case, opened read-only)\n",
          out);
}

static int put_name(const char *name, void *arg)
{
    (void)arg;
    puts(name);
    return 0;
}

/* The tables 'ftl export csv --table' can write from the case ftl would
 * open: its own, since an older case lacks the newer tables. */
static int list_tables(void)
{
    struct ftl_err err = { 0 };
    struct cli_case c;
    int rc;

    if (cli_case_open(&c, "export", cli_case_path(NULL), 0, NULL))
        return 1;
    rc = tl_tables_each(c.st, put_name, NULL, &err);
    if (rc)
        cli_say(err.msg);
    cli_case_close(&c, rc ? 1 : 0, NULL);
    return rc ? 1 : 0;
}

/* The formats in the order of exp_formats[], each once (csv has two
 * rows). */
static void list_formats(void)
{
    const struct exp_format *f, *g;

    for (f = exp_formats; f->name; f++) {
        for (g = exp_formats; g < f && strcmp(g->name, f->name) != 0; g++)
            ;
        if (g == f)
            puts(f->name);
    }
}

static int list_names(const char *what)
{
    const struct cli_command *c;
    const char *lang;
    int i;

    if (strcmp(what, "commands") == 0)
        for (c = commands; c->name; c++)
            puts(c->name);
    else if (strcmp(what, "kinds") == 0)
        for (i = 0; col_registry[i]; i++)
            puts(col_registry[i]->name);
    else if (strcmp(what, "formats") == 0)
        list_formats();
    else if (strcmp(what, "langs") == 0)
        for (i = 0; (lang = exp_html_lang(i)); i++)
            puts(lang);
    else if (strcmp(what, "tables") == 0)
        return list_tables();
    else {
        cli_cmd_sayf("help", "cannot list '%s': commands, kinds, formats, "
                     "langs or tables", what);
        return CLI_EXIT_USAGE;
    }
    return 0;
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
    if (strcmp(argv[1], "--list") == 0)
        return argc == 3 ? list_names(argv[2])
                         : cli_usage_error(help_help, NULL);
    if (strncmp(argv[1], "--list=", 7) == 0 && argc == 2)
        return list_names(argv[1] + 7);
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
