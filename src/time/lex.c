/* lex.c: the time scanner's tokens and keywords. Works on raw UTF-8 bytes: ASCII words are
 * matched case-insensitively; any other letter makes its word TK_OTHER (never a keyword);
 * Unicode spaces, dashes and quotes count as their ASCII counterparts. Keywords are found by
 * packing a word's first eight lower-case letters into an integer and switching on it, so a
 * word costs a few compares: the scanner runs on every sentence. */
#include <string.h>

#include "time/time_int.h"

/* ---- keywords ---------------------------------------------------------------------------- */

#define W1(a) ((uint64_t)(a))
#define W2(a, b) (W1(a) | (uint64_t)(b) << 8)
#define W3(a, b, c) (W2(a, b) | (uint64_t)(c) << 16)
#define W4(a, b, c, d) (W3(a, b, c) | (uint64_t)(d) << 24)
#define W5(a, b, c, d, e) (W4(a, b, c, d) | (uint64_t)(e) << 32)
#define W6(a, b, c, d, e, f) (W5(a, b, c, d, e) | (uint64_t)(f) << 40)
#define W7(a, b, c, d, e, f, g) (W6(a, b, c, d, e, f) | (uint64_t)(g) << 48)
#define W8(a, b, c, d, e, f, g, h) (W7(a, b, c, d, e, f, g) | (uint64_t)(h) << 56)

/* A lookup result: keyword id, flags, value. */
#define R(kw, f, v) ((uint32_t)(kw) | (uint32_t)(f) << 8 | (uint32_t)(v) << 16)
#define NUMW(v) R(KW_NUMBER, 0, v)
#define MON(m, f) R(KW_JAN + (m) - 1, f, 0)
#define TRIG(kw) R(kw, KF_TRIGGER, 0)
#define DET(kw) R(kw, KF_DET, 0)

static uint32_t kw_short(uint64_t k)
{
    switch (k) {
    case W1('a'): return R(KW_A, KF_DET, 1);
    case W2('a', 'n'): return R(KW_A, KF_DET, 1);
    case W2('t', 'o'): return R(KW_TO, 0, 0);
    case W2('o', 'f'): return R(KW_OF, 0, 0);
    case W2('o', 'n'): return R(KW_ON, 0, 0);
    case W2('i', 'n'): return TRIG(KW_IN);
    case W2('o', 'r'): return R(KW_OR, 0, 0);
    case W2('b', 'y'): return TRIG(KW_BY);
    case W2('a', 't'): return R(KW_AT, 0, 0);
    case W2('l', 'l'): return R(KW_LL, 0, 0);
    case W2('b', 'e'): return R(KW_BE, 0, 0);
    case W2('i', 's'): case W2('a', 'm'): return R(KW_IS, 0, 0);
    case W2('m', 'y'): return DET(KW_DET);
    default: return 0;
    }
}

static uint32_t kw_len3(uint64_t k)
{
    switch (k) {
    case W3('j', 'a', 'n'): return MON(1, KF_ABBR);
    case W3('f', 'e', 'b'): return MON(2, KF_ABBR);
    case W3('m', 'a', 'r'): return MON(3, KF_ABBR);
    case W3('a', 'p', 'r'): return MON(4, KF_ABBR);
    case W3('m', 'a', 'y'): return MON(5, KF_AMBIG);
    case W3('j', 'u', 'n'): return MON(6, KF_ABBR);
    case W3('j', 'u', 'l'): return MON(7, KF_ABBR);
    case W3('a', 'u', 'g'): return MON(8, KF_ABBR);
    case W3('s', 'e', 'p'): return MON(9, KF_ABBR);
    case W3('o', 'c', 't'): return MON(10, KF_ABBR);
    case W3('n', 'o', 'v'): return MON(11, KF_ABBR);
    case W3('d', 'e', 'c'): return MON(12, KF_ABBR);
    case W3('d', 'a', 'y'): return R(KW_DAY, 0, 0);
    case W3('a', 'g', 'o'): return R(KW_AGO, 0, 0);
    case W3('e', 'n', 'd'): return R(KW_END, 0, 0);
    case W3('m', 'i', 'd'): return R(KW_MID, 0, 0);
    case W3('t', 'h', 'e'): return DET(KW_THE);
    case W3('a', 'n', 'd'): return R(KW_AND, 0, 0);
    case W3('f', 'o', 'r'): return R(KW_FOR, 0, 0);
    case W3('a', 'r', 'e'): return R(KW_IS, 0, 0);
    case W3('o', 'n', 'e'): return NUMW(1);
    case W3('t', 'w', 'o'): return NUMW(2);
    case W3('s', 'i', 'x'): return NUMW(6);
    case W3('t', 'e', 'n'): return NUMW(10);
    case W3('i', 't', 's'): case W3('h', 'i', 's'): case W3('h', 'e', 'r'):
    case W3('o', 'u', 'r'): return DET(KW_DET);
    case W3('w', 'a', 's'): case W3('h', 'a', 'd'): case W3('d', 'i', 'd'):
    case W3('m', 'e', 't'): case W3('s', 'a', 'w'): return R(KW_PAST_VERB, 0, 0);
    case W3('w', 'o', 'n'): return R(KW_WON, 0, 0);
    case W3('s', 'e', 't'): return R(KW_SET, 0, 0);
    case W3('a', 'c', 't'): case W3('l', 'a', 'w'): case W3('w', 'a', 'r'):
        return R(KW_NAME_OF, 0, 0);
    case W3('a', 's', 'h'): case W3('f', 'a', 't'): return R(KW_HOLIDAY, 0, 0);
    default: return 0;
    }
}

static uint32_t kw_len4(uint64_t k)
{
    switch (k) {
    case W4('d', 'a', 'y', 's'): return R(KW_DAY, KF_PLURAL, 0);
    case W4('w', 'e', 'e', 'k'): return R(KW_WEEK, 0, 0);
    case W4('y', 'e', 'a', 'r'): return R(KW_YEAR, 0, 0);
    case W4('j', 'u', 'n', 'e'): return MON(6, 0);
    case W4('j', 'u', 'l', 'y'): return MON(7, 0);
    case W4('s', 'e', 'p', 't'): return MON(9, KF_ABBR);
    case W4('l', 'a', 's', 't'): return R(KW_LAST, 0, 0);
    case W4('t', 'h', 'i', 's'): return R(KW_THIS, KF_DET, 0);
    case W4('n', 'e', 'x', 't'): return R(KW_NEXT, 0, 0);
    case W4('p', 'a', 's', 't'): return R(KW_PAST, 0, 0);
    case W4('l', 'a', 't', 'e'): return R(KW_LATE, 0, 0);
    case W4('f', 'r', 'o', 'm'): return TRIG(KW_FROM);
    case W4('t', 'i', 'l', 'l'): return TRIG(KW_UNTIL);
    case W4('t', 'h', 'r', 'u'): return TRIG(KW_THROUGH);
    case W4('o', 'v', 'e', 'r'): return R(KW_OVER, 0, 0);
    case W4('t', 'i', 'm', 'e'): return R(KW_TIME, 0, 0);
    case W4('f', 'o', 'u', 'r'): return NUMW(4);
    case W4('f', 'i', 'v', 'e'): return NUMW(5);
    case W4('n', 'i', 'n', 'e'): return NUMW(9);
    case W4('t', 'h', 'a', 't'): case W4('y', 'o', 'u', 'r'): case W4('e', 'a', 'c', 'h'):
        return DET(KW_DET);
    case W4('w', 'i', 'l', 'l'): return R(KW_WILL, 0, 0);
    case W4('p', 'l', 'a', 'n'): return R(KW_PLAN, 0, 0);
    case W4('h', 'e', 'l', 'd'): return R(KW_HELD, 0, 0);
    case W4('b', 'e', 'e', 'n'): return R(KW_IS, 0, 0);
    case W4('w', 'e', 'r', 'e'): case W4('s', 'a', 'i', 'd'): case W4('w', 'e', 'n', 't'):
    case W4('c', 'a', 'm', 'e'): case W4('l', 'e', 'f', 't'): case W4('t', 'o', 'l', 'd'):
    case W4('g', 'a', 'v', 'e'): case W4('t', 'o', 'o', 'k'): case W4('m', 'a', 'd', 'e'):
    case W4('s', 'e', 'n', 't'): case W4('f', 'l', 'e', 'd'):
        return R(KW_PAST_VERB, 0, 0);
    case W4('g', 'o', 'o', 'd'): case W4('h', 'o', 'l', 'y'): case W4('p', 'a', 'l', 'm'):
    case W4('w', 'h', 'i', 't'): return R(KW_HOLIDAY, 0, 0);
    default: return 0;
    }
}

static uint32_t kw_len5(uint64_t k)
{
    switch (k) {
    case W5('w', 'e', 'e', 'k', 's'): return R(KW_WEEK, KF_PLURAL, 0);
    case W5('m', 'o', 'n', 't', 'h'): return R(KW_MONTH, 0, 0);
    case W5('y', 'e', 'a', 'r', 's'): return R(KW_YEAR, KF_PLURAL, 0);
    case W5('m', 'a', 'r', 'c', 'h'): return MON(3, KF_AMBIG);
    case W5('a', 'p', 'r', 'i', 'l'): return MON(4, 0);
    case W5('t', 'o', 'd', 'a', 'y'): return R(KW_TODAY, 0, 0);
    case W5('n', 'i', 'g', 'h', 't'): return R(KW_NIGHT, 0, 0);
    case W5('e', 'a', 'r', 'l', 'y'): return R(KW_EARLY, 0, 0);
    case W5('l', 'a', 't', 'e', 'r'): return R(KW_LATER, 0, 0);
    case W5('a', 'f', 't', 'e', 'r'): return TRIG(KW_AFTER);
    case W5('s', 't', 'a', 'r', 't'): return R(KW_START, 0, 0);
    case W5('u', 'n', 't', 'i', 'l'): return TRIG(KW_UNTIL);
    case W5('s', 'i', 'n', 'c', 'e'): return TRIG(KW_SINCE);
    case W5('t', 'h', 'r', 'e', 'e'): return NUMW(3);
    case W5('s', 'e', 'v', 'e', 'n'): return NUMW(7);
    case W5('e', 'i', 'g', 'h', 't'): return NUMW(8);
    case W5('t', 'h', 'e', 'i', 'r'): case W5('t', 'h', 'e', 's', 'e'):
    case W5('t', 'h', 'o', 's', 'e'): case W5('w', 'h', 'o', 's', 'e'):
    case W5('e', 'v', 'e', 'r', 'y'): return DET(KW_DET);
    case W5('w', 'o', 'u', 'l', 'd'): return R(KW_WOULD, 0, 0);
    case W5('s', 'h', 'a', 'l', 'l'): return R(KW_SHALL, 0, 0);
    case W5('g', 'o', 'i', 'n', 'g'): return R(KW_GOING, 0, 0);
    case W5('b', 'e', 'i', 'n', 'g'): return R(KW_IS, 0, 0);
    case W5('p', 'l', 'a', 'n', 's'): return R(KW_PLAN, 0, 0);
    case W5('b', 'e', 'g', 'a', 'n'): return R(KW_PAST_VERB, 0, 0);
    case W5('c', 'l', 'a', 's', 's'): case W5('b', 'a', 't', 'c', 'h'):
        return R(KW_NAME_OF, 0, 0);
    case W5('b', 'l', 'a', 'c', 'k'): case W5('s', 'u', 'p', 'e', 'r'):
    case W5('c', 'y', 'b', 'e', 'r'): return R(KW_HOLIDAY, 0, 0);
    default: return 0;
    }
}

static uint32_t kw_len6(uint64_t k)
{
    switch (k) {
    case W6('m', 'o', 'n', 't', 'h', 's'): return R(KW_MONTH, KF_PLURAL, 0);
    case W6('m', 'o', 'n', 'd', 'a', 'y'): return R(KW_MON, 0, 0);
    case W6('f', 'r', 'i', 'd', 'a', 'y'): return R(KW_MON + 4, 0, 0);
    case W6('s', 'u', 'n', 'd', 'a', 'y'): return R(KW_SUN, 0, 0);
    case W6('a', 'u', 'g', 'u', 's', 't'): return MON(8, KF_AMBIG);
    case W6('c', 'o', 'm', 'i', 'n', 'g'): return R(KW_COMING, 0, 0);
    case W6('b', 'e', 'f', 'o', 'r', 'e'): return TRIG(KW_BEFORE);
    case W6('m', 'i', 'd', 'd', 'l', 'e'): return R(KW_MIDDLE, 0, 0);
    case W6('d', 'u', 'r', 'i', 'n', 'g'): return TRIG(KW_DURING);
    case W6('e', 'l', 'e', 'v', 'e', 'n'): return NUMW(11);
    case W6('t', 'w', 'e', 'l', 'v', 'e'): return NUMW(12);
    case W6('t', 'w', 'e', 'n', 't', 'y'): return NUMW(20);
    case W6('t', 'h', 'i', 'r', 't', 'y'): return NUMW(30);
    case W6('i', 'n', 't', 'e', 'n', 'd'): return R(KW_INTEND, 0, 0);
    case W6('s', 'l', 'a', 't', 'e', 'd'): return R(KW_SCHEDULED, 0, 0);
    case W6('f', 'o', 'u', 'g', 'h', 't'): case W6('s', 't', 'r', 'u', 'c', 'k'):
        return R(KW_PAST_VERB, 0, 0);
    case W6('t', 'r', 'e', 'a', 't', 'y'): case W6('a', 'c', 'c', 'o', 'r', 'd'):
    case W6('c', 'o', 'h', 'o', 'r', 't'): return R(KW_NAME_OF, 0, 0);
    case W6('b', 'l', 'o', 'o', 'd', 'y'): case W6('e', 'a', 's', 't', 'e', 'r'):
    case W6('g', 'i', 'v', 'i', 'n', 'g'): case W6('s', 'h', 'r', 'o', 'v', 'e'):
    case W6('m', 'a', 'u', 'n', 'd', 'y'): return R(KW_HOLIDAY, 0, 0);
    case W6('s', 'u', 'm', 'm', 'e', 'r'): case W6('s', 'p', 'r', 'i', 'n', 'g'):
    case W6('a', 'u', 't', 'u', 'm', 'n'): case W6('w', 'i', 'n', 't', 'e', 'r'):
        return R(KW_SEASON, 0, 0);
    default: return 0;
    }
}

static uint32_t kw_len7(uint64_t k)
{
    switch (k) {
    case W7('j', 'a', 'n', 'u', 'a', 'r', 'y'): return MON(1, 0);
    case W7('o', 'c', 't', 'o', 'b', 'e', 'r'): return MON(10, 0);
    case W7('t', 'u', 'e', 's', 'd', 'a', 'y'): return R(KW_MON + 1, 0, 0);
    case W7('w', 'e', 'e', 'k', 'e', 'n', 'd'): return R(KW_WEEKEND, 0, 0);
    case W7('t', 'o', 'n', 'i', 'g', 'h', 't'): return R(KW_TONIGHT, 0, 0);
    case W7('m', 'o', 'r', 'n', 'i', 'n', 'g'): return R(KW_MORNING, 0, 0);
    case W7('e', 'v', 'e', 'n', 'i', 'n', 'g'): return R(KW_EVENING, 0, 0);
    case W7('e', 'a', 'r', 'l', 'i', 'e', 'r'): return R(KW_EARLIER, 0, 0);
    case W7('t', 'h', 'r', 'o', 'u', 'g', 'h'): return TRIG(KW_THROUGH);
    case W7('b', 'e', 't', 'w', 'e', 'e', 'n'): return R(KW_BETWEEN, 0, 0);
    case W7('f', 'i', 'f', 't', 'e', 'e', 'n'): return NUMW(15);
    case W7('a', 'c', 'c', 'o', 'r', 'd', 's'): case W7('v', 'i', 'n', 't', 'a', 'g', 'e'):
        return R(KW_NAME_OF, 0, 0);
    case W7('p', 'l', 'a', 'n', 'n', 'e', 'd'): return R(KW_PLANNED, 0, 0);
    case W7('i', 'n', 't', 'e', 'n', 'd', 's'): return R(KW_INTEND, 0, 0);
    default: return 0;
    }
}

static uint32_t kw_len8(uint64_t k)
{
    switch (k) {
    case W8('f', 'e', 'b', 'r', 'u', 'a', 'r', 'y'): return MON(2, 0);
    case W8('n', 'o', 'v', 'e', 'm', 'b', 'e', 'r'): return MON(11, 0);
    case W8('d', 'e', 'c', 'e', 'm', 'b', 'e', 'r'): return MON(12, 0);
    case W8('t', 'h', 'u', 'r', 's', 'd', 'a', 'y'): return R(KW_MON + 3, 0, 0);
    case W8('s', 'a', 't', 'u', 'r', 'd', 'a', 'y'): return R(KW_MON + 5, 0, 0);
    case W8('t', 'o', 'm', 'o', 'r', 'r', 'o', 'w'): return R(KW_TOMORROW, 0, 0);
    case W8('p', 'r', 'e', 'v', 'i', 'o', 'u', 's'): return R(KW_PREVIOUS, 0, 0);
    case W8('u', 'p', 'c', 'o', 'm', 'i', 'n', 'g'): return R(KW_UPCOMING, 0, 0);
    case W8('p', 'l', 'a', 'n', 'n', 'i', 'n', 'g'): return R(KW_PLAN, 0, 0);
    case W8('e', 'x', 'p', 'e', 'c', 't', 'e', 'd'): return R(KW_EXPECTED, 0, 0);
    case W8('p', 'r', 'o', 't', 'o', 'c', 'o', 'l'): return R(KW_NAME_OF, 0, 0);
    default: return 0;
    }
}

/* Nine letters: the first eight decide, the ninth confirms. */
static uint32_t kw_len9(uint64_t k, unsigned char ninth)
{
    uint32_t r;
    unsigned char want;
    switch (k) {
    case W8('s', 'e', 'p', 't', 'e', 'm', 'b', 'e'): r = MON(9, 0); want = 'r'; break;
    case W8('w', 'e', 'd', 'n', 'e', 's', 'd', 'a'): r = R(KW_MON + 2, 0, 0); want = 'y'; break;
    case W8('y', 'e', 's', 't', 'e', 'r', 'd', 'a'): r = R(KW_YESTERDAY, 0, 0); want = 'y'; break;
    case W8('a', 'f', 't', 'e', 'r', 'n', 'o', 'o'): r = R(KW_AFTERNOON, 0, 0); want = 'n'; break;
    case W8('b', 'e', 'g', 'i', 'n', 'n', 'i', 'n'): r = R(KW_BEGINNING, 0, 0); want = 'g'; break;
    case W8('f', 'o', 'l', 'l', 'o', 'w', 'i', 'n'): r = R(KW_FOLLOWING, 0, 0); want = 'g'; break;
    case W8('s', 'c', 'h', 'e', 'd', 'u', 'l', 'e'): r = R(KW_SCHEDULED, 0, 0); want = 'd'; break;
    case W8('a', 'g', 'r', 'e', 'e', 'm', 'e', 'n'): r = R(KW_NAME_OF, 0, 0); want = 't'; break;
    case W8('i', 'n', 't', 'e', 'n', 'd', 'i', 'n'): r = R(KW_INTEND, 0, 0); want = 'g'; break;
    default: return 0;
    }
    return ninth == want ? r : 0;
}

/* The keyword of a lower-case ASCII word of len letters whose first eight are packed in k
 * (first letter lowest), ninth its ninth letter; 0 when it is none. */
static uint32_t kw_lookup(uint64_t k, uint32_t len, unsigned char ninth)
{
    switch (len) {
    case 1: case 2: return kw_short(k);
    case 3: return kw_len3(k);
    case 4: return kw_len4(k);
    case 5: return kw_len5(k);
    case 6: return kw_len6(k);
    case 7: return kw_len7(k);
    case 8: return kw_len8(k);
    case 9: return kw_len9(k, ninth);
    default: return 0;
    }
}

/* ---- bytes ------------------------------------------------------------------------------- */

static int is_alpha(unsigned char c) { return (unsigned char)((c | 0x20) - 'a') < 26; }
static int is_digit(unsigned char c) { return (unsigned char)(c - '0') < 10; }

/* What the UTF-8 character at s[i] (a byte >= 0x80) is, as the scanner sees it: ' ' for a
 * space, an ASCII stand-in for punctuation, or 0 for a letter (part of a word). *n gets its
 * length in bytes. Invalid bytes are single letters: they never join a keyword. */
static char utf8_class(const unsigned char *s, uint32_t len, uint32_t i, uint32_t *n)
{
    unsigned char c = s[i];
    uint32_t want = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (want > len - i) want = 1;
    for (uint32_t k = 1; k < want; k++)
        if ((s[i + k] & 0xC0) != 0x80) want = 1;
    *n = want;
    if (want == 2 && c == 0xC2) {
        unsigned char d = s[i + 1];
        if (d == 0xA0) return ' ';                         /* no-break space */
        if (d == 0xAB || d == 0xBB) return '"';
        if (d >= 0xA1 && d <= 0xBF && d != 0xAA && d != 0xB5 && d != 0xBA) return '?';
        return 0;
    }
    if (want != 3) return 0;
    unsigned char d = s[i + 1], e = s[i + 2];
    if (c == 0xE2 && (d == 0x80 || (d == 0x81 && e < 0xB0))) {    /* U+2000..U+206F */
        unsigned cp = (unsigned)(d & 0x3F) << 6 | (e & 0x3F);    /* offset from U+2000 */
        if (cp <= 0x0B || cp == 0x28 || cp == 0x29 || cp == 0x2F || cp == 0x5F) return ' ';
        if (cp >= 0x10 && cp <= 0x15) return '-';
        if (cp >= 0x18 && cp <= 0x1B) return '\'';
        if (cp >= 0x1C && cp <= 0x1F) return '"';
        if (cp == 0x26) return '.';
        return '?';
    }
    if (c == 0xE2 && d == 0x88 && e == 0x92) return '-';         /* minus sign */
    if (c == 0xE3 && d == 0x80 && e == 0x80) return ' ';         /* ideographic space */
    if (c == 0xEF && d == 0xBB && e == 0xBF) return ' ';         /* byte order mark */
    return 0;
}

static int is_space(unsigned char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

/* ---- tokens ------------------------------------------------------------------------------ */

/* Reads a run of letters, digits and non-ASCII letters from s[i]; returns its end. Sets
 * *pure when it held ASCII letters only. */
static uint32_t word_end(const unsigned char *s, uint32_t len, uint32_t i, int *pure)
{
    *pure = 1;
    while (i < len) {
        unsigned char c = s[i];
        if (is_alpha(c)) { i++; continue; }
        if (is_digit(c)) { *pure = 0; i++; continue; }
        if (c < 0x80) break;
        uint32_t n;
        if (utf8_class(s, len, i, &n)) break;
        *pure = 0;
        i += n;
    }
    return i;
}

static void lex_word(const unsigned char *s, uint32_t len, uint32_t i, pl_ttok *t)
{
    /* The ASCII letters first, packed for the keyword lookup as they go by. */
    uint32_t j = i;
    uint64_t k = 0;
    while (j < len && is_alpha(s[j])) {
        if (j - i < 8) k |= (uint64_t)(s[j] | 0x20) << (8 * (j - i));
        j++;
    }
    int pure = 1;
    t->end = j < len && (is_digit(s[j]) || s[j] >= 0x80) ? word_end(s, len, j, &pure) : j;
    t->kind = pure ? TK_WORD : TK_OTHER;
    if (s[i] >= 'A' && s[i] <= 'Z') t->flags |= TF_CAP;
    uint32_t n = j - i;
    if (!pure || n > 9) return;
    uint32_t r = kw_lookup(k, n, n == 9 ? (unsigned char)(s[i + 8] | 0x20) : 0);
    t->kw = (uint8_t)r;
    t->kwf = (uint8_t)(r >> 8);
    t->kwv = (uint8_t)(r >> 16);
}

/* A number: "2021", "2,000", "1.5", "3rd"; letters after digits make it TK_OTHER ("1990s",
 * "3pm") unless they are an ordinal suffix. */
static void lex_number(const unsigned char *s, uint32_t len, uint32_t i, pl_ttok *t)
{
    uint32_t j = i;
    int32_t v = 0;
    while (j < len && is_digit(s[j])) {
        if (v < 999999) v = v * 10 + (s[j] - '0');
        j++;
    }
    t->ndigits = (uint8_t)(j - i > 255 ? 255 : j - i);
    for (;;) {
        if (j + 3 < len && s[j] == ',' && is_digit(s[j + 1]) && is_digit(s[j + 2]) &&
            is_digit(s[j + 3]) && (j + 4 == len || !is_digit(s[j + 4]))) {
            j += 4;
        } else if (j + 1 < len && s[j] == '.' && is_digit(s[j + 1])) {
            j += 2;
            while (j < len && is_digit(s[j])) j++;
        } else {
            break;
        }
        t->flags |= TF_GROUPED;
    }
    t->num = v > 999999 ? 999999 : v;
    t->kind = TK_NUM;
    t->end = j;
    uint32_t n;
    if (j >= len || (s[j] < 0x80 ? !is_alpha(s[j]) : utf8_class(s, len, j, &n) != 0)) return;
    int pure;
    uint32_t end = word_end(s, len, j, &pure);
    t->end = end;
    if (!(t->flags & TF_GROUPED) && pure && end - j == 2) {
        unsigned a = s[j] | 0x20, b = s[j + 1] | 0x20;
        if ((a == 's' && b == 't') || (a == 'n' && b == 'd') || (a == 'r' && b == 'd') ||
            (a == 't' && b == 'h')) {
            t->kind = TK_ORD;
            return;
        }
    }
    t->kind = TK_OTHER;
}

void pl_time_lex(const char *text, uint32_t len, uint32_t *pos, pl_ttok *t)
{
    const unsigned char *s = (const unsigned char *)text;
    uint32_t i = *pos, n = 1;
    *t = (pl_ttok){0};
    char cls = 0;
    while (i < len) {
        if (s[i] < 0x80) {
            if (!is_space(s[i])) break;
            i++;
        } else {
            cls = utf8_class(s, len, i, &n);
            if (cls != ' ') break;
            i += n;
        }
        t->flags = TF_SPACE;
    }
    t->start = t->end = i;
    if (i >= len) {
        t->kind = TK_END;
        *pos = len;
        return;
    }
    unsigned char c = s[i];
    if (is_digit(c)) {
        lex_number(s, len, i, t);
    } else if (is_alpha(c) || (c >= 0x80 && cls == 0)) {
        lex_word(s, len, i, t);
    } else {
        t->kind = TK_PUNCT;
        t->punct = c < 0x80 ? (char)c : cls;
        t->end = i + (c < 0x80 ? 1 : n);
    }
    *pos = t->end;
}

/* 1 if s[0..len) holds an ASCII digit: eight bytes at a time, with "determine if a word has
 * a byte greater than m and less than n" of Bit Twiddling Hacks for m = '0' - 1, n = '9' + 1
 * (bytes >= 0x80 never match). */
static int has_digit(const unsigned char *s, size_t len)
{
    const uint64_t ones = UINT64_MAX / 255, high = ones * 128, low7 = ones * 127;
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t x;
        memcpy(&x, s + i, 8);
        uint64_t t = x & low7;
        if (((ones * (127 + '9' + 1) - t) & ~x & (t + ones * (127 - '0' + 1))) & high) return 1;
    }
    for (; i < len; i++)
        if (is_digit(s[i])) return 1;
    return 0;
}

int pl_time_has_anchor(const char *text, size_t len)
{
    const unsigned char *s = (const unsigned char *)text;
    if (has_digit(s, len)) return 1;
    size_t i = 0;
    while (i < len) {
        if (!is_alpha(s[i])) {
            i++;
            continue;
        }
        /* Only ASCII words of 3..9 letters can be anchors. */
        size_t j = i;
        uint64_t k = 0;
        while (j < len && is_alpha(s[j])) {
            if (j - i < 8) k |= (uint64_t)(s[j] | 0x20) << (8 * (j - i));
            j++;
        }
        size_t n = j - i;
        if (n >= 3 && n <= 9) {
            unsigned char ninth = n == 9 ? (unsigned char)(s[i + 8] | 0x20) : 0;
            unsigned kw = kw_lookup(k, (uint32_t)n, ninth) & 0xFF;
            if (kw && kw <= KW_LAST_ANCHOR) return 1;
        }
        i = j;
    }
    return 0;
}
