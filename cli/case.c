/*
 * cli/case.c - the case file, opened the way a command's row says, and
 * the audit row of the command
 *
 * Every command run against a case adds an audit row before it works and
 * closes it with the exit status and counts: the chain of custody of the
 * case file itself.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

const char *cli_case_path(const char *opt)
{
    const char *env = getenv("FTL_CASE");

    if (opt)
        return opt;
    return env && *env ? env : "case.ftl";
}

/* Characters a shell leaves alone outside quotes. */
static const char plain[] =
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    "-_./=:@,+%";

/* The command line as one shell-quoted string, for the audit table;
 * malloc'd, NULL when out of memory. */
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
        if (*s && strspn(s, plain) == strlen(s)) {
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

/* The store's open mode for a need. */
static int open_mode(enum cli_need need)
{
    switch (need) {
    case CLI_CASE_CREATE:
        return TL_OPEN_CREATE;
    case CLI_CASE_READ:
        /* Still opened for writing: the command records its audit row
         * (issue 10 makes reading read-only). */
    case CLI_CASE_WRITE:
    default:
        return TL_OPEN_WRITE;
    }
}

static int audit_begin(struct cli_case *c, const char *command, int argc,
                       char **argv)
{
    struct ftl_err err = { 0 };
    struct tl_audit a;
    char *args = quote_argv(argc, argv);
    int rc;

    a.argv = args ? args : "?";
    a.command = command;
    a.started = tl_time_now();
    rc = tl_audit_begin(c->st, &a, &c->audit_id, &err);
    free(args);
    if (rc)
        cli_say(err.msg);
    return rc;
}

int cli_case_open(struct cli_case *c, const char *command, const char *path,
                  int argc, char **argv)
{
    const struct cli_command *cmd = cli_command_find(command);
    struct ftl_err err = { 0 };

    memset(c, 0, sizeof(*c));
    c->path = path;
    if (!cmd || cmd->need == CLI_NO_CASE) {
        cli_sayf("'%s' does not work on a case", command);
        return 1;
    }
    if (tl_store_open(&c->st, path, open_mode(cmd->need), &err)) {
        cli_say(err.msg);
        return 1;
    }
    if (audit_begin(c, command, argc, argv)) {
        tl_store_close(c->st);
        c->st = NULL;
        return 1;
    }
    return 0;
}

void cli_case_close(struct cli_case *c, int status, const char *counts)
{
    struct ftl_err err = { 0 };

    if (!c->st)
        return;
    if (c->audit_id && tl_audit_end(c->st, c->audit_id, status, counts,
                                    &err))
        cli_say(err.msg);
    tl_store_close(c->st);
    c->st = NULL;
}
