/* foreign_verbs.h: what the TABARI and PETRARCH verb readers share (implemented in
 * tabari_verbs.c: PETRARCH's verb format is TABARI's with additions). Both read a file into
 * the same parts: synonym sets, verbs with their forms ("shapes"), and pattern lines, and
 * turn each pattern line into pl_verb_patterns, one per verb of its block and per variant
 * of its multi-word alternatives. Internal to src/lex.
 *
 * How the formats map onto pl_verb_pattern (gaps = 1, default_target = 1, noun = 0):
 *   verb (TABARI root and "{ FORMS }", PETRARCH verb lines and their "{FORMS}")
 *                   one pattern set per distinct lemma (a TABARI stem may name several
 *                   verbs: "SUPPL" is supple and supply); its other words ("BLEW_UP",
 *                   "RE_+ARREST") become items next to the anchor
 *   VERB [CODE]     the verb alone: a pattern with no items ("ATTACK [190]"; a PETRARCH
 *                   verb takes its block's code unless it has its own)
 *   *               the anchor: items left of it go to `before` nearest first
 *   $ +             PL_IT_SOURCE, PL_IT_TARGET
 *   %               PL_IT_SOURCE with `joint`: the members of the compound at that place act
 *                   on one another (before '*': the subject; after it: the list there)
 *   ^               PL_IT_SKIP (a noun phrase to pass over: up to PL_SKIP_MAX words)
 *   WORD_ / WORD    TABARI: a whole word by lemma / a stem (PL_IF_STEM, lower-case prefix);
 *                   PETRARCH: always whole words by lemma
 *   A_B             adjacent items (PL_IF_ADJACENT); a space lets PL_GAP_MAX words between
 *   { A | B }, &SET one PL_IT_ANY of the one-word alternatives, and a variant of the
 *                   pattern for each longer one (at most 16 patterns a line and verb)
 *   ( ... ) { ... } PETRARCH phrases: their words in order; "A/B" inside: PL_IT_ANY
 *   [042:043]       code and code2; [---] and [###] code nothing: the line is skipped
 * Anything else is reported with file:line, counted, and skipped (pl_dict_unsupported). */
#ifndef PL_FOREIGN_VERBS_H
#define PL_FOREIGN_VERBS_H

#include "lex/lex.h"

/* One element of a scanned sequence (a pattern, a verb, a synonym-set member). */
enum pl_fv_kind {
    PL_FV_ITEM = 1,          /* `item`: a word (by lemma or stem) or a slot ($ + % ^) */
    PL_FV_VERB,              /* the verb position; in a verb shape, item.id is the anchor */
    PL_FV_CHOICE             /* one of alternatives [first, first + n) of pl_fv_reader.alts */
};

typedef struct pl_fv_elem {
    uint8_t kind;            /* enum pl_fv_kind */
    uint8_t joined;          /* `_` joins it to the element before: no gap between them */
    uint8_t joint;           /* `%`: a source slot whose compound members act on one another */
    uint8_t one_word;        /* PL_FV_CHOICE: only its one-word alternatives (see tabari_verbs.c) */
    pl_pat_item item;
    uint32_t form;           /* PL_FV_VERB: the exact form, or 0 (pl_verb_pattern.form) */
    uint8_t noun;            /* PL_FV_VERB: a word WordNet knows no verb for ("DEATH TOLL
                                RISEN"): it may follow a determiner (pl_verb_pattern.noun) */
    uint32_t first, n;
} pl_fv_elem;

typedef struct pl_fv_vec {
    pl_fv_elem *v;
    size_t n, cap;
} pl_fv_vec;

/* An alternative: elements [first, first + n) of pl_fv_reader.pool, words only. */
typedef struct pl_fv_alt {
    uint32_t first, n;
} pl_fv_alt;

/* A verb as a block lists it: elements with exactly one PL_FV_VERB, in pl_fv_reader.shape_pool.
 * The other elements are the words of a multi-word verb ("BLEW_UP", "RE_+ARREST"). */
typedef struct pl_fv_shape {
    uint32_t first, n;
    const char *name;        /* the verb as written, for pattern texts (in the input) */
    uint32_t name_len;
} pl_fv_shape;

/* A pattern line of the current block, read when the block ends (PETRARCH lists a block's
 * verbs before and after its patterns alike). */
typedef struct pl_fv_line {
    const char *s;
    uint32_t len;
    long line;
} pl_fv_line;

enum pl_fv_syntax { PL_FV_TABARI, PL_FV_PETRARCH };

typedef struct pl_fv_reader {
    pl_dict_source *src;
    enum pl_fv_syntax syntax;
    pl_arena keep;           /* stems of items, for the whole file */
    pl_arena scratch;        /* per pattern line: alternative arrays and texts */
    pl_fv_vec pool;          /* words of alternatives: synonym sets first, then one line's */
    pl_fv_alt *alts;
    size_t nalts, alts_cap;
    pl_strmap synset_ids;    /* "&NAME" -> index + 1 in synsets */
    pl_fv_alt *synsets;      /* ranges of alts */
    size_t nsynsets, synsets_cap;
    uint32_t open_synset;    /* index + 1 of the synonym set `+` lines add to, 0 for none */
    /* The current block. */
    pl_fv_vec shape_pool;
    pl_fv_shape *shapes;
    size_t nshapes, shapes_cap;
    pl_fv_line *lines;
    size_t nlines, lines_cap;
    int block_open;          /* a verb block (or TABARI root) is being read */
    int block_dead;          /* its verb could not be anchored: its patterns are skipped */
} pl_fv_reader;

int pl_fv_init(pl_fv_reader *rd, pl_dict_source *src, enum pl_fv_syntax syntax);
void pl_fv_free(pl_fv_reader *rd);

/* Calls fn(rd, s, end) for each line of text[0..len) with src->line set, its end-of-line
 * (LF or CRLF) cut; stops at -1. Never reads past text + len. */
typedef int (*pl_fv_line_fn)(pl_fv_reader *rd, const char *s, const char *end);
int pl_fv_each_line(pl_fv_reader *rd, const char *text, size_t len, pl_fv_line_fn fn);

/* Codes: "[042]", "[042:043]". PL_FV_CODE_NULL for the null codes "---" and "###"; BAD for
 * anything else that is not 2-4 digits (with or without a pair). */
enum pl_fv_code { PL_FV_CODE_OK, PL_FV_CODE_NULL, PL_FV_CODE_BAD };
typedef struct pl_fv_codes {
    char code[8], code2[8];  /* code2 "" when there is no pair */
} pl_fv_codes;
enum pl_fv_code pl_fv_parse_code(const char *s, const char *end, pl_fv_codes *out);
/* A construct parley cannot map: a counted warning with file:line (pl_dict_unsupported). */
void pl_fv_unsupported(pl_fv_reader *rd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Splits "BODY [CODE] tail" at its last '[': *code_start..*code_end is the inside of the
 * brackets. 0 when there is none or the tail after ']' is not blank. */
int pl_fv_split_code(const char *s, const char *end, const char **body_end,
                     const char **code_start, const char **code_end);

/* Appends the items of one word (tokenized like stories, lower-cased) to out: the first
 * item with `joined`, the rest adjacent. With stem (TABARI words written without a closing
 * '_') the last token matches by prefix; otherwise every token matches by lemma. */
int pl_fv_add_word(pl_fv_reader *rd, pl_fv_vec *out, const char *w, size_t len, int stem,
                   int joined);
/* Scans a pattern body or a synonym-set member into `out`. Reports malformed
 * text (error) and constructs parley cannot map (unsupported) itself: returns 1 then, 0 on
 * success, -1 when out of memory. `member`: a synonym-set member (words and sets only). */
int pl_fv_scan(pl_fv_reader *rd, pl_fv_vec *out, const char *s, const char *end, int member);

/* Synonym sets: a line "&NAME" (name ending at name_end) starts one, "+MEMBER" lines add
 * to it (pl_fv_synset_member, with the '+' cut). */
int pl_fv_synset_line(pl_fv_reader *rd, const char *s, const char *name_end, const char *end);
int pl_fv_synset_member(pl_fv_reader *rd, const char *s, const char *end);

#define PL_FV_ANCHORS_MAX 4
/* The lemma ids a verb word anchors at, into ids[PL_FV_ANCHORS_MAX]; how many, 0 for none (and
 * not out of memory: *oom tells). A whole word is the one token it is. TABARI writes stems
 * ("ACCUS", "ACCELERAT", "SUPPL"): with stem set, the verbs WordNet knows that the stem
 * begins are looked for (tabari_verbs.c, resolve_stem); when there is none the stem is the
 * word as written, and *noun is set. */
size_t pl_fv_anchors(pl_fv_reader *rd, const char *w, size_t len, int stem, uint32_t *ids,
                     int *oom, int *noun);
/* The word id of w when it is not its own lemma ("left" of "leave", TABARI's "BANNED"), or
 * whenever as_written (TABARI's "BAN="), else 0: the patterns of such an entry take that
 * form only. */
uint32_t pl_fv_form(pl_fv_reader *rd, const char *w, size_t len, int as_written);

/* A verb of the current block: `elems` holds one PL_FV_VERB. Shapes equal to one the block
 * has are dropped (regular and irregular forms share a lemma); 1 when it was new. If it was
 * new and `codes` is not NULL, the verb alone codes it (TABARI "ATTACK [190]"). */
int pl_fv_add_shape(pl_fv_reader *rd, const pl_fv_vec *elems, const char *name, size_t len,
                    const pl_fv_codes *codes);
/* Keeps a pattern line for the end of the block. */
int pl_fv_add_line(pl_fv_reader *rd, const char *s, const char *end);
/* Ends the current block: each kept pattern line becomes patterns for each verb shape. */
int pl_fv_end_block(pl_fv_reader *rd);

#endif
