/* native.c: parley's own dictionary format (docs/dictionaries.md), one line at a time, so a
 * broken line costs one message, not the file. */
#include "lex/lex.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- .actors ----------------------------------------------------------------------------- */

static int set_actor_type(pl_actor_entry *a, pl_arena *arena, const char *v, const char *end)
{
    a->type = pl_arena_strndup(arena, v, (size_t)(end - v));
    if (!a->type) return -1;
    if (!strcmp(a->type, "country")) a->kind = PL_ACTOR_COUNTRY;
    else if (!strcmp(a->type, "igo")) a->kind = PL_ACTOR_IGO;
    else if (!strcmp(a->type, "person")) a->kind = PL_ACTOR_PERSON;
    if (a->kind == PL_ACTOR_COUNTRY && !a->country) a->country = a->id;
    return 0;
}

/* "CODE [FROM..TO]" */
static int add_actor_code(pl_dict_source *st, uint32_t actor, const char *v, const char *end)
{
    const char *sp = v;
    while (sp < end && !isspace((unsigned char)*sp)) sp++;
    if (!pl_valid_id(v, sp)) {
        pl_dict_report(st, PARLEY_ERROR, "bad actor code '%.*s'", (int)(sp - v), v);
        return 0;
    }
    int32_t from = PL_DATE_MIN, to = PL_DATE_MAX;
    const char *rtend, *r = pl_trim(sp, end, &rtend);
    if (r < rtend) {
        const char *dots = r;
        while (dots + 1 < rtend && !(dots[0] == '.' && dots[1] == '.')) dots++;
        if (dots + 1 >= rtend ||
            (dots > r && pl_date_parse(r, (size_t)(dots - r), &from)) ||
            (rtend > dots + 2 && pl_date_parse(dots + 2, (size_t)(rtend - dots - 2), &to)) ||
            from > to) {
            pl_dict_report(st, PARLEY_ERROR, "bad date range '%.*s' (want YYYY-MM-DD..YYYY-MM-DD)",
                   (int)(rtend - r), r);
            return 0;
        }
    }
    return pl_dict_actor_code(st, actor, v, (size_t)(sp - v), from, to);
}

static int actor_key(pl_dict_source *st, const char *key, size_t klen, const char *v,
                     const char *end)
{
    static const struct { const char *key; enum pl_phrase_kind kind; } lists[] = {
        {"name", PL_PH_NAME}, {"adj", PL_PH_ADJ}, {"demonym", PL_PH_DEMONYM},
        {"capital", PL_PH_CAPITAL}, {"place", PL_PH_PLACE}};
    pl_actor_entry *a = &st->d->actors[st->entry];
    for (size_t i = 0; i < sizeof lists / sizeof *lists; i++)
        if (strlen(lists[i].key) == klen && !memcmp(key, lists[i].key, klen))
            return pl_dict_phrase_list(st, lists[i].kind, (uint32_t)st->entry, v, end);
    if (klen == 4 && !memcmp(key, "code", 4)) return add_actor_code(st, (uint32_t)st->entry, v, end);
    if (klen == 4 && !memcmp(key, "type", 4)) return set_actor_type(a, &st->d->arena, v, end);
    if (klen == 7 && !memcmp(key, "country", 7)) {
        if (!pl_valid_id(v, end)) {
            pl_dict_report(st, PARLEY_ERROR, "bad country code '%.*s'", (int)(end - v), v);
            return 0;
        }
        a->country = pl_arena_strndup(&st->d->arena, v, (size_t)(end - v));
        return a->country ? 0 : -1;
    }
    pl_dict_report(st, PARLEY_WARNING, "unsupported key '%.*s:' ignored", (int)klen, key);
    return 0;
}

static int actors_line(pl_dict_source *st, const char *s, const char *end)
{
    if (*s == '=') {
        const char *tend, *t = pl_trim(s + 1, end, &tend);
        const char *sp = t;
        while (sp < tend && !isspace((unsigned char)*sp)) sp++;
        if (!pl_valid_id(t, sp)) {
            pl_dict_report(st, PARLEY_ERROR, "bad entry id '%.*s' (want upper-case letters, digits, _)",
                   (int)(sp - t), t);
            st->entry = -1;
            return 0;
        }
        st->entry = pl_dict_actor(st, t, (size_t)(sp - t));
        return st->entry == -2 ? -1 : 0;
    }
    if (!isspace((unsigned char)*s)) {
        pl_dict_report(st, PARLEY_ERROR, "expected '= ID' or an indented 'key: value' line");
        return 0;
    }
    const char *tend, *t = pl_trim(s, end, &tend);
    const char *colon = memchr(t, ':', (size_t)(tend - t));
    if (!colon) {
        pl_dict_report(st, PARLEY_ERROR, "expected 'key: value'");
        return 0;
    }
    if (st->entry < 0) {
        pl_dict_report(st, PARLEY_ERROR, "'%.*s' outside an entry (no '= ID' line before it)",
               (int)(colon - t), t);
        return 0;
    }
    const char *vend, *v = pl_trim(colon + 1, tend, &vend);
    return actor_key(st, t, (size_t)(colon - t), v, vend);
}

/* ---- .agents: "CODE: phrase; phrase" ----------------------------------------------------- */

static int add_agent(pl_dict_source *st, const char *t, size_t len, void *code)
{
    return pl_dict_agent(st, code, t, len, 0);
}

static int agents_line(pl_dict_source *st, const char *s, const char *end)
{
    pl_dict *d = st->d;
    const char *colon = memchr(s, ':', (size_t)(end - s));
    const char *cend, *c = colon ? pl_trim(s, colon, &cend) : s;
    if (!colon || !pl_valid_id(c, cend)) {
        pl_dict_report(st, PARLEY_ERROR, "expected 'CODE: phrase; phrase'");
        return 0;
    }
    const char *code = pl_arena_strndup(&d->arena, c, (size_t)(cend - c));
    if (!code) return -1;
    return pl_dict_each_item(st, colon + 1, end, add_agent, (void *)code);
}

/* ---- .verbs: "CODE PATTERN" -------------------------------------------------------------- */

static int valid_event_code(const char *s, const char *end)
{
    if (end - s < 2 || end - s > 4) return 0;
    for (; s < end; s++)
        if (!isdigit((unsigned char)*s)) return 0;
    return 1;
}

/* Interns the lemma of every token of one pattern word ("n't" is one, "U.S.-led" three). */
static int pattern_word(pl_dict *d, const char *w, size_t len, uint32_t *items, uint32_t *n,
                        uint32_t max)
{
    pl_tokens toks = {0};
    pl_span span = {0, (uint32_t)len};
    int rc = -1;
    if (pl_tokenize(&toks, w, span)) goto done;
    for (size_t i = 0; i < toks.n; i++) {
        const char *norm = pl_token_norm(&toks, &toks.v[i]);
        const char *lemma = d->lemmatizer ? pl_lemma(d->lemmatizer, norm, toks.v[i].norm_len) : norm;
        if (!lemma || *n >= max) goto done;
        uint32_t id = pl_strmap_intern(&d->vocab, lemma, strlen(lemma));
        if (!id) goto done;
        items[(*n)++] = id;
    }
    rc = 0;
done:
    pl_tokens_free(&toks);
    return rc;
}

static int verbs_line(pl_dict_source *st, const char *s, const char *end)
{
    pl_dict *d = st->d;
    const char *c = s;
    while (s < end && !isspace((unsigned char)*s)) s++;
    if (!valid_event_code(c, s)) {
        pl_dict_report(st, PARLEY_ERROR, "expected 'CODE PATTERN' with a 2-4 digit CAMEO code");
        return 0;
    }
    const char *pend, *p = pl_trim(s, end, &pend);
    if (p == pend || (*p != '$' && *p != '%')) {
        pl_dict_report(st, PARLEY_ERROR, "a pattern starts with $ (source) or %% (joint source)");
        return 0;
    }
    uint32_t items[64], n = 0;
    int joint = *p == '%', has_target = 0;
    const char *w = p + 1;
    while (w < pend) {
        while (w < pend && isspace((unsigned char)*w)) w++;
        const char *we = w;
        while (we < pend && !isspace((unsigned char)*we)) we++;
        if (we == w) break;
        if (we - w == 1 && (*w == '+' || *w == '*')) {
            if (n == 0 || n >= 64) break; /* a slot before the verb: reported below */
            items[n++] = *w == '+' ? PL_PAT_TARGET : PL_PAT_SKIP;
            has_target |= *w == '+';
        } else if (pattern_word(d, w, (size_t)(we - w), items, &n, 64)) {
            pl_dict_report(st, PARLEY_ERROR, "pattern too long or out of memory");
            return 0;
        }
        w = we;
    }
    if (n == 0 || items[0] >= PL_PAT_TARGET || (w < pend)) {
        pl_dict_report(st, PARLEY_ERROR, "a pattern needs a verb right after $ or %%");
        return 0;
    }
    if (PL_GROW(d->verbs, d->verbs_cap, d->nverbs + 1)) return -1;
    pl_verb_pattern *v = &d->verbs[d->nverbs];
    memset(v, 0, sizeof *v);
    v->code = pl_arena_strndup(&d->arena, c, (size_t)(s - c));
    v->text = pl_arena_strndup(&d->arena, p, (size_t)(pend - p));
    v->items = pl_arena_alloc(&d->arena, (n - 1 + 1) * sizeof *v->items);
    if (!v->code || !v->text || !v->items) return -1;
    memcpy(v->items, items + 1, (n - 1) * sizeof *items);
    v->verb = items[0];
    v->nitems = n - 1;
    v->joint = (uint8_t)joint;
    v->has_target = (uint8_t)has_target;
    v->file = st->file;
    v->line = st->line;
    d->nverbs++;
    return 0;
}

/* ---- .discards and .events --------------------------------------------------------------- */

static int add_discard(pl_dict_source *st, const char *t, size_t len, void *kind)
{
    return pl_dict_discard(st, *(enum pl_phrase_kind *)kind, t, len, 0);
}

static int discards_line(pl_dict_source *st, const char *s, const char *end)
{
    enum pl_phrase_kind kind;
    if (end - s > 9 && !memcmp(s, "sentence:", 9)) kind = PL_PH_DISCARD_SENTENCE, s += 9;
    else if (end - s > 6 && !memcmp(s, "story:", 6)) kind = PL_PH_DISCARD_STORY, s += 6;
    else {
        pl_dict_report(st, PARLEY_ERROR, "expected 'sentence: phrase; ...' or 'story: phrase; ...'");
        return 0;
    }
    return pl_dict_each_item(st, s, end, add_discard, &kind);
}

static int events_line(pl_dict_source *st, const char *s, const char *end)
{
    pl_dict *d = st->d;
    char code[8], name[256];
    double goldstein;
    int quad, used = 0;
    char line[512];
    size_t len = (size_t)(end - s) < sizeof line - 1 ? (size_t)(end - s) : sizeof line - 1;
    memcpy(line, s, len);
    line[len] = 0;
    if (sscanf(line, "%7s %lf %d %n", code, &goldstein, &quad, &used) < 3 ||
        !valid_event_code(code, code + strlen(code)) || quad < 1 || quad > 4 ||
        goldstein < -10 || goldstein > 10) {
        pl_dict_report(st, PARLEY_ERROR, "expected 'CODE GOLDSTEIN QUAD NAME' (quad 1-4, Goldstein -10..10)");
        return 0;
    }
    snprintf(name, sizeof name, "%s", line + used);
    if (pl_strmap_get(&d->event_ids, code, strlen(code))) {
        pl_dict_report(st, PARLEY_WARNING, "event code %s defined twice; the first stands", code);
        return 0;
    }
    if (PL_GROW(d->events, d->events_cap, d->nevents + 1)) return -1;
    pl_event_code *e = &d->events[d->nevents];
    e->code = pl_arena_strdup(&d->arena, code);
    e->name = pl_arena_strdup(&d->arena, name);
    e->goldstein = goldstein;
    e->quad = quad;
    if (!e->code || !e->name || !pl_strmap_intern(&d->event_ids, code, strlen(code))) return -1;
    d->nevents++;
    return 0;
}


int pl_native_line(pl_dict_source *st, enum pl_dict_kind kind, const char *s, const char *end)
{
    switch (kind) {
    case PL_DK_ACTORS: return actors_line(st, s, end);
    case PL_DK_AGENTS: return agents_line(st, s, end);
    case PL_DK_VERBS: return verbs_line(st, s, end);
    case PL_DK_DISCARDS: return discards_line(st, s, end);
    case PL_DK_EVENTS: return events_line(st, s, end);
    case PL_DK_NONE:
    case PL_DK_ISSUES: break;
    }
    return 0;
}
