/*
 * tests/check_source.c - byte sources: lines, long lines, compression,
 * damaged compressed data, hashing of the stored bytes
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <check.h>

#include "collectors/collectors.h"

static char path[64];

static void setup(void)
{
    snprintf(path, sizeof(path), "/tmp/ftl-check-src-%d", getpid());
}

static void teardown(void)
{
    unlink(path);
}

static void write_file(const void *data, size_t n)
{
    FILE *f = fopen(path, "wb");

    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fwrite(data, 1, n, f), n);
    fclose(f);
}

static int next(struct col_src *src, char **line, size_t *len, size_t max,
                int *cut)
{
    struct ftl_err err = { 0 };

    return col_src_getline(src, line, len, max, cut, &err);
}

START_TEST(test_source_getline_crlf_and_last_line)
{
    static const char text[] = "one\r\ntwo\n\nthree";
    struct col_src *src;
    struct ftl_err err = { 0 };
    char *line, hex[65];
    size_t len;
    int cut;

    write_file(text, sizeof(text) - 1);
    ck_assert_int_eq(col_src_open_file(&src, path, 1, &err), FTL_OK);
    ck_assert_int_eq(next(src, &line, &len, 100, &cut), FTL_OK);
    ck_assert_str_eq(line, "one");
    ck_assert_int_eq(next(src, &line, &len, 100, &cut), FTL_OK);
    ck_assert_str_eq(line, "two");
    ck_assert_int_eq(col_src_offset(src), 5);
    ck_assert_int_eq(next(src, &line, &len, 100, &cut), FTL_OK);
    ck_assert_uint_eq(len, 0);
    ck_assert_int_eq(next(src, &line, &len, 100, &cut), FTL_OK);
    ck_assert_str_eq(line, "three");
    ck_assert_int_eq(col_src_lineno(src), 4);
    ck_assert_int_eq(next(src, &line, &len, 100, &cut), FTL_DONE);
    ck_assert_ptr_null(col_src_filter(src));
    ck_assert_int_eq(col_src_sha256(src, hex, &err), FTL_OK);
    /* sha256 of "one\r\ntwo\n\nthree" */
    ck_assert_str_eq(hex, "159cbfc64dd8f941ca4362031d8ce29c"
                          "378085f54f18313aca3a1c8b6c139d15");
    col_src_close(src);
}
END_TEST

START_TEST(test_source_getline_long_line_is_cut)
{
    struct col_src *src;
    struct ftl_err err = { 0 };
    size_t n = 3 * 1024 * 1024, len;
    char *data = malloc(n + 16), *line;
    int cut;

    memset(data, 'x', n);
    memcpy(data + n, "\nafter\n", 7);
    write_file(data, n + 7);
    free(data);
    ck_assert_int_eq(col_src_open_file(&src, path, 0, &err), FTL_OK);
    ck_assert_int_eq(next(src, &line, &len, 1000, &cut), FTL_OK);
    ck_assert_uint_eq(len, 1000);
    ck_assert_int_eq(cut, 1);
    ck_assert_int_eq(next(src, &line, &len, 1000, &cut), FTL_OK);
    ck_assert_str_eq(line, "after");
    ck_assert_int_eq(cut, 0);
    ck_assert_int_eq(col_src_lineno(src), 2);
    ck_assert_int_eq(next(src, &line, &len, 1000, &cut), FTL_DONE);
    col_src_close(src);
}
END_TEST

START_TEST(test_source_getline_short_long_line_in_buffer_is_cut)
{
    struct col_src *src;
    struct ftl_err err = { 0 };
    char *line;
    size_t len;
    int cut;

    write_file("abcdefghij\nk\n", 13);
    ck_assert_int_eq(col_src_open_file(&src, path, 0, &err), FTL_OK);
    ck_assert_int_eq(next(src, &line, &len, 4, &cut), FTL_OK);
    ck_assert_str_eq(line, "abcd");
    ck_assert_int_eq(cut, 1);
    ck_assert_int_eq(next(src, &line, &len, 4, &cut), FTL_OK);
    ck_assert_str_eq(line, "k");
    col_src_close(src);
}
END_TEST

/* gzip of "a\nb\n" with MTIME 1700000000, made with Python's gzip module */
static const unsigned char gz[] = {
    0x1f, 0x8b, 0x08, 0x00, 0x00, 0xf1, 0x53, 0x65, 0x02, 0xff, 0x4b, 0xe4,
    0x4a, 0xe2, 0x02, 0x00, 0x97, 0x2a, 0x57, 0x18, 0x04, 0x00, 0x00, 0x00
};

START_TEST(test_source_gzip_decompressed)
{
    struct col_src *src;
    struct ftl_err err = { 0 };
    char *line;
    size_t len;
    int cut;

    write_file(gz, sizeof(gz));
    ck_assert_int_eq(col_src_open_file(&src, path, 1, &err), FTL_OK);
    ck_assert_str_eq(col_src_filter(src), "gzip");
    ck_assert_int_eq(col_src_inner_mtime(src), 1700000000LL * 1000000000LL);
    ck_assert_int_eq(next(src, &line, &len, 100, &cut), FTL_OK);
    ck_assert_str_eq(line, "a");
    ck_assert_int_eq(next(src, &line, &len, 100, &cut), FTL_OK);
    ck_assert_str_eq(line, "b");
    ck_assert_int_eq(next(src, &line, &len, 100, &cut), FTL_DONE);
    col_src_close(src);
    /* Not asked to decompress: the bytes as stored. */
    ck_assert_int_eq(col_src_open_file(&src, path, 0, &err), FTL_OK);
    ck_assert_ptr_null(col_src_filter(src));
    col_src_close(src);
}
END_TEST

START_TEST(test_source_gzip_truncated_reports_error)
{
    struct col_src *src;
    struct ftl_err err = { 0 };
    char *line, hex[65], want[65], cmd[128];
    size_t len;
    int cut, rc, lines = 0;

    /* 200,000 numbered lines, gzip'd, cut in the middle. */
    snprintf(cmd, sizeof(cmd), "seq 200000 | gzip -c | head -c 200000 > %s",
             path);
    ck_assert_int_eq(system(cmd), 0);
    ck_assert_int_eq(col_src_open_file(&src, path, 1, &err), FTL_OK);
    while ((rc = col_src_getline(src, &line, &len, 100, &cut, &err)) ==
           FTL_OK)
        lines++;
    ck_assert_int_lt(rc, 0);
    ck_assert_int_gt(lines, 1000);
    ck_assert_int_lt(lines, 200000);
    ck_assert_ptr_nonnull(strstr(err.msg, path));
    ck_assert_ptr_nonnull(strstr(err.msg, "gzip"));
    /* The stream stays finished; the hash covers every stored byte. */
    ck_assert_int_eq(col_src_getline(src, &line, &len, 100, &cut, &err),
                     FTL_DONE);
    ck_assert_int_eq(col_src_sha256(src, hex, &err), FTL_OK);
    ck_assert_int_eq(col_src_raw_offset(src), 200000);
    ck_assert_int_eq(ftl_sha256_file(path, want, NULL, &err), FTL_OK);
    ck_assert_str_eq(hex, want);
    col_src_close(src);
}
END_TEST

struct mem { const char *data; size_t n; };

static ssize_t mem_read(void *payload, int64_t off, void *buf, size_t n)
{
    struct mem *m = payload;

    if ((size_t)off >= m->n)
        return 0;
    if (n > m->n - (size_t)off)
        n = m->n - (size_t)off;
    memcpy(buf, m->data + off, n);
    return (ssize_t)n;
}

START_TEST(test_source_callback_gzip)
{
    struct mem m = { (const char *)gz, sizeof(gz) };
    struct col_src *src;
    struct ftl_err err = { 0 };
    char *line;
    size_t len;
    int cut;

    ck_assert_int_eq(col_src_open_cb(&src, "img//log.gz", sizeof(gz),
                                     mem_read, &m, 1, &err), FTL_OK);
    ck_assert_int_eq(next(src, &line, &len, 100, &cut), FTL_OK);
    ck_assert_str_eq(line, "a");
    ck_assert_str_eq(col_src_name(src), "img//log.gz");
    col_src_close(src);
}
END_TEST

static ssize_t fail_read(void *payload, int64_t off, void *buf, size_t n)
{
    (void)payload;
    (void)off;
    (void)buf;
    (void)n;
    return -1;
}

START_TEST(test_source_read_error_at_open_is_told_on_read)
{
    struct col_src *src;
    struct ftl_err err = { 0 };
    char *line, hex[65];
    size_t len;
    int cut;

    /* The open succeeds so that the caller can record the item; the
     * first read reports the damage with the source's name. */
    ck_assert_int_eq(col_src_open_cb(&src, "img//var/log/maillog", 4096,
                                     fail_read, NULL, 1, &err), FTL_OK);
    ck_assert_int_eq(col_src_getline(src, &line, &len, 100, &cut, &err),
                     FTL_EIO);
    ck_assert_ptr_nonnull(strstr(err.msg, "img//var/log/maillog"));
    ck_assert_int_eq(col_src_sha256(src, hex, &err), FTL_EIO);
    ck_assert_int_eq(col_src_raw_offset(src), 0);
    col_src_close(src);
}
END_TEST

START_TEST(test_source_open_fd_without_hash)
{
    struct col_src *src;
    struct ftl_err err = { 0 };
    char *line, hex[65];
    size_t len;
    int fd, cut;

    ck_assert_int_eq(col_spool_open(&fd, &err), FTL_OK);
    ck_assert_int_eq(write(fd, "x\ny\n", 4), 4);
    ck_assert_str_eq(col_src_sniff("\x1f\x8b\x08", 3), "gzip");
    ck_assert_ptr_null(col_src_sniff("plain", 5));
    /* read twice from offset 0 with pread, whatever the fd offset */
    for (int pass = 0; pass < 2; pass++) {
        ck_assert_int_eq(col_src_open_fd(&src, "spool", fd, 1, 0, &err),
                         FTL_OK);
        ck_assert_int_eq(col_src_getline(src, &line, &len, 100, &cut, &err),
                         FTL_OK);
        ck_assert_str_eq(line, "x");
        ck_assert_int_eq(col_src_sha256(src, hex, &err), FTL_ERR);
        col_src_close(src);
    }
    close(fd);
}
END_TEST

START_TEST(test_source_open_missing_and_directory)
{
    struct col_src *src;
    struct ftl_err err = { 0 };

    ck_assert_int_eq(col_src_open_file(&src, "/nonexistent/x", 1, &err),
                     FTL_EIO);
    ck_assert_ptr_nonnull(strstr(err.msg, "/nonexistent/x"));
    ck_assert_int_eq(col_src_open_file(&src, "/tmp", 1, &err), FTL_EIO);
    ck_assert_ptr_nonnull(strstr(err.msg, "directory"));
}
END_TEST

Suite *source_suite(void)
{
    Suite *s = suite_create("source");
    TCase *tc = tcase_create("col_src_getline");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_source_getline_crlf_and_last_line);
    tcase_add_test(tc, test_source_getline_long_line_is_cut);
    tcase_add_test(tc, test_source_getline_short_long_line_in_buffer_is_cut);
    tcase_add_test(tc, test_source_gzip_decompressed);
    tcase_add_test(tc, test_source_gzip_truncated_reports_error);
    tcase_add_test(tc, test_source_callback_gzip);
    tcase_add_test(tc, test_source_open_missing_and_directory);
    tcase_add_test(tc, test_source_read_error_at_open_is_told_on_read);
    tcase_add_test(tc, test_source_open_fd_without_hash);
    suite_add_tcase(s, tc);
    return s;
}
