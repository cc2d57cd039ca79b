/*
 * cli/util.c - what the commands share: messages, usage, wrapped text
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "base/escape.h"
#include "cli/cli.h"

/* Width of the help texts: one column short of a classic terminal. */
#define WRAP_COLUMNS 79

void cli_say(const char *msg)
{
    fputs("ftl: ", stderr);
    ftl_esc_term(stderr, msg);
    putc('\n', stderr);
}

void cli_sayf(const char *fmt, ...)
{
    char msg[1024];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    cli_say(msg);
}

int cli_usage_error(void (*help)(FILE *out, const char *topic),
                    const char *topic)
{
    help(stderr, topic);
    return CLI_EXIT_USAGE;
}

int cli_wants_help(int argc, char **argv)
{
    return argc >= 2 && (strcmp(argv[1], "--help") == 0 ||
                         strcmp(argv[1], "-h") == 0);
}

void cli_wrap(FILE *out, int indent, int col, const char *text)
{
    const char *p = text, *end;
    size_t n;

    while (*p) {
        while (*p == ' ')
            p++;
        end = p + strcspn(p, " ");
        n = (size_t)(end - p);
        if (col > indent && col + 1 + (int)n > WRAP_COLUMNS) {
            fprintf(out, "\n%*s", indent, "");
            col = indent;
        } else if (col > indent) {
            putc(' ', out);
            col++;
        } else if (col < indent) {
            fprintf(out, "%*s", indent - col, "");
            col = indent;
        }
        fwrite(p, 1, n, out);
        col += (int)n;
        p = end;
    }
    putc('\n', out);
}
