/* analyse.c: one sentence's analysis. Token classes, then noun-phrase chunks, each resolved
 * to an actor (dictionary entry, country + agent, memory of earlier mentions, place context),
 * then lists of chunks joined by commas and "and", with appositions merged ("Tokyo, Japan";
 * "Maria Ortiz, policy director of ..."). Verb patterns read only this analysis. */
#include "code/code.h"

#include <stdlib.h>
#include <string.h>

/* ---- token classes ------------------------------------------------------------------------ */

static uint8_t match_class(const pl_dict *d, const pl_match *m)
{
    uint8_t cls = PL_C_OTHER;
    for (uint32_t p = m->phrase; p; p = d->phrases[p].next) {
        uint8_t k = d->phrases[p].kind;
        if (k >= PL_PH_NAME && k <= PL_PH_PLACE) return PL_C_ACTOR;
        if (k == PL_PH_AGENT) cls = PL_C_AGENT;
    }
    return cls;
}

static uint8_t token_class(const parley_ctx *ctx, const pl_sentence *s, const pl_token *t,
                           int shouting)
{
    if (t->flags & PL_TF_POSS) return PL_C_POSS;
    uint8_t fw = pl_word_class(&ctx->grammar, t);
    if (fw) return fw;
    const char *norm = pl_token_norm(&s->toks, t);
    switch (t->kind) {
    case PL_TOK_PUNCT:
        if (norm[0] == ',' && !norm[1]) return PL_C_COMMA;
        if (norm[0] == '-' && !norm[1]) return PL_C_HYPHEN;
        if (norm[0] == '&' && !norm[1]) return PL_C_AND;
        return PL_C_OTHER;
    case PL_TOK_WORD:
        return (t->flags & PL_TF_CAP) && !shouting ? PL_C_NAME : PL_C_WORD;
    case PL_TOK_NUMBER:
        /* "in 2009 Slovakia ...": a year is no quantity of actors. */
        if (t->norm_len == 4 && (!strncmp(norm, "19", 2) || !strncmp(norm, "20", 2)))
            return PL_C_OTHER;
        return PL_C_QUANT;
    default:
        return PL_C_OTHER;
    }
}

int pl_ends_in_ly(const pl_sentence *s, size_t i)
{
    const pl_token *t = &s->toks.v[i];
    return t->norm_len > 4 && !strcmp(pl_token_norm(&s->toks, t) + t->norm_len - 2, "ly");
}

/* An inflected form that is no plural nor gerund: "attacked", "left", not "attacks",
 * "bombing". */
static int past_form(const pl_sentence *s, size_t i)
{
    const pl_token *t = &s->toks.v[i];
    const char *w = pl_token_norm(&s->toks, t);
    return t->word != t->lemma && w[t->norm_len - 1] != 's' &&
           !(t->norm_len > 4 && !memcmp(w + t->norm_len - 3, "ing", 3));
}

static int word_is_that(const pl_sentence *s, size_t i)
{
    const pl_token *t = &s->toks.v[i];
    return t->norm_len == 4 && !memcmp(pl_token_norm(&s->toks, t), "that", 4);
}

/* PL_ANCHOR_VERB if token i starts some pattern as a verb, PL_ANCHOR_NOUN if it does so as a
 * noun ("the visit", "Japan's visit", "the rocket attack"), else 0. */
static uint8_t anchor_kind(const parley_ctx *ctx, const pl_sentence *s, size_t i, int loud)
{
    const pl_token *t = &s->toks.v[i];
    if (t->kind != PL_TOK_WORD || ((t->flags & PL_TF_CAP) && !loud) || !t->lemma) return 0;
    /* An auxiliary anchors only the patterns a dictionary gives it ("SHOULD", "HAVE
     * NOTHING TO DO WITH") and keeps its class, so the verbs after it keep their subject. */
    if (s->cls[i] != PL_C_WORD && s->cls[i] != PL_C_SAY && s->cls[i] != PL_C_AUX) return 0;
    size_t n;
    if (!pl_verb_patterns(&ctx->dict, t->lemma, &n)) return 0;
    /* "donate's": a word with a possessive is a noun that owns something */
    if (i + 1 < s->first + s->n && (s->toks.v[i + 1].flags & PL_TF_POSS)) return 0;
    /* A parse knows a verb from a noun better than the words before it do. */
    uint8_t tag = s->parse_tag ? s->parse_tag[i] : PL_TAG_NONE;
    if (tag == PL_TAG_VERB) return PL_ANCHOR_VERB;
    if (tag == PL_TAG_NOUN) return PL_ANCHOR_NOUN;
    for (size_t k = i, hops = 0; k > s->first && hops < 3; k--, hops++) {
        uint8_t before = s->cls[k - 1];
        /* "Gondor's militia vowed": a past form after the possessive's noun is its verb
         * ("Gondor's rocket attacks" stay nouns) */
        if (hops > 0 && past_form(s, i)) break;
        /* "the troops that attacked": a relative "that", no determiner */
        if (hops == 0 && past_form(s, i) && word_is_that(s, k - 1)) break;
        if (before == PL_C_DET || before == PL_C_POSS) return PL_ANCHOR_NOUN;
        if (before != PL_C_WORD || pl_ends_in_ly(s, k - 1)) break;
    }
    return PL_ANCHOR_VERB;
}

/* A sentence in capitals ("ARNOR IS ABOUT TO RESTORE ...") says nothing by its capitals:
 * its words are read as lower case unless a dictionary names them. */
static int shouting(const pl_sentence *s)
{
    size_t words = 0;
    for (size_t i = s->first; i < s->first + s->n; i++) {
        const pl_token *t = &s->toks.v[i];
        if (t->kind != PL_TOK_WORD) continue;
        if (!(t->flags & PL_TF_UPPER) && t->norm_len > 1) return 0;
        words++;
    }
    return words >= 4;
}

#define STEM_MIN 4 /* letters of the shortest TABARI verb stem a word is read by */

static int verb_ending(const char *e, size_t len)
{
    static const char *const endings[] = {"s", "es", "d", "ed", "ing", "en"};
    for (size_t k = 0; k < sizeof endings / sizeof *endings; k++)
        if (len == strlen(endings[k]) && !memcmp(e, endings[k], len)) return 1;
    return 0;
}

/* A word no dictionary and no lemma knows ("welcymed", "departen") is read as the verb of a
 * TABARI pattern whose root it is with a verb ending, as TABARI's stems match: its lemma
 * becomes that root ("departx" stays unknown). */
static void stem_lemma(const pl_dict *d, const pl_sentence *s, pl_token *t)
{
    if (t->lemma || t->kind != PL_TOK_WORD || (t->flags & PL_TF_CAP)) return;
    const char *w = pl_token_norm(&s->toks, t);
    for (size_t len = t->norm_len - 1; len >= STEM_MIN && len + 3 >= t->norm_len; len--) {
        if (!verb_ending(w + len, t->norm_len - len)) continue;
        uint32_t id = pl_strmap_get(&d->vocab, w, len);
        size_t n;
        const pl_verb_pattern *p = id ? pl_verb_patterns(d, id, &n) : NULL;
        if (p && p->gaps) {
            t->lemma = id;
            return;
        }
    }
}

static int norm_in(const pl_sentence *s, size_t i, const char *const *words, size_t n)
{
    const pl_token *t = &s->toks.v[i];
    const char *w = pl_token_norm(&s->toks, t);
    for (size_t k = 0; k < n; k++)
        if (t->norm_len == strlen(words[k]) && !memcmp(w, words[k], t->norm_len)) return 1;
    return 0;
}

/* A noun that puts forward a claim ("reports", "allegations"), not the same word as a verb
 * after its subject ("Kenya claims that ..."). */
static int claim_noun(const pl_sentence *s, size_t i)
{
    static const char *const nouns[] = {
        "report",     "reports",     "claim",      "claims",     "allegation", "allegations",
        "accusation", "accusations", "rumor",      "rumors",     "rumour",     "rumours",
        "suggestion", "suggestions", "assertion",  "assertions", "speculation"};
    static const char *const in[] = {"in"};
    if (!norm_in(s, i, nouns, sizeof nouns / sizeof *nouns)) return 0;
    if (i == s->first) return 1;
    /* "said in its annual report that ...": the report is how its author says it */
    for (size_t k = i, hops = 0; k > s->first && hops < 4; k--, hops++) {
        if (norm_in(s, k - 1, in, 1)) return 0;
        if (s->cls[k - 1] != PL_C_DET && s->cls[k - 1] != PL_C_WORD) break;
    }
    uint8_t before = s->cls[i - 1];
    return before == PL_C_DET || before == PL_C_POSS || before == PL_C_PREP ||
           before == PL_C_CONN || before == PL_C_VERB || before == PL_C_QUANT ||
           (before == PL_C_WORD && !pl_ends_in_ly(s, i - 1));
}

/* What a report, claim or rumour says, and what is denied, is not asserted: the verbs of
 * its "that" clause ("denied reports that rebels attacked the town", "denied that its
 * troops attacked") code nothing. The clause ends at a comma, a reporting verb or a
 * subordinating word. */
static void unasserted_clauses(pl_sentence *s)
{
    static const char *const that[] = {"that"};
    static const char *const deny[] = {"deny", "denies", "denied", "denying"};
    size_t end = s->first + s->n;
    int inside = 0;
    for (size_t i = s->first + 1; i < end; i++) {
        uint8_t c = s->cls[i];
        if (c == PL_C_COMMA || c == PL_C_SAY || c == PL_C_STOP) inside = 0;
        else if (inside) s->anchor[i] = 0;
        else if (norm_in(s, i, that, 1))
            inside = claim_noun(s, i - 1) || norm_in(s, i - 1, deny, 4);
    }
}

static void classify(const parley_ctx *ctx, const pl_story_state *st, pl_sentence *s)
{
    size_t end = s->first + s->n;
    int loud = shouting(s);
    for (size_t i = s->first; i < end; i++) s->match_of[i] = -1;
    for (size_t m = 0; m < s->matches.n; m++)
        for (uint32_t i = s->matches.v[m].start; i < s->matches.v[m].end; i++)
            s->match_of[i] = (int32_t)m;
    for (size_t i = s->first; i < end; i++) {
        int32_t m = s->match_of[i];
        uint8_t cls = m >= 0 ? match_class(&ctx->dict, &s->matches.v[m]) : PL_C_OTHER;
        s->cls[i] = cls != PL_C_OTHER ? cls : token_class(ctx, s, &s->toks.v[i], loud);
    }
    /* A verb anchor is never a word inside a noun phrase; a noun anchor stays a word. */
    for (size_t i = s->first; i < end; i++) {
        if (s->cls[i] == PL_C_WORD) stem_lemma(&ctx->dict, s, &s->toks.v[i]);
        s->anchor[i] = anchor_kind(ctx, s, i, loud);
        if (s->anchor[i] == PL_ANCHOR_VERB && s->cls[i] != PL_C_AUX) s->cls[i] = PL_C_VERB;
    }
    if (!st->claims_asserted) unasserted_clauses(s);
}

/* ---- chunks ----------------------------------------------------------------------------- */

static int is_head(uint8_t c)
{
    return c == PL_C_ACTOR || c == PL_C_AGENT || c == PL_C_NAME;
}

/* A run of at most three lower-case words before an agent: "senior officials",
 * "Japanese climate NGO", "riot police". */
static int modifies_agent(const pl_sentence *s, size_t i, size_t end)
{
    for (size_t k = i; k < end && k < i + 4; k++) {
        if (s->cls[k] == PL_C_AGENT) return 1;
        if (s->cls[k] != PL_C_WORD) return 0;
    }
    return 0;
}

static int adjective(const pl_sentence *s, size_t i)
{
    if (s->cls[i] != PL_C_WORD) return 0;
    if (!s->adjectives || !s->adjectives->count) return 1;
    const pl_token *t = &s->toks.v[i];
    return pl_strmap_get(s->adjectives, pl_token_norm(&s->toks, t), t->norm_len) != 0;
}

/* The role after adjectives joined by "and" or commas from i ("awful and evil minister"),
 * or i when there is none such. */
static size_t role_after_adjectives(const pl_sentence *s, size_t i, size_t end)
{
    int words = 0;
    for (size_t k = i; k < end && k < i + 6; k++) {
        if (s->cls[k] == PL_C_AGENT) return words ? k : i;
        if (adjective(s, k)) words++;
        else if (!words || (s->cls[k] != PL_C_AND && s->cls[k] != PL_C_COMMA)) return i;
    }
    return i;
}

static int starts_material(const pl_sentence *s, size_t i, size_t end)
{
    if (i >= end) return 0;
    return is_head(s->cls[i]) || (s->cls[i] == PL_C_WORD && modifies_agent(s, i, end));
}

static int approximates(const pl_sentence *s, size_t i)
{
    static const char *words[] = {"about", "around", "nearly", "almost", "roughly",
                                  "approximately", "over", "some", "up"};
    const char *w = pl_token_norm(&s->toks, &s->toks.v[i]);
    for (size_t k = 0; k < sizeof words / sizeof *words; k++)
        if (!strcmp(w, words[k])) return 1;
    return 0;
}

/* Where the material of a phrase starting at i begins, past a determiner and a quantity
 * ("the three", "dozens of"), or end when there is none. */
static size_t skip_determiners(const pl_sentence *s, size_t i, size_t end)
{
    if (i < end && s->cls[i] == PL_C_DET) i++;
    /* "about 40", "over 100", "nearly two dozen" */
    if (i + 1 < end && s->cls[i + 1] == PL_C_QUANT && approximates(s, i)) i++;
    if (i < end && s->cls[i] == PL_C_QUANT) {
        i++;
        if (i < end && s->cls[i] == PL_C_CONN) i++;
        if (i < end && s->cls[i] == PL_C_DET) i++;
    }
    return i;
}

static int can_start(const pl_sentence *s, size_t i, size_t end)
{
    if (s->cls[i] != PL_C_DET && s->cls[i] != PL_C_QUANT && s->cls[i] != PL_C_PREP &&
        s->cls[i] != PL_C_ADV)
        return starts_material(s, i, end);
    size_t k = skip_determiners(s, i, end);
    return k > i && starts_material(s, k, end);
}

/* "from" and "in" after a role say whose it is: "soldiers from Gondor", "lawmakers in
 * Fornost". */
static int locates_role(const pl_sentence *s, size_t k)
{
    if (s->cls[k] != PL_C_PREP) return 0;
    const char *w = pl_token_norm(&s->toks, &s->toks.v[k]);
    return !strcmp(w, "from") || !strcmp(w, "in");
}

/* "its ambassador from France" is not France's ambassador. */
static int owned(const pl_sentence *s, size_t i)
{
    static const char *const owners[] = {"its", "his", "her", "their", "our", "my", "your"};
    const char *w = pl_token_norm(&s->toks, &s->toks.v[i]);
    for (size_t k = 0; k < sizeof owners / sizeof *owners; k++)
        if (!strcmp(w, owners[k])) return 1;
    return 0;
}

/* An actor's name among tokens [i, k): "the Iranian minister in Tehran" is Iran's. */
static int names_country(const pl_sentence *s, size_t i, size_t k)
{
    for (; i < k; i++)
        if (s->cls[i] == PL_C_ACTOR) return 1;
    return 0;
}

/* An actor's name at k, after an optional determiner. */
static int names_actor(const pl_sentence *s, size_t k, size_t end)
{
    if (s->cls[k] == PL_C_DET) k++;
    return k < end && s->cls[k] == PL_C_ACTOR;
}

/* TABARI's roles: the titled name a possessive owns past a word or two ("Dagolath's first
 * Deputy Prime Minister Telemar" is one phrase, whose first actor is Dagolath); i when
 * there is none. */
static size_t owned_title(const pl_sentence *s, size_t i, size_t end)
{
    size_t k = i;
    while (k < end && k < i + 2 && (s->cls[k] == PL_C_WORD || s->cls[k] == PL_C_ADV)) k++;
    return k > i && k < end && (s->cls[k] == PL_C_NAME || s->cls[k] == PL_C_AGENT) ? k : i;
}

/* Where the chunk starting at i ends (exclusive), before trimming. */
static size_t extend(const pl_sentence *s, size_t i, size_t end)
{
    size_t k = skip_determiners(s, i, end);
    while (k < end) {
        uint8_t c = s->cls[k];
        if (is_head(c)) k++;
        else if (c == PL_C_WORD && modifies_agent(s, k, end)) k++;
        else if (c == PL_C_POSS && starts_material(s, k + 1, end)) k++;
        /* "Ithilen's awful and evil minister": the possessed role and its adjectives */
        else if (c == PL_C_POSS && role_after_adjectives(s, k + 1, end) > k + 1)
            k = role_after_adjectives(s, k + 1, end);
        else if (c == PL_C_POSS && s->adjacent_roles && owned_title(s, k + 1, end) > k + 1)
            k = owned_title(s, k + 1, end);
        else if (c == PL_C_HYPHEN && k > i && is_head(s->cls[k - 1]) && k + 1 < end &&
                 is_head(s->cls[k + 1]))
            k++;
        else if ((c == PL_C_CONN && k > i &&
                  (s->cls[k - 1] == PL_C_AGENT || s->cls[k - 1] == PL_C_NAME)) ||
                 (locates_role(s, k) && k > i && s->cls[k - 1] == PL_C_AGENT &&
                  !owned(s, i) && !names_country(s, i, k) && k + 1 < end &&
                  names_actor(s, k + 1, end))) {
            /* Titles take "of" and "for" ("Minister of Foreign Affairs"); a country does
             * not ("criticized Iran for the drone sales"). */
            size_t after = k + 1 < end && s->cls[k + 1] == PL_C_DET ? k + 2 : k + 1;
            if (after < end && is_head(s->cls[after])) k = after;
            else break;
        } else
            break;
    }
    return k;
}

static int is_punct(const pl_sentence *s, size_t i, char c)
{
    const pl_token *t = &s->toks.v[i];
    return t->kind == PL_TOK_PUNCT && t->norm_len == 1 && pl_token_norm(&s->toks, t)[0] == c;
}

/* Where a phrase ending at j ends with the short name in brackets that follows it: "the
 * European Union (EU)" is one phrase, not two. j itself when none follows. */
static size_t with_abbreviation(const pl_sentence *s, size_t j, size_t end)
{
    if (j >= end || !is_punct(s, j, '(')) return j;
    size_t k = j + 1;
    while (k < end && k < j + 4 && (s->cls[k] == PL_C_ACTOR || s->cls[k] == PL_C_NAME)) k++;
    return k > j + 1 && k < end && is_punct(s, k, ')') ? k + 1 : j;
}

/* The end of a phrase's own words: before the name in brackets that may close it. */
static size_t words_end(const pl_sentence *s, size_t start, size_t end)
{
    if (end - start < 3 || !is_punct(s, end - 1, ')')) return end;
    size_t k = end - 1;
    while (k > start && !is_punct(s, k, '(')) k--;
    return k > start ? k : end;
}

static int add_chunk(pl_sentence *s, size_t start, size_t end)
{
    if (PL_GROW(s->chunks, s->chunks_cap, s->nchunks + 1)) return -1;
    pl_chunk *c = &s->chunks[s->nchunks++];
    memset(c, 0, sizeof *c);
    c->start = (uint32_t)start;
    c->end = (uint32_t)end;
    c->next = c->prev = -1;
    /* "in Mali", "in northern Mali", "near the capital": look back over two modifiers. */
    for (size_t k = start, hops = 0; k > s->first && hops < 3; k--, hops++) {
        uint8_t before = s->cls[k - 1];
        if (before == PL_C_PREP || before == PL_C_CONN) {
            c->after_prep = 1;
            c->prep = (uint32_t)(k - 1);
            break;
        }
        if (before != PL_C_WORD || hops == 2) break;
    }
    /* The trailing run of unknown capitalized words is the name, if there is one. */
    size_t name_end = words_end(s, start, end), k = name_end;
    while (k > start && s->cls[k - 1] == PL_C_NAME) k--;
    c->name_start = (uint32_t)k;
    c->name_end = (uint32_t)name_end;
    return 0;
}

/* "China-made", "pro-Moscow": a country or place fused by a hyphen to a lower-case word
 * describes something else and is no actor. (Unknown names are left alone: "Han Sung-min"
 * is a person.) */
static int hyphen_modifier(const pl_sentence *s, size_t start, size_t end)
{
    size_t stop = s->first + s->n;
    const pl_token *t = s->toks.v;
    if (end + 1 < stop && s->cls[end - 1] == PL_C_ACTOR && s->cls[end] == PL_C_HYPHEN &&
        !(t[end].flags & PL_TF_SPACE_BEFORE) &&
        !(t[end + 1].flags & (PL_TF_SPACE_BEFORE | PL_TF_CAP)) && t[end + 1].kind == PL_TOK_WORD)
        return 1;
    return start >= s->first + 2 && s->cls[start] == PL_C_ACTOR && s->cls[start - 1] == PL_C_HYPHEN &&
           !(t[start].flags & PL_TF_SPACE_BEFORE) && t[start - 2].kind == PL_TOK_WORD &&
           !(t[start - 2].flags & PL_TF_CAP) && !(t[start - 1].flags & PL_TF_SPACE_BEFORE);
}

static int find_chunks(pl_sentence *s)
{
    size_t end = s->first + s->n;
    s->nchunks = 0;
    for (size_t i = s->first; i < end;) {
        if (s->cls[i] == PL_C_PRON) {
            if (add_chunk(s, i, i + 1)) return -1;
            s->chunks[s->nchunks - 1].pronoun = 1;
            i++;
            continue;
        }
        if (!can_start(s, i, end)) {
            i++;
            continue;
        }
        size_t j = extend(s, i, end);
        while (j > i && !is_head(s->cls[j - 1])) j--;
        if (j > i) j = with_abbreviation(s, j, end);
        if (j > i && !hyphen_modifier(s, i, j) && add_chunk(s, i, j)) return -1;
        i = j > i ? j : i + 1;
    }
    return 0;
}

/* ---- resolving a chunk to an actor ------------------------------------------------------- */

/* Lower-case key of tokens [a, b), words joined by single spaces, in the story arena. */
static const char *name_key(pl_story_state *st, const pl_sentence *s, size_t a, size_t b)
{
    pl_buf key = {0};
    for (size_t i = a; i < b; i++) {
        const pl_token *t = &s->toks.v[i];
        if (i > a && pl_buf_putc(&key, ' ')) break;
        if (pl_buf_append(&key, pl_token_norm(&s->toks, t), t->norm_len)) break;
    }
    const char *out = key.data ? pl_arena_strndup(&st->arena, key.data, key.len) : NULL;
    pl_buf_free(&key);
    return out;
}

/* "USAGOV" is USA + GOV when USA is a country; an IGO code stands whole. */
static void split_code(const parley_ctx *ctx, pl_story_state *st, pl_chunk *c, const char *code)
{
    size_t len = strlen(code);
    c->code = code;
    char prefix[4] = {0};
    memcpy(prefix, code, len < 3 ? len : 3);
    if (len >= 3 && pl_is_country(&ctx->dict, prefix)) {
        c->country = len == 3 ? code : pl_arena_strndup(&st->arena, code, 3);
        c->agent = len > 3 ? code + 3 : NULL;
    } else {
        c->country = code;
        c->agent = NULL;
    }
}

typedef struct chunk_parts {
    const pl_actor_entry *entry;   /* a named actor that is not a country */
    uint32_t entry_start;          /* the token its name starts at */
    uint32_t role_start, role_end; /* the first agent phrase's tokens, role_end 0 if none */
    const char *country;           /* from a country's name, adjective or people */
    uint32_t country_start, country_end; /* the tokens that name it */
    const char *agent, *prefix;
    pl_place_ref place;
    int only_place, only_country, has_actor, capital;
} chunk_parts;

static void read_match(const parley_ctx *ctx, const pl_sentence *s, const pl_match *m,
                       pl_story_state *st, chunk_parts *p)
{
    const pl_dict *d = &ctx->dict;
    for (uint32_t ph = m->phrase; ph; ph = d->phrases[ph].next) {
        const pl_phrase *x = &d->phrases[ph];
        if (x->kind == PL_PH_AGENT) {
            const char *code = d->agents[x->entry].code;
            if (!p->role_end) p->role_start = m->start, p->role_end = m->end;
            if (code[strlen(code) - 1] == '~') {
                if (!p->prefix) p->prefix = code;
            } else if (!p->agent) {
                p->agent = code;
            }
            continue;
        }
        if (x->kind < PL_PH_NAME || x->kind > PL_PH_PLACE) continue;
        const pl_actor_entry *e = &d->actors[x->entry];
        p->has_actor = 1;
        if (x->kind == PL_PH_CAPITAL || x->kind == PL_PH_PLACE) {
            if (!p->place.name) {
                size_t a = s->toks.v[m->start].start, b = s->toks.v[m->end - 1].end;
                p->place.name = pl_arena_strndup(&st->arena, s->text + a, b - a);
                p->place.country = e->country;
                p->capital = x->kind == PL_PH_CAPITAL;
            }
        } else if (e->kind == PL_ACTOR_COUNTRY) {
            if (!p->country) {
                p->country = e->country;
                p->country_start = m->start;
                p->country_end = m->end;
            }
        } else if (!p->entry) {
            p->entry = e;
            p->entry_start = m->start;
        }
    }
}

/* What the chunk's own words say. */
static void read_parts(const parley_ctx *ctx, pl_story_state *st, const pl_sentence *s,
                       const pl_chunk *c, chunk_parts *p)
{
    memset(p, 0, sizeof *p);
    int other_heads = 0;
    int32_t last = -1;
    size_t end = words_end(s, c->start, c->end); /* "(EU)" restates the words before it */
    for (size_t i = c->start; i < end; i++) {
        int32_t m = s->match_of[i];
        if (m >= 0 && m != last) read_match(ctx, s, &s->matches.v[m], st, p);
        last = m;
        if (s->cls[i] == PL_C_AGENT || s->cls[i] == PL_C_NAME) other_heads = 1;
    }
    int plain = !other_heads && !p->entry && !p->agent && !p->prefix;
    p->only_place = plain && p->place.name && !p->country;
    p->only_country = plain && p->country && !p->place.name;
}

static int norm_is_the(const pl_sentence *s, size_t i)
{
    const pl_token *t = &s->toks.v[i];
    return t->norm_len == 3 && !memcmp(pl_token_norm(&s->toks, t), "the", 3);
}

static const pl_chunk *remembered_name(pl_story_state *st, const pl_sentence *s,
                                       const pl_chunk *c)
{
    if (c->name_end <= c->name_start) return NULL;
    const char *full = name_key(st, s, c->name_start, c->name_end);
    uint32_t id = full ? pl_strmap_get(&st->names, full, strlen(full)) : 0;
    if (!id) {
        const pl_token *t = &s->toks.v[c->name_end - 1];
        id = pl_strmap_get(&st->names, pl_token_norm(&s->toks, t), t->norm_len);
    }
    return id ? &st->name_refs[id - 1] : NULL;
}

/* "the minister", "the president": a role with no country and no name after "the" is the
 * last person named before with that role ("Chinese Foreign Minister Wang Yi arrived ... The
 * minister met ..."). */
static int has_word(const char *words, const char *w, size_t len)
{
    for (const char *p = words; (p = strstr(p, w)); p += len)
        if ((p == words || p[-1] == ' ') && (p[len] == ' ' || !p[len])) return 1;
    return 0;
}

static const pl_chunk *remembered_role(const pl_story_state *st, const pl_sentence *s,
                                       const pl_chunk *c, const char *agent)
{
    if (!agent || c->name_end > c->name_start || !norm_is_the(s, c->start)) return NULL;
    for (size_t i = 0; i < st->npeople; i++) {
        if (!st->people[i].agent || strcmp(st->people[i].agent, agent)) continue;
        /* Every word of the description is in the earlier phrase: "the treasury secretary"
         * is no "secretary of state". */
        int all = 1;
        for (uint32_t k = c->start + 1; k < c->end && all; k++) {
            const pl_token *t = &s->toks.v[k];
            char w[64];
            if (t->norm_len >= sizeof w) return NULL;
            memcpy(w, pl_token_norm(&s->toks, t), t->norm_len);
            w[t->norm_len] = 0;
            all = has_word(st->people_words[i], w, t->norm_len);
        }
        if (all) return &st->people[i];
    }
    return NULL;
}

static const pl_place_ref *remembered_place(pl_story_state *st, const pl_sentence *s,
                                            const pl_chunk *c)
{
    if (c->name_end <= c->name_start || c->name_start != c->start) return NULL;
    const char *key = name_key(st, s, c->start, c->end);
    uint32_t id = key ? pl_strmap_get(&st->places, key, strlen(key)) : 0;
    return id ? &st->place_refs[id - 1] : NULL;
}

static void compose_code(pl_story_state *st, pl_chunk *c)
{
    if (!c->country) c->code = NULL;
    else if (!c->agent && !c->prefix) c->code = c->country;
    else
        c->code = pl_arena_printf(&st->arena, "%.*s%s%s",
                                  c->prefix ? (int)strlen(c->prefix) - 1 : 0,
                                  c->prefix ? c->prefix : "", c->country,
                                  c->agent ? c->agent : "");
}

/* "former" before the role, inside the phrase or just before it ("former Gondor
 * prosecutors"). */
static int former_role(const pl_sentence *s, const pl_chunk *c)
{
    for (uint32_t i = c->start > s->first ? c->start - 1 : c->start; i < c->end; i++) {
        if (s->cls[i] == PL_C_AGENT) return 0;
        const pl_token *t = &s->toks.v[i];
        if (t->norm_len == 6 && !memcmp(pl_token_norm(&s->toks, t), "former", 6)) return 1;
    }
    return 0;
}

/* 1 when the three letters at g are one of code's three-letter groups ("WGO" is none of
 * GMWGOV's: GMW, GOV). */
static int has_group(const char *code, const char *g)
{
    for (size_t i = 0; code[i] && code[i + 1] && code[i + 2]; i += 3)
        if (!memcmp(code + i, g, 3)) return 1;
    return 0;
}

/* The three-letter groups of roles that code lacks, in the story arena ("" for none;
 * NULL when out of memory): TABARI's and PETRARCH's agents are not repeated ("White House
 * officials" stay USAGOV). */
static const char *missing_groups(pl_story_state *st, const char *code, const char *roles,
                                  size_t len)
{
    char out[64];
    size_t n = 0;
    for (size_t i = 0; i + 3 <= len && n + 3 < sizeof out; i += 3) {
        if (has_group(code, roles + i)) continue;
        memcpy(out + n, roles + i, 3);
        n += 3;
    }
    return pl_arena_strndup(&st->arena, out, n);
}

/* An entry's code with the roles its phrase adds: a prefix ("NGM~") before it, an agent
 * after it; the agent part grows with the latter. -1 when out of memory. */
static int add_roles(pl_story_state *st, pl_chunk *c, const char *prefix, const char *agent)
{
    const char *code = c->code;
    const char *before = prefix ? missing_groups(st, code, prefix, strlen(prefix) - 1) : "";
    const char *after = agent ? missing_groups(st, code, agent, strlen(agent)) : "";
    if (!before || !after) return -1;
    if (*after)
        c->agent = pl_arena_printf(&st->arena, "%s%s", c->agent ? c->agent : "", after);
    c->code = pl_arena_printf(&st->arena, "%s%s%s", before, code, after);
    return c->code && (!*after || c->agent) ? 0 : -1;
}

/* Roles add to a named entry's code when they follow it ("West German world government
 * activists") or are joined to it ("activists of Amnesty International"); a title right
 * before a name is what the entry's code already says ("interim President Juan Guaido").
 * An IGO's or a region's people keep its code. */
static int adds_roles(const pl_sentence *s, const chunk_parts *p)
{
    if (p->entry->kind == PL_ACTOR_IGO || !strcmp(p->entry->type, "region")) return 0;
    size_t k = p->role_end; /* "President Mohamed Morsy": a name's other words between */
    while (k < p->entry_start && s->cls[k] == PL_C_NAME) k++;
    return k != p->entry_start;
}

/* The role stands right next to the country (PARLEY_CODE_ADJACENT_ROLES): after it or
 * its possessive, "former" aside ("Gondor's former envoys"), or before it, "of", "in" or
 * "from" and an article aside ("the envoys of Gondor", "Prime Minister Telemar"). */
static int role_next_to_country(const pl_sentence *s, const chunk_parts *p)
{
    if (p->role_start >= p->country_end) {
        for (uint32_t k = p->country_end; k < p->role_start; k++) {
            const pl_token *t = &s->toks.v[k];
            int former = t->norm_len == 6 && !memcmp(pl_token_norm(&s->toks, t), "former", 6);
            if (s->cls[k] != PL_C_POSS && !former) return 0;
        }
        return 1;
    }
    for (uint32_t k = p->role_end; k < p->country_start; k++)
        if (s->cls[k] != PL_C_CONN && s->cls[k] != PL_C_DET && !locates_role(s, k)) return 0;
    return p->role_end <= p->country_start;
}

static void resolve_chunk(const parley_ctx *ctx, pl_story_state *st, const pl_sentence *s,
                          pl_chunk *c)
{
    chunk_parts p;
    read_parts(ctx, st, s, c, &p);
    c->has_actor = (uint8_t)p.has_actor;
    c->has_agent = p.agent || p.prefix;
    c->prefix = p.prefix;
    c->place = p.place;
    c->only_place = (uint8_t)p.only_place;
    c->only_country = (uint8_t)p.only_country;
    c->capital = (uint8_t)(p.only_place && p.capital);
    /* "former officials", "Gondor's former prosecutors": elites, whatever the role was. */
    if (p.agent && former_role(s, c)) p.agent = "ELI";
    /* A named actor with a code valid at the story's date wins outright; roles named
     * beside it add to its code ("West German world government": GMWGOV + WGO). */
    const char *code = p.entry ? pl_actor_code_at(p.entry, st->date) : NULL;
    if (code && !strcmp(code, "###")) {
        c->discards = 1;
        return;
    }
    if (code) {
        split_code(ctx, st, c, code);
        c->actor = p.entry->id;
        if ((p.agent || p.prefix) && adds_roles(s, &p) && !strchr(code, '/') &&
            add_roles(st, c, p.prefix, p.agent))
            c->code = NULL;
        return;
    }
    c->country = p.country ? p.country : p.place.country;
    /* "Ithilen's awful and evil minister": with TABARI's roles, Ithilen */
    if (st->adjacent_roles && p.country && p.agent && !role_next_to_country(s, &p))
        p.agent = NULL;
    c->agent = p.agent;
    if (!p.has_actor) {
        const pl_place_ref *known = remembered_place(st, s, c);
        if (known) {
            c->place = *known;
            c->place.name = known->name;
            c->country = known->country;
            c->only_place = 1;
        }
    }
    const pl_chunk *role = !c->country ? remembered_role(st, s, c, c->agent) : NULL;
    if (role) {
        c->country = role->country;
        c->actor = role->actor;
        c->inferred = 1;
    }
    if (!c->country || !c->agent) {
        const pl_chunk *seen = remembered_name(st, s, c);
        if (seen) {
            if (!c->country) c->country = seen->country;
            if (!c->agent) c->agent = seen->agent;
            c->actor = seen->actor;
            c->inferred = seen->inferred;
        }
    }
    /* "Beijing criticized Washington": capitals stand for their governments. */
    if (c->capital && !c->agent) c->agent = "GOV";
    if (c->only_country && !c->place.name) {
        size_t a = s->toks.v[c->start].start, b = s->toks.v[c->end - 1].end;
        c->place.name = pl_arena_strndup(&st->arena, s->text + a, b - a);
        c->place.country = c->country;
        c->place.is_country = 1;
    }
    compose_code(st, c);
}

/* ---- lists and appositions --------------------------------------------------------------- */

enum sep_kind { SEP_NONE, SEP_COMMA, SEP_LIST };

static enum sep_kind separator(const pl_sentence *s, const pl_chunk *a, const pl_chunk *b)
{
    if (b->start <= a->end || b->start - a->end > 5) return SEP_NONE;
    int commas = 0, ands = 0, words = 0;
    for (uint32_t i = a->end; i < b->start; i++) {
        uint8_t c = s->cls[i];
        /* After the separator, a determiner and adjectives may open the next member:
         * "Fornost and the evil awful Gondor". */
        if ((c == PL_C_DET || (c == PL_C_WORD && !pl_ends_in_ly(s, i))) && (commas || ands))
            words++;
        else if (words) return SEP_NONE;
        else if (c == PL_C_COMMA) commas++;
        else if (c == PL_C_AND || c == PL_C_INCLUDING) ands++;
        else return SEP_NONE;
    }
    if (commas + ands > 3) return SEP_NONE;
    if (commas == 1 && ands == 0) return SEP_COMMA;
    return commas <= 1 && ands >= 1 ? SEP_LIST : SEP_NONE;
}

static int unresolved_name(const pl_chunk *c)
{
    return !c->code && !c->has_agent && c->name_end > c->name_start;
}

static int remember_place(pl_story_state *st, const char *key, const pl_place_ref *place)
{
    size_t len = strlen(key);
    if (pl_strmap_get(&st->places, key, len)) return 0;
    uint32_t id = pl_strmap_intern(&st->places, key, len);
    if (!id || PL_GROW(st->place_refs, st->place_refs_cap, id)) return -1;
    st->place_refs[id - 1] = *place;
    return 0;
}

/* Merges b into a when b restates a: "Tokyo, Japan" (a place in a country) or
 * "Maria Ortiz, policy director of ..." (a name, then its title). */
static int apposition(pl_story_state *st, const pl_sentence *s, pl_chunk *a, const pl_chunk *b)
{
    pl_chunk merged = *b;
    merged.start = a->start;
    merged.name_start = a->name_start;
    merged.name_end = a->name_end;
    merged.after_prep = a->after_prep;
    merged.prev = a->prev;
    merged.next = -1;
    if ((a->only_place || unresolved_name(a)) && b->only_country) {
        merged.only_place = 1;
        merged.only_country = 0;
        if (a->only_place) {
            merged.place.name = a->place.name;
        } else {
            /* An unknown place placed by its country: remember it for later sentences. */
            size_t x = s->toks.v[a->start].start, y = s->toks.v[a->end - 1].end;
            merged.place.name = pl_arena_strndup(&st->arena, s->text + x, y - x);
            const char *key = name_key(st, s, a->start, a->end);
            if (!merged.place.name || !key || remember_place(st, key, &merged.place)) return -1;
        }
        *a = merged;
        return 1;
    }
    /* "Radagast, the Brown": a name no dictionary knows, restated by another */
    if (unresolved_name(a) && (b->has_agent || (unresolved_name(b) && norm_is_the(s, b->start)))) {
        *a = merged;
        return 1;
    }
    return 0;
}

/* "the ambassadors of Arnor": a role named before its country, joined by of, from or in. */
static int role_of_country(const pl_sentence *s, const pl_chunk *c)
{
    int role = 0;
    for (uint32_t k = c->start; k < c->end; k++) {
        if (s->cls[k] == PL_C_AGENT) role = 1;
        else if (role && (s->cls[k] == PL_C_CONN || locates_role(s, k))) return 1;
    }
    return 0;
}

/* A role shared along a list: "the ambassadors of Arnor, Osgiliath and Gondor" are three
 * governments' envoys; "Danish media and government" both Danish. */
static void share_roles(pl_story_state *st, pl_sentence *s)
{
    for (size_t k = 0; k < s->nchunks; k++) {
        const pl_chunk *head = &s->chunks[k];
        if (head->prev >= 0 || head->next < 0 || !head->agent || !head->country) continue;
        int distribute = role_of_country(s, head) && !st->adjacent_roles;
        int lend_country = !head->only_country && !distribute;
        for (int32_t m = head->next; m >= 0; m = s->chunks[m].next) {
            pl_chunk *c = &s->chunks[m];
            if (distribute && c->only_country && !c->agent) c->agent = head->agent;
            else if (lend_country && c->agent && !c->country && !c->actor) {
                c->country = head->country;
                c->inferred = 1;
            } else
                continue;
            compose_code(st, c);
        }
    }
}

#define SHARED_COUNTRIES 8

/* Roles listed before a role placed in a list of countries are each country's too:
 * "lawmakers and officials in Fornost and Gondor" are FORLEG, GONLEG, FORGOV and GONGOV.
 * The later countries take the placed role, and a role before it stands for one actor per
 * country (a compound code, "FORLEG/GONLEG"). */
static int roles_across_countries(pl_story_state *st, pl_sentence *s)
{
    for (size_t k = 0; k < s->nchunks; k++) {
        const pl_chunk *placed = &s->chunks[k];
        if (placed->prev < 0 || !placed->agent || !placed->country || placed->actor ||
            !role_of_country(s, placed))
            continue;
        const char *countries[SHARED_COUNTRIES] = {placed->country};
        size_t n = 1;
        for (int32_t m = placed->next; m >= 0 && n < SHARED_COUNTRIES; m = s->chunks[m].next) {
            pl_chunk *c = &s->chunks[m];
            if (!c->only_country || c->agent) break;
            c->agent = placed->agent;
            compose_code(st, c);
            countries[n++] = c->country;
        }
        for (int32_t m = placed->prev; m >= 0; m = s->chunks[m].prev) {
            pl_chunk *c = &s->chunks[m];
            if (!c->agent || c->country || c->actor || c->has_actor || c->prefix) break;
            const char *code = "";
            for (size_t i = 0; i < n && code; i++)
                code = pl_arena_printf(&st->arena, "%s%s%s%s", code, i ? "/" : "", countries[i],
                                       c->agent);
            if (!code) return -1;
            c->code = code;
            c->country = countries[0];
            c->inferred = 1;
        }
    }
    return 0;
}

/* A chunk its verb follows, across auxiliaries and adverbs: "Uganda condemned", "Uganda
 * has also said". */
static int opens_predicate(const pl_sentence *s, const pl_chunk *c)
{
    size_t i = c->end, end = s->first + s->n;
    while (i < end && (s->cls[i] == PL_C_AUX || s->cls[i] == PL_C_ADV)) i++;
    return i < end && (s->cls[i] == PL_C_VERB || s->cls[i] == PL_C_SAY);
}

/* A chunk followed by "'s": "Tanzania's neighbour". */
static int possessor(const pl_sentence *s, const pl_chunk *c)
{
    return c->end < s->first + s->n && s->cls[c->end] == PL_C_POSS;
}

/* Links chunks into lists and merges appositions; chunks stay in text order. */
static int build_lists(pl_story_state *st, pl_sentence *s)
{
    size_t out = 0;
    for (size_t k = 0; k < s->nchunks; k++) {
        if (out > 0) {
            pl_chunk *prev = &s->chunks[out - 1];
            enum sep_kind sep = separator(s, prev, &s->chunks[k]);
            /* "Uganda, Tanzania's neighbour": a possessor after a comma restates, it does
             * not list (unless possessors are listed: "Chad's, Mali's and ...") */
            if (sep == SEP_COMMA && possessor(s, &s->chunks[k]) && !possessor(s, prev))
                sep = SEP_NONE;
            /* "arrived in Kampala, Uganda condemned ...": a country its verb follows opens a
             * clause, it places nothing */
            const pl_chunk *next = &s->chunks[k];
            if (sep == SEP_COMMA && !(next->only_country && opens_predicate(s, next))) {
                int merged = apposition(st, s, prev, &s->chunks[k]);
                if (merged < 0) return -1;
                if (merged) continue;
            }
            /* "Chad, Mali and Niger, Kenya and Uganda": a list that "and" closed ends where
             * another list opens after a comma */
            if (sep == SEP_COMMA && prev->prev >= 0 && k + 1 < s->nchunks &&
                separator(s, &s->chunks[prev->prev], prev) == SEP_LIST &&
                separator(s, next, &s->chunks[k + 1]) == SEP_LIST)
                sep = SEP_NONE;
            if (sep != SEP_NONE) {
                prev->next = (int32_t)out;
                s->chunks[k].prev = (int32_t)(out - 1);
            }
        }
        if (out != k) s->chunks[out] = s->chunks[k];
        out++;
    }
    s->nchunks = out;
    return 0;
}

/* ---- the sentence ------------------------------------------------------------------------ */

static int reserve_per_token(pl_sentence *s)
{
    size_t need = s->toks.n;
    if (need <= s->per_token_cap) return 0;
    size_t cap = s->per_token_cap, c2 = cap, c3 = cap, c4 = cap, c5 = cap;
    if (PL_GROW(s->match_of, cap, need) || PL_GROW(s->cls, c2, need) ||
        PL_GROW(s->chunk_at, c3, need) || PL_GROW(s->chunk_ending, c4, need) ||
        PL_GROW(s->anchor, c5, need))
        return -1;
    s->per_token_cap = cap;
    return 0;
}

/* A role placed by "in" inside its phrase: "police in Moscow". */
static int role_located(const pl_sentence *s, const pl_chunk *c)
{
    for (uint32_t k = c->start; k < c->end; k++)
        if (locates_role(s, k) && !strcmp(pl_token_norm(&s->toks, &s->toks.v[k]), "in"))
            return 1;
    return 0;
}

static int place_preposition(const parley_ctx *ctx, const pl_sentence *s, const pl_chunk *c)
{
    uint32_t word = s->toks.v[c->prep].word;
    for (int i = 0; i < 4; i++)
        if (word && word == ctx->grammar.place_preps[i]) return 1;
    return 0;
}

/* "In Tokyo, ..." at the start of a sentence moves the story there; any "in X" or "near X"
 * with a place is this sentence's place. */
static void find_places(const parley_ctx *ctx, pl_story_state *st, pl_sentence *s)
{
    s->place.name = s->place.country = NULL;
    for (size_t k = 0; k < s->nchunks; k++) {
        const pl_chunk *c = &s->chunks[k];
        /* "police in Moscow" act in Moscow */
        if (!s->place.name && c->place.name && role_located(s, c)) s->place = c->place;
        if (!c->after_prep || !(c->only_place || c->only_country) || !c->place.name) continue;
        if (!place_preposition(ctx, s, c)) continue;
        if (!s->place.name) s->place = c->place;
        if (c->prep == s->first) st->context = c->place;
    }
}

/* A role with no country ("Prime Minister Yoshihide Suga", "rebels near Goma") belongs to
 * where the sentence, or else the story, takes place. */
static void place_roles(pl_story_state *st, pl_sentence *s)
{
    const char *country = s->place.country ? s->place.country : st->context.country;
    if (!country) return;
    for (size_t k = 0; k < s->nchunks; k++) {
        pl_chunk *c = &s->chunks[k];
        if (c->country || !c->agent) continue;
        c->country = country;
        c->inferred = 1;
        compose_code(st, c);
    }
}

/* A person or a role, not a country or a capital standing for its government. */
static int is_person(const pl_chunk *c)
{
    return c->has_agent || (c->actor && !c->only_place && !c->only_country);
}

static int is_antecedent(const pl_chunk *c, int person)
{
    return c->code && !c->after_prep && (!person || is_person(c));
}

/* The object of a verb ("urged Bree"), which a pronoun opening a clause rarely stands for. */
static int verb_object(const pl_sentence *s, const pl_chunk *c)
{
    return c->start > s->first && s->cls[c->start - 1] == PL_C_VERB;
}

/* Where the clause of token i starts: after the last comma, reporting or subordinating
 * word before it, or "and" that joins no two phrases ("Elrond and Gondor urged"). */
static size_t clause_start(const pl_sentence *s, size_t i)
{
    while (i > s->first) {
        uint8_t c = s->cls[i - 1];
        if (c == PL_C_COMMA || c == PL_C_SAY || c == PL_C_STOP) break;
        if (c == PL_C_AND &&
            !(i - 1 > s->first && s->chunk_ending[i - 2] >= 0 && s->chunk_at[i] >= 0))
            break;
        i--;
    }
    return i;
}

/* A pronoun at i that a verb follows, across auxiliaries and adverbs: a subject. */
static int subject_position(const pl_sentence *s, size_t i)
{
    if (i + 1 >= s->first + s->n) return 0;
    uint8_t c = s->cls[i + 1];
    return c == PL_C_VERB || c == PL_C_AUX || c == PL_C_ADV || c == PL_C_NEG ||
           c == PL_C_SAY || c == PL_C_WORD;
}

enum role { ROLE_SUBJECT, ROLE_OBJECT, ROLE_ANY }; /* of a verb, for antecedents */

/* The nearest chunk before chunk k that may stand for it, ending before token `before`: a
 * person or role when `person`, the object of a verb or not as `role` says. */
static const pl_chunk *antecedent(const pl_sentence *s, size_t k, size_t before, int person,
                                  enum role role)
{
    for (size_t j = k; j-- > 0;) {
        const pl_chunk *a = &s->chunks[j];
        if (a->end > before || !is_antecedent(a, person)) continue;
        if (role == ROLE_ANY || (role == ROLE_OBJECT) == verb_object(s, a)) return a;
    }
    return NULL;
}

/* A pronoun stands for the nearest actor before it in the sentence that is no
 * prepositional object; as a subject a subject before an object ("Kenya urged Chad to act
 * and then it asked ..."), as the object of a verb an object before a subject ("Kenya
 * condemned Chad and Mali praised it"), never the subject of its own clause then ("Chad
 * asked him");
 * else for the first actor of the last sentence that had one ("He also asked Gondor").
 * "he", "she" and "him" stand for people and roles, or, when the story names none, for
 * the actor that opens the sentence (a dictionary may list a person as a bare code). */
static void resolve_pronoun(pl_story_state *st, pl_sentence *s, size_t k)
{
    pl_chunk *c = &s->chunks[k];
    const pl_token *t = &s->toks.v[c->start];
    const char *w = pl_token_norm(&s->toks, t);
    int person = !strcmp(w, "he") || !strcmp(w, "she") || !strcmp(w, "him");
    int object =
        !strcmp(w, "him") || !strcmp(w, "them") || (!strcmp(w, "it") && verb_object(s, c));
    size_t before = object ? clause_start(s, c->start) : c->start;
    enum role first = object                             ? ROLE_OBJECT
                      : subject_position(s, c->start) ? ROLE_SUBJECT
                                                       : ROLE_ANY;
    const pl_chunk *ante = antecedent(s, k, before, person, first);
    if (!ante) ante = antecedent(s, k, before, person, ROLE_ANY);
    const pl_chunk *last = person ? &st->last_person : &st->last_actor;
    if (st->forward_actor) last = &st->last_named;
    if (!ante && last->code) ante = last;
    const pl_chunk *opening = &s->chunks[0];
    if (!ante && person && k > 0 && opening->start == s->first && opening->end <= before &&
        is_antecedent(opening, 0))
        ante = opening;
    if (!ante) return;
    if (ante == &st->last_named) {
        /* TABARI forwards the actor, not its agent ("He" after "the Chilean president": CHL). */
        c->code = ante->country ? ante->country : ante->code;
        c->country = ante->country;
        c->has_actor = c->inferred = 1;
        return;
    }
    /* "Kenya and Chad said they ...": a plural pronoun stands for the whole list. */
    if (ante != last && (!strcmp(w, "they") || !strcmp(w, "them")))
        c->stands_for = ante->start + 1;
    c->code = ante->code;
    c->country = ante->country;
    c->agent = ante->agent;
    c->prefix = ante->prefix;
    c->actor = ante->actor;
    c->has_actor = 1;
    c->has_agent = ante->has_agent;
    c->inferred = 1;
}

/* Chunk k closes a list ("Chad, Mali and Niger"): a word after it may stand for them all. */
static int ends_list(const pl_sentence *s, const pl_chunk *c)
{
    if (c == s->chunks) return 0;
    for (uint32_t i = c[-1].end; i < c->start; i++)
        if (s->cls[i] != PL_C_AND && s->cls[i] != PL_C_COMMA && s->cls[i] != PL_C_DET) return 0;
    return 1;
}

/* A role owned by "its", "their", "his" or "her" belongs where what the word stands for
 * does: "Kenya said its troops attacked ...", "President Ruto said his government ...".
 * Not a counterpart, who is someone else's, nor the role of each member of a list. */
static void resolve_owner(pl_story_state *st, pl_sentence *s, size_t k)
{
    static const char *const owners[] = {"its", "their", "his", "her"};
    static const char *const others[] = {"counterpart", "counterparts"};
    pl_chunk *c = &s->chunks[k];
    if (c->country || !c->agent || c->actor) return;
    size_t i = 0;
    while (i < 4 && !norm_in(s, c->start, &owners[i], 1)) i++;
    if (i == 4) return;
    for (uint32_t t = c->start; t < c->end; t++)
        if (norm_in(s, t, others, 2)) return;
    int person = i >= 2;
    const pl_chunk *ante = antecedent(s, k, c->start, person, ROLE_SUBJECT);
    if (!ante) ante = antecedent(s, k, c->start, person, ROLE_ANY);
    const pl_chunk *last = person ? &st->last_person : &st->last_actor;
    if (!ante && last->code) ante = last;
    if (!ante || !ante->country || (ante != last && ends_list(s, ante))) return;
    c->country = ante->country;
    c->inferred = 1;
    compose_code(st, c);
}

/* chunk_at and chunk_ending for the chunks as they stand. */
static void index_chunks(pl_sentence *s)
{
    size_t end = s->first + s->n;
    for (size_t i = s->first; i < end; i++) s->chunk_at[i] = s->chunk_ending[i] = -1;
    for (size_t k = 0; k < s->nchunks; k++) {
        s->chunk_at[s->chunks[k].start] = (int32_t)k;
        s->chunk_ending[s->chunks[k].end - 1] = (int32_t)k;
    }
}

int pl_analyse_sentence(const parley_ctx *ctx, pl_story_state *st, pl_sentence *s)
{
    if (reserve_per_token(s)) return -1;
    s->matches.n = 0;
    if (pl_lex_match(&ctx->dict, &s->toks, s->first, s->n, &s->matches)) return -1;
    s->adjectives = &ctx->dict.adjectives;
    s->adjacent_roles = st->adjacent_roles;
    classify(ctx, st, s);
    if (find_chunks(s)) return -1;
    index_chunks(s); /* pronouns read it; lists merge chunks, so it is made again after */
    for (size_t k = 0; k < s->nchunks; k++) {
        if (s->chunks[k].pronoun) {
            resolve_pronoun(st, s, k);
        } else {
            resolve_chunk(ctx, st, s, &s->chunks[k]);
            resolve_owner(st, s, k);
        }
    }
    if (build_lists(st, s)) return -1;
    share_roles(st, s);
    if (roles_across_countries(st, s)) return -1;
    find_places(ctx, st, s);
    place_roles(st, s);
    index_chunks(s);
    return 0;
}

static int remember_name(pl_story_state *st, const char *key, const pl_chunk *c)
{
    size_t len = strlen(key);
    uint32_t id = pl_strmap_intern(&st->names, key, len);
    if (!id || PL_GROW(st->name_refs, st->name_refs_cap, id)) return -1;
    st->name_refs[id - 1] = *c;
    return 0;
}

/* Newest first; a person already listed moves to the front. */
static int remember_person(pl_story_state *st, const pl_sentence *s, const pl_chunk *c)
{
    const char *words = name_key(st, s, c->start, c->end);
    if (!words) return -1;
    size_t i = 0;
    while (i < st->npeople && !(st->people[i].code && c->code &&
                                !strcmp(st->people[i].code, c->code) &&
                                st->people[i].actor == c->actor))
        i++;
    if (i == st->npeople && st->npeople < PL_RECENT_PEOPLE) st->npeople++;
    if (i == PL_RECENT_PEOPLE) i--;
    memmove(&st->people[1], &st->people[0], i * sizeof *st->people);
    memmove(&st->people_words[1], &st->people_words[0], i * sizeof *st->people_words);
    st->people[0] = *c;
    st->people_words[0] = words;
    return 0;
}

int pl_remember_sentence(const parley_ctx *ctx, pl_story_state *st, const pl_sentence *s)
{
    (void)ctx;
    int actor_seen = 0, person_seen = 0, named_seen = 0;
    for (size_t k = 0; k < s->nchunks; k++) {
        const pl_chunk *c = &s->chunks[k];
        if (!named_seen && c->code && !c->pronoun) st->last_named = *c, named_seen = 1;
        if (!actor_seen && is_antecedent(c, 0)) st->last_actor = *c, actor_seen = 1;
        if (!person_seen && is_antecedent(c, 1)) st->last_person = *c, person_seen = 1;
        if (c->agent && c->country && !c->pronoun && is_person(c) &&
            remember_person(st, s, c))
            return -1;
    }
    for (size_t k = 0; k < s->nchunks; k++) {
        const pl_chunk *c = &s->chunks[k];
        if (!c->code || !c->country || c->pronoun) continue;
        size_t a = c->name_start, b = c->name_end;
        if (b <= a) {
            /* A named entry ("John Kerry") is remembered by its last word too. */
            if (!c->actor) continue;
            a = c->end - 1;
            b = c->end;
        }
        const char *full = name_key(st, s, a, b);
        const pl_token *last = &s->toks.v[b - 1];
        const char *surname = pl_arena_strndup(&st->arena, pl_token_norm(&s->toks, last),
                                               last->norm_len);
        if (!full || !surname || remember_name(st, full, c) || remember_name(st, surname, c))
            return -1;
    }
    return 0;
}

/* ---- a story's analysis ------------------------------------------------------------------ */

void pl_analysis_init(pl_analysis *a, const char *text, int32_t date)
{
    memset(a, 0, sizeof *a);
    pl_arena_init(&a->st.arena, 32 * 1024);
    pl_strmap_init(&a->st.names);
    pl_strmap_init(&a->st.places);
    a->st.date = date;
    a->s.text = text;
}

int pl_analysis_tokens(const parley_ctx *ctx, pl_analysis *a, pl_span span)
{
    pl_sentence *s = &a->s;
    pl_tokens_clear(&s->toks);
    if (pl_tokenize(&s->toks, s->text, span)) return -1;
    s->first = 0;
    s->n = s->toks.n;
    s->nchunks = 0;
    s->matches.n = 0;
    pl_lex_assign_ids(&ctx->dict, &s->toks, 0, s->n);
    return 0;
}

int pl_analysis_sentence(const parley_ctx *ctx, pl_analysis *a, pl_span span)
{
    if (pl_analysis_tokens(ctx, a, span)) return -1;
    return a->s.n ? pl_analyse_sentence(ctx, &a->st, &a->s) : 0;
}

void pl_analysis_free(pl_analysis *a)
{
    pl_sentence *s = &a->s;
    pl_tokens_free(&s->toks);
    free(s->matches.v);
    free(s->match_of);
    free(s->cls);
    free(s->chunks);
    free(s->chunk_at);
    free(s->chunk_ending);
    free(s->anchor);
    pl_strmap_free(&a->st.names);
    pl_strmap_free(&a->st.places);
    free(a->st.name_refs);
    free(a->st.place_refs);
    pl_arena_free(&a->st.arena);
}
