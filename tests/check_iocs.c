/*
 * tests/check_iocs.c - tests for timeline/iocs_load.c, iocs_match.c and
 * iocs_hits.c
 *
 * One TCase per function of the "Indicators of compromise" section of
 * timeline.h.  Packs are written into a fresh directory under /tmp for
 * each test; the store tests open a case file there too.
 *
 * SPDX-License-Identifier: MIT
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"
#include "timeline/timeline.h"

#define HDR "type,value,family,note,source\n"

static char tmpdir[64];
static char pathbuf[128];

static void tmp_setup(void)
{
    snprintf(tmpdir, sizeof(tmpdir), "/tmp/ftl-iocs-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

static void tmp_teardown(void)
{
    char cmd[96];

    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0)
        fprintf(stderr, "cannot remove %s\n", tmpdir);
}

/* Write 'len' bytes of 'text' to <tmpdir>/<name>; returns the path. */
static const char *write_n(const char *name, const char *text, size_t len)
{
    FILE *fp;

    snprintf(pathbuf, sizeof(pathbuf), "%s/%s", tmpdir, name);
    fp = fopen(pathbuf, "wb");
    ck_assert_ptr_nonnull(fp);
    ck_assert_uint_eq(fwrite(text, 1, len, fp), len);
    ck_assert_int_eq(fclose(fp), 0);
    return pathbuf;
}

static const char *write_pack(const char *text)
{
    return write_n("iocs.csv", text, strlen(text));
}

/* Load 'text' as a pack that must be good. */
static struct tl_iocset *load_ok(const char *text)
{
    struct tl_iocset *set = NULL;
    struct ftl_err e = { 0 };

    ck_assert_msg(tl_iocs_load_file(&set, write_pack(text), &e) == FTL_OK,
                  "load: %s", e.msg);
    ck_assert_ptr_nonnull(set);
    return set;
}

/* Load 'text' as a pack that must fail with 'code' and a message that
 * contains 'msg' (after the directory part of the path). */
static void load_bad(const char *text, int code, const char *msg)
{
    struct tl_iocset *set = (struct tl_iocset *)&set;
    struct ftl_err e = { 0 };

    ck_assert_int_eq(tl_iocs_load_file(&set, write_pack(text), &e), code);
    ck_assert_ptr_null(set);
    ck_assert_msg(strstr(e.msg, msg) != NULL, "message '%s' lacks '%s'",
                  e.msg, msg);
}

/* What the hit callback saw. */
struct seen {
    int n;                     /* calls */
    const struct tl_ioc *last; /* last indicator reported */
    char types[256];           /* "type:value " for each call */
};

static void on_hit(const struct tl_ioc *ioc, void *payload)
{
    struct seen *s = payload;
    size_t len = strlen(s->types);

    s->n++;
    s->last = ioc;
    snprintf(s->types + len, sizeof(s->types) - len, "%s:%s ", ioc->type,
             ioc->value);
}

/* Match and return the number of hits, checking that the callback agrees
 * with the return value. */
static int hits(const struct tl_iocset *set, int target, const char *v,
                struct seen *s)
{
    struct seen local;
    int n;

    if (!s)
        s = &local;
    memset(s, 0, sizeof(*s));
    n = tl_iocs_match(set, target, v, on_hit, s);
    ck_assert_int_eq(n, s->n);
    return n;
}

/* ------------------------------------------------------------------ */
/* tl_iocs_load_file                                                   */
/* ------------------------------------------------------------------ */

START_TEST(test_iocs_load_file_reads_quoted_fields)
{
    struct tl_iocset *set = load_ok(
        "type,value,family,note,source\r\n"
        "name_substring,\"a,b\",\"fam, with comma\","
        "\"say \"\"hi\"\"\r\nsecond line\",src\r\n"
        "filename,plain.sh,,,\r\n");
    struct seen s;

    ck_assert_uint_eq(tl_iocs_count(set), 2);
    ck_assert_int_eq(hits(set, TL_T_NAME, "xa,by", &s), 1);
    ck_assert_str_eq(s.last->type, "name_substring");
    ck_assert_str_eq(s.last->value, "a,b");
    ck_assert_str_eq(s.last->family, "fam, with comma");
    ck_assert_str_eq(s.last->note, "say \"hi\"\r\nsecond line");
    ck_assert_str_eq(s.last->source, "src");
    /* empty optional cells read as NULL */
    ck_assert_int_eq(hits(set, TL_T_NAME, "plain.sh", &s), 1);
    ck_assert_ptr_null(s.last->family);
    ck_assert_ptr_null(s.last->note);
    ck_assert_ptr_null(s.last->source);
    tl_iocs_free(set);
}
END_TEST

START_TEST(test_iocs_load_file_header_in_any_order)
{
    struct tl_iocset *set = load_ok(" Source ,VALUE,extra,Type\n"
                                    "sigma,/tmp/p,ignored,PATH\n");
    struct seen s;

    ck_assert_int_eq(hits(set, TL_T_PATH, "/var/tmp/p", &s), 1);
    ck_assert_str_eq(s.last->type, "path");
    ck_assert_str_eq(s.last->value, "/tmp/p");
    ck_assert_str_eq(s.last->source, "sigma");
    ck_assert_ptr_null(s.last->family);
    tl_iocs_free(set);
    /* a short row: missing cells are empty, so optional ones may go */
    set = load_ok(HDR "filename,a.sh\n");
    ck_assert_int_eq(hits(set, TL_T_NAME, "a.sh", &s), 1);
    ck_assert_ptr_null(s.last->source);
    tl_iocs_free(set);
    /* but not the type */
    load_bad(" Source ,VALUE,extra,Type\nsigma,aacore.sh\n", FTL_EPARSE,
             "iocs.csv:2: no indicator type");
}
END_TEST

START_TEST(test_iocs_load_file_skips_blank_lines)
{
    struct tl_iocset *set = load_ok(
        "\n\r\n" HDR "\n"
        "filename,a.sh,,,\n"
        "\r\n"
        ",,,,\n"
        "filename,b.sh,,,\n\n\n");

    ck_assert_uint_eq(tl_iocs_count(set), 2);
    tl_iocs_free(set);
}
END_TEST

START_TEST(test_iocs_load_file_accepts_bom_and_no_final_newline)
{
    struct tl_iocset *set = load_ok("\xef\xbb\xbftype,value\nfilename,a.sh");

    ck_assert_int_eq(hits(set, TL_T_NAME, "a.sh", NULL), 1);
    tl_iocs_free(set);
}
END_TEST

START_TEST(test_iocs_load_file_unknown_type_names_file_and_line)
{
    struct tl_iocset *set = NULL;
    struct ftl_err e = { 0 };
    const char *path;

    /* line 3 holds a field that runs over two lines: 'foo' is on line 5 */
    path = write_pack(HDR "\n"
                      "note,\"two\nlines\",,,\n"
                      "Foo,x,,,\n");
    ck_assert_int_eq(tl_iocs_load_file(&set, path, &e), FTL_EPARSE);
    ck_assert_int_eq(e.code, FTL_EPARSE);
    ck_assert_ptr_null(set);
    ck_assert_msg(strncmp(e.msg, tmpdir, strlen(tmpdir)) == 0, "%s", e.msg);
    ck_assert_str_eq(e.msg + strlen(tmpdir),
                     "/iocs.csv:5: unknown indicator type 'foo'");
}
END_TEST

START_TEST(test_iocs_load_file_source_attachment_pattern_refused)
{
    /* the shared source CSV's own type is not one ftl can match */
    load_bad(HDR "md5,827d507aa3bde0ef903ca5dec60cdec8,,,\n"
             "attachment_pattern,obt075,,,\n", FTL_EPARSE,
             "iocs.csv:3: unknown indicator type 'attachment_pattern'");
}
END_TEST

START_TEST(test_iocs_load_file_bad_regex_fails)
{
    load_bad(HDR "path_regex,/mail/(tmp,,,\n", FTL_EPARSE,
             "iocs.csv:2: bad regular expression '/mail/(tmp'");
    load_bad(HDR "name_regex,\"a{2,1}\",,,\n", FTL_EPARSE,
             "iocs.csv:2: bad regular expression");
    load_bad(HDR "subject_regex,[z-a],,,\n", FTL_EPARSE,
             "iocs.csv:2: bad regular expression");
}
END_TEST

START_TEST(test_iocs_load_file_header_required)
{
    load_bad("md5,827d507aa3bde0ef903ca5dec60cdec8\n", FTL_EPARSE,
             "iocs.csv:1: the header must name the columns type and value");
    load_bad("type,family\nmd5,x\n", FTL_EPARSE, "must name the columns");
    load_bad("", FTL_EPARSE, "iocs.csv: no header row");
    load_bad("\n\n", FTL_EPARSE, "no header row");
    load_bad("type,value,type\n", FTL_EPARSE,
             "iocs.csv:1: column 'type' appears twice");
}
END_TEST

START_TEST(test_iocs_load_file_csv_errors_name_line)
{
    load_bad(HDR "filename,a.sh,,,\nnote,\"open\n\n", FTL_EPARSE,
             "iocs.csv:3: quoted field is not closed");
    load_bad(HDR "filename,a\"b,,,\n", FTL_EPARSE,
             "iocs.csv:2: quote inside an unquoted field");
    load_bad(HDR "filename,\"a\"b,,,\n", FTL_EPARSE,
             "iocs.csv:2: unexpected text after a closing quote");
    load_bad(HDR "filename,a.sh,,,,extra\n", FTL_EPARSE,
             "iocs.csv:2: 6 fields, but the header has 5");
}
END_TEST

START_TEST(test_iocs_load_file_nul_byte_fails)
{
    static const char text[] = HDR "filename,a\0b,,,\n";
    struct tl_iocset *set = NULL;
    struct ftl_err e = { 0 };
    const char *path = write_n("iocs.csv", text, sizeof(text) - 1);

    ck_assert_int_eq(tl_iocs_load_file(&set, path, &e), FTL_EPARSE);
    ck_assert_ptr_nonnull(strstr(e.msg, "iocs.csv:2: NUL byte"));
}
END_TEST

START_TEST(test_iocs_load_file_bad_values_fail)
{
    static const struct {
        const char *row, *msg;
    } bad[] = {
        { "md5,827d507aa3bde0ef903ca5dec60cdecZ,,,",
          "md5 '827d507aa3bde0ef903ca5dec60cdecz' is not 32 hexadecimal" },
        { "md5,827d507aa3bde0ef,,,", "is not 32 hexadecimal digits" },
        { "sha256,abc,,,", "sha256 'abc' is not 64 hexadecimal digits" },
        { "path,tmp/p,,,", "path 'tmp/p' does not start with '/'" },
        { "path,//,,,", "path '//' would match every path" },
        { "filename,a/b.sh,,,", "filename 'a/b.sh' contains '/'" },
        { "email,nobody,,,", "email 'nobody' has no '@'" },
        { "domain,.temp.sh,,,", "is not a host name" },
        { "filename,,fam,,", "iocs.csv:2: filename value is empty" },
    };
    char text[256];
    size_t i;

    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        snprintf(text, sizeof(text), HDR "%s\n", bad[i].row);
        load_bad(text, FTL_EPARSE, bad[i].msg);
    }
}
END_TEST

START_TEST(test_iocs_load_file_value_limit_4k)
{
    char *text = malloc(64 + 4097);
    struct tl_iocset *set;

    ck_assert_ptr_nonnull(text);
    strcpy(text, "type,value\nname_substring,");
    memset(text + strlen(text), 'a', 4096);
    strcpy(text + 26 + 4096, "\n");
    set = load_ok(text);
    ck_assert_uint_eq(tl_iocs_count(set), 1);
    tl_iocs_free(set);
    /* one byte more */
    strcpy(text, "type,value\nname_substring,");
    memset(text + strlen(text), 'a', 4097);
    strcpy(text + 26 + 4097, "\n");
    load_bad(text, FTL_EPARSE, "iocs.csv:2: name_substring value is longer "
             "than 4096 bytes");
    free(text);
}
END_TEST

START_TEST(test_iocs_load_file_over_16mib_refused)
{
    struct tl_iocset *set = NULL;
    struct ftl_err e = { 0 };
    const char *path = write_pack(HDR);

    /* sparse: costs no disk */
    ck_assert_int_eq(truncate(path, (16 << 20) + 1), 0);
    ck_assert_int_eq(tl_iocs_load_file(&set, path, &e), FTL_EPARSE);
    ck_assert_ptr_null(set);
    ck_assert_ptr_nonnull(strstr(e.msg, "larger than 16 MiB"));
    /* exactly 16 MiB is read (and fails later, on its NUL bytes) */
    ck_assert_int_eq(truncate(path, 16 << 20), 0);
    ck_assert_int_eq(tl_iocs_load_file(&set, path, &e), FTL_EPARSE);
    ck_assert_ptr_nonnull(strstr(e.msg, "NUL byte"));
}
END_TEST

START_TEST(test_iocs_load_file_missing_file_sets_eio)
{
    struct tl_iocset *set = (struct tl_iocset *)&set;
    struct ftl_err e = { 0 };

    ck_assert_int_eq(tl_iocs_load_file(&set, "/nonexistent/iocs.csv", &e),
                     FTL_EIO);
    ck_assert_ptr_null(set);
    ck_assert_str_eq(e.msg, "cannot open indicator pack "
                     "'/nonexistent/iocs.csv': No such file or directory");
}
END_TEST

START_TEST(test_iocs_load_file_duplicates_kept_once)
{
    struct tl_iocset *set = load_ok(
        HDR "md5,827D507AA3BDE0EF903CA5DEC60CDEC8,SALTWATER,first,\n"
        "md5,827d507aa3bde0ef903ca5dec60cdec8,OTHER,second,\n"
        "filename,a.sh,,,\n");
    struct seen s;

    ck_assert_uint_eq(tl_iocs_count(set), 2);
    ck_assert_int_eq(hits(set, TL_T_MD5, "827d507aa3bde0ef903ca5dec60cdec8",
                          &s), 1);
    ck_assert_str_eq(s.last->family, "SALTWATER");
    /* stored in lower case */
    ck_assert_str_eq(s.last->value, "827d507aa3bde0ef903ca5dec60cdec8");
    tl_iocs_free(set);
}
END_TEST

/* ------------------------------------------------------------------ */
/* tl_iocs_load_default                                                */
/* ------------------------------------------------------------------ */

static struct tl_iocset *load_default(void)
{
    struct tl_iocset *set = NULL;
    struct ftl_err e = { 0 };

    ck_assert_msg(tl_iocs_load_default(&set, &e) == FTL_OK, "%s", e.msg);
    ck_assert_ptr_nonnull(set);
    return set;
}

START_TEST(test_iocs_load_default_contains_known_indicators)
{
    struct tl_iocset *set = load_default();
    struct seen s;

    /* 163 rows in data/iocs/default.csv, none repeated */
    ck_assert_uint_eq(tl_iocs_count(set), 163);
    ck_assert_int_eq(hits(set, TL_T_MD5, "827d507aa3bde0ef903ca5dec60cdec8",
                          &s), 1);
    ck_assert_str_eq(s.last->family, "SALTWATER");
    ck_assert_ptr_nonnull(strstr(s.last->source, "signature-base"));
    ck_assert_int_eq(hits(set, TL_T_NAME, "aacore.sh", &s), 1);
    ck_assert_str_eq(s.last->type, "filename");
    ck_assert_int_eq(hits(set, TL_T_SHA256, "3F26A13F023AD0DCD7F2AA4E7771BB"
                          "A74910EE227B4B36FF72EDC5F07336F115", &s), 1);
    ck_assert_str_eq(s.last->family, "SEASPY");
    ck_assert_int_eq(hits(set, TL_T_DOMAIN, "mail2.eccentric.duck", NULL),
                     1);
    ck_assert_int_eq(hits(set, TL_T_IP, "23.224.42.5", &s), 1);
    ck_assert_ptr_nonnull(strstr(s.last->note, "LOW CONFIDENCE"));
    tl_iocs_free(set);
}
END_TEST

START_TEST(test_iocs_load_default_regex_row_matches_staging_archives)
{
    struct tl_iocset *set = load_default();
    struct seen s;

    ck_assert_int_eq(hits(set, TL_T_PATH, "/mail/tmp/abc123.tar.gz", &s), 1);
    ck_assert_str_eq(s.last->type, "path_regex");
    ck_assert_str_eq(s.last->family, "exfil staging");
    ck_assert_int_eq(hits(set, TL_T_PATH, "/p2/mail/tmp/Zz9001.tar.gz", NULL),
                     1);
    ck_assert_int_eq(hits(set, TL_T_PATH, "/mail/tmp/abcd123.tar.gz", NULL),
                     0);
    ck_assert_int_eq(hits(set, TL_T_PATH, "/mail/tmp/abc1234.tar.gz", NULL),
                     0);
    /* the dots are dots, and the end is anchored */
    ck_assert_int_eq(hits(set, TL_T_PATH, "/mail/tmp/abc123xtar.gz", NULL),
                     0);
    ck_assert_int_eq(hits(set, TL_T_PATH, "/mail/tmp/abc123.tar.gzip", NULL),
                     0);
    ck_assert_int_eq(hits(set, TL_T_PATH, "/xmail/tmp/abc123.tar.gz", NULL),
                     0);
    tl_iocs_free(set);
}
END_TEST

START_TEST(test_iocs_load_default_exploit_fragments_match_names)
{
    struct tl_iocset *set = load_default();
    struct seen s;

    ck_assert_int_eq(hits(set, TL_T_NAME, "invoice_obt075.tar", &s), 1);
    ck_assert_str_eq(s.last->family, "SEASPRAY");
    ck_assert_int_eq(hits(set, TL_T_NAME, "'`abcdefg=c2V0Igo=;ee=ba;G=s;_ech_o "
                          "$abcdefg_${ee}se64${G}-d-d|${G}h;wh66=`'", &s),
                     1);
    ck_assert_str_eq(s.last->family, "CVE-2023-2868 exploit");
    /* the literal exploit string and its decoding tail both match */
    ck_assert_int_eq(hits(set, TL_T_NAME, "x;echo $abcdefg | base64 -d | sh",
                          NULL), 2);
    ck_assert_int_eq(hits(set, TL_T_NAME, "report.pdf", NULL), 0);
    tl_iocs_free(set);
}
END_TEST

START_TEST(test_iocs_load_default_notes_never_match)
{
    struct tl_iocset *set = load_default();

    /* legitimate appliance files, kept only as context */
    ck_assert_int_eq(hits(set, TL_T_PATH,
                          "/home/product/code/config/ssl_engine_cert.pem",
                          NULL), 0);
    ck_assert_int_eq(hits(set, TL_T_PATH,
                          "/home/product/code/firmware/current/sbin/smtpctl",
                          NULL), 0);
    ck_assert_int_eq(hits(set, TL_T_SUBJECT, "SMTP HELO containing .onion "
                          "(helosend = pd ...)", NULL), 0);
    tl_iocs_free(set);
}
END_TEST

/* ------------------------------------------------------------------ */
/* tl_iocs_match                                                       */
/* ------------------------------------------------------------------ */

static const char match_pack[] =
    HDR
    "md5,827d507aa3bde0ef903ca5dec60cdec8,SALTWATER,,\n"
    "sha256,3f26a13f023ad0dcd7f2aa4e7771bba74910ee227b4b36ff72edc5f07336f115"
    ",SEASPY,,\n"
    "path,/tmp/p,fifo,,\n"
    "path,/etc/cron.hourly/core.sh,cron,,\n"
    "path,/usr/share/.uc/,staging,,\n"
    "path_regex,^/mail/tmp/[a-z]{3}\\.tgz$,staging,,\n"
    "filename,aacore.sh,tool,,\n"
    "name_regex,^install_.*\\.tar$,tool,,\n"
    "name_substring,obt075,SEASPRAY,,\n"
    "ip,23.224.42.5,infra,,\n"
    "domain,Temp.SH.,service,,\n"
    "email,Evil@Example.org,actor,,\n"
    "subject_regex,^urgent: invoice [0-9]+$,lure,,\n"
    "note,aacore.sh,context,,\n";

START_TEST(test_iocs_match_hashes_hex_case_insensitive)
{
    struct tl_iocset *set = load_ok(match_pack);

    ck_assert_int_eq(hits(set, TL_T_MD5, "827D507AA3BDE0EF903CA5DEC60CDEC8",
                          NULL), 1);
    ck_assert_int_eq(hits(set, TL_T_MD5, "827d507aa3bde0ef903ca5dec60cdec9",
                          NULL), 0);
    ck_assert_int_eq(hits(set, TL_T_MD5, "827d507aa3bde0ef903ca5dec60cdec",
                          NULL), 0);
    ck_assert_int_eq(hits(set, TL_T_SHA256, "3f26a13f023ad0dcd7f2aa4e7771bba7"
                          "4910ee227b4b36ff72edc5f07336f115", NULL), 1);
    /* a hash is only compared with hashes of its own kind */
    ck_assert_int_eq(hits(set, TL_T_SHA256,
                          "827d507aa3bde0ef903ca5dec60cdec8", NULL), 0);
    tl_iocs_free(set);
}
END_TEST

START_TEST(test_iocs_match_path_ends_with_on_component_boundary)
{
    struct tl_iocset *set = load_ok(match_pack);
    struct seen s;

    ck_assert_int_eq(hits(set, TL_T_PATH, "/tmp/p", &s), 1);
    ck_assert_str_eq(s.last->value, "/tmp/p");
    ck_assert_int_eq(hits(set, TL_T_PATH, "/var/tmp/p", NULL), 1);
    ck_assert_int_eq(hits(set, TL_T_PATH, "/x/tmp/p", NULL), 1);
    ck_assert_int_eq(hits(set, TL_T_PATH, "/x/atmp/p", NULL), 0);
    ck_assert_int_eq(hits(set, TL_T_PATH, "/tmp/pp", NULL), 0);
    ck_assert_int_eq(hits(set, TL_T_PATH, "/tmp/p/x", NULL), 0);
    ck_assert_int_eq(hits(set, TL_T_PATH, "tmp/p", NULL), 0);
    ck_assert_int_eq(hits(set, TL_T_PATH, "/etc/cron.hourly/core.sh", NULL),
                     1);
    ck_assert_int_eq(hits(set, TL_T_PATH, "/etc/cron.daily/core.sh", NULL),
                     0);
    tl_iocs_free(set);
}
END_TEST

START_TEST(test_iocs_match_path_directory_value)
{
    struct tl_iocset *set = load_ok(match_pack);

    ck_assert_int_eq(hits(set, TL_T_PATH, "/usr/share/.uc/mail.eml", NULL),
                     1);
    ck_assert_int_eq(hits(set, TL_T_PATH, "/usr/share/.uc/a/b/c", NULL), 1);
    /* anywhere in the path, e.g. below a partition prefix */
    ck_assert_int_eq(hits(set, TL_T_PATH, "/p1/usr/share/.uc/x", NULL), 1);
    /* the directory itself, with or without its slash: once */
    ck_assert_int_eq(hits(set, TL_T_PATH, "/usr/share/.uc", NULL), 1);
    ck_assert_int_eq(hits(set, TL_T_PATH, "/usr/share/.uc/", NULL), 1);
    ck_assert_int_eq(hits(set, TL_T_PATH, "/usr/share/.ucx/y", NULL), 0);
    ck_assert_int_eq(hits(set, TL_T_PATH, "/usr/share/x.uc/y", NULL), 0);
    ck_assert_int_eq(hits(set, TL_T_PATH, "/usr/share", NULL), 0);
    tl_iocs_free(set);
}
END_TEST

START_TEST(test_iocs_match_path_regex_on_full_path)
{
    struct tl_iocset *set = load_ok(match_pack);
    struct seen s;

    ck_assert_int_eq(hits(set, TL_T_PATH, "/mail/tmp/abc.tgz", &s), 1);
    ck_assert_str_eq(s.last->type, "path_regex");
    /* case-sensitive, and only on paths */
    ck_assert_int_eq(hits(set, TL_T_PATH, "/mail/tmp/ABC.tgz", NULL), 0);
    ck_assert_int_eq(hits(set, TL_T_NAME, "/mail/tmp/abc.tgz", NULL), 0);
    tl_iocs_free(set);
}
END_TEST

START_TEST(test_iocs_match_path_tests_last_component_as_name)
{
    struct tl_iocset *set = load_ok(match_pack);
    struct seen s;

    ck_assert_int_eq(hits(set, TL_T_PATH, "/opt/x/aacore.sh", &s), 1);
    ck_assert_str_eq(s.types, "filename:aacore.sh ");
    ck_assert_int_eq(hits(set, TL_T_PATH, "/mail/q/install_x.TAR", &s), 1);
    ck_assert_str_eq(s.types, "name_regex:^install_.*\\.tar$ ");
    ck_assert_int_eq(hits(set, TL_T_PATH, "/a/obt075.zip", NULL), 1);
    /* a path that is a bare name is its own last component */
    ck_assert_int_eq(hits(set, TL_T_PATH, "aacore.sh", NULL), 1);
    /* the name part does not match across components */
    ck_assert_int_eq(hits(set, TL_T_PATH, "/obt075/readme.txt", NULL), 0);
    tl_iocs_free(set);
}
END_TEST

START_TEST(test_iocs_match_name_kinds)
{
    struct tl_iocset *set = load_ok(match_pack);

    ck_assert_int_eq(hits(set, TL_T_NAME, "aacore.sh", NULL), 1);
    /* filename and name_substring are case-sensitive, name_regex not */
    ck_assert_int_eq(hits(set, TL_T_NAME, "AACORE.SH", NULL), 0);
    ck_assert_int_eq(hits(set, TL_T_NAME, "aacore.sh.bak", NULL), 0);
    ck_assert_int_eq(hits(set, TL_T_NAME, "doc_obt075_x.tar", NULL), 1);
    ck_assert_int_eq(hits(set, TL_T_NAME, "OBT075.tar", NULL), 0);
    ck_assert_int_eq(hits(set, TL_T_NAME, "INSTALL_helo.tar", NULL), 1);
    ck_assert_int_eq(hits(set, TL_T_NAME, "install_helo.tar.gz", NULL), 0);
    /* several kinds at once: every match is reported */
    ck_assert_int_eq(hits(set, TL_T_NAME, "install_obt075.tar", NULL), 2);
    tl_iocs_free(set);
}
END_TEST

START_TEST(test_iocs_match_ip_exact)
{
    struct tl_iocset *set = load_ok(match_pack);

    ck_assert_int_eq(hits(set, TL_T_IP, "23.224.42.5", NULL), 1);
    ck_assert_int_eq(hits(set, TL_T_IP, "23.224.42.50", NULL), 0);
    ck_assert_int_eq(hits(set, TL_T_IP, "123.224.42.5", NULL), 0);
    ck_assert_int_eq(hits(set, TL_T_DOMAIN, "23.224.42.5", NULL), 0);
    tl_iocs_free(set);
}
END_TEST

START_TEST(test_iocs_match_domain_and_subdomains)
{
    struct tl_iocset *set = load_ok(match_pack);
    struct seen s;

    ck_assert_int_eq(hits(set, TL_T_DOMAIN, "temp.sh", &s), 1);
    /* the pack's "Temp.SH." is stored normalised */
    ck_assert_str_eq(s.last->value, "temp.sh");
    ck_assert_int_eq(hits(set, TL_T_DOMAIN, "TEMP.sh", NULL), 1);
    ck_assert_int_eq(hits(set, TL_T_DOMAIN, "temp.sh.", NULL), 1);
    ck_assert_int_eq(hits(set, TL_T_DOMAIN, "dl.Temp.Sh", NULL), 1);
    ck_assert_int_eq(hits(set, TL_T_DOMAIN, "a.b.temp.sh", NULL), 1);
    ck_assert_int_eq(hits(set, TL_T_DOMAIN, "attemp.sh", NULL), 0);
    ck_assert_int_eq(hits(set, TL_T_DOMAIN, "temp.sh.evil.net", NULL), 0);
    ck_assert_int_eq(hits(set, TL_T_DOMAIN, "sh", NULL), 0);
    tl_iocs_free(set);
}
END_TEST

START_TEST(test_iocs_match_email_and_its_domain)
{
    struct tl_iocset *set = load_ok(match_pack);
    struct seen s;

    ck_assert_int_eq(hits(set, TL_T_EMAIL, "evil@example.org", &s), 1);
    ck_assert_str_eq(s.last->type, "email");
    ck_assert_int_eq(hits(set, TL_T_EMAIL, "EVIL@EXAMPLE.ORG", NULL), 1);
    ck_assert_int_eq(hits(set, TL_T_EMAIL, "other@example.org", NULL), 0);
    /* the domain part is matched as a domain */
    ck_assert_int_eq(hits(set, TL_T_EMAIL, "x@upload.temp.sh", &s), 1);
    ck_assert_str_eq(s.last->type, "domain");
    ck_assert_int_eq(hits(set, TL_T_EMAIL, "temp.sh@", NULL), 0);
    tl_iocs_free(set);
}
END_TEST

START_TEST(test_iocs_match_subject_regex_and_fragments)
{
    struct tl_iocset *set = load_ok(match_pack);
    struct seen s;

    ck_assert_int_eq(hits(set, TL_T_SUBJECT, "URGENT: Invoice 42", &s), 1);
    ck_assert_str_eq(s.last->type, "subject_regex");
    ck_assert_int_eq(hits(set, TL_T_SUBJECT, "Re: urgent: invoice 42", NULL),
                     0);
    ck_assert_int_eq(hits(set, TL_T_SUBJECT, "scan obt075 attached", &s), 1);
    ck_assert_str_eq(s.last->type, "name_substring");
    /* file names are not compared with subjects */
    ck_assert_int_eq(hits(set, TL_T_SUBJECT, "aacore.sh", NULL), 0);
    tl_iocs_free(set);
}
END_TEST

START_TEST(test_iocs_match_notes_and_odd_input_match_nothing)
{
    struct tl_iocset *set = load_ok(HDR "note,aacore.sh,,,\n"
                                        "note,/tmp/p,,,\n");

    ck_assert_uint_eq(tl_iocs_count(set), 2);
    ck_assert_int_eq(hits(set, TL_T_NAME, "aacore.sh", NULL), 0);
    ck_assert_int_eq(hits(set, TL_T_PATH, "/tmp/p", NULL), 0);
    ck_assert_int_eq(hits(set, TL_T_SUBJECT, "aacore.sh", NULL), 0);
    tl_iocs_free(set);
    set = load_ok(match_pack);
    ck_assert_int_eq(tl_iocs_match(set, TL_T_NAME, NULL, on_hit, NULL), 0);
    ck_assert_int_eq(tl_iocs_match(set, TL_T_NAME, "", on_hit, NULL), 0);
    ck_assert_int_eq(tl_iocs_match(set, 99, "aacore.sh", on_hit, NULL), 0);
    ck_assert_int_eq(tl_iocs_match(NULL, TL_T_NAME, "aacore.sh", on_hit,
                                   NULL), 0);
    /* without a callback the matches are only counted */
    ck_assert_int_eq(tl_iocs_match(set, TL_T_NAME, "aacore.sh", NULL, NULL),
                     1);
    tl_iocs_free(set);
}
END_TEST

START_TEST(test_iocs_match_thousands_of_hashes)
{
    enum { N = 5000 };
    size_t cap = 64 + (size_t)N * 48, len;
    char *text = malloc(cap), hex[40];
    struct tl_iocset *set;
    int i, found = 0, missed = 0;

    ck_assert_ptr_nonnull(text);
    len = (size_t)snprintf(text, cap, "type,value\n");
    for (i = 0; i < N; i++)
        len += (size_t)snprintf(text + len, cap - len, "md5,%032x\n",
                                (unsigned)i * 2654435761u);
    set = load_ok(text);
    ck_assert_uint_eq(tl_iocs_count(set), N);
    for (i = 0; i < N; i++) {
        snprintf(hex, sizeof(hex), "%032X", (unsigned)i * 2654435761u);
        found += tl_iocs_match(set, TL_T_MD5, hex, NULL, NULL);
        snprintf(hex, sizeof(hex), "%032x", (unsigned)i * 2654435761u + 1);
        missed += tl_iocs_match(set, TL_T_MD5, hex, NULL, NULL);
    }
    ck_assert_int_eq(found, N);
    ck_assert_int_eq(missed, 0);
    tl_iocs_free(set);
    free(text);
}
END_TEST

/* ------------------------------------------------------------------ */
/* tl_name_is_suspicious                                               */
/* ------------------------------------------------------------------ */

START_TEST(test_iocs_name_is_suspicious_shell_metacharacters)
{
    static const struct {
        const char *name, *why;
    } bad[] = {
        { "a`id`.tar", "contains a backtick" },
        { "x$(id).tar", "contains \"$(\"" },
        { "a;sh", "contains ';'" },
        { "a|sh", "contains '|'" },
        { "a&b.pdf", "contains '&'" },
        { "a\nb", "contains a control character" },
        { "a\tb", "contains a control character" },
        { "a\x7f", "contains a control character" },
        { "'`abcdefg=c2V0;ee=ba;G=s;_ech_o $abcdefg_${ee}se64${G}-d-d|"
          "${G}h;wh66=`'", "contains a backtick" },
    };
    const char *why;
    size_t i;

    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        why = NULL;
        ck_assert_msg(tl_name_is_suspicious(bad[i].name, &why) == 1, "%s",
                      bad[i].name);
        ck_assert_ptr_nonnull(why);
        ck_assert_msg(strncmp(why, bad[i].why, strlen(bad[i].why)) == 0,
                      "%s: %s", bad[i].name, why);
    }
    /* 'why' may be NULL */
    ck_assert_int_eq(tl_name_is_suspicious("a;b", NULL), 1);
}
END_TEST

START_TEST(test_iocs_name_is_suspicious_ordinary_names_pass)
{
    static const char *const good[] = {
        "CV Jane Doe (2023).pdf", "passport_scan.jpg", "$HOME.txt",
        "price $ (net).xlsx", "r\xc3\xa9sum\xc3\xa9.docx", "a-b_c.d~",
        "",
    };
    const char *why = "unset";
    size_t i;

    for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
        ck_assert_msg(tl_name_is_suspicious(good[i], &why) == 0, "%s",
                      good[i]);
        ck_assert_ptr_null(why);
    }
    ck_assert_int_eq(tl_name_is_suspicious(NULL, &why), 0);
}
END_TEST

/* ------------------------------------------------------------------ */
/* The case: tl_iocs_store and tl_ioc_hit_add                          */
/* ------------------------------------------------------------------ */

static struct tl_store *st;
static int64_t evid;

static void case_setup(void)
{
    struct ftl_err e = { 0 };
    struct tl_evidence ev = { 0 };
    struct tl_event te = { 0 };
    int64_t dup = 0;
    char path[128];

    tmp_setup();
    snprintf(path, sizeof(path), "%s/case.ftl", tmpdir);
    ck_assert_msg(tl_store_open(&st, path, TL_OPEN_CREATE, &e) == FTL_OK,
                  "%s", e.msg);
    ev.kind = "bodyfile";
    ev.path = "appliance.body";
    ev.size = -1;
    ck_assert_int_eq(tl_evidence_begin(st, &ev, &evid, &e), FTL_OK);
    te.ts = 1684540800LL * TL_NS_PER_SEC;
    te.ts_desc = "Content Modification Time";
    te.source = "FILE";
    te.artifact = "fs:file";
    te.evidence_id = evid;
    te.message = "file modified";
    te.flags = TL_F_DELETED;
    te.locator = "inode 14 /etc/cron.hourly/core.sh";
    ck_assert_int_eq(tl_event_add(st, &te, NULL, &e), FTL_OK);
    te.ts_desc = "Metadata Modification Time";
    ck_assert_int_eq(tl_event_add(st, &te, NULL, &e), FTL_OK);
    te.locator = "inode 15 /etc/passwd";
    te.flags = 0;
    ck_assert_int_eq(tl_event_add(st, &te, NULL, &e), FTL_OK);
    ck_assert_int_eq(tl_evidence_end(st, evid, "00", NULL, TL_EV_COMPLETE,
                                     &dup, &e), FTL_OK);
}

static void case_teardown(void)
{
    tl_store_close(st);
    st = NULL;
    tmp_teardown();
}

static int64_t query_int(const char *sql)
{
    return tu_count(st, sql);
}

static const char *query_text(const char *sql)
{
    return tu_one(st, sql);
}

static void assert_prefix(const char *s, const char *prefix)
{
    ck_assert_msg(strncmp(s, prefix, strlen(prefix)) == 0,
                  "'%s' does not start with '%s'", s, prefix);
}

/* The first indicator of 'set' that matches 'v' as 'target'. */
static const struct tl_ioc *first_hit(const struct tl_iocset *set,
                                      int target, const char *v)
{
    struct seen s;

    ck_assert_int_ge(hits(set, target, v, &s), 1);
    return s.last;
}

START_TEST(test_iocs_store_writes_rows_and_learns_ids)
{
    struct tl_iocset *set = load_default(), *again = load_default();
    struct ftl_err e = { 0 };
    const struct tl_ioc *a, *b;

    ck_assert_int_eq(tl_iocs_store(st, set, &e), FTL_OK);
    ck_assert_int_eq(query_int("SELECT count(*) FROM iocs"), 163);
    ck_assert_int_eq(query_int("SELECT count(DISTINCT id) FROM iocs"), 163);
    a = first_hit(set, TL_T_MD5, "827d507aa3bde0ef903ca5dec60cdec8");
    ck_assert_int_gt(a->id, 0);
    ck_assert_str_eq(query_text("SELECT family || '|' || type FROM iocs"
                                " WHERE value ="
                                " '827d507aa3bde0ef903ca5dec60cdec8'"),
                     "SALTWATER|md5");
    ck_assert_str_eq(query_text("SELECT quote(family) FROM iocs"
                                " WHERE type = 'path_regex'"),
                     "'exfil staging'");
    /* a second run adds nothing and finds the same ids */
    ck_assert_int_eq(tl_iocs_store(st, again, &e), FTL_OK);
    ck_assert_int_eq(query_int("SELECT count(*) FROM iocs"), 163);
    b = first_hit(again, TL_T_MD5, "827d507aa3bde0ef903ca5dec60cdec8");
    ck_assert_int_eq(a->id, b->id);
    b = first_hit(again, TL_T_NAME, "aacore.sh");
    ck_assert_int_gt(b->id, 0);
    tl_iocs_free(set);
    tl_iocs_free(again);
}
END_TEST

/* The case's indicators of one family, matched as the pack was. */
START_TEST(test_iocs_load_case_family)
{
    struct tl_iocset *set = load_default(), *staging = NULL, *all = NULL;
    struct ftl_err e = { 0 };
    const struct tl_ioc *a;

    ck_assert_int_eq(tl_iocs_store(st, set, &e), FTL_OK);
    ck_assert_int_eq(tl_iocs_load_case(&staging, st, "exfil staging", &e),
                     FTL_OK);
    ck_assert_int_eq(tl_iocs_count(staging),
                     query_int("SELECT count(*) FROM iocs"
                               " WHERE family = 'exfil staging'"));
    a = first_hit(staging, TL_T_PATH, "/usr/share/.uc/payslip.pdf");
    ck_assert_int_eq(a->id, query_int("SELECT id FROM iocs WHERE value ="
                                      " '/usr/share/.uc/'"));
    first_hit(staging, TL_T_PATH, "/mail/tmp/abc123.tar.gz");
    ck_assert_int_eq(hits(staging, TL_T_PATH, "/mail/tmp/abc12.tar.gz",
                          NULL), 0);
    ck_assert_int_eq(hits(staging, TL_T_NAME, "aacore.sh", NULL), 0);
    ck_assert_int_eq(tl_iocs_load_case(&all, st, NULL, &e), FTL_OK);
    ck_assert_int_eq(tl_iocs_count(all), tl_iocs_count(set));
    first_hit(all, TL_T_NAME, "aacore.sh");
    tl_iocs_free(set);
    tl_iocs_free(staging);
    tl_iocs_free(all);
}
END_TEST

START_TEST(test_iocs_store_joins_an_open_transaction)
{
    struct tl_iocset *set = load_ok(HDR "filename,a.sh,,,\n"
                                        "filename,b.sh,,,\n");
    struct ftl_err e = { 0 };

    ck_assert_int_eq(tl_case_set(st, "probe", "1", &e), FTL_OK);
    ck_assert_int_eq(query_int("SELECT count(*) FROM iocs"), 0);
    /* inside the caller's transaction: its rollback undoes the rows */
    ck_assert_int_eq(tl_store_query(st, "BEGIN", NULL, NULL, &e), FTL_OK);
    ck_assert_int_eq(tl_iocs_store(st, set, &e), FTL_OK);
    ck_assert_int_eq(query_int("SELECT count(*) FROM iocs"), 2);
    ck_assert_int_eq(tl_store_query(st, "ROLLBACK", NULL, NULL, &e), FTL_OK);
    ck_assert_int_eq(query_int("SELECT count(*) FROM iocs"), 0);
    /* on its own it commits */
    ck_assert_int_eq(tl_iocs_store(st, set, &e), FTL_OK);
    ck_assert_int_eq(query_int("SELECT count(*) FROM iocs"), 2);
    tl_iocs_free(set);
}
END_TEST

START_TEST(test_iocs_ioc_hit_add_flags_events_of_the_item)
{
    struct tl_iocset *set = load_default();
    struct ftl_err e = { 0 };
    struct tl_ioc_hit h = { 0 };
    int64_t id = 0, id2 = 0;

    ck_assert_int_eq(tl_iocs_store(st, set, &e), FTL_OK);
    h.evidence_id = evid;
    h.ioc = first_hit(set, TL_T_PATH, "/etc/cron.hourly/core.sh");
    h.target = "path";
    h.value = "/etc/cron.hourly/core.sh";
    h.context = "/etc/cron.hourly/core.sh";
    h.locator = "inode 14 /etc/cron.hourly/core.sh";
    ck_assert_int_eq(tl_ioc_hit_add(st, &h, &id, &e), FTL_OK);
    ck_assert_int_gt(id, 0);
    /* both events of the item get the bit and keep their other flags */
    ck_assert_int_eq(query_int("SELECT count(*) FROM events"
                               " WHERE flags = 5"), 2);
    ck_assert_int_eq(query_int("SELECT flags FROM events"
                               " WHERE locator = 'inode 15 /etc/passwd'"),
                     0);
    ck_assert_str_eq(query_text("SELECT ioc_type || '|' || ioc_value || '|'"
                                " || family || '|' || ifnull(rule, '-')"
                                " FROM ioc_hits"),
                     "path|/etc/cron.hourly/core.sh|persistence (cron)|-");
    ck_assert_int_eq(query_int("SELECT count(*) FROM ioc_hits h JOIN iocs i"
                               " ON i.id = h.ioc_id"
                               " WHERE i.value = h.ioc_value"), 1);
    ck_assert_str_eq(query_text("SELECT description FROM ioc_hits"),
                     "path '/etc/cron.hourly/core.sh' matches indicator "
                     "path '/etc/cron.hourly/core.sh' (persistence (cron); "
                     "Sigma TargetFilename|endswith; source: "
                     "github:SigmaHQ/sigma rules-emerging-threats/2023/TA/"
                     "UNC4841-Barracuda-ESG-Zero-Day-Exploitation/"
                     "file_event_lnx_apt_unc4841_file_indicators.yml (ref "
                     "https://www.mandiant.com/resources/blog/"
                     "barracuda-esg-exploited-globally))");
    /* the same hit again: nothing new, same id */
    ck_assert_int_eq(tl_ioc_hit_add(st, &h, &id2, &e), FTL_DONE);
    ck_assert_int_eq(id2, id);
    ck_assert_int_eq(query_int("SELECT count(*) FROM ioc_hits"), 1);
    tl_iocs_free(set);
}
END_TEST

START_TEST(test_iocs_ioc_hit_add_describes_in_words)
{
    struct tl_iocset *set = load_default();
    struct ftl_err e = { 0 };
    struct tl_ioc_hit h = { 0 };
    const char *d;

    ck_assert_int_eq(tl_iocs_store(st, set, &e), FTL_OK);
    h.evidence_id = evid;
    h.target = "path";
    h.value = "/var/tmp/p";
    h.locator = "inode 20 /var/tmp/p";
    h.ioc = first_hit(set, TL_T_PATH, h.value);
    ck_assert_int_eq(tl_ioc_hit_add(st, &h, NULL, &e), FTL_OK);
    d = query_text("SELECT description FROM ioc_hits"
                   " WHERE locator = 'inode 20 /var/tmp/p'");
    assert_prefix(d, "path '/var/tmp/p' ends with indicator path '/tmp/p' "
                  "(reverse-shell FIFO; ");
    /* a hash hit names the file it was found in */
    h.target = "md5";
    h.value = "827d507aa3bde0ef903ca5dec60cdec8";
    h.context = "/lib/mod_udp.so";
    h.locator = "inode 21 /lib/mod_udp.so";
    h.ioc = first_hit(set, TL_T_MD5, h.value);
    ck_assert_int_eq(tl_ioc_hit_add(st, &h, NULL, &e), FTL_OK);
    d = query_text("SELECT description FROM ioc_hits"
                   " WHERE locator = 'inode 21 /lib/mod_udp.so'");
    assert_prefix(d, "md5 '827d507aa3bde0ef903ca5dec60cdec8' in "
                  "'/lib/mod_udp.so' matches indicator MD5 hash "
                  "'827d507aa3bde0ef903ca5dec60cdec8' (SALTWATER; ");
    /* a file inside a directory indicator */
    h.target = "path";
    h.value = "/usr/share/.uc/42.eml";
    h.context = NULL;
    h.locator = "inode 22 /usr/share/.uc/42.eml";
    h.ioc = first_hit(set, TL_T_PATH, h.value);
    ck_assert_int_eq(tl_ioc_hit_add(st, &h, NULL, &e), FTL_OK);
    d = query_text("SELECT description FROM ioc_hits"
                   " WHERE locator = 'inode 22 /usr/share/.uc/42.eml'");
    assert_prefix(d, "path '/usr/share/.uc/42.eml' is inside the "
                  "directory named by indicator path '/usr/share/.uc/' "
                  "(exfil staging; ");
    /* a subdomain */
    h.target = "host";
    h.value = "dl.temp.sh";
    h.locator = "line 7";
    h.ioc = first_hit(set, TL_T_DOMAIN, h.value);
    ck_assert_int_eq(tl_ioc_hit_add(st, &h, NULL, &e), FTL_OK);
    d = query_text("SELECT description FROM ioc_hits"
                   " WHERE locator = 'line 7'");
    assert_prefix(d, "host 'dl.temp.sh' is in the domain of indicator "
                  "domain 'temp.sh' (exfil/download service; ");
    tl_iocs_free(set);
}
END_TEST

START_TEST(test_iocs_ioc_hit_add_rule_hit_for_suspicious_name)
{
    struct ftl_err e = { 0 };
    struct tl_ioc_hit h = { 0 };
    int64_t id = 0;

    h.evidence_id = evid;
    h.rule = TL_RULE_SHELL_NAME;
    h.target = "attachment name";
    h.value = "x;sh\nnext";
    ck_assert(tl_name_is_suspicious(h.value, &h.why));
    h.context = "Message-ID <a@b>";
    h.locator = "inode 14 /etc/cron.hourly/core.sh";
    ck_assert_int_eq(tl_ioc_hit_add(st, &h, &id, &e), FTL_OK);
    ck_assert_str_eq(query_text("SELECT description FROM ioc_hits"),
                     "attachment name 'x;sh\\nnext' in 'Message-ID <a@b>' "
                     "contains ';' (shell command separator): shell syntax "
                     "in a name, as in the file names that exploited "
                     "CVE-2023-2868 (rule " TL_RULE_SHELL_NAME ")");
    ck_assert_int_eq(query_int("SELECT count(*) FROM ioc_hits"
                               " WHERE ioc_id IS NULL AND ioc_type IS NULL"
                               " AND rule = '" TL_RULE_SHELL_NAME "'"), 1);
    ck_assert_int_eq(query_int("SELECT count(*) FROM events"
                               " WHERE flags & 4"), 2);
    ck_assert_int_eq(tl_ioc_hit_add(st, &h, NULL, &e), FTL_DONE);
    /* a rule hit that gives no reason still reads */
    h.rule = "other-rule";
    h.why = NULL;
    h.value = "plain.tar";
    h.context = NULL;
    ck_assert_int_eq(tl_ioc_hit_add(st, &h, NULL, &e), FTL_OK);
    ck_assert_str_eq(query_text("SELECT description FROM ioc_hits"
                                " WHERE rule = 'other-rule'"),
                     "attachment name 'plain.tar' was flagged "
                     "(rule other-rule)");
}
END_TEST

START_TEST(test_iocs_ioc_hit_add_long_values_cut)
{
    struct ftl_err e = { 0 };
    struct tl_ioc_hit h = { 0 };
    char name[1200];
    const char *d;

    memset(name, 'a', sizeof(name) - 1);
    name[sizeof(name) - 1] = '\0';
    name[500] = ';';
    h.evidence_id = evid;
    h.rule = TL_RULE_SHELL_NAME;
    h.target = "member name";
    h.value = name;
    ck_assert(tl_name_is_suspicious(h.value, &h.why));
    h.locator = "@512";
    ck_assert_int_eq(tl_ioc_hit_add(st, &h, NULL, &e), FTL_OK);
    d = query_text("SELECT description FROM ioc_hits");
    ck_assert_ptr_nonnull(strstr(d, "aaa...' contains ';'"));
    ck_assert_uint_lt(strlen(d), 600);
    /* the full value is kept in its own column */
    ck_assert_int_eq(query_int("SELECT length(value) FROM ioc_hits"),
                     sizeof(name) - 1);
}
END_TEST

START_TEST(test_iocs_ioc_hit_add_needs_stored_indicator)
{
    struct tl_iocset *set = load_default();
    struct ftl_err e = { 0 };
    struct tl_ioc_hit h = { 0 };

    h.evidence_id = evid;
    h.ioc = first_hit(set, TL_T_NAME, "aacore.sh");
    h.target = "name";
    h.value = "aacore.sh";
    h.locator = "x";
    ck_assert_int_eq(tl_ioc_hit_add(st, &h, NULL, &e), FTL_ERR);
    ck_assert_ptr_nonnull(strstr(e.msg, "tl_iocs_store"));
    /* neither indicator nor rule */
    h.ioc = NULL;
    ck_assert_int_eq(tl_ioc_hit_add(st, &h, NULL, &e), FTL_ERR);
    ck_assert_int_eq(query_int("SELECT count(*) FROM ioc_hits"), 0);
    tl_iocs_free(set);
}
END_TEST

Suite *iocs_suite(void)
{
    Suite *s = suite_create("iocs");
    TCase *tc;

    tc = tcase_create("tl_iocs_load_file");
    tcase_add_checked_fixture(tc, tmp_setup, tmp_teardown);
    tcase_add_test(tc, test_iocs_load_file_reads_quoted_fields);
    tcase_add_test(tc, test_iocs_load_file_header_in_any_order);
    tcase_add_test(tc, test_iocs_load_file_skips_blank_lines);
    tcase_add_test(tc, test_iocs_load_file_accepts_bom_and_no_final_newline);
    tcase_add_test(tc, test_iocs_load_file_unknown_type_names_file_and_line);
    tcase_add_test(tc, test_iocs_load_file_source_attachment_pattern_refused);
    tcase_add_test(tc, test_iocs_load_file_bad_regex_fails);
    tcase_add_test(tc, test_iocs_load_file_header_required);
    tcase_add_test(tc, test_iocs_load_file_csv_errors_name_line);
    tcase_add_test(tc, test_iocs_load_file_nul_byte_fails);
    tcase_add_test(tc, test_iocs_load_file_bad_values_fail);
    tcase_add_test(tc, test_iocs_load_file_value_limit_4k);
    tcase_add_test(tc, test_iocs_load_file_over_16mib_refused);
    tcase_add_test(tc, test_iocs_load_file_missing_file_sets_eio);
    tcase_add_test(tc, test_iocs_load_file_duplicates_kept_once);
    suite_add_tcase(s, tc);

    tc = tcase_create("tl_iocs_load_default");
    tcase_add_test(tc, test_iocs_load_default_contains_known_indicators);
    tcase_add_test(tc,
                   test_iocs_load_default_regex_row_matches_staging_archives);
    tcase_add_test(tc, test_iocs_load_default_exploit_fragments_match_names);
    tcase_add_test(tc, test_iocs_load_default_notes_never_match);
    suite_add_tcase(s, tc);

    tc = tcase_create("tl_iocs_match");
    tcase_add_checked_fixture(tc, tmp_setup, tmp_teardown);
    tcase_add_test(tc, test_iocs_match_hashes_hex_case_insensitive);
    tcase_add_test(tc, test_iocs_match_path_ends_with_on_component_boundary);
    tcase_add_test(tc, test_iocs_match_path_directory_value);
    tcase_add_test(tc, test_iocs_match_path_regex_on_full_path);
    tcase_add_test(tc, test_iocs_match_path_tests_last_component_as_name);
    tcase_add_test(tc, test_iocs_match_name_kinds);
    tcase_add_test(tc, test_iocs_match_ip_exact);
    tcase_add_test(tc, test_iocs_match_domain_and_subdomains);
    tcase_add_test(tc, test_iocs_match_email_and_its_domain);
    tcase_add_test(tc, test_iocs_match_subject_regex_and_fragments);
    tcase_add_test(tc, test_iocs_match_notes_and_odd_input_match_nothing);
    tcase_add_test(tc, test_iocs_match_thousands_of_hashes);
    suite_add_tcase(s, tc);

    tc = tcase_create("tl_name_is_suspicious");
    tcase_add_test(tc, test_iocs_name_is_suspicious_shell_metacharacters);
    tcase_add_test(tc, test_iocs_name_is_suspicious_ordinary_names_pass);
    suite_add_tcase(s, tc);

    tc = tcase_create("tl_iocs_store");
    tcase_add_checked_fixture(tc, case_setup, case_teardown);
    tcase_add_test(tc, test_iocs_store_writes_rows_and_learns_ids);
    tcase_add_test(tc, test_iocs_store_joins_an_open_transaction);
    tcase_add_test(tc, test_iocs_load_case_family);
    suite_add_tcase(s, tc);

    tc = tcase_create("tl_ioc_hit_add");
    tcase_add_checked_fixture(tc, case_setup, case_teardown);
    tcase_add_test(tc, test_iocs_ioc_hit_add_flags_events_of_the_item);
    tcase_add_test(tc, test_iocs_ioc_hit_add_describes_in_words);
    tcase_add_test(tc, test_iocs_ioc_hit_add_rule_hit_for_suspicious_name);
    tcase_add_test(tc, test_iocs_ioc_hit_add_long_values_cut);
    tcase_add_test(tc, test_iocs_ioc_hit_add_needs_stored_indicator);
    suite_add_tcase(s, tc);
    return s;
}
