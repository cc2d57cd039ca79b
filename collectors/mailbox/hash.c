/*
 * collectors/mailbox/hash.c - attachment digests on a second core
 *
 * Digests are most of the work of reading a mail store (the parser and
 * the base64 decoder are cheaper than MD5 alone).  The MD5 of every
 * decoded attachment byte, and the SHA-256 of a plain evidence file read
 * by mailbox.c, are computed on one worker thread; the SHA-256 of the
 * decoded attachments stays in the caller (part.c), so that the
 * two cores share the work.  The caller copies each chunk into a small
 * ring of buffers and goes on; the worker applies the chunks to their
 * digests in the order they were queued.  An MD5 is finished by the
 * worker too, when its last chunk is through (mbx_hasher_final), so that
 * reading goes on while the tail of the last attachment is still being
 * hashed; mbx_hasher_sync() waits for everything queued.  Memory: the
 * ring, RING_SLOTS x SLOT_BYTES.  Without a thread (creation failed, or
 * FTL_NO_HASH_THREAD set) the chunks are hashed at once, in the caller.
 *
 * SPDX-License-Identifier: MIT
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "collectors/mailbox/mailbox_int.h"

#define RING_SLOTS 8
#define SLOT_BYTES (256 * 1024)

struct slot {
    struct ftl_digest *dig;
    size_t len;
    struct mbx_final *fin;    /* a "finish this digest" job, or NULL */
    unsigned char *data;
};

struct mbx_hasher {
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t filled;     /* a slot was queued, or stop */
    pthread_cond_t freed;      /* a slot was hashed */
    struct slot ring[RING_SLOTS];
    unsigned head, tail;       /* queued = head - tail */
    int stop;
};

static void finish(struct mbx_final *f)
{
    /* MD5 only: the SHA-256 is finished by the reader (part.c). */
    ftl_digest_final(f->dig, f->md5, NULL);
    ftl_digest_free(f->dig);
    f->dig = NULL;
}

static void *worker(void *arg)
{
    struct mbx_hasher *h = arg;
    struct slot *s;

    pthread_mutex_lock(&h->mu);
    for (;;) {
        while (h->head == h->tail && !h->stop)
            pthread_cond_wait(&h->filled, &h->mu);
        if (h->head == h->tail)
            break;             /* stopped and drained */
        s = &h->ring[h->tail % RING_SLOTS];
        pthread_mutex_unlock(&h->mu);
        if (s->fin)
            finish(s->fin);
        else
            ftl_digest_update(s->dig, s->data, s->len);
        pthread_mutex_lock(&h->mu);
        if (s->fin)
            s->fin->done = 1;
        h->tail++;
        pthread_cond_broadcast(&h->freed);
    }
    pthread_mutex_unlock(&h->mu);
    return NULL;
}

struct mbx_hasher *mbx_hasher_start(void)
{
    struct mbx_hasher *h;
    int i;

    if (getenv("FTL_NO_HASH_THREAD"))
        return NULL;
    if (!(h = calloc(1, sizeof(*h))))
        return NULL;
    for (i = 0; i < RING_SLOTS; i++)
        if (!(h->ring[i].data = malloc(SLOT_BYTES)))
            goto fail;
    pthread_mutex_init(&h->mu, NULL);
    pthread_cond_init(&h->filled, NULL);
    pthread_cond_init(&h->freed, NULL);
    if (pthread_create(&h->thread, NULL, worker, h) != 0) {
        pthread_cond_destroy(&h->freed);
        pthread_cond_destroy(&h->filled);
        pthread_mutex_destroy(&h->mu);
        goto fail;
    }
    return h;
fail:
    for (i = 0; i < RING_SLOTS; i++)
        free(h->ring[i].data);
    free(h);
    return NULL;
}

void mbx_hasher_update(struct mbx_hasher *h, struct ftl_digest *dig,
                       const void *buf, size_t n)
{
    const unsigned char *p = buf;
    struct slot *s;
    size_t k;

    if (!h) {
        ftl_digest_update(dig, buf, n);
        return;
    }
    while (n) {
        k = n < SLOT_BYTES ? n : SLOT_BYTES;
        pthread_mutex_lock(&h->mu);
        while (h->head - h->tail == RING_SLOTS)
            pthread_cond_wait(&h->freed, &h->mu);
        s = &h->ring[h->head % RING_SLOTS];
        pthread_mutex_unlock(&h->mu);
        /* The slot is ours until head moves past it. */
        s->fin = NULL;
        s->dig = dig;
        s->len = k;
        memcpy(s->data, p, k);
        pthread_mutex_lock(&h->mu);
        h->head++;
        pthread_cond_signal(&h->filled);
        pthread_mutex_unlock(&h->mu);
        p += k;
        n -= k;
    }
}

void mbx_hasher_final(struct mbx_hasher *h, struct mbx_final *f)
{
    struct slot *s;

    f->done = 0;
    if (!h) {
        finish(f);
        f->done = 1;
        return;
    }
    pthread_mutex_lock(&h->mu);
    while (h->head - h->tail == RING_SLOTS)
        pthread_cond_wait(&h->freed, &h->mu);
    s = &h->ring[h->head % RING_SLOTS];
    s->fin = f;
    s->dig = NULL;
    s->len = 0;
    h->head++;
    pthread_cond_signal(&h->filled);
    pthread_mutex_unlock(&h->mu);
}

int mbx_hasher_done(struct mbx_hasher *h, const struct mbx_final *f)
{
    int done;

    if (!h)
        return f->done;
    pthread_mutex_lock(&h->mu);
    done = f->done;
    pthread_mutex_unlock(&h->mu);
    return done;
}

void mbx_hasher_sync(struct mbx_hasher *h)
{
    if (!h)
        return;
    pthread_mutex_lock(&h->mu);
    while (h->head != h->tail)
        pthread_cond_wait(&h->freed, &h->mu);
    pthread_mutex_unlock(&h->mu);
}

void mbx_hasher_stop(struct mbx_hasher *h)
{
    int i;

    if (!h)
        return;
    pthread_mutex_lock(&h->mu);
    h->stop = 1;
    pthread_cond_signal(&h->filled);
    pthread_mutex_unlock(&h->mu);
    pthread_join(h->thread, NULL);
    pthread_cond_destroy(&h->freed);
    pthread_cond_destroy(&h->filled);
    pthread_mutex_destroy(&h->mu);
    for (i = 0; i < RING_SLOTS; i++)
        free(h->ring[i].data);
    free(h);
}
