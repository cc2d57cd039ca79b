/*
 * collectors/disk/image.c - what the files of an image are: format by
 * signature, and the names of the segments of a split image
 *
 * Pure functions of bytes and names (the segments' existence aside), so
 * that tests/check_disk.c can try every scheme without an image.
 *
 * SPDX-License-Identifier: MIT
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "collectors/disk/disk_int.h"

int col_disk_sniff(const unsigned char *head, size_t hn,
                   const unsigned char *tail, size_t tn)
{
    static const unsigned char ewf[8] = { 'E', 'V', 'F', 0x09, 0x0d, 0x0a,
                                          0xff, 0x00 };
    static const unsigned char aff[8] = { 'A', 'F', 'F', '1', '0', '\r',
                                          '\n', '\0' };
    static const char vmdk_text[] = "# Disk DescriptorFile";

    if (hn >= 8 && memcmp(head, ewf, 8) == 0)
        return DISK_EWF;
    if (hn >= 8 && memcmp(head, aff, 8) == 0)
        return DISK_AFF;
    if (hn >= 4 && memcmp(head, "KDMV", 4) == 0)
        return DISK_VMDK;
    if (hn >= sizeof(vmdk_text) - 1 &&
        memcmp(head, vmdk_text, sizeof(vmdk_text) - 1) == 0)
        return DISK_VMDK;
    /* A dynamic VHD starts with a copy of its footer; a fixed one only
     * has the footer, in the last 512 bytes. */
    if (hn >= 8 && memcmp(head, "conectix", 8) == 0)
        return DISK_VHD;
    if (tn >= 8 && memcmp(tail, "conectix", 8) == 0)
        return DISK_VHD;
    return DISK_RAW;
}

const char *col_disk_fmt_name(int fmt)
{
    static const char *const names[] = { "raw", "ewf", "vmdk", "vhd",
                                         "aff" };

    return fmt >= 0 && fmt <= DISK_AFF ? names[fmt] : "?";
}

/* 1 when s ends with suffix, ignoring ASCII case (as TSK does). */
static int ends_with(const char *s, size_t n, const char *suffix)
{
    size_t k = strlen(suffix);

    return n >= k && strcasecmp(s + n - k, suffix) == 0;
}

char *col_disk_segment_name(const char *first, int k)
{
    static const char *const num3[] = { ".001", "_001", ".000", "_000",
                                         NULL };
    static const char *const num2[] = { ".01", "_01", ".00", "_00", NULL };
    static const char *const alpha[] = { ".aaa", "xaaa", "_aaa", ".aa",
                                         "xaa", "_aa", NULL };
    size_t n = strlen(first), i;
    char *out;
    int digits = 0, base1 = 0, letters = 0, v;

    if (k < 1 || !(out = malloc(n + 16)))
        return NULL;
    memcpy(out, first, n + 1);
    if (k == 1)
        return out;
    for (i = 0; num3[i] && !digits; i++)
        if (ends_with(first, n, num3[i])) {
            digits = 3;
            base1 = first[n - 1] == '1';
        }
    for (i = 0; num2[i] && !digits; i++)
        if (ends_with(first, n, num2[i])) {
            digits = 2;
            base1 = first[n - 1] == '1';
        }
    for (i = 0; alpha[i] && !digits && !letters; i++)
        if (ends_with(first, n, alpha[i]))
            letters = (int)strlen(alpha[i]) - 1;
    if (digits) {
        /* "image.001" counts from 1, "image.000" from 0; more segments
         * than the digits hold get more digits ("image.1000"), as FTK
         * names them. */
        v = base1 ? k : k - 1;
        snprintf(out + n - digits, 16 + digits, "%0*d", digits, v);
        return out;
    }
    if (letters) {
        /* "aa", "ab", ... "zz" (case kept from the first name) */
        v = k - 1;
        for (i = 0; i < (size_t)letters; i++) {
            out[n - 1 - i] = (char)(out[n - 1 - i] + v % 26);
            v /= 26;
        }
        if (v > 0) {
            free(out);
            return NULL;
        }
        return out;
    }
    free(out);
    return NULL;
}

char *col_disk_ewf_segment_name(const char *first, int k)
{
    size_t n = strlen(first);
    char *out, c;
    int lower, j;

    /* "x.E01": E01 ... E99, then EAA ... EZZ, FAA ... (libewf's scheme);
     * the letter may also be 'L' (L01) or 's' (SMART), in either case. */
    if (k < 1 || n < 4 || first[n - 4] != '.' ||
        !strchr("EeLlSs", first[n - 3]) || first[n - 2] != '0' ||
        first[n - 1] != '1' || !(out = malloc(n + 1)))
        return NULL;
    memcpy(out, first, n + 1);
    c = first[n - 3];
    lower = c >= 'a';
    if (k <= 99) {
        out[n - 2] = (char)('0' + k / 10);
        out[n - 1] = (char)('0' + k % 10);
        return out;
    }
    j = k - 100;
    if (j >= 26 * 26 * ((lower ? 'z' : 'Z') - c + 1)) {
        free(out);
        return NULL;
    }
    out[n - 3] = (char)(c + j / (26 * 26));
    out[n - 2] = (char)((lower ? 'a' : 'A') + (j / 26) % 26);
    out[n - 1] = (char)((lower ? 'a' : 'A') + j % 26);
    return out;
}

void col_disk_segments_free(char **v)
{
    size_t i;

    for (i = 0; v && v[i]; i++)
        free(v[i]);
    free(v);
}

const char *col_disk_not_regular(const char *path)
{
    struct stat sb;

    if (stat(path, &sb) != 0)
        return strerror(errno);
    return S_ISREG(sb.st_mode) ? NULL : "not a regular file";
}

int col_disk_segments(const char *first, int ewf, char ***out, int *n,
                      struct ftl_err *err)
{
    char **v = NULL, **nv, *name;
    const char *why = NULL;
    int count = 0;

    *out = NULL;
    *n = 0;
    for (;;) {
        name = ewf ? col_disk_ewf_segment_name(first, count + 1)
                   : col_disk_segment_name(first, count + 1);
        if (!name && count == 0 && !(name = strdup(first)))
            return ftl_err_set(err, FTL_ENOMEM, "out of memory");
        if (!name)
            break;                     /* past what the scheme counts */
        if ((why = col_disk_not_regular(name))) {
            free(name);
            break;
        }
        if (!(nv = realloc(v, sizeof(*v) * (size_t)(count + 2)))) {
            free(name);
            col_disk_segments_free(v);
            return ftl_err_set(err, FTL_ENOMEM, "out of memory");
        }
        v = nv;
        v[count++] = name;
        v[count] = NULL;
    }
    if (!count)
        return ftl_err_set(err, FTL_EIO, "cannot open image '%s': %s",
                           first, why);
    *out = v;
    *n = count;
    return FTL_OK;
}

/* EWF (libewf's "Expert Witness Compression Format" description): a
 * 13-byte file header, then sections, each a 76-byte descriptor whose
 * first 16 bytes are its type and next 8 the file offset of the next
 * one; the last section points at itself and is "next" when another
 * segment follows, "done" in the last segment.  libewf opens a set
 * without its later segments and reads their chunks as zeros, so this
 * is how a missing segment is told. */
int col_disk_ewf_continues(const char *path)
{
    unsigned char d[76];
    uint64_t off = 13, next;
    FILE *f = fopen(path, "rb");
    int k, rc = -1;

    if (!f)
        return -1;
    /* a crafted chain may loop or never end: it only moves forward, and
     * a segment has at most a few thousand sections */
    for (k = 0; k < 100000; k++) {
        if (fseeko(f, (off_t)off, SEEK_SET) != 0 ||
            fread(d, 1, sizeof(d), f) != sizeof(d))
            break;
        next = 0;
        for (int i = 7; i >= 0; i--)
            next = next << 8 | d[16 + i];
        if (next == off) {
            rc = memcmp(d, "next\0", 5) == 0 ? 1
                 : memcmp(d, "done\0", 5) == 0 ? 0 : -1;
            break;
        }
        if (next < off + sizeof(d))
            break;
        off = next;
    }
    fclose(f);
    return rc;
}
