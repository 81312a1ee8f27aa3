/* foreign.h: what the TABARI and PETRARCH dictionary readers share. Both formats write
 * phrases in capitals with '_' between words, codes in brackets with optional dates, actor
 * records as a head line, '+' synonyms and code lines, agents as "PHRASE {PLURAL} [~CODE]"
 * and discards as one phrase a line; they differ in comments, stems, '~' and substitution
 * sets, which the two reader files handle. Internal to the lex stage. */
#ifndef PL_FOREIGN_H
#define PL_FOREIGN_H

#include "lex/lex.h"

/* A piece of an actor record, copied out of its line (lines are scratch). */
typedef struct pl_fslice {
    size_t off, len;         /* in pl_frecord.text */
    long line;
} pl_fslice;

enum pl_fcode_kind {
    PL_FC_CODE,              /* an actor code */
    PL_FC_NULL,              /* [---]: no code */
    PL_FC_DISCARD            /* [###]: TABARI's discard code */
};

typedef struct pl_fcode {
    pl_fslice code;
    int32_t from, to;        /* PL_DATE_MIN..PL_DATE_MAX when undated */
    uint8_t kind;            /* enum pl_fcode_kind */
} pl_fcode;

/* One actor record until the next head line ends it. */
typedef struct pl_frecord {
    pl_buf text;
    pl_fslice *phrases;      /* [0] is the head phrase */
    size_t nphrases, phrases_cap;
    pl_fcode *codes;
    size_t ncodes, codes_cap;
    int open;
} pl_frecord;

/* An approximation parley makes for a file: how often, and where first (for the message). */
typedef struct pl_fcount {
    size_t n;
    long first;
} pl_fcount;

/* The shape of a phrase as written. */
enum { PL_FP_EXACT = 1,      /* ends with '_': a whole word (else a TABARI stem) */
       PL_FP_GAP = 2,        /* a space between words: TABARI lets other words come between */
       PL_FP_HYPHEN = 4,     /* a hyphen inside: tokenized one way in capitals, another in
                              * lower case ("SEMI-OFFICIAL" splits, "semi-official" not) */
       PL_FP_AS_WRITTEN = 8 }; /* ends with '=' (TABARI): a whole word without noun endings */

typedef struct pl_foreign {
    pl_dict_source *src;
    const char *p, *end;     /* the text not read yet */
    const char *lf;          /* the next LF at or after p, or end (NULL: not searched yet) */
    pl_buf line;             /* the current line: comments cut, trimmed */
    unsigned raw_tabs;       /* tab characters in the current line as written */
    int in_xml;              /* inside a <!-- ... --> comment */
    long xml_line;
    int tabari_lines;        /* TABARI: '/' starts a comment line, '~' ends the dictionary */
    int count_stems;         /* the format stems words that lack a final '_' (TABARI) */
    int count_gaps;          /* the format lets words come between space-separated words */
    int noun_endings;        /* an actor's whole word also takes a plural "s" (TABARI:
                                "LIBYA_" matches "Libyas") */
    pl_buf phrase;           /* a phrase converted to words separated by spaces */
    pl_buf scratch;          /* IDs, lower-case forms, expansions */
    pl_frecord rec;
    pl_fcount gaps, no_code;
    int agent_as_written;    /* the agent line being read says {}: PL_PHRASE_AS_WRITTEN */
} pl_foreign;

void pl_foreign_init(pl_foreign *f, pl_dict_source *src, const char *text, size_t len);
/* The next line with content in [*s, *e): 1; 0 at the end of the text; -1 out of memory.
 * '#' and ';' start comments outside brackets ([###] is a code), <!-- --> comments may span
 * lines, lines starting "<!" are comments; CRLF, CR and LF end lines; a line holding a NUL
 * byte is an error and skipped. */
int pl_foreign_next_line(pl_foreign *f, const char **s, const char **e);
/* Reports the file's approximations, one warning each, frees f; returns rc. */
int pl_foreign_finish(pl_foreign *f, int rc);
/* A line this format has no use for ("<TAG>"): reported as unsupported. */
void pl_foreign_unsupported_line(pl_foreign *f, const char *what, const char *s, const char *e);

/* [s, e) written with '_' or spaces between words into f->phrase, words separated by one
 * space; *shape gets PL_FP_*. 0; 1 when it has no words; -1 out of memory. */
int pl_foreign_phrase(pl_foreign *f, const char *s, const char *e, unsigned *shape);
/* Adds f->phrase for an entry, case ignored, and counts the file's approximations.
 * -1 only when out of memory. */
int pl_foreign_add(pl_foreign *f, enum pl_phrase_kind kind, uint32_t entry, unsigned shape);

/* ---- actors -------------------------------------------------------------------------------- */

/* One line of an actor file: a head "PHRASE [CODE] ...", a synonym "+PHRASE" or a code line
 * "[CODE DATES]". A head line ends the record before it. -1 only when out of memory. */
int pl_foreign_actor_line(pl_foreign *f, const char *s, const char *e);
/* Ends the open record: makes its entry, phrases and codes. */
int pl_foreign_actor_end(pl_foreign *f);

/* ---- agents -------------------------------------------------------------------------------- */

typedef struct pl_fagent {
    const char *phrase, *phrase_end;
    const char *plural, *plural_end; /* inside {...}; NULL when there is none or {} */
    const char *code;                /* without '~', in the dictionary's arena */
} pl_fagent;

/* "PHRASE {PLURAL} [~CODE]" (or CODE~). need_tilde: a code without '~' is an error (TABARI).
 * 1 when parsed, 0 when malformed (reported), -1 out of memory. */
int pl_foreign_agent_parse(pl_foreign *f, const char *s, const char *e, int need_tilde,
                           pl_fagent *out);
/* One agent phrase as written ([s, e) with '_'), added with its code. */
int pl_foreign_agent_add(pl_foreign *f, const char *code, const char *s, const char *e);

/* ---- discards ------------------------------------------------------------------------------ */

/* "+PHRASE" discards a story, "PHRASE" a sentence; a trailing "[###]" is allowed. A line of
 * tab-separated fields is an error. -1 only when out of memory. */
int pl_foreign_discard_line(pl_foreign *f, const char *s, const char *e);
/* A whole discard file: lines until the end. A file whose first line is a tab-separated
 * table is no discard list: one error and nothing loaded. */
int pl_foreign_read_discards(pl_foreign *f);

#endif
