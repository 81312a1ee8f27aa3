/* check.c: parley_dict_check, the dictionary linter, and the entry counts of
 * parley_ctx_dict_stats. It reads the sources again (locate.c) to know the line of each
 * phrase and code, then looks for what the loader accepts but the coder would get wrong or
 * decide silently: a phrase under two entries, overlapping date ranges, codes of no known
 * country, agent codes CAMEO does not have, pattern codes missing from the event table,
 * patterns that duplicate or contradict one another. */
#include "code/tools.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- CAMEO codes ------------------------------------------------------------------------- */

/* The agent (role) types of the CAMEO 1.1b3 actor codebook, plus REL, NGO, NGM and SET,
 * which the Phoenix dictionaries use as agents too (data/agents.agents says so). */
static const char *const cameo_agents[] = {
    "AGR", "BUS", "COP", "CRM", "CVL", "DEV", "EDU", "ELI", "ENV", "GOV", "HLH",
    "HRI", "INS", "JUD", "LAB", "LEG", "MED", "MIL", "MOD", "NGM", "NGO", "OPP",
    "RAD", "REB", "REF", "REL", "SEP", "SET", "SPY", "UAF"};

/* Country parts that stand for no country: CAMEO's generic international actors. */
static const char *const cameo_generic[] = {"IGO", "NGO", "NGM", "IMG", "INT", "MNC", "UIS"};

static int in_list(const char *const *list, size_t n, const char *code, size_t len)
{
    for (size_t i = 0; i < n; i++)
        if (len == 3 && !memcmp(list[i], code, 3)) return 1;
    return 0;
}

int pl_is_cameo_agent(const char *code, size_t len)
{
    return in_list(cameo_agents, sizeof cameo_agents / sizeof *cameo_agents, code, len);
}

static int is_generic(const char *code)
{
    return in_list(cameo_generic, sizeof cameo_generic / sizeof *cameo_generic, code, 3);
}

static int igo_or_ngo(const pl_actor_entry *a)
{
    return !strcmp(a->type, "igo") || !strcmp(a->type, "ngo");
}

void pl_count_entries(const pl_dict *d, parley_dict_stats *out)
{
    for (size_t i = 0; i < d->nactors; i++) {
        const pl_actor_entry *a = &d->actors[i];
        if (a->kind == PL_ACTOR_COUNTRY) out->countries++;
        else if (igo_or_ngo(a)) out->igos++;
        else if (a->kind == PL_ACTOR_PERSON) out->people++;
        else out->other_actors++;
    }
    pl_strmap codes;
    pl_strmap_init(&codes);
    for (size_t i = 0; i < d->nagents; i++)
        pl_strmap_intern(&codes, d->agents[i].code, strlen(d->agents[i].code));
    out->agent_codes = codes.count;
    pl_strmap_free(&codes);
}

/* ---- shared helpers ---------------------------------------------------------------------- */

typedef struct checker {
    pl_dict_locs *L;
    pl_dict *d;
    pl_arena tmp;            /* message pieces */
    uint64_t *edge_of;       /* per trie node, for phrase texts */
    pl_strmap countries;     /* known country parts; empty when no country is loaded */
} checker;

static const char *base_name(const char *path)
{
    const char *slash = path ? strrchr(path, '/') : NULL;
    return slash ? slash + 1 : path ? path : "?";
}

static const char *date_text(checker *c, int32_t date)
{
    if (date == PL_DATE_MIN || date == PL_DATE_MAX) return "";
    return pl_arena_printf(&c->tmp, "%04d-%02d-%02d", date / 10000, date / 100 % 100, date % 100);
}

static const char *range_text(checker *c, const pl_code_range *r)
{
    return pl_arena_printf(&c->tmp, "%s..%s", date_text(c, r->from), date_text(c, r->to));
}

static int undated(const pl_code_range *r)
{
    return r->from == PL_DATE_MIN && r->to == PL_DATE_MAX;
}

/* "GEO" or "USALEG/USAGOV": an entry's codes for messages. */
static const char *codes_text(checker *c, const pl_actor_entry *a)
{
    if (!a->ncodes) return "none";
    const char *out = a->codes[0].code;
    for (size_t i = 1; i < a->ncodes && out; i++)
        if (!strstr(out, a->codes[i].code))
            out = pl_arena_printf(&c->tmp, "%s/%s", out, a->codes[i].code);
    return out ? out : "?";
}

static int same_codes(const pl_actor_entry *a, const pl_actor_entry *b)
{
    for (int pass = 0; pass < 2; pass++) {
        const pl_actor_entry *x = pass ? b : a, *y = pass ? a : b;
        for (size_t i = 0; i < x->ncodes; i++) {
            int found = 0;
            for (size_t k = 0; k < y->ncodes && !found; k++)
                found = !strcmp(x->codes[i].code, y->codes[k].code);
            if (!found) return 0;
        }
    }
    return 1;
}

/* ---- one phrase under two entries -------------------------------------------------------- */

static const char *kind_phrase(uint8_t kind)
{
    switch (kind) {
    case PL_PH_NAME: return "a name";
    case PL_PH_ADJ: return "an adjective";
    case PL_PH_DEMONYM: return "the people";
    case PL_PH_CAPITAL: return "the capital";
    case PL_PH_PLACE: return "a place";
    default: return "a phrase";
    }
}

/* Names, adjectives and people say who acts; capitals and places say where. */
static int same_part(uint8_t a, uint8_t b)
{
    return (a >= PL_PH_CAPITAL) == (b >= PL_PH_CAPITAL);
}

static int actor_pair(checker *c, uint32_t node, uint32_t first, uint32_t later)
{
    const pl_phrase *x = &c->d->phrases[first], *y = &c->d->phrases[later];
    const pl_actor_entry *a = &c->d->actors[x->entry], *b = &c->d->actors[y->entry];
    pl_loc at = c->L->phrase[later], was = c->L->phrase[first];
    const char *text = pl_node_text(c->d, c->edge_of, node, &c->tmp);
    int same = same_codes(a, b);
    parley_severity sev = !same && same_part(x->kind, y->kind) ? PARLEY_ERROR : PARLEY_WARNING;
    return pl_locs_add(c->L, sev, at, "'%s' is %s of %s and %s of %s (%s:%ld): %s%s%s%s",
                       text ? text : "?", kind_phrase(y->kind), b->id, kind_phrase(x->kind), a->id,
                       base_name(was.file), was.line, same ? "the same codes" : "codes ",
                       same ? "" : codes_text(c, b), same ? "" : " / ",
                       same ? "" : codes_text(c, a));
}

static int agent_pair(checker *c, uint32_t node, uint32_t first, uint32_t later)
{
    const pl_agent_entry *a = &c->d->agents[c->d->phrases[first].entry];
    const pl_agent_entry *b = &c->d->agents[c->d->phrases[later].entry];
    pl_loc at = c->L->phrase[later], was = c->L->phrase[first];
    const char *text = pl_node_text(c->d, c->edge_of, node, &c->tmp);
    if (!strcmp(a->code, b->code))
        return pl_locs_add(c->L, PARLEY_WARNING, at, "agent '%s' is listed twice for %s (first "
                           "at %s:%ld)", text ? text : "?", b->code, base_name(was.file), was.line);
    return pl_locs_add(c->L, PARLEY_ERROR, at, "agent '%s' gives %s here and %s at %s:%ld: the "
                       "coder takes one of them", text ? text : "?", b->code, a->code,
                       base_name(was.file), was.line);
}

static int is_actor_kind(uint8_t k)
{
    return k >= PL_PH_NAME && k <= PL_PH_PLACE;
}

static int same_kind_of_entry(const pl_phrase *x, const pl_phrase *y)
{
    return is_actor_kind(x->kind) == is_actor_kind(y->kind);
}

/* 1 if ph[i] is the first phrase of its entry in ph[0..i]. */
static int first_of_entry(const pl_dict *d, const uint32_t *ph, size_t i)
{
    for (size_t k = 0; k < i; k++)
        if (d->phrases[ph[k]].entry == d->phrases[ph[i]].entry &&
            same_kind_of_entry(&d->phrases[ph[k]], &d->phrases[ph[i]]))
            return 0;
    return 1;
}

/* Phrase j against the earlier phrases of its node: one finding per other actor entry, one
 * per agent phrase. An entry's second phrase here ("Japanese": adjective and people) adds
 * nothing: its first was compared already. */
static int check_later(checker *c, uint32_t node, const uint32_t *ph, size_t j)
{
    const pl_phrase *y = &c->d->phrases[ph[j]];
    if (!first_of_entry(c->d, ph, j)) return 0;
    for (size_t i = 0; i < j; i++) {
        const pl_phrase *x = &c->d->phrases[ph[i]];
        if (!same_kind_of_entry(x, y) || !first_of_entry(c->d, ph, i)) continue;
        if (y->kind == PL_PH_AGENT) return agent_pair(c, node, ph[i], ph[j]);
        if (actor_pair(c, node, ph[i], ph[j])) return -1;
    }
    return 0;
}

static int compare_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

static int check_phrases(checker *c)
{
    uint32_t ph[64];
    for (uint32_t node = 1; node <= c->d->nnodes && node < c->d->node_phrase_cap; node++) {
        size_t n = 0;
        for (uint32_t p = c->d->node_phrase[node]; p && n < 64; p = c->d->phrases[p].next)
            if (is_actor_kind(c->d->phrases[p].kind) || c->d->phrases[p].kind == PL_PH_AGENT)
                ph[n++] = p;
        if (n < 2) continue;
        qsort(ph, n, sizeof *ph, compare_u32); /* in load order */
        for (size_t j = 1; j < n; j++)
            if (check_later(c, node, ph, j)) return -1;
    }
    return 0;
}

/* ---- actor codes ------------------------------------------------------------------------- */

static int known_country(checker *c, const char *code)
{
    return is_generic(code) || pl_strmap_get(&c->countries, code, 3);
}

/* The known country parts: every three-letter code of an entry (countries, regions, and
 * the entries of foreign formats, whose types say less). With none loaded, codes are not
 * judged: no finding is better than a finding on every code. */
static int build_countries(checker *c)
{
    for (size_t i = 0; i < c->d->nactors; i++) {
        const pl_actor_entry *a = &c->d->actors[i];
        for (size_t k = 0; k < a->ncodes; k++)
            if (strlen(a->codes[k].code) == 3 &&
                !pl_strmap_intern(&c->countries, a->codes[k].code, 3))
                return -1;
    }
    return 0;
}

/* The country part of `code` and the role after it ("USAGOV"). What follows the role is an
 * organisation's own code ("AFGINSTAL": the Taliban), which CAMEO does not list. */
static int check_code_parts(checker *c, const pl_actor_entry *a, const char *code, pl_loc at)
{
    size_t len = strlen(code);
    if (!c->countries.count || len < 3) return 0;
    if (!known_country(c, code))
        return pl_locs_add(c->L, PARLEY_ERROR, at, "code %s of %s: %.3s is no known country, "
                           "region or IGO code", code, a->id, code);
    if (is_generic(code) || len == 3 || (len >= 6 && pl_is_cameo_agent(code + 3, 3))) return 0;
    return pl_locs_add(c->L, PARLEY_WARNING, at, "code %s of %s: %.3s is not a CAMEO agent type",
                       code, a->id, code + 3);
}

/* "line 12" in the finding's own file, "people.actors:12" in another. */
static const char *where(checker *c, pl_loc was, pl_loc at)
{
    if (was.file && at.file && !strcmp(was.file, at.file))
        return pl_arena_printf(&c->tmp, "line %ld", was.line);
    return pl_arena_printf(&c->tmp, "%s:%ld", base_name(was.file), was.line);
}

static int check_overlap(checker *c, const pl_actor_entry *a, uint32_t ai, size_t k, size_t i)
{
    const pl_code_range *x = &a->codes[k], *y = &a->codes[i];
    pl_loc at = pl_locs_code(c->L, ai, i), was = pl_locs_code(c->L, ai, k);
    int same = !strcmp(x->code, y->code);
    if (undated(x) != undated(y)) return 0; /* an undated code is the fallback */
    if (same && undated(x))
        return pl_locs_add(c->L, PARLEY_WARNING, at, "%s has the undated code %s twice (first "
                           "at %s)", a->id, y->code, where(c, was, at));
    if (same && x->from == y->from && x->to == y->to)
        return pl_locs_add(c->L, PARLEY_WARNING, at, "%s has %s %s twice (first at %s)", a->id,
                           y->code, range_text(c, y), where(c, was, at));
    if (undated(x))
        return pl_locs_add(c->L, PARLEY_ERROR, at, "%s has a second undated code %s (first %s "
                           "at %s): only the first applies", a->id, y->code, x->code,
                           where(c, was, at));
    int32_t lo = x->from > y->from ? x->from : y->from, hi = x->to < y->to ? x->to : y->to;
    if (lo > hi) return 0;
    if (same)
        return pl_locs_add(c->L, PARLEY_WARNING, at, "%s: the date ranges %s (%s) and %s of %s "
                           "overlap; one range would do", a->id, range_text(c, x),
                           where(c, was, at), range_text(c, y), y->code);
    /* On a handover day both the outgoing and the incoming office hold. */
    if (lo == hi && (x->to == y->from || y->to == x->from)) return 0;
    return pl_locs_add(c->L, PARLEY_ERROR, at, "%s has %s %s and %s %s (%s), which overlap from "
                       "%s to %s: the coder takes the first", a->id, y->code, range_text(c, y),
                       x->code, range_text(c, x), where(c, was, at), date_text(c, lo),
                       date_text(c, hi));
}

static int check_entry(checker *c, uint32_t ai)
{
    const pl_actor_entry *a = &c->d->actors[ai];
    pl_loc entry_at = {a->file, a->line};
    if (a->kind != PL_ACTOR_COUNTRY && a->country && c->countries.count &&
        strlen(a->country) >= 3 && !known_country(c, a->country) &&
        pl_locs_add(c->L, PARLEY_ERROR, entry_at, "country %s of %s is no known country code",
                    a->country, a->id))
        return -1;
    for (size_t i = 0; i < a->ncodes; i++) {
        if (check_code_parts(c, a, a->codes[i].code, pl_locs_code(c->L, ai, i))) return -1;
        for (size_t k = 0; k < i; k++)
            if (check_overlap(c, a, ai, k, i)) return -1;
    }
    return 0;
}

/* ---- agents and verb patterns ------------------------------------------------------------ */

/* "GOV", or roles joined ("GOVMED": PETRARCH gives a phrase several). */
static int cameo_agents_code(const char *code)
{
    size_t len = strlen(code);
    if (len && code[len - 1] == '~') len--; /* a code that goes first */
    if (!len || len % 3) return 0;
    for (size_t k = 0; k < len; k += 3)
        if (!pl_is_cameo_agent(code + k, 3)) return 0;
    return 1;
}

static int check_agents(checker *c)
{
    for (size_t i = 0; i < c->d->nagents; i++) {
        const pl_agent_entry *g = &c->d->agents[i];
        /* Agents of one line share their code string: one finding a line. */
        if (i > 0 && c->d->agents[i - 1].code == g->code) continue;
        if (cameo_agents_code(g->code)) continue;
        pl_loc at = i < c->L->agent_cap ? c->L->agent[i] : (pl_loc){NULL, 0};
        if (pl_locs_add(c->L, PARLEY_WARNING, at, "agent code %s is not a CAMEO agent type",
                        g->code))
            return -1;
    }
    return 0;
}

static int same_item(const pl_pat_item *a, const pl_pat_item *b)
{
    if (a->kind != b->kind || a->flags != b->flags || a->id != b->id || a->nalts != b->nalts ||
        !a->stem != !b->stem || (a->stem && strcmp(a->stem, b->stem)))
        return 0;
    for (uint16_t i = 0; i < a->nalts; i++)
        if (!same_item(&a->alts[i], &b->alts[i])) return 0;
    return 1;
}

static int same_shape(const pl_verb_pattern *p, const pl_verb_pattern *q)
{
    if (p->verb != q->verb || p->nbefore != q->nbefore || p->nafter != q->nafter ||
        p->joint != q->joint || p->noun != q->noun || p->gaps != q->gaps ||
        p->default_target != q->default_target)
        return 0;
    for (uint16_t i = 0; i < p->nbefore; i++)
        if (!same_item(&p->before[i], &q->before[i])) return 0;
    for (uint16_t i = 0; i < p->nafter; i++)
        if (!same_item(&p->after[i], &q->after[i])) return 0;
    return 1;
}

static int check_event_code(checker *c, const pl_verb_pattern *p, const char *code)
{
    if (!code || !c->d->nevents || pl_pattern_blocks(code) ||
        pl_strmap_get(&c->d->event_ids, code, strlen(code)))
        return 0;
    pl_loc at = {p->file, p->line};
    return pl_locs_add(c->L, PARLEY_ERROR, at, "event code %s of '%s' is not in the event table",
                       code, p->text);
}

static int same_event(const pl_verb_pattern *p, const pl_verb_pattern *q)
{
    return !strcmp(p->code, q->code) && !p->code2 == !q->code2 &&
           (!p->code2 || !strcmp(p->code2, q->code2));
}

typedef struct by_verb {
    uint32_t verb, index;
} by_verb;

static int compare_by_verb(const void *a, const void *b)
{
    const by_verb *x = a, *y = b;
    if (x->verb != y->verb) return x->verb < y->verb ? -1 : 1;
    return (x->index > y->index) - (x->index < y->index);
}

/* Pattern j against the earlier patterns of its anchor: the first of the same shape. */
static int check_pattern_pair(checker *c, const by_verb *ix, size_t first, size_t j)
{
    const pl_verb_pattern *q = &c->d->verbs[ix[j].index];
    for (size_t i = first; i < j; i++) {
        const pl_verb_pattern *p = &c->d->verbs[ix[i].index];
        if (!same_shape(p, q)) continue;
        pl_loc at = {q->file, q->line};
        if (same_event(p, q))
            return pl_locs_add(c->L, PARLEY_WARNING, at, "'%s' repeats the pattern at %s:%ld",
                               q->text, base_name(p->file), p->line);
        return pl_locs_add(c->L, PARLEY_ERROR, at, "'%s' (%s) has the words of '%s' (%s) at "
                           "%s:%ld: file order decides", q->text, q->code, p->text, p->code,
                           base_name(p->file), p->line);
    }
    return 0;
}

static int check_patterns(checker *c)
{
    size_t n = c->d->nverbs;
    for (size_t i = 0; i < n; i++)
        if (check_event_code(c, &c->d->verbs[i], c->d->verbs[i].code) ||
            check_event_code(c, &c->d->verbs[i], c->d->verbs[i].code2))
            return -1;
    by_verb *ix = malloc((n ? n : 1) * sizeof *ix);
    if (!ix) return -1;
    for (size_t i = 0; i < n; i++) ix[i] = (by_verb){c->d->verbs[i].verb, (uint32_t)i};
    qsort(ix, n, sizeof *ix, compare_by_verb);
    int rc = 0;
    for (size_t first = 0, j = 1; j < n && !rc; j++) {
        if (ix[j].verb != ix[first].verb) first = j;
        else rc = check_pattern_pair(c, ix, first, j);
    }
    free(ix);
    return rc;
}

/* ---- the check --------------------------------------------------------------------------- */

static int compare_findings(const void *a, const void *b)
{
    const pl_finding *x = a, *y = b;
    if (!x->at.file != !y->at.file) return x->at.file ? -1 : 1;
    int f = x->at.file ? strcmp(x->at.file, y->at.file) : 0;
    if (f) return f;
    if (x->at.line != y->at.line) return x->at.line < y->at.line ? -1 : 1;
    return (x->seq > y->seq) - (x->seq < y->seq);
}

static int run_checks(checker *c)
{
    if (build_countries(c) || check_phrases(c) || check_agents(c) || check_patterns(c)) return -1;
    for (uint32_t a = 0; a < c->d->nactors; a++)
        if (check_entry(c, a)) return -1;
    return 0;
}

parley_status parley_dict_check(parley_ctx *ctx, parley_diag_fn fn, void *user,
                                 parley_check_counts *counts)
{
    if (counts) counts->warnings = counts->errors = 0;
    if (!ctx) return PARLEY_EINVAL;
    pl_buf_clear(&ctx->err);
    if (!ctx->sources || !ctx->sources->n) {
        pl_buf_printf(&ctx->err, "no dictionaries loaded");
        return PARLEY_EDICT;
    }
    pl_dict_locs L;
    parley_status rc = pl_dict_locs_build(&L, ctx->sources, &ctx->err);
    checker c = {&L, &L.d, {0}, NULL, {0}};
    pl_arena_init(&c.tmp, 16 * 1024);
    pl_strmap_init(&c.countries);
    if (rc == PARLEY_OK && (!(c.edge_of = pl_node_edges(&L.d)) || run_checks(&c)))
        rc = PARLEY_ENOMEM;
    if (rc == PARLEY_OK) {
        if (L.nfound) qsort(L.found, L.nfound, sizeof *L.found, compare_findings);
        for (size_t i = 0; i < L.nfound; i++) {
            const pl_finding *f = &L.found[i];
            if (counts && f->sev == PARLEY_ERROR) counts->errors++;
            else if (counts) counts->warnings++;
            if (fn) fn(user, f->sev, f->at.file, f->at.line, f->msg);
        }
    } else if (rc == PARLEY_ENOMEM && !ctx->err.len) {
        pl_buf_printf(&ctx->err, "out of memory while checking the dictionaries");
    }
    free(c.edge_of);
    pl_strmap_free(&c.countries);
    pl_arena_free(&c.tmp);
    pl_dict_locs_free(&L);
    return rc;
}
