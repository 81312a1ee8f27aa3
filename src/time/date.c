/* date.c: calendar arithmetic on day numbers (days since 1970-01-01). The conversions are
 * Howard Hinnant's days_from_civil / civil_from_days: exact for the proleptic Gregorian
 * calendar with no tables and no loops. */
#include "time/time.h"

int pl_date_is_leap(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int pl_date_days_in_month(int year, int month)
{
    static const unsigned char days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12) return 0;
    return days[month - 1] + (month == 2 && pl_date_is_leap(year));
}

int32_t pl_date_from_ymd(int year, int month, int day)
{
    if (year < 1 || year > 9999 || day < 1 || day > pl_date_days_in_month(year, month))
        return PL_DATE_NONE;
    /* Years start in March, so that the leap day is the last day of the year. */
    int y = month <= 2 ? year - 1 : year;
    int era = y / 400;                                   /* y >= 0 here */
    int yoe = y - era * 400;                             /* 0..399 */
    int mp = (month + 9) % 12;                           /* March = 0 */
    int doy = (153 * mp + 2) / 5 + day - 1;              /* 0..365 */
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;     /* 0..146096 */
    return (int32_t)(era * 146097 + doe - 719468);
}

void pl_date_to_ymd(int32_t day, int *year, int *month, int *mday)
{
    /* 64-bit: any int32_t day converts without overflow. */
    int64_t z = (int64_t)day + 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;                                  /* 0..146096 */
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);           /* 0..365 */
    int64_t mp = (5 * doy + 2) / 153;                                /* March = 0 */
    int64_t d = doy - (153 * mp + 2) / 5 + 1;
    int64_t m = mp < 10 ? mp + 3 : mp - 9;
    int64_t y = yoe + era * 400 + (m <= 2);
    if (year) *year = (int)y;
    if (month) *month = (int)m;
    if (mday) *mday = (int)d;
}

int pl_date_weekday(int32_t day)
{
    /* 1970-01-01 was a Thursday (3 in Monday-first order). */
    int r = (int)(day % 7);
    return (r + 7 + 3) % 7;
}

void pl_date_iso_week(int32_t day, int *iso_year, int *week)
{
    /* A week belongs to the year that holds its Thursday. */
    int32_t thursday = day - pl_date_weekday(day) + 3;
    int y;
    pl_date_to_ymd(thursday, &y, NULL, NULL);
    if (iso_year) *iso_year = y;
    if (week) *week = (int)((thursday - pl_date_from_ymd(y, 1, 1)) / 7 + 1);
}

int32_t pl_date_add_months(int32_t day, int months)
{
    int y, m, d;
    pl_date_to_ymd(day, &y, &m, &d);
    long idx = (long)y * 12 + (m - 1) + months;
    if (idx < 12 || idx >= 10000L * 12) return PL_DATE_NONE;
    y = (int)(idx / 12);
    m = (int)(idx % 12) + 1;
    int dim = pl_date_days_in_month(y, m);
    return pl_date_from_ymd(y, m, d > dim ? dim : d);
}

size_t pl_date_format(int32_t day, char *buf, size_t cap)
{
    if (cap < 11 || day == PL_DATE_NONE) return 0;
    int y, m, d;
    pl_date_to_ymd(day, &y, &m, &d);
    if (y < 1 || y > 9999) return 0;
    const int v[3] = {y, m, d};
    const int width[3] = {4, 2, 2};
    char *p = buf;
    for (int i = 0; i < 3; i++) {
        if (i) *p++ = '-';
        for (int k = width[i] - 1, x = v[i]; k >= 0; k--, x /= 10) p[k] = (char)('0' + x % 10);
        p += width[i];
    }
    *p = '\0';
    return 10;
}

static int digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

int32_t pl_date_from_text(const char *s, size_t len)
{
    if (len != 10 || s[4] != '-' || s[7] != '-') return PL_DATE_NONE;
    int y = digits(s, 4), m = digits(s + 5, 2), d = digits(s + 8, 2);
    if (y < 0 || m < 0 || d < 0) return PL_DATE_NONE;
    return pl_date_from_ymd(y, m, d);
}
