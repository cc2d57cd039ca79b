/*
 * tests/check_main.c - runs every Check suite
 *
 * The Makefile writes suites.h with one SUITE(name) per tests/check_<name>.c
 * file.  CK_RUN_SUITE=<name> runs one suite, CK_RUN_CASE=<fn> one test case
 * (Check reads both itself).
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdlib.h>

#include <check.h>

#define SUITE(x) Suite *x##_suite(void);
#include "suites.h"
#undef SUITE

#define SUITE(x) x##_suite,
static Suite *(*const suites[])(void) = {
#include "suites.h"
};
#undef SUITE

int main(void)
{
    SRunner *sr = NULL;
    size_t i;
    int failed;

    for (i = 0; i < sizeof(suites) / sizeof(suites[0]); i++) {
        if (!sr)
            sr = srunner_create(suites[i]());
        else
            srunner_add_suite(sr, suites[i]());
    }
    srunner_run_all(sr, CK_ENV);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
