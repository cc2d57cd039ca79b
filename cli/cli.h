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
    CLI_CASE_RECORD,   /* an existing case, written when it can be,
                          else read (verify records only where it may) */
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
int cmd_verify(int argc, char **argv);
int cmd_merge(int argc, char **argv);

void help_init(FILE *out, const char *topic);
void help_collect(FILE *out, const char *topic);
void help_export(FILE *out, const char *topic);
void help_info(FILE *out, const char *topic);
void help_help(FILE *out, const char *topic);
void help_analyze(FILE *out, const char *topic);
void help_verify(FILE *out, const char *topic);
void help_merge(FILE *out, const char *topic);

/* 'ftl --help': the commands and where to read more (cli/help.c). */
void cli_main_usage(FILE *out);

/* ---- the case (cli/case.c) ---------------------------------------- */

/* Set by main() (ftl.c) from what comes before the command: the case
 * of 'ftl -c CASE COMMAND' (NULL when none), and the whole command line
 * after the program's name, for the audit table (NULL: the command's
 * own argv is recorded). */
extern const char *cli_case_opt;
extern int cli_line_argc;
extern char **cli_line_argv;

/* An open case and the audit row of the command working on it. */
struct cli_case {
    struct tl_store *st;
    const char *path;
    int64_t audit_id;          /* 0: no audit row */
    int created;               /* this command created the file */
    int readonly;              /* opened read-only: nothing recorded */
};

/* The case file: 'opt' (the command's -c) when given, else the -c before
 * the command, else $FTL_CASE, else ./case.ftl. */
const char *cli_case_path(const char *opt);

/* Open the case at 'path' the way the row of 'command' says, and, unless
 * it only reads (CLI_CASE_READ: opened read-only, nothing written),
 * start the audit row with the command line.  Prints what went wrong;
 * returns 0 or 1 (the exit status). */
int cli_case_open(struct cli_case *c, const char *command, const char *path,
                  int argc, char **argv);

/* The same, but a reader opens the case for writing and records its
 * audit row too (--record). */
int cli_case_open_recorded(struct cli_case *c, const char *command,
                           const char *path, int argc, char **argv);

/* A case this command created and that holds no evidence is removed
 * (a run that collected nothing leaves no empty case behind); 1 when it
 * was, and c is then closed. */
int cli_case_discard_empty(struct cli_case *c);

/* End the audit row with the exit status and counts (free text, may be
 * NULL) and close the case.  A case that is not open is left alone. */
void cli_case_close(struct cli_case *c, int status, const char *counts);

/* ---- output files (cli/output.c) ---------------------------------- */

/* Where an export goes: standard output, a device or FIFO written in
 * place, or a regular file written under a temporary name and renamed
 * into place once complete (cli/output.c says why). */
struct cli_output {
    FILE *f;                   /* write here */
    const char *path;          /* -o, NULL for standard output */
    const char *name;          /* for messages */
    char sha256[65];           /* of the bytes written, after close */
    /* internal */
    int fd;
    int in_place;              /* a device or FIFO */
    char *tmp;                 /* the temporary name, or NULL */
    struct ftl_digest *dg;
    int werrno;                /* errno of a failed write */
    struct cli_writer *w;      /* the writer thread (cli/output.c) */
};

/* Open 'path' (NULL or "-": standard output) for writing.  A symbolic
 * link, a directory, a block device and the case file itself
 * ('case_path', may be NULL) are refused.  Prints what went wrong;
 * returns 0, 1, or CLI_EXIT_USAGE for a path that may not be written. */
int cli_output_open(struct cli_output *o, const char *path,
                    const char *case_path);

/* Finish the output: when ok, flush it and put it in place; otherwise
 * throw a temporary file away.  Returns 0, or -1 when it could not be
 * written (and says so when ok).  o->sha256 then holds the digest. */
int cli_output_close(struct cli_output *o, int ok);

/* ---- messages and options (cli/util.c) ---------------------------- */

/* "ftl: MSG" on stderr, MSG made safe for the terminal: errors, and
 * what a command tells the examiner it did. */
void cli_say(const char *msg);
void cli_sayf(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));
/* "ftl CMD: MSG", for a mistake in how command 'cmd' was called. */
void cli_cmd_sayf(const char *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* A getopt_long() mistake (it returned c, '?' or ':'; opterr is 0 and
 * the option string starts with ':') said in one line:
 *   ftl export: unknown option '--frm' (did you mean '--from'?); see
 *   'ftl export --help'
 * 'cmd' is the command as typed ("export", "collect disk").  Returns
 * CLI_EXIT_USAGE. */
int cli_bad_option(const char *cmd, int c, char **argv,
                   const struct option *longopts);

/* "ftl info: unexpected argument 'x'; see 'ftl info --help'";
 * returns CLI_EXIT_USAGE. */
int cli_bad_argument(const char *cmd, const char *arg);

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
