/*
 * tests/fuzz/fuzz_maillog.c - the mail-log collector: both passes over
 * a log, each dialect's parser (postfix, sendmail, exim, Barracuda),
 * the transactions and their rows (collectors/maillog/)
 *
 * The first byte picks --format (auto, postfix, sendmail, exim,
 * barracuda, syslog); the rest is a log found inside other evidence,
 * collected into the scratch case with the default indicators.
 * Property: the collection succeeds or says the stream is no log (bad
 * lines are warnings, never a failure).
 *
 * SPDX-License-Identifier: MIT
 */
#include <string.h>

#include "collectors/maillog/maillog_int.h"
#include "tests/fuzz/fuzzutil.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct ml_opts o = { ML_AUTO, 0, NULL };
    struct ftl_err err = { 0 };
    struct col_ctx *ctx;
    struct col_src *src;
    int rc;

    if (!size)
        return 0;
    o.fmt = data[0] % ML_FMT_COUNT;
    ctx = fu_ctx();
    src = fu_src("img//var/log/mail.log", data + 1, size - 1);
    rc = col_ml_collect_stream(ctx, src, 0, fu_inner("mail.log"), &o, &err);
    col_src_close(src);
    if (rc != FTL_OK && rc != FTL_DONE)
        fu_fail("collection failed (%d): %s", rc, err.msg);
    return 0;
}
