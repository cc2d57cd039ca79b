/*
 * cli/case.c - the case file, opened the way a command's row says, and
 * the audit row of the command
 *
 * A command that writes the case adds an audit row before it works and
 * closes it with the exit status and counts: the chain of custody of the
 * case file itself.  A command that only reads (info, export) opens it
 * read-only and leaves its bytes as they were, so that the SHA-256 of
 * the case is the same before and after, and a write-protected case can
 * be read; with --record it opens the case for writing to add its audit
 * row.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

const char *cli_case_path(const char *opt)
{
    const char *env = getenv("FTL_CASE");

    if (opt)
        return opt;
    if (cli_case_opt)
        return cli_case_opt;
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

/* The store's open mode for a need; 'record': a reader that writes its
 * audit row. */
static int open_mode(enum cli_need need, int record)
{
    switch (need) {
    case CLI_CASE_CREATE:
        return TL_OPEN_CREATE;
    case CLI_CASE_READ:
        return record ? TL_OPEN_WRITE : TL_OPEN_READ;
    case CLI_CASE_RECORD:
        return TL_OPEN_WRITE;  /* or read: see may_write() */
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
    char *args;
    int rc;

    /* the whole command line when main() kept it (ftl -c CASE CMD) */
    if (cli_line_argv)
        args = quote_argv(cli_line_argc, cli_line_argv);
    else
        args = quote_argv(argc, argv);
    a.argv = args ? args : "?";
    a.command = command;
    a.started = tl_time_now();
    rc = tl_audit_begin(c->st, &a, &c->audit_id, &err);
    free(args);
    if (rc)
        cli_say(err.msg);
    return rc;
}

/* Whether this user may write the case and make a journal beside it
 * (SQLite needs both); a CLI_CASE_RECORD command reads it otherwise. */
static int may_write(const char *path)
{
    const char *slash = strrchr(path, '/');
    char *dir;
    int ok;

    if (access(path, W_OK) != 0)
        return 0;
    if (!slash)
        return access(".", W_OK) == 0;
    if (!(dir = strndup(path, slash == path ? 1 : (size_t)(slash - path))))
        return 0;
    ok = access(dir, W_OK) == 0;
    free(dir);
    return ok;
}

/* A CLI_CASE_RECORD command on a case it cannot write: read it. */
static int open_readonly(struct cli_case *c, struct ftl_err *err)
{
    if (c->st)
        tl_store_close(c->st);
    c->st = NULL;
    c->audit_id = 0;
    c->readonly = 1;
    return tl_store_open(&c->st, c->path, TL_OPEN_READ, err);
}

static int case_open(struct cli_case *c, const char *command, int record,
                     const char *path, int argc, char **argv)
{
    const struct cli_command *cmd = cli_command_find(command);
    struct ftl_err err = { 0 };
    int mode;

    memset(c, 0, sizeof(*c));
    c->path = path;
    if (!cmd || cmd->need == CLI_NO_CASE) {
        cli_sayf("'%s' does not work on a case", command);
        return 1;
    }
    mode = open_mode(cmd->need, record);
    if (cmd->need == CLI_CASE_RECORD && !may_write(path)) {
        if (open_readonly(c, &err)) {
            cli_say(err.msg);
            return 1;
        }
        return 0;
    }
    if (tl_store_open(&c->st, path, mode, &err)) {
        cli_say(err.msg);
        if (record && err.code == FTL_EDB)
            cli_say("--record writes the command into the case: it needs "
                    "write access to the case and its folder");
        return 1;
    }
    c->created = tl_store_created(c->st);
    c->readonly = mode == TL_OPEN_READ;
    if (mode != TL_OPEN_READ && cmd->need == CLI_CASE_RECORD &&
        audit_begin(c, command, argc, argv)) {
        /* writable by its modes, not in fact (a read-only mount) */
        if (open_readonly(c, &err)) {
            cli_say(err.msg);
            return 1;
        }
        return 0;
    }
    if (mode != TL_OPEN_READ && audit_begin(c, command, argc, argv)) {
        tl_store_close(c->st);
        c->st = NULL;
        if (record)
            cli_say("--record writes the command into the case: it needs "
                    "write access to the case and its folder");
        return 1;
    }
    return 0;
}

int cli_case_open(struct cli_case *c, const char *command, const char *path,
                  int argc, char **argv)
{
    return case_open(c, command, 0, path, argc, argv);
}

int cli_case_open_recorded(struct cli_case *c, const char *command,
                           const char *path, int argc, char **argv)
{
    return case_open(c, command, 1, path, argc, argv);
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

int cli_case_discard_empty(struct cli_case *c)
{
    struct ftl_err err = { 0 };
    int rc;

    if (!c->st || !c->created)
        return 0;
    rc = tl_store_remove_if_empty(&c->st, c->audit_id, &err);
    if (rc < 0)
        cli_say(err.msg);
    return rc == FTL_OK;
}
