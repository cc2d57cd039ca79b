/*
 * base/fault.h - crash points for the tests, inert in the real ftl
 *
 * ftl_fault_point("event") marks a place where a crash must leave the
 * case as SQLite's journal makes it: the last committed item.  In the
 * ftl binary it does nothing.  In the test build (base/fault.c compiled
 * with -DFTL_FAULTS into $(O)/ftl-faults, made only for 'make check'),
 * FTL_FAULT_AT=NAME:N in the environment makes the N-th pass through a
 * point called NAME raise SIGKILL on the process: no handler, no atexit,
 * no flush, as a power cut or an OOM kill would.  tests/e2e/t_crash.sh
 * uses it.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef FTL_BASE_FAULT_H
#define FTL_BASE_FAULT_H

/* The points ftl has, by name:
 *   event     after each event row is inserted (timeline/store.c)
 *   item      after each evidence item is committed (timeline/evidence.c)
 *   analyze   before each step of an analysis run and before its commit
 *             (analyze/analyze.c)
 */
void ftl_fault_point(const char *name);

#endif
