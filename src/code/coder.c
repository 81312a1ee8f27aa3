/* coder.c: codes a story. Sentences are analysed (analyse.c); at each verb with patterns the
 * longest pattern that fits gives the event code, the subject list the sources and the list
 * at the pattern's target slot the targets. */
#include "code/code.h"
#include "code/events.h"
#include "code/tools.h"
#include "io/io.h"
#include "io/ptb.h"

#include <stdlib.h>
#include <string.h>

/* A list member that starts a new clause ("..., and Japan announced") is not one. */
static int starts_clause(const pl_sentence *s, const pl_chunk *c)
{
    size_t after = c->end;
    if (after >= s->first + s->n) return 0;
    uint8_t cls = s->cls[after];
    return cls == PL_C_SAY || cls == PL_C_VERB;
}

/* Members of the list ending at chunk k (subjects), not reaching into a prepositional
 * phrase before them, nor into a verb's object ("Kenya condemned Uganda, and Tanzania
 * praised ...": Tanzania alone). */
static size_t subject_list(const pl_sentence *s, int32_t k, int32_t *out, size_t max)
{
    size_t n = 0;
    int32_t first = k;
    while (s->chunks[first].prev >= 0 && !s->chunks[s->chunks[first].prev].after_prep)
        first = s->chunks[first].prev;
    size_t at = s->chunks[first].start;
    if (at > s->first && s->cls[at - 1] == PL_C_VERB) first = k;
    for (int32_t c = first; c >= 0 && n < max; c = c == k ? -1 : s->chunks[c].next)
        out[n++] = c;
    return n;
}

static size_t target_list(const pl_sentence *s, int32_t k, int32_t *out, size_t max)
{
    size_t n = 0;
    for (int32_t c = k; c >= 0 && n < max; c = s->chunks[c].next) {
        if (n > 0 && starts_clause(s, &s->chunks[c])) break;
        out[n++] = c;
    }
    return n;
}

/* ---- events -------------------------------------------------------------------------------- */

#define MAX_LIST 64

/* The chunks on one side of an event. */
typedef struct actor_side {
    const pl_chunk *v[MAX_LIST];
    size_t n;
} actor_side;

typedef struct coding {
    const parley_ctx *ctx;
    const parley_story *story;
    pl_analysis an;
    parley_events *out;
    size_t sentence_events; /* index of this sentence's first event in out */
    unsigned sentence_no;
    int discard_sentence;    /* a "###" pattern matched: the sentence codes nothing */
    parley_unknown *unknown; /* parley_code_opts.unknown, or NULL */
    int partial;             /* PARLEY_CODE_PARTIAL */
    size_t coded_reach;      /* with a parse: the end of the furthest verb phrase whose verb
                                coded an event with both sides, in this sentence */
    int in_coded_phrase;     /* the anchor being coded lies inside such a phrase */
    size_t dominant_first, dominant_end; /* the events of a dominant code ("[031!]") in out,
                                dominant_end 0 when the sentence has none */
    int story_dates;         /* PARLEY_CODE_STORY_DATES */
    int agent_only;          /* PARLEY_CODE_AGENT_ONLY */
    int source_after;        /* PARLEY_CODE_SOURCE_AFTER */
    int target_before;       /* PARLEY_CODE_TARGET_BEFORE */
    int skip_unknown;        /* PARLEY_CODE_SKIP_UNKNOWN */
    unsigned code_by;        /* PARLEY_CODE_BY_SENTENCE or _BY_CLAUSE, else 0 */
    int clause_source;       /* PARLEY_CODE_CLAUSE_SOURCE */
    unsigned min_words;      /* parley_code_opts.min_words */
    pl_chunk default_source, default_target; /* code NULL when not set */
    parley_comma_clauses commas; /* parley_code_opts.commas */
    actor_side carried;            /* with source_after: the source of the sentence's last verb
                                that coded an event from a subject, as TABARI keeps it */
    uint8_t *dropped;        /* scratch for pl_drop_comma_clauses, per token */
    size_t dropped_cap;
    int32_t story_day;       /* the story date as a day number, PL_DATE_NONE when unknown */
    int32_t story_ymd;       /* and as YYYYMMDD, 0 when unknown */
    pl_when when;            /* the current sentence's dates */
    pl_place_ref source_place; /* where_source_is() writes here */
    pl_ptb *ptb;             /* parley_code_opts.parse, read; NULL without one */
    size_t ptb_cursor;       /* the next parse word */
    int32_t *parse_buf;      /* with a parse: per token, its parse word, its subject, its
                                reach, its passive agent (pl_parse_align,
                                pl_parse_subjects) */
    size_t parse_cap;
    uint8_t *tag_buf;        /* and its tag (PL_TAG_*), and whether its verb has an object
                                (pl_parse_subjects) */
    size_t tag_cap;
} coding;

static const char *keep(coding *cd, const char *s)
{
    return s ? pl_arena_strdup(&cd->out->arena, s) : NULL;
}

static int set_actor(coding *cd, parley_actor *a, const pl_chunk *c)
{
    const pl_sentence *s = &cd->an.s;
    if (c->end > c->start) {
        size_t x = s->toks.v[c->start].start, y = s->toks.v[c->end - 1].end;
        a->text = pl_arena_strndup(&cd->out->arena, s->text + x, y - x);
    } else {
        a->text = "";        /* a side no words name (PARLEY_CODE_PARTIAL) */
    }
    a->code = keep(cd, c->code);
    a->country = keep(cd, c->country);
    /* An agent that goes first ("NGO~") is shown without its mark. */
    a->agent = c->agent ? keep(cd, c->agent)
               : c->prefix ? pl_arena_strndup(&cd->out->arena, c->prefix, strlen(c->prefix) - 1)
                           : NULL;
    a->actor = keep(cd, c->actor);
    a->inferred = c->inferred;
    return a->text && a->code ? 0 : -1;
}

static int already_coded(const coding *cd, const char *src, const char *tgt, const char *code)
{
    for (size_t i = cd->sentence_events; i < cd->out->n; i++) {
        const parley_event *e = &cd->out->v[i];
        if (!strcmp(e->source.code, src) && !strcmp(e->target.code, tgt) && !strcmp(e->code, code))
            return 1;
    }
    return 0;
}

/* Where the story last took the source ("Wang Yi arrived in Paris. The minister met
 * ..."): its latest stop, into *out. 1 when there is one. */
static int where_source_is(const coding *cd, const pl_chunk *source, pl_place_ref *out)
{
    if (!source->code) return 0;
    for (size_t i = cd->out->nstops; i-- > 0;) {
        const parley_stop *st = &cd->out->stops[i];
        if (!st->actor.code || strcmp(st->actor.code, source->code)) continue;
        if ((st->actor.actor == NULL) != (source->actor == NULL) ||
            (source->actor && strcmp(st->actor.actor, source->actor)))
            continue;
        *out = (pl_place_ref){st->place.name, st->place.country, st->place.lat, st->place.lon,
                              (uint8_t)st->place.has_coords, 0};
        return 1;
    }
    return 0;
}

static const pl_place_ref *event_place(coding *cd, const char *code, const pl_chunk *source,
                                       const pl_chunk *target)
{
    /* A visit happens where it goes; anything else where the sentence is, where the story
     * is ("In Tokyo, ..."), or where the story last took its source. */
    if (!strcmp(code, "042") && target->place.name) return &target->place;
    const pl_place_ref *here = &cd->an.s.place, *story = &cd->an.st.context;
    /* "Japan" in a story that is in Tokyo says no more than Tokyo does. */
    if (here->name && here->is_country && story->name && !story->is_country &&
        story->country && here->country && !strcmp(story->country, here->country))
        return story;
    if (here->name) return here;
    if (story->name) return story;
    if (where_source_is(cd, source, &cd->source_place)) return &cd->source_place;
    return NULL;
}

static int set_place(coding *cd, parley_event *e, const pl_place_ref *p)
{
    if (!p) return 0;
    parley_place *place = pl_arena_alloc(&cd->out->arena, sizeof *place);
    if (!place) return -1;
    memset(place, 0, sizeof *place);
    place->name = keep(cd, p->name);
    place->country = keep(cd, p->country);
    pl_locate_place(cd->ctx, p, place);
    e->place = place;
    return 0;
}

static const char *file_base(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* Where someone goes is a place: "flew to Washington" is a visit to the USA, not to its
 * government. */
static pl_chunk as_destination(const char *code, const pl_chunk *tgt)
{
    pl_chunk c = *tgt;
    if (tgt->capital && !strcmp(code, "042")) {
        c.agent = NULL;
        c.code = c.country;
    }
    return c;
}

/* Force between a state's forces and a role placed nowhere in the story ("Malian troops
 * attacked rebels", "police arrested protesters") happens on that state's ground. Other
 * verbs say nothing of where the role belongs ("the insurgents met a U.S. envoy"). */
static int domestic_force(const char *code, const pl_chunk *other)
{
    static const char *forces[] = {"GOV", "MIL", "COP", "JUD", "SPY"};
    int force = 0;
    for (size_t i = 0; other->agent && i < sizeof forces / sizeof *forces; i++)
        force |= !strcmp(other->agent, forces[i]);
    return force && code[0] == '1' && code[1] >= '7';
}

static int place_by_other_side(coding *cd, const char *code, pl_chunk *role,
                               const pl_chunk *other)
{
    if (role->code || !role->agent || !other->country || !domestic_force(code, other) ||
        !pl_is_country(&cd->ctx->dict, other->country))
        return 0;
    role->country = other->country;
    role->inferred = 1;
    role->code = pl_arena_printf(&cd->an.st.arena, "%s%s", role->country, role->agent);
    return role->code ? 0 : -1;
}

/* PETRARCH's way with an unknown side: "---", with the agent when there is one. An event
 * needs one side known by country or agent. A list member that names neither is no side
 * of its own: the list's other members act ("Lions, tigers and Gondor welcomed"). */
static int partial_side(coding *cd, pl_chunk *c)
{
    if (c->code || (!c->agent && (c->next >= 0 || c->prev >= 0))) return 0;
    c->code = c->agent ? pl_arena_printf(&cd->an.st.arena, "---%s", c->agent) : "---";
    return c->code ? 0 : -1;
}

/* The date nearest the event's verb in its sentence, else the story's. */
static int set_date(coding *cd, parley_event *e, size_t verb)
{
    pl_when_fields f;
    if (pl_when_at(&cd->when, cd->an.s.toks.v[verb].start, &cd->out->arena, &f)) return -1;
    e->date = f.date;
    e->date_end = f.date_end;
    e->date_precision = f.precision;
    e->date_basis = f.basis;
    e->date_text = f.text;
    return 0;
}

/* TABARI's CONVERT AGENT: a role with no country is "~" and its agent. */
static int agent_side(coding *cd, pl_chunk *c)
{
    if (c->code || !c->agent) return 0;
    c->code = pl_arena_printf(&cd->an.st.arena, "~%s", c->agent);
    return c->code ? 0 : -1;
}

static int add_event(coding *cd, const pl_pattern_match *m, const char *code,
                     const pl_chunk *source, const pl_chunk *target, size_t verb)
{
    const pl_verb_pattern *p = m->pattern;
    pl_chunk destination = as_destination(code, target), origin = *source;
    const pl_chunk *tgt = &destination, *src = &origin;
    if (place_by_other_side(cd, code, &origin, tgt) ||
        place_by_other_side(cd, code, &destination, src))
        return -1;
    if (cd->agent_only && (agent_side(cd, &origin) || agent_side(cd, &destination))) return -1;
    /* PETRARCH reads a clause inside a coded verb's phrase ("restored ties after crowds
     * burned ...") only for that verb's event: it adds none with a side unknown. */
    int both_known = origin.code && destination.code;
    if (cd->partial && !both_known && cd->in_coded_phrase) return 0;
    if (cd->partial && (partial_side(cd, &origin) || partial_side(cd, &destination))) return -1;
    if (!src->code || !tgt->code || !strcmp(src->code, tgt->code)) return 0;
    if (!strcmp(src->code, "---") && !strcmp(tgt->code, "---")) return 0;
    if (already_coded(cd, src->code, tgt->code, code)) return 0;
    const pl_sentence *s = &cd->an.s;
    if (both_known && s->parse_reach && s->parse_tag[verb] == PL_TAG_VERB &&
        (size_t)s->parse_reach[verb] > cd->coded_reach)
        cd->coded_reach = (size_t)s->parse_reach[verb];
    parley_event *e = pl_events_add(cd->out);
    if (!e) return -1;
    e->sentence = cd->sentence_no;
    if (set_date(cd, e, verb)) return -1;
    e->code = keep(cd, code);
    e->root = pl_arena_strndup(&cd->out->arena, code, 2);
    const pl_event_code *info = pl_event_code_find(&cd->ctx->dict, code);
    e->quad_class = info ? info->quad : 0;
    e->goldstein = info ? info->goldstein : 0;
    e->has_goldstein = info != NULL;
    e->code_name = info ? keep(cd, info->name) : NULL;
    e->plover = info ? keep(cd, info->plover) : NULL;
    e->plover_mode = info ? keep(cd, info->plover_mode) : NULL;
    e->dict_hash = keep(cd, cd->ctx->dict.hash_hex);
    e->pattern = pl_arena_printf(&cd->out->arena, "%s:%ld %s", file_base(p->file), p->line,
                                 p->text);
    const pl_token *toks = s->toks.v;
    size_t first = m->start, last = m->end - 1;
    const pl_chunk *sides[2] = {src, tgt};
    for (int i = 0; i < 2; i++) {
        if (sides[i]->end <= sides[i]->start) continue; /* an absent side */
        if (sides[i]->start < first) first = sides[i]->start;
        if (sides[i]->end - 1 > last) last = sides[i]->end - 1;
    }
    e->span_start = toks[first].start;
    e->span_end = toks[last].end;
    if (set_actor(cd, &e->source, src) || set_actor(cd, &e->target, tgt) || !e->code ||
        !e->root || !e->pattern || !e->dict_hash || set_place(cd, e, event_place(cd, code, src, tgt)))
        return -1;
    return 0;
}

/* One member of a compound code: "FORLEG" is Fornost's LEG, "FRO" an actor of its own. */
static int set_member(coding *cd, pl_chunk *c, const char *code, size_t len)
{
    pl_arena *a = &cd->an.st.arena;
    char prefix[4] = {0};
    memcpy(prefix, code, len < 3 ? len : 3);
    c->code = pl_arena_strndup(a, code, len);
    int country = len > 3 && pl_is_country(&cd->ctx->dict, prefix);
    c->country = country ? pl_arena_strndup(a, code, 3) : c->code;
    c->agent = country && c->code ? c->code + 3 : NULL;
    return c->code && c->country ? 0 : -1;
}

/* A phrase coded "FRO/BIL/SAM" (an entry for several actors, or a role shared by several
 * countries) stands for several actors: each member is a side of its own, as if the phrase
 * were a list. */
static int add_events(coding *cd, const pl_pattern_match *m, const char *code,
                      const pl_chunk *source, const pl_chunk *target, size_t verb)
{
    for (int side = 0; side < 2; side++) {
        const pl_chunk *c = side ? target : source;
        const char *slash = c->code ? strchr(c->code, '/') : NULL;
        if (!slash) continue;
        pl_chunk first = *c, rest = *c;
        rest.code = slash + 1; /* split again below, the last member set whole */
        if (set_member(cd, &first, c->code, (size_t)(slash - c->code)) ||
            (!strchr(rest.code, '/') && set_member(cd, &rest, rest.code, strlen(rest.code))))
            return -1;
        return add_events(cd, m, code, side ? source : &first, side ? &first : target, verb) ||
               add_events(cd, m, code, side ? source : &rest, side ? &rest : target, verb);
    }
    return add_event(cd, m, code, source, target, verb);
}

/* Chunk k closes a list with "and" or "or" before it ("Fornost and Gondor"; not "In the
 * UK, an emergency cabinet"). */
static int closes_coordination(const pl_sentence *s, int32_t k)
{
    const pl_chunk *c = &s->chunks[k];
    if (c->prev < 0) return 0;
    for (size_t i = s->chunks[c->prev].end; i < c->start; i++)
        if (s->cls[i] == PL_C_AND) return 1;
    return 0;
}

/* The list a lone "they" or "them" stands for ("Kenya and Chad said they ..."): its members
 * into out; else the pronoun (or whatever phrase c is) alone, as out holds it. */
static size_t stood_for_list(const pl_sentence *s, const pl_chunk *c, int32_t *out, size_t max)
{
    if (!c->stands_for) return 1;
    int32_t first = s->chunk_at[c->stands_for - 1];
    if (first < 0) return 1;
    int32_t last = first;
    while (s->chunks[last].next >= 0) last = s->chunks[last].next;
    if (!closes_coordination(s, last)) return 1;
    while (s->chunks[first].prev >= 0) first = s->chunks[first].prev;
    size_t n = 0;
    for (int32_t m = first; m >= 0 && n < max; m = s->chunks[m].next) out[n++] = m;
    return n;
}

/* The members of the list a slot's chunk belongs to: a subject list when the chunk stands
 * before the anchor, the list that starts with it when after, or the list a plural pronoun
 * stands for. */
static void slot_list(const pl_sentence *s, int32_t chunk, size_t anchor, actor_side *out)
{
    int32_t k[MAX_LIST];
    out->n = 0;
    if (chunk < 0) return;
    if (s->chunks[chunk].start < anchor) out->n = subject_list(s, chunk, k, MAX_LIST);
    else out->n = target_list(s, chunk, k, MAX_LIST);
    if (out->n == 1) out->n = stood_for_list(s, &s->chunks[chunk], k, MAX_LIST);
    for (size_t i = 0; i < out->n; i++) out->v[i] = &s->chunks[k[i]];
}

static void side_of_one(actor_side *out, const pl_chunk *c)
{
    out->v[0] = c;
    out->n = 1;
}

/* A side is named when one of its phrases is an actor (a role too, where roles code). */
static int side_named(const coding *cd, const actor_side *sd)
{
    for (size_t i = 0; i < sd->n; i++)
        if (sd->v[i]->code || (cd->agent_only && sd->v[i]->agent)) return 1;
    return 0;
}

/* The nearest actor before token pos in its clause whose code is not `other`; -1 if none. */
static int32_t actor_before(const pl_sentence *s, size_t pos, const char *other)
{
    for (size_t j = pos; j-- > s->first;) {
        if (s->cls[j] == PL_C_SAY) break;
        int32_t k = s->chunk_ending[j];
        if (k < 0) continue;
        const pl_chunk *c = &s->chunks[k];
        if (c->code && (!other || strcmp(c->code, other))) return k;
        j = c->start;
    }
    return -1;
}

/* "and", "or", "but" or ";" starts a new clause (TABARI's clauses), unless it joins two
 * members of a list of actors ("Arnor and Bree") or two words ("easy or pleasant"). */
static int ends_clause(const pl_sentence *s, size_t i)
{
    const pl_token *t = &s->toks.v[i];
    const char *w = pl_token_norm(&s->toks, t);
    if (s->cls[i] == PL_C_AND && i > s->first && s->chunk_ending[i - 1] >= 0 &&
        s->chunks[s->chunk_ending[i - 1]].next >= 0)
        return 0;
    if (s->cls[i] == PL_C_AND && i > s->first && i + 1 < s->first + s->n &&
        s->cls[i - 1] == PL_C_WORD && s->cls[i + 1] == PL_C_WORD)
        return 0;
    return s->cls[i] == PL_C_AND || (t->norm_len == 3 && !memcmp(w, "but", 3)) ||
           (t->norm_len == 1 && *w == ';');
}

/* The first token of the clause (TABARI's) that token v stands in. */
static size_t clause_start(const pl_sentence *s, size_t v)
{
    size_t start = v;
    while (start > s->first && !ends_clause(s, start - 1)) start--;
    return start;
}

/* The first actor from token `from` up to token `to`; -1 if none. */
static int32_t first_actor_between(const pl_sentence *s, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++)
        if (s->chunk_at[i] >= 0 && s->chunks[s->chunk_at[i]].code) return s->chunk_at[i];
    return -1;
}

/* The verb's next actor from token `from` on (pl_next_actor: not past a speaker or a
 * pronoun) if it starts before token `end`; -1 if none. */
static int32_t next_actor_before(const pl_sentence *s, size_t from, size_t end)
{
    int32_t k = pl_next_actor(s, from);
    return k >= 0 && s->chunks[k].start < end ? k : -1;
}

/* The token after the clause (TABARI's) that token v stands in. */
static size_t clause_end(const pl_sentence *s, size_t v)
{
    size_t end = v + 1;
    while (end < s->first + s->n && !ends_clause(s, end)) end++;
    return end;
}

/* TABARI's source when the words next to the verb at v name none: the first actor of its
 * clause, before the verb or after it (with its clause conventions anywhere up to the
 * clause's end, "that" and later verbs included). -1 if none. */
static int32_t first_in_clause(const coding *cd, size_t v)
{
    const pl_sentence *s = &cd->an.s;
    int32_t k = first_actor_between(s, clause_start(s, v), v);
    if (k >= 0) return k;
    return cd->clause_source ? first_actor_between(s, v + 1, clause_end(s, v))
                             : next_actor_before(s, v + 1, clause_end(s, v));
}

/* The first actor from token `from` on other than `source`: in the verb's predicate
 * (TABARI's default target), or up to the end of the verb's clause at v when `clause_end`
 * is set (a speaker or a subordinate clause's subject too). -1 if none. */
static int32_t actor_after(const pl_sentence *s, size_t from, size_t clause_end,
                           const char *source)
{
    for (;;) {
        int32_t k = clause_end ? first_actor_between(s, from, clause_end) : pl_next_actor(s, from);
        if (k < 0 || !source || strcmp(s->chunks[k].code, source)) return k;
        from = s->chunks[k].end;
    }
}

/* A source (target) item in the pattern: that side is the pattern's, not the sentence's. */
static int has_item(const pl_verb_pattern *p, uint8_t kind)
{
    for (uint16_t i = 0; i < p->nbefore; i++)
        if (p->before[i].kind == kind) return 1;
    for (uint16_t i = 0; i < p->nafter; i++)
        if (p->after[i].kind == kind) return 1;
    return 0;
}

/* TABARI's rules for sides no phrase next to the verb names (PARLEY_CODE_SOURCE_AFTER:
 * the source of the last verb that coded in the sentence, else the first actor of the
 * clause; _SKIP_UNKNOWN, _TARGET_BEFORE), then its DEFAULT codes. Only a pattern with no
 * target item looks for a target of its own. */
static void fill_sides(coding *cd, const pl_pattern_match *m, size_t v, actor_side *src, actor_side *tgt)
{
    const pl_sentence *s = &cd->an.s;
    int own_target = m->pattern->default_target && !has_item(m->pattern, PL_IT_TARGET);
    if (!side_named(cd, src) && cd->source_after && cd->carried.n) {
        *src = cd->carried;
    } else if (!side_named(cd, src) && cd->source_after) {
        int32_t k = first_in_clause(cd, v);
        /* The target a pattern item took before the verb ("+ WAS * DEAD") is not its
         * source too: the first actor after the pattern is. */
        if (k >= 0 && k == m->target && s->chunks[k].start < v) k = pl_next_actor(s, m->end);
        else if (k >= 0 && k == m->target && !own_target)
            k = pl_next_actor(s, s->chunks[k].end);
        if (k >= 0) {
            side_of_one(src, &s->chunks[k]);
            /* The first actor after the verb acts; the next one is acted on. */
            if (own_target && s->chunks[k].start > v)
                slot_list(s, next_actor_before(s, s->chunks[k].end, clause_end(s, v)), v, tgt);
        }
    }
    if (!side_named(cd, src) && cd->default_source.code) side_of_one(src, &cd->default_source);
    if (!own_target || side_named(cd, tgt)) return;
    const char *source = src->n ? src->v[0]->code : NULL;
    int32_t k = cd->skip_unknown ? actor_after(s, m->end, 0, source) : -1;
    /* TABARI's clause conventions look on to the clause's end */
    if (k < 0 && cd->clause_source) k = actor_after(s, m->end, clause_end(s, v), source);
    if (k >= 0) slot_list(s, k, v, tgt);
    if (!side_named(cd, tgt) && cd->target_before && src->n) {
        k = actor_before(s, m->start, src->v[0]->code);
        if (k >= 0) side_of_one(tgt, &s->chunks[k]);
    }
    if (!side_named(cd, tgt) && cd->default_target.code) side_of_one(tgt, &cd->default_target);
}

/* "that" at i opens a clause ("asked that", "reports, that", "Kenya, ..., that"), unless
 * a preposition stands before it ("in that") or a verb after it, whose subject it is then
 * ("the troops that attacked"). */
static int opens_that_clause(const pl_sentence *s, size_t i)
{
    const pl_token *t = &s->toks.v[i];
    if (i == s->first || i + 1 >= s->first + s->n || t->norm_len != 4 ||
        memcmp(pl_token_norm(&s->toks, t), "that", 4))
        return 0;
    uint8_t before = s->cls[i - 1], after = s->cls[i + 1];
    return before != PL_C_PREP && after != PL_C_VERB && after != PL_C_AUX &&
           after != PL_C_SAY;
}

/* The "that" nearest before the verb at v in its clause that opens a clause after an actor
 * of it ("Kenya asked that Chad help"): the actor, -1 if none. */
static int32_t actor_before_that(const pl_sentence *s, size_t v)
{
    size_t start = clause_start(s, v);
    for (size_t i = v; i-- > start;) {
        if (!opens_that_clause(s, i)) continue;
        /* "Kenya and Chad asked that ...": the list acts, a subject list ends at its last */
        int32_t k = first_actor_between(s, start, i);
        while (k >= 0 && s->chunks[k].next >= 0 && s->chunks[s->chunks[k].next].end <= i)
            k = s->chunks[k].next;
        return k;
    }
    return -1;
}

/* A subject list inside a prepositional phrase ("Ties between Kenya and Chad may ease"):
 * to TABARI, which reads no prepositions, every member acts. */
static void prepositional_subjects(const pl_sentence *s, int32_t k, actor_side *src)
{
    if (k < 0) return;
    int32_t first = k;
    while (s->chunks[first].prev >= 0) first = s->chunks[first].prev;
    if (first == k || !s->chunks[first].after_prep) return;
    src->n = 0;
    for (int32_t c = first; c >= 0 && src->n < MAX_LIST; c = c == k ? -1 : s->chunks[c].next)
        src->v[src->n++] = &s->chunks[c];
}

/* The phrase right before the verb at v, past auxiliaries and adverbs ("Ties between
 * Kenya and Chad may ease": Chad), where the subject rules found none that a dictionary
 * names; -1 if none. */
static int32_t list_before(const pl_sentence *s, size_t v)
{
    size_t j = v;
    while (j > s->first && (s->cls[j - 1] == PL_C_AUX || s->cls[j - 1] == PL_C_ADV)) j--;
    return j > s->first ? s->chunk_ending[j - 1] : -1;
}

/* A `$` right before the verb is the actor written there, also after a preposition, which
 * TABARI does not read ("a row between Kenya called on ..."), unless a comma earlier in the
 * clause sets it in an aside. A lone actor; -1 when there is none. */
static int32_t source_next_to(const pl_sentence *s, const pl_verb_pattern *p, size_t v)
{
    if (!p->nbefore || p->before[0].kind != PL_IT_SOURCE || v == s->first) return -1;
    int32_t k = s->chunk_ending[v - 1];
    if (k < 0 || !s->chunks[k].after_prep || !s->chunks[k].code || s->chunks[k].prev >= 0)
        return -1;
    for (size_t i = clause_start(s, v); i < s->chunks[k].start; i++)
        if (s->cls[i] == PL_C_COMMA) return -1;
    return k;
}

/* TABARI's clause conventions (PARLEY_CODE_CLAUSE_SOURCE): one source per clause. The verb
 * of a "that" clause takes the source of the clause that opens it ("Kenya asked that Chad
 * help": KEN, and with TABARI's side rules CHD as target when no actor follows, or when a
 * pronoun does, which stands for that source); a subject named in an earlier clause is
 * none ("Kenya alleged and accused ...": the rules for a missing source apply). A
 * pattern's own source item stays, and one next to the verb takes the actor there even
 * after a preposition. */
static void clause_source(const pl_sentence *s, const pl_pattern_match *m, size_t v,
                          actor_side *src, actor_side *tgt)
{
    int32_t next_to = source_next_to(s, m->pattern, v);
    if (next_to >= 0) {
        side_of_one(src, &s->chunks[next_to]);
        return;
    }
    if (has_item(m->pattern, PL_IT_SOURCE)) return;
    int32_t main = actor_before_that(s, v);
    if (main >= 0 && main != m->source) {
        /* "they asked that Chad help them": the pronoun is the asker, who acts on the
         * clause's subject */
        if (m->source >= 0 && s->chunks[m->source].start > s->chunks[main].start &&
            s->chunks[m->source].start < v && m->target >= 0 && s->chunks[m->target].pronoun)
            slot_list(s, m->source, v, tgt);
        slot_list(s, main, v, src);
    } else if (m->source < 0 || !s->chunks[m->source].code) {
        prepositional_subjects(s, list_before(s, v), src);
    } else if (s->chunks[m->source].start > v) {
        return;
    } else if (s->chunks[m->source].start < clause_start(s, v)) {
        src->n = 0;
    } else {
        prepositional_subjects(s, m->source, src);
    }
}

/* A joint pattern's members when its subject is one actor: the nearest coordination before
 * its verb v in its clause, whole ("Mordor with Fornost and Gondor welcomed each other's
 * envoys": Fornost and Gondor). Unchanged when there is none. */
static void joint_members(const pl_sentence *s, size_t v, actor_side *src)
{
    if (src->n >= 2) return;
    for (size_t j = v; j-- > s->first && s->cls[j] != PL_C_SAY && !ends_clause(s, j);) {
        int32_t k = s->chunk_ending[j];
        if (k < 0) continue;
        if (!closes_coordination(s, k)) {
            j = s->chunks[k].start;
            continue;
        }
        int32_t head = k;
        while (s->chunks[head].prev >= 0) head = s->chunks[head].prev;
        src->n = 0;
        for (int32_t c = head; c >= 0 && src->n < MAX_LIST; c = c == k ? -1 : s->chunks[c].next)
            src->v[src->n++] = &s->chunks[c];
        return;
    }
}

/* The events of the pattern m fits at v, coded `code`, between its sides. `from_subject`:
 * the subject before the verb (or with TABARI's clause conventions the clause that opens
 * its own) named the source, which later verbs may then carry on. */
static int code_sides(coding *cd, const pl_pattern_match *m, size_t v, const char *code,
                      actor_side *src, const actor_side *tgt, int from_subject)
{
    const pl_sentence *s = &cd->an.s;
    const pl_verb_pattern *p = m->pattern;
    if (m->joint) {
        joint_members(s, v, src);
        /* Members of a compound subject act on one another: each on each, both ways, as
         * TABARI and PETRARCH code it ("A and B met": A -> B and B -> A), with the other
         * side's code of a pair ("[044:045]") for each. */
        for (size_t i = 0; i < src->n; i++)
            for (size_t j = 0; j < src->n; j++) {
                if (i == j) continue;
                if (add_events(cd, m, code, src->v[i], src->v[j], v)) return -1;
                if (p->code2 && add_events(cd, m, p->code2, src->v[j], src->v[i], v)) return -1;
            }
        return 0;
    }
    /* No target: PETRARCH codes the event against "---", which stands for a noun phrase
     * after the verb: with a parse, none there ("said today") leaves no event. */
    static const pl_chunk absent = {.next = -1, .prev = -1};
    int no_target = tgt->n == 0 && cd->partial && (!s->parse_object || s->parse_object[v]);
    size_t before = cd->out->n;
    for (size_t i = 0; i < src->n; i++)
        for (size_t j = 0; j < tgt->n || (no_target && j == 0); j++) {
            const pl_chunk *a = src->v[i], *b = no_target ? &absent : tgt->v[j];
            if (add_events(cd, m, code, a, b, v)) return -1;
            /* "[042:043]": the target's side of the same event (a visit hosted). */
            if (p->code2 && add_events(cd, m, p->code2, b, a, v)) return -1;
        }
    /* A source that a pattern item, a passive's "by" or TABARI's side rules gave is not
     * carried on (TABARI). */
    if (cd->out->n > before && from_subject && !has_item(p, PL_IT_SOURCE)) cd->carried = *src;
    return 0;
}

/* Codes the anchor at v; *used is the token after the words its pattern took. */
static int code_anchor(coding *cd, size_t v, size_t *used)
{
    const pl_sentence *s = &cd->an.s;
    pl_pattern_match m;
    int sourceless = cd->source_after || cd->default_source.code;
    if (!pl_match_anchor(cd->ctx, s, v, sourceless, &m)) return 0;
    *used = m.end;
    const pl_verb_pattern *p = m.pattern;
    if (p->code[0] == '#') cd->discard_sentence = 1;
    if (pl_pattern_blocks(p->code)) return 0;
    actor_side src, tgt;
    cd->in_coded_phrase = v < cd->coded_reach;
    slot_list(s, m.source, v, &src);
    slot_list(s, m.target, v, &tgt);
    if (cd->clause_source) clause_source(s, &m, v, &src, &tgt);
    int from_subject = side_named(cd, &src) && m.source >= 0 && s->chunks[m.source].start < v;
    fill_sides(cd, &m, v, &src, &tgt);
    /* TABARI's dominant code ("[031!]"): the first such pattern that codes gives the
     * sentence its only events */
    char code[16];
    size_t len = strlen(p->code), first = cd->out->n;
    int dominant = len > 1 && len < sizeof code && p->code[len - 1] == '!';
    snprintf(code, sizeof code, "%.*s", (int)(len - (size_t)dominant), p->code);
    if (code_sides(cd, &m, v, code, &src, &tgt, from_subject)) return -1;
    if (dominant && cd->out->n > first && !cd->dominant_end)
        cd->dominant_first = first, cd->dominant_end = cd->out->n;
    return 0;
}

/* ---- sentences and stories ----------------------------------------------------------------- */

enum discard { KEEP, DISCARD_SENTENCE, DISCARD_STORY };

static enum discard discard_of(const pl_dict *d, const pl_sentence *s)
{
    enum discard worst = KEEP;
    for (size_t k = 0; k < s->nchunks; k++)
        if (s->chunks[k].discards) worst = DISCARD_SENTENCE;
    for (size_t m = 0; m < s->matches.n; m++)
        for (uint32_t p = s->matches.v[m].phrase; p; p = d->phrases[p].next) {
            if (d->phrases[p].kind == PL_PH_DISCARD_STORY) return DISCARD_STORY;
            if (d->phrases[p].kind == PL_PH_DISCARD_SENTENCE) worst = DISCARD_SENTENCE;
        }
    return worst;
}

#define PLACE_WINDOW 12 /* tokens: a cue, a name of a few words, ", Country" */

static pl_place_ref place_of_mention(const pl_geo_mention *m)
{
    pl_place_ref r = {m->place.name, *m->place.country ? m->place.country : NULL,
                      m->place.lat, m->place.lon, 1, m->place.kind == PL_PLACE_COUNTRY};
    return r;
}

/* Places no dictionary names ("arrived in Tianjin"), found with the gazetteer in the light
 * of the countries the sentence and the story name: the sentence's place when the
 * dictionaries gave none, and the story's when the sentence opens with it ("In Tokyo, ..."). */
static int word_is(const pl_sentence *s, size_t i, const char *w)
{
    const pl_token *t = &s->toks.v[i];
    return t->norm_len == strlen(w) && !memcmp(pl_token_norm(&s->toks, t), w, t->norm_len);
}

/* The gazetteer's cues (src/geo/find.c): in, at, to, from, via, near, outside, into. */
static int place_cue(const pl_sentence *s, size_t i)
{
    static const char *const cues[] = {"in", "at", "to", "from", "via", "near", "outside", "into"};
    if (s->cls[i] != PL_C_PREP) return 0;
    for (size_t k = 0; k < sizeof cues / sizeof *cues; k++)
        if (word_is(s, i, cues[k])) return 1;
    return 0;
}

/* The next cue from token i on that stands before a capitalized word no dictionary knows
 * ("in Tianjin", "via Seoul"), or the sentence's end. Most sentences have none. */
static size_t next_place_cue(const coding *cd, size_t i)
{
    const pl_sentence *s = &cd->an.s;
    size_t end = s->first + s->n;
    for (; i + 1 < end; i++) {
        if (!place_cue(s, i) && s->toks.v[i].lemma != cd->ctx->grammar.moves[2]) continue;
        size_t k = i + 1;
        if (s->cls[k] == PL_C_DET && k + 1 < end) k++;
        if (s->cls[k] == PL_C_NAME) return i;
    }
    return end;
}

/* The word at b takes someone to the place after it: "via", "visited", or "to" after a
 * move ("visit to", "trip to", "traveled to"); not "drones to Russia". */
static int reached(const coding *cd, size_t b)
{
    const pl_sentence *s = &cd->an.s;
    if (word_is(s, b, "via")) return 1;
    if (s->toks.v[b].lemma == cd->ctx->grammar.moves[2]) return 1; /* visit */
    if (b == s->first || !(word_is(s, b, "to") || word_is(s, b, "into"))) return 0;
    uint32_t move = s->toks.v[b - 1].lemma;
    if (word_is(s, b - 1, "trip") || word_is(s, b - 1, "journey")) return 1;
    for (int k = 0; k < PL_MOVES; k++)
        if (move && move == cd->ctx->grammar.moves[k]) return 1;
    return 0;
}

/* A place the dictionaries know that someone reached ("visit to Saudi Arabia", "via Seoul",
 * "visited India"), as the gazetteer names it; the sentence's place when it names no "in
 * X". 1 and *out set, or 0. */
static int place_by_cue(const coding *cd, pl_place_ref *out)
{
    const pl_sentence *s = &cd->an.s;
    for (size_t k = 0; k < s->nchunks; k++) {
        const pl_chunk *c = &s->chunks[k];
        if (!c->place.name || !(c->only_place || c->only_country) || c->start == s->first)
            continue;
        if (!reached(cd, c->start - 1)) continue;
        /* "Qataris", "our Afghan": a people or an adjective is no place. */
        pl_place g;
        const char *context[1] = {c->place.country};
        if (!pl_geo_resolve(cd->ctx->gaz, c->place.name, strlen(c->place.name), context,
                            c->place.country ? 1 : 0, &g))
            continue;
        *out = (pl_place_ref){g.name, *g.country ? g.country : NULL, g.lat, g.lon, 1,
                              g.kind == PL_PLACE_COUNTRY};
        return 1;
    }
    return 0;
}

static void find_mentions(coding *cd)
{
    pl_sentence *s = &cd->an.s;
    pl_story_state *st = &cd->an.st;
    const char *context[8];
    size_t n = 0;
    if (st->context.country) context[n++] = st->context.country;
    for (size_t k = 0; k < s->nchunks && n < 8; k++) {
        const char *c = s->chunks[k].country;
        int seen = !c;
        for (size_t i = 0; i < n && !seen; i++) seen = !strcmp(context[i], c);
        if (!seen) context[n++] = c;
    }
    /* The gazetteer reads a window after each cue, not the whole sentence: most of a
     * sentence names no place, and this runs on every sentence. */
    size_t end = s->first + s->n;
    for (size_t cue = next_place_cue(cd, s->first); cue < end; cue = next_place_cue(cd, cue + 1)) {
        pl_geo_mention m[4];
        size_t stop = cue + PLACE_WINDOW < end ? cue + PLACE_WINDOW : end;
        size_t found = pl_geo_find(cd->ctx->gaz, &s->toks, cue, stop, context, n, m, 4);
        for (size_t i = 0; i < found && i < 4; i++) {
            if ((m[i].flags & PL_GEO_METONYM) || m[i].cue == PL_CUE_SUBJECT) continue;
            s->place = place_of_mention(&m[i]);
            if (m[i].cue == PL_CUE_PREP && m[i].tok == s->first + 1 && !st->context.name)
                st->context = s->place;
            return;
        }
    }
}

/* Words as TABARI counts them for its minimum: numbers count, "'s" does not. */
static size_t words_in(const pl_sentence *s)
{
    size_t n = 0;
    for (size_t i = s->first; i < s->first + s->n; i++) {
        const pl_token *t = &s->toks.v[i];
        n += (t->kind == PL_TOK_WORD || t->kind == PL_TOK_NUMBER) && !(t->flags & PL_TF_POSS);
    }
    return n;
}

/* Every anchor of the sentence, or with PARLEY_CODE_BY_SENTENCE (_BY_CLAUSE) those up to
 * the first that codes an event in the sentence (in each clause). The words a pattern took
 * are used up: a verb among them ("should demand") is no anchor of its own, as in TABARI. */
static int code_anchors(coding *cd)
{
    const pl_sentence *s = &cd->an.s;
    int clause_coded = 0;
    for (size_t i = s->first, used = s->first; i < s->first + s->n; i++) {
        if (cd->code_by == PARLEY_CODE_BY_CLAUSE && ends_clause(s, i)) clause_coded = 0;
        if (!s->anchor[i] || i < used || clause_coded) continue;
        size_t before = cd->out->n;
        if (code_anchor(cd, i, &used)) return -1;
        if (cd->out->n == before || !cd->code_by) continue;
        if (cd->code_by == PARLEY_CODE_BY_SENTENCE) break;
        clause_coded = 1;
    }
    return 0;
}

/* Aligns the story's parse with the sentence's tokens (its tags go to the analysis) before
 * the analysis, `after` set to 0; then, `after` set to 1, reads the sentence's lists,
 * subjects, reach, agents and objects from it. */
static int parse_of_sentence(coding *cd, int after)
{
    pl_sentence *s = &cd->an.s;
    if (!after) {
        if (PL_GROW(cd->parse_buf, cd->parse_cap, 4 * s->toks.n) ||
            PL_GROW(cd->tag_buf, cd->tag_cap, 2 * s->toks.n))
            return -1;
        pl_parse_align(cd->ptb, s, &cd->ptb_cursor, cd->parse_buf, cd->tag_buf);
        s->parse_tag = cd->tag_buf;
        return 0;
    }
    int32_t *leaf = cd->parse_buf, *subject = leaf + s->toks.n, *reach = subject + s->toks.n;
    int32_t *agent = reach + s->toks.n;
    uint8_t *object = cd->tag_buf + s->toks.n;
    pl_parse_lists(cd->ptb, s, leaf);
    pl_parse_clause_subjects(cd->ptb, s, leaf);
    pl_parse_subjects(cd->ptb, s, leaf, subject, reach, agent, object);
    s->parse_subject = subject;
    s->parse_reach = reach;
    s->parse_agent = agent;
    s->parse_object = object;
    return 0;
}

/* Codes the analysed sentence's anchors, then keeps only a dominant pattern's events, or
 * none when a pattern discards the sentence. */
static int code_analysed(coding *cd)
{
    cd->sentence_events = cd->out->n;
    cd->discard_sentence = 0;
    cd->carried.n = 0;
    cd->coded_reach = 0;
    cd->dominant_end = 0;
    if (code_anchors(cd)) return -1;
    if (cd->dominant_end) {
        size_t n = cd->dominant_end - cd->dominant_first;
        memmove(&cd->out->v[cd->sentence_events], &cd->out->v[cd->dominant_first],
                n * sizeof *cd->out->v);
        cd->out->n = cd->sentence_events + n;
    }
    if (cd->discard_sentence) cd->out->n = cd->sentence_events;
    return 0;
}

static int code_sentence(coding *cd, pl_span span, enum discard *discard)
{
    pl_sentence *s = &cd->an.s;
    if (cd->story_dates) {
        cd->when = (pl_when){.story = cd->story, .sentence_start = span.start};
    } else {
        pl_when_scan(&cd->when, cd->story, cd->story_day, span);
    }
    cd->an.st.date = pl_when_role_date(&cd->when, cd->story_ymd);
    if (pl_analysis_tokens(cd->ctx, &cd->an, span)) return -1;
    s->parse_subject = s->parse_reach = s->parse_agent = NULL;
    s->parse_tag = s->parse_object = NULL;
    if (s->n == 0) return 0;
    if (cd->ptb && parse_of_sentence(cd, 0)) return -1;
    if (pl_analyse_sentence(cd->ctx, &cd->an.st, s)) return -1;
    if (cd->ptb && parse_of_sentence(cd, 1)) return -1;
    *discard = discard_of(&cd->ctx->dict, s);
    if (*discard != KEEP) return 0;
    /* the sentence as written, before any aside is dropped */
    if (cd->min_words && words_in(s) < cd->min_words)
        return pl_remember_sentence(cd->ctx, &cd->an.st, s);
    if (cd->commas.max || cd->commas.end_max || cd->commas.begin_max) {
        /* after the discards: a discarding phrase counts inside an aside too */
        if (PL_GROW(cd->dropped, cd->dropped_cap, s->toks.n) ||
            pl_drop_comma_clauses(cd->ctx, &cd->an.st, s, &cd->commas, cd->dropped))
            return -1;
    }
    if (cd->unknown && pl_unknown_sentence(cd->unknown, cd->ctx, s)) return -1;
    if (cd->ctx->gaz && !s->place.name) {
        pl_place_ref cued;
        if (place_by_cue(cd, &cued)) s->place = cued;
        else find_mentions(cd);
    }
    if (code_analysed(cd)) return -1;
    if (!cd->discard_sentence &&
        pl_sentence_stops(cd->ctx, &cd->an, &cd->when, cd->sentence_no, cd->out,
                          cd->sentence_events))
        return -1;
    return pl_remember_sentence(cd->ctx, &cd->an.st, s);
}

static int code_story(coding *cd)
{
    pl_spans sentences = {0};
    const char *text = parley_story_text(cd->story);
    int rc = pl_split_sentences(text, parley_story_text_len(cd->story), &sentences);
    for (size_t i = 0; rc == 0 && i < sentences.n; i++) {
        enum discard discard = KEEP;
        cd->sentence_no = (unsigned)(i + 1);
        rc = code_sentence(cd, sentences.v[i], &discard);
        if (discard == DISCARD_STORY) {
            /* A discarded story yields nothing, not even what came before the phrase. */
            cd->out->n = cd->out->nstops = 0;
            break;
        }
    }
    cd->out->sentences = sentences.n;
    pl_spans_free(&sentences);
    return rc;
}

/* parley_code_opts.parse, read into cd->ptb. */
static parley_status read_parse(parley_ctx *ctx, coding *cd, const parley_code_opts *opts)
{
    if (!opts || !opts->parse) return PARLEY_OK;
    char err[128];
    if (!(cd->ptb = calloc(1, sizeof *cd->ptb))) return PARLEY_ENOMEM;
    int rc = pl_ptb_parse(cd->ptb, opts->parse, strlen(opts->parse), err, sizeof err);
    if (rc == -2) return PARLEY_ENOMEM;
    if (rc == 0) return PARLEY_OK;
    pl_buf_clear(&ctx->err);
    pl_buf_printf(&ctx->err, "%s: parse: %s", parley_story_id(cd->story), err);
    return PARLEY_EPARSE;
}

/* The options that say how many verbs code and how sides no phrase names are found. */
static void read_sides(coding *cd, const parley_code_opts *opts)
{
    static const pl_chunk no_words = {.next = -1, .prev = -1};
    cd->source_after = (opts->flags & PARLEY_CODE_SOURCE_AFTER) != 0;
    cd->target_before = (opts->flags & PARLEY_CODE_TARGET_BEFORE) != 0;
    cd->skip_unknown = (opts->flags & PARLEY_CODE_SKIP_UNKNOWN) != 0;
    cd->code_by = opts->flags & (PARLEY_CODE_BY_SENTENCE | PARLEY_CODE_BY_CLAUSE);
    cd->clause_source = (opts->flags & PARLEY_CODE_CLAUSE_SOURCE) != 0;
    if (cd->code_by & PARLEY_CODE_BY_SENTENCE) cd->code_by = PARLEY_CODE_BY_SENTENCE;
    cd->min_words = opts->min_words;
    cd->commas = opts->parse ? (parley_comma_clauses){0} : opts->commas;
    cd->default_source = cd->default_target = no_words;
    cd->default_source.code = opts->default_source;
    cd->default_target.code = opts->default_target;
}

parley_status parley_code(parley_ctx *ctx, const parley_story *story, parley_events **out)
{
    return parley_code_with(ctx, story, NULL, out);
}

parley_status parley_code_with(parley_ctx *ctx, const parley_story *story,
                               const parley_code_opts *opts, parley_events **out)
{
    if (!ctx || !story || !out) return PARLEY_EINVAL;
    *out = NULL;
    if (!ctx->ready) {
        parley_status rc = parley_ctx_compile(ctx);
        if (rc != PARLEY_OK) return rc;
    }
    coding cd;
    memset(&cd, 0, sizeof cd);
    cd.ctx = ctx;
    cd.story = story;
    cd.unknown = opts ? opts->unknown : NULL;
    cd.partial = opts && (opts->flags & PARLEY_CODE_PARTIAL);
    cd.story_dates = opts && (opts->flags & PARLEY_CODE_STORY_DATES);
    cd.agent_only = opts && (opts->flags & PARLEY_CODE_AGENT_ONLY);
    if (opts) read_sides(&cd, opts);
    cd.out = pl_events_new();
    if (!cd.out) return PARLEY_ENOMEM;
    const char *date = parley_story_date(story);
    int32_t day = 0;
    if (date && pl_date_parse(date, strlen(date), &day)) day = 0;
    pl_analysis_init(&cd.an, parley_story_text(story), day);
    cd.an.st.forward_actor = opts && (opts->flags & PARLEY_CODE_FORWARD_ACTOR);
    cd.an.st.claims_asserted = cd.clause_source;
    cd.an.st.adjacent_roles = opts && (opts->flags & PARLEY_CODE_ADJACENT_ROLES);
    cd.story_ymd = day;
    cd.story_day = PL_DATE_NONE;
    if (day) cd.story_day = pl_date_from_ymd(day / 10000, day / 100 % 100, day % 100);
    parley_status prc = read_parse(ctx, &cd, opts);
    int rc = prc == PARLEY_OK ? code_story(&cd) : 0;
    pl_analysis_free(&cd.an);
    if (cd.ptb) pl_ptb_free(cd.ptb);
    free(cd.ptb);
    free(cd.parse_buf);
    free(cd.tag_buf);
    free(cd.dropped);
    if (prc != PARLEY_OK) {
        parley_events_free(cd.out);
        return prc;
    }
    if (rc) {
        parley_events_free(cd.out);
        pl_buf_clear(&ctx->err);
        pl_buf_printf(&ctx->err, "%s: out of memory while coding", parley_story_id(story));
        return PARLEY_ENOMEM;
    }
    *out = cd.out;
    return PARLEY_OK;
}
