/* normalize.c: character classes and normalization. ASCII is handled here byte by byte;
 * only non-ASCII characters are handed to utf8proc, since news text is mostly ASCII. */
#include "text/text.h"

#include <stdlib.h>
#include <utf8proc.h>

/* ---- characters ------------------------------------------------------------------------- */

static uint8_t ascii_class(unsigned char c)
{
    if (c >= 'a' && c <= 'z') return PL_CH_LOWER;
    if (c >= 'A' && c <= 'Z') return PL_CH_UPPER;
    if (c >= '0' && c <= '9') return PL_CH_DIGIT;
    if (c == ' ' || (c >= '\t' && c <= '\r')) return PL_CH_SPACE;
    if (c < 0x20 || c == 0x7F) return PL_CH_SPACE; /* other controls separate like space */
    /* The ASCII symbols by Unicode category (Sc, Sk, Sm); the rest is punctuation. */
    switch (c) {
    case '$': case '+': case '<': case '=': case '>': case '^': case '`': case '|': case '~':
        return PL_CH_SYMBOL;
    default:
        return PL_CH_PUNCT;
    }
}

static uint8_t unicode_class(int32_t cp)
{
    /* Zero-width space and BOM separate words although Unicode calls them format. */
    if (cp == 0x200B || cp == 0xFEFF || cp == 0x0085) return PL_CH_SPACE;
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LT: return PL_CH_UPPER;
    case UTF8PROC_CATEGORY_LL: return PL_CH_LOWER;
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: return PL_CH_LETTER;
    case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_CF: return PL_CH_MARK;
    case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
        return PL_CH_DIGIT;
    case UTF8PROC_CATEGORY_ZS: case UTF8PROC_CATEGORY_ZL: case UTF8PROC_CATEGORY_ZP:
    case UTF8PROC_CATEGORY_CC: return PL_CH_SPACE;
    case UTF8PROC_CATEGORY_PC: case UTF8PROC_CATEGORY_PD: case UTF8PROC_CATEGORY_PS:
    case UTF8PROC_CATEGORY_PE: case UTF8PROC_CATEGORY_PI: case UTF8PROC_CATEGORY_PF:
    case UTF8PROC_CATEGORY_PO: return PL_CH_PUNCT;
    case UTF8PROC_CATEGORY_SM: case UTF8PROC_CATEGORY_SC: case UTF8PROC_CATEGORY_SK:
    case UTF8PROC_CATEGORY_SO: return PL_CH_SYMBOL;
    default: return PL_CH_OTHER;
    }
}

pl_char pl_char_at(const char *s, size_t len, size_t i)
{
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80) return (pl_char){c, 1, ascii_class(c)};
    utf8proc_int32_t cp;
    utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                          (utf8proc_ssize_t)(len - i), &cp);
    if (n <= 0) return (pl_char){0xFFFD, 1, PL_CH_SYMBOL};
    return (pl_char){cp, (uint8_t)n, unicode_class(cp)};
}

pl_char pl_char_before(const char *s, size_t i)
{
    size_t lead = i - 1;
    while (lead > 0 && i - lead < 4 && ((unsigned char)s[lead] & 0xC0) == 0x80) lead--;
    pl_char ch = pl_char_at(s, i, lead);
    if (lead + ch.len != i) return (pl_char){0xFFFD, 1, PL_CH_SYMBOL};
    return ch;
}

/* ---- normalization ---------------------------------------------------------------------- */

enum { KEEP = -1, DROP = 0 };

/* The ASCII character that a quote, dash or space stands for, DROP for invisible characters,
 * KEEP for the rest. Applied before NFKC, which would turn a double prime into two primes,
 * and after it, for the dashes and primes that compatibility mappings produce. */
static int fold_char(int32_t cp)
{
    switch (cp) {
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032: case 0x2035:
    case 0x2039: case 0x203A: case 0x02BC: case 0x00B4: case 0xFF07:
        return '\'';
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033: case 0x2036:
    case 0x00AB: case 0x00BB: case 0x301D: case 0x301E: case 0x301F: case 0xFF02:
        return '"';
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015:
    case 0x2212: case 0x2043: case 0xFE58: case 0xFE63: case 0xFF0D:
        return '-';
    case 0x00A0: case 0x2009: case 0x202F: case 0x0085: case 0x2028: case 0x2029:
        return ' ';
    case 0x00AD: case 0x200B: case 0x200C: case 0x200D: case 0x2060: case 0xFEFF:
        return DROP;
    default:
        break;
    }
    /* The rarer dashes and spaces by category. */
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_PD: return '-';
    case UTF8PROC_CATEGORY_ZS: case UTF8PROC_CATEGORY_ZL: case UTF8PROC_CATEGORY_ZP:
        return ' ';
    default: return KEEP;
    }
}

static char ascii_lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c + ('a' - 'A')) : c;
}

static int append_ascii(pl_buf *out, const char *s, size_t len, unsigned flags)
{
    if (!(flags & PL_NORM_LOWER)) return pl_buf_append(out, s, len);
    if (pl_buf_reserve(out, len)) return -1;
    char *d = out->data + out->len;
    for (size_t i = 0; i < len; i++) d[i] = ascii_lower(s[i]);
    out->len += len;
    out->data[out->len] = 0;
    return 0;
}

static int append_cp(pl_buf *out, int32_t cp)
{
    int folded = cp < 0x80 ? KEEP : fold_char(cp);
    if (folded == DROP) return 0;
    if (folded != KEEP) return pl_buf_putc(out, (char)folded);
    utf8proc_uint8_t tmp[4];
    utf8proc_ssize_t n = utf8proc_encode_char(cp, tmp);
    return pl_buf_append(out, (const char *)tmp, (size_t)n);
}

/* NFKC (and case folding) of s[0..len), valid UTF-8 that starts with a starter or follows
 * nothing it could combine with. */
static int append_nfkc(pl_buf *out, const char *s, size_t len, unsigned flags)
{
    utf8proc_option_t opts = UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT |
                             UTF8PROC_IGNORE | ((flags & PL_NORM_LOWER) ? UTF8PROC_CASEFOLD : 0);
    utf8proc_int32_t stack[128], *cps = stack;
    utf8proc_ssize_t n = utf8proc_decompose((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len,
                                            cps, 128, opts);
    if (n > 128) {
        /* A long run of non-ASCII text (a paragraph in Cyrillic, say): one allocation. */
        cps = malloc((size_t)n * sizeof *cps);
        if (!cps) return -1;
        n = utf8proc_decompose((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, cps, n, opts);
    }
    int rc = 0;
    if (n >= 0) n = utf8proc_normalize_utf32(cps, n, opts);
    if (n < 0)
        rc = pl_buf_append(out, s, len); /* cannot happen on valid UTF-8; keep the text */
    for (utf8proc_ssize_t i = 0; i < n && rc == 0; i++) rc = append_cp(out, cps[i]);
    if (cps != stack) free(cps);
    return rc;
}

/* Normalizes the non-ASCII run s[a..b). Quotes, dashes and spaces are folded directly; the
 * characters between them go through utf8proc. */
static int append_non_ascii(pl_buf *out, const char *s, size_t a, size_t b, unsigned flags)
{
    size_t pending = a; /* start of the characters not yet written */
    for (size_t i = a; i < b;) {
        pl_char ch = pl_char_at(s, b, i);
        int bad = ch.cp == 0xFFFD && ch.len == 1; /* the caller promised valid UTF-8 */
        int folded = bad ? KEEP : fold_char(ch.cp);
        if (folded == KEEP && !bad) {
            i += ch.len;
            continue;
        }
        if (pending < i && append_nfkc(out, s + pending, i - pending, flags)) return -1;
        if (bad) {
            if (pl_buf_append(out, "\xEF\xBF\xBD", 3)) return -1;
        } else if (folded != DROP && pl_buf_putc(out, (char)folded)) {
            return -1;
        }
        i += ch.len;
        pending = i;
    }
    if (pending < b && append_nfkc(out, s + pending, b - pending, flags)) return -1;
    return 0;
}

static int is_starter(const char *s, size_t len, size_t i)
{
    pl_char ch = pl_char_at(s, len, i);
    return utf8proc_get_property(ch.cp)->combining_class == 0;
}

int pl_normalize(pl_buf *out, const char *s, size_t len, unsigned flags)
{
    if (pl_buf_reserve(out, len)) return -1;
    out->data[out->len] = 0; /* reserve leaves a new buffer unterminated */
    for (size_t i = 0; i < len;) {
        size_t j = i;
        while (j < len && (unsigned char)s[j] < 0x80) j++;
        size_t k = j;
        while (k < len && (unsigned char)s[k] >= 0x80) k++;
        /* A combining mark composes with the ASCII letter before it ("e" + U+0301): hand
         * that letter to utf8proc with the run. */
        size_t ascii_end = j;
        if (j > i && k > j && !is_starter(s, len, j)) ascii_end = j - 1;
        if (append_ascii(out, s + i, ascii_end - i, flags)) return -1;
        if (k > ascii_end && append_non_ascii(out, s, ascii_end, k, flags)) return -1;
        i = k;
    }
    return 0;
}
