/*
 * base/digest.c - MD5 and SHA-256 through OpenSSL's libcrypto
 *
 * Collectors hash evidence while they read it; this wraps the EVP calls
 * so that one running digest can compute both sums in one pass.
 *
 * SPDX-License-Identifier: MIT
 */
#define _GNU_SOURCE            /* O_NOATIME */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "base/base.h"

struct ftl_digest {
    EVP_MD_CTX *md5;       /* NULL when not asked for */
    EVP_MD_CTX *sha256;
};

static void to_hex(const unsigned char *b, unsigned n, char *out)
{
    static const char hex[] = "0123456789abcdef";
    unsigned i;

    for (i = 0; i < n; i++) {
        out[2 * i] = hex[b[i] >> 4];
        out[2 * i + 1] = hex[b[i] & 15];
    }
    out[2 * n] = '\0';
}

int ftl_digest_new(struct ftl_digest **out, unsigned which,
                  struct ftl_err *err)
{
    struct ftl_digest *d = calloc(1, sizeof(*d));

    *out = NULL;
    if (!d)
        return ftl_err_set(err, FTL_ENOMEM, "out of memory");
    if (which & FTL_MD5) {
        d->md5 = EVP_MD_CTX_new();
        if (!d->md5 || !EVP_DigestInit_ex(d->md5, EVP_md5(), NULL))
            goto fail;
    }
    if (which & FTL_SHA256) {
        d->sha256 = EVP_MD_CTX_new();
        if (!d->sha256 || !EVP_DigestInit_ex(d->sha256, EVP_sha256(), NULL))
            goto fail;
    }
    *out = d;
    return FTL_OK;
fail:
    ftl_digest_free(d);
    return ftl_err_set(err, FTL_ERR, "libcrypto: cannot start a digest");
}

void ftl_digest_update(struct ftl_digest *d, const void *buf, size_t n)
{
    if (d->md5)
        EVP_DigestUpdate(d->md5, buf, n);
    if (d->sha256)
        EVP_DigestUpdate(d->sha256, buf, n);
}

void ftl_digest_final(struct ftl_digest *d, char *md5hex, char *sha256hex)
{
    unsigned char b[EVP_MAX_MD_SIZE];
    unsigned n;

    if (d->md5) {
        EVP_DigestFinal_ex(d->md5, b, &n);
        if (md5hex)
            to_hex(b, n, md5hex);
        EVP_DigestInit_ex(d->md5, EVP_md5(), NULL);
    } else if (md5hex) {
        md5hex[0] = '\0';
    }
    if (d->sha256) {
        EVP_DigestFinal_ex(d->sha256, b, &n);
        if (sha256hex)
            to_hex(b, n, sha256hex);
        EVP_DigestInit_ex(d->sha256, EVP_sha256(), NULL);
    } else if (sha256hex) {
        sha256hex[0] = '\0';
    }
}

void ftl_digest_free(struct ftl_digest *d)
{
    if (!d)
        return;
    EVP_MD_CTX_free(d->md5);
    EVP_MD_CTX_free(d->sha256);
    free(d);
}

int ftl_digest_update_file(struct ftl_digest *d, const char *path,
                          int64_t *size, struct ftl_err *err)
{
    enum { BUF = 1 << 17 };
    unsigned char *buf;
    int64_t total = 0;
    ssize_t n;
    int fd, rc = FTL_OK;

    if (!(buf = malloc(BUF)))      /* not static: threads may hash too */
        return ftl_err_set(err, FTL_ENOMEM, "out of memory");

    /* O_NOATIME keeps the evidence's access time; it is only allowed for
     * the file's owner (or root), so fall back without it. */
    fd = open(path, O_RDONLY | O_CLOEXEC | O_NOATIME);
    if (fd < 0 && errno == EPERM)
        fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        free(buf);
        return ftl_err_set(err, FTL_EIO, "cannot open '%s': %s", path,
                           strerror(errno));
    }
    while ((n = read(fd, buf, BUF)) > 0 || (n < 0 && errno == EINTR))
        if (n > 0) {
            ftl_digest_update(d, buf, (size_t)n);
            total += n;
        }
    if (n < 0)
        rc = ftl_err_set(err, FTL_EIO, "cannot read '%s' at offset %lld: %s",
                         path, (long long)total, strerror(errno));
    close(fd);
    free(buf);
    if (size)
        *size = total;
    return rc;
}

int ftl_sha256_file(const char *path, char hex[65], int64_t *size,
                   struct ftl_err *err)
{
    struct ftl_digest *d;
    int rc;

    if ((rc = ftl_digest_new(&d, FTL_SHA256, err)))
        return rc;
    if ((rc = ftl_digest_update_file(d, path, size, err)) == FTL_OK)
        ftl_digest_final(d, NULL, hex);
    ftl_digest_free(d);
    return rc;
}
