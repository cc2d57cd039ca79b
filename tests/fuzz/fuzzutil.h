/*
 * tests/fuzz/fuzzutil.h - what the libFuzzer harnesses share
 *
 * A harness (tests/fuzz/fuzz_<name>.c) defines LLVMFuzzerTestOneInput
 * and hands the bytes to one of ftl's parsers.  The parsers that write
 * what they read into a case (the collectors) get a scratch case here,
 * one per process, made again every FU_CASE_INPUTS inputs so that it
 * does not grow without end; a property that does not hold calls
 * fu_fail(), which aborts, and libFuzzer keeps the input.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef TESTS_FUZZ_FUZZUTIL_H
#define TESTS_FUZZ_FUZZUTIL_H

#include <stddef.h>
#include <stdint.h>

#include "collectors/collectors.h"
#include "timeline/timeline.h"

#define FU_CASE_INPUTS 2000

/* A NUL-terminated copy of data[0..n) (malloc'd; aborts when memory is
 * out). */
char *fu_strndup(const uint8_t *data, size_t n);

/* The process's scratch case under $TMPDIR (or /tmp), fresh every
 * FU_CASE_INPUTS calls, removed at exit. */
struct tl_store *fu_case(void);

/* A collector context on fu_case(), with the default indicators loaded
 * once (so that the indicator checks run too).  Call
 * col_ctx_release() is not needed: the context lives for the process. */
struct col_ctx *fu_ctx(void);

/* A col_src over data[0..n) named 'name'. */
struct col_src *fu_src(const char *name, const uint8_t *data, size_t n);

/* A distinct inner path per call ("/fuzz/<prefix>.N"), so that no input
 * is skipped as already in the case. */
const char *fu_inner(const char *prefix);

/* data[0..n) written to a file of its own (the same path each call,
 * under $TMPDIR), for the parsers that take a path; returns the path. */
const char *fu_file(const char *ext, const uint8_t *data, size_t n);

/* Report a property that does not hold, and abort. */
void fu_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2),
                                                  noreturn));

#endif
