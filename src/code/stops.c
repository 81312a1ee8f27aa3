/* stops.c: where the story puts named actors, for itineraries. A verb that takes someone
 * somewhere ("traveled to Tokyo and Tianjin", "returned to Washington via Seoul") gives a
 * stop at each place after it; an event with a place gives one for each named side ("met
 * Xie Zhenhua in Tianjin"). Dates are the events' (when.c). */
#include "code/code.h"
#include "code/events.h"

#include <ctype.h>
#include <string.h>

void pl_locate_place(const parley_ctx *ctx, const pl_place_ref *p, parley_place *out)
{
    if (p->has_coords) {
        out->lat = p->lat, out->lon = p->lon, out->has_coords = 1;
        return;
    }
    if (!ctx->gaz || !p->name) return;
    pl_place g;
    const char *context[1] = {p->country};
    if (!pl_geo_resolve(ctx->gaz, p->name, strlen(p->name), context, p->country ? 1 : 0, &g))
        return;
    /* A candidate in another country than the one the dictionaries gave is not it. */
    if (p->country && strcmp(g.country, p->country)) return;
    out->lat = g.lat, out->lon = g.lon, out->has_coords = 1;
}

typedef struct stop_ctx {
    const parley_ctx *ctx;
    pl_analysis *an;
    const pl_when *when;
    unsigned sentence_no;
    parley_events *out;
} stop_ctx;

/* "JOHN_KERRY" -> "John Kerry" */
static char *entry_name(pl_arena *a, const char *id)
{
    char *s = pl_arena_strdup(a, id);
    for (char *p = s, prev = ' '; p && *p; prev = *p, p++) {
        if (*p == '_') *p = ' ';
        else *p = (char)(prev == ' ' ? toupper((unsigned char)*p) : tolower((unsigned char)*p));
    }
    return s;
}

static int is_person_entry(const pl_dict *d, const char *id)
{
    uint32_t ix = pl_strmap_get(&d->actor_ids, id, strlen(id));
    return ix && d->actors[ix - 1].kind == PL_ACTOR_PERSON;
}

/* The name of a person: the dictionary entry, else the unknown capitalized words of a
 * titled phrase ("Special Envoy Ana Ruiz"); NULL for countries, places, organisations and
 * roles without a name. */
static const char *actor_name(stop_ctx *sc, const pl_chunk *c)
{
    const pl_sentence *s = &sc->an->s;
    if (c->actor) return is_person_entry(&sc->ctx->dict, c->actor)
                             ? entry_name(&sc->out->arena, c->actor)
                             : NULL;
    if (c->only_place || c->only_country || c->pronoun || !c->agent) return NULL;
    if (c->name_end <= c->name_start || !c->code) return NULL;
    size_t a = s->toks.v[c->name_start].start, b = s->toks.v[c->name_end - 1].end;
    /* "Yamada" after "Prime Minister Taro Yamada" is the same person: the full name. */
    for (size_t i = 0; i < sc->out->nstops; i++) {
        const char *full = sc->out->stops[i].name;
        size_t n = strlen(full), m = b - a;
        if (n > m && full[n - m - 1] == ' ' && !memcmp(full + n - m, s->text + a, m) &&
            !sc->out->stops[i].actor.actor && sc->out->stops[i].actor.code &&
            !strcmp(sc->out->stops[i].actor.code, c->code))
            return full;
    }
    return pl_arena_strndup(&sc->out->arena, s->text + a, b - a);
}

static int set_who(stop_ctx *sc, parley_stop *st, const pl_chunk *c, const char *name)
{
    const pl_sentence *s = &sc->an->s;
    pl_arena *a = &sc->out->arena;
    size_t x = s->toks.v[c->start].start, y = s->toks.v[c->end - 1].end;
    st->name = name;
    st->actor.text = pl_arena_strndup(a, s->text + x, y - x);
    st->actor.code = c->code ? pl_arena_strdup(a, c->code) : NULL;
    st->actor.country = c->country ? pl_arena_strdup(a, c->country) : NULL;
    st->actor.agent = c->agent ? pl_arena_strdup(a, c->agent) : NULL;
    st->actor.actor = c->actor ? pl_arena_strdup(a, c->actor) : NULL;
    st->actor.inferred = c->inferred;
    return st->actor.text ? 0 : -1;
}

static int same(const char *a, const char *b)
{
    return a == b || (a && b && !strcmp(a, b));
}

/* The same stay told again: the actor at the place with the same date, or, for a stop
 * dated by the story alone, at any date ("In Tokyo, Kerry met ..." after "traveled to
 * Tokyo from August 31 to September 3"). */
static int told_before(const stop_ctx *sc, const char *name, const char *place,
                       const pl_when_fields *f)
{
    for (size_t i = 0; i < sc->out->nstops; i++) {
        const parley_stop *o = &sc->out->stops[i];
        if (!strcmp(o->name, name) && same(o->place.name, place) &&
            (same(f->basis, "story") || (same(o->date, f->date) && same(o->date_end, f->date_end))))
            return 1;
    }
    return 0;
}

static int add_stop(stop_ctx *sc, const pl_chunk *who, const char *name,
                    const pl_place_ref *where, const char *kind, size_t cue_tok)
{
    const pl_sentence *s = &sc->an->s;
    const pl_token *cue = &s->toks.v[cue_tok];
    pl_when_fields f;
    if (!where->name) return 0;
    if (pl_when_at(sc->when, cue->start, &sc->out->arena, &f)) return -1;
    if (told_before(sc, name, where->name, &f)) return 0;
    parley_stop *st = pl_stops_add(sc->out);
    if (!st) return -1;
    pl_arena *a = &sc->out->arena;
    st->sentence = sc->sentence_no;
    st->kind = kind;
    st->date = f.date, st->date_end = f.date_end, st->date_precision = f.precision;
    st->date_basis = f.basis, st->date_text = f.text;
    st->cue = pl_arena_strndup(a, s->text + cue->start, cue->end - cue->start);
    st->place.name = pl_arena_strdup(a, where->name);
    st->place.country = where->country ? pl_arena_strdup(a, where->country) : NULL;
    pl_locate_place(sc->ctx, where, &st->place);
    st->span_start = s->toks.v[who->start].start;
    st->span_end = cue->end;
    return !st->cue || !st->place.name || set_who(sc, st, who, name) ? -1 : 0;
}

static int norm_is(const pl_sentence *s, size_t i, const char *w)
{
    const pl_token *t = &s->toks.v[i];
    return t->norm_len == strlen(w) && !memcmp(pl_token_norm(&s->toks, t), w, t->norm_len);
}

/* The move a token's lemma names: index in grammar.moves, or -1. */
static int move_of(const parley_ctx *ctx, const pl_sentence *s, size_t i)
{
    const pl_token *t = &s->toks.v[i];
    if (t->kind != PL_TOK_WORD || !t->lemma || (t->flags & PL_TF_CAP)) return -1;
    if (i > s->first && (s->cls[i - 1] == PL_C_DET || s->cls[i - 1] == PL_C_POSS)) return -1;
    for (int k = 0; k < PL_MOVES; k++)
        if (t->lemma == ctx->grammar.moves[k]) return k;
    return -1;
}

/* The places a move at v reaches: chunks naming a place after to, for, in, at, into, via
 * (or right after "visit"), and the lists they open, up to the end of the clause. */
static int move_stops(stop_ctx *sc, size_t v, int move, const pl_chunk *who, const char *name)
{
    const pl_sentence *s = &sc->an->s;
    size_t end = s->first + s->n;
    const char *kind = move == PL_MOVE_RETURN ? "return" : "visit";
    for (size_t i = v + 1; i < end; i++) {
        uint8_t c = s->cls[i];
        if (c == PL_C_SAY || c == PL_C_STOP || c == PL_C_PRON) break;
        if (c == PL_C_VERB && i > v + 1 && s->cls[i - 1] == PL_C_AND) break;
        int32_t k = s->chunk_at[i];
        if (k < 0) continue;
        size_t before = i - 1;
        int via = norm_is(s, before, "via");
        int cued = via || norm_is(s, before, "to") || norm_is(s, before, "for") ||
                   norm_is(s, before, "in") || norm_is(s, before, "at") ||
                   norm_is(s, before, "into") || (before == v && move != PL_MOVE_RETURN);
        if (!cued) {
            i = s->chunks[k].end - 1;
            continue;
        }
        /* The destination of a return comes after its transit: "to Washington via Seoul". */
        for (int32_t m = k; m >= 0; m = s->chunks[m].next) {
            const pl_chunk *place = &s->chunks[m];
            if (!place->place.name || !(place->only_place || place->only_country)) continue;
            if (add_stop(sc, who, name, &place->place, via ? "transit" : kind, via ? before : v))
                return -1;
            i = place->end - 1;
        }
    }
    return 0;
}

/* A transit written after its destination ("to Washington via Seoul") comes first. */
static void transit_first(parley_events *out, size_t from)
{
    for (size_t i = from + 1; i < out->nstops; i++)
        if (!strcmp(out->stops[i].kind, "transit") && !strcmp(out->stops[i - 1].kind, "return")) {
            parley_stop t = out->stops[i];
            out->stops[i] = out->stops[i - 1];
            out->stops[i - 1] = t;
        }
}

/* Named sides of the sentence's events with a place: they were there. */
static int event_stops(stop_ctx *sc, size_t first_event)
{
    const pl_sentence *s = &sc->an->s;
    for (size_t e = first_event; e < sc->out->n; e++) {
        const parley_event *ev = &sc->out->v[e];
        if (!ev->place || !ev->place->name || !strcmp(ev->code, "042")) continue;
        for (size_t k = 0; k < s->nchunks; k++) {
            const pl_chunk *c = &s->chunks[k];
            if (s->toks.v[c->start].start != ev->span_start) continue;
            const char *name = actor_name(sc, c);
            pl_place_ref where = {ev->place->name, ev->place->country, ev->place->lat,
                                  ev->place->lon, (uint8_t)ev->place->has_coords, 0};
            size_t cue = c->end < s->first + s->n ? c->end : c->end - 1;
            if (name && add_stop(sc, c, name, &where, "meeting", cue)) return -1;
            break;
        }
    }
    return 0;
}

int pl_sentence_stops(const parley_ctx *ctx, pl_analysis *an, const pl_when *when,
                      unsigned sentence_no, parley_events *out, size_t first_event)
{
    stop_ctx sc = {ctx, an, when, sentence_no, out};
    const pl_sentence *s = &an->s;
    size_t from = out->nstops;
    for (size_t v = s->first; v < s->first + s->n; v++) {
        int move = move_of(ctx, s, v);
        if (move < 0) continue;
        int negated;
        int32_t k = pl_find_subject(s, v, &negated);
        if (k < 0 || negated) continue;
        const char *name = actor_name(&sc, &s->chunks[k]);
        if (name && move_stops(&sc, v, move, &s->chunks[k], name)) return -1;
    }
    transit_first(out, from);
    return event_stops(&sc, first_event);
}
