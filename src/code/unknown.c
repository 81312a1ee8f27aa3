/* unknown.c: counts the names and verbs no dictionary knows, for `parley code
 * --report-unknown`: what to add to the dictionaries next, most frequent first.
 *
 * Heuristics, on the coder's analysis of each sentence (pl_analyse_sentence):
 * - a name is the trailing run of capitalized words no dictionary knows in an actor phrase
 *   that no named entry resolved: "Taro Yamada" in "Japanese Prime Minister Taro Yamada"
 *   (coded JPNGOV by its title, yet unknown as a person) and "Verde Network" alike. A single
 *   capitalized word that starts the sentence is skipped: it is as often an ordinary word.
 * - a verb is the word right after a resolved subject (an actor phrase with a code), across
 *   adverbs, auxiliaries and negation, when it is a lower-case word that no verb pattern
 *   starts with and it looks finite: it ends in -ed or -s (not -ss), or an auxiliary stands
 *   before it ("has signed", "will sign"). A phrase that ends in a country's adjective is
 *   no subject: the word after it is a noun ("Chinese officials"). It is counted by its
 *   lemma ("pledged": "pledge") where WordNet is at hand, else as written. */
#include "code/tools.h"

#include <stdlib.h>
#include <string.h>

typedef struct counter {
    pl_strmap texts;         /* text -> id */
    size_t *count;           /* per id */
    size_t cap;
} counter;

struct parley_unknown {
    counter kinds[2];        /* PARLEY_UNKNOWN_NAME - 1, PARLEY_UNKNOWN_VERB - 1 */
};

parley_unknown *parley_unknown_new(void)
{
    parley_unknown *u = calloc(1, sizeof *u);
    if (!u) return NULL;
    for (int k = 0; k < 2; k++) pl_strmap_init(&u->kinds[k].texts);
    return u;
}

void parley_unknown_free(parley_unknown *u)
{
    if (!u) return;
    for (int k = 0; k < 2; k++) {
        pl_strmap_free(&u->kinds[k].texts);
        free(u->kinds[k].count);
    }
    free(u);
}

static int count_text(counter *c, const char *text, size_t len, size_t n)
{
    uint32_t id = pl_strmap_intern(&c->texts, text, len);
    size_t old = c->cap;
    if (!id || PL_GROW(c->count, c->cap, (size_t)id + 1)) return -1;
    memset(c->count + old, 0, (c->cap - old) * sizeof *c->count);
    c->count[id] += n;
    return 0;
}

parley_status parley_unknown_merge(parley_unknown *into, const parley_unknown *from)
{
    if (!into || !from) return PARLEY_EINVAL;
    for (int k = 0; k < 2; k++) {
        const counter *c = &from->kinds[k];
        for (uint32_t id = 1; id <= c->texts.count; id++)
            if (count_text(&into->kinds[k], pl_strmap_str(&c->texts, id), c->texts.lens[id],
                           c->count[id]))
                return PARLEY_ENOMEM;
    }
    return PARLEY_OK;
}

static const counter *counter_of(const parley_unknown *u, parley_unknown_kind kind)
{
    if (!u || (kind != PARLEY_UNKNOWN_NAME && kind != PARLEY_UNKNOWN_VERB)) return NULL;
    return &u->kinds[kind - 1];
}

size_t parley_unknown_distinct(const parley_unknown *u, parley_unknown_kind kind)
{
    const counter *c = counter_of(u, kind);
    return c ? c->texts.count : 0;
}

static int by_count(const void *a, const void *b)
{
    const parley_unknown_item *x = a, *y = b;
    if (x->count != y->count) return x->count > y->count ? -1 : 1;
    return strcmp(x->text, y->text);
}

size_t parley_unknown_top(const parley_unknown *u, parley_unknown_kind kind,
                          parley_unknown_item *out, size_t n)
{
    const counter *c = counter_of(u, kind);
    if (!c || !out || !n || !c->texts.count) return 0;
    parley_unknown_item *all = malloc(c->texts.count * sizeof *all);
    if (!all) return 0;
    for (uint32_t id = 1; id <= c->texts.count; id++)
        all[id - 1] = (parley_unknown_item){pl_strmap_str(&c->texts, id), c->count[id]};
    qsort(all, c->texts.count, sizeof *all, by_count);
    size_t k = n < c->texts.count ? n : c->texts.count;
    memcpy(out, all, k * sizeof *out);
    free(all);
    return k;
}

/* ---- collecting -------------------------------------------------------------------------- */

/* The bytes of tokens [a, b) with every run of white space made one space ("Taro\nYamada"). */
static int count_span(counter *c, const pl_sentence *s, size_t a, size_t b)
{
    pl_buf text = {0};
    const char *p = s->text + s->toks.v[a].start, *end = s->text + s->toks.v[b - 1].end;
    int space = 0, rc = 0;
    for (; p < end && !rc; p++) {
        if (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t') {
            space = 1;
            continue;
        }
        if (space) rc = pl_buf_putc(&text, ' ');
        space = 0;
        if (!rc) rc = pl_buf_putc(&text, *p);
    }
    if (!rc && text.data) rc = count_text(c, text.data, text.len, 1);
    pl_buf_free(&text);
    return rc;
}

static int collect_names(parley_unknown *u, const pl_sentence *s)
{
    for (size_t k = 0; k < s->nchunks; k++) {
        const pl_chunk *c = &s->chunks[k];
        if (c->actor || c->name_end <= c->name_start) continue;
        if (c->name_start == s->first && c->name_end - c->name_start == 1) continue;
        if (count_span(&u->kinds[0], s, c->name_start, c->name_end)) return -1;
    }
    return 0;
}

static int looks_finite(const pl_sentence *s, const pl_token *t, int after_aux)
{
    const char *w = pl_token_norm(&s->toks, t);
    size_t n = t->norm_len;
    if (after_aux) return 1;
    if (n > 3 && w[n - 2] == 'e' && w[n - 1] == 'd') return 1;
    return n > 3 && w[n - 1] == 's' && w[n - 2] != 's' && w[n - 2] != '\'';
}

/* "Chinese" in "Chinese officials": an adjective, so the next word is a noun. */
static int ends_in_adjective(const pl_dict *d, const pl_sentence *s, const pl_chunk *c)
{
    int32_t m = s->match_of[c->end - 1];
    if (m < 0) return 0;
    for (uint32_t p = s->matches.v[m].phrase; p; p = d->phrases[p].next)
        if (d->phrases[p].kind == PL_PH_ADJ) return 1;
    return 0;
}

/* The word after chunk c, across adverbs, auxiliaries and negation, if it may be a verb. */
static int verb_after(const pl_dict *d, const pl_sentence *s, const pl_chunk *c, size_t *at)
{
    size_t end = s->first + s->n, k = c->end;
    if (ends_in_adjective(d, s, c)) return 0;
    int aux = 0;
    for (int hops = 0; k < end && hops < 3; k++, hops++) {
        uint8_t cls = s->cls[k];
        if (cls == PL_C_AUX) aux = 1;
        else if (cls != PL_C_ADV && cls != PL_C_NEG && !(cls == PL_C_WORD && pl_ends_in_ly(s, k)))
            break;
    }
    if (k >= end || s->cls[k] != PL_C_WORD || s->anchor[k]) return 0;
    const pl_token *t = &s->toks.v[k];
    if (t->kind != PL_TOK_WORD || (t->flags & (PL_TF_CAP | PL_TF_HYPHEN))) return 0;
    *at = k;
    return looks_finite(s, t, aux);
}

static int collect_verbs(parley_unknown *u, const parley_ctx *ctx, const pl_sentence *s)
{
    for (size_t k = 0; k < s->nchunks; k++) {
        size_t at;
        if (!s->chunks[k].code || !verb_after(&ctx->dict, s, &s->chunks[k], &at)) continue;
        const pl_token *t = &s->toks.v[at];
        const char *w = pl_token_norm(&s->toks, t);
        /* The lemmatizer is opened when text dictionaries compile; a compiled file has none. */
        const char *lemma = ctx->dict.lemmatizer ? pl_lemma(ctx->dict.lemmatizer, w, t->norm_len)
                                                 : NULL;
        if (!lemma) lemma = w;
        if (count_text(&u->kinds[1], lemma, strlen(lemma), 1)) return -1;
    }
    return 0;
}

int pl_unknown_sentence(parley_unknown *u, const parley_ctx *ctx, const pl_sentence *s)
{
    return collect_names(u, s) || collect_verbs(u, ctx, s) ? -1 : 0;
}
