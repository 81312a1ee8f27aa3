/* test_time.c: the time stage. Date arithmetic (leap years, month ends, weekdays, ISO weeks,
 * year boundaries), the key resolution rules of pl_time_scan() (tense, nearest month,
 * weekdays, names, unknown story dates), tense cues, and robustness: junk bytes, very long
 * texts, every sentence of the test set checked for invariants (under ASan in make check). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "time/time.h"
#include "time/time_int.h"

static int32_t D(const char *s)
{
    int32_t d = pl_date_from_text(s, strlen(s));
    assert_int_not_equal(d, PL_DATE_NONE);
    return d;
}

/* "YYYY-MM-DD" of a day, in a static buffer. */
static const char *S(int32_t day)
{
    static char buf[16];
    if (!pl_date_format(day, buf, sizeof buf)) snprintf(buf, sizeof buf, "none");
    return buf;
}

/* ---- dates ------------------------------------------------------------------------------- */

static void test_leap_and_month_ends(void **state)
{
    (void)state;
    assert_true(pl_date_is_leap(2000));
    assert_false(pl_date_is_leap(1900));
    assert_true(pl_date_is_leap(2024));
    assert_false(pl_date_is_leap(2023));
    assert_int_equal(pl_date_days_in_month(2024, 2), 29);
    assert_int_equal(pl_date_days_in_month(2023, 2), 28);
    assert_int_equal(pl_date_days_in_month(2100, 2), 28);
    assert_int_equal(pl_date_days_in_month(2021, 4), 30);
    assert_int_equal(pl_date_days_in_month(2021, 12), 31);
    assert_int_equal(pl_date_days_in_month(2021, 13), 0);
    assert_int_equal(pl_date_days_in_month(2021, 0), 0);
    assert_int_equal(pl_date_from_ymd(2021, 2, 29), PL_DATE_NONE);
    assert_int_equal(pl_date_from_ymd(1900, 2, 29), PL_DATE_NONE);
    assert_int_not_equal(pl_date_from_ymd(2000, 2, 29), PL_DATE_NONE);
    assert_int_equal(pl_date_from_ymd(2021, 4, 31), PL_DATE_NONE);
    assert_int_equal(pl_date_from_ymd(2021, 0, 1), PL_DATE_NONE);
    assert_int_equal(pl_date_from_ymd(0, 1, 1), PL_DATE_NONE);
    assert_int_equal(pl_date_from_ymd(10000, 1, 1), PL_DATE_NONE);
}

static void test_day_numbers(void **state)
{
    (void)state;
    assert_int_equal(pl_date_from_ymd(1970, 1, 1), 0);
    assert_int_equal(pl_date_from_ymd(1969, 12, 31), -1);
    assert_int_equal(pl_date_from_ymd(2000, 3, 1), 11017);
    assert_int_equal(pl_date_from_ymd(2021, 9, 6), 18876);
    /* Every day from 1600 to 2400 converts both ways, one after another. */
    int32_t day = pl_date_from_ymd(1600, 1, 1);
    for (int y = 1600; y <= 2400; y++)
        for (int m = 1; m <= 12; m++)
            for (int d = 1; d <= pl_date_days_in_month(y, m); d++, day++) {
                int yy, mm, dd;
                assert_int_equal(pl_date_from_ymd(y, m, d), day);
                pl_date_to_ymd(day, &yy, &mm, &dd);
                if (yy != y || mm != m || dd != d) fail_msg("%d-%d-%d came back wrong", y, m, d);
            }
}

static void test_weekdays_and_weeks(void **state)
{
    (void)state;
    int y, w;
    assert_int_equal(pl_date_weekday(0), 3);                      /* 1970-01-01 Thursday */
    assert_int_equal(pl_date_weekday(-1), 2);
    assert_int_equal(pl_date_weekday(D("2021-09-06")), 0);        /* Monday */
    assert_int_equal(pl_date_weekday(D("2000-01-01")), 5);        /* Saturday */
    assert_int_equal(pl_date_weekday(D("2023-12-31")), 6);        /* Sunday */
    assert_int_equal(pl_date_weekday(D("1900-01-01")), 0);
    pl_date_iso_week(D("2021-01-03"), &y, &w);
    assert_int_equal(y, 2020);
    assert_int_equal(w, 53);
    pl_date_iso_week(D("2021-01-04"), &y, &w);
    assert_int_equal(y, 2021);
    assert_int_equal(w, 1);
    pl_date_iso_week(D("2024-12-30"), &y, &w);
    assert_int_equal(y, 2025);
    assert_int_equal(w, 1);
    pl_date_iso_week(D("2021-09-06"), &y, &w);
    assert_int_equal(w, 36);
}

static void test_add_months(void **state)
{
    (void)state;
    assert_string_equal(S(pl_date_add_months(D("2021-01-31"), 1)), "2021-02-28");
    assert_string_equal(S(pl_date_add_months(D("2020-01-31"), 1)), "2020-02-29");
    assert_string_equal(S(pl_date_add_months(D("2021-12-15"), 1)), "2022-01-15");
    assert_string_equal(S(pl_date_add_months(D("2021-01-15"), -1)), "2020-12-15");
    assert_string_equal(S(pl_date_add_months(D("2021-03-31"), -1)), "2021-02-28");
    assert_string_equal(S(pl_date_add_months(D("2021-09-06"), -24)), "2019-09-06");
    assert_int_equal(pl_date_add_months(D("0001-01-15"), -1), PL_DATE_NONE);
}

static void test_text(void **state)
{
    (void)state;
    char buf[11];
    assert_int_equal(pl_date_format(D("0999-01-02"), buf, sizeof buf), 10);
    assert_string_equal(buf, "0999-01-02");
    assert_int_equal(pl_date_format(0, buf, 10), 0);
    assert_int_equal(pl_date_format(PL_DATE_NONE, buf, sizeof buf), 0);
    assert_int_equal(pl_date_from_text("2021-9-06", 9), PL_DATE_NONE);
    assert_int_equal(pl_date_from_text("2021-13-06", 10), PL_DATE_NONE);
    assert_int_equal(pl_date_from_text("2021/09/06", 10), PL_DATE_NONE);
    assert_int_equal(pl_date_from_text("2021-09-0x", 10), PL_DATE_NONE);
    assert_int_equal(pl_date_from_text("2021-09-06", 10), 18876);
}

/* ---- the scanner ------------------------------------------------------------------------- */

/* Scans text; returns the number found and fills *x with the first (zeroed when none). */
static size_t scan(const char *text, const char *story, pl_tense tense, pl_timex *x)
{
    pl_timex all[8];
    size_t n = pl_time_scan(text, strlen(text), story ? D(story) : PL_DATE_NONE, tense, all, 8);
    memset(x, 0, sizeof *x);
    if (n) *x = all[0];
    return n;
}

/* The value of the one expression in text. */
static const char *value1(const char *text, const char *story, pl_tense tense)
{
    static pl_timex x;
    assert_int_equal(scan(text, story, tense, &x), 1);
    return x.value;
}

static void test_year_boundaries(void **state)
{
    (void)state;
    const pl_tense P = PL_TENSE_PAST, F = PL_TENSE_FUTURE;
    /* "in December" in a January story: last December when past, this one when future. */
    assert_string_equal(value1("It happened in December.", "2024-01-15", P), "2023-12");
    assert_string_equal(value1("It happens in December.", "2024-01-15", F), "2024-12");
    assert_string_equal(value1("It happened in January.", "2024-01-15", P), "2024-01");
    assert_string_equal(value1("It happens in January.", "2024-01-15", F), "2024-01");
    assert_string_equal(value1("It happens in January.", "2024-02-01", F), "2025-01");
    assert_string_equal(value1("It happens next month.", "2021-12-15", P), "2022-01");
    assert_string_equal(value1("It happened last month.", "2021-01-04", P), "2020-12");
    assert_string_equal(value1("It happened last week.", "2021-01-04", P), "2020-W53");
    assert_string_equal(value1("It happens next week.", "2023-12-31", F), "2024-W01");
    assert_string_equal(value1("It happened last year.", "2000-01-01", P), "1999");
    assert_string_equal(value1("It happened on Dec. 31.", "2022-01-01", P), "2021-12-31");
    assert_string_equal(value1("It happens on Jan. 1.", "2021-12-31", F), "2022-01-01");
    assert_string_equal(value1("It happened yesterday.", "2021-01-01", P), "2020-12-31");
    assert_string_equal(value1("It ran Dec. 28-Jan. 3.", "2021-01-01", P),
                        "2020-12-28/2021-01-03");
}

static void test_leap_days(void **state)
{
    (void)state;
    const pl_tense P = PL_TENSE_PAST, F = PL_TENSE_FUTURE;
    assert_string_equal(value1("It fell on February 29.", "2021-03-01", P), "2020-02-29");
    assert_string_equal(value1("It falls on February 29.", "2021-03-01", F), "2024-02-29");
    assert_string_equal(value1("It happened yesterday.", "2024-03-01", P), "2024-02-29");
    assert_string_equal(value1("It happened on the 29th.", "2023-03-10", P), "2023-01-29");
    assert_int_equal(scan("It happened on February 30.", "2021-03-01", P, &(pl_timex){0}), 0);
}

static void test_weekday_rules(void **state)
{
    (void)state;
    const pl_tense P = PL_TENSE_PAST, F = PL_TENSE_FUTURE;
    /* 2021-09-07 is a Tuesday. */
    assert_string_equal(value1("They met on Tuesday.", "2021-09-07", P), "2021-09-07");
    assert_string_equal(value1("They meet on Tuesday.", "2021-09-07", F), "2021-09-07");
    assert_string_equal(value1("They met on Wednesday.", "2021-09-07", P), "2021-09-01");
    assert_string_equal(value1("They meet on Monday.", "2021-09-07", F), "2021-09-13");
    assert_string_equal(value1("They met last Tuesday.", "2021-09-07", F), "2021-08-31");
    assert_string_equal(value1("They meet next Tuesday.", "2021-09-07", P), "2021-09-14");
    assert_string_equal(value1("They met last Sunday.", "2021-09-07", P), "2021-09-05");
    assert_string_equal(value1("They met this weekend.", "2021-09-07", P), "2021-W35-WE");
    assert_string_equal(value1("They meet this weekend.", "2021-09-07", F), "2021-W36-WE");
}

static void test_tense_from_words(void **state)
{
    (void)state;
    const pl_tense U = PL_TENSE_UNKNOWN;
    assert_string_equal(value1("Kerry met Lee on Tuesday.", "2021-09-06", U), "2021-08-31");
    assert_string_equal(value1("Kerry will meet Lee on Tuesday.", "2021-09-06", U), "2021-09-07");
    assert_string_equal(value1("Kerry plans to meet Lee in March.", "2021-09-06", U), "2022-03");
    assert_string_equal(value1("Results will be announced on May 3.", "2021-09-06", U),
                        "2022-05-03");
    assert_int_equal(pl_time_guess_tense("He will go.", 11), PL_TENSE_FUTURE);
    assert_int_equal(pl_time_guess_tense("She'll go.", 10), PL_TENSE_FUTURE);
    assert_int_equal(pl_time_guess_tense("He won't go.", 12), PL_TENSE_FUTURE);
    assert_int_equal(pl_time_guess_tense("He won the vote.", 16), PL_TENSE_PAST);
    assert_int_equal(pl_time_guess_tense("The vote is scheduled.", 22), PL_TENSE_FUTURE);
    assert_int_equal(pl_time_guess_tense("Talks to be held in Oslo.", 25), PL_TENSE_FUTURE);
    assert_int_equal(pl_time_guess_tense("Talks were held in Oslo.", 24), PL_TENSE_PAST);
    assert_int_equal(pl_time_guess_tense("The will of the people.", 23), PL_TENSE_PAST);
    assert_int_equal(pl_time_guess_tense("Kerry plans to visit.", 21), PL_TENSE_FUTURE);
    assert_int_equal(pl_time_guess_tense("They meet next week.", 20), PL_TENSE_FUTURE);
    assert_int_equal(pl_time_guess_tense("", 0), PL_TENSE_PAST);
}

static void test_offsets_and_fields(void **state)
{
    (void)state;
    pl_timex x;
    const char *t = "Kerry returned on September 3, 2021 via Seoul.";
    assert_int_equal(scan(t, "2021-09-06", PL_TENSE_UNKNOWN, &x), 1);
    assert_int_equal(x.start, 18);
    assert_int_equal(x.end, 35);
    assert_int_equal(x.first, D("2021-09-03"));
    assert_int_equal(x.last, x.first);
    assert_int_equal(x.precision, PL_PREC_DAY);
    assert_int_equal(x.flags, 0);

    assert_int_equal(scan("It ran from August 31 to September 3, 2021.", NULL, 0, &x), 1);
    assert_string_equal(x.value, "2021-08-31/2021-09-03");
    assert_int_equal(x.flags, PL_TIMEX_RANGE);
    assert_int_equal(x.last - x.first, 3);

    assert_int_equal(scan("It rose in late 2019.", NULL, 0, &x), 1);
    assert_string_equal(x.value, "2019");
    assert_int_equal(x.precision, PL_PREC_YEAR);
    assert_string_equal(S(x.first), "2019-09-01");
    assert_string_equal(S(x.last), "2019-12-31");

    assert_int_equal(scan("It fell in early March.", "2021-09-06", 0, &x), 1);
    assert_string_equal(S(x.first), "2021-03-01");
    assert_string_equal(S(x.last), "2021-03-10");
    assert_int_equal(x.flags, PL_TIMEX_RELATIVE);

    assert_int_equal(scan("They met last week.", "2021-09-06", 0, &x), 1);
    assert_string_equal(S(x.first), "2021-08-30");
    assert_string_equal(S(x.last), "2021-09-05");
    assert_int_equal(x.precision, PL_PREC_WEEK);
}

static void test_names_and_unknown_story(void **state)
{
    (void)state;
    pl_timex x;
    assert_int_equal(scan("They passed the 2022 budget.", "2021-09-06", 0, &x), 1);
    assert_int_equal(x.flags, PL_TIMEX_NAME);
    assert_string_equal(x.value, "2022");
    assert_int_equal(scan("They met yesterday.", NULL, 0, &x), 1);
    assert_int_equal(x.flags, PL_TIMEX_RELATIVE | PL_TIMEX_UNRESOLVED);
    assert_int_equal(x.first, PL_DATE_NONE);
    assert_int_equal(x.last, PL_DATE_NONE);
    assert_string_equal(x.value, "");
    assert_int_equal(x.precision, PL_PREC_DAY);
    assert_int_equal(scan("It happened in 2019.", NULL, 0, &x), 1);
    assert_string_equal(x.value, "2019");
    assert_int_equal(scan("The day before, they met.", "2021-09-06", 0, &x), 1);
    assert_int_equal(x.flags, PL_TIMEX_RELATIVE | PL_TIMEX_ANAPHORIC);
    assert_string_equal(x.value, "2021-09-05");
}

static void test_arguments(void **state)
{
    (void)state;
    pl_timex x[2];
    const char *t = "On May 2, 2021 and May 3, 2021.";
    assert_int_equal(pl_time_scan(t, strlen(t), 0, PL_TENSE_PAST, x, 1), 1);
    assert_int_equal(pl_time_scan(t, strlen(t), 0, PL_TENSE_PAST, x, 2), 2);
    assert_int_equal(pl_time_scan(t, strlen(t), 0, PL_TENSE_PAST, x, 0), 0);
    assert_int_equal(pl_time_scan(t, strlen(t), 0, PL_TENSE_PAST, NULL, 2), 0);
    assert_int_equal(pl_time_scan(NULL, 5, 0, PL_TENSE_PAST, x, 2), 0);
    assert_int_equal(pl_time_scan(t, 0, 0, PL_TENSE_PAST, x, 2), 0);
    /* A text cut inside an expression: only what lies inside it counts. */
    assert_int_equal(pl_time_scan(t, 8, D("2021-09-06"), PL_TENSE_PAST, x, 2), 1);
    assert_int_equal(x[0].end, 8);
    assert_string_equal(x[0].value, "2021-05-02");
}

/* The quick rejection: a digit anywhere (in every position of the 8-byte blocks) or an anchor
 * word lets the scan run; nothing else does. */
static void test_quick_rejection(void **state)
{
    (void)state;
    char buf[40];
    for (int pos = 0; pos < 20; pos++)
        for (char c = '0'; c <= '9'; c++) {
            memset(buf, 'x', sizeof buf);
            buf[pos] = c;
            assert_true(pl_time_has_anchor(buf, 20));
            assert_false(pl_time_has_anchor(buf, (size_t)pos));
        }
    memset(buf, 0, sizeof buf);
    for (int c = 1; c < 256; c++) {
        if (c >= '0' && c <= '9') continue;
        memset(buf, c, 24);
        if (pl_time_has_anchor(buf, 24)) fail_msg("byte %d taken for a digit", c);
    }
    static const char *const yes[] = {"in March", "TUESDAY", "last week", "tonight", "weekend",
                                       "a day", "years", "Sept", "afternoon", "yesterday"};
    static const char *const no[] = {"the talks were held in the capital", "Sun Sat Wed",
                                      "mayor marching", "minister", ""};
    for (size_t k = 0; k < sizeof yes / sizeof *yes; k++)
        assert_true(pl_time_has_anchor(yes[k], strlen(yes[k])));
    for (size_t k = 0; k < sizeof no / sizeof *no; k++)
        assert_false(pl_time_has_anchor(no[k], strlen(no[k])));
    /* The test may let a word through that the scan then rejects: "May" inside "Mayıs". */
    pl_timex x;
    assert_int_equal(scan("In Mayıs 2021 it rained.", "2021-09-06", 0, &x), 0);
}

/* Random bytes, and random sequences of date words and punctuation: never a crash, an
 * out-of-range offset or an inconsistent expression. */
static void test_junk(void **state)
{
    (void)state;
    static const char *const words[] = {
        "May", "March", "Sept", ".", ",", "-", "\xE2\x80\x93", "3", "31st", "2021", "2019-21",
        "from", "to", "between", "and", "the", "of", "on", "last", "next", "this", "week",
        "weekend", "Tuesday", "yesterday", "ago", "two", "days", "early", "mid", "end", "day",
        "before", "in", "2,000", "\xC3\xA9", "\xFF", " ", "'s", "time", "2021-09-03", "Jan",
        "following", "earlier", "later", "today", "night", "a", "year"};
    const size_t nwords = sizeof words / sizeof words[0];
    uint32_t seed = 12345;
    char text[512];
    pl_timex x[64];
    for (int round = 0; round < 20000; round++) {
        size_t len = 0;
        int n = (int)((seed >> 8) % 40);
        for (int k = 0; k < n; k++) {
            seed = seed * 1103515245u + 12345u;
            const char *w = words[(seed >> 16) % nwords];
            size_t wl = strlen(w);
            if (round % 4 == 0) w = (const char *)&seed, wl = 4;      /* raw bytes */
            if (len + wl + 1 >= sizeof text) break;
            memcpy(text + len, w, wl);
            len += wl;
            if (seed & 0x100) text[len++] = ' ';
        }
        int32_t story = (round & 1) ? PL_DATE_NONE : (int32_t)(seed % 30000);
        size_t found = pl_time_scan(text, len, story, (pl_tense)(round % 3), x, 64);
        for (size_t k = 0; k < found; k++) {
            assert_true(x[k].start < x[k].end && x[k].end <= len);
            assert_true(k == 0 || x[k].start >= x[k - 1].end);
            if (!(x[k].flags & PL_TIMEX_UNRESOLVED)) assert_true(x[k].first <= x[k].last);
        }
        (void)pl_time_guess_tense(text, len);
    }
}

/* A long text: the fixed-size token ring must give the same answers as short texts. */
static void test_long_text(void **state)
{
    (void)state;
    static const char piece[] = "Troops left on May 5, 2021 and returned two days later. ";
    enum { REPS = 5000 };
    size_t plen = sizeof piece - 1, len = plen * REPS + 40;
    char *text = malloc(len + 1);
    pl_timex *x = malloc(2 * REPS * sizeof *x + 8 * sizeof *x);
    assert_non_null(text);
    assert_non_null(x);
    for (size_t k = 0; k < REPS; k++) memcpy(text + k * plen, piece, plen);
    memcpy(text + plen * REPS, "word word word word in 2019.            ", 40);
    size_t n = pl_time_scan(text, len, D("2021-09-06"), PL_TENSE_UNKNOWN, x, 2 * REPS + 8);
    assert_int_equal(n, 2 * REPS + 1);
    for (size_t k = 0; k < REPS; k++) {
        assert_int_equal(x[2 * k].start, k * plen + 15);
        assert_string_equal(x[2 * k].value, "2021-05-05");
        assert_string_equal(x[2 * k + 1].value, "2021-05-07");
    }
    assert_string_equal(x[2 * REPS].value, "2019");
    /* No date word at all: the quick rejection. */
    memset(text, 'x', len);
    assert_int_equal(pl_time_scan(text, len, 0, PL_TENSE_PAST, x, 8), 0);
    free(text);
    free(x);
}

/* Every sentence of the test set, brackets removed, under this build (ASan in make check):
 * the runner checks the answers, this checks that nothing misbehaves. */
static void test_expression_file(void **state)
{
    (void)state;
    FILE *f = fopen("tests/time/expressions.txt", "r");
    if (!f) skip();
    char line[4096], text[4096];
    pl_timex x[32];
    int lines = 0;
    while (fgets(line, sizeof line, f)) {
        char *a = strchr(line, '|'), *b = strrchr(line, '|');
        if (line[0] == '#' || !a || a == b) continue;
        size_t n = 0;
        for (char *p = a + 1; p < b; p++)
            if (*p != '[' && *p != ']') text[n++] = *p;
        size_t found = pl_time_scan(text, n, D("2021-09-06"), PL_TENSE_UNKNOWN, x, 32);
        for (size_t k = 0; k < found; k++) assert_true(x[k].end <= n);
        lines++;
    }
    fclose(f);
    assert_true(lines >= 300);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_leap_and_month_ends),
        cmocka_unit_test(test_day_numbers),
        cmocka_unit_test(test_weekdays_and_weeks),
        cmocka_unit_test(test_add_months),
        cmocka_unit_test(test_text),
        cmocka_unit_test(test_year_boundaries),
        cmocka_unit_test(test_leap_days),
        cmocka_unit_test(test_weekday_rules),
        cmocka_unit_test(test_tense_from_words),
        cmocka_unit_test(test_offsets_and_fields),
        cmocka_unit_test(test_names_and_unknown_story),
        cmocka_unit_test(test_arguments),
        cmocka_unit_test(test_quick_rejection),
        cmocka_unit_test(test_junk),
        cmocka_unit_test(test_long_text),
        cmocka_unit_test(test_expression_file),
    };
    return cmocka_run_group_tests_name("time", tests, NULL, NULL);
}
