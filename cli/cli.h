/*
 * cli/cli.h - the subcommands of ftl, one file each in cli/
 *
 * Each takes the arguments after 'ftl' (argv[0] is the command's name)
 * and returns the exit status: 0 success, 1 the work failed, 2 bad
 * usage.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef CLI_H
#define CLI_H

/* ftl analyze (cli/analyze.c) */
int cmd_analyze(int argc, char **argv);

#endif
