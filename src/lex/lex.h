/* lex.h: the lexical stage. Dictionaries (native text format, docs/dictionaries.md) are read
 * into entries, their phrases compiled into one trie over interned token ids, and a sentence's
 * tokens are matched against every dictionary in one left-to-right pass. Internal. */
#ifndef PL_LEX_H
#define PL_LEX_H

#include <stddef.h>
#include <stdint.h>

#include "parley.h"
#include "text/text.h"
#include "util/util.h"

/* Dates are compared as integers YYYYMMDD; 0 is "open" on the left, 99999999 on the right. */
#define PL_DATE_MIN 0
#define PL_DATE_MAX 99999999
/* Parses "YYYY-MM-DD" (checked for real: month, day in month, leap years) into *out.
 * 0 on success, -1 otherwise. */
int pl_date_parse(const char *s, size_t len, int32_t *out);

typedef struct pl_code_range {
    const char *code;
    int32_t from, to;        /* inclusive */
} pl_code_range;

enum pl_actor_type { PL_ACTOR_OTHER = 0, PL_ACTOR_COUNTRY, PL_ACTOR_IGO, PL_ACTOR_PERSON };

typedef struct pl_actor_entry {
    const char *id;
    const char *type;        /* as written, "" when not given */
    const char *country;     /* `country:`; for countries their own code */
    pl_code_range *codes;
    size_t ncodes, codes_cap;
    uint8_t kind;            /* enum pl_actor_type */
    const char *file;
    long line;
} pl_actor_entry;

/* What a dictionary phrase stands for. */
enum pl_phrase_kind {
    PL_PH_NAME = 1,          /* an actor's name */
    PL_PH_ADJ,               /* an actor's adjective: "Japanese" */
    PL_PH_DEMONYM,           /* its people: "the Japanese" */
    PL_PH_CAPITAL,           /* its capital: a place, and a metonym when it acts */
    PL_PH_PLACE,             /* another place in it */
    PL_PH_AGENT,             /* a role word: "minister" */
    PL_PH_DISCARD_SENTENCE,
    PL_PH_DISCARD_STORY
};

typedef struct pl_phrase {
    uint8_t kind;            /* enum pl_phrase_kind */
    uint8_t ntokens;
    uint32_t entry;          /* index in actors (names...places), agents, or 0 */
    uint32_t next;           /* next phrase ending at the same trie node, 0 for none */
} pl_phrase;

typedef struct pl_agent_entry {
    const char *code;        /* "GOV" */
    const char *text;        /* the phrase as written */
} pl_agent_entry;

/* Pattern items: a word (lemma id, > 0) or one of these. */
#define PL_PAT_TARGET 0xFFFFFFF0u
#define PL_PAT_SKIP 0xFFFFFFF1u
#define PL_PAT_SKIP_MAX 5    /* `*` covers up to this many tokens */

typedef struct pl_verb_pattern {
    const char *code;        /* CAMEO event code */
    const char *text;        /* as written, for output and explanations */
    const char *file;
    long line;
    uint32_t verb;           /* lemma id of the verb */
    uint32_t *items;         /* what follows the verb */
    uint32_t nitems;
    uint8_t joint;           /* `%`: compound subject members act on one another */
    uint8_t has_target;
} pl_verb_pattern;

typedef struct pl_event_code {
    const char *code, *name;
    double goldstein;
    int quad;
} pl_event_code;

/* All dictionaries of a context. Filled by pl_dict_load_*, then pl_dict_compile(). */
typedef struct pl_dict {
    pl_arena arena;          /* every string and array of entries */
    pl_strmap vocab;         /* normalized words and lemmas -> ids */
    uint32_t *lemma_of;      /* lemma id per vocab id (0: not computed or not in vocab) */
    size_t lemma_cap;
    pl_lemmatizer *lemmatizer;

    pl_actor_entry *actors;
    size_t nactors, actors_cap;
    pl_strmap actor_ids;     /* entry ID -> index + 1 */
    pl_agent_entry *agents;
    size_t nagents, agents_cap;
    pl_verb_pattern *verbs;
    size_t nverbs, verbs_cap;
    pl_event_code *events;
    size_t nevents, events_cap;
    pl_strmap event_ids;     /* code -> index + 1 */

    /* The trie: node 0 is the root; an edge key packs (parent, case rule, lemma bit, word). */
    pl_u64map edges;
    uint32_t nnodes;
    uint32_t *node_phrase;   /* first phrase ending at a node, 0 for none */
    size_t node_phrase_cap;
    pl_phrase *phrases;      /* phrases[0] unused */
    size_t nphrases, phrases_cap;

    pl_u64map verb_index;    /* verb lemma id -> first pattern index; patterns sorted */
    size_t nroots;
    int compiled;
    size_t warnings, errors;
    size_t discards;
    parley_diag_fn diag;
    void *diag_user;
} pl_dict;

int pl_dict_init(pl_dict *d);
void pl_dict_free(pl_dict *d);
/* Loads a file or directory or ':'-joined list; PARLEY_EIO with msg set on unreadable paths. */
parley_status pl_dict_load_path(pl_dict *d, const char *path, pl_buf *msg);
parley_status pl_dict_load_text(pl_dict *d, const char *name, const char *text, size_t len,
                                pl_buf *msg);
/* Sorts verb patterns and builds indexes. */
parley_status pl_dict_compile(pl_dict *d, pl_buf *msg);

/* The code an actor entry has on `date` (YYYYMMDD; 0 for unknown: the undated code, else the
 * latest one); NULL if none applies. */
const char *pl_actor_code_at(const pl_actor_entry *a, int32_t date);
const pl_event_code *pl_event_code_find(const pl_dict *d, const char *code);
/* 1 if `code` is the code of a country entry ("JPN"), not an IGO or a group. */
int pl_is_country(const pl_dict *d, const char *code);

/* ---- matching a sentence ---------------------------------------------------------------- */

/* Sets word and lemma ids of tokens[0..n). */
void pl_lex_assign_ids(const pl_dict *d, pl_tokens *toks, size_t first, size_t n);

typedef struct pl_match {
    uint32_t start, end;     /* token indexes, end exclusive */
    uint32_t phrase;         /* first phrase at the match's trie node (follow .next) */
} pl_match;

typedef struct pl_matches {
    pl_match *v;
    size_t n, cap;
} pl_matches;

/* Longest matches, left to right, not overlapping, over tokens [first, first+n). */
int pl_lex_match(const pl_dict *d, const pl_tokens *toks, size_t first, size_t n,
                 pl_matches *out);

/* Patterns for a verb lemma: *count patterns from the returned index, longest first. */
const pl_verb_pattern *pl_verb_patterns(const pl_dict *d, uint32_t lemma, size_t *count);

#endif
