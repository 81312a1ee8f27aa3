/* build.c: what every dictionary reader (native, TABARI, PETRARCH) calls to add entries:
 * messages with file:line, actor entries and their codes, phrases into the one trie, agents,
 * discards, event codes and verb patterns. */
#include "lex/lex.h"
#include "time/time.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int pl_date_parse(const char *s, size_t len, int32_t *out)
{
    int32_t day = pl_date_from_text(s, len);
    if (day == PL_DATE_NONE) return -1;
    int y, m, d;
    pl_date_to_ymd(day, &y, &m, &d);
    *out = y * 10000 + m * 100 + d;
    return 0;
}

void pl_dict_report(pl_dict_source *src, parley_severity sev, const char *fmt, ...)
{
    char text[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    if (sev == PARLEY_ERROR) src->d->errors++;
    else src->d->warnings++;
    if (src->d->diag) src->d->diag(src->d->diag_user, sev, src->file, src->line, text);
}

void pl_dict_unsupported(pl_dict_source *src, const char *construct)
{
    src->d->unsupported++;
    pl_dict_report(src, PARLEY_WARNING, "not supported, skipped: %s", construct);
}

const char *pl_trim(const char *s, const char *end, const char **tend)
{
    while (s < end && isspace((unsigned char)*s)) s++;
    while (end > s && isspace((unsigned char)end[-1])) end--;
    *tend = end;
    return s;
}

int pl_valid_id(const char *s, const char *end)
{
    if (s == end) return 0;
    for (; s < end; s++)
        if (!isupper((unsigned char)*s) && !isdigit((unsigned char)*s) && *s != '_') return 0;
    return 1;
}

/* ---- phrases into the trie ----------------------------------------------------------- */

/* A stem is kept in the vocabulary with a '*' after it; rule 3 of a trie edge marks it. */
static uint32_t intern_stem(pl_dict *d, const char *norm, size_t len)
{
    char buf[256];
    if (len + 1 >= sizeof buf) return 0;
    memcpy(buf, norm, len);
    buf[len] = '*';
    if (!d->stem_min || len < d->stem_min) d->stem_min = len;
    return pl_strmap_intern(&d->vocab, buf, len + 1);
}

static int add_phrase_tokens(pl_dict *d, const char *text, size_t len, int by_lemma,
                             unsigned flags, uint32_t *node_out, uint8_t *ntokens)
{
    const pl_tokens *toks = pl_dict_tokens(d, text, len);
    if (!toks || toks->n == 0 || toks->n > 255) return -1;
    int any_case = (flags & PL_PHRASE_ANY_CASE) != 0;
    uint32_t node = 0;
    for (size_t i = 0; i < toks->n; i++) {
        const pl_token *t = &toks->v[i];
        const char *norm = pl_token_norm(toks, t);
        int stem = (flags & PL_PHRASE_STEM) && i + 1 == toks->n && t->kind == PL_TOK_WORD &&
                   !by_lemma;
        uint32_t word = stem       ? intern_stem(d, norm, t->norm_len)
                        : by_lemma ? pl_dict_word(d, norm, t->norm_len)
                                   : pl_strmap_intern(&d->vocab, norm, t->norm_len);
        if (!word) return -1;
        unsigned rule = stem       ? 3
                        : any_case ? 0
                        : (t->flags & PL_TF_UPPER) ? 2
                        : (t->flags & PL_TF_CAP)   ? 1
                                                   : 0;
        uint64_t parent = (uint64_t)node << 35;
        uint64_t edge = parent | ((uint64_t)(by_lemma ? 1 : 0) << 34) | ((uint64_t)rule << 32) | word;
        /* Two spaces before the word: other words may come between */
        int gap = (flags & PL_PHRASE_GAPS) && i > 0 && t->start >= 2 && text[t->start - 1] == ' ' &&
                  text[t->start - 2] == ' ';
        pl_u64map *edges = gap ? &d->gap_edges : &d->edges;
        uint32_t child;
        if (!pl_u64map_get(edges, edge, &child)) {
            child = ++d->nnodes;
            if (pl_u64map_put(edges, edge, child)) return -1;
        }
        if (gap && pl_u64map_put(&d->gap_edges, parent, 1)) return -1;
        node = child;
    }
    *node_out = node;
    *ntokens = (uint8_t)toks->n;
    return 0;
}

int pl_dict_phrase(pl_dict_source *st, enum pl_phrase_kind kind, uint32_t entry,
                   const char *text, size_t len, unsigned flags)
{
    pl_dict *d = st->d;
    uint32_t node;
    uint8_t ntokens;
    int by_lemma = kind == PL_PH_AGENT && !(flags & PL_PHRASE_AS_WRITTEN);
    if (add_phrase_tokens(d, text, len, by_lemma, flags, &node, &ntokens)) {
        pl_dict_report(st, PARLEY_WARNING, "phrase '%.*s' has no words or too many; skipped", (int)len,
               text);
        return 0;
    }
    size_t old_cap = d->node_phrase_cap;
    if (PL_GROW(d->node_phrase, d->node_phrase_cap, (size_t)d->nnodes + 1)) return -1;
    memset(d->node_phrase + old_cap, 0, (d->node_phrase_cap - old_cap) * sizeof *d->node_phrase);
    for (uint32_t p = d->node_phrase[node]; p; p = d->phrases[p].next)
        if (d->phrases[p].kind == kind && d->phrases[p].entry == entry) return 0;
    if (PL_GROW(d->phrases, d->phrases_cap, d->nphrases + 1)) return -1;
    pl_phrase *ph = &d->phrases[d->nphrases];
    ph->kind = (uint8_t)kind;
    ph->ntokens = ntokens;
    ph->entry = entry;
    ph->next = d->node_phrase[node];
    d->node_phrase[node] = (uint32_t)d->nphrases++;
    return 0;
}

/* Adds each ';'-separated phrase in [s, end). */
int pl_dict_each_item(pl_dict_source *src, const char *s, const char *end, pl_item_fn fn,
                      void *arg)
{
    while (s < end) {
        const char *semi = memchr(s, ';', (size_t)(end - s));
        const char *stop = semi ? semi : end, *tend;
        const char *t = pl_trim(s, stop, &tend);
        if (tend > t && fn(src, t, (size_t)(tend - t), arg)) return -1;
        s = semi ? semi + 1 : end;
    }
    return 0;
}

typedef struct phrase_args {
    enum pl_phrase_kind kind;
    uint32_t entry;
} phrase_args;

static int add_listed_phrase(pl_dict_source *src, const char *t, size_t len, void *arg)
{
    const phrase_args *a = arg;
    return pl_dict_phrase(src, a->kind, a->entry, t, len, 0);
}

int pl_dict_phrase_list(pl_dict_source *src, enum pl_phrase_kind kind, uint32_t entry,
                        const char *s, const char *end)
{
    phrase_args a = {kind, entry};
    return pl_dict_each_item(src, s, end, add_listed_phrase, &a);
}

/* ---- entries ------------------------------------------------------------------------------ */

int32_t pl_dict_actor(pl_dict_source *st, const char *id, size_t len)
{
    pl_dict *d = st->d;
    uint32_t known = pl_strmap_get(&d->actor_ids, id, len);
    if (known) return (int32_t)(known - 1);
    if (PL_GROW(d->actors, d->actors_cap, d->nactors + 1)) return -2;
    pl_actor_entry *a = &d->actors[d->nactors];
    memset(a, 0, sizeof *a);
    a->id = pl_arena_strndup(&d->arena, id, len);
    a->type = "";
    a->file = st->file;
    a->line = st->line;
    if (!a->id || !pl_strmap_intern(&d->actor_ids, id, len)) return -2;
    return (int32_t)d->nactors++;
}

int pl_dict_actor_code(pl_dict_source *st, uint32_t actor, const char *code, size_t len,
                       int32_t from, int32_t to)
{
    pl_actor_entry *a = &st->d->actors[actor];
    if (PL_GROW(a->codes, a->codes_cap, a->ncodes + 1)) return -1;
    pl_code_range *c = &a->codes[a->ncodes++];
    c->code = pl_arena_strndup(&st->d->arena, code, len);
    c->from = from;
    c->to = to;
    if (!c->code) return -1;
    if (a->kind == PL_ACTOR_COUNTRY && a->country == a->id) a->country = c->code;
    return 0;
}

int pl_dict_agent(pl_dict_source *st, const char *code, const char *phrase, size_t len,
                  unsigned flags)
{
    pl_dict *d = st->d;
    if (PL_GROW(d->agents, d->agents_cap, d->nagents + 1)) return -1;
    pl_agent_entry *ag = &d->agents[d->nagents];
    ag->code = code;
    ag->text = pl_arena_strndup(&d->arena, phrase, len);
    if (!ag->text) return -1;
    return pl_dict_phrase(st, PL_PH_AGENT, (uint32_t)d->nagents++, phrase, len, flags);
}

int pl_dict_discard(pl_dict_source *st, enum pl_phrase_kind kind, const char *phrase, size_t len,
                    unsigned flags)
{
    size_t before = st->d->nphrases;
    int rc = pl_dict_phrase(st, kind, 0, phrase, len, flags);
    st->d->discards += st->d->nphrases - before;
    return rc;
}

pl_tokens *pl_dict_tokens(pl_dict *d, const char *text, size_t len)
{
    pl_tokens_clear(&d->scratch);
    pl_span span = {0, (uint32_t)len};
    return pl_tokenize(&d->scratch, text, span) ? NULL : &d->scratch;
}

uint32_t pl_dict_word(pl_dict *d, const char *word, size_t len)
{
    uint32_t memo = pl_strmap_get(&d->memo, word, len);
    if (memo && memo < d->memo_cap && d->memo_ids[memo]) return d->memo_ids[memo];
    pl_lemmatizer *lz = pl_dict_lemmatizer(d);
    const char *lemma = lz ? pl_lemma(lz, word, len) : NULL;
    uint32_t id = lemma ? pl_strmap_intern(&d->vocab, lemma, strlen(lemma))
                        : pl_strmap_intern(&d->vocab, word, len);
    memo = id ? pl_strmap_intern(&d->memo, word, len) : 0;
    size_t old = d->memo_cap;
    if (!memo || PL_GROW(d->memo_ids, d->memo_cap, (size_t)memo + 1)) return id;
    memset(d->memo_ids + old, 0, (d->memo_cap - old) * sizeof *d->memo_ids);
    d->memo_ids[memo] = id;
    return id;
}

static pl_pat_item *copy_items(pl_arena *a, const pl_pat_item *items, size_t n)
{
    pl_pat_item *out = pl_arena_alloc(a, (n ? n : 1) * sizeof *out);
    if (!out) return NULL;
    for (size_t i = 0; i < n; i++) {
        out[i] = items[i];
        if (items[i].stem && !(out[i].stem = pl_arena_strdup(a, items[i].stem))) return NULL;
        if (items[i].nalts && !(out[i].alts = copy_items(a, items[i].alts, items[i].nalts)))
            return NULL;
    }
    return out;
}

int pl_dict_pattern(pl_dict_source *src, const pl_verb_pattern *proto)
{
    pl_dict *d = src->d;
    if (PL_GROW(d->verbs, d->verbs_cap, d->nverbs + 1)) return -1;
    pl_verb_pattern *v = &d->verbs[d->nverbs];
    *v = *proto;
    v->code = pl_arena_strdup(&d->arena, proto->code);
    v->code2 = proto->code2 ? pl_arena_strdup(&d->arena, proto->code2) : NULL;
    v->text = pl_arena_strdup(&d->arena, proto->text ? proto->text : "");
    v->file = src->file;
    v->line = src->line;
    v->before = copy_items(&d->arena, proto->before, proto->nbefore);
    v->after = copy_items(&d->arena, proto->after, proto->nafter);
    if (!v->code || (proto->code2 && !v->code2) || !v->text || !v->before || !v->after)
        return -1;
    d->nverbs++;
    return 0;
}
