/*
 * tests/check_main.c - runs every Check suite
 *
 * The Makefile writes suites.h with one SUITE(name) per tests/check_<name>.c
 * file.  CK_RUN_SUITE=<name> runs one suite, CK_RUN_CASE=<fn> one test case
 * (Check reads both itself).
 *
 * Check's timeout is there to catch a hang, not to time the code: its
 * default of 4 seconds fails the property and analysis tests on a shared
 * machine under load (seen at a load average of 12 on 2 cores), so the
 * default here is 60 s; CK_DEFAULT_TIMEOUT still overrides it.
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

    setenv("CK_DEFAULT_TIMEOUT", "60", 0);
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
