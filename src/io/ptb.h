/* ptb.h: Penn Treebank bracketed parses ("(ROOT (S (NP (NNP Arnor)) (VP ...)))"), as
 * PETRARCH's records carry them, read into a tree of nodes over the sentence's words.
 * Internal to libparley. */
#ifndef PL_PTB_H
#define PL_PTB_H

#include <stddef.h>
#include <stdint.h>

#include "util/util.h"

#define PL_PTB_LABEL 16

typedef struct pl_ptb_node {
    char label[PL_PTB_LABEL]; /* "NP", "VBD", "S"; longer labels are cut */
    int32_t parent;          /* -1 for a root */
    uint32_t first, last;    /* the words it covers, [first, last) */
    uint8_t coordinated;     /* a conjunction (CC) among its children: "(NP (NP A) (CC and)
                                (NP B))" */
} pl_ptb_node;

typedef struct pl_ptb {
    pl_ptb_node *nodes;      /* parents before their children */
    size_t n, cap;
    pl_buf words;            /* the words, each ended by NUL */
    uint32_t *word_at;       /* offset of word i in words */
    int32_t *word_node;      /* the node word i stands in: its part-of-speech tag */
    size_t nwords, words_cap;
} pl_ptb;

/* Reads s[0..len) into t (emptied first). 0, or -1 when it is no well-formed bracketing
 * (the reason, with a byte offset, in err), or -2 when out of memory. Any depth: the reader
 * keeps its own stack. */
int pl_ptb_parse(pl_ptb *t, const char *s, size_t len, char *err, size_t errlen);
void pl_ptb_free(pl_ptb *t);

static inline const char *pl_ptb_word(const pl_ptb *t, size_t i)
{
    return t->words.data + t->word_at[i];
}

#endif
