/* lemma.c: base forms from WordNet's morphology (morphstr), cached. WordNet keeps global
 * state and returns static buffers, so every call into it holds one process-wide lock. */
#include "text/text.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <wn.h>

#define LEMMA_MIN 2
#define LEMMA_MAX 40      /* longer words are not looked up */
#define LEMMA_LONGEST 256 /* morphstr's own buffer size (WORDBUF) */
/* Words cached; later answers are computed, not kept. -D can lower it to test that path. */
#ifndef PL_LEMMA_CACHE_MAX
#define PL_LEMMA_CACHE_MAX 1000000
#endif

struct pl_lemmatizer {
    pthread_mutex_t lock;       /* guards the cache */
    pl_strmap strs;             /* words and lemmas */
    uint32_t *lemma_of;         /* lemma_of[id]: the id of the lemma of word id, 0 if unknown */
    size_t lemma_cap;
    size_t cached;              /* words with a cached answer */
};

static pthread_once_t wn_once = PTHREAD_ONCE_INIT;
static pthread_mutex_t wn_lock = PTHREAD_MUTEX_INITIALIZER;
static int wn_status = -1;      /* wninit()'s result */
static pthread_key_t overflow_key;
static int overflow_key_ok;

/* WordNet reports problems through this hook, by default on stderr; the library never
 * prints. */
static int quiet_message(char *msg)
{
    (void)msg;
    return -1;
}

static void free_overflow(void *p)
{
    pl_buf *b = p;
    pl_buf_free(b);
    free(b);
}

static void wn_open(void)
{
    display_message = quiet_message;
    wn_status = wninit();
    overflow_key_ok = pthread_key_create(&overflow_key, free_overflow) == 0;
}

pl_lemmatizer *pl_lemmatizer_new(void)
{
    pthread_once(&wn_once, wn_open);
    if (wn_status != 0 || !overflow_key_ok) return NULL;
    pl_lemmatizer *lz = calloc(1, sizeof *lz);
    if (!lz) return NULL;
    if (pthread_mutex_init(&lz->lock, NULL)) {
        free(lz);
        return NULL;
    }
    pl_strmap_init(&lz->strs);
    return lz;
}

void pl_lemmatizer_free(pl_lemmatizer *lz)
{
    if (!lz) return;
    pl_strmap_free(&lz->strs);
    free(lz->lemma_of);
    pthread_mutex_destroy(&lz->lock);
    free(lz);
}

static int looked_up(const char *w, size_t len)
{
    if (len < LEMMA_MIN || len > LEMMA_MAX) return 0;
    for (size_t i = 0; i < len; i++)
        if (w[i] < 'a' || w[i] > 'z') return 0;
    return 1;
}

/* The lemma of w into out[LEMMA_LONGEST]; its length. */
static size_t compute(const char *w, size_t len, char *out)
{
    if (!looked_up(w, len)) {
        memcpy(out, w, len);
        return len;
    }
    char word[LEMMA_MAX + 1];
    memcpy(word, w, len);
    word[len] = 0;
    size_t n = len;
    pthread_mutex_lock(&wn_lock);
    const char *base = morphstr(word, VERB);
    if (!base) base = morphstr(word, NOUN);
    if (base) { /* copied before the lock goes: the next call overwrites it */
        n = strnlen(base, LEMMA_LONGEST - 1);
        memcpy(out, base, n);
    } else {
        memcpy(out, w, len);
    }
    pthread_mutex_unlock(&wn_lock);
    return n;
}

/* Remembers that word -> lemma; the lemma's text, or NULL when out of memory. */
static const char *store(pl_lemmatizer *lz, const char *w, size_t len, const char *lemma,
                         size_t n)
{
    uint32_t id = pl_strmap_intern(&lz->strs, w, len);
    uint32_t lid = id ? pl_strmap_intern(&lz->strs, lemma, n) : 0;
    size_t old_cap = lz->lemma_cap;
    if (!lid || PL_GROW(lz->lemma_of, lz->lemma_cap, (size_t)lz->strs.count + 1)) return NULL;
    memset(lz->lemma_of + old_cap, 0, (lz->lemma_cap - old_cap) * sizeof *lz->lemma_of);
    lz->lemma_of[id] = lid;
    lz->cached++;
    return pl_strmap_str(&lz->strs, lid);
}

/* Once the cache is full: the lemma's text if the cache holds it anyway, else a copy in
 * this thread's own buffer, valid until the thread's next call. */
static const char *overflow(pl_lemmatizer *lz, const char *lemma, size_t n)
{
    uint32_t lid = pl_strmap_get(&lz->strs, lemma, n);
    if (lid) return pl_strmap_str(&lz->strs, lid);
    pl_buf *b = pthread_getspecific(overflow_key);
    if (!b) {
        b = calloc(1, sizeof *b);
        if (!b || pthread_setspecific(overflow_key, b)) {
            free(b);
            return NULL;
        }
    }
    pl_buf_clear(b);
    return pl_buf_append(b, lemma, n) ? NULL : b->data;
}

const char *pl_lemma(pl_lemmatizer *lz, const char *word, size_t len)
{
    char small[LEMMA_LONGEST];
    char *lemma = len < sizeof small ? small : malloc(len);
    if (!lemma) return NULL;
    pthread_mutex_lock(&lz->lock);
    const char *res;
    uint32_t id = pl_strmap_get(&lz->strs, word, len);
    if (id && id < lz->lemma_cap && lz->lemma_of[id]) {
        res = pl_strmap_str(&lz->strs, lz->lemma_of[id]);
    } else {
        size_t n = compute(word, len, lemma);
        res = lz->cached < PL_LEMMA_CACHE_MAX ? store(lz, word, len, lemma, n)
                                              : overflow(lz, lemma, n);
    }
    pthread_mutex_unlock(&lz->lock);
    if (lemma != small) free(lemma);
    return res;
}
