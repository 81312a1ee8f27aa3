/* code.h: the coder. A sentence is analysed once into token classes, noun-phrase chunks
 * resolved to actors, and lists of chunks (compounds, appositions); verb patterns then read
 * that analysis to find source, verb and target. Internal. */
#ifndef PL_CODE_H
#define PL_CODE_H

#include "geo/geo.h"
#include "lex/lex.h"
#include "parley.h"
#include "text/text.h"
#include "time/time.h"
#include "util/util.h"

/* Token classes the sentence analysis works with. */
enum pl_class {
    PL_C_OTHER = 0,          /* ends a noun phrase */
    PL_C_ACTOR,              /* inside an actor phrase (name, adjective, capital, place) */
    PL_C_AGENT,              /* inside an agent phrase */
    PL_C_NAME,               /* a capitalized word no dictionary knows */
    PL_C_WORD,               /* a lower-case content word */
    PL_C_DET,                /* the, a, his... */
    PL_C_POSS,               /* 's */
    PL_C_CONN,               /* of, for: inside titles ("Minister of Foreign Affairs") */
    PL_C_HYPHEN,
    PL_C_COMMA,
    PL_C_AND,                /* and, or, & */
    PL_C_INCLUDING,          /* including: introduces more list members */
    PL_C_PREP,               /* other prepositions */
    PL_C_AUX,                /* is, was, has, will... */
    PL_C_ADV,                /* also, then, jointly... */
    PL_C_NEG,                /* not, n't, never */
    PL_C_SAY,                /* said, says, told: clause boundaries for lists */
    PL_C_VERB,               /* a verb some pattern starts with */
    PL_C_QUANT,              /* numbers and quantities: "three", "dozens (of)" */
    PL_C_TIME,               /* days and months: never an actor ("On Monday, Japan ...") */
    PL_C_PRON,               /* he, she, it, they, him, them: stand for an actor named
                                before */
    PL_C_STOP                /* other function words: pronouns, conjunctions */
};

enum pl_move { PL_MOVE_GO = 0, PL_MOVE_RETURN = 1 }; /* moves[1] is "return" */
#define PL_MOVES 14

/* Word classes of function words, by vocabulary id; built into the context. */
typedef struct pl_grammar {
    uint8_t *class_of;       /* indexed by vocab id */
    size_t n;
    uint32_t place_preps[4]; /* word ids of in, at, near, outside: they name where */
    uint32_t moves[PL_MOVES]; /* lemma ids of the verbs that take someone somewhere */
} pl_grammar;

/* Interns the function words into the vocabulary and classifies them; call before
 * pl_dict_compile so that their lemmas are computed with the rest. */
int pl_grammar_init(pl_grammar *g, pl_dict *d);
void pl_grammar_free(pl_grammar *g);

struct parley_ctx {
    pl_dict dict;
    pl_grammar grammar;
    int ready;               /* grammar and dictionaries compiled: coding may start */
    pl_buf err;
    parley_diag_fn diag;
    void *diag_user;
    struct pl_sources *sources; /* what was loaded, in order: the dictionary tools read it
                                   again to say where each phrase is written (tools.h) */
    pl_gazetteer *gaz;       /* places with coordinates (parley_ctx_load_gazetteer), or NULL */
};

/* A place named in the story. */
typedef struct pl_place_ref {
    const char *name;        /* as written */
    const char *country;     /* ISO alpha-3 or NULL */
    double lat, lon;         /* from the gazetteer, when has_coords */
    uint8_t has_coords;
    uint8_t is_country;      /* the place is a whole country */
} pl_place_ref;

/* An actor phrase and what it resolved to. Strings point into the dictionary or the story's
 * scratch arena. */
typedef struct pl_chunk {
    uint32_t start, end;     /* tokens, end exclusive */
    uint32_t name_start, name_end; /* the trailing run of unknown capitalized words, if any */
    const char *code, *country, *agent, *actor;
    const char *prefix;      /* an agent that goes before the country ("NGO~"), or NULL */
    pl_place_ref place;      /* set when the phrase names a place */
    uint8_t inferred;        /* country or agent came from context */
    uint8_t has_actor;       /* a country, adjective, capital, place or named entry inside */
    uint8_t has_agent;
    uint8_t only_place;      /* nothing but a place: a capital, a known place, a country */
    uint8_t only_country;    /* nothing but a country name */
    uint8_t capital;         /* only_place, and the place is a capital: a metonym for its
                                government when it acts or is acted on ("Beijing said") */
    uint8_t after_prep;      /* a preposition stands before it ("in northern Mali") */
    uint8_t pronoun;         /* he, she, it, they, him, them: coded as what it stands for */
    uint8_t clause_subject;  /* with a parse: the subject of a subordinate clause ("whether
                                he has ...") */
    uint8_t discards;        /* a name whose code at the sentence's date is TABARI's "###":
                                the sentence codes nothing */
    uint32_t prep;           /* that preposition's token index, when after_prep */
    uint32_t stands_for;     /* they, them: 1 + the first token of the phrase in the sentence
                                they stand for, whose whole list they stand for; 0 none */
    int32_t next, prev;      /* neighbours in a list (compound), -1 for none */
} pl_chunk;

#define PL_RECENT_PEOPLE 8

/* Per-story state: memories of names and places, and the place context ("In Tokyo, ..."). */
typedef struct pl_story_state {
    pl_arena arena;
    int32_t date;            /* story date as YYYYMMDD, 0 unknown */
    pl_strmap names;         /* lower-case name -> index + 1 in name_refs */
    pl_chunk *name_refs;
    size_t name_refs_cap;
    pl_strmap places;        /* lower-case place name -> index + 1 in place_refs */
    pl_place_ref *place_refs;
    size_t place_refs_cap;
    pl_place_ref context;    /* where the story is now; name NULL when unknown */
    pl_chunk last_actor;     /* the first actor of the last sentence that had one (what a
                                pronoun opening the next sentence stands for); code NULL */
    pl_chunk last_person;    /* the same among people and roles (for "he" and "she") */
    pl_chunk last_named;     /* the first actor of the last sentence that named one in
                                words, by a pronoun or a preposition's object too */
    uint8_t forward_actor;   /* PARLEY_CODE_FORWARD_ACTOR: pronouns opening on an earlier
                                sentence take last_named's actor code */
    uint8_t claims_asserted; /* PARLEY_CODE_CLAUSE_SOURCE: what a report or denial says
                                codes, as TABARI reads every "that" clause */
    uint8_t adjacent_roles;  /* PARLEY_CODE_ADJACENT_ROLES */
    pl_chunk people[PL_RECENT_PEOPLE]; /* the last people and roles with a country, newest
                                first: "the minister" is the last minister named */
    const char *people_words[PL_RECENT_PEOPLE]; /* their words, lower case, space-separated */
    size_t npeople;
} pl_story_state;

/* The analysis of one sentence. Vectors are reused from sentence to sentence. */
typedef struct pl_sentence {
    const char *text;        /* the story text */
    pl_tokens toks;
    size_t first, n;         /* this sentence's tokens */
    pl_matches matches;
    int32_t *match_of;       /* per token: index in matches or -1 */
    uint8_t *cls;            /* per token: enum pl_class */
    size_t per_token_cap;
    pl_chunk *chunks;
    size_t nchunks, chunks_cap;
    int32_t *chunk_at;       /* per token: chunk starting there, or -1 */
    int32_t *chunk_ending;   /* per token: chunk ending at this token (inclusive), or -1 */
    uint8_t *anchor;         /* per token: PL_ANCHOR_VERB, PL_ANCHOR_NOUN or 0 (also a verb in
                                what a report says: "reports that rebels attacked") */
    const uint8_t *parse_tag; /* per token, with a parse: PL_TAG_*; NULL without */
    const int32_t *parse_subject; /* per token, with a parse (parley_code_opts.parse): the
                                chunk of its subject, PL_PARSE_UNKNOWN (read the words) or
                                PL_PARSE_NO_SUBJECT (the parse says no event: no verb, or a
                                complement clause); NULL without a parse */
    const int32_t *parse_reach; /* per token, with a parse: the token after the phrase of
                                its verb, where its targets end; NULL without a parse */
    const int32_t *parse_agent; /* per token, with a parse: the chunk of a passive verb's
                                by-phrase, or PL_PARSE_UNKNOWN (read the words); NULL
                                without a parse */
    const uint8_t *parse_object; /* per token, with a parse: 0 when the parse puts no noun
                                phrase after the verb in its phrase (no unknown target to
                                stand for); NULL without a parse */
    pl_place_ref place;      /* "in X" inside this sentence */
    const pl_strmap *adjectives; /* the dictionaries' adjectives (TABARI's list); when empty,
                                any lower-case word may be one */
    uint8_t adjacent_roles;  /* PARLEY_CODE_ADJACENT_ROLES */
} pl_sentence;

enum { PL_ANCHOR_VERB = 1, PL_ANCHOR_NOUN = 2 }; /* a pattern's word used as verb or noun */

/* A word's part of speech as a parse tags it: none aligned, a verb (VB*, MD), a noun
 * (NN*), anything else. */
enum { PL_TAG_NONE = 0, PL_TAG_VERB, PL_TAG_NOUN, PL_TAG_OTHER };

/* How a pattern fits at an anchor: chunk indexes of the source and target (-1: none) and
 * the tokens the pattern covers. */
typedef struct pl_pattern_match {
    const pl_verb_pattern *pattern;
    int32_t source, target;
    size_t start, end;       /* first token and the token after the last */
    int negated;
    int joint;               /* the source list's members act on one another (`%`) */
} pl_pattern_match;

/* The longest pattern of the anchor at token v that fits; 1 and *m filled, or 0. With
 * `sourceless`, a pattern fits without a subject (m->source -1) where the caller has other
 * ways to find the source (TABARI's rules, parley_code_opts.default_source). */
int pl_match_anchor(const parley_ctx *ctx, const pl_sentence *s, size_t v, int sourceless,
                    pl_pattern_match *m);
/* The first actor phrase with a code from token pos on, within its clause (the clause a
 * default target is looked for in); phrases no dictionary resolves are passed over. -1 if
 * none. */
int32_t pl_next_actor(const pl_sentence *s, size_t pos);
/* The subject of the word at v (see pattern.c); -1 if none. */
int32_t pl_find_subject(const pl_sentence *s, size_t v, int *negated);

/* One story's analysis: its memories and the current sentence. The coder and the dictionary
 * lookup share it, so that lookup answers what coding does. */

typedef struct pl_analysis {
    pl_story_state st;
    pl_sentence s;
} pl_analysis;

/* `text` must outlive the analysis; date YYYYMMDD, 0 unknown. */
void pl_analysis_init(pl_analysis *a, const char *text, int32_t date);
/* Tokenizes and analyses one sentence, as the coder does. 0, or -1 when out of memory. */
int pl_analysis_sentence(const parley_ctx *ctx, pl_analysis *a, pl_span span);
void pl_analysis_free(pl_analysis *a);

/* Tokenizes one sentence into a->s, as pl_analysis_sentence does before analysing it
 * (pl_analyse_sentence): a parse is aligned with the tokens in between. 0, or -1. */
int pl_analysis_tokens(const parley_ctx *ctx, pl_analysis *a, pl_span span);
/* Fills classes, chunks (resolved) and lists for tokens [s->first, s->first + s->n). */
int pl_analyse_sentence(const parley_ctx *ctx, pl_story_state *st, pl_sentence *s);
/* 1 if token i is a lower-case word ending in -ly (an adverb, most of the time). */
int pl_ends_in_ly(const pl_sentence *s, size_t i);
/* TABARI's COMMA option: drops the clauses set off by commas that are as long as `c` says
 * from the analysed sentence and analyses it again (commas.c); `dropped` is scratch of
 * s->toks.n bytes. 0, or -1 when out of memory. */
int pl_drop_comma_clauses(const parley_ctx *ctx, pl_story_state *st, pl_sentence *s,
                          const parley_comma_clauses *c, uint8_t *dropped);
/* Remembers the names and places of resolved chunks for later sentences. */
int pl_remember_sentence(const parley_ctx *ctx, pl_story_state *st, const pl_sentence *s);

/* ---- stops: where the story puts named actors (stops.c) ------------------------------------ */

/* Coordinates (and a missing country) from the gazetteer for a place the dictionaries or
 * the gazetteer named. */
void pl_locate_place(const parley_ctx *ctx, const pl_place_ref *p, parley_place *out);

struct pl_when;
/* Adds to out the stops of the analysed sentence: who moved where ("traveled to Tokyo",
 * "returned to Washington via Seoul") and, from the events coded in it since event index
 * `first_event`, who met where. */
int pl_sentence_stops(const parley_ctx *ctx, pl_analysis *an, const struct pl_when *when,
                      unsigned sentence_no, parley_events *out, size_t first_event);

/* ---- subjects from a parse (parse.c) ------------------------------------------------------- */

enum { PL_PARSE_UNKNOWN = -1, PL_PARSE_NO_SUBJECT = -2 };

struct pl_ptb;
/* With a parse of the story's words, before the sentence's analysis: leaf[0..s->n)
 * receives the parse word of each token of the sentence (-1: none), tag[token] what the
 * parse tags it (PL_TAG_*); *cursor is the next parse word, kept from sentence to
 * sentence. */
void pl_parse_align(const struct pl_ptb *t, const pl_sentence *s, size_t *cursor,
                    int32_t *leaf, uint8_t *tag);
/* After the analysis: chunks in different branches of a noun phrase the parse
 * coordinates ("(NP (NP Arnor's sheep) (CC and) (NP goats of Gondor))") become a list. */
void pl_parse_lists(const struct pl_ptb *t, pl_sentence *s, const int32_t *leaf);
/* After the analysis: marks the chunks that are subjects of subordinate clauses. */
void pl_parse_clause_subjects(const struct pl_ptb *t, pl_sentence *s, const int32_t *leaf);
/* After the analysis: subject[token] the chunk of each verb's subject, or PL_PARSE_*;
 * reach[token] the token after the verb's phrase (the sentence's end when unknown);
 * agent[token] the chunk of a passive verb's by-phrase, or PL_PARSE_UNKNOWN;
 * object[token] 0 when the verb's phrase holds no noun phrase after it (1 when unknown). */
void pl_parse_subjects(const struct pl_ptb *t, const pl_sentence *s, const int32_t *leaf,
                       int32_t *subject, int32_t *reach, int32_t *agent, uint8_t *object);

/* ---- dates of events and stops (when.c) ---------------------------------------------------- */

#define PL_WHEN_MAX 16

/* A sentence's temporal expressions that are dates. */
typedef struct pl_when {
    const parley_story *story;
    uint32_t sentence_start; /* byte offset of the sentence in the story text */
    pl_timex timex[PL_WHEN_MAX];
    size_t n;
} pl_when;

typedef struct pl_when_fields {
    const char *date, *date_end, *precision, *basis, *text; /* as in parley_event */
    int32_t first, last;     /* day numbers when basis is "text" */
} pl_when_fields;

/* Finds the dates of the sentence span of the story; story_day is PL_DATE_NONE when the
 * story has no date. */
void pl_when_scan(pl_when *w, const parley_story *story, int32_t story_day, pl_span span);
/* The date (YYYYMMDD) at which the sentence's roles are read: its first date, else the
 * story's. */
int32_t pl_when_role_date(const pl_when *w, int32_t story_ymd);
/* The date of what happens at byte `at` of the story: the sentence's date nearest to it,
 * else the story date (all NULL when there is none). Strings in arena. 0, or -1 when out of
 * memory. */
int pl_when_at(const pl_when *w, uint32_t at, pl_arena *arena, pl_when_fields *out);

static inline uint8_t pl_word_class(const pl_grammar *g, const pl_token *t)
{
    return t->word && t->word < g->n ? g->class_of[t->word] : 0;
}

#endif
