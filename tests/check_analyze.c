/*
 * tests/check_analyze.c - tests for analyze/ (an_run and its steps)
 *
 * Each test builds a case with the timeline API as the collectors would
 * leave it (evidence, messages, links, events, hits, persons), runs the
 * analysis and reads the v3 tables back.
 *
 * SPDX-License-Identifier: MIT
 */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/analyze.h"
#include "base/buf.h"
#include "testutil.h"
#include "timeline/timeline.h"

/* The window step's warnings; the exposure step adds its own
 * ('exposure-...': no rules, no appliance image) to these small cases. */
#define WINDOW_KINDS " WHERE kind NOT LIKE 'exposure-%'"

#define S TL_NS_PER_SEC
#define T0 (1684000000LL * S)    /* 2023-05-13T17:46:40Z */

static char path[64];
static struct tl_store *st;
static int n_ev;

static void setup(void)
{
    st = tu_case_open("analyze", path);
    n_ev = 0;
}

static void teardown(void)
{
    tu_case_close(st, path);
}

/* ---- building a case ------------------------------------------------ */

/* A complete evidence item of 'kind' (inside 'parent' when not 0). */
static int64_t evidence(const char *kind, int64_t parent)
{
    struct tl_evidence ev = { 0 };
    struct ftl_err err = { 0 };
    char sha[65];
    int64_t id = 0, dup = 0;

    snprintf(sha, sizeof(sha), "%064d", ++n_ev);
    ev.kind = kind;
    ev.path = kind;
    ev.inner_path = parent ? sha : NULL;
    ev.parent_id = parent;
    ev.size = -1;
    ck_assert_int_eq(tl_evidence_begin(st, &ev, &id, &err), FTL_OK);
    ck_assert_int_eq(tl_evidence_end(st, id, sha, NULL, TL_EV_COMPLETE, &dup,
                                     &err), FTL_OK);
    return id;
}

struct msg {
    const char *origin, *host, *qid, *gwid, *mid, *sender, *rcpts;
    int64_t first, last;
    const char *loc;           /* NULL: "offset N" */
};

static int64_t message(int64_t evid, const struct msg *d)
{
    static int n;
    struct tl_message m = { 0 };
    struct ftl_err err = { 0 };
    char loc[32];
    int64_t id = 0;

    snprintf(loc, sizeof(loc), "offset %d", ++n);
    m.locator = d->loc ? d->loc : loc;
    m.evidence_id = evid;
    m.origin = d->origin ? d->origin : "log";
    m.host = d->host;
    m.queue_id = d->qid;
    m.gateway_id = d->gwid;
    m.message_id = d->mid;
    m.sender = d->sender;
    m.recipients = d->rcpts;
    m.size = -1;
    m.first_seen = d->first;
    m.last_seen = d->last ? d->last : d->first;
    ck_assert_int_eq(tl_message_add(st, &m, &id, &err), FTL_OK);
    return id;
}

static void link_(int64_t evid, int64_t msg_id, const char *kind,
                  const char *value)
{
    struct ftl_err err = { 0 };

    ck_assert_int_eq(tl_message_link(st, evid, msg_id, kind, value, 0, &err),
                     FTL_OK);
}

static int64_t event_at(int64_t evid, int64_t msg_id, int64_t file_id,
                        int64_t ts, const char *source, const char *desc,
                        unsigned flags, const char *locator)
{
    struct tl_event ev = { 0 };
    struct ftl_err err = { 0 };
    char loc[32];
    int64_t id = 0;

    snprintf(loc, sizeof(loc), "line %d", ++n_ev);
    if (locator)
        snprintf(loc, sizeof(loc), "%s", locator);
    ev.ts = ts;
    ev.ts_desc = desc;
    ev.source = source;
    ev.artifact = "test";
    ev.evidence_id = evid;
    ev.locator = loc;
    ev.message = "test event";
    ev.flags = flags;
    ev.msg_id = msg_id;
    ev.file_id = file_id;
    ck_assert_int_eq(tl_event_add(st, &ev, &id, &err), FTL_OK);
    return id;
}

static int64_t event(int64_t evid, int64_t msg_id, int64_t file_id,
                     int64_t ts, const char *source, const char *desc,
                     unsigned flags)
{
    return event_at(evid, msg_id, file_id, ts, source, desc, flags, NULL);
}

static void person(const char *emails)
{
    struct tl_person p = { 0 };
    struct ftl_err err = { 0 };

    p.name = "A Person";
    p.emails = emails;
    ck_assert_int_eq(tl_person_add(st, &p, NULL, &err), FTL_OK);
}

/* Run with 'o'; NULL: a window from 1970 on, for the tests of steps
 * that are not the window's. */
static int run(struct an_opts *o, struct an_report *r, struct ftl_err *err)
{
    static struct an_opts all = { .has_from = 1 };

    return an_run(st, o ? o : &all, r, err);
}

static void run_ok(struct an_opts *o)
{
    struct an_report r;
    struct ftl_err err = { 0 };

    ck_assert_msg(run(o, &r, &err) == FTL_OK, "%s", err.msg);
}

static const char *one(const char *sql)
{
    return tu_one(st, sql);
}

static int64_t num(const char *sql)
{
    return tu_count(st, sql);
}

/* ---- messages.c ------------------------------------------------------ */

/* The model of one inbound message: the gateway's two log rows (a
 * rotated set), a content filter on the server, the appliance's stored
 * copy and a mailbox; beside it a reused queue id and another message. */
static struct ids {
    int64_t g, g2, s1, s2, recycled, other, app, box, late;
    int64_t ev_gw, ev_gw2, ev_srv, ev_app, ev_box;
} ids;

static void model(void)
{
    struct msg m;
    int64_t disk;

    person("anna@agency.example");
    ids.ev_gw = evidence("maillog", 0);
    ids.ev_gw2 = evidence("maillog", 0);
    ids.ev_srv = evidence("maillog", 0);
    disk = evidence("disk", 0);
    ids.ev_app = evidence("mailbox", disk);
    ids.ev_box = evidence("mailbox", 0);
    m = (struct msg){ .host = "esg", .gwid = "1684000000-0a-X",
                      .qid = "GWQ", .mid = "m1@ext.example",
                      .sender = "x@ext.example",
                      .rcpts = "anna@agency.example", .first = T0,
                      .last = T0 + 3 * S };
    ids.g = message(ids.ev_gw, &m);
    link_(ids.ev_gw, ids.g, "message-id", "m1@ext.example");
    link_(ids.ev_gw, ids.g, "queued-as", "SRVQ1");
    m = (struct msg){ .host = "esg", .gwid = "1684000000-0a-X",
                      .first = T0 + 4 * S };
    ids.g2 = message(ids.ev_gw2, &m);
    m = (struct msg){ .host = "mx", .qid = "SRVQ1", .first = T0 + 5 * S,
                      .sender = "x@ext.example",
                      .rcpts = "anna@agency.example;bob@agency.example" };
    ids.s1 = message(ids.ev_srv, &m);
    link_(ids.ev_srv, ids.s1, "queued-as", "SRVQ2");
    m = (struct msg){ .host = "mx", .qid = "SRVQ2", .first = T0 + 6 * S,
                      .mid = "<m1@ext.example>" };
    ids.s2 = message(ids.ev_srv, &m);
    /* the same queue id three days on: another message */
    m = (struct msg){ .host = "mx", .qid = "SRVQ1",
                      .first = T0 + 3 * 86400 * S };
    ids.recycled = message(ids.ev_srv, &m);
    m = (struct msg){ .host = "mx", .qid = "UQ", .mid = "m2@ext.example",
                      .first = T0 + 7 * S };
    ids.other = message(ids.ev_srv, &m);
    m = (struct msg){ .origin = "store", .host = "esg.example",
                      .mid = " <m1@ext.example> ", .first = T0 - 60 * S,
                      .loc = "mstore/a1" };
    ids.app = message(ids.ev_app, &m);
    event_at(ids.ev_app, ids.app, 0, T0 + 1 * S, "MAIL", "Recorded Time", 0,
             "mstore/a1 received[1]");
    m = (struct msg){ .origin = "store", .host = "store.example",
                      .mid = "m1@ext.example", .first = T0 + 9 * S };
    ids.box = message(ids.ev_box, &m);
    /* "queued as" a queue id seen only two days later: not that one */
    link_(ids.ev_srv, ids.other, "queued-as", "LQ");
    m = (struct msg){ .host = "mx", .qid = "LQ",
                      .first = T0 + 2 * 86400 * S };
    ids.late = message(ids.ev_srv, &m);
}

START_TEST(test_analyze_groups_across_sources)
{
    char sql[256];

    model();
    run_ok(NULL);
    ck_assert_int_eq(num("SELECT count(*) FROM message_groups"), 4);
    snprintf(sql, sizeof(sql), "SELECT group_concat(msg_id, ' ') FROM "
             "(SELECT msg_id FROM message_group_members WHERE group_id ="
             " (SELECT group_id FROM message_group_members WHERE msg_id ="
             " %lld) ORDER BY msg_id)", (long long)ids.g);
    ck_assert_str_eq(one(sql), "1 2 3 4 7 8");
    ck_assert_str_eq(tu_rows(st, "SELECT msg_id || ' ' || role || ' ' ||"
                             " ifnull(linked_by, '-') || ' ' ||"
                             " ifnull((ts - 1684000000000000000) / 1000000000,"
                             " '-')"
                             " FROM message_group_members ORDER BY msg_id"),
                     "1 gateway-log gateway-id message-id queued-as 0|"
                     "2 gateway-log gateway-id 4|"
                     "3 server-log queued-as 5|"
                     "4 server-log message-id queued-as 6|"
                     "5 server-log - 259200|6 server-log - 7|"
                     "7 appliance-store message-id 1|"
                     "8 store message-id 9|9 server-log - 172800");
    ck_assert_str_eq(one("SELECT id || ' ' || message_id || ' ' ||"
                         " direction || ' ' || crossed || ' ' || transit ||"
                         " ' ' || transit_host || ' ' || n_records || ' ' ||"
                         " recipients FROM message_groups WHERE id = 1"),
                     "1 m1@ext.example inbound 1 1684000000000000000 esg 6 "
                     "anna@agency.example;bob@agency.example");
    ck_assert_str_eq(tu_rows(st, "SELECT id || ':' || crossed || ':' ||"
                             " ifnull(transit, '-') FROM message_groups"
                             " ORDER BY id"), "1:1:1684000000000000000|"
                     "2:0:-|3:0:-|4:0:-");
    ck_assert_str_eq(one("SELECT value FROM analysis"
                         " WHERE key = 'groups.gateway_hosts'"), "esg");
}
END_TEST

START_TEST(test_analyze_groups_gateway_option_appliance_transit)
{
    struct an_opts o = { .has_from = 1 };
    const char *gw[] = { "MX" };
    struct msg m;
    int64_t disk, app, log, a, b;

    /* a postfix gateway named on the command line, without case */
    log = evidence("maillog", 0);
    m = (struct msg){ .host = "mx", .qid = "Q1", .mid = "a@x",
                      .first = T0 };
    a = message(log, &m);
    o.gateways = gw;
    o.n_gateways = 1;
    /* a message only the appliance's store holds: transit from its hop */
    disk = evidence("disk", 0);
    app = evidence("mailbox", disk);
    m = (struct msg){ .origin = "store", .host = "esg", .mid = "b@x",
                      .first = T0, .loc = "mstore/b" };
    b = message(app, &m);
    event_at(app, b, 0, T0 + 2 * S, "MAIL", "Recorded Time", 0,
             "mstore/b received[1]");
    run_ok(&o);
    ck_assert_str_eq(tu_rows(st, "SELECT role FROM message_group_members"
                             " ORDER BY msg_id"),
                     "gateway-log|appliance-store");
    ck_assert_int_eq(num("SELECT crossed FROM message_groups WHERE id = 1"),
                     1);
    ck_assert_int_eq(num("SELECT transit FROM message_groups WHERE id = 2"),
                     T0 + 2 * S);
    ck_assert_str_eq(one("SELECT note FROM message_groups WHERE id = 2"),
                     "transit from the copy stored on the appliance (esg, "
                     "topmost Received: hop): no gateway log line of it");
    ck_assert_int_eq(a, 1);
}
END_TEST

START_TEST(test_analyze_groups_queued_as_gateway_id)
{
    struct msg m;
    int64_t gw = evidence("maillog", 0), srv = evidence("maillog", 0);
    int64_t a, b, x, y;

    /* mx hands an outbound message to the gateway, which answers with
     * its own id; two other rows name an id no gateway row has */
    m = (struct msg){ .host = "esg", .gwid = "1675249839-26a0bc33d484-aH",
                      .qid = "8CF095B634", .first = T0 + 40 * S };
    a = message(gw, &m);
    m = (struct msg){ .host = "mx", .qid = "E4B158CCBF", .first = T0 };
    b = message(srv, &m);
    link_(srv, b, "queued-as", "1675249839-26a0bc33d484-aH");
    m = (struct msg){ .host = "mx", .qid = "AAAAAAAAAA", .first = T0 };
    x = message(srv, &m);
    link_(srv, x, "queued-as", "1675249839");
    m = (struct msg){ .host = "mx", .qid = "BBBBBBBBBB", .first = T0 };
    y = message(srv, &m);
    link_(srv, y, "queued-as", "1675249839");
    run_ok(NULL);
    ck_assert_str_eq(tu_rows(st, "SELECT group_id || ':' || msg_id || ':' ||"
                             " ifnull(linked_by, '-') FROM"
                             " message_group_members ORDER BY msg_id"),
                     "1:1:queued-as|1:2:queued-as|2:3:-|3:4:-");
    ck_assert_int_eq(a + b + x + y, 10);
}
END_TEST

START_TEST(test_analyze_flag_spreads_to_gateway_lines)
{
    struct ftl_err err = { 0 };
    struct tl_attachment at = { 0 };
    struct tl_ioc_hit h = { 0 };
    int64_t gw_line, gw_line2, other_line, box_ev, att = 0, stale;

    model();
    gw_line = event(ids.ev_gw, ids.g, 0, T0, "LOG", "Start Time", 0);
    gw_line2 = event(ids.ev_gw2, ids.g2, 0, T0 + 4 * S, "LOG",
                     "Recorded Time", 0);
    other_line = event(ids.ev_srv, ids.other, 0, T0 + 7 * S, "LOG",
                       "Recorded Time", 0);
    /* a flag left by an earlier analysis, on a message not flagged now */
    stale = event(ids.ev_srv, ids.recycled, 0, T0 + 8 * S, "LOG",
                  "Recorded Time", TL_F_IOC_MESSAGE);
    /* the exploit member of the mailbox copy's attachment */
    at.evidence_id = ids.ev_box;
    at.msg_id = ids.box;
    at.filename = "`id`.tar";
    at.locator = "offset 9 part 2";
    ck_assert_int_eq(tl_attachment_add(st, &at, &att, &err), FTL_OK);
    box_ev = event_at(ids.ev_box, ids.box, 0, T0 + 9 * S, "MAIL",
                      "Delivery Time", 0, "offset 9 part 2");
    h.evidence_id = ids.ev_box;
    h.rule = TL_RULE_SHELL_NAME;
    h.why = "contains a backtick";
    h.target = "attachment name";
    h.value = "`id`.tar";
    h.locator = "offset 9 part 2";
    h.attachment_id = att;
    ck_assert_int_eq(tl_ioc_hit_add(st, &h, NULL, &err), FTL_OK);
    run_ok(NULL);
    ck_assert_str_eq(tu_rows(st, "SELECT id || ':' || flagged"
                             " FROM message_groups ORDER BY id"),
                     "1:1|2:0|3:0|4:0");
    ck_assert_int_eq(num("SELECT count(*) FROM events WHERE (flags & 128)"
                         " <> 0"), 4);
    ck_assert_int_eq(tu_count(st, "SELECT flags FROM events WHERE id = 1")
                     & TL_F_IOC_MESSAGE, TL_F_IOC_MESSAGE);
    ck_assert_int_eq(gw_line, 2);
    ck_assert_int_ne(num("SELECT flags & 128 FROM events WHERE id = 2"), 0);
    ck_assert_int_ne(num("SELECT flags & 128 FROM events WHERE id = 3"), 0);
    ck_assert_int_eq(gw_line2, 3);
    ck_assert_int_eq(num("SELECT flags FROM events WHERE id = 4"), 0);
    ck_assert_int_eq(other_line, 4);
    ck_assert_int_eq(num("SELECT flags FROM events WHERE id = 5"), 0);
    ck_assert_int_eq(stale, 5);
    ck_assert_int_eq(num("SELECT flags FROM events WHERE id = 6"),
                     TL_F_IOC | TL_F_IOC_MESSAGE);
    ck_assert_int_eq(box_ev, 6);
}
END_TEST

/* ---- clocks.c ---------------------------------------------------------- */

/* n messages each way between the gateway esg, whose clock runs 'fast'
 * seconds ahead, and the server mx, whose clock is right; transit
 * delays of 1 to 4 s.  Inbound only when 'out' is 0. */
static void clock_case(int n, int out, int fast)
{
    struct msg m;
    int64_t gw = evidence("maillog", 0), srv = evidence("maillog", 0), t;
    char mid[32], gwid[32];
    int i;

    person("anna@agency.example");
    for (i = 0; i < n; i++) {
        t = T0 + (int64_t)i * 600 * S;
        snprintf(mid, sizeof(mid), "in%d@ext.example", i);
        snprintf(gwid, sizeof(gwid), "1684%06d-0a-X", i);
        m = (struct msg){ .host = "esg", .gwid = gwid, .mid = mid,
                          .sender = "x@ext.example",
                          .rcpts = "anna@agency.example",
                          .first = t + fast * S };
        message(gw, &m);
        m = (struct msg){ .host = "mx", .qid = "Q", .mid = mid,
                          .first = t + (1 + i % 4) * S };
        message(srv, &m);
        if (!out)
            continue;
        snprintf(mid, sizeof(mid), "out%d@agency.example", i);
        snprintf(gwid, sizeof(gwid), "1685%06d-0a-X", i);
        m = (struct msg){ .host = "mx", .qid = "R", .mid = mid,
                          .sender = "anna@agency.example",
                          .rcpts = "x@ext.example", .first = t + 300 * S };
        message(srv, &m);
        m = (struct msg){ .host = "esg", .gwid = gwid, .mid = mid,
                          .first = t + (300 + 1 + (i * 7) % 4 + fast) * S };
        message(gw, &m);
    }
}

START_TEST(test_analyze_clocks_two_way_recovers_fast_gateway)
{
    struct an_opts o = { .has_from = 1 };
    double off;

    clock_case(40, 1, 30);
    o.correct_clocks = 1;
    run_ok(&o);
    ck_assert_int_eq(num("SELECT count(*) FROM clock_offsets"), 1);
    ck_assert_str_eq(one("SELECT host_a || ' ' || host_b || ' ' || method"
                         " || ' ' || pairs || ' ' || applied"
                         " FROM clock_offsets"), "esg mx two-way 80 1");
    off = strtod(one("SELECT offset_seconds FROM clock_offsets"), NULL);
    ck_assert_msg(fabs(off - 30) <= 2, "offset %f, not 30 +- 2", off);
    ck_assert_double_le(strtod(one("SELECT spread_seconds FROM"
                                   " clock_offsets"), NULL), 2);
    /* the reference was derived: the server, not the gateway */
    ck_assert_str_eq(one("SELECT value FROM analysis"
                         " WHERE key = 'clocks.reference'"), "mx");
    /* every transit moved by the estimate, the raw kept, the note says */
    ck_assert_int_eq(num("SELECT count(*) FROM message_groups"
                         " WHERE corrected = 1"), 80);
    ck_assert_int_eq(num("SELECT count(*) FROM message_groups WHERE"
                         " transit_raw - transit <> (SELECT CAST(round("
                         "offset_seconds * 1e9) AS INTEGER) FROM"
                         " clock_offsets)"), 0);
    ck_assert_int_eq(num("SELECT count(*) FROM message_groups WHERE note"
                         " LIKE 'clock-corrected: transit moved onto the"
                         " clock of mx, which esg runs +%'"), 80);
    /* the true transit of the first inbound message is T0 */
    ck_assert_int_le(llabs(num("SELECT transit FROM message_groups"
                               " WHERE id = 1") - T0), 2 * S);
    /* events keep their times */
    ck_assert_int_eq(num("SELECT count(*) FROM message_group_members m"
                         " JOIN messages s ON s.id = m.msg_id"
                         " WHERE m.ts <> s.first_seen"), 0);
}
END_TEST

START_TEST(test_analyze_clocks_one_way_says_so)
{
    struct an_opts o = { .has_from = 1 };

    clock_case(10, 0, 30);
    o.trust_clock = "mx";
    run_ok(&o);
    ck_assert_str_eq(one("SELECT method || ' ' || pairs || ' ' || applied"
                         " FROM clock_offsets"), "one-way 10 0");
    /* esg -> mx only: t_mx - t_esg = delay - 30, the figure 30 - delay */
    ck_assert_double_lt(strtod(one("SELECT offset_seconds FROM"
                                   " clock_offsets"), NULL), 30);
    ck_assert_str_eq(one("SELECT note FROM clock_offsets"), "one-way: all "
                     "10 messages went from esg to mx, so the figure "
                     "includes the transit delay: esg is ahead of mx by "
                     "this much plus the delay");
    /* without --correct-clocks nothing is corrected */
    ck_assert_int_eq(num("SELECT count(*) FROM message_groups"
                         " WHERE corrected = 1 OR transit <> transit_raw"),
                     0);
}
END_TEST

START_TEST(test_analyze_clocks_unknown_direction_pairs_nothing)
{
    struct msg m;
    int64_t gw = evidence("maillog", 0), srv = evidence("maillog", 0);

    /* no register: which way a message went is not known */
    m = (struct msg){ .host = "esg", .gwid = "1-2-3", .mid = "a@x",
                      .first = T0 };
    message(gw, &m);
    m = (struct msg){ .host = "mx", .qid = "Q", .mid = "a@x",
                      .first = T0 + S };
    message(srv, &m);
    run_ok(NULL);
    ck_assert_str_eq(one("SELECT direction FROM message_groups"), "unknown");
    ck_assert_int_eq(num("SELECT count(*) FROM clock_offsets"), 0);
}
END_TEST

/* ---- window.c -------------------------------------------------------- */

/* An appliance with an indicator file, made at T0 + 100 s; times that
 * must not date it (its access time, a Date: header); the exploit mail
 * through the gateway at T0 + 200 s and activity until T0 + 900 s. */
static struct wids {
    int64_t file_cr, file_at, date, gw, last, exploit;
} w;

static void window_case(void)
{
    struct msg m;
    int64_t disk = evidence("disk", 0), gw = evidence("maillog", 0);

    w.file_at = event(disk, 0, 7, T0 + 10 * S, "FILE", "Last Access Time",
                      TL_F_IOC);
    w.file_cr = event(disk, 0, 7, T0 + 100 * S, "FILE", "Creation Time",
                      TL_F_IOC);
    m = (struct msg){ .host = "esg", .gwid = "1684000200-0a-X",
                      .mid = "x@evil.example", .first = T0 + 200 * S };
    w.exploit = message(gw, &m);
    w.date = event(gw, w.exploit, 0, T0 + 5 * S, "MAIL", "Sent Time",
                   TL_F_IOC);
    w.gw = event(gw, w.exploit, 0, T0 + 200 * S, "LOG", "Start Time", 0);
    event(gw, w.exploit, 0, T0 + 200 * S, "LOG", "End Time", TL_F_IOC);
    w.last = event(disk, 0, 8, T0 + 900 * S, "FILE",
                   "Content Modification Time", TL_F_IOC);
}

START_TEST(test_analyze_window_derived)
{
    struct an_opts o = { 0 };
    char want[64];

    window_case();
    run_ok(&o);
    snprintf(want, sizeof(want), "%lld indicator %lld",
             (long long)(T0 + 100 * S), (long long)w.file_cr);
    ck_assert_str_eq(one("SELECT ts || ' ' || origin || ' ' || event_ids"
                         " FROM analysis_window WHERE bound = 'start'"),
                     want);
    ck_assert_str_eq(one("SELECT reason FROM analysis_window"
                         " WHERE bound = 'start'"), "the earliest indicator "
                     "evidence: 1 event at 2023-05-13T17:48:20Z (the first: "
                     "FILE Creation Time), on the clock of esg");
    snprintf(want, sizeof(want), "%lld last-activity %lld",
             (long long)(T0 + 900 * S), (long long)w.last);
    ck_assert_str_eq(one("SELECT ts || ' ' || origin || ' ' || event_ids"
                         " FROM analysis_window WHERE bound = 'end'"), want);
    ck_assert_str_eq(tu_rows(st, "SELECT kind FROM analysis_warnings"
                             " WHERE kind NOT LIKE 'exposure-%'"),
                     "end-last-activity");
    /* the exploit's transit lies inside: in_window */
    ck_assert_int_eq(num("SELECT in_window FROM message_groups"), 1);
    ck_assert_int_ne(num("SELECT flags & 128 FROM events WHERE id = 4"), 0);
    ck_assert_int_eq(w.gw, 4);
}
END_TEST

START_TEST(test_analyze_window_explicit_warns)
{
    struct an_opts o = { 0 };
    char want[64];

    window_case();
    o.has_from = o.has_to = 1;
    o.from = T0 + 150 * S;
    o.to = T0 + 800 * S;
    run_ok(&o);
    ck_assert_str_eq(tu_rows(st, "SELECT bound || ' ' || ts || ' ' || origin"
                             " || ' ' || reason FROM analysis_window"
                             " ORDER BY bound DESC"),
                     "start 1684000150000000000 explicit given with --window|"
                     "end 1684000800000000000 explicit given with --window");
    ck_assert_str_eq(tu_rows(st, "SELECT kind FROM analysis_warnings"
                             " WHERE kind NOT LIKE 'exposure-%'"
                             " ORDER BY id"),
                     "window-after-indicator|indicator-before-window|"
                     "indicator-after-window");
    snprintf(want, sizeof(want), "%lld|%lld|%lld", (long long)w.file_cr,
             (long long)w.file_cr, (long long)w.last);
    ck_assert_str_eq(tu_rows(st, "SELECT event_ids FROM analysis_warnings"
                             " WHERE kind NOT LIKE 'exposure-%'"
                             " ORDER BY id"), want);
    ck_assert_str_eq(one("SELECT message FROM analysis_warnings WHERE kind"
                         " = 'indicator-before-window'"), "1 indicator file "
                     "time lies before the window start 2023-05-13T17:49:10Z,"
                     " the earliest 2023-05-13T17:48:20Z: the attacker's "
                     "files may predate the window");
    ck_assert_int_eq(num("SELECT in_window FROM message_groups"), 1);
    /* a window that leaves the exploit out */
    o.from = T0 + 300 * S;
    run_ok(&o);
    ck_assert_int_eq(num("SELECT in_window FROM message_groups"), 0);
}
END_TEST

START_TEST(test_analyze_window_contained_and_open)
{
    struct an_opts o = { 0 };

    window_case();
    o.has_contained = 1;
    o.contained = T0 + 1000 * S;
    run_ok(&o);
    ck_assert_str_eq(one("SELECT origin || ' ' || ts || ' ' || reason FROM"
                         " analysis_window WHERE bound = 'end'"), "contained "
                     "1684001000000000000 the containment time, given with "
                     "--contained");
    ck_assert_int_eq(num("SELECT count(*) FROM analysis_warnings"
                         " WHERE kind NOT LIKE 'exposure-%'"), 0);
    /* containment before the start: no window */
    o.contained = T0 + 50 * S;
    {
        struct an_report r;
        struct ftl_err err = { 0 };

        ck_assert_int_eq(run(&o, &r, &err), FTL_ERR);
        ck_assert_str_eq(err.msg, "the window would start at "
                         "2023-05-13T17:48:20Z, after its end at "
                         "2023-05-13T17:47:30Z");
    }
}
END_TEST

START_TEST(test_analyze_window_on_one_clock)
{
    struct an_opts o = { 0 };
    int64_t gw_line, mx_line;

    /* the first inbound message's lines on both hosts are indicator
     * evidence; mx (right) logged it at T0 + 1 s, esg (30 s fast) at
     * T0 + 30 s by its clock */
    clock_case(12, 1, 30);
    gw_line = event(1, 1, 0, T0 + 30 * S, "LOG", "Start Time", TL_F_IOC);
    mx_line = event(2, 2, 0, T0 + 1 * S, "LOG", "Recorded Time", TL_F_IOC);
    ck_assert_str_eq(one("SELECT host FROM messages WHERE id = 2"), "mx");
    /* not corrected: on the gateway's clock, mx's line is T0 + 31 s */
    run_ok(&o);
    ck_assert_int_eq(num("SELECT ts FROM analysis_window"
                         " WHERE bound = 'start'"), T0 + 30 * S);
    ck_assert_int_eq(num("SELECT event_ids FROM analysis_window"
                         " WHERE bound = 'start'"), gw_line);
    ck_assert_int_eq(num("SELECT in_window FROM message_groups"
                         " WHERE id = 1"), 1);
    /* corrected onto mx: the gateway's line moves to T0 */
    o.correct_clocks = 1;
    run_ok(&o);
    ck_assert_int_eq(num("SELECT ts FROM analysis_window"
                         " WHERE bound = 'start'"), T0);
    ck_assert_int_eq(num("SELECT event_ids FROM analysis_window"
                         " WHERE bound = 'start'"), gw_line);
    ck_assert_str_eq(one("SELECT reason FROM analysis_window WHERE bound"
                         " = 'start'"), "the earliest indicator evidence: 1 "
                     "event at 2023-05-13T17:46:40Z (the first: LOG Start "
                     "Time), read on the clock of mx (times of other clocks "
                     "moved onto it by the estimated offsets)");
    ck_assert_int_eq(num("SELECT in_window FROM message_groups"
                         " WHERE id = 1"), 1);
    ck_assert_int_gt(mx_line, gw_line);
}
END_TEST

START_TEST(test_analyze_clocks_names_join_hosts)
{
    struct msg m;
    int64_t gw = evidence("maillog", 0), box = evidence("mailbox", 0);
    int i;
    char mid[32], gwid[32];

    /* the gateway logs as "esg", mx stores copies as "MX.agency.example"
     * and its log says "mx": one clock each */
    person("anna@agency.example");
    for (i = 0; i < 6; i++) {
        snprintf(mid, sizeof(mid), "m%d@ext.example", i);
        snprintf(gwid, sizeof(gwid), "1684%06d-0a-X", i);
        m = (struct msg){ .host = "esg", .gwid = gwid, .mid = mid,
                          .sender = "x@ext.example",
                          .rcpts = "anna@agency.example",
                          .first = T0 + i * 60 * S + 10 * S };
        message(gw, &m);
        m = (struct msg){ .origin = "store", .host = "MX.agency.example",
                          .mid = mid, .first = T0 + i * 60 * S + 2 * S };
        message(box, &m);
    }
    run_ok(NULL);
    ck_assert_str_eq(one("SELECT host_a || ' ' || host_b || ' ' || pairs"
                         " FROM clock_offsets"), "esg mx 6");
    ck_assert_str_eq(one("SELECT value FROM analysis"
                         " WHERE key = 'clocks.hosts'"),
                     "MX.agency.example=mx");
    ck_assert_str_eq(one("SELECT value FROM analysis"
                         " WHERE key = 'clocks.gateway'"), "esg");
}
END_TEST

START_TEST(test_analyze_no_indicator_fails)
{
    struct an_opts o = { 0 };
    struct an_report r;
    struct ftl_err err = { 0 };
    struct msg m = { .host = "esg", .gwid = "1-2-3", .first = T0 };

    message(evidence("maillog", 0), &m);
    /* an earlier analysis, which the failed run must leave as it was */
    o.has_from = 1;
    o.from = T0 - S;
    run_ok(&o);
    ck_assert_str_eq(tu_rows(st, "SELECT kind FROM analysis_warnings"
                             " WHERE kind NOT LIKE 'exposure-%'"),
                     "no-end|no-indicator");
    ck_assert_str_eq(one("SELECT origin FROM analysis_window"
                         " WHERE bound = 'end'"), "none");
    ck_assert_int_eq(num("SELECT in_window FROM message_groups"), 1);
    o.has_from = 0;
    ck_assert_int_eq(run(&o, &r, &err), FTL_ERR);
    ck_assert_str_eq(err.msg, "no indicator evidence in the case to start "
                     "the window from: give the window with --window "
                     "FROM..TO");
    ck_assert_int_eq(num("SELECT count(*) FROM message_groups"), 1);
    ck_assert_int_eq(num("SELECT count(*) FROM analysis_warnings"
                         " WHERE kind NOT LIKE 'exposure-%'"), 2);
}
END_TEST

/* ---- analyze.c ------------------------------------------------------- */

struct dump {
    struct ftl_buf b;
};

static int dump_row(void *s, void *payload)
{
    struct dump *d = payload;
    int i;

    for (i = 0; i < tl_col_count(s); i++)
        ck_assert_int_ge(ftl_buf_printf(&d->b, "%s%s", i ? "," : "",
                                        tl_col_text(s, i) ? tl_col_text(s, i)
                                        : "NULL"), 0);
    ck_assert_int_eq(ftl_buf_putc(&d->b, '\n'), FTL_OK);
    return 0;
}

/* Every table the analysis writes, and the events' flags. */
static char *dump_all(void)
{
    static const char *const sql[] = {
        "SELECT * FROM analysis ORDER BY 1",
        "SELECT * FROM analysis_window ORDER BY 1",
        "SELECT * FROM analysis_warnings ORDER BY 1",
        "SELECT * FROM message_groups ORDER BY 1",
        "SELECT * FROM message_group_members ORDER BY 1",
        "SELECT * FROM clock_offsets ORDER BY 1",
        "SELECT id, flags FROM events ORDER BY 1",
    };
    struct dump d;
    struct ftl_err err = { 0 };
    size_t i;

    ftl_buf_init(&d.b, 0);
    for (i = 0; i < sizeof(sql) / sizeof(sql[0]); i++)
        ck_assert_int_eq(tl_store_query(st, sql[i], dump_row, &d, &err),
                         FTL_OK);
    return ftl_buf_detach(&d.b);
}

START_TEST(test_analyze_run_again_is_identical)
{
    struct an_opts o = { 0 };
    char *first, *again;

    model();
    clock_case(8, 1, 12);
    window_case();
    o.correct_clocks = 1;
    run_ok(&o);
    first = dump_all();
    ck_assert_ptr_nonnull(strstr(first, "two-way"));
    ck_assert_ptr_nonnull(strstr(first, "clock-corrected"));
    run_ok(&o);
    again = dump_all();
    ck_assert_str_eq(again, first);
    free(first);
    free(again);
}
END_TEST

Suite *analyze_suite(void)
{
    Suite *s = suite_create("analyze");
    TCase *tc;

    tc = tcase_create("an_groups");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_analyze_groups_across_sources);
    tcase_add_test(tc, test_analyze_groups_gateway_option_appliance_transit);
    tcase_add_test(tc, test_analyze_groups_queued_as_gateway_id);
    tcase_add_test(tc, test_analyze_flag_spreads_to_gateway_lines);
    suite_add_tcase(s, tc);
    tc = tcase_create("an_clocks");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_analyze_clocks_two_way_recovers_fast_gateway);
    tcase_add_test(tc, test_analyze_clocks_one_way_says_so);
    tcase_add_test(tc, test_analyze_clocks_unknown_direction_pairs_nothing);
    tcase_add_test(tc, test_analyze_clocks_names_join_hosts);
    suite_add_tcase(s, tc);
    tc = tcase_create("an_window");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_analyze_window_derived);
    tcase_add_test(tc, test_analyze_window_explicit_warns);
    tcase_add_test(tc, test_analyze_window_contained_and_open);
    tcase_add_test(tc, test_analyze_window_on_one_clock);
    tcase_add_test(tc, test_analyze_no_indicator_fails);
    suite_add_tcase(s, tc);
    tc = tcase_create("an_run");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_analyze_run_again_is_identical);
    suite_add_tcase(s, tc);
    return s;
}
