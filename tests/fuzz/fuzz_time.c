/* fuzz_time.c: libFuzzer target for the time stage (src/time): pl_time_scan() and
 * pl_time_guess_tense().
 *
 * The first 4 bytes of the input are a story day (int32, little-endian); the rest is the
 * text. An input shorter than 4 bytes is all text, with no story day of its own. The text
 * is scanned with each tense (unknown, past, future) and each of these story days: the
 * input's own, the same folded into years 1..9999 (when it lies outside), a fixed day
 * (2021-09-06) and none (PL_DATE_NONE). Then pl_time_guess_tense() judges the text and
 * pl_date_from_text() reads it.
 *
 * Checked besides the sanitizers, as src/time/time.h promises:
 *   - the count is at most cap, and nothing is written past out[cap) (out is allocated with
 *     exactly cap slots, so ASan sees a write past it); a smaller cap gives the first
 *     expressions of a larger one, the same (the scan is pure);
 *   - every span lies inside the text with start < end, left to right, never overlapping,
 *     and (when the text is valid UTF-8) does not cut a character;
 *   - precision is day, week, month or year; flags are known ones;
 *   - unresolved (PL_TIMEX_UNRESOLVED): relative, first = last = PL_DATE_NONE, value "",
 *     and only when the story date is unknown (or outside years 2..9998, which the scanner
 *     takes for unknown);
 *   - otherwise: first <= last, both in years 1..9999, value NUL-terminated inside its
 *     PL_TIMEX_VALUE_MAX bytes and of a known shape: "YYYY-MM-DD", "YYYY-Www",
 *     "YYYY-Www-WE", "YYYY-MM", "YYYY", or two of them joined by '/' when PL_TIMEX_RANGE.
 *     The first end is of the expression's precision; the days it names hold `first` (and
 *     `last` too when it is not a range); the second end holds `last`;
 *   - pl_time_guess_tense() says past or future;
 *   - pl_date_from_text() gives a day only for exactly "YYYY-MM-DD", which it formats back.
 * A broken promise aborts, so libFuzzer keeps the input as a crash.
 *
 * PARLEY_FUZZ_WRITE_SEEDS=DIR: writes seed inputs of its own (a story day and a sentence
 * with dates) into DIR and exits, before any input is run. tests/fuzz/fuzz.mk uses it.
 *
 * Built by tests/fuzz/fuzz.mk (`make fuzz`) with clang -fsanitize=fuzzer,address,undefined,
 * compiled together with the library's sources. */
#include "time/time.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8_check.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CAP_FULL 64

static void fail(const char *what, const char *detail)
{
    fprintf(stderr, "fuzz_time: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
    abort();
}

static int32_t min_day, max_day;     /* 0001-01-01 and 9999-12-31 */
static int32_t scan_min, scan_max;   /* 0002-01-01 and 9998-12-31: the scanner's range */

/* ---- seeds ---------------------------------------------------------------------------------- */

/* Sentences written for this file, each with the story day it is read against ("" when the
 * story date is unknown). */
static const struct {
    const char *date, *text;
} seeds[] = {
    {"2021-09-06", "The envoy flew to Oslo on September 3, 2021 and met the mediators."},
    {"2021-09-06", "Talks resumed on Tuesday and will continue next week in Geneva."},
    {"2021-09-06", "From Aug. 31 to Sept. 3 the delegations met twice a day."},
    {"2024-01-15", "The vote, set for Feb. 20, was delayed until late March."},
    {"2024-01-15", "Two days ago the minister resigned; the day before, he had denied it."},
    {"", "Officials said yesterday that the accord of 1994 still holds."},
    {"", "The summit will be held this weekend, three weeks after the 2022 budget passed."},
    {"2023-12-31", "Between 2014 and 2016 the drought cut harvests; early 2017 was wetter."},
    {"2022-06-18", "The court met on the 5th and again on 2022-06-14, then last Friday."},
    {"2025-05-09", "In three weeks' time the mission ends, a year later than planned."},
    {"0002-01-01", "Last year, the day before yesterday, a week ago: early in the week."},
    {"9998-12-31", "Next year, next month, in two years and the following week."},
    {"2020-02-29", "The deadline of Feb. 29 passed; the next one is March 2021-2022."},
};

static int write_seeds(const char *dir)
{
    for (size_t i = 0; i < sizeof seeds / sizeof *seeds; i++) {
        int32_t day = seeds[i].date[0] ? pl_date_from_text(seeds[i].date, 10) : PL_DATE_NONE;
        if (seeds[i].date[0] && day == PL_DATE_NONE) fail("bad seed date", seeds[i].date);
        uint32_t u = (uint32_t)day;
        unsigned char prefix[4] = {(unsigned char)u, (unsigned char)(u >> 8),
                                   (unsigned char)(u >> 16), (unsigned char)(u >> 24)};
        char path[4200];
        int n = snprintf(path, sizeof path, "%s/seed-own-%02zu", dir, i);
        if (n < 0 || (size_t)n >= sizeof path) return -1;
        FILE *f = fopen(path, "wb");
        if (!f) return -1;
        int ok = fwrite(prefix, 1, 4, f) == 4 && fputs(seeds[i].text, f) >= 0;
        if (fclose(f) != 0 || !ok) return -1;
    }
    return 0;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    min_day = pl_date_from_ymd(1, 1, 1);
    max_day = pl_date_from_ymd(9999, 12, 31);
    scan_min = pl_date_from_ymd(2, 1, 1);
    scan_max = pl_date_from_ymd(9998, 12, 31);
    const char *dir = getenv("PARLEY_FUZZ_WRITE_SEEDS");
    if (dir && *dir) {
        if (write_seeds(dir) < 0) {
            perror(dir);
            exit(1);
        }
        exit(0);
    }
    return 0;
}

/* ---- values ------------------------------------------------------------------------------- */

static int num(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* The Monday of ISO week `week` of ISO year y, or PL_DATE_NONE when the year has no such
 * week. */
static int32_t iso_monday(int y, int week)
{
    int32_t jan4 = pl_date_from_ymd(y, 1, 4);
    if (jan4 == PL_DATE_NONE || week < 1 || week > 53) return PL_DATE_NONE;
    int32_t monday = jan4 - pl_date_weekday(jan4) + 7 * (week - 1);
    int wy, w;
    pl_date_iso_week(monday, &wy, &w);
    return wy == y && w == week ? monday : PL_DATE_NONE;
}

/* One end of a value, p[0..n): its precision, and the days [*lo, *hi] it names; 0 when it
 * is not of a known shape. */
static int parse_point(const char *p, size_t n, int *prec, int32_t *lo, int32_t *hi)
{
    if (n < 4) return 0;
    int y = num(p, 4);
    if (y < 1) return 0;
    if (n == 4) {
        *prec = PL_PREC_YEAR;
        *lo = pl_date_from_ymd(y, 1, 1);
        *hi = pl_date_from_ymd(y, 12, 31);
        return 1;
    }
    if (p[4] != '-') return 0;
    if ((n == 8 || n == 11) && p[5] == 'W') {
        int w = num(p + 6, 2);
        if (w < 0 || (n == 11 && memcmp(p + 8, "-WE", 3) != 0)) return 0;
        int32_t monday = iso_monday(y, w);
        if (monday == PL_DATE_NONE) return 0;
        *prec = PL_PREC_WEEK;
        /* A weekend is Saturday and Sunday of its week. */
        *lo = n == 11 ? monday + 5 : monday;
        *hi = monday + 6;
        return 1;
    }
    int m = num(p + 5, 2);
    if (m < 1 || m > 12) return 0;
    if (n == 7) {
        *prec = PL_PREC_MONTH;
        *lo = pl_date_from_ymd(y, m, 1);
        *hi = pl_date_from_ymd(y, m, pl_date_days_in_month(y, m));
        return 1;
    }
    if (n != 10 || p[7] != '-') return 0;
    int d = num(p + 8, 2);
    int32_t day = d < 0 ? PL_DATE_NONE : pl_date_from_ymd(y, m, d);
    if (day == PL_DATE_NONE) return 0;
    *prec = PL_PREC_DAY;
    *lo = *hi = day;
    return 1;
}

static void check_value(const pl_timex *x)
{
    const char *v = x->value;
    const char *nul = memchr(v, 0, PL_TIMEX_VALUE_MAX);
    if (!nul) fail("value is not NUL-terminated", NULL);
    size_t len = (size_t)(nul - v);
    const char *slash = memchr(v, '/', len);
    if (!!slash != !!(x->flags & PL_TIMEX_RANGE))
        fail("value has a '/' exactly when PL_TIMEX_RANGE is set", v);
    size_t n1 = slash ? (size_t)(slash - v) : len;
    int prec;
    int32_t lo, hi;
    if (!parse_point(v, n1, &prec, &lo, &hi)) fail("value of an unknown shape", v);
    if (prec != x->precision) fail("value's first end is not of the expression's precision", v);
    if (x->first < lo || x->first > hi) fail("value's first end does not hold first", v);
    if (!slash) {
        if (x->last < lo || x->last > hi) fail("value does not hold last", v);
        return;
    }
    if (!parse_point(slash + 1, len - n1 - 1, &prec, &lo, &hi))
        fail("value's second end of an unknown shape", v);
    if (x->last < lo || x->last > hi) fail("value's second end does not hold last", v);
}

/* ---- one scan ------------------------------------------------------------------------------ */

static int continuation(const char *text, size_t len, size_t at)
{
    return at < len && ((unsigned char)text[at] & 0xC0) == 0x80;
}

static void check_scan(const char *text, size_t len, int valid, int32_t day, pl_tense tense)
{
    pl_timex *out = malloc(CAP_FULL * sizeof *out);
    if (!out) return;
    memset(out, 0, CAP_FULL * sizeof *out); /* padding too: compared with memcmp below */
    size_t n = pl_time_scan(text, len, day, tense, out, CAP_FULL);
    if (n > CAP_FULL) fail("pl_time_scan returned more than cap", NULL);
    int unknown = day == PL_DATE_NONE || day < scan_min || day > scan_max;
    const int known_flags = PL_TIMEX_RELATIVE | PL_TIMEX_RANGE | PL_TIMEX_NAME |
                            PL_TIMEX_UNRESOLVED | PL_TIMEX_ANAPHORIC;
    for (size_t i = 0; i < n; i++) {
        const pl_timex *x = &out[i];
        if (x->start >= x->end) fail("span with start >= end", NULL);
        if (x->end > len) fail("span past the end of the text", NULL);
        if (i && x->start < out[i - 1].end) fail("spans overlap or go backwards", NULL);
        if (valid && (continuation(text, len, x->start) || continuation(text, len, x->end)))
            fail("span cuts a UTF-8 character", NULL);
        if (x->precision < PL_PREC_DAY || x->precision > PL_PREC_YEAR)
            fail("unknown precision", NULL);
        if (x->flags & ~known_flags) fail("unknown flags", NULL);
        if (x->flags & PL_TIMEX_UNRESOLVED) {
            if (!unknown) fail("unresolved although the story date is known", NULL);
            if (!(x->flags & PL_TIMEX_RELATIVE)) fail("unresolved but not relative", NULL);
            if (x->first != PL_DATE_NONE || x->last != PL_DATE_NONE)
                fail("unresolved with days", NULL);
            if (x->value[0]) fail("unresolved with a value", x->value);
            continue;
        }
        if (x->first == PL_DATE_NONE || x->last == PL_DATE_NONE)
            fail("no days, yet not flagged unresolved", NULL);
        if (x->first > x->last) fail("first after last", NULL);
        if (x->first < min_day || x->last > max_day) fail("days outside years 1..9999", NULL);
        check_value(x);
    }

    /* A smaller cap: the first expressions of the larger one, and nothing written past it. */
    size_t small = 1 + (len % 3);
    pl_timex *few = malloc(small * sizeof *few);
    if (few) {
        memset(few, 0, small * sizeof *few);
        size_t k = pl_time_scan(text, len, day, tense, few, small);
        if (k > small) fail("pl_time_scan returned more than a small cap", NULL);
        if (k != (n < small ? n : small)) fail("a smaller cap found a different count", NULL);
        for (size_t i = 0; i < k; i++)
            if (memcmp(&few[i], &out[i], sizeof *few) != 0)
                fail("a smaller cap found different expressions", NULL);
        free(few);
    }
    free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int32_t own = PL_DATE_NONE;
    int has_own = size >= 4;
    if (has_own) {
        uint32_t u = (uint32_t)data[0] | (uint32_t)data[1] << 8 | (uint32_t)data[2] << 16 |
                     (uint32_t)data[3] << 24;
        memcpy(&own, &u, sizeof own);
        data += 4, size -= 4;
    }
    const char *text = (const char *)data;
    int32_t days[4];
    size_t ndays = 0;
    days[ndays++] = PL_DATE_NONE;
    days[ndays++] = pl_date_from_ymd(2021, 9, 6);
    if (has_own && own != PL_DATE_NONE) {
        days[ndays++] = own;
        if (own < min_day || own > max_day) {
            uint32_t span = (uint32_t)(max_day - min_day) + 1;
            days[ndays++] = min_day + (int32_t)((uint32_t)own % span);
        }
    }
    static const pl_tense tenses[] = {PL_TENSE_UNKNOWN, PL_TENSE_PAST, PL_TENSE_FUTURE};
    int valid = utf8_valid_nul(data, size, 1);
    for (size_t d = 0; d < ndays; d++)
        for (size_t t = 0; t < sizeof tenses / sizeof *tenses; t++)
            check_scan(text, size, valid, days[d], tenses[t]);

    pl_tense tense = pl_time_guess_tense(text, size);
    if (tense != PL_TENSE_PAST && tense != PL_TENSE_FUTURE)
        fail("pl_time_guess_tense is neither past nor future", NULL);

    int32_t day = pl_date_from_text(text, size);
    if (day != PL_DATE_NONE) {
        char buf[11];
        if (size != 10 || pl_date_format(day, buf, sizeof buf) != 10 ||
            memcmp(buf, text, 10) != 0)
            fail("pl_date_from_text gave a day that does not format back to the text", NULL);
    }
    return 0;
}
