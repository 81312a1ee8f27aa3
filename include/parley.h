/* parley.h: the public interface of libparley, a fast event coder for news text.
 *
 * Ownership, stated once: a function named *_new or *_open returns an object the caller owns
 * and releases with the matching *_free. Every `const char *` a getter returns is owned by
 * the object it was read from and stays valid until that object is freed. Nothing else is
 * ever handed to the caller to free.
 *
 * Errors: functions return a parley_status (PARLEY_OK is 0, errors are negative). The text
 * of the last error is read with parley_errmsg() on the context, or parley_reader_errmsg()
 * on a reader. Warnings that do not stop the work (a repaired byte, a broken dictionary line)
 * go to the diagnostic callback, if one is set. The library never prints and never exits.
 *
 * Threads: a context is filled (parley_ctx_load_dict) by one thread; after
 * parley_ctx_compile() it is read-only and may be shared by threads that each code their own
 * stories. Readers, stories and event lists belong to one thread at a time.
 */
#ifndef PARLEY_H
#define PARLEY_H

#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define PARLEY_API __attribute__((visibility("default")))
#else
#define PARLEY_API
#endif

typedef enum parley_status {
    PARLEY_OK = 0,
    PARLEY_END = 1,          /* a reader has no more stories: not an error */
    PARLEY_ENOMEM = -1,      /* out of memory */
    PARLEY_EIO = -2,         /* a file could not be opened or read */
    PARLEY_EPARSE = -3,      /* malformed input; the reader skipped one story and can go on */
    PARLEY_EINVAL = -4,      /* a bad argument */
    PARLEY_EDICT = -5        /* dictionaries could not be used */
} parley_status;

typedef enum parley_severity { PARLEY_WARNING = 1, PARLEY_ERROR = 2 } parley_severity;

/* Receives warnings and errors with the file and 1-based line they concern (file may be
 * NULL, line 0 when unknown). The message is valid only during the call. */
typedef void (*parley_diag_fn)(void *user, parley_severity severity, const char *file,
                               long line, const char *message);

PARLEY_API const char *parley_version(void);
/* A static English name for a status, e.g. "malformed input". */
PARLEY_API const char *parley_status_str(parley_status status);

/* ---- context: dictionaries and options ------------------------------------------------ */

typedef struct parley_ctx parley_ctx;

/* NULL when out of memory. */
PARLEY_API parley_ctx *parley_ctx_new(void);
PARLEY_API void parley_ctx_free(parley_ctx *ctx);
PARLEY_API void parley_ctx_set_diag(parley_ctx *ctx, parley_diag_fn fn, void *user);

/* Loads a dictionary file, or every dictionary file in a directory (by extension: .actors,
 * .agents, .verbs, .discards, .events), or several of these joined with ':'. A malformed
 * line is reported to the diagnostic callback with file:line and skipped; the load goes on.
 * Returns PARLEY_EIO when a path cannot be read. May be called several times before
 * parley_ctx_compile(). */
PARLEY_API parley_status parley_ctx_load_dict(parley_ctx *ctx, const char *path);
/* Loads dictionary text held in memory; `name` names it in messages and its extension
 * (e.g. "test.verbs") says what it holds. */
PARLEY_API parley_status parley_ctx_load_dict_text(parley_ctx *ctx, const char *name,
                                                   const char *text, size_t len);
/* Builds the matcher. Called by the first parley_code() if not called before; call it
 * yourself before sharing the context between threads. PARLEY_EDICT if nothing is loaded. */
PARLEY_API parley_status parley_ctx_compile(parley_ctx *ctx);
/* Compiles (if needed) and saves the dictionaries as one binary file that
 * parley_ctx_load_dict() loads back without parsing (it recognizes the file by its first
 * bytes; it must be the only dictionary loaded). The file carries the content hash of the
 * text it was built from, and a checksum: a damaged file gives PARLEY_EDICT. It is for the
 * machine kind that wrote it (byte order). */
PARLEY_API parley_status parley_ctx_save_dict(parley_ctx *ctx, const char *path);
/* A hash of the loaded dictionaries' contents (16 hex digits, owned by the context), set by
 * parley_ctx_compile(); "" before. Every event carries it. */
PARLEY_API const char *parley_ctx_dict_hash(const parley_ctx *ctx);
/* The message of the last error on this context ("" if none). */
PARLEY_API const char *parley_errmsg(const parley_ctx *ctx);

/* Loads the gazetteer that gives places their coordinates and finds place names no
 * dictionary knows ("arrived in Tianjin"): the file build/geo/places.gaz that the build
 * makes from GeoNames data (installed as PREFIX/share/parley/geo/places.gaz). Without one,
 * events carry the place names and countries the dictionaries know, without coordinates.
 * PARLEY_EIO when the file cannot be read, PARLEY_EDICT when it is damaged (parley_errmsg()
 * names the file). Call before sharing the context between threads. */
PARLEY_API parley_status parley_ctx_load_gazetteer(parley_ctx *ctx, const char *path);

typedef struct parley_dict_stats {
    size_t actors, actor_names, agents, agent_names, verb_patterns, verb_roots, discards,
        event_codes, warnings, errors;
    /* Actor entries by type: `type: country`; `igo` or `ngo`; `person`; any other. */
    size_t countries, igos, people, other_actors;
    size_t agent_codes;      /* distinct agent codes ("GOV", "MIL"...) */
    size_t plover_maps;      /* CAMEO event codes given a PLOVER type by a .map file */
    size_t unsupported;      /* constructs of foreign formats skipped (among the warnings) */
} parley_dict_stats;
PARLEY_API void parley_ctx_dict_stats(const parley_ctx *ctx, parley_dict_stats *out);

/* ---- stories ---------------------------------------------------------------------------- */

typedef struct parley_story parley_story;

/* Copies its arguments. `date` is "YYYY-MM-DD" or NULL for unknown; `text` must be valid
 * UTF-8 (readers repair it). NULL when out of memory. */
PARLEY_API parley_story *parley_story_new(const char *id, const char *date, const char *title,
                                          const char *text, size_t text_len);
PARLEY_API void parley_story_free(parley_story *story);
PARLEY_API const char *parley_story_id(const parley_story *story);
PARLEY_API const char *parley_story_date(const parley_story *story);   /* NULL if unknown */
PARLEY_API const char *parley_story_title(const parley_story *story);  /* "" if none */
PARLEY_API const char *parley_story_text(const parley_story *story);
PARLEY_API size_t parley_story_text_len(const parley_story *story);
PARLEY_API const char *parley_story_url(const parley_story *story);    /* NULL if none */
/* Where the story came from: file name and the 1-based line it starts on. */
PARLEY_API const char *parley_story_file(const parley_story *story);
PARLEY_API long parley_story_line(const parley_story *story);

/* ---- readers ------------------------------------------------------------------------------ */

typedef enum parley_format {
    PARLEY_FORMAT_AUTO = 0,  /* news records if the first non-blank line is "date ...",
                                JSON Lines if it starts with '{', plain text otherwise */
    PARLEY_FORMAT_NEWS,      /* "date YYYY-MM-DD title" line, then the body; repeatable */
    PARLEY_FORMAT_JSONL,     /* {"id","date","title","text","url"} a line */
    PARLEY_FORMAT_TEXT       /* the whole input is one story; date from the options */
} parley_format;

typedef struct parley_reader_opts {
    parley_format format;
    const char *date;        /* story date for PARLEY_FORMAT_TEXT (and news/JSONL stories
                                that lack one); NULL: unknown */
    parley_diag_fn diag;     /* warnings: repaired UTF-8, missing dates */
    void *diag_user;
} parley_reader_opts;

typedef struct parley_reader parley_reader;

/* Opens a file ("-" is standard input). `opts` may be NULL. On PARLEY_EIO *out is NULL and
 * the message is written to `err` (if not NULL) of size `errlen`. */
PARLEY_API parley_status parley_reader_open(parley_reader **out, const char *path,
                                            const parley_reader_opts *opts, char *err,
                                            size_t errlen);
/* Reads from memory; `name` is used in messages and story ids. The buffer is copied. */
PARLEY_API parley_status parley_reader_open_mem(parley_reader **out, const char *name,
                                                const char *data, size_t len,
                                                const parley_reader_opts *opts);
/* The next story: PARLEY_OK with *story set (the caller owns it), PARLEY_END at the end,
 * PARLEY_EPARSE when a story was malformed and skipped (read on), PARLEY_EIO on a read error
 * (stop), PARLEY_ENOMEM. */
PARLEY_API parley_status parley_reader_next(parley_reader *reader, parley_story **story);
PARLEY_API const char *parley_reader_errmsg(const parley_reader *reader);
/* The format detected or chosen. */
PARLEY_API parley_format parley_reader_format(const parley_reader *reader);
PARLEY_API void parley_reader_free(parley_reader *reader);

/* ---- events ------------------------------------------------------------------------------- */

/* A participant. Unknown values are NULL, never guessed. */
typedef struct parley_actor {
    const char *text;        /* the words in the story */
    const char *code;        /* CAMEO actor code, e.g. "USAGOV" */
    const char *country;     /* ISO 3166-1 alpha-3 or an IGO code, e.g. "USA", "NATO" */
    const char *agent;       /* agent code, e.g. "GOV" */
    const char *actor;       /* the dictionary entry of a named actor, e.g. "JOHN_KERRY" */
    int inferred;            /* 1: country or agent came from context, not the phrase */
} parley_actor;

typedef struct parley_place {
    const char *name;
    const char *country;     /* ISO alpha-3, NULL if unknown */
    double lat, lon;
    int has_coords;          /* 0: lat and lon are unknown */
} parley_place;

typedef struct parley_event {
    unsigned sentence;       /* 1-based within the story body */
    const char *date;        /* "YYYY-MM-DD", NULL if unknown; the first day of a range, a
                                week, a month or a year */
    const char *date_end;    /* its last day, NULL when it is one day */
    parley_actor source, target;
    const char *code;        /* CAMEO event code, e.g. "042" */
    const char *root;        /* its two-digit root, e.g. "04" */
    const char *code_name;   /* the code's name in the event table, NULL if not listed */
    int quad_class;          /* 1 verbal cooperation, 2 material cooperation, 3 verbal
                                conflict, 4 material conflict; 0 unknown */
    double goldstein;
    int has_goldstein;
    const parley_place *place; /* NULL when not known */
    const char *pattern;     /* the rule that matched: "file:line pattern" */
    size_t span_start, span_end; /* byte range in the story text */
    const char *dict_hash;   /* content hash of the dictionaries that coded it (16 hex) */
    const char *plover;      /* the PLOVER event type of `code`, NULL if not mapped */
    const char *plover_mode; /* its PLOVER mode, NULL if none */
    /* When: `date` (and `date_end` for a span of days) come from a temporal expression of
     * the event's sentence ("on Tuesday", "from August 31 to September 3, 2021") resolved
     * against the story date, else from the story date. */
    const char *date_precision; /* "day", "week", "month" or "year"; NULL when no date */
    const char *date_basis;  /* "text" or "story"; NULL when no date */
    const char *date_text;   /* the expression, when date_basis is "text" */
} parley_event;

typedef struct parley_events parley_events;

/* Codes one story. On PARLEY_OK *out holds the events (possibly none); the caller owns it. */
PARLEY_API parley_status parley_code(parley_ctx *ctx, const parley_story *story,
                                     parley_events **out);
PARLEY_API size_t parley_events_count(const parley_events *events);
/* The i-th event, owned by `events`. */
PARLEY_API const parley_event *parley_events_get(const parley_events *events, size_t i);
/* Sentences the coder saw in the story body. */
PARLEY_API size_t parley_events_sentences(const parley_events *events);
PARLEY_API void parley_events_free(parley_events *events);

/* Where the story puts named actors: one stop per actor and place, in text order. A stop
 * comes from a verb that takes someone somewhere ("traveled to Tokyo", "returned to
 * Washington via Seoul": kinds "visit", "return", "transit") or from an event with a place
 * whose side is a named actor ("met ... in Tianjin": "meeting"). A stop dated only by the
 * story, at a place the story already took the actor to, adds nothing and is left out. */
typedef struct parley_stop {
    unsigned sentence;       /* 1-based within the story body */
    const char *name;        /* the actor's name: "John Kerry" (from the dictionary entry
                                JOHN_KERRY), or the words of a name no entry knows */
    parley_actor actor;      /* the actor as coded */
    parley_place place;      /* has_coords 0 when no gazetteer gave coordinates */
    const char *date, *date_end, *date_precision, *date_basis, *date_text; /* as events */
    const char *kind;        /* "visit", "return", "transit" or "meeting" */
    const char *cue;         /* the word that placed them: "traveled", "via", "met" */
    size_t span_start, span_end; /* byte range in the story text */
} parley_stop;

PARLEY_API size_t parley_events_stops(const parley_events *events);
/* The i-th stop, owned by `events`. */
PARLEY_API const parley_stop *parley_events_stop(const parley_events *events, size_t i);

/* ---- writers ------------------------------------------------------------------------------ */

typedef enum parley_output { PARLEY_OUTPUT_JSONL = 0, PARLEY_OUTPUT_TABLE } parley_output;

/* Writes the header line of a format that has one (table); nothing for JSON Lines. */
PARLEY_API parley_status parley_write_header(FILE *out, parley_output format);
/* Writes a story's events. PARLEY_EIO when the stream fails. */
PARLEY_API parley_status parley_write_events(FILE *out, parley_output format,
                                             const parley_story *story,
                                             const parley_events *events);

enum parley_write_flags {
    PARLEY_WRITE_PLOVER = 1  /* add the PLOVER type and mode ("plover" in JSON Lines; the
                                table's EVENT column shows the PLOVER type) */
};
/* parley_write_events with flags (enum parley_write_flags). */
PARLEY_API parley_status parley_write_events_with(FILE *out, parley_output format,
                                                  unsigned flags, const parley_story *story,
                                                  const parley_events *events);

/* ---- dictionary tools ---------------------------------------------------------------------- *
 * For people who write dictionaries: a linter, an explanation of how a phrase is read, and a
 * count of the names and verbs no dictionary knows. parley_dict_check() and
 * parley_dict_lookup() read the dictionary sources the context loaded once more (files from
 * disk, texts from the copy the context keeps) to tell where each phrase is written: they
 * are tools, not for a coding loop, and run on one thread at a time. */

typedef struct parley_check_counts {
    size_t warnings, errors;
} parley_check_counts;

/* Lints the dictionaries loaded into ctx (before or after parley_ctx_compile()). Reports
 * what loading reports (malformed lines) and:
 * - a phrase listed twice in one entry (warning); a phrase of two entries (warning; an error
 *   when it is a name, adjective or people of both, or a place of both, and their codes
 *   differ: the coder would take one of them silently);
 * - two codes of one entry whose date ranges overlap: an error when the codes differ, unless
 *   the ranges share only their boundary day (a handover); a warning when they are the same;
 * - an actor code or `country:` whose first three letters are no three-letter code of a
 *   loaded entry (a country, a region) nor a CAMEO generic one (IGO, NGO, IMG, MNC...), when
 *   any entry has a three-letter code (error); a role after the country part that is no
 *   CAMEO agent type (warning);
 * - an agent code that is no CAMEO agent type, or roles joined ("GOVMED") of which one is
 *   not (warning); one agent phrase under two codes (error; the same code twice: warning);
 * - a verb pattern code that is not in the loaded event table, when one is loaded (error);
 *   two patterns with the same anchor and items: the same code (warning), other codes
 *   (error: file order decides).
 * Findings go to fn (if not NULL) sorted by file and line (file NULL last); *counts (if not
 * NULL) receives their number. PARLEY_EDICT when nothing was loaded, PARLEY_EIO when a file
 * cannot be read again (parley_errmsg() says which), PARLEY_ENOMEM. */
PARLEY_API parley_status parley_dict_check(parley_ctx *ctx, parley_diag_fn fn, void *user,
                                           parley_check_counts *counts);

typedef enum parley_lookup_what {
    PARLEY_LOOKUP_ENTRY = 1, /* a dictionary entry that a span of the phrase matches */
    PARLEY_LOOKUP_ACTOR      /* an actor phrase, resolved as the coder resolves it */
} parley_lookup_what;

/* One answer of parley_dict_lookup(). Strings are valid only during the callback. */
typedef struct parley_lookup_item {
    parley_lookup_what what;
    size_t start, end;       /* the span: bytes of the phrase */
    const char *text;        /* those bytes */
    const char *why;         /* one sentence: why this code applies, or why none does */
    /* PARLEY_LOOKUP_ENTRY */
    const char *kind;        /* "name", "adjective", "demonym", "capital", "place", "agent",
                                "discard sentence", "discard story" */
    const char *entry;       /* the actor entry's ID, or the agent code; NULL for discards */
    const char *type;        /* the actor entry's `type:` ("" if none); NULL for others */
    const char *code;        /* the actor's code at the date, the agent's code; NULL: none */
    const char *file;        /* where the phrase is written (else its entry); NULL when */
    long line;               /* unknown, line 0 when only the file is known */
    /* PARLEY_LOOKUP_ACTOR */
    parley_actor actor;      /* actor.code NULL when no code applies */
    const char *place;       /* the place the phrase names, NULL if none */
    const char *place_country;
} parley_lookup_item;

typedef void (*parley_lookup_fn)(void *user, const parley_lookup_item *item);

/* Reads `phrase` as one sentence of a story dated `date` ("YYYY-MM-DD", NULL: unknown) with
 * the coder's own matching and analysis, and reports in text order each dictionary entry a
 * span matches (for one span, in the order the coder reads them: the first name wins), then
 * each actor phrase with the code the coder gives it. Compiles ctx if needed. PARLEY_EINVAL
 * for a bad date, PARLEY_EDICT when the dictionaries cannot be used. */
PARLEY_API parley_status parley_dict_lookup(parley_ctx *ctx, const char *phrase,
                                            const char *date, parley_lookup_fn fn, void *user);

/* Names and verbs no dictionary knows, counted over the stories coded with it; one
 * collector per thread, merged at the end. See parley_code_with(). */
typedef struct parley_unknown parley_unknown;

typedef enum parley_unknown_kind {
    PARLEY_UNKNOWN_NAME = 1, /* capitalized words of an actor phrase that no entry names:
                                "Taro Yamada" in "Japanese Prime Minister Taro Yamada" */
    PARLEY_UNKNOWN_VERB      /* the lemma of the word after a resolved subject that no verb
                                pattern starts with ("pledged" gives "pledge") */
} parley_unknown_kind;

typedef struct parley_unknown_item {
    const char *text;        /* owned by the collector */
    size_t count;
} parley_unknown_item;

/* NULL when out of memory. */
PARLEY_API parley_unknown *parley_unknown_new(void);
PARLEY_API void parley_unknown_free(parley_unknown *unknown);
/* Adds the counts of `from` to `into`. */
PARLEY_API parley_status parley_unknown_merge(parley_unknown *into, const parley_unknown *from);
/* How many different names (verbs) were seen. */
PARLEY_API size_t parley_unknown_distinct(const parley_unknown *unknown,
                                          parley_unknown_kind kind);
/* Writes the n most frequent of a kind to out[0..n), most frequent first (ties in byte
 * order of the text); returns how many were written. */
PARLEY_API size_t parley_unknown_top(const parley_unknown *unknown, parley_unknown_kind kind,
                                     parley_unknown_item *out, size_t n);

enum parley_code_flags {
    /* Also code events one side of which is unknown, as PETRARCH does: that side's code is
     * "---", or "---" and its agent ("---GOV": an official of no known country); its
     * country is NULL, and its text "" when no words name it (a verb with no object). */
    PARLEY_CODE_PARTIAL = 1,
    /* Date every event by its story, as coders that read no dates do: no temporal
     * expressions are looked for (date_basis is always "story"). */
    PARLEY_CODE_STORY_DATES = 2,
    /* An actor known only by its role ("guerrillas", "security forces") is coded "~" and
     * its agent ("~REB"), as TABARI's CONVERT AGENT option does; without this flag such an
     * actor codes no event unless the story places it. */
    PARLEY_CODE_AGENT_ONLY = 4,
    /* TABARI's source and target rules for a verb whose sides no phrase next to it fills.
     * SOURCE_AFTER: a verb whose subject no dictionary names takes the source of the last
     * verb of the sentence that coded an event from its subject ("Japan urged Chile to
     * restore ties": JPN for "restore"), else the first actor of its clause (a clause ends
     * at "and", "or", "but", ";"), before the verb or after it, and then the next actor
     * after that one as target ("Talks restored ties with Japan and Chile": JPN -> CHL).
     * TARGET_BEFORE: with no actor after the verb (and no target item in its pattern), the
     * nearest actor before it other than the source is the target ("Japan urged Chile to
     * restore ties": JPN -> CHL for "restore"). Both are TABARI's defaults; its DEFAULT
     * option with PRIOR (AFTER) turns the first (the second) off. */
    PARLEY_CODE_SOURCE_AFTER = 8,
    PARLEY_CODE_TARGET_BEFORE = 16,
    /* How many verbs of a sentence code events (TABARI's SET: CODE BY): all of them when
     * neither flag is set; with BY_SENTENCE only the first verb that codes one; with
     * BY_CLAUSE the first of each clause, a clause ending at "and", "or", "but" or a
     * semicolon ("and" between two plain words, as in "trade and aid", ends none). When
     * both are set, BY_SENTENCE wins. */
    PARLEY_CODE_BY_SENTENCE = 32,
    PARLEY_CODE_BY_CLAUSE = 64,
    /* A pronoun that stands for an actor of an earlier sentence takes the first actor that
     * sentence names in words (not by a pronoun), and only its actor code, without the
     * agent: "The Chilean president spoke. He urged Peru ...": CHL -> PER, as TABARI's
     * FORWARD option codes it. */
    PARLEY_CODE_FORWARD_ACTOR = 128,
    /* TABARI's default target: a pattern with no target item takes the first phrase after
     * it that a dictionary codes (other than the source), passing over names none knows
     * ("ties with Boromir in Gondor": GON when Boromir is coded nothing). */
    PARLEY_CODE_SKIP_UNKNOWN = 256,
    /* TABARI's clause conventions: one source per clause. The verb of a "that" clause takes
     * the source of the clause that opens it ("Kenya asked that Chad help": KEN, and with
     * TARGET_BEFORE CHD as target); a subject named in an earlier clause (before "and",
     * "or", "but", ";") is not the verb's, whose source the rules above then find (to
     * the clause's end, past "that", as a target the predicate does not name); what a
     * report says or a denial denies codes; a subject list inside a prepositional phrase
     * acts whole ("Talks between Kenya and Chad eased ..."). */
    PARLEY_CODE_CLAUSE_SOURCE = 512,
    /* TABARI's roles: a role gives its code only to the country right next to it
     * ("Kenya's government", "Kenyan police", "police of Kenya"; not "Kenya's fragile and
     * divided government": KEN; a possessive owns the title and name a word or two on:
     * "Kenya's first Deputy President Ruto" is KEN too), and a role before a list of
     * countries is only the first one's ("the ambassadors of France, Germany and Italy":
     * FRAGOV, DEU, ITA). */
    PARLEY_CODE_ADJACENT_ROLES = 1024
};

/* TABARI's COMMA option: a clause set off by commas is dropped before coding when its
 * words number from min to max (between two commas), end_min to end_max (from the last
 * comma to the end) or begin_min to begin_max (from the start to a comma). A range whose
 * max is 0 drops nothing; commas between the members of a list of actors set nothing off. */
typedef struct parley_comma_clauses {
    unsigned min, max, end_min, end_max, begin_min, begin_max;
} parley_comma_clauses;

typedef struct parley_code_opts {
    parley_unknown *unknown; /* if not NULL, counts the story's unknown names and verbs */
    unsigned flags;          /* enum parley_code_flags */
    /* A Penn Treebank parse of the story's words, "(ROOT (S (NP ...) (VP ...)))", as
     * PETRARCH's records carry one; NULL for none. When given, its tags say which words are
     * verbs, noun phrases it coordinates are lists, the subject of each verb is the noun
     * phrase the parse puts before its verb phrase, and a pattern's words and targets stay
     * inside that verb phrase (docs/design.md, "With a parse"); words the parse and the
     * text do not share, and verbs it gives no actor as subject, are read as without it. A
     * parse that is no well-formed bracketing is PARLEY_EPARSE (parley_errmsg() says
     * where). */
    const char *parse;
    /* TABARI's DEFAULT option: the code of the source (target) of an event whose verb has
     * none the text names (after PARLEY_CODE_SOURCE_AFTER and _TARGET_BEFORE, when set);
     * NULL: no event without one. */
    const char *default_source, *default_target;
    /* Sentences of fewer words than this code nothing (TABARI's SET: MINIMUM WORDS);
     * 0: no minimum. */
    unsigned min_words;
    /* TABARI's COMMA option; all zero (the default) drops nothing. Not with `parse`: the
     * words would no longer be the parse's. */
    parley_comma_clauses commas;
} parley_code_opts;

/* parley_code() with options; `opts` may be NULL. The collector is written to: give each
 * thread its own. */
PARLEY_API parley_status parley_code_with(parley_ctx *ctx, const parley_story *story,
                                          const parley_code_opts *opts, parley_events **out);

#ifdef __cplusplus
}
#endif
#endif /* PARLEY_H */
