/*
 * tests/check_read.c - the typed readers of timeline/read.c and
 * timeline/summary.c: order, named fields, filters, stopping, tables
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "testutil.h"
#include "timeline/timeline.h"

static struct tl_store *st;
static char path[64];
static int64_t ev_outer, ev_inner;

#define SEC TL_NS_PER_SEC

static int64_t add_evidence(const char *name, int64_t parent,
                            const char *inner, const char *sha)
{
    struct tl_evidence ev = { 0 };
    struct ftl_err err = { 0 };
    int64_t id = 0, dup = 0;

    ev.kind = "bodyfile";
    ev.path = name;
    ev.parent_id = parent;
    ev.inner_path = inner;
    ev.size = parent ? -1 : 42;
    ck_assert_int_eq(tl_evidence_begin(st, &ev, &id, &err), FTL_OK);
    ck_assert_int_eq(tl_evidence_end(st, id, sha, NULL, TL_EV_COMPLETE, &dup,
                                     &err), FTL_OK);
    return id;
}

static void add_event(int64_t evid, int64_t ts, const char *source,
                      const char *artifact, const char *loc, unsigned flags,
                      int64_t person)
{
    struct tl_event ev = { 0 };
    struct ftl_err err = { 0 };

    ev.ts = ts;
    ev.prec = 3;
    ev.ts_desc = "Content Modification Time";
    ev.source = source;
    ev.artifact = artifact;
    ev.evidence_id = evid;
    ev.locator = loc;
    ev.message = loc;
    ev.raw_time = flags & TL_F_TZ_ASSUMED ? "May 18 09:14:02" : NULL;
    ev.tz = flags & TL_F_TZ_ASSUMED ? "Europe/Brussels" : NULL;
    ev.flags = flags;
    ev.person_id = person;
    ck_assert_int_eq(tl_event_add(st, &ev, NULL, &err), FTL_OK);
}

static void add_file(int64_t evid, const char *p, int64_t mtime,
                     const char *loc)
{
    struct tl_file f = { 0 };
    struct ftl_err err = { 0 };

    f.evidence_id = evid;
    f.part_offset = -1;
    f.addr = -1;
    f.inode = "12";
    f.path = p;
    f.name_alloc = 1;
    f.meta_alloc = 1;
    f.size = 7;
    f.mtime = mtime;
    f.locator = loc;
    ck_assert_int_eq(tl_file_add(st, &f, NULL, &err), FTL_OK);
}

/* Two items (one inside the other), five events out of time order, a
 * rule hit on one of them, two files, two warnings. */
static void setup(void)
{
    struct tl_ioc_hit h = { 0 };
    struct ftl_err err = { 0 };

    st = tu_case_open("read", path);
    ev_outer = add_evidence("disk.img", 0, NULL, "aa");
    ev_inner = add_evidence("disk.img", ev_outer, "var/log/maillog", "bb");
    add_event(ev_outer, 30 * SEC, "FILE", "fs:file", "inode 3", 0, 0);
    add_event(ev_outer, 10 * SEC, "FILE", "fs:file", "inode 1",
              TL_F_DELETED, 7);
    add_event(ev_inner, 20 * SEC, "LOG", "log:line", "line 2",
              TL_F_YEAR_ESTIMATED | TL_F_TZ_ASSUMED, 0);
    add_event(ev_inner, 20 * SEC, "LOG", "log:smtp", "line 1", 0, 7);
    add_event(ev_inner, 40 * SEC, "LOG", "log:line", "line 9", 0, 0);
    h.evidence_id = ev_inner;
    h.rule = TL_RULE_SHELL_NAME;
    h.why = "contains a backtick";
    h.target = "log line";
    h.value = "`x`";
    h.locator = "line 9";
    ck_assert_int_eq(tl_ioc_hit_add(st, &h, NULL, &err), FTL_OK);
    add_file(ev_outer, "/etc/passwd", 0, "f1");
    add_file(ev_outer, "/bin/sh", 5 * SEC, "f2");
    ck_assert_int_eq(tl_warning_add(st, ev_inner, "line 4", "cut", &err),
                     FTL_OK);
    ck_assert_int_eq(tl_warning_add(st, 0, NULL, "no item", &err), FTL_OK);
}

static void teardown(void)
{
    tu_case_close(st, path);
}

/* ---- events ------------------------------------------------------- */

struct seen {
    char text[1024];
    int n;
    int stop_after;            /* 0: never stop */
};

static int note_event(const struct tl_event_row *ev, void *arg)
{
    struct seen *s = arg;
    size_t len = strlen(s->text);

    snprintf(s->text + len, sizeof(s->text) - len, "%s%s", len ? "|" : "",
             ev->locator);
    s->n++;
    return s->stop_after && s->n >= s->stop_after ? 5 : 0;
}

static const char *walk(const struct tl_event_query *q)
{
    static struct seen s;
    struct ftl_err err = { 0 };

    memset(&s, 0, sizeof(s));
    ck_assert_int_eq(tl_events_each(st, q, note_event, &s, &err), 0);
    return s.text;
}

START_TEST(test_read_events_each_in_time_then_id_order)
{
    /* "line 2" and "line 1" share a time: the earlier id comes first */
    ck_assert_str_eq(walk(NULL), "inode 1|line 2|line 1|inode 3|line 9");
}
END_TEST

static int keep_fields(const struct tl_event_row *ev, void *arg)
{
    struct tl_event_row *out = arg;

    if (strcmp(ev->locator, "line 9") == 0 ||
        strcmp(ev->locator, "line 2") == 0 ||
        strcmp(ev->locator, "inode 1") == 0) {
        out[ev->locator[0] == 'i' ? 0 : ev->locator[5] == '9' ? 1 : 2] = *ev;
        /* the strings live only during the call: keep copies */
        out[ev->locator[0] == 'i' ? 0 : ev->locator[5] == '9' ? 1 : 2]
            .evidence = strdup(ev->evidence);
    }
    return 0;
}

START_TEST(test_read_events_each_fills_named_fields)
{
    struct tl_event_row r[3];
    struct ftl_err err = { 0 };
    int i;

    memset(r, 0, sizeof(r));
    ck_assert_int_eq(tl_events_each(st, NULL, keep_fields, r, &err), 0);
    /* inode 1: a deleted file of the outer item, linked to person 7 */
    ck_assert_int_eq(r[0].ts, 10 * SEC);
    ck_assert_int_eq(r[0].prec, 3);
    ck_assert_int_eq(r[0].evidence_id, ev_outer);
    ck_assert_str_eq(r[0].evidence, "disk.img");
    ck_assert_uint_eq(r[0].flags, TL_F_DELETED);
    ck_assert_int_eq(r[0].person_id, 7);
    ck_assert_int_eq(r[0].file_id, 0);
    /* line 9: inside the image, flagged by the hit, which is named */
    ck_assert_str_eq(r[1].evidence, "disk.img//var/log/maillog");
    ck_assert_uint_eq(r[1].flags & TL_F_IOC, TL_F_IOC);
    /* line 2: the zone assumed and the raw text travel with it */
    ck_assert_uint_eq(r[2].flags, TL_F_YEAR_ESTIMATED | TL_F_TZ_ASSUMED);
    for (i = 0; i < 3; i++)
        free((char *)r[i].evidence);
}
END_TEST

static int check_strings(const struct tl_event_row *ev, void *arg)
{
    (void)arg;
    ck_assert_str_eq(ev->ts_desc, "Content Modification Time");
    ck_assert_str_eq(ev->message, ev->locator);
    if (strcmp(ev->locator, "line 9") == 0)
        ck_assert_str_eq(ev->indicators, TL_RULE_SHELL_NAME);
    else
        ck_assert_ptr_null(ev->indicators);
    if (strcmp(ev->locator, "line 2") == 0) {
        ck_assert_str_eq(ev->raw_time, "May 18 09:14:02");
        ck_assert_str_eq(ev->tz, "Europe/Brussels");
        ck_assert_str_eq(ev->source, "LOG");
        ck_assert_str_eq(ev->artifact, "log:line");
    } else {
        ck_assert_ptr_null(ev->raw_time);
        ck_assert_ptr_null(ev->tz);
    }
    return 0;
}

START_TEST(test_read_events_each_strings_and_indicators)
{
    struct ftl_err err = { 0 };

    ck_assert_int_eq(tl_events_each(st, NULL, check_strings, NULL, &err), 0);
}
END_TEST

START_TEST(test_read_events_each_filters)
{
    struct tl_event_query q;

    memset(&q, 0, sizeof(q));
    q.from = 20 * SEC;             /* bounds are inclusive */
    q.has_from = 1;
    q.to = 30 * SEC;
    q.has_to = 1;
    ck_assert_str_eq(walk(&q), "line 2|line 1|inode 3");
    q.has_from = 0;
    ck_assert_str_eq(walk(&q), "inode 1|line 2|line 1|inode 3");
    memset(&q, 0, sizeof(q));
    q.flags = TL_F_IOC;
    ck_assert_str_eq(walk(&q), "line 9");
    q.flags = TL_F_YEAR_ESTIMATED | TL_F_TZ_ASSUMED;  /* all bits needed */
    ck_assert_str_eq(walk(&q), "line 2");
    q.flags = TL_F_YEAR_ESTIMATED | TL_F_DELETED;
    ck_assert_str_eq(walk(&q), "");
    memset(&q, 0, sizeof(q));
    q.evidence_id = ev_inner;
    ck_assert_str_eq(walk(&q), "line 2|line 1|line 9");
    q.artifact = "log:line";
    ck_assert_str_eq(walk(&q), "line 2|line 9");
    memset(&q, 0, sizeof(q));
    q.source = "FILE";
    ck_assert_str_eq(walk(&q), "inode 1|inode 3");
    memset(&q, 0, sizeof(q));
    q.person_id = 7;
    ck_assert_str_eq(walk(&q), "inode 1|line 1");
}
END_TEST

START_TEST(test_read_events_each_stops_and_returns_the_callback_value)
{
    struct seen s;
    struct ftl_err err = { 0 };

    memset(&s, 0, sizeof(s));
    s.stop_after = 2;
    ck_assert_int_eq(tl_events_each(st, NULL, note_event, &s, &err), 5);
    ck_assert_str_eq(s.text, "inode 1|line 2");
}
END_TEST

/* ---- files -------------------------------------------------------- */

static int note_file(const struct tl_file *f, void *arg)
{
    struct seen *s = arg;
    size_t len = strlen(s->text);

    snprintf(s->text + len, sizeof(s->text) - len,
             "%s%s:%lld:%lld:%lld:%s:%s", len ? "|" : "", f->path,
             (long long)f->mtime, (long long)f->addr, (long long)f->size,
             f->inode, f->md5 ? f->md5 : "null");
    return 0;
}

START_TEST(test_read_files_each_all_and_one_item)
{
    struct seen s;
    struct ftl_err err = { 0 };

    memset(&s, 0, sizeof(s));
    ck_assert_int_eq(tl_files_each(st, 0, note_file, &s, &err), 0);
    /* addr NULL reads back as -1, md5 NULL as NULL */
    ck_assert_str_eq(s.text, "/etc/passwd:0:-1:7:12:null|"
                             "/bin/sh:5000000000:-1:7:12:null");
    memset(&s, 0, sizeof(s));
    ck_assert_int_eq(tl_files_each(st, ev_inner, note_file, &s, &err), 0);
    ck_assert_str_eq(s.text, "");
    ck_assert_int_eq(tl_files_each(st, ev_outer, note_file, &s, &err), 0);
    ck_assert_int_eq(strncmp(s.text, "/etc/passwd", 11), 0);
}
END_TEST

/* ---- tables ------------------------------------------------------- */

struct table_seen {
    int columns_calls;
    int rows;
    int time_cols, unset_cols;
    char first[256];           /* the first row, cells as type:value */
};

static int on_columns(const struct tl_table *t, void *arg)
{
    struct table_seen *s = arg;
    int i;

    s->columns_calls++;
    for (i = 0; i < t->ncols; i++) {
        s->time_cols += t->cols[i].is_time;
        s->unset_cols += t->cols[i].zero_unset;
    }
    return 0;
}

static int on_row(const struct tl_table *t, const struct tl_cell *c,
                  void *arg)
{
    struct table_seen *s = arg;
    size_t len;
    int i;

    if (s->rows++ == 0) {
        for (i = 0; i < t->ncols && i < 4; i++) {
            len = strlen(s->first);
            if (c[i].type == TL_CELL_INT)
                snprintf(s->first + len, sizeof(s->first) - len, "i%lld ",
                         (long long)c[i].i);
            else if (c[i].type == TL_CELL_TEXT)
                snprintf(s->first + len, sizeof(s->first) - len, "t%.*s ",
                         (int)c[i].len, c[i].text);
            else
                snprintf(s->first + len, sizeof(s->first) - len, "n ");
        }
    }
    return 0;
}

START_TEST(test_read_table_each_types_and_time_columns)
{
    struct table_seen s;
    struct ftl_err err = { 0 };

    memset(&s, 0, sizeof(s));
    ck_assert_int_eq(tl_table_each(st, "warnings", on_columns, on_row, &s,
                                   &err), 0);
    ck_assert_int_eq(s.columns_calls, 1);
    ck_assert_int_eq(s.rows, 2);
    ck_assert_int_eq(s.time_cols, 1);       /* recorded */
    ck_assert_int_eq(s.unset_cols, 0);
    ck_assert_str_eq(s.first, "i1 i2 tline 4 tcut ");
    memset(&s, 0, sizeof(s));
    ck_assert_int_eq(tl_table_each(st, "files", on_columns, on_row, &s,
                                   &err), 0);
    /* atime, mtime, ctime, crtime, dtime: 0 means "not set" there */
    ck_assert_int_eq(s.time_cols, 5);
    ck_assert_int_eq(s.unset_cols, 5);
    ck_assert_str_eq(s.first, "i1 i1 n n ");
}
END_TEST

START_TEST(test_read_table_each_empty_table_still_has_columns)
{
    struct table_seen s;
    struct ftl_err err = { 0 };

    memset(&s, 0, sizeof(s));
    ck_assert_int_eq(tl_table_each(st, "documents", on_columns, on_row, &s,
                                   &err), 0);
    ck_assert_int_eq(s.columns_calls, 1);
    ck_assert_int_eq(s.rows, 0);
    ck_assert_int_eq(s.time_cols, 3);       /* created, modified, printed */
}
END_TEST

START_TEST(test_read_table_each_unknown_name_lists_the_tables)
{
    static const char *const bad[] = {
        "nosuch", "events\"; DROP TABLE events; --", "Events",
        "sqlite_master", ""
    };
    struct table_seen s;
    struct ftl_err err = { 0 };
    const char *list;
    size_t i;

    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        memset(&s, 0, sizeof(s));
        ftl_err_clear(&err);
        ck_assert_int_eq(tl_table_each(st, bad[i], on_columns, on_row, &s,
                                       &err), FTL_EUSAGE);
        ck_assert_int_eq(s.columns_calls, 0);
        ck_assert_ptr_nonnull(strstr(err.msg, "no table"));
        ck_assert_ptr_nonnull(list = strstr(err.msg, "tables are: "));
        ck_assert_ptr_nonnull(strstr(list, "events, "));
        ck_assert_ptr_null(strstr(list, "sqlite_"));
    }
    ck_assert_int_eq(tu_count(st, "SELECT count(*) FROM events"), 5);
}
END_TEST

/* ---- summary ------------------------------------------------------ */

START_TEST(test_read_event_stats_counts_flags_by_name)
{
    struct tl_event_stats s;
    struct ftl_err err = { 0 };

    ck_assert_int_eq(tl_event_stats(st, &s, &err), FTL_OK);
    ck_assert_int_eq(s.n, 5);
    ck_assert_int_eq(s.first, 10 * SEC);
    ck_assert_int_eq(s.last, 40 * SEC);
    ck_assert_int_eq(s.year_estimated, 1);
    ck_assert_int_eq(s.tz_assumed, 1);
}
END_TEST

static int note_count(const char *source, const char *artifact, int64_t n,
                      void *arg)
{
    struct seen *s = arg;
    size_t len = strlen(s->text);

    snprintf(s->text + len, sizeof(s->text) - len, "%s%s %s %lld",
             len ? "|" : "", source, artifact, (long long)n);
    return 0;
}

START_TEST(test_read_event_counts_each_by_source_and_artifact)
{
    struct seen s;
    struct ftl_err err = { 0 };

    memset(&s, 0, sizeof(s));
    ck_assert_int_eq(tl_event_counts_each(st, note_count, &s, &err), 0);
    ck_assert_str_eq(s.text, "FILE fs:file 2|LOG log:line 2|LOG log:smtp 1");
}
END_TEST

static int note_warning(const struct tl_warning_row *w, void *arg)
{
    struct seen *s = arg;
    size_t len = strlen(s->text);

    snprintf(s->text + len, sizeof(s->text) - len, "%s%lld %s %s %s",
             len ? "|" : "", (long long)w->evidence_id,
             w->evidence ? w->evidence : "null",
             w->locator ? w->locator : "null", w->message);
    return 0;
}

static int note_hit(const struct tl_hit_row *h, void *arg)
{
    struct seen *s = arg;

    s->n++;
    ck_assert_int_eq(h->evidence_id, ev_inner);
    ck_assert_str_eq(h->locator, "line 9");
    ck_assert_ptr_nonnull(strstr(h->description, "backtick"));
    return 0;
}

START_TEST(test_read_hits_and_warnings_count_and_limit)
{
    struct seen s;
    struct ftl_err err = { 0 };
    int64_t n = -1;

    ck_assert_int_eq(tl_ioc_hits_count(st, &n, &err), FTL_OK);
    ck_assert_int_eq(n, 1);
    memset(&s, 0, sizeof(s));
    ck_assert_int_eq(tl_ioc_hits_each(st, 0, note_hit, &s, &err), 0);
    ck_assert_int_eq(s.n, 1);
    ck_assert_int_eq(tl_warnings_count(st, &n, &err), FTL_OK);
    ck_assert_int_eq(n, 2);
    memset(&s, 0, sizeof(s));
    ck_assert_int_eq(tl_warnings_each(st, 0, note_warning, &s, &err), 0);
    ck_assert_str_eq(s.text, "2 disk.img line 4 cut|0 null null no item");
    memset(&s, 0, sizeof(s));
    ck_assert_int_eq(tl_warnings_each(st, 1, note_warning, &s, &err), 0);
    ck_assert_str_eq(s.text, "2 disk.img line 4 cut");
}
END_TEST

static int note_evidence(const struct tl_evidence_row *e, void *arg)
{
    struct seen *s = arg;
    size_t len = strlen(s->text);

    snprintf(s->text + len, sizeof(s->text) - len,
             "%s%lld %s %s [%s] %lld %lld %s %s", len ? "|" : "",
             (long long)e->id, e->kind, e->path, e->inner_path,
             (long long)e->parent_id, (long long)e->size, e->sha256,
             e->status);
    return 0;
}

START_TEST(test_read_evidence_each_as_recorded)
{
    struct seen s;
    struct ftl_err err = { 0 };

    memset(&s, 0, sizeof(s));
    ck_assert_int_eq(tl_evidence_each(st, note_evidence, &s, &err), 0);
    /* size -1 (a stream) was stored as unknown and reads back as -1 */
    ck_assert_str_eq(s.text, "1 bodyfile disk.img [] 0 42 aa complete|"
                             "2 bodyfile disk.img [var/log/maillog] 1 -1 "
                             "bb complete");
}
END_TEST

static int note_audit(const struct tl_audit_row *a, void *arg)
{
    struct seen *s = arg;
    size_t len = strlen(s->text);

    snprintf(s->text + len, sizeof(s->text) - len, "%s%s %s %d:%d %s",
             len ? "|" : "", a->command, a->argv, a->has_exit,
             a->exit_status, a->counts ? a->counts : "null");
    return 0;
}

static int note_pair(const char *key, const char *value, void *arg)
{
    struct seen *s = arg;

    if (strcmp(key, "name") == 0)
        snprintf(s->text, sizeof(s->text), "%s", value);
    s->n++;
    return 0;
}

START_TEST(test_read_audit_and_case_each)
{
    struct tl_audit a = { "ftl info", "info", 1 };
    struct seen s;
    struct ftl_err err = { 0 };
    int64_t id1, id2;

    ck_assert_int_eq(tl_audit_begin(st, &a, &id1, &err), FTL_OK);
    ck_assert_int_eq(tl_audit_end(st, id1, 0, "rows=3", &err), FTL_OK);
    ck_assert_int_eq(tl_audit_begin(st, &a, &id2, &err), FTL_OK);
    memset(&s, 0, sizeof(s));
    ck_assert_int_eq(tl_audit_each(st, note_audit, &s, &err), 0);
    /* the second run has not ended: no exit status */
    ck_assert_str_eq(s.text, "info ftl info 1:0 rows=3|info ftl info 0:0 "
                             "null");
    ck_assert_int_eq(tl_case_set(st, "name", "ESG-1", &err), FTL_OK);
    memset(&s, 0, sizeof(s));
    ck_assert_int_eq(tl_case_each(st, note_pair, &s, &err), 0);
    ck_assert_str_eq(s.text, "ESG-1");
    ck_assert_int_ge(s.n, 3);              /* created, tool_version, name */
}
END_TEST

Suite *read_suite(void)
{
    Suite *s = suite_create("read");
    TCase *tc = tcase_create("tl_events_each");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_read_events_each_in_time_then_id_order);
    tcase_add_test(tc, test_read_events_each_fills_named_fields);
    tcase_add_test(tc, test_read_events_each_strings_and_indicators);
    tcase_add_test(tc, test_read_events_each_filters);
    tcase_add_test(tc, test_read_events_each_stops_and_returns_the_callback_value);
    suite_add_tcase(s, tc);
    tc = tcase_create("tl_files_each");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_read_files_each_all_and_one_item);
    suite_add_tcase(s, tc);
    tc = tcase_create("tl_table_each");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_read_table_each_types_and_time_columns);
    tcase_add_test(tc, test_read_table_each_empty_table_still_has_columns);
    tcase_add_test(tc, test_read_table_each_unknown_name_lists_the_tables);
    suite_add_tcase(s, tc);
    tc = tcase_create("summary");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_read_event_stats_counts_flags_by_name);
    tcase_add_test(tc, test_read_event_counts_each_by_source_and_artifact);
    tcase_add_test(tc, test_read_hits_and_warnings_count_and_limit);
    tcase_add_test(tc, test_read_evidence_each_as_recorded);
    tcase_add_test(tc, test_read_audit_and_case_each);
    suite_add_tcase(s, tc);
    return s;
}
