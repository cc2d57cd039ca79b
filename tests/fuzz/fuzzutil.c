/*
 * tests/fuzz/fuzzutil.c - scratch cases, memory sources and files for
 * the libFuzzer harnesses
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tests/fuzz/fuzzutil.h"
#include "timeline/store_int.h"

static char case_path[512];
static struct tl_store *store;
static struct col_ctx ctx;
static unsigned long uses;
static char file_paths[4][512];    /* one per extension used */

static const char *tmpdir(void)
{
    const char *t = getenv("TMPDIR");

    return t && *t ? t : "/tmp";
}

void fu_fail(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    fprintf(stderr, "fuzz property failed: ");
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    abort();
}

char *fu_strndup(const uint8_t *data, size_t n)
{
    char *s = malloc(n + 1);

    if (!s)
        fu_fail("out of memory");
    if (n)
        memcpy(s, data, n);
    s[n] = '\0';
    return s;
}

static void remove_files(void)
{
    char j[600];

    if (store)
        tl_store_close(store);
    store = NULL;
    if (case_path[0]) {
        unlink(case_path);
        snprintf(j, sizeof(j), "%s-journal", case_path);
        unlink(j);
    }
    for (size_t i = 0; i < 4; i++)
        if (file_paths[i][0])
            unlink(file_paths[i]);
}

struct tl_store *fu_case(void)
{
    struct ftl_err err = { 0 };

    if (store && ++uses % FU_CASE_INPUTS == 0)
        remove_files();
    if (store)
        return store;
    if (!case_path[0]) {
        snprintf(case_path, sizeof(case_path), "%s/ftl-fuzz-%ld.ftl",
                 tmpdir(), (long)getpid());
        atexit(remove_files);
    }
    unlink(case_path);
    if (tl_store_open(&store, case_path, TL_OPEN_CREATE, &err) ||
        tl_store_exec(store, "PRAGMA synchronous = OFF", &err))
        fu_fail("scratch case %s: %s", case_path, err.msg);
    if (ctx.iocs && tl_iocs_store(store, ctx.iocs, &err))
        fu_fail("indicators: %s", err.msg);
    ctx.st = store;
    return store;
}

struct col_ctx *fu_ctx(void)
{
    struct ftl_err err = { 0 };

    if (!ctx.iocs) {
        if (tl_iocs_load_default(&ctx.iocs, &err))
            fu_fail("default indicators: %s", err.msg);
        if (store && tl_iocs_store(store, ctx.iocs, &err))
            fu_fail("indicators: %s", err.msg);
    }
    ctx.st = fu_case();
    return &ctx;
}

struct membuf {
    const uint8_t *data;
    size_t len;
};

static ssize_t mem_read(void *payload, int64_t off, void *buf, size_t n)
{
    struct membuf *m = payload;

    if ((size_t)off >= m->len)
        return 0;
    if (n > m->len - (size_t)off)
        n = m->len - (size_t)off;
    memcpy(buf, m->data + off, n);
    return (ssize_t)n;
}

struct col_src *fu_src(const char *name, const uint8_t *data, size_t n)
{
    static struct membuf mb;
    struct col_src *src = NULL;
    struct ftl_err err = { 0 };

    mb.data = data;
    mb.len = n;
    if (col_src_open_cb(&src, name, (int64_t)n, mem_read, &mb, 1, &err))
        fu_fail("source: %s", err.msg);
    col_src_set_mtime(src, 1704067205LL * TL_NS_PER_SEC);
    return src;
}

const char *fu_inner(const char *prefix)
{
    static char inner[256];
    static unsigned long n;

    snprintf(inner, sizeof(inner), "/fuzz/%s.%lu", prefix, ++n);
    return inner;
}

const char *fu_file(const char *ext, const uint8_t *data, size_t n)
{
    char path[512];
    size_t i;
    FILE *f;

    if (!case_path[0]) {
        snprintf(case_path, sizeof(case_path), "%s/ftl-fuzz-%ld.ftl",
                 tmpdir(), (long)getpid());
        atexit(remove_files);
    }
    snprintf(path, sizeof(path), "%s/ftl-fuzz-%ld%s", tmpdir(),
             (long)getpid(), ext);
    for (i = 0; i < 4 && file_paths[i][0] && strcmp(file_paths[i], path);
         i++)
        ;
    if (i == 4)
        fu_fail("more than 4 file extensions");
    snprintf(file_paths[i], sizeof(file_paths[i]), "%s", path);
    if (!(f = fopen(path, "wb")) || (n && fwrite(data, 1, n, f) != n) ||
        fclose(f) != 0)
        fu_fail("cannot write %s", path);
    return file_paths[i];
}
