/*
 * tests/check_disk.c - collectors/disk/disk.c: image signatures and
 * split-image segment names
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <check.h>

#include "collectors/disk/disk_int.h"

/* ---- col_disk_sniff ------------------------------------------------ */

START_TEST(test_disk_sniff_signatures)
{
    static const unsigned char ewf[] = "EVF\x09\x0d\x0a\xff\x00rest";
    static const unsigned char aff[] = "AFF10\r\n\0more";
    static const unsigned char kdmv[] = "KDMV\1\0\0\0";
    static const unsigned char desc[] = "# Disk DescriptorFile\nversion=1";
    static const unsigned char vhd[] = "conectix\0\0\0\2";
    unsigned char zero[512] = { 0 };

    ck_assert_int_eq(col_disk_sniff(ewf, 12, NULL, 0), DISK_EWF);
    ck_assert_int_eq(col_disk_sniff(aff, 12, NULL, 0), DISK_AFF);
    ck_assert_int_eq(col_disk_sniff(kdmv, 8, NULL, 0), DISK_VMDK);
    ck_assert_int_eq(col_disk_sniff(desc, sizeof(desc) - 1, NULL, 0),
                     DISK_VMDK);
    ck_assert_int_eq(col_disk_sniff(vhd, 12, NULL, 0), DISK_VHD);
    ck_assert_int_eq(col_disk_sniff(zero, 512, vhd, 12), DISK_VHD);
    ck_assert_int_eq(col_disk_sniff(zero, 512, zero, 512), DISK_RAW);
    /* too short to tell: raw */
    ck_assert_int_eq(col_disk_sniff(ewf, 3, NULL, 0), DISK_RAW);
    ck_assert_str_eq(col_disk_fmt_name(DISK_EWF), "ewf");
    ck_assert_str_eq(col_disk_fmt_name(99), "?");
}
END_TEST

/* ---- segment names --------------------------------------------------- */

static void seg_is(const char *first, int k, const char *want)
{
    char *got = col_disk_segment_name(first, k);

    if (!want) {
        ck_assert_ptr_null(got);
        return;
    }
    ck_assert_ptr_nonnull(got);
    ck_assert_str_eq(got, want);
    free(got);
}

START_TEST(test_disk_segment_name_schemes)
{
    seg_is("img.000", 1, "img.000");
    seg_is("img.000", 2, "img.001");
    seg_is("img.000", 11, "img.010");
    seg_is("img.001", 2, "img.002");
    seg_is("img.001", 1000, "img.1000");     /* FTK: more digits */
    seg_is("img_000", 3, "img_002");
    seg_is("img.00", 2, "img.01");
    seg_is("img.01", 2, "img.02");
    seg_is("x.aa", 2, "x.ab");
    seg_is("x.aa", 27, "x.ba");
    seg_is("x.AA", 2, "x.AB");               /* case kept */
    seg_is("x.aa", 677, NULL);               /* past "zz" */
    seg_is("x.aaa", 2, "x.aab");
    seg_is("xaa", 3, "xac");                 /* split(1) names */
    seg_is("image.dd", 1, "image.dd");       /* not a split name */
    seg_is("image.dd", 2, NULL);
    seg_is("image.dd", 0, NULL);
}
END_TEST

START_TEST(test_disk_ewf_segment_name_schemes)
{
    char *s;

    ck_assert_ptr_nonnull(s = col_disk_ewf_segment_name("a.E01", 2));
    ck_assert_str_eq(s, "a.E02");
    free(s);
    ck_assert_ptr_nonnull(s = col_disk_ewf_segment_name("a.E01", 99));
    ck_assert_str_eq(s, "a.E99");
    free(s);
    ck_assert_ptr_nonnull(s = col_disk_ewf_segment_name("a.E01", 100));
    ck_assert_str_eq(s, "a.EAA");
    free(s);
    ck_assert_ptr_nonnull(s = col_disk_ewf_segment_name("a.E01", 127));
    ck_assert_str_eq(s, "a.EBB");
    free(s);
    ck_assert_ptr_nonnull(s = col_disk_ewf_segment_name("a.E01", 776));
    ck_assert_str_eq(s, "a.FAA");
    free(s);
    ck_assert_ptr_nonnull(s = col_disk_ewf_segment_name("a.e01", 100));
    ck_assert_str_eq(s, "a.eaa");
    free(s);
    ck_assert_ptr_null(col_disk_ewf_segment_name("a.dd", 2));
    ck_assert_ptr_null(col_disk_ewf_segment_name("a.E02", 2));
}
END_TEST

/* A split set in a temporary directory: .000, .001 and .003 (a gap). */
START_TEST(test_disk_segments_stop_at_gap)
{
    char dir[] = "/tmp/ftl-check-disk-XXXXXX", path[128], **v = NULL;
    const char *names[] = { "x.000", "x.001", "x.003" };
    struct ftl_err err = { 0 };
    int n = 0, i;
    FILE *f;

    ck_assert_ptr_nonnull(mkdtemp(dir));
    for (i = 0; i < 3; i++) {
        snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
        ck_assert_ptr_nonnull(f = fopen(path, "w"));
        fputs("x", f);
        fclose(f);
    }
    snprintf(path, sizeof(path), "%s/x.000", dir);
    ck_assert_int_eq(col_disk_segments(path, 0, &v, &n, &err), FTL_OK);
    ck_assert_int_eq(n, 2);
    ck_assert_ptr_nonnull(strstr(v[1], "/x.001"));
    ck_assert_ptr_null(v[2]);
    col_disk_segments_free(v);
    /* a file that is not there */
    snprintf(path, sizeof(path), "%s/y.000", dir);
    ck_assert_int_eq(col_disk_segments(path, 0, &v, &n, &err), FTL_EIO);
    ck_assert_ptr_null(v);
    ck_assert_ptr_nonnull(strstr(err.msg, "y.000"));
    for (i = 0; i < 3; i++) {
        snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
        unlink(path);
    }
    rmdir(dir);
}
END_TEST

/* An EWF segment whose last section is "next" continues in another
 * file; "done" ends the set; a chain that loops back is not read past. */
static void ewf_file(const char *path, const char *last, int loop)
{
    unsigned char d[13 + 2 * 76] = { 'E', 'V', 'F', 9, 13, 10, 0xff, 0 };
    uint64_t next[2] = { 13 + 76, loop ? 13 : 13 + 76 };
    FILE *f;
    int s, i;

    for (s = 0; s < 2; s++) {
        memcpy(d + 13 + 76 * s, s ? last : "header", s ? 5 : 7);
        for (i = 0; i < 8; i++)
            d[13 + 76 * s + 16 + i] = (unsigned char)(next[s] >> 8 * i);
    }
    ck_assert_ptr_nonnull(f = fopen(path, "wb"));
    fwrite(d, 1, sizeof(d), f);
    fclose(f);
}

START_TEST(test_disk_ewf_continues_reads_last_section)
{
    char path[] = "/tmp/ftl-check-ewf-XXXXXX";
    int fd = mkstemp(path);

    ck_assert_int_ge(fd, 0);
    close(fd);
    ewf_file(path, "next", 0);
    ck_assert_int_eq(col_disk_ewf_continues(path), 1);
    ewf_file(path, "done", 0);
    ck_assert_int_eq(col_disk_ewf_continues(path), 0);
    ewf_file(path, "next", 1);
    ck_assert_int_eq(col_disk_ewf_continues(path), -1);
    unlink(path);
    ck_assert_int_eq(col_disk_ewf_continues(path), -1);
}
END_TEST

Suite *disk_suite(void)
{
    Suite *s = suite_create("disk");
    TCase *tc;

    tc = tcase_create("sniff");
    tcase_add_test(tc, test_disk_sniff_signatures);
    suite_add_tcase(s, tc);
    tc = tcase_create("segments");
    tcase_add_test(tc, test_disk_segment_name_schemes);
    tcase_add_test(tc, test_disk_ewf_segment_name_schemes);
    tcase_add_test(tc, test_disk_segments_stop_at_gap);
    tcase_add_test(tc, test_disk_ewf_continues_reads_last_section);
    suite_add_tcase(s, tc);
    return s;
}
