/*
 * cli/output.c - where an export is written, and the SHA-256 of what was
 *
 * ftl runs as root, so -o must never replace or truncate anything that
 * is not a regular file of its own:
 *
 *   -o - (or none)     standard output, streamed
 *   a character device or a FIFO
 *                      opened as it is and written in place (no rename:
 *                      renaming over /dev/null would replace the device)
 *   a regular file, or no file yet
 *                      written under a temporary name beside it, synced
 *                      and renamed into place only when complete, so no
 *                      half export is ever left under the final name
 *   a symbolic link    refused: as root, a link planted in a shared
 *                      folder could otherwise aim the export at any file;
 *                      name the file it points to instead
 *   anything else      (a directory, a block device, a socket) refused
 *
 * Every byte goes through a stdio stream of our own (fopencookie) that
 * hashes what it writes, so the SHA-256 printed is that of the bytes the
 * output received, whatever it is.  The stream hands 1 MiB chunks to a
 * writer thread that writes and hashes them while the exporter formats
 * the next: on a JSONL export, write() and SHA-256 were half the time of
 * one core.  A write error is seen at the next chunk (or the close) and
 * fails the stream as before.
 *
 * SPDX-License-Identifier: MIT
 */
#define _GNU_SOURCE            /* fopencookie */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"

/* stdio's buffer for the output: fewer write()s on a big export. */
#define OUTPUT_BUFSZ (64 * 1024)

/* The writer thread's chunks: one filled by the exporter while the
 * other is written. */
#define CHUNK_SIZE (1024 * 1024)

/* ---- the hashing stream ------------------------------------------- */

struct cli_writer {
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    char *buf[2];
    int cur;                   /* the chunk being filled */
    size_t fill;               /* its bytes */
    const char *job;           /* the chunk handed over, NULL when idle */
    size_t job_len;
    int stop;                  /* no more chunks: the thread ends */
    int joined;                /* the thread has ended: write in place */
    int werrno;                /* the first write error */
};

/* Write and hash all of buf; 0 or the errno of the failed write (what
 * was written before it is hashed: the digest is of the bytes the output
 * received). */
static int write_all(struct cli_output *o, const char *buf, size_t n)
{
    size_t done = 0;
    ssize_t k;

    while (done < n) {
        k = write(o->fd, buf + done, n - done);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return k < 0 ? errno : EIO;
        ftl_digest_update(o->dg, buf + done, (size_t)k);
        done += (size_t)k;
    }
    return 0;
}

static void *writer_main(void *arg)
{
    struct cli_output *o = arg;
    struct cli_writer *w = o->w;
    const char *p;
    size_t n;
    int e;

    pthread_mutex_lock(&w->mu);
    for (;;) {
        while (!w->job && !w->stop)
            pthread_cond_wait(&w->cv, &w->mu);
        if (!w->job)
            break;
        p = w->job;
        n = w->job_len;
        e = w->werrno;         /* after an error, nothing more is written */
        pthread_mutex_unlock(&w->mu);
        if (!e)
            e = write_all(o, p, n);
        pthread_mutex_lock(&w->mu);
        if (e && !w->werrno)
            w->werrno = e;
        w->job = NULL;
        pthread_cond_broadcast(&w->cv);
    }
    pthread_mutex_unlock(&w->mu);
    return NULL;
}

/* Hand the filled chunk to the thread once it is idle; -1 when a write
 * has failed (o->werrno then says why). */
static int hand_over(struct cli_output *o)
{
    struct cli_writer *w = o->w;
    int e;

    pthread_mutex_lock(&w->mu);
    while (w->job)
        pthread_cond_wait(&w->cv, &w->mu);
    if (!(e = w->werrno) && w->fill) {
        w->job = w->buf[w->cur];
        w->job_len = w->fill;
        w->cur ^= 1;
        w->fill = 0;
        pthread_cond_broadcast(&w->cv);
    }
    pthread_mutex_unlock(&w->mu);
    if (e) {
        o->werrno = e;
        return -1;
    }
    return 0;
}

/* The last chunk written and the thread ended; -1 on a write error. */
static int writer_drain(struct cli_output *o)
{
    struct cli_writer *w = o->w;
    int rc;

    if (!w || w->joined)
        return o->werrno ? -1 : 0;
    rc = hand_over(o);
    pthread_mutex_lock(&w->mu);
    w->stop = 1;
    pthread_cond_broadcast(&w->cv);
    pthread_mutex_unlock(&w->mu);
    pthread_join(w->thread, NULL);
    w->joined = 1;
    if (w->werrno && !o->werrno)
        o->werrno = w->werrno;
    return rc || o->werrno ? -1 : 0;
}

static void writer_free(struct cli_output *o)
{
    struct cli_writer *w = o->w;

    if (!w)
        return;
    writer_drain(o);
    pthread_cond_destroy(&w->cv);
    pthread_mutex_destroy(&w->mu);
    free(w->buf[0]);
    free(w->buf[1]);
    free(w);
    o->w = NULL;
}

/* The thread and its chunks; without them (no memory, no thread) the
 * stream writes in place, as it did before the thread. */
static void writer_start(struct cli_output *o)
{
    struct cli_writer *w = calloc(1, sizeof(*w));

    if (!w)
        return;
    w->buf[0] = malloc(CHUNK_SIZE);
    w->buf[1] = malloc(CHUNK_SIZE);
    if (!w->buf[0] || !w->buf[1] || pthread_mutex_init(&w->mu, NULL)) {
        free(w->buf[0]);
        free(w->buf[1]);
        free(w);
        return;
    }
    pthread_cond_init(&w->cv, NULL);
    o->w = w;
    if (pthread_create(&w->thread, NULL, writer_main, o) != 0) {
        w->joined = 1;         /* never started: nothing to join */
        writer_free(o);
    }
}

static ssize_t out_write(void *cookie, const char *buf, size_t n)
{
    struct cli_output *o = cookie;
    struct cli_writer *w = o->w;
    size_t done = 0, k;
    int e;

    if (!w || w->joined) {
        if (o->werrno)
            return -1;
        if ((e = write_all(o, buf, n))) {
            o->werrno = e;
            return -1;
        }
        return (ssize_t)n;
    }
    while (done < n) {
        k = CHUNK_SIZE - w->fill;
        if (k > n - done)
            k = n - done;
        memcpy(w->buf[w->cur] + w->fill, buf + done, k);
        w->fill += k;
        done += k;
        if (w->fill == CHUNK_SIZE && hand_over(o))
            return -1;
    }
    return (ssize_t)n;
}

static int out_close(void *cookie)
{
    (void)cookie;              /* the descriptor is closed by its owner */
    return 0;
}

static int stream_open(struct cli_output *o)
{
    static const cookie_io_functions_t io = { NULL, out_write, NULL,
                                              out_close };
    struct ftl_err err = { 0 };

    if (ftl_digest_new(&o->dg, FTL_SHA256, &err)) {
        cli_say(err.msg);
        return 1;
    }
    if (!(o->f = fopencookie(o, "w", io))) {
        cli_sayf("cannot write '%s': %s", o->name, strerror(errno));
        return 1;
    }
    setvbuf(o->f, NULL, _IOFBF, OUTPUT_BUFSZ);
    writer_start(o);
    return 0;
}

/* ---- opening ------------------------------------------------------ */

/* A device or FIFO, opened as it is.  O_NOFOLLOW and the fstat() after
 * the open make sure that what was opened is what lstat() saw. */
static int open_in_place(struct cli_output *o, const struct stat *seen)
{
    struct stat sb;

    o->fd = open(o->path, O_WRONLY | O_NOFOLLOW | O_NOCTTY | O_CLOEXEC);
    if (o->fd < 0) {
        cli_sayf("cannot write '%s': %s", o->path, strerror(errno));
        return 1;
    }
    if (fstat(o->fd, &sb) != 0 || sb.st_dev != seen->st_dev ||
        sb.st_ino != seen->st_ino) {
        cli_sayf("cannot write '%s': it changed while being opened",
                 o->path);
        return 1;
    }
    o->in_place = 1;
    return 0;
}

/* A regular file: a new one of ours beside it (mkstemp: never a file an
 * attacker linked there), renamed over it at the end. */
static int open_beside(struct cli_output *o)
{
    if (!(o->tmp = malloc(strlen(o->path) + 16))) {
        cli_say("out of memory");
        return 1;
    }
    sprintf(o->tmp, "%s.tmpXXXXXX", o->path);
    if ((o->fd = mkstemp(o->tmp)) < 0) {
        cli_sayf("cannot write '%s': %s", o->path, strerror(errno));
        free(o->tmp);
        o->tmp = NULL;
        return 1;
    }
    return 0;
}

/* 1 when sb is the case file itself (an -o that names the case). */
static int is_case(const struct stat *sb, const char *case_path)
{
    struct stat cs;

    return case_path && stat(case_path, &cs) == 0 &&
           cs.st_dev == sb->st_dev && cs.st_ino == sb->st_ino;
}

/* How to write to the path: in place, beside it, or not at all. */
static int choose(struct cli_output *o, const char *case_path)
{
    struct stat sb;

    if (lstat(o->path, &sb) != 0) {
        if (errno == ENOENT)
            return open_beside(o);
        cli_sayf("cannot write '%s': %s", o->path, strerror(errno));
        return 1;
    }
    if (S_ISLNK(sb.st_mode)) {
        cli_sayf("'%s' is a symbolic link: not written through; give the "
                 "file it points to", o->path);
        return CLI_EXIT_USAGE;
    }
    if (S_ISCHR(sb.st_mode) || S_ISFIFO(sb.st_mode))
        return open_in_place(o, &sb);
    if (!S_ISREG(sb.st_mode)) {
        cli_sayf("'%s' is %s: not written", o->path,
                 S_ISDIR(sb.st_mode) ? "a directory" :
                 S_ISBLK(sb.st_mode) ? "a block device" :
                 "not a file, a character device or a FIFO");
        return CLI_EXIT_USAGE;
    }
    if (is_case(&sb, case_path)) {
        cli_sayf("'%s' is the case file: not overwritten", o->path);
        return CLI_EXIT_USAGE;
    }
    return open_beside(o);
}

int cli_output_open(struct cli_output *o, const char *path,
                    const char *case_path)
{
    int rc;

    memset(o, 0, sizeof(*o));
    o->fd = -1;
    if (!path || strcmp(path, "-") == 0) {
        o->fd = STDOUT_FILENO;
        o->name = "standard output";
        return stream_open(o);
    }
    o->path = o->name = path;
    if ((rc = choose(o, case_path)) == 0 && (rc = stream_open(o)) == 0)
        return 0;
    cli_output_close(o, 0);
    return rc;
}

/* ---- closing ------------------------------------------------------ */

/* Put the temporary file in place; 0 or -1 with errno set. */
static int commit(struct cli_output *o)
{
    struct stat sb;

    if (fsync(o->fd) != 0)
        return -1;
    /* What lstat() saw may have changed since: only a regular file (or
     * nothing) is ever renamed over. */
    if (lstat(o->path, &sb) == 0 && !S_ISREG(sb.st_mode)) {
        errno = EEXIST;
        return -1;
    }
    return rename(o->tmp, o->path);
}

int cli_output_close(struct cli_output *o, int ok)
{
    int bad = 0, e = 0;

    if (o->f) {
        bad = ferror(o->f) || fflush(o->f) != 0;
        if (writer_drain(o))
            bad = 1;
        e = o->werrno ? o->werrno : errno;
        fclose(o->f);
        o->f = NULL;
    }
    writer_free(o);
    if (o->dg)
        ftl_digest_final(o->dg, NULL, o->sha256);
    if (ok && !bad && o->tmp && commit(o) != 0) {
        bad = 1;
        e = errno;
    }
    if (o->fd > STDERR_FILENO && close(o->fd) != 0 && ok && !bad) {
        bad = 1;
        e = errno;
    }
    o->fd = -1;
    if (o->tmp && (!ok || bad))
        unlink(o->tmp);
    free(o->tmp);
    o->tmp = NULL;
    ftl_digest_free(o->dg);
    o->dg = NULL;
    if (bad && ok)
        cli_sayf("cannot write '%s': %s", o->name, strerror(e));
    return bad ? -1 : 0;
}
