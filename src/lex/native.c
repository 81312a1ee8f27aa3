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

/* Appends the items of one pattern word: one per token ("n't" is one, "U.S.-led" three). */
static int pattern_word(pl_dict *d, const char *w, size_t len, pl_pat_item *items, uint16_t *n,
                        uint16_t max)
{
    const pl_tokens *toks = pl_dict_tokens(d, w, len);
    if (!toks) return -1;
    for (size_t i = 0; i < toks->n; i++) {
        const pl_token *t = &toks->v[i];
        uint32_t id = pl_dict_word(d, pl_token_norm(toks, t), t->norm_len);
        if (!id || *n >= max) return -1;
        items[(*n)++] = (pl_pat_item){.kind = PL_IT_WORD, .id = id};
    }
    return 0;
}

/* "042" or "042:043" (the second: the target acting back on the source). */
static int event_codes(const char *c, const char *end, pl_verb_pattern *v, char *buf)
{
    const char *colon = memchr(c, ':', (size_t)(end - c));
    const char *first_end = colon ? colon : end;
    if (!valid_event_code(c, first_end) || (colon && !valid_event_code(colon + 1, end)))
        return -1;
    memcpy(buf, c, (size_t)(end - c));
    buf[end - c] = 0;
    buf[first_end - c] = 0;
    v->code = buf;
    v->code2 = colon ? buf + (colon - c) + 1 : NULL;
    return 0;
}

/* The items after the anchor: words, $, + and *. */
static int after_items(pl_dict_source *st, const char *w, const char *pend, pl_pat_item *items,
                       uint16_t *n)
{
    while (w < pend) {
        while (w < pend && isspace((unsigned char)*w)) w++;
        const char *we = w;
        while (we < pend && !isspace((unsigned char)*we)) we++;
        if (we == w) break;
        if (we - w == 1 && (*w == '+' || *w == '$' || *w == '*')) {
            if (*n >= 64) return 1;
            items[(*n)++] = (pl_pat_item){
                .kind = *w == '+' ? PL_IT_TARGET : *w == '$' ? PL_IT_SOURCE : PL_IT_SKIP};
        } else if (*w == '%' || pattern_word(st->d, w, (size_t)(we - w), items, n, 64)) {
            return 1;
        }
        w = we;
    }
    return 0;
}

/* "CODE [SLOT] ANCHOR ITEMS": SLOT is the subject ($ source, % joint source, + the target
 * of a passive); without it the anchor is a noun ("042 visit of $ to +"). */
static int verbs_line(pl_dict_source *st, const char *s, const char *end)
{
    const char *c = s;
    while (s < end && !isspace((unsigned char)*s)) s++;
    char codes[16];
    pl_verb_pattern v = {0};
    if (s - c > 9 || event_codes(c, s, &v, codes)) {
        pl_dict_report(st, PARLEY_ERROR, "expected 'CODE PATTERN' with a 2-4 digit CAMEO code");
        return 0;
    }
    const char *pend, *text = pl_trim(s, end, &pend), *p = text;
    pl_pat_item before[1], anchor[8], after[64];
    uint16_t nanchor = 0, nafter = 0;
    if (p < pend && strchr("$%+", *p) && (p + 1 == pend || isspace((unsigned char)p[1]))) {
        before[0] = (pl_pat_item){.kind = *p == '+' ? PL_IT_TARGET : PL_IT_SOURCE};
        v.joint = *p == '%';
        v.nbefore = 1;
        p++;
    } else {
        v.noun = 1;
    }
    const char *w = p;
    while (w < pend && isspace((unsigned char)*w)) w++;
    const char *we = w;
    while (we < pend && !isspace((unsigned char)*we)) we++;
    if (we == w || strchr("$%+*", *w) ||
        pattern_word(st->d, w, (size_t)(we - w), anchor, &nanchor, 8) || nanchor != 1) {
        pl_dict_report(st, PARLEY_ERROR, "a pattern needs one word to anchor it after $, %% or +");
        return 0;
    }
    if (after_items(st, we, pend, after, &nafter)) {
        pl_dict_report(st, PARLEY_ERROR, "pattern too long, or %% after the anchor");
        return 0;
    }
    char *copy = strndup(text, (size_t)(pend - text));
    if (!copy) return -1;
    v.text = copy;
    v.verb = anchor[0].id;
    v.before = before;
    v.after = after;
    v.nafter = nafter;
    int rc = pl_dict_pattern(st, &v);
    free(copy);
    return rc;
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
    memset(e, 0, sizeof *e);
    e->code = pl_arena_strdup(&d->arena, code);
    e->name = pl_arena_strdup(&d->arena, name);
    e->goldstein = goldstein;
    e->quad = quad;
    if (!e->code || !e->name || !pl_strmap_intern(&d->event_ids, code, strlen(code))) return -1;
    d->nevents++;
    return 0;
}


/* "CODE TYPE [MODE]": the PLOVER event type (and mode) of a CAMEO code. The event table
 * must come first (files load in name order: cameo.events before cameo-plover.map). */
static int plover_line(pl_dict_source *st, const char *s, const char *end)
{
    const char *fields[3] = {0}, *ends[3] = {0};
    int n = 0;
    for (const char *p = s; p < end && n < 3;) {
        while (p < end && isspace((unsigned char)*p)) p++;
        if (p == end) break;
        fields[n] = p;
        while (p < end && !isspace((unsigned char)*p)) p++;
        ends[n++] = p;
    }
    if (n < 2 || !valid_event_code(fields[0], ends[0]) || !pl_valid_id(fields[1], ends[1])) {
        pl_dict_report(st, PARLEY_ERROR, "expected 'CAMEO_CODE PLOVER_TYPE [mode]'");
        return 0;
    }
    pl_dict *d = st->d;
    uint32_t id = pl_strmap_get(&d->event_ids, fields[0], (size_t)(ends[0] - fields[0]));
    if (!id) {
        pl_dict_report(st, PARLEY_WARNING, "%.*s is not in the event table; mapping skipped",
                       (int)(ends[0] - fields[0]), fields[0]);
        return 0;
    }
    pl_event_code *e = &d->events[id - 1];
    e->plover = pl_arena_strndup(&d->arena, fields[1], (size_t)(ends[1] - fields[1]));
    e->plover_mode = n > 2 ? pl_arena_strndup(&d->arena, fields[2], (size_t)(ends[2] - fields[2]))
                           : NULL;
    if (!e->plover || (n > 2 && !e->plover_mode)) return -1;
    d->plover_maps++;
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
    case PL_DK_PLOVER: return plover_line(st, s, end);
    case PL_DK_NONE:
    case PL_DK_ISSUES: break;
    }
    return 0;
}
