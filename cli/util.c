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

void cli_cmd_sayf(const char *cmd, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    fprintf(stderr, "ftl %s: ", cmd);
    ftl_esc_term(stderr, msg);
    putc('\n', stderr);
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

/* ---- option mistakes ---------------------------------------------- */

/* Edit distance (insertions, deletions, substitutions, and swaps of two
 * neighbours) between a and b, capped at 9: enough to tell a typo. */
static int distance(const char *a, size_t na, const char *b)
{
    size_t nb = strlen(b), i, j;
    int d[3][32], best, v;

    if (na > 30 || nb > 30)
        return 9;
    for (j = 0; j <= nb; j++)
        d[0][j] = (int)j;
    for (i = 1; i <= na; i++) {
        int *cur = d[i % 3], *prev = d[(i - 1) % 3], *prev2 = d[(i + 1) % 3];

        cur[0] = (int)i;
        for (j = 1; j <= nb; j++) {
            best = prev[j - 1] + (a[i - 1] != b[j - 1]);
            if ((v = prev[j] + 1) < best)
                best = v;
            if ((v = cur[j - 1] + 1) < best)
                best = v;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
                a[i - 2] == b[j - 1] && (v = prev2[j - 2] + 1) < best)
                best = v;
            cur[j] = best;
        }
    }
    return d[na % 3][nb] < 9 ? d[na % 3][nb] : 9;
}

/* The long option closest to name[0..n), when it is close enough to be
 * the one meant; NULL otherwise. */
static const char *closest(const char *name, size_t n,
                           const struct option *longopts)
{
    const char *best = NULL;
    int d, best_d = 3;

    for (; longopts && longopts->name; longopts++) {
        d = distance(name, n, longopts->name);
        if (d < best_d && (size_t)d < n) {
            best_d = d;
            best = longopts->name;
        }
    }
    return best;
}

/* The long options that start with name[0..n), ", "-separated. */
static int prefixed(const char *name, size_t n, const struct option *o,
                    char *out, size_t outsz)
{
    size_t len = 0;
    int k = 0;

    out[0] = '\0';
    for (; o && o->name; o++) {
        if (strncmp(o->name, name, n) != 0)
            continue;
        k++;
        if (len < outsz)
            len += (size_t)snprintf(out + len, outsz - len, "%s--%s",
                                    len ? ", " : "", o->name);
    }
    return k;
}

/* What was wrong with a long option arg ("--frm", "--bom=1"), into msg. */
static void long_mistake(char *msg, size_t n, const char *arg, int c,
                         const struct option *longopts)
{
    const char *name = arg + 2, *eq = strchr(name, '=');
    size_t len = eq ? (size_t)(eq - name) : strlen(name);
    const char *near;
    char list[256];

    if (c == ':')
        snprintf(msg, n, "option '--%.*s' needs a value", (int)len, name);
    else if (optopt)
        snprintf(msg, n, "option '--%.*s' takes no value", (int)len, name);
    else if (prefixed(name, len, longopts, list, sizeof(list)) > 1)
        snprintf(msg, n, "option '--%.*s' is ambiguous (%s)", (int)len, name,
                 list);
    else if ((near = closest(name, len, longopts)))
        snprintf(msg, n, "unknown option '--%.*s' (did you mean '--%s'?)",
                 (int)len, name, near);
    else
        snprintf(msg, n, "unknown option '--%.*s'", (int)len, name);
}

int cli_bad_option(const char *cmd, int c, char **argv,
                   const struct option *longopts)
{
    const char *arg = optind > 0 ? argv[optind - 1] : "";
    char msg[512];

    if (arg && strncmp(arg, "--", 2) == 0 && arg[2])
        long_mistake(msg, sizeof(msg), arg, c, longopts);
    else if (c == ':')
        snprintf(msg, sizeof(msg), "option '-%c' needs a value", optopt);
    else if (optopt > 0x20 && optopt < 0x7f)
        snprintf(msg, sizeof(msg), "unknown option '-%c'", optopt);
    else
        snprintf(msg, sizeof(msg), "unknown option '%s'", arg ? arg : "");
    cli_cmd_sayf(cmd, "%s; see 'ftl %s --help'", msg, cmd);
    return CLI_EXIT_USAGE;
}

int cli_bad_argument(const char *cmd, const char *arg)
{
    cli_cmd_sayf(cmd, "unexpected argument '%s'; see 'ftl %s --help'", arg,
                 cmd);
    return CLI_EXIT_USAGE;
}
