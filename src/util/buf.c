/* buf.c: growable byte strings and arrays. */
#include "util/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int pl_grow(void **items, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap) return 0;
    size_t ncap = *cap ? *cap : 8;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2 / size) return -1;
        ncap *= 2;
    }
    void *p = realloc(*items, ncap * size);
    if (!p) return -1;
    *items = p;
    *cap = ncap;
    return 0;
}

int pl_buf_reserve(pl_buf *b, size_t extra)
{
    if (extra > SIZE_MAX - b->len - 1) return -1;
    if (pl_grow((void **)&b->data, &b->cap, b->len + extra + 1, 1)) return -1;
    b->data[b->len] = 0;
    return 0;
}

int pl_buf_append(pl_buf *b, const char *s, size_t len)
{
    if (pl_buf_reserve(b, len)) return -1;
    if (len) memcpy(b->data + b->len, s, len);
    b->len += len;
    b->data[b->len] = 0;
    return 0;
}

int pl_buf_putc(pl_buf *b, char c)
{
    return pl_buf_append(b, &c, 1);
}

int pl_buf_printf(pl_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || pl_buf_reserve(b, (size_t)n)) return -1;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return 0;
}

void pl_buf_free(pl_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}
