/* sentence.c: sentence splitting for news text. A period ends a sentence unless it belongs
 * to a number, an initial, an initialism or a known abbreviation; initialisms and most
 * abbreviations still end one before a word that commonly starts a sentence ("...in the
 * U.S. The talks"), titles never do ("Gen. Smith"). Line breaks follow text.h. */
#include "text/text.h"

#include <stdlib.h>
#include <string.h>

#define NO_BREAK SIZE_MAX

/* ---- abbreviations ---------------------------------------------------------------------- */

enum abbrev_kind {
    AB_NONE,
    AB_TITLE,   /* comes before a name or number: never ends a sentence */
    AB_END      /* ends a sentence only before a common sentence starter */
};

static const char *const titles[] = {
    "Mr", "Mrs", "Ms", "Messrs", "Mme", "Mlle", "Dr", "Prof", "Gen", "Gens", "Lt", "Col",
    "Maj", "Capt", "Sgt", "Cpl", "Pvt", "Adm", "Cmdr", "Cdr", "Brig", "Det", "Gov", "Govs",
    "Sen", "Sens", "Rep", "Reps", "Rev", "Hon", "Pres", "Supt", "Insp", "Amb", "Fr", "Mt",
    "Ft", "vs", "approx", "cf",
};

/* Months, companies, streets, AP-style U.S. state names and the like: they often end a
 * sentence, but are mostly followed by a number or a name. */
static const char *const enders[] = {
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
    "Inc", "Corp", "Ltd", "Co", "Cos", "Bros", "Assn", "Jr", "Sr", "etc", "Ave", "St", "Rd",
    "Blvd", "Dept", "Univ", "Gov't", "Govt", "Int'l", "Nat'l", "No", "Nos",
    "Ala", "Ariz", "Ark", "Calif", "Colo", "Conn", "Del", "Fla", "Ga", "Ill", "Ind", "Kan",
    "Ky", "La", "Md", "Mass", "Mich", "Minn", "Miss", "Mo", "Mont", "Neb", "Nev", "Okla",
    "Ore", "Pa", "Tenn", "Vt", "Va", "Wash", "Wis", "Wyo",
};

/* Capitalized words that begin sentences far more often than they follow "U.S." or
 * "Inc." inside one. */
static const char *const starters[] = {
    "A", "After", "Again", "All", "Also", "Although", "An", "And", "Another", "As", "At",
    "Because", "Before", "Both", "But", "By", "Despite", "During", "Each", "Earlier", "Even",
    "Every", "For", "From", "He", "Her", "Here", "His", "How", "However", "I", "If", "In",
    "It", "Its", "Last", "Later", "Many", "Meanwhile", "Most", "My", "No", "Now", "On", "One",
    "Only", "Or", "Other", "Our", "She", "Since", "So", "Some", "Still", "Such", "That",
    "The", "Their", "Then", "There", "These", "They", "This", "Those", "Though", "Thus",
    "To", "Today", "Under", "We", "What", "When", "Where", "While", "Who", "With", "Yet",
    "You",
};

#define COUNT(a) (sizeof(a) / sizeof *(a))

static int ascii_upper(char c) { return c >= 'A' && c <= 'Z'; }
static int ascii_lower(char c) { return c >= 'a' && c <= 'z'; }
static int ascii_alpha(char c) { return ascii_upper(c) || ascii_lower(c); }
static char to_lower(char c) { return ascii_upper(c) ? (char)(c - 'A' + 'a') : c; }

/* `w` spells `entry` as written, in capitals, or capitalized ("Etc" for "etc"). */
static int spells(const char *w, size_t n, const char *entry)
{
    if (strlen(entry) != n) return 0;
    int exact = 1, upper = 1, capitalized = ascii_upper(w[0]) && to_lower(w[0]) == entry[0];
    for (size_t i = 0; i < n; i++) {
        if (to_lower(w[i]) != to_lower(entry[i])) return 0;
        if (w[i] != entry[i]) exact = 0;
        if (ascii_lower(w[i])) upper = 0;
        if (i > 0 && w[i] != entry[i]) capitalized = 0;
    }
    return exact || upper || capitalized;
}

static int in_list(const char *w, size_t n, const char *const *list, size_t count)
{
    for (size_t i = 0; i < count; i++)
        if (spells(w, n, list[i])) return 1;
    return 0;
}

/* Single letters joined by periods: "U.S", "D.C", "a.m" (the last period excluded). */
static int is_initialism(const char *w, size_t n)
{
    if (n < 3 || n % 2 == 0) return 0;
    for (size_t i = 0; i < n; i++)
        if (i % 2 ? w[i] != '.' : !ascii_alpha(w[i])) return 0;
    return 1;
}

static enum abbrev_kind abbrev_kind(const char *word, size_t len)
{
    if (len == 0) return AB_NONE;
    pl_char first = pl_char_at(word, len, 0);
    if (first.len == len && first.cls == PL_CH_UPPER) return AB_END; /* an initial: "F." */
    if (is_initialism(word, len)) return AB_END;
    /* The lists are ASCII, with the typographic apostrophe written straight. */
    char w[16];
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        if (n == sizeof w) return AB_NONE;
        if (len - i >= 3 && memcmp(word + i, "\xE2\x80\x99", 3) == 0) {
            w[n++] = '\'';
            i += 2;
        } else if ((unsigned char)word[i] < 0x80) {
            w[n++] = word[i];
        } else {
            return AB_NONE;
        }
    }
    if (in_list(w, n, titles, COUNT(titles))) return AB_TITLE;
    if (in_list(w, n, enders, COUNT(enders))) return AB_END;
    return AB_NONE;
}

int pl_is_abbreviation(const char *word, size_t len)
{
    return abbrev_kind(word, len) != AB_NONE;
}

/* ---- looking around a candidate sentence end ------------------------------------------- */

static int is_space(const char *t, size_t len, size_t i)
{
    return pl_char_at(t, len, i).cls == PL_CH_SPACE;
}

static int is_closer(int32_t cp)
{
    return cp == '"' || cp == '\'' || cp == ')' || cp == ']' || cp == '}' || cp == 0x2019 ||
           cp == 0x201D || cp == 0x00BB || cp == 0x203A;
}

static int is_opener(int32_t cp)
{
    return cp == '"' || cp == '\'' || cp == '(' || cp == '[' || cp == '{' || cp == 0x2018 ||
           cp == 0x2019 || cp == 0x201C || cp == 0x201D || cp == 0x201E || cp == 0x00AB ||
           cp == 0x2039;
}

/* What follows a terminator that ends at `after`. */
typedef struct follow {
    size_t end;     /* after the closing quotes and brackets: where the sentence would end */
    size_t next;    /* the first character after the white space and opening quotes */
    int space;      /* white space (or the end of the text) follows the closers */
    int newline;    /* that white space holds a line break: the line rules decide */
    uint8_t cls;    /* class of the character at next; PL_CH_SPACE at the end of the text */
} follow;

static follow look_after(const char *t, size_t len, size_t after)
{
    follow f = {after, after, 0, 0, PL_CH_SPACE};
    while (f.end < len) {
        pl_char c = pl_char_at(t, len, f.end);
        if (!is_closer(c.cp)) break;
        f.end += c.len;
    }
    size_t k = f.end;
    while (k < len) {
        pl_char c = pl_char_at(t, len, k);
        if (c.cls != PL_CH_SPACE) break;
        f.space = 1;
        if (c.cp == '\n') f.newline = 1;
        k += c.len;
    }
    if (k == len) f.space = 1;
    while (f.space && k < len) {
        pl_char c = pl_char_at(t, len, k);
        if (!is_opener(c.cp)) break;
        k += c.len;
    }
    f.next = k;
    if (k < len) f.cls = pl_char_at(t, len, k).cls;
    return f;
}

/* The word before the period at t[dot]: letters, digits, periods and apostrophes back to
 * white space, a hyphen or other punctuation. */
static size_t word_start(const char *t, size_t dot, size_t start)
{
    size_t i = dot;
    while (i > start) {
        pl_char c = pl_char_before(t, i);
        int part = c.cls == PL_CH_LOWER || c.cls == PL_CH_UPPER || c.cls == PL_CH_LETTER ||
                   c.cls == PL_CH_DIGIT || c.cls == PL_CH_MARK || c.cp == '.' ||
                   c.cp == '\'' || c.cp == 0x2019;
        if (!part) break;
        i -= c.len;
    }
    return i;
}

/* The word at t[i] is a common sentence starter such as "The" or "He". */
static int is_starter(const char *t, size_t len, size_t i)
{
    size_t j = i;
    while (j < len && ascii_alpha(t[j])) j++;
    if (j == i) return 0;
    if (j < len) { /* the whole word: "The", not "Theresa" */
        uint8_t cls = pl_char_at(t, len, j).cls;
        if (cls != PL_CH_PUNCT && cls != PL_CH_SPACE) return 0;
    }
    for (size_t k = 0; k < COUNT(starters); k++)
        if (strlen(starters[k]) == j - i && memcmp(starters[k], t + i, j - i) == 0) return 1;
    return 0;
}

/* ---- terminators ------------------------------------------------------------------------ */

/* A capital letter at t[i] that starts a word of two or more letters. */
static int capitalized_word(const char *t, size_t len, size_t i)
{
    if (i >= len) return 0;
    pl_char up = pl_char_at(t, len, i);
    if (up.cls != PL_CH_UPPER || i + up.len >= len) return 0;
    uint8_t second = pl_char_at(t, len, i + up.len).cls;
    return second == PL_CH_LOWER || second == PL_CH_UPPER;
}

/* "the country.The ceremony": a period between a lower-case letter and a capitalized word
 * of two or more letters, when the word before is no abbreviation. */
static int missing_space(const char *t, size_t len, size_t dot, size_t start)
{
    if (dot == start || pl_char_before(t, dot).cls != PL_CH_LOWER) return 0;
    if (!capitalized_word(t, len, dot + 1)) return 0;
    size_t ws = word_start(t, dot, start);
    return abbrev_kind(t + ws, dot - ws) == AB_NONE;
}

/* Where the sentence ends if the single period at t[dot] ends it, else NO_BREAK. */
static size_t period_end(const char *t, size_t len, size_t dot, size_t start)
{
    if (dot + 1 < len && pl_char_at(t, len, dot + 1).cls == PL_CH_DIGIT) return NO_BREAK;
    if (missing_space(t, len, dot, start)) return dot + 1;
    follow f = look_after(t, len, dot + 1);
    if (!f.space || f.newline || f.next >= len) return NO_BREAK;
    if (f.cls == PL_CH_LOWER || f.cls == PL_CH_PUNCT) return NO_BREAK;
    if (f.end > dot + 1) return f.end; /* a quotation or bracket closed with the period */
    size_t ws = word_start(t, dot, start);
    switch (abbrev_kind(t + ws, dot - ws)) {
    case AB_TITLE: return NO_BREAK;
    case AB_END: return is_starter(t, len, f.next) ? f.end : NO_BREAK;
    default: return f.end;
    }
}

/* After "?", "!" or an ellipsis ending at `after`: a sentence ends before white space and
 * a word that is not lower case; an ellipsis needs a capital, being often mid-sentence,
 * and like a period may lack the space ("trade...The figures"). */
static size_t loose_end(const char *t, size_t len, size_t after, int need_capital)
{
    if (need_capital && capitalized_word(t, len, after)) return after;
    follow f = look_after(t, len, after);
    if (!f.space || f.newline || f.next >= len) return NO_BREAK;
    if (need_capital ? f.cls != PL_CH_UPPER : (f.cls == PL_CH_LOWER || f.cls == PL_CH_PUNCT))
        return NO_BREAK;
    return f.end;
}

/* Does the line break at t[nl] end the sentence begun at `start`? */
static int line_break_ends(const char *t, size_t len, size_t nl, size_t start)
{
    size_t j = nl + 1;
    while (j < len && t[j] != '\n' && is_space(t, len, j)) j += pl_char_at(t, len, j).len;
    if (j >= len || t[j] == '\n') return 1; /* a blank line, or the end */
    if (pl_char_at(t, len, j).cls == PL_CH_LOWER) return 0;
    size_t k = nl;
    pl_char last = {0, 0, PL_CH_SPACE};
    while (k > start && (last = pl_char_before(t, k)).cls == PL_CH_SPACE) k -= last.len;
    if (k == start) return 1;
    int32_t cp = last.cp;
    if (cp == ',' || cp == ';' || cp == ':' || cp == '-' || (cp >= 0x2010 && cp <= 0x2015))
        return 0;
    if (cp == '.') { /* "Gen.\nSmith": a title never ends a sentence */
        size_t ws = word_start(t, k - 1, start);
        if (abbrev_kind(t + ws, k - 1 - ws) == AB_TITLE) return 0;
    }
    return 1;
}

/* ---- splitting -------------------------------------------------------------------------- */

static int emit(const char *t, size_t start, size_t end, pl_spans *out)
{
    while (start < end && is_space(t, end, start)) start += pl_char_at(t, end, start).len;
    pl_char last;
    while (end > start && (last = pl_char_before(t, end)).cls == PL_CH_SPACE) end -= last.len;
    if (start == end) return 0;
    if (PL_GROW(out->v, out->cap, out->n + 1)) return -1;
    out->v[out->n++] = (pl_span){(uint32_t)start, (uint32_t)end};
    return 0;
}

/* Looks at the character at t[*i]: returns where the sentence ends if it ends one (else
 * NO_BREAK) and moves *i past it. */
static size_t terminator(const char *t, size_t len, size_t *i, size_t start)
{
    size_t at = *i, j = at + 1;
    switch (t[at]) {
    case '\n':
        *i = j;
        return line_break_ends(t, len, at, start) ? at : NO_BREAK;
    case '.':
        while (j < len && t[j] == '.') j++;
        *i = j;
        return j - at == 1 ? period_end(t, len, at, start) : loose_end(t, len, j, 1);
    case '?': case '!':
        while (j < len && (t[j] == '?' || t[j] == '!')) j++;
        *i = j;
        return loose_end(t, len, j, 0);
    case '\xE2': /* the first byte of the ellipsis character */
        if (len - at >= 3 && memcmp(t + at, "\xE2\x80\xA6", 3) == 0) {
            *i = at + 3;
            return loose_end(t, len, at + 3, 1);
        }
        break;
    default:
        break;
    }
    *i = j;
    return NO_BREAK;
}

int pl_split_sentences(const char *text, size_t len, pl_spans *out)
{
    if (len > UINT32_MAX) return -1; /* spans hold 32-bit offsets */
    size_t start = 0;
    for (size_t i = 0; i < len;) {
        size_t end = terminator(text, len, &i, start);
        if (end == NO_BREAK) continue;
        if (emit(text, start, end, out)) return -1;
        start = end;
        if (i < end) i = end; /* past the closing quotes */
    }
    return emit(text, start, len, out);
}

void pl_spans_free(pl_spans *s)
{
    free(s->v);
    s->v = NULL;
    s->n = s->cap = 0;
}
