/*
 * tests/check_exposure.c - the exposure step (analyze/exposure.c and its
 * parts, timeline/exposure*.c)
 *
 * One case is built through the timeline API, as the collectors would
 * leave it, with the groups step's rows (message_groups,
 * message_group_members) written directly: a register of five persons,
 * five HR documents, mail through the gateway inside the window, before
 * it and never through it, and an appliance image with copies inside
 * and outside a staging place.  Each test reads one aspect of what
 * an_exposures() wrote.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "analyze/an_int.h"
#include "testutil.h"

#define DAY (86400 * TL_NS_PER_SEC)
#define W0 (1682899200LL * TL_NS_PER_SEC)      /* 2023-05-01T00:00:00Z */
#define W1 (W0 + 30 * DAY)                     /* 2023-05-31T00:00:00Z */
#define T(d) (W0 + (int64_t)(d) * DAY)

/* SHA-256 values: any 64 hex digits will do, each one stands for a
 * content. */
#define S(c) c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c \
             c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c
#define S1 S("1")                  /* passport of P1 */
#define S2 S("2")                  /* medical certificate of P2 */
#define S3 S("3")                  /* CV of P3 */
#define S3X S("a")                 /* the same CV re-saved */
#define S4 S("4")                  /* payslip of P4 */
#define S5 S("5")                  /* a note naming P1's surname */
#define SM S("b")                  /* one stored message, whole */
#define SX S("c")                  /* content of no HR document */

static char path[64];
static struct tl_store *st;
static struct ftl_err err;
static int64_t ev_staff, ev_hr, ev_disk, ev_log, ev_journal, ev_mstore;
static int64_t nloc;               /* makes locators unique */

/* ---- building the case ------------------------------------------------- */

static void sql(const char *q)
{
    ck_assert_msg(tl_store_query(st, q, NULL, NULL, &err) == FTL_OK, "%s: %s",
                  q, err.msg);
}

static int64_t begin(const char *kind, const char *p, int64_t parent,
                     const char *inner)
{
    struct tl_evidence ev = { 0 };
    int64_t id = 0;

    ev.kind = kind;
    ev.path = p;
    ev.parent_id = parent;
    ev.inner_path = inner;
    ev.size = -1;
    ck_assert_int_eq(tl_evidence_begin(st, &ev, &id, &err), FTL_OK);
    return id;
}

static void end(int64_t id, const char *sha)
{
    int64_t dup = 0;

    ck_assert_int_eq(tl_evidence_end(st, id, sha, NULL, TL_EV_COMPLETE, &dup,
                                     &err), FTL_OK);
}

static int64_t person(const char *no, const char *first, const char *last,
                      const char *email)
{
    struct tl_person p = { 0 };
    char name[128], rev[128];
    int64_t id = 0;

    snprintf(name, sizeof(name), "%s %s", first, last);
    snprintf(rev, sizeof(rev), "%s, %s", last, first);
    p.evidence_id = ev_staff;
    p.employee_no = no;
    p.name = name;
    p.first_name = first;
    p.last_name = last;
    p.emails = email;
    p.locator = no;
    ck_assert_int_eq(tl_person_add(st, &p, &id, &err), FTL_OK);
    ck_assert_int_eq(tl_person_alias_add(st, id, no, "employee_no", no, &err),
                     FTL_OK);
    ck_assert_int_eq(tl_person_alias_add(st, id, name, "name", name, &err),
                     FTL_OK);
    ck_assert_int_eq(tl_person_alias_add(st, id, rev, "reversed", rev, &err),
                     FTL_OK);
    /* a surname alone never makes a weak link */
    ck_assert_int_eq(tl_person_alias_add(st, id, last, "surname", last, &err),
                     FTL_OK);
    if (email)
        ck_assert_int_eq(tl_person_alias_add(st, id, email, "email", email,
                                             &err), FTL_OK);
    return id;
}

static int64_t document(const char *p, const char *sha, int64_t who,
                        const char *strength, const char *category, int art9)
{
    struct tl_document d = { 0 };
    int64_t id = 0;

    d.evidence_id = ev_hr;
    d.path = p;
    d.size = 100;
    d.sha256 = sha;
    d.type = "pdf";
    d.locator = p;
    ck_assert_int_eq(tl_document_add(st, &d, &id, &err), FTL_OK);
    ck_assert_int_eq(tl_document_person_add(st, id, who, "surname", "text",
                                            "x", &err), FTL_OK);
    if (strcmp(strength, "surname") != 0)
        ck_assert_int_eq(tl_document_person_add(st, id, who, strength, "path",
                                                "matched", &err), FTL_OK);
    if (category)
        ck_assert_int_eq(tl_document_category_add(st, id, category, art9,
                                                  "name", category, category,
                                                  &err), FTL_OK);
    return id;
}

/* An event; a file's carries the file's locator, as the disk collector
 * writes it. */
static int64_t event(int64_t evid, int64_t msg_id, int64_t file_id,
                     int64_t ts, const char *file_loc)
{
    struct tl_event ev = { 0 };
    char loc[32];
    int64_t id = 0;

    snprintf(loc, sizeof(loc), "loc %lld", (long long)++nloc);
    ev.ts = ts;
    ev.ts_desc = "Content Modification Time";
    ev.source = msg_id ? "MAIL" : "FILE";
    ev.artifact = msg_id ? "mail:message" : "fs:file";
    ev.evidence_id = evid;
    ev.locator = file_loc ? file_loc : loc;
    ev.message = "m";
    ev.msg_id = msg_id;
    ev.file_id = file_id;
    ck_assert_int_eq(tl_event_add(st, &ev, &id, &err), FTL_OK);
    return id;
}

/* A message of evidence 'evid' with one event. */
static int64_t message(int64_t evid, const char *mid, const char *rcpt,
                       const char *subject, int64_t ts)
{
    struct tl_message m = { 0 };
    char loc[32];
    int64_t id = 0;

    snprintf(loc, sizeof(loc), "msg %lld", (long long)++nloc);
    m.evidence_id = evid;
    m.origin = evid == ev_log ? "log" : "store";
    m.message_id = mid;
    m.sender = "Outside Sender <sender@outside.example>";
    m.recipients = rcpt;
    m.subject = subject;
    m.size = -1;
    m.locator = loc;
    ck_assert_int_eq(tl_message_add(st, &m, &id, &err), FTL_OK);
    event(evid, id, 0, ts, NULL);
    return id;
}

static int64_t attachment(int64_t msg, int64_t parent, const char *name,
                          const char *sha)
{
    struct tl_attachment a = { 0 };
    char loc[32];
    int64_t id = 0;

    snprintf(loc, sizeof(loc), "att %lld", (long long)++nloc);
    a.evidence_id = ev_journal;
    a.msg_id = msg;
    a.parent_id = parent;
    a.filename = name;
    a.sha256 = sha;
    a.size = 10;
    a.is_member = parent != 0;
    a.locator = loc;
    ck_assert_int_eq(tl_attachment_add(st, &a, &id, &err), FTL_OK);
    return id;
}

/* A group as the groups step leaves it; transit < 0: not known. */
static void group(int64_t id, int crossed, int in_window, int64_t transit,
                  int flagged, const char *subject)
{
    static const char q[] =
        "INSERT INTO message_groups(id, message_id, subject, direction,"
        " crossed, transit, in_window, flagged, n_records)"
        " VALUES(?, 'mid-' || ?, ?, 'inbound', ?, ?, ?, ?, 1)";
    static const char q_null[] =
        "INSERT INTO message_groups(id, message_id, subject, direction,"
        " crossed, transit, in_window, flagged, n_records)"
        " VALUES(?, 'mid-' || ?, ?, 'inbound', ?, NULL, ?, ?, 1)";

    if (transit < 0)
        ck_assert_int_eq(tl_store_select(st, q_null, "iitiii", NULL, NULL,
                                         &err, id, id, subject,
                                         (int64_t)crossed, (int64_t)in_window,
                                         (int64_t)flagged), FTL_OK);
    else
        ck_assert_int_eq(tl_store_select(st, q, "iitiiii", NULL, NULL, &err,
                                         id, id, subject, (int64_t)crossed,
                                         transit, (int64_t)in_window,
                                         (int64_t)flagged), FTL_OK);
}

static void member(int64_t msg, int64_t group_id, const char *role)
{
    static const char q[] =
        "INSERT INTO message_group_members(msg_id, group_id, role, linked_by)"
        " VALUES(?, ?, ?, 'message-id')";

    ck_assert_int_eq(tl_store_select(st, q, "iit", NULL, NULL, &err, msg,
                                     group_id, role), FTL_OK);
}

static int64_t file(const char *p, const char *sha, int64_t mtime,
                    int64_t crtime, int64_t dtime)
{
    struct tl_file f = { 0 };
    char loc[300];
    int64_t id = 0;

    snprintf(loc, sizeof(loc), "%lld %s", (long long)++nloc, p);
    f.evidence_id = ev_disk;
    f.part_offset = -1;
    f.addr = nloc;
    f.path = p;
    f.name_alloc = f.meta_alloc = 1;
    f.deleted = dtime != 0;
    f.size = 10;
    f.mtime = mtime;
    f.crtime = crtime;
    f.dtime = dtime;
    f.sha256 = sha;
    f.locator = loc;
    ck_assert_int_eq(tl_file_add(st, &f, &id, &err), FTL_OK);
    if (mtime)
        event(ev_disk, 0, id, mtime, loc);
    return id;
}

/* Persons 1..5, documents, rules, the indicator pack. */
static void build_hr(void)
{
    struct tl_iocset *set = NULL;

    ev_staff = begin("staff", "register.csv", 0, NULL);
    person("E1001", "Jean", "Dupont", "jean.dupont@agency.example");
    person("E1002", "Marie", "Curie", "marie.curie@agency.example");
    person("E1003", "Ruth", "Jenre", "ruth.jenre@agency.example");
    person("E1004", "Paul", "Klee", "paul.klee@agency.example");
    person("E1005", "Anna", "Weak", NULL);
    end(ev_staff, S("0"));
    ev_hr = begin("hr", "hrstore", 0, NULL);
    document("hr/E1001/passport_jean_dupont.pdf", S1, 1, "id",
             "identity_document", 0);
    document("hr/E1002/medical.pdf", S2, 2, "name", "health", 1);
    document("hr/E1003/cv_ruth_jenre.docx", S3, 3, "id", "cv", 0);
    document("hr/E1004/payslip_2023_01.pdf", S4, 4, "id", "payroll", 0);
    document("hr/misc/note.txt", S5, 1, "surname", NULL, 0);
    ck_assert_int_eq(tl_rule_add(st, "identity_document", 0, "name",
                                 "passport*", "test", &err), FTL_OK);
    ck_assert_int_eq(tl_rule_add(st, "identity_document", 0, "meta",
                                 "passport*", "test", &err), FTL_OK);
    ck_assert_int_eq(tl_rule_add(st, "health", 1, "name", "medical", "test",
                                 &err), FTL_OK);
    ck_assert_int_eq(tl_rule_add(st, "cv", 0, "text", "curriculum", "test",
                                 &err), FTL_OK);
    end(ev_hr, S("9"));
    ck_assert_int_eq(tl_iocs_load_default(&set, &err), FTL_OK);
    ck_assert_int_eq(tl_iocs_store(st, set, &err), FTL_OK);
    tl_iocs_free(set);
}

/* The appliance image and its files. */
static void build_disk(void)
{
    ev_disk = begin("disk", "esg.img", 0, NULL);
    file("/usr/share/.uc/payslip.pdf", S4, T(8), T(8), 0);       /* F1 */
    file("/var/spool/old/cv.docx", S3, T(-10), T(-10), 0);       /* F2 */
    file("/tmp/gone.pdf", S2, T(-20), T(-20), T(-5));            /* F3 */
    file("/usr/share/.uc/cv2.docx", S3X, T(9), T(9), 0);         /* F4 */
    file("/usr/share/.uc/msg.eml", SM, T(10), T(10), 0);         /* F5 */
    file("/var/tmp/late.pdf", S1, T(40), T(40), 0);              /* F6 */
    file("/srv/notime.pdf", S1, 0, 0, 0);                        /* F7 */
    file("/srv/other.bin", SX, T(3), T(3), 0);                   /* F8 */
    end(ev_disk, S("d"));
    ev_log = begin("maillog", "esg.img", ev_disk, "mail/log/maillog");
    ev_journal = begin("mailbox", "journal.mbox", 0, NULL);
    ev_mstore = begin("mailbox", "esg.img", ev_disk, "mail/mstore/ab/cd");
}

static void build_mail(void)
{
    int64_t m, a;

    /* G1: a passport and a note, seen by the gateway and two copies */
    group(1, 1, 1, T(2), 0, "Documents");
    member(message(ev_log, "mid-1", "jean.dupont@agency.example", NULL,
                   T(2)), 1, "gateway-log");
    member(m = message(ev_journal, "mid-1", "Jean.Dupont@Agency.example",
                       "Documents", T(2)), 1, "store");
    attachment(m, 0, "passport_scan.pdf", S1);
    attachment(m, 0, "note.txt", S5);
    member(m = message(ev_journal, "mid-1", NULL, "Documents", T(2)), 1,
           "store");
    attachment(m, 0, "passport_scan.pdf", S1);
    /* G2: flagged; the certificate inside an archive */
    group(2, 1, 1, T(3), 1, "tar");
    member(m = message(ev_journal, "mid-2", NULL, "tar", T(3)), 2, "store");
    a = attachment(m, 0, "docs.tar", SX);
    attachment(m, a, "x/med.pdf", S2);
    /* G3: the CV renamed and re-saved */
    group(3, 1, 1, T(4), 0, "application");
    member(m = message(ev_journal, "mid-3", NULL, "application", T(4)), 3,
           "store");
    attachment(m, 0, "CV_Ruth_Jenre.docx", S3X);
    /* G4: a subject that names P5 next to a category word */
    group(4, 1, 1, T(5), 0, "Passport scan of Anna Weak");
    member(message(ev_journal, "mid-4", NULL, "Passport scan of Anna Weak",
                   T(5)), 4, "store");
    /* G5: an attachment name naming P1, no document behind it */
    group(5, 1, 1, T(6), 0, "fyi");
    member(m = message(ev_journal, "mid-5", NULL, "fyi", T(6)), 5, "store");
    attachment(m, 0, "Jean Dupont passport.jpg", SX);
    /* G6: a surname alone next to the word: nothing */
    group(6, 1, 1, T(6), 0, "Dupont passport renewal");
    member(message(ev_journal, "mid-6", NULL, "Dupont passport renewal",
                   T(6)), 6, "store");
    /* G7: internal only; G8: before the window */
    group(7, 0, 1, -1, 0, "payslip");
    member(m = message(ev_journal, "mid-7", "paul.klee@agency.example", NULL,
                       T(7)), 7, "store");
    attachment(m, 0, "payslip_2023_01.pdf", S4);
    group(8, 1, 0, T(-30), 0, "payslip");
    member(m = message(ev_journal, "mid-8", "paul.klee@agency.example", NULL,
                       T(-30)), 8, "store");
    attachment(m, 0, "payslip_2023_01.pdf", S4);
    /* G9: stored on the appliance, the whole copy staged */
    group(9, 1, 1, T(7), 0, "hello");
    member(message(ev_mstore, "mid-9", "marie.curie@agency.example", "hello",
                   T(7)), 9, "appliance-store");
    /* G10: through the gateway at a time not known */
    group(10, 1, 1, -1, 0, "pay");
    member(m = message(ev_journal, "mid-10", NULL, "pay", T(1)), 10,
           "store");
    attachment(m, 0, "pay.pdf", S4);
    end(ev_mstore, SM);
    end(ev_journal, S("e"));
    end(ev_log, S("f"));
}

static struct an_opts opts;
static struct an_report rep;

static int run(void)
{
    struct an_ctx c;

    memset(&c, 0, sizeof(c));
    memset(&rep, 0, sizeof(rep));
    c.st = st;
    c.o = &opts;
    c.rep = &rep;
    c.win_from = W0;
    c.win_to = W1;
    c.has_win_from = c.has_win_to = 1;
    return an_exposures(&c, &err);
}

static void setup(void)
{
    memset(&err, 0, sizeof(err));
    nloc = 0;
    st = tu_case_open("exposure", path);
    build_hr();
    build_disk();
    build_mail();
    ck_assert_msg(run() == FTL_OK, "an_exposures: %s", err.msg);
}

static void teardown(void)
{
    tu_case_close(st, path);
}

static const char *rows(const char *q)
{
    return tu_rows(st, q);
}

/* Two queries give the same rows. */
static void same_rows(const char *a, const char *b)
{
    char *first = strdup(rows(a));

    ck_assert_ptr_nonnull(first);
    ck_assert_str_eq(first, rows(b));
    free(first);
}

/* ---- the tests --------------------------------------------------------- */

/* Every row, in order: one per person x category x channel (issue 11),
 * labelled with the strongest strength and confidence of its items. */
START_TEST(test_exposure_rows_one_per_person_category_channel)
{
    ck_assert_str_eq(rows("SELECT person_id || ' ' || category || ' ' ||"
                          " channel || ' ' || strength || ' ' || confidence"
                          " || ' ' || items FROM exposures ORDER BY id"),
                     "1 identity_document appliance-storage strong "
                     "accessible 2|"
                     "1 identity_document mail-transit strong accessible 2|"
                     "1 internal_communication mail-transit strong "
                     "accessible 1|"
                     "2 health mail-transit medium accessible 1|"
                     "2 internal_communication mail-transit strong "
                     "observed 1|"
                     "3 cv appliance-storage strong observed 2|"
                     "3 cv mail-transit medium accessible 1|"
                     "4 payroll appliance-storage strong observed 1|"
                     "4 payroll mail-transit strong unknown 1|"
                     "5 identity_document mail-transit weak accessible 1");
    ck_assert_int_eq(rep.exposures, 10);
    ck_assert_int_eq(tu_count(st, "SELECT count(*) FROM (SELECT 1 FROM"
                              " exposures GROUP BY person_id, category,"
                              " channel HAVING count(*) > 1)"), 0);
    /* the basis counts the items of each strength */
    ck_assert_ptr_nonnull(strstr(rows("SELECT basis FROM exposures WHERE"
                                      " person_id = 1 AND category ="
                                      " 'identity_document' AND channel ="
                                      " 'mail-transit'"),
                                 "2 messages that crossed the gateway "
                                 "inside the window (1 strong, 1 weak)"));
    ck_assert_ptr_nonnull(strstr(rows("SELECT basis FROM exposures WHERE"
                                      " person_id = 3 AND channel ="
                                      " 'appliance-storage'"),
                                 "(1 strong, 1 medium)"));
    ck_assert_ptr_nonnull(strstr(rows("SELECT basis FROM exposures WHERE"
                                      " person_id = 3 AND channel ="
                                      " 'appliance-storage'"),
                                 "observed through 1 of its 2 items"));
    ck_assert_int_eq(rep.persons, 5);
    ck_assert_str_eq(rows("SELECT DISTINCT employee_no || ' ' || name FROM"
                          " exposures WHERE person_id = 2"),
                     "E1002 Marie Curie");
}
END_TEST

/* Byte-identical attachment: strong, one item for three records. */
START_TEST(test_exposure_sha256_one_item_per_message)
{
    ck_assert_str_eq(rows("SELECT i.kind || ' ' || i.group_id || ' ' ||"
                          " i.doc_id || ' ' || i.attachment_id || ' ' ||"
                          " i.strength FROM exposure_items i JOIN exposures e"
                          " ON e.id = i.exposure_id WHERE e.id = 2"
                          " AND i.group_id = 1"),
                     "message 1 1 1 strong");
    /* the events of all three records of G1, ascending */
    same_rows("SELECT event_ids FROM exposure_items WHERE exposure_id = 2"
              " AND group_id = 1",
              "SELECT group_concat(id, ' ') FROM (SELECT ev.id"
              " FROM events ev JOIN message_group_members m"
              " ON m.msg_id = ev.msg_id WHERE m.group_id = 1"
              " ORDER BY ev.id)");
    ck_assert_int_eq(tu_count(st, "SELECT length(event_ids) -"
                              " length(replace(event_ids, ' ', '')) + 1"
                              " FROM exposure_items WHERE exposure_id = 2"
                              " AND group_id = 1"), 3);
    ck_assert_str_eq(rows("SELECT first_exposed FROM exposures WHERE id = 2"),
                     "1683072000000000000");
    ck_assert_ptr_nonnull(strstr(rows("SELECT reason FROM exposure_items"
                                      " WHERE exposure_id = 2"
                                      " AND group_id = 1"),
                                 "'passport_scan.pdf' is byte-identical "
                                 "(SHA-256) to HR document "
                                 "'hr/E1001/passport_jean_dupont.pdf'"));
}
END_TEST

/* An archive member byte-identical, but the document names the person
 * by name only: medium, the weaker of the two; flagged: said, but only
 * accessible (observed is for staging places). */
START_TEST(test_exposure_member_weaker_of_link_and_attribution)
{
    ck_assert_str_eq(rows("SELECT i.attachment_id || ' ' || i.strength FROM"
                          " exposure_items i JOIN exposures e ON e.id ="
                          " i.exposure_id WHERE e.category = 'health'"),
                     "5 medium");
    ck_assert_str_eq(rows("SELECT is_member || filename FROM attachments"
                          " WHERE id = 5"), "1x/med.pdf");
    ck_assert_ptr_nonnull(strstr(rows("SELECT basis FROM exposures"
                                      " WHERE category = 'health'"),
                                 "1 carried an archive with a member "
                                 "byte-identical"));
    ck_assert_ptr_nonnull(strstr(rows("SELECT basis FROM exposures"
                                      " WHERE category = 'health'"),
                                 "An indicator matched a record of 1 of the "
                                 "messages"));
    ck_assert_str_eq(rows("SELECT confidence FROM exposures"
                          " WHERE category = 'health'"), "accessible");
    /* a surname-only attribution is a candidate: it links nobody, not
     * even through a byte-identical copy */
    ck_assert_int_gt(tu_count(st, "SELECT count(*) FROM document_persons"
                              " WHERE strength = 'surname'"), 0);
    ck_assert_int_eq(tu_count(st, "SELECT count(*) FROM exposures WHERE"
                              " category = 'unclassified'"), 0);
}
END_TEST

/* Same folded name, other content: medium, by file name. */
START_TEST(test_exposure_renamed_medium)
{
    ck_assert_str_eq(rows("SELECT i.group_id || ' ' || i.doc_id || ' ' ||"
                          " i.strength FROM exposure_items i JOIN exposures e"
                          " ON e.id = i.exposure_id WHERE e.person_id = 3"
                          " AND e.channel = 'mail-transit'"), "3 3 medium");
    ck_assert_ptr_nonnull(strstr(rows("SELECT reason FROM exposure_items"
                                      " WHERE group_id = 3"),
                                 "has the file name of HR document "
                                 "'hr/E1003/cv_ruth_jenre.docx' but other "
                                 "content"));
}
END_TEST

/* Name and category word together: weak.  In the row of the same
 * person, category and channel as a strong item the row is strong, the
 * weak item stays weak in exposure_items; a surname alone does nothing. */
START_TEST(test_exposure_weak_alias_rule_not_promoted)
{
    ck_assert_str_eq(rows("SELECT e.strength || ' ' || i.strength || ' ' ||"
                          " i.group_id FROM"
                          " exposures e JOIN exposure_items i ON"
                          " i.exposure_id = e.id WHERE e.person_id = 1 AND"
                          " e.category = 'identity_document' AND e.channel ="
                          " 'mail-transit' ORDER BY i.id"),
                     "strong strong 1|strong weak 5");
    ck_assert_str_eq(rows("SELECT i.group_id || ' ' || e.strength FROM"
                          " exposures e JOIN exposure_items i ON"
                          " i.exposure_id = e.id WHERE e.person_id = 5"),
                     "4 weak");
    ck_assert_int_eq(tu_count(st, "SELECT count(*) FROM exposure_items"
                              " WHERE group_id = 6"), 0);
    ck_assert_ptr_nonnull(strstr(rows("SELECT reason FROM exposure_items"
                                      " WHERE group_id = 4"),
                                 "its subject names the person ('Anna Weak',"
                                 " name) and matches the identity_document "
                                 "rule 'passport*'"));
    ck_assert_ptr_nonnull(strstr(rows("SELECT basis FROM exposures WHERE"
                                      " person_id = 5"), "Weak: "));
    ck_assert_int_eq(tu_count(st, "SELECT subjects_weak_only FROM"
                              " exposure_figures WHERE category ="
                              " 'identity_document'"), 1);
}
END_TEST

/* The register address as recipient, in any case and form; a message
 * stored whole on the appliance does not expose its addresses there
 * (appliance-storage is by content: an HR document's or an attachment's
 * bytes), but its whole copy in a staging place makes the crossing
 * observed. */
START_TEST(test_exposure_internal_communication)
{
    ck_assert_str_eq(rows("SELECT e.person_id || ' ' || e.channel || ' ' ||"
                          " coalesce(i.group_id, 'f' || i.file_id) || ' ' ||"
                          " e.strength || ' ' || e.confidence FROM exposures"
                          " e JOIN exposure_items i ON i.exposure_id = e.id"
                          " WHERE e.category = 'internal_communication'"
                          " ORDER BY e.id"),
                     "1 mail-transit 1 strong accessible|"
                     "2 mail-transit 9 strong observed");
    ck_assert_ptr_nonnull(strstr(rows("SELECT reason FROM exposure_items"
                                      " WHERE group_id = 9"),
                                 "a whole copy of it lies in a staging place"));
    ck_assert_int_eq(tu_count(st, "SELECT count(*) FROM exposure_items"
                              " WHERE file_id = 5"), 0);
}
END_TEST

/* The attachments of a message in the appliance's store are on the
 * appliance however the message's group stands with the window. */
START_TEST(test_exposure_stored_message_attachments)
{
    int64_t m, f;

    /* a stored message of a group outside the window, with the CV */
    group(11, 1, 0, T(-40), 0, "old");
    ev_mstore = begin("mailbox", "esg.img", ev_disk, "mail/mstore/ef/01");
    member(m = message(ev_mstore, "mid-11", NULL, "old", T(-40)), 11,
           "appliance-store");
    ev_journal = ev_mstore;
    attachment(m, 0, "cv.docx", S3);
    end(ev_mstore, S("7"));
    ev_disk = tu_count(st, "SELECT id FROM evidence WHERE kind = 'disk'");
    f = file("/mail/mstore/ef/01", S("7"), T(12), T(12), 0);
    ck_assert_int_eq(run(), FTL_OK);
    same_rows("SELECT e.person_id || ' ' || e.category || ' ' ||"
              " i.strength || ' ' || i.attachment_id"
              " FROM exposures e JOIN exposure_items i ON i.exposure_id ="
              " e.id WHERE i.file_id = (SELECT max(id) FROM files)",
              "SELECT '3 cv strong ' || max(id) FROM attachments");
    ck_assert_ptr_nonnull(strstr(rows("SELECT basis FROM exposures WHERE"
                                      " person_id = 3 AND channel ="
                                      " 'appliance-storage'"),
                                 "observed through 1 of its 3 items; the "
                                 "others are accessible"));
    ck_assert_int_eq(tu_count(st, "SELECT count(*) FROM exposure_items"
                              " WHERE group_id = 11"), 0);
    ck_assert_int_gt(f, 0);
}
END_TEST

/* Names and rule phrases as the HR collector reads them: a person's name
 * run together ("AnnaWeak") and a phrase without its particle
 * ("carteIdentite" for the rule "carte d'identité") still make a weak
 * link. */
START_TEST(test_exposure_weak_split_and_particle)
{
    int64_t ev, m;

    ck_assert_int_eq(tl_rule_add(st, "identity_document", 0, "name",
                                 "carte d'identité", "test", &err), FTL_OK);
    group(12, 1, 1, T(7), 0, "scan");
    ev = begin("mailbox", "more.mbox", 0, NULL);
    ev_journal = ev;
    member(m = message(ev, "mid-12", NULL, "scan", T(7)), 12, "store");
    attachment(m, 0, "carteIdentite_AnnaWeak.pdf", SX);
    end(ev, S("8"));
    ck_assert_int_eq(run(), FTL_OK);
    ck_assert_str_eq(rows("SELECT e.category || ' ' || i.strength FROM"
                          " exposure_items i JOIN exposures e ON e.id ="
                          " i.exposure_id WHERE i.group_id = 12"),
                     "identity_document weak");
    ck_assert_ptr_nonnull(strstr(rows("SELECT reason FROM exposure_items"
                                      " WHERE group_id = 12"),
                                 "carte d'identité"));
}
END_TEST

/* Internal-only mail and mail outside the window are no exposure, and
 * neither is a file deleted before the window or made after it. */
START_TEST(test_exposure_outside_window_and_internal_excluded)
{
    ck_assert_int_eq(tu_count(st, "SELECT count(*) FROM exposure_items"
                              " WHERE group_id IN (7, 8)"), 0);
    ck_assert_int_eq(tu_count(st, "SELECT count(*) FROM exposure_items"
                              " WHERE file_id IN (3, 6)"), 0);
    ck_assert_str_eq(rows("SELECT i.group_id || ' ' || e.confidence || ' '"
                          " || coalesce(i.ts, 'null') FROM exposures e"
                          " JOIN exposure_items i ON i.exposure_id = e.id"
                          " WHERE e.person_id = 4 AND e.channel ="
                          " 'mail-transit'"), "10 unknown null");
}
END_TEST

/* Copies on the appliance: observed in a staging place, accessible
 * elsewhere (from the window's start when older), unknown without a
 * time. */
START_TEST(test_exposure_appliance_storage_observed_accessible)
{
    ck_assert_str_eq(rows("SELECT i.file_id || ' ' || e.person_id || ' ' ||"
                          " i.strength || ' ' ||"
                          " coalesce(i.ts, 'null') FROM exposures e JOIN"
                          " exposure_items i ON i.exposure_id = e.id WHERE"
                          " e.channel = 'appliance-storage' ORDER BY i.id"),
                     "7 1 strong null|"
                     "8 1 weak 1683158400000000000|"
                     "2 3 strong 1682899200000000000|"
                     "4 3 medium 1683676800000000000|"
                     "1 4 strong 1683590400000000000");
    /* the rows: the strongest confidence of their items (unknown and
     * accessible: accessible; accessible and observed: observed) */
    ck_assert_str_eq(rows("SELECT person_id || ' ' || confidence FROM"
                          " exposures WHERE channel = 'appliance-storage'"
                          " ORDER BY id"),
                     "1 accessible|3 observed|4 observed");
    ck_assert_ptr_nonnull(strstr(rows("SELECT reason FROM exposure_items"
                                      " WHERE file_id = 7"),
                                 "no creation or modification time"));
    ck_assert_ptr_nonnull(strstr(rows("SELECT reason FROM exposure_items"
                                      " WHERE file_id = 1"),
                                 "staging place named by the indicator pack "
                                 "('/usr/share/.uc/')"));
    ck_assert_ptr_nonnull(strstr(rows("SELECT reason FROM exposure_items"
                                      " WHERE file_id = 2"),
                                 "content modification time "
                                 "2023-04-21T00:00:00Z, before the window"));
    ck_assert_ptr_nonnull(strstr(rows("SELECT reason FROM exposure_items"
                                      " WHERE file_id = 4"),
                                 "byte-identical to mail attachment "
                                 "'CV_Ruth_Jenre.docx'"));
    /* the file's own events prove it */
    same_rows("SELECT event_ids FROM exposure_items WHERE file_id = 1",
              "SELECT id FROM events WHERE file_id = 1");
}
END_TEST

/* Regulator figures: subjects and records per category, no names. */
START_TEST(test_exposure_figures_counts)
{
    ck_assert_str_eq(rows("SELECT category || ' ' || art9 || ' ' ||"
                          " identity_document || ' ' || data_subjects || ' '"
                          " || records || ' ' || subjects_weak_only FROM"
                          " exposure_figures ORDER BY category"),
                     "* 1 1 5 12 1|"
                     "cv 0 0 1 3 0|"
                     "health 1 0 1 1 0|"
                     "identity_document 0 1 2 5 1|"
                     "internal_communication 0 0 2 2 0|"
                     "payroll 0 0 1 2 0");
    ck_assert_str_eq(rows("SELECT person_id || ' ' || categories || ' ' ||"
                          " art9 || identity_document || ' ' || strongest ||"
                          " ' ' || exposures || ' ' || items || ' ' ||"
                          " first_exposed || ' ' || last_exposed FROM"
                          " exposure_summary ORDER BY person_id"),
                     "1 identity_document internal_communication "
                     "01 strong 3 4 1683072000000000000 "
                     "1683417600000000000|"
                     "2 health internal_communication 10 strong 2 2 "
                     "1683158400000000000 1683504000000000000|"
                     "3 cv 00 strong 2 3 1682899200000000000 "
                     "1683676800000000000|"
                     "4 payroll 00 strong 2 2 1683590400000000000 "
                     "1683590400000000000|"
                     "5 identity_document 01 weak 1 1 1683331200000000000 "
                     "1683331200000000000");
}
END_TEST

/* Everything the step writes, as text. */
static char *dump(void)
{
    static const char *const q[] = {
        "SELECT group_concat(id || '|' || person_id || '|' || category ||"
        " '|' || art9 || '|' || channel || '|' || confidence || '|' ||"
        " strength || '|' || coalesce(first_exposed, '') || '|' ||"
        " coalesce(last_exposed, '') || '|' || items || '|' || event_ids ||"
        " '|' || basis, char(10)) FROM exposures",
        "SELECT group_concat(id || '|' || exposure_id || '|' || kind || '|'"
        " || coalesce(group_id, '') || '|' || coalesce(file_id, '') || '|' ||"
        " coalesce(doc_id, '') || '|' || coalesce(attachment_id, '') || '|'"
        " || coalesce(ts, '') || '|' || event_ids || '|' || reason, char(10))"
        " FROM exposure_items",
        "SELECT group_concat(person_id || '|' || categories || '|' ||"
        " strongest || '|' || items, char(10)) FROM exposure_summary",
        "SELECT group_concat(category || '|' || records, char(10)) FROM"
        " exposure_figures",
        "SELECT group_concat(id || '|' || kind || '|' || message, char(10))"
        " FROM analysis_warnings",
    };
    size_t i, n = 0;
    char *out = NULL;

    for (i = 0; i < sizeof(q) / sizeof(q[0]); i++) {
        const char *r = tu_one(st, q[i]);
        size_t k = strlen(r);

        out = realloc(out, n + k + 2);
        ck_assert_ptr_nonnull(out);
        memcpy(out + n, r, k);
        n += k;
        out[n++] = '\n';
        out[n] = '\0';
    }
    return out;
}

START_TEST(test_exposure_rerun_identical)
{
    char *first = dump(), *second;

    ck_assert_int_eq(run(), FTL_OK);
    second = dump();
    ck_assert_str_eq(first, second);
    ck_assert_int_eq(tu_count(st, "SELECT min(id) FROM exposures"), 1);
    free(first);
    free(second);
}
END_TEST

/* The gaps are said: no hash on an image of the appliance. */
START_TEST(test_exposure_unhashed_image_warned)
{
    ck_assert_int_eq(tu_count(st, "SELECT count(*) FROM analysis_warnings"),
                     0);
    sql("UPDATE files SET sha256 = NULL");
    ck_assert_int_eq(run(), FTL_OK);
    ck_assert_str_eq(rows("SELECT kind FROM analysis_warnings"),
                     "exposure-unhashed-image");
    ck_assert_int_eq(rep.warnings, 1);
    ck_assert_int_eq(tu_count(st, "SELECT count(*) FROM exposures WHERE"
                              " channel = 'appliance-storage'"), 0);
    sql("DELETE FROM category_rules");
    ck_assert_int_eq(run(), FTL_OK);
    ck_assert_str_eq(rows("SELECT kind FROM analysis_warnings ORDER BY id"),
                     "exposure-no-rules|exposure-unhashed-image");
    ck_assert_int_eq(tu_count(st, "SELECT count(*) FROM exposures WHERE"
                              " strength = 'weak' AND category ="
                              " 'identity_document'"), 0);
}
END_TEST

/* A disk image that holds no gateway record and no indicator hit is not
 * the appliance: its copies are not exposures, and the gap is said. */
START_TEST(test_exposure_other_disk_not_appliance)
{
    ck_assert_int_gt(tu_count(st, "SELECT count(*) FROM exposures WHERE"
                              " channel = 'appliance-storage'"), 0);
    sql("UPDATE evidence SET parent_id = 0 WHERE parent_id <> 0");
    sql("UPDATE evidence_places SET parent_id = 0 WHERE parent_id <> 0");
    ck_assert_int_eq(run(), FTL_OK);
    ck_assert_int_eq(tu_count(st, "SELECT count(*) FROM exposures WHERE"
                              " channel = 'appliance-storage'"), 0);
    ck_assert_str_eq(rows("SELECT kind FROM analysis_warnings"),
                     "exposure-no-appliance");
    /* an indicator hit on it makes it one again */
    ck_assert_int_eq(tl_store_select(st, "INSERT INTO ioc_hits(evidence_id,"
                                     " target, description, locator)"
                                     " VALUES(?, 'path', 'test', 'x')", "i",
                                     NULL, NULL, &err, ev_disk), FTL_OK);
    ck_assert_int_eq(run(), FTL_OK);
    ck_assert_int_eq(tu_count(st, "SELECT count(*) FROM exposures WHERE"
                              " channel = 'appliance-storage'"), 3);
    ck_assert_int_eq(tu_count(st, "SELECT count(*) FROM analysis_warnings"),
                     0);
}
END_TEST

/*
 * No full scan inside a loop: in every plan, a table is scanned whole
 * only as the outermost loop of its query (the first table of its level),
 * never under a correlated subquery, and no automatic index is built.
 */
#define PLAN_IDS 4096

struct plan {
    int stmt;
    int first_at[PLAN_IDS];    /* per parent id: a table was seen */
    int correlated[PLAN_IDS];  /* per node id: is or is under one */
    char bad[512];
};

static int on_plan(int stmt, int id, int parent, const char *detail,
                   void *payload)
{
    struct plan *p = payload;
    int table = strncmp(detail, "SCAN ", 5) == 0 ||
                strncmp(detail, "SEARCH ", 7) == 0;
    int scan = strncmp(detail, "SCAN ", 5) == 0 &&
               strncmp(detail, "SCAN CONSTANT", 13) != 0;

    if (stmt != p->stmt) {
        memset(p, 0, sizeof(*p) - sizeof(p->bad));
        p->stmt = stmt;
    }
    ck_assert_int_lt(id, PLAN_IDS);
    ck_assert_int_lt(parent, PLAN_IDS);
    if (getenv("FTL_SHOW_PLANS"))
        fprintf(stderr, "%d %d %d %s\n", stmt, id, parent, detail);
    p->correlated[id] = p->correlated[parent] ||
                        strstr(detail, "CORRELATED") != NULL;
    /* an automatic index is a whole table read and sorted, each run */
    if (((scan && (p->first_at[parent] || p->correlated[id])) ||
         strstr(detail, "AUTOMATIC")) && !p->bad[0])
        snprintf(p->bad, sizeof(p->bad), "statement %d: %s", stmt, detail);
    if (table)
        p->first_at[parent] = 1;
    return 0;
}

START_TEST(test_exposure_plans_no_scan_in_loop)
{
    struct plan p;

    memset(&p, 0, sizeof(p));
    p.stmt = -1;
    ck_assert_int_eq(tl_ex_begin(st, &err), FTL_OK);
    ck_assert_int_eq(tl_ex_explain(st, on_plan, &p, &err), FTL_OK);
    tl_ex_end(st);
    ck_assert_msg(!p.bad[0], "%s", p.bad);
}
END_TEST

Suite *exposure_suite(void)
{
    Suite *s = suite_create("exposure");
    TCase *tc = tcase_create("an_exposures");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_exposure_rows_one_per_person_category_channel);
    tcase_add_test(tc, test_exposure_sha256_one_item_per_message);
    tcase_add_test(tc, test_exposure_member_weaker_of_link_and_attribution);
    tcase_add_test(tc, test_exposure_renamed_medium);
    tcase_add_test(tc, test_exposure_weak_alias_rule_not_promoted);
    tcase_add_test(tc, test_exposure_weak_split_and_particle);
    tcase_add_test(tc, test_exposure_internal_communication);
    tcase_add_test(tc, test_exposure_stored_message_attachments);
    tcase_add_test(tc, test_exposure_outside_window_and_internal_excluded);
    tcase_add_test(tc, test_exposure_appliance_storage_observed_accessible);
    tcase_add_test(tc, test_exposure_figures_counts);
    tcase_add_test(tc, test_exposure_rerun_identical);
    tcase_add_test(tc, test_exposure_unhashed_image_warned);
    tcase_add_test(tc, test_exposure_other_disk_not_appliance);
    tcase_add_test(tc, test_exposure_plans_no_scan_in_loop);
    suite_add_tcase(s, tc);
    return s;
}
