/*
 * tests/fault/eio.c - an LD_PRELOAD shim: reads of one file fail with EIO
 *
 *   FTL_EIO_FILE=PATH   the file whose reads fail (compared by device and
 *                       inode, so any name or link of it counts)
 *   FTL_EIO_AFTER=N     the first N bytes read normally; a read that
 *                       crosses offset N returns the bytes before it, and
 *                       every read at or past N fails with EIO, as a disk
 *                       with a bad sector from there on does
 *
 * read(), pread() and pread64() are wrapped: ftl's own readers and the
 * ones of libtsk (raw images) and libarchive (fed by ftl) go through
 * them.  Only the tests build and load it.
 *
 * SPDX-License-Identifier: MIT
 */
#include <dlfcn.h>
#include <errno.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

typedef ssize_t (*read_fn)(int, void *, size_t);
typedef ssize_t (*pread_fn)(int, void *, size_t, off_t);
typedef ssize_t (*pread64_fn)(int, void *, size_t, off64_t);

static int ready;
static dev_t bad_dev;
static ino_t bad_ino;
static long long after;

static void setup(void)
{
    const char *file = getenv("FTL_EIO_FILE");
    const char *n = getenv("FTL_EIO_AFTER");
    struct stat sb;

    ready = -1;
    if (!file || stat(file, &sb) != 0)
        return;
    bad_dev = sb.st_dev;
    bad_ino = sb.st_ino;
    after = n ? atoll(n) : 0;
    ready = 1;
}

/* How many of n bytes at 'off' of fd may be read: n, fewer, or -1 for
 * an EIO now. */
static ssize_t allowed(int fd, size_t n, long long off)
{
    struct stat sb;

    if (!ready)
        setup();
    if (ready < 0 || fstat(fd, &sb) != 0 || sb.st_dev != bad_dev ||
        sb.st_ino != bad_ino)
        return (ssize_t)n;
    if (off >= after) {
        errno = EIO;
        return -1;
    }
    if (off + (long long)n > after)
        return (ssize_t)(after - off);
    return (ssize_t)n;
}

ssize_t read(int fd, void *buf, size_t n)
{
    static read_fn next;
    ssize_t k;

    if (!next)
        next = (read_fn)dlsym(RTLD_NEXT, "read");
    if ((k = allowed(fd, n, (long long)lseek(fd, 0, SEEK_CUR))) < 0)
        return -1;
    return next(fd, buf, (size_t)k);
}

ssize_t pread(int fd, void *buf, size_t n, off_t off)
{
    static pread_fn next;
    ssize_t k;

    if (!next)
        next = (pread_fn)dlsym(RTLD_NEXT, "pread");
    if ((k = allowed(fd, n, (long long)off)) < 0)
        return -1;
    return next(fd, buf, (size_t)k, off);
}

ssize_t pread64(int fd, void *buf, size_t n, off64_t off)
{
    static pread64_fn next;
    ssize_t k;

    if (!next)
        next = (pread64_fn)dlsym(RTLD_NEXT, "pread64");
    if ((k = allowed(fd, n, (long long)off)) < 0)
        return -1;
    return next(fd, buf, (size_t)k, off);
}
