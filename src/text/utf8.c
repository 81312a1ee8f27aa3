/* utf8.c: UTF-8 validation and repair. Readers call this once per story, so every later
 * stage may assume valid UTF-8. */
#include "text/text.h"

/* Length of the valid UTF-8 sequence at s[0..len), or 0 if it is invalid (overlong forms,
 * surrogates and code points above U+10FFFF are invalid; so is NUL, which would cut C
 * strings short). */
static size_t valid_sequence(const unsigned char *s, size_t len)
{
    unsigned char c = s[0];
    if (c == 0) return 0;
    if (c < 0x80) return 1;
    size_t n;
    unsigned min_second = 0x80, max_second = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) n = 2;
    else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        if (c == 0xE0) min_second = 0xA0;
        if (c == 0xED) max_second = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        if (c == 0xF0) min_second = 0x90;
        if (c == 0xF4) max_second = 0x8F;
    } else
        return 0;
    if (len < n) return 0;
    if (s[1] < min_second || s[1] > max_second) return 0;
    for (size_t i = 2; i < n; i++)
        if ((s[i] & 0xC0) != 0x80) return 0;
    return n;
}

long pl_utf8_repair(pl_buf *out, const char *s, size_t len, size_t *first_bad)
{
    static const char replacement[] = "\xEF\xBF\xBD";
    const unsigned char *p = (const unsigned char *)s;
    long bad = 0;
    size_t run = 0; /* start of the current run of valid bytes */
    if (pl_buf_reserve(out, len)) return -1;
    for (size_t i = 0; i < len;) {
        size_t n = valid_sequence(p + i, len - i);
        if (n) {
            i += n;
            continue;
        }
        if (pl_buf_append(out, s + run, i - run) || pl_buf_append(out, replacement, 3))
            return -1;
        if (bad == 0 && first_bad) *first_bad = i;
        bad++;
        /* Skip the lead byte and any continuation bytes that follow it: one U+FFFD per
         * broken sequence. */
        i++;
        while (i < len && (p[i] & 0xC0) == 0x80) i++;
        run = i;
    }
    if (pl_buf_append(out, s + run, len - run)) return -1;
    return bad;
}
