/* time_int.h: what the files of src/time share: the tokens of the time scanner and its
 * keywords. Private to src/time. */
#ifndef PL_TIME_INT_H
#define PL_TIME_INT_H

#include <stddef.h>
#include <stdint.h>

#include "time/time.h"

/* ---- keywords ----------------------------------------------------------------------------
 * Every word the rules look at. Months are their number and weekdays follow them, so that
 * arithmetic on the id gives the month or the weekday. Ids up to KW_LAST_ANCHOR are the
 * anchors: an expression holds a digit or one of them, which is what the quick rejection
 * tests. */
enum pl_kw {
    KW_NONE = 0,
    KW_JAN = 1, KW_DEC = 12,                   /* months 1..12 */
    KW_MON = 13, KW_SUN = 19,                  /* weekdays, Monday first */
    KW_YESTERDAY, KW_TODAY, KW_TOMORROW, KW_TONIGHT,
    KW_DAY, KW_WEEK, KW_MONTH, KW_YEAR, KW_WEEKEND,      /* units, in this order */
    KW_MORNING, KW_AFTERNOON, KW_EVENING, KW_NIGHT,      /* parts of a day */
    KW_LAST_ANCHOR = KW_NIGHT,
    KW_LAST, KW_THIS, KW_NEXT, KW_COMING, KW_PAST, KW_PREVIOUS, KW_FOLLOWING,
    KW_EARLIER, KW_LATER, KW_EARLY, KW_LATE, KW_MID, KW_AGO,
    KW_BEFORE, KW_AFTER, KW_END, KW_BEGINNING, KW_START, KW_MIDDLE,
    KW_THE, KW_A, KW_OF, KW_ON, KW_IN, KW_FROM, KW_BETWEEN, KW_TO, KW_UNTIL, KW_THROUGH,
    KW_AND, KW_OR, KW_SINCE, KW_BY, KW_DURING, KW_OVER, KW_AT, KW_TIME, KW_FOR,
    KW_NUMBER,               /* one..thirty: the value is in kwv */
    KW_DET,                  /* other determiners and possessives: its, their, every... */
    KW_NAME_OF,              /* "class of 2019", "the Treaty of 1648": a year as a name */
    KW_HOLIDAY,              /* "Good Friday", "Black Monday": a weekday in a name */
    KW_SEASON,               /* "summer 2019" */
    KW_WILL, KW_WOULD, KW_SHALL, KW_LL, KW_WON, KW_BE, KW_IS, KW_GOING, KW_PLAN, KW_INTEND,
    KW_PLANNED, KW_SCHEDULED, KW_EXPECTED, KW_SET, KW_UPCOMING, KW_HELD,
    KW_PAST_VERB             /* was, had, said, met...: a past tense cue */
};

enum pl_kw_flags {
    KF_ABBR = 1,             /* a month abbreviation: "Sept", "Oct" */
    KF_AMBIG = 2,            /* a month that is also a common word: May, March, August */
    KF_PLURAL = 4,           /* "days", "weeks" */
    KF_DET = 8,              /* a determiner or possessive before a noun ("the", "his") */
    KF_TRIGGER = 16          /* a preposition after which a bare month or year is a date */
};

/* ---- tokens ------------------------------------------------------------------------------ */

enum pl_ttok_kind {
    TK_END = 0,              /* past the end of the text */
    TK_WORD,                 /* ASCII letters only */
    TK_NUM,                  /* digits ("2021", "3", "09"; "2,000" and "1.5" are GROUPED) */
    TK_ORD,                  /* an ordinal: "3rd", "21st" */
    TK_OTHER,                /* letters and digits mixed, or non-ASCII letters: "COP26" */
    TK_PUNCT                 /* one punctuation character; every dash is '-' */
};

enum pl_ttok_flags {
    TF_CAP = 1,              /* first letter upper case */
    TF_SPACE = 2,            /* white space before it */
    TF_GROUPED = 4           /* a number with ',' or '.' inside */
};

typedef struct pl_ttok {
    uint32_t start, end;     /* bytes in the text */
    uint8_t kind, flags;
    uint8_t kw, kwf;         /* keyword id and flags (words) */
    uint8_t kwv;             /* a number word's value */
    uint8_t ndigits;         /* digits of a TK_NUM (up to 255) */
    char punct;              /* the character of a TK_PUNCT */
    int32_t num;             /* the value of a TK_NUM or TK_ORD, capped at 999999 */
} pl_ttok;

/* Reads the token that starts at or after s[*pos] (white space skipped) into t and moves
 * *pos past it. At the end of the text, a TK_END token at len. */
void pl_time_lex(const char *s, uint32_t len, uint32_t *pos, pl_ttok *t);

/* 1 if s[0..len) holds a digit or an anchor word: the quick rejection test. */
int pl_time_has_anchor(const char *s, size_t len);

/* ---- the scanner --------------------------------------------------------------------------
 * Tokens are lexed on demand into a ring: a rule may look up to PL_TSCAN_AHEAD tokens ahead
 * of the token the scan is at and PL_TSCAN_BEHIND tokens behind it. No allocation: a text of
 * any length is scanned in this fixed space. */
#define PL_TSCAN_RING 128u
#define PL_TSCAN_BEHIND 16u
#define PL_TSCAN_AHEAD 48u

typedef struct pl_tscan {
    const char *s;
    uint32_t len, pos;       /* pos: where lexing resumes */
    uint32_t ntok;           /* tokens lexed so far */
    int32_t story;           /* the story date, or PL_DATE_NONE */
    uint8_t tense;           /* the caller's pl_tense */
    uint8_t sentence;        /* the whole text's tense, once needed (0 before) */
    uint8_t has_prev;        /* an expression was found: the fields below describe it */
    uint8_t prev_prec, prev_flags;
    uint32_t prev_end;       /* the token after it */
    int32_t anchor;          /* the first day of the last date found, for "the day before" */
    uint8_t anchor_prec;     /* its precision: "the year after" may follow "in 2003" */
    pl_ttok ring[PL_TSCAN_RING];
} pl_tscan;

/* An expression found: tokens [t0, t1) and what they mean. */
typedef struct pl_thit {
    uint32_t t0, t1;
    int32_t first, last;
    uint8_t prec, prec_last; /* pl_time_precision of first and of last (ranges) */
    uint8_t flags;           /* pl_timex_flags, plus HF_WEEKEND */
} pl_thit;

#define HF_WEEKEND 0x80      /* a weekend: value "YYYY-Www-WE" */

void pl_tscan_init(pl_tscan *sc, const char *s, uint32_t len, int32_t story, pl_tense tense);
/* Token i (lexed when first asked for). */
static inline const pl_ttok *pl_tok(pl_tscan *sc, uint32_t i)
{
    while (sc->ntok <= i) {
        pl_time_lex(sc->s, sc->len, &sc->pos, &sc->ring[sc->ntok % PL_TSCAN_RING]);
        sc->ntok++;
    }
    return &sc->ring[i % PL_TSCAN_RING];
}
/* Token i - k, or a TK_END token when that is before the text (or out of the ring). */
const pl_ttok *pl_tok_back(pl_tscan *sc, uint32_t i, uint32_t k);

/* The tense that decides the expression at tokens [t0, t1): the caller's, else the nearest
 * cue around it, else the whole text's. Never UNKNOWN. */
pl_tense pl_tscan_tense(pl_tscan *sc, uint32_t t0, uint32_t t1);

/* Rule families, each trying to match an expression that starts at token i. */
int pl_time_calendar(pl_tscan *sc, uint32_t i, pl_thit *h);     /* dates, ranges, years */
int pl_time_relative(pl_tscan *sc, uint32_t i, pl_thit *h);     /* yesterday, last week... */
/* "this|last|next|the|coming week|month|year" at token i (for "late last year", "the end of
 * the month"). */
int pl_time_rel_unit(pl_tscan *sc, uint32_t i, pl_thit *h);

/* Setting a hit's days; each returns 1. */
int pl_thit_day(pl_thit *h, int32_t day);
int pl_thit_week(pl_thit *h, int32_t day);                      /* the ISO week of day */
int pl_thit_month(pl_thit *h, int year, int month);
int pl_thit_year(pl_thit *h, int year);
/* A relative expression when the story date is unknown. */
int pl_thit_unresolved(pl_thit *h, int prec);
/* Narrows a month or a year hit to its early (1), middle (2) or late (3) part. */
void pl_thit_narrow(pl_thit *h, int part);

/* The day of weekday wd (0 Monday) nearest to day in direction dir: -2 strictly before,
 * -1 on or before, 1 on or after, 2 strictly after. */
int32_t pl_weekday_near(int32_t day, int wd, int dir);

#endif
