/*
 * base/base.h - what every layer of ftl stands on
 *
 * base/ depends on nothing else of ftl (as TSK's tsk/base and curl's
 * lib/curlx): the error type, digests, UTF-8.  Every module returns an
 * int code and fills a struct ftl_err passed as its last argument.  0 is
 * success, FTL_DONE a positive "nothing more to do", negative codes are
 * failures.  Library code never prints; only the front does.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef FTL_BASE_H
#define FTL_BASE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* The version of ftl, recorded in every case and audit row. */
#define FTL_VERSION "0.1.0"

/* "ftl 0.1.0 (git REVISION)": what 'ftl --version' prints and each audit
 * row records, the revision the binary was built from (base/version.c). */
extern const char ftl_tool_version[];

/* ------------------------------------------------------------------ */
/* Errors (base/err.c)                                                 */
/* ------------------------------------------------------------------ */

enum ftl_code {
    FTL_OK = 0,
    FTL_DONE = 1,          /* not an error: nothing (more) to do */
    FTL_ERR = -1,          /* generic failure */
    FTL_ENOMEM = -2,       /* out of memory */
    FTL_EIO = -3,          /* cannot read or write a file */
    FTL_EPARSE = -4,       /* input is not what it claims to be */
    FTL_EDB = -5,          /* SQLite said no */
    FTL_EUSAGE = -6,       /* bad option or argument */
    FTL_ESCHEMA = -7,      /* case file of another version or not ours */
};

struct ftl_err {
    int code;              /* last code set, FTL_OK when none */
    char msg[512];         /* lowercase, no final period, names the file */
};

/* Record 'code' and a printf-style message in 'err' (which may be NULL).
 * Returns 'code' so callers can write 'return ftl_err_set(...)'. */
int ftl_err_set(struct ftl_err *err, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Clear 'err' back to FTL_OK with an empty message. */
void ftl_err_clear(struct ftl_err *err);

/* A pull reader, for the base readers that must not know where their
 * bytes come from (a collector's col_src, a file, memory): fill buf with
 * up to n bytes and return their count, 0 at the end, or -1 with 'err'
 * set. */
typedef ssize_t (*ftl_read_fn)(void *arg, void *buf, size_t n,
                               struct ftl_err *err);

/* ------------------------------------------------------------------ */
/* Digests (base/digest.c): MD5 and SHA-256 through libcrypto      */
/* ------------------------------------------------------------------ */

enum { FTL_MD5 = 1, FTL_SHA256 = 2 };

struct ftl_digest;

/* New running digest of the kinds in 'which' (FTL_MD5 | FTL_SHA256). */
int ftl_digest_new(struct ftl_digest **out, unsigned which,
                  struct ftl_err *err);
void ftl_digest_update(struct ftl_digest *d, const void *buf, size_t n);
/* Finish and write lowercase hex (md5 33 bytes, sha256 65 bytes; either
 * may be NULL).  Resets the digest so it can be used again. */
void ftl_digest_final(struct ftl_digest *d, char *md5hex, char *sha256hex);
void ftl_digest_free(struct ftl_digest *d);

/* Feed a whole file into d, streamed; opened read-only with O_NOATIME
 * where allowed.  *size (may be NULL) receives the bytes read. */
int ftl_digest_update_file(struct ftl_digest *d, const char *path,
                          int64_t *size, struct ftl_err *err);

/* SHA-256 of a whole file, streamed, as ftl_digest_update_file(). */
int ftl_sha256_file(const char *path, char hex[65], int64_t *size,
                   struct ftl_err *err);

/* ------------------------------------------------------------------ */
/* UTF-8 (base/utf8.c)                                             */
/* ------------------------------------------------------------------ */

/* Decode the UTF-8 sequence at s (n bytes left, RFC 3629: no overlong
 * forms, surrogates or values past U+10FFFF): its length with *cp set,
 * 0 when invalid, -1 when valid so far but cut short by n. */
int ftl_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);

/* 1 when s[0..n) is all valid UTF-8; else 0 with *bad (may be NULL) the
 * offset of the first invalid byte. */
int ftl_utf8_valid(const unsigned char *s, size_t n, size_t *bad);

/* Length of the valid UTF-8 sequence at s (n bytes left), 0 when s does
 * not start one (invalid, or cut short by n). */
size_t ftl_utf8_len(const unsigned char *s, size_t n);

/* Text that is not UTF-8 read as Windows-1252, what Windows and Excel
 * write in western European settings (Latin-1 would make "Š", "€" and
 * curly quotes C1 controls): in[0..n) converted into out, which has room
 * for 3 * n bytes.  The five bytes Windows-1252 leaves undefined become
 * '?'.  Returns the bytes written (no NUL added). */
size_t ftl_cp1252_to_utf8(const unsigned char *in, size_t n, char *out);

#endif
