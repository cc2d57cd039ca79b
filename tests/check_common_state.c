/*
 * tests/check_common_state.c - a collector's per-run state in col_ctx
 *
 * col_ctx_state() makes a collector's state once per run and hands back
 * the same one after; col_ctx_release() ends the run, newest first.
 *
 * SPDX-License-Identifier: MIT
 */
#include <string.h>

#include <check.h>

#include "collectors/collectors.h"

/* Two owners: any two distinct col_ops do. */
static const struct col_ops owner_a = { .name = "a" };
static const struct col_ops owner_b = { .name = "b" };

struct state {
    int value;
};

static char released[8];       /* one letter per release, in order */

static void release_a(void *p)
{
    struct state *s = p;

    released[strlen(released)] = 'a';
    ck_assert_int_eq(s->value, 42);
}

static void release_b(void *p)
{
    (void)p;
    released[strlen(released)] = 'b';
}

START_TEST(test_common_state_made_once_per_owner)
{
    struct col_ctx ctx;
    struct state *a, *again, *b;

    memset(&ctx, 0, sizeof(ctx));
    memset(released, 0, sizeof(released));
    a = col_ctx_state(&ctx, &owner_a, sizeof(*a), release_a);
    ck_assert_ptr_nonnull(a);
    ck_assert_int_eq(a->value, 0);             /* zeroed */
    a->value = 42;
    again = col_ctx_state(&ctx, &owner_a, sizeof(*a), release_a);
    ck_assert_ptr_eq(again, a);
    b = col_ctx_state(&ctx, &owner_b, sizeof(*b), release_b);
    ck_assert_ptr_nonnull(b);
    ck_assert_ptr_ne(b, a);
    col_ctx_release(&ctx);
    ck_assert_str_eq(released, "ba");          /* newest first */
    ck_assert_ptr_null(ctx.state);
    /* a new run starts afresh */
    a = col_ctx_state(&ctx, &owner_a, sizeof(*a), NULL);
    ck_assert_ptr_nonnull(a);
    ck_assert_int_eq(a->value, 0);
    col_ctx_release(&ctx);
    ck_assert_str_eq(released, "ba");          /* NULL release: freed only */
}
END_TEST

START_TEST(test_common_state_release_without_state)
{
    struct col_ctx ctx;

    memset(&ctx, 0, sizeof(ctx));
    col_ctx_release(&ctx);
    col_ctx_release(&ctx);
    ck_assert_ptr_null(ctx.state);
}
END_TEST

Suite *common_state_suite(void)
{
    Suite *s = suite_create("common_state");
    TCase *tc = tcase_create("col_ctx_state");

    tcase_add_test(tc, test_common_state_made_once_per_owner);
    tcase_add_test(tc, test_common_state_release_without_state);
    suite_add_tcase(s, tc);
    return s;
}
