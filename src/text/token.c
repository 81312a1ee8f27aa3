/* token.c: tokens of one sentence, as text.h describes them. One left-to-right scan; a
 * hyphenated compound is looked at once as a whole to decide whether it stays whole. */
#include "text/text.h"

#include <stdlib.h>

typedef struct lexer {
    pl_tokens *out;
    const char *t;
    size_t start, end;       /* the span */
    size_t split_until;      /* inside a compound that splits at its hyphens */
    int open_single;         /* an opening single quote waits for its closing one */
    int space_before;
} lexer;

/* The letters of a word, for its flags. */
typedef struct shape {
    unsigned alpha;          /* letters of any kind */
    unsigned cased, upper;   /* letters with case, and those in upper case */
    uint8_t first;           /* class of the first letter, 0 before any */
} shape;

static void shape_add(shape *sh, uint8_t cls)
{
    if (cls != PL_CH_LOWER && cls != PL_CH_UPPER && cls != PL_CH_LETTER) return;
    sh->alpha++;
    if (!sh->first) sh->first = cls;
    if (cls == PL_CH_LETTER) return;
    sh->cased++;
    if (cls == PL_CH_UPPER) sh->upper++;
}

static uint8_t case_flags(const shape *sh)
{
    uint8_t f = 0;
    if (sh->first == PL_CH_UPPER) f |= PL_TF_CAP;
    if (sh->cased >= 2 && sh->upper == sh->cased) f |= PL_TF_UPPER;
    return f;
}

static int is_letter(uint8_t cls)
{
    return cls == PL_CH_LOWER || cls == PL_CH_UPPER || cls == PL_CH_LETTER;
}

static int is_wordchar(uint8_t cls)
{
    return is_letter(cls) || cls == PL_CH_DIGIT || cls == PL_CH_MARK;
}

static int is_apostrophe(int32_t cp)
{
    return cp == '\'' || cp == 0x2019 || cp == 0x02BC;
}

static int is_hyphen(int32_t cp)
{
    return cp == '-' || cp == 0x2010 || cp == 0x2011;
}

static int ascii_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int push(lexer *lx, size_t s, size_t e, uint8_t kind, uint8_t flags)
{
    pl_tokens *out = lx->out;
    if (PL_GROW(out->v, out->cap, out->n + 1)) return -1;
    size_t norm = out->pool.len;
    if (pl_normalize(&out->pool, lx->t + s, e - s, PL_NORM_LOWER) ||
        pl_buf_putc(&out->pool, 0) || out->pool.len > UINT32_MAX) {
        out->pool.len = norm;
        if (out->pool.data) out->pool.data[norm] = 0;
        return -1;
    }
    if (lx->space_before) flags |= PL_TF_SPACE_BEFORE;
    lx->space_before = 0;
    out->v[out->n++] = (pl_token){.start = (uint32_t)s, .end = (uint32_t)e,
                                  .norm = (uint32_t)norm,
                                  .norm_len = (uint32_t)(out->pool.len - norm - 1),
                                  .kind = kind, .flags = flags};
    return 0;
}

/* An apostrophe at t[q] that continues a word: a letter follows and it is not the
 * possessive "'s" ("O'Brien", "don't", "Gov't"). */
static int inner_apostrophe(const char *t, size_t end, size_t q)
{
    pl_char a = pl_char_at(t, end, q);
    if (!is_apostrophe(a.cp) || q + a.len >= end) return 0;
    size_t r = q + a.len;
    if (!is_letter(pl_char_at(t, end, r).cls)) return 0;
    if (t[r] != 's' && t[r] != 'S') return 1;
    return r + 1 < end && is_wordchar(pl_char_at(t, end, r + 1).cls);
}

/* Digits with , . : / between them: "3,000", "1.5", "10:30", "9/11". */
static size_t number_end(const char *t, size_t end, size_t q)
{
    for (;;) {
        while (q < end && pl_char_at(t, end, q).cls == PL_CH_DIGIT) q += pl_char_at(t, end, q).len;
        char c = q + 1 < end ? t[q] : 0;
        if ((c == ',' || c == '.' || c == ':' || c == '/') &&
            pl_char_at(t, end, q + 1).cls == PL_CH_DIGIT) {
            q++;
            continue;
        }
        return q;
    }
}

/* One part of a word: a number with its suffix ("26th"), or letters, digits and marks. */
static size_t part_end(const char *t, size_t end, size_t p, shape *sh)
{
    size_t q = pl_char_at(t, end, p).cls == PL_CH_DIGIT ? number_end(t, end, p) : p;
    while (q < end) {
        pl_char c = pl_char_at(t, end, q);
        if (is_wordchar(c.cls)) {
            shape_add(sh, c.cls);
            q += c.len;
        } else if (q > p && inner_apostrophe(t, end, q)) {
            q += c.len;
        } else {
            break;
        }
    }
    return q;
}

/* Parts joined by single hyphens: "pre-recorded", "2021-09-03", "U.S.-Japan" (which stops
 * at the period). */
static size_t compound_end(const char *t, size_t end, size_t p, shape *sh, unsigned *parts)
{
    size_t q = part_end(t, end, p, sh);
    *parts = 1;
    while (q < end) {
        pl_char h = pl_char_at(t, end, q);
        if (!is_hyphen(h.cp) || q + h.len >= end) break;
        uint8_t next = pl_char_at(t, end, q + h.len).cls;
        if (!is_letter(next) && next != PL_CH_DIGIT) break;
        q = part_end(t, end, q + h.len, sh);
        ++*parts;
    }
    return q;
}

/* Two or more single letters each followed by a period: "U.S.", "D.C.", "a.m.". */
static size_t initialism_end(const char *t, size_t end, size_t p, shape *sh)
{
    size_t q = p;
    shape letters = {0};
    while (q + 1 < end && ascii_alpha(t[q]) && t[q + 1] == '.') {
        shape_add(&letters, t[q] >= 'a' ? PL_CH_LOWER : PL_CH_UPPER);
        q += 2;
    }
    if (letters.alpha < 2) return 0;
    *sh = letters;
    return q;
}

/* "'s" or a bare "'" right after a word at t[q]. The bare one is a possessive ("Jones’")
 * unless it closes a quotation opened with a single quote. */
static int lex_possessive(lexer *lx, size_t *q)
{
    const char *t = lx->t;
    if (*q >= lx->end) return 0;
    pl_char a = pl_char_at(t, lx->end, *q);
    if (!is_apostrophe(a.cp)) return 0;
    size_t r = *q + a.len;
    size_t e;
    if (r < lx->end && (t[r] == 's' || t[r] == 'S') &&
        (r + 1 == lx->end || !is_wordchar(pl_char_at(t, lx->end, r + 1).cls)))
        e = r + 1;
    else if (!lx->open_single && (r == lx->end || !is_wordchar(pl_char_at(t, lx->end, r).cls)))
        e = r;
    else
        return 0;
    if (push(lx, *q, e, PL_TOK_WORD, PL_TF_POSS)) return -1;
    *q = e;
    return 0;
}

/* A word or number starting at *p, and the possessive after it. */
static int lex_word(lexer *lx, size_t *p)
{
    const char *t = lx->t;
    size_t s = *p, q;
    shape sh = {0};
    unsigned parts = 1;
    uint8_t kind = PL_TOK_WORD, flags = 0;
    if ((q = initialism_end(t, lx->end, s, &sh))) {
        flags = PL_TF_ABBREV | case_flags(&sh);
    } else {
        int digit = pl_char_at(t, lx->end, s).cls == PL_CH_DIGIT;
        if (s < lx->split_until) {
            q = part_end(t, lx->end, s, &sh);
        } else {
            q = compound_end(t, lx->end, s, &sh, &parts);
            if (parts > 1 && sh.upper) { /* "U.S.-Japan", "Al-Qaeda": split at the hyphens */
                lx->split_until = q;
                sh = (shape){0};
                parts = 1;
                q = part_end(t, lx->end, s, &sh);
            }
        }
        if (parts > 1) {
            kind = sh.alpha ? PL_TOK_WORD : PL_TOK_NUMBER;
            flags = sh.alpha ? PL_TF_HYPHEN : 0;
        } else if (digit) {
            kind = PL_TOK_NUMBER;
        } else {
            flags = case_flags(&sh);
            if (q < lx->end && t[q] == '.' && pl_is_abbreviation(t + s, q - s)) {
                q++;
                flags |= PL_TF_ABBREV;
            }
        }
    }
    if (push(lx, s, q, kind, flags) || lex_possessive(lx, &q)) return -1;
    *p = q;
    return 0;
}

/* A punctuation or symbol character. Single quotes are followed, so that a quotation's
 * closing "'" is not taken for a possessive. */
static int lex_mark(lexer *lx, size_t p, pl_char c)
{
    if (is_apostrophe(c.cp) || c.cp == 0x2018) {
        int after_gap = p == lx->start || lx->space_before;
        if (!after_gap) {
            int32_t prev = pl_char_before(lx->t, p).cp;
            after_gap = prev == '"' || prev == '(' || prev == '[' || prev == 0x201C;
        }
        /* Before a digit it stands for omitted ones ("’90s") and opens nothing. */
        int before_word = p + c.len < lx->end &&
                          is_letter(pl_char_at(lx->t, lx->end, p + c.len).cls);
        lx->open_single = after_gap && before_word;
    }
    return push(lx, p, p + c.len, c.cls == PL_CH_PUNCT ? PL_TOK_PUNCT : PL_TOK_SYMBOL, 0);
}

int pl_tokenize(pl_tokens *out, const char *text, pl_span span)
{
    lexer lx = {.out = out, .t = text, .start = span.start, .end = span.end};
    lx.space_before = span.start > 0 && pl_char_before(text, span.start).cls == PL_CH_SPACE;
    for (size_t p = span.start; p < span.end;) {
        pl_char c = pl_char_at(text, span.end, p);
        if (c.cls == PL_CH_SPACE) {
            lx.space_before = 1;
            p += c.len;
        } else if (c.cls == PL_CH_MARK) {
            p += c.len; /* a stray mark or invisible character belongs to no token */
        } else if (c.cp == '_') {
            /* Joins words in identifiers and in TABARI's and PETRARCH's test texts
             * ("Dol_Amroth"): a space, not a token. */
            lx.space_before = 1;
            p += c.len;
        } else if (is_letter(c.cls) || c.cls == PL_CH_DIGIT) {
            if (lex_word(&lx, &p)) return -1;
        } else {
            if (lex_mark(&lx, p, c)) return -1;
            p += c.len;
        }
    }
    return 0;
}

void pl_tokens_clear(pl_tokens *t)
{
    t->n = 0;
    pl_buf_clear(&t->pool);
}

void pl_tokens_free(pl_tokens *t)
{
    free(t->v);
    t->v = NULL;
    t->n = t->cap = 0;
    pl_buf_free(&t->pool);
}
