/*
 * cli/output.c - where an export is written
 *
 * A file named with -o is written under a temporary name beside it and
 * renamed into place only when everything was written, so that no half
 * report is ever left under the final name.
 *
 * SPDX-License-Identifier: MIT
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

int cli_output_open(struct cli_output *o, const char *path)
{
    int fd;

    memset(o, 0, sizeof(*o));
    if (!path || strcmp(path, "-") == 0) {
        o->f = stdout;
        return 0;
    }
    o->path = path;
    if (!(o->tmp = malloc(strlen(path) + 16))) {
        cli_say("out of memory");
        return 1;
    }
    /* mkstemp: a new file of ours, never one an attacker linked there */
    sprintf(o->tmp, "%s.tmpXXXXXX", path);
    fd = mkstemp(o->tmp);
    if (fd >= 0 && !(o->f = fdopen(fd, "w")))
        close(fd);
    if (!o->f) {
        cli_sayf("cannot write '%s': %s", path, strerror(errno));
        if (fd >= 0)
            unlink(o->tmp);
        free(o->tmp);
        o->tmp = NULL;
        return 1;
    }
    return 0;
}

int cli_output_close(struct cli_output *o, int ok)
{
    int bad = ferror(o->f);

    if (o->f == stdout) {
        bad |= fflush(stdout) != 0;
    } else {
        bad |= fclose(o->f) != 0;
        if (ok && !bad && rename(o->tmp, o->path) != 0)
            bad = 1;
        if (!ok || bad)
            unlink(o->tmp);
        free(o->tmp);
        o->tmp = NULL;
    }
    o->f = NULL;
    if (bad && ok)
        cli_sayf("cannot write '%s': %s",
                   o->path ? o->path : "standard output", strerror(errno));
    return bad ? -1 : 0;
}
