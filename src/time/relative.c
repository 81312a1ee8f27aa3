/* relative.c: expressions resolved against the story date: "yesterday", "tonight",
 * "Tuesday night", "last Friday", "next week", "this weekend", "earlier this month",
 * "two days ago", "in three weeks", "on the 5th"; and against another date, "the day
 * before", "the following week", "two days later" (anaphoric: the last date found earlier
 * in the text, else the story date). */
#include <string.h>

#include "time/time_int.h"

static const pl_ttok *T(pl_tscan *sc, uint32_t i) { return pl_tok(sc, i); }
static int kw_of(const pl_ttok *t) { return t->kind == TK_WORD ? t->kw : 0; }
static int is_weekday_kw(int kw) { return kw >= KW_MON && kw <= KW_SUN; }
static int is_singular(const pl_ttok *t) { return !(t->kwf & KF_PLURAL); }

/* A calendar unit word at token i: KW_DAY, KW_WEEK, KW_MONTH or KW_YEAR, else 0. */
static int unit_at(pl_tscan *sc, uint32_t i)
{
    int kw = kw_of(T(sc, i));
    return kw >= KW_DAY && kw <= KW_YEAR ? kw : 0;
}

static int unit_prec(int unit)
{
    return unit == KW_DAY ? PL_PREC_DAY : unit == KW_WEEK ? PL_PREC_WEEK
         : unit == KW_MONTH ? PL_PREC_MONTH : PL_PREC_YEAR;
}

/* "morning", "afternoon", "evening" or "night" at token i: 1 (it joins the span), else 0. */
static uint32_t part_of_day(pl_tscan *sc, uint32_t i)
{
    int kw = kw_of(T(sc, i));
    return kw >= KW_MORNING && kw <= KW_NIGHT;
}

/* Sets h to the unit (day, week, month, year) that holds base moved by n units. */
static int offset_unit(pl_thit *h, int32_t base, int unit, int n)
{
    int y, m;
    switch (unit) {
    case KW_DAY: return pl_thit_day(h, base + n);
    case KW_WEEK: return pl_thit_week(h, base + 7 * n);
    case KW_MONTH:
        base = pl_date_add_months(base, n);
        if (base == PL_DATE_NONE) return 0;
        pl_date_to_ymd(base, &y, &m, NULL);
        return pl_thit_month(h, y, m);
    default:
        pl_date_to_ymd(base, &y, NULL, NULL);
        return y + n >= 1 && y + n <= 9999 ? pl_thit_year(h, y + n) : 0;
    }
}

/* The story date moved by delta days, ending at token t1 ("yesterday", "last night"). */
static int story_day(pl_tscan *sc, pl_thit *h, uint32_t t1, int delta)
{
    h->t1 = t1;
    h->flags |= PL_TIMEX_RELATIVE;
    if (sc->story == PL_DATE_NONE) return pl_thit_unresolved(h, PL_PREC_DAY);
    return pl_thit_day(h, sc->story + delta);
}

/* A weekend: dir -1 the last one over before the story date, 1 the next one starting after
 * it, 0 the one the tense points at (the latest begun, or the first not yet over). */
static int weekend(pl_tscan *sc, pl_thit *h, int dir)
{
    int32_t s = sc->story, sat;
    h->flags |= PL_TIMEX_RELATIVE | HF_WEEKEND;
    if (s == PL_DATE_NONE) return pl_thit_unresolved(h, PL_PREC_WEEK);
    if (dir < 0) sat = pl_weekday_near(s, 6, -2) - 1;
    else if (dir > 0) sat = pl_weekday_near(s, 5, 2);
    else if (pl_tscan_tense(sc, h->t0, h->t1) == PL_TENSE_FUTURE)
        sat = pl_date_weekday(s) == 6 ? s - 1 : pl_weekday_near(s, 5, 1);
    else sat = pl_weekday_near(s, 5, -1);
    h->first = sat;
    h->last = sat + 1;
    h->prec = h->prec_last = PL_PREC_WEEK;
    return 1;
}

/* "this|last|next|coming|the" + week, month, year or weekend at token i. */
int pl_time_rel_unit(pl_tscan *sc, uint32_t i, pl_thit *h)
{
    int kw = kw_of(T(sc, i));
    int dir = kw == KW_LAST ? -1 : kw == KW_NEXT || kw == KW_COMING ? 1 : 0;
    if (!dir && kw != KW_THIS && kw != KW_THE) return 0;
    const pl_ttok *u = T(sc, i + 1);
    int unit = kw_of(u);
    if (unit < KW_WEEK || unit > KW_WEEKEND || !is_singular(u)) return 0;
    memset(h, 0, sizeof *h);
    h->t0 = i;
    h->t1 = i + 2;
    if (unit == KW_WEEKEND) return weekend(sc, h, dir);
    h->flags |= PL_TIMEX_RELATIVE;
    if (sc->story == PL_DATE_NONE) return pl_thit_unresolved(h, unit_prec(unit));
    return offset_unit(h, sc->story, unit, dir);
}

/* A weekday at token i. dir: 0 by the tense (on or before the story date, or on or after),
 * -2 strictly before ("last Friday"), 2 strictly after ("next Monday"). */
static int weekday_at(pl_tscan *sc, uint32_t i, int dir, pl_thit *h)
{
    int wd = kw_of(T(sc, i)) - KW_MON;
    h->t1 = i + 1 + part_of_day(sc, i + 1);
    h->flags |= PL_TIMEX_RELATIVE;
    if (sc->story == PL_DATE_NONE) return pl_thit_unresolved(h, PL_PREC_DAY);
    if (!dir) dir = pl_tscan_tense(sc, h->t0, h->t1) == PL_TENSE_FUTURE ? 1 : -1;
    return pl_thit_day(h, pl_weekday_near(sc->story, wd, dir));
}

/* "[from] Monday to Wednesday", "between Monday and Wednesday", "Monday-Wednesday" at
 * token i: past, the last such span over by the story date; future, the next to begin. */
static int weekday_range(pl_tscan *sc, uint32_t i, int prefix, pl_thit *h)
{
    const pl_ttok *c = T(sc, i + 1);
    int a = kw_of(T(sc, i)), b = kw_of(T(sc, i + 2)), ck = kw_of(c);
    int conn = prefix == KW_BETWEEN ? ck == KW_AND
             : (c->kind == TK_PUNCT && c->punct == '-') || ck == KW_TO || ck == KW_UNTIL ||
               ck == KW_THROUGH;
    if (!is_weekday_kw(a) || !is_weekday_kw(b) || a == b || !conn) return 0;
    h->t0 = i;
    h->t1 = i + 3;
    h->flags |= PL_TIMEX_RELATIVE | PL_TIMEX_RANGE;
    if (sc->story == PL_DATE_NONE) return pl_thit_unresolved(h, PL_PREC_DAY);
    if (pl_tscan_tense(sc, h->t0, h->t1) == PL_TENSE_FUTURE) {
        h->first = pl_weekday_near(sc->story, a - KW_MON, 1);
        h->last = pl_weekday_near(h->first, b - KW_MON, 1);
    } else {
        h->last = pl_weekday_near(sc->story, b - KW_MON, -1);
        h->first = pl_weekday_near(h->last, a - KW_MON, -1);
    }
    h->prec = h->prec_last = PL_PREC_DAY;
    return 1;
}

/* A weekday alone, unless it is part of a name: "Good Friday", "Super Tuesday", "the
 * Sunday Times". */
static int bare_weekday(pl_tscan *sc, uint32_t i, pl_thit *h)
{
    const pl_ttok *p = pl_tok_back(sc, i, 1), *n = T(sc, i + 1);
    if (kw_of(p) == KW_HOLIDAY && (p->flags & TF_CAP)) return 0;
    if (kw_of(p) == KW_THE && (n->kind == TK_WORD || n->kind == TK_OTHER) &&
        (n->flags & TF_CAP) && !n->kw)
        return 0;
    if (weekday_range(sc, i, 0, h)) return 1;
    memset(h, 0, sizeof *h);
    h->t0 = i;
    return weekday_at(sc, i, 0, h);
}

/* "yesterday", "today", "tomorrow", "tonight" (+ morning...), unless a name ("USA Today"). */
static int day_word(pl_tscan *sc, uint32_t i, pl_thit *h)
{
    const pl_ttok *t = T(sc, i), *p = pl_tok_back(sc, i, 1);
    if ((t->flags & TF_CAP) && (p->kind == TK_WORD || p->kind == TK_OTHER) &&
        (p->flags & TF_CAP) && !p->kw)
        return 0;
    int delta = t->kw == KW_YESTERDAY ? -1 : t->kw == KW_TOMORROW ? 1 : 0;
    h->t0 = i;
    return story_day(sc, h, i + 1 + (t->kw == KW_TONIGHT ? 0 : part_of_day(sc, i + 1)), delta);
}

/* "last March", "next March", "this March". */
static int month_named(pl_tscan *sc, uint32_t j, int dir, pl_thit *h)
{
    const pl_ttok *t = T(sc, j);
    if ((t->kwf & (KF_ABBR | KF_AMBIG)) && !(t->flags & TF_CAP)) return 0;
    int m = t->kw - KW_JAN + 1;
    h->t1 = j + 1;
    h->flags |= PL_TIMEX_RELATIVE;
    if (sc->story == PL_DATE_NONE) return pl_thit_unresolved(h, PL_PREC_MONTH);
    int sy, sm;
    pl_date_to_ymd(sc->story, &sy, &sm, NULL);
    int y = dir < 0 ? (m < sm ? sy : sy - 1) : dir > 0 ? (m > sm ? sy : sy + 1) : sy;
    return pl_thit_month(h, y, m);
}

/* "last", "this", "next" or "coming" at token i, with what follows. */
static int modified(pl_tscan *sc, uint32_t i, pl_thit *h)
{
    int kw = kw_of(T(sc, i));
    if (kw != KW_THIS && kw_of(pl_tok_back(sc, i, 1)) == KW_THE) return 0; /* "the last week" */
    int dir = kw == KW_LAST ? -1 : kw == KW_THIS ? 0 : 1;
    uint32_t j = i + 1;
    int next = kw_of(T(sc, j));
    if (kw == KW_THIS && (next == KW_PAST || next == KW_COMING)) {
        dir = next == KW_PAST ? -1 : 1;                          /* "this past weekend" */
        next = kw_of(T(sc, ++j));
    }
    h->t0 = i;
    if (is_weekday_kw(next)) return weekday_at(sc, j, dir * 2, h);
    if (next >= KW_JAN && next <= KW_DEC) return month_named(sc, j, dir, h);
    if ((next == KW_NIGHT || next == KW_EVENING) && dir < 0)     /* "last night" */
        return story_day(sc, h, j + 1, -1);
    if (next >= KW_MORNING && next <= KW_EVENING && kw == KW_THIS && j == i + 1)
        return story_day(sc, h, j + 1, 0);                       /* "this morning" */
    if (j == i + 1) return pl_time_rel_unit(sc, i, h);
    /* "this past week": the unit after the two words. */
    const pl_ttok *u = T(sc, j);
    int unit = kw_of(u);
    if (unit < KW_WEEK || unit > KW_WEEKEND || !is_singular(u)) return 0;
    h->t1 = j + 1;
    if (unit == KW_WEEKEND) return weekend(sc, h, dir);
    h->flags |= PL_TIMEX_RELATIVE;
    if (sc->story == PL_DATE_NONE) return pl_thit_unresolved(h, unit_prec(unit));
    return offset_unit(h, sc->story, unit, dir);
}

/* "earlier|later this week|month|year", "... in the week", "earlier|later today": the part
 * of the unit before or after the story date. */
static int earlier_later(pl_tscan *sc, uint32_t i, pl_thit *h)
{
    int later = kw_of(T(sc, i)) == KW_LATER;
    uint32_t j = i + 1;
    int kw = kw_of(T(sc, j));
    h->t0 = i;
    if (kw == KW_TODAY) return story_day(sc, h, j + 1, 0);
    if (kw == KW_IN && kw_of(T(sc, j + 1)) == KW_THE) j++;
    else if (kw != KW_THIS) return 0;
    const pl_ttok *u = T(sc, j + 1);
    int unit = kw_of(u);
    if (unit < KW_WEEK || unit > KW_YEAR || !is_singular(u)) return 0;
    h->t1 = j + 2;
    h->flags |= PL_TIMEX_RELATIVE;
    if (sc->story == PL_DATE_NONE) return pl_thit_unresolved(h, unit_prec(unit));
    if (!offset_unit(h, sc->story, unit, 0)) return 0;
    if (later && sc->story + 1 <= h->last) h->first = sc->story + 1;
    if (!later && sc->story - 1 >= h->first) h->last = sc->story - 1;
    return 1;
}

/* The base of an anaphoric expression: the last date found, when it is no coarser than the
 * unit ("the day before" needs a day, "the year after" a year or finer), else the story
 * date. */
static int anaphoric(pl_tscan *sc, pl_thit *h, int unit, int n)
{
    int use = sc->anchor != PL_DATE_NONE && sc->anchor_prec <= unit_prec(unit);
    int32_t base = use ? sc->anchor : sc->story;
    h->flags |= PL_TIMEX_RELATIVE | PL_TIMEX_ANAPHORIC;
    if (base == PL_DATE_NONE) return pl_thit_unresolved(h, unit_prec(unit));
    return offset_unit(h, base, unit, n);
}

/* A number of units at token i: "two", "3", "a" (one, before a singular unit). */
static int amount_at(pl_tscan *sc, uint32_t i, int *n)
{
    const pl_ttok *t = T(sc, i), *u = T(sc, i + 1);
    if (!unit_at(sc, i + 1)) return 0;
    if (t->kind == TK_NUM && !(t->flags & TF_GROUPED) && t->ndigits <= 3 && t->num > 0)
        *n = t->num;
    else if (kw_of(t) == KW_NUMBER) *n = t->kwv;
    else if (kw_of(t) == KW_A && is_singular(u)) *n = 1;
    else return 0;
    return 1;
}

/* "two days ago" (from the story date), "two days later|earlier" (from the anchor). */
static int amount_ago(pl_tscan *sc, uint32_t i, pl_thit *h)
{
    int n, unit = unit_at(sc, i + 1);
    if (!amount_at(sc, i, &n)) return 0;
    int after = kw_of(T(sc, i + 2));
    h->t0 = i;
    h->t1 = i + 3;
    if (after == KW_LATER || after == KW_EARLIER)
        return anaphoric(sc, h, unit, after == KW_LATER ? n : -n);
    if (after != KW_AGO) return 0;
    h->flags |= PL_TIMEX_RELATIVE;
    if (sc->story == PL_DATE_NONE) return pl_thit_unresolved(h, unit_prec(unit));
    return offset_unit(h, sc->story, unit, -n);
}

/* "in two weeks", "in three days' time": a future offset from the story date. Only in the
 * future tense or with "time": "fell 5% in two days" is a duration. */
static int in_amount(pl_tscan *sc, uint32_t i, pl_thit *h)
{
    int n, unit = unit_at(sc, i + 2);
    if (!amount_at(sc, i + 1, &n)) return 0;
    uint32_t j = i + 3;
    const pl_ttok *a = T(sc, j);
    int with_time = 1;
    if (kw_of(a) == KW_TIME) {
        j += 1;
    } else if (a->kind == TK_PUNCT && a->punct == '\'' && kw_of(T(sc, j + 1)) == KW_TIME) {
        j += 2;                                                  /* "three days' time" */
    } else if (a->kind == TK_PUNCT && a->punct == '\'' && T(sc, j + 1)->kind == TK_WORD &&
               T(sc, j + 1)->end - T(sc, j + 1)->start == 1 && kw_of(T(sc, j + 2)) == KW_TIME) {
        j += 3;                                                  /* "a week's time" */
    } else {
        with_time = 0;
    }
    h->t0 = i;
    h->t1 = j;
    if (!with_time && (kw_of(a) == KW_OF || pl_tscan_tense(sc, i, j) != PL_TENSE_FUTURE))
        return 0;
    h->flags |= PL_TIMEX_RELATIVE;
    if (sc->story == PL_DATE_NONE) return pl_thit_unresolved(h, unit_prec(unit));
    return offset_unit(h, sc->story, unit, n);
}

/* "on the 5th": the nearest 5th of a month in the tense's direction. */
static int on_the_nth(pl_tscan *sc, uint32_t i, pl_thit *h)
{
    const pl_ttok *d = T(sc, i + 2), *n = T(sc, i + 3);
    if (kw_of(T(sc, i + 1)) != KW_THE || d->kind != TK_ORD || d->num < 1 || d->num > 31) return 0;
    if (n->kind == TK_OTHER || (n->kind == TK_WORD && n->kw != KW_AND && n->kw != KW_OR))
        return 0;                                                /* "on the 5th floor" */
    h->t0 = i + 1;
    h->t1 = i + 3;
    h->flags |= PL_TIMEX_RELATIVE;
    if (sc->story == PL_DATE_NONE) return pl_thit_unresolved(h, PL_PREC_DAY);
    int dir = pl_tscan_tense(sc, h->t0, h->t1) == PL_TENSE_FUTURE ? 1 : -1;
    int y, m;
    pl_date_to_ymd(sc->story, &y, &m, NULL);
    for (int k = 0; k < 12; k++) {
        int32_t day = pl_date_from_ymd(y, m, d->num);
        if (day != PL_DATE_NONE && (dir > 0 ? day >= sc->story : day <= sc->story))
            return pl_thit_day(h, day);
        m += dir;
        if (m < 1) m = 12, y--;
        if (m > 12) m = 1, y++;
    }
    return 0;
}

/* "the day|week|month|year before|after", "the day before yesterday", "the day after
 * tomorrow" at token i. Not "the day before the vote": that is relative to an event. */
static int the_unit_before(pl_tscan *sc, uint32_t i, pl_thit *h)
{
    const pl_ttok *a = T(sc, i + 1), *c = T(sc, i + 3);
    int unit = unit_at(sc, i + 1), b = kw_of(T(sc, i + 2));
    if (!unit || !is_singular(a) || (b != KW_BEFORE && b != KW_AFTER)) return 0;
    int before = b == KW_BEFORE;
    h->t0 = i;
    if (unit == KW_DAY && kw_of(c) == (before ? KW_YESTERDAY : KW_TOMORROW))
        return story_day(sc, h, i + 4, before ? -2 : 2);
    if (c->kind != TK_PUNCT && c->kind != TK_END) return 0;
    h->t1 = i + 3;
    return anaphoric(sc, h, unit, before ? -1 : 1);
}

/* Phrases that start with "the": the above, "the previous|next|following day|week|month|
 * year", "the coming week", "over the weekend". */
static int the_phrase(pl_tscan *sc, uint32_t i, pl_thit *h)
{
    if (the_unit_before(sc, i, h)) return 1;
    memset(h, 0, sizeof *h);
    const pl_ttok *b = T(sc, i + 2);
    int kw = kw_of(T(sc, i + 1)), unit = unit_at(sc, i + 2);
    h->t0 = i;
    if ((kw == KW_PREVIOUS || kw == KW_NEXT || kw == KW_FOLLOWING) && unit && is_singular(b) &&
        kw_of(T(sc, i + 3)) != KW_OF) {
        h->t1 = i + 3;
        return anaphoric(sc, h, unit, kw == KW_PREVIOUS ? -1 : 1);
    }
    if (kw == KW_COMING) return pl_time_rel_unit(sc, i + 1, h) ? (h->t0 = i, 1) : 0;
    int p = kw_of(pl_tok_back(sc, i, 1));
    if (kw == KW_WEEKEND && (p == KW_OVER || p == KW_AT || p == KW_DURING)) {
        h->t1 = i + 2;
        return weekend(sc, h, 0);
    }
    return 0;
}

int pl_time_relative(pl_tscan *sc, uint32_t i, pl_thit *h)
{
    const pl_ttok *t = T(sc, i);
    if (t->kind == TK_NUM) return amount_ago(sc, i, h);
    if (t->kind != TK_WORD) return 0;
    if (is_weekday_kw(t->kw)) return bare_weekday(sc, i, h);
    switch (t->kw) {
    case KW_YESTERDAY: case KW_TODAY: case KW_TOMORROW: case KW_TONIGHT:
        return day_word(sc, i, h);
    case KW_LAST: case KW_THIS: case KW_NEXT: case KW_COMING:
        return modified(sc, i, h);
    case KW_EARLIER: case KW_LATER:
        return earlier_later(sc, i, h);
    case KW_THE:
        return the_phrase(sc, i, h);
    case KW_ON:
        return on_the_nth(sc, i, h);
    case KW_IN:
        return in_amount(sc, i, h);
    case KW_FROM: case KW_BETWEEN:
        return weekday_range(sc, i + 1, t->kw, h);
    case KW_NUMBER: case KW_A:
        return amount_ago(sc, i, h);
    default:
        return 0;
    }
}
