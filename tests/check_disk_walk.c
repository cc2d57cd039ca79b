/*
 * tests/check_disk_walk.c - collectors/disk/walk.c: times, globs, the
 * fields of one entry built from hand-made libtsk structures as fls would
 * print them, unique locators, buffers and TSK errors
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <check.h>

#include "collectors/disk/disk_int.h"

/* ---- times, precision, globs ------------------------------------- */

START_TEST(test_disk_walk_prec_by_type)
{
    ck_assert_int_eq(col_disk_prec(TSK_FS_TYPE_NTFS, 0), 7);
    ck_assert_int_eq(col_disk_prec(TSK_FS_TYPE_FAT16, 0), 2);
    ck_assert_int_eq(col_disk_prec(TSK_FS_TYPE_EXFAT, 0), 2);
    ck_assert_int_eq(col_disk_prec(TSK_FS_TYPE_EXT4, 0), 9);
    ck_assert_int_eq(col_disk_prec(TSK_FS_TYPE_EXT2, 0), 0);
    ck_assert_int_eq(col_disk_prec(TSK_FS_TYPE_EXT3, 5), 9);
}
END_TEST

/* ---- one entry --------------------------------------------------- */

/* A file as TSK hands it to the walk callback, built by hand. */
struct fake {
    TSK_FS_FILE file;
    TSK_FS_NAME name;
    TSK_FS_META meta;
    char namebuf[64];
};

static void fake_init(struct fake *f, const char *name, int with_meta)
{
    memset(f, 0, sizeof(*f));
    snprintf(f->namebuf, sizeof(f->namebuf), "%s", name);
    f->name.name = f->namebuf;
    f->name.name_size = sizeof(f->namebuf);
    f->name.meta_addr = 1234;
    f->name.type = TSK_FS_NAME_TYPE_REG;
    f->name.flags = TSK_FS_NAME_FLAG_ALLOC;
    f->file.name = &f->name;
    if (!with_meta)
        return;
    f->meta.flags = TSK_FS_META_FLAG_ALLOC | TSK_FS_META_FLAG_USED;
    f->meta.addr = 1234;
    f->meta.type = TSK_FS_META_TYPE_REG;
    f->meta.mode = 0644;
    f->meta.size = 1024;
    f->meta.uid = 1000;
    f->meta.gid = 50;
    f->meta.atime = 1684066332;
    f->meta.atime_nano = 123456789;
    f->meta.mtime = 1684066333;
    f->meta.ctime = 1684066334;
    f->meta.crtime = 0;
    f->file.meta = &f->meta;
}

START_TEST(test_disk_walk_entry_fill_regular_file)
{
    struct fake f;
    struct disk_entry e;

    memset(&e, 0, sizeof(e));
    fake_init(&f, "passwd", 1);
    ck_assert_int_eq(col_disk_entry_fill(&e, &f.file, "/etc/passwd", NULL, 1),
                     FTL_OK);
    ck_assert_str_eq(e.path.p, "/etc/passwd");
    ck_assert_uint_eq(e.fs_path_len, strlen("/etc/passwd"));
    ck_assert_str_eq(e.inode, "1234");
    ck_assert_str_eq(e.mode, "r/rrw-r--r--");
    ck_assert_str_eq(e.uid, "1000");
    ck_assert_str_eq(e.gid, "50");
    ck_assert_int_eq(e.size, 1024);
    ck_assert_int_eq(e.t[DT_ATIME], 1684066332123456789LL);
    ck_assert_int_eq(e.t[DT_MTIME], 1684066333000000000LL);
    ck_assert_int_eq(e.t[DT_CRTIME], 0);
    ck_assert_int_eq(e.t[DT_DTIME], 0);
    ck_assert_int_eq(e.name_alloc, 1);
    ck_assert_int_eq(e.meta_alloc, 1);
    ck_assert_int_eq(e.deleted, 0);
    ck_assert_int_eq(e.is_data, 1);
    ck_assert_ptr_null(e.link);
    col_disk_entry_release(&e);
}
END_TEST

START_TEST(test_disk_walk_entry_fill_deleted_realloc_and_dtime)
{
    struct fake f;
    struct disk_entry e;

    memset(&e, 0, sizeof(e));
    fake_init(&f, "p", 1);
    f.name.flags = TSK_FS_NAME_FLAG_UNALLOC;
    f.meta.time2.ext2.dtime = 1684066400;
    ck_assert_int_eq(col_disk_entry_fill(&e, &f.file, "/tmp/p", NULL, 1),
                     FTL_OK);
    ck_assert_int_eq(e.deleted, 1);
    ck_assert_int_eq(e.name_alloc, 0);
    ck_assert_int_eq(e.meta_alloc, 1);       /* "(deleted-realloc)" */
    ck_assert_int_eq(e.t[DT_DTIME], 1684066400000000000LL);
    /* not ext: the union is not a dtime */
    ck_assert_int_eq(col_disk_entry_fill(&e, &f.file, "/tmp/p", NULL, 0),
                     FTL_OK);
    ck_assert_int_eq(e.t[DT_DTIME], 0);
    col_disk_entry_release(&e);
}
END_TEST

START_TEST(test_disk_walk_entry_fill_no_meta_as_fls)
{
    struct fake f;
    struct disk_entry e;

    memset(&e, 0, sizeof(e));
    fake_init(&f, ".swp", 0);
    f.name.flags = TSK_FS_NAME_FLAG_UNALLOC;
    f.name.meta_addr = 0;
    ck_assert_int_eq(col_disk_entry_fill(&e, &f.file, "/.swp", NULL, 1),
                     FTL_OK);
    /* fls: "0|/.swp (deleted)|0|r/----------|0|0|0|0|0|0|0" */
    ck_assert_str_eq(e.path.p, "/.swp");
    ck_assert_str_eq(e.inode, "0");
    ck_assert_str_eq(e.mode, "r/----------");
    ck_assert_str_eq(e.uid, "0");
    ck_assert_str_eq(e.gid, "0");
    ck_assert_int_eq(e.size, 0);
    ck_assert_int_eq(e.has_meta, 0);
    ck_assert_int_eq(e.meta_alloc, 0);
    ck_assert_int_eq(e.deleted, 1);
    col_disk_entry_release(&e);
}
END_TEST

START_TEST(test_disk_walk_entry_fill_symlink_and_raw_name)
{
    struct fake f;
    struct disk_entry e;
    char link[] = "a_directory/another_file";

    memset(&e, 0, sizeof(e));
    fake_init(&f, "new\nline|\377", 1);
    f.name.type = TSK_FS_NAME_TYPE_LNK;
    f.meta.type = TSK_FS_META_TYPE_LNK;
    f.meta.mode = 0777;
    f.meta.link = link;
    ck_assert_int_eq(col_disk_entry_fill(&e, &f.file, "/d/new\nline|\377",
                                         NULL, 1), FTL_OK);
    /* raw bytes: fls's '^' is the exporter's business */
    ck_assert_str_eq(e.path.p, "/d/new\nline|\377");
    ck_assert_str_eq(e.mode, "l/lrwxrwxrwx");
    ck_assert_str_eq(e.link, link);
    ck_assert_int_eq(e.is_data, 0);
    col_disk_entry_release(&e);
}
END_TEST

START_TEST(test_disk_walk_entry_fill_ntfs_attributes)
{
    struct fake f;
    struct disk_entry e;
    TSK_FS_ATTR a;
    char sname[] = "Zone.Identifier", i30[] = "$I30";

    memset(&e, 0, sizeof(e));
    memset(&a, 0, sizeof(a));
    fake_init(&f, "doc.txt", 1);
    f.name.meta_addr = 64;
    f.meta.time2.ntfs.fn_crtime = 1600000000;
    f.meta.time2.ntfs.fn_crtime_nano = 1234500;

    /* an alternate data stream: "name:stream", inode 64-128-5 */
    a.type = TSK_FS_ATTR_TYPE_NTFS_DATA;
    a.id = 5;
    a.name = sname;
    a.size = 26;
    ck_assert_int_eq(col_disk_entry_fill(&e, &f.file, "/doc.txt", &a, 0),
                     FTL_OK);
    ck_assert_str_eq(e.path.p, "/doc.txt:Zone.Identifier");
    ck_assert_uint_eq(e.fs_path_len, strlen("/doc.txt"));
    ck_assert_str_eq(e.inode, "64-128-5");
    ck_assert_int_eq(e.size, 26);
    ck_assert_int_eq(e.is_data, 1);
    ck_assert_int_eq(e.t[DT_ATIME], 1684066332123456789LL);

    /* the $FILE_NAME times, labelled as fls labels them */
    a.type = TSK_FS_ATTR_TYPE_NTFS_FNAME;
    a.id = 3;
    a.name = NULL;
    a.size = 82;
    ck_assert_int_eq(col_disk_entry_fill(&e, &f.file, "/doc.txt", &a, 0),
                     FTL_OK);
    ck_assert_str_eq(e.path.p, "/doc.txt ($FILE_NAME)");
    ck_assert_str_eq(e.inode, "64-48-3");
    ck_assert_int_eq(e.is_fname, 1);
    ck_assert_int_eq(e.is_data, 0);
    ck_assert_int_eq(e.t[DT_CRTIME], 1600000000001234500LL);
    ck_assert_int_eq(e.t[DT_ATIME], 0);

    /* a directory's $I30 index is the directory itself: no suffix */
    a.type = TSK_FS_ATTR_TYPE_NTFS_IDXROOT;
    a.id = 7;
    a.name = i30;
    ck_assert_int_eq(col_disk_entry_fill(&e, &f.file, "/doc.txt", &a, 0),
                     FTL_OK);
    ck_assert_str_eq(e.path.p, "/doc.txt");
    ck_assert_str_eq(e.inode, "64-144-7");
    col_disk_entry_release(&e);
}
END_TEST

START_TEST(test_disk_walk_entry_fill_time_out_of_range)
{
    struct fake f;
    struct disk_entry e;

    memset(&e, 0, sizeof(e));
    fake_init(&f, "x", 1);
    f.meta.mtime = (time_t)15032385535LL;
    ck_assert_int_eq(col_disk_entry_fill(&e, &f.file, "/x", NULL, 1), FTL_OK);
    ck_assert_int_eq(e.time_range, 1);
    ck_assert_int_eq(e.t[DT_MTIME], 0);
    ck_assert_int_eq(e.t[DT_ATIME], 1684066332123456789LL);
    col_disk_entry_release(&e);
}
END_TEST

/* ---- unique locators ----------------------------------------------- */

START_TEST(test_disk_walk_file_add_numbers_alike_entries)
{
    char dir[] = "/tmp/ftl-check-disk-XXXXXX", path[128];
    struct col_ctx ctx;
    struct tl_evidence ev = { 0 };
    struct tl_file f;
    struct ftl_buf loc = { 0 };
    struct ftl_err err = { 0 };
    int64_t evid, id1 = 0, id2 = 0, id3 = 0, seq = 1;

    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(path, sizeof(path), "%s/c.ftl", dir);
    memset(&ctx, 0, sizeof(ctx));
    ck_assert_int_eq(tl_store_open(&ctx.st, path, TL_OPEN_CREATE, &err),
                     FTL_OK);
    ev.kind = "disk";
    ev.path = "x.img";
    ev.size = -1;
    ck_assert_int_eq(tl_evidence_begin(ctx.st, &ev, &evid, &err), FTL_OK);
    memset(&f, 0, sizeof(f));
    f.evidence_id = evid;
    f.part_offset = 0;
    f.inode = "0";
    f.path = "/d/.swp";
    f.mode = "r/----------";
    /* two deleted names that print alike, and a third */
    ftl_buf_puts(&loc, "0 /d/.swp");
    ck_assert_int_eq(col_disk_file_add(&ctx, &f, &loc, &seq, &id1, &err),
                     FTL_OK);
    ck_assert_str_eq(loc.p, "0 /d/.swp");
    loc.len = 0;
    ftl_buf_puts(&loc, "0 /d/.swp");
    ck_assert_int_eq(col_disk_file_add(&ctx, &f, &loc, &seq, &id2, &err),
                     FTL_OK);
    ck_assert_str_eq(loc.p, "0 /d/.swp #2");
    loc.len = 0;
    ftl_buf_puts(&loc, "0 /d/.swp");
    ck_assert_int_eq(col_disk_file_add(&ctx, &f, &loc, &seq, &id3, &err),
                     FTL_OK);
    ck_assert_str_eq(loc.p, "0 /d/.swp #3");
    ck_assert(id1 != id2 && id2 != id3 && id1 != id3);
    ck_assert_int_eq(ctx.n_files, 3);
    tl_evidence_abort(ctx.st, evid);
    tl_store_close(ctx.st);
    ftl_buf_release(&loc);
    unlink(path);
    rmdir(dir);
}
END_TEST

/* ---- buffers and TSK errors -------------------------------------- */

START_TEST(test_disk_walk_buf_grows)
{
    struct ftl_buf b = { 0 };
    int i;

    for (i = 0; i < 1000; i++)
        ck_assert_int_eq(ftl_buf_puts(&b, "abc"), FTL_OK);
    ck_assert_uint_eq(b.len, 3000);
    ck_assert_uint_eq(strlen(b.p), 3000);
    ftl_buf_release(&b);
    ck_assert_ptr_null(b.p);
    ftl_buf_release(&b);        /* twice: harmless */
}
END_TEST

START_TEST(test_disk_walk_tsk_error_one_line_and_reset)
{
    char buf[256];

    tsk_error_reset();
    tsk_error_set_errno(TSK_ERR_FS_READ);
    tsk_error_set_errstr("bad block\nat offset %d", 4096);
    col_disk_tsk_error(buf, sizeof(buf));
    ck_assert_ptr_null(strchr(buf, '\n'));
    ck_assert_ptr_nonnull(strstr(buf, "at offset 4096"));
    ck_assert_int_eq(tsk_error_get_errno(), 0);
    /* nothing pending */
    ck_assert_str_eq(col_disk_tsk_error(buf, sizeof(buf)),
                     "unknown libtsk error");
}
END_TEST

Suite *disk_walk_suite(void)
{
    Suite *s = suite_create("disk_walk");
    TCase *tc;

    tc = tcase_create("values");
    tcase_add_test(tc, test_disk_walk_prec_by_type);
    suite_add_tcase(s, tc);
    tc = tcase_create("entry_fill");
    tcase_add_test(tc, test_disk_walk_entry_fill_regular_file);
    tcase_add_test(tc, test_disk_walk_entry_fill_deleted_realloc_and_dtime);
    tcase_add_test(tc, test_disk_walk_entry_fill_no_meta_as_fls);
    tcase_add_test(tc, test_disk_walk_entry_fill_symlink_and_raw_name);
    tcase_add_test(tc, test_disk_walk_entry_fill_ntfs_attributes);
    tcase_add_test(tc, test_disk_walk_entry_fill_time_out_of_range);
    suite_add_tcase(s, tc);
    tc = tcase_create("file_add");
    tcase_add_test(tc, test_disk_walk_file_add_numbers_alike_entries);
    suite_add_tcase(s, tc);
    tc = tcase_create("helpers");
    tcase_add_test(tc, test_disk_walk_buf_grows);
    tcase_add_test(tc, test_disk_walk_tsk_error_one_line_and_reset);
    suite_add_tcase(s, tc);
    return s;
}
