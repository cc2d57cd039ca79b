/*
 * cli/cli.h - the commands of ftl and what they share
 *
 * ftl.c holds main() and commands[]: each command's name, its function
 * (one file per command in cli/), what it needs of the case and its help
 * text.  A command parses its own options, then opens the case through
 * cli_case_open(), which opens it the way the command's row says: the
 * case is opened in one place, in one way per need.
 *
 * How to add a command:
 *
 *  1. Write cli/<name>.c with 'int cmd_<name>(int argc, char **argv)'
 *     (argv[0] is the command's name) and, when it has options,
 *     'void help_<name>(FILE *out, const char *topic)'; declare both
 *     below.
 *  2. Add its row to commands[] in ftl.c.
 *  3. Test it in tests/e2e/ and document it in README.md, docs/ftl.1.
 *
 * Exit status: 0 success, 1 the work failed, 2 bad usage.  Only the
 * front prints; every module below reports through struct ftl_err.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef CLI_H
#define CLI_H

#include <getopt.h>
#include <stdint.h>
#include <stdio.h>

#include "base/base.h"
#include "timeline/timeline.h"

#define CLI_EXIT_USAGE 2

/* What a command needs of the case before it can work. */
enum cli_need {
    CLI_NO_CASE,       /* none (help) */
    CLI_CASE_READ,     /* an existing case, read */
    CLI_CASE_WRITE,    /* an existing case, written */
    CLI_CASE_CREATE,   /* the case, created when missing */
};

struct cli_command {
    const char *name;
    int (*run)(int argc, char **argv);
    enum cli_need need;
    const char *summary;       /* one line for 'ftl --help' */
    /* The command's help, the one text that 'ftl COMMAND --help' and
     * 'ftl help COMMAND [TOPIC]' print; topic (may be NULL) narrows it,
     * e.g. to one collector or one export format.  NULL: the front runs
     * 'COMMAND --help' instead. */
    void (*help)(FILE *out, const char *topic);
};

/* The table in ftl.c, ended by a row whose name is NULL. */
extern const struct cli_command commands[];

/* The row of command 'name', or NULL. */
const struct cli_command *cli_command_find(const char *name);

/* ---- the commands ------------------------------------------------- */

int cmd_init(int argc, char **argv);
int cmd_collect(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_info(int argc, char **argv);
int cmd_help(int argc, char **argv);
int cmd_analyze(int argc, char **argv);

void help_init(FILE *out, const char *topic);
void help_collect(FILE *out, const char *topic);
void help_export(FILE *out, const char *topic);
void help_info(FILE *out, const char *topic);
void help_help(FILE *out, const char *topic);

/* 'ftl --help': the commands and where to read more (cli/help.c). */
void cli_main_usage(FILE *out);

/* ---- the case (cli/case.c) ---------------------------------------- */

/* An open case and the audit row of the command working on it. */
struct cli_case {
    struct tl_store *st;
    const char *path;
    int64_t audit_id;          /* 0: no audit row */
};

/* The case file: 'opt' (from -c) when given, else $FTL_CASE, else
 * ./case.ftl. */
const char *cli_case_path(const char *opt);

/* Open the case at 'path' the way the row of 'command' says, and start
 * the audit row with the command line argv[0..argc).  Prints what went
 * wrong; returns 0 or 1 (the exit status). */
int cli_case_open(struct cli_case *c, const char *command, const char *path,
                  int argc, char **argv);

/* End the audit row with the exit status and counts (free text, may be
 * NULL) and close the case.  A case that is not open is left alone. */
void cli_case_close(struct cli_case *c, int status, const char *counts);

/* ---- output files (cli/output.c) ---------------------------------- */

/* Where an export goes: standard output, or a file written under a
 * temporary name and renamed into place once complete. */
struct cli_output {
    FILE *f;
    const char *path;          /* NULL: standard output */
    char *tmp;                 /* the temporary name, or NULL */
};

/* Open 'path' (NULL or "-": standard output) for writing.  Prints what
 * went wrong; returns 0 or 1. */
int cli_output_open(struct cli_output *o, const char *path);

/* Finish the output: when ok, flush it and put it in place; otherwise
 * throw it away.  Returns 0, or -1 when it could not be written (and
 * says so when ok). */
int cli_output_close(struct cli_output *o, int ok);

/* ---- messages and options (cli/util.c) ---------------------------- */

/* "ftl: MSG" on stderr, MSG made safe for the terminal: errors, and
 * what a command tells the examiner it did. */
void cli_say(const char *msg);
void cli_sayf(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

/* Print usage to stderr and return CLI_EXIT_USAGE. */
int cli_usage_error(void (*help)(FILE *out, const char *topic),
                    const char *topic);

/* 1 when argv[1] asks for help (-h, --help). */
int cli_wants_help(int argc, char **argv);

/* Write 'text' word-wrapped to 79 columns, every line indented by
 * 'indent' columns; 'col' is the column the cursor is at already (the
 * first line starts there).  Ends with a newline. */
void cli_wrap(FILE *out, int indent, int col, const char *text);

#endif
