/* text.h: the text stage. UTF-8 repair and normalization (utf8proc), sentence splitting,
 * tokens and lemmas (WordNet). Works on byte offsets into the story text as read, so that
 * every later span points at the user's own bytes. Internal to libparley. */
#ifndef PL_TEXT_H
#define PL_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "util/util.h"

/* ---- UTF-8 ------------------------------------------------------------------------------ */

/* Appends s[0..len) to out with every invalid UTF-8 sequence (and NUL byte) replaced by
 * U+FFFD. Returns the number of replacements, or -1 when out of memory. If first_bad is
 * not NULL it receives the byte offset (in s) of the first replacement. */
long pl_utf8_repair(pl_buf *out, const char *s, size_t len, size_t *first_bad);

/* ---- characters (shared by the sentence splitter and the tokenizer) ---------------------- */

enum pl_char_class {
    PL_CH_OTHER = 0,         /* unassigned or private use */
    PL_CH_SPACE,             /* white space, line breaks, zero-width space, BOM */
    PL_CH_LOWER,
    PL_CH_UPPER,             /* upper and title case */
    PL_CH_LETTER,            /* a letter without case (CJK, Arabic...) */
    PL_CH_DIGIT,
    PL_CH_MARK,              /* combining marks and invisible format characters (soft
                                hyphen, joiners) that belong to the word around them */
    PL_CH_PUNCT,
    PL_CH_SYMBOL
};

typedef struct pl_char {
    int32_t cp;              /* U+FFFD for an invalid byte */
    uint8_t len;             /* bytes, 1..4 */
    uint8_t cls;             /* enum pl_char_class */
} pl_char;

/* The character starting at s[i] (i < len). */
pl_char pl_char_at(const char *s, size_t len, size_t i);
/* The character ending just before s[i] (i > 0). */
pl_char pl_char_before(const char *s, size_t i);

/* ---- normalization ---------------------------------------------------------------------- */

enum {
    PL_NORM_LOWER = 1        /* also fold case */
};

/* Appends the normalized form of s[0..len) (valid UTF-8) to out: NFKC; curly quotes and
 * primes to ' and "; every dash and minus to '-'; no-break and other spaces to ' ';
 * soft hyphens and zero-width characters removed; with PL_NORM_LOWER, case folded.
 * 0, or -1 when out of memory. */
int pl_normalize(pl_buf *out, const char *s, size_t len, unsigned flags);

/* ---- sentences -------------------------------------------------------------------------- */

typedef struct pl_span {
    uint32_t start, end;     /* byte offsets, end exclusive */
} pl_span;

typedef struct pl_spans {
    pl_span *v;
    size_t n, cap;
} pl_spans;

/* Splits text[0..len) into sentences, appended to out (not cleared) as byte ranges without
 * surrounding white space. Blank lines always end a sentence; a single newline ends one
 * unless the next line starts in lower case or the line ends with , ; : or a hyphen.
 * 0, or -1 when out of memory (or len does not fit the 32-bit offsets). */
int pl_split_sentences(const char *text, size_t len, pl_spans *out);
void pl_spans_free(pl_spans *s);

/* 1 if the word ending at text[end] (the '.' excluded) is a known abbreviation that does not
 * end a sentence by itself (Gen., Mr., Jan., U.S. before a capital...). */
int pl_is_abbreviation(const char *word, size_t len);

/* ---- tokens ----------------------------------------------------------------------------- */

enum pl_token_kind { PL_TOK_WORD = 1, PL_TOK_NUMBER, PL_TOK_PUNCT, PL_TOK_SYMBOL };

enum pl_token_flags {
    PL_TF_CAP = 1,           /* first letter upper case */
    PL_TF_UPPER = 2,         /* every letter upper case, at least two letters ("PRC", "U.S.") */
    PL_TF_ABBREV = 4,        /* keeps its period(s): "U.S.", "Gen." */
    PL_TF_POSS = 8,          /* the possessive "'s" or "'" split from the word before it */
    PL_TF_HYPHEN = 16,       /* a lower-case compound kept whole: "pre-recorded" */
    PL_TF_SPACE_BEFORE = 32  /* white space precedes it */
};

typedef struct pl_token {
    uint32_t start, end;     /* bytes in the story text */
    uint32_t norm;           /* offset in pl_tokens.pool of the normalized lower-case form */
    uint32_t norm_len;
    uint8_t kind, flags;
    uint32_t word, lemma;    /* ids assigned by the lex stage (0: not in the vocabulary) */
} pl_token;

typedef struct pl_tokens {
    pl_token *v;
    size_t n, cap;
    pl_buf pool;             /* NUL-separated normalized forms */
} pl_tokens;

/* Appends the tokens of text[span.start..span.end) to out (not cleared). Rules:
 * - words split at white space and punctuation; "Japan's"/"People’s" give "japan" + "'s"
 *   (PL_TF_POSS), "Kerry’" + s-less possessive "'" likewise;
 * - a hyphenated compound stays whole when all its parts are lower case or digits
 *   ("pre-recorded", "20-year-old"); otherwise it splits at the hyphen ("U.S.-Japan" gives
 *   "U.S.", "-", "Japan");
 * - numbers keep internal , . : / - between digits ("3,000", "1.5", "2021-09-03") and a
 *   suffix ("26th");
 * - abbreviations keep their periods ("U.S.", "D.C.", "Gen."): initialisms of single
 *   letters with periods always, known abbreviations (pl_is_abbreviation) too;
 * - every other punctuation character is a token of its own.
 * The normalized form is pl_normalize(..., PL_NORM_LOWER) of the token.
 * 0, or -1 when out of memory. */
int pl_tokenize(pl_tokens *out, const char *text, pl_span span);
static inline const char *pl_token_norm(const pl_tokens *t, const pl_token *tok)
{
    return t->pool.data + tok->norm;
}
void pl_tokens_clear(pl_tokens *t);
void pl_tokens_free(pl_tokens *t);

/* ---- lemmas ----------------------------------------------------------------------------- */

typedef struct pl_lemmatizer pl_lemmatizer;

/* Reads WordNet's morphology data (index.verb, index.noun, verb.exc, noun.exc from
 * $WNSEARCHDIR, default /usr/share/wordnet) into memory. NULL when the data cannot be read
 * or memory runs out. Read-only afterwards: threads may share it. */
pl_lemmatizer *pl_lemmatizer_new(void);
void pl_lemmatizer_free(pl_lemmatizer *lz);
/* The base form of a lower-case word (word[0..len), NUL not required): its verb base form if
 * WordNet knows one ("met" -> "meet"), else its noun base form ("ministers" -> "minister"),
 * else the word itself. A base form is owned by the lemmatizer; the word itself comes back
 * as a copy valid until this thread's next call. NULL only when out of memory. */
const char *pl_lemma(pl_lemmatizer *lz, const char *word, size_t len);
/* Calls fn for every irregular form WordNet lists ("met" -> "meet"); stops at non-zero. */
int pl_lemma_exceptions(const pl_lemmatizer *lz,
                        int (*fn)(void *arg, const char *form, const char *base), void *arg);

#endif
