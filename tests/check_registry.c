/*
 * tests/check_registry.c - collectors/registry.c: finding collectors, and
 * which collector claims a file found inside a disk image
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <string.h>

#include <check.h>

#include "collectors/collectors.h"

/* What the claims of the registry give for paths of a Barracuda ESG's
 * disk and of Unix systems. */
START_TEST(test_registry_claimant_defaults)
{
    static const struct {
        const char *path;
        const struct col_ops *want;
    } cases[] = {
        { "/mail/log/maillog", &col_maillog },
        { "/mail/log/archive/maillog.3.gz", &col_maillog },
        { "/var/log/maillog.1", &col_maillog },
        { "/var/log/mail.log", &col_maillog },
        { "/var/log/mail/mail.err", &col_maillog },
        { "/mail/mstore/0/1/a1b2c3", &col_mailbox },
        { "/home/u/Maildir/cur/1.host:2,S", &col_mailbox },
        { "/x/y/z.eml", &col_mailbox },
        { "/var/mail/root", &col_mailbox },
        { "/var/spool/mail/root", &col_mailbox },
        { "/a/b.mbox", &col_mailbox },
        /* a mail log is a mail log even where a store pattern matches */
        { "/mail/log/x.eml", &col_maillog },
        { "/var/log/messages", NULL },
        { "/home/mail/log", NULL },
        { "/etc/passwd", NULL },
        { "/var/mail", NULL },
    };
    size_t i;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const struct col_ops *got = col_claimant(cases[i].path, NULL, NULL);

        ck_assert_msg(got == cases[i].want, "%s: got %s, want %s",
                      cases[i].path, got ? got->name : "none",
                      cases[i].want ? cases[i].want->name : "none");
    }
}
END_TEST

/* Extra patterns, as --logs and --mail give them: collector i's. */
static const char *const *extra_test(void *arg, int i)
{
    const char *const *const *by = arg;

    return by[i];
}

START_TEST(test_registry_claimant_extra)
{
    static const char *const logs[] = { "/etc/cron.*/*", NULL };
    static const char *const mail[] = { "/docs/*.txt", "/etc/*", NULL };
    const char *const *by[16] = { 0 };
    int n = col_count(), il = col_claim_opt_find("logs"),
        im = col_claim_opt_find("mail");

    ck_assert_int_lt(n, 16);
    ck_assert_int_ge(il, 0);
    ck_assert_int_ge(im, 0);
    ck_assert_ptr_eq(col_registry[il], &col_maillog);
    ck_assert_ptr_eq(col_registry[im], &col_mailbox);
    by[il] = logs;
    by[im] = mail;
    ck_assert_ptr_eq(col_claimant("/etc/cron.d/x", extra_test, by),
                     &col_maillog);
    ck_assert_ptr_eq(col_claimant("/docs/a/b.txt", extra_test, by),
                     &col_mailbox);
    ck_assert_ptr_eq(col_claimant("/etc/passwd", extra_test, by),
                     &col_mailbox);
    /* the defaults still hold beside the extra patterns */
    ck_assert_ptr_eq(col_claimant("/var/log/mail.log", extra_test, by),
                     &col_maillog);
    ck_assert_ptr_null(col_claimant("/docs/a.pdf", extra_test, by));
    ck_assert_ptr_null(col_claimant("/docs/a.txt", NULL, NULL));
    ck_assert_int_eq(col_claim_opt_find("offset"), -1);
    ck_assert_int_eq(col_claim_opt_find(""), -1);
}
END_TEST

START_TEST(test_registry_glob_any)
{
    static const char *const g[] = { "*.eml", "/a/*", NULL };

    ck_assert(col_glob_any(g, "/x/y/z.eml"));   /* '*' crosses '/' */
    ck_assert(col_glob_any(g, "/a/b/c"));
    ck_assert(!col_glob_any(g, "/b/a/c"));
    ck_assert(!col_glob_any(NULL, "/a/b"));
}
END_TEST

/* Every collector that claims files inside an image has what the disk
 * collector needs for it: a stream reader, a name for messages, and its
 * claim_opt among the disk collector's options, with its patterns in
 * the disk usage text (which the user reads as the defaults). */
START_TEST(test_registry_claims_match_disk_options)
{
    const struct col_ops *op;
    const struct option *lo;
    int i, j, found, claimers = 0;

    for (i = 0; (op = col_registry[i]); i++) {
        if (!op->claims)
            continue;
        claimers++;
        ck_assert_msg(op->collect_src != NULL, "%s claims files but has "
                      "no collect_src", op->name);
        ck_assert_ptr_nonnull(op->claim_what);
        ck_assert_ptr_nonnull(op->claim_opt);
        ck_assert_int_eq(col_claim_opt_find(op->claim_opt), i);
        found = 0;
        for (lo = col_disk.longopts; lo && lo->name; lo++)
            if (strcmp(lo->name, op->claim_opt) == 0 &&
                lo->has_arg == required_argument)
                found = 1;
        ck_assert_msg(found, "disk has no option --%s for %s",
                      op->claim_opt, op->name);
        for (j = 0; op->claims[j]; j++)
            ck_assert_msg(strstr(col_disk.usage, op->claims[j]), "disk "
                          "usage does not list %s's pattern %s", op->name,
                          op->claims[j]);
    }
    ck_assert_int_eq(claimers, 2);
    ck_assert_ptr_eq(col_find("disk"), &col_disk);
    ck_assert_ptr_null(col_find("nope"));
}
END_TEST

Suite *registry_suite(void)
{
    Suite *s = suite_create("registry");
    TCase *tc = tcase_create("claims");

    tcase_add_test(tc, test_registry_claimant_defaults);
    tcase_add_test(tc, test_registry_claimant_extra);
    tcase_add_test(tc, test_registry_glob_any);
    tcase_add_test(tc, test_registry_claims_match_disk_options);
    suite_add_tcase(s, tc);
    return s;
}
