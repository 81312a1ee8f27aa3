/* hash.c: open-addressing hash maps with linear probing; tables stay at most half full. */
#include "util/util.h"

#include <stdlib.h>
#include <string.h>

uint64_t pl_hash_bytes(const void *data, size_t len)
{
    /* FNV-1a, then a final mix so that the low bits used for slots are well spread. */
    const unsigned char *p = data;
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= 1099511628211ULL;
    }
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return h;
}

static uint64_t mix64(uint64_t k)
{
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdULL;
    k ^= k >> 33;
    k *= 0xc4ceb9fe1a85ec53ULL;
    k ^= k >> 33;
    return k;
}

void pl_strmap_init(pl_strmap *m)
{
    memset(m, 0, sizeof *m);
}

void pl_strmap_free(pl_strmap *m)
{
    for (size_t i = 1; !m->borrowed && i <= m->count; i++) free(m->strs[i]);
    free(m->strs);
    free(m->lens);
    free(m->slots);
    memset(m, 0, sizeof *m);
}

static size_t strmap_find(const pl_strmap *m, const char *s, size_t len, uint64_t h)
{
    size_t mask = m->nslots - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        uint32_t id = m->slots[i];
        if (id == 0) return i;
        if (m->lens[id] == len && memcmp(m->strs[id], s, len) == 0) return i;
    }
}

uint32_t pl_strmap_get(const pl_strmap *m, const char *s, size_t len)
{
    if (!m->nslots) return 0;
    return m->slots[strmap_find(m, s, len, pl_hash_bytes(s, len))];
}

static int strmap_rehash(pl_strmap *m, size_t nslots)
{
    uint32_t *slots = calloc(nslots, sizeof *slots);
    if (!slots) return -1;
    free(m->slots);
    m->slots = slots;
    m->nslots = nslots;
    for (uint32_t id = 1; id <= m->count; id++) {
        size_t i = strmap_find(m, m->strs[id], m->lens[id], pl_hash_bytes(m->strs[id], m->lens[id]));
        m->slots[i] = id;
    }
    return 0;
}

static uint32_t strmap_add(pl_strmap *m, const char *s, size_t len, int borrow)
{
    if ((m->count + 1) * 2 >= m->nslots && strmap_rehash(m, m->nslots ? m->nslots * 2 : 64))
        return 0;
    size_t slot = strmap_find(m, s, len, pl_hash_bytes(s, len));
    if (m->slots[slot]) return m->slots[slot];
    if (m->count == 0) m->borrowed = borrow;
    if (m->borrowed != borrow) return 0;
    /* Both arrays grow from the same capacity, so they stay the same size. */
    size_t need = m->count + 2, strs_cap = m->cap, lens_cap = m->cap;
    if (PL_GROW(m->strs, strs_cap, need) || PL_GROW(m->lens, lens_cap, need)) return 0;
    m->cap = strs_cap;
    char *copy = (char *)s;
    if (!borrow) {
        copy = malloc(len + 1);
        if (!copy) return 0;
        memcpy(copy, s, len);
        copy[len] = 0;
    }
    uint32_t id = (uint32_t)++m->count;
    m->strs[0] = NULL;
    m->strs[id] = copy;
    m->lens[id] = (uint32_t)len;
    m->slots[slot] = id;
    return id;
}

uint32_t pl_strmap_intern(pl_strmap *m, const char *s, size_t len)
{
    return strmap_add(m, s, len, 0);
}

uint32_t pl_strmap_intern_borrowed(pl_strmap *m, const char *s, size_t len)
{
    return strmap_add(m, s, len, 1);
}

void pl_u64map_init(pl_u64map *m)
{
    memset(m, 0, sizeof *m);
}

void pl_u64map_free(pl_u64map *m)
{
    free(m->keys);
    free(m->vals);
    memset(m, 0, sizeof *m);
}

static size_t u64_find(const pl_u64map *m, uint64_t key)
{
    size_t mask = m->nslots - 1;
    for (size_t i = mix64(key) & mask;; i = (i + 1) & mask)
        if (m->keys[i] == key || m->keys[i] == UINT64_MAX) return i;
}

int pl_u64map_get(const pl_u64map *m, uint64_t key, uint32_t *val)
{
    if (!m->nslots) return 0;
    size_t i = u64_find(m, key);
    if (m->keys[i] != key) return 0;
    *val = m->vals[i];
    return 1;
}

static int u64_rehash(pl_u64map *m, size_t nslots)
{
    uint64_t *keys = malloc(nslots * sizeof *keys);
    uint32_t *vals = malloc(nslots * sizeof *vals);
    if (!keys || !vals) {
        free(keys);
        free(vals);
        return -1;
    }
    memset(keys, 0xff, nslots * sizeof *keys);
    pl_u64map old = *m;
    m->keys = keys;
    m->vals = vals;
    m->nslots = nslots;
    for (size_t i = 0; i < old.nslots; i++) {
        if (old.keys[i] == UINT64_MAX) continue;
        size_t j = u64_find(m, old.keys[i]);
        m->keys[j] = old.keys[i];
        m->vals[j] = old.vals[i];
    }
    free(old.keys);
    free(old.vals);
    return 0;
}

int pl_u64map_put(pl_u64map *m, uint64_t key, uint32_t val)
{
    if ((m->count + 1) * 2 >= m->nslots && u64_rehash(m, m->nslots ? m->nslots * 2 : 64))
        return -1;
    size_t i = u64_find(m, key);
    if (m->keys[i] != key) {
        m->keys[i] = key;
        m->count++;
    }
    m->vals[i] = val;
    return 0;
}
