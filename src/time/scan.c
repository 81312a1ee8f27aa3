/* scan.c: the scan loop, what every rule shares (hits, weekdays, tense cues) and the output
 * (offsets and normalized values). The rules are in calendar.c and relative.c. */
#include <string.h>

#include "time/time_int.h"

static const pl_ttok end_tok = {0};

void pl_tscan_init(pl_tscan *sc, const char *s, uint32_t len, int32_t story, pl_tense tense)
{
    /* The ring is left as it is: every slot is written before it is read. */
    sc->s = s;
    sc->len = len;
    sc->pos = 0;
    sc->ntok = 0;
    sc->story = story;
    sc->tense = (uint8_t)tense;
    sc->sentence = 0;
    sc->has_prev = 0;
    sc->prev_prec = sc->prev_flags = 0;
    sc->prev_end = 0;
    sc->anchor = PL_DATE_NONE;
    sc->anchor_prec = 0;
}

const pl_ttok *pl_tok_back(pl_tscan *sc, uint32_t i, uint32_t k)
{
    if (k > i) return &end_tok;
    pl_tok(sc, i);
    if (sc->ntok - (i - k) > PL_TSCAN_RING) return &end_tok;
    return &sc->ring[(i - k) % PL_TSCAN_RING];
}

/* ---- hits -------------------------------------------------------------------------------- */

int pl_thit_day(pl_thit *h, int32_t day)
{
    h->first = h->last = day;
    h->prec = h->prec_last = PL_PREC_DAY;
    return 1;
}

int pl_thit_week(pl_thit *h, int32_t day)
{
    h->first = day - pl_date_weekday(day);
    h->last = h->first + 6;
    h->prec = h->prec_last = PL_PREC_WEEK;
    return 1;
}

int pl_thit_month(pl_thit *h, int year, int month)
{
    h->first = pl_date_from_ymd(year, month, 1);
    h->last = pl_date_from_ymd(year, month, pl_date_days_in_month(year, month));
    h->prec = h->prec_last = PL_PREC_MONTH;
    return 1;
}

int pl_thit_year(pl_thit *h, int year)
{
    h->first = pl_date_from_ymd(year, 1, 1);
    h->last = pl_date_from_ymd(year, 12, 31);
    h->prec = h->prec_last = PL_PREC_YEAR;
    return 1;
}

int pl_thit_unresolved(pl_thit *h, int prec)
{
    h->first = h->last = PL_DATE_NONE;
    h->prec = h->prec_last = (uint8_t)prec;
    h->flags |= PL_TIMEX_RELATIVE | PL_TIMEX_UNRESOLVED;
    return 1;
}

void pl_thit_narrow(pl_thit *h, int part)
{
    if (part < 1 || part > 3 || h->first == PL_DATE_NONE) return;
    int y, m;
    pl_date_to_ymd(h->first, &y, &m, NULL);
    if (h->prec == PL_PREC_MONTH) {
        /* Days 1-10, 11-20, 21-end. */
        int dim = pl_date_days_in_month(y, m);
        h->first = pl_date_from_ymd(y, m, part == 1 ? 1 : part == 2 ? 11 : 21);
        h->last = pl_date_from_ymd(y, m, part == 1 ? 10 : part == 2 ? 20 : dim);
    } else if (h->prec == PL_PREC_YEAR) {
        /* January-April, May-August, September-December. */
        int m0 = (part - 1) * 4 + 1;
        h->first = pl_date_from_ymd(y, m0, 1);
        h->last = pl_date_from_ymd(y, m0 + 3, pl_date_days_in_month(y, m0 + 3));
    }
}

int32_t pl_weekday_near(int32_t day, int wd, int dir)
{
    int cur = pl_date_weekday(day);
    if (dir < 0) {
        int back = (cur - wd + 7) % 7;
        if (back == 0 && dir == -2) back = 7;
        return day - back;
    }
    int ahead = (wd - cur + 7) % 7;
    if (ahead == 0 && dir == 2) ahead = 7;
    return day + ahead;
}

/* ---- tense ------------------------------------------------------------------------------- */

static int is_word(const pl_ttok *t, int kw) { return t->kind == TK_WORD && t->kw == kw; }
static int is_punct(const pl_ttok *t, char c) { return t->kind == TK_PUNCT && t->punct == c; }

/* Token k, a lower-case word that looks like a regular past tense: "visited", "returned";
 * not a participle after "be" ("will be announced"). */
static int looks_past(pl_tscan *sc, uint32_t k)
{
    const pl_ttok *t = pl_tok(sc, k);
    uint32_t n = t->end - t->start;
    const char *w = sc->s + t->start;
    if (t->kind != TK_WORD || t->kw || (t->flags & TF_CAP) || n < 5) return 0;
    if (w[n - 2] != 'e' || w[n - 1] != 'd' || w[n - 3] == 'e') return 0;
    int p = pl_tok_back(sc, k, 1)->kw;
    return p != KW_BE && p != KW_IS;
}

/* The tense token k signals (0 when none). */
static int cue_at(pl_tscan *sc, uint32_t k)
{
    const pl_ttok *t = pl_tok(sc, k);
    if (t->kind != TK_WORD) return 0;
    switch (t->kw) {
    case KW_WILL:       /* not "the will of" */
        return (pl_tok_back(sc, k, 1)->kwf & KF_DET) ? 0 : PL_TENSE_FUTURE;
    case KW_WOULD: case KW_SHALL: case KW_PLANNED: case KW_SCHEDULED: case KW_UPCOMING:
    case KW_EXPECTED: case KW_NEXT: case KW_TOMORROW:
        return PL_TENSE_FUTURE;
    case KW_LL:
        return is_punct(pl_tok_back(sc, k, 1), '\'') ? PL_TENSE_FUTURE : 0;
    case KW_WON:        /* "won't" or "won the vote" */
        return is_punct(pl_tok(sc, k + 1), '\'') ? PL_TENSE_FUTURE : PL_TENSE_PAST;
    case KW_SET:        /* "set to", "set for" */
        return is_word(pl_tok(sc, k + 1), KW_TO) || is_word(pl_tok(sc, k + 1), KW_FOR)
                   ? PL_TENSE_FUTURE : 0;
    case KW_GOING: case KW_PLAN: case KW_INTEND:
        return is_word(pl_tok(sc, k + 1), KW_TO) ? PL_TENSE_FUTURE : 0;
    case KW_HELD:       /* "to be held" or "was held" */
        return is_word(pl_tok_back(sc, k, 1), KW_BE) ? PL_TENSE_FUTURE : PL_TENSE_PAST;
    case KW_PAST_VERB: case KW_AGO: case KW_LAST: case KW_YESTERDAY:
        return PL_TENSE_PAST;
    default:
        return looks_past(sc, k) ? PL_TENSE_PAST : 0;
    }
}

/* Sentence ends stop the search for a cue: "!", "?", ";" and a full stop before a capital. */
static int ends_clause(pl_tscan *sc, uint32_t k)
{
    const pl_ttok *t = pl_tok(sc, k);
    if (t->kind == TK_END) return 1;
    if (t->kind != TK_PUNCT) return 0;
    if (t->punct == '!' || t->punct == '?' || t->punct == ';') return 1;
    if (t->punct != '.') return 0;
    if (pl_tok_back(sc, k, 1)->kwf & KF_ABBR) return 0;            /* "Sept." */
    const pl_ttok *n = pl_tok(sc, k + 1);
    return n->kind == TK_END || (n->flags & TF_CAP);
}

static pl_tense sentence_tense(pl_tscan *sc)
{
    if (!sc->sentence) sc->sentence = (uint8_t)pl_time_guess_tense(sc->s, sc->len);
    return (pl_tense)sc->sentence;
}

pl_tense pl_tscan_tense(pl_tscan *sc, uint32_t t0, uint32_t t1)
{
    if (sc->tense != PL_TENSE_UNKNOWN) return (pl_tense)sc->tense;
    int back = 1, fwd = 1;
    for (uint32_t d = 1; d <= 12 && (back || fwd); d++) {
        if (back) {
            const pl_ttok *b = pl_tok_back(sc, t0, d);
            if (b->kind == TK_END || ends_clause(sc, t0 - d)) back = 0;
            else if (cue_at(sc, t0 - d)) return (pl_tense)cue_at(sc, t0 - d);
        }
        if (fwd) {
            if (ends_clause(sc, t1 + d - 1)) fwd = 0;
            else if (cue_at(sc, t1 + d - 1)) return (pl_tense)cue_at(sc, t1 + d - 1);
        }
    }
    return sentence_tense(sc);
}

pl_tense pl_time_guess_tense(const char *text, size_t len)
{
    if (!text || len >= UINT32_MAX) return PL_TENSE_PAST;
    pl_tscan sc;
    pl_tscan_init(&sc, text, (uint32_t)len, PL_DATE_NONE, PL_TENSE_UNKNOWN);
    for (uint32_t i = 0; pl_tok(&sc, i)->kind != TK_END; i++)
        if (cue_at(&sc, i) == PL_TENSE_FUTURE) return PL_TENSE_FUTURE;
    return PL_TENSE_PAST;
}

/* ---- output ------------------------------------------------------------------------------ */

static size_t put_num(char *p, int v, int width)
{
    for (int k = width - 1; k >= 0; k--, v /= 10) p[k] = (char)('0' + v % 10);
    return (size_t)width;
}

/* One end of a value: "2021-09-03", "2021-W35", "2021-W35-WE", "2021-09" or "2021". */
static size_t put_point(char *p, int32_t day, int prec, int weekend)
{
    int y, m, d;
    pl_date_to_ymd(day, &y, &m, &d);
    if (y < 1 || y > 9999) return 0;
    size_t n = 0;
    if (prec == PL_PREC_WEEK) {
        int wy, w;
        pl_date_iso_week(day, &wy, &w);
        n += put_num(p, wy, 4);
        p[n++] = '-';
        p[n++] = 'W';
        n += put_num(p + n, w, 2);
        if (weekend) memcpy(p + n, "-WE", 3), n += 3;
        return n;
    }
    n += put_num(p, y, 4);
    if (prec == PL_PREC_YEAR) return n;
    p[n++] = '-';
    n += put_num(p + n, m, 2);
    if (prec == PL_PREC_MONTH) return n;
    p[n++] = '-';
    return n + put_num(p + n, d, 2);
}

static void set_value(pl_timex *x, const pl_thit *h)
{
    size_t n = 0;
    if (!(h->flags & PL_TIMEX_UNRESOLVED) && h->first != PL_DATE_NONE) {
        /* Each end takes at most 11 bytes, so a range fits PL_TIMEX_VALUE_MAX. */
        n = put_point(x->value, h->first, h->prec, h->flags & HF_WEEKEND);
        if (h->flags & PL_TIMEX_RANGE) {
            x->value[n++] = '/';
            n += put_point(x->value + n, h->last, h->prec_last, 0);
        }
    }
    x->value[n] = '\0';
}

static void emit(pl_tscan *sc, const pl_thit *h, pl_timex *x)
{
    x->start = pl_tok(sc, h->t0)->start;
    x->end = pl_tok(sc, h->t1 - 1)->end;
    x->first = h->first;
    x->last = h->last;
    x->precision = h->prec;
    x->flags = h->flags & 0x1F;
    set_value(x, h);
    sc->has_prev = 1;
    sc->prev_end = h->t1;
    sc->prev_prec = h->prec;
    sc->prev_flags = h->flags;
    if (!(h->flags & (PL_TIMEX_RANGE | PL_TIMEX_NAME)) && h->first != PL_DATE_NONE) {
        sc->anchor = h->first;
        sc->anchor_prec = h->prec;
    }
}

static int match_at(pl_tscan *sc, uint32_t i, pl_thit *h)
{
    const pl_ttok *t = pl_tok(sc, i);
    if (t->kind != TK_NUM && t->kind != TK_ORD && !(t->kind == TK_WORD && t->kw)) return 0;
    memset(h, 0, sizeof *h);
    if (pl_time_calendar(sc, i, h)) return 1;
    memset(h, 0, sizeof *h);
    return pl_time_relative(sc, i, h);
}

size_t pl_time_scan(const char *text, size_t len, int32_t story_day, pl_tense tense,
                    pl_timex *out, size_t cap)
{
    if (!text || !out || cap == 0 || len >= UINT32_MAX) return 0;
    if (!pl_time_has_anchor(text, len)) return 0;
    /* A story date outside years 2..9998 is as good as none: offsets must stay in range. */
    if (story_day != PL_DATE_NONE && (story_day < pl_date_from_ymd(2, 1, 1) ||
                                      story_day > pl_date_from_ymd(9998, 12, 31)))
        story_day = PL_DATE_NONE;
    pl_tscan sc;
    pl_tscan_init(&sc, text, (uint32_t)len, story_day, tense);
    size_t n = 0;
    uint32_t i = 0;
    while (n < cap && pl_tok(&sc, i)->kind != TK_END) {
        pl_thit h;
        if (match_at(&sc, i, &h) && h.t1 > h.t0) {
            emit(&sc, &h, &out[n++]);
            i = h.t1;
        } else {
            i++;
        }
    }
    return n;
}
