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
    const char *code;        /* "GOV"; "NGO~" goes before the country ("NGOARN"), a form
                                TABARI and PETRARCH agent files write "[NGO~]" */
    const char *text;        /* the phrase as written */
} pl_agent_entry;

/* ---- verb patterns ------------------------------------------------------------------------ *
 * A pattern is anchored at one word, usually a verb ("met"), or a noun for noun patterns
 * ("the visit of X to Y"). Items stand on either side of it: `before` is read leftwards from
 * the anchor (nearest first), `after` rightwards. Every format (native, TABARI, PETRARCH) is
 * read into this one form. */

enum pl_item_kind {
    PL_IT_WORD = 1,          /* a word: by lemma id, or by prefix with PL_IF_STEM */
    PL_IT_SOURCE,            /* the source actor: the subject before the anchor, or the
                                actor phrase at this point after it */
    PL_IT_TARGET,            /* the target actor, likewise */
    PL_IT_SKIP,              /* 0 to PL_SKIP_MAX words */
    PL_IT_ANY                /* one of `alts` (each a PL_IT_WORD) */
};

enum pl_item_flags {
    PL_IF_STEM = 1,          /* the token's form starts with `stem` (TABARI words without _) */
    PL_IF_ADJACENT = 2,      /* no gap before this item, even in a pattern with gaps */
    PL_IF_PHRASE = 4,        /* PL_IT_SKIP: one noun phrase (TABARI's and PETRARCH's `^`),
                                not 0 to PL_SKIP_MAX words */
    PL_IF_EXACT = 8,         /* PL_IT_WORD: `id` is the word as written, not its lemma
                                (TABARI's "RESOLUTION_" and PETRARCH's "EFFORT" are not
                                "resolutions", "efforts") */
    PL_IF_CHOSEN = 16        /* one of the words of a multi-word alternative ("{ TO THE END
                                | ... }"): the pattern counts as one with alternatives */
};

#define PL_SKIP_MAX 5        /* what `*` covers in native patterns */
#define PL_GAP_MAX 4         /* words a pattern with gaps may pass over between items */

typedef struct pl_pat_item {
    uint8_t kind, flags;
    uint16_t nalts;
    uint32_t id;             /* PL_IT_WORD: lemma id */
    const char *stem;        /* PL_IF_STEM: the prefix, lower case */
    const struct pl_pat_item *alts;
} pl_pat_item;

typedef struct pl_verb_pattern {
    const char *code;        /* CAMEO event code; "---" (codes nothing) and "###" (discards
                                the sentence) block the shorter patterns they contain */
    const char *code2;       /* "[042:043]": the code of the target acting back, or NULL */
    const char *text;        /* as written, for output and explanations */
    const char *file;
    long line;
    uint32_t verb;           /* lemma id of the anchor */
    uint32_t form;           /* the one form of it the pattern takes ("left", a form TABARI
                                and PETRARCH list apart from "leave"), word id; 0: any */
    const pl_pat_item *before, *after;
    uint16_t nbefore, nafter;
    uint8_t joint;           /* `%`: compound subject members act on one another */
    uint8_t noun;            /* the anchor may follow a determiner ("the visit of") */
    uint8_t gaps;            /* other words may stand between items (TABARI, PETRARCH) */
    uint8_t default_target;  /* no target item: the first actor after the anchor is the
                                target (TABARI, PETRARCH); native patterns code none */
    uint32_t rank;           /* place in longest-first order among its anchor's patterns */
    uint32_t key;            /* the word that must follow the anchor (after[0], no gaps),
                                0 when any may: patterns are indexed by (anchor, key) */
} pl_verb_pattern;

/* 1 for the codes of blocking patterns, "---" and "###". */
static inline int pl_pattern_blocks(const char *code)
{
    return code[0] == '-' || code[0] == '#';
}

/* The patterns of one anchor that can fit before a given next word, longest first: the
 * patterns keyed by that word (by lemma and by form) merged with the unkeyed ones. */
typedef struct pl_pattern_iter {
    const pl_verb_pattern *list[3];
    size_t n[3], pos[3];
} pl_pattern_iter;

typedef struct pl_event_code {
    const char *code, *name;
    double goldstein;
    int quad;
    const char *plover, *plover_mode; /* from a .map file; NULL when not mapped */
} pl_event_code;

/* What a dictionary file holds. */
enum pl_dict_kind { PL_DK_NONE, PL_DK_ACTORS, PL_DK_AGENTS, PL_DK_VERBS, PL_DK_DISCARDS,
                    PL_DK_EVENTS, PL_DK_ISSUES, PL_DK_PLOVER };

/* All dictionaries of a context. Filled by pl_dict_load_*, then pl_dict_compile(). */
typedef struct pl_dict {
    pl_arena arena;          /* every string and array of entries */
    pl_strmap vocab;         /* normalized words and lemmas -> ids */
    uint32_t *lemma_of;      /* lemma id per vocab id (0: not computed or not in vocab) */
    size_t lemma_cap;
    pl_lemmatizer *lemmatizer; /* WordNet morphology, opened on first need (pl_dict_lemmatizer) */
    /* Dictionaries loaded from a compiled file carry, instead of WordNet, every inflected form
     * whose lemma is in the vocabulary: form -> lemma id. */
    pl_strmap forms;
    uint32_t *form_lemma;    /* per forms id */
    int from_compiled;
    size_t stem_min;         /* length of the shortest stem ("kuwait*" counts 6); 0: none */
    /* Loading scratch: a token vector reused for every phrase, and the vocab id of each
     * word's lemma once looked up (a pattern file repeats "to" and "with" thousands of
     * times). */
    pl_tokens scratch;
    pl_strmap memo;
    uint32_t *memo_ids;
    size_t memo_cap;

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
    /* Edges a few other words may come before (TABARI's space in "PRINCE DOL_AMROTH"), keyed
     * alike; the key (parent, 0, 0, 0) marks a parent that has some. */
    pl_u64map gap_edges;
    uint32_t nnodes;
    uint32_t *node_phrase;   /* first phrase ending at a node, 0 for none */
    size_t node_phrase_cap;
    pl_strmap adjectives;    /* TABARI's <ADJECTIVE> list, lower case: with one loaded, only
                                these words are read as adjectives ("awful and evil") */
    pl_phrase *phrases;      /* phrases[0] unused */
    size_t nphrases, phrases_cap;

    pl_u64map verb_index;    /* verb lemma id -> first pattern index; patterns sorted */
    pl_u64map key_index;     /* (anchor << 32 | key) -> first pattern of that group */
    size_t nroots;
    int compiled;
    size_t warnings, errors, unsupported;
    size_t plover_maps;      /* CAMEO codes given a PLOVER type */
    uint64_t content_hash;   /* of every file's name and bytes, in load order */
    char hash_hex[17];       /* content_hash in hex, set by pl_dict_compile */
    size_t discards;
    parley_diag_fn diag;
    void *diag_user;
} pl_dict;

int pl_dict_init(pl_dict *d);
void pl_dict_free(pl_dict *d);
/* Calls fn with the whole text of every dictionary file of a path (a file, a directory, or
 * ':'-joined list of both), in the order loading uses: directories by name, .map files
 * after the event tables they refer to. Stops at the first status that is not PARLEY_OK. */
typedef parley_status (*pl_file_fn)(void *arg, const char *path, const char *text, size_t len,
                                    pl_buf *msg);
parley_status pl_dict_each_file(const char *path, pl_file_fn fn, void *arg, pl_buf *msg);
/* Loads a file or directory or ':'-joined list; PARLEY_EIO with msg set on unreadable paths. */
parley_status pl_dict_load_path(pl_dict *d, const char *path, pl_buf *msg);
parley_status pl_dict_load_text(pl_dict *d, const char *name, const char *text, size_t len,
                                pl_buf *msg);
/* ---- compiled dictionaries (compiled.c) ---------------------------------------------------- */

/* Saves compiled dictionaries as one file that loads without parsing. */
parley_status pl_dict_save(const pl_dict *d, const char *path, pl_buf *msg);
/* 1 if data starts like a compiled dictionary file. */
int pl_dict_is_compiled_file(const char *data, size_t len);
/* Loads a compiled file into an empty dictionary, which is then compiled. PARLEY_EDICT for a
 * damaged or foreign file, PARLEY_EINVAL when other dictionaries were loaded first. */
parley_status pl_dict_load_compiled(pl_dict *d, const char *name, const char *data, size_t len,
                                    pl_buf *msg);

/* The lemmatizer, opened on first use; NULL when WordNet's data cannot be read. */
pl_lemmatizer *pl_dict_lemmatizer(pl_dict *d);

/* Sorts verb patterns and builds indexes. */
parley_status pl_dict_compile(pl_dict *d, pl_buf *msg);

/* ---- building: what every format's reader calls ------------------------------------------- */

/* Where a reader is, for messages and for entries that record their origin. */
typedef struct pl_dict_source {
    pl_dict *d;
    const char *file;        /* owned by the dictionary's arena */
    long line;
    int32_t entry;           /* the actor entry lines are being added to, -1 for none */
} pl_dict_source;

/* A warning or an error "file:line: message" to the diagnostic callback, counted. */
void pl_dict_report(pl_dict_source *src, parley_severity sev, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* A construct of a foreign format that parley does not support: a counted warning. */
void pl_dict_unsupported(pl_dict_source *src, const char *construct);
const char *pl_trim(const char *s, const char *end, const char **tend);
/* 1 if [s, end) is a non-empty run of A-Z, 0-9 and _. */
int pl_valid_id(const char *s, const char *end);

enum {
    PL_PHRASE_ANY_CASE = 1,  /* foreign formats are written in capitals: ignore case */
    PL_PHRASE_STEM = 2,      /* the last word is a prefix (a TABARI stem: "KUWAIT" matches
                                "Kuwaiti"); it is kept in the vocabulary as "kuwait*" */
    PL_PHRASE_GAPS = 4,      /* two spaces before a word let up to PL_PHRASE_GAP_MAX other
                                words come before it ("Prince of Dol Amroth") */
    PL_PHRASE_AS_WRITTEN = 8 /* an agent's words match as written, not by lemma ("POLICE
                                {}": no plural, so "polices" is no police) */
};

#define PL_PHRASE_GAP_MAX 2

/* The actor entry with this ID, created if new (entries with one ID merge); -2 when out of
 * memory. */
int32_t pl_dict_actor(pl_dict_source *src, const char *id, size_t len);
int pl_dict_actor_code(pl_dict_source *src, uint32_t actor, const char *code, size_t len,
                       int32_t from, int32_t to);
/* Adds a phrase to the trie for an entry (actor index, agent index, 0 for discards). A phrase
 * with no words is a warning, not an error. -1 only when out of memory. */
int pl_dict_phrase(pl_dict_source *src, enum pl_phrase_kind kind, uint32_t entry,
                   const char *text, size_t len, unsigned flags);
/* Calls fn for each ';'-separated, trimmed, non-empty item of [s, end); stops at -1. */
typedef int (*pl_item_fn)(pl_dict_source *src, const char *item, size_t len, void *arg);
int pl_dict_each_item(pl_dict_source *src, const char *s, const char *end, pl_item_fn fn,
                      void *arg);
/* Each ';'-separated phrase of [s, end). */
int pl_dict_phrase_list(pl_dict_source *src, enum pl_phrase_kind kind, uint32_t entry,
                        const char *s, const char *end);
/* `code` must live as long as the dictionary (an arena string). */
int pl_dict_agent(pl_dict_source *src, const char *code, const char *phrase, size_t len,
                  unsigned flags);
int pl_dict_discard(pl_dict_source *src, enum pl_phrase_kind kind, const char *phrase,
                    size_t len, unsigned flags);

/* ---- formats ------------------------------------------------------------------------------- */

enum pl_dict_format { PL_FMT_NATIVE, PL_FMT_TABARI, PL_FMT_PETRARCH };

/* What a file holds and in which format, from its name and first content line: native
 * extensions (.actors ...) with native content; the same extensions with TABARI content
 * (TABARI's files share them); PETRARCH's NAME.KIND.txt. -1 when it is no dictionary. */
int pl_dict_detect(const char *name, const char *text, size_t len, enum pl_dict_kind *kind,
                   enum pl_dict_format *format);

/* Readers of the foreign formats: the whole text of one file. Each construct parley does
 * not support is reported with file:line and counted (pl_dict_unsupported); a malformed line
 * is an error with file:line and the rest loads. -1 only when out of memory. */
int pl_tabari_read_actors(pl_dict_source *src, const char *text, size_t len);
int pl_tabari_read_agents(pl_dict_source *src, const char *text, size_t len);
int pl_tabari_read_verbs(pl_dict_source *src, const char *text, size_t len);
int pl_tabari_read_discards(pl_dict_source *src, const char *text, size_t len);
int pl_petrarch_read_actors(pl_dict_source *src, const char *text, size_t len);
int pl_petrarch_read_agents(pl_dict_source *src, const char *text, size_t len);
int pl_petrarch_read_verbs(pl_dict_source *src, const char *text, size_t len);
int pl_petrarch_read_discards(pl_dict_source *src, const char *text, size_t len);

/* Adds a verb pattern: copies `proto` and its items into the dictionary. Items of kind
 * PL_IT_WORD must carry lemma ids from pl_dict_word(). -1 only when out of memory. */
int pl_dict_pattern(pl_dict_source *src, const pl_verb_pattern *proto);
/* Tokenizes a dictionary phrase into the dictionary's scratch vector (valid until the next
 * call); NULL when out of memory. */
pl_tokens *pl_dict_tokens(pl_dict *d, const char *text, size_t len);
/* The vocabulary id of a pattern or agent word's lemma (the word itself when it has no
 * other base form); 0 when out of memory. */
uint32_t pl_dict_word(pl_dict *d, const char *word, size_t len);

/* The native format, one line (comment and trailing space already cut). */
int pl_native_line(pl_dict_source *src, enum pl_dict_kind kind, const char *s, const char *end);

/* The code an actor entry has on `date` (YYYYMMDD; 0 for unknown: the undated code, else the
 * latest one); NULL if none applies. */
const char *pl_actor_code_at(const pl_actor_entry *a, int32_t date);
const pl_event_code *pl_event_code_find(const pl_dict *d, const char *code);
/* Sets stem_min from the stems in the vocabulary (after loading a compiled file). */
void pl_dict_find_stems(pl_dict *d);
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

/* Patterns for a verb lemma: *count patterns from the returned index (grouped by key). */
const pl_verb_pattern *pl_verb_patterns(const pl_dict *d, uint32_t lemma, size_t *count);
/* Starts iterating the patterns of `anchor` that may fit before a token with these ids. */
void pl_pattern_iter_init(const pl_dict *d, uint32_t anchor, uint32_t next_lemma,
                          uint32_t next_word, pl_pattern_iter *it);
/* The next pattern, longest first; NULL at the end. */
const pl_verb_pattern *pl_pattern_iter_next(pl_pattern_iter *it);

#endif
