/* utf8_check.h: the UTF-8 check the fuzz targets share: 1 when s[0..len) is valid UTF-8
 * (no overlong form, no surrogate, no code point above U+10FFFF) and, unless allow_nul, has
 * no NUL byte. */
#ifndef PARLEY_FUZZ_UTF8_CHECK_H
#define PARLEY_FUZZ_UTF8_CHECK_H

#include <stddef.h>

static inline int utf8_valid_nul(const unsigned char *s, size_t len, int allow_nul)
{
    size_t i = 0;
    while (i < len) {
        unsigned c = s[i];
        size_t n;
        unsigned lo = 0x80, hi = 0xBF;
        if (c == 0 && !allow_nul) return 0;
        if (c < 0x80) {
            i++;
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF) n = 2;
        else if (c >= 0xE0 && c <= 0xEF) {
            n = 3;
            if (c == 0xE0) lo = 0xA0;
            if (c == 0xED) hi = 0x9F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 4;
            if (c == 0xF0) lo = 0x90;
            if (c == 0xF4) hi = 0x8F;
        } else
            return 0;
        if (len - i < n || s[i + 1] < lo || s[i + 1] > hi) return 0;
        for (size_t k = 2; k < n; k++)
            if ((s[i + k] & 0xC0) != 0x80) return 0;
        i += n;
    }
    return 1;
}

static inline int utf8_valid(const unsigned char *s, size_t len)
{
    return utf8_valid_nul(s, len, 0);
}

#endif
