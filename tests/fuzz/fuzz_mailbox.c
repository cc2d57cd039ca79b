/*
 * tests/fuzz/fuzz_mailbox.c - the mail-store collector: the mbox and
 * MMDF splitter, the headers, the MIME walk through GMime, the decoded
 * parts, attached archives (collectors/mailbox/)
 *
 * The first byte picks --format (auto, mbox, mmdf, eml) and
 * --ignore-content-length; the rest is a mail file found inside other
 * evidence, collected into the scratch case with the default
 * indicators.  Property: the collection succeeds, or says the file is
 * no mail (damage in mail is a warning, never a failure), or, when not
 * a byte of it can be read (a compressed stream damaged at its start),
 * fails as bad input with a message naming the file: the disk collector
 * then records a warning on the image and goes on.
 *
 * SPDX-License-Identifier: MIT
 */
#include <string.h>

#include "collectors/mailbox/mailbox_int.h"
#include "tests/fuzz/fuzzutil.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct mbx_run run;
    static int init;
    struct mbx_opts o;
    struct mbx_input in;
    struct ftl_err err = { 0 };
    struct col_ctx *ctx;
    struct col_src *src;
    int rc;

    if (!size)
        return 0;
    if (!init) {
        if (col_mailbox.init(&err))
            fu_fail("GMime: %s", err.msg);
        /* Hashed on this thread: no digest worker to outlive an input. */
        run.hasher_tried = 1;
        init = 1;
    }
    memset(&o, 0, sizeof(o));
    o.format = data[0] & 3;
    o.ignore_cl = (data[0] >> 2) & 1;
    ctx = fu_ctx();
    src = fu_src("img//var/mail/fuzz", data + 1, size - 1);
    mbx_input_src(&in, src);
    rc = mbx_item_collect(ctx, &run, &o, &in, col_src_name(src), 0,
                          fu_inner("mail"), 1, &err);
    col_src_close(src);
    if (rc == FTL_EPARSE && strstr(err.msg, "img//var/mail/fuzz"))
        return 0;
    if (rc != FTL_OK && rc != FTL_DONE)
        fu_fail("collection failed (%d): %s", rc, err.msg);
    return 0;
}
