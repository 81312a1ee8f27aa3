/* gaz_build.c: writing the gazetteer file (gaz_int.h) from places, names and aliases. Used by
 * tools/gen-gazetteer.c at build time; kept in the library so that the keys are made by the
 * very code that looks them up. */
#include "geo/gaz_int.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct bkey {
    uint32_t *ids;
    size_t n, cap;
    uint32_t alias;          /* as pl_gaz_key.alias */
} bkey;

struct pl_geo_builder {
    pl_arena arena;          /* the places' strings */
    pl_place *places;
    size_t nplaces, cap;
    pl_strmap keys;          /* key -> key id (from 1) */
    bkey *k;                 /* by key id */
    size_t kcap;
    char *source;
};

pl_geo_builder *pl_geo_builder_new(void)
{
    pl_geo_builder *b = calloc(1, sizeof *b);
    if (!b) return NULL;
    pl_arena_init(&b->arena, 1 << 20);
    pl_strmap_init(&b->keys);
    return b;
}

void pl_geo_builder_free(pl_geo_builder *b)
{
    if (!b) return;
    for (size_t i = 0; i < b->kcap; i++) free(b->k[i].ids);
    free(b->k);
    pl_strmap_free(&b->keys);
    pl_arena_free(&b->arena);
    free(b->places);
    free(b->source);
    free(b);
}

size_t pl_geo_builder_count(const pl_geo_builder *b) { return b->nplaces; }

const pl_place *pl_geo_builder_get(const pl_geo_builder *b, uint32_t id)
{
    return id < b->nplaces ? &b->places[id] : NULL;
}

int pl_geo_builder_source(pl_geo_builder *b, const char *text)
{
    free(b->source);
    b->source = strdup(text);
    return b->source ? 0 : -1;
}

/* The record of name's key, added if new; NULL when the name has no key or memory ran out
 * (*oom tells which). */
static bkey *key_of(pl_geo_builder *b, const char *name, size_t len, int *oom)
{
    char key[PL_GEO_KEY_MAX];
    size_t klen = pl_geo_name_key(name, len, key);
    *oom = 0;
    if (!klen) return NULL;
    uint32_t id = pl_strmap_intern(&b->keys, key, klen);
    size_t old = b->kcap;
    if (!id || PL_GROW(b->k, b->kcap, (size_t)id + 1)) {
        *oom = 1;
        return NULL;
    }
    memset(b->k + old, 0, (b->kcap - old) * sizeof *b->k); /* PL_GROW does not clear */
    return &b->k[id];
}

int pl_geo_builder_name(pl_geo_builder *b, uint32_t id, const char *name, size_t len)
{
    int oom;
    bkey *k = key_of(b, name, len, &oom);
    if (!k) return oom ? -1 : 1;
    if (k->n && k->ids[k->n - 1] == id) return 0; /* the same name twice */
    if (PL_GROW(k->ids, k->cap, k->n + 1)) return -1;
    k->ids[k->n++] = id;
    return 0;
}

int pl_geo_builder_alias(pl_geo_builder *b, const char *name, size_t len, uint32_t id)
{
    int oom;
    bkey *k = key_of(b, name, len, &oom);
    if (!k) return oom ? -1 : 1;
    if (k->alias && k->alias != id + 1) return 1;
    k->alias = id + 1;
    return 0;
}

int pl_geo_builder_notplace(pl_geo_builder *b, const char *name, size_t len)
{
    int oom;
    bkey *k = key_of(b, name, len, &oom);
    if (!k) return oom ? -1 : 1;
    k->alias = PL_GAZ_NOTPLACE;
    return 0;
}

static const char *keep(pl_geo_builder *b, const char *s, size_t max)
{
    if (!s) return "";
    if (strlen(s) > max) return NULL;
    return pl_arena_strdup(&b->arena, s);
}

long pl_geo_builder_place(pl_geo_builder *b, const pl_place *p)
{
    if (b->nplaces >= UINT32_MAX / 2 || PL_GROW(b->places, b->cap, b->nplaces + 1)) return -1;
    pl_place q = *p;
    q.id = (uint32_t)b->nplaces;
    q.name = keep(b, p->name, 4096);
    q.country = keep(b, p->country, 3);
    q.country2 = keep(b, p->country2, 2);
    q.admin = keep(b, p->admin, 64);
    q.feature = keep(b, p->feature, 16);
    if (!q.name || !q.country || !q.country2 || !q.admin || !q.feature) return -1;
    b->places[b->nplaces++] = q;
    if (pl_geo_builder_name(b, q.id, q.name, strlen(q.name)) < 0) return -1;
    return (long)q.id;
}

/* ---- writing -------------------------------------------------------------------------- */

typedef struct strtab {
    pl_buf pool;             /* starts with the empty string */
    pl_strmap map;           /* string -> id */
    uint32_t *off;           /* by id */
    size_t cap;
} strtab;

/* The offset of s in the string table, added once; UINT32_MAX when out of memory. */
static uint32_t str_off(strtab *t, const char *s)
{
    size_t len = strlen(s);
    if (len == 0) return 0;
    size_t before = t->map.count;
    uint32_t id = pl_strmap_intern(&t->map, s, len);
    if (!id) return UINT32_MAX;
    if (id > before) {
        if (PL_GROW(t->off, t->cap, (size_t)id + 1) || t->pool.len > UINT32_MAX - len - 1)
            return UINT32_MAX;
        t->off[id] = (uint32_t)t->pool.len;
        if (pl_buf_append(&t->pool, s, len + 1)) return UINT32_MAX;
    }
    return t->off[id];
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* Sorts a key's places largest first (then by id) and drops repeats; returns the count. */
static size_t rank_ids(const pl_geo_builder *b, bkey *k, uint64_t *tmp)
{
    for (size_t i = 0; i < k->n; i++)
        tmp[i] = ((uint64_t)(UINT32_MAX - b->places[k->ids[i]].population) << 32) | k->ids[i];
    qsort(tmp, k->n, sizeof *tmp, cmp_u64);
    size_t n = 0;
    for (size_t i = 0; i < k->n; i++)
        if (n == 0 || (uint32_t)tmp[i] != k->ids[n - 1]) k->ids[n++] = (uint32_t)tmp[i];
    return k->n = n;
}

/* The sections, each in its own array until the string table's size is known. */
typedef struct layout {
    pl_gaz_header h;
    pl_gaz_place *places;
    pl_gaz_key *keys;
    pl_gaz_slot *slots;
    uint32_t *post;
    strtab str;
} layout;

static int fill_places(const pl_geo_builder *b, layout *L)
{
    for (size_t i = 0; i < b->nplaces; i++) {
        const pl_place *p = &b->places[i];
        pl_gaz_place *r = &L->places[i];
        r->name = str_off(&L->str, p->name);
        r->admin = str_off(&L->str, p->admin);
        r->feature = str_off(&L->str, p->feature);
        if (r->name == UINT32_MAX || r->admin == UINT32_MAX || r->feature == UINT32_MAX)
            return -1;
        r->lat = (int32_t)lround(p->lat * 1e5);
        r->lon = (int32_t)lround(p->lon * 1e5);
        r->population = p->population;
        memcpy(r->country, p->country, strlen(p->country));
        memcpy(r->country2, p->country2, strlen(p->country2));
        r->kind = p->kind;
        r->flags = p->flags;
    }
    return 0;
}

static int fill_keys(const pl_geo_builder *b, layout *L)
{
    uint32_t npost = 0, mask = L->h.nslots - 1;
    for (uint32_t id = 1; id <= b->keys.count; id++) {
        const bkey *k = &b->k[id];
        pl_gaz_key *r = &L->keys[id - 1];
        const char *key = pl_strmap_str(&b->keys, id);
        *r = (pl_gaz_key){str_off(&L->str, key), b->keys.lens[id], npost, (uint32_t)k->n,
                          k->alias};
        if (r->str == UINT32_MAX) return -1;
        if (k->n) memcpy(L->post + npost, k->ids, k->n * sizeof *k->ids);
        npost += (uint32_t)k->n;
        uint64_t h = pl_geo_hash(key, r->len);
        uint32_t i = (uint32_t)h & mask;
        while (L->slots[i].key) i = (i + 1) & mask;
        L->slots[i] = (pl_gaz_slot){(uint32_t)h, id};
    }
    return 0;
}

/* Ranks every key's places and sizes the sections. */
static int plan(pl_geo_builder *b, layout *L)
{
    size_t maxn = 1, npost = 0;
    for (uint32_t id = 1; id <= b->keys.count; id++)
        if (b->k[id].n > maxn) maxn = b->k[id].n;
    uint64_t *tmp = malloc(maxn * sizeof *tmp);
    if (!tmp) return -1;
    for (uint32_t id = 1; id <= b->keys.count; id++) npost += rank_ids(b, &b->k[id], tmp);
    free(tmp);
    size_t nslots = 16;
    while (nslots < 2 * b->keys.count) nslots *= 2; /* at most half full: short probes */
    if (npost >= UINT32_MAX / 8 || nslots >= UINT32_MAX / 16) return -1;
    L->h.nplaces = (uint32_t)b->nplaces;
    L->h.nkeys = (uint32_t)b->keys.count;
    L->h.nslots = (uint32_t)nslots;
    L->h.npost = (uint32_t)npost;
    L->places = calloc(b->nplaces ? b->nplaces : 1, sizeof *L->places);
    L->keys = calloc(b->keys.count ? b->keys.count : 1, sizeof *L->keys);
    L->slots = calloc(nslots, sizeof *L->slots);
    L->post = calloc(npost ? npost : 1, sizeof *L->post);
    pl_strmap_init(&L->str.map);
    if (!L->places || !L->keys || !L->slots || !L->post || pl_buf_append(&L->str.pool, "", 1))
        return -1;
    return 0;
}

static size_t align8(size_t n) { return (n + 7) & ~(size_t)7; }

/* The whole file in one buffer (free it); NULL when out of memory or too large. */
static unsigned char *assemble(pl_geo_builder *b, layout *L, size_t *size)
{
    pl_gaz_header *h = &L->h;
    h->source = str_off(&L->str, b->source ? b->source : "");
    if (h->source == UINT32_MAX) return NULL;
    h->str_len = (uint32_t)L->str.pool.len;
    size_t off = align8(sizeof *h), offs[5];
    size_t sizes[5] = {h->nplaces * sizeof(pl_gaz_place), h->nkeys * sizeof(pl_gaz_key),
                       h->nslots * sizeof(pl_gaz_slot), h->npost * sizeof(uint32_t),
                       h->str_len};
    const void *src[5] = {L->places, L->keys, L->slots, L->post, L->str.pool.data};
    for (int i = 0; i < 5; i++) {
        offs[i] = off;
        off = align8(off + sizes[i]);
    }
    if (off > UINT32_MAX) return NULL;
    unsigned char *buf = calloc(1, off);
    if (!buf) return NULL;
    for (int i = 0; i < 5; i++) memcpy(buf + offs[i], src[i], sizes[i]);
    memcpy(h->magic, PL_GAZ_MAGIC, 8);
    h->byte_order = PL_GAZ_BYTE_ORDER;
    h->version = PL_GAZ_VERSION;
    h->header_size = sizeof *h;
    h->file_size = off;
    h->off_places = (uint32_t)offs[0];
    h->off_keys = (uint32_t)offs[1];
    h->off_slots = (uint32_t)offs[2];
    h->off_post = (uint32_t)offs[3];
    h->off_str = (uint32_t)offs[4];
    h->checksum = pl_gaz_checksum(buf + sizeof *h, off - sizeof *h);
    memcpy(buf, h, sizeof *h);
    *size = off;
    return buf;
}

static void free_layout(layout *L)
{
    free(L->places);
    free(L->keys);
    free(L->slots);
    free(L->post);
    free(L->str.off);
    pl_strmap_free(&L->str.map);
    pl_buf_free(&L->str.pool);
}

static int save(const unsigned char *buf, size_t size, const char *path, char *err,
                size_t errsz)
{
    char tmp[4096];
    if (snprintf(tmp, sizeof tmp, "%s.tmp", path) >= (int)sizeof tmp) {
        snprintf(err, errsz, "%s: path too long", path);
        return -1;
    }
    FILE *f = fopen(tmp, "wb");
    int ok = f && fwrite(buf, 1, size, f) == size;
    if (f && fclose(f) != 0) ok = 0;
    if (!ok || rename(tmp, path) != 0) {
        snprintf(err, errsz, "%s: cannot write: %s", ok ? path : tmp, strerror(errno));
        remove(tmp);
        return -1;
    }
    return 0;
}

int pl_geo_builder_write(pl_geo_builder *b, const char *path, char *err, size_t errsz)
{
    layout L;
    memset(&L, 0, sizeof L);
    size_t size = 0;
    unsigned char *buf = NULL;
    if (plan(b, &L) == 0 && fill_places(b, &L) == 0 && fill_keys(b, &L) == 0)
        buf = assemble(b, &L, &size);
    free_layout(&L);
    if (!buf) {
        snprintf(err, errsz, "%s: out of memory (or more than 4 GB of gazetteer)", path);
        return -1;
    }
    int rc = save(buf, size, path, err, errsz);
    free(buf);
    return rc;
}
