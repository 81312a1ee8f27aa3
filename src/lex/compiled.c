/* compiled.c: dictionaries saved after compiling and loaded back without parsing, tokenizing
 * or lemmatizing a single phrase. The file is an image of the compiled pl_dict: entries,
 * vocabulary, the trie's hash table as it is in memory, and the pattern index. A header names
 * the format, the byte order and the content hash of the text dictionaries it was built from;
 * a checksum over the rest rejects a damaged file. Every read is bounds-checked: a corrupt or
 * hostile file is an error, never a crash. */
#include "lex/lex.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* 2: pattern forms; 3: phrase edges with gaps; 4: TABARI's adjectives */
static const char magic[8] = {'P', 'A', 'R', 'L', 'E', 'Y', 'D', '4'};
#define BYTE_ORDER_MARK 0x01020304u
#define NO_STRING 0xFFFFFFFFu

/* ---- writing ------------------------------------------------------------------------------- */

typedef struct writer {
    pl_buf b;                /* what is being written */
    pl_strmap *strings;      /* every distinct string once: the body refers to them by id */
    pl_strmap *lists;        /* every distinct item list once (synonyms share theirs) */
    int failed;
} writer;

static void put(writer *w, const void *p, size_t n)
{
    if (!w->failed && pl_buf_append(&w->b, p, n)) w->failed = 1;
}
static void put_u8(writer *w, uint8_t v) { put(w, &v, 1); }
static void put_u32(writer *w, uint32_t v) { put(w, &v, 4); }
static void put_u64(writer *w, uint64_t v) { put(w, &v, 8); }
static void put_i64(writer *w, int64_t v) { put(w, &v, 8); }
static void put_f64(writer *w, double v) { put(w, &v, 8); }

/* A string by its id in the file's string table (59,000 patterns share a few file names). */
static void put_str(writer *w, const char *s)
{
    if (!s) {
        put_u32(w, NO_STRING);
        return;
    }
    uint32_t id = pl_strmap_intern(w->strings, s, strlen(s));
    if (!id) w->failed = 1;
    put_u32(w, id - 1);
}

/* A checksum that reads eight bytes at a time: a damaged file is caught without spending
 * the load time FNV would on megabytes. */
static uint64_t checksum(const void *data, size_t len)
{
    /* Four independent lanes, so the multiplies of one round overlap. */
    const unsigned char *p = data;
    uint64_t lane[4] = {0x9E3779B97F4A7C15ULL ^ len, 0xC2B2AE3D27D4EB4FULL, 0x165667B19E3779F9ULL,
                        0x27D4EB2F165667C5ULL};
    size_t i = 0;
    for (; i + 32 <= len; i += 32) {
        for (int k = 0; k < 4; k++) {
            uint64_t v;
            memcpy(&v, p + i + 8 * k, 8);
            lane[k] = (lane[k] ^ v) * 0xff51afd7ed558ccdULL;
            lane[k] ^= lane[k] >> 31;
        }
    }
    uint64_t h = lane[0] ^ (lane[1] * 3) ^ (lane[2] * 5) ^ (lane[3] * 7);
    return h ^ pl_hash_bytes(p + i, len - i);
}

static void put_u64map(writer *w, const pl_u64map *m)
{
    put_u64(w, m->nslots);
    put_u64(w, m->count);
    put(w, m->keys, m->nslots * sizeof *m->keys);
    put(w, m->vals, m->nslots * sizeof *m->vals);
}

/* A string map as it is in memory: its strings by id, then its slot table, so that loading
 * hashes nothing. */
static void put_strmap(writer *w, const pl_strmap *m)
{
    put_u64(w, m->count);
    put_u64(w, m->nslots);
    for (uint32_t id = 1; id <= m->count; id++) put_str(w, pl_strmap_str(m, id));
    put(w, m->slots, m->nslots * sizeof *m->slots);
}

static void put_items(writer *w, const pl_pat_item *items, uint16_t n)
{
    put_u32(w, n);
    for (uint16_t i = 0; i < n; i++) {
        put_u8(w, items[i].kind);
        put_u8(w, items[i].flags);
        put_u32(w, items[i].id);
        put_str(w, items[i].stem);
        put_items(w, items[i].alts, items[i].nalts);
    }
}

/* An item list by its id in the file's table of lists: TABARI and PETRARCH give every
 * synonym of a verb the same items, so 59,000 patterns share a few thousand lists. */
static void put_item_list(writer *w, const pl_pat_item *items, uint16_t n)
{
    writer one = {{0}, w->strings, w->lists, 0};
    put_items(&one, items, n);
    uint32_t id = one.failed ? 0 : pl_strmap_intern(w->lists, one.b.data, one.b.len);
    if (!id) w->failed = 1;
    put_u32(w, id - 1);
    pl_buf_free(&one.b);
}

static void put_actors(writer *w, const pl_dict *d)
{
    put_u64(w, d->nactors);
    for (size_t i = 0; i < d->nactors; i++) {
        const pl_actor_entry *a = &d->actors[i];
        put_str(w, a->id);
        put_str(w, a->type);
        put_str(w, a->country);
        put_u8(w, a->kind);
        put_str(w, a->file);
        put_i64(w, a->line);
        put_u64(w, a->ncodes);
        for (size_t k = 0; k < a->ncodes; k++) {
            put_str(w, a->codes[k].code);
            put_u32(w, (uint32_t)a->codes[k].from);
            put_u32(w, (uint32_t)a->codes[k].to);
        }
    }
}

static void put_verbs(writer *w, const pl_dict *d)
{
    put_u64(w, d->nverbs);
    for (size_t i = 0; i < d->nverbs; i++) {
        const pl_verb_pattern *v = &d->verbs[i];
        put_str(w, v->code);
        put_str(w, v->code2);
        put_str(w, v->text);
        put_str(w, v->file);
        put_i64(w, v->line);
        put_u32(w, v->verb);
        put_u32(w, v->form);
        put_u8(w, v->joint);
        put_u8(w, v->noun);
        put_u8(w, v->gaps);
        put_u8(w, v->default_target);
        put_u32(w, v->rank);
        put_u32(w, v->key);
        put_item_list(w, v->before, v->nbefore);
        put_item_list(w, v->after, v->nafter);
    }
}

/* ---- the lemma forms a compiled file carries instead of WordNet ----------------------------- */

typedef struct forms {
    pl_dict *d;              /* only its lemmatizer is used; the dictionary is not changed */
    pl_strmap map;
    uint32_t *lemma;
    size_t cap;
} forms;

/* Keeps `form` when it is not a dictionary word itself and its lemma is one. */
static int try_form(forms *f, const char *form, size_t len)
{
    const pl_dict *d = f->d;
    if (pl_strmap_get(&d->vocab, form, len) || pl_strmap_get(&f->map, form, len)) return 0;
    const char *lemma = pl_lemma(d->lemmatizer, form, len);
    uint32_t lid = lemma ? pl_strmap_get(&d->vocab, lemma, strlen(lemma)) : 0;
    if (!lid) return lemma ? 0 : -1;
    uint32_t id = pl_strmap_intern(&f->map, form, len);
    if (!id || PL_GROW(f->lemma, f->cap, (size_t)id + 1)) return -1;
    f->lemma[id] = lid;
    return 0;
}

/* The regular inflections of a word, by WordNet's detachment rules read backwards. */
static int inflect(forms *f, const char *w)
{
    static const char *endings[] = {"s", "es", "d", "ed", "ing"};
    char buf[64];
    size_t n = strlen(w);
    if (n < 2 || n > 40) return 0;
    for (size_t i = 0; i < sizeof endings / sizeof *endings; i++) {
        snprintf(buf, sizeof buf, "%s%s", w, endings[i]);
        if (try_form(f, buf, strlen(buf))) return -1;
    }
    const char *swaps[][2] = {{"e", "ing"}, {"y", "ies"}, {"y", "ied"}, {"man", "men"}};
    for (size_t i = 0; i < sizeof swaps / sizeof *swaps; i++) {
        size_t k = strlen(swaps[i][0]);
        if (n <= k || strcmp(w + n - k, swaps[i][0])) continue;
        snprintf(buf, sizeof buf, "%.*s%s", (int)(n - k), w, swaps[i][1]);
        if (try_form(f, buf, strlen(buf))) return -1;
    }
    snprintf(buf, sizeof buf, "%s%ced", w, w[n - 1]); /* "planned" */
    if (try_form(f, buf, strlen(buf))) return -1;
    snprintf(buf, sizeof buf, "%s%cing", w, w[n - 1]);
    return try_form(f, buf, strlen(buf));
}

static int exception_form(void *arg, const char *form, const char *base)
{
    (void)base;
    return try_form(arg, form, strlen(form));
}

static int collect_forms(forms *f)
{
    const pl_dict *d = f->d;
    for (uint32_t id = 1; id <= d->vocab.count; id++)
        if (inflect(f, pl_strmap_str(&d->vocab, id))) return -1;
    return pl_lemma_exceptions(d->lemmatizer, exception_form, f);
}

static void put_forms(writer *w, const pl_strmap *map, const uint32_t *lemma)
{
    put_strmap(w, map);
    for (uint32_t id = 1; id <= map->count; id++) put_u32(w, lemma[id]);
}

static void put_tables(writer *w, const pl_dict *d)
{
    put_strmap(w, &d->vocab);
    put(w, d->lemma_of, (d->vocab.count + 1) * sizeof *d->lemma_of);
    put_actors(w, d);
    put_strmap(w, &d->actor_ids);
    put_u64(w, d->nagents);
    for (size_t i = 0; i < d->nagents; i++) {
        put_str(w, d->agents[i].code);
        put_str(w, d->agents[i].text);
    }
    put_verbs(w, d);
    put_u64(w, d->nevents);
    for (size_t i = 0; i < d->nevents; i++) {
        const pl_event_code *e = &d->events[i];
        put_str(w, e->code);
        put_str(w, e->name);
        put_f64(w, e->goldstein);
        put_u32(w, (uint32_t)e->quad);
        put_str(w, e->plover);
        put_str(w, e->plover_mode);
    }
    put_strmap(w, &d->event_ids);
    put_strmap(w, &d->adjectives);
    put_u64(w, d->nphrases);
    put(w, d->phrases, d->nphrases * sizeof *d->phrases);
    put_u32(w, d->nnodes);
    put(w, d->node_phrase, ((size_t)d->nnodes + 1) * sizeof *d->node_phrase);
    put_u64map(w, &d->edges);
    put_u64map(w, &d->gap_edges);
    put_u64map(w, &d->verb_index);
    put_u64map(w, &d->key_index);
    const uint64_t counts[] = {d->nroots, d->discards, d->plover_maps, d->warnings, d->errors,
                               d->unsupported};
    for (size_t i = 0; i < sizeof counts / sizeof *counts; i++) put_u64(w, counts[i]);
}

parley_status pl_dict_save(const pl_dict *d, const char *path, pl_buf *msg)
{
    if (!d->compiled) {
        pl_buf_printf(msg, "dictionaries must be compiled before they are saved");
        return PARLEY_EINVAL;
    }
    forms f = {(pl_dict *)d, {0}, NULL, 0};
    pl_strmap_init(&f.map);
    if (!d->from_compiled && (!d->lemmatizer || collect_forms(&f))) {
        pl_strmap_free(&f.map);
        free(f.lemma);
        pl_buf_printf(msg, "cannot list the word forms (WordNet's data, or memory)");
        return PARLEY_ENOMEM;
    }
    pl_strmap strings, lists;
    pl_strmap_init(&strings);
    pl_strmap_init(&lists);
    writer w = {{0}, &strings, &lists, 0};
    put_tables(&w, d);
    if (d->from_compiled) put_forms(&w, &d->forms, d->form_lemma);
    else put_forms(&w, &f.map, f.lemma);
    pl_strmap_free(&f.map);
    free(f.lemma);
    /* The file: header, strings, item lists, body; the checksum covers all but the header. */
    writer file = {{0}, NULL, NULL, 0};
    put(&file, magic, sizeof magic);
    put_u32(&file, BYTE_ORDER_MARK);
    put_u64(&file, d->content_hash);
    put_u64(&file, 0);
    size_t covered = file.b.len;
    const pl_strmap *tables[] = {&strings, &lists};
    for (int t = 0; t < 2; t++) {
        put_u64(&file, tables[t]->count);
        for (uint32_t id = 1; id <= tables[t]->count; id++) {
            put_u32(&file, tables[t]->lens[id]);
            put(&file, pl_strmap_str(tables[t], id), tables[t]->lens[id]);
        }
    }
    put(&file, w.b.data, w.b.len);
    pl_strmap_free(&strings);
    pl_strmap_free(&lists);
    pl_buf_free(&w.b);
    if (w.failed || file.failed) {
        pl_buf_free(&file.b);
        return PARLEY_ENOMEM;
    }
    uint64_t sum = checksum(file.b.data + covered, file.b.len - covered);
    memcpy(file.b.data + covered - 8, &sum, 8);
    FILE *out = fopen(path, "wb");
    int ok = out && fwrite(file.b.data, 1, file.b.len, out) == file.b.len;
    if (out && fclose(out) != 0) ok = 0;
    pl_buf_free(&file.b);
    if (!ok) {
        pl_buf_printf(msg, "%s: cannot write the compiled dictionaries", path);
        return PARLEY_EIO;
    }
    return PARLEY_OK;
}

int pl_dict_is_compiled_file(const char *data, size_t len)
{
    return len >= sizeof magic && !memcmp(data, magic, sizeof magic);
}

/* ---- reading ------------------------------------------------------------------------------- */

typedef struct reader {
    const unsigned char *p, *end;
    pl_dict *d;
    int bad;
    const char **strings;    /* the string table, copied once into the arena */
    uint32_t nstrings;
    const pl_pat_item **lists; /* the item lists, read once */
    uint16_t *list_n;
    uint32_t nlists;
} reader;

static int take(reader *r, void *out, size_t n)
{
    if (r->bad || (size_t)(r->end - r->p) < n) {
        r->bad = 1;
        memset(out, 0, n);
        return -1;
    }
    memcpy(out, r->p, n);
    r->p += n;
    return 0;
}
static uint8_t get_u8(reader *r) { uint8_t v; take(r, &v, 1); return v; }
static uint32_t get_u32(reader *r) { uint32_t v; take(r, &v, 4); return v; }
static uint64_t get_u64(reader *r) { uint64_t v; take(r, &v, 8); return v; }
static int64_t get_i64(reader *r) { int64_t v; take(r, &v, 8); return v; }
static double get_f64(reader *r) { double v; take(r, &v, 8); return v; }

/* A count of items of `size` bytes each that the rest of the file could hold. */
static size_t get_count(reader *r, size_t size)
{
    uint64_t n = get_u64(r);
    if (r->bad || (size && n > (uint64_t)(r->end - r->p) / size)) {
        r->bad = 1;
        return 0;
    }
    return (size_t)n;
}

static const char *get_str(reader *r)
{
    uint32_t id = get_u32(r);
    if (r->bad || id == NO_STRING) return NULL;
    if (id >= r->nstrings) {
        r->bad = 1;
        return NULL;
    }
    return r->strings[id];
}

/* The string table: one block of NUL-terminated strings and an index into it. */
static void get_strings(reader *r)
{
    size_t n = get_count(r, 4);
    const unsigned char *start = r->p;
    size_t bytes = 0;
    for (size_t i = 0; i < n && !r->bad; i++) {
        uint32_t len = get_u32(r);
        if (r->bad || len > (size_t)(r->end - r->p)) {
            r->bad = 1;
            return;
        }
        r->p += len;
        bytes += len + 1;
    }
    if (r->bad) return;
    char *block = pl_arena_alloc(&r->d->arena, bytes + 1);
    r->strings = pl_arena_alloc(&r->d->arena, (n + 1) * sizeof *r->strings);
    if (!block || !r->strings) {
        r->bad = 1;
        return;
    }
    const unsigned char *p = start;
    for (size_t i = 0; i < n; i++) {
        uint32_t len;
        memcpy(&len, p, 4);
        memcpy(block, p + 4, len);
        block[len] = 0;
        r->strings[i] = block;
        block += len + 1;
        p += 4 + len;
    }
    r->nstrings = (uint32_t)n;
}

/* An array of `n` fixed-size items, copied into memory the caller frees. */
static void *get_array(reader *r, size_t n, size_t size)
{
    if (r->bad || n > (size_t)(r->end - r->p) / (size ? size : 1)) {
        r->bad = 1;
        return NULL;
    }
    void *a = malloc(n * size + 1);
    if (!a) {
        r->bad = 1;
        return NULL;
    }
    take(r, a, n * size);
    return a;
}

static void get_u64map(reader *r, pl_u64map *m)
{
    size_t nslots = get_count(r, 12), count = get_count(r, 0);
    if (r->bad || (nslots & (nslots - 1)) || count >= nslots + (nslots == 0)) {
        r->bad = 1;
        return;
    }
    m->keys = get_array(r, nslots, sizeof *m->keys);
    m->vals = get_array(r, nslots, sizeof *m->vals);
    m->nslots = nslots;
    m->count = count;
    /* An empty slot must exist, or a lookup of a missing key would never stop. */
    if (!r->bad && nslots && count >= nslots) r->bad = 1;
}

static const pl_pat_item *get_items(reader *r, uint16_t *n, int depth)
{
    static const pl_pat_item none[1];
    uint32_t count = get_u32(r);
    if (r->bad || count > 1024 || depth > 2) {
        r->bad = 1;
        return NULL;
    }
    *n = 0;
    if (count == 0) return none; /* most items have no alternatives: no allocation */
    pl_pat_item *items = pl_arena_alloc(&r->d->arena, (count ? count : 1) * sizeof *items);
    if (!items) {
        r->bad = 1;
        return NULL;
    }
    for (uint32_t i = 0; i < count && !r->bad; i++) {
        items[i].kind = get_u8(r);
        items[i].flags = get_u8(r);
        items[i].id = get_u32(r);
        items[i].stem = get_str(r);
        items[i].alts = get_items(r, &items[i].nalts, depth + 1);
        if ((items[i].flags & PL_IF_STEM) && !items[i].stem) r->bad = 1;
    }
    *n = (uint16_t)count;
    return items;
}

/* A string map image (put_strmap) into an empty map; its strings stay in the table. */
static void get_strmap(reader *r, pl_strmap *m)
{
    size_t n = get_count(r, 4), nslots = get_count(r, 0);
    if (r->bad || (n && nslots < 2 * n + 1) || (nslots & (nslots - 1)) || nslots > (1u << 30)) {
        r->bad = 1;
        return;
    }
    m->strs = malloc((n + 1) * sizeof *m->strs);
    m->lens = malloc((n + 1) * sizeof *m->lens);
    if (!m->strs || !m->lens) {
        r->bad = 1;
        return;
    }
    m->cap = n + 1;
    m->borrowed = 1;
    m->strs[0] = NULL;
    m->lens[0] = 0;
    for (size_t id = 1; id <= n && !r->bad; id++) {
        m->strs[id] = (char *)get_str(r);
        m->lens[id] = m->strs[id] ? (uint32_t)strlen(m->strs[id]) : 0;
        if (!m->strs[id]) r->bad = 1;
        m->count = id;
    }
    m->slots = get_array(r, nslots, sizeof *m->slots);
    m->nslots = r->bad ? 0 : nslots;
    /* Every slot names an id that exists, and empty slots remain (so probing stops). */
    for (size_t i = 0; !r->bad && i < nslots; i++)
        if (m->slots[i] > n) r->bad = 1;
}

/* The table of item lists: each parsed once; patterns then point at them. */
static void get_item_lists(reader *r)
{
    size_t n = get_count(r, 4);
    if (r->bad) return;
    r->lists = pl_arena_alloc(&r->d->arena, (n + 1) * sizeof *r->lists);
    r->list_n = pl_arena_alloc(&r->d->arena, (n + 1) * sizeof *r->list_n);
    if (!r->lists || !r->list_n) {
        r->bad = 1;
        return;
    }
    for (size_t i = 0; i < n && !r->bad; i++) {
        uint32_t len = get_u32(r);
        if (r->bad || len > (size_t)(r->end - r->p)) {
            r->bad = 1;
            return;
        }
        reader one = *r;
        one.end = r->p + len;
        r->lists[i] = get_items(&one, &r->list_n[i], 0);
        if (one.bad || one.p != one.end) r->bad = 1;
        r->p += len;
    }
    r->nlists = (uint32_t)n;
}

static const pl_pat_item *get_item_list(reader *r, uint16_t *n)
{
    uint32_t id = get_u32(r);
    if (r->bad || id >= r->nlists) {
        r->bad = 1;
        *n = 0;
        return NULL;
    }
    *n = r->list_n[id];
    return r->lists[id];
}

static void get_actors(reader *r)
{
    pl_dict *d = r->d;
    size_t n = get_count(r, 20);
    if (r->bad || PL_GROW(d->actors, d->actors_cap, n + 1)) {
        r->bad = 1;
        return;
    }
    for (size_t i = 0; i < n && !r->bad; i++) {
        pl_actor_entry *a = &d->actors[i];
        memset(a, 0, sizeof *a);
        d->nactors = i + 1;
        a->id = get_str(r);
        a->type = get_str(r);
        a->country = get_str(r);
        a->kind = get_u8(r);
        a->file = get_str(r);
        a->line = (long)get_i64(r);
        size_t nc = get_count(r, 12);
        /* In the arena, not one malloc per entry (pl_dict_free knows: from_compiled). */
        a->codes = r->bad ? NULL : pl_arena_alloc(&d->arena, (nc + 1) * sizeof *a->codes);
        a->codes_cap = nc + 1;
        if (!a->id || !a->type || !a->codes) {
            r->bad = 1;
            return;
        }
        for (size_t k = 0; k < nc && !r->bad; k++) {
            a->codes[k].code = get_str(r);
            a->codes[k].from = (int32_t)get_u32(r);
            a->codes[k].to = (int32_t)get_u32(r);
            if (!a->codes[k].code) r->bad = 1;
        }
        a->ncodes = nc;
    }
    /* The ID map, as written: entry IDs by index + 1. */
    get_strmap(r, &d->actor_ids);
    if (!r->bad && d->actor_ids.count != d->nactors) r->bad = 1;
}

static void get_verbs(reader *r)
{
    pl_dict *d = r->d;
    size_t n = get_count(r, 30);
    if (r->bad || PL_GROW(d->verbs, d->verbs_cap, n + 1)) {
        r->bad = 1;
        return;
    }
    for (size_t i = 0; i < n && !r->bad; i++) {
        pl_verb_pattern *v = &d->verbs[i];
        memset(v, 0, sizeof *v);
        v->code = get_str(r);
        v->code2 = get_str(r);
        v->text = get_str(r);
        v->file = get_str(r);
        v->line = (long)get_i64(r);
        v->verb = get_u32(r);
        v->form = get_u32(r);
        v->joint = get_u8(r);
        v->noun = get_u8(r);
        v->gaps = get_u8(r);
        v->default_target = get_u8(r);
        v->rank = get_u32(r);
        v->key = get_u32(r);
        v->before = get_item_list(r, &v->nbefore);
        v->after = get_item_list(r, &v->nafter);
        if (!v->code || !v->text || !v->file) r->bad = 1;
        d->nverbs = i + 1;
    }
}

static void get_entries(reader *r)
{
    pl_dict *d = r->d;
    size_t n = get_count(r, 8);
    if (r->bad || PL_GROW(d->agents, d->agents_cap, n + 1)) {
        r->bad = 1;
        return;
    }
    for (size_t i = 0; i < n && !r->bad; i++) {
        d->agents[i].code = get_str(r);
        d->agents[i].text = get_str(r);
        if (!d->agents[i].code || !d->agents[i].text) r->bad = 1;
        d->nagents = i + 1;
    }
    get_verbs(r);
    n = get_count(r, 24);
    if (r->bad || PL_GROW(d->events, d->events_cap, n + 1)) {
        r->bad = 1;
        return;
    }
    for (size_t i = 0; i < n && !r->bad; i++) {
        pl_event_code *e = &d->events[i];
        e->code = get_str(r);
        e->name = get_str(r);
        e->goldstein = get_f64(r);
        e->quad = (int)get_u32(r);
        e->plover = get_str(r);
        e->plover_mode = get_str(r);
        d->nevents = i + 1;
        if (!e->code || !e->name) r->bad = 1;
    }
    get_strmap(r, &d->event_ids);
    get_strmap(r, &d->adjectives);
    if (!r->bad && d->event_ids.count != d->nevents) r->bad = 1;
}

static void get_vocab(reader *r)
{
    pl_dict *d = r->d;
    get_strmap(r, &d->vocab);
    size_t n = d->vocab.count;
    d->lemma_of = get_array(r, n + 1, sizeof *d->lemma_of);
    d->lemma_cap = r->bad ? 0 : n + 1;
}

static void get_trie(reader *r)
{
    pl_dict *d = r->d;
    size_t n = get_count(r, sizeof *d->phrases);
    d->phrases = get_array(r, n, sizeof *d->phrases);
    d->nphrases = d->phrases_cap = r->bad ? 0 : n;
    d->nnodes = get_u32(r);
    d->node_phrase = get_array(r, (size_t)d->nnodes + 1, sizeof *d->node_phrase);
    d->node_phrase_cap = r->bad ? 0 : (size_t)d->nnodes + 1;
    get_u64map(r, &d->edges);
    get_u64map(r, &d->gap_edges);
    get_u64map(r, &d->verb_index);
    get_u64map(r, &d->key_index);
    d->nroots = get_count(r, 0);
    d->discards = get_count(r, 0);
    d->plover_maps = get_count(r, 0);
    d->warnings = get_count(r, 0);
    d->errors = get_count(r, 0);
    d->unsupported = get_count(r, 0);
}

static void get_forms(reader *r)
{
    pl_dict *d = r->d;
    get_strmap(r, &d->forms);
    size_t n = d->forms.count, cap = 0;
    if (r->bad || PL_GROW(d->form_lemma, cap, n + 1)) {
        r->bad = 1;
        return;
    }
    for (size_t id = 1; id <= n && !r->bad; id++) {
        d->form_lemma[id] = get_u32(r);
        if (d->form_lemma[id] > d->vocab.count) r->bad = 1;
    }
}

static int items_valid(const pl_pat_item *items, uint16_t n, size_t vocab)
{
    for (uint16_t i = 0; i < n; i++) {
        if (items[i].kind < PL_IT_WORD || items[i].kind > PL_IT_ANY || items[i].id > vocab ||
            !items_valid(items[i].alts, items[i].nalts, vocab))
            return 0;
    }
    return 1;
}

/* Every index the coder follows without checking must be in range. */
static int references_valid(const pl_dict *d)
{
    size_t vocab = d->vocab.count;
    for (size_t i = 0; i <= vocab; i++)
        if (d->lemma_of[i] > vocab) return 0;
    for (size_t p = 0; p < d->nphrases; p++) {
        const pl_phrase *x = &d->phrases[p];
        if (x->next >= d->nphrases || (p && (x->kind < PL_PH_NAME || x->kind > PL_PH_DISCARD_STORY)))
            return 0;
        if (p && x->kind <= PL_PH_PLACE && x->entry >= d->nactors) return 0;
        if (p && x->kind == PL_PH_AGENT && x->entry >= d->nagents) return 0;
    }
    for (size_t i = 0; i <= d->nnodes; i++)
        if (d->node_phrase[i] >= d->nphrases) return 0;
    for (size_t i = 0; i < d->edges.nslots; i++)
        if (d->edges.keys[i] != UINT64_MAX && d->edges.vals[i] > d->nnodes) return 0;
    for (size_t i = 0; i < d->gap_edges.nslots; i++)
        if (d->gap_edges.keys[i] != UINT64_MAX && d->gap_edges.vals[i] > d->nnodes) return 0;
    for (size_t i = 0; i < d->verb_index.nslots; i++)
        if (d->verb_index.keys[i] != UINT64_MAX && d->verb_index.vals[i] >= d->nverbs) return 0;
    for (size_t i = 0; i < d->key_index.nslots; i++)
        if (d->key_index.keys[i] != UINT64_MAX && d->key_index.vals[i] >= d->nverbs) return 0;
    for (size_t i = 0; i < d->nverbs; i++) {
        const pl_verb_pattern *v = &d->verbs[i];
        if (v->verb > vocab || v->form > vocab || !items_valid(v->before, v->nbefore, vocab) ||
            !items_valid(v->after, v->nafter, vocab))
            return 0;
    }
    for (size_t i = 0; i < d->nactors; i++)
        if (d->actors[i].kind > PL_ACTOR_PERSON) return 0;
    return 1;
}

parley_status pl_dict_load_compiled(pl_dict *d, const char *name, const char *data, size_t len,
                                    pl_buf *msg)
{
    if (d->nactors || d->nverbs || d->nagents || d->nevents || d->nphrases > 1 || d->compiled) {
        pl_buf_printf(msg, "%s: a compiled dictionary must be loaded alone", name);
        return PARLEY_EINVAL;
    }
    reader r = {.p = (const unsigned char *)data + sizeof magic,
                .end = (const unsigned char *)data + len,
                .d = d};
    uint32_t bom = get_u32(&r);
    uint64_t hash = get_u64(&r), sum = get_u64(&r);
    if (r.bad || bom != BYTE_ORDER_MARK ||
        sum != checksum(r.p, (size_t)(r.end - r.p))) {
        pl_buf_printf(msg, "%s: damaged compiled dictionary (or built on another kind of machine)",
                      name);
        return PARLEY_EDICT;
    }
    free(d->phrases);
    d->phrases = NULL;
    d->nphrases = d->phrases_cap = 0;
    /* From here the dictionary holds arena memory the text loaders do not expect: it takes
     * nothing else, even when this load fails. */
    d->from_compiled = 1;
    get_strings(&r);
    get_item_lists(&r);
    get_vocab(&r);
    if (!r.bad) pl_dict_find_stems(d);
    get_actors(&r);
    get_entries(&r);
    get_trie(&r);
    get_forms(&r);
    if (r.bad || r.p != r.end || d->nphrases == 0 || !references_valid(d)) {
        pl_buf_printf(msg, "%s: malformed compiled dictionary", name);
        return PARLEY_EDICT;
    }
    d->content_hash = hash;
    snprintf(d->hash_hex, sizeof d->hash_hex, "%016llx", (unsigned long long)hash);
    d->compiled = 1;
    return PARLEY_OK;
}
