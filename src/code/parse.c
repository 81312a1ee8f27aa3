/* parse.c: subjects from a Penn Treebank parse (parley_code_opts.parse). The parse's words
 * are aligned with the sentence's tokens; the subject of a verb is the noun phrase its
 * nearest clause (S, SINV, SQ) puts before the branch that holds the verb, climbing past
 * clauses with none ("Arnor is about to restore ...": to restore has no subject of its own,
 * so Arnor). The chunk that phrase begins with is the subject. */
#include "code/code.h"
#include "io/ptb.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

/* A parse word as the tokenizer writes it: lower case, brackets unescaped. */
static int leaf_is(const char *leaf, const char *norm, size_t len)
{
    static const struct {
        const char *ptb, *text;
    } escapes[] = {{"-LRB-", "("}, {"-RRB-", ")"}, {"-LSB-", "["}, {"-RSB-", "]"},
                   {"``", "\""},   {"''", "\""}};
    for (size_t k = 0; k < sizeof escapes / sizeof *escapes; k++)
        if (!strcmp(leaf, escapes[k].ptb)) leaf = escapes[k].text;
    size_t n = strlen(leaf);
    if (n != len) return 0;
    for (size_t i = 0; i < n; i++)
        if (tolower((unsigned char)leaf[i]) != (unsigned char)norm[i]) return 0;
    return 1;
}

/* leaf[i] for each token of the sentence, or -1; *cursor is the next parse word. */
static void align(const pl_ptb *t, const pl_sentence *s, size_t *cursor, int32_t *leaf)
{
    for (size_t i = 0; i < s->n; i++) {
        const pl_token *tok = &s->toks.v[s->first + i];
        const char *norm = pl_token_norm(&s->toks, tok);
        leaf[i] = -1;
        for (size_t ahead = 0; ahead < 4 && *cursor + ahead < t->nwords; ahead++)
            if (leaf_is(pl_ptb_word(t, *cursor + ahead), norm, tok->norm_len)) {
                leaf[i] = (int32_t)(*cursor + ahead);
                *cursor += ahead + 1;
                break;
            }
    }
}

static int is_clause(const char *label)
{
    return label[0] == 'S' && strncmp(label, "SBAR", 4) != 0;
}

static int is_verb(const char *label)
{
    return !strncmp(label, "VB", 2) || !strncmp(label, "AUX", 3) || !strcmp(label, "MD");
}

/* Auxiliaries, copulas and modals let a subject reach down: "Arnor is about to restore". */
static int auxiliary(const char *word)
{
    static const char *const aux[] = {"be",    "is",   "are",  "was",   "were",  "been",
                                      "being", "am",   "has",  "have",  "had",   "having",
                                      "do",    "does", "did",  "will",  "would", "shall",
                                      "should", "can", "could", "may",  "might", "must",
                                      "'s",    "'re",  "'ll",  "'d",    "'ve",   "going"};
    for (size_t k = 0; k < sizeof aux / sizeof *aux; k++)
        if (!strcasecmp(word, aux[k])) return 1;
    return 0;
}

/* The verb word of VP a that stands before the branch at child, as a node; -1 if none. */
static int32_t verb_before(const pl_ptb *t, int32_t a, uint32_t before)
{
    int32_t v = -1;
    for (size_t j = (size_t)a + 1; j < t->n; j++) {
        const pl_ptb_node *c = &t->nodes[j];
        if (c->parent == a && c->last <= before && c->last == c->first + 1 && is_verb(c->label))
            v = (int32_t)j;
    }
    return v;
}

static int form_of_be(const char *w)
{
    static const char *const be[] = {"be", "is", "are", "was", "were", "been", "being", "am"};
    for (size_t k = 0; k < sizeof be / sizeof *be; k++)
        if (!strcasecmp(w, be[k])) return 1;
    return 0;
}

/* A lexical verb of VP a before the branch at child: the clause at child is that verb's
 * complement ("urged Bree to help"), whose subject the parse does not give; but a passive
 * participle lets the subject through ("Gollum was seen to break into ..."). */
static int complement_of_verb(const pl_ptb *t, int32_t a, int32_t child)
{
    int32_t v = verb_before(t, a, t->nodes[child].first);
    if (v < 0 || auxiliary(pl_ptb_word(t, t->nodes[v].first))) return 0;
    if (!strcmp(t->nodes[v].label, "VBN") && t->nodes[a].parent >= 0) {
        int32_t aux = verb_before(t, t->nodes[a].parent, t->nodes[a].first);
        if (aux >= 0 && form_of_be(pl_ptb_word(t, t->nodes[aux].first))) return 0;
    }
    return 1;
}

enum { SUBJECT_FOUND = 1, SUBJECT_NONE = 0, NOT_A_VERB = -1 };

/* The words [*first, *last) of the subject of the word at leaf L (SUBJECT_FOUND); none the
 * parse gives (SUBJECT_NONE); or the word is no verb in the parse (NOT_A_VERB). */
static int subject_words(const pl_ptb *t, uint32_t L, uint32_t *first, uint32_t *last)
{
    int32_t child = -1;
    for (size_t j = t->n; j-- > 0;)
        if (t->nodes[j].first == L && t->nodes[j].last == L + 1) {
            child = (int32_t)j; /* the deepest node of the word: children follow parents */
            break;
        }
    if (child < 0 || !is_verb(t->nodes[child].label)) return NOT_A_VERB;
    for (int32_t a = t->nodes[child].parent; a >= 0; child = a, a = t->nodes[a].parent) {
        if (!strcmp(t->nodes[a].label, "VP") && complement_of_verb(t, a, child))
            return SUBJECT_NONE;
        if (!is_clause(t->nodes[a].label)) continue;
        int32_t np = -1;
        for (size_t j = (size_t)a + 1; j < t->n; j++)
            if (t->nodes[j].parent == a && !strncmp(t->nodes[j].label, "NP", 2) &&
                t->nodes[j].last <= t->nodes[child].first)
                np = (int32_t)j;
        if (np >= 0) {
            *first = t->nodes[np].first, *last = t->nodes[np].last;
            return SUBJECT_FOUND;
        }
    }
    return SUBJECT_NONE;
}

static int in_words(const int32_t *leaf, size_t i, uint32_t first, uint32_t last)
{
    return leaf[i] >= 0 && (uint32_t)leaf[i] >= first && (uint32_t)leaf[i] < last;
}

/* The chunk of words [first, last): the first actor phrase there that is no prepositional
 * object, taken at the end of its list so that the whole list acts. */
static int32_t chunk_in(const pl_sentence *s, const int32_t *leaf, uint32_t first,
                        uint32_t last)
{
    for (size_t k = 0; k < s->nchunks; k++) {
        const pl_chunk *c = &s->chunks[k];
        if (c->after_prep || !c->code || !in_words(leaf, c->start - s->first, first, last))
            continue;
        int32_t end = (int32_t)k;
        while (s->chunks[end].next >= 0 &&
               in_words(leaf, s->chunks[s->chunks[end].next].start - s->first, first, last))
            end = s->chunks[end].next;
        return end;
    }
    return -1;
}

void pl_parse_subjects(const pl_ptb *t, const pl_sentence *s, size_t *cursor, int32_t *leaf,
                       int32_t *subject)
{
    align(t, s, cursor, leaf);
    for (size_t i = 0; i < s->n; i++) {
        uint32_t first, last;
        int32_t *out = &subject[s->first + i];
        *out = PL_PARSE_UNKNOWN;
        if (!s->anchor[s->first + i] || leaf[i] < 0) continue;
        switch (subject_words(t, (uint32_t)leaf[i], &first, &last)) {
        case SUBJECT_FOUND: {
            int32_t k = chunk_in(s, leaf, first, last);
            *out = k >= 0 ? k : PL_PARSE_UNKNOWN;
            break;
        }
        case SUBJECT_NONE: *out = PL_PARSE_NO_SUBJECT; break;
        case NOT_A_VERB: *out = PL_PARSE_NO_SUBJECT; break;
        }
    }
}
