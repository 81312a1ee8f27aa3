/* when.c: the date of an event or a stop. A sentence's temporal expressions are found once
 * (src/time); each event takes the one nearest its verb, else the story date. */
#include "code/code.h"

#include <string.h>

static const char *const precision_names[] = {"", "day", "week", "month", "year"};

void pl_when_scan(pl_when *w, const parley_story *story, int32_t story_day, pl_span span)
{
    const char *text = parley_story_text(story) + span.start;
    pl_timex found[PL_WHEN_MAX];
    size_t n = pl_time_scan(text, span.end - span.start, story_day, PL_TENSE_UNKNOWN, found,
                            PL_WHEN_MAX);
    w->story = story;
    w->sentence_start = span.start;
    w->n = 0;
    /* Years used as names ("the 2021 Goldman Prize") are no dates, nor relative expressions
     * with no story date to resolve them. */
    for (size_t i = 0; i < n && i < PL_WHEN_MAX; i++)
        if (!(found[i].flags & (PL_TIMEX_NAME | PL_TIMEX_UNRESOLVED))) w->timex[w->n++] = found[i];
}

int32_t pl_when_role_date(const pl_when *w, int32_t story_ymd)
{
    if (!w->n) return story_ymd;
    int y, m, d;
    pl_date_to_ymd(w->timex[0].first, &y, &m, &d);
    return y * 10000 + m * 100 + d;
}

int pl_when_at(const pl_when *w, uint32_t at, pl_arena *arena, pl_when_fields *out)
{
    memset(out, 0, sizeof *out);
    uint32_t rel = at >= w->sentence_start ? at - w->sentence_start : 0;
    const pl_timex *best = NULL;
    uint32_t best_gap = UINT32_MAX;
    for (size_t i = 0; i < w->n; i++) {
        const pl_timex *t = &w->timex[i];
        uint32_t gap = rel < t->start ? t->start - rel : rel >= t->end ? rel - t->end : 0;
        if (gap < best_gap) best = t, best_gap = gap;
    }
    if (!best) {
        const char *story = parley_story_date(w->story);
        if (!story) return 0;
        out->date = pl_arena_strdup(arena, story);
        out->precision = "day";
        out->basis = "story";
        return out->date ? 0 : -1;
    }
    char buf[16];
    pl_date_format(best->first, buf, sizeof buf);
    out->date = pl_arena_strdup(arena, buf);
    out->first = best->first;
    out->last = best->last;
    if (best->last != best->first) {
        pl_date_format(best->last, buf, sizeof buf);
        if (!(out->date_end = pl_arena_strdup(arena, buf))) return -1;
    }
    out->precision = best->precision < 5 ? precision_names[best->precision] : NULL;
    out->basis = "text";
    const char *text = parley_story_text(w->story) + w->sentence_start;
    out->text = pl_arena_strndup(arena, text + best->start, best->end - best->start);
    return out->date && out->text ? 0 : -1;
}
