/* util.h: memory and containers shared by every stage: an arena, a growable byte buffer,
 * and two hash maps (string -> id, 64-bit key -> 32-bit value). Internal to libparley. */
#ifndef PL_UTIL_H
#define PL_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>

#define PL_HIDDEN __attribute__((visibility("hidden")))

/* ---- arena: many small allocations released together ------------------------------------
 * Built with -DPARLEY_ARENA_MALLOC every allocation is its own malloc, so sanitizers and
 * valgrind see each one. */
typedef struct pl_arena_block pl_arena_block;
typedef struct pl_arena {
    pl_arena_block *head;
    size_t block_size;
} pl_arena;

void pl_arena_init(pl_arena *a, size_t block_size);
/* Zeroed memory aligned for any type; NULL when out of memory. */
void *pl_arena_alloc(pl_arena *a, size_t size);
char *pl_arena_strndup(pl_arena *a, const char *s, size_t len);
char *pl_arena_strdup(pl_arena *a, const char *s);
char *pl_arena_printf(pl_arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Frees everything but keeps the first block for reuse. */
void pl_arena_reset(pl_arena *a);
void pl_arena_free(pl_arena *a);

/* ---- buf: a growable byte string, always NUL-terminated when data != NULL ------------------ */
typedef struct pl_buf {
    char *data;
    size_t len, cap;
} pl_buf;

/* These return 0, or -1 when out of memory (the buffer is then unchanged). */
int pl_buf_reserve(pl_buf *b, size_t extra);
int pl_buf_append(pl_buf *b, const char *s, size_t len);
int pl_buf_putc(pl_buf *b, char c);
int pl_buf_printf(pl_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static inline void pl_buf_clear(pl_buf *b) { b->len = 0; if (b->data) b->data[0] = 0; }
void pl_buf_free(pl_buf *b);

/* ---- vec: a growable array of fixed-size items ------------------------------------------- */
/* Grows *items (of *cap elements of `size` bytes) to hold at least `need`; 0 or -1 (OOM). */
int pl_grow(void **items, size_t *cap, size_t need, size_t size);
#define PL_GROW(arr, cap, need) pl_grow((void **)&(arr), &(cap), (need), sizeof *(arr))

/* ---- hashing ---------------------------------------------------------------------------- */
uint64_t pl_hash_bytes(const void *data, size_t len);

/* strmap: interns strings; ids are dense from 1 (0 means "absent"). Strings are copied. */
typedef struct pl_strmap {
    uint32_t *slots;         /* id per slot, 0 empty */
    size_t nslots;
    char **strs;             /* strs[id] */
    uint32_t *lens;
    size_t count, cap;       /* count = number of ids (ids 1..count) */
    int borrowed;            /* strings belong to someone else (pl_strmap_intern_borrowed) */
} pl_strmap;

void pl_strmap_init(pl_strmap *m);
void pl_strmap_free(pl_strmap *m);
/* The id of s, or 0 if absent. */
uint32_t pl_strmap_get(const pl_strmap *m, const char *s, size_t len);
/* The id of s, adding it if absent; 0 when out of memory. */
uint32_t pl_strmap_intern(pl_strmap *m, const char *s, size_t len);
/* The same, keeping s itself (NUL-terminated, outliving the map) instead of a copy. A map is
 * either borrowing or copying, never both: the first call decides. */
uint32_t pl_strmap_intern_borrowed(pl_strmap *m, const char *s, size_t len);
static inline const char *pl_strmap_str(const pl_strmap *m, uint32_t id) { return m->strs[id]; }

/* u64map: 64-bit keys (never UINT64_MAX) to 32-bit values. */
typedef struct pl_u64map {
    uint64_t *keys;
    uint32_t *vals;
    size_t nslots, count;
} pl_u64map;

void pl_u64map_init(pl_u64map *m);
void pl_u64map_free(pl_u64map *m);
/* 1 and *val set if found, else 0. */
int pl_u64map_get(const pl_u64map *m, uint64_t key, uint32_t *val);
/* Inserts or replaces; 0, or -1 when out of memory. */
int pl_u64map_put(pl_u64map *m, uint64_t key, uint32_t val);

#endif
