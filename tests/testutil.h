/*
 * tests/testutil.h - what the Check suites share: scratch case files and
 * one-line queries on them
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef TESTUTIL_H
#define TESTUTIL_H

#include <stdint.h>

#include "timeline/timeline.h"

/* Create a fresh case /tmp/ftl-check-<tag>-<pid>.ftl (path receives its
 * name, at least 64 bytes); fails the test when it cannot. */
struct tl_store *tu_case_open(const char *tag, char *path);
/* Close it and remove the file. */
void tu_case_close(struct tl_store *st, const char *path);

/* The first column of the first row of 'sql' as text, "(null)" for SQL
 * NULL, "(no row)" when there is none.  A static buffer. */
const char *tu_one(struct tl_store *st, const char *sql);
/* The first column of every row, joined with '|' ("" when none). */
const char *tu_rows(struct tl_store *st, const char *sql);
/* The first column of the first row as an integer (-1 when none). */
int64_t tu_count(struct tl_store *st, const char *sql);

#endif
