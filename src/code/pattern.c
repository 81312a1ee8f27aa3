/* pattern.c: fits verb patterns to a sentence's analysis. A pattern is anchored at one word;
 * its `after` items are matched rightwards from the anchor, its `before` items leftwards.
 * Actor slots are filled by chunks; a source slot right before the anchor is the subject,
 * found across adverbs, auxiliaries and negation. Patterns with gaps (TABARI, PETRARCH) let
 * up to PL_GAP_MAX other words stand between items. */
#include "code/code.h"

#include <string.h>

/* Backtracking is bounded: a pathological sentence cannot make one pattern cost more. */
#define MATCH_BUDGET 4000

typedef struct matcher {
    const pl_sentence *s;
    const pl_verb_pattern *p;
    pl_pattern_match *m;
    int budget;
    size_t reach;            /* items after the anchor end before it: with a parse, the end
                                of the verb's phrase */
    int sourceless;          /* a pattern fits without a subject: the coder finds one */
    size_t nearest;          /* where the word item next to the anchor on its left matched;
                                the anchor when none did */
} matcher;

static int word_matches(const pl_sentence *s, size_t pos, const pl_pat_item *it)
{
    const pl_token *t = &s->toks.v[pos];
    if (it->kind == PL_IT_ANY) {
        for (uint16_t i = 0; i < it->nalts; i++)
            if (word_matches(s, pos, &it->alts[i])) return 1;
        return 0;
    }
    if (it->flags & PL_IF_STEM) {
        size_t n = strlen(it->stem);
        return t->norm_len >= n && !memcmp(pl_token_norm(&s->toks, t), it->stem, n);
    }
    return t->word == it->id || (!(it->flags & PL_IF_EXACT) && t->lemma == it->id);
}

/* ---- subjects ------------------------------------------------------------------------------ */

static int norm_is(const pl_sentence *s, size_t i, const char *w)
{
    const pl_token *t = &s->toks.v[i];
    return t->norm_len == strlen(w) && !memcmp(pl_token_norm(&s->toks, t), w, t->norm_len);
}

static int32_t subject_left_of(const pl_sentence *s, size_t v, int *negated, int depth);
static int32_t clause_subject(const pl_sentence *s, size_t v, int *negated);
static size_t relative_opening(const pl_sentence *s, size_t j);
static size_t aside_opening(const pl_sentence *s, size_t j);

/* The subject of the nearest verb before a conjunction at j, within the clause, found as
 * that verb's own: "Kenya on Monday condemned the attack and accused Uganda". "and" shares
 * a negation too ("did not condemn X and accuse Y": none), "but" does not ("did not
 * condemn X but praised Y"). */
static int32_t shared_subject(const pl_sentence *s, size_t j, int depth)
{
    int shares_negation = s->cls[j] == PL_C_AND;
    int negated = 0;
    for (size_t k = j; k-- > s->first;) {
        uint8_t c = s->cls[k];
        if (c == PL_C_SAY || c == PL_C_OTHER) return -1;
        /* "condemned the attack, which killed 12, and accused ...", "condemned Uganda, the
         * ministry said, and urged ...": past the relative clause or the aside */
        if (c == PL_C_COMMA && relative_opening(s, k) != k) {
            k = relative_opening(s, k);
            continue;
        }
        if (c == PL_C_COMMA && aside_opening(s, k) != k) {
            k = aside_opening(s, k);
            continue;
        }
        /* "an attack" is a noun: the verb is further left. */
        if (c == PL_C_VERB && !(k > s->first && s->cls[k - 1] == PL_C_DET)) {
            int32_t subject = subject_left_of(s, k, &negated, depth + 1);
            if (subject < 0 && !negated) subject = clause_subject(s, k, &negated);
            return negated && shares_negation ? -1 : subject;
        }
    }
    return -1;
}

/* The chunk acting as subject of the word at v: the nearest one to its left across
 * adverbs, auxiliaries, negation and one comma; for the second verb of "X condemned Y and
 * accused Z", the subject of the first. -1 if none; *negated set by "not". */
/* The comma that opens a relative clause closed by the comma at j ("Kenya, which hosted the
 * talks, condemned"), or j when there is none. */
static size_t relative_opening(const pl_sentence *s, size_t j)
{
    static const char *const rel[] = {"which", "who", "whose", "whom"};
    for (size_t k = j; k-- > s->first + 1;) {
        if (s->cls[k] != PL_C_COMMA) continue;
        const pl_token *t = &s->toks.v[k + 1];
        const char *w = pl_token_norm(&s->toks, t);
        for (size_t r = 0; r < sizeof rel / sizeof *rel; r++)
            if (t->norm_len == strlen(rel[r]) && !memcmp(w, rel[r], t->norm_len)) return k;
        break; /* another comma: a list or an apposition, not this */
    }
    return j;
}

/* A chunk after "after", "before", "since" or "until" that is the subject of the verb
 * next to it: the word opens a clause ("after Uganda attacked Kenyan troops"). Not a
 * pronoun: what it stands for in such a clause is too often a prepositional object ("imposed
 * sanctions on Russia after it annexed ..."). */
static int opens_clause(const pl_sentence *s, const pl_chunk *c)
{
    static const char *const subordinators[] = {"after", "before", "since", "until"};
    if (!c->after_prep || c->pronoun || c->prep + 1 != c->start) return 0;
    for (size_t i = 0; i < sizeof subordinators / sizeof *subordinators; i++)
        if (norm_is(s, c->prep, subordinators[i])) return 1;
    return 0;
}

/* A lower-case word ending in -ing: "backing", "citing". */
static int present_participle(const pl_sentence *s, size_t i)
{
    const pl_token *t = &s->toks.v[i];
    uint8_t c = s->cls[i];
    return (c == PL_C_WORD || c == PL_C_VERB) && t->norm_len >= 5 &&
           !memcmp(pl_token_norm(&s->toks, t) + t->norm_len - 3, "ing", 3);
}

/* A participle that can open an aside: "backing", "backed", "seen by". */
static int participle(const pl_sentence *s, size_t i)
{
    const pl_token *t = &s->toks.v[i];
    if (present_participle(s, i)) return 1;
    if (i + 1 < s->first + s->n && norm_is(s, i + 1, "by")) return 1;
    return t->norm_len >= 4 && !memcmp(pl_token_norm(&s->toks, t) + t->norm_len - 2, "ed", 2);
}

/* "Rebels backing the government attacked ...": the actor phrase (list) ending with chunk
 * k is the object of a present participle; the subject is the phrase before that
 * participle. k when it is no such object. */
static int32_t participle_subject(const pl_sentence *s, int32_t k)
{
    int32_t first = k;
    while (s->chunks[first].prev >= 0) first = s->chunks[first].prev;
    size_t at = s->chunks[first].start;
    if (at < s->first + 2 || !present_participle(s, at - 1)) return k;
    size_t before = at - 2;
    /* "Kenyan troops, backing the army, attacked": past the comma of an aside */
    if (s->cls[before] == PL_C_COMMA && before > s->first) before--;
    int32_t head = s->chunk_ending[before];
    return head >= 0 && !s->chunks[head].after_prep ? head : k;
}

/* Chunk k is the object of a preposition, or joined by "and" (with no comma) to one that
 * is: "Mordor with Fornost and Gondor welcomed" has Mordor act, not Gondor; "In Paris,
 * France and Germany signed" has France and Germany; not after a word that opens a clause
 * ("after Russia and China vetoed"); "the leaders of Japan and China met": "of" makes the
 * list part of the subject. */
static int in_prep_phrase(const pl_sentence *s, int32_t k)
{
    for (int32_t first = k;; k = s->chunks[k].prev) {
        const pl_chunk *c = &s->chunks[k];
        if (c->after_prep)
            return k == first || (s->cls[c->prep] == PL_C_PREP && !opens_clause(s, c));
        if (c->prev < 0) return 0;
        for (size_t i = s->chunks[c->prev].end; i < c->start; i++)
            if (s->cls[i] == PL_C_COMMA) return 0;
    }
}

static int32_t subject_left_of(const pl_sentence *s, size_t v, int *negated, int depth)
{
    /* "Kenya expelled the envoy, accusing Uganda of ...": a participle after a clause and
     * its comma shares that clause's subject */
    if (depth == 0 && v > s->first + 1 && s->cls[v - 1] == PL_C_COMMA &&
        present_participle(s, v)) {
        int32_t shared = shared_subject(s, v - 1, depth);
        if (shared >= 0) return shared;
    }
    int commas = 0;
    for (size_t j = v; j-- > s->first;) {
        int32_t k = s->chunk_ending[j];
        if (k >= 0) {
            if (s->chunks[k].after_prep) return opens_clause(s, &s->chunks[k]) ? k : -1;
            return in_prep_phrase(s, k) ? -1 : participle_subject(s, k);
        }
        uint8_t c = s->cls[j];
        if (c == PL_C_COMMA && relative_opening(s, j) != j) {
            j = relative_opening(s, j); /* pass over the relative clause */
            continue;
        }
        /* "the president, who met ...": the relative pronoun stands for the phrase before */
        if (j > s->first + 1 && s->cls[j - 1] == PL_C_COMMA && relative_opening(s, j) == j - 1) {
            int32_t before = s->chunk_ending[j - 2];
            return before >= 0 && !s->chunks[before].after_prep ? before : -1;
        }
        /* "the troops that attacked ...": so does a relative "that" right after it */
        if (j > s->first && norm_is(s, j, "that") && s->chunk_ending[j - 1] >= 0) {
            int32_t before = s->chunk_ending[j - 1];
            return !s->chunks[before].after_prep ? before : -1;
        }
        if (c == PL_C_NEG) *negated = 1;
        else if (c == PL_C_COMMA && !commas) commas++;
        else if ((c == PL_C_AND || norm_is(s, j, "but")) && depth == 0)
            return shared_subject(s, j, depth);
        else if (c != PL_C_ADV && c != PL_C_AUX && !(c == PL_C_WORD && pl_ends_in_ly(s, j)))
            return -1;
    }
    return -1;
}

/* A word of saying ("said", "told", "stated"), whether or not a dictionary makes it a verb
 * with patterns of its own. */
static int said_word(const pl_sentence *s, size_t j)
{
    static const char *const said[] = {"said", "told", "stated"};
    for (size_t k = 0; k < sizeof said / sizeof *said; k++)
        if (norm_is(s, j, said[k])) return 1;
    return 0;
}

/* "is said to", "was told to": a passive verb of saying before "to" leaves the subject to
 * the verb after it ("Arnor is said to be about to restore ties"). */
static int reported_to(const pl_sentence *s, size_t j)
{
    static const char *const be[] = {"is", "are", "was", "were", "been", "being", "be"};
    if (j == s->first || j + 1 >= s->first + s->n || !norm_is(s, j + 1, "to")) return 0;
    int after_be = 0;
    for (size_t k = 0; k < sizeof be / sizeof *be; k++) after_be |= norm_is(s, j - 1, be[k]);
    return after_be && said_word(s, j);
}

#define PARENTHETICAL_MAX 12 /* words between the commas of an aside */

/* The comma that opens an aside closed by the comma at j and set off right after an actor
 * phrase ("Kenya, wary as ever of its neighbours, condemned"; "Uganda, Kenya said,
 * attacked"; "the minister, speaking in Nairobi, condemned"; "troops, backed by Kenya,
 * attacked"), or j when there is none: an
 * aside holds no verb but a participle that opens it, and one ending in an actor phrase of
 * its own is none ("Others, including Chad, Mali and Niger, need to ...": Niger is nearer). */
static size_t aside_opening(const pl_sentence *s, size_t j)
{
    int32_t last = j > s->first ? s->chunk_ending[j - 1] : -1;
    if (last >= 0 && !s->chunks[last].after_prep) return j;
    size_t verb = j;
    for (size_t k = j; k-- > s->first + 1 && j - k <= PARENTHETICAL_MAX;) {
        uint8_t c = s->cls[k];
        if (c == PL_C_VERB && verb != j) break;
        if (c == PL_C_VERB) verb = k;
        if (c != PL_C_COMMA) continue;
        if (verb != j && (verb != k + 1 || !participle(s, verb))) break;
        int32_t before = s->chunk_ending[k - 1];
        return before >= 0 && !s->chunks[before].after_prep ? k : j;
    }
    return j;
}

/* TABARI's source, when no subject stands next to the verb: the nearest actor phrase to
 * its left in the same clause, passing over prepositional phrases, times, commas, asides
 * and words such as "is about to" ("Arnor on Thursday signed", "Arnor is about to
 * restore"). A reporting verb, a verb of the dictionaries or a subordinating word ends the
 * clause, unless it is passive before "to". */
static int32_t clause_subject(const pl_sentence *s, size_t v, int *negated)
{
    for (size_t j = v; j-- > s->first;) {
        if (s->cls[j] == PL_C_COMMA && aside_opening(s, j) != j) {
            j = aside_opening(s, j);
            continue;
        }
        int32_t k = s->chunk_ending[j];
        if (k >= 0) {
            if (in_prep_phrase(s, k)) {
                j = s->chunks[k].start;
                continue;
            }
            int32_t head = participle_subject(s, k);
            if (head != k) return head;
            /* A list right after a content word is that word's object: "expect China and
             * India to sign". */
            int32_t f = k;
            while (s->chunks[f].prev >= 0) f = s->chunks[f].prev;
            size_t at = s->chunks[f].start;
            uint8_t before = at > s->first ? s->cls[at - 1] : PL_C_OTHER;
            int object = (before == PL_C_WORD && !pl_ends_in_ly(s, at - 1)) || before == PL_C_VERB;
            return object ? -1 : k;
        }
        uint8_t c = s->cls[j];
        if ((c == PL_C_SAY || c == PL_C_VERB) && reported_to(s, j)) continue;
        if (c == PL_C_SAY || c == PL_C_STOP || c == PL_C_VERB || c == PL_C_PRON) return -1;
        if (c == PL_C_NEG) *negated = 1;
    }
    return -1;
}

static int32_t subject_of(const pl_sentence *s, size_t v, int *negated)
{
    int32_t k = subject_left_of(s, v, negated, 0);
    if (k < 0 && !*negated) k = clause_subject(s, v, negated);
    return k;
}

int32_t pl_find_subject(const pl_sentence *s, size_t v, int *negated)
{
    *negated = 0;
    return subject_of(s, v, negated);
}

/* With a parse, its subject of the verb at v (none when it says the word is no verb or
 * heads a complement clause), else what the words say. */
static int32_t subject_at(const pl_sentence *s, size_t v, int *negated)
{
    int32_t k = subject_of(s, v, negated);
    if (s->parse_subject && s->parse_subject[v] >= 0) k = s->parse_subject[v];
    if (s->parse_subject && s->parse_subject[v] == PL_PARSE_NO_SUBJECT) k = -1;
    return k;
}

/* ---- items after the anchor ------------------------------------------------------------------ */

static int fill_slot(pl_pattern_match *m, uint8_t kind, int32_t chunk)
{
    int32_t *slot = kind == PL_IT_SOURCE ? &m->source : &m->target;
    *slot = chunk;
    return 1;
}

static int after_from(matcher *mt, uint16_t k, size_t pos);

static int in_phrase(uint8_t c)
{
    return c == PL_C_DET || c == PL_C_WORD || c == PL_C_NAME || c == PL_C_QUANT ||
           c == PL_C_POSS || c == PL_C_HYPHEN;
}

/* Past the noun phrase at pos (TABARI's `^`): an actor phrase whole, else a run of
 * determiners, words and names ("their populations") up to an actor phrase, which ends it,
 * and with an "of" phrase after it ("the leaders of Gondor"); pos when there is none. */
static size_t phrase_end(const pl_sentence *s, size_t pos)
{
    size_t end = s->first + s->n;
    size_t i = pos;
    for (; i < end && i < pos + PL_SKIP_MAX; i++) {
        if (s->chunk_at[i] >= 0) return s->chunks[s->chunk_at[i]].end;
        if (!in_phrase(s->cls[i])) break;
    }
    if (i > pos && i + 1 < end && norm_is(s, i, "of")) {
        size_t past = phrase_end(s, i + 1);
        if (past > i + 1) return past;
    }
    return i;
}

/* Item k placed exactly at pos. */
static int after_at(matcher *mt, uint16_t k, size_t pos)
{
    const pl_sentence *s = mt->s;
    const pl_pat_item *it = &mt->p->after[k];
    if (--mt->budget < 0 || pos >= mt->reach) return 0;
    if (it->kind == PL_IT_SOURCE || it->kind == PL_IT_TARGET) {
        int32_t c = s->chunk_at[pos];
        if (c < 0) return 0;
        int32_t saved = it->kind == PL_IT_SOURCE ? mt->m->source : mt->m->target;
        fill_slot(mt->m, it->kind, c);
        if (after_from(mt, (uint16_t)(k + 1), s->chunks[c].end)) return 1;
        fill_slot(mt->m, it->kind, saved);
        return 0;
    }
    return word_matches(s, pos, it) && after_from(mt, (uint16_t)(k + 1), pos + 1);
}

/* Items k.. starting at or (with gaps) a little after pos. */
static int after_from(matcher *mt, uint16_t k, size_t pos)
{
    const pl_sentence *s = mt->s;
    size_t end = s->first + s->n;
    if (k == mt->p->nafter) {
        mt->m->end = pos;
        return 1;
    }
    const pl_pat_item *it = &mt->p->after[k];
    if (it->kind == PL_IT_SKIP && !(it->flags & PL_IF_PHRASE)) {
        for (size_t skip = 0; skip <= PL_SKIP_MAX && pos + skip <= end; skip++)
            if (after_from(mt, (uint16_t)(k + 1), pos + skip)) return 1;
        return 0;
    }
    size_t gap = mt->p->gaps && !(it->flags & PL_IF_ADJACENT) ? PL_GAP_MAX : 0;
    for (size_t g = 0; g <= gap && pos + g < end; g++) {
        /* A gap never crosses a verb of its own or a reporting verb. */
        if (g > 0 && (s->cls[pos + g - 1] == PL_C_VERB || s->cls[pos + g - 1] == PL_C_SAY))
            break;
        if (it->kind == PL_IT_SKIP) {
            /* `^` skips the next noun phrase, like any item a few words on ("AT ^ ^ +":
             * "at Osgiliath with the leaders of Gondor in Eriador") */
            size_t past = phrase_end(s, pos + g);
            if (past > pos + g && after_from(mt, (uint16_t)(k + 1), past)) return 1;
        } else if (after_at(mt, k, pos + g)) {
            return 1;
        }
    }
    return 0;
}

/* ---- items before the anchor ----------------------------------------------------------------- */

static int before_from(matcher *mt, uint16_t k, size_t pos);

/* A slot before the anchor: next to it, the subject; further left, the chunk ending there. */
static int before_slot(matcher *mt, uint16_t k, size_t pos)
{
    const pl_sentence *s = mt->s;
    const pl_pat_item *it = &mt->p->before[k];
    int32_t c;
    if (k == 0) {
        c = subject_at(s, pos, &mt->m->negated);
    } else {
        size_t gap = mt->p->gaps ? PL_GAP_MAX : 0;
        c = -1;
        for (size_t g = 0; g <= gap && pos > s->first + g && c < 0; g++)
            c = s->chunk_ending[pos - 1 - g];
    }
    if (c < 0) return 0;
    fill_slot(mt->m, it->kind, c);
    return before_from(mt, (uint16_t)(k + 1), s->chunks[c].start);
}

/* Where the noun phrase ending at pos starts (TABARI's `^` before the anchor): an actor
 * phrase whole, else a run of determiners, words and names; pos when there is none. */
static size_t phrase_start(const pl_sentence *s, size_t pos)
{
    if (pos > s->first && s->chunk_ending[pos - 1] >= 0)
        return s->chunks[s->chunk_ending[pos - 1]].start;
    size_t i = pos;
    while (i > s->first && pos - i < PL_SKIP_MAX && in_phrase(s->cls[i - 1])) i--;
    return i;
}

/* Items k.. leftwards from the token before pos. */
static int before_from(matcher *mt, uint16_t k, size_t pos)
{
    const pl_sentence *s = mt->s;
    if (k == mt->p->nbefore) {
        mt->m->start = pos;
        return 1;
    }
    const pl_pat_item *it = &mt->p->before[k];
    if (--mt->budget < 0) return 0;
    if (it->kind == PL_IT_SOURCE || it->kind == PL_IT_TARGET) return before_slot(mt, k, pos);
    if (it->kind == PL_IT_SKIP && (it->flags & PL_IF_PHRASE)) {
        /* a noun phrase a few words on, like any item ("HOSTING ^ *": "hosting Osgiliath
         * to celebrate") */
        size_t gap = mt->p->gaps ? PL_GAP_MAX : 0;
        for (size_t g = 0; g <= gap && pos > s->first + g; g++) {
            size_t past = phrase_start(s, pos - g);
            if (past < pos - g && before_from(mt, (uint16_t)(k + 1), past)) return 1;
        }
        return 0;
    }
    size_t gap = mt->p->gaps && !(it->flags & PL_IF_ADJACENT) ? PL_GAP_MAX : 0;
    if (it->kind == PL_IT_SKIP) gap = PL_SKIP_MAX;
    for (size_t g = 0; g <= gap && pos > s->first + g; g++) {
        size_t at = pos - 1 - g;
        if (it->kind == PL_IT_SKIP) {
            if (before_from(mt, (uint16_t)(k + 1), pos - g)) return 1;
            continue;
        }
        if (word_matches(s, at, it) && before_from(mt, (uint16_t)(k + 1), at)) {
            if (k == 0) mt->nearest = at;
            return 1;
        }
    }
    return 0;
}

/* ---- whole patterns ---------------------------------------------------------------------------- */

static int has_slot(const pl_pat_item *items, uint16_t n, uint8_t kind)
{
    for (uint16_t i = 0; i < n; i++)
        if (items[i].kind == kind) return 1;
    return 0;
}

/* The first actor phrase after the pattern, within its clause (TABARI's default target):
 * a reporting verb, another verb of the dictionaries or, without a parse, a subordinating
 * word ends it; with a parse the end of the verb's phrase (`end`) does. */
static int32_t next_chunk(const pl_sentence *s, size_t pos, size_t end)
{
    size_t stop = s->first + s->n;
    for (size_t i = pos; i < end; i++) {
        int32_t k = s->chunk_at[i];
        /* A known name that codes nothing (on this date) is passed over: "ties with
         * Boromir in Gondor" */
        if (k >= 0 && !s->chunks[k].code && s->chunks[k].has_actor && !s->chunks[k].agent) {
            i = s->chunks[k].end - 1;
            continue;
        }
        /* "..., a senior official said": the speaker is no target */
        if (k >= 0) return s->chunks[k].end < stop && s->cls[s->chunks[k].end] == PL_C_SAY ? -1 : k;
        uint8_t c = s->cls[i];
        if (c == PL_C_SAY || (c == PL_C_STOP && !s->parse_reach) || c == PL_C_PRON) break;
        /* A verb after "and", a comma or an auxiliary starts the next predicate; elsewhere
         * the word is a noun ("promised aid to"). */
        uint8_t before = i > pos ? s->cls[i - 1] : PL_C_OTHER;
        if (c == PL_C_VERB && (before == PL_C_AND || before == PL_C_COMMA ||
                               before == PL_C_AUX || before == PL_C_NEG))
            break;
    }
    return -1;
}

int32_t pl_next_actor(const pl_sentence *s, size_t pos)
{
    size_t end = s->first + s->n;
    int32_t k = next_chunk(s, pos, end);
    while (k >= 0 && !s->chunks[k].code) k = next_chunk(s, s->chunks[k].end, end);
    return k;
}

static int adverb(const pl_sentence *s, size_t i)
{
    return s->cls[i] == PL_C_ADV || (s->cls[i] == PL_C_WORD && pl_ends_in_ly(s, i));
}

/* "X was (fiercely) opposed (earlier) by Y": the actor after "by", or -1. A participle after
 * a form of "be" with a by-phrase is a passive whatever the pattern says; a parse finds the
 * by-phrase anywhere in the verb's phrase ("was opposed on Monday by Y"). */
static int32_t passive_agent(const pl_sentence *s, size_t v)
{
    if (s->parse_agent && s->parse_agent[v] >= 0) return s->parse_agent[v];
    static const char *const be[] = {"was", "were", "is", "are", "been", "being", "be"};
    size_t j = v;
    while (j > s->first && adverb(s, j - 1)) j--;
    if (j == s->first) return -1;
    int after_be = 0;
    for (size_t k = 0; k < sizeof be / sizeof *be; k++) after_be |= norm_is(s, j - 1, be[k]);
    const pl_token *t = &s->toks.v[v];
    if (!after_be || t->word == t->lemma) return -1;
    size_t end = s->first + s->n, i = v + 1;
    while (i < end && adverb(s, i)) i++;
    if (i + 1 >= end || !norm_is(s, i, "by")) return -1;
    return s->chunk_at[i + 1];
}

/* The target is the subject itself, told again in a subordinate clause ("Sam began to
 * question whether he has a future with X": he is Sam): the target lies further on. */
static int self_reference(const pl_sentence *s, int32_t source, int32_t target)
{
    const pl_chunk *t = &s->chunks[target];
    return source >= 0 && t->pronoun && t->clause_subject && t->code &&
           s->chunks[source].code && !strcmp(t->code, s->chunks[source].code);
}

static int fit(matcher *mt, size_t v)
{
    const pl_verb_pattern *p = mt->p;
    pl_pattern_match *m = mt->m;
    m->source = m->target = -1;
    m->negated = 0;
    m->start = v;
    m->end = v + 1;
    mt->nearest = v;
    if (!after_from(mt, 0, v + 1) || !before_from(mt, 0, v)) return 0;
    int source_slot = has_slot(p->before, p->nbefore, PL_IT_SOURCE) ||
                      has_slot(p->after, p->nafter, PL_IT_SOURCE);
    int target_slot = has_slot(p->before, p->nbefore, PL_IT_TARGET) ||
                      has_slot(p->after, p->nafter, PL_IT_TARGET);
    /* Without a source slot the subject acts ("$" is implied in foreign formats). */
    if (!source_slot) m->source = subject_at(mt->s, m->start, &m->negated);
    /* None after the pattern: an actor its gaps passed over ("allowed that Mordor isn't a
     * REALLY_PLEASANT place"). */
    if (!target_slot && p->default_target) m->target = next_chunk(mt->s, m->end, mt->reach);
    if (m->target >= 0 && self_reference(mt->s, m->source, m->target))
        m->target = next_chunk(mt->s, mt->s->chunks[m->target].end, mt->reach);
    if (!target_slot && p->default_target && m->target < 0 && m->end > v + 1)
        m->target = next_chunk(mt->s, v + 1, mt->reach);
    /* or before it ("$ ^ FOR *": "Arnor was X for Eriador warning") */
    if (!target_slot && p->default_target && m->target < 0 && mt->nearest + 1 < v)
        m->target = next_chunk(mt->s, mt->nearest + 1, v);
    if (!source_slot && !target_slot && p->default_target) {
        int32_t agent = passive_agent(mt->s, v);
        if (agent >= 0) m->target = m->source, m->source = agent;
    }
    /* A compound after the verb ("agrees WITH %") is its partners when the parse gives the
     * verb a subject: "Arnor agrees with Gondor and Eriador" is Arnor with each, as
     * PETRARCH reads it. Without a parse the members act on one another, as in TABARI. */
    m->joint = p->joint;
    const int32_t *parsed = mt->s->parse_subject;
    if (p->joint && has_slot(p->after, p->nafter, PL_IT_SOURCE) && m->source >= 0 && parsed &&
        parsed[v] >= 0)
        m->target = m->source, m->source = parsed[v], m->joint = 0;
    /* TABARI and PETRARCH dictionaries spell negation out in their patterns ("NOT *
     * RELATIONS"); only our own patterns are stopped by a "not" the pattern does not hold. */
    return (m->source >= 0 || mt->sourceless) && (!m->negated || p->gaps);
}

/* A possessive pronoun before a word does not make it a noun to TABARI ("postponed their
 * meeting"), an article does ("in an accord"). */
static int possessive_pronoun(const pl_sentence *s, size_t i)
{
    static const char *const possessive[] = {"his", "her", "their", "its", "our", "my", "your"};
    for (size_t k = 0; k < sizeof possessive / sizeof *possessive; k++)
        if (norm_is(s, i, possessive[k])) return 1;
    return 0;
}

/* A noun use of the anchor fits a foreign pattern after a possessive pronoun ("postponed
 * their meeting", "changed their attack": TABARI reads the verb), and one that puts words
 * before it when the word right before the anchor is one the pattern names ("RAISED ITS *"). */
static int fits_noun_use(const pl_sentence *s, size_t v, const pl_verb_pattern *p)
{
    if (!p->gaps || v == s->first) return 0;
    if (possessive_pronoun(s, v - 1)) return 1;
    if (!p->nbefore || (s->cls[v - 1] != PL_C_DET && s->cls[v - 1] != PL_C_POSS)) return 0;
    const pl_pat_item *it = &p->before[0];
    if (it->kind != PL_IT_WORD && it->kind != PL_IT_ANY) return 0;
    return word_matches(s, v - 1, it);
}

/* "A and B severed relations with C": a partner named after a joint pattern is no member
 * of the subject, so the members do not act on one another. */
static int partner_follows(const pl_sentence *s, size_t end)
{
    if (end >= s->first + s->n) return 0;
    const pl_token *t = &s->toks.v[end];
    return t->norm_len == 4 && !memcmp(pl_token_norm(&s->toks, t), "with", 4);
}

int pl_match_anchor(const parley_ctx *ctx, const pl_sentence *s, size_t v, int sourceless,
                    pl_pattern_match *m)
{
    const pl_token *t = s->toks.v;
    int noun_use = s->anchor[v] == PL_ANCHOR_NOUN;
    int last = v + 1 >= s->first + s->n;
    pl_pattern_iter it;
    pl_pattern_iter_init(&ctx->dict, t[v].lemma, last ? 0 : t[v + 1].lemma,
                         last ? 0 : t[v + 1].word, &it);
    for (const pl_verb_pattern *p; (p = pl_pattern_iter_next(&it));) {
        if (noun_use && !p->noun && !fits_noun_use(s, v, p)) continue;
        if (p->form && p->form != t[v].word) continue;
        matcher mt = {s, p, m, MATCH_BUDGET,
                      s->parse_reach ? (size_t)s->parse_reach[v] : s->first + s->n, sourceless, v};
        m->pattern = p;
        if (fit(&mt, v) && !(m->joint && partner_follows(s, m->end))) return 1;
    }
    return 0;
}
