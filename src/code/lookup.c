/* lookup.c: parley_dict_lookup, which tells a dictionary maintainer how the coder reads a
 * phrase: each dictionary entry a span matches, and each actor phrase with the code the
 * coder gives it and why. It analyses the phrase as a one-sentence story with the coder's
 * own sentence analysis (pl_analyse_sentence), so the answer is what coding would do. */
#include "code/tools.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the lookup -------------------------------------------------------------------------- */

typedef struct lookup {
    parley_ctx *ctx;
    pl_analysis an;
    int32_t date;
    pl_arena tmp;            /* texts handed to the callback */
    pl_dict_locs locs;       /* where agent words are written, read on first need */
    int locs_state;          /* 0 not read, 1 read and matching the context, -1 unusable */
    parley_lookup_fn fn;
    void *user;
} lookup;

static const char *day_text(pl_arena *a, int32_t date)
{
    if (date == PL_DATE_MIN || date == PL_DATE_MAX) return "";
    return pl_arena_printf(a, "%04d-%02d-%02d", date / 10000, date / 100 % 100, date % 100);
}

static const char *span_text(lookup *q, size_t a, size_t b, size_t *start, size_t *end)
{
    const pl_token *t = q->an.s.toks.v;
    *start = t[a].start;
    *end = t[b - 1].end;
    return pl_arena_strndup(&q->tmp, q->an.s.text + *start, *end - *start);
}

static const char *kind_name(uint8_t kind)
{
    static const char *names[] = {"?", "name", "adjective", "demonym", "capital", "place",
                                  "agent", "discard sentence", "discard story"};
    return kind < sizeof names / sizeof *names ? names[kind] : "?";
}

/* The range pl_actor_code_at() takes its code from: the first dated range that holds the
 * date, else the undated code, else (no date at all) the latest range. */
static const pl_code_range *range_at(const pl_actor_entry *e, int32_t date)
{
    const pl_code_range *undated = NULL, *latest = NULL;
    for (size_t i = 0; i < e->ncodes; i++) {
        const pl_code_range *r = &e->codes[i];
        if (r->from == PL_DATE_MIN && r->to == PL_DATE_MAX) {
            if (!undated) undated = r;
            continue;
        }
        if (date && date >= r->from && date <= r->to) return r;
        if (!latest || r->to > latest->to) latest = r;
    }
    if (undated) return undated;
    return !date ? latest : NULL;
}

/* "YOSHIHIDE_SUGA has JPNGOV from 2020-09-16 to 2021-10-04", or why it has no code. */
static const char *code_why(lookup *q, const pl_actor_entry *e)
{
    pl_arena *a = &q->tmp;
    const pl_code_range *r = range_at(e, q->date);
    const char *code = r && *r->code ? r->code : "no code";
    if (r && r->from == PL_DATE_MIN && r->to == PL_DATE_MAX)
        return pl_arena_printf(a, "%s has %s at any date", e->id, code);
    if (r)
        return pl_arena_printf(a, "%s has %s from %s to %s%s", e->id, code,
                               r->from == PL_DATE_MIN ? "the start" : day_text(a, r->from),
                               r->to == PL_DATE_MAX ? "now" : day_text(a, r->to),
                               q->date ? "" : " (no date given: its latest code)");
    if (!e->ncodes) return pl_arena_printf(a, "%s has no code", e->id);
    const char *ranges = "";
    for (size_t i = 0; i < e->ncodes && ranges; i++)
        ranges = pl_arena_printf(a, "%s%s%s %s..%s", ranges, i ? ", " : "", e->codes[i].code,
                                 day_text(a, e->codes[i].from), day_text(a, e->codes[i].to));
    return pl_arena_printf(a, "%s has no code on %s: its codes are %s", e->id,
                           day_text(a, q->date), ranges ? ranges : "?");
}

static const char *actor_entry_why(lookup *q, const pl_phrase *x, const pl_actor_entry *e,
                                   const char *code)
{
    const char *country = e->country ? e->country : code ? code : "?";
    switch (x->kind) {
    case PL_PH_CAPITAL:
        return pl_arena_printf(&q->tmp, "the capital of %s: a place in it, and %sGOV when it "
                               "acts or is acted on alone", country, country);
    case PL_PH_PLACE:
        return pl_arena_printf(&q->tmp, "a place in %s: where things happen, not who acts",
                               country);
    default:
        if (e->kind == PL_ACTOR_COUNTRY)
            return pl_arena_printf(&q->tmp, "a country: gives the country part %s", country);
        return code_why(q, e);
    }
}

/* Where phrase `ph` is written: the sources are read again on first need (tools.h says
 * why); their phrases line up with the context's when both hold as many. */
static pl_loc phrase_loc(lookup *q, uint32_t ph, pl_loc fallback)
{
    if (!q->locs_state) {
        pl_buf msg = {0};
        const pl_dict *d = &q->ctx->dict;
        q->locs_state = -1;
        if (pl_dict_locs_build(&q->locs, q->ctx->sources, &msg) == PARLEY_OK &&
            q->locs.d.nagents == d->nagents && q->locs.d.nphrases == d->nphrases)
            q->locs_state = 1;
        pl_buf_free(&msg);
    }
    if (q->locs_state < 0 || ph >= q->locs.phrase_cap || !q->locs.phrase[ph].file) return fallback;
    return q->locs.phrase[ph];
}

static void report_phrase(lookup *q, const pl_match *m, uint32_t ph)
{
    const pl_dict *d = &q->ctx->dict;
    const pl_phrase *x = &d->phrases[ph];
    pl_loc at = {NULL, 0};
    parley_lookup_item it;
    memset(&it, 0, sizeof it);
    it.what = PARLEY_LOOKUP_ENTRY;
    it.text = span_text(q, m->start, m->end, &it.start, &it.end);
    it.kind = kind_name(x->kind);
    if (x->kind >= PL_PH_NAME && x->kind <= PL_PH_PLACE) {
        const pl_actor_entry *e = &d->actors[x->entry];
        it.entry = e->id;
        it.type = e->type;
        it.code = pl_actor_code_at(e, q->date);
        at = phrase_loc(q, ph, (pl_loc){e->file, e->line});
        it.why = actor_entry_why(q, x, e, it.code);
    } else if (x->kind == PL_PH_AGENT) {
        at = phrase_loc(q, ph, at);
        it.entry = it.code = d->agents[x->entry].code;
        it.why = pl_arena_printf(&q->tmp, "adds the agent %s to the country of the phrase "
                                 "around it", it.code);
    } else {
        it.why = x->kind == PL_PH_DISCARD_STORY ? "a story holding it is not coded"
                                                : "a sentence holding it is not coded";
        at = phrase_loc(q, ph, at);
    }
    it.file = at.file;
    it.line = at.line;
    q->fn(q->user, &it);
}

/* ---- why an actor phrase has its code ---------------------------------------------------- */

/* What the chunk's words are, as resolution reads them (analyse.c's read_parts). */
typedef struct parts {
    const pl_actor_entry *entry;   /* a named entry that is not a country */
    const pl_match *entry_m, *country_m, *agent_m;
    const pl_phrase *country_p;
    const char *agent;
} parts;

static void find_parts(const pl_dict *d, const pl_sentence *s, const pl_chunk *c, parts *p)
{
    memset(p, 0, sizeof *p);
    for (size_t m = 0; m < s->matches.n; m++) {
        const pl_match *x = &s->matches.v[m];
        if (x->start < c->start || x->end > c->end) continue;
        for (uint32_t ph = x->phrase; ph; ph = d->phrases[ph].next) {
            const pl_phrase *f = &d->phrases[ph];
            if (f->kind == PL_PH_AGENT && !p->agent) {
                p->agent = d->agents[f->entry].code;
                p->agent_m = x;
            } else if (f->kind >= PL_PH_NAME && f->kind <= PL_PH_PLACE) {
                const pl_actor_entry *e = &d->actors[f->entry];
                if ((e->kind == PL_ACTOR_COUNTRY || f->kind >= PL_PH_CAPITAL) && !p->country_m) {
                    p->country_m = x;
                    p->country_p = f;
                } else if (e->kind != PL_ACTOR_COUNTRY && f->kind < PL_PH_CAPITAL && !p->entry) {
                    p->entry = e;
                    p->entry_m = x;
                }
            }
        }
    }
}

static const char *match_words(lookup *q, const pl_match *m)
{
    size_t a, b;
    return span_text(q, m->start, m->end, &a, &b);
}

/* How the country and the agent of a coded phrase were found. */
static const char *composed_why(lookup *q, const pl_chunk *c, const parts *p)
{
    pl_arena *a = &q->tmp;
    const char *country, *agent = "";
    if (c->inferred)
        country = pl_arena_printf(a, "the country %s is inferred from where the sentence takes "
                                  "place (%s)", c->country, q->an.s.place.name ? q->an.s.place.name
                                  : q->an.st.context.name ? q->an.st.context.name : "?");
    else if (p->country_m)
        country = pl_arena_printf(a, "'%s' (%s of %s) gives the country %s",
                                  match_words(q, p->country_m), kind_name(p->country_p->kind),
                                  q->ctx->dict.actors[p->country_p->entry].id, c->country);
    else
        country = pl_arena_printf(a, "the country is %s", c->country);
    if (c->agent && c->capital && !p->agent)
        agent = ", and a capital alone stands for its government (GOV)";
    else if (c->agent && p->agent_m)
        agent = pl_arena_printf(a, ", and '%s' the agent %s", match_words(q, p->agent_m), c->agent);
    else if (c->agent)
        agent = pl_arena_printf(a, ", and the agent is %s", c->agent);
    return pl_arena_printf(a, "%s%s", country, agent);
}

static const char *chunk_why(lookup *q, const pl_chunk *c)
{
    parts p;
    find_parts(&q->ctx->dict, &q->an.s, c, &p);
    const char *entry_code = p.entry ? pl_actor_code_at(p.entry, q->date) : NULL;
    pl_arena *a = &q->tmp;
    if (c->code && entry_code && c->actor && !strcmp(entry_code, c->code))
        return pl_arena_printf(a, "the named entry wins: %s", code_why(q, p.entry));
    const char *lead = p.entry && !entry_code
                           ? pl_arena_printf(a, "%s; so the other words decide: ",
                                             code_why(q, p.entry))
                           : "";
    if (c->code) return pl_arena_printf(a, "%s%s", lead, composed_why(q, c, &p));
    if (c->agent)
        return pl_arena_printf(a, "%sthe agent is %s, but no word names a country and the "
                               "sentence names no place", lead, c->agent);
    if (*lead) return pl_arena_printf(a, "%snothing else names a country", lead);
    if (c->name_end > c->name_start)
        return pl_arena_printf(a, "no dictionary entry knows '%s'",
                               match_words(q, &(pl_match){c->name_start, c->name_end, 0}));
    return "nothing in the phrase names a country";
}

static void report_chunk(lookup *q, const pl_chunk *c)
{
    parley_lookup_item it;
    memset(&it, 0, sizeof it);
    it.what = PARLEY_LOOKUP_ACTOR;
    it.text = span_text(q, c->start, c->end, &it.start, &it.end);
    it.actor.text = it.text;
    it.actor.code = c->code;
    it.actor.country = c->country;
    it.actor.agent = c->agent;
    it.actor.actor = c->actor;
    it.actor.inferred = c->inferred;
    it.place = c->place.name;
    it.place_country = c->place.country;
    it.why = chunk_why(q, c);
    q->fn(q->user, &it);
}

static parley_status run_lookup(lookup *q, const char *phrase)
{
    size_t len = strlen(phrase);
    if (len >= UINT32_MAX) return PARLEY_EINVAL;
    pl_span span = {0, (uint32_t)len};
    if (pl_analysis_sentence(q->ctx, &q->an, span)) return PARLEY_ENOMEM;
    const pl_sentence *s = &q->an.s;
    for (size_t m = 0; m < s->matches.n; m++)
        for (uint32_t ph = s->matches.v[m].phrase; ph; ph = q->ctx->dict.phrases[ph].next)
            report_phrase(q, &s->matches.v[m], ph);
    for (size_t k = 0; k < s->nchunks; k++) report_chunk(q, &s->chunks[k]);
    return PARLEY_OK;
}

parley_status parley_dict_lookup(parley_ctx *ctx, const char *phrase, const char *date,
                                 parley_lookup_fn fn, void *user)
{
    if (!ctx || !phrase || !fn) return PARLEY_EINVAL;
    int32_t day = 0;
    if (date && pl_date_parse(date, strlen(date), &day)) {
        pl_buf_clear(&ctx->err);
        pl_buf_printf(&ctx->err, "invalid date \"%s\" (want YYYY-MM-DD)", date);
        return PARLEY_EINVAL;
    }
    parley_status rc = parley_ctx_compile(ctx);
    if (rc != PARLEY_OK) return rc;
    lookup q;
    memset(&q, 0, sizeof q);
    q.ctx = ctx;
    q.date = day;
    q.fn = fn;
    q.user = user;
    pl_arena_init(&q.tmp, 16 * 1024);
    pl_analysis_init(&q.an, phrase, day);
    rc = run_lookup(&q, phrase);
    pl_analysis_free(&q.an);
    if (q.locs_state) pl_dict_locs_free(&q.locs);
    pl_arena_free(&q.tmp);
    if (rc == PARLEY_ENOMEM) {
        pl_buf_clear(&ctx->err);
        pl_buf_printf(&ctx->err, "out of memory while looking up a phrase");
    }
    return rc;
}
