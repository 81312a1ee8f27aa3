/* arena.c: bump allocation in blocks; one reset per story instead of a free per token. */
#include "util/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct pl_arena_block {
    pl_arena_block *next;
    size_t size, used;
    _Alignas(max_align_t) unsigned char data[];
};

void pl_arena_init(pl_arena *a, size_t block_size)
{
    a->head = NULL;
    a->block_size = block_size ? block_size : 64 * 1024;
}

#ifdef PARLEY_ARENA_MALLOC
/* Sanitizer mode: each allocation is its own block, so every overrun is caught. */
void *pl_arena_alloc(pl_arena *a, size_t size)
{
    pl_arena_block *b = calloc(1, sizeof *b + (size ? size : 1));
    if (!b) return NULL;
    b->size = b->used = size;
    b->next = a->head;
    a->head = b;
    return b->data;
}
#else
void *pl_arena_alloc(pl_arena *a, size_t size)
{
    const size_t align = _Alignof(max_align_t);
    size = (size + align - 1) & ~(align - 1);
    if (size == 0) size = align;
    pl_arena_block *b = a->head;
    if (!b || b->size - b->used < size) {
        size_t bsize = size > a->block_size ? size : a->block_size;
        pl_arena_block *nb = malloc(sizeof *nb + bsize);
        if (!nb) return NULL;
        nb->size = bsize;
        nb->used = 0;
        /* A large one-off allocation goes behind the current block so the current block's
         * free space is not wasted. */
        if (b && size > a->block_size) {
            nb->next = b->next;
            b->next = nb;
        } else {
            nb->next = b;
            a->head = nb;
        }
        b = nb;
    }
    void *p = b->data + b->used;
    b->used += size;
    memset(p, 0, size);
    return p;
}
#endif

char *pl_arena_strndup(pl_arena *a, const char *s, size_t len)
{
    char *p = pl_arena_alloc(a, len + 1);
    if (!p) return NULL;
    memcpy(p, s, len);
    p[len] = 0;
    return p;
}

char *pl_arena_strdup(pl_arena *a, const char *s)
{
    return pl_arena_strndup(a, s, strlen(s));
}

char *pl_arena_printf(pl_arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) return NULL;
    char *p = pl_arena_alloc(a, (size_t)n + 1);
    if (!p) return NULL;
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

void pl_arena_reset(pl_arena *a)
{
    pl_arena_block *b = a->head;
    if (!b) return;
#ifdef PARLEY_ARENA_MALLOC
    pl_arena_free(a);
#else
    /* Keep one block of the standard size, the common case for the next story. */
    pl_arena_block *keep = NULL;
    while (b) {
        pl_arena_block *next = b->next;
        if (!keep && b->size == a->block_size) {
            keep = b;
            keep->next = NULL;
            keep->used = 0;
        } else {
            free(b);
        }
        b = next;
    }
    a->head = keep;
#endif
}

void pl_arena_free(pl_arena *a)
{
    pl_arena_block *b = a->head;
    while (b) {
        pl_arena_block *next = b->next;
        free(b);
        b = next;
    }
    a->head = NULL;
}
