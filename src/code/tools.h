/* tools.h: the dictionary maintainers' tools (parley_dict_check, parley_dict_lookup, the
 * unknown-word collector) and what they share. Internal.
 *
 * The loaded dictionaries keep where an entry or a verb pattern is written, not where each
 * phrase, agent word or actor code is. The tools therefore read the sources the context
 * loaded once more, line by line, into a scratch dictionary (pl_dict_locs), noting the line
 * that added each phrase, agent and code. The scratch is built in the same order as the
 * context's own dictionary, so its phrase and agent indexes are the context's too. */
#ifndef PL_TOOLS_H
#define PL_TOOLS_H

#include "code/code.h"

/* ---- what a context loaded (context.c records it) ---------------------------------------- */

typedef struct pl_source {
    char *path;              /* as given to parley_ctx_load_dict, or a text's name */
    char *text;              /* a copy of parley_ctx_load_dict_text's text; NULL for a path */
    size_t len;
} pl_source;

typedef struct pl_sources {
    pl_source *v;
    size_t n, cap;
} pl_sources;

/* Appends a path (text NULL) or a text, copied; *s is created on first use. 0 or -1. */
int pl_sources_add(pl_sources **s, const char *path, const char *text, size_t len);
void pl_sources_free(pl_sources *s);

/* ---- where things are written ---------------------------------------------------------------- */

typedef struct pl_loc {
    const char *file;        /* NULL when unknown */
    long line;               /* 0 when only the file is known */
} pl_loc;

/* A finding: a load message or one of parley_dict_check's. */
typedef struct pl_finding {
    parley_severity sev;
    pl_loc at;
    const char *msg;
    size_t seq;              /* report order, to keep sorting stable */
} pl_finding;

typedef struct pl_code_locs {
    pl_loc *v;
    size_t cap;
} pl_code_locs;

typedef struct pl_dict_locs {
    pl_dict d;               /* the sources read again; strings live in d.arena */
    pl_loc *phrase;          /* per phrase index */
    size_t phrase_cap;
    pl_loc *agent;           /* per agent index */
    size_t agent_cap;
    pl_code_locs *codes;     /* per actor entry, per code index */
    size_t codes_cap;
    pl_finding *found;       /* load messages, then check findings */
    size_t nfound, found_cap;
    pl_strmap seen;          /* "entry kind words" of native actor phrases -> seen_at index */
    pl_loc *seen_at;
    size_t seen_cap;
} pl_dict_locs;

/* Reads every source again. PARLEY_EIO (msg set) when one cannot be read, PARLEY_ENOMEM. */
parley_status pl_dict_locs_build(pl_dict_locs *L, const pl_sources *src, pl_buf *msg);
void pl_dict_locs_free(pl_dict_locs *L);
/* Appends a finding (message copied). 0 or -1. */
int pl_locs_add(pl_dict_locs *L, parley_severity sev, pl_loc at, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Where code i of actor entry a is written (the entry's place when not known). */
pl_loc pl_locs_code(const pl_dict_locs *L, uint32_t a, size_t i);
/* The words of the phrase ending at trie node `node`, as the dictionary keys them ("Hong
 * Kong", "U.S."), into the arena. */
const char *pl_node_text(const pl_dict *d, const uint64_t *edge_of, uint32_t node,
                         pl_arena *arena);
/* For each trie node, the key of the edge that leads to it (pl_node_text's edge_of); the
 * caller frees it. NULL when out of memory. */
uint64_t *pl_node_edges(const pl_dict *d);

/* ---- statistics (check.c) ------------------------------------------------------------------- */

/* Fills the entry counts of parley_dict_stats: countries, IGOs/NGOs, people, others, and the
 * distinct agent codes. */
void pl_count_entries(const pl_dict *d, parley_dict_stats *out);
/* 1 if `code` (three letters) is a CAMEO agent type: GOV, MIL... */
int pl_is_cameo_agent(const char *code, size_t len);


/* ---- unknown names and verbs (unknown.c) --------------------------------------------------- */

/* Counts the unknown names and verbs of an analysed sentence (the coder's hook). 0 or -1. */
int pl_unknown_sentence(parley_unknown *u, const parley_ctx *ctx, const pl_sentence *s);

#endif
