/* time.h: the time stage. Calendar dates as day numbers, and a recognizer of temporal
 * expressions in English news text ("September 3, 2021", "from Oct. 31 to Nov. 12",
 * "last week", "on Tuesday", "in March", "the 2022 budget"), each normalized to a range of
 * days relative to the story date. docs/time.md describes the rules. Internal to libparley.
 *
 * Everything here is pure: no allocation, no mutable globals, nothing printed. Threads may
 * call any function at any time. */
#ifndef PL_TIME_H
#define PL_TIME_H

#include <stddef.h>
#include <stdint.h>

/* ---- dates -------------------------------------------------------------------------------
 * A date is a day number: days since 1970-01-01 (proleptic Gregorian calendar), negative
 * before. PL_DATE_NONE stands for "no date" (an unknown story date, an unresolved
 * expression). Conversions accept years 1..9999. */
#define PL_DATE_NONE INT32_MIN

int pl_date_is_leap(int year);
/* 28..31, or 0 when month is not 1..12. */
int pl_date_days_in_month(int year, int month);
/* The day number of year-month-day, or PL_DATE_NONE when that is not a valid date. */
int32_t pl_date_from_ymd(int year, int month, int day);
/* The calendar date of a day number (which must not be PL_DATE_NONE). Any pointer may be
 * NULL. */
void pl_date_to_ymd(int32_t day, int *year, int *month, int *mday);
/* 0 Monday, 1 Tuesday, ... 6 Sunday (ISO 8601 order). */
int pl_date_weekday(int32_t day);
/* The ISO 8601 week of a day: its week-numbering year and week 1..53. */
void pl_date_iso_week(int32_t day, int *iso_year, int *week);
/* The same day `months` months later (earlier when negative), clamped to the month's end:
 * 2021-01-31 plus one month is 2021-02-28. PL_DATE_NONE outside years 1..9999. */
int32_t pl_date_add_months(int32_t day, int months);
/* Writes "YYYY-MM-DD" and a NUL to buf (cap >= 11); returns 10, or 0 (buf untouched) when
 * cap is too small or the year is outside 1..9999. */
size_t pl_date_format(int32_t day, char *buf, size_t cap);
/* The day number of exactly "YYYY-MM-DD" in s[0..len), or PL_DATE_NONE. */
int32_t pl_date_from_text(const char *s, size_t len);

/* ---- temporal expressions --------------------------------------------------------------- */

/* The time a clause speaks of, which decides partial and relative expressions: "on Tuesday"
 * is the last Tuesday (past) or the next one (future). UNKNOWN lets pl_time_scan() judge from
 * the words around each expression (pl_time_guess_tense()'s cues, nearest first). */
typedef enum pl_tense { PL_TENSE_UNKNOWN = 0, PL_TENSE_PAST, PL_TENSE_FUTURE } pl_tense;

typedef enum pl_time_precision {
    PL_PREC_DAY = 1,
    PL_PREC_WEEK,            /* an ISO week ("2021-W35") or a weekend ("2021-W35-WE") */
    PL_PREC_MONTH,
    PL_PREC_YEAR
} pl_time_precision;

enum pl_timex_flags {
    PL_TIMEX_RELATIVE = 1,   /* resolved against the story date: "yesterday", "in March",
                                "Sept. 3" (no year), "last week" */
    PL_TIMEX_RANGE = 2,      /* two ends: "from Aug. 31 to Sept. 3", "2019-2021" */
    PL_TIMEX_NAME = 4,       /* a year used as a name or a modifier ("the 2022 budget",
                                "Euro 2020", "the class of 2019"): not an event date */
    PL_TIMEX_UNRESOLVED = 8, /* relative, but the story date is unknown: first and last are
                                PL_DATE_NONE and value is "" */
    PL_TIMEX_ANAPHORIC = 16  /* relative to another date ("the day before", "two days
                                later"): the last day named earlier in the text, else the
                                story date */
};

#define PL_TIMEX_VALUE_MAX 24

typedef struct pl_timex {
    uint32_t start, end;     /* byte offsets in the scanned text, end exclusive */
    int32_t first, last;     /* the days it covers (equal for one day) */
    uint8_t precision;       /* pl_time_precision */
    uint8_t flags;           /* pl_timex_flags */
    /* "2021-09-03", "2021-W35", "2021-09", "2021"; a range joins its two ends with '/':
     * "2021-08-31/2021-09-03", "2019/2021". Early/mid/late narrow first..last, not value:
     * "late 2019" is "2019" with first 2019-09-01. */
    char value[PL_TIMEX_VALUE_MAX];
} pl_timex;

/* Finds the temporal expressions of text[0..len) (UTF-8; words matched ASCII
 * case-insensitively at word boundaries), left to right and never overlapping, and stores
 * up to cap of them in out. story_day is the story's date (PL_DATE_NONE when unknown:
 * relative expressions are then reported PL_TIMEX_UNRESOLVED). Returns the number stored.
 * A text with no digit and no date word is rejected after one quick pass over its bytes.
 * Texts of 4 GiB or more find nothing (offsets are 32-bit). */
size_t pl_time_scan(const char *text, size_t len, int32_t story_day, pl_tense tense,
                    pl_timex *out, size_t cap);

/* The tense of a sentence from its words: FUTURE when it has a future cue ("will", "'ll",
 * "shall", "would", "is scheduled", "plans to", "expected to", "set to", "to be held",
 * "going to", "upcoming", "next", "tomorrow"), else PAST (news mostly reports). */
pl_tense pl_time_guess_tense(const char *text, size_t len);

#endif
