/* parse.c: what a Penn Treebank parse (parley_code_opts.parse) tells the coder. The
 * parse's words are aligned with the sentence's tokens before the analysis, which takes
 * verb and noun from their tags; after it, chunks the parse coordinates become lists, and
 * each verb gets its subject and its reach. The subject is the noun phrase its nearest
 * clause (S, SINV, SQ) puts before the branch that holds the verb, climbing past clauses
 * with none ("Arnor is about to restore ...": to restore has no subject of its own, so
 * Arnor); the chunk that acts in that phrase is the subject. The reach is the end of the
 * verb's phrase: its pattern's words and default target lie before it. */
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

static int is_verb(const char *label)
{
    return !strncmp(label, "VB", 2) || !strncmp(label, "AUX", 3) || !strcmp(label, "MD");
}

/* What the parse's tag says the word at node w is; a verb form right inside a noun
 * phrase is a noun ("the reopening"). */
static uint8_t tag_of(const pl_ptb *t, int32_t w)
{
    const char *label = t->nodes[w].label;
    int32_t up = t->nodes[w].parent;
    if (is_verb(label))
        return up >= 0 && !strcmp(t->nodes[up].label, "NP") ? PL_TAG_NOUN : PL_TAG_VERB;
    return !strncmp(label, "NN", 2) ? PL_TAG_NOUN : PL_TAG_OTHER;
}

void pl_parse_align(const pl_ptb *t, const pl_sentence *s, size_t *cursor, int32_t *leaf,
                    uint8_t *tag)
{
    for (size_t i = 0; i < s->n; i++) {
        const pl_token *tok = &s->toks.v[s->first + i];
        const char *norm = pl_token_norm(&s->toks, tok);
        leaf[i] = -1;
        tag[s->first + i] = PL_TAG_NONE;
        for (size_t ahead = 0; ahead < 4 && *cursor + ahead < t->nwords; ahead++)
            if (leaf_is(pl_ptb_word(t, *cursor + ahead), norm, tok->norm_len)) {
                leaf[i] = (int32_t)(*cursor + ahead);
                tag[s->first + i] = tag_of(t, t->word_node[leaf[i]]);
                *cursor += ahead + 1;
                break;
            }
    }
}

static int is_clause(const char *label)
{
    return label[0] == 'S' && strncmp(label, "SBAR", 4) != 0;
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
    for (size_t j = (size_t)a + 1; j < t->n && t->nodes[j].first < before; j++) {
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
 * complement ("urged Bree to help"), whose subject the parse does not give; but with no
 * object in between the verb's own subject acts ("vowed to wage war"), and a passive
 * participle lets the subject through ("Gollum was seen to break into ..."). */
static int complement_of_verb(const pl_ptb *t, int32_t a, int32_t child)
{
    int32_t v = verb_before(t, a, t->nodes[child].first);
    if (v < 0 || auxiliary(pl_ptb_word(t, t->nodes[v].first))) return 0;
    int32_t object = is_clause(t->nodes[child].label) ? -1 : child;
    for (size_t j = (size_t)v + 1; j < (size_t)child; j++)
        if (t->nodes[j].parent == a && !strncmp(t->nodes[j].label, "NP", 2)) object = (int32_t)j;
    if (object < 0) return 0;
    if (!strcmp(t->nodes[v].label, "VBN") && t->nodes[a].parent >= 0) {
        int32_t aux = verb_before(t, t->nodes[a].parent, t->nodes[a].first);
        if (aux >= 0 && form_of_be(pl_ptb_word(t, t->nodes[aux].first))) return 0;
    }
    return 1;
}

/* The last NP child of phrase a before word `before` (a clause's subject); -1 if none. */
static int32_t subject_of_clause(const pl_ptb *t, int32_t a, uint32_t before)
{
    int32_t np = -1;
    for (size_t j = (size_t)a + 1; j < t->n && t->nodes[j].first < before; j++)
        if (t->nodes[j].parent == a && !strncmp(t->nodes[j].label, "NP", 2) &&
            t->nodes[j].last <= before)
            np = (int32_t)j;
    return np;
}

/* A clause with no subject joined to one before it by a conjunction shares its subject:
 * "(S (S Arnor attacked ...) and (S shelling ...))". -1 if a is no such clause. */
static int32_t conjunct_subject(const pl_ptb *t, int32_t a)
{
    int32_t parent = t->nodes[a].parent, clause = -1;
    if (parent < 0 || !is_clause(t->nodes[parent].label)) return -1;
    int conjunction = 0;
    for (size_t j = (size_t)parent + 1; j < (size_t)a; j++) {
        if (t->nodes[j].parent != parent) continue;
        if (is_clause(t->nodes[j].label)) clause = (int32_t)j, conjunction = 0;
        else if (!strcmp(t->nodes[j].label, "CC")) conjunction = 1;
    }
    return clause >= 0 && conjunction ? subject_of_clause(t, clause, t->nodes[clause].last) : -1;
}

/* A relative clause with no subject of its own ("(NP (NP Kenya) , (SBAR (WHNP which) (S
 * (VP hosted ...))))"): the noun phrase it describes acts. -1 if clause a is no such. */
static int32_t relative_subject(const pl_ptb *t, int32_t a)
{
    int32_t sbar = t->nodes[a].parent;
    if (sbar < 0 || strcmp(t->nodes[sbar].label, "SBAR") || (size_t)sbar + 1 >= t->n ||
        t->nodes[sbar + 1].parent != sbar || strncmp(t->nodes[sbar + 1].label, "WH", 2))
        return -1;
    int32_t np = t->nodes[sbar].parent;
    if (np < 0 || strncmp(t->nodes[np].label, "NP", 2)) return -1;
    return subject_of_clause(t, np, t->nodes[sbar].first);
}

/* The words [*first, *last) of the subject of the verb at leaf L; 0 when the parse gives
 * none. */
static int subject_words(const pl_ptb *t, uint32_t L, uint32_t *first, uint32_t *last)
{
    int32_t child = t->word_node[L];
    for (int32_t a = t->nodes[child].parent; a >= 0; child = a, a = t->nodes[a].parent) {
        if (!strcmp(t->nodes[a].label, "VP") && complement_of_verb(t, a, child))
            return 0;
        if (!is_clause(t->nodes[a].label)) continue;
        int32_t np = subject_of_clause(t, a, t->nodes[child].first);
        if (np < 0) np = conjunct_subject(t, a);
        if (np < 0) np = relative_subject(t, a);
        if (np >= 0) {
            *first = t->nodes[np].first, *last = t->nodes[np].last;
            return 1;
        }
    }
    return 0;
}

static int in_words(const int32_t *leaf, size_t i, uint32_t first, uint32_t last)
{
    return leaf[i] >= 0 && (uint32_t)leaf[i] >= first && (uint32_t)leaf[i] < last;
}

/* A chunk that only owns what follows in the phrase: "Arnor" in "Arnor's first Deputy
 * Minister Telemar", when the chunker stopped at the possessive. */
static int possessor(const pl_sentence *s, const pl_chunk *c, const int32_t *leaf,
                     uint32_t first, uint32_t last)
{
    size_t end = s->first + s->n;
    if (c->end >= end || s->cls[c->end] != PL_C_POSS) return 0;
    for (size_t i = c->end + 1; i < end && in_words(leaf, i - s->first, first, last); i++)
        if (s->chunk_at[i] >= 0 && s->chunks[s->chunk_at[i]].code &&
            !s->chunks[s->chunk_at[i]].after_prep)
            return 1;
    return 0;
}

/* The chunk of words [first, last): the first actor phrase there that is no prepositional
 * object inside the phrase nor a possessor, taken at the end of its list so that the
 * whole list acts; with no actor there, the first role ("the official news agency said":
 * the side is a role of no known country). A preposition before the phrase is no
 * matter: the parse says it is a subject ("after Arnor crowds burned"). */
static int32_t chunk_in(const pl_sentence *s, const int32_t *leaf, uint32_t first,
                        uint32_t last)
{
    int32_t found = -1;
    for (size_t k = 0; k < s->nchunks && (found < 0 || !s->chunks[found].code); k++) {
        const pl_chunk *c = &s->chunks[k];
        if (!(c->code || (c->agent && found < 0)) ||
            !in_words(leaf, c->start - s->first, first, last) ||
            (c->after_prep && in_words(leaf, c->prep - s->first, first, last)) ||
            possessor(s, c, leaf, first, last))
            continue;
        found = (int32_t)k;
    }
    while (found >= 0 && s->chunks[found].next >= 0 &&
           in_words(leaf, s->chunks[s->chunks[found].next].start - s->first, first, last))
        found = s->chunks[found].next;
    return found;
}

/* The child of node `top` whose branch holds node n (n itself when n is top's child). */
static int32_t branch_under(const pl_ptb *t, int32_t top, int32_t n)
{
    while (n >= 0 && t->nodes[n].parent != top) n = t->nodes[n].parent;
    return n;
}

/* The parse coordinates the words at a and b (a first): the lowest phrase that holds both
 * is a noun phrase with a conjunction, and they stand in different branches of it. */
static int coordinated(const pl_ptb *t, int32_t a, int32_t b)
{
    int32_t la = t->word_node[a], top = t->word_node[b];
    while (top >= 0 && !(t->nodes[top].first <= (uint32_t)a && (uint32_t)a < t->nodes[top].last))
        top = t->nodes[top].parent;
    if (top < 0 || !t->nodes[top].coordinated || strncmp(t->nodes[top].label, "NP", 2))
        return 0;
    return branch_under(t, top, la) != branch_under(t, top, t->word_node[b]);
}

/* The words at a and b (a first) stand in different clauses: the lowest phrase that holds
 * both is a clause ("(S (S Arnor condemned Gondor) , (NP an official) (VP said))"). */
static int apart(const pl_ptb *t, int32_t a, int32_t b)
{
    int32_t top = t->word_node[b];
    while (top >= 0 && !(t->nodes[top].first <= (uint32_t)a && (uint32_t)a < t->nodes[top].last))
        top = t->nodes[top].parent;
    return top >= 0 && is_clause(t->nodes[top].label);
}

void pl_parse_lists(const pl_ptb *t, pl_sentence *s, const int32_t *leaf)
{
    for (size_t k = 0; k + 1 < s->nchunks; k++) {
        pl_chunk *a = &s->chunks[k], *b = &s->chunks[k + 1];
        int32_t la = leaf[a->start - s->first], lb = leaf[b->start - s->first];
        if (la < 0 || lb < 0) continue;
        if (a->next == (int32_t)(k + 1) && apart(t, la, lb)) {
            a->next = b->prev = -1;
            continue;
        }
        if (a->next >= 0 || b->prev >= 0 || !coordinated(t, la, lb))
            continue;
        a->next = (int32_t)(k + 1);
        b->prev = (int32_t)k;
    }
}

void pl_parse_clause_subjects(const pl_ptb *t, pl_sentence *s, const int32_t *leaf)
{
    for (size_t k = 0; k < s->nchunks; k++) {
        int32_t l = leaf[s->chunks[k].start - s->first];
        if (l < 0) continue;
        int32_t np = t->nodes[t->word_node[l]].parent;
        while (np >= 0 && t->nodes[np].parent >= 0 &&
               !strncmp(t->nodes[t->nodes[np].parent].label, "NP", 2))
            np = t->nodes[np].parent;
        /* the noun phrase a clause holds, the clause a subordinate one (under SBAR) */
        int32_t clause = -1, sbar = -1;
        if (np >= 0 && !strncmp(t->nodes[np].label, "NP", 2)) clause = t->nodes[np].parent;
        if (clause >= 0 && is_clause(t->nodes[clause].label)) sbar = t->nodes[clause].parent;
        s->chunks[k].clause_subject = sbar >= 0 && !strcmp(t->nodes[sbar].label, "SBAR");
    }
}

/* The noun phrase of the by-phrase of a passive verb at leaf L ("was opposed on Monday by
 * Osgiliath"), or -1: a participle whose verb phrase follows a form of "be". */
static int32_t passive_by(const pl_ptb *t, uint32_t L)
{
    int32_t w = t->word_node[L], vp = t->nodes[w].parent;
    if (strcmp(t->nodes[w].label, "VBN") && strcmp(t->nodes[w].label, "VBD")) return -1;
    if (vp < 0 || strcmp(t->nodes[vp].label, "VP") || t->nodes[vp].parent < 0) return -1;
    int32_t be = verb_before(t, t->nodes[vp].parent, t->nodes[vp].first);
    if (be < 0 || !form_of_be(pl_ptb_word(t, t->nodes[be].first))) return -1;
    for (size_t j = (size_t)vp + 1; j < t->n && t->nodes[j].first < t->nodes[vp].last; j++) {
        const pl_ptb_node *pp = &t->nodes[j];
        if (pp->parent != vp || strcmp(pp->label, "PP") || pp->first == pp->last ||
            strcasecmp(pl_ptb_word(t, pp->first), "by"))
            continue;
        for (size_t k = j + 1; k < t->n && t->nodes[k].first < pp->last; k++)
            if (t->nodes[k].parent == (int32_t)j && !strncmp(t->nodes[k].label, "NP", 2))
                return (int32_t)k;
    }
    return -1;
}

/* The verb phrase of the verb at leaf L: its outermost VP. */
static int32_t phrase_of(const pl_ptb *t, uint32_t L)
{
    int32_t vp = t->word_node[L];
    while (t->nodes[vp].parent >= 0 && !strcmp(t->nodes[t->nodes[vp].parent].label, "VP"))
        vp = t->nodes[vp].parent;
    return vp;
}

/* A noun phrase after the verb at leaf L in its phrase, its object's or a preposition's
 * ("said on Saturday"); a bare time ("said today", NP-TMP) is none. Nodes are in reading
 * order, so the scan stops at the first. */
static uint8_t has_object(const pl_ptb *t, uint32_t L, int32_t vp)
{
    for (size_t j = (size_t)t->word_node[L] + 1; j < t->n && t->nodes[j].first < t->nodes[vp].last;
         j++)
        if (!strcmp(t->nodes[j].label, "NP")) return 1;
    return 0;
}

/* The token after the verb phrase vp of the verb at token i: the words a target of its
 * pattern may come from. */
static int32_t reach_of(const pl_ptb *t, const pl_sentence *s, const int32_t *leaf, size_t i,
                        int32_t vp)
{
    size_t j = i + 1;
    while (j < s->n && (leaf[j] < 0 || (uint32_t)leaf[j] < t->nodes[vp].last)) j++;
    return (int32_t)(s->first + j);
}

void pl_parse_subjects(const pl_ptb *t, const pl_sentence *s, const int32_t *leaf,
                       int32_t *subject, int32_t *reach, int32_t *agent, uint8_t *object)
{
    for (size_t i = 0; i < s->n; i++) {
        uint32_t first, last;
        int32_t *out = &subject[s->first + i];
        *out = agent[s->first + i] = PL_PARSE_UNKNOWN;
        reach[s->first + i] = (int32_t)(s->first + s->n);
        object[s->first + i] = 1;
        if (!s->anchor[s->first + i] || leaf[i] < 0) continue;
        /* a word the parse uses as no verb codes nothing */
        *out = PL_PARSE_NO_SUBJECT;
        if (s->parse_tag[s->first + i] != PL_TAG_VERB) continue;
        int32_t vp = phrase_of(t, (uint32_t)leaf[i]);
        reach[s->first + i] = reach_of(t, s, leaf, i, vp);
        object[s->first + i] = has_object(t, (uint32_t)leaf[i], vp);
        int32_t by = passive_by(t, (uint32_t)leaf[i]);
        int32_t doer = by >= 0 ? chunk_in(s, leaf, t->nodes[by].first, t->nodes[by].last) : -1;
        agent[s->first + i] = doer >= 0 ? doer : PL_PARSE_UNKNOWN;
        if (!subject_words(t, (uint32_t)leaf[i], &first, &last)) continue;
        int32_t k = chunk_in(s, leaf, first, last);
        *out = k >= 0 ? k : PL_PARSE_UNKNOWN;
    }
}
