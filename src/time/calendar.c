/* calendar.c: dates named by the calendar. "September 3, 2021", "3 Sept. 2021",
 * "2021-09-03", "the 3rd of September", "Friday, Sept. 3", "September 2021", "in March",
 * "in 2019"; ranges ("from August 31 to September 3, 2021", "Oct. 31-Nov. 12",
 * "between May 2 and 5", "2019-2021"); early/mid/late and "the end of" a month or a year;
 * and years used as names ("the 2022 budget", "Euro 2020", "the class of 2019").
 *
 * A bare month or year is a date only after a word that makes it one ("in", "since", "by",
 * "early"...) or in a list after one ("in March and April"): "May" is also a verb and a
 * name, "March" a noun, and a four-digit number may be a quantity. */
#include <string.h>

#include "time/time_int.h"

/* What a calendar phrase names; 0 for a part it leaves out. */
typedef struct cal {
    int y, m, d;
    int wd;                  /* the weekday named before it ("Friday, Sept. 3"), or -1 */
    uint32_t t0, t1;         /* tokens */
    int weak;                /* a month abbreviation without its period ("Jan"): never alone */
} cal;

enum { CTX_NONE, CTX_DATE, CTX_NAME };

static const pl_ttok *T(pl_tscan *sc, uint32_t i) { return pl_tok(sc, i); }
static int kw_of(const pl_ttok *t) { return t->kind == TK_WORD ? t->kw : 0; }
static int is_punct(const pl_ttok *t, char c) { return t->kind == TK_PUNCT && t->punct == c; }
static int is_month_kw(int kw) { return kw >= KW_JAN && kw <= KW_DEC; }
static int is_weekday_kw(int kw) { return kw >= KW_MON && kw <= KW_SUN; }

/* ---- tokens as calendar parts ------------------------------------------------------------ */

/* The month of token i (0 when none); *next is the token after it and its period. Words
 * that are also common words (may, march, august) and abbreviations need a capital. */
static int tok_month(pl_tscan *sc, uint32_t i, uint32_t *next, int *weak)
{
    const pl_ttok *t = T(sc, i);
    if (t->kind != TK_WORD || !is_month_kw(t->kw)) return 0;
    if ((t->kwf & (KF_ABBR | KF_AMBIG)) && !(t->flags & TF_CAP)) return 0;
    *next = i + 1;
    *weak = 0;
    if (t->kwf & KF_ABBR) {
        const pl_ttok *dot = T(sc, i + 1);
        if (is_punct(dot, '.') && !(dot->flags & TF_SPACE)) *next = i + 2;
        else *weak = 1;
    }
    return t->kw;
}

static int tok_day(const pl_ttok *t)
{
    if ((t->kind != TK_NUM && t->kind != TK_ORD) || (t->flags & TF_GROUPED) || t->ndigits > 2)
        return 0;
    return t->num >= 1 && t->num <= 31 ? t->num : 0;
}

/* The day of month at token i, or 0; not the hour of "11:30". */
static int day_at(pl_tscan *sc, uint32_t i)
{
    int d = tok_day(T(sc, i));
    const pl_ttok *n = T(sc, i + 1);
    return d && is_punct(n, ':') && !(n->flags & TF_SPACE) ? 0 : d;
}

static int tok_year(const pl_ttok *t, int lo, int hi)
{
    if (t->kind != TK_NUM || t->ndigits != 4 || (t->flags & TF_GROUPED)) return 0;
    return t->num >= lo && t->num <= hi ? t->num : 0;
}

/* ---- parsing ----------------------------------------------------------------------------- */

/* "2021-09-03", written without spaces. */
static int parse_iso(pl_tscan *sc, uint32_t i, cal *c)
{
    const pl_ttok *y = T(sc, i), *d1 = T(sc, i + 1), *m = T(sc, i + 2), *d2 = T(sc, i + 3),
                  *d = T(sc, i + 4);
    if (!tok_year(y, 1000, 2999) || !is_punct(d1, '-') || !is_punct(d2, '-')) return 0;
    if ((d1->flags | m->flags | d2->flags | d->flags) & (TF_SPACE | TF_GROUPED)) return 0;
    if (m->kind != TK_NUM || d->kind != TK_NUM || m->ndigits != 2 || d->ndigits != 2) return 0;
    if (pl_date_from_ymd(y->num, m->num, d->num) == PL_DATE_NONE) return 0;
    c->y = y->num;
    c->m = m->num;
    c->d = d->num;
    c->t1 = i + 5;
    return 1;
}

/* An optional year after a month or a day and month at token k: "3, 2021", "2021",
 * "of 2019" (a month alone). */
static void opt_year(pl_tscan *sc, uint32_t k, cal *c)
{
    uint32_t j = k;
    int w = kw_of(T(sc, k));
    if (is_punct(T(sc, k), ',') || (w == KW_OF && !c->d)) j = k + 1;
    int y = tok_year(T(sc, j), 1000, 2999);
    c->t1 = y ? j + 1 : k;
    if (y) c->y = y;
}

static int day_fits(const cal *c)
{
    /* With no year, February 29 is allowed: the year chosen later must have it. */
    return c->d <= pl_date_days_in_month(c->y ? c->y : 2000, c->m);
}

/* "3 September [2021]", "3rd of September", "3 Sept." at token i. */
static int parse_day_month(pl_tscan *sc, uint32_t i, cal *c, int allow_of)
{
    uint32_t j = i + 1, k;
    int weak;
    if (allow_of && kw_of(T(sc, j)) == KW_OF) j++;
    int m = tok_month(sc, j, &k, &weak);
    if (!m) return 0;
    c->d = tok_day(T(sc, i));
    c->m = m;
    opt_year(sc, k, c);
    return day_fits(c);
}

/* "September 3[, 2021]", "Sept. 3rd", "September 2021", "May of 2019", "March" at i. */
static int parse_month_first(pl_tscan *sc, uint32_t i, cal *c)
{
    uint32_t j;
    int weak;
    int m = tok_month(sc, i, &j, &weak);
    if (!m) return 0;
    c->m = m;
    int d = day_at(sc, j);
    if (d) {
        c->d = d;
        opt_year(sc, j + 1, c);
        return day_fits(c);
    }
    opt_year(sc, j, c);
    c->weak = weak && !c->y;
    return 1;
}

/* Any calendar phrase at token i but a leading weekday. A number alone is a bare day (the
 * start of "2-5 May") or a bare year. */
static int parse_core(pl_tscan *sc, uint32_t i, cal *c)
{
    const pl_ttok *t = T(sc, i);
    int kw = kw_of(t);
    if (t->kind == TK_NUM && parse_iso(sc, i, c)) return 1;
    if (kw == KW_THE) {
        if (T(sc, i + 1)->kind != TK_ORD || !parse_day_month(sc, i + 1, c, 1)) return 0;
        return 1;
    }
    int d = day_at(sc, i);
    if (d) {
        if (parse_day_month(sc, i, c, t->kind == TK_ORD)) return 1;
        c->y = c->m = 0;
        c->d = d;
        opt_year(sc, i + 1, c);          /* the end of "May 2 to 5, 2019" */
        return 1;
    }
    if (is_month_kw(kw)) return parse_month_first(sc, i, c);
    int y = tok_year(t, 1800, 2199);
    if (!y) return 0;
    c->y = y;
    c->t1 = i + 1;
    return 1;
}

static int parse_cal(pl_tscan *sc, uint32_t i, cal *c)
{
    memset(c, 0, sizeof *c);
    c->wd = -1;
    c->t0 = c->t1 = i;
    int kw = kw_of(T(sc, i));
    if (!is_weekday_kw(kw)) return parse_core(sc, i, c);
    /* "Friday, September 3": the date decides; the weekday may choose its year. */
    uint32_t j = is_punct(T(sc, i + 1), ',') ? i + 2 : i + 1;
    if (!parse_core(sc, j, c) || !c->d || !c->m) return 0;
    c->wd = kw - KW_MON;
    c->t0 = i;
    return 1;
}

/* ---- context: is a bare month or year a date, a name, or neither? ------------------------ */

/* A list continued: "in March, April and May", "in 2019 and 2020". */
static int chained(pl_tscan *sc, uint32_t t0, int prec)
{
    if (!sc->has_prev || sc->prev_prec != prec || sc->prev_end >= t0 ||
        t0 - sc->prev_end > 2 || (sc->prev_flags & PL_TIMEX_RANGE))
        return 0;
    for (uint32_t k = sc->prev_end; k < t0; k++) {
        const pl_ttok *t = T(sc, k);
        if (!is_punct(t, ',') && kw_of(t) != KW_AND && kw_of(t) != KW_OR) return 0;
    }
    return 1;
}

/* "of" before a bare month or year: a date after a common noun ("the summer of 2019"), a
 * name after "class", "treaty"... */
static int of_context(pl_tscan *sc, uint32_t t0)
{
    const pl_ttok *p2 = pl_tok_back(sc, t0, 2);
    if (p2->kind != TK_WORD) return CTX_NONE;
    if (p2->kw == KW_NAME_OF) return CTX_NAME;
    return (p2->flags & TF_CAP) ? CTX_NONE : CTX_DATE;
}

/* "scheduled for", "planned for", "set for": a date follows. */
static int planned_for(pl_tscan *sc, uint32_t t0)
{
    if (kw_of(pl_tok_back(sc, t0, 1)) != KW_FOR) return 0;
    int kw = kw_of(pl_tok_back(sc, t0, 2));
    return kw == KW_SCHEDULED || kw == KW_PLANNED || kw == KW_SET || kw == KW_EXPECTED;
}

static int month_context(pl_tscan *sc, const cal *c)
{
    if (c->weak) return CTX_NONE;
    if (chained(sc, c->t0, PL_PREC_MONTH) || planned_for(sc, c->t0)) return CTX_DATE;
    const pl_ttok *p = pl_tok_back(sc, c->t0, 1);
    if (p->kind != TK_WORD) return CTX_NONE;
    if (p->kwf & KF_TRIGGER) return CTX_DATE;
    if (p->kw == KW_OF) return of_context(sc, c->t0) == CTX_DATE ? CTX_DATE : CTX_NONE;
    return CTX_NONE;
}

/* A possessive "'s" before token t0. */
static int after_possessive(pl_tscan *sc, uint32_t t0)
{
    const pl_ttok *p = pl_tok_back(sc, t0, 1);
    return p->kind == TK_WORD && p->end - p->start == 1 && (sc->s[p->start] | 0x20) == 's' &&
           is_punct(pl_tok_back(sc, t0, 2), '\'');
}

/* Token k is the first of its sentence. */
static int starts_sentence(pl_tscan *sc, uint32_t k)
{
    const pl_ttok *p = pl_tok_back(sc, k, 1);
    return p->kind == TK_END || (p->kind == TK_PUNCT && (p->punct == '.' || p->punct == '!' ||
                                 p->punct == '?' || p->punct == '"'));
}

/* A year or a range of years at tokens [t0, t1) with no month. */
static int year_context(pl_tscan *sc, uint32_t t0, uint32_t t1)
{
    if (chained(sc, t0, PL_PREC_YEAR))
        return (sc->prev_flags & PL_TIMEX_NAME) ? CTX_NAME : CTX_DATE;
    const pl_ttok *p = pl_tok_back(sc, t0, 1), *n = T(sc, t1);
    int noun_next = n->kind == TK_WORD || n->kind == TK_OTHER;
    if (after_possessive(sc, t0)) return noun_next ? CTX_NAME : CTX_NONE;
    if (planned_for(sc, t0)) return CTX_DATE;
    /* Not after a word in other letters: "Mayıs 2021" may well be a date, in Turkish. */
    if (p->kind != TK_WORD) return CTX_NONE;
    if ((p->kwf & KF_TRIGGER) || p->kw == KW_SEASON || p->kw == KW_YEAR) return CTX_DATE;
    if (p->kw == KW_OF) return of_context(sc, t0) == CTX_NAME ? CTX_NAME : CTX_DATE;
    /* "the 2022 budget", "his 2019 visit": the year modifies a noun. */
    if (p->kwf & KF_DET) return noun_next ? CTX_NAME : CTX_NONE;
    /* "Euro 2020", "Vision 2030"; not a capital that only starts the sentence. */
    if ((p->flags & TF_CAP) && !p->kw && !starts_sentence(sc, t0 - 1)) return CTX_NAME;
    return CTX_NONE;
}

/* ---- resolution -------------------------------------------------------------------------- */

static int32_t cal_first(const cal *c, int y)
{
    return pl_date_from_ymd(y, c->m, c->d ? c->d : 1);
}

static int32_t cal_last(const cal *c, int y)
{
    return pl_date_from_ymd(y, c->m, c->d ? c->d : pl_date_days_in_month(y, c->m));
}

/* The year of "Friday, Sept. 3" near the story whose Sept. 3 is a Friday, or 0. */
static int year_by_weekday(const cal *c, int32_t story, int sy)
{
    int best = 0;
    int32_t best_gap = INT32_MAX;
    for (int y = sy - 1; y <= sy + 1; y++) {
        int32_t day = cal_first(c, y);
        if (day == PL_DATE_NONE || pl_date_weekday(day) != c->wd) continue;
        int32_t gap = day > story ? day - story : story - day;
        if (gap < best_gap) best = y, best_gap = gap;
    }
    return best;
}

/* The year for a date, a month or a range (x to y) that names none: past, the latest whose
 * start is not after the story date; future, the earliest whose end is not before it. */
static int no_year(pl_tscan *sc, pl_thit *h, const cal *x, const cal *y, int prec)
{
    if (sc->story == PL_DATE_NONE) return pl_thit_unresolved(h, prec);
    int sy, year = 0;
    pl_date_to_ymd(sc->story, &sy, NULL, NULL);
    int wrap = y->m < x->m || (y->m == x->m && y->d < x->d);     /* "Dec. 28-Jan. 3" */
    if (x->wd >= 0 && x == y) year = year_by_weekday(x, sc->story, sy);
    if (!year && pl_tscan_tense(sc, h->t0, h->t1) == PL_TENSE_FUTURE) {
        for (int k = sy - 1; k <= sy + 8 && !year; k++) {
            int32_t end = cal_last(y, k + wrap);
            if (end != PL_DATE_NONE && cal_first(x, k) != PL_DATE_NONE && end >= sc->story)
                year = k;
        }
    } else if (!year) {
        for (int k = sy; k >= sy - 8 && !year; k--) {
            int32_t start = cal_first(x, k);
            if (start != PL_DATE_NONE && cal_last(y, k + wrap) != PL_DATE_NONE &&
                start <= sc->story)
                year = k;
        }
    }
    if (!year) return 0;
    h->first = cal_first(x, year);
    h->last = cal_last(y, year + wrap);
    h->prec = h->prec_last = (uint8_t)prec;
    h->flags |= PL_TIMEX_RELATIVE;
    return 1;
}

static int single_cal(pl_tscan *sc, const cal *c, pl_thit *h)
{
    h->t0 = c->t0;
    h->t1 = c->t1;
    if (c->m && c->d) {
        if (c->y) return pl_thit_day(h, pl_date_from_ymd(c->y, c->m, c->d));
        return no_year(sc, h, c, c, PL_PREC_DAY);
    }
    if (c->m) {
        if (c->y) return pl_thit_month(h, c->y, c->m);
        if (month_context(sc, c) != CTX_DATE) return 0;
        return no_year(sc, h, c, c, PL_PREC_MONTH);
    }
    if (!c->y || c->d) return 0;
    int ctx = year_context(sc, c->t0, c->t1);
    if (ctx == CTX_NONE) return 0;
    if (ctx == CTX_NAME) h->flags |= PL_TIMEX_NAME;
    return pl_thit_year(h, c->y);
}

/* Completes the two ends of a range from each other: "May 2-5", "2-5 May", "Aug. 31 to
 * Sept. 3, 2021". 0 when they do not make a range of one kind (day, month or year). */
static int complete_ends(cal *x, cal *y)
{
    if (x->d && !x->m) {
        if (!y->m || !y->d) return 0;
        x->m = y->m;
    }
    if (y->d && !y->m) {
        if (!x->m || !x->d) return 0;
        y->m = x->m;
    }
    if (!x->d != !y->d || !x->m != !y->m) return 0;
    if (!x->m && (!x->y || !y->y || y->y <= x->y)) return 0;
    if (x->m && !day_fits(x)) return 0;
    if (x->y && !y->y) y->y = x->y + (y->m * 100 + y->d < x->m * 100 + x->d);
    if (y->y && !x->y) x->y = y->y - (x->m * 100 + x->d > y->m * 100 + y->d);
    return 1;
}

static int range_cal(pl_tscan *sc, cal x, cal y, int prefix, int conn, pl_thit *h)
{
    /* A bare number needs "from" or "between" before it, or a dash: "2-5 May", "2019-2021",
     * not "rose 2019 to 2021". */
    int x_number = !x.m;
    if (!complete_ends(&x, &y)) return 0;
    if (x_number && !prefix && conn != '-') return 0;
    h->t0 = x.t0;
    h->t1 = y.t1;
    h->flags |= PL_TIMEX_RANGE;
    int prec = x.d ? PL_PREC_DAY : x.m ? PL_PREC_MONTH : PL_PREC_YEAR;
    if (x.y) {
        h->first = x.m ? cal_first(&x, x.y) : pl_date_from_ymd(x.y, 1, 1);
        h->last = y.m ? cal_last(&y, y.y) : pl_date_from_ymd(y.y, 12, 31);
        h->prec = h->prec_last = (uint8_t)prec;
        if (!prefix && prec == PL_PREC_YEAR && year_context(sc, x.t0, y.t1) == CTX_NAME)
            h->flags |= PL_TIMEX_NAME;
    } else if (!no_year(sc, h, &x, &y, prec)) {
        return 0;
    }
    if (h->flags & PL_TIMEX_UNRESOLVED) return 1;
    return h->first != PL_DATE_NONE && h->last != PL_DATE_NONE && h->first < h->last;
}

/* The word or dash between the two ends of a range, or 0. */
static int connector(const pl_ttok *t, int prefix)
{
    if (is_punct(t, '-')) return '-';
    int kw = kw_of(t);
    if (prefix == KW_BETWEEN) return kw == KW_AND ? 'a' : 0;
    return kw == KW_TO || kw == KW_UNTIL || kw == KW_THROUGH ? 't' : 0;
}

/* "2019-21": the second year by its last two digits. */
static int short_year(pl_tscan *sc, const cal *x, uint32_t k, cal *y)
{
    const pl_ttok *t = T(sc, k);
    if (t->kind != TK_NUM || t->ndigits != 2 || (t->flags & (TF_GROUPED | TF_SPACE))) return 0;
    if (T(sc, k - 1)->flags & TF_SPACE) return 0;
    memset(y, 0, sizeof *y);
    y->wd = -1;
    y->y = x->y / 100 * 100 + t->num;
    y->t0 = k;
    y->t1 = k + 1;
    return y->y > x->y;
}

/* A date or a range whose first end starts at token i; prefix is KW_FROM or KW_BETWEEN when
 * one stands before i (it stays out of the span). */
static int cal_at(pl_tscan *sc, uint32_t i, int prefix, pl_thit *h)
{
    cal x, y;
    if (!parse_cal(sc, i, &x)) return 0;
    int conn = connector(T(sc, x.t1), prefix);
    if (conn) {
        int ok = !x.m && !x.d && conn == '-' && short_year(sc, &x, x.t1 + 1, &y);
        if (!ok) ok = parse_cal(sc, x.t1 + 1, &y);
        if (ok && range_cal(sc, x, y, prefix, conn, h)) return 1;
        memset(h, 0, sizeof *h);
    }
    return single_cal(sc, &x, h);
}

/* ---- early/mid/late, the end of ---------------------------------------------------------- */

/* A month or a year at token j, narrowed to part (1 early, 2 middle, 3 late); the span
 * starts at t0. "early March", "mid-2019", "the end of next year". */
static int part_of(pl_tscan *sc, uint32_t t0, uint32_t j, int part, pl_thit *h)
{
    cal c;
    if (pl_time_rel_unit(sc, j, h)) {
        h->t0 = t0;
        pl_thit_narrow(h, part);
        return 1;
    }
    memset(h, 0, sizeof *h);
    if (!parse_cal(sc, j, &c) || c.d || c.wd >= 0 || (c.m && c.weak)) return 0;
    h->t0 = t0;
    h->t1 = c.t1;
    if (c.m && c.y) pl_thit_month(h, c.y, c.m);
    else if (c.y) pl_thit_year(h, c.y);
    else if (!no_year(sc, h, &c, &c, PL_PREC_MONTH)) return 0;
    pl_thit_narrow(h, part);
    return 1;
}

/* "early", "mid" or "late" at token i: a month, a year, or a weekday ("early Tuesday"). */
static int early_late(pl_tscan *sc, uint32_t i, pl_thit *h)
{
    int kw = kw_of(T(sc, i));
    int part = kw == KW_EARLY ? 1 : kw == KW_MID ? 2 : 3;
    uint32_t j = i + 1;
    const pl_ttok *dash = T(sc, j);
    if (is_punct(dash, '-') && !(dash->flags & TF_SPACE)) j++;
    if (is_weekday_kw(kw_of(T(sc, j))) && part != 2) {
        if (!pl_time_relative(sc, j, h)) return 0;
        h->t0 = i;
        return 1;
    }
    return part_of(sc, i, j, part, h);
}

/* "[the] end|beginning|start|middle of" at token i. */
static int end_of(pl_tscan *sc, uint32_t i, pl_thit *h)
{
    uint32_t j = kw_of(T(sc, i)) == KW_THE ? i + 1 : i;
    int kw = kw_of(T(sc, j));
    int part = kw == KW_END ? 3 : kw == KW_MIDDLE ? 2
             : kw == KW_BEGINNING || kw == KW_START ? 1 : 0;
    if (!part || kw_of(T(sc, j + 1)) != KW_OF) return 0;
    return part_of(sc, i, j + 2, part, h);
}

int pl_time_calendar(pl_tscan *sc, uint32_t i, pl_thit *h)
{
    const pl_ttok *t = T(sc, i);
    int kw = kw_of(t);
    switch (kw) {
    case KW_FROM: case KW_BETWEEN:
        return cal_at(sc, i + 1, kw, h);
    case KW_EARLY: case KW_LATE: case KW_MID:
        return early_late(sc, i, h);
    case KW_END: case KW_BEGINNING: case KW_START: case KW_MIDDLE:
        return end_of(sc, i, h);
    case KW_THE:
        if (end_of(sc, i, h)) return 1;
        memset(h, 0, sizeof *h);
        return cal_at(sc, i, 0, h);
    default:
        if (t->kind == TK_NUM || t->kind == TK_ORD || is_month_kw(kw) || is_weekday_kw(kw))
            return cal_at(sc, i, 0, h);
        return 0;
    }
}
