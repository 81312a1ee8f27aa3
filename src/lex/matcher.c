/* matcher.c: the compiled dictionaries. Token ids, longest-match phrase lookup over the trie,
 * verb pattern index, date-bounded actor codes. */
#include "lex/lex.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

pl_lemmatizer *pl_dict_lemmatizer(pl_dict *d)
{
    if (!d->lemmatizer) d->lemmatizer = pl_lemmatizer_new();
    return d->lemmatizer;
}

int pl_dict_init(pl_dict *d)
{
    memset(d, 0, sizeof *d);
    pl_arena_init(&d->arena, 256 * 1024);
    pl_strmap_init(&d->vocab);
    pl_strmap_init(&d->actor_ids);
    pl_strmap_init(&d->event_ids);
    pl_u64map_init(&d->edges);
    pl_u64map_init(&d->gap_edges);
    pl_strmap_init(&d->adjectives);
    pl_u64map_init(&d->verb_index);
    pl_u64map_init(&d->key_index);
    /* phrases[0] and node 0's list are sentinels: index 0 means "none". */
    if (PL_GROW(d->phrases, d->phrases_cap, 1)) return -1;
    memset(&d->phrases[0], 0, sizeof d->phrases[0]);
    d->nphrases = 1;
    pl_strmap_init(&d->forms);
    pl_strmap_init(&d->memo);
    return 0;
}

void pl_dict_free(pl_dict *d)
{
    /* A compiled file's code arrays live in the arena. */
    for (size_t i = 0; !d->from_compiled && i < d->nactors; i++) free(d->actors[i].codes);
    free(d->actors);
    free(d->agents);
    free(d->verbs);
    free(d->events);
    free(d->phrases);
    free(d->node_phrase);
    free(d->lemma_of);
    pl_strmap_free(&d->adjectives);
    pl_strmap_free(&d->vocab);
    pl_strmap_free(&d->actor_ids);
    pl_strmap_free(&d->event_ids);
    pl_u64map_free(&d->edges);
    pl_u64map_free(&d->gap_edges);
    pl_u64map_free(&d->verb_index);
    pl_u64map_free(&d->key_index);
    if (d->lemmatizer) pl_lemmatizer_free(d->lemmatizer);
    pl_strmap_free(&d->forms);
    free(d->form_lemma);
    pl_tokens_free(&d->scratch);
    pl_strmap_free(&d->memo);
    free(d->memo_ids);
    pl_arena_free(&d->arena);
    memset(d, 0, sizeof *d);
}

/* Sets of alternatives: PL_IT_ANY items, and the first word of each multi-word one. */
static int is_alternative(const pl_pat_item *items, uint16_t i)
{
    if (items[i].kind == PL_IT_ANY) return 1;
    return (items[i].flags & PL_IF_CHOSEN) && (i == 0 || !(items[i - 1].flags & PL_IF_CHOSEN));
}

static int alternatives(const pl_verb_pattern *p)
{
    int n = 0;
    for (uint16_t i = 0; i < p->nbefore; i++) n += is_alternative(p->before, i);
    for (uint16_t i = 0; i < p->nafter; i++) n += is_alternative(p->after, i);
    return n;
}

/* Longest pattern first, so "meet virtually with +" is tried before "meet +"; of two as long,
 * the one with fewer sets of alternatives ("* DOLLAR" before "* &CURRENCY"); file order
 * breaks ties. */
static int compare_patterns(const void *a, const void *b)
{
    const pl_verb_pattern *x = a, *y = b;
    if (x->verb != y->verb) return x->verb < y->verb ? -1 : 1;
    int xn = x->nbefore + x->nafter, yn = y->nbefore + y->nafter;
    if (xn != yn) return xn > yn ? -1 : 1;
    int xa = alternatives(x), ya = alternatives(y);
    if (xa != ya) return xa < ya ? -1 : 1;
    /* A pattern of one form ("LEFT") before the same of any form ("LEAVE"). */
    if (!x->form != !y->form) return x->form ? -1 : 1;
    if (x->file != y->file) return strcmp(x->file, y->file);
    return (x->line > y->line) - (x->line < y->line);
}

/* The word a pattern needs right after its anchor, or 0. */
static uint32_t pattern_key(const pl_verb_pattern *p)
{
    if (p->gaps || p->nafter == 0) return 0;
    const pl_pat_item *it = &p->after[0];
    return it->kind == PL_IT_WORD && !(it->flags & PL_IF_STEM) ? it->id : 0;
}

static int compare_keyed(const void *a, const void *b)
{
    const pl_verb_pattern *x = a, *y = b;
    if (x->verb != y->verb) return x->verb < y->verb ? -1 : 1;
    if (x->key != y->key) return x->key < y->key ? -1 : 1;
    return (x->rank > y->rank) - (x->rank < y->rank);
}

/* Ranks patterns longest first, then groups them by (anchor, key) so that an anchor tries
 * only the patterns its next word allows: with thousands of patterns for common verbs, most
 * are ruled out by one lookup instead of one match attempt each. */
static int index_patterns(pl_dict *d)
{
    if (!d->nverbs) return 0;
    qsort(d->verbs, d->nverbs, sizeof *d->verbs, compare_patterns);
    for (size_t i = 0; i < d->nverbs; i++) {
        d->verbs[i].rank = (uint32_t)i;
        d->verbs[i].key = pattern_key(&d->verbs[i]);
    }
    qsort(d->verbs, d->nverbs, sizeof *d->verbs, compare_keyed);
    for (size_t i = 0; i < d->nverbs; i++) {
        const pl_verb_pattern *v = &d->verbs[i], *prev = i ? &d->verbs[i - 1] : NULL;
        if (!prev || prev->verb != v->verb) {
            if (pl_u64map_put(&d->verb_index, v->verb, (uint32_t)i)) return -1;
            d->nroots++;
        }
        if ((!prev || prev->verb != v->verb || prev->key != v->key) &&
            pl_u64map_put(&d->key_index, (uint64_t)v->verb << 32 | v->key, (uint32_t)i))
            return -1;
    }
    return 0;
}

void pl_dict_find_stems(pl_dict *d)
{
    d->stem_min = 0;
    for (uint32_t id = 1; id <= d->vocab.count; id++) {
        const char *w = pl_strmap_str(&d->vocab, id);
        size_t len = strlen(w);
        if (len >= 2 && w[len - 1] == '*' && (!d->stem_min || len - 1 < d->stem_min))
            d->stem_min = len - 1;
    }
}

parley_status pl_dict_compile(pl_dict *d, pl_buf *msg)
{
    if (d->compiled) return PARLEY_OK;
    if (d->nphrases <= 1 && d->nverbs == 0) {
        pl_buf_printf(msg, "no dictionaries loaded");
        return PARLEY_EDICT;
    }
    if (index_patterns(d)) return PARLEY_ENOMEM;
    /* Lemmas of dictionary words are computed once here, so coding looks them up by id. */
    size_t n = d->vocab.count + 1;
    if (PL_GROW(d->lemma_of, d->lemma_cap, n)) return PARLEY_ENOMEM;
    for (uint32_t id = 1; id < n; id++) {
        const char *w = pl_strmap_str(&d->vocab, id);
        const char *lemma = pl_dict_lemmatizer(d) ? pl_lemma(d->lemmatizer, w, strlen(w)) : w;
        d->lemma_of[id] = lemma ? pl_strmap_get(&d->vocab, lemma, strlen(lemma)) : 0;
    }
    d->lemma_of[0] = 0;
    snprintf(d->hash_hex, sizeof d->hash_hex, "%016llx", (unsigned long long)d->content_hash);
    d->compiled = 1;
    return PARLEY_OK;
}

void pl_lex_assign_ids(const pl_dict *d, pl_tokens *toks, size_t first, size_t n)
{
    /* Words the dictionaries never mention get id 0, but their lemma may be one they do. */
    for (size_t i = first; i < first + n; i++) {
        pl_token *t = &toks->v[i];
        const char *norm = pl_token_norm(toks, t);
        t->word = pl_strmap_get(&d->vocab, norm, t->norm_len);
        if (t->word && t->word < d->lemma_cap) {
            t->lemma = d->lemma_of[t->word] ? d->lemma_of[t->word] : t->word;
        } else if (t->kind == PL_TOK_WORD && d->from_compiled) {
            uint32_t form = pl_strmap_get(&d->forms, norm, t->norm_len);
            t->lemma = form ? d->form_lemma[form] : 0;
        } else if (t->kind == PL_TOK_WORD && d->lemmatizer) {
            const char *lemma = pl_lemma(d->lemmatizer, norm, t->norm_len);
            t->lemma = lemma ? pl_strmap_get(&d->vocab, lemma, strlen(lemma)) : 0;
        } else {
            t->lemma = t->word;
        }
    }
}

#define MAX_STEMS 2

/* TABARI stems: the longest prefixes of the token that are stems ("kuwait*" for
 * "kuwaiti"), at most MAX_STEMS. */
static int token_stems(const pl_dict *d, const pl_tokens *toks, const pl_token *t, uint32_t *ids)
{
    char buf[64];
    int n = 0;
    if (!d->stem_min || t->kind != PL_TOK_WORD || t->norm_len >= sizeof buf) return 0;
    memcpy(buf, pl_token_norm(toks, t), t->norm_len);
    for (size_t len = t->norm_len; len >= d->stem_min && n < MAX_STEMS; len--) {
        char saved = buf[len];
        buf[len] = '*';
        uint32_t id = pl_strmap_get(&d->vocab, buf, len + 1);
        buf[len] = saved;
        if (id) ids[n++] = id;
    }
    return n;
}

/* The trie nodes reachable from `node` by one token: by word, by lemma, under each case
 * rule the token satisfies, and by stem. Returns how many were written to out (at most
 * 6 + MAX_STEMS). */
static int step(const pl_u64map *edges, uint32_t node, const pl_token *t, const uint32_t *stems,
                int nstems, uint32_t *out)
{
    int n = 0;
    for (int k = 0; k < nstems; k++) {
        uint64_t key = ((uint64_t)node << 35) | ((uint64_t)3 << 32) | stems[k];
        uint32_t child;
        if (pl_u64map_get(edges, key, &child)) out[n++] = child;
    }
    unsigned rules[3] = {0, 1, 2};
    int nrules = (t->flags & PL_TF_UPPER) ? 3 : (t->flags & PL_TF_CAP) ? 2 : 1;
    for (int by_lemma = 0; by_lemma < 2; by_lemma++) {
        uint32_t id = by_lemma ? t->lemma : t->word;
        if (!id) continue;
        for (int r = 0; r < nrules; r++) {
            uint64_t key = ((uint64_t)node << 35) | ((uint64_t)by_lemma << 34) |
                           ((uint64_t)rules[r] << 32) | id;
            uint32_t child;
            if (pl_u64map_get(edges, key, &child)) out[n++] = child;
        }
    }
    return n;
}

#define MAX_ACTIVE 16
#define MAX_NEXT (MAX_ACTIVE * (2 * (6 + MAX_STEMS) + 1))

/* A node of the trie reached so far, and how many words were passed over since. */
typedef struct trie_state {
    uint32_t node;
    uint8_t skipped;         /* words passed over, up to PL_PHRASE_GAP_MAX */
    uint8_t waiting;         /* some token was passed over: only gap edges go on */
} trie_state;

/* A word (or comma) a gap passes over counts; quotes and brackets do not ('Al "The Weasel"
 * Gore'). */
static int gap_cost(const pl_tokens *toks, const pl_token *t)
{
    return t->kind != PL_TOK_PUNCT || pl_token_norm(toks, t)[0] == ',';
}

/* A hyphen between two words with no space ("Al-Gore"): TABARI reads it as a space. */
static int glued_hyphen(const pl_tokens *toks, size_t j, size_t stop)
{
    const pl_token *t = &toks->v[j];
    return t->kind == PL_TOK_PUNCT && t->norm_len == 1 && pl_token_norm(toks, t)[0] == '-' &&
           !(t->flags & PL_TF_SPACE_BEFORE) && j + 1 < stop &&
           !(toks->v[j + 1].flags & PL_TF_SPACE_BEFORE);
}

/* Steps every state by token t into next: by edges when no word was passed over, by gap edges
 * in any case, and a state with gap edges waits one more word while it may. */
static int step_all(const pl_dict *d, const pl_tokens *toks, const trie_state *active,
                    int nactive, const pl_token *t, const uint32_t *stems, int nstems,
                    trie_state *next)
{
    int cost = gap_cost(toks, t);
    uint32_t child[2 * (6 + MAX_STEMS)];
    int nnext = 0;
    for (int a = 0; a < nactive; a++) {
        int n = active[a].waiting ? 0 : step(&d->edges, active[a].node, t, stems, nstems, child);
        uint32_t mark;
        int gappy = d->gap_edges.count &&
                    pl_u64map_get(&d->gap_edges, (uint64_t)active[a].node << 35, &mark);
        if (gappy) n += step(&d->gap_edges, active[a].node, t, stems, nstems, child + n);
        for (int k = 0; k < n; k++) next[nnext++] = (trie_state){child[k], 0, 0};
        if (gappy && active[a].skipped + cost <= PL_PHRASE_GAP_MAX)
            next[nnext++] = (trie_state){active[a].node, (uint8_t)(active[a].skipped + cost), 1};
    }
    return nnext;
}

/* The longest phrase starting at token i: sets *end and *phrase, or returns 0. */
static int longest_at(const pl_dict *d, const pl_tokens *toks, size_t i, size_t stop,
                      uint32_t *end, uint32_t *phrase)
{
    trie_state active[MAX_ACTIVE], next[MAX_NEXT];
    uint32_t stems[MAX_STEMS];
    int nactive = 1, found = 0;
    active[0] = (trie_state){0, 0, 0};
    for (size_t j = i; j < stop && nactive; j++) {
        int nstems = token_stems(d, toks, &toks->v[j], stems);
        int nnext = step_all(d, toks, active, nactive, &toks->v[j], stems, nstems, next);
        /* "Al-Gore" is "Al Gore" too: the phrases so far go on after the hyphen, first, as
         * words in a row */
        int carry = j > i && glued_hyphen(toks, j, stop), kept = 0;
        for (int a = 0; carry && a < nactive; a++)
            if (!active[a].waiting) active[kept++] = (trie_state){active[a].node, 0, 0};
        nactive = kept;
        for (int k = 0; k < nnext && nactive < MAX_ACTIVE; k++) {
            active[nactive++] = next[k];
            uint32_t ph = next[k].node < d->node_phrase_cap && !next[k].waiting
                              ? d->node_phrase[next[k].node]
                              : 0;
            /* Of two phrases ending here, the one with no words between wins ("AL_GORE"
             * over "AL GORE"): plain edges are stepped first. */
            if (ph && !(found && *end == j + 1)) {
                *end = (uint32_t)j + 1;
                *phrase = ph;
                found = 1;
            }
        }
    }
    return found;
}

int pl_lex_match(const pl_dict *d, const pl_tokens *toks, size_t first, size_t n,
                 pl_matches *out)
{
    size_t stop = first + n;
    for (size_t i = first; i < stop;) {
        uint32_t end, phrase;
        if (!longest_at(d, toks, i, stop, &end, &phrase)) {
            i++;
            continue;
        }
        if (PL_GROW(out->v, out->cap, out->n + 1)) return -1;
        out->v[out->n++] = (pl_match){(uint32_t)i, end, phrase};
        i = end;
    }
    return 0;
}

const pl_verb_pattern *pl_verb_patterns(const pl_dict *d, uint32_t lemma, size_t *count)
{
    uint32_t first;
    *count = 0;
    if (!lemma || !pl_u64map_get(&d->verb_index, lemma, &first)) return NULL;
    size_t k = first;
    while (k < d->nverbs && d->verbs[k].verb == lemma) k++;
    *count = k - first;
    return &d->verbs[first];
}

/* The group of (anchor, key) patterns: its first pattern and how many. */
static const pl_verb_pattern *key_group(const pl_dict *d, uint32_t anchor, uint32_t key,
                                        size_t *n)
{
    uint32_t first;
    *n = 0;
    if (!pl_u64map_get(&d->key_index, (uint64_t)anchor << 32 | key, &first)) return NULL;
    size_t k = first;
    while (k < d->nverbs && d->verbs[k].verb == anchor && d->verbs[k].key == key) k++;
    *n = k - first;
    return &d->verbs[first];
}

void pl_pattern_iter_init(const pl_dict *d, uint32_t anchor, uint32_t next_lemma,
                          uint32_t next_word, pl_pattern_iter *it)
{
    memset(it, 0, sizeof *it);
    it->list[0] = key_group(d, anchor, 0, &it->n[0]);
    if (next_lemma) it->list[1] = key_group(d, anchor, next_lemma, &it->n[1]);
    if (next_word && next_word != next_lemma) it->list[2] = key_group(d, anchor, next_word, &it->n[2]);
}

const pl_verb_pattern *pl_pattern_iter_next(pl_pattern_iter *it)
{
    int best = -1;
    for (int i = 0; i < 3; i++) {
        if (it->pos[i] >= it->n[i]) continue;
        if (best < 0 || it->list[i][it->pos[i]].rank < it->list[best][it->pos[best]].rank)
            best = i;
    }
    return best < 0 ? NULL : &it->list[best][it->pos[best]++];
}

const char *pl_actor_code_at(const pl_actor_entry *a, int32_t date)
{
    const pl_code_range *undated = NULL, *latest = NULL;
    for (size_t i = 0; i < a->ncodes; i++) {
        const pl_code_range *c = &a->codes[i];
        if (c->from == PL_DATE_MIN && c->to == PL_DATE_MAX) {
            if (!undated) undated = c;
            continue;
        }
        if (date && date >= c->from && date <= c->to) return *c->code ? c->code : NULL;
        if (!latest || c->to > latest->to) latest = c;
    }
    /* Out of every dated range, only an undated code applies; with no date at all, the
     * most recent role is the best guess. An empty code is none ("[--- <950630]"). */
    const pl_code_range *c = undated ? undated : !date ? latest : NULL;
    return c && *c->code ? c->code : NULL;
}

const pl_event_code *pl_event_code_find(const pl_dict *d, const char *code)
{
    uint32_t id = pl_strmap_get(&d->event_ids, code, strlen(code));
    return id ? &d->events[id - 1] : NULL;
}

int pl_is_country(const pl_dict *d, const char *code)
{
    uint32_t id = pl_strmap_get(&d->actor_ids, code, strlen(code));
    return id && d->actors[id - 1].kind == PL_ACTOR_COUNTRY;
}
